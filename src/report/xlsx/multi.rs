//! Chains and coverage runs as Excel workbooks. A chain: sheet `链条 chain` with one row
//! per top task and one column per level below (status, the task ids there, 越级/direct),
//! filled in the status colours, and a sheet `汇总 summary` with the notices and each
//! level's counts. A coverage run: sheet `矩阵 matrix` (upper tasks × localities, status
//! per cell, filled, then how many localities covered the task) and a sheet
//! `汇总 summary` with coverage per locality, per task counts (least covered first) and
//! the notices that could not be read.
//!
//! Both have a bold header row, frozen panes, an autofilter, wrapped text, CJK-aware
//! column widths and a fixed creation date (no timestamps unless asked).

use std::io::{self, Write};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as XlsxFormat, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::compare::{
    fit, line, page_marks, print_setup, set_widths, summary_print_setup, warning_lines,
};
use crate::model::{Chain, Coverage, Status};
use crate::report::captions;
use crate::report::markdown::multi::{chain_status, file_name, level_heading};
use crate::report::{Lang, RenderOptions, describe, report_label};

struct Formats {
    header: XlsxFormat,
    wrap: XlsxFormat,
    plain: XlsxFormat,
}

fn formats() -> Formats {
    let wrap = XlsxFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    Formats {
        header: wrap.clone().set_bold().set_background_color("#E7ECF3"),
        plain: XlsxFormat::new().set_align(FormatAlign::Top),
        wrap,
    }
}

/// The fill and font of a status cell: the colours of the HTML reports.
pub(crate) fn status_format(s: Status) -> XlsxFormat {
    let (fg, bg) = match s {
        Status::Carried => ("#2E7D32", "#E8F5E9"),
        Status::Reworded => ("#1565C0", "#E3F2FD"),
        Status::Dropped => ("#C62828", "#FFEBEE"),
        Status::Added => ("#B85C00", "#FFF3E0"),
    };
    XlsxFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_font_color(fg)
        .set_background_color(bg)
}

fn workbook(title: String) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            // The mark by which `coverage` knows its own reports (ingest::own).
            .set_author(crate::model::GENERATOR)
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    Ok(wb)
}

fn header_row(
    ws: &mut Worksheet,
    heads: &[String],
    f: &Formats,
    widths: &mut Vec<usize>,
) -> Result<(), XlsxError> {
    widths.resize(heads.len(), 0);
    fit(widths, heads);
    for (c, h) in heads.iter().enumerate() {
        super::put(ws, 0, c as u16, h, &f.header)?;
    }
    Ok(())
}

/// Writes a chain as an Excel workbook.
pub fn chain(c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let bytes = chain_bytes(c, opts.lang).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

fn chain_bytes(c: &Chain, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let v = crate::report::view::chain(c);
    let f = formats();
    let mut wb = workbook(describe::heading(&c.notices[0]))?;
    let ws = wb.add_worksheet();
    ws.set_name(captions::of(lang).chain)?;
    let mut heads: Vec<String> = vec![
        captions::of(lang).id.into(),
        captions::of(lang).section_column.into(),
        captions::of(lang).top_task.into(),
    ];
    // Per level, the status (with the 越级 and 待核实 marks) and the tasks that carry it
    // in columns of their own, so the autofilter lists statuses, not every combination
    // of status and task numbers.
    for k in 1..c.notices.len() {
        let level = level_heading(c, k);
        heads.push(format!("{level} {}", captions::of(lang).status));
        heads.push(format!("{level} {}", captions::of(lang).tasks_column));
    }
    let mut widths = Vec::new();
    header_row(ws, &heads, &f, &mut widths)?;
    for (i, r) in v.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let mut cells = vec![r.id.to_string(), r.section.join(" / "), r.text.to_string()];
        for (c, text) in cells.iter().enumerate() {
            super::put(ws, row, c as u16, text, &f.wrap)?;
        }
        for (k, cell) in r.cells.iter().enumerate() {
            let status = chain_status(cell, lang);
            let tasks = cell.ids().join(", ");
            let col = 3 + 2 * k as u16;
            super::put(ws, row, col, &status, &status_format(cell.status))?;
            super::put(ws, row, col + 1, &tasks, &f.wrap)?;
            cells.push(status);
            cells.push(tasks);
        }
        fit(&mut widths, &cells);
    }
    set_widths(ws, &widths, 50)?;
    ws.set_freeze_panes(1, 3)?;
    ws.autofilter(0, 0, v.rows.len() as u32, heads.len() as u16 - 1)?;
    print_setup(ws, 1)?;
    page_marks(ws, lang);

    let ws = wb.add_worksheet();
    ws.set_name("汇总 summary")?;
    let mut widths = vec![0usize; 8];
    let mut r = 0u32;
    warning_lines(ws, &mut r, &c.warnings, lang)?;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).level.into(),
            captions::of(lang).notice.into(),
            captions::of(lang).file.into(),
            captions::of(lang).tasks.into(),
        ],
        &f.header,
        &mut widths,
    )?;
    for (k, n) in c.notices.iter().enumerate() {
        line(
            ws,
            &mut r,
            &[
                format!("L{k} {}", describe::level(n)),
                describe::heading(n),
                describe::source_name(n),
                n.tasks.len().to_string(),
            ],
            &f.plain,
            &mut widths,
        )?;
    }
    r += 1;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).level_against_the_level_above.into(),
            captions::of(lang).coverage_pct.into(),
            report_label(Status::Carried, lang),
            report_label(Status::Reworded, lang),
            report_label(Status::Dropped, lang),
            report_label(Status::Added, lang),
        ],
        &f.header,
        &mut widths,
    )?;
    for (k, (n, s)) in v.levels.iter().enumerate() {
        line(
            ws,
            &mut r,
            &[
                format!("L{} → L{} {}", k, k + 1, n.display_name()),
                format!("{:.1}", s.coverage_pct),
                s.carried.to_string(),
                s.reworded.to_string(),
                s.dropped.to_string(),
                s.added.to_string(),
            ],
            &f.plain,
            &mut widths,
        )?;
    }
    set_widths(ws, &widths, 70)?;
    summary_print_setup(ws, lang);
    wb.save_to_buffer()
}

