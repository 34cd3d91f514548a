//! The alignment as an Excel workbook: the rows of [`crate::report::rows`] (header row,
//! frozen panes, autofilter, wrapped text, column widths that count CJK characters as
//! two, status cells in the HTML report's colours, task numbers as numbers, landscape
//! printing fitted to the page width with the header row on every page), and a second
//! sheet `汇总 summary` that opens with the report's warnings.

use std::io::{self, Write};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as XlsxFormat, FormatAlign, Workbook, Worksheet, XlsxError,
};

use crate::model::{Alignment, Status, Warning};
use crate::report::captions;
use crate::report::describe;
use crate::report::rows::{headers, rows};
use crate::report::{Lang, RenderOptions, legend_label, report_label};

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

/// Every sheet's running head and foot: the sheet's name at the top, `第 N 页，共 M 页`
/// (page N of M) at the foot.
pub(crate) fn page_marks(ws: &mut Worksheet, lang: Lang) {
    ws.set_header("&C&A");
    ws.set_footer(captions::of(lang).page_footer);
}

/// A summary sheet on paper: portrait A4, one page wide, with [`page_marks`].
pub(crate) fn summary_print_setup(ws: &mut Worksheet, lang: Lang) {
    ws.set_portrait();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    page_marks(ws, lang);
}

/// The widest a wrapped text column of the 18-column sheet `对照 alignment` is set, in
/// characters: narrow enough that a landscape A4 page at [`WIDE_SHEET_SCALE`] holds four or
/// five columns, wide enough for a task's text to wrap to a few lines.
const WIDE_TEXT_COLUMN: usize = 36;

/// The print scale of the 18-column sheet: the least the issue allows a sheet on paper.
const WIDE_SHEET_SCALE: u16 = 70;

/// The 18-column sheet `对照 alignment` on paper. Its columns (~600 characters) cannot fit one
/// page at a readable scale (fitted to one page wide it printed at about 20 %), so it
/// prints at [`WIDE_SHEET_SCALE`] on landscape A4, across as many pages as it needs,
/// left to right before top to bottom (a row's columns follow each other), with the header
/// row and the upper id column on every page so each page can be read alone. The sheet
/// `打印 print` is the one-page-wide view of the essential columns.
pub(crate) fn wide_print_setup(ws: &mut Worksheet, lang: Lang) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_scale(WIDE_SHEET_SCALE);
    ws.set_page_order(false);
    ws.set_repeat_rows(0, 0)?;
    ws.set_repeat_columns(0, 0)?;
    page_marks(ws, lang);
    Ok(())
}

/// The columns of the print sheet (header, width in characters) and their widths.
fn print_columns(lang: Lang) -> [(&'static str, usize); 6] {
    [
        (captions::of(lang).upper_id, 8),
        (captions::of(lang).status, 10),
        (captions::of(lang).upper_text, 56),
        (captions::of(lang).lower_ids, 10),
        (captions::of(lang).units_column, 26),
        (captions::of(lang).deadline, 14),
    ]
}

/// The sheet `打印 print`: the essential columns (id, status, upper text, lower ids,
/// units, deadline) on landscape A4, fitted to one page wide (any number of pages tall),
/// with the header row repeated and page numbers. The columns are sized to fit the page
/// at 100 % in Excel (tested); the fit lets a program whose default font is
/// wider than Calibri shrink them a little instead of printing the last columns on pages
/// of their own (LibreOffice without a Calibri-metric font printed 责任单位 and 时限 on
/// three extra pages).
fn print_sheet(
    wb: &mut Workbook,
    rows: &[crate::report::rows::Row],
    lang: Lang,
    header: &XlsxFormat,
    wrap: &XlsxFormat,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(captions::of(lang).print)?;
    let cols = print_columns(lang);
    for (c, (h, w)) in cols.iter().enumerate() {
        super::put(ws, 0, c as u16, h, header)?;
        ws.set_column_width(c as u16, *w as f64)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let (text, units, deadline) = if row.status == Status::Added {
            (&row.lower_text, &row.lower_units, &row.lower_deadline)
        } else {
            (&row.upper_text, &row.upper_units, &row.upper_deadline)
        };
        super::put(ws, r, 0, &row.upper_id, wrap)?;
        super::put(
            ws,
            r,
            1,
            report_label(row.status, lang),
            &super::multi::status_format(row.status),
        )?;
        super::put(ws, r, 2, text, wrap)?;
        super::put(ws, r, 3, &row.lower_ids, wrap)?;
        super::put(ws, r, 4, units, wrap)?;
        super::put(ws, r, 5, deadline, wrap)?;
        // The row as tall as its longest wrapped cell: LibreOffice keeps a row of wrapped
        // text one line high when opening a workbook, which printed one line of each task.
        let cells = [&row.upper_id, text, &row.lower_ids, units, deadline];
        let widths = [cols[0].1, cols[2].1, cols[3].1, cols[4].1, cols[5].1];
        let lines = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| wrapped_lines(cell, w))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r, ROW_POINTS * lines as f64)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    page_marks(ws, lang);
    Ok(())
}

/// A task number as a number when it is one (`12`), else as written (`3-1`, `12, 13`).
fn id_number(id: &str) -> Option<f64> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// The height of one line of text in a row, in points (Calibri 11).
const ROW_POINTS: f64 = 15.0;

