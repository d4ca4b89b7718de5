//! Word clusters of a language from its unlabelled text (`corpora::clusters`), in the
//! format of `crates/entities/data/clusters/<lang>.txt`: one class a line, its words
//! separated by spaces, most frequent first.
//!
//! `cargo run --release -p corpora --example clusters -- ru ../shared/eval > crates/entities/data/clusters/ru.txt`
//! (options after the folder: classes, minimum count, passes; default 1000 2 6).

use std::io::Write;
use std::path::Path;

use corpora::LangCode;
use corpora::clusters::{exchange, unlabelled};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = args
        .first()
        .and_then(|l| LangCode::parse(l))
        .ok_or("usage: clusters LANG EVAL_DIR [CLASSES MIN_COUNT PASSES]")?;
    let dir = Path::new(args.get(1).map_or("../shared/eval", String::as_str));
    let num = |i: usize, d: usize| args.get(i).and_then(|x| x.parse().ok()).unwrap_or(d);
    let (k, min, passes) = (num(2, 1000), num(3, 2), num(4, 6));
    let (lines, sources) = unlabelled(dir, lang)?;
    let tokens: usize = lines.iter().map(Vec::len).sum();
    for (name, n) in &sources {
        eprintln!("{name}: {n} lines");
    }
    eprintln!("{tokens} tokens; {k} classes, words seen {min}+ times, {passes} passes");
    let classes = exchange(&lines, k, min, passes);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for c in &classes {
        writeln!(out, "{}", c.join(" "))?;
    }
    Ok(())
}
