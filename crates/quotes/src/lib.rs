//! Quotes with their speakers and cues, and quantified claims with their sources.
