//! The readable view of a document, for a terminal.

use std::io::{self, Write};

use doc::Document;

/// Writes `doc` as a short report: header, diagnostics, then one sentence per line.
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
