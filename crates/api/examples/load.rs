//! Load benchmark of the HTTP API: N concurrent keep-alive HTTP/1.1 clients issue a mix of
//! search and entity-profile requests for a fixed time; prints per-route p50, p90, p99, max
//! and requests per second.
//!
//! ```text
//! veille ingest --db /tmp/kb ../shared/eval/news-realism/news-realism.jsonl
//! # the router in this process, on an ephemeral loopback port:
//! cargo run --release -p api --example load -- --db /tmp/kb [--clients 32] [--seconds 20]
//! # or against a running server (`veille serve --db /tmp/kb`):
//! cargo run --release -p api --example load -- --url http://127.0.0.1:8642
//! ```
//!
//! Queries are built from the corpus: the names of the most mentioned entities (as phrases,
//! and their first words alone and in pairs) and common words in English, French and
//! Russian; profiles are asked for the same entities, by id. Every client walks the list
//! from its own offset, so requests are spread over distinct queries. The clients share the
//! machine with the server (as on a 2-core box they would anyway): the figures are an upper
//! bound of what the server alone costs.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::TcpStream;

/// Common words (a search for each matches many documents).
const WORDS: &[&str] = &[
    "president",
    "government",
    "election",
    "said",
    "people",
    "war",
    "police",
    "economy",
    "campaign",
    "minister",
    "gouvernement",
    "président",
    "élection",
    "guerre",
    "ministre",
    "президент",
    "правительство",
    "выборы",
    "война",
    "россии",
    "\"white house\"",
    "\"prime minister\"",
    "climate change",
    "oil prices",
];

struct Args {
    db: Option<PathBuf>,
    url: Option<String>,
    clients: usize,
    seconds: u64,
    /// The HTML pages (`/?q=`, `/entities/{id}`) instead of the JSON routes.
    pages: bool,
    /// The in-process server without its response cache: every request computed.
    no_cache: bool,
}

fn args() -> Args {
    let mut out = Args {
        db: None,
        url: None,
        clients: 32,
        seconds: 20,
        pages: false,
        no_cache: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--pages" => out.pages = true,
            "--no-cache" => out.no_cache = true,
            "--db" => out.db = Some(PathBuf::from(value())),
            "--url" => out.url = Some(value()),
            "--clients" => out.clients = value().parse().unwrap_or_else(|_| usage("--clients N")),
            "--seconds" => out.seconds = value().parse().unwrap_or_else(|_| usage("--seconds N")),
            other => usage(&format!("unknown argument {other:?}")),
        }
    }
    if out.db.is_some() == out.url.is_some() {
        usage("give exactly one of --db DIR and --url http://HOST:PORT");
    }
    out
}

fn usage(message: &str) -> ! {
    eprintln!(
        "load: {message}\nusage: load (--db DIR | --url http://127.0.0.1:8642) [--clients 32] [--seconds 20] [--pages] [--no-cache]"
    );
    std::process::exit(2)
}

/// `%XX` for every byte outside the unreserved set of RFC 3986.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One keep-alive HTTP/1.1 connection (readiness and `try_read`/`try_write`: the api's
/// tokio has no `io-util`, and this needs no more of HTTP than a `Content-Length` body).
struct Client {
    stream: TcpStream,
    /// Bytes read and not consumed yet.
    buffer: Vec<u8>,
    /// The last response's body.
    body: Vec<u8>,
}

