//! The knowledge base: analysed documents go into the store ([`store`]) and the search index
//! ([`index`]); then what depends on the whole corpus is recomputed: entities resolved across
//! documents ([`resolve`]), near-duplicate copies and stories ([`dedup`]); claims are grouped
//! and compared on demand ([`reconcile`]).
//!
//! Key decisions:
//! - **The store is the truth.** The index is rebuilt from it for whatever the store has not
//!   marked indexed, so a crash between the two is repaired by the next [`KnowledgeBase::open`]
//!   or ingest.
//! - **Corpus-level results are recomputed after each ingest** ([`KnowledgeBase::refresh`]),
//!   not updated incrementally: resolution, duplicate groups and stories are functions of the
//!   whole corpus (and of the hand-made corrections), so the order documents arrived in never
//!   changes them, and a correction survives any re-ingestion.
//! - **Reads never wait for writes**: [`KnowledgeBase`] is `Send + Sync` and every method
//!   takes `&self` (the store lends each read a connection of its own, the index shares its
//!   searcher). Writes wait for each other on the knowledge base's own lock; a server keeps
//!   answering from the last committed state while an ingest refreshes (a refresh of
//!   news-realism's 2 100 documents takes seconds).
//! - **A profile is a few lookups**: what it needs (documents, mentions per month,
//!   co-mentioned entities) is computed by [`KnowledgeBase::refresh`] with the resolution,
//!   so merges and splits, which refresh, keep it right.
//! - Deliberately absent: deleting documents, and writers in two processes at once (within
//!   one process the write lock serialises them; across processes the tantivy writer lock
//!   refuses a second ingest with a clear error).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use doc::{Document, EntityLabel};
use index::{IndexDoc, SearchIndex, SearchRequest, SearchResults};
use reconcile::{ClaimFact, ClaimGroup};
use resolve::Correction;
use store::{
    ClaimRow, Counts, EntityRow, Inserted, NewDocument, QuoteRow, SqliteStore, Store, TimelineRow,
};

pub use store::MentionRow;

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The index failed.
    #[error(transparent)]
    Index(#[from] index::IndexError),
    /// The directory could not be created.
    #[error("cannot create the knowledge base directory {path}: {source}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A split names no name the entity was resolved from.
    #[error("{name:?} is not one of the names {entity:?} was resolved from; these can be split off: {}", names.join(", "))]
    NotSplittable {
        /// The name given.
        name: String,
        /// The entity.
        entity: String,
        /// The names that can be split off.
        names: Vec<String>,
    },
    /// An entity named by the user does not exist.
    #[error("no entity named {0:?} (see `veille entities`)")]
    UnknownEntity(String),
}

/// A result of the knowledge base.
pub type Result<T> = std::result::Result<T, KbError>;

/// The knowledge base in a directory: `veille.db` and `index/`.
///
/// Everything takes `&self`, and reads (search, entities, profiles, claims, timeline,
/// documents) run from many threads at once: each store read takes a read connection of its
/// own and the index searcher is shared. Writes (ingest, refresh, corrections) wait for each
/// other on a lock of their own, and never for a read: while a refresh rewrites the derived
/// tables, reads go on over the last committed state (SQLite's WAL; the index shows its last
/// commit). A read that makes several store queries may see a refresh land between two of
/// them; the next read sees it whole.
pub struct KnowledgeBase {
    store: SqliteStore,
    index: SearchIndex,
    /// Held by every write, so two refreshes never interleave their steps (the later one's
    /// resolution could otherwise be overwritten by the earlier one's).
    writes: Mutex<()>,
}

/// Proof that the caller holds [`KnowledgeBase::writes`].
type WriteLock<'a> = MutexGuard<'a, ()>;

// A server shares one knowledge base between its worker threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<KnowledgeBase>();
};

/// What one ingest call did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Documents stored for the first time.
    pub added: usize,
    /// Documents whose text was stored already.
    pub copies: usize,
}

/// Documents indexed per index commit when catching up.
const INDEX_BATCH: usize = 512;

