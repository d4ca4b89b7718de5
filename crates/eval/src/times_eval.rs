//! Time expressions: TIMEX3 sets (TempEval-3 measures) and spec files (pass rate).
//!
//! Every text goes through the same `Analyzer` users run, with its language declared and its
//! reference date given as `published`.
//!
//! **TIMEX3 sets** (French TimeBank `Data/*.tml`, TempEval-3 `TBAQ-cleaned/{TimeBank,AQUAINT}`):
//! the text is the content of `<TEXT>` with the markup removed; the anchor is the `<DCT>`
//! TIMEX3 value. The TempEval-3 measures, with our own code: `extent-strict` (same span) and
//! `extent-relaxed` (overlapping spans, each gold and prediction used once) P/R/F1;
//! `value-accuracy` and `type-accuracy` over the relaxed matches (tp = correct, fn = wrong);
//! `value` P/R/F1 where a true positive is a relaxed match with the gold value. Our kinds map
//! to TIMEX3 types as date → DATE, time and datetime → TIME, duration → DURATION, set → SET.
//! A range ("de 18 h à 23 h", `…T18:00/…T23:00`) is scored as two predictions, one per end,
//! with the spans `times::range_ends` gives and the two halves of the value (DATE, or TIME
//! when the half has a clock time), because TIMEX3 marks the two ends as two expressions and
//! the connective as a SIGNAL; a range the tagger cannot split stays one DATE prediction.
//!
//! **Spec files** (Recognizers-Text French `DateTimeModel*.json`, anchor
//! `Context.ReferenceDateTime`, else 2016-11-07, the fixtures' default reference that the
//! expected values of such cases are computed from; Duckling English `Time.json`, anchor
//! 2013-02-12): pass rate per file, as `tp` = passed and `fn` = failed (so R is the rate),
//! over the in-scope cases (`in-scope`) and over all cases with every out-of-scope one
//! counted as a failure (`all`); out-of-scope cases in a separate row per reason (`fp`
//! column = 0), and listed one per line (`OUT<TAB>reason<TAB>text`) with `VEILLE_EVAL_DEBUG`
//! set, as failures are (`FAIL …`). **Pass rule**: a case with expected results passes when
//! every expected result is overlapped by one of our spans whose value agrees: same TIMEX3
//! string, or the same calendar point at the expected granularity (a day, a month, a quarter
//! as `YYYY-Qn` or its first month, a year, a clock time) read from the expected resolution;
//! a Duckling interval is compared by its start. A TIMEX3 part of day (`2013-02-12TEV`,
//! `…TDT`), which has no clock bounds, agrees with a time on that day ("this evening" →
//! Duckling's interval from 18:00). An expected TIMEX3 with unknown parts agrees with the
//! resolved value it stands for (`XXXX-WXX-4T17`: a Thursday at 17:00; `XXXX-12-23`), an
//! hour without minutes (`2016-11-08T17`, `T15`) with the full hour, a season without a year
//! (`SU`) with that season of a year. A case with no expected result (a negative example)
//! passes when we tag nothing. Recognizers cases the reference implementation itself does not
//! support (`NotSupported` lists `dotnet`) are scored in their own `upstream-unsupported` row.
//!
//! Out of scope, each in its own row with its count, never dropped silently. Decided before
//! tagging, from the case alone:
//! - `time-zone`: a Recognizers result typed `*timezone*`, or a Duckling input with a zone
//!   word (GMT, PST, ...) whose expected value is converted to the reference zone: not a
//!   news-timeline need.
//! - `holiday` (Duckling): a `holiday` field or a `datetimeHoliday` expectation. The layer has
//!   a small table of holidays (fixed days, nth weekdays, Easter-based feasts) for news
//!   timelines; Duckling's list (feasts of many countries, lunar and Hebrew calendars, moving
//!   observances) goes well beyond it, so these cases keep their own row.
//! - `no-start` (Duckling): an open interval bounded only above ("until 2pm"): the pass rule
//!   compares intervals by their start and there is none.
//! - `starts-at-reference` (Duckling): an interval whose start is the reference instant itself
//!   ("by 2:00pm", "within 2 weeks", "by the end of next month" run from 04:30 to the bound):
//!   the start the pass rule compares is the moment of asking, not the expression, as with
//!   `no-start`.
//! - `season-sense` (Duckling): "this season", "last season", "next season" with no season
//!   named: Duckling resolves them to astronomical seasons (winter from 2012-12-21); in news
//!   they name a sports, television, fashion or harvest season ("last season he scored 30
//!   goals"), whose dates the text does not give, so this layer gives them no season value
//!   rather than invent an astronomical one. A named season ("last summer", "l'hiver
//!   dernier") is in scope. Decided from the text alone (a relative word and "season(s)").
//! - `invalid-date` (Recognizers): the expected value names a day that does not exist ("30/2"
//!   → `XXXX-02-30`, "29/2/2019" → `2019-02-29`); the issue asks for no date rather than an
//!   invented one.
//!
//! Decided after tagging, for a case that fails, in this order (the conventions first, then
//! the direction): every expected result either agrees with one of our spans or is covered by
//! one of ours (all of it but leading prepositions and
//! articles: "at", "in", "by", "the", "dans", "au cours des", …) whose value differs only by
//! the named convention; a case with any other disagreement stays a failure.
//! - `future-default-design` (Duckling): the case passes once its text follows the
//!   future-tense cue "will " (or then differs only by one of the conventions below: "the
//!   beginning of January" is `2014-01` `START` in the future): the disagreement is the
//!   direction. Duckling, an
//!   assistant's parser, resolves an underspecified day, month or clock time to the next
//!   occurrence; this layer, for news, to the last one unless the sentence speaks of the
//!   future (the rule). The pass rate is also given with these cases counted as
//!   failures (`in-scope+future-default`).
//! - `vague-reference`: ours is `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` where the spec
//!   expects an instant ("now", "right now", "at the moment" → 04:30): the issue asks for vague
//!   references to be marked as such rather than turned into dates.
//! - `vague-count`: ours has `X` for an unknown count where the spec puts a number
//!   ("quelques heures": `PTXH` against `PT3H`), the TIMEX3 convention.
//! - `timex3-duration`: ours is a duration where the spec expects a point or an interval ("in
//!   two weeks", "the last 2 days", "the next 3 hours", "upcoming two weeks"): TimeML marks
//!   these as DURATION, and the TempEval-3 gold does ("in <TIMEX3 P2W>two weeks</TIMEX3>",
//!   "<TIMEX3 P3M>the past three months</TIMEX3>"), so resolving them would move away from
//!   the TIMEX3 targets. Never used when the spec expects a time of day ("vingt heures").
//! - `reference-clock`: ours is a clock time on the reference day and the spec's value is a
//!   later occurrence of it, twelve hours later or the next day, after the reference instant
//!   ("at 3am" said at 04:30 is tomorrow's): the difference is the reference's time of day,
//!   which an assistant has and a publication date does not.
//! - `timex3-granularity`: ours names the period at the expression's own granularity (a
//!   decade, year, half, quarter, season, month, ISO week or weekend, a day's part of day),
//!   with a TIMEX3 mod where the text gives one, and the expected start lies inside it
//!   ("three months ago" `2012-11` against 2012-11-12; "end of the month" `2013-02` `END`
//!   against Duckling's 2013-02-21; "this past weekend" `2013-W06-WE` against Friday 18:00;
//!   "les années 1990" `199X` against 1990-01-01): the TIMEX3 value of these expressions, as
//!   the TIMEX3 gold writes them, where the specs invent a sub-interval.

