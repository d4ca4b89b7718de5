//! MinHash over word shingles.

use std::sync::OnceLock;

use crate::hash::{hash_str, mix64, splitmix_next};
use crate::text::for_each_word;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Values per signature.
pub const NUM_HASHES: usize = 128;
/// The signature value of a text without words (every position).
pub(crate) const EMPTY: u32 = u32::MAX;

/// The seed of the permutation family. Changing it changes every stored signature.
const SEED: u64 = 0x7665_696c_6c65_0001; // "veille", 1

/// `(a, b)` of the `NUM_HASHES` permutations `x ↦ (a·x + b) >> 32` (`a` odd).
fn permutations() -> &'static [(u64, u64); NUM_HASHES] {
    static TABLE: OnceLock<[(u64, u64); NUM_HASHES]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut state = SEED;
        let mut table = [(0, 0); NUM_HASHES];
        for slot in &mut table {
            let a = splitmix_next(&mut state) | 1;
            let b = splitmix_next(&mut state);
            *slot = (a, b);
        }
        table
    })
}

/// The shingle hashes of `text`: every run of [`SHINGLE_WORDS`] consecutive words, or one
/// shingle of all the words when there are fewer.
pub(crate) fn shingles(text: &str) -> Vec<u64> {
    let mut words: Vec<u64> = Vec::new();
    for_each_word(text, &mut String::new(), |w| words.push(hash_str(w)));
    let k = SHINGLE_WORDS.min(words.len());
    if k == 0 {
        return Vec::new();
    }
    words
        .windows(k)
        .map(|win| {
            // Order-sensitive: each word is mixed into what came before.
            let mut h = k as u64;
            for &w in win {
                h = mix64(h.rotate_left(23) ^ w);
            }
            h
        })
        .collect()
}

/// The MinHash of a set of shingle hashes: for each permutation, the least image.
pub(crate) fn minhash(shingles: &[u64]) -> Vec<u32> {
    let perms = permutations();
    let mut mins = [EMPTY; NUM_HASHES];
    for &x in shingles {
        for (m, &(a, b)) in mins.iter_mut().zip(perms.iter()) {
            let v = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
            if v < *m {
                *m = v;
            }
        }
    }
    mins.to_vec()
}

/// The share of equal positions: the MinHash estimate of the Jaccard similarity. Compares the
/// common length; 0 when either signature is empty.
pub(crate) fn agreement(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_use_one_shorter_shingle() {
        assert_eq!(shingles("").len(), 0);
        assert_eq!(shingles("un").len(), 1);
        assert_eq!(shingles("un deux trois").len(), 1);
        assert_eq!(shingles("un deux trois quatre cinq").len(), 1);
        assert_eq!(shingles("un deux trois quatre cinq six").len(), 2);
        assert_ne!(shingles("un deux"), shingles("deux un"));
    }

    /// The estimate is unbiased enough: sets of known Jaccard similarity.
    #[test]
    fn estimate_tracks_jaccard() {
        let mut state = 42;
        let pool: Vec<u64> = (0..3000).map(|_| splitmix_next(&mut state)).collect();
        for (shared, own) in [(800, 100), (500, 250), (300, 600), (100, 1000)] {
            let a: Vec<u64> = pool[..shared + own].to_vec();
            let b: Vec<u64> = pool[..shared]
                .iter()
                .chain(&pool[shared + own..shared + 2 * own])
                .copied()
                .collect();
            let truth = shared as f64 / (shared + 2 * own) as f64;
            let est = agreement(&minhash(&a), &minhash(&b));
            assert!((est - truth).abs() < 0.13, "{truth} estimated {est}");
        }
    }
}
