//! Issue 24: reports an auditor files. The Word report (memo, 未落实 and 待核实 lists, the
//! per-task table, page set-up) for compare, chain and coverage; the memo paragraph in
//! Markdown and HTML; the Excel print sheet and page set-up; CSV task numbers Excel keeps
//! as text and the warnings above the CSV table; printing the filtered HTML page.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{bin, bin_zh, corpus};

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn run_ok(args: &[&std::ffi::OsStr]) -> (Vec<u8>, String) {
    let o = bin().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    (o.stdout, err)
}

fn compare_json(u: &Path, l: &Path) -> Value {
    let (out, _) = run_ok(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-f"),
        os("json"),
    ]);
    serde_json::from_slice(&out).unwrap()
}

/// The parts of a .docx (a zip archive) by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().unwrap().to_string(), s);
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text of a document as policydiff's own .docx reader sees it.
fn docx_text(path: &Path) -> String {
    let bytes = fs::read(path).unwrap();
    policydiff::ingest::read_bytes(
        &path.display().to_string(),
        &bytes,
        &policydiff::ingest::IngestOptions::default(),
    )
    .expect("the Word report reads back as a .docx")
    .text
}

/// `soffice`, when installed; else `None`, saying the check is skipped.
fn soffice() -> Option<PathBuf> {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        for name in ["soffice", "libreoffice"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    eprintln!("skipped: LibreOffice is not installed, the .docx is not converted to PDF");
    None
}

/// Converts a document to PDF with LibreOffice (its own profile, a time limit) and
/// returns the PDF's text as policydiff's PDF reader sees it.
fn libreoffice_pdf_text(soffice: &Path, doc: &Path, dir: &Path) -> String {
    let profile = dir.join("lo-profile");
    let mut child = StdCommand::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(doc)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(180) {
            child.kill().ok();
            panic!("LibreOffice did not convert {} within 180 s", doc.display());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let pdf = dir.join(doc.with_extension("pdf").file_name().unwrap());
    let bytes = fs::read(&pdf).expect("LibreOffice wrote a PDF");
    assert!(bytes.starts_with(b"%PDF"));
    policydiff::ingest::read_bytes(
        &pdf.display().to_string(),
        &bytes,
        &policydiff::ingest::IngestOptions::default(),
    )
    .expect("the PDF has a text layer")
    .text
}

#[test]
fn word_report_of_a_compare_holds_the_memo_lists_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let (u, l) = (corpus("anhui-province-2022"), corpus("chizhou-city-2021"));
    let a = compare_json(&u, &l);
    let s = &a["summary"];
    let doc = dir.path().join("r.docx");
    run_ok(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-o"),
        doc.as_os_str(),
    ]);
    let p = parts(&doc);
    let body = &p["word/document.xml"];
    // The memo: coverage, how many dropped, how many to review.
    let memo = format!(
        "覆盖率{:.1}%；未落实{}项",
        s["coverage_pct"].as_f64().unwrap(),
        s["dropped"]
    );
    assert!(body.contains(&memo), "memo: {memo}");
    assert!(body.contains(&format!("另有{}项判断待核实", s["review"])));
    // The 未落实 list with every dropped task's full text, and the 待核实 list.
    let dropped = a["dropped"].as_array().unwrap();
    assert!(body.contains(&format!("未落实清单（{}）", dropped.len())));
    let tasks = a["upper"]["tasks"].as_array().unwrap();
    for id in dropped {
        let t = tasks.iter().find(|t| &t["id"] == id).unwrap();
        assert!(
            body.contains(&xml_escape(t["text"].as_str().unwrap())),
            "dropped {id}: full text"
        );
    }
    assert!(body.contains(&format!("待核实清单（{}）", s["review"])));
    assert!(body.contains("牵头单位"));
    assert!(body.contains("最接近的下级任务"));
    // The per-task table: a row per upper task and per added task under a header row
    // repeated on every page; portrait A4; page numbers in the footer.
    let table = &body[body.find("逐项对照").unwrap()..];
    let rows = table.matches("<w:tr>").count();
    assert_eq!(
        rows,
        1 + tasks.len() + a["added"].as_array().unwrap().len(),
        "header + upper tasks + added"
    );
    assert_eq!(table.matches("<w:tblHeader/>").count(), 1);
    assert!(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(p["word/footer1.xml"].contains(" PAGE ") && p["word/footer1.xml"].contains("NUMPAGES"));
    // policydiff's mark, so that `coverage` never reads the report back as a notice.
    assert!(p["docProps/core.xml"].contains("<dc:creator>policydiff</dc:creator>"));
    // Every part is well-formed XML: the .docx reader opens it and finds the memo.
    let text = docx_text(&doc);
    assert!(text.contains("摘要") && text.contains(&memo), "read back");
    // Same inputs, same bytes.
    let again = dir.path().join("again.docx");
    run_ok(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-o"),
        again.as_os_str(),
    ]);
    assert_eq!(fs::read(&doc).unwrap(), fs::read(&again).unwrap());
    // LibreOffice opens it (when installed): the PDF it prints holds the memo and lists.
    if let Some(soffice) = soffice() {
        let pdf = libreoffice_pdf_text(&soffice, &doc, dir.path());
        let flat: String = pdf.chars().filter(|c| !c.is_whitespace()).collect();
        for want in ["摘要", "未落实清单", "待核实清单", "逐项对照"] {
            assert!(flat.contains(want), "{want} in the PDF");
        }
        assert!(flat.contains(&memo), "the memo in the PDF");
    }
}

