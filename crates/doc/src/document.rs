//! The document and its layers.

use std::fmt;

use crate::{Claim, Entity, EntityRef, LangCode, Layer, Quantity, Quote, TextRange, TimeExpr};

/// Where a document came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// The input path (`-` for stdin), with `:LINE` for a JSON Lines record.
    pub path: Option<String>,
    /// The article's URL, when known.
    pub url: Option<String>,
}

/// Something a stage noticed about a document: never fatal to the batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stage or reader that noticed it (`"input"`, `"clean"`, `"langid.v1"`, ...).
    pub stage: String,
    /// A sentence for a person.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic from `stage`.
    pub fn new(stage: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            stage: stage.into(),
            message: message.into(),
        }
    }
}

/// The language of a document, or an abstention.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LangGuess {
    /// The language; `None` when the text is too short or too mixed to tell.
    pub code: Option<LangCode>,
    /// The detector's confidence in `code` (0..=1); `None` when the input declared the language.
    pub confidence: Option<f64>,
}

/// A span of the input left out of the clean text, and why: nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The text removed.
    pub text: String,
    /// Why (`advertisement`, `share`, `navigation`, `related`, `newsletter`, `cookie`,
    /// `credit`, `caption`, `duplicate-title`, ...).
    pub reason: &'static str,
}

/// What the page says about itself, apart from the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Authors from bylines or page metadata.
    pub authors: Vec<String>,
    /// Photo captions.
    pub captions: Vec<String>,
    /// Photo credits and copyright lines.
    pub credits: Vec<String>,
    /// The site's name.
    pub site: Option<String>,
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes, or an abbreviation with its dot.
    Word,
    /// Digits with grouping and decimal marks (`100 000`, `880’000`, `3,5`), or a digit-led
    /// alphanumeric (`1er`, `3rd`).
    Number,
    /// Punctuation, a run of terminal marks (`?!`, `...`) counting as one.
    Punct,
    /// Any other symbol (`%`, `€`, `+`).
    Symbol,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
}

/// A token: a range and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub range: TextRange,
    /// What it is.
    pub kind: TokenKind,
}

/// One article: its clean text, frozen at construction, and the layers stages added to it.
#[derive(Clone, Debug)]
pub struct Document {
    /// File stem or record id.
    pub id: String,
    /// Where it came from.
    pub source: Source,
    /// The title, when known; it is also the first line of the text.
    pub title: Option<String>,
    /// Publication date as given (ISO 8601), when known.
    pub published: Option<String>,
    /// What readers and stages noticed.
    pub diagnostics: Vec<Diagnostic>,
    /// What cleaning removed, in input order; `None` when the text was kept as given.
    pub removed: Option<Vec<Removed>>,
    /// Authors, captions, credits, site; `None` when the text was kept as given.
    pub metadata: Option<Metadata>,
    text: String,
    lang: Option<LangGuess>,
    sentences: Option<Vec<TextRange>>,
    tokens: Option<Vec<Token>>,
    times: Option<Vec<TimeExpr>>,
    quantities: Option<Vec<Quantity>>,
    entities: Option<Vec<Entity>>,
    entity_refs: Option<Vec<EntityRef>>,
    quotes: Option<Vec<Quote>>,
    claims: Option<Vec<Claim>>,
}

impl Document {
    /// A document owning `text`, with no layer yet.
    pub fn new(id: String, source: Source, text: String) -> Document {
        Document {
            id,
            source,
            title: None,
            published: None,
            diagnostics: Vec::new(),
            removed: None,
            metadata: None,
            text,
            lang: None,
            sentences: None,
            tokens: None,
            times: None,
            quantities: None,
            entities: None,
            entity_refs: None,
            quotes: None,
            claims: None,
        }
    }

    /// The clean text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of `range`.
    ///
    /// # Panics
    /// If `range` is out of bounds or not on char boundaries.
    pub fn slice(&self, range: TextRange) -> &str {
        &self.text[range.start()..range.end()]
    }

    /// Whether `layer` has been computed.
    pub fn has(&self, layer: Layer) -> bool {
        match layer {
            Layer::Lang => self.lang.is_some(),
            Layer::Sentences => self.sentences.is_some(),
            Layer::Tokens => self.tokens.is_some(),
            Layer::Times => self.times.is_some(),
            Layer::Quantities => self.quantities.is_some(),
            Layer::Entities => self.entities.is_some(),
            Layer::EntityRefs => self.entity_refs.is_some(),
            Layer::Quotes => self.quotes.is_some(),
            Layer::Claims => self.claims.is_some(),
        }
    }

