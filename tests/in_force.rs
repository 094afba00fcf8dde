//! The configuration in force is named in every output: the file and its SHA-256, and each
//! difference from the defaults, in the human summary, the JSON report and the SARIF log.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde_json::{Value as Json, json};
use yishi::batch::{self, Checked};
use yishi::cli::settings_from;
use yishi::config::Config;
use yishi::diag::Severity;
use yishi::hidden;
use yishi::report::{json, sarif, summary};
use yishi::settings::Settings;

const SAMPLE: &str = "fixtures/sample";
const BLOCK: &str = "本次检查的设置与默认不同：";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date")
}

/// The sample checked under `toml` (read as `yishi.toml`), with the settings it ran under.
fn check_with(toml: &str) -> (Checked, Settings) {
    let config = Config::parse(Path::new("ws/yishi.toml"), toml).expect("a valid configuration");
    let settings = settings_from(Some(&config), &[], Some(today()), None, None).expect("settings");
    (batch::run(&[SAMPLE.into()], &settings), settings)
}

fn outputs(checked: &Checked, settings: &Settings) -> (String, Json, Json) {
    (
        summary::render(checked),
        json::document(checked, settings),
        sarif::document(checked, settings, &[PathBuf::from(SAMPLE)]),
    )
}

/// The block's lines after its heading.
fn block(human: &str) -> Vec<&str> {
    human
        .lines()
        .skip_while(|l| *l != BLOCK)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect()
}

fn sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

#[test]
fn a_rule_switched_off_is_named_everywhere() {
    let toml = "[rules.SZ002]\nseverity = \"off\"\n";
    let (checked, settings) = check_with(toml);
    let (human, doc, log) = outputs(&checked, &settings);
    assert_eq!(
        block(&human),
        [
            format!("  配置文件 ws/yishi.toml（SHA-256 {}）", sha256(toml)).as_str(),
            "  SZ002 协商信息公开过晚：已关闭（默认为错误），这一项没有检查",
        ],
        "{human}"
    );
    assert_eq!(doc["config"]["file"]["path"], "ws/yishi.toml");
    assert_eq!(doc["config"]["file"]["sha256"], sha256(toml));
    assert_eq!(
        doc["config"]["rules"],
        json!([{ "code": "SZ002", "name": "notice-published-too-late", "title": "协商信息公开过晚",
                 "severity": { "key": "severity", "default": "error", "value": "off" } }])
    );
    let run = &log["runs"][0];
    assert_eq!(run["properties"]["config"], doc["config"]);
    let overrides = &run["invocations"][0]["ruleConfigurationOverrides"];
    assert_eq!(overrides.as_array().map(Vec::len), Some(1), "{overrides}");
    assert_eq!(overrides[0]["descriptor"]["id"], "SZ002");
    assert_eq!(overrides[0]["configuration"], json!({ "enabled": false }));
    // The index points at the rule in the driver's list.
    let index = overrides[0]["descriptor"]["index"].as_u64().expect("index");
    let index = usize::try_from(index).expect("small");
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "SZ002");
}

#[test]
fn a_lowered_severity_is_named_everywhere() {
    let (checked, settings) = check_with("[rules.SZ003]\nseverity = \"warning\"\n");
    let (human, doc, log) = outputs(&checked, &settings);
    assert!(
        block(&human).contains(&"  SZ003 协商邀请发出过晚：级别 错误 → 警告"),
        "{human}"
    );
    assert_eq!(
        doc["config"]["rules"][0]["severity"],
        json!({ "key": "severity", "default": "error", "value": "warning" })
    );
    let overrides = &log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"];
    assert_eq!(overrides[0]["descriptor"]["id"], "SZ003");
    assert_eq!(
        overrides[0]["configuration"],
        json!({ "enabled": true, "level": "warning" })
    );
}

