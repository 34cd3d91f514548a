//! Hostile and broken input: every bad file fails with exit 2 and a one-line message,
//! large inputs finish, outputs are written safely, a closed pipe exits quietly.

use std::fs;
use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use crate::util::{bin, corpus, data};

#[test]
fn every_bad_input_fails_with_its_expected_message() {
    let text = fs::read_to_string(data("bad/expected.toml")).unwrap();
    let cases: toml::Table = text.parse().unwrap();
    for case in cases["case"].as_array().unwrap() {
        let file = data(&format!("bad/{}", case["file"].as_str().unwrap()));
        let out = bin().arg("parse").arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let code = case["exit"].as_integer().unwrap() as i32;
        assert_eq!(out.status.code(), Some(code), "{}: {err}", file.display());
        let prefix = format!(
            "policydiff: error: {}: {}",
            file.display(),
            case["message"].as_str().unwrap()
        );
        assert!(
            err.starts_with(&prefix),
            "{}:\n  got  {err}  want {prefix}",
            file.display()
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
}

#[test]
fn every_bad_input_replays_through_the_fuzz_harnesses() {
    let seg = policydiff::segment::Segmenter::shared();
    let mut inputs: Vec<Vec<u8>> = fs::read_dir(data("bad"))
        .unwrap()
        .map(|e| fs::read(e.unwrap().path()).unwrap())
        .collect();
    inputs.push(fs::read(corpus("chizhou-city-2018")).unwrap());
    for bytes in &inputs {
        policydiff::harness::parse_bytes(bytes);
        policydiff::harness::compare_bytes(bytes, seg);
    }
    // Two real notices joined by the harness separator do compare.
    let mut both = fs::read(corpus("chizhou-city-2021")).unwrap();
    both.extend_from_slice(b"\0\0");
    both.extend(fs::read(corpus("lezhi-county-2021")).unwrap());
    assert!(policydiff::harness::compare_bytes(&both, seg) > 10);
}

/// A tab-table notice with `n` numbered rows.
fn table_notice(n: usize, text: &str) -> String {
    let mut s = String::from("工作任务\t具体要求\t责任单位\t时限要求\n");
    for i in 1..=n {
        s.push_str(&format!(
            "（一）加强\t{i} {text}第{i}项。\t市政府各部门负责落实\t年底前\n"
        ));
    }
    s
}

#[test]
fn large_notices_parse_and_the_size_limit_holds() {
    let dir = tempfile::tempdir().unwrap();
    // 20,000 tasks, about 2.6 MB.
    let path = dir.path().join("many.txt");
    fs::write(
        &path,
        table_notice(20_000, "做好政府信息公开工作，提升政务公开质量"),
    )
    .unwrap();
    let out = bin()
        .args(["parse", "-f", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tasks"].as_array().unwrap().len(), 20_000);
    // 100,000 tiny tasks.
    let tiny = dir.path().join("tiny.txt");
    fs::write(&tiny, table_notice(100_000, "公开")).unwrap();
    bin()
        .args(["parse", "-f", "json", "-o"])
        .arg(dir.path().join("tiny.json"))
        .arg(&tiny)
        .assert()
        .success();
    // A single 10 MB line: read, found to hold no task list.
    let line = dir.path().join("line.txt");
    fs::write(&line, "政务公开".repeat(10 * 1024 * 1024 / 12)).unwrap();
    bin().arg("parse").arg(&line).assert().code(2);
    // 20 MB notice: parses; above --max-input-size: a clear error.
    let big = dir.path().join("big.txt");
    fs::write(
        &big,
        table_notice(
            160_000,
            "围绕深入实施三次产业高质量协同发展计划，集中公开推动经济发展相关政策举措、工作进展",
        ),
    )
    .unwrap();
    assert!(fs::metadata(&big).unwrap().len() > 20_000_000);
    bin()
        .args(["parse", "-f", "json", "-o"])
        .arg(dir.path().join("big.json"))
        .arg(&big)
        .assert()
        .success();
    let out = bin()
        .args(["parse", "--max-input-size", "1000000"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("file is too large"));
}

#[test]
fn comparisons_too_large_to_score_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.txt");
    fs::write(&path, table_notice(2_100, "公开")).unwrap();
    let out = bin().arg("compare").arg(&path).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too many task pairs"));
    // One task of 1.2 million characters: parsed, but refused for comparison.
    let long = dir.path().join("long.txt");
    let text = format!(
        "一、重点任务\n（一）{}。（县政府办负责）\n（二）做好政务公开工作。（县政府办负责）\n",
        "推进政务公开".repeat(200_000)
    );
    fs::write(&long, text).unwrap();
    bin().arg("parse").arg(&long).assert().success();
    let out = bin()
        .arg("compare")
        .arg(&long)
        .arg(corpus("lezhi-county-2021"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("too much task text"), "{err}");
    assert!(err.contains("long.txt"), "{err}");
}

#[test]
fn outputs_are_written_safely() {
    let dir = tempfile::tempdir().unwrap();
    let upper = dir.path().join("upper.txt");
    fs::copy(corpus("anhui-province-2022"), &upper).unwrap();
    let before = fs::read(&upper).unwrap();
    // Refuses to overwrite an input.
    let out = bin()
        .args(["compare", "-f", "json", "-o"])
        .arg(&upper)
        .arg(&upper)
        .arg(corpus("chizhou-city-2021"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to overwrite an input file"));
    assert_eq!(fs::read(&upper).unwrap(), before);
    // A missing directory.
    let out = bin()
        .args(["compare", "-o"])
        .arg(dir.path().join("no/such/dir/r.json"))
        .arg(&upper)
        .arg(corpus("chizhou-city-2021"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("directory does not exist"));
    // A failed run leaves no file behind, and no temporary file.
    let target = dir.path().join("r.json");
    bin()
        .args(["compare", "-o"])
        .arg(&target)
        .arg(&upper)
        .arg(data("bad/empty.txt"))
        .assert()
        .code(2);
    assert!(!target.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_closed_stdout_exits_quietly() {
    let exe = assert_cmd::cargo::cargo_bin("policydiff");
    let mut child = StdCommand::new(exe)
        .args(["compare", "-f", "json"])
        // A pair in order (same year, county below city), so nothing is warned about.
        .arg(corpus("chizhou-city-2021"))
        .arg(corpus("lezhi-county-2021"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // like `| head -c 16`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn verbose_adds_the_cause_chain() {
    let missing = data("bad/does-not-exist.txt");
    let plain = bin().arg("parse").arg(&missing).output().unwrap();
    let verbose = bin()
        .args(["--verbose", "parse"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(2));
    assert_eq!(verbose.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&verbose.stderr).len()
            >= String::from_utf8_lossy(&plain.stderr).len()
    );
}
