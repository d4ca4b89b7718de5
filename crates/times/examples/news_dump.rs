//! Dumps the time expressions found in a JSON Lines corpus (`text`, `lang`, `date` fields):
//! `news_dump FILE LANG N` prints the first N expressions of that language, one a line, with
//! the document date and some context, for judging precision by hand.

use std::io::BufRead;

/// The string value of `"key": "..."` in one JSON object line (escapes decoded), if any.
fn field(line: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\": ");
    let start = line.find(&pat)? + pat.len();
    let rest = &line[start..];
    let rest = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(lang)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: news_dump FILE LANG [N]");
        return;
    };
    let limit: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(150);
    let code = doc::LangCode::parse(lang);
    let file = std::fs::File::open(path).expect("cannot open the corpus");
    let mut n = 0;
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        if n >= limit {
            break;
        }
        if field(&line, "lang").as_deref() != Some(lang.as_str()) {
            continue;
        }
        let Some(text) = field(&line, "text") else {
            continue;
        };
        let date = field(&line, "date");
        let anchor = date.as_deref().and_then(|d| times::parse_published(d).ok());
        for t in times::tag(&text, code, anchor) {
            if n >= limit {
                break;
            }
            n += 1;
            let (s, e) = (t.range.start(), t.range.end());
            let mut a = s.saturating_sub(50);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (e + 30).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            let ctx = format!("{}[{}]{}", &text[a..s], &text[s..e], &text[e..b]).replace('\n', " ");
            println!(
                "{n}\t{}\t{}|{}|{}|{}{}\t{ctx}",
                date.as_deref().unwrap_or("-"),
                &text[s..e],
                t.kind.as_str(),
                t.value,
                t.anchored,
                t.modifier.map(|m| format!("|{m}")).unwrap_or_default()
            );
        }
    }
}
