//! Full-text search over the knowledge base, with tantivy.
//!
//! Key decisions:
//! - **One body field per language** (`body_fr`, `body_en`, `body_ru`, `body_xx`), each with its
//!   own analyzer, because tantivy analyzers are per field: a document fills the field of its
//!   language, and a query is analysed for every field, so "gouvernements" meets
//!   "gouvernement" in French and "правительства" meets "правительство" in Russian.
//!   Accents are folded *after* stemming: the French Snowball rules read them.
//! - **A name field** holds the title and the entity mentions, each word mapped through
//!   [`resolve::name_key`]: Latin and Cyrillic spellings of a name meet there ("Tokayev",
//!   "Tokaïev" and "Токаев" find the same documents).
//! - **The store is the truth; the index is derived.** A document is keyed by the store's row
//!   id: adding it again replaces it, so re-indexing after a crash is idempotent. Filters on
//!   entities are resolved by the store into a set of row ids ([`SearchRequest::docs`]), so the
//!   index never needs rewriting when entity resolution changes.
//! - **Facets from columns**: `lang`, `source` and `day` are fast fields, so
//!   [`SearchRequest::facets`] counts languages, sources and months over every match with
//!   a collector that reads no stored document.
//! - **Snippets analyse only what can match** (`passage`): tantivy's snippet algorithm, but
//!   only words whose first letter begins a query term go through the stemmer.
//! - **An index of another schema is derived data**: [`SearchIndex::open`] deletes it and
//!   starts empty (the knowledge base re-indexes the store);
//!   [`SearchIndex::open_read_only`] reads it as it is.
//! - Deliberately absent: fuzzy or phrase-slop defaults (the query syntax allows `"…"` phrases
//!   and `+`/`-`), per-field boosts beyond the title's.

use std::ops::Bound;
use std::path::Path;

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{
    BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

/// What can go wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// tantivy failed (I/O, a corrupt or locked index).
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The query could not be read.
    #[error("query {query:?}: {message}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong with it.
        message: String,
    },
}

/// One document as the index takes it.
#[derive(Clone, Debug, Default)]
pub struct IndexDoc {
    /// The store's row id.
    pub doc: u64,
    /// The contract id.
    pub id: String,
    /// The title, when known.
    pub title: Option<String>,
    /// `fr`, `en`, `ru` or another code; `None` when unknown.
    pub lang: Option<String>,
    /// The clean text.
    pub body: String,
    /// Entity mentions and aliases, for the name field.
    pub names: Vec<String>,
    /// The site or host it came from.
    pub source: Option<String>,
    /// Days since 1970-01-01 of the publication date.
    pub day: Option<i64>,
}

/// A search with its filters.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    /// The query, in tantivy's syntax (words, `"phrases"`, `+must`, `-not`).
    pub query: String,
    /// Only documents in this language.
    pub lang: Option<String>,
    /// Only documents from this source.
    pub source: Option<String>,
    /// Only documents published on or after this day (days since 1970-01-01).
    pub from_day: Option<i64>,
    /// Only documents published on or before this day.
    pub to_day: Option<i64>,
    /// Only these store row ids (an entity filter resolved by the store).
    pub docs: Option<Vec<u64>>,
    /// Most hits returned.
    pub limit: usize,
    /// Whether to count [`Facets`] over every matching document.
    pub facets: bool,
}

/// One search hit.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The store's row id.
    pub doc: u64,
    /// The contract id.
    pub id: String,
    /// The title, when known.
    pub title: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// A passage of the text around the best matches.
    pub snippet: String,
    /// The matched words in `snippet`, as byte ranges.
    pub highlights: Vec<std::ops::Range<usize>>,
}

/// The hits of a search and how many documents matched in all.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    /// Matching documents, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched.
    pub total: usize,
    /// Counts over every matching document, when [`SearchRequest::facets`] asked for them.
    pub facets: Option<Facets>,
}