#[test]
fn word_reports_of_a_chain_and_a_coverage_run() {
    let dir = tempfile::tempdir().unwrap();
    let levels = [
        corpus("anhui-province-2022"),
        corpus("chizhou-city-2021"),
        corpus("lezhi-county-2021"),
    ];
    let mut args: Vec<&std::ffi::OsStr> = vec![os("chain")];
    args.extend(levels.iter().map(|p| p.as_os_str()));
    args.extend([os("-f"), os("json")]);
    let c: Value = serde_json::from_slice(&run_ok(&args).0).unwrap();
    let rows = c["rows"].as_array().unwrap();
    let reached = rows
        .iter()
        .filter(|r| {
            let last = r["cells"].as_array().unwrap().last().unwrap();
            last["status"] != "dropped" && last["via"] != "none"
        })
        .count();
    let doc = dir.path().join("chain.docx");
    args.truncate(args.len() - 2);
    args.extend([os("-o"), doc.as_os_str()]);
    run_ok(&args);
    let text = docx_text(&doc);
    assert!(
        text.contains(&format!("逐级落实到县级的有{reached}项")),
        "end-to-end figure in the memo"
    );
    assert!(text.contains(&format!("{reached} / {}", rows.len())));
    let body = &parts(&doc)["word/document.xml"];
    let table = &body[body.find("逐项落实").unwrap()..];
    assert_eq!(
        table.matches("<w:tr>").count(),
        1 + rows.len(),
        "the header row and a row per top task"
    );

    let doc = dir.path().join("coverage.docx");
    let (_, err) = run_ok(&[
        os("coverage"),
        levels[0].as_os_str(),
        levels[1].as_os_str(),
        levels[2].as_os_str(),
        os("-o"),
        doc.as_os_str(),
        os("--lang"),
        os("en"),
    ]);
    assert!(err.contains("Word document"), "{err}");
    let text = docx_text(&doc);
    assert!(text.contains("against 2 lower notices the mean coverage is"));
    assert!(text.contains("Coverage per locality"));
    // Written into a directory `coverage` reads, the report is left out with a word.
    let notices = dir.path().join("notices");
    fs::create_dir(&notices).unwrap();
    fs::copy(&levels[1], notices.join("city.txt")).unwrap();
    fs::copy(&doc, notices.join("report.docx")).unwrap();
    let (_, err) = run_ok(&[
        os("coverage"),
        levels[0].as_os_str(),
        notices.as_os_str(),
        os("-f"),
        os("json"),
    ]);
    // Worded in the report's language, Chinese by default.
    assert!(
        err.contains("report.docx：是 policydiff 写出的 Word 报告"),
        "{err}"
    );
}

#[test]
fn markdown_and_html_open_with_the_memo() {
    let (u, l) = (corpus("chizhou-city-2021"), corpus("lezhi-county-2021"));
    let a = compare_json(&u, &l);
    let pct = format!(
        "覆盖率{:.1}%",
        a["summary"]["coverage_pct"].as_f64().unwrap()
    );
    for f in ["md", "html"] {
        let (out, _) = run_ok(&[os("compare"), u.as_os_str(), l.as_os_str(), os("-f"), os(f)]);
        let text = String::from_utf8(out).unwrap();
        let memo = text.find(&pct).unwrap_or_else(|| panic!("{f}: memo"));
        // Before the lists and the summary.
        assert!(memo < text.find("未落实清单").unwrap_or(usize::MAX), "{f}");
        assert!(
            memo < text.find("各部分覆盖率").unwrap_or(usize::MAX),
            "{f}"
        );
    }
}

/// Every sheet of a workbook's XML, by sheet file name.
fn sheets_xml(path: &Path) -> Vec<(String, String)> {
    parts(path)
        .into_iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
        .collect()
}

#[test]
fn workbooks_print_with_page_numbers_and_a_print_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let (u, l) = (corpus("anhui-province-2022"), corpus("chizhou-city-2021"));
    let a = compare_json(&u, &l);
    for (cmd, files) in [
        ("compare", vec![u.clone(), l.clone()]),
        (
            "chain",
            vec![u.clone(), l.clone(), corpus("lezhi-county-2021")],
        ),
        (
            "coverage",
            vec![u.clone(), l.clone(), corpus("jiujiang-city-2021")],
        ),
    ] {
        let book = dir.path().join(format!("{cmd}.xlsx"));
        let mut args: Vec<&std::ffi::OsStr> = vec![os(cmd)];
        args.extend(files.iter().map(|p| p.as_os_str()));
        args.extend([os("-o"), book.as_os_str()]);
        run_ok(&args);
        for (name, xml) in sheets_xml(&book) {
            assert!(
                xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"),
                "{cmd} {name}: page numbers"
            );
            assert!(
                xml.contains("<oddHeader>&amp;C&amp;A</oddHeader>"),
                "{cmd} {name}"
            );
            assert!(xml.contains("paperSize=\"9\""), "{cmd} {name}: A4");
        }
    }
    // The compare workbook's print sheet: the essential columns, landscape, one page wide
    // and as many tall as it needs (its columns fit the page at 100 % in Excel: the unit
    // test `the_print_sheet_prints_at_full_scale_in_excel`).
    let book = dir.path().join("compare.xlsx");
    let sheets = sheets_xml(&book);
    let (_, print) = &sheets[2];
    let setup = &print[print.find("<pageSetup").unwrap()..];
    let setup = &setup[..setup.find("/>").unwrap()];
    assert!(setup.contains("orientation=\"landscape\""), "{setup}");
    assert!(
        setup.contains("fitToHeight=\"0\""),
        "any number of pages tall: {setup}"
    );
    assert!(
        !setup.contains("fitToWidth"),
        "one page wide (the default): {setup}"
    );
    assert!(print.contains("<pageSetUpPr fitToPage=\"1\"/>"), "fitted");
    // The 18-column sheet: readable, not shrunk to one page (issue 24 item 5): 70 % on
    // landscape A4, pages left to right first, the header row and the id column repeated,
    // no text column wider than 38 characters.
    let (_, wide) = &sheets[0];
    let setup = &wide[wide.find("<pageSetup").unwrap()..];
    let setup = &setup[..setup.find("/>").unwrap()];
    for attr in [
        "paperSize=\"9\"",
        "scale=\"70\"",
        "pageOrder=\"overThenDown\"",
        "orientation=\"landscape\"",
    ] {
        assert!(setup.contains(attr), "{attr}: {setup}");
    }
    assert!(!wide.contains("fitToPage"), "not shrunk to fit");
    let workbook = parts(&book)["xl/workbook.xml"].clone();
    assert!(
        workbook.contains(
            "_xlnm.Print_Titles\" localSheetId=\"0\">'对照 alignment'!$A:$A,'对照 alignment'!$1:$1<"
        ),
        "{workbook}"
    );
    let widths: Vec<f64> = regex::Regex::new(r#"<col [^>]*width="([0-9.]+)""#)
        .unwrap()
        .captures_iter(wide)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert!(wide.contains("<col min=\"18\" max=\"18\""), "18 columns");
    assert!(
        !widths.is_empty() && widths.iter().all(|&w| w <= 38.72),
        "{widths:?}"
    );
    let rows = crate::util::sheet(&book, "打印 print");
    assert_eq!(
        rows[0],
        [
            "上级序号",
            "状态",
            "上级任务",
            "下级序号",
            "责任单位",
            "时限"
        ]
    );
    assert_eq!(
        rows.len(),
        1 + a["upper"]["tasks"].as_array().unwrap().len() + a["added"].as_array().unwrap().len()
    );
    // Printed by LibreOffice (when installed): every page of the print sheet holds all six
    // columns (its running head, the header row, the page number), none holds only the
    // last columns; the 18-column sheet prints its columns across pages with the id
    // column and header row repeated.
    if let Some(soffice) = soffice() {
        libreoffice_pdf_text(&soffice, &book, dir.path());
        let pdf = dir.path().join("compare.pdf");
        // Page by page (form feeds between pages) with poppler's pdftotext, which keeps
        // the running heads that policydiff's reader drops.
        let Ok(o) = StdCommand::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg("-")
            .output()
        else {
            eprintln!("skipped: pdftotext is not installed, the printed pages are not counted");
            return;
        };
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let print: Vec<&&str> = pages.iter().filter(|p| p.contains("打印 print")).collect();
        assert!(print.len() >= 2, "{} pages of the print sheet", print.len());
        for (i, page) in print.iter().enumerate() {
            for header in ["上级序号", "上级任务", "下级序号", "责任单位", "时限"]
            {
                assert!(
                    page.contains(header),
                    "print page {i} lacks {header}:\n{page}"
                );
            }
        }
        let wide = pages
            .iter()
            .filter(|p| p.contains("对照 alignment"))
            .count();
        eprintln!(
            "compare.xlsx prints on {} pages: 对照 {wide}, 打印 {}",
            pages.len(),
            print.len()
        );
        assert!(pages.len() < 20, "{} pages", pages.len());
    }
}

