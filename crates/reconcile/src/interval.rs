//! Values as the intervals their bounds allow.

use doc::Bound;

use crate::ClaimFact;

/// How far an exact figure may be from the truth: it is usually rounded.
pub const EXACT_TOLERANCE: f64 = 0.005;
/// How far an "about" figure may be from the truth.
pub const ABOUT_TOLERANCE: f64 = 0.10;

/// A closed interval; infinite ends for open bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower end (may be −∞).
    pub lo: f64,
    /// Upper end (may be +∞).
    pub hi: f64,
}

impl Interval {
    /// Whether the two intervals have a point in common.
    pub fn meets(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

/// The values a fact allows, in the reference unit when it has one: exact ±0.5 %, about
/// ±10 %, more than and at least [v, ∞), less than and at most (−∞, v], a range [v, max];
/// finite ends get the exact tolerance (the figure itself is rounded). A value that is not
/// finite allows everything (it conflicts with nothing).
pub fn interval(fact: &ClaimFact) -> Interval {
    let everything = Interval {
        lo: f64::NEG_INFINITY,
        hi: f64::INFINITY,
    };
    let v = reference(fact, fact.value);
    if !v.is_finite() {
        return everything;
    }
    let widen = |x: f64, t: f64| (x - t * x.abs(), x + t * x.abs());
    let (lo, hi) = widen(v, EXACT_TOLERANCE);
    match fact.bound {
        Bound::Exact => Interval { lo, hi },
        Bound::About => {
            let (lo, hi) = widen(v, ABOUT_TOLERANCE);
            Interval { lo, hi }
        }
        Bound::MoreThan | Bound::AtLeast => Interval {
            lo,
            hi: f64::INFINITY,
        },
        Bound::LessThan | Bound::AtMost => Interval {
            lo: f64::NEG_INFINITY,
            hi,
        },
        Bound::Range => {
            let max = fact
                .value_max
                .map(|m| reference(fact, m))
                .filter(|m| m.is_finite());
            match max {
                Some(m) => {
                    let (a, b) = (v.min(m), v.max(m));
                    Interval {
                        lo: widen(a, EXACT_TOLERANCE).0,
                        hi: widen(b, EXACT_TOLERANCE).1,
                    }
                }
                None => Interval { lo, hi },
            }
        }
    }
}

/// `x`, a value in the fact's written unit, in its reference unit: the fact's own `si`
/// gives the factor (temperatures in °F and K by their formulas).
fn reference(fact: &ClaimFact, x: f64) -> f64 {
    let Some(si) = &fact.si else {
        return x;
    };
    if x == fact.value {
        return si.value;
    }
    match fact.unit.as_deref() {
        Some("F") if si.unit == "C" => (x - 32.0) * 5.0 / 9.0,
        Some("K") if si.unit == "C" => x - 273.15,
        _ if fact.value != 0.0 => x * (si.value / fact.value),
        _ => x,
    }
}
