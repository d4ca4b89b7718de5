//! Readers of annotated public corpora and the project's train/dev splits of them.