/// Writes a coverage run as an Excel workbook.
pub fn coverage(c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let bytes = coverage_bytes(c, opts.lang).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

fn coverage_bytes(c: &Coverage, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let n = c.localities.len();
    let mut wb = workbook(describe::heading(&c.upper))?;
    let ws = wb.add_worksheet();
    ws.set_name(captions::of(lang).matrix)?;
    let mut heads: Vec<String> = vec![
        captions::of(lang).id.into(),
        captions::of(lang).section_column.into(),
        captions::of(lang).upper_requirement.into(),
    ];
    heads.extend(c.localities.iter().map(|l| l.name.clone()));
    heads.push(captions::of(lang).localities_covering.into());
    let mut widths = Vec::new();
    header_row(ws, &heads, &f, &mut widths)?;
    for (i, r) in crate::report::view::coverage(c).matrix.iter().enumerate() {
        let row = i as u32 + 1;
        let t = r.task;
        let mut cells = vec![t.id.clone(), t.section.join(" / "), t.text.clone()];
        for (col, text) in cells.iter().enumerate() {
            super::put(ws, row, col as u16, text, &f.wrap)?;
        }
        for (k, cell) in r.cells.iter().enumerate() {
            let mut text = report_label(cell.status, lang);
            if cell.review {
                text.push('?');
            }
            super::put(ws, row, 3 + k as u16, &text, &status_format(cell.status))?;
            cells.push(text);
        }
        let covered = r.covered();
        ws.write_number_with_format(row, 3 + n as u16, covered as f64, &f.plain)?;
        fit(&mut widths, &cells);
    }
    set_widths(ws, &widths, 50)?;
    ws.set_freeze_panes(1, 3)?;
    ws.autofilter(0, 0, c.upper.tasks.len() as u32, heads.len() as u16 - 1)?;
    print_setup(ws, 1)?;
    page_marks(ws, lang);

    let ws = wb.add_worksheet();
    ws.set_name("汇总 summary")?;
    let mut widths = vec![0usize; 8];
    let mut r = 0u32;
    warning_lines(ws, &mut r, &c.all_warnings(), lang)?;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).upper_notice.into(),
            describe::heading(&c.upper),
        ],
        &f.plain,
        &mut widths,
    )?;
    r += 1;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).locality.into(),
            captions::of(lang).file.into(),
            captions::of(lang).coverage_pct.into(),
            report_label(Status::Carried, lang),
            report_label(Status::Reworded, lang),
            report_label(Status::Dropped, lang),
            report_label(Status::Added, lang),
        ],
        &f.header,
        &mut widths,
    )?;
    for l in &c.localities {
        let s = &l.summary;
        line(
            ws,
            &mut r,
            &[
                l.name.clone(),
                file_name(&l.source),
                format!("{:.1}", s.coverage_pct),
                s.carried.to_string(),
                s.reworded.to_string(),
                s.dropped.to_string(),
                s.added.to_string(),
            ],
            &f.plain,
            &mut widths,
        )?;
    }
    r += 1;
    line(
        ws,
        &mut r,
        &[
            captions::of(lang).id.into(),
            captions::of(lang).requirement_least_covered_first.into(),
            captions::of(lang).localities_covering.into(),
            report_label(Status::Carried, lang),
            report_label(Status::Reworded, lang),
            report_label(Status::Dropped, lang),
        ],
        &f.header,
        &mut widths,
    )?;
    for t in &c.tasks {
        // `line` writes number-looking text as numbers; the requirement is rewritten as text.
        let at = r;
        line(
            ws,
            &mut r,
            &[
                t.id.clone(),
                t.text.clone(),
                (t.carried + t.reworded).to_string(),
                t.carried.to_string(),
                t.reworded.to_string(),
                t.dropped.to_string(),
            ],
            &f.plain,
            &mut widths,
        )?;
        super::put(ws, at, 1, &t.text, &f.wrap)?;
    }
    if c.localities.iter().any(|l| l.review.contains(&true)) {
        r += 1;
        let legend = format!("? {}", describe::review_note(lang));
        super::put(ws, r, 0, &legend, &f.plain)?;
        r += 1;
    }
    if !c.failures.is_empty() {
        r += 1;
        line(
            ws,
            &mut r,
            &[
                captions::of(lang).inputs_skipped_column.into(),
                captions::of(lang).error.into(),
            ],
            &f.header,
            &mut widths,
        )?;
        for fl in &c.failures {
            line(
                ws,
                &mut r,
                &[
                    file_name(&fl.source),
                    crate::report::errors::skipped(fl, lang),
                ],
                &f.plain,
                &mut widths,
            )?;
        }
    }
    set_widths(ws, &widths, 70)?;
    summary_print_setup(ws, lang);
    wb.save_to_buffer()
}
