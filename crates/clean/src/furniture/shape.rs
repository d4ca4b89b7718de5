//! What a line looks like: sentence, headline, date stamp, breadcrumb, tag list.

/// Ends with terminal punctuation, possibly followed by closing quotes.
pub(super) fn ends_as_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['»', '”', '"', '’', ')', ' ', '\u{a0}', '\u{202f}'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// A line that reads as prose: enough words, mostly lower-case, ending like a sentence.
pub(super) fn reads_as_sentence(line: &str, n_words: usize) -> bool {
    n_words >= 8 && ends_as_sentence(line) && capitalised_share(line) < 0.5
}

/// A headline: a short line that does not end like a sentence.
pub(super) fn looks_like_headline(line: &str, n_words: usize) -> bool {
    (2..=24).contains(&n_words) && !line.trim_end().ends_with(['.', '!', ':'])
}

pub(super) fn capitalised_share(line: &str) -> f64 {
    let (mut words, mut caps) = (0usize, 0usize);
    for first in line.split_whitespace().filter_map(|w| w.chars().next()) {
        if first.is_alphabetic() {
            words += 1;
            caps += usize::from(first.is_uppercase());
        }
    }
    if words == 0 {
        0.0
    } else {
        caps as f64 / words as f64
    }
}

pub(super) const SPONSOR_WORDS: &[&str] = &[
    "sponsor",
    "partenaire",
    "partner",
    "партн",
    "promoted",
    "на правах рекламы",
    "brand",
];

pub(super) const COMMENT_WORDS: &[&str] = &["comment", "réaction", "reaction", "коммент", "отзыв"];

pub(super) const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// A short line that is a date stamp: a year or a numeric date, with a month name or a
/// clock time, and no sentence around it ("28 ноября 2024, 20:47", "Monday 14 October 2024 ·
/// 6 min read", "01.10.2022, 09:15").
pub(super) fn is_date_line(line: &str, folded: &str, n_words: usize) -> bool {
    if n_words > 14 || ends_as_sentence(line) && n_words > 6 {
        return false;
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year = words.iter().any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    });
    let month = words.iter().any(|w| MONTHS.contains(w));
    let clock = folded.as_bytes().windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && matches!(w[2], b':' | b'h')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    let numeric_date = folded.as_bytes().windows(10).any(|w| {
        w[..2].iter().all(u8::is_ascii_digit)
            && matches!(w[2], b'.' | b'/' | b'-')
            && w[3..5].iter().all(u8::is_ascii_digit)
            && w[5] == w[2]
            && w[6..10].iter().all(u8::is_ascii_digit)
    });
    // Most words are dates, numbers and a handful of stamp words, not a sentence.
    let numeric = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let dense = numeric * 3 >= words.len();
    (numeric_date || year && (month || clock) || month && clock) && dense
}

/// Share of the words of `line` found in `title` (both folded).
pub(super) fn word_overlap(line: &str, title: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_owned)
            .collect()
    };
    let line_words = words(line);
    let title_words = words(title);
    if line_words.len() < 4 {
        return 0.0;
    }
    let shared = line_words
        .iter()
        .filter(|w| title_words.contains(w))
        .count();
    shared as f64 / line_words.len() as f64
}

/// "Accueil › Sport › Football", "Home / World / Europe", "Главная → Новости": short
/// segments joined by path separators.
pub(super) fn is_breadcrumb(line: &str, n_words: usize) -> bool {
    if n_words > 10 || ends_as_sentence(line) {
        return false;
    }
    let separators = [" > ", " › ", " → ", " / ", " » ", " >> ", " ⟩ ", " — > "];
    let Some(sep) = separators.iter().find(|s| line.contains(*s)) else {
        return false;
    };
    let segments: Vec<&str> = line.split(sep).map(str::trim).collect();
    segments.len() >= 2
        && segments.iter().all(|seg| {
            let words = seg.split_whitespace().count();
            (1..=4).contains(&words)
                && seg
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// "#театр #премьера", "Festival d'Avignon · Théâtre · Spectacle vivant": a list of short
/// labels with no sentence.
pub(super) fn is_tag_list(line: &str, n_words: usize) -> bool {
    if n_words > 16 || ends_as_sentence(line) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() >= 2 && words.iter().all(|w| w.starts_with('#')) {
        return true;
    }
    let segments: Vec<&str> = line
        .split(['·', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    segments.len() >= 3
        && segments.iter().all(|seg| {
            let n = seg.split_whitespace().count();
            (1..=4).contains(&n)
                && seg.chars().next().is_some_and(char::is_uppercase)
                && !seg.chars().any(|c| c.is_ascii_digit())
        })
}
