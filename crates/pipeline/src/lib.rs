//! Ties the stages together.
//!
//! Key decisions:
//! - [`PipelineBuilder::build`] checks, before any document runs, that every stage's required
//!   layers are provided by an earlier stage ([`PipelineError::Unsatisfied`]).
//! - A stage that panics on one document becomes a diagnostic on that document; the batch
//!   goes on. After the stages, [`Document::validate`] runs on every document, and a broken
//!   invariant is reported the same way.
//! - [`Analyzer::analyze_batch`] runs documents in parallel and returns them in input order.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use clean::{CleanOptions, Cleaner};
use doc::{Diagnostic, Document, Layer, RawArticle, Stage};
use entities::TagEntities;
use langid::{DetectLang, LanguageIdentifier};
use quantities::TagQuantities;
use quotes::{TagClaims, TagQuotes};
use rayon::prelude::*;
use resolve::LinkEntities;
use segment::{Segment, Segmenter};
use times::TagTimes;

/// An ordered list of stages whose requirements are met.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

/// Collects stages, then checks them in [`PipelineBuilder::build`].
#[derive(Default)]
pub struct PipelineBuilder {
    stages: Vec<Box<dyn Stage>>,
}

/// A pipeline that cannot run.
#[derive(Debug, PartialEq, Eq)]
pub enum PipelineError {
    /// `stage` requires `layer`, which no earlier stage provides.
    Unsatisfied {
        /// The stage's name.
        stage: &'static str,
        /// The missing layer.
        layer: Layer,
    },
}

impl std::fmt::Display for PipelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PipelineError::Unsatisfied { stage, layer } => {
                write!(
                    f,
                    "stage {stage} requires the {layer:?} layer, which no earlier stage provides"
                )
            }
        }
    }
}

impl std::error::Error for PipelineError {}

impl PipelineBuilder {
    /// Appends `stage`.
    pub fn stage(mut self, stage: impl Stage + 'static) -> PipelineBuilder {
        self.stages.push(Box::new(stage));
        self
    }

    /// Checks requirements in order.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let mut available = BTreeSet::new();
        for stage in &self.stages {
            if let Some(&layer) = stage.requires().iter().find(|l| !available.contains(*l)) {
                return Err(PipelineError::Unsatisfied {
                    stage: stage.name(),
                    layer,
                });
            }
            available.extend(stage.provides().iter().copied());
        }
        Ok(Pipeline {
            stages: self.stages,
        })
    }
}

impl Pipeline {
    /// An empty builder.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The standard stages: language identification, segmentation, named entities and what
    /// each refers to, times,
    /// quantities (which leave the spans of times alone), quotes with their speakers, then
    /// claims (quantities with their sources).
    pub fn standard() -> Pipeline {
        Pipeline::standard_as_of(None)
    }

    /// The standard stages, with publication dates after `latest` reported as suspect (the
    /// caller reads the clock: stages read none).
    pub fn standard_as_of(latest: Option<times::Date>) -> Pipeline {
        let times = match latest {
            Some(day) => TagTimes::with_today(day),
            None => TagTimes::new(),
        };
        Pipeline::builder()
            .stage(DetectLang::new(LanguageIdentifier::new()))
            .stage(Segment::new(Segmenter::new()))
            .stage(TagEntities::new())
            .stage(LinkEntities::new())
            .stage(times)
            .stage(TagQuantities::new())
            .stage(TagQuotes::new())
            .stage(TagClaims::new())
            .build()
            .expect("the standard stages are in a valid order")
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage on `doc`, then validates it. Never panics on a stage's panic.
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            if stage.provides().iter().all(|&l| doc.has(l)) {
                continue; // Given by the input (a declared language).
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| stage.run(doc)));
            if let Err(payload) = outcome {
                let message = panic_message(&*payload);
                doc.diagnostics.push(Diagnostic::new(
                    stage.name(),
                    format!("internal error, stage skipped: {message}"),
                ));
            }
        }
        if let Err(violation) = doc.validate() {
            // A broken layer would give wrong offsets downstream: drop the span layers.
            doc.discard_span_layers();
            doc.diagnostics.push(Diagnostic::new(
                "pipeline",
                format!("internal error, invalid layers dropped: {violation}"),
            ));
        }
    }
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Raw article in, analysed document out: cleaning, then the pipeline.
pub struct Analyzer {
    /// How the text is built.
    pub clean: CleanOptions,
    /// The stages.
    pub pipeline: Pipeline,
    cleaner: Cleaner,
}

