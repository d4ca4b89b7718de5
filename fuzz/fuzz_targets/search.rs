//! A query typed by a user: any string is an answer or an error, never a panic.

#![no_main]

use std::sync::OnceLock;

use index::{IndexDoc, SearchIndex, SearchRequest};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        // `SearchIndex::search` catches tantivy's own panics (tantivy#2811) and returns an
        // error; libfuzzer's hook would abort on them before the catch. A panic that escapes
        // `search` still fails the target: libfuzzer-sys catches the unwind and aborts.
        std::panic::set_hook(Box::new(|_| {}));
        let index = SearchIndex::in_memory().expect("an index in memory");
        let mut writer = index.writer().expect("a writer");
        let docs = [
            (
                "fr",
                "Le président Kassym-Jomart Tokaïev a reçu les dirigeants de l'OTSC à Astana.",
            ),
            (
                "ru",
                "Президент Касым-Жомарт Токаев заявил, что границы открыты.",
            ),
            ("en", "President Tokayev met CSTO leaders on Tuesday."),
        ];
        let docs: Vec<IndexDoc> = docs
            .iter()
            .enumerate()
            .map(|(i, (lang, body))| IndexDoc {
                doc: i as u64,
                id: format!("d{i}"),
                title: Some(body.chars().take(20).collect()),
                lang: Some((*lang).to_owned()),
                body: (*body).to_owned(),
                names: vec!["Tokaïev".to_owned()],
                source: None,
                day: Some(19_000 + i as i64),
            })
            .collect();
        index.add(&mut writer, &docs).expect("add");
        index.commit(&mut writer).expect("commit");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let _ = index().search(&SearchRequest {
        query: query.to_owned(),
        limit: 5,
        ..SearchRequest::default()
    });
});
