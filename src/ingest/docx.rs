//! Word `.docx` documents: the paragraphs and tables of `word/document.xml`, in order.
//!
//! The zip container is opened in memory and `word/document.xml` is read with a streaming
//! XML reader, never unpacked whole. What is unpacked and built is bounded, so that a small
//! file cannot cost gigabytes: all the XML read (document and numbering parts together) at
//! most `--max-input-size` bytes, counted as it is inflated; spans of at most
//! [`MAX_COLSPAN`] columns; at most [`MAX_TABLE_CELLS`] grid cells in all; elements nested
//! at most [`MAX_NESTING`] deep. A zip with two entries of one name is refused.
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
//!   their own, cells separated by spaces), written there as it is read, so that the text
//!   of deeply nested tables is copied once, not once per level;
//! - **automatic list numbering** (`w:numPr` in a paragraph's properties, the formats in
//!   `word/numbering.xml`) is written out before the paragraph's text, as Word shows it:
//!   `（一）`, `1.`, `①` …, counted per list and level, deeper levels restarting under a
//!   new item. A copy of the same notice as a web page or text carries these numbers as
//!   text; without them a Word list of tasks would have none. Bullets add nothing;
//! - deleted text of tracked changes (`w:delText`), field codes (`w:instrText`) and the
//!   fallback copy of alternate content (`mc:Fallback`) are left out.
//!
//! Every paragraph and cell goes through [`clean_text`].

use std::cell::Cell;
use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::html::{MAX_COLSPAN, MAX_NESTING, MAX_TABLE_CELLS};
use super::{Block, Document, IngestError, clean_text};

const FORMAT: &str = "Word .docx";

/// Reads a `.docx` file already in memory; `source` names it in errors. At most
/// `unpack_limit` bytes of XML are unpacked from it, all parts together (the reader is
/// given `--max-input-size`: a .docx never gives more to work through than a text file may).
pub(crate) fn read_docx(
    source: &str,
    bytes: &[u8],
    unpack_limit: u64,
) -> Result<Document, IngestError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        malformed(
            source,
            format!("damaged zip container (truncated or corrupt?): {e}"),
        )
    })?;
    // Two entries of one name: which one a reader takes is up to it (a decoy can hide the
    // text Word shows), so neither is trusted.
    if archive.has_duplicate_names() {
        return Err(malformed(
            source,
            "the zip archive holds two entries of the same name (a decoy word/document.xml?)",
        ));
    }
    let too_large = || {
        malformed(
            source,
            format!(
                "its XML unpacks to more than {unpack_limit} bytes (the limit is --max-input-size); refusing to read it"
            ),
        )
    };
    match archive.by_name("word/document.xml") {
        // The declared size is only a first check; the reads below count what is unpacked.
        Ok(entry) if entry.size() > unpack_limit => return Err(too_large()),
        Ok(_) => {}
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
    }
    let budget = Budget {
        left: Cell::new(unpack_limit),
        exceeded: Cell::new(false),
    };
    let numbering = read_numbering(&mut archive, &budget);
    if budget.exceeded.get() {
        return Err(too_large());
    }
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|e| malformed(source, format!("cannot open word/document.xml: {e}")))?;
    let capped = Capped {
        inner: entry,
        budget: &budget,
    };
    let blocks = match read_document_xml(BufReader::new(capped), numbering) {
        Ok(blocks) => blocks,
        Err(_) if budget.exceeded.get() => return Err(too_large()),
        Err(XmlError::Limit(why)) => return Err(malformed(source, why)),
        Err(XmlError::Xml(e)) => {
            return Err(malformed(source, format!("damaged word/document.xml: {e}")));
        }
    };
    super::structured_document(source, blocks, None, Vec::new())
}

fn malformed(source: &str, reason: impl Into<String>) -> IngestError {
    IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason: reason.into(),
    }
}

/// The levels of Word's list formats: for each list (`w:numId`), its abstract format's
/// levels (`w:ilvl` 0–8): number format, label text (`%1.`, `（%1）` …) and start.
#[derive(Default)]
struct ListFormats {
    /// `w:numId` → `w:abstractNumId`.
    lists: std::collections::HashMap<String, String>,
    /// `w:abstractNumId` → its levels.
    formats: std::collections::HashMap<String, Vec<ListLevel>>,
}

