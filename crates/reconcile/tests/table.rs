//! `test_data/claims.tsv`: claim facts and the groups they must form.

mod common;

use std::collections::BTreeMap;

use common::{Row, rows};
use reconcile::{ClaimFact, reconcile};

#[test]
fn claims_table() {
    let rows = rows();
    let mut cases: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in &rows {
        cases.entry(r.case.as_str()).or_default().push(r);
    }
    let mut failures = Vec::new();
    for (case, rows) in &cases {
        let facts: Vec<ClaimFact> = rows.iter().map(|r| r.fact.clone()).collect();
        let groups = reconcile(&facts);
        for g in &groups {
            let lines: Vec<usize> = g.members.iter().map(|&m| rows[m].line).collect();
            eprintln!(
                "{case}: {:?} {:?} {} lines {lines:?}",
                g.what,
                g.unit,
                g.status.as_str()
            );
        }
        let mut group_of = vec![usize::MAX; facts.len()];
        for (g, group) in groups.iter().enumerate() {
            for &m in &group.members {
                group_of[m] = g;
            }
        }
        for (i, r) in rows.iter().enumerate() {
            let g = &groups[group_of[i]];
            if g.status.as_str() != r.status {
                failures.push(format!(
                    "line {} ({case}): status {} (group {:?}), want {}",
                    r.line,
                    g.status.as_str(),
                    g.what,
                    r.status
                ));
            }
            if let Some(want) = &r.what
                && &g.what != want
            {
                failures.push(format!(
                    "line {} ({case}): what {:?}, want {want:?}",
                    r.line, g.what
                ));
            }
            for (j, other) in rows.iter().enumerate() {
                if (r.group == other.group) != (group_of[i] == group_of[j]) {
                    failures.push(format!(
                        "line {} vs line {} ({case}): together {}, want {}",
                        r.line,
                        other.line,
                        group_of[i] == group_of[j],
                        r.group == other.group
                    ));
                }
            }
        }
        // Conflicting first, then consistent, then single.
        let ranks: Vec<u8> = groups
            .iter()
            .map(|g| match g.status.as_str() {
                "conflicting" => 0,
                "consistent" => 1,
                _ => 2,
            })
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "{case}: order {ranks:?}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
