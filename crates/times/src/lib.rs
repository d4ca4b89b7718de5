//! Time expressions (`Layer::Times`): dates, clock times, durations, sets and ranges in
//! French, English and Russian, resolved against the publication date.
//!
//! # What
//!
//! [`tag`] is a pure function: text, language and an optional anchor day → sorted,
//! non-overlapping [`TimeExpr`]s with a TIMEX3-style value (`2024-04-23`, `2024-W18`,
//! `2024-05-09TEV`, `196X`, `P6M`, `XXXX-WXX-1`, `2024-01-02/2024-01-05`, `PAST_REF`) and a
//! TIMEX3 `mod` where the text gives one ("fin mars" → `2013-03`, `END`). [`TagTimes`] is the
//! stage: it reads `Document::published` as the anchor, and a publication date it cannot read
//! (or one after the day given to [`TagTimes::with_today`]) becomes a diagnostic and no anchor.
//!
//! # Key decisions
//!
//! - **Hand-written rules over our own tokens**, not a grammar engine or a model: one pass,
//!   tried only at tokens that are digits or start a vocabulary phrase (a hash lookup), the
//!   longest match wins. Text with no digit and no time word costs one tokenisation. The
//!   vocabulary phrases at every token are found once per text, in one pass (a category
//!   bit mask per token and the longest phrase of each category, three flat vectors), and
//!   every rule reads them with a bit test instead of matching phrases again.
//! - **Vocabulary is data** (`data/{fr,en,ru}.txt`: month and weekday names with the Russian
//!   case forms, units, number words, cue words), compiled once per language.
//! - **Anchoring**: relative expressions use the publication date; "dernier/last/прошлый"
//!   and "prochain/next/следующий" choose the direction, else a future-tense cue in the
//!   sentence (in English, only for what follows the cue), else the past (news reports the past): a bare weekday is the most recent one
//!   not after the publication date. English "next Wednesday" is that day of next week (the
//!   nearest one is "this (coming) Wednesday"). Anaphors ("le lendemain", "the next day", "накануне")
//!   and clock times follow the last day the text fixed. Without an anchor, what is known is
//!   kept (`XXXX-04-23`, `XXXX-WXX-2`) with `anchored: false`; vague references (`PAST_REF`,
//!   `PRESENT_REF`, `FUTURE_REF`) are never turned into dates.
//! - **Which occurrence**: a month or a day-and-month without a year is the nearest one if
//!   it is at most a quarter ahead, else the last one (unless the sentence speaks of the
//!   future); a past-tense verb right before a weekday ("said Friday", "a annoncé dimanche")
//!   outweighs a future cue elsewhere in the sentence.
//! - **Quarters** (`1989-Q3`, halves `1990-H1`): "the third quarter (of 1989)", "Q3 2024",
//!   "le premier trimestre", "в третьем квартале"; a quarter not yet begun is last year's
//!   unless the sentence speaks of the future. In a quarterly report "the quarter" is the last
//!   quarter the text named (else the last one completed) and "a year earlier" / "the
//!   year-ago quarter" that quarter a year before.
//! - **TIMEX3 conventions** where the gold corpora follow them: "aujourd'hui" without a time
//!   of day and outside the future tense is `PRESENT_REF` (ISO-TimeML, French TimeBank);
//!   "recent years", "the past few months" are `PAST_REF`; English decades take three digits
//!   (`199`, TimeML 1.2) and French ones an `X` (`199X`); weekends are `2024-W18-WE`; "within
//!   a week" is the duration `P1W`. French TimeBank does not mark ages ("Alain Dupont, 53
//!   ans", "âgée de 24 ans"), so they are not tagged in French.
//! - **Holidays** are data: a small table per language of fixed-date ("Christmas", "le 14
//!   juillet" is a date anyway), nth-weekday ("Thanksgiving", "Election Day") and Easter-based
//!   feasts ("la Pentecôte", "Пасха" on the Julian computus), resolved like a day and month.
//! - **Clock times with their day**: "noon Thursday", "10 p.m. Wednesday", "5 p.m. EST Nov. 9"
//!   are one date-time; "3 p.m. on Friday" stays two expressions (TIMEX3 style) but the time
//!   takes Friday's date. A zone stays in the span, not in the value (the time as written).
//! - **Not times** in English news: rates ("700 seats a week", "$500 million a year"),
//!   fractions ("three-quarters of its food"), ordinals ("a second group"), ages ("in his
//!   30s"), decimals ("closed at 2082.1"), numbered things ("Flight 1190", "résolution 1405"),
//!   titles ("VOA Today", "This Week" inside a sentence), idioms ("high noon", "the foreseeable
//!   future"), "quarterly" before a noun (a kind of dividend or report), and "Now," opening a
//!   sentence. "soon" is `FUTURE_REF` except in "as soon as", "soon after" and past narrative;
//!   "current" before a noun is `PRESENT_REF` (TimeBank marks it), "for years" `PXY`.
//! - **Not times in names**: a capitalised set word inside a name ("the Daily News", "the
//!   Weekly Standard"), one capitalised time word in quotes (газета «Сегодня»), and "soon
//!   after" in French and Russian too ("вскоре после", "bientôt après").
//! - **A month after a past-tense verb** of its clause ("was revealed in March", "a été
//!   signé en mars") is the last one, not the next one within a quarter.
//! - **Ranges** are one span (`2024-01-02/2024-01-05`); [`range_ends`] gives the spans of
//!   the two ends, which TIMEX3 marks as two expressions. A dash without a cue word makes a
//!   range of years ("1914-1918", "2001—2006 гг.") or of days of a month ("Dec. 6-9").
//! - **One owner per span**: this layer owns dates, years, clock times and durations of
//!   time; a number followed by a counted noun ("2000 soldats", "7500 kilomètres") or a
//!   percentage is never a year, and is left to the quantities layer.
//! - **Bad input** ("le 31 février", "99/99/9999", year 0 or 99999, "the year 99999", "в
//!   99999 году") yields no span at all,
//!   rather than a part of it read as another date; the calendar ([`Date`]) refuses years
//!   outside 1..=9999 and never wraps.
//! - **Clock ranges** take the AM/PM of their right end ("3-4pm", "3:30 to 6 PM", "from 3 to
//!   4 in the PM" → 15:00 to 16:00); two bare numbers are hours only after "de", "entre",
//!   "from", "between" and at the end of a clause ("de 14 à 16." but not "de 14 à 16 ans",
//!   "entre 2 et 5 heures de route"). A day written before a range of hours gives its date
//!   ("le 17 de 14 h à 16 h").
//! - **Written forms of days**: a month name between signs in any order ("23/Sep/2020",
//!   "2020/Sep/23", "Sep-23-2020"), day, month and year apart ("2 4 2009"), a
//!   spaced slash after a preposition or alone ("on 2 / 15"), the order of the
//!   other language when only it gives a day ("10.31.1974", "12/31/1990" in French), ordinal
//!   words ("march third", "the second of march"), a weekday with its day of the month
//!   ("Tuesday the 19th", "mardi 25": the nearest month where they meet), "le 23" and "on the
//!   15th" alone (the last such day, or the next in the future tense), "the 20th of next
//!   month", "the first Monday of this month", "the third last week of 2018", "3 fridays from
//!   now", "wednesday of next week", "the week of March 6".
//! - **Clock times in words and shorthand**: "ten thirty am", "twelve oh three", "330 p.m.",
//!   "3:15p", "twenty after 3pm", "sept du matin", "8 h et vingt minutes dans la soirée";
//!   "this evening at eight" reads the hour in that part of day. "dans les 2h", "in 1h" are
//!   lengths, "2.5 hours", "1/2 hour", "half an hour" durations.
//! - **Composed and short forms**: "2014-10" and "2014/10" are a month (not "2010-11", two
//!   years), "14 a.d." and "79 AD" years, "at 1030 GMT" a clock time (not year 1030), "mid
//!   day" noon, "ten-thirty" (and "ten thirty" as a segment of its own) a clock time without a
//!   cue; "in 7 days at 5pm" the time on that
//!   day (without the time, "in 7 days" stays a duration), "three days after Easter" and
//!   "the third Tuesday after Christmas 2014" the day counted from the day named, "15
//!   minutes from 1pm", "March after next", "March in a year", "Jul 18, Fri" (the weekday
//!   picks the year), "the rest of the week", "the end of around next week", "Mai
//!   vingt-neuf", "novembre 19-20". A month name or a part of the day that is a segment of
//!   its own ("May", "Morning.": a heading, a table cell) is that month or part of the day;
//!   within a sentence "May" needs a cue ("in May") and "morning" a determiner.
//! - **Own calendar arithmetic** (`calendar`, ~100 lines): days from civil, weekday, ISO
//!   week, month lengths; no date crate, as nothing here needs time zones.