#[derive(Debug, Clone, Default)]
struct ListLevel {
    format: String,
    label: String,
    start: u32,
}

/// Reads `word/numbering.xml` when there is one (a damaged or missing one means no
/// automatic numbers, never an error).
fn read_numbering<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    budget: &Budget,
) -> ListFormats {
    let Ok(entry) = archive.by_name("word/numbering.xml") else {
        return ListFormats::default();
    };
    let mut reader = Reader::from_reader(BufReader::new(Capped {
        inner: entry,
        budget,
    }));
    let mut out = ListFormats::default();
    let mut buf = Vec::new();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<usize> = None;
    let mut num_id: Option<String> = None;
    let attr = |e: &BytesStart, key: &str| -> Option<String> {
        e.attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .map(|a| a.value.into_owned())
    };
    loop {
        let (e, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = None,
                    "lvl" => level = None,
                    "num" => num_id = None,
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        let name = e.local_name();
        match name.as_ref() {
            "abstractNum" if !empty => abstract_id = attr(&e, "abstractNumId"),
            "lvl" if !empty => level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
            "num" if !empty => num_id = attr(&e, "numId"),
            "abstractNumId" => {
                if let (Some(n), Some(a)) = (num_id.clone(), attr(&e, "val")) {
                    out.lists.insert(n, a);
                }
            }
            "start" | "numFmt" | "lvlText" => {
                if let (Some(a), Some(l)) = (abstract_id.clone(), level.filter(|l| *l < 9))
                    && let Some(v) = attr(&e, "val")
                {
                    let levels = out.formats.entry(a).or_default();
                    if levels.len() <= l {
                        levels.resize(l + 1, ListLevel::default());
                    }
                    match name.as_ref() {
                        "start" => levels[l].start = v.parse().unwrap_or(1),
                        "numFmt" => levels[l].format = v,
                        _ => levels[l].label = v,
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// A number as a list level's format writes it.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "koreanCounting" => crate::lexicon::chinese_numeral(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or(n.to_string(), String::from)
        }
        "upperLetter" if (1..=26).contains(&n) => char::from(b'A' + (n - 1) as u8).to_string(),
        "lowerLetter" if (1..=26).contains(&n) => char::from(b'a' + (n - 1) as u8).to_string(),
        _ => n.to_string(),
    }
}

/// What is left to unpack, shared by the parts of one .docx.
struct Budget {
    left: Cell<u64>,
    exceeded: Cell<bool>,
}

/// A reader that fails once the budget is spent (whatever the zip headers claim).
struct Capped<'a, R> {
    inner: R,
    budget: &'a Budget,
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.budget.left.get();
        // One byte more than is left, to tell "exactly the limit" from "over it".
        let want = buf
            .len()
            .min(usize::try_from(left.saturating_add(1)).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > left {
            self.budget.exceeded.set(true);
            return Err(std::io::Error::other("size limit exceeded"));
        }
        self.budget.left.set(left - n as u64);
        Ok(n)
    }
}

/// A table being read: its rows, the row and the cell being read.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<CellBuilder>,
    /// The row's skipped grid columns (`w:gridBefore`) were added.
    row_before_done: bool,
    /// Grid positions emitted so far.
    cells: usize,
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
        let span = cell.span.clamp(1, MAX_COLSPAN);
        row.extend(std::iter::repeat_n(String::new(), span - 1));
        self.cells += span;
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take()
            && !row.is_empty()
        {
            self.rows.push(row);
        }
        self.row_before_done = false;
    }
}

/// A level of table nested in a cell of the document's table, read straight into that
/// cell's text (its rows on lines of their own, cells separated by spaces), so that the
/// text of tables nested in tables is copied once, whatever the depth.
#[derive(Default)]
struct Nested {
    /// Paragraphs of the cell being read at this level.
    paragraphs: usize,
    /// The cell continues a merge: its text is left out, as in a table of the document.
    continues_merge: bool,
}

/// Why reading `word/document.xml` stopped.
enum XmlError {
    Xml(quick_xml::Error),
    /// A limit was reached; the reason names it.
    Limit(String),
}

/// The reader's state between events.
#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    /// The table being read (tables nested in its cells are in `nested`).
    table: Option<TableBuilder>,
    /// Tables nested in the table's cell being read, innermost last.
    nested: Vec<Nested>,
    /// What separates the next text written into a cell from the nested table text
    /// before it: a line break (a new row or table) or a space (a new cell).
    pending: Option<char>,
    /// Grid positions of the tables read before `table`.
    cells: usize,
    /// The paragraph being read (paragraphs in text boxes nest inside another).
    para: String,
    para_depth: usize,
    /// Inside `w:t`, whose text is the document's text.
    in_text: bool,
    /// Depth inside an element whose content is left out.
    skip: usize,
    /// Inside a paragraph's properties (`w:pPr`), which are skipped but for `w:numPr`.
    in_ppr: bool,
    /// The list (`w:numId`) and level (`w:ilvl`) of the paragraph being read.
    list: Option<String>,
    list_level: usize,
    formats: ListFormats,
    /// Each list's current numbers, by level (0: not yet started).
    counters: std::collections::HashMap<String, [u32; 9]>,
}

