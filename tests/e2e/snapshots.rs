//! Snapshots of every report format of every command over three small notices
//! (`tests/data/snapshot/`: a province, a city and a county plan of five, four and three
//! tasks), committed under `tests/data/snapshot/expected/` and compared byte for byte. A
//! workbook is compared by its cells (sheet by sheet, tab-separated), a Word document by
//! its `word/document.xml` (a line per paragraph and table row).
//!
//! After a deliberate change to a report, rewrite them and review the diff:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test --test e2e snapshots
//! ```

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::util::{bin, root};

const DIR: &str = "tests/data/snapshot";

/// The commands and their inputs (relative to the repository root, as they appear in
/// the reports).
const COMMANDS: [(&str, &[&str]); 3] = [
    ("compare", &["province.txt", "city.txt"]),
    ("chain", &["province.txt", "city.txt", "county.txt"]),
    ("coverage", &["province.txt", "city.txt", "county.txt"]),
];

/// Every format, by the extension of the snapshot file.
const FORMATS: [&str; 7] = ["table", "json", "md", "html", "csv", "xlsx", "docx"];

fn render(cmd: &str, files: &[&str], format: &str, lang: &str, dir: &Path) -> Vec<u8> {
    let mut c = bin();
    c.current_dir(root()).arg(cmd);
    for f in files {
        c.arg(format!("{DIR}/{f}"));
    }
    c.args(["--lang", lang]);
    let binary = matches!(format, "xlsx" | "docx");
    let out = dir.join(format!("{cmd}.{lang}.{format}"));
    if binary {
        c.arg("-o").arg(&out);
    } else {
        c.args(["-f", format]);
    }
    let o = c.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{cmd} {format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    match format {
        "xlsx" => cells(&out).into_bytes(),
        "docx" => document_xml(&out).into_bytes(),
        _ => o.stdout,
    }
}

/// A workbook's cells, sheet by sheet, a row a line, tab-separated.
fn cells(path: &Path) -> String {
    use calamine::{Reader, Xlsx, open_workbook};
    let wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&format!("## {name}\n"));
        for row in crate::util::sheet(path, &name) {
            out.push_str(&row.join("\t").replace('\n', "⏎"));
            out.push('\n');
        }
    }
    out
}

/// A Word document's body, a paragraph or table row a line.
fn document_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.replace("</w:p>", "</w:p>\n")
        .replace("</w:tr>", "</w:tr>\n")
}

fn expected(name: &str) -> PathBuf {
    root().join(DIR).join("expected").join(name)
}

#[test]
fn every_format_of_every_command_matches_its_snapshot() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let dir = tempfile::tempdir().unwrap();
    let mut stale = Vec::new();
    for (cmd, files) in COMMANDS {
        for format in FORMATS {
            for lang in ["zh", "en"] {
                let got = render(cmd, files, format, lang, dir.path());
                let name = format!(
                    "{cmd}.{lang}.{}",
                    match format {
                        "xlsx" => "xlsx.tsv",
                        "docx" => "docx.xml",
                        "table" => "txt",
                        f => f,
                    }
                );
                let path = expected(&name);
                if update {
                    fs::create_dir_all(path.parent().unwrap()).unwrap();
                    fs::write(&path, &got).unwrap();
                } else if fs::read(&path).ok().as_deref() != Some(got.as_slice()) {
                    stale.push(name);
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "differs from its snapshot: {} (after a deliberate change: UPDATE_SNAPSHOTS=1 cargo test --test e2e snapshots, then review the diff)",
        stale.join(", ")
    );
}
