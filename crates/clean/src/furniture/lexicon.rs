//! The furniture lexicon: phrases compiled into one automaton, matched with their anchors.

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Reason, SHORT_LINE_WORDS};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Whole,
    Start,
    Anywhere,
}

/// The compiled lexicon.
pub struct Lexicon {
    automaton: AhoCorasick,
    patterns: Vec<(Reason, Anchor, usize)>,
}

pub(super) const LEXICON: &str = include_str!("../../data/furniture.txt");

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

impl Lexicon {
    /// Compiles `data/furniture.txt`.
    pub fn new() -> Lexicon {
        let mut reason = None;
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for line in LEXICON.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                reason = Reason::from_section(section);
                continue;
            }
            let Some(reason) = reason else { continue };
            let (anchor, phrase) = match line.as_bytes()[0] {
                b'=' => (Anchor::Whole, &line[1..]),
                b'^' => (Anchor::Start, &line[1..]),
                _ => (Anchor::Anywhere, line),
            };
            let phrase = fold(phrase);
            patterns.push((reason, anchor, phrase.len()));
            phrases.push(phrase);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .expect("the furniture lexicon compiles");
        Lexicon {
            automaton,
            patterns,
        }
    }

    /// The reason a phrase of the lexicon gives for `folded` (a line passed through [`fold`]),
    /// considering anchors and the line's length in words.
    pub(super) fn matches(
        &self,
        folded: &str,
        n_words: usize,
        at_edge: bool,
    ) -> Option<(Reason, Anchor)> {
        let core =
            folded.trim_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(' && c != ')');
        let core_start = folded.len()
            - folded
                .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(')
                .len();
        let mut best: Option<(Reason, Anchor)> = None;
        // Where the ninth word starts: a long plea must state its point before.
        let ninth_word = folded
            .match_indices(' ')
            .nth(7)
            .map_or(folded.len(), |(i, _)| i);
        for m in self.automaton.find_overlapping_iter(folded) {
            let (reason, anchor, len) = self.patterns[m.pattern().as_usize()];
            let at_word_start = m.start() == 0
                || !folded[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let pattern_ends_in_word = folded[..m.end()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let at_word_end = !pattern_ends_in_word
                || !folded[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let hit = match anchor {
                Anchor::Whole => m.start() == core_start && len == core.len(),
                Anchor::Start => m.start() <= core_start && at_word_end,
                Anchor::Anywhere => {
                    let plea = matches!(
                        reason,
                        Reason::Newsletter
                            | Reason::Cookie
                            | Reason::Share
                            | Reason::Dateline
                            | Reason::Byline
                            | Reason::Credit
                    );
                    let short = n_words <= if plea { SHORT_LINE_WORDS } else { 6 };
                    // A plea at the edge of the page may be long, but starts with its point.
                    let long_plea = at_edge
                        && matches!(reason, Reason::Newsletter | Reason::Cookie)
                        && n_words <= 40
                        && m.start() <= ninth_word;
                    (short || long_plea) && at_word_start && at_word_end
                }
            };
            if hit {
                // A whole-line or anchored match is stronger than a phrase inside.
                let rank = |a: Anchor| match a {
                    Anchor::Whole => 0,
                    Anchor::Start => 1,
                    Anchor::Anywhere => 2,
                };
                if best.is_none_or(|(_, a)| rank(anchor) < rank(a)) {
                    best = Some((reason, anchor));
                }
            }
        }
        best
    }
}

/// Lower-cases and folds runs of white space (any kind) to one space; apostrophes to `’`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        let c = if c == '\'' { '’' } else { c };
        out.extend(c.to_lowercase());
    }
    out
}
