//! The HTTP side of `veille serve` (axum): the JSON API over the knowledge base (search,
//! documents, entities, claims, timeline, analysis of a posted text, described by
//! `/api/openapi.json`) and the web pages ([`pages`]).
//!
//! Key decisions:
//! - **Read-only by default.** Analysis of a posted text returns the contract JSON and stores
//!   nothing. The writing routes (ingest, merge, split; the pages' forms) need the token given
//!   at start-up ([`AppState::with_write_token`]); without one they answer 403.
//! - **Bounded input.** Bodies are capped ([`MAX_BODY_BYTES`]), queries too
//!   ([`MAX_QUERY_BYTES`]); every failure is a JSON `{"error": ...}` with a 4xx status (an
//!   HTML page for the pages), and a store or index failure a 500 with its message, never a
//!   panic.
//! - **No path from a request reaches the file system**: documents are looked up by id in
//!   the store; the knowledge base directory is fixed at start-up.
//! - **Repeated GETs are answered from memory** (`cache.rs`): whole answers keyed by path and
//!   query, dropped on any write through this server and after a time to live.
//! - **Reads run side by side.** The knowledge base is `Sync` (the store keeps a pool of read
//!   connections), so it sits behind a read-write lock: reads share it on the blocking pool;
//!   a write (ingest, merge, split, each followed by a refresh) holds it alone.
//!
//! Deliberately absent: CORS (the pages are served from the same origin), sessions and user
//! accounts (one write token), and TLS (put a reverse proxy in front to serve beyond loopback).

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use doc::{LangCode, RawArticle, RawBody};
use index::SearchRequest;
use kb::{KbError, KnowledgeBase};
use pipeline::Analyzer;
use serde::Deserialize;
use serde_json::{Value, json};

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 4 << 20;
/// Longest search query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Most hits or items one request returns.
const MAX_LIMIT: usize = 500;

/// GET answers the cache keeps by default.
pub const DEFAULT_CACHE_ENTRIES: usize = 2048;
/// How long a cached answer is served by default.
pub const DEFAULT_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// Shared without a lock: reads run at once and never wait for a write (the knowledge
    /// base serialises its own writes and reads its last committed state meanwhile).
    kb: Arc<KnowledgeBase>,
    analyzer: Arc<Analyzer>,
    write_token: Option<Arc<str>>,
    cache: Arc<cache::ResponseCache>,
    /// Knowledge-base reads running at once: two per core (so a core has another read to run
    /// while one waits on the file system or a lock). Without this gate every request
    /// gets its own blocking thread and the kernel shares the cores among all of them, so a
    /// long request (a profile with thousands of quotes) is stretched by every short one
    /// running beside it; behind the gate requests wait their turn in arrival order (tokio's
    /// semaphore is fair) and run at full speed once started.
    readers: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The state over an open knowledge base, read-only.
    pub fn new(kb: KnowledgeBase, analyzer: Analyzer) -> AppState {
        AppState {
            kb: Arc::new(kb),
            analyzer: Arc::new(analyzer),
            write_token: None,
            cache: Arc::new(cache::ResponseCache::new(
                DEFAULT_CACHE_ENTRIES,
                DEFAULT_CACHE_TTL,
            )),
            readers: Arc::new(tokio::sync::Semaphore::new(reader_slots())),
        }
    }

    /// Keeps up to `entries` GET answers for at most `ttl` (0 entries: no cache). A write
    /// through this server drops them all; `ttl` bounds how stale an answer can be when
    /// another process ingests into the same store.
    pub fn with_cache(mut self, entries: usize, ttl: std::time::Duration) -> AppState {
        self.cache = Arc::new(cache::ResponseCache::new(entries, ttl));
        self
    }

    /// Allows the writing routes (ingest, merge, split) to requests that carry `token`
    /// (`Authorization: Bearer TOKEN`, or the page forms' `token` field). Without a token the
    /// server is read-only. An empty token is refused: it would let anyone write.
    pub fn with_write_token(mut self, token: &str) -> AppState {
        if !token.is_empty() {
            self.write_token = Some(Arc::from(token));
        }
        self
    }

    /// Whether `given` is the write token (compared in constant time, so the answer's timing
    /// does not tell how much of a guess was right). Always false on a read-only server.
    fn may_write(&self, given: Option<&str>) -> bool {
        let (Some(expected), Some(given)) = (self.write_token.as_deref(), given) else {
            return false;
        };
        let (a, b) = (expected.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// Whether the server takes writes at all.
    fn writable(&self) -> bool {
        self.write_token.is_some()
    }
}

/// An error as the API answers it: a status and a JSON message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<KbError> for ApiError {
    fn from(e: KbError) -> ApiError {
        let status = match e {
            KbError::UnknownEntity(_) => StatusCode::NOT_FOUND,
            KbError::Index(index::IndexError::Query { .. }) => StatusCode::BAD_REQUEST,
            KbError::NotSplittable { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({"error": self.message}))).into_response()
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// A query string; a malformed one (`?limit=abc`) is a JSON 400 naming the parameter.
pub(crate) struct ApiQuery<T>(pub(crate) T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Reads of the knowledge base allowed at once (`AppState::readers`): twice the cores
/// (`VEILLE_READERS` overrides, for benchmarks; 2, 3, 4 and unbounded were measured on two
/// cores, and 4 had both the lowest p99 and the most requests per second).
fn reader_slots() -> usize {
    std::env::var("VEILLE_READERS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| 2 * std::thread::available_parallelism().map_or(2, |n| n.get()))
}

/// Runs `f` on the knowledge base on the blocking pool, once a reader slot is free.
async fn with_kb<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&KnowledgeBase) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let kb = Arc::clone(&state.kb);
    let slot = Arc::clone(&state.readers)
        .acquire_owned()
        .await
        .map_err(internal)?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        f(&kb)
    })
    .await
    .map_err(internal)?
}