/// How the documents matching a search divide, counted over all of them (not only the hits
/// returned). A document without a language, source or date is left out of that count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Documents per language code, most first (then by code).
    pub lang: Vec<(String, u64)>,
    /// Documents per source (site), most first (then by name).
    pub source: Vec<(String, u64)>,
    /// Documents per month of publication (`2024-05`), in order.
    pub month: Vec<(String, u64)>,
}

/// The languages with a stemmed field of their own.
const STEMMED: [(&str, Language); 3] = [
    ("fr", Language::French),
    ("en", Language::English),
    ("ru", Language::Russian),
];

#[derive(Clone, Copy)]
struct Fields {
    doc: Field,
    id: Field,
    title: Field,
    bodies: [Field; 4],
    names: Field,
    lang: Field,
    source: Field,
    day: Field,
}

impl Fields {
    fn body_for(&self, lang: Option<&str>) -> Field {
        let i = STEMMED
            .iter()
            .position(|(code, _)| Some(*code) == lang)
            .unwrap_or(3);
        self.bodies[i]
    }
}

/// The search index in a directory.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

fn schema() -> (Schema, Fields) {
    // FAST: facets count them from columns, without reading stored documents.
    schema_with(STRING | STORED | FAST)
}

/// The schema, with the options of the `lang` and `source` fields (tests build the schema of
/// an older veille, whose fields were not fast).
fn schema_with(labels: TextOptions) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let doc = b.add_u64_field("doc", INDEXED | STORED | FAST);
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", text("veille_xx"));
    let bodies = [
        b.add_text_field("body_fr", text("veille_fr")),
        b.add_text_field("body_en", text("veille_en")),
        b.add_text_field("body_ru", text("veille_ru")),
        b.add_text_field("body_xx", text("veille_xx")),
    ];
    let names = b.add_text_field(
        "names",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("veille_names")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let lang = b.add_text_field("lang", labels.clone());
    let source = b.add_text_field("source", labels);
    let day = b.add_i64_field("day", INDEXED | STORED | FAST);
    (
        b.build(),
        Fields {
            doc,
            id,
            title,
            bodies,
            names,
            lang,
            source,
            day,
        },
    )
}

/// The fields of an index written with another schema, by name (an index of an older veille
/// opened read-only: the same fields, with fewer of them fast).
fn fields_of(schema: &Schema) -> Result<Fields, IndexError> {
    let field = |name: &str| schema.get_field(name);
    Ok(Fields {
        doc: field("doc")?,
        id: field("id")?,
        title: field("title")?,
        bodies: [
            field("body_fr")?,
            field("body_en")?,
            field("body_ru")?,
            field("body_xx")?,
        ],
        names: field("names")?,
        lang: field("lang")?,
        source: field("source")?,
        day: field("day")?,
    })
}

fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    for (code, language) in STEMMED {
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(WORD_LIMIT))
            .filter(LowerCaser)
            .filter(MapWords(fold_yo))
            .filter(Stemmer::new(language))
            .filter(AsciiFoldingFilter)
            .build();
        manager.register(&format!("veille_{code}"), analyzer);
    }
    manager.register(
        "veille_xx",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(WORD_LIMIT))
            .filter(LowerCaser)
            .filter(MapWords(fold_yo))
            .filter(AsciiFoldingFilter)
            .build(),
    );
    manager.register(
        "veille_names",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(WORD_LIMIT))
            .filter(MapWords(name_word))
            .build(),
    );
}

/// Words this long (bytes) or longer are not indexed (`RemoveLongFilter`).
const WORD_LIMIT: usize = 40;

/// `ё` is written `е` in most Russian text: one form for both.
fn fold_yo(word: &str, out: &mut String) -> bool {
    if !word.contains('ё') {
        return false;
    }
    out.clear();
    out.extend(word.chars().map(|c| if c == 'ё' { 'е' } else { c }));
    true
}

/// A word of a name, as [`resolve::name_key`] writes it: Latin and Cyrillic spellings meet.
fn name_word(word: &str, out: &mut String) -> bool {
    out.clear();
    out.push_str(&resolve::name_key(word));
    true
}

