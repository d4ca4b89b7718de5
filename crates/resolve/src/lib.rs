//! Who is who: entity mentions linked within a document ([`LinkEntities`], the
//! `entity_refs` layer) and resolved across documents ([`resolve`]).
//!
//! # Keys
//! [`name_key`] folds a name into a matching key: lower case, accents, punctuation,
//! apostrophes and hyphens folded, Cyrillic transliterated, then the spellings French,
//! English, German and scholarly transliterations give one Russian name brought together
//! (Tokaïev, Tokayev, Tokajew, Tokaev, Токаев → `tokaev`; Poutine, Putin, Путин → `putin`;
//! Choïgou, Shoigu, Шойгу → `choigu`). The folds are listed in the `fold` module; they are
//! lossy on purpose (ш and ч share `ch`), so a key is for matching, not for showing. Person
//! keys ([`key_for`] with PER, which [`LinkEntities`] uses) also fold the Russian case and
//! gender endings of the surname (Токаева, Токаеву, Tokayeva → `tokaev`): a woman and a man of
//! one surname and one first name would share a key, which the first name makes rare. They
//! also lose the French and English titles before the name when it is not written in Cyrillic
//! ("M.", "monsieur", "le général", "Mr", "M. le prince de Bismarck" → `bismark`; in Cyrillic
//! "М." is an initial). An initial glued to the surname by its dot is a word of its own
//! ("Б.Обама" = "Б. Обама"); OCR's line-break hyphen (`¬`) is dropped ("Lon¬dres").
//!
//! # Within a document ([`link_document`])
//! Mentions of one label with one key are one referent; so are Russian case forms of one name
//! (every word the same stem with case endings: "России"/"Россия", "Касыма-Жомарта
//! Токаева"/"Касым-Жомарт Токаев"). A person name whose surname and other words (in order,
//! initials allowed) are part of exactly one fuller person name joins it ("Tokaïev",
//! "Токаева", "V. Poutine"); with two candidates ("Kassimov" beside "Kamil Kassimov" and
//! "Rustam Kassimov") it stays alone. A lone first name is never a part (the last word must be
//! the surname). An acronym defined in parentheses next to its long form ("Organisation du
//! Traité de sécurité collective (OTSC)", either order) joins it when its letters are the long
//! form's initials in order or the alias table says so. The head is the mention with the most
//! words, first occurrence; every mention takes its head's key.
//!
//! # Across documents ([`resolve`])
//! On distinct (label, key), sorted, so the result does not depend on record order:
//! 1. equal key and label: one entity;
//! 2. the curated table `data/aliases.tsv` (OTSC = CSTO = ОДКБ, Russie = Россия = Russian
//!    Federation, ...), by key, by Russian case form, or by an acronym seen under the key;
//! 3. an acronym defined in a document (its form is under the long form's key) stands for that
//!    long form wherever it appears alone, if it was defined for one entity only;
//! 4. Russian case forms, as within a document ("Макрона" = "Macron"); Russian place
//!    adjectives tagged as places ("российских", "московского") join the one place whose
//!    Russian name has their stem ("России", "Москва"), never when two places fit;
//! 5. misspellings: same label and word count, at least 8 letters, one edit (two from 14
//!    letters), each differing word keeping its first letter and at least 4 letters, a
//!    consonant change only in words of 7 letters or more, never a mere extension
//!    ("Kamil"/"Kamila") nor a change of digits; candidates blocked by consonant skeleton and
//!    its one-deletion variants (from 4 consonants on): one consonant edit and any vowel
//!    edits are found, two consonant edits are not looked for;
//! 6. persons: a partial name joins the one entity whose fuller names contain it (a lone
//!    surname, "V. Poutine", a name without its patronymic); none when two entities share it;
//! 7. corrections, in the order given, on the ids of the automatic result.
//!
//! Never across labels; never by a shared first name; never a name into a longer organisation
//! or place name ("Russie" and "Russie-Libertés" stay two).
//!
//! Display name: for a person, among the forms with the most words; otherwise among all
//! forms; a Latin-script form when there is one (the readers of the fr/en output, readable
//! ids); then the most mentions. Ids: [`slug`] of the display name, `-2`, `-3` on collision,
//! assigned in the order of (slug, label, smallest key).
//!
//! # Not done, deliberately
//! No knowledge base or Wikidata look-up; no coreference of pronouns or descriptions ("le
//! président kazakh"); no transliteration of other scripts (their letters are kept as code
//! points); German `z` for ц and `ch` for х are not folded (they collide with French and
//! English); female and male forms of one surname are not told apart in person keys; blocks
//! of more than 64 distinct names are not compared pairwise (such a block is no evidence).
//! Cities are not in the alias table (Moscou, Moscow, Москва stay three entities unless a
//! document links them); the `gazetteer` crate could feed it.
//!
//! # Tests and timing
//! `test_data/keys.tsv`, `link.tsv` (real documents tokenised by `segment`, entities placed by
//! hand) and `resolve.tsv` are the tables; `tests/props.rs` checks partition, labels, order
//! independence and determinism. `cargo run --release -p resolve --example resolve_100k`
//! times [`resolve`] on 100 000 synthetic records. `veille eval resolve` measures B³ and
//! pairwise F1 against gold Wikidata links (HIPE-2022 French, NEREL) beside an exact-string
//! baseline.

