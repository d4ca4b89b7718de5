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
//! - Page furniture (ads, share buttons, related links, bylines, captions, repeated titles...)
//!   is classified line by line ([`furniture`]) and removed with its reason into
//!   `Document::removed`: nothing is lost. Bylines, captions and credits become metadata.
//! - HTML gets a first extraction ([`html`]): title, blocks, metadata; the same furniture
//!   classification then runs on its blocks.

pub mod furniture;
pub mod html;
mod normalize;
pub mod readable;

use doc::{Diagnostic, Document, LangGuess, Metadata, RawArticle, RawBody, Removed};
use furniture::{Lexicon, Verdict};

pub use normalize::{normalize, normalize_inline};

/// How the text is built.
#[derive(Clone, Debug, Default)]
pub struct CleanOptions {
    /// Keep a text body exactly as given (no normalisation, no furniture removal, no title
    /// line added).
    pub keep_text: bool,
    /// Do not take the first line of a plain-text body as its title.
    pub no_title: bool,
    /// The publication date when the input gives none.
    pub default_published: Option<String>,
    /// The main-content scoring for web pages.
    pub extractor: html::Extractor,
}

/// The stage name in diagnostics.
pub const STAGE: &str = "clean";

/// Builds documents: holds the compiled furniture lexicon.
pub struct Cleaner {
    options: CleanOptions,
    lexicon: Lexicon,
}

impl Cleaner {
    /// A cleaner with `options`.
    pub fn new(options: CleanOptions) -> Cleaner {
        Cleaner {
            options,
            lexicon: Lexicon::new(),
        }
    }

    /// The options.
    pub fn options(&self) -> &CleanOptions {
        &self.options
    }

    /// Builds the document of `raw`.
    pub fn build(&self, raw: RawArticle) -> Document {
        let options = &self.options;
        let RawArticle {
            id,
            mut source,
            title,
            published,
            lang,
            body,
            diagnostics,
        } = raw;
        let mut notes = diagnostics;
        let mut site = None;
        let mut page_authors = Vec::new();
        let (text, title, published, cleaned) = match body {
            RawBody::Text(body) if options.keep_text => {
                let title =
                    title.or_else(|| (!options.no_title).then(|| first_line(&body)).flatten());
                (body, title, published, None)
            }
            RawBody::Text(body) => {
                let body = normalize(&body);
                let given = title
                    .map(|t| normalize_inline(&t))
                    .filter(|t| !t.is_empty());
                let paragraphs = paragraphs_of(&body);
                let (text, title, cleaned) = self.assemble(
                    &paragraphs,
                    given,
                    !options.no_title,
                    furniture::Source::Scraped,
                );
                (text, title, published, Some(cleaned))
            }
            RawBody::Html(page) => {
                if options.keep_text {
                    notes.push(Diagnostic::new(
                        STAGE,
                        "--no-clean ignored for an HTML page: its text is extracted",
                    ));
                }
                let article = html::extract(&page, options.extractor);
                notes.extend(
                    article
                        .notes
                        .iter()
                        .map(|n| Diagnostic::new(STAGE, n.clone())),
                );
                if source.url.is_none() {
                    source.url = article.url.clone();
                }
                site = article.site.clone();
                page_authors = article.authors.clone();
                let given = title
                    .map(|t| normalize_inline(&t))
                    .filter(|t| !t.is_empty())
                    .or(article.title);
                let paragraphs: Vec<Paragraph<'_>> = article
                    .paragraphs
                    .iter()
                    .map(|p| Paragraph {
                        text: p,
                        blank_before: true,
                    })
                    .collect();
                let (text, title, mut cleaned) = self.assemble(
                    &paragraphs,
                    given,
                    false,
                    if article.scored {
                        furniture::Source::Html
                    } else {
                        furniture::Source::Scraped
                    },
                );
                cleaned.captions.extend(article.captions);
                if text.is_empty() {
                    notes.push(Diagnostic::new(STAGE, "no text found in the page"));
                }
                (text, title, published.or(article.published), Some(cleaned))
            }
        };
        let mut doc = Document::new(id, source, text);
        doc.title = title;
        doc.published = published
            .map(|p| p.trim().to_owned())
            .or_else(|| options.default_published.clone());
        doc.diagnostics = notes;
        if let Some(cleaned) = cleaned {
            let mut authors = page_authors;
            for author in cleaned.authors {
                if !authors.contains(&author) {
                    authors.push(author);
                }
            }
            doc.removed = Some(cleaned.removed);
            doc.metadata = Some(Metadata {
                authors,
                captions: cleaned.captions,
                credits: cleaned.credits,
                site,
            });
        }
        if let Some(code) = lang {
            doc.put_lang(LangGuess {
                code: Some(code),
                confidence: None,
            });
        }
        doc
    }

    /// Classifies paragraphs, picks the title (the given one, or the first paragraph that is
    /// not furniture when `title_from_body`), and joins what is kept: the title, a blank line,
    /// then the body with its paragraph breaks.
    fn assemble(
        &self,
        paragraphs: &[Paragraph<'_>],
        given_title: Option<String>,
        title_from_body: bool,
        source: furniture::Source,
    ) -> (String, Option<String>, Cleaned) {
        let lines: Vec<&str> = paragraphs.iter().map(|p| p.text).collect();
        let mut cleaned = Cleaned::default();
        let mut title = given_title;
        let mut title_index = None;
        if title.is_none() && title_from_body {
            let (verdicts, _) = furniture::classify(&lines, None, source, &self.lexicon);
            // The contract: the first line is the title; furniture lines are not lines of
            // the article.
            title_index = verdicts.iter().position(|v| *v == Verdict::Keep);
            title = title_index.map(|i| lines[i].to_owned());
        }
        let (verdicts, found) =
            furniture::classify(&lines, title.as_deref(), source, &self.lexicon);
        let mut body = String::new();
        for (i, (paragraph, verdict)) in paragraphs.iter().zip(&verdicts).enumerate() {
            if Some(i) == title_index {
                continue;
            }
            match verdict {
                Verdict::Keep => {
                    if !body.is_empty() {
                        body.push_str(if paragraph.blank_before { "\n\n" } else { "\n" });
                    }
                    body.push_str(paragraph.text);
                }
                Verdict::Remove(reason) => cleaned.removed.push(Removed {
                    text: paragraph.text.to_owned(),
                    reason: reason.as_str(),
                }),
            }
        }
        cleaned.authors = found.authors;
        cleaned.captions = found.captions;
        cleaned.credits = found.credits;
        let text = match &title {
            Some(title) if body.is_empty() => title.clone(),
            Some(title) => format!("{title}\n\n{body}"),
            None => body,
        };
        (text, title, cleaned)
    }
}

#[derive(Default)]
struct Cleaned {
    removed: Vec<Removed>,
    authors: Vec<String>,
    captions: Vec<String>,
    credits: Vec<String>,
}

/// A paragraph of normalised text and whether a blank line preceded it.
struct Paragraph<'a> {
    text: &'a str,
    blank_before: bool,
}

fn paragraphs_of(body: &str) -> Vec<Paragraph<'_>> {
    let mut out = Vec::new();
    let mut blank = false;
    for line in body.split('\n') {
        if line.is_empty() {
            blank = true;
            continue;
        }
        out.push(Paragraph {
            text: line,
            blank_before: blank,
        });
        blank = false;
    }
    out
}

fn first_line(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_owned)
}
