//! Issue 17, the output side: `-o` never damages what the run reads or a device, keeps
//! the mode of a report it replaces and honours the umask, leaves no temporary file when
//! killed; out-of-range options and contradictory overrides are refused (exit 2).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use crate::util::{bin, corpus, data};

fn pair() -> [PathBuf; 2] {
    [corpus("chizhou-city-2021"), corpus("lezhi-county-2021")]
}

/// Runs the binary; (exit code, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".policydiff-"))
        .collect()
}

#[test]
fn report_over_the_overrides_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ov = dir.path().join("ov.toml");
    let text = "[[reject]]\nupper = \"1\"\nlower = \"1\"\n";
    fs::write(&ov, text).unwrap();
    let [u, l] = pair();
    let (code, err) = run(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("--overrides"),
        ov.as_os_str(),
        os("-f"),
        os("json"),
        os("-o"),
        ov.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("refusing to overwrite an input file"), "{err}");
    assert_eq!(fs::read_to_string(&ov).unwrap(), text);
}

#[test]
fn report_over_the_manifest_or_a_file_of_a_coverage_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for stem in crate::util::CORPUS {
        fs::copy(corpus(stem), dir.path().join(format!("{stem}.txt"))).unwrap();
    }
    let manifest = fs::read_to_string(crate::util::root().join("corpus/corpus.toml")).unwrap();
    fs::write(dir.path().join("corpus.toml"), &manifest).unwrap();
    fs::write(dir.path().join("notes.pdf"), b"%PDF-1.4 x").unwrap();
    let upper = dir.path().join("anhui-province-2022.txt");
    // The manifest (by another name, through a symbolic link), a skipped file.
    let link = dir.path().join("report.json");
    std::os::unix::fs::symlink(dir.path().join("corpus.toml"), &link).unwrap();
    for target in [link.clone(), dir.path().join("notes.pdf")] {
        let (code, err) = run(&[
            os("coverage"),
            upper.as_os_str(),
            dir.path().as_os_str(),
            os("-f"),
            os("json"),
            os("-o"),
            target.as_os_str(),
        ]);
        assert_eq!(code, 2, "{}: {err}", target.display());
        assert!(err.contains("refusing to overwrite an input file"), "{err}");
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("corpus.toml")).unwrap(),
        manifest
    );
    assert!(link.is_symlink());
    // With --corpus, the manifest is read too.
    let m = dir.path().join("corpus.toml");
    let (code, err) = run(&[
        os("coverage"),
        os("--corpus"),
        dir.path().as_os_str(),
        os("--upper"),
        os("anhui-province-2022"),
        os("--all-below"),
        os("-f"),
        os("json"),
        os("-o"),
        m.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("corpus.toml"), "{err}");
    assert_eq!(fs::read_to_string(&m).unwrap(), manifest);
}

#[test]
fn report_over_a_pipe_or_a_device_is_refused() {
    let [u, l] = pair();
    // /proc/self/fd/1 is the pipe the test reads.
    let (code, err) = run(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-f"),
        os("json"),
        os("-o"),
        os("/proc/self/fd/1"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file (a pipe)"), "{err}");
    // A named pipe (a device node is refused the same way; not tried here, where a
    // failure would replace a real one).
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        StdCommand::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, err) = run(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-f"),
        os("json"),
        os("-o"),
        fifo.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file (a pipe)"), "{err}");
    assert!(!fs::metadata(&fifo).unwrap().file_type().is_file());
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_replaced_report_keeps_its_mode_and_a_new_one_honours_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let [u, l] = pair();
    let old = dir.path().join("old.json");
    fs::write(&old, "{}").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o600)).unwrap();
    let fresh = dir.path().join("new.json");
    for (target, umask) in [(&old, "022"), (&fresh, "077")] {
        let status = StdCommand::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask}; exec \"$0\" compare \"$1\" \"$2\" -f json -o \"$3\" 2>/dev/null"
            ))
            .arg(assert_cmd::cargo::cargo_bin!("policydiff"))
            .args([&u, &l, target])
            .status()
            .unwrap();
        assert!(status.success());
    }
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&old), 0o600, "kept");
    assert_eq!(mode(&fresh), 0o600, "0666 less umask 077");
    assert!(fs::read_to_string(&old).unwrap().len() > 100);
    let other = dir.path().join("other.json");
    let status = StdCommand::new("sh")
        .arg("-c")
        .arg("umask 027; exec \"$0\" compare \"$1\" \"$2\" -f json -o \"$3\" 2>/dev/null")
        .arg(assert_cmd::cargo::cargo_bin!("policydiff"))
        .args([&u, &l, &other])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&other), 0o640, "0666 less umask 027");
}

