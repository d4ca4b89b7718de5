//! Feature extraction, shared by tagging and training.
//!
//! Every feature is a (template, value) pair hashed to a row of the weight table. Per-token
//! attributes (lowercased word, shapes, affixes, flags) are hashed once per sentence into
//! reused buffers; templates over neighbours then only mix those hashes, so a token costs a
//! fixed number of table lookups and no allocation.

/// At most this many characters of a token are looked at (a 5 000-letter token costs the
/// same as a 64-letter one).
pub(crate) const MAX_CHARS: usize = 64;

use std::collections::HashMap;
use std::sync::OnceLock;

use doc::LangCode;

use crate::memory::Memory;

/// Features that do not depend on predicted tags (feature version 6).
pub(crate) const N_STATIC: usize = 54;
/// Features that do not depend on predicted tags in feature version 5.
pub(crate) const N_STATIC_V5: usize = 50;
/// Features that do not depend on predicted tags in feature version 4.
pub(crate) const N_STATIC_V4: usize = 43;
/// Features that do not depend on predicted tags in feature version 3 (the first
/// [`N_STATIC_V3`] of version 4: no stem, stem memory, gazetteer, preposition-ending).
pub(crate) const N_STATIC_V3: usize = 34;
/// Features on the previous tags.
pub(crate) const N_DYNAMIC: usize = 5;
/// All features of one token.
pub(crate) const N_FEATURES: usize = N_STATIC + N_DYNAMIC;

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const K3: u64 = 0x1656_67B1_9E37_79F9;

/// A small streaming hash (multiply-rotate, finalised with a 64-bit avalanche).
#[derive(Clone, Copy)]
pub(crate) struct Hasher(u64);

impl Hasher {
    pub(crate) fn new(seed: u64) -> Hasher {
        Hasher(seed ^ K3)
    }
    #[inline]
    pub(crate) fn push(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(23) ^ x).wrapping_mul(K1);
    }
    pub(crate) fn push_bytes(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.push(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        self.push(u64::from_le_bytes(a) ^ ((bytes.len() as u64) << 56));
    }
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        avalanche(self.0)
    }
}

#[inline]
fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^= h >> 33;
    h
}

/// Combines a template id with one or more value hashes.
#[inline]
pub(crate) fn mix(template: u64, a: u64) -> u64 {
    avalanche((a ^ template.wrapping_mul(K2)).wrapping_mul(K1) ^ template)
}

#[inline]
pub(crate) fn mix2(template: u64, a: u64, b: u64) -> u64 {
    mix(template, a.rotate_left(17) ^ b.wrapping_mul(K3))
}

#[inline]
fn mix3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(
        template,
        a.rotate_left(17) ^ b.wrapping_mul(K3) ^ c.rotate_left(41),
    )
}

// Flags of a token.
const TITLE: u32 = 1; // first letter upper case, no other upper case letter
const ALL_CAPS: u32 = 1 << 1; // at least two letters, all upper case
const FIRST_UPPER: u32 = 1 << 2;
const HAS_DIGIT: u32 = 1 << 3;
const HAS_LETTER: u32 = 1 << 4;
const HAS_HYPHEN: u32 = 1 << 5;
const LOWER_ELSEWHERE: u32 = 1 << 6; // capitalised here, written in lower case elsewhere in the sentence
const SCRIPT_SHIFT: u32 = 8; // 0 none, 1 Latin, 2 Cyrillic, 3 mixed, 4 other
const LEN_SHIFT: u32 = 12; // length bucket

/// Per-token attributes, hashed.
#[derive(Clone, Copy, Default)]
pub(crate) struct TokenAttrs {
    pub(crate) lower: u64,
    /// The token as written (first [`MAX_CHARS`] characters).
    pub(crate) cased: u64,
    shape: u64,
    short: u64,
    /// The lowercased word of the next token.
    next_lower: u64,
    /// The lowercased word without its Russian case ending (`москве` → `москв`).
    pub(crate) stem: u64,
    /// The word's cluster (`NO_CLUSTER` when it has none).
    pub(crate) cluster: u64,
    /// The word's cue classes ([`CUE_ORG`]...), 0 for none.
    cue: u8,
    pre: [u64; 4],
    suf: [u64; 4],
    pub(crate) flags: u32,
}

