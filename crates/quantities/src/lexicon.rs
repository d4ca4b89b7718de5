//! The vocabulary under `data/`, parsed once into lookup tables.

use std::collections::{HashMap, HashSet};

use crate::scan::{self, Kind};

/// The languages with their own vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Lang {
    Fr,
    En,
    Ru,
}

impl Lang {
    fn parse(s: &str) -> Option<Lang> {
        match s {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

/// What a number word does in a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Class {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Ord,
    OrdUnit,
    Denom,
    About,
    AtLeast,
    Half,
    Article,
}

/// A number word's meaning(s): its main class and, for plural scale words ("milliers",
/// "thousands"), the vague reading used when no number precedes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordInfo {
    pub class: Class,
    pub value: f64,
    pub vague: Option<f64>,
}

/// How a unit converts.
#[derive(Clone, Debug)]
pub(crate) struct UnitDef {
    pub code: &'static str,
    pub dimension: &'static str,
    pub factor: f64,
}

/// A token of a phrase written in the data files.
#[derive(Clone, Debug)]
pub(crate) struct PTok {
    pub text: String,
    pub case_sensitive: bool,
}

/// Phrases keyed by their first and last tokens.
#[derive(Debug)]
pub(crate) struct PhraseSet<T> {
    pub by_first: HashMap<String, Vec<(Vec<PTok>, T)>>,
    pub by_last: HashMap<String, Vec<(Vec<PTok>, T)>>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            by_first: HashMap::new(),
            by_last: HashMap::new(),
        }
    }
}

impl<T: Clone> PhraseSet<T> {
    fn add(&mut self, phrase: &str, payload: T, backward: bool) {
        let mut case_sensitive = false;
        let mut phrase = phrase.trim();
        if let Some(rest) = phrase.strip_prefix('=') {
            case_sensitive = true;
            phrase = rest;
        }
        if phrase.is_empty() {
            return;
        }
        let toks: Vec<PTok> = scan::tokenize_plain(phrase)
            .into_iter()
            .map(|t| PTok {
                text: if case_sensitive { t } else { scan::fold(&t) },
                case_sensitive,
            })
            .collect();
        let Some(first) = toks.first() else { return };
        let first_key = scan::fold(&first.text);
        let last_key = toks.last().map(|t| scan::fold(&t.text)).unwrap_or_default();
        let entry = self.by_first.entry(first_key).or_default();
        entry.push((toks.clone(), payload.clone()));
        entry.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        if backward {
            let entry = self.by_last.entry(last_key).or_default();
            entry.push((toks, payload));
            entry.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
    }
}

/// A bound cue's effect.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Cue {
    Bound(doc::Bound),
    RangeFrom,
    Negative,
    /// "or equal (to)" after a strict bound: "more than 5 or equal" is at least 5.
    OrEqual,
}

/// Everything the extractor looks up.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Number words per language (index `Lang as usize`).
    pub words: [HashMap<String, WordInfo>; 3],
    pub ord_stems: HashMap<String, f64>,
    pub units: Vec<UnitDef>,
    /// Unit phrases → index into `units`; `by_last` holds the forms that may precede.
    pub unit_phrases: PhraseSet<usize>,
    pub cues_before: PhraseSet<Cue>,
    pub cues_after: PhraseSet<Cue>,
    pub subunits: HashMap<String, f64>,
    pub ignore: HashSet<String>,
    pub months: HashSet<String>,
    pub streets: HashSet<String>,
    pub stopwords: HashSet<String>,
    /// Russian unit words that mean one of the unit without a number ("час", "сутки").
    pub bare: HashSet<String>,
    /// Words that make a bare degree an angle ("rotate 90 degrees").
    pub angle: HashSet<String>,
    /// Words that make a bare letter C/F/K after digits a temperature ("40C").
    pub heat: HashSet<String>,
    /// Words that make "pounds" a weight ("weighs 10 pounds").
    pub weight_cues: HashSet<String>,
    /// Words that make "pounds" money ("paid 10 pounds").
    pub money_cues: HashSet<String>,
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// "километр{,а,ов}" → километр, километра, километров (one brace group).
fn expand(form: &str) -> Vec<String> {
    match (form.find('{'), form.find('}')) {
        (Some(open), Some(close)) if open < close => {
            let (head, rest) = form.split_at(open);
            let inner = &rest[1..close - open];
            let tail = &rest[close - open + 1..];
            inner
                .split(',')
                .flat_map(|alt| expand(&format!("{head}{alt}{tail}")))
                .collect()
        }
        _ => vec![form.to_owned()],
    }
}

