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

/// What `quotes::detect` finds in `text` with `entities` (the names as `(text, label)`,
/// each at its first occurrence): per quote its kind, text, resolved speaker and speaker
/// phrase as written.
fn detect_rows<'t>(
    text: &'t str,
    lang: LangCode,
    entities: &[(&str, doc::EntityLabel)],
) -> Vec<(doc::QuoteKind, &'t str, Option<&'t str>, Option<&'t str>)> {
    let seg = segment::Segmenter::new();
    let tokens = seg.tokenize(text, Some(lang));
    let sentences = seg.sentences(text, &tokens, Some(lang));
    let entities: Vec<doc::Entity> = entities
        .iter()
        .map(|&(name, label)| {
            let i = text.find(name).expect("in text");
            doc::Entity {
                range: doc::TextRange::new(i, i + name.len()),
                label,
            }
        })
        .collect();
    let entities = (!entities.is_empty()).then_some(entities.as_slice());
    let slice = |r: doc::TextRange| &text[r.start()..r.end()];
    quotes::detect(text, Some(lang), &tokens, &sentences, entities)
        .quotes
        .iter()
        .map(|f| {
            (
                f.quote.kind,
                slice(f.quote.range),
                f.quote.speaker.map(slice),
                f.mention.map(slice),
            )
        })
        .collect()
}

/// With an entity layer, the speaker is the person named inside the speaker phrase, and a
/// pronoun resolves to the nearest person entity before it (not to a place).
#[test]
fn entities_name_the_speaker() {
    use doc::EntityLabel::{Loc, Per};
    use doc::QuoteKind::{Direct, Indirect};
    let text = "Le ministre Jean Martin a déclaré que la route restera fermée. Il est rentré à Lyon. « Nous verrons », a-t-il dit.";
    let rows = detect_rows(text, LangCode::FR, &[("Jean Martin", Per), ("Lyon", Loc)]);
    assert_eq!(
        rows,
        [
            (
                Indirect,
                "que la route restera fermée",
                Some("Jean Martin"),
                Some("Le ministre Jean Martin")
            ),
            (Direct, "Nous verrons", Some("Jean Martin"), Some("il")),
        ]
    );
}

/// A person named in a possessive is not the subject a participle after a comma takes
/// ("praised Mrs. Clinton's record, saying"): the sentence's subject speaks.
#[test]
fn possessive_is_no_subject() {
    use doc::EntityLabel::Per;
    let text =
        "Mrs. Warren praised Mrs. Clinton's record on families, saying she had \"a good heart.\"";
    let rows = detect_rows(
        text,
        LangCode::EN,
        &[("Mrs. Warren", Per), ("Clinton", Per)],
    );
    let direct: Vec<(&str, Option<&str>)> = rows
        .iter()
        .filter(|r| r.0 == doc::QuoteKind::Direct)
        .map(|r| (r.1, r.2))
        .collect();
    assert_eq!(direct, [("a good heart.", Some("Mrs. Warren"))]);
}

/// A lone relative pronoun as the speaker phrase is written with its antecedent ("a
/// super PAC that backed …"): the pronoun stands for that phrase, which names the source.
#[test]
fn relative_pronoun_mention_takes_its_antecedent() {
    let text = "The money came from a super PAC that said the senator would win.";
    assert_eq!(
        detect_rows(text, LangCode::EN, &[]),
        [(
            doc::QuoteKind::Indirect,
            "the senator would win",
            Some("a super PAC"),
            Some("a super PAC that")
        )]
    );
}
