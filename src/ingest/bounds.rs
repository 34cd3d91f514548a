//! What a workbook says it holds, checked against the limits before calamine reads it.
//!
//! calamine sizes its buffers by what a file declares: the `uniqueCount` of an .xlsx's
//! shared strings (`Vec::reserve`), the DIMENSIONS record and the cell positions of an
//! .xls sheet (one grid cell for every position between the first and last cell), the
//! `number-rows-repeated` and `number-columns-repeated` of an .ods (up to 100 million
//! cells). A failed allocation aborts the process, which no guard can catch, so these
//! declarations are read here first — the zip's XML streamed through a small buffer, the
//! BIFF records walked without decoding them — and a file declaring more than the
//! limits is refused with what it declares. The same pass refuses XML whose text or tag
//! runs longer than [`MAX_XML_RUN`] without a `<` (a 200 MB shared string), which the
//! XML reader would otherwise hold, and copy, whole.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::IngestError;

/// The most grid cells a sheet may span, from its first to its last cell (as calamine
/// lays out an .xls or .ods sheet); a task table spans a few thousand.
pub const MAX_GRID_CELLS: u64 = 4_000_000;
/// The most shared strings an .xlsx may declare.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
/// The longest run of XML between two `<` (one text or one tag) in a workbook (1 MiB; an
/// Excel cell holds at most 32,767 characters).
pub const MAX_XML_RUN: usize = 1 << 20;

const FORMAT: &str = "spreadsheet workbook";

fn refuse(source: &str, reason: String) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason,
    }
}

/// Streams every XML part of a zip-based workbook (at most `max_total` bytes inflated
/// in all, counted as read): no run longer than [`MAX_XML_RUN`], at most
/// [`MAX_SHARED_STRINGS`] declared shared strings; for an .ods, the repeats of
/// `content.xml` within [`MAX_GRID_CELLS`].
pub(crate) fn check_zip(source: &str, bytes: &[u8], max_total: u64) -> Result<(), IngestError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        refuse(
            source,
            format!("damaged zip container (truncated or corrupt?): {e}"),
        )
    })?;
    let mut left = max_total;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| refuse(source, format!("damaged zip entry: {e}")))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let shared = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut scan = Scan::default();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(refuse(source, format!("{name}: cannot unpack: {e}"))),
            };
            if n as u64 > left {
                return Err(refuse(
                    source,
                    format!(
                        "the workbook unpacks to more than {} MiB; refusing to read it",
                        max_total / (1024 * 1024)
                    ),
                ));
            }
            left -= n as u64;
            scan.feed(&buf[..n]);
            if scan.longest > MAX_XML_RUN {
                return Err(refuse(
                    source,
                    format!(
                        "{name} holds a text or tag of more than {} KiB; refusing to read it",
                        MAX_XML_RUN / 1024
                    ),
                ));
            }
        }
        if shared
            && let Some(n) = unique_count(&scan.head)
            && n > MAX_SHARED_STRINGS
        {
            return Err(refuse(
                source,
                format!(
                    "{name} declares {n} shared strings (uniqueCount); the limit is {MAX_SHARED_STRINGS}"
                ),
            ));
        }
    }
    if zip.index_for_name("content.xml").is_some() {
        let entry = zip
            .by_name("content.xml")
            .map_err(|e| refuse(source, format!("damaged zip entry: {e}")))?;
        check_ods_repeats(source, std::io::BufReader::new(entry))?;
    }
    Ok(())
}

/// The longest run between `<`s of a stream fed in pieces, and its first 4 KiB.
#[derive(Default)]
struct Scan {
    run: usize,
    longest: usize,
    head: Vec<u8>,
}

impl Scan {
    fn feed(&mut self, piece: &[u8]) {
        if self.head.len() < 4096 {
            let take = (4096 - self.head.len()).min(piece.len());
            self.head.extend_from_slice(&piece[..take]);
        }
        for &b in piece {
            if b == b'<' {
                self.run = 0;
            } else {
                self.run += 1;
                self.longest = self.longest.max(self.run);
            }
        }
    }
}

/// The `uniqueCount` of the `<sst>` element at the head of a shared-strings part.
fn unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("<sst")?;
    let tag = &text[at..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let v = tag.split("uniqueCount=").nth(1)?;
    let v = v.trim_start_matches(['"', '\'']);
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    // More digits than a u64 holds is more than any limit.
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

fn attr_u64(e: &BytesStart, key: &str) -> Option<u64> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.trim().parse::<u64>().unwrap_or(u64::MAX))
}

