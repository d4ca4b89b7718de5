//! The annotated scraped-text corpus of `crates/clean/test_data/scraped/`: every furniture
//! line removed with its reason, no body line lost, every title found.

use std::path::Path;

#[test]
fn scraped_corpus_is_cleaned() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../clean/test_data/scraped");
    let rows = eval::furniture(&dir, "scraped").unwrap();
    let all = |metric: &str| {
        rows.iter()
            .find(|r| r.lang == "all" && r.metric == metric)
            .unwrap()
            .counts
    };
    let lines = all("furniture-line");
    assert!(
        lines.tp > 150,
        "the corpus has its furniture lines: {lines:?}"
    );
    assert_eq!(
        (lines.fp, lines.fn_),
        (0, 0),
        "body lines lost, furniture lines left"
    );
    assert_eq!(all("title").fn_, 0, "titles missed");
    // One English line's reason is debatable (a share row read as navigation); allow it.
    assert!(all("reason").fn_ <= 1, "{:?}", all("reason"));
}
