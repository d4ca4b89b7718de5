//! Direct quotes from their marks, indirect speech from reporting verbs, and the cue and
//! speaker of each.

use doc::{Quote, QuoteKind, TextRange};

use crate::lexicon::{
    ACCORDING, ADDRESSEE, ARTICLE, AUX, BARE, CLAUSE, COORD, DET, IN, LEARNED, PRONOUN, RAISING,
    RELATIVE, SOURCE, STOP, TELL, THAT, TIME, TO, VERB, WEAK,
};
use crate::marks::{self, Span};
use crate::view::{Cue, View};

/// Quoted text of at most this many words is a term in scare quotes unless a cue stands
/// right by it or it reads as a clause.
pub(crate) const SCARE_MAX_WORDS: usize = 4;
/// How many tokens after a closing mark a cue may start ("», a-t-il déclaré", "” said X").
const CUE_AFTER_TOKENS: usize = 5;
/// How many words after a closing mark a cue may start when the speaker has an apposition.
const CUE_AFTER_APPOSITION: usize = 16;
/// How many words after a closing mark a cue may start when the words between read as one
/// long speaker phrase ("” former Gov. Jeb Bush of Florida said").
const CUE_AFTER_NAME: usize = 10;
/// How many tokens before an opening mark a cue is looked for.
const CUE_BEFORE_TOKENS: usize = 40;
/// How many words may follow a cue (its speaker aside) in the sentence after a quote for
/// that cue to be the quote's ("…?” Rubio said in an interview.").
const NEXT_SENTENCE_TAIL: usize = 5;
/// Longest speaker phrase heading a line before a colon ("Trump: …"), in words.
const COLON_HEAD_WORDS: usize = 5;
/// How many tokens after a verb its complementizer may come ("told reporters that").
const THAT_LOOKAHEAD: usize = 8;
/// How far a complementizer set off by a comma may come ("said Thursday during a taping of
/// a town hall meeting in Buffalo, New York, that …").
const COMMA_THAT_LOOKAHEAD: usize = 16;

/// A quote with the speaker phrase as written next to the cue (`mention`); the quote's
/// `speaker` is that phrase resolved (a pronoun to its antecedent, a phrase to the person
/// or organisation it names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The quote as the layer stores it.
    pub quote: Quote,
    /// The speaker phrase as written by the cue, before resolution; a lone relative
    /// pronoun is widened back over its antecedent ("some commentators who").
    pub mention: Option<TextRange>,
}

/// What [`crate::detect`] returns.
#[derive(Clone, Debug, Default)]
pub struct Detection {
    /// Quotes, sorted and not overlapping.
    pub quotes: Vec<Found>,
    /// Problems worth a diagnostic (caps hit).
    pub diagnostics: Vec<String>,
}

#[derive(Clone, Copy)]
struct Previous {
    line: usize,
    close: usize,
    cue: Option<TextRange>,
    mention: Option<TextRange>,
    speaker: Option<TextRange>,
}

struct Attribution {
    cue: Cue,
    mention: Option<TextRange>,
    /// Whether the cue stands right by the quote.
    adjacent: bool,
}

pub(crate) fn run(mut v: View) -> Detection {
    let (spans, report) = marks::scan(v.text);
    v.quoted = spans
        .iter()
        .map(|s| TextRange::new(s.open, s.close.max(s.open)))
        .collect();
    let v = &v;
    let mut diagnostics = Vec::new();
    if report.too_long > 0 {
        diagnostics.push(format!(
            "{} quotation(s) longer than {} bytes dropped (unbalanced marks?)",
            report.too_long,
            marks::MAX_QUOTE_BYTES
        ));
    }
    let mut too_long = 0;
    if report.too_deep > 0 {
        diagnostics.push(format!(
            "{} quotation mark(s) nested too deep ignored",
            report.too_deep
        ));
    }
    if v.len() == 0 || v.sents.is_empty() {
        return Detection {
            quotes: Vec::new(),
            diagnostics,
        };
    }
    let (mut direct, inner) = direct_quotes(v, &spans);
    // A cue whose reported clause holds a quote ("said he wants a policy “…”") also reports
    // the clause up to the quote; other cues of direct quotes are theirs alone.
    let used: Vec<TextRange> = direct
        .iter()
        .filter_map(|f| f.quote.cue)
        .filter(|c| !inner.contains(c))
        .collect();
    let covered: Vec<TextRange> = spans
        .iter()
        .map(|s| TextRange::new(s.open, s.close.max(s.open + 1)))
        .collect();
    // Reported content runs over quoted terms ("said the U.S. “clearly” needed …") but
    // stops at a quote kept as speech.
    let kept: Vec<TextRange> = covered
        .iter()
        .copied()
        .filter(|c| {
            let n = direct.partition_point(|f| f.quote.range.end() <= c.start());
            direct
                .get(n)
                .is_some_and(|f| c.contains_range(f.quote.range))
        })
        .collect();
    let indirect = indirect_quotes(v, &covered, &kept, &used, &inner, &direct, &mut too_long);
    if too_long > 0 {
        diagnostics.push(format!(
            "{too_long} reported statement(s) longer than {} bytes dropped",
            marks::MAX_QUOTE_BYTES
        ));
    }
    direct.extend(indirect);
    direct.sort_by_key(|f| (f.quote.range.start(), f.quote.range.end()));
    let mut quotes: Vec<Found> = Vec::with_capacity(direct.len());
    for f in direct {
        if quotes
            .last()
            .is_none_or(|p| p.quote.range.end() <= f.quote.range.start())
        {
            quotes.push(f);
        }
    }
    Detection {
        quotes,
        diagnostics,
    }
}

fn words_in(v: &View, r: TextRange) -> (usize, bool) {
    let lo = v.first_at(r.start());
    let hi = v.end_before(r.end());
    let mut words = 0;
    let mut clause = false;
    for i in lo..hi.max(lo) {
        if v.is_word(i) {
            words += 1;
            clause |= v.flags(i) & CLAUSE != 0;
        }
    }
    (words, clause)
}

/// Whether the word at `i` may stand in a speaker phrase between a closing mark and its cue:
/// a capitalised word, a determiner, a preposition of a title ("of", "for", "at", "in") or
/// "and"; a plain lower-case word ("former", "senator") unless a clause word, a pronoun or
/// it reads as a verb form ("-ed", "-ing").
fn name_word(v: &View, i: usize) -> bool {
    let n: &str = &v.norm[i];
    if v.capitalised(i) || v.flags(i) & DET != 0 {
        return true;
    }
    if matches!(n, "of" | "for" | "at" | "in" | "and" | "'s" | "’s") {
        return true;
    }
    v.flags(i) & (AUX | CLAUSE | PRONOUN | RELATIVE | THAT | STOP | TIME | VERB) == 0
        && !n.ends_with("ed")
        && !n.ends_with("ing")
        && n.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
}

/// Longest circumstance after a closing cue, in words.
const CIRCUMSTANCE_WORDS: usize = 10;
/// Fewest words before the comma for a circumstance to close the sentence: an introductory
/// phrase ("On Tuesday, Clinton told voters in Ohio") is not what was said.
const CIRCUMSTANCE_CONTENT_WORDS: usize = 5;
/// Prepositions that modify the noun of an occasion of saying ("a letter to supporters", "a
/// meeting of the board", "an interview with CNN").
const MODIFIER_PREPOSITIONS: &[&str] = &["to", "of", "for", "with", "from"];
/// Prepositions of the place, time and occasion of saying (fr, en, ru): a closed class.
const OCCASION_PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "dans",
    "lors",
    "pendant",
    "sur",
    "après",
    "avant",
    "в",
    "во",
    "на",
    "после",
    "перед",
];

