//! `policydiff parse` on fragments of real notices in layouts the corpus lacks
//! (tests/data/wild: each fragment with its hand count in EXPECTED.tsv), and on synthetic
//! notices for the numbering checksum and `--explain`.

use std::fs;

use serde_json::Value;

use crate::util::{bin, data, parse_json};

/// The hand count and first and last task prefixes of a fragment of `dir`, from its
/// EXPECTED.tsv.
pub fn expected(dir: &str, file: &str) -> (usize, String, String) {
    let tsv = fs::read_to_string(data(&format!("{dir}/EXPECTED.tsv"))).expect("EXPECTED.tsv");
    let row = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|cols| cols[0] == file)
        .unwrap_or_else(|| panic!("{file} is not in EXPECTED.tsv"));
    (
        row[1].parse().expect("a count"),
        row[2].to_string(),
        row[3].to_string(),
    )
}

/// Parses a fragment and checks its count, first task and last task against EXPECTED.tsv.
fn check(file: &str) {
    check_in("wild", file);
}

/// [`check`] for a fragment of `dir` (tests/data/wild or tests/data/unseen).
pub fn check_in(dir: &str, file: &str) {
    let (count, first, last) = expected(dir, file);
    let path = data(&format!("{dir}/{file}"));
    if count == 0 {
        let out = bin().arg("parse").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}: exit code");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no task list found"), "{file}: {err}");
        return;
    }
    let got = parse_json(&path);
    let tasks = got["tasks"].as_array().unwrap();
    let texts: Vec<&str> = tasks.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(tasks.len(), count, "{file}: task count; texts {texts:#?}");
    assert!(
        texts[0].starts_with(&first),
        "{file}: first task {:?}",
        texts[0]
    );
    let last_text = texts[texts.len() - 1];
    assert!(
        last_text.starts_with(&last),
        "{file}: last task {last_text:?}"
    );
    assert!(
        got.get("warnings").is_none(),
        "{file}: {:?}",
        got["warnings"]
    );
}

macro_rules! wild {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check($file);
            }
        )*
        /// Every fragment of EXPECTED.tsv has its test above.
        #[test]
        fn every_fragment_has_a_test() {
            let named = [$($file),*];
            let tsv = fs::read_to_string(data("wild/EXPECTED.tsv")).unwrap();
            for line in tsv.lines().skip(1) {
                let file = line.split('\t').next().unwrap();
                assert!(named.contains(&file), "{file} has no test");
            }
        }
    };
}

wild! {
    prose_arabic_items_under_paren_headings => "01_hubei-province-2022.txt",
    cells_separated_by_blank_lines_under_page_chrome => "04_huizhou-city-2022.txt",
    traditional_cells_ending_in_a_pipe => "06_huizhou-city-2020.txt",
    unnumbered_rows_with_pipe_lines_between_cells => "09_xuancheng-city-2022.txt",
    pipe_lines_between_rows_and_inline_sub_items => "10_xuancheng-city-2022.txt",
    pipe_rows_with_an_extra_trailing_cell => "11_jiangmen-department-unknown.txt",
    table_with_empty_cells => "13_jimei-county-2021.txt",
    numbering_restarting_per_section => "15_jieyang-city-unknown.txt",
    whole_notice_on_one_line => "21_honggutan-county-2022.txt",
    traditional_deadline_before_units => "24_zhejiang-county-2022.txt",
    requirement_over_two_cells_one_per_line => "26_baoshan-city-2021.txt",
    four_columns_and_a_repeated_section_row => "30_taishan-county-2022.txt",
    prose_with_units_in_tortoise_shell_brackets => "35_baoding-city-2021.txt",
    small_full_stop_numbering_across_sections => "41_jiangsu-province-2022.txt",
    heading_line_with_body_on_the_next_line => "44_beijing-province-2016.txt",
}

