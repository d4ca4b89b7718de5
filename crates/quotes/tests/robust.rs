//! Bad input never panics, layers stay valid, time stays linear.

use std::time::Instant;

use doc::{Document, LangCode, Source, Stage};
use proptest::prelude::*;

fn analyse(text: &str, lang: LangCode) -> Document {
    let seg = segment::Segmenter::new();
    let mut doc = Document::new("t".into(), Source::default(), text.to_owned());
    let tokens = seg.tokenize(text, Some(lang));
    let sentences = seg.sentences(text, &tokens, Some(lang));
    doc.put_lang(doc::LangGuess {
        code: Some(lang),
        confidence: Some(1.0),
    });
    doc.put_tokens(tokens);
    doc.put_sentences(sentences);
    doc.put_times(Vec::new());
    let quantities = quantities::Extractor::new().extract(text, Some(lang), &[]);
    doc.put_quantities(quantities);
    quotes::TagQuotes::new().run(&mut doc);
    quotes::TagClaims::new().run(&mut doc);
    doc
}

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Nasty inputs: each must give valid layers.
#[test]
fn nasty_inputs() {
    let nested = "« a “ b ‹ c ‘ d „ e “ ’ › ” », a-t-il dit.";
    let cases: Vec<(String, LangCode)> = vec![
        (String::new(), LangCode::FR),
        ("   \n\n  ".into(), LangCode::FR),
        ("«".into(), LangCode::FR),
        ("»".into(), LangCode::FR),
        ("« »".into(), LangCode::FR),
        ("\"".into(), LangCode::EN),
        ("''".into(), LangCode::EN),
        ("'''''".into(), LangCode::EN),
        ("—".into(), LangCode::RU),
        ("— ".into(), LangCode::RU),
        ("— — — —".into(), LangCode::RU),
        ("— ,".into(), LangCode::RU),
        (", a-t-il dit".into(), LangCode::FR),
        ("said".into(), LangCode::EN),
        ("according to".into(), LangCode::EN),
        ("По данным".into(), LangCode::RU),
        ("-t-il".into(), LangCode::FR),
        (nested.into(), LangCode::FR),
        (nested.repeat(50), LangCode::FR),
        ("«".repeat(10_000), LangCode::FR),
        ("»".repeat(10_000), LangCode::FR),
        ("\"".repeat(10_000), LangCode::EN),
        ("“”".repeat(5_000), LangCode::EN),
        ("'".repeat(10_000), LangCode::EN),
        ("« ".repeat(10_000), LangCode::FR),
        ("\" said he \"".repeat(2_000), LangCode::EN),
        ("— Да, — сказал он, — ".repeat(500), LangCode::RU),
        ("« Un\n".repeat(2_000), LangCode::FR),
        (
            format!("« {}", repeat("Il a dit que tout va bien. ", 200_000)),
            LangCode::FR,
        ),
        ("🙂« 😀 » 👍, a dit 🙃.".into(), LangCode::FR),
        (
            "Selon , « , » que que que said that that".into(),
            LangCode::FR,
        ),
        ("\u{feff}« x »\u{200b}, dit-il".into(), LangCode::FR),
    ];
    for (text, lang) in &cases {
        let doc = analyse(text, *lang);
        let head: String = text.chars().take(40).collect();
        doc.validate()
            .unwrap_or_else(|e| panic!("{head:?}: {}", e.0));
        assert_eq!(
            doc.claims().map(<[_]>::len),
            doc.quantities().map(|q| q
                .iter()
                .filter(|q| q.kind != doc::QuantityKind::Ordinal)
                .count()),
            "{head:?}: one claim per cardinal"
        );
    }
}

/// An unclosed mark at the start of a long document, and a pair too far apart, give no
/// quote over the whole text; the pair too far apart is reported.
#[test]
fn long_quotes_are_capped() {
    let body = repeat("Le gouvernement examine le texte ", 20_000);
    let unclosed = format!("« {body}");
    let doc = analyse(&unclosed, LangCode::FR);
    assert!(
        doc.quotes()
            .unwrap_or_default()
            .iter()
            .all(|q| q.range.len() < 20_000)
    );
    let paired = format!("« {body} », a-t-il dit.");
    let doc = analyse(&paired, LangCode::FR);
    assert!(
        doc.quotes()
            .unwrap_or_default()
            .iter()
            .all(|q| q.range.len() < 20_000)
    );
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.stage == quotes::QUOTES_STAGE),
        "{:?}",
        doc.diagnostics
    );
}

