//! Cross-document resolution ([`resolve`]) measured on gold entity links: HIPE-2022 French
//! newspapers (Wikidata ids in the NEL-LIT column) and NEREL Russian news (brat `N` lines,
//! `Reference Tn Wikidata:Q...`).
//!
//! **The path the store takes.** Each gold document becomes a [`doc::Document`] with its gold
//! mentions as the entity layer (gold spans and labels, no tagger); [`resolve::link_document`]
//! gives every mention its document-level key; mentions are grouped by (key, label) over the
//! whole set into [`resolve::NameRecord`]s with their surface forms, as the store's
//! `name_records` does; [`resolve::resolve`] merges them. A mention's cluster is the resolved
//! entity its record lands in.
//!
//! **What is scored.** Mentions with a gold id, grouped by that id (the gold entities).
//! Mentions without an id (NIL, `Wikidata:NULL`, or no link at all) stay in the documents,
//! since a tagger would find them too and they take part in linking, but are not scored: they
//! are counted as `nil` in [`ResolveSet`]. B³ precision and recall are averaged over the scored
//! mentions; pairwise precision and recall count the pairs of scored mentions put together
//! (counted per cluster × gold entity cell, never pair by pair). The baseline puts together
//! mentions with the same surface string (spaces collapsed) and label.
//!
//! **Readers** (this module's own).
//! - HIPE-2022 TSV, French sets with a NEL-LIT column (`hipe2020`, `newseye`; `letemps` has
//!   none), every file of `<set>/fr/`, each reported on its own: mentions from the
//!   NE-COARSE-LIT IOB tags, tokens joined by a space unless `NoSpaceAfter` (a line end is a
//!   space). Labels: pers → PER, org → ORG, loc → LOC, prod / HumanProd → MISC, time left
//!   out. HIPE's person mentions carry their function and title ("M. Hagenbeck, le célèbre
//!   marchand d'animaux de Hambourg"); where NE-FINE-COMP marks the name (hipe2020), the
//!   mention is cut to the name and the title just before it ("M. Hagenbeck"), what a tagger
//!   finds.
//! - NEREL brat (`dev`, `train`, each reported on its own): PERSON → PER, ORGANIZATION →
//!   ORG, CITY, COUNTRY, STATE_OR_PROVINCE, DISTRICT, LOCATION → LOC, other types left out;
//!   discontinuous spans left out; nested mentions (a city inside an organisation's name)
//!   left out, the outermost kept, as a flat tagger would give them (counted as `nested`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use doc::{Document, Entity, EntityLabel, Source, TextRange};
use serde::Serialize;

use crate::{Counts, Row};

/// One gold mention: byte range in its document, label, gold id (`None`: NIL or no link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GoldMention {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
    pub id: Option<String>,
}

/// A gold document: its text and mentions (sorted, not overlapping).
#[derive(Clone, Debug, Default)]
pub(crate) struct GoldDoc {
    pub id: String,
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

/// What was read of a set and what was left out.
#[derive(Clone, Debug, Default)]
pub(crate) struct GoldSet {
    pub docs: Vec<GoldDoc>,
    /// Nested mentions left out (inside another kept mention).
    pub nested: usize,
    /// Discontinuous mentions left out.
    pub discontinuous: usize,
}

/// Figures of one set beside its rows.
#[derive(Clone, Debug, Serialize)]
pub struct ResolveSet {
    /// The set and part.
    pub set: String,
    /// Its language.
    pub lang: String,
    /// Documents.
    pub documents: usize,
    /// Scored mentions (with a gold id).
    pub mentions: usize,
    /// Gold entities (distinct ids) among them.
    pub gold_entities: usize,
    /// Mentions without a gold id (NIL or no link): in the documents, not scored.
    pub nil: usize,
    /// Nested mentions left out.
    pub nested: usize,
    /// Discontinuous mentions left out.
    pub discontinuous: usize,
    /// Our clusters over the scored mentions.
    pub clusters: usize,
    /// The baseline's clusters over the scored mentions.
    pub baseline_clusters: usize,
}

/// Rows and set figures of `veille eval resolve`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ResolveReport {
    /// B³ and pairwise P/R/F1, ours and the baseline, per set.
    pub rows: Vec<Row>,
    /// Mentions, gold entities, what was left out, per set.
    pub sets: Vec<ResolveSet>,
}

