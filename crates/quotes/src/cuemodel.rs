//! The English cue classifier: an averaged perceptron over hashed features of a token and
//! its neighbours, trained on PolNeAR's train part by `examples/learn_cues.rs` (its weights
//! and card: `data/en-cues.txt`). It decides, for each candidate word (not a function word),
//! whether it is an attribution cue; the hand-written lexicons are among its features.
//!
//! The features of a token are read from a window of at most [`WINDOW`] tokens on each side,
//! hashed without allocation (FNV-1a, suffixes read in place) and looked up in an
//! open-addressing table built once: the cost per token is a few dozen hash steps and probes.
//! The lexicon flags the features read are the view's, computed once per token.

use std::sync::OnceLock;

use crate::lexicon::{
    ACCORDING, ADDRESSEE, AUX, BARE, CLAUSE, COORD, DET, PRONOUN, RELATIVE, SOURCE, STOP, TELL,
    THAT, TIME, TO, VERB, WEAK,
};
use crate::view::View;

/// How far the features look on each side of the token.
pub(crate) const WINDOW: usize = 4;

/// Words that are never candidates: the rules own them.
const FUNCTION: u32 = DET | THAT | PRONOUN | CLAUSE | RELATIVE | COORD | AUX | STOP;

static MODEL_TEXT: &str = include_str!("../data/en-cues.txt");

/// Weights by feature hash in an open-addressing table (linear probing, at most half full);
/// the bias is one of the features.
pub(crate) struct Model {
    /// Slot keys; [`EMPTY`] marks a free slot.
    keys: Vec<u32>,
    weights: Vec<f32>,
    /// `keys.len() - 1` (a power of two minus one).
    mask: usize,
    /// 32 minus the bits of a slot index: a slot is the top bits of the mixed hash.
    shift: u32,
    /// The weight of the feature whose hash is [`EMPTY`], if any.
    empty_weight: f32,
}

/// The key of a free slot of [`Model`]'s table.
const EMPTY: u32 = 0;

impl Model {
    /// Parses the data file: `#` lines are the card, others `hash weight` (hash in hex). A
    /// feature listed twice keeps its first weight.
    pub(crate) fn parse(text: &str) -> Model {
        let pairs: Vec<(u32, f32)> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (h, w) = l.split_once(' ')?;
                Some((u32::from_str_radix(h, 16).ok()?, w.trim().parse().ok()?))
            })
            .collect();
        let size = (pairs.len() * 2).next_power_of_two().max(16);
        let mut m = Model {
            keys: vec![EMPTY; size],
            weights: vec![0.0; size],
            mask: size - 1,
            shift: 32 - size.trailing_zeros(),
            empty_weight: 0.0,
        };
        let mut empty_seen = false;
        for (h, w) in pairs {
            if h == EMPTY {
                if !empty_seen {
                    m.empty_weight = w;
                    empty_seen = true;
                }
                continue;
            }
            let mut n = m.slot(h);
            while m.keys[n] != EMPTY && m.keys[n] != h {
                n = (n + 1) & m.mask;
            }
            if m.keys[n] == EMPTY {
                m.keys[n] = h;
                m.weights[n] = w;
            }
        }
        m
    }

    /// The first slot of a feature hash: the hashes are FNV-1a already, multiplied once more
    /// so that the top bits are spread.
    #[inline]
    fn slot(&self, h: u32) -> usize {
        (h.wrapping_mul(0x9e37_79b1) >> self.shift) as usize
    }

    #[inline]
    fn weight(&self, h: u32) -> f32 {
        if h == EMPTY {
            return self.empty_weight;
        }
        let mut n = self.slot(h);
        loop {
            let k = self.keys[n];
            if k == h {
                return self.weights[n];
            }
            if k == EMPTY {
                return 0.0;
            }
            n = (n + 1) & self.mask;
        }
    }

    /// The score of a feature set (positive: a cue).
    pub(crate) fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&h| self.weight(h)).sum()
    }
}

/// The English model, parsed once.
pub(crate) fn english() -> &'static Model {
    static CELL: OnceLock<Model> = OnceLock::new();
    CELL.get_or_init(|| Model::parse(MODEL_TEXT))
}

/// FNV-1a over a template id and parts.
struct Hash(u64);

