//! `policydiff parse` on synthetic notices in layouts the wild fragments cover once or not
//! at all (tests/data/unseen, with hand counts in EXPECTED.tsv decided before the parser
//! ran), on a few of their fields, and on .docx and .html copies of them and of wild
//! fragments (tests/data/unseen/docs, made by tests/data/unseen/make_docs.py), some of them
//! with Word's automatic list numbering or HTML `<ol>` lists in place of written numbers;
//! and on the synthetic fragments of issue 25 (tests/data/longtail: the layouts real notices
//! still broke in, and the task divisions of 政府工作报告, 营商环境, 法治政府 and 数字政府).

use std::fs;

use serde_json::Value;

use crate::util::{bin, data, parse_json};
use crate::wild::{check_in, expected};

macro_rules! unseen {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_in("unseen", $file);
            }
        )*
        /// Every fragment of EXPECTED.tsv has its test above.
        #[test]
        fn every_unseen_fragment_has_a_test() {
            let named = [$($file),*];
            let tsv = fs::read_to_string(data("unseen/EXPECTED.tsv")).unwrap();
            for line in tsv.lines().skip(1) {
                let file = line.split('\t').next().unwrap();
                assert!(named.contains(&file), "{file} has no test");
            }
        }
    };
}

unseen! {
    prose_with_cover_letter_and_run_in_titles => "u01_prose-cover-runin-titles.txt",
    paren_arabic_tasks_under_arabic_headings => "u02_paren-arabic-under-arabic-headings.txt",
    circled_tasks_restarting_per_heading => "u03_circled-restarting.txt",
    article_items_then_an_attachment_line => "u04_article-items-with-attachment.txt",
    full_width_digits_and_lenticular_units => "u05_fullwidth-digits-lenticular-units.txt",
    tab_table_number_column_deadline_before_units => "u06_tab-number-column-deadline-before-units.txt",
    tab_table_header_wrapped_over_two_rows => "u07_tab-header-over-two-lines.txt",
    tab_rows_without_header_headings_between => "u08_tab-no-header-headings-between.txt",
    pipe_table_doubled_pipes_merged_section => "u09_pipe-doubled-merged-section.txt",
    tab_table_inline_sub_items_one_task_a_row => "u10_tab-inline-sub-items.txt",
    prose_then_contact_block_and_attachments => "u11_prose-contact-block-and-attachments.txt",
    cover_letter_with_its_own_points => "u12_cover-letter-with-own-points.txt",
    attachment_line_before_a_tab_table => "u13_attachment-line-before-table.txt",
    traditional_pipe_table => "u14_traditional-pipes.txt",
    unnumbered_paragraph_tasks_under_titles => "u15_unnumbered-paragraph-tasks.txt",
    cells_one_per_line_deadline_column_first => "u16_cells-blank-lines-deadline-first.txt",
    labelled_unit_and_deadline_lines_under_items => "u17_labelled-unit-and-deadline-lines.txt",
    tab_table_then_a_contact_row => "u18_tab-table-then-contact-row.txt",
    closing_paren_numbering_and_ascii_punctuation => "u19_half-paren-arabic-ascii-punct.txt",
    arabic_items_under_chinese_headings_then_cc => "u20_arabic-under-chinese-with-cc.txt",
    prose_signature_then_a_contact_table => "u21_prose-signature-then-contact-table.txt",
    lead_marked_in_brackets_and_mid_month_deadlines => "u22_tab-lead-in-brackets-mid-month.txt",
    traditional_prose_with_tortoise_shell_labels => "u23_traditional-prose-tortoise-labels.txt",
    pipe_table_measures_column_month_deadlines => "u24_pipe-header-measures-month-deadlines.txt",
}

