//! Hostile inputs for the workbook and PDF readers (issue 28), built in memory: files of
//! a few KB that crashed calamine or lopdf, declared sizes that asked for terabytes, and
//! PDFs whose fonts, forms and marked content cost far more than their size.
//! `examples/hostile.rs` writes them to files (for `bench/hostile.sh` and the fixtures
//! of `tests/data/hostile/`); `tests/e2e/hostile_inputs.rs` runs the binary on them.

use std::io::{Cursor, Read, Write};

use super::hostile::zip;

/// The notice every readable hostile file carries: a title, a heading, two tasks.
pub const LINES: [&str; 4] = [
    "政务公开工作要点",
    "一、总体要求",
    "1.做好政府信息公开工作，提升政务公开质量。",
    "2.加强政策解读，及时回应社会关切。",
];

// ---------------------------------------------------------------- workbooks

/// A small valid .xlsx: a header row and two task rows (strings in the shared table).
pub fn xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "工作任务", "责任单位"].iter().enumerate() {
        ws.write(0, c as u16, *h).expect("cell");
    }
    ws.write(1, 0, 1).expect("cell");
    ws.write(1, 1, "做好政府信息公开工作").expect("cell");
    ws.write(1, 2, "市政府办公室").expect("cell");
    ws.write(2, 0, 2).expect("cell");
    ws.write(2, 1, "加强政策解读").expect("cell");
    ws.write(2, 2, "市发改委").expect("cell");
    wb.save_to_buffer().expect("xlsx")
}

/// A zip rewritten with some entries' text edited (`edit(name, text)` returns the new
/// text of an entry, or `None` to keep it).
pub fn rezip(bytes: &[u8], edit: impl Fn(&str, &str) -> Option<String>) -> Vec<u8> {
    let mut zip_in = ::zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip_in.len() {
        let mut e = zip_in.by_index(i).expect("entry");
        let name = e.name().expect("entry name").to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).expect("read");
        if let Some(text) = edit(&name, &String::from_utf8_lossy(&data)) {
            data = text.into_bytes();
        }
        entries.push((name, data));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip(&refs)
}

/// An .xlsx whose shared-string table declares `count` unique strings (it holds six).
pub fn xlsx_unique_count(count: &str) -> Vec<u8> {
    rezip(&xlsx(), |name, text| {
        (name == "xl/sharedStrings.xml").then(|| {
            let at = text.find("uniqueCount=\"").expect("uniqueCount") + 13;
            let end = at + text[at..].find('"').expect("quote");
            format!("{}{count}{}", &text[..at], &text[end..])
        })
    })
}