impl Hash {
    fn new(template: u8) -> Hash {
        let mut h = Hash(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn str(mut self, s: &str) -> Hash {
        for b in s.bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    fn num(mut self, n: u32) -> Hash {
        for b in n.to_le_bytes() {
            self.byte(b);
        }
        self
    }
    fn done(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// Whether token `i` is a candidate: a word with a letter, two letters or more, not a
/// function word.
pub(crate) fn candidate(v: &View, i: usize) -> bool {
    let n = &v.norm[i];
    v.is_word(i)
        && n.len() >= 2
        && n.chars().any(char::is_alphabetic)
        && v.flags(i) & FUNCTION == 0
        && n != "to"
}

/// The last `n` characters of `w` (all of it when shorter).
fn suffix(w: &str, n: usize) -> &str {
    w.char_indices()
        .rev()
        .nth(n - 1)
        .map_or(w, |(at, _)| &w[at..])
}

/// A word's shape: X for upper-case, x lower-case, d digit, the punctuation itself; runs of
/// one class written once, at most 4 symbols.
fn shape(s: &str) -> u32 {
    let mut out = 0u32;
    let mut last = 0u8;
    let mut n = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if k != last {
            out = out << 8 | u32::from(k);
            last = k;
            n += 1;
            if n == 4 {
                break;
            }
        }
    }
    out
}

fn is_mark(s: &str) -> bool {
    matches!(
        s,
        "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»" | "''" | "``"
    )
}

/// The flags of token `j` that the features read.
fn lex(v: &View, j: usize) -> u32 {
    v.flags(j)
        & (VERB
            | BARE
            | TO
            | TELL
            | WEAK
            | ACCORDING
            | SOURCE
            | DET
            | AUX
            | PRONOUN
            | STOP
            | THAT
            | COORD
            | RELATIVE
            | CLAUSE
            | TIME
            | ADDRESSEE)
}

/// The features of token `i` (a candidate), appended to `out` (cleared first).
pub(crate) fn features(v: &View, i: usize, out: &mut Vec<u32>) {
    out.clear();
    let s = v.sent[i];
    let r = v.sents[s];
    let s_lo = v.first_at(r.start()).min(i);
    let s_hi = v.end_before(r.end()).max(i + 1);
    let w = &v.norm[i];
    let word = |j: usize| -> &str {
        if j < s_lo || j >= s_hi {
            "<s>"
        } else {
            &v.norm[j]
        }
    };
    let at = |k: isize| -> Option<usize> {
        let j = i as isize + k;
        (j >= s_lo as isize && (j as usize) < s_hi).then_some(j as usize)
    };
    out.push(Hash::new(0).done());
    out.push(Hash::new(1).str(w).done());
    // The last two and three characters.
    let (suffix2, suffix3) = (suffix(w, 2), suffix(w, 3));
    out.push(Hash::new(2).str(suffix2).done());
    out.push(Hash::new(3).str(suffix3).done());
    let raw = v.tok_text(i);
    out.push(Hash::new(4).num(shape(raw)).done());
    let p1 = at(-1).map_or("<s>", |j| word(j));
    let p2 = at(-2).map_or("<s>", |j| word(j));
    let n1 = at(1).map_or("<s>", |j| word(j));
    let n2 = at(2).map_or("<s>", |j| word(j));
    out.push(Hash::new(5).str(p1).done());
    out.push(Hash::new(6).str(p2).done());
    out.push(Hash::new(7).str(n1).done());
    out.push(Hash::new(8).str(n2).done());
    out.push(Hash::new(9).str(p1).str(w).done());
    out.push(Hash::new(10).str(w).str(n1).done());
    let f = lex(v, i);
    out.push(Hash::new(11).num(f).done());
    let pf = at(-1).map_or(1 << 31, |j| lex(v, j));
    let nf = at(1).map_or(1 << 31, |j| lex(v, j));
    out.push(Hash::new(12).num(pf).done());
    out.push(Hash::new(13).num(nf).done());
    out.push(Hash::new(14).num(f).num(pf).done());
    out.push(Hash::new(15).str(suffix3).num(pf).done());
    out.push(
        Hash::new(16)
            .num(at(-1).map_or(0, |j| shape(v.tok_text(j))))
            .done(),
    );
    out.push(
        Hash::new(17)
            .num(at(1).map_or(0, |j| shape(v.tok_text(j))))
            .done(),
    );
    // What follows within the window: a complementizer, a colon, a quotation mark, a comma,
    // "to", a capitalised word.
    let mut follow = 0u32;
    for k in 1..=WINDOW as isize {
        let Some(j) = at(k) else {
            follow |= 1 << 8;
            break;
        };
        let t = v.tok_text(j);
        if v.flags(j) & THAT != 0 {
            follow |= 1;
        }
        if t == ":" {
            follow |= 2;
        }
        if is_mark(t) {
            follow |= 4;
        }
        if t == "," {
            follow |= 8;
        }
        if &v.norm[j] == "to" && k == 1 {
            follow |= 16;
        }
        if v.is_word(j) && v.capitalised(j) && k <= 2 {
            follow |= 32;
        }
        if matches!(t, "." | "!" | "?") {
            follow |= 64;
        }
    }
    for b in 0..9 {
        if follow & (1 << b) != 0 {
            out.push(Hash::new(18).num(b).done());
        }
    }
    // What precedes: a capitalised name or a pronoun, a comma, a quotation mark.
    let mut before = 0u32;
    for k in 1..=WINDOW as isize {
        let Some(j) = at(-k) else {
            before |= 1 << 8;
            break;
        };
        let t = v.tok_text(j);
        if v.is_word(j) && v.capitalised(j) && j > s_lo {
            before |= 1;
        }
        if v.flags(j) & PRONOUN != 0 {
            before |= 2;
        }
        if t == "," {
            before |= 4;
        }
        if is_mark(t) {
            before |= 8;
        }
        if v.flags(j) & DET != 0 {
            before |= 16;
        }
        if v.flags(j) & VERB != 0 && v.flags(j) & WEAK == 0 {
            before |= 32;
        }
    }
    for b in 0..9 {
        if before & (1 << b) != 0 {
            out.push(Hash::new(19).num(b).done());
        }
    }
    // Position in the sentence.
    let pos = (i - s_lo).min(6) as u32;
    let to_end = (s_hi - 1 - i).min(6) as u32;
    out.push(Hash::new(20).num(pos).done());
    out.push(Hash::new(21).num(to_end).done());
    out.push(Hash::new(22).str(w).num(follow & 0x1f).done());
    out.push(Hash::new(23).str(w).num(pf & (DET | PRONOUN | AUX)).done());
    out.push(Hash::new(24).str(suffix2).num(follow & 0x5f).done());
}

/// Per token: the model's score (NaN for tokens that are not candidates or are cues of the
/// lexicons).
pub(crate) fn scores(v: &View, model: &Model) -> Vec<f32> {
    let mut feats = Vec::with_capacity(48);
    (0..v.len())
        .map(|i| {
            // A lexicon's cue is the lexicon's: its score would not be read.
            if candidate(v, i) && v.flags(i) & VERB == 0 {
                features(v, i, &mut feats);
                model.score(&feats)
            } else {
                f32::NAN
            }
        })
        .collect()
}
