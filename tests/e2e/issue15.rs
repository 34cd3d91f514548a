//! Regression tests for issue 15, "what an auditor meets first": inputs the wrong way
//! round are warned about (and refused under `--strict`), output mistakes are refused,
//! skipped inputs are listed, and the Markdown and Excel reports carry what an auditor
//! files. (The HTML filters and layout are tested in a real browser in `browser.rs`.)

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::util::{bin, corpus, sheet};

/// Runs the binary; returns (exit code, stdout, stderr).
fn run(args: &[&str], paths: &[PathBuf]) -> (i32, Vec<u8>, String) {
    let out = bin().args(args).args(paths).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(stdout: &[u8]) -> Value {
    serde_json::from_slice(stdout).expect("JSON report")
}

/// The first warning on stderr, without its `policydiff: warning: ` prefix.
fn first_warning(err: &str) -> String {
    err.lines()
        .find_map(|l| l.strip_prefix("policydiff: warning: "))
        .expect("a warning on stderr")
        .to_string()
}

fn county_then_province() -> Vec<PathBuf> {
    vec![corpus("lezhi-county-2021"), corpus("anhui-province-2022")]
}

#[test]
fn a_county_given_as_upper_is_warned_about_in_every_format_and_refused_with_strict() {
    let (code, out, err) = run(&["compare", "-f", "json"], &county_then_province());
    assert_eq!(code, 0, "{err}");
    let a = json(&out);
    // In JSON, a code and its data (issue 24), the same in both languages.
    assert_eq!(
        a["warnings"][0],
        serde_json::json!({"code": "level_inverted", "upper": "lezhi-county-2021",
            "upper_level": "county", "lower": "anhui-province-2022", "lower_level": "province"})
    );
    let w = &first_warning(&err);
    assert!(
        w.contains("lezhi-county-2021") && w.contains("县级") && w.contains("省级"),
        "{w}"
    );
    assert!(w.contains("颠倒"), "in the report's language: {w}");
    let (_, out_en, err) = run(
        &["compare", "-f", "json", "--lang", "en"],
        &county_then_province(),
    );
    assert_eq!(out_en, out, "JSON carries no words");
    let en = first_warning(&err);
    assert!(
        en.starts_with("the upper notice lezhi-county-2021 is 县级 (county)"),
        "{en}"
    );
    assert!(en.contains("swapped") && err.contains(&en), "{en}");

    // Every format shows it in its header.
    let (_, md, _) = run(&["compare", "-f", "md"], &county_then_province());
    let md = String::from_utf8(md).unwrap();
    let head = md.split("\n## ").next().unwrap();
    assert!(
        head.contains("⚠ 请先核实") && head.contains("lezhi-county-2021"),
        "{head}"
    );
    let (_, html, _) = run(&["compare", "-f", "html"], &county_then_province());
    let doc = scraper::Html::parse_document(&String::from_utf8(html).unwrap());
    let li = scraper::Selector::parse("header .warnings li").unwrap();
    let items: Vec<String> = doc.select(&li).map(|e| e.text().collect()).collect();
    assert_eq!(items, [w.as_str()]);
    let (_, table, _) = run(&["compare"], &county_then_province());
    let table = String::from_utf8(table).unwrap();
    assert_eq!(table.lines().nth(2), Some(format!("警告：{w}").as_str()));
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("r.xlsx");
    let mut args = county_then_province();
    args.extend(["-o".into(), xlsx.clone()]);
    assert_eq!(run(&["compare"], &args).0, 0);
    let summary = sheet(&xlsx, "汇总 summary");
    assert_eq!(summary[0][0], "⚠ 请先核实");
    assert_eq!(&summary[1][0], w);

    // --strict: exit 2, one line, no report.
    let out_file = dir.path().join("strict.html");
    let mut args = county_then_province();
    args.extend(["-o".into(), out_file.clone()]);
    let (code, out, err) = run(&["compare", "--strict"], &args);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("policydiff: error: ") && err.contains("(--strict)"),
        "{err}"
    );
    assert!(!out_file.exists());
}

