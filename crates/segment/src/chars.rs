//! Character classes shared by the tokenizer and the sentence splitter.

/// Horizontal spaces that may group digits: space, no-break space, narrow no-break space,
/// thin space, figure space.
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Apostrophes, typographic and typewriter.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Hyphens that join words (not dashes).
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Combining marks that may remain after NFC (or in text kept as given).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// A character that belongs inside a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '_'
}

/// Marks that end a sentence.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Quotes and brackets that close: they stay with the sentence they end.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '»' | '”' | '“' | '’' | '›' | ')' | ']' | '}' | '"' | '\''
    )
}

/// Punctuation, as opposed to other symbols.
pub(crate) fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '%' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '&'
        )
        || matches!(
            c,
            '«' | '»'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '‘'
                | '’'
                | '‚'
                | '‹'
                | '›'
                | '…'
                | '–'
                | '—'
                | '‐'
                | '‑'
                | '‒'
                | '―'
                | '•'
                | '·'
                | '¡'
                | '¿'
                | '§'
                | '¶'
                | '′'
                | '″'
                | '‼'
                | '⁇'
                | '⁈'
                | '⁉'
        )
}