/// Reused buffers of the feature extractor.
#[derive(Default)]
pub(crate) struct Extractor {
    lower: String,
    ends: Vec<usize>,
    pub(crate) attrs: Vec<TokenAttrs>,
    lower_seen: Vec<u64>,
    cased: Vec<u64>,
    memo: Vec<u8>,
    stems: Vec<u64>,
    stem_memo: Vec<u8>,
    gaz: Vec<u8>,
    /// Per token: 1 a capitalised organisation ending after a capitalised word, 2 one follows
    /// in the same run of capitalised words, 0 neither.
    org_end: Vec<u8>,
    /// Gazetteer answers already looked up, by token hash (see [`gazetteer_codes`]).
    gaz_cache: HashMap<u64, bool>,
    /// Static features per token: [`N_STATIC`] (version 4) or [`N_STATIC_V3`].
    pub(crate) n_static: usize,
    /// Feature groups replaced by a constant (experiments; see [`OFF_STEM`]...).
    pub(crate) off: u32,
    /// The word clusters of the model's language (feature version 5).
    pub(crate) clusters: Option<&'static HashMap<u64, u16>>,
    /// Per token of a run of capitalised words (feature version 6), the context of the run;
    /// see [`Extractor::run_context`].
    runs: Vec<RunContext>,
}

/// The context of a run of capitalised words, shared by its tokens (feature version 6).
#[derive(Clone, Copy, Default)]
struct RunContext {
    /// The stem of the nearest lower-case word before the run, across list separators and
    /// other capitalised words ("поэтов Катулла и [Овидия]"); 0 for none.
    descriptor: u64,
    /// The memory, stem-memory and gazetteer codes of the neighbouring item of a list
    /// ("Эфес и [Пергам]"), before and after; 0 for none, else the codes plus one.
    partner: [u64; 2],
    /// 1 for a token of a run, 0 for the others (no feature).
    in_run: u8,
}

/// The hash of a feature left out: its row is never read nor updated (not 0: the constant
/// feature hashes to 0).
pub(crate) const OFF: u64 = u64::MAX;

/// Experiment switches of [`Extractor::off`].
pub(crate) const OFF_STEM: u32 = 1;
pub(crate) const OFF_STEM_MEMO: u32 = 2;
pub(crate) const OFF_GAZ: u32 = 4;
pub(crate) const OFF_PREP: u32 = 8;
pub(crate) const OFF_NEIGHBOUR_STEMS: u32 = 16;
/// Feature version 5: the word clusters of the word and its neighbours.
pub(crate) const OFF_CLUSTERS: u32 = 32;
/// Feature version 5: cue words before a name and organisation endings in it.
pub(crate) const OFF_CUES: u32 = 64;
/// Feature version 6: the context of a run of capitalised words ([`RunContext`]).
pub(crate) const OFF_RUNS: u32 = 128;
/// All the switches.
pub(crate) const OFF_ALL: u32 = 255;