#[test]
fn a_lower_notice_older_than_the_upper_is_warned_about() {
    let (code, out, err) = run(
        &["compare", "-f", "json"],
        &[corpus("anhui-province-2022"), corpus("chizhou-city-2021")],
    );
    assert_eq!(code, 0);
    let a = json(&out);
    assert_eq!(a["warnings"][0]["code"], "lower_older");
    assert_eq!(a["warnings"][0]["lower_year"], 2021);
    assert_eq!(a["warnings"][0]["upper_year"], 2022);
    let w = &first_warning(&err);
    assert!(
        w.contains("早于") && w.contains("2021年") && w.contains("2022年"),
        "{w}"
    );
    let (_, _, err) = run(
        &["compare", "-f", "json", "--lang", "en"],
        &[corpus("anhui-province-2022"), corpus("chizhou-city-2021")],
    );
    let en = first_warning(&err);
    assert!(
        en.contains("older than the upper notice anhui-province-2022"),
        "{en}"
    );
    // In order: nothing to say.
    let (_, out, err) = run(
        &["compare", "-f", "json"],
        &[corpus("chizhou-city-2021"), corpus("lezhi-county-2021")],
    );
    assert!(json(&out).get("warnings").is_none());
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_reversed_chain_is_warned_about_and_refused_with_strict() {
    let reversed = [
        corpus("lezhi-county-2021"),
        corpus("chizhou-city-2021"),
        corpus("anhui-province-2022"),
    ];
    let (code, out, err) = run(&["chain", "-f", "json"], &reversed);
    assert_eq!(code, 0);
    let c = json(&out);
    let codes: Vec<&Value> = c["warnings"].as_array().unwrap().iter().collect();
    assert!(
        codes.iter().all(|w| w["code"] == "level_inverted"),
        "{codes:?}"
    );
    let ws: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("policydiff: warning: "))
        .collect();
    assert_eq!(ws.len(), 2, "{ws:?}");
    assert!(ws[0].contains("lezhi-county-2021") && ws[0].contains("chizhou-city-2021"));
    assert!(ws[1].contains("chizhou-city-2021") && ws[1].contains("anhui-province-2022"));
    for w in &ws {
        assert!(err.contains(w), "{err}");
    }
    let (_, md, _) = run(&["chain", "-f", "md"], &reversed);
    assert!(String::from_utf8(md).unwrap().contains("⚠ 请先核实"));
    let (code, out, err) = run(&["chain", "--strict"], &reversed);
    assert_eq!((code, out.is_empty()), (2, true), "{err}");
}

#[test]
fn a_coverage_run_under_a_county_is_warned_about_and_refused_with_strict() {
    let inputs = [corpus("lezhi-county-2021"), corpus("chizhou-city-2021")];
    let (code, out, err) = run(&["coverage", "-f", "json"], &inputs);
    assert_eq!(code, 0, "{err}");
    let c = json(&out);
    assert_eq!(c["warnings"][0]["upper_level"], "county", "{c:?}");
    assert!(
        err.contains("warning: 上级通知 lezhi-county-2021 为县级"),
        "{err}"
    );
    let (_, html, _) = run(&["coverage", "-f", "html"], &inputs);
    assert!(
        String::from_utf8(html)
            .unwrap()
            .contains("<section class=\"warnings\"")
    );
    let (code, out, _) = run(&["coverage", "--strict"], &inputs);
    assert_eq!((code, out.is_empty()), (2, true));
}

/// A folder without a manifest holding the upper notice, a copy of it, a lower notice,
/// a broken PDF, a broken page image, a file of another type and an empty file.
fn messy_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::copy(corpus("anhui-province-2022"), p.join("anhui.txt")).unwrap();
    fs::copy(corpus("anhui-province-2022"), p.join("anhui-copy.txt")).unwrap();
    fs::copy(corpus("chizhou-city-2021"), p.join("chizhou.txt")).unwrap();
    fs::write(p.join("scan.pdf"), b"%PDF-1.4").unwrap();
    fs::write(p.join("photo.png"), b"\x89PNG\r\n").unwrap();
    fs::write(p.join("minutes.rtf"), b"{\\rtf1 }").unwrap();
    fs::write(p.join("empty.txt"), b"").unwrap();
    fs::write(p.join(".DS_Store"), b"\0").unwrap();
    dir
}