#[test]
fn a_killed_run_leaves_no_temporary_file() {
    let [u, l] = pair();
    for (signal, code) in [("-TERM", 143), ("-INT", 130)] {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.html");
        // The test hook holds the finished temporary file for 20 s before the rename.
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin!("policydiff"))
            .env("POLICYDIFF_TEST_HOLD_MS", "20000")
            .args([os("compare"), u.as_os_str(), l.as_os_str(), os("-o")])
            .arg(&target)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while leftovers(dir.path()).is_empty() {
            assert!(start.elapsed() < Duration::from_secs(30), "no temp file");
            std::thread::sleep(Duration::from_millis(20));
        }
        let status = StdCommand::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let st = child.wait().unwrap();
        assert_eq!(st.code(), Some(code), "{signal}");
        assert!(leftovers(dir.path()).is_empty(), "{signal}: temp file left");
        assert!(!target.exists(), "{signal}: no half-written report");
    }
}

#[test]
fn out_of_range_options_are_refused() {
    let [u, l] = pair();
    let (u, l) = (u.as_os_str(), l.as_os_str());
    let gold = data("gold/chizhou-city-2021__lezhi-county-2021.tsv");
    let cases: [(Vec<&std::ffi::OsStr>, &str); 7] = [
        (
            vec![os("compare"), u, l, os("--link-threshold=-5")],
            "must be a number from 0 to 1, not -5",
        ),
        (
            vec![os("compare"), u, l, os("--carried-threshold"), os("1.5")],
            "must be a number from 0 to 1",
        ),
        (
            vec![os("compare"), u, l, os("--extra-link-threshold"), os("NaN")],
            "must be a number from 0 to 1, not NaN",
        ),
        (
            vec![os("compare"), u, l, os("--fail-under"), os("NaN")],
            "must be a number from 0 to 100, not NaN",
        ),
        (
            vec![os("compare"), u, l, os("--fail-under"), os("101")],
            "must be a number from 0 to 100",
        ),
        (
            vec![
                os("eval"),
                os("--gold"),
                gold.as_os_str(),
                u,
                l,
                os("--min-f1"),
                os("NaN"),
            ],
            "must be a number from 0 to 1, not NaN",
        ),
        (
            vec![os("coverage"), u, l, os("--jobs"), os("20000")],
            "from 1 to 256, not 20000",
        ),
    ];
    for (args, want) in cases {
        let (code, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

fn compare_with_overrides(text: &str, name: &str) -> (i32, String, PathBuf) {
    let dir = tempfile::tempdir().unwrap().keep();
    let ov = dir.join(name);
    fs::write(&ov, text).unwrap();
    let [u, l] = pair();
    let (code, err) = run(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("--overrides"),
        ov.as_os_str(),
        os("-f"),
        os("json"),
    ]);
    (code, err, ov)
}

#[test]
fn overrides_errors_name_the_line_the_id_and_the_file() {
    // A TOML syntax error: line and column.
    let (code, err, ov) =
        compare_with_overrides("[[confirm]]\nupper = \"1\"\nlower = 2\n", "bad.toml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&ov.display().to_string()), "{err}");
    assert!(err.contains("line 3, column 9"), "{err}");
    // The same pair confirmed and rejected.
    let (code, err, ov) = compare_with_overrides(
        "[[confirm]]\nupper = \"1\"\nlower = \"1\"\n[[reject]]\nupper = \"1\"\nlower = \"1\"\n",
        "both.toml",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&ov.display().to_string()), "{err}");
    assert!(
        err.contains("upper 1 / lower 1 is both confirmed and rejected"),
        "{err}"
    );
    // Confirmed twice with different labels (TSV).
    let (code, err, _) = compare_with_overrides(
        "1\t1\tconfirm\tcarried\n1\t1\tconfirm\treworded\n",
        "twice.tsv",
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("confirmed twice with different labels"),
        "{err}"
    );
    // An id no task has.
    let (code, err, ov) =
        compare_with_overrides("[[reject]]\nupper = \"1\"\nlower = \"999\"\n", "ghost.toml");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&ov.display().to_string()), "{err}");
    assert!(
        err.contains("lower id \"999\" names no task of the lower notice"),
        "{err}"
    );
}

