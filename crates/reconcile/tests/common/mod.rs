//! Reading `test_data/claims.tsv`.

// Each test crate reads the columns it needs.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use doc::{Bound, SiValue};
use reconcile::ClaimFact;

/// One line of the table.
pub struct Row {
    pub line: usize,
    pub case: String,
    pub fact: ClaimFact,
    pub group: String,
    pub status: String,
    pub what: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_owned())
}

fn bound(s: &str) -> Bound {
    match s {
        "exact" => Bound::Exact,
        "about" => Bound::About,
        "more_than" => Bound::MoreThan,
        "less_than" => Bound::LessThan,
        "at_least" => Bound::AtLeast,
        "at_most" => Bound::AtMost,
        "range" => Bound::Range,
        other => panic!("bound {other}"),
    }
}

pub fn rows() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/claims.tsv");
    let text = fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        assert_eq!(c.len(), 17, "line {}: {} columns", n + 1, c.len());
        let fact = ClaimFact {
            document: c[2].to_owned(),
            lang: opt(c[1]),
            text: c[4].to_owned(),
            sentence: c[5].to_owned(),
            value: c[6].parse().unwrap(),
            value_max: opt(c[7]).map(|v| v.parse().unwrap()),
            bound: bound(c[8]),
            unit: opt(c[9]),
            si: opt(c[10]).map(|s| {
                let (v, u) = s.split_once(':').unwrap();
                SiValue {
                    value: v.parse().unwrap(),
                    unit: u.to_owned(),
                }
            }),
            counted: opt(c[11]),
            source: opt(c[3]),
            places: opt(c[12])
                .map(|p| p.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
            when: opt(c[13]),
        };
        assert!(
            fact.sentence.contains(&fact.text),
            "line {}: text not in sentence",
            n + 1
        );
        out.push(Row {
            line: n + 1,
            case: c[0].to_owned(),
            fact,
            group: c[14].to_owned(),
            status: c[15].to_owned(),
            what: opt(c[16]),
        });
    }
    out
}
