//! Self-contained HTML pages from the minijinja templates beside this module: a compare
//! alignment (`report.html`), a chain (`chain.html`), a coverage heatmap (`coverage.html`).

pub mod compare;
pub mod multi;
