//! `yishi check` street by street says what checking the batch at once says, byte for byte, in
//! the human report and in SARIF (JSON is checked street by street another way, `tests/merge.rs`;
//! `--show-hidden` checks the batch at once): on the sample, on each scenario, on a batch of five streets
//! (the scenarios and the year's sample side by side, each in its own folder, with files that
//! are no records among them and one right in the batch folder), and on a batch whose streets
//! are not independent (two folders holding the same street), which is checked as a whole.

use std::path::{Path, PathBuf};

use clap::Parser as _;
use yishi::batch::{self, stream};
use yishi::cli::{Cli, Command, Format, check};
use yishi::report::human;

mod common;
use common::{STREETS, copy_tree, five_street_folders};

/// `yishi check PATHS` as the command line runs it, and as the whole batch checked at once
/// reports it: the human report.
fn both(paths: &[&Path], year: Option<&str>) -> (String, String) {
    both_in(paths, year, Format::Human)
}

/// `yishi check PATHS --today 2026-12-31 --no-config` in `format`, for `year`.
fn args_of(paths: &[&Path], year: Option<&str>, format: Format) -> check::CheckArgs {
    let mut command: Vec<String> = vec!["yishi".into(), "check".into()];
    command.extend(paths.iter().map(|p| p.display().to_string()));
    command.extend(["--today", "2026-12-31", "--no-config"].map(String::from));
    match format {
        Format::Sarif => command.extend(["--format", "sarif"].map(String::from)),
        Format::Json => command.extend(["--format", "json"].map(String::from)),
        Format::Human => {}
    }
    if let Some(year) = year {
        command.extend(["--year".to_string(), year.to_string()]);
    }
    let Command::Check(args) = Cli::try_parse_from(&command).expect("command line").command else {
        unreachable!("check");
    };
    args
}

/// [`both`] in `format`.
fn both_in(paths: &[&Path], year: Option<&str>, format: Format) -> (String, String) {
    let args = args_of(paths, year, format);
    let mut streamed = Vec::new();
    check::run_into(&args, &mut streamed, false).expect("runs");
    let settings = args.batch.settings().expect("settings");
    let checked = batch::run(&args.batch.paths, &settings);
    let mut whole = Vec::new();
    check::write_report(
        &mut whole,
        &checked,
        &settings,
        &args.batch.paths,
        format,
        false,
        true,
    )
    .expect("written");
    (
        String::from_utf8(streamed).expect("UTF-8"),
        String::from_utf8(whole).expect("UTF-8"),
    )
}

/// Five streets, each in a folder of its own, and a note right in the batch folder.
fn five_streets(dir: &Path) -> PathBuf {
    let batch = five_street_folders(dir);
    std::fs::copy("fixtures/sample/莲花街道/说明.txt", batch.join("说明.txt")).expect("copy");
    batch
}

fn streamed_or_whole(batch: &Path) -> &'static str {
    let settings = yishi::settings::Settings::new(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
    );
    let render = |d: &yishi::diag::Diagnostic| human::render(d, human::Style::PLAIN);
    match stream::run(&[batch.to_path_buf()], &settings, &render, 2) {
        stream::Run::Streamed(s) => {
            assert_eq!(s.streets, 5);
            "streamed"
        }
        stream::Run::Whole(_) => "whole",
    }
}

#[test]
fn five_streets_checked_one_by_one_report_what_the_whole_batch_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_streets(dir.path());
    assert_eq!(streamed_or_whole(&batch), "streamed");
    // Without a year the periods run from the batch's first to its last meeting: found across
    // the streets.
    for year in [None, Some("2025")] {
        let (streamed, whole) = both(&[&batch], year);
        for street in STREETS {
            assert!(
                whole.contains(street),
                "findings of {street} are there:\n{whole}"
            );
        }
        assert_eq!(streamed, whole, "year {year:?}");
    }
}

