//! Numbers and measures (`Layer::Quantities`) in French, English and Russian.
//!
//! **What.** [`Extractor::extract`] is a pure function of a text, its language and the byte
//! ranges another layer owns (the times layer): it returns [`Quantity`]s sorted, without
//! overlaps, none overlapping an owned range, every value finite. [`TagQuantities`] is the
//! pipeline stage around it.
//!
//! **How.** One scan of the text ([`scan`](crate::scan)) yields words, symbols and numbers in
//! digits with their grouping resolved (space, U+00A0, U+202F, apostrophes, comma, point; the
//! decimal mark by language: comma in French and Russian, point in English, and the other mark
//! decimal too when not followed by exactly three digits). Texts with no digit and no number
//! word produce nothing after that single scan. A parser then reads each number (digits,
//! words with scale words, fractions, ordinals, vague amounts), the bound cue before or after
//! it, a currency before it, a unit after it, a range ("entre 3 et 5", "от 3 до 5", "3–5"),
//! and the head noun it counts. All vocabulary is in `data/*.txt`, read with `include_str!`
//! and compiled once into hash tables keyed by token ([`Extractor::new`]).
//!
//! **Decisions.**
//! - Reference units (`si`): length `km`, area `km2`, mass `kg`, volume `l`, speed `km/h`,
//!   temperature `C` (a bare "degrés"/"°" is taken as Celsius), duration `s` (month = 30 days,
//!   year = 365 days), percentages `percent` (per mille = 0.1 percent). Currencies keep their
//!   code (`si` = value, same code), no exchange rate; "$" is `USD`, "cent(s)" is `cent` with
//!   `si` in `USD`.
//! - Vague plurals ("des milliers", "thousands", "сотни", "dozens") are `at_least` their unit
//!   (1 000, 100, 12); "des dizaines de milliers" is at least 10 000. Collectives ("une
//!   douzaine", "une centaine", "une vingtaine") are `about` their value.
//! - The indefinite article ("un", "une", "a", "an") is a number only with a unit, a bound
//!   cue or in a range or a larger number ("un million", "un tiers", "plus d'un"); "one"
//!   after a determiner ("the one") is not a number. Russian "один" is always a number.
//! - Ordinals ("la première fois", "3e", "21-й") are kept, as [`QuantityKind::Ordinal`].
//! - Not quantities: four-digit years 1000–2199 without unit or cue ("en 2022"), day numbers
//!   next to a month, digits chained by `.`, `/`, `-`, `:` into three parts or more (dates,
//!   IPs, versions, phone numbers), clock times ("15h30", "à 10 heures"), numbers after a
//!   reference word ("l'article 4", "page 3", "n° 5", "version 2") or before a street word.
//! - Durations ("six mois", "48 heures") are recognised; in the pipeline the times layer owns
//!   them and the stage drops every candidate overlapping a time span.
//! - Fractions: plural ordinals are denominators ("three fifths", "trois cinquièmes"), a
//!   singular one after "one"/"un"/"une" too ("one twenty-fifth"); a proper fraction after
//!   "and"/"et"/"и"/"с" is the fractional part ("four and a half", "two million and a half"
//!   = 2 500 000); "one in five", "un sur trois", "one out of three", "один из трёх" are
//!   ratios (not when a unit follows the second number). A singular ordinal of 100 or more
//!   after a number is an ordinal ("deux centième" = 200th).
//! - A lower and an upper bound joined by a conjunction or a comma ("more than 10 and less
//!   than 20") make one range; "equal to 20" is exactly 20.
//! - Russian unit words without a number are one of the unit ("через месяц", "сутки";
//!   `data/bare.txt`), "пол" + a genitive unit is half of it ("полчаса", "пол-литра"; never
//!   "полдень"); a smaller unit of the same dimension right after adds to the value ("1 час
//!   20 минут", "6 feet 3 inches").
//! - Codes are not quantities: digits glued to letters or to a word by a hyphen
//!   ("COVID-19", "F-16"); a one-letter unit glued to "-", "/" or "." and more ("F-Series");
//!   a currency sign right before a number belongs to that number ("a $ 40 million").
//! - Powers and vulgar fractions in digits: "1.1^23", "2.5^-1", "1.3x10^6", "½", "2½".
//!   Indian grouping in English ("12,34,567"); a point grouping before a decimal comma in
//!   English ("1.111,11") and the reverse in French.
//! - Nothing inside a web address (from the space before "://" or "www." to the next space).
//! - Money and hours: a bare number closing the phrase after the unit is its subunit ("15
//!   dollars 50.", "20 долларов и 43", "une heure trente"; digits only as two digits, not
//!   after "h"); "MUSD", "MEUR" are millions ("30 MUSD", "MAUD 60"); a scale word after a
//!   currency multiplies it ("75 USD million"); a unit in brackets is the number's ("20
//!   (kg)"); a money word after a hyphen too ("a 12-cent dividend"); "5 ft 2 in".
//! - A number repeated in parentheses is one quantity ("forty-five (45)").
//! - A bare degree near a turning word (`data/angle.txt`: "rotate 90 degrees") is an angle,
//!   code `arcdeg`; a bare letter C/F/K after digits is a temperature only when the phrase
//!   ends there or a temperature word (`data/heat.txt`) is within fifteen words ("the 13F
//!   filing", "a Boeing 777F" are codes). "percentage points" are `pp`, not percent.
//! - "milles" after a number is miles (the contract's "4 750 milles"), unless more number
//!   words follow ("deux cent milles douze").
//! - Bounds: "or equal (to)" after a strict bound makes it inclusive ("more than 5000 or
//!   equal" = at least); "about 500 or more" is at least 500; "or less than 6000" opens the
//!   next comparison ("equal to 5000 or less than 6000" = 5000, < 6000); a sign after a
//!   comparison symbol is the number's ("<-30"); "<>30", "=>30", "=<30" are code.
//!   Ordinals join in ranges and bounds with their determiner ("between the tenth and the
//!   fifteenth", "higher than the tenth but lower than the fifteenth"); "second to last" is
//!   a relative position, not a quantity; "he scores" is a verb ("scores of" is a vague 20).
//! - "1995-01", "2019-20", "1995/96": a year then two digits (a month, a season) are dates.
//! - The percent word may come first: "percent of 10", "pourcentage de vingt" (only when the
//!   number closes the phrase, not "percent of 10 voters").
//! - After a currency sign a comma before exactly three digits groups, in every language
//!   ("$10,000" in Russian text). After digits, French "cents" are cents, not hundreds.
//! - "pounds"/"фунтов" (`data/pounds.txt`): a weight word within eight words makes a mass, a
//!   money word sterling; "pounds of" a mass; else sterling after a scale word ("361 million
//!   pounds") or for the English word in French or Russian text; a mass otherwise.
//! - English spoken hundreds "one twenty two" = 122 (a digit word then tens and units); a
//!   scale word after a decimal in words ("two point two million"); "lac", "cr" are lakh and
//!   crore.
//! - Lower-case "c"/"f" after digits are temperatures only near a temperature word or alone
//!   in their sentence ("168f", "- 27 c"; not "item 3c").
//! - Primes after digits are feet and inches: "35'", "5''", "5\"", "6′2″", "6'3\"". ASCII
//!   marks glued to the digits only, not closing a quote on the line, a lone "'" only before
//!   inches, a size word or the end of the line (else a football minute "45'"); minutes and
//!   seconds ("38'53\"", "2'08 \"", a second part ≥ 12 or with a leading zero) are one
//!   duration in seconds (race results), added to hours before them ("37 h 32'48\"").
//! - Small vague amounts: "a few", "quelques" are about 3 ("a few people"); with a scale
//!   ("a few hundred", "quelques milliers", "several thousand", "plusieurs mille", "несколько
//!   тысяч") at least that scale; "a couple hundred" is about 200; bare "few" ("few people
//!   believe") is no number. "quelques 200" is "quelque 200" (about 200).
//! - French "dix-septième" is 17th (never 10/7); a unit ordinal misspelt by one letter at
//!   the end of a hyphenated number is read ("dix-huirième"); "dizième" is "dixième".
//! - An article then a singular ordinal then a word is an ordinal ("a sixth generation",
//!   "a second view", "une troisième voie"); before "of"/"de" or alone a fraction ("a
//!   fifth of"); "a second later" stays a duration. The article before any other word or a
//!   number counts nothing, even after a cue ("just a big", "close to a 200,000 figure").
//! - "N over M" divides only when M closes the phrase ("2000 over 3"; not "$2000 over 3
//!   years"); "one billion and three quarters million" = 1 000 750 000; a small collective
//!   after hundreds multiplies only what follows them ("three hundred and two dozens" = 324).
//! - News conventions: a single line break before a lower-case word is a space (wrapped
//!   lines); a French or Russian text that groups by commas ("9,563,830") groups "174,754"
//!   too; datelines ("PARIS, 15 (Havas)", "Nov. 19") are dates; Russian "2013 г.",
//!   "2001-2006 гг." and spans of years counting nothing are dates; "66-летний",
//!   "70-процентное", "20-долларовой" carry their unit; "à moitié" (adverb), French
//!   "second" (the unit is "seconde"), English "an" (not the French year), "6AM" are not
//!   quantities or units.
//! - Counted nouns: French "millions"/"milliards" count only after "de" ("600 millions
//!   resteraient" counts nothing); an English word not in -s before a plural, or a Russian
//!   adjective, gives way to the noun after it ("309 electoral votes" → votes, "шесть
//!   крупнокалиберных пулеметов" → пулемет).
//! - Numbered lists and rankings: a bare integer opening the line or following a sentence
//!   mark, then a point and a capital ("1. Olano", "Général : 1. Olano", "—1. Welfare") is
//!   a list marker. "2 p.m.", "11: 06 a.m." are clock times; "one-on-one" is a manner.
//! - Half a unit after it: "une heure et demie", "a month and a half", "час с половиной" =
//!   1.5 of the unit; "5 ½ years" with a space is 5.5. An ordinal names a day, it carries
//!   no duration ("le dix-septième jour", "пятый день" = 5th, no unit).
//! - A range takes the scale of its second end when the first is smaller than the second's
//!   base: "5-7 тысяч" = 5 000..7 000, "between 2 and 3 million" = 2 000 000..3 000 000.

