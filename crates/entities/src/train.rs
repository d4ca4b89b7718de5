//! Training: an averaged structured perceptron over the hashed features with the decoder of
//! tagging (first-order Viterbi by default, greedy left to right as an option), then the
//! compact coding of the averaged weights (`i8` rows with a scale, `f32` where needed).

use doc::{EntityLabel, LangCode};

use std::collections::{HashMap, HashSet};

use crate::features::{self, Extractor, N_FEATURES, N_STATIC, cased_hash};
use crate::memory::{MAX_LEN, Memory, START, ngram, start_key};
use crate::model::{self, Model, N_TAGS, Span, Tag};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// The weight table has `2^bits` rows.
    pub bits: u8,
    /// Seed of the shuffling between epochs.
    pub seed: u64,
    /// The smallest non-zero weights, this fraction of them, are dropped from the model.
    pub prune_quantile: f64,
    /// Decode and learn whole sentences (first-order Viterbi, structured perceptron) rather
    /// than greedily token by token.
    pub viterbi: bool,
    /// Feature groups left out (experiments): bit 1 stems, 2 stem memory, 4 gazetteer, 8
    /// previous word with the ending, 16 stems of the neighbouring words, 32 word clusters, 64
    /// cue words.
    pub off: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            bits: 20,
            seed: 0x5eed,
            prune_quantile: 0.0,
            viterbi: true,
            off: 0,
        }
    }
}

/// One annotated sentence.
#[derive(Clone, Copy, Debug)]
pub struct Example<'a> {
    /// Its tokens.
    pub tokens: &'a [String],
    /// Its mentions, over token indices, sorted and non-overlapping.
    pub spans: &'a [Span],
    /// The labels its corpus annotates, one bit per label in [`EntityLabel::ALL`] order
    /// (`0b1111` for all four): a predicted mention of another label is not an error.
    pub labels: u8,
    /// Its domain: 0 for text like what the model will tag; another number for a domain
    /// whose peculiarities should not carry over (historical OCR newspapers). Features of
    /// such examples get a second, domain-specific copy that absorbs those peculiarities
    /// and is not saved ("frustratingly easy" domain adaptation).
    pub domain: u8,
}

struct Weights {
    bits: u8,
    w: Vec<f32>,
    /// Sum of `time * update`, for averaging.
    u: Vec<f64>,
    time: f64,
    /// Rows that general (not domain-specific) features have touched: the only ones saved.
    general: Vec<bool>,
}

impl Weights {
    #[inline]
    fn base(&self, h: u64) -> usize {
        (h >> (64 - self.bits as u32)) as usize * N_TAGS
    }
    fn scores(&self, feats: &[u64]) -> [f32; N_TAGS] {
        let mut s = [0f32; N_TAGS];
        for &h in feats {
            let b = self.base(h);
            for (x, w) in s.iter_mut().zip(&self.w[b..b + N_TAGS]) {
                *x += w;
            }
        }
        s
    }
    fn bump(&mut self, feats: &[u64], tag: Tag, by: f32) {
        let t = self.time;
        for &h in feats.iter().filter(|&&h| h != features::OFF) {
            let b = self.base(h) + tag.index();
            self.w[b] += by;
            self.u[b] += t * by as f64;
        }
    }
    fn mark_general(&mut self, feats: &[u64]) {
        for &h in feats {
            let r = self.base(h) / N_TAGS;
            self.general[r] = true;
        }
    }
    fn update(&mut self, feats: &[u64], gold: Tag, pred: Tag) {
        let t = self.time;
        for &h in feats {
            let b = self.base(h);
            self.w[b + gold.index()] += 1.0;
            self.u[b + gold.index()] += t;
            self.w[b + pred.index()] -= 1.0;
            self.u[b + pred.index()] -= t;
        }
    }
    fn averaged(&self) -> Vec<f32> {
        let t = self.time.max(1.0);
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / t) as f32)
            .collect()
    }
}