#[test]
fn coverage_lists_every_skipped_input_and_strict_refuses_them() {
    let dir = messy_folder();
    let p = dir.path();
    let inputs = [p.join("anhui.txt"), p.to_path_buf()];
    // Skipped inputs are worded in the report's language (issue 24): English here.
    let (code, out, err) = run(&["coverage", "-f", "json", "--lang", "en"], &inputs);
    assert_eq!(code, 0, "skipped inputs are listed, the run goes on: {err}");
    let c = json(&out);
    let names: Vec<&str> = c["localities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 1, "only chizhou is a locality: {names:?}");
    assert!(names[0].ends_with("chizhou.txt"));
    let skipped: Vec<&str> = c["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["source"].as_str().unwrap())
        .collect();
    for want in [
        "scan.pdf",
        "photo.png",
        "minutes.rtf",
        "anhui-copy.txt",
        "empty.txt",
    ] {
        assert!(
            skipped.iter().any(|s| s.ends_with(want)),
            "{want} not listed: {skipped:?}"
        );
        let line = err
            .lines()
            .find(|l| l.contains(want))
            .unwrap_or_else(|| panic!("{want} not on stderr: {err}"));
        assert!(line.ends_with("(skipped)"), "{line}");
    }
    assert!(
        !err.contains(".DS_Store"),
        "hidden files are passed over: {err}"
    );
    assert!(err.contains("the same tasks as the upper notice"), "{err}");
    assert!(err.contains("not a notice policydiff reads"), "{err}");
    // A .pdf in a directory is read (and this one refused as damaged), not passed over.
    assert!(err.contains("scan.pdf: not a readable PDF file"), "{err}");
    // So is a page image (a scanned notice), refused here as damaged.
    assert!(err.contains("photo.png: not a readable image"), "{err}");
    assert!(
        err.contains("minutes.rtf: not a notice policydiff reads"),
        "{err}"
    );
    let (_, md, _) = run(&["coverage", "-f", "md"], &inputs);
    let md = String::from_utf8(md).unwrap();
    let section = md.split("## 跳过的输入").nth(1).expect("a skipped section");
    for want in ["scan.pdf", "anhui-copy.txt", "empty.txt"] {
        assert!(section.contains(want), "{want}: {section}");
    }

    let report = p.join("out.html");
    let mut args = inputs.to_vec();
    args.extend(["-o".into(), report.clone()]);
    let (code, _, err) = run(&["coverage", "--strict"], &args);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!report.exists());
}

#[test]
fn an_output_extension_no_format_owns_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pair = [corpus("chizhou-city-2021"), corpus("lezhi-county-2021")];
    for ext in ["pdf", "xls", "doc"] {
        let target = dir.path().join(format!("report.{ext}"));
        let mut args = pair.to_vec();
        args.extend(["-o".into(), target.clone()]);
        let (code, out, err) = run(&["compare"], &args);
        assert_eq!(code, 2, "{ext}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!(
                "report.{ext}: no output format has the extension .{ext}"
            )),
            "{err}"
        );
        for listed in [".txt", ".json", ".md", ".html", ".csv", ".xlsx", ".docx"] {
            assert!(err.contains(listed), "{listed} not listed: {err}");
        }
        assert!(!target.exists(), "{ext}");
    }
    // The same guard in chain, coverage and parse.
    let target = dir.path().join("r.pdf");
    let mut chain = pair.to_vec();
    chain.extend(["-o".into(), target.clone()]);
    assert_eq!(run(&["chain"], &chain).0, 2);
    assert_eq!(run(&["coverage"], &chain).0, 2);
    let (code, _, err) = run(
        &["parse"],
        &[pair[0].clone(), "-o".into(), dir.path().join("n.md")],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("does not write a Markdown report") && err.contains(".json"),
        "{err}"
    );
}

#[test]
fn a_written_report_is_named_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("r.html");
    let (code, out, err) = run(
        &["compare"],
        &[
            corpus("chizhou-city-2021"),
            corpus("lezhi-county-2021"),
            "-o".into(),
            target.clone(),
        ],
    );
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert_eq!(
        err,
        format!("policydiff: wrote {} (HTML report)\n", target.display())
    );
    // Standard output: nothing said.
    let (_, _, err) = run(
        &["compare", "-f", "md"],
        &[corpus("chizhou-city-2021"), corpus("lezhi-county-2021")],
    );
    assert_eq!(err, "");
}

