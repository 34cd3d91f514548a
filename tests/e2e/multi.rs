//! `policydiff chain` and `policydiff coverage`: they agree with `compare` pair by pair.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;

use crate::util::{bin, corpus, root};

fn json(args: &[&str]) -> (Value, i32) {
    let out = bin().args(args).args(["-f", "json"]).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        !out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (serde_json::from_slice(&out.stdout).unwrap(), code)
}

/// Upper task id → status, from `compare` JSON.
fn compare_statuses(upper: &str, lower: &str) -> BTreeMap<String, String> {
    let (a, code) = json(&[
        "compare",
        corpus(upper).to_str().unwrap(),
        corpus(lower).to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let mut out = BTreeMap::new();
    for t in a["upper"]["tasks"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap().to_string();
        let best = a["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["upper"] == t["id"])
            .map(|l| l["status"].as_str().unwrap().to_string())
            .min() // "carried" < "reworded"
            .unwrap_or_else(|| "dropped".into());
        out.insert(id, best);
    }
    out
}

#[test]
fn chain_first_level_matches_compare() {
    let files = [
        "anhui-province-2022",
        "chizhou-city-2021",
        "lezhi-county-2021",
    ]
    .map(|s| corpus(s).display().to_string());
    let (c, code) = json(&["chain", &files[0], &files[1], &files[2]]);
    assert_eq!(code, 0);
    let want = compare_statuses("anhui-province-2022", "chizhou-city-2021");
    let rows = c["rows"].as_array().unwrap();
    assert_eq!(rows.len(), want.len());
    for r in rows {
        let id = r["id"].as_str().unwrap();
        assert_eq!(
            r["cells"][0]["status"].as_str().unwrap(),
            want[id],
            "top task {id}"
        );
        assert_eq!(r["cells"].as_array().unwrap().len(), 2);
        // A county cell reached through the chain names city-level parents that exist.
        let county = &r["cells"][1];
        if county["via"] == "chain" {
            assert_ne!(
                r["cells"][0]["status"], "dropped",
                "{id}: through a dropped city task"
            );
        }
        if county["via"] == "direct" {
            assert_eq!(
                r["cells"][0]["status"], "dropped",
                "{id}: direct only when the city dropped it"
            );
        }
    }
}

#[test]
fn coverage_matches_separate_compares() {
    let upper = "chizhou-city-2021";
    let others = [
        "anhui-province-2022",
        "chizhou-city-2018",
        "jiujiang-city-2021",
        "lezhi-county-2021",
    ];
    let mut args = vec!["coverage".to_string(), corpus(upper).display().to_string()];
    args.extend(others.iter().map(|s| corpus(s).display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (c, code) = json(&refs);
    assert_eq!(code, 0);
    let locs = c["localities"].as_array().unwrap();
    assert_eq!(locs.len(), 4);
    let ids: Vec<String> = c["upper"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    for (loc, other) in locs.iter().zip(others) {
        let want = compare_statuses(upper, other);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(
                loc["statuses"][i].as_str().unwrap(),
                want[id],
                "{other}: task {id}"
            );
        }
    }
    // Least covered requirements first.
    let covered: Vec<u64> = c["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["carried"].as_u64().unwrap() + t["reworded"].as_u64().unwrap())
        .collect();
    assert!(covered.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn coverage_from_the_manifest_and_directories() {
    let corpus_dir = root().join("corpus");
    let (c, _) = json(&[
        "coverage",
        "--corpus",
        corpus_dir.to_str().unwrap(),
        "--upper",
        "anhui-province-2022",
    ]);
    let names: Vec<&str> = c["localities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(
        names[0].ends_with("chizhou-city-2021.txt") && names[1].ends_with("lezhi-county-2021.txt")
    );
    // A directory: every notice in it but the upper one.
    let (c, _) = json(&[
        "coverage",
        corpus("chizhou-city-2021").to_str().unwrap(),
        corpus_dir.to_str().unwrap(),
    ]);
    assert_eq!(c["localities"].as_array().unwrap().len(), 4);
}

#[test]
fn an_unreadable_notice_is_skipped_by_name_or_fatal_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.txt");
    fs::write(&bad, b"").unwrap();
    let good = dir.path().join("lezhi.txt");
    fs::copy(corpus("lezhi-county-2021"), &good).unwrap();
    let up = corpus("chizhou-city-2021");
    let out = bin()
        .args(["coverage", "-f", "json"])
        .arg(&up)
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.txt") && err.contains("skipped"),
        "{err}"
    );
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["localities"].as_array().unwrap().len(), 1);
    assert_eq!(
        c["failures"][0]["source"].as_str().unwrap(),
        bad.display().to_string()
    );
    let out = bin()
        .args(["coverage", "--strict"])
        .arg(&up)
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
