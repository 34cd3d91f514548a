//! Word `.docx` documents: the paragraphs and tables of `word/document.xml`, in order.
//!
//! The zip container is opened in memory and `word/document.xml` is read with a streaming
//! XML reader, never unpacked whole: its uncompressed size is capped
//! ([`MAX_DOCUMENT_XML`]) so that a small zip cannot unpack into gigabytes.
//!
//! What becomes of the markup:
//! - a paragraph (`w:p`) outside a table is one [`Block::Para`]; a line break in it
//!   (`w:br`, `w:cr`) starts a new one, as a new line would in a text export;
//! - a table (`w:tbl`) is one [`Block::Table`] of rows of cells; the paragraphs of a cell
//!   and the line breaks inside them are joined with `\n`;
//! - **merged cells** keep their grid positions and the text stands only in the first
//!   one. A cell spanning `n` grid columns (`w:gridSpan`) is emitted once and followed by
//!   `n - 1` empty cells; a cell continuing a vertical merge (`w:vMerge` without
//!   `restart`) is emitted empty; skipped grid columns at a row's start (`w:gridBefore`)
//!   are empty cells. This is what the same table looks like when copied as text (the
//!   corpus' lezhi notice: continuation rows with empty number, task-name and unit
//!   cells), and it is what `parse::table` expects: an empty number cell marks a row
//!   that continues the numbered row above, and empty unit or deadline cells inherit
//!   the row group's. Copying the text of the merged cell into each row instead would
//!   turn every continuation row into a new task with a repeated number;
//! - a table nested in a cell is flattened into that cell's text (its rows on lines of
//!   their own, cells separated by spaces);
//! - deleted text of tracked changes (`w:delText`), field codes (`w:instrText`) and the
//!   fallback copy of alternate content (`mc:Fallback`) are left out.
//!
//! Every paragraph and cell goes through [`clean_text`].

use std::cell::Cell;
use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Block, Document, IngestError, clean_text};

/// The most `word/document.xml` may unpack to (256 MiB). Real notices are a few
/// megabytes at most; anything above is refused rather than unpacked.
pub const MAX_DOCUMENT_XML: u64 = 256 * 1024 * 1024;

const FORMAT: &str = "Word .docx";

/// Reads a `.docx` file already in memory; `source` names it in errors.
pub(crate) fn read_docx(source: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    read_docx_capped(source, bytes, MAX_DOCUMENT_XML)
}

fn malformed(source: &str, reason: impl Into<String>) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason: reason.into(),
    }
}

fn read_docx_capped(source: &str, bytes: &[u8], cap: u64) -> Result<Document, IngestError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        malformed(
            source,
            format!("damaged zip container (truncated or corrupt?): {e}"),
        )
    })?;
    let entry = match archive.by_name("word/document.xml") {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(malformed(
                source,
                "not a Word document: no word/document.xml in the zip archive",
            ));
        }
        Err(e) => {
            return Err(malformed(
                source,
                format!("cannot open word/document.xml: {e}"),
            ));
        }
    };
    let too_large = || {
        malformed(
            source,
            format!(
                "word/document.xml unpacks to more than {} MiB; refusing to read it",
                cap / (1024 * 1024)
            ),
        )
    };
    if entry.size() > cap {
        return Err(too_large());
    }
    let exceeded = Cell::new(false);
    let capped = Capped {
        inner: entry,
        left: cap,
        exceeded: &exceeded,
    };
    let blocks = match read_document_xml(BufReader::new(capped)) {
        Ok(blocks) => blocks,
        Err(_) if exceeded.get() => return Err(too_large()),
        Err(e) => return Err(malformed(source, format!("damaged word/document.xml: {e}"))),
    };
    super::structured_document(source, blocks, None, Vec::new())
}

