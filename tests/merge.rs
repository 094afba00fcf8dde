//! `yishi merge`: a batch of two streets checked in two parts (one per street, as two machines
//! would) and merged gives byte for byte the JSON one run over the whole batch writes, and the
//! year's figures `yishi report` writes; parts that would not give that are refused with the
//! parts and the reason named.

use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-22";

/// The workspace configuration of the test batch: waivers that only one street can use, one
/// that no street uses and one expired, so that the merge must report D009 as one run does.
const CONFIG: &str = r#"
[[waivers]]
rule = "SZ110"
scope = { unit = "莲花街道梅岭社区" }
reason = "社区新成立"
approval = "莲花街道办〔2026〕12号"
expires = 2026-12-31

[[waivers]]
rule = "SZ108"
scope = { unit = "香蜜湖街道竹林社区" }
reason = "换届"
approval = "香蜜湖街道办〔2026〕3号"
expires = 2026-12-31

[[waivers]]
rule = "SZ006"
scope = { unit = "园岭街道" }
reason = "不在本批次"
approval = "园岭街道办〔2026〕1号"
expires = 2026-12-31

[[waivers]]
rule = "SZ101"
scope = { unit = "莲花街道" }
reason = "已过期"
approval = "莲花街道办〔2025〕9号"
expires = 2026-01-31
"#;

/// Copies a folder tree.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A batch folder `上传` of two streets (the samples' 莲花街道 of 2026 and 香蜜湖街道 of 2025)
/// with its `yishi.toml`, and in each street a file that is passed over while walking, so that
/// the skipped lists of the parts interleave.
fn batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("上传");
    copy_tree(
        Path::new("fixtures/sample/莲花街道"),
        &root.join("莲花街道"),
    );
    copy_tree(
        Path::new("fixtures/year/香蜜湖街道"),
        &root.join("香蜜湖街道"),
    );
    for street in ["莲花街道", "香蜜湖街道"] {
        std::fs::write(root.join(street).join(".DS_Store"), b"\0").unwrap();
    }
    std::fs::write(root.join("yishi.toml"), CONFIG).unwrap();
    // A mistyped code whose nearest meeting is in the other street: one run suggests that one.
    std::fs::write(
        root.join("香蜜湖街道/补签名单.csv"),
        "编号,姓名,身份,两委,签到,签名\nLH-CT-2026-01,王某某,居民代表,否,是,是\n",
    )
    .unwrap();
    dir
}

/// Runs yishi in `dir` (relative paths, as each machine runs it in the same layout).
fn yishi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yishi"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("yishi runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// `yishi check PATH --format json` with the test's settings and extra `args`, written to
/// `name` in `dir`.
fn part(dir: &Path, path: &str, name: &str, args: &[&str]) {
    let mut all = vec!["check", path, "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let out = yishi(dir, &all);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(dir.join(name), &out.stdout).unwrap();
}

#[test]
fn two_streets_merged_equal_one_run_over_both() {
    let dir = batch();
    let dir = dir.path();
    let whole = yishi(
        dir,
        &[
            "check", "上传", "--format", "json", "--today", TODAY, "--year", "2026",
        ],
    );
    part(dir, "上传/莲花街道", "莲花街道.json", &["--year", "2026"]);
    part(
        dir,
        "上传/香蜜湖街道",
        "香蜜湖街道.json",
        &["--year", "2026"],
    );
    // Given in any order.
    let merged = yishi(
        dir,
        &["merge", "香蜜湖街道.json", "莲花街道.json", "--out", "合并"],
    );
    assert_eq!(merged.status.code(), whole.status.code());
    assert!(
        merged.stdout == whole.stdout,
        "merged differs from the whole:\n{}",
        first_difference(&text(&merged.stdout), &text(&whole.stdout))
    );
    let written = std::fs::read(dir.join("合并/检查结果.json")).unwrap();
    assert_eq!(written, whole.stdout);

    // The test would prove little if the batch held nothing the merge must take care of.
    let doc: serde_json::Value = serde_json::from_slice(&whole.stdout).unwrap();
    let d009: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "D009")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        d009.iter().any(|m| m.contains("园岭街道办〔2026〕1号")),
        "{d009:?}"
    );
    assert!(d009.iter().any(|m| m.contains("豁免已过期")), "{d009:?}");
    assert_eq!(
        d009.len(),
        d009.iter().collect::<std::collections::BTreeSet<_>>().len()
    );
    // Each street's waiver goes unused in the other street's part, not in the whole.
    let part = std::fs::read_to_string(dir.join("香蜜湖街道.json")).unwrap();
    assert!(part.contains("豁免未用上：SZ110"));
    assert!(
        !d009
            .iter()
            .any(|m| m.contains("SZ110") || m.contains("SZ108"))
    );
    let suggested = |doc: &serde_json::Value| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["facts"]["code"] == "LH-CT-2026-01")
            .map(|d| d["facts"]["suggestion"].clone())
    };
    let part: serde_json::Value = serde_json::from_str(&part).unwrap();
    assert_eq!(suggested(&doc), Some("LH-CT-2026-001".into()));
    assert_ne!(suggested(&part), suggested(&doc));
    let skipped: Vec<&str> = doc["summary"]["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["path"].as_str())
        .collect();
    assert!(
        skipped.starts_with(&["上传/莲花街道/.DS_Store", "上传/香蜜湖街道/.DS_Store"]),
        "{skipped:?}"
    );
    assert_eq!(doc["batch"]["paths"], serde_json::json!(["上传"]));

    // The year's figures are those `yishi report` prints for the whole batch.
    let report = yishi(
        dir,
        &[
            "report",
            "上传",
            "--format",
            "json",
            "--today",
            TODAY,
            "--year",
            "2026",
            "--no-dashboard",
            "--no-system-fonts",
            "--out",
            "报告",
        ],
    );
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
    let figures = std::fs::read(dir.join("合并/2026年度数字.json")).unwrap();
    assert!(
        figures == report.stdout,
        "merged figures differ from the report's:\n{}",
        first_difference(&text(&figures), &text(&report.stdout))
    );
    let figures: serde_json::Value = serde_json::from_slice(&figures).unwrap();
    let units: Vec<&str> = figures["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert!(units.contains(&"莲花街道彩田社区") && units.contains(&"香蜜湖街道香梅社区"));

    // A merged report is a part again: merged with nothing else, it stays as it is.
    std::fs::write(dir.join("整批.json"), &whole.stdout).unwrap();
    let again = yishi(dir, &["merge", "整批.json"]);
    assert!(again.stdout == whole.stdout, "{}", text(&again.stderr));
}

/// The first line where two texts differ, with its neighbours.
fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let i = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "line {}:\n merged: {}\n  whole: {}",
        i + 1,
        a[i.saturating_sub(3)..(i + 3).min(a.len())].join("\n         "),
        b[i.saturating_sub(3)..(i + 3).min(b.len())].join("\n         ")
    )
}

