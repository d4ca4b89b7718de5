//! The per-document processing step and the layers it declares.

use crate::Document;

/// A layer of annotations on a [`Document`]. The text itself is not a layer: a document is
/// built with its clean text and it never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The language of the document ([`Document::lang`]).
    Lang,
    /// Sentence ranges ([`Document::sentences`]).
    Sentences,
    /// Token ranges with their kinds ([`Document::tokens`]).
    Tokens,
    /// Time expressions ([`Document::times`]).
    Times,
    /// Numbers and measures ([`Document::quantities`]).
    Quantities,
    /// Named entities ([`Document::entities`]).
    Entities,
    /// What each entity mention refers to ([`Document::entity_refs`]).
    EntityRefs,
    /// Quotes with their speakers ([`Document::quotes`]).
    Quotes,
    /// Quantities with their sources ([`Document::claims`]).
    Claims,
}

/// A per-document processing step.
///
/// Stages are infallible: a problem with one document becomes a [`crate::Diagnostic`] on it.
/// They read the layers they `requires` and write the layers they `provides`, once.
pub trait Stage: Send + Sync {
    /// A versioned name, such as `"segment.v1"`; used in diagnostics.
    fn name(&self) -> &'static str;
    /// Layers that must be present before [`Stage::run`].
    fn requires(&self) -> &'static [Layer];
    /// Layers that [`Stage::run`] adds.
    fn provides(&self) -> &'static [Layer];
    /// Adds the provided layers to `doc`.
    fn run(&self, doc: &mut Document);
}
