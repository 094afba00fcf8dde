//! The rule fixtures, run as data.
//!
//! `fixtures/rules/<CODE>/<case>/` is a small batch (a ledger, sometimes a participants list or a
//! minutes file) that shows one boundary of one rule. A case named `fail-…` must draw the rule's
//! finding at the rule's own severity (error; warning for D002 and D007); a case named `pass-…`
//! must not, and must hold no error at all. Every case is otherwise clean: a diagnostic of another
//! code at warning or error level is a fault in the fixture, unless the case lists that code in
//! an `expect.txt` (one code a line, `#` lines explain why). Each case is also snapshotted, as
//! people read it (`human`) and as machines read it (`json`), in `tests/snapshots/`.
//!
//! A case runs under its rule's own profile (SZ → shenzhen, JL → jilin, XJ → xinjiang, data
//! rules → shenzhen). The batch rules other than the case's own (frequencies over periods,
//! follow-ups across meetings) are switched off: a case of a few meetings is one boundary of one
//! rule, and a frequency needs a whole year of meetings to mean anything. Whole-year batches are
//! in `fixtures/scenarios/`. A case's own `yishi.toml`, if it has one, is applied on top.
//!
//! Accept new or changed snapshots with `INSTA_UPDATE=always cargo test --test rules`, then read
//! them: they are the rule's documentation by example.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use walkdir::WalkDir;
use yishi::batch::{self, Checked};
use yishi::diag::{Diagnostic, Severity};
use yishi::report::{human, json};
use yishi::rules::{self, Check, RULES};
use yishi::settings::{Profile, Settings};

/// Relative to the package root, which is where `cargo test` runs integration tests, so that the
/// paths in the snapshots are the same on every machine.
const ROOT: &str = "fixtures/rules";

/// Rules found while loading: their fixtures are broken files, and the good file inside each case
/// is the passing side.
const FAIL_ONLY: [&str; 3] = ["D001", "D003", "D006"];

/// Cases that pass only under the default reading and must say so with a warning of their own
/// code naming the reading (`before_mode` for "5日前", `majority` for "半数以上"), as the rules' docs
/// require.
const READING_WARNINGS: [&str; 5] = [
    "SZ002/pass-exactly-5-days",
    "SZ003/pass-exactly-5-days",
    "SZ101/pass-exactly-5-days",
    "SZ102/pass-exactly-5-days",
    "SZ202/pass-exactly-half",
];

/// The sections every rule's documentation has (`yishi explain` prints them).
const DOC_SECTIONS: [&str; 4] = ["## 检查内容", "## 为何重要", "## 依据", "## 示例"];

fn settings() -> Settings {
    Settings::new(NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date"))
}

/// The settings a case of rule `code` runs under (see the module doc).
fn settings_for(code: &str) -> Settings {
    let mut settings = settings();
    settings.profiles = vec![match code.get(..2) {
        Some("JL") => Profile::Jilin,
        Some("XJ") => Profile::Xinjiang,
        _ => Profile::Shenzhen,
    }];
    for rule in RULES {
        if matches!(rule.check, Check::Batch(_) | Check::Frequency(_)) && rule.meta.code != code {
            settings
                .rules
                .entry(rule.meta.code.to_string())
                .or_default()
                .disabled = true;
        }
    }
    settings
}

struct Case {
    code: String,
    name: String,
    dir: PathBuf,
}

impl Case {
    fn label(&self) -> String {
        format!("{}/{}", self.code, self.name)
    }

    fn is_fail(&self) -> bool {
        self.name.starts_with("fail-")
    }

    fn run(&self) -> Checked {
        let mut settings = settings_for(&self.code);
        // A case may carry its own workspace configuration (the waiver rule's cases do).
        let config = self.dir.join(yishi::config::FILE_NAME);
        if config.exists() {
            yishi::config::Config::load(&config)
                .unwrap_or_else(|e| panic!("{}: {e}", self.label()))
                .apply(&mut settings);
        }
        batch::run(std::slice::from_ref(&self.dir), &settings)
    }

    /// Codes this case may show besides its own, from its `expect.txt`.
    fn expected_extra(&self) -> Vec<String> {
        let Ok(text) = fs::read_to_string(self.dir.join("expect.txt")) else {
            return Vec::new();
        };
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    }

    /// The files of the case whose names start with `good`, as diagnostics name them.
    fn good_files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.dir)
            .expect("case folder")
            .map(|e| {
                e.expect("folder entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n.starts_with("good"))
            .map(|n| format!("{}/{n}", self.dir.to_string_lossy().replace('\\', "/")))
            .collect();
        names.sort();
        names
    }
}

/// Every case folder, in order: `fixtures/rules/<CODE>/<case>/`.
fn cases() -> Vec<Case> {
    let cases: Vec<Case> = WalkDir::new(ROOT)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable fixtures"))
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            let dir = e.into_path();
            let part = |p: &Path| {
                p.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            };
            Case {
                code: part(dir.parent().expect("code folder")),
                name: part(&dir),
                dir,
            }
        })
        .collect();
    assert!(
        !cases.is_empty(),
        "no cases under {ROOT}: run the tests from the package root"
    );
    cases
}

