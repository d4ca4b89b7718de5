//! Bytes as a plain-text input: decoding, cleaning (normalised, then kept as given), the
//! standard pipeline; the result must satisfy every invariant of the document model.
#![no_main]

use std::sync::OnceLock;

use clean::CleanOptions;
use doc::{RawArticle, RawBody, Source};
use libfuzzer_sys::fuzz_target;
use pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::standard)
}

fn check(text: &str, options: &CleanOptions) {
    let raw = RawArticle {
        id: "fuzz".to_owned(),
        source: Source::default(),
        title: None,
        published: None,
        lang: None,
        body: RawBody::Text(text.to_owned()),
        diagnostics: Vec::new(),
    };
    let mut doc = clean::build(raw, options);
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
    check(&decoded.text, &CleanOptions::default());
    check(
        &decoded.text,
        &CleanOptions {
            keep_text: true,
            ..CleanOptions::default()
        },
    );
});
