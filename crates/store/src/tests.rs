use super::*;
use doc::{RawArticle, RawBody};

fn analyze(id: &str, published: &str, text: &str) -> NewDocument {
    let analyzer = pipeline::Analyzer::new(clean::CleanOptions::default());
    let mut raw = RawArticle::new(id, RawBody::Text(text.to_owned()));
    raw.published = Some(published.to_owned());
    NewDocument::from_document(&analyzer.analyze(raw))
}

fn corpus() -> Vec<NewDocument> {
    vec![
        analyze(
            "a",
            "2024-05-10",
            "Visite à Astana\n\nLe président Kassym-Jomart Tokaïev a reçu Vladimir Poutine le 23 avril dernier. Tokaïev a déclaré que 6 000 soldats étaient partis.",
        ),
        analyze(
            "b",
            "2024-05-11",
            "Talks in Astana\n\nPresident Kassym-Jomart Tokayev met Emmanuel Macron on Tuesday in Astana.",
        ),
    ]
}

#[test]
fn ingesting_the_same_text_twice_stores_it_once() {
    let store = SqliteStore::in_memory().unwrap();
    let docs = corpus();
    let first = store.insert(&docs).unwrap();
    assert!(matches!(first[..], [Inserted::New(_), Inserted::New(_)]));
    let again = store.insert(&docs[..1]).unwrap();
    assert_eq!(again, [Inserted::Copy(1)]);
    assert_eq!(store.counts().unwrap().documents, 2);
}

#[test]
fn a_store_reopens_with_its_schema_and_content() {
    let path = std::env::temp_dir().join(format!("veille-store-test-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    {
        let store = SqliteStore::open(&path).unwrap();
        store.insert(&corpus()).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), sqlite::SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap().documents, 2);
    assert_eq!(store.unindexed(10).unwrap().len(), 2);
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn a_store_from_a_newer_veille_is_refused() {
    let path = std::env::temp_dir().join(format!("veille-store-new-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(err.to_string().contains("newer"), "{err}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn resolution_and_corrections_round_trip() {
    let store = SqliteStore::in_memory().unwrap();
    store.insert(&corpus()).unwrap();
    let records = store.name_records().unwrap();
    assert!(
        records.iter().any(|r| r.label == doc::EntityLabel::Per),
        "{records:?}"
    );
    let resolved = resolve::resolve(&records, &[]);
    store.save_resolution(&records, &resolved).unwrap();
    let entities = store.entities().unwrap();
    assert_eq!(entities.len(), resolved.len());
    let total: u64 = entities.iter().map(|e| e.mentions).sum();
    assert_eq!(total, store.counts().unwrap().mentions);
    let astana = store
        .find_entity("Astana")
        .unwrap()
        .expect("Astana is an entity");
    assert_eq!(astana.label, doc::EntityLabel::Loc);
    assert_eq!(store.documents_of(&astana.id).unwrap(), [1, 2]);

    let merge = resolve::Correction::Merge {
        into: "a".into(),
        from: "b".into(),
    };
    store.add_correction(&merge).unwrap();
    assert_eq!(store.corrections().unwrap(), [merge]);
}

#[test]
fn the_timeline_lists_anchored_dates_in_order() {
    let store = SqliteStore::in_memory().unwrap();
    store.insert(&corpus()).unwrap();
    let timeline = store.timeline(None).unwrap();
    let values: Vec<&str> = timeline.iter().map(|t| t.value.as_str()).collect();
    assert!(values.contains(&"2024-04-23"), "{values:?}");
    let mut sorted = values.clone();
    sorted.sort();
    assert_eq!(values, sorted);
}

#[test]
fn days_from_iso_dates() {
    for (s, days) in [
        ("1970-01-01", Some(0)),
        ("2024-05-10", Some(19_853)),
        ("2024-05-10T08:00:00Z", Some(19_853)),
        ("2000-02-29", Some(11_016)),
        ("2024-13-01", None),
        ("2024", None),
        ("", None),
    ] {
        assert_eq!(days_from_iso(s), days, "{s}");
    }
}

/// The tables derived at resolution answer what the joins over every mention answered.
#[test]
fn derived_entity_tables_agree_with_the_mentions() {
    let store = SqliteStore::in_memory().unwrap();
    store.insert(&corpus()).unwrap();
    let records = store.name_records().unwrap();
    store
        .save_resolution(&records, &resolve::resolve(&records, &[]))
        .unwrap();
    let c = store.reader().unwrap();
    let live_co = |entity: &str| -> Vec<(String, String, u64)> {
        let mut stmt = c
            .prepare(
                "WITH docs AS (
                     SELECT DISTINCT m.doc FROM mentions m
                     JOIN entity_keys k ON k.key = m.key AND k.label = m.label
                     WHERE k.entity = ?1)
                 SELECT k2.entity, e.name, COUNT(DISTINCT m2.doc) AS n
                 FROM mentions m2
                 JOIN docs ON docs.doc = m2.doc
                 JOIN entity_keys k2 ON k2.key = m2.key AND k2.label = m2.label
                 JOIN entities e ON e.id = k2.entity
                 WHERE k2.entity != ?1
                 GROUP BY k2.entity ORDER BY n DESC, k2.entity LIMIT 20",
            )
            .unwrap();
        stmt.query_map([entity], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let live_months = |entity: &str| -> Vec<(String, u64)> {
        let mut stmt = c
            .prepare(
                "SELECT COALESCE(substr(d.published, 1, 7), 'unknown') AS month, COUNT(*)
                 FROM mentions m JOIN entity_keys k ON k.key = m.key AND k.label = m.label
                 JOIN documents d ON d.doc = m.doc
                 WHERE k.entity = ?1 GROUP BY month ORDER BY month",
            )
            .unwrap();
        stmt.query_map([entity], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let entities: Vec<String> = {
        let mut stmt = c.prepare("SELECT id FROM entities").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let expected: Vec<_> = entities
        .iter()
        .map(|e| (live_co(e), live_months(e)))
        .collect();
    drop(c);
    assert!(expected.iter().any(|(co, _)| !co.is_empty()));
    for (e, (co, months)) in entities.iter().zip(expected) {
        assert_eq!(store.co_mentioned(e, 20).unwrap(), co, "{e}");
        assert_eq!(store.mention_months(e).unwrap(), months, "{e}");
    }
    assert_eq!(
        store
            .find_entity("kassym-jomart tokaïev")
            .unwrap()
            .map(|e| e.label),
        Some(doc::EntityLabel::Per)
    );
}

#[test]
fn a_store_on_disk_is_read_from_many_threads() {
    let path = std::env::temp_dir().join(format!("veille-store-threads-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    {
        let store = SqliteStore::open(&path).unwrap();
        store.insert(&corpus()).unwrap();
        let records = store.name_records().unwrap();
        store
            .save_resolution(&records, &resolve::resolve(&records, &[]))
            .unwrap();
        let astana = store.find_entity("Astana").unwrap().unwrap().id;
        let store = &store;
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..50 {
                        assert_eq!(store.documents_of(&astana).unwrap(), [1, 2]);
                        assert_eq!(store.counts().unwrap().documents, 2);
                        assert!(!store.entities().unwrap().is_empty());
                    }
                });
            }
        });
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
