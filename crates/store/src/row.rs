//! The rows the store keeps, and how a [`Document`] becomes them.

use doc::{CodePointIndex, Document, EntityLabel, TextRange};

/// A document ready to store: its contract JSON and the rows of its layers.
#[derive(Clone, Debug, PartialEq)]
pub struct NewDocument {
    /// The contract id (file stem or JSON Lines id).
    pub id: String,
    /// Where it came from.
    pub path: Option<String>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// The site (from page metadata or the URL's host).
    pub site: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The publication date as given.
    pub published: Option<String>,
    /// Days since 1970-01-01 of the publication date.
    pub day: Option<i64>,
    /// Language code.
    pub lang: Option<String>,
    /// The clean text.
    pub text: String,
    /// The contract JSON, with the document's own entity keys.
    pub json: String,
    /// [`dedup::content_hash`] of the text.
    pub hash: String,
    /// MinHash signature bytes.
    pub signature: Vec<u8>,
    /// Entity mentions.
    pub mentions: Vec<MentionRow>,
    /// Quotes.
    pub quotes: Vec<QuoteRow>,
    /// Quantified claims.
    pub claims: Vec<ClaimRow>,
    /// Time expressions.
    pub times: Vec<TimeRow>,
}

/// An entity mention; offsets in code points as in the contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionRow {
    /// The store's document row id (0 before insertion).
    pub doc: u64,
    /// The contract id of the document.
    pub document: String,
    /// Index in the document's entity layer.
    pub idx: u32,
    /// Start, code points.
    pub start: u32,
    /// End, code points, exclusive.
    pub end: u32,
    /// The mention's text.
    pub text: String,
    /// PER, ORG, LOC, MISC.
    pub label: EntityLabel,
    /// The document-level key of its referent.
    pub key: String,
}

/// A quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRow {
    /// The contract id of the document.
    pub document: String,
    /// Start, code points.
    pub start: u32,
    /// End, code points.
    pub end: u32,
    /// The quoted words.
    pub text: String,
    /// `direct` or `indirect`.
    pub kind: String,
    /// The speaker's mention.
    pub speaker: Option<String>,
    /// The speaker's document-level entity key, when the speaker is an entity mention.
    pub speaker_key: Option<String>,
    /// The reporting words.
    pub cue: Option<String>,
    /// The publication date of the document.
    pub published: Option<String>,
}

/// A quantified claim: the quantity and its source.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRow {
    /// The contract id of the document.
    pub document: String,
    /// Language of the document.
    pub lang: Option<String>,
    /// The quantity's text.
    pub text: String,
    /// The sentence holding it.
    pub sentence: String,
    /// The value (lower end of a range).
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// `exact`, `about`, ...
    pub bound: String,
    /// The unit as written.
    pub unit: Option<String>,
    /// The value in the reference unit.
    pub si_value: Option<f64>,
    /// The reference unit.
    pub si_unit: Option<String>,
    /// The counted noun's lemma.
    pub counted: Option<String>,
    /// The source's mention; `None` for the article itself.
    pub source: Option<String>,
    /// The source's document-level entity key.
    pub source_key: Option<String>,
    /// The attribution words.
    pub cue: Option<String>,
    /// Document-level keys of the places named in the sentence.
    pub places: Vec<String>,
    /// The value of the first anchored date in the sentence.
    pub when: Option<String>,
    /// The story of the document (after [`crate::Store::set_stories`]).
    pub story: Option<u64>,
}

/// A time expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeRow {
    /// The expression.
    pub text: String,
    /// `date`, `datetime`, ...
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
    /// Whether it was resolved against a known date.
    pub anchored: bool,
    /// The sentence holding it.
    pub sentence: String,
}

/// One dated item of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    /// The TIMEX3 value (a day, a month, a year...).
    pub value: String,
    /// The expression.
    pub text: String,
    /// The sentence holding it.
    pub sentence: String,
    /// The contract id of the document.
    pub document: String,
    /// The document's title.
    pub title: Option<String>,
}

/// What inserting one document did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored under this row id.
    New(u64),
    /// The same text is stored already, under this row id.
    Copy(u64),
}

/// A stored document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRow {
    /// Row id.
    pub doc: u64,
    /// Contract id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Site.
    pub site: Option<String>,
    /// Days since 1970-01-01 of the publication date.
    pub day: Option<i64>,
    /// Clean text.
    pub text: String,
    /// The contract JSON as analysed.
    pub json: String,
    /// Row id of the document this one nearly duplicates.
    pub duplicate_of: Option<u64>,
    /// Texts of the entity mentions (for the name field of the index).
    pub names: Vec<String>,
}

/// A resolved entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRow {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: EntityLabel,
    /// Display name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Mentions in all documents.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
}

