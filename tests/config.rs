//! The workspace configuration (`yishi.toml`), waivers (D009), and the `rules` and `explain`
//! verbs, through the library and through the binary as a clerk runs it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use yishi::batch::{self, Checked};
use yishi::cli::explain::explain;
use yishi::cli::settings_from;
use yishi::config::Config;
use yishi::diag::{Diagnostic, Severity};
use yishi::documents::DocKind;
use yishi::rules::RULES;

const SAMPLE: &str = "fixtures/sample";
const EXAMPLE: &str = "fixtures/config/yishi.toml";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date")
}

/// The sample batch checked under a configuration given as text (read as `yishi.toml`).
fn check_with(toml: &str) -> Checked {
    let config = Config::parse(Path::new("yishi.toml"), toml).expect("a valid configuration");
    let settings = settings_from(Some(&config), &[], Some(today()), None, None).expect("settings");
    batch::run(&[SAMPLE.into()], &settings)
}

fn of<'a>(checked: &'a Checked, code: &str, meeting: &str) -> Vec<&'a Diagnostic> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.code == code && d.meeting.as_deref() == Some(meeting))
        .collect()
}

fn yishi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(args)
        .output()
        .expect("yishi runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_parameter_override_changes_the_verdict() {
    // LH-JD-2026-002 published its notice 3 days ahead: late under the default 5.
    let default = check_with("");
    let late = of(&default, "SZ002", "LH-JD-2026-002");
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].severity, Severity::Error);

    let three = check_with("[rules.SZ002]\nnotice_days_before = 3\n");
    let left = of(&three, "SZ002", "LH-JD-2026-002");
    assert!(
        left.iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        left.iter().map(|d| &d.message).collect::<Vec<_>>()
    );

    // By name, too.
    let by_name = check_with("[rules.notice-published-too-late]\nnotice_days_before = 3\n");
    assert!(
        of(&by_name, "SZ002", "LH-JD-2026-002")
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}

#[test]
fn severity_settings_lower_or_switch_off_a_rule() {
    let warning = check_with("[rules.SZ002]\nseverity = \"warning\"\n");
    let d = of(&warning, "SZ002", "LH-JD-2026-002");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);

    let off = check_with("[rules.SZ002]\nseverity = \"off\"\n[rules.D001]\nseverity = \"off\"\n");
    assert!(!off.diagnostics.iter().any(|d| d.code == "SZ002"));
    // A rule found while loading is switched off too.
    assert!(!off.diagnostics.iter().any(|d| d.code == "D001"));
    assert!(off.accounting.balanced());
}

const WAIVER: &str = r#"
[[waivers]]
rule = "SZ110"
scope = { unit = "莲花街道梅岭社区" }
reason = "社区2026年3月新成立，一季度未组建议事会"
approval = "莲花街道办〔2026〕12号"
expires = EXPIRES
"#;

#[test]
fn a_waiver_keeps_the_finding_visible_but_not_counted() {
    let plain = check_with("");
    let errors = |c: &Checked| {
        c.diagnostics
            .iter()
            .filter(|d| d.code == "SZ110" && d.severity == Severity::Error)
            .count()
    };
    assert_eq!(errors(&plain), 2, "梅岭社区 Q1 and Q2 without a waiver");

    let waived = check_with(&WAIVER.replace("EXPIRES", "2026-12-31"));
    assert_eq!(errors(&waived), 0);
    let marked: Vec<&Diagnostic> = waived
        .diagnostics
        .iter()
        .filter(|d| d.code == "SZ110" && d.community.as_deref() == Some("梅岭社区"))
        .collect();
    assert!(!marked.is_empty());
    for d in &marked {
        assert_eq!(d.severity, Severity::Info);
        assert!(
            d.message.starts_with("［已豁免：莲花街道办〔2026〕12号］"),
            "{}",
            d.message
        );
        assert_eq!(d.facts["waived_by"], "莲花街道办〔2026〕12号");
        assert_eq!(
            d.facts["waiver_reason"],
            "社区2026年3月新成立，一季度未组建议事会"
        );
    }
    assert_eq!(
        marked
            .iter()
            .filter(|d| d.facts.get("waived_severity").is_some_and(|s| s == "error"))
            .count(),
        2
    );
    // Another community's finding is not covered.
    assert!(waived.diagnostics.iter().any(|d| d.code == "SZ110"
        && d.community.as_deref() == Some("景华社区")
        && !d.message.contains("已豁免")));
    assert!(!waived.diagnostics.iter().any(|d| d.code == "D009"));
}

