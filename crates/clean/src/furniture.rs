//! Page furniture in scraped text: which lines are not the article, and why.
//!
//! Each line (a paragraph of scraped text, or a block of an HTML page) is classified from its
//! shape (length, final punctuation, share of capitalised words), its position (after a
//! "related" heading, the title repeated), repetition in the document, and a multilingual
//! lexicon of furniture phrases (`data/furniture.txt`). A line that reads as a sentence of the
//! article is kept unless a phrase anchored at its start says otherwise.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Whole,
    Start,
    Anywhere,
}

/// The compiled lexicon.
pub struct Lexicon {
    automaton: AhoCorasick,
    patterns: Vec<(Reason, Anchor, usize)>,
}

const LEXICON: &str = include_str!("../data/furniture.txt");

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
    fn matches(&self, folded: &str, n_words: usize, at_edge: bool) -> Option<(Reason, Anchor)> {
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

/// Ends with terminal punctuation, possibly followed by closing quotes.
fn ends_as_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['»', '”', '"', '’', ')', ' ', '\u{a0}', '\u{202f}'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// A line that reads as prose: enough words, mostly lower-case, ending like a sentence.
fn reads_as_sentence(line: &str, n_words: usize) -> bool {
    n_words >= 8 && ends_as_sentence(line) && capitalised_share(line) < 0.5
}

/// A headline: a short line that does not end like a sentence.
fn looks_like_headline(line: &str, n_words: usize) -> bool {
    (2..=24).contains(&n_words) && !line.trim_end().ends_with(['.', '!', ':'])
}

fn capitalised_share(line: &str) -> f64 {
    let (mut words, mut caps) = (0usize, 0usize);
    for first in line.split_whitespace().filter_map(|w| w.chars().next()) {
        if first.is_alphabetic() {
            words += 1;
            caps += usize::from(first.is_uppercase());
        }
    }
    if words == 0 {
        0.0
    } else {
        caps as f64 / words as f64
    }
}

const BYLINE_PREFIXES: &[&str] = &[
    "story by ",
    "words by ",
    "photos by ",
    "par ",
    "by ",
    "автор:",
    "автор -",
    "авторы:",
    "текст:",
    "texte :",
    "texte:",
    "propos recueillis par ",
    "reporting by ",
    "written by ",
    "edited by ",
    "correspondant ",
];
const NAME_JOINERS: &[&str] = &[
    "avec", "et", "and", "with", "и", "à", "in", "en", "de", "du", "des", "von", "van", "le", "la",
];

/// Words that name a newsroom rather than a person ("Par la rédaction").
const DESKS: &[&str] = &[
    "rédaction",
    "redaction",
    "staff",
    "newsroom",
    "editors",
    "редакция",
    "редакции",
    "correspondant",
    "correspondent",
];

/// After the byline prefix, up to the first comma, bar or bullet (a role or desk may follow:
/// "By Helen Marsh | Central Asia correspondent"): capitalised names, desks, agencies and
/// joiners only.
fn names_after_prefix(line: &str) -> bool {
    let rest = strip_byline_prefix(line);
    let first = rest
        .split([',', '|', '·', '(', '—', '–'])
        .next()
        .unwrap_or(rest);
    let words: Vec<&str> = first
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| DESKS.contains(&w.to_lowercase().as_str()))
    {
        return words.len() <= 6;
    }
    !words.is_empty()
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            NAME_JOINERS.contains(&lower.as_str())
                || w.chars().next().is_some_and(char::is_uppercase)
                || w.chars().all(|c| !c.is_alphabetic())
        })
}

fn strip_byline_prefix(line: &str) -> &str {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    for prefix in BYLINE_PREFIXES {
        if lower.starts_with(prefix) && lower.len() == trimmed.len() {
            return trimmed[prefix.len()..].trim();
        }
        if lower.starts_with(prefix) {
            // Lower-casing changed byte lengths: skip the prefix by characters.
            let n = prefix.chars().count();
            let start = trimmed
                .char_indices()
                .nth(n)
                .map_or(trimmed.len(), |(i, _)| i);
            return trimmed[start..].trim();
        }
    }
    trimmed
}

