//! Places, with their names in French, English and Russian, and demonyms mapped to countries.
//!
//! The data (250 countries and territories, their capitals, every city of at least 300 000
//! inhabitants; demonyms and adjectives of countries) is built from registry packages by
//! `scripts/build-gazetteer.sh` and embedded in the binary: see `data/NOTICE.md` for the
//! sources and their licences. It is parsed once, on the first call to [`get`] (40 to 60 ms
//! in a release build, most of it declining the Russian names); lookups then hash one
//! normalised key (1 to 6 million `places` lookups a second on one core).
//!
//! Every place also has a position ([`Place::coords`]: GeoNames for cities, a representative
//! point from world-countries for countries) and every country with one its ISO 3166-1
//! numeric code ([`Place::ccn3`], the `id` of the world-atlas map shapes), from
//! `data/coords.tsv` (built by `scripts/build-map-data.sh`).
//!
//! ```
//! let g = gazetteer::get();
//! assert_eq!(g.places("Moscou")[0].name_ru, "Москва");
//! assert_eq!(g.places("Казахстане")[0].country, "KZ");
//! assert_eq!(g.longest_match(&["New", "York", "Times"]).map(|(n, _)| n), Some(2));
//! assert_eq!(g.demonym("kazakhe"), Some("KZ"));
//! assert_eq!(g.country("FR").map(|p| p.name_fr), Some("France"));
//! assert_eq!(g.country("FR").and_then(|p| p.ccn3()), Some(250));
//! assert_eq!(g.places("Moscow")[0].coords(), Some((55.75, 37.62)));
//! ```
//!
//! # Matching
//!
//! Names and queries go through the same normalisation ([`normalize`]): lower case, Latin
//! diacritics removed (`Côte` = `cote`), `ё` = `е`, apostrophes, hyphens and dots taken as
//! spaces (`Côte d'Ivoire` = `cote d’ivoire` = `Cote-d-Ivoire`), spaces collapsed.
//!
//! Two kinds of keys also look at capitalisation:
//! * acronyms (`US`, `USA`, `РФ`, `EAU`) only match queries in capitals (`us` and `eau` are
//!   words);
//! * declined Russian forms only match capitalised queries (`Москве`, not `москве`): Russian
//!   capitalises place names, and oblique forms of short names are everyday words (`кому` is a
//!   dative of `Ком`, Qom).
//!
//! Russian names decline (`в Москве`, `из Казахстана`, `Франции`). At load time every
//! Russian name is also declined ([`ru_declensions`]): the ending of each word chooses a
//! paradigm (`-ия`, `-а`, `-я`, `-ь`, `-й`, consonant, plural `-ы`, adjectives `-ый`, `-ий`,
//! `-ая`, `-ое`, `-ые`...), and the words of a name are put in the same case together
//! (`Нижний Новгород` → `Нижнего Новгорода`, `Нижнем Новгороде`), or only the last word for
//! hyphenated compounds (`Санкт-Петербурга`). Only the endings of the name's own paradigm are
//! accepted, so that `Германа` (a given name) is not `Германия`, as an ending-stripping
//! stemmer would have it. Words ending in `о`, `е`, `и`, `у`, `ю` or a vowel and `а`
//! (`Сочи`, `Баку`, `Токио`, `Самоа`) and words of fewer than three letters do not decline;
//! fleeting vowels are not handled (`Египет` → `Египта` is in the data as a name).
//! [`Gazetteer::places_exact`] ignores declined forms.
//!
//! Russian demonyms and adjectives (`казахский`, `казахского`, `казахов`) go through a small
//! ending-stripping stemmer instead ([`ru_stem`]), applied to both the table's forms and the
//! query: an adjective has more forms than a paradigm table is worth, and stems keep at least
//! [`RU_STEM_MIN`] letters.
//!
//! Measured on NEREL (Russian news, train part; `examples/nerel_check.rs`), one-token hits
//! overlapping a gold place: exact names 0.83 precision on capitalised tokens, declined forms
//! 0.95, demonyms 0.95 (their misses are language adjectives: `на русском`).
//!
//! # Ambiguity
//!
//! The gazetteer reports, the tagger decides. A name that is also a common word (`Nice`,
//! `Natal`, `Chad`, `Jordan`, `Reading`, `Batman`, Russian `Владимир`, `Орёл`, `Того`) is
//! returned like any other name, whatever its case: whether `nice` or `того` in a sentence is
//! the place is for the caller to judge from capitalisation and context (for the NER tagger,
//! gazetteer membership is one feature among others). Metonymy (`Chicago` for its team) is the
//! tagger's business too. What the data leaves out are the tiny places whose names are
//! everyday words (`Bath`, `Split`, `Mobile`, `Tours`): only cities of 300 000 inhabitants or
//! more and capitals are listed, their alternate names are restricted to spelling variants
//! of their English, French and Russian names (no exonyms of other languages such as Basque
//! `Sol` for Seoul), and a short hand-made list of names that are everyday words is never
//! indexed (`Island` for Iceland, `Tete` = `tête`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