fn bound_of(name: &str) -> Option<Cue> {
    use doc::Bound::*;
    Some(match name {
        "about" => Cue::Bound(About),
        "more_than" => Cue::Bound(MoreThan),
        "less_than" => Cue::Bound(LessThan),
        "at_least" => Cue::Bound(AtLeast),
        "at_most" => Cue::Bound(AtMost),
        "exact" => Cue::Bound(Exact),
        "range_from" => Cue::RangeFrom,
        "negative" => Cue::Negative,
        "or_equal" => Cue::OrEqual,
        _ => return None,
    })
}

impl Lexicon {
    pub(crate) fn load() -> Lexicon {
        let mut words: [HashMap<String, WordInfo>; 3] = Default::default();
        let mut ord_stems = HashMap::new();
        for line in lines(include_str!("../data/numbers.txt")) {
            let mut f = line.split('\t');
            let (Some(lang), Some(value), Some(class), Some(forms)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let (Some(lang), Ok(value)) = (Lang::parse(lang), value.parse::<f64>()) else {
                continue;
            };
            let class = match class {
                "unit" => Class::Unit,
                "teen" => Class::Teen,
                "tens" => Class::Tens,
                "hundred" => Class::Hundred,
                "scale" => Class::Scale,
                "ord" => Class::Ord,
                "ordunit" => Class::OrdUnit,
                "denom" => Class::Denom,
                "about" => Class::About,
                "atleast" => Class::AtLeast,
                "half" => Class::Half,
                "article" => Class::Article,
                "ordstem" => {
                    for form in forms.split(' ') {
                        ord_stems.insert(scan::fold(form), value);
                    }
                    continue;
                }
                _ => continue,
            };
            for form in forms.split(' ').filter(|s| !s.is_empty()) {
                let key = scan::fold(form);
                let words = &mut words[lang as usize];
                match words.get_mut(&key) {
                    // A plural scale word is also a vague amount ("milliers", "thousands").
                    Some(existing) if class == Class::AtLeast => existing.vague = Some(value),
                    Some(existing) if existing.class == Class::AtLeast => {
                        let vague = existing.value;
                        *existing = WordInfo {
                            class,
                            value,
                            vague: Some(vague),
                        };
                    }
                    Some(_) => {}
                    None => {
                        words.insert(
                            key,
                            WordInfo {
                                class,
                                value,
                                vague: (class == Class::AtLeast).then_some(value),
                            },
                        );
                    }
                }
            }
        }

        let mut units = Vec::new();
        let mut unit_phrases = PhraseSet::default();
        for line in lines(include_str!("../data/units.txt")) {
            let mut f = line.split('\t');
            let (Some(code), Some(dimension), Some(factor), Some(forms)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let Ok(factor) = factor.parse::<f64>() else {
                continue;
            };
            let index = units.len();
            units.push(UnitDef {
                code,
                dimension,
                factor,
            });
            for form in forms.split('|') {
                let (form, before) = match form.strip_prefix('^') {
                    Some(rest) => (rest, true),
                    None => (form, false),
                };
                for form in expand(form) {
                    if !unit_phrases
                        .by_first
                        .get(&first_key(&form))
                        .is_some_and(|v| v.iter().any(|(p, _)| same(p, &form)))
                    {
                        unit_phrases.add(&form, index, before);
                    }
                }
            }
        }

        let mut cues_before = PhraseSet::default();
        let mut cues_after = PhraseSet::default();
        for line in lines(include_str!("../data/cues.txt")) {
            let mut f = line.split('\t');
            let (Some(bound), Some(place), Some(forms)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let Some(cue) = bound_of(bound) else { continue };
            for form in forms.split('|') {
                if place == "before" {
                    cues_before.add(form, cue, true);
                } else {
                    cues_after.add(form, cue, false);
                }
            }
        }

        let subunits = lines(include_str!("../data/subunits.txt"))
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                Some((scan::fold(w), v.parse().ok()?))
            })
            .collect();
        let set = |data: &'static str| -> HashSet<String> {
            lines(data)
                .flat_map(|l| l.split_whitespace())
                .map(scan::fold)
                .collect()
        };
        let pounds = |which: &str| -> HashSet<String> {
            lines(include_str!("../data/pounds.txt"))
                .filter_map(|l| l.split_once('\t'))
                .filter(|(k, _)| *k == which)
                .flat_map(|(_, v)| v.split_whitespace())
                .map(scan::fold)
                .collect()
        };
        Lexicon {
            words,
            ord_stems,
            units,
            unit_phrases,
            cues_before,
            cues_after,
            subunits,
            ignore: set(include_str!("../data/ignore.txt")),
            months: set(include_str!("../data/months.txt")),
            streets: set(include_str!("../data/streets.txt")),
            stopwords: set(include_str!("../data/stopwords.txt")),
            bare: set(include_str!("../data/bare.txt")),
            angle: set(include_str!("../data/angle.txt")),
            heat: set(include_str!("../data/heat.txt")),
            weight_cues: pounds("weight"),
            money_cues: pounds("money"),
        }
    }

