//! Reporting words per language (`data/{fr,en,ru}.txt`), compiled once into a phrase table
//! matched over normalised tokens.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use doc::LangCode;

/// A reporting verb form: the cue of a quote.
pub(crate) const VERB: u32 = 1;
/// A verb after which a reported clause may follow without a complementizer.
pub(crate) const BARE: u32 = 1 << 1;
/// A word taken into the cue when it stands right before a verb ("a", "has", "also").
pub(crate) const AUX: u32 = 1 << 2;
/// An attribution phrase followed by its source ("selon", "according to", "по данным").
pub(crate) const ACCORDING: u32 = 1 << 3;
/// A complementizer opening a reported clause ("que", "that", "что").
pub(crate) const THAT: u32 = 1 << 4;
/// A pronoun or pronoun phrase a speaker can be ("il", "she", "ce dernier").
pub(crate) const PRONOUN: u32 = 1 << 5;
/// A word showing a clause inside quoted text (subject pronouns, auxiliaries).
pub(crate) const CLAUSE: u32 = 1 << 6;
/// A word that ends a speaker phrase.
pub(crate) const STOP: u32 = 1 << 7;
/// A time word skipped between a verb and its speaker or clause.
pub(crate) const TIME: u32 = 1 << 8;

/// A relative pronoun standing for the speaker ("who", "qui", "который").
pub(crate) const RELATIVE: u32 = 1 << 9;

/// A verb whose reported content may be an infinitive ("vowed to", "refused to"): learned.
pub(crate) const TO: u32 = 1 << 10;

/// A coordinator before a second verb of the same subject ("and", "et", "и").
pub(crate) const COORD: u32 = 1 << 11;

/// A verb whose addressee comes before its clause ("told reporters the talks failed").
pub(crate) const TELL: u32 = 1 << 12;
/// A word that can be an addressee by itself ("reporters", "him").
pub(crate) const ADDRESSEE: u32 = 1 << 13;
/// A determiner opening a noun phrase ("the", "le", "la").
pub(crate) const DET: u32 = 1 << 14;

/// A preposition opening a sentence with its source ("In a statement, …"): data `[in]`.
pub(crate) const IN: u32 = 1 << 15;
/// A noun naming a source document or event ("poll", "interview", "sondage"): data
/// `[source]`.
pub(crate) const SOURCE: u32 = 1 << 16;

/// A learned cue form that no hand-written list has (`data/en-learned.txt` only): it is not
/// a cue after a determiner ("a statement", "the show") nor capitalised inside a sentence
/// ("the State Department").
pub(crate) const WEAK: u32 = 1 << 17;

/// A cue the classifier found where no lexicon has one (`cuemodel`): its content may be
/// the object right after it ("support Clinton").
pub(crate) const LEARNED: u32 = 1 << 18;

/// A raising verb ("seemed", "appears"): its subject is what is perceived, not a speaker.
pub(crate) const RAISING: u32 = 1 << 19;

/// An article (English): a cue right after one is a noun ("a call for"), with no speaker
/// before it.
pub(crate) const ARTICLE: u32 = 1 << 20;

/// Longest phrase, in tokens.
pub(crate) const MAX_PHRASE_TOKENS: usize = 4;

/// The phrases of one language (or of all three), keyed by their tokens' normalised forms
/// concatenated without separators, so that a phrase matches however the segmenter split
/// it ("d'après" = "d'" + "après", "according to" = "according" + "to").
pub(crate) struct Lexicon {
    phrases: HashMap<String, u32, BuildHasherDefault<KeyHasher>>,
}

/// Marks, in [`Lexicon::raw`], a key that is a proper prefix of a longer phrase's key: a
/// phrase lookup stops extending a key without it. Never among [`Lexicon::flags`].
pub(crate) const PREFIX: u32 = 1 << 31;

/// A fast hasher for the lexicon's short keys (the default one, built against collision
/// attacks, cost more than the rest of a lookup): eight bytes a step, multiplied and rotated.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(Self::K).rotate_left(26);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b) | (1 << 63));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

static FR: &str = include_str!("../data/fr.txt");
static EN: &str = include_str!("../data/en.txt");
static RU: &str = include_str!("../data/ru.txt");
/// Learned from PolNeAR train by `examples/learn_cues.rs` (see its card).
static EN_LEARNED: &str = include_str!("../data/en-learned.txt");

