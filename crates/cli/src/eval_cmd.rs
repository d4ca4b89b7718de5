//! `veille eval`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::{Format, default_eval_dir, resolve_format};

#[derive(clap::Args)]
pub struct EvalArgs {
    /// What to measure.
    #[arg(value_enum)]
    task: Task,
    /// The folder of gold sets [default: ../shared/eval].
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Use at most N items (documents or sentences) of each set.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Main-content scoring for `eval clean`.
    #[arg(long, value_enum, default_value = "auto")]
    extractor: crate::analyze::ExtractorArg,
    /// Also write the rows as a JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<Format>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Task {
    /// Sentence and token boundaries (factRuEval-2016, HIPE-2022).
    Segment,
    /// Language identification (WikiNEuRal sentences, news-realism articles).
    Langid,
    /// Main-text extraction from web pages (trafilatura's evaluation set, ScrapingHub's
    /// article-extraction benchmark, DAnIEL en/ru).
    Clean,
    /// Furniture removal in scraped text, on the project's annotated corpora
    /// (`crates/clean/test_data/scraped*`; `--data DIR` for another folder of them).
    Furniture,
    /// Numbers and measures (Recognizers-Text Number/NumberWithUnit, Duckling, rustling specs).
    Quantities,
    /// Time expressions (French TimeBank, TempEval-3, Recognizers-Text DateTime, Duckling Time).
    Times,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Task::Furniture = args.task {
        let rows = furniture_rows(args.data.as_deref())?;
        return report(&rows, &args, "crates/clean/test_data");
    }
    let dir = args.data.clone().unwrap_or_else(default_eval_dir);
    anyhow::ensure!(
        dir.is_dir(),
        "gold sets not found in {} (use --data DIR)",
        dir.display()
    );
    let rows = match args.task {
        Task::Segment => eval::segmentation(&dir, args.limit)?,
        Task::Langid => eval::language_id(&dir, args.limit)?,
        Task::Clean => eval::cleaning(&dir, args.limit, args.extractor.into())?,
        Task::Quantities => eval::quantities(&dir, args.limit)?,
        Task::Times => eval::times(&dir, args.limit)?,
        Task::Furniture => unreachable!("handled above"),
    };
    report(&rows, &args, &dir.display().to_string())
}

/// The annotated corpora shipped in the repository, or the folder given.
fn furniture_rows(data: Option<&std::path::Path>) -> anyhow::Result<Vec<eval::Row>> {
    if let Some(dir) = data {
        return eval::furniture(dir, &dir.display().to_string());
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../clean/test_data");
    let mut rows = eval::furniture(&root.join("scraped"), "scraped (tuning)")?;
    let holdout = root.join("scraped-holdout");
    if holdout.is_dir() {
        rows.extend(eval::furniture(&holdout, "scraped-holdout (held out)")?);
    }
    Ok(rows)
}

fn report(rows: &[eval::Row], args: &EvalArgs, data: &str) -> anyhow::Result<ExitCode> {
    let rows = rows.to_vec();
    let dir = data;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match resolve_format(args.format) {
        Format::Text => write!(out, "{}", eval::table(&rows))?,
        Format::Jsonl => {
            for row in &rows {
                writeln!(out, "{}", serde_json::to_string(row)?)?;
            }
        }
    }
    if let Some(path) = &args.report {
        let report = serde_json::json!({
            "task": format!("{:?}", args.task).to_lowercase(),
            "data": dir,
            "limit": args.limit,
            "rows": rows,
        });
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")?;
        eprintln!("veille: report written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
