//! Figures side by side: quantified claims grouped by what they count, their values
//! compared after unit conversion and with their bounds.
//!
//! [`reconcile`] compares the facts it is given, all with all: the caller chooses the set
//! (one story from `dedup::stories`, or one entity's documents). Over a whole store, every
//! distance would be compared with every other distance.
//!
//! # What a fact counts
//!
//! - A **measure** (a fact with a unit other than percent) is grouped by its reference unit
//!   (`si.unit`: `km`, `kg`, `EUR`...), so "plus de 7 500 km" and "4 750 mi" (7 644 km)
//!   meet. Currencies are not converted: `EUR` and `USD` are different groups. `what` is
//!   the dimension's name (`data/dimensions.tsv`).
//! - A **share** (percent, percentage points) is grouped by what it is a share of: the
//!   counted lemma, else the noun after "de"/"of"/"от"/"из" (or the Russian genitive right
//!   after the figure). "40 % de la région" and "18 % du territoire" are different groups;
//!   a share of nothing named ("l'inflation a atteint 5 %") stays alone.
//! - A **count** is grouped by its counted noun: the lemma the quantities stage gives,
//!   else a noun of the table right after the figure. Nouns are folded (case, accents,
//!   `ё`), made singular (French and English plurals, one Russian case ending) and looked up
//!   in `data/counted.tsv`, a cross-language table of nouns frequent in news counts
//!   (soldat/soldier/солдат, mort/death/погибший, réfugié/refugee/беженец,
//!   habitant/inhabitant/житель, russe/russian/россиянин, personne/people/человек...);
//!   nouns outside the table group by their normalised form. A fact with no noun at all
//!   is alone.
//! - **Casualties.** A count of people (person, military or nationality class) whose
//!   sentence has a death or wound cue (`data/cues.tsv`: tués, killed, погибли, blessés...;
//!   "perdu", "lost", "pertes", "потери" count for soldiers and nationalities only, so "200
//!   personnes ont perdu leur emploi" stays a count of people) counts deaths (or wounded)
//!   of a qualifier: a nationality named in the four words after the figure ("55,000
//!   Russian soldiers"), else the counted concept ("soldat"; plain "people" has none).
//!   The cue nearest to the figure wins. **Our call on the issue's example:** "Moscou
//!   affirme avoir perdu 6000 soldats" (deaths of soldiers, no side named) and "Les
//!   Ukrainiens prétendent avoir tué 55 000 Russes" (deaths of Russians) are one group,
//!   and a conflict: deaths of soldiers of no named side join the deaths of a nationality
//!   when exactly one nationality has deaths counted among the facts given. With two
//!   (Russian and Ukrainian losses) the unqualified soldiers stay apart rather than be
//!   guessed. Without a casualty cue soldiers and Russians are different things counted
//!   ("120 000 soldats mobilisés" is not "100 000 Russes entrés au Kazakhstan").
//!
//! # Scope
//!
//! Places (entity ids, as a set) and the year of `when` split groups when known. A fact
//! whose sentence leaves the place or the year unsaid joins the facts of its kind that say
//! more when they agree with it and have exactly one most specific scope; with two (2022
//! and 2023) it stays apart. `what` names the scope after a dash ("russe — kazakhstan").
//!
//! # Comparing
//!
//! Each value is an interval in the reference unit ([`interval`]): exact ±0.5 % (figures
//! are rounded), about ±10 %, more than and at least [v, ∞), less than and at most
//! (−∞, v], a range [v, max]; finite ends get the ±0.5 %. A group is
//! [`Status::Conflicting`] when two of its facts from different sources have disjoint
//! intervals (pairwise is enough: intervals that meet pairwise share a point), else
//! [`Status::Consistent`] with two facts or more, else [`Status::Single`]. The source is
//! the claim's source, else the document (the article itself speaks): a source revising
//! its own figure is not a disagreement between sources.
//!
//! Groups come conflicting first, then consistent, then single, then by name, unit and
//! scope; members ascending. The grouping does not depend on the order of the facts
//! (tested). `what` is named in the language most members are in (ties: fr, en, ru).
//!
//! # Deliberately not done
//!
//! - No exchange rates, no inflation: currencies compare only with themselves.
//! - No parsing of the sentence beyond the words next to the figure: "tués" anywhere in the
//!   sentence makes a count of soldiers a count of deaths; a count whose noun is far from
//!   the figure and absent from `counted` is alone.
//! - No subsets: "12 enfants tués" and "40 personnes tuées" are different groups, not a
//!   part and its whole; a region inside a country is a different scope, not a part of it.
//! - No time series: figures of different dates within one year ("6 000 in March, 8 000
//!   in May") are compared as one count.

mod interval;
mod key;
mod lexicon;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

pub use doc::{Bound, SiValue};
pub use interval::{ABOUT_TOLERANCE, EXACT_TOLERANCE, Interval, interval};

use key::{Scope, What};
use lexicon::{Class, LANGS};

