//! Readers: turn what the user names (files, directories, stdin) into [`RawArticle`]s decoded
//! to Unicode, one [`InputError`] per input or line that cannot be read.
//!
//! Key decisions:
//! - Reading is lazy and in input order: a directory is walked in sorted order, a JSON Lines
//!   file is read line by line, so a batch of any size streams.
//! - A bad input is an `Err` item, never a stop: the caller reports it and goes on.
//! - Bytes become text here and only here ([`decode`]): a BOM, a declared charset, or a
//!   detected legacy encoding (windows-1251 and windows-1252 are common in scraped news).

pub mod decode;
mod jsonl;
mod walk;

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use doc::{RawArticle, RawBody, Source};

pub use walk::expand;

/// How an input's bytes are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// A web page.
    Html,
    /// One JSON object per line.
    JsonLines,
}

impl Format {
    /// The format a file name implies, if its extension is one we read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// Guesses the format of content with no telling extension.
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(1024)];
        let text = String::from_utf8_lossy(head);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        // Bytes, not a `str` slice: byte 256 may fall inside a character.
        let lower = trimmed.as_bytes()[..trimmed.len().min(256)].to_ascii_lowercase();
        let lower = String::from_utf8_lossy(&lower);
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.contains("<head")
        {
            Format::Html
        } else if trimmed.starts_with('{') {
            Format::JsonLines
        } else {
            Format::Text
        }
    }
}

/// One thing to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSpec {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl InputSpec {
    /// The name used in messages and in `source.path`.
    pub fn name(&self) -> String {
        match self {
            InputSpec::Stdin => "-".to_owned(),
            InputSpec::File(path) => path.display().to_string(),
        }
    }
}

/// Limits and defaults for reading.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// The largest document accepted, in bytes: a file, or one JSON Lines record.
    pub max_document_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_document_bytes: 16 * 1024 * 1024,
        }
    }
}

/// An input, or one line of it, that could not be read. Displayed as `INPUT[:LINE]: MESSAGE`.
#[derive(Debug, thiserror::Error)]
#[error("{input}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// The input's name (`-` for stdin).
    pub input: String,
    /// The line of a JSON Lines file, counted from 1.
    pub line: Option<usize>,
    /// What is wrong, for a person.
    pub message: String,
}

impl InputError {
    pub(crate) fn new(input: &str, line: Option<usize>, message: impl Into<String>) -> InputError {
        InputError {
            input: input.to_owned(),
            line,
            message: message.into(),
        }
    }
}

/// The items read from one input: articles and errors, in order.
pub type Articles = Box<dyn Iterator<Item = Result<RawArticle, InputError>> + Send>;

/// Reads `spec`: one article for a text or HTML input, one per line for JSON Lines.
pub fn read(spec: &InputSpec, options: &ReadOptions) -> Articles {
    let name = spec.name();
    let (reader, format): (Box<dyn Read + Send>, Option<Format>) = match spec {
        InputSpec::Stdin => (Box::new(io::stdin()), None),
        InputSpec::File(path) => match File::open(path) {
            Ok(file) => (Box::new(file), Format::from_path(path)),
            Err(e) => return one(Err(InputError::new(&name, None, io_message(&e)))),
        },
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let format = match format {
        Some(format) => format,
        None => match sniff_reader(&mut reader) {
            Ok(format) => format,
            Err(e) => return one(Err(InputError::new(&name, None, io_message(&e)))),
        },
    };
    match format {
        Format::JsonLines => Box::new(jsonl::Records::new(
            name,
            reader,
            options.max_document_bytes,
        )),
        Format::Text | Format::Html => one(read_whole(&name, reader, format, options)),
    }
}

fn one(item: Result<RawArticle, InputError>) -> Articles {
    Box::new(std::iter::once(item))
}

fn sniff_reader(reader: &mut BufReader<Box<dyn Read + Send>>) -> io::Result<Format> {
    use std::io::BufRead;
    let head = reader.fill_buf()?;
    Ok(Format::sniff(head))
}

fn read_whole(
    name: &str,
    reader: impl Read,
    format: Format,
    options: &ReadOptions,
) -> Result<RawArticle, InputError> {
    let limit = options.max_document_bytes;
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(name, None, io_message(&e)))?;
    if bytes.len() > limit {
        return Err(InputError::new(
            name,
            None,
            format!(
                "larger than the limit of {} per document (raise it with --max-bytes)",
                human_bytes(limit)
            ),
        ));
    }
    let decoded = match format {
        Format::Html => decode::decode_html(&bytes),
        _ => decode::decode_text(&bytes),
    }
    .map_err(|e| InputError::new(name, None, e.to_string()))?;
    let body = match format {
        Format::Html => RawBody::Html(decoded.text),
        _ => RawBody::Text(decoded.text),
    };
    Ok(RawArticle {
        id: stem(name),
        source: Source {
            path: Some(name.to_owned()),
            url: None,
        },
        title: None,
        published: None,
        lang: None,
        body,
        diagnostics: decoded.diagnostics,
    })
}

/// The id of a file input: its stem (`examples/fr-exode.txt` → `fr-exode`); `stdin` for `-`.
fn stem(name: &str) -> String {
    if name == "-" {
        return "stdin".to_owned();
    }
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned())
}

pub(crate) fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}

pub(crate) fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}
