//! Named entities on our Dev part of the annotated sets ([`corpora`]): entity-level exact-match
//! precision, recall and F1, overall and per label, and the tagger's speed.
//!
//! **Scoring.** A predicted entity is a true positive when a gold entity has the same start,
//! the same end and the same label (CoNLL-style exact match); a right span with a wrong label
//! is a false positive of its label and a false negative of the gold one. A set scores only
//! the labels it annotates ([`corpora::Set::labels`]: Europeana, Le Temps, NEREL and
//! factRuEval have no MISC, TopRes19th only places): predictions of other labels are left out,
//! not counted as errors. `all` sums the counts of the set's labels (micro average).
//!
//! **Inputs.** Sentence sets (WikiNEuRal, Europeana, HIPE) are tagged on their gold tokens, one
//! sentence at a time; text sets (NEREL, factRuEval) are analysed from their raw text, as users
//! run `veille analyze` (text kept as given, language declared), and the entities compared by
//! byte range. The scorer takes any tagger ([`score_sentences`], [`score_texts`]), so the same
//! code scores ours and an external one's predictions ([`predictions`]) written over the files
//! [`export_dev`] writes.
//!
//! **Speed.** For sentence sets, tokens per second of the tagger call alone (wall clock, one
//! thread); for text sets, of the whole analysis (cleaning, segmentation and every stage), so
//! the two are not comparable. An external tagger's speed is what it reports in its
//! `index.jsonl`.
//!
//! **Files** (`--export-dev DIR`, `--predictions DIR`): `DIR/index.jsonl`, one line per set:
//! `{"set", "file", "lang", "kind": "tokens"|"texts", "labels", "items", "tokens"}` (a
//! predictions index may add `"seconds"`: the tagger's time on the set, and `"tokens"`: the
//! tokens it processed); `DIR/<file>`, one line per sentence, `{"tokens": [...], "spans":
//! [{"start", "end", "label"}]}` with token indices (end exclusive), or per text, `{"id",
//! "text", "spans": [...]}` with **character** (code point) offsets, what Python's `str` uses.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use corpora::{
    Annotated, EntityLabel, LangCode, Part, Sentence, Set, TextDoc, TextSpan, TokenSpan,
};
use doc::{RawArticle, RawBody};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{Counts, Row};

/// Tags a sentence of given tokens.
pub type TokenTagger<'a> = dyn Fn(&[&str]) -> Vec<TokenSpan> + 'a;

/// Tags a raw text: its entities as byte ranges, and how many tokens it read.
pub type TextTagger<'a> = dyn Fn(&TextDoc, LangCode) -> Result<(Vec<TextSpan>, usize)> + 'a;

/// Counts of one set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NerTally {
    /// Sentences or documents.
    pub items: usize,
    /// Tokens tagged.
    pub tokens: usize,
    /// Counts per label, in [`EntityLabel::ALL`] order.
    pub counts: [Counts; 4],
    /// Time spent in the tagger.
    pub seconds: f64,
}

impl NerTally {
    /// The counts of the labels in `labels`, summed.
    pub fn total(&self, labels: &[EntityLabel]) -> Counts {
        let mut c = Counts::default();
        for l in labels {
            c += self.counts[index(*l)];
        }
        c
    }
}

/// The tagger's speed on one set.
#[derive(Clone, Debug, Serialize)]
pub struct Speed {
    /// The set and part.
    pub set: String,
    /// Its language.
    pub lang: String,
    /// What was timed: `tagger` (given tokens), `analysis` (raw text), `external`.
    pub timed: &'static str,
    /// Tokens processed.
    pub tokens: usize,
    /// Seconds.
    pub seconds: f64,
    /// Tokens per second.
    pub tokens_per_second: f64,
}

/// Rows and speeds of `veille eval ner`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NerReport {
    /// P/R/F1 per set and label.
    pub rows: Vec<Row>,
    /// Tokens per second per set.
    pub speed: Vec<Speed>,
    /// Time to load (parse) each language's built-in model, first use in the process.
    pub model_load: Vec<ModelLoad>,
}

/// Time to load a built-in model.
#[derive(Clone, Debug, Serialize)]
pub struct ModelLoad {
    /// The language.
    pub lang: String,
    /// Milliseconds for the first [`entities::Model::for_lang`] call of the process.
    pub milliseconds: f64,
}