/// The people named in a byline, without agencies and roles.
fn authors(line: &str) -> Vec<String> {
    let rest = strip_byline_prefix(line);
    // Cut at the role or desk after a bar or a bullet: "Helen Marsh | Central Asia correspondent".
    let rest = rest.split(['|', '·', '(']).next().unwrap_or(rest);
    let mut out = Vec::new();
    for part in rest.split([',', '/']).flat_map(split_joiners) {
        let name = part.trim();
        let words = name.split_whitespace().count();
        // Roles and credits after a comma are lower-case ("envoyé spécial", "фото: …").
        let capitalised = name.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        });
        if words == 0 || is_agency(name) || !capitalised {
            continue;
        }
        // A person has a first name and a surname; single words are desks or places.
        if words >= 2 {
            out.push(name.to_owned());
        }
    }
    out
}

fn split_joiners(part: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in part.split_whitespace() {
        // "Sam Whitcombe in Kostanay": the place ends the name.
        if matches!(word, "in" | "à" | "в" | "from" | "de")
            && !out.last().is_some_and(String::is_empty)
        {
            break;
        }
        if matches!(
            word.to_lowercase().as_str(),
            "avec" | "et" | "and" | "with" | "и"
        ) {
            out.push(String::new());
        } else {
            let last = out.last_mut().expect("never empty");
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

const AGENCIES: &[&str] = &[
    "afp",
    "ap",
    "reuters",
    "epa",
    "getty",
    "getty images",
    "dpa",
    "ansa",
    "efe",
    "tass",
    "тасс",
    "риа новости",
    "интерфакс",
    "ria novosti",
    "interfax",
    "xinhua",
    "sipa",
    "maxppp",
    "hans lucas",
    "belga",
    "bloomberg",
    "associated press",
    "agence france-presse",
    "afp photo",
    "shutterstock",
    "istock",
    "abaca",
    "anadolu",
    "sputnik",
    "ритм eurasia",
    "kazinform",
    "казинформ",
];

fn is_agency(name: &str) -> bool {
    AGENCIES.contains(&fold(name).as_str())
}

/// "REUTERS/Stringer", "AFP", "Getty Images", "AP Photo/Jane Roe".
fn is_agency_credit(line: &str) -> bool {
    let trimmed = line.trim().trim_start_matches('©').trim();
    let head = trimmed.split(['/', '|']).next().unwrap_or("").trim();
    let head_folded = fold(head);
    // "AP Photo", "REUTERS Photo": an agency followed by the word photo.
    let without_photo = head
        .rsplit_once(char::is_whitespace)
        .filter(|(_, last)| fold(last) == "photo")
        .map(|(agency, _)| agency);
    is_agency(head) || head_folded.ends_with("photo") && without_photo.is_some_and(is_agency)
}

/// Words that introduce a photo credit inside a caption, matched ignoring ASCII case.
static CREDIT_MARKERS: std::sync::LazyLock<AhoCorasick> = std::sync::LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "(photo",
            "photo :",
            "photo:",
            "photograph:",
            "photograph :",
            "(фото",
            "фото:",
            "фото -",
            "(Фото",
            "Фото:",
            "Фото -",
            "ФОТО:",
            "(credit",
            "(crédit",
            "getty images",
        ])
        .expect("credit markers compile")
});

/// The byte offset where a trailing credit starts in a caption ("… 2022. © Aïdos K. / AFP",
/// "… (Photo: AFP)", "… REUTERS/Stringer"), if the line has one.
fn has_trailing_credit(line: &str) -> Option<usize> {
    let trimmed = line.trim();
    let n_words = trimmed.split_whitespace().count();
    if !(4..=LONG_LINE_WORDS).contains(&n_words) {
        return None;
    }
    if let Some(at) = trimmed.rfind('©') {
        let credit_words = trimmed[at..].split_whitespace().count();
        if at > 0 && credit_words <= 8 {
            return Some(at);
        }
    }
    if let Some(at) = CREDIT_MARKERS.find_iter(trimmed).map(|m| m.start()).last()
        && at > 0
        && trimmed[at..].split_whitespace().count() <= 8
    {
        return Some(at);
    }
    // "… September 27, 2022. REUTERS/Stringer", "… au stade Ernest-Wallon. Icon Sport": after
    // the last sentence, a few capitalised words with no punctuation of their own.
    let last_sentence_end = trimmed.rfind(". ")?;
    let tail = &trimmed[last_sentence_end + 2..];
    let tail_words: Vec<&str> = tail.split_whitespace().collect();
    if tail_words.is_empty() || tail_words.len() > 5 {
        return None;
    }
    let credit_like = tail_words.len() >= 2
        && tail_words.len() <= 4
        && !ends_as_sentence(tail)
        && tail_words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '/')
        });
    (n_words - tail_words.len() >= 6 && (credit_like || is_agency_credit(tail)))
        .then_some(last_sentence_end + 2)
}