impl Lexicon {
    /// `sources` are hand-written lists; `learned` ones add [`WEAK`] to the verbs they
    /// bring.
    fn parse(sources: &[&str], learned: &[&str]) -> Lexicon {
        let mut phrases: HashMap<String, u32, BuildHasherDefault<KeyHasher>> = HashMap::default();
        let all = sources.iter().map(|s| (s, false));
        for (source, is_learned) in all.chain(learned.iter().map(|s| (s, true))) {
            let mut flag = 0u32;
            for line in source.lines() {
                // A comment may close a line ("noted  # 118/122").
                let line = line.split_once(" #").map_or(line, |(l, _)| l).trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    flag = match section {
                        "verbs" => VERB,
                        "bare" => BARE,
                        "aux" => AUX,
                        "according" => ACCORDING,
                        "that" => THAT,
                        "pronouns" => PRONOUN,
                        "clause" => CLAUSE,
                        "stop" => STOP,
                        "time" => TIME,
                        "relative" => RELATIVE,
                        "to" => TO,
                        "coord" => COORD,
                        "tell" => TELL,
                        "addressee" => ADDRESSEE,
                        "det" => DET,
                        "in" => IN,
                        "source" => SOURCE,
                        "raising" => RAISING,
                        "article" => ARTICLE,
                        _ => 0,
                    };
                    continue;
                }
                if flag == 0 {
                    continue;
                }
                let key: String = line
                    .split_whitespace()
                    .map(normalize)
                    .collect::<Vec<_>>()
                    .concat();
                let known = phrases.entry(key).or_insert(0);
                if is_learned && flag == VERB && *known & VERB == 0 {
                    // A function word ("about", "the") is no cue of its own.
                    if *known & (STOP | DET | THAT | TIME | AUX | PRONOUN | CLAUSE) != 0 {
                        continue;
                    }
                    *known |= WEAK;
                }
                *known |= flag;
            }
        }
        // Every proper prefix of a key (at a character boundary, the empty one included) is
        // marked, so that a phrase lookup knows when no longer key can match.
        let keys: Vec<String> = phrases.keys().cloned().collect();
        for key in keys {
            for (at, _) in key.char_indices() {
                *phrases.entry(key[..at].to_string()).or_insert(0) |= PREFIX;
            }
        }
        Lexicon { phrases }
    }

    /// The flags of the phrase whose key is `key` (0 when unknown).
    pub(crate) fn flags(&self, key: &str) -> u32 {
        self.raw(key) & !PREFIX
    }

    /// The flags of `key` with [`PREFIX`] when a longer key starts with it.
    pub(crate) fn raw(&self, key: &str) -> u32 {
        self.phrases.get(key).copied().unwrap_or(0)
    }
}

/// The lexicon for `lang`: its own, all three merged when the language is unknown or another.
pub(crate) fn for_lang(lang: Option<LangCode>) -> &'static Lexicon {
    static CELLS: [OnceLock<Lexicon>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let (i, sources): (usize, &[&str]) = match lang {
        Some(LangCode::FR) => (0, &[FR]),
        Some(LangCode::EN) => (1, &[EN]),
        Some(LangCode::RU) => (2, &[RU]),
        _ => (3, &[FR, EN, RU]),
    };
    let learned: &[&str] = match lang {
        Some(LangCode::FR) | Some(LangCode::RU) => &[],
        _ => &[EN_LEARNED],
    };
    CELLS[i].get_or_init(|| Lexicon::parse(sources, learned))
}

/// A token's form for matching: lower case, typographic apostrophes made straight, a leading
/// hyphen dropped ("-t-il" → "t-il"), "ё" read as "е".
pub(crate) fn normalize(token: &str) -> String {
    let mut out = String::new();
    normalize_into(token, &mut out);
    out
}

/// [`normalize`], appending to `out`.
pub(crate) fn normalize_into(token: &str, out: &mut String) {
    let token = token.strip_prefix('-').unwrap_or(token);
    if token.is_ascii() {
        out.extend(token.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    out.extend(token.chars().flat_map(char::to_lowercase).map(|c| match c {
        '’' | 'ʼ' | '‘' => '\'',
        'ё' => 'е',
        c => c,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_however_split() {
        let fr = for_lang(Some(LangCode::FR));
        assert_ne!(fr.flags("d'après") & ACCORDING, 0);
        assert_ne!(fr.flags("sesouvient") & VERB, 0);
        assert_ne!(fr.flags("il") & PRONOUN, 0);
        assert_eq!(fr.flags("maintien"), 0);
        let en = for_lang(Some(LangCode::EN));
        assert_ne!(en.flags("accordingto") & ACCORDING, 0);
        // A key's prefixes are marked for phrase lookups, never flagged.
        assert_ne!(en.raw("accordingt") & PREFIX, 0);
        assert_eq!(en.flags("accordingt"), 0);
        assert_eq!(en.raw("accordingto") & PREFIX, 0);
        assert_ne!(en.flags("said") & BARE, 0);
        // Learned: a verb with its infinitive, its trailing comment not part of the form.
        assert_ne!(en.flags("vowed") & TO, 0);
        assert_ne!(en.flags("vowed") & VERB, 0);
        assert_eq!(en.flags("according") & VERB, 0);
        // Learned forms no hand-written list has are weak; function words are no cues.
        assert_ne!(en.flags("applauded") & WEAK, 0);
        assert_eq!(en.flags("said") & WEAK, 0);
        assert_eq!(en.flags("about") & VERB, 0);
        let ru = for_lang(Some(LangCode::RU));
        assert_ne!(ru.flags("поданным") & ACCORDING, 0);
        assert_ne!(ru.flags("заявила") & VERB, 0);
        assert_eq!(normalize("-t-Il"), "t-il");
        assert_eq!(normalize("D’"), "d'");
    }
}
