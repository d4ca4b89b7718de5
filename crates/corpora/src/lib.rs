//! Readers of the annotated public corpora in `../shared/eval` and the project's train/dev
//! splits of them, for training and measuring the named-entity tagger.
//!
//! Every set comes out in one of two shapes ([`Annotated`]): sentences of given tokens with
//! gold [`TokenSpan`]s (CoNLL-like and HIPE sets), or raw texts with gold byte ranges
//! ([`TextSpan`], standoff sets), which a caller tokenizes itself and, for training, projects
//! onto its tokens with [`project`].
//!
//! # Sets
//!
//! | set | folder | shape | labels |
//! |---|---|---|---|
//! | `wikineural/{fr,en,ru}` | `ner-wikineural/*/val.conllu` | sentences | PER ORG LOC MISC |
//! | `europeana/fr` | `ner-europeana-fr/enp_FR.bnf.dev.bio` | sentences | PER ORG LOC |
//! | `hipe2020/{fr,en}` | `ner-hipe2022/hipe2020/*` | sentences | PER ORG LOC MISC |
//! | `letemps/fr` | `ner-hipe2022/letemps/fr` | sentences | PER ORG LOC |
//! | `newseye/fr` | `ner-hipe2022/newseye/fr` | sentences | PER ORG LOC MISC |
//! | `topres19th/en` | `ner-hipe2022/topres19th/en` | sentences | LOC |
//! | `nerel` | `ner-nerel/{train,dev}` | texts | PER ORG LOC |
//! | `factrueval` | `ner-factrueval-2016/devset` | texts | PER ORG LOC |
//!
//! A set only annotates some labels ([`Set::labels`]): a scorer should ignore predictions of
//! the other labels on it rather than count them as errors.
//!
//! # Label mappings
//!
//! - **WikiNEuRal**: IOB2 tags `PER`, `ORG`, `LOC`, `MISC` as they are.
//! - **Europeana**: IOB1 tags (`I-X` opens an entity unless it continues one of the same type,
//!   `B-X` separates two adjacent ones) `PER`, `ORG`, `LOC`.
//! - **HIPE-2022**: the `NE-COARSE-LIT` column; `pers`/`PER` → PER, `org`/`ORG` → ORG,
//!   `loc`/`LOC`/`BUILDING`/`STREET` → LOC, `prod`/`HumanProd` → MISC; `time` is ignored
//!   (read as `O`).
//! - **NEREL** (nested brat standoff): `PERSON` → PER, `ORGANIZATION` → ORG, `CITY`,
//!   `COUNTRY`, `STATE_OR_PROVINCE`, `DISTRICT`, `LOCATION` and `FACILITY` → LOC (the contract
//!   puts named buildings and streets under LOC, as HIPE does). Every other type is dropped:
//!   `NATIONALITY` (mostly adjectives and demonyms: "российский", "россиян"), `EVENT` (mostly
//!   verbs and common nouns: "скончался", "выборах"), `WORK_OF_ART`, `PRODUCT`, `LAW`, `AWARD`
//!   and the non-name types (dates, numbers, professions, ...). NEREL marks any mention of an
//!   organisation or a country, names or not ("правительство", "российских"); a mapped span
//!   without any uppercase letter is not a name and is dropped too (counted in
//!   [`ReadStats::not_names`]). A span starting with a lower-case word that holds another
//!   mapped span is a description around a name and gives way to it ("правительства
//!   России" ORG → "России" LOC, "центре Москвы" → "Москвы"; [`ReadStats::descriptions`]),
//!   as in WikiNEuRal. Of nested spans the outermost mapped ones are kept ("Правительство
//!   Москвы" ORG over "Москвы"); a span
//!   crossing a kept one is dropped ([`ReadStats::overlapping`]); a discontinuous span
//!   (`T1 LAW 622 648;678 695`) is skipped ([`ReadStats::discontinuous`]).
//! - **factRuEval-2016**: each object of `.objects` covers the characters from the first to
//!   the last of its `.spans`; `Person` → PER, `Org` → ORG, `Location` and `LocOrg` → LOC;
//!   `Project` (one object in the dev set) is dropped. Nested objects ("администрации США" Org
//!   over "США" LocOrg): a lower-case description gives way to the name inside it, as for
//!   NEREL ("США" LOC), else the outermost is kept. The `.spans` offsets are character (code
//!   point) offsets into the `.txt` file, checked against the `.tokens` file.
//!
//! # Splits
//!
//! The held-out test parts of these sets are not in `../shared/eval`: what is there is split
//! into our own train and dev parts ([`Part`]), deterministically:
//! - sentence-based sets (WikiNEuRal): sentence `i` (0-based, file order) is in Dev when
//!   `(i / 200) % 5 == 4`, else in Train (blocks of 200 sentences, one block in five);
//! - document-based sets: document `i` is in Dev when `i % 5 == 4` — HIPE documents
//!   (`# hipe2022:document_id`) counted across all files of a set in file-name order,
//!   factRuEval documents in numeric id order (`book_58` before `book_117`), Europeana chunks
//!   (`# chunk` lines) in file order;
//! - NEREL: the upstream `train` folder is Train, the upstream `dev` folder is Dev.
//!
//! # Sentences
//!
//! HIPE sentences end at a token flagged `EndOfSentence` in the `MISC` column and at a
//! document's end. Europeana chunks have no sentence breaks: a sentence ends after a `.`, `!`
//! or `?` token, or once it is 250 tokens long. A break never cuts an entity: it waits for the
//! entity's end.

