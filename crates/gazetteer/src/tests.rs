use super::*;

/// The country and English name of the first (most populous) place a name gives.
fn top(name: &str) -> Option<(&'static str, &'static str)> {
    get().places(name).first().map(|p| (p.country, p.name_en))
}

#[test]
fn names_in_three_languages() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str)] = &[
        // query                       country  English name of the top place
        ("France",                     "FR", "France"),
        ("Allemagne",                  "DE", "Germany"),
        ("Германия",                   "DE", "Germany"),
        ("Kazakhstan",                 "KZ", "Kazakhstan"),
        ("Казахстан",                  "KZ", "Kazakhstan"),
        ("Royaume-Uni",                "GB", "United Kingdom"),
        ("Великобритания",             "GB", "United Kingdom"),
        ("États-Unis",                 "US", "United States"),
        ("USA",                        "US", "United States"),
        ("US",                         "US", "United States"),
        ("U.S.",                       "US", "United States"),
        ("РФ",                         "RU", "Russia"),
        ("США",                        "US", "United States"),
        ("EAU",                        "AE", "United Arab Emirates"),
        ("Англии",                     "GB", "United Kingdom"),
        ("Египта",                     "EG", "Egypt"),
        ("Соединённые Штаты",          "US", "United States"),
        ("Moscou",                     "RU", "Moscow"),
        ("Москва",                     "RU", "Moscow"),
        ("Londres",                    "GB", "London"),
        ("Pékin",                      "CN", "Beijing"),
        ("Peking",                     "CN", "Beijing"),
        ("Пекин",                      "CN", "Beijing"),
        ("Astana",                     "KZ", "Astana"),
        ("Nur-Sultan",                 "KZ", "Astana"),
        ("Нур-Султан",                 "KZ", "Astana"),
        ("Kiev",                       "UA", "Kyiv"),
        ("Kyiv",                       "UA", "Kyiv"),
        ("Киев",                       "UA", "Kyiv"),
        ("Bombay",                     "IN", "Mumbai"),
        ("New York",                   "US", "New York"),
        ("Нью-Йорк",                   "US", "New York"),
        ("Санкт-Петербург",            "RU", "Saint Petersburg"),
        ("Saint-Pétersbourg",          "RU", "Saint Petersburg"),
        ("La Haye",                    "NL", "The Hague"),
        ("Vienne",                     "AT", "Vienna"),
        ("Mexico",                     "MX", "Mexico"),
        ("Alma-Ata",                   "KZ", "Almaty"),
        ("Tachkent",                   "UZ", "Tashkent"),
        ("Бишкек",                     "KG", "Bishkek"),
    ];
    for (q, cc, en) in cases {
        assert_eq!(top(q), Some((*cc, *en)), "query {q:?}");
    }
}

#[test]
fn case_diacritics_and_punctuation() {
    #[rustfmt::skip]
    let cases: &[(&str, &str)] = &[
        ("Côte d'Ivoire",   "CI"),
        ("cote d’ivoire",   "CI"),
        ("COTE-D-IVOIRE",   "CI"),
        ("Cote d Ivoire",   "CI"),
        ("  São   Paulo ",  "BR"),
        ("sao paulo",       "BR"),
        ("BOGOTA",          "CO"),
        ("Bogotá",          "CO"),
        ("Chișinău",        "MD"),
        ("Chisinau",        "MD"),
        ("Kraków",          "PL"),
        ("krakow",          "PL"),
        ("Zürich",          "CH"),
        ("МОСКВА",          "RU"),
        ("Орёл",            "RU"),
        ("Орел",            "RU"),
    ];
    for (q, cc) in cases {
        assert_eq!(top(q).map(|t| t.0), Some(*cc), "query {q:?}");
    }
}

