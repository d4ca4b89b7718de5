//! Story clusters: documents linked by a weighted overlap of entities and lead words within
//! a time window, grouped by single link.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::StoryDoc;
use crate::text::for_each_word;

/// Days apart two dated documents may be and still tell one story.
pub const WINDOW_DAYS: i64 = 3;
/// The least cosine similarity of two dated documents' weighted features (entities and
/// words) that links them, with at least [`MIN_SHARED`] features in common.
pub const LINK_THRESHOLD: f64 = 0.2;
/// The least cosine similarity of two dated documents' entities alone that links them, with
/// at least [`MIN_SHARED`] entities in common: documents in different languages share
/// entities but hardly any words.
pub const ENTITY_LINK_THRESHOLD: f64 = 0.5;
/// The least cosine similarity of all features that links two documents when one date is
/// unknown (the window cannot hold them), with at least [`MIN_SHARED_UNDATED`] features in
/// common.
pub const UNDATED_LINK_THRESHOLD: f64 = 0.35;
/// The least number of shared features that links two dated documents (one shared rare
/// word is chance, not a story).
pub const MIN_SHARED: usize = 2;
/// The least number of shared features that links a document without a date.
pub const MIN_SHARED_UNDATED: usize = 3;
/// How much more an entity weighs than a lead word of the same rarity.
pub const ENTITY_WEIGHT: f64 = 2.0;
/// Characters of a lead word kept: a crude stem across inflections ("mobilisation",
/// "mobilisés"; "Зеленского", "Зеленский").
const STEM_CHARS: usize = 6;
/// Lead words shorter than this are ignored (function words, mostly).
const MIN_WORD_CHARS: usize = 4;
/// Blocking keys per document: its rarest features.
const BLOCK_KEYS: usize = 10;

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// The content-word features of a lead, with their counts, in order of first appearance.
pub(crate) fn lead_terms(lead: &str) -> Vec<(String, u32)> {
    let stop = stopwords();
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for_each_word(lead, &mut String::new(), |w| {
        if w.chars().count() < MIN_WORD_CHARS
            || stop.contains(w)
            || w.chars().all(|c| c.is_numeric())
        {
            return;
        }
        let stem: String = w.chars().take(STEM_CHARS).collect();
        match index.get(&stem) {
            Some(&i) => out[i].1 += 1,
            None => {
                index.insert(stem.clone(), out.len());
                out.push((stem, 1));
            }
        }
    });
    out
}

/// A sparse vector: `(feature, weight)` sorted by feature, unit length.
type Vector = Vec<(u32, f64)>;

/// The dot product of two vectors and the number of features they share.
fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> (f64, usize) {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (dot, shared)
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let up = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = up;
            x = up;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller root wins: the result does not depend on the order of unions.
        if ra < rb {
            self.0[rb as usize] = ra;
        } else if rb < ra {
            self.0[ra as usize] = rb;
        }
    }
}

/// A candidate pair of documents and how alike they are.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The earlier document (index into the input).
    pub first: usize,
    /// The later document.
    pub second: usize,
    /// Cosine similarity of all weighted features.
    pub all: f64,
    /// Features in common.
    pub shared: usize,
    /// Cosine similarity of the weighted entities alone.
    pub entities: f64,
    /// Entities in common.
    pub shared_entities: usize,
    /// Whether both dates are known (and then within the window).
    pub dated: bool,
}

impl Pair {
    /// Whether the pair is linked into one story.
    pub fn linked(&self) -> bool {
        if self.dated {
            (self.all >= LINK_THRESHOLD && self.shared >= MIN_SHARED)
                || (self.entities >= ENTITY_LINK_THRESHOLD && self.shared_entities >= MIN_SHARED)
        } else {
            self.all >= UNDATED_LINK_THRESHOLD && self.shared >= MIN_SHARED_UNDATED
        }
    }
}

