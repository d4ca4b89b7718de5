//! Learns English cue words from PolNeAR's `train` part and writes `data/en-learned.txt`.
//!
//! ```text
//! cargo run --release -p quotes --example learn_cues -- \
//!     /work/shared/eval/quotes-polnear/train crates/quotes/data/en-learned.txt
//! ```
//!
//! For each article, the annotation file whose name sorts first is read (as the evaluation
//! does). Words are runs of letters (with inner apostrophes and hyphens), lower-cased, curly
//! apostrophes straightened. A word occurrence is a cue occurrence when it lies inside a
//! `Cue` span of an attribution with a content. For each word form: `n` occurrences in the
//! text, `k` of them in a cue; its precision is `k / n`. Forms kept: `k >= MIN_CUE`,
//! precision `>= MIN_PRECISION`, not ending in "-ly" (adverbs are taken into a cue by the
//! `[aux]` words, not as cues of their own), at least three letters, not followed by "to"
//! inside the cue in half of its cue occurrences or more (the first word of a phrase such
//! as "according to" is left to the hand-written lexicon; a function word of the hand-written
//! lists, such as "about", is dropped when the lexicon loads). Each kept form goes
//! into `[verbs]`; into `[bare]` too when at least `MIN_SHARE` of its cue occurrences have
//! the content start right after it (white space only between); into `[to]` when at least
//! `MIN_SHARE_TO` of them have the content start with "to " after it.

mod polnear_brat;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const MIN_CUE: usize = 4;
const MIN_PRECISION: f64 = 0.25;
const MIN_SHARE: f64 = 0.1;
const MIN_SHARE_TO: f64 = 0.3;

#[derive(Default)]
struct Stat {
    total: usize,
    cue: usize,
    bare: usize,
    to: usize,
    /// Cue occurrences followed, inside the cue, by "to" ("according to", "referring to").
    phrasal: usize,
}

fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for (i, c) in text.char_indices() {
        let inner = matches!(c, '\'' | '’' | '-');
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if inner && start.is_some() {
            continue;
        } else if let Some(s) = start.take() {
            out.push((s, last_end));
        }
    }
    if let Some(s) = start {
        out.push((s, last_end));
    }
    out
}

fn norm(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// Cue spans (byte ranges) with the start of their attribution's content.
fn cues(ann: &str, text: &str) -> Vec<((usize, usize), usize)> {
    let spans = polnear_brat::text_spans(ann, text);
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some((_, roles)) = line.split_once('\t') else {
            continue;
        };
        let (mut cue, mut content) = (Vec::new(), Vec::new());
        for role in roles.split_whitespace() {
            let Some((name, id)) = role.split_once(':') else {
                continue;
            };
            let frags = spans.get(id).cloned().unwrap_or_default();
            if name == "Cue" {
                cue.extend(frags);
            } else if name.starts_with("Content") {
                content.extend(frags);
            }
        }
        if let Some(start) = content.iter().map(|f| f.0).min() {
            out.extend(cue.into_iter().map(|c| (c, start)));
        }
    }
    out
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/eval/quotes-polnear/train".to_owned()),
    );
    let out_path = args.next();
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let read_dir = |p: &Path| -> Result<Vec<String>, String> {
        let mut v: Vec<String> = std::fs::read_dir(p)
            .map_err(|e| format!("{}: {e}", p.display()))?
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        v.sort();
        Ok(v)
    };
    let texts = read_dir(&text_dir)?;
    let anns = read_dir(&ann_dir)?;
    let mut stats: BTreeMap<String, Stat> = BTreeMap::new();
    let mut articles = 0;
    for name in texts.iter().filter(|n| n.ends_with(".txt")) {
        let stem = name.trim_end_matches(".txt");
        let prefix = format!("{stem}_");
        let Some(ann_name) = anns
            .iter()
            .find(|n| n.starts_with(&prefix) && n.ends_with(".ann"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(text_dir.join(name)).map_err(|e| e.to_string())?;
        let ann = std::fs::read_to_string(ann_dir.join(ann_name)).map_err(|e| e.to_string())?;
        articles += 1;
        // Word start → content start of the attribution whose cue holds it.
        let mut in_cue: HashMap<usize, (usize, usize)> = HashMap::new();
        let cue_spans = cues(&ann, &text);
        for ((s, e), content) in &cue_spans {
            for (ws, _) in words(text.get(*s..*e).unwrap_or("")) {
                in_cue.insert(s + ws, (*content, *e));
            }
        }
        let mut seen = HashSet::new();
        for (s, e) in words(&text) {
            let w = norm(&text[s..e]);
            let st = stats.entry(w).or_default();
            st.total += 1;
            if let Some(&(content, cue_end)) = in_cue.get(&s)
                && seen.insert(s)
            {
                st.cue += 1;
                let rest = text.get(e..cue_end).unwrap_or("").trim_start();
                if rest.starts_with("to") {
                    st.phrasal += 1;
                }
                if content >= e {
                    let gap = text.get(e..content).unwrap_or("x");
                    if gap.chars().all(char::is_whitespace) {
                        st.bare += 1;
                    }
                    if text.get(content..).is_some_and(|c| c.starts_with("to ")) {
                        st.to += 1;
                    }
                }
            }
        }
    }
    let kept: Vec<(&String, &Stat)> = stats
        .iter()
        .filter(|(w, s)| {
            s.cue >= MIN_CUE
                && s.cue as f64 / s.total as f64 >= MIN_PRECISION
                && !w.ends_with("ly")
                && 2 * s.phrasal < s.cue
                && w.chars().count() >= 3
        })
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# English cue words learned from PolNeAR's train part ({articles} articles, the first\n\
         # annotator of each) by crates/quotes/examples/learn_cues.rs; regenerate with\n\
         #   cargo run --release -p quotes --example learn_cues -- \\\n\
         #       /work/shared/eval/quotes-polnear/train crates/quotes/data/en-learned.txt\n\
         # A form is kept when at least {MIN_CUE} of its occurrences lie in a gold cue and at\n\
         # least {MIN_PRECISION} of all its occurrences do (not -ly adverbs, 3 letters or more,\n\
         # not mostly the first word of a \"… to\" cue phrase).\n\
         # [bare]: at least {MIN_SHARE} of its cue occurrences have the content right after it;\n\
         # [to]: at least {MIN_SHARE_TO} have the content start with \"to\" after it.\n\
         # Comment per form: cue occurrences / occurrences. Do not edit by hand."
    );
    let _ = writeln!(out, "[verbs]");
    for (w, s) in &kept {
        let _ = writeln!(out, "{w}  # {}/{}", s.cue, s.total);
    }
    let _ = writeln!(out, "[bare]");
    for (w, s) in kept
        .iter()
        .filter(|(_, s)| s.bare as f64 >= MIN_SHARE * s.cue as f64)
    {
        let _ = writeln!(out, "{w}  # {}/{}", s.bare, s.cue);
    }
    let _ = writeln!(out, "[to]");
    for (w, s) in kept
        .iter()
        .filter(|(_, s)| s.to as f64 >= MIN_SHARE_TO * s.cue as f64)
    {
        let _ = writeln!(out, "{w}  # {}/{}", s.to, s.cue);
    }
    match out_path {
        Some(p) => std::fs::write(&p, out).map_err(|e| format!("{p}: {e}"))?,
        None => print!("{out}"),
    }
    eprintln!("{articles} articles, {} forms kept", kept.len());
    Ok(())
}
