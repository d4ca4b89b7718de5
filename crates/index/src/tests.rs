use super::*;
use tantivy::snippet::SnippetGenerator;

/// A fresh index in a directory of its own, removed at the end.
struct Scratch {
    dir: std::path::PathBuf,
    index: SearchIndex,
}

impl Scratch {
    fn new(name: &str, docs: &[IndexDoc]) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("veille-index-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let index = SearchIndex::open(&dir).unwrap();
        let mut writer = index.writer().unwrap();
        index.add(&mut writer, docs).unwrap();
        index.commit(&mut writer).unwrap();
        Scratch { dir, index }
    }

    fn ids(&self, request: SearchRequest) -> Vec<String> {
        let mut ids: Vec<String> = self
            .index
            .search(&SearchRequest {
                limit: 10,
                ..request
            })
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    }

    fn query(&self, q: &str) -> Vec<String> {
        self.ids(SearchRequest {
            query: q.to_owned(),
            ..SearchRequest::default()
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn doc(n: u64, lang: &str, day: i64, body: &str, names: &[&str]) -> IndexDoc {
    IndexDoc {
        doc: n,
        id: format!("d{n}"),
        title: None,
        lang: Some(lang.to_owned()),
        body: body.to_owned(),
        names: names.iter().map(|s| s.to_string()).collect(),
        source: Some(format!("site{}", n % 2)),
        day: Some(day),
    }
}

fn corpus() -> Vec<IndexDoc> {
    vec![
        doc(
            1,
            "fr",
            100,
            "Le gouvernement a annoncé des mesures économiques.",
            &[],
        ),
        doc(
            2,
            "fr",
            101,
            "Les gouvernements européens se réunissent.",
            &[],
        ),
        doc(
            3,
            "ru",
            102,
            "Правительство России приняло решение.",
            &["России"],
        ),
        doc(4, "ru", 103, "Решение правительства вызвало споры.", &[]),
        doc(
            5,
            "en",
            104,
            "The governments met in Brussels on Tuesday.",
            &["Brussels"],
        ),
        doc(6, "ru", 105, "Ёлка стояла на площади.", &[]),
    ]
}

/// Query → documents found: stemming per language, accents folded after stemming.
#[test]
fn stemmed_queries_find_every_inflection() {
    let s = Scratch::new("stem", &corpus());
    let table: &[(&str, &[&str])] = &[
        ("gouvernements", &["d1", "d2"]),
        ("gouvernement", &["d1", "d2"]),
        ("economiques", &["d1"]),
        ("правительства", &["d3", "d4"]),
        ("governments", &["d5"]),
        ("government", &["d5"]),
        ("елка", &["d6"]),
        ("ёлки", &["d6"]),
        ("brussels", &["d5"]),
    ];
    for (q, expected) in table {
        assert_eq!(s.query(q), *expected, "query {q:?}");
    }
}

#[test]
fn filters_narrow_the_hits() {
    let s = Scratch::new("filters", &corpus());
    let base = || SearchRequest {
        query: "правительства OR gouvernement".to_owned(),
        ..SearchRequest::default()
    };
    assert_eq!(s.ids(base()), ["d1", "d2", "d3", "d4"]);
    let lang = SearchRequest {
        lang: Some("ru".into()),
        ..base()
    };
    assert_eq!(s.ids(lang), ["d3", "d4"]);
    let days = SearchRequest {
        from_day: Some(101),
        to_day: Some(102),
        ..base()
    };
    assert_eq!(s.ids(days), ["d2", "d3"]);
    let docs = SearchRequest {
        docs: Some(vec![1, 4, 5]),
        ..base()
    };
    assert_eq!(s.ids(docs), ["d1", "d4"]);
    let source = SearchRequest {
        source: Some("site0".into()),
        ..base()
    };
    assert_eq!(s.ids(source), ["d2", "d4"]);
}

#[test]
fn adding_a_document_again_replaces_it() {
    let s = Scratch::new("replace", &corpus());
    let mut writer = s.index.writer().unwrap();
    s.index.add(&mut writer, &corpus()[..2]).unwrap();
    s.index.commit(&mut writer).unwrap();
    assert_eq!(s.index.len(), 6);
}

#[test]
fn snippets_mark_the_matched_words() {
    let s = Scratch::new("snippet", &corpus());
    let results = s
        .index
        .search(&SearchRequest {
            query: "gouvernements".into(),
            limit: 5,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(results.total, 2);
    for hit in results.hits {
        let marked: Vec<&str> = hit
            .highlights
            .iter()
            .map(|r| &hit.snippet[r.clone()])
            .collect();
        assert!(
            marked
                .iter()
                .all(|w| w.to_lowercase().starts_with("gouvernement")),
            "{marked:?} in {:?}",
            hit.snippet
        );
        assert!(!marked.is_empty());
    }
}

#[test]
fn a_malformed_query_is_an_error_not_a_panic() {
    let s = Scratch::new("malformed", &corpus());
    // "A -A-A": an excluded phrase, found by the `search` fuzz target (tantivy#2811).
    for q in [
        "\"unclosed",
        "title:",
        "(((",
        "AND",
        "",
        "A\n-A-A",
        "-\"a b\" a",
    ] {
        let _ = s.index.search(&SearchRequest {
            query: q.into(),
            limit: 3,
            ..SearchRequest::default()
        });
    }
}

/// A name in one script finds and highlights it in the other.
#[test]
fn names_meet_across_scripts() {
    let docs = [
        doc(
            1,
            "ru",
            100,
            "Президент Касым-Жомарт Токаев заявил, что границы открыты.",
            &["Касым-Жомарт Токаев"],
        ),
        doc(
            2,
            "fr",
            100,
            "Le président Kassym-Jomart Tokaïev a parlé.",
            &["Kassym-Jomart Tokaïev"],
        ),
        doc(3, "en", 100, "President Tokayev spoke.", &["Tokayev"]),
    ];
    let s = Scratch::new("scripts", &docs);
    for q in ["Tokayev", "Токаев", "Tokaïev", "Tokajew"] {
        assert_eq!(s.query(q), ["d1", "d2", "d3"], "query {q:?}");
    }
    let results = s
        .index
        .search(&SearchRequest {
            query: "Tokayev".into(),
            lang: Some("ru".into()),
            limit: 1,
            ..SearchRequest::default()
        })
        .unwrap();
    let hit = &results.hits[0];
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.snippet[r.clone()])
        .collect();
    assert_eq!(marked, ["Токаев"]);
}

#[test]
fn facets_count_every_match_not_only_the_hits() {
    let s = Scratch::new("facets", &corpus());
    let request = SearchRequest {
        query: "правительства OR gouvernement".to_owned(),
        limit: 1,
        facets: true,
        ..SearchRequest::default()
    };
    let results = s.index.search(&request).unwrap();
    assert_eq!(results.hits.len(), 1);
    let facets = results.facets.expect("facets were asked for");
    let owned = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(facets.lang, owned(&[("fr", 2), ("ru", 2)]));
    assert_eq!(facets.source, owned(&[("site0", 2), ("site1", 2)]));
    // Days 100 to 103 after 1970-01-01.
    assert_eq!(facets.month, owned(&[("1970-04", 4)]));
    let plain = s
        .index
        .search(&SearchRequest {
            facets: false,
            ..request
        })
        .unwrap();
    assert_eq!(plain.facets, None);
}

#[test]
fn months_of_days() {
    for (days, month) in [
        (0, (1970, 1)),
        (-1, (1969, 12)),
        (11_016, (2000, 2)),
        (19_853, (2024, 5)),
        (19_753, (2024, 1)),
    ] {
        assert_eq!(month_of(days), month, "{days}");
    }
}

#[test]
fn an_index_of_an_older_schema_is_read_as_it_is_or_rebuilt() {
    let dir = std::env::temp_dir().join(format!("veille-index-test-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        // As veille wrote it before facets: language and source not fast.
        let (schema, fields) = schema_with(STRING | STORED);
        let index = SearchIndex::with_index(
            Index::create(
                open_directory(&dir).unwrap(),
                schema,
                tantivy::IndexSettings::default(),
            )
            .unwrap(),
            fields,
        )
        .unwrap();
        let mut writer = index.writer().unwrap();
        index.add(&mut writer, &corpus()).unwrap();
        index.commit(&mut writer).unwrap();
    }
    let request = SearchRequest {
        query: "gouvernement".to_owned(),
        limit: 5,
        facets: true,
        ..SearchRequest::default()
    };
    {
        // A reader takes it as it is: hits, and the facets it can count.
        let old = SearchIndex::open_read_only(&dir).unwrap();
        assert_eq!(old.len(), 6);
        let results = old.search(&request).unwrap();
        assert_eq!(results.total, 2);
        let facets = results.facets.unwrap();
        assert!(facets.lang.is_empty());
        assert_eq!(facets.month, [("1970-04".to_owned(), 2)]);
    }
    // The writer's open starts it over (the knowledge base then re-indexes the store).
    let index = SearchIndex::open(&dir).unwrap();
    assert!(index.is_empty());
    let mut writer = index.writer().unwrap();
    index.add(&mut writer, &corpus()).unwrap();
    index.commit(&mut writer).unwrap();
    let facets = index.search(&request).unwrap().facets.unwrap();
    assert_eq!(facets.lang, [("fr".to_owned(), 2)]);
    drop(writer);
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Our passage of each document for `query` in `field` is tantivy's snippet: same fragment,
/// same marks.
fn assert_same_passages(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    field: tantivy::schema::Field,
    keeps_first_letter: bool,
    docs: &[IndexDoc],
    q: &str,
) {
    let mut ours = Passages::new(searcher, query, field, keeps_first_letter).unwrap();
    let mut theirs = SnippetGenerator::create(searcher, query, field).unwrap();
    theirs.set_max_num_chars(SNIPPET_BYTES);
    for d in docs {
        let theirs = theirs.snippet(&d.body);
        let expected =
            (!theirs.is_empty()).then(|| (theirs.fragment_range(), theirs.highlighted().to_vec()));
        assert_eq!(
            ours.best(&d.body),
            expected,
            "{q:?} in {:?} (field {field:?})",
            d.body
        );
    }
}

/// Blanking the words that cannot match changes no snippet: same fragment, same marks as
/// tantivy's own generator over the full analysis.
#[test]
fn snippets_are_those_of_the_full_analysis() {
    let long_fr = "Le gouvernement a annoncé des mesures. ".repeat(3)
        + &"Rien à voir ici, des élections et des économies. ".repeat(8)
        + "Les gouvernements européens, le gouvernement français et l'économie.";
    let mut docs = corpus();
    docs.push(doc(7, "fr", 106, &long_fr, &[]));
    docs.push(doc(
        8,
        "ru",
        107,
        &"Правительство России. Ёлка и елки, решение правительства. ".repeat(10),
        &[],
    ));
    let s = Scratch::new("same-snippets", &docs);
    let searcher = s.index.reader.searcher();
    let f = s.index.fields;
    for q in [
        "gouvernements",
        "économie OR mesures",
        "\"gouvernement français\"",
        "правительства",
        "ёлки решение",
        "governments Brussels",
        "Токаев OR Brussels",
        "России",
    ] {
        let mut parser = QueryParser::for_index(
            &s.index.index,
            f.bodies.into_iter().chain([f.names]).collect(),
        );
        parser.set_conjunction_by_default();
        let query = parser.parse_query(q).unwrap();
        for (i, field) in f.bodies.into_iter().chain([f.names]).enumerate() {
            assert_same_passages(&searcher, &*query, field, i < 4, &docs, q);
        }
    }
}

/// Words whose stems rewrite their last letters ("happy" → "happi", "couramment" →
/// "courant", "dying" → "die"): the prefix filter must still let each through, so the
/// passages stay those of tantivy's full analysis. One query per word, each form of it in
/// another document.
#[test]
fn snippets_survive_stems_that_rewrite_endings() {
    let words = [
        (
            "en",
            "happy happiness dying lying skies relational conditional possibility possibly sensitivity formality creation operator fluency organization generously hopping hoping agreed",
        ),
        (
            "fr",
            "couramment prudemment heureuse heureux différence organisation logique logiques finies premières chevaux nationaux",
        ),
        (
            "ru",
            "длинный длинная правительственный ёлочка учительница бегущий",
        ),
    ];
    let docs: Vec<IndexDoc> = words
        .iter()
        .enumerate()
        .map(|(i, (lang, text))| {
            let body = format!("Début. {text}. Fin, encore du texte pour couper les passages.");
            doc(20 + i as u64, lang, 200, &body, &[])
        })
        .collect();
    let s = Scratch::new("stem-endings", &docs);
    let searcher = s.index.reader.searcher();
    let f = s.index.fields;
    for (_, text) in words {
        for q in text.split(' ') {
            let parser = QueryParser::for_index(&s.index.index, f.bodies.to_vec());
            let query = parser.parse_query(q).unwrap();
            for field in f.bodies {
                assert_same_passages(&searcher, &*query, field, true, &docs, q);
            }
        }
    }
}

/// The fast paths of the word test agree with `char::is_alphanumeric` on the ranges they
/// cover.
#[test]
fn word_chars_are_the_tokenizers() {
    for c in ('\u{0}'..='\u{052F}').chain('\u{2000}'..='\u{206F}') {
        assert_eq!(
            crate::passage::word_char(c),
            c.is_alphanumeric(),
            "{c:?} U+{:04X}",
            c as u32
        );
    }
}
