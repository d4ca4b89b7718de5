//! Small charts drawn on the server as SVG: no script, and they scale with the page.

use maud::{Markup, html};

/// Mentions per month as bars, every month between the first and the last shown (a month
/// with no mention is a gap, not skipped, so time reads evenly).
pub(super) fn months(counts: &[(String, u64)]) -> Markup {
    let months = fill_months(counts);
    if months.is_empty() {
        return html! { p.muted { "No dated mention." } };
    }
    let max = months.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let (width, height, top, bottom) = (640.0_f64, 160.0_f64, 12.0_f64, 24.0_f64);
    // Room on the left for the scale, on the right for the last month's label.
    let (left, right) = (28.0_f64, 24.0_f64);
    let slot = (width - left - right) / months.len() as f64;
    let bar = (slot * 0.8).max(1.0);
    let plot = height - top - bottom;
    // Label about eight months along the axis, whatever the span.
    let every = months.len().div_ceil(8).max(1);
    html! {
        svg.chart viewBox={ "0 0 " (width) " " (height) } role="img"
            aria-label={ "mentions per month, " (months.first().map_or("", |m| m.0.as_str())) " to " (months.last().map_or("", |m| m.0.as_str())) } {
            line.axis x1=(fmt(left)) y1=(fmt(height - bottom)) x2=(fmt(width - right)) y2=(fmt(height - bottom)) {}
            line.axis x1=(fmt(left)) y1=(fmt(top)) x2=(fmt(left)) y2=(fmt(height - bottom)) {}
            @for (i, (month, n)) in months.iter().enumerate() {
                @let h = plot * (*n as f64) / (max as f64);
                @let x = left + i as f64 * slot + (slot - bar) / 2.0;
                rect.bar x=(fmt(x)) y=(fmt(height - bottom - h)) width=(fmt(bar)) height=(fmt(h)) {
                    title { (month) ": " (n) }
                }
                @if i % every == 0 {
                    text.tick x=(fmt(left + i as f64 * slot + slot / 2.0)) y=(fmt(height - 6.0)) text-anchor="middle" { (month) }
                }
            }
            text.tick x=(fmt(left - 4.0)) y=(fmt(top + 8.0)) text-anchor="end" { (max) }
            text.tick x=(fmt(left - 4.0)) y=(fmt(height - bottom)) text-anchor="end" { "0" }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// `YYYY-MM` months from the first to the last given, with zeros where none; input that is
/// not a month is dropped, and a span beyond 50 years is shown as given.
fn fill_months(counts: &[(String, u64)]) -> Vec<(String, u64)> {
    let parse = |m: &str| -> Option<i64> {
        let (y, mo) = m.split_once('-')?;
        let (y, mo): (i64, i64) = (y.parse().ok()?, mo.parse().ok()?);
        (1..=12).contains(&mo).then_some(y * 12 + mo - 1)
    };
    let mut known: Vec<(i64, u64)> = counts
        .iter()
        .filter_map(|(m, n)| Some((parse(m)?, *n)))
        .collect();
    known.sort_unstable();
    let (Some(first), Some(last)) = (known.first(), known.last()) else {
        return Vec::new();
    };
    if last.0 - first.0 > 600 {
        return counts.to_vec();
    }
    (first.0..=last.0)
        .map(|k| {
            let n = known.iter().filter(|(m, _)| *m == k).map(|(_, n)| n).sum();
            (
                format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1),
                n,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_between_are_filled_with_zero() {
        let got = fill_months(&[("2024-11".into(), 2), ("2025-02".into(), 5)]);
        let names: Vec<&str> = got.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(names, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        assert_eq!(got[1].1, 0);
    }

    #[test]
    fn junk_months_are_dropped_not_panicking() {
        assert!(fill_months(&[("".into(), 1), ("2024-13".into(), 1)]).is_empty());
        assert!(months(&[]).into_string().contains("No dated mention"));
    }

    #[test]
    fn one_bar_per_month() {
        let svg = months(&[("2024-01".into(), 3), ("2024-03".into(), 1)]).into_string();
        assert_eq!(svg.matches("<rect").count(), 3);
    }
}
