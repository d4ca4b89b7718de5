//! Named entities (PER, ORG, LOC, MISC): a statistical sequence tagger trained by
//! `veille train ner`, its models, and the stage that adds [`doc::Layer::Entities`].
//!
//! # What
//!
//! - [`Model::for_lang`] gives the built-in model of French, English or Russian
//!   (`models/{fr,en,ru}.bin`, embedded with `include_bytes!`, parsed once on first use).
//!   [`Model::tag`] tags one sentence of tokens with BIO [`Tag`]s; [`spans`] turns them into
//!   token spans with their [`doc::EntityLabel`].
//! - [`TagEntities`] is the stage: it tags every sentence of a document, then applies the
//!   document-level rules of [`consistency`] (name parts, acronyms, one label per string).
//! - [`train`] trains a model (`veille train ner`), see the model cards `models/*.md`.
//!
//! # Key decisions
//!
//! - **Averaged structured perceptron, first-order Viterbi** over BIO tags (an `I-X` only
//!   after `B-X`/`I-X`), the previous tag as a feature alone and with the word, its shape
//!   and the next word.
//!   Measured against a greedy left-to-right decoder with the two previous tags (still
//!   available, `TrainOptions::viterbi = false`): +3 to +5 F1 on every Dev set, for half the
//!   speed. Per token: 34 to 43 lookups for the tag-independent features, three per
//!   previous tag (the rows of one word for the nine previous tags are neighbours in the
//!   table); the features of the previous tag alone are summed once per sentence. 0.45–1.2 M
//!   tokens a second on one (shared) core, Russian (every feature group) the slowest.
//!   Training and tagging share the decoder.
//! - **Hashed features** (`features`): lowercased word with digits as `0`, word shape and
//!   short shape, prefixes and suffixes of 1–4 characters, capitalisation in context (title
//!   case, all caps, first in the sentence, written in lower case elsewhere in the sentence),
//!   script (Latin, Cyrillic, mixed), length, the words and shapes at ±1 and ±2 and some of
//!   their pairs, the previous tags with the word and shape. Per-token attributes are hashed
//!   once per sentence into reused buffers; at most 64 characters of a token are read, so bad
//!   input costs the same as good input.
//!   Feature version 4 adds five groups, each of which a model may leave out (its byte of
//!   groups left out, chosen per language by measurement, see the cards): the **stem** (the
//!   lowercased word without its Russian case ending, `gazetteer::ru_stem`: "Москве" →
//!   "москв"), the **stem memory** (the name memory matched on stems), the **gazetteer** (place
//!   names of the `gazetteer` crate matched longest-first from capitalised tokens, with their
//!   kind, and demonyms; looked up once per sentence, lower-case short words are never looked
//!   up), the **previous word with the ending** (`в` + `-е`: preposition and case) and the
//!   **stems of the neighbours**. Russian uses all five (WikiNEuRal dev 0.740 → 0.758,
//!   NEREL 0.785 → 0.803, factRuEval 0.830 → 0.841); French leaves them all out, English
//!   keeps the stem memory and the previous word with the ending (measured, see the cards).
//!   A group that finds nothing (no memory or gazetteer match) adds no lookup.
//!   Feature version 5 adds two groups: **word clusters** (`data/clusters/<lang>.txt`, 1 000
//!   classes computed by `corpora::clusters` from unlabelled text in no Dev part: the word's
//!   class, its neighbours', the class with the capitalisation) and **cues** (`data/cues.txt`:
//!   an organisation, person or place noun one to three words before, "la société", "the
//!   group", "компания"; an organisation ending later in the run of capitalised words,
//!   "Amnesty International"). See the cards for what each language keeps.
//!   Feature version 6 adds the **context of a run of capitalised words** (Russian only so
//!   far): the stem of the nearest lower-case word before the run, across list separators
//!   ("поэтов Катулла и Овидия"), and the memory and gazetteer codes of the neighbouring list
//!   items ("Эфес и Пергам"); a feature only on the tokens of such a run.
//! - **Name memory** (`memory`): the mentions of the training data (≤ 6 tokens, exact case)
//!   with their most frequent label are stored in the model and matched longest-first; the
//!   match (label and position) is a feature. During training each sentence sees a memory
//!   built without its own fifth of the data, so the weights learn how far to trust it
//!   (+1.1 F1 on French WikiNEuRal dev with the greedy decoder).
//!   The memory also marks the tokens that start some mention, so that a token starting
//!   none costs one probe instead of six (it was a fifth of the tagging time for Russian).
//! - **Partial labels** (`Example::labels`): on a set that does not annotate a label (NEREL
//!   has no MISC) the training decoder may not predict that label, so it is neither learnt
//!   nor unlearnt there. Merely not penalising such predictions let MISC spread over
//!   Russian. Measured per language: kept for Russian and English, not for French (where
//!   taking Europeana's O as a true O scored better on every Dev set).
//! - **Domains** (optional, `Example::domain`): a domain-specific copy of the features, not
//!   saved. It helped Wikipedia with the greedy decoder when the historical newspapers were
//!   added; with Viterbi it hurts everywhere, so the default training does not use it.
//! - **Compact models**: rows of the 2^20-row hashed table are centred and stored as `i8`
//!   with a per-row power-of-two scale (within 0.05 of the averaged weight, else as `f32`);
//!   empty rows are skipped, indices delta-coded. The format has a magic, versions, the
//!   language, lengths and an FNV-1a checksum; malformed bytes are an error, never a panic.
//!   **In memory** the table is decoded to `f32` (38 MB for 2^20 rows). Two compact
//!   layouts were measured and dropped: the `i8` rows with their scale as stored (10.5 MB)
//!   and the decoded non-empty rows behind a `u32` index (14–15 MB); both tagged 20–40 %
//!   slower on one shared core (the conversions, or the extra indirection, cost more than
//!   the cache misses saved), which Russian, at 0.5 M tokens/s, cannot afford.