impl KnowledgeBase {
    /// Opens (or creates) the knowledge base in `dir`, and indexes what the store holds and
    /// the index does not (after a crash, when the index directory was deleted, or when it
    /// was written with an older schema).
    pub fn open(dir: &Path) -> Result<KnowledgeBase> {
        std::fs::create_dir_all(dir).map_err(|source| KbError::Dir {
            path: dir.to_owned(),
            source,
        })?;
        let store = SqliteStore::open(&dir.join("veille.db"))?;
        let index = SearchIndex::open(&dir.join("index"))?;
        let kb = KnowledgeBase {
            store,
            index,
            writes: Mutex::new(()),
        };
        if kb.index.is_empty() && kb.store.counts()?.documents > 0 {
            // The index was deleted or lost: rebuild it from the store.
            kb.store.mark_all_unindexed()?;
        }
        kb.sync_index()?;
        Ok(kb)
    }

    /// Opens the knowledge base in `dir` for reading only: nothing is written (but a store of
    /// an older schema is migrated), so it can run while an ingest is writing (SQLite's WAL
    /// gives readers the last committed state; the index shows what it has committed). An
    /// index of an older schema is searched as it is (facets count what it has).
    pub fn open_reader(dir: &Path) -> Result<KnowledgeBase> {
        let store = SqliteStore::open(&dir.join("veille.db"))?;
        let index = SearchIndex::open_read_only(&dir.join("index"))?;
        Ok(KnowledgeBase {
            store,
            index,
            writes: Mutex::new(()),
        })
    }

    fn write_lock(&self) -> WriteLock<'_> {
        self.writes.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores analysed documents (one transaction) and indexes them. Call
    /// [`KnowledgeBase::refresh`] after the last batch.
    pub fn ingest(&self, docs: &[Document]) -> Result<IngestReport> {
        let rows: Vec<NewDocument> = docs.iter().map(NewDocument::from_document).collect();
        self.ingest_rows(&rows)
    }

    /// [`KnowledgeBase::ingest`] for documents already turned into rows (in parallel by the
    /// caller).
    pub fn ingest_rows(&self, rows: &[NewDocument]) -> Result<IngestReport> {
        let lock = self.write_lock();
        let inserted = self.store.insert(rows)?;
        let added = inserted
            .iter()
            .filter(|i| matches!(i, Inserted::New(_)))
            .count();
        self.sync_index_locked(&lock)?;
        Ok(IngestReport {
            added,
            copies: inserted.len() - added,
        })
    }

    /// Indexes every stored document the index does not have yet.
    pub fn sync_index(&self) -> Result<usize> {
        self.sync_index_locked(&self.write_lock())
    }

    fn sync_index_locked(&self, _: &WriteLock) -> Result<usize> {
        let mut done = 0;
        let mut writer = None;
        loop {
            let rows = self.store.unindexed(INDEX_BATCH)?;
            if rows.is_empty() {
                break;
            }
            let writer = match &mut writer {
                Some(w) => w,
                None => writer.insert(self.index.writer()?),
            };
            let docs: Vec<IndexDoc> = rows
                .iter()
                .map(|r| IndexDoc {
                    doc: r.doc,
                    id: r.id.clone(),
                    title: r.title.clone(),
                    lang: r.lang.clone(),
                    body: r.text.clone(),
                    names: r.names.clone(),
                    source: r.site.clone(),
                    day: r.day,
                })
                .collect();
            self.index.add(writer, &docs)?;
            self.index.commit(writer)?;
            let ids: Vec<u64> = rows.iter().map(|r| r.doc).collect();
            self.store.mark_indexed(&ids)?;
            done += ids.len();
        }
        Ok(done)
    }

    /// Recomputes what depends on the whole corpus: entities (with the corrections), copies,
    /// stories, and what profiles read (each entity's documents, mentions per month,
    /// co-mentioned entities). Until it runs, documents just ingested are in search results
    /// but not in entity filters or profiles.
    pub fn refresh(&self) -> Result<()> {
        self.refresh_locked(&self.write_lock())
    }

