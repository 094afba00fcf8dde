//! `yishi build` street by street writes what reading the batch at once writes, byte for byte:
//! every document, annual report, notice text, the dashboard, the manifest and the report kept
//! for a build with nothing changed (what it printed on stdout), on a batch of five streets (the
//! scenarios and the year's sample, each in a folder of its own); and again over that build, with
//! the report as JSON, then other documents (those of the first build stay listed and linked),
//! another year, no reports and the report as SARIF.

use std::path::Path;

use clap::Parser as _;
use yishi::cli::{Cli, Command, build};

mod common;
use common::{STREETS, five_street_folders};

/// `yishi build BATCH OPTIONS --out OUT` as the command line parses it, street by street when
/// `streets`, else with the batch read at once: its exit code.
fn build(batch: &Path, options: &[&str], out: &Path, streets: bool) -> std::process::ExitCode {
    let mut command: Vec<String> = vec!["yishi".into(), "build".into()];
    command.push(batch.display().to_string());
    command.extend(["--today", "2026-12-31", "--out"].map(String::from));
    command.push(out.display().to_string());
    command.extend(options.iter().map(|o| (*o).to_string()));
    let Command::Build(args) = Cli::try_parse_from(&command).expect("command line").command else {
        unreachable!("build");
    };
    build::run_with(&args, streets).expect("runs")
}

/// Every file below `dir` by its path there, as it would be in a folder named `OUT` written at
/// another moment: the times in the manifest and the record of the output folder left out, and
/// the key the build is recorded under (made with the folder's name).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = path
                .strip_prefix(dir)
                .expect("below")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).expect("read");
            let bytes = match name.as_str() {
                "yishi-manifest.json" | ".yishi/build.json" => {
                    let mut json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
                    drop_stamps(&mut json);
                    // What the build is recorded under names its output folder.
                    if let Some(map) = json.as_object_mut() {
                        map.remove("key");
                    }
                    let text = json.to_string();
                    text.replace(&dir.display().to_string(), "OUT").into_bytes()
                }
                // Size, time, file: the times left out.
                ".yishi/outputs" => {
                    let mut kept = String::new();
                    for line in String::from_utf8(bytes).expect("text").lines() {
                        let mut cells = line.split('\t');
                        let size = cells.next().unwrap_or_default();
                        cells.next();
                        kept += &[size, &cells.collect::<Vec<_>>().join("\t"), "\n"].join("\t");
                    }
                    kept.into_bytes()
                }
                _ => bytes,
            };
            found.push((name, bytes));
        }
    }
    found.sort();
    found
}

fn drop_stamps(json: &mut serde_json::Value) {
    match json {
        serde_json::Value::Object(map) => {
            map.remove("stamp");
            map.values_mut().for_each(drop_stamps);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_stamps),
        _ => {}
    }
}

