//! PDF notices with a text layer: the task table rebuilt from positioned text.
//!
//! A printed table's text does not come in reading order (a section title wrapped
//! every few characters beside a requirement wrapped over many lines), so the reader
//! does not take the text stream as it comes. It interprets every page's content
//! (`content`: glyphs with their positions and text through the fonts' ToUnicode
//! CMaps, `font`; ruling lines), then lays the page out again (`layout`): cells
//! from the ruling lines, lines from baselines, paragraphs from indents and line ends,
//! tables joined across page breaks, running heads and page numbers dropped. It hands
//! `parse` the same [`Block`]s as the .docx and HTML readers.
//!
//! Objects, cross-reference data, decryption and stream filters are lopdf's (pure
//! Rust). What a file may cost is bounded: at most [`MAX_PAGES`] pages; decompressed
//! streams (object streams at load, page content) at most
//! [`DECOMPRESSION_FACTOR`] times the input size limit in all; a bounded number of
//! content operations and glyphs; Form XObjects nested at most
//! 8 (`content::MAX_FORM_DEPTH`) deep.
//!
//! Refused, with the file named: an encrypted file that does not open with an empty
//! password; a damaged file lopdf cannot read; a file without pages; a file without a
//! text layer whose pages hold no image to read, or a scan when the OCR engine is not
//! installed; one past the limits above.

pub(crate) mod content;
pub(crate) mod font;
mod images;
pub(crate) mod layout;
pub(crate) mod scan;

use lopdf::{Document, LoadOptions};

use super::{Block, IngestError, ocr};
use content::{Budget, Exhausted, Interpreter};

/// The most pages a PDF may have.
pub const MAX_PAGES: usize = 2000;
/// Decompressed data may be at most this many times the input size limit.
pub const DECOMPRESSION_FACTOR: u64 = 8;
/// The most content operations interpreted over the whole document.
const MAX_OPS: usize = 20_000_000;
/// The most glyphs shown over the whole document.
const MAX_GLYPHS: usize = 5_000_000;
/// The most ruling lines kept over the whole document.
const MAX_RULES: usize = 2_000_000;
/// The most bytes of text the glyphs, ActualText spans and ToUnicode maps of the whole
/// document may stand for (32 MiB; five million CJK characters are 15 MB).
const MAX_TEXT: usize = 32 << 20;
/// The most entries the fonts' ToUnicode maps and width arrays of the whole document
/// may hold (each font at most 1 M): some 150 MB at worst, where a font of a full CJK
/// character set holds 30,000. Past it, the file is refused.
const MAX_FONT_ENTRIES: usize = 4_000_000;

const FORMAT: &str = "PDF";

/// Reads a PDF already in memory; `source` names it in errors.
pub(crate) fn read_pdf(
    source: &str,
    bytes: &[u8],
    opts: &super::IngestOptions,
) -> Result<super::Document, IngestError> {
    let (blocks, warnings, ocr) = pdf_blocks_read(source, bytes, opts)?;
    let mut doc = super::structured_document(source, blocks, None, warnings)?;
    doc.ocr = ocr;
    Ok(doc)
}

/// The smallest side, in pixels, of a page image worth reading: one line of 10-point
/// text at 72 dpi.
const MIN_IMAGE_SIDE: u32 = 16;

/// Reads a page image (PNG, JPEG, TIFF) by OCR, as one page of A4 width.
pub(crate) fn read_image(
    source: &str,
    bytes: &[u8],
    opts: &super::IngestOptions,
) -> Result<super::Document, IngestError> {
    // The page's size in points: A4's width, the height in proportion.
    let (w, h) = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .ok_or_else(|| malformed_as(source, "image", "cannot read the image's size"))?;
    ocr::raster::check_size(w, h).map_err(|e| malformed_as(source, "image", e))?;
    // Refused before the engine is looked for, so the answer does not depend on it.
    if w < MIN_IMAGE_SIDE || h < MIN_IMAGE_SIDE {
        return Err(malformed_as(
            source,
            "image",
            format!("it is {w}×{h} pixels, too small to hold text"),
        ));
    }
    let width = 595.0;
    let height = width * f64::from(h) / f64::from(w);
    let pages = vec![ocr::ScanPage {
        image: ocr::PageImage::Encoded(bytes.to_vec()),
        width,
        height,
    }];
    let (laid, reading) = ocr::read_pages(source, "a page image", pages, opts)?;
    let blocks = clean_blocks(layout::blocks(laid));
    let mut doc = super::structured_document(source, blocks, None, Vec::new())?;
    doc.ocr = Some(reading);
    Ok(doc)
}

