//! Throughput of the analysis pipeline, whole and per stage, on the demo corpus (and on the
//! shared news-realism set when present). Every benchmark checks its output, so a broken
//! stage cannot bench "fast".
//!
//! Run with `cargo bench -p bench`; criterion prints MB/s (bytes of input text per second).

use std::hint::black_box;
use std::time::Duration;

use bench::{body_bytes, demo_corpus, news_realism};
use clean::CleanOptions;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use doc::{Document, RawArticle};
use langid::LanguageIdentifier;
use pipeline::Analyzer;
use segment::Segmenter;
use wire::WireOptions;

/// Articles taken from the news-realism set.
const NEWS_REALISM_LIMIT: usize = 200;

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
}

/// Sequential analysis (one core), with checks on the result.
fn analyze_all(analyzer: &Analyzer, corpus: &[RawArticle]) -> Vec<Document> {
    let docs: Vec<Document> = corpus
        .iter()
        .map(|raw| analyzer.analyze(raw.clone()))
        .collect();
    check_analyzed(&docs, corpus.len());
    docs
}

fn check_analyzed(docs: &[Document], expected: usize) {
    assert_eq!(docs.len(), expected, "one document per article");
    for doc in docs {
        assert!(doc.lang().is_some(), "{}: no language layer", doc.id);
        assert!(
            doc.diagnostics
                .iter()
                .all(|d| !d.message.contains("internal error")),
            "{}: {:?}",
            doc.id,
            doc.diagnostics
        );
        if !doc.text().trim().is_empty() {
            assert!(
                doc.sentences().is_some_and(|s| !s.is_empty()),
                "{}: no sentence",
                doc.id
            );
            assert!(
                doc.tokens().is_some_and(|t| !t.is_empty()),
                "{}: no token",
                doc.id
            );
        }
    }
}

