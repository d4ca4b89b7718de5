//! Bylines, agencies, photo credits and captions.

use aho_corasick::AhoCorasick;

use super::LONG_LINE_WORDS;
use super::fold;
use super::shape::ends_as_sentence;

pub(super) const BYLINE_PREFIXES: &[&str] = &[
    "story by ",
    "words by ",
    "photos by ",
    "par ",
    "by ",
    "автор:",
    "автор -",
    "авторы:",
    "текст:",
    "texte :",
    "texte:",
    "propos recueillis par ",
    "reporting by ",
    "written by ",
    "edited by ",
    "correspondant ",
];
pub(super) const NAME_JOINERS: &[&str] = &[
    "avec", "et", "and", "with", "и", "à", "in", "en", "de", "du", "des", "von", "van", "le", "la",
];

/// Words that name a newsroom rather than a person ("Par la rédaction").
pub(super) const DESKS: &[&str] = &[
    "rédaction",
    "redaction",
    "staff",
    "newsroom",
    "editors",
    "редакция",
    "редакции",
    "correspondant",
    "correspondent",
];

/// After the byline prefix, up to the first comma, bar or bullet (a role or desk may follow:
/// "By Helen Marsh | Central Asia correspondent"): capitalised names, desks, agencies and
/// joiners only.
pub(super) fn names_after_prefix(line: &str) -> bool {
    let rest = strip_byline_prefix(line);
    let first = rest
        .split([',', '|', '·', '(', '—', '–'])
        .next()
        .unwrap_or(rest);
    let words: Vec<&str> = first
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| DESKS.contains(&w.to_lowercase().as_str()))
    {
        return words.len() <= 6;
    }
    !words.is_empty()
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            NAME_JOINERS.contains(&lower.as_str())
                || w.chars().next().is_some_and(char::is_uppercase)
                || w.chars().all(|c| !c.is_alphabetic())
        })
}

pub(super) fn strip_byline_prefix(line: &str) -> &str {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    for prefix in BYLINE_PREFIXES {
        if lower.starts_with(prefix) && lower.len() == trimmed.len() {
            return trimmed[prefix.len()..].trim();
        }
        if lower.starts_with(prefix) {
            // Lower-casing changed byte lengths: skip the prefix by characters.
            let n = prefix.chars().count();
            let start = trimmed
                .char_indices()
                .nth(n)
                .map_or(trimmed.len(), |(i, _)| i);
            return trimmed[start..].trim();
        }
    }
    trimmed
}

/// The people named in a byline, without agencies and roles.
pub(super) fn authors(line: &str) -> Vec<String> {
    let rest = strip_byline_prefix(line);
    // Cut at the role or desk after a bar or a bullet: "Helen Marsh | Central Asia correspondent".
    let rest = rest.split(['|', '·', '(']).next().unwrap_or(rest);
    let mut out = Vec::new();
    for part in rest.split([',', '/']).flat_map(split_joiners) {
        let name = part.trim();
        let words = name.split_whitespace().count();
        // Roles and credits after a comma are lower-case ("envoyé spécial", "фото: …").
        let capitalised = name.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        });
        if words == 0 || is_agency(name) || !capitalised {
            continue;
        }
        // A person has a first name and a surname; single words are desks or places.
        if words >= 2 {
            out.push(name.to_owned());
        }
    }
    out
}