fn malformed_as(source: &str, format: &'static str, reason: impl Into<String>) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format,
        reason: reason.into(),
    }
}

fn malformed(source: &str, reason: impl Into<String>) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason: reason.into(),
    }
}

/// The paragraphs and tables of a PDF (for the tests, which look at the blocks alone).
#[cfg(test)]
pub(crate) fn pdf_blocks(
    source: &str,
    bytes: &[u8],
    max_input_size: u64,
) -> Result<Vec<Block>, IngestError> {
    let opts = super::IngestOptions {
        max_input_size,
        ocr: false,
        ..super::IngestOptions::default()
    };
    pdf_blocks_read(source, bytes, &opts).map(|(blocks, _, _)| blocks)
}

/// The paragraphs and tables of a PDF, and what was left out or damaged (whole-document
/// warnings: line 0).
type Read = (Vec<Block>, Vec<super::Warning>, Option<super::OcrReading>);

fn pdf_blocks_read(
    source: &str,
    bytes: &[u8],
    opts: &super::IngestOptions,
) -> Result<Read, IngestError> {
    Ok(match laid_pages(source, bytes, opts)? {
        Laid::Text(laid, mut warnings) => {
            let (blocks, unruled) = layout::blocks_counted(laid);
            if unruled > 0 {
                warnings.push(super::Warning::PdfTooManyRules {
                    pages: unruled,
                    limit: layout::MAX_RULE_PAIRS,
                });
            }
            (clean_blocks(blocks), warnings, None)
        }
        Laid::Scanned(read) => read,
    })
}

/// The paragraphs and tables of laid-out pages, their text cleaned (shared with the OFD
/// reader, which lays out its pages the same way).
pub(crate) fn layout_blocks(laid: Vec<layout::Page>) -> Vec<Block> {
    clean_blocks(layout::blocks(laid))
}

/// One page's positioned text and ruling lines, in points from the page's top left
/// corner (y downwards): what the layout works from. For writers of other positioned
/// formats (`examples/ofd.rs` writes OFD copies of PDF notices with it).
#[derive(Debug, Clone)]
pub struct PositionedPage {
    pub width: f64,
    pub height: f64,
    /// (text, left, right, baseline, font size) of every visible glyph.
    pub glyphs: Vec<(String, f64, f64, f64, f64)>,
    /// (left, top, right, bottom) of every ruling line.
    pub rules: Vec<[f64; 4]>,
}

/// The positioned text and ruling lines of a PDF's pages, read as `parse` reads them
/// (a PDF with a text layer; a scan is refused as without OCR).
pub fn positioned(
    source: &str,
    bytes: &[u8],
    max_input_size: u64,
) -> Result<Vec<PositionedPage>, IngestError> {
    let opts = super::IngestOptions {
        max_input_size,
        ocr: false,
        ..super::IngestOptions::default()
    };
    let Laid::Text(laid, _) = laid_pages(source, bytes, &opts)? else {
        return Err(IngestError::NoTextLayer {
            path: source.to_string(),
        });
    };
    Ok(laid
        .into_iter()
        .map(|p| PositionedPage {
            width: p.width,
            height: p.height,
            glyphs: p
                .glyphs
                .into_iter()
                .map(|g| (g.text, g.x0, g.x1, g.y, g.size))
                .collect(),
            rules: p.rules.iter().map(|r| [r.x0, r.y0, r.x1, r.y1]).collect(),
        })
        .collect())
}

/// A PDF's pages interpreted and turned top-down with what was left out or damaged, or,
/// for a scan, what OCR read.
enum Laid {
    Text(Vec<layout::Page>, Vec<super::Warning>),
    Scanned(Read),
}