#[test]
fn five_streets_checked_one_by_one_give_the_whole_batchs_sarif_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_streets(dir.path());
    assert_eq!(streamed_or_whole(&batch), "streamed");
    for year in [None, Some("2025")] {
        let (streamed, whole) = both_in(&[&batch], year, Format::Sarif);
        let log: serde_json::Value = serde_json::from_str(&streamed).expect("JSON");
        let run = &log["runs"][0];
        // The files, places and results of every street, numbered across the streets.
        let artifacts = run["artifacts"].as_array().expect("artifacts");
        let folders: std::collections::BTreeSet<&str> = artifacts
            .iter()
            .filter_map(|a| a["location"]["uri"].as_str()?.split_once('/'))
            .map(|(folder, _)| folder)
            .collect();
        assert_eq!(folders.len(), 5, "{folders:?}");
        let places = run["logicalLocations"].as_array().expect("places");
        let streets: Vec<&str> = places
            .iter()
            .filter(|p| p["kind"] == "street")
            .map(|p| p["name"].as_str().expect("name"))
            .collect();
        for street in STREETS {
            assert!(streets.contains(&street), "{street} in {streets:?}");
        }
        let results = run["results"].as_array().expect("results");
        for street in STREETS {
            assert!(
                results.iter().any(|r| {
                    r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                        .as_str()
                        .is_some_and(|p| p.starts_with(street))
                }),
                "a result of {street}"
            );
        }
        let last_file = results
            .iter()
            .filter_map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["index"].as_u64()
            })
            .max()
            .expect("results in files");
        assert!(last_file as usize > artifacts.len() / 2, "{last_file}");
        let last_place = results
            .iter()
            .filter_map(|r| r["locations"][0]["logicalLocations"][0]["index"].as_u64())
            .max()
            .expect("results at places");
        assert_eq!(last_place as usize + 1, places.len());
        assert_eq!(streamed, whole, "year {year:?}");
    }
}

#[test]
fn five_streets_checked_one_by_one_give_the_whole_batchs_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_streets(dir.path());
    for year in [None, Some("2025")] {
        let (streamed, whole) = both_in(&[&batch], year, Format::Json);
        let args = args_of(&[&batch], year, Format::Json);
        let settings = args.batch.settings().expect("settings");
        let mut by_street = Vec::new();
        check::by_street::json(&args.batch.paths, &settings, &mut by_street)
            .expect("street by street")
            .expect("written");
        assert!(by_street == streamed.as_bytes());
        let report: serde_json::Value = serde_json::from_str(&streamed).expect("JSON");
        // Every street's units, meetings and figures in the batch's.
        let units = report["batch"]["units"].as_array().expect("units");
        for street in STREETS {
            assert!(units.iter().any(|u| u["street"] == street), "{street}");
        }
        let figures = report["batch"]["figures"].as_array().expect("figures");
        assert!(!figures.is_empty());
        assert!(
            figures
                .iter()
                .all(|f| f["units"].as_array().is_some_and(|u| u.len() > 5))
        );
        assert!(streamed == whole, "year {year:?}");
    }
}

#[test]
fn streets_sharing_a_street_are_checked_as_a_whole_and_report_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_streets(dir.path());
    // The sample's 莲花街道 beside the scenario's: one street in two folders.
    copy_tree(
        Path::new("fixtures/sample/莲花街道"),
        &batch.join("莲花街道"),
    );
    assert_eq!(streamed_or_whole(&batch), "whole");
    for format in [Format::Human, Format::Sarif, Format::Json] {
        let (streamed, whole) = both_in(&[&batch], None, format);
        assert_eq!(streamed, whole, "{format:?}");
    }
}

#[test]
fn the_sample_and_the_scenarios_report_the_same_either_way() {
    let mut batches = vec![PathBuf::from("fixtures/sample")];
    for entry in std::fs::read_dir("fixtures/scenarios").expect("scenarios") {
        batches.push(entry.expect("entry").path());
    }
    batches.sort();
    for batch in &batches {
        for format in [Format::Human, Format::Sarif, Format::Json] {
            let (streamed, whole) = both_in(&[batch], None, format);
            assert_eq!(streamed, whole, "{} {format:?}", batch.display());
        }
    }
}