impl Client {
    async fn connect(addr: SocketAddr) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream,
            buffer: Vec::with_capacity(64 << 10),
            body: Vec::new(),
        })
    }

    async fn write_all(&self, mut data: &[u8]) -> std::io::Result<()> {
        while !data.is_empty() {
            self.stream.writable().await?;
            match self.stream.try_write(data) {
                Ok(n) => data = &data[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Reads what the socket has into the buffer.
    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 << 10];
        loop {
            self.stream.readable().await?;
            match self.stream.try_read(&mut chunk) {
                Ok(0) => return Err(std::io::Error::other("connection closed")),
                Ok(n) => {
                    self.buffer.extend_from_slice(&chunk[..n]);
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// GET `path`: the status; the body is in `self.body`.
    async fn get(&mut self, path: &str) -> std::io::Result<u16> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n");
        self.write_all(request.as_bytes()).await?;
        let head_end = loop {
            if let Some(i) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill().await?;
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad response head {head:?}")))?;
        let length = lines
            .filter_map(|l| l.split_once(':'))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
            .ok_or_else(|| std::io::Error::other("no content-length"))?;
        while self.buffer.len() < head_end + length {
            self.fill().await?;
        }
        self.body.clear();
        self.body
            .extend_from_slice(&self.buffer[head_end..head_end + length]);
        self.buffer.drain(..head_end + length);
        Ok(status)
    }
}

/// Search queries and profile paths built from the corpus's most mentioned entities.
async fn requests(addr: SocketAddr, pages: bool) -> Vec<(&'static str, String)> {
    let mut client = Client::connect(addr).await.expect("connect to the server");
    let status = client
        .get("/api/entities?limit=300")
        .await
        .expect("GET /api/entities");
    assert_eq!(status, 200, "GET /api/entities: {status}");
    let entities: Value = serde_json::from_slice(&client.body).expect("entities JSON");
    let entities = entities["entities"].as_array().cloned().unwrap_or_default();
    let names: Vec<String> = entities
        .iter()
        .filter_map(|e| e["name"].as_str())
        .map(|n| n.replace('"', " "))
        .collect();
    let first_word = |s: &str| s.split_whitespace().next().unwrap_or("").to_owned();
    let mut searches: Vec<String> = WORDS.iter().map(|w| (*w).to_owned()).collect();
    for (i, name) in names.iter().enumerate() {
        searches.push(format!("\"{name}\""));
        searches.push(first_word(name));
        if let Some(next) = names.get(i + 1) {
            searches.push(format!("{} {}", first_word(name), first_word(next)));
        }
        if let Some(word) = WORDS.get(i % WORDS.len()) {
            searches.push(format!("{} {word}", first_word(name)));
        }
    }
    searches.retain(|q| !q.trim().is_empty());
    searches.sort();
    searches.dedup();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut profiles = entities
        .iter()
        .filter_map(|e| e["entity"].as_str())
        .map(|id| match pages {
            true => format!("/entities/{}", encode(id)),
            false => format!("/api/entities/{}", encode(id)),
        })
        .cycle();
    for (i, q) in searches.iter().enumerate() {
        out.push(match pages {
            true => ("search", format!("/?q={}", encode(q))),
            false => ("search", format!("/api/search?q={}&limit=20", encode(q))),
        });
        // About one profile for every three searches.
        if i % 3 == 0
            && let Some(p) = profiles.next()
        {
            out.push(("entity", p));
        }
    }
    out
}

/// Latencies per route, in microseconds, and failures.
#[derive(Default)]
struct Tally {
    micros: BTreeMap<&'static str, Vec<u64>>,
    failures: BTreeMap<String, u64>,
}

async fn client(
    addr: SocketAddr,
    requests: std::sync::Arc<Vec<(&'static str, String)>>,
    offset: usize,
    until: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let mut conn = Client::connect(addr).await.expect("connect");
    let mut i = offset;
    while Instant::now() < until {
        let (route, path) = &requests[i % requests.len()];
        i += 1;
        let start = Instant::now();
        match conn.get(path).await {
            Ok(status) => {
                let micros = start.elapsed().as_micros() as u64;
                tally.micros.entry(route).or_default().push(micros);
                if status != 200 {
                    *tally
                        .failures
                        .entry(format!("{route} {status}"))
                        .or_default() += 1;
                }
            }
            Err(e) => {
                *tally.failures.entry(format!("{route} {e}")).or_default() += 1;
                conn = Client::connect(addr).await.expect("reconnect");
            }
        }
    }
    tally
}

fn main() {
    let args = args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async move {
        let addr: SocketAddr = match &args.url {
            Some(url) => url
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .parse()
                .unwrap_or_else(|_| usage("--url must be http://IP:PORT")),
            None => {
                let dir = args.db.clone().expect("--db");
                // `open` (not `open_reader`): an index of an older schema is rebuilt first.
                let kb = kb::KnowledgeBase::open(&dir).expect("open the knowledge base");
                let analyzer = pipeline::Analyzer::new(clean::CleanOptions::default());
                let mut state = api::AppState::new(kb, analyzer);
                if args.no_cache {
                    state = state.with_cache(0, std::time::Duration::ZERO);
                }
                let app = api::router(state);
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                let addr = listener.local_addr().expect("address");
                tokio::spawn(async move { axum::serve(listener, app).await });
                addr
            }
        };
        let requests = std::sync::Arc::new(requests(addr, args.pages).await);
        let profiles = requests.iter().filter(|r| r.0 == "entity").count();
        eprintln!(
            "load: {} clients for {} s against http://{addr}: {} distinct searches, {profiles} profiles",
            args.clients,
            args.seconds,
            requests.len() - profiles,
        );
        let started = Instant::now();
        let until = started + Duration::from_secs(args.seconds);
        let stride = requests.len() / args.clients.max(1);
        let tasks: Vec<_> = (0..args.clients)
            .map(|c| tokio::spawn(client(addr, requests.clone(), c * stride, until)))
            .collect();
        let mut all = Tally::default();
        for t in tasks {
            let tally = t.await.expect("client task");
            for (route, micros) in tally.micros {
                all.micros.entry(route).or_default().extend(micros);
            }
            for (what, n) in tally.failures {
                *all.failures.entry(what).or_default() += n;
            }
        }
        let elapsed = started.elapsed().as_secs_f64();
        let total: usize = all.micros.values().map(Vec::len).sum();
        println!(
            "{total} requests in {elapsed:.1} s: {:.0} requests/s, {} clients",
            total as f64 / elapsed,
            args.clients
        );
        for (route, mut micros) in all.micros {
            micros.sort_unstable();
            let pct = |p: f64| {
                micros[((micros.len() as f64 * p) as usize).min(micros.len() - 1)] as f64 / 1000.0
            };
            println!(
                "{route:>7}: {:>6} requests ({:.0}/s)  p50 {:8.2} ms  p90 {:8.2} ms  p99 {:8.2} ms  max {:8.2} ms",
                micros.len(),
                micros.len() as f64 / elapsed,
                pct(0.5),
                pct(0.9),
                pct(0.99),
                *micros.last().unwrap_or(&0) as f64 / 1000.0,
            );
        }
        for (what, n) in &all.failures {
            println!("failed: {what}: {n}");
        }
    });
}
