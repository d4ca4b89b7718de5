//! The readable view of a document, for a terminal.

use std::io::{self, Write};

use doc::Document;

/// Writes `doc` as a short report: header, removed lines, entities, times and quantities,
/// diagnostics,
/// then one sentence per line.
pub fn write_text(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "── {} ──", doc.id)?;
    if let Some(path) = &doc.source.path {
        writeln!(out, "source     {path}")?;
    }
    if let Some(url) = &doc.source.url {
        writeln!(out, "url        {url}")?;
    }
    writeln!(out, "title      {}", doc.title.as_deref().unwrap_or("—"))?;
    writeln!(
        out,
        "published  {}",
        doc.published.as_deref().unwrap_or("—")
    )?;
    match doc.lang() {
        Some(guess) => {
            let code = guess
                .code
                .map(|c| c.to_string())
                .unwrap_or_else(|| "undetermined".to_owned());
            match guess.confidence {
                Some(c) => writeln!(out, "language   {code} ({c:.2})")?,
                None => writeln!(out, "language   {code} (declared)")?,
            }
        }
        None => writeln!(out, "language   —")?,
    }
    let n_tokens = doc.tokens().map_or(0, <[_]>::len);
    let n_sentences = doc.sentences().map_or(0, <[_]>::len);
    writeln!(
        out,
        "size       {} characters, {n_sentences} sentences, {n_tokens} tokens",
        doc.text().chars().count()
    )?;
    if let Some(m) = &doc.metadata {
        if !m.authors.is_empty() {
            writeln!(out, "authors    {}", m.authors.join(", "))?;
        }
        if let Some(site) = &m.site {
            writeln!(out, "site       {site}")?;
        }
        for c in &m.captions {
            writeln!(out, "caption    {c}")?;
        }
        for c in &m.credits {
            writeln!(out, "credit     {c}")?;
        }
    }
    for r in doc.removed.iter().flatten() {
        writeln!(out, "removed    [{}] {}", r.reason, r.text)?;
    }
    for e in doc.entities().into_iter().flatten() {
        writeln!(
            out,
            "entity     {} → {}",
            doc.slice(e.range),
            e.label.as_str()
        )?;
    }
    for t in doc.times().into_iter().flatten() {
        let anchored = if t.anchored { "" } else { " (not anchored)" };
        let modifier = t.modifier.map(|m| format!(" mod {m}")).unwrap_or_default();
        writeln!(
            out,
            "time       {} → {} {}{modifier}{anchored}",
            doc.slice(t.range),
            t.kind.as_str(),
            t.value
        )?;
    }
    for q in doc.quantities().into_iter().flatten() {
        let value = match q.value_max {
            Some(max) => format!("{}–{max}", q.value),
            None => q.value.to_string(),
        };
        let unit = q
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let si =
            q.si.as_ref()
                .filter(|si| Some(si.unit.as_str()) != q.unit.as_deref())
                .map(|si| format!(" = {:.4} {}", si.value, si.unit))
                .unwrap_or_default();
        let counted = q
            .counted
            .as_ref()
            .map(|c| format!(" of {}", doc.slice(c.range)))
            .unwrap_or_default();
        writeln!(
            out,
            "quantity   {} → {} {value}{unit}{si}{counted}",
            doc.slice(q.range),
            q.bound.as_str()
        )?;
    }
    for d in &doc.diagnostics {
        writeln!(out, "note       [{}] {}", d.stage, d.message)?;
    }
    writeln!(out)?;
    match doc.sentences() {
        Some(sentences) => {
            for (i, &s) in sentences.iter().enumerate() {
                writeln!(out, "{:>4}  {}", i + 1, doc.slice(s).replace('\n', " ⏎ "))?;
            }
        }
        None => writeln!(out, "{}", doc.text())?,
    }
    writeln!(out)
}
