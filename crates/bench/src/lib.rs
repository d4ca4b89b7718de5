//! The benchmark corpus: the shipped demo files, plus the shared news-realism evaluation set
//! when it is present next to the repository.
//!
//! The corpus is regenerable: nothing is generated or downloaded, it is read from files that
//! ship with the repository (`examples/`) or that sit in the shared evaluation folder
//! (`../shared/eval/news-realism/news-realism.jsonl`).

use std::path::{Path, PathBuf};

use doc::{RawArticle, RawBody};
use input::{InputSpec, ReadOptions};

/// The repository's root (two levels above this crate).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The demo corpus directory, `examples/` at the repository root.
pub fn demo_dir() -> PathBuf {
    repository_root().join("examples")
}

/// The shared news-realism evaluation file (outside the repository; may be absent).
pub fn news_realism_path() -> PathBuf {
    repository_root().join("../shared/eval/news-realism/news-realism.jsonl")
}

/// Every article of the demo corpus (`examples/`), in the reader's order.
///
/// # Panics
/// If the directory or one of its articles cannot be read: the demo corpus ships with the
/// repository, so this is a broken checkout, not a benchmark result.
pub fn demo_corpus() -> Vec<RawArticle> {
    let specs = input::expand(&[demo_dir()]);
    let articles = read_all(specs.into_iter().map(|s| s.expect("demo input")));
    assert!(
        !articles.is_empty(),
        "no article in {}",
        demo_dir().display()
    );
    articles
}

/// The first `limit` articles of the shared news-realism set, or `None` when the file is
/// absent. Records that cannot be read are skipped.
pub fn news_realism(limit: usize) -> Option<Vec<RawArticle>> {
    let path = news_realism_path();
    if !path.is_file() {
        return None;
    }
    let articles = input::read(&InputSpec::File(path), &ReadOptions::default())
        .filter_map(Result::ok)
        .take(limit)
        .collect();
    Some(articles)
}

/// The bytes of body text (UTF-8) in `articles`: the throughput unit of the benchmarks.
pub fn body_bytes(articles: &[RawArticle]) -> u64 {
    articles
        .iter()
        .map(|a| match &a.body {
            RawBody::Text(t) | RawBody::Html(t) => t.len() as u64,
        })
        .sum()
}

fn read_all(specs: impl Iterator<Item = InputSpec>) -> Vec<RawArticle> {
    let options = ReadOptions::default();
    specs
        .flat_map(|spec| input::read(&spec, &options))
        .map(|item| item.unwrap_or_else(|e| panic!("demo corpus: {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_corpus_reads_every_example() {
        let corpus = demo_corpus();
        // 11 single-article files and a three-record feed.
        assert!(corpus.len() >= 12, "{}", corpus.len());
        assert!(body_bytes(&corpus) > 0);
    }
}