/// B³ and pairwise scores of a clustering against the gold.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClusterScores {
    /// B³ precision, recall (averaged over mentions).
    pub b3_precision: f64,
    /// B³ recall.
    pub b3_recall: f64,
    /// Pairs: together in both (tp), only in ours (fp), only in the gold (fn).
    pub pairs: Counts,
}

impl ClusterScores {
    /// B³ F1.
    pub fn b3_f1(&self) -> f64 {
        let (p, r) = (self.b3_precision, self.b3_recall);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pairs(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// Scores `predicted` cluster ids against `gold` ids, one per mention (parallel slices).
/// Linear in the number of mentions: everything is counted over the cells of the
/// (cluster, gold entity) table.
pub fn cluster_scores<P: Ord, G: Ord>(predicted: &[P], gold: &[G]) -> ClusterScores {
    assert_eq!(
        predicted.len(),
        gold.len(),
        "one cluster and one gold id per mention"
    );
    let n = predicted.len();
    if n == 0 {
        return ClusterScores {
            b3_precision: 1.0,
            b3_recall: 1.0,
            pairs: Counts::default(),
        };
    }
    let mut cells: BTreeMap<(&P, &G), usize> = BTreeMap::new();
    let mut sizes_p: BTreeMap<&P, usize> = BTreeMap::new();
    let mut sizes_g: BTreeMap<&G, usize> = BTreeMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *cells.entry((p, g)).or_default() += 1;
        *sizes_p.entry(p).or_default() += 1;
        *sizes_g.entry(g).or_default() += 1;
    }
    let (mut precision, mut recall, mut tp) = (0.0, 0.0, 0);
    for (&(p, g), &c) in &cells {
        let c2 = (c * c) as f64;
        precision += c2 / sizes_p[p] as f64;
        recall += c2 / sizes_g[g] as f64;
        tp += pairs(c);
    }
    let predicted_pairs: usize = sizes_p.values().map(|&s| pairs(s)).sum();
    let gold_pairs: usize = sizes_g.values().map(|&s| pairs(s)).sum();
    ClusterScores {
        b3_precision: precision / n as f64,
        b3_recall: recall / n as f64,
        pairs: Counts {
            tp,
            fp: predicted_pairs - tp,
            fn_: gold_pairs - tp,
        },
    }
}

// ----- HIPE-2022 -----

fn hipe_label(tag: &str) -> Option<EntityLabel> {
    match tag.to_ascii_lowercase().as_str() {
        "pers" | "per" => Some(EntityLabel::Per),
        "org" => Some(EntityLabel::Org),
        "loc" => Some(EntityLabel::Loc),
        "prod" | "humanprod" => Some(EntityLabel::Misc),
        _ => None,
    }
}

/// One token row of a HIPE file.
struct HipeToken {
    start: usize,
    end: usize,
    coarse: String,
    comp: String,
    link: String,
}

/// Reads a HIPE-2022 TSV file into documents. `None` when the file has no NEL-LIT column
/// in use (no link anywhere).
pub(crate) fn read_hipe(content: &str) -> Result<Option<GoldSet>> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut tokens: Vec<HipeToken> = Vec::new();
    let mut current: Option<GoldDoc> = None;
    let mut columns: HashMap<String, usize> = HashMap::new();
    let mut any_link = false;
    let finish = |doc: Option<GoldDoc>, tokens: &mut Vec<HipeToken>, docs: &mut Vec<GoldDoc>| {
        if let Some(mut d) = doc {
            d.mentions = hipe_mentions(tokens);
            docs.push(d);
        }
        tokens.clear();
    };
    for (n, line) in content.lines().enumerate() {
        if line.starts_with("TOKEN\t") {
            columns = line
                .split('\t')
                .enumerate()
                .map(|(i, c)| (c.to_owned(), i))
                .collect();
            continue;
        }
        if line.starts_with('#') && !line.contains('\t') {
            if let Some(id) = line
                .strip_prefix("# hipe2022:document_id = ")
                .map(str::trim)
            {
                finish(current.take(), &mut tokens, &mut docs);
                current = Some(GoldDoc {
                    id: id.to_owned(),
                    ..GoldDoc::default()
                });
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let col = |name: &str| columns.get(name).and_then(|&i| cells.get(i)).copied();
        let (Some(token), Some(coarse)) = (col("TOKEN"), col("NE-COARSE-LIT")) else {
            anyhow::bail!("line {}: a token row before the header or too short", n + 1);
        };
        let doc = current.get_or_insert_with(GoldDoc::default);
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        let misc = col("MISC").unwrap_or("_");
        if !misc.split('|').any(|f| f == "NoSpaceAfter") {
            doc.text.push(' ');
        }
        let link = col("NEL-LIT").unwrap_or("_");
        any_link |= link != "_" && !coarse.starts_with('O');
        tokens.push(HipeToken {
            start,
            end,
            coarse: coarse.to_owned(),
            comp: col("NE-FINE-COMP").unwrap_or("_").to_owned(),
            link: link.to_owned(),
        });
    }
    finish(current.take(), &mut tokens, &mut docs);
    Ok(any_link.then_some(GoldSet {
        docs,
        nested: 0,
        discontinuous: 0,
    }))
}

/// Mentions from IOB tags; a person mention with its name marked in NE-FINE-COMP is cut to
/// the name and the title right before it.
fn hipe_mentions(tokens: &[HipeToken]) -> Vec<GoldMention> {
    let mut spans: Vec<(usize, usize, EntityLabel)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let close = |open: &mut Option<(usize, String)>, end: usize, spans: &mut Vec<_>| {
        if let Some((start, tag)) = open.take()
            && let Some(label) = hipe_label(&tag)
        {
            spans.push((start, end, label));
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        let (bio, tag) = t.coarse.split_once('-').unwrap_or((t.coarse.as_str(), ""));
        let continues = bio == "I" && open.as_ref().is_some_and(|(_, o)| o == tag);
        if !continues {
            close(&mut open, i, &mut spans);
            if bio == "B" || bio == "I" {
                open = Some((i, tag.to_owned()));
            }
        }
    }
    close(&mut open, tokens.len(), &mut spans);
    spans
        .into_iter()
        .map(|(mut a, mut b, label)| {
            let link = tokens[a].link.as_str();
            let id = (!matches!(link, "_" | "NIL" | "")).then(|| link.to_owned());
            if label == EntityLabel::Per {
                let comp = |i: usize| tokens[i].comp.split_once('-').map(|(_, c)| c);
                let names: Vec<usize> = (a..b).filter(|&i| comp(i) == Some("comp.name")).collect();
                if let (Some(&first), Some(&last)) = (names.first(), names.last()) {
                    let mut s = first;
                    while s > a && comp(s - 1) == Some("comp.title") {
                        s -= 1;
                    }
                    (a, b) = (s, last + 1);
                }
            }
            GoldMention {
                start: tokens[a].start,
                end: tokens[b - 1].end,
                label,
                id,
            }
        })
        .collect()
}

// ----- NEREL -----

fn nerel_label(t: &str) -> Option<EntityLabel> {
    match t {
        "PERSON" => Some(EntityLabel::Per),
        "ORGANIZATION" => Some(EntityLabel::Org),
        "CITY" | "COUNTRY" | "STATE_OR_PROVINCE" | "DISTRICT" | "LOCATION" => {
            Some(EntityLabel::Loc)
        }
        _ => None,
    }
}

/// Byte offset of each code point offset (and of the end).
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Reads one brat document (`.txt` and `.ann`); returns the document, nested and
/// discontinuous mentions left out.
pub(crate) fn read_nerel_doc(id: &str, text: String, ann: &str) -> Result<(GoldDoc, usize, usize)> {
    let offsets = byte_offsets(&text);
    let mut spans: HashMap<&str, (usize, usize, EntityLabel)> = HashMap::new();
    let mut links: HashMap<&str, &str> = HashMap::new();
    let mut discontinuous = 0;
    for (n, line) in ann.lines().enumerate() {
        let mut cells = line.split('\t');
        let (Some(tid), Some(body)) = (cells.next(), cells.next()) else {
            continue;
        };
        if tid.starts_with('T') {
            let mut parts = body.splitn(2, ' ');
            let (Some(kind), Some(range)) = (parts.next(), parts.next()) else {
                anyhow::bail!("{id}.ann:{}: bad entity line", n + 1);
            };
            let Some(label) = nerel_label(kind) else {
                continue;
            };
            if range.contains(';') {
                discontinuous += 1;
                continue;
            }
            let bounds: Vec<usize> = range
                .split(' ')
                .map(str::parse)
                .collect::<Result<_, _>>()
                .with_context(|| format!("{id}.ann:{}: bad offsets", n + 1))?;
            let (&[s, e], true) = (bounds.as_slice(), bounds.len() == 2) else {
                anyhow::bail!("{id}.ann:{}: bad offsets", n + 1);
            };
            let (Some(&s), Some(&e)) = (offsets.get(s), offsets.get(e)) else {
                anyhow::bail!("{id}.ann:{}: offsets beyond the text", n + 1);
            };
            if s < e {
                spans.insert(tid, (s, e, label));
            }
        } else if tid.starts_with('N') {
            let mut parts = body.split(' ');
            if let (Some("Reference"), Some(target), Some(link)) =
                (parts.next(), parts.next(), parts.next())
            {
                links.insert(target, link);
            }
        }
    }
    let mut mentions: Vec<GoldMention> = spans
        .iter()
        .map(|(tid, &(start, end, label))| {
            let id = links
                .get(tid)
                .and_then(|l| l.strip_prefix("Wikidata:"))
                .filter(|q| q.starts_with('Q'))
                .map(str::to_owned);
            GoldMention {
                start,
                end,
                label,
                id,
            }
        })
        .collect();
    // Outermost first; then by label and id so the order is deterministic.
    mentions.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.label, &a.id).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            b.label,
            &b.id,
        ))
    });
    let mut kept: Vec<GoldMention> = Vec::with_capacity(mentions.len());
    let mut nested = 0;
    for m in mentions {
        if kept.last().is_some_and(|k| m.start < k.end) {
            nested += 1;
        } else {
            kept.push(m);
        }
    }
    let doc = GoldDoc {
        id: id.to_owned(),
        text,
        mentions: kept,
    };
    Ok((doc, nested, discontinuous))
}