fn detect_time(text: &str, lang: LangCode) -> f64 {
    let seg = segment::Segmenter::new();
    let tokens = seg.tokenize(text, Some(lang));
    let sentences = seg.sentences(text, &tokens, Some(lang));
    let start = Instant::now();
    let found = quotes::detect(text, Some(lang), &tokens, &sentences, None);
    std::hint::black_box(found);
    start.elapsed().as_secs_f64()
}

/// Eight times the text costs far less than 64 times the time (quadratic), on texts made of
/// the worst cases: marks in a row, an unclosed mark, dense cues.
#[test]
fn time_is_linear() {
    for (unit, lang) in [
        ("« ", LangCode::FR),
        ("\"", LangCode::FR),
        (
            "« Nous avons faim », a-t-il déclaré, « et froid ». ",
            LangCode::FR,
        ),
        ("Il a déclaré que selon lui, a-t-il dit, ", LangCode::FR),
        // English only: subjects read from the sentence's start for coordinated verbs and
        // participles, in one endless sentence.
        (
            "In the town hall the aide rallied and said and ",
            LangCode::EN,
        ),
        ("the chief of staff, saying “no” and ", LangCode::EN),
    ] {
        let small = format!("« {}", repeat(unit, 64 * 1024));
        let large = format!("« {}", repeat(unit, 512 * 1024));
        // The best of five runs: other tests run in parallel and load the machine.
        let best = |t: &str| {
            (0..5)
                .map(|_| detect_time(t, lang))
                .fold(f64::INFINITY, f64::min)
        };
        let (a, b) = (best(&small), best(&large));
        eprintln!("{unit:?}: {a:.4} s for 64 KiB, {b:.4} s for 512 KiB");
        assert!(
            // Quadratic would be 64 times; the floor keeps timer noise on the small text
            // (about 2 ms) from deciding.
            b < 30.0 * a.max(2e-3),
            "{unit:?}: {a:.4}s for 64 KiB, {b:.4}s for 512 KiB"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_marks_and_cues(parts in proptest::collection::vec(
        prop_oneof![
            Just("«"), Just("»"), Just("“"), Just("”"), Just("„"), Just("\""), Just("'"),
            Just("‘"), Just("’"), Just("‹"), Just("›"), Just("''"), Just("—"), Just("- "),
            Just(" "), Just("\n"), Just(","), Just("."), Just(":"), Just("Il"), Just("a-t-il"),
            Just("déclaré"), Just("que"), Just("said"), Just("that"), Just("selon"),
            Just("сказал"), Just("что"), Just("Marie Dupont"), Just("100 000"), Just("il"),
            Just("he"), Just("according to"), Just("по данным"), Just("é"), Just("🙂"),
        ],
        0..60,
    ), lang in prop_oneof![Just(LangCode::FR), Just(LangCode::EN), Just(LangCode::RU)]) {
        let text: String = parts.concat();
        let doc = analyse(&text, lang);
        prop_assert!(doc.validate().is_ok(), "{:?}: {:?}", text, doc.validate());
    }
}

/// Regression: a text that is one endless sentence full of quantities (a scraped page
/// without punctuation) made every quantity scan the whole sentence for its source.
#[test]
fn claims_on_one_endless_sentence_stay_linear() {
    let unit = "le convoi a parcouru 4 750 milles sans s’arrêter et personne ne l’a vu passer ";
    let time = |bytes: usize| {
        let mut doc = analyse(&repeat(unit, bytes), LangCode::FR);
        // Claims again on a fresh copy of the layers, timed alone.
        let (tokens, sentences) = (doc.tokens().unwrap().to_vec(), doc.sentences().unwrap());
        let sentences = sentences.to_vec();
        let (quotes, quantities) = (
            doc.quotes().unwrap().to_vec(),
            doc.quantities().unwrap().to_vec(),
        );
        assert!(
            quantities.len() * unit.len() > bytes / 2,
            "quantities found"
        );
        let start = Instant::now();
        let claims = quotes::claims(
            doc.text(),
            Some(LangCode::FR),
            &tokens,
            &sentences,
            None,
            &quotes,
            &quantities,
        );
        let elapsed = start.elapsed().as_secs_f64();
        assert_eq!(claims.len(), quantities.len());
        doc.diagnostics.clear();
        elapsed
    };
    let best = |bytes: usize| (0..3).map(|_| time(bytes)).fold(f64::INFINITY, f64::min);
    let (a, b) = (best(32 * 1024), best(256 * 1024));
    assert!(
        b < 30.0 * a.max(2e-3),
        "{a:.4}s for 32 KiB, {b:.4}s for 256 KiB"
    );
}
