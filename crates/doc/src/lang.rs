//! Language codes.

use std::fmt;

/// An ISO 639-1 (two letters) or 639-3 (three letters) language code, lowercase ASCII.
///
/// A small `Copy` value rather than an enum: inputs may declare any language, and only the
/// language-specific stages need to know which ones they support.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangCode {
    bytes: [u8; 3],
    len: u8,
}

impl LangCode {
    /// French.
    pub const FR: LangCode = LangCode {
        bytes: *b"fr\0",
        len: 2,
    };
    /// English.
    pub const EN: LangCode = LangCode {
        bytes: *b"en\0",
        len: 2,
    };
    /// Russian.
    pub const RU: LangCode = LangCode {
        bytes: *b"ru\0",
        len: 2,
    };

    /// Parses `fr`, `FR`, `fr-FR`, `fr_CA`, `fra`: the primary subtag, two or three ASCII letters.
    /// Returns `None` for anything else.
    pub fn parse(code: &str) -> Option<LangCode> {
        let primary = code.trim().split(['-', '_']).next()?;
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let mut bytes = [0u8; 3];
        for (slot, b) in bytes.iter_mut().zip(primary.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        // Three-letter codes of the languages we handle map to their two-letter form.
        let code = LangCode {
            bytes,
            len: primary.len() as u8,
        };
        Some(match code.as_str() {
            "fra" | "fre" => LangCode::FR,
            "eng" => LangCode::EN,
            "rus" => LangCode::RU,
            _ => code,
        })
    }

    /// The code as written in the contract (`"fr"`).
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("und")
    }
}

impl fmt::Debug for LangCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for LangCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::LangCode;

    #[test]
    fn parses_tags_and_rejects_junk() {
        for (input, expected) in [
            ("fr", Some("fr")),
            ("FR", Some("fr")),
            ("fr-FR", Some("fr")),
            ("ru_RU", Some("ru")),
            ("fra", Some("fr")),
            ("uk", Some("uk")),
            ("kaz", Some("kaz")),
            ("", None),
            ("f", None),
            ("français", None),
            ("12", None),
        ] {
            assert_eq!(
                LangCode::parse(input).map(|c| c.as_str().to_owned()),
                expected.map(str::to_owned),
                "{input}"
            );
        }
    }
}