mod fold;

const PLACES_TSV: &str = include_str!("../data/places.tsv");
const DEMONYMS_TSV: &str = include_str!("../data/demonyms.tsv");
const COORDS_TSV: &str = include_str!("../data/coords.tsv");

/// Shortest Russian stem kept by [`ru_stem`], in letters.
pub const RU_STEM_MIN: usize = 4;

/// Longest normalised key looked up, in bytes: longer queries match nothing (no name is that
/// long), which bounds the work done on bad input.
const MAX_KEY_BYTES: usize = 160;

/// Most tokens [`Gazetteer::longest_match`] looks at.
const MAX_TOKENS: usize = 10;

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level subdivision of a country (none in the current data).
    Region,
    /// A city or town.
    City,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// GeoNames identifier of the place.
    pub id: u32,
    /// Country, region or city.
    pub kind: PlaceKind,
    /// Whether the place is the capital of its country.
    pub capital: bool,
    /// ISO 3166-1 alpha-2 code of the country (of the place itself for a country).
    pub country: &'static str,
    /// Population according to GeoNames.
    pub population: u64,
    /// English name.
    pub name_en: &'static str,
    /// French name.
    pub name_fr: &'static str,
    /// Russian name.
    pub name_ru: &'static str,
    other_names: &'static str,
    position: Option<Position>,
    ccn3: Option<u16>,
}

impl Place {
    /// The other names of the place that are matched: spelling variants, official names,
    /// native names, former names.
    pub fn other_names(&self) -> impl Iterator<Item = &'static str> {
        self.other_names.split('|').filter(|s| !s.is_empty())
    }

    /// The name in a language (`"en"`, `"fr"` or `"ru"`; English for any other).
    pub fn name(&self, lang: &str) -> &'static str {
        match lang {
            "fr" => self.name_fr,
            "ru" => self.name_ru,
            _ => self.name_en,
        }
    }

    /// Latitude and longitude in degrees (north and east positive), to 0.01°: the GeoNames
    /// position of a city, a representative point of a country (world-countries' `latlng`,
    /// whole degrees for most). `None` only if the data has no position for the place.
    pub fn coords(&self) -> Option<(f32, f32)> {
        self.position
            .map(|(lat, lon)| (f32::from(lat) / 100.0, f32::from(lon) / 100.0))
    }

    /// ISO 3166-1 numeric code of a country (`250` for France), as used by the world-atlas
    /// map shapes; `None` for cities and for Kosovo (`XK`), which has none.
    pub fn ccn3(&self) -> Option<u16> {
        self.ccn3
    }
}

type PlaceList = Vec<&'static Place>;

/// Latitude and longitude in hundredths of a degree (as in `coords.tsv`).
type Position = (i16, i16);

