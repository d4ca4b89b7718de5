//! How often gazetteer hits in Russian news are real places: precision against the NEREL
//! annotation (brat standoff), for exact names, declined names, and demonyms.
//!
//! `cargo run --release -p gazetteer --example nerel_check -- /work/shared/eval/ner-nerel/train`
//!
//! A place hit is right when its span overlaps a gold CITY, COUNTRY, STATE_OR_PROVINCE,
//! DISTRICT or LOCATION mention; a demonym hit when it overlaps a NATIONALITY, COUNTRY or
//! any of those. Wrong hits are printed (up to 40) to see what the matching confuses.

use std::collections::HashMap;

const PLACE_TYPES: &[&str] = &[
    "CITY",
    "COUNTRY",
    "STATE_OR_PROVINCE",
    "DISTRICT",
    "LOCATION",
];

#[derive(Default)]
struct Count {
    hits: usize,
    right: usize,
    wrong: HashMap<String, usize>,
}

impl Count {
    fn add(&mut self, ok: bool, word: &str) {
        self.hits += 1;
        if ok {
            self.right += 1;
        } else {
            *self.wrong.entry(word.to_string()).or_default() += 1;
        }
    }
    fn report(&self, what: &str) {
        let mut wrong: Vec<_> = self.wrong.iter().collect();
        wrong.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = wrong
            .iter()
            .take(40)
            .map(|(w, n)| format!("{w}×{n}"))
            .collect();
        println!(
            "{what}: {} hits, {} right, precision {:.3}\n  wrong: {}",
            self.hits,
            self.right,
            self.right as f64 / self.hits.max(1) as f64,
            list.join(" ")
        );
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: nerel_check DIR");
    let g = gazetteer::get();
    let (mut exact, mut declined, mut dem) = (Count::default(), Count::default(), Count::default());
    let (mut gold_places, mut gold_found) = (0usize, 0usize);
    let mut missed: HashMap<String, usize> = HashMap::new();
    let mut exact_cap = Count::default();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let ann = std::fs::read_to_string(path.with_extension("ann")).unwrap_or_default();
        let mut gold: Vec<(usize, usize, String)> = Vec::new();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let Some(spec) = line.split('\t').nth(1) else {
                continue;
            };
            let mut it = spec.split([' ', ';']);
            let (Some(ty), Some(s), Some(e)) = (it.next(), it.next(), it.next_back()) else {
                continue;
            };
            if let (Ok(s), Ok(e)) = (s.parse(), e.parse()) {
                gold.push((s, e, ty.to_string()));
            }
        }
        // tokens with char offsets
        let chars: Vec<char> = text.chars().collect();
        let mut toks: Vec<(usize, usize, String)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_alphanumeric() {
                let s = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '-') {
                    i += 1;
                }
                toks.push((s, i, chars[s..i].iter().collect()));
            } else {
                i += 1;
            }
        }
        let overlaps = |s: usize, e: usize, types: &[&str]| {
            gold.iter()
                .any(|(gs, ge, ty)| *gs < e && s < *ge && types.contains(&ty.as_str()))
        };
        for &(gs, ge, ref ty) in &gold {
            if ty == "CITY" || ty == "COUNTRY" {
                gold_places += 1;
                let span: String = chars[gs..ge].iter().collect();
                if !g.places(&span).is_empty() {
                    gold_found += 1;
                } else {
                    *missed.entry(span).or_default() += 1;
                }
            }
        }
        for (s, e, w) in &toks {
            let ok = overlaps(*s, *e, PLACE_TYPES);
            if !g.places_exact(w).is_empty() {
                exact.add(ok, w);
                if w.starts_with(char::is_uppercase) {
                    exact_cap.add(ok, w);
                }
            } else if !g.places(w).is_empty() {
                declined.add(ok, w);
            }
            if g.demonym(w).is_some() {
                let mut types = PLACE_TYPES.to_vec();
                types.push("NATIONALITY");
                dem.add(overlaps(*s, *e, &types), w);
            }
        }
    }
    exact.report("exact names (one token)");
    exact_cap.report("exact names, capitalised tokens only");
    declined.report("declined Russian names only (one token)");
    dem.report("demonyms");
    println!(
        "gold CITY/COUNTRY mentions whose whole text the gazetteer knows: {gold_found} / {gold_places} ({:.3})",
        gold_found as f64 / gold_places.max(1) as f64
    );
    let mut missed: Vec<_> = missed.into_iter().collect();
    missed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let list: Vec<String> = missed
        .iter()
        .take(60)
        .map(|(w, n)| format!("{w}×{n}"))
        .collect();
    println!("  most missed: {}", list.join(" "));
}
