//! Markdown reports: a compare alignment, a chain, a coverage run.

pub mod compare;
pub mod multi;
