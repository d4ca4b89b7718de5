//! Word clusters from unlabelled text, for the entity tagger's cluster features.
//!
//! [`unlabelled`] gathers the text of a language that no Dev part holds: the Train parts of
//! the annotated sets (their words only, not their labels) and, for English and Russian, the
//! hand-cleaned reference texts of `boilerplate-daniel` (a boilerplate-removal set, not an
//! entity set). [`exchange`] groups words by their neighbours: the exchange algorithm of a
//! class bigram model (each word in turn moves to the class that most raises the likelihood
//! of the text under `P(c_i | c_{i-1}) P(w_i | c_i)`). Deterministic: words are visited in
//! a fixed order, sums are over sorted lists.

use std::collections::HashMap;
use std::path::Path;

use crate::{Annotated, CorpusError, LangCode, Part, read_text, sets};

/// At most this many characters of a word are kept (the tagger reads no more).
const MAX_CHARS: usize = 64;

/// A word as the tagger hashes it: lower case, every digit `0`, at most 64 characters.
pub fn normalise(word: &str) -> String {
    word.chars()
        .take(MAX_CHARS)
        .flat_map(|c| if c.is_numeric() { '0' } else { c }.to_lowercase())
        .collect()
}

/// Splits a text into lines of normalised words: runs of letters and digits (with inner
/// hyphens and apostrophes) and single punctuation marks.
pub fn words_of(text: &str, out: &mut Vec<Vec<String>>) {
    for line in text.lines() {
        let mut words = Vec::new();
        let mut cur = String::new();
        for c in line.chars() {
            if c.is_alphanumeric() || (matches!(c, '-' | '\'' | '’') && !cur.is_empty()) {
                cur.push(c);
                continue;
            }
            if !cur.is_empty() {
                words.push(normalise(&cur));
                cur.clear();
            }
            if !c.is_whitespace() {
                words.push(c.to_string());
            }
        }
        if !cur.is_empty() {
            words.push(normalise(&cur));
        }
        if !words.is_empty() {
            out.push(words);
        }
    }
}

/// Lines of normalised words, and the number of lines each source gave.
pub type Unlabelled = (Vec<Vec<String>>, Vec<(String, usize)>);

/// The unlabelled text of `lang` that is in no Dev part (see the module documentation), as
/// lines of normalised words, with the number of lines per source.
pub fn unlabelled(eval_dir: &Path, lang: LangCode) -> Result<Unlabelled, CorpusError> {
    let mut lines = Vec::new();
    let mut sources = Vec::new();
    for set in sets(eval_dir, Part::Train)?
        .into_iter()
        .filter(|s| s.lang == lang)
    {
        let before = lines.len();
        match &set.data {
            Annotated::Tokens(sents) => lines.extend(
                sents
                    .iter()
                    .map(|s| s.tokens.iter().map(|t| normalise(t)).collect()),
            ),
            Annotated::Texts(docs) => {
                for d in docs {
                    words_of(&d.text, &mut lines);
                }
            }
        }
        sources.push((set.name, lines.len() - before));
    }
    let language = match lang.as_str() {
        "en" => "English",
        "ru" => "Russian",
        _ => return Ok((lines, sources)),
    };
    let daniel = eval_dir.join("boilerplate-daniel");
    let manifest = daniel.join("manifest.tsv");
    if manifest.is_file() {
        let before = lines.len();
        for row in read_text(&manifest)?.lines().skip(1) {
            let mut f = row.split('\t');
            let (Some(id), Some(l)) = (f.next(), f.next()) else {
                continue;
            };
            let path = daniel.join("reference").join(format!("{id}.txt"));
            if l != language || !path.is_file() {
                continue;
            }
            words_of(&strip_markup(&read_text(&path)?), &mut lines);
        }
        sources.push(("boilerplate-daniel".to_owned(), lines.len() - before));
    }
    Ok((lines, sources))
}