/// The gazetteer: places and demonyms with their lookup tables. Get it with [`get`].
pub struct Gazetteer {
    places: &'static [Place],
    by_code: HashMap<&'static str, &'static Place>,
    exact: HashMap<Box<str>, PlaceList>,
    declined: HashMap<Box<str>, PlaceList>,
    acronyms: HashMap<Box<str>, PlaceList>,
    first_words: HashSet<Box<str>>,
    demonyms: HashMap<Box<str>, &'static str>,
    demonym_stems: HashMap<Box<str>, Option<&'static str>>,
}

/// The gazetteer, loaded on first use.
pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::load)
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut places: Vec<Place> = PLACES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(parse_place)
            .collect();
        add_coords(&mut places);
        let places: &'static [Place] = Box::leak(places.into_boxed_slice());

        let mut by_code = HashMap::new();
        let mut exact: HashMap<Box<str>, PlaceList> = HashMap::new();
        let mut declined: HashMap<Box<str>, PlaceList> = HashMap::new();
        let mut acronyms: HashMap<Box<str>, PlaceList> = HashMap::new();
        let mut forms = Vec::new();
        let mut first_words = HashSet::new();
        let mut key = String::new();
        let mut stem = String::new();
        for p in places {
            if p.kind == PlaceKind::Country {
                by_code.insert(p.country, p);
            }
            let names = [p.name_en, p.name_fr, p.name_ru];
            for name in names.into_iter().chain(p.other_names()) {
                key.clear();
                normalize_into(name, &mut key);
                if key.is_empty() {
                    continue;
                }
                first_words.insert(first_word(&key).into());
                if is_acronym(name) {
                    push_unique(acronyms.entry(key.as_str().into()).or_default(), p);
                    continue;
                }
                push_unique(exact.entry(key.as_str().into()).or_default(), p);
                first_words.insert(first_word(&key).into());
                if is_cyrillic(&key) {
                    forms.clear();
                    declensions_into(&key, &mut forms);
                    for form in &forms {
                        push_unique(declined.entry(form.as_str().into()).or_default(), p);
                        first_words.insert(first_word(form).into());
                    }
                }
            }
        }
        for list in exact
            .values_mut()
            .chain(declined.values_mut())
            .chain(acronyms.values_mut())
        {
            list.sort_by(|a, b| b.population.cmp(&a.population).then(a.id.cmp(&b.id)));
        }

        let mut demonyms = HashMap::new();
        let mut demonym_stems = HashMap::new();
        for line in DEMONYMS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(form), Some(_lang), Some(cc)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Some(cc) = by_code.get(cc).map(|p| p.country) else {
                continue;
            };
            key.clear();
            normalize_into(form, &mut key);
            if key.is_empty() {
                continue;
            }
            if is_cyrillic(&key) {
                stem_words(&key, &mut stem);
                // Two countries behind one stem: ambiguous, matched by neither.
                demonym_stems
                    .entry(stem.as_str().into())
                    .and_modify(|c: &mut Option<&str>| {
                        if *c != Some(cc) {
                            *c = None
                        }
                    })
                    .or_insert(Some(cc));
            }
            demonyms.insert(key.as_str().into(), cc);
        }

        Gazetteer {
            places,
            by_code,
            exact,
            declined,
            acronyms,
            first_words,
            demonyms,
            demonym_stems,
        }
    }

    /// Every place, countries first, then cities, each by decreasing population.
    pub fn all(&self) -> &'static [Place] {
        self.places
    }

    /// Places a name may refer to, most populous first (empty when none). Matching ignores
    /// case and, for Latin script, diacritics and apostrophe and hyphen variants
    /// (`Côte d'Ivoire` = `cote d’ivoire`); a capitalised name that matches nothing as it is
    /// is tried among the declined forms of the Russian names (`Москве`, `Франции`; not
    /// `москве`).
    pub fn places(&self, name: &str) -> &[&'static Place] {
        let mut key = String::new();
        normalize_into(name, &mut key);
        self.lookup(&key, shape(name)).unwrap_or(&[])
    }

    /// Like [`Gazetteer::places`] without the declined Russian forms.
    pub fn places_exact(&self, name: &str) -> &[&'static Place] {
        let mut key = String::new();
        normalize_into(name, &mut key);
        if key.is_empty() || key.len() > MAX_KEY_BYTES {
            return &[];
        }
        let found = self.exact.get(key.as_str());
        let found = if shape(name).upper {
            found.or_else(|| self.acronyms.get(key.as_str()))
        } else {
            found
        };
        found.map_or(&[], Vec::as_slice)
    }

    /// Declined forms are only tried for a capitalised query (`declined`): Russian writes
    /// place names with a capital, and oblique forms of short names are everyday words
    /// (`кому`, dative of `Ком`, Qom; `самое`, of `Самоа`, were it declined).
    /// Acronyms (`US`, `EAU`, `РФ`) are only tried for a query in capitals (`us`, `eau` are
    /// words).
    fn lookup(&self, key: &str, shape: Shape) -> Option<&[&'static Place]> {
        if key.is_empty() || key.len() > MAX_KEY_BYTES {
            return None;
        }
        let mut found = self.exact.get(key);
        if shape.upper {
            found = found.or_else(|| self.acronyms.get(key));
        }
        if shape.capitalised {
            found = found.or_else(|| self.declined.get(key));
        }
        found.map(Vec::as_slice)
    }

    /// The longest place name starting at `tokens[0]`, as (number of tokens, places), for
    /// names of several tokens: `["New", "York", "Times"]` gives 2 and New York. Tokens are
    /// joined with spaces before matching, so `["Royaume", "-", "Uni"]`, `["Royaume-Uni"]` and
    /// `["Royaume", "Uni"]` all match; a match never ends on a token that is only punctuation.
    /// Declined Russian names match too (`["Нижнем", "Новгороде"]`).
    pub fn longest_match(&self, tokens: &[&str]) -> Option<(usize, &[&'static Place])> {
        let first = tokens.first()?;
        let mut sh = shape(first);
        let mut key = String::new();
        normalize_into(first, &mut key);
        if key.is_empty()
            || key.len() > MAX_KEY_BYTES
            || !self.first_words.contains(first_word(&key))
        {
            return None;
        }
        // ends[i] = length of the key made of tokens[..=i], or None when token i adds
        // nothing (punctuation) and cannot end a match.
        let mut ends: Vec<Option<(usize, Shape)>> = Vec::with_capacity(MAX_TOKENS);
        ends.push(Some((key.len(), sh)));
        let mut part = String::new();
        for tok in tokens.iter().take(MAX_TOKENS).skip(1) {
            part.clear();
            normalize_into(tok, &mut part);
            if part.is_empty() {
                ends.push(None);
                continue;
            }
            if key.len() + 1 + part.len() > MAX_KEY_BYTES {
                break;
            }
            key.push(' ');
            key.push_str(&part);
            sh.upper &= shape(tok).upper;
            ends.push(Some((key.len(), sh)));
        }
        for (i, end) in ends.iter().enumerate().rev() {
            if let Some(found) = end.and_then(|(k, sh)| self.lookup(&key[..k], sh)) {
                return Some((i + 1, found));
            }
        }
        None
    }

    /// The country (ISO 3166-1 alpha-2 code) a demonym or adjective refers to, in French,
    /// English or Russian, including inflected forms: `kazakhe`, `kazakhes`, `Kazakh`,
    /// `Kazakhstani`, `казахский`, `казахского`, `казахстанских`, `казахов` all give `KZ`.
    /// Forms shared by countries of similar size (`coréen`: KR or KP) are left out.
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        let mut key = String::new();
        normalize_into(word, &mut key);
        if key.is_empty() || key.len() > MAX_KEY_BYTES {
            return None;
        }
        if let Some(cc) = self.demonyms.get(key.as_str()) {
            return Some(cc);
        }
        if is_cyrillic(&key) {
            let mut stem = String::new();
            stem_words(&key, &mut stem);
            return self.demonym_stems.get(stem.as_str()).copied().flatten();
        }
        None
    }

    /// The country with this ISO 3166-1 alpha-2 code (either case).
    pub fn country(&self, code: &str) -> Option<&'static Place> {
        if code.len() != 2 {
            return None;
        }
        let upper = code.to_ascii_uppercase();
        self.by_code.get(upper.as_str()).copied()
    }

    /// The capital of a country, by ISO code.
    pub fn capital(&self, code: &str) -> Option<&'static Place> {
        let cc = self.country(code)?.country;
        self.places.iter().find(|p| p.capital && p.country == cc)
    }

    /// Numbers of places, name keys, declined Russian keys and demonym forms (for reports).
    pub fn stats(&self) -> (usize, usize, usize, usize) {
        (
            self.places.len(),
            self.exact.len(),
            self.declined.len(),
            self.demonyms.len(),
        )
    }
}