    fn refresh_locked(&self, _: &WriteLock) -> Result<()> {
        let mut near = dedup::NearDuplicates::new();
        let mut pairs = Vec::new();
        for (doc, bytes) in self.store.signatures()? {
            let Some(signature) = dedup::Signature::from_bytes(&bytes) else {
                continue;
            };
            if let Some(original) = near.insert(doc, &signature) {
                pairs.push((doc, original));
            }
        }
        self.store.set_duplicates(&pairs)?;

        // After the copies: an entity's document count is of reports, not copies.
        let records = self.store.name_records()?;
        let corrections = self.store.corrections()?;
        let resolved = resolve::resolve(&records, &corrections);
        self.store.save_resolution(&records, &resolved)?;

        let inputs = self.store.story_inputs()?;
        let docs: Vec<dedup::StoryDoc> = inputs
            .into_iter()
            .map(|s| dedup::StoryDoc {
                id: s.doc,
                day: s.day,
                entities: s.entities,
                lead: s.lead,
            })
            .collect();
        let stories = dedup::stories(&docs);
        let assigned: Vec<(u64, u64)> = docs
            .iter()
            .zip(stories)
            .map(|(d, s)| (d.id, s as u64))
            .collect();
        self.store.set_stories(&assigned)?;
        Ok(())
    }

    /// Sizes.
    pub fn counts(&self) -> Result<Counts> {
        Ok(self.store.counts()?)
    }

    /// Full-text search; `entity` (an id or a name) restricts to the documents mentioning it.
    pub fn search(
        &self,
        mut request: SearchRequest,
        entity: Option<&str>,
    ) -> Result<SearchResults> {
        if let Some(name) = entity {
            let e = self.entity(name)?;
            request.docs = Some(self.store.documents_of(&e.id)?);
        }
        Ok(self.index.search(&request)?)
    }

    /// Every resolved entity, most mentioned first.
    pub fn entities(&self) -> Result<Vec<EntityRow>> {
        Ok(self.store.entities()?)
    }

    /// One entity by id, name or alias.
    pub fn entity(&self, name: &str) -> Result<EntityRow> {
        self.store
            .find_entity(name)?
            .ok_or_else(|| KbError::UnknownEntity(name.to_owned()))
    }

    /// Every mention with its resolved entity and its document's publication date.
    pub fn mentions(&self, entity: Option<&str>) -> Result<Vec<(MentionRow, String, String)>> {
        Ok(self.store.mentions(entity)?)
    }

    /// What the corpus says of one entity.
    pub fn profile(&self, name: &str) -> Result<Profile> {
        let entity = self.entity(name)?;
        Ok(Profile {
            mentions_by_month: self.store.mention_months(&entity.id)?,
            documents: self.store.documents_of(&entity.id)?.len() as u64,
            co_mentioned: self.store.co_mentioned(&entity.id, 20)?,
            quotes: self.store.quotes(Some(&entity.id))?,
            claims: self.store.claims(Some(&entity.id))?,
            entity,
        })
    }

    /// Records that `from` is the same entity as `into`, and re-resolves.
    pub fn merge(&self, into: &str, from: &str) -> Result<()> {
        let lock = self.write_lock();
        let into = self.entity(into)?.id;
        let from = self.entity(from)?.id;
        self.store
            .add_correction(&Correction::Merge { into, from })?;
        self.refresh_locked(&lock)
    }

    /// Records that the name `name` is not the entity `entity`, and re-resolves. The name must
    /// be one the entity was resolved from across documents (a name a document itself links
    /// to a fuller one, such as a surname, goes with that document's full name).
    pub fn split(&self, entity: &str, name: &str) -> Result<()> {
        let lock = self.write_lock();
        let entity = self.entity(entity)?;
        let key = resolve::key_for(name, entity.label);
        let keys: Vec<String> = self
            .store
            .key_entities()?
            .into_iter()
            .filter(|(_, label, id)| *label == entity.label && *id == entity.id)
            .map(|(k, _, _)| k)
            .collect();
        if keys.len() < 2 || !keys.contains(&key) {
            let names: Vec<String> = self
                .store
                .name_records()?
                .into_iter()
                .filter(|r| r.label == entity.label && keys.contains(&r.key))
                .filter_map(|r| r.forms.first().map(|f| f.0.clone()))
                .collect();
            return Err(KbError::NotSplittable {
                name: name.to_owned(),
                entity: entity.id,
                names,
            });
        }
        let entity = entity.id;
        self.store
            .add_correction(&Correction::Split { entity, key })?;
        self.refresh_locked(&lock)
    }

