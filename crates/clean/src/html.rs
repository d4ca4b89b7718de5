//! HTML → article: title, main-text paragraphs and page metadata.
//!
//! The main text comes from the `trafilatura` crate (a port of go-trafilatura: content
//! selectors, paragraph scoring, readability and baseline fallbacks). When it finds nothing,
//! our own walk takes the article container (`<article>`, `[itemprop=articleBody]`, `<main>`,
//! else `<body>`) and its block elements, page furniture (`nav`, `header`, `footer`, `aside`,
//! `form`, `figure`, scripts) skipped. Metadata comes from our own reading of the head.
//! The furniture classifier of [`crate::furniture`] then runs on the paragraphs.

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use crate::normalize_inline;

/// Which main-content scoring to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extractor {
    /// Our own scoring ([`crate::readable`]); on pages where its best container is a guess
    /// (under [`crate::readable::CONFIDENT`]: a tenth of the dev pages), the `trafilatura`
    /// crate's first pass when it finds an article's worth of text.
    #[default]
    Auto,
    /// The `trafilatura` crate on every page: the best F1 on trafilatura's own set, at a
    /// sixth of `Auto`'s speed.
    Trafilatura,
    /// Our own scoring alone, every block kept when no container stands out.
    Fast,
}

/// What the page gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// `og:title`, else the article's `<h1>`, else `<title>`.
    pub title: Option<String>,
    /// Block texts in document order, normalised, non-empty, the title not repeated.
    pub paragraphs: Vec<String>,
    /// The publication date from metadata (`article:published_time`, JSON-LD
    /// `datePublished`, `<time datetime>` in the article), as written.
    pub published: Option<String>,
    /// `<link rel=canonical>`, else `og:url`.
    pub url: Option<String>,
    /// `og:site_name`.
    pub site: Option<String>,
    /// `<html lang>`.
    pub declared_lang: Option<String>,
    /// Authors from metadata (`author` meta, JSON-LD `author.name`).
    pub authors: Vec<String>,
    /// `<figcaption>` texts.
    pub captions: Vec<String>,
    /// What the extraction noticed, for the document's diagnostics.
    pub notes: Vec<String>,
    /// Whether the paragraphs were chosen by main-content scoring; if not, they are all the
    /// blocks of the article container and need the full furniture rules.
    pub scored: bool,
}

/// Elements whose whole subtree is page furniture or not text.
pub(crate) const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "figure", "button", "iframe", "svg", "select", "textarea", "object", "embed", "canvas",
    "video", "audio", "picture", "img", "head",
];

/// Elements that make a paragraph of the text.
pub(crate) const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "caption",
];

/// The `trafilatura` crate's first pass (no fallbacks: they double its cost), as paragraphs
/// by our block walk, when it finds an article's worth of text.
fn quick_trafilatura(page: &str, depth: usize, title: Option<&str>) -> Option<Vec<String>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let main = main_text(page, false).filter(|m| m.text_len >= MIN_MAIN_BYTES)?;
    let fragment = Html::parse_fragment(&main.html);
    Some(blocks(fragment.root_element(), title)).filter(|p| !p.is_empty())
}

/// The `trafilatura` crate's main text, as paragraphs by our block walk; `walked` (the
/// container's blocks) when it finds nothing. Returns the paragraphs, whether the page was
/// scored, and the author it read.
fn trafilatura_paragraphs(
    page: &str,
    depth: usize,
    walked: Vec<String>,
    title: Option<&str>,
    notes: &mut Vec<String>,
) -> (Vec<String>, bool, Option<String>) {
    let walked_len: usize = walked.iter().map(String::len).sum();
    let main = if depth > MAX_DEPTH {
        // trafilatura recurses over the tree: a page nested thousands deep would
        // overflow the stack. Our own walk is iterative.
        notes.push(format!(
            "elements nested {depth} deep (over {MAX_DEPTH}): main-text scoring skipped, all blocks kept"
        ));
        None
    } else {
        match main_text(page, false) {
            Some(main) if main.text_len >= MIN_MAIN_BYTES && main.text_len * 3 >= walked_len => {
                Some(main)
            }
            _ => main_text(page, true),
        }
    };
    let scored = main.is_some();
    let main_author = main
        .as_ref()
        .map(|m| m.author.clone())
        .filter(|a| !a.is_empty());
    // trafilatura's plain text glues paragraphs and breaks lines at inline tags; its
    // HTML keeps the structure, which our block walk turns into paragraphs.
    let paragraphs = match main {
        Some(main) => {
            let fragment = Html::parse_fragment(&main.html);
            let from_main = blocks(fragment.root_element(), title);
            // trafilatura's fallbacks may return the whole text as one block: when the
            // page's own blocks hold the same text, they keep its paragraphs.
            let main_len: usize = from_main.iter().map(String::len).sum();
            let glued = from_main.len() == 1 && walked.len() > 1 && main_len * 5 >= walked_len * 4;
            if from_main.is_empty() || glued {
                walked
            } else {
                from_main
            }
        }
        None => walked,
    };
    (paragraphs, scored, main_author)
}