/// An .xlsx whose first shared string is `len` bytes long.
pub fn xlsx_long_string(len: usize) -> Vec<u8> {
    rezip(&xlsx(), |name, text| {
        (name == "xl/sharedStrings.xml").then(|| text.replacen("序号", &"公".repeat(len / 3), 1))
    })
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An .ods of these `table:table-row` elements (after a header row).
pub fn ods(rows: &str) -> Vec<u8> {
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let header = format!(
        "<table:table-row>{}{}{}</table:table-row>",
        cell("序号"),
        cell("工作任务"),
        cell("责任单位")
    );
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{header}{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

/// An .ods of the task table (a header and one task row).
pub fn ods_table() -> Vec<u8> {
    ods(
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>做好政府信息公开工作</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>市政府办公室</text:p></table:table-cell></table:table-row>"#,
    )
}

/// An .ods with a row of `cols` filled cells repeated `rows` times.
pub fn ods_repeated(rows: u64, cols: u64) -> Vec<u8> {
    ods(&format!(
        r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="{cols}"><text:p>1</text:p></table:table-cell></table:table-row>"#
    ))
}

/// One BIFF record.
pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

fn bof(dt: u16) -> Vec<u8> {
    let mut d = 0x0600u16.to_le_bytes().to_vec();
    d.extend(dt.to_le_bytes());
    d.extend([0u8; 12]);
    record(0x0809, &d)
}

/// A LABEL cell (UTF-16 text).
pub fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend((units.len() as u16).to_le_bytes());
    d.push(1);
    for u in units {
        d.extend(u.to_le_bytes());
    }
    record(0x0204, &d)
}

/// A NUMBER cell.
pub fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(value.to_le_bytes());
    record(0x0203, &d)
}

/// The cells of a small task table.
pub fn xls_table() -> Vec<Vec<u8>> {
    vec![
        label(0, 0, "序号"),
        label(0, 1, "工作任务"),
        label(0, 2, "责任单位"),
        number(1, 0, 1.0),
        label(1, 1, "做好政府信息公开工作"),
        label(1, 2, "市政府办公室"),
    ]
}

/// A BIFF8 workbook stream: globals (these `extra` records, then one BOUNDSHEET, or
/// `boundsheet` when given) and one sheet of these records.
pub fn biff(extra: &[Vec<u8>], boundsheet: Option<Vec<u8>>, sheet: &[Vec<u8>]) -> Vec<u8> {
    let name = b"Sheet1";
    let mut globals = bof(0x0005);
    for r in extra {
        globals.extend(r);
    }
    let bs_at = globals.len();
    let mut bs = vec![0u8; 4];
    bs.extend([0, 0, name.len() as u8, 0]);
    bs.extend(name);
    let bs_record = boundsheet.unwrap_or_else(|| record(0x0085, &bs));
    let is_default = bs_record.len() == 4 + bs.len();
    globals.extend(&bs_record);
    globals.extend(record(0x000A, &[]));
    let sheet_at = globals.len() as u32;
    if is_default {
        globals[bs_at + 4..bs_at + 8].copy_from_slice(&sheet_at.to_le_bytes());
    }
    let mut stream = globals;
    stream.extend(bof(0x0010));
    for r in sheet {
        stream.extend(r);
    }
    stream.extend(record(0x000A, &[]));
    stream
}

/// An .xls: an OLE compound file holding this `Workbook` stream.
pub fn xls(stream: &[u8]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .expect("cfb");
    {
        let mut s = cf.create_stream("/Workbook").expect("stream");
        s.write_all(stream).expect("write");
        // A stream under 4 KiB lives in the mini stream; pad so it is a regular one.
        if stream.len() < 4096 {
            s.write_all(&vec![0u8; 4096 - stream.len()]).expect("write");
        }
    }
    cf.flush().expect("flush");
    cf.into_inner().into_inner()
}

/// A DIMENSIONS record (BIFF8) of rows `r0..r1` and columns `c0..c1` (ends exclusive).
pub fn dimensions(r0: u32, r1: u32, c0: u16, c1: u16) -> Vec<u8> {
    let mut d = r0.to_le_bytes().to_vec();
    d.extend(r1.to_le_bytes());
    d.extend(c0.to_le_bytes());
    d.extend(c1.to_le_bytes());
    d.extend([0, 0]);
    record(0x0200, &d)
}

/// The damaged .xls files that panicked inside calamine, by name.
pub fn xls_damaged() -> Vec<(&'static str, Vec<u8>)> {
    let table = xls_table();
    // An SST of one 10-character string whose characters run into an empty CONTINUE.
    let mut sst = 1u32.to_le_bytes().to_vec();
    sst.extend(1u32.to_le_bytes());
    sst.extend(10u16.to_le_bytes());
    sst.push(0);
    sst.extend(b"ab");
    // A rich-text string (flag 8) declaring 5 runs it does not hold.
    let mut rich = 1u32.to_le_bytes().to_vec();
    rich.extend(1u32.to_le_bytes());
    rich.extend(2u16.to_le_bytes());
    rich.push(0x08);
    rich.extend(5u16.to_le_bytes());
    rich.extend(b"ab");
    vec![
        (
            "xls-empty-codepage.xls",
            xls(&biff(&[record(0x0042, &[])], None, &table)),
        ),
        (
            "xls-short-boundsheet.xls",
            xls(&biff(&[], Some(record(0x0085, &[0, 0, 0, 0])), &table)),
        ),
        (
            "xls-sst-empty-continue.xls",
            xls(&biff(
                &[record(0x00FC, &sst), record(0x003C, &[])],
                None,
                &table,
            )),
        ),
        (
            "xls-sst-truncated-rich.xls",
            xls(&biff(&[record(0x00FC, &rich)], None, &table)),
        ),
        ("xls-no-minifat.xls", xls_without_mini_fat()),
    ]
}

/// An .xls whose `Workbook` stream is short (kept in the mini stream) while the header
/// says there is no mini FAT.
pub fn xls_without_mini_fat() -> Vec<u8> {
    let stream = biff(&[], None, &xls_table());
    let mut cf = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .expect("cfb");
    cf.create_stream("/Workbook")
        .expect("stream")
        .write_all(&stream)
        .expect("write");
    cf.flush().expect("flush");
    let mut bytes = cf.into_inner().into_inner();
    // Header: first mini FAT sector at 0x3C, number of mini FAT sectors at 0x40.
    bytes[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    bytes[0x40..0x44].copy_from_slice(&0u32.to_le_bytes());
    bytes
}

/// An .xls with the task table and a cell at (`row`, `col`) (no DIMENSIONS record).
pub fn xls_far_cell(row: u16, col: u16) -> Vec<u8> {
    let mut sheet = xls_table();
    sheet.push(number(row, col, 1.0));
    xls(&biff(&[], None, &sheet))
}

/// An .xls whose DIMENSIONS record claims 4 G rows.
pub fn xls_dimensions_4g() -> Vec<u8> {
    let mut sheet = vec![dimensions(0, u32::MAX, 0, 3)];
    sheet.extend(xls_table());
    xls(&biff(&[], None, &sheet))
}

// ---------------------------------------------------------------- PDFs

/// A PDF of these objects, numbered from 1 (the first is the catalog).
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object: `<< dict /Length n >>` and the data.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend(data);
    s.extend(b"\nendstream");
    s
}

/// Data compressed as a PDF's FlateDecode expects (zlib: header, deflate, Adler-32).
pub fn zlib(data: &[u8]) -> Vec<u8> {
    let z = zip(&[("d", data)]);
    let mut archive = ::zip::ZipArchive::new(Cursor::new(z)).expect("zip");
    let mut raw = Vec::new();
    archive
        .by_index_raw(0)
        .expect("entry")
        .read_to_end(&mut raw)
        .expect("raw");
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    let mut out = vec![0x78, 0x9C];
    out.extend(raw);
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

/// The hex code a character of [`LINES`] (or any text) has in the test font: its
/// UTF-16 unit, so the ToUnicode map is the identity.
fn code(c: char) -> String {
    let mut buf = [0u16; 2];
    c.encode_utf16(&mut buf)
        .iter()
        .map(|u| format!("{u:04X}"))
        .collect()
}

/// `<…> Tj` showing a text in the test font.
pub fn show(text: &str) -> String {
    format!("<{}> Tj", text.chars().map(code).collect::<String>())
}

/// A ToUnicode CMap mapping each character of `text` to itself.
pub fn identity_cmap(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    let entries: String = chars
        .iter()
        .filter(|c| (**c as u32) < 0x10000)
        .map(|&c| format!("<{}> <{}>\n", code(c), code(c)))
        .collect();
    format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{} beginbfchar\n{entries}endbfchar\nendcmap end end",
        chars.len()
    )
}

/// The content stream of [`LINES`], one line per text object from the top of the page.
pub fn lines_content() -> String {
    LINES
        .iter()
        .enumerate()
        .map(|(i, l)| format!("BT /F1 12 Tf 50 {} Td {} ET\n", 780 - 40 * i, show(l)))
        .collect()
}

/// A one-page PDF: this content, the Type0 font `/F1` with `cmap` as ToUnicode (the
/// font written inline in the resources when `inline_font`), and `extra` objects from
/// number 6 on (and `resources_extra` inside the resource dictionary).
pub fn pdf_page(
    content: &[u8],
    cmap: &[u8],
    inline_font: bool,
    resources_extra: &str,
    extra: Vec<Vec<u8>>,
) -> Vec<u8> {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] /ToUnicode 5 0 R >>";
    let (font_entry, font_obj) = if inline_font {
        (font.to_string(), b"null".to_vec())
    } else {
        ("4 0 R".to_string(), font.as_bytes().to_vec())
    };
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_entry} >> {resources_extra} >> /Contents {} 0 R >>",
            6 + extra.len()
        )
        .into_bytes(),
        font_obj,
        stream("/Filter /FlateDecode", &zlib(cmap)),
    ];
    objects.extend(extra);
    objects.push(stream("/Filter /FlateDecode", &zlib(content)));
    pdf(&objects)
}