/// Reads a NEREL folder (`dev`, `train`).
pub(crate) fn read_nerel(dir: &Path, limit: Option<usize>) -> Result<GoldSet> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".ann"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    names.truncate(limit.unwrap_or(usize::MAX));
    let mut set = GoldSet::default();
    for name in names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt")))
            .with_context(|| format!("reading {name}.txt in {}", dir.display()))?;
        let ann = std::fs::read_to_string(dir.join(format!("{name}.ann")))
            .with_context(|| format!("reading {name}.ann in {}", dir.display()))?;
        let (doc, nested, discontinuous) = read_nerel_doc(&name, text, &ann)?;
        set.docs.push(doc);
        set.nested += nested;
        set.discontinuous += discontinuous;
    }
    Ok(set)
}

// ----- Resolution -----

/// Our cluster for every mention of every document, in order: the index of its resolved
/// entity.
pub(crate) fn our_clusters(docs: &[GoldDoc]) -> Vec<Vec<usize>> {
    let mut record_of: HashMap<(String, EntityLabel), usize> = HashMap::new();
    let mut records: Vec<resolve::NameRecord> = Vec::new();
    let mut forms: Vec<BTreeMap<String, u32>> = Vec::new();
    let mut docs_of: Vec<u32> = Vec::new();
    let mut mention_records: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
    for d in docs {
        let mut doc = Document::new(d.id.clone(), Source::default(), d.text.clone());
        doc.put_entities(
            d.mentions
                .iter()
                .map(|m| Entity {
                    range: TextRange::new(m.start, m.end),
                    label: m.label,
                })
                .collect(),
        );
        let refs = resolve::link_document(&doc);
        let mut seen: Vec<usize> = Vec::new();
        let mut ids = Vec::with_capacity(refs.len());
        for (m, r) in d.mentions.iter().zip(&refs) {
            let next = records.len();
            let i = *record_of.entry((r.key.clone(), m.label)).or_insert(next);
            if i == next {
                records.push(resolve::NameRecord {
                    key: r.key.clone(),
                    label: m.label,
                    forms: Vec::new(),
                    mentions: 0,
                    documents: 0,
                });
                forms.push(BTreeMap::new());
                docs_of.push(0);
            }
            *forms[i]
                .entry(d.text[m.start..m.end].to_owned())
                .or_default() += 1;
            records[i].mentions += 1;
            if !seen.contains(&i) {
                seen.push(i);
                docs_of[i] += 1;
            }
            ids.push(i);
        }
        mention_records.push(ids);
    }
    for ((r, f), n) in records.iter_mut().zip(forms).zip(docs_of) {
        r.forms = f.into_iter().collect();
        r.forms
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        r.documents = n;
    }
    let resolved = resolve::resolve(&records, &[]);
    let mut entity_of = vec![usize::MAX; records.len()];
    for (e, r) in resolved.iter().enumerate() {
        for &i in &r.records {
            entity_of[i] = e;
        }
    }
    mention_records
        .into_iter()
        .map(|ids| ids.into_iter().map(|i| entity_of[i]).collect())
        .collect()
}