#[test]
fn an_expired_waiver_is_reported_and_waives_nothing() {
    let checked = check_with(&WAIVER.replace("EXPIRES", "2026-06-30"));
    let d009: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "D009")
        .collect();
    assert_eq!(d009.len(), 1);
    assert_eq!(d009[0].severity, Severity::Warning);
    assert!(d009[0].message.contains("已过期"), "{}", d009[0].message);
    let loc = d009[0].loc.as_ref().expect("points into yishi.toml");
    assert_eq!(loc.file.name, "yishi.toml");
    assert_eq!(loc.line_col().0, 2, "the [[waivers]] line");
    assert_eq!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "SZ110" && d.severity == Severity::Error)
            .count(),
        2
    );
}

#[test]
fn an_unused_waiver_is_reported_where_it_is_written() {
    let text = format!(
        "[rules.SZ002]\nnotice_days_before = 5\n{}",
        WAIVER
            .replace("EXPIRES", "2026-12-31")
            .replace("莲花街道梅岭社区", "梅林社区")
    );
    let checked = check_with(&text);
    let d009: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "D009")
        .collect();
    assert_eq!(d009.len(), 1);
    assert!(d009[0].message.contains("未用上"), "{}", d009[0].message);
    assert!(d009[0].message.contains("梅林社区"));
    assert_eq!(
        d009[0].loc.as_ref().map(yishi::source::Loc::line_col),
        Some((4, 1))
    );
}

#[test]
fn a_period_limits_a_unit_waiver() {
    let q1 = WAIVER.replace("EXPIRES", "2026-12-31").replace(
        "unit = \"莲花街道梅岭社区\"",
        "unit = \"莲花街道梅岭社区\", period = \"2026-Q1\"",
    );
    let checked = check_with(&q1);
    let meiling: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "SZ110" && d.community.as_deref() == Some("梅岭社区"))
        .collect();
    let waived: Vec<Option<&str>> = meiling
        .iter()
        .filter(|d| d.facts.contains_key("waived_by"))
        .map(|d| d.period.as_deref())
        .collect();
    assert_eq!(waived, [Some("2026-Q1")]);
    assert!(
        meiling
            .iter()
            .any(|d| d.period.as_deref() == Some("2026-Q2") && d.severity == Severity::Error)
    );

    let bad = q1.replace("2026-Q1", "2026年一季度");
    let errors = Config::parse(Path::new("yishi.toml"), &bad)
        .expect_err("not a period")
        .0;
    assert_eq!(errors[0].key, "period");
}

#[test]
fn a_meeting_or_file_scope_waives_only_there() {
    let meeting = "[[waivers]]\nrule = \"SZ002\"\nscope = { meeting = \"LH-JD-2026-002\" }\nreason = \"r\"\napproval = \"A1\"\nexpires = 2026-12-31\n";
    let checked = check_with(meeting);
    let d = of(&checked, "SZ002", "LH-JD-2026-002");
    assert_eq!(d[0].severity, Severity::Info);
    assert!(checked.count(Severity::Error) < check_with("").count(Severity::Error));

    let file = meeting.replace(
        "meeting = \"LH-JD-2026-002\"",
        "file = \"莲花街道/街道协商台账.csv\"",
    );
    let checked = check_with(&file);
    assert_eq!(
        of(&checked, "SZ002", "LH-JD-2026-002")[0].severity,
        Severity::Info
    );
    assert!(!checked.diagnostics.iter().any(|d| d.code == "D009"));
}

