//! The vocabulary of veille: one [`Document`] owns the clean text, and every stage adds a typed
//! layer of spans into it.
//!
//! Key decisions:
//! - Offsets are byte ranges ([`TextRange`]) into [`Document::text`], which is frozen once the
//!   document is built: no stage edits the text, so offsets handed out never move. The contract's
//!   code-point offsets are computed at the edge with [`CodePointIndex`].
//! - A layer is an `Option`: `None` means "not computed", `Some(vec![])` means "computed, empty".
//!   Layers are written once ([`Document::put_sentences`] and friends).
//! - [`Document::validate`] states every invariant in one place; tests, property tests and fuzz
//!   targets call it.
//! - No serialization here: the JSON of the contract lives in the `wire` crate.

mod code_points;
mod document;
mod entity;
mod lang;
mod measure;
mod raw;
mod speech;
mod stage;
mod text_range;

pub use code_points::CodePointIndex;
pub use document::{
    Diagnostic, Document, InvariantViolation, LangGuess, Metadata, Removed, Source, Token,
    TokenKind,
};
pub use entity::{Entity, EntityLabel, EntityRef};
pub use lang::LangCode;
pub use measure::{Bound, Counted, Quantity, QuantityKind, SiValue, TimeExpr, TimeKind};
pub use raw::{RawArticle, RawBody};
pub use speech::{Claim, Quote, QuoteKind};
pub use stage::{Layer, Stage};
pub use text_range::TextRange;
