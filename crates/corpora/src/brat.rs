//! NEREL: brat standoff (`.txt` + `.ann`), nested entities with character offsets.

use std::path::Path;

use crate::{
    CorpusError, EntityLabel, ReadStats, TextDoc, TextSpan, drop_descriptions, files_ending,
    outermost, read_text,
};

/// NEREL entity types (see the crate documentation); `None`: dropped.
fn nerel_label(kind: &str) -> Option<EntityLabel> {
    match kind {
        "PERSON" => Some(EntityLabel::Per),
        "ORGANIZATION" => Some(EntityLabel::Org),
        "CITY" | "COUNTRY" | "STATE_OR_PROVINCE" | "DISTRICT" | "LOCATION" | "FACILITY" => {
            Some(EntityLabel::Loc)
        }
        _ => None,
    }
}

/// Byte offset of every character offset of `text` (one more than its characters).
pub(crate) fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

pub(crate) fn read_nerel_dir(dir: &Path) -> Result<(Vec<TextDoc>, ReadStats), CorpusError> {
    let mut docs = Vec::new();
    let mut stats = ReadStats::default();
    for ann_path in files_ending(dir, ".ann")? {
        let txt_path = ann_path.with_extension("txt");
        let text = read_text(&txt_path)?;
        let ann = read_text(&ann_path)?;
        let id = ann_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let (doc, s) = parse_nerel(&id, text, &ann, &ann_path)?;
        stats += s;
        docs.push(doc);
    }
    Ok((docs, stats))
}

/// Parses one NEREL document: its text and its `.ann` standoff (`T` lines read, others
/// skipped); `ann_path` names the input in errors.
pub fn parse_nerel(
    id: &str,
    text: String,
    ann: &str,
    ann_path: &Path,
) -> Result<(TextDoc, ReadStats), CorpusError> {
    let offsets = char_to_byte(&text);
    let mut stats = ReadStats::default();
    let mut spans = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.starts_with('T') {
            continue;
        }
        let err = |m: String| CorpusError::format(ann_path, n + 1, m);
        let mut fields = line.splitn(3, '\t');
        let (_, Some(def), Some(surface)) = (fields.next(), fields.next(), fields.next()) else {
            return Err(err(format!(
                "expected `Tn<TAB>TYPE START END<TAB>text`, got {line:?}"
            )));
        };
        let (kind, ranges) = def
            .split_once(' ')
            .ok_or_else(|| err(format!("no offsets in {def:?}")))?;
        if ranges.contains(';') {
            if nerel_label(kind).is_some() {
                stats.discontinuous += 1;
            }
            continue;
        }
        let (start, end) = ranges
            .split_once(' ')
            .and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)))
            .ok_or_else(|| err(format!("offsets {ranges:?} are not two numbers")))?;
        if start >= end || end >= offsets.len() {
            return Err(err(format!(
                "offsets {start}..{end} outside the text ({} characters)",
                offsets.len() - 1
            )));
        }
        let range = offsets[start]..offsets[end];
        if text[range.clone()] != *surface {
            return Err(err(format!(
                "offsets {start}..{end} give {:?} in the text, the annotation says {surface:?}",
                &text[range]
            )));
        }
        let Some(label) = nerel_label(kind) else {
            stats.unmapped += 1;
            continue;
        };
        if !surface.chars().any(char::is_uppercase) {
            stats.not_names += 1;
            continue;
        }
        spans.push(TextSpan { range, label });
    }
    stats.descriptions += drop_descriptions(&text, &mut spans);
    let (spans, nested, crossing) = outermost(spans);
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
