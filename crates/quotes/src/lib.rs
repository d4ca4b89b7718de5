//! Quotes with their speakers and cues, and quantified claims with their sources.
//!
//! # What
//!
//! [`detect`] is a pure function of the text and its token and sentence layers (and the
//! entities layer when there is one): direct quotes between marks or after a dialogue dash,
//! and reported speech, each with its cue (the reporting words) and speaker. [`claims`]
//! gives each cardinal quantity the source its sentence attributes it to. [`TagQuotes`] and
//! [`TagClaims`] are the stages.
//!
//! # Key decisions
//!
//! - **Marks are paired in one pass** (`marks`): each mark's role comes from its context
//!   (white space or an opening bracket before and a letter after opens; the reverse closes),
//!   its glyph breaking ties (« „ ‹ open, » › close; " “ ” toggle). Two apostrophes ('') are
//!   one double mark, as some wires write quotes. A closer takes the nearest opener of its
//!   family among the top three of the stack, so mismatched scraped pairs (” … », « … ”, „ …
//!   “) pair. Only outermost pairs are quotes; a trailing comma inside the marks is the
//!   narration's and is left out. Apostrophes inside words are not marks. Quotes never
//!   cross a line break, except by the convention of quotes over several paragraphs (a
//!   paragraph left open, the next opening with a mark of the same family): each paragraph
//!   is then a piece of the quote, the pieces sharing one cue and speaker. A pair holding
//!   more than 10 000 bytes, an opener left open at the end of its paragraph and nesting
//!   deeper than 16 are dropped (the first and last with a diagnostic): the pass is linear
//!   whatever the marks.
//! - **Dialogue lines** open with a dash and white space; their segments between spaced
//!   dashes alternate words said and narration ("— Да, — сказал он, — я приду."); narration
//!   after a comma is split off too ("— Nous partirons demain, dit-elle."). A dialogue line
//!   with no cue and none carried over is a list item, not a quote.
//! - **Cues** are reporting verbs and attribution phrases from `data/{fr,en,ru}.txt` (with
//!   belief and intent verbs: "veut", "намерен"; and for English the forms learned from
//!   PolNeAR's train part in `data/en-learned.txt` by `examples/learn_cues.rs`, which says
//!   how: words found in a gold cue at least 4 times and in 25% of their occurrences; a learned
//!   form no hand-written list has is weak: no cue after a determiner, "a statement", nor
//!   capitalised inside a sentence, "the State Department"; a function word is never one), every
//!   inflected form written out, matched over normalised tokens (lower case, straight
//!   apostrophes, "ё" as "е") whatever the segmenter's split; a cue takes in auxiliaries and
//!   adverbs before the verb ("a également déclaré", "has also said") and inverted pronouns
//!   ("a-t-il déclaré", "raconte-t-il"). A direct quote's cue is looked for right after the
//!   closing mark (within 5 words: "», a-t-il déclaré", "” said Caddell", "” Trump told
//!   CNN"; 16 when the speaker has an apposition: "” Mr. Conant, the Republican consultant,
//!   said"; 10 when the words between read as one long name, capitalised words, titles and
//!   "of"/"for"/"at"/"in", no clause word or verb form: "” former Gov. Jeb Bush of Florida
//!   said"; a possessive apostrophe is part of the phrase: "” Jeff Weaver, Sanders’ campaign
//!   manager, said"; not after a quote ending with a full stop when the cue has its own object
//!   and quote: "“unhinged.” Sen. Marco Rubio called the statement “…”"), also in the next sentence when the quote closes its own and the cue closes that
//!   one (at most 5 words after it besides the speaker: "…?” Rubio said.", not "…
//!   “ongoing.” He said the FBI has not commented on …"; or only a circumstance of saying
//!   after it, a preposition or a comma with no complementizer, colon or quotation mark in
//!   the rest of the sentence: "…?” Trump said of Apple in February, when …"); a hyphen or
//!   an ampersand inside a word belongs to the speaker phrase ("the 43-year-old", "P&G");
//!   (not after a conjunction right after the mark: "“a con” and encouraged"; a participle
//!   there, "“…,” adding", yields to a verb right before the opening mark, "said: “…”");
//!   else before the opening mark in its sentence (the nearest; but when that one stands in
//!   the clause of an earlier `[bare]`/`[tell]` verb of the hand-written list with no comma
//!   between, save one right after that verb, the earlier verb: "Ditto said she expects the
//!   campaign “to …”"; such a cue, with words between it and the mark, also reports the
//!   clause up to the mark when that reads as one, PolNeAR's content); else a line opening with a
//!   short name and a colon, as headlines attribute ("Kerry: “By law, …”": the colon is the
//!   cue, the name the speaker); else in a previous sentence
//!   ending with a colon ("Caddell continued:"); else it is carried over from the previous
//!   quote of the run: in the same paragraph, or opening the next paragraph when the previous
//!   quote ended its own. An interrupted quote ("« … », a-t-il dit, « … »") gives both
//!   pieces the same cue.
//!   A quote opening its line and signed after a dash, as epigraphs, pull quotes and lists
//!   of testimonies are ("“…” ― Carla Sanchez.", "« … » — Alfred de Musset"), has the dash
//!   for cue and the name (1 to 5 capitalised words, then the line's end, a full stop or a
//!   comma) for speaker; this is looked for first.
//! - **The English cue classifier** (`cuemodel`, `data/en-cues.txt`, trained by
//!   `examples/train_cues.rs` on PolNeAR train): an averaged perceptron over hashed features
//!   of a word and its neighbours (word, suffixes, shapes, lexicon flags, a complementizer,
//!   colon, comma, quotation mark or "to" after it, a name or pronoun before it, its place in
//!   the sentence) adds cues no lexicon has ("view", "distrust"); such a cue reports its
//!   object up to the next punctuation ("Critics view the deal as a giveaway"), one word
//!   being enough, but not a document with a cue of its own ("drafted a statement saying
//!   …": "saying" reports), and never attributes a direct quote. A lexicon word capitalised after a
//!   capitalised word and before a lower-case one ends a name ("the Washington Post
//!   reported"): no cue. Before a quote's opening mark the nearest cue of the hand-written
//!   lists wins over a nearer learned one (the quote is the reporter's: "Cruz said Rubio
//!   remembered being “…”").
//! - **Scare quotes**: quoted text of at most 4 words is a term, not speech, unless a cue
//!   stands right by it (starting within 5 words after the closing mark when punctuation
//!   sets the quote off, "“Good,” he said", not "“sexist” attacks", or before the
//!   opening one with only punctuation or a complementizer between), it holds a clause word
//!   (a subject pronoun, an auxiliary, a negation: data `[clause]`) or sentence punctuation.
//!   Quoted text with no cue of its own or carried over is dropped when it is that short
//!   (titles, slogans) and kept without speaker otherwise. After a possessive or a
//!   determiner such a short quote is a name even with a cue after it ("on the network’s
//!   “Morning Report,” Senator Okafor said the bill …": "said" reports its own clause).
//!   So a partial quote of two or three
//!   plain words ("a dénoncé une « guerre totale »") reads as a term: the rule cannot tell
//!   them apart.
//! - **Reported speech** (kind indirect): a verb closing its sentence after a comma ("…,
//!   Trump said.", "…, a-t-il estimé.", "…, said Ms. Gil."; an inverted subject has at most 5
//!   words, and may carry an apposition or a relative clause: "…, said an American official
//!   who was briefed …") reports what comes before the comma (or after it, when longer and
//!   the subject is not inverted: "In particular, he said, the foundation …"; not when a
//!   participle or a preposition of occasion follows the comma: "…, Spicer said, adding
//!   …", "…, he said, on condition of anonymity"); the verb still closes its sentence when only an addressee
//!   or the place and occasion of saying follow, and at least 5 words precede ("…, a
//!   spokesman told The Wall Street Journal.", "…, he said on Tuesday in an interview.", the
//!   occasion's noun with its own prepositions: "…, she said in a letter to the workers."; a
//!   verb of telling takes any noun phrase for addressee: "…, she told a Senate panel."). A
//!   subject read back to the comma may be a whole noun phrase with prepositions, "and",
//!   object pronouns and possessives, at most 10 tokens ("…, a source close to him said.",
//!   "…, teachers and union officials told POLITICO.", "…, the congressional report
//!   said."), with no auxiliary, clause word, complementizer, relative or subject pronoun,
//!   no verb form but a head noun, no determiner but at its start or after a preposition,
//!   not a list's last item ("Ohio and Pennsylvania all supported Bush"), and not for a
//!   learned, passive or raising cue nor one after a preposition ("secretary of state");
//!   such a subject closes with an object only for a verb of telling. A phrase before the
//!   cue holding an auxiliary is a clause, not a subject ("…, the agency has not been using
//!   social media references, officials said": the learned "references" closes nothing,
//!   "said" does); a verb with a complementizer within 8 tokens (16 when a comma sets it off: "said Thursday during a taping …, New York, that"), before any
//!   subject or verb ("a déclaré que", "told reporters that", "заявил, что") reports the rest
//!   of the sentence, complementizer included (PolNeAR's convention), with no subject too
//!   ("Asked whether he would run, …"); "asked" reports its question up to the next comma
//!   ("Asked if the comments rattled them, …", "asked at a briefing about …"); "X said:"
//!   likewise; so does a comma right after the verb (and its addressee) followed by a
//!   clause ("The mayor says, rain or shine, the parade …", "Instead, Lopez told NPR, the
//!   fund would …");
//!   verbs listed `[bare]` ("said", "affirme", "criticized") report a clause that follows
//!   them directly, verbs of telling (`[tell]`) after their addressee ("told the AP her
//!   group …": a word such as "reporters", or a determiner and capitalised words); verbs
//!   listed `[to]` (learned: "vowed", "refused") an infinitive ("to repeal the law"); a
//!   headline "Graham: Trump's Rhetoric …" the rest of its line; a sentence opening with a
//!   preposition and a source noun up to a comma ("In the same poll, Obama was winning …",
//!   data `[in]`, `[source]`) the rest of its sentence, when no reporting verb follows.
//!   An attribution phrase ("selon X,", "according to X", "по данным X") reports the rest
//!   of its sentence (the side without the source; after a short opening between commas,
//!   the side after it: "In addition, according to the department, nearly nine million
//!   …"). Reported content stops at a quote kept
//!   as speech (direct quotes win; it runs over quoted terms: "said the U.S. “clearly”
//!   needed …"), before a later clause with its own cue ("…, the candidate said …") and
//!   before a coordinated reporting verb ("… told the AP her group never worked with him and
//!   said the group …": that verb reports its own clause, the sentence's subject its
//!   speaker) and before a second speaker's cue after "and", "but", "while" ("… about the
//!   community and one in four said the party …"; not names joined, "when Cruz and Rubio
//!   implied"); longer than 10 000 bytes it is dropped with a diagnostic. An English
//!   participle right after a common noun and before "by" is a reduced relative, no cue ("a
//!   report released by the committee"), unless a reporting verb proper ("said", "told",
//!   "quoted", "cited", "asked"). A one-word verb form of the hand-written lists right after
//!   a determiner or a possessive is a noun: a cue only with a complement ("his attacks on",
//!   "her claim that", "his promise to"; not "the attack in Orlando", "Editor's note", nor
//!   before a relative clause, "the state that helped"), never as a participle ("the
//!   proposed rule"). A base form of the lists ("attack", "call": the lexicon has its
//!   "-s") after a singular word that is no pronoun, auxiliary, modal, "to", number,
//!   quantifier, function word or "-ly" adverb, and before punctuation, a preposition of
//!   place or time or an auxiliary, is a noun after its modifier: no cue ("a terrorist
//!   attack in Paris", "a conference call with donors", "faces a huge challenge."; not
//!   "two in five say", "a clarion call for"). "As X reported, …" reports the clause after the
//!   comma.
//! - **Speakers**: an inverted pronoun in the cue; none for a raising verb ("it seemed",
//!   data `[raising]`) or a noun cue after an article ("including a call for", `[article]`);
//!   for a passive cue ("was declared", "has been criticized by …") the agent after "by",
//!   else none; for a verb after "to" ("He continues to insist", "he went on to say") the
//!   pronoun or name before the governing words (within 6); a verb after "and"/"et"/"и" or
//!   a participle after a comma, maybe with a closing mark ("…,” she said, adding") takes
//!   the subject of the verb it is coordinated with: the nearest subject pronoun or person
//!   or organisation entity that opens its clause and is followed by a lower-case word
//!   ("Mrs. Clinton shook her head and said"), else in English the noun phrase opening
//!   the main clause when a verb follows it, an introductory phrase up to the first comma
//!   skipped ("In response to the plan, the mayor's chief of staff rallied volunteers,
//!   saying"; an entity later in the sentence is most often an object: "The magazine has
//!   opposed Donald Trump, arguing"), else the sentence's first such entity,
//!   else its opening capitalised words, a determiner taking its
//!   noun: "Le maire … et a assuré"); else the phrase right
//!   before the cue (a subject pronoun alone; a relative pronoun "who"/"which"/"that"/"qui"/
//!   "который" alone, "that" only after a noun; else words read back to punctuation, a stop
//!   word or a verb, at most 10, "-ly" adverbs skipped, a closing parenthesis taken in: "Sen.
//!   Marco Rubio (R-Fla.)"; a determiner or function words alone are no speaker, nor a
//!   lower-case verb form unless it ends a phrase opened by a determiner or a capitalised
//!   word: "the statement said", "One tweet said", or follows "of": "the former secretary
//!   of state said"; after "her", which may be an object, a past form is a verb: "…, a
//!   person close to her said."), or a head with its
//!   apposition between commas or dashes, up to 24 tokens ("Mr. Conant, the Republican
//!   consultant, said", "Sen. Ron Johnson, R-Wis., said", "Podesta, who …, said", "Jason
//!   Sims — a teacher from Mount Pleasant — said"), a short adverbial between them leaving the
//!   head alone ("Rush Limbaugh, for one, called"; an age between commas goes with the name:
//!   "Woodrow Benford, 58, who …, says"; a date after a preposition before the verb is skipped:
//!   "who in 2010 said"; a document a verb puts out leaves its subject: "X issued a statement
//!   saying" → "X"; one adverb may stand between the comma and a participle: "…, even
//!   suggesting"); else, only when nothing of the
//!   clause precedes the verb, the phrase right after it ("said Caddell", "a déclaré le
//!   procureur de la région de Kostanaï", "сказал он", "se souvient ce dernier"). After a
//!   comma that phrase must read as an inverted subject (a pronoun alone, or capitalised
//!   words maybe after a determiner, then punctuation, a stop word or the end; never a
//!   telling verb's addressee; after a determiner, more than four lower-case words are the
//!   verb's clause: "…, said the event brought back memories of her father"; a phrase
//!   followed by an auxiliary or a modal is that clause's subject, never the verb's: "said
//!   the board would not renew"); else the subject is the noun phrase opening the sentence
//!   before the parenthetical, with its noun appositions ("Pete Seat, an Indiana
//!   consultant whose firm …, said he would", "Powell's office, when contacted, said"); a
//!   quote closing after its comma ends such a parenthetical, and belongs to a participle
//!   cue set off by a comma right before it ("Ms. Ortega, citing “a lack of trust,” said
//!   the board …": the quote is "citing"'s, "said" reports its own clause). The phrase
//!   as written is kept ([`Found::mention`]; a lone relative pronoun widened back over its
//!   antecedent, "a super PAC that", since that phrase names the source); the layer's speaker is that phrase resolved:
//!   the last person (else organisation) entity inside it when entities are known; a
//!   relative pronoun, the phrase before its comma (without one, the phrase before it from
//!   its last determiner: "a study which said"); a singular pronoun, the nearest person
//!   mention before it within 120 tokens (a person entity, or a named speaker already
//!   found, or, without entities, the nearest run of two capitalised words or more, else
//!   one not opening its sentence). Plural pronouns are kept as they are.
//! - **Claims**: see [`claims`].
//!
//! # Bounds
//!
//! Every search is bounded in tokens (5 or 16 after a mark, 40 before, 8 for a
//! complementizer, 10 for a speaker or a subject read back to its comma, 24 for a speaker's apposition (48 for a subject before a
//! parenthetical), 6 back from "to", 60 for a coordinated verb's subject, 120 for an
//! antecedent, the last 64 named speakers), and reported content is scanned once then skipped, so the stage is linear in the text
//! (`tests/robust.rs` checks 8× the text against 30× the time on the worst inputs).