fn script_of(c: char) -> u32 {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => 1,
        '\u{0400}'..='\u{052F}' => 2,
        _ => 4,
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// The hash of a token as written (its first [`MAX_CHARS`] characters).
pub(crate) fn cased_hash(tok: &str) -> u64 {
    let mut h = Hasher::new(4);
    let cut = tok
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(tok.len(), |(i, _)| i);
    h.push_bytes(&tok.as_bytes()[..cut]);
    h.finish()
}

const PAD_BEFORE: u64 = 0x5EED_0001;
const PAD_AFTER: u64 = 0x5EED_0002;

impl Extractor {
    /// Hashes the attributes of every token of a sentence.
    pub(crate) fn prepare(&mut self, tokens: &[&str], memory: &Memory, version: u8) {
        self.n_static = match version {
            6.. => N_STATIC,
            5 => N_STATIC_V5,
            4 => N_STATIC_V4,
            _ => N_STATIC_V3,
        };
        self.attrs.clear();
        self.lower_seen.clear();
        self.cased.clear();
        self.stems.clear();
        for tok in tokens {
            let a = self.attrs_of(tok);
            self.cased.push(a.cased);
            self.stems.push(a.stem);
            if a.flags & HAS_LETTER != 0 && a.flags & FIRST_UPPER == 0 {
                self.lower_seen.push(a.lower);
            }
            self.attrs.push(a);
        }
        for i in 0..self.attrs.len() {
            self.attrs[i].next_lower = self.attrs.get(i + 1).map_or(PAD_AFTER, |a| a.lower);
        }
        memory.mark(&self.cased, &mut self.memo);
        if self.n_static > N_STATIC_V3 {
            if self.off & OFF_STEM_MEMO == 0 {
                memory.mark(&self.stems, &mut self.stem_memo);
            } else {
                self.stem_memo.clear();
            }
            if self.off & OFF_GAZ == 0 {
                gazetteer_codes(tokens, &self.attrs, &mut self.gaz_cache, &mut self.gaz);
            } else {
                self.gaz.clear();
            }
        }
        if self.n_static > N_STATIC_V4 {
            org_ends(&self.attrs, &mut self.org_end);
        }
        if self.n_static > N_STATIC_V5 && self.off & OFF_RUNS == 0 {
            self.run_context(tokens);
        } else {
            self.runs.clear();
        }
        self.lower_seen.sort_unstable();
        for a in &mut self.attrs {
            if a.flags & FIRST_UPPER != 0 && self.lower_seen.binary_search(&a.lower).is_ok() {
                a.flags |= LOWER_ELSEWHERE;
            }
        }
    }

    /// Fills [`Extractor::runs`] (after the memory and gazetteer codes).
    fn run_context(&mut self, tokens: &[&str]) {
        let n = tokens.len();
        self.runs.clear();
        self.runs.resize(n, RunContext::default());
        let at = &self.attrs;
        let upper = |j: usize| at[j].flags & FIRST_UPPER != 0;
        let sep = |j: usize| matches!(tokens[j], "," | "и" | "или" | "&" | "and" | "et");
        let code = |j: usize| {
            let m = self.memo.get(j).copied().unwrap_or(0) as u64;
            let sm = self.stem_memo.get(j).copied().unwrap_or(0) as u64;
            let g = self.gaz.get(j).copied().unwrap_or(0) as u64;
            1 + (m | sm << 5 | g << 10)
        };
        let mut s = 0;
        while s < n {
            if !upper(s) {
                s += 1;
                continue;
            }
            let mut e = s;
            while e < n && upper(e) {
                e += 1;
            }
            let mut c = RunContext {
                in_run: 1,
                ..RunContext::default()
            };
            // The nearest lower-case word before, at most six tokens back.
            let mut j = s;
            let mut steps = 0;
            while j > 0 && steps < 6 {
                j -= 1;
                steps += 1;
                if upper(j) || sep(j) {
                    continue;
                }
                let f = at[j].flags;
                if f & HAS_LETTER != 0 && f & HAS_DIGIT == 0 {
                    c.descriptor = at[j].stem;
                }
                break;
            }
            if s >= 2 && sep(s - 1) && upper(s - 2) {
                c.partner[0] = code(s - 2);
            }
            if e + 1 < n && sep(e) && upper(e + 1) {
                c.partner[1] = code(e + 1);
            }
            for r in &mut self.runs[s..e] {
                *r = c;
            }
            s = e;
        }
    }

    fn attrs_of(&mut self, tok: &str) -> TokenAttrs {
        self.lower.clear();
        self.ends.clear();
        let mut shape = Hasher::new(1);
        let mut short = Hasher::new(2);
        let (mut last, mut run) = ('\0', 0usize);
        let mut flags = 0u32;
        let (mut upper, mut lowerc, mut n_chars) = (0usize, 0usize, 0usize);
        let mut script = 0u32;
        for (i, c) in tok.chars().take(MAX_CHARS).enumerate() {
            n_chars += 1;
            if c.is_numeric() {
                flags |= HAS_DIGIT;
                self.lower.push('0');
            } else {
                if c.is_alphabetic() {
                    flags |= HAS_LETTER;
                    let s = script_of(c);
                    script = if script == 0 || script == s { s } else { 3 };
                }
                if c == '-' {
                    flags |= HAS_HYPHEN;
                }
                if c.is_uppercase() {
                    upper += 1;
                    if i == 0 {
                        flags |= FIRST_UPPER;
                    }
                } else if c.is_lowercase() {
                    lowerc += 1;
                }
                for l in c.to_lowercase() {
                    self.lower.push(l);
                }
            }
            self.ends.push(self.lower.len());
            let k = shape_class(c);
            if k == last {
                run += 1;
            } else {
                last = k;
                run = 1;
                short.push(k as u64);
            }
            if run <= 4 {
                shape.push(k as u64);
            }
        }
        if flags & FIRST_UPPER != 0 && upper == 1 {
            flags |= TITLE;
        }
        if upper >= 2 && lowerc == 0 {
            flags |= ALL_CAPS;
        }
        let len_bucket = match n_chars {
            0..=1 => 0,
            2 => 1,
            3 => 2,
            4..=5 => 3,
            6..=8 => 4,
            _ => 5,
        };
        flags |= script << SCRIPT_SHIFT;
        flags |= len_bucket << LEN_SHIFT;
        let bytes = self.lower.as_bytes();
        let mut h = Hasher::new(3);
        h.push_bytes(bytes);
        let stem = stem_hash(&self.lower);
        let cluster = self
            .clusters
            .and_then(|m| m.get(&h_lower(bytes)))
            .map_or(NO_CLUSTER, |&c| c as u64);
        let cue = cues().get(&stem).copied().unwrap_or(0);
        let mut a = TokenAttrs {
            cue,
            cluster,
            lower: h.finish(),
            stem,
            cased: cased_hash(tok),
            shape: shape.finish(),
            short: short.finish(),
            flags,
            ..TokenAttrs::default()
        };
        let n = self.ends.len();
        for k in 0..4 {
            // Prefix and suffix of k + 1 characters (the whole word when shorter).
            let pend = if n == 0 { 0 } else { self.ends[k.min(n - 1)] };
            let mut p = Hasher::new(10 + k as u64);
            p.push_bytes(&bytes[..pend]);
            a.pre[k] = p.finish();
            let sstart = if n > k + 1 { self.ends[n - k - 2] } else { 0 };
            let mut s = Hasher::new(20 + k as u64);
            s.push_bytes(&bytes[sstart..]);
            a.suf[k] = s.finish();
        }
        a
    }

    /// The tag-independent feature hashes of token `i` of the prepared sentence.
    pub(crate) fn static_features(&self, i: usize, out: &mut [u64; N_STATIC]) {
        let at = &self.attrs;
        let n = at.len();
        let get = |j: isize| -> Option<&TokenAttrs> {
            if j < 0 || j as usize >= n {
                None
            } else {
                Some(&at[j as usize])
            }
        };
        let ii = i as isize;
        let w =
            |j: isize| get(ii + j).map_or(if j < 0 { PAD_BEFORE } else { PAD_AFTER }, |a| a.lower);
        let sh =
            |j: isize| get(ii + j).map_or(if j < 0 { PAD_BEFORE } else { PAD_AFTER }, |a| a.shape);
        let ss =
            |j: isize| get(ii + j).map_or(if j < 0 { PAD_BEFORE } else { PAD_AFTER }, |a| a.short);
        let suf3 =
            |j: isize| get(ii + j).map_or(if j < 0 { PAD_BEFORE } else { PAD_AFTER }, |a| a.suf[2]);
        let a = &at[i];
        let memo = self.memo.get(i).copied().unwrap_or(0) as u64;
        let initial = (i == 0) as u64;
        let case_flags = (a.flags & 0x7F) as u64;
        let ctx = case_flags | (initial << 8) | (((a.flags >> SCRIPT_SHIFT) & 0xF) as u64) << 9;
        *out = [
            mix(0, 0),
            mix(1, a.lower),
            mix(2, a.shape),
            mix(3, a.short),
            mix(4, a.pre[0]),
            mix(5, a.pre[1]),
            mix(6, a.pre[2]),
            mix(7, a.pre[3]),
            mix(8, a.suf[0]),
            mix(9, a.suf[1]),
            mix(10, a.suf[2]),
            mix(11, a.suf[3]),
            mix(12, w(-1)),
            mix(13, w(1)),
            mix(14, w(-2)),
            mix(15, w(2)),
            mix(16, sh(-1)),
            mix(17, sh(1)),
            mix(18, ss(-2)),
            mix(19, ss(2)),
            mix2(20, w(-1), a.lower),
            mix2(21, a.lower, w(1)),
            mix3(22, ss(-1), a.short, ss(1)),
            mix(23, ctx),
            mix2(24, ctx, a.short),
            mix2(25, ctx, a.lower),
            mix(26, suf3(-1)),
            mix(27, suf3(1)),
            mix2(28, w(-1), a.short),
            mix2(29, a.short, w(1)),
            mix2(30, w(-2), w(-1)),
            mix2(31, w(1), w(2)),
            mix(32, memo),
            mix2(33, memo, ctx),
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ];
        if self.n_static <= N_STATIC_V3 {
            return;
        }
        let stem_memo = self.stem_memo.get(i).copied().unwrap_or(0) as u64;
        let gaz = self.gaz.get(i).copied().unwrap_or(0) as u64;
        let off = |bit: u32, h: u64| if self.off & bit != 0 { OFF } else { h };
        out[34] = off(OFF_STEM, mix(50, a.stem));
        // No match is no feature: most tokens then cost four lookups less.
        let (m, g) = (stem_memo != 0, gaz != 0);
        out[35] = off(OFF_STEM_MEMO, if m { mix(51, stem_memo) } else { OFF });
        out[36] = off(
            OFF_STEM_MEMO,
            if m { mix2(52, stem_memo, ctx) } else { OFF },
        );
        out[37] = off(OFF_GAZ, if g { mix(53, gaz) } else { OFF });
        out[38] = off(OFF_GAZ, if g { mix2(54, gaz, ctx) } else { OFF });
        out[39] = off(OFF_PREP, mix2(55, w(-1), a.suf[1]));
        out[40] = off(OFF_PREP, mix2(56, w(-1), a.stem));
        let stem =
            |j: isize| get(ii + j).map_or(if j < 0 { PAD_BEFORE } else { PAD_AFTER }, |a| a.stem);
        out[41] = off(OFF_NEIGHBOUR_STEMS, mix(57, stem(-1)));
        out[42] = off(OFF_NEIGHBOUR_STEMS, mix(58, stem(1)));
        if self.n_static <= N_STATIC_V4 {
            return;
        }
        let cl = |j: isize| {
            get(ii + j).map_or(if j < 0 { PAD_BEFORE } else { PAD_AFTER }, |a| a.cluster)
        };
        out[43] = off(OFF_CLUSTERS, mix(60, a.cluster));
        out[44] = off(OFF_CLUSTERS, mix(61, cl(-1)));
        out[45] = off(OFF_CLUSTERS, mix(62, cl(1)));
        out[46] = off(OFF_CLUSTERS, mix2(63, a.cluster, ctx));
        let cue = |j: isize| get(ii + j).map_or(0, |a| a.cue & CUE_KINDS) as u64;
        let upper = |j: isize| get(ii + j).is_some_and(|a| a.flags & FIRST_UPPER != 0) as u64;
        // The nearest cue two or three words back ("le géant gazier russe Gazprom").
        let c1 = cue(-1);
        let (c2, back) = match (cue(-2), cue(-3)) {
            (0, c) => (c, 3),
            (c, _) => (c, 2),
        };
        // Cues: a feature only where there is one.
        out[47] = off(OFF_CUES, if c1 != 0 { mix2(64, c1, upper(0)) } else { OFF });
        out[48] = off(
            OFF_CUES,
            if c2 != 0 {
                mix3(65, c2 | back << 8, upper(-1), upper(0))
            } else {
                OFF
            },
        );
        let oe = self.org_end.get(i).copied().unwrap_or(0) as u64;
        out[49] = off(OFF_CUES, if oe != 0 { mix(66, oe) } else { OFF });
        if self.n_static <= N_STATIC_V5 {
            return;
        }
        // The context of the run of capitalised words: a feature only in a run.
        let r = self.runs.get(i).copied().unwrap_or_default();
        let first = (i == 0 || self.runs.get(i - 1).is_none_or(|p| p.in_run == 0)) as u64;
        let some = |h: u64, f: u64| if h != 0 { f } else { OFF };
        out[50] = some(r.descriptor, mix2(70, r.descriptor, first));
        out[51] = some(r.descriptor, mix2(71, r.descriptor, a.suf[1]));
        out[52] = some(r.partner[0], mix(74, r.partner[0]));
        out[53] = some(r.partner[1], mix(75, r.partner[1]));
    }
}

const NO_CLUSTER: u64 = 0xFFFF;

/// Cue classes of a word (`data/cues.txt`).
const CUE_ORG: u8 = 1;
const CUE_PER: u8 = 2;
const CUE_LOC: u8 = 4;
const CUE_KINDS: u8 = CUE_ORG | CUE_PER | CUE_LOC;
const CUE_ORG_END: u8 = 8;

/// The cue words by the hash of their stem ([`stem_hash`]), parsed once.
fn cues() -> &'static HashMap<u64, u8> {
    static C: std::sync::OnceLock<HashMap<u64, u8>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../data/cues.txt").lines() {
            let mut words = line.split_whitespace();
            let bit = match words.next() {
                Some("ORG") => CUE_ORG,
                Some("PER") => CUE_PER,
                Some("LOC") => CUE_LOC,
                Some("ORGEND") => CUE_ORG_END,
                _ => continue,
            };
            for w in words {
                *m.entry(stem_hash(&w.to_lowercase())).or_insert(0) |= bit;
            }
        }
        m
    })
}