/// The notice as a plain one-page PDF (what the hostile variants add to).
pub fn pdf_notice(extra_content: &str) -> Vec<u8> {
    let text: String = LINES.concat() + extra_content;
    let content = lines_content() + extra_content;
    pdf_page(
        content.as_bytes(),
        identity_cmap(&text).as_bytes(),
        false,
        "",
        Vec::new(),
    )
}

/// A PDF whose page tree says `/Count` is `count` (it holds two pages, one blank).
pub fn pdf_page_count(count: &str) -> Vec<u8> {
    let content = lines_content();
    let cmap = identity_cmap(&LINES.concat());
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        // The page first, then the node whose count is a lie: after the first page, what
        // is left of the tree claims `count` pages.
        format!("<< /Type /Pages /Kids [4 0 R 3 0 R] /Count {count} >>").into_bytes(),
        format!("<< /Type /Pages /Parent 2 0 R /Kids [8 0 R] /Count {count} >>").into_bytes(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] /ToUnicode 6 0 R >>".to_vec(),
        stream("", cmap.as_bytes()),
        stream("", content.as_bytes()),
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>".to_vec(),
    ])
}

/// A PDF whose ToUnicode CMap maps `ranges` × 65,536 codes, each to a string of `units`
/// UTF-16 units.
pub fn pdf_cmap_bomb(ranges: usize, units: usize) -> Vec<u8> {
    let dst: String = "5DE5".repeat(units);
    let mut cmap = identity_cmap(&LINES.concat());
    cmap.push_str(&format!("\n{ranges} beginbfrange\n"));
    for r in 0..ranges {
        // Ranges over the codes of no character shown (the notice's codes are CJK).
        let hi = 0x10 + r as u32;
        cmap.push_str(&format!("<{hi:02X}0000> <{hi:02X}FFFF> <{dst}>\n"));
    }
    cmap.push_str("endbfrange\n");
    pdf_page(
        lines_content().as_bytes(),
        cmap.as_bytes(),
        false,
        "",
        Vec::new(),
    )
}

