//! Document-level consistency: the tagger sees one sentence at a time; these rules make its
//! mentions agree across the document.
//!
//! 0. **No trailing function word**: a mention of several tokens does not end on a short word
//!    in lower case ("Tokaïev a", "Россия и"): such words are dropped from its end (names
//!    end on a capitalised or a longer word: "Organisation mondiale de la santé").
//! 1. **Acronyms defined in the text**: "Organisation du Traité de sécurité collective (OTSC)"
//!    — an upper-case token in parentheses whose letters are the initials of the words just
//!    before it (function words may be skipped) — makes the long form a mention (ORG unless
//!    the tagger gave it a label) and every occurrence of the acronym a mention with that
//!    label.
//! 2. **Parts of person names**: once "Kamil Kassimov" is PER, a later (or earlier) single
//!    token "Kassimov" is PER too, tagged or not; in Russian the case endings are ignored
//!    ("Кассимова", "Кассимовым").
//! 3. **One label per string**: the mentions of one string take the label most of them have
//!    (a tie changes nothing: the context is taken to differ).
//! 4. **Missed repetitions**: a string tagged somewhere is tagged where it occurs again
//!    untagged, when every word of it is capitalised, and, for a single word, when it is not
//!    the first word of a sentence.

use std::collections::HashMap;

use doc::{EntityLabel, LangCode};

use crate::model::Span;

/// Longest acronym, in characters.
const MAX_ACRONYM: usize = 10;
/// Longest long form looked for before an acronym, in tokens.
const MAX_LONG_FORM: usize = 12;
/// Longest mention propagated to its repetitions, in tokens (bounds the work on long runs
/// of capitalised words).
const MAX_REPEATED: usize = 8;

fn is_capitalised(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

fn letters(tok: &str) -> usize {
    tok.chars().filter(|c| c.is_alphabetic()).count()
}

fn is_acronym(tok: &str) -> bool {
    let n = tok.chars().count();
    (2..=MAX_ACRONYM).contains(&n)
        && tok
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && tok.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Whether the upper-case letters of `acronym` are the initials of `words` in order, the
/// first word included; lower-case words may be skipped, capitalised ones may not.
fn initials_match(words: &[&str], acronym: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() || words.is_empty() {
        return false;
    }
    let mut k = 0;
    for (i, w) in words.iter().enumerate() {
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            // A hyphen or an apostrophe token inside the long form.
            continue;
        }
        let initial = first.to_lowercase().next().unwrap_or(first);
        if k < letters.len() && initial == letters[k] {
            k += 1;
        } else if i == 0 || first.is_uppercase() {
            return false;
        }
    }
    k == letters.len()
}

/// Common case endings of Russian nouns and surnames, longest first.
const RU_ENDINGS: [&str; 16] = [
    "ого", "ому", "ыми", "ами", "ой", "ым", "ом", "ою", "ей", "ем", "ую", "а", "у", "е", "ы", "и",
];

/// The form names are compared in: the token itself, or in Russian its stem without a case
/// ending (at least four letters kept).
fn name_key(lang: Option<LangCode>, tok: &str) -> String {
    if lang == Some(LangCode::RU) {
        for e in RU_ENDINGS {
            if let Some(stem) = tok.strip_suffix(e)
                && stem.chars().count() >= 4
            {
                return stem.to_owned();
            }
        }
    }
    tok.to_owned()
}

fn covering(spans: &[Span], k: usize) -> Option<usize> {
    let i = spans.partition_point(|s| s.end <= k);
    (i < spans.len() && spans[i].start <= k).then_some(i)
}

fn free(spans: &[Span], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= start);
    i >= spans.len() || spans[i].start >= end
}

fn insert(spans: &mut Vec<Span>, s: Span) {
    if free(spans, s.start, s.end) {
        let i = spans.partition_point(|x| x.start < s.start);
        spans.insert(i, s);
    }
}

/// Applies the rules to `spans` (over indices of `tokens`, the whole document; sorted and not
/// overlapping, and so they stay). `sentence_starts` are the token indices where sentences
/// begin.
pub fn harmonise(
    lang: Option<LangCode>,
    tokens: &[&str],
    sentence_starts: &[usize],
    spans: &mut Vec<Span>,
) {
    spans.retain(|s| s.start < s.end && s.end <= tokens.len());
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup_by(|b, a| b.start < a.end);
    trim_function_words(tokens, spans);
    generic_heads(tokens, spans);
    organisation_cues(tokens, spans);
    acronyms(tokens, spans);
    person_parts(lang, tokens, spans);
    majority(tokens, spans);
    repetitions(tokens, sentence_starts, spans);
}

/// Longest word, in letters, taken for a function word when it ends a mention in lower case.
const MAX_FUNCTION_WORD: usize = 3;