/// A token filter rewriting each word with a function; `false` keeps the word as it is.
#[derive(Clone, Copy)]
struct MapWords(fn(&str, &mut String) -> bool);

impl TokenFilter for MapWords {
    type Tokenizer<T: Tokenizer> = MapWordsTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapWordsTokenizer<T> {
        MapWordsTokenizer {
            inner: tokenizer,
            map: self.0,
            buffer: String::new(),
        }
    }
}

#[derive(Clone)]
struct MapWordsTokenizer<T> {
    inner: T,
    map: fn(&str, &mut String) -> bool,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for MapWordsTokenizer<T> {
    type TokenStream<'a> = MapWordsStream<'a, T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapWordsStream {
            tail: self.inner.token_stream(text),
            map: self.map,
            buffer: &mut self.buffer,
        }
    }
}

struct MapWordsStream<'a, S> {
    tail: S,
    map: fn(&str, &mut String) -> bool,
    buffer: &'a mut String,
}

impl<S: TokenStream> TokenStream for MapWordsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if (self.map)(&self.tail.token().text, self.buffer) {
            std::mem::swap(&mut self.tail.token_mut().text, self.buffer);
        }
        true
    }
    fn token(&self) -> &Token {
        self.tail.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The directory of an index, created when absent.
fn open_directory(dir: &Path) -> Result<tantivy::directory::MmapDirectory, IndexError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        tantivy::TantivyError::SystemError(format!("cannot create {}: {e}", dir.display()))
    })?;
    Ok(tantivy::directory::MmapDirectory::open(dir).map_err(|e| {
        tantivy::TantivyError::SystemError(format!("cannot open {}: {e}", dir.display()))
    })?)
}

/// Memory the writer may use before flushing a segment.
const WRITER_BYTES: usize = 64 << 20;

