//! The tables (`data/*.tsv`) and the folding that makes words comparable.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Languages of the display names, in the order that breaks ties.
pub(crate) const LANGS: [&str; 3] = ["fr", "en", "ru"];

/// What kind of thing a concept is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Class {
    Person,
    Military,
    Nationality,
    Death,
    Wounded,
    Thing,
    Scope,
}

/// A line of `data/counted.tsv`.
#[derive(Debug)]
pub(crate) struct Concept {
    pub(crate) name: String,
    pub(crate) class: Class,
    /// Display names in fr, en, ru.
    pub(crate) display: [String; 3],
}

/// Casualty cues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Cue {
    Death,
    Wounded,
}

#[derive(Debug)]
struct CueForm {
    cue: Cue,
    /// Applies to soldiers and nationalities only.
    military: bool,
    form: String,
    prefix: bool,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) concepts: Vec<Concept>,
    by_form: HashMap<String, usize>,
    cues: Vec<CueForm>,
    /// si unit → display names (fr, en, ru); `*` for the rest.
    dimensions: HashMap<String, [String; 3]>,
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut concepts = Vec::new();
        let mut by_form = HashMap::new();
        for cols in rows(include_str!("../data/counted.tsv")) {
            assert_eq!(cols.len(), 5, "counted.tsv: {cols:?}");
            let class = match cols[1] {
                "person" => Class::Person,
                "military" => Class::Military,
                "nationality" => Class::Nationality,
                "death" => Class::Death,
                "wounded" => Class::Wounded,
                "thing" => Class::Thing,
                "scope" => Class::Scope,
                other => panic!("counted.tsv: class {other}"),
            };
            let index = concepts.len();
            let mut display: [String; 3] = Default::default();
            for (k, forms) in cols[2..5].iter().enumerate() {
                for (n, form) in forms.split(',').map(str::trim).enumerate() {
                    if n == 0 {
                        display[k] = form.to_owned();
                    }
                    // The first concept listing a form keeps it.
                    by_form.entry(normalise(form)).or_insert(index);
                }
            }
            concepts.push(Concept {
                name: cols[0].to_owned(),
                class,
                display,
            });
        }
        let mut cues = Vec::new();
        for cols in rows(include_str!("../data/cues.tsv")) {
            assert_eq!(cols.len(), 4, "cues.tsv: {cols:?}");
            let cue = match cols[0] {
                "death" => Cue::Death,
                "wounded" => Cue::Wounded,
                other => panic!("cues.tsv: kind {other}"),
            };
            for form in cols[3].split(',').map(str::trim) {
                let prefix = form.ends_with('*');
                cues.push(CueForm {
                    cue,
                    military: cols[1] == "military",
                    form: fold(form.trim_end_matches('*')),
                    prefix,
                });
            }
        }
        let mut dimensions = HashMap::new();
        for cols in rows(include_str!("../data/dimensions.tsv")) {
            assert_eq!(cols.len(), 4, "dimensions.tsv: {cols:?}");
            dimensions.insert(
                cols[0].to_owned(),
                [cols[1].to_owned(), cols[2].to_owned(), cols[3].to_owned()],
            );
        }
        Lexicon {
            concepts,
            by_form,
            cues,
            dimensions,
        }
    }

    /// The concept a (counted) word names.
    pub(crate) fn concept(&self, word: &str) -> Option<usize> {
        let n = normalise(word);
        self.by_form.get(&n).copied().or_else(|| {
            // "-ies" is English "-y" or French "-ie" + "s" ("réfugiés").
            let folded = fold(word.trim());
            let stem = folded.strip_suffix("ies")?;
            self.by_form.get(&format!("{stem}ie")).copied()
        })
    }

    /// The cue a folded word is, if any: `(cue, military only)`.
    pub(crate) fn cue(&self, folded: &str) -> Option<(Cue, bool)> {
        self.cues
            .iter()
            .find(|c| {
                if c.prefix {
                    folded.starts_with(&c.form)
                } else {
                    folded == c.form
                }
            })
            .map(|c| (c.cue, c.military))
    }

    /// The name of a measure's dimension in a language (index into [`LANGS`]).
    pub(crate) fn dimension(&self, si: &str, lang: usize) -> String {
        self.dimensions
            .get(si)
            .or_else(|| self.dimensions.get("*"))
            .map_or_else(|| si.to_owned(), |d| d[lang].clone())
    }
}

/// Lower case, Latin accents removed, `ё` → `е`, `œ` → `oe`.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' => out.push('i'),
            'ô' | 'ö' | 'ó' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ç' => out.push('c'),
            'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ё' => out.push('е'),
            '’' | 'ʼ' => out.push('\''),
            c => out.push(c),
        }
    }
    out
}

/// Russian case and number endings, longest first.
const RU_ENDINGS: [&str; 38] = [
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ов", "ев", "ей", "ой",
    "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ам", "ям", "ах", "ях", "ом", "ем", "ью", "ы",
    "и", "а", "я", "у", "ю", "е", "о", "ь",
];

/// A form to compare counted nouns across texts and inflections: folded, then singular
/// (French and English plurals) or stripped of one case ending (Russian, keeping three
/// letters). Several words are normalised one by one.
pub(crate) fn normalise(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| singular(&fold(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn singular(w: &str) -> String {
    let n = w.chars().count();
    if w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        for e in RU_ENDINGS {
            if let Some(stem) = w.strip_suffix(e)
                && stem.chars().count() >= 3
            {
                return stem.to_owned();
            }
        }
        return w.to_owned();
    }
    if n <= 3 {
        return w.to_owned();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix("eaux") {
        return format!("{stem}eau");
    }
    if let Some(stem) = w.strip_suffix("aux") {
        return format!("{stem}al");
    }
    if let Some(stem) = w.strip_suffix('x')
        && (stem.ends_with("eu") || stem.ends_with("ou"))
    {
        return stem.to_owned();
    }
    if let Some(stem) = w.strip_suffix('s')
        && !stem.ends_with('s')
        && !stem.ends_with('u')
    {
        return stem.to_owned();
    }
    w.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_meet() {
        let lex = lexicon();
        let same = |a: &str, b: &str| {
            let (x, y) = (lex.concept(a), lex.concept(b));
            assert!(x.is_some() && x == y, "{a} {x:?} vs {b} {y:?}");
        };
        same("soldats", "soldiers");
        same("солдатов", "soldat");
        same("военнослужащих", "troops");
        same("Russes", "россиян");
        same("russian", "россиянин");
        same("réfugiés", "беженцев");
        same("беженц", "refugees");
        same("habitants", "жителей");
        same("жител", "inhabitant");
        same("personnes", "человек");
        same("people", "человека");
        same("morts", "погибших");
        same("dead", "убитых");
        same("enfants", "children");
        assert_eq!(lex.concept("chaises"), None);
    }

    #[test]
    fn cues() {
        let lex = lexicon();
        assert_eq!(lex.cue("tues"), Some((Cue::Death, false)));
        assert_eq!(lex.cue("погибли"), Some((Cue::Death, false)));
        assert_eq!(lex.cue("perdu"), Some((Cue::Death, true)));
        assert_eq!(lex.cue("blesses"), Some((Cue::Wounded, false)));
        assert_eq!(lex.cue("mortier"), None);
    }

    #[test]
    fn dimensions() {
        let lex = lexicon();
        assert_eq!(lex.dimension("km", 0), "distance");
        assert_eq!(lex.dimension("EUR", 1), "amount");
    }
}
