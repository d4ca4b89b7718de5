//! The tokenizer: one left-to-right scan, no backtracking beyond a few characters.

use doc::{LangCode, TextRange, Token, TokenKind};

use crate::abbreviations::Abbreviations;
use crate::chars::{
    is_apostrophe, is_group_space, is_hyphen, is_punctuation, is_terminal, is_word_char,
};

pub(crate) fn tokenize(
    text: &str,
    lang: Option<LangCode>,
    abbreviations: &Abbreviations,
) -> Vec<Token> {
    let mut scanner = Scanner {
        text,
        pos: 0,
        lang,
        abbreviations,
        tokens: Vec::with_capacity(text.len() / 5),
    };
    scanner.run();
    scanner.tokens
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    lang: Option<LangCode>,
    abbreviations: &'a Abbreviations,
    tokens: Vec<Token>,
}

/// French elided words: the token keeps its apostrophe (`l’`, `qu’`, `jusqu’`).
const FRENCH_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// French pronouns after an inverted verb, split off with their hyphens (`dit` + `-elle`).
/// Longest first, so `-t-il` wins over `-il`.
const FRENCH_INVERSIONS: &[&str] = &[
    "-t-elles", "-t-elle", "-t-ils", "-t-il", "-t-on", "-elles", "-elle", "-ils", "-il", "-on",
    "-je", "-tu", "-nous", "-vous", "-ce",
];

/// English clitics split off the word they end (`do` + `n't`, `Tokayev` + `'s`).
const ENGLISH_CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

