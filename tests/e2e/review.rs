//! The review band (issue 14) in the reports, and the HTML page's review controls: the
//! overrides file the page builds from an auditor's clicks is one `compare --overrides`
//! reads and applies. The browser test drives Debian's headless Chromium and skips itself,
//! saying why, when `/usr/bin/chromium` is absent.

use std::path::Path;
use std::process::Command as StdCommand;

use serde_json::Value;

use crate::util::{bin, corpus};

const UPPER: &str = "anhui-province-2022";
const LOWER: &str = "chizhou-city-2021";

fn compare_json(extra: &[&str]) -> Value {
    let out = bin()
        .arg("compare")
        .arg(corpus(UPPER))
        .arg(corpus(LOWER))
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
    let out = bin()
        .arg("compare")
        .arg(corpus(UPPER))
        .arg(corpus(LOWER))
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

/// Inverts the HTML escaping of the text inside an element.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Clicks: confirm on the first link in review, reject on the first link not in review,
/// and the nearest candidate in the first dropped task's picker.
const CLICKS: &str = r#"<script>
(function () {
  var first = function (sel) { return document.querySelector(sel); };
  first('.row[data-review="1"][data-upper][data-lower] .verdict button[data-verdict="confirm"]').click();
  first('.row:not([data-review])[data-upper][data-lower] .verdict button[data-verdict="reject"]').click();
  var p = first('select.pick');
  p.value = p.options[1].value;
  p.dispatchEvent(new Event('change'));
})();
</script>
</body>"#;

#[test]
fn the_overrides_file_the_page_builds_is_read_by_compare() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    compare_to(&report);
    let page = std::fs::read_to_string(&report)
        .unwrap()
        .replace("</body>", CLICKS);
    let driven = dir.path().join("driven.html");
    std::fs::write(&driven, page).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = StdCommand::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", driven.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find(r#"id="overrides-text""#)
        .and_then(|i| dom[i..].find('>').map(|j| i + j + 1))
        .unwrap_or_else(|| panic!("no overrides text in the page: {dom}"));
    let end = start + dom[start..].find("</pre>").expect("</pre>");
    let tsv = unescape(&dom[start..end]);
    let lines: Vec<Vec<&str>> = tsv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(lines.len(), 3, "{tsv}");
    let before = compare_json(&[]);
    let file = dir.path().join("overrides.tsv");
    std::fs::write(&file, &tsv).unwrap();
    let after = compare_json(&["--overrides", file.to_str().unwrap()]);
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
    let picked = &lines[2];
    assert!(
        before["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == picked[0]),
        "{picked:?}"
    );
}
