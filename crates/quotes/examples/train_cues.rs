//! Trains the English cue classifier on PolNeAR's `train` part and writes
//! `data/en-cues.txt` (its card and weights).
//!
//! ```text
//! cargo run --release -p quotes --example train_cues -- \
//!     /work/shared/eval/quotes-polnear crates/quotes/data/en-cues.txt
//! ```
//!
//! Each article is segmented as the pipeline does (`segment`); its candidate tokens (words
//! that are not function words, `quotes::cue_features`) are examples, positive when the
//! token lies inside a gold `Cue` span of an attribution with a content (the annotation
//! file whose name sorts first, as the evaluation reads). An averaged perceptron is trained
//! for `EPOCHS` passes over the train articles in a fixed shuffled order; the card reports
//! its token-level cue precision, recall and F1 on train and on dev (dev is only measured).

mod polnear_brat;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use doc::LangCode;

const EPOCHS: usize = 8;
/// Features seen fewer times than this in train are left out.
const MIN_COUNT: u32 = 10;
/// Weights smaller than this (in absolute value) are not written.
const MIN_WEIGHT: f32 = 0.005;

/// Byte spans of the gold cues of attributions with a content.
fn gold_cues(ann: &str, text: &str) -> Vec<(usize, usize)> {
    let spans = polnear_brat::text_spans(ann, text);
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some((_, roles)) = line.split_once('\t') else {
            continue;
        };
        let (mut cue, mut content) = (Vec::new(), false);
        for role in roles.split_whitespace() {
            let Some((name, id)) = role.split_once(':') else {
                continue;
            };
            let frags = spans.get(id).cloned().unwrap_or_default();
            if name == "Cue" {
                cue.extend(frags);
            } else if name.starts_with("Content") && !frags.is_empty() {
                content = true;
            }
        }
        if content {
            out.extend(cue);
        }
    }
    out.sort_unstable();
    out
}

/// One article's examples: features and label per candidate token.
type Doc = Vec<(Vec<u32>, bool, bool)>;