impl Scanner<'_> {
    fn peek_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..)?.chars().next()
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if start < end {
            self.tokens.push(Token {
                range: TextRange::new(start, end),
                kind,
            });
        }
    }

    fn run(&mut self) {
        while let Some(c) = self.peek_at(self.pos) {
            let start = self.pos;
            if c.is_whitespace() || is_invisible(c) {
                self.pos += c.len_utf8();
            } else if let Some(end) = self.url_end(start) {
                self.push(start, end, TokenKind::Url);
                self.pos = end;
            } else if c.is_numeric() {
                self.number(start);
            } else if is_word_char(c) {
                self.word(start);
            } else if is_terminal(c) {
                let end = self.scan_while(start, is_terminal);
                self.push(start, end, TokenKind::Punct);
                self.pos = end;
            } else if matches!(c, '-' | '–' | '—' | '=' | '_' | '*') {
                // Runs of dashes or rules ("--", "*****") are one token.
                let end = self.scan_while(start, |x| x == c);
                self.push(start, end, TokenKind::Punct);
                self.pos = end;
            } else {
                let end = start + c.len_utf8();
                let kind = if is_punctuation(c) {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                self.push(start, end, kind);
                self.pos = end;
            }
        }
    }

    fn scan_while(&self, mut pos: usize, pred: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.peek_at(pos) {
            if !pred(c) {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    fn digits_end(&self, pos: usize) -> usize {
        self.scan_while(pos, |c| c.is_numeric())
    }

    /// `http://…`, `https://…` or `www.…`, without trailing punctuation.
    fn url_end(&self, start: usize) -> Option<usize> {
        let rest = &self.text.as_bytes()[start..];
        let starts = |prefix: &[u8]| {
            rest.len() >= prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
        };
        if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
            return None;
        }
        let mut end = self.scan_while(start, |c| {
            !(c.is_whitespace() || matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”' | '‘'))
        });
        while let Some(last) = self.text[start..end].chars().next_back() {
            if matches!(
                last,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '’'
            ) {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        (end > start + 4).then_some(end)
    }

    /// Digits with grouping (`100 000`, `880’000`, `1,234,567`), decimals (`3,5`, `2.3`),
    /// dates and times as one token (`21.09.2022`, `14:30`), then a glued suffix (`1er`, `2e`,
    /// `3rd`, `10km`, `5-й`).
    fn number(&mut self, start: usize) {
        let mut end = self.digits_end(start);
        let leading_group = end - start;
        let mut all_groups_of_three = true;
        while let Some(sep) = self.peek_at(end) {
            let after = end + sep.len_utf8();
            let digits = self.digits_end(after) - after;
            if digits == 0 {
                break;
            }
            // `digits_end` took every digit, so a group of exactly three is a thousands group.
            let grouping = digits == 3;
            if is_group_space(sep) {
                // "100 000" but not "2022 300" or "12 34 56": a space only groups thousands.
                if !(grouping && all_groups_of_three && leading_group <= 3) {
                    break;
                }
            } else if is_apostrophe(sep) {
                if !grouping {
                    break;
                }
            } else if matches!(sep, '.' | ',' | '/' | ':') {
                all_groups_of_three &= grouping;
            } else {
                break;
            }
            end = after + digits;
        }
        // A glued suffix: letters and digits ("1er", "3rd", "10km", "COVID-19" does not start here).
        if let Some(c) = self.peek_at(end) {
            if is_word_char(c) {
                end = self.scan_while(end, is_word_char);
            } else if is_hyphen(c) {
                // Russian ordinals: "5-й", "21-го", "1990-е".
                let after = end + c.len_utf8();
                let letters_end = self.scan_while(after, |x| x.is_alphabetic());
                let n_letters = self.text[after..letters_end].chars().count();
                let next_is_word = self.peek_at(letters_end).is_some_and(is_word_char);
                let cyrillic = self.text[after..letters_end]
                    .chars()
                    .all(|x| ('\u{400}'..='\u{4ff}').contains(&x));
                if (1..=3).contains(&n_letters) && cyrillic && !next_is_word {
                    end = letters_end;
                }
            }
        }
        self.push(start, end, TokenKind::Number);
        self.pos = end;
    }

    /// Words with inner hyphens, apostrophes and dots; dotted acronyms (`U.S.`); e-mail
    /// addresses; then the language rules split elisions, clitics and inverted pronouns, and an
    /// abbreviation takes its period.
    fn word(&mut self, start: usize) {
        if let Some(end) = self.dotted_acronym_end(start) {
            self.push(start, end, TokenKind::Word);
            self.pos = end;
            return;
        }
        let mut end = self.scan_while(start, is_word_char);
        let mut is_email = false;
        while let Some(c) = self.peek_at(end) {
            let after = end + c.len_utf8();
            let next = self.peek_at(after);
            let joins = if is_hyphen(c) || c == '_' {
                next.is_some_and(is_word_char)
            } else if is_apostrophe(c) {
                next.is_some_and(char::is_alphabetic)
            } else if c == '.' {
                // Domains and file names ("rferl.org", "Node.js"), not "fin.Le".
                next.is_some_and(|n| n.is_lowercase() || n.is_numeric())
                    && !self.text[start..end].ends_with('.')
            } else if c == '@' {
                let ok = !is_email && next.is_some_and(|n| n.is_alphanumeric());
                is_email |= ok;
                ok
            } else {
                false
            };
            if !joins {
                break;
            }
            end = self.scan_while(after, is_word_char);
        }
        if is_email
            && self.text[start..end]
                .rsplit('@')
                .next()
                .is_some_and(|d| d.contains('.'))
        {
            self.push(start, end, TokenKind::Email);
            self.pos = end;
            return;
        }
        self.word_parts(start, end);
    }

    /// `U.S.`, `В.В.`, `a.m.`: single letters each followed by a period, at least two.
    fn dotted_acronym_end(&self, start: usize) -> Option<usize> {
        let mut pos = start;
        let mut letters = 0;
        while let Some(c) = self.peek_at(pos) {
            let dot = pos + c.len_utf8();
            if !c.is_alphabetic() || self.peek_at(dot) != Some('.') {
                break;
            }
            letters += 1;
            pos = dot + 1;
        }
        (letters >= 2).then_some(pos)
    }

    /// Pushes the word `start..end`, split by the language rules.
    fn word_parts(&mut self, mut start: usize, mut end: usize) {
        let french = matches!(self.lang, None | Some(LangCode::FR));
        if french
            && self.text[start..end].contains(is_apostrophe)
            && let Some(split) = self.french_elision(start, end)
        {
            self.push(start, split, TokenKind::Word);
            start = split;
        }
        let mut suffix = None;
        // Only words with a hyphen or an apostrophe can carry a pronoun or a clitic.
        let joined = self.text[start..end].contains(|c| is_hyphen(c) || is_apostrophe(c));
        if french && joined {
            suffix = suffix_match(&self.text[start..end], FRENCH_INVERSIONS, true);
        }
        if suffix.is_none() && joined && self.lang == Some(LangCode::EN) {
            suffix = suffix_match(&self.text[start..end], ENGLISH_CLITICS, false);
        }
        if let Some(len) = suffix {
            let split = end - len;
            self.push(start, split, TokenKind::Word);
            self.push(split, end, TokenKind::Word);
            self.pos = end;
            return;
        }
        // An abbreviation or an initial keeps its period.
        if self.peek_at(end) == Some('.')
            && self
                .abbreviations
                .class(&self.text[start..end], self.lang)
                .is_some()
        {
            end += 1;
        }
        self.push(start, end, TokenKind::Word);
        self.pos = end;
    }

    /// `l’armée` → split after `l’`; the elided word must be followed by a letter.
    fn french_elision(&self, start: usize, end: usize) -> Option<usize> {
        let word = &self.text[start..end];
        let (apostrophe_at, apostrophe) = word.char_indices().find(|&(_, c)| is_apostrophe(c))?;
        let head = &word[..apostrophe_at];
        let head_lower = head.to_lowercase();
        if !FRENCH_ELISIONS.contains(&head_lower.as_str()) {
            return None;
        }
        let split = start + apostrophe_at + apostrophe.len_utf8();
        (split < end).then_some(split)
    }
}

/// The byte length of the first suffix of `word` in `suffixes` (compared case-insensitively
/// and with any apostrophe), keeping at least two characters before it. With `verb_before`,
/// the part before must be a lower-case word after its first letter (a verb, not "Saint-Louis").
fn suffix_match(word: &str, suffixes: &[&str], verb_before: bool) -> Option<usize> {
    let lower: String = word
        .chars()
        .map(|c| {
            if is_apostrophe(c) {
                '\''
            } else if is_hyphen(c) {
                '-'
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    // Lower-casing may change byte lengths; only ASCII suffixes are matched, so compare on
    // the tail and measure the tail in the original word by characters.
    for suffix in suffixes {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let n_chars = suffix.chars().count();
            let split = word.char_indices().rev().nth(n_chars - 1).map(|(i, _)| i)?;
            let before = &word[..split];
            if before.chars().count() < 2 && !verb_before {
                continue;
            }
            if verb_before {
                let mut rest = before.chars();
                rest.next();
                if !rest.all(|c| c.is_lowercase()) || before.chars().any(is_hyphen) {
                    continue;
                }
            }
            return Some(word.len() - split);
        }
    }
    None
}

/// Format characters that are not text: zero-width spaces, soft hyphens, byte-order marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}
