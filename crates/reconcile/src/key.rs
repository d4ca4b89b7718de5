//! What a fact counts or measures, and the scope it applies to.

use crate::ClaimFact;
use crate::lexicon::{Class, Cue, fold, lexicon, normalise};

/// What a fact is a figure of.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum What {
    /// People who died, qualified by who they were (a concept: a nationality, soldiers,
    /// civilians...; `None`: people).
    Deaths(Option<usize>),
    /// People wounded, qualified likewise.
    Wounded(Option<usize>),
    /// A count of a known concept.
    Concept(usize),
    /// A count of something outside the table: the normalised noun.
    Word(String),
    /// A percentage (or percentage points: the unit) of a concept or a noun.
    Share { unit: String, of: Box<What> },
    /// A measure in a reference unit (`km`, `EUR`).
    Measure(String),
    /// Nothing known about what is counted: the fact stays alone.
    Unknown(usize),
}

/// Where and when a figure applies; `None` where the sentence does not say.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Scope {
    pub(crate) places: Option<Vec<String>>,
    pub(crate) year: Option<i32>,
}

impl Scope {
    pub(crate) fn of(fact: &ClaimFact) -> Scope {
        let mut places: Vec<String> = fact
            .places
            .iter()
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        places.sort();
        places.dedup();
        Scope {
            places: (!places.is_empty()).then_some(places),
            year: fact.when.as_deref().and_then(year),
        }
    }

    /// Whether `self` says at least what `other` says, and the same where both speak.
    pub(crate) fn refines(&self, other: &Scope) -> bool {
        fn ok<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            match (a, b) {
                (_, None) => true,
                (Some(a), Some(b)) => a == b,
                (None, Some(_)) => false,
            }
        }
        ok(&self.places, &other.places) && ok(&self.year, &other.year)
    }
}

/// The year of a TIMEX3 value ("2024-04-23", "2024-W18", "2022/2023" → its start); `None`
/// for unknown years ("XXXX-04-23"), decades ("196X") and references ("PAST_REF").
pub(crate) fn year(value: &str) -> Option<i32> {
    let head = value.get(..4)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &value[4..];
    if rest.is_empty() || rest.starts_with(['-', '/', 'T']) {
        head.parse().ok()
    } else {
        None
    }
}

/// Words that stand between a number and its noun ("40 % de la région", "81 percent of
/// the vote", "25 % от всех").
const BETWEEN: [&str; 30] = [
    "de",
    "d",
    "des",
    "du",
    "la",
    "le",
    "les",
    "l",
    "leur",
    "leurs",
    "ses",
    "sa",
    "son",
    "of",
    "the",
    "a",
    "an",
    "their",
    "its",
    "all",
    "tous",
    "toutes",
    "в",
    "из",
    "от",
    "на",
    "по",
    "всех",
    "всего",
    "всей",
];

/// Lower-cased words of a text with their byte offsets.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || (c == '-' && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, fold(text[s..i].trim_end_matches('-'))));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The sentence's words after the quantity, and the word index where the quantity starts.
struct Context {
    words: Vec<String>,
    /// Index of the first word after the quantity.
    after: usize,
    /// Index of the first word of the quantity.
    at: usize,
}

fn context(fact: &ClaimFact) -> Option<Context> {
    let start = fact.sentence.find(fact.text.as_str())?;
    let end = start + fact.text.len();
    let ws = words(&fact.sentence);
    let at = ws.iter().position(|w| w.0 >= start).unwrap_or(ws.len());
    let after = ws.iter().position(|w| w.0 >= end).unwrap_or(ws.len());
    Some(Context {
        words: ws.into_iter().map(|w| w.1).collect(),
        after,
        at,
    })
}

/// Words that introduce what a percentage is of.
const OF: [&str; 7] = ["de", "d", "du", "des", "of", "от", "из"];

/// The noun after the quantity in its sentence, past articles and prepositions.
fn noun_after(ctx: &Context) -> Option<&str> {
    ctx.words[ctx.after..]
        .iter()
        .take(4)
        .map(String::as_str)
        .find(|w| !BETWEEN.contains(w))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
}

/// What a percentage is of: the noun after "de", "of", "от", "из" or, in Russian, the
/// genitive right after the figure ("40 % территории").
fn share_of(ctx: &Context) -> Option<&str> {
    let first = ctx.words.get(ctx.after)?;
    let cyrillic = first.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    if OF.contains(&first.as_str()) || cyrillic {
        noun_after(ctx)
    } else {
        None
    }
}