/// The articles' examples, and the lexicon baseline's counts (tp, fp, fn) on candidates.
fn examples(dir: &Path, seg: &segment::Segmenter) -> Result<(Vec<Doc>, [usize; 3]), String> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let list = |p: &Path| -> Result<Vec<String>, String> {
        let mut v: Vec<String> = std::fs::read_dir(p)
            .map_err(|e| format!("{}: {e}", p.display()))?
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        v.sort();
        Ok(v)
    };
    let texts = list(&text_dir)?;
    let anns = list(&ann_dir)?;
    let mut out = Vec::new();
    let mut base = [0usize; 3];
    for name in texts.iter().filter(|n| n.ends_with(".txt")) {
        let prefix = format!("{}_", name.trim_end_matches(".txt"));
        let Some(ann_name) = anns
            .iter()
            .find(|n| n.starts_with(&prefix) && n.ends_with(".ann"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(text_dir.join(name)).map_err(|e| e.to_string())?;
        let ann = std::fs::read_to_string(ann_dir.join(ann_name)).map_err(|e| e.to_string())?;
        let cues = gold_cues(&ann, &text);
        let tokens = seg.tokenize(&text, Some(LangCode::EN));
        let sentences = seg.sentences(&text, &tokens, Some(LangCode::EN));
        let feats = quotes::cue_features(&text, &tokens, &sentences);
        let lexicon = quotes::lexicon_cues(&text, &tokens, &sentences);
        let mut doc = Vec::new();
        for ((t, f), lex) in tokens.iter().zip(feats).zip(lexicon) {
            let Some(f) = f else { continue };
            let (s, e) = (t.range.start(), t.range.end());
            let n = cues.partition_point(|c| c.1 <= s);
            let label = cues[n..].iter().take_while(|c| c.0 < e).any(|c| c.1 > s);
            match (lex, label) {
                (true, true) => base[0] += 1,
                (true, false) => base[1] += 1,
                (false, true) => base[2] += 1,
                _ => {}
            }
            doc.push((f, label, lex));
        }
        out.push(doc);
    }
    Ok((out, base))
}

/// Averaged perceptron weights: current weight, sum of updates times their step.
#[derive(Default)]
struct Perceptron {
    w: HashMap<u32, (f32, f64)>,
    step: f64,
}

impl Perceptron {
    fn score(&self, f: &[u32]) -> f32 {
        f.iter().map(|h| self.w.get(h).map_or(0.0, |x| x.0)).sum()
    }
    fn update(&mut self, f: &[u32], y: f32) {
        for &h in f {
            let e = self.w.entry(h).or_default();
            e.0 += y;
            e.1 += self.step * f64::from(y);
        }
    }
    fn averaged(&self) -> HashMap<u32, f32> {
        self.w
            .iter()
            .map(|(&h, &(w, u))| (h, (f64::from(w) - u / self.step.max(1.0)) as f32))
            .collect()
    }
}

fn score(w: &HashMap<u32, f32>, f: &[u32]) -> f32 {
    f.iter().map(|h| w.get(h).copied().unwrap_or(0.0)).sum()
}

/// Precision, recall, F1 of `w` at `threshold` on `docs`.
fn measure(w: &HashMap<u32, f32>, docs: &[Doc], threshold: f32) -> (f64, f64, f64) {
    measure_where(w, docs, threshold, |_| true)
}

/// The same on the candidates that `keep` selects by their lexicon flag.
fn measure_where(
    w: &HashMap<u32, f32>,
    docs: &[Doc],
    threshold: f32,
    keep: impl Fn(bool) -> bool,
) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (f, y, _) in docs.iter().flatten().filter(|x| keep(x.2)) {
        match (score(w, f) > threshold, *y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-12))
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/eval/quotes-polnear".to_owned()),
    );
    let out_path = args.next();
    // "half": train on the odd-numbered train articles and measure on the even-numbered
    // ones (how `NEW_CUE_THRESHOLD` was tuned: that model, with the evaluation's
    // `VEILLE_QUOTES_HALF=even`, on articles it has not seen).
    let half = args.next().is_some_and(|a| a == "half");
    let seg = segment::Segmenter::new();
    let (mut train, train_base) = examples(&root.join("train"), &seg)?;
    let (mut dev, dev_base) = if root.join("dev").is_dir() {
        examples(&root.join("dev"), &seg)?
    } else {
        (Vec::new(), [0; 3])
    };
    if half {
        let all = std::mem::take(&mut train);
        dev.clear();
        for (n, d) in all.into_iter().enumerate() {
            if n % 2 == 1 {
                train.push(d)
            } else {
                dev.push(d)
            }
        }
    }
    let prf = |b: [usize; 3]| {
        let p = b[0] as f64 / (b[0] + b[1]).max(1) as f64;
        let r = b[0] as f64 / (b[0] + b[2]).max(1) as f64;
        (p, r, 2.0 * p * r / (p + r).max(1e-12))
    };
    let (bp, br, bf) = prf(train_base);
    let (dp, dr, df) = prf(dev_base);
    let baseline = format!(
        "# The lexicons alone (one-word cues): train P {bp:.3} R {br:.3} F1 {bf:.3}; dev P {dp:.3} R {dr:.3} F1 {df:.3}.\n"
    );
    eprint!("{baseline}");
    // Rare features are left out (train counts).
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for (f, _, _) in train.iter().flatten() {
        for &h in f {
            *counts.entry(h).or_default() += 1;
        }
    }
    for (f, _, _) in train.iter_mut().chain(dev.iter_mut()).flatten() {
        f.retain(|h| counts.get(h).is_some_and(|&c| c >= MIN_COUNT));
    }
    let n_train: usize = train.iter().map(Vec::len).sum();
    let pos: usize = train.iter().flatten().filter(|x| x.1).count();
    eprintln!(
        "{} train articles, {n_train} candidates, {pos} cues",
        train.len()
    );
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut p = Perceptron::default();
    for epoch in 0..EPOCHS {
        // Fisher-Yates with a fixed linear congruential generator: the same order each run.
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        let mut errors = 0;
        for &d in &order {
            for (f, y, _) in &train[d] {
                p.step += 1.0;
                let guess = p.score(f) > 0.0;
                if guess != *y {
                    errors += 1;
                    p.update(f, if *y { 1.0 } else { -1.0 });
                }
            }
        }
        eprintln!("epoch {epoch}: {errors} errors");
    }
    let w = p.averaged();
    let mut card = String::new();
    for t in [-6.0f32, -3.0, 0.0, 3.0] {
        let (tp, tr, tf) = measure(&w, &train, t);
        let (dp, dr, df) = measure(&w, &dev, t);
        eprintln!(
            "threshold {t}: train P {tp:.3} R {tr:.3} F1 {tf:.3}; dev P {dp:.3} R {dr:.3} F1 {df:.3}"
        );
        let (np, nr, nf) = measure_where(&w, &dev, t, |lex| !lex);
        let (lp, lr, lf) = measure_where(&w, &dev, t, |lex| lex);
        eprintln!(
            "   dev words in no lexicon: P {np:.3} R {nr:.3} F1 {nf:.3}; lexicon words: P {lp:.3} R {lr:.3} F1 {lf:.3}"
        );
        if t == 0.0 {
            let _ = write!(
                card,
                "# Token-level cue figures (threshold 0): train P {tp:.3} R {tr:.3} F1 {tf:.3};\n\
                 # dev P {dp:.3} R {dr:.3} F1 {df:.3}.\n"
            );
        }
    }
    let mut kept: Vec<(u32, f32)> = w
        .into_iter()
        .filter(|(_, x)| x.abs() >= MIN_WEIGHT)
        .collect();
    kept.sort_by_key(|x| x.0);
    let mut out = String::new();
    let _ = write!(
        out,
        "# English cue classifier of the quotes crate: averaged perceptron weights, one\n\
         # feature a line (`hash weight`, the hash of crates/quotes/src/cuemodel.rs).\n\
         # Trained by crates/quotes/examples/train_cues.rs on PolNeAR's train part ({} articles,\n\
         # the first annotator of each; {n_train} candidate tokens, {pos} inside a gold cue),\n\
         # {EPOCHS} epochs, features seen fewer than {MIN_COUNT} times left out; weights under {MIN_WEIGHT} dropped ({} kept). Retrain with\n\
         #   cargo run --release -p quotes --example train_cues -- \\\n\
         #       /work/shared/eval/quotes-polnear crates/quotes/data/en-cues.txt\n\
         # after any change to the features or to the English lexicons (they are features).\n\
         {card}{baseline}\
         # PolNeAR (github.com/networkdynamics/PolNeAR): no licence stated; its articles are\n\
         # (c) their publishers, for research use. The weights hold no text. Do not edit by hand.\n",
        train.len(),
        kept.len()
    );
    for (h, x) in &kept {
        let _ = writeln!(out, "{h:08x} {x:.3}");
    }
    match out_path {
        Some(path) => std::fs::write(&path, out).map_err(|e| format!("{path}: {e}"))?,
        None => print!("{out}"),
    }
    Ok(())
}