mod claims;
mod cuemodel;
mod detect;
mod lexicon;
mod marks;
pub mod table;
mod view;

use doc::{Claim, Diagnostic, Document, Entity, LangCode, Layer, Quantity, Quote, Stage};
use doc::{TextRange, Token};

pub use detect::{Detection, Found};

/// For `examples/learn_cues.rs`: the features of the cue classifier for each token of an
/// English text (`None` for tokens that are not candidates).
#[doc(hidden)]
pub fn cue_features(
    text: &str,
    tokens: &[Token],
    sentences: &[TextRange],
) -> Vec<Option<Vec<u32>>> {
    let v = view::View::new(text, Some(LangCode::EN), tokens, sentences, None);
    let mut feats = Vec::new();
    (0..v.len())
        .map(|i| {
            cuemodel::candidate(&v, i).then(|| {
                cuemodel::features(&v, i, &mut feats);
                feats.clone()
            })
        })
        .collect()
}

/// For `examples/train_cues.rs`: whether each token is a one-word cue of the English
/// lexicons (hand-written and learned), as a baseline.
#[doc(hidden)]
pub fn lexicon_cues(text: &str, tokens: &[Token], sentences: &[TextRange]) -> Vec<bool> {
    let v = view::View::new(text, Some(LangCode::EN), tokens, sentences, None);
    (0..v.len())
        .map(|i| v.cue_at(i, lexicon::VERB).is_some())
        .collect()
}