/// Runs `yishi merge` on the files, which must refuse (exit 2, nothing on stdout); its message.
fn refused(dir: &Path, files: &[&str]) -> String {
    let mut args = vec!["merge"];
    args.extend_from_slice(files);
    let out = yishi(dir, &args);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(out.stdout.is_empty());
    text(&out.stderr)
}

#[test]
fn parts_checked_on_different_days_are_refused_with_the_dates() {
    let dir = batch();
    let dir = dir.path();
    part(dir, "上传/莲花街道", "a.json", &["--year", "2026"]);
    let out = yishi(
        dir,
        &[
            "check",
            "上传/香蜜湖街道",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "--year",
            "2026",
            "--profile",
            "shenzhen,jilin",
        ],
    );
    std::fs::write(dir.join("b.json"), &out.stdout).unwrap();
    let message = refused(dir, &["a.json", "b.json"]);
    assert!(message.contains("各部分的检查设置不同"), "{message}");
    assert!(
        message.contains("检查日（today）：a.json 2026-11-22；b.json 2026-11-23"),
        "{message}"
    );
    assert!(
        message.contains("规则集（profile）：a.json shenzhen；b.json shenzhen,jilin"),
        "{message}"
    );
    assert!(!message.contains("年度"), "the year is the same: {message}");
}

#[test]
fn overlapping_parts_are_refused_with_what_they_share() {
    let dir = batch();
    let dir = dir.path();
    part(dir, "上传/莲花街道", "a.json", &["--year", "2026"]);
    part(dir, "上传/莲花街道/彩田社区", "b.json", &["--year", "2026"]);
    let message = refused(dir, &["a.json", "b.json"]);
    assert!(message.contains("各部分有重叠"), "{message}");
    assert!(
        message.contains(
            "a.json 的批次文件夹 上传/莲花街道 和 b.json 的 上传/莲花街道/彩田社区 相同或一个在另一个里面"
        ),
        "{message}"
    );
    assert!(
        message.contains("a.json 和 b.json 都有文件 上传/莲花街道/彩田社区/"),
        "{message}"
    );
    assert!(
        message.contains("a.json 和 b.json 都有会议编号 LH-CT-2026-"),
        "{message}"
    );
    assert!(
        message.contains("街道 莲花街道 的会议分在 a.json、b.json 中"),
        "{message}"
    );
}

#[test]
fn parts_without_a_year_over_different_quarters_are_refused() {
    let dir = batch();
    let dir = dir.path();
    part(dir, "上传/莲花街道", "a.json", &[]);
    part(dir, "上传/香蜜湖街道", "b.json", &[]);
    let message = refused(dir, &["a.json", "b.json"]);
    assert!(
        message.contains("各部分的会议日期跨越的季度不同"),
        "{message}"
    );
    assert!(message.contains("--year"), "{message}");
}