/// Marks, in each run of capitalised words, an organisation ending ("Amnesty
/// International"): `1` on the ending itself (not first in the run), `2` on the words before
/// it.
fn org_ends(attrs: &[TokenAttrs], out: &mut Vec<u8>) {
    out.clear();
    out.resize(attrs.len(), 0);
    let mut i = 0;
    while i < attrs.len() {
        if attrs[i].flags & FIRST_UPPER == 0 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < attrs.len() && attrs[j].flags & FIRST_UPPER != 0 {
            j += 1;
        }
        if let Some(last) = (i + 1..j).rev().find(|&k| attrs[k].cue & CUE_ORG_END != 0) {
            out[last] = 1;
            for o in &mut out[i..last] {
                *o = 2;
            }
        }
        i = j;
    }
}

fn h_lower(bytes: &[u8]) -> u64 {
    let mut h = Hasher::new(3);
    h.push_bytes(bytes);
    h.finish()
}

/// The word clusters of a language (`data/clusters/<lang>.txt`, see `corpora::clusters`)
/// by the hash of the lowercased word, parsed once; empty for another language.
pub(crate) fn clusters(lang: LangCode) -> &'static HashMap<u64, u16> {
    static FR: OnceLock<HashMap<u64, u16>> = OnceLock::new();
    static EN: OnceLock<HashMap<u64, u16>> = OnceLock::new();
    static RU: OnceLock<HashMap<u64, u16>> = OnceLock::new();
    static NONE: OnceLock<HashMap<u64, u16>> = OnceLock::new();
    let (cell, text) = match lang.as_str() {
        "fr" => (&FR, include_str!("../data/clusters/fr.txt")),
        "en" => (&EN, include_str!("../data/clusters/en.txt")),
        "ru" => (&RU, include_str!("../data/clusters/ru.txt")),
        _ => (&NONE, ""),
    };
    cell.get_or_init(|| {
        let mut m = HashMap::new();
        for (c, line) in text.lines().enumerate() {
            for w in line.split(' ').filter(|w| !w.is_empty()) {
                m.insert(h_lower(w.as_bytes()), c.min(u16::MAX as usize - 1) as u16);
            }
        }
        m
    })
}

