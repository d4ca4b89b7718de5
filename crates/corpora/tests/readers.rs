//! The readers on small inline samples, the splits, span projection, and the real sets (when
//! `../shared/eval` is there) against the counts their SOURCE.md files give.

use std::collections::BTreeMap;
use std::path::Path;

use EntityLabel::{Loc, Misc, Org, Per};
use corpora::{
    Annotated, EntityLabel, Part, Sentence, TextDoc, TextSpan, TokenSpan, parse_conll,
    parse_europeana, parse_factru, parse_hipe, parse_nerel, project, sets, sets_with_stats,
};

fn span(start: usize, end: usize, label: EntityLabel) -> TokenSpan {
    TokenSpan { start, end, label }
}

fn conll(rows: &[(&str, &str)]) -> String {
    rows.iter()
        .enumerate()
        .map(|(i, (t, g))| format!("{i}\t{t}\t{g}\n"))
        .collect()
}

#[test]
fn conll_tags_decode_to_spans() {
    type Case = (
        &'static str,
        Vec<(&'static str, &'static str)>,
        Vec<TokenSpan>,
    );
    let cases: &[Case] = &[
        (
            "B then I",
            vec![("Jean", "B-PER"), ("Dupont", "I-PER"), ("dort", "O")],
            vec![span(0, 2, Per)],
        ),
        (
            "adjacent B B",
            vec![("Paris", "B-LOC"), ("Lyon", "B-LOC")],
            vec![span(0, 1, Loc), span(1, 2, Loc)],
        ),
        (
            "I after O opens (lenient)",
            vec![("le", "O"), ("Monde", "I-ORG")],
            vec![span(1, 2, Org)],
        ),
        (
            "I of another type opens",
            vec![("Tour", "B-LOC"), ("Eiffel", "I-MISC")],
            vec![span(0, 1, Loc), span(1, 2, Misc)],
        ),
        ("all outside", vec![("a", "O"), ("b", "O")], vec![]),
    ];
    for (name, rows, expected) in cases {
        let (sentences, _) = parse_conll(&conll(rows), Path::new("t")).unwrap();
        assert_eq!(sentences.len(), 1, "{name}");
        assert_eq!(&sentences[0].spans, expected, "{name}");
        let tokens: Vec<&str> = rows.iter().map(|r| r.0).collect();
        assert_eq!(sentences[0].tokens, tokens, "{name}");
    }
}

#[test]
fn conll_sentences_and_inside_opening_count() {
    let text = "0\tA\tB-PER\n1\tb\tO\n\n\n0\tC\tI-LOC\r\n1\tD\tI-LOC\r\n\n0\tE\tB-ORG\n";
    let (sentences, stats) = parse_conll(text, Path::new("t")).unwrap();
    assert_eq!(
        sentences,
        vec![
            Sentence {
                tokens: vec!["A".into(), "b".into()],
                spans: vec![span(0, 1, Per)]
            },
            Sentence {
                tokens: vec!["C".into(), "D".into()],
                spans: vec![span(0, 2, Loc)]
            },
            Sentence {
                tokens: vec!["E".into()],
                spans: vec![span(0, 1, Org)]
            },
        ]
    );
    assert_eq!(stats.inside_opening, 1);
}

