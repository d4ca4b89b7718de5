//! Main-text extraction (boilerplate removal) against three gold sets of web pages.
//!
//! The extractor under test is the pipeline users run: the page bytes are decoded as
//! `veille analyze` decodes them, and the body is the document's text without its title line.
//!
//! Two metrics:
//! - **snippets** (trafilatura's evaluation set): every "with" snippet found in the extracted
//!   text is a true positive, missing a false negative; every "without" snippet found is a
//!   false positive (absent: a true negative, not counted). White space is collapsed on both
//!   sides before searching.
//! - **4-gram shingles** (ScrapingHub's article-extraction benchmark, DAnIEL): see
//!   [`shingle_scores`]; the mean over documents of per-document precision, recall and F1.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clean::CleanOptions;
use doc::{RawArticle, RawBody};
use pipeline::Analyzer;
use serde::Deserialize;

use crate::{Counts, Row};

const TASK: &str = "clean";
const TRAFILATURA: &str = "boilerplate-trafilatura (dev)";
const SCRAPINGHUB: &str = "boilerplate-scrapinghub (dev)";
const DANIEL: &str = "boilerplate-daniel (dev)";

/// Main-text extraction on the trafilatura evaluation set (snippets; per `<html lang>`: de,
/// en, fr, other, and all), the ScrapingHub article-extraction benchmark (4-gram shingles) and
/// DAnIEL (4-gram shingles, en and ru). Pages are taken in a fixed order (sorted ids), at most
/// `limit` per set. Extraction time per set is printed to stderr (not a row: timing is not
/// quality).
pub fn cleaning(
    eval_dir: &Path,
    limit: Option<usize>,
    scoring: clean::html::Extractor,
) -> Result<Vec<Row>> {
    let extractor = Extractor::new(scoring);
    let mut rows = Vec::new();
    rows.extend(trafilatura_set(
        &extractor,
        &eval_dir.join("boilerplate-trafilatura"),
        limit,
    )?);
    rows.extend(scrapinghub_set(
        &extractor,
        &eval_dir.join("boilerplate-scrapinghub"),
        limit,
    )?);
    rows.extend(daniel_set(
        &extractor,
        &eval_dir.join("boilerplate-daniel"),
        limit,
    )?);
    Ok(rows)
}

/// The pipeline, and the time spent in it.
struct Extractor {
    analyzer: Analyzer,
}

/// Time spent on the pages of one set.
#[derive(Default)]
struct Timing {
    pages: usize,
    /// Decoding and `clean::build` (the extraction proper).
    clean: Duration,
    /// Decoding, cleaning and the rest of the pipeline (langid, segment).
    total: Duration,
}

impl Timing {
    fn report(&self, set: &str) {
        let secs = self.clean.as_secs_f64();
        let total = self.total.as_secs_f64();
        let rate = |s: f64| if s > 0.0 { self.pages as f64 / s } else { 0.0 };
        eprintln!(
            "veille: timing {set}: {} pages, extraction {secs:.3} s ({:.1} pages/s); \
             with the whole pipeline {total:.3} s ({:.1} pages/s)",
            self.pages,
            rate(secs),
            rate(total),
        );
    }
}

impl Extractor {
    fn new(scoring: clean::html::Extractor) -> Extractor {
        Extractor {
            analyzer: Analyzer::new(CleanOptions {
                extractor: scoring,
                ..CleanOptions::default()
            }),
        }
    }

    /// The main text of a page (without its title line); an undecodable page gives "".
    fn extract(&self, id: &str, bytes: &[u8], timing: &mut Timing) -> String {
        let start = Instant::now();
        timing.pages += 1;
        let Ok(decoded) = input::decode::decode_html(bytes) else {
            let spent = start.elapsed();
            timing.clean += spent;
            timing.total += spent;
            return String::new();
        };
        let raw = RawArticle {
            diagnostics: decoded.diagnostics,
            ..RawArticle::new(id.to_owned(), RawBody::Html(decoded.text))
        };
        // `Analyzer::analyze`, in its two steps, to time the extraction apart.
        let mut doc = self.analyzer.build_document(raw);
        timing.clean += start.elapsed();
        self.analyzer.pipeline.run(&mut doc);
        timing.total += start.elapsed();
        body_without_title(doc.text(), doc.title.as_deref()).to_owned()
    }
}