/// The hash of a lowercased word without its Russian case ending (the word itself when it
/// has none or is not Russian).
pub(crate) fn stem_hash(lower: &str) -> u64 {
    let mut h = Hasher::new(5);
    h.push_bytes(gazetteer::ru_stem(lower).as_bytes());
    h.finish()
}

/// Most demonym answers remembered per thread (then forgotten all at once).
const GAZ_CACHE: usize = 1 << 16;

/// Longest gazetteer matches starting at a capitalised token.
const GAZ_MAX: usize = 6;

/// Gazetteer membership per token: `0` none; for a place name `1 + 4 * kind + position`
/// (kind 0 country, 1 capital, 2 other city; position 0 begin, 1 inside, 2 last, 3
/// single); `13` a demonym or country adjective. Places are looked up only from tokens with a
/// capital letter first; demonyms at those and at words of six letters or more, their
/// answers remembered by token hash (`cache`) so that a word costs one lookup per thread.
fn gazetteer_codes(
    tokens: &[&str],
    attrs: &[TokenAttrs],
    cache: &mut HashMap<u64, bool>,
    out: &mut Vec<u8>,
) {
    out.clear();
    out.resize(tokens.len(), 0);
    let g = gazetteer::get();
    if cache.len() > GAZ_CACHE {
        cache.clear();
    }
    let mut i = 0;
    while i < tokens.len() {
        let f = attrs[i].flags;
        if f & HAS_LETTER == 0 {
            i += 1;
            continue;
        }
        if f & FIRST_UPPER != 0 {
            let end = (i + GAZ_MAX).min(tokens.len());
            if let Some((n, places)) = g.longest_match(&tokens[i..end])
                && let Some(p) = places.first()
            {
                let kind = match (p.kind, p.capital) {
                    (gazetteer::PlaceKind::Country, _) => 0,
                    (_, true) => 1,
                    _ => 2,
                };
                let n = n.clamp(1, end - i);
                mark_match(out, i, n, 1 + 4 * kind);
                i += n;
                continue;
            }
        }
        // Demonyms: capitalised words, or longer words of letters (Russian and French write
        // them in lower case), so that short function words are never looked up.
        let long = (f >> LEN_SHIFT) & 0xF >= 4;
        if f & HAS_DIGIT == 0
            && (f & FIRST_UPPER != 0 || long)
            && *cache
                .entry(attrs[i].cased)
                .or_insert_with(|| g.demonym(tokens[i]).is_some())
        {
            out[i] = 13;
        }
        i += 1;
    }
}

