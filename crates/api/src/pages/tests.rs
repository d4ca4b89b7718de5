//! The pages called without a socket: each renders, escapes what documents contain, and
//! refuses writes without the token.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::tests::app_with;

/// An article whose text tries to inject markup into the pages.
const HOSTILE: (&str, &str) = (
    "evil-1",
    "<script>alert('x')</script> à Astana\n\nLe président Kassym-Jomart Tokaïev a dit « <img src=x onerror=alert(1)> » le 2 mai 2024.\n\nPUBLICITÉ\n\nLa frontière reste ouverte.",
);

async fn fetch(
    app: &Router,
    request: Request<Body>,
) -> (StatusCode, String, axum::http::HeaderMap) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap(), headers)
}

async fn page(app: &Router, uri: &str) -> (StatusCode, String, axum::http::HeaderMap) {
    fetch(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn form(app: &Router, uri: &str, body: &str) -> (StatusCode, String, axum::http::HeaderMap) {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap();
    fetch(app, request).await
}

/// Every page, with what it must show.
const PAGES: &[(&str, StatusCode, &str)] = &[
    ("/", StatusCode::OK, "3 documents"),
    ("/?q=Tokayev", StatusCode::OK, "Токаев"),
    ("/?q=Tokayev&lang=ru", StatusCode::OK, "1 documents match"),
    ("/?q=Tokayev&page=7", StatusCode::OK, "documents match"),
    (
        "/?q=Astana&from=2030-01-01",
        StatusCode::OK,
        "0 documents match",
    ),
    ("/documents/fr-1", StatusCode::OK, "class=\"ent ent-per\""),
    // Mentions link to the entity resolved across documents, not to the document's own key.
    (
        "/documents/fr-1",
        StatusCode::OK,
        "href=\"/entities/kassym-jomart-tokaiev\"",
    ),
    ("/documents/evil-1", StatusCode::OK, "Removed lines"),
    ("/entities", StatusCode::OK, "Kassym-Jomart Tokaïev"),
    ("/entities?label=LOC", StatusCode::OK, "Astana"),
    ("/entities/Tokayev", StatusCode::OK, "Касым-Жомарт Токаев"),
    ("/claims", StatusCode::OK, "6 000 soldats"),
    ("/timeline", StatusCode::OK, "2024-04-23"),
    ("/timeline?entity=Tokayev", StatusCode::OK, "Timeline of"),
    ("/timeline?page=999", StatusCode::OK, "2024-04-23"),
    ("/timeline?page=abc", StatusCode::BAD_REQUEST, "page"),
    ("/map", StatusCode::OK, "<svg"),
    ("/assets/style.css", StatusCode::OK, ".worldmap"),
    // Bad input: a clear page with the right status.
    (
        "/documents/no-such-id",
        StatusCode::NOT_FOUND,
        "no document",
    ),
    (
        "/documents/..%2F..%2Fetc%2Fpasswd",
        StatusCode::NOT_FOUND,
        "no document",
    ),
    (
        "/entities/nobody-at-all",
        StatusCode::NOT_FOUND,
        "no entity named",
    ),
    (
        "/timeline?entity=nobody-at-all",
        StatusCode::NOT_FOUND,
        "no entity named",
    ),
    (
        "/?q=Astana&from=yesterday",
        StatusCode::BAD_REQUEST,
        "is not a date",
    ),
    ("/?q=%22", StatusCode::BAD_REQUEST, "query"),
];

#[tokio::test]
async fn every_page_renders_what_it_should() {
    let (app, _dir) = app_with("pages", None, &[HOSTILE]);
    for &(uri, status, needle) in PAGES {
        let (got, body, headers) = page(&app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(body.contains(needle), "{uri} lacks {needle:?}:\n{body}");
        if !uri.ends_with(".css") {
            assert!(body.starts_with("<!DOCTYPE html>"), "{uri}");
            let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(csp.contains("default-src 'none'"), "{uri}: {csp}");
        }
    }
}

#[tokio::test]
async fn markup_in_a_document_is_shown_not_run() {
    let (app, _dir) = app_with("escape", None, &[HOSTILE]);
    for uri in [
        "/documents/evil-1",
        "/?q=alert",
        "/entities",
        "/timeline",
        "/claims",
        "/map",
    ] {
        let (status, body, _) = page(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!body.contains("<script"), "{uri} carries a script tag");
        assert!(!body.contains("<img"), "{uri} carries an injected image");
    }
    let (_, body, _) = page(&app, "/documents/evil-1").await;
    assert!(body.contains("&lt;script&gt;"), "the text is shown escaped");
}

#[tokio::test]
async fn a_query_too_long_is_refused_with_a_page() {
    let (app, _dir) = app_with("long", None, &[]);
    // 60 000 characters: the longest URI the http crate builds (hyper answers 414 beyond).
    let uri = format!("/?q={}", "a".repeat(60_000));
    let (status, body, _) = page(&app, &uri).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("the limit is"), "{body}");
}

#[tokio::test]
async fn a_read_only_server_shows_no_form_and_refuses_writes() {
    let (app, _dir) = app_with("readonly", None, &[]);
    let (_, body, _) = page(&app, "/entities/Tokayev").await;
    assert!(body.contains("read-only"));
    assert!(!body.contains("<form method=\"post\""));
    let (status, body, _) = form(&app, "/entities/astana/merge", "from=Tokayev&token=x").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
}

#[tokio::test]
async fn merge_and_split_forms_need_the_token_and_work_with_it() {
    let (app, _dir) = app_with("forms", Some("s3cret"), &[]);
    let (_, body, _) = page(&app, "/entities/Tokayev").await;
    assert!(body.contains("Merge into this one"), "{body}");
    let (status, _, _) = form(&app, "/entities/astana/merge", "from=Tokayev&token=wrong").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Malformed form: a 4xx, not a 500.
    let (status, _, _) = form(&app, "/entities/astana/merge", "token=s3cret").await;
    assert!(status.is_client_error(), "{status}");

    let (status, _, headers) =
        form(&app, "/entities/astana/merge", "from=Moscou&token=s3cret").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers[header::LOCATION].to_str().unwrap().to_owned();
    let (_, body, _) = page(&app, &location).await;
    assert!(body.contains("Moscou"), "merged name listed: {body}");

    let (status, _, _) = form(
        &app,
        &format!("{location}/split"),
        "name=Moscou&token=s3cret",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, body, _) = page(&app, &location).await;
    assert!(!body.contains("<li>Moscou</li>"), "split name gone: {body}");
}