/// `severity` is at least as grave as `than` (errors sort first).
fn at_least(severity: Severity, than: Severity) -> bool {
    severity <= than
}

fn brief(d: &Diagnostic) -> String {
    format!("{}[{}] {}", d.severity.zh(), d.code, d.message)
}

/// What is wrong with a case's result; empty when it shows what its name says.
fn problems(case: &Case, checked: &Checked) -> Vec<String> {
    let mut out = Vec::new();
    let Some(rule) = rules::find(&case.code) else {
        return vec![format!("{} is not a rule code", case.code)];
    };
    let severity = rule.meta.severity;
    let extra = case.expected_extra();
    let own: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == case.code)
        .collect();
    if case.is_fail() {
        if !own.iter().any(|d| d.severity == severity) {
            out.push(format!(
                "expected a {} of {}, found none",
                severity.zh(),
                case.code
            ));
        }
    } else {
        // Its own code may show only as the warning that names the reading, where the doc says so.
        let reading_case = READING_WARNINGS.contains(&case.label().as_str());
        let mut readings = 0;
        for d in own
            .iter()
            .filter(|d| at_least(d.severity, Severity::Warning))
        {
            let names_reading = d.severity == Severity::Warning
                && severity == Severity::Error
                && d.facts.contains_key("reading");
            if reading_case && names_reading {
                readings += 1;
            } else {
                out.push(format!("a pass case drew its own finding: {}", brief(d)));
            }
        }
        if reading_case && readings != 1 {
            out.push(format!(
                "expected one warning of {} naming the reading used",
                case.code
            ));
        }
    }
    // Clean otherwise: no other code at warning or error level unless expect.txt lists it, and
    // never an error in a pass case.
    for d in checked.diagnostics.iter().filter(|d| d.code != case.code) {
        let listed = extra.iter().any(|c| c == d.code);
        if d.severity == Severity::Error && !case.is_fail() {
            out.push(format!("a pass case holds an error: {}", brief(d)));
        } else if at_least(d.severity, Severity::Warning) && !listed {
            out.push(format!("not clean: {}", brief(d)));
        }
    }
    for code in &extra {
        if !checked.diagnostics.iter().any(|d| d.code == code) {
            out.push(format!(
                "expect.txt lists {code}, which the case does not show"
            ));
        }
    }
    // A finding about a period may have no place: a meeting that was never held has no row.
    for d in own.iter().filter(|d| d.loc.is_none() && d.period.is_none()) {
        out.push(format!("a finding with no place in a file: {}", brief(d)));
    }
    if !case.is_fail() {
        for f in checked
            .skipped
            .iter()
            .filter(|f| !f.path.ends_with("/expect.txt"))
        {
            out.push(format!("a pass case skipped {}: {}", f.path, f.reason));
        }
    }
    if !checked.accounting.balanced() {
        out.push(format!(
            "records not accounted for: {:?}",
            checked.accounting
        ));
    }
    out
}

