//! Within one document: which mention names each referent most fully.

use std::collections::HashMap;

use doc::{Document, EntityLabel, EntityRef};

use crate::aliases::aliases;
use crate::fold::{Folded, compatible, fold, initials_match, is_acronym, stems};
use crate::union::UnionFind;

/// Buckets larger than this are not compared pairwise (a document with hundreds of distinct
/// names on one stem is not prose).
const MAX_BUCKET: usize = 64;

/// One distinct name of the document (its mentions share label and key).
struct Name {
    label: EntityLabel,
    folded: Folded,
}

pub(crate) fn link(doc: &Document) -> Vec<EntityRef> {
    let Some(entities) = doc.entities() else {
        return Vec::new();
    };
    let text = doc.text();
    // Distinct names, in order of first mention.
    let mut names: Vec<Name> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut index: HashMap<(EntityLabel, String), usize> = HashMap::new();
    let mut name_of = Vec::with_capacity(entities.len());
    for e in entities {
        let folded = fold(doc.slice(e.range), Some(e.label));
        let key = folded.key();
        let next = names.len();
        let id = *index.entry((e.label, key.clone())).or_insert(next);
        if id == next {
            names.push(Name {
                label: e.label,
                folded,
            });
            keys.push(key);
        }
        name_of.push(id);
    }
    let mut uf = UnionFind::new(names.len());
    case_forms(&names, &mut uf);
    person_parts(&names, &mut uf);
    for (i, pair) in entities.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.label != b.label || a.range.end() > b.range.start() {
            continue;
        }
        let between = &text[a.range.end()..b.range.start()];
        let after = &text[b.range.end()..];
        if between.trim() != "(" || !after.trim_start().starts_with(')') {
            continue;
        }
        let (sa, sb) = (doc.slice(a.range), doc.slice(b.range));
        let (acronym, long) = match (is_acronym(sa), is_acronym(sb)) {
            (false, true) => (sb, sa),
            (true, false) => (sa, sb),
            _ => continue,
        };
        let alias = |s: &str| aliases().group_of_name(a.label, s);
        if initials_match(acronym, long) || alias(acronym).is_some_and(|g| alias(long) == Some(g)) {
            uf.union(name_of[i], name_of[i + 1]);
        }
    }
    // The head of a referent: its fullest mention, first occurrence.
    // (Words, then words that are not initials: "Vladimir Poutine" over "V. Poutine".)
    let fullness = |n: usize| {
        let words = &names[n].folded.words;
        (words.len(), words.iter().filter(|w| w.len() > 1).count())
    };
    let mut heads: HashMap<usize, usize> = HashMap::new();
    for (i, &n) in name_of.iter().enumerate() {
        let root = uf.find(n);
        heads
            .entry(root)
            .and_modify(|h| {
                if fullness(name_of[*h]) < fullness(n) {
                    *h = i;
                }
            })
            .or_insert(i);
    }
    name_of
        .iter()
        .map(|&n| {
            let head = heads[&uf.find(n)];
            EntityRef {
                head,
                key: keys[name_of[head]].clone(),
            }
        })
        .collect()
}

/// Russian case forms of one name ("России", "Россия"; "Касыма-Жомарта Токаева"): same label,
/// same number of words, every word compatible.
fn case_forms(names: &[Name], uf: &mut UnionFind) {
    let mut buckets: HashMap<(EntityLabel, usize, &str), Vec<usize>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let Some(last) = name.folded.words.last() else {
            continue;
        };
        let n = name.folded.words.len();
        if name.folded.cyrillic {
            for (stem, _) in stems(last) {
                buckets.entry((name.label, n, stem)).or_default().push(i);
            }
        } else {
            buckets.entry((name.label, n, last)).or_default().push(i);
        }
    }
    for bucket in buckets.values() {
        if bucket.len() < 2 || bucket.len() > MAX_BUCKET {
            continue;
        }
        for (k, &a) in bucket.iter().enumerate() {
            for &b in &bucket[k + 1..] {
                let (x, y) = (&names[a].folded, &names[b].folded);
                if same_name(&x.words, x.cyrillic, &y.words, y.cyrillic) {
                    uf.union(a, b);
                }
            }
        }
    }
}