impl Analyzer {
    /// The standard pipeline with `clean` options.
    pub fn new(clean: CleanOptions) -> Analyzer {
        Analyzer {
            cleaner: Cleaner::new(clean.clone()),
            clean,
            pipeline: Pipeline::standard(),
        }
    }

    /// The standard pipeline with `clean` options, publication dates after `latest` reported.
    pub fn as_of(clean: CleanOptions, latest: Option<times::Date>) -> Analyzer {
        Analyzer {
            cleaner: Cleaner::new(clean.clone()),
            clean,
            pipeline: Pipeline::standard_as_of(latest),
        }
    }

    /// The cleaning step alone: the document with its text, before any stage.
    pub fn build_document(&self, raw: RawArticle) -> Document {
        self.cleaner.build(raw)
    }

    /// Analyses one article.
    ///
    /// Never panics on an article: if cleaning panics (a bug), the document comes out with
    /// an empty text and the error as a diagnostic, and the batch goes on.
    pub fn analyze(&self, raw: RawArticle) -> Document {
        let (id, source) = (raw.id.clone(), raw.source.clone());
        let built = catch_unwind(AssertUnwindSafe(|| self.cleaner.build(raw)));
        let mut doc = match built {
            Ok(doc) => doc,
            Err(payload) => {
                let mut doc = Document::new(id, source, String::new());
                doc.diagnostics.push(Diagnostic::new(
                    clean::STAGE,
                    format!(
                        "internal error, text not built: {}",
                        panic_message(&*payload)
                    ),
                ));
                doc
            }
        };
        self.pipeline.run(&mut doc);
        doc
    }

    /// Analyses articles in parallel; results are in input order.
    pub fn analyze_batch(&self, raws: Vec<RawArticle>) -> Vec<Document> {
        raws.into_par_iter().map(|raw| self.analyze(raw)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use doc::{LangGuess, RawBody, Source};

    struct Needs;
    impl Stage for Needs {
        fn name(&self) -> &'static str {
            "needs"
        }
        fn requires(&self) -> &'static [Layer] {
            &[Layer::Tokens]
        }
        fn provides(&self) -> &'static [Layer] {
            &[]
        }
        fn run(&self, _: &mut Document) {}
    }

    struct Panics;
    impl Stage for Panics {
        fn name(&self) -> &'static str {
            "panics"
        }
        fn requires(&self) -> &'static [Layer] {
            &[]
        }
        fn provides(&self) -> &'static [Layer] {
            &[Layer::Lang]
        }
        fn run(&self, _: &mut Document) {
            panic!("boom");
        }
    }

    #[test]
    fn unsatisfied_requirement_is_refused_before_running() {
        let err = Pipeline::builder().stage(Needs).build().err();
        assert_eq!(
            err,
            Some(PipelineError::Unsatisfied {
                stage: "needs",
                layer: Layer::Tokens
            })
        );
        assert!(
            Pipeline::builder()
                .stage(Segment::new(Segmenter::new()))
                .build()
                .is_err()
        );
    }

    #[test]
    fn a_panicking_stage_becomes_a_diagnostic() {
        let pipeline = Pipeline::builder().stage(Panics).build().unwrap();
        let mut doc = Document::new("x".into(), Source::default(), "texte".into());
        pipeline.run(&mut doc);
        assert!(
            doc.diagnostics[0].message.contains("boom"),
            "{:?}",
            doc.diagnostics
        );
    }

    #[test]
    fn declared_language_is_kept() {
        let analyzer = Analyzer::new(CleanOptions::default());
        let raw = RawArticle {
            lang: Some(doc::LangCode::RU),
            ..RawArticle::new(
                "a",
                RawBody::Text("This text is English but declared Russian.".into()),
            )
        };
        let doc = analyzer.analyze(raw);
        assert_eq!(
            doc.lang(),
            Some(LangGuess {
                code: Some(doc::LangCode::RU),
                confidence: None
            })
        );
        assert!(doc.sentences().is_some());
    }
}
