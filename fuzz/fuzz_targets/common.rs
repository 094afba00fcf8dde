//! What every fuzz target checks: any bytes under a record's file name go through loading,
//! merging and every rule without a panic, and every record read is accounted for.

/// Loads `bytes` as a file named `name` and checks the batch; aborts (a crash for the fuzzer) on
/// unbalanced accounting or a panic that was caught and reported as E000.
pub fn check(name: &str, bytes: &[u8]) {
    // libfuzzer-sys aborts on any panic, even one the loader catches and reports; let panics
    // unwind (quietly) so that only those that escape as E000 count as crashes.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut loaded = yishi::load::Loaded::default();
    loaded.add_bytes(name, bytes);
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
}
