//! `yishi audit` street by street writes and says what auditing the batch read at once does,
//! byte for byte: the summary on stdout, what it says on stderr, each street's self-audit report
//! and rectification list, the dashboard with the findings' states; on a batch of five streets
//! (the scenarios and the year's sample, each in a folder of its own), first without last
//! month's lists, then a month later against two streets' lists and against last month's JSON,
//! with an item fixed, a community's records gone and items persisting.

use std::path::Path;
use std::process::ExitCode;

use clap::Parser as _;
use yishi::cli::{Cli, Command, audit};

mod common;
use common::{STREETS, five_street_folders};

/// `yishi audit BATCH OPTIONS --out OUT` as the command line parses it.
fn args(batch: &Path, options: &[&str], out: &Path) -> audit::AuditArgs {
    let mut command: Vec<String> = vec!["yishi".into(), "audit".into()];
    command.push(batch.display().to_string());
    command.extend(["--today", "2026-12-31", "--no-config", "--out"].map(String::from));
    command.push(out.display().to_string());
    command.extend(options.iter().map(|o| (*o).to_string()));
    let Command::Audit(args) = Cli::try_parse_from(&command).expect("command line").command else {
        unreachable!("audit");
    };
    args
}

/// What a run said on stdout and stderr (the output folder named `OUT`), and every file it
/// wrote, by name.
#[derive(Debug, PartialEq)]
struct Said {
    code: ExitCode,
    stdout: String,
    stderr: String,
    files: Vec<(String, Vec<u8>)>,
}

/// The audit street by street (which must be possible) when `streets`, else with the batch read
/// at once, into a new folder `out`.
fn audit(batch: &Path, options: &[&str], out: &Path, streets: bool) -> Said {
    let args = args(batch, options, out);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = if streets {
        audit::street_by_street(&args, &mut stdout, &mut stderr)
            .expect("runs")
            .expect("street by street")
    } else {
        audit::run_into(&args, &mut stdout, &mut stderr, false).expect("runs")
    };
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(out)
        .expect("out folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes)
            .expect("UTF-8")
            .replace(&out.display().to_string(), "OUT")
    };
    Said {
        code,
        stdout: text(stdout),
        stderr: text(stderr),
        files,
    }
}

/// Both ways, into `dir/streets` and `dir/at-once`: what street by street said and wrote,
/// asserted to be what the batch read at once says and writes.
fn both_ways(batch: &Path, options: &[&str], dir: &Path) -> Said {
    let streets = audit(batch, options, &dir.join("streets"), true);
    let at_once = audit(batch, options, &dir.join("at-once"), false);
    assert_eq!(streets.stdout, at_once.stdout);
    assert_eq!(streets.stderr, at_once.stderr);
    let names = |s: &Said| s.files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&streets), names(&at_once));
    for (a, b) in streets.files.iter().zip(&at_once.files) {
        assert!(a.1 == b.1, "{} differs", a.0);
    }
    assert_eq!(streets, at_once);
    streets
}

/// [`both_ways`] with `--format json` and `--format sarif` (into `dir/json`, `dir/sarif`): the
/// JSON report and the SARIF log, as they are, each with its findings' items; what they say of
/// each street is asserted of the JSON report.
fn machine_ways(batch: &Path, options: &[&str], dir: &Path) -> serde_json::Value {
    let with = |format: &str| {
        let mut options = options.to_vec();
        options.extend(["--format", format]);
        both_ways(batch, &options, &dir.join(format))
    };
    let sarif = with("sarif");
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("SARIF");
    assert!(log["runs"][0]["properties"]["audit"]["streets"].is_array());
    let json = with("json");
    serde_json::from_str(&json.stdout).expect("JSON")
}

fn page(said: &Said) -> &str {
    let html = &said
        .files
        .iter()
        .find(|f| f.0 == "index.html")
        .expect("page")
        .1;
    std::str::from_utf8(html).expect("UTF-8")
}