/// Rows whose `i8` coding would be off by more than this (in perceptron updates) are kept
/// as `f32`.
const MAX_ERROR: f32 = 0.05;

/// Encodes averaged weights row by row: each row is centred (adding a constant to every tag
/// of a feature changes no decision), then stored as `i8` with a per-row power-of-two scale,
/// or as `f32` when that would be off by more than [`MAX_ERROR`]. Rows whose spread is in the
/// smallest `prune_quantile` of all rows are dropped.
fn encode(avg: &[f32], prune_quantile: f64) -> (Vec<u8>, u32) {
    let span_of = |r: &[f32]| {
        let (lo, hi) = r
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        (hi - lo, (hi + lo) / 2.0)
    };
    let mut spans: Vec<f32> = avg
        .chunks_exact(N_TAGS)
        .map(|r| span_of(r).0)
        .filter(|s| *s > 0.0)
        .collect();
    let mut body = Vec::new();
    let mut n_rows = 0u32;
    if spans.is_empty() {
        return (body, 0);
    }
    let q = prune_quantile.clamp(0.0, 0.99);
    let k = (((spans.len() - 1) as f64) * q) as usize;
    let (_, &mut threshold, _) = spans.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    let mut prev = 0u64;
    for (i, r) in avg.chunks_exact(N_TAGS).enumerate() {
        let (span, mid) = span_of(r);
        if span <= 0.0 || span < threshold {
            continue;
        }
        let mut row = [0f32; N_TAGS];
        for (o, x) in row.iter_mut().zip(r) {
            *o = x - mid;
        }
        let code = model::scale_code(span / 2.0);
        let code = if model::scale_of(code) / 2.0 > MAX_ERROR {
            model::WIDE
        } else {
            code
        };
        model::push_row(&mut body, i as u64 - prev, code, &row);
        prev = i as u64;
        n_rows += 1;
    }
    (body, n_rows)
}

impl model::Rows for Weights {
    #[inline]
    fn add(&self, h: u64, scores: &mut [f32; N_TAGS]) {
        if h == features::OFF {
            return;
        }
        let b = self.base(h);
        for (s, w) in scores.iter_mut().zip(&self.w[b..b + N_TAGS]) {
            *s += w;
        }
    }
}

fn build(lang: LangCode, bits: u8, avg: &[f32], opts: &TrainOptions, memory: &Memory) -> Model {
    let (body, n_rows) = encode(avg, opts.prune_quantile);
    let fv = model::FEATURES_VERSION;
    let off = (opts.off & features::OFF_ALL) as u8;
    match Model::from_parts(
        lang,
        bits,
        body,
        n_rows,
        memory.clone(),
        opts.viterbi,
        (fv, off),
    ) {
        Ok(m) => m,
        // The encoder and the decoder are written together; an empty model is the fallback.
        Err(_) => Model::from_parts(
            lang,
            bits,
            Vec::new(),
            0,
            Memory::default(),
            opts.viterbi,
            (fv, off),
        )
        .unwrap_or_else(|_| unreachable!()),
    }
}

/// Folds of the name memory during training.
const FOLDS: usize = 5;

