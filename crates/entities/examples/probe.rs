//! Tags texts with the built-in models and the document rules, as the pipeline stage does.
//!
//! `cargo run --release -p entities --example probe < lines` — one text a line,
//! `lang|text`; prints each mention as `surface=LABEL`.

use std::io::BufRead;

use doc::{Document, LangCode, LangGuess, Source, Stage};
use entities::TagEntities;
use segment::Segment;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Some((lang, text)) = line.split_once('|') else {
            continue;
        };
        let mut doc = Document::new("probe".into(), Source::default(), text.to_owned());
        doc.put_lang(LangGuess {
            code: LangCode::parse(lang.trim()),
            confidence: None,
        });
        Segment::new(segment::Segmenter::new()).run(&mut doc);
        TagEntities::new().run(&mut doc);
        let found: Vec<String> = doc
            .entities()
            .unwrap_or(&[])
            .iter()
            .map(|e| format!("{}={}", doc.slice(e.range), e.label.as_str()))
            .collect();
        println!("{lang}| {}", found.join("; "));
    }
    Ok(())
}