fn push_unique(list: &mut PlaceList, p: &'static Place) {
    if !list.iter().any(|q| std::ptr::eq(*q, p)) {
        list.push(p);
    }
}

fn parse_place(line: &'static str) -> Option<Place> {
    let mut c = line.split('\t');
    let id = c.next()?.parse().ok()?;
    let (kind, capital) = match c.next()? {
        "country" => (PlaceKind::Country, false),
        "region" => (PlaceKind::Region, false),
        "capital" => (PlaceKind::City, true),
        _ => (PlaceKind::City, false),
    };
    Some(Place {
        id,
        kind,
        capital,
        country: c.next()?,
        population: c.next()?.parse().ok()?,
        name_en: c.next()?,
        name_fr: c.next()?,
        name_ru: c.next()?,
        other_names: c.next().unwrap_or(""),
        position: None,
        ccn3: None,
    })
}

/// Fills [`Place::coords`] and [`Place::ccn3`] from `coords.tsv` (`id lat lon ccn3`).
fn add_coords(places: &mut [Place]) {
    let hundredths = |s: &str| -> Option<i16> {
        let v: f32 = s.parse().ok()?;
        let v = (v * 100.0).round();
        (-18_000.0..=18_000.0).contains(&v).then_some(v as i16)
    };
    let mut table: HashMap<u32, (Option<Position>, Option<u16>)> = HashMap::new();
    for line in COORDS_TSV.lines().filter(|l| !l.starts_with('#')) {
        let mut c = line.split('\t');
        let (Some(Ok(id)), Some(lat), Some(lon)) =
            (c.next().map(str::parse::<u32>), c.next(), c.next())
        else {
            continue;
        };
        let position = hundredths(lat).zip(hundredths(lon));
        let ccn3 = c.next().and_then(|s| s.parse().ok());
        table.insert(id, (position, ccn3));
    }
    for p in places {
        if let Some(&(position, ccn3)) = table.get(&p.id) {
            p.position = position;
            if p.kind == PlaceKind::Country {
                p.ccn3 = ccn3;
            }
        }
    }
}

