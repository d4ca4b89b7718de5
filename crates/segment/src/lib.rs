//! Sentences and tokens for French, English and Russian news text.
//!
//! Key decision: a hand-written scanner rather than UAX #29 plus repairs. News text needs
//! tokens that Unicode word boundaries do not give: numbers grouped with spaces or apostrophes
//! (`100 000`, `880’000`), French elisions split (`l’` + `armée`) and inverted pronouns
//! (`raconte` + `-t-il`), English clitics (`do` + `n't`), abbreviations keeping their period
//! (`M.`, `г.`), URLs and e-mail addresses whole. Sentence boundaries are then decided on
//! tokens, where an abbreviation or an initial is already known, in one linear pass.
//!
//! Per-language knowledge is data: `data/<lang>/abbreviations.txt`.

mod abbreviations;
mod chars;
mod sentences;
mod tokens;

use doc::{Document, LangCode, Layer, Stage, TextRange, Token};

pub use abbreviations::AbbreviationClass;

/// The segmenter: per-language tables, built once and shared by every document.
pub struct Segmenter {
    abbreviations: abbreviations::Abbreviations,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// Builds the tables from the data files compiled into the crate.
    pub fn new() -> Segmenter {
        Segmenter {
            abbreviations: abbreviations::Abbreviations::load(),
        }
    }

    /// Splits `text` into tokens. `lang` selects the language rules (elisions, clitics,
    /// abbreviations); `None` applies the rules common to all three languages.
    pub fn tokenize(&self, text: &str, lang: Option<LangCode>) -> Vec<Token> {
        tokens::tokenize(text, lang, &self.abbreviations)
    }

    /// Groups `tokens` (of `text`, from [`Segmenter::tokenize`]) into sentences.
    pub fn sentences(
        &self,
        text: &str,
        tokens: &[Token],
        lang: Option<LangCode>,
    ) -> Vec<TextRange> {
        sentences::split(text, tokens, lang, &self.abbreviations)
    }

    /// How `word` (without its period) is treated before a period in `lang`.
    pub fn abbreviation_class(
        &self,
        word: &str,
        lang: Option<LangCode>,
    ) -> Option<AbbreviationClass> {
        self.abbreviations.class(word, lang)
    }
}

/// The segmentation stage: provides [`Layer::Tokens`] and [`Layer::Sentences`].
pub struct Segment {
    segmenter: Segmenter,
}

impl Segment {
    /// A stage using `segmenter`.
    pub fn new(segmenter: Segmenter) -> Segment {
        Segment { segmenter }
    }
}

impl Stage for Segment {
    fn name(&self) -> &'static str {
        "segment.v1"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn run(&self, doc: &mut Document) {
        let lang = doc.lang_code();
        let tokens = self.segmenter.tokenize(doc.text(), lang);
        let sentences = self.segmenter.sentences(doc.text(), &tokens, lang);
        doc.put_tokens(tokens);
        doc.put_sentences(sentences);
    }
}