/// Days since 1970-01-01 of an ISO 8601 date or date-time (`2024-05-10`, `2024-05-10T08:00Z`).
pub fn days_from_iso(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant's well-known derivation.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

impl NewDocument {
    /// The rows of an analysed document.
    pub fn from_document(doc: &Document) -> NewDocument {
        let text = doc.text();
        let index = CodePointIndex::new(text);
        let cp = |byte: usize| u32::try_from(index.code_point(byte)).unwrap_or(u32::MAX);
        let sentences = doc.sentences().unwrap_or_default();
        let sentence_of = |r: TextRange| -> String {
            let i = sentences.partition_point(|s| s.end() <= r.start());
            sentences
                .get(i)
                .filter(|s| s.start() <= r.start())
                .map_or_else(|| doc.slice(r).to_owned(), |&s| doc.slice(s).to_owned())
        };
        let entities = doc.entities().unwrap_or_default();
        let refs = doc.entity_refs().unwrap_or_default();
        let key_at = |r: TextRange| -> Option<String> {
            let i = entities.partition_point(|e| e.range.end() <= r.start());
            let e = entities.get(i)?;
            (e.range.start() < r.end())
                .then(|| refs.get(i).map(|k| k.key.clone()))
                .flatten()
        };
        let mentions = entities
            .iter()
            .zip(refs)
            .enumerate()
            .map(|(i, (e, r))| MentionRow {
                doc: 0,
                document: doc.id.clone(),
                idx: u32::try_from(i).unwrap_or(u32::MAX),
                start: cp(e.range.start()),
                end: cp(e.range.end()),
                text: doc.slice(e.range).to_owned(),
                label: e.label,
                key: r.key.clone(),
            })
            .collect();
        let quotes = doc
            .quotes()
            .unwrap_or_default()
            .iter()
            .map(|q| QuoteRow {
                document: doc.id.clone(),
                start: cp(q.range.start()),
                end: cp(q.range.end()),
                text: doc.slice(q.range).to_owned(),
                kind: q.kind.as_str().to_owned(),
                speaker: q.speaker.map(|s| doc.slice(s).to_owned()),
                speaker_key: q.speaker.and_then(key_at),
                cue: q.cue.map(|c| doc.slice(c).to_owned()),
                published: doc.published.clone(),
            })
            .collect();
        let times = doc.times().unwrap_or_default();
        let quantities = doc.quantities().unwrap_or_default();
        let lang = doc.lang_code().map(|c| c.as_str().to_owned());
        let claims = doc
            .claims()
            .unwrap_or_default()
            .iter()
            .filter_map(|c| {
                let q = quantities.get(c.quantity)?;
                let sentence_range = {
                    let i = sentences.partition_point(|s| s.end() <= q.range.start());
                    sentences.get(i).copied().unwrap_or(q.range)
                };
                let inside = |r: TextRange| {
                    r.start() >= sentence_range.start() && r.end() <= sentence_range.end()
                };
                let places = entities
                    .iter()
                    .zip(refs)
                    .filter(|(e, _)| e.label == EntityLabel::Loc && inside(e.range))
                    .map(|(_, r)| r.key.clone())
                    .collect();
                let when = times
                    .iter()
                    .find(|t| {
                        t.anchored
                            && inside(t.range)
                            && t.value.starts_with(|c: char| c.is_ascii_digit())
                    })
                    .map(|t| t.value.clone());
                Some(ClaimRow {
                    document: doc.id.clone(),
                    lang: lang.clone(),
                    text: doc.slice(q.range).to_owned(),
                    sentence: doc.slice(sentence_range).to_owned(),
                    value: q.value,
                    value_max: q.value_max,
                    bound: q.bound.as_str().to_owned(),
                    unit: q.unit.clone(),
                    si_value: q.si.as_ref().map(|s| s.value),
                    si_unit: q.si.as_ref().map(|s| s.unit.clone()),
                    counted: q.counted.as_ref().map(|c| c.lemma.clone()),
                    source: c.source.map(|s| doc.slice(s).to_owned()),
                    source_key: c.source.and_then(key_at),
                    cue: c.cue.map(|r| doc.slice(r).to_owned()),
                    places,
                    when,
                    story: None,
                })
            })
            .collect();
        let times = times
            .iter()
            .map(|t| TimeRow {
                text: doc.slice(t.range).to_owned(),
                kind: t.kind.as_str().to_owned(),
                value: t.value.clone(),
                anchored: t.anchored,
                sentence: sentence_of(t.range),
            })
            .collect();
        let site = doc
            .metadata
            .as_ref()
            .and_then(|m| m.site.clone())
            .or_else(|| doc.source.url.as_deref().and_then(host).map(str::to_owned));
        NewDocument {
            id: doc.id.clone(),
            path: doc.source.path.clone(),
            url: doc.source.url.clone(),
            site,
            title: doc.title.clone(),
            published: doc.published.clone(),
            day: doc.published.as_deref().and_then(days_from_iso),
            lang,
            text: text.to_owned(),
            json: wire::to_json_line(doc, wire::WireOptions::default()),
            hash: dedup::content_hash(text),
            signature: dedup::signature(text).to_bytes(),
            mentions,
            quotes,
            claims,
            times,
        }
    }
}

/// The host of a URL: `https://www.lemonde.fr/x` → `www.lemonde.fr`.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then_some(host)
}
