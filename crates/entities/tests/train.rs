//! Training on a small made-up corpus: the model learns the pattern, survives its own file
//! format, and scores what it learnt.

use doc::{EntityLabel, LangCode};
use entities::train::{Example, TrainOptions, evaluate, train};
use entities::{Model, Span};

/// Sentences "<Name> <Surname> visited <City> with <Org> staff ." from small lists, every
/// combination a different sentence.
fn corpus(names: &[&str], cities: &[&str], orgs: &[&str]) -> Vec<(Vec<String>, Vec<Span>)> {
    let mut out = Vec::new();
    for (i, n) in names.iter().enumerate() {
        for (j, c) in cities.iter().enumerate() {
            let o = orgs[(i + j) % orgs.len()];
            let sur = names[(i * 7 + j * 3 + 1) % names.len()];
            let tokens: Vec<String> = [n, sur, "visited", c, "with", o, "staff", "."]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            let spans = vec![
                Span {
                    start: 0,
                    end: 2,
                    label: EntityLabel::Per,
                },
                Span {
                    start: 3,
                    end: 4,
                    label: EntityLabel::Loc,
                },
                Span {
                    start: 5,
                    end: 6,
                    label: EntityLabel::Org,
                },
            ];
            out.push((tokens, spans));
        }
    }
    out
}

fn ex(data: &[(Vec<String>, Vec<Span>)]) -> Vec<Example<'_>> {
    data.iter()
        .map(|(t, s)| Example {
            tokens: t,
            spans: s,
            labels: 0b1111,
            domain: 0,
        })
        .collect()
}

#[test]
fn learns_a_pattern_and_round_trips() {
    let train_set = corpus(
        &[
            "Anna", "Boris", "Clara", "Denis", "Elena", "Fedor", "Galina", "Hugo",
        ],
        &["Paris", "Lyon", "Kazan", "Omsk", "Brest", "Nice"],
        &["Acme", "Globex", "Initech"],
    );
    let held_out = corpus(
        &["Irina", "Jules", "Karl"],
        &["Perm", "Tours"],
        &["Umbrella", "Hooli"],
    );
    for viterbi in [true, false] {
        let opts = TrainOptions {
            epochs: 5,
            bits: 16,
            viterbi,
            ..TrainOptions::default()
        };
        let model = train(LangCode::FR, &ex(&train_set), &opts);
        let counts = evaluate(&model, &ex(&held_out));
        let (_, _, f) = counts.prf(None);
        // Unseen names in a seen pattern: Viterbi gets them all here, the greedy decoder
        // most (0.8 when written).
        let floor = if viterbi { 0.9 } else { 0.7 };
        assert!(
            f > floor,
            "viterbi {viterbi}: F1 {f} on unseen names in a seen pattern"
        );
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).expect("own bytes parse");
        assert!(
            back.to_bytes() == bytes,
            "a model read back writes other bytes"
        );
        assert_eq!(evaluate(&back, &ex(&held_out)), counts);
        assert_eq!(back.lang(), LangCode::FR);
    }
    // An empty training set gives a model that tags nothing, without failing.
    let empty = train(
        LangCode::EN,
        &[],
        &TrainOptions {
            bits: 12,
            ..TrainOptions::default()
        },
    );
    let mut tags = Vec::new();
    empty.tag(&["Paris", "is", "big"], &mut tags);
    assert!(tags.iter().all(|t| t.label().is_none()));
}
