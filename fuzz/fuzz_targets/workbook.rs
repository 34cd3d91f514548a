//! Reading arbitrary bytes as a workbook (.xlsx, .xls, .ods) and parsing them never
//! panics (see policydiff::harness). Seed it with tests/data/sheets/*.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    policydiff::harness::parse_as(data, policydiff::ingest::InputFormat::Xlsx);
});