mod extract;
mod lexicon;
mod scan;

use std::sync::OnceLock;

use doc::{Document, LangCode, Layer, Quantity, Stage, TextRange};

use lexicon::{Lang, Lexicon};

/// The compiled vocabulary; build once and share.
pub struct Extractor {
    lex: Lexicon,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Extractor")
    }
}

impl Extractor {
    /// Parses the vocabulary files.
    pub fn new() -> Extractor {
        Extractor {
            lex: Lexicon::load(),
        }
    }

    /// The quantities of `text`, skipping anything that overlaps `owned` (byte ranges held by
    /// another layer). `lang` `None` guesses by script: Cyrillic → Russian, else French and
    /// English vocabulary together.
    pub fn extract(
        &self,
        text: &str,
        lang: Option<LangCode>,
        owned: &[TextRange],
    ) -> Vec<Quantity> {
        let lang = match lang.as_ref().map(LangCode::as_str) {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            Some("ru") | Some("uk") | Some("be") | Some("bg") | Some("kk") => Some(Lang::Ru),
            _ => {
                if text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
                    Some(Lang::Ru)
                } else {
                    None
                }
            }
        };
        let mut toks = Vec::new();
        scan::scan(text, lang, &mut toks);
        let mut lower = String::with_capacity(text.len());
        scan::fold_into(text, &mut lower);
        if lower.len() != text.len() {
            return Vec::new();
        }
        let cx = extract::Ctx {
            text,
            lower: &lower,
            toks: &toks,
            lang,
            lex: &self.lex,
        };
        extract::run(&cx, owned)
    }
}