/// `text` without its first line when that line is `title`, and the blank line after it.
fn body_without_title<'a>(text: &'a str, title: Option<&str>) -> &'a str {
    let Some(title) = title.filter(|t| !t.is_empty()) else {
        return text;
    };
    match text.strip_prefix(title) {
        Some(rest) if rest.is_empty() => rest,
        Some(rest) if rest.starts_with('\n') => rest
            .strip_prefix("\n\n")
            .or_else(|| rest.strip_prefix('\n'))
            .unwrap_or(rest),
        _ => text,
    }
}

fn read_gz(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(bytes)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// trafilatura: snippets

#[derive(Deserialize)]
struct SnippetGold {
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    staged_file: String,
    #[serde(default)]
    html_lang_attr: String,
}

fn trafilatura_set(extractor: &Extractor, dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let gold: BTreeMap<String, SnippetGold> = read_json(&dir.join("evaldata.json"))?;
    let mut timing = Timing::default();
    let mut per_lang: BTreeMap<&str, (Counts, usize)> = BTreeMap::new();
    for (url, item) in gold.iter().take(limit.unwrap_or(usize::MAX)) {
        let bytes = read_gz(&dir.join(&item.staged_file))?;
        let text = extractor.extract(url, &bytes, &mut timing);
        let (counts, _true_negatives) = snippet_counts(&text, &item.with, &item.without);
        let lang = match item.html_lang_attr.as_str() {
            lang @ ("de" | "en" | "fr") => lang,
            _ => "other",
        };
        for key in [lang, "all"] {
            let entry = per_lang.entry(key).or_default();
            entry.0 += counts;
            entry.1 += 1;
        }
    }
    timing.report(TRAFILATURA);
    Ok(["de", "en", "fr", "other", "all"]
        .into_iter()
        .filter_map(|lang| {
            per_lang
                .get(lang)
                .map(|(c, n)| Row::new(TASK, TRAFILATURA, lang, "snippet", "all", *n, *c))
        })
        .collect())
}

/// Collapses every run of white space (Unicode `White_Space`) to one space and trims.
pub fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Snippet counts of an extracted `text`: a `with` snippet found is a true positive, missing a
/// false negative; a `without` snippet found is a false positive. Returns the counts and the
/// number of true negatives (`without` snippets absent). Comparison is on
/// [`collapse_white_space`]d strings; an empty snippet is ignored.
pub fn snippet_counts(text: &str, with: &[String], without: &[String]) -> (Counts, usize) {
    let text = collapse_white_space(text);
    let mut counts = Counts::default();
    let mut true_negatives = 0;
    for snippet in with.iter().map(|s| collapse_white_space(s)) {
        if snippet.is_empty() {
            continue;
        }
        if text.contains(&snippet) {
            counts.tp += 1;
        } else {
            counts.fn_ += 1;
        }
    }
    for snippet in without.iter().map(|s| collapse_white_space(s)) {
        if snippet.is_empty() {
            continue;
        }
        if text.contains(&snippet) {
            counts.fp += 1;
        } else {
            true_negatives += 1;
        }
    }
    (counts, true_negatives)
}

// ---------------------------------------------------------------------------------------------
// Shingles

/// Lower-cased words: maximal runs of alphanumeric characters.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The set of `n`-word shingles of `words` (joined by a space). Fewer than `n` words give one
/// shingle of all of them; no words, no shingle.
pub fn shingles(words: &[String], n: usize) -> HashSet<String> {
    if words.is_empty() {
        return HashSet::new();
    }
    if words.len() < n {
        return HashSet::from([words.join(" ")]);
    }
    words.windows(n).map(|w| w.join(" ")).collect()
}

/// Per-document shingle scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShingleScores {
    /// Shingles of the prediction also in the gold, in the prediction only, in the gold only.
    pub counts: Counts,
    /// |pred ∩ gold| / |pred|.
    pub precision: f64,
    /// |pred ∩ gold| / |gold|.
    pub recall: f64,
    /// Harmonic mean of the two (0 when both are 0).
    pub f1: f64,
}

