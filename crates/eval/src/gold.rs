//! Readers of the gold formats in `../shared/eval`. Each returns plain data with byte offsets
//! into the text it returns.

use std::path::Path;

use anyhow::{Context, Result};

/// A text with gold sentences and tokens (byte ranges, sorted).
#[derive(Clone, Debug, Default)]
pub struct SegmentedText {
    /// Document id in its set.
    pub id: String,
    /// The text.
    pub text: String,
    /// Gold sentence ranges.
    pub sentences: Vec<(usize, usize)>,
    /// Gold token ranges.
    pub tokens: Vec<(usize, usize)>,
}

/// factRuEval-2016 (`devset/*.txt` + `*.tokens`): tokens with character offsets, a blank line
/// between sentences. A document whose offsets do not match its text is skipped and counted.
pub fn factrueval(dir: &Path) -> Result<(Vec<SegmentedText>, usize)> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tokens"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    let mut skipped = 0;
    for tokens_path in names {
        let text_path = tokens_path.with_extension("txt");
        let text = std::fs::read_to_string(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let listing = std::fs::read_to_string(&tokens_path)?;
        // Character offset → byte offset.
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        let mut doc = SegmentedText {
            id: stem(&tokens_path),
            ..Default::default()
        };
        let mut sentence: Option<(usize, usize)> = None;
        let mut ok = true;
        for line in listing.lines().chain(std::iter::once("")) {
            let fields: Vec<&str> = line.split(' ').collect();
            if line.trim().is_empty() {
                doc.sentences.extend(sentence.take());
                continue;
            }
            let (Some(start), Some(len)) = (
                fields.get(1).and_then(|s| s.parse::<usize>().ok()),
                fields.get(2).and_then(|s| s.parse::<usize>().ok()),
            ) else {
                ok = false;
                break;
            };
            let (Some(&b0), Some(&b1)) = (byte_of_char.get(start), byte_of_char.get(start + len))
            else {
                ok = false;
                break;
            };
            if text[b0..b1] != *fields[3..].join(" ") {
                ok = false;
                break;
            }
            doc.tokens.push((b0, b1));
            sentence = Some(sentence.map_or((b0, b1), |(s, _)| (s, b1)));
        }
        if ok && !doc.tokens.is_empty() {
            doc.text = text;
            docs.push(doc);
        } else {
            skipped += 1;
        }
    }
    Ok((docs, skipped))
}

/// HIPE-2022 TSV: one token per line with `NoSpaceAfter` and `EndOfSentence` flags in the last
/// column, `# hipe2022:document_id` lines between documents. The text is rebuilt from the
/// tokens, with a space between tokens unless `NoSpaceAfter` (an `EndOfLine` is a space too:
/// the line breaks of a newspaper column are not the author's).
pub fn hipe(path: &Path) -> Result<Vec<SegmentedText>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    let mut doc = SegmentedText::default();
    let mut sentence_start: Option<usize> = None;
    let mut space_pending = false;
    let mut finish = |doc: &mut SegmentedText, sentence_start: &mut Option<usize>| {
        if let (Some(s), Some(&(_, e))) = (sentence_start.take(), doc.tokens.last()) {
            doc.sentences.push((s, e));
        }
        if !doc.tokens.is_empty() {
            docs.push(std::mem::take(doc));
        }
    };
    for line in data.lines() {
        if let Some(id) = line.strip_prefix("# hipe2022:document_id = ") {
            finish(&mut doc, &mut sentence_start);
            space_pending = false;
            doc.id = id.trim().to_owned();
            continue;
        }
        if line.starts_with('#') || line.starts_with("TOKEN\t") || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (token, misc) = (fields[0], fields.last().copied().unwrap_or(""));
        if token.is_empty() {
            continue;
        }
        if space_pending {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        doc.tokens.push((start, doc.text.len()));
        sentence_start.get_or_insert(start);
        // Some HIPE sets flag every sentence end `NoSpaceAfter` (their sentences were lines);
        // the newspaper had white space there.
        let end_of_sentence = misc.split('|').any(|f| f == "EndOfSentence");
        space_pending = end_of_sentence || !misc.split('|').any(|f| f == "NoSpaceAfter");
        if misc.split('|').any(|f| f == "EndOfSentence") {
            doc.sentences
                .push((sentence_start.take().unwrap_or(start), doc.text.len()));
        }
    }
    finish(&mut doc, &mut sentence_start);
    Ok(docs)
}

/// CoNLL-like files with one token per line (`index<TAB>token<TAB>tag`) and a blank line
/// between sentences: the sentences, tokens joined by spaces, with no space before closing
/// punctuation or after opening brackets.
pub fn conll_sentences(path: &Path) -> Result<Vec<String>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    let mut current = String::new();
    let mut glue_next = false;
    for line in data.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            glue_next = false;
            continue;
        }
        let Some(token) = line.split('\t').nth(1) else {
            continue;
        };
        let closing = matches!(
            token,
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "»" | "'s"
        );
        if !current.is_empty() && !closing && !glue_next {
            current.push(' ');
        }
        current.push_str(token);
        glue_next = matches!(token, "(" | "[" | "«");
    }
    Ok(out)
}

/// One JSON object per line with `lang` and `text` (news-realism).
pub fn lang_texts(path: &Path) -> Result<Vec<(String, String)>> {
    #[derive(serde::Deserialize)]
    struct Item {
        lang: String,
        text: String,
    }
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| {
            let item: Item =
                serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1))?;
            Ok((item.lang, item.text))
        })
        .collect()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
