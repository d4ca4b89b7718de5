//! Places, with their names in French, English and Russian, and demonyms mapped to countries.
