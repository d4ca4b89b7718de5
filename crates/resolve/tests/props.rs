//! Properties of `resolve` and `link_document` on generated inputs.

use doc::{Document, Entity, EntityLabel, LangCode, Source, TextRange};
use proptest::prelude::*;
use resolve::{Correction, NameRecord, key_for, resolve};

/// Names that meet in many ways: spellings, scripts, case forms, partial names, acronyms,
/// misspellings, namesakes.
const NAMES: &[&str] = &[
    "Kassym-Jomart Tokaïev",
    "Kassym-Jomart Tokayev",
    "Касым-Жомарт Токаев",
    "Касыма-Жомарта Токаева",
    "Tokaïev",
    "Токаева",
    "Kamil Kassimov",
    "Kamil Kassinov",
    "Kamila Kassimova",
    "Rustam Kassimov",
    "Kassimov",
    "Vladimir Poutine",
    "V. Poutine",
    "Владимир Путин",
    "Poutine",
    "Sergueï",
    "Sergueï Choïgou",
    "Сергей Шойгу",
    "Iditié Lessom",
    "Idite Lessom",
    "Russie",
    "России",
    "Russie-Libertés",
    "OTSC",
    "ОДКБ",
    "Organisation du Traité de sécurité collective",
    "ONU",
    "Washington",
    "Macron",
    "Макрона",
    "UFD",
];

fn label_of(i: u8) -> EntityLabel {
    EntityLabel::ALL[usize::from(i) % 4]
}

fn records() -> impl Strategy<Value = Vec<NameRecord>> {
    prop::collection::vec(
        (
            0..NAMES.len(),
            0u8..4,
            prop::collection::vec((0..NAMES.len(), 1u32..5), 0..3),
        ),
        0..40,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .map(|(name, label, extra)| {
                let label = label_of(label);
                let mut forms = vec![(NAMES[name].to_owned(), 2)];
                forms.extend(extra.into_iter().map(|(n, c)| (NAMES[n].to_owned(), c)));
                NameRecord {
                    key: key_for(NAMES[name], label),
                    label,
                    mentions: forms.iter().map(|f| f.1).sum(),
                    forms,
                    documents: 1,
                }
            })
            .collect()
    })
}