impl State {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        // Local names: the `w:` prefix is a convention, not a rule.
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            // `w:pPr/w:numPr/w:ilvl` and `w:numId`: the paragraph's list (not those of a
            // tracked change's old properties, deeper down).
            if self.in_ppr && self.skip == 2 && self.para_depth == 1 {
                match name {
                    "numId" => self.list = attr_value(e),
                    "ilvl" => self.list_level = attr_number(e).unwrap_or(0).min(8),
                    _ => {}
                }
            }
            if !empty {
                self.skip += 1;
            }
            return;
        }
        let nested = !self.nested.is_empty();
        match name {
            // Formatting holds no text (`w:tabs` in `w:pPr` are tab stops, not tabs).
            "pPr" if !empty => {
                self.skip = 1;
                self.in_ppr = true;
            }
            "Fallback" | "delText" | "instrText" | "rPr" if !empty => self.skip = 1,
            "p" if !empty => {
                if self.para_depth > 0 {
                    self.para.push('\n');
                } else {
                    self.list = None;
                    self.list_level = 0;
                }
                self.para_depth += 1;
            }
            "t" if !empty => self.in_text = true,
            "br" | "cr" => self.para.push('\n'),
            "tab" if self.para_depth > 0 => self.para.push(' '),
            "noBreakHyphen" => self.para.push('-'),
            "tbl" if !empty => match self.table.as_mut() {
                None => self.table = Some(TableBuilder::default()),
                Some(t) => {
                    // A table in a cell (or, damaged, between cells): read into that cell.
                    t.cell.get_or_insert_with(|| CellBuilder {
                        span: 1,
                        ..Default::default()
                    });
                    self.nested.push(Nested::default());
                    self.pending = Some('\n');
                }
            },
            "tr" if !empty && nested => self.pending = Some('\n'),
            "tc" if !empty && nested => {
                if let Some(n) = self.nested.last_mut() {
                    *n = Nested::default();
                }
                if self.pending.is_none() {
                    self.pending = Some(' ');
                }
            }
            "vMerge" | "hMerge" if nested => {
                let restart = attr_value(e).is_some_and(|v| v == "restart");
                if let Some(n) = self.nested.last_mut() {
                    n.continues_merge = !restart;
                }
            }
            _ if nested => {}
            "tr" if !empty => {
                if let Some(t) = self.table.as_mut() {
                    t.end_row();
                    t.row = Some(Vec::new());
                }
            }
            "gridBefore" => {
                // A row's property: once per row, however often it is repeated.
                if let Some(t) = self.table.as_mut()
                    && !t.row_before_done
                {
                    let n = attr_number(e).unwrap_or(0).min(MAX_COLSPAN);
                    t.row
                        .get_or_insert_with(Vec::new)
                        .extend(std::iter::repeat_n(String::new(), n));
                    t.cells += n;
                    t.row_before_done = true;
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.table.as_mut() {
                    t.end_cell();
                    t.row_before_done = true;
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
            // `hMerge` is the legacy form of a horizontal merge: the continued cell is empty.
            "vMerge" | "hMerge" => {
                let restart = attr_value(e).is_some_and(|v| v == "restart");
                if let Some(cell) = self.current_cell() {
                    cell.continues_merge = !restart;
                }
            }
            _ => {}
        }
    }

    /// The automatic number of the paragraph just read, if it is in a numbered list; counts
    /// it.
    fn list_label(&mut self) -> Option<String> {
        let list = self.list.take()?;
        let levels = self.formats.formats.get(self.formats.lists.get(&list)?)?;
        let at = self.list_level;
        let level = levels.get(at)?;
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let counts = self.counters.entry(list).or_insert([0; 9]);
        counts[at] = if counts[at] == 0 {
            level.start.max(1)
        } else {
            counts[at] + 1
        };
        for c in counts.iter_mut().skip(at + 1) {
            *c = 0;
        }
        let mut label = level.label.clone();
        for (k, l) in levels.iter().enumerate().take(at + 1).rev() {
            let n = if counts[k] == 0 {
                l.start.max(1)
            } else {
                counts[k]
            };
            label = label.replace(&format!("%{}", k + 1), &format_number(n, &l.format));
        }
        Some(label)
    }

    fn current_cell(&mut self) -> Option<&mut CellBuilder> {
        self.table.as_mut().and_then(|t| t.cell.as_mut())
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 {
                self.in_ppr = false;
            }
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" => {
                self.para_depth = self.para_depth.saturating_sub(1);
                if self.para_depth == 0 {
                    let mut text = std::mem::take(&mut self.para);
                    if let Some(label) = self.list_label() {
                        text.insert_str(0, &label);
                    }
                    self.end_paragraph(text);
                }
            }
            "tbl" if !self.nested.is_empty() => {
                self.nested.pop();
                self.pending = Some('\n');
                // What follows in the cell is a line of its own.
                if let Some(cell) = self.current_cell()
                    && !cell.text.is_empty()
                {
                    cell.paragraphs = cell.paragraphs.max(1);
                }
            }
            _ if !self.nested.is_empty() => {}
            "tc" => {
                if let Some(t) = self.table.as_mut() {
                    t.end_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.table.as_mut() {
                    t.end_row();
                }
            }
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    fn end_table(&mut self) {
        if let Some(mut t) = self.table.take() {
            t.end_row();
            self.cells += t.cells;
            if !t.rows.is_empty() {
                self.blocks.push(Block::Table(t.rows));
            }
        }
    }

    /// Grid positions of the document's tables so far.
    fn cells(&self) -> usize {
        self.cells + self.table.as_ref().map_or(0, |t| t.cells)
    }

    fn end_paragraph(&mut self, text: String) {
        if let Some(level) = self.nested.last_mut() {
            // A paragraph of a nested cell: a line of the cell it is flattened into.
            if level.continues_merge || text.is_empty() {
                return;
            }
            if level.paragraphs > 0 {
                self.pending = Some('\n');
            }
            level.paragraphs += 1;
            let pending = self.pending.take();
            if let Some(cell) = self.current_cell() {
                match pending {
                    Some('\n') if !cell.text.is_empty() && !cell.text.ends_with('\n') => {
                        cell.text.push('\n')
                    }
                    Some(' ') if !cell.text.is_empty() && !cell.text.ends_with(['\n', ' ']) => {
                        cell.text.push(' ')
                    }
                    _ => {}
                }
                cell.text.push_str(&text);
            }
        } else if let Some(cell) = self.current_cell() {
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

/// Reads the blocks of a `word/document.xml` stream. Elements nesting deeper than
/// [`MAX_NESTING`] and tables of more than [`MAX_TABLE_CELLS`] grid positions in all
/// are refused.
fn read_document_xml<R: std::io::BufRead>(
    input: R,
    formats: ListFormats,
) -> Result<Vec<Block>, XmlError> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut st = State {
        formats,
        ..State::default()
    };
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf).map_err(XmlError::Xml)? {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(XmlError::Limit(format!(
                        "its elements nest more than {MAX_NESTING} deep (tables in tables?); refusing to read it"
                    )));
                }
                st.start(&e, false);
            }
            Event::Empty(e) => st.start(&e, true),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                st.end(e.local_name().as_ref());
            }
            Event::Text(t) => st.text(&t.xml10_content()),
            Event::CData(t) => st.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(XmlError::Xml)? {
                    st.text(c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    st.text(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if st.cells() > MAX_TABLE_CELLS {
            return Err(XmlError::Limit(format!(
                "its tables span more than {MAX_TABLE_CELLS} grid cells (merged cells spanning too far?); refusing to read it"
            )));
        }
        buf.clear();
    }
    // A document cut short inside a table still yields what was read of it.
    st.end_table();
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

    fn read(source: &str, bytes: &[u8]) -> Result<Document, IngestError> {
        read_docx(source, bytes, crate::ingest::DEFAULT_MAX_INPUT_SIZE)
    }

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

    /// A .docx with a numbering part.
    fn docx_numbered(body: &str, numbering: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        let num = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>{numbering}</w:numbering>"#
        );
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.start_file("word/numbering.xml", opts).unwrap();
        zip.write_all(num.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn automatic_list_numbers_are_written_out() {
        let numbering = r#"<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="·"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>"#;
        let item = |num: u32, lvl: u32, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            item(3, 0, "做好规划公开"),
            item(3, 1, "公开规划纲要"),
            item(3, 1, "归集历史规划"),
            item(3, 0, "做好财政公开"),
            item(3, 1, "公开预决算"),
            item(4, 0, "要点"),
            p("正文"),
            format!(
                "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
                tc("", &[]).replace(
                    "<w:tcPr></w:tcPr>",
                    &format!("<w:tcPr></w:tcPr>{}", item(3, 0, ""))
                ),
                tc("", &["做好监管公开"])
            ),
        ]
        .concat();
        let doc = read("n.docx", &docx_numbered(&body, numbering)).unwrap();
        let blocks = doc.blocks.unwrap();
        let paras: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(
            paras,
            [
                "（一）做好规划公开",
                "1.公开规划纲要",
                "2.归集历史规划",
                "（二）做好财政公开",
                "1.公开预决算",
                "要点",
                "正文"
            ]
        );
        assert_eq!(
            blocks.last(),
            Some(&Block::Table(vec![vec![
                "（三）".into(),
                "做好监管公开".into()
            ]]))
        );
        // Without a numbering part the paragraphs are read as they are.
        let doc = read("n.docx", &docx(&item(3, 0, "做好规划公开"))).unwrap();
        assert_eq!(doc.text, "做好规划公开");
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
        let doc = read("a.docx", &docx(&body)).unwrap();
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
        let doc = read("t.docx", &docx(&format!("<w:tbl>{row1}{row2}</w:tbl>"))).unwrap();
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
        let doc = read("n.docx", &docx(&outer)).unwrap();
        assert_eq!(
            doc.blocks.unwrap(),
            [Block::Table(vec![vec!["外\na b".into(), "c".into()]])]
        );
    }

    #[test]
    fn deleted_text_and_fallbacks_are_left_out() {
        let body = r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:t>新</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p><mc:AlternateContent xmlns:mc="x"><mc:Choice/><mc:Fallback><w:p><w:r><w:t>重复</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"#;
        let doc = read("d.docx", &docx(body)).unwrap();
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
        let err = read("x.zip", &out.into_inner()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.zip: not a readable Word .docx file: not a Word document: no word/document.xml in the zip archive"
        );
    }

    #[test]
    fn truncated_and_oversized_files_are_errors() {
        let bytes = docx(&p("正文"));
        for cut in [10, bytes.len() / 2, bytes.len() - 5] {
            let err = read("t.docx", &bytes[..cut]).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("t.docx: not a readable Word .docx file"),
                "{err}"
            );
        }
        let big = docx(&p(&"很".repeat(10_000)));
        let err = read_docx("big.docx", &big, 1000).unwrap_err();
        assert_eq!(
            err.to_string(),
            "big.docx: not a readable Word .docx file: its XML unpacks to more than 1000 bytes (the limit is --max-input-size); refusing to read it"
        );
    }

    #[test]
    fn the_size_cap_holds_whatever_the_zip_header_claims() {
        let xml = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            p("很长")
        );
        let budget = Budget {
            left: Cell::new(20),
            exceeded: Cell::new(false),
        };
        let capped = Capped {
            inner: xml.as_bytes(),
            budget: &budget,
        };
        assert!(read_document_xml(BufReader::new(capped), ListFormats::default()).is_err());
        assert!(budget.exceeded.get());
        // Exactly the limit is not over it.
        let budget = Budget {
            left: Cell::new(xml.len() as u64),
            exceeded: Cell::new(false),
        };
        let capped = Capped {
            inner: xml.as_bytes(),
            budget: &budget,
        };
        assert!(read_document_xml(BufReader::new(capped), ListFormats::default()).is_ok());
        assert!(!budget.exceeded.get());
    }

    use crate::harness::hostile;

    fn rows(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .flatten()
            .filter_map(|b| match b {
                Block::Table(r) => Some(r.clone()),
                Block::Para(_) => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn spans_are_capped_and_grid_before_counts_once_per_row() {
        // Issue 17: `w:gridSpan="1000"` 50,000 times took 4.6 GB; a repeated `w:gridBefore`
        // aborted the process.
        let doc = read("s.docx", &hostile::grid_span(20, 1000)).unwrap();
        let r = rows(&doc);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].len(), 10 * MAX_COLSPAN);
        let doc = read("b.docx", &hostile::grid_before(1000, 1000)).unwrap();
        assert_eq!(
            rows(&doc),
            [[vec![String::new(); MAX_COLSPAN], vec!["甲".to_string()]].concat()]
        );
    }

    #[test]
    fn too_many_grid_cells_are_refused() {
        let err = read("s.docx", &hostile::grid_span(70_000, 64)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "s.docx: not a readable Word .docx file: its tables span more than 4000000 grid cells (merged cells spanning too far?); refusing to read it"
        );
    }

    #[test]
    fn deep_nesting_is_refused_and_nested_text_is_read_once() {
        let err = read("n.docx", &hostile::nested_tables(1000, 0)).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "its elements nest more than 2048 deep (tables in tables?); refusing to read it"
            ),
            "{err}"
        );
        // 600 tables deep (1,800 elements) with 200,000 characters at the bottom: each
        // level's text written once into the outer cell, lines in order.
        let doc = read("n.docx", &hostile::nested_tables(600, 200_000)).unwrap();
        let r = rows(&doc);
        assert_eq!(r.len(), 1);
        let lines: Vec<&str> = r[0][0].lines().collect();
        assert_eq!(lines.len(), 601);
        assert!(lines[..600].iter().all(|l| *l == "甲"));
        assert_eq!(lines[600].chars().count(), 200_000);
    }

    #[test]
    fn a_nested_cell_continuing_a_merge_adds_nothing() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, &["a"]),
            tc("", &["b"]),
            tc("<w:vMerge/>", &["a"]),
            tc("", &["", "c"])
        );
        let outer = format!(
            "<w:tbl><w:tr><w:tc>{inner}{}</w:tc></w:tr></w:tbl>",
            p("后")
        );
        let doc = read("n.docx", &docx(&outer)).unwrap();
        assert_eq!(rows(&doc), [["a b\nc\n后".to_string()]]);
    }

    #[test]
    fn duplicate_zip_entries_are_refused() {
        let err = read("d.docx", &hostile::duplicate_entry()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.docx: not a readable Word .docx file: the zip archive holds two entries of the same name (a decoy word/document.xml?)"
        );
    }

    #[test]
    fn the_unpack_limit_counts_every_part() {
        let xml = document_xml_for(&p("正文"));
        let numbering = vec![b' '; 5000];
        let bytes = hostile::zip(&[
            ("word/numbering.xml", &numbering),
            ("word/document.xml", &xml),
        ]);
        let limit = xml.len() as u64 + 100;
        assert!(read_docx("a.docx", &hostile::docx(&p("正文")), limit).is_ok());
        let err = read_docx("a.docx", &bytes, limit).unwrap_err();
        assert!(err.to_string().contains("unpacks to more than"), "{err}");
    }

    fn document_xml_for(body: &str) -> Vec<u8> {
        hostile::document_xml(body)
    }

    #[test]
    fn an_empty_document_is_blank() {
        let err = read("e.docx", &docx("<w:p/>")).unwrap_err();
        assert!(matches!(err, IngestError::Blank { .. }));
    }
}