/// Where a circumstance after a closing cue ends (the sentence's end or a comma), when the
/// words from `j` are one: its addressee or the place and occasion of saying ("…, a school
/// spokesman told The Wall Street Journal.", "…, he said Wednesday morning on MSNBC.", "…,
/// she said in a video message to the convention."), not a clause of the verb ("…, he said
/// the bill would pass", "…, she told reporters the talks failed"). Names, time words,
/// addressees and determiners may stand anywhere; other lower-case words only after a
/// preposition, or anywhere after a verb of telling (`tell`); a clause word, a complementizer, a coordinator or another cue ends the
/// match.
fn circumstance_tail(v: &View, j: usize, s_hi: usize, tell: bool) -> Option<usize> {
    // A verb of telling closing the sentence has its addressee after it, whatever the noun
    // ("…, he told a Senate panel on Wednesday.", "…, she told the crowd.").
    let mut after_preposition = tell;
    let mut occasion = false;
    let mut words = 0;
    for k in j..s_hi {
        if v.is_punct(k) {
            match v.tok_text(k) {
                "," => return (words > 0).then_some(k),
                ":" | ";" => return None,
                _ => continue,
            }
        }
        words += 1;
        if words > CIRCUMSTANCE_WORDS
            || v.flags(k) & (CLAUSE | THAT | RELATIVE | COORD | VERB | AUX) != 0
            || v.flags(k) & (PRONOUN | ADDRESSEE) == PRONOUN
        {
            return None;
        }
        if OCCASION_PREPOSITIONS.contains(&&v.norm[k]) {
            after_preposition = true;
            occasion = true;
        } else if occasion && MODIFIER_PREPOSITIONS.contains(&&v.norm[k]) {
            // Inside the occasion's noun phrase ("in a video message to the convention",
            // "at a meeting of the board").
        } else if v.flags(k) & STOP != 0 {
            // "to", "about", "of", "for": the verb's own object or clause ("told voters
            // about her plan", "told supporters to vote").
            return None;
        } else if !(after_preposition
            || v.capitalised(k)
            || v.flags(k) & (TIME | ADDRESSEE | DET) != 0
            || matches!(v.tok_text(k), "'s" | "’s"))
        {
            return None;
        }
    }
    (words > 0).then_some(s_hi)
}

/// Whether what follows a cue (its speaker phrase skipped) is about the saying, not a
/// statement of its own: a preposition or a comma, then no complementizer, colon or
/// quotation mark in the sentence ("“Who do they think they are?” Trump said of Apple in
/// February, when the company balked …"; not "He said in a statement that …").
fn circumstance_after(v: &View, cue: Cue, mention: Option<TextRange>) -> bool {
    let sent = v.sent[cue.core.0];
    let end = v.end_before(v.sents[sent].end());
    let mut j = cue.hi;
    while j < end && mention.is_some_and(|m| m.contains_range(v.toks[j].range)) {
        j += 1;
    }
    if j >= end
        || !(v.tok_text(j) == ","
            || matches!(
                v.norm[j].as_ref(),
                "of" | "about" | "in" | "at" | "on" | "during" | "after" | "when" | "while"
            ))
    {
        return false;
    }
    (j..end.min(j + 48)).all(|k| {
        v.flags(k) & THAT == 0
            && !matches!(v.tok_text(k), ":")
            && !v.text[v.toks[k].range.start()..v.toks[k].range.end()]
                .starts_with(['"', '“', '”', '«', '\''])
    })
}

/// Words of the cue's sentence after the cue, its speaker phrase not counted.
fn words_after(v: &View, cue: Cue, mention: Option<TextRange>) -> usize {
    // Bounded: only whether there are more than the tail matters.
    let end = v.end_before(v.sents[v.sent[cue.core.0]].end());
    (cue.hi..end.min(cue.hi + 64))
        .filter(|&j| v.is_word(j) && !mention.is_some_and(|m| m.contains_range(v.toks[j].range)))
        .take(NEXT_SENTENCE_TAIL + 1)
        .count()
}

/// A line opening with a short name and a colon ("Trump: …", "Clinton camp: …"), as
/// headlines attribute: the colon token and the name. The name is 1 to
/// [`COLON_HEAD_WORDS`] words, the first capitalised, none a verb, stop word or
/// complementizer, not a single upper-case label ("UPDATE:").
fn colon_head(v: &View, sent: usize) -> Option<(usize, TextRange)> {
    let r = v.sents[sent];
    let line_start = v.text.get(..r.start()).is_some_and(|b| {
        let b = b.trim_end_matches([' ', '\t', '\r']);
        b.is_empty() || b.ends_with('\n')
    });
    if !line_start {
        return None;
    }
    // Bounded reads only: this runs for every quote.
    let lo = v.first_at(r.start());
    let hi = v.end_before(r.end());
    if lo >= hi || !v.capitalised(lo) {
        return None;
    }
    let mut k = lo;
    while k < hi && k - lo <= COLON_HEAD_WORDS && v.is_word(k) {
        if v.flags(k) & (VERB | STOP | THAT | TIME) != 0 {
            return None;
        }
        k += 1;
    }
    if k == lo || k >= hi || k - lo > COLON_HEAD_WORDS || v.tok_text(k) != ":" {
        return None;
    }
    let name = v.range(lo, k);
    let label = v.slice(name);
    if k - lo == 1
        && label
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return None;
    }
    // At least three words after the colon, on the same line.
    let line = v.line_of(r.start());
    let words = (k + 1..hi.min(k + 64))
        .take_while(|&j| v.line_of(v.toks[j].range.start()) == line)
        .filter(|&j| v.is_word(j))
        .take(3)
        .count();
    (words == 3).then_some((k, name))
}

fn colon_cue(k: usize) -> Cue {
    Cue {
        lo: k,
        hi: k + 1,
        core: (k, k + 1),
        flags: VERB,
    }
}

fn has_terminal(text: &str) -> bool {
    text.contains(['.', '!', '?', '…'])
}

/// Direct quotes: each span of marks with its cue (after it, before it in its sentence, in a
/// previous sentence ending with a colon, or carried over from the previous quote of the
/// run), filtered of scare quotes. Also the cues found before a quote with words between
/// (the quote is inside their clause).
fn direct_quotes(v: &View, spans: &[Span]) -> (Vec<Found>, Vec<TextRange>) {
    let mut inner = Vec::new();
    let spans: Vec<Span> = spans.iter().map(|s| split_dialogue(v, *s)).collect();
    let spans = &spans[..];
    let mut out: Vec<Found> = Vec::new();
    let mut attrs: Vec<Option<Attribution>> = Vec::with_capacity(spans.len());
    for (n, s) in spans.iter().enumerate() {
        let prev_close = n.checked_sub(1).map_or(0, |p| spans[p].close);
        let next_open = spans.get(n + 1).map_or(v.text.len(), |x| x.open);
        attrs.push(attribute(v, s, prev_close, next_open));
    }
    // Pieces of a quote over several paragraphs share the first cue found in the chain.
    for n in 0..spans.len() {
        if attrs[n].is_some() {
            continue;
        }
        let Some(chain) = spans[n].chain else {
            continue;
        };
        // A piece opening after an attributed quote of its paragraph carries that quote's
        // cue ("“…,” Sexton said. “Trump events are … [paragraph] “…”"): the run wins.
        if n > 0
            && attrs[n - 1].is_some()
            && spans[n - 1].chain != Some(chain)
            && v.line_of(spans[n - 1].open) == v.line_of(spans[n].open)
        {
            continue;
        }
        let donor = spans
            .iter()
            .enumerate()
            .skip(n + 1)
            .take_while(|(_, s)| s.chain == Some(chain))
            .find_map(|(k, _)| attrs[k].as_ref().map(|a| (a.cue, a.mention)));
        if let Some((cue, mention)) = donor {
            attrs[n] = Some(Attribution {
                cue,
                mention,
                adjacent: true,
            });
        }
    }
    let mut named: Vec<TextRange> = Vec::new();
    // The previous quote kept: its paragraph line, cue, mention and speaker.
    let mut last: Option<Previous> = None;
    for (s, attr) in spans.iter().zip(attrs) {
        let text = v.slice(s.content);
        let (words, clause) = words_in(v, s.content);
        let para = v.line_of(s.open);
        // A short quote after a possessive or a determiner is a name or a term, whatever
        // follows it ("on Fox News channel’s “Sunday Morning Futures,” Rep. Darrell Issa
        // said …", "the “Great Satan”").
        let adjacent = attr.as_ref().is_some_and(|a| a.adjacent)
            && !(words <= SCARE_MAX_WORDS && modified_term(v, s));
        let speech = adjacent
            || words > SCARE_MAX_WORDS
            || clause
            || has_terminal(text) && words > 0
            || s.narration.is_some() && attr.is_some();
        if !speech || words == 0 {
            continue;
        }
        let (cue, mention) = match &attr {
            Some(a) => {
                if !a.adjacent {
                    inner.push(v.cue_range(a.cue));
                }
                (Some(v.cue_range(a.cue)), a.mention)
            }
            None => match last {
                // A run of quotes: same or next paragraph, nothing attributed between.
                Some(p) if p.cue.is_some() && continues_run(v, &p, s, para) => (p.cue, p.mention),
                _ => (None, None),
            },
        };
        let dialogue = s.narration.is_some() || s.close == s.content.end() && s.chain.is_none();
        if cue.is_none() && (dialogue || words <= SCARE_MAX_WORDS) {
            // Unattributed dialogue lines are usually list items; short unattributed text in
            // marks is a title or a term.
            continue;
        }
        let speaker = match (&attr, mention, last) {
            (None, _, Some(p)) if cue.is_some() => p.speaker,
            (_, Some(m), _) => Some(v.resolve(m, &named)),
            _ => None,
        };
        if let (Some(m), Some(sp)) = (mention, speaker)
            && !v.is_pronoun(m)
        {
            named.push(sp);
        }
        last = Some(Previous {
            line: para,
            close: s.close,
            cue,
            mention,
            speaker,
        });
        out.push(Found {
            quote: Quote {
                range: s.content,
                kind: QuoteKind::Direct,
                speaker,
                cue,
            },
            mention: mention.map(|m| v.with_antecedent(m)),
        });
    }
    (out, inner)
}