#[test]
fn russian_inflections() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str)] = &[
        ("Москве",             "RU", "Moscow"),
        ("Москвы",             "RU", "Moscow"),
        ("Москву",             "RU", "Moscow"),
        ("Москвой",            "RU", "Moscow"),
        ("Казахстана",         "KZ", "Kazakhstan"),
        ("Казахстане",         "KZ", "Kazakhstan"),
        ("Казахстаном",        "KZ", "Kazakhstan"),
        ("Франции",            "FR", "France"),
        ("Францию",            "FR", "France"),
        ("Францией",           "FR", "France"),
        ("России",             "RU", "Russia"),
        ("Россией",            "RU", "Russia"),
        ("Украины",            "UA", "Ukraine"),
        ("Украине",            "UA", "Ukraine"),
        ("Китая",              "CN", "China"),
        ("Китае",              "CN", "China"),
        ("Берлине",            "DE", "Berlin"),
        ("Киеве",              "UA", "Kyiv"),
        ("Санкт-Петербурге",   "RU", "Saint Petersburg"),
        ("Нью-Йорке",          "US", "New York"),
        ("Соединённых Штатах", "US", "United States"),
        ("Казани",             "RU", "Kazan"),
        ("Германии",           "DE", "Germany"),
        ("Нижнего Новгорода",  "RU", "Nizhny Novgorod"),
        ("Южной Корее",        "KR", "South Korea"),
        ("Ярославле",          "RU", "Yaroslavl"),
        ("Ростове-на-Дону",    "RU", "Rostov-on-Don"),
    ];
    for (q, cc, en) in cases {
        assert_eq!(top(q), Some((*cc, *en)), "query {q:?}");
        // The exact lookup does not decline.
        if !get().places_exact(q).is_empty() {
            assert_eq!(get().places_exact(q)[0].country, *cc, "exact {q:?}");
        }
    }
    assert!(get().places_exact("Москве").is_empty());
    // declined forms need a capital: "кому" is not Qom, "буду" not Buda
    for w in ["москве", "кому", "буду", "думаю", "самое"] {
        assert!(get().places(w).is_empty(), "{w:?}");
    }
    assert_eq!(top("МОСКВЕ").map(|t| t.0), Some("RU"));
}

#[test]
fn stems() {
    #[rustfmt::skip]
    let cases: &[(&str, &str)] = &[
        ("москва", "москв"), ("москве", "москв"), ("москвой", "москв"),
        ("франция", "франц"), ("франции", "франц"), ("францией", "франц"),
        ("казахского", "казахск"), ("казахский", "казахск"), ("казахстанских", "казахстанск"),
        ("уфа", "уфа"), ("рим", "рим"), ("нью", "нью"), ("paris", "paris"),
    ];
    for (w, s) in cases {
        assert_eq!(ru_stem(w), *s, "word {w:?}");
    }
}

#[test]
fn declensions() {
    #[rustfmt::skip]
    let cases: &[(&str, &[&str])] = &[
        ("москва",            &["москвы", "москве", "москву", "москвой"]),
        ("америка",           &["америки", "америке", "америку", "америкой"]),
        ("германия",          &["германии", "германию", "германией"]),
        ("казахстан",         &["казахстана", "казахстану", "казахстаном", "казахстане"]),
        ("париж",             &["парижа", "парижем", "париже"]),
        ("китай",             &["китая", "китаю", "китаем", "китае"]),
        ("казань",            &["казани", "казанью"]),
        ("ярославль",         &["ярославля", "ярославлем", "ярославле"]),
        ("генуя",             &["генуи", "генуе", "генуей"]),
        ("нижний новгород",   &["нижнего новгорода", "нижнем новгороде", "нижним новгородом"]),
        ("южная корея",       &["южной кореи", "южную корею"]),
        ("соединенные штаты", &["соединенных штатов", "соединенных штатах", "соединенным штатам"]),
        ("ростов на дону",    &["ростова на дону", "ростове на дону"]),
        ("филиппины",         &["филиппин", "филиппинах"]),
        ("санкт петербург",   &["санкт петербурга", "санкт петербурге"]),
        ("алма ата",          &["алма аты", "алма ате"]),
        ("самоа",             &[]),
    ];
    for (name, want) in cases {
        let forms = ru_declensions(name);
        for w in *want {
            assert!(
                forms.iter().any(|f| f == w),
                "{name:?}: {w:?} not in {forms:?}"
            );
        }
    }
    for name in ["сочи", "баку", "токио", "дели", "осло"] {
        assert!(ru_declensions(name).is_empty(), "{name:?}");
    }
    assert!(!ru_declensions("германия").iter().any(|f| f == "германа"));
}

