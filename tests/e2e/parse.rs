//! `policydiff parse`: the real corpus, the expected fixtures, and bad input.

use std::fs;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{CORPUS, bin, corpus, data, gold_keys, parse_json, strings};

fn expected(stem: &str) -> toml::Table {
    let text = fs::read_to_string(data(&format!("expected/{stem}.toml"))).expect("fixture");
    text.parse().expect("valid TOML")
}

#[test]
fn corpus_notices_match_their_expected_fixtures() {
    for stem in CORPUS {
        let exp = expected(stem);
        let got = parse_json(&corpus(stem));
        let tasks = got["tasks"].as_array().unwrap();
        assert_eq!(
            tasks.len() as i64,
            exp["tasks"].as_integer().unwrap(),
            "{stem}: task count"
        );
        assert_eq!(
            got["layout"],
            exp["layout"].as_str().unwrap(),
            "{stem}: layout"
        );
        for key in ["doc_number", "date", "level"] {
            if let Some(v) = exp.get(key) {
                assert_eq!(got["meta"][key], v.as_str().unwrap(), "{stem}: meta.{key}");
            }
        }
        assert_eq!(
            got["meta"]["year"],
            exp["year"].as_integer().unwrap(),
            "{stem}: year"
        );
        if let Some(n) = exp.get("continuation_rows") {
            let cont = tasks
                .iter()
                .filter(|t| t["id"].as_str().unwrap().contains('-'))
                .count();
            assert_eq!(
                cont as i64,
                n.as_integer().unwrap(),
                "{stem}: continuation rows"
            );
        }
        for want in exp["task"].as_array().unwrap() {
            let id = want["id"].as_str().unwrap();
            let task = tasks
                .iter()
                .find(|t| t["id"] == id)
                .unwrap_or_else(|| panic!("{stem}: no task {id}"));
            let list = |v: &toml::Value| -> Vec<String> {
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            };
            assert_eq!(
                strings(&task["lead_units"]),
                list(&want["lead"]),
                "{stem} {id}: lead units"
            );
            assert_eq!(
                strings(&task["units"]),
                list(&want["units"]),
                "{stem} {id}: units"
            );
            let d = list(&want["deadline"]);
            let raw = task["deadline"]["raw"].as_str().unwrap_or("");
            let date = task["deadline"]["date"].as_str().unwrap_or("");
            assert_eq!(
                [raw, task["deadline"]["kind"].as_str().unwrap(), date],
                [d[0].as_str(), d[1].as_str(), d[2].as_str()],
                "{stem} {id}: deadline"
            );
            if let Some(sec) = want.get("section") {
                assert_eq!(strings(&task["section"]), list(sec), "{stem} {id}: section");
            }
            if let Some(start) = want.get("text_starts") {
                let text = task["text"].as_str().unwrap();
                assert!(
                    text.starts_with(start.as_str().unwrap()),
                    "{stem} {id}: text {text}"
                );
            }
        }
    }
}