    /// Claims grouped by what they count, conflicting groups first. Figures are compared
    /// within a story only: two unrelated articles counting "two accounts" do not disagree.
    pub fn claims(&self) -> Result<Vec<(ClaimGroup, Vec<ClaimRow>)>> {
        let mut rows = self.store.claims(None)?;
        // Places as resolved entities: "Moscou" and "Москве" are one scope.
        let places: HashMap<String, String> = self
            .store
            .key_entities()?
            .into_iter()
            .filter(|(_, label, _)| *label == doc::EntityLabel::Loc)
            .map(|(key, _, entity)| (key, entity))
            .collect();
        for r in &mut rows {
            for p in &mut r.places {
                if let Some(entity) = places.get(p.as_str()) {
                    p.clone_from(entity);
                }
            }
            r.places.sort();
            r.places.dedup();
        }
        let mut by_story: BTreeMap<Option<u64>, Vec<usize>> = BTreeMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_story.entry(r.story).or_default().push(i);
        }
        let mut out = Vec::new();
        for members in by_story.values() {
            let facts: Vec<ClaimFact> = members.iter().map(|&i| claim_fact(&rows[i])).collect();
            for group in reconcile::reconcile(&facts) {
                let claims = group
                    .members
                    .iter()
                    .map(|&j| rows[members[j]].clone())
                    .collect();
                out.push((group, claims));
            }
        }
        // Conflicts first, then consistent groups, then single figures; stable otherwise.
        out.sort_by_key(|(g, _)| match g.status {
            reconcile::Status::Conflicting => 0,
            reconcile::Status::Consistent => 1,
            reconcile::Status::Single => 2,
        });
        Ok(out)
    }

    /// Dated items in order, optionally about one entity.
    pub fn timeline(&self, entity: Option<&str>) -> Result<Vec<TimelineRow>> {
        let id = entity.map(|e| self.entity(e)).transpose()?.map(|e| e.id);
        Ok(self.store.timeline(id.as_deref())?)
    }

    /// The knowledge base's entity for each mention key of a stored document: the contract
    /// JSON carries document-level keys (`entity`), resolution across documents maps them to
    /// entities, which the document's pages link to.
    pub fn document_entities(&self, id: &str) -> Result<HashMap<(String, EntityLabel), String>> {
        Ok(self
            .store
            .document_entities(id)?
            .into_iter()
            .map(|(key, label, entity)| ((key, label), entity))
            .collect())
    }

    /// A stored document's contract JSON, by id.
    pub fn document_json(&self, id: &str) -> Result<Option<String>> {
        Ok(self.store.document(id)?.map(|d| d.json))
    }
}

fn claim_fact(c: &ClaimRow) -> ClaimFact {
    ClaimFact {
        document: c.document.clone(),
        lang: c.lang.clone(),
        text: c.text.clone(),
        sentence: c.sentence.clone(),
        value: c.value,
        value_max: c.value_max,
        bound: bound_of(&c.bound),
        unit: c.unit.clone(),
        si: c
            .si_value
            .zip(c.si_unit.clone())
            .map(|(value, unit)| doc::SiValue { value, unit }),
        counted: c.counted.clone(),
        source: c.source_key.clone().or_else(|| c.source.clone()),
        places: c.places.clone(),
        when: c.when.clone(),
    }
}

fn bound_of(s: &str) -> doc::Bound {
    use doc::Bound::*;
    [Exact, About, MoreThan, LessThan, AtLeast, AtMost, Range]
        .into_iter()
        .find(|b| b.as_str() == s)
        .unwrap_or(Exact)
}

/// What the corpus says of one entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The entity.
    pub entity: EntityRow,
    /// Mentions per month of publication (`2024-05`), in order.
    pub mentions_by_month: Vec<(String, u64)>,
    /// Documents mentioning it.
    pub documents: u64,
    /// Entities mentioned in the same documents: id, name and how many documents, most first.
    pub co_mentioned: Vec<(String, String, u64)>,
    /// Quotes it is the speaker of.
    pub quotes: Vec<QuoteRow>,
    /// Claims it is the source of.
    pub claims: Vec<ClaimRow>,
}

#[cfg(test)]
mod tests;