/// One claim as the store gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimFact {
    /// The store's document id.
    pub document: String,
    /// Language of the document (`fr`, `en`, `ru`), when known.
    pub lang: Option<String>,
    /// The quantity's text ("près de 100 000").
    pub text: String,
    /// The sentence the quantity is in (for context and scope).
    pub sentence: String,
    /// The value (lower end of a range).
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// Exact, about, more than...
    pub bound: Bound,
    /// The unit as written (`mi`, `km`, `percent`, `EUR`...).
    pub unit: Option<String>,
    /// The value in the reference unit.
    pub si: Option<SiValue>,
    /// The counted noun's lemma ("soldat", "russe"), for bare counts.
    pub counted: Option<String>,
    /// The source: an entity id or the source's text; `None` for the article itself.
    pub source: Option<String>,
    /// Places mentioned in the sentence (entity ids), for scope.
    pub places: Vec<String>,
    /// The time the figure refers to (a TIMEX3 value), when the sentence has one.
    pub when: Option<String>,
}

/// How the values of a group relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Two or more values, all compatible within their bounds.
    Consistent,
    /// Two or more values from different sources that cannot all be true.
    Conflicting,
    /// One value only.
    Single,
}

impl Status {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Consistent => "consistent",
            Status::Conflicting => "conflicting",
            Status::Single => "single",
        }
    }
}

/// A group of comparable claims.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimGroup {
    /// What is counted or measured, readable ("soldat", "distance").
    pub what: String,
    /// The reference unit the values are compared in, when there is one.
    pub unit: Option<String>,
    /// Consistent, conflicting or single.
    pub status: Status,
    /// Indices into the facts given to [`reconcile`].
    pub members: Vec<usize>,
}

/// Groups comparable claims and compares their values. Every fact is in exactly one group;
/// conflicting groups come first.
pub fn reconcile(facts: &[ClaimFact]) -> Vec<ClaimGroup> {
    let mut whats: Vec<What> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| key::what(f, i))
        .collect();
    attach_unqualified_soldiers(&mut whats);
    let mut scopes: Vec<Scope> = facts.iter().map(Scope::of).collect();
    attach_scopes(&whats, &mut scopes);

    let mut groups: BTreeMap<(&What, &Scope), Vec<usize>> = BTreeMap::new();
    for (i, key) in whats.iter().zip(&scopes).enumerate() {
        groups.entry(key).or_default().push(i);
    }
    let mut out: Vec<(ClaimGroup, &Scope)> = groups
        .into_iter()
        .map(|((what, scope), members)| {
            let lang = language(facts, &members);
            let mut name = describe(what, facts, &members, lang);
            let mut scope_words: Vec<String> = scope.places.clone().unwrap_or_default();
            scope_words.extend(scope.year.map(|y| y.to_string()));
            if !scope_words.is_empty() {
                name = format!("{name} — {}", scope_words.join(", "));
            }
            let unit = match what {
                What::Measure(u) => Some(u.clone()),
                What::Share { unit, .. } => Some(unit.clone()),
                What::Unknown(i) => facts[*i]
                    .si
                    .as_ref()
                    .map(|s| s.unit.clone())
                    .or_else(|| facts[*i].unit.clone()),
                _ => None,
            };
            let group = ClaimGroup {
                what: name,
                unit,
                status: status(facts, &members),
                members,
            };
            (group, scope)
        })
        .collect();
    out.sort_by(|(a, sa), (b, sb)| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then_with(|| a.what.cmp(&b.what))
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| sa.cmp(sb))
            .then_with(|| fact_order(&facts[a.members[0]], &facts[b.members[0]]))
            .then_with(|| a.members.cmp(&b.members))
    });
    out.into_iter().map(|(g, _)| g).collect()
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Conflicting => 0,
        Status::Consistent => 1,
        Status::Single => 2,
    }
}

/// An order of facts that does not depend on their positions (for groups of one unknown
/// fact each).
fn fact_order(a: &ClaimFact, b: &ClaimFact) -> Ordering {
    a.text
        .cmp(&b.text)
        .then_with(|| a.sentence.cmp(&b.sentence))
        .then_with(|| a.document.cmp(&b.document))
        .then_with(|| a.value.total_cmp(&b.value))
        .then_with(|| a.source.cmp(&b.source))
}

/// Who stands behind a fact: its source, or its document when the article speaks.
fn source_key(fact: &ClaimFact) -> (bool, &str) {
    match fact
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => (true, s),
        None => (false, fact.document.as_str()),
    }
}

/// Whether two facts can disagree: different sources; within one document, both named and
/// both counting a named thing (an article's own figure next to an attributed one, or two
/// tonnages in one report, usually measure different things; "Moscou affirme avoir perdu
/// 6 000 soldats… Kyiv dit 55 000" can disagree); never two lengths of time ("trois ans",
/// "15-летний": ages and durations of different things share the unit, not the subject).
fn can_disagree(a: &ClaimFact, b: &ClaimFact) -> bool {
    let is_duration = |f: &ClaimFact| f.si.as_ref().is_some_and(|si| si.unit == "s");
    let (sa, sb) = (source_key(a), source_key(b));
    sa != sb
        && !is_duration(a)
        && !is_duration(b)
        && (a.document != b.document
            || (sa.0 && sb.0 && a.counted.is_some() && b.counted.is_some()))
}

