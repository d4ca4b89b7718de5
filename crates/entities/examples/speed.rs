//! Tagging speed and model load time on one core.
//!
//! `cargo run --release -p entities --example speed -- [fr|en|ru] [FILE.conllu] [MODEL.bin]`
//! (default: `../shared/eval/ner-wikineural/<lang>/val.conllu`, tokens in the second column;
//! the built-in model).

use std::time::Instant;

use doc::LangCode;
use entities::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let lang_s = args.get(1).map_or("fr", String::as_str);
    let lang = LangCode::parse(lang_s).ok_or("language: fr, en or ru")?;
    let path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| format!("../shared/eval/ner-wikineural/{lang_s}/val.conllu"));
    let own;
    let bytes = match args.get(3) {
        Some(p) => {
            own = std::fs::read(p)?;
            &own[..]
        }
        None => entities::model_bytes(lang).ok_or("no model for this language")?,
    };
    let t = Instant::now();
    let model = Model::from_bytes(bytes)?;
    let load = t.elapsed();
    let text = std::fs::read_to_string(&path)?;
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        match line.split('\t').nth(1) {
            Some(tok) => sentences.last_mut().ok_or("empty")?.push(tok),
            None if !sentences.last().is_some_and(Vec::is_empty) => sentences.push(Vec::new()),
            None => {}
        }
    }
    let n: usize = sentences.iter().map(Vec::len).sum();
    // The first sentence also loads what the features look up (the gazetteer).
    let t = Instant::now();
    model.tag(
        sentences.first().map_or(&[][..], Vec::as_slice),
        &mut Vec::new(),
    );
    let first = t.elapsed();
    let mut tags = Vec::new();
    let mut spans = Vec::new();
    let mut mentions = 0;
    // The best of several rounds: the machine may be shared.
    let rounds = 5;
    let mut secs = f64::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        for s in &sentences {
            model.tag(s, &mut tags);
            entities::spans(&tags, &mut spans);
            mentions += spans.len();
        }
        secs = secs.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{lang_s}: model {} bytes, load {:.1} ms (+{:.1} ms first sentence), table {:.1} MB in memory; {} sentences, {} tokens, best of {rounds} rounds: {:.0} tokens/s ({} mentions)",
        bytes.len(),
        load.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        model.table_bytes() as f64 / 1e6,
        sentences.len(),
        n,
        n as f64 / secs,
        mentions / rounds
    );
    Ok(())
}