use std::path::Path;

use anyhow::{Context, Result};
use doc::{Document, LangCode, RawArticle, RawBody, TimeKind};
use pipeline::Analyzer;
use serde_json::Value;

use crate::{Counts, Row};

/// Rows for every set found under `dir`.
pub fn times(dir: &Path, limit: Option<usize>) -> anyhow::Result<Vec<Row>> {
    let analyzer = crate::as_given_analyzer();
    let mut rows = Vec::new();
    let fr = dir.join("timex-events-fr-timebank/Data");
    if fr.is_dir() {
        let docs = read_tml_dir(&fr, limit)?;
        rows.extend(score_timex(
            &analyzer,
            "timex-events-fr-timebank",
            LangCode::FR,
            &docs,
        ));
    }
    let mut en = Vec::new();
    for part in ["TimeBank", "AQUAINT"] {
        let d = dir
            .join("timex-events-tempeval3-en/TBAQ-cleaned")
            .join(part);
        if d.is_dir() {
            en.extend(read_tml_dir(&d, limit)?);
        }
    }
    if !en.is_empty() {
        rows.extend(score_timex(
            &analyzer,
            "timex-events-tempeval3-en/TBAQ-cleaned",
            LangCode::EN,
            &en,
        ));
    }
    let rt = dir.join("recognizers-text-specs/DateTime/French");
    if rt.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(&rt)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("DateTimeModel") && n.ends_with(".json"))
            })
            .collect();
        files.sort();
        for f in files {
            rows.extend(recognizers_file(&analyzer, &f, limit)?);
        }
    }
    let dk = dir.join("duckling-corpus/EN/Time.json");
    if dk.is_file() {
        rows.extend(duckling_file(&analyzer, &dk, limit)?);
    }
    Ok(rows)
}

// ------------------------------------------------------------------------- TIMEX3

struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

struct TmlDoc {
    text: String,
    dct: Option<String>,
    timexes: Vec<Timex>,
}