/// Marks the `n` tokens of a match starting at `i` with its class `base` and each token's
/// place in it: `base` begins, `base + 1` inside, `base + 2` ends, `base + 3` alone.
pub(crate) fn mark_match(out: &mut [u8], i: usize, n: usize, base: u8) {
    if n == 1 {
        out[i] = base + 3;
    } else {
        out[i] = base;
        for o in &mut out[i + 1..i + n - 1] {
            *o = base + 1;
        }
        out[i + n - 1] = base + 2;
    }
}

/// The features on previous tags (`t1` the previous tag, `t2` the one before; `None` before
/// the sentence).
#[inline]
pub(crate) fn dynamic_features(attrs: &TokenAttrs, t1: u64, t2: u64, out: &mut [u64]) {
    let [a, b] = transition_features(t1, t2);
    let [c, d, e] = tag_word_features(attrs, t1);
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = d;
    out[4] = e;
}

/// The features on the previous tags alone (the same for every token).
#[inline]
pub(crate) fn transition_features(t1: u64, t2: u64) -> [u64; 2] {
    [mix(40, t1), mix2(41, t1, t2)]
}

/// The features on the previous tag with the token's word and shape. The hashes for the
/// different previous tags of one word differ only in their high bits, by the tag: in a
/// table of 2^20 rows they are neighbouring rows, so the decoder, which tries every previous
/// tag, reads one stretch of memory rather than nine scattered rows.
#[inline]
pub(crate) fn tag_word_features(attrs: &TokenAttrs, t1: u64) -> [u64; 3] {
    let near = |base: u64| base.wrapping_add(t1.wrapping_mul(1 << 44));
    [
        near(mix(42, attrs.lower)),
        near(mix(43, attrs.short)),
        near(mix(44, attrs.next_lower)),
    ]
}
