//! Issue 28, hostile inputs for the workbook and PDF readers, LibreOffice and races: no
//! file crashes the process or sinks a `coverage` run, tiny files stay small in memory,
//! invisible text is left out and damage is reported as damage. The fixtures are written
//! by `cargo run --example hostile -- --fixtures tests/data/hostile`
//! (`policydiff::harness::readers`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use policydiff::harness::{self, readers};
use policydiff::ingest::InputFormat;

use crate::util::{capped, corpus, data, parse_capped};

/// (fixture, exit code, what stderr says). Every refusal names the file.
const CASES: &[(&str, i32, &str)] = &[
    (
        "xls-empty-codepage.xls",
        2,
        "not a readable spreadsheet workbook file: ",
    ),
    (
        "xls-short-boundsheet.xls",
        2,
        "not a readable spreadsheet workbook file: the reader failed on damaged data (",
    ),
    (
        "xls-sst-empty-continue.xls",
        2,
        "not a readable spreadsheet workbook file: ",
    ),
    (
        "xls-sst-truncated-rich.xls",
        2,
        "not a readable spreadsheet workbook file: ",
    ),
    ("xls-no-minifat.xls", 2, ": "),
    // Found by the `workbook` fuzz target (10-minute run of issue 28): a sector chain
    // calamine's own compound-file reader follows into a 128 GiB grid.
    (
        "xls-fuzz-sector-chain.xls",
        2,
        "its workbook stream is damaged (its sectors cannot be followed)",
    ),
    (
        "xls-dimensions-4g.xls",
        2,
        "a sheet's DIMENSIONS record spans 12884901885 cells; the limit is 4000000",
    ),
    (
        "xls-cell-65535-65535.xls",
        2,
        "a sheet's cells span 4294967296 cells; the limit is 4000000",
    ),
    (
        "xls-cell-65535-1023.xls",
        2,
        "a sheet's cells span 67108864 cells; the limit is 4000000",
    ),
    (
        "xlsx-unique-count-1e12.xlsx",
        2,
        "xl/sharedStrings.xml declares 1000000000000 shared strings (uniqueCount); the limit is 2000000",
    ),
    (
        "xlsx-unique-count-2e64.xlsx",
        2,
        "xl/sharedStrings.xml declares 18446744073709551615 shared strings (uniqueCount)",
    ),
    (
        "xlsx-long-string.xlsx",
        2,
        "xl/sharedStrings.xml holds a text or tag of more than 1024 KiB; refusing to read it",
    ),
    (
        "ods-repeated.ods",
        2,
        "a sheet's repeated rows and columns (number-rows-repeated × columns) lay out 16000016 cells; the limit is 4000000",
    ),
    ("pdf-page-count.pdf", 0, ""),
    (
        "pdf-cmap-bomb.pdf",
        2,
        "not a readable PDF file: its characters stand for more than 32 MiB of text",
    ),
    ("pdf-long-glyph.pdf", 0, ""),
    ("pdf-inline-font.pdf", 0, ""),
    (
        "pdf-failing-form.pdf",
        0,
        "damaged PDF, page 1: a form on it cannot be decoded (",
    ),
    (
        "pdf-chained-filters.pdf",
        2,
        "not a readable PDF file: it is damaged: page 1: its content cannot be decoded (couldn't decompress stream)",
    ),
    (
        "pdf-bad-token.pdf",
        0,
        "damaged PDF, page 1: its content cannot be read at byte 120; the line there was skipped",
    ),
    (
        "pdf-bad-first-token.pdf",
        0,
        "damaged PDF, page 1: its content cannot be read at byte 0; the line there was skipped",
    ),
    (
        "pdf-invisible.pdf",
        0,
        "33 characters drawn invisibly (render mode 3, clipped away, or white on white) were left out",
    ),
    ("pdf-marked-deep.pdf", 0, ""),
    // One array of 4.1 million numbers in an object stream (8 KB): some 500 MB in lopdf.
    (
        "pdf-large-array.pdf",
        2,
        "not a readable PDF file: it holds more than 4000000 objects (numbers, names, strings); refusing to load it",
    ),
    // An array of 5,000 numbers listed under 1,000 object numbers: built once per number.
    (
        "pdf-objstm-repeat.pdf",
        2,
        "not a readable PDF file: it holds more than 4000000 objects (numbers, names, strings); refusing to load it",
    ),
    // A ToUnicode CMap of a million codespace ranges, 200,000 codes shown: 64 ranges
    // kept, so a code is looked up in at most 64.
    (
        "pdf-codespace-ranges.pdf",
        0,
        "200000 characters drawn invisibly (render mode 3, clipped away, or white on white) were left out",
    ),
    // A 30,000-character ActualText named in each of 2,000 spans: decoded per span, and
    // charged per span.
    (
        "pdf-actualtext-spans.pdf",
        2,
        "not a readable PDF file: its characters stand for more than 32 MiB of text",
    ),
    // 12 pages of 5,000 stacked and 5,000 side-by-side rules: 12.5 million pairs a page
    // along either axis; the first page fits the document's budget, the others do not.
    (
        "pdf-overlapping-rules.pdf",
        0,
        "11 pages draw more ruling lines than can be compared (20000000 pairs for the document); they were read without tables",
    ),
    // 100 fonts sharing one CMap of a million codes mapped to nothing: each font kept
    // its own copy (some 4 GB); the document's fonts may hold 4 million entries.
    (
        "pdf-shared-cmap-fonts.pdf",
        2,
        "not a readable PDF file: its fonts' character maps and widths hold more than 4000000 entries",
    ),
    // An array of 20,000 numbers whose offset 250 more cross-reference entries list:
    // lopdf would build it 251 times.
    (
        "pdf-xref-one-offset.pdf",
        2,
        "not a readable PDF file: it holds more than 4000000 objects (numbers, names, strings); refusing to load it",
    ),
];

