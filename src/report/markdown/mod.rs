//! Markdown reports: a compare alignment ([`compare`]), a chain and a coverage run
//! ([`multi`]).

pub mod compare;
pub mod multi;

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage};
use crate::report::{RenderOptions, Renderer};

/// The Markdown renderer.
pub struct Markdown;

impl Renderer for Markdown {
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
