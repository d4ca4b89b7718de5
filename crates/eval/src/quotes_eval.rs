//! Quotes and attributions: PolNeAR (English news, `quotes-polnear`), and the crate's own
//! French, Russian and English tables.
//!
//! **PolNeAR, `dev` part.** Each article runs through the standard pipeline with its text
//! kept as given and its language declared English, then the entity stage and
//! [`quotes::detect`]. Several annotators marked some articles: the annotation file whose
//! name sorts first (`<article>_<annotator>.ann`) is the gold, the others are not read.
//! Gold attributions are the `E` lines with a `Cue` and a `Content` (the task's "explicit
//! cue"); discontinuous spans (`a b;c d`) are kept as fragments. Our attributions are our
//! quotes grouped by cue (the pieces of an interrupted quote share their cue); quotes with
//! no cue are not attributions and are not scored.
//!
//! Rows:
//! - `content-overlap`: gold and predicted attributions matched one to one, greedily in
//!   text order, each gold taking the unmatched prediction whose content overlaps it most;
//!   `content-exact`: matched pairs whose content texts are equal once quotation marks,
//!   white space and leading/trailing punctuation are removed (PolNeAR keeps the marks in
//!   a direct quote's content; we do not).
//! - `cue-*`, `source-*`: the sets of gold cue and source spans (of the gold attributions
//!   above) against our cue spans and speaker phrases as written (before pronoun
//!   resolution: PolNeAR marks "he", not its antecedent), matched one to one by overlap;
//!   exact after trimming punctuation.
//! - `speaker-direct`: gold attributions with a source whose content starts or ends with a
//!   quotation mark (direct quotes). For each, our attribution whose content overlaps it
//!   most: `tp` when our speaker phrase overlaps the gold source, `fp` when it does not (or
//!   we have none), `fn` when we found no quote there. P = accuracy on the direct quotes we
//!   found, R = accuracy on all of them.
//!
//! **Tables** (`crates/quotes/test_data`): each case of `quotes.tsv` and `claims.tsv`, per
//! language, through the standard pipeline (its language, token, sentence, time and
//! quantity layers; not its entities, as in the crate's tests) and the two stages; `tp` passed, `fn` failed,
//! P/R/F1 the pass rate.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use doc::{Document, LangCode, Layer, RawArticle, RawBody, Stage, TextRange};
use quotes::table;

use crate::{Counts, Row};

const TASK: &str = "quotes";

/// Quote and attribution figures on PolNeAR's dev part, then on the crate's tables.
pub fn quotes(dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let root = if dir.join("dev").is_dir() {
        dir.to_path_buf()
    } else {
        dir.join("quotes-polnear")
    };
    let mut rows = Vec::new();
    // Tuning reads `train` (VEILLE_QUOTES_PART=train); the report is on `dev`.
    let part = std::env::var("VEILLE_QUOTES_PART").unwrap_or_else(|_| "dev".to_owned());
    if root.join(&part).is_dir() {
        rows.extend(polnear(&root, &part, limit)?);
    }
    rows.extend(tables()?);
    Ok(rows)
}

/// A gold attribution: content fragments, cue fragments, source fragments (byte ranges).
#[derive(Debug, Default, Clone)]
struct Gold {
    content: Vec<TextRange>,
    cue: Vec<TextRange>,
    source: Vec<TextRange>,
}

/// A predicted attribution.
#[derive(Debug, Clone)]
struct Predicted {
    content: Vec<TextRange>,
    cue: TextRange,
    mention: Option<TextRange>,
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Reads a brat file: attributions with a cue and a content.
fn read_ann(ann: &str, text: &str) -> Vec<Gold> {
    let bytes = byte_offsets(text);
    let at = |c: usize| bytes.get(c).copied();
    let mut spans: BTreeMap<&str, Vec<TextRange>> = BTreeMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(head)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, offsets)) = head.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for part in offsets.split(';') {
                let mut it = part
                    .split_whitespace()
                    .filter_map(|n| n.parse::<usize>().ok());
                if let (Some(s), Some(e)) = (it.next(), it.next())
                    && let (Some(s), Some(e)) = (at(s), at(e))
                    && s < e
                {
                    frags.push(TextRange::new(s, e));
                }
            }
            spans.insert(id, frags);
        }
    }
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some((_, roles)) = line.split_once('\t') else {
            continue;
        };
        let mut g = Gold::default();
        for role in roles.split_whitespace() {
            let Some((name, id)) = role.split_once(':') else {
                continue;
            };
            let frags = spans.get(id).cloned().unwrap_or_default();
            match name {
                n if n.starts_with("Content") => g.content.extend(frags),
                "Cue" => g.cue.extend(frags),
                "Source" => g.source.extend(frags),
                _ => {}
            }
        }
        if !g.content.is_empty() && !g.cue.is_empty() {
            g.content.sort();
            out.push(g);
        }
    }
    out.sort_by_key(|g| g.content.first().map(|r| r.start()));
    out
}

