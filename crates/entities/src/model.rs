//! The model: a hashed table of quantised weights, its file format and the greedy decoder.

use std::cell::RefCell;
use std::fmt;

use doc::{EntityLabel, LangCode};

use crate::features::{self, Extractor, N_DYNAMIC, N_FEATURES, N_STATIC};
use crate::memory::Memory;

/// Number of tags (BIO over the four labels).
pub const N_TAGS: usize = 9;

/// A tag of the BIO scheme: outside, or the beginning or inside of a mention of a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Tag(u8);

impl Tag {
    /// Outside any mention.
    pub const O: Tag = Tag(0);

    /// The first token of a mention of `label`.
    pub fn begin(label: EntityLabel) -> Tag {
        Tag(1 + label_index(label))
    }

    /// A following token of a mention of `label`.
    pub fn inside(label: EntityLabel) -> Tag {
        Tag(5 + label_index(label))
    }

    /// The label, `None` for [`Tag::O`].
    pub fn label(self) -> Option<EntityLabel> {
        match self.0 {
            0 => None,
            k => EntityLabel::ALL.get(((k - 1) % 4) as usize).copied(),
        }
    }

    /// Whether the tag starts a mention.
    pub fn is_begin(self) -> bool {
        (1..=4).contains(&self.0)
    }

    /// Whether the tag continues a mention.
    pub fn is_inside(self) -> bool {
        (5..=8).contains(&self.0)
    }

    /// The index of the tag in `0..N_TAGS`.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The tag of index `i`, `None` when `i >= N_TAGS`.
    pub fn from_index(i: usize) -> Option<Tag> {
        (i < N_TAGS).then_some(Tag(i as u8))
    }

    /// `I-X` may only follow `B-X` or `I-X`.
    #[inline]
    pub(crate) fn may_follow(self, prev: Tag) -> bool {
        !self.is_inside() || (prev.0 != 0 && (prev.0 - 1) % 4 == (self.0 - 1) % 4)
    }

    /// The spelling used in CoNLL files (`O`, `B-PER`, `I-LOC`).
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; N_TAGS] = [
            "O", "B-PER", "B-ORG", "B-LOC", "B-MISC", "I-PER", "I-ORG", "I-LOC", "I-MISC",
        ];
        NAMES[self.0 as usize]
    }
}

/// The bit of `label` in a label mask (the order of [`EntityLabel::ALL`]).
pub(crate) fn label_bit(label: EntityLabel) -> u8 {
    1 << label_index(label)
}

fn label_index(label: EntityLabel) -> u8 {
    match label {
        EntityLabel::Per => 0,
        EntityLabel::Org => 1,
        EntityLabel::Loc => 2,
        EntityLabel::Misc => 3,
    }
}

/// A mention over token indices: tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it names.
    pub label: EntityLabel,
}

/// Turns tags into mentions (a stray `I-X` starts a mention, as in CoNLL scoring).
pub fn spans(tags: &[Tag], out: &mut Vec<Span>) {
    out.clear();
    let mut open: Option<Span> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = t.is_inside() && open.is_some_and(|s| Some(s.label) == t.label());
        if continues {
            continue;
        }
        if let Some(mut s) = open.take() {
            s.end = i;
            out.push(s);
        }
        if let Some(label) = t.label() {
            open = Some(Span {
                start: i,
                end: i,
                label,
            });
        }
    }
    if let Some(mut s) = open {
        s.end = tags.len();
        out.push(s);
    }
}

/// Writes the BIO tags of `spans` over `n` tokens into `out` (overlapping or out-of-range
/// spans are clipped; the first one wins).
pub fn tags_of(spans: &[Span], n: usize, out: &mut Vec<Tag>) {
    out.clear();
    out.resize(n, Tag::O);
    for s in spans {
        let end = s.end.min(n);
        if s.start >= end || out[s.start..end].iter().any(|t| *t != Tag::O) {
            continue;
        }
        out[s.start] = Tag::begin(s.label);
        for t in &mut out[s.start + 1..end] {
            *t = Tag::inside(s.label);
        }
    }
}

