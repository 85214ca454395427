#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| cpdash::fuzz_targets::cache(data));