#[test]
fn multi_token_names() {
    #[rustfmt::skip]
    type Case<'a> = (&'a [&'a str], Option<(usize, &'a str)>);
    let cases: &[Case] = &[
        (&["New", "York", "Times"], Some((2, "US"))),
        (&["New", "York", ","], Some((2, "US"))),
        (&["Royaume", "-", "Uni", "a"], Some((3, "GB"))),
        (&["Royaume-Uni"], Some((1, "GB"))),
        (&["Royaume", "Uni"], Some((2, "GB"))),
        (
            &["United", "States", "of", "America", "and"],
            Some((4, "US")),
        ),
        (&["United", "States", "said"], Some((2, "US"))),
        (&["Нур", "-", "Султан"], Some((3, "KZ"))),
        (&["Нур-Султан", "и"], Some((1, "KZ"))),
        (&["Нижнем", "Новгороде"], Some((2, "RU"))),
        (&["Соединенных", "Штатов", "Америки"], Some((3, "US"))),
        (&["Côte", "d'", "Ivoire"], Some((3, "CI"))),
        (&["Côte", "d", "'", "Ivoire"], Some((4, "CI"))),
        (&["Paris", "Saint", "-", "Germain"], Some((1, "FR"))),
        (&["Rostov", "-", "on", "-", "Don"], Some((5, "RU"))),
        (&["New", "Zealand"], Some((2, "NZ"))),
        (&["Hong", "Kong"], Some((2, "HK"))),
        (&["The", "cat"], None),
        (&["York"], None),
        (&[], None),
        (&["-", "Paris"], None),
    ];
    for (toks, want) in cases {
        let got = get().longest_match(toks).map(|(n, ps)| (n, ps[0].country));
        assert_eq!(got, *want, "tokens {toks:?}");
    }
}

#[test]
fn demonyms() {
    #[rustfmt::skip]
    let cases: &[(&str, Option<&str>)] = &[
        ("kazakhe",        Some("KZ")),
        ("kazakhes",       Some("KZ")),
        ("Kazakh",         Some("KZ")),
        ("Kazakhstani",    Some("KZ")),
        ("Kazakhstanaise", Some("KZ")),
        ("казахский",      Some("KZ")),
        ("казахского",     Some("KZ")),
        ("казахстанских",  Some("KZ")),
        ("казахов",        Some("KZ")),
        ("казашка",        Some("KZ")),
        ("français",       Some("FR")),
        ("Française",      Some("FR")),
        ("francaises",     Some("FR")),
        ("French",         Some("FR")),
        ("французских",    Some("FR")),
        ("американской",   Some("US")),
        ("American",       Some("US")),
        ("américaines",    Some("US")),
        ("британского",    Some("GB")),
        ("British",        Some("GB")),
        ("немцы",          Some("DE")),
        ("немцев",         Some("DE")),
        ("allemande",      Some("DE")),
        ("German",         Some("DE")),
        ("russe",          Some("RU")),
        ("российских",     Some("RU")),
        ("россиян",        Some("RU")),
        ("ukrainien",      Some("UA")),
        ("украинского",    Some("UA")),
        ("Israeli",        Some("IL")),
        ("israéliens",     Some("IL")),
        ("израильской",    Some("IL")),
        ("chinois",        Some("CN")),
        ("китайских",      Some("CN")),
        ("ouzbek",         Some("UZ")),
        ("узбекских",      Some("UZ")),
        ("arménienne",     Some("AM")),
        ("армянского",     Some("AM")),
        ("géorgiens",      Some("GE")),
        ("грузинской",     Some("GE")),
        // not demonyms, or ambiguous between countries of similar size
        ("coréen",         None),
        ("arabe",          None),
        ("maison",         None),
        ("дом",            None),
        ("the",            None),
        ("",               None),
    ];
    for (w, cc) in cases {
        assert_eq!(get().demonym(w), *cc, "word {w:?}");
    }
}

#[test]
fn misses_stay_misses() {
    // Everyday words that are names of tiny places (left out of the data) or of nothing.
    #[rustfmt::skip]
    let misses: &[&str] = &[
        "the", "and", "of", "de", "la", "le", "les", "des", "et", "un", "une", "est", "sud",
        "nord", "city", "ville", "saint", "san", "new", "president", "government", "bath",
        "split", "mobile", "tours", "sens", "orange", "soul", "lime", "deli", "logos",
        "sol", "hang", "edo", "и", "в", "на", "не", "что", "это", "город", "мир", "дом", "год",
        "время", "президент", "Германа", "Москвич", "us", "Us", "eau", "uk", "usa", "сша", "рф",
    ];
    for w in misses {
        assert!(
            get().places(w).is_empty(),
            "{w:?} gave {:?}",
            get().places(w)
        );
    }
}

#[test]
fn ambiguous_common_words_are_reported() {
    // Documented behaviour: the gazetteer reports, the tagger decides.
    assert_eq!(top("Nice").map(|t| t.0), Some("FR"));
    assert_eq!(top("nice").map(|t| t.0), Some("FR"));
    assert_eq!(top("Chad").map(|t| t.0), Some("TD"));
    assert_eq!(top("Jordan").map(|t| t.0), Some("JO"));
    assert_eq!(top("reading").map(|t| t.0), Some("GB"));
}

