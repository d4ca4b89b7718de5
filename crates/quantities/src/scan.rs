//! One pass over the text: words, symbols and numbers in digits (grouping and decimal marks
//! resolved here, by language).

use crate::lexicon::Lang;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Sym,
}

/// A number written in digits.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NumInfo {
    pub value: f64,
    /// Digits before the decimal mark.
    pub int_digits: u32,
    /// Has a decimal part.
    pub frac: bool,
    /// Has group separators.
    pub grouped: bool,
    /// Starts with 0 and has more digits before the mark ("06", "0033").
    pub lead_zero: bool,
    /// Part of a chain of numbers joined by dots, slashes, dashes or colons (a date, a clock
    /// time, a phone number, an address, a version): never a quantity.
    pub junk: bool,
}

/// A token: byte offsets, kind, the white space before it, and its number if any.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// 0: adjacent to the previous token; 1: spaces; 2: a line break.
    pub gap: u8,
    pub num: NumInfo,
}

/// Lower case with the same byte length (so offsets stay valid); "ё" folds to "е".
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

pub(crate) fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        let l = match c {
            'ё' | 'Ё' => 'е',
            c if c.is_ascii() => c.to_ascii_lowercase(),
            c => {
                let mut it = c.to_lowercase();
                match (it.next(), it.next()) {
                    (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                }
            }
        };
        out.push(l);
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Phrase tokens of a data-file form, as strings.
pub(crate) fn tokenize_plain(s: &str) -> Vec<String> {
    let mut toks = Vec::new();
    scan(s, None, &mut toks);
    toks.iter()
        .map(|t| {
            let text = &s[t.start..t.end];
            if text.chars().all(is_apostrophe) {
                "'".to_owned()
            } else {
                text.to_owned()
            }
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{300}'..='\u{36f}')
}

/// Group separators inside a number (space, no-break spaces, apostrophes).
fn space_sep_len(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b' ', ..]) | Some([b'\'', ..]) => 1,
        Some([0xC2, 0xA0, ..]) => 2,
        Some([0xE2, 0x80, 0xAF, ..])
        | Some([0xE2, 0x80, 0x89, ..])
        | Some([0xE2, 0x80, 0x99, ..]) => 3,
        _ => 0,
    }
}

