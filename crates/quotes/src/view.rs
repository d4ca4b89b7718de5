//! The document as the rules read it: normalised tokens with their sentence, lexicon
//! lookups, cues, speaker phrases and pronoun resolution.

use doc::{Entity, EntityLabel, LangCode, TextRange, Token, TokenKind};

use crate::cuemodel;
use crate::lexicon::{
    self, ARTICLE, AUX, BARE, CLAUSE, COORD, DET, LEARNED, Lexicon, MAX_PHRASE_TOKENS, PREFIX,
    PRONOUN, RAISING, RELATIVE, SOURCE, STOP, TELL, THAT, TIME, VERB, WEAK,
};

/// Words that are never names, even capitalised.
const FUNCTION: u32 = PRONOUN | STOP | AUX | TIME | CLAUSE | THAT | VERB;

/// Longest speaker phrase, in tokens.
const MAX_SPEAKER_TOKENS: usize = 10;
/// Longest apposition after a speaker's head ("Paul Begala, a former political adviser to
/// Mr. Clinton and a friend of the couple's, said"), in tokens.
const MAX_APPOSITION_TOKENS: usize = 24;
/// How far back (in tokens) a pronoun looks for its antecedent.
const RESOLVE_WINDOW: usize = 120;

/// Words read back from "to" before a cue to the governing verb's subject.
const TO_WINDOW: usize = 6;

/// The normalised form of each token ([`lexicon::normalize`]), all in one string: `norm[i]`
/// is token `i`'s.
pub(crate) struct Norms {
    text: String,
    /// Where each form starts, and the end of the last.
    bounds: Vec<usize>,
}

impl std::ops::Index<usize> for Norms {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        &self.text[self.bounds[i]..self.bounds[i + 1]]
    }
}

pub(crate) struct View<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub norm: Norms,
    /// The lexicon's raw flags of each token's normalised form ([`Lexicon::raw`]).
    raw: Vec<u32>,
    /// Sentence index of each token.
    pub sent: Vec<usize>,
    pub sents: &'a [TextRange],
    pub lex: &'static Lexicon,
    /// Whether the text is declared English: some readings of word forms hold for English
    /// only.
    pub english: bool,
    pub entities: Option<&'a [Entity]>,
    /// Byte offsets of the paragraph breaks (a run of line breaks counts once).
    pub newlines: Vec<usize>,
    /// The cue classifier's score of each token (English only, after [`View::scored`];
    /// NaN for tokens that are not candidates); empty without a classifier.
    pub cue_score: Vec<f32>,
    /// The spans between paired quotation marks, sorted (set by the quote detection): a
    /// clause's subject is never read inside them.
    pub quoted: Vec<TextRange>,
}

/// Longest inverted subject after a determiner with no capitalised word ("said the
/// company's chief executive"), in tokens.
const INVERTED_PLAIN_WORDS: usize = 4;

/// A word no lexicon has is a cue when the classifier scores it above this (tuned on
/// PolNeAR train: a model trained on half of the articles, the detection measured on the
/// other half; lower gains recall and loses as much precision).
const NEW_CUE_THRESHOLD: f32 = -2.0;

/// Where paragraphs break: the first line break of each run of line breaks (and the white
/// space between them).
fn paragraph_breaks(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_break = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'\n' if !in_break => {
                out.push(i);
                in_break = true;
            }
            b'\n' | b' ' | b'\t' | b'\r' => {}
            _ => in_break = false,
        }
    }
    out
}

/// A cue: token range `[lo, hi)` and its flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub lo: usize,
    pub hi: usize,
    /// Where the core phrase (the verb or the "according to" words) starts and ends.
    pub core: (usize, usize),
    pub flags: u32,
}

