//! From tokens to quantities: numbers in digits and words, then bounds, units, ranges and
//! what is counted around them.

use doc::{Bound, Counted, Quantity, QuantityKind, SiValue, TextRange};

use crate::lexicon::{Class, Cue, Lang, Lexicon, PTok, WordInfo};
use crate::scan::{Kind, Tok};

/// A number expression over tokens `start..end`.
#[derive(Clone, Copy, Debug)]
struct Num {
    start: usize,
    end: usize,
    value: f64,
    ordinal: bool,
    /// Only the indefinite article ("un", "a"): a number only when it counts something.
    article: bool,
    /// Written in words only.
    words: bool,
    /// Ends with a scale or vague word ("millions", "milliers"): "de"/"of" may follow.
    scaled: bool,
    bound: Bound,
    /// A plain integer of four digits in 1000..=2199 with no grouping: a year unless a unit
    /// or a cue says otherwise.
    year_like: bool,
    /// The last scale word's value ("six millions" → 1e6; 1 without one): "and a half"
    /// after it is half of that scale.
    last_scale: f64,
    /// A unit read with the number ("полчаса", a bare "час"): index into the units.
    unit: Option<usize>,
}

/// A quantity under construction (token indices).
#[derive(Clone, Debug)]
struct Cand {
    start: usize,
    end: usize,
    num: Num,
    value_max: Option<f64>,
    bound: Bound,
    unit: Option<usize>,
    counted: Option<(usize, usize)>,
    cued: bool,
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub lower: &'a str,
    pub toks: &'a [Tok],
    pub lang: Option<Lang>,
    pub lex: &'a Lexicon,
}

impl Ctx<'_> {
    fn raw(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }
    fn low(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.start..t.end]
    }
    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }
    fn is_sym(&self, i: usize, set: &[&str]) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Sym && set.contains(&self.raw(i))
    }
    fn is_apos(&self, i: usize) -> bool {
        self.is_sym(i, &["'", "’", "ʼ", "‘"])
    }
    /// Token `i` continues the line (white space without a line break before it).
    fn near(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].gap < 2
    }
    fn word_info(&self, i: usize) -> Option<WordInfo> {
        if !self.is_word(i) {
            return None;
        }
        let w = self.low(i);
        self.lex
            .word(self.lang, w)
            .or_else(|| self.ordinal_typo(i, w))
    }

    /// A French unit ordinal misspelt by one letter at the end of a hyphenated number
    /// ("dix-huirième" = dix-huitième): the ordinal it is one edit away from.
    fn ordinal_typo(&self, i: usize, w: &str) -> Option<WordInfo> {
        const UNITS: [&str; 9] = [
            "unième",
            "deuxième",
            "troisième",
            "quatrième",
            "cinquième",
            "sixième",
            "septième",
            "huitième",
            "neuvième",
        ];
        if matches!(self.lang, Some(Lang::En) | Some(Lang::Ru))
            || !(w.ends_with("ème") || w.ends_with("eme"))
            || i < 2
            || self.toks[i].gap != 0
            || self.toks[i - 1].gap != 0
            || !self.is_sym(i - 1, &["-"])
            || !self.is_word(i - 2)
            || self.lex.word(self.lang, self.low(i - 2)).is_none()
        {
            return None;
        }
        let w = w.replace('è', "e");
        let mut found = UNITS.iter().filter(|u| one_edit(&w, &u.replace('è', "e")));
        let form = found.next()?;
        if found.next().is_some() {
            return None;
        }
        self.lex.word(Some(Lang::Fr), form)
    }
    fn low_is(&self, i: usize, set: &[&str]) -> bool {
        self.is_word(i) && set.contains(&self.low(i))
    }

    /// Matches a phrase forward from token `i`; returns the end (exclusive).
    fn match_fwd(&self, i: usize, phrase: &[PTok]) -> Option<usize> {
        let mut j = i;
        for (k, p) in phrase.iter().enumerate() {
            if j >= self.toks.len() || (k > 0 && !self.near(j)) {
                return None;
            }
            if !self.tok_eq(j, p) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Matches a phrase ending just before token `end`; returns its first token.
    fn match_back(&self, end: usize, floor: usize, phrase: &[PTok]) -> Option<usize> {
        if end < floor + phrase.len() {
            return None;
        }
        let start = end - phrase.len();
        for (k, p) in phrase.iter().enumerate() {
            let j = start + k;
            if (k > 0 && !self.near(j)) || !self.tok_eq(j, p) {
                return None;
            }
        }
        Some(start)
    }

    fn tok_eq(&self, j: usize, p: &PTok) -> bool {
        if p.text == "'" {
            return self.is_apos(j);
        }
        if p.case_sensitive {
            self.raw(j) == p.text
        } else {
            self.low(j) == p.text
        }
    }

    fn key(&self, j: usize) -> &str {
        if self.is_apos(j) { "'" } else { self.low(j) }
    }

    fn unit_after(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.toks.len() || !self.near(i) {
            return None;
        }
        let cands = self.lex.unit_phrases.by_first.get(self.key(i))?;
        for (phrase, unit) in cands {
            if let Some(end) = self.match_fwd(i, phrase) {
                // "a $ 300 million", "1 $10": a currency sign before a number is that
                // number's.
                if self.toks[i].kind == Kind::Sym
                    && self.lex.units[*unit].dimension == "money"
                    && self
                        .toks
                        .get(end)
                        .is_some_and(|t| t.kind == Kind::Num && t.gap <= 1)
                {
                    continue;
                }
                // "173C", "14.7C/", "800,000 F-Series", "2021 C.P.I.": a one-letter unit
                // glued to a hyphen, slash or point and more is a code.
                if end == i + 1
                    && self.raw(i).len() == 1
                    && self.toks[i].kind == Kind::Word
                    && self.is_sym(end, &["-", "/", "."])
                    && self.toks[end].gap == 0
                    && self.toks.get(end + 1).is_some_and(|t| t.gap == 0)
                {
                    continue;
                }
                // French "second" is the adjective ("un second tour"); the unit is
                // "seconde".
                if self.lang == Some(Lang::Fr) && end == i + 1 && self.low_is(i, &["second"]) {
                    continue;
                }
                // English "an" is the article ("half an hour"), not the French year.
                if self.lang == Some(Lang::En) && end == i + 1 && self.low_is(i, &["an"]) {
                    continue;
                }
                // A unit word must end at a word boundary.
                if end < self.toks.len()
                    && self.toks[end].gap == 0
                    && self.toks[end - 1].kind == Kind::Word
                    && matches!(self.toks[end].kind, Kind::Word | Kind::Num)
                {
                    continue;
                }
                return Some((*unit, end));
            }
        }
        None
    }

    /// A currency written before the number ("$ 10", "EUR 20"), ending at token `end`.
    fn unit_before(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        if end == 0 || end <= floor {
            return None;
        }
        let cands = self.lex.unit_phrases.by_last.get(self.key(end - 1))?;
        for (phrase, unit) in cands {
            if let Some(start) = self.match_back(end, floor, phrase) {
                if self.lex.units[*unit].dimension != "money" {
                    continue;
                }
                if start > 0
                    && self.toks[start].gap == 0
                    && self.toks[start].kind == Kind::Word
                    && self.toks[start - 1].kind == Kind::Word
                {
                    continue;
                }
                return Some((*unit, start));
            }
        }
        None
    }

    fn cue_before(&self, end: usize, floor: usize) -> Option<(Cue, usize)> {
        if end == 0 || end <= floor {
            return None;
        }
        let cands = self.lex.cues_before.by_last.get(self.key(end - 1))?;
        for (phrase, cue) in cands {
            if let Some(start) = self.match_back(end, floor, phrase) {
                return Some((*cue, start));
            }
        }
        None
    }

    fn cue_after(&self, i: usize) -> Option<(Cue, usize)> {
        if i >= self.toks.len() || !self.near(i) {
            return None;
        }
        let cands = self.lex.cues_after.by_first.get(self.key(i))?;
        for (phrase, cue) in cands {
            if let Some(end) = self.match_fwd(i, phrase) {
                return Some((*cue, end));
            }
        }
        None
    }
}

/// Ordinal suffixes of digits ("1er", "2e", "3rd", "4-й").
fn ordinal_suffix(lang: Option<Lang>, s: &str) -> bool {
    const FR: [&str; 16] = [
        "er", "re", "ère", "ere", "e", "ème", "eme", "ieme", "ième", "es", "èmes", "emes", "ers",
        "eres", "ères", "d",
    ];
    const EN: [&str; 4] = ["st", "nd", "rd", "th"];
    const RU: [&str; 30] = [
        "й", "ый", "ий", "ой", "ая", "яя", "я", "ое", "ее", "е", "го", "ого", "его", "ым", "им",
        "ом", "ем", "му", "ому", "ему", "ую", "ю", "х", "ых", "их", "ье", "ья", "ьи", "ьего", "ые",
    ];
    let fr = FR.contains(&s) || s == "nd";
    let en = EN.contains(&s);
    let ru = RU.contains(&s);
    match lang {
        Some(Lang::Fr) => fr,
        Some(Lang::En) => en,
        Some(Lang::Ru) => ru,
        None => fr || en || ru,
    }
}

/// `a` and `b` differ by exactly one substitution, insertion or deletion.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let p = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[p + 1..] == long[p + 1..]
    } else {
        short[p..] == long[p + 1..]
    }
}

/// Glued or spaced multiplier letters after digits ("3.6k", "10M", "100К", "2bn").
fn multiplier(raw: &str, glued: bool) -> Option<f64> {
    Some(match raw {
        "k" | "K" | "к" | "К" => 1e3,
        "M" | "М" | "MM" | "mln" | "mn" | "млн" => 1e6,
        "G" | "Г" | "bn" | "bln" | "млрд" | "B" => 1e9,
        "tn" | "tln" | "трлн" => 1e12,
        "mil" if glued => 1e6,
        "b" if glued => 1e9,
        "m" if glued => return None,
        _ => return None,
    })
}

