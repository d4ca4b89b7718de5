//! [`Store`] on an embedded SQLite file.

use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use doc::EntityLabel;
use resolve::{Correction, NameRecord, Resolved};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::{
    ClaimRow, Counts, DocumentRow, EntityRow, Inserted, MentionRow, NewDocument, QuoteRow, Result,
    Store, StoreError, StoryInput, TimelineRow,
};

/// The migrations, in order: `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    path TEXT,
    url TEXT,
    site TEXT,
    title TEXT,
    published TEXT,
    day INTEGER,
    lang TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,
    signature BLOB NOT NULL,
    duplicate_of INTEGER,
    story INTEGER,
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_unindexed ON documents(indexed, doc);
CREATE TABLE mentions (
    doc INTEGER NOT NULL REFERENCES documents(doc),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX mentions_key ON mentions(key, label);
CREATE TABLE quotes (
    doc INTEGER NOT NULL REFERENCES documents(doc),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_key TEXT,
    cue TEXT
);
CREATE INDEX quotes_speaker ON quotes(speaker_key);
CREATE TABLE claims (
    doc INTEGER NOT NULL REFERENCES documents(doc),
    text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    bound TEXT NOT NULL,
    unit TEXT,
    si_value REAL,
    si_unit TEXT,
    counted TEXT,
    source TEXT,
    source_key TEXT,
    cue TEXT,
    places TEXT NOT NULL,
    time_value TEXT
);
CREATE TABLE times (
    doc INTEGER NOT NULL REFERENCES documents(doc),
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    anchored INTEGER NOT NULL,
    sentence TEXT NOT NULL
);
CREATE INDEX times_value ON times(value);
CREATE TABLE corrections (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL
);
CREATE TABLE entity_keys (
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (key, label)
);
CREATE INDEX entity_keys_entity ON entity_keys(entity);
"#,
    // Version 2: what an entity's profile and lookup read, derived from the resolution by
    // `derive_entity_tables` (so a profile is a few indexed lookups, not joins over every
    // mention), and indexes for the per-entity filters.
    r#"
CREATE TABLE entity_documents (
    entity TEXT NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (entity, doc)
) WITHOUT ROWID;
CREATE TABLE entity_months (
    entity TEXT NOT NULL,
    month TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity, month)
) WITHOUT ROWID;
CREATE TABLE entity_co_mentions (
    entity TEXT NOT NULL,
    rank INTEGER NOT NULL,
    other TEXT NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (entity, rank)
) WITHOUT ROWID;
CREATE TABLE entity_forms (
    form TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (form, entity)
) WITHOUT ROWID;
CREATE INDEX entities_rank ON entities(mentions DESC, documents DESC, id);
CREATE INDEX entities_lower_name ON entities(lower(name));
CREATE INDEX claims_source ON claims(source_key);
"#,
    // Version 3: the corpus counts (`counts`, shown on the search page) read indexes instead
    // of every document row, whose JSON spills onto overflow pages.
    r#"
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_duplicates ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;
"#,
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The version whose migration adds the tables [`derive_entity_tables`] fills: a store
/// migrated to it fills them at once, so its profiles are right before the next refresh.
const DERIVED_TABLES_VERSION: usize = 2;

/// Co-mentioned entities kept per entity, most documents first: a profile shows 20, and
/// keeping every pair would grow with the square of the entities per document.
pub const CO_MENTIONS_KEPT: usize = 20;

/// Bytes of the database file each connection maps (reads without a copy per page).
const MMAP_BYTES: u64 = 1 << 30;

/// Idle read connections kept open; more are opened under load and closed when returned.
const IDLE_READERS: usize = 16;

/// The store in one SQLite file.
///
/// Writes go through one connection behind a mutex; reads each check out a read-only
/// connection of their own from a small pool, so many threads read at once (WAL lets readers
/// run beside the writer and each other). A store in memory has no file to open twice, so
/// its reads share the writer connection behind its mutex.
pub struct SqliteStore {
    writer: Mutex<Connection>,
    readers: Option<ReadPool>,
}

