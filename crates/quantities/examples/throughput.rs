//! Throughput of the extractor alone: `cargo run --release -p quantities --example throughput
//! -- FILE` where FILE holds `lang<TAB>text` records separated by U+001E.

use std::time::Instant;

use doc::LangCode;
use quantities::Extractor;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: throughput FILE");
        return;
    };
    let data = std::fs::read_to_string(path).unwrap_or_default();
    let docs: Vec<(Option<LangCode>, &str)> = data
        .split('\u{1e}')
        .filter_map(|r| r.split_once('\t'))
        .map(|(l, t)| (LangCode::parse(l), t))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let extractor = Extractor::new();
    let mut found = 0;
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        for (lang, text) in &docs {
            found += extractor.extract(text, *lang, &[]).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    // QUANTITIES_DUMP=1 lists every quantity found (for spot checks on real text).
    if std::env::var_os("QUANTITIES_DUMP").is_some() {
        for (k, (lang, text)) in docs.iter().enumerate() {
            for q in extractor.extract(text, *lang, &[]) {
                let s = &text[q.range.start()..q.range.end()];
                let (a, b) = (q.range.start(), q.range.end());
                let before = &text[text.floor_char_boundary(a.saturating_sub(40))..a];
                let after = &text[b..text.ceil_char_boundary((b + 40).min(text.len()))];
                println!(
                    "{k}\t{}\t{:?}\t{}{}\t{}\t{}\t{}\t{}",
                    s.replace('\n', " "),
                    q.kind,
                    q.value,
                    q.value_max.map(|m| format!("..{m}")).unwrap_or_default(),
                    q.bound.as_str(),
                    q.unit.as_deref().unwrap_or("-"),
                    q.counted.as_ref().map_or("-", |c| c.lemma.as_str()),
                    format!("{before}[[{s}]]{after}").replace('\n', " "),
                );
            }
        }
    }
    println!(
        "{} docs, {:.1} MB, {} quantities per round, {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        found / rounds,
        (bytes * rounds) as f64 / 1e6 / secs
    );
}
