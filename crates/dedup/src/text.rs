//! Words of a text: lower case, letters and digits only.

/// Calls `f` with each word of `text`, lower-cased, in order. A word is a maximal run of
/// alphanumeric characters; everything else (punctuation, spaces, apostrophes, dashes,
/// symbols) separates words, so "l'armée" is `l`, `armée` and "AFP -" is `afp`.
pub(crate) fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else if !buf.is_empty() {
            f(buf);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(buf);
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn words_are_lowercase_alphanumeric_runs() {
        assert_eq!(
            words("L'Armée, 55 000 — «Russes»!"),
            ["l", "armée", "55", "000", "russes"]
        );
        assert_eq!(words("МОСКВА, 3 мая"), ["москва", "3", "мая"]);
        assert!(words(" ,.- ").is_empty());
    }
}