fn index(label: EntityLabel) -> usize {
    EntityLabel::ALL
        .iter()
        .position(|l| *l == label)
        .unwrap_or_default()
}

/// Exact-match counts per label of `predicted` against `gold` (`(start, end, label)` in any
/// unit), for the labels in `labels` only.
pub fn match_counts(
    predicted: &[(usize, usize, EntityLabel)],
    gold: &[(usize, usize, EntityLabel)],
    labels: &[EntityLabel],
) -> [Counts; 4] {
    let mut out = [Counts::default(); 4];
    for &label in labels {
        let pick = |v: &[(usize, usize, EntityLabel)]| {
            let mut v: Vec<(usize, usize)> = v
                .iter()
                .filter(|s| s.2 == label)
                .map(|s| (s.0, s.1))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        out[index(label)] = Counts::of_sorted(&pick(predicted), &pick(gold));
    }
    out
}

fn add(into: &mut [Counts; 4], from: [Counts; 4]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

fn token_triples(spans: &[TokenSpan]) -> Vec<(usize, usize, EntityLabel)> {
    spans.iter().map(|s| (s.start, s.end, s.label)).collect()
}

fn text_triples(spans: &[TextSpan]) -> Vec<(usize, usize, EntityLabel)> {
    spans
        .iter()
        .map(|s| (s.range.start, s.range.end, s.label))
        .collect()
}

/// Scores `tagger` on sentences of given tokens, timing each call.
pub fn score_sentences(
    sentences: &[Sentence],
    labels: &[EntityLabel],
    tagger: &TokenTagger,
) -> NerTally {
    let mut tally = NerTally::default();
    let mut words: Vec<&str> = Vec::new();
    for s in sentences {
        words.clear();
        words.extend(s.tokens.iter().map(String::as_str));
        let start = Instant::now();
        let predicted = tagger(&words);
        tally.seconds += start.elapsed().as_secs_f64();
        add(
            &mut tally.counts,
            match_counts(&token_triples(&predicted), &token_triples(&s.spans), labels),
        );
        tally.items += 1;
        tally.tokens += s.tokens.len();
    }
    tally
}

/// Scores `tagger` on raw texts, timing each call.
pub fn score_texts(
    docs: &[TextDoc],
    lang: LangCode,
    labels: &[EntityLabel],
    tagger: &TextTagger,
) -> Result<NerTally> {
    let mut tally = NerTally::default();
    for d in docs {
        let start = Instant::now();
        let (predicted, tokens) = tagger(d, lang)?;
        tally.seconds += start.elapsed().as_secs_f64();
        add(
            &mut tally.counts,
            match_counts(&text_triples(&predicted), &text_triples(&d.spans), labels),
        );
        tally.items += 1;
        tally.tokens += tokens;
    }
    Ok(tally)
}

/// Report rows of a set: `all`, then each label it annotates.
pub fn rows_of(set: &str, lang: LangCode, labels: &[EntityLabel], tally: &NerTally) -> Vec<Row> {
    let lang = lang.to_string();
    let mut rows = vec![Row::new(
        "ner",
        set,
        &lang,
        "entity-exact",
        "all",
        tally.items,
        tally.total(labels),
    )];
    for l in labels {
        rows.push(Row::new(
            "ner",
            set,
            &lang,
            "entity-exact",
            l.as_str(),
            tally.items,
            tally.counts[index(*l)],
        ));
    }
    rows
}

fn speed_of(set: &str, lang: &str, timed: &'static str, tokens: usize, seconds: f64) -> Speed {
    Speed {
        set: set.to_owned(),
        lang: lang.to_owned(),
        timed,
        tokens,
        seconds: (seconds * 1e6).round() / 1e6,
        tokens_per_second: if seconds > 0.0 {
            (tokens as f64 / seconds).round()
        } else {
            0.0
        },
    }
}

fn dev_sets(eval_dir: &Path, limit: Option<usize>) -> Result<Vec<Set>> {
    let mut sets = corpora::sets(eval_dir, Part::Dev)
        .with_context(|| format!("reading the annotated sets in {}", eval_dir.display()))?;
    if sets.is_empty() {
        bail!(
            "no annotated NER set (ner-wikineural, ner-hipe2022, ...) in {}",
            eval_dir.display()
        );
    }
    if let Some(n) = limit {
        for s in &mut sets {
            match &mut s.data {
                Annotated::Tokens(v) => v.truncate(n),
                Annotated::Texts(v) => v.truncate(n),
            }
        }
    }
    Ok(sets)
}

fn row_set_name(set: &Set) -> String {
    format!("{} (dev)", set.name)
}

/// Our tagger on a sentence of given tokens, with buffers kept between calls.
fn our_token_tagger(model: &'static entities::Model) -> impl Fn(&[&str]) -> Vec<TokenSpan> {
    let buffers = RefCell::new((Vec::new(), Vec::new()));
    move |tokens: &[&str]| {
        let mut b = buffers.borrow_mut();
        let (tags, spans) = &mut *b;
        model.tag(tokens, tags);
        entities::spans(tags, spans);
        spans
            .iter()
            .map(|s| TokenSpan {
                start: s.start,
                end: s.end,
                label: s.label,
            })
            .collect()
    }
}

/// Our analysis of a raw text: the pipeline users run (text kept as given, language declared),
/// with the entity stage ([`entities::TagEntities`]: the tagger per sentence, then the
/// document-level rules) run after it when the standard pipeline does not include it yet.
fn our_text_tagger(
    analyzer: &pipeline::Analyzer,
) -> impl Fn(&TextDoc, LangCode) -> Result<(Vec<TextSpan>, usize)> + '_ {
    move |d: &TextDoc, lang: LangCode| {
        let raw = RawArticle {
            lang: Some(lang),
            ..RawArticle::new(d.id.clone(), RawBody::Text(d.text.clone()))
        };
        let mut doc = analyzer.analyze(raw);
        if doc.text() != d.text {
            bail!(
                "document {}: the analysed text differs from the gold text, offsets would not match",
                d.id
            );
        }
        if doc.entities().is_none() {
            doc::Stage::run(&entities::TagEntities::new(), &mut doc);
        }
        let tokens = doc.tokens().map_or(0, <[_]>::len);
        let spans = doc
            .entities()
            .unwrap_or_default()
            .iter()
            .map(|e| TextSpan {
                range: e.range.start()..e.range.end(),
                label: e.label,
            })
            .collect();
        Ok((spans, tokens))
    }
}

/// Our tagger on the Dev part of every set under `eval_dir` (at most `limit` items per set).
pub fn ner(eval_dir: &Path, limit: Option<usize>) -> Result<NerReport> {
    let analyzer = crate::as_given_analyzer();
    let text_tagger = our_text_tagger(&analyzer);
    let mut report = NerReport::default();
    let (mut all_tokens, mut all_seconds) = (0, 0.0);
    for set in dev_sets(eval_dir, limit)? {
        let name = row_set_name(&set);
        let labels = set.labels();
        let lang = set.lang.to_string();
        if !report.model_load.iter().any(|l| l.lang == lang) {
            let start = Instant::now();
            let loaded = entities::Model::for_lang(set.lang).is_some();
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            if loaded {
                report.model_load.push(ModelLoad {
                    lang,
                    milliseconds: (ms * 1000.0).round() / 1000.0,
                });
            }
        }
        let Some(model) = entities::Model::for_lang(set.lang) else {
            eprintln!(
                "veille: {}: skipped, no named-entity model for language {}",
                set.name, set.lang
            );
            continue;
        };
        let (tally, timed) = match &set.data {
            Annotated::Tokens(sentences) => {
                let tagger = our_token_tagger(model);
                let tally = score_sentences(sentences, labels, &tagger);
                all_tokens += tally.tokens;
                all_seconds += tally.seconds;
                (tally, "tagger")
            }
            Annotated::Texts(docs) => (
                score_texts(docs, set.lang, labels, &text_tagger)
                    .with_context(|| format!("set {}", set.name))?,
                "analysis",
            ),
        };
        report.rows.extend(rows_of(&name, set.lang, labels, &tally));
        report.speed.push(speed_of(
            &name,
            &set.lang.to_string(),
            timed,
            tally.tokens,
            tally.seconds,
        ));
    }
    if report.rows.is_empty() {
        bail!("no named-entity model for the languages of the sets: nothing scored");
    }
    if all_tokens > 0 {
        report.speed.push(speed_of(
            "all sentence sets",
            "all",
            "tagger",
            all_tokens,
            all_seconds,
        ));
    }
    Ok(report)
}

/// The file name of a set's lines: `wikineural/fr` → `wikineural-fr.jsonl`.
pub fn file_name(set: &str) -> String {
    format!("{}.jsonl", set.replace('/', "-"))
}

fn spans_json(spans: impl Iterator<Item = (usize, usize, EntityLabel)>) -> Value {
    Value::Array(
        spans
            .map(|(s, e, l)| json!({"start": s, "end": e, "label": l.as_str()}))
            .collect(),
    )
}

/// Writes the Dev part of every set under `eval_dir` (at most `limit` items per set) to `out`,
/// as described in the module documentation; returns the sets written with their item counts.
pub fn export_dev(
    eval_dir: &Path,
    limit: Option<usize>,
    out: &Path,
) -> Result<Vec<(String, usize)>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut index = Vec::new();
    let mut written = Vec::new();
    for set in dev_sets(eval_dir, limit)? {
        let file = file_name(&set.name);
        let path = out.join(&file);
        let create =
            std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = BufWriter::new(create);
        let (kind, tokens) = match &set.data {
            Annotated::Tokens(sentences) => {
                for s in sentences {
                    let line = json!({
                        "tokens": s.tokens,
                        "spans": spans_json(token_triples(&s.spans).into_iter()),
                    });
                    writeln!(w, "{line}")?;
                }
                ("tokens", sentences.iter().map(|s| s.tokens.len()).sum())
            }
            Annotated::Texts(docs) => {
                for d in docs {
                    let cp = doc::CodePointIndex::new(&d.text);
                    let spans = d.spans.iter().map(|s| {
                        (
                            cp.code_point(s.range.start),
                            cp.code_point(s.range.end),
                            s.label,
                        )
                    });
                    let line = json!({"id": d.id, "text": d.text, "spans": spans_json(spans)});
                    writeln!(w, "{line}")?;
                }
                ("texts", 0)
            }
        };
        w.flush()
            .with_context(|| format!("writing {}", path.display()))?;
        index.push(json!({
            "set": set.name,
            "file": file,
            "lang": set.lang.to_string(),
            "kind": kind,
            "labels": set.labels().iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            "items": set.data.len(),
            "tokens": tokens,
        }));
        written.push((set.name.clone(), set.data.len()));
    }
    let mut text = String::new();
    for line in index {
        text.push_str(&line.to_string());
        text.push('\n');
    }
    let path = out.join("index.jsonl");
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(written)
}