// A server shares one store between its worker threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<SqliteStore>();
};

/// Read-only connections to the store's file, opened lazily and reused.
pub(crate) struct ReadPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

/// A connection a read runs on: pooled (given back when dropped) or the writer's.
pub(crate) enum ReadConn<'a> {
    Pooled {
        conn: Option<Connection>,
        pool: &'a ReadPool,
    },
    Writer(MutexGuard<'a, Connection>),
}

impl Deref for ReadConn<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            ReadConn::Pooled { conn, .. } => conn.as_ref().expect("a checked-out connection"),
            ReadConn::Writer(guard) => guard,
        }
    }
}

impl Drop for ReadConn<'_> {
    fn drop(&mut self) {
        if let ReadConn::Pooled { conn, pool } = self
            && let Some(conn) = conn.take()
        {
            let mut idle = pool.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < IDLE_READERS {
                idle.push(conn);
            }
        }
    }
}

impl ReadPool {
    fn check_out(&self) -> Result<ReadConn<'_>> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => {
                // Opened outside the lock: opening reads the schema, other readers need not wait.
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX
                        | OpenFlags::SQLITE_OPEN_URI,
                )?;
                conn.busy_timeout(std::time::Duration::from_secs(10))?;
                // Pages through the OS cache, shared by every reader, rather than a copy in
                // each connection's own cache.
                conn.execute_batch(&format!("PRAGMA mmap_size = {MMAP_BYTES};"))?;
                conn
            }
        };
        Ok(ReadConn::Pooled {
            conn: Some(conn),
            pool: self,
        })
    }
}

