//! factRuEval-2016: `.txt`, `.tokens`, `.spans`, `.objects` per document.

use std::collections::HashMap;
use std::path::Path;

use crate::brat::char_to_byte;
use crate::{
    CorpusError, EntityLabel, ReadStats, TextDoc, TextSpan, drop_descriptions, files_ending,
    outermost, read_text,
};

/// factRuEval object types (see the crate documentation); `None`: dropped.
fn object_label(kind: &str) -> Option<EntityLabel> {
    match kind {
        "Person" => Some(EntityLabel::Per),
        "Org" => Some(EntityLabel::Org),
        "Location" | "LocOrg" => Some(EntityLabel::Loc),
        _ => None,
    }
}

/// The number in `book_117`, for sorting documents by id.
fn id_number(id: &str) -> Option<u64> {
    id.rsplit('_').next()?.parse().ok()
}

pub(crate) fn read_dir(dir: &Path) -> Result<Vec<(TextDoc, ReadStats)>, CorpusError> {
    let mut stems: Vec<String> = files_ending(dir, ".txt")?
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
        .collect();
    stems.sort_by(|a, b| id_number(a).cmp(&id_number(b)).then(a.cmp(b)));
    let mut docs = Vec::with_capacity(stems.len());
    for stem in stems {
        let file = |ext: &str| dir.join(format!("{stem}.{ext}"));
        let text = read_text(&file("txt"))?;
        let (doc, s) = parse_factru(
            &stem,
            text,
            (&read_text(&file("tokens"))?, &file("tokens")),
            (&read_text(&file("spans"))?, &file("spans")),
            (&read_text(&file("objects"))?, &file("objects")),
        )?;
        docs.push((doc, s));
    }
    Ok(docs)
}

/// The fields of a line before its `#` comment.
fn fields(line: &str) -> Vec<&str> {
    line.split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect()
}

fn number(s: &str, what: &str, path: &Path, line: usize) -> Result<usize, CorpusError> {
    s.parse()
        .map_err(|_| CorpusError::format(path, line, format!("{what} {s:?} is not a number")))
}

/// Parses one factRuEval document from its text and the contents (with paths, for errors) of
/// its `.tokens`, `.spans` and `.objects` files. The token file is only used to check that
/// offsets are character offsets into the text.
pub fn parse_factru(
    id: &str,
    text: String,
    (tokens, tokens_path): (&str, &Path),
    (spans, spans_path): (&str, &Path),
    (objects, objects_path): (&str, &Path),
) -> Result<(TextDoc, ReadStats), CorpusError> {
    let offsets = char_to_byte(&text);
    let chars = offsets.len() - 1;
    let byte_range =
        |start: usize, len: usize, path: &Path, line: usize| match start.checked_add(len) {
            Some(end) if end <= chars => Ok(offsets[start]..offsets[end]),
            _ => Err(CorpusError::format(
                path,
                line,
                format!("characters {start} (+{len}) outside the text ({chars} characters)"),
            )),
        };
    for (n, line) in tokens.lines().enumerate() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            continue;
        }
        if f.len() < 4 {
            return Err(CorpusError::format(
                tokens_path,
                n + 1,
                format!("expected `id offset length token`, got {line:?}"),
            ));
        }
        let start = number(f[1], "offset", tokens_path, n + 1)?;
        let len = number(f[2], "length", tokens_path, n + 1)?;
        let range = byte_range(start, len, tokens_path, n + 1)?;
        if text[range.clone()] != *f[3] {
            return Err(CorpusError::format(
                tokens_path,
                n + 1,
                format!(
                    "token {:?} is {:?} at characters {start}..{} of the text",
                    f[3],
                    &text[range],
                    start + len
                ),
            ));
        }
    }
    let mut span_ranges = HashMap::new();
    for (n, line) in spans.lines().enumerate() {
        let f = fields(line);
        if f.is_empty() {
            continue;
        }
        if f.len() < 4 {
            return Err(CorpusError::format(
                spans_path,
                n + 1,
                format!("expected `id type offset length ...`, got {line:?}"),
            ));
        }
        let start = number(f[2], "offset", spans_path, n + 1)?;
        let len = number(f[3], "length", spans_path, n + 1)?;
        span_ranges.insert(f[0].to_owned(), byte_range(start, len, spans_path, n + 1)?);
    }
    let mut stats = ReadStats::default();
    let mut found = Vec::new();
    for (n, line) in objects.lines().enumerate() {
        let f = fields(line);
        if f.is_empty() {
            continue;
        }
        if f.len() < 3 {
            return Err(CorpusError::format(
                objects_path,
                n + 1,
                format!("expected `id type span-id...`, got {line:?}"),
            ));
        }
        let Some(label) = object_label(f[1]) else {
            stats.unmapped += 1;
            continue;
        };
        let (mut start, mut end) = (usize::MAX, 0);
        for span_id in &f[2..] {
            let r = span_ranges.get(*span_id).ok_or_else(|| {
                CorpusError::format(
                    objects_path,
                    n + 1,
                    format!("span {span_id} is not in {}", spans_path.display()),
                )
            })?;
            start = start.min(r.start);
            end = end.max(r.end);
        }
        found.push(TextSpan {
            range: start..end,
            label,
        });
    }
    stats.descriptions += drop_descriptions(&text, &mut found);
    let (spans, nested, crossing) = outermost(found);
    stats.nested += nested;
    stats.overlapping += crossing;
    Ok((
        TextDoc {
            id: id.to_owned(),
            text,
            spans,
        },
        stats,
    ))
}