/// One line of a predictions file: spans, and the tokens or id to check it against the gold.
struct Predicted {
    tokens: Option<Vec<String>>,
    id: Option<String>,
    spans: Vec<(usize, usize, EntityLabel)>,
}

fn parse_predicted(line: &str) -> Result<Predicted, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let tokens = match v.get("tokens") {
        None | Some(Value::Null) => None,
        Some(Value::Array(a)) => Some(
            a.iter()
                .map(|t| t.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or("`tokens` is not an array of strings")?,
        ),
        Some(_) => return Err("`tokens` is not an array".into()),
    };
    let id = v.get("id").and_then(Value::as_str).map(str::to_owned);
    let Some(Value::Array(raw)) = v.get("spans") else {
        return Err("no `spans` array".into());
    };
    let mut spans = Vec::with_capacity(raw.len());
    for s in raw {
        let num = |k: &str| {
            s.get(k)
                .and_then(Value::as_u64)
                .map(|n| n as usize)
                .ok_or(format!("span {s} has no number `{k}`"))
        };
        let label = s
            .get("label")
            .and_then(Value::as_str)
            .ok_or(format!("span {s} has no `label`"))?;
        let label = EntityLabel::parse(label)
            .ok_or(format!("label {label:?} is not PER, ORG, LOC or MISC"))?;
        let (start, end) = (num("start")?, num("end")?);
        if start >= end {
            return Err(format!("span {s} is empty or reversed"));
        }
        spans.push((start, end, label));
    }
    Ok(Predicted { tokens, id, spans })
}

