//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::Reader;
use serde_json::Value;

/// The `policydiff` binary built by cargo for this test run.
pub fn bin() -> Command {
    Command::cargo_bin("policydiff").expect("binary built")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A notice of the bundled corpus, by file stem.
pub fn corpus(stem: &str) -> PathBuf {
    root().join("corpus").join(format!("{stem}.txt"))
}

/// A file under tests/data.
pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// The five notices of the corpus.
pub const CORPUS: [&str; 5] = [
    "anhui-province-2022",
    "chizhou-city-2018",
    "chizhou-city-2021",
    "jiujiang-city-2021",
    "lezhi-county-2021",
];

/// Runs `policydiff parse FILE --format json` and returns the JSON.
pub fn parse_json(path: &Path) -> Value {
    let out = bin()
        .args(["parse", "--format", "json"])
        .arg(path)
        .output()
        .expect("run policydiff");
    assert!(
        out.status.success(),
        "parse {} failed: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Gold keys of a gold file: (upper keys, lower keys), `-` left out.
pub fn gold_keys(path: &Path) -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(path).expect("gold file");
    let (mut up, mut low) = (Vec::new(), Vec::new());
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0].trim() != "-" {
            up.push(cols[0].trim().to_string());
        }
        if cols[1].trim() != "-" {
            low.push(cols[1].trim().to_string());
        }
    }
    (up, low)
}

/// Strings of a JSON array.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The rows of a workbook sheet as strings.
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx opens");
    let range = wb.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    calamine::Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}
