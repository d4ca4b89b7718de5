//! The listener `veille serve` hands to `axum::serve`: a TCP listener whose connections
//! answer an over-long first request head themselves, with a clear message, instead of
//! hyper's bare status.
//!
//! hyper refuses a request target (path and query string) over 65 534 bytes with
//! `414 URI Too Long`, and a request head (request line and headers) over 417 792 bytes or
//! with more than 100 header fields with `431 Request Header Fields Too Large`, and both
//! come with an empty body, before the router runs: the router never gets a chance to say
//! what went wrong. [`GuardedStream`] watches the first request head of each connection as
//! hyper reads it, with hyper's own limits; when one is crossed it stops feeding hyper (the
//! chunk that crossed it is withheld), writes the status with a body naming the limit,
//! `Connection: close`, shuts the socket down and gives hyper end of file. hyper then drops
//! the connection without writing anything.
//!
//! - **Pass-through.** The bytes are read straight into hyper's buffer and only looked at
//!   there (no copy); once the first head has ended (an empty line), reads and writes go to
//!   the socket untouched.
//! - **The length told is the real one** for a request target: after the limit the rest of
//!   the target is read (and dropped) to count it, up to 1 MiB or 5 seconds ("at least N"
//!   past that). Then the server reads and drops what the client still sends, for at most
//!   1 MiB or 5 seconds after the answer, so that closing a socket with unread data (a TCP
//!   reset) does not destroy the answer before the client reads it.
//! - **The body's shape follows the path**: the JSON `{"error": ...}` of every other API
//!   failure ([`crate::ApiError`]) under `/api`; plain text elsewhere. The pages answer
//!   HTML, but an HTML page would have to repeat their template (and their security
//!   headers) here for a request no browser form produces; a plain-text sentence reads just
//!   as well in a browser and cannot be misinterpreted (`X-Content-Type-Options: nosniff`).
//!
//! Limit: **only the first request of a connection** is watched. A later request on a
//! keep-alive connection (or a pipelined one) that crosses a limit gets hyper's bare 414 or
//! 431. Clients that send such requests (a browser following a generated link, a script)
//! almost always open a connection for them; watching every request would mean tracking
//! request bodies to find where the next head starts.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::time::{Instant, Sleep};

/// Longest request target (path and query string) hyper accepts, in bytes
/// (`MAX_URI_LEN` in hyper's `proto/h1/role.rs`).
pub const MAX_TARGET_BYTES: usize = u16::MAX as usize - 1;
/// Longest request head (request line and headers) hyper accepts, in bytes: its default
/// read buffer limit (`DEFAULT_MAX_BUFFER_SIZE` in hyper's `proto/h1/io.rs`), which
/// `axum::serve` does not change.
pub const MAX_HEAD_BYTES: usize = 8192 + 4096 * 100;
/// Most header fields hyper accepts in a request (`DEFAULT_MAX_HEADERS`).
pub const MAX_HEADER_FIELDS: usize = 100;

/// Most bytes read (and dropped) to measure an over-long target, then again after the
/// answer before closing.
const DISCARD_CAP: usize = 1 << 20;
/// How long measuring, then answering and draining, may take each.
const DISCARD_TIME: Duration = Duration::from_secs(5);

/// A TCP listener for `axum::serve` whose connections answer an over-long first request
/// head with a 414 or 431 and a message (see the module documentation).
#[derive(Debug)]
pub struct GuardedListener {
    inner: TcpListener,
}

impl GuardedListener {
    /// Wraps a bound listener.
    pub fn new(inner: TcpListener) -> GuardedListener {
        GuardedListener { inner }
    }

