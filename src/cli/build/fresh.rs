//! A build with nothing changed since the last complete one: the same input files (by name, size
//! and modification time), settings, options, templates, fonts and program, and an output folder
//! that no one has touched since. Such a build would write nothing and say what the last one
//! said, so it says it again from what the last one recorded, as `make` or `cargo` do for work
//! that is up to date, without reading and checking the batch again.
//!
//! The record lives in the output folder's `.yishi` folder: `build.json` (what decided the build,
//! what it said on stderr, its exit), `report` (its report on stdout, byte for byte) and
//! `outputs` (every file of the output folder with its size and modification time).

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::Digest;

/// The record's folder in the output folder; passed over when the folder is listed.
pub const DIR: &str = ".yishi";
const RECORD: &str = "build.json";
const REPORT: &str = "report";
const OUTPUTS: &str = "outputs";

/// One thing a build said on stderr, as a build with nothing changed says it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    Line(String),
    /// The documents' closing line: every document kept, counted.
    Documents {
        kept: u32,
        pages: usize,
        skipped: u32,
    },
    /// The annual reports' closing line: every report kept, counted.
    Annual {
        years: String,
        kept: usize,
        drafts: usize,
    },
}

/// What a build says on stderr that a build with nothing changed would say again.
#[derive(Debug, Default)]
pub struct Transcript {
    pub entries: Vec<Entry>,
}

impl Transcript {
    /// Says a line now, and again in a build with nothing changed.
    pub fn say(&mut self, line: String) {
        eprintln!("{line}");
        self.said(line);
    }

