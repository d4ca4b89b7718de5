//! Page furniture in scraped text: which lines are not the article, and why.
//!
//! Each line (a paragraph of scraped text, or a block of an HTML page) is classified from its
//! shape (length, final punctuation, share of capitalised words), its position (after a
//! "related" heading, the title repeated), repetition in the document, and a multilingual
//! lexicon of furniture phrases (`data/furniture.txt`). A line that reads as a sentence of the
//! article is kept unless a phrase anchored at its start says otherwise.

use std::collections::HashMap;

mod credits;
mod lexicon;
mod shape;

use credits::*;
use lexicon::Anchor;
pub use lexicon::{Lexicon, fold};
use shape::*;

/// Why a line was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// An advertisement marker ("PUBLICITÉ", "Advertisement", "Реклама").
    Advertisement,
    /// Share buttons ("Partager cet article", "Copy to clipboard").
    Share,
    /// Navigation, breadcrumbs, previous/next links.
    Navigation,
    /// A "related articles" heading and the headlines under it.
    Related,
    /// A newsletter, follow-us or donation plea.
    Newsletter,
    /// A cookie-consent notice.
    Cookie,
    /// Tags or keywords.
    Tags,
    /// A comment counter or link.
    Comments,
    /// The publication or update date line.
    Dateline,
    /// The author line ("Par Franceline Dupont avec AFP"); authors go to the metadata.
    Byline,
    /// A photo credit or copyright line; the credit goes to the metadata.
    Credit,
    /// A photo caption; it goes to the metadata.
    Caption,
    /// The title repeated.
    DuplicateTitle,
    /// A line repeated earlier in the document.
    Duplicate,
    /// A rule of asterisks, dashes or dots.
    Separator,
}

impl Reason {
    /// The name in the contract's `removed[].reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Advertisement => "advertisement",
            Reason::Share => "share",
            Reason::Navigation => "navigation",
            Reason::Related => "related",
            Reason::Newsletter => "newsletter",
            Reason::Cookie => "cookie",
            Reason::Tags => "tags",
            Reason::Comments => "comments",
            Reason::Dateline => "dateline",
            Reason::Byline => "byline",
            Reason::Credit => "credit",
            Reason::Caption => "caption",
            Reason::DuplicateTitle => "duplicate-title",
            Reason::Duplicate => "duplicate",
            Reason::Separator => "separator",
        }
    }

    fn from_section(name: &str) -> Option<Reason> {
        Some(match name {
            "advertisement" => Reason::Advertisement,
            "share" => Reason::Share,
            "navigation" => Reason::Navigation,
            "related" => Reason::Related,
            "newsletter" => Reason::Newsletter,
            "cookie" => Reason::Cookie,
            "tags" => Reason::Tags,
            "comments" => Reason::Comments,
            "dateline" => Reason::Dateline,
            "byline" => Reason::Byline,
            "credit" => Reason::Credit,
            _ => return None,
        })
    }
}

/// A line with more words than this is prose; only anchored phrases can remove it.
pub const LONG_LINE_WORDS: usize = 50;

/// A line with no more words than this is "short": an unanchored phrase removes it.
pub const SHORT_LINE_WORDS: usize = 12;

/// Where the lines come from, which decides how bold the classification is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Scraped text: every line is suspect; shape rules apply (names under the title, date
    /// stamps, breadcrumbs, tag lists, ad copy).
    Scraped,
    /// Blocks already chosen by the HTML extractor: only the lexicon's anchored phrases,
    /// repeated titles, captions with credits and separators.
    Html,
}

/// The verdict on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Part of the article.
    Keep,
    /// Furniture, with the reason.
    Remove(Reason),
}

/// What the classification found beyond the verdicts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Authors named in bylines.
    pub authors: Vec<String>,
    /// Photo captions.
    pub captions: Vec<String>,
    /// Photo credits and copyright lines.
    pub credits: Vec<String>,
}