#[test]
fn every_case_shows_what_its_name_says() {
    let mut failures = Vec::new();
    for case in cases() {
        let checked = case.run();
        for p in problems(&case, &checked) {
            failures.push(format!("{}: {p}", case.label()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_matches_its_snapshots() {
    for case in cases() {
        let checked = case.run();
        let people = human::render_all(&checked.diagnostics, human::Style::PLAIN);
        let machines: Vec<serde_json::Value> =
            checked.diagnostics.iter().map(json::diagnostic).collect();
        let machines = serde_json::to_string_pretty(&machines).expect("JSON");
        insta::with_settings!({ description => case.label(), omit_expression => true }, {
            insta::assert_snapshot!(format!("{}__{}__human", case.code, case.name), people);
            insta::assert_snapshot!(format!("{}__{}__json", case.code, case.name), machines);
        });
    }
}

#[test]
fn every_rule_has_cases_and_documentation() {
    let cases = cases();
    let mut failures = Vec::new();
    for rule in RULES {
        let meta = rule.meta;
        let of_rule: Vec<&Case> = cases.iter().filter(|c| c.code == meta.code).collect();
        if !of_rule.iter().any(|c| c.is_fail()) {
            failures.push(format!(
                "{}: no fail- case under {ROOT}/{}",
                meta.code, meta.code
            ));
        }
        if !FAIL_ONLY.contains(&meta.code) && !of_rule.iter().any(|c| c.name.starts_with("pass-")) {
            failures.push(format!(
                "{}: no pass- case under {ROOT}/{}",
                meta.code, meta.code
            ));
        }
        let doc = meta.doc();
        for section in DOC_SECTIONS {
            if !doc.lines().any(|l| l.starts_with(section)) {
                failures.push(format!("{}: its doc has no section {section}", meta.code));
            }
        }
        if meta.citation.document.trim().is_empty() || meta.citation.clause.trim().is_empty() {
            failures.push(format!(
                "{}: its citation lacks the document or the clause",
                meta.code
            ));
        }
    }
    for case in &cases {
        if !RULES.iter().any(|r| r.meta.code == case.code) {
            failures.push(format!(
                "{}: the folder names no rule in the registry",
                case.label()
            ));
        }
        if !case.name.starts_with("fail-") && !case.name.starts_with("pass-") {
            failures.push(format!(
                "{}: a case name must start with fail- or pass-",
                case.label()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file or row that cannot be read is reported where it is, and the rest of the batch goes on:
/// each D001 case holds a good file, whose meeting is merged and checked by its own rules (it
/// publishes its notice exactly 5 days ahead, so SZ002 says which reading it used).
#[test]
fn an_unreadable_file_leaves_the_rest_of_the_batch_checked() {
    let d001: Vec<Case> = cases()
        .into_iter()
        .filter(|c| c.code == "D001" && c.is_fail())
        .collect();
    assert!(!d001.is_empty());
    for case in d001 {
        let checked = case.run();
        let good = case.good_files();
        assert!(!good.is_empty(), "{}: no good file", case.label());
        for file in good {
            let meetings: Vec<&str> = checked
                .meetings
                .iter()
                .filter(|m| m.records.iter().any(|r| r.file.name == file))
                .map(|m| m.code.as_str())
                .collect();
            assert!(
                !meetings.is_empty(),
                "{}: {file} was not merged into a meeting",
                case.label()
            );
            for code in meetings {
                let own_rules_ran = checked
                    .diagnostics
                    .iter()
                    .any(|d| d.meeting.as_deref() == Some(code) && d.code.starts_with("SZ"));
                assert!(
                    own_rules_ran,
                    "{}: the rules did not run on {code} from {file}",
                    case.label()
                );
            }
            let in_good = checked
                .diagnostics
                .iter()
                .filter(|d| d.code == "D001")
                .any(|d| d.loc.as_ref().is_some_and(|l| l.file.name == file));
            assert!(
                !in_good,
                "{}: D001 reported in the good file {file}",
                case.label()
            );
        }
        assert!(
            checked
                .diagnostics
                .iter()
                .any(|d| d.code == "D001" && d.severity == Severity::Error),
            "{}: no D001",
            case.label()
        );
    }
}

/// The whole-year batches: `fixtures/scenarios/<name>/` is a year of one street and its
/// communities or villages, built from the guidelines' own boundary cases. Its `expected.txt`
/// lists every finding at warning or error level the guidelines imply, one a line as
/// `CODE MEETING` or, for a unit's finding, `CODE <street><community> [PERIOD]` (`#` lines say
/// why). `profile.txt` names the profiles, one key a line (default shenzhen); `today.txt` the
/// check date (default 2026-11-22); `year.txt` the year checked (default: the years the meetings
/// span); a `yishi.toml` is applied on top.
const SCENARIOS: &str = "fixtures/scenarios";

/// The lines of a scenario's settings file that say something, or `None` when it has none.
fn setting_lines(dir: &Path, name: &str) -> Option<Vec<String>> {
    let text = fs::read_to_string(dir.join(name)).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

fn scenario_settings(dir: &Path) -> Settings {
    let today = setting_lines(dir, "today.txt")
        .and_then(|l| l.first().cloned())
        .map_or_else(
            || NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date"),
            |d| d.parse().expect("today.txt holds a date like 2026-11-22"),
        );
    let mut settings = Settings::new(today);
    if let Some(keys) = setting_lines(dir, "profile.txt") {
        settings.profiles = keys
            .iter()
            .map(|k| Profile::parse(k).expect("profile.txt names a known profile"))
            .collect();
    }
    if let Some(year) = setting_lines(dir, "year.txt").and_then(|l| l.first().cloned()) {
        settings.year = Some(year.parse().expect("year.txt holds a year"));
    }
    // A scenario may carry its own workspace configuration, as a rule case may.
    let config = dir.join(yishi::config::FILE_NAME);
    if config.exists() {
        yishi::config::Config::load(&config)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .apply(&mut settings);
    }
    settings
}

/// A finding as `expected.txt` writes it: the code, then the meeting, or the unit and period.
fn finding_line(d: &Diagnostic) -> String {
    let place = match (&d.meeting, &d.period) {
        (Some(meeting), _) => meeting.clone(),
        (None, period) => {
            let unit = format!(
                "{}{}",
                d.street.as_deref().unwrap_or(""),
                d.community.as_deref().unwrap_or("")
            );
            match period {
                Some(p) => format!("{unit} {p}"),
                None => unit,
            }
        }
    };
    format!("{} {place}", d.code)
}

#[test]
fn every_scenario_reports_exactly_what_it_expects() {
    let dirs: Vec<PathBuf> = WalkDir::new(SCENARIOS)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("readable scenarios"))
        .filter(|e| e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    assert!(!dirs.is_empty(), "no scenarios under {SCENARIOS}");
    let mut failures = Vec::new();
    for dir in dirs {
        let name = dir.to_string_lossy().replace('\\', "/");
        let mut expected = setting_lines(&dir, "expected.txt")
            .unwrap_or_else(|| panic!("{name}: no expected.txt"));
        expected.sort();
        let checked = batch::run(std::slice::from_ref(&dir), &scenario_settings(&dir));
        let mut found: Vec<(String, &Diagnostic)> = checked
            .diagnostics
            .iter()
            .filter(|d| at_least(d.severity, Severity::Warning))
            .map(|d| (finding_line(d), d))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let lines: Vec<String> = found.iter().map(|(l, _)| l.clone()).collect();
        if lines != expected {
            let mut report = vec![format!("{name}:")];
            for line in multiset_minus(&expected, &lines) {
                report.push(format!("  expected, not found: {line}"));
            }
            // Each surplus line once, with the message of a diagnostic not yet shown.
            let mut shown: Vec<*const Diagnostic> = Vec::new();
            for line in multiset_minus(&lines, &expected) {
                let (_, d) = found
                    .iter()
                    .find(|(l, d)| *l == line && !shown.contains(&std::ptr::from_ref(*d)))
                    .expect("a surplus line comes from a diagnostic");
                shown.push(std::ptr::from_ref(*d));
                report.push(format!("  found, not expected: {line} — {}", brief(d)));
            }
            failures.push(report.join("\n"));
        }
        if !checked.accounting.balanced() {
            failures.push(format!(
                "{name}: records not accounted for: {:?}",
                checked.accounting
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The lines of `a` left after taking out one of each line of `b`.
fn multiset_minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest = b.to_vec();
    a.iter()
        .filter(|line| {
            if let Some(i) = rest.iter().position(|r| r == *line) {
                rest.swap_remove(i);
                false
            } else {
                true
            }
        })
        .cloned()
        .collect()
}
