//! Named entities: a statistical sequence tagger trained by `veille train ner`.