mod brat;
pub mod clusters;
mod factru;
mod iob;
mod project;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use brat::parse_nerel;
pub use doc::{EntityLabel, LangCode};
pub use factru::parse_factru;
pub use iob::{HipeDoc, parse_conll, parse_europeana, parse_hipe};
pub use project::project;

/// A gold entity over token indices of a [`Sentence`]: tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    /// The first token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The entity's label.
    pub label: EntityLabel,
}

/// A sentence of given tokens with its gold entities (sorted, not overlapping).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens as the corpus gives them.
    pub tokens: Vec<String>,
    /// The gold entities, sorted by start, not overlapping.
    pub spans: Vec<TokenSpan>,
}

/// A gold entity over a text: a range of byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextSpan {
    /// Byte offsets into [`TextDoc::text`], on character boundaries.
    pub range: Range<usize>,
    /// The entity's label.
    pub label: EntityLabel,
}

/// A raw text with its gold entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextDoc {
    /// The document's id in its corpus (file stem).
    pub id: String,
    /// The text, as in the corpus.
    pub text: String,
    /// The gold entities, sorted by start, not overlapping.
    pub spans: Vec<TextSpan>,
}

/// The annotated items of a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Annotated {
    /// Sentences of given tokens.
    Tokens(Vec<Sentence>),
    /// Raw texts with standoff annotations.
    Texts(Vec<TextDoc>),
}

impl Annotated {
    /// Sentences or documents.
    pub fn len(&self) -> usize {
        match self {
            Annotated::Tokens(s) => s.len(),
            Annotated::Texts(d) => d.len(),
        }
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Gold entities, all items together.
    pub fn entity_count(&self) -> usize {
        match self {
            Annotated::Tokens(s) => s.iter().map(|s| s.spans.len()).sum(),
            Annotated::Texts(d) => d.iter().map(|d| d.spans.len()).sum(),
        }
    }
}

/// One part of one annotated set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Set {
    /// `wikineural/fr`, `europeana/fr`, `hipe2020/fr`, `topres19th/en`, `nerel`, `factrueval`...
    pub name: String,
    /// The language of its texts.
    pub lang: LangCode,
    /// Its items.
    pub data: Annotated,
}

impl Set {
    /// The labels the set annotates (see the crate documentation); predictions of other labels
    /// are not errors on this set.
    pub fn labels(&self) -> &'static [EntityLabel] {
        labels_of(&self.name)
    }
}

/// The labels a set annotates, by set name (see the crate documentation); all four for an
/// unknown name.
pub fn labels_of(name: &str) -> &'static [EntityLabel] {
    use EntityLabel::{Loc, Org, Per};
    match name.split('/').next().unwrap_or(name) {
        "europeana" | "letemps" | "nerel" | "factrueval" => &[Per, Org, Loc],
        "topres19th" => &[Loc],
        _ => &EntityLabel::ALL,
    }
}