/// Extracts the article of `page`.
pub fn extract(page: &str, extractor: Extractor) -> HtmlArticle {
    let stripped = strip_inert(page);
    let page = stripped.as_str();
    let nesting = tag_nesting(page);
    if nesting > MAX_PARSE_DEPTH {
        // The HTML parser checks its stack of open elements at every start tag: a page
        // nested tens of thousands deep takes minutes. Such a page is not an article
        // template; its text is read with the tags dropped.
        return HtmlArticle {
            paragraphs: text_without_tags(page),
            notes: vec![format!(
                "elements nested about {nesting} deep (over {MAX_PARSE_DEPTH}): text read with the markup dropped"
            )],
            ..HtmlArticle::default()
        };
    }
    let html = Html::parse_document(page);
    let facts = PageFacts::collect(&html);
    let meta = |keys: &[&str]| facts.meta(keys);
    let container = facts
        .container
        .and_then(|id| html.tree.get(id))
        .and_then(ElementRef::wrap);

    let h1 = facts.first_text_in(&html, &facts.h1s, container);
    let title = meta(&["property=og:title", "name=og:title", "name=twitter:title"])
        .or(h1)
        .or_else(|| facts.title.clone());

    // The main text: our scoring or trafilatura's, else the blocks of the container. The
    // container's blocks and the page's depth are computed only when needed (each is a walk
    // of the whole tree).
    let walked = || {
        container
            .map(|c| blocks(c, title.as_deref()))
            .unwrap_or_default()
    };
    let mut notes = Vec::new();
    let depth = || max_depth(&html);
    // Skipping the scoring for pages with one article element of enough text was tried: 20 %
    // faster, but F1 0.901 instead of 0.918 on the trafilatura set (share bars and teasers
    // inside <article>), so every page is scored.
    let choice = || crate::readable::article_nodes(&html);
    let own = |choice: Option<crate::readable::Choice>| {
        choice
            .map(|c| {
                crate::readable::paragraphs(&html, &c.nodes, title.as_deref(), normalize_inline)
            })
            .filter(|p| !p.is_empty())
    };
    let (paragraphs, scored, main_author) = match extractor {
        Extractor::Fast => match own(choice()) {
            Some(paragraphs) => (paragraphs, true, None),
            None => (walked(), false, None),
        },
        Extractor::Auto => {
            // Our choice when it is confident; trafilatura's when ours is a guess.
            let choice = choice();
            match choice.as_ref().map(|c| c.score) {
                Some(score) if score >= crate::readable::CONFIDENT => match own(choice) {
                    Some(paragraphs) => (paragraphs, true, None),
                    None => (walked(), false, None),
                },
                _ => match quick_trafilatura(page, depth(), title.as_deref()) {
                    Some(theirs) => (theirs, true, None),
                    None => match own(choice) {
                        Some(paragraphs) => (paragraphs, true, None),
                        None => (walked(), false, None),
                    },
                },
            }
        }
        Extractor::Trafilatura => {
            trafilatura_paragraphs(page, depth(), walked(), title.as_deref(), &mut notes)
        }
    };

    let published = meta(&[
        "property=article:published_time",
        "name=article:published_time",
        "itemprop=datepublished",
        "name=pubdate",
        "name=publish-date",
        "name=date",
        "name=dc.date.issued",
        "name=dc.date",
    ])
    .or_else(|| facts.json_ld.iter().find_map(|text| json_ld_date(text)))
    .or_else(|| {
        let inside = |id: NodeId| {
            container.is_some_and(|c| {
                html.tree
                    .get(id)
                    .is_some_and(|n| n.ancestors().any(|a| a.id() == c.id()))
            })
        };
        facts
            .times
            .iter()
            .find(|(id, _)| inside(*id))
            .map(|(_, datetime)| datetime.clone())
    });

    HtmlArticle {
        title,
        paragraphs,
        published,
        url: facts
            .canonical
            .clone()
            .or_else(|| meta(&["property=og:url"])),
        site: meta(&["property=og:site_name"]),
        declared_lang: html
            .root_element()
            .value()
            .attr("lang")
            .map(normalize_inline)
            .filter(|l| !l.is_empty()),
        // The author meta, else the one trafilatura read (JSON-LD, bylines in the markup).
        authors: meta(&["name=author", "property=article:author"])
            .filter(|a| !a.starts_with("http"))
            .or(main_author)
            .map(|a| {
                a.split(';')
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        captions: facts.captions,
        notes,
        scored,
    }
}

/// Deeper pages are not parsed as HTML at all (see [`tag_nesting`]).
const MAX_PARSE_DEPTH: usize = 2000;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An estimate of the deepest element nesting, from the tags alone, in one pass: start tags
/// open (but void and self-closing ones), end tags close.
fn tag_nesting(page: &str) -> usize {
    let bytes = page.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        let at = i + offset;
        i = at + 1;
        match bytes.get(at + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[at + 1..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| at + 1 + n);
                let name = &page[at + 1..name_end];
                let tag_end = memchr_gt(&bytes[name_end..]).map_or(bytes.len(), |n| name_end + n);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                let void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
                if !void && !self_closing {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                i = tag_end.max(i);
            }
            _ => {}
        }
    }
    deepest
}

/// The text of `page` with its tags dropped: block tags end a paragraph, the common entities
/// are decoded.
fn text_without_tags(page: &str) -> Vec<String> {
    let mut text = String::with_capacity(page.len() / 2);
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let name: String = rest[open + 1..close]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        text.push(
            if BLOCKS.contains(&name.as_str())
                || matches!(name.as_str(), "div" | "br" | "section" | "article" | "tr")
            {
                '\n'
            } else {
                ' '
            },
        );
        rest = &rest[close..];
    }
    text.push_str(rest);
    let text = text
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.lines()
        .map(normalize_inline)
        .filter(|l| !l.is_empty())
        .collect()
}

