//! `veille train`: trains a model from the public annotated sets.
//!
//! `veille train ner --lang fr` reads the Train parts of the sets of `corpora` for the
//! language, trains the entity tagger, prints entity-level exact-match P/R/F1 on every Dev
//! part, and writes the model where the `entities` crate embeds it.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use corpora::{Annotated, Part, Set, TextDoc};
use doc::{EntityLabel, LangCode};
use entities::train::{Counts, Example, TrainOptions, train_with};
use entities::{Model, Span};
use segment::Segmenter;

#[derive(clap::Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: TrainWhat,
}

#[derive(clap::Subcommand)]
enum TrainWhat {
    /// The named-entity tagger (`entities`).
    Ner(NerArgs),
}

#[derive(clap::Args)]
struct NerArgs {
    /// Language: fr, en or ru.
    #[arg(long)]
    lang: String,
    /// The folder of the public sets (../shared/eval).
    #[arg(long, default_value = "../shared/eval")]
    data: PathBuf,
    /// Where to write the model (default crates/entities/models/<lang>.bin).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Passes over the training sentences (default: the language's own setting).
    #[arg(long)]
    epochs: Option<usize>,
    /// Training sets, comma-separated set names (`wikineural/fr,europeana/fr`); default: the
    /// language's own choice (see the model card); `all` for every set of the language.
    #[arg(long)]
    sets: Option<String>,
    /// Seed of the shuffling between epochs (another seed measures the noise of a change).
    #[arg(long)]
    seed: Option<u64>,
    /// The weight table has 2^bits rows.
    #[arg(long, default_value_t = 20)]
    bits: u8,
    /// Drop this fraction of the weight rows with the smallest weights.
    #[arg(long)]
    prune: Option<f64>,
    /// Score the Dev parts after every epoch, not only at the end.
    #[arg(long)]
    every_epoch: bool,
    /// Give the historical newspaper sets a domain-specific copy of the features that is not
    /// saved (measured: it helped the greedy decoder on Wikipedia, it hurts with Viterbi).
    #[arg(long)]
    adapt: bool,
    /// Decode greedily, token by token, instead of whole sentences (first-order Viterbi,
    /// structured perceptron).
    #[arg(long)]
    greedy: bool,
    /// `true`: the labels a set does not annotate (MISC in NEREL, Europeana) are not
    /// predicted on it during training; `false`: its O is taken as a true O. Default: the
    /// language's own setting (measured: false for French, true for English and Russian).
    #[arg(long)]
    partial: Option<bool>,
    /// Training sets seen more than once per epoch, `set=times` comma-separated
    /// (`wikineural/ru=2`).
    #[arg(long)]
    repeat: Option<String>,
    /// Feature groups to leave out (experiments): a bit mask, 1 stems, 2 stem memory, 4
    /// gazetteer, 8 previous word with the ending, 16 stems of the neighbours (default: the
    /// language's own setting).
    #[arg(long)]
    off: Option<u32>,
    /// Do not write the model.
    #[arg(long)]
    dry_run: bool,
}

/// The training sets, epochs, pruning and partial-label setting chosen per language
/// (measured; see the model cards).
fn defaults(lang: LangCode) -> (&'static [&'static str], usize, f64, bool) {
    match lang {
        LangCode::FR => (
            &[
                "wikineural/fr",
                "europeana/fr",
                "hipe2020/fr",
                "letemps/fr",
                "newseye/fr",
            ],
            10,
            0.0,
            false,
        ),
        LangCode::EN => (
            &["wikineural/en", "hipe2020/en", "topres19th/en"],
            10,
            0.0,
            true,
        ),
        _ => (&["wikineural/ru", "nerel", "factrueval"], 10, 0.0, true),
    }
}

/// The feature groups left out per language (measured; see the model cards): for Russian the
/// organisation cues (bit 64: with them "в Кремле" turns LOC); for English the stem, the
/// gazetteer and the neighbours' stems (an English "stem" is the lowercased word); for French
/// the five groups of version 4 (bits 1–16), keeping clusters and cues.
fn default_off(lang: LangCode) -> u32 {
    match lang {
        LangCode::RU => 64,
        LangCode::EN => 21,
        _ => 31,
    }
}

/// A sentence with owned tokens and spans.
struct Owned {
    tokens: Vec<String>,
    spans: Vec<Span>,
    labels: u8,
    domain: u8,
}