impl SearchIndex {
    /// Opens the index in `dir`, creating it (and the directory) when absent. An index with
    /// another schema (written by an older veille) is deleted and created empty: the index is
    /// derived, and the knowledge base rebuilds an empty index from the store.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema();
        let directory = open_directory(dir)?;
        if Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            let index = Index::open(directory)?;
            if index.schema() == schema {
                return SearchIndex::with_index(index, fields);
            }
            drop(index);
            std::fs::remove_dir_all(dir).map_err(|e| {
                tantivy::TantivyError::SystemError(format!(
                    "cannot remove the outdated index {}: {e}",
                    dir.display()
                ))
            })?;
            let directory = open_directory(dir)?;
            return SearchIndex::with_index(
                Index::create(directory, schema, tantivy::IndexSettings::default())?,
                fields,
            );
        }
        SearchIndex::with_index(
            Index::create(directory, schema, tantivy::IndexSettings::default())?,
            fields,
        )
    }

    /// Opens the index in `dir` as it is, for searching beside a writer: an index with an
    /// older schema is read with it (facets then count only the fields it has fast), never
    /// rebuilt. An absent index is created empty.
    pub fn open_read_only(dir: &Path) -> Result<SearchIndex, IndexError> {
        let directory = open_directory(dir)?;
        if !Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            return SearchIndex::open(dir);
        }
        let index = Index::open(directory)?;
        let fields = fields_of(&index.schema())?;
        SearchIndex::with_index(index, fields)
    }

    /// An index in memory (tests, fuzzing).
    pub fn in_memory() -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema();
        SearchIndex::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<SearchIndex, IndexError> {
        register_analyzers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    /// A writer for [`SearchIndex::add`]; one at a time per index.
    pub fn writer(&self) -> Result<IndexWriter, IndexError> {
        Ok(self.index.writer(WRITER_BYTES)?)
    }

    /// Adds (or replaces) documents; visible after [`SearchIndex::commit`].
    pub fn add(&self, writer: &mut IndexWriter, docs: &[IndexDoc]) -> Result<(), IndexError> {
        let f = &self.fields;
        for d in docs {
            writer.delete_term(Term::from_field_u64(f.doc, d.doc));
            let mut t = TantivyDocument::default();
            t.add_u64(f.doc, d.doc);
            t.add_text(f.id, &d.id);
            if let Some(title) = &d.title {
                t.add_text(f.title, title);
                t.add_text(f.names, title);
            }
            t.add_text(f.body_for(d.lang.as_deref()), &d.body);
            for name in &d.names {
                t.add_text(f.names, name);
            }
            t.add_text(f.lang, d.lang.as_deref().unwrap_or(""));
            t.add_text(f.source, d.source.as_deref().unwrap_or(""));
            if let Some(day) = d.day {
                t.add_i64(f.day, day);
            }
            writer.add_document(t)?;
        }
        Ok(())
    }

    /// Makes what was added durable and visible.
    pub fn commit(&self, writer: &mut IndexWriter) -> Result<(), IndexError> {
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a search. Snippets come from the body field of the document's language, else
    /// from the body read through the name analyzer (a name matched in another script).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, IndexError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(
            &self.index,
            [f.title, f.names]
                .into_iter()
                .chain(f.bodies)
                .collect::<Vec<_>>(),
        );
        parser.set_field_boost(f.title, 2.0);
        parser.set_conjunction_by_default();
        let text_query = parser
            .parse_query(&request.query)
            .map_err(|e| IndexError::Query {
                query: request.query.clone(),
                message: e.to_string(),
            })?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(lang) = &request.lang {
            clauses.push((Occur::Must, term(f.lang, lang)));
        }
        if let Some(source) = &request.source {
            clauses.push((Occur::Must, term(f.source, source)));
        }
        if request.from_day.is_some() || request.to_day.is_some() {
            let bound = |d: Option<i64>, inclusive: fn(Term) -> Bound<Term>| {
                d.map_or(Bound::Unbounded, |d| {
                    inclusive(Term::from_field_i64(f.day, d))
                })
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    bound(request.from_day, Bound::Included),
                    bound(request.to_day, Bound::Included),
                )),
            ));
        }
        if let Some(docs) = &request.docs {
            clauses.push((
                Occur::Must,
                Box::new(TermSetQuery::new(
                    docs.iter().map(|&d| Term::from_field_u64(f.doc, d)),
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let facets = request.facets.then_some(FacetCollector { fields: f });
        let collector = (
            TopDocs::with_limit(request.limit.max(1)).order_by_score(),
            Count,
            facets,
        );
        // tantivy 0.27's phrase scorer can trip a debug assertion when a phrase is excluded
        // ("a -b-c"; upstream quickwit-oss/tantivy#2811, found by our `search` fuzz target):
        // a query must never take the process down, so such a failure is the query's error.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            searcher.search(&query, &collector)
        }));
        let (top, total, facets) = match outcome {
            Ok(result) => result?,
            Err(_) => {
                return Err(IndexError::Query {
                    query: request.query.clone(),
                    message: "the search engine failed on this query; try it without phrases \
                              or exclusions"
                        .to_owned(),
                });
            }
        };
        let mut passages = Vec::with_capacity(5);
        for body in f.bodies {
            passages.push(Passages::new(&searcher, &*text_query, body, true)?);
        }
        // A name matched across scripts ("Tokayev" for "Токаев") is highlighted in the body
        // through the name analyzer.
        passages.push(Passages::new(&searcher, &*text_query, f.names, false)?);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            hits.push(self.hit(&searcher, address, score, &mut passages)?);
        }
        Ok(SearchResults {
            hits,
            total,
            facets,
        })
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        score: f32,
        passages: &mut [Passages],
    ) -> Result<Hit, IndexError> {
        let f = &self.fields;
        let stored: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let lang = text(f.lang);
        let body_field = f.body_for(lang.as_deref());
        let body = text(body_field).unwrap_or_default();
        let i = f.bodies.iter().position(|&b| b == body_field).unwrap_or(3);
        let best = passages[i].best(&body).or_else(|| passages[4].best(&body));
        let (snippet, highlights) = match best {
            Some((range, highlights)) => (body[range].to_owned(), highlights),
            // No body term matched (a title or name match): the start of the text.
            None => {
                let end = body
                    .char_indices()
                    .nth(SNIPPET_BYTES)
                    .map_or(body.len(), |(i, _)| i);
                (body[..end].to_owned(), Vec::new())
            }
        };
        Ok(Hit {
            doc: stored
                .get_first(f.doc)
                .and_then(|v| v.as_u64())
                .unwrap_or_default(),
            id: text(f.id).unwrap_or_default(),
            title: text(f.title),
            score,
            snippet,
            highlights,
        })
    }
}