macro_rules! longtail {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_in("longtail", $file);
            }
        )*
        /// Every fragment of tests/data/longtail/EXPECTED.tsv has its test above.
        #[test]
        fn every_longtail_fragment_has_a_test() {
            let named = [$($file),*];
            let tsv = fs::read_to_string(data("longtail/EXPECTED.tsv")).unwrap();
            for line in tsv.lines().skip(1) {
                let file = line.split('\t').next().unwrap();
                assert!(named.contains(&file), "{file} has no test");
            }
        }
    };
}

longtail! {
    issue25_table_flattened_to_one_line_with_spaces => "l01_flat-table-space-cells.txt",
    issue25_cell_pipes_with_a_repeated_heading => "l02_cell-pipes-repeated-heading.txt",
    issue25_merged_task_column_shifts_cells => "l03_merged-task-column-shift.txt",
    issue25_department_table_merged_units => "l04_department-merged-units.txt",
    issue25_framing_paragraphs_are_not_tasks => "l05_prose-framing-sections.txt",
    issue25_one_line_notice_number_without_brackets => "l06_one-line-number-without-brackets.txt",
    issue25_mixed_numbering_width => "l07_mixed-numbering-width.txt",
    issue25_department_signature_after_the_list => "l08_department-signature-after-list.txt",
    issue25_sub_points_under_most_tasks => "l09_subpoints-under-most-tasks.txt",
    issue25_wrapped_lines_gain_no_stop => "l10_wrapped-lines-no-stop.txt",
    issue25_report_division_space_separated_cells => "l11_report-division-space-cells.txt",
    issue25_unnumbered_rows_under_a_heading => "l12_unnumbered-rows-under-heading.txt",
    issue25_targets_table_then_task_table => "l13_targets-table-then-tasks.txt",
    issue25_star_marks_and_dated_items => "l14_star-marks-dated-items.txt",
    issue25_key_value_lines_under_tasks => "l15_key-value-lines.txt",
    issue25_key_value_pipe_rows => "l16_key-value-pipe-rows.txt",
    issue25_progress_table => "l17_progress-table.txt",
}

fn longtail_tasks(file: &str) -> Vec<Value> {
    parse_json(&data(&format!("longtail/{file}")))["tasks"]
        .as_array()
        .unwrap()
        .clone()
}

fn ids(t: &[Value]) -> Vec<&str> {
    t.iter().map(|t| t["id"].as_str().unwrap()).collect()
}

#[test]
fn issue25_a_number_in_another_width_continues_its_sequence() {
    let t = longtail_tasks("l07_mixed-numbering-width.txt");
    let want: Vec<String> = (1..=13).map(|n| n.to_string()).collect();
    assert_eq!(ids(&t), want);
    assert!(
        t[11]["text"]
            .as_str()
            .unwrap()
            .starts_with("推进社会救助信息公开")
    );
    assert!(!t[10]["text"].as_str().unwrap().contains("社会救助"));
}

#[test]
fn issue25_a_signature_is_neither_units_nor_deadline() {
    let t = longtail_tasks("l08_department-signature-after-list.txt");
    assert!(t[3]["units"].as_array().unwrap().is_empty());
    assert_eq!(t[3]["deadline"]["raw"], Value::Null);
    assert!(!t[3]["text"].as_str().unwrap().contains("审计局"));
}

