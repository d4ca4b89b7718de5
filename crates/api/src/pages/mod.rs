//! The web pages: server-rendered HTML over the same knowledge base as the JSON API.
//!
//! Key decisions:
//! - **No script at all.** Every page is plain HTML and CSS from the binary itself (the
//!   stylesheet is ours; the world map is drawn on the server from a vendored TopoJSON file),
//!   so the pages work with no internet and no build step, and the Content-Security-Policy
//!   can forbid every script.
//! - **Everything is escaped by construction**: pages are built with `maud`, which escapes
//!   every interpolated value; the only pre-escaped fragments are the SVG drawings built
//!   here, which escape their own text.
//! - **Writes are forms with the token field** (merge, split): a read-only server shows no
//!   form, and a form without the right token is refused like the API's writes.
//! - Offsets in the contract JSON are code points; the reader cuts the text at every span
//!   boundary, so overlapping layers (an entity inside a quote) never break the markup.

mod chart;
mod reader;

use axum::Form;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use index::SearchRequest;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;
use serde_json::Value;

use crate::{ApiError, AppState, MAX_QUERY_BYTES, day_param, with_kb, worldmap};

/// The page routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search_page))
        .route("/documents/{id}", get(document_page))
        .route("/entities", get(entities_page))
        .route("/entities/{name}", get(entity_page))
        .route("/entities/{name}/merge", post(merge_form))
        .route("/entities/{name}/split", post(split_form))
        .route("/claims", get(claims_page))
        .route("/timeline", get(timeline_page))
        .route("/map", get(map_page))
        .route("/assets/style.css", get(stylesheet))
        .route("/assets/favicon.svg", get(favicon))
}

/// Headers every page carries: no script may run, nothing may frame the page, and types are
/// not sniffed.
pub(crate) async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn stylesheet() -> Response {
    // Ours, then the map's own rules.
    static CSS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let css = CSS.get_or_init(|| {
        format!(
            "{}\n/* the world map */\n{}\n",
            include_str!("../../assets/style.css"),
            crate::worldmap::STYLE
        )
    });
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        css.as_str(),
    )
        .into_response()
}

async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../assets/favicon.svg"),
    )
        .into_response()
}

/// A page that failed: the API's error, shown as HTML with the same status.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl From<kb::KbError> for PageError {
    fn from(e: kb::KbError) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status;
        let title = status.canonical_reason().unwrap_or("Error");
        let body = html! {
            h1 { (status.as_u16()) " " (title) }
            p.error { (self.0.message) }
            p { a href="/" { "Back to search" } }
        };
        (status, page(title, Nav::None, body)).into_response()
    }
}

type PageResult = Result<Html<String>, PageError>;

/// The query string of a page: a malformed one (`?page=abc`) is an HTML 400 page naming the
/// parameter, like every other page error.
struct PageQuery<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        crate::ApiQuery::<T>::from_request_parts(parts, state)
            .await
            .map(|crate::ApiQuery(v)| PageQuery(v))
            .map_err(PageError)
    }
}

/// A posted form of a page; a malformed one is an HTML 400 page.
struct PageForm<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, PageError> {
        Form::<T>::from_request(request, state)
            .await
            .map(|Form(v)| PageForm(v))
            .map_err(|e| PageError(ApiError::bad_request(e.body_text())))
    }
}

/// Which menu entry a page belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nav {
    Search,
    Entities,
    Claims,
    Timeline,
    Map,
    None,
}

/// The frame of every page.
fn page(title: &str, nav: Nav, body: Markup) -> Html<String> {
    let item = |target: Nav, href: &str, label: &str| {
        html! {
            @if nav == target {
                a href=(href) aria-current="page" { (label) }
            } @else {
                a href=(href) { (label) }
            }
        }
    };
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · veille" }
                    link rel="stylesheet" href="/assets/style.css";
                    link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
                }
                body {
                    header.top {
                        a.brand href="/" { "veille" }
                        nav {
                            (item(Nav::Search, "/", "Search"))
                            (item(Nav::Entities, "/entities", "Entities"))
                            (item(Nav::Claims, "/claims", "Claims"))
                            (item(Nav::Timeline, "/timeline", "Timeline"))
                            (item(Nav::Map, "/map", "Map"))
                        }
                    }
                    main { (body) }
                    footer { "veille " (env!("CARGO_PKG_VERSION")) " · " a href="/api/openapi.json" { "API" } }
                }
            }
        }
        .into_string(),
    )
}

