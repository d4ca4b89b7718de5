//! The built-in models: loading, tagging, the stage, and bad input.

use std::time::{Duration, Instant};

use doc::{Document, EntityLabel, LangCode, LangGuess, Source, Stage};
use entities::{Model, Tag, TagEntities, spans};
use segment::Segment;

fn tag(lang: LangCode, text: &str) -> Vec<(String, EntityLabel)> {
    let model = Model::for_lang(lang).expect("built-in model");
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut tags = Vec::new();
    model.tag(&tokens, &mut tags);
    assert_eq!(tags.len(), tokens.len());
    let mut found = Vec::new();
    spans(&tags, &mut found);
    found
        .iter()
        .map(|s| (tokens[s.start..s.end].join(" "), s.label))
        .collect()
}

#[test]
fn models_load_and_round_trip() {
    for lang in [LangCode::FR, LangCode::EN, LangCode::RU] {
        let bytes = entities::model_bytes(lang).expect("bytes");
        let t = Instant::now();
        let model = Model::from_bytes(bytes).expect("a built-in model parses");
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "load took {:?}",
            t.elapsed()
        );
        assert_eq!(model.lang(), lang);
        assert!(model.nonzero_rows() > 10_000);
        assert!(model.to_bytes() == bytes, "writing back gives other bytes");
    }
    assert!(Model::for_lang(LangCode::parse("de").expect("code")).is_none());
}

