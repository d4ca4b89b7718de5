//! The vocabulary of `data/*.txt`, compiled once per language: phrases cut into tokens the way
//! the text is, looked up by their first token.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// Any other sign, alone.
    Sign,
}

/// A token of the text: byte range, folded form, shape.
#[derive(Clone, Debug)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Lower-cased text (a sign as itself).
    pub norm: String,
    /// Word, number or sign.
    pub shape: Shape,
    /// The first letter is upper case.
    pub cap: bool,
    /// White space (or nothing) separates it from the previous token: true when there is some.
    pub space_before: bool,
    /// The id of `norm` in the vocabulary of the lexicon that tokenized the text
    /// ([`Lexicon::tokenize`]); [`UNKNOWN`] for a word it does not know.
    pub word: u32,
}

/// FNV-1a over a word's bytes: the word map is looked up once per token of every document,
/// holds no key an attacker chooses, and SipHash cost more than the rest of the tagger.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The id of a word no phrase of the lexicon contains.
pub const UNKNOWN: u32 = u32::MAX;

impl Tok {
    /// The numeric value of a digit run (saturating; `None` for anything else).
    pub fn num(&self) -> Option<u32> {
        if self.shape != Shape::Num || self.norm.len() > 9 {
            return None;
        }
        self.norm.parse().ok()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{301}'
}

/// Cuts `text` into tokens: letter runs, ASCII digit runs, every other non-space sign alone.
/// Typographic apostrophes become `'`, dashes `-`.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut space = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let (end, norm, shape) = if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                it.next();
            }
            (end, text[i..end].to_owned(), Shape::Num)
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            (end, text[i..end].to_lowercase(), Shape::Word)
        } else {
            let norm = match c {
                '’' | 'ʼ' | '‘' | '`' => "'".to_owned(),
                '‐' | '‑' | '‒' | '–' | '—' | '−' => "-".to_owned(),
                _ => c.to_string(),
            };
            (i + c.len_utf8(), norm, Shape::Sign)
        };
        toks.push(Tok {
            start: i,
            end,
            norm,
            shape,
            cap: c.is_uppercase(),
            space_before: space,
            word: UNKNOWN,
        });
        space = false;
    }
    toks
}

/// A category of entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
#[repr(u8)]
pub enum Cat {
    Month,
    Weekday,
    Unit,
    Num,
    Fuzzy,
    Deictic,
    Anaphor,
    Pod,
    This,
    Last,
    Next,
    Vague,
    Mod,
    PostMod,
    Every,
    SetWord,
    AgoPre,
    AgoPost,
    LaterPre,
    LaterPost,
    From,
    Between,
    To,
    And,
    At,
    Hour,
    Clock,
    AmPm,
    Season,
    Year,
    Decade,
    Century,
    Future,
    Det,
    Tz,
    YearNext,
    YearPrev,
    Ord,
    Quarter,
    QRef,
    Fiscal,
    Weekend,
    Term,
    Holiday,
    /// An ordinal word that can be a day of the month ("third", "twenty-first").
    DayOrd,
    /// A weekday name in the plural ("fridays"), counted: "3 fridays from now".
    Weekdays,
    /// A period abbreviation: its mod and unit (`END:M` for "EOM").
    Abbr,
}

const _: () = assert!((Cat::Abbr as u8) < 64, "a category mask is a u64");

impl Cat {
    /// The bit of the category in a [`Matches`] mask (fewer than 64 categories).
    const fn bit(self) -> u64 {
        1 << (self as u8)
    }