fn read_tml_dir(dir: &Path, limit: Option<usize>) -> Result<Vec<TmlDoc>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if let Some(n) = limit {
        files.truncate(n);
    }
    files
        .iter()
        .map(|f| {
            let raw = std::fs::read_to_string(f).with_context(|| f.display().to_string())?;
            parse_tml(&raw).with_context(|| format!("{}: not TimeML", f.display()))
        })
        .collect()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(decode_entities(&tag[at..end]))
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of `<TEXT>` without markup, the DCT, and the TIMEX3 spans (byte offsets).
fn parse_tml(raw: &str) -> Option<TmlDoc> {
    let dct = raw
        .find("<DCT>")
        .and_then(|s| raw[s..].find("<TIMEX3").map(|t| s + t))
        .and_then(|t| raw[t..].find('>').map(|e| &raw[t..t + e]))
        .and_then(|tag| attr(tag, "value"));
    let body_start = raw.find("<TEXT>")? + "<TEXT>".len();
    let body_end = raw.find("</TEXT>")?;
    let body = raw.get(body_start..body_end)?;
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..lt]));
        let gt = rest[lt..].find('>')? + lt;
        let tag = &rest[lt..=gt];
        if tag.starts_with("<TIMEX3") && !tag.ends_with("/>") {
            open = Some((
                text.len(),
                attr(tag, "type").unwrap_or_default(),
                attr(tag, "value").unwrap_or_default(),
            ));
        } else if tag.starts_with("</TIMEX3")
            && let Some((start, kind, value)) = open.take()
        {
            // Gold extents without their surrounding white space.
            let slice = &text[start..];
            let lead = slice.len() - slice.trim_start().len();
            let trimmed_end = text.trim_end().len();
            if trimmed_end > start + lead {
                timexes.push(Timex {
                    start: start + lead,
                    end: trimmed_end,
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&decode_entities(rest));
    Some(TmlDoc { text, dct, timexes })
}

fn analyze(analyzer: &Analyzer, text: &str, lang: LangCode, published: Option<String>) -> Document {
    let raw = RawArticle {
        lang: Some(lang),
        published,
        ..RawArticle::new("gold", RawBody::Text(text.to_owned()))
    };
    analyzer.analyze(raw)
}

fn timex_type(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Date | TimeKind::Range => "DATE",
        TimeKind::Time | TimeKind::DateTime => "TIME",
        TimeKind::Duration => "DURATION",
        TimeKind::Set => "SET",
    }
}

/// Our expressions as TIMEX3 predictions `(start, end, type, value)`. A range is two
/// predictions, one per end, with the ends' own spans and values, because TIMEX3 marks the
/// two ends of "de 18 h à 23 h" or "from 1991 to 1997" as two expressions (the connective is
/// a SIGNAL); a range whose ends the tagger cannot split stays one DATE prediction.
fn timex_predictions(
    doc: &Document,
    text: &str,
    lang: LangCode,
) -> Vec<(usize, usize, &'static str, String)> {
    let mut out = Vec::new();
    for t in doc.times().unwrap_or_default() {
        if let Some(ends) = times::range_ends(text, Some(lang), t)
            && let Some((l, r)) = t.value.split_once('/')
        {
            for (range, v) in ends.iter().zip([l, r]) {
                let ty = if v.contains('T') { "TIME" } else { "DATE" };
                out.push((range.start(), range.end(), ty, v.to_owned()));
            }
            continue;
        }
        out.push((
            t.range.start(),
            t.range.end(),
            timex_type(t.kind),
            t.value.clone(),
        ));
    }
    out
}

/// Debug output: the text around `start..end`, on one line, the span in brackets.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(70);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 50).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[[{}]]{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    )
    .replace('\n', " ")
}