#[test]
fn csv_task_numbers_stay_text_in_excel_and_warnings_come_first() {
    // The county's tasks are numbered 2-2, 2-3 …, which Excel turns into dates.
    let (u, l) = (corpus("chizhou-city-2021"), corpus("lezhi-county-2021"));
    let a = compare_json(&l, &u);
    let (out, _) = run_ok(&[
        os("compare"),
        l.as_os_str(),
        u.as_os_str(),
        os("-f"),
        os("csv"),
    ]);
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    let dashed: Vec<&str> = a["upper"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .filter(|id| id.contains('-'))
        .collect();
    assert!(dashed.len() > 5, "{dashed:?}");
    for id in &dashed {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("\"=\"\"{id}\"\"\","))),
            "{id} as a text formula"
        );
    }
    // Swapped levels: the warning is the CSV's first line.
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("# ⚠ 请先核实："), "{first}");
    assert_eq!(a["warnings"][0]["code"], "level_inverted");
    assert!(first.contains("颠倒"), "{first}");
}

/// JSON carries warnings as codes and data: `--lang zh` and `--lang en` give the same
/// bytes, for every command.
#[test]
fn json_is_the_same_in_both_languages() {
    let files = [
        corpus("lezhi-county-2021"),
        corpus("chizhou-city-2021"),
        corpus("anhui-province-2022"),
    ];
    for cmd in ["compare", "chain", "coverage"] {
        let n = if cmd == "compare" { 2 } else { 3 };
        let out = |lang: &str| {
            let mut args: Vec<&std::ffi::OsStr> = vec![os(cmd)];
            args.extend(files[..n].iter().map(|p| p.as_os_str()));
            args.extend([os("-f"), os("json"), os("--lang"), os(lang)]);
            run_ok(&args)
        };
        let ((zh, zh_err), (en, en_err)) = (out("zh"), out("en"));
        assert_eq!(zh, en, "{cmd}");
        // The words are on stderr, in each language.
        assert!(
            zh_err.contains("颠倒") && en_err.contains("swapped"),
            "{cmd}"
        );
        let v: Value = serde_json::from_slice(&zh).unwrap();
        assert_eq!(v["warnings"][0]["code"], "level_inverted", "{cmd}");
    }
}

/// `coverage` keeps what reading each lower notice noticed, as `compare` says it.
#[test]
fn coverage_lists_each_lower_notices_warnings() {
    let upper = corpus("anhui-province-2022");
    let gap = crate::util::data("parse/numbering-gap.txt");
    let (_, compare_err) = run_ok(&[os("compare"), upper.as_os_str(), gap.as_os_str()]);
    let (out, err) = run_ok(&[
        os("coverage"),
        upper.as_os_str(),
        gap.as_os_str(),
        corpus("chizhou-city-2021").as_os_str(),
        os("-f"),
        os("json"),
    ]);
    let c: Value = serde_json::from_slice(&out).unwrap();
    let ws = c["localities"][0]["warnings"].as_array().expect("warnings");
    assert!(!ws.is_empty());
    for w in ws {
        // Typed: the numbering check's code and its lines, named by the file.
        let code = w["code"].as_str().unwrap();
        assert!(code.starts_with("numbering_"), "{w}");
        assert!(w["line"].as_u64().is_some(), "{w}");
        assert!(w["source"].as_str().unwrap().ends_with("numbering-gap.txt"));
    }
    // The same words on stderr as `compare` of the same notice gives, one line each.
    let lines: Vec<&str> = compare_err
        .lines()
        .filter(|l| l.contains("numbering-gap.txt"))
        .collect();
    assert_eq!(lines.len(), ws.len(), "{compare_err}");
    for line in lines {
        assert!(err.contains(line), "{line}: {err}");
    }
    assert!(
        c["localities"][1].get("warnings").is_none(),
        "none for a clean notice"
    );
}

