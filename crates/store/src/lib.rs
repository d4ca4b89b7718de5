//! The knowledge base on disk: documents with their layers, entity mentions, quotes, claims
//! and times, and the entities resolved across documents.
//!
//! Key decisions:
//! - **A trait, [`Store`]**, with one implementation today, [`SqliteStore`] (one file,
//!   embedded, WAL journal). A PostgreSQL backend implements the same trait later; callers
//!   (the `kb` crate) see rows, never SQL.
//! - **Idempotent ingest**: a document is keyed by the hash of its clean text
//!   ([`dedup::content_hash`]); inserting it again changes nothing and is reported as a copy.
//! - **Crash safety**: every batch is one transaction; a killed ingest leaves the batches
//!   before it, and the next run re-reads the inputs and skips what is there. The search
//!   index is derived: rows carry an `indexed` flag set only after the index committed them.
//! - **Resolution is recomputed, corrections are kept**: entities across documents are a
//!   function of every document's mention keys and the hand-made corrections (a table of
//!   their own), so a correction survives re-ingestion and new documents.
//! - **Versioned schema**: `PRAGMA user_version` holds the version; [`SqliteStore::open`]
//!   applies the missing migrations in order and refuses a store newer than the code.
//! - **Reads in parallel**: [`SqliteStore`] is `Send + Sync`; writes (`&mut self`) go through
//!   one connection, each read (`&self`) through a read-only connection checked out of a small
//!   pool, so a server's threads read at once (WAL: readers never wait for each other or for
//!   the writer).
//! - **Profiles are precomputed**: what an entity's profile reads (its documents, mentions
//!   per month, co-mentioned entities, names as written) is derived in the transaction that
//!   saves a resolution, so it is never out of step with it and reading it is a few indexed
//!   lookups instead of joins over every mention.

mod row;
mod sqlite;

pub use row::{
    ClaimRow, DocumentRow, EntityRow, Inserted, MentionRow, NewDocument, QuoteRow, TimeRow,
    TimelineRow, days_from_iso,
};
pub use sqlite::{CO_MENTIONS_KEPT, SqliteStore};

use doc::EntityLabel;
use resolve::{Correction, NameRecord, Resolved};

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed (I/O, corruption, lock).
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The store was written by a newer veille.
    #[error(
        "store schema version {found} is newer than this veille knows ({known}): upgrade veille"
    )]
    TooNew {
        /// The version on disk.
        found: i64,
        /// The newest version this code knows.
        known: i64,
    },
    /// A stored value could not be read back.
    #[error("store: corrupt row: {0}")]
    Corrupt(String),
}