fn laid_pages(
    source: &str,
    bytes: &[u8],
    opts: &super::IngestOptions,
) -> Result<Laid, IngestError> {
    let max_input_size = opts.max_input_size;
    let cap = usize::try_from(max_input_size.saturating_mul(DECOMPRESSION_FACTOR))
        .unwrap_or(usize::MAX)
        .max(1 << 20);
    let options = LoadOptions {
        max_decompressed_size: Some(cap),
        ..LoadOptions::default()
    };
    // lopdf builds every object of the file at once (some 60 times an array's bytes):
    // counted first, without building anything.
    scan::check(bytes, cap).map_err(|r| {
        malformed(
            source,
            match r {
                scan::Refusal::Tokens(_) => format!(
                    "it holds more than {} objects (numbers, names, strings); refusing to load it",
                    scan::MAX_TOKENS
                ),
                scan::Refusal::Inflates(cap) => {
                    format!("a compressed stream inflates past {cap} bytes (see --max-input-size)")
                }
                scan::Refusal::Filter(f) => {
                    format!("an object stream is compressed with /{f}, which is not read")
                }
            },
        )
    })?;
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => malformed(
            source,
            "it is encrypted with a password; open it with the password and save an unprotected copy",
        ),
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            malformed(
                source,
                format!("a compressed stream inflates past {cap} bytes (see --max-input-size)"),
            )
        }
        e => malformed(source, first_line(&e.to_string())),
    })?;
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed)
        && !tail.windows(5).any(|w| w == b"%%EOF")
    {
        return Err(malformed(
            source,
            "the file is cut short (its end, the cross-reference table and %%EOF, is missing: an incomplete download?)",
        ));
    }
    if doc.is_encrypted() {
        return Err(malformed(
            source,
            "it is encrypted with a password; open it with the password and save an unprotected copy",
        ));
    }
    // Not `get_pages()`: it sizes its buffer by the page tree's `/Count`, which a file
    // may set to 10^12 (an allocation that aborts). Count the pages the tree holds.
    let total = doc.page_iter().count();
    if total == 0 {
        return Err(malformed(source, "it has no pages"));
    }
    if total > MAX_PAGES {
        return Err(malformed(
            source,
            format!("it has {total} pages; the limit is {MAX_PAGES}"),
        ));
    }
    let pages: Vec<lopdf::ObjectId> = doc.page_iter().take(MAX_PAGES).collect();
    let mut interp = Interpreter::new(
        &doc,
        Budget {
            bytes: cap,
            ops: MAX_OPS,
            glyphs: MAX_GLYPHS,
            rules: MAX_RULES,
            text: MAX_TEXT,
            entries: MAX_FONT_ENTRIES,
        },
    );
    let mut laid = Vec::with_capacity(pages.len());
    let mut text_glyphs = 0usize;
    let mut shown = 0usize;
    let mut hidden = 0usize;
    let mut damage: Vec<(usize, crate::model::PdfDamage)> = Vec::new();
    for (n, &id) in pages.iter().enumerate() {
        let page = interp.page(id).map_err(|e| {
            malformed(
                source,
                match e {
                    Exhausted::Bytes => {
                        format!("its page content inflates past {cap} bytes (see --max-input-size)")
                    }
                    Exhausted::Ops => {
                        format!("its pages hold more than {MAX_OPS} drawing operations")
                    }
                    Exhausted::Glyphs => {
                        format!("its pages show more than {MAX_GLYPHS} characters")
                    }
                    Exhausted::Text => format!(
                        "its characters stand for more than {} MiB of text",
                        MAX_TEXT >> 20
                    ),
                    Exhausted::Entries => format!(
                        "its fonts' character maps and widths hold more than {MAX_FONT_ENTRIES} entries"
                    ),
                },
            )
        })?;
        hidden += page.hidden;
        if let Some(d) = &page.damage {
            damage.push((n + 1, d.clone()));
        }
        text_glyphs += page
            .glyphs
            .iter()
            .filter(|g| g.text.chars().any(|c| !c.is_whitespace()))
            .count();
        shown += page.glyphs.len();
        laid.push(layout::Page::new(page, content::media_box(&doc, id)));
    }
    if text_glyphs == 0 && !damage.is_empty() {
        return Err(malformed(
            source,
            format!(
                "it is damaged: {}",
                damage
                    .iter()
                    .map(|(page, d)| format!("page {page}: {}", damage_words(d)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ));
    }
    if text_glyphs == 0 && shown > 0 {
        return Err(malformed(
            source,
            format!(
                "it shows {shown} characters, but its fonts do not say which (no ToUnicode map): the text cannot be read"
            ),
        ));
    }
    if text_glyphs == 0 {
        // A scan: the pages' images, read by OCR.
        let scans: Vec<ocr::ScanPage> = pages
            .iter()
            .map(|&id| {
                let m = content::media_box(&doc, id);
                ocr::ScanPage {
                    image: images::page_image(&doc, id, cap),
                    width: (m[2] - m[0]).max(1.0),
                    height: (m[3] - m[1]).max(1.0),
                }
            })
            .collect();
        if scans
            .iter()
            .all(|p| matches!(p.image, ocr::PageImage::Blank))
        {
            return Err(IngestError::NoTextLayer {
                path: source.to_string(),
            });
        }
        let (laid, reading) =
            ocr::read_pages(source, "a scanned PDF (no text layer)", scans, opts)?;
        return Ok(Laid::Scanned((
            ocr::closing_stops(clean_blocks(layout::blocks(laid))),
            Vec::new(),
            Some(reading),
        )));
    }
    let mut warnings = Vec::new();
    if hidden > 0 {
        warnings.push(super::Warning::PdfHiddenText { chars: hidden });
    }
    for (page, damage) in damage.into_iter().take(10) {
        warnings.push(super::Warning::PdfDamaged { page, damage });
    }
    Ok(Laid::Text(laid, warnings))
}

/// A page's damage in the words of [`IngestError::Malformed`], which is worded in English
/// (a readable page's damage is a warning, worded by the reports).
fn damage_words(d: &crate::model::PdfDamage) -> String {
    match d {
        crate::model::PdfDamage::Content { detail } => {
            format!("its content cannot be decoded ({detail})")
        }
        crate::model::PdfDamage::At { byte } => {
            format!("its content cannot be read at byte {byte}; the line there was skipped")
        }
        crate::model::PdfDamage::Form { detail } => {
            format!("a form on it cannot be decoded ({detail})")
        }
    }
}

/// The layout's blocks with their text cleaned, empty paragraphs left out.
fn clean_blocks(blocks: Vec<Block>) -> Vec<Block> {
    let clean = |t: String| super::clean_text(&t).trim().to_string();
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Para(p) => Block::Para(clean(p)),
            Block::Table(rows) => Block::Table(
                rows.into_iter()
                    .map(|r| r.into_iter().map(clean).collect())
                    .collect(),
            ),
        })
        .filter(|b| !matches!(b, Block::Para(p) if p.is_empty()))
        .collect()
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(bytes: &[u8]) -> Vec<Block> {
        pdf_blocks("t.pdf", bytes, crate::ingest::DEFAULT_MAX_INPUT_SIZE).unwrap()
    }

    #[test]
    fn type0_identity_h_with_tounicode_widths_kerning_and_actualtext() {
        let blocks = blocks_of(include_bytes!("../../../tests/data/pdf/type0.pdf"));
        assert_eq!(
            blocks,
            vec![
                // The ruled row: two cells, the kerned `TJ` read as one word.
                Block::Table(vec![vec!["1".into(), "政敀".into()]]),
                // U+2F2F given by ActualText as 工.
                Block::Para("工".into()),
            ]
        );
    }

    #[test]
    fn chromium_print_keeps_every_character_of_a_prose_notice() {
        let blocks = blocks_of(include_bytes!(
            "../../../tests/data/pdf/jiujiang-city-2021.pdf"
        ));
        let text: String = blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => p.clone(),
                Block::Table(_) => panic!("no tables in a prose notice"),
            })
            .collect();
        let source = include_str!("../../../corpus/jiujiang-city-2021.txt");
        let want: String = crate::ingest::clean_text(source)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let got: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(got, want);
        // Items wrapped over lines and pages are one paragraph each.
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b, Block::Para(p) if p.starts_with("（二十九）")))
        );
        let items = blocks
            .iter()
            .filter(|b| matches!(b, Block::Para(p) if p.starts_with('（')))
            .count();
        assert_eq!(items, 29 + 1, "29 items and 此件主动公开");
    }

    #[test]
    fn glyphs_without_a_unicode_map_are_not_called_a_scan() {
        // type0.pdf without its ToUnicode CMap and its ActualText span (same lengths).
        let bytes = include_bytes!("../../../tests/data/pdf/type0.pdf").to_vec();
        let text = String::from_utf8_lossy(&bytes)
            .replace(" /ToUnicode 7 0 R", "                 ")
            .replace(
                "/Span <</ActualText <FEFF5DE5>>> BDC",
                "                                    ",
            )
            .replace(" EMC Q", "     Q");
        let err = pdf_blocks("t.pdf", text.as_bytes(), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("no ToUnicode map"), "{err}");
    }

    #[test]
    fn page_count_and_garbage_are_errors() {
        let err = pdf_blocks("x.pdf", b"%PDF-1.4\nnothing here", 1 << 20).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.pdf: not a readable PDF file"),
            "{err}"
        );
    }
}
