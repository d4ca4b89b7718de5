//! Numbers and measures: pass rate per spec file (Recognizers-Text, Duckling, rustling).
//!
//! Each input is given to [`quantities::Extractor`] alone (no times layer), with the file's
//! language declared. **Pass rule**: a case passes when every expected item is matched by a
//! distinct predicted quantity whose span overlaps the expected span and whose value agrees
//! (relative difference ≤ 1e-4; the unit compared through the reference unit `si`; ordinals
//! must be ordinals; a range must give both ends; an open interval the matching bound), and
//! no predicted quantity is left unmatched. Which predictions count depends on what the file
//! tests: every quantity for the number files, every one but ordinals for the Recognizers
//! `NumberModel*` files (that model never reports ordinals: "a first class seat" expects
//! nothing, its ordinal model reports "first"); only those with a currency for money files,
//! a length/area/mass/volume/speed unit for dimension files, a temperature unit for
//! temperature files, a duration for duration files, an ordinal for the Recognizers ordinal
//! files (their model reports ordinals only: "the first two books" expects "first", not
//! "two"), a percentage for the Recognizers percent files, a range or a bounded number for
//! the Recognizers `NumberRange*` files (that model reports nothing else: "are two ranges"
//! expects no "two"; an exact number is judged where a one-point range, "equal to 20", is
//! expected). In the number files that expect no
//! range (all but `NumberRange*`), a predicted range counts as its two ends ("de zéro à dix"
//! → 0 and 10, which the number model lists separately). Duckling and rustling give a phrase
//! and its value: the whole phrase is one expected span; their negative examples expect
//! nothing. Recognizers cases whose `Start`/`End` are misplaced inside `Resolution` are read
//! from there.
//!
//! Out of scope, counted in their own rows with the reason, never dropped:
//! - `upstream-unsupported`: Recognizers-Text cases marked `NotSupported` for its reference
//!   .NET implementation;
//! - `relative-ordinal`: "last", "next", "penultimate" (positions relative to an end);
//! - `age`: Recognizers' ages ("five years old"), which we report as durations;
//! - `unnamed-currency`: Duckling's slang money without a currency ("3 balles");
//! - `open-range-words`: ranges stated with two comparisons ("supérieur à 20 et inférieur à
//!   35"), which we give as two bounded quantities;
//! - `unknown-unit`: an expected unit this crate has no code for (rare currencies such as the
//!   Finnish markka, unusual dimensions); listed so the vocabulary gap stays visible;
//! - `unparsable`: an expected value that is not a number (Recognizers' symbolic percents).
//!
//! Deliberate decisions of this crate that a file contradicts, each found mechanically:
//! - `article`: an expected number whose text is only the indefinite article ("un", "une",
//!   "a", "an"), read as 1 by Recognizers and Duckling; issue 4 rules that the article is a
//!   number only when it counts something;
//! - `reference-number`: an expected number right after a reference word ("nr.", "no.", "n°",
//!   "article", "page", "chapter", "section"), or in a comma list after one ("Exercises nrs.
//!   22,24,26"); issue 4 rules that article and reference numbers are not quantities;
//! - `code`: an expected number glued by a hyphen to letters before it ("SCP-173"): codes
//!   are not quantities ("COVID-19", "F-16");
//! - `digit-chain`: an expected number inside a chain of three or more digit groups joined
//!   without spaces by `.`, `/`, `-`, `:` (dates "5/17/2018", IPs, phone numbers, versions),
//!   which the scanner marks as not quantities;
//! - `glued-unit`: a number file expecting nothing where digits are glued to a unit code
//!   ("180ml", "29km"): the number model ignores them, we report the measure, as the
//!   NumberWithUnit files expect;
//! - `fraction-as-percent`: a percent file's mode option reading a fraction or ratio as a
//!   percentage ("one fourth of" → 25 %): the expected text has no "%" and no percent word;
//!   we keep the fraction (0.25);
//! - `ratio-as-two-numbers`: two expected numbers joined by "in", "out of", "sur", "из"
//!   ("one out of three" → 1 and 3 in `NumberModelPercentMode`); we read the ratio 1/3, as
//!   `PercentModelPercentMode` does for the same text and news needs ("one in five adults");
//! - `fraction-not-ordinal`: an ordinal file expecting an ordinal right after "and a", "and
//!   an", "et un", "et une" ("forty two and a third" → 3rd): we read the fraction 42⅓ (the
//!   number files expect the same reading);
//! - `prime-as-time`: a duration file reading a prime after digits as minutes or seconds
//!   ("2'", "1″"); Duckling's distance files read the same marks as feet and inches, the
//!   reading we choose and produce ("35'" = 35 ft, "5''" = 5 in; minutes and seconds in
//!   pairs, "38'53\"", stay numbers);
//! - `milles-as-thousand`: rustling's "cinq milles" = 5 000 with nothing after "milles": the
//!   contract reads "4 750 milles" as miles (with number words after it, "milles" is a
//!   thousand, and such cases stay in scope).
//!
//! One [`Row`] per file: `items` = cases in scope, `tp` = passed, `fn` = failed, and P/R/F1
//! all the pass rate; then, per out-of-scope reason, a row with its count (scores NaN).
//! `VEILLE_EVAL_VERBOSE=1` prints each failing case to stderr.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use doc::{Bound, LangCode, Quantity, QuantityKind};
use quantities::Extractor;
use serde_json::Value;