use doc::{Document, EntityLabel, EntityRef, Layer, Stage};

mod aliases;
mod corpus;
mod fold;
mod link;
mod union;

pub use fold::{key_for, slug};

/// The stage: links every entity mention to the fullest mention of its referent in the
/// document and gives it a key independent of spelling, script and inflection.
#[derive(Clone, Copy, Debug, Default)]
pub struct LinkEntities;

impl LinkEntities {
    /// The stage.
    pub fn new() -> LinkEntities {
        LinkEntities
    }
}

impl Stage for LinkEntities {
    fn name(&self) -> &'static str {
        "resolve.v1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Tokens, Layer::Entities]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::EntityRefs]
    }
    fn run(&self, doc: &mut Document) {
        let refs = link_document(doc);
        doc.put_entity_refs(refs);
    }
}

/// One [`EntityRef`] per entity of `doc`, in order (empty when there is no entity layer).
pub fn link_document(doc: &Document) -> Vec<EntityRef> {
    link::link(doc)
}

/// The key of a name: lower case, accents and punctuation folded, Cyrillic transliterated,
/// spellings of Russian names folded together, words joined by `-` ("Kassym-Jomart Tokaïev"
/// and "Касым-Жомарт Токаев" → `kasim-jomart-tokaev`). Never empty (`x` for a name without a
/// letter or digit). Label-free: person names get [`key_for`] in documents.
///
/// ```
/// assert_eq!(resolve::name_key("Kassym-Jomart Tokaïev"), "kasim-jomart-tokaev");
/// assert_eq!(resolve::name_key("Касым-Жомарт Токаев"), "kasim-jomart-tokaev");
/// assert_eq!(resolve::name_key("Poutine"), resolve::name_key("Путин"));
/// assert_ne!(resolve::name_key("Russie"), resolve::name_key("Russie-Libertés"));
/// ```
pub fn name_key(name: &str) -> String {
    fold::fold(name, None).key()
}

/// What the corpus knows about one document-level key: gathered by the store from every
/// document's `entity_refs` (the head mentions' keys).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRecord {
    /// The document-level key ([`EntityRef::key`]).
    pub key: String,
    /// The label of the mentions.
    pub label: EntityLabel,
    /// Surface forms seen under this key, with how many mentions had each.
    pub forms: Vec<(String, u32)>,
    /// Mentions in all documents.
    pub mentions: u32,
    /// Documents mentioning it.
    pub documents: u32,
}

/// A correction made by hand, applied on every resolution (so it survives re-ingestion).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Correction {
    /// The entity with id `from` is the same as the entity with id `into`.
    Merge {
        /// The entity kept.
        into: String,
        /// The entity folded into it.
        from: String,
    },
    /// The document-level key `key` is not the entity `entity`: it becomes an entity of its own.
    Split {
        /// The entity it was wrongly resolved to.
        entity: String,
        /// The key taken out.
        key: String,
    },
}

/// One resolved entity across the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// A stable, readable id (`"kassym-jomart-tokayev"`), unique within the resolution.
    pub id: String,
    /// PER, ORG, LOC or MISC: resolution never merges across labels.
    pub label: EntityLabel,
    /// The display name: the most frequent full form.
    pub name: String,
    /// Every other surface form, in every script.
    pub aliases: Vec<String>,
    /// Indices into the `records` given to [`resolve`] that this entity covers.
    pub records: Vec<usize>,
}

/// Resolves document-level keys across the corpus: one [`Resolved`] per entity, each record
/// in exactly one of them. Deterministic and independent of the order of `records`.
pub fn resolve(records: &[NameRecord], corrections: &[Correction]) -> Vec<Resolved> {
    corpus::resolve(records, corrections)
}
