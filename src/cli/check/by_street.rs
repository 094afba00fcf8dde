//! `yishi check --format json` of a batch street by street: each folder right in the batch
//! folder (a street's) checked as a run of its own, its report kept as a part with its findings as
//! text, and the parts joined as `yishi merge` joins them, which gives the bytes one run over the
//! whole batch writes (`tests/merge.rs`). Only two streets' records are held at a time, not the
//! province's; the findings' text waits in a temporary file until it is written.
//!
//! Where that equality is not sure the batch is checked at once instead: more than one batch
//! folder, a batch folder the join would name otherwise (`.`), a file right in the batch folder, a walk of the streets one by one that reads or passes
//! over anything differently from the walk of the whole (an entry passed over right in the batch
//! folder, a `yishi.toml` inside a street, a link from one street into another), and whatever
//! [`parts::join`] refuses (streets sharing a meeting code, a street's meetings named from
//! another, frequency periods that differ without `--year`) or leaves out (a year some streets
//! have no meeting in).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::batch;
use crate::discover;
use crate::parts::{self, Joined, Part};
use crate::settings::Settings;
use crate::source::display_path;

/// The batch below `paths` checked street by street and joined; `None` when it is to be checked
/// at once (see the module's notes).
pub fn joined(paths: &[PathBuf], settings: &Settings) -> Option<Joined> {
    let [root] = paths else {
        return None;
    };
    let whole = discover::files(paths);
    let mut streets: Vec<PathBuf> = Vec::new();
    for file in &whole.files {
        let mut below = file.strip_prefix(root).ok()?.components();
        let street = root.join(below.next()?);
        // A file right in the batch folder belongs to no street.
        below.next()?;
        if streets.last() != Some(&street) {
            if streets.contains(&street) {
                return None;
            }
            streets.push(street);
        }
    }
    if streets.len() < 2 {
        return None;
    }
    let walks = walked_alike(&whole, &streets)?;
    let store = parts::Store::new().ok()?;
    // Two streets at a time (each read and checked on all the cores), so that one street's
    // report is made while the other's files are read; at most two streets' records are held.
    let mut read = Vec::with_capacity(streets.len());
    let streets: Vec<(PathBuf, discover::Discovered)> = streets.into_iter().zip(walks).collect();
    for pair in streets.chunks(2) {
        let done: Vec<Option<Part>> = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|(street, found)| {
                    let store = &store;
                    scope.spawn(move || part(street, found, settings, store))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for part in done {
            read.push(part?);
        }
    }
    // The join names the batch folder as one run names it (`.`, a trailing `/` are not), or
    // its paths and keys would not be that run's.
    let shown = display_path(root);
    parts::join(read)
        .ok()
        .filter(|joined| joined.notes.is_empty() && joined.root() == Some(shown.as_str()))
}

/// One street checked as a run of its own (`found` its walk), its report kept as a part.
fn part(
    street: &Path,
    found: &discover::Discovered,
    settings: &Settings,
    store: &Arc<parts::Store>,
) -> Option<Part> {
    let paths = [street.to_path_buf()];
    let checked = batch::check(batch::load_found(found), settings);
    let keys = crate::report::sarif::fingerprints(&checked, &paths);
    let doc = super::json_report_of(&checked, settings, &paths, Vec::new());
    Part::of_findings(
        display_path(street),
        doc,
        checked.diagnostics.len(),
        &|i| super::keyed_finding(&checked, &keys, i),
        store,
    )
    .ok()
}

/// Each street's own walk, when together they read the files the walk of the whole batch reads,
/// in its order, and pass over the same entries for the same reasons.
fn walked_alike(
    whole: &discover::Discovered,
    streets: &[PathBuf],
) -> Option<Vec<discover::Discovered>> {
    let entry = |p: &discover::Passed| (p.path.clone(), p.reason.clone(), p.unreadable);
    let walks: Vec<discover::Discovered> = streets
        .iter()
        .map(|street| discover::files(std::slice::from_ref(street)))
        .collect();
    let files: Vec<&PathBuf> = walks.iter().flat_map(|w| &w.files).collect();
    let mut passed: Vec<_> = walks.iter().flat_map(|w| &w.passed).map(entry).collect();
    let walked: usize = walks.iter().map(|w| w.walked).sum();
    let mut expected: Vec<_> = whole.passed.iter().map(entry).collect();
    expected.sort();
    passed.sort();
    (files.iter().copied().eq(&whole.files) && passed == expected && walked == whole.walked)
        .then_some(walks)
}