#[test]
fn issue28_reader_fixtures_end_with_an_exit_code_within_the_caps() {
    for (name, code, says) in CASES {
        let file = data(&format!("hostile/{name}"));
        let (got, _, err) = parse_capped(&file);
        assert_eq!(got, *code, "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        if *code == 2 {
            assert!(
                err.starts_with(&format!("policydiff: error: {}: ", file.display())),
                "{name}: names the file: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        }
        assert!(err.contains(says), "{name}: {err}");
    }
}

#[test]
fn issue28_readable_hostile_pdfs_keep_the_tasks_and_only_the_visible_ones() {
    for name in [
        "pdf-page-count.pdf",
        "pdf-failing-form.pdf",
        "pdf-inline-font.pdf",
        "pdf-invisible.pdf",
        "pdf-marked-deep.pdf",
        "pdf-bad-token.pdf",
        "pdf-bad-first-token.pdf",
        "pdf-codespace-ranges.pdf",
        "pdf-overlapping-rules.pdf",
    ] {
        let (code, out, err) = parse_capped(&data(&format!("hostile/{name}")));
        assert_eq!(code, 0, "{name}: {err}");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let texts: Vec<&str> = v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].as_str().unwrap())
            .collect();
        assert_eq!(
            texts,
            [
                "做好政府信息公开工作，提升政务公开质量。",
                "加强政策解读，及时回应社会关切。"
            ],
            "{name}: {err}"
        );
    }
    // One glyph standing for 30,000 characters, shown 20,000 times: each showing stands
    // for at most 32 UTF-16 units (600 million characters before).
    let (code, out, err) = parse_capped(&data("hostile/pdf-long-glyph.pdf"));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let chars: usize = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap().chars().count())
        .sum();
    assert!((20_000..=20_000 * 32 + 100).contains(&chars), "{chars}");
}

#[test]
fn issue28_reader_fixtures_replay_through_the_fuzz_harnesses() {
    for (name, _, _) in CASES {
        let bytes = fs::read(data(&format!("hostile/{name}"))).unwrap();
        harness::parse_bytes(&bytes);
        harness::parse_as(&bytes, InputFormat::Xlsx);
        harness::parse_as(&bytes, InputFormat::Pdf);
    }
}

