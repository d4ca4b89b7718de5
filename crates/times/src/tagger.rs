//! The tagger: tokens → time expressions, resolved against the anchor and the last date the
//! text fixed. One left-to-right pass; at each token that can start an expression every rule
//! is tried and the longest match wins.

use doc::{TextRange, TimeExpr, TimeKind};

use crate::calendar::Date;
use crate::lexicon::{Cat, Lang, Lexicon, Matches, Shape, Tok, lexicon};

/// Direction given by a cue ("dernier", "next", "прошлый") or by the tense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    None,
    This,
    Last,
    Next,
}

/// A calendar point as written, before resolution.
#[derive(Clone, Copy, Debug, Default)]
struct Point {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<u32>,
}

impl Point {
    /// A calendar day, if it exists ("le 31 février" does not).
    fn day(year: i32, month: u32, day: u32) -> Option<Point> {
        Date::new(year, month, day)?;
        Some(Point {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            weekday: None,
        })
    }
}

/// A match: token range, what it denotes.
#[derive(Clone, Debug)]
struct Hit {
    start: usize,
    end: usize,
    kind: TimeKind,
    value: String,
    anchored: bool,
    modifier: Option<&'static str>,
    /// The day it fixes for later anaphors and clock times.
    fixes: Option<Date>,
    /// Day granularity: a part of day or a clock time may be appended to `value`.
    is_day: bool,
    /// Names a quarter outright ("the third quarter"): later "a year earlier" refers to it.
    names_quarter: bool,
}

impl Hit {
    fn new(start: usize, end: usize, kind: TimeKind, value: String, anchored: bool) -> Hit {
        Hit {
            start,
            end,
            kind,
            value,
            anchored,
            modifier: None,
            fixes: None,
            is_day: false,
            names_quarter: false,
        }
    }
}

/// Either a match or a stretch of tokens that looked like a date but is not one ("le 31
/// février", "99/99/9999"): skipped whole so that no part of it is read as another date.
enum Found {
    Hit(Hit),
    Skip(usize),
}

struct Parser<'a> {
    toks: &'a [Tok],
    /// The lexicon's phrases at every token, found once per text.
    m: &'a Matches,
    text: &'a str,
    lex: &'static Lexicon,
    lang: Lang,
    anchor: Option<Date>,
    reference: Option<Date>,
    future: Vec<bool>,
    sentence_start: Vec<bool>,
    /// The last quarter the text named (`1989-Q3`): "a year earlier" in a quarterly report
    /// means the same quarter of the year before.
    quarter: Option<(i32, u32)>,
}

/// Tags `text` in `lang`; relative expressions are resolved against `anchor`.
pub fn tag_lang(text: &str, lang: Lang, anchor: Option<Date>) -> Vec<TimeExpr> {
    let lex = lexicon(lang);
    let toks = lex.tokenize(text);
    let m = lex.matches(&toks);
    let (future, sentence_start) = tense(&toks, text, &m, lang);
    let mut p = Parser {
        toks: &toks,
        m: &m,
        text,
        lex,
        lang,
        anchor,
        reference: anchor,
        future,
        sentence_start,
        quarter: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.shape != Shape::Num
            && !lex.begins(t)
            && t.norm != "tonight"
            && t.norm != "tonite"
            && t.norm != "q"
            && t.norm != "rest"
            && t.norm != "remainder"
            && !(t.cap && roman(t.norm.trim_end_matches("ème").trim_end_matches('e')).is_some())
        {
            i += 1;
            continue;
        }
        match p.best(i) {
            Some(Found::Hit(hit)) if hit.end > i => {
                if let Some(d) = hit.fixes {
                    p.reference = Some(d);
                }
                if hit.names_quarter
                    && let Some(q) = parse_quarter(&hit.value)
                {
                    p.quarter = Some(q);
                }
                i = hit.end;
                let (start, end) = (toks[hit.start].start, toks[hit.end - 1].end);
                out.push(TimeExpr {
                    range: TextRange::new(start, end),
                    kind: hit.kind,
                    value: hit.value,
                    anchored: hit.anchored,
                    modifier: hit.modifier,
                });
            }
            Some(Found::Skip(end)) if end > i => i = end,
            _ => i += 1,
        }
    }
    out
}

/// The byte spans of the two ends of a range written at the start of `text` ("de 18 h à
/// 23 h" → "18 h", "23 h"), as TIMEX3 marks them.
pub fn range_ends(text: &str, lang: Lang) -> Option<[(usize, usize); 2]> {
    let lex = lexicon(lang);
    let toks = lex.tokenize(text);
    let m = lex.matches(&toks);
    let (future, sentence_start) = tense(&toks, text, &m, lang);
    let p = Parser {
        toks: &toks,
        m: &m,
        text,
        lex,
        lang,
        anchor: None,
        reference: None,
        future,
        sentence_start,
        quarter: None,
    };
    let (ls, left, rs, right) = p.range_pieces(0)?;
    if left.0 <= ls || right.0 <= rs {
        return None;
    }
    Some([
        (toks[ls].start, toks[left.0 - 1].end),
        (toks[rs].start, toks[right.0 - 1].end),
    ])
}

/// Per token: whether its sentence speaks of the future, and whether it starts a sentence.
fn tense(toks: &[Tok], text: &str, m: &Matches, lang: Lang) -> (Vec<bool>, Vec<bool>) {
    let mut future = vec![false; toks.len()];
    let mut starts = vec![false; toks.len()];
    let mut begin = 0;
    let mut flag = false;
    for k in 0..toks.len() {
        let new_sentence = k == 0
            || (k > 0 && {
                let prev = &toks[k - 1];
                (matches!(prev.norm.as_str(), "!" | "?")
                    || (prev.norm == "." && !(k >= 2 && abbreviation(&toks[k - 2], m, k - 2))))
                    || text
                        .get(prev.end..toks[k].start)
                        .is_some_and(|gap| gap.contains('\n'))
            });
        if new_sentence && k > 0 {
            for f in &mut future[begin..k] {
                *f = flag;
            }
            begin = k;
            flag = false;
        }
        starts[k] = new_sentence;
        if m.is(k, Cat::Future) || (lang == Lang::Fr && fr_future_form(&toks[k].norm)) {
            // English: a cue speaks for what follows it in the sentence ("On Friday, the
            // government planned to pay" is a past Friday); French and Russian place the
            // verb more freely, so the cue speaks for the whole sentence.
            if lang == Lang::En && !flag {
                begin = k;
            }
            flag = true;
        }
    }
    for f in &mut future[begin..] {
        *f = flag;
    }
    (future, starts)
}

/// Whether a word before a full stop is an abbreviation, so the stop does not end the
/// sentence: one letter ("p.m.", "U.S."), a short month or weekday name ("Nov.", "Tue."), a
/// title ("Mr.", "Dr.", "Gen.").
fn abbreviation(t: &Tok, m: &Matches, i: usize) -> bool {
    if t.shape != Shape::Word {
        return false;
    }
    let n = t.norm.chars().count();
    n == 1
        || (n <= 4 && (m.is(i, Cat::Month) || m.is(i, Cat::Weekday)))
        || matches!(
            t.norm.as_str(),
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "st"
                | "jr"
                | "sr"
                | "gen"
                | "sen"
                | "rep"
                | "gov"
                | "lt"
                | "col"
                | "sgt"
                | "mt"
                | "ft"
                | "vs"
                | "no"
                | "m"
                | "mme"
                | "mlle"
                | "г"
                | "гг"
                | "ул"
        )
}

