//! Across documents: document-level keys → entities.

use doc::EntityLabel;

use crate::aliases::aliases;
use crate::fold::{edit_distance, fold, has_cyrillic, is_acronym, key_for, skeleton, slug, stems};
use crate::link::{is_part_of, same_name};
use crate::union::{FastMap, FastSet, UnionFind};
use crate::{Correction, NameRecord, Resolved};

/// Blocks with more members than this are not compared pairwise: a key shared by that many
/// distinct names says nothing about any two of them.
const MAX_BLOCK: usize = 64;

/// Fuzzy matching only for names of at least this many letters.
const FUZZY_MIN_LETTERS: usize = 8;

/// From this many letters on, two edits are allowed instead of one.
const FUZZY_TWO_EDITS: usize = 14;

/// One distinct (label, key) of the records.
struct Name<'a> {
    label: EntityLabel,
    key: &'a str,
    /// The words of the key.
    words: Vec<&'a str>,
    /// A form of it is written in Cyrillic (its Russian case endings may be matched).
    cyrillic: bool,
    records: Vec<usize>,
}

impl Name<'_> {
    fn letters(&self) -> usize {
        self.words.iter().map(|w| w.len()).sum()
    }
}

/// FNV-1a, for block keys (collisions only add candidates, which are all checked).
fn block_hash(label: EntityLabel, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ label as u64;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub(crate) fn resolve(records: &[NameRecord], corrections: &[Correction]) -> Vec<Resolved> {
    let names = names(records);
    let mut uf = UnionFind::new(names.len());
    by_alias(&names, records, &mut uf);
    learned_acronyms(&names, records, &mut uf);
    case_forms(&names, &mut uf);
    place_adjectives(&names, records, &mut uf);
    fuzzy(&names, &mut uf);
    person_parts(&names, &mut uf);
    // Roots are the smallest index of their set: members come in name order.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for i in 0..names.len() {
        let root = uf.find(i);
        groups[root].push(i);
    }
    let mut entities: Vec<Entity> = groups
        .into_iter()
        .filter(|members| !members.is_empty())
        .map(|members| {
            let mut recs: Vec<usize> = members
                .iter()
                .flat_map(|&n| names[n].records.iter().copied())
                .collect();
            recs.sort_unstable();
            Entity {
                label: names[members[0]].label,
                first_name: members[0],
                records: recs,
                id: String::new(),
                name: String::new(),
                aliases: Vec::new(),
                alive: true,
                dirty: true,
            }
        })
        .collect();
    assign_ids(&mut entities, records);
    apply_corrections(&mut entities, records, corrections);
    let out: Vec<Resolved> = entities
        .into_iter()
        .filter(|e| e.alive)
        .map(|mut e| {
            if e.dirty {
                (e.name, e.aliases) = display(&e.records, e.label, records);
            }
            Resolved {
                id: e.id,
                label: e.label,
                name: e.name,
                aliases: e.aliases,
                records: e.records,
            }
        })
        .collect();
    // By id (unique; ties on the prefix ordered by the whole id), moving indices, not entities.
    let mut order: Vec<(u64, usize)> = out.iter().map(|e| prefix(&e.id)).zip(0..).collect();
    order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| out[a.1].id.cmp(&out[b.1].id)));
    let mut slots: Vec<Option<Resolved>> = out.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect()
}

/// Distinct (label, key), sorted: every later step sees the same order whatever the order of
/// the records.
fn names(records: &[NameRecord]) -> Vec<Name<'_>> {
    // The first bytes of the key inline: most comparisons then touch no string.
    let mut order: Vec<(EntityLabel, u64, &str, usize)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.label, prefix(&r.key), r.key.as_str(), i))
        .collect();
    order.sort_unstable();
    let mut names: Vec<Name> = Vec::with_capacity(order.len());
    for (_, _, _, r) in order {
        let record = &records[r];
        let cyrillic = record.forms.iter().any(|(f, _)| has_cyrillic(f));
        if let Some(last) = names.last_mut()
            && last.label == record.label
            && last.key == record.key
        {
            last.records.push(r);
            last.cyrillic |= cyrillic;
            continue;
        }
        names.push(Name {
            label: record.label,
            key: &record.key,
            words: record.key.split('-').filter(|w| !w.is_empty()).collect(),
            cyrillic,
            records: vec![r],
        });
    }
    names
}

