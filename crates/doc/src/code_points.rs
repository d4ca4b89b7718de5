//! Byte offsets to code-point offsets, for the contract's `start`/`end`.

/// Converts byte offsets of one text to code-point offsets (what Python's `text[start:end]`
/// means) in O(1) after an O(n) build.
///
/// It stores the code-point count at every 64th byte, then counts the few bytes in between:
/// 1/16 of a `u32` per byte of text instead of a full table. ASCII text needs no table at all.
pub struct CodePointIndex<'a> {
    text: &'a str,
    /// `checkpoints[i]` = code points in `text[..i * STRIDE]`; empty when the text is ASCII.
    checkpoints: Vec<u32>,
}

const STRIDE: usize = 64;

impl<'a> CodePointIndex<'a> {
    /// Builds the index of `text`.
    pub fn new(text: &'a str) -> CodePointIndex<'a> {
        if text.is_ascii() {
            return CodePointIndex {
                text,
                checkpoints: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(STRIDE) {
            checkpoints.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count() as u32;
        }
        checkpoints.push(count);
        CodePointIndex { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte`.
    ///
    /// # Panics
    /// If `byte` is past the end of the text. A `byte` inside a character counts that character
    /// as started.
    pub fn code_point(&self, byte: usize) -> usize {
        assert!(
            byte <= self.text.len(),
            "byte offset {byte} past end {}",
            self.text.len()
        );
        if self.checkpoints.is_empty() {
            return byte;
        }
        let block = byte / STRIDE;
        let base = self.checkpoints[block] as usize;
        let in_block = &self.text.as_bytes()[block * STRIDE..byte];
        base + in_block.iter().filter(|&&b| !is_continuation(b)).count()
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::CodePointIndex;
    use proptest::prelude::*;

    fn reference(text: &str, byte: usize) -> usize {
        text[..byte].chars().count()
    }

    #[test]
    fn ascii_and_mixed() {
        let text = "abc";
        let index = CodePointIndex::new(text);
        assert_eq!(index.code_point(3), 3);
        let text = "« Токаев » a dit";
        let index = CodePointIndex::new(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(index.code_point(byte), reference(text, byte));
        }
    }

    proptest! {
        #[test]
        fn matches_counting_chars(text in "\\PC{0,300}") {
            let index = CodePointIndex::new(&text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                prop_assert_eq!(index.code_point(byte), reference(&text, byte));
            }
        }
    }
}