/// Our own split of the sets (see the crate documentation).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// What the tagger learns from.
    Train,
    /// What it is measured on.
    Dev,
}

impl Part {
    /// The part of the `i`-th sentence of a sentence-based set.
    pub fn of_sentence(i: usize) -> Part {
        if (i / 200) % 5 == 4 {
            Part::Dev
        } else {
            Part::Train
        }
    }

    /// The part of the `i`-th document of a document-based set.
    pub fn of_document(i: usize) -> Part {
        if i % 5 == 4 { Part::Dev } else { Part::Train }
    }

    /// `train` or `dev`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Train => "train",
            Part::Dev => "dev",
        }
    }
}

/// What a reader left out, for information (the rest is read as given).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Discontinuous standoff spans skipped (NEREL).
    pub discontinuous: usize,
    /// Mapped spans without any uppercase letter: mentions, not names (NEREL).
    pub not_names: usize,
    /// Spans nested inside a kept (outer) span, dropped.
    pub nested: usize,
    /// Outer spans that start with a lower-case word and hold a mapped span (a description
    /// around a name, "правительства России"): dropped for the names inside them.
    pub descriptions: usize,
    /// Spans crossing a kept span, dropped.
    pub overlapping: usize,
    /// Spans of types the mapping drops.
    pub unmapped: usize,
    /// `I-X` tags opening an entity (not continuing an `X` one): an IOB2 violation, read as
    /// `B-X` (the usual lenient reading). Not counted for IOB1 sets, where it is the rule.
    pub inside_opening: usize,
}

impl std::ops::AddAssign for ReadStats {
    fn add_assign(&mut self, o: ReadStats) {
        self.discontinuous += o.discontinuous;
        self.not_names += o.not_names;
        self.nested += o.nested;
        self.descriptions += o.descriptions;
        self.overlapping += o.overlapping;
        self.unmapped += o.unmapped;
        self.inside_opening += o.inside_opening;
    }
}

/// A corpus that cannot be read.
#[derive(Debug)]
pub enum CorpusError {
    /// A file or folder that cannot be read.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line that does not follow its format.
    Format {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl CorpusError {
    pub(crate) fn format(path: &Path, line: usize, message: impl Into<String>) -> CorpusError {
        CorpusError::Format {
            path: path.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            CorpusError::Format {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
        }
    }
}

impl std::error::Error for CorpusError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CorpusError::Io { source, .. } => Some(source),
            CorpusError::Format { .. } => None,
        }
    }
}