/// `/entities/{key}` for an entity id or name (the path segment escaped).
fn entity_href(id: &str) -> String {
    format!("/entities/{}", percent_encode(id))
}

fn document_href(id: &str) -> String {
    format!("/documents/{}", percent_encode(id))
}

/// Percent-encodes everything but unreserved characters, for a path segment or query value.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn label_name(label: &str) -> &'static str {
    match label {
        "PER" => "person",
        "ORG" => "organisation",
        "LOC" => "place",
        _ => "other",
    }
}

// ---------------------------------------------------------------------------------------------
// Search

#[derive(Deserialize, Default)]
struct SearchParams {
    q: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    entity: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<usize>,
}

/// Hits per search page.
const HITS_PER_PAGE: usize = 20;
/// The deepest search page (ranking everything before it costs more on each page).
const MAX_SEARCH_PAGE: usize = 50;

impl SearchParams {
    /// This search's URL with one parameter changed (`None` removes it).
    fn with(&self, name: &str, value: Option<&str>) -> String {
        let page = self.page.filter(|&n| n > 1).map(|n| n.to_string());
        let fields = [
            ("page", page.as_deref()),
            ("q", self.q.as_deref()),
            ("lang", self.lang.as_deref()),
            ("source", self.source.as_deref()),
            ("entity", self.entity.as_deref()),
            ("from", self.from.as_deref()),
            ("to", self.to.as_deref()),
        ];
        let query: Vec<String> = fields
            .iter()
            // Changing a filter starts again from the first page.
            .map(|&(k, v)| {
                (
                    k,
                    if k == name {
                        value
                    } else if k == "page" {
                        None
                    } else {
                        v
                    },
                )
            })
            .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        format!("/?{}", query.join("&"))
    }
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

async fn search_page(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<SearchParams>,
) -> PageResult {
    let query = nonempty(&p.q).map(str::to_owned);
    let results = match &query {
        None => None,
        Some(q) if q.len() > MAX_QUERY_BYTES => {
            return Err(ApiError::bad_request(format!(
                "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
                q.len()
            ))
            .into());
        }
        Some(q) => {
            let request = SearchRequest {
                query: q.clone(),
                lang: nonempty(&p.lang).map(str::to_owned),
                source: nonempty(&p.source).map(str::to_owned),
                from_day: day_param("from", nonempty(&p.from))?,
                to_day: day_param("to", nonempty(&p.to))?,
                docs: None,
                limit: HITS_PER_PAGE * p.page.unwrap_or(1).clamp(1, MAX_SEARCH_PAGE),
                facets: true,
            };
            let entity = nonempty(&p.entity).map(str::to_owned);
            Some(with_kb(&state, move |kb| Ok(kb.search(request, entity.as_deref())?)).await?)
        }
    };
    // The corpus sizes, on the empty search page only.
    let counts = match results {
        None => Some(with_kb(&state, |kb| Ok(kb.counts()?)).await?),
        Some(_) => None,
    };
    let title = query.as_deref().unwrap_or("Search");
    let body = html! {
        form.search method="get" action="/" role="search" {
            input type="search" name="q" value=[p.q.as_deref()] placeholder="Search the articles: words, \"a phrase\", -excluded, OR" aria-label="query" autofocus;
            button type="submit" { "Search" }
            details.filters open[p.lang.is_some() || p.source.is_some() || p.entity.is_some() || p.from.is_some() || p.to.is_some()] {
                summary { "Filters" }
                div.filter-grid {
                    label { "Language "
                        select name="lang" {
                            option value="" { "any" }
                            @for (code, name) in [("fr", "French"), ("en", "English"), ("ru", "Russian")] {
                                option value=(code) selected[p.lang.as_deref() == Some(code)] { (name) }
                            }
                        }
                    }
                    label { "Source " input type="text" name="source" value=[p.source.as_deref()] placeholder="site"; }
                    label { "Entity " input type="text" name="entity" value=[p.entity.as_deref()] placeholder="name or id"; }
                    label { "From " input type="date" name="from" value=[p.from.as_deref()]; }
                    label { "To " input type="date" name="to" value=[p.to.as_deref()]; }
                }
            }
        }
        @let active = [("lang", &p.lang), ("source", &p.source), ("entity", &p.entity), ("from", &p.from), ("to", &p.to)];
        @if active.iter().any(|(_, v)| nonempty(v).is_some()) {
            p.active-filters {
                @for (name, value) in active {
                    @if let Some(v) = nonempty(value) {
                        a.chip href=(p.with(name, None)) title="remove this filter" { (name) ": " (v) " ×" }
                    }
                }
            }
        }
        @match &results {
            None => {
                @if let Some(counts) = &counts {
                    p.muted {
                        (counts.documents) " documents, " (counts.entities) " entities, "
                        (counts.mentions) " mentions in this knowledge base."
                    }
                }
            }
            Some(r) => {
                @if let Some(f) = &r.facets {
                    div.facets {
                        (facet(&p, "lang", "Language", &f.lang))
                        (facet(&p, "source", "Source", &f.source))
                        (month_facet(&p, &f.month))
                    }
                }
                @let current = p.page.unwrap_or(1).clamp(1, MAX_SEARCH_PAGE);
                @let first = (current - 1) * HITS_PER_PAGE;
                @let pages = r.total.div_ceil(HITS_PER_PAGE).clamp(1, MAX_SEARCH_PAGE);
                p.total { (r.total) " documents match" @if pages > 1 { "; " (first + 1) " to " (first + r.hits.len().saturating_sub(first)) " shown" } "." }
                ol.hits start=(first + 1) {
                    @for hit in r.hits.iter().skip(first) {
                        li.hit {
                            a.hit-title href=(document_href(&hit.id)) { (hit.title.as_deref().unwrap_or(&hit.id)) }
                            p.snippet { (highlighted(&hit.snippet, &hit.highlights)) }
                            p.hit-id { (hit.id) }
                        }
                    }
                }
                (pager(current, pages, &|n| p.with("page", Some(&n.to_string()))))
            }
        }
    };
    Ok(page(title, Nav::Search, body))
}

/// A facet's values with their counts, each a link that sets the filter (or removes it when
/// it is the one set).
fn facet(p: &SearchParams, name: &str, title: &str, values: &[(String, u64)]) -> Markup {
    let set = match name {
        "lang" => nonempty(&p.lang),
        _ => nonempty(&p.source),
    };
    html! {
        @if !values.is_empty() {
            p.facet {
                span.facet-name { (title) }
                @for (value, n) in values.iter().take(12) {
                    @if set == Some(value.as_str()) {
                        a.chip.on href=(p.with(name, None)) { (value) " " (n) " ×" }
                    } @else {
                        a.chip href=(p.with(name, Some(value))) { (value) " " (n) }
                    }
                }
            }
        }
    }
}

/// Publication months as links that set the date range to that month; over more than a
/// year of months, years instead (twelve chips at most, the latest first).
fn month_facet(p: &SearchParams, months: &[(String, u64)]) -> Markup {
    let mut spans: Vec<(String, String, String, u64)> = Vec::new(); // label, from, to, count
    if months.len() > 12 {
        for (month, n) in months {
            let year = month.get(..4).unwrap_or(month);
            match spans.last_mut() {
                Some(last) if last.0 == year => last.3 += n,
                _ => spans.push((
                    year.to_owned(),
                    format!("{year}-01-01"),
                    format!("{year}-12-31"),
                    *n,
                )),
            }
        }
    } else {
        spans = months
            .iter()
            .map(|(m, n)| (m.clone(), format!("{m}-01"), month_end(m), *n))
            .collect();
    }
    html! {
        @if spans.len() > 1 {
            p.facet {
                span.facet-name { "Published" }
                @for (label, from, to, n) in spans.iter().rev().take(12) {
                    a.chip href=(with_range(p, from, to)) { (label) " " (n) }
                }
            }
        }
    }
}

/// The last day of a `YYYY-MM` month, as `YYYY-MM-DD`.
fn month_end(month: &str) -> String {
    let parsed = month.split_once('-').and_then(|(y, m)| {
        let (y, m): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
        Some((y, m))
    });
    let Some((y, m)) = parsed else {
        return format!("{month}-28");
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    format!("{month}-{days:02}")
}

fn with_range(p: &SearchParams, from: &str, to: &str) -> String {
    let with_from = SearchParams {
        q: p.q.clone(),
        lang: p.lang.clone(),
        source: p.source.clone(),
        entity: p.entity.clone(),
        from: Some(from.to_owned()),
        to: p.to.clone(),
        page: None,
    };
    with_from.with("to", Some(to))
}

/// A snippet with its highlighted byte ranges in `<mark>`.
fn highlighted(snippet: &str, ranges: &[std::ops::Range<usize>]) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > snippet.len() || r.start > r.end {
            continue;
        }
        let (Some(before), Some(mark)) = (snippet.get(at..r.start), snippet.get(r.clone())) else {
            continue;
        };
        parts.push((false, before));
        parts.push((true, mark));
        at = r.end;
    }
    parts.push((false, snippet.get(at..).unwrap_or("")));
    html! {
        @for (marked, text) in parts {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The document reader

async fn document_page(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let wanted = id.clone();
    let (json, entities) = with_kb(&state, move |kb| {
        let json = kb
            .document_json(&wanted)?
            .ok_or_else(|| ApiError::not_found(format!("no document {wanted:?}")))?;
        Ok((json, kb.document_entities(&wanted)?))
    })
    .await?;
    let doc: Value = serde_json::from_str(&json).map_err(crate::internal)?;
    let links: std::collections::HashMap<(String, String), String> = entities
        .into_iter()
        .map(|((key, label), entity)| ((key, label.as_str().to_owned()), entity))
        .collect();
    let title = doc["title"].as_str().unwrap_or(&id).to_owned();
    Ok(page(&title, Nav::None, reader::render(&doc, &links)))
}

// ---------------------------------------------------------------------------------------------
// Entities

#[derive(Deserialize)]
struct EntitiesParams {
    label: Option<String>,
}

async fn entities_page(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<EntitiesParams>,
) -> PageResult {
    let rows = with_kb(&state, |kb| Ok(kb.entities()?)).await?;
    let label = nonempty(&p.label).map(str::to_owned);
    let shown: Vec<_> = rows
        .iter()
        .filter(|e| label.as_deref().is_none_or(|l| l == e.label.as_str()))
        .take(300)
        .collect();
    let body = html! {
        h1 { "Entities" }
        p.tabs {
            a href="/entities" aria-current=[label.is_none().then_some("page")] { "all" }
            @for (code, name) in [("PER", "people"), ("ORG", "organisations"), ("LOC", "places"), ("MISC", "other")] {
                a href={ "/entities?label=" (code) } aria-current=[(label.as_deref() == Some(code)).then_some("page")] { (name) }
            }
        }
        p.muted { (shown.len()) " of " (rows.len()) " entities, most mentioned first." }
        table.entities {
            thead { tr { th { "Name" } th { "Type" } th.num { "Mentions" } th.num { "Documents" } th.aliases { "Also written" } } }
            tbody {
                @for e in &shown {
                    tr {
                        td { a href=(entity_href(&e.id)) { (e.name) } }
                        td { span class={ "badge " (e.label.as_str().to_lowercase()) } { (label_name(e.label.as_str())) } }
                        td.num { (e.mentions) }
                        td.num { (e.documents) }
                        td.aliases { (e.aliases.iter().filter(|a| **a != e.name).take(6).cloned().collect::<Vec<_>>().join(" · ")) }
                    }
                }
            }
        }
    };
    Ok(page("Entities", Nav::Entities, body))
}

async fn entity_page(State(state): State<AppState>, Path(name): Path<String>) -> PageResult {
    let profile = with_kb(&state, move |kb| Ok(kb.profile(&name)?)).await?;
    let e = &profile.entity;
    let writable = state.writable();
    let body = html! {
        h1 { (e.name) " " span class={ "badge " (e.label.as_str().to_lowercase()) } { (label_name(e.label.as_str())) } }
        p.muted.entity-id { "id " code { (e.id) } }
        p { (e.mentions) " mentions in " (profile.documents) " documents · "
            a href={ "/?entity=" (percent_encode(&e.id)) "&q=*" } { "search its documents" } " · "
            a href={ "/timeline?entity=" (percent_encode(&e.id)) } { "its timeline" } }
        section {
            h2 { "Names" }
            ul.aliases { @for a in &e.aliases { li { (a) } } }
        }
        section {
            h2 { "Mentions over time" }
            (chart::months(&profile.mentions_by_month))
        }
        @if !profile.co_mentioned.is_empty() {
            section {
                h2 { "Mentioned with" }
                ul.co {
                    @for (id, name, n) in &profile.co_mentioned {
                        li { a href=(entity_href(id)) { (name) } " " span.muted { "(" (n) ")" } }
                    }
                }
            }
        }
        section {
            h2 { "Quotes by " (e.name) " (" (profile.quotes.len()) ")" }
            @if profile.quotes.is_empty() { p.muted { "None found." } }
            ul.quotes {
                @for q in profile.quotes.iter().take(100) {
                    li {
                        blockquote class={ "q-" (q.kind) } { (q.text) }
                        p.cite { @if let Some(cue) = &q.cue { (cue) " · " } a href=(document_href(&q.document)) { (q.document) } @if let Some(d) = &q.published { " · " (d) } }
                    }
                }
            }
        }
        section {
            h2 { "Figures it gives (" (profile.claims.len()) ")" }
            @if profile.claims.is_empty() { p.muted { "None found." } }
            ul.claims {
                @for c in profile.claims.iter().take(100) {
                    li { strong { (c.text) } " — " (c.sentence) " " a href=(document_href(&c.document)) { (c.document) } }
                }
            }
        }
        section.corrections {
            h2 { "Corrections" }
            @if writable {
                form method="post" action={ (entity_href(&e.id)) "/merge" } {
                    label { "Same entity as " (e.name) ": " input type="text" name="from" required placeholder="another entity's name or id"; }
                    input type="password" name="token" required placeholder="write token" aria-label="write token";
                    button type="submit" { "Merge into this one" }
                }
                form method="post" action={ (entity_href(&e.id)) "/split" } {
                    label { "Not " (e.name) ": "
                        select name="name" required {
                            @for a in &e.aliases { option value=(a) { (a) } }
                        }
                    }
                    input type="password" name="token" required placeholder="write token" aria-label="write token";
                    button type="submit" { "Split off" }
                }
            } @else {
                p.muted { "This server is read-only: start it with " code { "--write-token" } " to merge and split entities." }
            }
        }
    };
    Ok(page(&e.name.clone(), Nav::Entities, body))
}

#[derive(Deserialize)]
struct MergeForm {
    from: String,
    token: String,
}

async fn merge_form(
    State(state): State<AppState>,
    Path(name): Path<String>,
    PageForm(f): PageForm<MergeForm>,
) -> Result<Response, PageError> {
    crate::check_write(&state, Some(&f.token))?;
    let id = crate::merge_entities(&state, name, f.from).await?.id;
    Ok(Redirect::to(&entity_href(&id)).into_response())
}

#[derive(Deserialize)]
struct SplitForm {
    name: String,
    token: String,
}

async fn split_form(
    State(state): State<AppState>,
    Path(entity): Path<String>,
    PageForm(f): PageForm<SplitForm>,
) -> Result<Response, PageError> {
    crate::check_write(&state, Some(&f.token))?;
    let id = crate::split_entity(&state, entity, f.name).await?.id;
    Ok(Redirect::to(&entity_href(&id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// Claims

#[derive(Deserialize)]
struct ClaimsParams {
    status: Option<String>,
}

async fn claims_page(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<ClaimsParams>,
) -> PageResult {
    let groups = with_kb(&state, |kb| Ok(kb.claims()?)).await?;
    let status = nonempty(&p.status).map(str::to_owned);
    let count = |s: &str| {
        groups
            .iter()
            .filter(|(g, _)| g.status.as_str() == s)
            .count()
    };
    let shown: Vec<_> = groups
        .iter()
        .filter(|(g, _)| status.as_deref().is_none_or(|s| s == g.status.as_str()))
        .take(200)
        .collect();
    let body = html! {
        h1 { "Claims" }
        p.muted { "Figures grouped by what they count, within one story; conflicting groups first." }
        p.tabs {
            a href="/claims" aria-current=[status.is_none().then_some("page")] { "all (" (groups.len()) ")" }
            @for s in ["conflicting", "consistent", "single"] {
                a href={ "/claims?status=" (s) } aria-current=[(status.as_deref() == Some(s)).then_some("page")] { (s) " (" (count(s)) ")" }
            }
        }
        @for (g, rows) in &shown {
            section class={ "claim-group " (g.status.as_str()) } {
                h2 { (g.what) @if let Some(u) = &g.unit { " (" (u) ")" } " " span class={ "status " (g.status.as_str()) } { (g.status.as_str()) } }
                div.sides {
                    @for c in rows.iter() {
                        div.side {
                            p.figure { (c.text) }
                            @if let Some((v, u)) = c.si_value.zip(c.si_unit.as_ref()) { p.si { "= " (format_number(v)) " " (u) } }
                            p.source { "according to "
                                @match (&c.source, &c.source_key) {
                                    (Some(s), Some(k)) => { a href=(entity_href(k)) { (s) } }
                                    (Some(s), None) => { (s) }
                                    (None, _) => { span.muted { "the article" } }
                                }
                            }
                            p.sentence { (c.sentence) }
                            p.cite { a href=(document_href(&c.document)) { (c.document) } }
                        }
                    }
                }
            }
        }
    };
    Ok(page("Claims", Nav::Claims, body))
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

// ---------------------------------------------------------------------------------------------
// Timeline

#[derive(Deserialize)]
struct TimelineParams {
    entity: Option<String>,
    page: Option<usize>,
}

/// Items per timeline page.
const TIMELINE_ITEMS: usize = 200;

async fn timeline_page(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<TimelineParams>,
) -> PageResult {
    let entity = nonempty(&p.entity).map(str::to_owned);
    let wanted = entity.clone();
    let (rows, named) = with_kb(&state, move |kb| {
        let named = wanted.as_deref().map(|e| kb.entity(e)).transpose()?;
        Ok((kb.timeline(wanted.as_deref())?, named))
    })
    .await?;
    let pages = rows.len().div_ceil(TIMELINE_ITEMS).max(1);
    let current = p.page.unwrap_or(1).clamp(1, pages);
    let first = (current - 1) * TIMELINE_ITEMS;
    let page_href = |n: usize| match &entity {
        Some(e) => format!("/timeline?entity={}&page={n}", percent_encode(e)),
        None => format!("/timeline?page={n}"),
    };
    // A year heading before the first item of each year.
    let shown: Vec<(Option<&str>, &store::TimelineRow)> = rows
        .iter()
        .skip(first)
        .take(TIMELINE_ITEMS)
        .scan("", |last, t| {
            let year = t.value.get(..4).unwrap_or("");
            let heading = (year != *last).then_some(year);
            *last = year;
            Some((heading, t))
        })
        .collect();
    let body = html! {
        h1 { "Timeline" @if let Some(e) = &named { " of " a href=(entity_href(&e.id)) { (e.name) } } }
        form.inline method="get" action="/timeline" {
            label { "Entity " input type="text" name="entity" value=[entity.as_deref()] placeholder="name or id"; }
            button type="submit" { "Filter" }
            @if named.is_some() { " " a href="/timeline" { "all" } }
        }
        p.muted { (rows.len()) " dated mentions" @if pages > 1 { ", " (first + 1) " to " (first + shown.len()) " shown" } "." }
        (pager(current, pages, &page_href))
        ol.timeline {
            @for (heading, t) in &shown {
                @if let Some(year) = heading {
                    li.year { (year) }
                }
                li.item {
                    time { (t.value) }
                    div {
                        strong { (t.text) } " — " (t.sentence)
                        p.cite { a href=(document_href(&t.document)) { (t.title.as_deref().unwrap_or(&t.document)) } }
                    }
                }
            }
        }
        (pager(current, pages, &page_href))
    };
    Ok(page("Timeline", Nav::Timeline, body))
}

/// Previous and next links between numbered pages.
fn pager(current: usize, pages: usize, href: &dyn Fn(usize) -> String) -> Markup {
    html! {
        @if pages > 1 {
            nav.pager aria-label="pages" {
                @if current > 1 { a rel="prev" href=(href(current - 1)) { "← previous" } }
                span.muted { "page " (current) " of " (pages) }
                @if current < pages { a rel="next" href=(href(current + 1)) { "next →" } }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The map

/// The gazetteer place an entity of the knowledge base names: its name or one of its
/// aliases, the most populous reading first (the gazetteer orders them so).
fn place_of(e: &store::EntityRow) -> Option<&'static gazetteer::Place> {
    let g = gazetteer::get();
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .find_map(|name| g.places(name).first().copied())
}

async fn map_page(State(state): State<AppState>) -> PageResult {
    let rows = with_kb(&state, |kb| Ok(kb.entities()?)).await?;
    let g = gazetteer::get();
    let mut countries: std::collections::HashMap<u16, u64> = std::collections::HashMap::new();
    // Cities as points, and countries the atlas has no shape for (Malta, Singapore).
    let mut points: Vec<(f32, f32, &str, u64, String)> = Vec::new();
    let mut unplaced: Vec<&store::EntityRow> = Vec::new();
    for e in rows.iter().filter(|e| e.label == doc::EntityLabel::Loc) {
        let Some(place) = place_of(e) else {
            unplaced.push(e);
            continue;
        };
        // A city's mentions count for its country's shade too: the map answers "where".
        let country = g.country(place.country).and_then(gazetteer::Place::ccn3);
        if let Some(code) = country {
            *countries.entry(code).or_default() += e.mentions;
        }
        let is_shape = place.kind == gazetteer::PlaceKind::Country
            && place.ccn3().is_some_and(worldmap::has_shape);
        if !is_shape && let Some((lat, lon)) = place.coords() {
            points.push((lat, lon, e.name.as_str(), e.mentions, entity_href(&e.id)));
        }
    }
    let map_points: Vec<worldmap::MapPoint> = points
        .iter()
        .map(|(lat, lon, label, count, href)| worldmap::MapPoint {
            lat: *lat,
            lon: *lon,
            label,
            count: *count,
            href,
        })
        .collect();
    let svg = worldmap::world_svg(&countries, &map_points);
    let placed = rows
        .iter()
        .filter(|e| e.label == doc::EntityLabel::Loc)
        .count()
        - unplaced.len();
    let body = html! {
        h1 { "Places" }
        p.muted { (placed) " places on the map: countries shaded by their mentions and their cities', cities as dots." }
        figure.map { (PreEscaped(svg)) }
        @if !unplaced.is_empty() {
            section {
                h2 { "Not on the map (" (unplaced.len()) ")" }
                p.muted { "Places the gazetteer does not know: regions, rivers, streets, or names it cannot tell apart." }
                ul.co {
                    @for e in unplaced.iter().take(300) {
                        li { a href=(entity_href(&e.id)) { (e.name) } " " span.muted { "(" (e.mentions) ")" } }
                    }
                }
            }
        }
    };
    Ok(page("Map", Nav::Map, body))
}

#[cfg(test)]
mod tests;