/// Runs a write `f` on the knowledge base on the blocking pool, then drops the cached
/// answers. It takes no reader slot: reads go on meanwhile (over the last committed state).
async fn with_kb_write<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&KnowledgeBase) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let kb = Arc::clone(&state.kb);
    let cache = Arc::clone(&state.cache);
    tokio::task::spawn_blocking(move || {
        let result = f(&kb);
        // Even a failed write may have changed something (a refresh cut short).
        cache.invalidate();
        result
    })
    .await
    .map_err(internal)?
}

/// Records that `from` is the entity `into` (a hand correction; the knowledge base is
/// refreshed) and returns the entity that results. For the API and the page forms.
async fn merge_entities(
    state: &AppState,
    into: String,
    from: String,
) -> Result<store::EntityRow, ApiError> {
    with_kb_write(state, move |kb| {
        kb.merge(&into, &from)?;
        Ok(kb.entity(&into)?)
    })
    .await
}

/// Records that the name `name` is not the entity `entity` and returns what remains of it.
async fn split_entity(
    state: &AppState,
    entity: String,
    name: String,
) -> Result<store::EntityRow, ApiError> {
    with_kb_write(state, move |kb| {
        let id = kb.entity(&entity)?.id;
        kb.split(&id, &name)?;
        Ok(kb.entity(&id)?)
    })
    .await
}

/// Refuses a write without the right token: 403 on a read-only server, 401 otherwise.
fn check_write(state: &AppState, given: Option<&str>) -> Result<(), ApiError> {
    if !state.writable() {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server is read-only; start it with --write-token to allow \
                      ingest, merge and split"
                .to_owned(),
        });
    }
    if !state.may_write(given) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "writing needs the server's token (Authorization: Bearer TOKEN)".to_owned(),
        });
    }
    Ok(())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The router: every route under `/api`.
