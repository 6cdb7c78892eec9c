//! libFuzzer target `envelopes`: see `tests::fuzz::envelopes`. A finding (an encoder writing text
//! that is not XML, ...) panics like a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(finding) = tests::fuzz::envelopes(data) {
        panic!("{finding}");
    }
});
