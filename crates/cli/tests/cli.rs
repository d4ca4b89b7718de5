//! The `veille` binary as users run it: the demo corpus, bad inputs, exit codes, the contract.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn veille(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run veille")
}

fn veille_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run veille");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch folder for one test, emptied first and removed when dropped (one test writes
/// a 17 MB file: left behind by every run, they filled the disk).
fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("veille-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `text[start:end]` in code points, as the contract defines offsets.
fn cp_slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn demo_corpus_gives_contract_json() {
    let examples = repo().join("examples");
    let out = veille(&["analyze", examples.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = lines(&out);
    // 9 text files, 2 pages, 3 JSON Lines records.
    assert_eq!(docs.len(), 14, "{}", stderr(&out));
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let mut sorted_files = ids[..4].to_vec();
    sorted_files.sort();
    assert_eq!(ids[..4], sorted_files[..], "directory order is name order");
    for doc in &docs {
        let text = doc["text"].as_str().unwrap();
        assert!(!text.is_empty());
        for key in [
            "id",
            "source",
            "title",
            "published",
            "lang",
            "lang_confidence",
            "text",
            "sentences",
            "entities",
            "times",
            "quantities",
            "quotes",
            "claims",
            "diagnostics",
        ] {
            assert!(doc.get(key).is_some(), "{key} missing in {}", doc["id"]);
        }
        let chars: Vec<char> = text.chars().collect();
        for layer in ["entities", "times", "quantities", "quotes"] {
            for item in doc[layer].as_array().unwrap() {
                let (start, end) = (
                    item["start"].as_u64().unwrap(),
                    item["end"].as_u64().unwrap(),
                );
                let slice: String = chars[start as usize..end as usize].iter().collect();
                assert_eq!(
                    slice,
                    item["text"].as_str().unwrap(),
                    "{layer} in {}",
                    doc["id"]
                );
            }
        }
        // Layers not built yet are absent.
        for key in ["events", "tokens"] {
            assert!(doc.get(key).is_none(), "{key} present in {}", doc["id"]);
        }
        assert!(
            ["fr", "en", "ru"].contains(&doc["lang"].as_str().unwrap()),
            "{}",
            doc["id"]
        );
        let title = doc["title"].as_str().unwrap();
        assert!(
            text.starts_with(title),
            "text starts with the title in {}",
            doc["id"]
        );
        let mut previous_end = 0;
        for s in doc["sentences"].as_array().unwrap() {
            let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(previous_end <= start && start < end);
            let sentence = cp_slice(text, start, end);
            assert_eq!(sentence.trim(), sentence);
            previous_end = end;
        }
        assert!(previous_end as usize <= text.chars().count());
    }
    let by_id = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // The windows-1251 page is decoded and read as Russian.
    let ru_page = by_id("ru-page-article");
    assert_eq!(ru_page["lang"], "ru");
    assert!(ru_page["text"].as_str().unwrap().contains("ОДКБ"));
    // Page metadata: the publication date and the canonical URL.
    let fr_page = by_id("fr-page-article");
    assert!(fr_page["published"].as_str().unwrap().starts_with("20"));
    assert!(
        fr_page["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    assert!(!fr_page["text"].as_str().unwrap().contains("<script"));
}

#[test]
fn tokens_on_request_with_code_point_offsets() {
    let out = veille_stdin(
        &["analyze", "--tokens", "--lang", "fr", "-"],
        "Été 2022\n\nL’armée a compté 100 000 Russes.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &lines(&out)[0];
    assert_eq!(
        doc["lang_confidence"],
        Value::Null,
        "a declared language has no confidence"
    );
    let text = doc["text"].as_str().unwrap();
    let tokens: Vec<String> = doc["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            cp_slice(
                text,
                t["start"].as_u64().unwrap(),
                t["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tokens,
        [
            "Été", "2022", "L’", "armée", "a", "compté", "100 000", "Russes", "."
        ]
    );
}

#[test]
fn no_clean_keeps_text_exactly() {
    let input = "  Titre\r\n\r\nUn  texte\u{a0}; brut.\u{200b}  ";
    let out = veille_stdin(&["analyze", "--no-clean", "-"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["text"], input);
    let cleaned = veille_stdin(&["analyze", "-"], input.as_bytes());
    assert_eq!(lines(&cleaned)[0]["text"], "Titre\n\nUn texte\u{a0}; brut.");
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("a-good.txt"),
        "Un titre\n\nLe texte de l’article est là.",
    )
    .unwrap();
    std::fs::write(dir.join("b-empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("c-binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    )
    .unwrap();
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(
        "Élection à Paris\n\nLe député a été réélu dès le premier tour, a précisé la préfecture.",
    );
    std::fs::write(dir.join("d-latin1.txt"), &latin1).unwrap();
    std::fs::write(dir.join("e-huge.txt"), "a".repeat(17 << 20)).unwrap();
    std::fs::write(
        dir.join("f-feed.jsonl"),
        "{\"id\": \"one\", \"text\": \"Premier article du flux.\"}\n{\"id\": \"two\", \"text\": broken\n\n{\"id\": 3, \"text\": \"Troisième article.\", \"date\": \"2022-09-27\"}\n{\"id\": \"four\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("g-deep.html"),
        format!(
            "<html><body>{}<p>Profond.</p></body></html>",
            "<div>".repeat(10_000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("h-unclosed.html"),
        "<html><head><title>Sans fin</title><body><p>Un paragraphe <b>coupé",
    )
    .unwrap();
    std::fs::write(
        dir.join("i-script-only.html"),
        "<html><body><script>var x = 1;</script></body></html>",
    )
    .unwrap();
    let missing = dir.join("z-missing.txt");

    let out = veille(&["analyze", dir.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs failed: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    for expected in [
        "b-empty.txt: empty input",
        "c-binary.txt: binary content",
        "e-huge.txt: larger than the limit",
        "f-feed.jsonl:2: invalid JSON",
        "f-feed.jsonl:5: no `text` or `html` field",
        "z-missing.txt: no such file",
    ] {
        assert!(err.contains(expected), "stderr lacks {expected:?}:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "a-good",
            "d-latin1",
            "one",
            "3",
            "g-deep",
            "h-unclosed",
            "i-script-only"
        ]
    );
    let latin1_doc = &docs[1];
    assert!(
        latin1_doc["text"]
            .as_str()
            .unwrap()
            .contains("député a été réélu")
    );
    assert!(
        latin1_doc["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("windows-1252")
    );
    assert_eq!(
        docs[3]["published"], "2022-09-27",
        "`date` is read as `published`"
    );
    assert!(docs[4]["text"].as_str().unwrap().contains("Profond."));
    assert!(
        docs[4]["diagnostics"]
            .to_string()
            .contains("nested about 10"),
        "{}",
        docs[4]["diagnostics"]
    );
    assert!(
        docs[5]["text"]
            .as_str()
            .unwrap()
            .contains("Un paragraphe coupé")
    );
    assert_eq!(docs[6]["text"], "");
    assert!(docs[6]["diagnostics"].to_string().contains("no text found"));
}

#[test]
fn a_long_single_line_is_processed_within_the_limit() {
    let dir = scratch("long");
    let line = "Le convoi a parcouru 4 750 milles sans s’arrêter et personne ne l’a vu passer "
        .repeat(30_000);
    std::fs::write(dir.join("long.txt"), &line).unwrap();
    let out = veille(&["analyze", dir.join("long.txt").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["lang"], "fr");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        veille(&["analyze", "--lang", "français", "x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        veille(&["analyze", "--published", "hier", "x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(veille(&["nonsense"]).status.code(), Some(2));
}

#[test]
fn text_view_is_readable() {
    let out = veille_stdin(
        &["analyze", "--format", "text", "-"],
        "Titre\n\nPremière phrase. Deuxième phrase.".as_bytes(),
    );
    let view = String::from_utf8(out.stdout).unwrap();
    assert!(view.contains("   2  Première phrase."), "{view}");
    assert!(view.contains("   3  Deuxième phrase."), "{view}");
}

#[test]
fn text_view_shows_times_and_quantities() {
    let out = veille_stdin(
        &[
            "analyze",
            "--format",
            "text",
            "--lang",
            "fr",
            "--published",
            "2024-05-10",
            "-",
        ],
        "Titre\n\nLe 23 avril dernier, 3 600 soldats ont marché 4 750 milles.".as_bytes(),
    );
    let view = String::from_utf8(out.stdout).unwrap();
    assert!(
        view.contains("time       Le 23 avril dernier → date 2024-04-23"),
        "{view}"
    );
    assert!(
        view.contains("quantity   3 600 → exact 3600 of soldats"),
        "{view}"
    );
    assert!(
        view.contains("4 750 milles → exact 4750 mi = 7644"),
        "{view}"
    );
}

#[test]
fn fast_extractor_reads_the_demo_page() {
    let page = repo().join("examples/fr-page-article.html");
    for extractor in ["auto", "trafilatura", "fast"] {
        let out = veille(&["analyze", "--extractor", extractor, page.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = lines(&out)[0]["text"].as_str().unwrap().to_owned();
        assert!(
            text.contains("Les fauteuils rouges du cinéma Arman"),
            "{extractor}: {text}"
        );
        assert!(!text.contains("Partager"), "{extractor}: {text}");
    }
}
