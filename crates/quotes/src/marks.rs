//! Quotation marks paired in one linear pass over the text, and dialogue lines.

use doc::TextRange;

/// The longest content a pair of marks may hold, in bytes; a longer pair is dropped with a
/// diagnostic (an unclosed mark would otherwise swallow the rest of the document).
pub(crate) const MAX_QUOTE_BYTES: usize = 10_000;
/// Deepest nesting of open marks kept; deeper openers are ignored.
const MAX_DEPTH: usize = 16;
/// How far below the top of the stack a closer looks for its opener.
const CLOSE_LOOKBACK: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    /// « » “ ” „ "
    Double,
    /// ‹ › ‘ ’ ‚ '
    Single,
}

#[derive(Clone, Copy, Debug)]
struct Open {
    family: Family,
    glyph: char,
    /// Byte offset of the mark.
    at: usize,
    /// Byte offset just after the mark.
    after: usize,
}

/// A span of quoted text found by its marks, or a dialogue line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    /// Where the opening mark (or the dash) starts.
    pub open: usize,
    /// The content, trimmed of white space.
    pub content: TextRange,
    /// Just after the closing mark (or the end of the content).
    pub close: usize,
    /// Pieces of one quote running over several paragraphs share a chain number.
    pub chain: Option<u32>,
    /// For a dialogue line: the narration after the content ("— сказал он."), if any.
    pub narration: Option<TextRange>,
}

/// What the pass found besides the spans.
#[derive(Default, Debug)]
pub(crate) struct Report {
    /// Pairs dropped for exceeding [`MAX_QUOTE_BYTES`].
    pub too_long: usize,
    /// Openers never closed in their paragraph.
    pub unclosed: usize,
    /// Openers ignored for nesting deeper than [`MAX_DEPTH`].
    pub too_deep: usize,
}

fn family_of(c: char) -> Option<Family> {
    match c {
        '«' | '»' | '“' | '”' | '„' | '"' => Some(Family::Double),
        '‹' | '›' | '‘' | '’' | '‚' | '\'' => Some(Family::Single),
        _ => None,
    }
}

fn opens_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || "([{—–-/".contains(p)
                || family_of(p).is_some() && !"»›".contains(p)
        }
    }
}

fn closes_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => n.is_whitespace() || ",.;:!?)]}…—–-/".contains(n) || family_of(n).is_some(),
    }
}

/// Trims white space from both ends of `text[start..end]`.
pub(crate) fn trim(text: &str, start: usize, end: usize) -> Option<TextRange> {
    let slice = text.get(start..end)?;
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(TextRange::new(start + lead, start + lead + trimmed.len()))
}