impl SqliteStore {
    /// Opens (or creates) the store at `path`, migrating an older schema.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        let mut store = SqliteStore::with_connection(conn)?;
        store.readers = Some(ReadPool {
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
        });
        Ok(store)
    }

    /// A store in memory, for tests.
    pub fn in_memory() -> Result<SqliteStore> {
        SqliteStore::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(mut conn: Connection) -> Result<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers never block the writer; a killed writer loses only its open batch.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        // Refresh reads and rewrites tables larger than SQLite's default 2 MB page cache;
        // mapped pages are shared with the readers through the OS cache.
        conn.execute_batch(&format!(
            "PRAGMA cache_size = -32768; PRAGMA mmap_size = {MMAP_BYTES};"
        ))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found,
                known: SCHEMA_VERSION,
            });
        }
        for (version, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(migration)?;
            if version + 1 == DERIVED_TABLES_VERSION {
                derive_entity_tables(&tx)?;
            }
            tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
            tx.commit()?;
        }
        Ok(SqliteStore {
            writer: Mutex::new(conn),
            readers: None,
        })
    }

    /// A connection to read on: a pooled read-only one, or the writer's for a store in memory.
    pub(crate) fn reader(&self) -> Result<ReadConn<'_>> {
        match &self.readers {
            Some(pool) => pool.check_out(),
            None => Ok(ReadConn::Writer(
                self.writer.lock().unwrap_or_else(PoisonError::into_inner),
            )),
        }
    }

    /// The writer connection, held until the guard drops (writes wait for each other).
    fn writer(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The schema version on disk.
    pub fn schema_version(&self) -> Result<i64> {
        let c = self.reader()?;
        Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Fills the tables derived from the resolution (`entity_keys`) and the mentions: documents,
/// mentions per month, names as written, and co-mentioned entities of each entity. Called in
/// the transaction that saves a resolution, so they never disagree with it.
fn derive_entity_tables(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM entity_documents; DELETE FROM entity_months; DELETE FROM entity_forms;
         DELETE FROM entity_co_mentions;
         INSERT INTO entity_documents (entity, doc)
             SELECT DISTINCT k.entity, m.doc FROM mentions m
             JOIN entity_keys k ON k.key = m.key AND k.label = m.label;
         INSERT INTO entity_months (entity, month, mentions)
             SELECT k.entity, COALESCE(substr(d.published, 1, 7), 'unknown'), COUNT(*)
             FROM mentions m JOIN entity_keys k ON k.key = m.key AND k.label = m.label
             JOIN documents d ON d.doc = m.doc
             GROUP BY 1, 2;
         INSERT OR IGNORE INTO entity_forms (form, entity)
             SELECT DISTINCT lower(m.text), k.entity FROM mentions m
             JOIN entity_keys k ON k.key = m.key AND k.label = m.label;",
    )?;
    // Co-mentions in memory, one entity at a time over a dense counter: SQL's self-join of
    // entity_documents builds every pair (a million on 2 000 articles) in a temporary B-tree.
    let mut ids: Vec<String> = Vec::new();
    let mut index_of: HashMap<String, u32> = HashMap::new();
    let mut docs_of: Vec<Vec<i64>> = Vec::new();
    let mut entities_of: HashMap<i64, Vec<u32>> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT entity, doc FROM entity_documents ORDER BY entity, doc")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (entity, doc) = row?;
            let e = match index_of.get(&entity) {
                Some(&e) => e,
                None => {
                    let e = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                    index_of.insert(entity.clone(), e);
                    ids.push(entity);
                    docs_of.push(Vec::new());
                    e
                }
            };
            docs_of[e as usize].push(doc);
            entities_of.entry(doc).or_default().push(e);
        }
    }
    let mut insert = tx.prepare(
        "INSERT INTO entity_co_mentions (entity, rank, other, documents) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut counts = vec![0u32; ids.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (e, docs) in docs_of.iter().enumerate() {
        for doc in docs {
            for &other in entities_of.get(doc).into_iter().flatten() {
                if other as usize == e {
                    continue;
                }
                if counts[other as usize] == 0 {
                    touched.push(other);
                }
                counts[other as usize] += 1;
            }
        }
        // Most documents first, then by id: the order the profile has always shown.
        touched.sort_unstable_by(|&a, &b| {
            counts[b as usize]
                .cmp(&counts[a as usize])
                .then_with(|| ids[a as usize].cmp(&ids[b as usize]))
        });
        for (rank, &other) in touched.iter().take(CO_MENTIONS_KEPT).enumerate() {
            insert.execute(params![
                ids[e],
                rank as i64,
                ids[other as usize],
                i64::from(counts[other as usize])
            ])?;
        }
        for &other in &touched {
            counts[other as usize] = 0;
        }
        touched.clear();
    }
    Ok(())
}

fn label_of(s: &str) -> rusqlite::Result<EntityLabel> {
    EntityLabel::parse(s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown entity label {s:?}").into(),
        )
    })
}

fn u64_of(i: i64) -> u64 {
    u64::try_from(i).unwrap_or_default()
}

fn document_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        doc: u64_of(r.get(0)?),
        id: r.get(1)?,
        title: r.get(2)?,
        lang: r.get(3)?,
        site: r.get(4)?,
        day: r.get(5)?,
        text: r.get(6)?,
        json: r.get(7)?,
        duplicate_of: r.get::<_, Option<i64>>(8)?.map(u64_of),
        names: Vec::new(),
    })
}

const DOCUMENT_COLUMNS: &str = "doc, id, title, lang, site, day, text, json, duplicate_of";

fn entity_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityRow> {
    let aliases: String = r.get(3)?;
    Ok(EntityRow {
        id: r.get(0)?,
        label: label_of(&r.get::<_, String>(1)?)?,
        name: r.get(2)?,
        aliases: serde_json::from_str(&aliases).unwrap_or_default(),
        mentions: u64_of(r.get(4)?),
        documents: u64_of(r.get(5)?),
    })
}

const ENTITY_COLUMNS: &str = "id, label, name, aliases, mentions, documents";