/// Capitalisation of a query.
#[derive(Clone, Copy)]
struct Shape {
    /// First letter in upper case.
    capitalised: bool,
    /// Every letter in upper case.
    upper: bool,
}

fn shape(s: &str) -> Shape {
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let capitalised = letters.next().is_some_and(char::is_uppercase);
    Shape {
        capitalised,
        upper: capitalised && letters.all(char::is_uppercase),
    }
}

/// A name of two to five letters, all capitals (`US`, `U.S.A.`, `РФ`, `EAU`).
fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=5).contains(&letters)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn first_word(key: &str) -> &str {
    key.split(' ').next().unwrap_or("")
}

fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// The normalised form of a name, as used for keys and queries: lower case, Latin diacritics
/// folded to ASCII, `ё` as `е`, apostrophes, hyphens and dots as spaces, runs of spaces as one,
/// no leading or trailing space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

fn normalize_into(s: &str, out: &mut String) {
    let mut space = true; // at start: drop leading separators
    for ch in s.chars() {
        if ch.is_whitespace()
            || matches!(
                ch,
                '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | '-' | '‐' | '‑' | '‒' | '–' | '—' | '.'
            )
        {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
            continue;
        }
        for lc in ch.to_lowercase() {
            if lc == 'ё' {
                out.push('е');
            } else if let Ok(i) = fold::FOLD.binary_search_by(|(c, _)| c.cmp(&lc)) {
                out.push_str(fold::FOLD[i].1);
            } else if !is_combining(lc) {
                out.push(lc);
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Russian endings stripped by [`ru_stem`], longest first.
const RU_ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ыми", "ими", "ого", "его", "ому", "ему", "ией", "иям", "иях", "ая",
    "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ей", "ую", "юю", "ым", "им", "ом", "ем", "ых",
    "их", "ах", "ях", "ам", "ям", "ов", "ев", "ию", "ия", "ии", "ью", "ья", "ье", "а", "я", "о",
    "е", "ы", "и", "у", "ю", "й", "ь",
];

/// The stem of a normalised Russian word: the longest of its case endings (`-ями`, `-ого`,
/// `-ой`, `-а`...) is removed when at least [`RU_STEM_MIN`] letters remain (`москве` → `москв`, `казахского` →
/// `казахск`, `франции` → `франц`); other words are returned as they are.
pub fn ru_stem(word: &str) -> &str {
    if !word.chars().all(|c| ('а'..='я').contains(&c)) {
        return word;
    }
    let letters = word.chars().count();
    for end in RU_ENDINGS {
        if let Some(stem) = word.strip_suffix(end)
            && letters - end.chars().count() >= RU_STEM_MIN
        {
            return stem;
        }
    }
    word
}

fn stem_words(key: &str, out: &mut String) {
    out.clear();
    for (i, w) in key.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(ru_stem(w));
    }
}

/// Endings of the genitive, dative, accusative, instrumental and prepositional cases.
type CaseEndings = [&'static [&'static str]; 5];

/// Case endings of a Russian word and the stem they attach to; `None` for a word that does
/// not decline.
fn paradigm(word: &str) -> Option<(&str, CaseEndings)> {
    if word.chars().count() < 3 || !word.chars().all(|c| ('а'..='я').contains(&c)) {
        return None;
    }
    let cut = |n: usize| {
        let mut it = word.char_indices().rev();
        let i = it.nth(n - 1).map_or(0, |(i, _)| i);
        &word[..i]
    };
    let last = word.chars().next_back()?;
    let before = |n: usize| word.chars().rev().nth(n).unwrap_or(' ');
    let hush = |c: char| matches!(c, 'ж' | 'ш' | 'ч' | 'щ' | 'ц');
    let velar_or_hush = |c: char| matches!(c, 'г' | 'к' | 'х' | 'ж' | 'ш' | 'ч' | 'щ');
    let two: String = word
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(match two.as_str() {
        "ия" => (cut(2), [&["ии"], &["ии"], &["ию"], &["ией"], &["ии"]]),
        "ая" => (cut(2), [&["ой"], &["ой"], &["ую"], &["ой"], &["ой"]]),
        "яя" => (cut(2), [&["ей"], &["ей"], &["юю"], &["ей"], &["ей"]]),
        "ые" => (cut(2), [&["ых"], &["ым"], &["ые"], &["ыми"], &["ых"]]),
        "ие" => (cut(2), [&["их"], &["им"], &["ие"], &["ими"], &["их"]]),
        "ое" => (cut(2), [&["ого"], &["ому"], &["ое"], &["ым"], &["ом"]]),
        "ый" => (cut(2), [&["ого"], &["ому"], &["ый"], &["ым"], &["ом"]]),
        "ий" => (
            cut(2),
            [
                &["ого", "его"],
                &["ому", "ему"],
                &["ий"],
                &["им"],
                &["ом", "ем"],
            ],
        ),
        "ой" => (
            cut(2),
            [&["ого"], &["ому"], &["ой"], &["ым", "им"], &["ом"]],
        ),
        _ => match last {
            // Самоа, Гоа: a vowel before the final а, no declension.
            'а' if matches!(
                before(1),
                'а' | 'о' | 'у' | 'и' | 'е' | 'ы' | 'э' | 'ю' | 'я'
            ) =>
            {
                return None;
            }
            'а' => {
                let genitive: &'static [&'static str] = if velar_or_hush(before(1)) {
                    &["и"]
                } else {
                    &["ы"]
                };
                let ins: &'static [&'static str] = if hush(before(1)) {
                    &["ой", "ей"]
                } else {
                    &["ой"]
                };
                (cut(1), [genitive, &["е"], &["у"], ins, &["е"]])
            }
            'я' => (cut(1), [&["и"], &["е"], &["ю"], &["ей"], &["е"]]),
            'ы' => (cut(1), [&["ов", ""], &["ам"], &["ы"], &["ами"], &["ах"]]),
            'ь' => (
                cut(1),
                [&["и", "я"], &["и", "ю"], &["ь"], &["ью", "ем"], &["и", "е"]],
            ),
            'й' => (cut(1), [&["я"], &["ю"], &["й"], &["ем"], &["е"]]),
            'о' | 'е' | 'и' | 'у' | 'ю' | 'э' | 'ъ' => return None,
            c => {
                let ins: &'static [&'static str] = if hush(c) {
                    &["ем", "ом"]
                } else {
                    &["ом"]
                };
                (word, [&["а"], &["у"], &[""], ins, &["е"]])
            }
        },
    })
}

