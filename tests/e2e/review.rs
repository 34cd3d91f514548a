//! The review band (issue 14) in the reports, and the HTML page's review controls: the
//! overrides file the page builds from an auditor's clicks is one `compare --overrides`
//! reads and applies. The browser test drives Debian's headless Chromium (`browser`) and
//! skips itself, saying why, when it is absent outside CI.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::{self, Browser};
use crate::util::{bin, corpus};

const UPPER: &str = "anhui-province-2022";
const LOWER: &str = "chizhou-city-2021";
/// The gold pair whose report has links in review (a link near its bar, a contested merge,
/// order and phrase rescues) as well as links outside it and dropped tasks: what the
/// browser test confirms, rejects and picks.
const REVIEW_PAIR: (&str, &str) = ("chizhou-city-2021", "jiujiang-city-2021");

fn compare_json(extra: &[&str]) -> Value {
    compare_pair_json((UPPER, LOWER), extra)
}

fn compare_pair_json((upper, lower): (&str, &str), extra: &[&str]) -> Value {
    let out = bin()
        .arg("compare")
        .arg(corpus(upper))
        .arg(corpus(lower))
        .args(["--format", "json"])
        .args(extra)
        .output()
        .expect("run policydiff");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn compare_to(path: &Path) {
    compare_pair_to((UPPER, LOWER), path)
}

fn compare_pair_to((upper, lower): (&str, &str), path: &Path) {
    let out = bin()
        .arg("compare")
        .arg(corpus(upper))
        .arg(corpus(lower))
        .arg("-o")
        .arg(path)
        .output()
        .expect("run policydiff");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_gives_every_upper_task_a_confidence_and_counts_the_review() {
    let j = compare_json(&[]);
    let decisions = j["decisions"].as_array().expect("decisions");
    assert_eq!(
        decisions.len(),
        j["upper"]["tasks"].as_array().unwrap().len()
    );
    let review = decisions.iter().filter(|d| d["review"] == true).count();
    assert!(review > 0, "the gold pair has doubtful calls");
    assert_eq!(j["summary"]["review"], review);
    for d in decisions {
        let c = d["confidence"].as_f64().expect("confidence");
        assert!((0.5..=1.0).contains(&c), "{d}");
    }
    // The bars the pair was aligned with are kept beside the settings.
    assert!(
        j["pair_thresholds"]["link"].as_f64().unwrap() >= j["thresholds"]["link"].as_f64().unwrap()
    );
}

#[test]
fn every_format_shows_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let j = compare_json(&[]);
    let n = j["summary"]["review"].as_u64().unwrap();
    for ext in ["md", "html", "csv"] {
        let path = dir.path().join(format!("r.{ext}"));
        compare_to(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let marks = text.matches("待核实").count();
        assert!(marks as u64 >= n, "{ext}: {marks} marks for {n} in review");
    }
    let table = bin()
        .arg("compare")
        .arg(corpus(UPPER))
        .arg(corpus(LOWER))
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains(&format!("待核实 {n}")), "{table}");
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains(r#"data-filter="review""#));
    assert!(html.matches(r#"data-review="1""#).count() as u64 >= n);
}

#[test]
fn coverage_marks_the_cells_in_review() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &Path| {
        let o = bin()
            .args(["coverage", "--corpus"])
            .arg(crate::util::root().join("corpus"))
            .args(["--upper", UPPER, "--all-below", "-o"])
            .arg(out)
            .output()
            .expect("run policydiff");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let json = dir.path().join("c.json");
    run(&json);
    let j: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let mut in_review = 0;
    let mut dropped_in_review = 0;
    for l in j["localities"].as_array().unwrap() {
        let (st, rv) = (
            l["statuses"].as_array().unwrap(),
            l["review"].as_array().unwrap(),
        );
        assert_eq!(st.len(), rv.len());
        let n = rv.iter().filter(|r| **r == true).count();
        assert_eq!(n as u64, l["summary"]["review"].as_u64().unwrap());
        in_review += n;
        dropped_in_review += st
            .iter()
            .zip(rv)
            .filter(|(s, r)| *s == "dropped" && **r == true)
            .count();
    }
    assert!(dropped_in_review > 0, "the corpus has doubtful drops");
    let html = dir.path().join("c.html");
    run(&html);
    let html = std::fs::read_to_string(&html).unwrap();
    assert_eq!(html.matches("?</a></td>").count(), in_review);
    let md = dir.path().join("c.md");
    run(&md);
    let md = std::fs::read_to_string(&md).unwrap();
    assert_eq!(
        md.matches("?、").count() + md.matches("? |").count(),
        dropped_in_review
    );
    assert!(md.contains("`?` 待核实"));
}

#[test]
fn chain_marks_the_cells_in_review() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &Path| {
        let o = bin()
            .arg("chain")
            .arg(corpus(UPPER))
            .arg(corpus(LOWER))
            .arg(corpus("lezhi-county-2021"))
            .arg("-o")
            .arg(out)
            .output()
            .expect("run policydiff");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let json = dir.path().join("c.json");
    run(&json);
    let j: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let marked = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .filter(|c| c["review"] == true)
        .count();
    assert!(marked > 0, "the corpus chain has doubtful calls");
    let md = dir.path().join("c.md");
    run(&md);
    let md = std::fs::read_to_string(&md).unwrap();
    assert_eq!(md.matches("落实?").count(), marked);
    assert!(md.contains("`?` 待核实"));
}

/// In Chromium (when installed): the review filter shows the tasks in review; the auditor
/// confirms the first link in review and rejects the first link outside it (real mouse
/// clicks), picks the nearest lower task for the first dropped task, and downloads the
/// decisions; `compare --overrides` then reads the downloaded file and applies each one.
#[test]
fn the_overrides_file_the_page_downloads_is_read_by_compare() {
    let Some(chromium) = browser::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    compare_pair_to(REVIEW_PAIR, &report);
    let before = compare_pair_json(REVIEW_PAIR, &[]);
    // The pair has what the page is asked to act on: a link in review, a link outside it,
    // a dropped task.
    let reviewed: Vec<&str> = before["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["review"] == true)
        .filter_map(|d| d["id"].as_str())
        .collect();
    let linked = |pred: &dyn Fn(&str) -> bool| {
        before["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| pred(k["upper"].as_str().unwrap()))
    };
    assert!(linked(&|u| reviewed.contains(&u)), "no link in review");
    assert!(
        linked(&|u| !reviewed.contains(&u)),
        "no link outside review"
    );
    assert!(!before["dropped"].as_array().unwrap().is_empty());
    let mut b = Browser::start(&chromium, 1400, 900);
    b.open(&report);
    assert_eq!(
        b.eval("document.body.getAttribute('data-review-ready')"),
        "1"
    );

    b.click(r#"[data-filter="review"]"#);
    let shown = b.eval("document.getElementById('shown').textContent");
    assert_eq!(shown, before["summary"]["review"].to_string());
    let hidden_review =
        b.eval(r#"document.querySelectorAll('.row[data-review="1"][hidden]').length"#);
    assert_eq!(hidden_review, 0);
    b.click(r#"[data-filter="all"]"#);

    b.click(r#".row[data-review="1"][data-upper][data-lower] .verdict [data-verdict="confirm"]"#);
    b.click(r#".row:not([data-review])[data-upper][data-lower] .verdict [data-verdict="reject"]"#);
    b.eval(
        "(function(){var p=document.querySelector('select.pick');p.value=p.options[1].value;\
         p.dispatchEvent(new Event('change'));})()",
    );
    assert_eq!(
        b.eval("document.getElementById('decision-count').textContent"),
        "3"
    );

    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    b.call(
        "Page.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.display().to_string()}),
    );
    b.click("#download-overrides");
    // Named after the pair (issue 23), not `overrides.tsv` for every pair.
    let file = downloads.join(format!("overrides-{}-{}.tsv", REVIEW_PAIR.0, REVIEW_PAIR.1));
    let start = Instant::now();
    while !file.exists() {
        assert!(start.elapsed() < Duration::from_secs(30), "no download");
        std::thread::sleep(Duration::from_millis(50));
    }
    let tsv = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        tsv,
        b.eval("document.getElementById('overrides-text').textContent")
            .as_str()
            .unwrap()
    );
    let lines: Vec<Vec<&str>> = tsv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(lines.len(), 3, "{tsv}");
    let after = compare_pair_json(REVIEW_PAIR, &["--overrides", file.to_str().unwrap()]);
    let link = |j: &Value, u: &str, l: &str| {
        j["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["upper"] == u && k["lower"] == l)
            .cloned()
    };
    for cols in &lines {
        let (u, l, verdict) = (cols[0], cols[1], cols[2]);
        match verdict {
            "confirm" => {
                let k = link(&after, u, l).unwrap_or_else(|| panic!("{u}→{l} not linked"));
                assert_eq!(k["origin"], "override", "{k}");
                let d = after["decisions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["id"] == u)
                    .unwrap();
                assert_eq!(d["review"], false, "{d}");
            }
            "reject" => {
                assert!(link(&before, u, l).is_some(), "{u}→{l} was a link");
                assert!(link(&after, u, l).is_none(), "{u}→{l} still linked");
            }
            other => panic!("unexpected verdict {other}"),
        }
    }
    // The picked lower task covers a task that was dropped.
    let picked_upper = b.eval("document.querySelector('select.pick').getAttribute('data-upper')");
    let picked = lines
        .iter()
        .find(|c| c[0] == picked_upper.as_str().unwrap() && c[2] == "confirm")
        .unwrap();
    let was_dropped = before["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == picked[0]);
    assert!(was_dropped, "{picked:?}");
}
