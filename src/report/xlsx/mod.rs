//! Excel workbooks (rust_xlsxwriter): a compare alignment ([`compare`]), a chain and a
//! coverage run ([`multi`]).

pub mod compare;
pub mod multi;

use std::io::{self, Write};

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
