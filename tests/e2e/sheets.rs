//! Spreadsheet workbooks and old binary Word documents (issue 16): the fixtures of
//! tests/data/sheets, made from the corpus by tests/data/sheets/make_sheets.py (title and
//! note rows above the header, merged section and deadline cells, numbers stored as
//! numbers), parse to the same tasks as the text they were made from; a .doc is read
//! through LibreOffice when it is installed and refused with what to do when it is not.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{assert_same_tasks_as_text, bin, corpus, data, expected, parse_json, strings};

/// The workbook fixtures: (notice, extension).
const SHEETS: [(&str, &str); 6] = [
    ("anhui-province-2022", "xlsx"),
    ("chizhou-city-2018", "xlsx"),
    ("chizhou-city-2021", "xlsx"),
    ("lezhi-county-2021", "xlsx"),
    ("lezhi-county-2021", "xls"),
    ("anhui-province-2022", "ods"),
];

/// The tasks of `got` field by field against the parse of the text original, and
/// against the hand-checked fields of tests/data/expected.
fn assert_same_tasks(stem: &str, got: &Value, what: &str) {
    assert_same_tasks_as_text(stem, got, what, &["year", "level"]);
    assert_eq!(got["layout"], "document-table", "{what}: layout");
    let g = got["tasks"].as_array().unwrap();

    let exp = expected(stem);
    assert_eq!(g.len() as i64, exp["tasks"].as_integer().unwrap(), "{what}");
    for t in exp["task"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        let task = g
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("{what}: no task {id}"));
        let list = |v: &toml::Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            strings(&task["lead_units"]),
            list(&t["lead"]),
            "{what} {id}"
        );
        assert_eq!(strings(&task["units"]), list(&t["units"]), "{what} {id}");
        let d = list(&t["deadline"]);
        assert_eq!(
            [
                task["deadline"]["raw"].as_str().unwrap_or(""),
                task["deadline"]["kind"].as_str().unwrap(),
                task["deadline"]["date"].as_str().unwrap_or("")
            ],
            [d[0].as_str(), d[1].as_str(), d[2].as_str()],
            "{what} {id}: deadline"
        );
        if let Some(sec) = t.get("section") {
            assert_eq!(strings(&task["section"]), list(sec), "{what} {id}: section");
        }
    }
}

#[test]
fn workbooks_parse_to_the_tasks_of_their_text() {
    for (stem, ext) in SHEETS {
        let path = data(&format!("sheets/{stem}.{ext}"));
        assert_same_tasks(stem, &parse_json(&path), &format!("{stem}.{ext}"));
    }
}

#[test]
fn workbooks_are_detected_by_content_and_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    // An .xls saved as WPS .et, an .xlsx under a text name.
    let et = dir.path().join("表格.et");
    fs::copy(data("sheets/lezhi-county-2021.xls"), &et).unwrap();
    let txt = dir.path().join("notice.txt");
    fs::copy(data("sheets/anhui-province-2022.xlsx"), &txt).unwrap();
    assert_same_tasks("lezhi-county-2021", &parse_json(&et), "xls as .et");
    assert_same_tasks("anhui-province-2022", &parse_json(&txt), "xlsx as .txt");
    let forced = bin()
        .args(["parse", "--format", "json", "--input-format", "xlsx"])
        .arg(data("sheets/anhui-province-2022.ods"))
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0));
    // A Word document forced to be read as a workbook is refused as one.
    let out = bin()
        .args(["parse", "--input-format", "xlsx"])
        .arg(data("docs/lezhi-county-2021.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not a readable spreadsheet workbook file"),
        "{err}"
    );
}

/// Runs `parse` on a file that must fail: exit 2, one line naming it and saying `message`.
fn assert_fails(path: &Path, message: &str) {
    let out = bin().arg("parse").arg(path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains(message), "says {message:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn damaged_workbooks_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in ["anhui-province-2022.xlsx", "lezhi-county-2021.xls"] {
        let whole = fs::read(data(&format!("sheets/{fixture}"))).unwrap();
        let path = dir.path().join(format!("half-{fixture}"));
        fs::write(&path, &whole[..whole.len() / 2]).unwrap();
        assert_fails(&path, "not a readable");
    }
}

