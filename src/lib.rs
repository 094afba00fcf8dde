//! yishi (议事): checks grassroots deliberative consultation records (基层议事协商) against the
//! procedures the guidelines lay down, and typesets print-ready documents with Typst.
//!
//! The pipeline, in order; each step is a function from the previous step's value to the next,
//! and the binary, the tests and the benchmarks call the same functions:
//!
//! 1. [`discover`]: walk the batch folders, in a stable order.
//! 2. [`load`]: recognise each file by content and parse ledgers, participant lists and minutes
//!    into [`model::Record`]s whose every field keeps its [`source::Loc`]; problems become
//!    diagnostics at their place and the batch goes on.
//! 3. [`merge`]: join records by meeting code into [`model::Meeting`]s; conflicts are reported.
//! 4. check: run the active [`rules`] over each meeting ([`batch::check`]).
//! 5. [`report`]: diagnostics for people (miette) and machines (JSON), with a summary that accounts
//!    for every file and record.
//! 6. [`render`]: typeset documents with Typst in-process, the data passed as data
//!    ([`documents`] builds it).
//! 7. [`write`]: atomically into the output folder.

pub mod annual;
pub mod audit;
pub mod batch;
pub mod calendar;
#[cfg(feature = "render")]
pub mod cli;
pub mod clock;
pub mod compose;
pub mod config;
#[cfg(feature = "render")]
pub mod dashboard;
pub mod days;
pub mod diag;
pub mod discover;
pub mod documents;
pub mod fields;
pub mod figures;
pub mod guard;
pub mod hidden;
pub mod in_force;
pub mod load;
pub mod merge;
pub mod meta;
pub mod model;
#[cfg(feature = "render")]
pub mod notices;
pub mod parts;
pub mod platform;
pub mod policy;
#[cfg(feature = "render")]
pub mod printing;
pub mod prose;
#[cfg(feature = "render")]
pub mod render;
pub mod report;
pub mod rules;
pub mod settings;
pub mod source;
pub mod spelling;
#[cfg(feature = "render")]
pub mod texts;
pub mod values;
pub mod waivers;
pub mod write;