#[test]
fn issue25_merged_cells_take_the_row_above_and_do_not_shift() {
    let t = longtail_tasks("l04_department-merged-units.txt");
    assert_eq!(strs(&t[1]["units"]), ["规划科"]);
    assert_eq!(t[1]["deadline"]["raw"], "2023年全年");
    assert_eq!(strs(&t[4]["units"]), ["耕保科"]);
    let t = longtail_tasks("l03_merged-task-column-shift.txt");
    assert_eq!(ids(&t), ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(strs(&t[1]["units"]), ["各县（区）人民政府"]);
    assert_eq!(t[1]["deadline"]["date"], "2023-12-31");
    assert_eq!(strs(&t[5]["units"]), ["市委网信办"]);
}

#[test]
fn issue25_key_value_lines_are_units_and_deadlines() {
    for (file, last_date) in [
        ("l15_key-value-lines.txt", "2022-06-30"),
        ("l16_key-value-pipe-rows.txt", "2022-08-31"),
    ] {
        let t = longtail_tasks(file);
        assert_eq!(ids(&t), ["1", "2", "3"], "{file}");
        for task in &t {
            let text = task["text"].as_str().unwrap();
            assert!(
                !text.contains("领导") && !text.contains("牵头"),
                "{file}: {text}"
            );
        }
        assert_eq!(t[2]["deadline"]["date"], last_date, "{file}");
    }
    let t = longtail_tasks("l15_key-value-lines.txt");
    assert_eq!(strs(&t[0]["lead_units"]), ["市工业和信息化局"]);
    let t = longtail_tasks("l16_key-value-pipe-rows.txt");
    assert_eq!(strs(&t[1]["lead_units"]), ["县水利局"]);
}

#[test]
fn issue25_progress_notes_and_sub_points_stay_out_of_task_counts() {
    let t = longtail_tasks("l17_progress-table.txt");
    assert!(
        t.iter()
            .all(|t| !t["text"].as_str().unwrap().contains("已完成"))
    );
    assert_eq!(strs(&t[0]["units"]), ["区市场监管局"]);
    let t = longtail_tasks("l09_subpoints-under-most-tasks.txt");
    assert_eq!(strs(&t[0]["lead_units"]), ["市政务服务数据管理局"]);
    assert!(t[0]["text"].as_str().unwrap().contains("电子证照"));
    assert_eq!(t[3]["deadline"]["raw"], "持续推进");
}

#[test]
fn issue25_framing_and_wrapping() {
    let t = longtail_tasks("l05_prose-framing-sections.txt");
    assert_eq!(strs(&t[0]["section"]), ["二、重点任务"]);
    let t = longtail_tasks("l10_wrapped-lines-no-stop.txt");
    assert!(
        t.iter()
            .all(|t| !t["text"].as_str().unwrap().contains("。，"))
    );
    assert!(t[2]["text"].as_str().unwrap().contains("平台。按需"));
    assert!(t[0]["text"].as_str().unwrap().contains("资源统一调度"));
    let t = longtail_tasks("l14_star-marks-dated-items.txt");
    assert_eq!(ids(&t), ["1", "2", "3", "4", "5"]);
    assert_eq!(t[4]["deadline"]["date"], "2021-08-31");
}

/// `parse --explain` names the rule that decided each long-tail case.
#[test]
fn issue25_explain_names_the_deciding_rule() {
    for (file, rule) in [
        ("l01_flat-table-space-cells.txt", "rule space-rows"),
        ("l11_report-division-space-cells.txt", "rule space-rows"),
        (
            "l04_department-merged-units.txt",
            "rule merged-cells: 3 numbered rows",
        ),
        ("l05_prose-framing-sections.txt", "rule framing"),
        ("l07_mixed-numbering-width.txt", "rule numbering-continues"),
        ("l08_department-signature-after-list.txt", "rule signature"),
        ("l09_subpoints-under-most-tasks.txt", "rule duty-level"),
        ("l16_key-value-pipe-rows.txt", "rule key-value-records"),
        ("l17_progress-table.txt", "rule name-column"),
        ("l13_targets-table-then-tasks.txt", "rule name-column"),
    ] {
        let out = bin()
            .args(["parse", "--explain", "-f", "json"])
            .arg(data(&format!("longtail/{file}")))
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(rule), "{file}: {err}");
    }
    // And none of them where its case is absent.
    let out = bin()
        .args(["parse", "--explain", "-f", "json"])
        .arg(data("unseen/u24_pipe-header-measures-month-deadlines.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("rule name-column"), "{err}");
    assert!(!err.contains("rule space-rows"), "{err}");
}

#[test]
fn issue25_a_one_line_notice_whose_number_lost_its_brackets() {
    let n = parse_json(&data("longtail/l06_one-line-number-without-brackets.txt"));
    assert_eq!(n["meta"]["year"], 2018);
    assert_eq!(n["layout"], "prose");
    let t = n["tasks"].as_array().unwrap();
    assert_eq!(t.len(), 5);
    assert_eq!(strs(&t[4]["units"]), ["市政府办公室"]);
    assert_eq!(
        strs(&t[4]["section"]),
        ["二、加强政务公开平台建设", "（一）办好政府网站"]
    );
}

#[test]
fn the_signature_and_a_contact_table_are_not_tasks() {
    let t = tasks_of("u21_prose-signature-then-contact-table.txt");
    assert_eq!(strs(&t[3]["units"]), ["区委网信办", "区政府办公室"]);
    assert_eq!(t[3]["deadline"]["raw"], Value::Null);
    assert!(
        t[3]["text"]
            .as_str()
            .unwrap()
            .ends_with("规范账号开设和关停。")
    );
}

#[test]
fn a_lead_unit_marked_in_brackets_and_ten_day_deadlines() {
    let t = tasks_of("u22_tab-lead-in-brackets-mid-month.txt");
    assert_eq!(strs(&t[0]["lead_units"]), ["市自然资源和规划局"]);
    assert_eq!(strs(&t[0]["units"]), ["市发展改革委"]);
    assert_eq!(t[0]["deadline"]["date"], "2022-10-20");
    assert_eq!(strs(&t[2]["lead_units"]), ["市发展改革委"]);
    let t = tasks_of("u24_pipe-header-measures-month-deadlines.txt");
    assert_eq!(t[2]["deadline"]["date"], "2022-12-10");
    assert_eq!(strs(&t[2]["units"]), ["县审计局", "县发改局"]);
}

fn tasks_of(file: &str) -> Vec<Value> {
    parse_json(&data(&format!("unseen/{file}")))["tasks"]
        .as_array()
        .unwrap()
        .clone()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn a_deadline_inside_the_duty_parenthesis_is_the_deadline_not_a_unit() {
    let t = tasks_of("u01_prose-cover-runin-titles.txt");
    assert_eq!(strs(&t[4]["units"]), ["市政府办公室"]);
    assert_eq!(t[4]["deadline"]["raw"], "长期坚持");
    assert_eq!(t[4]["deadline"]["kind"], "ongoing");
    // The closing section of plain paragraphs is not part of the last task.
    assert!(!t[4]["text"].as_str().unwrap().contains("绩效考核"));
}

#[test]
fn office_labels_and_quarter_deadlines_in_the_text() {
    let t = tasks_of("u02_paren-arabic-under-arabic-headings.txt");
    assert_eq!(strs(&t[0]["units"]), ["法规科"]);
    assert!(!t[0]["text"].as_str().unwrap().contains("责任科室"));
    assert_eq!(t[4]["deadline"]["date"], "2022-09-30");
}

#[test]
fn a_contact_block_ends_the_list() {
    let t = tasks_of("u11_prose-contact-block-and-attachments.txt");
    let last = t[2]["text"].as_str().unwrap();
    assert!(!last.contains("联系") && !last.contains("附件"), "{last}");
    let t = tasks_of("u18_tab-table-then-contact-row.txt");
    assert!(
        t.iter()
            .all(|t| !t["text"].as_str().unwrap().contains("联系"))
    );
    assert_eq!(t[1]["deadline"]["raw"], "每季度");
    assert_eq!(t[1]["deadline"]["kind"], "ongoing");
}

#[test]
fn a_cover_letters_points_are_not_the_sections_of_the_tasks() {
    let t = tasks_of("u12_cover-letter-with-own-points.txt");
    assert!(
        t.iter()
            .all(|t| t["section"].as_array().unwrap().is_empty())
    );
    assert_eq!(strs(&t[1]["lead_units"]), ["市税务局"]);
}

#[test]
fn the_header_names_the_deadline_and_units_columns() {
    let t = tasks_of("u13_attachment-line-before-table.txt");
    assert_eq!(strs(&t[2]["units"]), ["县财政局"]);
    assert_eq!(t[2]["deadline"]["raw"], "按法定时限");
    let t = tasks_of("u16_cells-blank-lines-deadline-first.txt");
    let ids: Vec<&str> = t.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(t[0]["deadline"]["date"], "2022-06-30");
    assert_eq!(strs(&t[0]["units"]), ["办公室"]);
    assert!(t[0]["section"].as_array().unwrap().is_empty());
    let t = tasks_of("u07_tab-header-over-two-lines.txt");
    assert_eq!(strs(&t[0]["section"]), ["（一）规划公开"]);
}

#[test]
fn unnumbered_paragraphs_with_duty_clauses_are_tasks_under_their_titles() {
    let t = tasks_of("u15_unnumbered-paragraph-tasks.txt");
    let ids: Vec<&str> = t.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(strs(&t[3]["section"]), ["二、提升政务公开平台效能"]);
    assert_eq!(strs(&t[3]["lead_units"]), ["县委网信办"]);
    assert_eq!(strs(&t[3]["units"]), ["县直各部门"]);
}

#[test]
fn labelled_lines_under_an_item_are_its_units_and_deadline() {
    let t = tasks_of("u17_labelled-unit-and-deadline-lines.txt");
    for task in &t {
        let text = task["text"].as_str().unwrap();
        assert!(
            !text.contains("时限") && !text.contains("责任单位"),
            "{text}"
        );
    }
    assert_eq!(t[1]["deadline"]["raw"], "持续推进");
    assert_eq!(t[2]["deadline"]["date"], "2022-03-31");
    assert_eq!(strs(&t[0]["units"]), ["市发展改革委", "市财政局"]);
}

#[test]
fn closing_paren_numbers_are_items() {
    let t = tasks_of("u19_half-paren-arabic-ascii-punct.txt");
    assert_eq!(strs(&t[1]["units"]), ["市直各部门"]);
    assert_eq!(strs(&t[2]["section"]), ["（二）加强政府信息管理"]);
}

/// The tasks of a parse without their line numbers, which differ between a text file and a
/// structured document.
fn without_lines(notice: &Value) -> Vec<Value> {
    let mut ts = notice["tasks"].as_array().unwrap().clone();
    for t in &mut ts {
        t.as_object_mut().unwrap().remove("line");
    }
    ts
}

#[test]
fn docx_and_html_copies_parse_to_the_tasks_of_their_text() {
    let mut seen = 0;
    let mut stems: Vec<String> = fs::read_dir(data("unseen/docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".docx").map(str::to_string))
        .collect();
    stems.sort();
    let mut numbered = 0;
    for stem in stems {
        // NAME.autonum: the numbers are Word list numbering and HTML <ol> items, not text.
        let text_stem = stem.strip_suffix(".autonum").unwrap_or(&stem);
        numbered += usize::from(text_stem != stem);
        let dir = if data(&format!("wild/{text_stem}.txt")).exists() {
            "wild"
        } else {
            "unseen"
        };
        let file = format!("{text_stem}.txt");
        let (count, first, _) = expected(dir, &file);
        let want = without_lines(&parse_json(&data(&format!("{dir}/{file}"))));
        assert_eq!(want.len(), count, "{dir}/{file}");
        for ext in ["docx", "html"] {
            let got = without_lines(&parse_json(&data(&format!("unseen/docs/{stem}.{ext}"))));
            assert_eq!(got.len(), count, "{stem}.{ext}: task count");
            let text = got[0]["text"].as_str().unwrap();
            assert!(text.starts_with(&first), "{stem}.{ext}: first task {text}");
            assert_eq!(got, want, "{stem}.{ext}: tasks");
            seen += 1;
        }
    }
    assert!(seen >= 50, "{seen} copies");
    assert!(numbered >= 5, "{numbered} automatically numbered copies");
}
