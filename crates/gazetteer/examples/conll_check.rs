//! How often gazetteer matches in running text are places: precision and recall against a
//! CoNLL-style file (`index<TAB>token<TAB>BIO tag`, blank line between sentences), such as
//! WikiNEuRal.
//!
//! `cargo run --release -p gazetteer --example conll_check -- /work/shared/eval/ner-wikineural/fr/val.conllu`
//!
//! A match of [`gazetteer::Gazetteer::longest_match`] is right when its tokens are exactly a
//! gold LOC entity; recall is the share of gold LOC entities matched exactly. Demonym hits are
//! counted right when the token is tagged MISC (WikiNEuRal tags nationalities MISC).

use std::collections::HashMap;

fn main() {
    let path = std::env::args().nth(1).expect("usage: conll_check FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let g = gazetteer::get();
    let (mut hits, mut right, mut hits_cap, mut right_cap) = (0, 0, 0, 0);
    let (mut gold, mut found) = (0, 0);
    let (mut dem, mut dem_right) = (0, 0);
    let mut wrong: HashMap<String, usize> = HashMap::new();
    for sentence in text.split("\n\n") {
        let rows: Vec<(&str, &str)> = sentence
            .lines()
            .filter_map(|l| {
                let mut c = l.split('\t');
                let _ = c.next()?;
                Some((c.next()?, c.next()?))
            })
            .collect();
        let toks: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let tags: Vec<&str> = rows.iter().map(|r| r.1).collect();
        // gold LOC spans
        let mut spans = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            if tags[i] == "B-LOC" {
                let s = i;
                i += 1;
                while i < tags.len() && tags[i] == "I-LOC" {
                    i += 1;
                }
                spans.push((s, i));
            } else {
                i += 1;
            }
        }
        gold += spans.len();
        let mut i = 0;
        while i < toks.len() {
            if let Some((n, _)) = g.longest_match(&toks[i..]) {
                let ok = spans.contains(&(i, i + n));
                hits += 1;
                right += usize::from(ok);
                found += usize::from(ok);
                if toks[i].starts_with(char::is_uppercase) {
                    hits_cap += 1;
                    right_cap += usize::from(ok);
                }
                if !ok {
                    *wrong.entry(toks[i..i + n].join(" ")).or_default() += 1;
                }
                i += n;
            } else {
                if g.demonym(toks[i]).is_some() {
                    dem += 1;
                    dem_right += usize::from(tags[i].ends_with("MISC"));
                }
                i += 1;
            }
        }
    }
    let p = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!(
        "place matches: {hits}, exactly a gold LOC: {right}, precision {:.3}",
        p(right, hits)
    );
    println!(
        "  capitalised only: {hits_cap}, precision {:.3}",
        p(right_cap, hits_cap)
    );
    println!(
        "gold LOC entities: {gold}, matched exactly: {found}, recall {:.3}",
        p(found, gold)
    );
    println!(
        "demonym hits: {dem}, tagged MISC: {dem_right}, precision {:.3}",
        p(dem_right, dem)
    );
    let mut wrong: Vec<_> = wrong.into_iter().collect();
    wrong.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let list: Vec<String> = wrong
        .iter()
        .take(40)
        .map(|(w, n)| format!("{w}×{n}"))
        .collect();
    println!("  most frequent wrong matches: {}", list.join(" "));
}
