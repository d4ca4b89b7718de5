//! A cache of whole GET responses, keyed by path and query.
//!
//! Analysts reload the same pages and dashboards poll the same searches; answering those from
//! memory leaves the cores to requests nobody asked before. An entry is dropped when:
//! - this server writes (ingest, merge, split bump the generation every entry is stamped with,
//!   taken when its request *started*, so a read that raced a write is never kept);
//! - it is older than the time to live, which bounds how stale a read-only server can be when
//!   another process ingests into the same store;
//! - the cache is full (the oldest entry goes).
//!
//! Only 200 answers of at most [`MAX_ENTRY_BYTES`] are kept; errors are recomputed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// Largest response body kept.
pub const MAX_ENTRY_BYTES: usize = 2 << 20;

/// The cache; `capacity` 0 disables it.
pub(crate) struct ResponseCache {
    entries: Mutex<HashMap<String, Entry>>,
    capacity: usize,
    ttl: Duration,
    generation: AtomicU64,
}

struct Entry {
    generation: u64,
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
}

impl ResponseCache {
    pub(crate) fn new(capacity: usize, ttl: Duration) -> ResponseCache {
        ResponseCache {
            entries: Mutex::new(HashMap::new()),
            capacity,
            ttl,
            generation: AtomicU64::new(0),
        }
    }

    /// Forgets every entry: the knowledge base changed.
    pub(crate) fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn get(&self, key: &str) -> Option<(HeaderMap, Bytes)> {
        let generation = self.generation.load(Ordering::SeqCst);
        let entries = self.lock();
        let e = entries.get(key)?;
        (e.generation == generation && e.stored.elapsed() < self.ttl)
            .then(|| (e.headers.clone(), e.body.clone()))
    }

    fn put(&self, key: String, generation: u64, headers: HeaderMap, body: Bytes) {
        if generation != self.generation.load(Ordering::SeqCst) {
            return; // a write landed while this was computed
        }
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            let oldest = entries
                .iter()
                .min_by_key(|(_, e)| e.stored)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                entries.remove(&k);
            }
        }
        entries.insert(
            key,
            Entry {
                generation,
                stored: Instant::now(),
                headers,
                body,
            },
        );
    }
}

/// The middleware: answers a GET from the cache, or runs the route and keeps its answer.
pub(crate) async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = &state.cache;
    if cache.capacity == 0 || request.method() != Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    if let Some((headers, body)) = cache.get(&key) {
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
            .headers_mut()
            .insert("x-cache", HeaderValue::from_static("hit"));
        return response;
    }
    let generation = cache.generation.load(Ordering::SeqCst);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ENTRY_BYTES).await else {
        // Too large to keep, and now consumed: say so rather than send half of it.
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the response was too large to buffer",
        )
            .into_response();
    };
    cache.put(key, generation, parts.headers.clone(), bytes.clone());
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(capacity: usize) -> ResponseCache {
        ResponseCache::new(capacity, Duration::from_secs(60))
    }

    #[test]
    fn a_write_drops_every_entry() {
        let c = cache(4);
        c.put("/a".into(), 0, HeaderMap::new(), Bytes::from_static(b"x"));
        assert!(c.get("/a").is_some());
        c.invalidate();
        assert!(c.get("/a").is_none());
    }

    #[test]
    fn an_answer_computed_across_a_write_is_not_kept() {
        let c = cache(4);
        let started = c.generation.load(Ordering::SeqCst);
        c.invalidate();
        c.put(
            "/a".into(),
            started,
            HeaderMap::new(),
            Bytes::from_static(b"old"),
        );
        assert!(c.get("/a").is_none());
    }

    #[test]
    fn a_full_cache_drops_its_oldest_entry() {
        let c = cache(2);
        for k in ["/1", "/2", "/3"] {
            c.put(k.into(), 0, HeaderMap::new(), Bytes::from_static(b"x"));
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(c.get("/1").is_none());
        assert!(c.get("/2").is_some() && c.get("/3").is_some());
    }

    #[test]
    fn entries_expire() {
        let c = ResponseCache::new(4, Duration::from_millis(1));
        c.put("/a".into(), 0, HeaderMap::new(), Bytes::from_static(b"x"));
        std::thread::sleep(Duration::from_millis(5));
        assert!(c.get("/a").is_none());
    }
}
