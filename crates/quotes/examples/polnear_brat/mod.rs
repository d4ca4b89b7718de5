//! PolNeAR's brat annotations, as the cue examples read them (shared by `learn_cues` and
//! `train_cues`; not an example of its own).

use std::collections::HashMap;

/// Character offsets to byte offsets (one past the end included).
pub fn bytes_at(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// The byte fragments of every text-bound annotation (`T` lines), by id; fragments that fall
/// outside `text` or are empty are left out.
pub fn text_spans<'a>(ann: &'a str, text: &str) -> HashMap<&'a str, Vec<(usize, usize)>> {
    let at = bytes_at(text);
    let mut spans = HashMap::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let mut cols = line.split('\t');
        let (Some(id), Some(head)) = (cols.next(), cols.next()) else {
            continue;
        };
        let Some((_, offsets)) = head.split_once(' ') else {
            continue;
        };
        let mut frags = Vec::new();
        for part in offsets.split(';') {
            let mut it = part
                .split_whitespace()
                .filter_map(|n| n.parse::<usize>().ok());
            if let (Some(s), Some(e)) = (it.next(), it.next())
                && let (Some(&s), Some(&e)) = (at.get(s), at.get(e))
                && s < e
            {
                frags.push((s, e));
            }
        }
        spans.insert(id, frags);
    }
    spans
}