impl Ctx<'_> {
    /// A number expression at token `i` (digits or words), without bound or unit, with
    /// what may follow it: a fraction ("one twenty-fifth", "three and a half", "1 in 5").
    fn number(&self, i: usize) -> Option<Num> {
        let n = self.number_core(i)?;
        Some(self.fraction_tail(n))
    }

    /// What follows a number and makes one value with it.
    fn fraction_tail(&self, mut n: Num) -> Num {
        if n.ordinal || !n.value.is_finite() {
            return n;
        }
        let k = n.end;
        if k >= self.toks.len() || !self.near(k) || self.toks[k].gap == 0 {
            return n;
        }
        // "one twenty-fifth", "un vingt-cinquième", "three twenty-firsts": a numerator then
        // a compound ordinal as denominator (plural, or singular after "one"/"un"/"une").
        if n.words
            && n.value >= 1.0
            && n.value.fract() == 0.0
            && let Some(d) = self.number_core(k)
            && d.ordinal
            && d.words
            && d.value >= 3.0
        {
            let plural = self.plural_ord(d.end - 1);
            let one = n.value == 1.0 && n.end == n.start + 1 && !self.low_is(n.start, &["a", "an"]);
            if plural || one {
                n.value /= d.value;
                n.end = d.end;
                n.article = false;
                return n;
            }
        }
        // "three and a half", "cent trois et deux tiers", "one million and a half", "five
        // and a half million", "пять с половиной".
        let connector = self.low_is(k, &["and", "et", "и"])
            || (self.low_is(k, &["с"]) && self.low_is(k + 1, &["половиной", "четвертью"]));
        if connector
            && n.value >= 1.0
            && self.near(k + 1)
            && let Some(f) = self.number_core(k + 1)
            && f.words
            && !f.ordinal
            && f.value > 0.0
            && (f.value < 1.0 || f.scaled && f.last_scale > 1.0 && f.value < f.last_scale)
        {
            let mut value = n.value;
            let mut end = f.end;
            // "a half million" after "five and": the scale applies to the whole.
            let scale_in_f = (f.value >= 1.0).then_some(f.last_scale);
            let scale = scale_in_f.or_else(|| {
                self.word_info(f.end)
                    .filter(|s| s.class == Class::Scale && self.near(f.end))
                    .map(|s| {
                        end = f.end + 1;
                        s.value
                    })
            });
            let fv = scale_in_f.map_or(f.value, |s| f.value / s);
            if let Some(s) = scale {
                let s = WordInfo {
                    class: Class::Scale,
                    value: s,
                    vague: None,
                };
                let f = Num { value: fv, ..f };
                if n.last_scale > s.value {
                    value += f.value * s.value;
                } else {
                    value = (value + f.value) * s.value;
                }
                n.last_scale = n.last_scale.max(s.value);
                n.scaled = true;
            } else {
                value += f.value * n.last_scale;
            }
            n.value = value;
            n.end = end;
            n.article = false;
            n.year_like = false;
            return n;
        }
        // "one over three", "un sur trois", "one out of three", "1 in 5", "один из трёх".
        let (over, after) = if self.low_is(k, &["out"]) && self.low_is(k + 1, &["of"]) {
            (true, k + 2)
        } else {
            (self.low_is(k, &["over", "sur", "in", "из"]), k + 1)
        };
        // "over" is also "more than": between numbers it divides only when the second
        // closes the phrase ("2000 over 3", not "$2000 over 3 years").
        let closes = |m: &Num| !self.is_word(m.end) || !self.near(m.end);
        let said_over = self.low_is(k, &["over"]);
        if over
            && (!n.year_like || said_over)
            && n.value >= 0.0
            && n.value.fract() == 0.0
            && self.near(after)
            && let Some(m) = self.number_core(after)
            && !m.ordinal
            && !m.year_like
            && !m.article
            && m.value > 0.0
            && (m.value >= n.value || said_over)
            && m.value.fract() == 0.0
            && self.unit_after(m.end).is_none()
            && !(self.toks[after].kind == Kind::Num && self.toks[after].num.grouped)
            && (!said_over || closes(&m))
        {
            n.value /= m.value;
            n.end = m.end;
            n.article = false;
            n.year_like = false;
            n.scaled = false;
            return n;
        }
        // "two thirds of a million", "half a million".
        if n.words && n.value < 1.0 && n.value > 0.0 {
            let mut j = k;
            if self.low_is(j, &["of", "d", "de"]) {
                j += 1;
                if self.is_apos(j) {
                    j += 1;
                }
            }
            if self.low_is(j, &["a", "un"]) {
                j += 1;
            }
            if j > k
                && let Some(s) = self.word_info(j)
                && s.class == Class::Scale
                && self.near(j)
            {
                n.value *= s.value;
                n.end = j + 1;
                n.scaled = true;
                n.last_scale = s.value;
            }
        }
        n
    }

    /// The word at `i` is a plural ordinal ("fifths", "cinquièmes").
    fn plural_ord(&self, i: usize) -> bool {
        let w = self.low(i);
        w.ends_with('s') && !w.ends_with("ss") && self.lang != Some(Lang::Ru)
    }

    /// A number expression at token `i` (digits or words), without bound or unit.
    fn number_core(&self, i: usize) -> Option<Num> {
        let t = self.toks.get(i)?;
        let mut n = Num {
            start: i,
            end: i,
            value: 0.0,
            ordinal: false,
            article: false,
            words: t.kind == Kind::Word,
            scaled: false,
            bound: Bound::Exact,
            year_like: false,
            last_scale: 1.0,
            unit: None,
        };
        if t.kind == Kind::Num {
            if t.num.junk || !t.num.value.is_finite() {
                return None;
            }
            n.value = t.num.value;
            n.end = i + 1;
            let next = i + 1;
            // Ordinals in digits.
            if self.toks.get(next).is_some_and(|x| x.gap == 0) {
                let (suffix_at, hyphen) = if self.is_sym(next, &["-"]) && self.is_word(next + 1) {
                    (next + 1, true)
                } else {
                    (next, false)
                };
                if self.is_word(suffix_at)
                    && (!hyphen || self.toks[suffix_at].gap == 0)
                    && !t.num.frac
                    && ordinal_suffix(self.lang, self.low(suffix_at))
                    && !(suffix_at + 1 < self.toks.len()
                        && self.toks[suffix_at + 1].gap == 0
                        && self.toks[suffix_at + 1].kind == Kind::Word)
                {
                    n.ordinal = true;
                    n.end = suffix_at + 1;
                    return Some(n);
                }
                // Glued multiplier.
                if self.is_word(next)
                    && let Some(m) = multiplier(self.raw(next), true)
                    && !(self.is_word(next + 1) && self.toks[next + 1].gap == 0)
                {
                    n.value *= m;
                    n.end = next + 1;
                    n.scaled = true;
                    return Some(self.digit_tail(n));
                }
                // "1/5", "-4/5": a fraction, unless part of a date chain.
                if self.is_sym(next, &["/"])
                    && self.toks.get(next + 1).is_some_and(|x| {
                        x.kind == Kind::Num && x.gap == 0 && !x.num.junk && x.num.value > 0.0
                    })
                {
                    n.value /= self.toks[next + 1].num.value;
                    n.end = next + 2;
                    return Some(n);
                }
            }
            n.year_like = !t.num.grouped
                && !t.num.frac
                && t.num.int_digits == 4
                && (1000.0..=2199.0).contains(&n.value);
            return Some(self.digit_tail(n));
        }
        self.word_number(n)
    }

    /// After digits: spaced scale words and multipliers ("1,5 million", "2 млрд", "3 hundred
    /// and 21", "10 1/2").
    fn digit_tail(&self, mut n: Num) -> Num {
        let j = n.end;
        if !self.near(j) || j >= self.toks.len() || self.toks[j].gap == 0 && !n.scaled {
            // Glued words were handled by the caller.
            if !(j < self.toks.len() && self.toks[j].gap == 0 && self.toks[j].kind == Kind::Word) {
                return n;
            }
        }
        if j >= self.toks.len() {
            return n;
        }
        if let Some(info) = self.word_info(j) {
            match info.class {
                Class::Scale | Class::Hundred => {
                    let word = self.low(j);
                    // "milles" closes as miles unless more number words follow.
                    if word == "milles" && self.word_info(j + 1).is_none() {
                        return n;
                    }
                    // "23 cents" after digits are cents, not hundreds.
                    if word == "cents" && info.class == Class::Hundred {
                        return n;
                    }
                    n.value *= info.value;
                    n.end = j + 1;
                    n.scaled = info.class == Class::Scale;
                    if n.scaled {
                        n.last_scale = info.value;
                    }
                    n.year_like = false;
                    // "3 hundred and 21", "4 thousand 3 hundred".
                    let mut k = n.end;
                    if self.low_is(k, &["and"]) {
                        k += 1;
                    }
                    if let Some(rest) = self.number(k)
                        && !rest.ordinal
                        && !rest.article
                        && rest.value < info.value
                        && rest.value >= 1.0
                        && rest.value.fract() == 0.0
                        && self.near(k)
                    {
                        n.value += rest.value;
                        n.end = rest.end;
                        n.scaled = rest.scaled;
                    }
                    return n;
                }
                Class::AtLeast => {
                    n.value *= info.value;
                    n.end = j + 1;
                    n.year_like = false;
                    return n;
                }
                Class::About if !self.low(j).ends_with('s') || info.value == 12.0 => {
                    n.value *= info.value;
                    n.end = j + 1;
                    n.year_like = false;
                    return n;
                }
                _ => {}
            }
        }
        if self.toks[j].gap <= 1
            && self.toks[j].kind == Kind::Word
            && let Some(m) = multiplier(self.raw(j), false)
            && !(self.is_word(j + 1) && self.toks[j + 1].gap == 0)
        {
            n.value *= m;
            n.end = j + 1;
            n.scaled = true;
            n.last_scale = m;
            n.year_like = false;
            return n;
        }
        // "5 ½": a vulgar fraction after a space.
        if let Some(t) = self.toks.get(j)
            && t.kind == Kind::Num
            && t.gap == 1
            && t.num.value < 1.0
            && n.value.fract() == 0.0
            && !self.toks[n.end - 1].num.frac
            && self.raw(j).chars().count() == 1
            && !self.raw(j).is_ascii()
        {
            n.value += t.num.value;
            n.end = j + 1;
            n.year_like = false;
            return n;
        }
        // "10 1/2".
        if let Some(t) = self.toks.get(j)
            && t.kind == Kind::Num
            && t.gap == 1
            && self.is_sym(j + 1, &["/"])
            && self
                .toks
                .get(j + 2)
                .is_some_and(|x| x.kind == Kind::Num && x.gap == 0)
            && self.toks[j + 1].gap == 0
            && n.value.fract() == 0.0
        {
            let (a, b) = (t.num.value, self.toks[j + 2].num.value);
            if b > a && b > 0.0 && !t.num.junk {
                n.value += a / b;
                n.end = j + 3;
                n.year_like = false;
            }
        }
        // "1 virgule 5", "1 point 1".
        if let Some(end) = self.decimal_words(j, &mut n.value) {
            n.end = end;
        }
        n
    }

    /// "virgule"/"point"/"точка" then digits or digit words: the decimals.
    fn decimal_words(&self, j: usize, value: &mut f64) -> Option<usize> {
        if !self.low_is(j, &["virgule", "point", "точка", "запятая"]) || value.fract() != 0.0
        {
            return None;
        }
        let mut k = j + 1;
        let mut digits = String::new();
        while k < self.toks.len() && self.near(k) {
            if self.toks[k].kind == Kind::Num && !self.toks[k].num.frac {
                digits.push_str(self.raw(k));
                k += 1;
                break;
            }
            let Some(info) = self.word_info(k) else { break };
            match info.class {
                Class::Unit | Class::Teen | Class::Tens => {
                    // "soixante-quinze": one group.
                    let mut v = info.value;
                    let mut e = k + 1;
                    if self.is_sym(e, &["-"])
                        && let Some(u) = self.word_info(e + 1)
                        && matches!(u.class, Class::Unit | Class::Teen)
                        && info.class == Class::Tens
                    {
                        v += u.value;
                        e += 2;
                    } else if info.class == Class::Tens
                        && let Some(u) = self.word_info(e)
                        && matches!(u.class, Class::Unit)
                        && u.value > 0.0
                    {
                        v += u.value;
                        e += 1;
                    }
                    digits.push_str(&format!("{v}"));
                    k = e;
                }
                Class::Article if info.value == 1.0 => {
                    digits.push('1');
                    k += 1;
                }
                _ => break,
            }
        }
        if digits.is_empty() {
            return None;
        }
        let frac: f64 = format!("0.{digits}").parse().ok()?;
        *value += frac;
        Some(k)
    }

    /// A number in words starting at `n.start`.
    fn word_number(&self, mut n: Num) -> Option<Num> {
        let i = n.start;
        let first = self.word_info(i)?;
        let mut total = 0.0f64;
        let mut cur = 0.0f64;
        let mut last: Option<(Class, f64)> = None;
        let mut last_scale = f64::INFINITY;
        let mut j = i;
        let mut end = i;
        let mut any = false;
        let mut article = false;
        // Elements for fractions: value of the number before the current compound.
        let mut numerator: Option<f64> = None;
        let mut compound_start_value = 0.0;
        let mut bound = Bound::Exact;
        // The last tens word and whether "and" led to it ("one hundred and thirty").
        let mut via_and = false;
        let mut last_tens = (0.0f64, false);
        // The value before an "and" and what a fraction after it is of: "two million and
        // one half" = 2 000 000 + ½ × 1 000 000; "one hundred and three quarters" = 100 + ¾.
        let mut and_mark: Option<(f64, f64)> = None;

        // A vague plural at the start: "des milliers", "thousands", "сотни"; a scale word
        // after "several" ("several thousand", "plusieurs mille").
        let several = matches!(first.class, Class::Hundred | Class::Scale)
            && i > 0
            && self.toks[i].gap > 0
            && self.low_is(i - 1, &["several", "plusieurs", "несколько"]);
        if let Some(v) = first
            .vague
            .or(several.then_some(first.value))
            .filter(|_| several || first.class == Class::AtLeast || !self.prev_is_number(i))
        {
            let mut value = v;
            let mut e = i + 1;
            // "des dizaines de milliers".
            if self.low_is(e, &["de", "d", "of"]) {
                let k = if self.is_apos(e + 1) { e + 2 } else { e + 1 };
                if let Some(w) = self.word_info(k)
                    && let Some(v2) = w.vague
                    && v2 > v
                {
                    value *= v2;
                    e = k + 1;
                }
            } else if let Some(w) = self.word_info(e)
                && let Some(v2) = w.vague
                && v2 > v
            {
                value *= v2;
                e += 1;
            }
            n.value = value;
            n.end = e;
            n.bound = Bound::AtLeast;
            n.scaled = true;
            return Some(n);
        }
        if first.class == Class::AtLeast {
            return None;
        }

        while let Some(mut info) = self.word_info(j) {
            if j > i && !self.near(j) {
                break;
            }
            // "vingt et un", "quatre-vingt-un": the article inside a number is one.
            if info.class == Class::Article && last.is_some() {
                info = WordInfo {
                    class: Class::Unit,
                    value: 1.0,
                    vague: None,
                };
            }
            // "two hundred dozens", "trois milliers": a vague plural after a number multiplies.
            if info.class == Class::AtLeast && last.is_some() {
                info = WordInfo {
                    class: Class::About,
                    value: info.value,
                    vague: None,
                };
            }
            let prev = last.map(|l| l.0);
            let ok = match info.class {
                Class::Article => prev.is_none(),
                Class::Unit => match prev {
                    None => true,
                    Some(Class::Tens) => cur % 10.0 == 0.0 && info.value > 0.0 && info.value < 10.0,
                    Some(Class::Teen) => {
                        // "dix sept".
                        self.lang != Some(Lang::En)
                            && last.map(|l| l.1) == Some(10.0)
                            && info.value >= 7.0
                            && cur % 20.0 == 10.0
                    }
                    Some(Class::Hundred) | Some(Class::Scale) => info.value > 0.0,
                    _ => false,
                },
                Class::Teen => match prev {
                    None | Some(Class::Hundred) | Some(Class::Scale) => true,
                    Some(Class::Tens) => {
                        // "soixante-dix", "quatre-vingt-douze", "сто пятнадцать".
                        let l = last.map_or(0.0, |l| l.1);
                        (self.lang != Some(Lang::En) && (l == 60.0 || l == 80.0))
                            || (l >= 100.0 && cur % 100.0 == 0.0)
                    }
                    _ => false,
                },
                Class::Tens => match prev {
                    None | Some(Class::Hundred) | Some(Class::Scale) => cur % 100.0 == 0.0,
                    // "quatre vingt".
                    Some(Class::Unit) => {
                        self.lang != Some(Lang::En)
                            && self.lang != Some(Lang::Ru)
                            && last.map(|l| l.1) == Some(4.0)
                            && info.value == 20.0
                    }
                    // "сто двадцать".
                    Some(Class::Tens) => {
                        let l = last.map_or(0.0, |l| l.1);
                        l >= 100.0 && info.value < 100.0 && cur % 100.0 == 0.0
                    }
                    _ => false,
                },
                Class::Hundred => {
                    matches!(
                        prev,
                        None | Some(Class::Unit) | Some(Class::Teen) | Some(Class::Article)
                    ) && cur < 100.0
                        || (prev == Some(Class::Tens) && cur < 100.0 && self.lang == Some(Lang::En))
                        || (prev == Some(Class::Scale))
                }
                Class::Scale => {
                    let word = self.low(j);
                    let miles = word == "milles" && self.word_info(j + 1).is_none();
                    !miles
                        && (info.value < last_scale
                            || (prev == Some(Class::Scale)
                                && cur == 0.0
                                && info.value > last_scale))
                        && (prev.is_some() || matches!(word, "mille" | "тысяча" | "тысячу" | "mil"))
                }
                Class::Ord | Class::OrdUnit => true,
                Class::Denom | Class::Half => true,
                // "a couple", "une paire": a small collective needs a determiner;
                // "quelques" is its own.
                Class::About => {
                    prev.is_some()
                        || info.value >= 8.0
                        || (self.low(j) == "quelques"
                            && self.toks.get(j + 1).is_none_or(|t| t.kind != Kind::Num)
                            && self.word_info(j + 1).is_none_or(|w| {
                                matches!(w.class, Class::Hundred | Class::Scale | Class::AtLeast)
                            }))
                }
                Class::AtLeast => false,
            };
            if !ok {
                break;
            }
            any = true;
            match info.class {
                Class::Article => {
                    article = true;
                    cur = 1.0;
                }
                Class::Unit | Class::Teen => cur += info.value,
                Class::Tens if prev != Some(Class::Unit) => {
                    last_tens = (info.value, via_and);
                    cur += info.value;
                }
                Class::Tens => {
                    if prev == Some(Class::Unit) {
                        // "quatre vingt": 4 × 20.
                        cur = cur - 4.0 + 80.0;
                        last = Some((Class::Tens, 80.0));
                        end = j + 1;
                        j += 1;
                        if self.is_sym(j, &["-", "‑"]) && self.word_info(j + 1).is_some() {
                            j += 1;
                        }
                        continue;
                    } else {
                        cur += info.value;
                    }
                }
                Class::Hundred => {
                    if prev == Some(Class::Scale) {
                        cur = 100.0;
                    } else {
                        cur = if cur == 0.0 { 100.0 } else { cur * 100.0 };
                    }
                }
                Class::Scale => {
                    if prev == Some(Class::Scale) && info.value > last_scale {
                        // "three thousand millions", "three lakh crore".
                        total *= info.value;
                    } else {
                        let m = if cur == 0.0 { 1.0 } else { cur };
                        total += m * info.value;
                    }
                    cur = 0.0;
                    last_scale = info.value;
                    n.scaled = true;
                    n.last_scale = info.value;
                }
                Class::Ord | Class::OrdUnit => {
                    let value_before = total + cur;
                    let plural = {
                        let w = self.low(j);
                        w.ends_with('s') && !w.ends_with("ss") && self.lang != Some(Lang::Ru)
                    };
                    let denominator_ok = info.value >= 3.0 || info.class == Class::OrdUnit;
                    // "dix-septième", "soixante-dix-neuvième": "dix" then a unit ordinal is
                    // one compound ordinal in French, never ten sevenths.
                    let teen_unit = prev == Some(Class::Teen)
                        && self.lang != Some(Lang::En)
                        && self.lang != Some(Lang::Ru)
                        && last.map(|l| l.1) == Some(10.0)
                        && (7.0..=9.0).contains(&info.value)
                        && cur % 20.0 == 10.0
                        && !plural;
                    let en = self.lang == Some(Lang::En);
                    if prev == Some(Class::Unit)
                        && !en
                        && last.map(|l| l.1) == Some(4.0)
                        && info.value == 20.0
                    {
                        // "quatre-vingtième".
                        let v = value_before - 4.0 + 80.0;
                        if plural {
                            n.value = (value_before - 4.0).max(1.0) / 80.0;
                        } else {
                            n.value = v;
                            n.ordinal = true;
                        }
                    } else if en
                        && plural
                        && prev == Some(Class::Tens)
                        && info.value < 10.0
                        && !last_tens.1
                        && value_before - last_tens.0 > 0.0
                    {
                        // "one hundred thirty fifths" = 100/35 ("one hundred and thirty
                        // fifths" = 130/5 below).
                        n.value = (value_before - last_tens.0) / (last_tens.0 + info.value);
                    } else if matches!(prev, Some(Class::Unit) | Some(Class::Teen))
                        && !plural
                        && info.value >= 100.0
                    {
                        // "deux centième", "three trillionth": an ordinal.
                        n.value = value_before * info.value;
                        n.ordinal = true;
                    } else if article
                        && prev == Some(Class::Article)
                        && !plural
                        && self.lang != Some(Lang::Ru)
                        && self.ordinal_adjective(j, info.value)
                    {
                        // "a sixth generation", "a second view", "une troisième voie": an
                        // ordinal before its noun.
                        n.start = j;
                        n.value = info.value;
                        n.ordinal = true;
                    } else if article && prev == Some(Class::Article) && denominator_ok {
                        // "un cinquième", "a fifth".
                        n.value = 1.0 / info.value;
                    } else if prev.is_some()
                        && denominator_ok
                        && plural
                        && let Some((before, mult)) = and_mark
                        && value_before - before > 0.0
                        && value_before - before < info.value
                    {
                        // "two million and three fifths", "two hundred and fifty-four
                        // hundredths": a proper fraction after "and" is the fractional part.
                        n.value = before + (value_before - before) / info.value * mult;
                    } else if prev.is_some() && denominator_ok && plural && value_before > 0.0 {
                        // "three fifths", "cent trente cinquièmes".
                        n.value = value_before / info.value;
                    } else if matches!(prev, Some(Class::Unit) | Some(Class::Teen))
                        && denominator_ok
                        && self.lang != Some(Lang::Ru)
                        && info.class == Class::Ord
                        && !teen_unit
                    {
                        // "trois cinquième".
                        n.value = value_before / info.value;
                    } else if prev.is_none()
                        || matches!(
                            prev,
                            Some(Class::Tens) | Some(Class::Hundred) | Some(Class::Scale)
                        )
                        || info.class == Class::OrdUnit
                        || teen_unit
                    {
                        // "vingt et unième", "twenty-first", "двадцать первый".
                        let v = if info.value >= 100.0 && prev.is_some() {
                            value_before.max(1.0) * info.value
                        } else {
                            value_before + info.value
                        };
                        if let Some(num) = numerator {
                            n.value = num / (v - compound_start_value).max(1.0);
                        } else {
                            n.value = v;
                            n.ordinal = true;
                        }
                    } else {
                        break;
                    }
                    n.end = j + 1;
                    n.bound = bound;
                    n.words = true;
                    return Some(n);
                }
                Class::Denom => {
                    let den = info.value;
                    let num = total + cur;
                    // The fraction after "and" and what it is added to: "one billion and
                    // three quarters million" = 1e9 + ¾ × 1e6.
                    let mut after_and: Option<(f64, f64, f64)> = None;
                    if prev.is_none() {
                        // "quart de litre", "half".
                        n.value = 1.0 / den;
                    } else if let Some((before, mult)) = and_mark
                        && num - before > 0.0
                        && num - before < den
                        && matches!(prev, Some(Class::Unit) | Some(Class::Teen))
                    {
                        // "one hundred and three quarters", "two million and one half".
                        n.value = before + (num - before) / den * mult;
                        after_and = Some((before, (num - before) / den, mult));
                    } else if matches!(
                        prev,
                        Some(Class::Unit) | Some(Class::Article) | Some(Class::Teen)
                    ) {
                        n.value = num / den;
                    } else {
                        break;
                    }
                    n.end = j + 1;
                    // "half an hour", "half a mile": the article belongs to the unit.
                    if self.low_is(n.end, &["a", "an"])
                        && self.near(n.end)
                        && self.unit_after(n.end + 1).is_some()
                    {
                        n.end += 1;
                        return Some(n);
                    }
                    // "half a million", "half million", "un demi-million", "half a dozen".
                    let mut k = n.end;
                    if self.low_is(k, &["a"]) || self.is_sym(k, &["-"]) && self.toks[k].gap == 0 {
                        k += 1;
                    }
                    if let Some(s) = self.word_info(k)
                        && matches!(s.class, Class::Scale | Class::About)
                        && self.near(k)
                        && (s.class == Class::Scale || s.value >= 10.0)
                    {
                        n.value = match after_and {
                            Some((before, frac, mult)) if s.value < mult => before + frac * s.value,
                            _ => n.value * s.value,
                        };
                        n.end = k + 1;
                        n.scaled = true;
                        n.last_scale = s.value;
                    }
                    return Some(n);
                }
                Class::Half => {
                    if prev.is_some() {
                        break;
                    }
                    n.value = info.value;
                    n.end = j + 1;
                    return Some(n);
                }
                Class::About => {
                    let m = if cur == 0.0 && total == 0.0 {
                        1.0
                    } else {
                        total + cur
                    };
                    if article || prev.is_none() {
                        bound = Bound::About;
                    }
                    // "deux douzaines" = 24; "three hundred and two dozens" = 300 + 24: a
                    // small collective multiplies what follows the last hundred or scale.
                    let small = cur % 100.0;
                    n.value = if info.value < 100.0 && small > 0.0 && m > small {
                        m - small + small * info.value
                    } else {
                        m * info.value
                    };
                    n.end = j + 1;
                    // "a couple thousand" = about 2 000; "a few hundred", "quelques
                    // milliers": at least the scale, like "several thousand".
                    if prev.is_none() || article {
                        let k = j + 1;
                        if self.near(k)
                            && self.toks[k].gap > 0
                            && let Some(s) = self.word_info(k)
                            && (matches!(s.class, Class::Hundred | Class::Scale)
                                || s.vague.is_some()
                                || s.class == Class::About && s.value >= 10.0)
                        {
                            let scale = s.vague.unwrap_or(s.value);
                            if self.low_is(j, &["few", "quelques"]) {
                                n.value = scale;
                                bound = Bound::AtLeast;
                            } else {
                                n.value *= scale;
                            }
                            n.end = k + 1;
                        }
                    }
                    n.bound = bound;
                    n.scaled = true;
                    n.article = false;
                    return Some(n);
                }
                Class::AtLeast => {}
            }
            last = Some((info.class, info.value));
            end = j + 1;
            j += 1;
            // Connectors: hyphen, "et" (fr), "and" (en).
            let connect = |k: usize| -> Option<usize> {
                let next_info = |k2: usize| self.word_info(k2).filter(|_| self.near(k2));
                if self.is_sym(k, &["-", "‑", "—", "–"]) && next_info(k + 1).is_some() {
                    return Some(k + 1);
                }
                // "vingt-et-un".
                if self.is_sym(k, &["-"])
                    && self.low_is(k + 1, &["et"])
                    && self.is_sym(k + 2, &["-"])
                    && self.lang != Some(Lang::En)
                    && matches!(last.map(|l| l.0), Some(Class::Tens))
                    && next_info(k + 3).is_some()
                    && matches!(self.low(k + 3), "un" | "une" | "onze" | "unième" | "unieme")
                {
                    return Some(k + 3);
                }
                if self.low_is(k, &["et"])
                    && self.lang != Some(Lang::En)
                    && matches!(last.map(|l| l.0), Some(Class::Tens) | Some(Class::Hundred))
                    && let Some(w) = next_info(k + 1)
                    && (matches!(self.low(k + 1), "un" | "une" | "onze" | "unième" | "unieme")
                        || w.class == Class::OrdUnit)
                {
                    return Some(k + 1);
                }
                if self.low_is(k, &["and"])
                    && self.lang != Some(Lang::Fr)
                    && let Some(w) = next_info(k + 1)
                    && matches!(
                        w.class,
                        Class::Unit | Class::Teen | Class::Tens | Class::Hundred | Class::Ord
                    )
                    && matches!(last.map(|l| l.0), Some(Class::Hundred) | Some(Class::Scale))
                {
                    return Some(k + 1);
                }
                None
            };
            via_and = false;
            if let Some(k) = connect(j) {
                via_and = self.low_is(j, &["and", "et"]);
                if via_and {
                    let mult = match last {
                        Some((Class::Scale, v)) => v,
                        _ => 1.0,
                    };
                    and_mark = Some((total + cur, mult));
                }
                j = k;
            }
            let _ = &mut numerator;
            compound_start_value = 0.0;
        }
        if !any {
            return None;
        }
        n.value = total + cur;
        n.end = end;
        n.article = article && end == i + 1;
        n.bound = bound;
        // "trente 3".
        if n.value >= 20.0
            && n.value % 10.0 == 0.0
            && n.value < 100.0
            && last.map(|l| l.0) == Some(Class::Tens)
            && let Some(t) = self.toks.get(n.end)
            && t.kind == Kind::Num
            && t.gap == 1
            && !t.num.frac
            && t.num.int_digits == 1
            && t.num.value >= 1.0
        {
            n.value += t.num.value;
            n.end += 1;
        }
        // "one twenty two" (spoken 122): a digit word, then tens and units.
        if self.lang == Some(Lang::En)
            && n.end == i + 1
            && first.class == Class::Unit
            && n.value >= 1.0
            && self.near(n.end)
            && self.toks[n.end].gap == 1
            && self
                .word_info(n.end)
                .is_some_and(|w| w.class == Class::Tens)
            && let Some(m) = self.number_core(n.end)
            && !m.ordinal
            && m.value > 20.0
            && m.value < 100.0
            && m.value % 10.0 != 0.0
            && m.end >= n.end + 2
            && self.word_info(m.end).is_none()
        {
            n.value = n.value * 100.0 + m.value;
            n.end = m.end;
        }
        if let Some(e) = self.decimal_words(n.end, &mut n.value) {
            n.end = e;
            n.article = false;
            // "two point two million".
            if self.near(e)
                && let Some(w) = self.word_info(e)
                && w.class == Class::Scale
            {
                n.value *= w.value;
                n.end = e + 1;
                n.scaled = true;
                n.last_scale = w.value;
            }
        }
        // "un sur trois", "one out of three", "1 over 3".
        Some(n)
    }

    /// The singular ordinal at `j` (after an article) stands before its noun: a word
    /// follows that is not "of", "de", another number or, after "second", a word that makes
    /// it the unit ("a second later").
    fn ordinal_adjective(&self, j: usize, value: f64) -> bool {
        const TIME: [&str; 22] = [
            "later", "ago", "earlier", "or", "and", "after", "before", "than", "longer", "more",
            "less", "too", "in", "to", "the", "that", "when", "while", "so", "as", "left", "for",
        ];
        let k = j + 1;
        self.is_word(k)
            && self.toks[k].gap == 1
            && !self.low_is(
                k,
                &["of", "de", "du", "des", "d", "sur", "in", "out", "over"],
            )
            && self.word_info(k).is_none()
            && !(value == 2.0 && self.low_is(k, &TIME))
    }

    /// A Russian adjective glued by a hyphen after digits that names a unit ("66-летний",
    /// "70-процентное", "20-долларовой", "8-часовой"): the unit.
    fn ru_compound_unit(&self, e: usize) -> Option<usize> {
        const STEMS: [(&str, &str); 7] = [
            ("летн", "yr"),
            ("процентн", "percent"),
            ("долларов", "USD"),
            ("часов", "h"),
            ("минутн", "min"),
            ("дневн", "d"),
            ("месячн", "mo"),
        ];
        if self.lang == Some(Lang::En)
            || !self.is_sym(e, &["-"])
            || self.toks[e].gap != 0
            || !self.is_word(e + 1)
            || self.toks[e + 1].gap != 0
            || e == 0
            || self.toks[e - 1].kind != Kind::Num
        {
            return None;
        }
        let w = self.low(e + 1);
        let code = STEMS.iter().find(|(stem, _)| w.starts_with(stem))?.1;
        self.lex.units.iter().position(|u| u.code == code)
    }

    fn prev_is_number(&self, i: usize) -> bool {
        i > 0
            && self.toks[i].gap < 2
            && (self.toks[i - 1].kind == Kind::Num
                || self
                    .word_info(i - 1)
                    .is_some_and(|w| !matches!(w.class, Class::Article | Class::AtLeast)))
    }
}

