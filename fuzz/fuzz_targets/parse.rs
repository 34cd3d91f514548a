//! Ingest + parse of arbitrary bytes never panics (see policydiff::harness).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    policydiff::harness::parse_bytes(data);
});