fn score_timex(analyzer: &Analyzer, set: &str, lang: LangCode, docs: &[TmlDoc]) -> Vec<Row> {
    let (mut strict, mut relaxed, mut value, mut value_acc, mut type_acc) = (
        Counts::default(),
        Counts::default(),
        Counts::default(),
        Counts::default(),
        Counts::default(),
    );
    let debug = std::env::var_os("VEILLE_EVAL_DEBUG").is_some();
    for d in docs {
        let doc = analyze(analyzer, &d.text, lang, d.dct.clone());
        let predicted = timex_predictions(&doc, &d.text, lang);
        if debug {
            for g in &d.timexes {
                let hit = predicted.iter().find(|p| p.0 < g.end && g.start < p.1);
                let (ours, v) = hit.map_or(("-", "-"), |p| (&d.text[p.0..p.1], p.3.as_str()));
                if v != g.value {
                    eprintln!(
                        "MISS\t{lang}\t{:?}\t{}\t{}\t{}\t{}\t{}",
                        d.dct,
                        &d.text[g.start..g.end],
                        g.value,
                        ours,
                        v,
                        context(&d.text, g.start, g.end)
                    );
                }
            }
            for p in &predicted {
                if !d.timexes.iter().any(|g| p.0 < g.end && g.start < p.1) {
                    eprintln!(
                        "EXTRA\t{lang}\t{:?}\t{}\t{}\t{}",
                        d.dct,
                        &d.text[p.0..p.1],
                        p.3,
                        context(&d.text, p.0, p.1)
                    );
                }
            }
        }
        let exact: Vec<(usize, usize)> = {
            let mut v: Vec<_> = predicted.iter().map(|p| (p.0, p.1)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let gold_exact: Vec<(usize, usize)> = {
            let mut v: Vec<_> = d.timexes.iter().map(|g| (g.start, g.end)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        strict += Counts::of_sorted(&exact, &gold_exact);
        // Relaxed: each gold takes the first unused overlapping prediction.
        let mut used = vec![false; predicted.len()];
        let mut matched = 0;
        let mut right_value = 0;
        for g in &d.timexes {
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(k, p)| !used[*k] && p.0 < g.end && g.start < p.1);
            if let Some((k, p)) = hit {
                used[k] = true;
                matched += 1;
                let ok_value = p.3 == g.value;
                if ok_value {
                    right_value += 1;
                }
                value_acc += Counts {
                    tp: usize::from(ok_value),
                    fp: 0,
                    fn_: usize::from(!ok_value),
                };
                let ok_type = p.2 == g.kind;
                type_acc += Counts {
                    tp: usize::from(ok_type),
                    fp: 0,
                    fn_: usize::from(!ok_type),
                };
            }
        }
        relaxed += Counts {
            tp: matched,
            fp: predicted.len() - matched,
            fn_: d.timexes.len() - matched,
        };
        value += Counts {
            tp: right_value,
            fp: predicted.len() - right_value,
            fn_: d.timexes.len() - right_value,
        };
    }
    let lang = lang.to_string();
    let n = docs.len();
    vec![
        Row::new("times", set, &lang, "extent-strict", "all", n, strict),
        Row::new("times", set, &lang, "extent-relaxed", "all", n, relaxed),
        Row::new("times", set, &lang, "value-accuracy", "all", n, value_acc),
        Row::new("times", set, &lang, "type-accuracy", "all", n, type_acc),
        Row::new("times", set, &lang, "value", "all", n, value),
    ]
}

// ------------------------------------------------------------------------- spec files

/// Calendar points an expected resolution may be written as, for comparison with ours.
fn forms_of_datetime(s: &str, grain: &str) -> Vec<String> {
    // "2016-11-07 00:00:00", "2016-11-07T00:00:00", "2016-11-07", "08:30:00"
    let s = s.replace(' ', "T");
    let mut out = Vec::new();
    if s.len() >= 10 && s.as_bytes().get(4) == Some(&b'-') {
        let day = &s[..10];
        match grain {
            "year" => out.push(s[..4].to_owned()),
            "month" => out.push(s[..7].to_owned()),
            "quarter" => {
                // the quarter as TIMEX3 writes it, or its first month
                out.push(s[..7].to_owned());
                if let Ok(m) = s[5..7].parse::<u32>() {
                    out.push(format!("{}-Q{}", &s[..4], m.div_ceil(3)));
                }
            }
            "week" => {
                if let Some(d) = times::Date::parse_iso_prefix(day) {
                    let (y, w) = d.iso_week();
                    out.push(format!("{y:04}-W{w:02}"));
                }
            }
            "day" => out.push(day.to_owned()),
            _ => {
                if s.len() >= 16 {
                    out.push(s[..16].to_owned());
                }
                out.push(day.to_owned());
            }
        }
    } else if s.len() >= 5 && s.as_bytes().get(2) == Some(&b':') {
        out.push(format!("T{}", &s[..5]));
    }
    out
}

/// Whether our value `ours` agrees with one of `forms`.
fn agrees(ours: &str, forms: &[String]) -> bool {
    let first = ours.split('/').next().unwrap_or(ours);
    // a TIMEX3 part of day ("2013-02-12TEV") has no clock bounds: it agrees with its day
    let pod_day = first
        .strip_suffix("TMO")
        .or_else(|| first.strip_suffix("TAF"))
        .or_else(|| first.strip_suffix("TEV"))
        .or_else(|| first.strip_suffix("TNI"))
        .or_else(|| first.strip_suffix("TDT"));
    forms.iter().any(|f| {
        !f.is_empty()
            && (ours == f
                || first == f
                || pod_day.is_some_and(|d| d == f)
                || (f.starts_with('T') && first.ends_with(f.as_str()))
                || (f.len() == 16 && first.starts_with(f.as_str()))
                || full_hour(first, f)
                || season_of_year(first, f)
                || instantiates(first, f))
    })
}

/// Whether an expected TIMEX3 hour without minutes (`2016-11-08T17`, `XXXX-WXX-1T16`, or
/// `T15` on any day) is our full hour (`2016-11-08T17:00`).
fn full_hour(ours: &str, f: &str) -> bool {
    let Some((day, hour)) = f.rsplit_once('T') else {
        return false;
    };
    hour.len() == 2
        && hour.bytes().all(|b| b.is_ascii_digit())
        && ours.strip_suffix(":00").is_some_and(|o| {
            // "T15" for a time of any day: ours on whatever day
            o.ends_with(&format!("T{hour}")) && (day.is_empty() || o == f)
        })
}

/// Whether an expected season without a year (`SU`) is the season of ours (`2016-SU`).
fn season_of_year(ours: &str, f: &str) -> bool {
    matches!(f, "SP" | "SU" | "FA" | "WI")
        && ours.len() == 7
        && ours.ends_with(f)
        && ours.as_bytes()[4] == b'-'
}

/// Whether our resolved value is an instance of an expected TIMEX3 with unknown parts: an
/// `X` stands for any digit (`XXXX-12-23T17` and our `2016-12-23T17:00`), `XXXX-WXX-4` for
/// any Thursday; an expected hour without minutes is the full hour.
fn instantiates(ours: &str, pattern: &str) -> bool {
    if !pattern.starts_with("XXXX-") || ours.len() < 10 {
        return false;
    }
    let (p_day, p_time) = pattern.split_at(pattern.find('T').unwrap_or(pattern.len()));
    let (o_day, o_time) = ours.split_at(10);
    let day_ok = if let Some(wd) = p_day.strip_prefix("XXXX-WXX-") {
        times::Date::parse_iso_prefix(o_day)
            .is_some_and(|d| wd.parse::<u32>().is_ok_and(|w| w == d.weekday()))
    } else {
        p_day.len() == 10
            && p_day
                .bytes()
                .zip(o_day.bytes())
                .all(|(p, o)| p == o || (p == b'X' && o.is_ascii_digit()))
    };
    let time_ok = if p_time.len() == 3 {
        o_time == format!("{p_time}:00")
    } else {
        o_time == p_time
    };
    day_ok && time_ok
}

fn char_to_byte(text: &str, ch: usize) -> usize {
    text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b)
}

#[derive(Default)]
struct Tally {
    pass: usize,
    fail: usize,
    out: std::collections::BTreeMap<&'static str, usize>,
}

impl Tally {
    /// Counts `text` out of scope for `reason`, and lists it with `VEILLE_EVAL_DEBUG` set.
    fn out_of_scope(&mut self, reason: &'static str, text: &str) {
        *self.out.entry(reason).or_default() += 1;
        if std::env::var_os("VEILLE_EVAL_DEBUG").is_some() {
            eprintln!("OUT\t{reason}\t{text}");
        }
    }

    fn rows(&self, set: &str, lang: &str, items: usize) -> Vec<Row> {
        let out: usize = self.out.values().sum();
        let mut rows = vec![Row::new(
            "times",
            set,
            lang,
            "pass-rate",
            "in-scope",
            items,
            Counts {
                tp: self.pass,
                fp: 0,
                fn_: self.fail,
            },
        )];
        if out > 0 {
            // the same cases with every out-of-scope one counted as a failure
            rows.push(Row::new(
                "times",
                set,
                lang,
                "pass-rate",
                "all",
                items,
                Counts {
                    tp: self.pass,
                    fp: 0,
                    fn_: self.fail + out,
                },
            ));
        }
        for (reason, n) in &self.out {
            rows.push(Row::new(
                "times",
                set,
                lang,
                "out-of-scope",
                reason,
                *n,
                Counts::default(),
            ));
        }
        rows
    }
}

fn case_passes(doc: &Document, text: &str, expected: &[(usize, usize, Vec<String>)]) -> bool {
    let ours = doc.times().unwrap_or_default();
    if expected.is_empty() {
        return ours.is_empty();
    }
    expected.iter().all(|(s, e, forms)| {
        let (s, e) = (char_to_byte(text, *s), char_to_byte(text, *e));
        ours.iter()
            .any(|t| t.range.start() < e.max(s + 1) && s < t.range.end() && agrees(&t.value, forms))
    })
}

/// The reference date of the Recognizers-Text spec fixtures when a case gives none: the
/// resolved values of such cases are computed from it ("aujourd'hui" → 2016-11-07, "29 mai" →
/// 2016-05-29 or 2017-05-29).
const RECOGNIZERS_DEFAULT_REFERENCE: &str = "2016-11-07T00:00:00";

/// With `VEILLE_EVAL_DEBUG` set, prints a failed spec case: input, expected, ours.
fn debug_fail(doc: &Document, text: &str, expected: &[(usize, usize, Vec<String>)]) {
    if std::env::var_os("VEILLE_EVAL_DEBUG").is_none() {
        return;
    }
    let want: Vec<String> = expected
        .iter()
        .map(|(s, e, f)| {
            let (s, e) = (char_to_byte(text, *s), char_to_byte(text, *e));
            format!("{}={}", text.get(s..e).unwrap_or("?"), f.join("|"))
        })
        .collect();
    let ours: Vec<String> = doc
        .times()
        .unwrap_or_default()
        .iter()
        .map(|t| format!("{}={}", doc.slice(t.range), t.value))
        .collect();
    eprintln!("FAIL\t{text}\t{}\t{}", want.join(" ; "), ours.join(" ; "));
}

// ------------------------------------------------------------------------- conventions

/// Words that may open an expected span without being part of the expression itself
/// ("at 3pm", "in two weeks", "dans trois ans", "au cours des dix derniers mois"): TIMEX3
/// leaves such prepositions and determiners out of the extent, as this layer does.
const LEADING_FUNCTION_WORDS: &[&str] = &[
    "at", "in", "on", "by", "the", "around", "within", "à", "a", "le", "la", "les", "l", "dans",
    "en", "au", "pour", "de", "des", "du", "d", "cours", "durant", "pendant",
];

/// The byte span of an expected result without leading function words and surrounding
/// punctuation, i.e. what an expression of ours must cover.
fn core_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let mut s = s;
    loop {
        let rest = &text[s..e];
        let lead = rest.len() - rest.trim_start().len();
        let rest = &rest[lead..];
        let word_end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let word = rest[..word_end].to_lowercase();
        if word_end > 0 && word_end < rest.len() && LEADING_FUNCTION_WORDS.contains(&word.as_str())
        {
            s += lead + word_end;
            let after = &text[s..e];
            s += after.len() - after.trim_start_matches([' ', '\'', '’']).len();
        } else {
            s += lead;
            break;
        }
    }
    let core = text[s..e].trim_end_matches(|c: char| !c.is_alphanumeric());
    (s, s + core.len())
}

/// The first day of a calendar point written `YYYY`, `YYYY-MM` or `YYYY-MM-DD…`.
fn first_day(form: &str) -> Option<times::Date> {
    let b = form.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y: i32 = form[..4].parse().ok()?;
    let m: u32 = match form.get(4..7) {
        Some(x) if x.starts_with('-') => x[1..].parse().ok()?,
        _ => 1,
    };
    let d: u32 = match form.get(7..10) {
        Some(x) if x.starts_with('-') => x[1..].parse().ok()?,
        _ => 1,
    };
    times::Date::new(y, m, d)
}

/// The Monday of ISO week `w` of year `y`.
fn iso_week_monday(y: i32, w: u32) -> Option<times::Date> {
    let jan4 = times::Date::new(y, 1, 4)?;
    jan4.add_days(7 * (i64::from(w) - 1) - (i64::from(jan4.weekday()) - 1))
}

/// The days (first, last) a TIMEX3 value of ours names when it is a period longer than a
/// day: a decade (`199`, `199X`), a year, a half, a quarter, a season, a month, an ISO week
/// or its weekend; or a day with a part of day (`2013-02-12TEV`).
fn period_of(value: &str) -> Option<(times::Date, times::Date)> {
    let v = value.split('/').next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if let Some(day) = ["TMO", "TAF", "TEV", "TNI", "TDT"]
        .iter()
        .find_map(|p| v.strip_suffix(p))
    {
        let d = times::Date::parse_iso_prefix(day)?;
        return Some((d, d));
    }
    let year_span =
        |y0: i32, y1: i32| Some((times::Date::new(y0, 1, 1)?, times::Date::new(y1, 12, 31)?));
    if v.len() == 3 && digits(v) {
        let y: i32 = v.parse().ok()?;
        return year_span(y * 10, y * 10 + 9);
    }
    if v.len() == 4 && digits(&v[..3]) && v.ends_with('X') {
        let y: i32 = v[..3].parse().ok()?;
        return year_span(y * 10, y * 10 + 9);
    }
    if v.len() < 4 || !digits(&v[..4]) {
        return None;
    }
    let y: i32 = v[..4].parse().ok()?;
    let rest = &v[4..];
    if rest.is_empty() {
        return year_span(y, y);
    }
    let months = |m0: u32, m1: u32| {
        let last = times::Date::new(y, m1, 1)?.add_months(1)?.add_days(-1)?;
        Some((times::Date::new(y, m0, 1)?, last))
    };
    // a season, astronomical: winter `YYYY-WI` is the one that holds January to March of YYYY
    let day = |y: i32, m: u32, d: u32| times::Date::new(y, m, d);
    match rest {
        "-SP" => return Some((day(y, 3, 20)?, day(y, 6, 20)?)),
        "-SU" => return Some((day(y, 6, 21)?, day(y, 9, 22)?)),
        "-FA" => return Some((day(y, 9, 23)?, day(y, 12, 20)?)),
        "-WI" => return Some((day(y - 1, 12, 21)?, day(y, 3, 19)?)),
        _ => {}
    }
    if let Some(q) = rest.strip_prefix("-Q").and_then(|q| q.parse::<u32>().ok()) {
        return months(3 * q - 2, 3 * q);
    }
    if let Some(h) = rest.strip_prefix("-H").and_then(|h| h.parse::<u32>().ok()) {
        return months(6 * h - 5, 6 * h);
    }
    if let Some(w) = rest.strip_prefix("-W") {
        let w: u32 = w.trim_end_matches("-WE").parse().ok()?;
        let monday = iso_week_monday(y, w)?;
        return Some((monday, monday.add_days(6)?));
    }
    if rest.len() == 3 && digits(&rest[1..]) {
        let m: u32 = rest[1..].parse().ok()?;
        return months(m, m);
    }
    None
}

/// A clock time of ours or of an expectation: the day and minutes since midnight.
fn day_and_clock(v: &str) -> Option<(times::Date, u32)> {
    let day = times::Date::parse_iso_prefix(v)?;
    let t = v.get(10..16)?.strip_prefix('T')?;
    let (h, m) = t.split_once(':')?;
    Some((day, h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?))
}

/// Whether the expected time is a later occurrence of our clock time (twelve hours later,
/// or the next day), after the reference instant, ours being that time on the reference
/// day: the only disagreement is which occurrence, which the reference's time of day
/// decides for an assistant ("at 3am" said at 04:30 is tomorrow's).
fn after_reference_clock(ours: &str, forms: &[String], reference: &str) -> bool {
    let (Some((day, clock)), Some((ref_day, ref_clock))) = (
        day_and_clock(ours),
        day_and_clock(&reference.replace(' ', "T")),
    ) else {
        return false;
    };
    if day != ref_day {
        return false;
    }
    let mut candidates = vec![(day, clock)];
    if clock < 12 * 60 {
        candidates.push((day, clock + 12 * 60));
    }
    if let Some(next) = day.add_days(1) {
        candidates.push((next, clock));
    }
    candidates
        .iter()
        .skip(1)
        .filter(|&&(d, c)| (d, c) > (ref_day, ref_clock))
        .any(|&(d, c)| {
            let want = format!("{}T{:02}:{:02}", d.ymd(), c / 60, c % 60);
            forms.contains(&want)
        })
}

/// Whether `form` is `ours` with a count written as a number where ours has `X` ("quelques
/// heures": `PT3H` against our `PTXH`).
fn vague_count_of(ours: &str, form: &str) -> bool {
    if !ours.contains('X') || !form.starts_with('P') {
        return false;
    }
    let mut out = String::new();
    let mut in_digits = false;
    for c in form.chars() {
        if c.is_ascii_digit() || (in_digits && c == '.') {
            if !in_digits {
                out.push('X');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out == ours
}

/// Whether an expected TIMEX3 (or one end of an expected interval) names a day that does not
/// exist ("30/2" → `XXXX-02-30`, "29/2/2019" → `2019-02-29`): the layer gives no date rather
/// than an invented one.
fn names_invalid_day(timex: &str) -> bool {
    // an interval "(2019-02-29,2019-03-01,PXD)": its ends
    if let Some(inner) = timex.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return inner.split(',').any(names_invalid_day);
    }
    let b = timex.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(m), Ok(d)) = (timex[5..7].parse::<u32>(), timex[8..10].parse::<u32>()) else {
        return false;
    };
    // an unknown year: 29 February may exist
    let year = timex[..4].parse::<i32>().unwrap_or(2000);
    times::Date::new(year, m, d).is_none()
}

/// Why a failed case is a convention difference rather than an error, if it is one: every
/// expected result either agrees with one of our expressions or is covered by one of ours
/// whose value differs from it only by a documented convention (see the module doc).
fn convention(
    doc: &Document,
    text: &str,
    expected: &[(usize, usize, Vec<String>)],
    reference: &str,
) -> Option<&'static str> {
    let ours = doc.times().unwrap_or_default();
    let mut reason = None;
    for (s, e, forms) in expected {
        let (s, e) = (char_to_byte(text, *s), char_to_byte(text, *e));
        let agreeing = ours.iter().any(|t| {
            t.range.start() < e.max(s + 1) && s < t.range.end() && agrees(&t.value, forms)
        });
        if agreeing {
            continue;
        }
        let (cs, ce) = core_span(text, s, e.min(text.len()));
        let covering = ours
            .iter()
            .find(|t| t.range.start() <= cs && t.range.end() >= ce)?;
        let v = covering.value.as_str();
        let expects_duration = forms.iter().any(|f| f.starts_with('P'));
        // a time of day ("Il est vingt heures" → `T20`) is never a length
        let expects_clock = forms.iter().any(|f| f.starts_with('T'));
        let why = if v.ends_with("_REF") {
            "vague-reference"
        } else if forms.iter().any(|f| vague_count_of(v, f)) {
            "vague-count"
        } else if v.starts_with('P') && !expects_duration && !expects_clock {
            "timex3-duration"
        } else if after_reference_clock(v, forms, reference) {
            "reference-clock"
        } else if let Some((a, b)) = period_of(v)
            && forms
                .iter()
                .filter_map(|f| first_day(f))
                .any(|d| a <= d && d <= b)
        {
            "timex3-granularity"
        } else {
            return None;
        };
        reason = reason.or(Some(why));
    }
    reason
}

fn recognizers_file(analyzer: &Analyzer, path: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let raw = std::fs::read_to_string(path)?;
    let cases: Vec<Value> = serde_json::from_str(raw.trim_start_matches('\u{feff}'))
        .with_context(|| path.display().to_string())?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let mut tally = Tally::default();
    let mut unsupported = Tally::default();
    let mut n = 0;
    for case in cases.iter().take(limit.unwrap_or(usize::MAX)) {
        n += 1;
        let input = case["Input"].as_str().unwrap_or_default();
        let not_supported = case["NotSupported"].as_str().unwrap_or_default();
        // Without a reference date the expected values are those of the spec fixtures'
        // default reference ("aujourd'hui" → 2016-11-07), so that is our anchor too.
        let reference = case["Context"]["ReferenceDateTime"]
            .as_str()
            .unwrap_or(RECOGNIZERS_DEFAULT_REFERENCE);
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        if results.iter().any(|r| {
            r["TypeName"]
                .as_str()
                .is_some_and(|t| t.contains("timezone"))
        }) {
            tally.out_of_scope("time-zone", input);
            continue;
        }
        let mut expected = Vec::new();
        for r in &results {
            let start = r["Start"].as_u64().unwrap_or(0) as usize;
            let end = r["End"].as_u64().unwrap_or(0) as usize + 1;
            let mut forms = Vec::new();
            for v in r["Resolution"]["values"].as_array().into_iter().flatten() {
                if let Some(t) = v["timex"].as_str() {
                    forms.push(t.to_owned());
                }
                let kind = v["type"].as_str().unwrap_or_default();
                let grain = match kind {
                    "date" | "daterange" => "day",
                    "time" | "timerange" | "datetime" | "datetimerange" => "minute",
                    _ => "",
                };
                for key in ["value", "start"] {
                    if let Some(x) = v[key].as_str() {
                        forms.extend(forms_of_datetime(x, grain));
                    }
                }
            }
            expected.push((start, end, forms));
        }
        let doc = analyze(analyzer, input, LangCode::FR, Some(reference.to_owned()));
        let passed = case_passes(&doc, input, &expected);
        if not_supported.contains("dotnet") {
            if passed {
                unsupported.pass += 1;
            } else {
                unsupported.fail += 1;
            }
            continue;
        }
        if passed {
            tally.pass += 1;
        } else if expected
            .iter()
            .any(|(_, _, forms)| forms.iter().any(|f| names_invalid_day(f)))
        {
            tally.out_of_scope("invalid-date", input);
        } else if let Some(why) = convention(&doc, input, &expected, reference) {
            tally.out_of_scope(why, input);
        } else {
            debug_fail(&doc, input, &expected);
            tally.fail += 1;
        }
    }
    let set = format!("recognizers-text/French/{name}");
    let mut rows = tally.rows(&set, "fr", n);
    rows.push(Row::new(
        "times",
        &set,
        "fr",
        "pass-rate",
        "upstream-unsupported",
        unsupported.pass + unsupported.fail,
        Counts {
            tp: unsupported.pass,
            fp: 0,
            fn_: unsupported.fail,
        },
    ));
    Ok(rows)
}

/// Time-zone words in a Duckling input: the expected value is converted to the reference
/// zone, which a news timeline does not need (the Recognizers `time-zone` reason too).
fn has_time_zone(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "gmt"
                | "utc"
                | "est"
                | "edt"
                | "cst"
                | "cdt"
                | "mst"
                | "mdt"
                | "pst"
                | "pdt"
                | "bst"
                | "ist"
                | "cet"
                | "cest"
        )
    })
}