/// What `fact` is a figure of. `index` is its position, for [`What::Unknown`].
pub(crate) fn what(fact: &ClaimFact, index: usize) -> What {
    let lex = lexicon();
    let ctx = context(fact);
    let unit = fact
        .si
        .as_ref()
        .map(|s| s.unit.clone())
        .or_else(|| fact.unit.clone())
        .filter(|u| !u.is_empty());
    let is_share = matches!(unit.as_deref(), Some("percent" | "pp" | "permille"));
    if let Some(unit) = unit.filter(|_| !is_share) {
        return What::Measure(unit);
    }
    // The counted lemma, else a noun of the sentence: for a share what follows "de"/"of",
    // for a count a noun of the table right after the figure (any word would make groups
    // of verbs and adverbs).
    let from_sentence = |ctx: &Context| -> Option<String> {
        if is_share {
            share_of(ctx).map(str::to_owned)
        } else {
            noun_after(ctx)
                .filter(|w| lex.concept(w).is_some())
                .map(str::to_owned)
        }
    };
    let noun: Option<String> = fact
        .counted
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .or_else(|| ctx.as_ref().and_then(from_sentence));
    let Some(noun) = noun else {
        return What::Unknown(index);
    };
    let counted = match lex.concept(&noun) {
        Some(c) => What::Concept(c),
        None => What::Word(normalise(&noun)),
    };
    if is_share {
        let unit = match fact.si.as_ref().map(|s| s.unit.as_str()) {
            Some("pp") => "pp",
            _ => "percent",
        };
        return What::Share {
            unit: unit.to_owned(),
            of: Box::new(counted),
        };
    }
    let What::Concept(c) = counted else {
        return counted;
    };
    let class = lex.concepts[c].class;
    match class {
        Class::Death => What::Deaths(qualifier(ctx.as_ref(), None)),
        Class::Wounded => What::Wounded(qualifier(ctx.as_ref(), None)),
        Class::Person | Class::Military | Class::Nationality => {
            let military = matches!(class, Class::Military | Class::Nationality);
            let own = (lex.concepts[c].name != "person").then_some(c);
            match ctx.as_ref().and_then(|x| cue(x, military)) {
                Some(Cue::Death) => What::Deaths(qualifier(ctx.as_ref(), own)),
                Some(Cue::Wounded) => What::Wounded(qualifier(ctx.as_ref(), own)),
                None => What::Concept(c),
            }
        }
        Class::Thing | Class::Scope => What::Concept(c),
    }
}

/// The casualty cue of the sentence nearest to the quantity, if any; military-only cues
/// count when `military`. At equal distance death wins.
fn cue(ctx: &Context, military: bool) -> Option<Cue> {
    let lex = lexicon();
    ctx.words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < ctx.at || *i >= ctx.after)
        .filter_map(|(i, w)| {
            let (cue, only_military) = lex.cue(w)?;
            (military || !only_military)
                .then(|| (i.abs_diff(ctx.at).min(i.abs_diff(ctx.after)), cue))
        })
        .min()
        .map(|(_, cue)| cue)
}

/// Who the casualties were: a nationality named in the four words after the quantity
/// ("55 000 soldats russes", "55,000 Russian soldiers", "55 тысяч российских военных"), else
/// the counted concept itself.
fn qualifier(ctx: Option<&Context>, own: Option<usize>) -> Option<usize> {
    let lex = lexicon();
    if let Some(c) = own
        && lex.concepts[c].class == Class::Nationality
    {
        return Some(c);
    }
    let near = ctx
        .into_iter()
        .flat_map(|x| x.words[x.after..].iter().take(4));
    for w in near {
        if let Some(c) = lex.concept(w)
            && lex.concepts[c].class == Class::Nationality
        {
            return Some(c);
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year("2024-04-23"), Some(2024));
        assert_eq!(year("2024"), Some(2024));
        assert_eq!(year("2024-W18"), Some(2024));
        assert_eq!(year("2022-01/2022-03"), Some(2022));
        assert_eq!(year("XXXX-04-23"), None);
        assert_eq!(year("196X"), None);
        assert_eq!(year("PAST_REF"), None);
        assert_eq!(year("P6M"), None);
    }

    #[test]
    fn words_keep_hyphens_inside() {
        let w: Vec<String> = words("Kassym-Jomart, l'armée - 40 %")
            .into_iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(w, ["kassym-jomart", "l", "armee", "40"]);
    }
}
