//! Copies and stories: an exact content hash, MinHash signatures for near-duplicates, and
//! story clusters.
//!
//! # Copies
//!
//! - [`content_hash`]: FNV-1a 128 over the UTF-8 bytes, as 32 hex digits. It keys idempotent
//!   ingest, so it never changes (the test pins values).
//! - [`signature`]: the text's words (maximal runs of letters and digits, lower-cased;
//!   punctuation, dashes and apostrophes separate words) form shingles of
//!   [`SHINGLE_WORDS`] = 5 consecutive words. A text with fewer words is one shingle of all
//!   its words, so a headline still gets a signature (equal only to the same words in the
//!   same order); a text without words gets the all-`u32::MAX` signature. Each shingle is
//!   hashed with our own stable hash (FNV-1a 64 on words, splitmix64 mixing, order-sensitive
//!   chaining), then [`NUM_HASHES`] = 128 permutations `x ↦ (a·x + b) >> 32` with odd `a`
//!   and `b` drawn from a splitmix64 stream of a fixed seed keep their minimum. No std
//!   `DefaultHasher`: signatures are stored and must be equal on every platform and release.
//! - [`similarity`]: the share of equal positions, the MinHash estimate of the Jaccard
//!   similarity of the two shingle sets (standard error √(J(1−J)/128), 0.035 at J = 0.8).
//! - [`NearDuplicates`]: LSH banding, [`BANDS`] = 16 bands of [`ROWS`] = 8 values. Two
//!   texts of Jaccard similarity `s` share a band with probability 1 − (1 − s⁸)¹⁶: 0.95 at
//!   0.8, 0.99 at 0.85, 0.50 at 0.72, 0.23 at 0.6, 0.06 at 0.5. So pairs at 0.8 and above
//!   are almost always candidates while unrelated texts rarely are (16 × 4 would make half
//!   of the pairs at 0.42 candidates; 8 × 16 would miss a third of the pairs at 0.8).
//!   A candidate is reported only when its estimated similarity is at least
//!   [`DUPLICATE_THRESHOLD`] = 0.7: three standard errors under 0.8, so a true 0.8 pair
//!   passes more than 99 % of the time. Reprints of one wire with another headline, a
//!   byline, an added sentence, a cut last paragraph or all of these measure 0.76 to 0.96
//!   on our test articles (`test_data/copies`, 150 to 300 words); two articles about the
//!   same event measure under 0.02 (they share names, not five-word runs). The earliest
//!   inserted matching document is returned. A copy is indexed only in the bands where its
//!   original is not, so a wire copied a thousand times does not make one huge bucket.
//!
//! # Stories
//!
//! [`stories`] links pairs of documents and returns the connected components (single link),
//! numbered by first appearance. Features are the corpus-level entity ids (weight
//! [`ENTITY_WEIGHT`] × (1 + ln count)) and the content words of the lead (lower-cased, four
//! characters or more, not in `data/stopwords.txt`, cut to their first six characters as a
//! crude cross-inflection stem, not a part of one of the document's entity ids, which would
//! count the entity twice; weight 1 + ln count), each multiplied by its IDF over the given
//! documents, ln((N + 1)/df). Two documents whose dates are both known and at most
//! [`WINDOW_DAYS`] = 3 days apart are linked when
//! - the cosine of all their features is at least [`LINK_THRESHOLD`] = 0.2 with
//!   [`MIN_SHARED`] = 2 features in common (one shared rare word is chance), or
//! - the cosine of their entities alone is at least [`ENTITY_LINK_THRESHOLD`] = 0.5 with two
//!   entities in common: articles in different languages share entities, hardly any words.
//!
//! A document without a date is linked only on stronger evidence, cosine of all features at
//! least [`UNDATED_LINK_THRESHOLD`] = 0.35 with [`MIN_SHARED_UNDATED`] = 3 in common, since
//! the window cannot keep it from joining the same people's story of another month. On
//! `test_data/stories.tsv` same-story dated pairs score 0.16 to 0.54 (all features) or 0.44
//! to 1.0 (entities), different stories at most 0.11 and 0.31.
//!
//! Candidates are blocked, never all pairs: each document looks up its ten rarest features
//! among those shared by 2 to max(64, N/100) documents, and in those postings (sorted by
//! day) only the documents within the window and the undated ones. Union by the smallest
//! root and numbering by first appearance make the result independent of hashing.
//!
//! # Deliberately not done
//!
//! - No exchange of texts between languages: translated copies are not near-duplicates
//!   (stories may still join them through entities).
//! - No containment measure (a short extract of a long wire is not its near-duplicate):
//!   signatures carry no set sizes.
//! - No average or complete link: single link can chain two stories through a bridging
//!   document; [`MIN_SHARED`] and the time window limit it. A document without a date is
//!   not held by the window.
//! - A document whose features are all common (df above the blocking cap) or unique gets
//!   no candidates and stays alone.

mod hash;
mod minhash;
mod stories;
mod text;

use std::collections::HashMap;

pub use minhash::{NUM_HASHES, SHINGLE_WORDS};
pub use stories::{
    ENTITY_LINK_THRESHOLD, ENTITY_WEIGHT, LINK_THRESHOLD, MIN_SHARED, MIN_SHARED_UNDATED, Pair,
    UNDATED_LINK_THRESHOLD, WINDOW_DAYS, scored_pairs,
};