#[test]
fn five_streets_built_one_by_one_write_what_the_whole_batch_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_street_folders(dir.path());
    let (one_by_one, whole) = (dir.path().join("streets"), dir.path().join("whole"));
    // Issuers of units in one street and another, and two of no unit of the batch.
    let config = dir.path().join("yishi.toml");
    std::fs::write(
        &config,
        "[issuers]\n\"莲花街道\" = \"深圳市福田区人民政府莲花街道办事处\"\n\
         \"桂林街道东朝阳社区\" = \"桂林街道东朝阳社区居民委员会\"\n\
         \"不存在街道\" = \"不存在街道办事处\"\n\"莲花街道无此社区\" = \"无此社区居委会\"\n",
    )
    .expect("config");
    let config = config.display().to_string();
    for options in [
        &["--document", "协商公告", "--config", &config][..],
        &["--no-config", "--document", "协商公告", "--format", "json"][..],
        &[
            "--no-config",
            "--document",
            "会议记录",
            "--year",
            "2025",
            "--no-reports",
            "--format",
            "sarif",
        ][..],
    ] {
        let code = build(&batch, options, &one_by_one, true);
        assert_eq!(code, build(&batch, options, &whole, false), "{options:?}");
        let (streamed, at_once) = (files(&one_by_one), files(&whole));
        let names: Vec<&str> = streamed.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            at_once.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            "{options:?}"
        );
        for ((name, a), (_, b)) in streamed.iter().zip(&at_once) {
            assert!(a == b, "{name} differs ({options:?})");
        }
        for wanted in ["index.html", "通知/通知短信条数.csv", ".yishi/report"] {
            assert!(names.contains(&wanted), "{wanted} in {names:?}");
        }
        if options.contains(&"--config") {
            // What the build said, as recorded: the issuers that name no unit of any street.
            let said = std::fs::read_to_string(one_by_one.join(".yishi/build.json")).expect("said");
            for (issuer, unused) in [
                ("不存在街道", true),
                ("莲花街道无此社区", true),
                ("莲花街道", false),
                ("桂林街道东朝阳社区", false),
            ] {
                let warned = format!("[issuers] 中的「{issuer}」不是本批次任何一次会议的");
                assert_eq!(said.contains(&warned), unused, "{issuer}: {said}");
            }
        }
        let page = std::fs::read_to_string(one_by_one.join("index.html")).expect("page");
        let report = std::fs::read_to_string(one_by_one.join(".yishi/report")).expect("report");
        if options.contains(&"json") {
            // `yishi check`'s JSON report, with what a merge of parts needs.
            let json: serde_json::Value = serde_json::from_str(&report).expect("JSON");
            assert!(
                json["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
            );
            assert!(json["diagnostics"][0]["key"].is_string());
            assert!(
                !json["batch"]["figures"]
                    .as_array()
                    .expect("figures")
                    .is_empty()
            );
        }
        for street in STREETS {
            assert!(page.contains(street), "{street} on the page");
            assert!(report.contains(street), "{street} in the report");
        }
    }
    // Both builds' documents are there and on the page: the second's minutes, the first's
    // notices kept in the manifest and linked from their meetings' rows.
    let names: Vec<String> = files(&one_by_one).into_iter().map(|(n, _)| n).collect();
    assert!(
        names.iter().any(|n| n.ends_with("-会议记录.pdf")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("-协商公告.pdf")),
        "{names:?}"
    );
    let manifest = std::fs::read_to_string(one_by_one.join("yishi-manifest.json")).expect("list");
    assert!(manifest.contains("\"协商公告\"") && manifest.contains("\"会议记录\""));
    let page = std::fs::read_to_string(one_by_one.join("index.html")).expect("page");
    assert!(page.contains("协商公告") && page.contains("会议记录"));
    // The report of the second build is SARIF.
    let report = std::fs::read_to_string(one_by_one.join(".yishi/report")).expect("report");
    assert!(
        report.contains("\"version\": \"2.1.0\""),
        "{}",
        &report[..200]
    );
}

#[test]
fn streets_whose_files_would_be_named_alike_are_built_as_the_whole_batch_names_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = dir.path().join("batch");
    let ledger = std::fs::read_to_string("fixtures/scenarios/jilin-six-steps/桂林社区-2026.csv")
        .expect("ledger");
    // Codes that differ only in a character a file name cannot hold: JA:004 and JA_004 are both
    // JA_004 as file names, and the batch at once names the second JA_004-2.
    for (street, code) in [("甲街道", "JA:"), ("乙街道", "JA_")] {
        let folder = batch.join(street);
        std::fs::create_dir_all(&folder).expect("folder");
        let text = ledger
            .replace("桂林街道", street)
            .replace("GL-GL-2026-", code);
        std::fs::write(folder.join("台账.csv"), text).expect("ledger");
    }
    let options = ["--no-config", "--document", "会议记录", "--no-reports"];
    let (one_by_one, whole) = (dir.path().join("streets"), dir.path().join("whole"));
    let code = build(&batch, &options, &one_by_one, true);
    assert_eq!(code, build(&batch, &options, &whole, false));
    let (streamed, at_once) = (files(&one_by_one), files(&whole));
    let names: Vec<&str> = streamed.iter().map(|(n, _)| n.as_str()).collect();
    for pdf in ["JA_004-会议记录.pdf", "JA_004-2-会议记录.pdf"] {
        assert!(names.contains(&pdf), "{pdf} in {names:?}");
    }
    assert!(streamed == at_once, "the same files, the same bytes");
}
