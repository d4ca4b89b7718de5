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
    // A French or Russian text that writes "9,563,830" groups by commas: there "174,754" is
    // grouped too.
    let comma_groups = matches!(lang, Some(Lang::Fr) | Some(Lang::Ru))
        && text.match_indices(',').any(|(k, _)| {
            k > 0
                && b[k - 1].is_ascii_digit()
                && digits_at(b, k + 1) == 3
                && b.get(k + 4) == Some(&b',')
                && digits_at(b, k + 5) == 3
        });
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit()
            || ((c == b'.' || c == b',')
                && digits_at(b, i + 1) > 0
                && !out
                    .last()
                    .is_some_and(|t: &Tok| t.end == i && t.kind != Kind::Sym))
        {
            let (end, num) = number(b, i, lang, comma_groups);
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
        if let Some((v, len)) = vulgar(&b[i..]) {
            out.push(Tok {
                start: i,
                end: i + len,
                kind: Kind::Num,
                gap,
                num: NumInfo {
                    value: v,
                    int_digits: 1,
                    frac: true,
                    ..NumInfo::default()
                },
            });
            gap = 0;
            i += len;
            continue;
        }
        if ch.is_whitespace() {
            // A single line break before a lower-case word, not after a sentence's end, is a
            // wrapped line ("pendant deux\nheures"): a space.
            let soft = ch == '\n'
                && !out
                    .last()
                    .is_some_and(|t| t.kind == Kind::Sym && b".!?:;".contains(&b[t.start]))
                && text[i + 1..]
                    .chars()
                    .find(|c| !matches!(c, ' ' | '\t' | '\r'))
                    .is_some_and(|c| c.is_lowercase());
            gap = if (ch == '\n' && !soft) || gap == 2 {
                2
            } else {
                1
            };
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
fn number(b: &[u8], start: usize, lang: Option<Lang>, comma_groups: bool) -> (usize, NumInfo) {
    let mut digits: Vec<u8> = Vec::new();
    let mut i = start;
    let mut info = NumInfo::default();
    let first = digits_at(b, i);
    digits.extend_from_slice(&b[i..i + first]);
    i += first;
    info.lead_zero = first > 1 && b[start] == b'0';
    // "$10,000" in any language: after a currency sign a comma before three digits groups.
    let sign_before = {
        let head = &b[..start];
        let head = head.strip_suffix(b" ").unwrap_or(head);
        ["$", "£", "€", "¥", "₽", "₴", "₸"]
            .iter()
            .any(|c| head.ends_with(c.as_bytes()))
    };
    // Indian grouping in English: "12,34,567" (pairs, then a group of three).
    if lang != Some(Lang::Fr) && lang != Some(Lang::Ru) && (1..=2).contains(&first) {
        let mut k = i;
        let mut pairs = 0;
        while b.get(k) == Some(&b',') && digits_at(b, k + 1) == 2 {
            k += 3;
            pairs += 1;
        }
        if pairs > 0 && b.get(k) == Some(&b',') && digits_at(b, k + 1) == 3 {
            for p in 0..pairs {
                let at = i + 3 * p + 1;
                digits.extend_from_slice(&b[at..at + 2]);
            }
            digits.extend_from_slice(&b[k + 1..k + 4]);
            i = k + 4;
            info.grouped = true;
        }
    }
    // Grouping.
    if (1..=3).contains(&first) && !info.lead_zero && !info.grouped {
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
                // "1.111,11" in English, "1,111.11" in French: the other mark right after
                // the group makes this one a grouping.
                let other = if kind == b'.' { b',' } else { b'.' };
                let then_other =
                    b.get(after) == Some(&other) && (1..=2).contains(&digits_at(b, after + 1));
                if kind == decimal_mark
                    && !more_same
                    && sep.is_none()
                    && !then_other
                    && !(kind == b',' && (sign_before || comma_groups))
                {
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
    // A power: "1.1^23", "2.5^-1", "1.3x10^6", "6.23×10^-4" (only with the caret).
    let mut power: Option<(f64, i32)> = None;
    {
        let mut k = i;
        let mut base10 = false;
        if matches!(b.get(k), Some(b'x') | Some(b'X') | Some(b'*'))
            || b[k..].starts_with("×".as_bytes())
        {
            let w = if b[k] == b'x' || b[k] == b'X' || b[k] == b'*' {
                1
            } else {
                2
            };
            if b.get(k + w..k + w + 3) == Some(b"10^".as_slice()) {
                k += w + 2;
                base10 = true;
            }
        }
        if b.get(k) == Some(&b'^') {
            let mut j = k + 1;
            let mut minus = 0;
            while matches!(b.get(j), Some(b'-') | Some(b'+')) && j - k <= 2 {
                minus += usize::from(b[j] == b'-');
                j += 1;
            }
            let n = digits_at(b, j);
            if n > 0 && n <= 3 {
                let e: i32 = std::str::from_utf8(&b[j..j + n])
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                let e = if minus % 2 == 1 { -e } else { e };
                power = Some((if base10 { 10.0 } else { 0.0 }, e));
                i = j + n;
            }
        }
    }
    // A vulgar fraction glued to the digits: "2½".
    let glyph = vulgar(&b[i..]);
    if let Some((_, len)) = glyph
        && !info.frac
    {
        i += len;
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
    if let Some((v, _)) = glyph
        && !info.frac
    {
        info.value += v;
        info.frac = true;
    }
    match power {
        Some((10.0, e)) => info.value *= 10f64.powi(e),
        Some((_, e)) => {
            info.value = info.value.powi(e);
            info.frac = true;
        }
        None => {}
    }
    (i, info)
}

/// A vulgar fraction character at the start of `b` ("½", "¾", "⅔"): its value and length.
pub(crate) fn vulgar(b: &[u8]) -> Option<(f64, usize)> {
    match b {
        [0xC2, 0xBC, ..] => Some((0.25, 2)),
        [0xC2, 0xBD, ..] => Some((0.5, 2)),
        [0xC2, 0xBE, ..] => Some((0.75, 2)),
        // U+2153 "⅓" .. U+215E "⅞".
        [0xE2, 0x85, y @ 0x93..=0x9E, ..] => {
            const V: [f64; 12] = [
                1.0 / 3.0,
                2.0 / 3.0,
                0.2,
                0.4,
                0.6,
                0.8,
                1.0 / 6.0,
                5.0 / 6.0,
                0.125,
                0.375,
                0.625,
                0.875,
            ];
            Some((V[usize::from(y - 0x93)], 3))
        }
        _ => None,
    }
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
        // A text grouping by commas ("9,563,830") groups "174,754" too.
        assert_eq!(num("174,754 hl, 9,563,830 fr.", Some(Lang::Fr)).1, 174754.0);
        assert_eq!(num("174,754 hl", Some(Lang::Fr)).1, 174.754);
    }

    /// A single line break before a lower-case word is a space; before a capital or after a
    /// sentence's end, a break.
    #[test]
    fn wrapped_lines() {
        let gap = |s: &str, lang| {
            let mut v = Vec::new();
            scan(s, lang, &mut v);
            v.last().map(|t| t.gap)
        };
        assert_eq!(gap("pendant deux\nheures", Some(Lang::Fr)), Some(1));
        assert_eq!(gap("for two\nhours", Some(Lang::En)), Some(1));
        assert_eq!(gap("два\nчаса", Some(Lang::Ru)), Some(1));
        assert_eq!(gap("deux.\nheures", Some(Lang::Fr)), Some(2));
        assert_eq!(gap("two\nHours", Some(Lang::En)), Some(2));
        assert_eq!(gap("два\n\nчаса", Some(Lang::Ru)), Some(2));
    }
}
