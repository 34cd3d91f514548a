//! Self-contained HTML pages from the minijinja templates beside this module: a compare
//! alignment ([`compare`], `report.html`), a chain and a coverage heatmap ([`multi`],
//! `chain.html`, `coverage.html`, sharing `head.html`).

pub mod compare;
pub mod multi;

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage};
use crate::report::{RenderOptions, Renderer};

/// The HTML renderer.
pub struct Html;

impl Renderer for Html {
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        compare::render(a, opts, out)
    }
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::chain(c, opts, out)
    }
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::coverage(c, opts, out)
    }
}
