//! The document reader: the clean text with every layer marked, then the layers as lists and
//! the removed lines on demand.
//!
//! The text is cut at every boundary of every span, and each piece carries the classes of the
//! spans covering it: layers overlap freely (a quantity inside a claim inside a quote) and the
//! markup stays well-formed, since no element ever has to close across another.

use std::collections::HashMap;

use maud::{Markup, html};
use serde_json::Value;

use super::{entity_href, label_name};

/// One marked span of the text, in code points.
struct Mark {
    start: usize,
    end: usize,
    class: String,
    title: Option<String>,
    /// Where a click on it goes (entities only).
    href: Option<String>,
}

/// The spans of every layer of a contract document.
fn marks(doc: &Value, entity_links: &HashMap<(String, String), String>) -> Vec<Mark> {
    let span = |v: &Value| -> Option<(usize, usize)> {
        let s = usize::try_from(v["start"].as_u64()?).ok()?;
        let e = usize::try_from(v["end"].as_u64()?).ok()?;
        (s < e).then_some((s, e))
    };
    let items = |layer: &str| doc[layer].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let mut out = Vec::new();
    for q in items("quotes") {
        if let Some((start, end)) = span(q) {
            let kind = q["kind"].as_str().unwrap_or("direct");
            let speaker = q["speaker"]["text"].as_str();
            out.push(Mark {
                start,
                end,
                class: format!(
                    "quote q-{}",
                    if kind == "direct" {
                        "direct"
                    } else {
                        "indirect"
                    }
                ),
                title: Some(match speaker {
                    Some(s) => format!("{kind} quote, said by {s}"),
                    None => format!("{kind} quote, speaker unknown"),
                }),
                href: None,
            });
        }
        if let Some((start, end)) = span(&q["speaker"]) {
            out.push(Mark {
                start,
                end,
                class: "speaker".to_owned(),
                title: Some("speaker".to_owned()),
                href: None,
            });
        }
    }
    let quantities = items("quantities");
    let mut claimed: HashMap<usize, String> = HashMap::new();
    for c in items("claims") {
        let Some(i) = c["quantity"].as_u64().and_then(|i| usize::try_from(i).ok()) else {
            continue;
        };
        let source = c["source"]["text"].as_str().unwrap_or("the article");
        let cue = c["cue"]
            .as_str()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        claimed.insert(i, format!("according to {source}{cue}"));
        if let Some((start, end)) = span(&c["source"]) {
            out.push(Mark {
                start,
                end,
                class: "claim-source".to_owned(),
                title: Some("source of a figure".to_owned()),
                href: None,
            });
        }
    }
    for (i, q) in quantities.iter().enumerate() {
        let Some((start, end)) = span(q) else {
            continue;
        };
        let value = q["value"]
            .as_f64()
            .map(super::format_number)
            .unwrap_or_default();
        let unit = q["unit"]
            .as_str()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let si = match (q["si"]["value"].as_f64(), q["si"]["unit"].as_str()) {
            (Some(v), Some(u)) if q["unit"].as_str() != Some(u) => {
                format!(" = {} {u}", super::format_number(v))
            }
            _ => String::new(),
        };
        let counted = q["counted"]
            .as_str()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        let bound = q["bound"].as_str().filter(|b| *b != "exact");
        let bound = bound.map(|b| format!(" ({b})")).unwrap_or_default();
        let mut title = format!("{value}{unit}{si}{bound}{counted}");
        let mut class = "qty".to_owned();
        if let Some(source) = claimed.get(&i) {
            title.push_str(" — ");
            title.push_str(source);
            class.push_str(" claim");
        }
        out.push(Mark {
            start,
            end,
            class,
            title: Some(title),
            href: None,
        });
    }
    for t in items("times") {
        let Some((start, end)) = span(t) else {
            continue;
        };
        let value = t["value"].as_str().unwrap_or("?");
        let kind = t["kind"].as_str().unwrap_or("date");
        out.push(Mark {
            start,
            end,
            class: "time".to_owned(),
            title: Some(format!("{kind}: {value}")),
            href: None,
        });
    }
    for e in items("entities") {
        let Some((start, end)) = span(e) else {
            continue;
        };
        let label = e["label"].as_str().unwrap_or("MISC");
        out.push(Mark {
            start,
            end,
            class: format!("ent ent-{}", label.to_lowercase()),
            title: Some(label_name(label).to_owned()),
            href: Some(entity_href(entity_target(e, entity_links))),
        });
    }
    out
}

