//! Any bytes named `台账.xlsx` go through loading, merging and every rule without a panic, and every
//! record read is accounted for.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| common::check("台账.xlsx", bytes));
