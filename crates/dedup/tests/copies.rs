//! Reprints of one wire are near-duplicates of it; another article on the same event is not.

use std::fs;
use std::path::Path;

use dedup::{DUPLICATE_THRESHOLD, NearDuplicates, signature, similarity};

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/copies")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const VARIANTS: [&str; 5] = ["headline", "byline", "added", "trimmed", "combo"];

#[test]
fn reprints_are_found_and_other_articles_are_not() {
    for lang in ["fr", "en", "ru"] {
        let wire = signature(&read(&format!("{lang}-wire.txt")));
        let other = signature(&read(&format!("{lang}-other.txt")));
        let mut near = NearDuplicates::new();
        assert_eq!(near.insert(1, &wire), None);
        for (k, variant) in VARIANTS.iter().enumerate() {
            let sig = signature(&read(&format!("{lang}-wire-{variant}.txt")));
            let s = similarity(&wire, &sig);
            eprintln!("{lang} {variant}: {s:.3}");
            assert!(s >= DUPLICATE_THRESHOLD, "{lang} {variant}: {s}");
            assert_eq!(
                near.insert(10 + k as u64, &sig),
                Some(1),
                "{lang} {variant}"
            );
        }
        let s = similarity(&wire, &other);
        eprintln!("{lang} other: {s:.3}");
        assert!(s < 0.2, "{lang} other: {s}");
        assert_eq!(near.insert(99, &other), None, "{lang} other");
    }
}

#[test]
fn languages_do_not_mix() {
    let fr = signature(&read("fr-wire.txt"));
    for lang in ["en", "ru"] {
        let mut near = NearDuplicates::new();
        near.insert(1, &fr);
        assert_eq!(
            near.insert(2, &signature(&read(&format!("{lang}-wire.txt")))),
            None
        );
    }
}
