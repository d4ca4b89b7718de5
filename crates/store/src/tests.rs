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
    let mut store = SqliteStore::in_memory().unwrap();
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
        let mut store = SqliteStore::open(&path).unwrap();
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
    let mut store = SqliteStore::in_memory().unwrap();
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
    let mut store = SqliteStore::in_memory().unwrap();
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
