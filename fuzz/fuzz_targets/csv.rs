//! Any bytes named `台账.csv` go through loading, merging and every rule without a panic, and every
//! record read is accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // libfuzzer-sys aborts on any panic, even one the loader catches and reports; let panics
    // unwind (quietly) so that only those that escape as E000 count as crashes.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut loaded = yishi::load::Loaded::default();
    loaded.add_bytes("台账.csv".into(), bytes);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date");
    let checked = yishi::batch::check(loaded, &yishi::settings::Settings::new(today));
    if !checked.accounting.balanced() {
        eprintln!("unbalanced: {:?}", checked.accounting);
        std::process::abort();
    }
    // Panics are caught per file, row and meeting and reported as E000: for the fuzzer they are
    // still crashes.
    if let Some(d) = checked.diagnostics.iter().find(|d| d.code == "E000") {
        eprintln!("{}: {:?}", d.message, d.facts);
        std::process::abort();
    }
});
