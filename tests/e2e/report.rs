//! `policydiff compare` into file reports (issue 4): Markdown, HTML, CSV and Excel; the
//! HTML parsed with a real HTML parser and loaded in headless Chromium when there is one;
//! hostile notice text; the committed example reports in `reports/` kept fresh.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx, open_workbook};
use scraper::{Html, Selector};
use serde_json::Value;

use crate::util::{bin, corpus, data, root, sheet};

/// The gold pairs, whose reports are committed under reports/.
const PAIRS: [(&str, &str); 2] = [
    ("anhui-province-2022", "chizhou-city-2021"),
    ("chizhou-city-2021", "lezhi-county-2021"),
];

/// The hostile fixture: notice text holding markup and template syntax.
fn hostile() -> (PathBuf, PathBuf) {
    (data("hostile/upper.txt"), data("hostile/lower.txt"))
}

/// Runs `compare UPPER LOWER ARGS…` and returns standard output.
fn compare(upper: &Path, lower: &Path, args: &[&str]) -> Vec<u8> {
    let out = bin()
        .arg("compare")
        .arg(upper)
        .arg(lower)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "compare {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn compare_text(upper: &Path, lower: &Path, args: &[&str]) -> String {
    String::from_utf8(compare(upper, lower, args)).expect("UTF-8 report")
}

fn json(upper: &Path, lower: &Path) -> Value {
    serde_json::from_slice(&compare(upper, lower, &["-f", "json"])).unwrap()
}

fn len(v: &Value) -> usize {
    v.as_array().map(Vec::len).unwrap_or(0)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every pair the HTML checks run on: the gold pairs and the hostile fixture.
fn all_pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut v: Vec<_> = PAIRS.iter().map(|(u, l)| (corpus(u), corpus(l))).collect();
    v.push(hostile());
    v
}

#[test]
fn html_has_a_row_per_link_dropped_and_added_task() {
    for (upper, lower) in all_pairs() {
        let a = json(&upper, &lower);
        let doc = Html::parse_document(&compare_text(&upper, &lower, &["-f", "html"]));
        let rows: Vec<_> = doc.select(&sel(".row[data-status]")).collect();
        let want = len(&a["links"]) + len(&a["dropped"]) + len(&a["added"]);
        assert_eq!(rows.len(), want, "{}", upper.display());
        for (status, n) in [("dropped", len(&a["dropped"])), ("added", len(&a["added"]))] {
            let got = rows
                .iter()
                .filter(|r| r.value().attr("data-status") == Some(status))
                .count();
            assert_eq!(got, n, "{status} rows of {}", upper.display());
        }
        for f in ["all", "carried", "reworded", "dropped", "added"] {
            let button = format!("button[data-filter=\"{f}\"]");
            assert_eq!(doc.select(&sel(&button)).count(), 1, "{button}");
        }
        assert_eq!(doc.select(&sel("input[type=search]")).count(), 1);
        // Every task has an anchor, and every task link points at one.
        let a_up = a["upper"]["tasks"].as_array().unwrap();
        for t in a_up {
            let id = format!("#u-{}", t["id"].as_str().unwrap());
            assert_eq!(doc.select(&sel(&id)).count(), 1, "anchor {id}");
        }
        for link in doc.select(&sel("a[href^=\"#\"]")) {
            let target = &link.value().attr("href").unwrap()[1..];
            let by_id = format!("[id=\"{target}\"]");
            assert_eq!(doc.select(&sel(&by_id)).count(), 1, "link to #{target}");
        }
        // The chart: one bar row overall plus one per upper section.
        let sections = len(&a["summary"]["sections"]);
        assert_eq!(doc.select(&sel("table.chart svg")).count(), sections + 1);
    }
}

#[test]
fn html_stands_alone() {
    for (upper, lower) in all_pairs() {
        let html = compare_text(&upper, &lower, &["-f", "html"]);
        for bad in ["<script src=", "<link href=http", "url(http", "@import"] {
            assert!(!html.contains(bad), "{bad} in {}", upper.display());
        }
        let doc = Html::parse_document(&html);
        assert_eq!(
            doc.select(&sel("script[src], link[href], iframe")).count(),
            0
        );
        assert!(doc.select(&sel("style")).count() >= 1);
        assert!(html.contains("@media print"));
    }
}