    fn parse(s: &str) -> Option<Cat> {
        Some(match s {
            "month" => Cat::Month,
            "weekday" => Cat::Weekday,
            "unit" => Cat::Unit,
            "num" => Cat::Num,
            "fuzzy" => Cat::Fuzzy,
            "deictic" => Cat::Deictic,
            "anaphor" => Cat::Anaphor,
            "pod" => Cat::Pod,
            "this" => Cat::This,
            "last" => Cat::Last,
            "next" => Cat::Next,
            "vague" => Cat::Vague,
            "mod" => Cat::Mod,
            "postmod" => Cat::PostMod,
            "every" => Cat::Every,
            "setword" => Cat::SetWord,
            "ago_pre" => Cat::AgoPre,
            "ago_post" => Cat::AgoPost,
            "later_pre" => Cat::LaterPre,
            "later_post" => Cat::LaterPost,
            "from" => Cat::From,
            "between" => Cat::Between,
            "to" => Cat::To,
            "and" => Cat::And,
            "at" => Cat::At,
            "hour" => Cat::Hour,
            "clock" => Cat::Clock,
            "ampm" => Cat::AmPm,
            "season" => Cat::Season,
            "year" => Cat::Year,
            "decade" => Cat::Decade,
            "century" => Cat::Century,
            "future" => Cat::Future,
            "det" => Cat::Det,
            "tz" => Cat::Tz,
            "func" => Cat::YearNext,
            "yearprev" => Cat::YearPrev,
            "ord" => Cat::Ord,
            "dayord" => Cat::DayOrd,
            "weekdays" => Cat::Weekdays,
            "abbr" => Cat::Abbr,
            "quarter" => Cat::Quarter,
            "qref" => Cat::QRef,
            "fiscal" => Cat::Fiscal,
            "weekend" => Cat::Weekend,
            "term" => Cat::Term,
            "holiday" => Cat::Holiday,
            _ => return None,
        })
    }
}

struct Entry {
    /// Word ids of the phrase after its first word.
    rest: Vec<u32>,
    cat: Cat,
    value: &'static str,
}

/// One language's vocabulary. Every word of its phrases has an id; tokens carry the id of
/// their word, so matching a phrase compares integers, and the phrases starting with a word
/// are found by indexing, not hashing (this runs at every token of every document).
pub struct Lexicon {
    words: HashMap<String, u32, BuildHasherDefault<WordHasher>>,
    /// Phrases by the id of their first word, longest first.
    by_first: Vec<Vec<Entry>>,
}

/// The phrases of a lexicon found in one text, computed once ([`Lexicon::matches`]) and
/// read by every rule: for each token, the mask of the categories with a phrase starting
/// there, and for each such category the longest phrase (end, value). Three flat vectors per
/// text, no allocation per token.
pub struct Matches {
    /// Per token, the categories ([`Cat::bit`]) with a phrase at that token.
    cats: Vec<u64>,
    /// Per token, the first index in `found` of its phrases (one more entry at the end).
    first: Vec<u32>,
    /// The phrases found: category, index of the token after it, value.
    found: Vec<(Cat, u32, &'static str)>,
}

impl Matches {
    /// The longest phrase of `cat` at token `i`: the index after it and its value.
    #[inline(always)]
    pub fn at(&self, i: usize, cat: Cat) -> Option<(usize, &'static str)> {
        if self.cats.get(i).is_none_or(|m| m & cat.bit() == 0) {
            return None;
        }
        self.find(i, cat)
    }

    /// The phrase of `cat` at `i`, known to be there.
    #[inline(never)]
    fn find(&self, i: usize, cat: Cat) -> Option<(usize, &'static str)> {
        let (a, b) = (self.first[i] as usize, self.first[i + 1] as usize);
        self.found[a..b]
            .iter()
            .find(|f| f.0 == cat)
            .map(|f| (f.1 as usize, f.2))
    }

    /// Whether the token at `i` begins a phrase of `cat`.
    #[inline(always)]
    pub fn is(&self, i: usize, cat: Cat) -> bool {
        self.cats.get(i).is_some_and(|m| m & cat.bit() != 0)
    }
}

impl Lexicon {
    fn build(data: &'static str) -> Lexicon {
        let mut words: HashMap<String, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut by_first: Vec<Vec<Entry>> = Vec::new();
        let mut id = |word: String, by_first: &mut Vec<Vec<Entry>>| -> u32 {
            let next = words.len() as u32;
            let id = *words.entry(word).or_insert(next);
            if id as usize >= by_first.len() {
                by_first.resize_with(id as usize + 1, Vec::new);
            }
            id
        };
        for line in data.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (Some(cat), Some(value), Some(phrase)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Some(cat) = Cat::parse(cat) else {
                continue;
            };
            let ids: Vec<u32> = tokenize(phrase)
                .into_iter()
                .map(|t| id(t.norm, &mut by_first))
                .collect();
            let Some((&first, rest)) = ids.split_first() else {
                continue;
            };
            by_first[first as usize].push(Entry {
                rest: rest.to_vec(),
                cat,
                value: value.trim(),
            });
        }
        for entries in &mut by_first {
            entries.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        }
        Lexicon { words, by_first }
    }