/// The surface string with runs of white space made one space.
fn surface(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores one set: its rows and figures.
fn score_set(name: &str, lang: &str, set: &GoldSet, report: &mut ResolveReport) {
    let clusters = our_clusters(&set.docs);
    let mut ours: Vec<usize> = Vec::new();
    let mut baseline: Vec<(String, EntityLabel)> = Vec::new();
    let mut gold: Vec<&str> = Vec::new();
    let mut shown: Vec<(&str, String)> = Vec::new();
    let mut nil = 0;
    for (d, cl) in set.docs.iter().zip(&clusters) {
        for (m, &c) in d.mentions.iter().zip(cl) {
            let Some(id) = &m.id else {
                nil += 1;
                continue;
            };
            let text = surface(&d.text[m.start..m.end]);
            ours.push(c);
            baseline.push((text.clone(), m.label));
            gold.push(id);
            shown.push((id, format!("{} {}", m.label.as_str(), text)));
        }
    }
    let distinct = |v: &mut Vec<String>| {
        v.sort();
        v.dedup();
        v.len()
    };
    let gold_entities = distinct(&mut gold.iter().map(|g| (*g).to_owned()).collect());
    let n_ours = distinct(&mut ours.iter().map(usize::to_string).collect());
    let n_base = distinct(&mut baseline.iter().map(|(t, l)| format!("{l:?} {t}")).collect());
    let set_name = name.to_owned();
    for (label, scores) in [
        ("ours", cluster_scores(&ours, &gold)),
        ("exact", cluster_scores(&baseline, &gold)),
    ] {
        report.rows.push(
            Row::new(
                "resolve",
                &set_name,
                lang,
                "b3",
                label,
                ours.len(),
                Counts::default(),
            )
            .with_scores(scores.b3_precision, scores.b3_recall, scores.b3_f1()),
        );
        report.rows.push(Row::new(
            "resolve",
            &set_name,
            lang,
            "pairwise",
            label,
            ours.len(),
            scores.pairs,
        ));
    }
    report.sets.push(ResolveSet {
        set: set_name.clone(),
        lang: lang.to_owned(),
        documents: set.docs.len(),
        mentions: ours.len(),
        gold_entities,
        nil,
        nested: set.nested,
        discontinuous: set.discontinuous,
        clusters: n_ours,
        baseline_clusters: n_base,
    });
    if std::env::var_os("VEILLE_EVAL_VERBOSE").is_some() {
        eprint!("{}", errors(&set_name, &ours, &gold, &shown));
    }
}

/// The worst merged clusters (most wrong pairs) and split gold entities (most missed pairs),
/// with their forms.
fn errors(set: &str, ours: &[usize], gold: &[&str], shown: &[(&str, String)]) -> String {
    let mut by_cluster: BTreeMap<usize, BTreeMap<&str, BTreeMap<&str, usize>>> = BTreeMap::new();
    let mut by_gold: BTreeMap<&str, BTreeMap<usize, BTreeMap<&str, usize>>> = BTreeMap::new();
    for ((&c, &g), (_, form)) in ours.iter().zip(gold).zip(shown) {
        *by_cluster
            .entry(c)
            .or_default()
            .entry(g)
            .or_default()
            .entry(form)
            .or_default() += 1;
        *by_gold
            .entry(g)
            .or_default()
            .entry(c)
            .or_default()
            .entry(form)
            .or_default() += 1;
    }
    fn wrong<K>(parts: &BTreeMap<K, BTreeMap<&str, usize>>) -> usize {
        let sizes: Vec<usize> = parts.values().map(|f| f.values().sum()).collect();
        let total: usize = sizes.iter().sum();
        pairs(total) - sizes.iter().map(|&s| pairs(s)).sum::<usize>()
    }
    fn list<K: std::fmt::Display>(parts: &BTreeMap<K, BTreeMap<&str, usize>>) -> String {
        parts
            .iter()
            .map(|(k, forms)| {
                let f: Vec<String> = forms.iter().map(|(f, n)| format!("{f}×{n}")).collect();
                format!("[{k}: {}]", f.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
    let limit: usize = std::env::var("VEILLE_EVAL_VERBOSE")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 1)
        .unwrap_or(25);
    let mut out = String::new();
    let mut merged: Vec<_> = by_cluster.iter().filter(|(_, p)| p.len() > 1).collect();
    merged.sort_by_key(|(c, p)| (std::cmp::Reverse(wrong(p)), **c));
    out.push_str(&format!("== {set}: merged ({} clusters)\n", merged.len()));
    for (_, parts) in merged.iter().take(limit) {
        out.push_str(&format!("  {:>5} {}\n", wrong(parts), list(parts)));
    }
    let mut split: Vec<_> = by_gold.iter().filter(|(_, p)| p.len() > 1).collect();
    split.sort_by_key(|(g, p)| (std::cmp::Reverse(wrong(p)), **g));
    out.push_str(&format!(
        "== {set}: split ({} gold entities)\n",
        split.len()
    ));
    for (g, parts) in split.iter().take(limit) {
        out.push_str(&format!("  {:>5} {g} {}\n", wrong(parts), list(parts)));
    }
    out
}

/// `veille eval resolve`: every French HIPE-2022 file with links and NEREL `dev` and `train`,
/// at most `limit` documents of each.
pub fn resolution(dir: &Path, limit: Option<usize>) -> Result<ResolveReport> {
    let mut report = ResolveReport::default();
    let hipe = dir.join("ner-hipe2022");
    for dataset in ["hipe2020", "letemps", "newseye"] {
        let fr = hipe.join(dataset).join("fr");
        if !fr.is_dir() {
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(&fr)
            .with_context(|| format!("reading {}", fr.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect();
        files.sort();
        for path in files {
            let content = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let Some(mut set) =
                read_hipe(&content).with_context(|| format!("reading {}", path.display()))?
            else {
                eprintln!("veille: {} has no entity links, skipped", path.display());
                continue;
            };
            set.docs.truncate(limit.unwrap_or(usize::MAX));
            let file = path
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or_default();
            let part = file
                .strip_prefix(&format!("HIPE-2022-v2.1-{dataset}-"))
                .and_then(|f| f.strip_suffix("-fr.tsv"))
                .unwrap_or(file);
            score_set(
                &format!("ner-hipe2022/{dataset}/fr {part}"),
                "fr",
                &set,
                &mut report,
            );
        }
    }
    let nerel = dir.join("ner-nerel");
    for part in ["dev", "train"] {
        let folder = nerel.join(part);
        if folder.is_dir() {
            let set = read_nerel(&folder, limit)?;
            score_set(&format!("ner-nerel {part}"), "ru", &set, &mut report);
        }
    }
    anyhow::ensure!(
        !report.sets.is_empty(),
        "no HIPE-2022 or NEREL set with entity links in {}",
        dir.display()
    );
    Ok(report)
}

/// The set figures as an aligned table.
pub fn resolve_sets_table(sets: &[ResolveSet]) -> String {
    let mut out = format!(
        "{:<44} {:<5} {:>6} {:>8} {:>8} {:>6} {:>7} {:>8} {:>9}\n",
        "set", "lang", "docs", "mentions", "entities", "nil", "nested", "clusters", "baseline"
    );
    for s in sets {
        out.push_str(&format!(
            "{:<44} {:<5} {:>6} {:>8} {:>8} {:>6} {:>7} {:>8} {:>9}\n",
            s.set,
            s.lang,
            s.documents,
            s.mentions,
            s.gold_entities,
            s.nil,
            s.nested,
            s.clusters,
            s.baseline_clusters
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Five mentions; gold {1,2,3} {4,5}; ours {1,2} {3,4,5}.
    /// B³ precision: mentions 1, 2: 2/2; 3: 1/3; 4, 5: 2/3 → (1 + 1 + 1/3 + 2/3 + 2/3)/5 = 11/15.
    /// B³ recall: 1, 2: 2/3; 3: 1/3; 4, 5: 2/2 → (2/3 + 2/3 + 1/3 + 1 + 1)/5 = 11/15.
    /// Pairs: ours {12, 34, 35, 45}, gold {12, 13, 23, 45}: tp 2 (12, 45), fp 2, fn 2.
    #[test]
    fn scores_by_hand() {
        let ours = [1, 1, 2, 2, 2];
        let gold = ["a", "a", "a", "b", "b"];
        let s = cluster_scores(&ours, &gold);
        assert!(close(s.b3_precision, 11.0 / 15.0), "{s:?}");
        assert!(close(s.b3_recall, 11.0 / 15.0), "{s:?}");
        assert!(close(s.b3_f1(), 11.0 / 15.0), "{s:?}");
        assert_eq!(
            s.pairs,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 2
            }
        );
        // Everything in one cluster: precision (3·3/5 + 2·2/5)/5 = 13/25, recall 1.
        let one = cluster_scores(&[0; 5], &gold);
        assert!(close(one.b3_precision, 13.0 / 25.0), "{one:?}");
        assert!(close(one.b3_recall, 1.0), "{one:?}");
        assert_eq!(
            one.pairs,
            Counts {
                tp: 4,
                fp: 6,
                fn_: 0
            }
        );
        // Singletons: precision 1, recall (3·1/3 + 2·1/2)/5 = 2/5; no pair predicted.
        let single = cluster_scores(&[0, 1, 2, 3, 4], &gold);
        assert!(close(single.b3_precision, 1.0), "{single:?}");
        assert!(close(single.b3_recall, 0.4), "{single:?}");
        assert_eq!(
            single.pairs,
            Counts {
                tp: 0,
                fp: 0,
                fn_: 4
            }
        );
        assert!(close(single.pairs.precision(), 1.0));
        // Perfect.
        let perfect = cluster_scores(&["x", "x", "x", "y", "y"], &gold);
        assert!(close(perfect.b3_f1(), 1.0));
        assert_eq!(
            perfect.pairs,
            Counts {
                tp: 4,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn hipe_reader_cuts_person_mentions_to_the_name() {
        let tsv = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n\
# hipe2022:document_id = d1\n\
Le\tO\tO\tO\tO\tO\tO\t_\t_\t_\n\
M\tB-pers\tO\tB-pers.ind\tO\tB-comp.title\tO\tQ1\t_\tNoSpaceAfter\n\
.\tI-pers\tO\tI-pers.ind\tO\tI-comp.title\tO\tQ1\t_\tEndOfLine\n\
Dupont\tI-pers\tO\tI-pers.ind\tO\tB-comp.name\tO\tQ1\t_\tNoSpaceAfter\n\
,\tI-pers\tO\tI-pers.ind\tO\tO\tO\tQ1\t_\t_\n\
maire\tI-pers\tO\tI-pers.ind\tO\tB-comp.function\tO\tQ1\t_\t_\n\
de\tO\tO\tO\tO\tO\tO\t_\t_\t_\n\
Lyon\tB-loc\tO\tB-loc\tO\tO\tO\tNIL\t_\tNoSpaceAfter\n\
.\tO\tO\tO\tO\tO\tO\t_\t_\t_\n";
        let set = read_hipe(tsv).expect("reads").expect("has links");
        assert_eq!(set.docs.len(), 1);
        let d = &set.docs[0];
        let got: Vec<(&str, EntityLabel, Option<&str>)> = d
            .mentions
            .iter()
            .map(|m| (&d.text[m.start..m.end], m.label, m.id.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("M. Dupont", EntityLabel::Per, Some("Q1")),
                ("Lyon", EntityLabel::Loc, None)
            ]
        );
    }

    #[test]
    fn nerel_reader_keeps_the_outermost_and_reads_links() {
        let text = "Президент США Дональд Трамп.".to_owned();
        let ann = "T1\tORGANIZATION 0 13\tПрезидент США\nT2\tCOUNTRY 10 13\tСША\n\
T3\tPERSON 14 27\tДональд Трамп\nT4\tPROFESSION 0 9\tПрезидент\n\
N1\tReference T2 Wikidata:Q30\tСША\nN2\tReference T3 Wikidata:Q22686\tДональд Трамп\n\
N3\tReference T1 Wikidata:NULL\t\n";
        let (d, nested, discontinuous) = read_nerel_doc("x", text, ann).expect("reads");
        assert_eq!((nested, discontinuous), (1, 0));
        let got: Vec<(&str, Option<&str>)> = d
            .mentions
            .iter()
            .map(|m| (&d.text[m.start..m.end], m.id.as_deref()))
            .collect();
        assert_eq!(
            got,
            [("Президент США", None), ("Дональд Трамп", Some("Q22686"))]
        );
    }

    fn eval_dir() -> Option<std::path::PathBuf> {
        let dir = std::env::var_os("VEILLE_EVAL_DATA").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"),
            std::path::PathBuf::from,
        );
        dir.is_dir().then_some(dir)
    }

    /// The tables of `veille eval resolve` without the command line (`VEILLE_EVAL_VERBOSE=1`
    /// for the errors): `cargo test --release -p eval resolve_rows -- --ignored --nocapture`.
    #[test]
    #[ignore = "reads ../shared/eval; slow"]
    fn resolve_rows() {
        let Some(dir) = eval_dir() else {
            return;
        };
        let limit = std::env::var("VEILLE_EVAL_LIMIT")
            .ok()
            .and_then(|v| v.parse().ok());
        let report = resolution(&dir, limit).expect("resolve eval");
        println!("{}", crate::table(&report.rows));
        println!("{}", resolve_sets_table(&report.sets));
    }

    /// Counts of SOURCE.md: HIPE-2022 coarse B- tags (pers, org, loc, prod of hipe2020 fr dev;
    /// PER, ORG, LOC, HumanProd of newseye fr dev) and NEREL dev documents.
    #[test]
    fn readers_agree_with_source_counts() {
        let Some(dir) = eval_dir() else {
            eprintln!("../shared/eval absent: skipped");
            return;
        };
        let count = |path: &Path| -> Option<[usize; 4]> {
            let content = std::fs::read_to_string(path).ok()?;
            let set = read_hipe(&content).expect("reads")?;
            let mut n = [0; 4];
            for m in set.docs.iter().flat_map(|d| &d.mentions) {
                n[EntityLabel::ALL
                    .iter()
                    .position(|l| *l == m.label)
                    .expect("label")] += 1;
            }
            Some(n)
        };
        let hipe = dir.join("ner-hipe2022");
        if let Some(n) = count(&hipe.join("hipe2020/fr/HIPE-2022-v2.1-hipe2020-dev-fr.tsv")) {
            assert_eq!(n, [679, 159, 774, 49], "hipe2020 fr dev");
        }
        if let Some(n) = count(&hipe.join("newseye/fr/HIPE-2022-v2.1-newseye-dev-fr.tsv")) {
            assert_eq!(n, [293, 113, 335, 11], "newseye fr dev");
        }
        let content =
            std::fs::read_to_string(hipe.join("newseye/fr/HIPE-2022-v2.1-newseye-dev2-fr.tsv"));
        if let Ok(content) = content {
            let set = read_hipe(&content).expect("reads").expect("links");
            assert_eq!(set.docs.len(), 35, "newseye fr dev2 documents");
        }
        if let Ok(content) =
            std::fs::read_to_string(hipe.join("letemps/fr/HIPE-2022-v2.1-letemps-dev-fr.tsv"))
        {
            assert!(
                read_hipe(&content).expect("reads").is_none(),
                "letemps has no links"
            );
        }
        let dev = dir.join("ner-nerel/dev");
        if dev.is_dir() {
            let set = read_nerel(&dev, None).expect("reads");
            assert_eq!(set.docs.len(), 94, "NEREL dev documents");
            // PERSON 947, ORGANIZATION 617, COUNTRY 355, CITY 208, STATE_OR_PROVINCE 98,
            // LOCATION 64, DISTRICT 18: every one read, kept, nested or discontinuous.
            let kept = set.docs.iter().map(|d| d.mentions.len()).sum::<usize>();
            assert_eq!(
                kept + set.nested + set.discontinuous,
                2307,
                "NEREL dev mentions read"
            );
        }
    }
}
