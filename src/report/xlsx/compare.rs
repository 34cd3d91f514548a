//! The alignment as a spreadsheet: one row per upper task (its links joined: lower ids,
//! lower texts, changes, deadlines, units, clauses not covered), then one row per added
//! lower task. Written as CSV (UTF-8 with a byte-order mark so Excel reads the Chinese
//! right, quoted by hand per RFC 4180) or as an Excel workbook (header row, frozen panes,
//! autofilter, wrapped text, column widths that count CJK characters as two, status cells
//! in the HTML report's colours, task numbers as numbers, landscape printing fitted to
//! the page width with the header row on every page, and a second sheet `汇总 summary`
//! that opens with the report's warnings).

use std::io::{self, Write};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as XlsxFormat, FormatAlign, Workbook, Worksheet, XlsxError,
};

use crate::model::{Alignment, Link, Status};
use crate::report::describe;
use crate::report::{Lang, RenderOptions, legend_label, report_label, tr};

/// One spreadsheet row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The upper task's id; empty for an added lower task.
    pub upper_id: String,
    /// The outermost heading (of the upper task, or of the added lower task).
    pub section: String,
    pub upper_text: String,
    /// The linked lower task texts, one per line (`15：…` when there are several).
    pub lower_text: String,
    pub status: Status,
    /// The best link score; `None` for dropped and added tasks.
    pub score: Option<f64>,
    /// Linked lower ids (or the added task's id), comma-separated.
    pub lower_ids: String,
    pub deadline_change: String,
    pub unit_change: String,
    pub number_changes: String,
    /// How links not made by their score alone were made (shared phrase, override).
    pub basis: String,
    pub upper_deadline: String,
    /// Per link, as `lower_text`.
    pub lower_deadline: String,
    pub upper_units: String,
    /// Per link, as `lower_text`.
    pub lower_units: String,
    /// The upper clauses the lower text does not cover, one per line (per link).
    pub uncovered: String,
    /// The confidence of the upper task's status; `None` for added tasks.
    pub confidence: Option<f64>,
    /// 待核实 and why, when the status needs review; empty otherwise.
    pub review: String,
}

/// How many columns a row has.
pub const COLUMNS: usize = 18;

/// The column headers, in the report's language.
pub fn headers(lang: Lang) -> [&'static str; COLUMNS] {
    match lang {
        Lang::Zh => [
            "上级序号",
            "所属部分",
            "上级任务",
            "下级任务",
            "状态",
            "相似度",
            "下级序号",
            "时限变化",
            "牵头单位变化",
            "数量变化",
            "匹配依据",
            "上级时限",
            "下级时限",
            "上级责任单位",
            "下级责任单位",
            "未覆盖的分句",
            "待核实",
            "置信度",
        ],
        Lang::En => [
            "upper id",
            "section",
            "upper text",
            "lower text",
            "status",
            "score",
            "lower ids",
            "deadline change",
            "unit change",
            "number changes",
            "link basis",
            "upper deadline",
            "lower deadline",
            "upper units",
            "lower units",
            "clauses not covered",
            "needs review",
            "confidence",
        ],
    }
}

