#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| cpdash::load::fuzz::snapshot(data));
