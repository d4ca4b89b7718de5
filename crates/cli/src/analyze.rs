//! `veille analyze`.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clean::CleanOptions;
use doc::{Document, LangCode, RawArticle};
use input::{InputError, ReadOptions};
use pipeline::Analyzer;
use wire::WireOptions;

use crate::{Format, output, resolve_format};

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// Files, directories (walked recursively) or `-` for stdin; stdin when none is given.
    inputs: Vec<PathBuf>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Also output the token layer.
    #[arg(long)]
    tokens: bool,
    /// Print documents, bytes, time and throughput to stderr at the end.
    #[arg(long)]
    stats: bool,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

/// How inputs are read and analysed: shared by `analyze` and `ingest`.
#[derive(clap::Args)]
pub struct AnalysisArgs {
    /// Publication date (ISO 8601) for inputs that give none.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Language of every input (ISO 639-1 code); skips detection.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// The input text is already clean: keep it exactly as given, so offsets refer to it.
    #[arg(long)]
    no_clean: bool,
    /// Do not take the first line of a text input as its title.
    #[arg(long)]
    no_title: bool,
    /// Worker threads [default: all cores].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Largest document accepted, in bytes (a file, or one JSON Lines record).
    #[arg(long, value_name = "BYTES", default_value_t = ReadOptions::default().max_document_bytes)]
    max_bytes: usize,
    /// Main-content scoring for web pages: `trafilatura` (best F1) or `fast` (own scoring,
    /// several times faster; see the README's figures).
    #[arg(long, value_enum, default_value = "auto")]
    extractor: ExtractorArg,
}

/// What [`AnalysisArgs`] set up: the analyzer, the reader's options and a declared language.
pub struct Analysis {
    pub analyzer: Analyzer,
    pub read_options: ReadOptions,
    pub lang: Option<LangCode>,
}

impl AnalysisArgs {
    /// Checks the flags, sizes the worker pool and builds the analyzer.
    pub fn setup(&self) -> anyhow::Result<Analysis> {
        let lang = match self
            .lang
            .as_deref()
            .map(|code| (code, LangCode::parse(code)))
        {
            None => None,
            Some((_, Some(code))) => Some(code),
            Some((code, None)) => {
                anyhow::bail!("--lang {code:?} is not a language code (expected fr, en, ru...)")
            }
        };
        if let Some(published) = &self.published {
            anyhow::ensure!(
                looks_like_iso_date(published),
                "--published {published:?} is not an ISO 8601 date (expected 2024-04-23 or 2024-04-23T10:00:00Z)"
            );
        }
        // Deep pages make tree walks deep: give workers more than rayon's default stack.
        let mut pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES);
        if let Some(threads) = self.threads {
            pool = pool.num_threads(threads.max(1));
        }
        pool.build_global()?;
        let analyzer = Analyzer::as_of(
            CleanOptions {
                keep_text: self.no_clean,
                no_title: self.no_title,
                default_published: self.published.clone(),
                extractor: self.extractor.into(),
            },
            latest_plausible_date(),
        );
        Ok(Analysis {
            analyzer,
            read_options: ReadOptions {
                max_document_bytes: self.max_bytes,
            },
            lang,
        })
    }
}

/// The inputs named, or stdin when none is and it is not a terminal.
pub fn inputs_or_stdin(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !inputs.is_empty() {
        return Ok(inputs.to_vec());
    }
    anyhow::ensure!(
        !io::stdin().is_terminal(),
        "no input: name files or directories, or pipe text to stdin (see --help)"
    );
    Ok(vec![PathBuf::from("-")])
}

/// Stack of each worker thread.
const WORKER_STACK_BYTES: usize = 32 << 20;