/// Historical OCR newspaper sets get their own domain copy of the features (see
/// `entities::train::Example::domain`); modern text (Wikipedia, today's news) is domain 0.
fn domain_of(set: &str, adapt: bool) -> u8 {
    if !adapt {
        return 0;
    }
    match set.split('/').next().unwrap_or(set) {
        "europeana" => 1,
        "hipe2020" => 2,
        "letemps" => 3,
        "newseye" => 4,
        "topres19th" => 5,
        _ => 0,
    }
}

fn label_mask(labels: &[EntityLabel]) -> u8 {
    labels
        .iter()
        .map(|l| 1u8 << EntityLabel::ALL.iter().position(|x| x == l).unwrap_or(0))
        .fold(0, |a, b| a | b)
}

/// Tokens (byte ranges) and sentences (token index ranges) of a text, by our segmenter.
fn segment_text(
    seg: &Segmenter,
    text: &str,
    lang: LangCode,
) -> (Vec<std::ops::Range<usize>>, Vec<std::ops::Range<usize>>) {
    let tokens = seg.tokenize(text, Some(lang));
    let sentences = seg.sentences(text, &tokens, Some(lang));
    let ranges: Vec<_> = tokens
        .iter()
        .map(|t| t.range.start()..t.range.end())
        .collect();
    let sents = sentences
        .iter()
        .map(|s| {
            let a = ranges.partition_point(|t| t.start < s.start());
            let b = ranges.partition_point(|t| t.start < s.end());
            a..b
        })
        .collect();
    (ranges, sents)
}

/// The sentences of a set, standoff texts tokenized by our segmenter with their gold spans
/// projected; returns them and the number of gold spans lost (crossing a sentence break or
/// not on our tokens).
fn sentences_of(set: &Set, seg: &Segmenter, adapt: bool, partial: bool) -> (Vec<Owned>, usize) {
    let labels = if partial {
        label_mask(set.labels())
    } else {
        label_mask(&EntityLabel::ALL)
    };
    let domain = domain_of(&set.name, adapt);
    match &set.data {
        Annotated::Tokens(sents) => (
            sents
                .iter()
                .map(|s| Owned {
                    tokens: s.tokens.clone(),
                    spans: s
                        .spans
                        .iter()
                        .map(|t| Span {
                            start: t.start,
                            end: t.end,
                            label: t.label,
                        })
                        .collect(),
                    labels,
                    domain,
                })
                .collect(),
            0,
        ),
        Annotated::Texts(docs) => {
            let mut out = Vec::new();
            let mut lost = 0;
            for d in docs {
                let (tokens, sents) = segment_text(seg, &d.text, set.lang);
                let (spans, inexact) = corpora::project(d, &tokens);
                lost += inexact;
                let mut used = 0;
                for s in sents {
                    let own: Vec<Span> = spans
                        .iter()
                        .filter(|t| t.start >= s.start && t.end <= s.end)
                        .map(|t| Span {
                            start: t.start - s.start,
                            end: t.end - s.start,
                            label: t.label,
                        })
                        .collect();
                    used += own.len();
                    out.push(Owned {
                        tokens: tokens[s.clone()]
                            .iter()
                            .map(|r| d.text[r.clone()].to_owned())
                            .collect(),
                        spans: own,
                        labels,
                        domain,
                    });
                }
                lost += spans.len() - used;
            }
            (out, lost)
        }
    }
}

fn examples(sents: &[Owned]) -> Vec<Example<'_>> {
    sents
        .iter()
        .map(|s| Example {
            tokens: &s.tokens,
            spans: &s.spans,
            labels: s.labels,
            domain: s.domain,
        })
        .collect()
}

/// Scores `model` on a Dev set: token sets by token spans, text sets by byte ranges of our
/// tokens against the gold ranges. Predictions of labels the set does not annotate are
/// ignored.
fn score(model: &Model, set: &Set, seg: &Segmenter, documents: bool) -> Counts {
    let labels = set.labels();
    let mut counts = Counts::default();
    let mut tags = Vec::new();
    let mut pred = Vec::new();
    match &set.data {
        Annotated::Tokens(sents) => {
            // Debugging: `VEILLE_NER_ERRORS=<folder>` writes the errors of each token set to
            // `<folder>/<set>.tsv` (see `dump_errors`).
            let mut dump = std::env::var_os("VEILLE_NER_ERRORS").map(|_| String::new());
            for s in sents {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                model.tag(&toks, &mut tags);
                entities::spans(&tags, &mut pred);
                pred.retain(|p| labels.contains(&p.label));
                let gold: Vec<Span> = s
                    .spans
                    .iter()
                    .map(|t| Span {
                        start: t.start,
                        end: t.end,
                        label: t.label,
                    })
                    .collect();
                counts.add(&gold, &pred);
                if let Some(out) = dump.as_mut() {
                    dump_errors(out, &toks, &gold, &pred);
                }
            }
            if let (Some(out), Some(dir)) = (dump, std::env::var_os("VEILLE_NER_ERRORS")) {
                let path = PathBuf::from(dir).join(set.name.replace('/', "_") + ".tsv");
                if let Err(e) = std::fs::write(&path, out) {
                    eprintln!("writing {}: {e}", path.display());
                }
            }
        }
        Annotated::Texts(docs) => {
            for d in docs {
                score_text(model, d, set.lang, labels, seg, documents, &mut counts);
            }
        }
    }
    counts
}

