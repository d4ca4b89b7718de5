//! Civil (proleptic Gregorian) calendar arithmetic: days from civil, weekday, ISO week, month
//! lengths, leap years. Years 1..=9999 only: anything else is refused, never wrapped.

/// A valid calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1..=9999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month, 1..=month length.
    pub day: u32,
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` of `year` (0 for a month outside 1..=12).
pub fn month_len(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, if it exists and its year is within 1..=9999.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > month_len(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if its year is within 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// The same day `n` months later, clamped to the month's end.
    pub fn add_months(self, n: i64) -> Option<Date> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = (total.rem_euclid(12) + 1) as u32;
        let day = self.day.min(month_len(year, month));
        Date::new(year, month, day)
    }

    /// ISO weekday: Monday 1 .. Sunday 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday())).unwrap_or(self);
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = ((thursday.days() - jan1.days()) / 7 + 1) as u32;
        (thursday.year, week)
    }

    /// Western (Gregorian) Easter Sunday of `year` (the Gregorian computus).
    pub fn easter(year: i32) -> Option<Date> {
        let y = year;
        let a = y % 19;
        let (b, c) = (y / 100, y % 100);
        let (d, e) = (b / 4, b % 4);
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let (i, k) = (c / 4, c % 4);
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        Date::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
    }

    /// Orthodox Easter Sunday of `year` (the Julian computus), as a Gregorian date.
    pub fn orthodox_easter(year: i32) -> Option<Date> {
        let a = year % 4;
        let b = year % 7;
        let c = year % 19;
        let d = (19 * c + 15) % 30;
        let e = (2 * a + 4 * b - d + 34) % 7;
        let month = (d + e + 114) / 31;
        let day = (d + e + 114) % 31 + 1;
        // Julian → Gregorian: the gap grows by one day each century not divisible by 400
        let gap = year / 100 - year / 400 - 2;
        let julian_as_gregorian =
            Date::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
        julian_as_gregorian.add_days(i64::from(gap))
    }

    /// The `n`-th `weekday` (1 Monday .. 7 Sunday) of a month; `n < 0` counts from its end.
    pub fn nth_weekday(year: i32, month: u32, weekday: u32, n: i32) -> Option<Date> {
        if n > 0 {
            let first = Date::new(year, month, 1)?;
            let shift = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
            let d = first.add_days(shift + 7 * i64::from(n - 1))?;
            (d.month == month).then_some(d)
        } else if n < 0 {
            let last = Date::new(year, month, month_len(year, month))?;
            let shift = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
            let d = last.add_days(-shift - 7 * i64::from(-n - 1))?;
            (d.month == month).then_some(d)
        } else {
            None
        }
    }

    /// A holiday of `year` from its rule in the vocabulary: `MM-DD` (a fixed day), `E+N`
    /// or `OE+N` (days after Western or Orthodox Easter), `MM/W#N` (the `N`-th weekday `W`
    /// of month `MM`, `N = -1` the last), each optionally followed by `@D`: `D` days later.
    pub fn holiday(year: i32, rule: &str) -> Option<Date> {
        let (base, shift) = match rule.split_once('@') {
            Some((b, d)) => (b, d.parse::<i64>().ok()?),
            None => (rule, 0),
        };
        let date = if let Some(off) = base.strip_prefix("OE") {
            Date::orthodox_easter(year)?.add_days(off.trim_start_matches('+').parse().ok()?)?
        } else if let Some(off) = base.strip_prefix('E') {
            Date::easter(year)?.add_days(off.trim_start_matches('+').parse().ok()?)?
        } else if let Some((m, rest)) = base.split_once('/') {
            let (w, n) = rest.split_once('#')?;
            Date::nth_weekday(year, m.parse().ok()?, w.parse().ok()?, n.parse().ok()?)?
        } else {
            let (m, d) = base.split_once('-')?;
            Date::new(year, m.parse().ok()?, d.parse().ok()?)?
        };
        date.add_days(shift)
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD` at the start of `s` (a time or zone may follow).
    pub fn parse_iso_prefix(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Date::new(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feasts() {
        let d = |y, m, dd| Date::new(y, m, dd);
        assert_eq!(Date::easter(2024), d(2024, 3, 31));
        assert_eq!(Date::easter(1999), d(1999, 4, 4));
        assert_eq!(Date::easter(2000), d(2000, 4, 23));
        assert_eq!(Date::orthodox_easter(2024), d(2024, 5, 5));
        assert_eq!(Date::orthodox_easter(2013), d(2013, 5, 5));
        assert_eq!(Date::holiday(1999, "11/4#4"), d(1999, 11, 25));
        assert_eq!(Date::holiday(2024, "05/1#-1"), d(2024, 5, 27));
        assert_eq!(Date::holiday(1998, "11/1#1@1"), d(1998, 11, 3));
        assert_eq!(Date::holiday(1999, "E+49"), d(1999, 5, 23));
        assert_eq!(Date::holiday(2024, "E-2"), d(2024, 3, 29));
        assert_eq!(Date::holiday(2024, "12-25"), d(2024, 12, 25));
        assert_eq!(Date::holiday(2024, "02-30"), None);
    }

    #[test]
    fn round_trip_and_weekdays() {
        let d = Date::new(2024, 5, 10).unwrap();
        assert_eq!(d.weekday(), 5);
        assert_eq!(Date::from_days(d.days()), Some(d));
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(d.iso_week(), (2024, 19));
        assert_eq!(Date::new(2021, 1, 3).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::new(2024, 2, 30), None);
        assert_eq!(Date::new(0, 1, 1), None);
        assert_eq!(Date::new(2023, 2, 29), None);
        assert!(Date::new(2000, 2, 29).is_some());
        assert_eq!(
            Date::new(2024, 1, 31).unwrap().add_months(1),
            Date::new(2024, 2, 29)
        );
        assert_eq!(Date::new(9999, 12, 31).unwrap().add_days(1), None);
        for n in -1000..1000 {
            let x = d.add_days(n).unwrap();
            assert_eq!(x.days() - d.days(), n);
        }
    }
}