/// Classifies `lines` (paragraphs in order; `title` when known, to spot its repetitions).
pub fn classify(
    lines: &[&str],
    title: Option<&str>,
    source: Source,
    lexicon: &Lexicon,
) -> (Vec<Verdict>, Found) {
    let mut verdicts = Vec::with_capacity(lines.len());
    let mut found = Found::default();
    let folded_title = title.map(fold);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut in_related = false;
    let mut in_ad = false;
    // Each line folded once, with the number of lines that fold the same.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let folded_all: Vec<String> = lines.iter().map(|l| fold(l)).collect();
    for f in &folded_all {
        *counts.entry(f.clone()).or_default() += 1;
    }
    // The whole document folded, with the title, to see which names it talks about.
    let document =
        folded_title
            .iter()
            .chain(folded_all.iter())
            .fold(String::new(), |mut acc, l| {
                acc.push_str(l);
                acc.push('\n');
                acc
            });
    let folded_lines: Vec<(&str, usize)> =
        folded_all.iter().map(|f| (f.as_str(), counts[f])).collect();
    for (i, line) in lines.iter().enumerate() {
        let folded = folded_lines[i].0.to_owned();
        let n_words = folded
            .split(' ')
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let sentence_like = reads_as_sentence(line, n_words);
        // Pleas, banners and share rows sit at the edges of a page: the first lines or the
        // last third.
        let at_edge = i < 3 || i * 3 >= lines.len() * 2;
        let near_top = i < 8;
        let verdict = classify_line(
            line,
            &folded,
            Shape {
                n_words,
                sentence_like,
                at_edge,
                near_top,
                scraped: source == Source::Scraped,
            },
            folded_title.as_deref(),
            &document,
            lexicon,
            &mut found,
        );
        let verdict = match verdict {
            Verdict::Keep => {
                if in_related && source == Source::Scraped && looks_like_headline(line, n_words) {
                    Verdict::Remove(Reason::Related)
                } else if in_ad
                    && source == Source::Scraped
                    && !ends_as_sentence(line)
                    && n_words <= 30
                {
                    // The copy of an advertisement under its label.
                    Verdict::Remove(Reason::Advertisement)
                } else if seen.contains_key(&folded) && n_words >= 5 {
                    Verdict::Remove(Reason::Duplicate)
                } else {
                    Verdict::Keep
                }
            }
            // "Read more:" introduces a list of links.
            Verdict::Remove(Reason::Navigation) if line.trim_end().ends_with(':') => {
                Verdict::Remove(Reason::Related)
            }
            other => other,
        };
        // A "related" heading opens a run of headlines, an ad label a run of ad copy; an
        // article line closes them.
        match verdict {
            Verdict::Remove(Reason::Related) => in_related = true,
            // Only a sponsor label announces copy; "PUBLICITÉ" marks an empty ad slot.
            Verdict::Remove(Reason::Advertisement) => {
                in_ad = SPONSOR_WORDS.iter().any(|w| fold(line).contains(w))
            }
            Verdict::Keep => {
                in_related = false;
                in_ad = false;
            }
            _ => in_ad = false,
        }
        seen.entry(folded).or_insert(i);
        verdicts.push(verdict);
    }
    // A caption repeated: every copy is a caption (the first was kept as a sentence).
    for (i, verdict) in verdicts.iter_mut().enumerate() {
        if *verdict == Verdict::Keep
            && has_trailing_credit(lines[i]).is_some()
            && folded_lines[i].1 > 1
        {
            *verdict = Verdict::Remove(Reason::Caption);
        }
    }
    dedup(&mut found.authors);
    dedup(&mut found.captions);
    dedup(&mut found.credits);
    (verdicts, found)
}

/// The shape and place of a line.
#[derive(Clone, Copy)]
struct Shape {
    n_words: usize,
    sentence_like: bool,
    at_edge: bool,
    near_top: bool,
    scraped: bool,
}