pub fn router(state: AppState) -> Router {
    let pages = pages::routes().layer(axum::middleware::map_response(pages::security_headers));
    Router::new()
        .merge(pages)
        .route("/api/openapi.json", get(openapi))
        .route("/api/search", get(search))
        .route("/api/documents/{id}", get(document))
        .route("/api/entities", get(entities))
        .route("/api/entities/{name}", get(entity))
        .route("/api/claims", get(claims))
        .route("/api/timeline", get(timeline))
        .route("/api/analyze", post(analyze))
        .route("/api/ingest", post(ingest))
        .route("/api/entities/{name}/merge", post(merge))
        .route("/api/entities/{name}/split", post(split))
        .fallback(|| async { ApiError::not_found("no such route (see /api/openapi.json)") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::layer,
        ))
        .with_state(state)
}

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    entity: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
}

fn day_param(name: &str, value: Option<&str>) -> Result<Option<i64>, ApiError> {
    value
        .map(|v| {
            store::days_from_iso(v).ok_or_else(|| {
                ApiError::bad_request(format!("{name}={v:?} is not a date (expected 2024-05-10)"))
            })
        })
        .transpose()
}

async fn search(State(state): State<AppState>, ApiQuery(p): ApiQuery<SearchParams>) -> ApiResult {
    let q =
        p.q.filter(|q| !q.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request("missing query parameter q"))?;
    if q.len() > MAX_QUERY_BYTES {
        return Err(ApiError::bad_request(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            q.len()
        )));
    }
    let request = SearchRequest {
        query: q,
        lang: p.lang,
        source: p.source,
        from_day: day_param("from", p.from.as_deref())?,
        to_day: day_param("to", p.to.as_deref())?,
        docs: None,
        limit: p.limit.unwrap_or(20).clamp(1, MAX_LIMIT),
        facets: false,
    };
    let entity = p.entity;
    let results = with_kb(&state, move |kb| Ok(kb.search(request, entity.as_deref())?)).await?;
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|h| {
            let cp = |b: usize| h.snippet.get(..b).map_or(0, |s| s.chars().count());
            let highlights: Vec<[usize; 2]> = h
                .highlights
                .iter()
                .map(|r| [cp(r.start), cp(r.end)])
                .collect();
            json!({"id": h.id, "title": h.title, "score": h.score, "snippet": h.snippet,
                   "highlights": highlights})
        })
        .collect();
    Ok(Json(json!({"total": results.total, "hits": hits})))
}

async fn document(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let json = with_kb(&state, move |kb| {
        kb.document_json(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))
    })
    .await?;
    let value: Value = serde_json::from_str(&json).map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("stored document is not JSON: {e}"),
    })?;
    Ok(Json(value))
}

#[derive(Deserialize)]
struct EntitiesParams {
    label: Option<String>,
    limit: Option<usize>,
}

async fn entities(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EntitiesParams>,
) -> ApiResult {
    let label = p
        .label
        .as_deref()
        .map(|l| {
            doc::EntityLabel::parse(l).ok_or_else(|| {
                ApiError::bad_request(format!("label={l:?}: expected PER, ORG, LOC or MISC"))
            })
        })
        .transpose()?;
    let limit = p.limit.unwrap_or(100).clamp(1, MAX_LIMIT);
    let rows = with_kb(&state, |kb| Ok(kb.entities()?)).await?;
    let items: Vec<Value> = rows
        .iter()
        .filter(|e| label.is_none_or(|l| l == e.label))
        .take(limit)
        .map(|e| {
            json!({"entity": e.id, "label": e.label.as_str(), "name": e.name,
                   "aliases": e.aliases, "mentions": e.mentions, "documents": e.documents})
        })
        .collect();
    Ok(Json(json!({"entities": items})))
}

#[derive(Deserialize)]
struct ProfileParams {
    limit: Option<usize>,
}

/// Quotes and claims one profile lists by default (the totals are always given).
const PROFILE_ITEMS: usize = 100;