/// The first eight bytes of a string as a number that sorts like them.
fn prefix(s: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = s.len().min(8);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// The curated table: a key, a Russian case form of a name, or an acronym seen under the key.
fn by_alias(names: &[Name], records: &[NameRecord], uf: &mut UnionFind) {
    let table = aliases();
    let mut first: FastMap<(EntityLabel, usize), usize> = FastMap::default();
    for (i, name) in names.iter().enumerate() {
        let group = table
            .group(name.label, name.key, &name.words, name.cyrillic)
            .or_else(|| {
                // One group among the acronyms seen under the key, else none.
                let mut found = None;
                for f in acronym_forms(name, records) {
                    if let Some(g) = table.group_of_key(name.label, &key_for(f, name.label)) {
                        if found.is_some_and(|h| h != g) {
                            return None;
                        }
                        found = Some(g);
                    }
                }
                found
            });
        if let Some(g) = group {
            let head = *first.entry((name.label, g)).or_insert(i);
            uf.union(head, i);
        }
    }
}

fn acronym_forms<'r>(name: &Name, records: &'r [NameRecord]) -> impl Iterator<Item = &'r str> {
    name.records
        .iter()
        .flat_map(move |&r| records[r].forms.iter())
        .map(|(f, _)| f.as_str())
        .filter(|f| is_acronym(f))
}

/// An acronym defined in some document ("Organisation du Traité ... (OTSC)": the form OTSC is
/// under the long form's key) stands for that long form where it appears alone, when it was
/// defined for one entity only.
fn learned_acronyms(names: &[Name], records: &[NameRecord], uf: &mut UnionFind) {
    let mut learned: FastMap<String, Vec<(EntityLabel, usize)>> = FastMap::default();
    for (i, name) in names.iter().enumerate() {
        for form in acronym_forms(name, records) {
            let key = key_for(form, name.label);
            if key != name.key {
                learned
                    .entry(key)
                    .or_default()
                    .push((name.label, uf.find(i)));
            }
        }
    }
    let mut decisions = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(entries) = learned.get(name.key) {
            let mut roots: Vec<usize> = entries
                .iter()
                .filter(|(l, _)| *l == name.label)
                .map(|&(_, r)| r)
                .collect();
            roots.sort_unstable();
            roots.dedup();
            if roots.len() == 1 {
                decisions.push((i, roots[0]));
            }
        }
    }
    for (a, b) in decisions {
        uf.union(a, b);
    }
}

/// Russian case forms across documents ("России" and "Россия", "Макрона" and "Macron"): same
/// label and word count, every word compatible. Blocked by the first three letters of each
/// word and a stem of the last.
fn case_forms(names: &[Name], uf: &mut UnionFind) {
    let mut blocks: Vec<(u64, u32)> = Vec::with_capacity(names.len() * 2);
    for (i, name) in names.iter().enumerate() {
        let Some((last, rest)) = name.words.split_last() else {
            continue;
        };
        let prefixes: Vec<&[u8]> = rest
            .iter()
            .map(|w| &w.as_bytes()[..w.len().min(3)])
            .collect();
        let mut push = |stem: &str| {
            let mut parts = prefixes.clone();
            parts.push(stem.as_bytes());
            blocks.push((block_hash(name.label, &parts), i as u32));
        };
        if name.cyrillic {
            for (stem, _) in stems(last) {
                push(stem);
            }
        } else {
            push(last);
        }
    }
    compare_blocks(blocks, names, uf, |a, b| {
        a.label == b.label && same_name(&a.words, a.cyrillic, &b.words, b.cyrillic)
    });
}