#[test]
fn a_changed_parameter_is_named_with_old_and_new_values() {
    let (checked, settings) = check_with("[rules.SZ002]\nnotice_days_before = 3\n");
    let (human, doc, log) = outputs(&checked, &settings);
    assert!(
        block(&human).contains(&"  SZ002 协商信息公开过晚：参数 notice_days_before 5 → 3"),
        "{human}"
    );
    let expected = json!([{ "key": "notice_days_before", "default": "5", "value": "3" }]);
    assert_eq!(doc["config"]["rules"][0]["params"], expected);
    assert_eq!(
        log["runs"][0]["properties"]["config"]["rules"][0]["params"],
        expected
    );
    // Not a severity: no override of the rule's level.
    assert_eq!(
        log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"],
        json!([])
    );
}

#[test]
fn a_changed_reading_is_named_for_the_rule_or_the_workspace() {
    let (checked, settings) = check_with(
        "[readings]\nmajority = \"more_than_half\"\n[rules.SZ002]\nbefore_mode = \"clear_days\"\n",
    );
    let (human, doc, log) = outputs(&checked, &settings);
    let lines = block(&human);
    assert!(
        lines.contains(&"  SZ002 协商信息公开过晚：读法 before_mode one_end → clear_days"),
        "{human}"
    );
    assert!(
        lines.contains(
            &"  读法 majority（所有沿用工作区读法的规则）：at_least_half → more_than_half"
        ),
        "{human}"
    );
    assert_eq!(
        doc["config"]["rules"][0]["readings"],
        json!([{ "key": "before_mode", "default": "one_end", "value": "clear_days" }])
    );
    assert_eq!(
        doc["config"]["readings"],
        json!([{ "key": "majority", "default": "at_least_half", "value": "more_than_half" }])
    );
    assert_eq!(log["runs"][0]["properties"]["config"], doc["config"]);
}

#[test]
fn waivers_and_profiles_from_the_file_are_counted() {
    let (checked, settings) = check_with(
        "profiles = [\"shenzhen\", \"jilin\"]\n[[waivers]]\nrule = \"SZ002\"\nscope = { meeting = \"LH-JD-2026-002\" }\nreason = \"r\"\napproval = \"深福民〔2026〕1号\"\nexpires = 2027-01-01\n",
    );
    let (human, doc, _) = outputs(&checked, &settings);
    let lines = block(&human);
    assert!(
        lines.contains(&"  规则集：shenzhen,jilin（默认 shenzhen），其他规则集的规则没有运行"),
        "{human}"
    );
    assert!(
        lines.contains(&"  豁免 1 项：所涉问题降为提示，逐条标有批准文号"),
        "{human}"
    );
    assert_eq!(doc["config"]["waivers"], 1);
    assert_eq!(doc["config"]["profiles"], json!(["shenzhen", "jilin"]));
}

#[test]
fn a_check_date_set_in_the_file_is_named() {
    let config = Config::parse(
        Path::new("ws/yishi.toml"),
        "today = 2026-06-30\nyear = 2026\n",
    )
    .expect("valid");
    let settings = settings_from(Some(&config), &[], None, None, None).expect("settings");
    let checked = batch::run(&[SAMPLE.into()], &settings);
    let (human, doc, _) = outputs(&checked, &settings);
    let lines = block(&human);
    assert!(
        lines.contains(&"  检查日：2026-06-30（由配置文件设定，默认为运行当天），期限和各期是否结束按这一天判断"),
        "{human}"
    );
    assert!(
        lines.contains(&"  检查年度：2026（由配置文件设定），其他年份的会议另行报告"),
        "{human}"
    );
    assert_eq!(doc["config"]["today"], "2026-06-30");
    assert_eq!(doc["config"]["year"], 2026);
    // Given on the command line, the date is the inspector's own: not a setting of the file.
    let settings =
        settings_from(Some(&config), &[], Some(today()), Some(2026), None).expect("settings");
    assert!(settings.in_force.today.is_none());
    assert!(settings.in_force.year.is_none());
}

