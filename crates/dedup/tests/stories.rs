//! Story clusters on written leads, and the properties of the numbering.

use std::fs;
use std::path::Path;
use std::time::Instant;

use dedup::{StoryDoc, stories};
use proptest::prelude::*;

fn table() -> (Vec<String>, Vec<StoryDoc>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/stories.tsv");
    let text = fs::read_to_string(path).unwrap();
    let mut labels = Vec::new();
    let mut docs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "line {}: {line}", n + 1);
        let entities = if cols[2] == "-" {
            Vec::new()
        } else {
            cols[2]
                .split(',')
                .map(|e| {
                    let (id, count) = e.rsplit_once(':').unwrap();
                    (id.to_owned(), count.parse().unwrap())
                })
                .collect()
        };
        labels.push(cols[0].to_owned());
        docs.push(StoryDoc {
            id: n as u64,
            day: cols[1].parse().ok(),
            entities,
            lead: cols[3].to_owned(),
        });
    }
    (labels, docs)
}

#[test]
fn written_stories_are_found() {
    let (labels, docs) = table();
    let got = stories(&docs);
    for p in dedup::scored_pairs(&docs) {
        eprintln!(
            "{:>2} {:>2} {:>12} {:>12} {:.3} {} {:.3} {} {}{}",
            p.first,
            p.second,
            labels[p.first],
            labels[p.second],
            p.all,
            p.shared,
            p.entities,
            p.shared_entities,
            if p.dated { "dated" } else { "undated" },
            if p.linked() { " LINK" } else { "" }
        );
    }
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            assert_eq!(
                labels[i] == labels[j],
                got[i] == got[j],
                "{} (line {}) vs {} (line {}): {got:?}",
                labels[i],
                docs[i].id + 1,
                labels[j],
                docs[j].id + 1
            );
        }
    }
}

#[test]
fn input_order_changes_only_the_numbers() {
    let (_, docs) = table();
    let forward = stories(&docs);
    let mut reversed = docs.clone();
    reversed.reverse();
    let mut backward = stories(&reversed);
    backward.reverse();
    for i in 0..docs.len() {
        for j in 0..docs.len() {
            assert_eq!(forward[i] == forward[j], backward[i] == backward[j]);
        }
    }
}

/// 50 000 documents in many stories over a year: blocking keeps it far from all pairs.
#[test]
fn fifty_thousand_documents() {
    let docs = dedup_synthetic(50_000);
    let start = Instant::now();
    let got = stories(&docs);
    let elapsed = start.elapsed();
    eprintln!("stories of 50 000 docs: {elapsed:?}");
    // Each synthetic story has five documents, all found together, none merged.
    for (i, doc) in docs.iter().enumerate() {
        let story = doc.id / 5;
        let first = (story * 5) as usize;
        assert_eq!(got[i], got[first], "doc {i}");
        if i % 5 == 0 && i > 0 {
            assert_ne!(got[i], got[i - 5], "doc {i}");
        }
    }
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

/// Synthetic stories of five documents each: two rare entities and three rare words of the
/// story, one frequent entity, and common words, all on the story's day or the next.
fn dedup_synthetic(n: usize) -> Vec<StoryDoc> {
    let common = [
        "president",
        "government",
        "minister",
        "country",
        "police",
        "people",
    ];
    (0..n)
        .map(|i| {
            let story = i / 5;
            let day = 19_000 + (story % 365) as i64 + (i % 2) as i64;
            let lead = format!(
                "{} {} {} {} report {} {}",
                common[i % 6],
                word(story, 'a'),
                common[(i + 1) % 6],
                word(story, 'e'),
                word(story, 'o'),
                common[(i + 3) % 6]
            );
            StoryDoc {
                id: i as u64,
                day: Some(day),
                entities: vec![
                    (format!("person-{story}"), 2),
                    (format!("place-{}", story / 3), 1),
                    ("united-nations".to_owned(), 1),
                ],
                lead,
            }
        })
        .collect()
}

/// A made-up word of five letters for a story number under 10 000 (stems keep six).
fn word(story: usize, vowel: char) -> String {
    let consonants = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm'];
    let mut w = String::from(vowel);
    let mut n = story;
    for _ in 0..4 {
        w.push(consonants[n % 10]);
        n /= 10;
    }
    w
}

fn doc_strategy() -> impl Strategy<Value = StoryDoc> {
    (
        proptest::option::of(0i64..10),
        proptest::collection::vec(("[a-d]", 1u32..3), 0..3),
        proptest::collection::vec("(alpha|bravo|charlie|delta|echo|foxtrot)", 0..6),
    )
        .prop_map(|(day, entities, words)| StoryDoc {
            id: 0,
            day,
            entities,
            lead: words.join(" "),
        })
}

proptest! {
    #[test]
    fn numbering_starts_at_zero_in_order_of_first_appearance(
        docs in proptest::collection::vec(doc_strategy(), 0..40)
    ) {
        let got = stories(&docs);
        prop_assert_eq!(got.len(), docs.len());
        let mut next = 0;
        for &s in &got {
            prop_assert!(s <= next);
            if s == next {
                next += 1;
            }
        }
        prop_assert_eq!(stories(&docs), got);
    }
}