/// The rows: every upper task in notice order, then the added lower tasks.
pub fn rows(a: &Alignment, lang: Lang) -> Vec<Row> {
    let mut out = Vec::with_capacity(a.upper.tasks.len() + a.added.len());
    for task in &a.upper.tasks {
        let links: Vec<&Link> = a.links_of_upper(&task.id).collect();
        let several = links.len() > 1;
        // One line per link, prefixed with the lower id when there are several.
        let per_link = |f: &dyn Fn(&Link) -> Option<String>| -> String {
            links
                .iter()
                .filter_map(|l| {
                    f(l).map(|v| {
                        if several {
                            format!("{}{}{v}", l.lower, tr(lang, "：", ": "))
                        } else {
                            v
                        }
                    })
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        out.push(Row {
            upper_id: task.id.clone(),
            section: describe::section_of(task).to_string(),
            upper_text: task.text.clone(),
            lower_text: per_link(&|l| a.lower.task(&l.lower).map(|t| t.text.clone())),
            status: a.upper_status(&task.id),
            score: links.iter().map(|l| l.score).reduce(f64::max),
            lower_ids: links
                .iter()
                .map(|l| l.lower.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            deadline_change: per_link(&|l| describe::deadline(&l.deadline_change, lang)),
            unit_change: per_link(&|l| describe::units(&l.unit_change, lang)),
            number_changes: per_link(&|l| describe::numbers(&l.number_changes, lang)),
            basis: per_link(&|l| describe::origin(l, lang)),
            upper_deadline: describe::task_deadline(task),
            lower_deadline: per_link(&|l| a.lower.task(&l.lower).map(describe::task_deadline)),
            upper_units: describe::task_units(task, lang),
            lower_units: per_link(&|l| {
                a.lower
                    .task(&l.lower)
                    .map(|t| describe::task_units(t, lang))
            }),
            uncovered: per_link(&|l| {
                let missing: Vec<&str> = l
                    .clauses
                    .iter()
                    .filter(|c| !c.covered)
                    .map(|c| c.clause.as_str())
                    .collect();
                (!missing.is_empty()).then(|| missing.join(tr(lang, "；", "; ")))
            }),
            confidence: a.decision(&task.id).map(|d| d.confidence),
            review: describe::review_reason(a, &task.id, lang).unwrap_or_default(),
        });
    }
    for id in &a.added {
        let Some(task) = a.lower.task(id) else {
            continue;
        };
        out.push(Row {
            upper_id: String::new(),
            section: describe::section_of(task).to_string(),
            upper_text: String::new(),
            lower_text: task.text.clone(),
            status: Status::Added,
            score: None,
            lower_ids: id.clone(),
            deadline_change: String::new(),
            unit_change: String::new(),
            number_changes: String::new(),
            basis: String::new(),
            upper_deadline: String::new(),
            lower_deadline: describe::task_deadline(task),
            upper_units: String::new(),
            lower_units: describe::task_units(task, lang),
            uncovered: String::new(),
            confidence: None,
            review: String::new(),
        });
    }
    out
}

impl Row {
    fn cells(&self, lang: Lang) -> [String; COLUMNS] {
        [
            self.upper_id.clone(),
            self.section.clone(),
            self.upper_text.clone(),
            self.lower_text.clone(),
            report_label(self.status, lang),
            self.score.map(describe::score).unwrap_or_default(),
            self.lower_ids.clone(),
            self.deadline_change.clone(),
            self.unit_change.clone(),
            self.number_changes.clone(),
            self.basis.clone(),
            self.upper_deadline.clone(),
            self.lower_deadline.clone(),
            self.upper_units.clone(),
            self.lower_units.clone(),
            self.uncovered.clone(),
            self.review.clone(),
            self.confidence
                .map(|c| format!("{c:.2}"))
                .unwrap_or_default(),
        ]
    }
}

/// Column indexes the workbook writes other than as wrapped text.
const ID_COLUMNS: [u16; 2] = [0, 6];
const STATUS_COLUMN: u16 = 4;
const SCORE_COLUMN: u16 = 5;
const CONFIDENCE_COLUMN: u16 = 17;

/// Landscape A4, fitted to one page wide, the first `header_rows` rows on every page.
pub(crate) fn print_setup(ws: &mut Worksheet, header_rows: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    if header_rows > 0 {
        ws.set_repeat_rows(0, header_rows - 1)?;
    }
    Ok(())
}

/// A task number as a number when it is one (`12`), else as written (`3-1`, `12, 13`).
fn id_number(id: &str) -> Option<f64> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// Quotes a CSV field when it needs it (RFC 4180), and defuses text a spreadsheet would
/// run as a formula (a leading `=`, `+`, `-`, `@`) with a leading apostrophe.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with([' ', '\t']) || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_line(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    write!(out, "{}\r\n", line.join(","))
}

/// CSV: UTF-8 with a byte-order mark, CRLF line ends, a header row.
pub fn csv(a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    csv_line(out, &headers(opts.lang).map(String::from))?;
    for row in rows(a, opts.lang) {
        csv_line(out, &row.cells(opts.lang))?;
    }
    Ok(())
}

/// Display width of a text in a spreadsheet column: CJK and full-width characters count
/// two, the widest line counts.
pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|line| {
            line.chars()
                .map(|c| if is_wide(c) { 2 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Column widths in Excel character units: the widest cell, between `min` and `max`.
pub(crate) fn fit(widths: &mut [usize], cells: &[String]) {
    for (w, c) in widths.iter_mut().zip(cells) {
        *w = (*w).max(display_width(c));
    }
}

pub(crate) fn set_widths(
    ws: &mut Worksheet,
    widths: &[usize],
    max: usize,
) -> Result<(), XlsxError> {
    for (col, w) in widths.iter().enumerate() {
        let w = (*w).clamp(6, max) + 2;
        ws.set_column_width(col as u16, w as f64)?;
    }
    Ok(())
}

/// An Excel workbook: the rows on sheet `对照 alignment`, the summary on `汇总 summary`.
pub fn xlsx(a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let bytes = xlsx_bytes(a, opts).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The workbook as bytes (rendered in memory, written by the caller in one go).
pub fn xlsx_bytes(a: &Alignment, opts: &RenderOptions) -> Result<Vec<u8>, XlsxError> {
    let lang = opts.lang;
    let mut wb = Workbook::new();
    // A fixed creation date keeps the workbook reproducible (no timestamps unless asked).
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} → {}",
                describe::heading(&a.upper),
                describe::heading(&a.lower)
            ))
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let header = XlsxFormat::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#E7ECF3");
    let wrap = XlsxFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let score = wrap.clone().set_num_format("0.000");
    let confidence = wrap.clone().set_num_format("0.00");

    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "对照 alignment", "alignment 对照"))?;
    let heads = headers(lang).map(String::from);
    let mut widths = vec![0usize; heads.len()];
    fit(&mut widths, &heads);
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)?;
    }
    let rows = rows(a, lang);
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let cells = row.cells(lang);
        fit(&mut widths, &cells);
        for (c, text) in cells.iter().enumerate() {
            let c = c as u16;
            match (c, row.score) {
                (SCORE_COLUMN, Some(s)) => ws.write_number_with_format(r, c, s, &score)?,
                (SCORE_COLUMN, None) => ws.write_blank(r, c, &wrap)?,
                (CONFIDENCE_COLUMN, _) => match row.confidence {
                    Some(v) => ws.write_number_with_format(r, c, v, &confidence)?,
                    None => ws.write_blank(r, c, &wrap)?,
                },
                (STATUS_COLUMN, _) => ws.write_string_with_format(
                    r,
                    c,
                    text,
                    &super::multi::status_format(row.status),
                )?,
                _ if ID_COLUMNS.contains(&c) && id_number(text).is_some() => {
                    ws.write_number_with_format(r, c, id_number(text).unwrap_or_default(), &wrap)?
                }
                _ => ws.write_string_with_format(r, c, text, &wrap)?,
            };
        }
    }
    set_widths(ws, &widths, 50)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, heads.len() as u16 - 1)?;
    print_setup(ws, 1)?;

    let s = &a.summary;
    let ws = wb.add_worksheet();
    ws.set_name("汇总 summary")?;
    let mut widths = vec![0usize; 6];
    let mut r = 0u32;
    let plain = XlsxFormat::new().set_align(FormatAlign::Top);
    warning_lines(ws, &mut r, &a.warnings, lang)?;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "上级通知", "upper notice").into(),
            describe::heading(&a.upper),
        ],
        &plain,
        &mut widths,
    )?;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "下级通知", "lower notice").into(),
            describe::heading(&a.lower),
        ],
        &plain,
        &mut widths,
    )?;
    r += 1;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "状态", "status").into(),
            tr(lang, "任务数", "tasks").into(),
        ],
        &header,
        &mut widths,
    )?;
    for (st, n) in [
        (Status::Carried, s.carried),
        (Status::Reworded, s.reworded),
        (Status::Dropped, s.dropped),
        (Status::Added, s.added),
    ] {
        line(
            ws,
            &mut r,
            &[legend_label(st), n.to_string()],
            &plain,
            &mut widths,
        )?;
    }
    line(
        ws,
        &mut r,
        &[describe::review_label(lang).into(), s.review.to_string()],
        &plain,
        &mut widths,
    )?;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "上级任务", "upper tasks").into(),
            s.upper_tasks.to_string(),
        ],
        &plain,
        &mut widths,
    )?;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "下级任务", "lower tasks").into(),
            s.lower_tasks.to_string(),
        ],
        &plain,
        &mut widths,
    )?;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "覆盖率 %", "coverage %").into(),
            format!("{:.1}", s.coverage_pct),
        ],
        &plain,
        &mut widths,
    )?;
    r += 1;
    line(
        ws,
        &mut r,
        &[
            tr(lang, "上级部分", "upper section").into(),
            tr(lang, "上级任务", "upper tasks").into(),
            report_label(Status::Carried, lang),
            report_label(Status::Reworded, lang),
            report_label(Status::Dropped, lang),
            tr(lang, "覆盖率 %", "coverage %").into(),
        ],
        &header,
        &mut widths,
    )?;
    for sec in &s.sections {
        line(
            ws,
            &mut r,
            &[
                describe::section_name(&sec.section, lang),
                sec.upper_tasks.to_string(),
                sec.carried.to_string(),
                sec.reworded.to_string(),
                sec.dropped.to_string(),
                format!("{:.1}", sec.coverage_pct),
            ],
            &plain,
            &mut widths,
        )?;
    }
    set_widths(ws, &widths, 70)?;
    wb.save_to_buffer()
}