/// Scores predictions written by an external tagger over [`export_dev`]'s files: `dir` holds
/// `<file>` per set, and `index.jsonl` lines `{"set", "seconds", "tokens"}` for its speed
/// (optional). A set without a predictions file is skipped, with a note on standard error.
pub fn predictions(eval_dir: &Path, limit: Option<usize>, dir: &Path) -> Result<NerReport> {
    if !dir.is_dir() {
        bail!("predictions folder {} not found", dir.display());
    }
    let mut timing: HashMap<String, (f64, usize)> = HashMap::new();
    let index = dir.join("index.jsonl");
    if index.is_file() {
        let text = std::fs::read_to_string(&index)
            .with_context(|| format!("reading {}", index.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not JSON", index.display(), n + 1))?;
            let (Some(set), Some(seconds), Some(tokens)) = (
                v.get("set").and_then(Value::as_str),
                v.get("seconds").and_then(Value::as_f64),
                v.get("tokens").and_then(Value::as_u64),
            ) else {
                continue;
            };
            timing.insert(set.to_owned(), (seconds, tokens as usize));
        }
    }
    let mut report = NerReport::default();
    for set in dev_sets(eval_dir, limit)? {
        let path = dir.join(file_name(&set.name));
        if !path.is_file() {
            eprintln!(
                "veille: no predictions for {} ({})",
                set.name,
                path.display()
            );
            continue;
        }
        let file =
            std::fs::File::open(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut lines = std::io::BufReader::new(file).lines().enumerate();
        let mut next = |what: &str| -> Result<(usize, Predicted)> {
            let Some((n, line)) = lines.next() else {
                bail!("{}: fewer lines than {what} in the set", path.display());
            };
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            let p = parse_predicted(&line)
                .map_err(|m| anyhow::anyhow!("{}:{}: {m}", path.display(), n + 1))?;
            Ok((n + 1, p))
        };
        let labels = set.labels();
        let mut tally = NerTally::default();
        match &set.data {
            Annotated::Tokens(sentences) => {
                for s in sentences {
                    let (n, p) = next("sentences")?;
                    if p.tokens.as_ref() != Some(&s.tokens) {
                        bail!(
                            "{}:{n}: the tokens differ from the gold sentence {n} of {}",
                            path.display(),
                            set.name
                        );
                    }
                    if let Some(bad) = p.spans.iter().find(|s| s.1 > s_len(&p)) {
                        bail!(
                            "{}:{n}: span {bad:?} beyond the sentence's tokens",
                            path.display()
                        );
                    }
                    add(
                        &mut tally.counts,
                        match_counts(&p.spans, &token_triples(&s.spans), labels),
                    );
                    tally.items += 1;
                    tally.tokens += s.tokens.len();
                }
            }
            Annotated::Texts(docs) => {
                for d in docs {
                    let (n, p) = next("documents")?;
                    if p.id.as_deref() != Some(&d.id) {
                        bail!(
                            "{}:{n}: id {:?}, the gold document there is {:?}",
                            path.display(),
                            p.id,
                            d.id
                        );
                    }
                    let cp = doc::CodePointIndex::new(&d.text);
                    let chars = cp.code_point(d.text.len());
                    // Character offsets to bytes.
                    let mut bytes: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
                    bytes.push(d.text.len());
                    let mut spans = Vec::with_capacity(p.spans.len());
                    for &(s, e, l) in &p.spans {
                        if e > chars {
                            bail!(
                                "{}:{n}: span {s}..{e} beyond the text ({chars} characters)",
                                path.display()
                            );
                        }
                        spans.push((bytes[s], bytes[e], l));
                    }
                    add(
                        &mut tally.counts,
                        match_counts(&spans, &text_triples(&d.spans), labels),
                    );
                    tally.items += 1;
                }
            }
        }
        let name = row_set_name(&set);
        report.rows.extend(rows_of(&name, set.lang, labels, &tally));
        if let Some(&(seconds, tokens)) = timing.get(&set.name) {
            report.speed.push(speed_of(
                &name,
                &set.lang.to_string(),
                "external",
                tokens,
                seconds,
            ));
        }
    }
    if report.rows.is_empty() {
        bail!(
            "no predictions file for any set in {} (expected files such as {})",
            dir.display(),
            file_name("wikineural/fr")
        );
    }
    Ok(report)
}

fn s_len(p: &Predicted) -> usize {
    p.tokens.as_ref().map_or(0, Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::{Loc, Misc, Org, Per};

    fn sentence(tokens: &str, spans: &[(usize, usize, EntityLabel)]) -> Sentence {
        Sentence {
            tokens: tokens.split(' ').map(str::to_owned).collect(),
            spans: spans
                .iter()
                .map(|&(start, end, label)| TokenSpan { start, end, label })
                .collect(),
        }
    }

    fn gold() -> Vec<Sentence> {
        vec![
            sentence("Emmanuel Macron est à Paris", &[(0, 2, Per), (4, 5, Loc)]),
            sentence("L' ONU et le Mondial", &[(1, 2, Org), (4, 5, Misc)]),
            sentence("rien ici", &[]),
        ]
    }

    type Triples = Vec<(usize, usize, EntityLabel)>;
    type Answers = Vec<(&'static str, Triples)>;

    /// A tagger answering from a table of sentences (by first token).
    fn table_tagger(answers: Answers) -> impl Fn(&[&str]) -> Vec<TokenSpan> {
        move |tokens: &[&str]| {
            answers
                .iter()
                .find(|(first, _)| tokens.first() == Some(first))
                .map(|(_, spans)| {
                    spans
                        .iter()
                        .map(|&(start, end, label)| TokenSpan { start, end, label })
                        .collect()
                })
                .unwrap_or_default()
        }
    }

    #[test]
    fn gold_against_itself_scores_one() {
        let g = gold();
        let all = EntityLabel::ALL;
        let lookup = g.clone();
        let tagger = move |tokens: &[&str]| {
            lookup
                .iter()
                .find(|s| s.tokens == tokens)
                .map(|s| s.spans.clone())
                .unwrap_or_default()
        };
        let t = score_sentences(&g, &all, &tagger);
        let c = t.total(&all);
        assert_eq!((c.tp, c.fp, c.fn_), (4, 0, 0));
        assert_eq!(t.items, 3);
        assert_eq!(t.tokens, 5 + 5 + 2);
        let rows = rows_of("x", LangCode::FR, &all, &t);
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| (r.f1 - 1.0).abs() < 1e-9));
    }

    #[test]
    fn perturbed_predictions_score_as_counted_by_hand() {
        let cases: Vec<(&str, Answers, &[EntityLabel], [usize; 3])> = vec![
            (
                "one boundary error, one label error, one miss, one extra",
                vec![
                    ("Emmanuel", vec![(1, 2, Per), (4, 5, Loc), (3, 4, Loc)]),
                    ("L'", vec![(1, 2, Loc), (4, 5, Misc)]),
                ],
                &EntityLabel::ALL,
                // tp: Paris, Mondial; fp: Macron, à, ONU/LOC; fn: Emmanuel Macron, ONU/ORG
                [2, 3, 2],
            ),
            (
                "labels the set does not annotate are left out",
                vec![
                    ("Emmanuel", vec![(0, 2, Per), (4, 5, Loc)]),
                    ("L'", vec![(1, 2, Org), (4, 5, Misc)]),
                    ("rien", vec![(0, 1, Misc)]),
                ],
                &[Per, Org, Loc],
                [3, 0, 0],
            ),
            ("nothing predicted", vec![], &EntityLabel::ALL, [0, 0, 4]),
        ];
        for (name, answers, labels, [tp, fp, fn_]) in cases {
            let tagger = table_tagger(answers);
            let t = score_sentences(&gold(), labels, &tagger);
            let c = t.total(labels);
            assert_eq!((c.tp, c.fp, c.fn_), (tp, fp, fn_), "{name}");
        }
    }

    #[test]
    fn text_scoring_compares_byte_ranges() {
        let doc = TextDoc {
            id: "d".into(),
            text: "Путин в Москве.".into(),
            spans: vec![
                TextSpan {
                    range: 0..10,
                    label: Per,
                },
                TextSpan {
                    range: 14..26,
                    label: Loc,
                },
            ],
        };
        let tagger = |_: &TextDoc, _: LangCode| -> Result<(Vec<TextSpan>, usize)> {
            Ok((
                vec![
                    TextSpan {
                        range: 0..10,
                        label: Per,
                    },
                    TextSpan {
                        range: 12..26,
                        label: Loc,
                    },
                ],
                4,
            ))
        };
        let t = score_texts(&[doc], LangCode::RU, &[Per, Org, Loc], &tagger).unwrap();
        assert_eq!(
            t.counts[index(Per)],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            t.counts[index(Loc)],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(t.tokens, 4);
    }

    #[test]
    fn bad_prediction_lines_are_refused_with_a_reason() {
        let cases = [
            ("{", "not JSON"),
            (r#"{"tokens": ["a"]}"#, "no `spans`"),
            (
                r#"{"tokens": ["a"], "spans": [{"start": 0, "end": 1, "label": "DATE"}]}"#,
                "DATE",
            ),
            (
                r#"{"tokens": ["a"], "spans": [{"start": 1, "end": 1, "label": "PER"}]}"#,
                "empty",
            ),
            (
                r#"{"tokens": ["a"], "spans": [{"end": 1, "label": "PER"}]}"#,
                "start",
            ),
            (r#"{"tokens": [1], "spans": []}"#, "strings"),
        ];
        for (line, word) in cases {
            let err = parse_predicted(line).err().unwrap_or_default();
            assert!(err.contains(word), "{line}: {err}");
        }
        let ok = parse_predicted(
            r#"{"tokens": ["a", "b"], "spans": [{"start": 0, "end": 2, "label": "org"}]}"#,
        )
        .unwrap();
        assert_eq!(ok.spans, vec![(0, 2, Org)]);
    }

    #[test]
    fn export_then_predictions_round_trip_scores_one() {
        let eval_dir = std::env::temp_dir().join(format!("corpora-eval-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&eval_dir);
        let wn = eval_dir.join("ner-wikineural/fr");
        std::fs::create_dir_all(&wn).unwrap();
        // 1000 sentences: the fifth block of 200 is our Dev part.
        let mut conll = String::new();
        for i in 0..1000 {
            conll.push_str(&format!(
                "0\tVoici\tO\n1\tParis{i}\tB-LOC\n2\tet\tO\n3\tJean\tB-PER\n4\tValjean\tI-PER\n\n"
            ));
        }
        std::fs::write(wn.join("val.conllu"), conll).unwrap();
        let nerel = eval_dir.join("ner-nerel/dev");
        std::fs::create_dir_all(&nerel).unwrap();
        std::fs::write(nerel.join("a.txt"), "Ёлкин в Москве.").unwrap();
        std::fs::write(
            nerel.join("a.ann"),
            "T1\tPERSON 0 5\tЁлкин\nT2\tCITY 8 14\tМоскве\n",
        )
        .unwrap();
        let out = eval_dir.join("export");
        let written = export_dev(&eval_dir, None, &out).unwrap();
        assert_eq!(
            written,
            vec![("wikineural/fr".to_owned(), 200), ("nerel".to_owned(), 1)]
        );
        // Gold as predictions: F1 1 everywhere.
        let report = predictions(&eval_dir, None, &out).unwrap();
        assert!(!report.rows.is_empty());
        assert!(
            report.rows.iter().all(|r| (r.f1 - 1.0).abs() < 1e-9),
            "{:?}",
            report.rows
        );
        assert_eq!(report.rows[0].counts.tp, 400);
        // A wrong token in a predictions line: an error naming the file and line.
        let file = out.join("wikineural-fr.jsonl");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("Paris800", "Lyon", 1)).unwrap();
        let err = predictions(&eval_dir, None, &out).unwrap_err().to_string();
        assert!(err.contains("wikineural-fr.jsonl:1:"), "{err}");
        // No folder, or no file for any set: errors, not an empty report.
        let empty = eval_dir.join("empty");
        assert!(predictions(&eval_dir, None, &empty).is_err());
        std::fs::create_dir_all(&empty).unwrap();
        let err = predictions(&eval_dir, None, &empty)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no predictions file"), "{err}");
        std::fs::remove_dir_all(&eval_dir).unwrap();
    }
}
