//! Helpers shared by the end-to-end tests.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::Reader;
use serde_json::Value;

/// The `policydiff` binary built by cargo for this test run, in an English locale: help
/// and error messages in English unless a test asks for Chinese (`--lang zh`, or
/// [`bin_zh`]); reports keep their own default, Chinese.
pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("policydiff").expect("binary built");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8");
    cmd
}

/// The `policydiff` binary in the environment of a Chinese auditor's machine (no locale
/// set, as on Windows, or `C`): help and errors in Chinese.
pub fn bin_zh() -> Command {
    let mut cmd = Command::cargo_bin("policydiff").expect("binary built");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

/// Runs the binary under a 1 GiB address-space cap and 30 s of CPU (`ulimit -v`, `-t`),
/// in English as [`bin`] with `env` added: an input that needs more ends with a signal,
/// not an exit code, and the test fails saying so. Returns (exit code, stdout, stderr).
/// The one runner of the hostile-input tests (issues 26 and 28).
pub fn capped(
    args: &[&std::ffi::OsStr],
    env: &[(&str, &std::ffi::OsStr)],
) -> (i32, Vec<u8>, String) {
    let exe = bin().get_program().to_owned();
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -v 1048576 && ulimit -t 30 && exec \"$@\"")
        .arg("sh")
        .arg(exe)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run policydiff under ulimit");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let Some(code) = out.status.code() else {
        panic!("killed by a signal ({:?}): {err}", out.status);
    };
    (code, out.stdout, err)
}

/// `parse -f json FILE` under [`capped`]: (exit code, stdout, stderr).
pub fn parse_capped(path: &Path) -> (i32, Vec<u8>, String) {
    capped(
        &[
            "parse".as_ref(),
            "-f".as_ref(),
            "json".as_ref(),
            // The readers' warnings in English, as the errors are under `bin`'s locale.
            "--lang".as_ref(),
            "en".as_ref(),
            path.as_os_str(),
        ],
        &[],
    )
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
/// `compare -f json` of two files with `extra` flags before them; the run must succeed.
pub fn compare_json(upper: &Path, lower: &Path, extra: &[&str]) -> Value {
    let out = bin()
        .args(["compare", "-f", "json"])
        .args(extra)
        .arg(upper)
        .arg(lower)
        .output()
        .expect("run policydiff");
    assert!(
        out.status.success(),
        "compare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

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

/// The metadata a copy of a notice in another format must share with its text.
pub const META: [&str; 6] = ["doc_number", "date", "year", "level", "issuer", "region"];

/// The hand-checked fields of a corpus notice (tests/data/expected/STEM.toml).
pub fn expected(stem: &str) -> toml::Table {
    fs::read_to_string(data(&format!("expected/{stem}.toml")))
        .expect("fixture")
        .parse()
        .expect("valid TOML")
}

/// The tasks of `got` (a `parse -f json` of a copy of corpus notice `stem`, called
/// `what` in messages) field by field against the parse of the text original: the same
/// ids, and the same text, units, lead units, deadline and section in each; the `meta`
/// fields named; and the layout a structured document reports (`document-table`, or
/// `prose` for a prose notice).
pub fn assert_same_tasks_as_text(stem: &str, got: &Value, what: &str, meta: &[&str]) {
    let want = parse_json(&corpus(stem));
    let (w, g) = (
        want["tasks"].as_array().unwrap(),
        got["tasks"].as_array().unwrap(),
    );
    let ids = |ts: &[Value]| -> Vec<String> {
        ts.iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(g), ids(w), "{what}: task ids");
    for (a, b) in w.iter().zip(g) {
        let id = a["id"].as_str().unwrap();
        for field in ["text", "units", "lead_units", "deadline", "section"] {
            assert_eq!(b[field], a[field], "{what} task {id}: {field}");
        }
    }
    for key in meta {
        assert_eq!(got["meta"][key], want["meta"][key], "{what}: meta.{key}");
    }
    let layout = if want["layout"] == "prose" {
        "prose"
    } else {
        "document-table"
    };
    assert_eq!(got["layout"], layout, "{what}: layout");
}