/// A PDF whose one glyph stands for `units` UTF-16 units and is shown `times` times.
pub fn pdf_long_glyph(units: usize, times: usize) -> Vec<u8> {
    let text = LINES.concat();
    let cmap = identity_cmap(&text).replace(
        "endbfchar",
        &format!("<0001> <{}>\nendbfchar", "516C".repeat(units)),
    );
    let content =
        lines_content() + &format!("BT /F1 12 Tf 50 500 Td <{}> Tj ET\n", "0001".repeat(times));
    pdf_page(content.as_bytes(), cmap.as_bytes(), false, "", Vec::new())
}

/// A PDF whose font is written inline (no object of its own, so no cache key by
/// object) with a CMap of `ranges` × 65,536 entries, selected `times` times.
pub fn pdf_inline_font(ranges: usize, times: usize) -> Vec<u8> {
    let mut cmap = identity_cmap(&LINES.concat());
    cmap.push_str(&format!("\n{ranges} beginbfrange\n"));
    for r in 0..ranges {
        let hi = 0x10 + r as u32;
        cmap.push_str(&format!("<{hi:02X}0000> <{hi:02X}FFFF> <0041>\n"));
    }
    cmap.push_str("endbfrange\n");
    let content = "BT /F1 12 Tf ET\n".repeat(times) + &lines_content();
    pdf_page(content.as_bytes(), cmap.as_bytes(), true, "", Vec::new())
}