/// What an entity mention of the contract JSON links to: the knowledge base's entity of its
/// key and label, else its text (which the entity page resolves as a name).
fn entity_target<'a>(e: &'a Value, entity_links: &'a HashMap<(String, String), String>) -> &'a str {
    let text = e["text"].as_str().unwrap_or("");
    let key = e["entity"].as_str().unwrap_or("").to_owned();
    let label = e["label"].as_str().unwrap_or("MISC").to_owned();
    entity_links.get(&(key, label)).map_or(text, String::as_str)
}

/// The marked-up text: pieces between span boundaries, each with the classes covering it.
fn marked_text(text: &str, marks: &[Mark]) -> Markup {
    // Code point offsets to byte offsets, once.
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let chars = bytes.len() - 1;
    let mut cuts: Vec<usize> = vec![0, chars];
    for m in marks {
        if m.end <= chars {
            cuts.push(m.start);
            cuts.push(m.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Spans sorted by start, swept with an active list: each piece looks only at the spans
    // open over it, so a long document stays linear in practice.
    let mut order: Vec<&Mark> = marks.iter().filter(|m| m.end <= chars).collect();
    order.sort_by_key(|m| m.start);
    let mut next = 0;
    let mut active: Vec<&Mark> = Vec::new();
    let mut pieces: Vec<(String, Option<String>, Option<String>, &str)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|m| m.end > a);
        while next < order.len() && order[next].start <= a {
            if order[next].end > a {
                active.push(order[next]);
            }
            next += 1;
        }
        let piece = &text[bytes[a]..bytes[b]];
        if active.is_empty() {
            pieces.push((String::new(), None, None, piece));
            continue;
        }
        let class = active
            .iter()
            .map(|m| m.class.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let title = active
            .iter()
            .filter_map(|m| m.title.as_deref())
            .collect::<Vec<_>>()
            .join(" · ");
        let href = active.iter().find_map(|m| m.href.clone());
        pieces.push((class, Some(title), href, piece));
    }
    html! {
        @for (class, title, href, piece) in &pieces {
            @if class.is_empty() {
                (piece)
            } @else if let Some(href) = href {
                a class=(class) href=(href) title=[title] { (piece) }
            } @else {
                span class=(class) title=[title] { (piece) }
            }
        }
    }
}

/// Only http(s) addresses become links: a `javascript:` URL in a document must not.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

/// The reader page's body for a contract document. `entity_links` maps a mention's
/// document-level key and label to the knowledge base's entity id.
pub(super) fn render(doc: &Value, entity_links: &HashMap<(String, String), String>) -> Markup {
    let text = doc["text"].as_str().unwrap_or("");
    let marks = marks(doc, entity_links);
    let items = |layer: &str| doc[layer].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let str_of = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let removed = items("removed");
    let authors: Vec<String> = items_of(&doc["metadata"]["authors"]);
    let url = doc["source"]["url"].as_str();
    let path = doc["source"]["path"].as_str();
    let site = doc["metadata"]["site"].as_str();
    let quotes = items("quotes");
    let claims = items("claims");
    let quantities = items("quantities");
    let mut by_label: Vec<(&str, Vec<(String, String)>)> = vec![
        ("PER", vec![]),
        ("ORG", vec![]),
        ("LOC", vec![]),
        ("MISC", vec![]),
    ];
    for e in items("entities") {
        let label = e["label"].as_str().unwrap_or("MISC");
        let text = str_of(&e["text"]);
        let target = entity_target(e, entity_links).to_owned();
        if let Some((_, list)) = by_label.iter_mut().find(|(l, _)| *l == label)
            && !list.iter().any(|(t, _)| *t == text)
        {
            list.push((text, target));
        }
    }
    html! {
        article.reader {
            h1 { (doc["title"].as_str().or(doc["id"].as_str()).unwrap_or("")) }
            p.meta {
                @if let Some(d) = doc["published"].as_str() { time { (d) } " · " }
                @if let Some(l) = doc["lang"].as_str() { span.lang { (l) } " · " }
                @if !authors.is_empty() { "by " (authors.join(", ")) " · " }
                @if let Some(s) = site { (s) " · " }
                @match url.and_then(safe_url) {
                    Some(u) => { a href=(u) rel="noreferrer nofollow" { "original" } }
                    None => { @if let Some(p) = path { span.muted { (p) } } }
                }
                " · id " code { (doc["id"].as_str().unwrap_or("")) }
            }
            p.legend {
                span.ent.ent-per { "person" } " " span.ent.ent-org { "organisation" } " "
                span.ent.ent-loc { "place" } " " span.ent.ent-misc { "other" } " "
                span.time { "date" } " " span.qty { "figure" } " " span.qty.claim { "sourced figure" } " "
                span.quote.q-direct { "quote" } " " span.quote.q-indirect { "reported speech" } " "
                span.speaker { "speaker" } " " span.claim-source { "source" }
            }
            div.text lang=[doc["lang"].as_str()] { (marked_text(text, &marks)) }
            @if !removed.is_empty() {
                details.removed {
                    summary { "Removed lines (" (removed.len()) ")" }
                    table {
                        thead { tr { th { "Reason" } th { "Line" } } }
                        tbody {
                            @for r in removed {
                                tr { td.reason { (r["reason"].as_str().unwrap_or("")) } td { (r["text"].as_str().unwrap_or("")) } }
                            }
                        }
                    }
                }
            }
        }
        aside.layers {
            section {
                h2 { "Who and what" }
                @for (label, list) in &by_label {
                    @if !list.is_empty() {
                        p { span class={ "badge " (label.to_lowercase()) } { (label_name(label)) } " "
                            @for (i, (text, target)) in list.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href=(entity_href(target)) { (text) }
                            }
                        }
                    }
                }
            }
            @if !quotes.is_empty() {
                section {
                    h2 { "Who said what (" (quotes.len()) ")" }
                    ul.quotes {
                        @for q in quotes {
                            li {
                                blockquote class={ "q-" (q["kind"].as_str().unwrap_or("direct")) } { (q["text"].as_str().unwrap_or("")) }
                                p.cite {
                                    (q["speaker"]["text"].as_str().unwrap_or("speaker unknown"))
                                    @if let Some(c) = q["cue"].as_str() { " · " (c) }
                                }
                            }
                        }
                    }
                }
            }
            @if !claims.is_empty() {
                section {
                    h2 { "Figures and their sources (" (claims.len()) ")" }
                    ul.claims {
                        @for c in claims {
                            @let q = c["quantity"].as_u64().and_then(|i| usize::try_from(i).ok()).and_then(|i| quantities.get(i));
                            li {
                                strong { (q.and_then(|q| q["text"].as_str()).unwrap_or("?")) }
                                " — " (c["source"]["text"].as_str().unwrap_or("the article"))
                                @if let Some(cue) = c["cue"].as_str() { " (" (cue) ")" }
                            }
                        }
                    }
                }
            }
            @let diagnostics = items("diagnostics");
            @if !diagnostics.is_empty() {
                details {
                    summary { "Diagnostics (" (diagnostics.len()) ")" }
                    ul { @for d in diagnostics { li { (d["stage"].as_str().unwrap_or("")) ": " (d["message"].as_str().unwrap_or("")) } } }
                }
            }
        }
    }
}

fn items_of(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
