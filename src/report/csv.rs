//! CSV tables: UTF-8 with a byte-order mark so Excel reads the Chinese right, CRLF line
//! ends, quoted by hand per RFC 4180. A compare run gives the rows of
//! [`crate::report::rows`] (text a spreadsheet would run as a formula defused); a chain a
//! row per top task with status, via and tasks per level; a coverage run the matrix of
//! upper tasks × localities.

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage};
use crate::report::rows::{headers, rows};
use crate::report::{Lang, RenderOptions, Renderer, label};

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

/// CSV: UTF-8 with a byte-order mark, CRLF line ends, a header row.
pub fn csv(a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    csv_line(out, &headers(opts.lang).map(String::from))?;
    for row in rows(a, opts.lang) {
        csv_line(out, &row.cells(opts.lang))?;
    }
    Ok(())
}

/// One CSV row per top task: id, section, text, then status, via and tasks per level.
pub fn chain_csv(c: &Chain, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut header = vec![
        "id".to_string(),
        "section".to_string(),
        "requirement".to_string(),
    ];
    for n in &c.notices[1..] {
        let name = n.display_name();
        header.push(format!("{name} status"));
        header.push(format!("{name} via"));
        header.push(format!("{name} tasks"));
    }
    out.write_all(csv_row(&header).as_bytes())?;
    for r in &c.rows {
        let mut row = vec![r.id.clone(), r.section.join(" / "), r.text.clone()];
        for cell in &r.cells {
            row.push(label(cell.status, lang));
            row.push(format!("{:?}", cell.via).to_lowercase());
            row.push(cell.tasks.join(" "));
        }
        out.write_all(csv_row(&row).as_bytes())?;
    }
    Ok(())
}

/// The matrix: a row per upper task (in the notice's order), a column per locality.
pub fn coverage_csv(c: &Coverage, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut header = vec![
        "id".to_string(),
        "section".to_string(),
        "requirement".to_string(),
    ];
    header.extend(c.localities.iter().map(|l| l.name.clone()));
    out.write_all(csv_row(&header).as_bytes())?;
    for (i, t) in c.upper.tasks.iter().enumerate() {
        let mut row = vec![t.id.clone(), t.section.join(" / "), t.text.clone()];
        row.extend(c.localities.iter().map(|l| label(l.statuses[i], lang)));
        out.write_all(csv_row(&row).as_bytes())?;
    }
    let mut row = vec!["coverage %".to_string(), String::new(), String::new()];
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
    fn chain_and_coverage_rows_are_defused_like_compare_rows() {
        let row = csv_row(&["=HYPERLINK(\"x\")", "a,b", "7"]);
        assert_eq!(row, "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",7\r\n");
    }
}
