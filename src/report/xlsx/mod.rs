//! Excel workbooks (rust_xlsxwriter): a compare alignment ([`compare`]), a chain and a
//! coverage run ([`multi`]).

pub mod compare;
pub mod multi;

use std::borrow::Cow;
use std::io::{self, Write};

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::model::{Alignment, Chain, Coverage};
use crate::report::{RenderOptions, Renderer};

/// The Excel renderer.
pub struct Xlsx;

impl Renderer for Xlsx {
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        compare::xlsx(a, opts, out)
    }
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::chain(c, opts, out)
    }
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::coverage(c, opts, out)
    }
}

/// The most UTF-16 units Excel holds in one cell.
pub const MAX_CELL_UTF16: usize = 32_767;

/// Text cut to fit one Excel cell, with a visible marker saying how long it was
/// (`…[truncated, 40000 chars]`); shorter text as it is.
pub fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_CELL_UTF16 {
        return Cow::Borrowed(text);
    }
    let marker = format!("…[truncated, {} chars]", text.chars().count());
    let room = MAX_CELL_UTF16 - marker.encode_utf16().count();
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push_str(&marker);
    Cow::Owned(out)
}

/// Writes text as a string cell — never a number or a formula, whatever it starts with —
/// cut to Excel's limit ([`fit_cell`]). Every text cell of every workbook goes through
/// here.
pub(crate) fn put<'w>(
    ws: &'w mut Worksheet,
    row: u32,
    col: u16,
    text: impl AsRef<str>,
    format: &Format,
) -> Result<&'w mut Worksheet, XlsxError> {
    ws.write_string_with_format(row, col, fit_cell(text.as_ref()).as_ref(), format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_long_cells_are_cut_with_a_marker() {
        let long = "政".repeat(40_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_UTF16);
        assert!(cut.ends_with("…[truncated, 40000 chars]"));
        assert_eq!(fit_cell("短"), "短");
    }
}
