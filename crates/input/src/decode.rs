//! Bytes to text: BOMs, declared charsets, legacy encodings, and what cannot be text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use doc::Diagnostic;
use encoding_rs::{Encoding, UTF_8};

/// Decoded text and what decoding noticed.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Notes for the document (legacy encoding used, bytes replaced).
    pub diagnostics: Vec<Diagnostic>,
}

/// Why bytes are not a text input.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Nothing but white space.
    #[error("empty input (no text)")]
    Empty,
    /// NUL bytes or control characters: an image, an archive, an executable...
    #[error("binary content, not text (NUL or control bytes near offset {0})")]
    Binary(usize),
}

/// Decodes a text input: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding
/// guessed from the bytes.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode(bytes, None)
}

/// Decodes a web page: a BOM first, then the charset declared in the first 4 KiB
/// (`<meta charset>` or `http-equiv`), checked against the bytes, then detection.
pub fn decode_html(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode(bytes, declared_charset(bytes))
}

fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    let mut diagnostics = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            diagnostics.push(replaced_note(encoding));
        }
        return finish(text.into_owned(), encoding, diagnostics);
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(DecodeError::Binary(offset));
    }
    // A single-byte encoding decodes any bytes without error, so a page that declares one
    // but is valid UTF-8 with non-ASCII text is UTF-8 (the declaration is a template's).
    let utf8_beats_declared = declared.is_some_and(|e| e.is_single_byte())
        && !bytes.is_ascii()
        && std::str::from_utf8(bytes).is_ok();
    if utf8_beats_declared {
        diagnostics.push(Diagnostic::new(
            "input",
            format!(
                "declared charset {} but the bytes are UTF-8; read as UTF-8",
                declared.map_or("?", |e| e.name())
            ),
        ));
    }
    if let Some(encoding) = declared.filter(|_| !utf8_beats_declared) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return finish(text.into_owned(), encoding, diagnostics);
        }
        diagnostics.push(Diagnostic::new(
            "input",
            format!(
                "declared charset {} does not match the bytes; detecting the encoding",
                encoding.name()
            ),
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), UTF_8, diagnostics);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    diagnostics.push(Diagnostic::new(
        "input",
        format!("not valid UTF-8; decoded as {}", encoding.name()),
    ));
    if had_errors {
        diagnostics.push(replaced_note(encoding));
    }
    finish(text.into_owned(), encoding, diagnostics)
}

fn finish(
    text: String,
    encoding: &'static Encoding,
    diagnostics: Vec<Diagnostic>,
) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        diagnostics,
    })
}

fn replaced_note(encoding: &'static Encoding) -> Diagnostic {
    Diagnostic::new(
        "input",
        format!(
            "some bytes are not valid {} and were replaced by U+FFFD",
            encoding.name()
        ),
    )
}

/// The offset of a NUL byte in the first 8 KiB, or of the point where more than one byte in
/// ten is a control character: text files have neither.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(nul) = head.iter().position(|&b| b == 0) {
        return Some(nul);
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    (head.len() >= 32 && controls * 10 > head.len()).then_some(0)
}

/// The charset an HTML page declares in its first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(found) = find(&lower[from..], b"charset") {
        let mut i = from + found + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(encoding) = Encoding::for_label(&lower[start..i]) {
            // A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML standard's rule).
            return Some(
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    UTF_8
                } else {
                    encoding
                },
            );
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_utf16_are_decoded() {
        assert_eq!(
            decode_text("\u{feff}Bonjour".as_bytes()).unwrap().text,
            "Bonjour"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Привет".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&utf16).unwrap().text, "Привет");
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let russian = "Президент Казахстана Касым-Жомарт Токаев заявил, что страна примет всех, кто бежит от мобилизации.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let decoded = decode_text(&bytes).unwrap();
        assert_eq!(decoded.text, russian);
        assert_eq!(decoded.encoding, encoding_rs::WINDOWS_1251);
        assert!(decoded.diagnostics[0].message.contains("windows-1251"));

        let french = "L’été à Paris : la fréquentation des musées a légèrement augmenté, selon le ministère.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let decoded = decode_text(&bytes).unwrap();
        assert_eq!(decoded.text, french);
    }

    #[test]
    fn declared_charset_is_used_and_checked() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>Москва</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let decoded = decode_html(&bytes).unwrap();
        assert!(decoded.text.contains("Москва"));
        assert!(decoded.diagnostics.is_empty());
        // Declared windows-1252 but actually UTF-8: the declaration is wrong for these bytes?
        // windows-1252 decodes any byte, so the declaration wins; a declared UTF-8 that is not
        // UTF-8 falls back to detection.
        let lying =
            "<meta charset=\"utf-8\"><p>Ceci est un texte français accentué : été, élève.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(lying);
        let decoded = decode_html(&bytes).unwrap();
        assert!(decoded.text.contains("été"), "{}", decoded.text);
        assert!(decoded.diagnostics[0].message.contains("does not match"));
    }

    #[test]
    fn utf8_bytes_win_over_a_declared_single_byte_charset() {
        let page = "<meta charset=\"windows-1252\"><p>Le député a été réélu.</p>";
        let decoded = decode_html(page.as_bytes()).unwrap();
        assert!(
            decoded.text.contains("député a été réélu"),
            "{}",
            decoded.text
        );
        assert!(decoded.diagnostics[0].message.contains("bytes are UTF-8"));
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode_text(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode_text(b" \n\t\n").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeError::Binary(_)
        ));
    }
}
