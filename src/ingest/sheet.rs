//! Spreadsheet workbooks (.xlsx, .xls, .ods, and WPS's .et, which is one of the first two
//! inside): the sheet holding the task table, as one [`Block::Table`].
//!
//! The cells are read with calamine (pure Rust, all three formats). Which sheet holds the
//! table is decided by its header row — the first row with at least two cells that are
//! column names of a task table ([`crate::lexicon::is_header_word`]: 序号, 工作任务,
//! 责任单位 …); every sheet with one is read, in workbook order, and when none has one the
//! first sheet with any text is read whole. Rows above the header (the title row
//! `某市2022年政务公开重点工作任务分工`, a note such as `填报说明：…`) are no part of the
//! table: they become paragraphs before it, where `parse` reads the title's year and
//! the issuer as it does the cover letter of a .docx.
//!
//! What becomes of the cells:
//! - **merged cells** hold their value in the top-left cell only; the other cells of the
//!   region read empty, in all three formats. That is the shape the .docx reader gives a
//!   vertically merged cell (see [`super::docx`]), and what `parse::table` resolves: an
//!   empty section, unit or deadline cell inherits the value of the row above within the
//!   table (the merged region is filled down there), and an empty number cell marks a row
//!   that continues the task above. Copying a merged number into every row of its region
//!   here would instead make each continuation row a task of its own;
//! - a **line break** inside a cell (Alt+Enter) is kept as `\n`, as in a .docx cell;
//! - **numbers** read as written: a task number stored as the float `1.0` reads `1`;
//! - **dates**: a cell formatted as a date, and a bare serial number (between the years
//!   1990 and 2100) in a column whose header names a deadline (时限, 时间 …), read as
//!   `2022年6月30日`, which `parse` reads as a deadline;
//! - formula cells read as their cached value; error cells (`#N/A`) read empty;
//! - a **blank row** ends a table, as a blank line between tables does in a text: the
//!   rows after it are a table of their own, which inherits no cells from the one above;
//! - a row whose one filled cell is a **section heading** (`四、加强基层政务公开`, merged
//!   across the table) is a paragraph between tables, as such a heading is in a text.
//!
//! Limits, so that a small file cannot take unbounded time or memory: the XML parts of a
//! zip-based workbook may unpack to at most [`MAX_WORKBOOK_XML`] in all (declared sizes,
//! checked before anything is unpacked, then counted as they are streamed once by
//! [`super::bounds`], which also checks what calamine would size its buffers by:
//! shared-string counts, .xls dimensions and cell spans, .ods repeats), a sheet may hold at most [`MAX_CELLS`] non-empty
//! cells and [`MAX_COLUMNS`] columns, and an .xlsx sheet is read as a stream of its
//! cells, never as a grid sized by its declared dimensions.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

use super::{Block, Document, IngestError, clean_text};
use crate::lexicon::{ColumnKind, column_kind, heading_level, is_header_word};

/// The most the XML parts of an .xlsx or .ods may unpack to, in all (256 MiB).
pub const MAX_WORKBOOK_XML: u64 = 256 * 1024 * 1024;
/// The most non-empty cells one sheet may hold (a task table has a few thousand).
pub const MAX_CELLS: usize = 1_000_000;
/// The most rows with content one sheet may hold (a task table has a few hundred).
pub const MAX_ROWS: usize = 100_000;
/// The most columns a task table may span; cells further right are refused.
pub const MAX_COLUMNS: u32 = 1024;

const FORMAT: &str = "spreadsheet workbook";

/// Which workbook format a file is, as detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Office Open XML (.xlsx, .xlsm; WPS .et saved in the new format).
    Xlsx,
    /// BIFF8 in an OLE compound file (.xls; WPS .et of older versions).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
}

fn malformed(source: &str, reason: impl Into<String>) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason: reason.into(),
    }
}

