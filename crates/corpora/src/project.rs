//! Gold standoff spans onto a tokenizer's tokens.

use std::ops::Range;

use crate::{TextDoc, TokenSpan};

/// Gold spans of a text projected onto token byte ranges (for training on standoff sets with
/// our own tokenizer): spans that do not start/end on token boundaries are widened to the
/// tokens they touch; returns the spans plus the number that had to be widened.
///
/// `tokens` are sorted, non-overlapping byte ranges into `doc.text`. A gold span that touches
/// no token (white space only) is dropped, and so is one that, once widened, would share a
/// token with the span before it ("Москва-Петербург" as one token with two gold places); both
/// are counted with the widened ones: the count is of the spans not reproduced exactly.
pub fn project(doc: &TextDoc, tokens: &[Range<usize>]) -> (Vec<TokenSpan>, usize) {
    let mut out: Vec<TokenSpan> = Vec::with_capacity(doc.spans.len());
    let mut inexact = 0;
    for span in &doc.spans {
        let start = tokens.partition_point(|t| t.end <= span.range.start);
        let end = tokens.partition_point(|t| t.start < span.range.end);
        if start >= end || out.last().is_some_and(|prev| prev.end > start) {
            inexact += 1;
            continue;
        }
        if tokens[start].start != span.range.start || tokens[end - 1].end != span.range.end {
            inexact += 1;
        }
        out.push(TokenSpan {
            start,
            end,
            label: span.label,
        });
    }
    (out, inexact)
}