/// A result of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The operations the knowledge base needs from a storage backend.
///
/// Every method takes `&self`: a backend serialises its own writes and lets reads run beside
/// them, each read seeing the last committed state (so a server keeps answering while a
/// refresh rewrites the derived tables). Keeping writes in a sensible order (no two refreshes
/// at once) is the caller's job: the knowledge base holds a write lock of its own.
pub trait Store {
    /// Adds documents in one transaction, skipping those already stored (same content hash);
    /// one [`Inserted`] per input, in order.
    fn insert(&self, docs: &[NewDocument]) -> Result<Vec<Inserted>>;
    /// Documents not yet in the search index (oldest first, at most `limit`).
    fn unindexed(&self, limit: usize) -> Result<Vec<DocumentRow>>;
    /// Marks every document as not indexed (the index was lost and is rebuilt).
    fn mark_all_unindexed(&self) -> Result<()>;
    /// Records that the index committed these documents.
    fn mark_indexed(&self, docs: &[u64]) -> Result<()>;
    /// Every document's MinHash signature, in insertion order.
    fn signatures(&self) -> Result<Vec<(u64, Vec<u8>)>>;
    /// Records near-duplicates: `(document, original)`; other documents have none.
    fn set_duplicates(&self, pairs: &[(u64, u64)]) -> Result<()>;
    /// Every document-level entity key with its label, surface forms and counts.
    fn name_records(&self) -> Result<Vec<NameRecord>>;
    /// Hand-made corrections, oldest first.
    fn corrections(&self) -> Result<Vec<Correction>>;
    /// Adds a hand-made correction.
    fn add_correction(&self, correction: &Correction) -> Result<()>;
    /// Replaces the resolved entities: `resolved[i].records` index into `records`, and
    /// recomputes what is derived from them (each entity's documents, mentions per month,
    /// co-mentioned entities, names as written), so reading a profile is a few indexed
    /// lookups. Document counts leave out near-duplicates, so call it after
    /// [`Store::set_duplicates`].
    fn save_resolution(&self, records: &[NameRecord], resolved: &[Resolved]) -> Result<()>;
    /// Which entity each document-level key resolved to: `(key, label, entity id)`.
    fn key_entities(&self) -> Result<Vec<(String, EntityLabel, String)>>;
    /// Resolved entities, most mentioned first.
    fn entities(&self) -> Result<Vec<EntityRow>>;
    /// One entity by id, or by a name or alias (case-insensitive).
    fn find_entity(&self, name_or_id: &str) -> Result<Option<EntityRow>>;
    /// Every entity mention with its resolved entity, in document order.
    fn mentions(&self, entity: Option<&str>) -> Result<Vec<(MentionRow, String, String)>>;
    /// The documents mentioning an entity (as of the last [`Store::save_resolution`]).
    fn documents_of(&self, entity: &str) -> Result<Vec<u64>>;
    /// The resolved entity of each document-level key of one document (by contract id):
    /// `(key, label, entity id)`, for linking a stored document's mentions to their entities.
    fn document_entities(&self, id: &str) -> Result<Vec<(String, EntityLabel, String)>>;
    /// One document's stored JSON, by contract id or row id.
    fn document(&self, id: &str) -> Result<Option<DocumentRow>>;
    /// Every claim (of one source entity when given), with its document's language and id.
    fn claims(&self, source: Option<&str>) -> Result<Vec<ClaimRow>>;
    /// Entities mentioned in the documents that mention `entity`: id, name and how many
    /// documents, most first (then by id). Computed by [`Store::save_resolution`], which
    /// keeps the first [`CO_MENTIONS_KEPT`] of each entity: `limit` beyond that
    /// returns no more.
    fn co_mentioned(&self, entity: &str, limit: usize) -> Result<Vec<(String, String, u64)>>;
    /// Mentions of an entity per month of publication (`2024-05`, `unknown`), in order, as of
    /// the last [`Store::save_resolution`].
    fn mention_months(&self, entity: &str) -> Result<Vec<(String, u64)>>;
    /// Quotes, all or by one entity.
    fn quotes(&self, speaker: Option<&str>) -> Result<Vec<QuoteRow>>;
    /// Dated items (anchored dates), in date order; only documents mentioning `entity` if given.
    fn timeline(&self, entity: Option<&str>) -> Result<Vec<TimelineRow>>;
    /// What story clustering needs of every document.
    fn story_inputs(&self) -> Result<Vec<StoryInput>>;
    /// Records the story of each document: `(document, story)`.
    fn set_stories(&self, stories: &[(u64, u64)]) -> Result<()>;
    /// Counts: documents, near-duplicates, mentions, entities.
    fn counts(&self) -> Result<Counts>;
}

/// Sizes of the store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Stored documents.
    pub documents: u64,
    /// Of which near-duplicates of another.
    pub near_duplicates: u64,
    /// Entity mentions.
    pub mentions: u64,
    /// Resolved entities.
    pub entities: u64,
    /// Stories (documents grouped by what they report).
    pub stories: u64,
}

/// One document as story clustering sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryInput {
    /// Row id.
    pub doc: u64,
    /// Days since 1970-01-01 of the publication date.
    pub day: Option<i64>,
    /// Resolved entities mentioned, with counts.
    pub entities: Vec<(String, u32)>,
    /// The start of the text (title and lead).
    pub lead: String,
}

#[cfg(test)]
mod tests;