/// Regression test for issue 24: printing the HTML report printed every row whatever the
/// filter showed, and the buttons. Now the printed page holds the rows the filter shows.
#[test]
fn printing_the_filtered_html_page_prints_only_its_rows() {
    let Some(chromium) = crate::browser::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (u, l) = (corpus("anhui-province-2022"), corpus("chizhou-city-2021"));
    let a = compare_json(&u, &l);
    let page = dir.path().join("compare.html");
    run_ok(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-o"),
        page.as_os_str(),
    ]);
    let mut b = crate::browser::Browser::start(&chromium, 1400, 900);
    b.open(&page);
    let print = |b: &mut crate::browser::Browser| -> (usize, String) {
        let r = b.call(
            "Page.printToPDF",
            serde_json::json!({"paperWidth": 8.27, "paperHeight": 11.69}),
        );
        let pdf = crate::browser::decode_base64(r["data"].as_str().unwrap());
        let pages = policydiff::ingest::read_bytes(
            "print.pdf",
            &pdf,
            &policydiff::ingest::IngestOptions::default(),
        )
        .expect("Chromium's PDF has a text layer")
        .text;
        let n = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
        (n, pages.chars().filter(|c| !c.is_whitespace()).collect())
    };
    let (all_pages, _) = print(&mut b);
    b.click("[data-filter=dropped]");
    // In print, the rows shown are the dropped tasks' rows, and no control.
    b.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    );
    let shown = b.eval(
        "Array.prototype.filter.call(document.querySelectorAll('.row'), \
         function (r) { return getComputedStyle(r).display !== 'none'; }).length",
    );
    let dropped = a["dropped"].as_array().unwrap();
    assert_eq!(shown, serde_json::json!(dropped.len()));
    let controls = b.eval(
        "Array.prototype.filter.call(document.querySelectorAll('.controls, button, select'), \
         function (e) { return getComputedStyle(e).display !== 'none'; }).length",
    );
    assert_eq!(controls, serde_json::json!(0), "controls print");
    // The section table's headers keep to one line.
    let wrapping = b.eval(
        "Array.prototype.filter.call(document.querySelectorAll('.chart th'), \
         function (e) { return getComputedStyle(e).whiteSpace !== 'nowrap'; }).length",
    );
    assert_eq!(wrapping, serde_json::json!(0), "section table headers wrap");
    let (pages, text) = print(&mut b);
    assert!(
        pages < all_pages,
        "{pages} pages filtered, {all_pages} unfiltered"
    );
    // Every dropped task's text is in the PDF, and no carried task's.
    let tasks = a["upper"]["tasks"].as_array().unwrap();
    let head = |t: &Value| -> String {
        t["text"]
            .as_str()
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(12)
            .collect()
    };
    for id in dropped {
        let t = tasks.iter().find(|t| &t["id"] == id).unwrap();
        assert!(text.contains(&head(t)), "dropped {id} printed");
    }
    let carried: Vec<&Value> = a["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["status"] == "carried")
        .collect();
    assert!(!carried.is_empty());
    for l in carried {
        let t = tasks.iter().find(|t| t["id"] == l["upper"]).unwrap();
        assert!(!text.contains(&head(t)), "carried {} printed", l["upper"]);
    }
    // The printed rows, counted: the upper tasks whose text the PDF holds are exactly the
    // dropped ones (no carried or reworded task is printed). A task whose first words are
    // also a heading (a section printed above a dropped row) is left out of the count.
    let headings: Vec<String> = tasks
        .iter()
        .flat_map(|t| t["section"].as_array().unwrap())
        .map(|h| {
            h.as_str()
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect();
    let countable: Vec<&Value> = tasks
        .iter()
        .filter(|t| !headings.iter().any(|h| h.contains(&head(t))))
        .collect();
    let printed: Vec<&Value> = countable
        .iter()
        .filter(|t| text.contains(&head(t)))
        .map(|t| &t["id"])
        .collect();
    let expected: Vec<&Value> = countable
        .iter()
        .map(|t| &t["id"])
        .filter(|id| dropped.contains(id))
        .collect();
    assert!(countable.len() + 3 > tasks.len(), "most tasks are counted");
    assert_eq!(printed, expected);
    assert_eq!(
        printed.len(),
        dropped.len(),
        "every dropped row printed, none other"
    );
}

/// Item 8: help in Chinese by default (no locale set, as on a Chinese Windows), in
/// English under an English locale or `--lang en`; every argument described.
#[test]
fn help_is_chinese_by_default_and_english_when_asked() {
    let text = |mut c: assert_cmd::Command, args: &[&str]| {
        let o = c.args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let zh = text(bin_zh(), &["--help"]);
    assert!(zh.contains("用法：policydiff"), "{zh}");
    assert!(zh.contains("对照上下级政府政策通知"), "{zh}");
    assert!(zh.contains("退出码：0 成功"), "{zh}");
    assert!(!zh.contains("Print help") && !zh.contains("Usage:"), "{zh}");
    let compare = text(bin_zh(), &["compare", "--help"]);
    for words in [
        "<上级通知>  上级（较高层级）通知",
        "--fail-under <百分比>",
        "（默认：zh；可选：zh、en）",
    ] {
        assert!(compare.contains(words), "{words}: {compare}");
    }
    let en = text(bin(), &["--help"]);
    assert!(
        en.contains("Usage: policydiff") && en.contains("Print help"),
        "{en}"
    );
    let en = text(bin_zh(), &["compare", "--lang", "en", "--help"]);
    assert!(en.contains("The upper (higher-level) notice"), "{en}");
    assert!(!en.contains("上级（较高层级）通知"), "{en}");
    // eval's value lists are described (issue 24: blank argument descriptions).
    let eval = text(bin(), &["eval", "--help"]);
    assert!(eval.contains("table: A table for the terminal"), "{eval}");
}

/// Item 8: an error is one line naming the file, exit 2, in Chinese by default and in
/// English under `--lang en` or an English locale; usage errors too.
#[test]
fn errors_are_one_line_in_the_language_asked() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("缺少的通知.txt");
    let upper = corpus("anhui-province-2022");
    let err = |mut c: assert_cmd::Command, extra: &[&str]| {
        let o = c
            .arg("compare")
            .arg(&upper)
            .arg(&missing)
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty());
        let e = String::from_utf8(o.stderr).unwrap();
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.contains("缺少的通知.txt"), "names the file: {e}");
        e
    };
    let zh = err(bin_zh(), &[]);
    assert!(zh.starts_with("policydiff：错误："), "{zh}");
    assert!(zh.contains("无法读取：文件不存在"), "{zh}");
    let en = err(bin_zh(), &["--lang", "en"]);
    assert!(
        en.starts_with("policydiff: error: ") && en.contains("cannot read"),
        "{en}"
    );
    let en = err(bin(), &[]);
    assert!(
        en.starts_with("policydiff: error: ") && en.contains("cannot read"),
        "{en}"
    );
    // A notice with no task list, and an output no format owns.
    let blank = dir.path().join("空.txt");
    fs::write(&blank, "关于做好工作的通知\n各单位：请认真落实。\n").unwrap();
    let o = bin_zh().arg("parse").arg(&blank).output().unwrap();
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("空.txt：未找到任务清单") && e.lines().count() == 1,
        "{e}"
    );
    let o = bin_zh()
        .arg("compare")
        .arg(&upper)
        .arg(&upper)
        .args(["-o", "r.pdf"])
        .output()
        .unwrap();
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        e.starts_with("policydiff：错误：r.pdf：没有扩展名为 .pdf 的输出格式"),
        "{e}"
    );
    // clap's usage errors: one line in Chinese, clap's own message in English.
    let o = bin_zh().args(["compare", "--bogus"]).output().unwrap();
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        e,
        "policydiff：错误：未知的参数 --bogus（policydiff --help 显示用法）\n"
    );
    let o = bin_zh()
        .args(["coverage", "--jobs", "0", "x"])
        .output()
        .unwrap();
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        e.contains("--jobs <N> 的值“0”无效：须为 1 到 256 之间的整数") && e.lines().count() == 1,
        "{e}"
    );
    let o = bin().args(["compare", "--bogus"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unexpected argument '--bogus'"));
}

/// Item 7: every heatmap cell of the coverage page links to its pair's section in the same
/// file (nothing remote): a dropped cell to that task in the locality's 未落实 list, a
/// cell in review to its 待核实 list, the others to the section; the sections list exactly
/// the tasks the JSON says each locality dropped, and give the command for the pair's own
/// report.
#[test]
fn coverage_cells_link_to_their_pair() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [
        "anhui-province-2022",
        "chizhou-city-2021",
        "jiujiang-city-2021",
    ]
    .iter()
    .map(|s| corpus(s))
    .collect();
    let page = dir.path().join("coverage.html");
    let mut args: Vec<&std::ffi::OsStr> = vec![os("coverage")];
    args.extend(files.iter().map(|p| p.as_os_str()));
    args.extend([os("-o"), page.as_os_str()]);
    run_ok(&args);
    args.truncate(args.len() - 2);
    args.extend([os("-f"), os("json")]);
    let json: Value = serde_json::from_slice(&run_ok(&args).0).unwrap();
    let html = fs::read_to_string(&page).unwrap();

    let ids: std::collections::HashSet<String> = regex::Regex::new(r#" id="([^"]+)""#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c[1].to_string())
        .collect();
    let cell = regex::Regex::new(
        r##"<td class="hm (\w+)" data-col="(\d+)" data-status="\w+" title="[^"]*"><a href="#([^"]+)">"##,
    )
    .unwrap();
    let upper_ids: Vec<&str> = json["upper"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let localities = json["localities"].as_array().unwrap();
    let mut cells = 0;
    for c in cell.captures_iter(&html) {
        cells += 1;
        let (status, col, href) = (&c[1], &c[2], &c[3]);
        assert!(ids.contains(href), "{href}: no such anchor in the page");
        assert!(
            href.starts_with(&format!("loc-{col}")),
            "{href} for column {col}"
        );
        if status == "dropped" {
            assert!(href.starts_with(&format!("loc-{col}-d")), "{href}");
        }
    }
    assert_eq!(
        cells,
        upper_ids.len() * localities.len(),
        "every cell links"
    );
    assert!(!html.contains("href=\"http"), "nothing remote");
    for (col, l) in localities.iter().enumerate() {
        let start = html
            .find(&format!("<section class=\"pair\" id=\"loc-{col}\">"))
            .unwrap();
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        let listed = regex::Regex::new(&format!(
            r#"<li id="loc-{col}-d(\d+)"><strong>([^<]+)</strong>"#
        ))
        .unwrap()
        .captures_iter(section)
        .map(|c| c[2].to_string())
        .collect::<Vec<_>>();
        let dropped: Vec<String> = l["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&upper_ids)
            .filter(|(s, _)| s.as_str() == Some("dropped"))
            .map(|(_, id)| id.to_string())
            .collect();
        assert_eq!(listed, dropped, "locality {col}");
        let lower = files[col + 1].file_name().unwrap().to_str().unwrap();
        assert!(
            section.contains(&format!(
                "policydiff compare anhui-province-2022.txt {lower} -o "
            )),
            "{section}"
        );
        assert!(html.contains(&format!(
            "<th class=\"loc\" data-col=\"{col}\" title=\"{lower}\"><a href=\"#loc-{col}\">"
        )));
    }
}

/// The ASCII words Chinese output may hold: the names a user types (commands, the values
/// of options and of the side files' columns), the names of file formats, programs and
/// environment variables, and the placeholders' letters. Flags (`--fail-under`, `-o`),
/// paths and file names (a word with `/`, a dot, or a hyphen inside:
/// `chizhou-city-2021`, the notices' names in warnings and tables) are allowed wherever
/// they stand; everything else ASCII is English left in Chinese output.
const ALLOWED_ASCII: [&str; 65] = [
    // the program and its commands
    "policydiff",
    "parse",
    "compare",
    "eval",
    "chain",
    "coverage",
    "serve",
    "help",
    // values of --format, --lang, --input-format
    "table",
    "json",
    "md",
    "html",
    "csv",
    "xlsx",
    "docx",
    "zh",
    "en",
    "auto",
    "text",
    "pdf",
    "ofd",
    "image",
    // the columns of overrides and gold files
    "confirm",
    "reject",
    "carried",
    "reworded",
    "dropped",
    "added",
    "TAB",
    // the levels a corpus manifest names
    "national",
    "province",
    "city",
    "county",
    "township",
    // formats, programs, protocols
    "UTF",
    "GB18030",
    "GBK",
    "GIF",
    "RTF",
    "PDF",
    "HTML",
    "JSON",
    "CSV",
    "TSV",
    "TOML",
    "BOM",
    "OCR",
    "Excel",
    "Word",
    "WPS",
    "LibreOffice",
    "Markdown",
    "HTTP",
    "Basic",
    "FIFO",
    "doc",
    "wps",
    "xls",
    "ods",
    "et",
    // environment variables and placeholders
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "POLICYDIFF_PASSWORD",
    "N",
];

/// `text` without what a library said, in the brackets after our words: the TOML
/// reader's (`TOML（…）`) and the PDF library's (`无法解码（…）`).
fn without_library_words(text: &str) -> String {
    let mut out = text.to_string();
    for lead in ["TOML（", "无法解码（"] {
        let mut kept = String::new();
        let mut rest = out.as_str();
        while let Some(at) = rest.find(lead) {
            kept.push_str(&rest[..at + lead.len()]);
            rest = &rest[at + lead.len()..];
            rest = rest.find('）').map_or("", |end| &rest[end..]);
        }
        kept.push_str(rest);
        out = kept;
    }
    out
}

/// The ASCII words of `text` that are not allowed in Chinese output ([`ALLOWED_ASCII`]).
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
        // Flags, paths and file names stand as they are typed.
        let token = token.trim_matches(|c: char| "()[]<>{}:;,\"'`|=".contains(c));
        let inner = |c: char| token.trim_end_matches(c).contains(c);
        if token.starts_with('-') || token.contains('/') || inner('.') || inner('-') {
            continue;
        }
        for word in token.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let is_word = word.chars().any(|c| c.is_ascii_alphabetic());
            if is_word
                && !ALLOWED_ASCII.contains(&word)
                && !(word.starts_with('F') && word[1..].chars().all(|c| c.is_ascii_digit()))
            {
                found.push(word.to_string());
            }
        }
    }
    found
}

