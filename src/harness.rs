//! The fuzzing harnesses, shared by the cargo-fuzz targets in `fuzz/` and by the ordinary
//! tests that replay every input under `tests/data/bad/`: whatever the bytes, reading,
//! parsing and comparing return a value or a typed error, and never panic.

use crate::align::{AlignOptions, align};
use crate::ingest::{IngestOptions, InputFormat, read_bytes};
use crate::parse::parse_document;
use crate::segment::Segmenter;

/// How the harnesses read: as `format`, and never handing an old Word document to
/// LibreOffice (a fuzzer would otherwise start a program per generated .doc).
fn options(format: InputFormat) -> IngestOptions {
    IngestOptions {
        format,
        convert_legacy: false,
        ocr: false,
        ..IngestOptions::default()
    }
}

/// Ingest and parse arbitrary bytes; the tasks found, or 0 on a typed error.
pub fn parse_bytes(bytes: &[u8]) -> usize {
    match read_bytes("fuzz.txt", bytes, &options(InputFormat::Auto)) {
        Ok(doc) => match parse_document(&doc) {
            Ok(n) => {
                // Everything a notice holds must serialise.
                let _ = serde_json::to_vec(&n).map(|v| v.len());
                n.tasks.len()
            }
            Err(_) => 0,
        },
        Err(_) => 0,
    }
}

/// Read arbitrary bytes as one format only (the .docx, HTML or workbook reader alone,
/// which content sniffing would rarely reach), then parse; the tasks found, or 0.
pub fn parse_as(bytes: &[u8], format: InputFormat) -> usize {
    match read_bytes("fuzz", bytes, &options(format)) {
        Ok(doc) => parse_document(&doc).map_or(0, |n| n.tasks.len()),
        Err(_) => 0,
    }
}

/// Compare two notices made from arbitrary bytes, split at the first `\0\0` (or in half).
pub fn compare_bytes(bytes: &[u8], seg: &Segmenter) -> usize {
    let (a, b) = match bytes.windows(2).position(|w| w == [0, 0]) {
        Some(i) => (&bytes[..i], &bytes[i + 2..]),
        None => bytes.split_at(bytes.len() / 2),
    };
    let opts = options(InputFormat::Auto);
    let read = |x: &[u8]| {
        read_bytes("fuzz.txt", x, &opts)
            .ok()
            .and_then(|d| parse_document(&d).ok())
    };
    match (read(a), read(b)) {
        (Some(u), Some(l)) if crate::align::check_size(&u, &l).is_ok() => {
            let al = align(u, l, seg, &AlignOptions::default());
            al.links.len()
        }
        _ => 0,
    }
}

pub mod ofd;
pub mod readers;

/// Hostile inputs, built in memory: the bombs of issue 17 (`examples/hostile.rs` writes them
/// to files for `bench/hostile.sh`; `tests/e2e/hostile_inputs.rs` runs the binary on them).
pub mod hostile {
    use std::io::Write;

    /// A zip archive of these entries, deflated, in order.
    pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, bytes) in entries {
            zip.start_file(*name, opts).expect("zip entry");
            zip.write_all(bytes).expect("zip write");
        }
        zip.finish().expect("zip finish");
        out.into_inner()
    }

    /// `word/document.xml` around a body.
    pub fn document_xml(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes()
    }

    /// A .docx whose only part is `word/document.xml` with this body.
    pub fn docx(body: &str) -> Vec<u8> {
        zip(&[("word/document.xml", &document_xml(body))])
    }

    const TASK: &str = "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p><w:p><w:r><w:t>1.做好政府信息公开工作，提升政务公开质量。</w:t></w:r></w:p>";

    /// `cells` table cells, each declaring `w:gridSpan` = `span`, 10 to a row.
    pub fn grid_span(cells: usize, span: usize) -> Vec<u8> {
        let cell = format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>"#
        );
        let row = format!("<w:tr>{}</w:tr>", cell.repeat(10));
        docx(&format!("{TASK}<w:tbl>{}</w:tbl>", row.repeat(cells / 10)))
    }

    /// One row whose properties repeat `w:gridBefore` = `n`, `times` times.
    pub fn grid_before(times: usize, n: usize) -> Vec<u8> {
        let before = format!(r#"<w:gridBefore w:val="{n}"/>"#).repeat(times);
        docx(&format!(
            "{TASK}<w:tbl><w:tr><w:trPr>{before}</w:trPr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        ))
    }

    /// `depth` tables nested cell in cell, each cell with a short paragraph, and
    /// `text_len` characters of text in the innermost.
    pub fn nested_tables(depth: usize, text_len: usize) -> Vec<u8> {
        let text = "公开".repeat(text_len / 2);
        docx(&format!(
            "{TASK}{}<w:p><w:r><w:t>{text}</w:t></w:r></w:p>{}",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p>".repeat(depth),
            "</w:tc></w:tr></w:tbl>".repeat(depth)
        ))
    }

    /// A .docx whose `word/document.xml` unpacks to about `bytes` bytes of paragraphs.
    pub fn inflating(bytes: usize) -> Vec<u8> {
        let para = "<w:p><w:r><w:t>做好政府信息公开工作，提升政务公开质量。</w:t></w:r></w:p>";
        docx(&format!("{TASK}{}", para.repeat(bytes / para.len())))
    }

    /// A .docx with two `word/document.xml` entries: a decoy first, the real text second.
    pub fn duplicate_entry() -> Vec<u8> {
        let decoy = document_xml("<w:p><w:r><w:t>1.诱饵文本，并非通知。</w:t></w:r></w:p>");
        let real = document_xml(TASK);
        // The zip writer refuses a repeated name: write another name of the same length and
        // rename it in the local and the central headers (the CRC covers only the data).
        let mut bytes = zip(&[("word/document.xml", &decoy), ("word/documenX.xml", &real)]);
        let (from, to) = (b"word/documenX.xml", b"word/document.xml");
        let mut i = 0;
        while i + from.len() <= bytes.len() {
            if &bytes[i..i + from.len()] == from {
                bytes[i..i + from.len()].copy_from_slice(to);
            }
            i += 1;
        }
        bytes
    }

    const NOTICE: &str = "政务公开工作要点\n一、总体要求\n1.做好政府信息公开工作，提升政务公开质量。\n2.加强政策解读，及时回应社会关切。\n3.推进基层政务公开标准化规范化建设。\n";

    /// A UTF-8 page that declares `gb2312` and holds one invalid byte.
    pub fn html_mislabelled() -> Vec<u8> {
        let body: String = NOTICE.lines().map(|l| format!("<p>{l}</p>\n")).collect();
        let mut page = format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"gb2312\"><title>政务公开工作要点</title></head><body>\n{body}</body></html>\n"
        )
        .into_bytes();
        let at = page.len() - 30;
        page.insert(at, 0xFF);
        page
    }

    /// UTF-8 notice text with an invalid byte after every few characters.
    pub fn utf8_many_invalid() -> Vec<u8> {
        let mut out = Vec::new();
        for line in NOTICE.repeat(3).lines() {
            for (i, c) in line.chars().enumerate() {
                out.extend(c.to_string().as_bytes());
                if i % 3 == 2 {
                    out.push(0x80 + (i % 60) as u8);
                }
            }
            out.push(b'\n');
        }
        out
    }
}