/// One line per gold or predicted mention without an exact match: kind (`miss`, `spurious`,
/// `label` for the same tokens with another label, `bounds` for overlapping tokens), gold
/// label and text, predicted label and text, the sentence with the gold mention in brackets.
fn dump_errors(out: &mut String, toks: &[&str], gold: &[Span], pred: &[Span]) {
    use std::fmt::Write;
    let text = |s: &Span| toks[s.start..s.end].join(" ");
    let overlaps = |a: &Span, b: &Span| a.start < b.end && b.start < a.end;
    let sentence = |s: &Span| {
        let mut w: Vec<String> = toks.iter().map(|t| (*t).to_owned()).collect();
        w[s.start] = format!("[{}", w[s.start]);
        w[s.end - 1] = format!("{}]", w[s.end - 1]);
        w.join(" ")
    };
    for g in gold.iter().filter(|g| !pred.contains(g)) {
        let (kind, p) = match pred.iter().find(|p| overlaps(p, g)) {
            Some(p) if p.start == g.start && p.end == g.end => ("label", Some(p)),
            Some(p) => ("bounds", Some(p)),
            None => ("miss", None),
        };
        let _ = writeln!(
            out,
            "{kind}\t{}\t{}\t{}\t{}\t{}",
            g.label.as_str(),
            text(g),
            p.map_or("-", |p| p.label.as_str()),
            p.map_or(String::new(), text),
            sentence(g)
        );
    }
    for p in pred
        .iter()
        .filter(|p| !gold.contains(p) && !gold.iter().any(|g| overlaps(p, g)))
    {
        let _ = writeln!(
            out,
            "spurious\t-\t\t{}\t{}\t{}",
            p.label.as_str(),
            text(p),
            sentence(p)
        );
    }
}

fn score_text(
    model: &Model,
    d: &TextDoc,
    lang: LangCode,
    labels: &[EntityLabel],
    seg: &Segmenter,
    documents: bool,
    counts: &mut Counts,
) {
    let (tokens, sents) = segment_text(seg, &d.text, lang);
    let mut tags = Vec::new();
    let mut pred = Vec::new();
    let words: Vec<&str> = tokens.iter().map(|r| &d.text[r.clone()]).collect();
    let mut found: Vec<Span> = Vec::new();
    let mut starts = Vec::new();
    for s in sents {
        starts.push(s.start);
        model.tag(&words[s.clone()], &mut tags);
        entities::spans(&tags, &mut pred);
        found.extend(pred.iter().map(|p| Span {
            start: p.start + s.start,
            end: p.end + s.start,
            label: p.label,
        }));
    }
    if documents {
        entities::consistency::harmonise(Some(lang), &words, &starts, &mut found);
    }
    // Byte ranges stand in for token indices: a Span over byte offsets.
    let predicted: Vec<Span> = found
        .iter()
        .filter(|p| labels.contains(&p.label))
        .map(|p| Span {
            start: tokens[p.start].start,
            end: tokens[p.end - 1].end,
            label: p.label,
        })
        .collect();
    let gold: Vec<Span> = d
        .spans
        .iter()
        .map(|t| Span {
            start: t.range.start,
            end: t.range.end,
            label: t.label,
        })
        .collect();
    counts.add(&gold, &predicted);
}

fn print_scores(model: &Model, dev: &[Set], seg: &Segmenter, prefix: &str) {
    for (set, documents) in dev
        .iter()
        .flat_map(|s| [(s, false), (s, true)])
        .filter(|(s, d)| !d || matches!(s.data, Annotated::Texts(_)))
    {
        let c = score(model, set, seg, documents);
        let name = if documents {
            format!("{} +doc", set.name)
        } else {
            set.name.clone()
        };
        let (p, r, f) = c.prf(None);
        let per: Vec<String> = set
            .labels()
            .iter()
            .map(|l| format!("{} {:.3}", l.as_str(), c.prf(Some(*l)).2))
            .collect();
        eprintln!(
            "{prefix}{:<16} P {p:.4} R {r:.4} F1 {f:.4}  ({})  gold {}",
            name,
            per.join(", "),
            c.gold.iter().sum::<usize>()
        );
    }
}