    /// The language layer, if computed.
    pub fn lang(&self) -> Option<LangGuess> {
        self.lang
    }

    /// The language when known (computed and not abstained).
    pub fn lang_code(&self) -> Option<LangCode> {
        self.lang.and_then(|guess| guess.code)
    }

    /// The sentence layer, if computed.
    pub fn sentences(&self) -> Option<&[TextRange]> {
        self.sentences.as_deref()
    }

    /// The token layer, if computed.
    pub fn tokens(&self) -> Option<&[Token]> {
        self.tokens.as_deref()
    }

    /// The time layer, if computed.
    pub fn times(&self) -> Option<&[TimeExpr]> {
        self.times.as_deref()
    }

    /// The quantity layer, if computed.
    pub fn quantities(&self) -> Option<&[Quantity]> {
        self.quantities.as_deref()
    }

    /// The entity layer, if computed.
    pub fn entities(&self) -> Option<&[Entity]> {
        self.entities.as_deref()
    }

    /// Sets the entity layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_entities(&mut self, entities: Vec<Entity>) {
        assert!(self.entities.is_none(), "entity layer written twice");
        self.entities = Some(entities);
    }

    /// What each entity refers to, parallel to [`Document::entities`], if computed.
    pub fn entity_refs(&self) -> Option<&[EntityRef]> {
        self.entity_refs.as_deref()
    }

    /// Sets the entity reference layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_entity_refs(&mut self, refs: Vec<EntityRef>) {
        assert!(
            self.entity_refs.is_none(),
            "entity reference layer written twice"
        );
        self.entity_refs = Some(refs);
    }

    /// The quote layer, if computed.
    pub fn quotes(&self) -> Option<&[Quote]> {
        self.quotes.as_deref()
    }

    /// Sets the quote layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_quotes(&mut self, quotes: Vec<Quote>) {
        assert!(self.quotes.is_none(), "quote layer written twice");
        self.quotes = Some(quotes);
    }

    /// The claim layer, if computed.
    pub fn claims(&self) -> Option<&[Claim]> {
        self.claims.as_deref()
    }

    /// Sets the claim layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_claims(&mut self, claims: Vec<Claim>) {
        assert!(self.claims.is_none(), "claim layer written twice");
        self.claims = Some(claims);
    }

    /// Sets the time layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_times(&mut self, times: Vec<TimeExpr>) {
        assert!(self.times.is_none(), "time layer written twice");
        self.times = Some(times);
    }

    /// Sets the quantity layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_quantities(&mut self, quantities: Vec<Quantity>) {
        assert!(self.quantities.is_none(), "quantity layer written twice");
        self.quantities = Some(quantities);
    }

    /// Sets the language layer.
    ///
    /// # Panics
    /// If it is already set: layers are written once.
    pub fn put_lang(&mut self, guess: LangGuess) {
        assert!(self.lang.is_none(), "language layer written twice");
        self.lang = Some(guess);
    }

    /// Sets the sentence layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_sentences(&mut self, sentences: Vec<TextRange>) {
        assert!(self.sentences.is_none(), "sentence layer written twice");
        self.sentences = Some(sentences);
    }

    /// Sets the token layer.
    ///
    /// # Panics
    /// If it is already set.
    pub fn put_tokens(&mut self, tokens: Vec<Token>) {
        assert!(self.tokens.is_none(), "token layer written twice");
        self.tokens = Some(tokens);
    }

    /// Drops the sentence and token layers, after [`Document::validate`] found them broken:
    /// absent layers are honest, wrong offsets are not.
    pub fn discard_span_layers(&mut self) {
        self.sentences = None;
        self.tokens = None;
        self.times = None;
        self.quantities = None;
        self.entities = None;
        self.entity_refs = None;
        self.quotes = None;
        self.claims = None;
    }

    /// Checks every invariant of the model:
    /// - each range is in bounds, on char boundaries, and not empty;
    /// - sentences and tokens are sorted and do not overlap;
    /// - no sentence or token starts or ends with white space;
    /// - when both exist, every token lies inside exactly one sentence and every sentence
    ///   starts with a token and ends with one;
    /// - times and quantities are sorted, do not overlap within their layer, and no quantity
    ///   overlaps a time (one owner per span);
    /// - every quantity value is finite, and a range has its upper end;
    /// - entities are sorted, do not overlap, and start and end on token boundaries;
    /// - quotes are sorted and do not overlap; their speaker and cue ranges are valid;
    /// - every claim names an existing quantity, and its source and cue ranges are valid;
    /// - entity references are parallel to the entities; each head is a mention of the same
    ///   label that is its own head, and every key is non-empty;
    /// - a language confidence is within 0..=1.
    pub fn validate(&self) -> Result<(), InvariantViolation> {
        if let Some(sentences) = &self.sentences {
            check_layer(&self.text, "sentence", sentences.iter().copied())?;
        }
        if let Some(tokens) = &self.tokens {
            check_layer(&self.text, "token", tokens.iter().map(|t| t.range))?;
        }
        if let (Some(sentences), Some(tokens)) = (&self.sentences, &self.tokens) {
            check_tokens_in_sentences(sentences, tokens)?;
        }
        if let Some(times) = &self.times {
            check_layer(&self.text, "time", times.iter().map(|t| t.range))?;
        }
        if let Some(quantities) = &self.quantities {
            check_layer(&self.text, "quantity", quantities.iter().map(|q| q.range))?;
            check_quantities(quantities, self.times.as_deref().unwrap_or_default())?;
        }
        if let Some(quotes) = &self.quotes {
            check_layer(&self.text, "quote", quotes.iter().map(|q| q.range))?;
            for q in quotes {
                check_each(&self.text, "quote speaker or cue", [q.speaker, q.cue])?;
            }
        }
        if let Some(claims) = &self.claims {
            let n_quantities = self.quantities.as_ref().map_or(0, Vec::len);
            for c in claims {
                if c.quantity >= n_quantities {
                    return Err(InvariantViolation(format!(
                        "claim on quantity {} of {n_quantities}",
                        c.quantity
                    )));
                }
                check_each(&self.text, "claim source or cue", [c.source, c.cue])?;
            }
        }
        if let Some(entities) = &self.entities {
            check_layer(&self.text, "entity", entities.iter().map(|e| e.range))?;
            if let Some(tokens) = &self.tokens {
                check_on_tokens(entities, tokens)?;
            }
        }
        if let Some(refs) = &self.entity_refs {
            check_entity_refs(refs, self.entities.as_deref().unwrap_or_default())?;
        }
        if let Some(LangGuess {
            confidence: Some(c),
            ..
        }) = self.lang
            && !(0.0..=1.0).contains(&c)
        {
            return Err(InvariantViolation(format!(
                "language confidence {c} outside 0..=1"
            )));
        }
        Ok(())
    }
}