fn memchr_gt(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'>', bytes)
}

/// Deeper pages skip trafilatura, whose tree walks recurse.
const MAX_DEPTH: usize = 512;

/// The deepest element nesting of the page, counted without recursion.
fn max_depth(html: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(html.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(node.children().map(|c| (c, depth + 1)));
    }
    deepest
}

/// Below this many bytes, a first-pass main text is retried with the fallbacks.
const MIN_MAIN_BYTES: usize = 500;

/// The main content as trafilatura finds it, or `None` when it finds no text.
/// What trafilatura found.
struct MainContent {
    html: String,
    text_len: usize,
    author: String,
}

fn main_text(page: &str, fallback: bool) -> Option<MainContent> {
    let mut options = trafilatura::Options::default().with_fallback(fallback);
    options.exclude_comments = true;
    // The publication date is read by `extract` itself, with its time of day.
    options.html_date_mode = trafilatura::HtmlDateMode::Disabled;
    let result = trafilatura::extract(page, &options).ok()?;
    let text_len = result.content_text.trim().len();
    (text_len > 0).then(|| MainContent {
        html: result.content_html,
        text_len,
        author: normalize_inline(&result.metadata.author),
    })
}

/// Block texts under `container`, walked with an explicit stack (pages nest thousands deep).
fn blocks(container: ElementRef<'_>, title: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut loose = String::new();
    let mut stack = vec![*container];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) || is_hidden(element) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    flush(&mut loose, &mut out, title);
                    let mut text = String::new();
                    collect_text(node, &mut text);
                    push_block(&text, &mut out, title);
                    continue;
                }
                if matches!(
                    name,
                    "div" | "section" | "br" | "table" | "tr" | "ul" | "ol"
                ) {
                    flush(&mut loose, &mut out, title);
                }
                // Children in reverse so that they pop in document order.
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev());
            }
            Node::Text(text) => loose.push_str(text),
            _ => {}
        }
    }
    flush(&mut loose, &mut out, title);
    out
}

fn flush(loose: &mut String, out: &mut Vec<String>, title: Option<&str>) {
    if !loose.trim().is_empty() {
        push_block(loose, out, title);
    }
    loose.clear();
}

fn push_block(text: &str, out: &mut Vec<String>, title: Option<&str>) {
    let text = normalize_inline(text);
    if text.is_empty() || Some(text.as_str()) == title {
        return;
    }
    out.push(text);
}

