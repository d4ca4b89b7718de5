//! Tags each line of stdin: `tag LANG [PUBLISHED]`. For trying rules by hand.

use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = args.get(1).and_then(|l| doc::LangCode::parse(l));
    let anchor = args.get(2).and_then(|p| times::parse_published(p).ok());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let found = times::tag(&line, lang, anchor);
        let parts: Vec<String> = found
            .iter()
            .map(|t| {
                format!(
                    "{}|{}|{}|{}{}",
                    &line[t.range.start()..t.range.end()],
                    t.kind.as_str(),
                    t.value,
                    t.anchored,
                    t.modifier.map(|m| format!("|{m}")).unwrap_or_default()
                )
            })
            .collect();
        println!("{line}\t=> {}", parts.join(" ; "));
    }
}