impl Store for SqliteStore {
    fn insert(&self, docs: &[NewDocument]) -> Result<Vec<Inserted>> {
        let mut w = self.writer();
        let tx = w.transaction()?;
        let mut out = Vec::with_capacity(docs.len());
        {
            let mut existing = tx.prepare_cached("SELECT doc FROM documents WHERE hash = ?1")?;
            let mut insert_doc = tx.prepare_cached(
                "INSERT INTO documents (id, hash, path, url, site, title, published, day, lang, text, json, signature)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut insert_mention = tx.prepare_cached(
                "INSERT INTO mentions (doc, idx, start, end, text, label, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut insert_quote = tx.prepare_cached(
                "INSERT INTO quotes (doc, start, end, text, kind, speaker, speaker_key, cue) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut insert_claim = tx.prepare_cached(
                "INSERT INTO claims (doc, text, sentence, value, value_max, bound, unit, si_value, si_unit, counted, source, source_key, cue, places, time_value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            let mut insert_time = tx.prepare_cached(
                "INSERT INTO times (doc, text, kind, value, anchored, sentence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for d in docs {
                if let Some(doc) = existing
                    .query_row([&d.hash], |r| r.get::<_, i64>(0))
                    .optional()?
                {
                    out.push(Inserted::Copy(u64_of(doc)));
                    continue;
                }
                insert_doc.execute(params![
                    d.id,
                    d.hash,
                    d.path,
                    d.url,
                    d.site,
                    d.title,
                    d.published,
                    d.day,
                    d.lang,
                    d.text,
                    d.json,
                    d.signature
                ])?;
                let doc = tx.last_insert_rowid();
                for m in &d.mentions {
                    insert_mention.execute(params![
                        doc,
                        m.idx,
                        m.start,
                        m.end,
                        m.text,
                        m.label.as_str(),
                        m.key
                    ])?;
                }
                for q in &d.quotes {
                    insert_quote.execute(params![
                        doc,
                        q.start,
                        q.end,
                        q.text,
                        q.kind,
                        q.speaker,
                        q.speaker_key,
                        q.cue
                    ])?;
                }
                for c in &d.claims {
                    insert_claim.execute(params![
                        doc,
                        c.text,
                        c.sentence,
                        c.value,
                        c.value_max,
                        c.bound,
                        c.unit,
                        c.si_value,
                        c.si_unit,
                        c.counted,
                        c.source,
                        c.source_key,
                        c.cue,
                        serde_json::to_string(&c.places).unwrap_or_else(|_| "[]".into()),
                        c.when
                    ])?;
                }
                for t in &d.times {
                    insert_time.execute(params![
                        doc, t.text, t.kind, t.value, t.anchored, t.sentence
                    ])?;
                }
                out.push(Inserted::New(u64_of(doc)));
            }
        }
        tx.commit()?;
        Ok(out)
    }

