//! The .docx reader alone, then parse, on arbitrary bytes: never panics, and stays within
//! the limits of issue 17 (see policydiff::harness::parse_as).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    policydiff::harness::parse_as(data, policydiff::ingest::InputFormat::Docx);
});
