//! Our own main-content scoring on the one html5ever parse (the default extractor), in the
//! manner of Readability:
//! - each paragraph of some length (a `p`, a leaf `div`, or text cut by `<br>` straight in a
//!   container) is evidence for its container (and half for the one above);
//! - a container's evidence is discounted by its link density and scaled by the words of its
//!   class and id ([`Cues`]: `content`, `article` up; `widget`, `meta` a little down;
//!   `comment`, `share`, `related`, `cookie` far down), and by a furniture ancestor (a cookie
//!   dialog, the comments, a `nav`) unless that ancestor wraps most of the page (an unclosed
//!   tag);
//! - the best container, its good siblings, its twins (same tag and class: an article cut
//!   into sections) and a lead or article header before it are the article; furniture
//!   subtrees and link lists inside are dropped.
//!
//! Cues are words, not substrings: `field--label-hidden` is not hidden, and WordPress
//! taxonomy classes (`category-popular`) name the post's topics, not the element's role.
//! Figures against Python trafilatura on the dev sets are in the README.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use crate::html::{BLOCKS, SKIPPED, is_hidden};

/// Class and id words that mark the article's container.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "text", "story", "blog", "news",
    "richtext", "prose",
];
/// Class and id words of page furniture: the subtree is not the article, and is dropped
/// from it.
const STRONG_NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "cookie",
    "consent",
    "gdpr",
    "sidebar",
    "footer",
    "nav",
    "menu",
    "breadcrumb",
    "promo",
    "advert",
    "ad",
    "ads",
    "sponsor",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "recommend",
    "popular",
    "trending",
    "shoutbox",
    "skyscraper",
    "disqus",
    "login",
    "signup",
    "donate",
    "community",
    "kommentar",
    "kommentare",
    "replies",
    "reply",
    "forum",
    "popmake",
];
/// Class and id words of an ancestor that rule out a container inside it (layout words such
/// as `with-sidebar` do not).
const ENCLOSING_NEGATIVE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "comment",
    "comments",
    "footer",
    "related",
    "newsletter",
    "disqus",
    "outbrain",
    "taboola",
    "community",
    "kommentar",
    "kommentare",
    "replies",
];
/// Class and id words that make a container less likely, without ruling it out
/// (`elementor-widget-container` holds many an article).
const WEAK_NEGATIVE: &[&str] = &[
    "widget",
    "meta",
    "tool",
    "foot",
    "footnote",
    "masthead",
    "scroll",
    "teaser",
    "tags",
    "byline",
    "author",
    "caption",
    "credit",
    "shopping",
    "header",
    "aside",
    "extra",
    "supplemental",
    "pagination",
    "pager",
    "banner",
];

/// Classes that hide an element.
const HIDDEN_CLASSES: &[&str] = &["hidden", "is-hidden", "d-none", "hide", "invisible"];

/// Class items that name a post's taxonomy, not the element's role.
const TAXONOMY_PREFIXES: &[&str] = &["category-", "tag-", "post-", "status-", "format-", "type-"];

/// What the class and id of an element say.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cues {
    positive: bool,
    weak_negative: bool,
    strong_negative: bool,
    /// A cue that rules out everything inside (a cookie dialog, the comments).
    enclosing_negative: bool,
}

impl Cues {
    fn of(element: &scraper::node::Element) -> Cues {
        let mut cues = Cues::default();
        for attr in [element.attr("class"), element.attr("id")]
            .into_iter()
            .flatten()
        {
            // WordPress lists a post's taxonomy in its classes (`category-popular`,
            // `tag-comments`): names, not roles.
            let roles = attr
                .split_ascii_whitespace()
                .filter(|item| !TAXONOMY_PREFIXES.iter().any(|p| item.starts_with(p)));
            // Hidden as a whole class (`hidden`, `is-hidden`), not `field--label-hidden`.
            cues.strong_negative |= attr
                .split_ascii_whitespace()
                .any(|item| HIDDEN_CLASSES.iter().any(|h| h.eq_ignore_ascii_case(item)));
            for word in roles
                .flat_map(|item| item.split(|c: char| !c.is_ascii_alphanumeric()))
                .filter(|w| !w.is_empty())
            {
                let hit = |list: &[&str]| list.iter().any(|cue| cue_matches(word, cue));
                cues.positive |= hit(POSITIVE);
                cues.strong_negative |= hit(STRONG_NEGATIVE);
                cues.weak_negative |= hit(WEAK_NEGATIVE);
                cues.enclosing_negative |= hit(ENCLOSING_NEGATIVE);
            }
        }
        cues
    }