async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ApiQuery(q): ApiQuery<ProfileParams>,
) -> ApiResult {
    let limit = q.limit.unwrap_or(PROFILE_ITEMS).clamp(1, MAX_LIMIT);
    let p = with_kb(&state, move |kb| Ok(kb.profile(&name)?)).await?;
    let e = &p.entity;
    Ok(Json(json!({
        "entity": e.id, "label": e.label.as_str(), "name": e.name, "aliases": e.aliases,
        "mentions": e.mentions, "documents": p.documents,
        "mentions_by_month": p.mentions_by_month,
        "co_mentioned": p.co_mentioned.iter()
            .map(|(id, name, n)| json!({"entity": id, "name": name, "documents": n}))
            .collect::<Vec<_>>(),
        "quotes_total": p.quotes.len(),
        "quotes": p.quotes.iter().take(limit)
            .map(|q| json!({"document": q.document, "text": q.text, "kind": q.kind,
                            "cue": q.cue, "published": q.published}))
            .collect::<Vec<_>>(),
        "claims_total": p.claims.len(),
        "claims": p.claims.iter().take(limit)
            .map(|c| json!({"document": c.document, "text": c.text, "sentence": c.sentence}))
            .collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
struct ClaimsParams {
    status: Option<String>,
}

async fn claims(State(state): State<AppState>, ApiQuery(p): ApiQuery<ClaimsParams>) -> ApiResult {
    if let Some(s) = &p.status
        && !["consistent", "conflicting", "single"].contains(&s.as_str())
    {
        return Err(ApiError::bad_request(format!(
            "status={s:?}: expected consistent, conflicting or single"
        )));
    }
    let groups = with_kb(&state, |kb| Ok(kb.claims()?)).await?;
    let items: Vec<Value> = groups
        .iter()
        .filter(|(g, _)| p.status.as_deref().is_none_or(|s| s == g.status.as_str()))
        .map(|(g, rows)| {
            let values: Vec<Value> = rows
                .iter()
                .map(|c| {
                    json!({"value": c.value, "value_max": c.value_max, "bound": c.bound,
                           "unit": c.unit,
                           "si": c.si_value.zip(c.si_unit.as_ref())
                               .map(|(v, u)| json!({"value": v, "unit": u})),
                           "source": c.source, "entity": c.source_key,
                           "document": c.document, "text": c.text, "sentence": c.sentence})
                })
                .collect();
            json!({"what": g.what, "unit": g.unit, "status": g.status.as_str(), "values": values})
        })
        .collect();
    Ok(Json(json!({"groups": items})))
}

#[derive(Deserialize)]
struct TimelineParams {
    entity: Option<String>,
}

async fn timeline(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<TimelineParams>,
) -> ApiResult {
    let rows = with_kb(&state, move |kb| Ok(kb.timeline(p.entity.as_deref())?)).await?;
    let items: Vec<Value> = rows
        .iter()
        .map(|t| {
            json!({"value": t.value, "text": t.text, "sentence": t.sentence,
                   "document": t.document, "title": t.title})
        })
        .collect();
    Ok(Json(json!({"items": items})))
}

/// `POST /api/analyze`: `{"text": ..., "id"?, "title"?, "lang"?, "published"?, "html"?}`.
#[derive(Deserialize)]
struct AnalyzeBody {
    id: Option<String>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    lang: Option<String>,
    published: Option<String>,
}

impl AnalyzeBody {
    /// The raw article this body describes, or a 400 naming what is wrong with it.
    fn into_raw(self, default_id: String) -> Result<RawArticle, ApiError> {
        let raw_body = match (self.text, self.html) {
            (Some(text), None) => RawBody::Text(text),
            (None, Some(html)) => RawBody::Html(html),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "{}: give exactly one of \"text\" and \"html\"",
                    self.id.as_deref().unwrap_or(&default_id)
                )));
            }
        };
        let mut raw = RawArticle::new(self.id.unwrap_or(default_id), raw_body);
        raw.title = self.title;
        raw.published = self.published;
        if let Some(code) = self.lang {
            raw.lang = Some(LangCode::parse(&code).ok_or_else(|| {
                ApiError::bad_request(format!("lang={code:?} is not a language code"))
            })?);
        }
        Ok(raw)
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("internal error: {e}"),
    }
}

async fn analyze(
    State(state): State<AppState>,
    body: Result<Json<AnalyzeBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult {
    let Json(body) = body.map_err(|e| ApiError {
        status: e.status(),
        message: format!("the body must be a JSON object with \"text\" or \"html\": {e}"),
    })?;
    let raw = body.into_raw("posted".to_owned())?;
    let analyzer = Arc::clone(&state.analyzer);
    let line = tokio::task::spawn_blocking(move || {
        let doc = analyzer.analyze(raw);
        wire::to_json_line(&doc, wire::WireOptions::default())
    })
    .await
    .map_err(internal)?;
    let value: Value = serde_json::from_str(&line).map_err(internal)?;
    Ok(Json(value))
}

/// `POST /api/ingest`: one article as for `/api/analyze`, or a JSON array of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum IngestBody {
    Many(Vec<AnalyzeBody>),
    One(Box<AnalyzeBody>),
}

/// Most articles one ingest request takes.
const MAX_INGEST_DOCUMENTS: usize = 1000;

async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<IngestBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult {
    check_write(&state, bearer(&headers))?;
    let Json(body) = body.map_err(|e| ApiError {
        status: e.status(),
        message: format!(
            "the body must be an article {{\"text\" or \"html\", \"id\"?, \"title\"?, \
             \"published\"?, \"lang\"?}} or an array of them: {e}"
        ),
    })?;
    let bodies = match body {
        IngestBody::Many(v) => v,
        IngestBody::One(b) => vec![*b],
    };
    if bodies.is_empty() || bodies.len() > MAX_INGEST_DOCUMENTS {
        return Err(ApiError::bad_request(format!(
            "{} articles given; one request takes 1 to {MAX_INGEST_DOCUMENTS}",
            bodies.len()
        )));
    }
    let raws = bodies
        .into_iter()
        .enumerate()
        .map(|(i, b)| b.into_raw(format!("posted-{}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    let analyzer = Arc::clone(&state.analyzer);
    let docs = tokio::task::spawn_blocking(move || {
        raws.into_iter()
            .map(|raw| analyzer.analyze(raw))
            .collect::<Vec<_>>()
    })
    .await
    .map_err(internal)?;
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let report = with_kb_write(&state, move |kb| {
        let report = kb.ingest(&docs)?;
        kb.refresh()?;
        Ok(report)
    })
    .await?;
    Ok(Json(
        json!({"added": report.added, "copies": report.copies, "documents": ids}),
    ))
}

#[derive(Deserialize)]
struct MergeBody {
    from: String,
}

async fn merge(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Result<Json<MergeBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult {
    check_write(&state, bearer(&headers))?;
    let Json(body) = body.map_err(|e| ApiError {
        status: e.status(),
        message: format!("the body must be {{\"from\": \"entity id or name\"}}: {e}"),
    })?;
    let entity = merge_entities(&state, name, body.from).await?;
    Ok(Json(
        json!({"entity": entity.id, "name": entity.name, "aliases": entity.aliases}),
    ))
}

#[derive(Deserialize)]
struct SplitBody {
    name: String,
}

async fn split(
    State(state): State<AppState>,
    Path(entity): Path<String>,
    headers: HeaderMap,
    body: Result<Json<SplitBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult {
    check_write(&state, bearer(&headers))?;
    let Json(body) = body.map_err(|e| ApiError {
        status: e.status(),
        message: format!("the body must be {{\"name\": \"a name to split off\"}}: {e}"),
    })?;
    let name = body.name.clone();
    let entity = split_entity(&state, entity, body.name).await?;
    Ok(Json(
        json!({"entity": entity.id, "name": entity.name, "aliases": entity.aliases,
                   "split_off": name}),
    ))
}

async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

/// The OpenAPI 3.1 description of the routes.
pub fn openapi_document() -> Value {
    let query = |name: &str, description: &str| {
        json!({"name": name, "in": "query", "required": false,
               "description": description, "schema": {"type": "string"}})
    };
    let path = |name: &str, description: &str| {
        json!({"name": name, "in": "path", "required": true,
               "description": description, "schema": {"type": "string"}})
    };
    let ok = |description: &str| {
        json!({"200": {"description": description,
                       "content": {"application/json": {"schema": {"type": "object"}}}},
               "400": {"description": "bad request: {\"error\": message}"},
               "404": {"description": "not found: {\"error\": message}"}})
    };
    json!({
        "openapi": "3.1.0",
        "info": {"title": "veille", "version": env!("CARGO_PKG_VERSION"),
                 "description": "News intelligence over a knowledge base: search, entities, claims, timeline, analysis. Read-only unless the server was started with a write token."},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer",
            "description": "the token given to `veille serve --write-token`"}}},
        "paths": {
            "/api/search": {"get": {"summary": "Full-text search, ranked",
                "parameters": [query("q", "the query (words, \"phrases\", -excluded, OR)"),
                               query("lang", "fr, en, ru..."), query("source", "site"),
                               query("entity", "id, name or alias"),
                               query("from", "YYYY-MM-DD"), query("to", "YYYY-MM-DD"),
                               query("limit", "most hits (1-500)")],
                "responses": ok("{total, hits: [{id, title, score, snippet, highlights}]}")}},
            "/api/documents/{id}": {"get": {"summary": "A stored document, as the contract's JSON",
                "parameters": [path("id", "contract id")], "responses": ok("the document")}},
            "/api/entities": {"get": {"summary": "Resolved entities, most mentioned first",
                "parameters": [query("label", "PER, ORG, LOC, MISC"), query("limit", "1-500")],
                "responses": ok("{entities: [{entity, label, name, aliases, mentions, documents}]}")}},
            "/api/entities/{name}": {"get": {"summary": "An entity's profile",
                "parameters": [path("name", "id, name or alias"),
                               query("limit", "most quotes and claims listed (1-500, default 100); quotes_total and claims_total count all")],
                "responses": ok("{entity, label, name, aliases, mentions_by_month, co_mentioned, quotes, claims}")}},
            "/api/claims": {"get": {"summary": "Quantified claims grouped, conflicts first",
                "parameters": [query("status", "consistent, conflicting, single")],
                "responses": ok("{groups: [{what, unit, status, values}]}")}},
            "/api/timeline": {"get": {"summary": "Dated items in order",
                "parameters": [query("entity", "id, name or alias")],
                "responses": ok("{items: [{value, text, sentence, document, title}]}")}},
            "/api/analyze": {"post": {"summary": "Analyse a posted text; nothing is stored",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"text": {"type": "string"}, "html": {"type": "string"},
                                   "id": {"type": "string"}, "title": {"type": "string"},
                                   "lang": {"type": "string"}, "published": {"type": "string"}}}}}},
                "responses": ok("the contract's JSON document")}},
            "/api/ingest": {"post": {"summary": "Analyse and store articles (needs the write token)",
                "security": [{"token": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "description": "one article as for /api/analyze, or an array of 1 to 1000"}}}},
                "responses": ok("{added, copies, documents}")}},
            "/api/entities/{name}/merge": {"post": {"summary": "Record that another entity is this one (needs the write token)",
                "security": [{"token": []}],
                "parameters": [path("name", "id, name or alias")],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["from"],
                    "properties": {"from": {"type": "string"}}}}}},
                "responses": ok("{entity, name, aliases}")}},
            "/api/entities/{name}/split": {"post": {"summary": "Record that a name is not this entity (needs the write token)",
                "security": [{"token": []}],
                "parameters": [path("name", "id, name or alias")],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}}}}}},
                "responses": ok("{entity, name, aliases, split_off}")}},
            "/api/openapi.json": {"get": {"summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1"}}}}
        }
    })
}

mod cache;
pub mod listener;
mod pages;
mod worldmap;

#[cfg(test)]
mod tests;
