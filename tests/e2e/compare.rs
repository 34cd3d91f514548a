//! `policydiff compare` and `policydiff eval`: gold scores, identities, level swaps,
//! overrides, determinism.

use std::fs;
use std::process::Command as StdCommand;

use serde_json::Value;

use crate::util::{bin, compare_json, corpus, data};

const PAIRS: [(&str, &str, &str); 2] = [
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
];

fn eval_json(gold: &str, upper: &str, lower: &str, extra: &[&str]) -> Value {
    let out = bin()
        .args(["eval", "-f", "json"])
        .args(extra)
        .arg("--gold")
        .arg(data(gold))
        .arg(corpus(upper))
        .arg(corpus(lower))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn gold_pairs_score_above_the_floors() {
    // Floors of issue 3: link F1 ≥ 0.80, covered/dropped ≥ 0.88, added ≥ 0.85.
    for (gold, upper, lower) in PAIRS {
        let r = eval_json(gold, upper, lower, &[]);
        assert_eq!(r["keys_unresolved"].as_array().unwrap().len(), 0, "{gold}");
        let f = |k: &str| r[k].as_f64().unwrap();
        assert!(f("link_f1") >= 0.80, "{gold}: link F1 {}", f("link_f1"));
        assert!(
            f("upper_coverage_acc") >= 0.88,
            "{gold}: covered/dropped {}",
            f("upper_coverage_acc")
        );
        assert!(
            f("lower_added_acc") >= 0.85,
            "{gold}: added {}",
            f("lower_added_acc")
        );
    }
}

#[test]
fn phrase_links_are_marked_and_can_be_turned_off() {
    let (gold, upper, lower) = PAIRS[1];
    let a = compare_json(&corpus(upper), &corpus(lower), &[]);
    let phrase_links: Vec<&Value> = a["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["origin"] == "phrase")
        .collect();
    assert!(!phrase_links.is_empty());
    for l in &phrase_links {
        let phrase = l["phrase"].as_str().unwrap();
        assert!(phrase.chars().count() >= 10, "{l}");
        let text = |side: &str, id: &Value| -> String {
            let tasks = a[side]["tasks"].as_array().unwrap();
            let t = tasks.iter().find(|t| t["id"] == *id).unwrap();
            t["text"]
                .as_str()
                .unwrap()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        assert!(text("upper", &l["upper"]).contains(phrase), "{l}");
        assert!(text("lower", &l["lower"]).contains(phrase), "{l}");
        // A phrase link rescues an upper task no scored link covers.
        let others = a["links"].as_array().unwrap().iter();
        assert!(
            others
                .filter(|o| o["upper"] == l["upper"])
                .all(|o| o["origin"] == "phrase"),
            "{l}"
        );
    }
    // The terminal table marks them beside the lower id.
    let table = bin()
        .arg("compare")
        .arg(corpus(upper))
        .arg(corpus(lower))
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    for l in &phrase_links {
        let mark = format!("{}（短语）", l["lower"].as_str().unwrap());
        assert!(table.contains(&mark), "{mark} missing in\n{table}");
    }
    let with = eval_json(gold, upper, lower, &[]);
    let without = eval_json(gold, upper, lower, &["--phrase-length", "0"]);
    let off = compare_json(&corpus(upper), &corpus(lower), &["--phrase-length", "0"]);
    assert!(
        off["links"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["origin"] != "phrase")
    );
    // Each phrase link is one more predicted link, and on this pair one the annotator drew.
    let n = |r: &Value, k: &str| r[k].as_u64().unwrap();
    let extra = phrase_links.len() as u64;
    assert_eq!(n(&with, "pred_links"), n(&without, "pred_links") + extra);
    assert_eq!(n(&with, "true_links"), n(&without, "true_links") + extra);
}

#[test]
fn eval_agrees_with_the_reference_scorer() {
    // The reference scorer ships with the repository (bench/baseline); it needs only
    // Python's standard library.
    let script = crate::util::root().join("bench/baseline/score.py");
    assert!(script.exists(), "{} is missing", script.display());
    if StdCommand::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 not available");
        return;
    }
    for (gold, upper, lower) in PAIRS {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("cmp.json");
        bin()
            .args(["compare", "-o"])
            .arg(&json)
            .arg(corpus(upper))
            .arg(corpus(lower))
            .assert()
            .success();
        let out = StdCommand::new("python3")
            .arg(&script)
            .arg(data(gold))
            .arg(&json)
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Value = serde_json::from_slice(&out.stdout).unwrap();
        let ours = eval_json(gold, upper, lower, &[]);
        for k in [
            "link_precision",
            "link_recall",
            "link_f1",
            "upper_coverage_acc",
            "lower_added_acc",
            "label_acc",
            "true_links",
            "pred_links",
            "gold_links",
        ] {
            assert_eq!(ours[k].as_f64(), theirs[k].as_f64(), "{gold}: {k}");
        }
    }
}

#[test]
fn a_notice_compared_with_itself_is_all_carried() {
    for stem in [
        "anhui-province-2022",
        "lezhi-county-2021",
        "jiujiang-city-2021",
    ] {
        let a = compare_json(&corpus(stem), &corpus(stem), &[]);
        assert_eq!(a["dropped"].as_array().unwrap().len(), 0, "{stem}");
        assert_eq!(a["added"].as_array().unwrap().len(), 0, "{stem}");
        for t in a["upper"]["tasks"].as_array().unwrap() {
            let id = &t["id"];
            let own = a["links"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| &l["upper"] == id && &l["lower"] == id);
            let own = own.unwrap_or_else(|| panic!("{stem}: task {id} not linked to itself"));
            assert_eq!(own["status"], "carried", "{stem} {id}");
            assert_eq!(own["score"].as_f64(), Some(1.0), "{stem} {id}");
        }
    }
}

/// The notice with its level words swapped, as a locality copying it down a level would.
fn swap_levels(text: &str) -> String {
    text.replace("市场", "\u{E001}")
        .replace("各县区", "各乡镇")
        .replace("全市", "全县")
        .replace("市政府", "县政府")
        .replace('市', "县")
        .replace('\u{E001}', "市场")
}

#[test]
fn swapping_level_words_keeps_every_link_carried() {
    let text = fs::read_to_string(corpus("chizhou-city-2021")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let swapped = dir.path().join("swapped.txt");
    fs::write(&swapped, swap_levels(&text)).unwrap();
    let a = compare_json(&corpus("chizhou-city-2021"), &swapped, &[]);
    assert_eq!(a["dropped"].as_array().unwrap().len(), 0);
    for l in a["links"].as_array().unwrap() {
        assert_eq!(l["status"], "carried", "{} → {}", l["upper"], l["lower"]);
    }
    let n = a["upper"]["tasks"].as_array().unwrap().len();
    assert_eq!(a["summary"]["carried"].as_u64(), Some(n as u64));
}

#[test]
fn json_has_the_documented_shape_and_evidence() {
    let a = compare_json(
        &corpus("anhui-province-2022"),
        &corpus("chizhou-city-2021"),
        &[],
    );
    for k in ["upper", "lower", "links", "dropped", "added", "summary"] {
        assert!(a.get(k).is_some(), "missing {k}");
    }
    let link = &a["links"][0];
    for k in [
        "upper",
        "lower",
        "status",
        "score",
        "shared_terms",
        "diff",
        "deadline_change",
        "unit_change",
        "number_changes",
        "clauses",
        "softened",
    ] {
        assert!(link.get(k).is_some(), "link missing {k}");
    }
    let dropped = a["dropped"].as_array().unwrap();
    let evidence = a["dropped_evidence"].as_array().unwrap();
    assert_eq!(dropped.len(), evidence.len());
    assert!(
        evidence
            .iter()
            .all(|e| !e["candidates"].as_array().unwrap().is_empty())
    );
    assert_eq!(
        a["added_evidence"].as_array().unwrap().len(),
        a["added"].as_array().unwrap().len()
    );
}

#[test]
fn compare_json_is_byte_identical_across_runs() {
    let run = || {
        bin()
            .args(["compare", "-f", "json"])
            .arg(corpus("chizhou-city-2021"))
            .arg(corpus("lezhi-county-2021"))
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn overrides_confirm_and_reject_links() {
    let base = compare_json(
        &corpus("anhui-province-2022"),
        &corpus("chizhou-city-2021"),
        &[],
    );
    let first = &base["links"][0];
    let (u, l) = (
        first["upper"].as_str().unwrap(),
        first["lower"].as_str().unwrap(),
    );
    let dropped = base["dropped"][0].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ov = dir.path().join("ov.tsv");
    fs::write(
        &ov,
        format!("# auditor\n{u}\t{l}\treject\n{dropped}\t1\tconfirm\treworded\n"),
    )
    .unwrap();
    let a = compare_json(
        &corpus("anhui-province-2022"),
        &corpus("chizhou-city-2021"),
        &["--overrides", ov.to_str().unwrap()],
    );
    let links = a["links"].as_array().unwrap();
    assert!(!links.iter().any(|x| x["upper"] == u && x["lower"] == l));
    let confirmed = links
        .iter()
        .find(|x| x["upper"] == dropped && x["lower"] == "1")
        .unwrap();
    assert_eq!(confirmed["origin"], "override");
    assert_eq!(confirmed["status"], "reworded");
}

#[test]
fn fail_under_and_min_f1_exit_1() {
    bin()
        .args(["compare", "--fail-under", "99.5"])
        .arg(corpus("anhui-province-2022"))
        .arg(corpus("chizhou-city-2021"))
        .assert()
        .code(1);
    bin()
        .args(["eval", "--min-f1", "0.99", "--gold"])
        .arg(data(PAIRS[0].0))
        .arg(corpus(PAIRS[0].1))
        .arg(corpus(PAIRS[0].2))
        .assert()
        .code(1);
}

#[test]
fn terminal_table_has_a_summary_line() {
    let out = bin()
        .arg("compare")
        .arg(corpus("anhui-province-2022"))
        .arg(corpus("chizhou-city-2021"))
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("未落实") && s.contains("覆盖率"), "{s}");
    let en = bin()
        .args(["compare", "--lang", "en"])
        .arg(corpus("anhui-province-2022"))
        .arg(corpus("chizhou-city-2021"))
        .output()
        .unwrap();
    assert!(String::from_utf8(en.stdout).unwrap().contains("dropped"));
}
