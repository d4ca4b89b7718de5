//! Bytes as a web page: decoding, extraction, cleaning, the standard pipeline; the result
//! must satisfy every invariant of the document model.
#![no_main]

use std::sync::OnceLock;

use clean::{CleanOptions, Cleaner};
use doc::{RawArticle, RawBody};
use libfuzzer_sys::fuzz_target;
use pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::standard)
}

/// `clean::build` with the lexicon compiled once.
fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(CleanOptions::default()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = input::decode::decode_html(data) else {
        return;
    };
    let page = clean::html::extract(&decoded.text, clean::html::Extractor::default());
    for p in &page.paragraphs {
        assert!(!p.is_empty(), "empty paragraph");
    }
    let raw = RawArticle { diagnostics: decoded.diagnostics, ..RawArticle::new("fuzz".to_owned(), RawBody::Html(decoded.text)) };
    let mut doc = cleaner().build(raw);
    pipeline().run(&mut doc);
    assert!(
        !doc.diagnostics
            .iter()
            .any(|d| d.message.contains("internal error")),
        "{:?}",
        doc.diagnostics
    );
    if let Err(violation) = doc.validate() {
        panic!("invalid document: {violation}");
    }
});