fn trim_function_words(tokens: &[&str], spans: &mut [Span]) {
    let function_word = |t: &str| {
        let n = t.chars().count();
        n <= MAX_FUNCTION_WORD && n > 0 && t.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
    };
    for s in spans.iter_mut() {
        while s.end - s.start > 1 && function_word(tokens[s.end - 1]) {
            s.end -= 1;
        }
    }
}

/// Acronyms of a kind of organisation, never a name by themselves ("l'ONG Idite Lessom",
/// "the NGO Memorial", "НКО «Мемориал»"), compared in lower case.
const GENERIC_HEADS: [&str; 4] = ["ong", "ngo", "ngos", "нко"];

/// Drops a generic head from the start of a mention ("ONG Idite Lessom" → "Idite Lessom"),
/// and a mention that is nothing else.
fn generic_heads(tokens: &[&str], spans: &mut Vec<Span>) {
    let generic =
        |t: &str| t.chars().count() <= 4 && GENERIC_HEADS.contains(&t.to_lowercase().as_str());
    for s in spans.iter_mut() {
        if generic(tokens[s.start]) {
            s.start += 1;
        }
    }
    spans.retain(|s| s.start < s.end);
}

/// Nouns that make the name after them an organisation's ("la société Gazprom", "l'ONG
/// Idite Lessom", "the group Amnesty International", "компании Газпром"); Russian words are
/// compared without their case ending.
const ORGANISATION_CUES: [&str; 31] = [
    "société",
    "entreprise",
    "groupe",
    "compagnie",
    "firme",
    "géant",
    "ong",
    "association",
    "fondation",
    "constructeur",
    "conglomérat",
    "company",
    "group",
    "firm",
    "giant",
    "ngo",
    "charity",
    "foundation",
    "conglomerate",
    "carmaker",
    "automaker",
    "компания",
    "фирма",
    "концерн",
    "корпорация",
    "холдинг",
    "госкорпорация",
    "нко",
    "ооо",
    "оао",
    "пао",
];

/// Whether `t` is one of the [`ORGANISATION_CUES`].
fn organisation_cue(t: &str) -> bool {
    let lower = t.to_lowercase();
    let stem = gazetteer::ru_stem(&lower);
    ORGANISATION_CUES
        .iter()
        .any(|c| *c == lower || gazetteer::ru_stem(c) == stem)
}

/// A mention announced by an organisation cue, directly or across one or two lower-case
/// words ("le géant gazier russe Gazprom"), is an organisation, and so is every mention of the
/// same string in the document (the cue outweighs the votes of [`majority`]).
fn organisation_cues(tokens: &[&str], spans: &mut [Span]) {
    let adjective = |t: &str| letters(t) >= 4 && t.chars().all(|c| c.is_lowercase() || c == '-');
    let mut named: Vec<String> = Vec::new();
    for s in spans.iter_mut() {
        if s.label == EntityLabel::Org || !is_capitalised(tokens[s.start]) {
            continue;
        }
        let cued = (1..=3).any(|back| {
            s.start >= back
                && organisation_cue(tokens[s.start - back])
                && tokens[s.start - back + 1..s.start]
                    .iter()
                    .all(|t| adjective(t))
        });
        if cued {
            s.label = EntityLabel::Org;
            named.push(surface(tokens, s));
        }
    }
    if named.is_empty() {
        return;
    }
    for s in spans.iter_mut() {
        if named.contains(&surface(tokens, s)) {
            s.label = EntityLabel::Org;
        }
    }
}

fn acronyms(tokens: &[&str], spans: &mut Vec<Span>) {
    let mut defined: Vec<(&str, EntityLabel)> = Vec::new();
    for i in 1..tokens.len().saturating_sub(2) {
        if tokens[i] != "(" || tokens[i + 2] != ")" || !is_acronym(tokens[i + 1]) {
            continue;
        }
        let acr = tokens[i + 1];
        // A mention the tagger found just before the parenthesis, else the shortest run of
        // words before it whose initials give the acronym.
        let tagged = spans.iter().find(|s| s.end == i).copied();
        let (long, label) = match tagged {
            Some(s) if initials_match(&tokens[s.start..s.end], acr) => ((s.start, s.end), s.label),
            _ => {
                let lo = i.saturating_sub(MAX_LONG_FORM);
                match (lo..i)
                    .rev()
                    .find(|&st| initials_match(&tokens[st..i], acr))
                {
                    Some(st) => ((st, i), EntityLabel::Org),
                    None => continue,
                }
            }
        };
        // The long form becomes one mention when nothing else is tagged across it.
        let inside: Vec<usize> = (0..spans.len())
            .filter(|&k| spans[k].start < long.1 && spans[k].end > long.0)
            .collect();
        let contained = inside
            .iter()
            .all(|&k| spans[k].start >= long.0 && spans[k].end <= long.1);
        if contained {
            for &k in inside.iter().rev() {
                spans.remove(k);
            }
            insert(
                spans,
                Span {
                    start: long.0,
                    end: long.1,
                    label,
                },
            );
        }
        defined.push((acr, label));
    }
    // The first definition of an acronym wins.
    let mut seen: Vec<&str> = Vec::new();
    defined.retain(|(a, _)| {
        let new = !seen.contains(a);
        seen.push(a);
        new
    });
    for (acr, label) in defined {
        for (k, tok) in tokens.iter().enumerate() {
            if *tok != acr {
                continue;
            }
            match covering(spans, k) {
                Some(j) if spans[j].start == k && spans[j].end == k + 1 => spans[j].label = label,
                Some(_) => {}
                None => insert(
                    spans,
                    Span {
                        start: k,
                        end: k + 1,
                        label,
                    },
                ),
            }
        }
    }
}

