//! `yishi report` street by street writes what reading the batch at once writes, byte for byte:
//! the figures on stdout (for people and as JSON), each unit's figures beside its report, the
//! reports themselves and the dashboard, on a batch of five streets (the scenarios and the year's
//! sample, each in a folder of its own), with and without a year set.

use std::path::Path;

use clap::Parser as _;
use yishi::batch::stream;
use yishi::cli::{Cli, Command, report};

mod common;
use common::{STREETS, five_street_folders};

/// `yishi report BATCH OPTIONS --out OUT` as the command line parses it, run street by street
/// when `streets`, else with the batch read at once: what it wrote on stdout.
fn report(batch: &Path, options: &[&str], out: &Path, streets: bool) -> String {
    let mut command: Vec<String> = vec!["yishi".into(), "report".into()];
    command.push(batch.display().to_string());
    command.extend(["--today", "2026-12-31", "--no-config", "--out"].map(String::from));
    command.push(out.display().to_string());
    command.extend(options.iter().map(|o| (*o).to_string()));
    let Command::Report(args) = Cli::try_parse_from(&command).expect("command line").command else {
        unreachable!("report");
    };
    let mut stdout = Vec::new();
    let code = report::run_into(&args, &mut stdout, streets).expect("runs");
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    String::from_utf8(stdout).expect("UTF-8")
}

/// The files of `dir` (the manifest of a build aside), by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("out folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn five_streets_reported_one_by_one_write_what_the_whole_batch_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_street_folders(dir.path());
    let settings = yishi::settings::Settings::new(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
    );
    let plan = stream::Plan::new(std::slice::from_ref(&batch), &settings, 2, true)
        .expect("five independent streets");
    assert!(!plan.has_loose_files());
    // The last year a meeting was held in, found in the first pass over the streets.
    assert_eq!(plan.years().last(), Some(&2026));

    for (options, year) in [
        (&[][..], "2026"),
        (&["--year", "2025", "--format", "json"][..], "2025"),
    ] {
        let (one_by_one, whole) = (dir.path().join("streets"), dir.path().join("whole"));
        let streamed = report(&batch, options, &one_by_one, true);
        let at_once = report(&batch, options, &whole, false);
        assert_eq!(streamed, at_once, "{options:?}");
        let (streamed_files, whole_files) = (files(&one_by_one), files(&whole));
        let names: Vec<&str> = streamed_files.iter().map(|(n, _)| n.as_str()).collect();
        for street in STREETS {
            assert!(streamed.contains(street), "{street} reported:\n{streamed}");
            let report = format!("{street}-{year}年度议事协商工作报告.pdf");
            assert!(names.contains(&report.as_str()), "{report} in {names:?}");
        }
        assert!(names.contains(&"index.html"), "{names:?}");
        assert_eq!(
            names,
            whole_files
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
        );
        for ((name, a), (_, b)) in streamed_files.iter().zip(&whole_files) {
            assert!(a == b, "{name} differs ({options:?})");
        }
        std::fs::remove_dir_all(&one_by_one).expect("clean");
        std::fs::remove_dir_all(&whole).expect("clean");
    }
}
