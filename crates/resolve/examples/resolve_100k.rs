//! Times `resolve` on 100 000 synthetic records (persons in Latin and Cyrillic spellings, with
//! Russian case forms, lone surnames, initials and misspellings; organisations and places).
//!
//! `cargo run --release -p resolve --example resolve_100k [N]`

use std::collections::HashSet;
use std::time::Instant;

use doc::EntityLabel;
use resolve::{NameRecord, key_for, resolve};

/// A small deterministic generator (no dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "lo", "va", "se", "du", "ni", "ta", "bo", "re", "gu", "sha", "zhe", "po",
    "li", "ma", "to", "ko", "vi", "de", "na", "ry", "che",
];
const ENDS: &[&str] = &[
    "ov", "ev", "in", "sky", "enko", "ian", "ski", "er", "et", "ard",
];
const CYR: &[&str] = &[
    "ка", "ро", "ми", "ло", "ва", "се", "ду", "ни", "та", "бо", "ре", "гу", "ша", "же", "по", "ли",
    "ма", "то", "ко", "ви", "де", "на", "ры", "че",
];
const CYR_ENDS: &[&str] = &[
    "ов", "ев", "ин", "ский", "енко", "ян", "ски", "ер", "ет", "ард",
];
const CASES: &[&str] = &["а", "у", "ым", "е"];

fn word(rng: &mut Lcg, cyrillic: bool) -> String {
    let n = 2 + rng.next() % 2;
    let (syl, ends) = if cyrillic {
        (CYR, CYR_ENDS)
    } else {
        (SYLLABLES, ENDS)
    };
    let mut w = String::new();
    for _ in 0..n {
        w.push_str(rng.pick(syl));
    }
    w.push_str(rng.pick(ends));
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Lcg(7);
    let mut records = Vec::with_capacity(n);
    let mut seen = HashSet::new();
    while records.len() < n {
        let cyrillic = rng.next().is_multiple_of(3);
        let roll = rng.next() % 100;
        let (label, form) = match roll {
            0..=49 => {
                let first = word(&mut rng, cyrillic);
                let last = word(&mut rng, cyrillic);
                (EntityLabel::Per, format!("{first} {last}"))
            }
            50..=59 => (EntityLabel::Per, word(&mut rng, cyrillic)),
            60..=64 => {
                let last = word(&mut rng, cyrillic);
                let case = rng.pick(CASES);
                (EntityLabel::Per, format!("{last}{case}"))
            }
            65..=69 => {
                let first = word(&mut rng, false);
                let last = word(&mut rng, false);
                let initial: String = first.chars().take(1).collect();
                (EntityLabel::Per, format!("{initial}. {last}"))
            }
            70..=84 => {
                let a = word(&mut rng, cyrillic);
                let b = word(&mut rng, cyrillic);
                (EntityLabel::Org, format!("{a} {b}"))
            }
            85..=94 => (EntityLabel::Loc, word(&mut rng, cyrillic)),
            _ => {
                let a = word(&mut rng, cyrillic);
                let b = word(&mut rng, cyrillic);
                let c = word(&mut rng, cyrillic);
                (EntityLabel::Misc, format!("{a} {b} {c}"))
            }
        };
        let key = key_for(&form, label);
        if !seen.insert((label, key.clone())) {
            continue;
        }
        let count = (1 + rng.next() % 20) as u32;
        records.push(NameRecord {
            key,
            label,
            forms: vec![(form, count)],
            mentions: count,
            documents: 1 + count / 3,
        });
    }
    // Warm the alias table, then time: the best of five runs (the machine may be shared).
    let _ = resolve(&records[..10], &[]);
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut resolved = Vec::new();
    for _ in 0..5 {
        let cpu = on_cpu();
        let start = Instant::now();
        resolved = resolve(&records, &[]);
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, on_cpu()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    // A yardstick for the machine: cloning and sorting the keys.
    let mut baseline = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        let mut keys: Vec<String> = records.iter().map(|r| r.key.clone()).collect();
        keys.sort_unstable();
        std::hint::black_box(&keys);
        baseline = baseline.min(start.elapsed().as_secs_f64());
    }
    println!(
        "baseline: clone and sort of the keys in {:.1} ms",
        baseline * 1000.0
    );
    let merged = resolved.iter().filter(|e| e.records.len() > 1).count();
    println!(
        "resolve: {} records → {} entities ({merged} with several records) in {:.1} ms wall, \
         {:.1} ms on the CPU (best of 5)",
        records.len(),
        resolved.len(),
        best * 1000.0,
        best_cpu * 1000.0
    );
}

/// Seconds this thread has run on a CPU (Linux `schedstat`), which a busy machine inflates
/// less than wall time.
fn on_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
