//! Who said what: quotes with their speakers, and quantities with their sources.

use crate::TextRange;

/// How the words are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// The speaker's own words, between quotation marks or after a dialogue dash.
    Direct,
    /// Reported speech: "a déclaré que …", "said that …", "заявил, что …".
    Indirect,
}

impl QuoteKind {
    /// The contract's spelling: `direct`, `indirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// A quote: what was said, by whom, with which reporting words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The content: for a direct quote, inside the quotation marks.
    pub range: TextRange,
    /// Direct or reported.
    pub kind: QuoteKind,
    /// The mention of the speaker (a name, a pronoun, a description), when found.
    pub speaker: Option<TextRange>,
    /// The reporting words ("a-t-il déclaré", "said", "заявил"), when there are any.
    pub cue: Option<TextRange>,
}

/// A quantified claim: a quantity and the source it is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Index into [`crate::Document::quantities`].
    pub quantity: usize,
    /// The mention of the source ("Astana", "les médias russes", "МВД"); `None` when the
    /// article itself is the source.
    pub source: Option<TextRange>,
    /// The attribution words ("d'après", "selon", "по данным", "according to").
    pub cue: Option<TextRange>,
}
