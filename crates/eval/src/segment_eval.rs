//! Sentence and token boundaries against gold segmentations.

use std::path::Path;

use anyhow::Result;
use doc::{LangCode, RawArticle, RawBody};
use pipeline::Analyzer;

use crate::gold::{self, SegmentedText};
use crate::{Counts, Row};

/// Segmentation on factRuEval-2016 (ru) and HIPE-2022 (fr, en): sentence-boundary P/R/F1
/// (the end of every sentence but the last of a document) and exact token-span P/R/F1.
/// The text is analysed as given (`--no-clean`) with its language declared.
pub fn segmentation(eval_dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let analyzer = crate::as_given_analyzer();
    let mut rows = Vec::new();
    let (ru, _skipped) = gold::factrueval(&eval_dir.join("ner-factrueval-2016/devset"))?;
    rows.extend(score(
        &analyzer,
        "ner-factrueval-2016/devset",
        LangCode::RU,
        truncate(ru, limit),
    ));
    for (set, file, lang) in [
        (
            "ner-hipe2022/hipe2020/fr (dev)",
            "ner-hipe2022/hipe2020/fr/HIPE-2022-v2.1-hipe2020-dev-fr.tsv",
            LangCode::FR,
        ),
        (
            "ner-hipe2022/letemps/fr (dev)",
            "ner-hipe2022/letemps/fr/HIPE-2022-v2.1-letemps-dev-fr.tsv",
            LangCode::FR,
        ),
        (
            "ner-hipe2022/newseye/fr (dev)",
            "ner-hipe2022/newseye/fr/HIPE-2022-v2.1-newseye-dev-fr.tsv",
            LangCode::FR,
        ),
        (
            "ner-hipe2022/hipe2020/en (dev)",
            "ner-hipe2022/hipe2020/en/HIPE-2022-v2.1-hipe2020-dev-en.tsv",
            LangCode::EN,
        ),
        (
            "ner-hipe2022/topres19th/en (dev)",
            "ner-hipe2022/topres19th/en/HIPE-2022-v2.1-topres19th-dev-en.tsv",
            LangCode::EN,
        ),
    ] {
        let docs = gold::hipe(&eval_dir.join(file))?;
        rows.extend(score(&analyzer, set, lang, truncate(docs, limit)));
    }
    Ok(rows)
}

fn truncate<T>(mut v: Vec<T>, limit: Option<usize>) -> Vec<T> {
    if let Some(n) = limit {
        v.truncate(n);
    }
    v
}

fn score(analyzer: &Analyzer, set: &str, lang: LangCode, docs: Vec<SegmentedText>) -> Vec<Row> {
    let mut boundaries = Counts::default();
    let mut tokens = Counts::default();
    let n = docs.len();
    for gold in docs {
        let raw = RawArticle {
            lang: Some(lang),
            ..RawArticle::new(gold.id.clone(), RawBody::Text(gold.text.clone()))
        };
        let doc = analyzer.analyze(raw);
        let predicted_ends: Vec<usize> =
            sentence_ends(doc.sentences().unwrap_or_default().iter().map(|r| r.end()));
        let gold_ends: Vec<usize> = sentence_ends(gold.sentences.iter().map(|&(_, e)| e));
        boundaries += Counts::of_sorted(&predicted_ends, &gold_ends);
        let predicted_tokens: Vec<(usize, usize)> = doc
            .tokens()
            .unwrap_or_default()
            .iter()
            .map(|t| (t.range.start(), t.range.end()))
            .collect();
        tokens += Counts::of_sorted(&predicted_tokens, &gold.tokens);
    }
    let lang = lang.to_string();
    vec![
        Row::new(
            "segment",
            set,
            &lang,
            "sentence-boundary",
            "all",
            n,
            boundaries,
        ),
        Row::new("segment", set, &lang, "token", "all", n, tokens),
    ]
}

/// Sentence ends without the last one (the end of the text is a boundary for free).
fn sentence_ends(ends: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut ends: Vec<usize> = ends.collect();
    ends.sort_unstable();
    ends.dedup();
    ends.pop();
    ends
}
