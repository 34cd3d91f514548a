//! Terminal tables (comfy-table): a compare alignment, a chain, a coverage matrix.

pub mod compare;
pub mod multi;
