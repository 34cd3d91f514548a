//! Terminal tables (comfy-table), wrapped to [`RenderOptions::width`]: a compare
//! alignment ([`compare`]), a chain and a coverage matrix ([`multi`]).

pub mod compare;
pub mod multi;

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage};
use crate::report::{RenderOptions, Renderer};

/// The terminal table renderer.
pub struct Terminal;

impl Renderer for Terminal {
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        compare::render(a, opts.lang, opts.width, out)
    }
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::chain_table(c, opts.lang, opts.width, out)
    }
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::coverage_table(c, opts.lang, opts.width, out)
    }
}
