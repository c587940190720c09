#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaowu_fuzz::rows(data));
