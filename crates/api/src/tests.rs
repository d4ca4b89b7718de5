//! The router called without a socket, on a knowledge base of two articles.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::*;

pub(crate) struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn app(name: &str) -> (Router, Scratch) {
    app_with(name, None, &[])
}

/// The two-article knowledge base, plus `extra` articles (id, text), with `token` as the
/// write token when given.
pub(crate) fn app_with(
    name: &str,
    token: Option<&str>,
    extra: &[(&str, &str)],
) -> (Router, Scratch) {
    let dir = std::env::temp_dir().join(format!("veille-api-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let analyzer = Analyzer::new(clean::CleanOptions::default());
    let docs: Vec<doc::Document> = [
        ("fr-1", "Visite à Astana\n\nLe président Kassym-Jomart Tokaïev a reçu les dirigeants le 23 avril dernier. Selon Moscou, 6 000 soldats ont été perdus."),
        ("ru-1", "Саммит в Астане\n\nПрезидент Касым-Жомарт Токаев заявил, что границы открыты."),
    ]
    .into_iter()
    .chain(extra.iter().copied())
    .map(|(id, text)| {
        let mut raw = RawArticle::new(id, RawBody::Text(text.to_owned()));
        raw.published = Some("2024-05-10".to_owned());
        analyzer.analyze(raw)
    })
    .collect();
    let kb = KnowledgeBase::open(&dir).unwrap();
    kb.ingest(&docs).unwrap();
    kb.refresh().unwrap();
    let mut state = AppState::new(kb, analyzer);
    if let Some(token) = token {
        state = state.with_write_token(token);
    }
    (router(state), Scratch(dir))
}

async fn call(app: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
    (status, value)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(app: &Router, uri: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let request = Request::post(uri)
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap();
    call(app, request).await
}

#[tokio::test]
async fn search_finds_a_name_in_both_scripts() {
    let (app, _dir) = app("search");
    let (status, body) = get(&app, "/api/search?q=Tokayev").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["total"], 2, "{body}");
    let (status, body) = get(&app, "/api/search?q=Tokayev&lang=ru").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hits"][0]["id"], "ru-1");
}

#[tokio::test]
async fn documents_entities_claims_timeline_answer() {
    let (app, _dir) = app("read");
    let (status, body) = get(&app, "/api/documents/fr-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], "fr-1");
    let (status, body) = get(&app, "/api/entities?label=PER").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body["entities"].as_array().unwrap().is_empty());
    let (status, body) = get(&app, "/api/entities/%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["documents"], 2, "{body}");
    let (status, body) = get(&app, "/api/claims").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["groups"].is_array());
    let (status, body) = get(&app, "/api/timeline").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["items"][0]["value"], "2024-04-23", "{body}");
}

#[tokio::test]
async fn analyze_returns_the_contract_document() {
    let (app, _dir) = app("analyze");
    let (status, body) = post_json(
        &app,
        "/api/analyze",
        r#"{"text": "Le 23 avril dernier, près de 100 000 Russes sont arrivés à Astana.", "lang": "fr", "published": "2024-05-10"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["lang"], "fr");
    assert_eq!(body["times"][0]["value"], "2024-04-23");
    assert!(body["entities"].is_array());
}

/// Bad input: the right 4xx and a JSON message, never a 500.
#[tokio::test]
async fn bad_requests_get_a_clear_4xx() {
    let (app, _dir) = app("bad");
    let cases: Vec<(Request<Body>, StatusCode)> = vec![
        (
            Request::get("/api/search").body(Body::empty()).unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get(format!("/api/search?q={}", "a".repeat(60_000)))
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/search?q=x&from=yesterday")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/search?q=x&limit=abc")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/documents/nope")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            Request::get("/api/entities/Nobody%20Atall")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            Request::get("/api/entities?label=XYZ")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/claims?status=maybe")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/etc/passwd").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            Request::get("/api/documents/..%2F..%2Fetc%2Fpasswd")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            Request::post("/api/analyze")
                .header("content-type", "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::post("/api/analyze")
                .header("content-type", "application/json")
                .body(Body::from(r#"{"title": "no text"}"#))
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::post("/api/analyze")
                .header("content-type", "application/json")
                .body(Body::from(format!(
                    "{{\"text\": \"{}\"}}",
                    "a".repeat(MAX_BODY_BYTES + 10)
                )))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (request, expected) in cases {
        let what = format!(
            "{} {}",
            request.method(),
            request
                .uri()
                .to_string()
                .chars()
                .take(60)
                .collect::<String>()
        );
        let (status, body) = call(&app, request).await;
        assert_eq!(status, expected, "{what}: {body}");
        assert!(body["error"].is_string(), "{what}: {body}");
    }
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let (app, _dir) = app("openapi");
    let (status, body) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["openapi"], "3.1.0");
    for route in [
        "/api/search",
        "/api/documents/{id}",
        "/api/entities",
        "/api/entities/{name}",
        "/api/claims",
        "/api/timeline",
        "/api/analyze",
        "/api/ingest",
        "/api/entities/{name}/merge",
        "/api/entities/{name}/split",
    ] {
        assert!(body["paths"].get(route).is_some(), "{route} missing");
    }
}

async fn post_with_token(
    app: &Router,
    uri: &str,
    token: Option<&str>,
    body: &str,
) -> (StatusCode, Value) {
    let mut request = Request::post(uri).header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    call(app, request.body(Body::from(body.to_owned())).unwrap()).await
}

#[tokio::test]
async fn writes_are_refused_on_a_read_only_server() {
    let (app, _dir) = app("readonly");
    for (uri, body) in [
        ("/api/ingest", r#"{"text": "Bonjour"}"#),
        ("/api/entities/astana/merge", r#"{"from": "Moscou"}"#),
        ("/api/entities/astana/split", r#"{"name": "Astana"}"#),
    ] {
        let (status, value) = post_with_token(&app, uri, Some("guess"), body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {value}");
        assert!(value["error"].as_str().unwrap().contains("read-only"));
    }
}

#[tokio::test]
async fn ingest_and_merge_need_the_token_and_work_with_it() {
    let (app, _dir) = app_with("writes", Some("s3cret"), &[]);
    let article = r#"[{"id": "fr-2", "text": "Tokaïev à Moscou\n\nKassym-Jomart Tokaïev est arrivé à Moscou le 3 mai 2024.", "published": "2024-05-03"}]"#;
    for token in [None, Some("wrong"), Some("s3cre"), Some("s3cret2")] {
        let (status, value) = post_with_token(&app, "/api/ingest", token, article).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {value}");
    }
    // Asked twice before the ingest: the second answer comes from the cache...
    for _ in 0..2 {
        let (_, value) = get(&app, "/api/search?q=arriv%C3%A9").await;
        assert_eq!(value["total"], 0, "{value}");
    }
    let response = app
        .clone()
        .oneshot(
            Request::get("/api/search?q=arriv%C3%A9")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.headers()["x-cache"], "hit");
    let (status, value) = post_with_token(&app, "/api/ingest", Some("s3cret"), article).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["added"], 1);
    // ... and the ingest dropped it.
    let (status, value) = get(&app, "/api/search?q=arriv%C3%A9").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value["total"], 1, "{value}");
    // The same article again is a copy, not a new document.
    let (_, value) = post_with_token(&app, "/api/ingest", Some("s3cret"), article).await;
    assert_eq!(
        (value["added"].as_u64(), value["copies"].as_u64()),
        (Some(0), Some(1))
    );
    // Bad bodies: the right 4xx.
    for (body, expected) in [
        ("[]", StatusCode::BAD_REQUEST),
        (r#"{"text": "a", "html": "b"}"#, StatusCode::BAD_REQUEST),
        ("{not json", StatusCode::BAD_REQUEST),
    ] {
        let (status, value) = post_with_token(&app, "/api/ingest", Some("s3cret"), body).await;
        assert_eq!(status, expected, "{body}: {value}");
    }

    let (status, value) = post_with_token(
        &app,
        "/api/entities/astana/merge",
        Some("s3cret"),
        r#"{"from": "Moscou"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    // One entity now, whichever of its names is the most mentioned.
    let names = format!("{} {}", value["name"], value["aliases"]);
    assert!(
        names.contains("Moscou") && names.contains("Astana"),
        "{value}"
    );
    let (status, value) = post_with_token(
        &app,
        "/api/entities/astana/merge",
        Some("s3cret"),
        r#"{"from": "nobody-at-all"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{value}");
}

/// Reads of the knowledge base wait for a reader slot: no more run at once than there are
/// slots, whatever the number of requests (the tail latency under load depends on it).
#[tokio::test]
async fn knowledge_base_reads_run_no_more_than_the_reader_slots_at_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dir = std::env::temp_dir().join(format!("veille-api-slots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _scratch = Scratch(dir.clone());
    let kb = KnowledgeBase::open(&dir).unwrap();
    let mut state = AppState::new(kb, Analyzer::new(clean::CleanOptions::default()));
    state.readers = Arc::new(tokio::sync::Semaphore::new(2));
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let (state, running, most) = (state.clone(), Arc::clone(&running), Arc::clone(&most));
        tasks.spawn(async move {
            with_kb(&state, move |_| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(15));
                running.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            })
            .await
            .unwrap()
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    assert_eq!(most.load(Ordering::SeqCst), 2, "reads at once");
}