pub mod consistency;
mod features;
mod memory;
mod model;
pub mod train;

use std::sync::OnceLock;

use doc::{Diagnostic, Document, Entity, LangCode, Layer, Stage, TextRange};

pub use model::{Model, ModelError, N_TAGS, Scratch, Span, Tag, spans, tags_of};

static FR: &[u8] = include_bytes!("../models/fr.bin");
static EN: &[u8] = include_bytes!("../models/en.bin");
static RU: &[u8] = include_bytes!("../models/ru.bin");

/// The model bytes built into the crate for `lang`, if any.
pub fn model_bytes(lang: LangCode) -> Option<&'static [u8]> {
    match lang {
        LangCode::FR => Some(FR),
        LangCode::EN => Some(EN),
        LangCode::RU => Some(RU),
        _ => None,
    }
}

/// The built-in model for `lang`, parsed on first use; `None` for a language without one
/// (or if the built-in bytes do not parse).
pub fn model_for(lang: LangCode) -> Option<&'static Model> {
    static CELLS: [OnceLock<Option<Model>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = match lang {
        LangCode::FR => 0,
        LangCode::EN => 1,
        LangCode::RU => 2,
        _ => return None,
    };
    CELLS[i]
        .get_or_init(|| model_bytes(lang).and_then(|b| Model::from_bytes(b).ok()))
        .as_ref()
}

impl Model {
    /// The built-in model for `lang` (see [`model_for`]).
    pub fn for_lang(lang: LangCode) -> Option<&'static Model> {
        model_for(lang)
    }
}

/// The stage: tags each sentence with the language's model, then applies the
/// document-level rules of [`consistency`]. A language without a model gets an empty layer
/// and a diagnostic.
#[derive(Debug, Default)]
pub struct TagEntities;

impl TagEntities {
    /// The stage; models are parsed on first use.
    pub fn new() -> TagEntities {
        TagEntities
    }

    /// The mentions of `doc` over its token indices.
    fn mentions(model: &Model, doc: &Document) -> Vec<Span> {
        let (Some(tokens), Some(sentences)) = (doc.tokens(), doc.sentences()) else {
            return Vec::new();
        };
        let text = doc.text();
        let words: Vec<&str> = tokens
            .iter()
            .map(|t| text.get(t.range.start()..t.range.end()).unwrap_or(""))
            .collect();
        let mut starts = Vec::with_capacity(sentences.len());
        let mut all = Vec::new();
        let mut tags = Vec::new();
        let mut found = Vec::new();
        for s in sentences {
            let a = tokens.partition_point(|t| t.range.start() < s.start());
            let b = tokens.partition_point(|t| t.range.start() < s.end());
            if a >= b {
                continue;
            }
            starts.push(a);
            model.tag(&words[a..b], &mut tags);
            spans(&tags, &mut found);
            all.extend(found.iter().map(|x| Span {
                start: x.start + a,
                end: x.end + a,
                label: x.label,
            }));
        }
        consistency::harmonise(Some(model.lang()), &words, &starts, &mut all);
        all
    }
}

impl Stage for TagEntities {
    fn name(&self) -> &'static str {
        "entities.v1"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Sentences, Layer::Tokens]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn run(&self, doc: &mut Document) {
        let lang = doc.lang_code();
        let Some(model) = lang.and_then(Model::for_lang) else {
            let what = lang.map_or("an unknown language".to_owned(), |l| {
                format!("language {:?}", l.as_str())
            });
            doc.diagnostics.push(Diagnostic::new(
                self.name(),
                format!("no entity model for {what}: no entities tagged"),
            ));
            doc.put_entities(Vec::new());
            return;
        };
        let found = TagEntities::mentions(model, doc);
        let entities = match doc.tokens() {
            Some(tokens) => found
                .iter()
                .map(|s| Entity {
                    range: TextRange::new(
                        tokens[s.start].range.start(),
                        tokens[s.end - 1].range.end(),
                    ),
                    label: s.label,
                })
                .collect(),
            None => Vec::new(),
        };
        doc.put_entities(entities);
    }
}