fn check_entity_refs(refs: &[EntityRef], entities: &[Entity]) -> Result<(), InvariantViolation> {
    if refs.len() != entities.len() {
        return Err(InvariantViolation(format!(
            "{} entity references for {} entities",
            refs.len(),
            entities.len()
        )));
    }
    for (i, r) in refs.iter().enumerate() {
        let fail = |why: &str| Err(InvariantViolation(format!("entity reference {i}: {why}")));
        if r.key.is_empty() {
            return fail("empty key");
        }
        let Some(head) = refs.get(r.head) else {
            return fail("head out of bounds");
        };
        if head.head != r.head {
            return fail("its head is not its own head");
        }
        if entities[r.head].label != entities[i].label {
            return fail("its head has another label");
        }
    }
    Ok(())
}

fn check_layer(
    text: &str,
    what: &str,
    ranges: impl Iterator<Item = TextRange>,
) -> Result<(), InvariantViolation> {
    let mut previous_end = 0;
    for range in ranges {
        let fail = |why: &str| Err(InvariantViolation(format!("{what} {range:?}: {why}")));
        if range.end() > text.len() {
            return fail("out of bounds");
        }
        if !text.is_char_boundary(range.start()) || !text.is_char_boundary(range.end()) {
            return fail("not on a char boundary");
        }
        if range.is_empty() {
            return fail("empty");
        }
        if range.start() < previous_end {
            return fail("overlaps or precedes the previous one");
        }
        let slice = &text[range.start()..range.end()];
        if slice.starts_with(char::is_whitespace) || slice.ends_with(char::is_whitespace) {
            return fail("starts or ends with white space");
        }
        previous_end = range.end();
    }
    Ok(())
}

fn check_tokens_in_sentences(
    sentences: &[TextRange],
    tokens: &[Token],
) -> Result<(), InvariantViolation> {
    let mut tokens = tokens.iter().peekable();
    for &sentence in sentences {
        match tokens.peek() {
            Some(t) if t.range.start() == sentence.start() => {}
            _ => {
                return Err(InvariantViolation(format!(
                    "sentence {sentence:?} does not start with a token"
                )));
            }
        }
        let mut last_end = sentence.start();
        while let Some(t) = tokens.peek() {
            if t.range.start() >= sentence.end() {
                break;
            }
            if !sentence.contains_range(t.range) {
                return Err(InvariantViolation(format!(
                    "token {:?} crosses the end of sentence {sentence:?}",
                    t.range
                )));
            }
            last_end = t.range.end();
            tokens.next();
        }
        if last_end != sentence.end() {
            return Err(InvariantViolation(format!(
                "sentence {sentence:?} does not end with a token"
            )));
        }
    }
    if let Some(t) = tokens.next() {
        return Err(InvariantViolation(format!(
            "token {:?} is in no sentence",
            t.range
        )));
    }
    Ok(())
}

