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
        let raw = RawArticle::new(doc.name.clone(), RawBody::Text(doc.raw.clone()));
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

/// `test_data/furniture.tsv`: one case per line, every furniture kind in each language, and
/// body lines that look like furniture.
#[test]
fn furniture_table() {
    let path = format!("{}/test_data/furniture.tsv", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap();
    let cleaner = Cleaner::new(CleanOptions::default());
    let mut failures = Vec::new();
    let mut covered = std::collections::BTreeSet::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [lang, reason, lines] = fields[..] else {
            panic!("furniture.tsv:{}: want 3 fields", n + 1)
        };
        let (title, before, after) = match lang {
            "fr" => (
                "Le gouvernement annonce un plan pour les transports",
                "Le gouvernement a présenté lundi un plan pour les transports publics.",
                "Les régions devront présenter leurs projets avant l'été.",
            ),
            "en" => (
                "Government announces a transport plan",
                "The government unveiled a plan for public transport on Monday.",
                "Regions must submit their projects before the summer.",
            ),
            _ => (
                "Правительство объявило о плане для транспорта",
                "Правительство в понедельник представило план развития общественного транспорта.",
                "Регионы должны представить свои проекты до лета.",
            ),
        };
        let parts: Vec<&str> = lines.split('⏎').collect();
        let target = clean::normalize(parts[parts.len() - 1]);
        let body = format!("{title}\n\n{before}\n{}\n{after}\n", parts.join("\n"));
        let raw = RawArticle {
            id: format!("case{}", n + 1),
            source: Source::default(),
            title: None,
            published: None,
            lang: None,
            body: RawBody::Text(body),
            diagnostics: Vec::new(),
        };
        let doc = cleaner.build(raw);
        let removed: Vec<&doc::Removed> = doc
            .removed
            .iter()
            .flatten()
            .filter(|r| r.text == target)
            .collect();
        let got = removed.last().map_or("keep", |r| r.reason);
        if got != reason {
            failures.push(format!(
                "furniture.tsv:{}: {lang} {target:?}: want {reason}, got {got}",
                n + 1
            ));
        }
        if !doc.text().contains(&clean::normalize(before))
            || !doc.text().contains(&clean::normalize(after))
        {
            failures.push(format!(
                "furniture.tsv:{}: a body sentence around the case was lost",
                n + 1
            ));
        }
        covered.insert((lang.to_owned(), reason.to_owned()));
    }
    // Every kind of furniture is covered in every language.
    for reason in [
        "advertisement",
        "share",
        "navigation",
        "related",
        "newsletter",
        "cookie",
        "tags",
        "comments",
        "dateline",
        "byline",
        "credit",
        "caption",
        "duplicate-title",
        "duplicate",
        "separator",
        "keep",
    ] {
        for lang in ["fr", "en", "ru"] {
            assert!(
                covered.contains(&(lang.to_owned(), reason.to_owned())),
                "no {lang} case for {reason}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
