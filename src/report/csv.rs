//! CSV tables: UTF-8 with a byte-order mark so Excel reads the Chinese right, CRLF line
//! ends, quoted by hand per RFC 4180. A compare run gives the rows of
//! [`crate::report::rows`] (text a spreadsheet would run as a formula defused); a chain a
//! row per top task with status, via and tasks per level; a coverage run the matrix of
//! upper tasks × localities.

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage, Via, Warning};
use crate::report::captions;
use crate::report::rows::{headers, rows};
use crate::report::{Lang, RenderOptions, Renderer, describe, label};

/// The CSV renderer.
pub struct Csv;

impl Renderer for Csv {
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        csv(a, opts, out)
    }
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        chain_csv(c, opts.lang, out)
    }
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        coverage_csv(c, opts.lang, out)
    }
}

/// One CSV record, each field quoted and defused by [`csv_field`], with CRLF.
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let cells: Vec<String> = fields.iter().map(|f| csv_field(f.as_ref())).collect();
    format!("{}\r\n", cells.join(","))
}

/// What a spreadsheet may take for the start of a formula (OWASP's list): `=`, `+`, `-`,
/// `@`, a tab, a carriage return.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Quotes a CSV field when it needs it (RFC 4180), and defuses text a spreadsheet would
/// run as a formula ([`FORMULA_STARTS`]) with a leading apostrophe. Every CSV field of
/// every command goes through here.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(FORMULA_STARTS) {
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
    out.write_all(csv_row(cells).as_bytes())
}

/// Would Excel read this task number as a date or a number other than as written
/// (`3-2` as 2 March, `16-3` as 16 March, `1.10` as 1.1, `3/2` as a date)? A number of
/// digits and the separators `-./:` with at least one separator.
fn excel_misreads(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | ':'))
        && id.contains(['-', '.', '/', ':'])
}

/// A task-number field: as [`csv_field`], except that a number Excel would turn into a
/// date or another number (digits and `-./:` with a separator) is written as the text
/// formula `="3-2"`, which Excel and LibreOffice show as `3-2`. Only digits and
/// separators ever go inside the formula, so it cannot run anything.
pub fn csv_id_field(id: &str) -> String {
    if excel_misreads(id) {
        format!("\"=\"\"{id}\"\"\"")
    } else {
        csv_field(id)
    }
}

/// One CSV record whose fields at `ids` are task numbers ([`csv_id_field`]).
fn csv_row_ids(fields: &[String], ids: &[usize]) -> String {
    let cells: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if ids.contains(&i) {
                csv_id_field(f)
            } else {
                csv_field(f)
            }
        })
        .collect();
    format!("{}\r\n", cells.join(","))
}

/// The report's warnings as comment lines above the header (`# ⚠ 请先核实：…`), so a
/// reader of the table sees them first; nothing when there are none. Readers that skip
/// comments (`pandas.read_csv(comment="#")`) read the table as before.
fn warning_lines(out: &mut dyn Write, warnings: &[Warning], lang: Lang) -> io::Result<()> {
    for w in crate::report::describe::warnings(warnings, lang) {
        let line = format!(
            "# ⚠ {}{}{}",
            crate::report::describe::warnings_heading(lang),
            captions::of(lang).colon,
            w.replace(['\r', '\n'], " ")
        );
        out.write_all(csv_row(&[line]).as_bytes())?;
    }
    Ok(())
}

/// CSV: UTF-8 with a byte-order mark, CRLF line ends, a header row.
pub fn csv(a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    warning_lines(out, &a.warnings, opts.lang)?;
    csv_line(out, &headers(opts.lang).map(String::from))?;
    for row in rows(a, opts.lang) {
        // The upper id and the lower ids.
        out.write_all(csv_row_ids(&row.cells(opts.lang), &[0, 6]).as_bytes())?;
    }
    Ok(())
}

