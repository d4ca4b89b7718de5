//! Invariants on any input: spans in bounds and on char boundaries, sorted, non-overlapping,
//! never overlapping an owned range, values finite; and bad inputs that must not panic.

use doc::{LangCode, Quantity, TextRange};
use proptest::prelude::*;
use quantities::Extractor;

fn check(text: &str, got: &[Quantity], owned: &[TextRange]) {
    let mut last = 0;
    for q in got {
        let r = q.range;
        assert!(
            r.start() < r.end() && r.end() <= text.len(),
            "{r:?} out of {text:?}"
        );
        assert!(text.is_char_boundary(r.start()) && text.is_char_boundary(r.end()));
        assert!(r.start() >= last, "overlap or disorder at {r:?}");
        last = r.end();
        assert!(q.value.is_finite());
        assert!(q.value_max.is_none_or(f64::is_finite));
        assert!(q.si.as_ref().is_none_or(|s| s.value.is_finite()));
        assert_eq!(q.bound == doc::Bound::Range, q.value_max.is_some());
        assert!(!owned.iter().any(|o| o.overlaps(r)));
        let slice = &text[r.start()..r.end()];
        assert!(!slice.starts_with(char::is_whitespace) && !slice.ends_with(char::is_whitespace));
        if let Some(c) = &q.counted {
            assert!(!c.range.is_empty() && c.range.end() <= text.len());
        }
    }
}

fn all_langs(text: &str, owned: &[TextRange]) {
    let e = extractor();
    for lang in [
        Some(LangCode::FR),
        Some(LangCode::EN),
        Some(LangCode::RU),
        None,
    ] {
        check(text, &e.extract(text, lang, owned), owned);
    }
}

fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(Extractor::new)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn arbitrary_strings(text in "\\PC{0,80}") {
        all_langs(&text, &[]);
    }

    #[test]
    fn numberish_strings(text in "[0-9 ,.'’\u{a0}\u{202f}%$€₽kKmM/–-]{0,40}( (de|d'|of|млн|million|euros|km|environ|plus de|entre|et|à|до|от))?[0-9 ,.]{0,12}") {
        all_langs(&text, &[]);
    }

    #[test]
    fn owned_ranges_are_left_alone(text in "[0-9a-z ]{0,40}", a in 0usize..40, len in 1usize..10) {
        let start = a.min(text.len());
        let end = (start + len).min(text.len());
        let owned = if start < end { vec![TextRange::new(start, end)] } else { vec![] };
        all_langs(&text, &owned);
    }
}

#[test]
fn bad_inputs() {
    let long = "9".repeat(10_000);
    let spaced = "1 000 ".repeat(2_000);
    let cases = [
        long.as_str(),
        spaced.as_str(),
        "1e308 1e309 9e999 1.7976931348623157e308 millions de milliards",
        "999999999999999999999999999999999999999999999 milliards de milliards d'euros",
        "5 млн dollars",
        "3 ,, 4 .. 5 '' 6 ’’ 7 ,",
        ",,,...,,,",
        "1/0 0/0 -0 −5 – – 3–",
        "1\u{a0}\u{a0}000 1\u{202f}00 1'0000",
        "entre et 3 et",
        "от до 5 до",
        "plus de plus de plus de",
        "les 10 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 000 soldats",
        "İ 3 İİ km 5 ǅ",
        "°",
        "$",
        "-",
    ];
    for text in cases {
        all_langs(text, &[]);
    }
    // A number too big for f64 gives no quantity, never an infinite one.
    let got = extractor().extract(&long, Some(LangCode::FR), &[]);
    assert!(got.iter().all(|q| q.value.is_finite()));
}

#[test]
fn stage_drops_time_spans() {
    let text = "Il y a six mois, 3 600 soldats.";
    let owned = [TextRange::new(7, 15)];
    let got = extractor().extract(text, Some(LangCode::FR), &owned);
    assert_eq!(got.len(), 1);
    assert_eq!(&text[got[0].range.start()..got[0].range.end()], "3 600");
    let free = extractor().extract(text, Some(LangCode::FR), &[]);
    assert_eq!(
        free.len(),
        2,
        "six mois is a duration without a times layer"
    );
}
