//! Writes the hostile inputs of issues 17 and 28 into a directory, for `bench/hostile.sh`:
//! .docx bombs (grid spans, repeated `gridBefore`, nested tables, a 250 MB inflation), a
//! decoy zip entry, mis-decodable text, and special files (a FIFO, a symlink loop, a
//! dangling link, a directory named like a notice) in `DIR/special/`; and (issue 28)
//! damaged .xls files, workbooks declaring terabytes, and PDFs whose page tree, fonts,
//! forms and marked content cost far more than their size (`policydiff::harness::readers`).
//!
//! cargo run --release --example hostile -- DIR
//!
//! With `--fixtures DIR`, writes the small versions committed in `tests/data/hostile/`
//! (seeds for the fuzz targets, cases of `tests/e2e/hostile_inputs.rs`).

use std::fs;
use std::path::Path;

use policydiff::harness::{hostile, readers};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() == 2 && args[0] == "--fixtures" {
        return fixtures(Path::new(&args[1]));
    }
    let dir = args
        .first()
        .ok_or("usage: hostile DIR | hostile --fixtures DIR")?;
    let dir = Path::new(dir);
    fs::create_dir_all(dir)?;
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("gridspan.docx", hostile::grid_span(50_000, 1000)),
        ("gridbefore.docx", hostile::grid_before(1_000_000, 1000)),
        ("nested-100k.docx", hostile::nested_tables(100_000, 0)),
        (
            "nested-2k-text.docx",
            hostile::nested_tables(2_000, 1_000_000),
        ),
        (
            "nested-600-text.docx",
            hostile::nested_tables(600, 4_000_000),
        ),
        ("inflate-250m.docx", hostile::inflating(250_000_000)),
        // Just under the default limit: the most a .docx can make the reader work through.
        ("inflate-60m.docx", hostile::inflating(60_000_000)),
        ("duplicate-entry.docx", hostile::duplicate_entry()),
        ("mislabelled-gb2312.html", hostile::html_mislabelled()),
        ("utf8-many-invalid.txt", hostile::utf8_many_invalid()),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes)?;
    }
    for (name, bytes) in readers_files(false) {
        fs::write(dir.join(name), bytes)?;
    }
    let special = dir.join("special");
    let _ = fs::remove_dir_all(&special);
    fs::create_dir_all(special.join("x.txt"))?;
    fs::copy("corpus/lezhi-county-2021.txt", special.join("lower.txt"))?;
    std::os::unix::fs::symlink("loop-b.txt", special.join("loop-a.txt"))?;
    std::os::unix::fs::symlink("loop-a.txt", special.join("loop-b.txt"))?;
    std::os::unix::fs::symlink("missing.txt", special.join("dangling.txt"))?;
    let fifo = special.join("pipe.txt");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status()?;
    if !status.success() {
        return Err("mkfifo failed".into());
    }
    Ok(())
}

/// The small hostile files committed as fixtures.
fn fixtures(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("gridspan.docx", hostile::grid_span(100, 1000)),
        ("gridbefore.docx", hostile::grid_before(2000, 1000)),
        ("nested.docx", hostile::nested_tables(40, 200)),
        ("nested-too-deep.docx", hostile::nested_tables(1000, 0)),
        ("duplicate-entry.docx", hostile::duplicate_entry()),
        ("mislabelled-gb2312.html", hostile::html_mislabelled()),
        ("utf8-many-invalid.txt", hostile::utf8_many_invalid()),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes)?;
    }
    for (name, bytes) in readers_files(true) {
        fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

/// The hostile workbooks and PDFs of issue 28: `small` for the committed fixtures (a few
/// KB each), else the full-size versions `bench/hostile.sh` measures.
fn readers_files(small: bool) -> Vec<(String, Vec<u8>)> {
    let pick = |s: usize, l: usize| if small { s } else { l };
    let mut files: Vec<(String, Vec<u8>)> = readers::xls_damaged()
        .into_iter()
        .map(|(n, b)| (n.to_string(), b))
        .collect();
    let more: Vec<(&str, Vec<u8>)> = vec![
        (
            "xlsx-unique-count-1e12.xlsx",
            readers::xlsx_unique_count("1000000000000"),
        ),
        (
            "xlsx-unique-count-2e64.xlsx",
            readers::xlsx_unique_count("18446744073709551616"),
        ),
        (
            "xlsx-long-string.xlsx",
            readers::xlsx_long_string(pick(2_000_000, 200_000_000)),
        ),
        (
            "ods-repeated.ods",
            readers::ods_repeated(1_000_000, pick(16, 1000) as u64),
        ),
        ("xls-dimensions-4g.xls", readers::xls_dimensions_4g()),
        (
            "xls-cell-65535-65535.xls",
            readers::xls_far_cell(65535, 65535),
        ),
        (
            "xls-cell-65535-1023.xls",
            readers::xls_far_cell(65535, 1023),
        ),
        (
            "pdf-page-count.pdf",
            readers::pdf_page_count("1000000000000"),
        ),
        (
            "pdf-cmap-bomb.pdf",
            readers::pdf_cmap_bomb(16, pick(256, 2000)),
        ),
        (
            "pdf-long-glyph.pdf",
            readers::pdf_long_glyph(30_000, pick(20_000, 200_000)),
        ),
        (
            "pdf-inline-font.pdf",
            readers::pdf_inline_font(16, pick(20_000, 100_000)),
        ),
        (
            "pdf-failing-form.pdf",
            readers::pdf_failing_form(pick(20_000_000, 100_000_000), 100),
        ),
        ("pdf-chained-filters.pdf", readers::pdf_chained_filters(61)),
        ("pdf-bad-token.pdf", readers::pdf_bad_token()),
        ("pdf-bad-first-token.pdf", readers::pdf_bad_first_token()),
        ("pdf-invisible.pdf", readers::pdf_invisible()),
        (
            "pdf-marked-deep.pdf",
            readers::pdf_marked_deep(pick(100_000, 1_000_000), pick(200_000, 1_000_000)),
        ),
        (
            "pdf-large-array.pdf",
            readers::pdf_large_array(pick(4_100_000, 30_000_000), 1),
        ),
        (
            "pdf-objstm-repeat.pdf",
            readers::pdf_large_array(pick(5_000, 50_000), pick(1_000, 10_000)),
        ),
        (
            "pdf-codespace-ranges.pdf",
            readers::pdf_codespace_ranges(1_000_000, pick(200_000, 2_000_000)),
        ),
        (
            "pdf-actualtext-spans.pdf",
            readers::pdf_actual_text_spans(30_000, pick(2_000, 100_000)),
        ),
        (
            "pdf-overlapping-rules.pdf",
            readers::pdf_overlapping_rules(5_000, pick(12, 80)),
        ),
        (
            "pdf-shared-cmap-fonts.pdf",
            readers::pdf_shared_cmap_fonts(100),
        ),
        (
            "pdf-xref-one-offset.pdf",
            readers::pdf_xref_one_offset(pick(20_000, 1_000_000), pick(250, 100_000)),
        ),
    ];
    files.extend(more.into_iter().map(|(n, b)| (n.to_string(), b)));
    files
}