/// The quotes of `text`: sorted, not overlapping, each content non-empty and trimmed.
/// `tokens` and `sentences` are the document's layers; `entities`, when given, name
/// speakers. `lang` chooses the lexicon (`None` or another language: the three merged).
pub fn detect(
    text: &str,
    lang: Option<LangCode>,
    tokens: &[Token],
    sentences: &[TextRange],
    entities: Option<&[Entity]>,
) -> Detection {
    let v = view::View::new(text, lang, tokens, sentences, entities).scored(lang);
    detect::run(v)
}

/// One claim per cardinal quantity of `quantities`: the speaker and cue of the quote holding
/// it; else an attribution phrase of its sentence ("D'après Astana", "selon les médias
/// russes", "по данным МВД", "according to officials"); else a reporting verb before it in
/// its sentence and that verb's subject ("Moscou affirme avoir perdu 6000 soldats"); else
/// the article itself (`source: None`).
pub fn claims(
    text: &str,
    lang: Option<LangCode>,
    tokens: &[Token],
    sentences: &[TextRange],
    entities: Option<&[Entity]>,
    quotes: &[Quote],
    quantities: &[Quantity],
) -> Vec<Claim> {
    let v = view::View::new(text, lang, tokens, sentences, entities).scored(lang);
    claims::run(&v, quotes, quantities)
}