/// How many lines a text takes wrapped in a column `width` characters wide: each of its
/// lines by [`display_width`], a character's width of padding kept.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let room = width.saturating_sub(1).max(1);
    text.lines()
        .map(|l| display_width(l).div_ceil(room).max(1))
        .sum::<usize>()
        .max(1)
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
            // The mark by which `coverage` knows its own reports (ingest::own).
            .set_author(crate::model::GENERATOR)
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
    ws.set_name(captions::of(lang).alignment)?;
    let heads = headers(lang).map(String::from);
    let mut widths = vec![0usize; heads.len()];
    fit(&mut widths, &heads);
    for (c, h) in heads.iter().enumerate() {
        super::put(ws, 0, c as u16, h, &header)?;
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
                (STATUS_COLUMN, _) => {
                    super::put(ws, r, c, text, &super::multi::status_format(row.status))?
                }
                _ if ID_COLUMNS.contains(&c) && id_number(text).is_some() => {
                    ws.write_number_with_format(r, c, id_number(text).unwrap_or_default(), &wrap)?
                }
                _ => super::put(ws, r, c, text, &wrap)?,
            };
        }
    }
    set_widths(ws, &widths, WIDE_TEXT_COLUMN)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, heads.len() as u16 - 1)?;
    wide_print_setup(ws, lang)?;

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
            captions::of(lang).upper_notice.into(),
            describe::heading(&a.upper),
        ],
        &plain,
        &mut widths,
    )?;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).lower_notice.into(),
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
            captions::of(lang).status.into(),
            captions::of(lang).tasks.into(),
        ],
        &header,
        &mut widths,
    )?;
    let counts = [
        (legend_label(Status::Carried), s.carried.to_string()),
        (legend_label(Status::Reworded), s.reworded.to_string()),
        (legend_label(Status::Dropped), s.dropped.to_string()),
        (legend_label(Status::Added), s.added.to_string()),
        (describe::review_label(lang).into(), s.review.to_string()),
        (
            captions::of(lang).upper_tasks.into(),
            s.upper_tasks.to_string(),
        ),
        (
            captions::of(lang).lower_tasks.into(),
            s.lower_tasks.to_string(),
        ),
        (
            captions::of(lang).coverage_pct.into(),
            format!("{:.1}", s.coverage_pct),
        ),
    ];
    for (label, value) in counts {
        line(ws, &mut r, &[label, value], &plain, &mut widths)?;
    }
    r += 1;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).upper_section.into(),
            captions::of(lang).upper_tasks.into(),
            report_label(Status::Carried, lang),
            report_label(Status::Reworded, lang),
            report_label(Status::Dropped, lang),
            captions::of(lang).coverage_pct.into(),
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
    summary_print_setup(ws, lang);
    print_sheet(&mut wb, &rows, lang, &header, &wrap)?;
    wb.save_to_buffer()
}

/// The report's warnings at the top of a summary sheet, under a heading, in amber; a
/// blank row after them. Nothing when there are none.
pub(crate) fn warning_lines(
    ws: &mut Worksheet,
    r: &mut u32,
    warnings: &[Warning],
    lang: Lang,
) -> Result<(), XlsxError> {
    if warnings.is_empty() {
        return Ok(());
    }
    let amber = XlsxFormat::new()
        .set_align(FormatAlign::Top)
        .set_font_color("#7D4E00")
        .set_background_color("#FFF8C5");
    super::put(
        ws,
        *r,
        0,
        format!("⚠ {}", describe::warnings_heading(lang)),
        &amber.clone().set_bold(),
    )?;
    *r += 1;
    for w in describe::warnings(warnings, lang) {
        super::put(ws, *r, 0, w, &amber)?;
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
        // Only the counts and percentages this report computes are numbers: plain
        // decimals (`12`, `83.3`); `inf`, `NaN`, `1e5` or a sign stay text.
        let generated = !v.is_empty()
            && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && v.bytes().filter(|&b| b == b'.').count() <= 1
            && !v.starts_with('.');
        match v.parse::<f64>() {
            Ok(n) if c > 0 && generated => ws.write_number_with_format(*r, c as u16, n, fmt)?,
            _ => super::put(ws, *r, c as u16, v, fmt)?,
        };
    }
    fit(widths, cells);
    *r += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many Excel character widths fit across a landscape A4 page at 100 % with the
    /// default margins (0.7 in each side): 10.3 in at 7 px per character, 96 px per inch,
    /// rounded down.
    const LANDSCAPE_A4_CHARS: usize = 140;

    /// The scale at which columns `widths` characters wide print on landscape A4 in Excel:
    /// 100 % when they fit, else the scale that makes them fit.
    fn excel_scale(widths: &[usize]) -> usize {
        let total: usize = widths.iter().sum();
        (LANDSCAPE_A4_CHARS * 100 / total.max(1)).min(100)
    }

    #[test]
    fn the_print_sheet_prints_at_full_scale_in_excel() {
        for lang in [Lang::Zh, Lang::En] {
            let widths = print_columns(lang).map(|(_, w)| w);
            assert_eq!(excel_scale(&widths), 100, "{lang:?}");
        }
        // Twice as wide: half the scale.
        assert_eq!(excel_scale(&[280]), 50);
        assert_eq!(excel_scale(&[175]), 80);
    }

    #[test]
    fn wrapped_text_takes_its_lines() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("短", 10), 1);
        // 30 CJK characters are 60 widths: 7 lines of 9.
        assert_eq!(wrapped_lines(&"政".repeat(30), 10), 7);
        assert_eq!(wrapped_lines("一\n二\n三", 10), 3);
    }

    #[test]
    fn cjk_counts_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("政务公开，"), 10);
        assert_eq!(display_width("短\n更长的一行"), 10);
    }
}
