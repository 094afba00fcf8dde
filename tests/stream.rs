//! `yishi check` street by street says what checking the batch at once says, byte for byte, in
//! the human report (JSON, SARIF and `--show-hidden` check the batch at once: JSON carries the
//! whole batch's figures for `yishi merge`): on the sample, on each scenario, on a batch of five streets
//! (the scenarios and the year's sample side by side, each in its own folder, with files that
//! are no records among them and one right in the batch folder), and on a batch whose streets
//! are not independent (two folders holding the same street), which is checked as a whole.

use std::path::{Path, PathBuf};

use clap::Parser as _;
use yishi::batch::{self, stream};
use yishi::cli::{Cli, Command, Format, check};
use yishi::report::human;

/// `yishi check PATHS` as the command line runs it, and as the whole batch checked at once
/// reports it.
fn both(paths: &[&Path], year: Option<&str>) -> (String, String) {
    let mut command: Vec<String> = vec!["yishi".into(), "check".into()];
    command.extend(paths.iter().map(|p| p.display().to_string()));
    command.extend(["--today", "2026-12-31", "--no-config"].map(String::from));
    if let Some(year) = year {
        command.extend(["--year".to_string(), year.to_string()]);
    }
    let Command::Check(args) = Cli::try_parse_from(&command).expect("command line").command else {
        unreachable!("check");
    };
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
        Format::Human,
        false,
        true,
    )
    .expect("written");
    (
        String::from_utf8(streamed).expect("UTF-8"),
        String::from_utf8(whole).expect("UTF-8"),
    )
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Five streets, each in a folder of its own, and a note right in the batch folder.
fn five_streets(dir: &Path) -> PathBuf {
    let batch = dir.join("batch");
    for (folder, from) in [
        ("深圳莲花", "fixtures/scenarios/shenzhen-full-year-2025"),
        ("深圳南湾", "fixtures/scenarios/shenzhen-village-2025"),
        ("吉林桂林", "fixtures/scenarios/jilin-six-steps"),
        ("新疆红庙子", "fixtures/scenarios/xinjiang-four-two"),
        ("深圳香蜜湖", "fixtures/year"),
    ] {
        copy_tree(Path::new(from), &batch.join(folder));
    }
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
        for street in [
            "莲花街道",
            "南湾街道",
            "桂林街道",
            "红庙子街道",
            "香蜜湖街道",
        ] {
            assert!(
                whole.contains(street),
                "findings of {street} are there:\n{whole}"
            );
        }
        assert_eq!(streamed, whole, "year {year:?}");
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
    let (streamed, whole) = both(&[&batch], None);
    assert_eq!(streamed, whole);
}

#[test]
fn the_sample_and_the_scenarios_report_the_same_either_way() {
    let mut batches = vec![PathBuf::from("fixtures/sample")];
    for entry in std::fs::read_dir("fixtures/scenarios").expect("scenarios") {
        batches.push(entry.expect("entry").path());
    }
    batches.sort();
    for batch in &batches {
        let (streamed, whole) = both(&[batch], None);
        assert_eq!(streamed, whole, "{}", batch.display());
    }
}