#[test]
fn hostile_notice_text_is_shown_as_text() {
    let (upper, lower) = hostile();
    // What tests/data/hostile/README.md says the fixture holds.
    let a = json(&upper, &lower);
    assert_eq!(
        (len(&a["links"]), len(&a["dropped"]), len(&a["added"])),
        (8, 1, 1)
    );
    for lang in ["zh", "en"] {
        let html = compare_text(&upper, &lower, &["-f", "html", "--lang", lang]);
        let doc = Html::parse_document(&html);
        // Only the page's own scripts (filters; review); nothing the notices said became
        // an element.
        let scripts: Vec<_> = doc.select(&sel("script")).collect();
        assert_eq!(scripts.len(), 2);
        assert!(scripts.iter().all(|s| !s.inner_html().contains("alert")));
        assert_eq!(doc.select(&sel("img, b, iframe, svg svg")).count(), 0);
        for el in doc.select(&sel("*")) {
            for (name, _) in el.value().attrs() {
                assert!(!name.starts_with("on"), "event handler attribute {name}");
            }
        }
        let text: String = doc.root_element().text().collect();
        for s in [
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "{{7*7}}",
            "<svg/onload=confirm(5)>",
        ] {
            assert!(text.contains(s), "{s:?} not shown as text ({lang})");
        }
        assert!(!text.contains("公开49"), "template syntax was evaluated");
    }
    // Markdown escapes the same text so no viewer turns it into markup.
    let md = compare_text(&upper, &lower, &["-f", "md"]);
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    assert!(md.contains(r"\{\{7\*7\}\}"));
    assert!(md.contains(r"\<img src=x onerror=alert(2)\>"));
    assert!(!md.contains("{{7*7}}"));
    // No unescaped `<` at all: the report itself writes no HTML.
    let bytes = md.as_bytes();
    for (i, _) in md.match_indices('<') {
        assert!(i > 0 && bytes[i - 1] == b'\\', "unescaped < at byte {i}");
    }
}

/// Headless Chromium, when installed (`.ci/run` installs Debian's): the page's script
/// runs, the rows render, and nothing injected by the notices ran or became an element.
#[test]
fn html_renders_in_a_headless_browser() {
    let Some(chromium) = crate::browser::chromium() else {
        return;
    };
    let chromium = chromium.as_path();
    let dir = tempfile::tempdir().unwrap();
    let mut cases = vec![("hostile", hostile())];
    cases.push(("gold", (corpus(PAIRS[0].0), corpus(PAIRS[0].1))));
    for (name, (upper, lower)) in cases {
        let page = dir.path().join(format!("{name}.html"));
        bin()
            .arg("compare")
            .arg(&upper)
            .arg(&lower)
            .arg("-o")
            .arg(&page)
            .assert()
            .success();
        let a = json(&upper, &lower);
        let dom = dump_dom(chromium, &page, &dir.path().join(format!("profile-{name}")));
        let doc = Html::parse_document(&dom);
        assert_eq!(
            doc.select(&sel("body[data-ready=\"1\"]")).count(),
            1,
            "the page's script did not run: {name}"
        );
        let want = len(&a["links"]) + len(&a["dropped"]) + len(&a["added"]);
        assert_eq!(doc.select(&sel(".row[data-status]")).count(), want);
        assert_eq!(doc.select(&sel("img")).count(), 0, "{name}");
        assert_eq!(doc.select(&sel("script")).count(), 2, "{name}");
        assert_eq!(
            doc.select(&sel("body[data-review-ready=\"1\"]")).count(),
            1,
            "the review script did not run: {name}"
        );
        assert!(!dom.contains("<img src=\"x\""), "{name}");
        if name == "hostile" {
            assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(dom.contains("{{7*7}}"));
        }
    }
}