/// Counts languages, sources and months of every matching document from fast fields: no
/// stored document is read, so facets cost a few array increments per match.
struct FacetCollector {
    fields: Fields,
}

/// Documents per (year, month).
type MonthCounts = BTreeMap<(i64, u32), u64>;

/// [`FacetCollector`] in one segment: counts per term ordinal (ordinals are per segment, so
/// they become strings when the segment is harvested).
struct FacetSegment {
    lang: Option<(StrColumn, Vec<u64>)>,
    source: Option<(StrColumn, Vec<u64>)>,
    day: Option<(Column<i64>, MonthCounts)>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let schema = reader.schema();
        let fast = reader.fast_fields();
        // A field an older index did not make fast has no column: its facet stays empty.
        let strings = |field: Field| -> tantivy::Result<Option<(StrColumn, Vec<u64>)>> {
            if !schema.get_field_entry(field).is_fast() {
                return Ok(None);
            }
            Ok(fast.str(schema.get_field_name(field))?.map(|column| {
                let terms = column.num_terms();
                (column, vec![0; terms])
            }))
        };
        Ok(FacetSegment {
            lang: strings(self.fields.lang)?,
            source: strings(self.fields.source)?,
            day: fast
                .column_opt::<i64>(schema.get_field_name(self.fields.day))?
                .map(|column| (column, BTreeMap::new())),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut lang: HashMap<String, u64> = HashMap::new();
        let mut source: HashMap<String, u64> = HashMap::new();
        let mut month: BTreeMap<String, u64> = BTreeMap::new();
        for f in segments {
            for (k, n) in f.lang {
                *lang.entry(k).or_default() += n;
            }
            for (k, n) in f.source {
                *source.entry(k).or_default() += n;
            }
            for (k, n) in f.month {
                *month.entry(k).or_default() += n;
            }
        }
        Ok(Facets {
            lang: most_first(lang),
            source: most_first(source),
            month: month.into_iter().collect(),
        })
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts) in [&mut self.lang, &mut self.source].into_iter().flatten() {
            for ord in column.term_ords(doc) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
        if let Some((column, months)) = &mut self.day
            && let Some(day) = column.first(doc)
        {
            *months.entry(month_of(day)).or_default() += 1;
        }
    }

    fn harvest(self) -> Facets {
        let strings = |field: Option<(StrColumn, Vec<u64>)>| -> Vec<(String, u64)> {
            let Some((column, counts)) = field else {
                return Vec::new();
            };
            let mut out = Vec::new();
            for (ord, n) in counts.into_iter().enumerate() {
                let mut value = String::new();
                // The empty string stands for "unknown" in the index: not a facet value.
                if n > 0
                    && column.ord_to_str(ord as u64, &mut value).unwrap_or(false)
                    && !value.is_empty()
                {
                    out.push((value, n));
                }
            }
            out
        };
        Facets {
            lang: strings(self.lang),
            source: strings(self.source),
            month: self
                .day
                .map(|(_, months)| {
                    months
                        .into_iter()
                        .map(|((y, m), n)| (format!("{y:04}-{m:02}"), n))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Counts, most first, then by value.
fn most_first(counts: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The year and month of a day counted from 1970-01-01 (proleptic Gregorian; H. Hinnant's
/// `civil_from_days`).
fn month_of(days: i64) -> (i64, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, u32::try_from(month).unwrap_or(1))
}

mod passage;

use passage::{Passages, SNIPPET_BYTES};

#[cfg(test)]
mod tests;
