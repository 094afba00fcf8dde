//! What the printed documents say beyond the record's own fields: where a title may break, the
//! meeting's date and clock time as residents read it, who takes part counted by category, and
//! which facts the body of the minutes already states. [`crate::documents`] puts these into the
//! data each template reads.

pub mod body;
pub mod roster;
pub mod schedule;
pub mod title;