#[test]
fn every_gold_key_is_in_exactly_one_task() {
    for (gold, upper, lower) in [
        (
            "gold/anhui-province-2022__chizhou-city-2021.tsv",
            "anhui-province-2022",
            "chizhou-city-2021",
        ),
        (
            "gold/chizhou-city-2021__lezhi-county-2021.tsv",
            "chizhou-city-2021",
            "lezhi-county-2021",
        ),
    ] {
        let (up_keys, low_keys) = gold_keys(&data(gold));
        for (stem, keys) in [(upper, up_keys), (lower, low_keys)] {
            let got = parse_json(&corpus(stem));
            let texts: Vec<&str> = got["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["text"].as_str().unwrap())
                .collect();
            for k in keys {
                let hits = texts.iter().filter(|t| t.contains(k.as_str())).count();
                assert_eq!(hits, 1, "{stem}: gold key {k:?} found in {hits} tasks");
            }
        }
    }
}

#[test]
fn task_texts_hold_no_cells_tags_or_separators() {
    for stem in CORPUS {
        let got = parse_json(&corpus(stem));
        for t in got["tasks"].as_array().unwrap() {
            let text = t["text"].as_str().unwrap();
            let id = &t["id"];
            assert!(
                !text.contains('\t') && !text.contains('|') && !text.contains("<p>"),
                "{stem} {id}: {text}"
            );
            assert!(
                !text.contains("负责落实"),
                "{stem} {id}: unit cell in text: {text}"
            );
            if let Some(raw) = t["deadline"]["raw"].as_str() {
                assert!(
                    !text.ends_with(raw) || stem == "jiujiang-city-2021",
                    "{stem} {id}: deadline in text"
                );
            }
            for u in strings(&t["units"])
                .iter()
                .chain(strings(&t["lead_units"]).iter())
            {
                assert!(
                    !text.ends_with(u.as_str()),
                    "{stem} {id}: ends with unit {u}"
                );
            }
        }
    }
}

#[test]
fn table_output_shows_metadata_and_tasks() {
    bin()
        .args(["parse", "--lang", "en"])
        .arg(corpus("chizhou-city-2021"))
        .assert()
        .success()
        .stdout(predicate::str::contains("池政办秘〔2021〕43号"))
        .stdout(predicate::str::contains("tasks:      45"));
    // In Chinese by default (issue 24).
    bin()
        .args(["parse"])
        .arg(corpus("chizhou-city-2021"))
        .assert()
        .success()
        .stdout(predicate::str::contains("任务数：  45"))
        .stdout(predicate::str::contains("│ 序号"));
}

fn assert_bad_input(path: &std::path::Path, message: &str) {
    let out = bin().arg("parse").arg(path).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", path.display());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(message), "says {message:?}: {err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_inputs_fail_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    assert_bad_input(&p("empty.txt", b""), "file is empty");
    assert_bad_input(&p("blank.txt", b"  \n\t\n \r\n"), "only whitespace");
    assert_bad_input(
        &p(
            "letter.txt",
            "各县区人民政府：\n现将有关事项通知如下。\n".as_bytes(),
        ),
        "no task list found",
    );
    assert_bad_input(
        &p("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"),
        "not a readable image file",
    );
    assert_bad_input(dir.path(), "is a directory");
    assert_bad_input(&dir.path().join("missing.txt"), "cannot read");
}

#[test]
fn spliced_invalid_bytes_and_control_characters_warn_and_keep_the_tasks() {
    let clean = fs::read(corpus("chizhou-city-2021")).unwrap();
    let mut dirty = clean.clone();
    // Invalid UTF-8 after the first line, and control characters inside a task row.
    let first_nl = dirty.iter().position(|&b| b == b'\n').unwrap();
    dirty.splice(first_nl..first_nl, [0xFF, 0xC3, 0x28]);
    let row = String::from_utf8_lossy(&clean)
        .find("主动公开全国统一")
        .unwrap()
        + 3;
    dirty.splice(row..row, [0x07, 0x1B]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dirty.txt");
    fs::write(&path, &dirty).unwrap();
    let out = bin()
        .args(["parse", "--format", "json", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("invalid UTF-8") && err.contains("line"),
        "{err}"
    );
    assert!(err.contains("control characters"), "{err}");
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want = parse_json(&corpus("chizhou-city-2021"));
    assert_eq!(got["tasks"], want["tasks"]);
}

#[test]
fn gb18030_copy_parses_like_the_utf8_original() {
    let text = fs::read_to_string(corpus("anhui-province-2022")).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anhui-gbk.txt");
    fs::write(&path, &gb).unwrap();
    let got = parse_json(&path);
    let want = parse_json(&corpus("anhui-province-2022"));
    assert_eq!(got["tasks"], want["tasks"]);
    assert_eq!(got["meta"], want["meta"]);
}

#[test]
fn json_output_is_identical_across_runs() {
    let a = bin()
        .args(["parse", "-f", "json"])
        .arg(corpus("lezhi-county-2021"))
        .output()
        .unwrap();
    let b = bin()
        .args(["parse", "-f", "json"])
        .arg(corpus("lezhi-county-2021"))
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
}
