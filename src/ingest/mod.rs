//! Bytes → clean text (and, for structured documents, tables).
//!
//! `ingest` is the only stage that touches files. It detects what a file is from its
//! content (text in UTF-8 or GB18030, a zip-based Word document, an HTML page, a PDF), refuses
//! what it cannot read with an [`IngestError`] naming the file and the problem, and hands
//! `parse` a [`Document`]: the cleaned text, the tables of a structured document, and
//! any warnings (invalid bytes, control characters) with the line they were on.

pub mod bounds;
pub mod docx;
/// The file-safety module, where `ingest` has always found it.
pub use crate::fsafe as file;
pub(crate) mod guard;
pub mod html;
pub mod legacy;
pub mod ocr;
pub mod ofd;
pub mod own;
pub mod pdf;
pub mod sheet;
pub mod text;

use std::path::Path;

pub use text::clean_text;

/// Default limit on the size of one input file (64 MiB).
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 64 * 1024 * 1024;

/// What kind of file an input is, when the caller wants to say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Detect from the content.
    #[default]
    Auto,
    Text,
    Docx,
    Html,
    /// A spreadsheet workbook: .xlsx, .xls, .ods (and WPS .et), told apart by content.
    Xlsx,
    /// A PDF (with a text layer, or a scan read by OCR).
    Pdf,
    /// An OFD document (GB/T 33190).
    Ofd,
    /// A page image (PNG, JPEG, TIFF) read by OCR.
    Image,
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub max_input_size: u64,
    pub format: InputFormat,
    /// Whether an old binary Word document may be handed to LibreOffice for conversion
    /// (when it is installed). Off in the fuzzing harnesses, which must not start programs.
    pub convert_legacy: bool,
    /// Whether scanned pages (image-only PDF pages, page images) may be read by OCR
    /// when the engine is installed. Off in the fuzzing harnesses.
    pub ocr: bool,
    /// Show a progress bar on stderr while scanned pages are read (the binary sets it
    /// when stderr is a terminal).
    pub progress: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_input_size: DEFAULT_MAX_INPUT_SIZE,
            format: InputFormat::Auto,
            convert_legacy: true,
            ocr: true,
            progress: false,
        }
    }
}

/// The text encoding a text input was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

/// What a structured document holds, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of cleaned text.
    Para(String),
    /// A table as rows of cleaned cells, merged cells already resolved.
    Table(Vec<Vec<String>>),
}

/// A problem that did not stop the read, as data ([`crate::model::NoticeWarning`]): the
/// parsed notice keeps it, and reports word it.
pub use crate::model::NoticeWarning as Warning;

/// A read input.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path or name it was read from.
    pub source: String,
    /// The cleaned text (for structured documents: paragraphs and cells, in order).
    pub text: String,
    /// For .docx and HTML: the paragraphs and tables in order; `None` for plain text,
    /// whose tables `parse` finds in the text itself.
    pub blocks: Option<Vec<Block>>,
    pub encoding: Option<Encoding>,
    pub warnings: Vec<Warning>,
    /// For a scan: what OCR read (`None` when the text was in the file).
    pub ocr: Option<OcrReading>,
}

/// What OCR read of a scanned notice: how many pages and characters, and how sure the
/// recognition model was of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrReading {
    /// Pages read (blank pages aside).
    pub pages: usize,
    /// Characters read.
    pub chars: usize,
    /// Characters read with a probability below [`ocr::LOW_CONFIDENCE`].
    pub uncertain: usize,
    /// The sum of the characters' probabilities (their mean is [`OcrReading::confidence`]).
    pub confidence_sum: f64,
    /// Each uncertain character in its context (up to two characters either side on its
    /// line, spaces left out) with its probability, in reading order: how `parse` finds
    /// the tasks that hold it.
    pub uncertain_spans: Vec<(String, f32)>,
}

impl OcrReading {
    /// The mean probability of the characters read (1 when none were).
    pub fn confidence(&self) -> f64 {
        if self.chars == 0 {
            1.0
        } else {
            self.confidence_sum / self.chars as f64
        }
    }
}