#[test]
fn a_file_that_changes_nothing_is_named_in_the_machine_outputs_only() {
    let (checked, settings) = check_with("today = 2026-11-22\n");
    let (human, doc, log) = outputs(&checked, &settings);
    assert!(!human.contains(BLOCK), "{human}");
    assert_eq!(
        doc["config"]["file"]["sha256"],
        sha256("today = 2026-11-22\n")
    );
    assert_eq!(doc["config"]["rules"], json!([]));
    assert_eq!(log["runs"][0]["properties"]["config"], doc["config"]);
}

#[test]
fn without_configuration_nothing_extra_is_printed() {
    let settings = settings_from(None, &[], Some(today()), None, None).expect("settings");
    let checked = batch::run(&[SAMPLE.into()], &settings);
    let (human, doc, log) = outputs(&checked, &settings);
    assert!(!human.contains(BLOCK), "{human}");
    assert!(doc.get("config").is_none());
    assert!(log["runs"][0]["properties"].get("config").is_none());
    assert!(
        log["runs"][0]["invocations"][0]
            .get("ruleConfigurationOverrides")
            .is_none()
    );
    // The same outputs as settings built by hand, with no configuration at all.
    let plain = batch::run(&[SAMPLE.into()], &Settings::new(today()));
    assert_eq!(summary::render(&plain), human);
}

/// The sample under `toml`, with what the settings hide.
fn hidden_with(toml: &str) -> (Checked, Checked) {
    let (mut checked, settings) = check_with(toml);
    hidden::add_to(&mut checked, &[SAMPLE.into()], &settings);
    let defaults = batch::run(&[SAMPLE.into()], &Settings::new(today()));
    (checked, defaults)
}

fn listed(checked: &Checked) -> Vec<(String, Option<String>, Option<Severity>, String)> {
    checked
        .hidden
        .as_ref()
        .expect("asked for")
        .iter()
        .map(|h| {
            (
                h.finding.code.to_string(),
                h.finding.meeting.clone(),
                h.now,
                h.why.clone(),
            )
        })
        .collect()
}

#[test]
fn the_outsiders_view_lists_exactly_what_the_settings_removed_or_lowered() {
    let (checked, defaults) =
        hidden_with("[rules.SZ002]\nseverity = \"off\"\n[rules.SZ004]\nseverity = \"warning\"\n");
    let mut expected: Vec<_> = defaults
        .diagnostics
        .iter()
        .filter(|d| d.code == "SZ002" || (d.code == "SZ004" && d.severity == Severity::Error))
        .map(|d| {
            let (now, why) = if d.code == "SZ002" {
                (None, "yishi.toml 关闭了 SZ002")
            } else {
                (Some(Severity::Warning), "SZ004 的级别改为 warning")
            };
            (d.code.to_string(), d.meeting.clone(), now, why.to_string())
        })
        .collect();
    expected.sort();
    let mut got = listed(&checked);
    got.sort();
    assert!(expected.len() >= 2, "{expected:?}");
    assert_eq!(got, expected);
    // Everything else is reported alike: the counts differ by exactly the hidden findings.
    let removed = got.iter().filter(|h| h.2.is_none()).count();
    assert_eq!(
        defaults.diagnostics.len() - removed,
        checked.diagnostics.len()
    );
}