/// Reads a workbook already in memory; `source` names it in errors. With `kind` `None`
/// the format is found from the content (for `--input-format xlsx`).
pub(crate) fn read_workbook(
    source: &str,
    bytes: &[u8],
    kind: Option<Kind>,
) -> Result<Document, IngestError> {
    let kind = match kind {
        Some(k) => k,
        None => detect(bytes).ok_or_else(|| {
            malformed(
                source,
                "not an .xlsx, .xls or .ods workbook (no xl/workbook.xml, content.xml or Workbook stream)",
            )
        })?,
    };
    let sheets = match kind {
        Kind::Xlsx => {
            check_unpacked_size(source, bytes)?;
            super::bounds::check_zip(source, bytes, MAX_WORKBOOK_XML)?;
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
                .map_err(|e| malformed(source, format!("damaged .xlsx workbook: {e}")))?;
            read_xlsx_sheets(source, &mut wb)?
        }
        Kind::Ods => {
            check_unpacked_size(source, bytes)?;
            super::bounds::check_zip(source, bytes, MAX_WORKBOOK_XML)?;
            let wb: Ods<_> = Ods::new(Cursor::new(bytes))
                .map_err(|e| malformed(source, format!("damaged .ods workbook: {e}")))?;
            read_grid_sheets(source, wb)?
        }
        Kind::Xls => {
            super::bounds::check_xls(source, bytes)?;
            let wb: Xls<_> = Xls::new(Cursor::new(bytes))
                .map_err(|e| malformed(source, format!("damaged .xls workbook: {e}")))?;
            read_grid_sheets(source, wb)?
        }
    };
    super::structured_document(source, sheet_blocks(sheets), None, Vec::new())
}

/// The workbook format of a zip or OLE file, if it is one.
pub(crate) fn detect(bytes: &[u8]) -> Option<Kind> {
    if super::is_ole(bytes) {
        return super::ole_has_stream(bytes, &["Workbook", "Book"]).then_some(Kind::Xls);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if zip.index_for_name("xl/workbook.xml").is_some() {
        return Some(Kind::Xlsx);
    }
    if zip.index_for_name("content.xml").is_some() {
        let mut mimetype = String::new();
        zip.by_name("mimetype")
            .ok()?
            .take(128)
            .read_to_string(&mut mimetype)
            .ok()?;
        if mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
            return Some(Kind::Ods);
        }
    }
    None
}

/// Refuses a zip whose entries declare more than [`MAX_WORKBOOK_XML`] unpacked.
fn check_unpacked_size(source: &str, bytes: &[u8]) -> Result<(), IngestError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        malformed(
            source,
            format!("damaged zip container (truncated or corrupt?): {e}"),
        )
    })?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| malformed(source, format!("damaged zip entry: {e}")))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_WORKBOOK_XML {
        return Err(malformed(
            source,
            format!(
                "the workbook unpacks to more than {} MiB; refusing to read it",
                MAX_WORKBOOK_XML / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// One sheet's non-empty cells: (row, column) → value, in order.
type Cells = BTreeMap<(u32, u32), Value>;

/// A cell's value as read, before it becomes text.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Date { y: u16, m: u8, d: u8 },
}

fn too_many(source: &str, sheet: &str, what: &str) -> IngestError {
    malformed(
        source,
        format!("sheet {sheet:?} holds more than {what}; refusing to read it"),
    )
}

/// One sheet's cells as they are read, within the limits.
struct Collect<'a> {
    source: &'a str,
    sheet: &'a str,
    cells: Cells,
    rows: std::collections::BTreeSet<u32>,
}

impl<'a> Collect<'a> {
    fn new(source: &'a str, sheet: &'a str) -> Self {
        Collect {
            source,
            sheet,
            cells: Cells::new(),
            rows: Default::default(),
        }
    }

    fn insert(&mut self, (row, col): (u32, u32), value: Option<Value>) -> Result<(), IngestError> {
        let Some(value) = value else { return Ok(()) };
        let (source, sheet) = (self.source, self.sheet);
        if col >= MAX_COLUMNS {
            return Err(too_many(source, sheet, &format!("{MAX_COLUMNS} columns")));
        }
        self.cells.insert((row, col), value);
        self.rows.insert(row);
        if self.cells.len() > MAX_CELLS {
            return Err(too_many(source, sheet, &format!("{MAX_CELLS} cells")));
        }
        if self.rows.len() > MAX_ROWS {
            return Err(too_many(source, sheet, &format!("{MAX_ROWS} rows")));
        }
        Ok(())
    }
}

/// The sheets of an .xlsx, each streamed cell by cell.
fn read_xlsx_sheets<RS: Read + Seek>(
    source: &str,
    wb: &mut Xlsx<RS>,
) -> Result<Vec<(String, Cells)>, IngestError> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let mut cells = Collect::new(source, &name);
        let mut reader = match wb.worksheet_cells_reader(&name) {
            Ok(r) => r,
            // A chart sheet or a sheet the workbook lists without a part: nothing to read.
            Err(calamine::XlsxError::WorksheetNotFound(_)) => continue,
            Err(e) => return Err(malformed(source, format!("sheet {name:?}: {e}"))),
        };
        loop {
            let cell = reader
                .next_cell()
                .map_err(|e| malformed(source, format!("sheet {name:?}: {e}")))?;
            let Some(cell) = cell else { break };
            let value = value_of_ref(cell.get_value());
            cells.insert(cell.get_position(), value)?;
        }
        drop(reader);
        let cells = cells.cells;
        out.push((name, cells));
    }
    Ok(out)
}