/// Endings of a Russian adjective after its `-ск-`, folded (-ий, -ая, -ое, -ие, -ого, -ому,
/// -ом, -ой, -ую, -их, -им, -ими).
const ADJECTIVE_ENDINGS: [&str; 12] = [
    "i", "aia", "oe", "ie", "ogo", "omu", "om", "oi", "uiu", "ih", "im", "imi",
];

/// The base of a folded Russian place adjective ("rosiskogo" → "rosi", "moskovskie" →
/// "moskov"): at least 4 letters before `sk` and an adjective ending.
fn adjective_base(word: &str) -> Option<&str> {
    ADJECTIVE_ENDINGS.iter().find_map(|e| {
        let stem = word.strip_suffix(e)?.strip_suffix("sk")?;
        (stem.len() >= 4).then_some(stem)
    })
}

/// The one-word Cyrillic forms of a name, folded without the gazetteer (the Russian word).
fn russian_words<'r>(name: &Name, records: &'r [NameRecord]) -> impl Iterator<Item = String> + 'r {
    let recs = name.records.clone();
    recs.into_iter()
        .flat_map(move |r| records[r].forms.iter())
        .filter(|(f, _)| has_cyrillic(f))
        .filter_map(|(f, _)| {
            let folded = fold(f, None);
            (folded.words.len() == 1).then(|| folded.words.into_iter().next().unwrap_or_default())
        })
}

/// Russian place adjectives tagged as places ("российских", "московского", "Британского"):
/// a place name all of whose one-word Cyrillic forms are adjectives joins the one place whose
/// Russian name has the adjective's base as a stem ("России": `rosi`), give or take two
/// letters of the adjective's suffix ("американский" → "Америка", "итальянский" → "Италия"),
/// or the same consonants ("московский" → "Москва"), from 4 letters. None when two places
/// fit.
fn place_adjectives(names: &[Name], records: &[NameRecord], uf: &mut UnionFind) {
    let mut nouns: FastMap<String, Vec<usize>> = FastMap::default();
    let mut nouns_by_consonants: FastMap<Vec<u8>, Vec<usize>> = FastMap::default();
    let mut adjectives: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.label != EntityLabel::Loc || !name.cyrillic {
            continue;
        }
        let words: Vec<String> = russian_words(name, records).collect();
        if words.is_empty() {
            continue;
        }
        let bases: Vec<&str> = words.iter().filter_map(|w| adjective_base(w)).collect();
        if bases.len() == words.len() {
            let mut bases: Vec<String> = bases.into_iter().map(str::to_owned).collect();
            bases.sort_unstable();
            bases.dedup();
            adjectives.push((i, bases));
            continue;
        }
        for w in &words {
            for (stem, _) in stems(w).filter(|(s, _)| s.len() >= 4) {
                nouns.entry(stem.to_owned()).or_default().push(i);
                let consonants: Vec<u8> = skeleton(stem).collect();
                if consonants.len() >= 4 {
                    nouns_by_consonants.entry(consonants).or_default().push(i);
                }
            }
        }
    }
    let mut decisions = Vec::new();
    for (i, bases) in adjectives {
        let mut roots: Vec<usize> = Vec::new();
        for base in &bases {
            for cut in 0..=2 {
                if base.len() - cut >= 4
                    && let Some(found) = nouns.get(&base[..base.len() - cut])
                {
                    roots.extend(found.iter().map(|&n| uf.find(n)));
                }
            }
            let consonants: Vec<u8> = skeleton(base).collect();
            if consonants.len() >= 4
                && let Some(found) = nouns_by_consonants.get(&consonants)
            {
                roots.extend(found.iter().map(|&n| uf.find(n)));
            }
        }
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            decisions.push((i, root));
        }
    }
    for (a, b) in decisions {
        uf.union(a, b);
    }
}

