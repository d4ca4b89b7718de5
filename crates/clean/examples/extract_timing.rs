//! Where extraction time goes, on a folder of pages: the inert-content strip, the HTML parse,
//! and the whole `html::extract` per extractor.
//!
//! `cargo run --release -p clean --example extract_timing -- DIR`

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: extract_timing DIR");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("a readable folder") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("a readable file");
        pages.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    let n = pages.len() as f64;
    let time = |label: &str, f: &dyn Fn(&str)| {
        let start = Instant::now();
        for page in &pages {
            f(page);
        }
        let secs = start.elapsed().as_secs_f64();
        println!("{label:<28} {secs:>7.3} s  {:>8.1} pages/s", n / secs);
    };
    time("strip_inert", &|p| {
        std::hint::black_box(clean::html::strip_inert(p));
    });
    time("strip + parse", &|p| {
        let s = clean::html::strip_inert(p);
        std::hint::black_box(scraper::Html::parse_document(&s));
    });
    for (label, extractor) in [
        ("extract fast", clean::html::Extractor::Fast),
        ("extract auto", clean::html::Extractor::Auto),
        ("extract trafilatura", clean::html::Extractor::Trafilatura),
    ] {
        time(label, &|p| {
            std::hint::black_box(clean::html::extract(p, extractor));
        });
    }
}
