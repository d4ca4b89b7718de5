//! Throughput of signatures, near-duplicate insertion and story clustering.
//!
//! `cargo run --release -p dedup --example throughput [DOCS]` (default 20 000 texts; stories
//! always run on 50 000 synthetic leads).

use std::time::Instant;

use dedup::{NearDuplicates, StoryDoc, signature, stories};

/// Texts of about 2 KB made from the test wires with every third word replaced by a word
/// of the text's own (so texts share no shingle); every tenth text reprints the one before
/// with one word changed.
fn texts(n: usize) -> Vec<String> {
    let base = [
        include_str!("../test_data/copies/fr-wire.txt"),
        include_str!("../test_data/copies/en-wire.txt"),
        include_str!("../test_data/copies/ru-wire.txt"),
    ];
    let mut out: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        if i % 10 == 9 {
            let copy = out[i - 1].replacen(' ', " reprint ", 1);
            out.push(copy);
            continue;
        }
        let text = base[i % 3]
            .split(' ')
            .enumerate()
            .map(|(k, w)| {
                if k % 3 == 0 {
                    format!("w{i}x{k}")
                } else {
                    w.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        out.push(text);
    }
    out
}

fn story_docs(n: usize) -> Vec<StoryDoc> {
    let words = [
        "gouvernement",
        "minister",
        "президент",
        "réforme",
        "budget",
        "sanctions",
    ];
    (0..n)
        .map(|i| {
            let story = i / 5;
            StoryDoc {
                id: i as u64,
                day: Some(19_000 + (story % 365) as i64),
                entities: vec![
                    (format!("person-{story}"), 2),
                    (format!("place-{}", story / 3), 1),
                    ("onu".to_owned(), 1),
                ],
                lead: format!(
                    "{} {} x{story}qa {} z{story}qb",
                    words[i % 6],
                    words[(i + 1) % 6],
                    words[(i + 2) % 6]
                ),
            }
        })
        .collect()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let texts = texts(n);
    let bytes: usize = texts.iter().map(String::len).sum();

    let start = Instant::now();
    let sigs: Vec<_> = texts.iter().map(|t| signature(t)).collect();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "signature: {n} texts, {:.1} MB in {secs:.2} s: {:.0} signatures/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );

    let start = Instant::now();
    let mut near = NearDuplicates::new();
    let dups = sigs
        .iter()
        .enumerate()
        .filter(|(i, s)| near.insert(*i as u64, s).is_some())
        .count();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "near-duplicates: {n} inserts in {secs:.2} s: {:.0} inserts/s, {dups} duplicates",
        n as f64 / secs
    );

    let docs = story_docs(50_000);
    let start = Instant::now();
    let numbers = stories(&docs);
    let secs = start.elapsed().as_secs_f64();
    let count = numbers.iter().max().map_or(0, |m| m + 1);
    println!(
        "stories: {} documents in {secs:.2} s: {:.0} documents/s, {count} stories",
        docs.len(),
        docs.len() as f64 / secs
    );
}
