//! Sentence boundaries, decided between consecutive tokens.

use doc::{LangCode, TextRange, Token, TokenKind};

use crate::abbreviations::{AbbreviationClass, Abbreviations};
use crate::chars::{is_closing, is_terminal};

pub(crate) fn split(
    text: &str,
    tokens: &[Token],
    lang: Option<LangCode>,
    abbreviations: &Abbreviations,
) -> Vec<TextRange> {
    let mut sentences = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut last = i;
        let ends = match tokens.get(i + 1) {
            None => true,
            Some(_) => {
                let (ends, closing_end) = ends_after(text, tokens, i, lang, abbreviations);
                last = closing_end;
                ends
            }
        };
        if ends {
            sentences.push(TextRange::new(
                tokens[first].range.start(),
                tokens[last].range.end(),
            ));
            first = last + 1;
        }
        i = last + 1;
    }
    sentences
}

/// Whether a sentence ends after token `i` (or after the closing quotes and brackets that
/// follow it on the same line); returns the index of the sentence's last token too.
fn ends_after(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<LangCode>,
    abbreviations: &Abbreviations,
) -> (bool, usize) {
    let token = tokens[i];
    let word = &text[token.range.start()..token.range.end()];
    let newlines = newlines_between(text, tokens, i);
    if newlines >= 2 {
        return (true, i);
    }
    let next_word = slice(text, tokens[i + 1]);
    if newlines == 1 {
        // A line break ends a sentence unless the text is hard-wrapped mid-sentence: the line
        // does not end with a terminal mark and the next one goes on in lower case.
        let continues =
            starts_lower(next_word) && !word.ends_with(is_terminal) && !word.ends_with(':');
        return (!continues, i);
    }
    // A period glued to the next word is inside a name ("Gzt.Ru", "зоне .РФ").
    let glued_to_word = tokens[i + 1].range.start() == token.range.end()
        && next_word.chars().next().is_some_and(char::is_alphabetic);
    let terminal = match token.kind {
        TokenKind::Punct => word.chars().all(is_terminal) && !glued_to_word,
        TokenKind::Word if word.ends_with('.') => {
            return (abbreviation_ends(text, tokens, i, lang, abbreviations), i);
        }
        _ => false,
    };
    if !terminal {
        return (false, i);
    }
    // Closing quotes and brackets right after the mark belong to this sentence.
    let mut last = i;
    while let Some(&next) = tokens.get(last + 1) {
        let s = slice(text, next);
        let glued = next.range.start() == tokens[last].range.end();
        let closes = s.chars().count() == 1 && s.chars().all(is_closing);
        let ambiguous = matches!(s, "\"" | "'" | "“" | "’" | "‘");
        if !closes || (ambiguous && !glued) || newlines_between(text, tokens, last) > 0 {
            break;
        }
        last += 1;
    }
    let Some(&next) = tokens.get(last + 1) else {
        return (true, last);
    };
    if newlines_between(text, tokens, last) > 0 {
        return (true, last);
    }
    let next_word = slice(text, next);
    // A sentence starts with anything but a lower-case letter or punctuation that goes on
    // ("« Où ? » demande-t-il", "Quoi ?, dit-il").
    let starts_sentence = next_word.chars().next().is_some_and(|c| {
        !c.is_lowercase() && !matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '»' | '”' | '›' | '%')
    });
    (starts_sentence, last)
}

/// After an abbreviation that took its period.
fn abbreviation_ends(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<LangCode>,
    abbreviations: &Abbreviations,
) -> bool {
    let word = slice(text, tokens[i]);
    let bare = &word[..word.len() - 1];
    let next = slice(text, tokens[i + 1]);
    let next_is_capitalised = next.chars().next().is_some_and(char::is_uppercase);
    let after_number = i > 0 && tokens[i - 1].kind == TokenKind::Number;
    match (bare, abbreviations.class(bare, lang)) {
        // "в 2022 г. Власти…": the year ends a sentence; "г. Москва" is a city.
        ("г" | "гг", _) => after_number && next_is_capitalised,
        (_, Some(AbbreviationClass::Any)) => next_is_capitalised,
        (_, Some(AbbreviationClass::Prefix | AbbreviationClass::Initial)) => false,
        // A dotted acronym not in the tables ("U.S.", "В.В."): too often followed by a name.
        (_, None) => false,
    }
}

fn slice(text: &str, token: Token) -> &str {
    &text[token.range.start()..token.range.end()]
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

fn newlines_between(text: &str, tokens: &[Token], i: usize) -> usize {
    match tokens.get(i + 1) {
        Some(next) => text[tokens[i].range.end()..next.range.start()]
            .bytes()
            .filter(|&b| b == b'\n')
            .count(),
        None => 0,
    }
}