#[test]
fn english_words_are_found_and_flags_paths_and_names_pass() {
    assert_eq!(
        english_words("policydiff：警告：/tmp/a b.txt：第 3 行 --fail-under <百分比> UTF-8 F1"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("policydiff: warning: 上级 (skipped) [OPTIONS] Usage:"),
        ["warning", "skipped", "OPTIONS", "Usage"]
    );
}

/// Item 8: under `--lang zh` or a Chinese (or unset) locale, help, errors, warnings and
/// the lines `main` prints hold no English word ([`english_words`]): every command's
/// help and clap's `help` command; the errors of a missing notice, of overrides, gold and
/// lexicon files, of a folder that is no workspace, and a usage error; a level warning, a
/// skipped input, a failed `--fail-under` and `--min-f1`, the line naming a written
/// report, `serve`'s address line, and the terminal tables of compare, chain and
/// coverage.
#[test]
fn chinese_output_holds_no_english_words() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (anhui, chizhou, lezhi) = (
        corpus("anhui-province-2022"),
        corpus("chizhou-city-2021"),
        corpus("lezhi-county-2021"),
    );
    // Each run: its exit code, and what it printed on both streams.
    let mut seen: Vec<(String, String)> = Vec::new();
    // A JSON report on stdout is left out (its keys are English by design).
    let mut run = |what: &str, code: i32, args: &[&std::ffi::OsStr]| {
        let o = bin_zh().args(args).output().unwrap();
        let json = args.windows(2).any(|w| w[0] == "-f" && w[1] == "json");
        let text = format!(
            "{}{}",
            if json {
                Default::default()
            } else {
                String::from_utf8_lossy(&o.stdout)
            },
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.code(), Some(code), "{what}: {text}");
        seen.push((what.to_string(), text));
    };
    // Help.
    run("--help", 0, &[os("--help")]);
    run("help", 0, &[os("help")]);
    run("help help", 0, &[os("help"), os("help")]);
    for cmd in ["parse", "compare", "eval", "chain", "coverage", "serve"] {
        run(cmd, 0, &[os(cmd), os("--help")]);
        run(cmd, 0, &[os("help"), os(cmd)]);
    }
    run("usage", 2, &[os("compare"), os("--bogus")]);
    // Errors of side files.
    let missing = d.join("missing.txt");
    run(
        "missing",
        2,
        &[os("compare"), anhui.as_os_str(), missing.as_os_str()],
    );
    let cases: [(&str, &str, &str); 6] = [
        ("o1.tsv", "--overrides", "1\t1\n"),
        ("o2.tsv", "--overrides", "1\t1\t待定\n"),
        ("o3.tsv", "--overrides", "1\t1\tconfirm\n1\t1\treject\n"),
        ("o4.tsv", "--overrides", "999\t1\treject\n"),
        ("l1.tsv", "--lexicon", "概念\t-\n"),
        ("l2.tsv", "--lexicon", "概念\t未定义\t词语\n"),
    ];
    for (name, flag, text) in cases {
        let f = d.join(name);
        fs::write(&f, text).unwrap();
        let args = [
            os("compare"),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            os(flag),
            f.as_os_str(),
        ];
        run(name, 2, &args);
    }
    let gold = d.join("g.tsv");
    fs::write(&gold, "1\t1\t待定\n").unwrap();
    run(
        "gold",
        2,
        &[
            os("eval"),
            os("--gold"),
            gold.as_os_str(),
            anhui.as_os_str(),
            chizhou.as_os_str(),
        ],
    );
    run(
        "workspace",
        2,
        &[
            os("compare"),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            os("--workspace"),
            d.as_os_str(),
        ],
    );
    // Warnings, a skipped input, failed checks, a written report.
    run(
        "level",
        0,
        &[
            os("compare"),
            lezhi.as_os_str(),
            chizhou.as_os_str(),
            os("-f"),
            os("json"),
        ],
    );
    let lowers = d.join("lowers");
    fs::create_dir(&lowers).unwrap();
    fs::copy(&chizhou, lowers.join("chizhou-city-2021.txt")).unwrap();
    fs::write(lowers.join("empty.txt"), "").unwrap();
    run(
        "skipped",
        0,
        &[
            os("coverage"),
            anhui.as_os_str(),
            lowers.as_os_str(),
            os("-f"),
            os("json"),
        ],
    );
    run(
        "fail-under",
        1,
        &[
            os("compare"),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            os("-f"),
            os("json"),
            os("--fail-under"),
            os("100"),
        ],
    );
    let gold = crate::util::data("gold/anhui-province-2022__chizhou-city-2021.tsv");
    run(
        "min-f1",
        1,
        &[
            os("eval"),
            os("--gold"),
            gold.as_os_str(),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            os("-f"),
            os("json"),
            os("--min-f1"),
            os("1"),
        ],
    );
    // The terminal tables of each command.
    run(
        "compare table",
        0,
        &[os("compare"), anhui.as_os_str(), chizhou.as_os_str()],
    );
    run(
        "chain table",
        0,
        &[
            os("chain"),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            lezhi.as_os_str(),
        ],
    );
    run(
        "coverage table",
        0,
        &[
            os("coverage"),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            lezhi.as_os_str(),
        ],
    );
    // The parse and eval tables, the chain and coverage CSV (issue 24's remaining items).
    run("parse table", 0, &[os("parse"), chizhou.as_os_str()]);
    run(
        "eval table",
        0,
        &[
            os("eval"),
            os("--gold"),
            gold.as_os_str(),
            anhui.as_os_str(),
            chizhou.as_os_str(),
        ],
    );
    for cmd in ["chain", "coverage"] {
        run(
            &format!("{cmd} csv"),
            0,
            &[
                os(cmd),
                anhui.as_os_str(),
                chizhou.as_os_str(),
                lezhi.as_os_str(),
                os("-f"),
                os("csv"),
            ],
        );
    }
    // What reading and parsing notice: invalid bytes, control characters, numbering;
    // a mislabelled page; hidden, damaged and over-ruled PDF pages.
    let dirty = dirty_gap(d);
    run("reading warnings", 0, &[os("parse"), dirty.as_os_str()]);
    for name in [
        "mislabelled-gb2312.html",
        "utf8-many-invalid.txt",
        "pdf-invisible.pdf",
        "pdf-bad-token.pdf",
        "pdf-failing-form.pdf",
    ] {
        let f = crate::util::data(&format!("hostile/{name}"));
        run(name, 0, &[os("parse"), os("-f"), os("json"), f.as_os_str()]);
    }
    // The inputs a coverage run skips, each with its reason.
    let skipped = d.join("skipped");
    fs::create_dir(&skipped).unwrap();
    fs::write(skipped.join("blank.txt"), " \n").unwrap();
    fs::write(skipped.join("minutes.txt"), "{\\rtf1 x}").unwrap();
    fs::write(skipped.join("notes.md"), "# notes").unwrap();
    fs::write(skipped.join("image.txt"), b"GIF89a\0\0\0").unwrap();
    fs::write(skipped.join("no-tasks.txt"), "只是一段文字。").unwrap();
    fs::copy(&anhui, skipped.join("copy.txt")).unwrap();
    fs::create_dir(skipped.join("folder.txt")).unwrap();
    run(
        "skip reasons",
        0,
        &[os("coverage"), anhui.as_os_str(), skipped.as_os_str()],
    );
    // A corpus manifest that is not one.
    let corpus_dir = d.join("corpus");
    fs::create_dir(&corpus_dir).unwrap();
    fs::write(corpus_dir.join("corpus.toml"), "[[notice]]\nfile = 3\n").unwrap();
    run(
        "manifest",
        2,
        &[
            os("coverage"),
            os("--corpus"),
            corpus_dir.as_os_str(),
            os("--upper"),
            os("x"),
        ],
    );
    fs::write(
        corpus_dir.join("corpus.toml"),
        "[[notice]]\nfile = \"x.txt\"\nlevel = \"村级\"\n",
    )
    .unwrap();
    run(
        "manifest level",
        2,
        &[
            os("coverage"),
            os("--corpus"),
            corpus_dir.as_os_str(),
            os("--upper"),
            os("x"),
        ],
    );
    let report = d.join("r.md");
    run(
        "wrote",
        0,
        &[
            os("compare"),
            anhui.as_os_str(),
            chizhou.as_os_str(),
            os("-o"),
            report.as_os_str(),
        ],
    );
    // serve's address line (stdout), then the server is stopped.
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_policydiff"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args([os("serve"), d.join("ws").as_os_str(), os("--no-open")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.contains("http://127.0.0.1:"), "{first}");
    seen.push(("serve".into(), first));

    let mut english = Vec::new();
    for (what, text) in &seen {
        // Every case said something, in Chinese.
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: {text}"
        );
        // The URL is a path of sorts; its words are not English. A library's own words
        // stand in brackets after ours.
        let text = without_library_words(&text.replace("http://", "/"));
        let words = english_words(&text);
        if !words.is_empty() {
            english.push(format!("{what}: {words:?} in\n{text}"));
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n\n"));
    // The warnings and notes carry the Chinese lead, not `policydiff: warning:`.
    let all: String = seen.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("policydiff：警告："), "{all}");
    assert!(all.contains("（已跳过）"), "{all}");
    assert!(
        all.contains("覆盖率") && all.contains("低于 --fail-under"),
        "{all}"
    );
}

