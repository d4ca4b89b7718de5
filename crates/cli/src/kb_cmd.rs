//! The knowledge-base commands: `ingest`, `search`, `entities`, `entity`, `claims`, `timeline`.
//!
//! Machine output is JSON Lines (the default off a terminal), a readable view on a terminal;
//! progress and the ingest summary go to stderr.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use doc::{Document, RawArticle};
use index::SearchRequest;
use input::InputError;
use kb::KnowledgeBase;
use serde_json::json;
use store::NewDocument;

use crate::analyze::{AnalysisArgs, BATCH_BYTES, BATCH_DOCUMENTS, inputs_or_stdin};
use crate::{Format, resolve_format};

/// Where the knowledge base lives.
#[derive(clap::Args, Clone)]
pub struct DbArgs {
    /// The knowledge base directory [default: $VEILLE_DB, else ./veille-data].
    #[arg(long, value_name = "PATH", global = true)]
    db: Option<PathBuf>,
}

impl DbArgs {
    fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("VEILLE_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("veille-data"))
    }

    fn open(&self) -> anyhow::Result<KnowledgeBase> {
        let path = self.path();
        KnowledgeBase::open(&path)
            .map_err(|e| anyhow::anyhow!("{e} (knowledge base {})", path.display()))
    }

    /// Opens a knowledge base that must exist already, to change it (corrections).
    fn open_existing(&self) -> anyhow::Result<KnowledgeBase> {
        self.ensure_exists()?;
        self.open()
    }

    /// Opens a knowledge base that must exist already, to read it (safe during an ingest).
    fn open_reader(&self) -> anyhow::Result<KnowledgeBase> {
        self.ensure_exists()?;
        let path = self.path();
        KnowledgeBase::open_reader(&path)
            .map_err(|e| anyhow::anyhow!("{e} (knowledge base {})", path.display()))
    }

    fn ensure_exists(&self) -> anyhow::Result<()> {
        let path = self.path();
        anyhow::ensure!(
            path.join("veille.db").is_file(),
            "no knowledge base at {} (run `veille ingest` first, or give --db)",
            path.display()
        );
        Ok(())
    }
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files, directories (walked recursively) or `-` for stdin.
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let setup = args.analysis.setup()?;
    let inputs = inputs_or_stdin(&args.inputs)?;
    let kb = args.db.open()?;
    let specs = input::expand(&inputs);
    let progress = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(specs.len() as u64)
    };
    progress.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {pos}/{len} inputs [{bar:30}] {msg} (ETA {eta})",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    let started = Instant::now();
    let mut totals = IngestTotals::default();
    let mut batch: Vec<Result<RawArticle, InputError>> = Vec::new();
    let mut batch_bytes = 0;
    for spec in specs {
        let items = match spec {
            Ok(spec) => input::read(&spec, &setup.read_options),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
        for item in items {
            let item = item.map(|mut raw| {
                if setup.lang.is_some() {
                    raw.lang = setup.lang;
                }
                raw
            });
            if let Ok(raw) = &item {
                batch_bytes += match &raw.body {
                    doc::RawBody::Text(t) | doc::RawBody::Html(t) => t.len(),
                };
            }
            batch.push(item);
            if batch.len() >= BATCH_DOCUMENTS || batch_bytes >= BATCH_BYTES {
                ingest_batch(&kb, &setup.analyzer, &mut batch, &mut totals, &progress)?;
                batch_bytes = 0;
                show_rate(&progress, &totals, started);
            }
        }
        progress.inc(1);
    }
    ingest_batch(&kb, &setup.analyzer, &mut batch, &mut totals, &progress)?;
    progress.set_message("resolving entities, copies and stories");
    kb.refresh()?;
    progress.finish_and_clear();
    let counts = kb.counts()?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "veille: {} added, {} already stored, {} failed in {:.1} s ({:.0} documents/s); the store holds {} documents ({} near-duplicates, {} stories), {} entities, {} mentions",
        totals.added,
        totals.copies,
        totals.failed,
        seconds,
        (totals.added + totals.copies) as f64 / seconds.max(1e-9),
        counts.documents,
        counts.near_duplicates,
        counts.stories,
        counts.entities,
        counts.mentions,
    );
    Ok(if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Default)]