/// `value` in `unit` converted to the reference unit of its dimension: `(value, code)`.
/// Currencies keep their code. `None` for an unknown unit.
pub fn to_reference(unit: &str, value: f64) -> Option<(f64, &'static str)> {
    reference(unit, value)
}

fn shared() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

pub(crate) fn reference(unit: &str, value: f64) -> Option<(f64, &'static str)> {
    let def = shared().lex.units.iter().find(|u| u.code == unit)?;
    let v = match (def.dimension, def.code) {
        ("temperature", "F") => (value - 32.0) * 5.0 / 9.0,
        ("temperature", "K") => value - 273.15,
        _ => value * def.factor,
    };
    let code: &'static str = match def.dimension {
        "length" => "km",
        "area" => "km2",
        "mass" => "kg",
        "volume" => "l",
        "speed" => "km/h",
        "temperature" => "C",
        "duration" => "s",
        "percent" => "percent",
        "money" if def.code == "cent" => "USD",
        _ => def.code,
    };
    v.is_finite().then_some((v, code))
}

/// A form to compare counted nouns across texts: lower case, plural and Russian case endings
/// stripped roughly ("soldats" → "soldat", "солдатов" → "солдат").
pub fn lemma(word: &str, lang: Option<LangCode>) -> String {
    let lang = match lang.as_ref().map(LangCode::as_str) {
        Some("fr") => Some(Lang::Fr),
        Some("en") => Some(Lang::En),
        Some("ru") => Some(Lang::Ru),
        _ => None,
    };
    lemma_of(&scan::fold(word), lang)
}