/// The pairs of documents that may tell one story (the blocked candidates) with their
/// similarities, sorted; for inspection and tests.
pub fn scored_pairs(docs: &[StoryDoc]) -> Vec<Pair> {
    let n = docs.len();
    // Features: entities ("e" + id) and lead stems ("w" + stem), interned.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut raw: Vec<Vec<(u32, f64)>> = Vec::with_capacity(n);
    let mut is_entity: Vec<bool> = Vec::new();
    for d in docs {
        let mut feats: Vec<(u32, f64)> = Vec::new();
        let mut add = |key: String, w: f64| {
            let next = ids.len() as u32;
            let id = *ids.entry(key).or_insert(next);
            if id == next {
                is_entity.push(false);
            }
            feats.push((id, w));
        };
        for (e, count) in &d.entities {
            if !e.is_empty() && *count > 0 {
                add(
                    format!("e{e}"),
                    ENTITY_WEIGHT * (1.0 + f64::from(*count).ln()),
                );
            }
        }
        // Lead words that spell one of the document's entity ids ("tokayev" of
        // `kassym-jomart-tokayev`) are that entity again: counted once, as the entity.
        let spelled: HashSet<String> = d
            .entities
            .iter()
            .flat_map(|(e, _)| e.split(['-', '_', ' ', ':', '/']))
            .map(|part| part.to_lowercase().chars().take(STEM_CHARS).collect())
            .collect();
        let mut terms = lead_terms(&d.lead);
        terms.retain(|(t, _)| !spelled.contains(t));
        let lead_count = terms.len();
        for (t, count) in terms {
            add(format!("w{t}"), 1.0 + f64::from(count).ln());
        }
        for f in &feats[..feats.len() - lead_count] {
            is_entity[f.0 as usize] = true;
        }
        feats.sort_by_key(|f| f.0);
        // Repeated entity ids: keep the heaviest.
        feats.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 = a.1.max(b.1);
                true
            } else {
                false
            }
        });
        raw.push(feats);
    }
    let mut df = vec![0u32; ids.len()];
    for feats in &raw {
        for &(t, _) in feats {
            df[t as usize] += 1;
        }
    }
    let total = n as f64 + 1.0;
    let weigh = |feats: &[(u32, f64)]| -> Vector {
        let mut v: Vector = feats
            .iter()
            .map(|&(t, w)| (t, w * (total / f64::from(df[t as usize])).ln()))
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
        v
    };
    let vectors: Vec<Vector> = raw.iter().map(|f| weigh(f)).collect();
    let entity_vectors: Vec<Vector> = raw
        .iter()
        .map(|f| {
            let ents: Vec<(u32, f64)> = f
                .iter()
                .copied()
                .filter(|x| is_entity[x.0 as usize])
                .collect();
            weigh(&ents)
        })
        .collect();

    // Blocking: postings of features shared by a few documents, dated ones sorted by day.
    let max_df = (n / 100).max(64) as u32;
    let blocking = |t: u32| (2..=max_df).contains(&df[t as usize]);
    let mut dated: Vec<Vec<(i64, u32)>> = vec![Vec::new(); ids.len()];
    let mut undated: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    for (i, v) in vectors.iter().enumerate() {
        for &(t, _) in v {
            if blocking(t) {
                match docs[i].day {
                    Some(d) => dated[t as usize].push((d, i as u32)),
                    None => undated[t as usize].push(i as u32),
                }
            }
        }
    }
    dated.iter_mut().for_each(|p| p.sort_unstable());

    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<u32> = Vec::new();
    for (i, v) in vectors.iter().enumerate() {
        keys.clear();
        keys.extend(v.iter().map(|x| x.0).filter(|&t| blocking(t)));
        keys.sort_by_key(|&t| (df[t as usize], t));
        keys.truncate(BLOCK_KEYS);
        let i = i as u32;
        let mut push = |j: u32| {
            if j != i {
                candidates.push((i.min(j), i.max(j)));
            }
        };
        for &t in &keys {
            let posts = &dated[t as usize];
            match docs[i as usize].day {
                Some(d) => {
                    let lo = posts.partition_point(|p| p.0 < d.saturating_sub(WINDOW_DAYS));
                    let hi = posts.partition_point(|p| p.0 <= d.saturating_add(WINDOW_DAYS));
                    posts[lo..hi].iter().for_each(|p| push(p.1));
                }
                None => posts.iter().for_each(|p| push(p.1)),
            }
            undated[t as usize].iter().for_each(|&j| push(j));
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    candidates
        .into_iter()
        .map(|(i, j)| {
            let (i, j) = (i as usize, j as usize);
            let (all, shared) = cosine(&vectors[i], &vectors[j]);
            let (entities, shared_entities) = cosine(&entity_vectors[i], &entity_vectors[j]);
            Pair {
                first: i,
                second: j,
                all,
                shared,
                entities,
                shared_entities,
                dated: docs[i].day.is_some() && docs[j].day.is_some(),
            }
        })
        .collect()
}

/// See [`crate::stories`].
pub(crate) fn cluster(docs: &[StoryDoc]) -> Vec<usize> {
    let mut uf = UnionFind((0..docs.len() as u32).collect());
    for pair in scored_pairs(docs) {
        if pair.linked() {
            uf.union(pair.first as u32, pair.second as u32);
        }
    }
    let mut number: HashMap<u32, usize> = HashMap::new();
    (0..docs.len() as u32)
        .map(|i| {
            let root = uf.find(i);
            let next = number.len();
            *number.entry(root).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_terms_skip_function_words_and_stem() {
        let t = lead_terms("Mobilisation : les mobilisés fuient vers le Kazakhstan, selon Astana");
        let stems: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(stems, ["mobili", "fuient", "kazakh", "astana"]);
        assert_eq!(t[0].1, 2);
    }
}