use crate::{Counts, Row};

/// What a file tests: which predictions are judged.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    Numbers,
    /// Recognizers' `NumberModel*` files: that model reports cardinals and fractions, never
    /// ordinals (its ordinal model does).
    Cardinals,
    /// Recognizers' `NumberRange*` files: that model reports ranges and bounds only.
    Ranges,
    Ordinals,
    Percents,
    Money,
    Dimension,
    Temperature,
    Duration,
}

/// An expected item.
#[derive(Clone, Debug)]
struct Expected {
    /// Byte range in the input.
    start: usize,
    end: usize,
    want: Want,
}

#[derive(Clone, Debug)]
enum Want {
    Number {
        value: f64,
        ordinal: bool,
    },
    Range {
        low: Option<f64>,
        high: Option<f64>,
        low_incl: bool,
        high_incl: bool,
    },
    Measure {
        value: f64,
        unit: &'static str,
        bound: Option<Bound>,
    },
    MeasureRange {
        low: f64,
        high: f64,
        unit: &'static str,
    },
    Duration {
        seconds: f64,
        about: bool,
    },
}

/// One test case, or why it is out of scope.
struct Case {
    text: String,
    lang: LangCode,
    expected: Result<Vec<Expected>, &'static str>,
}

/// Rows for every set found under `dir`.
pub fn quantities(dir: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let extractor = Extractor::new();
    let verbose = std::env::var_os("VEILLE_EVAL_VERBOSE").is_some();
    let mut rows = Vec::new();
    let rt = dir.join("recognizers-text-specs");
    for (sub, lang, code) in [
        ("Number/French", "fr", LangCode::FR),
        ("Number/English", "en", LangCode::EN),
        ("NumberWithUnit/English", "en", LangCode::EN),
    ] {
        let folder = rt.join(sub);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let scope = match name {
                n if n.starts_with("Ordinal") => Scope::Ordinals,
                n if n.starts_with("Percent") => Scope::Percents,
                "CurrencyModel" => Scope::Money,
                "DimensionModel" => Scope::Dimension,
                "TemperatureModel" => Scope::Temperature,
                n if n.starts_with("NumberRange") => Scope::Ranges,
                n if n.starts_with("NumberModel") => Scope::Cardinals,
                _ => Scope::Numbers,
            };
            let cases = recognizers_cases(path, code, scope, name)?;
            let set = format!("recognizers-text/{sub}/{name}");
            rows.extend(score(
                &extractor,
                &set,
                lang,
                scope,
                truncate(cases, limit),
                verbose,
            ));
        }
    }
    let dk = dir.join("duckling-corpus");
    for (locale, lang, code) in [
        ("FR", "fr", LangCode::FR),
        ("RU", "ru", LangCode::RU),
        ("EN", "en", LangCode::EN),
    ] {
        for dim in [
            "Numeral",
            "Ordinal",
            "Distance",
            "Quantity",
            "Volume",
            "Temperature",
            "AmountOfMoney",
            "Duration",
        ] {
            let path = dk.join(locale).join(format!("{dim}.json"));
            if !path.is_file() {
                continue;
            }
            let scope = match dim {
                "AmountOfMoney" => Scope::Money,
                "Distance" | "Quantity" | "Volume" => Scope::Dimension,
                "Temperature" => Scope::Temperature,
                "Duration" => Scope::Duration,
                _ => Scope::Numbers,
            };
            let cases = duckling_cases(&path, code, scope)?;
            let set = format!("duckling/{locale}/{dim}");
            rows.extend(score(
                &extractor,
                &set,
                lang,
                scope,
                truncate(cases, limit),
                verbose,
            ));
        }
    }
    let rs = dir.join("rustling-ontology-fr");
    for (file, scope) in [
        ("numbers", Scope::Numbers),
        ("percentage", Scope::Numbers),
        ("temperature", Scope::Temperature),
        ("finance", Scope::Money),
        ("durations", Scope::Duration),
    ] {
        let path = rs.join(format!("{file}.json"));
        if !path.is_file() {
            continue;
        }
        let cases = rustling_cases(&path, scope)?;
        let set = format!("rustling-fr/{file}");
        rows.extend(score(
            &extractor,
            &set,
            "fr",
            scope,
            truncate(cases, limit),
            verbose,
        ));
    }
    Ok(rows)
}