fn overlap(a: &[TextRange], b: &[TextRange]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            let lo = x.start().max(y.start());
            let hi = x.end().min(y.end());
            n += hi.saturating_sub(lo);
        }
    }
    n
}

const MARKS: &[char] = &['"', '“', '”', '‘', '’', '\'', '«', '»', '„', '‹', '›'];

/// Text for exact comparison: fragments joined, quotation marks dropped, white space
/// collapsed, punctuation trimmed at both ends.
fn normal(text: &str, frags: &[TextRange]) -> String {
    let joined: Vec<&str> = frags
        .iter()
        .filter_map(|r| text.get(r.start()..r.end()))
        .collect();
    let s: String = joined
        .join(" ")
        .chars()
        .filter(|c| !MARKS.contains(c))
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_lowercase()
}

/// One-to-one matching of `gold` to `pred` by overlap, greedily in gold order, each gold
/// taking the free prediction overlapping it most. Returns pairs (gold, pred).
fn match_sets(gold: &[Vec<TextRange>], pred: &[Vec<TextRange>]) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let best = pred
            .iter()
            .enumerate()
            .filter(|(pi, _)| !used[*pi])
            .map(|(pi, p)| (overlap(g, p), pi))
            .filter(|&(o, _)| o > 0)
            .max_by_key(|&(o, pi)| (o, std::cmp::Reverse(pi)));
        if let Some((_, pi)) = best {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

#[derive(Default)]
struct Tally {
    overlap: Counts,
    exact: Counts,
}

fn score_sets(text: &str, gold: &[Vec<TextRange>], pred: &[Vec<TextRange>], t: &mut Tally) {
    let pairs = match_sets(gold, pred);
    let exact = pairs
        .iter()
        .filter(|&&(g, p)| normal(text, &gold[g]) == normal(text, &pred[p]))
        .count();
    t.overlap += Counts {
        tp: pairs.len(),
        fp: pred.len() - pairs.len(),
        fn_: gold.len() - pairs.len(),
    };
    t.exact += Counts {
        tp: exact,
        fp: pred.len() - exact,
        fn_: gold.len() - exact,
    };
}

fn dedup(mut v: Vec<Vec<TextRange>>) -> Vec<Vec<TextRange>> {
    v.sort();
    v.dedup();
    v
}

fn is_direct(text: &str, g: &Gold) -> bool {
    let (Some(first), Some(last)) = (g.content.first(), g.content.last()) else {
        return false;
    };
    let head = text
        .get(first.start()..first.end())
        .unwrap_or("")
        .trim_start();
    let tail = text.get(last.start()..last.end()).unwrap_or("").trim_end();
    let tail = tail.trim_end_matches(|c: char| ",.;:!?".contains(c));
    head.starts_with(MARKS) || tail.ends_with(MARKS)
}

fn analyze(analyzer: &pipeline::Analyzer, id: &str, text: &str, lang: LangCode) -> Document {
    let mut raw = RawArticle::new(id, RawBody::Text(text.to_owned()));
    raw.lang = Some(lang);
    analyzer.analyze(raw)
}

fn polnear(root: &Path, part: &str, limit: Option<usize>) -> Result<Vec<Row>> {
    let text_dir = root.join(part).join("text");
    let ann_dir = root.join(part).join("attributions");
    let mut texts: Vec<_> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("reading {}", text_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("reading {}", ann_dir.display()))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    if let Some(n) = limit {
        texts.truncate(n);
    }
    // Tuning: `VEILLE_QUOTES_HALF=even` reads the even-numbered articles only (the cue
    // classifier trained on the odd ones by `train_cues … half`).
    if std::env::var("VEILLE_QUOTES_HALF").is_ok_and(|h| h == "even") {
        texts = texts.into_iter().step_by(2).collect();
    }
    let analyzer = crate::as_given_analyzer();
    let ner = entities::TagEntities::new();
    let verbose = std::env::var_os("VEILLE_EVAL_VERBOSE").is_some();
    // `VEILLE_QUOTES_ERRORS=<file>`: every error by category, with a count per category.
    let dump_path = std::env::var_os("VEILLE_QUOTES_ERRORS");
    let mut dump = dump_path.as_ref().map(|_| Dump::default());
    let (mut content, mut cue, mut source) = (Tally::default(), Tally::default(), Tally::default());
    let mut speaker = Counts::default();
    let mut docs = 0;
    let mut skipped = 0;
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    let mut detect_secs = 0.0;
    for path in &texts {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let prefix = format!("{stem}_");
        // The first annotator in sorted order.
        let Some(ann_name) = anns.iter().find(|n| n.starts_with(&prefix)) else {
            continue;
        };
        let text = std::fs::read_to_string(path)?;
        let ann = std::fs::read_to_string(ann_dir.join(ann_name))?;
        let mut doc = analyze(&analyzer, &stem, &text, LangCode::EN);
        if doc.text() != text {
            skipped += 1;
            continue;
        }
        if !doc.has(Layer::Entities) {
            ner.run(&mut doc);
        }
        let t0 = std::time::Instant::now();
        let found = quotes::detect(
            doc.text(),
            doc.lang_code(),
            doc.tokens().unwrap_or_default(),
            doc.sentences().unwrap_or_default(),
            doc.entities(),
        );
        detect_secs += t0.elapsed().as_secs_f64();
        bytes += text.len();
        docs += 1;
        let gold = read_ann(&ann, &text);
        // Our attributions: quotes grouped by cue.
        let mut by_cue: BTreeMap<TextRange, Predicted> = BTreeMap::new();
        for f in &found.quotes {
            let Some(c) = f.quote.cue else { continue };
            let p = by_cue.entry(c).or_insert(Predicted {
                content: Vec::new(),
                cue: c,
                mention: None,
            });
            p.content.push(f.quote.range);
            p.mention = p.mention.or(f.mention);
        }
        let mut pred: Vec<Predicted> = by_cue.into_values().collect();
        pred.sort_by_key(|p| p.content.first().map(|r| r.start()));
        let gold_content: Vec<Vec<TextRange>> = gold.iter().map(|g| g.content.clone()).collect();
        let pred_content: Vec<Vec<TextRange>> = pred.iter().map(|p| p.content.clone()).collect();
        score_sets(&text, &gold_content, &pred_content, &mut content);
        if let Some(dump) = dump.as_mut() {
            // Every prediction with its cue, whether it matched a gold, and its kind: the
            // precision of each cue word (section "0 predictions by cue").
            let pairs = match_sets(&gold_content, &pred_content);
            for (pi, p) in pred.iter().enumerate() {
                let matched = pairs.iter().any(|&(_, y)| y == pi);
                let direct = found.quotes.iter().any(|f| {
                    f.quote.kind == doc::QuoteKind::Direct && p.content.contains(&f.quote.range)
                });
                dump.tally(format!(
                    "{}\t{}\t{}\t{}",
                    if matched { "tp" } else { "fp" },
                    if direct { "direct" } else { "indirect" },
                    text.get(p.cue.start()..p.cue.end())
                        .unwrap_or("")
                        .to_lowercase(),
                    context(&text, p.cue)
                ));
            }
            categorize(&text, &gold, &pred, &found.quotes, dump);
        }
        if verbose {
            let pairs = match_sets(&gold_content, &pred_content);
            let show = |r: &[TextRange]| {
                r.iter()
                    .filter_map(|r| text.get(r.start()..r.end()))
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            for &(gi, pi) in &pairs {
                if normal(&text, &gold_content[gi]) != normal(&text, &pred_content[pi]) {
                    eprintln!(
                        "inexact\t{}\t{}",
                        show(&gold_content[gi]),
                        show(&pred_content[pi])
                    );
                }
            }
            for &(gi, pi) in &pairs {
                let (g, p) = (&gold[gi], &pred[pi]);
                let ok = match p.mention {
                    Some(m) => overlap(&g.source, &[m]) > 0,
                    None => g.source.is_empty(),
                };
                if !ok {
                    let lo = text.floor_char_boundary(p.cue.start().saturating_sub(100));
                    let hi = text.ceil_char_boundary((p.cue.end() + 60).min(text.len()));
                    eprintln!(
                        "srcpair\t{}\t{}\t{}[[{}]]{}",
                        show(&g.source),
                        p.mention.map(|m| show(&[m])).unwrap_or_default(),
                        text[lo..p.cue.start()].replace('\n', " "),
                        show(&[p.cue]),
                        text[p.cue.end()..hi].replace('\n', " "),
                    );
                }
            }
            for (gi, g) in gold.iter().enumerate() {
                if !pairs.iter().any(|&(x, _)| x == gi) {
                    eprintln!(
                        "miss\t{}\t{}\t{}",
                        show(&g.cue),
                        show(&g.source),
                        show(&g.content)
                    );
                }
            }
            for (pi, p) in pred.iter().enumerate() {
                if !pairs.iter().any(|&(_, y)| y == pi) {
                    eprintln!(
                        "false\t{}\t{}\t{}",
                        show(&[p.cue]),
                        p.mention.map(|m| show(&[m])).unwrap_or_default(),
                        show(&p.content)
                    );
                }
            }
        }
        let gold_cues = dedup(gold.iter().map(|g| g.cue.clone()).collect());
        let pred_cues = dedup(pred.iter().map(|p| vec![p.cue]).collect());
        score_sets(&text, &gold_cues, &pred_cues, &mut cue);
        let gold_sources = dedup(
            gold.iter()
                .filter(|g| !g.source.is_empty())
                .map(|g| g.source.clone())
                .collect(),
        );
        let pred_sources = dedup(
            pred.iter()
                .filter_map(|p| p.mention.map(|m| vec![m]))
                .collect(),
        );
        score_sets(&text, &gold_sources, &pred_sources, &mut source);
        if verbose {
            let pairs = match_sets(&gold_sources, &pred_sources);
            let show = |r: &[TextRange]| {
                r.iter()
                    .filter_map(|r| text.get(r.start()..r.end()))
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            for (gi, g) in gold_sources.iter().enumerate() {
                if !pairs.iter().any(|&(x, _)| x == gi) {
                    eprintln!("srcmiss\t{}", show(g));
                }
            }
            for (pi, p) in pred_sources.iter().enumerate() {
                if !pairs.iter().any(|&(_, y)| y == pi) {
                    eprintln!("srcfalse\t{}", show(p));
                }
            }
        }
        for g in gold
            .iter()
            .filter(|g| !g.source.is_empty() && is_direct(&text, g))
        {
            let best = pred
                .iter()
                .map(|p| (overlap(&g.content, &p.content), p))
                .filter(|&(o, _)| o > 0)
                .max_by_key(|&(o, _)| o)
                .map(|(_, p)| p);
            match best {
                None => speaker.fn_ += 1,
                Some(p) if p.mention.is_some_and(|m| overlap(&g.source, &[m]) > 0) => {
                    speaker.tp += 1
                }
                Some(p) => {
                    speaker.fp += 1;
                    if verbose {
                        let show = |r: TextRange| text.get(r.start()..r.end()).unwrap_or("");
                        let lo = text.floor_char_boundary(p.cue.start().saturating_sub(120));
                        let hi = text.ceil_char_boundary((p.cue.end() + 60).min(text.len()));
                        eprintln!(
                            "speaker: gold {:?} got {:?} cue {:?} gold cue {:?} for {:?}\tctx {}[[{}]]{}",
                            g.source.iter().map(|r| show(*r)).collect::<Vec<_>>(),
                            p.mention.map(show),
                            show(p.cue),
                            g.cue.iter().map(|r| show(*r)).collect::<Vec<_>>(),
                            g.content.first().map(|r| show(*r)),
                            &text[lo..p.cue.start()],
                            show(p.cue),
                            &text[p.cue.end()..hi],
                        );
                    }
                }
            }
        }
    }
    if let (Some(path), Some(dump)) = (dump_path, dump) {
        std::fs::write(&path, dump.render())
            .with_context(|| format!("writing {}", Path::new(&path).display()))?;
    }
    let secs = started.elapsed().as_secs_f64();
    if verbose {
        eprintln!(
            "polnear {part}: {docs} articles ({:.1} MB), {skipped} skipped (text changed), {:.1} MB/s with the pipeline and entities, {:.1} MB/s for quote detection alone",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs.max(1e-9),
            bytes as f64 / 1e6 / detect_secs.max(1e-9)
        );
    }
    let set = format!("quotes-polnear/{part}");
    let row = |metric, counts| Row::new(TASK, &set, "en", metric, "all", docs, counts);
    let accuracy_found = ratio(speaker.tp, speaker.tp + speaker.fp);
    let accuracy_all = ratio(speaker.tp, speaker.tp + speaker.fp + speaker.fn_);
    Ok(vec![
        row("content-overlap", content.overlap),
        row("content-exact", content.exact),
        row("source-overlap", source.overlap),
        row("source-exact", source.exact),
        row("cue-overlap", cue.overlap),
        row("cue-exact", cue.exact),
        row("speaker-direct", speaker).with_scores(
            accuracy_found,
            accuracy_all,
            2.0 * accuracy_found * accuracy_all / (accuracy_found + accuracy_all).max(1e-12),
        ),
    ])
}

/// The errors of the PolNeAR evaluation by category (`VEILLE_QUOTES_ERRORS`), then every
/// prediction with its cue and whether it matched a gold (section "0 predictions by cue":
/// the precision of each cue word).
#[derive(Default)]
struct Dump {
    counts: BTreeMap<String, usize>,
    cases: BTreeMap<String, Vec<String>>,
    /// One line a prediction: matched or not, kind, cue text, context.
    predictions: Vec<String>,
}

impl Dump {
    fn tally(&mut self, line: String) {
        self.predictions.push(line);
    }
    fn add(&mut self, category: &str, case: String) {
        *self.counts.entry(category.to_owned()).or_default() += 1;
        self.cases
            .entry(category.to_owned())
            .or_default()
            .push(case);
    }
    fn render(&self) -> String {
        let mut out = String::from("# counts\n");
        for (c, n) in &self.counts {
            out.push_str(&format!("{n:6}  {c}\n"));
        }
        for (c, cases) in &self.cases {
            out.push_str(&format!("\n# {c} ({})\n", cases.len()));
            for case in cases {
                out.push_str(case);
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "\n# 0 predictions by cue ({})\n",
            self.predictions.len()
        ));
        for line in &self.predictions {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// The sentence-ish context around `r`: up to 160 bytes on each side, on one line, the span
/// in double brackets.
fn context(text: &str, r: TextRange) -> String {
    let lo = text.floor_char_boundary(r.start().saturating_sub(160));
    let hi = text.ceil_char_boundary((r.end() + 160).min(text.len()));
    let lo = text[lo..r.start()].rfind('\n').map_or(lo, |n| lo + n + 1);
    let hi = text[r.end()..hi].find('\n').map_or(hi, |n| r.end() + n);
    format!(
        "{}[[{}]]{}",
        &text[lo..r.start()],
        &text[r.start()..r.end()],
        &text[r.end()..hi]
    )
    .replace('\n', " ")
}

/// Files the errors of one article by category: missed and spurious attributions, content
/// boundaries, sources of matched attributions, speakers of direct quotes.
fn categorize(
    text: &str,
    gold: &[Gold],
    pred: &[Predicted],
    found: &[quotes::Found],
    dump: &mut Dump,
) {
    let show = |r: &[TextRange]| {
        r.iter()
            .filter_map(|r| text.get(r.start()..r.end()))
            .collect::<Vec<_>>()
            .join(" … ")
            .replace('\n', " ")
    };
    let span = |r: &[TextRange]| {
        let lo = r.iter().map(|x| x.start()).min().unwrap_or(0);
        let hi = r.iter().map(|x| x.end()).max().unwrap_or(lo);
        TextRange::new(lo, hi)
    };
    let gold_content: Vec<Vec<TextRange>> = gold.iter().map(|g| g.content.clone()).collect();
    let pred_content: Vec<Vec<TextRange>> = pred.iter().map(|p| p.content.clone()).collect();
    let pairs = match_sets(&gold_content, &pred_content);
    let direct_pred = |p: &Predicted| {
        found
            .iter()
            .any(|f| f.quote.kind == doc::QuoteKind::Direct && p.content.contains(&f.quote.range))
    };
    for (gi, g) in gold.iter().enumerate() {
        if pairs.iter().any(|&(x, _)| x == gi) {
            continue;
        }
        let kind = if is_direct(text, g) {
            "direct"
        } else {
            "indirect"
        };
        // Why: a quote of ours without cue there, a prediction there taken by another gold
        // (merged), or nothing.
        let uncued = found
            .iter()
            .any(|f| f.quote.cue.is_none() && overlap(&g.content, &[f.quote.range]) > 0);
        let taken = pred.iter().any(|p| overlap(&g.content, &p.content) > 0);
        let why = if uncued {
            "quote without cue"
        } else if taken {
            "prediction taken by another gold"
        } else {
            "nothing found"
        };
        dump.add(
            &format!("1 missed attribution / {kind} / {why}"),
            format!(
                "cue {:?}\tsource {:?}\tcontent {:?}\tctx {}",
                show(&g.cue),
                show(&g.source),
                show(&g.content),
                context(text, span(&g.cue))
            ),
        );
    }
    for (pi, p) in pred.iter().enumerate() {
        if pairs.iter().any(|&(_, y)| y == pi) {
            continue;
        }
        let kind = if direct_pred(p) { "direct" } else { "indirect" };
        let overlaps = gold.iter().any(|g| overlap(&g.content, &p.content) > 0);
        let why = if overlaps {
            "overlaps a gold taken by another prediction (split)"
        } else {
            "no gold there"
        };
        dump.add(
            &format!("2 spurious attribution / {kind} / {why}"),
            format!(
                "cue {:?}\tmention {:?}\tcontent {:?}\tctx {}",
                show(&[p.cue]),
                p.mention.map(|m| show(&[m])).unwrap_or_default(),
                show(&p.content),
                context(text, p.cue)
            ),
        );
    }
    for &(gi, pi) in &pairs {
        let (g, p) = (&gold[gi], &pred[pi]);
        let kind = if is_direct(text, g) {
            "direct"
        } else {
            "indirect"
        };
        if normal(text, &g.content) != normal(text, &p.content) {
            let (gs, ps) = (span(&g.content), span(&p.content));
            let gn = normal(text, &g.content);
            let pn = normal(text, &p.content);
            let how = if pn.contains(&gn) {
                "ours longer"
            } else if gn.contains(&pn) {
                "ours shorter"
            } else if ps.start() == gs.start() {
                "same start, end differs"
            } else if ps.end() == gs.end() {
                "same end, start differs"
            } else {
                "both ends differ"
            };
            let cue_ok = overlap(&g.cue, &[p.cue]) > 0;
            dump.add(
                &format!(
                    "3 content boundary / {kind} / {how}{}",
                    if cue_ok { "" } else { " / other cue" }
                ),
                format!(
                    "gold {:?}\tours {:?}\tgold cue {:?}\tour cue {:?}",
                    show(&g.content),
                    show(&p.content),
                    show(&g.cue),
                    show(&[p.cue])
                ),
            );
        }
        let ok = match p.mention {
            Some(m) => overlap(&g.source, &[m]) > 0,
            None => g.source.is_empty(),
        };
        if !ok {
            let how = match (p.mention, g.source.is_empty()) {
                (None, _) => "ours missing",
                (Some(_), true) => "gold has none",
                (Some(_), false) => "wrong phrase",
            };
            let cue_ok = overlap(&g.cue, &[p.cue]) > 0;
            dump.add(
                &format!(
                    "4 source of a matched attribution / {kind} / {how}{}",
                    if cue_ok { "" } else { " / other cue" }
                ),
                format!(
                    "gold {:?}\tours {:?}\tgold cue {:?}\tctx {}",
                    show(&g.source),
                    p.mention.map(|m| show(&[m])).unwrap_or_default(),
                    show(&g.cue),
                    context(text, p.cue)
                ),
            );
        }
    }
    for g in gold
        .iter()
        .filter(|g| !g.source.is_empty() && is_direct(text, g))
    {
        let best = pred
            .iter()
            .map(|p| (overlap(&g.content, &p.content), p))
            .filter(|&(o, _)| o > 0)
            .max_by_key(|&(o, _)| o)
            .map(|(_, p)| p);
        let Some(p) = best else { continue };
        if p.mention.is_some_and(|m| overlap(&g.source, &[m]) > 0) {
            continue;
        }
        let cue_ok = overlap(&g.cue, &[p.cue]) > 0;
        let how = match (p.mention.is_some(), cue_ok) {
            (false, true) => "none, right cue",
            (false, false) => "none, other cue",
            (true, true) => "wrong, right cue",
            (true, false) => "wrong, other cue",
        };
        dump.add(
            &format!("5 speaker of a direct quote / {how}"),
            format!(
                "gold {:?}\tours {:?}\tgold cue {:?}\tour cue {:?}\tctx {}",
                show(&g.source),
                p.mention.map(|m| show(&[m])).unwrap_or_default(),
                show(&g.cue),
                show(&[p.cue]),
                context(text, p.cue)
            ),
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The document's text and base layers, without entities and later layers: the tables
/// expect the speakers found without an entity layer (the crate's tests run that way).
fn without_entities(doc: Document) -> Document {
    let mut out = Document::new(doc.id.clone(), doc.source.clone(), doc.text().to_owned());
    if let Some(lang) = doc.lang() {
        out.put_lang(lang);
    }
    out.put_tokens(doc.tokens().unwrap_or_default().to_vec());
    out.put_sentences(doc.sentences().unwrap_or_default().to_vec());
    out.put_times(doc.times().unwrap_or_default().to_vec());
    out.put_quantities(doc.quantities().unwrap_or_default().to_vec());
    out
}

/// The pass rate of the cases of `lang` in one golden table.
fn case_pass_row<T>(
    set: &str,
    lang: LangCode,
    cases: &[table::Case<T>],
    passes: impl Fn(&table::Case<T>) -> bool,
) -> Row {
    let mut c = Counts::default();
    let mut n = 0;
    for case in cases.iter().filter(|c| c.lang == lang) {
        n += 1;
        if passes(case) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
        }
    }
    let rate = ratio(c.tp, n);
    Row::new(TASK, set, lang.as_str(), "case-pass", "all", n, c).with_scores(rate, rate, rate)
}

/// The crate's golden tables, per language.
fn tables() -> Result<Vec<Row>> {
    let dir = table::test_data_dir();
    let analyzer = crate::as_given_analyzer();
    let mut rows = Vec::new();
    let quotes_tsv = std::fs::read_to_string(dir.join("quotes.tsv"))
        .with_context(|| format!("reading {}", dir.join("quotes.tsv").display()))?;
    let claims_tsv = std::fs::read_to_string(dir.join("claims.tsv"))
        .with_context(|| format!("reading {}", dir.join("claims.tsv").display()))?;
    let quote_cases = table::read_quote_cases(&quotes_tsv).map_err(anyhow::Error::msg)?;
    let claim_cases = table::read_claim_cases(&claims_tsv).map_err(anyhow::Error::msg)?;
    let run = |text: &str, lang: LangCode| {
        let mut doc = without_entities(analyze(&analyzer, "case", text, lang));
        quotes::TagQuotes::new().run(&mut doc);
        quotes::TagClaims::new().run(&mut doc);
        doc
    };
    for lang in [LangCode::FR, LangCode::RU, LangCode::EN] {
        rows.push(case_pass_row(
            "quotes/test_data/quotes.tsv",
            lang,
            &quote_cases,
            |case| table::check_quotes(&run(&case.text, lang), case).is_ok(),
        ));
        rows.push(case_pass_row(
            "quotes/test_data/claims.tsv",
            lang,
            &claim_cases,
            |case| table::check_claims(&run(&case.text, lang), case).is_ok(),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    /// The rows of `veille eval quotes` without the command line (set `VEILLE_QUOTES_PART`
    /// and `VEILLE_EVAL_VERBOSE` as for it; `VEILLE_EVAL_DATA` names the data folder):
    /// `cargo test --release -p eval polnear_rows -- --ignored --nocapture`.
    #[test]
    #[ignore = "reads ../shared/eval; slow"]
    fn polnear_rows() {
        let dir = std::env::var_os("VEILLE_EVAL_DATA").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"),
            std::path::PathBuf::from,
        );
        for row in super::quotes(&dir, None).expect("quotes eval") {
            println!("{}", serde_json::to_string(&row).expect("row"));
        }
    }
}