fn fr_future_form(w: &str) -> bool {
    let n = w.chars().count();
    n >= 5
        && [
            "eront", "iront", "ndront", "era", "ira", "ndra", "rons", "erez", "rai",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

const ORDINAL_SUFFIXES: &[&str] = &["er", "re", "e", "st", "nd", "rd", "th", "ème", "eme"];

fn pod_of(norm: &str) -> Option<&'static str> {
    match norm {
        "MO" => Some("MO"),
        "AF" => Some("AF"),
        "EV" => Some("EV"),
        "NI" => Some("NI"),
        "MI" => Some("MI"),
        _ => None,
    }
}

/// A unit value from the lexicon: multiplier and letter (`Y`, `M`, `W`, `D`, `H`, `MIN`, `S`).
fn unit_parts(v: &str) -> Option<(u64, &str)> {
    let split = v.find(|c: char| !c.is_ascii_digit())?;
    let n: u64 = v[..split].parse().ok()?;
    Some((n, &v[split..]))
}

fn duration_value(n: Option<u64>, mult: u64, unit: &str) -> String {
    let amount = match n {
        Some(n) => n.saturating_mul(mult).to_string(),
        None => "X".to_owned(),
    };
    let amount = if n.is_none() && mult != 1 {
        // "quelques décennies": a multiple of the unit with the count unknown.
        "X".to_owned()
    } else {
        amount
    };
    match unit {
        "H" => format!("PT{amount}H"),
        "MIN" => format!("PT{amount}M"),
        "S" => format!("PT{amount}S"),
        u => format!("P{amount}{u}"),
    }
}

impl Parser<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    #[inline(always)]
    fn at(&self, i: usize, cat: Cat) -> Option<(usize, &'static str)> {
        self.m.at(i, cat)
    }

    /// Whether tokens `i` and `i + 1` touch (no space between).
    fn glued(&self, i: usize) -> bool {
        self.tok(i + 1).is_some_and(|t| !t.space_before)
    }

    fn best(&self, i: usize) -> Option<Found> {
        self.best_at(i, false)
    }

    fn best_at(&self, i: usize, nested: bool) -> Option<Found> {
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| {
            if let Some(h) = h
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        match self.numeric_date(i) {
            Some(Found::Skip(e)) => return Some(Found::Skip(e)),
            Some(Found::Hit(h)) => consider(Some(self.with_clock(h))),
            None => {}
        }
        match self.date_expr(i) {
            Some(Found::Skip(e)) => return Some(Found::Skip(e)),
            Some(Found::Hit(h)) => consider(Some(h)),
            None => {}
        }
        consider(self.year_month(i));
        consider(self.era_year(i));
        consider(self.month_day_range(i));
        consider(self.year_expr(i));
        consider(self.loose_numeric_date(i));
        consider(self.mixed_date(i));
        consider(self.day_of_month(i));
        consider(self.nth_of_month(i));
        consider(self.day_of_relative_month(i));
        consider(self.counted_weekdays(i));
        consider(self.weekday_of_week(i));
        consider(self.following_unit(i));
        consider(self.period_abbreviation(i));
        consider(self.week_of(i));
        // rules that start with digits only
        let digits = self.tok(i).is_some_and(|t| t.shape == Shape::Num);
        if digits {
            consider(self.glued_quarter(i));
            consider(self.decimal_duration(i));
            consider(self.fraction_hour(i));
            consider(self.clock_set(i));
        }
        if !nested {
            consider(self.range(i));
            consider(self.modified(i));
        }
        consider(self.relative_unit(i));
        consider(self.days_ahead_at_clock(i));
        consider(self.days_from_date(i));
        consider(self.rest_of_unit(i));
        consider(self.nth_weekday_after(i));
        consider(self.deictic(i));
        consider(self.anaphor(i));
        consider(self.duration_expr(i));
        consider(self.set(i));
        consider(self.vague(i));
        consider(self.bare_units(i));
        consider(self.clock_expr(i, true));
        consider(self.decade(i));
        consider(self.century(i));
        consider(self.season(i));
        consider(self.det_pod(i));
        consider(self.quarter_expr(i));
        consider(self.weekend(i));
        consider(self.at(i, Cat::Term).map(|(e, v)| {
            // "le quinquennat", "un semestre": a term of office or of the calendar
            Hit::new(i, e, TimeKind::Duration, v.to_owned(), true)
        }));
        consider(self.holiday(i));
        consider(self.year_words(i));
        consider(self.the_year(i));
        // one capitalised word in quotes is a name: газета «Сегодня», le journal « Demain »
        if let Some(h) = &best
            && h.end == i + 1
            && i > 0
            && self.tok(i).is_some_and(|t| t.cap && t.shape == Shape::Word)
            && matches!(self.norm(i - 1), "\"" | "«" | "“" | "„")
            && matches!(self.norm(i + 1), "\"" | "»" | "”" | "“")
        {
            return None;
        }
        best.map(Found::Hit)
    }

    // ---------------------------------------------------------------- resolution

    /// The year of a day and month without one: the direction, else the tense, else the
    /// nearest to the anchor.
    fn year_for(&self, anchor: Date, month: u32, day: u32, dir: Dir, future: bool) -> Option<i32> {
        let mut best: Option<(i64, i32)> = None;
        for y in [anchor.year - 1, anchor.year, anchor.year + 1] {
            let Some(d) = Date::new(y, month, day) else {
                continue;
            };
            let diff = d.days() - anchor.days();
            let ok = match dir {
                Dir::Last => diff < 0,
                Dir::Next => diff > 0,
                _ if future => diff >= -1,
                _ => true,
            };
            if !ok {
                continue;
            }
            let cost = if dir == Dir::Next || (dir != Dir::Last && future) {
                diff.abs()
            } else if diff > 0 {
                // A past-leaning text: a future date wins only when nearer and at most a
                // quarter ahead.
                if diff > 92 { diff * 10 } else { diff }
            } else {
                -diff
            };
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, y));
            }
        }
        best.map(|(_, y)| y)
    }

    fn weekday_near(&self, anchor: Date, wd: u32, dir: Dir, future: bool) -> Option<Date> {
        let cur = i64::from(anchor.weekday());
        let wd = i64::from(wd);
        let back = (cur - wd).rem_euclid(7); // days back to the latest such day ≤ anchor
        let fwd = (wd - cur).rem_euclid(7); // days forward to the earliest ≥ anchor
        let offset = match dir {
            Dir::Last => -(if back == 0 { 7 } else { back }),
            Dir::Next => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            _ if future => fwd,
            _ => -back,
        };
        anchor.add_days(offset)
    }

    /// Resolves a point with a direction: `(value, anchored, fixed day)`.
    fn resolve(&self, p: Point, dir: Dir, future: bool) -> Option<(String, bool, Option<Date>)> {
        match (p.year, p.month, p.day) {
            (Some(y), Some(m), Some(d)) => {
                let date = Date::new(y, m, d)?;
                Some((date.ymd(), true, Some(date)))
            }
            (None, Some(m), Some(d)) => {
                // Checked in a leap year: "29 février" exists in some year.
                Date::new(2000, m, d)?;
                match self.anchor {
                    Some(a) => {
                        let y = match p.weekday {
                            Some(wd) if dir == Dir::None => [a.year, a.year - 1, a.year + 1]
                                .into_iter()
                                .find(|&y| Date::new(y, m, d).is_some_and(|x| x.weekday() == wd))
                                .or_else(|| self.year_for(a, m, d, dir, future))?,
                            _ => self.year_for(a, m, d, dir, future)?,
                        };
                        let date = Date::new(y, m, d)?;
                        Some((date.ymd(), true, Some(date)))
                    }
                    None => Some((format!("XXXX-{m:02}-{d:02}"), false, None)),
                }
            }
            (Some(y), Some(m), None) => Some((format!("{y:04}-{m:02}"), true, None)),
            (None, Some(m), None) => match self.anchor {
                Some(a) => {
                    let (ay, am) = (a.year, a.month);
                    let y = match dir {
                        Dir::Last => {
                            if m < am {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                        Dir::Next => {
                            if m > am {
                                ay
                            } else {
                                ay + 1
                            }
                        }
                        Dir::This => ay,
                        Dir::None if future => {
                            if m >= am {
                                ay
                            } else {
                                ay + 1
                            }
                        }
                        // the nearest such month if it is at most a quarter ahead, else the
                        // past (news reports the past); a tie goes to the past
                        Dir::None => {
                            let fwd = (m + 12 - am) % 12;
                            let back = (am + 12 - m) % 12;
                            if back == 0 {
                                ay
                            } else if fwd < back && fwd <= 3 {
                                if m > am { ay } else { ay + 1 }
                            } else if m < am {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                    };
                    Some((format!("{y:04}-{m:02}"), true, None))
                }
                None => Some((format!("XXXX-{m:02}"), false, None)),
            },
            (Some(y), None, None) => Some((format!("{y:04}"), true, None)),
            (None, None, Some(d)) => {
                // a weekday and a day of the month: the nearest month where they meet (in
                // the future tense, the next one)
                let wd = p.weekday?;
                let Some(a) = self.anchor else {
                    return Some((format!("XXXX-XX-{d:02}"), false, None));
                };
                let first = Date::new(a.year, a.month, 1)?;
                let date = (-12i64..=12)
                    .filter_map(|k| {
                        let m = first.add_months(k)?;
                        Date::new(m.year, m.month, d).filter(|x| x.weekday() == wd)
                    })
                    .filter(|x| !(future || dir == Dir::Next) || x.days() >= a.days())
                    .filter(|x| dir != Dir::Last || x.days() <= a.days())
                    .min_by_key(|x| ((x.days() - a.days()).abs(), x.days() > a.days()))?;
                Some((date.ymd(), true, Some(date)))
            }
            (None, None, None) => {
                let wd = p.weekday?;
                match self.anchor {
                    Some(a) => {
                        let d = self.weekday_near(a, wd, dir, future)?;
                        Some((d.ymd(), true, Some(d)))
                    }
                    None => Some((format!("XXXX-WXX-{wd}"), false, None)),
                }
            }
            _ => None,
        }
    }

    // ---------------------------------------------------------------- pieces

    /// A day of the month: `23`, `1er`, `1st`, `5-го`, `premier`; the index after it.
    fn day_number(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        if t.norm == "premier" || t.norm == "first" {
            return Some((i + 1, 1));
        }
        // "third", "twenty-first" (English)
        if t.shape == Shape::Word
            && self.lang == Lang::En
            && t.norm.len() >= 5
            && (t.norm.ends_with(['t', 'd', 'h']) || t.norm.starts_with('t'))
            && let Some((e, v)) = self.at(i, Cat::DayOrd)
        {
            return Some((e, v.parse().ok()?));
        }
        // "1 er mai" (a space inside "1er", and "ler" as scanned newsprint reads it), before
        // a month only
        if self.lang == Lang::Fr {
            let j = match t.norm.as_str() {
                "1" if self.norm(i + 1) == "er" => i + 2,
                "ler" if i > 0 && matches!(self.norm(i - 1), "le" | "au" | "du") => i + 1,
                _ => 0,
            };
            if j > 0 && self.m.is(j, Cat::Month) {
                return Some((j, 1));
            }
        }
        if t.shape != Shape::Num || t.norm.len() > 2 {
            return None;
        }
        let d = t.num()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.glued(i) {
            let next = self.norm(j);
            if ORDINAL_SUFFIXES.contains(&next) {
                j += 1;
            } else if next == "-"
                && self.glued(j)
                && matches!(self.norm(j + 1), "го" | "е" | "ое" | "ого")
            {
                j += 2;
            } else if self.tok(j).is_some_and(|t| t.shape != Shape::Sign)
                && !(self.lang == Lang::En && self.m.is(j, Cat::Month))
            {
                // "14april 2015" is a day and a month run together; "5km" is not a day
                return None;
            }
        }
        Some((j, d))
    }

    /// A written year after a month or a day: four digits (1..=9999 checked later), or two.
    /// `Err` when digits follow that cannot be a year (so the date is not read at all).
    fn year_after(&self, i: usize) -> Result<Option<(usize, i32)>, ()> {
        let Some(t) = self.tok(i) else {
            return Ok(None);
        };
        if t.shape != Shape::Num {
            return Ok(None);
        }
        if self.glued(i) && self.tok(i + 1).is_some_and(|n| n.shape == Shape::Word) {
            return Ok(None);
        }
        let y = match t.norm.len() {
            4 => t.num().and_then(|y| i32::try_from(y).ok()).ok_or(())?,
            2 => {
                let v = i32::try_from(t.num().ok_or(())?).map_err(|_| ())?;
                let base = self.anchor.map_or(2000, |a| a.year);
                if (2000 + v) <= base + 10 {
                    2000 + v
                } else {
                    1900 + v
                }
            }
            3 | 5.. => return Err(()),
            _ => return Ok(None),
        };
        if !(1..=9999).contains(&y) {
            return Err(());
        }
        let mut j = i + 1;
        if let Some((e, _)) = self.at(j, Cat::Year)
            && self.lang == Lang::Ru
        {
            j = e;
        }
        Ok(Some((j, y)))
    }

    fn month_at(&self, i: usize, bare: bool) -> Option<(usize, u32)> {
        let (e, v) = self.at(i, Cat::Month)?;
        let t = self.tok(i)?;
        let m: u32 = v.parse().ok()?;
        if self.lang == Lang::En
            && !t.cap
            && (e != i + 1 || matches!(t.norm.as_str(), "may" | "march" | "jan" | "dec" | "sept"))
            && (bare || !self.lower_month_with_day(i, e))
        {
            return None;
        }
        if bare {
            // A month alone: "May" and "Mars" are also a verb and a planet.
            if self.lang == Lang::En && (t.norm == "may" || t.norm == "march") {
                let prev_ok = i > 0
                    && (self.m.is(i - 1, Cat::YearPrev)
                        || self.m.is(i - 1, Cat::Last)
                        || self.m.is(i - 1, Cat::Next)
                        || self.m.is(i - 1, Cat::This)
                        || self.norm(i - 1) == "mid")
                    || (self.norm(e) == "after" && self.norm(e + 1) == "next")
                    || self.in_years(e).is_some();
                if !(prev_ok || (t.cap && self.alone(i, e))) {
                    return None;
                }
            }
            if self.lang == Lang::Fr && t.cap && !self.sentence_start[i] && t.norm == "mars" {
                return None;
            }
            if self.lang == Lang::Ru && t.cap && !self.sentence_start[i] {
                return None;
            }
            if e == i + 1 && t.norm.chars().count() < 3 {
                return None;
            }
            // An abbreviation alone ("dec", "jan") is too ambiguous.
            if v.is_empty() || (e == i + 1 && t.norm.len() <= 4 && !is_full_month(&t.norm)) {
                return None;
            }
        }
        Some((e, m))
    }

    /// English "in a year", "in 2 years" ending the clause after a month ("March in a
    /// year"): the index after it and the count of years (not "in March in a year of unrest").
    fn in_years(&self, i: usize) -> Option<(usize, i32)> {
        if self.lang != Lang::En || self.norm(i) != "in" {
            return None;
        }
        let (e, n) = self.count(i + 1)?;
        let (e2, u) = self.at(e, Cat::Unit)?;
        let n = i32::try_from(n?).ok().filter(|n| (1..=10).contains(n))?;
        (u == "1Y" && self.tok(e2).is_none_or(|t| t.shape == Shape::Sign)).then_some((e2, n))
    }

    /// Whether tokens `i..e` make a segment of their own: a heading, a table cell, a line or a
    /// sentence with nothing else but a final stop ("May", "Morning."). There "May" cannot
    /// be the modal nor "morning" part of a noun phrase, for want of anything around them.
    fn alone(&self, i: usize, e: usize) -> bool {
        let ends = |k: usize| k >= self.toks.len() || self.sentence_start[k];
        self.sentence_start[i]
            && (ends(e) || (matches!(self.norm(e), "." | "!" | "?" | ":" | ";") && ends(e + 1)))
    }

    /// A lower-case "march", "may", "dec" read as a month only before a day number that
    /// ends the phrase ("march 3", "may 5 at 10am"), not after a pronoun or a modal ("they
    /// march 3 miles", "it may 2 times").
    fn lower_month_with_day(&self, i: usize, e: usize) -> bool {
        if e != i + 1 {
            return false;
        }
        if i > 0
            && matches!(
                self.norm(i - 1),
                "i" | "you"
                    | "we"
                    | "they"
                    | "he"
                    | "she"
                    | "it"
                    | "who"
                    | "to"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "might"
                    | "must"
                    | "should"
                    | "and"
                    | "or"
            )
        {
            return false;
        }
        let Some((j, _)) = self.day_number(e) else {
            return false;
        };
        match self.tok(j) {
            None => true,
            Some(t) if t.shape != Shape::Word => true,
            Some(t) => {
                t.cap
                    || matches!(
                        t.norm.as_str(),
                        "at" | "in"
                            | "on"
                            | "from"
                            | "to"
                            | "till"
                            | "until"
                            | "through"
                            | "this"
                            | "next"
                            | "last"
                            | "of"
                            | "morning"
                            | "afternoon"
                            | "evening"
                            | "night"
                    )
            }
        }
    }

    fn weekday_at(&self, i: usize) -> Option<(usize, u32)> {
        let (e, v) = self.at(i, Cat::Weekday)?;
        let t = self.tok(i)?;
        // lower case only for abbreviations that are no English word ("thu.", not "sat.")
        if self.lang == Lang::En
            && !t.cap
            && e != i + 1
            && !matches!(
                t.norm.as_str(),
                "mon" | "tue" | "tues" | "wed" | "thu" | "thurs" | "fri"
            )
        {
            return None;
        }
        // a short name without its stop: capitalised, before a comma, a number or a month
        if self.lang == Lang::En
            && e == i + 1
            && t.norm.len() <= 5
            && self.norm(e) != "."
            && !(t.cap
                && (self.norm(e) == ","
                    || self.tok(e).is_some_and(|x| x.shape == Shape::Num)
                    || self.at(e, Cat::Month).is_some()))
        {
            return None;
        }
        Some((e, v.parse().ok()?))
    }

    /// Skips a comma.
    fn comma(&self, i: usize) -> usize {
        if self.norm(i) == "," { i + 1 } else { i }
    }

    /// A calendar point as written: weekday, day, month, year in the orders of the language.
    /// `Err(end)` for a date that does not exist.
    fn point(&self, i: usize, bare_day: bool) -> Option<Result<(usize, Point), usize>> {
        let mut p = Point::default();
        let mut j = i;
        if let Some((e, wd)) = self.weekday_at(j) {
            p.weekday = Some(wd);
            j = self.comma(e);
        }
        // the 5th of May
        let mut k = j;
        if self.lang == Lang::En && self.norm(k) == "the" && self.day_number(k + 1).is_some() {
            k += 1;
        }
        if let Some((e, d)) = self.day_number(k) {
            let mut m_at = e;
            if matches!(self.norm(m_at), "de" | "of") {
                m_at += 1;
            }
            // "the 1st of march": after "of", a lower-case month is the month
            let month = self.month_at(m_at, false).or_else(|| {
                let (e2, v) = self.at(m_at, Cat::Month).filter(|_| m_at > e)?;
                Some((e2, v.parse().ok()?))
            });
            if let Some((e2, m)) = month {
                p.day = Some(d);
                p.month = Some(m);
                let mut end = e2;
                let mut y_at = self.comma(e2);
                // "le 23 novembre de 1987"
                if y_at == e2
                    && matches!(self.norm(y_at), "de" | "of")
                    && self.tok(y_at + 1).is_some_and(|t| t.norm.len() == 4)
                {
                    y_at += 1;
                }
                match self.year_after(y_at) {
                    Ok(Some((e3, y)))
                        if self.tok(y_at).is_some_and(|t| t.norm.len() == 4)
                            || (y_at == e2
                                && self.tok(e3).is_none_or(|t| {
                                    t.shape == Shape::Sign || t.cap || !t.space_before
                                })) =>
                    {
                        p.year = Some(y);
                        end = e3;
                    }
                    Ok(_) => {}
                    Err(()) if y_at == e2 => return Some(Err(y_at + 1)),
                    Err(()) => {}
                }
                if Date::new(2000, m, d).is_none()
                    || p.year.is_some_and(|y| Date::new(y, m, d).is_none())
                {
                    return Some(Err(end));
                }
                return Some(Ok((end, p)));
            }
            if bare_day && p.weekday.is_none() {
                p.day = Some(d);
                return Some(Ok((e, p)));
            }
            // "Tuesday the 19th", "Thu 15th", "mardi 25": a weekday and a day of the month,
            // right after each other, the day marked as one (a suffix, "the", or French)
            let marked = || k > j || e > k + 1 || self.at(k, Cat::DayOrd).is_some();
            // not "mardi 11:00", "samedi 23/06/18", "mardi 11 h"
            let more = || {
                (self.glued(e - 1) && matches!(self.norm(e), ":" | "/" | "-" | "." | "h"))
                    || self.at(e, Cat::Hour).is_some()
            };
            if p.weekday.is_some()
                && !more()
                && j == self.after_comma_back(j)
                && (marked()
                    || self.lang == Lang::Fr
                        && self.tok(e).is_none_or(|t| t.shape != Shape::Word || t.cap))
            {
                p.day = Some(d);
                return Some(Ok((e, p)));
            }
            // "le 25 mardi"
            if p.weekday.is_none()
                && self.lang == Lang::Fr
                && let Some((we, wd)) = self.weekday_at(e)
            {
                p.day = Some(d);
                p.weekday = Some(wd);
                return Some(Ok((we, p)));
            }
        }
        // EN: May 5, 2024 / May 2024; FR, RU: septembre 2022
        if let Some((e, m)) = self.month_at(j, false) {
            let mut end = e;
            // "May 5", "march third", "february the 15th"
            let the = usize::from(self.norm(e) == "the" && self.lang == Lang::En);
            // French writes the day first, but "novembre 23 de 1987" happens before a year
            let fr_day_year = self.lang == Lang::Fr
                && self
                    .tok(e)
                    .is_some_and(|t| t.shape == Shape::Num && t.norm.len() <= 2)
                && matches!(self.norm(e + 1), "de" | ",")
                && self
                    .tok(e + 2)
                    .is_some_and(|t| t.shape == Shape::Num && t.norm.len() == 4);
            // "Mai vingt-neuf": a day in words after the month, ending the clause
            let fr_word_day = (self.lang == Lang::Fr
                && self.tok(e).is_some_and(|t| t.shape == Shape::Word))
            .then(|| self.count(e))
            .flatten()
            .and_then(|(e2, n)| {
                let d = u32::try_from(n?).ok().filter(|d| (1..=31).contains(d))?;
                self.tok(e2)
                    .is_none_or(|t| t.shape == Shape::Sign)
                    .then_some((e2, d))
            });
            if let Some((e2, d)) = fr_word_day {
                p.day = Some(d);
                end = e2;
            } else if (self.lang == Lang::En || fr_day_year)
                && let Some((e2, d)) = self.day_number(e + the)
                && self
                    .tok(e + the)
                    .is_some_and(|t| t.norm.len() <= 2 || self.at(e + the, Cat::DayOrd).is_some())
                && (the == 0 || self.tok(e + 1).is_some_and(|t| t.shape == Shape::Num))
            {
                p.day = Some(d);
                end = e2;
            }
            let mut y_at = self.comma(end);
            if (p.day.is_none() || fr_day_year) && matches!(self.norm(y_at), "de" | "of") {
                y_at += 1;
            }
            let year = if p.day.is_none() && self.tok(y_at).is_some_and(|t| t.norm.len() == 2) {
                // "octobre 98" but not "mai 12 personnes", "novembre 19-20" (two days)
                match self.year_after(y_at) {
                    Ok(Some(y))
                        if self
                            .tok(y.0)
                            .is_none_or(|t| t.shape == Shape::Sign || !t.space_before)
                            && !(matches!(self.norm(y.0), "-" | "/")
                                && self.glued(y.0 - 1)
                                && self.glued(y.0)) =>
                    {
                        Ok(Some(y))
                    }
                    _ => Ok(None),
                }
            } else {
                self.year_after(y_at)
            };
            match year {
                Ok(Some((e3, y))) => {
                    p.year = Some(y);
                    end = e3;
                }
                Ok(_) => {}
                Err(()) => return Some(Err(y_at + 1)),
            }
            if p.day.is_none() && p.year.is_none() {
                // A month alone.
                self.month_at(j, true)?;
            }
            p.month = Some(m);
            if let (Some(d), m) = (p.day, m)
                && (Date::new(2000, m, d).is_none()
                    || p.year.is_some_and(|y| Date::new(y, m, d).is_none()))
            {
                return Some(Err(end));
            }
            // "Jul 18, Fri" (a listing): the weekday after the day, ending the clause, picks
            // the year
            if self.lang == Lang::En
                && p.day.is_some()
                && p.year.is_none()
                && p.weekday.is_none()
                && self.norm(end) == ","
                && self.tok(end + 1).is_some_and(|t| t.cap)
                && let Some((we, wd)) = self.at(end + 1, Cat::Weekday)
                && (self.norm(we - 1) == "."
                    || self.tok(we).is_none_or(|t| {
                        t.shape == Shape::Sign && !matches!(t.norm.as_str(), "-" | "/" | ":" | ",")
                    }))
            {
                p.weekday = wd.parse().ok();
                return Some(Ok((we, p)));
            }
            return Some(Ok((end, p)));
        }
        if p.weekday.is_some() {
            return Some(Ok((self.after_comma_back(j), p)));
        }
        None
    }

    /// `j` after a weekday and maybe a comma: the end of the weekday itself.
    fn after_comma_back(&self, j: usize) -> usize {
        if j > 0 && self.norm(j - 1) == "," {
            j - 1
        } else {
            j
        }
    }

    /// A bare year with what makes it one: `2022`, `l'année 2001`, `2001 год`, `the year 2001`.
    fn year_expr(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut cued = false;
        if let Some((e, _)) = self.at(i, Cat::Year)
            && self.lang != Lang::Ru
        {
            j = e;
            cued = true;
        }
        let t = self.tok(j)?;
        if t.shape != Shape::Num || t.norm.len() != 4 {
            return None;
        }
        let y = i32::try_from(t.num()?).ok()?;
        if !(1000..=2100).contains(&y) {
            return None;
        }
        // Part of a larger number: "3 600", "1 2000", "2022,5", "2022.5", "$2000", "2022h"
        // "mid-1996", "post-1959", "mi-2002"
        let prefixed = j > 1
            && self.toks[j - 1].norm == "-"
            && !t.space_before
            && matches!(
                self.toks[j - 2].norm.as_str(),
                "mid" | "mi" | "post" | "pre"
            );
        // "at 1030", "at 2200 GMT": hours and minutes run together, a clock time
        if self.lang == Lang::En && !cued && j > 0 && self.hhmm_after_at(j).is_some() {
            return None;
        }
        // a number naming a thing, not a year: "la résolution 1405", "Flight 2082", "page 1990"
        if j > 0
            && !cued
            && matches!(
                self.norm(j - 1),
                "résolution"
                    | "resolution"
                    | "article"
                    | "page"
                    | "pages"
                    | "chapitre"
                    | "chapter"
                    | "numéro"
                    | "number"
                    | "no"
                    | "vol"
                    | "flight"
                    | "route"
                    | "room"
                    | "section"
                    | "paragraph"
                    | "paragraphe"
                    | "ligne"
                    | "line"
                    | "code"
                    | "model"
                    | "modèle"
                    | "rue"
                    | "avenue"
                    | "boulevard"
                    | "street"
                    | "km"
                    | "kilomètre"
                    | "резолюция"
                    | "резолюции"
                    | "статья"
                    | "статьи"
                    | "рейс"
                    | "рейса"
                    | "страница"
            )
        {
            return None;
        }
        if j > 0 && !prefixed {
            let prev = &self.toks[j - 1];
            if prev.shape == Shape::Num
                || (!t.space_before
                    && matches!(
                        prev.norm.as_str(),
                        "," | "." | "$" | "€" | "£" | "/" | "-" | ":"
                    ))
                || (!t.space_before && prev.shape == Shape::Word)
                || matches!(prev.norm.as_str(), "$" | "€" | "£" | "№" | "#" | "n°")
            {
                return None;
            }
        }
        let mut end = j + 1;
        if let Some(n) = self.tok(end) {
            if !n.space_before
                && (n.shape != Shape::Sign || matches!(n.norm.as_str(), "%" | "/" | ":"))
                && !(n.norm == "-" || n.norm == "," || n.norm == "." || n.norm == ")")
            {
                return None;
            }
            // a decimal or a grouped number: "2082.1", "1,384,119"
            if !n.space_before
                && matches!(n.norm.as_str(), "," | ".")
                && self
                    .tok(end + 1)
                    .is_some_and(|x| x.shape == Shape::Num && !x.space_before)
            {
                return None;
            }
            if n.norm == "%" || (n.shape == Shape::Num && n.norm.len() == 3) {
                return None;
            }
            if let Some((e, _)) = self.at(end, Cat::Year)
                && self.lang == Lang::Ru
            {
                end = e;
                cued = true;
            }
        }
        if !cued && !prefixed {
            let prev_cue = j > 0
                && (self.m.is(j - 1, Cat::YearPrev)
                    || self.toks[j - 1].norm == "("
                    || self.toks[j - 1].norm == "'");
            let next_ok = match self.tok(j + 1) {
                None => true,
                Some(n) if n.shape == Shape::Sign => n.norm != "%",
                Some(n) if n.shape == Shape::Num => false,
                Some(n) => n.cap || self.m.is(j + 1, Cat::YearNext) || self.m.is(j + 1, Cat::Year),
            };
            let unit_next = self.tok(j + 1).is_some_and(|n| n.shape == Shape::Word)
                && !self.m.is(j + 1, Cat::YearNext)
                && !self.tok(j + 1).is_some_and(|n| n.cap);
            if !(next_ok
                || (prev_cue && !unit_next)
                || (prev_cue
                    && (1900..=2100).contains(&y)
                    && self.lang != Lang::Ru
                    && !self.counted_next(j + 1)))
            {
                return None;
            }
        }
        let mut h = Hit::new(i, end, TimeKind::Date, format!("{y:04}"), true);
        h.fixes = None;
        Some(h)
    }

    /// A word after a number that says it counts things rather than names a year.
    fn counted_next(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else {
            return false;
        };
        if t.shape != Shape::Word || t.cap {
            return false;
        }
        // A plural noun right after: "2000 soldats", "1500 people", "2000 euros".
        t.norm.ends_with('s') || t.norm.ends_with('x') || self.lang == Lang::Ru
    }

    // ---------------------------------------------------------------- rules

    /// `12/05/2024`, `2024-05-12`, `12.05.2024`: `Skip` when it does not exist.
    fn numeric_date(&self, i: usize) -> Option<Found> {
        let a = self.tok(i)?;
        if a.shape != Shape::Num {
            return None;
        }
        let sep = self.tok(i + 1)?;
        if !matches!(sep.norm.as_str(), "/" | "-" | ".") || sep.space_before {
            return None;
        }
        let b = self
            .tok(i + 2)
            .filter(|t| t.shape == Shape::Num && !t.space_before)?;
        let sep2 = self
            .tok(i + 3)
            .filter(|t| t.norm == sep.norm && !t.space_before)?;
        let c = self
            .tok(i + 4)
            .filter(|t| t.shape == Shape::Num && !t.space_before)?;
        let _ = sep2;
        let end = i + 5;
        if self.tok(end).is_some_and(|t| {
            !t.space_before
                && (t.shape == Shape::Num
                    || (matches!(t.norm.as_str(), "/" | "-" | ".")
                        && self
                            .tok(end + 1)
                            .is_some_and(|x| x.shape == Shape::Num && !x.space_before)))
        }) {
            return Some(Found::Skip(end));
        }
        let (na, nb, nc) = (a.num()?, b.num()?, c.num()?);
        let (y, m, d) = if a.norm.len() == 4 {
            if sep.norm == "." {
                return None;
            }
            (na, nb, nc)
        } else if c.norm.len() == 4 || c.norm.len() == 2 {
            // "10-31-74": with dashes and a short year only when one number can only be a day
            if sep.norm == "-" && c.norm.len() == 2 && na <= 12 && nb <= 12 {
                return None;
            }
            let y = if c.norm.len() == 2 {
                if nc <= 30 { 2000 + nc } else { 1900 + nc }
            } else {
                nc
            };
            let month_first = self.lang == Lang::En && sep.norm == "/";
            // the order of the language, unless only the other one gives a day ("10.31.1974")
            let valid = |m: u32, d: u32| {
                i32::try_from(y)
                    .ok()
                    .and_then(|y| Date::new(y, m, d))
                    .is_some()
            };
            let (m1, d1, m2, d2) = if month_first {
                (na, nb, nb, na)
            } else {
                (nb, na, na, nb)
            };
            if !valid(m1, d1) && valid(m2, d2) {
                (y, m2, d2)
            } else {
                (y, m1, d1)
            }
        } else {
            if a.norm.len() <= 2 && b.norm.len() <= 2 {
                return Some(Found::Skip(end));
            }
            return None;
        };
        let date = i32::try_from(y).ok().and_then(|y| Date::new(y, m, d));
        match date {
            Some(date) => {
                let mut h = Hit::new(i, end, TimeKind::Date, date.ymd(), true);
                h.fixes = Some(date);
                h.is_day = true;
                Some(Found::Hit(h))
            }
            None => Some(Found::Skip(end)),
        }
    }

    /// A year and a month in digits, "2014-10", "2014/10": the month two digits after a dash,
    /// and no later than the year's last two digits, since "2010-11" and "2005/06" name two
    /// years (a season, a fiscal year) in news.
    fn year_month(&self, i: usize) -> Option<Hit> {
        let a = self.tok(i)?;
        let sep = self.tok(i + 1)?;
        let b = self.tok(i + 2)?;
        if a.shape != Shape::Num
            || a.norm.len() != 4
            || !matches!(sep.norm.as_str(), "-" | "/")
            || sep.space_before
            || b.shape != Shape::Num
            || b.space_before
            || !(1..=2).contains(&b.norm.len())
            || (sep.norm == "-" && b.norm.len() != 2)
        {
            return None;
        }
        // not part of a longer number or date: "2014-10-05", "2014-10a"
        if self.tok(i + 3).is_some_and(|t| {
            !t.space_before && (t.shape != Shape::Sign || matches!(t.norm.as_str(), "-" | "/"))
        }) || (i > 0 && !a.space_before && self.toks[i - 1].shape != Shape::Sign)
        {
            return None;
        }
        let (y, m) = (a.num()?, b.num()?);
        if !(1000..=2100).contains(&y) || !(1..=12).contains(&m) || m > y % 100 {
            return None;
        }
        Some(Hit::new(
            i,
            i + 3,
            TimeKind::Date,
            format!("{y:04}-{m:02}"),
            true,
        ))
    }

    /// French: a month and two days joined by a dash, the month first, "novembre 19-20" (the
    /// days of the same month, the first before the second; English "Nov. 19-20" is a range
    /// of the range rule).
    fn month_day_range(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::Fr {
            return None;
        }
        let (e, m) = self.month_at(i, false)?;
        let num = |k: usize| {
            self.tok(k)
                .filter(|t| t.shape == Shape::Num && t.norm.len() <= 2)
                .and_then(Tok::num)
        };
        let (d1, d2) = (num(e)?, num(e + 2)?);
        if self.norm(e + 1) != "-"
            || !self.glued(e)
            || !self.glued(e + 1)
            || !(1..d2).contains(&d1)
            || d2 > 31
            || self.tok(e + 3).is_some_and(|t| {
                (!t.space_before
                    && (t.shape != Shape::Sign || matches!(t.norm.as_str(), "-" | "/")))
                    || t.shape == Shape::Num
                    || self.m.is(e + 3, Cat::Month)
            })
            || Date::new(2000, m, d2).is_none()
        {
            return None;
        }
        let future = self.future.get(i).copied().unwrap_or(false);
        let p = Point {
            month: Some(m),
            day: Some(d1),
            ..Point::default()
        };
        let (v1, anchored, _) = self.resolve(p, Dir::None, future)?;
        let v2 = format!("{}-{m:02}-{d2:02}", v1.get(..4)?);
        Some(Hit::new(
            i,
            e + 3,
            TimeKind::Range,
            format!("{v1}/{v2}"),
            anchored,
        ))
    }

    /// "in 7 days at 5pm", "dans deux jours à 10 h": a count of days or weeks ahead with a
    /// clock time is that time on that day (without the time, "in 7 days" stays a duration,
    /// as TIMEX3 marks it).
    fn days_ahead_at_clock(&self, i: usize) -> Option<Hit> {
        let cue = match self.lang {
            Lang::En => "in",
            Lang::Fr => "dans",
            Lang::Ru => return None,
        };
        if self.norm(i) != cue {
            return None;
        }
        let (e1, n) = self.count(i + 1)?;
        let (e2, v) = self.at(e1, Cat::Unit)?;
        let days = match unit_parts(v)? {
            (k, "D") => k * n?,
            (k, "W") => 7 * k * n?,
            _ => return None,
        };
        // "at", "à" only: not "before 10 am", "avant 10 h"
        if !matches!(self.norm(e2), "at" | "à") {
            return None;
        }
        let c = self.clock(e2 + 1, true)?;
        if c.kind != TimeKind::Time || c.value.len() != 5 {
            return None;
        }
        let a = self.anchor?;
        let day = a.add_days(i64::try_from(days).ok()?)?;
        let mut h = Hit::new(
            i + 1,
            c.end,
            TimeKind::DateTime,
            format!("{}T{}", day.ymd(), c.value),
            true,
        );
        h.fixes = Some(day);
        Some(h)
    }

    /// "three days after Easter", "deux semaines avant Noël": a count of days or weeks
    /// before or after a day the text names, that day shifted.
    fn days_from_date(&self, i: usize) -> Option<Hit> {
        if self.lang == Lang::Ru || !(self.tok(i)?.shape == Shape::Num || self.m.is(i, Cat::Num)) {
            return None;
        }
        let (e1, n) = self.count(i)?;
        let (e2, u) = self.at(e1, Cat::Unit)?;
        let days = match unit_parts(u)? {
            (k, "D") => k * n?,
            (k, "W") => 7 * k * n?,
            _ => return None,
        };
        let sign = match self.norm(e2) {
            "after" | "après" => 1,
            "before" | "avant" => -1,
            _ => return None,
        };
        let Some(Found::Hit(day)) = self.best_at(e2 + 1, true) else {
            return None;
        };
        if day.value.len() != 10 {
            return None;
        }
        let d = Date::parse_iso_prefix(&day.value)?;
        let shifted = d.add_days(sign * i64::try_from(days).ok()?)?;
        let mut h = Hit::new(i, day.end, TimeKind::Date, shifted.ymd(), day.anchored);
        h.fixes = Some(shifted);
        h.is_day = true;
        Some(h)
    }

    /// English "the first Monday after Labor Day", "third tuesday after christmas 2014",
    /// "the second Friday before May 5": counted weekdays from a day the text names.
    fn nth_weekday_after(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let j = if self.norm(i) == "the" { i + 1 } else { i };
        let (k, n) = self.at(j, Cat::Ord)?;
        let n: i64 = n.parse().ok().filter(|n| (1..=5).contains(n))?;
        let (e, wd) = self.weekday_at(k)?;
        let sign: i64 = match self.norm(e) {
            "after" => 1,
            "before" => -1,
            _ => return None,
        };
        let Some(Found::Hit(day)) = self.best_at(e + 1, true) else {
            return None;
        };
        if day.value.len() != 10 {
            return None;
        }
        let d = Date::parse_iso_prefix(&day.value)?;
        // the first such weekday strictly after (before) the day, then whole weeks
        let gap = (i64::from(wd) - i64::from(d.weekday())).rem_euclid(7);
        let first = if sign > 0 {
            if gap == 0 { 7 } else { gap }
        } else if gap == 0 {
            -7
        } else {
            gap - 7
        };
        let shifted = d.add_days(first + sign * 7 * (n - 1))?;
        let mut h = Hit::new(i, day.end, TimeKind::Date, shifted.ymd(), day.anchored);
        h.fixes = Some(shifted);
        h.is_day = true;
        Some(h)
    }

    /// A year of the Christian era written with its mark (English): "14 a.d.", "79 AD".
    fn era_year(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        if self.lang != Lang::En || t.shape != Shape::Num || t.norm.len() > 4 {
            return None;
        }
        let y = t.num().filter(|y| (1..=2100).contains(y))?;
        let e = if ["a", ".", "d", "."].iter().enumerate().all(|(k, w)| {
            self.norm(i + 1 + k) == *w && (k == 0 || !self.toks[i + 1 + k].space_before)
        }) {
            i + 5
        } else if self
            .tok(i + 1)
            .is_some_and(|x| self.text.get(x.start..x.end) == Some("AD"))
        {
            i + 2
        } else {
            return None;
        };
        Some(Hit::new(i, e, TimeKind::Date, format!("{y:04}"), true))
    }

    /// A day of the month alone: "le 23", "le 17 de 14 h à 16 h", "on the 15th", "on the
    /// first". French needs "le" and the end of the clause or a clock time after; English
    /// "on" and an ordinal. The last such day not after the anchor, or the next one in the
    /// future tense.
    fn day_of_month(&self, i: usize) -> Option<Hit> {
        let (k, d, e) = match self.lang {
            Lang::Fr if self.norm(i) == "le" => {
                let t = self.tok(i + 1)?;
                if t.shape != Shape::Num {
                    return None;
                }
                let (e, d) = self.day_number(i + 1)?;
                (i + 1, d, e)
            }
            Lang::En if self.norm(i) == "on" => {
                let k = if self.norm(i + 1) == "the" {
                    i + 2
                } else {
                    i + 1
                };
                let (e, d) = self.day_number(k)?;
                // an ordinal: "15th", "first"
                if e == k + 1 && self.at(k, Cat::DayOrd).is_none() && self.norm(k) != "first" {
                    return None;
                }
                (k, d, e)
            }
            _ => return None,
        };
        let _ = k;
        // what may follow: the end of the clause, a clock time or a range of them
        let clock_after = {
            let c = if self.m.is(e, Cat::At) {
                self.after(e, Cat::At)
            } else {
                e
            };
            self.clock(c, true).is_some()
        };
        let range_after = self
            .range(e)
            .filter(|r| r.kind == TimeKind::Range && r.value.contains('T'));
        let end_after = self.tok(e).is_none_or(|t| {
            matches!(t.norm.as_str(), "." | "," | ";" | "!" | "?" | ")")
                && !(self.glued(e - 1) && self.tok(e + 1).is_some_and(|x| x.shape == Shape::Num))
        });
        // "le 17 pour trois heures", not "le 17 pour cent"
        let for_after = self.lang == Lang::Fr
            && self.norm(e) == "pour"
            && !matches!(self.norm(e + 1), "cent" | "mille");
        if !(clock_after || range_after.is_some() || end_after || for_after) {
            return None;
        }
        let future = self.future.get(i).copied().unwrap_or(false);
        let (value, anchored, fixes) = match self.anchor {
            Some(a) => {
                let first = Date::new(a.year, a.month, 1)?;
                let shift: i64 = if future {
                    if d >= a.day { 0 } else { 1 }
                } else if d <= a.day {
                    0
                } else {
                    -1
                };
                // the nearest month in that direction that has the day
                let date = (0..3)
                    .filter_map(|n| {
                        let m = first.add_months(shift + if future { n } else { -n })?;
                        Date::new(m.year, m.month, d)
                    })
                    .next()?;
                (date.ymd(), true, Some(date))
            }
            None => (format!("XXXX-XX-{d:02}"), false, None),
        };
        // "le" and "on" stay out of the span, as TIMEX3 leaves them
        let start = i + 1;
        if let Some(r) = range_after {
            let (l, rr) = r.value.split_once('/')?;
            let clock = |v: &str| v.rsplit_once('T').map(|(_, c)| c.to_owned());
            let v = format!("{value}T{}/{value}T{}", clock(l)?, clock(rr)?);
            let mut h = Hit::new(start, r.end, TimeKind::Range, v, anchored);
            h.fixes = fixes;
            return Some(h);
        }
        let mut h = Hit::new(start, e, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = true;
        Some(self.with_clock(h))
    }

    /// A date written with signs and a month name, in any order: "23/Sep/2020",
    /// "2020/Sep/23", "septembre-2020-23", "Sep-23-2020"; a month and a year "2/2013"; a
    /// month name and a day "Oct/2". The parts are glued and the sign is the same.
    fn mixed_date(&self, i: usize) -> Option<Hit> {
        let glued = |k: usize| self.tok(k).is_some_and(|t| !t.space_before);
        let sep = self.norm(i + 1);
        if !matches!(sep, "/" | "-") || !glued(i + 1) || !glued(i + 2) {
            return None;
        }
        // a part: a month name (one token), a four-digit year or a one- or two-digit number
        enum Part {
            Month(u32),
            Year(i32),
            Num(u32),
        }
        let part = |k: usize| -> Option<Part> {
            let t = self.tok(k)?;
            if t.shape == Shape::Num {
                let n = t.num()?;
                return match t.norm.len() {
                    4 if (1000..=2100).contains(&n) => Some(Part::Year(i32::try_from(n).ok()?)),
                    1 | 2 => Some(Part::Num(n)),
                    _ => None,
                };
            }
            let (e, m) = self.at(k, Cat::Month).filter(|&(e, _)| e == k + 1)?;
            let _ = e;
            Some(Part::Month(m.parse().ok()?))
        };
        let continues = |k: usize| {
            glued(k)
                && (self.tok(k).is_some_and(|t| t.shape != Shape::Sign)
                    || matches!(self.norm(k), "/" | "-" | ":") && glued(k + 1))
        };
        let (a, b) = (part(i)?, part(i + 2)?);
        let triple = self.norm(i + 3) == sep && glued(i + 3) && glued(i + 4);
        let p = if triple {
            let c = part(i + 4)?;
            if continues(i + 5) {
                return None;
            }
            let (mut y, mut m, mut d) = (None, None, None);
            for x in [a, b, c] {
                match x {
                    Part::Month(v) if m.is_none() => m = Some(v),
                    Part::Year(v) if y.is_none() => y = Some(v),
                    Part::Num(v) if d.is_none() => d = Some(v),
                    _ => return None,
                }
            }
            let named_month = [i, i + 2, i + 4]
                .iter()
                .any(|&k| self.tok(k).is_some_and(|t| t.shape == Shape::Word));
            if !named_month {
                return None;
            }
            Point::day(y?, m?, d?)?
        } else {
            if continues(i + 3) {
                return None;
            }
            match (a, b) {
                // "2015-3": a year and a one-digit month (not "2001-02", a season)
                (Part::Year(y), Part::Num(m))
                    if sep == "-" && (1..=9).contains(&m) && self.norm(i + 2).len() == 1 =>
                {
                    Point {
                        year: Some(y),
                        month: Some(m),
                        ..Point::default()
                    }
                }
                _ if sep != "/" => return None,
                // "2/2013"
                (Part::Num(m), Part::Year(y)) if (1..=12).contains(&m) => Point {
                    year: Some(y),
                    month: Some(m),
                    ..Point::default()
                },
                // "Oct/2"
                (Part::Month(m), Part::Num(d)) if sep == "/" => {
                    Date::new(2000, m, d)?;
                    Point {
                        month: Some(m),
                        day: Some(d),
                        ..Point::default()
                    }
                }
                _ => return None,
            }
        };
        let end = if triple { i + 5 } else { i + 3 };
        let future = self.future.get(i).copied().unwrap_or(false);
        let (value, anchored, fixes) = self.resolve(p, Dir::None, future)?;
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = p.day.is_some();
        Some(self.with_clock(h))
    }

    /// Numeric dates without separators of one kind: a day and month ("22/04" in French,
    /// "2/15" in English) after a preposition or alone, the day, month and year apart
    /// ("02 04 2009", zero-padded), and a month name between dashes ("Sep-23-2020",
    /// "31-Oct-74").
    fn loose_numeric_date(&self, i: usize) -> Option<Hit> {
        let a = self.tok(i)?;
        let num2 = |k: usize| {
            self.tok(k)
                .filter(|t| t.shape == Shape::Num && t.norm.len() <= 2)
                .and_then(Tok::num)
        };
        let sign_glued =
            |k: usize, s: &str| self.norm(k) == s && self.tok(k).is_some_and(|t| !t.space_before);
        let free_after = |k: usize| {
            self.tok(k).is_none_or(|t| {
                t.space_before && t.shape != Shape::Num
                    || t.shape == Shape::Sign
                        && !matches!(t.norm.as_str(), "/" | "-" | "." | ":" | ",")
                    || t.shape == Shape::Sign && t.space_before
                    || matches!(t.norm.as_str(), "." | ",")
                        && self.tok(k + 1).is_none_or(|x| x.space_before)
            })
        };
        let mut p = Point::default();
        let end;
        if a.shape == Shape::Num {
            // "2/15", or "2 / 15" with a space on each side of the slash
            let spaced = self.norm(i + 1) == "/"
                && self.tok(i + 1).is_some_and(|t| t.space_before)
                && self.tok(i + 2).is_some_and(|t| t.space_before);
            if let (Some(x), Some(y)) = (num2(i), num2(i + 2))
                && (spaced
                    || sign_glued(i + 1, "/") && self.tok(i + 2).is_some_and(|t| !t.space_before))
                && free_after(i + 3)
                && !self.tok(i + 3).is_some_and(|t| {
                    t.shape == Shape::Word
                        && !t.cap
                        && !matches!(
                            t.norm.as_str(),
                            "at" | "à" | "a" | "avant" | "après" | "before" | "after"
                        )
                })
            {
                let before_ok = i == 0
                    || self.sentence_start.get(i).copied().unwrap_or(false)
                    || matches!(
                        self.norm(i - 1),
                        "on" | "le"
                            | "sur"
                            | "du"
                            | "au"
                            | "until"
                            | "since"
                            | "from"
                            | "by"
                            | "depuis"
                            | "jusqu"
                            | "dès"
                            | "avant"
                            | "après"
                            | "before"
                            | "after"
                    );
                // "23/12 avant 17h", "2/15 at 4:00pm": a clock time after makes it a date
                let clock_after = self.m.is(i + 3, Cat::At)
                    && self.clock(self.after(i + 3, Cat::At), true).is_some();
                if !before_ok && !clock_after {
                    return None;
                }
                // spaced, a date only after a preposition or as a segment of its own (a
                // heading, a table cell), not at the start of any sentence ("3 / 4 of")
                if spaced
                    && !clock_after
                    && (i == 0 || self.sentence_start[i])
                    && !self.alone(i, i + 3)
                {
                    return None;
                }
                let (d, m) = if self.lang == Lang::En {
                    (y, x)
                } else {
                    (x, y)
                };
                Date::new(2000, m, d)?;
                p.day = Some(d);
                p.month = Some(m);
                end = i + 3;
            } else if let (Some(d), Some(m)) = (num2(i), num2(i + 1))
                && self.tok(i + 1).is_some_and(|t| t.space_before)
                && let Some(yt) = self
                    .tok(i + 2)
                    .filter(|t| t.shape == Shape::Num && t.space_before)
                // "02 04 2009", "2 4 2009"; a two-digit year only after a zero-padded month
                // ("18 08 78")
                && (yt.norm.len() == 4 && yt.num().is_some_and(|y| (1000..=2100).contains(&y))
                    || yt.norm.len() == 2 && self.norm(i + 1).starts_with('0'))
                && free_after(i + 3)
                && !self.counted_next(i + 3)
            {
                let n = i32::try_from(yt.num()?).ok()?;
                let y = if yt.norm.len() == 2 {
                    if n <= 30 { 2000 + n } else { 1900 + n }
                } else {
                    n
                };
                let (d, m) = if self.lang == Lang::En {
                    (m, d)
                } else {
                    (d, m)
                };
                p = Point::day(y, m, d)?;
                end = i + 3;
            } else if let (Some(d), true) = (num2(i), sign_glued(i + 1, "-"))
                && let Some((e, m)) = self.at(i + 2, Cat::Month).filter(|(e, _)| *e == i + 3)
                && self.tok(i + 2).is_some_and(|t| !t.space_before)
                && sign_glued(e, "-")
                && let Some(yt) = self.tok(e + 1).filter(|t| {
                    t.shape == Shape::Num && !t.space_before && matches!(t.norm.len(), 2 | 4)
                })
                && free_after(e + 2)
            {
                let n = i32::try_from(yt.num()?).ok()?;
                let y = if yt.norm.len() == 2 {
                    if n <= 30 { 2000 + n } else { 1900 + n }
                } else {
                    n
                };
                let m: u32 = m.parse().ok()?;
                p = Point::day(y, m, d)?;
                end = e + 2;
            } else {
                return None;
            }
        } else {
            let (e, m) = self.at(i, Cat::Month).filter(|(e, _)| *e == i + 1)?;
            if !(a.cap && sign_glued(e, "-")) {
                return None;
            }
            let d = num2(e + 1).filter(|_| self.tok(e + 1).is_some_and(|t| !t.space_before))?;
            if !sign_glued(e + 2, "-") {
                return None;
            }
            let yt = self
                .tok(e + 3)
                .filter(|t| t.shape == Shape::Num && !t.space_before && t.norm.len() == 4)?;
            if !free_after(e + 4) {
                return None;
            }
            let y = i32::try_from(yt.num()?).ok()?;
            let m: u32 = m.parse().ok()?;
            p = Point::day(y, m, d)?;
            end = e + 4;
        }
        let future = self.future.get(i).copied().unwrap_or(false);
        let (value, anchored, fixes) = self.resolve(p, Dir::None, future)?;
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = true;
        Some(self.with_clock(h))
    }

    /// A calendar point with its determiner and direction cues, then a part of day or a clock
    /// time: "le 23 avril dernier", "jeudi soir", "last Tuesday", "в прошлый вторник",
    /// "en septembre 2022" (without "en"), "mardi 1er juin à 10 h".
    fn date_expr(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut det = false;
        if self.lang == Lang::Fr && self.at(j, Cat::Det).is_some() {
            j = self.at(j, Cat::Det)?.0;
            det = true;
        }
        let (after_dir, mut dir) = self.direction(j);
        j = after_dir;
        if det && dir != Dir::None {
            return None;
        }
        let (mut end, p) = match self.point(j, false) {
            Some(Ok(x)) => x,
            Some(Err(e)) => return Some(Found::Skip(e)),
            None => return None,
        };
        if det && p.day.is_none() && p.weekday.is_none() {
            return None;
        }
        if dir != Dir::None && p.day.is_some() && self.lang != Lang::Fr {
            // "last May 5" is rare; keep the cue out
        }
        // "July last year", "in March this year", "June next year"
        let mut p = p;
        // (without an anchor the words stay in the span and the year stays unknown)
        let mut year_unknown = false;
        if p.year.is_none() && p.month.is_some() && p.weekday.is_none() {
            let step = [(Cat::Last, -1), (Cat::This, 0), (Cat::Next, 1)]
                .into_iter()
                .find_map(|(cat, s)| {
                    let (e, _) = self.at(end, cat)?;
                    let (e2, u) = self.at(e, Cat::Unit)?;
                    (u == "1Y" && self.norm(e) != "years").then_some((e2, s))
                });
            // "March in a year", "June in 2 years": that month of the year so many years on
            let step = step.or_else(|| self.in_years(end));
            if let Some((e2, s)) = step {
                match self.anchor {
                    Some(a) => p.year = Some(a.year + s),
                    None => year_unknown = true,
                }
                end = e2;
            }
        }
        // "March after next": the second next such month
        if self.lang == Lang::En
            && p.year.is_none()
            && p.day.is_none()
            && p.weekday.is_none()
            && dir == Dir::None
            && self.norm(end) == "after"
            && self.norm(end + 1) == "next"
            && let (Some(m), Some(a)) = (p.month, self.anchor)
        {
            p.year = Some(if m > a.month { a.year + 1 } else { a.year + 2 });
            end += 2;
        }
        if p.year.is_none() && !year_unknown {
            if let Some((e, _)) = self.at(end, Cat::Last) {
                if dir == Dir::None || dir == Dir::This {
                    dir = Dir::Last;
                    end = e;
                }
            } else if let Some((e, _)) = self.at(end, Cat::Next)
                && (dir == Dir::None || dir == Dir::This)
            {
                dir = Dir::Next;
                end = e;
            }
        }
        let future = self.future.get(i).copied().unwrap_or(false) && !self.past_verb_before(i);
        // "was revealed in March", "took office in February": a month without a year
        // after a past-tense verb of its clause is the last one, not the next
        if dir == Dir::None
            && !future
            && p.year.is_none()
            && p.day.is_none()
            && p.weekday.is_none()
            && p.month
                .is_some_and(|m| self.anchor.is_some_and(|a| m != a.month))
            && self.past_in_clause(i)
        {
            dir = Dir::Last;
        }
        // "next Wednesday" (English, the word "next" itself): that day of next week, since
        // the nearest one would be "Wednesday" or "this Wednesday"
        let next_week_day = self.lang == Lang::En
            && dir == Dir::Next
            && after_dir > i
            && self.norm(after_dir - 1) == "next"
            && p.day.is_none()
            && p.month.is_none()
            && p.year.is_none();
        let resolved = match (p.weekday, self.anchor) {
            (Some(wd), Some(a)) if next_week_day => {
                let d = a.add_days(7 - i64::from(a.weekday()) + i64::from(wd))?;
                Some((d.ymd(), true, Some(d)))
            }
            _ => self.resolve(p, dir, future),
        };
        let (value, anchored, fixes) = resolved?;
        let is_day = p.day.is_some() || (p.weekday.is_some() && p.month.is_none());
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = is_day;
        if !anchored && is_day && p.weekday.is_some() && p.month.is_none() {
            h.is_day = true;
        }
        Some(Found::Hit(self.with_clock(h)))
    }

    /// Whether a verb in a past form governs the expression at `i`: "said Friday", "met on
    /// Tuesday", "a annoncé dimanche". It outweighs a future cue elsewhere in the sentence.
    fn past_verb_before(&self, i: usize) -> bool {
        let mut k = i;
        if k > 0 && matches!(self.norm(k - 1), "on" | "le") {
            k -= 1;
        }
        // "said earlier on Friday", "a annoncé plus tôt dimanche"
        if k > 0 && matches!(self.norm(k - 1), "earlier" | "tôt") {
            k -= 1;
            if k > 0 && self.norm(k - 1) == "plus" {
                k -= 1;
            }
        }
        if k == 0 {
            return false;
        }
        let w = self.norm(k - 1);
        match self.lang {
            Lang::En => {
                w.len() > 4 && w.ends_with("ed")
                    || matches!(
                        w,
                        "said" | "told" | "met" | "took" | "gave" | "made" | "began"
                    )
            }
            Lang::Fr => {
                w.chars().count() > 3
                    && (w.ends_with('é') || w.ends_with("ée") || w.ends_with("és"))
                    || matches!(w, "dit" | "fait" | "mis" | "pris")
            }
            Lang::Ru => false,
        }
    }

    /// Whether a past-tense verb comes before `i` in its clause (at most eight words back):
    /// "was revealed in March", "Carter took office in February", "a été signé en mars".
    fn past_in_clause(&self, i: usize) -> bool {
        if i == 0 || !matches!(self.norm(i - 1), "in" | "en") {
            return false;
        }
        let lo = i.saturating_sub(8);
        for k in (lo..i).rev() {
            let t = &self.toks[k];
            if t.shape != Shape::Word && matches!(t.norm.as_str(), "." | ";" | ":" | "?" | "!") {
                return false;
            }
            let w = t.norm.as_str();
            // "to be published", "would be paid", "expected to", "scheduled for"
            if matches!(
                w,
                "be" | "will"
                    | "would"
                    | "to"
                    | "expected"
                    | "scheduled"
                    | "planned"
                    | "supposed"
                    | "due"
                    | "slated"
                    | "prévu"
                    | "prévue"
                    | "doit"
                    | "devrait"
            ) {
                return false;
            }
            let past = match self.lang {
                Lang::En => {
                    (w.len() > 4
                        && w.ends_with("ed")
                        && !matches!(w, "need" | "speed" | "indeed")
                        // an adjective: "a still unspecified date", "the revised plan"
                        && !(k > 0
                            && matches!(
                                self.norm(k - 1),
                                "a" | "an" | "the" | "still" | "yet" | "as" | "be" | "is" | "are"
                            )))
                        || matches!(
                            w,
                            "said"
                                | "told"
                                | "met"
                                | "took"
                                | "gave"
                                | "made"
                                | "began"
                                | "was"
                                | "were"
                                | "had"
                                | "came"
                                | "went"
                                | "left"
                                | "won"
                                | "lost"
                        )
                }
                Lang::Fr => {
                    k > 0
                        && matches!(
                            self.norm(k - 1),
                            "a" | "ont" | "avait" | "avaient" | "été" | "est" | "sont"
                        )
                        && w.chars().count() > 3
                        && (w.ends_with('é') || w.ends_with("ée") || w.ends_with("és"))
                }
                Lang::Ru => false,
            };
            if past {
                return true;
            }
            if self.sentence_start.get(k).copied().unwrap_or(false) {
                return false;
            }
        }
        false
    }

    /// A part of day or a clock time after a day: "jeudi soir", "hier à 10 h".
    fn with_clock(&self, mut h: Hit) -> Hit {
        if !h.is_day {
            return h;
        }
        let j = h.end;
        if let Some((e, pod)) = self.at(j, Cat::Pod)
            && let Some(pod) = pod_of(pod)
        {
            h.value.push('T');
            h.value.push_str(pod);
            h.end = e;
            h.kind = TimeKind::DateTime;
            h.is_day = false;
            return h;
        }
        // "mardi dans la journée", "ce mardi « dans la journée »": the daytime of that day
        if self.lang == Lang::Fr {
            let quote = usize::from(matches!(self.norm(j), "«" | "\"" | "“"));
            let k = j + quote;
            if self.norm(k) == "dans"
                && self.norm(k + 1) == "la"
                && matches!(self.norm(k + 2), "journée" | "journee")
            {
                let mut end = k + 3;
                if quote == 1 && matches!(self.norm(end), "»" | "\"" | "”") {
                    end += 1;
                }
                h.value.push_str("TDT");
                h.end = end;
                h.kind = TimeKind::DateTime;
                h.is_day = false;
                return h;
            }
        }
        // "hier à 10 h" is one date-time; "mardi, vers 21 h" two expressions (TIMEX3 style).
        let mut k = j;
        if matches!(self.norm(k), "à" | "at" | "в" | "во") {
            k += 1;
        }
        if let Some(c) = self.clock(k, true) {
            h.value = format!("{}T{}", h.value, c.value);
            h.end = c.end;
            h.kind = TimeKind::DateTime;
            h.is_day = false;
        }
        h
    }

    /// A clock time at `i`: value `HH:MM`, end. `strong` when an "at" cue came before (so
    /// "10 heures" is a time, not a duration).
    fn clock(&self, i: usize, strong: bool) -> Option<Hit> {
        let t = self.tok(i)?;
        if let Some((e, v)) = self.at(i, Cat::Clock) {
            // "High Noon", "high noon comes today": the decisive moment, not a clock time
            if i > 0 && self.norm(i - 1) == "high" {
                return None;
            }
            return Some(Hit::new(i, e, TimeKind::Time, v.to_owned(), true));
        }
        if t.shape == Shape::Word {
            // "à seize heures", "at eight o'clock": an hour in words needs the cue and the
            // hour word
            let (e, n) = self.count(i)?;
            let n = u32::try_from(n?).ok()?;
            if self.lang == Lang::En
                && self.at(e, Cat::Hour).is_none()
                && let Some(c) = self.en_word_clock(i, e, n, strong)
            {
                return Some(c);
            }
            // "sept du matin", "huit du soir": an hour in words with the part of the day
            if self.lang == Lang::Fr
                && (1..=12).contains(&n)
                && let Some((e2, ap)) = self.at(e, Cat::AmPm)
            {
                let h = match ap {
                    "PM" if n < 12 => n + 12,
                    "AM" if n == 12 => 0,
                    _ => n,
                };
                return Some(Hit::new(i, e2, TimeKind::Time, format!("{h:02}:00"), true));
            }
            let (e2, _) = self.at(e, Cat::Hour)?;
            if n > 24 || matches!(self.norm(e), "h" | "hr") {
                return None;
            }
            let (end, h, m) = self.word_minutes(e2, n)?;
            // without a cue only minutes make it a clock time: "sept heures dix"
            if !strong && end == e2 {
                return None;
            }
            let h = if h == 24 { 0 } else { h };
            return Some(Hit::new(
                i,
                end,
                TimeKind::Time,
                format!("{h:02}:{m:02}"),
                true,
            ));
        }
        // "330 p.m.", "1140 a.m.": hours and minutes run together before AM/PM
        if t.shape == Shape::Num
            && matches!(t.norm.len(), 3 | 4)
            && let Some((e, ap)) = self.at(i + 1, Cat::AmPm)
        {
            let n = t.num()?;
            let (mut h, m) = (n / 100, n % 100);
            if !(1..=12).contains(&h) || m > 59 {
                return None;
            }
            if ap == "PM" && h < 12 {
                h += 12;
            }
            if ap == "AM" && h == 12 {
                h = 0;
            }
            return Some(Hit::new(
                i,
                e,
                TimeKind::Time,
                format!("{h:02}:{m:02}"),
                true,
            ));
        }
        if let Some((h, m)) = self.hhmm_after_at(i) {
            return Some(Hit::new(
                i,
                i + 1,
                TimeKind::Time,
                format!("{h:02}:{m:02}"),
                true,
            ));
        }
        if t.shape != Shape::Num || t.norm.len() > 2 {
            return None;
        }
        let h = t.num()?;
        if h > 24 {
            return None;
        }
        let mut minutes = None;
        let mut j = i + 1;
        let mut explicit = false;
        // 15:30, 15.30 (ru), 15h30, 15 h 30
        if matches!(self.norm(j), ":") && self.glued(i) {
            let m = self
                .tok(j + 1)
                .filter(|x| x.shape == Shape::Num && x.norm.len() == 2 && !x.space_before)?;
            let mv = m.num()?;
            if mv > 59 {
                return None;
            }
            minutes = Some(mv);
            j += 2;
            explicit = true;
            // seconds
            if self.norm(j) == ":"
                && self
                    .tok(j + 1)
                    .is_some_and(|x| x.shape == Shape::Num && x.norm.len() == 2 && !x.space_before)
            {
                j += 2;
            }
        } else if let Some((e, _)) = self.at(j, Cat::Hour) {
            let word = self.norm(j);
            let short = matches!(word, "h" | "ч" | "hr");
            if !short && !strong && !self.ampm_follows(e) {
                return None;
            }
            j = e;
            explicit = true;
            // "8 h et vingt minutes", "8 h et quart"
            if self.lang == Lang::Fr
                && self.norm(j) == "et"
                && let Some((e2, h2, m2)) = self.word_minutes(j, h)
                && e2 > j
                && h2 == h
            {
                minutes = Some(m2);
                j = e2;
            } else if let Some(m) = self
                .tok(j)
                .filter(|x| x.shape == Shape::Num && x.norm.len() == 2)
            {
                let mv = m.num()?;
                if mv <= 59 {
                    minutes = Some(mv);
                    j += 1;
                    if matches!(self.norm(j), "min" | "minutes" | "мин") {
                        j += 1;
                    }
                }
            }
        }
        // "3ish pm": an approximate hour before AM/PM
        if self.lang == Lang::En
            && self.norm(j) == "ish"
            && self.glued(j - 1)
            && self.at(j + 1, Cat::AmPm).is_some()
        {
            j += 1;
        }
        // "at 3 15", "at 12 15": hour and minutes apart after a cue, nothing counted after
        if self.lang == Lang::En
            && strong
            && minutes.is_none()
            && j == i + 1
            && (1..=12).contains(&h)
            && let Some(m) = self
                .tok(j)
                .filter(|x| x.shape == Shape::Num && x.norm.len() == 2 && x.space_before)
                .and_then(Tok::num)
            && m <= 59
            && self
                .tok(j + 1)
                .is_none_or(|x| x.shape != Shape::Word || self.at(j + 1, Cat::AmPm).is_some())
        {
            minutes = Some(m);
            j += 1;
            explicit = true;
        }
        let mut hour = h;
        // "20 h dans la soirée": a 24-hour time with its part of day, left outside
        let fr_24h = self.lang == Lang::Fr && h > 12 && explicit;
        // "3:15p", "at 3p": one glued letter for PM or AM, after minutes or a cue
        let letter = (self.lang == Lang::En
            && matches!(self.norm(j), "p" | "a")
            && self.glued(j - 1)
            && (minutes.is_some() || strong)
            && self
                .tok(j + 1)
                .is_none_or(|t| t.shape != Shape::Word || t.space_before))
        .then(|| (j + 1, if self.norm(j) == "p" { "PM" } else { "AM" }));
        if let Some((e, ap)) = self.at(j, Cat::AmPm).filter(|_| !fr_24h).or(letter) {
            if h == 0 || h > 12 {
                return None;
            }
            if ap == "PM" && hour < 12 {
                hour += 12;
            }
            if ap == "AM" && hour == 12 {
                hour = 0;
            }
            j = e;
            explicit = true;
        }
        if !explicit {
            return None;
        }
        if hour == 24 {
            hour = 0;
        }
        let value = format!("{hour:02}:{:02}", minutes.unwrap_or(0));
        // "5 p.m. EST": the zone is part of the expression; the value keeps the time as
        // written, as the TIMEX3 corpora do
        if let Some((e, _)) = self.at(j, Cat::Tz) {
            j = e;
        }
        Some(Hit::new(i, j, TimeKind::Time, value, true))
    }

    /// Minutes in words after "sept heures": "dix", "et quart", "et demie", "moins le
    /// quart", "moins dix", "et vingt-sept minutes". The index after, the hour and minute.
    fn word_minutes(&self, j: usize, hour: u32) -> Option<(usize, u32, u32)> {
        let w = self.norm(j);
        let w2 = self.norm(j + 1);
        let minutes_word = |k: usize| -> usize {
            if matches!(self.norm(k), "minute" | "minutes" | "min") {
                k + 1
            } else {
                k
            }
        };
        match (w, w2) {
            ("et", "quart") => return Some((j + 2, hour, 15)),
            ("et", "demie" | "demi") => return Some((j + 2, hour, 30)),
            ("moins", "le") if self.norm(j + 2) == "quart" => {
                return Some((j + 3, (hour + 23) % 24, 45));
            }
            _ => {}
        }
        let (k, back) = match w {
            "moins" => (j + 1, true),
            "et" => (j + 1, false),
            _ => (j, false),
        };
        if self.tok(k).is_some_and(|t| t.shape == Shape::Word)
            && let Some((e, Some(n))) = self.count(k)
            && (1..60).contains(&n)
            && self.at(e, Cat::Unit).is_none_or(|(_, u)| u == "1MIN")
        {
            let n = u32::try_from(n).ok()?;
            let end = minutes_word(e);
            return Some(if back {
                (end, (hour + 23) % 24, 60 - n)
            } else {
                (end, hour, n)
            });
        }
        Some((j, hour, 0))
    }

    /// An English clock time in words after the hour `n` (tokens `i..e`): minutes in words
    /// ("ten thirty", "four twenty-three", "twelve oh three"), then AM/PM, or a cue before
    /// ("at three twenty"); "three am" needs no minutes.
    fn en_word_clock(&self, i: usize, e: usize, n: u32, strong: bool) -> Option<Hit> {
        if !(1..=12).contains(&n)
            || self
                .tok(i)
                .is_some_and(|t| t.cap && !strong && !self.sentence_start[i])
            || matches!(self.norm(i), "a" | "an")
        {
            return None;
        }
        let mut j = e;
        let mut minutes = 0;
        if self.norm(j) == "-" && matches!(self.norm(j + 1), "oh" | "o" | "ou" | "zero") {
            j += 1;
        }
        let oh = matches!(self.norm(j), "oh" | "o" | "ou" | "zero");
        if oh {
            let k = if self.norm(j + 1) == "-" {
                j + 2
            } else {
                j + 1
            };
            let (e2, m) = self.count(k)?;
            let m = u32::try_from(m?).ok()?;
            if !(1..=9).contains(&m) || self.tok(k)?.shape != Shape::Word {
                return None;
            }
            minutes = m;
            j = e2;
        }
        // "ten-thirty", "one-fifteen": an hour and a quarter or half hour in words joined by
        // a hyphen, or making a segment of their own ("ten thirty" as a heading or an
        // answer), are a clock time even without a cue
        let hyphened = !oh && self.norm(j) == "-" && self.glued(j - 1) && self.glued(j);
        if !oh {
            let k = if self.norm(j) == "-" { j + 1 } else { j };
            if self.tok(k).is_some_and(|t| t.shape == Shape::Word)
                && let Some((e2, Some(m))) = self.count(k)
                && (10..60).contains(&m)
                && self.at(e2, Cat::Unit).is_none()
            {
                minutes = u32::try_from(m).ok()?;
                j = e2;
            }
        }
        let mut hour = n;
        if let Some((e3, ap)) = self.at(j, Cat::AmPm) {
            if ap == "PM" && hour < 12 {
                hour += 12;
            }
            if ap == "AM" && hour == 12 {
                hour = 0;
            }
            j = e3;
        } else if !(j > e
            && self.tok(j).is_none_or(|t| t.shape != Shape::Word)
            && (strong
                || oh
                || ((hyphened || self.alone(i, j)) && matches!(minutes, 15 | 30 | 45))))
        {
            // without AM/PM, a cue before or "oh" minutes ("twelve oh three")
            return None;
        }
        Some(Hit::new(
            i,
            j,
            TimeKind::Time,
            format!("{hour:02}:{minutes:02}"),
            true,
        ))
    }

    /// English "at 1030", "at 0600 GMT": four digits after "at" that read as hours and
    /// minutes, not followed by a word other than a time zone ("at 1500 meters").
    fn hhmm_after_at(&self, i: usize) -> Option<(u32, u32)> {
        let t = self.tok(i)?;
        if self.lang != Lang::En
            || i == 0
            || self.norm(i - 1) != "at"
            || t.shape != Shape::Num
            || t.norm.len() != 4
            || self
                .tok(i + 1)
                .is_some_and(|x| x.shape == Shape::Word && !self.m.is(i + 1, Cat::Tz))
        {
            return None;
        }
        let n = t.num()?;
        let (h, m) = (n / 100, n % 100);
        (h <= 23 && m <= 59).then_some((h, m))
    }

    fn ampm_follows(&self, i: usize) -> bool {
        self.at(i, Cat::AmPm).is_some()
    }

    /// A clock time alone, on the last day the text fixed: "à 22 h" → `…T22:00`.
    fn clock_expr(&self, i: usize, _any: bool) -> Option<Hit> {
        let strong = i > 0 && (self.m.is(i - 1, Cat::At) || (i > 1 && self.m.is(i - 2, Cat::At)));
        let mut c = match self.offset_clock(i) {
            Some(c) => c,
            None => self.clock(i, strong)?,
        };
        // "dans les 2h", "in 1h", "pendant 3h": a length, not a clock time
        let prev = if i > 0 { self.norm(i - 1) } else { "" };
        let length_cue = match self.lang {
            Lang::Fr => {
                matches!(prev, "dans" | "pendant" | "en")
                    || prev == "les" && i > 1 && self.norm(i - 2) == "dans"
            }
            Lang::En => matches!(prev, "in" | "for" | "within"),
            Lang::Ru => false,
        };
        if length_cue
            && c.end == i + 2
            && self.norm(i + 1) == "h"
            && let Some(n) = self.tok(i).and_then(Tok::num)
        {
            return Some(Hit::new(
                i,
                c.end,
                TimeKind::Duration,
                format!("PT{n}H"),
                true,
            ));
        }
        // "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9", "11 pm yesterday": the
        // day written after the time
        if let Some(day) = self.day_after_clock(c.end) {
            if self.norm(c.end) == "on" {
                // "3 p.m. on Friday": two expressions (TIMEX3 style), the time on that day
                c.value = format!("{}T{}", day.value, c.value);
                c.anchored = day.anchored;
                return Some(c);
            }
            let mut h = Hit::new(
                i,
                day.end,
                TimeKind::DateTime,
                format!("{}T{}", day.value, c.value),
                day.anchored,
            );
            h.fixes = day.fixes;
            return Some(h);
        }
        // "9:30 - 11:00 on Thursday", "1pm-2pm tomorrow": the left end on the same day
        if let Some((e, _)) = self.at(c.end, Cat::To)
            && let Some(c2) = self.clock(e, true)
            && let Some(day) = self.day_after_clock(c2.end)
        {
            c.value = format!("{}T{}", day.value, c.value);
            c.anchored = day.anchored;
            return Some(c);
        }
        match self.reference {
            Some(d) => {
                c.value = format!("{}T{}", d.ymd(), c.value);
                c.anchored = true;
            }
            None => {
                c.value = format!("T{}", c.value);
                c.anchored = true;
            }
        }
        Some(c)
    }

    /// "EOM", "the BOY": the end or the beginning of the publication date's month or year,
    /// written in capitals only (English); the letters are data (`abbr`).
    fn period_abbreviation(&self, i: usize) -> Option<Hit> {
        let k = if self.norm(i) == "the" { i + 1 } else { i };
        let t = self.tok(k)?;
        if t.norm.len() != 3
            || !self.text[t.start..t.end]
                .bytes()
                .all(|c| c.is_ascii_uppercase())
        {
            return None;
        }
        let (e, v) = self.at(k, Cat::Abbr)?;
        let (m, unit) = v.split_once(':')?;
        let a = self.anchor?;
        let value = match unit {
            "M" => format!("{:04}-{:02}", a.year, a.month),
            "Y" => format!("{:04}", a.year),
            _ => return None,
        };
        let modifier = match m {
            "START" => "START",
            "END" => "END",
            _ => return None,
        };
        let mut h = Hit::new(i, e, TimeKind::Date, value, true);
        h.modifier = Some(modifier);
        Some(h)
    }

    /// A year and a quarter run together: "2018Q4", "18q4" (`2018-Q4`).
    fn glued_quarter(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        if t.shape != Shape::Num
            || !matches!(t.norm.len(), 2 | 4)
            || self.norm(i + 1) != "q"
            || !self.glued(i)
            || !self.glued(i + 1)
        {
            return None;
        }
        let q = self.tok(i + 2).filter(|x| x.norm.len() == 1)?.num()?;
        if !(1..=4).contains(&q)
            || self.glued(i + 2) && self.tok(i + 3).is_some_and(|x| x.shape != Shape::Sign)
        {
            return None;
        }
        let y = i32::try_from(t.num()?).ok()?;
        let y = if t.norm.len() == 2 { 2000 + y } else { y };
        let mut h = Hit::new(i, i + 3, TimeKind::Date, format!("{y:04}-Q{q}"), true);
        h.names_quarter = true;
        Some(h)
    }

    /// "the week of October 6th", "the week of March 6" (English): the ISO week of that day.
    fn week_of(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En || self.norm(i) != "the" || self.norm(i + 1) != "week" {
            return None;
        }
        if self.norm(i + 2) != "of" {
            return None;
        }
        let h = self.best_inner(i + 3)?;
        let d = Date::parse_iso_prefix(&h.value).filter(|_| h.is_day && h.value.len() == 10)?;
        let (y, w) = d.iso_week();
        Some(Hit::new(
            i,
            h.end,
            TimeKind::Date,
            format!("{y:04}-W{w:02}"),
            h.anchored,
        ))
    }

    /// "the following week", "the following month", "the following year" (English): the
    /// one after the last date the text fixed (the publication date if none), as TIMEX3
    /// anchors them.
    fn following_unit(&self, i: usize) -> Option<Hit> {
        let k = if self.norm(i) == "the" { i + 1 } else { i };
        if self.lang != Lang::En || self.norm(k) != "following" {
            return None;
        }
        let r = self.reference?;
        // the antecedent may be a year this layer does not carry forward ("in 1995 … the
        // following year"): without a day fixed by the text, a year written before leaves it
        if self.reference == self.anchor
            && self.toks[..i]
                .iter()
                .any(|t| t.shape == Shape::Num && t.norm.len() == 4)
        {
            return None;
        }
        let value = match self.norm(k + 1) {
            "week" => {
                let (y, w) = r.add_days(7)?.iso_week();
                format!("{y:04}-W{w:02}")
            }
            "month" => {
                let d = Date::new(r.year, r.month, 1)?.add_months(1)?;
                format!("{:04}-{:02}", d.year, d.month)
            }
            "year" => format!("{:04}", r.year + 1),
            _ => return None,
        };
        Some(Hit::new(i, k + 2, TimeKind::Date, value, true))
    }

    /// A weekday in a week named relatively (English): "wednesday of next week", "friday
    /// next week", "monday of last week"; "friday after next" (the second one to come).
    fn weekday_of_week(&self, i: usize) -> Option<Hit> {
        // cheap tests first: one of the words that follow a weekday, then the weekday
        if self.lang != Lang::En
            || !(i + 1..i + 3).any(|k| {
                matches!(
                    self.norm(k),
                    "of" | "after" | "next" | "this" | "last" | "previous"
                )
            })
            || !self.m.is(i, Cat::Weekday)
        {
            return None;
        }
        let (e, wd) = self.weekday_at(i)?;
        let a = self.anchor?;
        let today = a.weekday();
        let (end, date) = if self.norm(e) == "after" && self.norm(e + 1) == "next" {
            let first = (i64::from(wd) - i64::from(today)).rem_euclid(7);
            let first = if first == 0 { 7 } else { first };
            (e + 2, a.add_days(first + 7)?)
        } else {
            let k = if self.norm(e) == "of" { e + 1 } else { e };
            let shift = match self.norm(k) {
                "this" => 0,
                "next" => 1,
                "last" | "previous" => -1,
                _ => return None,
            };
            if self.norm(k + 1) != "week" {
                return None;
            }
            let monday = a.add_days(1 - i64::from(today))?;
            (k + 2, monday.add_days(7 * shift + i64::from(wd) - 1)?)
        };
        let mut h = Hit::new(i, end, TimeKind::Date, date.ymd(), true);
        h.fixes = Some(date);
        h.is_day = true;
        Some(h)
    }

    /// A count of weekdays from the publication date (English): "3 fridays from now", "2
    /// thursdays ago" (the publication day itself not counted).
    fn counted_weekdays(&self, i: usize) -> Option<Hit> {
        // cheap tests first: a plural word, then a plural weekday right after a one- or
        // two-token count
        let plural = |k: usize| self.tok(k).is_some_and(|t| t.norm.ends_with("ays"));
        if self.lang != Lang::En
            || !(plural(i + 1) || plural(i + 2))
            || !(self.m.is(i + 1, Cat::Weekdays) || self.m.is(i + 2, Cat::Weekdays))
        {
            return None;
        }
        let (e, n) = self.count(i)?;
        let n = i64::try_from(n?).ok()?;
        let (e2, wd) = self.at(e, Cat::Weekdays)?;
        let wd: i64 = wd.parse().ok()?;
        let (end, forward) = match (self.norm(e2), self.norm(e2 + 1)) {
            ("from", "now" | "today") => (e2 + 2, true),
            ("hence", _) => (e2 + 1, true),
            ("ago" | "back", _) => (e2 + 1, false),
            _ => return None,
        };
        let (value, anchored, fixes) = match self.anchor {
            Some(a) => {
                let today = i64::from(a.weekday());
                let d = if forward {
                    let first = (wd - today).rem_euclid(7);
                    a.add_days(if first == 0 { 7 } else { first } + 7 * (n - 1))?
                } else {
                    let first = (today - wd).rem_euclid(7);
                    a.add_days(-(if first == 0 { 7 } else { first }) - 7 * (n - 1))?
                };
                (d.ymd(), true, Some(d))
            }
            None => (format!("XXXX-WXX-{wd}"), false, None),
        };
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        Some(h)
    }

    /// A day of a month named relatively (English): "the 20th of next month", "20 of this
    /// month", "20th day of the previous month".
    fn day_of_relative_month(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let k = if self.norm(i) == "the" { i + 1 } else { i };
        // cheap tests first: "of" a few tokens on, then a number or an ordinal
        if !(k + 1..k + 4).any(|x| self.norm(x) == "of")
            || !(self.tok(k).is_some_and(|t| t.shape == Shape::Num) || self.m.is(k, Cat::DayOrd))
        {
            return None;
        }
        let (mut e, d) = self.day_number(k)?;
        if self.norm(e) == "day" {
            e += 1;
        }
        if self.norm(e) != "of" {
            return None;
        }
        let mut j = e + 1;
        if self.norm(j) == "the" {
            j += 1;
        }
        let shift = match self.norm(j) {
            "this" | "current" => 0,
            "last" | "previous" | "past" => -1,
            "next" | "coming" | "following" => 1,
            "month" => {
                j -= 1;
                0
            }
            _ => return None,
        };
        if self.norm(j + 1) != "month" || self.norm(j + 2) == "'" {
            return None;
        }
        // "3 of the month's games": a bare number needs the relative word
        let ordinal = e > k + 1 || self.at(k, Cat::DayOrd).is_some();
        if !ordinal && self.norm(j) == "the" {
            return None;
        }
        let a = self.anchor?;
        let m = Date::new(a.year, a.month, 1)?.add_months(shift)?;
        let date = Date::new(m.year, m.month, d)?;
        let mut h = Hit::new(i, j + 2, TimeKind::Date, date.ymd(), true);
        h.fixes = Some(date);
        h.is_day = true;
        Some(h)
    }

    /// The n-th weekday or week of a month (English): "first tuesday of october", "the last
    /// Friday in May 2015", "last week of september 2014" (the week of its last Sunday),
    /// "first week of october" (the week of its first Monday).
    fn nth_of_month(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let mut j = i;
        if self.norm(j) == "the" {
            j += 1;
        }
        // "the third last week of 2018", "the 5th last day of May": counted from the end
        let from_end = (matches!(self.norm(j + 1), "last") || self.norm(j + 2) == "last")
            .then(|| self.day_number(j))
            .flatten()
            .filter(|&(e, n)| self.norm(e) == "last" && (2..=9).contains(&n));
        let n: i32 = if let Some((e, n)) = from_end {
            j = e;
            -i32::try_from(n).ok()?
        } else {
            match self.norm(j) {
                "first" | "1st" => 1,
                "second" | "2nd" => 2,
                "third" | "3rd" => 3,
                "fourth" | "4th" => 4,
                "last" => -1,
                _ => return None,
            }
        };
        j += 1;
        // what is counted: a weekday, the week, the day, the weekend
        enum Of {
            Weekday(u32),
            Week,
            Day,
            Weekend,
        }
        let (e, what) = match self.weekday_at(j) {
            Some(x) => (x.0, Of::Weekday(x.1)),
            None if self.norm(j) == "week" && self.norm(j + 1) == "end" && n == -1 => {
                (j + 2, Of::Weekend)
            }
            None if n == -1 && self.at(j, Cat::Weekend).is_some() => {
                (self.at(j, Cat::Weekend)?.0, Of::Weekend)
            }
            None if self.norm(j) == "week" && (n == 1 || n < 0) => (j + 1, Of::Week),
            None if self.norm(j) == "day" => (j + 1, Of::Day),
            None if n == -1 && self.norm(j) == "wkend" => (j + 1, Of::Weekend),
            None => return None,
        };
        if !matches!(self.norm(e), "of" | "in") {
            return None;
        }
        // the month: named ("of october 2015") or relative ("of this month", "of last month")
        let relative = {
            let k = e + 1;
            let (k2, shift) = match self.norm(k) {
                "this" | "the" | "current" => (k + 1, 0),
                "last" | "previous" | "past" => (k + 1, -1),
                "next" | "coming" => (k + 1, 1),
                _ => (k, i64::MAX),
            };
            if shift != i64::MAX && self.norm(k2) == "month" {
                let a = self.anchor?;
                let m = Date::new(a.year, a.month, 1)?.add_months(shift)?;
                Some((k2 + 1, m.year, m.month))
            } else {
                None
            }
        };
        // a year alone for weeks and days: "the third last week of 2018"
        let year_only = (!matches!(what, Of::Weekday(_) | Of::Weekend))
            .then(|| self.tok(e + 1))
            .flatten()
            .filter(|t| t.shape == Shape::Num && t.norm.len() == 4)
            .and_then(|t| i32::try_from(t.num()?).ok());
        let (end, year, m) = if let Some(r) = relative {
            r
        } else if let Some(y) = year_only {
            (e + 2, y, if n < 0 { 12 } else { 1 })
        } else {
            let (e2, v) = self.at(e + 1, Cat::Month)?;
            let m: u32 = v.parse().ok()?;
            let mut end = e2;
            let year = match self.year_after(self.comma(e2)) {
                Ok(Some((e3, y)))
                    if self.tok(self.comma(e2)).is_some_and(|t| t.norm.len() == 4) =>
                {
                    end = e3;
                    y
                }
                _ => {
                    let a = self.anchor?;
                    if m < a.month && self.future.get(i).copied().unwrap_or(false) {
                        a.year + 1
                    } else {
                        a.year
                    }
                }
            };
            (end, year, m)
        };
        let (value, fixes) = match what {
            Of::Weekday(wd) => {
                let d = Date::nth_weekday(year, m, wd, n)?;
                (d.ymd(), Some(d))
            }
            // "the first week of 2014": the ISO week
            Of::Week if year_only.is_some() && relative.is_none() && n > 0 => {
                (format!("{year:04}-W{n:02}"), None)
            }
            Of::Week => {
                // the week of the first Monday, or of the last Sunday, counted back
                let d = if n > 0 {
                    Date::nth_weekday(year, m, 1, n)?
                } else {
                    Date::nth_weekday(year, m, 7, -1)?.add_days(7 * (i64::from(n) + 1))?
                };
                let (wy, w) = d.iso_week();
                (format!("{wy:04}-W{w:02}"), None)
            }
            Of::Day => {
                let d = if n > 0 {
                    Date::new(year, m, u32::try_from(n).ok()?)?
                } else {
                    Date::new(year, m, 1)?
                        .add_months(1)?
                        .add_days(i64::from(n))?
                };
                (d.ymd(), Some(d))
            }
            Of::Weekend => {
                // the weekend of the month's last Saturday
                let d = Date::nth_weekday(year, m, 6, -1)?;
                let (wy, w) = d.iso_week();
                (format!("{wy:04}-W{w:02}-WE"), None)
            }
        };
        let wd = fixes;
        let mut h = Hit::new(i, end, TimeKind::Date, value, true);
        h.fixes = fixes;
        h.is_day = wd.is_some();
        Some(h)
    }

    /// Minutes counted from a clock time (English): "a quarter past 3pm", "20 minutes past
    /// 15h", "half past three pm", "a quarter to noon"; the clock value (`HH:MM`) moved.
    fn offset_clock(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let mut j = i;
        let mut counted = true;
        let n: i64 = match self.norm(j) {
            "a" if self.norm(j + 1) == "quarter" => {
                j += 2;
                15
            }
            "quarter" => {
                j += 1;
                15
            }
            "half" => {
                // British "half three": half past the hour, ending the clause
                if let Some((e, Some(h))) = self.count(j + 1)
                    && (1..=12).contains(&h)
                    && self
                        .tok(e)
                        .is_none_or(|t| t.shape == Shape::Sign && t.norm != "-")
                    && self.tok(j + 1).is_some_and(|t| t.shape == Shape::Word)
                {
                    return Some(Hit::new(i, e, TimeKind::Time, format!("{h:02}:30"), true));
                }
                j += 1;
                30
            }
            _ => {
                let t = self.tok(j)?;
                let n = if t.shape == Shape::Num && t.norm.len() <= 2 {
                    j += 1;
                    i64::from(t.num()?)
                } else {
                    // "twenty after 3pm", "ten to midnight": a count in words
                    let (e, n) = self.count(j)?;
                    if t.shape != Shape::Word || !matches!(self.norm(e), "past" | "after" | "to") {
                        return None;
                    }
                    j = e;
                    i64::try_from(n?).ok()?
                };
                if !(1..60).contains(&n) {
                    return None;
                }
                counted = matches!(self.norm(j), "minutes" | "minute" | "mins" | "min");
                if counted {
                    j += 1;
                }
                n
            }
        };
        // "15 to noon", "twenty after 3pm": uncounted, only before a named or marked time
        let marked = self.at(j + 1, Cat::Clock).is_some()
            || self
                .clock(j + 1, true)
                .is_some_and(|c| self.ampm_in(j + 1, c.end));
        let sign = match self.norm(j) {
            "past" => 1,
            "after" if counted || marked => 1,
            // "15 minutes from 1pm" (not "from now": no clock time follows)
            "from" if counted && marked => 1,
            "to" | "till" | "before" | "of"
                if counted || marked && self.at(j + 1, Cat::Clock).is_some() =>
            {
                -1
            }
            _ => return None,
        };
        let mut c = self.clock(j + 1, true)?;
        let (h, m) = c.value.split_once(':')?;
        if m.len() != 2 || h.len() != 2 {
            return None;
        }
        let total = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()? + sign * n;
        if !(0..24 * 60).contains(&total) {
            return None;
        }
        c.value = format!("{:02}:{:02}", total / 60, total % 60);
        c.start = i;
        Some(c)
    }

    /// A capitalised word right after another one inside a sentence: part of a title or a
    /// name ("VOA Today", "USA Today").
    fn title_word(&self, i: usize) -> bool {
        i > 0
            && !self.sentence_start.get(i).copied().unwrap_or(true)
            && self.tok(i).is_some_and(|t| t.cap)
            && self
                .tok(i - 1)
                .is_some_and(|t| t.cap && t.shape == Shape::Word)
    }

    /// A day written right after a clock time (English): "noon Thursday", "10 p.m.
    /// Wednesday", "5 p.m. EST Nov. 9", "2pm tomorrow", "11:00 on Thursday".
    fn day_after_clock(&self, end: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let mut k = end;
        if matches!(self.norm(k), "," | "on") {
            k += 1;
        }
        let day = match self.date_expr(k) {
            Some(Found::Hit(h)) => h,
            _ => self.deictic(k)?,
        };
        (day.kind == TimeKind::Date && day.is_day).then_some(day)
    }

    /// The token after a phrase of `cat` at `i`, or `i` when there is none.
    fn after(&self, i: usize, cat: Cat) -> usize {
        self.at(i, cat).map_or(i, |(e, _)| e)
    }

    /// A direction word at `j` ("ce", "dernier", "next", "прошлый"): the token after it and
    /// the direction, or `j` and `Dir::None`.
    fn direction(&self, j: usize) -> (usize, Dir) {
        let found = [
            (Cat::This, Dir::This),
            (Cat::Last, Dir::Last),
            (Cat::Next, Dir::Next),
        ]
        .into_iter()
        .find_map(|(cat, dir)| self.at(j, cat).map(|(e, _)| (e, dir)))
        .unwrap_or((j, Dir::None));
        // "this past weekend", "this coming week" (English): the second word decides
        if found.1 == Dir::This && self.lang == Lang::En {
            if let Some((e, _)) = self.at(found.0, Cat::Last) {
                return (e, Dir::Last);
            }
            if let Some((e, _)) = self.at(found.0, Cat::Next) {
                return (e, Dir::Next);
            }
        }
        found
    }

    /// "dernier/prochain/ce" with a unit: "la semaine dernière", "last year", "в прошлом
    /// году", "ce mois-ci", "this week".
    fn relative_unit(&self, i: usize) -> Option<Hit> {
        let (j, mut dir) = self.direction(self.after(i, Cat::Det));
        let (e, unit) = self.at(j, Cat::Unit)?;
        let (mult, u) = unit_parts(unit)?;
        // "ABC's "This Week"": a capitalised unit inside a sentence is a title
        if self.lang == Lang::En
            && j > i
            && !self.sentence_start[i]
            && self
                .tok(j)
                .is_some_and(|t| t.cap && self.text[t.start..t.end].chars().any(char::is_lowercase))
        {
            return None;
        }
        let mut end = e;
        if dir == Dir::None || dir == Dir::This {
            if let Some((e2, _)) = self.at(end, Cat::Last) {
                if dir == Dir::This {
                    return None;
                }
                dir = Dir::Last;
                end = e2;
            } else if let Some((e2, _)) = self.at(end, Cat::Next) {
                if dir == Dir::This {
                    return None;
                }
                dir = Dir::Next;
                end = e2;
            }
        }
        if dir == Dir::This && self.norm(end) == "-" && matches!(self.norm(end + 1), "ci" | "là") {
            end += 2;
        }
        if dir == Dir::None || mult != 1 && u != "Y" {
            return None;
        }
        // Plural units with a cue are a vague stretch ("ces derniers mois") or a duration.
        let tok_unit = self.norm(j);
        if tok_unit.ends_with('s') && self.lang == Lang::Fr && tok_unit != "mois" {
            return None;
        }
        // "past years", "coming months": a vague stretch before or after now
        if self.lang == Lang::En && tok_unit.ends_with('s') && matches!(dir, Dir::Last | Dir::Next)
        {
            let v = if dir == Dir::Last {
                "PAST_REF"
            } else {
                "FUTURE_REF"
            };
            return Some(Hit::new(i, end, TimeKind::Date, v.to_owned(), false));
        }
        let step: i64 = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            _ => 0,
        };
        let (value, anchored, fixes, is_day) = match self.anchor {
            Some(a) => match (u, mult) {
                ("Y", 1) => (format!("{:04}", a.year + step as i32), true, None, false),
                ("Y", 10) => {
                    let y = a.year + 10 * step as i32;
                    let x = if self.lang == Lang::En { "" } else { "X" };
                    (format!("{:03}{x}", y / 10), true, None, false)
                }
                ("Y", 100) => {
                    let y = a.year + 100 * step as i32;
                    (format!("{:02}", y / 100), true, None, false)
                }
                ("M", 1) => {
                    let d = a.add_months(step)?;
                    (format!("{:04}-{:02}", d.year, d.month), true, None, false)
                }
                ("W", 1) => {
                    let d = a.add_days(7 * step)?;
                    let (y, w) = d.iso_week();
                    (format!("{y:04}-W{w:02}"), true, None, false)
                }
                ("D", 1) => {
                    let d = a.add_days(step)?;
                    (d.ymd(), true, Some(d), true)
                }
                ("Q", 1) => {
                    let (y, q) =
                        shift_quarter((a.year, (a.month - 1) / 3 + 1), i32::try_from(step).ok()?);
                    (format!("{y:04}-Q{q}"), true, None, false)
                }
                _ => return None,
            },
            None => {
                let v = match (u, mult) {
                    ("Y", 1) => "XXXX",
                    ("M", 1) => "XXXX-XX",
                    ("W", 1) => "XXXX-WXX",
                    ("D", 1) => "XXXX-XX-XX",
                    ("Q", 1) => "XXXX-QX",
                    _ => return None,
                };
                (v.to_owned(), false, None, false)
            }
        };
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = is_day;
        h.names_quarter = u == "Q";
        Some(h)
    }

    /// "hier", "aujourd'hui", "tomorrow", "вчера", with a part of day or a clock time; "ce
    /// soir", "this morning", "tonight".
    fn deictic(&self, i: usize) -> Option<Hit> {
        // "VOA Today", "USA Today": the title of a programme or a paper
        if self.lang == Lang::En && self.norm(i) == "today" && self.title_word(i) {
            return None;
        }
        let (e, offset, this_pod) = if let Some((e, v)) = self.at(i, Cat::Deictic) {
            (e, v.parse::<i64>().ok()?, None)
        } else if matches!(self.norm(i), "tonight" | "tonite") {
            (i + 1, 0, Some("NI"))
        } else if self.lang == Lang::En && self.norm(i) == "last" && self.norm(i + 1) == "night" {
            // "last night": the night before the publication day
            (i + 2, -1, Some("NI"))
        } else if let Some((e, _)) = self.at(i, Cat::This)
            && let Some((e2, pod)) = self.at(e, Cat::Pod)
            && pod != "MI"
        {
            (e2, 0, pod_of(pod))
        } else {
            return None;
        };
        // "aujourd'hui" alone, outside the future tense, is the present (ISO-TimeML
        // PRESENT_REF): "aujourd'hui, la ville compte…"; with a time of day it is the day.
        if self.lang == Lang::Fr
            && offset == 0
            && this_pod.is_none()
            && self.norm(i) == "aujourd"
            && !self.future.get(i).copied().unwrap_or(false)
            && self.at(e, Cat::Pod).is_none()
            && self.clock(e, true).is_none()
            && self.clock(e + 1, true).is_none()
        {
            return Some(Hit::new(
                i,
                e,
                TimeKind::Date,
                "PRESENT_REF".to_owned(),
                false,
            ));
        }
        let (value, anchored, fixes) = match self.anchor {
            Some(a) => {
                let d = a.add_days(offset)?;
                (d.ymd(), true, Some(d))
            }
            None => ("XXXX-XX-XX".to_owned(), false, None),
        };
        let mut h = Hit::new(i, e, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        if let Some(pod) = this_pod {
            // "this morning at 3", "this evening at 8": the hour read in that part of day
            if let Some(t) = self.pod_hour(e, pod, &h.value) {
                h.value = t.0;
                h.end = t.1;
                h.kind = TimeKind::DateTime;
                return Some(h);
            }
            h.value = format!(
                "{}T{}",
                h.value,
                if pod == "NI" && matches!(self.norm(i), "tonight" | "tonite" | "last") {
                    "NI"
                } else {
                    pod
                }
            );
            h.kind = TimeKind::DateTime;
            return Some(h);
        }
        h.is_day = true;
        Some(self.with_clock(h))
    }

    /// "at 3", "at eight" after a part of day (English) on `day`: the value and the end. An
    /// hour of the afternoon, evening or night is after noon; twelve at night is midnight,
    /// the start of the next day.
    fn pod_hour(&self, e: usize, pod: &str, day: &str) -> Option<(String, usize)> {
        if self.lang != Lang::En || !matches!(self.norm(e), "at" | "@") {
            return None;
        }
        let k = e + 1;
        let t = self.tok(k)?;
        let (end, h) = if t.shape == Shape::Num && t.norm.len() <= 2 {
            (k + 1, t.num()?)
        } else if t.shape == Shape::Word {
            let (end, n) = self.count(k)?;
            (end, u32::try_from(n?).ok()?)
        } else {
            return None;
        };
        if !(1..=12).contains(&h)
            || self
                .tok(end)
                .is_some_and(|x| x.shape == Shape::Word || x.norm == ":")
        {
            return None;
        }
        let d = Date::parse_iso_prefix(day);
        let (day, hour) = match (pod, h) {
            ("MO", 12) => (d, 0),
            ("MO", h) => (d, h),
            ("AF", 12) => (d, 12),
            ("EV" | "NI", 12) => (d.and_then(|d| d.add_days(1)), 0),
            (_, h) => (d, h + 12),
        };
        let day = day.map_or_else(|| "XXXX-XX-XX".to_owned(), Date::ymd);
        Some((format!("{day}T{hour:02}:00"), end))
    }

    /// "ce jour-là", "le lendemain", "the next day", "накануне": from the last date fixed.
    fn anaphor(&self, i: usize) -> Option<Hit> {
        let (e, v) = self.at(i, Cat::Anaphor)?;
        let offset: i64 = v.parse().ok()?;
        // "on the eve of the Pope's visit": the day before an event, not a date the text gives
        if self.lang == Lang::En && self.norm(e - 1) == "eve" && self.norm(e) == "of" {
            return None;
        }
        // "the day before returning home", "the day before authorities issued a warrant":
        // "before" opens a clause; the day is that of the clause, not the day before
        if self.lang == Lang::En
            && matches!(self.norm(e - 1), "before" | "after")
            && self
                .tok(e)
                .is_some_and(|t| t.shape == Shape::Word && !self.lex.begins(t))
        {
            return None;
        }
        let (value, anchored, fixes) = match self.reference {
            Some(r) => {
                let d = r.add_days(offset)?;
                (d.ymd(), true, Some(d))
            }
            None => ("XXXX-XX-XX".to_owned(), false, None),
        };
        let mut h = Hit::new(i, e, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = true;
        Some(self.with_clock(h))
    }

    /// A count: digits or number words ("vingt-cinq", "twenty-five"), or a fuzzy one.
    fn count(&self, i: usize) -> Option<(usize, Option<u64>)> {
        let t = self.tok(i)?;
        if t.shape == Shape::Num {
            if t.norm.len() > 6 {
                return None;
            }
            // "3 600": a grouped number counts things, not time
            if self.tok(i + 1).is_some_and(|n| n.shape == Shape::Num) {
                return None;
            }
            if i > 0 && self.toks[i - 1].shape == Shape::Num && t.space_before && t.norm.len() == 3
            {
                return None;
            }
            // decimals: "1,5 an" → not handled, skip the whole
            if i > 1
                && matches!(self.toks[i - 1].norm.as_str(), "," | ".")
                && !t.space_before
                && self.toks[i - 2].shape == Shape::Num
            {
                return None;
            }
            return Some((i + 1, Some(u64::from(t.num()?))));
        }
        if let Some((e, _)) = self.at(i, Cat::Fuzzy) {
            return Some((e, None));
        }
        let (mut e, v) = self.at(i, Cat::Num)?;
        let mut n: u64 = v.parse().ok()?;
        // vingt-cinq, twenty-five, vingt et un, двадцать пять
        if n >= 20 && n.is_multiple_of(10) && n < 100 {
            let mut k = e;
            if matches!(self.norm(k), "-" | "et") {
                k += 1;
            }
            if let Some((e2, v2)) = self.at(k, Cat::Num)
                && let Ok(u) = v2.parse::<u64>()
                && (1..=9).contains(&u)
            {
                n += u;
                e = e2;
            }
        }
        Some((e, Some(n)))
    }

    /// A fraction of an hour written with a slash (English): "1/2 hour", "3/4h" (`PT45M`).
    fn fraction_hour(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En || self.norm(i + 1) != "/" || !self.glued(i) || !self.glued(i + 1)
        {
            return None;
        }
        let minutes = match (self.norm(i), self.norm(i + 2)) {
            ("1", "2") => 30,
            ("1", "4") => 15,
            ("3", "4") => 45,
            _ => return None,
        };
        let e = i + 3;
        let end = if self.norm(e) == "h" {
            e + 1
        } else {
            let (ue, unit) = self.at(e, Cat::Unit)?;
            if unit != "1H" {
                return None;
            }
            ue
        };
        Some(Hit::new(
            i,
            end,
            TimeKind::Duration,
            format!("PT{minutes}M"),
            true,
        ))
    }

    /// Whether a clock-time cue ("à", "at", "il est") ends right before token `i`.
    fn at_cue_before(&self, i: usize) -> bool {
        (1..=3).any(|k| i >= k && self.at(i - k, Cat::At).is_some_and(|(e, _)| e == i))
    }

    /// A decimal count of a unit: "3.5 ans", "2.5 hours", "123,45 sec" (`P3.5Y`, `PT2.5H`).
    fn decimal_duration(&self, i: usize) -> Option<Hit> {
        let a = self.tok(i)?;
        if a.shape != Shape::Num || a.norm.len() > 4 {
            return None;
        }
        // not the end of a longer number ("1.234,5")
        if i > 0 && matches!(self.norm(i - 1), "." | ",") && !a.space_before {
            return None;
        }
        if !(matches!(self.norm(i + 1), "." | ",") && self.glued(i) && self.glued(i + 1)) {
            return None;
        }
        let b = self.tok(i + 2).filter(|t| t.shape == Shape::Num)?;
        let mut e = i + 3;
        if self.norm(e) == "-" && self.glued(e - 1) {
            e += 1;
        }
        let (ue, unit) = self.at(e, Cat::Unit)?;
        let (mult, u) = unit_parts(unit)?;
        if mult != 1 || u == "Q" || self.norm(ue) == "old" || self.norm(ue) == "-" {
            return None;
        }
        let amount = format!("{}.{}", a.norm, b.norm);
        let value = match u {
            "H" => format!("PT{amount}H"),
            "MIN" => format!("PT{amount}M"),
            "S" => format!("PT{amount}S"),
            u => format!("P{amount}{u}"),
        };
        Some(Hit::new(i, ue, TimeKind::Duration, value, true))
    }

    /// A length of time: "six mois", "30 ans", "three days", "16-hour", "несколько месяцев",
    /// "un demi-siècle"; with "il y a", "ago", "назад", "dans", "через", "later" it becomes a
    /// date.
    fn duration_expr(&self, i: usize) -> Option<Hit> {
        // "il y a trois jours", "dans trois jours", "через три дня"
        let mut pre: Option<(Dir, usize)> = None;
        let mut j = i;
        if let Some((e, _)) = self.at(i, Cat::AgoPre) {
            pre = Some((Dir::Last, e));
            j = e;
        } else if let Some((e, _)) = self.at(i, Cat::LaterPre) {
            pre = Some((Dir::Next, e));
            j = e;
        }
        let mut modifier = None;
        if let Some((e, m)) = self.at(j, Cat::Mod)
            && matches!(
                m,
                "APPROX" | "MORE_THAN" | "LESS_THAN" | "EQUAL_OR_MORE" | "EQUAL_OR_LESS"
            )
            && pre.is_some()
        {
            modifier = Some(m);
            j = e;
        }
        // "les trois derniers mois", "the past three years", "последние три года"
        let mut span_det = false;
        let mut k = j;
        if pre.is_none() {
            if let Some((e, _)) = self.at(k, Cat::Det) {
                k = e;
                span_det = true;
            }
            if let Some((e, _)) = self.at(k, Cat::Last).or_else(|| self.at(k, Cat::Next)) {
                k = e;
                span_det = true;
            }
        }
        // "2 1/2 years": a count and a half
        let mut half = false;
        let glued_half = self
            .tok(k)
            .is_some_and(|t| t.shape == Shape::Num && t.norm.len() <= 3)
            && self.norm(k + 1) == "1"
            && self.tok(k + 1).is_some_and(|t| t.space_before)
            && self.norm(k + 2) == "/"
            && self.glued(k + 1)
            && self.norm(k + 3) == "2"
            && self.glued(k + 2);
        // a unit that holds its own count: "half an hour", "three-quarters of an hour"
        let own_count = matches!(self.norm(k), "half" | "three" | "quarter")
            .then(|| self.at(k, Cat::Unit))
            .flatten()
            .filter(|&(ue, _)| ue > k + 1 && self.at(k, Cat::Num).is_none_or(|(ne, _)| ne < ue));
        let (mut e, n) = if glued_half {
            half = true;
            (k + 4, self.tok(k)?.num().map(u64::from))
        } else if own_count.is_some() && matches!(self.norm(k), "half" | "three" | "quarter") {
            (k, Some(1))
        } else {
            match self.count(k) {
                Some(x) => x,
                None if span_det => return None,
                None => {
                    // "un demi-siècle", "une décennie": the article is the count
                    return None;
                }
            }
        };
        // "two and a half years" ("and an half" as some write it)
        if self.lang == Lang::En
            && !half
            && n.is_some()
            && self.norm(e) == "and"
            && matches!(self.norm(e + 1), "a" | "an")
            && self.norm(e + 2) == "half"
            && self.at(e + 3, Cat::Unit).is_some()
        {
            half = true;
            e += 3;
        }
        if span_det
            && self.tok(k).is_some_and(|t| t.shape == Shape::Num)
            && n.is_some_and(|n| n > 100)
        {
            return None;
        }
        if self.lang == Lang::Fr && span_det && pre.is_none() {
            // "les trois derniers mois"
            if let Some((e2, _)) = self.at(e, Cat::Last).or_else(|| self.at(e, Cat::Next)) {
                e = e2;
            }
        }
        // "two upcoming weeks": as "the next two weeks"; "two more years"
        if self.lang == Lang::En
            && matches!(self.norm(e), "upcoming" | "more")
            && (pre.is_none() || self.norm(e) == "more")
            && self.at(e + 1, Cat::Unit).is_some()
        {
            e += 1;
        }
        if self.norm(e) == "-" && self.glued(e - 1) {
            e += 1;
        }
        let (ue, unit) = self.at(e, Cat::Unit)?;
        // "в 99999 году", "к 2030 году": a number before "году" names a year (one that
        // does not exist gives nothing), never a length
        if self.lang == Lang::Ru && self.norm(e) == "году" {
            return None;
        }
        let (mult, u) = unit_parts(unit)?;
        // "à 10 heures" is a time
        if u == "H" && self.at_cue_before(i) && pre.is_none() && !half {
            return None;
        }
        let is_article = self.at(k, Cat::Num).is_some_and(|(_, v)| v == "1")
            && self.tok(k).is_some_and(|t| t.shape == Shape::Word);
        let _ = is_article;
        let mut end = ue;
        let value_n = n;
        let value_mult = mult;
        let value_unit = u.to_owned();
        // "un an et demi", "a year and a half", "полтора" is not handled
        if !half && self.norm(end) == "et" && matches!(self.norm(end + 1), "demi" | "demie") {
            half = true;
            end += 2;
        } else if !half
            && self.lang == Lang::En
            && self.norm(end) == "and"
            && self.norm(end + 1) == "a"
            && self.norm(end + 2) == "half"
        {
            half = true;
            end += 3;
        }
        if value_n == Some(0) && !half {
            return None;
        }
        // "a second group", "a second time": an ordinal, not a length
        if u == "S"
            && matches!(self.norm(k), "a" | "une")
            && self.tok(ue).is_some_and(|t| t.shape == Shape::Word)
            && !self.m.is(ue, Cat::AgoPost)
            && !self.m.is(ue, Cat::LaterPost)
            && !self.m.is(ue, Cat::YearNext)
        {
            return None;
        }
        // "three-quarters of its food", "more than a quarter of the market": a fraction
        if u == "Q"
            && mult == 1
            && self.norm(ue) == "of"
            && pre.is_none()
            && n.is_some_and(|n| n <= 3)
        {
            return None;
        }
        // an age: "30-year-old", "52 years old", "un homme de 30 ans" is an age
        if (self.norm(end) == "-" && self.norm(end + 1) == "old") || self.norm(end) == "old" {
            return None;
        }
        if self.lang == Lang::Fr && pre.is_none() && value_unit == "Y" && self.is_fr_age(i, end) {
            return None;
        }
        let mut value = duration_value(value_n, value_mult, &value_unit);
        if half {
            // the half in the next smaller unit: P2Y6M, PT5H30M, PT1M30S, P3DT12H
            let n = value_n.map_or("X".to_owned(), |n| n.saturating_mul(value_mult).to_string());
            value = match (value_unit.as_str(), value_mult) {
                ("Y", 1) => format!("P{n}Y6M"),
                ("Y", 10) => format!(
                    "P{}Y",
                    value_n.map_or("X".to_owned(), |n| (n * 10 + 5).to_string())
                ),
                ("M", 1) => format!("P{n}M15D"),
                ("W", 1) => format!(
                    "P{}D",
                    value_n.map_or("X".to_owned(), |n| (n * 7 + 3).to_string())
                ),
                ("D", 1) => format!("P{n}DT12H"),
                ("H", 1) => format!("PT{n}H30M"),
                ("MIN", 1) => format!("PT{n}M30S"),
                _ => return None,
            };
            let value = value
                .replace("P0Y", "P")
                .replace("PT0H", "PT")
                .replace("PT0M", "PT");
            let mut h = Hit::new(i, end, TimeKind::Duration, value, true);
            h.modifier = modifier;
            let ago = self.at(end, Cat::AgoPost);
            if pre.is_some() || ago.is_some() {
                // "2 1/2 years ago": the month it gives; other units are not resolved
                let (Some(a), Some(n), Some((e2, _)), "Y", 1) =
                    (self.anchor, value_n, ago, value_unit.as_str(), value_mult)
                else {
                    return None;
                };
                let months = i64::try_from(n.saturating_mul(12) + 6).ok()?;
                let d = a.add_months(-months)?;
                h.value = format!("{:04}-{:02}", d.year, d.month);
                h.kind = TimeKind::Date;
                h.end = e2;
            }
            return Some(h);
        }
        let mut kind = TimeKind::Duration;
        let mut anchored = true;
        let mut fixes = None;
        let mut post: Option<Dir> = None;
        if pre.is_none() {
            if let Some((e2, _)) = self.at(end, Cat::AgoPost) {
                post = Some(Dir::Last);
                end = e2;
            } else if let Some((e2, _)) = self.at(end, Cat::LaterPost) {
                // "trois jours plus tard": from the last date fixed; "après" only when
                // nothing follows that it could govern
                let word = self.norm(end);
                if word != "après" && word != "after"
                    || self.tok(e2).is_none_or(|t| t.shape == Shape::Sign)
                {
                    post = Some(Dir::Next);
                    end = e2;
                }
            }
        }
        let dir = pre.map(|(d, _)| d).or(post);
        // "700 seats a week", "$500 million a year", "20% a year": a rate, not a length
        if dir.is_none()
            && self.lang == Lang::En
            && matches!(self.norm(k), "a" | "an")
            && self.quantity_before(k)
        {
            return None;
        }
        // "recent years", "the past few months", "ces dernières années": a vague past
        if dir.is_none()
            && n.is_none()
            && (matches!(self.norm(k), "recent" | "récents" | "récentes")
                || (span_det && self.at(k.saturating_sub(1), Cat::Last).is_some()))
        {
            let mut h = Hit::new(i, end, TimeKind::Date, "PAST_REF".to_owned(), false);
            h.modifier = modifier;
            return Some(h);
        }
        if let Some(dir) = dir {
            kind = TimeKind::Date;
            let base = if post == Some(Dir::Next) {
                self.reference
            } else {
                self.anchor
            };
            match (base, value_n) {
                (Some(a), Some(n)) => {
                    let n = i64::try_from(n.saturating_mul(value_mult)).ok()?;
                    let sign = if dir == Dir::Last { -1 } else { 1 };
                    let (v, f) = match value_unit.as_str() {
                        "D" => {
                            let d = a.add_days(sign * n)?;
                            (d.ymd(), Some(d))
                        }
                        "W" => {
                            let d = a.add_days(sign * 7 * n)?;
                            (d.ymd(), Some(d))
                        }
                        "M" => {
                            let d = a.add_months(sign * n)?;
                            (format!("{:04}-{:02}", d.year, d.month), None)
                        }
                        "Q" => {
                            let d = a.add_months(3 * sign * n)?;
                            let q = (d.month - 1) / 3 + 1;
                            (format!("{:04}-Q{q}", d.year), None)
                        }
                        // "a year earlier" in a quarterly report: that quarter a year before
                        "Y" if n == 1
                            && post == Some(Dir::Last)
                            && self.lang == Lang::En
                            && self.quarter.is_some() =>
                        {
                            let (y, q) = shift_quarter(self.quarter?, -4);
                            (format!("{y:04}-Q{q}"), None)
                        }
                        "Y" => {
                            let y = a.year + i32::try_from(sign * n).ok()?;
                            if !(1..=9999).contains(&y) {
                                return None;
                            }
                            (format!("{y:04}"), None)
                        }
                        "H" | "MIN" | "S" => {
                            let days = match value_unit.as_str() {
                                "H" => n / 24,
                                "MIN" => n / 1440,
                                _ => n / 86_400,
                            };
                            let d = a.add_days(sign * days)?;
                            (d.ymd(), None)
                        }
                        _ => return None,
                    };
                    value = v;
                    fixes = f;
                }
                (Some(_), None) => {
                    value = if dir == Dir::Last {
                        "PAST_REF"
                    } else {
                        "FUTURE_REF"
                    }
                    .to_owned();
                    anchored = false;
                }
                (None, _) => {
                    value = match value_unit.as_str() {
                        "M" => "XXXX-XX",
                        "Y" => "XXXX",
                        _ => "XXXX-XX-XX",
                    }
                    .to_owned();
                    anchored = false;
                }
            }
        } else if let Some((e2, m)) = self.at(end, Cat::PostMod) {
            modifier = Some(m);
            end = e2;
        }
        let mut h = Hit::new(i, end, kind, value, anchored);
        h.modifier = modifier;
        h.fixes = fixes;
        h.is_day = fixes.is_some();
        Some(h)
    }

    /// Whether a quantity ends right before `i` ("700 seats", "$1.76", "20%", "four
    /// flights"): a number, then at most two words that are not function words.
    fn quantity_before(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..3 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let t = &self.toks[k];
            if t.shape == Shape::Num {
                return true;
            }
            if t.shape == Shape::Sign {
                if t.norm != "%" {
                    return false;
                }
                continue;
            }
            if self
                .at(k, Cat::Num)
                .is_some_and(|(e, v)| e == k + 1 && v != "1")
            {
                return true;
            }
            if t.cap
                || self.m.is(k, Cat::YearNext)
                || (self.lex.begins(t) && self.at(k, Cat::Unit).is_none())
            {
                return false;
            }
        }
        false
    }

    /// Whether the count at `i` gives someone's age, which French TimeBank does not mark:
    /// "Alain Dupont, 53 ans", "âgée de 24 ans", "l'âge de 114 ans", "un homme de 30 ans".
    /// `end` is the index after the unit.
    fn is_fr_age(&self, i: usize, end: usize) -> bool {
        // an age group: "les moins de 17 ans", "les plus de 60 ans", "les 6-16 ans"
        if i >= 3
            && self.norm(i - 1) == "de"
            && matches!(self.norm(i - 2), "moins" | "plus")
            && self.norm(i - 3) == "les"
        {
            return true;
        }
        if i >= 2
            && self.norm(i - 1) == "-"
            && self.tok(i).is_some_and(|t| !t.space_before)
            && self.toks[i - 2].shape == Shape::Num
            && !self.toks[i - 1].space_before
        {
            return true;
        }
        if i < 2 {
            return false;
        }
        let (prev, before) = (&self.toks[i - 1], &self.toks[i - 2]);
        match prev.norm.as_str() {
            // an apposition closed right after: "Alain Dupont, 53 ans, a dit"; not "Paris,
            // 30 ans après" nor "la France, 10 ans de guerre"
            "," => {
                before.cap
                    && before.shape == Shape::Word
                    && self
                        .tok(end)
                        .is_none_or(|t| matches!(t.norm.as_str(), "," | "." | ")" | ";"))
            }
            "de" => matches!(
                before.norm.as_str(),
                "âgé"
                    | "âgée"
                    | "âgés"
                    | "âgées"
                    | "âge"
                    | "homme"
                    | "femme"
                    | "garçon"
                    | "fille"
                    | "enfant"
                    | "adolescent"
                    | "adolescente"
                    | "jeune"
                    | "bébé"
            ),
            _ => false,
        }
    }

    /// A TIMEX3 mod before an expression: "fin mars", "début 2022", "mi-mars", "plus de
    /// vingt ans", "vers 18 h", "early 2020", "в конце марта".
    fn modified(&self, i: usize) -> Option<Hit> {
        let (mut e, m) = self.at(i, Cat::Mod)?;
        // "the end of around next week": the hedge adds nothing to the part of the period
        if matches!(m, "START" | "MID" | "END")
            && let Some((e2, "APPROX")) = self.at(e, Cat::Mod)
        {
            e = e2;
        }
        let inner = match self.best_inner(e) {
            Some(h) => h,
            None if matches!(m, "START" | "MID" | "END") => {
                // "the end of the month", "beginning of year": the current one
                let mut h = self.current_unit(e)?;
                h.start = i;
                h.modifier = Some(m);
                return Some(h);
            }
            None => {
                // "en fin de matinée"
                return None;
            }
        };
        let point_mod = matches!(m, "START" | "MID" | "END");
        let dur_mod = matches!(
            m,
            "MORE_THAN" | "LESS_THAN" | "EQUAL_OR_MORE" | "EQUAL_OR_LESS"
        );
        match inner.kind {
            TimeKind::Duration if point_mod => return None,
            TimeKind::Date | TimeKind::Time | TimeKind::DateTime if dur_mod => return None,
            TimeKind::Set | TimeKind::Range => return None,
            _ => {}
        }
        if point_mod && inner.is_day {
            return None;
        }
        if inner.modifier.is_some() {
            return None;
        }
        let mut h = inner;
        h.start = i;
        h.modifier = Some(m);
        Some(h)
    }

    /// "the month", "month", "the week", "the year" after "the end of" / "beginning of"
    /// (English): the month, week or year of the publication date.
    fn current_unit(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let j = if self.norm(i) == "the" { i + 1 } else { i };
        let a = self.anchor;
        let (value, anchored) = match (self.norm(j), a) {
            ("month", Some(a)) => (format!("{:04}-{:02}", a.year, a.month), true),
            ("week", Some(a)) => {
                let (y, w) = a.iso_week();
                (format!("{y:04}-W{w:02}"), true)
            }
            ("year", Some(a)) => (format!("{:04}", a.year), true),
            ("month", None) => ("XXXX-XX".to_owned(), false),
            ("week", None) => ("XXXX-WXX".to_owned(), false),
            ("year", None) => ("XXXX".to_owned(), false),
            _ => return None,
        };
        // "the end of the month of May" is left to the month rule
        if self.norm(j + 1) == "of" {
            return None;
        }
        Some(Hit::new(i, j + 1, TimeKind::Date, value, anchored))
    }

    /// English "the rest of the week", "the remainder of the year": the
    /// current week, month or year (the period the text speaks of, as "this week").
    fn rest_of_unit(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En {
            return None;
        }
        let j = if self.norm(i) == "the" { i + 1 } else { i };
        let k = match self.norm(j) {
            "rest" | "remainder" if self.norm(j + 1) == "of" && self.norm(j + 2) == "the" => j + 2,
            // not "all week": the TempEval-3 gold leaves it untagged ("All week, elected
            // officials ...")
            _ => return None,
        };
        let mut h = self.current_unit(k)?;
        h.start = i;
        Some(h)
    }

    fn best_inner(&self, i: usize) -> Option<Hit> {
        match self.best_at(i, true)? {
            Found::Hit(h) => Some(h),
            Found::Skip(_) => None,
        }
    }

    /// "du 2 au 5 janvier", "entre 2010 et 2015", "from Monday to Friday", "с 2 по 5 января",
    /// "de 9 h à 17 h".
    fn range(&self, i: usize) -> Option<Hit> {
        let (ls, left, rs, right) = self.range_pieces(i)?;
        let future = self.future.get(i).copied().unwrap_or(false);
        let (lp, rp) = (left.1, right.1);
        // a clock range whose left end is a bare number or has no AM/PM of its own: "de 14 à
        // 16 h", "3-4pm", "3:30 to 6 PM", "from 3 to 4 in the PM"
        let bare_hour = |p: &RangeEnd| match *p {
            RangeEnd::Hour(h, m) => Some((h, m)),
            RangeEnd::Point(Point {
                day: Some(d),
                month: None,
                year: None,
                weekday: None,
            }) if d <= 24 && left.0 == ls + 1 => Some((d, 0)),
            _ => None,
        };
        let clock_of = |p: &RangeEnd| match p {
            RangeEnd::Clock(c) => {
                let (h, m) = c.split_once(':')?;
                Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?))
            }
            _ => None,
        };
        let left_clock = bare_hour(&lp).or_else(|| clock_of(&lp));
        let right_clock = clock_of(&rp).or(match rp {
            RangeEnd::Hour(h, m) => Some((h, m)),
            _ => None,
        });
        let both_clocks = matches!((&lp, &rp), (RangeEnd::Clock(_), RangeEnd::Clock(_)));
        if let (Some((mut lh, lm)), Some((rh, rm))) = (left_clock, right_clock)
            && (!both_clocks || (self.pm_in(rs, right.0) && !self.ampm_in(ls, left.0)))
        {
            // both bare ("de 14 à 16"): only with a cue word and nothing counted after
            if matches!(rp, RangeEnd::Hour(..)) && !self.clock_range_cue(i) {
                return None;
            }
            // "entre 2 et 5 heures de route" is a duration: a bare left end and a right end
            // with only a long hour word ("heures", "hours") end the clause
            if !both_clocks && !self.clock_marked(rs, right.0) && !self.clock_tail(right.0) {
                return None;
            }
            // the AM/PM of the right end: "3-4pm" is 15:00 to 16:00
            if self.pm_in(rs, right.0) && !self.ampm_in(ls, left.0) && lh < 12 && lh + 12 <= rh {
                lh += 12;
            }
            if (lh, lm) >= (rh, rm) || lh > 23 {
                return None;
            }
            let (l, r) = (format!("{lh:02}:{lm:02}"), format!("{rh:02}:{rm:02}"));
            let day = self.day_after_clock(right.0).map(|d| d.value);
            let v = match (day, self.reference) {
                (Some(d), _) => format!("{d}T{l}/{d}T{r}"),
                (None, Some(d)) => format!("{0}T{l}/{0}T{r}", d.ymd()),
                (None, None) => format!("T{l}/T{r}"),
            };
            return Some(Hit::new(i, right.0, TimeKind::Range, v, true));
        }
        match (lp, rp) {
            (RangeEnd::Point(mut l), RangeEnd::Point(r)) => {
                if l.month.is_none() && l.day.is_some() {
                    l.month = r.month;
                }
                if l.year.is_none() && r.year.is_some() && (l.month.is_some() || l.day.is_some()) {
                    l.year = r.year;
                }
                if l.month.is_none() && l.day.is_some() {
                    return None;
                }
                // the same granularity on both sides
                if l.year.is_some() != r.year.is_some() && l.month.is_none() != r.month.is_none() {
                    return None;
                }
                let (lv, la, _) = self.resolve(l, Dir::None, future)?;
                let (rv, ra, rf) = self.resolve(r, Dir::None, future)?;
                if lv == rv {
                    return None;
                }
                let mut h = Hit::new(i, right.0, TimeKind::Range, format!("{lv}/{rv}"), la && ra);
                h.fixes = rf;
                Some(h)
            }
            (RangeEnd::Clock(l), RangeEnd::Clock(r)) => {
                // "from 1pm to 2pm tomorrow": the day written after the range
                let day = self.day_after_clock(right.0).map(|d| d.value);
                let v = match (day, self.reference) {
                    (Some(d), _) => format!("{d}T{l}/{d}T{r}"),
                    (None, Some(d)) => format!("{0}T{l}/{0}T{r}", d.ymd()),
                    (None, None) => format!("T{l}/T{r}"),
                };
                Some(Hit::new(i, right.0, TimeKind::Range, v, true))
            }
            _ => None,
        }
    }

    /// Whether tokens `a..b` hold an AM/PM marker ("pm", "du soir").
    fn ampm_in(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.at(k, Cat::AmPm).is_some())
    }

    /// Whether tokens `a..b` hold a PM marker.
    fn pm_in(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| self.at(k, Cat::AmPm).is_some_and(|(_, v)| v == "PM"))
    }

    /// Whether tokens `a..b` mark a clock time beyond a long hour word: AM/PM, a colon, a
    /// short hour word ("14h", "16 h").
    fn clock_marked(&self, a: usize, b: usize) -> bool {
        self.ampm_in(a, b) || (a..b).any(|k| matches!(self.norm(k), ":" | "h" | "hr" | "ч"))
    }

    /// Whether what follows token `k` lets a range of bare hours end there: the end of the
    /// text, punctuation, AM/PM or a part of day (not "ans", "%", "de route").
    fn clock_tail(&self, k: usize) -> bool {
        match self.tok(k) {
            None => true,
            Some(t) => {
                matches!(t.norm.as_str(), "." | "," | ";" | "!" | "?" | ")")
                    || self.at(k, Cat::AmPm).is_some()
                    || self.at(k, Cat::Pod).is_some()
            }
        }
    }

    /// Whether a range at `i` opens with a cue word that makes two bare numbers hours ("de
    /// 14 à 16", "entre 17 et 18", "from 3 to 4"), and is not followed by a counted noun
    /// ("de 14 à 16 ans") or a sign other than punctuation ("de 14 à 16 %").
    fn clock_range_cue(&self, i: usize) -> bool {
        let Some((e, _)) = self.at(i, Cat::From).or_else(|| self.at(i, Cat::Between)) else {
            return false;
        };
        // "de 14 à 16", not "depuis le", "du" (days) or "since"
        if e != i + 1 || !matches!(self.norm(i), "de" | "entre" | "from" | "between") {
            return false;
        }
        let Some((_, _, _, right)) = self.range_pieces(i) else {
            return false;
        };
        self.clock_tail(right.0)
    }

    /// The pieces of a range at `i`: where its left end starts, the left end, where the
    /// right end starts, the right end.
    #[allow(clippy::type_complexity)]
    fn range_pieces(
        &self,
        i: usize,
    ) -> Option<(usize, (usize, RangeEnd), usize, (usize, RangeEnd))> {
        let (e, between) = if let Some((e, _)) = self.at(i, Cat::Between) {
            (e, true)
        } else if let Some((e, _)) = self.at(i, Cat::From) {
            (e, false)
        } else {
            return self.dash_pieces(i);
        };
        let left = self.range_end(e, true)?;
        let conn = if between {
            self.at(left.0, Cat::And)?
        } else {
            self.at(left.0, Cat::To)?
        };
        let right = self.range_end(conn.0, false)?;
        Some((e, left, conn.0, right))
    }

    /// A range written with a dash and no cue word: years ("1914-1918", "2001—2006 гг.")
    /// or days of one month ("Dec. 6-9", "6-9 décembre" is left to the day rules).
    #[allow(clippy::type_complexity)]
    fn dash_pieces(
        &self,
        i: usize,
    ) -> Option<(usize, (usize, RangeEnd), usize, (usize, RangeEnd))> {
        // clock times: "3-4pm", "3:30-6 p.m.", "9:30-11:00", "16-17 h"
        let d_of = |l: &Option<(usize, RangeEnd)>| l.as_ref().map_or(usize::MAX, |l| l.0);
        if let Some(t) = self.tok(i)
            && t.shape == Shape::Num
            && t.norm.len() <= 2
            && [i + 1, i + 3]
                .iter()
                .any(|&k| matches!(self.norm(k), "-" | "–" | "to" | "à" | "a"))
        {
            let left = match self.clock(i, true) {
                Some(c) => Some((c.end, RangeEnd::Clock(c.value))),
                None => t
                    .num()
                    .filter(|&h| h <= 24)
                    .map(|h| (i + 1, RangeEnd::Hour(h, 0))),
            };
            // "3:30 to 6 PM", "5 à 6pm": a word between the ends when the right one has AM/PM
            let word_to = match self.lang {
                Lang::En => self.norm(d_of(&left)) == "to",
                Lang::Fr => matches!(self.norm(d_of(&left)), "à" | "a"),
                Lang::Ru => false,
            };
            if let Some((d, l)) = left
                && (matches!(self.norm(d), "-" | "–")
                    || word_to
                        && self
                            .clock(d + 1, true)
                            .is_some_and(|c| self.ampm_in(d + 1, c.end)))
                && let Some(c) = self.clock(d + 1, true)
                && (matches!(l, RangeEnd::Clock(_))
                    || self.clock_marked(d + 1, c.end)
                    // "16-17 heures." at the end of a clause
                    || ((d + 1..c.end).any(|k| self.at(k, Cat::Hour).is_some())
                        && self.clock_tail(c.end)))
            {
                return Some((i, (d, l), d + 1, (c.end, RangeEnd::Clock(c.value))));
            }
        }
        // days and months with slashes: "28/2-1/3", "10/1-11/2/2017"
        if let Some((d, ld, lm, None)) = self.slash_day(i)
            && matches!(self.norm(d), "-" | "–")
            && self.glued(d - 1)
            && self.glued(d)
            && let Some((e, rd, rm, ry)) = self.slash_day(d + 1)
        {
            let l = Point {
                year: ry,
                month: Some(lm),
                day: Some(ld),
                weekday: None,
            };
            let r = Point {
                year: ry,
                month: Some(rm),
                day: Some(rd),
                weekday: None,
            };
            return Some((i, (d, RangeEnd::Point(l)), d + 1, (e, RangeEnd::Point(r))));
        }
        let (d, RangeEnd::Point(l)) = self.range_end(i, true)? else {
            return None;
        };
        // days of one month: "1-8 september", "12 to 16 september", "23rd to 26th Oct"
        if let (Some(_), None, None, None) = (l.day, l.month, l.year, l.weekday)
            && (matches!(self.norm(d), "-" | "–") || self.lang == Lang::En && self.norm(d) == "to")
            && let Some((e, RangeEnd::Point(r))) = self.range_end(d + 1, false)
            && let (Some(rd), Some(_)) = (r.day, r.month)
            && l.day.is_some_and(|ld| ld < rd)
            && r.weekday.is_none()
        {
            let l = Point {
                month: r.month,
                year: r.year,
                ..l
            };
            return Some((i, (d, RangeEnd::Point(l)), d + 1, (e, RangeEnd::Point(r))));
        }
        let dash = self.tok(d)?;
        if !matches!(dash.norm.as_str(), "-" | "–" | "—") || dash.space_before || !self.glued(d)
        {
            return None;
        }
        let r = self.tok(d + 1)?;
        // not part of a longer number or date ("2015-12-02", "6-9.5")
        let longer = self.glued(d + 1)
            && (matches!(self.norm(d + 2), "-" | "/" | ":" | "–")
                || (matches!(self.norm(d + 2), "." | ",")
                    && self.glued(d + 2)
                    && self.tok(d + 3).is_some_and(|t| t.shape == Shape::Num)));
        if r.shape != Shape::Num || longer {
            return None;
        }
        let n = r.num()?;
        if l.year.is_some() && l.month.is_none() && l.day.is_none() {
            let ry = i32::try_from(n).ok()?;
            let ly = l.year?;
            if r.norm.len() != 4 || ry <= ly || ry - ly > 100 {
                return None;
            }
            let mut e = d + 2;
            if let Some((e2, _)) = self.at(e, Cat::Year)
                && self.lang == Lang::Ru
            {
                e = e2;
            }
            let rp = Point {
                year: Some(ry),
                ..Point::default()
            };
            return Some((i, (d, RangeEnd::Point(l)), d + 1, (e, RangeEnd::Point(rp))));
        }
        if self.lang == Lang::En
            && let (Some(day), Some(month), None) = (l.day, l.month, l.year)
            && r.norm.len() <= 2
            && n > day
            && n <= 31
            && l.weekday.is_none()
        {
            let rp = Point {
                day: Some(n),
                month: Some(month),
                ..l
            };
            return Some((
                i,
                (d, RangeEnd::Point(l)),
                d + 1,
                (d + 2, RangeEnd::Point(rp)),
            ));
        }
        None
    }

    /// A day and month with a slash, and maybe a year: "28/2", "1/3/2019" (French order),
    /// "2/15" (English order). The index after, day, month, year.
    fn slash_day(&self, i: usize) -> Option<(usize, u32, u32, Option<i32>)> {
        let num2 = |k: usize| {
            self.tok(k)
                .filter(|t| t.shape == Shape::Num && t.norm.len() <= 2)
                .and_then(Tok::num)
        };
        if self.norm(i + 1) != "/" || !self.glued(i) || !self.glued(i + 1) {
            return None;
        }
        let (a, b) = (num2(i)?, num2(i + 2)?);
        let (d, m) = if self.lang == Lang::En {
            (b, a)
        } else {
            (a, b)
        };
        Date::new(2000, m, d)?;
        let mut end = i + 3;
        let mut year = None;
        if self.norm(end) == "/"
            && self.glued(end - 1)
            && self.glued(end)
            && let Some(t) = self
                .tok(end + 1)
                .filter(|t| t.shape == Shape::Num && t.norm.len() == 4)
        {
            let y = i32::try_from(t.num()?).ok()?;
            Date::new(y, m, d)?;
            year = Some(y);
            end += 2;
        }
        if self.glued(end - 1) && self.tok(end).is_some_and(|t| t.shape == Shape::Num) {
            return None;
        }
        Some((end, d, m, year))
    }

    fn range_end(&self, i: usize, left: bool) -> Option<(usize, RangeEnd)> {
        if let Some(c) = self.clock(i, true) {
            return Some((c.end, RangeEnd::Clock(c.value)));
        }
        let mut j = i;
        if self.lang == Lang::Fr
            && let Some((e, _)) = self.at(j, Cat::Det)
        {
            j = e;
        }
        match self.point(j, left) {
            Some(Ok((e, p))) => {
                // a year alone: "RU с 2010 по 2015 год"
                let mut end = e;
                if p.year.is_some()
                    && let Some((e2, _)) = self.at(end, Cat::Year)
                    && self.lang == Lang::Ru
                {
                    end = e2;
                }
                Some((end, RangeEnd::Point(p)))
            }
            Some(Err(_)) => None,
            None => {
                let t = self.tok(j)?;
                // a bare hour on the right ("de 14 à 16"): `range` decides whether it is one
                if !left
                    && t.shape == Shape::Num
                    && t.norm.len() <= 2
                    && t.num().is_some_and(|h| h <= 24)
                    && !(matches!(self.norm(j + 1), "." | "," | "/" | "-" | ":")
                        && self.glued(j)
                        && self.tok(j + 2).is_some_and(|t| t.shape == Shape::Num))
                {
                    return Some((j + 1, RangeEnd::Hour(t.num()?, 0)));
                }
                if t.shape == Shape::Num && t.norm.len() == 4 {
                    let y = i32::try_from(t.num()?).ok()?;
                    if !(1000..=2100).contains(&y) {
                        return None;
                    }
                    let mut end = j + 1;
                    if let Some((e2, _)) = self.at(end, Cat::Year)
                        && self.lang == Lang::Ru
                    {
                        end = e2;
                    }
                    if self.tok(end).is_some_and(|t| {
                        t.shape == Shape::Word
                            && !t.cap
                            && !self.m.is(end, Cat::YearNext)
                            && !self.m.is(end, Cat::To)
                            && !self.m.is(end, Cat::And)
                    }) {
                        return None;
                    }
                    return Some((
                        end,
                        RangeEnd::Point(Point {
                            year: Some(y),
                            ..Point::default()
                        }),
                    ));
                }
                None
            }
        }
    }

    /// A clock time before a set of days: "16 heures chaque lundi", "4pm every Monday", "à 15
    /// heures tous les jours" (`XXXX-WXX-1T16:00`, `XXXX-XX-XXT15:00`).
    fn clock_set(&self, i: usize) -> Option<Hit> {
        // cheap tests first: a number, then a set word within the next few tokens
        if self.tok(i).is_none_or(|t| t.shape != Shape::Num)
            || !(i + 1..i + 6).any(|k| self.m.is(k, Cat::Every) || self.m.is(k, Cat::SetWord))
        {
            return None;
        }
        let c = self.clock(i, true)?;
        let s = self.set(c.end)?;
        let days = match s.value.as_str() {
            "P1D" => "XXXX-XX-XX".to_owned(),
            v if v.starts_with("XXXX-WXX-") && v.len() == 10 => v.to_owned(),
            _ => return None,
        };
        Some(Hit::new(
            i,
            s.end,
            TimeKind::Set,
            format!("{days}T{}", c.value),
            true,
        ))
    }

    /// "chaque lundi", "every year", "tous les jours", "каждый понедельник", "ежегодно".
    fn set(&self, i: usize) -> Option<Hit> {
        if let Some((e, v)) = self.at(i, Cat::SetWord)
            && !(e > i + 1 && self.at(e - 1, Cat::Holiday).is_some_and(|(e2, _)| e2 > e))
        {
            // "daily" before a noun is a set only right after a determiner ("on a daily
            // basis", "his daily life"), not inside a noun phrase ("average daily volume",
            // "daily flights"); as an adverb ("they gather daily outside") it is one.
            // "the Daily News", "NY Daily News", "the Weekly Standard": part of a name
            let t = self.tok(i)?;
            let next_cap = self
                .tok(e)
                .is_some_and(|n| n.cap && n.shape == Shape::Word && n.space_before);
            if e == i + 1
                && t.cap
                && (self.title_word(i)
                    || (next_cap && !self.sentence_start.get(i).copied().unwrap_or(true)))
            {
                return None;
            }
            if self.lang == Lang::En && e == i + 1 {
                let prev = if i > 0 { self.norm(i - 1) } else { "" };
                let det = matches!(
                    prev,
                    "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
                );
                let next = self.tok(e).filter(|t| t.shape == Shape::Word);
                let adverb = matches!(
                    self.norm(e),
                    "outside"
                        | "inside"
                        | "across"
                        | "around"
                        | "throughout"
                        | "during"
                        | "in"
                        | "at"
                        | "on"
                        | "to"
                        | "for"
                        | "from"
                        | "and"
                        | "or"
                        | "but"
                        | "since"
                        | "until"
                );
                if next.is_some_and(|t| !t.cap) && !det && !adverb {
                    return None;
                }
                // "its quarterly dividend", "the quarterly results": a kind of payment or
                // report, not a recurrence in time
                if v == "P3M" && next.is_some_and(|t| !t.cap) && !adverb {
                    return None;
                }
            }
            return Some(Hit::new(i, e, TimeKind::Set, v.to_owned(), true));
        }
        let (e, _) = self.at(i, Cat::Every)?;
        if let Some((e2, wd)) = self.at(e, Cat::Weekday) {
            let mut h = Hit::new(i, e2, TimeKind::Set, format!("XXXX-WXX-{wd}"), true);
            if let Some((e3, pod)) = self.at(e2, Cat::Pod)
                && let Some(pod) = pod_of(pod)
            {
                h.value = format!("{}T{pod}", h.value);
                h.end = e3;
            }
            return Some(h);
        }
        let (mut k, n) = match self.count(e) {
            Some((k, Some(n))) => (k, n),
            _ => (e, 1),
        };
        if self.norm(k) == "-" {
            k += 1;
        }
        let (e2, unit) = self.at(k, Cat::Unit)?;
        let (mult, u) = unit_parts(unit)?;
        Some(Hit::new(
            i,
            e2,
            TimeKind::Set,
            duration_value(Some(n), mult, u),
            true,
        ))
    }

    /// A plural unit alone after "for", "within", "in": "for years", "within weeks" — a
    /// length not counted (`PXY`, `PXW`).
    fn bare_units(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En || i == 0 || !matches!(self.norm(i - 1), "for" | "within" | "in") {
            return None;
        }
        let (e, unit) = self.at(i, Cat::Unit)?;
        let (mult, u) = unit_parts(unit)?;
        let t = self.tok(i)?;
        if e != i + 1 || mult != 1 || !t.norm.ends_with('s') || t.cap {
            return None;
        }
        // "for years to come" stays a length; "in years past", "for weeks on end" too; but not
        // a noun phrase going on ("in days gone by" is rare) nor "ago"/"later"
        if self.m.is(e, Cat::AgoPost) || self.m.is(e, Cat::LaterPost) {
            return None;
        }
        if matches!(self.norm(e), "-" | "'" | "of") {
            return None;
        }
        let value = duration_value(None, 1, u);
        Some(Hit::new(i, e, TimeKind::Duration, value, true))
    }

    fn vague(&self, i: usize) -> Option<Hit> {
        let (e, v) = self.at(i, Cat::Vague)?;
        if self.count(e).is_some() || self.at(e, Cat::Unit).is_some() {
            return None;
        }
        if self.lang == Lang::En && v == "PRESENT_REF" && self.norm(i) == "now" && e == i + 1 {
            // "Now, he says, ...": a discourse marker opening the sentence
            if self.sentence_start.get(i).copied().unwrap_or(false) && self.norm(e) == "," {
                return None;
            }
        }
        if self.lang == Lang::En && self.norm(i) == "soon" {
            let prev = if i > 0 { self.norm(i - 1) } else { "" };
            let next = self.norm(e);
            // "as soon as", "too soon", "soon after", and a past narrative ("was soon
            // released", "soon became a flood")
            if matches!(
                prev,
                "as" | "too" | "so" | "how" | "was" | "were" | "had" | "very"
            ) || matches!(
                next,
                "after" | "afterwards" | "afterward" | "thereafter" | "as"
            ) || self.tok(e).is_some_and(|t| {
                t.shape == Shape::Word
                    && (t.norm.ends_with("ed")
                        || matches!(
                            t.norm.as_str(),
                            "became"
                                | "was"
                                | "were"
                                | "had"
                                | "came"
                                | "went"
                                | "began"
                                | "found"
                                | "took"
                                | "gave"
                                | "got"
                                | "left"
                                | "made"
                        ))
            }) {
                return None;
            }
        }
        // "вскоре после этого", "bientôt après": soon after some event, not a time
        if v == "FUTURE_REF"
            && matches!(self.norm(e), "после" | "спустя" | "après" | "apres")
            && matches!(self.norm(i), "вскоре" | "bientôt" | "bientot")
        {
            return None;
        }
        // "current market conditions", "his current wife": the present, as TIMEX3 marks it;
        // "the current year", "the current quarter" are left to their own rules
        if self.lang == Lang::En && self.norm(i) == "current" {
            let next = self.tok(e)?;
            if next.shape != Shape::Word
                || next.cap
                || self.at(e, Cat::Unit).is_some()
                || matches!(
                    next.norm.as_str(),
                    "fiscal" | "period" | "account" | "accounts"
                )
            {
                return None;
            }
        }
        // "for the foreseeable future" (an open length, not a time), "the future of our
        // peoples" (prospects, a noun)
        if self.lang == Lang::En
            && self.norm(e - 1) == "future"
            && ((i > 0 && self.norm(i - 1) == "foreseeable") || self.norm(e) == "of")
        {
            return None;
        }
        // "VOA Today", "USA Today": a title after a name
        if self.lang == Lang::En && self.title_word(i) {
            return None;
        }
        // "now" inside "now-defunct", "future" as an adjective before a noun
        if self.lang == Lang::En
            && self.norm(i) == "future"
            && self.tok(e).is_some_and(|t| t.shape == Shape::Word)
        {
            return None;
        }
        Some(Hit::new(i, e, TimeKind::Date, v.to_owned(), false))
    }

    /// "les années 60", "the 1990s", "в 1990-е годы", "90-х": `196X`.
    fn decade(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut cue = false;
        if let Some((e, _)) = self.at(j, Cat::Decade) {
            j = e;
            cue = self.lang != Lang::En;
        }
        let t = self.tok(j)?;
        // "les années quatre-vingt-dix", "the sixties" is not handled
        if cue
            && t.shape == Shape::Word
            && let Some((e, Some(n))) = self.count(j)
            && (20..=90).contains(&n)
            && n % 10 == 0
            && self.at(e, Cat::Unit).is_none()
        {
            let decade = 190 + n / 10;
            let value = if self.lang == Lang::En {
                format!("{decade:03}")
            } else {
                format!("{decade:03}X")
            };
            return Some(Hit::new(i, e, TimeKind::Date, value, true));
        }
        if t.shape != Shape::Num {
            return None;
        }
        let n = t.num()?;
        let mut end = j + 1;
        // "in his 30s", "в свои 30" : an age, not a decade
        if t.norm.len() == 2
            && j > 0
            && matches!(
                self.norm(j - 1),
                "his" | "her" | "their" | "my" | "your" | "our" | "its"
            )
        {
            return None;
        }
        let decade = match (t.norm.len(), n % 10) {
            (4, 0) => n / 10,
            (2, 0) => 190 + n / 10,
            _ => return None,
        };
        let glued_suffix = || -> Option<usize> {
            let k = j + 1;
            let s = self.tok(k)?;
            if s.space_before {
                return None;
            }
            match s.norm.as_str() {
                "s" => Some(k + 1),
                "'" if self.norm(k + 1) == "s" => Some(k + 2),
                "-" if matches!(self.norm(k + 1), "е" | "х" | "ые" | "ых" | "x") => {
                    Some(k + 2)
                }
                _ => None,
            }
        };
        if let Some(e) = glued_suffix() {
            end = e;
            if self.lang == Lang::Ru
                && let Some((e2, _)) = self.at(end, Cat::Unit)
                && self.norm(end).starts_with("год")
            {
                end = e2;
            }
        } else if !cue {
            return None;
        }
        if self.lang == Lang::En && !cue && self.norm(i) != "the" {
            // "the 1990s" keeps its article when written
        }
        // TimeML (English) writes a decade with three digits, ISO-TimeML (French) with an X
        let value = if self.lang == Lang::En {
            format!("{decade:03}")
        } else {
            format!("{decade:03}X")
        };
        Some(Hit::new(i, end, TimeKind::Date, value, true))
    }

    /// "le XXe siècle", "the 20th century", "XX век": `19`.
    fn century(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if let Some((e, _)) = self.at(j, Cat::Det) {
            j = e;
        }
        let t = self.tok(j)?;
        let (n, mut k) = if t.shape == Shape::Num {
            let n = t.num()?;
            let mut k = j + 1;
            if self.glued(j) && ORDINAL_SUFFIXES.contains(&self.norm(k)) {
                k += 1;
            }
            (n, k)
        } else if t.shape == Shape::Word && t.cap {
            let w = t.norm.trim_end_matches("ème").trim_end_matches('e');
            (roman(w)?, j + 1)
        } else {
            return None;
        };
        if self.norm(k) == "-" {
            k += 1;
        }
        let (e, _) = self.at(k, Cat::Century)?;
        if !(1..=30).contains(&n) {
            return None;
        }
        Some(Hit::new(
            i,
            e,
            TimeKind::Date,
            format!("{:02}", n - 1),
            true,
        ))
    }

    /// "l'été 2022", "last summer", "этим летом", "en automne".
    fn season(&self, i: usize) -> Option<Hit> {
        let (j, mut dir) = self.direction(self.after(i, Cat::Det));
        let (e, s) = self.at(j, Cat::Season)?;
        let cued = j > i
            || (i > 0
                && matches!(
                    self.toks[i - 1].norm.as_str(),
                    "en" | "au" | "in" | "during" | "this" | "last" | "next"
                ));
        let mut end = e;
        let mut year = None;
        if let Ok(Some((e2, y))) = self.year_after(self.comma(end))
            && self.tok(self.comma(end)).is_some_and(|t| t.norm.len() == 4)
        {
            year = Some(y);
            end = e2;
        }
        if year.is_none() && !cued && self.lang != Lang::Ru {
            return None;
        }
        if year.is_none() && dir == Dir::None {
            // "осенью прошлого года", "summer last year": the season of that year
            let step = [(Cat::Last, -1), (Cat::This, 0), (Cat::Next, 1)]
                .into_iter()
                .find_map(|(cat, d)| {
                    let (e2, _) = self.at(end, cat)?;
                    let (e3, u) = self.at(e2, Cat::Unit)?;
                    (u == "1Y" && self.norm(e2) != "years").then_some((e3, d))
                });
            if let Some((e3, d)) = step {
                end = e3;
                match self.anchor {
                    Some(a) => year = Some(a.year + d),
                    None => {
                        return Some(Hit::new(i, end, TimeKind::Date, format!("XXXX-{s}"), false));
                    }
                }
            } else if let Some((e2, _)) = self.at(end, Cat::Last) {
                dir = Dir::Last;
                end = e2;
            } else if let Some((e2, _)) = self.at(end, Cat::Next) {
                dir = Dir::Next;
                end = e2;
            }
        }
        let last_month = match s {
            "SP" => 5,
            "SU" => 8,
            "FA" => 11,
            _ => 2,
        };
        let (value, anchored) = match (year, self.anchor) {
            (Some(y), _) => (format!("{y:04}-{s}"), true),
            (None, Some(a)) => {
                let y = match dir {
                    Dir::Last if a.month > last_month && s != "WI" => a.year,
                    Dir::Last => a.year - 1,
                    Dir::Next if a.month < last_month - 2 => a.year,
                    Dir::Next => a.year + 1,
                    _ => a.year,
                };
                (format!("{y:04}-{s}"), true)
            }
            (None, None) => (format!("XXXX-{s}"), false),
        };
        if self.lang == Lang::En
            && dir == Dir::None
            && year.is_none()
            && self.norm(i) != "the"
            && j == i
        {
            // a bare English season word is often not a date ("summer camp")
            if self.tok(end).is_some_and(|t| t.shape == Shape::Word) {
                return None;
            }
        }
        Some(Hit::new(i, end, TimeKind::Date, value, anchored))
    }

    /// "la soirée", "la nuit", "le matin" (French): on the last day the text fixed.
    fn det_pod(&self, i: usize) -> Option<Hit> {
        // English: "in the afternoon", "in the evening at eight" on the last day fixed; "the
        // afternoon" alone is too often a noun phrase ("the morning paper")
        if self.lang == Lang::En
            && self.norm(i) == "in"
            && self.norm(i + 1) == "the"
            && let Some((e, pod)) = self.at(i + 2, Cat::Pod)
            && let Some(pod) = pod_of(pod).filter(|p| *p != "MI")
            && self
                .tok(e)
                .is_none_or(|t| t.shape != Shape::Word || self.norm(e) == "at")
        {
            let day = match self.reference {
                Some(d) => d.ymd(),
                None => "XXXX-XX-XX".to_owned(),
            };
            let anchored = self.reference.is_some();
            if let Some((v, end)) = self.pod_hour(e, pod, &day) {
                return Some(Hit::new(i + 1, end, TimeKind::DateTime, v, anchored));
            }
            return Some(Hit::new(
                i + 1,
                e,
                TimeKind::DateTime,
                format!("{day}T{pod}"),
                anchored,
            ));
        }
        // "Morning", "Evening." alone (a heading, a schedule line): that part of the day
        if self.lang == Lang::En
            && let Some((e, pod)) = self.at(i, Cat::Pod)
            && let Some(pod) = pod_of(pod).filter(|p| *p != "MI")
            && self.alone(i, e)
        {
            let (value, anchored) = match self.reference {
                Some(d) => (format!("{}T{pod}", d.ymd()), true),
                None => (format!("XXXX-XX-XXT{pod}"), false),
            };
            return Some(Hit::new(i, e, TimeKind::DateTime, value, anchored));
        }
        if self.lang != Lang::Fr {
            return None;
        }
        let mut j = i;
        if self.norm(j) == "dans" {
            j += 1;
        }
        let (e, _) = self.at(j, Cat::Det)?;
        // "dans la journée": the daytime of the day (TIMEX3 `TDT`), only after "dans"
        if j > i && matches!(self.norm(e), "journée" | "journee") && e == j + 1 {
            let (value, anchored) = match self.reference {
                Some(d) => (format!("{}TDT", d.ymd()), true),
                None => ("XXXX-XX-XXTDT".to_owned(), false),
            };
            return Some(Hit::new(j, e + 1, TimeKind::DateTime, value, anchored));
        }
        let (e2, pod) = self.at(e, Cat::Pod)?;
        let pod = pod_of(pod)?;
        if pod == "MI" {
            return None;
        }
        // "la nuit de mardi à mercredi", "le matin du 3": leave to the date
        if matches!(
            self.norm(e2),
            "de" | "du" | "d" | "suivant" | "suivante" | "même"
        ) {
            return None;
        }
        // "la nuit dernière", "la soirée d'hier" is left to the anaphor: the night before
        // the publication date
        if self.at(e2, Cat::Last).is_some_and(|(e3, _)| e3 == e2 + 1) && pod == "NI" {
            let (value, anchored) = match self.anchor.and_then(|a| a.add_days(-1)) {
                Some(d) => (format!("{}T{pod}", d.ymd()), true),
                None => (format!("XXXX-XX-XXT{pod}"), false),
            };
            return Some(Hit::new(j, e2 + 1, TimeKind::DateTime, value, anchored));
        }
        let (value, anchored) = match self.reference {
            Some(d) => (format!("{}T{pod}", d.ymd()), true),
            None => (format!("XXXX-XX-XXT{pod}"), false),
        };
        Some(Hit::new(j, e2, TimeKind::DateTime, value, anchored))
    }

    /// The quarter a quarterly report speaks of: the last one the text named, else the last
    /// one completed at the anchor.
    fn current_report_quarter(&self) -> Option<(i32, u32)> {
        self.quarter.or_else(|| {
            let a = self.anchor?;
            Some(shift_quarter((a.year, (a.month - 1) / 3 + 1), -1))
        })
    }

    /// Quarters and halves: "the third quarter of 1989", "third-quarter", "le premier
    /// trimestre 2002", "в третьем квартале", "Q3 2024", "the first half"; and the quarter a
    /// report speaks of: "the quarter", "the year-earlier quarter", "this quarter".
    fn quarter_expr(&self, i: usize) -> Option<Hit> {
        if let Some((e, r)) = self.at(i, Cat::QRef) {
            let q = match r {
                "PREV" => self.current_report_quarter(),
                "YAGO" => self.current_report_quarter().map(|q| shift_quarter(q, -4)),
                _ => self.anchor.map(|a| (a.year, (a.month - 1) / 3 + 1)),
            };
            let (value, anchored) = match q {
                Some((y, q)) => (format!("{y:04}-Q{q}"), true),
                None => ("XXXX-QX".to_owned(), false),
            };
            let mut h = Hit::new(i, e, TimeKind::Date, value, anchored);
            // "the quarter" names the quarter a later "a year earlier" refers to
            h.names_quarter = r != "YAGO";
            return Some(h);
        }
        let mut j = i;
        if let Some((e, _)) = self.at(j, Cat::Det) {
            j = e;
        }
        // "this year's third quarter", "last year's fourth quarter"
        let mut step: Option<i32> = None;
        let mut year: Option<i32> = None;
        for (cat, s) in [(Cat::This, 0), (Cat::Last, -1), (Cat::Next, 1)] {
            if let Some((e, _)) = self.at(j, cat)
                && let Some((e2, u)) = self.at(e, Cat::Unit)
                && u == "1Y"
                && self.norm(e2) == "'"
                && self.norm(e2 + 1) == "s"
            {
                step = Some(s);
                j = e2 + 2;
                break;
            }
        }
        // "the 1988 quarter", "the 1989 period": the quarter the report speaks of, in that year
        if step.is_none()
            && self.lang == Lang::En
            && j > i
            && let Some(t) = self.tok(j)
            && t.shape == Shape::Num
            && t.norm.len() == 4
            && matches!(self.norm(j + 1), "quarter" | "period")
            && let Some(y) = t.num().and_then(|y| i32::try_from(y).ok())
            && (1000..=2100).contains(&y)
        {
            let (_, q) = self.current_report_quarter()?;
            return Some(Hit::new(
                i,
                j + 2,
                TimeKind::Date,
                format!("{y:04}-Q{q}"),
                true,
            ));
        }
        // "the 1988 third quarter"
        if step.is_none()
            && let Some(t) = self.tok(j)
            && t.shape == Shape::Num
            && t.norm.len() == 4
            && self.at(j + 1, Cat::Ord).is_some()
        {
            year = i32::try_from(t.num()?).ok();
            j += 1;
        }
        if let Some((e, _)) = self.at(j, Cat::Fiscal) {
            j = e;
        }
        // the ordinal: a word, "3rd", "3e", or "Q3"
        let (mut k, n) = if let Some((e, v)) = self.at(j, Cat::Ord) {
            (e, v.parse::<u32>().ok()?)
        } else {
            let t = self.tok(j)?;
            if t.norm == "q" && self.glued(j) {
                let n = self.tok(j + 1)?.num()?;
                let mut k = j + 2;
                let mut y = None;
                if let Ok(Some((e, yy))) = self.year_after(k) {
                    y = Some(yy);
                    k = e;
                }
                if !(1..=4).contains(&n) || self.tok(j + 2).is_some_and(|x| !x.space_before) {
                    return None;
                }
                let (value, anchored) = match (y, self.anchor) {
                    (Some(y), _) => (format!("{y:04}-Q{n}"), true),
                    (None, Some(a)) => (format!("{:04}-Q{n}", a.year), true),
                    (None, None) => (format!("XXXX-Q{n}"), false),
                };
                let mut h = Hit::new(i, k, TimeKind::Date, value, anchored);
                h.names_quarter = true;
                return Some(h);
            }
            if t.shape != Shape::Num || !self.glued(j) {
                return None;
            }
            let n = t.num()?;
            if !ORDINAL_SUFFIXES.contains(&self.norm(j + 1)) {
                return None;
            }
            (j + 2, n)
        };
        if self.norm(k) == "-" {
            k += 1;
        }
        let (mut end, letter) = self.at(k, Cat::Quarter)?;
        let max = if letter == "Q" { 4 } else { 2 };
        if !(1..=max).contains(&n) {
            return None;
        }
        // "of 1989", "de 2002", "2002", "2002 года"
        let mut y_at = end;
        if matches!(self.norm(y_at), "of" | "de" | "du" | ",") {
            y_at += 1;
        }
        if let Some(t) = self.tok(y_at)
            && t.shape == Shape::Num
            && t.norm.len() == 4
            && let Some(y) = t.num().and_then(|y| i32::try_from(y).ok())
            && (1000..=2100).contains(&y)
        {
            year = Some(y);
            end = y_at + 1;
            if self.lang == Lang::Ru
                && let Some((e2, _)) = self.at(end, Cat::Year)
            {
                end = e2;
            }
        }
        let (value, anchored) = match (year, self.anchor) {
            (Some(y), _) => (format!("{y:04}-{letter}{n}"), true),
            (None, Some(a)) => {
                let y = match step {
                    Some(s) => a.year + s,
                    None => {
                        // a quarter not yet begun is last year's, unless the text speaks
                        // of the future
                        let first_month = (n - 1) * if letter == "Q" { 3 } else { 6 } + 1;
                        let future = self.future.get(i).copied().unwrap_or(false);
                        if first_month > a.month && !future {
                            a.year - 1
                        } else {
                            a.year
                        }
                    }
                };
                (format!("{y:04}-{letter}{n}"), true)
            }
            (None, None) => (format!("XXXX-{letter}{n}"), false),
        };
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.names_quarter = true;
        Some(h)
    }

    /// "the weekend", "last weekend", "le week-end dernier", "в эти выходные": the ISO week
    /// of that weekend with `-WE`. Without a cue, the weekend just past (or under way), or in
    /// a sentence about the future the coming one.
    fn weekend(&self, i: usize) -> Option<Hit> {
        let (j, mut dir) = self.direction(self.after(i, Cat::Det));
        let (mut end, _) = self.at(j, Cat::Weekend)?;
        if dir == Dir::None {
            if let Some((e, _)) = self.at(end, Cat::Last) {
                dir = Dir::Last;
                end = e;
            } else if let Some((e, _)) = self.at(end, Cat::Next) {
                dir = Dir::Next;
                end = e;
            }
        }
        if j == i && self.lang != Lang::Ru {
            // a bare "weekend" is too often a noun modifier ("weekend edition")
            return None;
        }
        let Some(a) = self.anchor else {
            return Some(Hit::new(
                i,
                end,
                TimeKind::Date,
                "XXXX-WXX-WE".to_owned(),
                false,
            ));
        };
        let future = self.future.get(i).copied().unwrap_or(false);
        let in_weekend = a.weekday() >= 6;
        // this ISO week's weekend, the one before, the one after
        let weeks = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            Dir::This => 0,
            Dir::None if in_weekend || future => 0,
            Dir::None => -1,
        };
        let d = a.add_days(7 * weeks)?;
        let (y, w) = d.iso_week();
        Some(Hit::new(
            i,
            end,
            TimeKind::Date,
            format!("{y:04}-W{w:02}-WE"),
            true,
        ))
    }

    /// A named holiday: "Thanksgiving Day", "Noël dernier", "la Pentecôte 1999", "на Пасху",
    /// "next Christmas". The rule of its date is data (`holiday` entries); without a year,
    /// the occurrence is chosen as for a day and month.
    fn holiday(&self, i: usize) -> Option<Hit> {
        // "cette fête de Pentecôte", "the feast of Easter"
        let feast = |k: usize| -> usize {
            if matches!(self.norm(k), "fête" | "feast") && matches!(self.norm(k + 1), "de" | "of")
            {
                k + 2
            } else {
                k
            }
        };
        let starts = |k: usize| self.at(feast(k), Cat::Holiday).is_some();
        let mut j = i;
        if let Some((e, _)) = self.at(j, Cat::Det)
            && starts(e)
        {
            j = e;
        }
        let mut dir = Dir::None;
        for (cat, d) in [
            (Cat::This, Dir::This),
            (Cat::Last, Dir::Last),
            (Cat::Next, Dir::Next),
        ] {
            if let Some((e, _)) = self.at(j, cat)
                && starts(e)
            {
                dir = d;
                j = e;
                break;
            }
        }
        j = feast(j);
        let (mut end, rule) = self.at(j, Cat::Holiday)?;
        let mut year = None;
        // a name with its year in it ("la victoire de 1945") speaks of that year's day
        if let Some(t) = self.tok(end - 1)
            && t.shape == Shape::Num
            && t.norm.len() == 4
        {
            year = t.num().and_then(|n| i32::try_from(n).ok());
        }
        let y_at = self.comma(end);
        if year.is_none()
            && self.tok(y_at).is_some_and(|t| t.norm.len() == 4)
            && let Ok(Some((e, y))) = self.year_after(y_at)
        {
            year = Some(y);
            end = e;
        }
        if year.is_none() && dir == Dir::None {
            if let Some((e, _)) = self.at(end, Cat::Last) {
                dir = Dir::Last;
                end = e;
            } else if let Some((e, _)) = self.at(end, Cat::Next) {
                dir = Dir::Next;
                end = e;
            }
        }
        let (value, anchored, fixes) = match (year, self.anchor) {
            (Some(y), _) => {
                let d = Date::holiday(y, rule)?;
                (d.ymd(), true, Some(d))
            }
            (None, Some(a)) => {
                let future = self.future.get(i).copied().unwrap_or(false);
                let mut best: Option<(i64, Date)> = None;
                for y in [a.year - 1, a.year, a.year + 1] {
                    let Some(d) = Date::holiday(y, rule) else {
                        continue;
                    };
                    let diff = d.days() - a.days();
                    let cost = match dir {
                        Dir::Last if diff < 0 => -diff,
                        Dir::Next if diff > 0 => diff,
                        Dir::This if y == a.year => 0,
                        Dir::None if future && diff >= -1 => diff.abs(),
                        Dir::None if !future && diff > 0 => {
                            if diff > 92 {
                                diff * 10
                            } else {
                                diff
                            }
                        }
                        Dir::None if !future => -diff,
                        _ => continue,
                    };
                    if best.is_none_or(|(c, _)| cost < c) {
                        best = Some((cost, d));
                    }
                }
                let (_, d) = best?;
                (d.ymd(), true, Some(d))
            }
            (None, None) => {
                // a fixed day is known without the year
                let v = match rule.split_once('-') {
                    Some((m, d)) if m.len() == 2 && !rule.contains('@') => format!("XXXX-{m}-{d}"),
                    _ => "XXXX-XX-XX".to_owned(),
                };
                (v, false, None)
            }
        };
        let mut h = Hit::new(i, end, TimeKind::Date, value, anchored);
        h.fixes = fixes;
        h.is_day = true;
        Some(self.with_clock(h))
    }

    /// A year in words: "nineteen ninety-six", "twenty twelve".
    fn year_words(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En || self.tok(i)?.shape != Shape::Word {
            return None;
        }
        let (e, c) = self.count(i)?;
        let c = c?;
        if !(11..=20).contains(&c) || e != i + 1 {
            return None;
        }
        let t = self.tok(e)?;
        if t.shape != Shape::Word {
            return None;
        }
        let (e2, n) = self.count(e)?;
        let n = n?;
        if !(10..=99).contains(&n) {
            return None;
        }
        if self.at(e2, Cat::Unit).is_some() {
            return None;
        }
        let y = i32::try_from(c * 100 + n).ok()?;
        Some(Hit::new(i, e2, TimeKind::Date, format!("{y:04}"), true))
    }

    /// "the year", "the full year", "the current fiscal year": the year of the publication
    /// date; "the year ended Sept. 30" is a twelve-month period, the duration `P1Y`.
    fn the_year(&self, i: usize) -> Option<Hit> {
        if self.lang != Lang::En || self.norm(i) != "the" {
            return None;
        }
        let mut j = i + 1;
        for w in ["full", "current", "fiscal"] {
            if self.norm(j) == w {
                j += 1;
            }
        }
        let t = self.tok(j)?;
        if t.norm != "year" || t.cap {
            return None;
        }
        let end = j + 1;
        // "the year 1990", "the year nineteen ninety", "the year two thousand"
        if let Some(mut h) = self.year_words(end) {
            h.start = i;
            return Some(h);
        }
        if self.norm(end) == "two" && self.norm(end + 1) == "thousand" {
            let mut e = end + 2;
            let mut y = 2000;
            if let Some((e2, Some(n))) = self.count(e + usize::from(self.norm(e) == "and"))
                && (1..100).contains(&n)
                && self.at(e2, Cat::Unit).is_none()
            {
                y += i32::try_from(n).ok()?;
                e = e2;
            }
            return Some(Hit::new(i, e, TimeKind::Date, format!("{y:04}"), true));
        }
        // "the year 99999", "the year 0": a year that does not exist is no date at all
        if self.tok(end).is_some_and(|t| t.shape == Shape::Num) {
            return None;
        }
        let next = self.norm(end);
        if matches!(
            next,
            "ended" | "ending" | "to" | "through" | "beginning" | "starting"
        ) {
            return Some(Hit::new(i, end, TimeKind::Duration, "P1Y".to_owned(), true));
        }
        if matches!(
            next,
            "before" | "after" | "earlier" | "later" | "ago" | "-" | "'" | "in" | "of" | "when"
        ) {
            return None;
        }
        let (value, anchored) = match self.anchor {
            Some(a) => (format!("{:04}", a.year), true),
            None => ("XXXX".to_owned(), false),
        };
        Some(Hit::new(i, end, TimeKind::Date, value, anchored))
    }

    #[allow(dead_code)]
    fn text_of(&self, h: &Hit) -> &str {
        let (s, e) = (self.toks[h.start].start, self.toks[h.end - 1].end);
        &self.text[s..e]
    }
}

/// `1989-Q3` → (1989, 3).
fn parse_quarter(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    if y.len() != 4 || q.len() != 1 {
        return None;
    }
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// The quarter `n` quarters after (`n < 0`: before) `(y, q)`.
fn shift_quarter((y, q): (i32, u32), n: i32) -> (i32, u32) {
    let k = y * 4 + i32::try_from(q).unwrap_or(1) - 1 + n;
    (
        k.div_euclid(4),
        u32::try_from(k.rem_euclid(4)).unwrap_or(0) + 1,
    )
}

enum RangeEnd {
    Point(Point),
    Clock(String),
    /// A number alone that can only be an hour once the other end is a clock time ("de 14
    /// à 16 h", "3-4pm"): hour, minutes.
    Hour(u32, u32),
}

fn is_full_month(w: &str) -> bool {
    matches!(
        w,
        "mai"
            | "juin"
            | "mars"
            | "may"
            | "june"
            | "july"
            | "май"
            | "июнь"
            | "июль"
            | "мая"
            | "июня"
            | "июля"
            | "мае"
            | "июне"
            | "июле"
            | "март"
    )
}

/// A Roman numeral up to 39 (centuries).
fn roman(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in w.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total)
}