pub(crate) fn read_text(path: &Path) -> Result<String, CorpusError> {
    std::fs::read_to_string(path).map_err(|source| CorpusError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Files of a folder whose name ends with `suffix`, sorted by name.
pub(crate) fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, CorpusError> {
    let io = |source| CorpusError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_file()
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(suffix))
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Every set found under `eval_dir`, restricted to `part`; a set whose folder is missing is
/// skipped, a malformed file is an error naming the file and line.
pub fn sets(eval_dir: &Path, part: Part) -> Result<Vec<Set>, CorpusError> {
    Ok(sets_with_stats(eval_dir, part)?
        .into_iter()
        .map(|(set, _)| set)
        .collect())
}

/// [`sets`], each with what its reader left out.
pub fn sets_with_stats(eval_dir: &Path, part: Part) -> Result<Vec<(Set, ReadStats)>, CorpusError> {
    let mut out = Vec::new();
    let plain = |name: &str, lang, sentences, stats| {
        (
            Set {
                name: name.to_owned(),
                lang,
                data: Annotated::Tokens(sentences),
            },
            stats,
        )
    };
    for (code, lang) in [
        ("fr", LangCode::FR),
        ("en", LangCode::EN),
        ("ru", LangCode::RU),
    ] {
        let path = eval_dir
            .join("ner-wikineural")
            .join(code)
            .join("val.conllu");
        if path.is_file() {
            let all = iob::read_conll(&path)?;
            let mut stats = ReadStats::default();
            let kept = all
                .into_iter()
                .enumerate()
                .filter(|(i, _)| Part::of_sentence(*i) == part)
                .map(|(_, (s, orphans))| {
                    stats.inside_opening += orphans;
                    s
                })
                .collect();
            out.push(plain(&format!("wikineural/{code}"), lang, kept, stats));
        }
    }
    let path = eval_dir.join("ner-europeana-fr/enp_FR.bnf.dev.bio");
    if path.is_file() {
        let chunks = iob::read_europeana(&path)?;
        let kept = chunks
            .into_iter()
            .enumerate()
            .filter(|(i, _)| Part::of_document(*i) == part)
            .flat_map(|(_, c)| c)
            .collect();
        out.push(plain(
            "europeana/fr",
            LangCode::FR,
            kept,
            ReadStats::default(),
        ));
    }
    for (set, code, lang) in [
        ("hipe2020", "fr", LangCode::FR),
        ("letemps", "fr", LangCode::FR),
        ("newseye", "fr", LangCode::FR),
        ("hipe2020", "en", LangCode::EN),
        ("topres19th", "en", LangCode::EN),
    ] {
        let dir = eval_dir.join("ner-hipe2022").join(set).join(code);
        if !dir.is_dir() {
            continue;
        }
        let mut docs = Vec::new();
        for file in files_ending(&dir, ".tsv")? {
            docs.extend(iob::read_hipe(&file)?);
        }
        let mut stats = ReadStats::default();
        let kept = docs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| Part::of_document(*i) == part)
            .flat_map(|(_, d)| {
                stats.inside_opening += d.inside_opening;
                d.sentences
            })
            .collect();
        out.push(plain(&format!("{set}/{code}"), lang, kept, stats));
    }
    let nerel = eval_dir.join("ner-nerel").join(match part {
        Part::Train => "train",
        Part::Dev => "dev",
    });
    if nerel.is_dir() {
        let (docs, stats) = brat::read_nerel_dir(&nerel)?;
        out.push((
            Set {
                name: "nerel".to_owned(),
                lang: LangCode::RU,
                data: Annotated::Texts(docs),
            },
            stats,
        ));
    }
    let factru = eval_dir.join("ner-factrueval-2016/devset");
    if factru.is_dir() {
        let docs = factru::read_dir(&factru)?;
        let mut stats = ReadStats::default();
        let kept = docs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| Part::of_document(*i) == part)
            .map(|(_, (d, s))| {
                stats += s;
                d
            })
            .collect();
        out.push((
            Set {
                name: "factrueval".to_owned(),
                lang: LangCode::RU,
                data: Annotated::Texts(kept),
            },
            stats,
        ));
    }
    Ok(out)
}

/// Drops the spans that are descriptions around a name rather than names: a span of `text`
/// whose first letter is lower case and that holds another span ("правительства России" ORG
/// over "России" LOC, "центре Москвы" LOC over "Москвы"); the names inside are kept (the
/// contract's mentions are names, as in WikiNEuRal: "правительства [России]"). Returns how
/// many were dropped.
pub(crate) fn drop_descriptions(text: &str, spans: &mut Vec<TextSpan>) -> usize {
    let lower_first = |s: &TextSpan| {
        text.get(s.range.clone())
            .and_then(|t| t.chars().find(|c| c.is_alphabetic()))
            .is_some_and(char::is_lowercase)
    };
    let holds = |s: &TextSpan| {
        spans.iter().any(|t| {
            t.range != s.range && t.range.start >= s.range.start && t.range.end <= s.range.end
        })
    };
    let drop: Vec<bool> = spans.iter().map(|s| lower_first(s) && holds(s)).collect();
    let mut k = 0;
    spans.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    drop.iter().filter(|d| **d).count()
}

/// Keeps the outermost of possibly nested spans, sorted by start; returns how many were nested
/// in a kept one and how many crossed one.
pub(crate) fn outermost(mut spans: Vec<TextSpan>) -> (Vec<TextSpan>, usize, usize) {
    spans.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
            .then(a.label.cmp(&b.label))
    });
    let mut kept: Vec<TextSpan> = Vec::with_capacity(spans.len());
    let (mut nested, mut crossing) = (0, 0);
    for s in spans {
        match kept.last() {
            Some(k) if s.range.end <= k.range.end => nested += 1,
            Some(k) if s.range.start < k.range.end => crossing += 1,
            _ => kept.push(s),
        }
    }
    (kept, nested, crossing)
}
