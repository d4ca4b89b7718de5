//! Quality measured on public gold sets (`../shared/eval`), the frame every extractor plugs
//! into: a reader per gold format ([`gold`]), the pipeline run as users run it, and
//! precision/recall/F1 ([`Counts`]) per set, language and label, as [`Row`]s that print as a
//! table or serialize as a report.

mod clean_eval;
mod furniture_eval;
pub mod gold;
mod langid_eval;
mod ner_eval;
mod quantities_eval;
mod quotes_eval;
mod resolve_eval;
mod segment_eval;
mod times_eval;

use serde::Serialize;

pub use clean_eval::{
    ShingleScores, cleaning, collapse_white_space, shingle_scores, shingles, snippet_counts, words,
};
pub use furniture_eval::furniture;
pub use langid_eval::language_id;
pub use ner_eval::{
    ModelLoad, NerReport, NerTally, Speed, TextTagger, TokenTagger, export_dev as ner_export_dev,
    file_name as ner_file_name, match_counts as ner_match_counts, ner,
    predictions as ner_predictions, rows_of as ner_rows, score_sentences as ner_score_sentences,
    score_texts as ner_score_texts,
};
pub use quantities_eval::quantities;
pub use quotes_eval::quotes;
pub use resolve_eval::{
    ClusterScores, ResolveReport, ResolveSet, cluster_scores, resolution, resolve_sets_table,
};
pub use segment_eval::segmentation;
pub use times_eval::times;

/// True positives, false positives, false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predicted and in the gold.
    pub tp: usize,
    /// Predicted, not in the gold.
    pub fp: usize,
    /// In the gold, not predicted.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Counts of `predicted` against `gold`, both sorted and without duplicates.
    pub fn of_sorted<T: Ord>(predicted: &[T], gold: &[T]) -> Counts {
        let (mut i, mut j, mut tp) = (0, 0, 0);
        while i < predicted.len() && j < gold.len() {
            match predicted[i].cmp(&gold[j]) {
                std::cmp::Ordering::Equal => {
                    tp += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        Counts {
            tp,
            fp: predicted.len() - tp,
            fn_: gold.len() - tp,
        }
    }

    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall (1 when the gold is empty).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// The analyzer for gold texts: kept as given (`--no-clean`), no title line taken, so gold
/// offsets and the document's offsets are the same.
pub(crate) fn as_given_analyzer() -> pipeline::Analyzer {
    pipeline::Analyzer::new(clean::CleanOptions {
        keep_text: true,
        no_title: true,
        ..clean::CleanOptions::default()
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One line of a report: a metric on one set, language and label.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// `segment`, `langid`, ...
    pub task: &'static str,
    /// The gold set (folder under `../shared/eval` and part).
    pub set: String,
    /// Language of the items, or `all`.
    pub lang: String,
    /// What is counted (`sentence-boundary`, `token`, `language`).
    pub metric: &'static str,
    /// A label or slice, or `all`.
    pub label: String,
    /// Items (documents or sentences) evaluated.
    pub items: usize,
    /// The counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Row {
    pub(crate) fn new(
        task: &'static str,
        set: &str,
        lang: &str,
        metric: &'static str,
        label: &str,
        items: usize,
        counts: Counts,
    ) -> Row {
        Row {
            task,
            set: set.to_owned(),
            lang: lang.to_owned(),
            metric,
            label: label.to_owned(),
            items,
            counts,
            precision: round(counts.precision()),
            recall: round(counts.recall()),
            f1: round(counts.f1()),
        }
    }
}

impl Row {
    /// The row with precision, recall and F1 given rather than computed from its counts
    /// (scores averaged over documents, say); the counts stay, for information.
    pub fn with_scores(mut self, precision: f64, recall: f64, f1: f64) -> Row {
        self.precision = round(precision);
        self.recall = round(recall);
        self.f1 = round(f1);
        self
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Formats rows as an aligned table.
pub fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<44} {:<5} {:<18} {:<10} {:>6} {:>7} {:>6} {:>6}  {:>6} {:>6} {:>6}\n",
        "set", "lang", "metric", "label", "items", "tp", "fp", "fn", "P", "R", "F1"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<44} {:<5} {:<18} {:<10} {:>6} {:>7} {:>6} {:>6}  {:>6.3} {:>6.3} {:>6.3}\n",
            r.set,
            r.lang,
            r.metric,
            r.label,
            r.items,
            r.counts.tp,
            r.counts.fp,
            r.counts.fn_,
            r.precision,
            r.recall,
            r.f1
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    #[allow(clippy::float_cmp)]
    fn counts_and_scores() {
        let c = Counts::of_sorted(&[1, 3, 5, 7], &[1, 2, 3, 4]);
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(c.precision(), 0.5);
        assert_eq!(c.recall(), 0.5);
        assert_eq!(c.f1(), 0.5);
        let none = Counts::of_sorted::<u32>(&[], &[1]);
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (1.0, 0.0, 0.0)
        );
    }
}
