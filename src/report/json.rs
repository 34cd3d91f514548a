//! JSON: the serialisation of the result itself ([`Alignment`], [`Chain`], [`Coverage`]),
//! pretty-printed, with a final newline. Other tools read this; every other format is a
//! view of the same value.

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage};
use crate::report::{RenderOptions, Renderer};

/// The JSON renderer (the options do not change JSON: labels are the serialised values).
pub struct Json;

impl Renderer for Json {
    fn compare(&self, a: &Alignment, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        json(a, out)
    }
    fn chain(&self, c: &Chain, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        to_json(c, out)
    }
    fn coverage(&self, c: &Coverage, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        to_json(c, out)
    }
}

/// JSON: the serialisation of [`Alignment`], pretty-printed, with a final newline.
pub fn json(a: &Alignment, out: &mut dyn Write) -> io::Result<()> {
    to_json(a, out)
}

/// Any serialisable result (chain, coverage …) as pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}
