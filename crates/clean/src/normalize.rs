//! Unicode and white-space normalisation that keeps the wording.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalises a body of text:
/// - NFC;
/// - `\r\n`, `\r`, U+0085, U+2028, U+2029 become `\n`;
/// - tabs and the wide spaces (en, em, ideographic...) become a space; thin and figure spaces,
///   which group digits, become U+202F; U+00A0 and U+202F are kept;
/// - zero-width characters, soft hyphens and BOMs are dropped, as are control characters;
/// - runs of spaces become one, lines are trimmed, three or more line breaks become two, and
///   the text is trimmed.
pub fn normalize(text: &str) -> String {
    // Invisible and control characters go first: dropped after NFC, they could leave a
    // combining mark uncomposed ("e\u{200b}\u{301}").
    let visible: std::borrow::Cow<'_, str> = if text.chars().any(is_dropped) {
        text.chars()
            .filter(|&c| !is_dropped(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    let nfc: std::borrow::Cow<'_, str> = if visible.chars().all(surely_nfc) {
        visible
    } else {
        match is_nfc_quick(visible.chars()) {
            IsNormalized::Yes => visible,
            _ => visible.nfc().collect::<String>().into(),
        }
    };
    let mut out = String::with_capacity(nfc.len());
    let mut pending_space: Option<char> = None;
    let mut pending_newlines = 0usize;
    let mut chars = nfc.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                '\n'
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' => '\n',
            '\t'
            | '\u{2000}'..='\u{2006}'
            | '\u{2008}'
            | '\u{200a}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{1680}' => ' ',
            '\u{2007}' | '\u{2009}' => '\u{202f}',
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_control() && c != '\n' => continue,
            c => c,
        };
        match c {
            '\n' => {
                pending_space = None;
                pending_newlines += 1;
            }
            ' ' | '\u{a0}' | '\u{202f}' => {
                // A no-break space wins over an ordinary one in the same run.
                if pending_space.is_none_or(|p| p == ' ') {
                    pending_space = Some(c);
                }
            }
            c => {
                if !out.is_empty() {
                    if pending_newlines > 0 {
                        out.push_str(if pending_newlines >= 2 { "\n\n" } else { "\n" });
                    } else if let Some(space) = pending_space {
                        out.push(space);
                    }
                }
                pending_space = None;
                pending_newlines = 0;
                out.push(c);
            }
        }
    }
    out
}

/// Characters that are NFC whatever surrounds them and compose with nothing before them: the
/// Latin letters below the combining marks, Cyrillic letters, general punctuation. A text of
/// them only skips the (slower) normalisation check.
fn surely_nfc(c: char) -> bool {
    matches!(c as u32, 0..0x300 | 0x400..0x483 | 0x48a..0x530 | 0x2002..0x2070 | 0x20a0..0x20c1)
}

/// Zero-width characters, soft hyphens, byte-order marks, and control characters other than
/// line breaks and tabs.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    ) || c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}')
}

/// Normalises a single-line string (a title, a caption): like [`normalize`], with line breaks
/// turned into spaces.
pub fn normalize_inline(text: &str) -> String {
    normalize(text).replace("\n\n", " ").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        for (input, expected) in [
            ("a\r\nb\rc", "a\nb\nc"),
            ("  trop   d’espaces \t ici  ", "trop d’espaces ici"),
            (
                "100\u{a0}000 et 3\u{2009}600 et 7\u{202f}500",
                "100\u{a0}000 et 3\u{202f}600 et 7\u{202f}500",
            ),
            ("Quoi\u{a0}?", "Quoi\u{a0}?"),
            ("a \u{a0} b", "a\u{a0}b"),
            ("e\u{301}te\u{301}", "été"),
            ("dé\u{ad}mo\u{200b}cra\u{feff}tie", "démocratie"),
            ("Cafe\u{200b}\u{301}", "Café"),
            ("a\n\n\n\n b", "a\n\nb"),
            ("ligne \n suite", "ligne\nsuite"),
            ("x\u{2028}y\u{85}z", "x\ny\nz"),
            ("\u{7}bip\u{1b}", "bip"),
            ("", ""),
        ] {
            assert_eq!(normalize(input), expected, "{input:?}");
        }
    }

    proptest! {
        #[test]
        fn idempotent(text in "(\\PC|[\u{200b}\u{ad}\u{301}\u{feff}\r\n\t]){0,200}") {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone());
        }

        #[test]
        fn no_space_at_line_ends(text in "[a-z \\n\\t\u{a0}\u{2009}]{0,100}") {
            let out = normalize(&text);
            for line in out.lines() {
                prop_assert_eq!(line.trim(), line);
            }
        }
    }
}
