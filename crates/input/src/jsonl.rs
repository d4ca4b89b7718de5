//! JSON Lines: one article per line, each line on its own (a broken line fails alone).

use std::io::BufRead;

use doc::{Diagnostic, LangCode, RawArticle, RawBody, Source};
use serde::Deserialize;

use crate::{InputError, human_bytes, io_message};

/// The fields of a record, per the contract; `date` is accepted for `published`.
#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    date: Option<String>,
    lang: Option<String>,
}

pub(crate) struct Records<R> {
    name: String,
    reader: R,
    line: usize,
    max_bytes: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Records<R> {
    pub(crate) fn new(name: String, reader: R, max_bytes: usize) -> Records<R> {
        Records {
            name,
            reader,
            line: 0,
            max_bytes,
            buf: Vec::new(),
            done: false,
        }
    }

    fn parse(&self, bytes: &[u8]) -> Result<RawArticle, InputError> {
        let fail = |message: String| InputError::new(&self.name, Some(self.line), message);
        if bytes.len() > self.max_bytes {
            return Err(fail(format!(
                "record larger than the limit of {} per document (raise it with --max-bytes)",
                human_bytes(self.max_bytes)
            )));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            fail(format!(
                "not valid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ))
        })?;
        let record: Record =
            serde_json::from_str(text).map_err(|e| fail(format!("invalid JSON: {e}")))?;
        let id = match record.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            None | Some(serde_json::Value::Null) => format!("{}:{}", stem(&self.name), self.line),
            Some(_) => return Err(fail("`id` must be a string or a number".to_owned())),
        };
        let body = match (record.text, record.html) {
            (Some(text), _) if !text.trim().is_empty() => RawBody::Text(text),
            (_, Some(html)) if !html.trim().is_empty() => RawBody::Html(html),
            (Some(_), _) | (_, Some(_)) => return Err(fail("empty `text` and `html`".to_owned())),
            (None, None) => return Err(fail("no `text` or `html` field".to_owned())),
        };
        let mut diagnostics = Vec::new();
        let lang = match record.lang.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => {
                let parsed = LangCode::parse(code);
                if parsed.is_none() {
                    diagnostics.push(Diagnostic::new(
                        "input",
                        format!("`lang` {code:?} is not a language code; detecting"),
                    ));
                }
                parsed
            }
        };
        Ok(RawArticle {
            id,
            source: Source {
                path: Some(format!("{}:{}", self.name, self.line)),
                url: record.url,
            },
            title: record.title.filter(|t| !t.trim().is_empty()),
            published: record
                .published
                .or(record.date)
                .filter(|d| !d.trim().is_empty()),
            lang,
            body,
            diagnostics,
        })
    }
}

fn stem(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned())
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<RawArticle, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match read_line_capped(&mut self.reader, &mut self.buf, self.max_bytes + 1) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let line = trim_ascii(&self.buf);
                    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
                    if line.is_empty() {
                        continue;
                    }
                    return Some(self.parse(line));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(
                        &self.name,
                        Some(self.line + 1),
                        io_message(&e),
                    )));
                }
            }
        }
        None
    }
}

/// Reads one line into `buf`, keeping at most `cap` bytes of it (the rest is read and
/// dropped, so one enormous line cannot exhaust memory); returns the bytes read, 0 at the end.
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(total);
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(n) => (&available[..=n], true),
            None => (available, false),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        total += used;
        reader.consume(used);
        if done {
            return Ok(total);
        }
    }
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}