struct IngestTotals {
    added: usize,
    copies: usize,
    failed: usize,
}

fn show_rate(progress: &indicatif::ProgressBar, totals: &IngestTotals, started: Instant) {
    let done = totals.added + totals.copies;
    progress.set_message(format!(
        "{done} documents, {:.0}/s",
        done as f64 / started.elapsed().as_secs_f64().max(1e-9)
    ));
}

/// Analyses the batch in parallel, stores and indexes it in one transaction.
fn ingest_batch(
    kb: &KnowledgeBase,
    analyzer: &pipeline::Analyzer,
    batch: &mut Vec<Result<RawArticle, InputError>>,
    totals: &mut IngestTotals,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let items = std::mem::take(batch);
    let results: Vec<Result<NewDocument, InputError>> = items
        .into_par_iter()
        .map(|item| {
            item.map(|raw| {
                let doc: Document = analyzer.analyze(raw);
                NewDocument::from_document(&doc)
            })
        })
        .collect();
    let mut rows = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(row) => rows.push(row),
            Err(e) => {
                totals.failed += 1;
                progress.suspend(|| eprintln!("veille: {e}"));
            }
        }
    }
    let report = kb.ingest_rows(&rows)?;
    totals.added += report.added;
    totals.copies += report.copies;
    Ok(())
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "a phrase", -excluded, a OR b.
    query: String,
    #[command(flatten)]
    db: DbArgs,
    /// Only documents in this language.
    #[arg(long)]
    lang: Option<String>,
    /// Only documents from this site.
    #[arg(long)]
    source: Option<String>,
    /// Only documents mentioning this entity (an id, name or alias).
    #[arg(long)]
    entity: Option<String>,
    /// Published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Most hits shown.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Longest query accepted, in bytes.
const MAX_QUERY_BYTES: usize = 4096;

fn day_arg(flag: &str, value: Option<&str>) -> anyhow::Result<Option<i64>> {
    value
        .map(|v| {
            store::days_from_iso(v).ok_or_else(|| {
                anyhow::anyhow!("--{flag} {v:?} is not a date (expected 2024-05-10)")
            })
        })
        .transpose()
}

pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.query.len() <= MAX_QUERY_BYTES,
        "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
        args.query.len()
    );
    let kb = args.db.open_reader()?;
    let request = SearchRequest {
        query: args.query.clone(),
        lang: args.lang.clone(),
        source: args.source.clone(),
        from_day: day_arg("from", args.from.as_deref())?,
        to_day: day_arg("to", args.to.as_deref())?,
        docs: None,
        limit: args.limit,
        facets: false,
    };
    let results = kb.search(request, args.entity.as_deref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    let format = resolve_format(args.format);
    if format == Format::Text {
        writeln!(out, "{} documents match", results.total)?;
    }
    for hit in &results.hits {
        match format {
            Format::Jsonl => {
                let highlights: Vec<[usize; 2]> = hit
                    .highlights
                    .iter()
                    .map(|r| {
                        [
                            code_points(&hit.snippet, r.start),
                            code_points(&hit.snippet, r.end),
                        ]
                    })
                    .collect();
                writeln!(
                    out,
                    "{}",
                    json!({"id": hit.id, "title": hit.title, "score": hit.score,
                           "snippet": hit.snippet, "highlights": highlights})
                )?
            }
            Format::Text => {
                writeln!(
                    out,
                    "{:>6.2}  {}  {}",
                    hit.score,
                    hit.id,
                    hit.title.as_deref().unwrap_or("")
                )?;
                writeln!(out, "        {}", marked(&hit.snippet, &hit.highlights))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn code_points(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count())
}

/// The snippet with matched words between `[` and `]`, on one line.
fn marked(snippet: &str, highlights: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(snippet.len() + 8);
    let mut at = 0;
    for r in highlights {
        if r.start < at || r.end > snippet.len() {
            continue;
        }
        out.push_str(&snippet[at..r.start]);
        out.push('[');
        out.push_str(&snippet[r.clone()]);
        out.push(']');
        at = r.end;
    }
    out.push_str(&snippet[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(clap::Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    db: DbArgs,
    /// One line per mention instead of one per entity.
    #[arg(long)]
    mentions: bool,
    /// Only this label (PER, ORG, LOC, MISC).
    #[arg(long)]
    label: Option<String>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
}

pub fn entities(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let kb = args.db.open_reader()?;
    let label = args
        .label
        .as_deref()
        .map(|l| {
            doc::EntityLabel::parse(l)
                .ok_or_else(|| anyhow::anyhow!("--label {l:?}: expected PER, ORG, LOC or MISC"))
        })
        .transpose()?;
    let format = resolve_format(args.format);
    let mut out = BufWriter::new(io::stdout().lock());
    if args.mentions {
        for (m, entity, _) in kb.mentions(None)? {
            if label.is_some_and(|l| l != m.label) {
                continue;
            }
            match format {
                Format::Jsonl => writeln!(
                    out,
                    "{}",
                    json!({"document": m.document, "start": m.start, "end": m.end,
                           "text": m.text, "label": m.label.as_str(), "entity": entity})
                )?,
                Format::Text => writeln!(
                    out,
                    "{}\t{}..{}\t{}\t{}\t{}",
                    m.document,
                    m.start,
                    m.end,
                    m.label.as_str(),
                    m.text,
                    entity
                )?,
            }
        }
    } else {
        for e in kb.entities()? {
            if label.is_some_and(|l| l != e.label) {
                continue;
            }
            match format {
                Format::Jsonl => writeln!(
                    out,
                    "{}",
                    json!({"entity": e.id, "label": e.label.as_str(), "name": e.name,
                           "aliases": e.aliases, "mentions": e.mentions, "documents": e.documents})
                )?,
                Format::Text => writeln!(
                    out,
                    "{:>5} {:>4}  {:<4} {}{}",
                    e.mentions,
                    e.documents,
                    e.label.as_str(),
                    e.name,
                    if e.aliases.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", e.aliases.join(", "))
                    }
                )?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct EntityArgs {
    /// `NAME` (an id, a name or an alias): the entity's profile; `merge INTO FROM`: FROM is
    /// the same entity as INTO; `split ENTITY NAME`: the name NAME is not ENTITY. Corrections
    /// are kept across re-ingestion.
    #[arg(required = true, num_args = 1..=3, value_name = "NAME | merge INTO FROM | split ENTITY NAME")]
    words: Vec<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
}

pub fn entity(args: EntityArgs) -> anyhow::Result<ExitCode> {
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    match words[..] {
        ["merge", into, from] => {
            let kb = args.db.open_existing()?;
            kb.merge(into, from)?;
            eprintln!("veille: merged {from:?} into {into:?}");
        }
        ["split", entity, name] => {
            let kb = args.db.open_existing()?;
            kb.split(entity, name)?;
            eprintln!("veille: split {name:?} from {entity:?}");
        }
        [name] => {
            let kb = args.db.open_reader()?;
            let p = kb.profile(name)?;
            let mut out = BufWriter::new(io::stdout().lock());
            let quotes: Vec<_> = p
                .quotes
                .iter()
                .map(|q| {
                    json!({"document": q.document, "text": q.text, "kind": q.kind,
                                "cue": q.cue, "published": q.published})
                })
                .collect();
            let co_mentioned: Vec<_> = p
                .co_mentioned
                .iter()
                .map(|(id, name, n)| json!({"entity": id, "name": name, "documents": n}))
                .collect();
            let claims: Vec<_> = p
                .claims
                .iter()
                .map(|c| json!({"document": c.document, "text": c.text, "sentence": c.sentence}))
                .collect();
            match resolve_format(args.format) {
                Format::Jsonl => writeln!(
                    out,
                    "{}",
                    json!({"entity": p.entity.id, "label": p.entity.label.as_str(),
                           "name": p.entity.name, "aliases": p.entity.aliases,
                           "mentions": p.entity.mentions, "documents": p.documents,
                           "mentions_by_month": p.mentions_by_month,
                           "co_mentioned": co_mentioned, "quotes": quotes, "claims": claims})
                )?,
                Format::Text => {
                    let e = &p.entity;
                    writeln!(out, "{} ({}, {})", e.name, e.label.as_str(), e.id)?;
                    writeln!(out, "aliases     {}", e.aliases.join(", "))?;
                    writeln!(
                        out,
                        "mentions    {} in {} documents",
                        e.mentions, p.documents
                    )?;
                    for (month, n) in &p.mentions_by_month {
                        writeln!(out, "  {month}  {}", "#".repeat((*n).min(60) as usize))?;
                    }
                    let co: Vec<String> = p
                        .co_mentioned
                        .iter()
                        .map(|(_, name, n)| format!("{name} ({n})"))
                        .collect();
                    writeln!(out, "with        {}", co.join(", "))?;
                    for q in &p.quotes {
                        writeln!(out, "said        « {} » ({})", q.text, q.document)?;
                    }
                    for c in &p.claims {
                        writeln!(
                            out,
                            "claims      {} — {} ({})",
                            c.text, c.sentence, c.document
                        )?;
                    }
                }
            }
            out.flush()?;
        }
        _ => anyhow::bail!(
            "expected `entity NAME`, `entity merge INTO FROM` or `entity split ENTITY NAME`"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Only groups with this status (consistent, conflicting, single).
    #[arg(long)]
    status: Option<String>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
}

pub fn claims(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let kb = args.db.open_reader()?;
    let format = resolve_format(args.format);
    let mut out = BufWriter::new(io::stdout().lock());
    for (group, rows) in kb.claims()? {
        if args
            .status
            .as_deref()
            .is_some_and(|s| s != group.status.as_str())
        {
            continue;
        }
        let values: Vec<_> = rows
            .iter()
            .map(|c| {
                json!({"value": c.value, "value_max": c.value_max, "bound": c.bound,
                       "unit": c.unit,
                       "si": c.si_value.zip(c.si_unit.as_ref()).map(|(v, u)| json!({"value": v, "unit": u})),
                       "source": c.source, "entity": c.source_key, "document": c.document,
                       "text": c.text, "sentence": c.sentence})
            })
            .collect();
        match format {
            Format::Jsonl => writeln!(
                out,
                "{}",
                json!({"what": group.what, "unit": group.unit,
                       "status": group.status.as_str(), "values": values})
            )?,
            Format::Text => {
                writeln!(
                    out,
                    "{}  {}{}",
                    group.status.as_str().to_uppercase(),
                    group.what,
                    group
                        .unit
                        .as_deref()
                        .map(|u| format!(" ({u})"))
                        .unwrap_or_default()
                )?;
                for c in &rows {
                    writeln!(
                        out,
                        "    {:<24} {:<28} {}",
                        c.text,
                        c.source.as_deref().unwrap_or("(the article)"),
                        c.document
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Only documents mentioning this entity (an id, name or alias).
    #[arg(long)]
    entity: Option<String>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
}

pub fn timeline(args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let kb = args.db.open_reader()?;
    let format = resolve_format(args.format);
    let mut out = BufWriter::new(io::stdout().lock());
    for t in kb.timeline(args.entity.as_deref())? {
        match format {
            Format::Jsonl => writeln!(
                out,
                "{}",
                json!({"value": t.value, "text": t.text, "sentence": t.sentence,
                       "document": t.document, "title": t.title})
            )?,
            Format::Text => writeln!(out, "{:<12} {:<30} {}", t.value, t.text, t.document)?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