/// The name memory of the examples whose index is not `skip` modulo [`FOLDS`] (all of them
/// for `None`): each mention of at most [`MAX_LEN`] tokens with its most frequent label.
fn memory_of(examples: &[Example<'_>], skip: Option<usize>, stems: bool) -> Memory {
    let mut counts: HashMap<u64, [u32; 4]> = HashMap::new();
    let mut cased = Vec::new();
    let mut lower = String::new();
    let mut starts: HashSet<u64> = HashSet::new();
    for (k, e) in examples.iter().enumerate() {
        if skip == Some(k % FOLDS) {
            continue;
        }
        for s in e.spans {
            if s.end <= s.start || s.end - s.start > MAX_LEN || s.end > e.tokens.len() {
                continue;
            }
            cased.clear();
            cased.extend(e.tokens[s.start..s.end].iter().map(|t| cased_hash(t)));
            counts.entry(ngram(&cased)).or_default()[li(s.label)] += 1;
            starts.insert(start_key(cased[0]));
            if stems {
                // The same mention by lowercased stems ("москв" for "Москва", "Москве").
                cased.clear();
                cased.extend(e.tokens[s.start..s.end].iter().map(|t| {
                    lower.clear();
                    lower.extend(t.chars().take(features::MAX_CHARS).flat_map(|c| {
                        let d = if c.is_numeric() { '0' } else { c };
                        d.to_lowercase()
                    }));
                    features::stem_hash(&lower)
                }));
                counts.entry(ngram(&cased)).or_default()[li(s.label)] += 1;
                starts.insert(start_key(cased[0]));
            }
        }
    }
    let mut entries: Vec<(u64, u8)> = counts
        .into_iter()
        .map(|(k, c)| {
            let best = (0..4)
                .max_by_key(|&i| (c[i], std::cmp::Reverse(i)))
                .unwrap_or(0);
            (k, best as u8)
        })
        .collect();
    entries.extend(starts.into_iter().map(|k| (k, START)));
    entries.sort_unstable();
    Memory::new(&entries)
}

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

/// Trains a model on `examples`. `on_epoch` is called after each epoch with the epoch number
/// (from 1) and the model as it would be saved then.
pub fn train_with(
    lang: LangCode,
    examples: &[Example<'_>],
    opts: &TrainOptions,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let bits = opts.bits.clamp(8, 24);
    let size = N_TAGS << bits;
    let mut wt = Weights {
        bits,
        w: vec![0.0; size],
        u: vec![0.0; size],
        time: 1.0,
        general: vec![false; 1 << bits],
    };
    let mut ex = Extractor::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed | 1;
    let mut gold = Vec::new();
    let mut feats = [0u64; 2 * N_FEATURES];
    let mut stat = [0u64; N_STATIC];
    let mut toks: Vec<&str> = Vec::new();
    let off = opts.off & features::OFF_ALL;
    ex.off = off;
    ex.clusters = (off & features::OFF_CLUSTERS == 0).then(|| features::clusters(lang));
    let stems = off & features::OFF_STEM_MEMO == 0;
    let full = memory_of(examples, None, stems);
    let folds: Vec<Memory> = (0..FOLDS)
        .map(|f| memory_of(examples, Some(f), stems))
        .collect();
    let mut model = build(lang, bits, &[], opts, &full);
    let mut back = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=opts.epochs.max(1) {
        for i in (1..order.len()).rev() {
            let j = (xorshift(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let e = &examples[k];
            toks.clear();
            toks.extend(e.tokens.iter().map(String::as_str));
            model::tags_of(e.spans, toks.len(), &mut gold);
            ex.prepare(&toks, &folds[k % FOLDS], model::FEATURES_VERSION);
            let (mut t1, mut t2) = (Tag::O, Tag::O);
            if opts.viterbi {
                model::viterbi(
                    &wt,
                    &ex,
                    gold.len(),
                    e.domain,
                    e.labels,
                    &mut back,
                    &mut pred,
                );
                if pred != gold {
                    for i in 0..gold.len() {
                        let gp = (i > 0).then(|| gold[i - 1]);
                        let pp = (i > 0).then(|| pred[i - 1]);
                        if gold[i] == pred[i] && gp == pp {
                            continue;
                        }
                        let k =
                            model::features_at(&ex, i, model::code_of(gp), e.domain, &mut feats);
                        wt.mark_general(&feats[..N_FEATURES]);
                        wt.bump(&feats[..k], gold[i], 1.0);
                        let k =
                            model::features_at(&ex, i, model::code_of(pp), e.domain, &mut feats);
                        wt.bump(&feats[..k], pred[i], -1.0);
                    }
                }
                wt.time += gold.len() as f64;
                continue;
            }
            let n_feats = if e.domain == 0 {
                N_FEATURES
            } else {
                2 * N_FEATURES
            };
            for (i, &g) in gold.iter().enumerate() {
                ex.static_features(i, &mut stat);
                feats[..N_STATIC].copy_from_slice(&stat);
                features::dynamic_features(
                    &ex.attrs[i],
                    model::prev_code(i, 1, t1),
                    model::prev_code(i, 2, t2),
                    &mut feats[N_STATIC..N_FEATURES],
                );
                if e.domain != 0 {
                    let (general, own) = feats.split_at_mut(N_FEATURES);
                    for (o, h) in own.iter_mut().zip(general.iter()) {
                        *o = features::mix2(90 + e.domain as u64, *h, 0);
                    }
                }
                let feats = &feats[..n_feats];
                let scores = wt.scores(feats);
                let pred = model::best_tag(&scores, t1);
                let unannotated =
                    g == Tag::O && pred.label().is_some_and(|l| e.labels & (1 << li(l)) == 0);
                if pred != g && !unannotated {
                    wt.mark_general(&feats[..N_FEATURES]);
                    wt.update(feats, g, pred);
                }
                wt.time += 1.0;
                t2 = t1;
                t1 = pred;
            }
        }
        let mut avg = wt.averaged();
        for (row, keep) in avg.chunks_exact_mut(N_TAGS).zip(&wt.general) {
            if !keep {
                row.fill(0.0);
            }
        }
        model = build(lang, bits, &avg, opts, &full);
        on_epoch(epoch, &model);
    }
    model
}

/// Trains a model on `examples`.
pub fn train(lang: LangCode, examples: &[Example<'_>], opts: &TrainOptions) -> Model {
    train_with(lang, examples, opts, &mut |_, _| {})
}

/// Entity-level exact-match counts, per label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted mentions matching a gold one (same tokens, same label), per label.
    pub correct: [usize; 4],
    /// Predicted mentions, per label.
    pub predicted: [usize; 4],
    /// Gold mentions, per label.
    pub gold: [usize; 4],
}

fn li(label: EntityLabel) -> usize {
    EntityLabel::ALL
        .iter()
        .position(|l| *l == label)
        .unwrap_or(0)
}

impl Counts {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Span], predicted: &[Span]) {
        for g in gold {
            self.gold[li(g.label)] += 1;
        }
        for p in predicted {
            self.predicted[li(p.label)] += 1;
            if gold.contains(p) {
                self.correct[li(p.label)] += 1;
            }
        }
    }

    /// Precision, recall and F1 over all labels (`label` `None`) or one.
    pub fn prf(&self, label: Option<EntityLabel>) -> (f64, f64, f64) {
        let pick = |a: &[usize; 4]| match label {
            None => a.iter().sum::<usize>(),
            Some(l) => a[li(l)],
        };
        let (c, p, g) = (pick(&self.correct), pick(&self.predicted), pick(&self.gold));
        let prec = if p == 0 { 0.0 } else { c as f64 / p as f64 };
        let rec = if g == 0 { 0.0 } else { c as f64 / g as f64 };
        let f = if prec + rec == 0.0 {
            0.0
        } else {
            2.0 * prec * rec / (prec + rec)
        };
        (prec, rec, f)
    }
}

/// Tags every example with `model` and counts exact matches.
pub fn evaluate(model: &Model, examples: &[Example<'_>]) -> Counts {
    let mut counts = Counts::default();
    let mut tags = Vec::new();
    let mut pred = Vec::new();
    let mut toks: Vec<&str> = Vec::new();
    for e in examples {
        toks.clear();
        toks.extend(e.tokens.iter().map(String::as_str));
        model.tag(&toks, &mut tags);
        model::spans(&tags, &mut pred);
        counts.add(e.spans, &pred);
    }
    counts
}
