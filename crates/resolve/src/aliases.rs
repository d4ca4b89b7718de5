//! The curated table of cross-language names (`data/aliases.tsv`), compiled once.

use std::sync::OnceLock;

use doc::EntityLabel;

use crate::fold::{Folded, compatible, fold};
use crate::union::FastMap;

const TABLE: &str = include_str!("../data/aliases.tsv");

/// Label, number of words and first two letters of a name.
type Start = (EntityLabel, usize, [u8; 2]);

/// Keys of the table's names → the line (group) they are on.
pub(crate) struct Aliases {
    by_key: FastMap<String, Vec<(EntityLabel, usize)>>,
    /// Every name by label, word count and first two letters, for Russian case forms.
    by_start: FastMap<Start, Vec<(usize, Folded)>>,
}

/// The compiled table.
pub(crate) fn aliases() -> &'static Aliases {
    static ALIASES: OnceLock<Aliases> = OnceLock::new();
    ALIASES.get_or_init(|| Aliases::parse(TABLE))
}

fn start<S: AsRef<str>>(words: &[S]) -> [u8; 2] {
    let w = words[0].as_ref().as_bytes();
    [
        w.first().copied().unwrap_or(0),
        w.get(1).copied().unwrap_or(0),
    ]
}

impl Aliases {
    fn parse(table: &str) -> Aliases {
        let mut by_key: FastMap<String, Vec<(EntityLabel, usize)>> = FastMap::default();
        let mut by_start: FastMap<_, Vec<_>> = FastMap::default();
        let lines = table
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for (group, line) in lines.enumerate() {
            let mut cells = line.split('\t');
            let label = cells
                .next()
                .and_then(EntityLabel::parse)
                .expect("aliases.tsv: a label first");
            for name in cells.map(str::trim).filter(|n| !n.is_empty()) {
                let folded = fold(name, Some(label));
                if folded.words.is_empty() {
                    continue;
                }
                let entry = by_key.entry(folded.key()).or_default();
                if !entry.contains(&(label, group)) {
                    entry.push((label, group));
                }
                by_start
                    .entry((label, folded.words.len(), start(&folded.words)))
                    .or_default()
                    .push((group, folded));
            }
        }
        Aliases { by_key, by_start }
    }

    /// The group of a name (its key and folded words), by its key or, written in Cyrillic, by
    /// its Russian case forms.
    pub(crate) fn group<S: AsRef<str>>(
        &self,
        label: EntityLabel,
        key: &str,
        words: &[S],
        cyrillic: bool,
    ) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        if let Some(g) = self.group_of_key(label, key) {
            return Some(g);
        }
        if !cyrillic {
            return None;
        }
        let candidates = self.by_start.get(&(label, words.len(), start(words)))?;
        let mut found = candidates.iter().filter(|(_, entry)| {
            entry
                .words
                .iter()
                .zip(words)
                .all(|(a, b)| compatible(a, entry.cyrillic, b.as_ref(), true, true))
        });
        let (g, _) = found.next()?;
        // Two lines matching one form: no answer rather than a guess.
        found.all(|(h, _)| h == g).then_some(*g)
    }

    /// The group of a name as written.
    pub(crate) fn group_of_name(&self, label: EntityLabel, name: &str) -> Option<usize> {
        let folded = fold(name, Some(label));
        self.group(label, &folded.key(), &folded.words, folded.cyrillic)
    }

    /// The group of a key as given (no case forms).
    pub(crate) fn group_of_key(&self, label: EntityLabel, key: &str) -> Option<usize> {
        self.by_key
            .get(key)?
            .iter()
            .find(|(l, _)| *l == label)
            .map(|&(_, g)| g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn table_is_consistent() {
        let mut seen: HashMap<(EntityLabel, String), (usize, String)> = HashMap::new();
        let lines = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for (group, line) in lines.enumerate() {
            let mut cells = line.split('\t');
            let label = EntityLabel::parse(cells.next().unwrap()).expect("label");
            for name in cells {
                let key = fold(name, Some(label)).key();
                if let Some((g, other)) = seen.insert((label, key.clone()), (group, name.into())) {
                    assert_eq!(g, group, "{name} and {other} share the key {key}");
                }
            }
        }
        assert!(seen.len() > 150);
    }

    #[test]
    fn lookups() {
        let a = aliases();
        let g = |label, s: &str| a.group_of_name(label, s);
        assert_eq!(g(EntityLabel::Org, "OTSC"), g(EntityLabel::Org, "ОДКБ"));
        assert_eq!(g(EntityLabel::Org, "CSTO"), g(EntityLabel::Org, "OTSC"));
        assert!(g(EntityLabel::Org, "OTSC").is_some());
        assert_eq!(g(EntityLabel::Loc, "России"), g(EntityLabel::Loc, "Russie"));
        assert_eq!(
            g(EntityLabel::Loc, "Российской Федерации"),
            g(EntityLabel::Loc, "Russie")
        );
        assert!(g(EntityLabel::Loc, "Russie-Libertés").is_none());
        assert!(g(EntityLabel::Per, "Russie").is_none());
    }
}
