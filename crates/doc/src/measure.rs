//! The layers of figures and dates: [`Quantity`] and [`TimeExpr`].
//!
//! One span has one owner: the times layer is computed first and owns dates, clock times,
//! years and durations of time ("six mois"); the quantities layer skips whatever the times
//! layer holds.

use crate::TextRange;

/// How a figure relates to the value it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    /// "3 600 soldats".
    Exact,
    /// "près de", "environ", "около", "nearly", "some".
    About,
    /// "plus de", "более", "over".
    MoreThan,
    /// "moins de", "менее", "under".
    LessThan,
    /// "au moins", "не менее", "at least".
    AtLeast,
    /// "au plus", "jusqu'à", "не более", "at most", "up to".
    AtMost,
    /// "entre 3 et 5", "от 3 до 5", "3–5": `value` is the lower end, `value_max` the upper.
    Range,
}

impl Bound {
    /// The contract's name (`exact`, `about`, `more_than`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::About => "about",
            Bound::MoreThan => "more_than",
            Bound::LessThan => "less_than",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Range => "range",
        }
    }
}

/// Whether a figure counts or ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    /// A count or a measure: "3 600", "1,5 million", "un tiers", "40 %".
    Cardinal,
    /// A rank: "1er", "third", "двадцать пятый".
    Ordinal,
}

/// A value in the reference unit of its dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct SiValue {
    /// The value, finite.
    pub value: f64,
    /// The reference unit's code (`km`, `kg`, `m2`, `l`, `km/h`, `C`, `s`, ...).
    pub unit: String,
}

/// What a count applies to: "100 000 Russes" → `Russes`, lemma `russe`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    /// The head noun (phrase) in the text.
    pub range: TextRange,
    /// A normalised form to compare counts across documents (lower case, singular).
    pub lemma: String,
}

/// A number or a measure found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The whole expression, bound words and unit included ("près de 100 000").
    pub range: TextRange,
    /// Cardinal or ordinal.
    pub kind: QuantityKind,
    /// The value (the lower end of a range), finite.
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// Exact, about, more than, ...
    pub bound: Bound,
    /// A short unit code as written (`km`, `mi`, `kg`, `percent`, `EUR`, `USD`, `RUB`, ...).
    pub unit: Option<String>,
    /// The value converted to the reference unit of the dimension (currencies keep their code).
    pub si: Option<SiValue>,
    /// What is counted, for a bare count.
    pub counted: Option<Counted>,
}

/// What a time expression denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// A calendar date or a coarser period ("le 23 avril", "en 2022", "la semaine dernière").
    Date,
    /// A clock time ("à 15 h 30").
    Time,
    /// A date with a time ("jeudi soir", "le 3 mai à 10 heures").
    DateTime,
    /// A length of time ("six mois", "P6M").
    Duration,
    /// A recurrence ("chaque lundi").
    Set,
    /// From one point to another ("du 2 au 5 janvier").
    Range,
}

impl TimeKind {
    /// The contract's name (`date`, `time`, `datetime`, `duration`, `set`, `range`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimeKind::Date => "date",
            TimeKind::Time => "time",
            TimeKind::DateTime => "datetime",
            TimeKind::Duration => "duration",
            TimeKind::Set => "set",
            TimeKind::Range => "range",
        }
    }
}

/// A time expression, resolved as far as the text and the publication date allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// The expression in the text.
    pub range: TextRange,
    /// Date, time, duration, ...
    pub kind: TimeKind,
    /// ISO 8601 / TIMEX3 value: `2022-04-23`, `2022-09`, `XXXX-04-23`, `2022-W38`,
    /// `2024-05-09TEV`, `P6M`, `PAST_REF` for a vague reference, `START/END` for a range.
    pub value: String,
    /// Whether a relative expression was resolved against a known date (publication date or a
    /// date fixed earlier in the text); absolute expressions are anchored.
    pub anchored: bool,
    /// TIMEX3 `mod` (`START`, `MID`, `END`, `BEFORE`, `AFTER`, `APPROX`, ...).
    pub modifier: Option<&'static str>,
}