#[test]
fn obvious_names() {
    // One line a case: language | sentence | mentions expected among those found.
    let cases = [
        "fr|Emmanuel Macron a rencontré Vladimir Poutine à Moscou .|Emmanuel Macron=PER;Vladimir Poutine=PER;Moscou=LOC",
        "fr|Le président est arrivé à Berlin lundi avec Olaf Scholz .|Berlin=LOC;Olaf Scholz=PER",
        "en|Barack Obama was born in Hawaii .|Barack Obama=PER;Hawaii=LOC",
        "en|Bill Gates founded Microsoft in Albuquerque .|Bill Gates=PER;Microsoft=ORG;Albuquerque=LOC",
        "ru|Владимир Путин прибыл в Москву .|Владимир Путин=PER;Москву=LOC",
        "ru|Встреча прошла в Париже .|Париже=LOC",
    ];
    let mut failures = Vec::new();
    for case in cases {
        let f: Vec<&str> = case.split('|').collect();
        let lang = LangCode::parse(f[0]).expect("code");
        let got = tag(lang, f[1]);
        for want in f[2].split(';') {
            let (text, label) = want.split_once('=').expect("text=LABEL");
            let label = EntityLabel::parse(label).expect("label");
            if !got.iter().any(|(t, l)| t == text && *l == label) {
                failures.push(format!("{case}: missing {want}, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_input_is_bounded() {
    let long_word = "a".repeat(5000);
    let long_caps = "Б".repeat(5000);
    let no_caps = |lang| match lang {
        LangCode::RU => "президент встретился с министром в москве вчера вечером . ".repeat(20),
        LangCode::EN => "the president met the minister in paris last night . ".repeat(20),
        _ => "le président a rencontré le ministre à paris hier soir . ".repeat(20),
    };
    let caps = "LE PRÉSIDENT A RENCONTRÉ LE MINISTRE À PARIS HIER SOIR . ".repeat(20);
    let mixed = "Mосква Londoн Ｐａｒｉｓ ⅫⅣ x\u{301}\u{301}\u{301} 😀 \u{200b} \u{0} Кremlin";
    let huge: Vec<String> = (0..10_000).map(|i| format!("Mot{}", i % 37)).collect();
    let huge: Vec<&str> = huge.iter().map(String::as_str).collect();
    for lang in [LangCode::FR, LangCode::EN, LangCode::RU] {
        let model = Model::for_lang(lang).expect("model");
        let mut tags = Vec::new();
        for text in [
            &no_caps(lang),
            &caps,
            &long_word,
            &long_caps,
            &mixed.to_owned(),
        ] {
            let toks: Vec<&str> = text.split_whitespace().collect();
            model.tag(&toks, &mut tags);
            assert_eq!(tags.len(), toks.len());
        }
        model.tag(&[""], &mut tags);
        assert_eq!(tags, [Tag::O].repeat(tags.len()).as_slice());
        model.tag(&[], &mut tags);
        assert!(tags.is_empty());
        let t = Instant::now();
        model.tag(&huge, &mut tags);
        assert_eq!(tags.len(), 10_000);
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        let mut found = Vec::new();
        spans(&tags, &mut found);
        assert!(found.iter().all(|s| s.start < s.end && s.end <= 10_000));
        // A sentence in lower case has (almost) nothing to tag.
        let lower = no_caps(lang);
        let toks: Vec<&str> = lower.split_whitespace().collect();
        model.tag(&toks, &mut tags);
        spans(&tags, &mut found);
        assert!(
            found.len() <= 2,
            "{lang:?}: {} mentions in lower-case text",
            found.len()
        );
    }
}

fn analyse(lang: &str, text: &str) -> Document {
    let mut doc = Document::new("t".into(), Source::default(), text.to_owned());
    doc.put_lang(LangGuess {
        code: LangCode::parse(lang),
        confidence: None,
    });
    Segment::new(segment::Segmenter::new()).run(&mut doc);
    TagEntities::new().run(&mut doc);
    doc
}

#[test]
fn stage_tags_documents() {
    let doc = analyse(
        "fr",
        "Kamil Kassimov a été arrêté à Astana. Selon ses avocats, Kassimov est innocent. \
         L'Organisation du Traité de sécurité collective (OTSC) a réagi. L'OTSC se réunira.",
    );
    doc.validate().expect("valid document");
    let got: Vec<(&str, EntityLabel)> = doc
        .entities()
        .expect("layer")
        .iter()
        .map(|e| (doc.slice(e.range), e.label))
        .collect();
    for want in [
        ("Kamil Kassimov", EntityLabel::Per),
        ("Kassimov", EntityLabel::Per),
        ("Astana", EntityLabel::Loc),
        ("OTSC", EntityLabel::Org),
    ] {
        assert!(got.contains(&want), "missing {want:?} in {got:?}");
    }
    assert_eq!(
        got.iter().filter(|(t, _)| *t == "OTSC").count(),
        2,
        "{got:?}"
    );
}

#[test]
fn stage_without_model() {
    let doc = analyse("de", "Angela Merkel war in Berlin.");
    assert_eq!(doc.entities(), Some(&[][..]));
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.message.contains("no entity model"))
    );
    doc.validate().expect("valid document");
}

#[test]
fn stage_bad_documents() {
    let long = format!("{} .", "Mot ".repeat(10_000));
    let texts = [
        String::new(),
        "   ".to_owned(),
        "sans aucune majuscule ici. ni là.".to_owned(),
        "TOUT EN CAPITALES À PARIS ( TEC ) . TEC".to_owned(),
        "x".repeat(5000),
        long,
        "Москва-Paris Кremlin ( ККК ) ( ) ( ".to_owned(),
    ];
    for text in &texts {
        for lang in ["fr", "en", "ru"] {
            let t = Instant::now();
            let doc = analyse(lang, text);
            doc.validate().expect("valid document");
            assert!(t.elapsed() < Duration::from_secs(5));
        }
    }
}

/// Known errors on news (issue 6), as the stage runs: one line a case, language | text |
/// mentions expected | surfaces that must not be a mention (`-` for none).
#[test]
fn news_regressions() {
    let cases = [
        // Long sentence: the tagger once gave "Kassym-Jomart" MISC and "Tokaïev a" LOC; the
        // document rules carry the person to the later "Tokaïev", no mention ends on "a".
        "fr|Le 23 avril dernier, Kassym-Jomart Tokaïev a rencontré Vladimir Poutine à Moscou lors d'une visite officielle consacrée à la coopération énergétique et à la sécurité régionale. Tokaïev a remercié l’OTSC.|Kassym-Jomart Tokaïev=PER;Vladimir Poutine=PER;Moscou=LOC;Tokaïev=PER|Tokaïev a",
        "fr|Le 23 avril dernier, Kassym-Jomart Tokaïev a rencontré Vladimir Poutine à Moscou. Tokaïev a remercié l’OTSC.|Kassym-Jomart Tokaïev=PER;Tokaïev=PER|Tokaïev a",
        // Round 3 (cue words, organisation endings, generic heads). "Gazprom" was PER in
        // French news; a cue ("le géant gazier", "la société", "компания") makes it ORG and
        // the document rules carry the label to the bare repetitions.
        "fr|Le géant gazier russe Gazprom a annoncé lundi une baisse de ses livraisons. Gazprom a précisé que la demande avait chuté.|Gazprom=ORG|-",
        "fr|La société Gazprom a publié ses résultats trimestriels.|Gazprom=ORG|-",
        "ru|Компания Газпром сообщила о росте добычи.|Газпром=ORG|-",
        // "Amnesty International" was missed or PER in English.
        "en|The rights group Amnesty International has documented dozens of cases.|Amnesty International=ORG|-",
        "en|According to Amnesty International, at least 40 people were detained.|Amnesty International=ORG|-",
        "fr|L'ONG Amnesty International dénonce des arrestations arbitraires.|Amnesty International=ORG|-",
        // A Russian NGO in French text: ORG, without the generic "ONG".
        "fr|Selon l'ONG Idite Lessom, qui aide les déserteurs russes, des centaines de soldats ont fui.|Idite Lessom=ORG|ONG Idite Lessom;ONG",
        // The Kazakh president: PER, alone or with his title.
        "fr|Le président kazakh Kassym-Jomart Tokaïev a reçu mardi son homologue russe.|Kassym-Jomart Tokaïev=PER|-",
        "fr|Kassym-Jomart Tokaïev a limogé le gouvernement.|Kassym-Jomart Tokaïev=PER|-",
        "en|Kazakh President Kassym-Jomart Tokayev dismissed the government.|Kassym-Jomart Tokayev=PER|-",
        "ru|Президент Казахстана Касым-Жомарт Токаев отправил правительство в отставку.|Касым-Жомарт Токаев=PER|-",
        // The Kremlin as the presidency: ORG in Russian news (NEREL), learnt from the data.
        "ru|Кремль опроверг эти сообщения.|Кремль=ORG|-",
        "ru|Песков заявил, что в Кремле не видят угрозы.|Песков=PER;Кремле=ORG|-",
    ];
    let mut failures = Vec::new();
    for case in cases {
        let f: Vec<&str> = case.split('|').collect();
        let doc = analyse(f[0], f[1]);
        let got: Vec<(&str, EntityLabel)> = doc
            .entities()
            .expect("layer")
            .iter()
            .map(|e| (doc.slice(e.range), e.label))
            .collect();
        for want in f[2].split(';') {
            let (text, label) = want.split_once('=').expect("text=LABEL");
            let label = EntityLabel::parse(label).expect("label");
            if !got.contains(&(text, label)) {
                failures.push(format!("{case}: missing {want}, got {got:?}"));
            }
        }
        for bad in f[3].split(';').filter(|b| *b != "-") {
            if got.iter().any(|(t, _)| t == &bad) {
                failures.push(format!("{case}: {bad} is a mention: {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
