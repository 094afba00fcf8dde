//! Diagnostics for people (miette, Chinese) and for machines (the JSON contract of DESIGN.md, and
//! SARIF 2.1.0 for code-scanning tools),
//! and the summary that accounts for every file and record.

pub mod human;
pub mod json;
pub mod sarif;
pub mod summary;