/// `--format xlsx` with standard output a terminal: `script` gives the binary one.
#[test]
fn a_workbook_is_not_poured_onto_a_terminal() {
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to give the binary a terminal (util-linux)");
        return;
    }
    let exe = assert_cmd::cargo::cargo_bin("policydiff");
    let cmd = format!(
        "{} compare {} {} -f xlsx",
        exe.display(),
        corpus("chizhou-city-2021").display(),
        corpus("lezhi-county-2021").display()
    );
    let out = std::process::Command::new(script)
        .args(["-qec", &cmd, "/dev/null"])
        .env("LC_ALL", "en_US.UTF-8") // errors in English (util::bin)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("write it to a file with -o report.xlsx"),
        "{text}"
    );
    assert!(!text.contains("PK"), "zip bytes reached the terminal");
    // A pipe is not a terminal: the bytes flow.
    let (code, bytes, _) = run(
        &["compare", "-f", "xlsx"],
        &[corpus("chizhou-city-2021"), corpus("lezhi-county-2021")],
    );
    assert_eq!(code, 0);
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn compare_markdown_opens_with_the_dropped_list() {
    let pair = [corpus("anhui-province-2022"), corpus("chizhou-city-2021")];
    let a = json(&run(&["compare", "-f", "json"], &pair).1);
    let md = String::from_utf8(run(&["compare", "-f", "md"], &pair).1).unwrap();
    let dropped = a["dropped"].as_array().unwrap();
    let heading = format!("## 未落实清单（{}）", dropped.len());
    let at = md.find(&heading).expect("the dropped list");
    assert!(at < md.find("## 概况").unwrap() && at < md.find("## 逐项对照").unwrap());
    let list: Vec<&str> = md[at..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(list.len(), dropped.len());
    for (line, id) in list.iter().zip(dropped) {
        let id = id.as_str().unwrap();
        assert!(line.starts_with(&format!("- **{id}** ")), "{line}");
        let ev = a["dropped_evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap();
        if let Some(c) = ev["candidates"].get(0) {
            let near = format!("最接近：下级 {}，", c["id"].as_str().unwrap());
            assert!(line.contains(&near), "{line}");
        }
    }
}

/// One part of the workbook's zip, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_compare_workbook_is_ready_to_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let pair = [corpus("anhui-province-2022"), corpus("chizhou-city-2021")];
    let mut args = pair.to_vec();
    args.extend(["-o".into(), path.clone()]);
    assert_eq!(run(&["compare"], &args).0, 0);
    let a = json(&run(&["compare", "-f", "json"], &pair).1);

    // Task numbers are numbers.
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("对照 alignment").unwrap();
    assert_eq!(range.get_value((1, 0)), Some(&Data::Float(1.0)));
    let rows = sheet(&path, "对照 alignment");
    let heads = &rows[0];
    let col = |name: &str| heads.iter().position(|h| h == name).unwrap();
    // Units, deadlines and the clauses not covered, as in the JSON.
    let (i, t) = a["upper"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, t)| t["lead_units"].get(0).is_some() && t["deadline"]["raw"].is_string())
        .expect("a task with a lead unit and a deadline");
    let unit = t["lead_units"][0].as_str().unwrap();
    assert!(
        rows[i + 1][col("上级责任单位")].contains(unit),
        "{:?}",
        rows[i + 1]
    );
    let deadline = t["deadline"]["raw"].as_str().unwrap();
    assert!(
        rows[i + 1][col("上级时限")].contains(deadline),
        "{:?}",
        rows[i + 1]
    );
    let with_missing = a["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| {
            l["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["covered"] == false)
        })
        .expect("a link with an uncovered clause");
    let clause = with_missing["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["covered"] == false)
        .unwrap()["clause"]
        .as_str()
        .unwrap();
    let row = rows
        .iter()
        .find(|r| r[0] == with_missing["upper"].as_str().unwrap())
        .unwrap();
    assert!(row[col("未覆盖的分句")].contains(clause), "{row:?}");

    // Status cells are filled in the status colours: a dropped and a carried status cell
    // have different styles, and the styles hold the HTML report's fills.
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let style_of = |status: &str| {
        let r = rows.iter().position(|r| r[4] == status).unwrap() + 1;
        let re = regex::Regex::new(&format!(r#"<c r="E{r}" s="(\d+)""#)).unwrap();
        re.captures(&xml).unwrap()[1].to_string()
    };
    let (dropped, carried, plain) = (style_of("未落实"), style_of("原文落实"), {
        let re = regex::Regex::new(r#"<c r="C2" s="(\d+)""#).unwrap();
        re.captures(&xml).unwrap()[1].to_string()
    });
    assert!(dropped != carried && dropped != plain && carried != plain);
    let styles = part(&path, "xl/styles.xml");
    for fill in ["FFFFEBEE", "FFE8F5E9", "FFE3F2FD", "FFFFF3E0"] {
        assert!(styles.contains(fill), "fill {fill}");
    }

    // Printing: landscape at 70 % across several pages (issue 24: fitted to one page wide
    // it printed at about 20 %), the header row and the id column on every page.
    assert!(xml.contains(r#"orientation="landscape""#));
    assert!(xml.contains(r#"scale="70""#) && !xml.contains("fitToPage"));
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles") && workbook.contains("!$A:$A,"));
    assert!(workbook.contains("!$1:$1"));
}

#[test]
fn the_readme_says_how_to_get_the_command_and_benchmarks_need_only_the_repository() {
    let root = crate::util::root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("cargo install --path ."));
    assert!(readme.contains("./target/release/policydiff"));
    let script = fs::read_to_string(root.join("bench/vs-baseline.sh")).unwrap();
    for text in [&readme, &script] {
        assert!(!text.contains("../shared") && !text.contains("shared/bench/"));
    }
    assert!(script.contains("baseline=bench/baseline"));
    for f in ["baseline.py", "adapt.py", "score.py", "requirements.txt"] {
        assert!(root.join("bench/baseline").join(f).is_file(), "{f}");
        assert!(
            f.ends_with(".txt") || script.contains(&format!("$baseline/{f}")),
            "{f}"
        );
    }
}
