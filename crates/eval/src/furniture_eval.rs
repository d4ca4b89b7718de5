//! Furniture removal on annotated scraped text: line by line, is furniture removed and is the
//! body kept?

use std::path::Path;

use anyhow::{Context, Result};
use clean::{CleanOptions, Cleaner};
use doc::{RawArticle, RawBody};

use crate::{Counts, Row};

/// One annotated article: each line tagged `TITLE`, `KEEP` or `DROP:<reason>`.
struct Annotated {
    lang: String,
    raw: String,
    title: String,
    lines: Vec<(Option<String>, String)>,
}

/// Reads the `<lang>-<nn>-<slug>.txt` files of `dir` (format in
/// `crates/clean/test_data/scraped/README.md`).
fn read_annotated(dir: &Path) -> Result<Vec<Annotated>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let data = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut doc = Annotated {
            lang: name.split('-').next().unwrap_or("").to_owned(),
            raw: String::new(),
            title: String::new(),
            lines: Vec::new(),
        };
        for line in data.lines() {
            let (tag, text) = line.split_once('\t').unwrap_or(("", ""));
            doc.raw.push_str(text);
            doc.raw.push('\n');
            match tag {
                "TITLE" => doc.title = text.to_owned(),
                "KEEP" => doc.lines.push((None, text.to_owned())),
                "" => {}
                _ => doc.lines.push((
                    Some(tag.trim_start_matches("DROP:").to_owned()),
                    text.to_owned(),
                )),
            }
        }
        out.push(doc);
    }
    Ok(out)
}

/// Per language and overall: `furniture-line` counts a removed furniture line as a true
/// positive, a removed body line as a false positive, a kept furniture line as a false
/// negative; `reason` counts furniture removed with the annotated reason; `title` counts
/// titles found.
pub fn furniture(dir: &Path, set: &str) -> Result<Vec<Row>> {
    let cleaner = Cleaner::new(CleanOptions::default());
    let docs = read_annotated(dir)?;
    let mut by_lang: std::collections::BTreeMap<String, (Counts, Counts, Counts, usize)> =
        Default::default();
    for doc in &docs {
        let built = cleaner.build(RawArticle::new(
            doc.lang.clone(),
            RawBody::Text(doc.raw.clone()),
        ));
        // Lines are compared as multisets: a title or a body line may also be repeated as
        // furniture, and only the extra copies should go.
        let mut kept_count: std::collections::HashMap<&str, usize> = Default::default();
        for line in built.text().lines() {
            *kept_count.entry(line).or_default() += 1;
        }
        let mut expected: std::collections::HashMap<String, (usize, Vec<&str>)> =
            Default::default();
        expected.entry(clean::normalize(&doc.title)).or_default().0 += 1;
        for (reason, text) in &doc.lines {
            let entry = expected.entry(clean::normalize(text)).or_default();
            match reason {
                None => entry.0 += 1,
                Some(reason) => entry.1.push(reason),
            }
        }
        let removed = built.removed.as_deref().unwrap_or_default();
        let mut lines = Counts::default();
        let mut reasons = Counts::default();
        for (text, (keep, drops)) in &expected {
            let actual = kept_count.get(text.as_str()).copied().unwrap_or(0);
            let lost = keep.saturating_sub(actual);
            let dropped_ok = (keep + drops.len())
                .saturating_sub(actual)
                .saturating_sub(lost)
                .min(drops.len());
            lines.tp += dropped_ok;
            lines.fn_ += drops.len() - dropped_ok;
            lines.fp += lost;
            let right_reason = removed
                .iter()
                .filter(|r| r.text == *text && drops.contains(&r.reason))
                .count();
            reasons.tp += right_reason.min(drops.len());
            reasons.fn_ += drops.len() - right_reason.min(drops.len());
        }
        let title_ok = built.title.as_deref() == Some(clean::normalize(&doc.title).as_str());
        let title = Counts {
            tp: usize::from(title_ok),
            fp: 0,
            fn_: usize::from(!title_ok),
        };
        for key in [doc.lang.clone(), "all".to_owned()] {
            let entry = by_lang.entry(key).or_default();
            entry.0 += lines;
            entry.1 += reasons;
            entry.2 += title;
            entry.3 += 1;
        }
    }
    let mut rows = Vec::new();
    for (lang, (lines, reasons, titles, n)) in by_lang {
        rows.push(Row::new(
            "furniture",
            set,
            &lang,
            "furniture-line",
            "all",
            n,
            lines,
        ));
        rows.push(Row::new(
            "furniture",
            set,
            &lang,
            "reason",
            "all",
            n,
            reasons,
        ));
        rows.push(Row::new("furniture", set, &lang, "title", "all", n, titles));
    }
    Ok(rows)
}
