//! Abbreviation tables, read from `data/<lang>/abbreviations.txt`.

use std::collections::HashMap;

use doc::LangCode;

/// How an abbreviation followed by its period behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationClass {
    /// Never ends a sentence: titles and words that introduce something (`M.`, `Dr.`, `ул.`).
    Prefix,
    /// Ends a sentence when the next word starts with an upper-case letter (`etc.`, `Inc.`).
    Any,
    /// A single letter: an initial (`V.`), never ends a sentence.
    Initial,
}

pub(crate) struct Abbreviations {
    by_lang: HashMap<LangCode, HashMap<&'static str, AbbreviationClass>>,
}

const FILES: &[(LangCode, &str)] = &[
    (LangCode::FR, include_str!("../data/fr/abbreviations.txt")),
    (LangCode::EN, include_str!("../data/en/abbreviations.txt")),
    (LangCode::RU, include_str!("../data/ru/abbreviations.txt")),
];

impl Abbreviations {
    pub(crate) fn load() -> Abbreviations {
        let by_lang = FILES
            .iter()
            .map(|&(lang, data)| (lang, parse(data)))
            .collect();
        Abbreviations { by_lang }
    }

    /// The class of `word` in `lang`, or in any of the three languages when `lang` is unknown
    /// or not one of them. A lower-case entry also matches its capitalised form
    /// (`cf` → `Cf`), for abbreviations that start a sentence.
    pub(crate) fn class(&self, word: &str, lang: Option<LangCode>) -> Option<AbbreviationClass> {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            return Some(AbbreviationClass::Initial);
        }
        match lang.and_then(|l| self.by_lang.get(&l)) {
            Some(table) => lookup(table, word),
            None => FILES
                .iter()
                .find_map(|(l, _)| lookup(&self.by_lang[l], word)),
        }
    }
}

fn lookup(
    table: &HashMap<&'static str, AbbreviationClass>,
    word: &str,
) -> Option<AbbreviationClass> {
    if let Some(&class) = table.get(word) {
        return Some(class);
    }
    let mut chars = word.chars();
    let first = chars.next()?;
    if first.is_uppercase() {
        let lowered: String = first.to_lowercase().chain(chars).collect();
        return table.get(lowered.as_str()).copied();
    }
    None
}

fn parse(data: &'static str) -> HashMap<&'static str, AbbreviationClass> {
    let mut class = AbbreviationClass::Prefix;
    let mut table = HashMap::new();
    for line in data.lines().map(str::trim) {
        match line {
            "" => {}
            _ if line.starts_with('#') => {}
            "[prefix]" => class = AbbreviationClass::Prefix,
            "[any]" => class = AbbreviationClass::Any,
            word => {
                table.insert(word, class);
            }
        }
    }
    table
}