#[test]
fn malformed_lines_are_errors_naming_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("0\ta\tO\n1\tb\tX-PER\n", "f.conllu:2:", "X-PER"),
        ("0\ta\tB-FOO\n", "f.conllu:1:", "FOO"),
        ("0\ta\tO\n\n1 b O\n", "f.conllu:3:", "tabs"),
    ];
    for (text, location, word) in cases {
        let err = parse_conll(text, Path::new("f.conllu"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(location), "{err}");
        assert!(err.contains(word), "{err}");
    }
    let err = parse_europeana("# chunk 0\nParis I-LOC\nRennes\n", Path::new("e.bio"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("e.bio:3:"), "{err}");
    let err = parse_hipe(
        "TOKEN\tNE-COARSE-LIT\tMISC\nParis\tB-loc\t_\n",
        Path::new("h.tsv"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("h.tsv:2:") && err.contains("document_id"),
        "{err}"
    );
    let err = parse_hipe(
        "# hipe2022:document_id = d\nParis\tB-loc\t_\n",
        Path::new("h.tsv"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("h.tsv:2:") && err.contains("header"),
        "{err}"
    );
}

#[test]
fn europeana_is_iob1_cut_into_sentences_between_entities() {
    let text = "# chunk 000 source_lines 1-9\n\
                Emmanuel I-PER\nDesoles I-PER\nB-separated B-PER\nà O\nRennes I-LOC\n. O\n\
                M I-PER\n. I-PER\nDupont I-PER\nparle O\n! O\n#ne O\n\n\
                # chunk 001 source_lines 10-11\nBrest I-LOC\n. O\n";
    let chunks = parse_europeana(text, Path::new("e.bio")).unwrap();
    assert_eq!(chunks.len(), 2);
    let tokens: Vec<Vec<&str>> = chunks[0]
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        tokens,
        vec![
            vec!["Emmanuel", "Desoles", "B-separated", "à", "Rennes", "."],
            vec!["M", ".", "Dupont", "parle", "!"],
            vec!["#ne"],
        ]
    );
    assert_eq!(
        chunks[0][0].spans,
        vec![span(0, 2, Per), span(2, 3, Per), span(4, 5, Loc)]
    );
    assert_eq!(chunks[0][1].spans, vec![span(0, 3, Per)]);
    assert_eq!(chunks[1][0].spans, vec![span(0, 1, Loc)]);
}

#[test]
fn europeana_long_stretches_are_cut() {
    let mut text = String::from("# chunk 0\n");
    for i in 0..600 {
        text.push_str(&format!("w{i} O\n"));
    }
    let chunks = parse_europeana(&text, Path::new("e.bio")).unwrap();
    let lens: Vec<usize> = chunks[0].iter().map(|s| s.tokens.len()).collect();
    assert_eq!(lens, vec![250, 250, 100]);
}

#[test]
fn hipe_documents_sentences_and_coarse_labels() {
    let text = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tMISC\n\
                # hipe2022:document_id = doc-1\n# hipe2022:date = 1888-08-03\n\
                M\tB-pers\tO\tNoSpaceAfter\n.\tI-pers\tO\tEndOfSentence\n\
                Hagenbeck\tI-pers\tO\t_\nà\tO\tO\t_\nMunich\tB-loc\tO\tNoSpaceAfter|EndOfSentence\n\
                1888\tB-time\tO\t_\nLe\tB-prod\tO\t_\nTemps\tI-prod\tO\tEndOfSentence\n\
                \n# hipe2022:document_id = doc-2\n\
                Baker\tB-STREET\tO\t_\nStreet\tI-STREET\tO\t_\nhouse\tB-BUILDING\tO\t_\n\
                Kew\tB-LOC\tO\t_\nNewsEye\tB-HumanProd\tO\t_\n#\tO\tO\t_\n";
    let docs = parse_hipe(text, Path::new("h.tsv")).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "doc-1");
    let s = &docs[0].sentences;
    // The sentence end after "M ." falls inside the person: no cut there.
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].tokens, ["M", ".", "Hagenbeck", "à", "Munich"]);
    assert_eq!(s[0].spans, vec![span(0, 3, Per), span(4, 5, Loc)]);
    assert_eq!(s[1].tokens, ["1888", "Le", "Temps"]);
    assert_eq!(s[1].spans, vec![span(1, 3, Misc)]);
    assert_eq!(docs[1].id, "doc-2");
    assert_eq!(docs[1].sentences.len(), 1);
    assert_eq!(docs[1].sentences[0].tokens.len(), 6);
    assert_eq!(
        docs[1].sentences[0].spans,
        vec![
            span(0, 2, Loc),
            span(2, 3, Loc),
            span(3, 4, Loc),
            span(4, 5, Misc)
        ]
    );
}

fn text_spans(doc: &TextDoc) -> Vec<(&str, EntityLabel)> {
    doc.spans
        .iter()
        .map(|s| (&doc.text[s.range.clone()], s.label))
        .collect()
}

