//! Segmentation tests: the tables in `test_data/` (one line is one case) and properties.

use doc::{Document, LangCode, Source};
use segment::Segmenter;

fn cases(file: &str) -> Vec<(usize, Option<LangCode>, Vec<String>)> {
    let path = format!("{}/test_data/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    data.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(n, line)| {
            let mut fields = line.split('\t');
            let lang = LangCode::parse(fields.next().unwrap_or_default());
            let rest = fields.map(|f| f.replace("\\n", "\n")).collect();
            (n + 1, lang, rest)
        })
        .collect()
}

#[test]
fn token_table() {
    let segmenter = Segmenter::new();
    let mut failures = Vec::new();
    for (line, lang, fields) in cases("tokens.tsv") {
        let [input, expected] = &fields[..] else {
            panic!("tokens.tsv:{line}: want 3 fields")
        };
        let tokens = segmenter.tokenize(input, lang);
        let got: Vec<&str> = tokens
            .iter()
            .map(|t| &input[t.range.start()..t.range.end()])
            .collect();
        let want: Vec<&str> = expected.split('|').collect();
        if got != want {
            failures.push(format!(
                "tokens.tsv:{line}: {input:?}\n  want {want:?}\n  got  {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sentence_table() {
    let segmenter = Segmenter::new();
    let mut failures = Vec::new();
    for (line, lang, fields) in cases("sentences.tsv") {
        let [marked] = &fields[..] else {
            panic!("sentences.tsv:{line}: want 2 fields")
        };
        let text = marked.replace('‖', "");
        let want: Vec<String> = marked.split('‖').map(|s| s.trim().to_owned()).collect();
        let tokens = segmenter.tokenize(&text, lang);
        let sentences = segmenter.sentences(&text, &tokens, lang);
        let got: Vec<String> = sentences
            .iter()
            .map(|r| text[r.start()..r.end()].to_owned())
            .collect();
        if got != want {
            failures.push(format!(
                "sentences.tsv:{line}:\n  want {want:?}\n  got  {got:?}"
            ));
        }
        let mut doc = Document::new("t".into(), Source::default(), text.clone());
        doc.put_tokens(tokens);
        doc.put_sentences(sentences);
        if let Err(e) = doc.validate() {
            failures.push(format!("sentences.tsv:{line}: invalid layers: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

mod properties {
    use doc::{Document, LangCode, Source};
    use proptest::prelude::*;
    use segment::Segmenter;

    fn news_like() -> impl Strategy<Value = String> {
        // Characters that exercise every branch of the scanner, in any order.
        proptest::collection::vec(
            prop_oneof![
                Just(" "),
                Just("\n"),
                Just("\n\n"),
                Just("\u{a0}"),
                Just("\u{202f}"),
                Just("."),
                Just("?!"),
                Just("…"),
                Just("«"),
                Just("»"),
                Just("\""),
                Just("'"),
                Just("’"),
                Just("-"),
                Just("—"),
                Just("M."),
                Just("г."),
                Just("U.S."),
                Just("l’"),
                Just("-t-il"),
                Just("100"),
                Just("000"),
                Just("3,5"),
                Just("Le"),
                Just("mot"),
                Just("Путин"),
                Just("http://x.y/z"),
                Just("a@b.fr"),
                Just("@"),
                Just("%"),
                Just("\u{301}"),
                Just("\u{ad}"),
                Just("1er"),
                Just("5-й"),
                Just("n't"),
                Just("é"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn layers_are_valid_on_any_text(text in news_like(), lang in 0..4usize) {
            let lang = [None, Some(LangCode::FR), Some(LangCode::EN), Some(LangCode::RU)][lang];
            let segmenter = Segmenter::new();
            let tokens = segmenter.tokenize(&text, lang);
            let sentences = segmenter.sentences(&text, &tokens, lang);
            let mut doc = Document::new("p".into(), Source::default(), text.clone());
            doc.put_tokens(tokens);
            doc.put_sentences(sentences);
            prop_assert_eq!(doc.validate(), Ok(()));
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
            let segmenter = Segmenter::new();
            let tokens = segmenter.tokenize(&text, Some(LangCode::FR));
            let sentences = segmenter.sentences(&text, &tokens, Some(LangCode::FR));
            let mut doc = Document::new("p".into(), Source::default(), text.clone());
            doc.put_tokens(tokens);
            doc.put_sentences(sentences);
            prop_assert_eq!(doc.validate(), Ok(()));
        }
    }
}

/// The URL check lower-cased the whole rest of the text at every token whose ninth byte was
/// inside a character: a 2 MB line took minutes. This runs in milliseconds when linear.
#[test]
fn regression_url_check_was_quadratic_on_long_lines() {
    let line = "Le convoi a parcouru 4 750 milles sans s’arrêter ".repeat(40_000);
    let tokens = Segmenter::new().tokenize(&line, Some(LangCode::FR));
    assert_eq!(tokens.len(), 40_000 * 9);
}