/// The text under `node`, without skipped subtrees; `<br>` is a space.
fn collect_text(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) => {
                if SKIPPED.contains(&element.name()) || is_hidden(element) {
                    continue;
                }
                if element.name() == "br" {
                    out.push(' ');
                }
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
        // Block boundaries inside a block (nested paragraphs) must not glue words.
        if let Node::Element(element) = node.value()
            && BLOCKS.contains(&element.name())
        {
            out.push(' ');
        }
    }
}

pub(crate) fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// `datePublished` from a JSON-LD block, read without a JSON parser: the blocks are often
/// invalid JSON, and only this one string is wanted.
fn json_ld_date(text: &str) -> Option<String> {
    let key = text.find("\"datePublished\"")?;
    let rest = &text[key + "\"datePublished\"".len()..];
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let value = &rest[..rest.find('"')?];
    (!value.trim().is_empty()).then(|| value.trim().to_owned())
}

/// What the page says about itself, read in one pass over the tree (a CSS selector per fact
/// would walk the whole tree each time).
#[derive(Default)]
struct PageFacts {
    /// `attr=value` of `meta` elements (lower case) → document position and content.
    metas: Vec<(String, usize, String)>,
    canonical: Option<String>,
    title: Option<String>,
    /// The article container: the first `article`, else `[itemprop=articleBody]`, else
    /// `main`, else `body`.
    container: Option<NodeId>,
    h1s: Vec<NodeId>,
    /// `time[datetime]` elements and their value, in document order.
    times: Vec<(NodeId, String)>,
    /// The text of JSON-LD scripts.
    json_ld: Vec<String>,
    captions: Vec<String>,
}