fn check_quantities(quantities: &[Quantity], times: &[TimeExpr]) -> Result<(), InvariantViolation> {
    for q in quantities {
        let fail = |why: &str| Err(InvariantViolation(format!("quantity {:?}: {why}", q.range)));
        let values = [Some(q.value), q.value_max, q.si.as_ref().map(|s| s.value)];
        if values.iter().flatten().any(|v| !v.is_finite()) {
            return fail("value not finite");
        }
        if (q.bound == crate::Bound::Range) != q.value_max.is_some() {
            return fail("a range needs value_max, and only a range has one");
        }
        if let Some(counted) = &q.counted
            && counted.range.is_empty()
        {
            return fail("empty counted span");
        }
        if times.iter().any(|t| t.range.overlaps(q.range)) {
            return fail("overlaps a time expression");
        }
    }
    Ok(())
}

/// Checks ranges that need not be sorted (each on its own).
fn check_each(
    text: &str,
    what: &str,
    ranges: impl IntoIterator<Item = Option<TextRange>>,
) -> Result<(), InvariantViolation> {
    for range in ranges.into_iter().flatten() {
        check_layer(text, what, std::iter::once(range))?;
    }
    Ok(())
}

fn check_on_tokens(entities: &[Entity], tokens: &[Token]) -> Result<(), InvariantViolation> {
    let starts_token = |at: usize| {
        tokens
            .binary_search_by_key(&at, |t| t.range.start())
            .is_ok()
    };
    let ends_token = |at: usize| tokens.binary_search_by_key(&at, |t| t.range.end()).is_ok();
    for e in entities {
        if !starts_token(e.range.start()) || !ends_token(e.range.end()) {
            return Err(InvariantViolation(format!(
                "entity {:?} does not start and end on token boundaries",
                e.range
            )));
        }
    }
    Ok(())
}

/// A broken invariant of [`Document`]: a bug in the stage that produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvariantViolation(pub String);

impl fmt::Display for InvariantViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvariantViolation {}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new("t".into(), Source::default(), text.into())
    }

    fn token(start: usize, end: usize) -> Token {
        Token {
            range: TextRange::new(start, end),
            kind: TokenKind::Word,
        }
    }

    #[test]
    fn valid_layers_pass() {
        let mut d = doc("Il pleut. Oui.");
        d.put_sentences(vec![TextRange::new(0, 9), TextRange::new(10, 14)]);
        d.put_tokens(vec![
            token(0, 2),
            token(3, 8),
            token(8, 9),
            token(10, 13),
            token(13, 14),
        ]);
        assert_eq!(d.validate(), Ok(()));
    }

    #[test]
    fn each_broken_invariant_is_caught() {
        let cases: &[(&str, Vec<TextRange>, Vec<Token>)] = &[
            ("Il pleut.", vec![TextRange::new(0, 20)], vec![]),
            ("Il pleut.", vec![TextRange::new(0, 3)], vec![]),
            ("été", vec![TextRange::new(0, 1)], vec![]),
            (
                "ab cd",
                vec![TextRange::new(3, 5), TextRange::new(0, 2)],
                vec![],
            ),
            ("ab cd", vec![TextRange::new(0, 5)], vec![token(0, 2)]),
            (
                "ab cd",
                vec![TextRange::new(0, 2)],
                vec![token(0, 2), token(3, 5)],
            ),
            ("ab", vec![TextRange::new(1, 1)], vec![]),
        ];
        for (text, sentences, tokens) in cases {
            let mut d = doc(text);
            d.put_sentences(sentences.clone());
            if !tokens.is_empty() {
                d.put_tokens(tokens.clone());
            }
            assert!(
                d.validate().is_err(),
                "{text:?} {sentences:?} {tokens:?} should fail"
            );
        }
    }

    #[test]
    #[allow(clippy::float_cmp)]
    fn layers_absent_until_put() {
        let mut d = doc("x");
        assert!(!d.has(Layer::Lang));
        d.put_lang(LangGuess {
            code: Some(LangCode::FR),
            confidence: Some(0.5),
        });
        assert!(d.has(Layer::Lang));
        assert_eq!(d.lang_code(), Some(LangCode::FR));
    }
}
