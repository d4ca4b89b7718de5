//! Throughput of `times::tag` alone on the texts of the TIMEX3 gold sets (French TimeBank,
//! TempEval-3 English), markup removed: `cargo run --release -p times --example throughput
//! [DIR]` (default `../shared/eval`). Prints MiB/s over at least two seconds of tagging, or
//! over `ROUNDS` rounds when that variable is set.

use std::path::Path;
use std::time::Instant;

fn texts(dir: &Path, lang: doc::LangCode, out: &mut Vec<(String, Option<doc::LangCode>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for f in files {
        if f.is_dir() {
            texts(&f, lang, out);
            continue;
        }
        if f.extension().is_none_or(|x| x != "tml") {
            continue;
        }
        let Ok(raw) = std::fs::read_to_string(&f) else {
            continue;
        };
        // the text without markup
        let mut text = String::with_capacity(raw.len());
        let mut in_tag = false;
        for c in raw.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push((text, Some(lang)));
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval".to_owned());
    let dir = Path::new(&dir);
    let mut all = Vec::new();
    texts(
        &dir.join("timex-events-fr-timebank/Data"),
        doc::LangCode::FR,
        &mut all,
    );
    texts(
        &dir.join("timex-events-tempeval3-en/TBAQ-cleaned"),
        doc::LangCode::EN,
        &mut all,
    );
    let bytes: usize = all.iter().map(|(t, _)| t.len()).sum();
    assert!(bytes > 0, "no text under {}", dir.display());
    let anchor = times::Date::new(2024, 5, 10);
    let start = Instant::now();
    let (mut rounds, mut found) = (0usize, 0usize);
    // a fixed number of rounds with `ROUNDS` set (to compare CPU times), else two seconds
    let fixed: Option<usize> = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok());
    while fixed.map_or(start.elapsed().as_secs_f64() < 2.0, |n| rounds < n) {
        for (text, lang) in &all {
            found += times::tag(text, *lang, anchor).len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mib = (bytes * rounds) as f64 / (1024.0 * 1024.0);
    println!(
        "{} texts, {:.2} MiB, {rounds} rounds, {} expressions per round: {:.1} MiB/s",
        all.len(),
        bytes as f64 / (1024.0 * 1024.0),
        found / rounds.max(1),
        mib / secs
    );
}