    /// Binds a TCP listener to `addr` and wraps it.
    pub async fn bind(addr: impl ToSocketAddrs) -> io::Result<GuardedListener> {
        Ok(GuardedListener::new(TcpListener::bind(addr).await?))
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

impl axum::serve::Listener for GuardedListener {
    type Io = GuardedStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // axum's own accept loop (it retries, and waits a moment when out of descriptors).
        let (stream, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        (GuardedStream::new(stream), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// An accepted connection: the socket, watched until its first request head ends.
pub struct GuardedStream<S> {
    inner: S,
    watch: Watch,
}

impl<S> std::fmt::Debug for GuardedStream<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let watch = match self.watch {
            Watch::Head(_) => "first head",
            Watch::Pass => "pass-through",
            Watch::Refuse(_) => "refusing",
            Watch::Closed => "closed",
        };
        f.debug_struct("GuardedStream")
            .field("watch", &watch)
            .finish_non_exhaustive()
    }
}

enum Watch {
    /// Reading the first request head.
    Head(HeadScan),
    /// The first head was within the limits: everything goes straight through.
    Pass,
    /// A limit was crossed: answering it ourselves.
    Refuse(Box<Refusal>),
    /// Answered: hyper reads end of file.
    Closed,
}

impl<S> GuardedStream<S> {
    /// Wraps an accepted connection.
    pub fn new(inner: S) -> GuardedStream<S> {
        GuardedStream {
            inner,
            watch: Watch::Head(HeadScan::default()),
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for GuardedStream<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            match &mut this.watch {
                Watch::Pass => return Pin::new(&mut this.inner).poll_read(cx, buf),
                Watch::Closed => return Poll::Ready(Ok(())),
                Watch::Head(scan) => {
                    let before = buf.filled().len();
                    ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
                    match scan.feed(&buf.filled()[before..]) {
                        Scan::More => return Poll::Ready(Ok(())),
                        Scan::Done => {
                            this.watch = Watch::Pass;
                            return Poll::Ready(Ok(()));
                        }
                        Scan::Refuse(violation) => {
                            // Withhold the chunk: hyper never sees the head complete.
                            buf.set_filled(before);
                            let refusal = Refusal::new(violation, scan.is_api());
                            this.watch = Watch::Refuse(Box::new(refusal));
                        }
                    }
                }
                Watch::Refuse(refusal) => {
                    ready!(refusal.poll(cx, &mut this.inner));
                    this.watch = Watch::Closed;
                    return Poll::Ready(Ok(()));
                }
            }
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for GuardedStream<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match this.watch {
            // hyper has no request to answer, so it writes nothing; were it to, the bytes
            // would land after our answer: drop them.
            Watch::Refuse(_) | Watch::Closed => Poll::Ready(Ok(buf.len())),
            Watch::Head(_) | Watch::Pass => Pin::new(&mut this.inner).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match this.watch {
            Watch::Refuse(_) | Watch::Closed => Poll::Ready(Ok(bufs.iter().map(|b| b.len()).sum())),
            Watch::Head(_) | Watch::Pass => Pin::new(&mut this.inner).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match this.watch {
            Watch::Refuse(_) | Watch::Closed => Poll::Ready(Ok(())),
            Watch::Head(_) | Watch::Pass => Pin::new(&mut this.inner).poll_shutdown(cx),
        }
    }
}

/// A limit the first head crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Violation {
    /// The request target is over [`MAX_TARGET_BYTES`]: `len` bytes so far, all of it when
    /// `complete`.
    Target { len: usize, complete: bool },
    /// The head reached [`MAX_HEAD_BYTES`] without ending.
    HeadTooLarge,
    /// More than [`MAX_HEADER_FIELDS`] header lines.
    TooManyHeaders,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// The head goes on.
    More,
    /// The head ended within the limits.
    Done,
    /// A limit is crossed.
    Refuse(Violation),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Part {
    /// Empty lines before the request line (hyper skips them).
    #[default]
    Leading,
    Method,
    Target,
    /// The rest of the request line.
    Version,
    /// Header lines; `line` counts the bytes of the current one (carriage returns aside).
    Headers {
        line: usize,
    },
}

/// Where the first request head is, as its bytes arrive.
#[derive(Debug, Default)]
struct HeadScan {
    part: Part,
    /// Bytes of the head from its first byte (leading empty lines aside, so never stricter
    /// than hyper, whose buffer holds them).
    head: usize,
    target: usize,
    /// The target's first bytes, to tell an `/api` request.
    prefix: [u8; 5],
    headers: usize,
}

fn ends_target(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n')
}

impl HeadScan {
    fn feed(&mut self, bytes: &[u8]) -> Scan {
        for (i, &b) in bytes.iter().enumerate() {
            if self.part == Part::Leading {
                if b == b'\r' || b == b'\n' {
                    continue;
                }
                self.part = Part::Method;
            }
            self.head += 1;
            match &mut self.part {
                Part::Leading => unreachable!("left above"),
                Part::Method => {
                    if b == b' ' {
                        self.part = Part::Target;
                    }
                }
                Part::Target => {
                    if b == b' ' {
                        self.part = Part::Version;
                    } else if ends_target(b) {
                        // No version: not HTTP/1.x; hyper answers it.
                        return Scan::Done;
                    } else {
                        if let Some(slot) = self.prefix.get_mut(self.target) {
                            *slot = b;
                        }
                        self.target += 1;
                        if self.target > MAX_TARGET_BYTES {
                            // Count the rest of the target in this chunk.
                            let rest = &bytes[i + 1..];
                            let (more, complete) = match rest.iter().position(|&c| ends_target(c)) {
                                Some(n) => (n, true),
                                None => (rest.len(), false),
                            };
                            self.target += more;
                            return Scan::Refuse(Violation::Target {
                                len: self.target,
                                complete,
                            });
                        }
                    }
                }
                Part::Version => {
                    if b == b'\n' {
                        self.part = Part::Headers { line: 0 };
                    }
                }
                Part::Headers { line } => match b {
                    b'\n' if *line == 0 => return Scan::Done,
                    b'\n' => {
                        *line = 0;
                        self.headers += 1;
                        if self.headers > MAX_HEADER_FIELDS {
                            return Scan::Refuse(Violation::TooManyHeaders);
                        }
                    }
                    b'\r' => {}
                    _ => *line += 1,
                },
            }
            // hyper fails when its buffer is full and the head still incomplete; a head
            // that ends on the last byte that fits passes (returned above).
            if self.head >= MAX_HEAD_BYTES {
                return Scan::Refuse(Violation::HeadTooLarge);
            }
        }
        Scan::More
    }

    /// Whether the request is for the JSON API (`/api`, `/api/...`, `/api?...`).
    fn is_api(&self) -> bool {
        let n = self.target.min(self.prefix.len());
        let prefix = &self.prefix[..n];
        prefix == b"/api" || (prefix.starts_with(b"/api") && matches!(prefix[4], b'/' | b'?'))
    }
}

/// Answering a violation: measure the target if need be, write, shut down, drain.
struct Refusal {
    violation: Violation,
    api: bool,
    phase: Phase,
    deadline: Pin<Box<Sleep>>,
    /// Bytes read and dropped in the current phase.
    dropped: usize,
}

enum Phase {
    /// Reading the rest of an over-long target to count it.
    Measure,
    Write {
        bytes: Vec<u8>,
        at: usize,
    },
    Shutdown,
    /// Reading what the client still sends until it closes.
    Drain,
}

impl Refusal {
    fn new(violation: Violation, api: bool) -> Refusal {
        let mut refusal = Refusal {
            violation,
            api,
            phase: Phase::Measure,
            deadline: Box::pin(tokio::time::sleep(DISCARD_TIME)),
            dropped: 0,
        };
        if !matches!(
            violation,
            Violation::Target {
                complete: false,
                ..
            }
        ) {
            refusal.answer();
        }
        refusal
    }

    /// Moves on to writing the answer.
    fn answer(&mut self) {
        let bytes = response(self.violation, self.api);
        self.phase = Phase::Write { bytes, at: 0 };
        self.dropped = 0;
        self.deadline.as_mut().reset(Instant::now() + DISCARD_TIME);
    }

    /// Drives the refusal; ready when the connection is done with.
    fn poll<S: AsyncRead + AsyncWrite + Unpin>(
        &mut self,
        cx: &mut Context<'_>,
        io: &mut S,
    ) -> Poll<()> {
        let mut scratch = [0u8; 8192];
        loop {
            if self.deadline.as_mut().poll(cx).is_ready() {
                match self.phase {
                    Phase::Measure => {
                        self.answer();
                        continue;
                    }
                    _ => return Poll::Ready(()),
                }
            }
            match &mut self.phase {
                Phase::Measure => {
                    let mut buf = ReadBuf::new(&mut scratch);
                    match ready!(Pin::new(&mut *io).poll_read(cx, &mut buf)) {
                        Ok(()) if !buf.filled().is_empty() => {
                            let got = buf.filled();
                            self.dropped += got.len();
                            let Violation::Target { len, complete } = &mut self.violation else {
                                unreachable!("only a target is measured")
                            };
                            match got.iter().position(|&c| ends_target(c)) {
                                Some(n) => {
                                    *len += n;
                                    *complete = true;
                                    self.answer();
                                }
                                None => {
                                    *len += got.len();
                                    if self.dropped >= DISCARD_CAP {
                                        self.answer();
                                    }
                                }
                            }
                        }
                        // The client closed or failed: nobody to answer.
                        _ => return Poll::Ready(()),
                    }
                }
                Phase::Write { bytes, at } => {
                    match ready!(Pin::new(&mut *io).poll_write(cx, &bytes[*at..])) {
                        Ok(n) if n > 0 => {
                            *at += n;
                            if *at == bytes.len() {
                                self.phase = Phase::Shutdown;
                            }
                        }
                        _ => return Poll::Ready(()),
                    }
                }
                Phase::Shutdown => match ready!(Pin::new(&mut *io).poll_shutdown(cx)) {
                    Ok(()) => self.phase = Phase::Drain,
                    Err(_) => return Poll::Ready(()),
                },
                Phase::Drain => {
                    let mut buf = ReadBuf::new(&mut scratch);
                    match ready!(Pin::new(&mut *io).poll_read(cx, &mut buf)) {
                        Ok(()) if !buf.filled().is_empty() => {
                            self.dropped += buf.filled().len();
                            if self.dropped >= DISCARD_CAP {
                                return Poll::Ready(());
                            }
                        }
                        _ => return Poll::Ready(()),
                    }
                }
            }
        }
    }
}

/// The message for a violation.
fn message(violation: Violation) -> String {
    match violation {
        Violation::Target { len, complete } => format!(
            "the request target (path and query string) is {}{len} bytes long; the limit is \
             {MAX_TARGET_BYTES} (URI too long)",
            if complete { "" } else { "at least " }
        ),
        Violation::HeadTooLarge => format!(
            "the request line and headers are more than {MAX_HEAD_BYTES} bytes long; the \
             limit is {MAX_HEAD_BYTES} (request header fields too large)"
        ),
        Violation::TooManyHeaders => format!(
            "the request has more than {MAX_HEADER_FIELDS} header fields; the limit is \
             {MAX_HEADER_FIELDS} (request header fields too large)"
        ),
    }
}

/// The whole HTTP/1.1 response for a violation: JSON like [`crate::ApiError`] under `/api`,
/// plain text elsewhere.
fn response(violation: Violation, api: bool) -> Vec<u8> {
    let status = match violation {
        Violation::Target { .. } => "414 URI Too Long",
        Violation::HeadTooLarge | Violation::TooManyHeaders => {
            "431 Request Header Fields Too Large"
        }
    };
    let message = message(violation);
    let (content_type, body) = if api {
        let body = serde_json::to_vec(&json!({ "error": message }))
            .expect("a JSON object of one string serializes");
        ("application/json", body)
    } else {
        (
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    };
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
         connection: close\r\nx-content-type-options: nosniff\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `bytes` in chunks of `step`, returning the first verdict that is not `More`.
    fn scan(bytes: &[u8], step: usize) -> (Scan, bool) {
        let mut scan = HeadScan::default();
        for chunk in bytes.chunks(step) {
            let verdict = scan.feed(chunk);
            if verdict != Scan::More {
                return (verdict, scan.is_api());
            }
        }
        (Scan::More, scan.is_api())
    }

    fn request(target: &str, headers: usize) -> Vec<u8> {
        let mut r = format!("GET {target} HTTP/1.1\r\nHost: x\r\n");
        for i in 0..headers {
            r.push_str(&format!("X-{i}: {i}\r\n"));
        }
        r.push_str("\r\nbody");
        r.into_bytes()
    }

    proptest::proptest! {
        /// Whatever a client sends, in whatever pieces it arrives, the scan never panics
        /// and comes to the same verdict (only how much of an over-long target was counted
        /// may differ).
        #[test]
        fn any_bytes_in_any_pieces_get_one_verdict(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"GET /api?q= HTTP/1.1\r\n: ".to_vec()),
                    proptest::num::u8::ANY,
                ],
                0..400,
            ),
            step in 1usize..64,
        ) {
            let whole = scan(&bytes, bytes.len().max(1));
            let pieces = scan(&bytes, step);
            let kind = |s: &Scan| match s {
                Scan::Refuse(Violation::Target { .. }) => "target".to_owned(),
                other => format!("{other:?}"),
            };
            proptest::prop_assert_eq!(kind(&whole.0), kind(&pieces.0));
            proptest::prop_assert_eq!(whole.1, pieces.1);
        }
    }

    #[test]
    fn an_ordinary_head_ends_in_any_chunking() {
        for step in [1, 2, 7, 4096] {
            let (verdict, api) = scan(&request("/api/search?q=x", 3), step);
            assert_eq!(verdict, Scan::Done, "step {step}");
            assert!(api);
        }
        assert_eq!(scan(b"\r\n\r\nGET / HTTP/1.1\n\n", 3), (Scan::Done, false));
        assert_eq!(scan(b"GET /apix HTTP/1.1\r\n", 3), (Scan::More, false));
    }

    #[test]
    fn the_target_limit_is_hypers() {
        let at_limit = format!("/search?q={}", "a".repeat(MAX_TARGET_BYTES - 10));
        assert_eq!(scan(&request(&at_limit, 0), 1000).0, Scan::Done);
        let over = format!("/api/search?q={}", "a".repeat(100_000));
        for step in [1000, 1 << 20] {
            let (verdict, api) = scan(&request(&over, 0), step);
            assert!(api);
            match verdict {
                Scan::Refuse(Violation::Target { len, complete }) => {
                    assert!(len > MAX_TARGET_BYTES);
                    // In one chunk the whole target is counted.
                    if step > over.len() {
                        assert_eq!((len, complete), (over.len(), true));
                    }
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn too_many_or_too_large_headers_are_refused() {
        assert_eq!(scan(&request("/", 99), 100).0, Scan::Done); // Host + 99
        assert_eq!(
            scan(&request("/", 100), 100).0,
            Scan::Refuse(Violation::TooManyHeaders)
        );
        let big = format!(
            "GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n",
            "b".repeat(MAX_HEAD_BYTES)
        );
        assert_eq!(
            scan(big.as_bytes(), 8192).0,
            Scan::Refuse(Violation::HeadTooLarge)
        );
        // A head of exactly the limit passes, as in hyper.
        let fixed = "GET / HTTP/1.1\r\nX-Big: \r\n\r\n".len();
        let exact = format!(
            "GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n",
            "b".repeat(MAX_HEAD_BYTES - fixed)
        );
        assert_eq!(exact.len(), MAX_HEAD_BYTES);
        assert_eq!(scan(exact.as_bytes(), 8192).0, Scan::Done);
    }

    #[test]
    fn the_response_is_complete_http() {
        let bytes = response(
            Violation::Target {
                len: 100_014,
                complete: true,
            },
            true,
        );
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            value["error"],
            "the request target (path and query string) is 100014 bytes long; the limit is \
             65534 (URI too long)"
        );
    }
}