    fn unindexed(&self, limit: usize) -> Result<Vec<DocumentRow>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE indexed = 0 ORDER BY doc LIMIT ?1"
        ))?;
        let mut rows: Vec<DocumentRow> = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], document_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut names = c.prepare_cached("SELECT DISTINCT text FROM mentions WHERE doc = ?1")?;
        for row in &mut rows {
            row.names = names
                .query_map([row.doc as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(rows)
    }

    fn mark_all_unindexed(&self) -> Result<()> {
        self.writer()
            .execute("UPDATE documents SET indexed = 0", [])?;
        Ok(())
    }

    fn mark_indexed(&self, docs: &[u64]) -> Result<()> {
        let mut w = self.writer();
        let tx = w.transaction()?;
        {
            let mut stmt = tx.prepare_cached("UPDATE documents SET indexed = 1 WHERE doc = ?1")?;
            for &d in docs {
                stmt.execute([d as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn signatures(&self) -> Result<Vec<(u64, Vec<u8>)>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached("SELECT doc, signature FROM documents ORDER BY doc")?;
        Ok(stmt
            .query_map([], |r| Ok((u64_of(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn set_duplicates(&self, pairs: &[(u64, u64)]) -> Result<()> {
        let mut w = self.writer();
        let tx = w.transaction()?;
        tx.execute("UPDATE documents SET duplicate_of = NULL", [])?;
        {
            let mut stmt =
                tx.prepare_cached("UPDATE documents SET duplicate_of = ?2 WHERE doc = ?1")?;
            for &(doc, original) in pairs {
                stmt.execute([doc as i64, original as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn name_records(&self) -> Result<Vec<NameRecord>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(
            "SELECT key, label, text, COUNT(*), COUNT(DISTINCT doc) FROM mentions
             GROUP BY key, label, text ORDER BY key, label, text",
        )?;
        let mut docs_of = c.prepare_cached(
            "SELECT key, label, COUNT(DISTINCT doc) FROM mentions GROUP BY key, label",
        )?;
        let documents: BTreeMap<(String, String), i64> = docs_of
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut records: Vec<NameRecord> = Vec::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            let (key, label_text, text, n) = row?;
            let label = label_of(&label_text)?;
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            match records.last_mut() {
                Some(last) if last.key == key && last.label == label => {
                    last.forms.push((text, n));
                    last.mentions = last.mentions.saturating_add(n);
                }
                _ => {
                    let docs = documents
                        .get(&(key.clone(), label_text))
                        .copied()
                        .unwrap_or(0);
                    records.push(NameRecord {
                        key,
                        label,
                        forms: vec![(text, n)],
                        mentions: n,
                        documents: u32::try_from(docs).unwrap_or(u32::MAX),
                    });
                }
            }
        }
        for r in &mut records {
            r.forms
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(records)
    }

    fn corrections(&self) -> Result<Vec<Correction>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached("SELECT kind, a, b FROM corrections ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, a, b) = row?;
            out.push(match kind.as_str() {
                "merge" => Correction::Merge { into: a, from: b },
                "split" => Correction::Split { entity: a, key: b },
                other => return Err(StoreError::Corrupt(format!("correction kind {other:?}"))),
            });
        }
        Ok(out)
    }

    fn add_correction(&self, correction: &Correction) -> Result<()> {
        let (kind, a, b) = match correction {
            Correction::Merge { into, from } => ("merge", into, from),
            Correction::Split { entity, key } => ("split", entity, key),
        };
        self.writer().execute(
            "INSERT INTO corrections (kind, a, b) VALUES (?1, ?2, ?3)",
            params![kind, a, b],
        )?;
        Ok(())
    }

    fn save_resolution(&self, records: &[NameRecord], resolved: &[Resolved]) -> Result<()> {
        let mut w = self.writer();
        let tx = w.transaction()?;
        tx.execute_batch("DELETE FROM entities; DELETE FROM entity_keys;")?;
        {
            let mut entity = tx.prepare_cached(
                "INSERT INTO entities (id, label, name, aliases, mentions, documents) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
            )?;
            let mut key = tx.prepare_cached(
                "INSERT OR REPLACE INTO entity_keys (key, label, entity) VALUES (?1, ?2, ?3)",
            )?;
            for e in resolved {
                let mentions: u64 = e
                    .records
                    .iter()
                    .filter_map(|&i| records.get(i))
                    .map(|r| u64::from(r.mentions))
                    .sum();
                entity.execute(params![
                    e.id,
                    e.label.as_str(),
                    e.name,
                    serde_json::to_string(&e.aliases).unwrap_or_else(|_| "[]".into()),
                    mentions as i64
                ])?;
                for &i in &e.records {
                    if let Some(r) = records.get(i) {
                        key.execute(params![r.key, r.label.as_str(), e.id])?;
                    }
                }
            }
        }
        // Documents per entity: distinct documents across its keys, near-duplicate copies
        // left out (counts are of reports).
        tx.execute_batch(
            "UPDATE entities SET documents = (
                SELECT COUNT(DISTINCT m.doc) FROM mentions m
                JOIN entity_keys k ON k.key = m.key AND k.label = m.label
                JOIN documents d ON d.doc = m.doc
                WHERE k.entity = entities.id AND d.duplicate_of IS NULL)",
        )?;
        derive_entity_tables(&tx)?;
        tx.commit()?;
        Ok(())
    }

    fn key_entities(&self) -> Result<Vec<(String, EntityLabel, String)>> {
        let c = self.reader()?;
        let mut stmt =
            c.prepare_cached("SELECT key, label, entity FROM entity_keys ORDER BY key, label")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                label_of(&r.get::<_, String>(1)?)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn entities(&self) -> Result<Vec<EntityRow>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities ORDER BY mentions DESC, documents DESC, id"
        ))?;
        Ok(stmt
            .query_map([], entity_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn find_entity(&self, name_or_id: &str) -> Result<Option<EntityRow>> {
        let c = self.reader()?;
        let by_id = c
            .query_row(
                &format!("SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?1"),
                [name_or_id],
                entity_row,
            )
            .optional()?;
        if by_id.is_some() {
            return Ok(by_id);
        }
        // A name or an alias as written (`entity_forms`: every mention's text, lowered), then
        // through its key (as a person's, then as any
        // other name's: person keys also fold Russian case endings).
        let keys = [
            resolve::key_for(name_or_id, EntityLabel::Per),
            resolve::key_for(name_or_id, EntityLabel::Org),
        ];
        let found = c
            .query_row(
                &format!(
                    "SELECT {ENTITY_COLUMNS} FROM entities WHERE id IN (
                         SELECT id FROM entities WHERE lower(name) = lower(?1)
                         UNION SELECT entity FROM entity_forms WHERE form = lower(?1)
                         UNION SELECT entity FROM entity_keys WHERE key = ?2 AND label = 'PER'
                         UNION SELECT entity FROM entity_keys WHERE key = ?3)
                     ORDER BY lower(name) = lower(?1) DESC, mentions DESC LIMIT 1"
                ),
                params![name_or_id, keys[0], keys[1]],
                entity_row,
            )
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
        // A surname alone: the most mentioned person whose key ends with it ("Tokaïev" →
        // "kasim-jomart-tokaev").
        Ok(c.query_row(
            &format!(
                "SELECT {ENTITY_COLUMNS} FROM entities WHERE label = 'PER' AND id IN (
                         SELECT entity FROM entity_keys WHERE label = 'PER' AND key LIKE '%-' || ?1)
                     ORDER BY mentions DESC, id LIMIT 1"
            ),
            params![keys[0]],
            entity_row,
        )
        .optional()?)
    }

    fn mentions(&self, entity: Option<&str>) -> Result<Vec<(MentionRow, String, String)>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(
            "SELECT m.doc, d.id, m.idx, m.start, m.end, m.text, m.label, m.key, COALESCE(k.entity, m.key), d.published
             FROM mentions m JOIN documents d ON d.doc = m.doc
             LEFT JOIN entity_keys k ON k.key = m.key AND k.label = m.label
             WHERE ?1 IS NULL OR k.entity = ?1
             ORDER BY m.doc, m.idx",
        )?;
        let rows = stmt.query_map([entity], |r| {
            Ok((
                MentionRow {
                    doc: u64_of(r.get(0)?),
                    document: r.get(1)?,
                    idx: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    text: r.get(5)?,
                    label: label_of(&r.get::<_, String>(6)?)?,
                    key: r.get(7)?,
                },
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn co_mentioned(&self, entity: &str, limit: usize) -> Result<Vec<(String, String, u64)>> {
        let c = self.reader()?;
        // Precomputed at resolution, the first `CO_MENTIONS_KEPT` only.
        let mut stmt = c.prepare_cached(
            "SELECT o.other, e.name, o.documents FROM entity_co_mentions o
             JOIN entities e ON e.id = o.other
             WHERE o.entity = ?1 ORDER BY o.rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(
            params![entity, i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| Ok((r.get(0)?, r.get(1)?, u64_of(r.get(2)?))),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn mention_months(&self, entity: &str) -> Result<Vec<(String, u64)>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(
            "SELECT month, mentions FROM entity_months WHERE entity = ?1 ORDER BY month",
        )?;
        let rows = stmt.query_map([entity], |r| Ok((r.get(0)?, u64_of(r.get(1)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn documents_of(&self, entity: &str) -> Result<Vec<u64>> {
        let c = self.reader()?;
        let mut stmt =
            c.prepare_cached("SELECT doc FROM entity_documents WHERE entity = ?1 ORDER BY doc")?;
        Ok(stmt
            .query_map([entity], |r| Ok(u64_of(r.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn document_entities(&self, id: &str) -> Result<Vec<(String, EntityLabel, String)>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(
            "SELECT DISTINCT m.key, m.label, k.entity
             FROM documents d JOIN mentions m ON m.doc = d.doc
             JOIN entity_keys k ON k.key = m.key AND k.label = m.label
             WHERE d.id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                label_of(&r.get::<_, String>(1)?)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn document(&self, id: &str) -> Result<Option<DocumentRow>> {
        let c = self.reader()?;
        let by_row = id.parse::<i64>().ok();
        Ok(c
            .query_row(
                &format!(
                    "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1 OR doc = ?2 ORDER BY doc LIMIT 1"
                ),
                params![id, by_row],
                document_row,
            )
            .optional()?)
    }

    fn claims(&self, source: Option<&str>) -> Result<Vec<ClaimRow>> {
        let c = self.reader()?;
        // One source: through its keys (indexed), not a join of every claim filtered after.
        // A source key no entity took stands for itself.
        let mut stmt = c.prepare_cached(if source.is_some() {
            "SELECT d.id, d.lang, c.text, c.sentence, c.value, c.value_max, c.bound, c.unit, c.si_value,
                    c.si_unit, c.counted, c.source, ?1, c.cue, c.places, c.time_value, d.story
             FROM claims c JOIN documents d ON d.doc = c.doc
             WHERE d.duplicate_of IS NULL
               AND (c.source_key IN (SELECT key FROM entity_keys WHERE entity = ?1)
                    OR (c.source_key = ?1
                        AND NOT EXISTS (SELECT 1 FROM entity_keys k WHERE k.key = c.source_key)))
             ORDER BY c.doc, c.rowid"
        } else {
            "SELECT d.id, d.lang, c.text, c.sentence, c.value, c.value_max, c.bound, c.unit, c.si_value,
                    c.si_unit, c.counted, c.source, COALESCE(k.entity, c.source_key), c.cue, c.places, c.time_value, d.story
             FROM claims c JOIN documents d ON d.doc = c.doc
             LEFT JOIN entity_keys k ON k.key = c.source_key
             WHERE d.duplicate_of IS NULL AND ?1 IS NULL
             GROUP BY c.rowid
             ORDER BY c.doc, c.rowid"
        })?;
        let rows = stmt.query_map([source], |r| {
            let places: String = r.get(14)?;
            Ok(ClaimRow {
                document: r.get(0)?,
                lang: r.get(1)?,
                text: r.get(2)?,
                sentence: r.get(3)?,
                value: r.get(4)?,
                value_max: r.get(5)?,
                bound: r.get(6)?,
                unit: r.get(7)?,
                si_value: r.get(8)?,
                si_unit: r.get(9)?,
                counted: r.get(10)?,
                source: r.get(11)?,
                source_key: r.get(12)?,
                cue: r.get(13)?,
                places: serde_json::from_str(&places).unwrap_or_default(),
                when: r.get(15)?,
                story: r.get::<_, Option<i64>>(16)?.map(u64_of),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn quotes(&self, speaker: Option<&str>) -> Result<Vec<QuoteRow>> {
        let c = self.reader()?;
        // One speaker: through its keys (indexed), not a join of every quote filtered after.
        let mut stmt = c.prepare_cached(if speaker.is_some() {
            "SELECT d.id, q.start, q.end, q.text, q.kind, q.speaker, ?1, q.cue, d.published
             FROM quotes q JOIN documents d ON d.doc = q.doc
             WHERE q.speaker_key IN (SELECT key FROM entity_keys WHERE entity = ?1)
             ORDER BY d.day, q.doc, q.start"
        } else {
            "SELECT d.id, q.start, q.end, q.text, q.kind, q.speaker, COALESCE(k.entity, q.speaker_key), q.cue, d.published
             FROM quotes q JOIN documents d ON d.doc = q.doc
             LEFT JOIN entity_keys k ON k.key = q.speaker_key
             WHERE ?1 IS NULL
             GROUP BY q.rowid ORDER BY d.day, q.doc, q.start"
        })?;
        let rows = stmt.query_map([speaker], |r| {
            Ok(QuoteRow {
                document: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                text: r.get(3)?,
                kind: r.get(4)?,
                speaker: r.get(5)?,
                speaker_key: r.get(6)?,
                cue: r.get(7)?,
                published: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn timeline(&self, entity: Option<&str>) -> Result<Vec<TimelineRow>> {
        let c = self.reader()?;
        let mut stmt = c.prepare_cached(
            "SELECT t.value, t.text, t.sentence, d.id, d.title FROM times t JOIN documents d ON d.doc = t.doc
             WHERE t.anchored = 1 AND t.kind IN ('date', 'datetime') AND substr(t.value, 1, 1) BETWEEN '0' AND '9'
               AND d.duplicate_of IS NULL
               AND (?1 IS NULL OR t.doc IN (SELECT doc FROM entity_documents WHERE entity = ?1))
             ORDER BY t.value, d.doc, t.rowid",
        )?;
        let rows = stmt.query_map([entity], |r| {
            Ok(TimelineRow {
                value: r.get(0)?,
                text: r.get(1)?,
                sentence: r.get(2)?,
                document: r.get(3)?,
                title: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn story_inputs(&self) -> Result<Vec<StoryInput>> {
        let c = self.reader()?;
        let mut docs =
            c.prepare_cached("SELECT doc, day, substr(text, 1, 600) FROM documents ORDER BY doc")?;
        let mut out: Vec<StoryInput> = docs
            .query_map([], |r| {
                Ok(StoryInput {
                    doc: u64_of(r.get(0)?),
                    day: r.get(1)?,
                    entities: Vec::new(),
                    lead: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut mentions = c.prepare_cached(
            "SELECT m.doc, k.entity, COUNT(*) FROM mentions m
             JOIN entity_keys k ON k.key = m.key AND k.label = m.label
             GROUP BY m.doc, k.entity ORDER BY m.doc, k.entity",
        )?;
        let rows = mentions.query_map([], |r| {
            Ok((
                u64_of(r.get(0)?),
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let position: BTreeMap<u64, usize> =
            out.iter().enumerate().map(|(i, s)| (s.doc, i)).collect();
        for row in rows {
            let (doc, entity, n) = row?;
            if let Some(&i) = position.get(&doc) {
                out[i]
                    .entities
                    .push((entity, u32::try_from(n).unwrap_or(u32::MAX)));
            }
        }
        Ok(out)
    }

    fn set_stories(&self, stories: &[(u64, u64)]) -> Result<()> {
        let mut w = self.writer();
        let tx = w.transaction()?;
        {
            let mut stmt = tx.prepare_cached("UPDATE documents SET story = ?2 WHERE doc = ?1")?;
            for &(doc, story) in stories {
                stmt.execute([doc as i64, story as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn counts(&self) -> Result<Counts> {
        let c = self.reader()?;
        let one = |sql: &str| -> Result<u64> { Ok(u64_of(c.query_row(sql, [], |r| r.get(0))?)) };
        Ok(Counts {
            documents: one("SELECT COUNT(*) FROM documents")?,
            near_duplicates: one("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            mentions: one("SELECT COUNT(*) FROM mentions")?,
            entities: one("SELECT COUNT(*) FROM entities")?,
            stories: one("SELECT COUNT(DISTINCT story) FROM documents")?,
        })
    }
}