/// Whether the quote's opening mark follows a possessive or a determiner in its sentence.
fn modified_term(v: &View, s: &Span) -> bool {
    let open = v.first_at(s.open);
    open > 0 && v.sent[open - 1] == v.sent[open.min(v.len() - 1)] && {
        let n = &v.norm[open - 1];
        n.ends_with("'s") || n == "'s" || v.flags(open - 1) & (DET | ARTICLE) != 0
    }
}

/// Whether quote `s` continues the run of the previous quote `p`: in the same paragraph,
/// or opening the next paragraph when `p` was in the last sentence of its own.
fn continues_run(v: &View, p: &Previous, s: &Span, para: usize) -> bool {
    if para == p.line {
        return true;
    }
    if para != p.line + 1 {
        return false;
    }
    let opens = v.text.get(..s.open).is_some_and(|before| {
        before.trim_end_matches([' ', '\t', '\r']).ends_with('\n') || before.trim_end().is_empty()
    });
    let last_tok = v.end_before(p.close).saturating_sub(1);
    let sent = v.sent.get(last_tok).copied().unwrap_or(0);
    let next_start = v.sents.get(sent + 1).map_or(v.text.len(), |r| r.start());
    let ends_paragraph = v.line_of(next_start) > p.line;
    opens && ends_paragraph
}

/// A dialogue line whose narration follows a comma rather than a dash ("— Nous partirons
/// demain, dit-elle.") is split there.
fn split_dialogue(v: &View, s: Span) -> Span {
    let dashed = v
        .text
        .get(s.open..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| matches!(c, '—' | '–' | '-' | '―'));
    if !dashed || s.narration.is_some() || s.chain.is_some() || s.close != s.content.end() {
        return s;
    }
    let lo = v.first_at(s.content.start());
    let hi = v.end_before(s.content.end());
    for j in lo..hi {
        if v.tok_text(j) != "," {
            continue;
        }
        let cue =
            (j + 1..(j + 4).min(hi)).find_map(|k| v.cue_at(k, VERB).filter(|c| c.lo == j + 1));
        if let Some(cue) = cue
            && hi.saturating_sub(cue.hi) <= 4
            && let Some(content) = marks::trim(v.text, s.content.start(), v.toks[j].range.start())
        {
            return Span {
                content,
                close: content.end(),
                narration: marks::trim(v.text, v.toks[j].range.end(), s.content.end()),
                ..s
            };
        }
    }
    s
}

/// The cue and speaker of a quoted span.
fn attribute(v: &View, s: &Span, prev_close: usize, next_open: usize) -> Option<Attribution> {
    let first = v.first_at(s.open).min(v.len() - 1);
    let last = v.end_before(s.close).saturating_sub(1).max(first);
    let (s0, s1) = (v.sent[first], v.sent[last]);
    let win_lo = v.sents[s0].start().max(prev_close);
    // A quote closing its sentence ("…?” Rubio said.") is attributed by the next one.
    let after_tok = v.first_at(s.close);
    let s1 = if after_tok < v.len()
        && v.sent[after_tok] > s1
        && v.line_of(v.toks[after_tok].range.start()) == v.line_of(s.close.saturating_sub(1))
    {
        v.sent[after_tok]
    } else {
        s1
    };
    let win_hi = v.sents[s1].end().min(next_open).max(s.close);
    // Dialogue: the narration segment.
    if let Some(n) = s.narration {
        let lo = v.first_at(n.start());
        let hi = v.end_before(n.end());
        for i in lo..hi.min(lo + CUE_AFTER_TOKENS + 1) {
            if let Some(cue) = v.cue_at(i, VERB).filter(|c| c.flags & LEARNED == 0) {
                let mention = v.speaker_of(cue, n.start(), n.end());
                return Some(Attribution {
                    cue,
                    mention,
                    adjacent: true,
                });
            }
        }
        return None;
    }
    if let Some(a) = signature(v, s) {
        return Some(a);
    }
    // After the closing mark: ", said X", ", a-t-il déclaré", "», estime-t-elle", ", X said",
    // ", Mr. Conant, the Republican consultant, said".
    let mut i = v.first_at(s.close);
    let mut seen = 0;
    let mut limit = CUE_AFTER_TOKENS;
    // Inside a relative clause of the speaker's apposition ("” Warren, who has not endorsed
    // a candidate, told reporters"): its verbs are not the cue.
    let mut relative = false;
    // Whether every word so far reads as part of a long speaker phrase with no apposition
    // ("” former Gov. Jeb Bush of Florida said", "” Jeffrey Lewis of the James Martin
    // Center for Nonproliferation Studies wrote"): such a phrase may run to
    // `CUE_AFTER_NAME` words; a clause word, a pronoun or a verb form ends it ("“…,”
    // Hillary Clinton had a good night Tuesday, winning the key states").
    let mut name_like = true;
    // Whether the quote is set off from what follows: a comma inside the marks ("“Good,” he
    // said") or punctuation after them. A short quoted term running into the sentence
    // ("“sexist” attacks on", "was “ignorant” of Islam and criticized") is not set off: a cue
    // after it is not its own.
    let mut set_off = v
        .text
        .get(s.content.end()..s.close)
        .is_some_and(|t| t.contains([',', '!', '?', '.', '…']));
    while i < v.len()
        && v.toks[i].range.end() <= win_hi
        && (seen <= limit || name_like && seen <= CUE_AFTER_NAME)
    {
        // A possessive apostrophe attached to the word before it is part of the speaker
        // phrase ("” Jeff Weaver, Sanders’ campaign manager, said").
        if v.is_punct(i)
            && matches!(v.tok_text(i), "’" | "'")
            && seen > 0
            && v.toks[i - 1].range.end() == v.toks[i].range.start()
        {
            i += 1;
            continue;
        }
        // So is a hyphen or an ampersand inside a word ("the 43-year-old asked", "one P&G
        // employee told").
        if seen > 0 && (joining_hyphen(v, i) || joining_ampersand(v, i)) {
            i += 1;
            continue;
        }
        if v.is_punct(i) {
            let t = v.tok_text(i);
            // A mark closing a quote nested at the end ("'old-school,'''") is the quote's.
            if seen == 0 && v.closing_mark(i) {
                i += 1;
                continue;
            }
            if t == "," {
                relative = i + 1 < v.len() && v.flags(i + 1) & RELATIVE != 0;
            }
            if seen == 0 {
                set_off = true;
            }
            if seen > 0 && matches!(t, "," | "(" | ")") {
                // An apposition after the speaker: a few words more.
                limit = CUE_AFTER_APPOSITION;
            } else if seen > 0 || !matches!(t, "," | "—" | "–" | "-" | "(") {
                break;
            }
        } else {
            // A conjunction right after the quote: what follows is a clause of its own ("“a
            // con” and encouraged", "“terrible situation,” but stopped short of").
            if seen == 0
                && matches!(
                    &v.norm[i],
                    "and"
                        | "but"
                        | "because"
                        | "while"
                        | "when"
                        | "if"
                        | "so"
                        | "than"
                        | "before"
                        | "after"
                        | "since"
                        | "where"
                        | "or"
                )
            {
                break;
            }
            if !relative
                && let Some(cue) = v
                    .cue_at(i, VERB | ACCORDING)
                    .filter(|c| c.flags & LEARNED == 0)
            {
                let hi = v.sents[v.sent[i]].end().min(next_open);
                let mention = v.speaker_of(cue, s.close, hi);
                // In the next sentence, the cue must close it ("…?” Rubio said."), not open
                // a statement of its own ("… “ongoing.” He said the FBI has not …").
                if v.sent[i] > v.sent[last]
                    && words_after(v, cue, mention) > NEXT_SENTENCE_TAIL
                    && !circumstance_after(v, cue, mention)
                {
                    break;
                }
                // A quote ending with a full stop is over; a cue after it with its own object
                // and quote is that quote's, whatever the sentence split says ("… called
                // Trump “unhinged.” Sen. Marco Rubio called the statement “…”").
                let full_stop = v.slice(s.content).ends_with('.');
                let own_quote = next_open < v.sents[v.sent[i]].end()
                    && (cue.hi..v.first_at(next_open)).any(|j| v.is_word(j));
                if full_stop && own_quote {
                    break;
                }
                // A participle right after the quote ("“…,” adding that …") goes on from a
                // verb before it; that verb, right by the opening mark ("Peabody said:
                // “…”"), is the quote's.
                if seen == 0
                    && cue.core.0 == cue.lo
                    && v.norm[cue.core.0].ends_with("ing")
                    && let Some(before) = cue_right_before(v, s, win_lo)
                {
                    return Some(before);
                }
                // A quote held by a participle set off by commas is the participle's, the
                // verb after it the subject's own ("Mr. Manafort, citing “the unique magic
                // of Trump,” said the candidate could …").
                let open_tok = v.first_at(s.open);
                if seen == 0
                    && open_tok >= 2
                    && v.toks[open_tok - 1].range.start() >= win_lo
                    && v.norm[open_tok - 1].ends_with("ing")
                    && v.tok_text(open_tok - 2) == ","
                    && let Some(before) = v
                        .cue_at(open_tok - 1, VERB | ACCORDING)
                        .filter(|c| c.flags & LEARNED == 0 && c.lo == open_tok - 1)
                {
                    return Some(Attribution {
                        cue: before,
                        mention: v.speaker_of(before, win_lo, s.open),
                        adjacent: true,
                    });
                }
                return Some(Attribution {
                    cue,
                    mention,
                    adjacent: set_off,
                });
            }
            // A speaker phrase does not open with a preposition ("'' in the way the
            // United States responds").
            name_like &= name_word(v, i) && !(seen == 0 && v.flags(i) & STOP != 0);
            seen += 1;
        }
        i += 1;
    }
    // Before the opening mark, in the window: the nearest cue of the hand-written lists (a
    // quote inside a reported clause is the reporter's: "Cruz said he's certain Rubio will
    // continue to be “…”"), else the nearest learned one.
    let open_tok = v.first_at(s.open);
    let mut k = open_tok;
    let floor = open_tok.saturating_sub(CUE_BEFORE_TOKENS);
    let mut nearest = None;
    let mut strong = None;
    while k > floor {
        k -= 1;
        if v.toks[k].range.start() < win_lo {
            break;
        }
        if let Some(cue) = v
            .cue_at(k, VERB | ACCORDING)
            .filter(|c| c.flags & LEARNED == 0)
            && cue.hi <= open_tok
        {
            nearest = nearest.or(Some(cue));
            if cue.flags & WEAK == 0 {
                strong = Some(cue);
                break;
            }
        }
    }
    // The nearest cue may stand inside the clause another reports ("Ditto said she expects
    // the campaign “to …”", "He told the crowd that he wants a policy “…”"): the quote is
    // then the outer verb's, whose clause holds it.
    let strong = strong.map(|inner| outer_cue(v, inner, floor, win_lo).unwrap_or(inner));
    if let Some(cue) = strong.or(nearest) {
        let mention = v.speaker_of(cue, win_lo, s.open);
        // Right by the mark: only punctuation or a complementizer between ("said: “",
        // "a déclaré que « ").
        let adjacent = (cue.hi..open_tok).all(|j| v.is_punct(j) || v.flags(j) & THAT != 0);
        return Some(Attribution {
            cue,
            mention,
            adjacent,
        });
    }
    // A headline: "Kerry: “By law, …”".
    if let Some((k, name)) = colon_head(v, s0)
        && k < open_tok
        && v.toks[k].range.start() >= win_lo
    {
        return Some(Attribution {
            cue: colon_cue(k),
            mention: Some(name),
            adjacent: true,
        });
    }
    // A previous sentence ending with a colon: "Caddell continued:".
    if first > 0 && v.sent[first] > 0 {
        let colon = v.end_before(v.sents[s0].start()).saturating_sub(1);
        if v.tok_text(colon) == ":" && v.toks[colon].range.end() >= prev_close {
            let sent = v.sent[colon];
            let lo = v.sents[sent].start().max(prev_close);
            let mut k = colon;
            let floor = colon.saturating_sub(CUE_BEFORE_TOKENS);
            while k > floor {
                k -= 1;
                if v.toks[k].range.start() < lo {
                    break;
                }
                if let Some(cue) = v.cue_at(k, VERB).filter(|c| c.flags & LEARNED == 0) {
                    let mention = v.speaker_of(cue, lo, v.toks[colon].range.start());
                    return Some(Attribution {
                        cue,
                        mention,
                        adjacent: true,
                    });
                }
            }
        }
    }
    None
}

