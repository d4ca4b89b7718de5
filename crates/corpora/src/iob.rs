//! Token-per-line sets with IOB tags: WikiNEuRal (CoNLL-U-like), Europeana (IOB1), HIPE TSV.

use std::path::Path;

use crate::{CorpusError, EntityLabel, ReadStats, Sentence, TokenSpan, read_text};

/// A tag read: `None` for outside (or an ignored type), else whether it is a `B-` tag and the
/// label.
type Tag = Option<(bool, EntityLabel)>;

/// Entities of a tag sequence; reads IOB1 and IOB2 alike: `B-X` always opens an entity, `I-X`
/// continues an open `X` entity or opens one. Also returns how many `I-X` tags opened one.
pub(crate) fn decode(tags: &[Tag]) -> (Vec<TokenSpan>, usize) {
    let mut spans = Vec::new();
    let mut orphans = 0;
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Some((false, l)), Some((_, o))) if *l == o);
        if continues {
            continue;
        }
        if let Some((start, label)) = open.take() {
            spans.push(TokenSpan {
                start,
                end: i,
                label,
            });
        }
        if let Some((begin, label)) = tag {
            orphans += usize::from(!begin);
            open = Some((i, *label));
        }
    }
    if let Some((start, label)) = open {
        spans.push(TokenSpan {
            start,
            end: tags.len(),
            label,
        });
    }
    (spans, orphans)
}

/// Reads `O`, `B-X`, `I-X` with `map` giving X's label (`Ok(None)`: a type ignored).
fn parse_tag(tag: &str, map: fn(&str) -> Option<Option<EntityLabel>>) -> Result<Tag, String> {
    if tag == "O" {
        return Ok(None);
    }
    let (begin, kind) = match tag.split_once('-') {
        Some(("B", kind)) => (true, kind),
        Some(("I", kind)) => (false, kind),
        _ => return Err(format!("tag {tag:?} is not O, B-X or I-X")),
    };
    match map(kind) {
        Some(label) => Ok(label.map(|l| (begin, l))),
        None => Err(format!("unknown entity type {kind:?} in tag {tag:?}")),
    }
}

fn contract_label(kind: &str) -> Option<Option<EntityLabel>> {
    match kind {
        "PER" => Some(Some(EntityLabel::Per)),
        "ORG" => Some(Some(EntityLabel::Org)),
        "LOC" => Some(Some(EntityLabel::Loc)),
        "MISC" => Some(Some(EntityLabel::Misc)),
        _ => None,
    }
}

/// HIPE-2022 coarse types (see the crate documentation).
fn hipe_label(kind: &str) -> Option<Option<EntityLabel>> {
    match kind {
        "pers" | "PER" => Some(Some(EntityLabel::Per)),
        "org" | "ORG" => Some(Some(EntityLabel::Org)),
        "loc" | "LOC" | "BUILDING" | "STREET" => Some(Some(EntityLabel::Loc)),
        "prod" | "HumanProd" => Some(Some(EntityLabel::Misc)),
        "time" => Some(None),
        _ => None,
    }
}

/// Cuts a stream of tokens into sentences after each token `ends` accepts, or once a sentence
/// is `max_len` tokens long, never inside an entity.
fn split(
    tokens: Vec<String>,
    spans: &[TokenSpan],
    ends: impl Fn(usize) -> bool,
    max_len: usize,
) -> Vec<Sentence> {
    // inside[i]: tokens i and i + 1 are in the same entity.
    let mut inside = vec![false; tokens.len()];
    for s in spans {
        for flag in &mut inside[s.start..s.end.saturating_sub(1)] {
            *flag = true;
        }
    }
    let mut out = Vec::new();
    let mut spans = spans.iter().peekable();
    let mut current = Sentence::default();
    let mut first = 0;
    let n = tokens.len();
    for (i, token) in tokens.into_iter().enumerate() {
        current.tokens.push(token);
        let full = current.tokens.len() >= max_len;
        if (i + 1 == n || ends(i) || full) && !inside[i] {
            while let Some(s) = spans.next_if(|s| s.end <= i + 1) {
                current.spans.push(TokenSpan {
                    start: s.start - first,
                    end: s.end - first,
                    label: s.label,
                });
            }
            out.push(std::mem::take(&mut current));
            first = i + 1;
        }
    }
    out
}

/// Reads a WikiNEuRal file (`index<TAB>token<TAB>IOB2 tag`, a blank line between sentences).
/// With each sentence, its `I-X` tags opening an entity.
pub(crate) fn read_conll(path: &Path) -> Result<Vec<(Sentence, usize)>, CorpusError> {
    conll_sentences(&read_text(path)?, path)
}

/// Parses WikiNEuRal text (`index<TAB>token<TAB>IOB2 tag`, a blank line between sentences);
/// `path` names the input in errors.
pub fn parse_conll(text: &str, path: &Path) -> Result<(Vec<Sentence>, ReadStats), CorpusError> {
    let mut stats = ReadStats::default();
    let sentences = conll_sentences(text, path)?
        .into_iter()
        .map(|(s, orphans)| {
            stats.inside_opening += orphans;
            s
        })
        .collect();
    Ok((sentences, stats))
}

