//! Writes the hostile inputs of issue 17 into a directory, for `bench/hostile.sh`: .docx
//! bombs (grid spans, repeated `gridBefore`, nested tables, a 250 MB inflation), a decoy
//! zip entry, mis-decodable text, and special files (a FIFO, a symlink loop, a dangling link,
//! a directory named like a notice) in `DIR/special/`.
//!
//! cargo run --release --example hostile -- DIR
//!
//! With `--fixtures DIR`, writes the small versions committed in `tests/data/hostile/`
//! (seeds for the fuzz targets, cases of `tests/e2e/hostile_inputs.rs`).

use std::fs;
use std::path::Path;

use policydiff::harness::hostile;

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
    Ok(())
}