/// One .ods table as calamine will lay it out.
#[derive(Default)]
struct OdsTable {
    /// Cells calamine keeps while reading rows (each row up to its last content cell).
    read_cells: u64,
    /// Rows read so far, repeats counted (where the next row starts).
    rows: u64,
    /// First and last row (repeats counted) holding content.
    first_row: Option<u64>,
    last_row: u64,
    /// One past the rightmost content column.
    width: u64,
    /// The row being read: its repeat count, column position and content end.
    row_repeats: u64,
    col: u64,
    row_end: u64,
}

impl OdsTable {
    fn grid(&self) -> u64 {
        match self.first_row {
            Some(first) => (self.last_row - first + 1).saturating_mul(self.width),
            None => 0,
        }
    }
}

/// Refuses an .ods whose repeated rows and columns lay out more than
/// [`MAX_GRID_CELLS`] grid cells in one table (calamine's own cap is 100 million).
fn check_ods_repeats(source: &str, input: impl std::io::BufRead) -> Result<(), IngestError> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut t = OdsTable::default();
    let too_many = |what: &str, n: u64| {
        refuse(
            source,
            format!(
                "a sheet's repeated rows and columns ({what}) lay out {n} cells; the limit is {MAX_GRID_CELLS}"
            ),
        )
    };
    loop {
        let (e, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.name().as_ref() == "table:table-row" {
                    t.rows = t.rows.saturating_add(t.row_repeats);
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) => break,
            // calamine reports damaged XML itself.
            Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" => t = OdsTable::default(),
            "table:table-row" => {
                t.row_repeats = attr_u64(&e, "table:number-rows-repeated").unwrap_or(1);
                t.col = 0;
                t.row_end = 0;
                if empty {
                    t.rows = t.rows.saturating_add(t.row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats = attr_u64(&e, "table:number-columns-repeated").unwrap_or(1);
                let content = !empty || attr_u64(&e, "office:value-type").is_some();
                t.col = t.col.saturating_add(repeats);
                if content && t.row_repeats > 0 {
                    t.row_end = t.col;
                    t.width = t.width.max(t.row_end);
                    t.first_row.get_or_insert(t.rows);
                    t.last_row = t.rows.saturating_add(t.row_repeats - 1);
                    // calamine keeps each row's cells once (up to its last content
                    // cell, at most 16,384), whatever the row's repeats.
                    t.read_cells = t.read_cells.saturating_add(repeats.min(16_384));
                    if t.read_cells > MAX_GRID_CELLS {
                        return Err(too_many("cells in rows", t.read_cells));
                    }
                    let grid = t.grid();
                    if grid > MAX_GRID_CELLS {
                        return Err(too_many("number-rows-repeated × columns", grid));
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// BIFF record types holding one cell, with its row at byte 0 and column at byte 2.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];
const MULRK: u16 = 0x00BD;
const DIMENSIONS: u16 = 0x0200;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;

/// Walks the BIFF records of an .xls workbook stream: each sheet's DIMENSIONS record
/// and the span of its cells must stay within [`MAX_GRID_CELLS`].
pub(crate) fn check_xls(source: &str, bytes: &[u8]) -> Result<(), IngestError> {
    let Ok(mut cf) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        // calamine reports the damage itself.
        return Ok(());
    };
    let name = if cf.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let mut stream = Vec::new();
    let Ok(s) = cf.open_stream(name) else {
        return Ok(());
    };
    // The stream is part of the file, so no longer than it. A workbook stream whose
    // sectors cannot be followed is refused here: calamine has its own compound-file
    // reader, which follows such a chain its own way, so its cells could not be checked
    // (a fuzzed 5 KB .xls so damaged asked it for 128 GiB).
    if s.take(bytes.len() as u64).read_to_end(&mut stream).is_err() {
        return Err(refuse(
            source,
            "its workbook stream is damaged (its sectors cannot be followed)".to_string(),
        ));
    }
    check_biff(source, &stream)
}

fn check_biff(source: &str, stream: &[u8]) -> Result<(), IngestError> {
    let refuse_grid = |what: &str, n: u64| {
        refuse(
            source,
            format!("a sheet's {what} {n} cells; the limit is {MAX_GRID_CELLS}"),
        )
    };
    let mut depth = 0usize;
    // (first row, last row, first column, last column) of the current sheet's cells.
    let mut span: Option<(u32, u32, u32, u32)> = None;
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        match typ {
            BOF => {
                depth += 1;
                if depth == 1 {
                    span = None;
                }
            }
            EOF => depth = depth.saturating_sub(1),
            DIMENSIONS if depth == 1 => {
                // As calamine reads it (BIFF8 14 or 16 bytes, BIFF5 10), counting rows
                // and columns with its wrapping arithmetic.
                let (rf, rl, mut cf, cl) = match data.len() {
                    10 => (
                        u16_at(0).unwrap_or(0) as u32,
                        u16_at(2).unwrap_or(0) as u32,
                        u16_at(4).unwrap_or(0) as u32,
                        u16_at(6).unwrap_or(0) as u32,
                    ),
                    14 | 16 => (
                        u32_at(0).unwrap_or(0),
                        u32_at(4).unwrap_or(0),
                        u16_at(8).unwrap_or(0) as u32,
                        u16_at(10).unwrap_or(0) as u32,
                    ),
                    _ => continue,
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                if rl >= 1 && cl >= 1 {
                    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
                    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
                    let n = rows.saturating_mul(cols);
                    if n > MAX_GRID_CELLS {
                        return Err(refuse_grid("DIMENSIONS record spans", n));
                    }
                }
            }
            t if depth == 1 && (CELL_RECORDS.contains(&t) || t == MULRK) => {
                let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) else {
                    continue;
                };
                let last_col = if t == MULRK && data.len() >= 2 {
                    u16_at(data.len() - 2).unwrap_or(col)
                } else {
                    col
                };
                let (row, c0, c1) = (row as u32, col as u32, last_col.max(col) as u32);
                let s = span.get_or_insert((row, row, c0, c1));
                *s = (s.0.min(row), s.1.max(row), s.2.min(c0), s.3.max(c1));
                let n = (s.1 - s.0 + 1) as u64 * (s.3 - s.2 + 1) as u64;
                if n > MAX_GRID_CELLS {
                    return Err(refuse_grid("cells span", n));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn number_cell(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn xls_cells_far_apart_are_refused() {
        let mut s = record(BOF, &[0; 16]);
        s.extend(number_cell(0, 0));
        s.extend(number_cell(100, 10));
        s.extend(record(EOF, &[]));
        assert!(check_biff("a.xls", &s).is_ok());
        let mut s = record(BOF, &[0; 16]);
        s.extend(number_cell(0, 0));
        s.extend(number_cell(65535, 255));
        let err = check_biff("a.xls", &s).unwrap_err().to_string();
        assert!(
            err.contains("a sheet's cells span 16777216 cells; the limit is 4000000"),
            "{err}"
        );
    }

    #[test]
    fn xls_dimensions_of_four_billion_rows_are_refused() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(u32::MAX.to_le_bytes());
        d.extend([0, 0, 1, 0, 0, 0]);
        let mut s = record(BOF, &[0; 16]);
        s.extend(record(DIMENSIONS, &d));
        let err = check_biff("a.xls", &s).unwrap_err().to_string();
        assert!(
            err.contains("DIMENSIONS record spans 4294967295 cells"),
            "{err}"
        );
    }

    #[test]
    fn unique_count_is_read_from_the_sst_tag() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="1000000000000">"#;
        assert_eq!(unique_count(head), Some(1_000_000_000_000));
        assert_eq!(
            unique_count(br#"<sst uniqueCount="99999999999999999999999">"#),
            Some(u64::MAX)
        );
        assert_eq!(unique_count(b"<sst count=\"2\">"), None);
    }

    #[test]
    fn ods_repeats_count_only_up_to_the_last_content() {
        let ok = r#"<office:document-content><table:table>
            <table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:document-content>"#;
        assert!(check_ods_repeats("a.ods", ok.as_bytes()).is_ok());
        let bomb = r#"<table:table>
            <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="50" office:value-type="float"/></table:table-row>
            </table:table>"#;
        let err = check_ods_repeats("a.ods", bomb.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("lay out 50000000 cells"), "{err}");
    }
}