    /// How much a container's paragraph evidence counts.
    fn factor(self) -> f64 {
        if self.strong_negative {
            0.15
        } else if self.weak_negative {
            if self.positive { 0.9 } else { 0.6 }
        } else if self.positive {
            1.5
        } else {
            1.0
        }
    }
}

/// A word of a class or id matches a cue when equal to it, or, for cues of four letters or
/// more, when it starts or ends with it (`comments`, `sharebar`, `postcomments`).
/// ASCII case is ignored; cues are lower case.
fn cue_matches(word: &str, cue: &str) -> bool {
    let (word, cue) = (word.as_bytes(), cue.as_bytes());
    if word.len() < cue.len() {
        return false;
    }
    let prefix = word[..cue.len()].eq_ignore_ascii_case(cue);
    if word.len() == cue.len() {
        return prefix;
    }
    cue.len() >= 4 && (prefix || word[word.len() - cue.len()..].eq_ignore_ascii_case(cue))
}

/// Elements that hold blocks: a `div` with none of them inside is a paragraph.
const CONTAINERS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "article",
    "section",
    "main",
    "dl",
    "figure",
    "form",
];

/// The paragraphs under `nodes`: block texts in document order, without furniture subtrees
/// (by tag or class), link lists or repeats of the title.
pub fn paragraphs(
    html: &Html,
    nodes: &[NodeId],
    title: Option<&str>,
    normalize: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    for &id in nodes {
        let Some(root) = html.tree.get(id) else {
            continue;
        };
        let mut loose = String::new();
        let mut stack = vec![(root, true)];
        let flush = |loose: &mut String, out: &mut Vec<String>| {
            let text = normalize(loose);
            if !text.is_empty() && Some(text.as_str()) != title {
                out.push(text);
            }
            loose.clear();
        };
        while let Some((node, is_root)) = stack.pop() {
            match node.value() {
                Node::Text(t) => loose.push_str(t),
                Node::Element(e) => {
                    if !is_root
                        && (SKIPPED.contains(&e.name()) || is_hidden(e) || is_furniture(node, e))
                    {
                        continue;
                    }
                    if BLOCKS.contains(&e.name()) || e.name() == "div" && !node.children().any(|c| matches!(c.value(), Node::Element(ce) if CONTAINERS.contains(&ce.name()))) {
                        flush(&mut loose, &mut out);
                        let (len, link, _) = text_stats(node);
                        if len == 0 || link * 2 > len {
                            continue;
                        }
                        // In a `div` written as lines, a `<br>` ends a paragraph; in a `p`
                        // it is a line break inside one.
                        let br_splits = e.name() == "div";
                        let mut text = String::new();
                        let mut inner = vec![node];
                        while let Some(n) = inner.pop() {
                            match n.value() {
                                Node::Text(t) => text.push_str(t),
                                Node::Element(ie) if ie.name() == "br" && br_splits => {
                                    flush(&mut text, &mut out);
                                }
                                Node::Element(ie) if !SKIPPED.contains(&ie.name()) && !is_hidden(ie) => {
                                    if ie.name() == "br" || BLOCKS.contains(&ie.name()) {
                                        text.push(' ');
                                    }
                                    let children: Vec<_> = n.children().collect();
                                    inner.extend(children.into_iter().rev());
                                }
                                _ => {}
                            }
                        }
                        flush(&mut text, &mut out);
                        continue;
                    }
                    if matches!(
                        e.name(),
                        "div" | "section" | "br" | "ul" | "ol" | "table" | "tr"
                    ) {
                        flush(&mut loose, &mut out);
                    }
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                _ => {}
            }
        }
        flush(&mut loose, &mut out);
    }
    out
}

/// Words of a class that name a lead or standfirst.
const LEAD: &[&str] = &[
    "lead",
    "intro",
    "abstract",
    "summary",
    "standfirst",
    "chapo",
    "chapeau",
    "perex",
    "subtitle",
    "subheadline",
    "teaser",
    "deck",
    "dek",
    "excerpt",
    "description",
];

/// Whether an element before the article's body is its header or lead: an article `header`
/// or an element with a lead class, reading as prose.
fn is_lead(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    let cues = Cues::of(e);
    let lead_class = [e.attr("class"), e.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|a| a.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|w| LEAD.iter().any(|cue| cue_matches(w, cue)));
    if cues.strong_negative || !(e.name() == "header" || lead_class) {
        return false;
    }
    let (len, link, _) = text_stats(node);
    len > 80 && link * 4 < len
}

/// Whether a subtree inside the article is furniture: a strong cue, or a weak one on
/// little text or mostly links (a `widget` wrapper around the body is kept).
fn is_furniture(node: NodeRef<'_, Node>, element: &scraper::node::Element) -> bool {
    let cues = Cues::of(element);
    if cues.strong_negative {
        return true;
    }
    if cues.weak_negative && !cues.positive {
        let (len, link, _) = text_stats(node);
        return len < 200 || link * 3 > len;
    }
    false
}

/// Runs of inline content directly inside `node`, between blocks and `<br>`s: (length,
/// link length, commas) of each.
fn loose_runs(node: NodeRef<'_, Node>) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    let mut run = (0, 0, 0);
    for child in node.children() {
        match child.value() {
            Node::Text(t) => {
                run.0 += t.trim().chars().count();
                run.2 += t.matches(',').count();
            }
            Node::Element(e)
                if e.name() == "br"
                    || CONTAINERS.contains(&e.name())
                    || BLOCKS.contains(&e.name())
                    || SKIPPED.contains(&e.name()) =>
            {
                if run.0 > 0 {
                    runs.push(run);
                }
                run = (0, 0, 0);
            }
            Node::Element(e) => {
                let (len, link, commas) = text_stats(child);
                run.0 += len;
                run.1 += if e.name() == "a" { len } else { link };
                run.2 += commas;
            }
            _ => {}
        }
    }
    if run.0 > 0 {
        runs.push(run);
    }
    runs
}

/// Text length and link-text length under `node`, skipping furniture subtrees.
fn text_stats(node: NodeRef<'_, Node>) -> (usize, usize, usize) {
    let (mut len, mut link, mut commas) = (0, 0, 0);
    let mut stack = vec![(node, false)];
    while let Some((n, in_link)) = stack.pop() {
        match n.value() {
            Node::Text(t) => {
                let l = t.trim().chars().count();
                len += l;
                commas += t.matches(',').count();
                if in_link {
                    link += l;
                }
            }
            Node::Element(e) => {
                if SKIPPED.contains(&e.name()) && n.id() != node.id() {
                    continue;
                }
                let link_here = in_link || e.name() == "a";
                stack.extend(n.children().map(|c| (c, link_here)));
            }
            _ => {}
        }
    }
    (len, link, commas)
}

/// A map keyed by node: node ids are small distinct integers, hashed as themselves.
type NodeMap<T> = HashMap<NodeId, T, BuildHasherDefault<IdHasher>>;

/// The identity hash of a node id (its `Hash` writes one integer).
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // Spread the low bits over the table: ids are consecutive.
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }
}

