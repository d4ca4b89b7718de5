//! Language identification against texts of known language.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use doc::{RawArticle, RawBody};
use pipeline::Analyzer;

use crate::{Counts, Row, gold};

/// Language id on WikiNEuRal sentences (fr, en, ru; `val` part) and on news-realism articles:
/// per-language precision/recall/F1 of the predicted language (an abstention counts as a
/// miss), and the same on short sentences (at most 40 characters) apart.
pub fn language_id(eval_dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let analyzer = crate::as_given_analyzer();
    let mut rows = Vec::new();
    let mut sentences = Vec::new();
    for lang in ["fr", "en", "ru"] {
        let path = eval_dir.join(format!("ner-wikineural/{lang}/val.conllu"));
        let mut items = gold::conll_sentences(&path)?;
        if let Some(n) = limit {
            items.truncate(n);
        }
        sentences.extend(items.into_iter().map(|t| (lang.to_owned(), t)));
    }
    rows.extend(score(
        &analyzer,
        "ner-wikineural (val sentences)",
        &sentences,
        |_| true,
        "all",
    ));
    rows.extend(score(
        &analyzer,
        "ner-wikineural (val sentences)",
        &sentences,
        |t| t.chars().count() <= 40,
        "≤40 chars",
    ));
    let mut articles = gold::lang_texts(&eval_dir.join("news-realism/news-realism.jsonl"))?;
    if let Some(n) = limit {
        articles.truncate(n);
    }
    rows.extend(score(
        &analyzer,
        "news-realism (articles)",
        &articles,
        |_| true,
        "all",
    ));
    Ok(rows)
}

fn score(
    analyzer: &Analyzer,
    set: &str,
    items: &[(String, String)],
    keep: impl Fn(&str) -> bool,
    slice: &str,
) -> Vec<Row> {
    let mut per_lang: BTreeMap<String, (Counts, usize)> = BTreeMap::new();
    let mut total = (Counts::default(), 0);
    for (gold, text) in items.iter().filter(|(_, t)| keep(t)) {
        let raw = RawArticle::new(String::new(), RawBody::Text(text.clone()));
        let doc = analyzer.analyze(raw);
        let predicted = doc.lang_code().map(|c| c.to_string());
        per_lang.entry(gold.clone()).or_default().1 += 1;
        total.1 += 1;
        if predicted.as_deref() == Some(gold.as_str()) {
            per_lang.entry(gold.clone()).or_default().0.tp += 1;
            total.0.tp += 1;
        } else {
            per_lang.entry(gold.clone()).or_default().0.fn_ += 1;
            total.0.fn_ += 1;
            if let Some(p) = predicted {
                per_lang.entry(p).or_default().0.fp += 1;
                total.0.fp += 1;
            }
        }
    }
    let mut rows: Vec<Row> = per_lang
        .iter()
        .filter(|(_, (c, n))| *n > 0 || c.fp > 0)
        .map(|(lang, (counts, n))| Row::new("langid", set, lang, "language", slice, *n, *counts))
        .collect();
    rows.push(Row::new(
        "langid", set, "all", "language", slice, total.1, total.0,
    ));
    rows
}