/// LSH bands in [`NearDuplicates`].
pub const BANDS: usize = 16;
/// Signature values per band.
pub const ROWS: usize = 8;
/// The least estimated Jaccard similarity reported as a near-duplicate.
pub const DUPLICATE_THRESHOLD: f64 = 0.7;

const _: () = assert!(BANDS * ROWS == NUM_HASHES);

/// A stable hash of a text (the same on every platform and Rust version), as 32 hex digits:
/// the store's key for "this document was ingested already".
pub fn content_hash(text: &str) -> String {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in text.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    format!("{h:032x}")
}

/// A MinHash signature of a text's word shingles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature as bytes (little-endian), for the store.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`]; `None` when the length is not a multiple of 4.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if !bytes.len().is_multiple_of(4) {
            return None;
        }
        Some(Signature(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }

    /// Whether this is the signature of a text without words.
    pub fn is_empty_text(&self) -> bool {
        self.0.iter().all(|&v| v == minhash::EMPTY)
    }
}

/// The signature of `text`.
pub fn signature(text: &str) -> Signature {
    Signature(minhash::minhash(&minhash::shingles(text)))
}

/// The estimated Jaccard similarity of the shingle sets behind two signatures, in 0..=1.
/// Signatures of different lengths (read from elsewhere) are compared on their common
/// length; an empty signature is similar to nothing.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    minhash::agreement(&a.0, &b.0)
}

/// Near-duplicate detection over a growing set of documents.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    /// Inserted documents, in insertion order.
    docs: Vec<(u64, Signature)>,
    /// Per band: band key → positions in `docs`, ascending.
    bands: Vec<HashMap<u64, Vec<u32>>>,
}

impl NearDuplicates {
    /// An empty set.
    pub fn new() -> NearDuplicates {
        NearDuplicates::default()
    }

    /// Documents inserted so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Adds document `id`; returns the id of an earlier document it nearly duplicates (the
    /// earliest added), if any. Signatures of texts without words, or not of
    /// [`NUM_HASHES`] values, are kept out: they duplicate nothing.
    pub fn insert(&mut self, id: u64, signature: &Signature) -> Option<u64> {
        if signature.0.len() != NUM_HASHES || signature.is_empty_text() {
            return None;
        }
        if self.bands.is_empty() {
            self.bands = vec![HashMap::new(); BANDS];
        }
        let keys: Vec<u64> = signature
            .0
            .chunks_exact(ROWS)
            .enumerate()
            .map(|(b, rows)| band_key(b, rows))
            .collect();
        let mut candidates: Vec<u32> = Vec::new();
        for (band, key) in self.bands.iter().zip(&keys) {
            if let Some(list) = band.get(key) {
                candidates.extend_from_slice(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates
            .into_iter()
            .find(|&pos| similarity(&self.docs[pos as usize].1, signature) >= DUPLICATE_THRESHOLD);
        let pos = self.docs.len() as u32;
        // A copy goes only into the buckets its original is not in: copies of a much
        // copied wire do not pile up in one bucket (inserting stays near constant time),
        // and a copy that drifted from its original can still be found through its own
        // other bands.
        for (band, key) in self.bands.iter_mut().zip(keys) {
            let list = band.entry(key).or_default();
            if found.is_none_or(|o| !list.contains(&o)) {
                list.push(pos);
            }
        }
        self.docs.push((id, signature.clone()));
        found.map(|pos| self.docs[pos as usize].0)
    }
}

fn band_key(band: usize, rows: &[u32]) -> u64 {
    let mut h = hash::mix64(band as u64 + 1);
    for &r in rows {
        h = hash::mix64(h ^ u64::from(r));
    }
    h
}

/// What story clustering looks at in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryDoc {
    /// The store's id of the document.
    pub id: u64,
    /// Days since 1970-01-01 of the publication date, when known.
    pub day: Option<i64>,
    /// Corpus-level entity ids mentioned, with their mention counts.
    pub entities: Vec<(String, u32)>,
    /// The title and the first sentences, for content words.
    pub lead: String,
}

/// Groups documents about the same story: one story number per document, in input order;
/// numbers are 0.. in order of first appearance.
pub fn stories(docs: &[StoryDoc]) -> Vec<usize> {
    stories::cluster(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_pinned() {
        assert_eq!(content_hash(""), "6c62272e07bb014262b821756295c58d");
        assert_eq!(content_hash("a"), content_hash("a"));
        assert_ne!(content_hash("a"), content_hash("b"));
    }

    #[test]
    fn signature_bytes_round_trip() {
        let s = signature("Le président a annoncé lundi une réforme des retraites.");
        assert_eq!(s.0.len(), NUM_HASHES);
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn empty_texts_duplicate_nothing() {
        let mut near = NearDuplicates::new();
        assert!(signature("  — ").is_empty_text());
        assert_eq!(near.insert(1, &signature("")), None);
        assert_eq!(near.insert(2, &signature("")), None);
        assert_eq!(near.insert(3, &Signature(Vec::new())), None);
        assert!(near.is_empty());
    }

    #[test]
    fn earliest_duplicate_is_reported() {
        let text = "Le gouvernement a présenté mercredi un projet de loi sur l'énergie \
                    qui prévoit la construction de six nouveaux réacteurs d'ici à 2035.";
        let mut near = NearDuplicates::new();
        assert_eq!(near.insert(10, &signature(text)), None);
        assert_eq!(near.insert(11, &signature(text)), Some(10));
        assert_eq!(near.insert(12, &signature(&text.to_uppercase())), Some(10));
        assert_eq!(near.len(), 3);
    }
}