fn digits_at(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Tokenizes `text` into `out` (cleared first).
pub(crate) fn scan(text: &str, lang: Option<Lang>, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let mut gap = 0u8;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit()
            || ((c == b'.' || c == b',')
                && digits_at(b, i + 1) > 0
                && !out
                    .last()
                    .is_some_and(|t: &Tok| t.end == i && t.kind != Kind::Sym))
        {
            let (end, num) = number(b, i, lang);
            out.push(Tok {
                start: i,
                end,
                kind: Kind::Num,
                gap,
                num,
            });
            gap = 0;
            i = end;
            continue;
        }
        let Some(ch) = text[i..].chars().next() else {
            break;
        };
        if ch.is_whitespace() {
            gap = if ch == '\n' || gap == 2 { 2 } else { 1 };
            i += ch.len_utf8();
            continue;
        }
        if is_word_char(ch) {
            let mut end = i;
            for (k, c) in text[i..].char_indices() {
                if is_word_char(c) {
                    end = i + k + c.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Tok {
                start: i,
                end,
                kind: Kind::Word,
                gap,
                num: NumInfo::default(),
            });
            gap = 0;
            i = end;
            continue;
        }
        out.push(Tok {
            start: i,
            end: i + ch.len_utf8(),
            kind: Kind::Sym,
            gap,
            num: NumInfo::default(),
        });
        gap = 0;
        i += ch.len_utf8();
    }
    mark_chains(b, out);
}

/// Numbers joined by '.', '/', '-', ':' into three or more parts, or by ':' at all, are
/// dates, times, phone numbers, versions or addresses.
fn mark_chains(b: &[u8], toks: &mut [Tok]) {
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != Kind::Num {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut colon = false;
        while j + 2 < toks.len()
            && toks[j + 1].kind == Kind::Sym
            && toks[j + 1].gap == 0
            && toks[j + 2].kind == Kind::Num
            && toks[j + 2].gap == 0
            && matches!(b[toks[j + 1].start], b'.' | b'/' | b'-' | b':')
        {
            colon |= b[toks[j + 1].start] == b':';
            j += 2;
        }
        // "1.2.3": a decimal followed by ".3" was scanned as "1.2" then ".3".
        let dotted = j == i
            && i + 1 < toks.len()
            && toks[i + 1].kind == Kind::Num
            && toks[i + 1].gap == 0
            && matches!(b[toks[i + 1].start], b'.' | b',');
        let mut parts = (j - i) / 2 + 1;
        if j > i && toks[i].num.frac && b[toks[i + 1].start] == b'.' {
            parts += 1;
        }
        // "15h30": a clock time.
        let clock = j == i
            && i + 2 < toks.len()
            && toks[i + 1].kind == Kind::Word
            && toks[i + 1].gap == 0
            && toks[i + 1].end - toks[i + 1].start == 1
            && matches!(b[toks[i + 1].start], b'h' | b'H')
            && toks[i + 2].kind == Kind::Num
            && toks[i + 2].gap == 0;
        if clock {
            toks[i].num.junk = true;
            toks[i + 2].num.junk = true;
            i += 3;
            continue;
        }
        if parts >= 3 || colon || dotted {
            let last = if dotted { i + 1 } else { j };
            for t in &mut toks[i..=last] {
                t.num.junk = true;
            }
            i = last + 1;
        } else {
            i = j.max(i) + 1;
        }
    }
}

/// Reads a number in digits at `i`: grouping by space, no-break spaces, apostrophes, comma
/// or point; the decimal mark by language (comma in French and Russian, point in English;
/// the other mark is a decimal mark too when not followed by exactly three digits).
fn number(b: &[u8], start: usize, lang: Option<Lang>) -> (usize, NumInfo) {
    let mut digits: Vec<u8> = Vec::new();
    let mut i = start;
    let mut info = NumInfo::default();
    let first = digits_at(b, i);
    digits.extend_from_slice(&b[i..i + first]);
    i += first;
    info.lead_zero = first > 1 && b[start] == b'0';
    // Grouping.
    if (1..=3).contains(&first) && !info.lead_zero {
        let mut sep: Option<(u8, usize)> = None;
        loop {
            let sp = space_sep_len(b, i);
            let (kind, len) = if sp > 0 {
                (b' ', sp)
            } else if matches!(b.get(i), Some(b',') | Some(b'.')) {
                (b[i], 1)
            } else {
                break;
            };
            if let Some((k, l)) = sep
                && (k != kind || (k == b' ' && l != len))
            {
                break;
            }
            let n = digits_at(b, i + len);
            if n != 3 {
                break;
            }
            // After the group: not another digit; a separator of the same kind, or an end.
            let after = i + len + 3;
            let more_same = if kind == b' ' {
                space_sep_len(b, after) == len && digits_at(b, after + len) == 3
            } else {
                b.get(after) == Some(&kind) && digits_at(b, after + 1) == 3
            };
            if kind == b',' || kind == b'.' {
                let decimal_mark = match lang {
                    Some(Lang::En) => b'.',
                    Some(Lang::Fr) | Some(Lang::Ru) => b',',
                    None => b'.',
                };
                // The language's decimal mark groups only when repeated ("1.234.567" in
                // English? no: there a point is decimal; "3,000,000" in French: grouping).
                if kind == decimal_mark && !more_same && sep.is_none() {
                    break;
                }
                // A decimal point after grouping commas etc. is handled below.
                if kind == b'.' && lang == Some(Lang::Ru) && !more_same && sep.is_none() {
                    break;
                }
            }
            if kind == b' ' && b.get(i) == Some(&b' ') && lang.is_none() && first == 0 {
                break;
            }
            digits.extend_from_slice(&b[i + len..i + len + 3]);
            sep = Some((kind, len));
            info.grouped = true;
            i += len + 3;
        }
    }
    info.int_digits = digits.len() as u32;
    // Decimal part.
    if let Some(&m) = b.get(i)
        && (m == b',' || m == b'.')
    {
        let n = digits_at(b, i + 1);
        let grouped_with = |k: u8| info.grouped && b[start..i].contains(&k);
        if n > 0 && !grouped_with(m) {
            digits.push(b'.');
            digits.extend_from_slice(&b[i + 1..i + 1 + n]);
            info.frac = true;
            i += 1 + n;
        }
    }
    // Exponent: "1.3e6".
    if matches!(b.get(i), Some(b'e') | Some(b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'-') | Some(b'+')));
        let n = digits_at(b, i + 1 + sign);
        let after = i + 1 + sign + n;
        if n > 0 && n <= 3 && !b.get(after).is_some_and(|c| c.is_ascii_alphabetic()) {
            digits.push(b'e');
            digits.extend_from_slice(&b[i + 1..after]);
            i = after;
        }
    }
    info.value = if digits.len() > 400 {
        f64::INFINITY
    } else {
        std::str::from_utf8(&digits)
            .ok()
            .and_then(|s| {
                let s = if s.starts_with('.') {
                    format!("0{s}")
                } else {
                    s.to_owned()
                };
                s.parse::<f64>().ok()
            })
            .unwrap_or(f64::NAN)
    };
    (i, info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str, lang: Option<Lang>) -> (String, f64) {
        let mut v = Vec::new();
        scan(s, lang, &mut v);
        let t = v.iter().find(|t| t.kind == Kind::Num).unwrap();
        (s[t.start..t.end].to_owned(), t.num.value)
    }

    #[test]
    #[allow(clippy::float_cmp)]
    fn groupings() {
        assert_eq!(
            num("880’000 h", Some(Lang::Fr)),
            ("880’000".into(), 880000.0)
        );
        assert_eq!(
            num("3 600 soldats", Some(Lang::Fr)),
            ("3 600".into(), 3600.0)
        );
        assert_eq!(num("1,5 млрд", Some(Lang::Ru)), ("1,5".into(), 1.5));
        assert_eq!(num("$2.3bn", Some(Lang::En)), ("2.3".into(), 2.3));
        assert_eq!(num("1,234,567.89", Some(Lang::En)).1, 1234567.89);
        assert_eq!(num("6.700,54", Some(Lang::Fr)).1, 6700.54);
        assert_eq!(num("100.000", Some(Lang::Fr)).1, 100000.0);
        assert_eq!(num("1\u{202f}234\u{a0}567", Some(Lang::Fr)).1, 1234.0);
        assert_eq!(num("1\u{202f}234\u{202f}567", Some(Lang::Fr)).1, 1234567.0);
    }
}