fn conll_sentences(text: &str, path: &Path) -> Result<Vec<(Sentence, usize)>, CorpusError> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    let mut tags = Vec::new();
    let flush = |tokens: &mut Vec<String>, tags: &mut Vec<Tag>, out: &mut Vec<_>| {
        if !tokens.is_empty() {
            let (spans, orphans) = decode(tags);
            out.push((
                Sentence {
                    tokens: std::mem::take(tokens),
                    spans,
                },
                orphans,
            ));
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            flush(&mut tokens, &mut tags, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(CorpusError::format(
                path,
                n + 1,
                format!("expected index, token and tag separated by tabs, got {line:?}"),
            ));
        }
        let tag = parse_tag(cols[cols.len() - 1], contract_label)
            .map_err(|m| CorpusError::format(path, n + 1, m))?;
        tokens.push(cols[1].to_owned());
        tags.push(tag);
    }
    flush(&mut tokens, &mut tags, &mut out);
    Ok(out)
}

/// Longest Europeana sentence, in tokens, when no sentence-final punctuation comes first.
const EUROPEANA_MAX_SENTENCE: usize = 250;

/// Reads the Europeana file: its chunks, each as sentences.
pub(crate) fn read_europeana(path: &Path) -> Result<Vec<Vec<Sentence>>, CorpusError> {
    parse_europeana(&read_text(path)?, path)
}

/// Parses Europeana text (`token<SPACE>IOB1 tag`, `# chunk` lines opening chunks): its chunks,
/// each cut into sentences; `path` names the input in errors.
pub fn parse_europeana(text: &str, path: &Path) -> Result<Vec<Vec<Sentence>>, CorpusError> {
    let mut chunks = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    let flush = |tokens: &mut Vec<String>, tags: &mut Vec<Tag>, chunks: &mut Vec<_>| {
        if !tokens.is_empty() {
            let (spans, _) = decode(tags);
            let toks = std::mem::take(tokens);
            let ends: Vec<bool> = toks
                .iter()
                .map(|t| matches!(t.as_str(), "." | "!" | "?"))
                .collect();
            chunks.push(split(toks, &spans, |i| ends[i], EUROPEANA_MAX_SENTENCE));
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with("# chunk") {
            flush(&mut tokens, &mut tags, &mut chunks);
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(' ') else {
            return Err(CorpusError::format(
                path,
                n + 1,
                format!("expected a token and a tag separated by a space, got {line:?}"),
            ));
        };
        if token.is_empty() {
            return Err(CorpusError::format(path, n + 1, "empty token"));
        }
        let tag =
            parse_tag(tag, contract_label).map_err(|m| CorpusError::format(path, n + 1, m))?;
        tokens.push(token.to_owned());
        tags.push(tag);
    }
    flush(&mut tokens, &mut tags, &mut chunks);
    Ok(chunks)
}

/// A HIPE document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HipeDoc {
    /// `# hipe2022:document_id`.
    pub id: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// `I-X` tags opening an entity (IOB2 violations).
    pub inside_opening: usize,
}

pub(crate) fn read_hipe(path: &Path) -> Result<Vec<HipeDoc>, CorpusError> {
    parse_hipe(&read_text(path)?, path)
}

/// Parses a HIPE-2022 TSV file (header line naming the columns, `# hipe2022:document_id = X`
/// opening documents, `NE-COARSE-LIT` tags, `EndOfSentence` in `MISC` ending sentences);
/// `path` names the input in errors.
pub fn parse_hipe(text: &str, path: &Path) -> Result<Vec<HipeDoc>, CorpusError> {
    let mut docs = Vec::new();
    let mut columns: Option<(usize, usize)> = None;
    let mut id: Option<String> = None;
    let mut tokens = Vec::new();
    let mut tags = Vec::new();
    let mut ends = Vec::new();
    let flush = |id: &mut Option<String>,
                 tokens: &mut Vec<String>,
                 tags: &mut Vec<Tag>,
                 ends: &mut Vec<bool>,
                 docs: &mut Vec<HipeDoc>| {
        if let Some(id) = id.take() {
            let (spans, inside_opening) = decode(tags);
            let e = std::mem::take(ends);
            docs.push(HipeDoc {
                id,
                inside_opening,
                sentences: split(std::mem::take(tokens), &spans, |i| e[i], usize::MAX),
            });
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if let Some(meta) = line.strip_prefix("# ") {
            if let Some(value) = meta.strip_prefix("hipe2022:document_id") {
                flush(&mut id, &mut tokens, &mut tags, &mut ends, &mut docs);
                let value = value.trim_start().trim_start_matches('=').trim();
                if value.is_empty() {
                    return Err(CorpusError::format(path, n + 1, "empty document id"));
                }
                id = Some(value.to_owned());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let Some((tag_col, misc_col)) = columns else {
            let find = |name: &str| cols.iter().position(|c| *c == name);
            match (cols.first(), find("NE-COARSE-LIT"), find("MISC")) {
                (Some(&"TOKEN"), Some(t), Some(m)) => columns = Some((t, m)),
                _ => {
                    return Err(CorpusError::format(
                        path,
                        n + 1,
                        "expected the header line naming TOKEN, NE-COARSE-LIT and MISC",
                    ));
                }
            }
            continue;
        };
        if id.is_none() {
            return Err(CorpusError::format(
                path,
                n + 1,
                "token before any `# hipe2022:document_id` line",
            ));
        }
        if cols.len() <= tag_col.max(misc_col) {
            return Err(CorpusError::format(
                path,
                n + 1,
                format!(
                    "expected {} columns, got {}",
                    misc_col.max(tag_col) + 1,
                    cols.len()
                ),
            ));
        }
        let tag = parse_tag(cols[tag_col], hipe_label)
            .map_err(|m| CorpusError::format(path, n + 1, m))?;
        tokens.push(cols[0].to_owned());
        tags.push(tag);
        ends.push(cols[misc_col].split('|').any(|f| f == "EndOfSentence"));
    }
    flush(&mut id, &mut tokens, &mut tags, &mut ends, &mut docs);
    Ok(docs)
}