#[test]
fn cut_and_flipped_workbooks_replay_through_the_fuzz_harness() {
    // What the fuzz target (fuzz/fuzz_targets/workbook.rs) does, on damaged copies of
    // every fixture: typed errors or a parse, never a panic.
    for (stem, ext) in SHEETS {
        let whole = fs::read(data(&format!("sheets/{stem}.{ext}"))).unwrap();
        assert!(
            policydiff::harness::parse_as(&whole, policydiff::ingest::InputFormat::Xlsx) > 0,
            "{stem}.{ext}"
        );
        for k in 1..16 {
            let cut = whole.len() * k / 16;
            policydiff::harness::parse_as(&whole[..cut], policydiff::ingest::InputFormat::Xlsx);
            let mut flipped = whole.clone();
            flipped[cut] ^= 0x5A;
            policydiff::harness::parse_as(&flipped, policydiff::ingest::InputFormat::Xlsx);
        }
    }
}

/// A zip holding a workbook's parts, `sheet` as its one worksheet (stored, not
/// compressed: quick to write).
fn xlsx_with_sheet(sheet: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 5] = [
        (
            "_rels/.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    for (name, bytes) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

#[test]
fn a_workbook_of_a_million_rows_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in 1..=1_000_000 {
        sheet.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    sheet.push_str("</sheetData></worksheet>");
    let path = dir.path().join("million.xlsx");
    fs::write(&path, xlsx_with_sheet(sheet.as_bytes())).unwrap();
    assert_fails(&path, "holds more than 100000 rows; refusing to read it");

    // A worksheet unpacking to more than 256 MiB (from a file of 300 KB) is refused
    // before it is unpacked.
    assert_fails(&data("sheets/bomb.xlsx"), "unpacks to more than 256 MiB");
}

#[test]
fn coverage_and_chain_read_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        data("sheets/lezhi-county-2021.xlsx"),
        dir.path().join("lezhi.xlsx"),
    )
    .unwrap();
    fs::copy(
        data("sheets/anhui-province-2022.ods"),
        dir.path().join("anhui.ods"),
    )
    .unwrap();
    let out = bin()
        .args(["coverage", "-f", "json"])
        .arg(corpus("chizhou-city-2021"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sources: Vec<&str> = c["localities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources.iter().any(|s| s.ends_with("lezhi.xlsx")));
    assert!(sources.iter().any(|s| s.ends_with("anhui.ods")));
    assert!(c["failures"].as_array().unwrap().is_empty(), "{c}");

    // A chain through workbooks gives the chain of the text originals.
    let chain = |files: [&Path; 3]| -> Value {
        let out = bin()
            .args(["chain", "-f", "json"])
            .args(files)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_object_mut().unwrap().remove("levels");
        v
    };
    let texts = [
        corpus("anhui-province-2022"),
        corpus("chizhou-city-2021"),
        corpus("lezhi-county-2021"),
    ];
    let books = [
        data("sheets/anhui-province-2022.xlsx"),
        corpus("chizhou-city-2021"),
        data("sheets/lezhi-county-2021.xls"),
    ];
    let (a, b) = (
        chain([&texts[0], &texts[1], &texts[2]]),
        chain([&books[0], &books[1], &books[2]]),
    );
    assert_eq!(a["rows"], b["rows"]);
}

#[test]
fn old_word_without_libreoffice_says_what_to_do() {
    // No soffice on an empty PATH.
    let empty = tempfile::tempdir().unwrap();
    for name in ["lezhi.doc", "lezhi.wps"] {
        let path = empty.path().join(name);
        fs::copy(data("docs/lezhi-county-2021.doc"), &path).unwrap();
        let out = bin()
            .env("PATH", empty.path())
            .arg("parse")
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("LibreOffice, which is not installed"), "{err}");
        assert!(err.contains("save it as .docx in Word or WPS"), "{err}");
    }
}

#[test]
fn old_word_is_converted_with_libreoffice_when_installed() {
    if policydiff::ingest::legacy::find_soffice().is_none() {
        println!("skipped: LibreOffice (soffice or libreoffice) is not on PATH");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("lezhi.wps");
    fs::copy(data("docs/lezhi-county-2021.doc"), &path).unwrap();
    let before: Vec<_> = fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("policydiff-doc-")
        })
        .map(|e| e.path())
        .collect();
    let got = parse_json(&path);
    let want = parse_json(&corpus("lezhi-county-2021"));
    let strip = |v: &Value| -> Vec<Value> {
        let mut ts = v["tasks"].as_array().unwrap().clone();
        for t in &mut ts {
            t.as_object_mut().unwrap().remove("line");
        }
        ts
    };
    assert_eq!(strip(&got), strip(&want));
    let after: Vec<_> = fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("policydiff-doc-")
        })
        .map(|e| e.path())
        .filter(|p| !before.contains(p))
        .collect();
    assert!(after.is_empty(), "temporary files left behind: {after:?}");
}