fn person_parts(lang: Option<LangCode>, tokens: &[&str], spans: &mut Vec<Span>) {
    let mut parts: Vec<String> = Vec::new();
    for s in spans
        .iter()
        .filter(|s| s.label == EntityLabel::Per && s.end - s.start >= 2)
    {
        for t in &tokens[s.start..s.end] {
            if is_capitalised(t) && letters(t) >= 3 && !t.ends_with('.') {
                parts.push(name_key(lang, t));
            }
        }
    }
    if parts.is_empty() {
        return;
    }
    parts.sort_unstable();
    parts.dedup();
    for (k, &t) in tokens.iter().enumerate() {
        if !is_capitalised(t) || letters(t) < 3 {
            continue;
        }
        if parts.binary_search(&name_key(lang, t)).is_err() {
            continue;
        }
        match covering(spans, k) {
            Some(j) if spans[j].start == k && spans[j].end == k + 1 => {
                spans[j].label = EntityLabel::Per;
            }
            Some(_) => {}
            None => insert(
                spans,
                Span {
                    start: k,
                    end: k + 1,
                    label: EntityLabel::Per,
                },
            ),
        }
    }
}

fn surface(tokens: &[&str], s: &Span) -> String {
    tokens[s.start..s.end].join(" ")
}

fn majority(tokens: &[&str], spans: &mut [Span]) {
    let mut votes: HashMap<String, [usize; 4]> = HashMap::new();
    for s in spans.iter() {
        votes.entry(surface(tokens, s)).or_default()[label_index(s.label)] += 1;
    }
    for s in spans.iter_mut() {
        let Some(v) = votes.get(&surface(tokens, s)) else {
            continue;
        };
        let best = v.iter().copied().max().unwrap_or(0);
        let winners: Vec<usize> = (0..4).filter(|&i| v[i] == best).collect();
        if let [w] = winners[..] {
            s.label = EntityLabel::ALL[w];
        }
    }
}

fn repetitions(tokens: &[&str], sentence_starts: &[usize], spans: &mut Vec<Span>) {
    let mut known: HashMap<Vec<&str>, EntityLabel> = HashMap::new();
    for s in spans.iter() {
        let words = &tokens[s.start..s.end];
        if words.len() <= MAX_REPEATED
            && words.iter().all(|w| is_capitalised(w))
            && letters(words[0]) >= 2
        {
            known.entry(words.to_vec()).or_insert(s.label);
        }
    }
    if known.is_empty() {
        return;
    }
    let longest = known.keys().map(Vec::len).max().unwrap_or(0);
    let mut k = 0;
    while k < tokens.len() {
        let mut step = 1;
        if is_capitalised(tokens[k]) {
            for n in (1..=longest.min(tokens.len() - k)).rev() {
                let Some(&label) = known.get(&tokens[k..k + n]) else {
                    continue;
                };
                let initial = sentence_starts.binary_search(&k).is_ok();
                if (n > 1 || !initial) && free(spans, k, k + n) {
                    insert(
                        spans,
                        Span {
                            start: k,
                            end: k + n,
                            label,
                        },
                    );
                    step = n;
                }
                break;
            }
        }
        k += step;
    }
}

fn label_index(l: EntityLabel) -> usize {
    EntityLabel::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        let w = [
            "Organisation",
            "du",
            "Traité",
            "de",
            "sécurité",
            "collective",
        ];
        assert!(initials_match(&w, "OTSC"));
        assert!(!initials_match(&w, "OTAN"));
        assert!(!initials_match(&w[1..], "TSC"));
        assert!(initials_match(
            &["Организация", "Объединённых", "Наций"],
            "ООН"
        ));
    }
}
