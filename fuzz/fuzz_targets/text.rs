//! Bytes as a plain-text input: decoding, cleaning (normalised, then kept as given), the
//! standard pipeline; the result must satisfy every invariant of the document model.
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

/// `clean::build` with the lexicon compiled once: normalised, and kept as given.
fn cleaners() -> &'static [Cleaner; 2] {
    static CLEANERS: OnceLock<[Cleaner; 2]> = OnceLock::new();
    CLEANERS.get_or_init(|| {
        [
            Cleaner::new(CleanOptions::default()),
            Cleaner::new(CleanOptions {
                keep_text: true,
                ..CleanOptions::default()
            }),
        ]
    })
}

fn check(text: &str, cleaner: &Cleaner) {
    let options = cleaner.options();
    let raw = RawArticle::new("fuzz".to_owned(), RawBody::Text(text.to_owned()));
    let mut doc = cleaner.build(raw);
    if options.keep_text {
        assert_eq!(doc.text(), text, "keep_text changed the text");
    }
    pipeline().run(&mut doc);
    assert!(
        !doc.diagnostics
            .iter()
            .any(|d| d.message.contains("internal error")),
        "{:?}",
        doc.diagnostics
    );
    if let Err(violation) = doc.validate() {
        panic!("invalid document ({options:?}): {violation}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = input::decode::decode_text(data) else {
        return;
    };
    for cleaner in cleaners() {
        check(&decoded.text, cleaner);
    }
});
