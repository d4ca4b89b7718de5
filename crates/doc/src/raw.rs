//! What readers hand to the cleaner: an article as it came in, already decoded to Unicode.

use crate::{Diagnostic, LangCode, Source};

/// The body of an input before cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawBody {
    /// Plain text (a `.txt` file, stdin, or the `text` field of a JSON Lines record).
    Text(String),
    /// A web page (a `.html` file or the `html` field of a JSON Lines record).
    Html(String),
}

/// One article as read from its input: decoded, not yet cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawArticle {
    /// File stem, or the `id` of a JSON Lines record.
    pub id: String,
    /// Where it came from.
    pub source: Source,
    /// A title given by the input (JSON Lines `title`), if any.
    pub title: Option<String>,
    /// A publication date given by the input, as written (ISO 8601 expected).
    pub published: Option<String>,
    /// A language declared by the input; detection is skipped when set.
    pub lang: Option<LangCode>,
    /// The body.
    pub body: RawBody,
    /// What the reader noticed (legacy encoding decoded, replaced bytes, ...).
    pub diagnostics: Vec<Diagnostic>,
}

impl RawArticle {
    /// An article with only an id and a body: no title, date, language or source given.
    pub fn new(id: impl Into<String>, body: RawBody) -> RawArticle {
        RawArticle {
            id: id.into(),
            source: Source::default(),
            title: None,
            published: None,
            lang: None,
            body,
            diagnostics: Vec::new(),
        }
    }
}
