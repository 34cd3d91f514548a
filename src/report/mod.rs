//! A notice, an alignment, a chain or a coverage run → bytes in one of the output formats.
//!
//! Each output format has one renderer, a [`Renderer`]: it writes any of the three results
//! (a compare run's [`Alignment`], a [`Chain`], a [`Coverage`]) into a `dyn Write`, and
//! never prints. [`renderer`] picks the renderer for a [`Format`];
//! [`render`], [`render_chain`] and [`render_coverage`] are shorthands for it, and
//! [`write_atomic`] puts a report in place only once it is complete, so a failed run never
//! leaves a half-written file.
//!
//! | format | module |
//! |---|---|
//! | terminal table | [`terminal`] (`compare.rs`, `multi.rs` for chain and coverage) |
//! | JSON | [`json`](mod@json) |
//! | Markdown | [`markdown`] (`compare.rs`, `multi.rs`) |
//! | HTML | [`html`] (`compare.rs`, `multi.rs`, and their templates beside them) |
//! | CSV | [`csv`] |
//! | Excel | [`xlsx`] (`compare.rs`, `multi.rs`) |
//! | Word | [`docx`](mod@docx) |
//!
//! What a report shows is built once, in [`view`]: a compare run's per-task join (status,
//! links and their lower tasks, decision, review reason, candidates, rejected links),
//! sections and added tasks; a chain's rows with each level's status, marks and carrying
//! tasks, and its levels with their summaries; a coverage run's statuses per task and
//! locality; the memo
//! paragraph and the lists a report opens with. The renderers format it: the spreadsheet
//! rows of a compare run ([`rows`], for CSV, Excel and Word) too. Captions come from one
//! table per language ([`captions`]); shared wording of a result's data is in
//! [`describe`]; errors are worded in [`errors`]. `parse` and `eval` print only a table or
//! JSON: [`notice`] and [`eval`].

pub mod captions;
pub mod csv;
pub mod describe;
pub mod docx;
pub mod errors;
pub mod eval;
pub mod html;
pub mod json;
pub mod markdown;
pub mod notice;
pub mod rows;
pub mod terminal;
pub mod view;
pub mod xlsx;

pub use json::{json, to_json};

use crate::model::{Alignment, Chain, Coverage, Status};

use std::io::{self, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for the terminal.
    Table,
    Json,
    /// A Markdown report (`.md`).
    Markdown,
    /// A self-contained HTML page (`.html`).
    Html,
    /// One row per upper task, then the added lower tasks; UTF-8 with a BOM (`.csv`).
    Csv,
    /// The same rows as CSV in an Excel workbook, with a summary sheet (`.xlsx`).
    Xlsx,
    /// A Word document (`.docx`): memo, lists and the per-task table.
    Docx,
}

impl Format {
    /// Every output file extension and the format it names.
    pub const EXTENSIONS: [(&'static str, Format); 9] = [
        ("txt", Format::Table),
        ("json", Format::Json),
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("csv", Format::Csv),
        ("xlsx", Format::Xlsx),
        ("docx", Format::Docx),
    ];

    /// The format a file name's extension asks for.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|&(_, f)| f)
    }

    /// What a user calls a report of this format ("HTML report", "Excel workbook").
    pub fn describe(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "JSON",
            Format::Markdown => "Markdown report",
            Format::Html => "HTML report",
            Format::Csv => "CSV table",
            Format::Xlsx => "Excel workbook",
            Format::Docx => "Word document",
        }
    }

    /// Bytes a terminal cannot show (an .xlsx or .docx is a zip archive).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }

    /// The file extension a report of this format is written with (`xlsx`).
    pub fn extension(self) -> &'static str {
        Format::EXTENSIONS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("txt", |(e, _)| e)
    }
}

/// How to render a report, beside the format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// The language of labels and headings.
    pub lang: Lang,
    /// The width terminal tables wrap to (`None`: measure the terminal).
    pub width: Option<u16>,
    /// A generation time to print in Markdown and HTML reports; `None` keeps the output
    /// byte-for-byte reproducible.
    pub timestamp: Option<String>,
}

/// One output format's renderer: it writes each command's result into `out`.
pub trait Renderer {
    /// A compare run: the alignment of a lower notice's tasks to an upper notice's.
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
    /// A chain: a top notice followed down the levels.
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
    /// A coverage run: one upper notice against many lower notices.
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}

/// The renderer of `format`.
pub fn renderer(format: Format) -> &'static dyn Renderer {
    match format {
        Format::Table => &terminal::Terminal,
        Format::Json => &json::Json,
        Format::Markdown => &markdown::Markdown,
        Format::Html => &html::Html,
        Format::Csv => &csv::Csv,
        Format::Xlsx => &xlsx::Xlsx,
        Format::Docx => &docx::Docx,
    }
}

/// Renders an alignment in `format` into `out`.
pub fn render(
    format: Format,
    a: &Alignment,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    renderer(format).compare(a, opts, out)
}

/// Renders a chain (a top notice followed down the levels) in `format` into `out`.
pub fn render_chain(
    format: Format,
    c: &Chain,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    renderer(format).chain(c, opts, out)
}

/// Renders a coverage run (one upper notice against many) in `format` into `out`.
pub fn render_coverage(
    format: Format,
    c: &Coverage,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    renderer(format).coverage(c, opts, out)
}

/// The current time as an ISO 8601 UTC timestamp (`2024-05-01T08:30:00Z`), for
/// `--timestamp`.
pub fn utc_timestamp(now: SystemTime) -> String {
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

/// The language of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese labels (原文落实 …), the way auditors speak.
    #[default]
    Zh,
    /// English labels (carried …).
    En,
}

/// A status label in the chosen language.
pub fn label(status: Status, lang: Lang) -> String {
    match lang {
        Lang::Zh => status.zh().to_string(),
        Lang::En => status.as_str().to_string(),
    }
}

/// A status label in a file report: the auditors' Chinese word, with the English word
/// beside it in `--lang en` output (`原文落实 (carried)`).
pub fn report_label(status: Status, lang: Lang) -> String {
    match lang {
        Lang::Zh => status.zh().to_string(),
        Lang::En => legend_label(status),
    }
}

/// A status label for legends, in both languages: `原文落实 (carried)`.
pub fn legend_label(status: Status) -> String {
    format!("{} ({})", status.zh(), status.as_str())
}

/// Picks the Chinese or the English wording of a heading or caption.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

// Writing a report safely (a temporary file renamed into place, targets checked against
// the inputs) lives with the rest of the file-safety code.
pub use crate::fsafe::{ReportError, check_target, remove_pending, write_atomic};

/// Shortens a text to `max` characters with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        for (name, f) in [
            ("r.md", Format::Markdown),
            ("r.MARKDOWN", Format::Markdown),
            ("r.html", Format::Html),
            ("r.htm", Format::Html),
            ("r.csv", Format::Csv),
            ("r.xlsx", Format::Xlsx),
            ("r.docx", Format::Docx),
            ("r.json", Format::Json),
            ("r.txt", Format::Table),
        ] {
            assert_eq!(Format::from_extension(Path::new(name)), Some(f), "{name}");
        }
        assert_eq!(Format::from_extension(Path::new("r.pdf")), None);
    }

    #[test]
    fn timestamps_are_utc_iso() {
        use std::time::Duration;
        let t = UNIX_EPOCH + Duration::from_secs(1_709_251_199); // 2024-02-29 23:59:59
        assert_eq!(utc_timestamp(t), "2024-02-29T23:59:59Z");
        assert_eq!(utc_timestamp(UNIX_EPOCH), "1970-01-01T00:00:00Z");
    }
}