/// Why an input could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: is a directory, not a notice file")]
    IsDirectory { path: String },
    /// A named pipe, a device, a socket: refused before it is opened.
    #[error("{path}: is {kind}, not a notice file")]
    NotRegular { path: String, kind: &'static str },
    #[error("{path}: file is empty")]
    Empty { path: String },
    #[error("{path}: file holds only whitespace")]
    Blank { path: String },
    #[error(
        "{path}: file is too large ({size} bytes; the limit is {limit} bytes, see --max-input-size)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    /// Found larger than the limit while reading (`stat` said less, or nothing).
    #[error("{path}: file is too large (more than {limit} bytes, see --max-input-size)")]
    TooLargeRead { path: String, limit: u64 },
    #[error(
        "{path}: {what} is not supported; policydiff reads plain text (UTF-8 or GB18030), Word .docx (and .doc with LibreOffice), HTML pages, PDF with a text layer, OFD and spreadsheet workbooks: save it as .docx or text and try again"
    )]
    Unsupported { path: String, what: String },
    #[error(
        "{path}: {what}: policydiff reads it by converting it with LibreOffice, which is not installed (no soffice or libreoffice on PATH); save it as .docx in Word or WPS, or install LibreOffice, and try again"
    )]
    NeedsLibreOffice { path: String, what: String },
    #[error("{path}: cannot convert this old Word document: {reason}")]
    Conversion { path: String, reason: String },
    #[error("{path}: binary data, not a text notice (found {what})")]
    Binary { path: String, what: String },
    #[error(
        "{path}: the PDF has neither a text layer nor page images to read: use a PDF with text, or the notice as text or .docx"
    )]
    NoTextLayer { path: String },
    /// A scan (no text layer) or a page image, and the OCR engine is not installed.
    #[error(
        "{path}: {what}: reading it needs the OCR engine, which is not installed ({reason}); run scripts/install-ocr.sh (see README \"Scanned notices\"), or use the notice as text, .docx or a PDF with text"
    )]
    NeedsOcr {
        path: String,
        what: String,
        reason: String,
    },
    #[error("{path}: not a readable {format} file: {reason}")]
    Malformed {
        path: String,
        format: &'static str,
        reason: String,
    },
}

/// Reads and cleans one input file.
pub fn read_path(path: &Path, opts: &IngestOptions) -> Result<Document, IngestError> {
    let name = path.display().to_string();
    let bytes = file::read_regular(path, opts.max_input_size).map_err(|e| match e {
        file::ReadError::NotRegular("a directory") => {
            IngestError::IsDirectory { path: name.clone() }
        }
        file::ReadError::NotRegular(kind) => IngestError::NotRegular {
            path: name.clone(),
            kind,
        },
        file::ReadError::TooLarge {
            size: Some(size),
            limit,
        } => IngestError::TooLarge {
            path: name.clone(),
            size,
            limit,
        },
        file::ReadError::TooLarge { size: None, limit } => IngestError::TooLargeRead {
            path: name.clone(),
            limit,
        },
        file::ReadError::Io(source) => IngestError::Io {
            path: name.clone(),
            source,
        },
    })?;
    read_bytes(&name, &bytes, opts)
}

/// Reads and cleans an input already in memory; `source` names it in errors.
pub fn read_bytes(
    source: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    if bytes.len() as u64 > opts.max_input_size {
        return Err(IngestError::TooLarge {
            path: source.to_string(),
            size: bytes.len() as u64,
            limit: opts.max_input_size,
        });
    }
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: source.to_string(),
        });
    }
    let format = match opts.format {
        InputFormat::Auto => guard::guarded(source, "input", || sniff(source, bytes))?,
        f => f,
    };
    // Every reader runs behind the guard: a panic in it (or in the crate it calls) is
    // an error naming the file, so one damaged file never ends a run of many.
    let what = match format {
        InputFormat::Text | InputFormat::Auto => "text",
        InputFormat::Docx => "Word",
        InputFormat::Html => "HTML",
        InputFormat::Xlsx => "spreadsheet workbook",
        InputFormat::Pdf => "PDF",
        InputFormat::Ofd => "OFD",
        InputFormat::Image => "image",
    };
    guard::guarded(source, what, || match format {
        InputFormat::Text | InputFormat::Auto => text::read_text(source, bytes),
        InputFormat::Docx if is_ole(bytes) && ole_has_stream(bytes, &["WordDocument"]) => {
            legacy::read_doc(source, bytes, OLD_WORD, opts)
        }
        InputFormat::Docx => docx::read_docx(source, bytes, opts.max_input_size),
        InputFormat::Html => html::read_html(source, bytes),
        InputFormat::Xlsx => sheet::read_workbook(source, bytes, None),
        InputFormat::Pdf => pdf::read_pdf(source, bytes, opts),
        InputFormat::Ofd => ofd::read_ofd(source, bytes, opts.max_input_size),
        InputFormat::Image => pdf::read_image(source, bytes, opts),
    })
}

const OLD_WORD: &str = "an old binary Word (.doc) or WPS (.wps) document";

/// Does a file start with the signature of an OLE compound file (.doc, .xls, .wps, .et)?
pub(crate) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Does an OLE compound file hold a stream of one of these names at its root?
pub(crate) fn ole_has_stream(bytes: &[u8], names: &[&str]) -> bool {
    let Ok(cf) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return false;
    };
    names.iter().any(|n| cf.is_stream(format!("/{n}")))
}