/// The text of a CleanEval-like reference: tags become line breaks, the basic entities are
/// decoded.
fn strip_markup(t: &str) -> String {
    let mut plain = String::with_capacity(t.len());
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => {
                in_tag = true;
                plain.push('\n');
            }
            '>' => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn xlogx(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { x * x.ln() }
}

/// Adds `c` to the count of `k` in a list sorted by key.
fn bump(list: &mut Vec<(usize, f64)>, k: usize, c: f64) {
    match list.binary_search_by_key(&k, |e| e.0) {
        Ok(i) => list[i].1 += c,
        Err(i) => list.insert(i, (k, c)),
    }
}

/// Clusters the words seen at least `min_count` times in `lines` into `k` classes with
/// `iterations` passes of the exchange algorithm. Returns the classes, each a list of words,
/// most frequent word first; the classes in the order of their most frequent word.
pub fn exchange(
    lines: &[Vec<String>],
    k: usize,
    min_count: usize,
    iterations: usize,
) -> Vec<Vec<String>> {
    let k = k.max(1);
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for l in lines {
        for w in l {
            *freq.entry(w).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, usize)> = freq
        .into_iter()
        .filter(|(_, c)| *c >= min_count.max(1))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let id: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let v = vocab.len();
    // One pseudo-word, in a class of its own that never changes, for the rare words and the
    // line boundaries.
    let other = v;
    let mut right: Vec<Vec<(usize, f64)>> = vec![Vec::new(); v + 1];
    let mut left: Vec<Vec<(usize, f64)>> = vec![Vec::new(); v + 1];
    let mut n = vec![0f64; v + 1];
    let mut ids = Vec::new();
    for l in lines {
        ids.clear();
        ids.push(other);
        ids.extend(
            l.iter()
                .map(|w| id.get(w.as_str()).copied().unwrap_or(other)),
        );
        ids.push(other);
        for p in ids.windows(2) {
            bump(&mut right[p[0]], p[1], 1.0);
            bump(&mut left[p[1]], p[0], 1.0);
            n[p[0]] += 1.0;
        }
    }
    let kk = k + 1;
    let mut class: Vec<usize> = (0..v).map(|i| i % k).collect();
    class.push(k);
    // Class bigram counts and class counts.
    let mut m = vec![0f64; kk * kk];
    let mut nc = vec![0f64; kk];
    for a in 0..=v {
        nc[class[a]] += n[a];
        for &(b, c) in &right[a] {
            m[class[a] * kk + class[b]] += c;
        }
    }
    let mut rc: Vec<(usize, f64)> = Vec::new();
    let mut lc: Vec<(usize, f64)> = Vec::new();
    for _ in 0..iterations {
        for w in 0..v {
            let cw = class[w];
            rc.clear();
            lc.clear();
            let mut own = 0.0;
            for &(b, c) in &right[w] {
                if b == w {
                    own += c;
                } else {
                    bump(&mut rc, class[b], c);
                }
            }
            for &(a, c) in &left[w] {
                if a != w {
                    bump(&mut lc, class[a], c);
                }
            }
            for &(d, c) in &rc {
                m[cw * kk + d] -= c;
            }
            for &(d, c) in &lc {
                m[d * kk + cw] -= c;
            }
            m[cw * kk + cw] -= own;
            nc[cw] -= n[w];
            let mut best = (f64::NEG_INFINITY, cw);
            for c in 0..k {
                let mut gain = 0.0;
                let (mut to_c, mut from_c) = (0.0, 0.0);
                for &(d, x) in &rc {
                    if d == c {
                        to_c = x;
                        continue;
                    }
                    let y = m[c * kk + d];
                    gain += xlogx(y + x) - xlogx(y);
                }
                for &(d, x) in &lc {
                    if d == c {
                        from_c = x;
                        continue;
                    }
                    let y = m[d * kk + c];
                    gain += xlogx(y + x) - xlogx(y);
                }
                let y = m[c * kk + c];
                gain += xlogx(y + to_c + from_c + own) - xlogx(y);
                gain -= 2.0 * (xlogx(nc[c] + n[w]) - xlogx(nc[c]));
                if gain > best.0 + 1e-9 {
                    best = (gain, c);
                }
            }
            let c = best.1;
            class[w] = c;
            for &(d, x) in &rc {
                m[c * kk + d] += x;
            }
            for &(d, x) in &lc {
                m[d * kk + c] += x;
            }
            m[c * kk + c] += own;
            nc[c] += n[w];
        }
    }
    let mut out: Vec<Vec<String>> = vec![Vec::new(); k];
    for (i, (w, _)) in vocab.iter().enumerate() {
        out[class[i]].push((*w).to_owned());
    }
    out.retain(|c| !c.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_normalisation() {
        let mut out = Vec::new();
        words_of("Le 23 avril, l'ONG Idite Lessom.\n\nСША", &mut out);
        assert_eq!(
            out,
            [
                vec!["le", "00", "avril", ",", "l'ong", "idite", "lessom", "."],
                vec!["сша"]
            ]
        );
        assert_eq!(strip_markup("<p>A &amp; B</p>"), "\nA & B\n");
    }

    #[test]
    fn exchange_groups_words_by_context() {
        // Words of the same contexts share a class; function words and content words part.
        let mut lines = Vec::new();
        for (city, verb) in [("paris", "run"), ("rome", "sing"), ("oslo", "swim")] {
            for _ in 0..5 {
                lines.push(vec!["in".to_owned(), city.to_owned(), ".".to_owned()]);
                lines.push(vec!["they".to_owned(), verb.to_owned(), "!".to_owned()]);
            }
        }
        let classes = exchange(&lines, 4, 2, 5);
        let class_of = |w: &str| classes.iter().position(|c| c.iter().any(|x| x == w));
        assert_eq!(class_of("paris"), class_of("rome"));
        assert_eq!(class_of("rome"), class_of("oslo"));
        assert_eq!(class_of("run"), class_of("swim"));
        assert_ne!(class_of("paris"), class_of("in"));
        assert_ne!(class_of("paris"), class_of("."));
        assert_eq!(exchange(&lines, 4, 2, 5), classes, "deterministic");
    }
}
