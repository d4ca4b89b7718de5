//! Builds a [`Document`] from a [`RawArticle`]: the only place where the text is made.
//!
//! Key decisions:
//! - The text is fixed here, once: `title`, a blank line, then the body. Every later stage
//!   annotates it without changing it.
//! - Normalisation ([`normalize`]) is NFC, one line ending (`\n`), spaces folded to what they
//!   mean (ordinary space, or the no-break spaces U+00A0 and U+202F that group digits and
//!   precede French punctuation), invisible characters dropped; the wording is kept.
//! - `--no-clean` ([`CleanOptions::keep_text`]) keeps a text input byte for byte, so offsets
//!   refer to the input (gold sets, pre-cleaned corpora).
//! - HTML gets a first extraction ([`html`]): title, paragraphs, metadata. Main-content
//!   extraction and boilerplate removal are their own, later work.

pub mod html;
mod normalize;

use doc::{Diagnostic, Document, LangGuess, RawArticle, RawBody};

pub use normalize::{normalize, normalize_inline};

/// How the text is built.
#[derive(Clone, Debug, Default)]
pub struct CleanOptions {
    /// Keep a text body exactly as given (no normalisation, no title line added).
    pub keep_text: bool,
    /// Do not take the first line of a plain-text body as its title.
    pub no_title: bool,
    /// The publication date when the input gives none.
    pub default_published: Option<String>,
}

/// The stage name in diagnostics.
pub const STAGE: &str = "clean";

/// Builds the document of `raw`.
pub fn build(raw: RawArticle, options: &CleanOptions) -> Document {
    let RawArticle { id, mut source, title, published, lang, body, diagnostics } = raw;
    let mut notes = diagnostics;
    let (text, title, published) = match body {
        RawBody::Text(body) if options.keep_text => {
            let title = title.or_else(|| (!options.no_title).then(|| first_line(&body)).flatten());
            (body, title, published)
        }
        RawBody::Text(body) => {
            let body = normalize(&body);
            let title = title.map(|t| normalize_inline(&t)).filter(|t| !t.is_empty());
            match title {
                Some(title) => (join_title(&title, &body), Some(title), published),
                None if options.no_title => (body, None, published),
                None => {
                    let title = first_line(&body);
                    (body, title, published)
                }
            }
        }
        RawBody::Html(page) => {
            if options.keep_text {
                notes.push(Diagnostic::new(STAGE, "--no-clean ignored for an HTML page: its text is extracted"));
            }
            let article = html::extract(&page);
            if source.url.is_none() {
                source.url = article.url.clone();
            }
            let title = title.map(|t| normalize_inline(&t)).or(article.title);
            let body = article.paragraphs.join("\n\n");
            if body.is_empty() {
                notes.push(Diagnostic::new(STAGE, "no text found in the page"));
            }
            let text = match &title {
                Some(title) => join_title(title, &body),
                None => body,
            };
            (text, title, published.or(article.published))
        }
    };
    let mut doc = Document::new(id, source, text);
    doc.title = title;
    doc.published = published.map(|p| p.trim().to_owned()).or_else(|| options.default_published.clone());
    doc.diagnostics = notes;
    if let Some(code) = lang {
        doc.put_lang(LangGuess { code: Some(code), confidence: None });
    }
    doc
}

fn join_title(title: &str, body: &str) -> String {
    if body.is_empty() {
        return title.to_owned();
    }
    // A body that already starts with its title (scraped text often does) keeps one copy.
    let body = body.strip_prefix(title).filter(|rest| rest.starts_with('\n')).unwrap_or(body);
    format!("{title}\n\n{}", body.trim_start_matches('\n'))
}

fn first_line(body: &str) -> Option<String> {
    body.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_owned)
}