/// Longest name signing a quote after a dash, in words.
const SIGNATURE_WORDS: usize = 5;

/// A quote opening its line and signed after a dash, as epigraphs, pull quotes and lists
/// of testimonies are ("“Trump must stop …” ― Carla Sanchez.", "« … » — Victor Hugo",
/// "“…” — Jane Doe, a nurse in Ohio"): the dash is the cue, the name the speaker. The name
/// is 1 to [`SIGNATURE_WORDS`] capitalised words (particles such as "de" aside), then the
/// end of the line, a full stop or a comma and a description.
fn signature(v: &View, s: &Span) -> Option<Attribution> {
    let line_start = v.text.get(..s.open).is_some_and(|b| {
        let b = b.trim_end_matches([' ', '\t', '\r']);
        b.is_empty() || b.ends_with('\n')
    });
    if !line_start {
        return None;
    }
    let rest = v.text.get(s.close..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let dash_at = s.close + gap;
    if !v.text[dash_at..].starts_with(['―', '—', '–']) {
        return None;
    }
    let k = v.first_at(dash_at);
    if k >= v.len() || v.toks[k].range.start() != dash_at {
        return None;
    }
    let line = v.line_of(dash_at);
    let mut j = k + 1;
    let mut words = 0;
    while j < v.len() && v.is_word(j) && v.line_of(v.toks[j].range.start()) == line {
        let particle = matches!(
            v.norm[j].as_ref(),
            "de" | "du" | "van" | "von" | "der" | "al" | "bin" | "da" | "di" | "la" | "le"
        );
        if !(v.capitalised(j) || particle && words > 0) {
            return None;
        }
        words += 1;
        j += 1;
    }
    if words == 0 || words > SIGNATURE_WORDS || !v.capitalised(j - 1) {
        return None;
    }
    let ends = j >= v.len()
        || v.line_of(v.toks[j].range.start()) != line
        || matches!(v.tok_text(j), "." | ",");
    ends.then(|| Attribution {
        cue: colon_cue(k),
        mention: Some(v.range(k + 1, j)),
        adjacent: true,
    })
}

/// A cue of the hand-written lists right before the opening mark of `s` (only punctuation
/// or a complementizer between: "said: “", "said that “"), with its speaker.
fn cue_right_before(v: &View, s: &Span, win_lo: usize) -> Option<Attribution> {
    let open_tok = v.first_at(s.open);
    let mut k = open_tok;
    while k > 0 && open_tok - k < 4 {
        k -= 1;
        if v.toks[k].range.start() < win_lo {
            return None;
        }
        if v.is_punct(k) || v.flags(k) & THAT != 0 {
            continue;
        }
        // The last word of the cue: find where it starts.
        let lo = k.saturating_sub(3);
        let cue = (lo..=k).find_map(|j| {
            v.cue_at(j, VERB)
                .filter(|c| c.flags & (LEARNED | WEAK) == 0 && c.hi == k + 1)
        })?;
        let mention = v.speaker_of(cue, win_lo, s.open);
        return Some(Attribution {
            cue,
            mention,
            adjacent: true,
        });
    }
    None
}

/// The reporting verb whose clause holds cue `inner`, in its sentence before it (not before
/// token `floor` nor byte `win_lo`): the farthest hand-written verb that takes a clause
/// (`[bare]`, `[tell]`) with no quotation mark, semicolon or colon between.
fn outer_cue(v: &View, inner: Cue, floor: usize, win_lo: usize) -> Option<Cue> {
    let mut k = inner.lo;
    let mut outer = None;
    while k > floor {
        k -= 1;
        if v.toks[k].range.start() < win_lo || v.sent[k] != v.sent[inner.lo] {
            break;
        }
        let says = |k: usize| {
            v.cue_at(k, VERB).filter(|c| {
                c.flags & (LEARNED | WEAK | RAISING) == 0
                    && c.flags & (BARE | TELL) != 0
                    && c.hi <= inner.lo
                    && c.core.0 == k
            })
        };
        // A comma ends the search ("Asked by X about it, Carson said that …"), but for one
        // right after the verb ("Mr. Obama said, a majority … believe “…”").
        let t = v.tok_text(k);
        if v.is_punct(k) && t != "." && !(t == "," && k > 0 && says(k - 1).is_some()) {
            break;
        }
        if let Some(c) = says(k) {
            outer = Some(c);
        }
    }
    outer
}

/// Reported speech: a verb with its clause ("a déclaré que …", "said that …", "заявил, что
/// …", "said the talks failed"), a cue closing the sentence ("…, a-t-il estimé.", "…,
/// officials said.") or an attribution phrase ("selon X, …", "…, according to X.").
fn indirect_quotes(
    v: &View,
    covered: &[TextRange],
    kept: &[TextRange],
    used: &[TextRange],
    inner: &[TextRange],
    direct: &[Found],
    too_long: &mut usize,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut named: Vec<TextRange> = direct
        .iter()
        .filter(|f| f.mention.is_some_and(|m| !v.is_pronoun(m)))
        .filter_map(|f| f.quote.speaker)
        .collect();
    let inside = |i: usize| {
        let r = v.toks[i].range;
        let n = covered.partition_point(|c| c.end() <= r.start());
        covered.get(n).is_some_and(|c| c.start() <= r.start())
    };
    // Headlines: "Graham: Trump's Rhetoric Destroying GOP's Chance".
    for sent in 0..v.sents.len() {
        let Some((k, name)) = colon_head(v, sent) else {
            continue;
        };
        let (_, s_hi) = sentence_tokens(v, sent);
        if inside(k) || used.iter().any(|u| u.overlaps(v.toks[k].range)) {
            continue;
        }
        let Some(content) = span_of(v, k + 1, s_hi).and_then(|c| clip(c, kept, v)) else {
            continue;
        };
        if words_in(v, content).0 >= 3 {
            out.push(Found {
                quote: Quote {
                    range: content,
                    kind: QuoteKind::Indirect,
                    speaker: Some(v.resolve(name, &named)),
                    cue: Some(v.toks[k].range),
                },
                mention: Some(name),
            });
        }
    }
    let mut i = 0;
    while i < v.len() {
        if inside(i) || !v.is_word(i) {
            i += 1;
            continue;
        }
        if let Some(found) = in_source(v, i) {
            let end = v.end_before(found.quote.range.end());
            out.push(found);
            i = end.max(i + 1);
            continue;
        }
        let Some(cue) = v.cue_at(i, VERB | ACCORDING) else {
            i += 1;
            continue;
        };
        let cue_range = v.cue_range(cue);
        if agent_participle(v, cue) || causal_thanks(v, cue) {
            i = cue.hi.max(i + 1);
            continue;
        }
        if used.iter().any(|u| u.overlaps(cue_range)) {
            i = cue.hi.max(i + 1);
            continue;
        }
        let sent = v.sent[i];
        let (s_lo, s_hi) = sentence_tokens(v, sent);
        let region_lo = v.sents[sent].start();
        let found = if cue.flags & VERB != 0 && cue.core.0 == i {
            verb_clause(v, cue, s_lo, s_hi, region_lo)
        } else if cue.flags & ACCORDING != 0 {
            according(v, cue, s_lo, s_hi)
        } else {
            None
        };
        match found {
            Some((content, mention)) => {
                let content = clip(content, kept, v).map(|c| cut_at_next_cue(v, c));
                if content.is_some_and(|c| c.len() > marks::MAX_QUOTE_BYTES) {
                    *too_long += 1;
                    i = cue.hi.max(i + 1);
                    continue;
                }
                let min_words = if cue.flags & LEARNED != 0 { 1 } else { 2 };
                // The clause of a cue shared with the quote it holds reads as one ("said
                // Rubio remembered being “…”"), not an object or an adverbial ("called the
                // plan “…”", "said in a statement: “…”").
                let shared = inner.contains(&cue_range);
                if let Some(content) = content
                    .filter(|c| words_in(v, *c).0 >= min_words)
                    .filter(|c| !shared || holds_clause(v, *c))
                {
                    let speaker = mention.map(|m| v.resolve(m, &named));
                    if let (Some(m), Some(sp)) = (mention, speaker)
                        && !v.is_pronoun(m)
                    {
                        named.push(sp);
                    }
                    out.push(Found {
                        quote: Quote {
                            range: content,
                            kind: QuoteKind::Indirect,
                            speaker,
                            cue: Some(cue_range),
                        },
                        mention: mention.map(|m| v.with_antecedent(m)),
                    });
                    let end = v.end_before(content.end()).max(cue.hi);
                    i = end.max(i + 1);
                    continue;
                }
                i = cue.hi.max(i + 1);
            }
            None => i = cue.hi.max(i + 1),
        }
    }
    out
}

/// Whether `r` reads as a clause: a complementizer, a pronoun or an auxiliary in it.
fn holds_clause(v: &View, r: TextRange) -> bool {
    let lo = v.first_at(r.start());
    let hi = v.end_before(r.end());
    (lo..hi).any(|j| v.is_word(j) && v.flags(j) & (THAT | PRONOUN | CLAUSE | AUX) != 0)
}

/// The part of `content` before the first quoted span it runs into (direct quotes win).
fn clip(content: TextRange, covered: &[TextRange], v: &View) -> Option<TextRange> {
    let n = covered.partition_point(|c| c.end() <= content.start());
    match covered.get(n) {
        Some(c) if c.start() < content.end() => {
            if c.start() <= content.start() {
                None
            } else {
                marks::trim(v.text, content.start(), c.start()).map(|r| strip_punct(v, r))
            }
        }
        _ => Some(content),
    }
}

/// Token bounds of sentence `s`, without its closing punctuation and marks.
fn sentence_tokens(v: &View, s: usize) -> (usize, usize) {
    let r = v.sents[s];
    let lo = v.first_at(r.start());
    let mut hi = v.end_before(r.end());
    while hi > lo && v.is_punct(hi - 1) {
        hi -= 1;
    }
    (lo, hi)
}

/// `r` without trailing commas, colons, semicolons and dashes.
fn strip_punct(v: &View, r: TextRange) -> TextRange {
    let s = v.slice(r);
    let t = s.trim_end_matches([',', ';', ':', ' ', '—', '–', '-']);
    if t.is_empty() {
        r
    } else {
        TextRange::new(r.start(), r.start() + t.len())
    }
}

fn span_of(v: &View, lo: usize, hi: usize) -> Option<TextRange> {
    (lo < hi).then(|| strip_punct(v, v.range(lo, hi)))
}

/// A cue closing its sentence after a comma or dash ("…, Trump said.", "…, a-t-il
/// estimé.", "…, said Smith.", "…, he said on Tuesday."), with `mention` its speaker phrase
/// (`widened`: the subject read back to the comma by [`subject_after_delimiter`]): the
/// reported content and the mention.
fn closing(
    v: &View,
    cue: Cue,
    s_lo: usize,
    s_hi: usize,
    mention: Option<TextRange>,
    widened: bool,
) -> Option<(TextRange, Option<TextRange>)> {
    let before = match mention {
        Some(m) if m.end() <= v.toks[cue.lo].range.start() => v.first_at(m.start()),
        _ => cue.lo,
    };
    if before <= s_lo || !matches!(v.tok_text(before - 1), "," | "—" | "–") {
        return None;
    }
    // A phrase before the cue holding an auxiliary is a clause, not the cue's subject
    // ("…, the agency has not been using social media references, officials said": the
    // classifier's "references" is no verb closing the sentence).
    if let Some(m) = mention
        && m.end() <= v.toks[cue.lo].range.start()
        && reads_as_clause(v, before, v.end_before(m.end()))
    {
        return None;
    }
    let after_end = match mention {
        Some(m) if m.start() >= v.toks[cue.hi - 1].range.end() => v.end_before(m.end()),
        _ => cue.hi,
    };
    // An inverted subject is short ("said Ms. Gil", "a-t-il estimé"); a longer phrase
    // after the verb is its clause.
    let after_end = if after_end > cue.hi + 5 {
        s_hi + 1
    } else {
        after_end
    };
    let mut j = after_end;
    while j < s_hi && v.flags(j) & TIME != 0 {
        j += 1;
    }
    let inverted = mention.is_some_and(|m| m.start() >= v.toks[cue.hi - 1].range.end());
    // Whether a circumstance follows the cue.
    let mut tail = false;
    // "…, said an American official who was briefed …": a relative clause after an
    // inverted subject is the subject's.
    let mut closes = j == s_hi
        || j < s_hi && v.tok_text(j) == ","
        || inverted && j < s_hi && v.flags(j) & RELATIVE != 0 && v.flags(j) & THAT == 0;
    if !closes
        // Counted from the start and no further than needed: one endless sentence full
        // of cues stays linear.
        && (s_lo..before - 1)
            .filter(|&k| v.is_word(k))
            .take(CIRCUMSTANCE_CONTENT_WORDS)
            .count()
            == CIRCUMSTANCE_CONTENT_WORDS
        // After a subject read to the comma, a name right after a verb that tells no one
        // is its object ("…, suburbanites and young voters mostly backed Clinton.").
        && (!widened
            || cue.flags & TELL != 0
            || j < s_hi && OCCASION_PREPOSITIONS.contains(&&v.norm[j]))
        && let Some(end) = circumstance_tail(v, j, s_hi, cue.flags & TELL != 0)
    {
        j = end;
        closes = true;
        tail = true;
    }
    if !closes {
        return None;
    }
    // "In particular, he said, the foundation had …": the longer side; after an inverted
    // subject what follows is its apposition ("…, said Wilcox, an Orlando Republican who
    // …"), and a participle right after the cue's comma tells what the speaker did besides
    // ("…, Spicer said, adding that …", "…, he said, wiping his face"), as a preposition of
    // occasion opens its circumstance ("…, he said, on condition of anonymity").
    let participle = !tail
        && j + 1 < s_hi
        && !v.capitalised(j + 1)
        && (v.norm[j + 1].ends_with("ing") || OCCASION_PREPOSITIONS.contains(&&v.norm[j + 1]));
    if !inverted && !participle && j < s_hi && s_hi - (j + 1) > before - 1 - s_lo {
        return Some((span_of(v, j + 1, s_hi)?, mention));
    }
    let content = span_of(v, s_lo, before - 1)?;
    Some((content, mention))
}

/// Longest subject read back from a cue to a comma or dash, in tokens ("…, a source close
/// to the senator's campaign said").
const SUBJECT_TOKENS: usize = 10;
/// Most adverbs and time words skipped between a subject and its cue.
const ADVERBS_BEFORE_CUE: usize = 3;
/// Longest item of a list before a subject holding "and" ("Michigan, Ohio and
/// Pennsylvania"), in tokens.
const LIST_ITEM_TOKENS: usize = 3;
/// Prepositions and coordinators a subject noun phrase may hold ("people close to him",
/// "officials at the agency", "teachers and union officials"); other stop words open a
/// clause ("when", "because", "that").
const SUBJECT_LINKS: &[&str] = &[
    "to", "of", "for", "at", "in", "on", "with", "from", "by", "among", "across", "within",
    "inside", "outside", "near", "under", "and", "or", "&",
];

/// The subject between a comma or dash and the cue when those words read as one noun
/// phrase ("…, a source close to him said.", "…, teachers and union officials told
/// POLITICO.", "…, the congressional report said."): at most [`SUBJECT_TOKENS`] tokens; no
/// verb form of the lexicons but a head noun right before the cue ("the report said"); no
/// auxiliary, clause word,
/// complementizer, relative or subject pronoun, no stop word but a preposition or
/// "and"/"or" ([`SUBJECT_LINKS`]); the first word no link word, adverb or verb in
/// "-ing"/"-ed". Adverbs and time words right before the cue are left out ("officials
/// privately said").
fn subject_after_delimiter(v: &View, cue: Cue, s_lo: usize) -> Option<TextRange> {
    // A word only the classifier takes for a cue is most often a noun here ("phone
    // calls"); a passive's or raising verb's subject is no speaker.
    let mut hi = cue.lo;
    if cue.flags & (LEARNED | RAISING) != 0
        || v.passive(cue)
        || hi <= s_lo
        || v.is_punct(hi - 1)
        || &v.norm[hi - 1] == "to"
    {
        return None;
    }
    while hi > s_lo
        && cue.lo - hi < ADVERBS_BEFORE_CUE
        && v.is_word(hi - 1)
        && v.flags(hi - 1) & PRONOUN == 0
        && (v.flags(hi - 1) & TIME != 0 || v.adverb(hi - 1))
    {
        hi -= 1;
    }
    let floor = hi.saturating_sub(SUBJECT_TOKENS + 1).max(s_lo);
    let mut k = hi;
    while k > floor {
        let j = k - 1;
        let t = v.tok_text(j);
        if matches!(t, "," | "—" | "–") {
            break;
        }
        if v.is_punct(j) {
            // A possessive apostrophe, a hyphen inside a word or the period of an
            // abbreviation stays in the phrase; other punctuation ends it.
            if !matches!(t, "'" | "’" | "-" | "." | "(" | ")") || j == s_lo {
                return None;
            }
            k = j;
            continue;
        }
        let f = v.flags(j);
        let n: &str = &v.norm[j];
        // "the congressional report said", "a New York Times report said": a noun.
        let head = j + 1 == hi
            && j > s_lo
            && (v.flags(j - 1) & DET != 0
                || v.is_word(j - 1) && !v.capitalised(j - 1) && v.flags(j - 1) == 0
                || v.noun_use(j));
        let verb_ok = f & VERB == 0 || v.capitalised(j) || head;
        let stop_ok = f & STOP == 0 || SUBJECT_LINKS.contains(&n) || v.capitalised(j);
        if !verb_ok
            || !stop_ok
            || f & (AUX | THAT | RELATIVE | PRONOUN | COORD) != 0 && !SUBJECT_LINKS.contains(&n)
            || f & CLAUSE != 0 && !matches!(n, "my" | "our")
        {
            return None;
        }
        k = j;
    }
    if k <= s_lo || !matches!(v.tok_text(k - 1), "," | "—" | "–") || k >= hi {
        return None;
    }
    // The phrase opens with a noun phrase's first word: not a link word, an adverb ("…,
    // especially in caucus states") nor a verb form.
    let first: &str = &v.norm[k];
    if !v.is_word(k)
        || SUBJECT_LINKS.contains(&first)
        || matches!(first, "either" | "neither")
        || v.adverb(k)
        || !v.capitalised(k) && (first.ends_with("ing") || first.ends_with("ed"))
    {
        return None;
    }
    // The cue is a noun after a preposition, a determiner or a gerund ("secretary of
    // state", "their support", "intent on getting answers"); "her" there is an object
    // ("a person close to her said").
    let last: &str = &v.norm[hi - 1];
    if SUBJECT_LINKS.contains(&last)
        || v.flags(hi - 1) & DET != 0
        || matches!(last, "his" | "its" | "their" | "my" | "our" | "your")
        || last.ends_with("ing")
    {
        return None;
    }
    for j in k..hi {
        let n: &str = &v.norm[j];
        // "it" is a clause's subject ("…, it's paying for phone calls.").
        if n == "it" {
            return None;
        }
        if j == k {
            continue;
        }
        let prev: &str = &v.norm[j - 1];
        // Inside a noun phrase a determiner follows a preposition or "and" ("officials at
        // the agency"); after another word it opens a verb's object ("Trump leads the
        // field with 36 percent support"). A lower-case "-ed" form after a name is its
        // verb ("Mrs. Clinton tried to …"), after a noun a participle ("records compiled
        // by").
        if v.flags(j) & DET != 0
            && !SUBJECT_LINKS.contains(&prev)
            && !matches!(prev, "all" | "both")
            || n.ends_with("ed") && !v.capitalised(j) && v.capitalised(j - 1)
        {
            return None;
        }
    }
    // Names joined after a list ("Indiana, Michigan, Ohio and Pennsylvania all supported
    // Bush"): the comma is the list's, not the end of what was said.
    if (k..hi).any(|j| matches!(&v.norm[j], "and" | "or")) {
        let lo = (k - 1).saturating_sub(LIST_ITEM_TOKENS + 1).max(s_lo);
        if (lo..k - 1).rev().take_while(|&j| v.is_word(j)).count() <= LIST_ITEM_TOKENS
            && (lo..k - 1).any(|j| v.tok_text(j) == ",")
        {
            return None;
        }
    }
    Some(v.range(k, hi))
}

/// Whether the phrase of tokens `[lo, hi)` before a cue holds an auxiliary up to its first
/// delimiter ("the agency has not been using social media references"): a clause, not
/// the cue's subject. An apposition after the delimiter may hold a relative clause
/// ("Podesta, who has not …, said").
fn reads_as_clause(v: &View, lo: usize, hi: usize) -> bool {
    (lo..hi)
        .take_while(|&k| !matches!(v.tok_text(k), "," | "—" | "–" | "("))
        .any(|k| v.finite(k))
}

/// A verb and its reported clause, or a verb closing the sentence after a comma.
fn verb_clause(
    v: &View,
    cue: Cue,
    s_lo: usize,
    s_hi: usize,
    region_lo: usize,
) -> Option<(TextRange, Option<TextRange>)> {
    let sent_end = v.sents[v.sent[cue.core.0]].end();
    let mention = v.speaker_of(cue, region_lo, sent_end);
    if let Some(found) = closing(v, cue, s_lo, s_hi, mention, false) {
        return Some(found);
    }
    // "…, a source close to him said.", "…, teachers and union officials told POLITICO.":
    // the speaker phrase read back stops at a preposition or "and", but the words from the
    // comma to the cue are the whole subject.
    if mention.is_none_or(|m| m.end() <= v.toks[cue.lo].range.start())
        && let Some(subject) = subject_after_delimiter(v, cue, s_lo)
        && Some(subject) != mention
        && let Some(found) = closing(v, cue, s_lo, s_hi, Some(subject), true)
    {
        return Some(found);
    }
    // "As X put it, …" / "…, as Politico reported, …": the clause after the comma is what
    // X said (the speaker is read before the cue, after "as").
    if cue.hi < s_hi && v.tok_text(cue.hi) == "," && mention.is_some() {
        let m_lo = mention.map_or(cue.lo, |m| v.first_at(m.start()));
        if m_lo > s_lo && &v.norm[m_lo - 1] == "as" && (m_lo - 1 == s_lo || v.is_punct(m_lo - 2)) {
            return Some((span_of(v, cue.hi + 1, s_hi)?, mention));
        }
    }
    // A question put to someone: "Asked if the comments rattled them, Ryan said …", "when
    // asked whom she supported": the question up to the next comma.
    if matches!(
        v.norm[cue.core.0].as_ref(),
        "asked" | "asking" | "ask" | "asks"
    ) && let Some(q) = question_start(v, cue.hi, s_hi)
    {
        let mut e = q + 1;
        while e < s_hi && !matches!(v.tok_text(e), "," | ";" | ":" | "—" | "–") {
            e += 1;
        }
        if e > q + 1 {
            return Some((span_of(v, q, e)?, mention));
        }
    }
    // A passive cue has no speaker before it and still reports its clause.
    let bare_ok = mention.is_some() || v.passive(cue) || cue.flags & RAISING != 0;
    // A complementizer within a few tokens: "said that", "a déclaré que", "заявил, что".
    let mut j = cue.hi;
    while j < s_hi && j < cue.hi + COMMA_THAT_LOOKAHEAD {
        if v.is_punct(j) && v.tok_text(j) != "," {
            break;
        }
        let near = j < cue.hi + THAT_LOOKAHEAD || v.tok_text(j - 1) == ",";
        if v.flags(j) & THAT != 0 && near {
            // The complementizer opens the reported clause (PolNeAR's and PARC's
            // convention): "that the bridge would reopen", "que l'enquête était close".
            return Some((span_of(v, j, s_hi)?, mention));
        }
        // A subject or a verb first: the clause has begun without a complementizer.
        if v.flags(j) & (VERB | CLAUSE | PRONOUN) != 0 {
            break;
        }
        j += 1;
    }
    // An infinitive: "vowed to repeal it", "refused to comment" (the content opens with "to").
    if cue.flags & TO != 0 && cue.hi < s_hi && &v.norm[cue.hi] == "to" && s_hi - cue.hi >= 2 {
        return Some((span_of(v, cue.hi, s_hi)?, mention));
    }
    // "X said:" followed by words.
    if cue.hi < s_hi && v.tok_text(cue.hi) == ":" {
        return Some((span_of(v, cue.hi + 1, s_hi)?, mention));
    }
    // A cue only the classifier knows ("support", "plans"): its object up to the next
    // punctuation ("support Clinton", "plans to build a wall").
    if cue.flags & LEARNED != 0 {
        let mut j = cue.hi;
        while j < s_hi && v.flags(j) & TIME != 0 {
            j += 1;
        }
        // A document put out with its own cue reports for itself ("drafted a statement
        // saying …": "saying" is the cue, the drafter its speaker).
        if j + 2 < s_hi
            && v.flags(j) & DET != 0
            && v.flags(j + 1) & SOURCE != 0
            && v.cue_at(j + 2, VERB).is_some()
        {
            return None;
        }
        let mut e = j;
        while e < s_hi
            && (v.is_word(e) || !matches!(v.tok_text(e), "," | ";" | ":" | "—" | "–" | "(" | ")"))
        {
            e += 1;
        }
        if e > j && v.is_word(j) {
            return Some((span_of(v, j, e)?, mention));
        }
        return None;
    }
    // A comma right after the verb (and its addressee), then a clause: "Rubio says, win or
    // lose in Florida, he's staying in the race", "Instead, Trump told CNN, his policy
    // would …". Not a participle nor an occasion after the comma ("said, adding that").
    if cue.flags & BARE != 0 && mention.is_some_and(|m| m.end() <= v.toks[cue.lo].range.start()) {
        let j = if cue.flags & TELL != 0 {
            skip_addressee(v, cue.hi, s_hi)
        } else {
            cue.hi
        };
        if j + 4 < s_hi
            && v.tok_text(j) == ","
            && v.is_word(j + 1)
            && !v.norm[j + 1].ends_with("ing")
            && !OCCASION_PREPOSITIONS.contains(&&v.norm[j + 1])
            && let Some(c) = span_of(v, j + 1, s_hi)
            && holds_clause(v, c)
        {
            return Some((c, mention));
        }
    }
    // A clause right after the verb: "said the talks failed", "affirme avoir perdu".
    if cue.flags & BARE != 0 && bare_ok {
        let mut j = cue.hi;
        while j < s_hi && v.flags(j) & TIME != 0 {
            j += 1;
        }
        if cue.flags & TELL != 0 {
            j = skip_addressee(v, j, s_hi);
        }
        if j < s_hi && v.is_word(j) && s_hi - j >= 3 {
            return Some((span_of(v, j, s_hi)?, mention));
        }
    }
    None
}

/// The addressee of a verb of telling, skipped before its clause: a word that is one by
/// itself ("reporters", "him"), else an optional determiner and capitalised words ("the
/// AP", "CNN", "Fox News"). Returns the first token after it (`j` when there is none).
fn skip_addressee(v: &View, j: usize, s_hi: usize) -> usize {
    if j < s_hi && v.flags(j) & ADDRESSEE != 0 {
        return j + 1;
    }
    let mut k = j;
    if k < s_hi && v.flags(k) & DET != 0 {
        k += 1;
    }
    let names = k;
    while k < s_hi && k < names + 4 && v.is_word(k) && v.capitalised(k) && v.flags(k) == 0 {
        k += 1;
    }
    if k > names { k } else { j }
}

/// Reported content ends before a later clause with its own cue ("…, the candidate said
/// …"): at the comma before that clause's speaker.
fn cut_at_next_cue(v: &View, c: TextRange) -> TextRange {
    let lo = v.first_at(c.start());
    // Bounded: content longer than the cap is dropped anyway.
    let hi = v.end_before(c.end().min(c.start() + marks::MAX_QUOTE_BYTES + 1));
    for k in lo + 1..hi {
        // "… told the AP her group never worked with him and said the group …": a second
        // verb of the same subject reports a statement of its own.
        if k >= lo + 2
            && v.flags(k) & COORD != 0
            && k + 1 < hi
            && v.cue_at(k + 1, VERB).is_some()
            && let Some(r) = marks::trim(v.text, c.start(), v.toks[k].range.start())
        {
            return strip_punct(v, r);
        }
        // "… about the Latino community and one in four said …", "… while Sanders
        // suggests …": a second speaker and cue open a statement of their own.
        if k >= lo + CLAUSE_BEFORE_SECOND_SPEAKER
            && CLAUSE_JOINERS.contains(&v.norm[k].as_ref())
            // "… when Cruz and Rubio implied …": names joined are one subject.
            && !(v.flags(k) & COORD != 0 && v.capitalised(k - 1))
            && second_speaker_cue(v, k + 1, hi)
            && let Some(r) = marks::trim(v.text, c.start(), v.toks[k].range.start())
        {
            return strip_punct(v, r);
        }
        if k < lo + 2 || v.tok_text(k) != "," {
            continue;
        }
        let verb = (k + 1..(k + 6).min(hi))
            .find(|&j| v.flags(j) & VERB != 0 && v.cue_at(j, VERB).is_some());
        if let Some(j) = verb
            && (k + 1..j).all(|w| v.is_word(w))
            && let Some(r) = marks::trim(v.text, c.start(), v.toks[k].range.start())
        {
            return strip_punct(v, r);
        }
    }
    c
}

/// Words opening the question put by "asked" ("asked if", "asked whom", "asked about").
const QUESTION_OPENERS: &[&str] = &[
    "if", "whether", "what", "which", "who", "whom", "why", "how", "when", "where", "about",
];
/// Longest circumstance between "asked" and its question, in tokens ("Asked at a briefing
/// Monday in Washington about …", "asked by a host if …").
const QUESTION_CIRCUMSTANCE_TOKENS: usize = 8;

/// Where the question put by "asked" starts: right after the verb, or after a circumstance
/// opened by a preposition ("at a briefing Monday", "by a host"), with no punctuation and
/// no verb or clause word in it.
fn question_start(v: &View, j: usize, s_hi: usize) -> Option<usize> {
    if j >= s_hi {
        return None;
    }
    if QUESTION_OPENERS.contains(&v.norm[j].as_ref()) {
        return Some(j);
    }
    if !matches!(v.norm[j].as_ref(), "at" | "in" | "on" | "during" | "by") {
        return None;
    }
    (j + 1..s_hi.min(j + 1 + QUESTION_CIRCUMSTANCE_TOKENS))
        .take_while(|&k| {
            v.is_word(k)
                && (QUESTION_OPENERS.contains(&v.norm[k].as_ref())
                    || v.flags(k) & (VERB | AUX | CLAUSE | PRONOUN | THAT) == 0)
        })
        .find(|&k| QUESTION_OPENERS.contains(&v.norm[k].as_ref()))
}

/// Words that join a second statement to the first ("… and one in four said …").
const CLAUSE_JOINERS: &[&str] = &["and", "but", "while", "whereas", "although", "though"];
/// Tokens of content a joiner must follow for the cut: a shorter head is the subject of
/// the second cue ("said he and his wife told …").
const CLAUSE_BEFORE_SECOND_SPEAKER: usize = 3;
/// Longest subject between a joiner and a second cue, in tokens.
const SECOND_SPEAKER_TOKENS: usize = 6;

/// Whether a short subject from `j` is followed by a cue of the hand-written lexicons that
/// reports a clause of its own ("one in four said the party …", "Sanders suggests the …").
fn second_speaker_cue(v: &View, j: usize, hi: usize) -> bool {
    let mut k = j;
    while k < hi && k < j + SECOND_SPEAKER_TOKENS && v.is_word(k) {
        if k > j
            && let Some(cue) = v.cue_at(k, VERB)
            && cue.core.0 == k
            && cue.flags & LEARNED == 0
            && cue.flags & (BARE | TELL) != 0
        {
            return true;
        }
        // The subject is a noun phrase: no verb, clause word or participle ("and
        // engaging in personal attacks"), no preposition but "of" and "in" ("one in four").
        let plain = !v.capitalised(k);
        if plain
            && (v.flags(k) & (VERB | AUX | CLAUSE | THAT | RELATIVE) != 0
                || v.norm[k].ends_with("ing")
                || v.flags(k) & STOP != 0 && !matches!(v.norm[k].as_ref(), "of" | "in"))
        {
            return false;
        }
        k += 1;
    }
    false
}

/// A sentence opening with a preposition and a source ("In the same poll, Obama was
/// winning …", "Dans un communiqué, le parti …"): the source phrase (up to the comma, at most
/// 10 words, holding a `[source]` noun) attributes the rest of the sentence.
fn in_source(v: &View, i: usize) -> Option<Found> {
    if v.flags(i) & IN == 0 || v.first_at(v.sents[v.sent[i]].start()) != i {
        return None;
    }
    let (_, s_hi) = sentence_tokens(v, v.sent[i]);
    let mut k = i + 1;
    let mut source = false;
    while k < s_hi && k <= i + 10 && v.is_word(k) {
        source |= v.flags(k) & SOURCE != 0;
        k += 1;
    }
    if !source || k >= s_hi || v.tok_text(k) != "," || k == i + 1 {
        return None;
    }
    // "In a statement, Trump said …": the verb attributes, not the preposition.
    if (k + 1..s_hi.min(k + 64)).any(|j| v.flags(j) & (VERB | ACCORDING) != 0) {
        return None;
    }
    let content = span_of(v, k + 1, s_hi)?;
    if words_in(v, content).0 < 3 {
        return None;
    }
    let mention = v.range(i + 1, k);
    Some(Found {
        quote: Quote {
            range: content,
            kind: QuoteKind::Indirect,
            speaker: Some(mention),
            cue: Some(v.toks[i].range),
        },
        mention: Some(mention),
    })
}

/// "selon X, …", "…, according to X.", "по данным X …".
fn according(
    v: &View,
    cue: Cue,
    s_lo: usize,
    s_hi: usize,
) -> Option<(TextRange, Option<TextRange>)> {
    let sent_end = v.sents[v.sent[cue.lo]].end();
    let mut hi = cue.hi;
    while hi < s_hi
        && hi < cue.hi + 12
        && (v.is_word(hi) || joining_hyphen(v, hi))
        && v.flags(hi) & THAT == 0
    {
        hi += 1;
    }
    let source = (hi > cue.hi).then(|| v.range(cue.hi, hi));
    let source = source.filter(|r| r.end() <= sent_end);
    source?;
    let opens = cue.lo <= s_lo + 2;
    // Between commas after a short opening ("In addition, according to the department, nearly
    // nine million workers …"): the opening is an adverbial, the statement comes after.
    let after_opening = cue.lo > s_lo
        && v.tok_text(cue.lo - 1) == ","
        && (s_lo..cue.lo - 1).filter(|&k| v.is_word(k)).count() < 4
        && hi < s_hi
        && v.tok_text(hi) == ","
        && s_hi - (hi + 1) >= 4;
    let content = if (opens || after_opening) && hi < s_hi && v.tok_text(hi) == "," {
        span_of(v, hi + 1, s_hi)
    } else if cue.lo > s_lo && v.tok_text(cue.lo - 1) == "," {
        span_of(v, s_lo, cue.lo - 1)
    } else if cue.lo - s_lo >= s_hi.saturating_sub(hi) {
        span_of(v, s_lo, cue.lo)
    } else {
        span_of(v, (hi + 1).min(s_hi), s_hi)
    };
    Some((content?, source))
}

/// Whether `cue` is "thanks" as the preposition "thanks to" ("the lead continues to grow
/// thanks to a big win", "thanks in part to her wins"): a cause, not someone thanking.
fn causal_thanks(v: &View, cue: Cue) -> bool {
    cue.hi - cue.lo == 1
        && &v.norm[cue.lo] == "thanks"
        && (cue.hi..(cue.hi + 3).min(v.len())).any(|k| &v.norm[k] == "to")
}

/// Whether token `i` is a hyphen inside a word ("50-state", "vice-president").
/// Whether token `i` is an ampersand joining two words ("P&G", "AT&T").
fn joining_ampersand(v: &View, i: usize) -> bool {
    i > 0
        && i + 1 < v.len()
        && v.tok_text(i) == "&"
        && v.toks[i - 1].range.end() == v.toks[i].range.start()
        && v.toks[i].range.end() == v.toks[i + 1].range.start()
}

fn joining_hyphen(v: &View, i: usize) -> bool {
    i > 0
        && i + 1 < v.len()
        && matches!(v.tok_text(i), "-" | "‑")
        && v.is_word(i - 1)
        && v.is_word(i + 1)
        && v.toks[i - 1].range.end() == v.toks[i].range.start()
        && v.toks[i].range.end() == v.toks[i + 1].range.start()
}

/// Participles that report speech even with an agent ("a man told by aides", "remarks
/// quoted by Reuters"); other participles of a reduced relative before "by" ("a report
/// released by the committee", "the plan backed by the governor") are no cue.
const AGENT_OK: &[&str] = &["said", "told", "quoted", "cited", "asked"];

/// Whether `cue` is an English participle of a reduced relative followed by "by" and its
/// agent (after time words), not a reporting verb proper.
fn agent_participle(v: &View, cue: Cue) -> bool {
    if cue.flags & VERB == 0 || cue.core.1 <= cue.core.0 {
        return false;
    }
    let w = &v.norm[cue.core.1 - 1];
    if !(w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn")) || AGENT_OK.contains(&w) {
        return false;
    }
    // A participle right after a common noun ("a report released by"); after a name or
    // pronoun it is an active past ("Trump responded by …"), and a passive ("was criticized
    // by X") PolNeAR often takes for X's attribution.
    let reduced = cue.lo == cue.core.0
        && cue.lo > 0
        && v.is_word(cue.lo - 1)
        && !v.capitalised(cue.lo - 1)
        && v.flags(cue.lo - 1) & (PRONOUN | AUX | VERB | CLAUSE | RELATIVE) == 0;
    if !reduced {
        return false;
    }
    let mut j = cue.hi;
    while j < v.len() && v.is_word(j) && v.flags(j) & TIME != 0 {
        j += 1;
    }
    j < v.len() && &v.norm[j] == "by" && v.sent[j] == v.sent[cue.core.0]
}