/// Documents analysed together: enough to keep every core busy, few enough to stream.
pub const BATCH_DOCUMENTS: usize = 256;
pub const BATCH_BYTES: usize = 32 << 20;

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let Analysis {
        analyzer,
        read_options,
        lang,
    } = args.analysis.setup()?;
    let inputs = inputs_or_stdin(&args.inputs)?;
    let format = resolve_format(args.format);
    let wire_options = WireOptions {
        tokens: args.tokens,
    };

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let started = Instant::now();
    let mut totals = Totals::default();
    let mut batch = Batch::default();
    for spec in input::expand(&inputs) {
        let items = match spec {
            Ok(spec) => input::read(&spec, &read_options),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
        for item in items {
            let item = item.map(|mut raw| {
                if lang.is_some() {
                    raw.lang = lang;
                }
                raw
            });
            batch.push(item);
            if batch.is_full() {
                batch.flush(&analyzer, format, wire_options, &mut out, &mut totals)?;
            }
        }
    }
    batch.flush(&analyzer, format, wire_options, &mut out, &mut totals)?;
    out.flush()?;
    if args.stats {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "veille: {} documents ({} failed), {:.2} MB of text in {:.3} s: {:.2} MB/s, {:.0} documents/s, {} threads",
            totals.documents,
            totals.failed,
            totals.bytes as f64 / 1e6,
            seconds,
            totals.bytes as f64 / 1e6 / seconds,
            totals.documents as f64 / seconds,
            rayon::current_num_threads(),
        );
    }
    Ok(if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Default)]
struct Totals {
    documents: usize,
    failed: usize,
    bytes: usize,
}

#[derive(Default)]
struct Batch {
    items: Vec<Result<RawArticle, InputError>>,
    bytes: usize,
}

impl Batch {
    fn push(&mut self, item: Result<RawArticle, InputError>) {
        if let Ok(raw) = &item {
            self.bytes += match &raw.body {
                doc::RawBody::Text(t) | doc::RawBody::Html(t) => t.len(),
            };
        }
        self.items.push(item);
    }

    fn is_full(&self) -> bool {
        self.items.len() >= BATCH_DOCUMENTS || self.bytes >= BATCH_BYTES
    }

    /// Analyses the batch in parallel and writes it in input order; errors go to stderr at
    /// their place.
    fn flush(
        &mut self,
        analyzer: &Analyzer,
        format: Format,
        wire_options: WireOptions,
        out: &mut impl Write,
        totals: &mut Totals,
    ) -> anyhow::Result<()> {
        use rayon::prelude::*;
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        let results: Vec<Result<Document, InputError>> = items
            .into_par_iter()
            .map(|item| item.map(|raw| analyzer.analyze(raw)))
            .collect();
        for result in results {
            match result {
                Ok(doc) => {
                    totals.documents += 1;
                    totals.bytes += doc.text().len();
                    match format {
                        Format::Jsonl => {
                            writeln!(out, "{}", wire::to_json_line(&doc, wire_options))?
                        }
                        Format::Text => output::write_text(out, &doc)?,
                    }
                }
                Err(e) => {
                    totals.failed += 1;
                    out.flush()?;
                    eprintln!("veille: {e}");
                }
            }
        }
        Ok(())
    }
}

/// `2024-04-23`, `2024-04`, `2024`, or a date-time starting with a full date.
pub fn looks_like_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        _ => {
            b.len() >= 10
                && digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && (b.len() == 10 || matches!(b[10], b'T' | b' '))
        }
    }
}

/// Tomorrow (UTC), the latest publication date taken at face value: a later one is
/// reported on the document (a page ahead in its time zone may be dated tomorrow).
fn latest_plausible_date() -> Option<times::Date> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    times::Date::from_days(i64::try_from(now.as_secs() / 86_400).ok()? + 1)
}

/// `--extractor`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ExtractorArg {
    /// Our own scoring, the `trafilatura` crate's where ours is unsure (the default).
    Auto,
    /// The `trafilatura` crate on every page.
    Trafilatura,
    /// Our own scoring.
    Fast,
}

impl From<ExtractorArg> for clean::html::Extractor {
    fn from(arg: ExtractorArg) -> Self {
        match arg {
            ExtractorArg::Auto => clean::html::Extractor::Auto,
            ExtractorArg::Trafilatura => clean::html::Extractor::Trafilatura,
            ExtractorArg::Fast => clean::html::Extractor::Fast,
        }
    }
}
