//! The rules as data: `test_data/quantities.tsv`, one case per line.

use doc::{Bound, LangCode, QuantityKind};
use quantities::Extractor;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-3 * b.abs().max(1e-3)
}

#[test]
fn table() {
    let extractor = Extractor::new();
    let data = include_str!("../test_data/quantities.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        cases += 1;
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 3, "line {}: three columns", n + 1);
        let (text, lang, expected) = (f[0], LangCode::parse(f[1]), f[2]);
        let got = extractor.extract(text, lang, &[]);
        let shown: Vec<String> = got
            .iter()
            .map(|q| {
                format!(
                    "{}|{}{}{}|{}|{}|{}|{}",
                    &text[q.range.start()..q.range.end()],
                    q.value,
                    q.value_max.map(|v| format!("..{v}")).unwrap_or_default(),
                    if q.kind == QuantityKind::Ordinal {
                        " ord"
                    } else {
                        ""
                    },
                    q.bound.as_str(),
                    q.unit.as_deref().unwrap_or("-"),
                    q.si.as_ref()
                        .map(|s| format!("{}:{}", s.value, s.unit))
                        .unwrap_or("-".into()),
                    q.counted.as_ref().map(|c| c.lemma.as_str()).unwrap_or("-"),
                )
            })
            .collect();
        let want: Vec<&str> = if expected == "none" {
            vec![]
        } else {
            expected.split(" ; ").collect()
        };
        let ok = want.len() == got.len()
            && want.iter().zip(&got).all(|(w, q)| {
                let w: Vec<&str> = w.split('|').collect();
                if w.len() != 6 {
                    return false;
                }
                let span = &text[q.range.start()..q.range.end()];
                let (value, ord) = match w[1].strip_suffix(" ord") {
                    Some(v) => (v, true),
                    None => (w[1], false),
                };
                let value_ok = match value.split_once("..") {
                    Some((a, b)) => {
                        q.bound == Bound::Range
                            && close(q.value, a.parse().unwrap_or(f64::NAN))
                            && q.value_max
                                .is_some_and(|m| close(m, b.parse().unwrap_or(f64::NAN)))
                    }
                    None => close(q.value, value.parse().unwrap_or(f64::NAN)),
                };
                let si_ok = match w[4].split_once(':') {
                    Some((v, u)) => q.si.as_ref().is_some_and(|s| {
                        s.unit == u && close(s.value, v.parse().unwrap_or(f64::NAN))
                    }),
                    None => q.si.is_none(),
                };
                span == w[0]
                    && value_ok
                    && ord == (q.kind == QuantityKind::Ordinal)
                    && q.bound.as_str() == w[2]
                    && q.unit.as_deref().unwrap_or("-") == w[3]
                    && si_ok
                    && q.counted.as_ref().map(|c| c.lemma.as_str()).unwrap_or("-") == w[5]
            });
        if !ok {
            failures.push(format!(
                "line {}: {text:?}\n   want {expected}\n   got  {}",
                n + 1,
                shown.join(" ; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