#[test]
fn five_streets_audited_one_by_one_month_over_month_are_the_whole_batchs_audit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_street_folders(dir.path());

    // November: no list of last month's. Six streets in five folders (新疆's holds two).
    let november = both_ways(&batch, &[], &dir.path().join("11"));
    assert_eq!(november.code, ExitCode::from(1));
    for street in STREETS.iter().chain(&["古牧地镇"]) {
        assert!(
            november.stdout.contains(&format!("{street}：自评得分")),
            "{street}"
        );
        assert!(
            november
                .files
                .iter()
                .any(|f| f.0 == format!("{street}-整改清单.xlsx")),
            "{street}"
        );
    }
    assert!(!page(&november).contains("\"st\":"));
    let report = machine_ways(&batch, &[], &dir.path().join("11-machine"));
    let listed = report["diagnostics"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|d| d["audit"]["row"].is_u64())
        .count();
    let items: u64 = report["audit"]["streets"]
        .as_array()
        .expect("streets")
        .iter()
        .map(|s| s["items"].as_u64().expect("items"))
        .sum();
    assert!(listed > 100, "{listed}");
    assert_eq!(listed as u64, items);
    let json = dir.path().join("11.json");
    let mut report = Vec::new();
    let args = args(&batch, &["--format", "json"], &dir.path().join("11-json"));
    audit::run_into(&args, &mut report, &mut Vec::new(), true).expect("runs");
    std::fs::write(&json, report).expect("written");

    // December: an item of 莲花街道 dealt with (the feedback is not due yet), a participant of no
    // meeting in 莲花街道's folder (on its list from a finding known only at the end of the
    // check), 东海社区's records not in the batch.
    let ledger = batch.join("深圳莲花").join("莲花街道-2025.csv");
    let text = std::fs::read_to_string(&ledger).expect("ledger");
    let fixed = text.replacen(",2026-01-04\n", ",2027-01-04\n", 1);
    assert_ne!(fixed, text);
    std::fs::write(&ledger, fixed).expect("written");
    std::fs::write(
        batch.join("深圳莲花").join("参会人员-补.csv"),
        "编号,姓名,身份,两委,签到,签名\nLH-CT-2025-099,关德明,居民,否,是,是\n",
    )
    .expect("written");
    std::fs::remove_dir_all(batch.join("深圳香蜜湖").join("香蜜湖街道").join("东海社区"))
        .expect("removed");
    let lists = dir.path().join("11").join("streets");
    let (lianhua, xiangmihu) = (
        lists.join("莲花街道-整改清单.xlsx"),
        lists.join("香蜜湖街道-整改清单.xlsx"),
    );
    let (lianhua, xiangmihu) = (
        lianhua.display().to_string(),
        xiangmihu.display().to_string(),
    );
    let against = ["--baseline", &lianhua, "--baseline", &xiangmihu];
    let december = both_ways(&batch, &against, &dir.path().join("12"));
    assert_eq!(december.stdout.matches("与上月比对：").count(), 2);
    let report = machine_ways(&batch, &against, &dir.path().join("12-machine"));
    let states = |state: &str| {
        report["diagnostics"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|d| d["audit"]["state"] == state)
            .count()
    };
    assert!(states("new") > 0 && states("persisting") > 0);
    assert!(!report["absent"].as_array().expect("absent").is_empty());
    assert!(december.stderr.contains("南湾街道 没有给出上月的整改清单"));
    let html = page(&december);
    // The participant's finding is new on 莲花街道's list.
    let at = html
        .find("\"c\":\"D003\"")
        .expect("the participant's finding");
    let row = &html[at..at + html[at..].find('}').expect("row's end")];
    assert!(row.contains("LH-CT-2025-099"), "{row}");
    assert!(row.ends_with("\"st\":\"新增\""), "{row}");
    for state in [
        "\"st\":\"已消除\"",
        "\"st\":\"仍存在\"",
        "\"st\":\"未列入清单\"",
        "\"st\":\"未核实：本月批次中没有东海社区的会议记录\"",
    ] {
        assert!(html.contains(state), "{state}");
    }

    // Against last month's JSON: every street compared.
    let december = both_ways(
        &batch,
        &["--baseline", &json.display().to_string(), "--year", "2025"],
        &dir.path().join("12-json"),
    );
    assert_eq!(december.stdout.matches("与上月比对：").count(), 6);
    machine_ways(
        &batch,
        &["--baseline", &json.display().to_string(), "--year", "2025"],
        &dir.path().join("12-json-machine"),
    );
    assert!(page(&december).contains("\"st\":\"已消除\""));
}

#[test]
fn streets_that_share_a_street_are_audited_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = five_street_folders(dir.path());
    // A row of 莲花街道's in another folder: that folder and 莲花街道's share a street.
    let ledger =
        std::fs::read_to_string(batch.join("深圳莲花").join("莲花街道-2025.csv")).expect("ledger");
    let mut lines = ledger.lines();
    let row = format!(
        "{}\n{}\n",
        lines.next().expect("header"),
        lines
            .next()
            .expect("a row")
            .replacen("LH-JD-2025-003", "LH-JD-2025-099", 1)
    );
    std::fs::create_dir_all(batch.join("其他")).expect("folder");
    std::fs::write(batch.join("其他").join("台账.csv"), row).expect("written");
    let out = dir.path().join("out");
    let args = args(&batch, &["--no-dashboard"], &out);
    let streets = audit::street_by_street(&args, &mut Vec::new(), &mut Vec::new()).expect("runs");
    assert!(streets.is_none());
    let at_once = audit(&batch, &["--no-dashboard"], &out, false);
    assert!(at_once.stdout.contains("莲花街道：自评得分"));
}