/// Pairs of names sharing a block hash, compared by `same` (blocks over [`MAX_BLOCK`] skipped).
fn compare_blocks(
    mut blocks: Vec<(u64, u32)>,
    names: &[Name],
    uf: &mut UnionFind,
    same: impl Fn(&Name, &Name) -> bool,
) {
    blocks.sort_unstable();
    blocks.dedup();
    let mut start = 0;
    while start < blocks.len() {
        let hash = blocks[start].0;
        let end = blocks[start..]
            .iter()
            .position(|b| b.0 != hash)
            .map_or(blocks.len(), |p| start + p);
        let block = &blocks[start..end];
        if (2..=MAX_BLOCK).contains(&block.len()) {
            for (k, &(_, a)) in block.iter().enumerate() {
                for &(_, b) in &block[k + 1..] {
                    let (a, b) = (a as usize, b as usize);
                    if uf.find(a) != uf.find(b) && same(&names[a], &names[b]) {
                        uf.union(a, b);
                    }
                }
            }
        }
        start = end;
    }
}

/// Misspellings ("Iditié Lessom", "Idite Lessom"): names of one label with the same number of
/// words, long enough, one edit apart (two from 14 letters), each differing word keeping its
/// first letter and not merely extended ("Kamil"/"Kamila" are two names). Blocked by the
/// consonant skeleton and its one-deletion variants, so one consonant edit and any vowel edits
/// meet in a block.
fn fuzzy(names: &[Name], uf: &mut UnionFind) {
    let mut blocks: Vec<(u64, u32)> = Vec::new();
    let mut skeleton_bytes: Vec<u8> = Vec::new();
    let mut variant: Vec<u8> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.letters() < FUZZY_MIN_LETTERS {
            continue;
        }
        skeleton_bytes.clear();
        for (k, w) in name.words.iter().enumerate() {
            if k > 0 {
                skeleton_bytes.push(b'-');
            }
            skeleton_bytes.extend(skeleton(w));
        }
        blocks.push((block_hash(name.label, &[&skeleton_bytes]), i as u32));
        let consonants = skeleton_bytes.iter().filter(|&&b| b != b'-').count();
        for d in 0..skeleton_bytes.len() {
            // A deletion from a short skeleton is shared by too many unrelated names.
            if skeleton_bytes[d] == b'-' || consonants < 4 {
                continue;
            }
            variant.clear();
            variant.extend_from_slice(&skeleton_bytes[..d]);
            variant.extend_from_slice(&skeleton_bytes[d + 1..]);
            blocks.push((block_hash(name.label, &[&variant]), i as u32));
        }
    }
    compare_blocks(blocks, names, uf, misspelt);
}

fn misspelt(a: &Name, b: &Name) -> bool {
    if a.label != b.label || a.words.len() != b.words.len() || a.key.len().abs_diff(b.key.len()) > 2
    {
        return false;
    }
    let letters = a.letters().min(b.letters());
    if letters < FUZZY_MIN_LETTERS {
        return false;
    }
    let budget = if letters >= FUZZY_TWO_EDITS { 2 } else { 1 };
    let mut spent = 0;
    for (x, y) in a.words.iter().zip(&b.words) {
        if x == y {
            continue;
        }
        let (xb, yb) = (x.as_bytes(), y.as_bytes());
        let shortest = x.len().min(y.len());
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        // Kamil/Kamila, Alexandre/Alexandra, Jean/Jeanne: gender and case endings, not typos.
        let extended =
            long.starts_with(short) && long[short.len()..].bytes().all(|b| b"aeiou".contains(&b));
        if shortest < 4
            || xb[0] != yb[0]
            || extended
            || x.ends_with('a') != y.ends_with('a')
            || xb.iter().chain(yb).any(u8::is_ascii_digit)
        {
            return false;
        }
        let word_budget = if shortest >= 8 { 2 } else { 1 };
        let Some(d) = edit_distance(xb, yb, word_budget) else {
            return false;
        };
        if shortest < 7 && !skeleton(x).eq(skeleton(y)) {
            return false;
        }
        spent += d;
        if spent > budget {
            return false;
        }
    }
    spent > 0
}