/// A reader that fails once more than `left` bytes have been read from it.
struct Capped<'a, R> {
    inner: R,
    left: u64,
    exceeded: &'a Cell<bool>,
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            self.exceeded.set(true);
            return Err(std::io::Error::other("size limit exceeded"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A table being read: its rows, the row and the cell being read.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<CellBuilder>,
}

#[derive(Default)]
struct CellBuilder {
    text: String,
    paragraphs: usize,
    span: usize,
    continues_merge: bool,
}

impl TableBuilder {
    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let row = self.row.get_or_insert_with(Vec::new);
        row.push(if cell.continues_merge {
            String::new()
        } else {
            clean_text(cell.text.trim_matches('\n')).trim().to_string()
        });
        // A spanning cell keeps its grid columns: the text in the first, the rest empty.
        for _ in 1..cell.span.clamp(1, MAX_SPAN) {
            row.push(String::new());
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take()
            && !row.is_empty()
        {
            self.rows.push(row);
        }
    }

    /// The table as text, for a table nested in a cell.
    fn flattened(mut self) -> String {
        self.end_row();
        self.rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Grid spans above this are damaged files, not tables.
const MAX_SPAN: usize = 1000;

/// The reader's state between events.
#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    /// Tables being read, innermost last.
    tables: Vec<TableBuilder>,
    /// The paragraph being read (paragraphs in text boxes nest inside another).
    para: String,
    para_depth: usize,
    /// Inside `w:t`, whose text is the document's text.
    in_text: bool,
    /// Depth inside an element whose content is left out.
    skip: usize,
}

impl State {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        // Local names: the `w:` prefix is a convention, not a rule.
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            // Formatting holds no text (`w:tabs` in `w:pPr` are tab stops, not tabs).
            "Fallback" | "delText" | "instrText" | "pPr" | "rPr" if !empty => self.skip = 1,
            "p" if !empty => {
                if self.para_depth > 0 {
                    self.para.push('\n');
                }
                self.para_depth += 1;
            }
            "t" if !empty => self.in_text = true,
            "br" | "cr" => self.para.push('\n'),
            "tab" if self.para_depth > 0 => self.para.push(' '),
            "noBreakHyphen" => self.para.push('-'),
            "tbl" if !empty => self.tables.push(TableBuilder::default()),
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_row();
                    t.row = Some(Vec::new());
                }
            }
            "gridBefore" => {
                if let Some(t) = self.tables.last_mut() {
                    let n = attr_number(e).unwrap_or(0).min(MAX_SPAN);
                    t.row
                        .get_or_insert_with(Vec::new)
                        .extend(std::iter::repeat_n(String::new(), n));
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                    t.cell = Some(CellBuilder {
                        span: 1,
                        ..Default::default()
                    });
                }
            }
            "gridSpan" => {
                if let Some(cell) = self.current_cell() {
                    cell.span = attr_number(e).unwrap_or(1);
                }
            }
            "vMerge" => {
                let restart = attr_value(e).is_some_and(|v| v == "restart");
                if let Some(cell) = self.current_cell() {
                    cell.continues_merge = !restart;
                }
            }
            // The legacy form of a horizontal merge: the continued cell is empty.
            "hMerge" => {
                let restart = attr_value(e).is_some_and(|v| v == "restart");
                if let Some(cell) = self.current_cell() {
                    cell.continues_merge = !restart;
                }
            }
            _ => {}
        }
    }

    fn current_cell(&mut self) -> Option<&mut CellBuilder> {
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" => {
                self.para_depth = self.para_depth.saturating_sub(1);
                if self.para_depth == 0 {
                    let text = std::mem::take(&mut self.para);
                    self.end_paragraph(text);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_row();
                }
            }
            "tbl" => {
                if let Some(mut t) = self.tables.pop() {
                    if let Some(cell) = self.current_cell() {
                        let text = t.flattened();
                        push_line(&mut cell.text, &text);
                    } else {
                        t.end_row();
                        if !t.rows.is_empty() {
                            self.blocks.push(Block::Table(t.rows));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self, text: String) {
        if let Some(cell) = self.current_cell() {
            // Paragraphs of a cell are lines of that cell (an empty one is an empty line
            // only between others).
            if cell.paragraphs > 0 {
                cell.text.push('\n');
            }
            cell.text.push_str(&text);
            cell.paragraphs += 1;
        } else {
            let text = clean_text(&text);
            if !text.trim().is_empty() {
                self.blocks.push(Block::Para(text.trim().to_string()));
            }
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip == 0 && self.in_text {
            self.para.push_str(s);
        }
    }
}

fn push_line(buf: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !buf.is_empty() && !buf.ends_with('\n') {
        buf.push('\n');
    }
    buf.push_str(line);
}

fn attr_value(e: &BytesStart) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

fn attr_number(e: &BytesStart) -> Option<usize> {
    attr_value(e).and_then(|v| v.trim().parse().ok())
}

/// Reads the blocks of a `word/document.xml` stream.
fn read_document_xml<R: std::io::BufRead>(input: R) -> Result<Vec<Block>, quick_xml::Error> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut st = State::default();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => st.start(&e, false),
            Event::Empty(e) => st.start(&e, true),
            Event::End(e) => st.end(e.local_name().as_ref()),
            Event::Text(t) => st.text(&t.xml10_content()),
            Event::CData(t) => st.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref()? {
                    st.text(c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    st.text(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // A document cut short inside a table still yields what was read of it.
    while let Some(mut t) = st.tables.pop() {
        t.end_row();
        if !t.rows.is_empty() {
            st.blocks.push(Block::Table(t.rows));
        }
    }
    Ok(st.blocks)
}

/// A paragraph with line breaks is a paragraph per line, as in a text export.
pub(crate) fn split_paragraph_lines(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Para(p) if p.contains('\n') => out.extend(
                p.split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| Block::Para(l.to_string())),
            ),
            b => out.push(b),
        }
    }
    out
}

/// The text of structured blocks: one line per paragraph and per table row (cells
/// separated by tabs, line breaks inside a cell as spaces), which is how `parse`
/// numbers them.
pub(crate) fn blocks_text(blocks: &[Block]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => lines.push(p.replace('\n', " ")),
            Block::Table(rows) => {
                for r in rows {
                    lines.push(
                        r.iter()
                            .map(|c| c.replace(['\n', '\t'], " "))
                            .collect::<Vec<_>>()
                            .join("\t"),
                    );
                }
            }
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, paras: &[&str]) -> String {
        let body: String = paras.iter().map(|t| p(t)).collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    }

    #[test]
    fn paragraphs_in_order_with_breaks_and_entities() {
        let body = format!(
            "{}<w:p><w:r><w:t>甲&amp;乙</w:t><w:br/><w:t xml:space=\"preserve\">第二 行</w:t></w:r></w:p>{}",
            p("标题"),
            p("结尾")
        );
        let doc = read_docx("a.docx", &docx(&body)).unwrap();
        assert_eq!(
            doc.blocks.unwrap(),
            [
                Block::Para("标题".into()),
                Block::Para("甲&乙".into()),
                Block::Para("第二行".into()),
                Block::Para("结尾".into()),
            ]
        );
        assert_eq!(doc.text, "标题\n甲&乙\n第二行\n结尾");
    }

    #[test]
    fn merged_cells_keep_their_grid_positions() {
        let row1 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc(r#"<w:vMerge w:val="restart"/>"#, &["1"]),
            tc(r#"<w:gridSpan w:val="2"/>"#, &["做好公开", "第二段"]),
            tc("", &["县财政局"])
        );
        let row2 = format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("<w:vMerge/>", &[""]),
            tc("", &["甲"]),
            tc("", &["乙"]),
            tc(r#"<w:vMerge w:val="continue"/>"#, &[""])
        );
        let doc = read_docx("t.docx", &docx(&format!("<w:tbl>{row1}{row2}</w:tbl>"))).unwrap();
        assert_eq!(
            doc.blocks.unwrap(),
            [Block::Table(vec![
                vec![
                    "1".into(),
                    "做好公开\n第二段".into(),
                    "".into(),
                    "县财政局".into()
                ],
                vec!["".into(), "甲".into(), "乙".into(), "".into()],
            ])]
        );
        assert_eq!(doc.text, "1\t做好公开 第二段\t\t县财政局\n\t甲\t乙\t");
    }

    #[test]
    fn nested_tables_are_flattened_into_their_cell() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", &["a"]),
            tc("", &["b"])
        );
        let outer = format!(
            "<w:tbl><w:tr><w:tc>{}{inner}</w:tc>{}</w:tr></w:tbl>",
            p("外"),
            tc("", &["c"])
        );
        let doc = read_docx("n.docx", &docx(&outer)).unwrap();
        assert_eq!(
            doc.blocks.unwrap(),
            [Block::Table(vec![vec!["外\na b".into(), "c".into()]])]
        );
    }

    #[test]
    fn deleted_text_and_fallbacks_are_left_out() {
        let body = r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:t>新</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p><mc:AlternateContent xmlns:mc="x"><mc:Choice/><mc:Fallback><w:p><w:r><w:t>重复</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"#;
        let doc = read_docx("d.docx", &docx(body)).unwrap();
        assert_eq!(doc.blocks.unwrap(), [Block::Para("新".into())]);
    }

    #[test]
    fn a_zip_without_document_xml_is_not_a_word_document() {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hello").unwrap();
        zip.finish().unwrap();
        let err = read_docx("x.zip", &out.into_inner()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.zip: not a readable Word .docx file: not a Word document: no word/document.xml in the zip archive"
        );
    }

    #[test]
    fn truncated_and_oversized_files_are_errors() {
        let bytes = docx(&p("正文"));
        for cut in [10, bytes.len() / 2, bytes.len() - 5] {
            let err = read_docx("t.docx", &bytes[..cut]).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("t.docx: not a readable Word .docx file"),
                "{err}"
            );
        }
        let big = docx(&p(&"很".repeat(10_000)));
        let err = read_docx_capped("big.docx", &big, 1000).unwrap_err();
        assert!(err.to_string().contains("unpacks to more than"), "{err}");
    }

    #[test]
    fn the_size_cap_holds_whatever_the_zip_header_claims() {
        let exceeded = Cell::new(false);
        let xml = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            p("很长")
        );
        let capped = Capped {
            inner: xml.as_bytes(),
            left: 20,
            exceeded: &exceeded,
        };
        assert!(read_document_xml(BufReader::new(capped)).is_err());
        assert!(exceeded.get());
    }

    #[test]
    fn an_empty_document_is_blank() {
        let err = read_docx("e.docx", &docx("<w:p/>")).unwrap_err();
        assert!(matches!(err, IngestError::Blank { .. }));
    }
}