mod calendar;
mod lexicon;
mod tagger;

pub use calendar::Date;

use doc::{Diagnostic, Document, LangCode, Layer, Stage, TextRange, TimeExpr};
use lexicon::Lang;

/// The vocabularies to try for a document in `lang`: its own, the three when it is unknown,
/// none for another language.
fn vocabularies(lang: Option<LangCode>) -> &'static [Lang] {
    match lang {
        Some(LangCode::FR) => &[Lang::Fr],
        Some(LangCode::EN) => &[Lang::En],
        Some(LangCode::RU) => &[Lang::Ru],
        Some(_) => &[],
        None => &[Lang::Fr, Lang::En, Lang::Ru],
    }
}

/// Tags the time expressions of `text`. `lang` chooses the vocabulary (French, English,
/// Russian; `None` tries the three; any other language gives nothing); relative expressions
/// are resolved against `anchor`. The result is sorted, non-overlapping, each span non-empty,
/// on char boundaries and without surrounding white space.
pub fn tag(text: &str, lang: Option<LangCode>, anchor: Option<Date>) -> Vec<TimeExpr> {
    let langs = vocabularies(lang);
    let mut all: Vec<TimeExpr> = langs
        .iter()
        .flat_map(|&l| tagger::tag_lang(text, l, anchor))
        .collect();
    if langs.len() > 1 {
        all.sort_by(|a, b| {
            a.range
                .start()
                .cmp(&b.range.start())
                .then(b.range.end().cmp(&a.range.end()))
        });
    }
    let mut out: Vec<TimeExpr> = Vec::with_capacity(all.len());
    for t in all {
        let ok = t.range.start() < t.range.end()
            && out.last().is_none_or(|p| p.range.end() <= t.range.start());
        if ok {
            out.push(t);
        }
    }
    out
}

