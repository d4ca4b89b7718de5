//! The tables of `test_data/`: keys, links within a document, resolution across documents.

use std::path::PathBuf;

use doc::{Document, Entity, EntityLabel, LangCode, Source, TextRange};
use resolve::{Correction, NameRecord, key_for, resolve};

fn read(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(name);
    std::fs::read_to_string(path).expect("table")
}

/// Lines that are cases: not blank, not comments.
fn cases(table: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

fn label(s: &str) -> EntityLabel {
    EntityLabel::parse(s).unwrap_or_else(|| panic!("label {s}"))
}

fn report(failures: Vec<String>, total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn keys_table() {
    let table = read("keys.tsv");
    let mut failures = Vec::new();
    let mut total = 0;
    for (line, cells) in cases(&table) {
        total += 1;
        let label = label(cells[1]);
        let keys: Vec<(String, &str)> =
            cells[2..].iter().map(|n| (key_for(n, label), *n)).collect();
        assert!(keys.len() >= 2, "line {line}: at least two names");
        for (k, name) in &keys {
            let slug_like = !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !slug_like {
                failures.push(format!("line {line}: key {k:?} of {name} is not a slug"));
            }
        }
        match cells[0] {
            "same" => {
                for (k, name) in &keys[1..] {
                    if *k != keys[0].0 {
                        failures.push(format!(
                            "line {line}: {name} → {k}, {} → {}",
                            keys[0].1, keys[0].0
                        ));
                    }
                }
            }
            "differ" => {
                for (i, (a, na)) in keys.iter().enumerate() {
                    for (b, nb) in &keys[i + 1..] {
                        if a == b {
                            failures.push(format!("line {line}: {na} and {nb} share {a}"));
                        }
                    }
                }
            }
            other => panic!("line {line}: unknown kind {other}"),
        }
    }
    assert!(total >= 30);
    report(failures, total);
}

/// A document from text with entities marked `[LABEL words]`, tokenised by `segment`.
fn document(marked: &str, lang: LangCode) -> Document {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find(']').expect("closing bracket") + open;
        let inner = &rest[open + 1..close];
        let (l, words) = inner.split_once(' ').expect("[LABEL words]");
        let start = text.len();
        text.push_str(words);
        entities.push(Entity {
            range: TextRange::new(start, text.len()),
            label: label(l),
        });
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let seg = segment::Segmenter::new();
    let mut doc = Document::new("t".into(), Source::default(), text.clone());
    let tokens = seg.tokenize(&text, Some(lang));
    let sentences = seg.sentences(&text, &tokens, Some(lang));
    doc.put_lang(doc::LangGuess {
        code: Some(lang),
        confidence: Some(1.0),
    });
    doc.put_tokens(tokens);
    doc.put_sentences(sentences);
    doc.put_entities(entities);
    doc.validate().expect("entities on tokens");
    doc
}

#[test]
fn link_table() {
    let table = read("link.tsv");
    let mut failures = Vec::new();
    let mut total = 0;
    for (line, cells) in cases(&table) {
        total += 1;
        let lang = LangCode::parse(cells[0]).expect("lang");
        let mut doc = document(cells[1], lang);
        doc::Stage::run(&resolve::LinkEntities::new(), &mut doc);
        if let Err(e) = doc.validate() {
            failures.push(format!("line {line}: {}", e.0));
            continue;
        }
        let refs = doc.entity_refs().expect("layer");
        let heads: Vec<usize> = refs.iter().map(|r| r.head).collect();
        let expected: Vec<usize> = cells[2]
            .split_whitespace()
            .map(|h| h.parse().expect("head index"))
            .collect();
        if heads != expected {
            failures.push(format!(
                "line {line}: heads {heads:?}, expected {expected:?} ({})",
                cells[1]
            ));
        }
        for r in refs {
            if r.key != refs[r.head].key {
                failures.push(format!("line {line}: a key differs from its head's"));
            }
        }
    }
    for lang in ["fr", "en", "ru"] {
        assert!(
            cases(&table).filter(|(_, c)| c[0] == lang).count() >= 2,
            "few {lang} cases"
        );
    }
    report(failures, total);
}

fn record(spec: &str) -> NameRecord {
    let (l, forms) = spec.trim().split_once(' ').expect("LABEL forms");
    let label = label(l);
    let forms: Vec<(String, u32)> = forms
        .split(';')
        .map(|f| {
            let f = f.trim();
            match f.rsplit_once('*') {
                Some((form, n)) => (form.to_owned(), n.parse().expect("count")),
                None => (f.to_owned(), 1),
            }
        })
        .collect();
    let mentions = forms.iter().map(|f| f.1).sum();
    NameRecord {
        key: key_for(&forms[0].0, label),
        label,
        forms,
        mentions,
        documents: 1,
    }
}

fn correction(spec: &str) -> Correction {
    let spec = spec.trim();
    if let Some(rest) = spec.strip_prefix("merge ") {
        let (into, from) = rest.split_once(" < ").expect("merge INTO < FROM");
        Correction::Merge {
            into: into.trim().to_owned(),
            from: from.trim().to_owned(),
        }
    } else if let Some(rest) = spec.strip_prefix("split ") {
        let (entity, key) = rest.split_once(" : ").expect("split ENTITY : KEY");
        Correction::Split {
            entity: entity.trim().to_owned(),
            key: key.trim().to_owned(),
        }
    } else {
        panic!("correction {spec}")
    }
}

#[test]
fn resolve_table() {
    let table = read("resolve.tsv");
    let mut failures = Vec::new();
    let mut total = 0;
    for (line, cells) in cases(&table) {
        total += 1;
        let name = cells[0];
        let records: Vec<NameRecord> = cells[1].split(" | ").map(record).collect();
        let corrections: Vec<Correction> = match cells.get(4) {
            Some(c) if !c.trim().is_empty() => c.split(" ; ").map(correction).collect(),
            _ => Vec::new(),
        };
        let resolved = resolve(&records, &corrections);
        let expected: Vec<Vec<usize>> = cells[2]
            .split(" / ")
            .map(|g| {
                let mut g: Vec<usize> = g
                    .split_whitespace()
                    .map(|n| n.parse::<usize>().expect("record number") - 1)
                    .collect();
                g.sort_unstable();
                g
            })
            .collect();
        let mut got: Vec<Vec<usize>> = resolved.iter().map(|e| e.records.clone()).collect();
        got.sort();
        let mut want = expected.clone();
        want.sort();
        if got != want {
            let show = |gs: &[Vec<usize>]| {
                gs.iter()
                    .map(|g| {
                        g.iter()
                            .map(|i| (i + 1).to_string())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            let ids: Vec<&str> = resolved.iter().map(|e| e.id.as_str()).collect();
            failures.push(format!(
                "line {line} {name}: got {}, expected {} (ids {ids:?})",
                show(&got),
                show(&want)
            ));
            continue;
        }
        if let Some(names) = cells.get(3).filter(|c| c.trim() != "-" && !c.is_empty()) {
            for (group, want_name) in expected.iter().zip(names.split(" / ")) {
                let entity = resolved
                    .iter()
                    .find(|e| e.records == *group)
                    .expect("group found");
                if entity.name != want_name.trim() {
                    failures.push(format!(
                        "line {line} {name}: display {:?}, expected {want_name:?}",
                        entity.name
                    ));
                }
            }
        }
    }
    assert!(total >= 30);
    report(failures, total);
}

/// Found by the `names` fuzz target: an empty or symbol-only name gave an empty id.
#[test]
fn slug_of_a_name_without_letters_is_not_empty() {
    for name in ["", "«»", "***", " . ", "—"] {
        assert_eq!(resolve::slug(name), "x", "{name:?}");
        assert!(!resolve::name_key(name).is_empty(), "{name:?}");
    }
}
