//! Any bytes named `台账.xlsx` go through loading, merging and every rule without a panic, and every
//! record read is accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut loaded = yishi::load::Loaded::default();
    loaded.add_bytes("台账.xlsx".into(), bytes);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date");
    let checked = yishi::batch::check(loaded, &yishi::settings::Settings::new(today));
    assert!(checked.accounting.balanced(), "{:?}", checked.accounting);
    // Panics are caught per file and per meeting and reported as E000: for the fuzzer they are
    // still crashes.
    if let Some(d) = checked.diagnostics.iter().find(|d| d.code == "E000") {
        panic!("{}: {:?}", d.message, d.facts);
    }
});