fn truncate<T>(mut v: Vec<T>, limit: Option<usize>) -> Vec<T> {
    if let Some(n) = limit {
        v.truncate(n);
    }
    v
}

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let text = text.trim_start_matches('\u{feff}');
    serde_json::from_str(text).with_context(|| format!("parsing {}", path.display()))
}

/// Byte offset of the `n`-th char (Recognizers gives char offsets, end inclusive).
fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(b, _)| b)
}

fn parse_number(s: &str, lang: LangCode) -> Option<f64> {
    let s = s.trim().trim_end_matches('%');
    let s = if lang == LangCode::FR {
        s.replace(',', ".")
    } else {
        s.to_owned()
    };
    s.parse().ok()
}

fn recognizers_cases(path: &Path, lang: LangCode, scope: Scope, name: &str) -> Result<Vec<Case>> {
    let age = name == "AgeModel";
    let json = read_json(path)?;
    let mut cases = Vec::new();
    for case in json.as_array().into_iter().flatten() {
        let text = case["Input"].as_str().unwrap_or_default().to_owned();
        let unsupported = case["NotSupported"].as_str().unwrap_or_default();
        let expected = if unsupported.contains("dotnet") {
            Err("upstream-unsupported")
        } else if age {
            Err("age")
        } else {
            recognizers_expected(&text, case, lang, scope).and_then(|e| {
                deliberate(&text, &e, scope, name.ends_with("PercentMode"))?;
                Ok(e)
            })
        };
        cases.push(Case {
            text,
            lang,
            expected,
        });
    }
    Ok(cases)
}

fn recognizers_expected(
    text: &str,
    case: &Value,
    lang: LangCode,
    scope: Scope,
) -> Result<Vec<Expected>, &'static str> {
    let mut out = Vec::new();
    for r in case["Results"].as_array().into_iter().flatten() {
        let res = &r["Resolution"];
        // A few cases carry Start/End inside Resolution.
        let at = if r["Start"].is_u64() { r } else { res };
        let start = at["Start"].as_u64().unwrap_or(0) as usize;
        let end = at["End"].as_u64().unwrap_or(0) as usize + 1;
        let (start, end) = (byte_at(text, start), byte_at(text, end));
        let value = res["value"].as_str().unwrap_or_default();
        if res["relativeTo"].as_str().is_some_and(|r| r != "start") {
            return Err("relative-ordinal");
        }
        let want = match (scope, r["TypeName"].as_str().unwrap_or_default()) {
            (_, "numberrange") => {
                let inner = value.trim_matches(|c| "[]()".contains(c));
                let (a, b) = inner.split_once(',').ok_or("open-range-words")?;
                Want::Range {
                    low: parse_number(a, LangCode::EN),
                    high: parse_number(b, LangCode::EN),
                    low_incl: value.starts_with('['),
                    high_incl: value.ends_with(']'),
                }
            }
            (Scope::Percents, _) if value.ends_with('%') => {
                let said = r["Text"].as_str().unwrap_or_default().to_lowercase();
                if !said.contains('%') && !said.contains("percent") && !said.contains("pour") {
                    return Err("fraction-as-percent");
                }
                Want::Measure {
                    value: parse_number(value, lang).ok_or("unparsable")?,
                    unit: "percent",
                    bound: None,
                }
            }
            (
                Scope::Numbers
                | Scope::Cardinals
                | Scope::Ranges
                | Scope::Ordinals
                | Scope::Percents,
                t,
            ) => Want::Number {
                value: parse_number(value, lang).ok_or("unparsable")?,
                ordinal: t.starts_with("ordinal"),
            },
            _ => {
                let unit_name = res["unit"].as_str().unwrap_or_default();
                let Some(v) = parse_number(value, LangCode::EN) else {
                    // A unit without a number ("to fahrenheit"): nothing to find.
                    continue;
                };
                let unit = unit_code(unit_name).ok_or("unknown-unit")?;
                Want::Measure {
                    value: v,
                    unit,
                    bound: None,
                }
            }
        };
        out.push(Expected { start, end, want });
    }
    Ok(out)
}