/// The extraction over a tokenized text.
pub(crate) fn run(cx: &Ctx<'_>, owned: &[TextRange]) -> Vec<Quantity> {
    let toks = cx.toks;
    let mut out: Vec<Cand> = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    let urls = url_spans(cx.lower);
    let mut u = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Nothing inside a web address ("https://…?q=30%25").
        while u < urls.len() && urls[u].1 <= t.start {
            u += 1;
        }
        if u < urls.len() && urls[u].0 <= t.start {
            i += 1;
            continue;
        }
        let candidate = match t.kind {
            Kind::Num => true,
            Kind::Word => cx.word_info(i).is_some() || cx.bare_unit(i).is_some(),
            Kind::Sym => false,
        };
        if !candidate {
            i += 1;
            continue;
        }
        match cx.quantity_at(i, floor) {
            Some(c) => {
                let end = c.end.max(i + 1);
                if let Some(c) = cx.filter(c) {
                    out.push(c);
                }
                floor = end;
                i = end;
            }
            None => i += 1,
        }
    }
    let out = cx.join_bounds(out);
    let mut result = Vec::with_capacity(out.len());
    let mut last_end = 0;
    for c in out {
        let Some(q) = cx.to_quantity(&c) else {
            continue;
        };
        if q.range.start() < last_end || owned.iter().any(|r| r.overlaps(q.range)) {
            continue;
        }
        last_end = q.range.end();
        result.push(q);
    }
    result
}

