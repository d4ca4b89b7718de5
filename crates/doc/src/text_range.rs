//! Byte ranges into the clean text.

use std::fmt;

/// A half-open byte range `start..end` into [`crate::Document::text`].
///
/// Invariant (checked by [`crate::Document::validate`], not by construction, so that stages can
/// build ranges cheaply): `start <= end`, both on `char` boundaries of the text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// A range from byte `start` to byte `end` (exclusive).
    ///
    /// # Panics
    /// If `start > end` or an offset does not fit in `u32` (texts are limited to 4 GiB).
    pub fn new(start: usize, end: usize) -> TextRange {
        assert!(start <= end, "TextRange start {start} > end {end}");
        let start = u32::try_from(start).expect("text offset above 4 GiB");
        let end = u32::try_from(end).expect("text offset above 4 GiB");
        TextRange { start, end }
    }

    /// First byte.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the range covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside `self`.
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two ranges share at least one byte.
    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