/// The out-of-scope reason when a case tests a reading this crate declines on purpose (see
/// the module doc for each criterion).
fn deliberate(
    text: &str,
    expected: &[Expected],
    scope: Scope,
    percent_mode: bool,
) -> Result<(), &'static str> {
    let said = |e: &Expected| text.get(e.start..e.end).unwrap_or_default().trim();
    for e in expected {
        if let Want::Number {
            value,
            ordinal: false,
        } = e.want
            && value == 1.0
            && ["un", "une", "a", "an"].contains(&said(e).to_lowercase().as_str())
        {
            return Err("article");
        }
        if in_digit_chain(text, e.start, e.end) {
            return Err("digit-chain");
        }
        if after_reference(text, e.start) {
            return Err("reference-number");
        }
        if in_code(text, e.start) {
            return Err("code");
        }
    }
    if percent_mode
        && let [a, b] = expected
        && let (Want::Number { .. }, Want::Number { .. }) = (&a.want, &b.want)
    {
        let between = text
            .get(a.end..b.start)
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        if ["in", "out of", "sur", "из"].contains(&between.as_str()) {
            return Err("ratio-as-two-numbers");
        }
    }
    if scope == Scope::Ordinals
        && expected.iter().any(|e| {
            matches!(e.want, Want::Number { ordinal: true, .. })
                && text.get(..e.start).is_some_and(|b| {
                    let b = b.trim_end().to_lowercase();
                    ["and a", "and an", "et un", "et une"]
                        .iter()
                        .any(|c| b.ends_with(c))
                })
        })
    {
        return Err("fraction-not-ordinal");
    }
    if matches!(scope, Scope::Numbers | Scope::Cardinals) && expected.is_empty() && glued_unit(text)
    {
        return Err("glued-unit");
    }
    if scope == Scope::Duration
        && let [e] = expected
        && let Some(body) = said(e).strip_suffix(['\'', '"', '′', '″'])
        && body
            .trim_end_matches('\'')
            .chars()
            .all(|c| c.is_ascii_digit())
    {
        return Err("prime-as-time");
    }
    Ok(())
}

/// The expected number follows a reference word (`nr.`, `no.`, `n°`, `article`, `page`...),
/// possibly after other numbers of a list: "Exercises nrs. 22,24", "l'article 4".
fn after_reference(text: &str, start: usize) -> bool {
    const WORDS: [&str; 14] = [
        "nr", "nrs", "no", "nos", "n°", "#", "№", "article", "articles", "art", "page", "pages",
        "chapter", "section",
    ];
    let before = text.get(..start).unwrap_or_default();
    // Skip a list of numbers joined by commas before the expected one.
    let head = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == ' ');
    let word = head
        .trim_end_matches('.')
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    WORDS.contains(&word.as_str())
}

/// The expected number is glued by a hyphen to letters before it ("SCP-173", "F-16"): a
/// code, which this crate does not read as a quantity.
fn in_code(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or_default();
    text[start..].starts_with(|c: char| c.is_ascii_digit())
        && before
            .strip_suffix('-')
            .and_then(|b| b.chars().next_back())
            .is_some_and(|c| c.is_alphabetic())
}

/// The byte range lies in a run of three or more digit groups joined without spaces by
/// `.`, `/`, `-`, `:` ("5/17/2018", "192.168.1.2", "+1-222-2222/2222").
fn in_digit_chain(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let part = |c: u8| c.is_ascii_digit() || matches!(c, b'.' | b'/' | b'-' | b':');
    if start >= end || end > b.len() || !b[start..end].iter().all(|&c| part(c)) {
        return false;
    }
    let mut s = start;
    while s > 0 && part(b[s - 1]) {
        s -= 1;
    }
    let mut e = end;
    while e < b.len() && part(b[e]) {
        e += 1;
    }
    let run = text[s..e].trim_matches(|c: char| !c.is_ascii_digit());
    let groups: Vec<&str> = run.split(['.', '/', '-', ':']).collect();
    // "1.200.000": one separator, groups of three after the first — a grouped number.
    let one_sep = run
        .bytes()
        .filter(|c| !c.is_ascii_digit())
        .all(|c| c == b'.');
    if one_sep && groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        return false;
    }
    run.split(['.', '/', '-', ':'])
        .filter(|g| !g.is_empty())
        .count()
        >= 3
        && run
            .split(['.', '/', '-', ':'])
            .all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