/// Persons: a partial name ("Poutine", "V. Poutine", "Vladimir Poutine" beside "Vladimir
/// Vladimirovitch Poutine") joins the one entity whose fuller names it is part of; none when
/// two entities share it. A lone first name is no part of a full name (the last word must be
/// the surname). Longest names first, a level at a time, each level decided on the state the
/// longer levels left.
fn person_parts(names: &[Name], uf: &mut UnionFind) {
    // (hash of a last word or of one of its stems, person): sorted, looked up by range.
    let mut by_last: Vec<(u64, u32)> = Vec::new();
    let mut persons: Vec<(u32, u32, u32)> = Vec::new();
    let push = |by_last: &mut Vec<(u64, u32)>, word: &str, i: usize| {
        by_last.push((block_hash(EntityLabel::Per, &[word.as_bytes()]), i as u32));
    };
    for (i, name) in names.iter().enumerate() {
        if name.label != EntityLabel::Per {
            continue;
        }
        let Some(last) = name.words.last() else {
            continue;
        };
        if name.words.len() == 1 && last.len() < 3 {
            continue;
        }
        // Longest names first, then fewer initials (levels), then name order.
        let initials = name.words.iter().filter(|w| w.len() == 1).count();
        persons.push((
            u32::MAX - name.words.len() as u32,
            initials as u32,
            i as u32,
        ));
        if name.cyrillic {
            for (stem, _) in stems(last) {
                push(&mut by_last, stem, i);
            }
        } else {
            push(&mut by_last, last, i);
        }
    }
    by_last.sort_unstable();
    let bucket = |word: &str| -> &[(u64, u32)] {
        let h = block_hash(EntityLabel::Per, &[word.as_bytes()]);
        let from = by_last.partition_point(|e| e.0 < h);
        let to = by_last.partition_point(|e| e.0 <= h);
        &by_last[from..to]
    };
    persons.sort_unstable();
    let mut start = 0;
    while start < persons.len() {
        let this = (persons[start].0, persons[start].1);
        let end = persons[start..]
            .iter()
            .position(|p| (p.0, p.1) != this)
            .map_or(persons.len(), |p| start + p);
        let mut targets: Vec<(usize, usize)> = Vec::new();
        for &(_, _, i) in &persons[start..end] {
            let i = i as usize;
            let name = &names[i];
            let last = name.words.last().copied().unwrap_or_default();
            let cyr = name.cyrillic;
            let mut root = None;
            for (key, _) in stems(last).take(if cyr { usize::MAX } else { 1 }) {
                let candidates = bucket(key);
                if candidates.len() < 2 {
                    continue;
                }
                for &(_, j) in candidates {
                    let full = &names[j as usize];
                    if full.words.len() < name.words.len() || j as usize == i {
                        continue;
                    }
                    if is_part_of(&name.words, cyr, &full.words, full.cyrillic) {
                        let root = *root.get_or_insert_with(|| uf.find(i));
                        let target = uf.find(j as usize);
                        if target != root {
                            targets.push((root, target));
                        }
                    }
                }
            }
        }
        // A root with exactly one distinct target joins it.
        targets.sort_unstable();
        targets.dedup();
        let mut decisions = Vec::new();
        for (k, &(root, target)) in targets.iter().enumerate() {
            let alone = (k == 0 || targets[k - 1].0 != root)
                && targets.get(k + 1).is_none_or(|next| next.0 != root);
            if alone {
                decisions.push((root, target));
            }
        }
        for (a, b) in decisions {
            uf.union(a, b);
        }
        start = end;
    }
}

struct Entity {
    label: EntityLabel,
    /// The smallest name index: a tie-break independent of record order.
    first_name: usize,
    records: Vec<usize>,
    id: String,
    name: String,
    aliases: Vec<String>,
    alive: bool,
    /// Name and aliases to be computed again (records changed).
    dirty: bool,
}