#[test]
fn the_example_file_is_valid_and_waives_its_unit() {
    let config = Config::load(Path::new(EXAMPLE)).expect("the example is valid");
    assert_eq!(config.year, Some(2026));
    assert_eq!(config.waivers.len(), 1);
    let o = yishi(&["check", SAMPLE, "--config", EXAMPLE, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let waived = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["facts"]["waived_by"] == "莲花街道办〔2026〕12号")
        .count();
    assert!(waived >= 2, "{waived}");
}

#[test]
fn the_configuration_is_found_in_a_parent_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = dir.path().join("上传/2026-11/莲花街道");
    fs::create_dir_all(&batch).expect("folders");
    fs::copy(
        "fixtures/sample/莲花街道/街道协商台账.csv",
        batch.join("街道协商台账.csv"),
    )
    .expect("copy");
    fs::write(
        dir.path().join("yishi.toml"),
        "today = 2026-11-22\n[rules.SZ002]\nseverity = \"off\"\n",
    )
    .expect("write");
    let path = batch.to_str().expect("utf-8 path");

    let o = yishi(&["check", path, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(!codes.contains(&"SZ002"), "{codes:?}");
    assert!(codes.contains(&"SZ004"), "{codes:?}");

    let ignored = yishi(&[
        "check",
        path,
        "--format",
        "json",
        "--no-config",
        "--today",
        "2026-11-22",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&ignored.stdout).expect("json");
    assert!(
        doc["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["code"] == "SZ002")
    );
}

#[test]
fn an_unknown_key_stops_the_run_with_its_place_and_the_closest_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("yishi.toml");
    fs::write(
        &file,
        "profiles = [\"shenzhen\"]\n\n[rules.SZ002]\nnotice_day_before = 3\n",
    )
    .expect("write");
    let o = yishi(&["check", SAMPLE, "--config", file.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "nothing is checked: {}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("yishi.toml:4:1"), "{err}");
    assert!(err.contains("「notice_day_before」"), "{err}");
    // The message as one line, however the report wraps it.
    let message = err.replace("\n  │ ", "");
    assert!(message.contains("是否想写「notice_days_before」"), "{err}");
    // Shown as findings are: the line itself, a caret under the key, the fix.
    assert!(err.contains("有 1 处问题"), "{err}");
    assert!(err.contains("错误[yishi.toml] 配置文件有误"), "{err}");
    assert!(err.contains("4 │ notice_day_before = 3"), "{err}");
    assert!(err.contains("4 │ notice_day_before = 3\n   · ───"), "{err}");
    assert!(
        err.contains("建议：可用的有：severity、notice_days_before"),
        "{err}"
    );
}

#[test]
fn bad_values_name_the_key_and_the_kind_expected() {
    let text = "today = \"明天\"\nyear = 26\n[rules.SZ201]\nquorum = \"三分之二\"\n[rules.JL001]\nbefore_mode = \"one_end\"\n[[waivers]]\nrule = \"SZ110\"\n";
    let errors = Config::parse(Path::new("yishi.toml"), text)
        .expect_err("invalid")
        .0;
    let keys: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key.as_str())).collect();
    assert_eq!(keys[0], (1, "today"));
    assert!(errors[0].message.contains("日期"), "{}", errors[0]);
    assert_eq!(keys[1], (2, "year"));
    assert!(
        errors.iter().any(|e| e.line == 6 && e.key == "before_mode"),
        "JL001 does not read before_mode: {errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.line == 7 && e.message.contains("approval")),
        "{errors:?}"
    );
}

#[test]
fn rules_lists_every_code_of_the_registry() {
    let o = yishi(&[
        "rules",
        "--profile",
        "shenzhen,jilin,xinjiang",
        "--format",
        "json",
        "--no-config",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let codes: Vec<&str> = doc["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    let registry: Vec<&str> = RULES.iter().map(|r| r.meta.code).collect();
    assert_eq!(codes, registry);

    let shenzhen = yishi(&["rules", "--no-config", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&shenzhen.stdout).expect("json");
    assert!(
        doc["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .all(|r| !r["code"].as_str().unwrap_or("").starts_with("JL"))
    );
}

#[test]
fn rules_shows_the_values_in_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("yishi.toml");
    fs::write(
        &file,
        "[rules.SZ002]\nnotice_days_before = 3\nseverity = \"warning\"\n[rules.SZ201]\nseverity = \"off\"\n",
    )
    .expect("write");
    let o = yishi(&[
        "rules",
        "--config",
        file.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rule = |code: &str| {
        doc["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|r| r["code"] == code)
            .cloned()
            .expect("listed")
    };
    let sz002 = rule("SZ002");
    assert_eq!(sz002["severity"], "warning");
    assert_eq!(sz002["default_severity"], "error");
    assert_eq!(sz002["params"][0]["value"], 3);
    assert_eq!(sz002["params"][0]["default"], 5);
    assert_eq!(rule("SZ201")["severity"], "off");

    let human = stdout(&yishi(&[
        "rules",
        "--config",
        file.to_str().expect("utf-8"),
    ]));
    assert!(
        human.contains("notice_days_before = 3*（默认 5）"),
        "{human}"
    );
}

#[test]
fn explain_covers_every_rule() {
    let settings = settings_from(None, &[], Some(today()), None, None).expect("settings");
    for rule in RULES {
        let meta = rule.meta;
        let text = explain(meta, &settings, None);
        for part in [
            meta.code,
            meta.title,
            meta.citation.quote,
            meta.citation.clause,
            "【检查内容】",
            "【为何重要】",
            "【依据】",
            "【示例】",
            "【参数】",
            "【读法】",
            "【依据原文】",
        ] {
            assert!(text.contains(part), "{}: no {part}\n{text}", meta.code);
        }
        for p in meta.params {
            assert!(text.contains(p.name), "{}: no {}", meta.code, p.name);
        }
        for r in meta.readings {
            assert!(text.contains(r.key()), "{}: no {}", meta.code, r.key());
        }
        assert!(!text.contains("## "), "{}: a raw heading", meta.code);
        // The guideline by its title, not by the file its text is kept in.
        assert!(text.contains(meta.citation.title()), "{}", meta.code);
        assert!(!text.contains(".txt"), "{}: a file name\n{text}", meta.code);
    }
}

/// `explain` prints each rule's own defaults and levels, as the rule declares and uses them.
#[test]
fn explain_says_each_rules_own_defaults() {
    let settings = settings_from(None, &[], Some(today()), None, None).expect("settings");
    let text = |code: &str| {
        explain(
            yishi::rules::lookup(code).expect("a rule").meta,
            &settings,
            None,
        )
    };
    let jl004 = text("JL004");
    assert!(jl004.contains("适用层级 社区、村"), "{jl004}");
    let rollover = jl004
        .lines()
        .find(|l| l.starts_with("rollover_forward："))
        .expect("the reading");
    assert!(rollover.ends_with("默认 false"), "{rollover}");
    let sz001 = text("SZ001");
    assert!(sz001.contains("适用层级 街道"), "{sz001}");
    assert!(sz001.contains("。默认 true\n"), "{sz001}");
    assert!(sz001.contains("。默认 calendar\n"), "{sz001}");
    let jl002 = text("JL002");
    assert!(jl002.contains("。默认 working\n"), "{jl002}");
    assert!(text("SZ201").contains("适用层级 全部"));
}

#[test]
fn explain_from_the_command_line() {
    let o = yishi(&["explain", "notice-published-too-late", "--no-config"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("SZ002 协商信息公开过晚"), "{text}");
    assert!(text.contains("民法典第二百零一条"), "{text}");

    let o = yishi(&["explain", "sz02", "--no-config"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("是否想写「SZ002」"), "{}", stderr(&o));

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("yishi.toml");
    fs::write(&file, "[rules.SZ002]\nnotice_days_before = 3\n").expect("write");
    let o = yishi(&[
        "explain",
        "SZ002",
        "--config",
        file.to_str().expect("utf-8"),
    ]);
    assert!(
        stdout(&o).contains("默认 5；本工作区设为 3"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_command_line_wins_over_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("yishi.toml");
    fs::write(&file, "profiles = [\"jilin\"]\ntoday = 2026-01-01\n").expect("write");
    let file = file.to_str().expect("utf-8");
    let o = yishi(&["rules", "--config", file, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["profiles"], serde_json::json!(["jilin"]));
    let o = yishi(&[
        "rules",
        "--config",
        file,
        "--profile",
        "xinjiang",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["profiles"], serde_json::json!(["xinjiang"]));
}

#[test]
fn the_check_date_of_the_file_decides_expiry() {
    // The same waiver, dated from the file: expired on 2027-01-05, in force on 2026-11-22.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("yishi.toml");
    let waiver = WAIVER.replace("EXPIRES", "2026-12-31");
    fs::write(&file, format!("today = 2027-01-05\n{waiver}")).expect("write");
    let file = file.to_str().expect("utf-8");
    let codes = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["check", SAMPLE, "--config", file, "--format", "json"];
        args.extend_from_slice(extra);
        let doc: serde_json::Value = serde_json::from_slice(&yishi(&args).stdout).expect("json");
        doc["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["code"].as_str().map(str::to_string))
            .collect()
    };
    assert!(codes(&[]).contains(&"D009".to_string()));
    assert!(!codes(&["--today", "2026-11-22"]).contains(&"D009".to_string()));
}

#[test]
fn a_holiday_file_is_read_relative_to_the_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        "fixtures/calendar/local-holidays.toml",
        dir.path().join("本地假期.toml"),
    )
    .expect("copy");
    let good = Config::parse(
        &dir.path().join("yishi.toml"),
        "holidays = \"本地假期.toml\"\n",
    )
    .expect("valid");
    let settings = settings_from(Some(&good), &[], Some(today()), None, None).expect("reads");
    let day = NaiveDate::from_ymd_opt(2026, 4, 20).expect("a real date");
    assert_eq!(settings.calendar.holiday_name(day), Some("壮族三月三"));

    // Every problem of the file at once, each at its line.
    fs::write(
        dir.path().join("坏的.toml"),
        "[[year]]\nyear = 20\n[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\noff = [\"2026-13-01\", \"2026-04-31\"]\nwork = [\"2026-04-01\"]\n",
    )
    .expect("write");
    let bad =
        Config::parse(&dir.path().join("yishi.toml"), "holidays = \"坏的.toml\"\n").expect("valid");
    let err = settings_from(Some(&bad), &[], Some(today()), None, None).expect_err("bad file");
    assert!(err.contains("有 4 处问题"), "{err}");
    for place in [
        "坏的.toml:2:8",
        "坏的.toml:7:8",
        "坏的.toml:7:22",
        "坏的.toml:8:9",
    ] {
        assert!(err.contains(place), "{place}: {err}");
    }
    assert!(err.contains("「2026-13-01」不是日期"), "{err}");
    assert!(err.contains("2026-04-01 是星期三"), "{err}");
    assert!(
        err.contains("7 │ off = [\"2026-13-01\", \"2026-04-31\"]"),
        "{err}"
    );

    // Keys the format does not have, all of them, each with the closest.
    fs::write(
        dir.path().join("坏的.toml"),
        "[[year]]\nyear = 2026\ntitl = \"x\"\n[[year.holiday]]\nname = \"x\"\nof = [\"2026-04-02\"]\n",
    )
    .expect("write");
    let err = settings_from(Some(&bad), &[], Some(today()), None, None).expect_err("bad file");
    assert!(err.contains("有 2 处问题"), "{err}");
    assert!(err.contains("是否想写「title」"), "{err}");
    assert!(err.contains("是否想写「off」"), "{err}");
}

#[test]
fn a_file_that_is_not_toml_is_a_usage_error() {
    let errors = Config::parse(
        Path::new("yishi.toml"),
        "profiles = [\"shenzhen\"\ntoday = 2026-11-22\n",
    )
    .expect_err("not TOML")
    .0;
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("不是有效的 TOML"),
        "{}",
        errors[0]
    );
    assert!(errors[0].line >= 1);
}

#[test]
fn init_writes_a_workspace_that_reads_clean_and_awaits_its_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = dir.path().join("新工作区");
    let ws_str = ws.to_str().expect("utf-8");
    let o = yishi(&["init", ws_str]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let config = Config::load(&ws.join("yishi.toml")).expect("the template is valid");
    assert_eq!(
        config.profiles.as_deref(),
        Some(&[yishi::settings::Profile::Shenzhen][..])
    );

    // Read clean, but with no record yet: nothing was checked, which is said (D010) and fails.
    let o = yishi(&["check", ws_str, "--today", "2026-11-22", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["D010"], "{doc}");
    let kinds: Vec<&str> = doc["summary"]["read_files"]
        .as_array()
        .expect("read files")
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["participants", "ledger"], "{doc}");
    assert_eq!(doc["summary"]["skipped_files"], serde_json::json!([]));

    // Nothing is overwritten.
    fs::write(ws.join("台账.csv"), "已填写").expect("write");
    let again = yishi(&["init", ws_str]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(ws.join("台账.csv")).expect("read"),
        "已填写"
    );
}

#[test]
fn the_year_comes_from_the_command_line_or_the_file() {
    let d007 = |args: &[&str]| -> usize {
        let mut all = vec!["check", SAMPLE, "--today", "2026-11-22", "--format", "json"];
        all.extend_from_slice(args);
        let doc: serde_json::Value = serde_json::from_slice(&yishi(&all).stdout).expect("json");
        doc["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == "D007")
            .count()
    };
    // The sample holds two street meetings of 2025.
    assert_eq!(d007(&["--no-config"]), 0);
    assert_eq!(d007(&["--no-config", "--year", "2026"]), 2);
    assert_eq!(d007(&["--config", EXAMPLE]), 2);
    assert_eq!(d007(&["--config", EXAMPLE, "--year", "2025"]), 17);
}

#[test]
fn build_settings_and_issuers_are_read_with_paths_beside_the_file() {
    let text = "[build]\nout = \"印发\"\njobs = 3\ndocuments = [\"协商公告\", \"minutes\", \"notice\"]\ntemplates = \"模板\"\nfont_paths = [\"字体\", \"/usr/share/fonts/fz\"]\nsystem_fonts = false\nmask = false\npdf_standard = \"a-2b\"\nemit_sources = true\n\n[issuers]\n\"莲花街道\" = \"深圳市福田区人民政府莲花街道办事处\"\n\"莲花街道彩田社区\" = \" 莲花街道彩田社区居民委员会 \"\n";
    let config = Config::parse(Path::new("工作区/yishi.toml"), text).expect("valid");
    let build = &config.build;
    assert_eq!(build.out.as_deref(), Some(Path::new("工作区/印发")));
    assert_eq!(build.jobs, Some(3));
    assert_eq!(
        build.documents,
        Some(vec![DocKind::Notice, DocKind::Minutes]),
        "Chinese and command-line names, once each, in document order"
    );
    assert_eq!(build.templates.as_deref(), Some(Path::new("工作区/模板")));
    assert_eq!(
        build.font_paths,
        [Path::new("工作区/字体"), Path::new("/usr/share/fonts/fz")]
    );
    assert_eq!(build.system_fonts, Some(false));
    assert_eq!(build.mask, Some(false));
    assert_eq!(build.pdf_standard, Some("a-2b"));
    assert_eq!(build.emit_sources, Some(true));
    assert_eq!(
        config.issuers.0.get("莲花街道彩田社区").map(String::as_str),
        Some("莲花街道彩田社区居民委员会")
    );
    assert_eq!(config.issuers.0.len(), 2);
}

#[test]
fn bad_build_settings_are_reported_at_their_place() {
    let text = "[build]\ndocumets = [\"notice\"]\njobs = 0\npdf_standard = \"a-2\"\ndocuments = [\"公告\"]\nmask = \"否\"\n[issuers]\n\"彩田社区\" = \"\"\n";
    let errors = Config::parse(Path::new("yishi.toml"), text)
        .expect_err("invalid")
        .0;
    let at = |line: usize| {
        errors
            .iter()
            .find(|e| e.line == line)
            .unwrap_or_else(|| panic!("nothing on line {line}: {errors:?}"))
    };
    assert!(at(2).message.contains("是否想写「documents」"), "{}", at(2));
    assert_eq!(at(3).key, "jobs");
    assert!(at(3).message.contains("不小于 1 的整数"), "{}", at(3));
    assert!(at(4).message.contains("是否想写「a-2b」"), "{}", at(4));
    assert!(at(5).help.contains("协商公告"), "{}", at(5));
    assert!(at(6).message.contains("true 或 false"), "{}", at(6));
    assert_eq!(at(8).key, "彩田社区");
    assert!(at(8).message.contains("为空"), "{}", at(8));
    assert_eq!(errors.len(), 6, "{errors:?}");
}