/// A copy of `parse/numbering-gap.txt` (a gap and a repeat in its numbering) with an
/// invalid UTF-8 byte on its third line and a control character on its fourth: a notice
/// with reading warnings and parser warnings.
fn dirty_gap(dir: &Path) -> PathBuf {
    let text = fs::read_to_string(crate::util::data("parse/numbering-gap.txt")).unwrap();
    let mut bytes = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match i {
            2 => {
                bytes.extend_from_slice("（一）".as_bytes());
                bytes.push(0xFF);
                bytes.extend_from_slice(line.trim_start_matches("（一）").as_bytes());
            }
            3 => {
                bytes.extend_from_slice(line.replacen('，', "，\u{7}", 1).as_bytes());
            }
            _ => bytes.extend_from_slice(line.as_bytes()),
        }
    }
    let path = dir.join("dirty-gap.txt");
    fs::write(&path, bytes).unwrap();
    path
}

/// Issue 24, typed warnings: what reading (invalid bytes, control characters) and parsing
/// (the numbering gap and repeat) noticed is data in the JSON of compare and coverage,
/// the same bytes whatever `--lang` says, and worded on stderr in each language.
#[test]
fn reading_and_numbering_warnings_are_typed_and_the_json_is_the_same_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = dirty_gap(dir.path());
    let upper = corpus("anhui-province-2022");
    let chizhou = corpus("chizhou-city-2021");
    for cmd in ["compare", "coverage"] {
        let out = |lang: &str| {
            let mut args = vec![os(cmd), upper.as_os_str(), dirty.as_os_str()];
            if cmd == "coverage" {
                args.push(chizhou.as_os_str());
            }
            args.extend([os("-f"), os("json"), os("--lang"), os(lang)]);
            run_ok(&args)
        };
        let ((zh, zh_err), (en, en_err)) = (out("zh"), out("en"));
        assert_eq!(zh, en, "{cmd}");
        let v: Value = serde_json::from_slice(&zh).unwrap();
        let ws = if cmd == "compare" {
            v["warnings"].clone()
        } else {
            v["localities"][0]["warnings"].clone()
        };
        let codes: Vec<&str> = ws
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "invalid_bytes",
                "control_characters",
                "numbering_gap",
                "numbering_backwards"
            ],
            "{cmd}: {ws}"
        );
        assert_eq!(ws[0]["encoding"], "UTF-8", "{ws}");
        assert_eq!(ws[0]["lines"], serde_json::json!([3]), "{ws}");
        assert_eq!(ws[1]["lines"], serde_json::json!([4]), "{ws}");
        assert_eq!(ws[2]["before"], 2, "{ws}");
        assert_eq!(ws[2]["number"], 4, "{ws}");
        // No words in the JSON: no `message`, nothing Chinese but the notices' own text.
        assert!(
            ws.as_array()
                .unwrap()
                .iter()
                .all(|w| w.get("message").is_none())
        );
        // The words are on stderr, in each language.
        for (err, says) in [
            (
                &zh_err,
                [
                    "已删去无效的 UTF-8 字节序列（第 3 行）",
                    "已删去控制字符（第 4 行）",
                    "任务编号从 2",
                ],
            ),
            (
                &en_err,
                [
                    "invalid UTF-8 byte sequences were dropped (line 3)",
                    "control characters were removed (line 4)",
                    "task numbers skip from 2",
                ],
            ),
        ] {
            for s in says {
                assert!(err.contains(s), "{cmd}: {s}: {err}");
            }
        }
    }
}