impl PageFacts {
    fn collect(html: &Html) -> PageFacts {
        let mut facts = PageFacts::default();
        let (mut article, mut body_item, mut main, mut body) = (None, None, None, None);
        for (position, node) in html.tree.root().descendants().enumerate() {
            let Node::Element(e) = node.value() else {
                continue;
            };
            let text = || {
                let element = ElementRef::wrap(node).expect("an element");
                normalize_inline(&element.text().collect::<String>())
            };
            match e.name() {
                "meta" => {
                    if let Some(content) = e.attr("content") {
                        for attr in ["property", "name", "itemprop"] {
                            if let Some(value) = e.attr(attr) {
                                let key = format!("{attr}={}", value.to_ascii_lowercase());
                                facts.metas.push((key, position, content.to_owned()));
                            }
                        }
                    }
                }
                "link"
                    if facts.canonical.is_none()
                        && e.attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    facts.canonical = e
                        .attr("href")
                        .map(normalize_inline)
                        .filter(|h| !h.is_empty());
                }
                "title" if facts.title.is_none() => {
                    facts.title = Some(text()).filter(|t| !t.is_empty());
                }
                "article" if article.is_none() => article = Some(node.id()),
                "main" if main.is_none() => main = Some(node.id()),
                "body" if body.is_none() => body = Some(node.id()),
                "h1" => facts.h1s.push(node.id()),
                "time" => {
                    if let Some(datetime) = e.attr("datetime") {
                        facts.times.push((node.id(), normalize_inline(datetime)));
                    }
                }
                "script"
                    if e.attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                {
                    facts.json_ld.push(text_of(node));
                }
                "figcaption" => {
                    let caption = text();
                    if !caption.is_empty() {
                        facts.captions.push(caption);
                    }
                }
                _ => {}
            }
            if body_item.is_none() && e.attr("itemprop") == Some("articleBody") {
                body_item = Some(node.id());
            }
        }
        facts.container = article.or(body_item).or(main).or(body);
        facts
    }

    /// The first non-empty content of a `meta` with one of `keys` (`attr=value`, value in
    /// lower case), in document order.
    fn meta(&self, keys: &[&str]) -> Option<String> {
        self.metas
            .iter()
            .filter(|(key, _, _)| keys.contains(&key.as_str()))
            .map(|(_, position, content)| (position, normalize_inline(content)))
            .filter(|(_, content)| !content.is_empty())
            .min_by_key(|(position, _)| **position)
            .map(|(_, content)| content)
    }

    /// The text of the first of `ids` inside `container` that has some.
    fn first_text_in(
        &self,
        html: &Html,
        ids: &[NodeId],
        container: Option<ElementRef<'_>>,
    ) -> Option<String> {
        let container = container?;
        ids.iter()
            .filter_map(|&id| html.tree.get(id))
            .filter(|n| n.ancestors().any(|a| a.id() == container.id()))
            .filter_map(ElementRef::wrap)
            .map(|e| normalize_inline(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    }
}

/// The raw text under `node` (a script's).
fn text_of(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// `page` without what is never text: scripts (JSON-LD kept: it carries the date), styles,
/// SVG drawings, templates and comments. They are most of a news page's bytes (61 % on the
/// ScrapingHub pages), and every later pass over the page is cheaper without them.
pub fn strip_inert(page: &str) -> String {
    let bytes = page.as_bytes();
    let mut out = String::with_capacity(page.len() / 2);
    let mut copied = 0;
    let mut i = 0;
    // Every scan below moves `i` forward past what it read, so the whole pass is linear.
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        let at = i + offset;
        let rest = &bytes[at..];
        let skip_to = if rest.starts_with(b"<!--") {
            Some(find(rest, b"-->").map_or(bytes.len(), |e| at + e + 3))
        } else if let Some((tag, close)) = [
            ("script", "</script"),
            ("style", "</style"),
            ("svg", "</svg"),
            ("template", "</template"),
        ]
        .into_iter()
        .find(|(tag, _)| {
            rest.get(1..1 + tag.len())
                .is_some_and(|open| open.eq_ignore_ascii_case(tag.as_bytes()))
                && rest
                    .get(1 + tag.len())
                    .is_some_and(|&c| c == b'>' || c.is_ascii_whitespace())
        }) {
            match find(rest, b">") {
                // An element that never closes its start tag runs to the end of the page.
                None => Some(bytes.len()),
                Some(head_end)
                    if tag == "script" && ascii_contains(&rest[..head_end], b"ld+json") =>
                {
                    i = at + head_end + 1;
                    continue;
                }
                Some(_) => Some(
                    find_ascii_ci(rest, close.as_bytes()).map_or(bytes.len(), |e| {
                        find(&rest[e..], b">").map_or(bytes.len(), |g| at + e + g + 1)
                    }),
                ),
            }
        } else {
            None
        };
        match skip_to {
            Some(end) => {
                out.push_str(&page[copied..at]);
                copied = end;
                i = end;
            }
            None => i = at + 1,
        }
    }
    out.push_str(&page[copied..]);
    out
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// The first `needle` in `haystack`, ASCII case ignored; `needle` starts with a byte that has
/// no case (`<`), found with memchr.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    debug_assert!(!first.is_ascii_alphabetic());
    let mut from = 0;
    while let Some(offset) = memchr::memchr(first, &haystack[from..]) {
        let at = from + offset;
        if haystack
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether `needle` is in `haystack`, ASCII case ignored (a start tag: short).
fn ascii_contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::{extract, strip_inert};

    /// A short page came out as one block, its paragraphs glued and its title repeated,
    /// when trafilatura's fallback returned the text without block elements.
    #[test]
    fn regression_short_page_keeps_its_paragraphs() {
        let page = "<html><body><article><h1>Big news today</h1><h2>Sub heading here</h2>\
            <p>The president met the mayor on Monday to talk about the new bridge.</p>\
            <p>Second paragraph with more words about the bridge and its cost.</p></article></body></html>";
        let article = extract(page, super::Extractor::Trafilatura);
        assert_eq!(article.title.as_deref(), Some("Big news today"));
        assert_eq!(article.paragraphs.len(), 3, "{:?}", article.paragraphs);
    }

    #[test]
    fn very_deep_pages_are_read_without_the_parser() {
        let page = format!(
            "<html><body>{}<p>Profond.</p></body></html>",
            "<div>".repeat(50_000)
        );
        let article = extract(&page, super::Extractor::Trafilatura);
        assert_eq!(article.paragraphs, ["Profond."]);
        assert!(article.notes[0].contains("nested about 50"));
    }

    #[test]
    fn inert_elements_are_stripped_and_the_rest_kept() {
        for (page, expected) in [
            (
                "<p>a</p><script>var x = '<p>';</script><p>b</p>",
                "<p>a</p><p>b</p>",
            ),
            ("<STYLE type=x>p{}</STYLE>ok", "ok"),
            ("x<!-- <p>c</p> -->y", "xy"),
            ("<svg viewBox='0'><path/></svg><p>é</p>", "<p>é</p>"),
            (
                "<script type=\"application/ld+json\">{}</script>",
                "<script type=\"application/ld+json\">{}</script>",
            ),
            ("<scripted>kept</scripted>", "<scripted>kept</scripted>"),
            ("<p>unclosed <script>never ends", "<p>unclosed "),
            ("a <!-- never ends", "a "),
            ("<", "<"),
        ] {
            assert_eq!(strip_inert(page), expected, "{page}");
        }
    }
}