/// Words of a surface form.
fn word_count(form: &str) -> usize {
    form.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The display name and the other forms. The name: for a person, among the forms with the
/// most words (the full name, not "Tokaïev"); otherwise among all forms; Latin-script forms
/// first when there is one (ids and readers of the fr/en output); then the most mentions, then
/// more words, then the smallest string.
fn display(recs: &[usize], label: EntityLabel, records: &[NameRecord]) -> (String, Vec<String>) {
    if let [r] = recs
        && let [(form, _)] = records[*r].forms.as_slice()
    {
        return (form.clone(), Vec::new());
    }
    let mut counts: FastMap<&str, u64> = FastMap::default();
    for &r in recs {
        for (form, n) in &records[r].forms {
            *counts.entry(form.as_str()).or_default() += u64::from(*n);
        }
    }
    if counts.is_empty() {
        for &r in recs {
            counts.entry(records[r].key.as_str()).or_default();
        }
    }
    let forms: Vec<(&str, u64, usize, bool)> = counts
        .into_iter()
        .map(|(f, n)| (f, n, word_count(f), !has_cyrillic(f)))
        .collect();
    let most_words = forms.iter().map(|f| f.2).max().unwrap_or(0);
    let any_latin = forms
        .iter()
        .any(|f| f.3 && (label != EntityLabel::Per || f.2 == most_words));
    let name = forms
        .iter()
        .filter(|f| label != EntityLabel::Per || f.2 == most_words)
        .filter(|f| f.3 || !any_latin)
        .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then_with(|| b.0.cmp(a.0)))
        .map(|f| f.0.to_owned())
        .unwrap_or_default();
    let mut others: Vec<&(&str, u64, usize, bool)> = forms.iter().filter(|f| f.0 != name).collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    (name, others.into_iter().map(|f| f.0.to_owned()).collect())
}

fn unique_id(base: String, used: &mut FastSet<String>) -> String {
    let base = if base.is_empty() {
        "entity".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

fn assign_ids(entities: &mut [Entity], records: &[NameRecord]) {
    let mut order: Vec<(u64, String, EntityLabel, usize, usize)> = entities
        .iter_mut()
        .enumerate()
        .map(|(i, e)| {
            (e.name, e.aliases) = display(&e.records, e.label, records);
            e.dirty = false;
            let base = slug(&e.name);
            (prefix(&base), base, e.label, e.first_name, i)
        })
        .collect();
    order.sort_unstable();
    let mut used = FastSet::default();
    for (_, base, _, _, i) in order {
        entities[i].id = unique_id(base, &mut used);
    }
}

/// Corrections in the order given, on the ids of the automatic resolution (and those earlier
/// corrections made). One naming an id that does not exist, or merging two labels, is skipped.
fn apply_corrections(
    entities: &mut Vec<Entity>,
    records: &[NameRecord],
    corrections: &[Correction],
) {
    let mut used: FastSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    for correction in corrections {
        let find =
            |entities: &[Entity], id: &str| entities.iter().position(|e| e.alive && e.id == id);
        match correction {
            Correction::Merge { into, from } => {
                let (Some(a), Some(b)) = (find(entities, into), find(entities, from)) else {
                    continue;
                };
                if a == b || entities[a].label != entities[b].label {
                    continue;
                }
                let moved = std::mem::take(&mut entities[b].records);
                entities[b].alive = false;
                used.remove(&entities[b].id);
                entities[a].records.extend(moved);
                entities[a].records.sort_unstable();
                entities[a].dirty = true;
            }
            Correction::Split { entity, key } => {
                let Some(a) = find(entities, entity) else {
                    continue;
                };
                let (taken, kept): (Vec<usize>, Vec<usize>) = entities[a]
                    .records
                    .iter()
                    .partition(|&&r| records[r].key == *key);
                if taken.is_empty() || kept.is_empty() {
                    continue;
                }
                entities[a].records = kept;
                entities[a].dirty = true;
                let label = entities[a].label;
                let (name, _) = display(&taken, label, records);
                let id = unique_id(slug(&name), &mut used);
                entities.push(Entity {
                    label,
                    first_name: usize::MAX,
                    records: taken,
                    id,
                    name,
                    aliases: Vec::new(),
                    alive: true,
                    dirty: true,
                });
            }
        }
    }
}
