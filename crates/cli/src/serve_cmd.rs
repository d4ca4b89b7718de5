//! `veille serve`: the HTTP API over a knowledge base.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clean::CleanOptions;
use kb::KnowledgeBase;
use pipeline::Analyzer;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The knowledge base directory [default: $VEILLE_DB, else ./veille-data].
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Address to listen on (port 0: any free port, printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8642")]
    addr: SocketAddr,
    /// Allow writes (ingest, merge, split) to requests carrying this token; without it the
    /// server is read-only [default: $VEILLE_WRITE_TOKEN].
    #[arg(long, value_name = "TOKEN")]
    write_token: Option<String>,
    /// GET answers kept in memory (0: none); a write through this server drops them, and
    /// each is served for at most --cache-seconds.
    #[arg(long, value_name = "N", default_value_t = api::DEFAULT_CACHE_ENTRIES)]
    cache_entries: usize,
    /// How long a kept answer is served, so a read-only server beside an ingest catches up.
    #[arg(long, value_name = "S", default_value_t = api::DEFAULT_CACHE_TTL.as_secs())]
    cache_seconds: u64,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let path = args
        .db
        .or_else(|| std::env::var_os("VEILLE_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("veille-data"));
    anyhow::ensure!(
        path.join("veille.db").is_file(),
        "no knowledge base at {} (run `veille ingest` first, or give --db)",
        path.display()
    );
    let token = args
        .write_token
        .or_else(|| std::env::var("VEILLE_WRITE_TOKEN").ok())
        .filter(|t| !t.is_empty());
    // A read-only server opens the store for reading only, so it can run beside an ingest.
    let kb = match token {
        Some(_) => KnowledgeBase::open(&path),
        None => KnowledgeBase::open_reader(&path),
    }
    .map_err(|e| anyhow::anyhow!("{e} (knowledge base {})", path.display()))?;
    let analyzer = Analyzer::new(CleanOptions::default());
    let mut state = api::AppState::new(kb, analyzer).with_cache(
        args.cache_entries,
        std::time::Duration::from_secs(args.cache_seconds),
    );
    if let Some(token) = &token {
        state = state.with_write_token(token);
    }
    let app = api::router(state);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        // The wrapped listener answers an over-long first request head (a request target
        // over 65 534 bytes, a head over hyper's limits) with a 414 or 431 and a message,
        // where hyper alone would answer with an empty body.
        let listener = api::listener::GuardedListener::bind(args.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.addr))?;
        let bound = listener.local_addr()?;
        eprintln!(
            "veille: serving {} on http://{bound}/ ({}; API: http://{bound}/api/openapi.json)",
            path.display(),
            if token.is_some() {
                "writes allowed with the token"
            } else {
                "read-only"
            }
        );
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
