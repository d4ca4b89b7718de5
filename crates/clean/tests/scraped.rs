//! The annotated scraped-text corpus in `test_data/scraped/` (written apart from the
//! classifier, never used to tune it): every body line kept, every furniture line removed.

use std::collections::BTreeMap;

use clean::{CleanOptions, Cleaner};
use doc::{RawArticle, RawBody, Source};

struct Annotated {
    name: String,
    raw: String,
    title: String,
    keep: Vec<String>,
    drop: Vec<(String, String)>,
}

fn corpus() -> Vec<Annotated> {
    let dir = format!("{}/test_data/scraped", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let data = std::fs::read_to_string(&path).unwrap();
            let mut doc = Annotated {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                raw: String::new(),
                title: String::new(),
                keep: Vec::new(),
                drop: Vec::new(),
            };
            for line in data.lines() {
                let (tag, text) = line.split_once('\t').unwrap_or(("", ""));
                doc.raw.push_str(text);
                doc.raw.push('\n');
                match tag {
                    "TITLE" => doc.title = text.to_owned(),
                    "KEEP" => doc.keep.push(text.to_owned()),
                    "" => {}
                    _ => doc
                        .drop
                        .push((tag.trim_start_matches("DROP:").to_owned(), text.to_owned())),
                }
            }
            doc
        })
        .collect()
}

#[test]
fn scraped_corpus_body_kept_and_furniture_removed() {
    let cleaner = Cleaner::new(CleanOptions::default());
    let mut lost = Vec::new();
    let mut left = Vec::new();
    let mut wrong_title = Vec::new();
    let mut reasons: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut n_keep, mut n_drop) = (0, 0);
    for doc in corpus() {
        let raw = RawArticle {
            id: doc.name.clone(),
            source: Source::default(),
            title: None,
            published: None,
            lang: None,
            body: RawBody::Text(doc.raw.clone()),
            diagnostics: Vec::new(),
        };
        let out = cleaner.build(raw);
        let lines: Vec<&str> = out.text().lines().collect();
        let normalized = |s: &str| clean::normalize(s);
        if out.title.as_deref() != Some(normalized(&doc.title).as_str()) {
            wrong_title.push(format!("{}: {:?}", doc.name, out.title));
        }
        for keep in &doc.keep {
            n_keep += 1;
            if !lines.contains(&normalized(keep).as_str()) {
                let why = removed_reason(&out, &normalized(keep));
                lost.push(format!("{}: [{why}] {keep}", doc.name));
            }
        }
        let removed = out.removed.as_deref().unwrap_or_default();
        fn removed_reason(doc: &doc::Document, text: &str) -> &'static str {
            doc.removed
                .iter()
                .flatten()
                .find(|r| r.text == text)
                .map_or("?", |r| r.reason)
        }
        for (reason, text) in &doc.drop {
            n_drop += 1;
            let entry = reasons.entry(reason.clone()).or_default();
            entry.1 += 1;
            match removed.iter().find(|r| r.text == normalized(text)) {
                Some(r) if r.reason == reason => entry.0 += 1,
                Some(_) => {}
                None => left.push(format!("{}: [{reason}] {text}", doc.name)),
            }
        }
    }
    let report: Vec<String> = reasons
        .iter()
        .map(|(r, (ok, n))| format!("{r} {ok}/{n}"))
        .collect();
    println!("body lines lost: {}/{n_keep}", lost.len());
    println!("furniture left: {}/{n_drop}", left.len());
    println!("reason right: {}", report.join(", "));
    println!("LOST\n  {}", lost.join("\n  "));
    println!("LEFT\n  {}", left.join("\n  "));
    println!("TITLES\n  {}", wrong_title.join("\n  "));
    assert!(lost.is_empty() && left.is_empty() && wrong_title.is_empty());
}