impl<'a> View<'a> {
    pub fn new(
        text: &'a str,
        lang: Option<LangCode>,
        toks: &'a [Token],
        sents: &'a [TextRange],
        entities: Option<&'a [Entity]>,
    ) -> View<'a> {
        let mut norm = Norms {
            text: String::with_capacity(text.len()),
            bounds: Vec::with_capacity(toks.len() + 1),
        };
        norm.bounds.push(0);
        for t in toks {
            let raw = text.get(t.range.start()..t.range.end()).unwrap_or("");
            lexicon::normalize_into(raw, &mut norm.text);
            norm.bounds.push(norm.text.len());
        }
        let lex = lexicon::for_lang(lang);
        let english = lang == Some(LangCode::EN);
        let raw = (0..toks.len()).map(|i| lex.raw(&norm[i])).collect();
        let mut sent = Vec::with_capacity(toks.len());
        let mut s = 0;
        for t in toks {
            while s + 1 < sents.len() && sents[s].end() <= t.range.start() {
                s += 1;
            }
            sent.push(s);
        }
        View {
            text,
            toks,
            norm,
            raw,
            sent,
            sents,
            lex,
            english,
            entities,
            newlines: paragraph_breaks(text),
            cue_score: Vec::new(),
            quoted: Vec::new(),
        }
    }

    /// The view with the cue classifier's scores, for English.
    pub fn scored(mut self, lang: Option<LangCode>) -> View<'a> {
        if lang == Some(LangCode::EN) {
            self.cue_score = cuemodel::scores(&self, cuemodel::english());
        }
        self
    }

    /// The paragraph holding `byte` (blank lines between paragraphs do not count).
    pub fn line_of(&self, byte: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < byte)
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn slice(&self, r: TextRange) -> &'a str {
        self.text.get(r.start()..r.end()).unwrap_or("")
    }

    pub fn tok_text(&self, i: usize) -> &'a str {
        self.slice(self.toks[i].range)
    }

    /// First token starting at or after `byte`.
    pub fn first_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.range.start() < byte)
    }

    /// Number of tokens ending at or before `byte` (so the last such is this minus one).
    pub fn end_before(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.range.end() <= byte)
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, TokenKind::Word | TokenKind::Number)
    }

    pub fn is_punct(&self, i: usize) -> bool {
        !self.is_word(i)
    }

    pub fn flags(&self, i: usize) -> u32 {
        self.raw[i] & !PREFIX
    }

    /// The longest lexicon phrase starting at token `i` with one of `want`'s flags: its end
    /// token (exclusive) and flags. Tokens of a phrase are separated by white space at most.
    pub fn phrase_at(&self, i: usize, want: u32) -> Option<(usize, u32)> {
        let mut key = String::new();
        let mut best = None;
        // The raw flags of the key so far; without PREFIX no longer key matches, so only
        // tokens adding nothing to the key (normalised to nothing) may follow.
        let mut f = 0;
        for j in i..(i + MAX_PHRASE_TOKENS).min(self.len()) {
            if j > i {
                let gap = self
                    .text
                    .get(self.toks[j - 1].range.end()..self.toks[j].range.start())
                    .unwrap_or("x");
                if !gap.chars().all(char::is_whitespace) || gap.len() > 3 {
                    break;
                }
            }
            if j == i {
                f = self.raw[i];
            } else if !self.norm[j].is_empty() {
                if f & PREFIX == 0 {
                    break;
                }
                if key.is_empty() {
                    key.push_str(&self.norm[i]);
                }
                key.push_str(&self.norm[j]);
                f = self.lex.raw(&key);
            }
            if f & want != 0 {
                best = Some((j + 1, f & !PREFIX));
            }
        }
        best
    }

    /// Whether token `i` is an inverted subject pronoun glued to a verb ("-t-il", "-elle").
    pub fn inverted_pronoun(&self, i: usize) -> bool {
        let raw = self.tok_text(i);
        if !raw.starts_with('-') {
            return false;
        }
        let n = &self.norm[i];
        let bare = n.strip_prefix("t-").unwrap_or(n);
        self.lex.flags(bare) & PRONOUN != 0
    }

    /// The byte range of the pronoun inside an inverted token ("il" in "-t-il").
    pub fn inverted_range(&self, i: usize) -> TextRange {
        let r = self.toks[i].range;
        let raw = self.tok_text(i);
        let skip = if raw.starts_with("-t-") { 3 } else { 1 };
        TextRange::new(r.start() + skip.min(r.len().saturating_sub(1)), r.end())
    }

    /// A cue whose core starts at token `i`: a verb or an attribution phrase, extended
    /// left over auxiliaries and adverbs ("a déclaré", "has also said") and inverted
    /// pronouns ("a-t-il déclaré"), right over inverted pronouns ("raconte-t-il").
    pub fn cue_at(&self, i: usize, want: u32) -> Option<Cue> {
        let score = self.cue_score.get(i).copied().filter(|s| !s.is_nan());
        let (end, flags) = match (self.phrase_at(i, want), score) {
            (Some((end, flags)), _) => {
                if end == i + 1
                    && (flags & WEAK != 0 && self.weak_blocked(i)
                        || self.name_part(i)
                        || flags & VERB != 0 && flags & WEAK == 0 && self.modified_noun(i)
                        || flags & VERB != 0 && self.base_after_modifier(i))
                {
                    return None;
                }
                (end, flags)
            }
            // A word no lexicon has that the classifier takes for a cue, unless a verb of
            // the lexicons before it holds it ("said of the plan").
            (None, Some(s))
                if want & VERB != 0
                    && s > NEW_CUE_THRESHOLD
                    && !self.name_part(i)
                    && !self.after_cue_verb(i) =>
            {
                (i + 1, VERB | BARE | LEARNED | self.flags(i))
            }
            (None, _) => return None,
        };
        let mut lo = i;
        let mut steps = 0;
        while lo > 0 && steps < 3 {
            let k = lo - 1;
            if self.sent[k] != self.sent[i] {
                break;
            }
            if self.flags(k) & AUX != 0 || self.inverted_pronoun(k) {
                lo = k;
                steps += 1;
            } else {
                break;
            }
        }
        // An auxiliary must be followed, at the start, by something it belongs to.
        while lo < i && self.flags(lo) & AUX == 0 && !self.inverted_pronoun(lo) {
            lo += 1;
        }
        let mut hi = end;
        if hi < self.len() && self.inverted_pronoun(hi) {
            hi += 1;
        }
        Some(Cue {
            lo,
            hi,
            core: (i, end),
            flags,
        })
    }

    /// Whether token `i` follows a reporting verb of the lexicons in its sentence ("said
    /// of the plan"): a word the classifier takes for a cue there is that verb's.
    fn after_cue_verb(&self, i: usize) -> bool {
        i > 0
            && self.sent[i - 1] == self.sent[i]
            && self.flags(i - 1) & VERB != 0
            && self.flags(i - 1) & WEAK == 0
    }

    /// Whether a learned cue form at `i` reads as a noun or a name here: after a
    /// determiner, or capitalised inside its sentence.
    fn weak_blocked(&self, i: usize) -> bool {
        let opens = i == 0 || self.sent[i - 1] != self.sent[i];
        i > 0 && self.flags(i - 1) & DET != 0 || !opens && self.capitalised(i)
    }

    /// Whether the word at `i` is a noun here: after a determiner or a possessive ("the
    /// report says", "his show", "Trump's tweet"), maybe with capitalised words between ("a
    /// New York Times report").
    pub fn noun_use(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0
            && self.sent[j - 1] == self.sent[i]
            && self.is_word(j - 1)
            && self.capitalised(j - 1)
            && self.flags(j - 1) & (DET | PRONOUN) == 0
            && !self.norm[j - 1].ends_with("'s")
            && i - j < 4
        {
            j -= 1;
        }
        if j == 0 || self.sent[j - 1] != self.sent[i] {
            return false;
        }
        let n = &self.norm[j - 1];
        self.flags(j - 1) & DET != 0 || self.possessive_determiner(j - 1) || n.ends_with("'s")
    }

    /// Whether a one-word verb form of the hand-written lists reads as a noun here: right
    /// after a determiner or a possessive ("the attack", "Editor's note", "the state"), a
    /// noun is a cue only with a complement that reports something ("his attacks on
    /// Clinton", "her claim that", "his promise to"); a participle there is an adjective
    /// ("the proposed rule", "the reported deal"). PolNeAR marks such complemented nouns
    /// as cues, so they are kept.
    fn modified_noun(&self, i: usize) -> bool {
        if i == 0 || self.sent[i - 1] != self.sent[i] || !self.is_word(i - 1) {
            return false;
        }
        let n = &self.norm[i - 1];
        let det =
            self.flags(i - 1) & DET != 0 || self.possessive_determiner(i - 1) || n.ends_with("'s");
        if !det {
            return false;
        }
        let w = &self.norm[i];
        // "her" is also an object: a past form after it is a verb ("…, a person close to
        // her said.").
        if n == "her"
            && (w.ends_with("ed")
                || matches!(w, "said" | "told" | "wrote" | "thought" | "felt" | "knew"))
        {
            return false;
        }
        let complement = i + 1 < self.len()
            && self.sent[i + 1] == self.sent[i]
            && (self.flags(i + 1) & THAT != 0
                || matches!(
                    self.norm[i + 1].as_ref(),
                    "to" | "on" | "against" | "for" | "about" | "of" | "over"
                ));
        // "that" followed by a verb opens a relative clause on the noun, not its content
        // ("the state that helped revive her campaign", "a state that is 95 percent white").
        let relative = i + 2 < self.len()
            && self.sent[i + 2] == self.sent[i]
            && self.flags(i + 1) & RELATIVE != 0
            && (self.flags(i + 2) & AUX != 0
                || self.is_word(i + 2)
                    && !self.capitalised(i + 2)
                    && self.flags(i + 2) & (DET | PRONOUN | CLAUSE | STOP) == 0
                    && (self.norm[i + 2].ends_with("ed") || self.norm[i + 2].ends_with('s')));
        w.ends_with("ed") || w.ends_with("ing") || !complement || relative
    }

    /// Whether the verb form at `i` is a base form ("attack", "call": the lexicon has it
    /// with an "-s") right after a word that cannot be its subject nor govern it: a
    /// singular word (not ending in "s") that is no pronoun, auxiliary, modal, "to",
    /// function word or "-ly" adverb. A base form is no finite verb after a singular
    /// subject ("the senator attacks"), so there it is a noun after its modifier ("a
    /// terrorist attack in", "a conference call with", "a huge challenge.") when what
    /// follows does not open its complement or clause. Tuned on PolNeAR train: the same
    /// reading of an "-s" form after a lower-case word ("personal attacks from") lost
    /// more cues than it saved.
    fn base_after_modifier(&self, i: usize) -> bool {
        if !self.english || i == 0 || self.sent[i - 1] != self.sent[i] || !self.is_word(i - 1) {
            return false;
        }
        let w = &self.norm[i];
        if w.ends_with("ed") || w.ends_with("ing") || w.ends_with('s') {
            return false;
        }
        // "attack" is a base form when the lexicon has "attacks" (spelt in a stack buffer:
        // this runs for every candidate cue).
        let mut buf = [0u8; 32];
        if w.len() + 1 > buf.len() {
            return false;
        }
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[w.len()] = b's';
        let third = std::str::from_utf8(&buf[..=w.len()]).unwrap_or("");
        if self.lex.flags(third) & VERB == 0 {
            return false;
        }
        // What follows tells the noun: punctuation, the end, a preposition of place or
        // time, or a verb ("a terrorist attack in Paris", "the Orlando attack was"); a
        // complement that reports ("a clarion call for", "an attack on") or a clause keeps
        // the cue.
        let noun_next = i + 1 >= self.len()
            || self.sent[i + 1] != self.sent[i]
            || self.is_punct(i + 1) && self.tok_text(i + 1) != ":"
            || matches!(
                &self.norm[i + 1],
                "in" | "at"
                    | "with"
                    | "from"
                    | "during"
                    | "after"
                    | "before"
                    | "since"
                    | "by"
                    | "into"
                    | "among"
                    | "between"
                    | "near"
                    | "outside"
                    | "inside"
            )
            || self.flags(i + 1) & AUX != 0 && self.flags(i + 1) & CLAUSE != 0;
        if !noun_next {
            return false;
        }
        let p = &self.norm[i - 1];
        let opens = i - 1 == 0 || self.sent[i - 2] != self.sent[i];
        !opens
            && !p.ends_with('s')
            && !p.ends_with('\'')
            && !p.ends_with("ly")
            && !p.ends_with("n't")
            && !p.ends_with("'d")
            && !p.ends_with("'ll")
            && !matches!(self.toks[i - 1].kind, TokenKind::Number)
            && !matches!(
                p,
                "to" | "may"
                    | "might"
                    | "must"
                    | "shall"
                    | "i"
                    | "we"
                    | "you"
                    | "now"
                    | "just"
                    | "many"
                    | "some"
                    | "few"
                    | "several"
                    | "all"
                    | "both"
                    | "most"
                    | "two"
                    | "three"
                    | "four"
            )
            && self.flags(i - 1)
                & (PRONOUN | AUX | STOP | CLAUSE | TIME | RELATIVE | THAT | COORD | DET | VERB)
                == 0
    }

    /// Whether token `i` ends a name rather than being a verb: capitalised inside its
    /// sentence after a capitalised word, and not followed by one ("the Washington Post
    /// reported", "the United States", but the headline "Trump Says He …").
    fn name_part(&self, i: usize) -> bool {
        i > 0
            && self.sent[i - 1] == self.sent[i]
            && self.is_word(i - 1)
            && self.capitalised(i - 1)
            && self.capitalised(i)
            && !(i + 1 < self.len()
                && self.sent[i + 1] == self.sent[i]
                && self.is_word(i + 1)
                && self.capitalised(i + 1))
    }

    /// The byte range of tokens `[lo, hi)`.
    pub fn range(&self, lo: usize, hi: usize) -> TextRange {
        TextRange::new(self.toks[lo].range.start(), self.toks[hi - 1].range.end())
    }

    /// The cue's byte range.
    pub fn cue_range(&self, c: Cue) -> TextRange {
        self.range(c.lo, c.hi)
    }

    /// Whether byte range `r` lies inside quotation marks.
    fn is_quoted(&self, r: TextRange) -> bool {
        let n = self.quoted.partition_point(|q| q.end() <= r.start());
        self.quoted
            .get(n)
            .is_some_and(|q| q.start() <= r.start() && r.end() <= q.end())
    }

    /// Whether token `i` opens with a capital letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.tok_text(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// The speaker phrase written next to a cue: an inverted pronoun in the cue; else the
    /// phrase right before the cue; else (when the cue follows punctuation or opens the
    /// region) the phrase right after it. Only tokens within `[lo_byte, hi_byte)` are read.
    pub fn speaker_of(&self, cue: Cue, lo_byte: usize, hi_byte: usize) -> Option<TextRange> {
        let r = self.speaker_phrase(cue, lo_byte, hi_byte)?;
        let (lo, hi) = (self.first_at(r.start()), self.end_before(r.end()));
        // A document verbs put out is no speaker; whoever put it out is ("Black Lives
        // Matter issued a statement saying …", "The union drafted a statement saying …"): a
        // determiner and a source noun right before the cue, after a verb, leave the phrase
        // before that verb.
        if hi >= lo + 2 {
            let d = hi - 2;
            let verb = d.checked_sub(1).filter(|&k| {
                self.sent[k] == self.sent[d]
                    && self.is_word(k)
                    && !self.capitalised(k)
                    && self.flags(k) & (STOP | DET | PRONOUN | RELATIVE | THAT | COORD) == 0
                    && &self.norm[k] != "of"
            });
            if self.flags(d) & DET != 0
                && self.flags(d + 1) & SOURCE != 0
                && let Some(k) = verb
            {
                return if k > lo {
                    Some(self.range(lo, k)).filter(|&s| self.substantive(s))
                } else {
                    self.phrase_before(k, lo_byte)
                        .filter(|&s| self.substantive(s))
                };
            }
        }
        Some(r)
    }

    /// Whether phrase `r` holds a word that can name someone: a pronoun, or a word that is
    /// not a determiner, function word or lower-case verb ("the", "by", "be" alone are not
    /// speakers).
    fn substantive(&self, r: TextRange) -> bool {
        let (lo, hi) = (self.first_at(r.start()), self.end_before(r.end()));
        if lo >= hi {
            return true;
        }
        // A noun that is also a verb heads a phrase opened by a determiner or a capitalised
        // word ("the statement said", "One tweet said").
        let head_ok = hi > lo + 1 && (self.flags(lo) & DET != 0 || self.capitalised(lo));
        (lo..hi).any(|j| {
            let f = self.flags(j);
            self.is_word(j)
                && (f & (PRONOUN | RELATIVE) != 0
                    || f & (DET | STOP | AUX | TIME | THAT) == 0
                        && (f & VERB == 0 || self.capitalised(j) || head_ok && j + 1 == hi))
        })
    }

    fn speaker_phrase(&self, cue: Cue, lo_byte: usize, hi_byte: usize) -> Option<TextRange> {
        if let Some(k) = (cue.lo..cue.hi).find(|&k| self.inverted_pronoun(k)) {
            return Some(self.inverted_range(k));
        }
        // A passive cue ("was declared the winner", "has been criticized by …"): its
        // subject is what is spoken of; the agent after "by" is the speaker.
        // A raising verb's subject is no speaker ("it seemed"), nor is anything before
        // a noun cue after an article ("including a call for …", "both a look back").
        if cue.flags & RAISING != 0 || cue.lo > 0 && self.flags(cue.lo - 1) & ARTICLE != 0 {
            return None;
        }
        if self.passive(cue) {
            let mut j = cue.hi;
            while j < self.len() && self.is_word(j) && self.flags(j) & TIME != 0 {
                j += 1;
            }
            if j < self.len() && &self.norm[j] == "by" && self.in_bounds(j, lo_byte, hi_byte) {
                return self
                    .phrase_after(j + 1, hi_byte)
                    .filter(|&r| self.substantive(r));
            }
            return None;
        }
        // A verb governed by another through "to" ("He continues to insist", "he went on
        // to say"): the subject before the governing words, a pronoun or a name.
        if cue.lo > 0 && &self.norm[cue.lo - 1] == "to" {
            let floor = (cue.lo - 1).saturating_sub(TO_WINDOW);
            let mut k = cue.lo - 1;
            while k > floor
                && self.sent[k - 1] == self.sent[cue.lo]
                && self.is_word(k - 1)
                && !self.capitalised(k - 1)
                && self.flags(k - 1) & (PRONOUN | DET) == 0
            {
                k -= 1;
            }
            if k > 0
                && self.sent[k - 1] == self.sent[cue.lo]
                && (self.flags(k - 1) & PRONOUN != 0 || self.capitalised(k - 1))
                && let Some(r) = self
                    .phrase_before(k, lo_byte)
                    .filter(|&r| self.substantive(r))
            {
                return Some(r);
            }
        }
        if cue.flags & VERB != 0 || cue.core.0 != cue.lo {
            if let Some(r) = self.sentence_subject(cue).filter(|&r| self.substantive(r)) {
                return Some(r);
            }
            if let Some(r) = self
                .phrase_before(cue.lo, lo_byte)
                .filter(|&r| self.substantive(r))
            {
                return Some(r);
            }
            if let Some(r) = self.apposition_before(cue.lo, lo_byte) {
                return Some(r);
            }
        }
        // After the verb only when nothing of the clause comes before it ("said Caddell",
        // "», a déclaré le ministre", "— сказал он"): otherwise that is the verb's object.
        let opens = cue.lo == 0
            || self.toks[cue.lo - 1].range.end() <= lo_byte
            || self.is_punct(cue.lo - 1)
            || cue.flags & VERB == 0;
        if !opens {
            return None;
        }
        let after = self
            .phrase_after(cue.hi, hi_byte)
            .filter(|&r| self.substantive(r));
        // After a comma closing a parenthetical, an inverted subject must look like one
        // (a pronoun alone, a name, a determiner and its noun, then punctuation or a
        // preposition); else the subject opens the sentence before the parenthetical
        // ("Pete Seat, an Indiana GOP consultant whose firm …, said he would be").
        // A quotation closing after its comma ends a parenthetical too ("Mr. Manafort,
        // citing “the unique magic of Trump,” said").
        let delimiter = cue.lo.checked_sub(1).and_then(|d| {
            if matches!(self.tok_text(d), "," | "—" | "–") {
                Some(d)
            } else {
                // The mark may be two tokens ('').
                let mut k = d;
                while k > 0 && d - k < 2 && self.closing_mark(k) {
                    k -= 1;
                }
                (k < d && self.tok_text(k) == ",").then_some(k)
            }
        });
        if let Some(d) = delimiter {
            let inverted = after.filter(|&r| cue.flags & TELL == 0 && self.inverted_subject(r));
            if inverted.is_some() {
                return inverted;
            }
            if let Some(r) = self.subject_before_parenthetical(d, lo_byte) {
                return Some(r);
            }
        }
        after
    }

    /// Whether the cue is an English passive: a form of "be" before a core that is not a
    /// present participle, with no present participle after it ("was quoted as saying").
    pub fn passive(&self, cue: Cue) -> bool {
        (cue.lo..cue.core.0).any(|j| {
            matches!(
                &self.norm[j],
                "is" | "are" | "was" | "were" | "been" | "being" | "be"
            )
        }) && (cue.core.0..cue.hi).all(|j| !self.norm[j].ends_with("ing"))
    }

    /// Whether phrase `r` after a verb reads as its inverted subject: a pronoun alone, or
    /// capitalised words (after a determiner), with no clause word, and followed by
    /// punctuation, a stop or time word or the end.
    fn inverted_subject(&self, r: TextRange) -> bool {
        let (lo, hi) = (self.first_at(r.start()), self.end_before(r.end()));
        if lo >= hi {
            return false;
        }
        // A possessive after the phrase makes it a determiner of the verb's clause ("said
        // Trump's nomination will …"), not its subject.
        let possessive = hi < self.len() && matches!(self.norm[hi].as_ref(), "'s" | "'");
        let next_ok = hi >= self.len()
            || self.sent[hi] != self.sent[lo]
            || !possessive && !self.is_word(hi)
            || self.flags(hi) & (STOP | TIME) != 0;
        if !next_ok {
            return false;
        }
        if self.flags(lo) & PRONOUN != 0 {
            return hi == lo + 1;
        }
        let start = if self.flags(lo) & DET != 0 {
            lo + 1
        } else {
            lo
        };
        // After a determiner, a long run of lower-case words is the verb's clause, not its
        // subject ("Donna Sampson Rawlings, 59, …, who watched …, said the event brought
        // back memories of her father"): an inverted subject of more than
        // `INVERTED_PLAIN_WORDS` words names someone with a capital ("said the Florida
        // senator and Republican presidential candidate").
        let plain_run = hi - start > INVERTED_PLAIN_WORDS
            && (start..hi).all(|j| !self.is_word(j) || !self.capitalised(j));
        (lo..hi).all(|j| self.flags(j) & (AUX | CLAUSE) == 0)
            && (start == lo && (lo..hi).all(|j| !self.is_word(j) || self.capitalised(j))
                || start > lo && start < hi && !plain_run)
    }

    /// The subject opening the sentence before a parenthetical that ends with the
    /// delimiter at `close` ("Powell's office, when contacted by Reuters, said"): a noun
    /// phrase from the sentence's first token to its first comma or dash, with the noun
    /// appositions after it ("Sen. Marco Rubio, R-Fla., appearing on …, said").
    fn subject_before_parenthetical(&self, close: usize, lo_byte: usize) -> Option<TextRange> {
        let sent = self.sent[close];
        let mut s0 = self.first_at(self.sents[sent].start().max(lo_byte));
        // A quotation mark opening the sentence is not part of the subject.
        while s0 < close && !self.is_word(s0) {
            s0 += 1;
        }
        if s0 >= close || close - s0 > 2 * MAX_APPOSITION_TOKENS {
            return None;
        }
        let is_delim = |j: usize| matches!(self.tok_text(j), "," | "—" | "–");
        let first = (s0..close).find(|&j| is_delim(j))?;
        if first == close {
            return None;
        }
        let head = self.phrase_before(first, lo_byte)?;
        if self.first_at(head.start()) != s0 || !self.substantive(head) {
            return None;
        }
        let nominal = |a: usize, b: usize| {
            a < b
                && self.flags(a) & (STOP | RELATIVE) == 0
                && !(self.norm[a].ends_with("ing") || self.norm[a].ends_with("ed"))
                && (a..b).all(|j| self.flags(j) & (CLAUSE | VERB | PRONOUN | AUX) == 0)
        };
        if !(s0..first).all(|j| self.flags(j) & (CLAUSE | VERB | AUX) == 0 || j == s0) {
            return None;
        }
        let mut end = first;
        let mut seg = first + 1;
        while seg < close {
            let next = (seg..=close).find(|&j| is_delim(j)).unwrap_or(close);
            if !nominal(seg, next) {
                break;
            }
            end = next;
            seg = next + 1;
        }
        Some(self.range(s0, end))
    }

    /// A subject with an apposition between commas (or dashes) right before the cue ("Mr.
    /// Conant, the Republican consultant, said", "Sen. Ron Johnson, R-Wis., said", "Jason
    /// Sims — a teacher from Mount Pleasant — said"): from the phrase before the first
    /// delimiter to the end of the apposition.
    fn apposition_before(&self, end: usize, lo_byte: usize) -> Option<TextRange> {
        if end == 0 {
            return None;
        }
        let close = end - 1;
        let delim = self.tok_text(close);
        if !matches!(delim, "," | "—" | "–") {
            return None;
        }
        let floor = close.saturating_sub(MAX_APPOSITION_TOKENS);
        let mut k = close;
        while k > floor {
            k -= 1;
            if !self.in_bounds(k, lo_byte, usize::MAX) || self.sent[k] != self.sent[close] {
                return None;
            }
            if self.tok_text(k) == delim {
                // The apposition is a noun phrase ("a prominent surrogate for X") or a
                // relative clause ("who said …"), and so is the head before it.
                let relative = self.flags(k + 1) & RELATIVE != 0;
                let nominal = |a: usize, b: usize| {
                    (a..b).all(|j| self.flags(j) & (CLAUSE | VERB | PRONOUN) == 0)
                };
                // A short adverbial between the commas ("Rush Limbaugh, for one, called",
                // "Blunt, after a long pause, said"): the head alone.
                if !relative && self.flags(k + 1) & STOP != 0 && close - k <= 6 {
                    let head = self.phrase_before(k, lo_byte)?;
                    let (h_lo, h_hi) = (self.first_at(head.start()), self.end_before(head.end()));
                    return (nominal(h_lo, h_hi) && self.substantive(head)).then_some(head);
                }
                if !relative && (self.flags(k + 1) & STOP != 0 || !nominal(k + 1, close)) {
                    return None;
                }
                // A head the phrase reading cannot take ("One of the authors of that
                // report, Ari Fleischer, said"): a name in apposition speaks by itself.
                let Some(mut head) = self.phrase_before(k, lo_byte) else {
                    // Not nothing: two delimiters in a row (",,") hold no name.
                    let name = close > k + 1
                        && close - (k + 1) <= 4
                        && (k + 1..close).all(|j| self.is_word(j) && self.capitalised(j));
                    return name.then(|| self.range(k + 1, close));
                };
                let (mut h_lo, h_hi) = (self.first_at(head.start()), self.end_before(head.end()));
                // An age between commas is the name's ("Woodrow Benford, 58, who lives
                // outside Minneapolis, says"): the head is the name before it.
                if h_hi == h_lo + 1
                    && self.tok_text(h_lo).chars().all(|c| c.is_ascii_digit())
                    && h_lo > 1
                    && self.tok_text(h_lo - 1) == ","
                    && let Some(name) = self.phrase_before(h_lo - 1, lo_byte)
                {
                    h_lo = self.first_at(name.start());
                    head = TextRange::new(name.start(), head.end());
                }
                if !nominal(h_lo, h_hi) {
                    return None;
                }
                // A head after a preposition is its object, inside a parenthetical after
                // the sentence's subject ("Clinton, during a meeting in Columbus, Ohio,
                // said"): that subject speaks.
                let governed = h_lo > 0
                    && self.sent[h_lo - 1] == self.sent[close]
                    && self.is_word(h_lo - 1)
                    && self.flags(h_lo - 1) & (STOP | COORD | RELATIVE | THAT) == STOP;
                if governed && self.subject_before_parenthetical(close, lo_byte).is_some() {
                    return None;
                }
                return Some(TextRange::new(
                    head.start(),
                    self.toks[close - 1].range.end(),
                ));
            }
            if self.is_punct(k) && !matches!(self.tok_text(k), "(" | ")" | "-" | "." | "'") {
                return None;
            }
        }
        None
    }

    fn in_bounds(&self, i: usize, lo_byte: usize, hi_byte: usize) -> bool {
        let r = self.toks[i].range;
        r.start() >= lo_byte && r.end() <= hi_byte
    }

    /// The noun phrase ending right before token `end` (exclusive), read backwards over
    /// words that are not stop words; time words right before the cue are skipped.
    pub fn phrase_before(&self, end: usize, lo_byte: usize) -> Option<TextRange> {
        let mut hi = end;
        // A date after a preposition is an adverbial between the subject and its verb ("who
        // in 2010 said", "federal prosecutors in April charged"): skipped.
        if hi >= 3
            && self.sent[hi - 3] == self.sent[hi - 1]
            && matches!(self.norm[hi - 2].as_ref(), "in" | "on" | "since" | "by")
            && self.date_word(hi - 1)
            && self.in_bounds(hi - 2, lo_byte, usize::MAX)
        {
            hi -= 2;
        }
        while hi > 0
            && (self.flags(hi - 1) & TIME != 0 && self.flags(hi - 1) & PRONOUN == 0
                || self.adverb(hi - 1))
        {
            hi -= 1;
        }
        // A subject pronoun is the whole phrase ("told reporters he feels").
        if hi > 0
            && self.in_bounds(hi - 1, lo_byte, usize::MAX)
            && self.flags(hi - 1) & PRONOUN != 0
        {
            return Some(self.toks[hi - 1].range);
        }
        // A relative pronoun; one that is also a complementizer ("that") only after a
        // noun, not after a verb or punctuation ("said that states can").
        if hi > 0
            && self.flags(hi - 1) & RELATIVE != 0
            && self.in_bounds(hi - 1, lo_byte, usize::MAX)
            && (self.flags(hi - 1) & THAT == 0
                || hi > 1
                    && self.is_word(hi - 2)
                    && self.flags(hi - 2) & (VERB | STOP | AUX | CLAUSE) == 0)
        {
            return Some(self.toks[hi - 1].range);
        }
        // A parenthesis closing the phrase belongs to it ("Sen. Marco Rubio (R-Fla.)").
        let outer = hi;
        if hi > 1 && self.tok_text(hi - 1) == ")" && self.in_bounds(hi - 1, lo_byte, usize::MAX) {
            let floor = hi.saturating_sub(8);
            if let Some(open) = (floor..hi - 1).rev().find(|&j| self.tok_text(j) == "(")
                && self.sent[open] == self.sent[hi - 1]
                && (open + 1..hi - 1).all(|j| self.tok_text(j) != ")")
            {
                hi = open;
            }
        }
        let mut lo = hi;
        while lo > 0 && hi - lo < MAX_SPEAKER_TOKENS {
            let k = lo - 1;
            if !self.in_bounds(k, lo_byte, usize::MAX) || self.sent[k] != self.sent[end.max(1) - 1]
            {
                break;
            }
            // A capitalised word inside the sentence is a name even when it is also a stop
            // word ("…,” From said.").
            let name = self.capitalised(k) && k > 0 && self.sent[k - 1] == self.sent[k];
            // A reporting word used as a noun is part of the phrase ("the report says").
            // So is one after "of" ("the secretary of state said").
            let noun = self.flags(k) & (STOP | AUX) == 0
                && (self.noun_use(k)
                    || k > 0
                        && self.sent[k - 1] == self.sent[k]
                        && &self.norm[k - 1] == "of"
                        && !self.norm[k].ends_with("ing"));
            // A proportion is one phrase ("one in four said", "two of three voters").
            let proportion = matches!(self.norm[k].as_ref(), "in" | "of")
                && k > 0
                && self.number_word(k - 1)
                && self.number_word(k + 1);
            // A hyphen inside a word joins it ("the 43-year-old asked").
            if self.joined_by_hyphen(k) {
                lo = k;
                continue;
            }
            if !self.is_word(k)
                || !name
                    && !noun
                    && !proportion
                    && self.flags(k) & (STOP | VERB) != 0
                    && self.flags(k) & PRONOUN == 0
            {
                break;
            }
            lo = k;
        }
        // Leading adverbs and auxiliaries are not part of the phrase.
        while lo < hi && self.flags(lo) & (AUX | TIME) != 0 && self.flags(lo) & PRONOUN == 0 {
            lo += 1;
        }
        (lo < hi).then(|| self.range(lo, if hi < outer { outer } else { hi }))
    }

    /// Whether token `i` is a hyphen with a word glued on each side ("year-old").
    fn joined_by_hyphen(&self, i: usize) -> bool {
        i > 0
            && i + 1 < self.len()
            && matches!(self.tok_text(i), "-" | "‑")
            && self.is_word(i - 1)
            && self.is_word(i + 1)
            && self.toks[i - 1].range.end() == self.toks[i].range.start()
            && self.toks[i].range.end() == self.toks[i + 1].range.start()
    }

    /// A cardinal in digits or a small one in words ("4", "four").
    fn number_word(&self, i: usize) -> bool {
        i < self.len()
            && (self.tok_text(i).chars().all(|c| c.is_ascii_digit())
                || matches!(
                    self.norm[i].as_ref(),
                    "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                ))
    }

    /// A year or a month name ("2010", "April").
    fn date_word(&self, i: usize) -> bool {
        let t = self.tok_text(i);
        (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
            || matches!(
                self.norm[i].as_ref(),
                "january"
                    | "february"
                    | "march"
                    | "april"
                    | "may"
                    | "june"
                    | "july"
                    | "august"
                    | "september"
                    | "october"
                    | "november"
                    | "december"
            ) && self.capitalised(i)
    }

    /// An English adverb in "-ly" ("clearly said"), skipped before a verb.
    pub fn adverb(&self, i: usize) -> bool {
        let n = &self.norm[i];
        n.len() >= 5 && n.ends_with("ly") && !self.capitalised(i)
    }

    /// The subject of the sentence for a cue coordinated with an earlier verb ("X
    /// celebrated …, and said", "X sounded a note, praising"): its first person or
    /// organisation before the cue when entities are known, else its opening capitalised
    /// words.
    pub fn sentence_subject(&self, cue: Cue) -> Option<TextRange> {
        if cue.lo == 0 {
            return None;
        }
        let before = &self.norm[cue.lo - 1];
        let coordinated = matches!(before, "and" | "but" | "et" | "mais" | "и" | "но" | "а");
        // "…,” he said, adding" / "… win this race,” adding": a comma, or a closing mark
        // after one.
        let mut k = cue.lo - 1;
        while k > 0 && cue.lo - k <= 2 && self.closing_mark(k) {
            k -= 1;
        }
        // One adverb may stand between the comma and the participle ("…, even suggesting",
        // "…, perhaps recognizing"): a lower-case word no lexicon flags, right before the
        // cue.
        if k + 1 == cue.lo
            && k > 1
            && self.is_word(k)
            && !self.capitalised(k)
            && self.flags(k) == 0
            && self.norm[cue.core.0].ends_with("ing")
            && self.tok_text(k - 1) == ","
        {
            k -= 1;
        }
        let after_comma = self.tok_text(k) == ",";
        let participle = after_comma && self.norm[cue.core.0].ends_with("ing");
        if !coordinated && !participle {
            return None;
        }
        let sent = self.sents[self.sent[cue.lo]];
        let s_lo = self.first_at(sent.start());
        let hi_byte = self.toks[cue.lo].range.start();
        if let Some(r) = self.nearest_subject(s_lo, cue.lo) {
            return Some(r);
        }
        // A pronoun opening the sentence is its subject ("She …, saying").
        if self.flags(s_lo) & PRONOUN != 0 {
            return Some(self.toks[s_lo].range);
        }
        // Else the noun phrase opening the main clause, before its verb: an entity later in
        // the sentence is most often an object ("The publication has opposed Donald Trump,
        // arguing …").
        if self.english
            && let Some(r) = self.clause_subject(s_lo, cue.lo)
        {
            return Some(r);
        }
        if let Some(ents) = self.entities {
            let n = ents.partition_point(|e| e.range.start() < sent.start());
            let found = ents[n..]
                .iter()
                .take_while(|e| e.range.end() <= hi_byte)
                .filter(|e| !self.is_quoted(e.range))
                .find(|e| matches!(e.label, EntityLabel::Per | EntityLabel::Org))
                .map(|e| e.range);
            if found.is_some() {
                return found;
            }
        }
        let mut hi = s_lo;
        while hi < cue.lo
            && self.is_word(hi)
            && self.capitalised(hi)
            && self.flags(hi) & (VERB | TIME | STOP) == 0
        {
            hi += 1;
        }
        // A determiner opening the sentence takes its noun ("Le maire", "The senator").
        if hi == s_lo + 1
            && self.flags(s_lo) & DET != 0
            && hi < cue.lo
            && self.is_word(hi)
            && self.flags(hi) & FUNCTION == 0
        {
            hi += 1;
        }
        (hi > s_lo).then(|| self.range(s_lo, hi))
    }

    /// Longest introductory phrase skipped before a main clause's subject, in tokens.
    const INTRO_TOKENS: usize = 40;

    /// The English noun phrase opening the main clause of the sentence starting at `s_lo`,
    /// before `end`, when a verb follows it: an introductory phrase up to the first comma
    /// skipped ("In response to …, Hillary Clinton’s right-hand woman rallied supporters"),
    /// then a determiner or possessive and words that are names or no function word, verb
    /// form or "-ing" word ("His chief aide doubled down").
    fn clause_subject(&self, s_lo: usize, end: usize) -> Option<TextRange> {
        let mut lo = s_lo;
        while lo < end && !self.is_word(lo) {
            lo += 1;
        }
        if lo >= end {
            return None;
        }
        // An introductory phrase: a preposition or subordinator, a participle, a time word
        // or an adverb first ("Arriving upon the scene, police began", "Now, many fear");
        // not a name ("Ted Cruz", "Italy", followed by a capitalised word or inside an
        // entity).
        let n = &self.norm[lo];
        let name = lo + 1 < end && self.capitalised(lo + 1)
            || self.entities.is_some_and(|ents| {
                let r = self.toks[lo].range;
                let k = ents.partition_point(|e| e.range.end() <= r.start());
                ents.get(k).is_some_and(|e| e.range.start() <= r.start())
            });
        let suffix = n.len() >= 5 && (n.ends_with("ing") || n.ends_with("ed") || n.ends_with("ly"));
        let intro = self.flags(lo) & STOP != 0 && self.flags(lo) & (DET | PRONOUN) == 0
            || !name && (suffix || self.flags(lo) & TIME != 0 && self.flags(lo) & PRONOUN == 0);
        if intro {
            // Bounded: one endless sentence of coordinated cues stays linear.
            let comma =
                (lo..end.min(lo + Self::INTRO_TOKENS)).find(|&k| self.tok_text(k) == ",")?;
            lo = comma + 1;
        }
        // A sentence opening with a quote has its speaker elsewhere.
        if lo >= end || self.is_quoted(self.toks[lo].range) {
            return None;
        }
        let mut hi = lo;
        if hi < end && (self.flags(hi) & DET != 0 || self.possessive_determiner(hi)) {
            hi += 1;
        }
        let first = hi;
        while hi < end && hi - lo < MAX_SPEAKER_TOKENS {
            let possessive = matches!(self.norm[hi].as_ref(), "'s" | "'");
            // A capitalised function word opens no noun phrase ("There have been").
            let word = self.is_word(hi)
                && self.flags(hi) & FUNCTION == 0
                && (self.capitalised(hi) || !self.norm[hi].ends_with("ing"));
            // A past form after the head is the verb ("the mayor's aide rallied").
            if hi > first
                && self.is_word(hi)
                && !self.capitalised(hi)
                && self.norm[hi].ends_with("ed")
            {
                break;
            }
            // "of" joins two nouns ("chief of staff").
            let of = hi > first
                && &self.norm[hi] == "of"
                && hi + 1 < end
                && self.is_word(hi + 1)
                && self.flags(hi + 1) & FUNCTION == 0;
            if !(word || of || possessive && hi > first || self.joined_by_hyphen(hi)) {
                break;
            }
            hi += 1;
        }
        if hi == first || hi >= end || !self.is_word(hi) || self.capitalised(hi) {
            return None;
        }
        let n = &self.norm[hi];
        let verb = self.flags(hi) & (VERB | AUX | CLAUSE) != 0
            || n.ends_with("ed")
            || n.ends_with('s') && !n.ends_with("ss");
        verb.then(|| self.range(lo, hi))
    }

    /// The subject nearest before token `end` (from `s_lo`, within 60 tokens) of a verb
    /// the cue is coordinated with ("Mrs. Clinton shook her head and said", "…,” she
    /// said, adding"): a subject pronoun or a person or organisation entity that opens
    /// its clause (after punctuation, a conjunction, a capitalised or time word, or at the
    /// sentence start) and is followed by a lower-case word that is not a stop word,
    /// determiner or (after an entity) a possessive.
    fn nearest_subject(&self, s_lo: usize, end: usize) -> Option<TextRange> {
        let floor = s_lo.max(end.saturating_sub(60));
        let fits = |lo: usize, hi: usize| {
            let opens = lo == floor && lo == s_lo
                || lo > 0
                    && (!self.is_word(lo - 1)
                        || self.flags(lo - 1) & (COORD | TIME) != 0
                        || self.capitalised(lo - 1));
            let next_ok = hi < end
                && self.is_word(hi)
                && !self.capitalised(hi)
                && self.flags(hi) & (STOP | DET | THAT) == 0;
            opens && next_ok
        };
        let mut best: Option<(usize, TextRange)> = None;
        if let Some(ents) = self.entities {
            let lo_byte = self.toks[floor].range.start();
            let hi_byte = self.toks[end].range.start();
            let n = ents.partition_point(|e| e.range.start() < lo_byte);
            for e in ents[n..].iter().take_while(|e| e.range.end() <= hi_byte) {
                if !matches!(e.label, EntityLabel::Per | EntityLabel::Org)
                    || self.is_quoted(e.range)
                {
                    continue;
                }
                let (lo, hi) = (
                    self.first_at(e.range.start()),
                    self.end_before(e.range.end()),
                );
                // A possessive is no subject ("praised Mrs. Clinton's record, saying").
                if lo < hi
                    && fits(lo, hi)
                    && &self.norm[hi] != "'s"
                    && best.is_none_or(|(b, _)| lo > b)
                {
                    best = Some((lo, e.range));
                }
            }
        }
        if let Some(k) = (floor..end).rev().find(|&k| {
            self.is_word(k)
                && self.flags(k) & PRONOUN != 0
                && fits(k, k + 1)
                && !self.is_quoted(self.toks[k].range)
        }) && best.is_none_or(|(b, _)| k > b)
        {
            best = Some((k, self.toks[k].range));
        }
        best.map(|(_, r)| r)
    }

    /// The noun phrase starting at token `start`, within `hi_byte`: a pronoun alone, or
    /// words up to punctuation, a stop word or a verb; time words first are skipped.
    pub fn phrase_after(&self, start: usize, hi_byte: usize) -> Option<TextRange> {
        let mut lo = start;
        while lo < self.len()
            && self.is_word(lo)
            && self.flags(lo) & TIME != 0
            && self.in_bounds(lo, 0, hi_byte)
        {
            lo += 1;
        }
        if lo >= self.len() || !self.in_bounds(lo, 0, hi_byte) || !self.is_word(lo) {
            return None;
        }
        if let Some((end, _)) = self.phrase_at(lo, PRONOUN) {
            let longer = end < self.len()
                && self.is_word(end)
                && self.flags(end) & (STOP | VERB | TIME) == 0
                && self.in_bounds(end, 0, hi_byte);
            if !longer {
                return Some(self.range(lo, end));
            }
        }
        let mut hi = lo;
        while hi < self.len() && hi - lo < MAX_SPEAKER_TOKENS && self.in_bounds(hi, 0, hi_byte) {
            // A capitalised word after the first continues a name ("The Washington Post").
            let name = hi > lo && self.capitalised(hi) && self.capitalised(hi - 1);
            if !self.is_word(hi) || !name && self.flags(hi) & (STOP | VERB | TIME | THAT) != 0 {
                break;
            }
            // A phrase followed by a verb of its own is the subject of the verb's clause
            // ("said the candidate could be …"), not the verb's.
            if hi > lo && !name && self.finite(hi) {
                return None;
            }
            hi += 1;
        }
        (hi > lo).then(|| self.range(lo, hi))
    }

    /// Whether the word at `i` is an auxiliary or a modal ("has", "was", "would", "not"): a
    /// clause word (data `[clause]`) that is no pronoun or possessive ("we", "my").
    pub fn finite(&self, i: usize) -> bool {
        self.flags(i) & CLAUSE != 0
            && !self.capitalised(i)
            && !matches!(&self.norm[i], "i" | "we" | "you" | "my" | "our" | "there")
    }

    /// Whether token `k` is a closing quotation mark ("”", "»", a straight quote).
    pub fn closing_mark(&self, k: usize) -> bool {
        !self.is_word(k) && self.norm[k].chars().all(|c| "\"”'’»".contains(c))
    }

    /// Whether the word at `i` is a possessive determiner ("his", "their").
    fn possessive_determiner(&self, i: usize) -> bool {
        matches!(
            self.norm[i].as_ref(),
            "his" | "her" | "its" | "their" | "our" | "my" | "your"
        )
    }

    /// Whether `r` is a pronoun phrase as a whole.
    pub fn is_pronoun(&self, r: TextRange) -> bool {
        let lo = self.first_at(r.start());
        let hi = self.end_before(r.end());
        if lo >= hi {
            // Inside a token ("il" of "-t-il").
            let key = lexicon::normalize(self.slice(r));
            return self.lex.flags(&key) & PRONOUN != 0;
        }
        self.phrase_at(lo, PRONOUN)
            .is_some_and(|(end, _)| end == hi)
    }

    /// The speaker to record for a mention: a person or organisation named inside it (the
    /// last one) when entities are known; for a pronoun, the nearest fitting mention before
    /// it (a person entity, else a named speaker already found, else a run of capitalised
    /// words); else the mention itself.
    pub fn resolve(&self, mention: TextRange, named_before: &[TextRange]) -> TextRange {
        if let Some(ents) = self.entities {
            let inside = |label| {
                ents.iter()
                    .rev()
                    .find(|e| e.label == label && mention.contains_range(e.range))
            };
            if let Some(e) = inside(EntityLabel::Per).or_else(|| inside(EntityLabel::Org)) {
                return e.range;
            }
        }
        let lo = self.first_at(mention.start());
        if lo + 1 == self.end_before(mention.end()) && self.flags(lo) & RELATIVE != 0 {
            // "X, who said": the phrase before the comma; "a report which said": the
            // phrase before the pronoun.
            if lo > 1 && self.tok_text(lo - 1) == "," {
                return self.phrase_before(lo - 1, 0).unwrap_or(mention);
            }
            if lo > 0 && self.is_word(lo - 1) && self.sent[lo - 1] == self.sent[lo] {
                // From its last determiner ("came a study which" → "a study").
                let head = self.phrase_before(lo, 0).map(|r| {
                    let (a, b) = (self.first_at(r.start()), self.end_before(r.end()));
                    let d = (a..b)
                        .rev()
                        .find(|&j| self.flags(j) & DET != 0)
                        .unwrap_or(a);
                    self.range(d, b)
                });
                return head.filter(|&r| self.substantive(r)).unwrap_or(mention);
            }
            return mention;
        }
        if !self.is_pronoun(mention) || self.plural(mention) {
            return mention;
        }
        let at = mention.start();
        let floor = self
            .toks
            .get(self.first_at(at).saturating_sub(RESOLVE_WINDOW))
            .map_or(0, |t| t.range.start());
        let mut best: Option<TextRange> = None;
        if let Some(ents) = self.entities {
            let n = ents.partition_point(|e| e.range.end() <= at);
            best = ents[..n]
                .iter()
                .rev()
                .take_while(|e| e.range.start() >= floor)
                .find(|e| e.label == EntityLabel::Per)
                .map(|e| e.range);
        }
        let named = named_before
            .iter()
            .rev()
            .take(64)
            .find(|r| r.end() <= at && r.start() >= floor)
            .copied();
        best = match (best, named) {
            (Some(a), Some(b)) => Some(if b.start() > a.start() { b } else { a }),
            (a, b) => a.or(b),
        };
        if best.is_none() && self.entities.is_none() {
            best = self.capitalised_run_before(at, floor);
        }
        best.unwrap_or(mention)
    }

    /// The phrase written for a lone relative pronoun, widened back over its antecedent
    /// ("some far-right commentators who", "a super PAC that", "Mr. Rubio's campaign
    /// manager, who"): the pronoun stands for that phrase, which is what names the source.
    /// Any other mention is kept as it is.
    pub fn with_antecedent(&self, mention: TextRange) -> TextRange {
        let lo = self.first_at(mention.start());
        if lo + 1 != self.end_before(mention.end()) || self.flags(lo) & RELATIVE == 0 {
            return mention;
        }
        let head = self.resolve(mention, &[]);
        if head.start() < mention.start() {
            TextRange::new(head.start(), mention.end())
        } else {
            mention
        }
    }

    fn plural(&self, r: TextRange) -> bool {
        matches!(
            lexicon::normalize(self.slice(r)).as_str(),
            "ils" | "elles" | "they" | "они"
        )
    }

    /// The nearest run of two capitalised words or more before `at` (and after `floor`),
    /// a name more likely than a single capitalised word; else the nearest single one not
    /// opening its sentence.
    fn capitalised_run_before(&self, at: usize, floor: usize) -> Option<TextRange> {
        let mut single = None;
        let mut i = self.end_before(at);
        while i > 0 {
            let k = i - 1;
            if self.toks[k].range.start() < floor {
                break;
            }
            if self.is_word(k) && self.capitalised(k) && self.flags(k) & FUNCTION == 0 {
                let hi = k + 1;
                let mut lo = k;
                while lo > 0
                    && self.is_word(lo - 1)
                    && self.capitalised(lo - 1)
                    && self.sent[lo - 1] == self.sent[k]
                {
                    lo -= 1;
                }
                let sent_lo = self.first_at(self.sents[self.sent[lo]].start());
                let opens = (sent_lo..lo).all(|j| self.is_punct(j));
                if hi - lo >= 2 {
                    return Some(self.range(lo, hi));
                }
                if !opens && single.is_none() {
                    single = Some(self.range(lo, hi));
                }
                i = lo;
                continue;
            }
            i = k;
        }
        single
    }
}
