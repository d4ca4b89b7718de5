//! The real server (router over a small knowledge base, `axum::serve` on the guarded
//! listener, 127.0.0.1:0) spoken to in raw HTTP/1.1 over a socket: over-long request heads
//! get a 414 or 431 with a message, ordinary requests still work, keep-alive included.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use api::listener::{GuardedListener, MAX_HEAD_BYTES, MAX_TARGET_BYTES};
use doc::{RawArticle, RawBody};
use kb::KnowledgeBase;
use pipeline::Analyzer;
use serde_json::Value;

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts the server on a one-article knowledge base.
async fn serve(name: &str) -> (SocketAddr, Scratch) {
    let dir = std::env::temp_dir().join(format!("veille-listener-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let analyzer = Analyzer::new(clean::CleanOptions::default());
    let mut raw = RawArticle::new(
        "fr-1",
        RawBody::Text(
            "Visite à Astana\n\nLe président Kassym-Jomart Tokaïev a reçu les dirigeants."
                .to_owned(),
        ),
    );
    raw.published = Some("2024-05-10".to_owned());
    let docs = vec![analyzer.analyze(raw)];
    let kb = KnowledgeBase::open(&dir).unwrap();
    kb.ingest(&docs).unwrap();
    kb.refresh().unwrap();
    let app = api::router(api::AppState::new(kb, analyzer));
    let listener = GuardedListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, Scratch(dir))
}

/// One response: the status line, the header lines (lower-cased names) and the body.
struct Response {
    status: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Reads one response off `stream`: the head, then `Content-Length` bytes of body (or up
/// to end of file without one).
fn read_response(stream: &mut TcpStream) -> Response {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let n = stream.read(&mut byte).expect("read the response head");
        assert!(
            n > 0,
            "connection closed mid-head: {:?}",
            String::from_utf8_lossy(&head)
        );
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let mut lines = head.trim_end().split("\r\n");
    let status = lines.next().unwrap().to_owned();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map(|(_, v)| v.parse::<usize>().unwrap());
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            stream.read_exact(&mut body).expect("read the body");
        }
        None => {
            stream.read_to_end(&mut body).expect("read the body");
        }
    }
    Response {
        status,
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

/// Sends `request` on a new connection and reads one response, on a blocking thread.
async fn exchange(addr: SocketAddr, request: Vec<u8>) -> (Response, bool) {
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.write_all(&request).unwrap();
        let response = read_response(&mut stream);
        // Whether the server then closed the connection (as it said it would: otherwise
        // the connection stays open and there is nothing to wait for).
        let closed = response.header("connection") == Some("close") && {
            let mut rest = Vec::new();
            stream.read_to_end(&mut rest).is_ok() && rest.is_empty()
        };
        (response, closed)
    })
    .await
    .unwrap()
}

fn get(target: &str) -> Vec<u8> {
    format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\n\r\n").into_bytes()
}

#[tokio::test]
async fn a_query_of_100_000_characters_gets_414_with_a_message() {
    let (addr, _dir) = serve("414").await;
    let target = format!("/api/search?q={}", "a".repeat(100_000));
    let (response, closed) = exchange(addr, get(&target)).await;
    assert_eq!(response.status, "HTTP/1.1 414 URI Too Long");
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(response.header("connection"), Some("close"));
    assert_eq!(
        response.json()["error"],
        format!(
            "the request target (path and query string) is {} bytes long; the limit is \
             {MAX_TARGET_BYTES} (URI too long)",
            target.len()
        )
    );
    assert!(closed, "the server closes the connection after a 414");

    // Outside /api (the pages) the same message, as plain text.
    let target = format!("/search?q={}", "a".repeat(100_000));
    let (response, _) = exchange(addr, get(&target)).await;
    assert_eq!(response.status, "HTTP/1.1 414 URI Too Long");
    assert_eq!(
        response.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(
        response
            .body
            .contains("100010 bytes long; the limit is 65534"),
        "{}",
        response.body
    );
}

#[tokio::test]
async fn a_target_at_the_limit_reaches_the_handler() {
    let (addr, _dir) = serve("at-limit").await;
    let prefix = "/api/search?q=";
    let target = format!("{prefix}{}", "a".repeat(MAX_TARGET_BYTES - prefix.len()));
    assert_eq!(target.len(), MAX_TARGET_BYTES);
    let (response, closed) = exchange(addr, get(&target)).await;
    assert!(!closed);
    // The handler's own limit on a query, with its own message.
    assert_eq!(response.status, "HTTP/1.1 400 Bad Request");
    let error = response.json()["error"].as_str().unwrap().to_owned();
    assert!(
        error.starts_with("the query is 65520 bytes long"),
        "{error}"
    );
}

#[tokio::test]
async fn too_many_or_too_large_headers_get_431_with_a_message() {
    let (addr, _dir) = serve("431").await;
    let mut request = String::from("GET /api/search?q=Astana HTTP/1.1\r\nHost: localhost\r\n");
    for i in 0..100 {
        request.push_str(&format!("X-Field-{i}: {i}\r\n"));
    }
    request.push_str("\r\n");
    let (response, closed) = exchange(addr, request.into_bytes()).await;
    assert_eq!(
        response.status,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    assert_eq!(
        response.json()["error"],
        "the request has more than 100 header fields; the limit is 100 (request header \
         fields too large)"
    );
    assert!(closed);

    let request = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "b".repeat(MAX_HEAD_BYTES)
    );
    let (response, _) = exchange(addr, request.into_bytes()).await;
    assert_eq!(
        response.status,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    assert!(
        response
            .body
            .starts_with("the request line and headers are more than 417792 bytes"),
        "{}",
        response.body
    );
}

#[tokio::test]
async fn ordinary_requests_pass_through_with_keep_alive() {
    let (addr, _dir) = serve("keep-alive").await;
    let responses = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut responses = Vec::new();
        for target in ["/api/search?q=Astana", "/api/entities?limit=5"] {
            stream.write_all(&get(target)).unwrap();
            responses.push(read_response(&mut stream));
        }
        // A third request, after the first, is not watched but still served.
        stream.write_all(&get("/api/openapi.json")).unwrap();
        responses.push(read_response(&mut stream));
        responses
    })
    .await
    .unwrap();
    for response in &responses {
        assert_eq!(response.status, "HTTP/1.1 200 OK", "{}", response.body);
        assert_ne!(response.header("connection"), Some("close"));
    }
    assert_eq!(
        responses[0].json()["hits"][0]["id"],
        "fr-1",
        "{}",
        responses[0].body
    );
    assert!(responses[1].json().is_object() || responses[1].json().is_array());
}