/// The oblique-case forms of a normalised Russian name, all its words in the same case:
/// `нижний новгород` → `нижнего новгорода`, `нижнему новгороду`, `нижним новгородом`,
/// `нижнем новгороде`..., and, for names of several words, with only the last word declined
/// (`санкт петербурга`; forms equal to the name itself are left out).
pub fn ru_declensions(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    declensions_into(name, &mut out);
    out
}

fn declensions_into(name: &str, out: &mut Vec<String>) {
    let words: Vec<(&str, Option<(&str, CaseEndings)>)> =
        name.split(' ').map(|w| (w, paradigm(w))).collect();
    if words.iter().all(|(_, p)| p.is_none()) {
        return;
    }
    let last = words.len() - 1;
    // Every word declined (`Нижнего Новгорода`), and only the last one (`Санкт-Петербурга`,
    // `Алма-Аты`, `Буэнос-Айреса`: hyphenated compounds).
    for (case, only_last) in (0..5).flat_map(|c| [(c, false), (c, true)]) {
        if only_last && last == 0 {
            continue;
        }
        // Cartesian product of the endings of each word in this case (at most 2 per word).
        let mut acc: Vec<String> = vec![String::new()];
        for (i, (word, p)) in words.iter().enumerate() {
            let mut next = Vec::with_capacity(acc.len() * 2);
            let p = if only_last && i < last { &None } else { p };
            for prefix in &acc {
                let sep = if i > 0 { " " } else { "" };
                match p {
                    None => next.push(format!("{prefix}{sep}{word}")),
                    Some((stem, cases)) => {
                        for end in cases[case] {
                            next.push(format!("{prefix}{sep}{stem}{end}"));
                        }
                    }
                }
            }
            acc = next;
            if acc.len() > 16 {
                break;
            }
        }
        for form in acc {
            if form != name && !out.contains(&form) {
                out.push(form);
            }
        }
    }
}

#[cfg(test)]
mod tests;
