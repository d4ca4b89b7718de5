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
    let kb = KnowledgeBase::open_reader(&path)
        .map_err(|e| anyhow::anyhow!("{e} (knowledge base {})", path.display()))?;
    let analyzer = Analyzer::new(CleanOptions::default());
    let app = api::router(api::AppState::new(kb, analyzer));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.addr))?;
        let bound = listener.local_addr()?;
        eprintln!(
            "veille: serving {} on http://{bound}/api/openapi.json",
            path.display()
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