#[test]
fn the_outsiders_view_names_the_parameter_that_cleared_a_finding() {
    // LH-JD-2026-002 published its notice 3 days ahead: late under 5, on time under 2.
    let (checked, _) = hidden_with("[rules.SZ002]\nnotice_days_before = 2\n");
    assert_eq!(
        listed(&checked),
        [(
            "SZ002".to_string(),
            Some("LH-JD-2026-002".to_string()),
            None,
            "参数 notice_days_before 5 → 2".to_string()
        )]
    );
    let human = summary::render(&checked);
    assert!(
        human.contains("按默认设置复查：本工作区的设置去掉了 1 条、降级了 0 条问题：\n  SZ002 协商信息公开过晚（错误 → 未报告，参数 notice_days_before 5 → 2）fixtures/sample/莲花街道/街道协商台账.csv:5:"),
        "{human}"
    );
    let settings = settings_from(None, &[], Some(today()), None, None).expect("settings");
    let doc = json::document(&checked, &settings);
    assert_eq!(doc["hidden"][0]["code"], "SZ002");
    assert_eq!(doc["hidden"][0]["severity"], "error");
    assert_eq!(doc["hidden"][0]["severity_in_force"], "off");
    assert_eq!(
        doc["hidden"][0]["hidden_by"],
        "参数 notice_days_before 5 → 2"
    );
    let log = sarif::document(&checked, &settings, &[PathBuf::from(SAMPLE)]);
    assert_eq!(log["runs"][0]["properties"]["hidden"], doc["hidden"]);
}

