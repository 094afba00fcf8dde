//! Any bytes named `会议记录.md` go through loading, merging and every rule without a panic, and every
//! record read is accounted for.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| common::check("会议记录.md", bytes));