/// The sheets of an .xls or .ods (calamine reads these as whole grids, which their
/// formats bound: 65,536 × 256 cells for .xls, and calamine caps the repeats of .ods).
fn read_grid_sheets<RS: Read + Seek, R: Reader<RS>>(
    source: &str,
    mut wb: R,
) -> Result<Vec<(String, Cells)>, IngestError>
where
    R::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| malformed(source, format!("sheet {name:?}: {e}")))?;
        let mut cells = Collect::new(source, &name);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (row, col, data) in range.used_cells() {
            let pos = (r0 + row as u32, c0 + col as u32);
            cells.insert(pos, value_of(data))?;
        }
        let cells = cells.cells;
        out.push((name, cells));
    }
    Ok(out)
}

fn text_value(s: &str) -> Option<Value> {
    let lines: Vec<String> = s
        .split(['\n', '\r'])
        .map(clean_text)
        .filter(|l| !l.trim().is_empty())
        .collect();
    (!lines.is_empty()).then(|| Value::Text(lines.join("\n")))
}

fn date_value(dt: &calamine::ExcelDateTime) -> Option<Value> {
    if !dt.is_datetime() {
        return Some(Value::Number(dt.as_f64()));
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Some(Value::Date { y, m, d })
}

/// An ISO date (`2022-06-30`, `2022-06-30T00:00:00`) as .ods stores dates.
fn iso_date(s: &str) -> Option<Value> {
    let date = s.split('T').next()?;
    let mut parts = date.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some(Value::Date { y, m, d })
}

fn value_of(data: &Data) -> Option<Value> {
    match data {
        Data::String(s) => text_value(s),
        Data::Int(i) => Some(Value::Number(*i as f64)),
        Data::Float(f) => Some(Value::Number(*f)),
        Data::Bool(b) => Some(Value::Text(b.to_string())),
        Data::DateTime(dt) => date_value(dt),
        Data::DateTimeIso(s) => iso_date(s).or_else(|| text_value(s)),
        Data::DurationIso(s) => text_value(s),
        Data::Error(_) | Data::Empty => None,
    }
}

fn value_of_ref(data: &DataRef<'_>) -> Option<Value> {
    match data {
        DataRef::String(s) => text_value(s),
        DataRef::SharedString(s) => text_value(s),
        DataRef::Int(i) => Some(Value::Number(*i as f64)),
        DataRef::Float(f) => Some(Value::Number(*f)),
        DataRef::Bool(b) => Some(Value::Text(b.to_string())),
        DataRef::DateTime(dt) => date_value(dt),
        DataRef::DateTimeIso(s) => iso_date(s).or_else(|| text_value(s)),
        DataRef::DurationIso(s) => text_value(s),
        DataRef::Error(_) | DataRef::Empty => None,
    }
}

fn date_text(y: u16, m: u8, d: u8) -> String {
    format!("{y}年{m}月{d}日")
}

/// A number as written: integers without a fraction (`1.0` → `1`).
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel serial day number (1900 system) as a date, if it falls between 1990 and
/// 2100 — the years a deadline can name.
fn serial_date(f: f64) -> Option<(u16, u8, u8)> {
    // 32874 = 1990-01-01, 73051 = 2100-01-01.
    if !(32874.0..73051.0).contains(&f) || f.fract() != 0.0 {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(f, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Some((y, m, d))
}

/// The cells of one row, as text, left to right from column 0 to its last cell.
fn row_texts(row: &BTreeMap<u32, &Value>, deadline_cols: &[u32]) -> Vec<String> {
    let Some(&last) = row.keys().next_back() else {
        return Vec::new();
    };
    (0..=last)
        .map(|c| match row.get(&c) {
            None => String::new(),
            Some(Value::Text(s)) => s.clone(),
            Some(Value::Date { y, m, d }) => date_text(*y, *m, *d),
            Some(Value::Number(f)) => match serial_date(*f) {
                Some((y, m, d)) if deadline_cols.contains(&c) => date_text(y, m, d),
                _ => number_text(*f),
            },
        })
        .collect()
}

/// Is a row a section heading standing on its own (`四、加强基层政务公开` in one cell,
/// merged across the table), rather than a row of the table?
fn is_heading_row(cells: &[String]) -> bool {
    let mut filled = cells.iter().filter(|c| !c.trim().is_empty());
    match (filled.next(), filled.next()) {
        (Some(c), None) => c.chars().count() <= 40 && heading_level(c.trim()).is_some(),
        _ => false,
    }
}

/// Does a row name the columns of a task table?
fn is_header_row(cells: &[String]) -> bool {
    cells
        .iter()
        .filter(|c| {
            let c: String = c.split_whitespace().collect();
            !c.is_empty() && c.chars().count() <= 12 && is_header_word(&c)
        })
        .count()
        >= 2
}

/// The blocks of a workbook: for each sheet with a header row, the rows above it as
/// paragraphs and the rest as a table; with no header anywhere, the first sheet with
/// text as one table.
fn sheet_blocks(sheets: Vec<(String, Cells)>) -> Vec<Block> {
    let mut by_rows: Vec<Vec<(u32, BTreeMap<u32, &Value>)>> = Vec::new();
    for (_, cells) in &sheets {
        let mut rows: BTreeMap<u32, BTreeMap<u32, &Value>> = BTreeMap::new();
        for (&(r, c), v) in cells {
            rows.entry(r).or_default().insert(c, v);
        }
        by_rows.push(rows.into_iter().collect());
    }
    let header_at = |rows: &[(u32, BTreeMap<u32, &Value>)]| {
        rows.iter()
            .position(|(_, cells)| is_header_row(&row_texts(cells, &[])))
    };
    let mut blocks = Vec::new();
    let with_header: Vec<(usize, usize)> = by_rows
        .iter()
        .enumerate()
        .filter_map(|(i, rows)| header_at(rows).map(|h| (i, h)))
        .collect();
    let chosen: Vec<(usize, usize)> = if with_header.is_empty() {
        by_rows
            .iter()
            .position(|rows| !rows.is_empty())
            .map(|i| (i, 0))
            .into_iter()
            .collect()
    } else {
        with_header
    };
    for (i, h) in chosen {
        let rows = &by_rows[i];
        for (_, cells) in &rows[..h] {
            let line = row_texts(cells, &[])
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            blocks.push(Block::Para(line));
        }
        let header = row_texts(&rows[h].1, &[]);
        let deadline_cols: Vec<u32> = if is_header_row(&header) {
            header
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty() && column_kind(c) == ColumnKind::Deadline)
                .map(|(i, _)| i as u32)
                .collect()
        } else {
            Vec::new()
        };
        // A blank row ends a table, as a blank line does in a text: what follows is a
        // table of its own (rows inherit empty cells only within one table).
        let mut table: Vec<Vec<String>> = Vec::new();
        let mut last = rows[h].0;
        for (r, cells) in &rows[h..] {
            let texts = row_texts(cells, &deadline_cols);
            let gap = *r > last + 1;
            last = *r;
            if (gap || is_heading_row(&texts)) && !table.is_empty() {
                blocks.push(Block::Table(std::mem::take(&mut table)));
            }
            if is_heading_row(&texts) {
                blocks.push(Block::Para(texts.concat()));
                continue;
            }
            table.push(texts);
        }
        if !table.is_empty() {
            blocks.push(Block::Table(table));
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut wb = Workbook::new();
        build(wb.add_worksheet());
        wb.save_to_buffer().unwrap()
    }

    fn table(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .as_ref()
            .unwrap()
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t.clone()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn numbers_dates_and_line_breaks_read_as_written() {
        let bytes = xlsx(|ws| {
            ws.write(0, 0, "某市2022年政务公开重点工作任务分工")
                .unwrap();
            ws.write(1, 0, "填报说明：请于每月底前报送").unwrap();
            for (c, h) in ["序号", "工作任务", "责任单位", "完成时限"]
                .iter()
                .enumerate()
            {
                ws.write(2, c as u16, *h).unwrap();
            }
            ws.write_number(3, 0, 1.0).unwrap();
            ws.write(3, 1, "做好规划公开，\n及时发布解读").unwrap();
            ws.write(3, 2, "市发改委").unwrap();
            let date = ExcelDateTime::from_ymd(2022, 6, 30).unwrap();
            ws.write_datetime_with_format(3, 3, &date, &Format::new().set_num_format("yyyy/m/d"))
                .unwrap();
            ws.write_number(4, 0, 2.0).unwrap();
            ws.write(4, 1, "做好预算公开").unwrap();
            // A date typed as a bare serial number in the deadline column.
            ws.write_number(4, 3, 44926.0).unwrap();
            ws.write_number(5, 0, 3.5).unwrap();
        });
        let doc = read_workbook("t.xlsx", &bytes, None).unwrap();
        let blocks = doc.blocks.as_ref().unwrap();
        assert_eq!(
            blocks[0],
            Block::Para("某市2022年政务公开重点工作任务分工".into())
        );
        assert_eq!(blocks[1], Block::Para("填报说明：请于每月底前报送".into()));
        let t = table(&doc);
        assert_eq!(t[0], ["序号", "工作任务", "责任单位", "完成时限"]);
        assert_eq!(
            t[1],
            [
                "1",
                "做好规划公开，\n及时发布解读",
                "市发改委",
                "2022年6月30日"
            ]
        );
        assert_eq!(t[2], ["2", "做好预算公开", "", "2022年12月31日"]);
        assert_eq!(t[3], ["3.5"]);
    }

    #[test]
    fn merged_cells_read_in_their_first_cell_only() {
        let bytes = xlsx(|ws| {
            for (c, h) in ["序号", "工作任务", "责任单位", "完成时限"]
                .iter()
                .enumerate()
            {
                ws.write(0, c as u16, *h).unwrap();
            }
            ws.merge_range(1, 3, 2, 3, "6月底前", &Format::new())
                .unwrap();
            ws.write(1, 0, 1).unwrap();
            ws.write(2, 0, 2).unwrap();
            ws.write(1, 1, "甲任务要求").unwrap();
            ws.write(2, 1, "乙任务要求").unwrap();
        });
        let t = table(&read_workbook("m.xlsx", &bytes, None).unwrap());
        assert_eq!(t[1], ["1", "甲任务要求", "", "6月底前"]);
        assert_eq!(t[2], ["2", "乙任务要求"]);
    }

    #[test]
    fn the_sheet_with_the_header_is_read() {
        let mut wb = Workbook::new();
        wb.add_worksheet().write(0, 0, "说明页").unwrap();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "序号").unwrap();
        ws.write(0, 1, "责任单位").unwrap();
        ws.write(1, 0, 1).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let doc = read_workbook("s.xlsx", &bytes, None).unwrap();
        assert_eq!(
            doc.blocks.unwrap(),
            vec![Block::Table(vec![
                vec!["序号".into(), "责任单位".into()],
                vec!["1".into()]
            ])]
        );
    }

    #[test]
    fn too_many_columns_is_refused() {
        let bytes = xlsx(|ws| {
            ws.write(0, 0, "序号").unwrap();
            ws.write(0, 2000, "x").unwrap();
        });
        let err = read_workbook("w.xlsx", &bytes, None).unwrap_err();
        assert!(err.to_string().contains("more than 1024 columns"), "{err}");
    }

    #[test]
    fn detection_by_content() {
        let bytes = xlsx(|ws| {
            ws.write(0, 0, "x").unwrap();
        });
        assert_eq!(detect(&bytes), Some(Kind::Xlsx));
        assert_eq!(detect(b"PK\x03\x04junk"), None);
    }
}