    /// The number word `w` (folded) in `lang`, or in the Latin-script languages when the
    /// language is unknown.
    pub(crate) fn word(&self, lang: Option<Lang>, w: &str) -> Option<WordInfo> {
        let look = |l: Lang| {
            self.words[l as usize]
                .get(w)
                .copied()
                .or_else(|| self.latin_ordinal(l, w))
        };
        match lang {
            Some(Lang::Ru) => look(Lang::Ru).or_else(|| self.ru_ordinal(w)),
            Some(l) => look(l),
            None => look(Lang::En)
                .or_else(|| look(Lang::Fr))
                .or_else(|| look(Lang::Ru))
                .or_else(|| self.ru_ordinal(w)),
        }
    }

    /// French and English ordinals not listed as such: plurals used as fraction
    /// denominators ("fifths", "cinquièmes"; never "seconds"/"secondes", which are
    /// durations) and English tens glued to a unit ordinal ("twentyfifth").
    fn latin_ordinal(&self, lang: Lang, w: &str) -> Option<WordInfo> {
        if lang == Lang::Ru || w.len() < 5 {
            return None;
        }
        let ord = |k: &str| {
            self.words[lang as usize]
                .get(k)
                .copied()
                .filter(|i| matches!(i.class, Class::Ord | Class::OrdUnit))
        };
        const ORD_ENDS: [&str; 7] = ["th", "st", "nd", "rd", "ieme", "ième", "ier"];
        if let Some(stem) = w.strip_suffix('s')
            && ORD_ENDS.iter().any(|e| stem.ends_with(e))
            && let Some(info) = ord(stem)
            && info.value != 2.0
        {
            return Some(info);
        }
        const TENS: [&str; 9] = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "fourty",
        ];
        if lang == Lang::En
            && let Some(head) = TENS.iter().find(|t| w.starts_with(**t))
        {
            let rest = &w[head.len()..];
            {
                if let Some(t) = self.words[lang as usize].get(*head)
                    && t.class == Class::Tens
                    && let Some(o) = ord(rest).or_else(|| rest.strip_suffix('s').and_then(ord))
                    && o.value < 10.0
                {
                    return Some(WordInfo {
                        class: Class::Ord,
                        value: t.value + o.value,
                        vague: None,
                    });
                }
            }
        }
        None
    }

    /// A Russian ordinal: a stem with an adjective ending ("двадцат|ого").
    fn ru_ordinal(&self, w: &str) -> Option<WordInfo> {
        const ENDINGS: [&str; 26] = [
            "ыми", "ими", "ого", "его", "ому", "ему", "ый", "ий", "ой", "ая", "яя", "ое", "ее",
            "ые", "ие", "ым", "им", "ом", "ем", "ую", "юю", "ых", "их", "ья", "ье", "ьи",
        ];
        for e in ENDINGS {
            if let Some(stem) = w.strip_suffix(e) {
                let stem = stem.strip_suffix('ь').unwrap_or(stem);
                if let Some(&value) = self.ord_stems.get(stem) {
                    return Some(WordInfo {
                        class: Class::Ord,
                        value,
                        vague: None,
                    });
                }
            }
        }
        // "третий", "третьего": the stem "трет" with "ий", "ьего", ...
        for e in ["ьего", "ьему", "ьим", "ьей", "ью", "ий"] {
            if let Some(stem) = w.strip_suffix(e)
                && let Some(&value) = self.ord_stems.get(stem)
            {
                return Some(WordInfo {
                    class: Class::Ord,
                    value,
                    vague: None,
                });
            }
        }
        None
    }
}

fn first_key(form: &str) -> String {
    let form = form.strip_prefix('=').unwrap_or(form);
    scan::tokenize_plain(form)
        .first()
        .map(|t| scan::fold(t))
        .unwrap_or_default()
}

fn same(p: &[PTok], form: &str) -> bool {
    let cs = form.starts_with('=');
    let form = form.strip_prefix('=').unwrap_or(form);
    let toks = scan::tokenize_plain(form);
    p.len() == toks.len()
        && p.iter().zip(&toks).all(|(a, b)| {
            a.case_sensitive == cs && a.text == if cs { b.clone() } else { scan::fold(b) }
        })
}

/// Whether a phrase token's kind is a word (for gap rules).
#[allow(dead_code)]
pub(crate) fn is_word(k: Kind) -> bool {
    k == Kind::Word
}
