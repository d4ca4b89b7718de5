//! Feature extraction, shared by tagging and training.
//!
//! Every feature is a (template, value) pair hashed to a row of the weight table. Per-token
//! attributes (lowercased word, shapes, affixes, flags) are hashed once per sentence into
//! reused buffers; templates over neighbours then only mix those hashes, so a token costs a
//! fixed number of table lookups and no allocation.

/// At most this many characters of a token are looked at (a 5 000-letter token costs the
/// same as a 64-letter one).
pub(crate) const MAX_CHARS: usize = 64;

use crate::memory::Memory;

/// Features that do not depend on predicted tags.
pub(crate) const N_STATIC: usize = 34;
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
}

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
    pub(crate) fn prepare(&mut self, tokens: &[&str], memory: &Memory) {
        self.attrs.clear();
        self.lower_seen.clear();
        self.cased.clear();
        for tok in tokens {
            let a = self.attrs_of(tok);
            self.cased.push(a.cased);
            if a.flags & HAS_LETTER != 0 && a.flags & FIRST_UPPER == 0 {
                self.lower_seen.push(a.lower);
            }
            self.attrs.push(a);
        }
        for i in 0..self.attrs.len() {
            self.attrs[i].next_lower = self.attrs.get(i + 1).map_or(PAD_AFTER, |a| a.lower);
        }
        memory.mark(&self.cased, &mut self.memo);
        self.lower_seen.sort_unstable();
        for a in &mut self.attrs {
            if a.flags & FIRST_UPPER != 0 && self.lower_seen.binary_search(&a.lower).is_ok() {
                a.flags |= LOWER_ELSEWHERE;
            }
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
        let mut a = TokenAttrs {
            lower: h.finish(),
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
        ];
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
