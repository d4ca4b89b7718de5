//! The passage of a hit's text shown with it: tantivy's snippet algorithm (fragments of at
//! most [`SNIPPET_BYTES`] bytes cut at word boundaries, each scored by the query terms it
//! holds, a rarer term weighing more; the best fragment wins, the earliest among equals),
//! computed for less.
//!
//! `tantivy::snippet::SnippetGenerator` runs the field's whole analyzer (lower-casing,
//! stemming, folding) over every word of the text and lower-cases each result into a new
//! string to look it up; over the full body of twenty hits that was most of a search's time.
//! Here words are cut by hand as the analyzers' tokenizer cuts them, and only a word whose
//! first letter can begin one of the query's terms goes through the analyzer. The
//! fragments, scores and highlights are the same (a test compares them with tantivy's).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

use crate::{IndexError, WORD_LIMIT};

/// Bytes a passage spans at most (tantivy's `max_num_chars`, which counts bytes).
pub(crate) const SNIPPET_BYTES: usize = 200;

/// Finds the best passage of texts for one query in one field.
pub(crate) struct Passages {
    /// Each term of the query in this field, with its weight.
    terms: BTreeMap<String, f32>,
    /// The first letters of the terms, when the field's analyzer keeps a word's first letter
    /// (the stemmed body fields); `None` analyses every word (the name field transliterates).
    firsts: Option<Vec<char>>,
    analyzer: TextAnalyzer,
}

/// A fragment being scored.
struct Fragment {
    score: f32,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Fragment {
    fn new(start: usize) -> Fragment {
        Fragment {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

impl Passages {
    /// The passages of `field` for `query`, weighted as `SnippetGenerator::create` weighs
    /// them (`1 / (1 + document frequency)`). `keeps_first_letter`: whether the field's
    /// analyzer never changes a word's first letter beyond case, `ё` and ASCII folding.
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        keeps_first_letter: bool,
    ) -> Result<Passages, IndexError> {
        let mut terms: Vec<Term> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.push(term.clone());
            }
        });
        let mut weights: BTreeMap<String, f32> = BTreeMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weights.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let firsts =
            keeps_first_letter.then(|| weights.keys().filter_map(|t| t.chars().next()).collect());
        Ok(Passages {
            terms: weights,
            firsts,
            analyzer: searcher.index().tokenizer_for_field(field)?,
        })
    }

    /// The best passage of `text`: its byte range and the matched words in it (byte ranges
    /// from its start); `None` when no word of the text is a term of the query.
    pub(crate) fn best(&mut self, text: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
        if self.terms.is_empty() {
            return None;
        }
        let mut fragments: Vec<Fragment> = Vec::new();
        let mut fragment = Fragment::new(0);
        let mut chars = text.char_indices();
        // Words as tantivy's SimpleTokenizer cuts them: runs of alphanumeric characters.
        while let Some((from, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let to = chars
                .by_ref()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(text.len(), |(i, _)| i);
            let word = &text[from..to];
            if word.len() >= WORD_LIMIT {
                // The analyzers drop it (RemoveLongFilter): it is no token.
                continue;
            }
            if to - fragment.start > SNIPPET_BYTES {
                if fragment.score > 0.0 {
                    fragments.push(fragment);
                }
                fragment = Fragment::new(from);
            }
            fragment.stop = to;
            if self
                .firsts
                .as_deref()
                .is_none_or(|firsts| could_become_term(word, firsts))
            {
                let mut stream = self.analyzer.token_stream(word);
                if stream.advance()
                    && let Some(&weight) = self.terms.get(&stream.token().text.to_lowercase())
                {
                    fragment.score += weight;
                    fragment.highlighted.push(from..to);
                }
            }
        }
        if fragment.score > 0.0 {
            fragments.push(fragment);
        }
        // tantivy's choice: the highest score, the earliest fragment among equals.
        let best = fragments.iter().max_by(|l, r| {
            match l.score.partial_cmp(&r.score).unwrap_or(Ordering::Equal) {
                Ordering::Equal => (r.start, r.stop).cmp(&(l.start, l.stop)),
                other => other,
            }
        })?;
        Some((
            best.start..best.stop,
            best.highlighted
                .iter()
                .map(|h| h.start - best.start..h.end - best.start)
                .collect(),
        ))
    }
}

/// Whether a word (as the tokenizer cut it) can become a term starting with one of `firsts`
/// through a body analyzer: lower-casing, `ё` → `е`, a Snowball stemmer (which never
/// changes a word's first letter) and ASCII folding (which leaves ASCII and Cyrillic alone).
/// Other first letters (accented Latin, ligatures...) are let through: folding may change them.
fn could_become_term(word: &str, firsts: &[char]) -> bool {
    let Some(c) = word.chars().next() else {
        return false;
    };
    let mut lower = c.to_lowercase();
    let first = match (lower.next(), lower.next()) {
        (Some('ё'), None) => 'е',
        (Some(l), None) => l,
        _ => return true,
    };
    if first.is_ascii() || ('\u{0400}'..='\u{04FF}').contains(&first) {
        firsts.contains(&first)
    } else {
        true
    }
}
