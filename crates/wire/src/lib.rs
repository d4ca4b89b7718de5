//! The JSON document of `../shared/CONTRACT.md`, produced from a [`Document`].
//!
//! Serialization lives here, at the edge: core types derive nothing. Byte offsets become
//! code-point offsets ([`CodePointIndex`]); a layer that was not computed is left out, a
//! computed empty layer is `[]`.

use doc::{
    CodePointIndex, Document, Layer, Quantity, QuantityKind, TextRange, TimeExpr, TokenKind,
};
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
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<EntityJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    times: Option<Vec<TimeJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantities: Option<Vec<QuantityJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<QuoteJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claims: Option<Vec<ClaimJson<'a>>>,
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

/// A mention inside another item (a speaker, a source): its text and where it is.
#[derive(Serialize)]
struct MentionJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// The referent's key, when the mention is (or holds) an entity mention.
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    speaker: Option<MentionJson<'a>>,
    cue: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    quantity: usize,
    source: Option<MentionJson<'a>>,
    cue: Option<&'a str>,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
}

#[derive(Serialize)]
struct TimeJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    value: &'a str,
    anchored: bool,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'static str>,
}

#[derive(Serialize)]
struct QuantityJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_max: Option<f64>,
    bound: &'static str,
    unit: Option<&'a str>,
    si: Option<SiJson<'a>>,
    counted: Option<&'a str>,
    /// Extension: the normalised form of `counted`, to compare across documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    counted_lemma: Option<&'a str>,
    /// Extension: `ordinal` for ranks ("1er", "third"); absent for counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

#[derive(Serialize)]
struct SiJson<'a> {
    value: f64,
    unit: &'a str,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    stage: &'a str,
    message: &'a str,
}

/// The contract JSON of `doc` as one line (no trailing newline).
pub fn to_json_line(doc: &Document, options: WireOptions) -> String {
    let keys: Option<Vec<&str>> = doc
        .entity_refs()
        .map(|refs| refs.iter().map(|r| r.key.as_str()).collect());
    to_json_line_with_entities(doc, options, keys.as_deref())
}

/// [`to_json_line`] with the `entity` of each entity mention given by the caller (parallel to
/// the entity layer): the store gives its corpus-level ids instead of the document's keys.
pub fn to_json_line_with_entities(
    doc: &Document,
    options: WireOptions,
    entity_ids: Option<&[&str]>,
) -> String {
    let entity_ids = entity_ids.filter(|ids| Some(ids.len()) == doc.entities().map(<[_]>::len));
    let entity_of = |r: TextRange| -> Option<&str> {
        let ids = entity_ids?;
        let entities = doc.entities()?;
        // The entity mention inside (or around) the range: "le président Tokaïev" → Tokaïev.
        let i = entities.partition_point(|e| e.range.end() <= r.start());
        let e = entities.get(i)?;
        (e.range.start() < r.end()).then(|| ids[i])
    };
    let index = CodePointIndex::new(doc.text());
    let span = |r: TextRange| Span {
        start: index.code_point(r.start()),
        end: index.code_point(r.end()),
    };
    let mention = |r: TextRange| {
        let Span { start, end } = span(r);
        MentionJson {
            text: doc.slice(r),
            start,
            end,
            entity: entity_of(r),
        }
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
        entities: doc.entities().map(|entities| {
            entities
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let Span { start, end } = span(e.range);
                    EntityJson {
                        start,
                        end,
                        text: doc.slice(e.range),
                        label: e.label.as_str(),
                        entity: entity_ids.map(|ids| ids[i]),
                    }
                })
                .collect()
        }),
        times: doc
            .times()
            .map(|times| times.iter().map(|t| time_json(doc, &span, t)).collect()),
        quantities: doc
            .quantities()
            .map(|qs| qs.iter().map(|q| quantity_json(doc, &span, q)).collect()),
        quotes: doc.quotes().map(|quotes| {
            quotes
                .iter()
                .map(|q| {
                    let Span { start, end } = span(q.range);
                    QuoteJson {
                        start,
                        end,
                        text: doc.slice(q.range),
                        kind: q.kind.as_str(),
                        speaker: q.speaker.map(&mention),
                        cue: q.cue.map(|c| doc.slice(c)),
                    }
                })
                .collect()
        }),
        claims: doc.claims().map(|claims| {
            claims
                .iter()
                .map(|c| ClaimJson {
                    quantity: c.quantity,
                    source: c.source.map(&mention),
                    cue: c.cue.map(|r| doc.slice(r)),
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

fn time_json<'a>(
    doc: &'a Document,
    span: &impl Fn(TextRange) -> Span,
    t: &'a TimeExpr,
) -> TimeJson<'a> {
    let Span { start, end } = span(t.range);
    TimeJson {
        start,
        end,
        text: doc.slice(t.range),
        kind: t.kind.as_str(),
        value: &t.value,
        anchored: t.anchored,
        modifier: t.modifier,
    }
}

fn quantity_json<'a>(
    doc: &'a Document,
    span: &impl Fn(TextRange) -> Span,
    q: &'a Quantity,
) -> QuantityJson<'a> {
    let Span { start, end } = span(q.range);
    QuantityJson {
        start,
        end,
        text: doc.slice(q.range),
        value: q.value,
        value_max: q.value_max,
        bound: q.bound.as_str(),
        unit: q.unit.as_deref(),
        si: q.si.as_ref().map(|si| SiJson {
            value: si.value,
            unit: &si.unit,
        }),
        counted: q.counted.as_ref().map(|c| doc.slice(c.range)),
        counted_lemma: q.counted.as_ref().map(|c| c.lemma.as_str()),
        kind: (q.kind == QuantityKind::Ordinal).then_some("ordinal"),
    }
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