#[test]
fn an_empty_table_says_its_cells_are_empty() {
    let out = bin()
        .arg("parse")
        .arg(data("wild/13_jimei-county-2021.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("13_jimei-county-2021.txt") && err.contains("cells hold no requirement text"),
        "{err}"
    );
}

#[test]
fn traditional_text_is_shown_as_written_with_units_recognised() {
    let got = parse_json(&data("wild/24_zhejiang-county-2022.txt"));
    let t = &got["tasks"][3];
    assert!(t["text"].as_str().unwrap().starts_with("建立健全市場主體"));
    assert_eq!(t["deadline"]["raw"], "三季度前");
    let units: Vec<&str> = t["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert_eq!(
        units,
        ["區發改局", "區住建局", "區級其他有關部門", "各街道辦事處"]
    );
}

/// Runs the binary with `args` (ending in `-f json` and the files), checks it succeeds, and
/// returns the JSON it printed and its stderr.
fn run_json(args: &[&std::ffi::OsStr]) -> (Value, String) {
    let out = bin().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    (serde_json::from_slice(&out.stdout).expect("JSON"), err)
}

#[test]
fn numbering_gap_and_repeat_are_warned_on_stderr_and_in_json() {
    let gap = data("parse/numbering-gap.txt");
    let (got, err) = run_json(&[
        "parse".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        gap.as_ref(),
    ]);
    assert!(
        err.contains("warning")
            && err.contains("task numbers skip from 2")
            && err.contains("task 3 not found"),
        "{err}"
    );
    assert!(
        err.contains("task number 5") && err.contains("repeats"),
        "{err}"
    );
    assert_eq!(got["tasks"].as_array().unwrap().len(), 5);
    assert_eq!(got["warnings"].as_array().unwrap().len(), 2);
}

#[test]
fn compare_warns_of_a_numbering_gap_and_carries_it_into_the_alignment() {
    let gap = data("parse/numbering-gap.txt");
    let (got, err) = run_json(&[
        "compare".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        gap.as_ref(),
        gap.as_ref(),
    ]);
    assert!(err.contains("task numbers skip from 2"), "{err}");
    // The file compared with itself is warned about first (issue 22), as data.
    let all = got["warnings"]
        .as_array()
        .expect("warnings in the alignment");
    assert_eq!(all[0]["code"], "same_file", "{}", all[0]);
    // Then each notice's numbering warnings (issue 24), typed: the code and the numbers.
    let warnings = &all[1..];
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert_eq!(warnings[0]["code"], "numbering_gap", "{}", warnings[0]);
    assert_eq!(warnings[0]["before"], 2, "{}", warnings[0]);
    assert_eq!(warnings[0]["number"], 4, "{}", warnings[0]);
}

#[test]
fn explain_names_the_layout_and_the_task_level() {
    let path = data("wild/01_hubei-province-2022.txt");
    let (got, err) = run_json(&[
        "parse".as_ref(),
        "--explain".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        path.as_ref(),
    ]);
    assert!(err.contains("explain: layout evidence"), "{err}");
    assert!(err.contains("tasks are the 1. items"), "{err}");
    assert!(err.contains("read 5 tasks as prose"), "{err}");
    // The JSON on stdout is the same with and without --explain.
    assert_eq!(got, parse_json(&path));
}

#[test]
fn explain_says_what_was_tried_when_no_task_list_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.txt");
    fs::write(&path, "各县区人民政府：\n现将有关事项通知如下。\n").unwrap();
    let out = bin()
        .args(["parse", "--explain"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("explain: no layout has any evidence"), "{err}");
    assert!(err.contains("no task list found"), "{err}");
}

#[test]
fn a_traditional_copy_compares_as_carried_and_shows_as_written() {
    let (upper, lower) = (data("parse/simplified.txt"), data("parse/traditional.txt"));
    let (got, _) = run_json(&[
        "compare".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        upper.as_ref(),
        lower.as_ref(),
    ]);
    assert_eq!(got["summary"]["carried"], 3, "{}", got["summary"]);
    let task = &got["lower"]["tasks"][0];
    let text = task["text"].as_str().unwrap();
    assert!(text.starts_with("做好政策文件解讀工作"), "{text}");
    assert_eq!(task["lead_units"][0], "縣政府辦公室");
}