const SPONSOR_WORDS: &[&str] = &[
    "sponsor",
    "partenaire",
    "partner",
    "партн",
    "promoted",
    "на правах рекламы",
    "brand",
];

const COMMENT_WORDS: &[&str] = &["comment", "réaction", "reaction", "коммент", "отзыв"];

const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// A short line that is a date stamp: a year or a numeric date, with a month name or a
/// clock time, and no sentence around it ("28 ноября 2024, 20:47", "Monday 14 October 2024 ·
/// 6 min read", "01.10.2022, 09:15").
fn is_date_line(line: &str, folded: &str, n_words: usize) -> bool {
    if n_words > 14 || ends_as_sentence(line) && n_words > 6 {
        return false;
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year = words.iter().any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    });
    let month = words.iter().any(|w| MONTHS.contains(w));
    let clock = folded.as_bytes().windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && matches!(w[2], b':' | b'h')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    let numeric_date = folded.as_bytes().windows(10).any(|w| {
        w[..2].iter().all(u8::is_ascii_digit)
            && matches!(w[2], b'.' | b'/' | b'-')
            && w[3..5].iter().all(u8::is_ascii_digit)
            && w[5] == w[2]
            && w[6..10].iter().all(u8::is_ascii_digit)
    });
    // Most words are dates, numbers and a handful of stamp words, not a sentence.
    let numeric = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let dense = numeric * 3 >= words.len();
    (numeric_date || year && (month || clock) || month && clock) && dense
}

/// Share of the words of `line` found in `title` (both folded).
fn word_overlap(line: &str, title: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_owned)
            .collect()
    };
    let line_words = words(line);
    let title_words = words(title);
    if line_words.len() < 4 {
        return 0.0;
    }
    let shared = line_words
        .iter()
        .filter(|w| title_words.contains(w))
        .count();
    shared as f64 / line_words.len() as f64
}

/// "Accueil › Sport › Football", "Home / World / Europe", "Главная → Новости": short
/// segments joined by path separators.
fn is_breadcrumb(line: &str, n_words: usize) -> bool {
    if n_words > 10 || ends_as_sentence(line) {
        return false;
    }
    let separators = [" > ", " › ", " → ", " / ", " » ", " >> ", " ⟩ ", " — > "];
    let Some(sep) = separators.iter().find(|s| line.contains(*s)) else {
        return false;
    };
    let segments: Vec<&str> = line.split(sep).map(str::trim).collect();
    segments.len() >= 2
        && segments.iter().all(|seg| {
            let words = seg.split_whitespace().count();
            (1..=4).contains(&words)
                && seg
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// "#театр #премьера", "Festival d'Avignon · Théâtre · Spectacle vivant": a list of short
/// labels with no sentence.
fn is_tag_list(line: &str, n_words: usize) -> bool {
    if n_words > 16 || ends_as_sentence(line) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() >= 2 && words.iter().all(|w| w.starts_with('#')) {
        return true;
    }
    let segments: Vec<&str> = line
        .split(['·', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    segments.len() >= 3
        && segments.iter().all(|seg| {
            let n = seg.split_whitespace().count();
            (1..=4).contains(&n)
                && seg.chars().next().is_some_and(char::is_uppercase)
                && !seg.chars().any(|c| c.is_ascii_digit())
        })
}

/// A person's name, possibly followed by a role or an agency: the part before a comma,
/// parenthesis or " in " is two to four capitalised words.
fn is_name_line(line: &str) -> bool {
    let head = line
        .trim()
        .split([',', '(', '|', '·', '—', '–'])
        .next()
        .unwrap_or("");
    let head = head
        .split(" in ")
        .next()
        .unwrap_or(head)
        .split(" à ")
        .next()
        .unwrap_or(head);
    let words: Vec<&str> = head.split_whitespace().collect();
    // A byline ends on a name, a role or an agency, not on a lower-case word of running text.
    let ends_lower = line
        .split_whitespace()
        .last()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_lowercase);
    !ends_lower
        && (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’' | '.'))
        })
        && !words.iter().any(|w| is_agency(w))
}
