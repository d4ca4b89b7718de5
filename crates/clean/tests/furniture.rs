//! Furniture classification as a table: `test_data/furniture.tsv`. The annotated articles of
//! `test_data/scraped/` are scored by `veille eval furniture` and checked in the eval crate.

use clean::{CleanOptions, Cleaner};
use doc::{RawArticle, RawBody};

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
        let raw = RawArticle::new(format!("case{}", n + 1), RawBody::Text(body));
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

/// Offsets taken from the folded line were used to cut the original one: a no-break space
/// (2 bytes, folded to 1) or an apostrophe (1 byte, folded to 3) put the cut inside a
/// character, and the whole batch stopped on the panic.
#[test]
fn regression_folded_offsets_cut_the_original_line() {
    let cleaner = Cleaner::new(CleanOptions::default());
    for text in [
        "Titre de la page ici\n\nREUTERS\u{a0}Photo\n\nIl a rencontré le maire.\n",
        "Le soir l'AFP\n\nLe soir l'AFP d'accord\n\nIl a rencontré le maire ce matin à la mairie.\n",
        "Un titre assez long pour la page\n\nUn titre assez long pour la page É\u{a0}X\u{a0}Y\n\nLe texte suit ici.\n",
    ] {
        let doc = cleaner.build(RawArticle::new("t", RawBody::Text(text.to_owned())));
        assert!(
            doc.text().contains("Il a rencontré") || doc.text().contains("Le texte suit"),
            "{text:?}"
        );
    }
}