/// A PDF whose page draws, `times` times, a Form whose filters inflate `inflate` bytes
/// and then fail (an unknown second filter).
pub fn pdf_failing_form(inflate: usize, times: usize) -> Vec<u8> {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter [/FlateDecode /NoSuchDecode]",
        &zlib(&vec![b' '; inflate]),
    );
    let content = lines_content() + &"/X1 Do\n".repeat(times);
    let cmap = identity_cmap(&LINES.concat());
    pdf_page(
        content.as_bytes(),
        cmap.as_bytes(),
        false,
        "/XObject << /X1 6 0 R >>",
        vec![form],
    )
}

/// A PDF whose page content declares a chain of `n` ASCIIHex filters (more than any
/// reader decodes: the content is the notice encoded once).
pub fn pdf_chained_filters(n: usize) -> Vec<u8> {
    let data: String = lines_content()
        .bytes()
        .map(|b| format!("{b:02X}"))
        .collect::<String>()
        + ">";
    let filters = "/ASCIIHexDecode ".repeat(n);
    let cmap = identity_cmap(&LINES.concat());
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] /ToUnicode 5 0 R >>".to_vec(),
        stream("", cmap.as_bytes()),
        stream(&format!("/Filter [{filters}]"), data.as_bytes()),
    ])
}

/// A PDF whose page shows the title and first heading, then a token that cannot be
/// read, then the tasks.
pub fn pdf_bad_token() -> Vec<u8> {
    let head: String = LINES[..2]
        .iter()
        .enumerate()
        .map(|(i, l)| format!("BT /F1 12 Tf 50 {} Td {} ET\n", 780 - 40 * i, show(l)))
        .collect();
    let tail: String = LINES[2..]
        .iter()
        .enumerate()
        .map(|(i, l)| format!("BT /F1 12 Tf 50 {} Td {} ET\n", 700 - 40 * i, show(l)))
        .collect();
    let content = format!("{head}<< /A <zz> >> BDC\n{tail}");
    let cmap = identity_cmap(&LINES.concat());
    pdf_page(content.as_bytes(), cmap.as_bytes(), false, "", Vec::new())
}

/// A PDF whose page content starts with a token that cannot be read, then shows the
/// notice (a damaged first token once made the page pass for a scan).
pub fn pdf_bad_first_token() -> Vec<u8> {
    let content = format!("<< /A <zz> >> BDC\n{}", lines_content());
    let cmap = identity_cmap(&LINES.concat());
    pdf_page(content.as_bytes(), cmap.as_bytes(), false, "", Vec::new())
}

/// The notice, plus a task drawn in render mode 3, one clipped away and one white on
/// the white page: text a reader never sees.
pub fn pdf_invisible() -> Vec<u8> {
    let hidden = [
        "3.隐藏任务甲不可见。",
        "4.隐藏任务乙不可见。",
        "5.隐藏任务丙不可见。",
    ];
    let extra = format!(
        "BT 3 Tr /F1 12 Tf 50 500 Td {} ET\nq 0 0 100 100 re W n BT /F1 12 Tf 50 460 Td {} ET Q\nq 1 1 1 rg BT /F1 12 Tf 50 420 Td {} ET Q\n",
        show(hidden[0]),
        show(hidden[1]),
        show(hidden[2])
    );
    let text: String = LINES.concat() + &hidden.concat();
    let content = lines_content() + &extra;
    pdf_page(
        content.as_bytes(),
        identity_cmap(&text).as_bytes(),
        false,
        "",
        Vec::new(),
    )
}