/// The report's warnings at the top of a summary sheet, under a heading, in amber; a
/// blank row after them. Nothing when there are none.
pub(crate) fn warning_lines(
    ws: &mut Worksheet,
    r: &mut u32,
    warnings: &[String],
    lang: Lang,
) -> Result<(), XlsxError> {
    if warnings.is_empty() {
        return Ok(());
    }
    let amber = XlsxFormat::new()
        .set_align(FormatAlign::Top)
        .set_font_color("#7D4E00")
        .set_background_color("#FFF8C5");
    ws.write_string_with_format(
        *r,
        0,
        format!("⚠ {}", describe::warnings_heading(lang)),
        &amber.clone().set_bold(),
    )?;
    *r += 1;
    for w in warnings {
        ws.write_string_with_format(*r, 0, w, &amber)?;
        *r += 1;
    }
    *r += 1;
    Ok(())
}

/// Writes one summary-sheet line at row `*r` (numbers after the first column as
/// numbers) and moves to the next row.
pub(crate) fn line(
    ws: &mut Worksheet,
    r: &mut u32,
    cells: &[String],
    fmt: &XlsxFormat,
    widths: &mut [usize],
) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        match v.parse::<f64>() {
            Ok(n) if c > 0 => ws.write_number_with_format(*r, c as u16, n, fmt)?,
            _ => ws.write_string_with_format(*r, c as u16, v, fmt)?,
        };
    }
    fit(widths, cells);
    *r += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain 文本"), "plain 文本");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
    }

    #[test]
    fn cjk_counts_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("政务公开，"), 10);
        assert_eq!(display_width("短\n更长的一行"), 10);
    }
}
