//! Any text, in each language and with none: every quantity lies inside the text on char
//! boundaries, sorted and non-overlapping, away from the owned ranges, with finite values.
#![no_main]

use std::sync::OnceLock;

use doc::{LangCode, TextRange};
use libfuzzer_sys::fuzz_target;
use quantities::Extractor;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first char boundary after a third of the text starts an owned range.
    let cut = (text.len() / 3..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let cut_end = (cut + 4..=text.len()).find(|&i| text.is_char_boundary(i));
    let owned: Vec<TextRange> = cut_end.map(|e| TextRange::new(cut, e)).into_iter().collect();
    for lang in [Some(LangCode::FR), Some(LangCode::EN), Some(LangCode::RU), None] {
        let got = extractor().extract(text, lang, &owned);
        let mut last = 0;
        for q in &got {
            let r = q.range;
            assert!(r.start() < r.end() && r.end() <= text.len(), "span out of the text");
            assert!(text.is_char_boundary(r.start()) && text.is_char_boundary(r.end()));
            assert!(r.start() >= last, "spans overlap or are out of order");
            last = r.end();
            assert!(q.value.is_finite() && q.value_max.is_none_or(f64::is_finite));
            assert!(q.si.as_ref().is_none_or(|s| s.value.is_finite()));
            assert!(!owned.iter().any(|o| o.overlaps(r)), "span overlaps an owned range");
        }
    }
});
