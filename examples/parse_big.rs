//! Ingest and parse the throughput notice of `benches/big.rs` once, at the size given in
//! MiB (default 2), for an instruction count that does not depend on the machine's load:
//!
//! ```sh
//! cargo build --release --example parse_big
//! valgrind --tool=callgrind target/release/examples/parse_big 2
//! ```
//! (the figures in the README's Speed table count `read_bytes` + `parse_document`).

use policydiff::ingest::{IngestOptions, read_bytes};
use policydiff::parse::parse_document;

#[path = "../benches/big.rs"]
mod big;

/// The binary's allocator (`src/main.rs`), so the figures are the shipped program's.
#[cfg(all(unix, not(feature = "system-malloc")))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2);
    let text = big::big_notice(mib * 1024 * 1024);
    let started = std::time::Instant::now();
    let doc = read_bytes("big.txt", text.as_bytes(), &IngestOptions::default()).expect("ingest");
    let notice = parse_document(&doc).expect("parse");
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} bytes, {} tasks, {:.1} ms, {:.1} MiB/s",
        text.len(),
        notice.tasks.len(),
        secs * 1e3,
        text.len() as f64 / 1048576.0 / secs
    );
}
