//! Any UTF-8 string through the segmenter, for each language rule set: tokens and sentences
//! must satisfy every invariant of the document model.
#![no_main]

use doc::{Document, LangCode, Source};
use libfuzzer_sys::fuzz_target;
use segment::Segmenter;
use std::sync::OnceLock;

fn segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::new)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let segmenter = segmenter();
    for lang in [
        None,
        Some(LangCode::FR),
        Some(LangCode::EN),
        Some(LangCode::RU),
    ] {
        let tokens = segmenter.tokenize(text, lang);
        let sentences = segmenter.sentences(text, &tokens, lang);
        let mut doc = Document::new("fuzz".to_owned(), Source::default(), text.to_owned());
        doc.put_tokens(tokens);
        doc.put_sentences(sentences);
        if let Err(violation) = doc.validate() {
            panic!("invalid segmentation ({lang:?}): {violation}");
        }
    }
});
