//! The name memory: mentions seen in training (up to [`MAX_LEN`] tokens, exact case) with
//! their most frequent label, matched longest-first in a sentence to give each token a
//! feature ("inside a known place name, at its start"). During training each sentence sees a
//! memory built without its own fold, so the weights learn how far to trust a match.

use crate::features::{mark_match, mix2};

/// Longest mention remembered, in tokens.
pub(crate) const MAX_LEN: usize = 6;

/// The label of the entries that mark a token as the first of some remembered mention.
pub(crate) const START: u8 = 4;

/// An open-addressing set of mention hashes with their label index, and of the tokens that
/// start a mention (label [`START`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Memory {
    keys: Vec<u64>,
    labels: Vec<u8>,
    /// Whether the start entries are there (then a token that starts no mention costs one
    /// probe, not [`MAX_LEN`]).
    has_starts: bool,
}

/// The key marking token hash `h` as the first token of some mention.
#[inline]
pub(crate) fn start_key(h: u64) -> u64 {
    mix2(78, h, 0) | 1
}

/// The hash of tokens `hashes` as one mention.
#[inline]
pub(crate) fn ngram(hashes: &[u64]) -> u64 {
    let mut h = 0x6e67_7261_6d00;
    for &x in hashes {
        h = mix2(77, h, x);
    }
    h | 1
}

impl Memory {
    /// A memory of `entries` (mention hash, label index); later duplicates are ignored.
    pub(crate) fn new(entries: &[(u64, u8)]) -> Memory {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut m = Memory {
            keys: vec![0; cap],
            labels: vec![0; cap],
            has_starts: entries.iter().any(|e| e.1 == START),
        };
        for &(k, l) in entries {
            m.insert(k | 1, l);
        }
        m
    }

    fn insert(&mut self, key: u64, label: u8) {
        let mask = self.keys.len() - 1;
        let mut i = (key >> 7) as usize & mask;
        loop {
            if self.keys[i] == key {
                return;
            }
            if self.keys[i] == 0 {
                self.keys[i] = key;
                self.labels[i] = label;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// The label index of a mention hash.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u8> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = (key >> 7) as usize & mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.labels[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Entries, for writing.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.keys
            .iter()
            .zip(&self.labels)
            .filter(|(k, _)| **k != 0)
            .map(|(k, l)| (*k, *l))
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.iter().filter(|k| **k != 0).count()
    }

    /// Marks the tokens of `cased` (per-token hashes) covered by remembered mentions,
    /// longest match first from the left: `0` none, else `1 + 4 * label + position` with
    /// position 0 begin, 1 inside, 2 last, 3 single.
    pub(crate) fn mark(&self, cased: &[u64], out: &mut Vec<u8>) {
        out.clear();
        out.resize(cased.len(), 0);
        if self.keys.is_empty() {
            return;
        }
        let mut i = 0;
        while i < cased.len() {
            if self.has_starts && self.get(start_key(cased[i])) != Some(START) {
                i += 1;
                continue;
            }
            let mut found = None;
            let max = MAX_LEN.min(cased.len() - i);
            for n in (1..=max).rev() {
                if let Some(l) = self.get(ngram(&cased[i..i + n])).filter(|&l| l != START) {
                    found = Some((n, l));
                    break;
                }
            }
            match found {
                Some((n, l)) => {
                    mark_match(out, i, n, 1 + 4 * l);
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}