/// How many times set `name` is seen per epoch by `--repeat` (1 when not listed or malformed).
fn repeat_of(spec: Option<&str>, name: &str) -> usize {
    spec.into_iter()
        .flat_map(|s| s.split(','))
        .filter_map(|x| x.split_once('='))
        .find(|(n, _)| n.trim() == name)
        .and_then(|(_, t)| t.trim().parse::<usize>().ok())
        .map_or(1, |t| t.clamp(1, 10))
}

pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        TrainWhat::Ner(a) => run_ner(a),
    }
}

fn run_ner(a: NerArgs) -> anyhow::Result<ExitCode> {
    let lang = LangCode::parse(&a.lang)
        .filter(|l| [LangCode::FR, LangCode::EN, LangCode::RU].contains(l))
        .with_context(|| format!("--lang {:?}: expected fr, en or ru", a.lang))?;
    let (default_sets, default_epochs, default_prune, default_partial) = defaults(lang);
    let default_off = default_off(lang);
    let wanted: Option<HashSet<String>> = match a.sets.as_deref() {
        Some("all") => None,
        Some(list) => Some(list.split(',').map(|s| s.trim().to_owned()).collect()),
        None => Some(default_sets.iter().map(|s| (*s).to_owned()).collect()),
    };
    let seg = Segmenter::new();
    let t0 = Instant::now();
    let train_sets: Vec<Set> = corpora::sets(&a.data, Part::Train)
        .with_context(|| format!("reading {}", a.data.display()))?
        .into_iter()
        .filter(|s| s.lang == lang)
        .filter(|s| wanted.as_ref().is_none_or(|w| w.contains(&s.name)))
        .collect();
    if let Some(w) = &wanted {
        for name in w {
            if !train_sets.iter().any(|s| &s.name == name) {
                bail!(
                    "no training set {name:?} for {} under {}",
                    lang.as_str(),
                    a.data.display()
                );
            }
        }
    }
    if train_sets.is_empty() {
        bail!(
            "no training set for {} under {}",
            lang.as_str(),
            a.data.display()
        );
    }
    let dev_sets: Vec<Set> = corpora::sets(&a.data, Part::Dev)?
        .into_iter()
        .filter(|s| s.lang == lang)
        .collect();
    let mut owned = Vec::new();
    for set in &train_sets {
        let (sents, lost) = sentences_of(set, &seg, a.adapt, a.partial.unwrap_or(default_partial));
        let n_tok: usize = sents.iter().map(|s| s.tokens.len()).sum();
        eprintln!(
            "train {:<16} {} sentences, {} tokens, {} entities ({} gold spans not kept)",
            set.name,
            sents.len(),
            n_tok,
            sents.iter().map(|s| s.spans.len()).sum::<usize>(),
            lost
        );
        let times = repeat_of(a.repeat.as_deref(), &set.name);
        for _ in 1..times {
            owned.extend(sents.iter().map(|s| Owned {
                tokens: s.tokens.clone(),
                spans: s.spans.clone(),
                labels: s.labels,
                domain: s.domain,
            }));
        }
        owned.extend(sents);
    }
    eprintln!("read in {:.1?}", t0.elapsed());
    let opts = TrainOptions {
        epochs: a.epochs.unwrap_or(default_epochs),
        bits: a.bits,
        prune_quantile: a.prune.unwrap_or(default_prune),
        viterbi: !a.greedy,
        off: a.off.unwrap_or(default_off),
        seed: a.seed.unwrap_or(TrainOptions::default().seed),
    };
    let ex = examples(&owned);
    let t1 = Instant::now();
    let every = a.every_epoch;
    let model = train_with(lang, &ex, &opts, &mut |epoch, m| {
        eprintln!("epoch {epoch} ({:.1?})", t1.elapsed());
        if every {
            print_scores(m, &dev_sets, &seg, "  ");
        }
    });
    let bytes = model.to_bytes();
    eprintln!(
        "trained in {:.1?}: {} non-zero rows, {} bytes",
        t1.elapsed(),
        model.nonzero_rows(),
        bytes.len()
    );
    if !every {
        print_scores(&model, &dev_sets, &seg, "dev ");
    }
    if !a.dry_run {
        let out = a.out.unwrap_or_else(|| {
            PathBuf::from(format!("crates/entities/models/{}.bin", lang.as_str()))
        });
        std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
