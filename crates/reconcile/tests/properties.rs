//! Every fact is in exactly one group, and the order of the facts does not change the
//! grouping, the statuses or the names.

mod common;

use std::collections::BTreeSet;

use doc::Bound;
use proptest::prelude::*;
use reconcile::{ClaimFact, Status, reconcile};

/// Facts made from the table's rows with other values, bounds, sources, places and times.
fn facts() -> impl Strategy<Value = Vec<ClaimFact>> {
    let templates: Vec<ClaimFact> = common::rows().into_iter().map(|r| r.fact).collect();
    let n = templates.len();
    let fact = (
        0..n,
        0.5f64..2.0,
        0usize..7,
        proptest::option::of("[a-c]"),
        proptest::collection::vec("[x-z]", 0..2),
        proptest::option::of(prop_oneof![
            Just("2022-05-01"),
            Just("2023"),
            Just("XXXX-04")
        ]),
    )
        .prop_map(move |(t, scale, bound, source, places, when)| {
            let mut f = templates[t].clone();
            f.value *= scale.round().max(1.0);
            f.bound = [
                Bound::Exact,
                Bound::About,
                Bound::MoreThan,
                Bound::LessThan,
                Bound::AtLeast,
                Bound::AtMost,
                Bound::Range,
            ][bound];
            if f.bound == Bound::Range && f.value_max.is_none() {
                f.value_max = Some(f.value * 1.5);
            }
            if let Some(si) = &mut f.si {
                si.value *= scale.round().max(1.0);
            }
            f.source = source;
            f.places = places;
            f.when = when.map(str::to_owned);
            f
        });
    proptest::collection::vec(fact, 0..24)
}

/// The grouping as a set of (member facts as their original indices, what, unit, status).
type Grouping = BTreeSet<(Vec<usize>, String, Option<String>, &'static str)>;

fn grouping(facts: &[ClaimFact], original: &[usize]) -> Grouping {
    reconcile(facts)
        .into_iter()
        .map(|g| {
            let mut members: Vec<usize> = g.members.iter().map(|&m| original[m]).collect();
            members.sort_unstable();
            (members, g.what, g.unit, g.status.as_str())
        })
        .collect()
}

proptest! {
    #[test]
    fn every_fact_in_exactly_one_group(facts in facts()) {
        let groups = reconcile(&facts);
        let mut seen = vec![0; facts.len()];
        for g in &groups {
            prop_assert!(!g.members.is_empty());
            prop_assert!(g.members.windows(2).all(|w| w[0] < w[1]));
            prop_assert_eq!(g.status == Status::Single, g.members.len() == 1);
            for &m in &g.members {
                seen[m] += 1;
            }
        }
        prop_assert!(seen.iter().all(|&s| s == 1), "{:?}", seen);
        let ranks: Vec<u8> = groups.iter().map(|g| match g.status {
            Status::Conflicting => 0,
            Status::Consistent => 1,
            Status::Single => 2,
        }).collect();
        prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        prop_assert_eq!(reconcile(&facts), groups);
    }

    #[test]
    fn input_order_does_not_change_the_grouping(
        (facts, order) in facts().prop_flat_map(|f| {
            let n = f.len();
            (Just(f), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let identity: Vec<usize> = (0..facts.len()).collect();
        let shuffled: Vec<ClaimFact> = order.iter().map(|&i| facts[i].clone()).collect();
        prop_assert_eq!(grouping(&facts, &identity), grouping(&shuffled, &order));
    }
}