#[test]
fn a_file_that_is_not_a_part_is_named_with_what_it_is() {
    let dir = batch();
    let dir = dir.path();
    part(dir, "上传/莲花街道", "a.json", &["--year", "2026"]);
    let mut old: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("a.json")).unwrap()).unwrap();
    old["version"] = "0.0.1".into();
    std::fs::write(dir.join("old.json"), old.to_string()).unwrap();
    std::fs::write(dir.join("notes.json"), "{\"tool\": \"other\"}").unwrap();
    std::fs::write(dir.join("broken.json"), "{\"tool\": ").unwrap();
    let message = refused(dir, &["a.json", "old.json", "notes.json"]);
    assert!(
        message.contains("old.json：由 yishi 0.0.1 写出，这里是 yishi "),
        "{message}"
    );
    assert!(
        message.contains("notes.json：不是 yishi 的输出"),
        "{message}"
    );
    let message = refused(dir, &["a.json", "broken.json"]);
    assert!(
        message.contains("broken.json 不是 JSON（第 1 行"),
        "{message}"
    );
    let message = refused(dir, &["missing.json"]);
    assert!(message.contains("无法读取 missing.json"), "{message}");
}

#[test]
fn a_participants_list_naming_another_parts_meeting_is_refused() {
    let dir = batch();
    let dir = dir.path();
    // One run would attach these people to 莲花街道's meeting; each part alone cannot.
    std::fs::write(
        dir.join("上传/香蜜湖街道/借用名单.csv"),
        "编号,姓名,身份,两委,签到,签名\nLH-CT-2026-001,王某某,居民代表,否,是,是\n",
    )
    .unwrap();
    part(dir, "上传/莲花街道", "a.json", &["--year", "2026"]);
    part(dir, "上传/香蜜湖街道", "b.json", &["--year", "2026"]);
    let message = refused(dir, &["a.json", "b.json"]);
    assert!(
        message.contains("b.json 的记录提到 a.json 的会议 LH-CT-2026-001"),
        "{message}"
    );
}

/// `yishi check ROOT --format json` with the test's settings and extra `args`, parsed as the
/// command line parses it.
fn check_args(root: &Path, args: &[&str]) -> yishi::cli::check::CheckArgs {
    let root = root.to_str().unwrap();
    let mut all = vec!["yishi", "check", root, "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let cli = <yishi::cli::Cli as clap::Parser>::try_parse_from(all).unwrap();
    let yishi::cli::Command::Check(args) = cli.command else {
        unreachable!("parsed as check");
    };
    args
}

/// The JSON report of the batch checked at once, every finding held until it is written.
fn at_once(args: &yishi::cli::check::CheckArgs) -> (Vec<u8>, u8) {
    let settings = args.batch.settings().unwrap();
    let checked = yishi::batch::run(&args.batch.paths, &settings);
    let mut whole = Vec::new();
    yishi::cli::check::write_report(
        &mut whole,
        &checked,
        &settings,
        &args.batch.paths,
        args.format,
        false,
        true,
    )
    .unwrap();
    (whole, checked.exit_code())
}

#[test]
fn check_json_goes_street_by_street_and_writes_what_the_batch_checked_at_once_writes() {
    let dir = batch();
    let root = dir.path().join("上传");
    for year in ["2026", "2025"] {
        let args = check_args(&root, &["--year", year]);
        let (whole, code) = at_once(&args);
        let settings = args.batch.settings().unwrap();
        let mut by_street = Vec::new();
        let exit = yishi::cli::check::by_street::json(&args.batch.paths, &settings, &mut by_street)
            .expect("checked street by street")
            .unwrap();
        assert_eq!(exit, std::process::ExitCode::from(1));
        assert!(
            by_street == whole,
            "{year}: street by street differs from at once:\n{}",
            first_difference(&text(&by_street), &text(&whole))
        );
        let mut printed = Vec::new();
        let exit = yishi::cli::check::run_into(&args, &mut printed, false).unwrap();
        assert!(printed == whole);
        assert_eq!((exit, code), (std::process::ExitCode::from(1), 1));
    }

    // Also without a year (the streets' meetings are of different years: each street's figures
    // are counted for the batch's years), and with a file right in the batch folder (another
    // street's ledger).
    std::fs::copy(
        "fixtures/scenarios/jilin-six-steps/桂林社区-2026.csv",
        root.join("总台账.csv"),
    )
    .unwrap();
    for args in [
        check_args(&root, &[]),
        check_args(&root, &["--year", "2026"]),
    ] {
        let settings = args.batch.settings().unwrap();
        let mut by_street = Vec::new();
        yishi::cli::check::by_street::json(&args.batch.paths, &settings, &mut by_street)
            .expect("checked street by street")
            .unwrap();
        assert!(
            by_street == at_once(&args).0,
            "street by street differs from at once:\n{}",
            first_difference(&text(&by_street), &text(&at_once(&args).0))
        );
    }

    // Streets that share meetings are checked at once: the sample's ledger right in the batch
    // folder, beside the sample's street.
    std::fs::copy(
        "fixtures/sample/莲花街道/街道协商台账.csv",
        root.join("总台账.csv"),
    )
    .unwrap();
    let shared = check_args(&root, &["--year", "2026"]);
    let settings = shared.batch.settings().unwrap();
    assert!(
        yishi::cli::check::by_street::json(&shared.batch.paths, &settings, &mut Vec::new())
            .is_none()
    );
    let mut printed = Vec::new();
    yishi::cli::check::run_into(&shared, &mut printed, false).unwrap();
    assert!(printed == at_once(&shared).0);
}