/// A PDF opening `depth` marked-content levels it never closes, then the notice, then
/// `glyphs` glyphs in render mode 3 (invisible, but each looked up in the marked-content
/// stack, which a walk down 256 levels per glyph made cost depth × glyphs).
pub fn pdf_marked_deep(depth: usize, glyphs: usize) -> Vec<u8> {
    let content = "/P BMC\n".repeat(depth)
        + &lines_content()
        + &format!(
            "BT 3 Tr /F1 12 Tf 50 100 Td <{}> Tj ET\n",
            "0001".repeat(glyphs)
        );
    let cmap = identity_cmap(&LINES.concat());
    pdf_page(content.as_bytes(), cmap.as_bytes(), false, "", Vec::new())
}

/// The notice, plus an object stream holding one array of `len` numbers, listed under
/// `times` object numbers: lopdf would build the array once per number, some 125 bytes
/// a number (a few KB of compressed stream standing for gigabytes).
pub fn pdf_large_array(len: usize, times: usize) -> Vec<u8> {
    let index: String = (0..times).map(|i| format!("{} 0 ", 100 + i)).collect();
    let body = format!("{index}[{}]", "0 ".repeat(len));
    let objstm = stream(
        &format!(
            "/Type /ObjStm /N {times} /First {} /Filter /FlateDecode",
            index.len()
        ),
        &zlib(body.as_bytes()),
    );
    let cmap = identity_cmap(&LINES.concat());
    pdf_page(
        lines_content().as_bytes(),
        cmap.as_bytes(),
        false,
        "",
        vec![objstm],
    )
}

/// A PDF whose ToUnicode CMap declares `ranges` one-byte codespace ranges (`<01> <01>`,
/// a byte no code of the notice starts with) after the real one, and which shows
/// `glyphs` invisible codes: a reader that kept every range would scan them all for
/// each code.
pub fn pdf_codespace_ranges(ranges: usize, glyphs: usize) -> Vec<u8> {
    let mut cmap = identity_cmap(&LINES.concat());
    cmap.push_str(&format!("\n{ranges} begincodespacerange\n"));
    cmap.push_str(&"<01><01>".repeat(ranges));
    cmap.push_str("\nendcodespacerange\n");
    let content = lines_content()
        + &format!(
            "BT 3 Tr /F1 12 Tf 50 100 Td <{}> Tj ET\n",
            "0041".repeat(glyphs)
        );
    pdf_page(content.as_bytes(), cmap.as_bytes(), false, "", Vec::new())
}

/// A PDF whose page shows `spans` glyphs, each in its own marked-content span carrying
/// the same ActualText of `units` UTF-16 units (one properties dictionary, named in
/// every span): the text is decoded, and charged, once per span.
pub fn pdf_actual_text_spans(units: usize, spans: usize) -> Vec<u8> {
    let actual = format!("<< /ActualText <FEFF{}> >>", "5DE5".repeat(units));
    let content = lines_content()
        + "BT /F1 12 Tf 50 500 Td\n"
        + &"/Span /P1 BDC <0001> Tj EMC\n".repeat(spans)
        + "ET\n";
    let cmap = identity_cmap(&LINES.concat());
    pdf_page(
        content.as_bytes(),
        cmap.as_bytes(),
        false,
        "/Properties << /P1 6 0 R >>",
        vec![actual.into_bytes()],
    )
}

