//! # policydiff
//!
//! Compares Chinese government policy notices across administrative levels: which of an
//! upper notice's requirements a lower notice carried over (原文落实), reworded
//! (改写落实) or dropped (未落实), and what it added (新增).
//!
//! The crate is a pipeline of modules, each named after what it produces:
//!
//! | stage | input → output |
//! |---|---|
//! | [`lexicon`] | (shared) character classes, heading numbering, organisation and column words |
//! | [`ingest`] | bytes → clean text (and tables) |
//! | [`parse`] | text → [`model::Notice`] with [`model::Task`]s |
//! | [`segment`] | text → jieba terms, level words folded |
//! | [`align`] | two notices → [`model::Alignment`] |
//! | [`chain`] | a top notice and the levels below → [`model::Chain`] |
//! | [`coverage`] | one upper notice and many lower ones → [`model::Coverage`] |
//! | [`eval`] | an alignment and a gold file → scores |
//! | [`report`] | a notice or an alignment → terminal table, JSON, Markdown, HTML, CSV, Excel |
//!
//! Beside the pipeline, [`sanity`] checks that inputs are the right way round (levels,
//! years), and [`run`] offers one call per command of the `policydiff` binary — read,
//! check, align, write — so the binary only maps its flags onto [`run`]'s options.
//!
//! ```
//! use policydiff::{ingest, parse};
//! let text = "工作任务\t具体要求\t责任单位\t时限要求\n\
//!             (一)做好规划公开\t1 主动公开国民经济和社会发展规划纲要，做好解读\t市发展改革委牵头，各县区政府负责落实\t年底前\n";
//! let doc = ingest::read_bytes("demo.txt", text.as_bytes(), &Default::default()).unwrap();
//! let notice = parse::parse_document(&doc).unwrap();
//! assert_eq!(notice.tasks[0].lead_units, ["市发展改革委"]);
//! assert_eq!(notice.tasks[0].deadline.raw.as_deref(), Some("年底前"));
//! ```

pub mod align;
pub mod chain;
pub mod coverage;
pub mod eval;
pub mod fsafe;
#[doc(hidden)]
pub mod harness;
pub mod ingest;
pub mod lexicon;
pub mod manifest;
pub mod model;
pub mod parse;
pub mod report;
pub mod run;
pub mod sanity;
pub mod segment;
pub mod serve;

use std::path::Path;

pub use ingest::{IngestError, IngestOptions, Warning};
pub use model::{Alignment, Notice, Task};
pub use parse::ParseError;

/// Any error of reading a notice from a file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// Reads and parses one notice; what reading and parsing noticed (invalid bytes, control
/// characters, gaps in the notice's numbering …) is in [`Notice::warnings`], as data.
pub fn load_notice(path: &Path, opts: &IngestOptions) -> Result<Notice, LoadError> {
    let doc = ingest::read_path(path, opts)?;
    Ok(parse::parse_document(&doc)?)
}

/// What the parser tried and chose for one notice, one sentence a line (`parse --explain`);
/// empty when the file cannot be read at all (reading it again reports why).
pub fn explain_notice(path: &Path, opts: &IngestOptions) -> Vec<String> {
    match ingest::read_path(path, opts) {
        Ok(doc) => parse::parse_explained(&doc).1,
        Err(_) => Vec::new(),
    }
}