/// Whether a failed Duckling case passes once its text follows a future-tense cue ("will
/// …"), or then differs only by one of the conventions of [`convention`]: the disagreement
/// is the direction. Duckling, an assistant's parser,
/// resolves an underspecified day, month or clock time to the next occurrence; this layer,
/// for news, to the last one unless the sentence speaks of the future.
fn passes_in_future_frame(analyzer: &Analyzer, text: &str, forms: &[String], anchor: &str) -> bool {
    const FRAME: &str = "will ";
    let framed = format!("{FRAME}{text}");
    let n = FRAME.chars().count();
    let expected = vec![(n, n + text.chars().count(), forms.to_vec())];
    let doc = analyze(analyzer, &framed, LangCode::EN, Some(anchor.to_owned()));
    case_passes(&doc, &framed, &expected)
        || convention(&doc, &framed, &expected, DUCKLING_REFERENCE).is_some()
}

/// The reference instant of the Duckling corpus (its zone, -02:00, plays no part here).
const DUCKLING_REFERENCE: &str = "2013-02-12T04:30:00";

/// "this season", "last season", "next seasons": a season named by its place relative to
/// now and nothing else (the `season-sense` category).
fn relative_season(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    matches!(
        words.as_slice(),
        [rel, season]
            if matches!(rel.as_str(), "this" | "current" | "last" | "past" | "previous" | "next")
                && matches!(season.as_str(), "season" | "seasons")
    )
}