/// `chromium --headless --dump-dom file://PAGE`, with a time limit.
fn dump_dom(chromium: &Path, page: &Path, profile: &Path) -> String {
    // Into a file rather than a pipe, which a large page would fill while we wait.
    let dump = profile.with_extension("dom.html");
    let mut child = StdCommand::new(chromium)
        .args(crate::browser::FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(fs::File::create(&dump).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "chromium failed: {status}");
    fs::read_to_string(&dump).unwrap()
}

#[test]
fn markdown_has_title_summary_sections_and_added_tasks() {
    let (u, l) = PAIRS[0];
    let a = json(&corpus(u), &corpus(l));
    let md = compare_text(&corpus(u), &corpus(l), &["-f", "md"]);
    let first = md.lines().next().unwrap();
    assert!(first.starts_with("# "));
    for part in [
        "皖政务办〔2022〕3号",
        "池政办秘〔2021〕43号",
        "省级",
        "市级",
    ] {
        assert!(first.contains(part), "title lacks {part}: {first}");
    }
    for label in [
        "原文落实 (carried)",
        "改写落实 (reworded)",
        "未落实 (dropped)",
        "新增 (added)",
    ] {
        assert!(md.contains(label), "legend {label}");
    }
    assert!(md.contains(&format!(
        "**覆盖率 {:.1}%**",
        a["summary"]["coverage_pct"].as_f64().unwrap()
    )));
    for s in a["summary"]["sections"].as_array().unwrap() {
        let name = s["section"].as_str().unwrap();
        assert!(md.contains(&format!("### {name}")), "section {name}");
    }
    assert_eq!(
        md.matches("\n#### 上级 ").count(),
        len(&a["upper"]["tasks"])
    );
    assert_eq!(md.matches("\n#### 下级 ").count(), len(&a["added"]));
    assert!(md.contains("~~") && md.contains("**"));
    assert!(!md.contains("生成时间"), "no timestamp unless asked");

    let en = compare_text(&corpus(u), &corpus(l), &["-f", "md", "--lang", "en"]);
    assert!(en.contains("## Summary"));
    assert!(en.contains("· 未落实 (dropped)"));
}

#[test]
fn timestamp_only_when_asked() {
    let (u, l) = hostile();
    let md = compare_text(&u, &l, &["-f", "md", "--timestamp"]);
    assert!(md.contains("\n生成时间："), "{md}");
    let html = compare_text(&u, &l, &["-f", "html", "--timestamp"]);
    let doc = Html::parse_document(&html);
    let t: Vec<_> = doc.select(&sel("p.generated time")).collect();
    assert_eq!(t.len(), 1);
    let stamp: String = t[0].text().collect();
    assert!(stamp.ends_with('Z') && stamp.len() == 20, "{stamp}");
    let plain = compare_text(&u, &l, &["-f", "html"]);
    assert!(!plain.contains("<time>"));
    assert_eq!(plain, compare_text(&u, &l, &["-f", "html"]));
}

#[test]
fn format_follows_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (u, l) = hostile();
    for (ext, starts) in [
        ("md", &b"# "[..]),
        ("markdown", b"# "),
        ("html", b"<!DOCTYPE html>"),
        ("htm", b"<!DOCTYPE html>"),
        ("csv", b"\xEF\xBB\xBF"),
        ("xlsx", b"PK\x03\x04"),
        ("json", b"{"),
    ] {
        let out = dir.path().join(format!("r.{ext}"));
        bin()
            .arg("compare")
            .arg(&u)
            .arg(&l)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let bytes = fs::read(&out).unwrap();
        assert!(bytes.starts_with(starts), "{ext}");
    }
    // No temporary files are left beside the reports.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 7);
}

/// Splits CSV text into records of fields (RFC 4180 quoting).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn csv_has_a_row_per_upper_task_then_the_added() {
    for (upper, lower) in all_pairs() {
        let a = json(&upper, &lower);
        let bytes = compare(&upper, &lower, &["-f", "csv"]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        // The report's warnings come first, one comment line each (issue 24).
        let comments: Vec<&str> = text.lines().take_while(|l| l.starts_with("# ")).collect();
        assert_eq!(comments.len(), len(&a["warnings"]), "{comments:?}");
        for (line, w) in comments
            .iter()
            .zip(a["warnings"].as_array().into_iter().flatten())
        {
            // Worded in the report's language; JSON carries the code and data.
            let what = w["lower"].as_str().or(w["source"].as_str()).unwrap();
            assert!(
                line.starts_with("# ⚠ 请先核实：") && line.contains(what),
                "{line}"
            );
        }
        let records = parse_csv(&text[text.find("上级序号").unwrap()..]);
        assert_eq!(records[0][0], "上级序号");
        assert_eq!(records[0].len(), 18);
        assert!(records.iter().all(|r| r.len() == 18));
        // The basis column names the phrase of every phrase link.
        for l in a["links"].as_array().unwrap() {
            if l["origin"] == "phrase" {
                let row = records.iter().find(|r| r[0] == l["upper"]).unwrap();
                let phrase = l["phrase"].as_str().unwrap();
                assert!(
                    row[10].contains(&format!("原句相同「{phrase}」")),
                    "{row:?}"
                );
            }
        }
        assert_eq!(
            records.len() - 1,
            len(&a["upper"]["tasks"]) + len(&a["added"])
        );
        let dropped = records.iter().filter(|r| r[4] == "未落实").count();
        assert_eq!(dropped, len(&a["dropped"]));
    }
    let (u, l) = hostile();
    let text = compare_text(&u, &l, &["-f", "csv"]);
    assert!(text.contains("<script>alert(1)</script>"));
}

