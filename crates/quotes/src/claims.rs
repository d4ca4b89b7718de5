//! Quantified claims: each counted or measured quantity with the source its sentence gives.

use doc::{Claim, Quantity, QuantityKind, Quote, TextRange};

use crate::lexicon::{ACCORDING, THAT, VERB};
use crate::view::View;

/// Longest source phrase after an attribution phrase, in tokens.
const MAX_SOURCE_TOKENS: usize = 12;

/// How far from the quantity, in tokens, its attribution is looked for. Far longer than a
/// news sentence, and what keeps a text that is one endless "sentence" (a scraped page
/// without punctuation) linear: without it every quantity scanned the whole sentence.
const ATTRIBUTION_WINDOW: usize = 120;

/// One claim per cardinal quantity (ordinals rank, they do not claim): the speaker and
/// cue of the quote holding it; else an attribution phrase of its sentence ("selon X", "по
/// данным X", "according to X"); else a reporting verb before it in its sentence with its
/// subject ("Moscou affirme avoir perdu 6000 soldats"); else the article (`source: None`).
pub(crate) fn run(v: &View, quotes: &[Quote], quantities: &[Quantity]) -> Vec<Claim> {
    let mut out = Vec::new();
    for (index, q) in quantities.iter().enumerate() {
        if q.kind == QuantityKind::Ordinal {
            continue;
        }
        let (source, cue) = attribute(v, quotes, q.range);
        let source = source.filter(|s| !s.overlaps(q.range));
        out.push(Claim {
            quantity: index,
            source,
            cue: if source.is_some() { cue } else { None },
        });
    }
    out
}

fn attribute(v: &View, quotes: &[Quote], at: TextRange) -> (Option<TextRange>, Option<TextRange>) {
    let n = quotes.partition_point(|q| q.range.end() <= at.start());
    if let Some(q) = quotes.get(n)
        && q.range.contains_range(at)
        && q.speaker.is_some()
    {
        return (q.speaker, q.cue);
    }
    if v.len() == 0 || v.sents.is_empty() {
        return (None, None);
    }
    let first = v.first_at(at.start()).min(v.len() - 1);
    let sent = v.sent[first];
    let r = v.sents[sent];
    let (lo, hi) = (v.first_at(r.start()), v.end_before(r.end()));
    let (lo, hi) = (
        lo.max(first.saturating_sub(ATTRIBUTION_WINDOW)),
        hi.min(first + ATTRIBUTION_WINDOW),
    );
    // An attribution phrase anywhere in the sentence.
    let mut i = lo;
    while i < hi {
        if let Some(cue) = v.cue_at(i, ACCORDING).filter(|c| c.flags & ACCORDING != 0) {
            let mut end = cue.hi;
            while end < hi
                && end < cue.hi + MAX_SOURCE_TOKENS
                && v.is_word(end)
                && v.flags(end) & THAT == 0
                && !v.toks[end].range.overlaps(at)
            {
                end += 1;
            }
            if end > cue.hi {
                let source = v.range(cue.hi, end);
                return (
                    Some(v.resolve(source, &[])),
                    Some(v.range(cue.core.0, cue.core.1)),
                );
            }
        }
        i += 1;
    }
    // A reporting verb before the quantity, with its subject.
    let mut k = first.min(hi);
    while k > lo {
        k -= 1;
        if let Some(cue) = v.cue_at(k, VERB).filter(|c| c.core.0 == k)
            && let Some(m) = v.speaker_of(cue, r.start(), at.start())
        {
            return (Some(v.resolve(m, &[])), Some(v.cue_range(cue)));
        }
    }
    (None, None)
}