fn duckling_file(analyzer: &Analyzer, path: &Path, limit: Option<usize>) -> Result<Vec<Row>> {
    let raw = std::fs::read_to_string(path)?;
    let data: Value = serde_json::from_str(&raw).with_context(|| path.display().to_string())?;
    let anchor = "2013-02-12T04:30:00-02:00".to_owned();
    let mut tally = Tally::default();
    let mut n = 0;
    let examples = data["examples"].as_array().cloned().unwrap_or_default();
    for ex in examples.iter().take(limit.unwrap_or(usize::MAX)) {
        let exp = &ex["expected"];
        for text in ex["texts"].as_array().into_iter().flatten() {
            let Some(text) = text.as_str() else { continue };
            n += 1;
            if !exp["holiday"].is_null()
                || ex["expected_raw"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("datetimeHoliday"))
            {
                tally.out_of_scope("holiday", text);
                continue;
            }
            let grain = exp["grain"].as_str().unwrap_or("day");
            let forms = match exp["kind"].as_str() {
                Some("datetime") => forms_of_datetime(exp["value"].as_str().unwrap_or(""), grain),
                Some("interval") | Some("open_interval") => {
                    let mut f = forms_of_datetime(exp["start"].as_str().unwrap_or(""), grain);
                    f.extend(forms_of_datetime(exp["from"].as_str().unwrap_or(""), grain));
                    f
                }
                _ => {
                    tally.out_of_scope("unparsed-expectation", text);
                    continue;
                }
            };
            if forms.is_empty() {
                // an open interval bounded only above ("until 2pm"): no start to compare
                tally.out_of_scope("no-start", text);
                continue;
            }
            if exp["kind"].as_str() == Some("interval")
                && exp["start"].as_str() == Some(DUCKLING_REFERENCE)
            {
                // "by 2pm", "within 2 weeks": from the reference instant to a bound
                tally.out_of_scope("starts-at-reference", text);
                continue;
            }
            if has_time_zone(text) {
                tally.out_of_scope("time-zone", text);
                continue;
            }
            if relative_season(text) {
                tally.out_of_scope("season-sense", text);
                continue;
            }
            let expected = vec![(0, text.chars().count(), forms.clone())];
            let doc = analyze(analyzer, text, LangCode::EN, Some(anchor.clone()));
            if case_passes(&doc, text, &expected) {
                tally.pass += 1;
            } else if let Some(why) = convention(&doc, text, &expected, DUCKLING_REFERENCE) {
                tally.out_of_scope(why, text);
            } else if passes_in_future_frame(analyzer, text, &forms, &anchor) {
                tally.out_of_scope("future-default-design", text);
            } else {
                debug_fail(&doc, text, &expected);
                tally.fail += 1;
            }
        }
    }
    let negatives = data["negative_examples"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut neg = Tally::default();
    for text in negatives.iter().take(limit.unwrap_or(usize::MAX)) {
        let Some(text) = text.as_str() else { continue };
        let doc = analyze(analyzer, text, LangCode::EN, Some(anchor.clone()));
        if case_passes(&doc, text, &[]) {
            neg.pass += 1;
        } else {
            neg.fail += 1;
        }
    }
    let mut rows = tally.rows("duckling-corpus/EN/Time.json", "en", n);
    // the same pass rate with the direction cases counted as failures
    let future = tally.out.get("future-default-design").copied().unwrap_or(0);
    rows.insert(
        1,
        Row::new(
            "times",
            "duckling-corpus/EN/Time.json",
            "en",
            "pass-rate",
            "in-scope+future-default",
            n,
            Counts {
                tp: tally.pass,
                fp: 0,
                fn_: tally.fail + future,
            },
        ),
    );
    rows.extend(neg.rows(
        "duckling-corpus/EN/Time.json (negatives)",
        "en",
        negatives.len(),
    ));
    Ok(rows)
}