/// The quote stage: requires the language, sentences and tokens; reads entities when
/// present.
#[derive(Debug, Default)]
pub struct TagQuotes;

impl TagQuotes {
    /// The stage.
    pub fn new() -> TagQuotes {
        TagQuotes
    }
}

/// Stage name of [`TagQuotes`].
pub const QUOTES_STAGE: &str = "quotes.v1";

impl Stage for TagQuotes {
    fn name(&self) -> &'static str {
        QUOTES_STAGE
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Sentences, Layer::Tokens]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) {
        let found = detect(
            doc.text(),
            doc.lang_code(),
            doc.tokens().unwrap_or_default(),
            doc.sentences().unwrap_or_default(),
            doc.entities(),
        );
        for message in found.diagnostics {
            doc.diagnostics.push(Diagnostic::new(QUOTES_STAGE, message));
        }
        doc.put_quotes(found.quotes.into_iter().map(|f| f.quote).collect());
    }
}

/// The claim stage: requires the language, sentences, tokens, quantities and quotes (all
/// read); reads entities when present.
#[derive(Debug, Default)]
pub struct TagClaims;

impl TagClaims {
    /// The stage.
    pub fn new() -> TagClaims {
        TagClaims
    }
}

impl Stage for TagClaims {
    fn name(&self) -> &'static str {
        "claims.v1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Lang,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Quantities,
            Layer::Quotes,
        ]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Claims]
    }
    fn run(&self, doc: &mut Document) {
        let claims = claims(
            doc.text(),
            doc.lang_code(),
            doc.tokens().unwrap_or_default(),
            doc.sentences().unwrap_or_default(),
            doc.entities(),
            doc.quotes().unwrap_or_default(),
            doc.quantities().unwrap_or_default(),
        );
        doc.put_claims(claims);
    }
}