/// Entities as sets of records, comparable whatever the record order.
fn partition(resolved: &[resolve::Resolved], original: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = resolved
        .iter()
        .map(|e| {
            let mut g: Vec<usize> = e.records.iter().map(|&r| original[r]).collect();
            g.sort_unstable();
            g
        })
        .collect();
    groups.sort();
    groups
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_record_in_one_entity_of_its_label(records in records()) {
        let resolved = resolve(&records, &[]);
        let mut seen = vec![0; records.len()];
        for e in &resolved {
            prop_assert!(!e.records.is_empty());
            prop_assert!(!e.id.is_empty());
            prop_assert!(e.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", e.id);
            for &r in &e.records {
                seen[r] += 1;
                prop_assert_eq!(records[r].label, e.label, "label mixed in {}", &e.id);
            }
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "{:?}", seen);
        let mut ids: Vec<&str> = resolved.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), resolved.len(), "ids not unique");
    }

    #[test]
    fn order_does_not_matter(records in records(), seed in any::<u64>()) {
        let first = resolve(&records, &[]);
        // A permutation of the records from the seed.
        let mut order: Vec<usize> = (0..records.len()).collect();
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<NameRecord> = order.iter().map(|&i| records[i].clone()).collect();
        let second = resolve(&shuffled, &[]);
        let identity: Vec<usize> = (0..records.len()).collect();
        prop_assert_eq!(partition(&first, &identity), partition(&second, &order));
        // Same ids and names for the same sets of records.
        let describe = |resolved: &[resolve::Resolved], map: &[usize]| {
            let mut v: Vec<(Vec<usize>, String, String)> = resolved
                .iter()
                .map(|e| {
                    let mut g: Vec<usize> = e.records.iter().map(|&r| map[r]).collect();
                    g.sort_unstable();
                    (g, e.id.clone(), e.name.clone())
                })
                .collect();
            v.sort();
            v
        };
        prop_assert_eq!(describe(&first, &identity), describe(&second, &order));
    }

    #[test]
    fn corrections_keep_a_partition(records in records(), picks in prop::collection::vec((any::<u16>(), any::<u16>(), any::<bool>()), 0..4)) {
        let automatic = resolve(&records, &[]);
        let corrections: Vec<Correction> = picks
            .iter()
            .filter(|_| !automatic.is_empty())
            .map(|&(a, b, merge)| {
                let x = &automatic[usize::from(a) % automatic.len()];
                let y = &automatic[usize::from(b) % automatic.len()];
                if merge {
                    Correction::Merge { into: x.id.clone(), from: y.id.clone() }
                } else {
                    let key = records[y.records[0]].key.clone();
                    Correction::Split { entity: y.id.clone(), key }
                }
            })
            .collect();
        let corrected = resolve(&records, &corrections);
        let mut seen = vec![0; records.len()];
        for e in &corrected {
            for &r in &e.records {
                seen[r] += 1;
                prop_assert_eq!(records[r].label, e.label);
            }
        }
        prop_assert!(seen.iter().all(|&n| n == 1));
        prop_assert_eq!(corrected.clone(), resolve(&records, &corrections), "deterministic");
    }

    #[test]
    fn keys_are_slugs(name in "\\PC{0,30}") {
        for label in EntityLabel::ALL {
            let key = key_for(&name, label);
            prop_assert!(!key.is_empty());
            prop_assert!(key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{:?} → {:?}", name, key);
        }
        let key = resolve::name_key(&name);
        prop_assert!(!key.starts_with('-') && !key.ends_with('-') && !key.contains("--"));
    }

    #[test]
    fn links_are_valid(picks in prop::collection::vec((0..NAMES.len(), 0u8..4), 0..12)) {
        // A document listing names, one a sentence, each an entity.
        let mut text = String::new();
        let mut entities = Vec::new();
        for (n, l) in &picks {
            let start = text.len();
            text.push_str(NAMES[*n]);
            entities.push(Entity { range: TextRange::new(start, text.len()), label: label_of(*l) });
            text.push_str(" a parlé. ");
        }
        let seg = segment::Segmenter::new();
        let mut doc = Document::new("p".into(), Source::default(), text.clone());
        let tokens = seg.tokenize(&text, Some(LangCode::FR));
        let sentences = seg.sentences(&text, &tokens, Some(LangCode::FR));
        doc.put_tokens(tokens);
        doc.put_sentences(sentences);
        doc.put_entities(entities);
        prop_assume!(doc.validate().is_ok());
        doc::Stage::run(&resolve::LinkEntities::new(), &mut doc);
        prop_assert!(doc.validate().is_ok(), "{:?}", doc.validate());
        let refs = doc.entity_refs().unwrap();
        for r in refs {
            prop_assert_eq!(&r.key, &refs[r.head].key);
        }
    }
}

#[test]
fn no_entity_layer_no_refs() {
    let doc = Document::new("e".into(), Source::default(), "Rien.".into());
    assert!(resolve::link_document(&doc).is_empty());
}

#[test]
fn ids_are_suffixed_on_collision() {
    let record = |name: &str, label| NameRecord {
        key: key_for(name, label),
        label,
        forms: vec![(name.to_owned(), 1)],
        mentions: 1,
        documents: 1,
    };
    let records = vec![
        record("Washington", EntityLabel::Loc),
        record("Washington", EntityLabel::Per),
        record("Washington", EntityLabel::Org),
    ];
    let mut ids: Vec<String> = resolve(&records, &[]).into_iter().map(|e| e.id).collect();
    ids.sort();
    assert_eq!(ids, ["washington", "washington-2", "washington-3"]);
    // PER sorts first among the labels, so it keeps the bare slug.
    let per = resolve(&records, &[])
        .into_iter()
        .find(|e| e.label == EntityLabel::Per)
        .unwrap();
    assert_eq!(per.id, "washington");
}