    /// A line said already, to say again in a build with nothing changed.
    pub fn said(&mut self, line: String) {
        self.entries.push(Entry::Line(line));
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    key: String,
    pub entries: Vec<Entry>,
    pub code: u8,
    pub exit_line: String,
}

/// The key of a build: `decides` (the program, templates and fonts, settings and options, as
/// text) and every file of the batch that is read (`found`), with its size and modification
/// time, and every entry passed over.
pub fn key(decides: &str, found: &crate::discover::Discovered) -> String {
    let mut hash = sha2::Sha256::new();
    part(&mut hash, decides.as_bytes());
    for file in &found.files {
        part(&mut hash, file.as_os_str().as_encoded_bytes());
        part(&mut hash, crate::render::file_stamp(file).as_bytes());
    }
    part(&mut hash, format!("{:?}", found.passed).as_bytes());
    format!("{:x}", hash.finalize())
}

/// Hashes one part, its length first, so that no two sequences of parts hash alike.
fn part(hash: &mut sha2::Sha256, bytes: &[u8]) {
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

/// The record of the last build into `out` when it had the same key and the output folder is as
/// that build left it; otherwise `None`.
pub fn unchanged(out: &Path, key: &str) -> Option<Record> {
    let dir = out.join(DIR);
    let record: Record = serde_json::from_slice(&std::fs::read(dir.join(RECORD)).ok()?).ok()?;
    if record.key != key || !dir.join(REPORT).is_file() {
        return None;
    }
    let listed = std::fs::read(dir.join(OUTPUTS)).ok()?;
    (listed == listing(out).ok()?.as_bytes()).then_some(record)
}

/// Removes the record: from here on the output folder changes, and an interrupted build must
/// not leave a record of a folder that is no longer so.
pub fn forget(out: &Path) {
    let _ = std::fs::remove_file(out.join(DIR).join(RECORD));
}

/// Keeps the report this build printed, to print again.
pub fn keep_report(out: &Path, report: &[u8]) -> io::Result<()> {
    keep_report_with(out, &mut |file| file.write_all(report))
}

/// [`keep_report`] of the report `write` writes.
pub fn keep_report_with(
    out: &Path,
    write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = out.join(DIR);
    std::fs::create_dir_all(&dir)?;
    crate::write::atomic_with(&dir.join(REPORT), write)
}

/// Records a complete build: its key, what it said and its exit, and the output folder as it
/// leaves it. Call after every output is written. `kept` are the files the build's manifest
/// lists, each with its size and modification time as the manifest has them: when one of them
/// is no longer so in the folder (removed or changed by hand while the build ran), nothing is
/// recorded and `false` is returned, for a build replaying the record would say it is kept.
pub fn record(
    out: &Path,
    key: String,
    (entries, exit): (Vec<Entry>, (u8, String)),
    kept: &[(&str, &crate::printing::Stamp)],
) -> io::Result<bool> {
    let listed = listing(out)?;
    let lines: std::collections::HashSet<&str> = listed.lines().collect();
    if !kept.iter().all(|(file, stamp)| {
        lines.contains(format!("{}\t{}\t{file}", stamp.size, stamp.modified).as_str())
    }) {
        return Ok(false);
    }
    let dir = out.join(DIR);
    std::fs::create_dir_all(&dir)?;
    crate::write::atomic(&dir.join(OUTPUTS), listed.as_bytes())?;
    let record = Record {
        key,
        entries,
        code: exit.0,
        exit_line: exit.1,
    };
    let json = serde_json::to_vec(&record).map_err(io::Error::other)?;
    crate::write::atomic(&dir.join(RECORD), &json)?;
    Ok(true)
}

/// Prints the recorded report to stdout.
pub fn print_report(out: &Path) -> io::Result<()> {
    let mut file = std::fs::File::open(out.join(DIR).join(REPORT))?;
    let mut stdout = io::stdout().lock();
    io::copy(&mut file, &mut stdout)?;
    stdout.flush()
}

/// Every file below `out` but the record and the lock, in name order, each with its size and
/// modification time (nanoseconds): what tells that no one has added, removed or changed a file.
fn listing(out: &Path) -> io::Result<String> {
    let mut text = String::new();
    list_into(out, Path::new(""), &mut text)?;
    Ok(text)
}

/// The files below `dir` (`below` of the output folder) into `text`: each folder's entries
/// sorted by their names and looked up on all the cores (a province's output folder holds
/// hundreds of thousands of files), relative to the folder rather than by their whole paths.
fn list_into(dir: &Path, below: &Path, text: &mut String) -> io::Result<()> {
    use rayon::prelude::*;
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let top = below.as_os_str().is_empty();
    let looked: Vec<(std::ffi::OsString, std::fs::Metadata)> = entries
        .par_iter()
        .filter(|e| !(top && (e.file_name() == DIR || e.file_name() == crate::cli::outdir::LOCK)))
        .map(|e| Ok((e.file_name(), e.metadata()?)))
        .collect::<io::Result<_>>()?;
    for (name, meta) in looked {
        let path = below.join(&name);
        if meta.is_dir() {
            list_into(&dir.join(&name), &path, text)?;
            continue;
        }
        // As the manifest stamps a file: seconds, then nanoseconds.
        let since = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "{}\t{}.{:09}\t{}",
            meta.len(),
            since.as_secs(),
            since.subsec_nanos(),
            path.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touched_added_or_removed_output_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("a.pdf"), "a").unwrap();
        std::fs::create_dir(out.join("通知")).unwrap();
        std::fs::write(out.join("通知").join("b.txt"), "b").unwrap();
        keep_report(out, b"report").unwrap();
        assert!(
            record(
                out,
                "k".into(),
                (vec![Entry::Line("说过".into())], (0, "退出码 0".into())),
                &[],
            )
            .unwrap()
        );
        let kept = unchanged(out, "k").expect("nothing changed");
        assert_eq!(kept.entries, vec![Entry::Line("说过".into())]);
        assert_eq!((kept.code, kept.exit_line.as_str()), (0, "退出码 0"));
        assert!(unchanged(out, "other key").is_none());

        // The record's own folder and the lock are not outputs.
        std::fs::write(out.join(crate::cli::outdir::LOCK), "").unwrap();
        keep_report(out, b"another report").unwrap();
        assert!(unchanged(out, "k").is_some());

        std::fs::write(out.join("通知").join("b.txt"), "c").unwrap();
        assert!(unchanged(out, "k").is_none(), "a changed file");
        record(out, "k".into(), (Vec::new(), (0, String::new())), &[]).unwrap();
        std::fs::write(out.join("new.pdf"), "").unwrap();
        assert!(unchanged(out, "k").is_none(), "an added file");
        std::fs::remove_file(out.join("new.pdf")).unwrap();
        assert!(unchanged(out, "k").is_some());
        std::fs::remove_file(out.join("a.pdf")).unwrap();
        assert!(unchanged(out, "k").is_none(), "a removed file");
        record(out, "k".into(), (Vec::new(), (0, String::new())), &[]).unwrap();
        forget(out);
        assert!(unchanged(out, "k").is_none(), "forgotten");
    }

    #[test]
    fn nothing_is_recorded_when_a_kept_file_is_not_as_the_manifest_says() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let pdf = out.join("a.pdf");
        std::fs::write(&pdf, "a").unwrap();
        let stamp = crate::printing::Stamp::of(&pdf).unwrap();
        keep_report(out, b"report").unwrap();
        let said = || (vec![Entry::Line("说过".into())], (0, "退出码 0".into()));
        assert!(record(out, "k".into(), said(), &[("a.pdf", &stamp)]).unwrap());
        assert!(unchanged(out, "k").is_some());
        forget(out);
        std::fs::write(&pdf, "b").unwrap();
        let earlier = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1);
        std::fs::File::options()
            .write(true)
            .open(&pdf)
            .unwrap()
            .set_modified(earlier)
            .unwrap();
        assert!(!record(out, "k".into(), said(), &[("a.pdf", &stamp)]).unwrap());
        assert!(unchanged(out, "k").is_none());
        std::fs::remove_file(&pdf).unwrap();
        assert!(!record(out, "k".into(), said(), &[("a.pdf", &stamp)]).unwrap());
    }

    #[test]
    fn the_key_changes_with_an_input_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("台账.csv");
        std::fs::write(&file, "a").unwrap();
        let paths = [dir.path().to_path_buf()];
        let key = |decides: &str| key(decides, &crate::discover::files(&paths));
        let before = key("settings");
        assert_eq!(before, key("settings"));
        assert_ne!(before, key("other settings"));
        std::fs::write(&file, "ab").unwrap();
        assert_ne!(before, key("settings"));
        let now = key("settings");
        std::fs::write(dir.path().join("新.csv"), "").unwrap();
        assert_ne!(now, key("settings"));
    }
}
