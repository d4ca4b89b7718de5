//! Language identification table: `test_data/langid.tsv`, one case per line.

use langid::LanguageIdentifier;

#[test]
fn langid_table() {
    let path = format!("{}/test_data/langid.tsv", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap();
    let identifier = LanguageIdentifier::new();
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (expected, text) = line.split_once('\t').unwrap_or((line, ""));
        let guess = identifier.identify(text);
        let got = guess.code.map_or("-".to_owned(), |c| c.to_string());
        if got != expected {
            failures.push(format!(
                "langid.tsv:{}: {text:?}: want {expected}, got {got} ({:?})",
                n + 1,
                guess.confidence
            ));
        }
        if let Some(c) = guess.confidence {
            assert!((0.0..=1.0).contains(&c));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
