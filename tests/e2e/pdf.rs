//! PDF notices (issue 16): the corpus notices printed to PDF by headless Chromium
//! (tests/data/pdf/make_pdfs.py) parse to the same tasks as the text they were made
//! from, field by field; `chain` and `coverage` read them; a scan, an encrypted and a
//! truncated file, a PDF of thousands of pages and a decompression bomb each end with
//! one clear line and exit code 2.

use std::fs;
use std::path::Path;

use lopdf::{Document, Object, Stream, dictionary};
use serde_json::Value;

use crate::util::{
    CORPUS, META, assert_same_tasks_as_text, bin, corpus, data, expected, parse_json,
};

fn pdf(stem: &str) -> std::path::PathBuf {
    data(&format!("pdf/{stem}.pdf"))
}

#[test]
fn pdf_copies_parse_to_the_tasks_of_their_text() {
    for stem in CORPUS {
        let got = parse_json(&pdf(stem));
        // `text` character for character: the extracted requirement is exact.
        assert_same_tasks_as_text(stem, &got, &format!("{stem}.pdf"), &META);
        assert_eq!(
            got["tasks"].as_array().unwrap().len() as i64,
            expected(stem)["tasks"].as_integer().unwrap(),
            "{stem}.pdf: the expected task count"
        );
    }
}

#[test]
fn the_long_table_continues_across_pages_with_its_header_repeated() {
    // lezhi-county-2021.pdf: one table over seven pages, the header row repeated by the
    // browser on each, a units cell cut by the first page break.
    let bytes = fs::read(pdf("lezhi-county-2021")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    assert!(doc.get_pages().len() >= 6, "the fixture is long");
    let got = parse_json(&pdf("lezhi-county-2021"));
    let t2 = got["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "2-3")
        .unwrap();
    // The cell's two halves, on pages 1 and 2, are one list of units.
    let units = crate::util::strings(&t2["units"]);
    assert!(units.contains(&"县交通运输局".to_string()), "{units:?}");
    assert!(units.contains(&"县农业农村局".to_string()), "{units:?}");
    // The repeated header is no task.
    assert!(
        !got["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["text"].as_str().unwrap().contains("具体内容"))
    );
}

/// Runs `parse` on a file that must fail: exit 2, one line naming the file and saying
/// `message`, no panic.
fn assert_fails(path: &Path, args: &[&str], message: &str) {
    let out = bin().arg("parse").args(args).arg(path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(message), "says {message:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_scanned_pdf_without_the_ocr_engine_is_refused_saying_what_to_install() {
    // Issue 26: a scan is read by OCR when the engine is installed (tests/e2e/ocr.rs);
    // without it, one line says what to install, not "no task list found".
    let path = pdf("scan");
    let empty = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("parse")
        .arg(&path)
        .env("POLICYDIFF_OCR_MODELS", empty.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("a scanned PDF (no text layer)"), "{err}");
    assert!(err.contains("needs the OCR engine"), "{err}");
    assert!(!err.contains("no task list found"), "{err}");
}

#[test]
fn encrypted_and_truncated_pdfs_are_clear_errors() {
    assert_fails(&pdf("encrypted"), &[], "encrypted with a password");
    assert_fails(&pdf("truncated"), &[], "cut short");
    // Cut anywhere, or damaged in the middle: an error, never a panic.
    let whole = fs::read(pdf("jiujiang-city-2021")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, len) in [("head.pdf", 200), ("half.pdf", whole.len() / 2)] {
        let path = dir.path().join(name);
        fs::write(&path, &whole[..len]).unwrap();
        assert_fails(&path, &[], "not a readable PDF file");
    }
}

#[test]
fn pdf_is_detected_by_content_and_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("notice.txt");
    fs::copy(pdf("jiujiang-city-2021"), &renamed).unwrap();
    let got = parse_json(&renamed);
    assert_eq!(got["tasks"].as_array().unwrap().len(), 29);
    // A text file forced to be read as PDF is refused as one.
    assert_fails(
        &corpus("jiujiang-city-2021"),
        &["--input-format", "pdf"],
        "not a readable PDF file",
    );
}

/// The files of one run of `cmd`, as JSON.
fn run_json(args: &[String]) -> Value {
    let out = bin().args(args).args(["-f", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Each row's id and statuses, level by level.
fn chain_statuses(c: &Value) -> Vec<(String, Vec<String>)> {
    c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["status"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn chain_and_coverage_read_pdfs() {
    let stems = [
        "anhui-province-2022",
        "chizhou-city-2021",
        "lezhi-county-2021",
    ];
    let mut text = vec!["chain".to_string()];
    text.extend(stems.iter().map(|s| corpus(s).display().to_string()));
    let mut pdfs = vec!["chain".to_string()];
    pdfs.extend(stems.iter().map(|s| pdf(s).display().to_string()));
    assert_eq!(
        chain_statuses(&run_json(&pdfs)),
        chain_statuses(&run_json(&text))
    );

    // A directory of PDFs: every .pdf is read, none skipped.
    let dir = tempfile::tempdir().unwrap();
    for s in ["lezhi-county-2021", "jiujiang-city-2021"] {
        fs::copy(pdf(s), dir.path().join(format!("{s}.pdf"))).unwrap();
    }
    let c = run_json(&[
        "coverage".to_string(),
        pdf("chizhou-city-2021").display().to_string(),
        dir.path().display().to_string(),
    ]);
    assert_eq!(c["localities"].as_array().unwrap().len(), 2, "{c}");
    let skipped = c.get("skipped").or_else(|| c.get("failures"));
    assert!(
        skipped.is_none_or(|s| s.as_array().is_none_or(|a| a.is_empty())),
        "{skipped:?}"
    );
}

/// A PDF of `pages` pages that all show `content` (one shared stream), Helvetica as F1.
fn synthetic_pdf(pages: usize, content: Vec<u8>, compress: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut stream = Stream::new(dictionary! {}, content);
    if compress {
        stream.compress().unwrap();
    }
    let content_id = doc.add_object(stream);
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
            "Resources" => resources_id,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdf_of_thousands_of_pages_is_refused_or_read_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    // In mid-page: not a running head.
    let text = b"BT /F1 12 Tf 72 400 Td (Page) Tj ET".to_vec();
    // Past the page limit: refused before any page is interpreted.
    let path = dir.path().join("many.pdf");
    fs::write(&path, synthetic_pdf(5000, text.clone(), false)).unwrap();
    assert!(
        fs::metadata(&path).unwrap().len() < 1_000_000,
        "small in bytes"
    );
    assert_fails(&path, &[], "5000 pages; the limit is 2000");
    // Within it: every page is read (and holds no task list).
    let path = dir.path().join("within.pdf");
    fs::write(&path, synthetic_pdf(1500, text, false)).unwrap();
    assert_fails(&path, &[], "no task list found");
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 64 MiB of spaces deflate to about 64 KiB; under a 1 MB input limit the content
    // may inflate to 8 MB at most.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.pdf");
    let mut content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n".to_vec();
    content.resize(64 << 20, b' ');
    let bytes = synthetic_pdf(1, content, true);
    assert!(bytes.len() < 1_000_000);
    fs::write(&path, bytes).unwrap();
    assert_fails(
        &path,
        &["--max-input-size", "1000000"],
        "inflates past 8000000 bytes",
    );
}