/// A small task table whose texts start like formulas, carry bidirectional controls and
/// run past Excel's cell limit.
fn hostile_table(dir: &Path, name: &str) -> PathBuf {
    let long = format!("做好政务公开{}", "规范".repeat(20_000));
    let text = format!(
        "某市2021年政务公开重点工作任务分工\n\n序号\t工作任务\t责任单位\t完成时限\n\
         1\t=HYPERLINK(\"http://x.example/\",\"点击\")做好规划信息公开工作，及时发布解读材料\t市发展改革委\t年底前\n\
         2\t@SUM(1+1)做好财政预算信息公开，公开部门预算和决算\t市财政局\t年底前\n\
         3\t+1 做好重大建设项目信息公开，公开批准和实施情况\t市发展改革委\t6月底前\n\
         4\t做好\u{202E}公开解读回应\u{202C}工作，\u{2066}加强\u{2069}政策解读\u{200F}材料发布\t市政务公开办\t年底前\n\
         5\t{long}\t市政务公开办\t年底前\n"
    );
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

const BIDI: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

#[test]
fn every_csv_defuses_formulas_and_no_report_carries_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let upper = hostile_table(dir.path(), "upper.txt");
    let lower = hostile_table(dir.path(), "lower.txt");
    let out = |args: &[&std::ffi::OsStr]| -> (Vec<u8>, String) {
        let o = bin().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        (o.stdout, err)
    };
    let (u, l) = (upper.as_os_str(), lower.as_os_str());
    for cmd in ["compare", "chain", "coverage"] {
        for format in ["csv", "md", "html", "json", "table"] {
            let (bytes, err) = out(&[os(cmd), u, l, os("-f"), os(format)]);
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                !text.contains(BIDI),
                "{cmd} {format}: a bidirectional control reached the report"
            );
            // Worded in the report's language, Chinese by default (issue 24).
            assert!(err.contains("双向控制符"), "{cmd}: {err}");
            if format == "csv" {
                for line in text.lines() {
                    for field in line.split(',') {
                        let f = field.trim_start_matches('"');
                        assert!(
                            !f.starts_with(['=', '+', '-', '@', '\t', '\r']),
                            "{cmd} csv: formula start in {field:?}"
                        );
                    }
                }
                assert!(text.contains("'=HYPERLINK"), "{cmd} csv");
                assert!(text.contains("'@SUM"), "{cmd} csv");
            }
        }
        // The workbook: written despite a 40,000-character task, text cells as strings.
        let book = dir.path().join(format!("{cmd}.xlsx"));
        let (_, err) = out(&[os(cmd), u, l, os("-o"), book.as_os_str()]);
        assert!(!err.contains("exceeds"), "{err}");
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
        use calamine::Reader;
        let mut found_long = false;
        let mut found_formula_text = false;
        for name in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{cmd} {name}: a formula cell"
            );
            let range = wb.worksheet_range(&name).unwrap();
            for (_, _, v) in range.used_cells() {
                if let calamine::Data::String(s) = v {
                    assert!(!s.contains(BIDI), "{cmd} {name}: bidi in a cell");
                    if s.ends_with("…[truncated, 40006 chars]") {
                        found_long = true;
                        assert!(s.encode_utf16().count() <= 32_767);
                    }
                    if s.starts_with("=HYPERLINK") {
                        found_formula_text = true;
                    }
                }
            }
        }
        assert!(found_long, "{cmd}: the long task is cut with a marker");
        assert!(
            found_formula_text,
            "{cmd}: the formula-like text is a string"
        );
    }
}

#[test]
fn coverage_never_reads_back_its_own_reports() {
    let dir = tempfile::tempdir().unwrap();
    for stem in ["chizhou-city-2021", "lezhi-county-2021"] {
        fs::copy(corpus(stem), dir.path().join(format!("{stem}.txt"))).unwrap();
    }
    let upper = corpus("anhui-province-2022");
    for name in ["report.html", "report.xlsx"] {
        let target = dir.path().join(name);
        for round in 0..2 {
            let (code, err) = run(&[
                os("coverage"),
                upper.as_os_str(),
                dir.path().as_os_str(),
                os("-o"),
                target.as_os_str(),
                os("--lang"),
                os("en"),
            ]);
            assert_eq!(code, 0, "{name} round {round}: {err}");
            if round == 1 {
                assert!(
                    err.contains(&format!(
                        "{name}: an {} report written by policydiff, not a notice; ignored",
                        if name.ends_with("html") {
                            "HTML"
                        } else {
                            "Excel"
                        }
                    )),
                    "{err}"
                );
            }
        }
        let out = bin()
            .args([os("coverage"), upper.as_os_str(), dir.path().as_os_str()])
            .args(["-f", "json"])
            .output()
            .unwrap();
        let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let sources: Vec<&str> = c["localities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["source"].as_str().unwrap())
            .collect();
        assert_eq!(sources.len(), 2, "{name}: {sources:?}");
        assert!(sources.iter().all(|s| s.ends_with(".txt")), "{sources:?}");
        let failures = c["failures"].to_string();
        assert!(failures.contains(name), "listed as ignored: {failures}");
    }
}

#[test]
fn a_report_through_a_link_replaces_the_file_it_names_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    fs::write(&real, "{}").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let [u, l] = pair();
    let (code, err) = run(&[
        os("compare"),
        u.as_os_str(),
        l.as_os_str(),
        os("-o"),
        link.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains("\"links\""));
    assert!(leftovers(dir.path()).is_empty());
}
