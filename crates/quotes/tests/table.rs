//! The golden tables of `test_data/`: one case a line (see `quotes::table`).

use doc::{Document, LangCode, Source};
use quotes::table::{self, Case};

fn document(text: &str, lang: LangCode) -> Document {
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
    doc::Stage::run(&quotes::TagQuotes::new(), &mut doc);
    doc
}

fn with_claims(mut doc: Document) -> Document {
    doc.put_times(Vec::new());
    let quantities = quantities::Extractor::new().extract(doc.text(), doc.lang_code(), &[]);
    doc.put_quantities(quantities);
    doc::Stage::run(&quotes::TagClaims::new(), &mut doc);
    doc.validate().expect("valid layers");
    doc
}

fn read(name: &str) -> String {
    std::fs::read_to_string(table::test_data_dir().join(name)).expect("table")
}

fn report<T>(cases: &[Case<T>], check: impl Fn(&Case<T>) -> Result<(), String>) {
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn quotes_table() {
    let cases = table::read_quote_cases(&read("quotes.tsv")).expect("table reads");
    for lang in ["fr", "en", "ru"] {
        assert!(
            cases.iter().filter(|c| c.lang.as_str() == lang).count() >= 10,
            "few {lang} cases"
        );
    }
    report(&cases, |c| {
        let doc = document(&c.text, c.lang);
        doc.validate().map_err(|e| e.0)?;
        table::check_quotes(&doc, c)
    });
}

#[test]
fn claims_table() {
    let cases = table::read_claim_cases(&read("claims.tsv")).expect("table reads");
    assert!(cases.len() >= 10);
    report(&cases, |c| {
        table::check_claims(&with_claims(document(&c.text, c.lang)), c)
    });
}

/// With an entity layer, the speaker is the person named inside the speaker phrase, and a
/// pronoun resolves to the nearest person entity before it (not to a place).
#[test]
fn entities_name_the_speaker() {
    let text = "Le ministre Jean Martin a déclaré que la route restera fermée. Il est rentré à Lyon. « Nous verrons », a-t-il dit.";
    let seg = segment::Segmenter::new();
    let tokens = seg.tokenize(text, Some(LangCode::FR));
    let sentences = seg.sentences(text, &tokens, Some(LangCode::FR));
    let at = |s: &str| {
        let i = text.find(s).expect("in text");
        doc::TextRange::new(i, i + s.len())
    };
    let entities = [
        doc::Entity {
            range: at("Jean Martin"),
            label: doc::EntityLabel::Per,
        },
        doc::Entity {
            range: at("Lyon"),
            label: doc::EntityLabel::Loc,
        },
    ];
    let found = quotes::detect(
        text,
        Some(LangCode::FR),
        &tokens,
        &sentences,
        Some(&entities),
    );
    let rows: Vec<(&str, Option<&str>, Option<&str>)> = found
        .quotes
        .iter()
        .map(|f| {
            (
                &text[f.quote.range.start()..f.quote.range.end()],
                f.quote.speaker.map(|r| &text[r.start()..r.end()]),
                f.mention.map(|r| &text[r.start()..r.end()]),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "que la route restera fermée",
                Some("Jean Martin"),
                Some("Le ministre Jean Martin")
            ),
            ("Nous verrons", Some("Jean Martin"), Some("il")),
        ]
    );
}

/// A person named in a possessive is not the subject a participle after a comma takes
/// ("praised Mrs. Clinton's record, saying"): the sentence's subject speaks.
#[test]
fn possessive_is_no_subject() {
    let text =
        "Mrs. Warren praised Mrs. Clinton's record on families, saying she had \"a good heart.\"";
    let seg = segment::Segmenter::new();
    let tokens = seg.tokenize(text, Some(LangCode::EN));
    let sentences = seg.sentences(text, &tokens, Some(LangCode::EN));
    let at = |s: &str| {
        let i = text.find(s).expect("in text");
        doc::TextRange::new(i, i + s.len())
    };
    let entities = [
        doc::Entity {
            range: at("Mrs. Warren"),
            label: doc::EntityLabel::Per,
        },
        doc::Entity {
            range: at("Clinton"),
            label: doc::EntityLabel::Per,
        },
    ];
    let found = quotes::detect(
        text,
        Some(LangCode::EN),
        &tokens,
        &sentences,
        Some(&entities),
    );
    let direct: Vec<(&str, Option<&str>)> = found
        .quotes
        .iter()
        .filter(|f| f.quote.kind == doc::QuoteKind::Direct)
        .map(|f| {
            (
                &text[f.quote.range.start()..f.quote.range.end()],
                f.quote.speaker.map(|r| &text[r.start()..r.end()]),
            )
        })
        .collect();
    assert_eq!(direct, [("a good heart.", Some("Mrs. Warren"))]);
}

/// A lone relative pronoun as the speaker phrase is written with its antecedent ("a
/// super PAC that backed …"): the pronoun stands for that phrase, which names the source.
#[test]
fn relative_pronoun_mention_takes_its_antecedent() {
    let text = "The money came from a super PAC that said the senator would win.";
    let seg = segment::Segmenter::new();
    let tokens = seg.tokenize(text, Some(LangCode::EN));
    let sentences = seg.sentences(text, &tokens, Some(LangCode::EN));
    let found = quotes::detect(text, Some(LangCode::EN), &tokens, &sentences, None);
    let rows: Vec<(&str, Option<&str>, Option<&str>)> = found
        .quotes
        .iter()
        .map(|f| {
            (
                &text[f.quote.range.start()..f.quote.range.end()],
                f.quote.speaker.map(|r| &text[r.start()..r.end()]),
                f.mention.map(|r| &text[r.start()..r.end()]),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [(
            "the senator would win",
            Some("a super PAC"),
            Some("a super PAC that")
        )]
    );
}