/// A PDF of `pages` pages, each drawing `per_axis` thin horizontal rules stacked one
/// above the other (all overlapping along x) and as many vertical rules side by side
/// (all overlapping along y), the two sets apart; the notice is on the first page. No
/// two rules touch, so no table is found, but grouping them by a sweep along either
/// axis compares `per_axis`² / 2 pairs a page.
pub fn pdf_overlapping_rules(per_axis: usize, pages: usize) -> Vec<u8> {
    let mut rules = String::new();
    for k in 0..per_axis {
        rules.push_str(&format!("0 -{} 500 0.5 re f\n", 100 + 3 * k));
    }
    for k in 0..per_axis {
        rules.push_str(&format!("{} 0 0.5 500 re f\n", 700 + 3 * k));
    }
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] /ToUnicode 4 0 R >>";
    let kids: String = (0..pages).map(|p| format!("{} 0 R ", 7 + p)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes(),
        font.as_bytes().to_vec(),
        stream(
            "/Filter /FlateDecode",
            &zlib(identity_cmap(&LINES.concat()).as_bytes()),
        ),
        stream("/Filter /FlateDecode", &zlib(lines_content().as_bytes())),
        stream("/Filter /FlateDecode", &zlib(rules.as_bytes())),
    ];
    for p in 0..pages {
        let contents = if p == 0 { "[5 0 R 6 0 R]" } else { "6 0 R" };
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {contents} >>"
            )
            .into_bytes(),
        );
    }
    pdf(&objects)
}

/// The notice, plus an array of `len` numbers in the file's body whose offset the
/// cross-reference table lists under `entries` more object numbers: lopdf parses the
/// object at an offset once per entry, so the array is built `entries` times.
pub fn pdf_xref_one_offset(len: usize, entries: usize) -> Vec<u8> {
    let cmap = identity_cmap(&LINES.concat());
    let bytes = pdf_page(
        lines_content().as_bytes(),
        cmap.as_bytes(),
        false,
        "",
        vec![format!("[{}]", "0 ".repeat(len)).into_bytes()],
    );
    // The array is object 6: its offset, then the table written again with the extra
    // entries pointing at it (offsets found in the bytes: the header is not UTF-8).
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let at = find(&bytes, b"\n6 0 obj\n").expect("object 6") + 1;
    let xref = bytes
        .windows(6)
        .rposition(|w| w == b"\nxref\n")
        .expect("xref")
        + 1;
    let head_end = xref + 5 + find(&bytes[xref + 5..], b"\n").expect("subsection");
    let head = String::from_utf8_lossy(&bytes[xref + 5..head_end]).into_owned();
    let n: usize = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("count");
    let table_end = xref + find(&bytes[xref..], b"trailer").expect("trailer");
    let mut out = bytes[..table_end].to_vec();
    out.splice(
        xref..head_end + 1,
        format!("xref\n0 {}\n", n + entries).into_bytes(),
    );
    for _ in 0..entries {
        out.extend(format!("{at:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            n + entries
        )
        .as_bytes(),
    );
    out
}

/// The notice, plus `fonts` font dictionaries sharing one ToUnicode CMap of 16 ranges ×
/// 65,536 codes mapped to nothing (free of text, so no text budget stops them), each
/// selected once: every font keeps its own copy of a million-entry map.
pub fn pdf_shared_cmap_fonts(fonts: usize) -> Vec<u8> {
    let mut bomb = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for r in 0..16u32 {
        bomb.push_str(&format!(
            "1 beginbfrange <{:02X}0000> <{:02X}FFFF> <> endbfrange\n",
            0x10 + r,
            0x10 + r
        ));
    }
    bomb.push_str("endcmap end end");
    let font = |cmap: usize| {
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] /ToUnicode {cmap} 0 R >>"
        )
    };
    let names: String = (0..fonts)
        .map(|i| format!("/G{i} {} 0 R ", 8 + i))
        .collect();
    let content: String = (0..fonts)
        .map(|i| format!("BT /G{i} 12 Tf ET\n"))
        .collect::<String>()
        + &lines_content();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R {names}>> >> /Contents 6 0 R >>"
        )
        .into_bytes(),
        font(5).into_bytes(),
        stream(
            "/Filter /FlateDecode",
            &zlib(identity_cmap(&LINES.concat()).as_bytes()),
        ),
        stream("/Filter /FlateDecode", &zlib(content.as_bytes())),
        stream("/Filter /FlateDecode", &zlib(bomb.as_bytes())),
    ];
    objects.extend((0..fonts).map(|_| font(7).into_bytes()));
    pdf(&objects)
}
