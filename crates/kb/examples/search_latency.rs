//! Search latency on an existing knowledge base: every query is run once to warm up, then
//! timed; prints p50, p90, p99 and the maximum.
//!
//! ```text
//! veille ingest --db /tmp/kb ../shared/eval/news-realism/news-realism.jsonl
//! cargo run --release -p kb --example search_latency -- /tmp/kb
//! ```
//!
//! Queries: the names of the 300 most mentioned entities (one or several words, any script),
//! the same names with an entity filter on themselves, and two-word conjunctions of them.

use std::path::PathBuf;
use std::time::Instant;

use index::SearchRequest;
use kb::KnowledgeBase;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "veille-data".into()),
    );
    let kb = KnowledgeBase::open_reader(&dir).expect("open the knowledge base");
    let entities = kb.entities().expect("entities");
    let names: Vec<String> = entities.iter().take(300).map(|e| e.name.clone()).collect();
    let mut queries: Vec<(String, Option<String>)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let quoted = format!("\"{}\"", name.replace('"', " "));
        queries.push((quoted.clone(), None));
        if i % 3 == 0 {
            queries.push((quoted.clone(), Some(entities[i].id.clone())));
        }
        if let Some(next) = names.get(i + 1) {
            let word = |s: &str| s.split_whitespace().next().unwrap_or("").replace('"', "");
            queries.push((format!("{} OR {}", word(name), word(next)), None));
        }
    }
    let run = |(q, entity): &(String, Option<String>)| {
        kb.search(
            SearchRequest {
                query: q.clone(),
                limit: 20,
                ..SearchRequest::default()
            },
            entity.as_deref(),
        )
    };
    let mut failed = 0;
    for q in &queries {
        if run(q).is_err() {
            failed += 1;
        }
    }
    let mut micros: Vec<u128> = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        if let Ok(r) = run(q) {
            hits += r.hits.len();
        }
        micros.push(t.elapsed().as_micros());
    }
    micros.sort_unstable();
    let pct =
        |p: f64| micros[((micros.len() as f64 * p) as usize).min(micros.len() - 1)] as f64 / 1000.0;
    let counts = kb.counts().expect("counts");
    println!(
        "{} documents; {} queries ({failed} refused), {hits} hits: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        counts.documents,
        micros.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        *micros.last().unwrap_or(&0) as f64 / 1000.0,
    );
}