#[test]
fn the_outsiders_view_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new(SAMPLE), dir.path());
    std::fs::write(
        dir.path().join("yishi.toml"),
        "[rules.SZ002]\nseverity = \"off\"\n",
    )
    .expect("write");
    let batch = dir.path().to_string_lossy().into_owned();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_yishi"))
            .args(["check", &batch, "--today", "2026-11-22"])
            .args(extra)
            .output()
            .expect("yishi runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let plain = run(&[]);
    assert!(plain.contains(BLOCK), "{plain}");
    assert!(!plain.contains("按默认设置复查"), "{plain}");
    let shown = run(&["--show-hidden"]);
    assert!(
        shown.contains("按默认设置复查：本工作区的设置去掉了 1 条、降级了 0 条问题："),
        "{shown}"
    );
    assert!(
        shown.contains("会议 LH-JD-2026-002 协商信息公开过晚"),
        "{shown}"
    );
    let doc: Json =
        serde_json::from_str(&run(&["--show-hidden", "--format", "json"])).expect("JSON output");
    assert_eq!(doc["hidden"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["config"]["rules"][0]["code"], "SZ002");
    // Without settings the view has nothing to add, and says so.
    let none = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args([
            "check",
            SAMPLE,
            "--today",
            "2026-11-22",
            "--no-config",
            "--show-hidden",
        ])
        .output()
        .expect("yishi runs");
    let none = String::from_utf8_lossy(&none.stdout);
    assert!(
        none.contains("按默认设置复查：本工作区的设置没有去掉或降级任何问题"),
        "{none}"
    );
    assert!(!none.contains(BLOCK), "{none}");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The self-audit of 莲花街道 in the sample, under `toml` (none: no configuration), with what
/// the settings hide; the report's text squeezed of white space, and its list.
fn audit_report(toml: Option<&str>) -> (String, yishi::audit::StreetAudit) {
    use yishi::audit::{self, Inputs, Scoring};
    let settings = match toml {
        Some(toml) => check_with(toml).1,
        None => settings_from(None, &[], Some(today()), None, None).expect("settings"),
    };
    let paths = [PathBuf::from(SAMPLE)];
    let mut checked = batch::run(&paths, &settings);
    hidden::add_to(&mut checked, &paths, &settings);
    let audit = audit::compute(&Inputs {
        checked: &checked,
        settings: &settings,
        paths: &paths,
        issuers: &yishi::documents::Issuers::default(),
        scoring: &Scoring::default(),
        baselines: &[],
    })
    .expect("audit");
    let street = audit
        .streets
        .iter()
        .find(|a| a.street == "莲花街道")
        .expect("莲花街道");
    let (data, meta) = yishi::printing::audits::report_data(street, &audit, &settings);
    let typesetter = yishi::render::Typesetter::new(&yishi::render::RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    });
    let doc = typesetter
        .typeset(yishi::printing::audits::TEMPLATE, &data, &meta)
        .expect("typeset");
    (squeeze(&doc.text), street.clone())
}

#[test]
fn the_self_audit_states_the_settings_and_lists_what_they_hide() {
    let toml = "[rules.SZ002]\nseverity = \"off\"\n[rules.SZ004]\nseverity = \"warning\"\n";
    let (text, street) = audit_report(Some(toml));
    let method = format!(
        "本次检查按配置文件ws/yishi.toml（SHA-256值前16位{}）的设置进行，与yishi的默认设置不同之处：关闭规则SZ002（协商信息公开过晚），该项未检查；SZ004（协商结果公示过晚）级别由错误改为警告。",
        &sha256(toml)[..16]
    );
    assert!(text.contains(&method), "{text}");
    assert!(text.contains("四、设置未报告的问题"), "{text}");
    assert!(
        text.contains(
            "按yishi的默认设置复查，本工作区的设置使1项问题未报告、1项问题降低了级别（见表）"
        ),
        "{text}"
    );
    // Cells wrap in the narrow columns: the row's one-line cells read in order.
    assert!(text.contains("莲花街道LH-JD-2026-002错误未报告"), "{text}");
    assert!(text.contains("莲花街道LH-JD-2026-004错误警告"), "{text}");
    assert!(text.contains("五、整改措施"), "{text}");
    let hidden: Vec<(&str, Option<&str>)> = street
        .hidden
        .iter()
        .map(|(_, h)| (h.finding.code, h.finding.meeting.as_deref()))
        .collect();
    assert_eq!(
        hidden,
        [
            ("SZ002", Some("LH-JD-2026-002")),
            ("SZ004", Some("LH-JD-2026-004"))
        ]
    );
    assert!(street.items.iter().all(|it| it.code != "SZ002"));
}

#[test]
fn the_self_audit_under_the_defaults_says_nothing_of_settings() {
    let (text, street) = audit_report(None);
    assert!(street.hidden.is_empty());
    assert!(!text.contains("设置未报告的问题"), "{text}");
    assert!(!text.contains("默认设置不同"), "{text}");
    assert!(text.contains("四、整改措施"), "{text}");
}

#[test]
fn the_annual_report_notes_and_figures_state_the_settings() {
    let toml = "[rules.SZ002]\nseverity = \"off\"\n";
    let (checked, settings) = check_with(toml);
    let (figures, _) = yishi::figures::compute(&checked, &settings, 2026);
    let config = figures
        .config
        .as_ref()
        .expect("the figures name the configuration");
    assert_eq!(config.rules[0].code, "SZ002");
    assert!(config.rules[0].off());
    let unit = figures
        .units
        .iter()
        .find(|u| u.name == "莲花街道")
        .expect("莲花街道");
    let cx = yishi::annual::Context {
        year: 2026,
        today: today(),
        running: true,
        issuer: "莲花街道办事处".to_string(),
        copies: None,
        prose: None,
        settings: &settings,
    };
    let data = yishi::annual::data(unit, &cx).to_string();
    let note = format!(
        "本次检查按配置文件ws/yishi.toml（SHA-256值前16位{}）的设置进行，与yishi的默认设置不同之处：关闭规则SZ002（协商信息公开过晚），该项未检查。",
        &sha256(toml)[..16]
    );
    assert!(data.contains(&note), "{data}");

    // Under the defaults the figures and the notes say nothing of settings.
    let settings = settings_from(None, &[], Some(today()), None, None).expect("settings");
    let checked = batch::run(&[SAMPLE.into()], &settings);
    let (figures, _) = yishi::figures::compute(&checked, &settings, 2026);
    assert!(figures.config.is_none());
    assert!(
        serde_json::to_value(&figures)
            .expect("JSON")
            .get("config")
            .is_none()
    );
}

#[test]
fn settings_in_a_communitys_folder_are_listed_as_not_applied() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new(SAMPLE), dir.path());
    std::fs::write(dir.path().join("yishi.toml"), "today = 2026-11-22\n").expect("write");
    let community = dir.path().join("莲花街道/彩田社区");
    std::fs::write(
        community.join("yishi.toml"),
        "[rules.SZ101]\nseverity = \"off\"\n",
    )
    .expect("write");
    std::fs::create_dir_all(community.join("templates")).expect("mkdir");
    std::fs::write(
        community.join("templates/notice.typ"),
        "// 本社区的公告模板\n",
    )
    .expect("write");

    let out = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(["check", &dir.path().to_string_lossy(), "--format", "json"])
        .output()
        .expect("yishi runs");
    let doc: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    let skipped: Vec<(String, String)> = doc["summary"]["skipped_files"]
        .as_array()
        .expect("skipped files")
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap_or_default();
            let tail = path.rsplit_once("莲花街道/").map_or(path, |(_, t)| t);
            (
                tail.to_string(),
                s["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .filter(|(path, _)| path.starts_with("彩田社区/"))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "彩田社区/templates/notice.typ");
    assert!(
        skipped[0].1.starts_with("未采用的排版模板："),
        "{}",
        skipped[0].1
    );
    assert_eq!(skipped[1].0, "彩田社区/yishi.toml");
    assert!(
        skipped[1].1.starts_with("未采用的配置文件："),
        "{}",
        skipped[1].1
    );
    assert!(
        skipped[1].1.contains("这一份中的设置没有生效"),
        "{}",
        skipped[1].1
    );
    // The batch folder's own file is applied, not listed; the nested one switches nothing off.
    let tomls = doc["summary"]["skipped_files"]
        .as_array()
        .expect("skipped files")
        .iter()
        .filter(|s| {
            s["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("yishi.toml"))
        })
        .count();
    assert_eq!(tomls, 1);
    assert!(
        doc["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["code"] == "SZ101")
    );
    assert_eq!(doc["config"]["rules"], json!([]));

    let human = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(["check", &dir.path().to_string_lossy()])
        .output()
        .expect("yishi runs");
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("彩田社区/yishi.toml：未采用的配置文件：yishi 只读批次文件夹（第一个）或其上级文件夹中的 yishi.toml"),
        "{human}"
    );
}

/// The configuration hashes the build manifest in `out` records, by status.
fn manifest_hashes(out: &Path) -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(out.join("yishi-manifest.json")).expect("manifest");
    let doc: Json = serde_json::from_str(&text).expect("JSON");
    doc["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|e| {
            (
                e["status"].as_str().unwrap_or_default().to_string(),
                e["config_sha256"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn the_build_manifest_records_the_configuration_of_each_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = dir.path().join("彩田社区");
    std::fs::create_dir_all(&batch).expect("mkdir");
    copy_dir(&Path::new(SAMPLE).join("莲花街道/彩田社区"), &batch);
    let out = dir.path().join("out");
    let build = |extra: &[&str]| {
        let run = Command::new(env!("CARGO_BIN_EXE_yishi"))
            .arg("build")
            .arg(&batch)
            .args([
                "--today",
                "2026-11-22",
                "--document",
                "协商公告",
                "--no-reports",
            ])
            .args(["--no-system-fonts", "-j", "1", "-o"])
            .arg(&out)
            .args(extra)
            .output()
            .expect("yishi runs");
        assert!(
            run.status.code() == Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    };
    let first = "[rules.SZ002]\nseverity = \"off\"\n";
    std::fs::write(batch.join("yishi.toml"), first).expect("write");
    build(&[]);
    let written = manifest_hashes(&out);
    assert!(!written.is_empty());
    assert!(
        written
            .iter()
            .all(|(status, hash)| status == "written" && hash.as_deref() == Some(&*sha256(first))),
        "{written:?}"
    );
    // Other settings, the same documents: those kept were printed under the first file.
    let second = "[rules.SZ002]\nseverity = \"warning\"\n";
    std::fs::write(batch.join("yishi.toml"), second).expect("write");
    build(&[]);
    let kept = manifest_hashes(&out);
    assert!(
        kept.iter()
            .all(|(status, hash)| status == "unchanged" && hash.as_deref() == Some(&*sha256(first))),
        "{kept:?}"
    );
    build(&["--force"]);
    let again = manifest_hashes(&out);
    assert!(
        again
            .iter()
            .all(|(status, hash)| status == "written" && hash.as_deref() == Some(&*sha256(second))),
        "{again:?}"
    );
    build(&["--force", "--no-config"]);
    assert!(manifest_hashes(&out).iter().all(|(_, hash)| hash.is_none()));
}

#[test]
fn the_sarif_log_with_settings_and_hidden_findings_is_valid_sarif() {
    let (mut checked, settings) = check_with(
        "[rules.SZ002]\nseverity = \"off\"\n[rules.SZ004]\nseverity = \"warning\"\n[rules.SZ201]\nquorum = \"1/2\"\n",
    );
    hidden::add_to(&mut checked, &[SAMPLE.into()], &settings);
    let log = sarif::document(&checked, &settings, &[PathBuf::from(SAMPLE)]);
    let schema: Json =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("the OASIS schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let overrides = log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]
        .as_array()
        .expect("overrides");
    let ids: Vec<&str> = overrides
        .iter()
        .filter_map(|o| o["descriptor"]["id"].as_str())
        .collect();
    assert_eq!(ids, ["SZ002", "SZ004"]);
    let hidden = log["runs"][0]["properties"]["hidden"]
        .as_array()
        .expect("hidden");
    assert!(hidden.iter().any(|h| h["code"] == "SZ002"));
    assert!(
        hidden
            .iter()
            .any(|h| h["code"] == "SZ201" && h["hidden_by"] == "参数 quorum 2/3 → 1/2")
    );
}

#[test]
fn the_workspaces_templates_are_named_among_the_settings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let batch = dir.path().join("彩田社区");
    std::fs::create_dir_all(batch.join("templates")).expect("mkdir");
    copy_dir(&Path::new(SAMPLE).join("莲花街道/彩田社区"), &batch);
    std::fs::copy("templates/notice.typ", batch.join("templates/notice.typ")).expect("copy");
    let run = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .arg("build")
        .arg(&batch)
        .args([
            "--today",
            "2026-11-22",
            "--document",
            "协商公告",
            "--no-reports",
        ])
        .args(["--no-system-fonts", "--no-config", "--format", "json", "-o"])
        .arg(dir.path().join("out"))
        .output()
        .expect("yishi runs");
    let doc: Json = serde_json::from_slice(&run.stdout).expect("JSON");
    let templates = doc["config"]["templates"].as_array().expect("templates");
    assert_eq!(templates.len(), 1, "{templates:?}");
    assert!(
        templates[0]
            .as_str()
            .is_some_and(|t| t.ends_with("彩田社区/templates/notice.typ")),
        "{templates:?}"
    );
    assert!(doc["config"]["file"].is_null());
    // The template beside the records is no record, and said to be a template.
    let skipped = doc["summary"]["skipped_files"].to_string();
    assert!(skipped.contains("排版模板，不是记录"), "{skipped}");
}

#[test]
fn the_outsider_checks_on_the_day_of_the_run_when_the_file_set_the_date() {
    let config = Config::parse(
        Path::new("ws/yishi.toml"),
        "today = 2020-01-01\nyear = 2026\n",
    )
    .expect("valid");
    let from_file = settings_from(Some(&config), &[], None, None, None).expect("settings");
    let outsider = hidden::defaults_of(&from_file);
    assert_eq!(outsider.today, yishi::clock::today());
    assert_eq!(outsider.year, None);
    // Dates the inspector gives are kept.
    let given =
        settings_from(Some(&config), &[], Some(today()), Some(2026), None).expect("settings");
    let outsider = hidden::defaults_of(&given);
    assert_eq!(outsider.today, today());
    assert_eq!(outsider.year, Some(2026));
}
