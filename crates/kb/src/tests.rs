use super::*;
use doc::{RawArticle, RawBody};

fn analyze(id: &str, published: &str, text: &str) -> Document {
    let analyzer = pipeline::Analyzer::new(clean::CleanOptions::default());
    let mut raw = RawArticle::new(id, RawBody::Text(text.to_owned()));
    raw.published = Some(published.to_owned());
    analyzer.analyze(raw)
}

fn corpus() -> Vec<Document> {
    vec![
        analyze(
            "fr-1",
            "2024-05-10",
            "Visite à Astana\n\nLe président Kassym-Jomart Tokaïev a reçu Vladimir Poutine le 23 avril dernier. « Nous sommes prêts », a déclaré Tokaïev. Selon Moscou, 6 000 soldats ont été perdus.",
        ),
        analyze(
            "en-1",
            "2024-05-11",
            "Talks in Astana\n\nPresident Kassym-Jomart Tokayev met Emmanuel Macron on Tuesday in Astana. Kyiv says 55,000 soldiers were lost.",
        ),
    ]
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("veille-kb-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn search(kb: &KnowledgeBase, q: &str, entity: Option<&str>) -> Vec<String> {
    let mut ids: Vec<String> = kb
        .search(
            SearchRequest {
                query: q.into(),
                limit: 10,
                ..SearchRequest::default()
            },
            entity,
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn ingest_twice_changes_nothing() {
    let dir = Scratch::new("twice");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    let first = kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    let before = kb.counts().unwrap();
    let again = kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    assert_eq!(
        first,
        IngestReport {
            added: 2,
            copies: 0
        }
    );
    assert_eq!(
        again,
        IngestReport {
            added: 0,
            copies: 2
        }
    );
    assert_eq!(kb.counts().unwrap(), before);
    assert_eq!(search(&kb, "Astana", None), ["en-1", "fr-1"]);
}

#[test]
fn search_filters_by_entity() {
    let dir = Scratch::new("entity");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    assert_eq!(search(&kb, "Astana", Some("Emmanuel Macron")), ["en-1"]);
    assert!(matches!(
        kb.search(SearchRequest::default(), Some("Nobody Atall")),
        Err(KbError::UnknownEntity(_))
    ));
}

#[test]
fn documents_stored_but_not_indexed_are_indexed_on_open() {
    // A killed ingest: the store committed a batch, the index did not.
    let dir = Scratch::new("crash");
    std::fs::create_dir_all(&dir.0).unwrap();
    {
        let store = SqliteStore::open(&dir.0.join("veille.db")).unwrap();
        let rows: Vec<NewDocument> = corpus().iter().map(NewDocument::from_document).collect();
        store.insert(&rows).unwrap();
    }
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    assert_eq!(search(&kb, "Astana", None), ["en-1", "fr-1"]);
}

#[test]
fn a_deleted_index_is_rebuilt() {
    let dir = Scratch::new("rebuild");
    {
        let kb = KnowledgeBase::open(&dir.0).unwrap();
        kb.ingest(&corpus()).unwrap();
    }
    std::fs::remove_dir_all(dir.0.join("index")).unwrap();
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    assert_eq!(search(&kb, "Astana", None), ["en-1", "fr-1"]);
}

#[test]
fn a_merge_survives_reingestion() {
    let dir = Scratch::new("merge");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    let macron = kb.entity("Emmanuel Macron").unwrap();
    let putin = kb.entity("Vladimir Poutine").unwrap();
    assert_ne!(macron.id, putin.id);
    kb.merge(&putin.id, &macron.id).unwrap();
    assert_eq!(kb.entity("Emmanuel Macron").unwrap().id, putin.id);
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    assert_eq!(kb.entity("Emmanuel Macron").unwrap().id, putin.id);
}

#[test]
fn the_profile_gathers_quotes_and_co_mentions() {
    let dir = Scratch::new("profile");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    let profile = kb.profile("Vladimir Poutine").unwrap();
    assert_eq!(profile.documents, 1);
    assert_eq!(profile.mentions_by_month, [("2024-05".to_owned(), 1)]);
    assert!(!profile.co_mentioned.is_empty());
}

#[test]
fn a_wire_copy_is_a_near_duplicate_and_not_counted_twice() {
    let dir = Scratch::new("copies");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    let wire = "Le président Kassym-Jomart Tokaïev a reçu mardi à Astana les dirigeants des pays membres de l'alliance, qui ont adopté une déclaration commune sur la sécurité des frontières, la lutte contre le terrorisme et la coopération militaire dans la région, selon un communiqué publié à l'issue de la rencontre par les services de la présidence.";
    let docs = vec![
        analyze(
            "outlet-a",
            "2024-05-10",
            &format!("Sommet à Astana\n\n{wire}"),
        ),
        analyze(
            "outlet-b",
            "2024-05-10",
            &format!("Astana accueille le sommet\n\n(AFP) {wire} Lire aussi notre dossier."),
        ),
    ];
    kb.ingest(&docs).unwrap();
    kb.refresh().unwrap();
    let counts = kb.counts().unwrap();
    assert_eq!(counts.documents, 2);
    assert_eq!(counts.near_duplicates, 1);
    let tokayev = kb.entity("Tokaïev").unwrap();
    assert_eq!(tokayev.documents, 1, "a copy is not a second report");
}

#[test]
fn reads_run_from_many_threads_at_once() {
    let dir = Scratch::new("threads");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    let expected = kb.profile("Tokaïev").unwrap();
    let kb = &kb;
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..25 {
                    assert_eq!(search(kb, "Astana", None), ["en-1", "fr-1"]);
                    assert_eq!(kb.profile("Tokaïev").unwrap(), expected);
                    assert!(!kb.entities().unwrap().is_empty());
                    assert_eq!(kb.counts().unwrap().documents, 2);
                    assert!(kb.document_json("fr-1").unwrap().is_some());
                    assert!(!kb.timeline(None).unwrap().is_empty());
                    assert!(!kb.mentions(None).unwrap().is_empty());
                    kb.claims().unwrap();
                }
            });
        }
    });
}