/// Digits glued to a unit code ("180ml", ".25ml", "29km", "1m").
fn glued_unit(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let mut k = j;
            while k < b.len() && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            if k > j
                && (k == b.len() || !b[k].is_ascii_digit())
                && quantities::to_reference(&text[j..k], 1.0).is_some_and(|(_, u)| u != "C")
            {
                return true;
            }
            i = k.max(j);
        } else {
            i += 1;
        }
    }
    false
}

/// Unit names of the three corpora → our codes.
fn unit_code(name: &str) -> Option<&'static str> {
    Some(match name.trim_matches('"').to_ascii_lowercase().as_str() {
        "dollar" | "usd" | "united states dollar" | "$" => "USD",
        "euro" | "eur" => "EUR",
        "pound" | "british pound" | "gbp" | "£" => "GBP",
        "cent" => "cent",
        "canadian dollar" | "cad" => "CAD",
        "australian dollar" | "aud" => "AUD",
        "hkd" => "HKD",
        "japanese yen" | "yen" | "jpy" => "JPY",
        "¥" | "cny" | "chinese yuan" => "CNY",
        "chf" | "swiss franc" => "CHF",
        "rub" | "russian ruble" => "RUB",
        "inr" | "indian rupee" => "INR",
        "krw" | "₩" => "KRW",
        "sek" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        "ils" => "ILS",
        "rial" => "IRR",
        "riyal" => "SAR",
        "uah" => "UAH",
        "byn" => "BYN",
        "kwd" => "KWD",
        "lbp" => "LBP",
        "egp" => "EGP",
        "qar" => "QAR",
        "sar" => "SAR",
        "bgn" => "BGN",
        "myr" => "MYR",
        "฿" | "bitcoin" => "BTC",
        "kilometre" | "kilometer" => "km",
        "metre" | "meter" => "m",
        "centimetre" | "centimeter" => "cm",
        "millimetre" | "millimeter" => "mm",
        "mile" => "mi",
        "inch" => "in",
        "foot" => "ft",
        "yard" => "yd",
        "square meter" => "m2",
        "square kilometer" => "km2",
        "acre" => "acre",
        "hectare" => "ha",
        "gram" => "g",
        "kilogram" => "kg",
        "milligram" => "mg",
        "ton" => "t",
        "ounce" => "oz",
        "litre" | "liter" => "l",
        "millilitre" | "milliliter" => "ml",
        "centilitre" => "cl",
        "hectolitre" => "hl",
        "gallon" => "gal",
        "barrel" => "bbl",
        "cubic foot" => "cuft",
        "cubic meter" => "m3",
        "cup" => "cup",
        "tablespoon" => "tbsp",
        "teaspoon" => "tsp",
        "kilometer per hour" => "km/h",
        "mile per hour" => "mph",
        "celsius" | "c" => "C",
        "fahrenheit" | "f" => "F",
        "kelvin" | "k" => "K",
        "degree" => "deg",
        _ => return None,
    })
}

fn grain_seconds(grain: &str) -> Option<f64> {
    Some(match grain.to_ascii_lowercase().as_str() {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86400.0,
        "week" => 604800.0,
        "month" => 2592000.0,
        "quarter" => 7776000.0,
        "year" => 31536000.0,
        _ => return None,
    })
}

fn num(s: &str) -> Option<f64> {
    s.trim()
        .trim_matches(|c| c == '(' || c == ')')
        .trim()
        .parse()
        .ok()
}