/// Issue 24: the chain CSV has a 待核实 column per level, as the compare CSV has one,
/// marked where the chain's JSON marks the cell for review.
#[test]
fn chain_csv_has_a_review_column_per_level() {
    let files = [
        corpus("anhui-province-2022"),
        corpus("chizhou-city-2021"),
        corpus("lezhi-county-2021"),
    ];
    let args = |f: &'static str| {
        let mut a: Vec<&std::ffi::OsStr> = vec![os("chain")];
        a.extend(files.iter().map(|p| p.as_os_str()));
        a.extend([os("-f"), os(f), os("--lang"), os("zh")]);
        a
    };
    let (json, _) = run_ok(&args("json"));
    let c: Value = serde_json::from_slice(&json).unwrap();
    let (csv, _) = run_ok(&args("csv"));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let header_at = text.find("序号,").expect("a Chinese header");
    let records: Vec<Vec<String>> = text[header_at..].lines().map(split_csv_line).collect();
    let header = &records[0];
    assert_eq!(&header[..3], ["序号", "所属部分", "要求"], "{header:?}");
    assert_eq!(header.len(), 3 + 4 * 2, "{header:?}");
    for k in 0..2 {
        for (i, what) in ["状态", "途径", "任务", "待核实"].iter().enumerate() {
            assert!(header[3 + 4 * k + i].ends_with(what), "{header:?}");
        }
    }
    let rows = c["rows"].as_array().unwrap();
    assert_eq!(records.len() - 1, rows.len());
    let mut marked = 0;
    for (r, row) in records[1..].iter().zip(rows) {
        for (k, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
            let review = cell["review"].as_bool().unwrap();
            assert_eq!(r[3 + 4 * k + 3] == "待核实", review, "{r:?} {cell}");
            marked += usize::from(review);
            // The via column in Chinese.
            assert!(
                ["逐级", "越级", "未到达"].contains(&r[3 + 4 * k + 1].as_str()),
                "{r:?}"
            );
        }
    }
    assert!(marked > 0, "some call of this chain is in review");
}

/// One CSV line's fields (quotes as RFC 4180 has them; no line breaks inside fields).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}
