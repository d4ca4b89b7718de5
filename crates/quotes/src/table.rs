//! The golden tables of `test_data/` (`quotes.tsv`, `claims.tsv`): reading them and checking
//! a document against a case. Shared by the crate's tests and `veille eval quotes`.
//!
//! `quotes.tsv`: `lang⇥text⇥quote⇥kind⇥speaker⇥cue`, one expected quote a line; consecutive
//! lines with the same language and text are one case, which passes when the document's
//! quotes are exactly the expected ones (text of the content, kind, text of the speaker, text
//! of the cue). A quote of `-` expects no quote at all; a speaker or cue of `-` expects none.
//! `claims.tsv`: `lang⇥text⇥quantity⇥source⇥cue`, one expected claim a line; the claim of
//! the quantity whose text is `quantity` must have that source and cue (`-`: the article).
//! In texts, `\n` stands for a line break. Lines starting with `#` are comments.

use std::path::PathBuf;

use doc::{Document, LangCode, QuoteKind, TextRange};

/// Where the tables are.
pub fn test_data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

/// One expected quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedQuote {
    /// The content's text.
    pub quote: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker's text.
    pub speaker: Option<String>,
    /// The cue's text.
    pub cue: Option<String>,
}

/// One expected claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedClaim {
    /// The quantity's text.
    pub quantity: String,
    /// The source's text (`None`: the article).
    pub source: Option<String>,
    /// The cue's text.
    pub cue: Option<String>,
}

/// A case: a text and what it should give.
#[derive(Clone, Debug)]
pub struct Case<T> {
    /// Line of its first row in the table.
    pub line: usize,
    /// The language of the text.
    pub lang: LangCode,
    /// The text.
    pub text: String,
    /// What it should give.
    pub expected: Vec<T>,
}

fn opt(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_owned())
}

fn rows(tsv: &str, width: usize) -> Result<Vec<(usize, Vec<&str>)>, String> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != width {
            return Err(format!(
                "line {}: {} columns, want {width}",
                n + 1,
                cols.len()
            ));
        }
        out.push((n + 1, cols));
    }
    Ok(out)
}

fn group<T>(
    rows: Vec<(usize, Vec<&str>)>,
    item: impl Fn(&[&str]) -> Result<Option<T>, String>,
) -> Result<Vec<Case<T>>, String> {
    let mut cases: Vec<Case<T>> = Vec::new();
    for (line, cols) in rows {
        let lang = LangCode::parse(cols[0]).ok_or(format!("line {line}: language {}", cols[0]))?;
        let text = cols[1].replace("\\n", "\n");
        let it = item(&cols[2..]).map_err(|e| format!("line {line}: {e}"))?;
        match cases.last_mut() {
            Some(c) if c.lang == lang && c.text == text => c.expected.extend(it),
            _ => cases.push(Case {
                line,
                lang,
                text,
                expected: it.into_iter().collect(),
            }),
        }
    }
    Ok(cases)
}

/// Reads `quotes.tsv`.
pub fn read_quote_cases(tsv: &str) -> Result<Vec<Case<ExpectedQuote>>, String> {
    group(rows(tsv, 6)?, |c| {
        if c[0] == "-" {
            return Ok(None);
        }
        let kind = match c[1] {
            "direct" => QuoteKind::Direct,
            "indirect" => QuoteKind::Indirect,
            k => return Err(format!("kind {k}")),
        };
        Ok(Some(ExpectedQuote {
            quote: c[0].to_owned(),
            kind,
            speaker: opt(c[2]),
            cue: opt(c[3]),
        }))
    })
}

/// Reads `claims.tsv`.
pub fn read_claim_cases(tsv: &str) -> Result<Vec<Case<ExpectedClaim>>, String> {
    group(rows(tsv, 5)?, |c| {
        Ok(Some(ExpectedClaim {
            quantity: c[0].to_owned(),
            source: opt(c[1]),
            cue: opt(c[2]),
        }))
    })
}

fn text_of(doc: &Document, r: Option<TextRange>) -> Option<String> {
    r.and_then(|r| doc.text().get(r.start()..r.end()).map(str::to_owned))
}

/// The quotes of `doc` (which has the quotes layer) as comparable rows.
pub fn quotes_of(doc: &Document) -> Vec<ExpectedQuote> {
    doc.quotes()
        .unwrap_or_default()
        .iter()
        .map(|q| ExpectedQuote {
            quote: text_of(doc, Some(q.range)).unwrap_or_default(),
            kind: q.kind,
            speaker: text_of(doc, q.speaker),
            cue: text_of(doc, q.cue),
        })
        .collect()
}

/// Whether `doc` gives exactly the expected quotes; the difference otherwise.
pub fn check_quotes(doc: &Document, case: &Case<ExpectedQuote>) -> Result<(), String> {
    let got = quotes_of(doc);
    if got == case.expected {
        Ok(())
    } else {
        Err(format!(
            "line {}: {:?}\n  want {:?}\n  got  {:?}",
            case.line, case.text, case.expected, got
        ))
    }
}

/// Whether `doc` (with quantities and claims) gives the expected claims.
pub fn check_claims(doc: &Document, case: &Case<ExpectedClaim>) -> Result<(), String> {
    let quantities = doc.quantities().unwrap_or_default();
    let claims = doc.claims().unwrap_or_default();
    let mut problems = Vec::new();
    for want in &case.expected {
        let claim = claims.iter().find(|c| {
            quantities
                .get(c.quantity)
                .and_then(|q| text_of(doc, Some(q.range)))
                .is_some_and(|t| t == want.quantity)
        });
        let got = claim.map(|c| ExpectedClaim {
            quantity: want.quantity.clone(),
            source: text_of(doc, c.source),
            cue: text_of(doc, c.cue),
        });
        if got.as_ref() != Some(want) {
            let found: Vec<String> = quantities
                .iter()
                .filter_map(|q| text_of(doc, Some(q.range)))
                .collect();
            problems.push(format!("want {want:?}, got {got:?} (quantities {found:?})"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "line {}: {:?}\n  {}",
            case.line,
            case.text,
            problems.join("\n  ")
        ))
    }
}
