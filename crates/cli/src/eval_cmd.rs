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
    /// `eval ner`: write each set's Dev part as JSON Lines to DIR (tokens or text with gold
    /// spans, plus `index.jsonl`) for external taggers, instead of scoring.
    #[arg(long, value_name = "DIR", conflicts_with = "predictions")]
    export_dev: Option<PathBuf>,
    /// `eval ner`: score an external tagger's predictions in DIR (the `--export-dev` files
    /// with predicted spans) instead of running ours.
    #[arg(long, value_name = "DIR")]
    predictions: Option<PathBuf>,
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
    /// Named entities on our Dev part of WikiNEuRal, Europeana, HIPE-2022, NEREL, factRuEval:
    /// exact-match P/R/F1 per label, and tokens per second.
    Ner,
    /// Quotes, speakers and cues (PolNeAR attributions, English news).
    Quotes,
    /// Cross-document entity resolution on gold links (HIPE-2022 French with Wikidata ids,
    /// NEREL): B³ and pairwise P/R/F1, ours and an exact-string baseline.
    Resolve,
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
    anyhow::ensure!(
        matches!(args.task, Task::Ner) || (args.export_dev.is_none() && args.predictions.is_none()),
        "--export-dev and --predictions are options of `veille eval ner`"
    );
    if let Task::Ner = args.task {
        return ner(&dir, &args);
    }
    if let Task::Resolve = args.task {
        return resolve(&dir, &args);
    }
    let rows = match args.task {
        Task::Segment => eval::segmentation(&dir, args.limit)?,
        Task::Langid => eval::language_id(&dir, args.limit)?,
        Task::Clean => eval::cleaning(&dir, args.limit, args.extractor.into())?,
        Task::Quantities => eval::quantities(&dir, args.limit)?,
        Task::Times => eval::times(&dir, args.limit)?,
        Task::Quotes => eval::quotes(&dir, args.limit)?,
        Task::Furniture | Task::Ner | Task::Resolve => unreachable!("handled above"),
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

/// `veille eval ner`: export, score predictions, or run our tagger.
fn ner(dir: &std::path::Path, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(out) = &args.export_dev {
        for (set, items) in eval::ner_export_dev(dir, args.limit, out)? {
            eprintln!("veille: {set}: {items} items written");
        }
        eprintln!("veille: dev sets written to {}", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let report = match &args.predictions {
        Some(pred) => eval::ner_predictions(dir, args.limit, pred)?,
        None => eval::ner(dir, args.limit)?,
    };
    let data = dir.display().to_string();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match resolve_format(args.format) {
        Format::Text => {
            write!(out, "{}", eval::table(&report.rows))?;
            writeln!(out)?;
            writeln!(
                out,
                "{:<44} {:<5} {:<9} {:>9} {:>9} {:>12}",
                "set", "lang", "timed", "tokens", "seconds", "tokens/s"
            )?;
            for s in &report.speed {
                writeln!(
                    out,
                    "{:<44} {:<5} {:<9} {:>9} {:>9.3} {:>12.0}",
                    s.set, s.lang, s.timed, s.tokens, s.seconds, s.tokens_per_second
                )?;
            }
            for l in &report.model_load {
                writeln!(out, "model load ({}): {:.1} ms", l.lang, l.milliseconds)?;
            }
        }
        Format::Jsonl => {
            for row in &report.rows {
                writeln!(out, "{}", serde_json::to_string(row)?)?;
            }
            for s in &report.speed {
                writeln!(out, "{}", serde_json::to_string(s)?)?;
            }
            for l in &report.model_load {
                writeln!(out, "{}", serde_json::to_string(l)?)?;
            }
        }
    }
    if let Some(path) = &args.report {
        let json = serde_json::json!({
            "task": "ner",
            "data": data,
            "limit": args.limit,
            "predictions": args.predictions.as_ref().map(|p| p.display().to_string()),
            "rows": report.rows,
            "speed": report.speed,
            "model_load": report.model_load,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")?;
        eprintln!("veille: report written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `veille eval resolve`: the rows, then mentions, gold entities and what was left out.
fn resolve(dir: &std::path::Path, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let report = eval::resolution(dir, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match resolve_format(args.format) {
        Format::Text => {
            write!(out, "{}", eval::table(&report.rows))?;
            writeln!(out)?;
            write!(out, "{}", eval::resolve_sets_table(&report.sets))?;
        }
        Format::Jsonl => {
            for row in &report.rows {
                writeln!(out, "{}", serde_json::to_string(row)?)?;
            }
            for set in &report.sets {
                writeln!(out, "{}", serde_json::to_string(set)?)?;
            }
        }
    }
    if let Some(path) = &args.report {
        let json = serde_json::json!({
            "task": "resolve",
            "data": dir.display().to_string(),
            "limit": args.limit,
            "rows": report.rows,
            "sets": report.sets,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")?;
        eprintln!("veille: report written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
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
