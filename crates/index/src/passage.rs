//! The passage of a hit's text shown with it: tantivy's snippet algorithm (fragments of at
//! most [`SNIPPET_BYTES`] bytes cut at word boundaries, each scored by the query terms it
//! holds, a rarer term weighing more; the best fragment wins, the earliest among equals),
//! computed for less.
//!
//! `tantivy::snippet::SnippetGenerator` runs the field's whole analyzer (lower-casing,
//! stemming, folding) over every word of the text and lower-cases each result into a new
//! string to look it up; over the full body of twenty hits that was most of a search's time.
//! Here words are cut by hand as the analyzers' tokenizer cuts them (ASCII, Russian and
//! Latin-1 letters tested without the Unicode tables), only a word whose first two letters
//! can begin one of the query's terms goes through the analyzer, and once per query: its
//! answer is kept for the next hits. The fragments, scores and highlights are the same
//! (tests compare them with tantivy's, stems that rewrite endings included).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
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
    /// What a word must begin with to become one of the terms ([`required_prefix`]), when
    /// the field's analyzer keeps a word's beginning (the stemmed body fields); `None`
    /// analyses every word (the name field transliterates).
    firsts: Option<Vec<Vec<char>>>,
    analyzer: TextAnalyzer,
    /// The weight of each word already analysed for this query (`None`: no term), as
    /// written: the same words come back in hit after hit.
    seen: HashMap<Box<str>, Option<f32>>,
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
            keeps_first_letter.then(|| weights.keys().map(|t| required_prefix(t)).collect());
        Ok(Passages {
            terms: weights,
            firsts,
            analyzer: searcher.index().tokenizer_for_field(field)?,
            seen: HashMap::new(),
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
            if !word_char(c) {
                continue;
            }
            let to = chars
                .by_ref()
                .find(|(_, c)| !word_char(*c))
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
                let weight = match self.seen.get(word) {
                    Some(&w) => w,
                    None => {
                        let mut stream = self.analyzer.token_stream(word);
                        let w = if stream.advance() {
                            self.terms.get(&stream.token().text.to_lowercase()).copied()
                        } else {
                            None
                        };
                        self.seen.insert(word.into(), w);
                        w
                    }
                };
                if let Some(weight) = weight {
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

/// `char::is_alphanumeric`, as the tokenizer tests it, with ASCII, Russian and Latin-1
/// letters answered without the Unicode tables.
pub(crate) fn word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // The Russian alphabet and the Latin-1 letters, the bulk of our texts beyond ASCII.
        'А'..='я' | 'Ё' | 'ё' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The beginning a word must have to stem to `term`: its first two letters, or its first
/// for a term of three letters or fewer. A Snowball stemmer (English, French, Russian) only
/// cuts endings and rewrites at most the two letters before the cut ("happy" → "happi",
/// "couramment" → "courant", "dying" → "die"), so the stem minus its last two letters is a
/// prefix of the word; two letters are enough to skip most words.
fn required_prefix(term: &str) -> Vec<char> {
    let chars: Vec<char> = term.chars().collect();
    let keep = chars
        .len()
        .saturating_sub(2)
        .clamp(1, PREFIX_CHECKED)
        .min(chars.len());
    chars[..keep].to_vec()
}

/// Most letters of a required prefix compared (the rest is left to the analyzer).
const PREFIX_CHECKED: usize = 2;

/// Whether a word (as the tokenizer cut it) can become a term beginning with one of
/// `prefixes` through a body analyzer: lower-casing, `ё` → `е`, a Snowball stemmer (see
/// [`required_prefix`]) and ASCII folding (which leaves ASCII and Cyrillic alone). A word
/// with other letters in the compared part (accented Latin, ligatures...) is let through:
/// folding may change them.
fn could_become_term(word: &str, prefixes: &[Vec<char>]) -> bool {
    let mut folded = [' '; PREFIX_CHECKED];
    let mut n = 0;
    for c in word.chars().take(PREFIX_CHECKED) {
        let mut lower = c.to_lowercase();
        let l = match (lower.next(), lower.next()) {
            (Some('ё'), None) => 'е',
            (Some(l), None) => l,
            _ => return true,
        };
        if !(l.is_ascii() || ('\u{0400}'..='\u{04FF}').contains(&l)) {
            return true;
        }
        folded[n] = l;
        n += 1;
    }
    let word = &folded[..n];
    prefixes.iter().any(|p| {
        let p = &p[..p.len().min(PREFIX_CHECKED)];
        word.len() >= p.len() && word[..p.len()] == *p
    })
}