pub(crate) fn lemma_of(w: &str, lang: Option<Lang>) -> String {
    let n = w.chars().count();
    let cyrillic = w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    if lang == Some(Lang::Ru) || cyrillic {
        const ENDINGS: [&str; 22] = [
            "ами", "ями", "ов", "ев", "ей", "ах", "ях", "ам", "ям", "ом", "ем", "ой", "ый", "ий",
            "ые", "ие", "ы", "и", "а", "я", "у", "е",
        ];
        for e in ENDINGS {
            if let Some(stem) = w.strip_suffix(e)
                && stem.chars().count() >= 3
            {
                return stem.trim_end_matches('ь').to_owned();
            }
        }
        return w.trim_end_matches('ь').to_owned();
    }
    if n > 3 {
        if lang != Some(Lang::Fr) && w.ends_with("ies") {
            return format!("{}y", &w[..w.len() - 3]);
        }
        if let Some(stem) = w.strip_suffix("aux") {
            return format!("{stem}al");
        }
        // French plurals in -x follow -au, -eu, -ou ("jeux", "genoux"; not "voix").
        let x_plural = w
            .strip_suffix('x')
            .filter(|s| s.ends_with("au") || s.ends_with("eu") || s.ends_with("ou"));
        if let Some(stem) = w.strip_suffix('s').or(x_plural)
            && !stem.ends_with('s')
        {
            return stem.to_owned();
        }
    }
    w.to_owned()
}

/// The stage: tags quantities, leaving alone the spans the times layer owns.
pub struct TagQuantities {
    extractor: &'static Extractor,
}

impl Default for TagQuantities {
    fn default() -> Self {
        TagQuantities::new()
    }
}

impl TagQuantities {
    /// The stage with its tables built.
    pub fn new() -> TagQuantities {
        TagQuantities {
            extractor: shared(),
        }
    }
}

impl Stage for TagQuantities {
    fn name(&self) -> &'static str {
        "quantities.v1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Tokens, Layer::Times]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }
    fn run(&self, doc: &mut Document) {
        let owned: Vec<TextRange> = doc
            .times()
            .unwrap_or_default()
            .iter()
            .map(|t| t.range)
            .collect();
        let quantities = self.extractor.extract(doc.text(), doc.lang_code(), &owned);
        doc.put_quantities(quantities);
    }
}