fn bench_analyze(c: &mut Criterion) {
    let analyzer = Analyzer::new(CleanOptions::default());
    let mut group = c.benchmark_group("analyze");
    configure(&mut group);

    let demo = demo_corpus();
    group.throughput(Throughput::Bytes(body_bytes(&demo)));
    group.bench_function("demo", |b| {
        b.iter(|| analyze_all(&analyzer, black_box(&demo)))
    });

    match news_realism(NEWS_REALISM_LIMIT) {
        Some(news) if !news.is_empty() => {
            group.throughput(Throughput::Bytes(body_bytes(&news)));
            group.bench_function(format!("news-realism-{NEWS_REALISM_LIMIT}"), |b| {
                b.iter(|| analyze_all(&analyzer, black_box(&news)))
            });
            // The set declares every record's language, which skips identification; the
            // same articles with the declaration dropped measure the whole pipeline.
            let undeclared: Vec<RawArticle> = news
                .iter()
                .cloned()
                .map(|raw| RawArticle { lang: None, ..raw })
                .collect();
            group.bench_function(format!("news-realism-{NEWS_REALISM_LIMIT}-detect"), |b| {
                b.iter(|| analyze_all(&analyzer, black_box(&undeclared)))
            });
        }
        _ => eprintln!("analyze/news-realism-{NEWS_REALISM_LIMIT}: shared file absent, skipped"),
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion) {
    let demo = demo_corpus();
    let options = CleanOptions::default();
    let analyzer = Analyzer::new(options.clone());
    let cleaner = clean::Cleaner::new(options.clone());
    let identifier = LanguageIdentifier::new();
    let segmenter = Segmenter::new();

    // Inputs of the later stages, computed once: clean texts and analysed documents.
    let cleaned: Vec<Document> = demo.iter().map(|raw| cleaner.build(raw.clone())).collect();
    let analyzed = analyze_all(&analyzer, &demo);
    let langs: Vec<_> = analyzed.iter().map(Document::lang_code).collect();
    let text_bytes: u64 = cleaned.iter().map(|d| d.text().len() as u64).sum();

    let mut group = c.benchmark_group("stage");
    configure(&mut group);

    group.throughput(Throughput::Bytes(body_bytes(&demo)));
    // A cleaner built once (as the analyzer does), then `clean::build`, which compiles the
    // furniture lexicon on every call.
    let check_clean = |docs: &[Document]| {
        assert_eq!(docs.len(), demo.len());
        assert!(
            docs.iter().all(|d| !d.text().is_empty()),
            "an empty clean text"
        );
    };
    group.bench_function("clean", |b| {
        b.iter(|| {
            let docs: Vec<Document> = black_box(&demo)
                .iter()
                .map(|raw| cleaner.build(raw.clone()))
                .collect();
            check_clean(&docs);
            docs
        })
    });
    group.throughput(Throughput::Bytes(text_bytes));
    group.bench_function("langid", |b| {
        b.iter(|| {
            let guesses: Vec<_> = black_box(&cleaned)
                .iter()
                .map(|d| identifier.identify(d.text()))
                .collect();
            assert_eq!(guesses.len(), cleaned.len());
            assert!(
                guesses.iter().all(|g| g.code.is_some()),
                "a demo text not identified"
            );
            guesses
        })
    });

    group.bench_function("segment", |b| {
        b.iter(|| {
            let mut count = 0usize;
            for (doc, &lang) in black_box(&cleaned).iter().zip(&langs) {
                let tokens = segmenter.tokenize(doc.text(), lang);
                let sentences = segmenter.sentences(doc.text(), &tokens, lang);
                assert!(
                    !tokens.is_empty() && !sentences.is_empty(),
                    "{}: empty",
                    doc.id
                );
                count += sentences.len();
            }
            count
        })
    });

    let wire_options = WireOptions { tokens: true };
    group.bench_function("wire", |b| {
        b.iter(|| {
            let lines: Vec<String> = black_box(&analyzed)
                .iter()
                .map(|d| wire::to_json_line(d, wire_options))
                .collect();
            assert!(
                lines
                    .iter()
                    .all(|l| l.starts_with('{') && l.contains("\"sentences\"")),
                "a JSON line without sentences"
            );
            lines
        })
    });
    group.finish();
}

/// The times and quantities layers alone, on the clean texts of news-realism (or the demo
/// corpus): the figures issues 4 and 5 set targets for (MB/s per core).
fn bench_figures(c: &mut Criterion) {
    let options = CleanOptions::default();
    let cleaner = clean::Cleaner::new(options);
    let articles = news_realism(NEWS_REALISM_LIMIT)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(demo_corpus);
    let texts: Vec<(String, Option<doc::LangCode>)> = articles
        .iter()
        .map(|raw| {
            let doc = cleaner.build(raw.clone());
            (doc.text().to_owned(), raw.lang)
        })
        .collect();
    let bytes: u64 = texts.iter().map(|(t, _)| t.len() as u64).sum();
    let anchor = times::Date::new(2024, 5, 10);
    let extractor = quantities::Extractor::new();

    let mut group = c.benchmark_group("figures");
    configure(&mut group);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("times", |b| {
        b.iter(|| {
            let found: usize = black_box(&texts)
                .iter()
                .map(|(text, lang)| times::tag(text, *lang, anchor).len())
                .sum();
            assert!(found > 0, "no time expression in the corpus");
            found
        })
    });
    group.bench_function("quantities", |b| {
        b.iter(|| {
            let found: usize = black_box(&texts)
                .iter()
                .map(|(text, lang)| extractor.extract(text, *lang, &[]).len())
                .sum();
            assert!(found > 0, "no quantity in the corpus");
            found
        })
    });
    group.finish();
}

/// The entity tagger and quote detection alone, on segmented news-realism (or the demo
/// corpus): the tagger's tokens per second is issue 6's speed target.
fn bench_figures_tokens(c: &mut Criterion) {
    let analyzer = Analyzer::new(CleanOptions::default());
    let articles = news_realism(NEWS_REALISM_LIMIT)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(demo_corpus);
    let docs = analyze_all(&analyzer, &articles);
    // Sentences as token strings, with the model of their document's language.
    let mut sentences: Vec<(&entities::Model, Vec<&str>)> = Vec::new();
    for d in &docs {
        let (Some(model), Some(tokens), Some(spans)) = (
            d.lang_code().and_then(entities::Model::for_lang),
            d.tokens(),
            d.sentences(),
        ) else {
            continue;
        };
        for s in spans {
            let words: Vec<&str> = tokens
                .iter()
                .filter(|t| s.contains_range(t.range))
                .map(|t| d.slice(t.range))
                .collect();
            sentences.push((model, words));
        }
    }
    let n_tokens: u64 = sentences.iter().map(|(_, w)| w.len() as u64).sum();
    let mut group = c.benchmark_group("figures");
    configure(&mut group);
    group.throughput(Throughput::Elements(n_tokens));
    group.bench_function("entities-tokens", |b| {
        let mut tags = Vec::new();
        b.iter(|| {
            let mut tagged = 0;
            for (model, words) in black_box(&sentences) {
                model.tag(words, &mut tags);
                tagged += tags.len();
            }
            assert_eq!(tagged as u64, n_tokens);
            tagged
        })
    });
    let bytes: u64 = docs.iter().map(|d| d.text().len() as u64).sum();
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("quotes", |b| {
        b.iter(|| {
            black_box(&docs)
                .iter()
                .map(|d| {
                    let (Some(tokens), Some(sentences)) = (d.tokens(), d.sentences()) else {
                        return 0;
                    };
                    quotes::detect(d.text(), d.lang_code(), tokens, sentences, None)
                        .quotes
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_analyze,
    bench_stages,
    bench_figures,
    bench_figures_tokens
);
criterion_main!(benches);