    /// The tokens of `text` ([`tokenize`]), each with the id of its word in this vocabulary.
    pub fn tokenize(&self, text: &str) -> Vec<Tok> {
        let mut toks = tokenize(text);
        for tok in &mut toks {
            tok.word = self
                .words
                .get(tok.norm.as_str())
                .copied()
                .unwrap_or(UNKNOWN);
        }
        toks
    }

    /// Whether some phrase starts with the word of `tok` (a token of [`Lexicon::tokenize`]).
    pub fn begins(&self, tok: &Tok) -> bool {
        self.by_first
            .get(tok.word as usize)
            .is_some_and(|entries| !entries.is_empty())
    }

    /// Every phrase of every category at every token of `toks`, in one pass: the longest of
    /// each category at each token (ties in the order of the data file).
    pub fn matches(&self, toks: &[Tok]) -> Matches {
        let mut cats = Vec::with_capacity(toks.len());
        let mut first = Vec::with_capacity(toks.len() + 1);
        let mut found = Vec::new();
        for (i, tok) in toks.iter().enumerate() {
            first.push(found.len() as u32);
            let mut mask = 0u64;
            if let Some(entries) = self.by_first.get(tok.word as usize) {
                'entries: for e in entries {
                    if mask & e.cat.bit() != 0 {
                        continue;
                    }
                    for (k, &want) in e.rest.iter().enumerate() {
                        match toks.get(i + 1 + k) {
                            Some(t) if t.word == want => {}
                            _ => continue 'entries,
                        }
                    }
                    mask |= e.cat.bit();
                    found.push((e.cat, (i + 1 + e.rest.len()) as u32, e.value));
                }
            }
            cats.push(mask);
        }
        first.push(found.len() as u32);
        Matches { cats, first, found }
    }
}

/// The vocabulary of a language: `fr`, `en` or `ru`.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    static FR: OnceLock<Lexicon> = OnceLock::new();
    static EN: OnceLock<Lexicon> = OnceLock::new();
    static RU: OnceLock<Lexicon> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| Lexicon::build(include_str!("../data/fr.txt"))),
        Lang::En => EN.get_or_init(|| Lexicon::build(include_str!("../data/en.txt"))),
        Lang::Ru => RU.get_or_init(|| Lexicon::build(include_str!("../data/ru.txt"))),
    }
}

/// The languages with a vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
    /// Russian.
    Ru,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest phrase of `cat` at `i`, matched directly against the entries.
    fn naive(lex: &Lexicon, toks: &[Tok], i: usize, cat: Cat) -> Option<(usize, &'static str)> {
        let entries = lex.by_first.get(toks.get(i)?.word as usize)?;
        entries
            .iter()
            .filter(|e| e.cat == cat)
            .find(|e| {
                e.rest
                    .iter()
                    .enumerate()
                    .all(|(k, &w)| toks.get(i + 1 + k).is_some_and(|t| t.word == w))
            })
            .map(|e| (i + 1 + e.rest.len(), e.value))
    }

    /// [`Lexicon::matches`] finds, once per text, what matching each phrase at each token
    /// finds, for every category, on the texts of the rule table.
    #[test]
    fn matches_once_agree_with_phrase_matching() {
        let table = include_str!("../test_data/times.tsv");
        for (lang, data) in [
            (Lang::Fr, include_str!("../data/fr.txt")),
            (Lang::En, include_str!("../data/en.txt")),
            (Lang::Ru, include_str!("../data/ru.txt")),
        ] {
            let lex = lexicon(lang);
            let cats: Vec<Cat> = data
                .lines()
                .filter_map(|l| Cat::parse(l.split('\t').next()?))
                .collect();
            for text in table.lines().filter_map(|l| l.split('\t').next()) {
                let toks = lex.tokenize(text);
                let m = lex.matches(&toks);
                for i in 0..=toks.len() {
                    for &cat in &cats {
                        assert_eq!(
                            m.at(i, cat),
                            naive(lex, &toks, i, cat),
                            "{text} @{i} {cat:?}"
                        );
                        assert_eq!(m.is(i, cat), m.at(i, cat).is_some());
                    }
                }
            }
        }
    }
}