/// Pairs the quotation marks of `text` and reads dialogue lines. Quotes never cross a line
/// break, except by the convention of quotes running over paragraphs: a paragraph that
/// leaves a quote open and is followed by one opening with a mark of the same family gives
/// a piece of the quote, chained to the next. Only outermost pairs become spans; nested
/// pairs are part of their content. One pass, constant work per character.
pub(crate) fn scan(text: &str) -> (Vec<Span>, Report) {
    let mut spans: Vec<Span> = Vec::new();
    let mut report = Report::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut chain_next: Option<u32> = None; // the chain the next paragraph's quote continues
    let mut chains = 0u32;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    let mut para_start = 0usize;
    while let Some((at, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        if c == '\n' {
            end_paragraph(
                text,
                at,
                &mut stack,
                &mut spans,
                &mut report,
                &mut chain_next,
                &mut chains,
            );
            dialogue(text, para_start, at, &mut spans);
            para_start = at + 1;
            prev = Some(c);
            continue;
        }
        let Some(mut family) = family_of(c) else {
            prev = Some(c);
            continue;
        };
        let mut c = c;
        let mut next = next;
        let mut after = at + c.len_utf8();
        // Two apostrophes are one double mark (''…'', as some wires write quotes).
        if c == '\'' && next == Some(c) {
            iter.next();
            next = iter.peek().map(|&(_, n)| n);
            after += 1;
            family = Family::Double;
            c = '"';
        }
        let left = opens_context(prev);
        let right = closes_context(next);
        // true: opens, false: closes, None: ignore.
        let role = match (left, right) {
            (true, false) => Some(!"»›".contains(c) || stack.is_empty()),
            (false, true) => Some(false),
            _ => match c {
                '«' | '‹' | '„' | '‚' => Some(true),
                '»' | '›' => Some(false),
                '"' | '“' | '”' => {
                    let top = stack.last().filter(|o| o.family == Family::Double);
                    Some(match (c, top) {
                        (_, None) => true,
                        ('“', Some(o)) => !matches!(o.glyph, '„' | '“' | '”' | '"'),
                        _ => false,
                    })
                }
                // An apostrophe inside a word ("it's", "l'État").
                _ => None,
            },
        };
        match role {
            Some(true) if family == Family::Single && !left => {}
            Some(false) if family == Family::Single && !right => {}
            Some(true) => {
                if stack.len() >= MAX_DEPTH {
                    report.too_deep += 1;
                } else {
                    stack.push(Open {
                        family,
                        glyph: c,
                        at,
                        after,
                    });
                }
            }
            Some(false) => {
                let depth = stack.len();
                let found = (0..depth.min(CLOSE_LOOKBACK))
                    .map(|k| depth - 1 - k)
                    .find(|&i| stack[i].family == family);
                if let Some(i) = found {
                    let open = stack[i];
                    stack.truncate(i);
                    if stack.is_empty() {
                        let chain = chain_next.take();
                        push_span(text, open, at, after, chain, &mut spans, &mut report);
                    }
                }
            }
            None => {}
        }
        prev = Some(c);
    }
    end_paragraph(
        text,
        text.len(),
        &mut stack,
        &mut spans,
        &mut report,
        &mut chain_next,
        &mut chains,
    );
    dialogue(text, para_start, text.len(), &mut spans);
    spans.sort_by_key(|s| s.open);
    (spans, report)
}

fn push_span(
    text: &str,
    open: Open,
    content_end: usize,
    close: usize,
    chain: Option<u32>,
    spans: &mut Vec<Span>,
    report: &mut Report,
) {
    if content_end.saturating_sub(open.after) > MAX_QUOTE_BYTES {
        report.too_long += 1;
        return;
    }
    if let Some(content) = trim_said(text, open.after, content_end) {
        spans.push(Span {
            open: open.at,
            content,
            close,
            chain,
            narration: None,
        });
    }
}

/// A paragraph ends at `at`: an outermost quote left open continues if the next paragraph
/// opens with a mark of its family; otherwise it is dropped.
fn end_paragraph(
    text: &str,
    at: usize,
    stack: &mut Vec<Open>,
    spans: &mut Vec<Span>,
    report: &mut Report,
    chain_next: &mut Option<u32>,
    chains: &mut u32,
) {
    // A chain promised to this paragraph but not taken is void.
    let promised = chain_next.take();
    if let Some(&open) = stack.first() {
        let rest = text.get(at..).unwrap_or_default().trim_start();
        let continues = rest
            .chars()
            .next()
            .and_then(|c| family_of(c).map(|f| (c, f)))
            .is_some_and(|(c, f)| f == open.family && !"»›’".contains(c));
        if continues {
            let chain = promised.unwrap_or_else(|| {
                *chains += 1;
                *chains
            });
            let before = spans.len();
            push_span(text, open, at, at, Some(chain), spans, report);
            if spans.len() > before {
                *chain_next = Some(chain);
            }
        } else {
            report.unclosed += 1;
        }
    }
    stack.clear();
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-' | '―')
}

/// A dialogue line: it opens with a dash followed by white space. Its segments between
/// spaced dashes alternate: words said, narration, words said ("— Да, — сказал он, — я
/// приду."). Lines already holding quotation marks are left to them.
fn dialogue(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let Some(line) = text.get(start..end) else {
        return;
    };
    let body = line.trim_start();
    let lead = start + line.len() - body.len();
    let mut chars = body.chars();
    let (Some(d), Some(sp)) = (chars.next(), chars.next()) else {
        return;
    };
    if !is_dash(d) || !sp.is_whitespace() {
        return;
    }
    if spans
        .iter()
        .rev()
        .take_while(|s| s.close > start)
        .any(|s| s.open >= start && s.open < end)
    {
        return;
    }
    // Segment boundaries: a dash with white space on both sides.
    let mut cuts = vec![lead + d.len_utf8()];
    let mut prev = ' ';
    let mut it = body.char_indices().skip(1).peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map_or(' ', |&(_, n)| n);
        if is_dash(c) && c != '-' && prev.is_whitespace() && next.is_whitespace() {
            cuts.push(lead + i);
            cuts.push(lead + i + c.len_utf8());
        }
        prev = c;
    }
    cuts.push(end);
    // cuts: [content_start, sep_start, sep_end, sep_start, sep_end, ..., end]
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k + 1 < cuts.len() {
        segments.push((cuts[k], cuts[k + 1]));
        k += 2;
    }
    let mut i = 0;
    while i < segments.len() {
        let (s, e) = segments[i];
        let narration = segments.get(i + 1).and_then(|&(ns, ne)| trim(text, ns, ne));
        if let Some(content) = trim_said(text, s, e) {
            spans.push(Span {
                open: if i == 0 { lead } else { content.start() },
                content,
                close: content.end(),
                chain: None,
                narration,
            });
        }
        i += 2;
    }
}

/// Trims white space and a trailing comma (the narration's, inside the marks by English
/// usage) from quoted text.
fn trim_said(text: &str, start: usize, end: usize) -> Option<TextRange> {
    let r = trim(text, start, end)?;
    let slice = text.get(r.start()..r.end())?;
    let cut = slice.trim_end_matches([',', ' ']);
    trim(text, r.start(), r.start() + cut.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        scan(text)
            .0
            .iter()
            .map(|s| &text[s.content.start()..s.content.end()])
            .collect()
    }

    #[test]
    fn pairs() {
        let cases: &[(&str, &[&str])] = &[
            ("« Je pars », a-t-il dit.", &["Je pars"]),
            ("He said “yes” and “no”.", &["yes", "no"]),
            ("„Nein“, sagte er.", &["Nein"]),
            ("”Oui, bien sûr », dit-il.", &["Oui, bien sûr"]),
            (
                "\"It's 'in their heads,'\" he said.",
                &["It's 'in their heads,'"],
            ),
            ("« Un\n« Deux »", &["Un", "Deux"]),
            ("« Un\nDeux »", &[]),
            ("— Да, — сказал он, — я приду.", &["Да", "я приду."]),
            ("- 120 000 soldats", &["120 000 soldats"]),
            ("The players' union said 'no'.", &["no"]),
            ("''It is over,'' he said.", &["It is over"]),
        ];
        for (text, want) in cases {
            assert_eq!(&contents(text), want, "{text}");
        }
        let (spans, _) = scan("« Un\n« Deux »");
        assert_eq!(spans[0].chain, spans[1].chain);
        assert!(spans[0].chain.is_some());
    }
}