#[test]
fn issue28_coverage_survives_files_that_crashed_the_readers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("lowers");
    fs::create_dir(&d).unwrap();
    fs::copy(corpus("lezhi-county-2021"), d.join("lower.txt")).unwrap();
    let bad = [
        "xls-empty-codepage.xls",
        "xls-short-boundsheet.xls",
        "xls-cell-65535-1023.xls",
        "xlsx-unique-count-1e12.xlsx",
        "ods-repeated.ods",
        "pdf-chained-filters.pdf",
    ];
    for name in bad {
        fs::copy(data(&format!("hostile/{name}")), d.join(name)).unwrap();
    }
    let upper = corpus("chizhou-city-2021");
    let json = dir.path().join("out.json");
    let (code, _, err) = capped(
        &[
            "coverage".as_ref(),
            "--jobs".as_ref(),
            "2".as_ref(),
            upper.as_os_str(),
            d.as_os_str(),
            "-o".as_ref(),
            json.as_os_str(),
            "--lang".as_ref(),
            "en".as_ref(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["localities"].as_array().unwrap().len(), 1);
    let failures = v["failures"].as_array().unwrap();
    assert_eq!(failures.len(), bad.len(), "{failures:?}");
    for name in bad {
        let path = d.join(name).display().to_string();
        assert!(
            failures
                .iter()
                .any(|f| f["source"] == path.as_str() && f["code"].is_string()),
            "{name} not listed: {failures:?}"
        );
        assert!(
            err.contains(&format!("policydiff: warning: {path}: ")),
            "{err}"
        );
    }
    // --strict refuses instead.
    let (code, _, err) = capped(
        &[
            "coverage".as_ref(),
            "--strict".as_ref(),
            upper.as_os_str(),
            d.as_os_str(),
        ],
        &[],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        bad.iter().any(
            |name| err.starts_with(&format!("policydiff: error: {}: ", d.join(name).display()))
        ),
        "{err}"
    );
}

/// A stand-in for LibreOffice: a shell script named `soffice` of this body, in
/// `DIR/bin`, which is returned (to put first on `PATH`).
fn soffice_script(dir: &Path, body: &str) -> PathBuf {
    let bin = dir.join("bin");
    fs::create_dir(&bin).unwrap();
    let script = bin.join("soffice");
    fs::write(&script, format!("#!/bin/sh\n{body}")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// A stand-in for LibreOffice that never finishes and leaves a grandchild: it starts
/// `sleep` in the background (writing its pid) and waits.
fn fake_soffice(dir: &Path, pid_file: &Path) -> PathBuf {
    soffice_script(
        dir,
        &format!(
            "sleep 300 &\necho $! > '{}'\nprintf 'conversion log \\033[31mred\\033[0m\\n' >&2\nwait\n",
            pid_file.display()
        ),
    )
}

/// `parse` of the corpus .doc with `bin_dir` first on `PATH` and temporary files in
/// `tmp`, under the caps.
/// `parse` of a .doc with a stand-in `soffice` running `script`: the exit code and stderr,
/// after checking that no temporary file is left.
fn parse_doc_with_script(script: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let bin_dir = soffice_script(dir.path(), script);
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let (code, _, err) = parse_doc_with(&bin_dir, &tmp);
    assert_eq!(
        fs::read_dir(&tmp).unwrap().count(),
        0,
        "temporary files left: {err}"
    );
    (code, err)
}

fn parse_doc_with(bin_dir: &Path, tmp: &Path) -> (i32, Vec<u8>, String) {
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let doc = data("docs/lezhi-county-2021.doc");
    capped(
        &["parse".as_ref(), doc.as_os_str()],
        &[
            ("PATH", path.as_ref()),
            ("TMPDIR", tmp.as_os_str()),
            ("POLICYDIFF_CONVERT_TIMEOUT", "5".as_ref()),
        ],
    )
}

#[test]
fn issue28_a_libreoffice_log_of_4_gib_is_read_only_at_its_head() {
    // The converter writes a line, then makes its log (standard error) a sparse 4 GiB
    // file of NULs, and fails: read whole, the log passes the 1 GiB cap.
    let (code, err) = parse_doc_with_script(
        "printf 'Error: \\033[31msource\\033[0m file could not be loaded\\n' >&2\ntruncate -s 4G /dev/stderr\nexit 1\n",
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("LibreOffice could not convert it to .docx (exit status: 1): Error: \\x1b[31msource\\x1b[0m file could not be loaded"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "the log's escapes reach the terminal: {err:?}"
    );
    assert!(!err.contains("\\x00") && !err.contains('\0'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
}

#[test]
fn issue28_a_converted_docx_of_4_gib_is_refused_at_the_size_limit() {
    // The converter "succeeds" with a sparse 4 GiB .docx.
    let (code, err) = parse_doc_with_script(
        "while [ $# -gt 0 ]; do [ \"$1\" = --outdir ] && out=$2; shift; done\nmkdir -p \"$out\" && truncate -s 4G \"$out/input.docx\"\n",
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("cannot read the converted .docx: larger than 67108864 bytes"),
        "{err}"
    );
}

#[test]
fn issue28_coverage_jobs_4_over_heavy_pdfs_keeps_within_the_memory_budget() {
    // Under a 1 GiB address-space cap, which holds one notice of the worst cost (16 ×
    // 64 MiB), `--jobs 4` reads one at a time and says so; every heavy PDF is read or
    // listed as skipped, and the report is written.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("lowers");
    fs::create_dir(&d).unwrap();
    fs::copy(corpus("lezhi-county-2021"), d.join("lower.txt")).unwrap();
    let read = [
        "pdf-long-glyph.pdf",
        "pdf-inline-font.pdf",
        "pdf-marked-deep.pdf",
        "pdf-codespace-ranges.pdf",
        "pdf-overlapping-rules.pdf",
    ];
    let refused = [
        "pdf-cmap-bomb.pdf",
        "pdf-actualtext-spans.pdf",
        "pdf-objstm-repeat.pdf",
        "pdf-xref-one-offset.pdf",
    ];
    for name in read.iter().chain(&refused) {
        fs::copy(data(&format!("hostile/{name}")), d.join(name)).unwrap();
    }
    let upper = corpus("chizhou-city-2021");
    let json = dir.path().join("out.json");
    let (code, _, err) = capped(
        &[
            "coverage".as_ref(),
            "--jobs".as_ref(),
            "4".as_ref(),
            upper.as_os_str(),
            d.as_os_str(),
            "-o".as_ref(),
            json.as_os_str(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("policydiff: note: --jobs 4 lowered to 1: ")),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        v["localities"].as_array().unwrap().len(),
        1 + read.len(),
        "{err}"
    );
    let failures = v["failures"].as_array().unwrap();
    let failed: Vec<&str> = failures
        .iter()
        .map(|f| f["source"].as_str().unwrap())
        .collect();
    let want: Vec<String> = refused
        .iter()
        .map(|n| d.join(n).display().to_string())
        .collect();
    assert_eq!(failed.len(), refused.len(), "{failed:?}");
    for w in &want {
        assert!(failed.contains(&w.as_str()), "{w} not listed: {failed:?}");
    }
}

fn alive(pid: &str) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && !fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

#[test]
fn issue28_a_libreoffice_that_hangs_is_killed_with_its_children() {
    if !Path::new("/proc/self").exists() {
        eprintln!("skipped: no /proc to look for processes left behind");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("grandchild.pid");
    let bin_dir = fake_soffice(dir.path(), &pid_file);
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let doc = data("docs/lezhi-county-2021.doc");
    let (code, _, err) = capped(
        &["parse".as_ref(), doc.as_os_str()],
        &[
            ("PATH", path.as_ref()),
            ("TMPDIR", tmp.as_os_str()),
            ("POLICYDIFF_CONVERT_TIMEOUT", "1".as_ref()),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "cannot convert this old Word document: LibreOffice did not finish within 1 s"
        ),
        "{err}"
    );
    let pid = fs::read_to_string(&pid_file).unwrap();
    let pid = pid.trim();
    // The grandchild went with the group (give the kernel a moment to reap it).
    let mut gone = false;
    for _ in 0..50 {
        if !alive(pid) {
            gone = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if !gone {
        let _ = StdCommand::new("kill").args(["-9", pid]).status();
    }
    assert!(
        gone,
        "the grandchild {pid} of the converter was left running"
    );
    // No temporary directory is left behind.
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
}

#[test]
fn issue28_messages_escape_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("a\u{1b}[31mred\nforged.txt");
    fs::write(&name, "").unwrap();
    let (code, _, err) = capped(&["parse".as_ref(), name.as_os_str()], &[]);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.contains("a\\x1b[31mred\\nforged.txt: file is empty"),
        "{err:?}"
    );
}

#[test]
fn issue28_an_overrides_file_may_start_with_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("o.tsv");
    fs::write(&o, "\u{feff}# reviewed by hand\n1\t1\tconfirm\n").unwrap();
    let (upper, lower) = (corpus("chizhou-city-2021"), corpus("lezhi-county-2021"));
    let (code, _, err) = capped(
        &[
            "compare".as_ref(),
            upper.as_os_str(),
            lower.as_os_str(),
            "-f".as_ref(),
            "json".as_ref(),
            "--overrides".as_ref(),
            o.as_os_str(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn issue28_a_workbook_within_the_limits_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("ok.xlsx", readers::xlsx()),
        ("ok.ods", readers::ods_table()),
        (
            "ok.xls",
            readers::xls(&readers::biff(&[], None, &readers::xls_table())),
        ),
    ] {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        let (code, out, err) = parse_capped(&p);
        assert_eq!(code, 0, "{name}: {err}");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert!(!v["tasks"].as_array().unwrap().is_empty(), "{name}: {v}");
    }
}

#[test]
fn issue28_an_overrides_file_of_100000_lines_is_checked_within_the_caps() {
    // 100,000 confirmations of different pairs, then a rejection of the first: found
    // only by checking every line against every other (24 s at 100,000 lines when a
    // scan per line did it).
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("o.tsv");
    let mut text: String = (0..100_000)
        .map(|i| format!("{}\t{}\tconfirm\n", i % 300 + 1, i / 300 + 1))
        .collect();
    text.push_str("1\t1\treject\n");
    fs::write(&o, text).unwrap();
    let (upper, lower) = (corpus("chizhou-city-2021"), corpus("lezhi-county-2021"));
    let (code, _, err) = capped(
        &[
            "compare".as_ref(),
            upper.as_os_str(),
            lower.as_os_str(),
            "--overrides".as_ref(),
            o.as_os_str(),
        ],
        &[],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("upper 1 / lower 1 is both confirmed and rejected"),
        "{err}"
    );
}
