//! The PDF reader (objects, content streams, fonts, layout) and parse of arbitrary bytes
//! never panic, hang or run out of memory (see policydiff::harness::pdf_bytes).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    policydiff::harness::pdf_bytes(data);
});