/// Duckling's value expression ("NumeralValue (-1.2e6)", "simple EUR 20", ...).
fn duckling_want(raw: &str) -> Result<Want, &'static str> {
    let (head, rest) = raw.split_once(' ').ok_or("unparsable")?;
    match head {
        "NumeralValue" => Ok(Want::Number {
            value: num(rest).ok_or("unparsable")?,
            ordinal: false,
        }),
        "OrdinalData" => Ok(Want::Number {
            value: num(rest).ok_or("unparsable")?,
            ordinal: true,
        }),
        "DurationData" => {
            let (v, g) = rest.split_once(' ').ok_or("unparsable")?;
            Ok(Want::Duration {
                seconds: num(v).ok_or("unparsable")? * grain_seconds(g).ok_or("unparsable")?,
                about: false,
            })
        }
        "simple" | "under" | "above" => {
            let (u, v) = rest.split_once(' ').ok_or("unparsable")?;
            if u == "Unnamed" {
                return Err("unnamed-currency");
            }
            let v = v.split(" (Just").next().unwrap_or(v);
            let v = v.trim_end_matches(" Nothing");
            let bound = match head {
                "under" => Some(Bound::LessThan),
                "above" => Some(Bound::MoreThan),
                _ => None,
            };
            Ok(Want::Measure {
                value: num(v).ok_or("unparsable")?,
                unit: unit_code(u).ok_or("unknown-unit")?,
                bound,
            })
        }
        "between" => {
            let (u, v) = rest.split_once(' ').ok_or("unparsable")?;
            let (a, b) = v
                .trim_matches(|c| c == '(' || c == ')')
                .split_once(',')
                .ok_or("unparsable")?;
            Ok(Want::MeasureRange {
                low: num(a).ok_or("unparsable")?,
                high: num(b).ok_or("unparsable")?,
                unit: unit_code(u).ok_or("unknown-unit")?,
            })
        }
        _ => Err("unparsable"),
    }
}

fn whole(text: &str, want: Want) -> Vec<Expected> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    vec![Expected { start, end, want }]
}

fn duckling_cases(path: &Path, lang: LangCode, scope: Scope) -> Result<Vec<Case>> {
    let json = read_json(path)?;
    let mut cases = Vec::new();
    for ex in json["examples"].as_array().into_iter().flatten() {
        let want = duckling_want(ex["expected_raw"].as_str().unwrap_or_default());
        for t in ex["texts"].as_array().into_iter().flatten() {
            let text = t.as_str().unwrap_or_default().to_owned();
            let expected = want.clone().map(|w| whole(&text, w)).and_then(|e| {
                deliberate(&text, &e, scope, false)?;
                Ok(e)
            });
            cases.push(Case {
                text,
                lang,
                expected,
            });
        }
    }
    for t in json["negative_examples"].as_array().into_iter().flatten() {
        let text = t.as_str().unwrap_or_default().to_owned();
        cases.push(Case {
            text,
            lang,
            expected: Ok(Vec::new()),
        });
    }
    Ok(cases)
}

/// rustling's check expression ("check_finance(45.0, Some(\"EUR\"), Precision::Exact)").
fn rustling_want(raw: &str) -> Result<Want, &'static str> {
    let (head, args) = raw.split_once('(').ok_or("unparsable")?;
    let args = args.trim_end_matches(')');
    let about = args.contains("Approximate");
    match head {
        "check_integer" | "check_float" => Ok(Want::Number {
            value: num(args).ok_or("unparsable")?,
            ordinal: false,
        }),
        "check_ordinal" => Ok(Want::Number {
            value: num(args).ok_or("unparsable")?,
            ordinal: true,
        }),
        "check_percentage" => Ok(Want::Measure {
            value: num(args).ok_or("unparsable")?,
            unit: "percent",
            bound: None,
        }),
        "check_temperature" | "check_finance" => {
            let mut parts = args.splitn(2, ',');
            let v = num(parts.next().unwrap_or_default()).ok_or("unparsable")?;
            let unit = parts.next().unwrap_or_default();
            let unit = unit.split('"').nth(1).ok_or("unparsable")?;
            let unit = match unit {
                "degree" => "deg",
                "KR" => return Err("unnamed-currency"),
                u => unit_code(u).ok_or("unknown-unit")?,
            };
            let bound = (head == "check_finance").then_some(if about {
                Bound::About
            } else {
                Bound::Exact
            });
            Ok(Want::Measure {
                value: v,
                unit,
                bound,
            })
        }
        "check_duration!" => {
            let list = args
                .split(']')
                .next()
                .unwrap_or_default()
                .trim_start_matches('[');
            const GRAINS: [f64; 7] = [31536000.0, 2592000.0, 604800.0, 86400.0, 3600.0, 60.0, 1.0];
            let mut seconds = 0.0;
            for (k, v) in list.split(',').enumerate() {
                seconds += num(v).ok_or("unparsable")? * GRAINS.get(k).copied().unwrap_or(0.0);
            }
            Ok(Want::Duration { seconds, about })
        }
        _ => Err("unparsable"),
    }
}