/// The evidence one paragraph gives: commas mark sentences of prose, length counts up to a
/// point. Commas count up to a point too, and no more than one per 50 characters: a list of
/// names or a title of keywords is not an article.
fn paragraph_score(len: usize, commas: usize) -> f64 {
    let commas = commas.min(MAX_COMMAS).min(1 + len / 50);
    1.0 + commas as f64 + (len as f64 / 100.0).min(3.0)
}

/// Commas counted in one paragraph.
const MAX_COMMAS: usize = 10;

/// Loose text shorter than this is a label, not a paragraph.
const LOOSE_MIN: usize = 80;

/// Below this, no container stands out: the caller keeps every block.
const MIN_SCORE: f64 = 3.0;

/// The container chosen as the article.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The ids of the nodes that hold the article, in document order.
    pub nodes: Vec<NodeId>,
    /// The best container's score: under [`CONFIDENT`], the choice is a guess.
    pub score: f64,
}

/// A best container scoring this much is an article's (a few paragraphs of prose).
pub const CONFIDENT: f64 = 8.0;

/// The nodes that hold the article, or `None` when no container stands out.
pub fn article_nodes(html: &Html) -> Option<Choice> {
    // Raw paragraph evidence per container, and each element's place in document order.
    let mut raw: NodeMap<f64> = NodeMap::default();
    let mut order: NodeMap<usize> = NodeMap::default();
    let mut preorder: Vec<NodeRef<'_, Node>> = Vec::new();
    let mut stack = vec![html.tree.root()];
    while let Some(node) = stack.pop() {
        order.insert(node.id(), order.len());
        preorder.push(node);
        if let Node::Element(e) = node.value() {
            // A form may wrap a whole page (ASP.NET): its paragraphs count.
            if SKIPPED.contains(&e.name()) && e.name() != "form" {
                continue;
            }
            let paragraph_like = matches!(e.name(), "p" | "pre" | "blockquote")
                || e.name() == "div" && !node.children().any(|c| matches!(c.value(), Node::Element(ce) if CONTAINERS.contains(&ce.name())));
            let mut credit = |len: usize, link: usize, commas: usize, holder: NodeRef<'_, Node>| {
                if len >= 25 && link * 2 < len {
                    let score = paragraph_score(len, commas);
                    // A form is never the article, though it may wrap one (ASP.NET).
                    if !matches!(holder.value(), Node::Element(e) if e.name() == "form") {
                        *raw.entry(holder.id()).or_default() += score;
                    }
                    if let Some(up) = holder.parent() {
                        *raw.entry(up.id()).or_default() += score / 2.0;
                    }
                }
            };
            if paragraph_like {
                let (len, link, commas) = text_stats(node);
                if let Some(parent) = node.parent() {
                    credit(len, link, commas, parent);
                }
            } else if !matches!(e.name(), "html" | "body" | "table" | "tbody" | "tr") {
                // Text written straight into a container, lines cut by `<br>`, is paragraphs
                // of that container (and of it alone: layout tables would gather every
                // label of the page).
                for (len, link, commas) in loose_runs(node) {
                    if len >= LOOSE_MIN && link * 4 < len {
                        *raw.entry(node.id()).or_default() += paragraph_score(len, commas);
                    }
                }
            }
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev());
    }
    // Text, link text and commas under each node, bottom-up in one pass (furniture elements'
    // insides were not visited: they count nothing).
    let mut stats: NodeMap<(usize, usize, usize)> = NodeMap::default();
    for node in preorder.iter().rev() {
        let mut own = stats.get(&node.id()).copied().unwrap_or_default();
        match node.value() {
            Node::Text(t) => {
                own.0 += t.trim().chars().count();
                own.2 += t.matches(',').count();
            }
            Node::Element(e) if e.name() == "a" => own.1 = own.0,
            _ => {}
        }
        stats.insert(node.id(), own);
        if let Some(parent) = node.parent() {
            let up = stats.entry(parent.id()).or_default();
            up.0 += own.0;
            up.1 += own.1;
            up.2 += own.2;
        }
    }
    // Text length under each node, to tell a furniture ancestor from a broken one that
    // wraps the whole page (an unclosed `<nav>`).
    let text_len = |id: NodeId| stats.get(&id).map_or(0, |s| s.0);
    let page_len = text_len(html.tree.root().id());
    // Whether each node is furniture that rules out what it holds, and whether it lies under
    // such a node, top-down in one pass. The body's classes describe the page
    // (`has-sidebar`), not a part of it; an element holding most of the page's text is a
    // wrapper, whatever its tag (an unclosed `<nav>`).
    let mut furniture: NodeMap<(bool, bool)> = NodeMap::default();
    for node in &preorder {
        let here = match node.value() {
            Node::Element(e) if matches!(e.name(), "body" | "html") => false,
            _ if text_len(node.id()) * 2 > page_len => false,
            Node::Element(e) => {
                SKIPPED.contains(&e.name()) && e.name() != "form" || Cues::of(e).enclosing_negative
            }
            _ => false,
        };
        let under = node.parent().is_some_and(|p| {
            furniture
                .get(&p.id())
                .is_some_and(|&(p_here, p_under)| p_here || p_under)
        });
        furniture.insert(node.id(), (here, under));
    }
    // Evidence discounted by link density, class and id cues, and furniture ancestors (a
    // cookie dialog's paragraphs are long and full of commas).
    let scores: NodeMap<f64> = raw
        .iter()
        .filter_map(|(&id, &evidence)| {
            let node = html.tree.get(id)?;
            let (len, link, _) = stats.get(&id).copied().unwrap_or_default();
            let density = if len == 0 {
                1.0
            } else {
                link as f64 / len as f64
            };
            let own = match node.value() {
                Node::Element(e) => {
                    Cues::of(e).factor() * if e.name() == "article" { 1.5 } else { 1.0 }
                }
                _ => 1.0,
            };
            let furniture_above = furniture.get(&id).is_some_and(|&(_, under)| under);
            let above = if furniture_above { 0.15 } else { 1.0 };
            Some((id, evidence * (1.0 - density) * own * above))
        })
        .collect();
    let (&top, &top_score) = scores
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| order[b.0].cmp(&order[a.0])))?;
    if top_score < MIN_SCORE {
        return None;
    }
    let top_node = html.tree.get(top)?;
    let threshold = (top_score * 0.2).max(MIN_SCORE);
    let mut out = Vec::new();
    match top_node.parent() {
        Some(parent) => {
            for sibling in parent.children() {
                let keep = sibling.id() == top
                    || scores.get(&sibling.id()).is_some_and(|&s| s >= threshold)
                    || matches!(sibling.value(), Node::Element(e) if e.name() == "p") && {
                        let (len, link, _) = stats.get(&sibling.id()).copied().unwrap_or_default();
                        len > 80 && link * 4 < len
                    }
                    || order[&sibling.id()] < order[&top] && is_lead(sibling);
                if keep {
                    out.push(sibling.id());
                }
            }
        }
        None => out.push(top),
    }
    // An article cut into sections by ads or pictures: other containers like the best one
    // (same tag and class) with good evidence, wherever they sit.
    let signature = |n: NodeRef<'_, Node>| match n.value() {
        // The first class names the component (`paragraph`, `wpb_text_column`); the
        // others vary with its type or place.
        Node::Element(e) => Some((
            e.name().to_owned(),
            e.attr("class")
                .and_then(|c| c.split_ascii_whitespace().next())
                .unwrap_or("")
                .to_owned(),
        )),
        _ => None,
    };
    let top_signature = signature(top_node);
    let inside_chosen = |id: NodeId, chosen: &[NodeId]| {
        html.tree.get(id).is_some_and(|n| {
            chosen.contains(&id)
                || n.ancestors().any(|a| chosen.contains(&a.id()))
                || chosen.iter().any(|&c| {
                    html.tree
                        .get(c)
                        .is_some_and(|c| c.ancestors().any(|a| a.id() == id))
                })
        })
    };
    let mut twins: Vec<NodeId> = scores
        .iter()
        .filter(|&(&id, &s)| {
            id != top
                && s >= top_score * 0.1
                && html.tree.get(id).map(signature) == Some(top_signature.clone())
        })
        .map(|(&id, _)| id)
        .collect();
    twins.sort_by_key(|id| order[id]);
    for twin in twins {
        if !inside_chosen(twin, &out) {
            out.push(twin);
        }
    }
    // A lead or standfirst often sits one level up, before the body's container: take the
    // parent's earlier siblings that read as prose.
    if let Some(parent) = top_node.parent() {
        for uncle in parent.prev_siblings() {
            let Node::Element(e) = uncle.value() else {
                continue;
            };
            if SKIPPED.contains(&e.name()) && e.name() != "header" || Cues::of(e).strong_negative {
                continue;
            }
            let (len, link, _) = text_stats(uncle);
            if len > 80 && link * 4 < len && !inside_chosen(uncle.id(), &out) {
                out.push(uncle.id());
            }
        }
    }
    out.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
    Some(Choice {
        nodes: out,
        score: top_score,
    })
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    /// The article's paragraphs of `page`, white space collapsed.
    fn article(page: &str) -> Vec<String> {
        let html = Html::parse_document(page);
        let nodes = super::article_nodes(&html)
            .expect("a container stands out")
            .nodes;
        super::paragraphs(&html, &nodes, None, |s| {
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        })
    }

    const P1: &str = "Le premier paragraphe de l'article, assez long, avec des virgules, des faits et des chiffres.";
    const P2: &str = "Le deuxième paragraphe poursuit le récit, cite un témoin, et donne la date, le lieu et la suite.";
    const P3: &str = "Le troisième paragraphe conclut, rappelle le contexte, et annonce la prochaine étape du dossier.";

    #[test]
    fn the_article_container_wins_over_sidebars_and_link_lists() {
        let page = format!(
            "<html><body><div class=menu><a href=a>Accueil</a> <a href=b>Monde</a></div>\
            <div class=article-body><p>{P1}</p><p>{P2}</p>\
            <div class=share><p>Partager sur Facebook, Twitter, WhatsApp, par e-mail ou copier le lien de cet article.</p></div></div>\
            <div class=sidebar><p>Les plus lus : un autre sujet, encore un autre, et un troisième, tous sans rapport.</p></div></body></html>"
        );
        assert_eq!(article(&page), [P1, P2]);
    }

    #[test]
    fn drupal_label_hidden_field_is_not_hidden() {
        let page = format!(
            "<body><div class=content><div class=\"field field--label-hidden\"><p>{P1}</p><p>{P2}</p></div></div>\
            <div class=hidden><p>{P3}</p></div></body>"
        );
        assert_eq!(article(&page), [P1, P2]);
    }

    #[test]
    fn wordpress_taxonomy_classes_are_not_roles() {
        // `category-popular` once made the post itself read as a "popular" box.
        let page = format!(
            "<body><div class=\"post category-popular tag-comments\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
            <div class=sidebar><p>{P3}</p></div></body>"
        );
        assert_eq!(article(&page), [P1, P2, P3]);
    }

    #[test]
    fn an_article_cut_into_sections_is_taken_whole() {
        let page = format!(
            "<body><article><div class=section><div class=text><p>{P1}</p><p>{P2}</p></div></div>\
            <div class=ad-slot>Publicité</div>\
            <div class=section><div class=text><p>{P3}</p><p>{P1}</p></div></div></article></body>"
        );
        assert_eq!(article(&page), [P1, P2, P3, P1]);
    }

    #[test]
    fn a_cookie_dialog_loses_to_the_article() {
        let cookie = "Ces cookies sont nécessaires, pour mesurer, personnaliser, afficher, partager, et enregistrer vos choix, préférences, consentements, partenaires, finalités.";
        let page = format!(
            "<body><div id=cookie-consent><div class=tab-content><p>{cookie}</p><p>{cookie}</p></div></div>\
            <div class=story><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p></div></body>"
        );
        assert_eq!(article(&page), [P1, P2, P3, P1]);
    }

    #[test]
    fn text_cut_by_line_breaks_counts_as_paragraphs() {
        let page = format!(
            "<body><div class=nav><a href=a>Accueil</a></div><div class=newsText>{P1}<br><br>{P2}<br><br>{P3}</div></body>"
        );
        assert_eq!(article(&page), [P1, P2, P3]);
    }
}
