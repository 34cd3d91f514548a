//! Comparing two notices made of arbitrary bytes never panics (see policydiff::harness).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    policydiff::harness::compare_bytes(data, policydiff::segment::Segmenter::shared());
});