/// 4-gram shingle precision, recall and F1 of a `predicted` text against a `gold` one, both
/// split into lower-cased [`words`] and turned into sets of [`shingles`].
///
/// Edge cases, by definition:
/// - empty prediction, non-empty gold: P = 0, R = 0, F1 = 0 (nothing extracted is a failure,
///   not a perfect precision);
/// - non-empty prediction, empty gold: P = 0, R = 1, F1 = 0;
/// - both empty: P = R = F1 = 1.
pub fn shingle_scores(predicted: &str, gold: &str) -> ShingleScores {
    const N: usize = 4;
    let pred = shingles(&words(predicted), N);
    let gold = shingles(&words(gold), N);
    let tp = pred.intersection(&gold).count();
    let counts = Counts {
        tp,
        fp: pred.len() - tp,
        fn_: gold.len() - tp,
    };
    let (precision, recall) = match (pred.is_empty(), gold.is_empty()) {
        (true, true) => (1.0, 1.0),
        (true, false) => (0.0, 0.0),
        (false, true) => (0.0, 1.0),
        (false, false) => (tp as f64 / pred.len() as f64, tp as f64 / gold.len() as f64),
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    ShingleScores {
        counts,
        precision,
        recall,
        f1,
    }
}

/// Mean per-document scores of one set and language.
#[derive(Default)]
struct MeanScores {
    counts: Counts,
    items: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl MeanScores {
    fn add(&mut self, s: ShingleScores) {
        self.counts += s.counts;
        self.items += 1;
        self.precision += s.precision;
        self.recall += s.recall;
        self.f1 += s.f1;
    }

    fn row(&self, set: &str, lang: &str) -> Row {
        let n = self.items.max(1) as f64;
        Row::new(
            TASK,
            set,
            lang,
            "4-gram-shingle",
            "doc-mean",
            self.items,
            self.counts,
        )
        .with_scores(self.precision / n, self.recall / n, self.f1 / n)
    }
}

#[derive(Deserialize)]
struct ArticleGold {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

fn scrapinghub_set(extractor: &Extractor, dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let gold: BTreeMap<String, ArticleGold> = read_json(&dir.join("ground-truth.json"))?;
    let mut timing = Timing::default();
    let mut mean = MeanScores::default();
    for (id, item) in gold.iter().take(limit.unwrap_or(usize::MAX)) {
        let bytes = read_gz(&dir.join(format!("html/{id}.html.gz")))?;
        let text = extractor.extract(id, &bytes, &mut timing);
        mean.add(shingle_scores(&text, &item.article_body));
    }
    timing.report(SCRAPINGHUB);
    Ok(vec![mean.row(SCRAPINGHUB, "all")])
}

fn daniel_set(extractor: &Extractor, dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let path = dir.join("manifest.tsv");
    let manifest =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut by_lang: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let mut fields = line.split('\t');
        let (Some(id), Some(language)) = (fields.next(), fields.next()) else {
            continue;
        };
        let lang = match language {
            "English" => "en",
            "Russian" => "ru",
            _ => continue,
        };
        by_lang.entry(lang).or_default().push(id);
    }
    let mut timing = Timing::default();
    let mut rows = Vec::new();
    for lang in ["en", "ru"] {
        let mut ids = by_lang.remove(lang).unwrap_or_default();
        ids.sort_unstable();
        let mut mean = MeanScores::default();
        for id in ids.into_iter().take(limit.unwrap_or(usize::MAX)) {
            let bytes = read_gz(&dir.join(format!("html/{id}.html.gz")))?;
            let reference_path = dir.join(format!("reference/{id}.txt"));
            let reference = std::fs::read_to_string(&reference_path)
                .with_context(|| format!("reading {}", reference_path.display()))?;
            let text = extractor.extract(id, &bytes, &mut timing);
            mean.add(shingle_scores(&text, &strip_paragraph_tags(&reference)));
        }
        rows.push(mean.row(DANIEL, lang));
    }
    timing.report(DANIEL);
    Ok(rows)
}

/// A CleanEval-style reference without its paragraph markup (`<p>`, `</p>`, `<h>`, `<l>`...:
/// a `<`, at most four letters, slashes or colons, a `>`), each tag replaced by a line break.
fn strip_paragraph_tags(reference: &str) -> String {
    let mut out = String::with_capacity(reference.len());
    let mut rest = reference;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let tag_len = after
            .char_indices()
            .take(5)
            .find(|&(_, c)| c == '>')
            .map(|(j, _)| j)
            .filter(|&j| {
                j > 0
                    && after[..j]
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || c == '/' || c == ':')
            });
        match tag_len {
            Some(j) => {
                out.push('\n');
                rest = &after[j + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn snippets_are_found_across_white_space() {
        let text = "Title\n\nThe  main\u{a0}text of\nthe page.\n\nShare on social media";
        let with = strings(&["The main text of the page.", "A paragraph we missed."]);
        let without = strings(&["Share on\tsocial media", "Cookie policy", ""]);
        let (counts, tn) = snippet_counts(text, &with, &without);
        assert_eq!(
            counts,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(tn, 1);
        let (empty, tn) = snippet_counts("", &with, &without);
        assert_eq!((empty.tp, empty.fp, empty.fn_, tn), (0, 0, 2, 2));
    }

    #[test]
    fn words_and_shingles() {
        assert_eq!(
            words("L'État, c'est MOI — 2024!"),
            strings(&["l", "état", "c", "est", "moi", "2024"])
        );
        let w = strings(&["a", "b", "c", "d", "e"]);
        let s = shingles(&w, 4);
        assert_eq!(
            s,
            HashSet::from(["a b c d".to_owned(), "b c d e".to_owned()])
        );
        assert_eq!(
            shingles(&strings(&["a", "b"]), 4),
            HashSet::from(["a b".to_owned()])
        );
        assert!(shingles(&[], 4).is_empty());
    }

    #[test]
    #[allow(clippy::float_cmp)]
    fn shingle_scores_on_tiny_texts() {
        // gold shingles: {a b c d, b c d e, c d e f}; predicted: {x a b c, a b c d, b c d e}.
        let s = shingle_scores("x a b c d e", "A b, c d e f");
        assert_eq!(
            s.counts,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
        // Identical texts; repeated shingles count once.
        let same = shingle_scores("a b c d a b c d", "a b c d a b c d");
        assert_eq!((same.precision, same.recall, same.f1), (1.0, 1.0, 1.0));
        // Short texts: one shingle of all their words.
        let short = shingle_scores("Hello world", "hello, WORLD");
        assert_eq!((short.precision, short.recall), (1.0, 1.0));
        // Empty prediction.
        let empty = shingle_scores("  ", "a b c d e");
        assert_eq!((empty.precision, empty.recall, empty.f1), (0.0, 0.0, 0.0));
        assert_eq!(empty.counts.fn_, 2);
        let both = shingle_scores("", "");
        assert_eq!((both.precision, both.recall, both.f1), (1.0, 1.0, 1.0));
        let no_gold = shingle_scores("a b c d", "");
        assert_eq!(
            (no_gold.precision, no_gold.recall, no_gold.f1),
            (0.0, 1.0, 0.0)
        );
    }

    #[test]
    fn title_line_is_dropped() {
        assert_eq!(body_without_title("T\n\nBody", Some("T")), "Body");
        assert_eq!(body_without_title("T", Some("T")), "");
        assert_eq!(body_without_title("Tx\n\nBody", Some("T")), "Tx\n\nBody");
        assert_eq!(body_without_title("Body", None), "Body");
    }

    #[test]
    fn reference_markup_is_stripped() {
        assert_eq!(
            strip_paragraph_tags("<p>a < b</p>\n<h>Title</h><:p>x"),
            "\na < b\n\n\nTitle\n\nx"
        );
    }
}
