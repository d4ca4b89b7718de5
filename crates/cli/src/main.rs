//! `veille`: the command line. Parses arguments, runs a command, maps outcomes to exit codes
//! (0 all inputs processed, 1 some failed, 2 usage error), per `../shared/CONTRACT.md`.

mod analyze;
mod eval_cmd;
mod kb_cmd;
mod output;
mod serve_cmd;
mod train_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "veille",
    version,
    about = "News intelligence: clean text, languages, sentences and more, from raw articles."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (files, directories, `-` for stdin) and print one JSON document each.
    Analyze(analyze::AnalyzeArgs),
    /// Measure quality on a public gold set.
    Eval(eval_cmd::EvalArgs),
    /// Train a model from the public annotated sets and write it where the build finds it.
    Train(train_cmd::TrainArgs),
    /// Analyse articles and add them to the knowledge base (`--db`, default ./veille-data).
    Ingest(kb_cmd::IngestArgs),
    /// Full-text search in the knowledge base, one hit per line.
    Search(kb_cmd::SearchArgs),
    /// Entities resolved across documents, or every mention with `--mentions`.
    Entities(kb_cmd::EntitiesArgs),
    /// One entity's profile, or a hand correction: `entity merge INTO FROM`, `entity split E NAME`.
    Entity(kb_cmd::EntityArgs),
    /// Quantified claims grouped by what they count, conflicting figures first.
    Claims(kb_cmd::ClaimsArgs),
    /// Dated items in order, optionally about one entity.
    Timeline(kb_cmd::TimelineArgs),
    /// The HTTP API over the knowledge base on 127.0.0.1:8642 (`/api/openapi.json`).
    Serve(serve_cmd::ServeArgs),
}

/// Output format; the default is `text` on a terminal and `jsonl` otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A readable view.
    Text,
}

/// Resolves the default format from whether stdout is a terminal.
pub fn resolve_format(format: Option<Format>) -> Format {
    use std::io::IsTerminal;
    format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Jsonl
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Train(args) => train_cmd::run(args),
        Command::Ingest(args) => kb_cmd::ingest(args),
        Command::Search(args) => kb_cmd::search(args),
        Command::Entities(args) => kb_cmd::entities(args),
        Command::Entity(args) => kb_cmd::entity(args),
        Command::Claims(args) => kb_cmd::claims(args),
        Command::Timeline(args) => kb_cmd::timeline(args),
        Command::Serve(args) => serve_cmd::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`veille analyze … | head`) is not an error.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("veille: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Where gold sets live unless told otherwise: `../shared/eval` beside the repository.
pub fn default_eval_dir() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let beside_repo = manifest.join("../../../shared/eval");
    if beside_repo.is_dir() {
        beside_repo
    } else {
        PathBuf::from("../shared/eval")
    }
}