fn rustling_cases(path: &Path, scope: Scope) -> Result<Vec<Case>> {
    let json = read_json(path)?;
    let mut cases = Vec::new();
    for ex in json["examples"].as_array().into_iter().flatten() {
        let want = rustling_want(ex["expected_raw"].as_str().unwrap_or_default());
        for t in ex["texts"].as_array().into_iter().flatten() {
            let text = t.as_str().unwrap_or_default().to_owned();
            let expected = want.clone().map(|w| whole(&text, w)).and_then(|e| {
                deliberate(&text, &e, scope, false)?;
                if scope == Scope::Numbers
                    && text
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| w.eq_ignore_ascii_case("milles"))
                {
                    return Err("milles-as-thousand");
                }
                Ok(e)
            });
            cases.push(Case {
                text,
                lang: LangCode::FR,
                expected,
            });
        }
    }
    Ok(cases)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-4 * b.abs().max(1e-6)
}

fn dimension_of(q: &Quantity) -> Option<&str> {
    let si = q.si.as_ref()?;
    Some(match si.unit.as_str() {
        "km" | "km2" | "kg" | "l" | "km/h" | "arcdeg" => "dimension",
        "C" => "temperature",
        "s" => "duration",
        "percent" => "percent",
        "pp" => "percentage point",
        _ => "money",
    })
}

fn judged(scope: Scope, q: &Quantity) -> bool {
    match scope {
        Scope::Numbers => true,
        Scope::Cardinals => q.kind != QuantityKind::Ordinal,
        Scope::Ranges => q.bound != Bound::Exact || q.value_max.is_some(),
        Scope::Ordinals => q.kind == QuantityKind::Ordinal,
        Scope::Percents => dimension_of(q) == Some("percent"),
        Scope::Money => dimension_of(q) == Some("money"),
        Scope::Dimension => dimension_of(q) == Some("dimension"),
        Scope::Temperature => dimension_of(q) == Some("temperature"),
        Scope::Duration => dimension_of(q) == Some("duration"),
    }
}

fn matches(w: &Want, q: &Quantity) -> bool {
    let si_is = |value: f64, unit: &str| -> bool {
        let Some((v, u)) = quantities::to_reference(unit, value) else {
            return false;
        };
        q.si.as_ref()
            .is_some_and(|s| s.unit == u && close(s.value, v))
    };
    match *w {
        Want::Number { value, ordinal } => {
            (q.kind == QuantityKind::Ordinal) == ordinal
                && close(q.value, value)
                && q.value_max.is_none()
        }
        Want::Range {
            low,
            high,
            low_incl,
            high_incl,
        } => match (low, high) {
            // A closed range of one point ("equal to 20") is the number itself.
            (Some(a), Some(b)) if a == b && low_incl && high_incl => {
                close(q.value, a) && q.value_max.is_none() && q.bound == Bound::Exact
            }
            (Some(a), Some(b)) => {
                q.bound == Bound::Range
                    && close(q.value, a)
                    && q.value_max.is_some_and(|m| close(m, b))
            }
            (Some(a), None) => {
                close(q.value, a)
                    && q.bound
                        == if low_incl {
                            Bound::AtLeast
                        } else {
                            Bound::MoreThan
                        }
            }
            (None, Some(b)) => {
                close(q.value, b)
                    && q.bound
                        == if high_incl {
                            Bound::AtMost
                        } else {
                            Bound::LessThan
                        }
            }
            _ => false,
        },
        Want::Measure { value, unit, bound } => {
            si_is(value, unit)
                && q.value_max.is_none()
                && bound.is_none_or(|b| match b {
                    Bound::LessThan => matches!(q.bound, Bound::LessThan | Bound::AtMost),
                    Bound::MoreThan => matches!(q.bound, Bound::MoreThan | Bound::AtLeast),
                    Bound::About => q.bound == Bound::About,
                    _ => matches!(q.bound, Bound::Exact),
                })
        }
        Want::MeasureRange { low, high, unit } => {
            si_is(low, unit)
                && q.bound == Bound::Range
                && q.value_max.is_some_and(|m| close(m, high))
        }
        Want::Duration { seconds, about } => {
            q.si.as_ref()
                .is_some_and(|s| s.unit == "s" && close(s.value, seconds))
                && (!about || q.bound == Bound::About)
        }
    }
}