/// Single for one fact; conflicting when two facts that can disagree ([`can_disagree`]) allow
/// no common value (pairwise is enough: intervals that meet pairwise share a point); else
/// consistent.
fn status(facts: &[ClaimFact], members: &[usize]) -> Status {
    if members.len() < 2 {
        return Status::Single;
    }
    let intervals: Vec<Interval> = members.iter().map(|&i| interval(&facts[i])).collect();
    for (a, &i) in members.iter().enumerate() {
        for (b, &j) in members.iter().enumerate().skip(a + 1) {
            if can_disagree(&facts[i], &facts[j]) && !intervals[a].meets(&intervals[b]) {
                return Status::Conflicting;
            }
        }
    }
    Status::Consistent
}

/// Deaths (or wounded) of soldiers of no named side join the deaths of a nationality when
/// only one nationality has deaths counted ("Moscou affirme avoir perdu 6000 soldats" and
/// "Kyiv dit avoir tué 55 000 Russes" count the same losses).
fn attach_unqualified_soldiers(whats: &mut [What]) {
    let lex = lexicon::lexicon();
    let class = |q: &Option<usize>| q.map(|c| lex.concepts[c].class);
    for deaths in [true, false] {
        let pick = |w: &What| match (w, deaths) {
            (What::Deaths(q), true) | (What::Wounded(q), false) => Some(*q),
            _ => None,
        };
        let nations: BTreeSet<usize> = whats
            .iter()
            .filter_map(pick)
            .filter(|q| class(q) == Some(Class::Nationality))
            .flatten()
            .collect();
        let [nation] = nations.into_iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        for w in whats.iter_mut() {
            if let Some(q) = pick(w)
                && class(&q) == Some(Class::Military)
            {
                *w = if deaths {
                    What::Deaths(Some(nation))
                } else {
                    What::Wounded(Some(nation))
                };
            }
        }
    }
}

/// A fact whose sentence leaves the place or the year unsaid takes the scope of the other
/// facts of its kind when they have exactly one most specific scope that agrees with it.
fn attach_scopes(whats: &[What], scopes: &mut [Scope]) {
    let mut by_what: BTreeMap<&What, BTreeSet<Scope>> = BTreeMap::new();
    for (w, s) in whats.iter().zip(scopes.iter()) {
        by_what.entry(w).or_default().insert(s.clone());
    }
    let mut moves: BTreeMap<(&What, Scope), Scope> = BTreeMap::new();
    for (what, set) in &by_what {
        for s in set {
            let finer: Vec<&Scope> = set.iter().filter(|t| *t != s && t.refines(s)).collect();
            let maximal: Vec<&&Scope> = finer
                .iter()
                .filter(|t| !finer.iter().any(|u| u != *t && u.refines(t)))
                .collect();
            if let [only] = maximal[..] {
                moves.insert((what, s.clone()), (*only).clone());
            }
        }
    }
    for (w, s) in whats.iter().zip(scopes.iter_mut()) {
        if let Some(t) = moves.get(&(w, s.clone())) {
            *s = t.clone();
        }
    }
}

/// The language most members are in (ties: fr, en, ru), as an index into the display names.
fn language(facts: &[ClaimFact], members: &[usize]) -> usize {
    let mut counts = [0usize; 3];
    for &i in members {
        if let Some(k) = facts[i]
            .lang
            .as_deref()
            .and_then(|l| LANGS.iter().position(|x| *x == l))
        {
            counts[k] += 1;
        }
    }
    // The first of the largest counts.
    (0..3).rev().max_by_key(|&k| counts[k]).unwrap_or(0)
}

/// The readable name of a group.
fn describe(what: &What, facts: &[ClaimFact], members: &[usize], lang: usize) -> String {
    let lex = lexicon::lexicon();
    let concept = |c: usize| lex.concepts[c].display[lang].clone();
    let named = |name: &str| {
        lex.concepts
            .iter()
            .find(|c| c.name == name)
            .map_or_else(|| name.to_owned(), |c| c.display[lang].clone())
    };
    match what {
        What::Concept(c) => concept(*c),
        What::Word(w) => {
            // The counted lemma most often written, else the normalised noun.
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for &i in members {
                if let Some(c) = facts[i]
                    .counted
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                {
                    *counts.entry(c.to_lowercase()).or_default() += 1;
                }
            }
            let best = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
            best.map_or_else(|| w.clone(), |b| b.0.clone())
        }
        What::Deaths(q) | What::Wounded(q) => {
            let head = named(if matches!(what, What::Deaths(_)) {
                "death"
            } else {
                "wounded"
            });
            match q {
                Some(c) => format!("{head} ({})", concept(*c)),
                None => head,
            }
        }
        What::Share { unit, of } => {
            format!(
                "{} ({})",
                lex.dimension(unit, lang),
                describe(of, facts, members, lang)
            )
        }
        What::Measure(u) => lex.dimension(u, lang),
        What::Unknown(i) => facts[*i].text.clone(),
    }
}