/// Decides what an input is from its first bytes (not its name).
fn sniff(source: &str, bytes: &[u8]) -> Result<InputFormat, IngestError> {
    let unsupported = |what: &str| IngestError::Unsupported {
        path: source.to_string(),
        what: what.to_string(),
    };
    let binary = |what: &str| IngestError::Binary {
        path: source.to_string(),
        what: what.to_string(),
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if sheet::detect(bytes).is_some() {
            return Ok(InputFormat::Xlsx);
        }
        if ofd::detect(bytes) {
            return Ok(InputFormat::Ofd);
        }
        return Ok(InputFormat::Docx);
    }
    if is_ole(bytes) {
        if let Err(e) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) {
            return Err(IngestError::Malformed {
                path: source.to_string(),
                format: "old Office (OLE compound)",
                reason: format!("damaged container (truncated or corrupt?): {e}"),
            });
        }
        if sheet::detect(bytes).is_some() {
            return Ok(InputFormat::Xlsx);
        }
        if ole_has_stream(bytes, &["WordDocument"]) {
            return Ok(InputFormat::Docx);
        }
        return Err(unsupported(
            "an old Office (OLE compound) file that is neither a Word document nor a workbook",
        ));
    }
    // `%PDF-` may follow some junk (up to 1024 bytes, as readers allow).
    if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Ok(InputFormat::Pdf);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported("an RTF document"));
    }
    // A page image: read by OCR.
    for magic in [&b"\x89PNG"[..], b"\xFF\xD8\xFF", b"II*\0", b"MM\0*"] {
        if bytes.starts_with(magic) {
            return Ok(InputFormat::Image);
        }
    }
    for (magic, what) in [
        (&b"GIF8"[..], "a GIF image"),
        (&b"\x1F\x8B"[..], "gzip data"),
        (&b"\x7FELF"[..], "an executable"),
    ] {
        if bytes.starts_with(magic) {
            return Err(binary(what));
        }
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head_text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head_text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || (trimmed.starts_with("<?xml") && head_text.contains("<html"))
        // Browsers mark saved pages with a comment first (`<!-- saved from url=… -->`).
        || (trimmed.starts_with("<!--")
            && (head_text.contains("<html") || head_text.contains("<!doctype html")))
    {
        return Ok(InputFormat::Html);
    }
    Ok(InputFormat::Text)
}

/// The document of a structured input (.docx, HTML): paragraphs with line breaks split
/// into one paragraph per line, and the text `parse` numbers lines by.
pub(crate) fn structured_document(
    source: &str,
    blocks: Vec<Block>,
    encoding: Option<Encoding>,
    warnings: Vec<Warning>,
) -> Result<Document, IngestError> {
    let blocks = docx::split_paragraph_lines(blocks);
    if blocks.is_empty() {
        return Err(IngestError::Blank {
            path: source.to_string(),
        });
    }
    Ok(Document {
        source: source.to_string(),
        text: docx::blocks_text(&blocks),
        blocks: Some(blocks),
        encoding,
        warnings,
        ocr: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_detects_by_content_not_name() {
        assert_eq!(
            sniff("a.txt", b"PK\x03\x04rest").unwrap(),
            InputFormat::Docx
        );
        assert_eq!(
            sniff("a.txt", b"<!DOCTYPE html><html>").unwrap(),
            InputFormat::Html
        );
        assert_eq!(
            sniff(
                "a.txt",
                b"<!-- saved from url=(0022)http://x.gov.cn/ -->\n<html>"
            )
            .unwrap(),
            InputFormat::Html
        );
        assert_eq!(
            sniff("a.html", "通知".as_bytes()).unwrap(),
            InputFormat::Text
        );
        assert_eq!(sniff("a.txt", b"%PDF-1.4").unwrap(), InputFormat::Pdf);
        // Page images are read by OCR; other images are refused.
        assert_eq!(sniff("a.txt", b"\x89PNG\r\n").unwrap(), InputFormat::Image);
        assert_eq!(sniff("a", b"\xFF\xD8\xFF\xE0").unwrap(), InputFormat::Image);
        assert_eq!(sniff("a", b"II*\0rest").unwrap(), InputFormat::Image);
        assert!(matches!(
            sniff("a.txt", b"GIF89a"),
            Err(IngestError::Binary { .. })
        ));
    }

    #[test]
    fn empty_input_is_an_error_naming_the_file() {
        let err = read_bytes("x.txt", b"", &IngestOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: file is empty");
    }

    #[test]
    fn size_limit_is_enforced() {
        let opts = IngestOptions {
            max_input_size: 4,
            ..Default::default()
        };
        let err = read_bytes("big.txt", b"0123456789", &opts).unwrap_err();
        assert!(err.to_string().starts_with("big.txt: file is too large"));
    }
}
