//! Reports policydiff wrote itself, told by their content, so that `coverage` never reads
//! one back as a notice (`coverage UPPER DIR -o DIR/report.html`, run twice, would else
//! list the report as a locality at 100 %).
//!
//! The HTML reports carry `<meta name="generator" content="policydiff">` in their head;
//! the Excel reports name policydiff as their author (`dc:creator` in
//! `docProps/core.xml`), and so do the Word reports. The other report formats (.md, .json, .csv) have extensions
//! `coverage` does not read from a directory.

use std::io::{Cursor, Read};
use std::path::Path;

pub use crate::model::GENERATOR;

/// The largest file looked into for a report's mark (reports are far smaller).
const MAX_REPORT_SIZE: u64 = super::DEFAULT_MAX_INPUT_SIZE;

/// Which kind of policydiff report a file is, if it is one. Only a regular file is
/// opened: a named pipe would block, a device never end.
pub fn report_kind(path: &Path) -> Option<&'static str> {
    let (file, _) = super::file::open_regular(path).ok()?;
    let mut head = Vec::new();
    file.take(4096).read_to_end(&mut head).ok()?;
    if head.starts_with(b"PK\x03\x04") {
        // A workbook: its core properties (a few hundred bytes).
        let bytes = super::file::read_regular(path, MAX_REPORT_SIZE).ok()?;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let mut core = String::new();
        zip.by_name("docProps/core.xml")
            .ok()?
            .take(64 * 1024)
            .read_to_string(&mut core)
            .ok()?;
        let mark = format!("<dc:creator>{GENERATOR}</dc:creator>");
        if !core.contains(&mark) {
            return None;
        }
        if zip.index_for_name("xl/workbook.xml").is_some() {
            return Some("an Excel report");
        }
        return zip
            .index_for_name("word/document.xml")
            .is_some()
            .then_some("a Word report");
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let mark = format!("<meta name=\"generator\" content=\"{GENERATOR}\">");
    head.contains(&mark).then_some("an HTML report")
}
