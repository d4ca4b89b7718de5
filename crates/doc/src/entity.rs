//! Named entities: who and what a document is about.

use crate::TextRange;

/// The four labels of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    /// A person (real or fictional), named.
    Per,
    /// An organisation: company, party, ministry, team, agency, armed group.
    Org,
    /// A place: country, region, city, river, mountain, named building or street.
    Loc,
    /// Any other name: events, works, products, nationalities used as names, laws.
    Misc,
}

impl EntityLabel {
    /// Every label, in a fixed order (the order models index them by).
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];

    /// The contract's spelling: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    /// Reads the contract's spelling (case-insensitive); `None` for anything else.
    pub fn parse(s: &str) -> Option<EntityLabel> {
        EntityLabel::ALL
            .into_iter()
            .find(|label| label.as_str().eq_ignore_ascii_case(s))
    }
}

/// A mention of a named entity in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The mention, in the document text; it starts and ends on token boundaries.
    pub range: TextRange,
    /// What kind of thing it names.
    pub label: EntityLabel,
}

/// What one entity mention refers to within its document, and under which key.
///
/// Parallel to the entity layer: `refs[i]` describes `entities[i]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// Index of the mention that names the referent most fully in this document ("Vladimir
    /// Poutine" for a later "Poutine"); its own index when it is that mention.
    pub head: usize,
    /// A key for the referent that does not depend on spelling, script or inflection
    /// (`"vladimir-poutine"`, the same for "Владимир Путин"); the contract's `entity`.
    pub key: String,
}