/// The corpora name the pound alike as money and as mass, the degree alike as temperature and
/// angle; in a dimension file they are the mass and the angle.
fn dimension_units(e: &[Expected]) -> Vec<Expected> {
    e.iter()
        .map(|x| match x.want {
            Want::Measure {
                value,
                unit: u @ ("GBP" | "deg"),
                bound,
            } => Expected {
                want: Want::Measure {
                    value,
                    unit: if u == "GBP" { "lb" } else { "arcdeg" },
                    bound,
                },
                ..x.clone()
            },
            _ => x.clone(),
        })
        .collect()
}

fn passes(scope: Scope, expected: &[Expected], got: &[Quantity]) -> bool {
    // In a range file an exact number is judged only where a one-point range ("equal to
    // 20") is expected.
    let point = |q: &Quantity| {
        expected.iter().any(|e| {
            q.range.start() < e.end
                && e.start < q.range.end()
                && matches!(e.want, Want::Range { low: Some(a), high: Some(b), .. } if a == b)
        })
    };
    let mut got: Vec<Quantity> = got
        .iter()
        .filter(|q| judged(scope, q) || (scope == Scope::Ranges && point(q)))
        .cloned()
        .collect();
    // Number files without ranges list the two ends of a range as two numbers.
    if matches!(scope, Scope::Numbers | Scope::Cardinals)
        && !expected
            .iter()
            .any(|e| matches!(e.want, Want::Range { .. }))
    {
        got = got
            .into_iter()
            .flat_map(|q| match q.value_max {
                Some(high) if q.bound == Bound::Range && q.unit.is_none() => {
                    let low = Quantity {
                        value_max: None,
                        bound: Bound::Exact,
                        ..q.clone()
                    };
                    let high = Quantity {
                        value: high,
                        ..low.clone()
                    };
                    vec![low, high]
                }
                _ => vec![q],
            })
            .collect();
    }
    if got.len() != expected.len() {
        return false;
    }
    let mut used = vec![false; got.len()];
    for e in expected {
        let found = got.iter().enumerate().position(|(k, q)| {
            !used[k] && q.range.start() < e.end && e.start < q.range.end() && matches(&e.want, q)
        });
        match found {
            Some(k) => used[k] = true,
            None => return false,
        }
    }
    true
}

fn score(
    extractor: &Extractor,
    set: &str,
    lang: &str,
    scope: Scope,
    cases: Vec<Case>,
    verbose: bool,
) -> Vec<Row> {
    let mut passed = 0;
    let mut failed = 0;
    let mut out_of_scope: BTreeMap<&'static str, usize> = BTreeMap::new();
    for case in &cases {
        let expected = match &case.expected {
            Ok(e) if scope == Scope::Dimension => &dimension_units(e),
            Ok(e) => e,
            Err(reason) => {
                *out_of_scope.entry(reason).or_default() += 1;
                continue;
            }
        };
        let got = extractor.extract(&case.text, Some(case.lang), &[]);
        if passes(scope, expected, &got) {
            passed += 1;
        } else {
            failed += 1;
            if verbose {
                let shown: Vec<String> = got
                    .iter()
                    .map(|q| {
                        format!(
                            "{:?}={}{} {} {:?} {:?}",
                            &case.text[q.range.start()..q.range.end()],
                            q.value,
                            q.value_max.map(|m| format!("..{m}")).unwrap_or_default(),
                            q.bound.as_str(),
                            q.unit,
                            q.si.as_ref().map(|s| (s.value, s.unit.as_str()))
                        )
                    })
                    .collect();
                eprintln!(
                    "FAIL {set}: {:?}\n  want {:?}\n  got  {}",
                    case.text,
                    expected.iter().map(|e| &e.want).collect::<Vec<_>>(),
                    shown.join(" ; ")
                );
            }
        }
    }
    let n = passed + failed;
    let rate = if n == 0 {
        1.0
    } else {
        passed as f64 / n as f64
    };
    let counts = Counts {
        tp: passed,
        fp: 0,
        fn_: failed,
    };
    let mut rows = vec![
        Row::new("quantities", set, lang, "case-pass", "in-scope", n, counts)
            .with_scores(rate, rate, rate),
    ];
    for (reason, count) in out_of_scope {
        rows.push(
            Row::new(
                "quantities",
                set,
                lang,
                "case-pass",
                &format!("out:{reason}"),
                count,
                Counts::default(),
            )
            .with_scores(f64::NAN, f64::NAN, f64::NAN),
        );
    }
    rows
}