#[test]
fn nerel_keeps_outermost_names_with_character_offsets() {
    let text =
        "Мэр Москвы Сергей Собянин посетил «Правительство Москвы» и российских врачей в США.";
    let ann = "T1\tPROFESSION 0 10\tМэр Москвы\n\
               T2\tCITY 4 10\tМосквы\n\
               T3\tPERSON 11 25\tСергей Собянин\n\
               T4\tEVENT 26 33\tпосетил\n\
               T5\tORGANIZATION 35 55\tПравительство Москвы\n\
               T6\tCITY 49 55\tМосквы\n\
               T7\tCOUNTRY 59 69\tроссийских\n\
               T8\tCOUNTRY 79 82\tСША\n\
               T9\tORGANIZATION 0 3;11 17\tМэр Сергей\n\
               R1\tWORKS_AS Arg1:T3 Arg2:T1\n\
               N1\tReference T3 Wikidata:Q1 Sobyanin\n";
    let (doc, stats) = parse_nerel("d", text.to_owned(), ann, Path::new("d.ann")).unwrap();
    assert_eq!(
        text_spans(&doc),
        vec![
            ("Москвы", Loc),
            ("Сергей Собянин", Per),
            ("Правительство Москвы", Org),
            ("США", Loc)
        ]
    );
    assert_eq!(
        (
            stats.discontinuous,
            stats.not_names,
            stats.nested,
            stats.unmapped
        ),
        (1, 1, 1, 2)
    );
    let bad = "T1\tPERSON 11 24\tСергей Собянин\n";
    let err = parse_nerel("d", text.to_owned(), bad, Path::new("d.ann"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("d.ann:1:"), "{err}");
    let out = "T1\tPERSON 11 2000\tСергей Собянин\n";
    assert!(parse_nerel("d", text.to_owned(), out, Path::new("d.ann")).is_err());
}

#[test]
fn factrueval_objects_cover_their_spans() {
    let text = "Барак Обама принимает в Белом доме администрацию США и проект Сколково.";
    let tokens = "1 0 5 Барак\n2 6 5 Обама\n3 12 9 принимает\n\n4 24 5 Белом\n";
    let spans = "10 name 0 5 1 1  # 1 Барак\n11 surname 6 5 2 1  # 2 Обама\n\
                 12 loc_descr 30 4 5 1 # доме\n13 loc_name 24 10 4 2 # Белом доме\n\
                 14 org_name 35 13 6 1 # администрацию\n15 loc_name 49 3 7 1 # США\n\
                 16 project 62 8 9 1 # Сколково\n";
    let objects = "100 Person 10 11 # Барак Обама\n101 Location 12 13 # доме Белом доме\n\
                   102 Org 14 15 # администрацию США\n103 LocOrg 15 # США\n104 Project 16 # Сколково\n";
    let files = |t: &'static str, p: &'static str| (t, Path::new(p));
    let (doc, stats) = parse_factru(
        "book_1",
        text.to_owned(),
        files(tokens, "b.tokens"),
        files(spans, "b.spans"),
        files(objects, "b.objects"),
    )
    .unwrap();
    assert_eq!(
        text_spans(&doc),
        vec![
            ("Барак Обама", Per),
            ("Белом доме", Loc),
            // A description around a name gives way to the name inside it.
            ("США", Loc)
        ]
    );
    assert_eq!(
        (stats.nested, stats.unmapped, stats.descriptions),
        (0, 1, 1)
    );
    // Byte offsets in the token file would not match the text: an error naming the line.
    let err = parse_factru(
        "book_1",
        text.to_owned(),
        files("1 0 5 Барак\n2 12 5 Обама\n", "b.tokens"),
        files(spans, "b.spans"),
        files(objects, "b.objects"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("b.tokens:2:"), "{err}");
    let err = parse_factru(
        "book_1",
        text.to_owned(),
        files(tokens, "b.tokens"),
        files(spans, "b.spans"),
        files("100 Person 10 99 # ?\n", "b.objects"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("b.objects:1:") && err.contains("99"),
        "{err}"
    );
    let err = parse_factru(
        "book_1",
        text.to_owned(),
        files(tokens, "b.tokens"),
        files("10 name 18446744073709551615 5 1 1\n", "b.spans"),
        files(objects, "b.objects"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("b.spans:1:") && err.contains("outside"),
        "{err}"
    );
}

#[test]
fn projection_widens_to_touched_tokens() {
    // "Jean-Paul à Saint-Malo, RU" tokenized as: Jean | - | Paul | à | Saint-Malo | , | RU
    let text = "Jean-Paul à Saint-Malo, RU";
    let tokens = [0..4, 4..5, 5..9, 10..12, 13..23, 23..24, 25..27];
    type Case = (
        &'static str,
        Vec<(std::ops::Range<usize>, EntityLabel)>,
        Vec<TokenSpan>,
        usize,
    );
    let cases: &[Case] = &[
        ("exact", vec![(0..9, Per)], vec![span(0, 3, Per)], 0),
        (
            "start inside a token",
            vec![(19..23, Loc)],
            vec![span(4, 5, Loc)],
            1,
        ),
        (
            "end inside a token",
            vec![(13..18, Loc)],
            vec![span(4, 5, Loc)],
            1,
        ),
        ("white space only", vec![(9..10, Misc)], vec![], 1),
        (
            "sharing a token once widened",
            vec![(13..18, Loc), (19..23, Loc), (25..27, Org)],
            vec![span(4, 5, Loc), span(6, 7, Org)],
            2,
        ),
    ];
    for (name, gold, expected, inexact) in cases {
        let doc = TextDoc {
            id: "t".into(),
            text: text.into(),
            spans: gold
                .iter()
                .map(|(r, l)| TextSpan {
                    range: r.clone(),
                    label: *l,
                })
                .collect(),
        };
        let (got, n) = project(&doc, &tokens);
        assert_eq!((&got, n), (expected, *inexact), "{name}");
    }
}

#[test]
fn split_rules() {
    let sentence_parts: Vec<Part> = [0, 199, 200, 799, 800, 999, 1000, 1799, 1800]
        .into_iter()
        .map(Part::of_sentence)
        .collect();
    use Part::{Dev, Train};
    assert_eq!(
        sentence_parts,
        [Train, Train, Train, Train, Dev, Dev, Train, Train, Dev]
    );
    let doc_parts: Vec<Part> = (0..10).map(Part::of_document).collect();
    assert_eq!(
        doc_parts,
        [
            Train, Train, Train, Train, Dev, Train, Train, Train, Train, Dev
        ]
    );
    assert_eq!(corpora::labels_of("topres19th/en"), &[Loc]);
    assert_eq!(corpora::labels_of("wikineural/fr"), &EntityLabel::ALL);
    assert_eq!(corpora::labels_of("nerel"), &[Per, Org, Loc]);
}

#[test]
fn missing_folders_are_skipped_and_bad_files_named() {
    let dir = std::env::temp_dir().join(format!("corpora-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    assert!(sets(&dir, Part::Dev).unwrap().is_empty());
    let fr = dir.join("ner-wikineural/fr");
    std::fs::create_dir_all(&fr).unwrap();
    std::fs::write(fr.join("val.conllu"), "0\tParis\tB-LOC\n1\tx\tB-\n").unwrap();
    let err = sets(&dir, Part::Train).unwrap_err().to_string();
    assert!(err.contains("val.conllu:2:"), "{err}");
    std::fs::write(fr.join("val.conllu"), "0\tParis\tB-LOC\n").unwrap();
    let train = sets(&dir, Part::Train).unwrap();
    assert_eq!(train.len(), 1);
    assert_eq!(train[0].name, "wikineural/fr");
    assert_eq!(train[0].data.entity_count(), 1);
    assert_eq!(sets(&dir, Part::Dev).unwrap()[0].data.len(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Sentences (or documents), tokens and entities per label of a set, both parts together.
#[derive(Default, Debug, PartialEq)]
struct Tally {
    items: usize,
    tokens: usize,
    labels: BTreeMap<&'static str, usize>,
    inside_opening: usize,
}

fn tally_all(dir: &Path) -> BTreeMap<String, Tally> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for part in [Part::Train, Part::Dev] {
        for (set, stats) in sets_with_stats(dir, part).unwrap() {
            let t = out.entry(set.name.clone()).or_default();
            t.items += set.data.len();
            t.inside_opening += stats.inside_opening;
            let labels: Vec<EntityLabel> = match &set.data {
                Annotated::Tokens(s) => {
                    t.tokens += s.iter().map(|s| s.tokens.len()).sum::<usize>();
                    s.iter()
                        .flat_map(|s| s.spans.iter().map(|x| x.label))
                        .collect()
                }
                Annotated::Texts(d) => d
                    .iter()
                    .flat_map(|d| d.spans.iter().map(|x| x.label))
                    .collect(),
            };
            for l in labels {
                *t.labels.entry(l.as_str()).or_default() += 1;
            }
        }
    }
    out
}

/// The counts of each SOURCE.md (both upstream parts we have, summed over our two parts).
#[test]
fn real_sets_match_their_source_counts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    if !dir.join("ner-wikineural").is_dir() {
        eprintln!("skipped: no {}", dir.display());
        return;
    }
    let t = tally_all(&dir);
    // WikiNEuRal: sentences, tokens, B- tags per type. We also read the few I- tags that open
    // an entity (IOB2 violations) as entities: B- tags = entities - those.
    for (name, sentences, tokens, b) in [
        (
            "wikineural/fr",
            12600,
            317324,
            [("LOC", 9594), ("MISC", 2916), ("ORG", 2723), ("PER", 7344)],
        ),
        (
            "wikineural/en",
            11590,
            267839,
            [("LOC", 5904), ("MISC", 4173), ("ORG", 3512), ("PER", 5593)],
        ),
        (
            "wikineural/ru",
            11540,
            216818,
            [("LOC", 8851), ("MISC", 2206), ("ORG", 2710), ("PER", 3938)],
        ),
    ] {
        let s = &t[name];
        assert_eq!((s.items, s.tokens), (sentences, tokens), "{name}");
        let entities: usize = s.labels.values().sum();
        let b_tags: usize = b.iter().map(|x| x.1).sum();
        assert_eq!(entities - s.inside_opening, b_tags, "{name}");
        assert!(
            s.inside_opening * 20 < b_tags,
            "{name}: {}",
            s.inside_opening
        );
    }
    // Europeana: SOURCE.md gives 105,346 tokens; the file has 105,347 token lines, one of them
    // the token "#ne" (line 13034), which SOURCE.md's count seems to have read as a comment.
    let e = &t["europeana/fr"];
    assert_eq!(e.tokens, 105_347);
    let labels: Vec<(&str, usize)> = e.labels.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(labels, [("LOC", 2455), ("ORG", 632), ("PER", 2314)]);
    // HIPE-2022: tokens and NE-COARSE-LIT B- tags per type (time dropped), files summed.
    // SOURCE.md left out of its token counts the lines whose token starts with "#" ("#",
    // "###", "#mma": 1 + 2 + 2 + 4 + 2 + 7 lines), read as comments there: we count them.
    for (name, tokens, b) in [
        (
            "hipe2020/fr",
            37952 + 1,
            [("LOC", 774), ("MISC", 49), ("ORG", 159), ("PER", 679)],
        ),
        (
            "letemps/fr",
            38649,
            [("LOC", 516), ("MISC", 0), ("ORG", 41), ("PER", 312)],
        ),
        (
            "newseye/fr",
            21725 + 30456 + 2 + 2,
            [
                ("LOC", 335 + 597),
                ("MISC", 11 + 21),
                ("ORG", 113 + 217),
                ("PER", 293 + 463),
            ],
        ),
        (
            "hipe2020/en",
            29059 + 4,
            [("LOC", 384), ("MISC", 33), ("ORG", 118), ("PER", 402)],
        ),
        (
            "topres19th/en",
            11915 + 123976 + 2 + 7,
            [
                ("LOC", 201 + 18 + 17 + 2579 + 357 + 243),
                ("MISC", 0),
                ("ORG", 0),
                ("PER", 0),
            ],
        ),
    ] {
        let s = &t[name];
        assert_eq!(s.tokens, tokens, "{name}");
        let got: Vec<usize> = b
            .iter()
            .map(|(l, _)| s.labels.get(l).copied().unwrap_or(0))
            .collect();
        let want: Vec<usize> = b.iter().map(|x| x.1).collect();
        let sum = |v: &[usize]| v.iter().sum::<usize>();
        assert_eq!(
            sum(&got) - s.inside_opening,
            sum(&want),
            "{name}: {got:?} vs {want:?}"
        );
        if s.inside_opening == 0 {
            assert_eq!(got, want, "{name}");
        }
    }
    // Document-level sets: document counts.
    assert_eq!(t["nerel"].items, 746 + 94);
    assert_eq!(t["factrueval"].items, 122);
    // Every set has entities of each label it annotates, in both parts.
    for part in [Part::Train, Part::Dev] {
        for set in sets(&dir, part).unwrap() {
            assert!(set.data.entity_count() > 0, "{} {part:?}", set.name);
        }
    }
}