/// Why model bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entities model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 8] = b"VEILNER\x1a";
const VERSION: u16 = 1;
/// Version of the feature templates; a model is only valid with the templates it was trained
/// with.
pub(crate) const FEATURES_VERSION: u8 = 6;
/// The oldest feature version still read (its models tag with the features of that
/// version).
const OLDEST_FEATURES_VERSION: u8 = 3;
const MIN_BITS: u8 = 8;
const MAX_BITS: u8 = 24;

/// A trained tagger for one language.
pub struct Model {
    lang: LangCode,
    bits: u8,
    /// `2^bits` rows of [`N_TAGS`] weights, as decoded from `body` (kept as `f32`: the
    /// compact codings measured slower, see the crate documentation).
    weights: Vec<f32>,
    /// The feature version the weights were trained with.
    features: u8,
    /// Feature groups left out (feature version 4; see `features::OFF_STEM`...).
    off: u8,
    /// The encoded rows (see [`Model::to_bytes`]).
    body: Vec<u8>,
    n_rows: u32,
    /// Mentions seen in training.
    memory: Memory,
    /// Decode whole sentences (first-order Viterbi) rather than greedily.
    viterbi: bool,
}

/// The scale code marking a row stored as `f32`.
pub(crate) const WIDE: u8 = 255;

/// The scale of code `e` (below [`WIDE`]): `2^((e - 160) / 8)`.
pub(crate) fn scale_of(e: u8) -> f32 {
    ((e as f32 - 160.0) / 8.0).exp2()
}

/// The smallest scale code whose scale times 127 covers `max`.
pub(crate) fn scale_code(max: f32) -> u8 {
    let e = (8.0 * (max / 127.0).log2()).ceil() + 160.0;
    e.clamp(0.0, (WIDE - 1) as f32) as u8
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("lang", &self.lang.as_str())
            .field("bits", &self.bits)
            .field("rows", &self.n_rows)
            .field("memory", &self.memory.len())
            .finish()
    }
}

/// Appends a row to a model body: delta-coded index, then a scale code and `i8` weights, or
/// [`WIDE`] and `f32` weights.
pub(crate) fn push_row(body: &mut Vec<u8>, delta: u64, code: u8, row: &[f32; N_TAGS]) {
    let mut d = delta;
    loop {
        let b = (d & 0x7F) as u8;
        d >>= 7;
        if d == 0 {
            body.push(b);
            break;
        }
        body.push(b | 0x80);
    }
    body.push(code);
    if code == WIDE {
        for w in row {
            body.extend_from_slice(&w.to_le_bytes());
        }
    } else {
        let scale = scale_of(code);
        body.extend(
            row.iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Buffers reused from sentence to sentence by [`Model::tag_with`].
#[derive(Default)]
pub struct Scratch {
    extractor: Extractor,
    back: Vec<[u8; N_TAGS]>,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| ModelError(format!("truncated at byte {}", self.pos)))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7F) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError("varint too long".into()))
    }
}