/// Byte spans of web addresses: from the white space before "://" or "www." to the white
/// space after.
fn url_spans(lower: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for pat in ["://", "www."] {
        for (k, _) in lower.match_indices(pat) {
            let b = lower.as_bytes();
            let s = b[..k]
                .iter()
                .rposition(|c| c.is_ascii_whitespace())
                .map_or(0, |p| p + 1);
            let e = b[k..]
                .iter()
                .position(|c| c.is_ascii_whitespace())
                .map_or(b.len(), |p| k + p);
            if pat == "www." && s != k {
                continue;
            }
            out.push((s, e));
        }
    }
    out.sort_unstable();
    out
}

impl Ctx<'_> {
    /// "more than 100 and less than 300", "at most 100 and at least 20": a lower and an
    /// upper bound joined by a conjunction or a comma, in the same unit, make one range.
    fn join_bounds(&self, cands: Vec<Cand>) -> Vec<Cand> {
        let lower = |b: Bound| matches!(b, Bound::MoreThan | Bound::AtLeast);
        let upper = |b: Bound| matches!(b, Bound::LessThan | Bound::AtMost);
        let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
        for c in cands {
            if let Some(p) = out.last_mut()
                && c.value_max.is_none()
                && p.value_max.is_none()
                && p.num.ordinal == c.num.ordinal
                && ((lower(p.bound) && upper(c.bound)) || (upper(p.bound) && lower(c.bound)))
                && (p.unit.map(|u| self.lex.units[u].dimension)
                    == c.unit.map(|u| self.lex.units[u].dimension)
                    || (p.unit.is_none() && p.counted.is_none()))
                && self.joined(p.end, c.start)
            {
                let (lo, hi) = if lower(p.bound) {
                    (p.num.value, c.num.value)
                } else {
                    (c.num.value, p.num.value)
                };
                if lo < hi {
                    p.num.value = lo;
                    p.value_max = Some(hi);
                    p.bound = Bound::Range;
                    p.end = c.end;
                    p.counted = c.counted;
                    p.unit = p.unit.or(c.unit);
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    /// Tokens `a..b` are one conjunction or a comma (optionally followed by one).
    fn joined(&self, a: usize, b: usize) -> bool {
        const CONJ: [&str; 7] = ["and", "but", "et", "mais", "и", "но", "а"];
        match b.checked_sub(a) {
            Some(1) => self.low_is(a, &CONJ) || self.is_sym(a, &[","]),
            Some(2) => self.is_sym(a, &[","]) && self.low_is(a + 1, &CONJ),
            _ => false,
        }
    }

    /// Russian units without a number: one of the unit ("час", "сутки") or half of it
    /// ("полчаса", "пол-литра", "пол года").
    fn bare_unit(&self, i: usize) -> Option<Num> {
        if self.lang != Some(Lang::Ru) || !self.is_word(i) {
            return None;
        }
        let w = self.low(i);
        let mut n = Num {
            start: i,
            end: i + 1,
            value: 1.0,
            ordinal: false,
            article: false,
            words: true,
            scaled: false,
            bound: Bound::Exact,
            year_like: false,
            last_scale: 1.0,
            unit: None,
        };
        if self.lex.bare.contains(w) {
            let (u, e) = self.unit_after(i)?;
            n.unit = Some(u);
            n.end = e;
            return Some(n);
        }
        let rest = w.strip_prefix("пол")?;
        n.value = 0.5;
        // The genitive singular: "часа", "года", "дня", "литра", "минуты" (not "полдень").
        let genitive = |r: &str| ['а', 'я', 'ы', 'и'].iter().any(|c| r.ends_with(*c));
        if rest.is_empty() {
            let k = if self.is_sym(i + 1, &["-"]) {
                i + 2
            } else {
                i + 1
            };
            if self.is_word(k) && genitive(self.low(k)) && self.toks[k].gap <= 1 {
                let (u, e) = self.unit_after(k)?;
                n.unit = Some(u);
                n.end = e;
                return Some(n);
            }
            return None;
        }
        if !genitive(rest) {
            return None;
        }
        let cands = self.lex.unit_phrases.by_first.get(rest)?;
        let (_, u) = cands.iter().find(|(p, _)| p.len() == 1)?;
        n.unit = Some(*u);
        Some(n)
    }

    fn quantity_at(&self, i: usize, floor: usize) -> Option<Cand> {
        // Phone numbers: four or more short groups of digits in a row.
        if self.toks[i].kind == Kind::Num && self.phone_like(i) {
            let mut e = i;
            while e < self.toks.len()
                && (self.toks[e].kind == Kind::Num || self.is_sym(e, &["-", ".", "(", ")"]))
                && (e == i || self.toks[e].gap < 2)
            {
                e += 1;
            }
            return Some(self.skip(i, e));
        }
        // Digits glued to letters ("PLNUY5Vy", "A320"), to a word by a hyphen ("COVID-19",
        // "F-16", "SCP-173") or long unbroken ids: codes, not figures.
        if self.toks[i].kind == Kind::Num
            && ((i > 0
                && self.toks[i].gap == 0
                && self.toks[i - 1].kind == Kind::Word
                && self.unit_before(i, floor).is_none())
                || (i > 1
                    && self.toks[i].gap == 0
                    && self.is_sym(i - 1, &["-"])
                    && self.toks[i - 1].gap == 0
                    && self.toks[i - 2].kind == Kind::Word
                    && self.word_info(i - 2).is_none())
                || (!self.toks[i].num.grouped && self.toks[i].num.int_digits > 15))
        {
            let mut e = i + 1;
            while e < self.toks.len()
                && self.toks[e].gap == 0
                && matches!(self.toks[e].kind, Kind::Num | Kind::Word)
            {
                e += 1;
            }
            return Some(self.skip(i, e));
        }
        // "1995-01", "2019-20", "1995/96": a year and a month or a season's second year.
        if self.toks[i].kind == Kind::Num
            && i >= 2
            && self.toks[i].gap == 0
            && self.toks[i - 1].gap == 0
            && self.is_sym(i - 1, &["-", "–", "/"])
            && self.toks[i - 2].kind == Kind::Num
            && {
                let y = &self.toks[i - 2].num;
                !y.grouped && !y.frac && y.int_digits == 4 && (1000.0..=2199.0).contains(&y.value)
            }
            && self.toks[i].num.int_digits == 2
            && !self.toks[i].num.frac
            && !self.toks[i].num.grouped
        {
            return Some(self.skip(i, i + 1));
        }
        let mut num = match self.number(i) {
            Some(n) => n,
            None => self.bare_unit(i)?,
        };
        // "he scores", "the scores": a verb or a noun; "scores of" is a vague amount.
        if num.words
            && num.end == num.start + 1
            && self.low_is(num.start, &["scores"])
            && !self.low_is(num.end, &["of"])
        {
            return None;
        }
        // "the second to last", "third from last": a position from the end.
        if num.ordinal
            && (self.low_is(num.end, &["to", "from"]) && self.low_is(num.end + 1, &["last"])
                || self.low_is(num.end, &["last"]))
        {
            return Some(self.skip(i, num.end));
        }
        let mut start = num.start;
        let mut unit = num.unit;
        let mut cued = false;
        let mut bound = num.bound;

        // A currency before: "$ 10", "EUR 20".
        if let Some((u, s)) = self.unit_before(start, floor)
            && self.toks[start].gap <= 1
        {
            unit = Some(u);
            start = s;
        }
        // "percent of 10", "pourcentage de vingt": the percent word first, the number closing
        // the phrase (not "percentage of 18-year-olds", where the number is the counted's).
        if unit.is_none() && start == num.start && start >= floor + 2 {
            let mut p = start - 1;
            if self.is_apos(p) {
                p -= 1;
            }
            if p > floor
                && self.low_is(p, &["of", "de", "des", "d"])
                && let Some((u, ue)) = self.unit_after(p - 1)
                && ue == p
                && self.lex.units[u].code == "percent"
                && !self.prev_is_number(p - 1)
                && self.counted(num.end, num.scaled).is_none()
                && self.unit_after(num.end).is_none()
                && (num.end == self.toks.len() || !self.is_word(num.end))
            {
                unit = Some(u);
                start = p - 1;
            }
        }
        // A sign before: "-5", "- 1.200.000", "moins 27".
        let mut negative = false;
        if start > floor
            && self.is_sym(start - 1, &["-", "−", "–"])
            && !num.words
            && (start - 1 == 0
                || self.toks[start - 1].gap >= 1
                || self.is_sym(start - 2, &["<", ">", "=", "≤", "≥", "(", "["]))
            && self.toks[start].gap <= 1
            && !(start >= 2
                && self.toks[start - 2].kind == Kind::Num
                && self.toks[start - 1].gap <= 1)
        {
            negative = true;
            start -= 1;
        } else if start > floor && self.is_sym(start - 1, &["+"]) && self.toks[start].gap == 0 {
            start -= 1;
        }
        if let Some((Cue::Negative, s)) = self.cue_before(start, floor) {
            negative = true;
            start = s;
        }
        if negative {
            num.value = -num.value;
        }
        // "between the tenth", "higher than the tenth": a determiner between a cue and an
        // ordinal.
        if num.ordinal
            && start == num.start
            && start > floor + 1
            && self.low_is(start - 1, &["the", "le", "la"])
            && self.cue_before(start - 1, floor).is_some_and(|(c, _)| {
                matches!(c, Cue::RangeFrom)
                    || (matches!(c, Cue::Bound(b) if b != Bound::Exact)
                        && self.low_is(start - 2, &["than"]))
            })
        {
            start -= 1;
        }
        // A bound cue before.
        let mut range_from = None;
        if let Some((cue, s)) = self.cue_before(start, floor) {
            // "<>30", "=>30", "=<30": no comparison we know, an operator of some code.
            if s + 1 == start
                && s > floor
                && self.is_sym(s, &["<", ">"])
                && self.toks[s].gap == 0
                && self.is_sym(s - 1, &["<", ">", "="])
            {
                return Some(self.skip(s - 1, num.end));
            }
            match cue {
                Cue::Bound(b) => {
                    if bound == Bound::Exact || b != Bound::Exact {
                        bound = if bound == Bound::About && b == Bound::Exact {
                            bound
                        } else {
                            b
                        };
                    }
                    start = s;
                    cued = true;
                }
                Cue::RangeFrom => range_from = Some(s),
                Cue::Negative | Cue::OrEqual => {}
            }
        }
        // A currency after a cue: "près de $10" handled above; "plus de 10 euros" below.
        let mut end = num.end;
        let mut e = end;
        if unit.is_some() {
            end = num.end;
        }
        // "millions de dollars", "milliers d'euros".
        if unit.is_none() {
            let mut k = e;
            // Fractions take "de" too: "un quart d'heure", "un quart de litre".
            let fraction = num.words && num.value > 0.0 && num.value < 1.0;
            if (num.scaled && self.low_is(k, &["de", "d", "of"]))
                || (fraction && self.low_is(k, &["de", "d"]))
            {
                k += 1;
                if self.is_apos(k) {
                    k += 1;
                }
            }
            if let Some((u, ue)) = self.unit_after(k)
                && (k == e || self.lex.units[u].dimension == "money" || num.scaled || fraction)
            {
                unit = Some(u);
                end = ue;
            } else if self.is_sym(e, &["-"])
                && self.toks[e].gap == 0
                && self.lang != Some(Lang::Ru)
                && let Some((u, ue)) = self.unit_after(e + 1)
                && self.toks[e + 1].gap == 0
                && (self.lex.units[u].dimension != "money" || self.is_word(e + 1))
            {
                // "3-inch", "six-mile", "a 12-cent dividend", "a one-yen bid".
                unit = Some(u);
                end = ue;
            } else if let Some(u) = self.ru_compound_unit(e) {
                // "66-летний", "70-процентное", "20-долларовой": the unit as an adjective.
                unit = Some(u);
                end = e + 2;
            } else if let Some((u, ue)) = self.prime_unit(e) {
                // "35'", "5''", "6′2″": feet and inches.
                unit = Some(u);
                end = ue;
            } else if let Some((secs, ue)) = self.race_time(e)
                && let Some(u) = self.lex.units.iter().position(|d| d.code == "s")
            {
                // "2'24\"", "47'07 \"": minutes and seconds, one duration in seconds.
                num.value = num.value * 60.0 + secs;
                unit = Some(u);
                end = ue;
            } else if let Some(close) = ["(", "[", "{", "<"]
                .iter()
                .position(|o| self.is_sym(e, &[o]))
                .map(|k| [")", "]", "}", ">"][k])
                && let Some((u, ue)) = self.unit_after(e + 1)
                && self.is_sym(ue, &[close])
            {
                // "20 (kg)", "20 [kg]".
                unit = Some(u);
                end = ue + 1;
            } else if let Some(u) = self.mega_code(e) {
                // "30 MUSD", "120 MEUR": millions of the currency.
                num.value *= 1e6;
                unit = Some(u);
                end = e + 1;
            }
        }
        if unit.is_none()
            && start > floor
            && self.toks[start].gap <= 1
            && let Some(u) = self.mega_code(start - 1)
        {
            // "MAUD 60".
            num.value *= 1e6;
            unit = Some(u);
            start -= 1;
        }
        // "75 USD million": a scale word after a currency.
        if let Some(u) = unit
            && self.lex.units[u].dimension == "money"
            && !num.scaled
            && self.near(end)
            && let Some(w) = self.word_info(end)
            && w.class == Class::Scale
            && w.value >= 1e3
        {
            num.value *= w.value;
            end += 1;
        }
        e = end;
        // Money: "2 euros et 5 centimes", "20 долларов 43 цента".
        if let Some(u) = unit
            && self.lex.units[u].dimension == "money"
        {
            let mut k = e;
            if self.low_is(k, &["et", "and", "и"]) {
                k += 1;
            }
            if let Some(sub) = self.number(k)
                && !sub.ordinal
                && sub.value < 100.0
                && sub.value >= 0.0
                && let Some(&f) = self.toks.get(sub.end).and_then(|_| {
                    self.lex
                        .subunits
                        .get(self.low(sub.end).trim_end_matches('.'))
                })
                && self.near(sub.end)
            {
                num.value += sub.value * f;
                end = sub.end + 1;
            }
        }
        // "15 dollars 50.", "20 долларов и 43", "une heure trente": a bare number under 100
        // (under 60 after hours) closing the phrase is the subunit.
        if let Some(u) = unit
            && end == e
            && (self.lex.units[u].dimension == "money" && self.lex.units[u].code != "cent"
                || (self.lex.units[u].code == "h"
                    && self.is_word(end - 1)
                    && self.raw(end - 1).chars().count() >= 3
                    && !self.low_is(end - 1, &["hrs"])))
        {
            let mut k = end;
            if self.low_is(k, &["et", "and", "и"]) {
                k += 1;
            }
            let limit = if self.lex.units[u].code == "h" {
                60.0
            } else {
                100.0
            };
            if self.near(k)
                && let Some(sub) = self.number_core(k)
                && !sub.ordinal
                && !sub.article
                && sub.value >= 1.0
                && sub.value < limit
                && sub.value.fract() == 0.0
                && (sub.words || (self.toks[k].num.int_digits == 2 && !self.toks[k].num.grouped))
                && (sub.end == self.toks.len()
                    || self.is_sym(sub.end, &[".", ",", ";", "!", "?", ")"]))
            {
                num.value += sub.value / limit;
                end = sub.end;
            }
        }
        // "une heure et demie", "a month and a half", "час с половиной": half a unit more.
        if let Some(u) = unit
            && self.lex.units[u].dimension != "money"
            && self.lex.units[u].dimension != "temperature"
            && num.value.fract() == 0.0
            && self.near(end)
            && self.near(end + 1)
        {
            let half = if self.low_is(end, &["et"]) && self.low_is(end + 1, &["demie", "demi"])
                || self.low_is(end, &["с"]) && self.low_is(end + 1, &["половиной"])
            {
                Some(end + 2)
            } else if self.low_is(end, &["and"])
                && self.low_is(end + 1, &["a"])
                && self.low_is(end + 2, &["half"])
                && self.near(end + 2)
            {
                Some(end + 3)
            } else {
                None
            };
            if let Some(h) = half {
                num.value += 0.5;
                end = h;
            }
        }
        // "1 час 55 минут", "5 feet 2 inches", "une minute et trois secondes": a smaller unit
        // of the same dimension adds to the value.
        if let Some(u) = unit
            && self.lex.units[u].dimension != "money"
            && self.lex.units[u].dimension != "temperature"
        {
            let mut k = end;
            if self.low_is(k, &["et", "and", "и"]) {
                k += 1;
            }
            if self.near(k)
                && let Some(sub) = self.number_core(k)
                && !sub.ordinal
                && !sub.article
                && sub.value > 0.0
                && let Some((u2, e2)) = self
                    .unit_after(sub.end)
                    .or_else(|| self.prime_unit(sub.end))
                && self.lex.units[u2].dimension == self.lex.units[u].dimension
                && self.lex.units[u2].factor < self.lex.units[u].factor
                && sub.value * self.lex.units[u2].factor < self.lex.units[u].factor * 1.0001
            {
                num.value += sub.value * self.lex.units[u2].factor / self.lex.units[u].factor;
                end = e2;
            } else if self.lex.units[u].dimension == "duration"
                && self.lex.units[u].factor > 60.0
                && self.near(k)
                && let Some(sub) = self.number_core(k)
                && sub.end == k + 1
                && let Some((secs, e2)) = self.race_time(sub.end)
            {
                // "37 h 32'48\"": hours, then minutes and seconds.
                num.value += (sub.value * 60.0 + secs) / self.lex.units[u].factor;
                end = e2;
            }
        }
        // "5 ft 2 in": "in" after feet and a number is inches when nothing else follows.
        if let Some(u) = unit
            && self.lex.units[u].code == "ft"
            && self.near(end)
            && let Some(sub) = self.number_core(end)
            && !sub.ordinal
            && sub.value < 12.0
            && self.low_is(sub.end, &["in"])
            && (sub.end + 1 == self.toks.len()
                || !self.is_word(sub.end + 1)
                || self.low_is(
                    sub.end + 1,
                    &["more", "tall", "long", "high", "wide", "deep", "or", "and"],
                ))
        {
            num.value += sub.value / 12.0;
            end = sub.end + 1;
        }
        // "361 million pounds", "десять фунтов": pounds sterling unless the text weighs.
        if let Some(u) = unit
            && self.lex.units[u].code == "lb"
            && !self.low_is(end - 1, &["lb", "lbs"])
        {
            unit = Some(self.pound(u, num.scaled, start, end));
        }
        // Temperature letters and angles.
        if let Some(u) = unit {
            unit = self.temperature_or_angle(u, num.start, end);
            if unit.is_none() {
                end = num.end;
            }
        }
        // "forty-five (45)", "45 (forty five)": the same number repeated in parentheses.
        if self.is_sym(end, &["("])
            && let Some(n2) = self.number_core(end + 1)
            && (n2.value - num.value.abs()).abs() < 1e-9
            && self.is_sym(n2.end, &[")"])
        {
            end = n2.end + 1;
        }
        let mut cand = Cand {
            start,
            end,
            num,
            value_max: None,
            bound,
            unit,
            counted: None,
            cued,
        };
        // Ranges: "entre 3 et 5", "от 3 до 5", "3–5", "de 10 à 20", "10 - 20 euro".
        self.range(&mut cand, range_from, floor);
        // "de la première", "from the first": the determiner only went with a range.
        if cand.num.ordinal && cand.bound != Bound::Range && range_from.is_some() {
            cand.start = cand.start.max(num.start);
        }
        // Cues after: "ou plus", "environ", "pile", "en dessous de zéro".
        if let Some((cue, ce)) = self.cue_after(cand.end) {
            match cue {
                // "equal to 5000 or less than 6000": "or less" opens the next comparison.
                Cue::Bound(_)
                    if self.low_is(ce, &["than", "then", "que", "qu", "чем"])
                        && (self.toks.get(ce + 1).is_some_and(|t| t.kind == Kind::Num)
                            || self.word_info(ce + 1).is_some()) => {}
                // "about five hundred or more" is at least 500.
                Cue::Bound(b)
                    if cand.bound == Bound::Exact
                        || b == Bound::Exact
                        || (cand.bound == Bound::About
                            && matches!(b, Bound::AtLeast | Bound::AtMost)) =>
                {
                    if b != Bound::Exact {
                        cand.bound = b;
                    }
                    cand.end = ce;
                    cand.cued = true;
                }
                // "less than 5000 or equal (to it)".
                Cue::OrEqual
                    if matches!(cand.bound, Bound::MoreThan | Bound::LessThan)
                        && self.toks.get(ce).is_none_or(|t| t.kind != Kind::Num) =>
                {
                    cand.bound = if cand.bound == Bound::MoreThan {
                        Bound::AtLeast
                    } else {
                        Bound::AtMost
                    };
                    cand.end = ce;
                }
                Cue::Negative
                    if cand
                        .unit
                        .is_none_or(|u| self.lex.units[u].dimension == "temperature") =>
                {
                    cand.num.value = -cand.num.value;
                    cand.end = ce;
                }
                _ => {}
            }
        }
        // "des milliers", "plusieurs centaines", "several thousand".
        if cand.num.bound == Bound::AtLeast
            && cand.start == cand.num.start
            && cand.start > floor
            && self.low_is(
                cand.start - 1,
                &[
                    "des",
                    "plusieurs",
                    "quelques",
                    "several",
                    "many",
                    "несколько",
                ],
            )
        {
            cand.start -= 1;
        }
        // What is counted.
        if cand.unit.is_none()
            && !cand.num.ordinal
            && (cand.num.value >= 1.0 || cand.num.value.fract() == 0.0)
        {
            cand.counted = self.counted(cand.end, cand.num.scaled);
        }
        Some(cand)
    }

    /// Mass (`u`) or pounds sterling for "pounds"/"фунтов" over `start..end`: mass with a
    /// weight word within eight words; sterling near a money word; mass before "of" ("pounds
    /// of drugs"); else sterling after a scale word ("361 million pounds") or for the English
    /// word in French or Russian text ("neuf pounds"); mass otherwise.
    fn pound(&self, u: usize, scaled: bool, start: usize, end: usize) -> usize {
        let lo = start.saturating_sub(8);
        let hi = (end + 8).min(self.toks.len());
        let near = |set: &std::collections::HashSet<String>| {
            (lo..hi).any(|k| self.is_word(k) && set.contains(self.low(k)))
        };
        if near(&self.lex.weight_cues) {
            return u;
        }
        let money = near(&self.lex.money_cues);
        // "hundreds of pounds of illicit drugs".
        if !money && self.low_is(end, &["of"]) {
            return u;
        }
        let english_word = self.low(end - 1).starts_with("pound");
        if money || scaled || (english_word && self.lang != Some(Lang::En)) {
            return self
                .lex
                .units
                .iter()
                .position(|d| d.code == "GBP")
                .unwrap_or(u);
        }
        u
    }

    /// Minutes and seconds after digits at token `e` (the minutes): a prime, two digits of
    /// seconds (12 or more, or with a leading zero: "5'11\"" stays feet and inches), then a
    /// double prime or a quote, glued or after a space ("2'24\"", "47'07 \""). The seconds
    /// and the end.
    fn race_time(&self, e: usize) -> Option<(f64, usize)> {
        if e == 0 || self.toks[e - 1].kind != Kind::Num {
            return None;
        }
        let m = &self.toks[e - 1].num;
        if m.frac || m.grouped || m.junk || !self.is_sym(e, &["'", "′", "’"]) {
            return None;
        }
        let s = self.toks.get(e + 1)?;
        if self.toks[e].gap != 0
            || s.kind != Kind::Num
            || s.gap != 0
            || s.num.frac
            || s.num.int_digits != 2
            || s.num.value >= 60.0
            || !(s.num.value >= 12.0 || s.num.lead_zero)
        {
            return None;
        }
        let k = e + 2;
        if !self.near(k) {
            return None;
        }
        let end = if self.is_sym(k, &["\"", "″", "”"]) {
            k + 1
        } else if self.is_sym(k, &["'", "′"]) && self.is_sym(k + 1, &["'", "′"]) {
            k + 2
        } else {
            return None;
        };
        Some((s.num.value, end))
    }

    /// Feet and inches as primes after digits at token `e`: "6′", "2″", "5''", "5\"", "35'".
    /// The ASCII marks are quotes too: glued to the digits, not after an odd number of the
    /// same mark on the line (a closing quote), not before a glued word ("90's"); a lone "'"
    /// is feet only before inches ("5'11\"") or a size word, or closing the line (else a
    /// minute: "45'"); minutes and seconds ("38'53\"") are neither.
    fn prime_unit(&self, e: usize) -> Option<(usize, usize)> {
        if e == 0 || e >= self.toks.len() || self.toks[e - 1].kind != Kind::Num {
            return None;
        }
        let t = &self.toks[e];
        if t.kind != Kind::Sym || t.gap > 1 {
            return None;
        }
        let raw = self.raw(e);
        let (code, end) = match raw {
            "″" => ("in", e + 1),
            "′" => ("ft", e + 1),
            "'" if self.is_sym(e + 1, &["'"]) && self.toks[e + 1].gap == 0 => ("in", e + 2),
            "'" => ("ft", e + 1),
            "\"" => ("in", e + 1),
            _ => return None,
        };
        if raw.is_ascii() {
            if t.gap > 0 {
                return None;
            }
            if self
                .toks
                .get(end)
                .is_some_and(|n| n.gap == 0 && matches!(n.kind, Kind::Word | Kind::Num))
                && !(code == "ft" && self.toks[end].kind == Kind::Num)
            {
                return None;
            }
            let line = self.text[..t.start].rfind('\n').map_or(0, |p| p + 1);
            let mark = &self.text[t.start..self.toks[end - 1].end];
            if self.text[line..t.start].matches(mark).count() % 2 == 1 {
                return None;
            }
            // "38'53\"", "2'08\"": minutes and seconds (inches stay under 12, no leading 0).
            if code == "in"
                && e >= 3
                && self.toks[e - 1].gap == 0
                && self.is_sym(e - 2, &["'", "′"])
                && {
                    let n = &self.toks[e - 1].num;
                    n.value >= 12.0 || n.lead_zero || n.frac
                }
            {
                return None;
            }
            if code == "ft"
                && let Some(n) = self.toks.get(end)
                && n.kind == Kind::Num
                && (n.num.value >= 12.0 || n.num.lead_zero || n.num.frac)
            {
                return None;
            }
            if code == "ft"
                && !(end >= self.toks.len()
                    || self.toks[end].gap >= 2
                    || self.low_is(end, &["tall", "long", "high", "wide", "deep"])
                    || (self.toks[end].kind == Kind::Num && self.prime_unit(end + 1).is_some()))
            {
                return None;
            }
        }
        let u = self.lex.units.iter().position(|d| d.code == code)?;
        Some((u, end))
    }

    /// "MUSD", "MEUR": "M" and an upper-case currency code, millions of that currency.
    fn mega_code(&self, i: usize) -> Option<usize> {
        if !self.is_word(i) || !self.near(i) {
            return None;
        }
        let raw = self.raw(i);
        let code = raw.strip_prefix('M')?;
        if code.len() != 3 || !code.bytes().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let u = self.lex.units.iter().position(|u| u.code == code)?;
        (self.lex.units[u].dimension == "money").then_some(u)
    }

    /// A bare degree ("90 degrees", "90°") after a turning word ("rotate", "tourner", "angle")
    /// is an angle; a bare letter ("40C", "104 F") is a temperature only when the phrase ends
    /// there or the sentence speaks of temperature ("13F filing", "Boeing 777F" are codes).
    fn temperature_or_angle(&self, u: usize, start: usize, end: usize) -> Option<usize> {
        let def = &self.lex.units[u];
        if def.dimension != "temperature" {
            return Some(u);
        }
        let lo = start.saturating_sub(4);
        let hi = (end + 2).min(self.toks.len());
        if def.code == "deg"
            && (lo..start)
                .chain(end..hi)
                .any(|k| self.lex.angle.contains(self.low(k)))
        {
            return self.lex.units.iter().position(|d| d.code == "arcdeg");
        }
        let letter = end == start + 2 && self.is_word(end - 1) && self.raw(end - 1).len() == 1;
        let lo = start.saturating_sub(15);
        let hi = (end + 15).min(self.toks.len());
        let heat = || (lo..hi).any(|k| self.lex.heat.contains(self.low(k)));
        // A lower-case "c"/"f" ("168f", "- 27 c") only with a temperature word or alone in
        // its sentence ("3c." in a list of items is not).
        if letter && self.raw(end - 1).bytes().all(|c| c.is_ascii_lowercase()) {
            let edge = |k: usize| {
                k >= self.toks.len()
                    || self.toks[k].gap >= 2
                    || self.is_sym(k, &[".", "!", "?", ":", ";"])
            };
            let mut s = start;
            if s > 0 && self.is_sym(s - 1, &["-", "−", "+"]) {
                s -= 1;
            }
            let alone = (s == 0 || self.toks[s].gap >= 2 || self.is_sym(s - 1, &[".", "!", "?"]))
                && edge(end);
            return (alone || heat()).then_some(u);
        }
        if !letter || end == self.toks.len() || !self.is_word(end) {
            return Some(u);
        }
        if heat() {
            return Some(u);
        }
        None
    }

    fn skip(&self, i: usize, e: usize) -> Cand {
        Cand {
            start: i,
            end: e,
            num: Num {
                start: i,
                end: e,
                value: f64::NAN,
                ordinal: false,
                article: false,
                words: false,
                scaled: false,
                bound: Bound::Exact,
                year_like: false,
                last_scale: 1.0,
                unit: None,
            },
            value_max: None,
            bound: Bound::Exact,
            unit: None,
            counted: None,
            cued: false,
        }
    }

    fn phone_like(&self, i: usize) -> bool {
        let mut k = i;
        let mut groups = 0;
        let mut short = 0;
        while k < self.toks.len() && self.toks[k].kind == Kind::Num && self.toks[k].gap < 2 {
            let t = &self.toks[k];
            if t.num.frac || t.num.grouped || t.num.int_digits > 4 {
                break;
            }
            groups += 1;
            if t.num.int_digits <= 3 {
                short += 1;
            }
            k += 1;
            if self.is_sym(k, &["-", "."]) && self.toks[k].gap <= 1 {
                k += 1;
            }
        }
        groups >= 4 && short >= 3
    }

    fn range(&self, cand: &mut Cand, range_from: Option<usize>, floor: usize) {
        let _ = floor;
        let e = cand.end;
        if e >= self.toks.len() || !self.near(e) {
            return;
        }
        let dash = self.is_sym(e, &["–", "—", "-", "‑", "~"]);
        let word = if range_from.is_some() {
            self.low_is(e, &["et", "and", "и", "à", "a", "au", "to", "до", "по"])
        } else {
            self.low_is(e, &["à", "au", "to", "до", "through"])
        };
        if !dash && !word {
            return;
        }
        if dash && cand.num.words {
            return;
        }
        let mut k = e + 1;
        // "between the tenth and the fifteenth".
        if cand.num.ordinal && !dash && self.low_is(k, &["the", "le", "la"]) {
            k += 1;
        }
        if k >= self.toks.len() || !self.near(k) {
            return;
        }
        let Some(second) = self.number(k) else { return };
        if second.article
            || second.ordinal != cand.num.ordinal
            || (cand.num.ordinal && (dash || range_from.is_none()))
        {
            return;
        }
        if dash && (second.words || self.toks[k].num.junk) {
            return;
        }
        // "5-7 тысяч", "2 to 3 million": the scale of the second end is the first's too.
        let lo = if second.scaled
            && second.last_scale > 1.0
            && !cand.num.scaled
            && cand.unit.is_none()
            && !cand.num.ordinal
            && cand.num.value < second.value / second.last_scale
        {
            cand.num.value * second.last_scale
        } else {
            cand.num.value
        };
        // Years go with years ("2019-2021"), unless the end cannot be one ("1000-5000").
        if second.value < cand.num.value
            || (second.year_like != cand.num.year_like && second.value <= 2199.0)
        {
            return;
        }
        // The second end may carry the unit ("entre 10 et 20 euros", "10-20 долларов").
        let mut end = second.end;
        let mut unit2 = None;
        let mut kk = end;
        if second.scaled && self.low_is(kk, &["de", "d", "of"]) {
            kk += 1;
            if self.is_apos(kk) {
                kk += 1;
            }
        }
        if let Some((u, ue)) = self.unit_after(kk) {
            unit2 = Some(u);
            end = ue;
        }
        if let (Some(a), Some(b)) = (cand.unit, unit2)
            && self.lex.units[a].dimension != self.lex.units[b].dimension
        {
            return;
        }
        // "10$-20$" has the unit twice; "$10-20" once.
        if cand.unit.is_none() && unit2.is_none() && dash && cand.num.value == second.value {
            return;
        }
        cand.unit = cand.unit.or(unit2);
        cand.num.value = lo;
        cand.value_max = Some(second.value);
        cand.bound = Bound::Range;
        cand.end = end;
        cand.num.year_like = false;
        if let Some(s) = range_from {
            cand.start = s.min(cand.start);
        }
        cand.cued = true;
    }

    /// The head noun after a bare count ("3 600 soldats", "millions de personnes").
    fn counted(&self, e: usize, scaled: bool) -> Option<(usize, usize)> {
        let mut k = e;
        if scaled && self.low_is(k, &["de", "d", "of"]) {
            k += 1;
            if self.is_apos(k) {
                k += 1;
            }
        } else if scaled
            && self.lang != Some(Lang::En)
            && e > 0
            && matches!(
                self.low(e - 1),
                "million" | "millions" | "milliard" | "milliards" | "billion" | "billions"
            )
        {
            // French "millions", "milliards" are nouns: what they count follows "de"
            // ("600 millions resteraient" counts nothing).
            return None;
        }
        if !self.is_word(k) || !self.near(k) || self.toks[k].gap == 0 {
            return None;
        }
        let w = self.low(k);
        if w.chars().count() < 2
            || self.lex.stopwords.contains(w)
            || self.lex.months.contains(w)
            || self.word_info(k).is_some()
            || self.unit_after(k).is_some()
        {
            return None;
        }
        // English adjectives come before the noun: "309 electoral votes", "two lively
        // sessions": a word not in -s then a plural is the plural's adjective.
        let next = k + 1;
        if self.lang == Some(Lang::En)
            && !w.ends_with('s')
            && !matches!(
                w,
                "people" | "men" | "women" | "children" | "police" | "staff" | "feet" | "cattle"
            )
            && self.is_word(next)
            && self.toks[next].gap == 1
            && {
                let x = self.low(next);
                x.len() > 3
                    && x.ends_with('s')
                    && !x.ends_with("ss")
                    && !x.ends_with("us")
                    && !self.lex.stopwords.contains(x)
                    && self.raw(next).starts_with(|ch: char| ch.is_lowercase())
            }
            && self.unit_after(next).is_none()
        {
            return Some((next, next + 1));
        }
        // Russian adjectives too: "шесть крупнокалиберных пулеметов", "четыре важных поста".
        if self.lang == Some(Lang::Ru)
            && ["ых", "их", "ые", "ие", "ое", "ого", "его", "ыми", "ими"]
                .iter()
                .any(|e| w.ends_with(e))
            && self.is_word(next)
            && self.toks[next].gap == 1
            && self
                .low(next)
                .starts_with(|ch: char| ('а'..='я').contains(&ch))
            && !self.lex.stopwords.contains(self.low(next))
            && self.word_info(next).is_none()
            && self.unit_after(next).is_none()
        {
            return Some((next, next + 1));
        }
        Some((k, k + 1))
    }

    /// Drops what is not a quantity (years, dates, references, bare articles).
    fn filter(&self, mut c: Cand) -> Option<Cand> {
        if !c.num.value.is_finite() {
            return None;
        }
        let i = c.num.start;
        let dim = c.unit.map(|u| self.lex.units[u].dimension);
        // Russian "2013 г.", "2001-2006 гг.": the letter is "год", not grams.
        let year_word = c.end > 0 && self.low_is(c.end - 1, &["г", "гг"])
            || c.counted.is_some_and(|(a, _)| self.low_is(a, &["г", "гг"]));
        // A year, unless a unit or a cue makes it a quantity.
        if c.num.year_like
            && (c.unit.is_none_or(|_| dim == Some("duration")) || year_word)
            && !c.cued
        {
            return None;
        }
        // "2001-2006", "2003—2011": a span of years counting nothing is a date.
        let t = &self.toks[i];
        let year_tok = t.kind == Kind::Num
            && !t.num.grouped
            && !t.num.frac
            && t.num.int_digits == 4
            && (1000.0..=2199.0).contains(&t.num.value);
        if year_tok
            && (year_word || c.unit.is_none() && c.counted.is_none())
            && c.value_max
                .is_some_and(|m| (1000.0..=2199.0).contains(&m) && m.fract() == 0.0)
        {
            return None;
        }
        // "1990s", "90s".
        if self.toks[i].kind == Kind::Num
            && self.is_word(c.num.end)
            && self.toks[c.num.end].gap == 0
            && self.low(c.num.end) == "s"
            && c.unit.is_none()
        {
            return None;
        }
        // Dates: "12 mars", "March 12", "1er mai".
        if c.unit.is_none() && c.value_max.is_none() || c.num.ordinal {
            let after = c.num.end;
            if self.is_word(after)
                && self.near(after)
                && self.lex.months.contains(self.low(after))
                && c.num.value <= 31.0
            {
                return None;
            }
            if i > 0
                && self.is_word(i - 1)
                && self.toks[i].gap <= 1
                && self.lex.months.contains(self.low(i - 1))
                && self.low(i - 1).len() > 2
                && c.num.value <= 31.0
                && !c.num.words
            {
                return None;
            }
            // "Nov. 19", "Dec. 6-9": an abbreviated month, its point, the day.
            if i > 1
                && self.is_sym(i - 1, &["."])
                && self.toks[i - 1].gap == 0
                && self.toks[i].gap <= 1
                && self.is_word(i - 2)
                && self.raw(i - 2).starts_with(|ch: char| ch.is_uppercase())
                && self.lex.months.contains(self.low(i - 2))
                && c.num.value <= 31.0
                && !c.num.words
            {
                return None;
            }
        }
        // References: "l'article 4", "page 12", "n° 5", "version 2".
        if c.start == i && i > 0 && self.toks[i].gap <= 1 {
            let mut p = i - 1;
            if self.is_sym(p, &["."]) && p > 0 {
                p -= 1;
            }
            if self.is_sym(p, &["№", "#"]) {
                return None;
            }
            if self.is_sym(p, &["°", "º"]) && p > 0 && self.low_is(p - 1, &["n"]) {
                return None;
            }
            if self.is_word(p) && self.lex.ignore.contains(self.low(p)) && !c.num.words {
                return None;
            }
        }
        // Street numbers.
        if c.unit.is_none()
            && self.is_word(c.num.end)
            && self.near(c.num.end)
            && self.lex.streets.contains(self.low(c.num.end))
            && !c.num.words
        {
            return None;
        }
        // Clock times: "15h30", "à 10 heures", "6AM", "9 pm".
        if self.toks[i].kind == Kind::Num && c.value_max.is_none() {
            let e = c.num.end;
            if c.unit.is_none()
                && self.low_is(e, &["am", "pm"])
                && self.toks[e].gap <= 1
                && c.num.value <= 12.0
            {
                return None;
            }
            if self.low_is(e, &["h"])
                && self
                    .toks
                    .get(e + 1)
                    .is_some_and(|t| t.kind == Kind::Num && t.gap <= 1)
                && self.race_time(e + 2).is_none()
            {
                return None;
            }
            // "2 p.m.", "11 a.m.", "11: 06 a.m.".
            if c.unit.is_none() && c.num.value <= 12.0 && !c.num.words {
                let mut k = e;
                if self.is_sym(k, &[":"])
                    && self.toks[k].gap == 0
                    && self
                        .toks
                        .get(k + 1)
                        .is_some_and(|t| t.kind == Kind::Num && t.gap <= 1 && t.num.int_digits == 2)
                {
                    k += 2;
                }
                if self.low_is(k, &["a", "p"])
                    && self.toks[k].gap <= 1
                    && self.is_sym(k + 1, &["."])
                    && self.toks[k + 1].gap == 0
                    && self.low_is(k + 2, &["m"])
                    && self.toks[k + 2].gap == 0
                {
                    return None;
                }
            }
        }
        // "11: 06 a.m.": the minutes of a clock time.
        if self.toks[i].kind == Kind::Num
            && c.unit.is_none()
            && c.num.end == i + 1
            && i >= 2
            && self.is_sym(i - 1, &[":"])
            && self.toks[i - 1].gap == 0
            && self.toks[i - 2].kind == Kind::Num
            && self.toks[i].num.int_digits == 2
            && self.low_is(i + 1, &["a", "p", "am", "pm"])
            && self.toks[i + 1].gap <= 1
        {
            return None;
        }
        if dim == Some("duration")
            && let Some(u) = c.unit
            && self.lex.units[u].code == "h"
            && i > 0
            && c.start == i
            && self.low_is(
                i - 1,
                &["à", "a", "vers", "dès", "des", "at", "в", "к", "до"],
            )
        {
            return None;
        }
        // A dateline's day: "PARIS, 15 (Havas)", "LONDRES. 15 (Reuters) —".
        if self.toks[i].kind == Kind::Num
            && c.unit.is_none()
            && !c.cued
            && c.value_max.is_none()
            && c.start == i
            && c.num.end == i + 1
            && (1.0..=31.0).contains(&c.num.value)
            && c.num.value.fract() == 0.0
            && i >= 2
            && self.is_sym(i - 1, &[",", "."])
            && self.toks[i - 2].kind == Kind::Word
            && self.raw(i - 2).chars().count() >= 3
            && self.raw(i - 2).chars().all(|ch| ch.is_uppercase())
            && self.is_sym(i + 1, &["(", "—", "–", "-"])
        {
            return None;
        }
        // "à moitié tombé": half as an adverb.
        if c.num.words
            && c.unit.is_none()
            && i > 0
            && self.low_is(i, &["moitié", "moitie"])
            && self.low_is(i - 1, &["à", "a"])
            && !self.low_is(c.num.end, &["de", "d", "du", "des", "prix"])
        {
            return None;
        }
        // "une plus forte mesure", "just a big fat coincidence", "close to a full
        // exploitation": the article before a word counts nothing, cue or not.
        if c.num.article
            && c.unit.is_none()
            && c.value_max.is_none()
            && self.near(c.num.end)
            && matches!(self.toks[c.num.end].kind, Kind::Word | Kind::Num)
        {
            return None;
        }
        // The article alone counts nothing.
        if c.num.article && c.unit.is_none() && !c.cued && c.value_max.is_none() {
            return None;
        }
        // Numbered lists and rankings: "1. Olano (Esp)", "—1. Welfare reform", "Général : 1.
        // Olano": a bare integer opening the line or the sentence, then a point and a capital.
        if self.toks[i].kind == Kind::Num
            && c.start == i
            && c.num.end == i + 1
            && c.unit.is_none()
            && c.value_max.is_none()
            && !c.cued
            && !self.toks[i].num.frac
            && !self.toks[i].num.grouped
            && c.num.value < 1000.0
            && self.is_sym(i + 1, &["."])
            && self.toks[i + 1].gap == 0
            && self
                .toks
                .get(i + 2)
                .is_some_and(|t| t.gap >= 1 && t.kind == Kind::Word)
            && self.raw(i + 2).starts_with(char::is_uppercase)
            && (i == 0
                || self.toks[i].gap == 2
                || self.is_sym(
                    i - 1,
                    &[
                        ".", ":", ";", "!", "?", "—", "–", "\"", "»", "”", ")", "•", "*",
                    ],
                ))
        {
            return None;
        }
        // "one-on-one", "face-to-face" with numbers: a manner, not a count.
        if c.num.words && c.unit.is_none() && c.num.end == i + 1 {
            let glued =
                |a: usize, b: usize| (a..=b).all(|k| k < self.toks.len() && self.toks[k].gap == 0);
            let w = self.low(i);
            let after = self.is_sym(i + 1, &["-"])
                && self.low_is(i + 2, &["on", "to", "against"])
                && self.is_sym(i + 3, &["-"])
                && self.is_word(i + 4)
                && self.low(i + 4) == w
                && glued(i + 1, i + 4);
            let before = i >= 4
                && self.is_sym(i - 1, &["-"])
                && self.low_is(i - 2, &["on", "to", "against"])
                && self.is_sym(i - 3, &["-"])
                && self.low(i - 4) == w
                && glued(i - 3, i);
            if after || before {
                return None;
            }
        }
        // An ordinal names a day, not a duration: "le dix-septième jour", "пятый день".
        if c.num.ordinal && dim == Some("duration") && c.value_max.is_none() {
            c.unit = None;
            c.end = c.num.end;
        }
        // English "one" after a determiner ("the one", "which one").
        if self.lang != Some(Lang::Ru)
            && c.num.words
            && c.num.end == i + 1
            && self.low_is(i, &["one"])
            && c.unit.is_none()
            && i > 0
            && self.low_is(
                i - 1,
                &[
                    "the", "this", "that", "which", "each", "every", "any", "no", "another",
                    "some", "such", "last", "next",
                ],
            )
        {
            return None;
        }
        Some(c)
    }

    fn to_quantity(&self, c: &Cand) -> Option<Quantity> {
        let toks = self.toks;
        let start = toks.get(c.start)?.start;
        let end = toks.get(c.end.checked_sub(1)?)?.end;
        if start >= end || !c.num.value.is_finite() {
            return None;
        }
        let unit = c.unit.map(|u| &self.lex.units[u]);
        let si = unit.and_then(|u| crate::reference(u.code, c.num.value));
        if si.as_ref().is_some_and(|s| !s.0.is_finite()) {
            return None;
        }
        let value_max = c.value_max.filter(|v| v.is_finite());
        if c.bound == Bound::Range && value_max.is_none() {
            return None;
        }
        let counted = c.counted.and_then(|(s, e)| {
            let range = TextRange::new(toks[s].start, toks[e - 1].end);
            let word = &self.lower[range.start()..range.end()];
            Some(Counted {
                range,
                lemma: crate::lemma_of(word, self.lang),
            })
            .filter(|_| !range.is_empty())
        });
        Some(Quantity {
            range: TextRange::new(start, end),
            kind: if c.num.ordinal {
                QuantityKind::Ordinal
            } else {
                QuantityKind::Cardinal
            },
            value: c.num.value,
            value_max,
            bound: c.bound,
            unit: unit.map(|u| u.code.to_owned()),
            si: si.map(|(value, unit)| SiValue {
                value,
                unit: unit.to_owned(),
            }),
            counted,
        })
    }
}
