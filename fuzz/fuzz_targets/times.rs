//! Arbitrary text, language and publication date through the time tagger and its stage: no
//! panic, and the layer must satisfy every invariant of the document model.
#![no_main]

use doc::{Document, LangCode, Source, Stage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    // First line: the publication date as written; the rest: the text.
    let (published, text) = input.split_once('\n').unwrap_or(("", input));
    let lang = [Some(LangCode::FR), Some(LangCode::EN), Some(LangCode::RU), None]
        [data.len() % 4];
    let anchor = times::parse_published(published).ok();
    let found = times::tag(text, lang, anchor);
    let mut doc = Document::new("fuzz".to_owned(), Source::default(), text.to_owned());
    doc.put_times(found);
    if let Err(violation) = doc.validate() {
        panic!("invalid times layer: {violation}");
    }
    let mut doc = Document::new("fuzz".to_owned(), Source::default(), text.to_owned());
    doc.published = Some(published.to_owned());
    times::TagTimes::new().run(&mut doc);
    if let Err(violation) = doc.validate() {
        panic!("invalid times layer from the stage: {violation}");
    }
});
