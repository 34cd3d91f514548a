//! The fuzzing harnesses, shared by the cargo-fuzz targets in `fuzz/` and by the ordinary
//! tests that replay every input under `tests/data/bad/`: whatever the bytes, reading,
//! parsing and comparing return a value or a typed error, and never panic.

use crate::align::{AlignOptions, align};
use crate::ingest::{IngestOptions, read_bytes};
use crate::parse::parse_document;
use crate::segment::Segmenter;

/// Ingest and parse arbitrary bytes; the tasks found, or 0 on a typed error.
pub fn parse_bytes(bytes: &[u8]) -> usize {
    match read_bytes("fuzz.txt", bytes, &IngestOptions::default()) {
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

/// Read arbitrary bytes as a PDF (whatever their first bytes) and parse them; the
/// tasks found, or 0 on a typed error.
pub fn pdf_bytes(bytes: &[u8]) -> usize {
    let opts = IngestOptions {
        format: crate::ingest::InputFormat::Pdf,
        ..IngestOptions::default()
    };
    match read_bytes("fuzz.pdf", bytes, &opts) {
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
    let opts = IngestOptions::default();
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
