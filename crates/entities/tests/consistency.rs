//! The document-level rules, case by case from `data/consistency.txt`.

use doc::{EntityLabel, LangCode};
use entities::Span;
use entities::consistency::harmonise;

fn parse_case(line: &str) -> (LangCode, Vec<String>, Vec<usize>, Vec<Span>, String) {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    assert_eq!(fields.len(), 3, "bad case line: {line}");
    let lang = LangCode::parse(fields[0]).expect("language");
    let mut tokens = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut starts = vec![0];
    for (i, item) in fields[1].split_whitespace().enumerate() {
        let (word, tag) = match item.rsplit_once('/') {
            Some((w, t)) if !w.is_empty() => (w, Some(t)),
            _ => (item, None),
        };
        if let Some(t) = tag {
            let fresh = t.starts_with('+');
            let label = EntityLabel::parse(t.trim_start_matches('+')).expect("label");
            match spans.last_mut() {
                Some(s) if !fresh && s.end == i && s.label == label => s.end = i + 1,
                _ => spans.push(Span {
                    start: i,
                    end: i + 1,
                    label,
                }),
            }
        }
        if i > 0 && tokens.last().is_some_and(|t: &String| t == ".") {
            starts.push(i);
        }
        tokens.push(word.to_owned());
    }
    (lang, tokens, starts, spans, fields[2].to_owned())
}

#[test]
fn consistency_cases() {
    let table = include_str!("data/consistency.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in table.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let (lang, tokens, starts, mut spans, expected) = parse_case(line);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        harmonise(Some(lang), &words, &starts, &mut spans);
        let got = spans
            .iter()
            .map(|s| format!("{}={}", words[s.start..s.end].join(" "), s.label.as_str()))
            .collect::<Vec<_>>()
            .join("; ");
        if got != expected {
            failures.push(format!("{line}\n    got: {got}"));
        }
    }
    assert!(n >= 15, "only {n} cases read");
    assert!(
        failures.is_empty(),
        "{} of {n} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
