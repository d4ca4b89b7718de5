//! Load time and lookup speed of the gazetteer.
//!
//! `cargo run --release -p gazetteer --example speed [TEXT_FILE...]`: tokens are the words of
//! the given files (any language), or, without files, the names of the gazetteer itself mixed
//! with as many made-up words.

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let g = gazetteer::get();
    let load = t.elapsed();
    let (places, keys, declined, demonyms) = g.stats();
    println!(
        "load: {:.1} ms ({places} places, {keys} name keys, {declined} declined Russian keys, {demonyms} demonym forms)",
        load.as_secs_f64() * 1e3
    );

    let mut text = String::new();
    for path in std::env::args().skip(1) {
        text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        text.push('\n');
    }
    if text.is_empty() {
        for (i, p) in g.all().iter().enumerate() {
            text.push_str(&format!(
                "{} {} {} word{i} Lorem{i} ",
                p.name_en, p.name_fr, p.name_ru
            ));
        }
    }
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|t| !t.is_empty())
        .collect();
    println!("tokens: {}", tokens.len());

    let rounds = (2_000_000 / tokens.len().max(1)).max(1);
    let n = (tokens.len() * rounds) as f64;

    let t = Instant::now();
    let mut hits = 0usize;
    for _ in 0..rounds {
        for tok in &tokens {
            hits += usize::from(!g.places(tok).is_empty());
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("places():        {:>10.0} lookups/s ({hits} hits)", n / s);

    let t = Instant::now();
    hits = 0;
    for _ in 0..rounds {
        for i in 0..tokens.len() {
            hits += usize::from(g.longest_match(&tokens[i..]).is_some());
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("longest_match(): {:>10.0} lookups/s ({hits} hits)", n / s);

    let t = Instant::now();
    hits = 0;
    for _ in 0..rounds {
        for tok in &tokens {
            hits += usize::from(g.demonym(tok).is_some());
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("demonym():       {:>10.0} lookups/s ({hits} hits)", n / s);
}
