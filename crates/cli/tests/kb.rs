//! The knowledge-base commands as users run them, on the demo corpus: `ingest`, `search`,
//! `entities`, `entity`, `claims`, `timeline`, and what they say on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn veille(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(args)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .output()
        .expect("run veille")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn lines(output: &Output) -> Vec<Value> {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A knowledge base of its own per test, removed at the end.
struct Db(PathBuf);

impl Db {
    fn new(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("veille-cli-kb-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Db(dir)
    }

    fn ingested(name: &str) -> Db {
        let db = Db::new(name);
        let out = veille(&db.0, &["ingest", "--quiet", examples().to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        db
    }
}

/// `veille ingest` of one input on one thread, in the background (stderr kept).
fn spawn_ingest(db: &Db, input: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(["ingest", "--quiet", "--threads", "1"])
        .arg(input)
        .arg("--db")
        .arg(&db.0)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start veille ingest")
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn ingesting_the_demo_twice_adds_nothing_the_second_time() {
    let db = Db::new("twice");
    let first = veille(&db.0, &["ingest", "--quiet", examples().to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("14 added, 0 already stored, 0 failed"),
        "{}",
        stderr(&first)
    );
    let entities_before = lines(&veille(&db.0, &["entities", "--format", "jsonl"]));
    let again = veille(&db.0, &["ingest", "--quiet", examples().to_str().unwrap()]);
    assert!(
        stderr(&again).contains("0 added, 14 already stored"),
        "{}",
        stderr(&again)
    );
    let entities_after = lines(&veille(&db.0, &["entities", "--format", "jsonl"]));
    assert_eq!(entities_before, entities_after);
}

#[test]
fn entities_follow_the_contract_and_meet_across_scripts() {
    let db = Db::ingested("entities");
    let entities = lines(&veille(&db.0, &["entities", "--format", "jsonl"]));
    for e in &entities {
        for key in [
            "entity",
            "label",
            "name",
            "aliases",
            "mentions",
            "documents",
        ] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
    }
    let find = |alias: &str| {
        entities
            .iter()
            .filter(|e| e["label"] != "PER" || !alias.chars().all(|c| c.is_uppercase()))
            .find(|e| {
                e["name"] == alias || e["aliases"].as_array().unwrap().iter().any(|a| a == alias)
            })
            .unwrap_or_else(|| panic!("no entity named {alias}"))["entity"]
            .clone()
    };
    // One person in three spellings and two scripts; one organisation in three languages.
    assert_eq!(find("Tokayev"), find("Токаев"));
    assert_eq!(find("Tokaïev"), find("Токаев"));
    assert_eq!(find("OTSC"), find("ОДКБ"));
    assert_eq!(
        find("Collective Security Treaty Organization"),
        find("ОДКБ")
    );
    let mentions = lines(&veille(
        &db.0,
        &["entities", "--mentions", "--format", "jsonl"],
    ));
    let m = &mentions[0];
    for key in ["document", "start", "end", "text", "label", "entity"] {
        assert!(m.get(key).is_some(), "{key} missing in {m}");
    }
}

#[test]
fn search_finds_a_name_in_either_script_with_filters() {
    let db = Db::ingested("search");
    let hits = lines(&veille(
        &db.0,
        &["search", "Tokayev", "--lang", "ru", "--format", "jsonl"],
    ));
    assert!(!hits.is_empty());
    for hit in &hits {
        for key in ["id", "title", "score", "snippet"] {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
    }
    assert!(
        hits.iter()
            .any(|h| h["snippet"].as_str().unwrap().contains("Токаев"))
    );
    // Stemmed French: the plural finds the singular.
    let hits = lines(&veille(
        &db.0,
        &["search", "inondations", "--format", "jsonl"],
    ));
    assert_eq!(hits[0]["id"], "fr-inondations-orenbourg");
    let only = lines(&veille(
        &db.0,
        &[
            "search",
            "Astana",
            "--entity",
            "Orenbourg",
            "--format",
            "jsonl",
        ],
    ));
    assert!(only.len() < lines(&veille(&db.0, &["search", "Astana", "--format", "jsonl"])).len());
}

#[test]
fn an_entity_profile_and_a_merge_that_survives_reingestion() {
    let db = Db::ingested("profile");
    let profile = lines(&veille(&db.0, &["entity", "Токаев", "--format", "jsonl"]));
    let p = &profile[0];
    assert_eq!(p["label"], "PER");
    assert!(p["documents"].as_u64().unwrap() >= 5, "{p}");
    assert!(!p["quotes"].as_array().unwrap().is_empty(), "{p}");
    assert!(!p["co_mentioned"].as_array().unwrap().is_empty());

    let out = veille(&db.0, &["entity", "merge", "Astana", "Almaty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let merged = |db: &Db| {
        let a = lines(&veille(&db.0, &["entity", "Astana", "--format", "jsonl"]));
        let b = lines(&veille(&db.0, &["entity", "Almaty", "--format", "jsonl"]));
        a[0]["entity"] == b[0]["entity"]
    };
    assert!(merged(&db));
    let again = veille(&db.0, &["ingest", "--quiet", examples().to_str().unwrap()]);
    assert!(again.status.success());
    assert!(merged(&db), "the merge was lost on re-ingestion");
}

#[test]
fn claims_and_timeline_follow_the_contract() {
    let db = Db::ingested("claims");
    let groups = lines(&veille(&db.0, &["claims", "--format", "jsonl"]));
    assert!(!groups.is_empty());
    for g in &groups {
        assert!(["consistent", "conflicting", "single"].contains(&g["status"].as_str().unwrap()));
        for v in g["values"].as_array().unwrap() {
            for key in ["value", "bound", "si", "source", "document", "text"] {
                assert!(v.get(key).is_some(), "{key} missing in {v}");
            }
        }
    }
    let timeline = lines(&veille(&db.0, &["timeline", "--format", "jsonl"]));
    let values: Vec<&str> = timeline
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "{values:?}");
    let about = lines(&veille(
        &db.0,
        &["timeline", "--entity", "Orenbourg", "--format", "jsonl"],
    ));
    assert!(!about.is_empty() && about.len() < timeline.len());
}

#[test]
fn read_commands_without_a_store_say_so() {
    let db = Db::new("missing");
    let out = veille(&db.0, &["search", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no knowledge base"),
        "{}",
        stderr(&out)
    );
    assert!(!db.0.exists(), "a read command must not create a store");
}

#[test]
fn bad_queries_and_names_get_a_clear_message() {
    let db = Db::ingested("bad");
    let long = "a".repeat(100_000);
    let out = veille(&db.0, &["search", &long]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
    let out = veille(&db.0, &["search", "\"unclosed AND ("]);
    assert_ne!(out.status.code(), Some(101), "panicked: {}", stderr(&out));
    let out = veille(&db.0, &["entity", "Nobody Atall"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no entity named"), "{}", stderr(&out));
    let out = veille(&db.0, &["search", "x", "--from", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_corrupt_store_is_reported_not_a_panic() {
    let db = Db::new("corrupt");
    std::fs::create_dir_all(&db.0).unwrap();
    std::fs::write(
        db.0.join("veille.db"),
        b"this is not a database at all, not even close",
    )
    .unwrap();
    let out = veille(&db.0, &["entities"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("veille.db") || stderr(&out).contains("store"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let db = Db::new("badinput");
    let dir = db.0.with_extension("inputs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "Titre\n\nLe président Tokaïev est à Astana.",
    )
    .unwrap();
    std::fs::write(
        dir.join("bad.jsonl"),
        "{not json\n{\"id\": \"ok\", \"text\": \"Bonjour Paris.\"}\n",
    )
    .unwrap();
    let out = veille(&db.0, &["ingest", "--quiet", dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.jsonl"), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 added"), "{}", stderr(&out));
}

/// SIGKILL in the middle of an ingest, then a rerun: every document once, none lost, the
/// index in step with the store.
#[test]
fn a_killed_ingest_resumes_without_duplicates_or_losses() {
    const N: usize = 700;
    let db = Db::new("killed");
    let input = db.0.with_extension("jsonl");
    let mut jsonl = String::new();
    let cities = ["Astana", "Almaty", "Orenbourg", "Kostanaï", "Moscou"];
    for i in 0..N {
        let city = cities[i % cities.len()];
        jsonl.push_str(&format!(
            "{{\"id\": \"d{i}\", \"published\": \"2024-05-10\", \"text\": \"Dépêche {i}\\n\\nLe président Tokaïev a visité {city} le {} mai. Selon la mairie, près de {} personnes étaient présentes. Mot{i}unique.\"}}\n",
            1 + i % 28,
            100 + i
        ));
    }
    std::fs::write(&input, jsonl).unwrap();
    let mut child = spawn_ingest(&db, &input);
    // Kill as soon as a first batch is committed (or whenever it is done).
    let started = std::time::Instant::now();
    loop {
        let committed = rusqlite::Connection::open_with_flags(
            db.0.join("veille.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0)))
        .unwrap_or(0);
        if committed > 0 || child.try_wait().unwrap().is_some() || started.elapsed().as_secs() > 120
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let rerun = veille(&db.0, &["ingest", "--quiet", input.to_str().unwrap()]);
    let _ = std::fs::remove_file(&input);
    let summary = stderr(&rerun);
    assert!(rerun.status.success(), "{summary}");
    assert!(
        summary.contains(&format!("the store holds {N} documents")),
        "{summary}"
    );
    for i in [0, N / 2, N - 1] {
        let hits = lines(&veille(
            &db.0,
            &["search", &format!("Mot{i}unique"), "--format", "jsonl"],
        ));
        assert_eq!(hits.len(), 1, "document d{i}: {hits:?}");
        assert_eq!(hits[0]["id"], format!("d{i}"));
    }
}

#[test]
fn a_split_of_a_name_that_is_not_separate_says_which_names_can_be() {
    let db = Db::ingested("split");
    let out = veille(&db.0, &["entity", "split", "Токаев", "Nobody Atall"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("can be split off"),
        "{}",
        stderr(&out)
    );
    let id = |name: &str| {
        lines(&veille(&db.0, &["entity", name, "--format", "jsonl"]))[0]["entity"].clone()
    };
    assert_eq!(id("ОДКБ"), id("OTSC"));
    let out = veille(&db.0, &["entity", "split", "OTSC", "ОДКБ"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(id("ОДКБ"), id("OTSC"));
}

/// Readers run while an ingest writes: each answers from what is committed, none fails.
#[test]
fn readers_answer_while_an_ingest_writes() {
    const N: usize = 600;
    let db = Db::ingested("concurrent");
    let input = db.0.with_extension("more.jsonl");
    let mut jsonl = String::new();
    for i in 0..N {
        jsonl.push_str(&format!(
            "{{\"id\": \"c{i}\", \"text\": \"Note {i}\\n\\nLe président Tokaïev a visité Astana. Lot{i}unique.\"}}\n"
        ));
    }
    std::fs::write(&input, jsonl).unwrap();
    let mut writer = spawn_ingest(&db, &input);
    let mut reads = 0;
    while writer.try_wait().unwrap().is_none() && reads < 40 {
        for args in [&["search", "Tokaïev"][..], &["entities"], &["timeline"]] {
            let out = veille(&db.0, args);
            assert!(
                out.status.success(),
                "{args:?} during ingest: {}",
                stderr(&out)
            );
        }
        reads += 1;
    }
    let out = writer.wait_with_output().unwrap();
    let _ = std::fs::remove_file(&input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(reads > 0, "the ingest ended before any read");
}

/// `veille serve` on a real socket: the API answers over loopback.
#[test]
fn serve_answers_over_loopback() {
    use std::io::{BufRead, BufReader, Read, Write};
    let db = Db::ingested("serve");
    let mut server = Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db.0)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    let get = |path: &str| {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    };
    let search = get("/api/search?q=Tokayev");
    let openapi = get("/api/openapi.json");
    let missing = get("/api/documents/nope");
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(search.starts_with("HTTP/1.1 200"), "{search}");
    assert!(search.contains("\"hits\""), "{search}");
    assert!(openapi.contains("\"openapi\":\"3.1.0\""), "{openapi}");
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}
