//! The rules as data: `test_data/times.tsv` (text, language, publication date or `-`, and
//! the expected expressions), bad publication dates, and spans valid on any string.

use doc::{Document, LangCode, Source, Stage};
use proptest::prelude::*;
use times::{Date, TagTimes, tag};

fn render(text: &str, lang: Option<LangCode>, anchor: Option<Date>) -> String {
    let parts: Vec<String> = tag(text, lang, anchor)
        .iter()
        .map(|t| {
            format!(
                "{}|{}|{}|{}{}",
                &text[t.range.start()..t.range.end()],
                t.kind.as_str(),
                t.value,
                t.anchored,
                t.modifier.map(|m| format!("|{m}")).unwrap_or_default()
            )
        })
        .collect();
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(" ; ")
    }
}

#[test]
fn table() {
    let data = include_str!("../test_data/times.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "bad line: {line}");
        let lang = LangCode::parse(cols[1]);
        let anchor = (cols[2] != "-").then(|| times::parse_published(cols[2]).unwrap());
        let got = render(cols[0], lang, anchor);
        n += 1;
        if got != cols[3] {
            failures.push(format!("{}\n  want {}\n  got  {got}", cols[0], cols[3]));
        }
    }
    assert!(n > 50);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn doc_with(text: &str, published: Option<&str>) -> Document {
    let mut doc = Document::new("t".to_owned(), Source::default(), text.to_owned());
    doc.published = published.map(str::to_owned);
    doc
}

#[test]
fn bad_publication_dates_become_diagnostics() {
    let stage = TagTimes::with_today(Date::new(2024, 6, 1).unwrap());
    for (published, anchored) in [
        ("2024-02-31", false),
        ("99/99/9999", false),
        ("0000-01-01", false),
        ("99999-01-01", false),
        ("2024-05-10T10:00:00 XYZ", true),
        ("2031-01-01", false),
        ("2024-05-10T25:00", false),
    ] {
        let mut doc = doc_with("Il est venu hier.", Some(published));
        stage.run(&mut doc);
        assert_eq!(doc.diagnostics.len(), 1, "{published}");
        assert_eq!(doc.diagnostics[0].stage, "times.v1");
        let times = doc.times().unwrap();
        assert!(doc.validate().is_ok());
        // Language not computed here: the three vocabularies are tried.
        assert_eq!(times.len(), 1, "{published}");
        assert_eq!(times[0].anchored, anchored, "{published}: {:?}", times[0]);
        if !anchored {
            assert_eq!(times[0].value, "XXXX-XX-XX");
        }
    }
    for good in [
        "2024-05-10",
        "2024-05-10T08:00:00+02:00",
        "2024-05-10 08:00Z",
    ] {
        let mut doc = doc_with("Il est venu hier.", Some(good));
        stage.run(&mut doc);
        assert!(doc.diagnostics.is_empty(), "{good}: {:?}", doc.diagnostics);
        assert_eq!(doc.times().unwrap()[0].value, "2024-05-09");
    }
}

/// Language, text, and the expected (span, value) pairs.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The issue's "done when", end to end through the stage: a document with its language and
/// publication date (2024-05-10), the expressions and values the stage writes.
#[test]
fn issue_examples_through_the_stage() {
    let stage = TagTimes::with_today(Date::new(2024, 6, 1).unwrap());
    let cases: &[Case] = &[
        (
            "fr",
            "Il est arrivé le 23 avril dernier.",
            &[("le 23 avril dernier", "2024-04-23")],
        ),
        (
            "fr",
            "Il est venu jeudi soir.",
            &[("jeudi soir", "2024-05-09TEV")],
        ),
        (
            "fr",
            "La semaine dernière, rien.",
            &[("La semaine dernière", "2024-W18")],
        ),
        (
            "fr",
            "Il y a trois jours, il pleuvait.",
            &[("Il y a trois jours", "2024-05-07")],
        ),
        (
            "ru",
            "Он приехал в прошлый вторник.",
            &[("прошлый вторник", "2024-05-07")],
        ),
        (
            "en",
            "He arrived last Tuesday.",
            &[("last Tuesday", "2024-05-07")],
        ),
        (
            "fr",
            "En septembre 2022, il a signé.",
            &[("septembre 2022", "2022-09")],
        ),
        // vague: a duration with an unknown count, never a date
        (
            "fr",
            "Depuis plusieurs mois, rien.",
            &[("plusieurs mois", "PXM")],
        ),
        ("fr", "Le 31 février, il a neigé.", &[]),
        ("fr", "Né le 99/99/9999.", &[]),
        ("fr", "Le 1er janvier 0000 et en l'an 0.", &[]),
        ("fr", "Le 12 mars 99999 est loin.", &[]),
        ("en", "In the year 99999 or the year 0.", &[]),
        ("ru", "В 99999 году и 31 февраля.", &[]),
    ];
    for &(lang, text, want) in cases {
        let mut doc = doc_with(text, Some("2024-05-10"));
        doc.put_lang(doc::LangGuess {
            code: LangCode::parse(lang),
            confidence: None,
        });
        stage.run(&mut doc);
        assert!(doc.diagnostics.is_empty(), "{text}: {:?}", doc.diagnostics);
        let got: Vec<(&str, &str)> = doc
            .times()
            .unwrap()
            .iter()
            .map(|t| (&text[t.range.start()..t.range.end()], t.value.as_str()))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn no_anchor_no_diagnostic() {
    let mut doc = doc_with("Le 23 avril, rien.", None);
    TagTimes::new().run(&mut doc);
    assert!(doc.diagnostics.is_empty());
    assert_eq!(doc.times().unwrap()[0].value, "XXXX-04-23");
}

proptest! {
    #[test]
    fn spans_are_valid(text in "\\PC{0,80}", pick in 0usize..4) {
        let lang = [Some(LangCode::FR), Some(LangCode::EN), Some(LangCode::RU), None][pick];
        let anchor = Date::new(2024, 5, 10);
        for a in [anchor, None] {
            let found = tag(&text, lang, a);
            let mut doc = Document::new("p".to_owned(), Source::default(), text.clone());
            doc.put_times(found);
            prop_assert!(doc.validate().is_ok(), "{:?}", doc.validate());
        }
    }

    #[test]
    fn spans_are_valid_on_time_words(words in proptest::collection::vec(
        prop_oneof![
            Just("le"), Just("23"), Just("avril"), Just("dernier"), Just("à"), Just("10"),
            Just("h"), Just("/"), Just("-"), Just("2024"), Just("du"), Just("au"), Just("fin"),
            Just("mi"), Just("il"), Just("y"), Just("a"), Just("trois"), Just("jours"),
            Just("last"), Just("Tuesday"), Just("May"), Just("с"), Just("по"), Just("января"),
            Just("прошлый"), Just("вторник"), Just(","), Just("."), Just("99999"), Just("31"),
            Just("février"), Just("XXe"), Just("siècle"), Just("années"), Just("60"),
        ], 0..24), seps in proptest::collection::vec(prop_oneof![Just(" "), Just("")], 24)) {
        let mut text = String::new();
        for (w, s) in words.iter().zip(seps.iter()) {
            text.push_str(w);
            text.push_str(s);
        }
        for lang in [Some(LangCode::FR), Some(LangCode::EN), Some(LangCode::RU), None] {
            let found = tag(&text, lang, Date::new(2024, 5, 10));
            let mut doc = Document::new("p".to_owned(), Source::default(), text.clone());
            doc.put_times(found);
            prop_assert!(doc.validate().is_ok(), "{:?}", doc.validate());
        }
    }
}

#[test]
fn range_ends_split_a_range_as_timex3_marks_it() {
    let anchor = Date::new(2024, 5, 10);
    for (text, lang, want) in [
        ("Concert de 18 h à 23 h.", LangCode::FR, ["18 h", "23 h"]),
        (
            "Du 2 au 5 janvier, salon.",
            LangCode::FR,
            ["2", "5 janvier"],
        ),
        ("From 2010 to 2015.", LangCode::EN, ["2010", "2015"]),
    ] {
        let found = tag(text, Some(lang), anchor);
        let range = found
            .iter()
            .find(|t| t.kind == doc::TimeKind::Range)
            .unwrap_or_else(|| panic!("no range in {text}"));
        let ends = times::range_ends(text, Some(lang), range).expect(text);
        let got = ends.map(|r| &text[r.start()..r.end()]);
        assert_eq!(got, want, "{text}");
    }
    // not a range: nothing to split
    let found = tag("Le 23 avril.", Some(LangCode::FR), anchor);
    assert!(times::range_ends("Le 23 avril.", Some(LangCode::FR), &found[0]).is_none());
}