fn classify_line(
    line: &str,
    folded: &str,
    shape: Shape,
    title: Option<&str>,
    document: &str,
    lexicon: &Lexicon,
    found: &mut Found,
) -> Verdict {
    let Shape {
        n_words,
        sentence_like,
        at_edge,
        near_top,
        scraped,
    } = shape;
    if !line.chars().any(char::is_alphanumeric) {
        return Verdict::Remove(Reason::Separator);
    }
    if let Some(title) = title {
        if folded == title {
            return Verdict::Remove(Reason::DuplicateTitle);
        }
        // The title glued to a credit: "… Kazakhstan Tous droits réservés AP".
        if let Some(rest) = folded.strip_prefix(title)
            && rest.starts_with(' ')
            && rest.split(' ').filter(|w| !w.is_empty()).count() <= 8
        {
            // Folding changes byte lengths: skip the title's words in the original line.
            let n_title_words = title.split(' ').count();
            let credit = line
                .split_whitespace()
                .skip(n_title_words)
                .collect::<Vec<_>>()
                .join(" ");
            push_unique(&mut found.credits, &credit);
            return Verdict::Remove(Reason::DuplicateTitle);
        }
    }
    if let Some((reason, anchor)) = lexicon.matches(folded, n_words, at_edge) {
        let accept = match (reason, anchor) {
            (Reason::Byline, Anchor::Anywhere) => n_words <= 10 && !ends_as_sentence(line),
            (Reason::Byline, _) => {
                n_words <= 16 && !ends_as_sentence(line) && names_after_prefix(line)
            }
            (Reason::Dateline, _) => {
                n_words <= 16 && !sentence_like && line.chars().any(|c| c.is_ascii_digit())
            }
            (Reason::Credit, _) => n_words <= 14,
            // A sentence of the article that merely contains a phrase stays, unless it is a
            // plea or a banner at the edge of the page.
            (Reason::Newsletter | Reason::Cookie, Anchor::Anywhere) => !sentence_like || at_edge,
            (_, Anchor::Anywhere) => scraped && !sentence_like,
            _ => true,
        };
        if accept {
            match reason {
                Reason::Byline => {
                    for author in authors(line) {
                        push_unique(&mut found.authors, &author);
                    }
                }
                Reason::Credit => push_unique(&mut found.credits, line.trim()),
                _ => {}
            }
            return Verdict::Remove(reason);
        }
    }
    // Past this length a line is prose: captions, stamps and bylines are short.
    if n_words > LONG_LINE_WORDS {
        return Verdict::Keep;
    }
    if !scraped {
        return match has_trailing_credit(line) {
            Some(split) if n_words <= 40 => {
                let (caption, credit) = line.trim().split_at(split);
                push_unique(&mut found.captions, caption.trim());
                push_unique(&mut found.credits, credit.trim());
                Verdict::Remove(Reason::Caption)
            }
            _ => Verdict::Keep,
        };
    }
    if n_words <= 4
        && line.chars().any(|c| c.is_ascii_digit())
        && COMMENT_WORDS.iter().any(|w| folded.contains(w))
    {
        return Verdict::Remove(Reason::Comments);
    }
    if is_date_line(line, folded, n_words) {
        return Verdict::Remove(Reason::Dateline);
    }
    if is_breadcrumb(line, n_words) {
        return Verdict::Remove(Reason::Navigation);
    }
    if at_edge && is_tag_list(line, n_words) {
        return Verdict::Remove(Reason::Tags);
    }
    // A name alone, or a name and a role, under the title: "Hugo Bernard",
    // "Chris Walker, Local Democracy Reporter", "Camille Roux (avec AFP)".
    if title.is_some()
        && near_top
        && !sentence_like
        && n_words <= 12
        && !ends_as_sentence(line)
        && is_name_line(line)
    {
        // A name that the article goes on to talk about labels its photo; an author's name
        // does not come back in the text.
        let head = line.split([',', '(', '|', '·']).next().unwrap_or(line);
        let subject = head.split_whitespace().any(|w| {
            let w = fold(w);
            w.chars().count() >= 4 && document.matches(w.as_str()).nth(1).is_some()
        });
        if subject {
            push_unique(&mut found.captions, line.trim());
            return Verdict::Remove(Reason::Caption);
        }
        for author in authors(line) {
            push_unique(&mut found.authors, &author);
        }
        return Verdict::Remove(Reason::Byline);
    }
    if let Some(title) = title
        && near_top
        && !sentence_like
        && n_words <= 20
        && word_overlap(folded, title) >= 0.6
    {
        return Verdict::Remove(Reason::DuplicateTitle);
    }
    // Agency credits: "REUTERS/Stringer", "AFP / Jean Dupont".
    if n_words <= 6 && !ends_as_sentence(line) && is_agency_credit(line) {
        push_unique(&mut found.credits, line.trim());
        return Verdict::Remove(Reason::Credit);
    }
    // A caption: a described scene ending with its credit.
    if let Some(split) = has_trailing_credit(line) {
        let (caption, credit) = line.trim().split_at(split);
        push_unique(&mut found.captions, caption.trim());
        push_unique(&mut found.credits, credit.trim());
        return Verdict::Remove(Reason::Caption);
    }
    Verdict::Keep
}

/// Appends `item` unless empty; [`dedup`] removes repeats at the end.
fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() {
        list.push(item.to_owned());
    }
}

/// Removes repeated items, keeping the first of each, in linear time.
fn dedup(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|item| seen.insert(item.clone()));
}
