//! The PDF reader alone (objects, content streams, fonts, layout), then parse, on
//! arbitrary bytes: never panics, hangs or runs out of memory (see
//! policydiff::harness::parse_as).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    policydiff::harness::parse_as(data, policydiff::ingest::InputFormat::Pdf);
});