pub(super) fn split_joiners(part: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in part.split_whitespace() {
        // "Sam Whitcombe in Kostanay": the place ends the name.
        if matches!(word, "in" | "à" | "в" | "from" | "de")
            && !out.last().is_some_and(String::is_empty)
        {
            break;
        }
        if matches!(
            word.to_lowercase().as_str(),
            "avec" | "et" | "and" | "with" | "и"
        ) {
            out.push(String::new());
        } else {
            let last = out.last_mut().expect("never empty");
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

pub(super) const AGENCIES: &[&str] = &[
    "afp",
    "ap",
    "reuters",
    "epa",
    "getty",
    "getty images",
    "dpa",
    "ansa",
    "efe",
    "tass",
    "тасс",
    "риа новости",
    "интерфакс",
    "ria novosti",
    "interfax",
    "xinhua",
    "sipa",
    "maxppp",
    "hans lucas",
    "belga",
    "bloomberg",
    "associated press",
    "agence france-presse",
    "afp photo",
    "shutterstock",
    "istock",
    "abaca",
    "anadolu",
    "sputnik",
    "ритм eurasia",
    "kazinform",
    "казинформ",
];

pub(super) fn is_agency(name: &str) -> bool {
    AGENCIES.contains(&fold(name).as_str())
}

/// "REUTERS/Stringer", "AFP", "Getty Images", "AP Photo/Jane Roe".
pub(super) fn is_agency_credit(line: &str) -> bool {
    let trimmed = line.trim().trim_start_matches('©').trim();
    let head = trimmed.split(['/', '|']).next().unwrap_or("").trim();
    let head_folded = fold(head);
    // "AP Photo", "REUTERS Photo": an agency followed by the word photo.
    let without_photo = head
        .rsplit_once(char::is_whitespace)
        .filter(|(_, last)| fold(last) == "photo")
        .map(|(agency, _)| agency);
    is_agency(head) || head_folded.ends_with("photo") && without_photo.is_some_and(is_agency)
}

/// Words that introduce a photo credit inside a caption, matched ignoring ASCII case.
pub(super) static CREDIT_MARKERS: std::sync::LazyLock<AhoCorasick> =
    std::sync::LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "(photo",
                "photo :",
                "photo:",
                "photograph:",
                "photograph :",
                "(фото",
                "фото:",
                "фото -",
                "(Фото",
                "Фото:",
                "Фото -",
                "ФОТО:",
                "(credit",
                "(crédit",
                "getty images",
            ])
            .expect("credit markers compile")
    });

/// The byte offset where a trailing credit starts in a caption ("… 2022. © Aïdos K. / AFP",
/// "… (Photo: AFP)", "… REUTERS/Stringer"), if the line has one.
pub(super) fn has_trailing_credit(line: &str) -> Option<usize> {
    let trimmed = line.trim();
    let n_words = trimmed.split_whitespace().count();
    if !(4..=LONG_LINE_WORDS).contains(&n_words) {
        return None;
    }
    if let Some(at) = trimmed.rfind('©') {
        let credit_words = trimmed[at..].split_whitespace().count();
        if at > 0 && credit_words <= 8 {
            return Some(at);
        }
    }
    if let Some(at) = CREDIT_MARKERS.find_iter(trimmed).map(|m| m.start()).last()
        && at > 0
        && trimmed[at..].split_whitespace().count() <= 8
    {
        return Some(at);
    }
    // "… September 27, 2022. REUTERS/Stringer", "… au stade Ernest-Wallon. Icon Sport": after
    // the last sentence, a few capitalised words with no punctuation of their own.
    let last_sentence_end = trimmed.rfind(". ")?;
    let tail = &trimmed[last_sentence_end + 2..];
    let tail_words: Vec<&str> = tail.split_whitespace().collect();
    if tail_words.is_empty() || tail_words.len() > 5 {
        return None;
    }
    let credit_like = tail_words.len() >= 2
        && tail_words.len() <= 4
        && !ends_as_sentence(tail)
        && tail_words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '/')
        });
    (n_words - tail_words.len() >= 6 && (credit_like || is_agency_credit(tail)))
        .then_some(last_sentence_end + 2)
}

/// A person's name, possibly followed by a role or an agency: the part before a comma,
/// parenthesis or " in " is two to four capitalised words.
pub(super) fn is_name_line(line: &str) -> bool {
    let head = line
        .trim()
        .split([',', '(', '|', '·', '—', '–'])
        .next()
        .unwrap_or("");
    let head = head
        .split(" in ")
        .next()
        .unwrap_or(head)
        .split(" à ")
        .next()
        .unwrap_or(head);
    let words: Vec<&str> = head.split_whitespace().collect();
    // A byline ends on a name, a role or an agency, not on a lower-case word of running text.
    let ends_lower = line
        .split_whitespace()
        .last()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_lowercase);
    !ends_lower
        && (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’' | '.'))
        })
        && !words.iter().any(|w| is_agency(w))
}