/// One CSV row per top task: id, section, text, then per level its status, how the task
/// got there (逐级, 越级), the tasks that carry it and the 待核实 mark.
pub fn chain_csv(c: &Chain, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let v = crate::report::view::chain(c);
    let cap = captions::of(lang);
    out.write_all("\u{feff}".as_bytes())?;
    warning_lines(out, &c.warnings, lang)?;
    let mut header = vec![
        cap.id.to_string(),
        cap.section_column.to_string(),
        cap.requirement.to_string(),
    ];
    for (n, _) in &v.levels {
        let name = n.display_name();
        header.push(format!("{name} {}", cap.status));
        header.push(format!("{name} {}", cap.via));
        header.push(format!("{name} {}", cap.tasks_column));
        header.push(format!("{name} {}", cap.needs_review));
    }
    out.write_all(csv_row(&header).as_bytes())?;
    for r in &v.rows {
        let mut row = vec![r.id.to_string(), r.section.join(" / "), r.text.to_string()];
        for cell in &r.cells {
            row.push(label(cell.status, lang));
            row.push(
                match cell.via {
                    Via::Chain => cap.via_chain,
                    Via::Direct => cap.direct,
                    Via::None => cap.via_none,
                }
                .to_string(),
            );
            row.push(cell.ids().join(" "));
            row.push(if cell.review {
                describe::review_label(lang).to_string()
            } else {
                String::new()
            });
        }
        // The top id; each level's tasks column when it holds one task.
        let ids: Vec<usize> = std::iter::once(0)
            .chain((0..r.cells.len()).map(|k| CHAIN_TASKS + CHAIN_COLUMNS * k))
            .collect();
        out.write_all(csv_row_ids(&row, &ids).as_bytes())?;
    }
    Ok(())
}

/// The columns per level of a chain CSV (status, via, tasks, 待核实).
const CHAIN_COLUMNS: usize = 4;
/// The first level's tasks column.
const CHAIN_TASKS: usize = 5;

/// The matrix: a row per upper task (in the notice's order), a column per locality.
pub fn coverage_csv(c: &Coverage, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let cap = captions::of(lang);
    out.write_all("\u{feff}".as_bytes())?;
    warning_lines(out, &c.all_warnings(), lang)?;
    let mut header = vec![
        cap.id.to_string(),
        cap.section_column.to_string(),
        cap.requirement.to_string(),
    ];
    header.extend(c.localities.iter().map(|l| l.name.clone()));
    out.write_all(csv_row(&header).as_bytes())?;
    for r in &crate::report::view::coverage(c).matrix {
        let t = r.task;
        let mut row = vec![t.id.clone(), t.section.join(" / "), t.text.clone()];
        row.extend(r.cells.iter().map(|cell| label(cell.status, lang)));
        out.write_all(csv_row_ids(&row, &[0]).as_bytes())?;
    }
    let mut row = vec![
        cap.coverage_pct_row.to_string(),
        String::new(),
        String::new(),
    ];
    row.extend(
        c.localities
            .iter()
            .map(|l| format!("{:.1}", l.summary.coverage_pct)),
    );
    out.write_all(csv_row(&row).as_bytes())
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
        // OWASP's formula starts, tab and carriage return included.
        assert_eq!(csv_field("\t=1"), "'\t=1");
        assert_eq!(csv_field("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2+3"), "'-2+3");
    }

    #[test]
    fn ids_excel_would_misread_are_text_formulas() {
        assert_eq!(csv_id_field("3-2"), "\"=\"\"3-2\"\"\"");
        assert_eq!(csv_id_field("16-3"), "\"=\"\"16-3\"\"\"");
        assert_eq!(csv_id_field("1.10"), "\"=\"\"1.10\"\"\"");
        // Plain numbers, words and anything else go through csv_field.
        assert_eq!(csv_id_field("12"), "12");
        assert_eq!(csv_id_field(""), "");
        assert_eq!(csv_id_field("-3"), "'-3");
        assert_eq!(csv_id_field("3-2\"+x"), "\"3-2\"\"+x\"");
        assert_eq!(
            csv_row_ids(&["3-2".into(), "3-2".into()], &[0]),
            "\"=\"\"3-2\"\"\",3-2\r\n"
        );
    }

    #[test]
    fn chain_and_coverage_rows_are_defused_like_compare_rows() {
        let row = csv_row(&["=HYPERLINK(\"x\")", "a,b", "7"]);
        assert_eq!(row, "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",7\r\n");
    }
}