impl Model {
    /// A model from an encoded body of `n_rows` rows (see [`push_row`]).
    pub(crate) fn from_parts(
        lang: LangCode,
        bits: u8,
        body: Vec<u8>,
        n_rows: u32,
        memory: Memory,
        viterbi: bool,
        (features, off): (u8, u8),
    ) -> Result<Model, ModelError> {
        if off as u32 & !features::OFF_ALL != 0 {
            return Err(ModelError(format!("unknown feature groups {off}")));
        }
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(ModelError(format!("table of 2^{bits} rows out of range")));
        }
        let table_rows = 1usize << bits;
        if n_rows as usize > table_rows || (n_rows as usize).saturating_mul(N_TAGS + 2) > body.len()
        {
            return Err(ModelError("row count does not fit".into()));
        }
        let mut weights = vec![0f32; table_rows * N_TAGS];
        let mut r = Reader {
            bytes: &body,
            pos: 0,
        };
        let mut index = 0u64;
        for k in 0..n_rows {
            let d = r.varint()?;
            if k > 0 && d == 0 {
                return Err(ModelError("rows out of order".into()));
            }
            index = index
                .checked_add(d)
                .filter(|&i| i < table_rows as u64)
                .ok_or_else(|| ModelError("row index out of range".into()))?;
            let base = index as usize * N_TAGS;
            let out = &mut weights[base..base + N_TAGS];
            let code = r.u8()?;
            if code == WIDE {
                for w in out.iter_mut() {
                    let v = f32::from_le_bytes([r.u8()?, r.u8()?, r.u8()?, r.u8()?]);
                    if !v.is_finite() {
                        return Err(ModelError("weight not finite".into()));
                    }
                    *w = v;
                }
            } else {
                let scale = scale_of(code);
                for (w, b) in out.iter_mut().zip(r.take(N_TAGS)?) {
                    *w = *b as i8 as f32 * scale;
                }
            }
        }
        if r.pos != body.len() {
            return Err(ModelError("trailing bytes after the rows".into()));
        }
        Ok(Model {
            lang,
            bits,
            weights,
            features,
            off,
            body,
            n_rows,
            memory,
            viterbi,
        })
    }

    /// The language the model was trained for.
    pub fn lang(&self) -> LangCode {
        self.lang
    }

    /// Rows of the weight table stored in the model.
    pub fn nonzero_rows(&self) -> usize {
        self.n_rows as usize
    }

    /// The file format: magic, format version, feature version (from version 4 followed by
    /// a byte of the feature groups left out), language, table size, the
    /// non-zero rows (delta-coded index, then a scale code and `i8` weights, or a marker and
    /// `f32` weights for rows with large weights), the name memory (hash and label of
    /// each mention), and an FNV-1a checksum of all that.
    pub fn to_bytes(&self) -> Vec<u8> {
        let (body, n_rows) = (&self.body, self.n_rows);
        let mut out = Vec::with_capacity(body.len() + 40);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(self.features);
        if self.features >= 4 {
            out.push(self.off);
        }
        let code = self.lang.as_str().as_bytes();
        out.push(code.len() as u8);
        let mut code3 = [0u8; 3];
        code3[..code.len().min(3)].copy_from_slice(&code[..code.len().min(3)]);
        out.extend_from_slice(&code3);
        out.push(N_TAGS as u8);
        out.push(self.bits);
        out.push(self.viterbi as u8);
        out.extend_from_slice(&n_rows.to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(body);
        let mut entries: Vec<(u64, u8)> = self.memory.entries().collect();
        // Sorted, so that a model read back writes the same bytes.
        entries.sort_unstable();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, l) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(l);
        }
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`]. Any malformed input is an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() + 8 {
            return Err(ModelError("too short".into()));
        }
        let (content, sum) = bytes.split_at(bytes.len() - 8);
        let mut s = [0u8; 8];
        s.copy_from_slice(sum);
        if !content.starts_with(MAGIC) {
            return Err(ModelError("not a veille entities model (bad magic)".into()));
        }
        if fnv1a(content) != u64::from_le_bytes(s) {
            return Err(ModelError("checksum mismatch".into()));
        }
        let mut r = Reader {
            bytes: content,
            pos: MAGIC.len(),
        };
        let version = u16::from_le_bytes([r.u8()?, r.u8()?]);
        if version != VERSION {
            return Err(ModelError(format!(
                "format version {version}, expected {VERSION}"
            )));
        }
        let fv = r.u8()?;
        if !(OLDEST_FEATURES_VERSION..=FEATURES_VERSION).contains(&fv) {
            return Err(ModelError(format!(
                "feature version {fv}, this build reads {OLDEST_FEATURES_VERSION} to {FEATURES_VERSION}"
            )));
        }
        let off = if fv >= 4 { r.u8()? } else { 0 };
        let code_len = r.u8()? as usize;
        let code3 = r.take(3)?;
        let lang = std::str::from_utf8(code3.get(..code_len).unwrap_or(&[]))
            .ok()
            .and_then(LangCode::parse)
            .ok_or_else(|| ModelError("bad language code".into()))?;
        let n_tags = r.u8()? as usize;
        if n_tags != N_TAGS {
            return Err(ModelError(format!("{n_tags} tags, expected {N_TAGS}")));
        }
        let bits = r.u8()?;
        let viterbi = match r.u8()? {
            0 => false,
            1 => true,
            d => return Err(ModelError(format!("unknown decoder {d}"))),
        };
        let n_rows = r.u32()?;
        let body_len = r.u32()? as usize;
        let body = r.take(body_len)?.to_vec();
        let n_entries = r.u32()? as usize;
        if n_entries.checked_mul(9).and_then(|n| n.checked_add(r.pos)) != Some(content.len()) {
            return Err(ModelError(
                "memory length does not match the file size".into(),
            ));
        }
        let mut entries = Vec::with_capacity(n_entries);
        for _ in 0..n_entries {
            let mut k = [0u8; 8];
            k.copy_from_slice(r.take(8)?);
            let l = r.u8()?;
            if l > crate::memory::START {
                return Err(ModelError("memory label out of range".into()));
            }
            entries.push((u64::from_le_bytes(k), l));
        }
        Model::from_parts(
            lang,
            bits,
            body,
            n_rows,
            Memory::new(&entries),
            viterbi,
            (fv, off),
        )
    }

    /// Adds the row of feature hash `h` to `scores`.
    #[inline]
    pub(crate) fn add_row(&self, h: u64, scores: &mut [f32; N_TAGS]) {
        if h == features::OFF {
            return;
        }
        let i = (h >> (64 - self.bits as u32)) as usize * N_TAGS;
        for (s, w) in scores.iter_mut().zip(&self.weights[i..i + N_TAGS]) {
            *s += w;
        }
    }

    /// Bytes of the weight table in memory.
    pub fn table_bytes(&self) -> usize {
        self.weights.len() * 4
    }

    /// Tags a sentence: one [`Tag`] per token in `out` (cleared first). Uses a per-thread
    /// scratch buffer; see [`Model::tag_with`] to pass one explicitly.
    pub fn tag(&self, tokens: &[&str], out: &mut Vec<Tag>) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.tag_with(tokens, &mut s, out),
            Err(_) => self.tag_with(tokens, &mut Scratch::default(), out),
        });
    }

    /// Tags a sentence using `scratch` for the intermediate buffers.
    pub fn tag_with(&self, tokens: &[&str], scratch: &mut Scratch, out: &mut Vec<Tag>) {
        out.clear();
        let ex = &mut scratch.extractor;
        ex.off = self.off as u32;
        ex.clusters = (self.features >= 5 && ex.off & features::OFF_CLUSTERS == 0)
            .then(|| features::clusters(self.lang));
        ex.prepare(tokens, &self.memory, self.features);
        if self.viterbi {
            viterbi(self, ex, tokens.len(), 0, 0b1111, &mut scratch.back, out);
            return;
        }
        let mut feats = [0u64; N_FEATURES];
        let mut stat = [0u64; N_STATIC];
        let (mut t1, mut t2) = (Tag::O, Tag::O);
        let ns = ex.n_static;
        for i in 0..tokens.len() {
            ex.static_features(i, &mut stat);
            feats[..ns].copy_from_slice(&stat[..ns]);
            features::dynamic_features(
                &ex.attrs[i],
                prev_code(i, 1, t1),
                prev_code(i, 2, t2),
                &mut feats[ns..ns + N_DYNAMIC],
            );
            let mut scores = [0f32; N_TAGS];
            for &h in &feats[..ns + N_DYNAMIC] {
                self.add_row(h, &mut scores);
            }
            let best = best_tag(&scores, t1);
            out.push(best);
            t2 = t1;
            t1 = best;
        }
        debug_assert_eq!(N_FEATURES, N_STATIC + N_DYNAMIC);
    }
}

/// Weight rows by feature hash: a model's, or the weights being trained.
pub(crate) trait Rows {
    /// Adds the row of `h` to `scores`.
    fn add(&self, h: u64, scores: &mut [f32; N_TAGS]);
}

impl Rows for Model {
    #[inline]
    fn add(&self, h: u64, scores: &mut [f32; N_TAGS]) {
        self.add_row(h, scores);
    }
}

/// The code standing for "no tag before the previous one" in Viterbi decoding (first
/// order: the second previous tag is not a feature).
pub(crate) const NO_T2: u64 = 200;

/// The feature hashes of token `i` after previous tag code `p`, into `out` (static then
/// dynamic, then, for `domain` > 0, a domain copy of each); returns how many.
pub(crate) fn features_at(
    ex: &Extractor,
    i: usize,
    p: u64,
    domain: u8,
    out: &mut [u64; 2 * N_FEATURES],
) -> usize {
    let mut stat = [0u64; N_STATIC];
    let ns = ex.n_static;
    let nf = ns + N_DYNAMIC;
    ex.static_features(i, &mut stat);
    out[..ns].copy_from_slice(&stat[..ns]);
    features::dynamic_features(&ex.attrs[i], p, NO_T2, &mut out[ns..nf]);
    if domain == 0 {
        return nf;
    }
    let (general, own) = out.split_at_mut(nf);
    for (o, h) in own.iter_mut().zip(general.iter()) {
        *o = features::mix2(90 + domain as u64, *h, 0);
    }
    2 * nf
}

/// The code of tag `t` as a previous tag (`None`: the sentence start).
#[inline]
pub(crate) fn code_of(t: Option<Tag>) -> u64 {
    t.map_or(100, |t| t.index() as u64)
}

/// First-order Viterbi over the prepared sentence of `n` tokens: static features once per
/// token, the features on the previous tag once per token and previous tag.
pub(crate) fn viterbi<R: Rows>(
    rows: &R,
    ex: &Extractor,
    n: usize,
    domain: u8,
    labels: u8,
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut Vec<Tag>,
) {
    out.clear();
    back.clear();
    if n == 0 {
        return;
    }
    let mut stat = [0u64; N_STATIC];
    let copy = |h: u64| features::mix2(90 + domain as u64, h, 0);
    // The features on the previous tag alone, per previous tag (the last: the start).
    let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
    for (k, tr) in trans.iter_mut().enumerate() {
        let p = (k < N_TAGS).then_some(Tag(k as u8));
        for h in features::transition_features(code_of(p), NO_T2) {
            rows.add(h, tr);
            if domain != 0 {
                rows.add(copy(h), tr);
            }
        }
    }
    let mut delta = [f32::NEG_INFINITY; N_TAGS];
    for i in 0..n {
        let mut emit = [0f32; N_TAGS];
        ex.static_features(i, &mut stat);
        for &h in &stat[..ex.n_static] {
            rows.add(h, &mut emit);
            if domain != 0 {
                rows.add(copy(h), &mut emit);
            }
        }
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        let mut bp = [0u8; N_TAGS];
        let prevs: &[Option<Tag>] = if i == 0 { &[None] } else { &ALL_PREV };
        for &p in prevs {
            let base = match p {
                Some(t) => delta[t.index()],
                None => 0.0,
            };
            if base == f32::NEG_INFINITY {
                continue;
            }
            let mut d = emit;
            for (x, tr) in d.iter_mut().zip(&trans[p.map_or(N_TAGS, Tag::index)]) {
                *x += tr;
            }
            for h in features::tag_word_features(&ex.attrs[i], code_of(p)) {
                rows.add(h, &mut d);
                if domain != 0 {
                    rows.add(copy(h), &mut d);
                }
            }
            let prev = p.unwrap_or(Tag::O);
            for (t, &dt) in d.iter().enumerate() {
                let tag = Tag(t as u8);
                if !tag.may_follow(prev) || tag.label().is_some_and(|l| labels & label_bit(l) == 0)
                {
                    continue;
                }
                let v = base + dt;
                if v > next[t] {
                    next[t] = v;
                    bp[t] = prev.0;
                }
            }
        }
        delta = next;
        back.push(bp);
    }
    let mut best = 0;
    for t in 1..N_TAGS {
        if delta[t] > delta[best] {
            best = t;
        }
    }
    out.resize(n, Tag::O);
    for i in (0..n).rev() {
        out[i] = Tag(best as u8);
        best = back[i][best] as usize;
    }
}

const ALL_PREV: [Option<Tag>; N_TAGS] = [
    Some(Tag(0)),
    Some(Tag(1)),
    Some(Tag(2)),
    Some(Tag(3)),
    Some(Tag(4)),
    Some(Tag(5)),
    Some(Tag(6)),
    Some(Tag(7)),
    Some(Tag(8)),
];

/// The code of a previous tag for the features: its index, or a marker before the sentence.
#[inline]
pub(crate) fn prev_code(i: usize, back: usize, t: Tag) -> u64 {
    if i < back { 100 } else { t.index() as u64 }
}

/// The best tag allowed after `prev`.
#[inline]
pub(crate) fn best_tag<T: PartialOrd + Copy>(scores: &[T; N_TAGS], prev: Tag) -> Tag {
    let mut best = Tag::O;
    let mut best_score = scores[0];
    for (k, &s) in scores.iter().enumerate().skip(1) {
        let t = Tag(k as u8);
        if s > best_score && t.may_follow(prev) {
            best = t;
            best_score = s;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reseal(mut bytes: Vec<u8>) -> Vec<u8> {
        let n = bytes.len() - 8;
        let sum = fnv1a(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn malformed_bytes_are_errors() {
        let good = crate::model_bytes(LangCode::FR).unwrap_or_default();
        assert!(Model::from_bytes(good).is_ok());
        assert!(Model::from_bytes(&[]).is_err());
        assert!(Model::from_bytes(b"VEILNER\x1a").is_err());
        // Truncated anywhere: an error (the checksum or a length check), never a panic.
        let step = (good.len() / 500).max(1);
        for cut in (0..good.len()).step_by(step) {
            assert!(Model::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
        }
        // A flipped byte: the checksum refuses it.
        let mut bad = good.to_vec();
        bad[good.len() / 2] ^= 0x40;
        assert_eq!(
            Model::from_bytes(&bad).err(),
            Some(ModelError("checksum mismatch".into()))
        );
        // Flipped header and body bytes with a valid checksum: parsed or refused, no panic.
        for pos in (8..good.len() - 8).step_by(step * 20).chain(8..40) {
            for x in [0x01u8, 0xFF] {
                let mut b = good.to_vec();
                b[pos] ^= x;
                let _ = Model::from_bytes(&reseal(b));
            }
        }
        // Huge counts in the header are refused before anything is allocated for them.
        let mut b = good.to_vec();
        let at = if good[10] >= 4 { 19 } else { 18 };
        b[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Model::from_bytes(&reseal(b)).is_err());
    }

    #[test]
    fn tags_and_spans() {
        let tags = [
            Tag::begin(EntityLabel::Per),
            Tag::inside(EntityLabel::Per),
            Tag::O,
            Tag::inside(EntityLabel::Loc),
            Tag::begin(EntityLabel::Org),
            Tag::begin(EntityLabel::Org),
            Tag::inside(EntityLabel::Misc),
        ];
        let mut out = Vec::new();
        spans(&tags, &mut out);
        let got: Vec<(usize, usize, &str)> = out
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 2, "PER"),
                (3, 4, "LOC"),
                (4, 5, "ORG"),
                (5, 6, "ORG"),
                (6, 7, "MISC")
            ]
        );
        let mut back = Vec::new();
        tags_of(&out, tags.len(), &mut back);
        assert_eq!(back[3], Tag::begin(EntityLabel::Loc));
        for i in 0..N_TAGS {
            let t = Tag::from_index(i).unwrap_or_default();
            assert_eq!(t.index(), i);
            assert_eq!(t.label().is_none(), i == 0);
        }
        assert!(Tag::from_index(N_TAGS).is_none());
        assert!(!Tag::inside(EntityLabel::Per).may_follow(Tag::begin(EntityLabel::Loc)));
        assert!(Tag::inside(EntityLabel::Per).may_follow(Tag::begin(EntityLabel::Per)));
    }
}