/// The two ends of a range expression (`kind` range) found by [`tag`] in `text`: their byte
/// ranges in `text`, in order. TIMEX3 marks the ends of "de 18 h à 23 h" or "from 1991 to
/// 1997" as two expressions; this lets a scorer compare our one range span with them.
/// `None` when `expr` is not a range this tagger can split.
pub fn range_ends(text: &str, lang: Option<LangCode>, expr: &TimeExpr) -> Option<[TextRange; 2]> {
    if expr.kind != doc::TimeKind::Range {
        return None;
    }
    let (s, e) = (expr.range.start(), expr.range.end());
    let span = text.get(s..e)?;
    let langs = vocabularies(lang);
    langs.iter().find_map(|&l| {
        let [(a, b), (c, d)] = tagger::range_ends(span, l)?;
        Some([TextRange::new(s + a, s + b), TextRange::new(s + c, s + d)])
    })
}

/// Reads a publication date: `YYYY-MM-DD`, optionally followed by a time (`T` or a space) and
/// a zone (`Z`, `±HH:MM`, `±HHMM`, `±HH`). Returns the day, or why it cannot be used.
pub fn parse_published(published: &str) -> Result<Date, String> {
    let s = published.trim();
    let Some(date) = Date::parse_iso_prefix(s) else {
        return Err(format!(
            "publication date {published:?} is not an ISO 8601 date (YYYY-MM-DD) within years 1..9999"
        ));
    };
    let rest = &s[10..];
    if rest.is_empty() {
        return Ok(date);
    }
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return Err(format!(
            "publication date {published:?}: unexpected text after the date"
        ));
    };
    let clock_len = time
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(time.len());
    let (clock, zone) = time.split_at(clock_len);
    let parts: Vec<&str> = clock.split(':').collect();
    let valid_clock = (2..=3).contains(&parts.len())
        && parts[0].len() == 2
        && parts[0].parse::<u32>().is_ok_and(|h| h <= 24)
        && parts[1].len() == 2
        && parts[1].parse::<u32>().is_ok_and(|m| m <= 59);
    if !valid_clock {
        return Err(format!(
            "publication date {published:?}: invalid time of day"
        ));
    }
    let zone = zone.trim();
    let known_zone = zone.is_empty()
        || zone.eq_ignore_ascii_case("z")
        || zone.eq_ignore_ascii_case("utc")
        || zone.eq_ignore_ascii_case("gmt")
        || {
            let b = zone.as_bytes();
            matches!(b.first(), Some(b'+' | b'-'))
                && zone[1..].bytes().all(|c| c.is_ascii_digit() || c == b':')
                && matches!(zone.len(), 3 | 5 | 6)
                && zone[1..3].parse::<u32>().is_ok_and(|h| h <= 14)
        };
    if !known_zone {
        return Err(format!(
            "publication date {published:?}: unknown time zone {zone:?}; the day is kept as written"
        ));
    }
    Ok(date)
}

