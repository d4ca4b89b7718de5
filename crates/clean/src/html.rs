//! HTML → article: title, main-text paragraphs and page metadata.
//!
//! The main text comes from the `trafilatura` crate (a port of go-trafilatura: content
//! selectors, paragraph scoring, readability and baseline fallbacks). When it finds nothing,
//! our own walk takes the article container (`<article>`, `[itemprop=articleBody]`, `<main>`,
//! else `<body>`) and its block elements, page furniture (`nav`, `header`, `footer`, `aside`,
//! `form`, `figure`, scripts) skipped. Metadata comes from our own reading of the head.
//! The furniture classifier of [`crate::furniture`] then runs on the paragraphs.

use scraper::{ElementRef, Html, Node, Selector};

use crate::normalize_inline;

/// Which main-content scoring to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extractor {
    /// Our own scoring ([`crate::readable`]); the `trafilatura` crate's only on pages where
    /// no container stands out (instead of keeping every block).
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
    let meta = |selector: &str| -> Option<String> {
        let selector = Selector::parse(selector).ok()?;
        html.select(&selector)
            .filter_map(|e| e.value().attr("content").or_else(|| e.value().attr("href")))
            .map(normalize_inline)
            .find(|v| !v.is_empty())
    };
    let container = ["article", "[itemprop=articleBody]", "main", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| html.select(&s).next());

    let h1 = container.and_then(|c| first_text(c, "h1"));
    let title =
        meta("meta[property='og:title'], meta[name='og:title'], meta[name='twitter:title']")
            .or(h1)
            .or_else(|| first_text(html.root_element(), "title"));

    // The main text: trafilatura's scoring of the page, else the blocks of the container.
    // Its readability and jusText fallbacks double the cost, so they run only when the first
    // pass found much less text than the article container holds.
    let walked = container
        .map(|c| blocks(c, title.as_deref()))
        .unwrap_or_default();
    let mut notes = Vec::new();
    let depth = max_depth(&html);
    // Skipping the scoring for pages with one article element of enough text was tried: 20 %
    // faster, but F1 0.901 instead of 0.918 on the trafilatura set (share bars and teasers
    // inside <article>), so every page is scored.
    let own = || {
        crate::readable::article_nodes(&html)
            .map(|nodes| {
                crate::readable::paragraphs(&html, &nodes, title.as_deref(), normalize_inline)
            })
            .filter(|p| !p.is_empty())
    };
    let (paragraphs, scored, main_author) = match extractor {
        Extractor::Fast => match own() {
            Some(paragraphs) => (paragraphs, true, None),
            None => (walked, false, None),
        },
        Extractor::Auto => match own() {
            Some(paragraphs) => (paragraphs, true, None),
            None => trafilatura_paragraphs(page, depth, walked, title.as_deref(), &mut notes),
        },
        Extractor::Trafilatura => {
            trafilatura_paragraphs(page, depth, walked, title.as_deref(), &mut notes)
        }
    };

    let published = meta(
        "meta[property='article:published_time'], meta[name='article:published_time'], \
         meta[itemprop='datePublished'], meta[name='pubdate'], meta[name='publish-date'], \
         meta[name='date'], meta[name='DC.date.issued'], meta[name='dc.date']",
    )
    .or_else(|| json_ld_date(&html))
    .or_else(|| {
        let selector = Selector::parse("time[datetime]").ok()?;
        container?
            .select(&selector)
            .find_map(|t| t.value().attr("datetime").map(normalize_inline))
    });

    HtmlArticle {
        title,
        paragraphs,
        published,
        url: meta("link[rel='canonical']").or_else(|| meta("meta[property='og:url']")),
        site: meta("meta[property='og:site_name']"),
        declared_lang: html
            .root_element()
            .value()
            .attr("lang")
            .map(normalize_inline)
            .filter(|l| !l.is_empty()),
        // The author meta, else the one trafilatura read (JSON-LD, bylines in the markup).
        authors: meta("meta[name='author'], meta[property='article:author']")
            .filter(|a| !a.starts_with("http"))
            .or(main_author)
            .map(|a| {
                a.split(';')
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        captions: Selector::parse("figcaption")
            .map(|s| {
                html.select(&s)
                    .map(|e| normalize_inline(&e.text().collect::<String>()))
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
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
                let name = page[at + 1..name_end].to_ascii_lowercase();
                let tag_end = memchr_gt(&bytes[name_end..]).map_or(bytes.len(), |n| name_end + n);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
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
    bytes.iter().position(|&b| b == b'>')
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

fn first_text(root: ElementRef<'_>, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    root.select(&selector)
        .map(|e| normalize_inline(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
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

fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// `datePublished` from a JSON-LD block, read without a JSON parser: the blocks are often
/// invalid JSON, and only this one string is wanted.
fn json_ld_date(html: &Html) -> Option<String> {
    let selector = Selector::parse("script[type='application/ld+json']").ok()?;
    html.select(&selector).find_map(|script| {
        let text: String = script.text().collect();
        let key = text.find("\"datePublished\"")?;
        let rest = &text[key + "\"datePublished\"".len()..];
        let rest = rest
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        let value = &rest[..rest.find('"')?];
        (!value.trim().is_empty()).then(|| value.trim().to_owned())
    })
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
        } else if let Some(tag) = ["script", "style", "svg", "template"]
            .into_iter()
            .find(|tag| {
                rest.get(1..1 + tag.len())
                    .is_some_and(|open| open.eq_ignore_ascii_case(tag.as_bytes()))
                    && rest
                        .get(1 + tag.len())
                        .is_some_and(|&c| c == b'>' || c.is_ascii_whitespace())
            })
        {
            match find(rest, b">") {
                // An element that never closes its start tag runs to the end of the page.
                None => Some(bytes.len()),
                Some(head_end)
                    if tag == "script" && ascii_contains(&rest[..head_end], b"ld+json") =>
                {
                    i = at + head_end + 1;
                    continue;
                }
                Some(_) => {
                    let close = format!("</{tag}");
                    Some(
                        find_ascii_ci(rest, close.as_bytes()).map_or(bytes.len(), |e| {
                            find(&rest[e..], b">").map_or(bytes.len(), |g| at + e + g + 1)
                        }),
                    )
                }
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
    bytes.iter().position(|&b| b == b'<')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn ascii_contains(haystack: &[u8], needle: &[u8]) -> bool {
    find_ascii_ci(haystack, needle).is_some()
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