#[test]
fn countries_and_capitals() {
    let g = get();
    let kz = g.country("KZ").unwrap();
    assert_eq!(
        (kz.name_en, kz.name_fr, kz.name_ru),
        ("Kazakhstan", "Kazakhstan", "Казахстан")
    );
    assert_eq!(g.country("kz"), Some(kz));
    assert_eq!(g.country("XX"), None);
    assert_eq!(g.country("KAZ"), None);
    assert_eq!(g.capital("FR").map(|p| p.name_en), Some("Paris"));
    assert_eq!(g.capital("RU").map(|p| p.name_ru), Some("Москва"));
    assert_eq!(g.capital("KZ").map(|p| p.name_en), Some("Astana"));
    let fr = g.country("FR").unwrap();
    assert!(fr.population > 60_000_000);
    assert_eq!(fr.kind, PlaceKind::Country);
    // every place has names in the three languages and a known country
    for p in g.all() {
        assert!(
            !p.name_en.is_empty() && !p.name_fr.is_empty() && !p.name_ru.is_empty(),
            "{p:?}"
        );
        assert!(g.country(p.country).is_some(), "{p:?}");
    }
}

#[test]
fn ordering_most_populous_first() {
    let ps = get().places("Alexandria");
    assert!(!ps.is_empty());
    for w in ps.windows(2) {
        assert!(w[0].population >= w[1].population);
    }
}

#[test]
fn bad_input_never_panics() {
    let g = get();
    let long = "a".repeat(5000);
    let long_cyr = "ж".repeat(5000);
    let mixed = "Moskвa";
    let odd = [
        "",
        " ",
        "-",
        "'",
        "’’",
        "\u{0301}",
        "\u{0}",
        "🙂",
        "Ꙁ",
        "İstanbul",
        "ǅ",
        &long,
        &long_cyr,
        mixed,
    ];
    for s in odd {
        let _ = g.places(s);
        let _ = g.places_exact(s);
        let _ = g.demonym(s);
        let _ = g.country(s);
        let _ = g.longest_match(&[s, s, s]);
        let _ = normalize(s);
    }
    assert!(g.places(&long).is_empty());
    assert!(g.places(mixed).is_empty());
    let many: Vec<&str> = std::iter::repeat_n("New", 10_000).collect();
    assert_eq!(g.longest_match(&many), None);
    assert_eq!(top("İstanbul").map(|t| t.0), Some("TR"));
}

/// The place with this GeoNames id.
fn by_id(id: u32) -> &'static Place {
    get()
        .all()
        .iter()
        .find(|p| p.id == id)
        .expect("id in places.tsv")
}

#[test]
fn coordinates() {
    let near = |p: &Place, lat: f32, lon: f32| {
        let (a, o) = p
            .coords()
            .unwrap_or_else(|| panic!("{} has no position", p.name_en));
        assert!(
            (a - lat).abs() < 0.02 && (o - lon).abs() < 0.02,
            "{}: {a}, {o}",
            p.name_en
        );
    };
    let g = get();
    near(g.places("Moscou")[0], 55.75, 37.62);
    near(g.places("Paris")[0], 48.85, 2.35);
    near(g.places("Astana")[0], 51.18, 71.45);
    near(g.places("Buenos Aires")[0], -34.61, -58.38);
    near(g.places("Sydney")[0], -33.87, 151.21);
    near(by_id(3017382), 46.0, 2.0); // France
    for p in g.all() {
        let (lat, lon) = p
            .coords()
            .unwrap_or_else(|| panic!("{} has no position", p.name_en));
        assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
    }
    // The capital found through its country has the same position.
    let moscow = g.capital("RU").and_then(Place::coords);
    assert_eq!(moscow, Some((55.75, 37.62)));
}

#[test]
fn iso_numeric_codes() {
    let g = get();
    let code = |cc: &str| g.country(cc).and_then(Place::ccn3);
    assert_eq!(code("FR"), Some(250));
    assert_eq!(code("RU"), Some(643));
    assert_eq!(code("KZ"), Some(398));
    assert_eq!(code("US"), Some(840));
    assert_eq!(code("AQ"), Some(10));
    assert_eq!(code("AD"), Some(20));
    // Cities have none.
    assert_eq!(g.places("Moscou")[0].ccn3(), None);
    // Every country has one, except these, which have no ISO 3166-1 numeric code.
    const WITHOUT: &[&str] = &["XK"];
    let mut seen = std::collections::HashSet::new();
    for p in g.all().iter().filter(|p| p.kind == PlaceKind::Country) {
        match p.ccn3() {
            Some(n) => {
                assert!((1..=999).contains(&n), "{}: {n}", p.country);
                assert!(seen.insert(n), "{}: code {n} twice", p.country);
            }
            None => assert!(WITHOUT.contains(&p.country), "{} has no ccn3", p.country),
        }
    }
    assert!(seen.len() >= 249);
}
