//! The JSON document of `../shared/CONTRACT.md`, produced from a [`Document`].
//!
//! Serialization lives here, at the edge: core types derive nothing. Byte offsets become
//! code-point offsets ([`CodePointIndex`]); a layer that was not computed is left out, a
//! computed empty layer is `[]`.

use doc::{CodePointIndex, Document, Layer, TextRange, TokenKind};
use serde::Serialize;

/// What to include beyond the contract's fields.
#[derive(Clone, Copy, Debug, Default)]
pub struct WireOptions {
    /// Include the token layer (`tokens`: `start`, `end`, `kind`).
    pub tokens: bool,
}

#[derive(Serialize)]
struct Wire<'a> {
    id: &'a str,
    source: SourceJson<'a>,
    title: Option<&'a str>,
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang_confidence: Option<Option<f64>>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed: Option<Vec<RemovedJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<MetadataJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<Span>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenJson>>,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    path: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct RemovedJson<'a> {
    text: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct MetadataJson<'a> {
    authors: &'a [String],
    captions: &'a [String],
    credits: &'a [String],
    site: Option<&'a str>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct TokenJson {
    start: usize,
    end: usize,
    kind: &'static str,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    stage: &'a str,
    message: &'a str,
}

/// The contract JSON of `doc` as one line (no trailing newline).
pub fn to_json_line(doc: &Document, options: WireOptions) -> String {
    let index = CodePointIndex::new(doc.text());
    let span = |r: TextRange| Span {
        start: index.code_point(r.start()),
        end: index.code_point(r.end()),
    };
    let lang = doc.lang();
    let code = lang.and_then(|g| g.code);
    let wire = Wire {
        id: &doc.id,
        source: SourceJson {
            path: doc.source.path.as_deref(),
            url: doc.source.url.as_deref(),
        },
        title: doc.title.as_deref(),
        published: doc.published.as_deref(),
        lang: lang.map(|_| code.as_ref().map(|c| c.as_str())),
        lang_confidence: lang.map(|g| g.confidence.map(|c| (c * 1000.0).round() / 1000.0)),
        text: doc.text(),
        removed: doc.removed.as_ref().map(|r| {
            r.iter()
                .map(|r| RemovedJson {
                    text: &r.text,
                    reason: r.reason,
                })
                .collect()
        }),
        metadata: doc.metadata.as_ref().map(|m| MetadataJson {
            authors: &m.authors,
            captions: &m.captions,
            credits: &m.credits,
            site: m.site.as_deref(),
        }),
        sentences: doc
            .sentences()
            .map(|s| s.iter().map(|&r| span(r)).collect()),
        tokens: options.tokens.then(|| doc.tokens()).flatten().map(|t| {
            t.iter()
                .map(|t| {
                    let Span { start, end } = span(t.range);
                    TokenJson {
                        start,
                        end,
                        kind: token_kind(t.kind),
                    }
                })
                .collect()
        }),
        diagnostics: doc
            .diagnostics
            .iter()
            .map(|d| DiagnosticJson {
                stage: &d.stage,
                message: &d.message,
            })
            .collect(),
    };
    debug_assert_eq!(doc.has(Layer::Lang), wire.lang.is_some());
    serde_json::to_string(&wire).expect("serializing plain data cannot fail")
}

fn token_kind(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Punct => "punct",
        TokenKind::Symbol => "symbol",
        TokenKind::Url => "url",
        TokenKind::Email => "email",
    }
}
