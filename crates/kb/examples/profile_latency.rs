//! Entity-profile latency on an existing knowledge base: the profiles of the 300 most
//! mentioned entities, asked by id and by name, each run once to warm up, then timed; prints
//! p50, p90, p99 and the maximum.
//!
//! ```text
//! veille ingest --db /tmp/kb ../shared/eval/news-realism/news-realism.jsonl
//! cargo run --release -p kb --example profile_latency -- /tmp/kb
//! ```

use std::path::PathBuf;
use std::time::Instant;

use kb::KnowledgeBase;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "veille-data".into()),
    );
    let kb = KnowledgeBase::open_reader(&dir).expect("open the knowledge base");
    let entities = kb.entities().expect("entities");
    let asked: Vec<String> = entities
        .iter()
        .take(300)
        .flat_map(|e| [e.id.clone(), e.name.clone()])
        .collect();
    for name in &asked {
        kb.profile(name).expect("profile");
    }
    let mut micros: Vec<u128> = Vec::with_capacity(asked.len());
    for name in &asked {
        let t = Instant::now();
        kb.profile(name).expect("profile");
        micros.push(t.elapsed().as_micros());
    }
    micros.sort_unstable();
    let pct =
        |p: f64| micros[((micros.len() as f64 * p) as usize).min(micros.len() - 1)] as f64 / 1000.0;
    let t = Instant::now();
    let n = kb.entities().expect("entities").len();
    let entities_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{} profiles (by id and by name): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms; entities() of {n}: {entities_ms:.1} ms",
        micros.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        *micros.last().unwrap_or(&0) as f64 / 1000.0,
    );
}