/// Whether two names are Russian case forms of one name: same number of words, each pair
/// compatible, one of them written in Cyrillic.
pub(crate) fn same_name<A: AsRef<str>, B: AsRef<str>>(
    a: &[A],
    a_cyr: bool,
    b: &[B],
    b_cyr: bool,
) -> bool {
    (a_cyr || b_cyr)
        && a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| compatible(x.as_ref(), a_cyr, y.as_ref(), b_cyr, false))
}

/// Whether person name `part` names part of `full`: its last word is `full`'s last word, its
/// other words appear in `full` in order (an initial stands for a word it begins); with as
/// many words, it must have an initial where `full` has the word.
pub(crate) fn is_part_of<A: AsRef<str>, B: AsRef<str>>(
    part: &[A],
    part_cyr: bool,
    full: &[B],
    full_cyr: bool,
) -> bool {
    let (Some((plast, prest)), Some((flast, frest))) = (part.split_last(), full.split_last())
    else {
        return false;
    };
    if part.len() > full.len()
        || !compatible(plast.as_ref(), part_cyr, flast.as_ref(), full_cyr, false)
    {
        return false;
    }
    let mut initial_for_word = false;
    let mut candidates = frest.iter();
    let all = prest.iter().all(|w| {
        let w = w.as_ref();
        candidates.any(|f| {
            let f = f.as_ref();
            if compatible(w, part_cyr, f, full_cyr, false) {
                true
            } else if w.len() == 1 && f.starts_with(w) {
                initial_for_word = true;
                true
            } else {
                false
            }
        })
    });
    all && (part.len() < full.len() || initial_for_word)
}

/// Partial person names ("Tokaïev", "Токаева") → the one fuller name they are part of.
fn person_parts(names: &[Name], uf: &mut UnionFind) {
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut persons: Vec<usize> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.label != EntityLabel::Per {
            continue;
        }
        let Some(last) = name.folded.words.last() else {
            continue;
        };
        persons.push(i);
        if name.folded.cyrillic {
            for (stem, _) in stems(last) {
                by_last.entry(stem).or_default().push(i);
            }
        } else {
            by_last.entry(last).or_default().push(i);
        }
    }
    // Longest names first: a part joins the referent its fuller names already joined.
    let level = |i: usize| {
        let words = &names[i].folded.words;
        let initials = words.iter().filter(|w| w.len() == 1).count();
        (std::cmp::Reverse(words.len()), initials)
    };
    persons.sort_by_key(|&i| (level(i), i));
    let mut level_start = 0;
    while level_start < persons.len() {
        let this = level(persons[level_start]);
        let level_end = persons[level_start..]
            .iter()
            .position(|&i| level(i) != this)
            .map_or(persons.len(), |p| level_start + p);
        let mut targets: HashMap<usize, Vec<usize>> = HashMap::new();
        for &i in &persons[level_start..level_end] {
            let name = &names[i].folded;
            let last = name.words.last().map(String::as_str).unwrap_or_default();
            let keys: Vec<&str> = if name.cyrillic {
                stems(last).map(|(s, _)| s).collect()
            } else {
                vec![last]
            };
            let entry = targets.entry(uf.find(i)).or_default();
            for key in keys {
                for &j in by_last.get(key).map(Vec::as_slice).unwrap_or_default() {
                    let full = &names[j].folded;
                    if is_part_of(&name.words, name.cyrillic, &full.words, full.cyrillic) {
                        entry.push(uf.find(j));
                    }
                }
            }
        }
        let mut decisions: Vec<(usize, usize)> = targets
            .into_iter()
            .filter_map(|(root, mut t)| {
                t.sort_unstable();
                t.dedup();
                (t.len() == 1).then(|| (root, t[0]))
            })
            .collect();
        decisions.sort_unstable();
        for (a, b) in decisions {
            uf.union(a, b);
        }
        level_start = level_end;
    }
}