#[test]
fn co_mentions_follow_a_merge() {
    let dir = Scratch::new("co-merge");
    let kb = KnowledgeBase::open(&dir.0).unwrap();
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    let putin = kb.entity("Vladimir Poutine").unwrap().id;
    let macron = kb.entity("Emmanuel Macron").unwrap().id;
    let tokayev = kb.entity("Tokaïev").unwrap().id;
    let count = |profile: &Profile, id: &str| {
        profile
            .co_mentioned
            .iter()
            .find(|(other, _, _)| other == id)
            .map(|c| c.2)
    };
    let before = kb.profile(&tokayev).unwrap();
    assert_eq!(count(&before, &putin), Some(1));
    assert_eq!(count(&before, &macron), Some(1));

    kb.merge(&putin, &macron).unwrap();
    let after = kb.profile(&tokayev).unwrap();
    assert_eq!(count(&after, &putin), Some(2), "{:?}", after.co_mentioned);
    assert_eq!(count(&after, &macron), None, "{:?}", after.co_mentioned);
    let merged = kb.profile(&putin).unwrap();
    assert_eq!(merged.documents, 2);
    assert_eq!(count(&merged, &tokayev), Some(2));
    assert_eq!(
        kb.search(
            SearchRequest {
                query: "Astana".into(),
                limit: 10,
                ..SearchRequest::default()
            },
            Some(&putin)
        )
        .unwrap()
        .total,
        2
    );
}

/// While a write holds the knowledge base (an ingest refreshing for seconds on a real
/// corpus), every read still answers: a server must not stall behind it.
#[test]
fn reads_answer_while_a_write_holds_the_knowledge_base() {
    let dir = Scratch::new("reads-during-write");
    let kb = std::sync::Arc::new(KnowledgeBase::open(&dir.0).unwrap());
    kb.ingest(&corpus()).unwrap();
    kb.refresh().unwrap();
    let writing = kb.write_lock();
    let (done, answered) = std::sync::mpsc::channel();
    let reader = std::sync::Arc::clone(&kb);
    std::thread::spawn(move || {
        let kb = reader;
        let results = (
            search(&kb, "Astana", None),
            kb.profile("Tokayev").map(|p| p.documents),
            kb.entities().map(|e| e.len()),
            kb.claims().map(|c| c.len()),
            kb.timeline(None).map(|t| t.len()),
            kb.document_json("fr-1").map(|d| d.is_some()),
            kb.counts().map(|c| c.documents),
        );
        let _ = done.send(format!("{results:?}"));
    });
    let results = answered
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the reads waited for the write");
    drop(writing);
    assert!(
        results.starts_with(r#"(["en-1", "fr-1"], Ok(2), Ok("#),
        "{results}"
    );
    assert!(!results.contains("Err"), "{results}");
}
