//! Language identification: lingua over French, English and Russian plus the languages that
//! would otherwise be mistaken for them.
//!
//! Key decisions:
//! - The candidate set includes the neighbours (Ukrainian, Belarusian, Bulgarian, Kazakh,
//!   Serbian, Macedonian; German, Spanish, Italian, Portuguese, Polish, Dutch): a detector that
//!   knows only fr/en/ru labels every Ukrainian text Russian.
//! - The detector reads a sample (the title and the start of the body, at most
//!   [`SAMPLE_BYTES`]): language does not change mid-article, and the cost stays flat however
//!   long the article. A first pass reads only [`SHORT_SAMPLE_BYTES`] and is kept when it is
//!   sure ([`SURE_CONFIDENCE`]): most news articles are clear from their title.
//! - It abstains (`code: None`) when the sample has too few letters or the best language is
//!   not clearly ahead.

use doc::{Diagnostic, Document, LangCode, LangGuess, Layer, Stage};
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// Bytes of text read by the detector.
pub const SAMPLE_BYTES: usize = 400;
/// Bytes of the first, short sample.
pub const SHORT_SAMPLE_BYTES: usize = 160;
/// A short sample at least this confident is enough.
pub const SURE_CONFIDENCE: f64 = 0.95;
/// Below this many letters the detector abstains.
pub const MIN_LETTERS: usize = 6;
/// Below this confidence the detector abstains.
pub const MIN_CONFIDENCE: f64 = 0.25;

const LANGUAGES: &[Language] = &[
    Language::English,
    Language::French,
    Language::Russian,
    Language::Ukrainian,
    Language::Belarusian,
    Language::Bulgarian,
    Language::Kazakh,
    Language::Serbian,
    Language::Macedonian,
    Language::German,
    Language::Spanish,
    Language::Italian,
    Language::Portuguese,
    Language::Polish,
    Language::Dutch,
];

/// The language detector, built once and shared.
pub struct LanguageIdentifier {
    detector: LanguageDetector,
}

impl Default for LanguageIdentifier {
    fn default() -> Self {
        LanguageIdentifier::new()
    }
}

impl LanguageIdentifier {
    /// Builds the detector with its models loaded.
    pub fn new() -> LanguageIdentifier {
        let detector = LanguageDetectorBuilder::from_languages(LANGUAGES)
            .with_preloaded_language_models()
            .build();
        LanguageIdentifier { detector }
    }

    /// The codes this detector can answer.
    pub fn languages(&self) -> Vec<LangCode> {
        LANGUAGES
            .iter()
            .filter_map(|l| LangCode::parse(&l.iso_code_639_1().to_string()))
            .collect()
    }

    /// The language of `text`, read from its first [`SAMPLE_BYTES`] bytes.
    pub fn identify(&self, text: &str) -> LangGuess {
        let sample = sample(text);
        let letters = sample
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(MIN_LETTERS)
            .count();
        if letters < MIN_LETTERS {
            return LangGuess {
                code: None,
                confidence: None,
            };
        }
        // Most articles are clear from their first line or two: read a short sample first,
        // and the full one only when the short one leaves doubt.
        let short = cut(sample, SHORT_SAMPLE_BYTES);
        let mut values = Vec::new();
        if short.len() < sample.len() {
            values = self.detector.compute_language_confidence_values(short);
        }
        if values.first().is_none_or(|&(_, c)| c < SURE_CONFIDENCE) {
            values = self.detector.compute_language_confidence_values(sample);
        }
        let Some(&(language, confidence)) = values.first() else {
            return LangGuess {
                code: None,
                confidence: None,
            };
        };
        let confidence = confidence.clamp(0.0, 1.0);
        let code = LangCode::parse(&language.iso_code_639_1().to_string());
        if confidence < MIN_CONFIDENCE {
            return LangGuess {
                code: None,
                confidence: Some(confidence),
            };
        }
        LangGuess {
            code,
            confidence: Some(confidence),
        }
    }
}

/// The first [`SAMPLE_BYTES`] of `text`, cut at a word boundary.
fn sample(text: &str) -> &str {
    cut(text, SAMPLE_BYTES)
}

/// The first `max` bytes of `text`, cut at a word boundary when one is in the second half.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => &text[..space],
        _ => &text[..end],
    }
}

/// The language stage: provides [`Layer::Lang`], unless the input declared the language.
pub struct DetectLang {
    identifier: LanguageIdentifier,
}

impl DetectLang {
    /// A stage using `identifier`.
    pub fn new(identifier: LanguageIdentifier) -> DetectLang {
        DetectLang { identifier }
    }
}

impl Stage for DetectLang {
    fn name(&self) -> &'static str {
        "langid.v1"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Lang]
    }

    fn run(&self, doc: &mut Document) {
        if doc.has(Layer::Lang) {
            return; // Declared by the input.
        }
        let guess = self.identifier.identify(doc.text());
        if guess.code.is_none() {
            let why = match guess.confidence {
                None => "too little text to tell the language".to_owned(),
                Some(c) => format!("language unclear (best guess at confidence {c:.2})"),
            };
            doc.diagnostics.push(Diagnostic::new(self.name(), why));
        }
        doc.put_lang(guess);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_cuts_on_char_and_word_boundaries() {
        let text = "Путин ".repeat(1000);
        let s = sample(&text);
        assert!(s.len() <= SAMPLE_BYTES && s.len() > SAMPLE_BYTES / 2);
        assert!(s.ends_with("Путин"));
    }
}