#[test]
fn xlsx_opens_with_headers_rows_and_a_summary_sheet() {
    let dir = tempfile::tempdir().unwrap();
    for (u, l) in PAIRS {
        let a = json(&corpus(u), &corpus(l));
        let path = dir.path().join(format!("{u}__{l}.xlsx"));
        bin()
            .arg("compare")
            .arg(corpus(u))
            .arg(corpus(l))
            .arg("-o")
            .arg(&path)
            .assert()
            .success();
        let wb: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(
            wb.sheet_names(),
            ["对照 alignment", "汇总 summary", "打印 print"]
        );
        let rows = sheet(&path, "对照 alignment");
        assert_eq!(
            rows[0],
            [
                "上级序号",
                "所属部分",
                "上级任务",
                "下级任务",
                "状态",
                "相似度",
                "下级序号",
                "时限变化",
                "牵头单位变化",
                "数量变化",
                "匹配依据",
                "上级时限",
                "下级时限",
                "上级责任单位",
                "下级责任单位",
                "未覆盖的分句",
                "待核实",
                "置信度"
            ]
        );
        assert_eq!(rows.len() - 1, len(&a["upper"]["tasks"]) + len(&a["added"]));
        let summary = sheet(&path, "汇总 summary");
        let find = |label: &str| {
            summary
                .iter()
                .find(|r| r[0] == label)
                .map(|r| r[1].clone())
                .unwrap_or_else(|| panic!("{label} in summary"))
        };
        assert_eq!(find("未落实 (dropped)"), len(&a["dropped"]).to_string());
        assert_eq!(find("新增 (added)"), len(&a["added"]).to_string());
        let cov = a["summary"]["coverage_pct"].as_f64().unwrap();
        assert_eq!(find("覆盖率 %").parse::<f64>().unwrap(), cov);
        for s in a["summary"]["sections"].as_array().unwrap() {
            find(s["section"].as_str().unwrap());
        }
    }
}

/// The committed example reports are what `reports/generate.sh` produces today: the
/// Markdown and HTML byte for byte, the workbook cell for cell.
#[test]
fn reports_are_fresh() {
    let list = fs::read_to_string(root().join("reports/reports.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut stale = Vec::new();
    let mut count = 0;
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut words = line.split_whitespace();
        let name = words.next().unwrap();
        let args: Vec<&str> = words.collect();
        for ext in ["md", "html", "xlsx"] {
            let file = format!("{name}.{ext}");
            let fresh = dir.path().join(&file);
            // Relative paths from the repository root, as in reports/generate.sh.
            bin()
                .current_dir(root())
                .args(&args)
                .arg("-o")
                .arg(&fresh)
                .assert()
                .success();
            let committed = root().join("reports").join(&file);
            let same = if ext == "xlsx" {
                committed.exists() && workbook(&fresh) == workbook(&committed)
            } else {
                fs::read(&committed).ok() == Some(fs::read(&fresh).unwrap())
            };
            if !same {
                stale.push(file);
            }
            count += 1;
        }
    }
    assert!(count >= 12, "reports/reports.txt lists {count} reports");
    assert!(
        stale.is_empty(),
        "reports/ is stale ({}): run `bash reports/generate.sh` and commit the result",
        stale.join(", ")
    );
}

/// Every sheet of a workbook, by name, as rows of strings: workbooks are compared by
/// what a reader sees in them, not by their zip bytes.
fn workbook(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let wb: Xlsx<_> = open_workbook(path).expect("xlsx opens");
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let rows = sheet(path, &n);
            (n, rows)
        })
        .collect()
}