/// The stage: tags time expressions and resolves them against `Document::published`.
#[derive(Default)]
pub struct TagTimes {
    today: Option<Date>,
}

impl TagTimes {
    /// The stage with its tables built. Publication dates are checked for form only.
    pub fn new() -> TagTimes {
        for l in [Lang::Fr, Lang::En, Lang::Ru] {
            lexicon::lexicon(l);
        }
        TagTimes { today: None }
    }

    /// The stage, refusing publication dates after `today` (given by the caller, so the stage
    /// stays deterministic and reads no clock).
    pub fn with_today(today: Date) -> TagTimes {
        let mut stage = TagTimes::new();
        stage.today = Some(today);
        stage
    }

    /// The anchor of `doc` and the diagnostic explaining why there is none, if any.
    fn anchor(&self, published: Option<&str>) -> (Option<Date>, Option<String>) {
        let Some(p) = published else {
            return (None, None);
        };
        match parse_published(p) {
            Ok(d) => {
                if let Some(today) = self.today
                    && d.days() > today.days() + 1
                {
                    return (
                        None,
                        Some(format!(
                            "publication date {p:?} is in the future (after {}); relative dates left unresolved",
                            today.ymd()
                        )),
                    );
                }
                if !(1800..=2200).contains(&d.year) {
                    return (
                        None,
                        Some(format!(
                            "publication date {p:?} is implausible for a news text; relative dates left unresolved"
                        )),
                    );
                }
                (Some(d), None)
            }
            Err(why) if why.contains("unknown time zone") => {
                (Date::parse_iso_prefix(p.trim()), Some(why))
            }
            Err(why) => (None, Some(format!("{why}; relative dates left unresolved"))),
        }
    }
}

impl Stage for TagTimes {
    fn name(&self) -> &'static str {
        "times.v1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Tokens, Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn run(&self, doc: &mut Document) {
        let (anchor, diagnostic) = self.anchor(doc.published.as_deref());
        if let Some(message) = diagnostic {
            doc.diagnostics.push(Diagnostic::new("times.v1", message));
        }
        let times = tag(doc.text(), doc.lang_code(), anchor);
        doc.put_times(times);
    }
}
