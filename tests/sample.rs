//! End-to-end tests on the bundled sample batch: the JSON contract with every planted violation,
//! the summary's accounting, encodings giving the same findings, and broken files that leave the
//! rest of the batch checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const TODAY: &str = "2026-11-22";

fn yishi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

fn check_json(path: &Path) -> (i32, Value) {
    let (code, stdout, stderr) = yishi(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}\n{stderr}"));
    (code, json)
}

fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().expect("diagnostics array")
}

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

#[test]
fn json_reports_every_planted_violation_with_its_place() {
    let (code, json) = check_json(Path::new("fixtures/sample"));
    assert_eq!(code, 1, "errors found → exit 1");
    assert_eq!(json["tool"], "yishi");
    assert_eq!(json["profile"], serde_json::json!(["shenzhen"]));
    let planted = [
        (
            "SZ002",
            "LH-JD-2026-002",
            "莲花街道/街道协商台账.csv",
            5,
            "error",
        ),
        (
            "SZ004",
            "LH-JD-2026-004",
            "莲花街道/街道协商台账.csv",
            7,
            "error",
        ),
        // The ⅔ quorum of a 居民代表会议 is the flowchart's example: a warning.
        (
            "SZ201",
            "LH-CT-2026-002",
            "莲花街道/彩田社区/台账.csv",
            3,
            "warning",
        ),
        (
            "SZ111",
            "LH-JH-2026-002",
            "莲花街道/景华社区/台账.csv",
            3,
            "error",
        ),
        (
            "SZ105",
            "LH-JH-2026-003",
            "莲花街道/景华社区/台账.csv",
            4,
            "error",
        ),
    ];
    let diags = diagnostics(&json);
    for (rule, meeting, file, line, severity) in planted {
        let found = diags
            .iter()
            .find(|d| d["code"] == rule && d["meeting"] == meeting);
        let d = found.unwrap_or_else(|| panic!("{rule} for {meeting} missing"));
        assert_eq!(d["severity"], severity, "{rule}");
        assert!(
            d["path"].as_str().unwrap().ends_with(file),
            "{rule}: {}",
            d["path"]
        );
        assert_eq!(d["line"], line, "{rule}");
        assert!(d["column"].as_u64().unwrap() > 1, "{rule}");
        // The guideline by its title; its file name beside it.
        assert_eq!(
            d["source"]["document"],
            "深圳市基层议事协商工作指引（试行）"
        );
        assert_eq!(d["source"]["file"], "001_42344ac76878e628.txt");
        assert_eq!(d["street"], "莲花街道");
    }
    let sz002 = diags.iter().find(|d| d["code"] == "SZ002").unwrap();
    assert_eq!(sz002["facts"]["notice_on"], "2026-03-09");
    assert_eq!(sz002["facts"]["held_on"], "2026-03-12");
    assert_eq!(sz002["facts"]["days_before"], 3);
    assert_eq!(sz002["facts"]["latest"], "2026-03-07");
    assert_eq!(sz002["source"]["clause"], "六(一)2");
    let typo = diags
        .iter()
        .find(|d| d["code"] == "D001")
        .expect("typo'd column");
    assert_eq!(typo["facts"]["suggestion"], "信息公开日期");
    assert_eq!(
        (typo["line"].as_u64(), typo["column"].as_u64()),
        (Some(1), Some(47))
    );
    // Exactly the planted errors and nothing else at error level (SZ201's is a warning). 梅岭社区 has a single meeting in
    // the batch (in September): the quarters and the half-year before it that are over lack their
    // 议事会 and 居民代表会议.
    let mut errors: Vec<String> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let place = match (d["meeting"].as_str(), d["period"].as_str()) {
                (Some(m), _) => m.to_string(),
                (None, Some(p)) => format!(
                    "{}{} {p}",
                    d["street"].as_str().unwrap(),
                    d["community"].as_str().unwrap_or("")
                ),
                (None, None) => "-".to_string(),
            };
            format!("{} {place}", d["code"].as_str().unwrap())
        })
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            "D001 -",
            "SZ002 LH-JD-2026-002",
            "SZ004 LH-JD-2026-004",
            "SZ105 LH-JH-2026-003",
            "SZ108 莲花街道梅岭社区 2026-H1",
            "SZ110 莲花街道梅岭社区 2026-Q1",
            "SZ110 莲花街道梅岭社区 2026-Q2",
            "SZ111 LH-JH-2026-002",
        ]
    );
    // The exactly-5-days notice passes with a warning naming the reading.
    let reading = diags
        .iter()
        .find(|d| d["code"] == "SZ101" && d["meeting"] == "LH-CT-2026-003")
        .unwrap();
    assert_eq!(reading["severity"], "warning");
    assert_eq!(reading["facts"]["reading"], "one_end");
}

#[test]
fn the_summary_accounts_for_every_file_and_record() {
    let (_, json) = check_json(Path::new("fixtures/sample"));
    let s = &json["summary"];
    assert_eq!(s["files"], 9);
    assert_eq!(
        s["read_files"].as_array().unwrap().len() + s["skipped_files"].as_array().unwrap().len(),
        9
    );
    let skipped: Vec<&str> = s["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        skipped.iter().any(|p| p.ends_with("说明.txt")),
        "{skipped:?}"
    );
    assert_eq!(s["meetings"], 19);
    let a = &s["accounting"];
    assert_eq!(a["ledger_rows"], 18);
    assert_eq!(a["minutes_files"], 3);
    assert_eq!(a["participant_rows"], 103);
    assert_eq!(s["records"], 124);
    let sum = [
        "merged",
        "participants_attached",
        "rejected",
        "duplicates",
        "orphan_participants",
    ]
    .iter()
    .map(|k| a[k].as_u64().unwrap())
    .sum::<u64>();
    assert_eq!(sum, 124, "every record ends up somewhere: {a}");
    assert_eq!(s["errors"], 8);
}

#[test]
fn human_output_shows_the_place_facts_clause_and_fix() {
    let (code, stdout, _) = yishi(&["check", "fixtures/sample", "--today", TODAY]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("sample_human", stdout);
}

/// Removes what differs between two copies of a batch: the folder they sit in.
fn without_paths(json: &Value, root: &Path) -> Value {
    let text = serde_json::to_string(&json["diagnostics"]).unwrap();
    serde_json::from_str(&text.replace(&root.to_string_lossy().replace('\\', "/"), "<root>"))
        .unwrap()
}

#[test]
fn gb18030_and_utf8_copies_of_a_ledger_give_identical_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let (gb, utf8) = (tmp.path().join("gb"), tmp.path().join("utf8"));
    copy_tree(Path::new("fixtures/sample/莲花街道/彩田社区"), &gb);
    copy_tree(Path::new("fixtures/sample/莲花街道/彩田社区"), &utf8);
    let bytes = std::fs::read(gb.join("台账.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the sample ledger is GB18030"
    );
    let (text, _) = yishi::load::decode(&bytes).unwrap();
    std::fs::write(utf8.join("台账.csv"), text).unwrap();

    let (code_gb, json_gb) = check_json(&gb);
    let (code_utf8, json_utf8) = check_json(&utf8);
    assert_eq!(code_gb, code_utf8);
    assert!(!diagnostics(&json_gb).is_empty());
    assert_eq!(
        without_paths(&json_gb, &gb),
        without_paths(&json_utf8, &utf8)
    );
    let encodings: Vec<&Value> = [&json_gb, &json_utf8]
        .iter()
        .map(|j| &j["summary"]["read_files"])
        .collect();
    assert!(
        encodings[0].to_string().contains("gb18030")
            && encodings[1].to_string().contains("\"utf8\"")
    );
}

#[test]
fn broken_files_get_d001_at_their_place_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("batch");
    copy_tree(Path::new("fixtures/sample"), &root);
    let header = "编号,层级,街道,社区,协商形式,议题,会议日期\n";
    // Bytes that are neither UTF-8 nor GB18030 on line 2.
    let mut bad = header.as_bytes().to_vec();
    bad.extend_from_slice(b"X-1,\xe7\xa4\xbe\xe5\x8c\xba,\x81\x20\n");
    std::fs::write(root.join("坏编码.csv"), bad).unwrap();
    std::fs::write(
        root.join("多一栏.csv"),
        format!("{header}X-2,社区,莲花街道,彩田社区,居民议事会,议题,2026-05-01,多余\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("坏前置.md"),
        "---\n编号: X-3\n议题 未闭合\n会议日期: 2026-05-01\n---\n\n# 标题\n",
    )
    .unwrap();

    let (code, json) = check_json(&root);
    assert_eq!(code, 1);
    let d001: Vec<(String, u64, u64)> = diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "D001" && d["severity"] == "error")
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let name = Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(d001.contains(&("坏编码.csv".to_string(), 2, 8)), "{d001:?}");
    assert!(
        d001.iter().any(|(n, l, _)| n == "多一栏.csv" && *l == 2),
        "{d001:?}"
    );
    assert!(
        d001.iter().any(|(n, l, _)| n == "坏前置.md" && *l == 3),
        "{d001:?}"
    );
    // The other records are still merged and checked.
    assert_eq!(json["summary"]["meetings"], 19);
    assert!(diagnostics(&json).iter().any(|d| d["code"] == "SZ201"));
    let a = &json["summary"]["accounting"];
    assert_eq!(
        a["rejected"], 2,
        "the malformed row and the bad front matter: {a}"
    );
    let skipped = json["summary"]["skipped_files"].to_string();
    assert!(skipped.contains("坏编码.csv"), "{skipped}");
}

#[test]
fn usage_errors_exit_with_2() {
    let (code, _, stderr) = yishi(&["check", "fixtures/sample", "--profile", "hainan"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("hainan"), "{stderr}");
    let (code, _, _) = yishi(&["check", "--today", "2026-13-01"]);
    assert_eq!(code, 2);
}

#[test]
fn a_clean_batch_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    let root: PathBuf = tmp.path().join("clean");
    copy_tree(Path::new("fixtures/sample/莲花街道/梅岭社区"), &root);
    let (code, json) = check_json(&root);
    assert_eq!(json["summary"]["errors"], 0, "{json}");
    assert_eq!(code, 0);
}

/// Writes files into a fresh batch folder and checks it.
fn check_files(files: &[(&str, &str)]) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    check_json(tmp.path()).1
}

const LEDGER: &str = "编号,层级,街道,社区,协商形式,议题,会议日期,应到人数,实到人数,赞成,反对,弃权,协商结果\n\
LH-1,社区,莲花街道,彩田社区,居民议事会,加装电梯,2026-10-12,3,2,2,0,0,通过\n";

#[test]
fn a_participants_list_repeating_meeting_columns_is_still_a_participants_list() {
    let json = check_files(&[
        ("台账.csv", LEDGER),
        (
            "参会人员.csv",
            "编号,议题,会议日期,姓名,身份,两委,签到,签名\n\
             LH-1,加装电梯,2026-10-12,王一,两委成员,是,是,是\n\
             LH-1,加装电梯,2026-10-12,李二,居民代表,否,是,是\n",
        ),
    ]);
    let a = &json["summary"]["accounting"];
    assert_eq!(
        (
            a["ledger_rows"].as_u64(),
            a["participants_attached"].as_u64()
        ),
        (Some(1), Some(2)),
        "{a}"
    );
    assert!(
        !diagnostics(&json).iter().any(|d| d["code"] == "D006"),
        "{json}"
    );
}

#[test]
fn a_serial_number_column_is_kept_not_taken_for_a_typo() {
    let ledger = LEDGER
        .replacen("编号,", "序号,编号,", 1)
        .replacen("LH-1,", "1,LH-1,", 1);
    let json = check_files(&[("台账.csv", &ledger)]);
    let d001: Vec<&Value> = diagnostics(&json)
        .iter()
        .filter(|d| d["code"] == "D001")
        .collect();
    assert_eq!(d001.len(), 1, "{d001:?}");
    assert_eq!(d001[0]["severity"], "info");
    assert_eq!(d001[0]["facts"]["column"], "序号");
}

#[test]
fn a_quote_inside_a_cell_is_a_character_not_an_opening_quote() {
    let ledger = LEDGER.replacen("加装电梯", "3\"栋电梯", 1)
        + "LH-2,社区,莲花街道,彩田社区,居民议事会,停车,2026-10-13,10,xyz,1,0,0,通过\n";
    let json = check_files(&[("台账.csv", &ledger)]);
    assert!(
        !diagnostics(&json).iter().any(|d| d["code"] == "D001"),
        "{json}"
    );
    let d003 = diagnostics(&json)
        .iter()
        .find(|d| d["code"] == "D003")
        .expect("xyz");
    assert_eq!(
        (d003["line"].as_u64(), d003["column"].as_u64()),
        (Some(3), Some(42))
    );
}

#[test]
fn markdown_with_other_front_matter_is_skipped_not_a_meeting() {
    let json = check_files(&[(
        "README.md",
        "---\ntitle: 本批次说明\nauthor: 张三\n---\n\n正文\n",
    )]);
    assert_eq!(json["summary"]["meetings"], 0);
    assert_eq!(
        json["summary"]["skipped_files"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_yaml_code_keeps_its_digits() {
    let json = check_files(&[
        ("台账.csv", &LEDGER.replace("LH-1", "1.10")),
        (
            "纪要.md",
            "---\n编号: 1.10\n会议地点: 议事厅\n---\n\n# 纪要\n",
        ),
    ]);
    assert_eq!(json["summary"]["meetings"], 1, "{json}");
}

fn check_sarif(path: &Path) -> Value {
    let (_, stdout, stderr) = yishi(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        TODAY,
    ]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}\n{stderr}"))
}

/// Fingerprint → (rule, artifact uri) of every result.
fn fingerprints(sarif: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["yishi/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                r["ruleId"].as_str().unwrap().to_owned(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sarif_for_the_sample_is_valid_sarif_2_1_0_and_matches_the_json_report() {
    let sarif = check_sarif(Path::new("fixtures/sample"));
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the OASIS schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The validator does reject what SARIF forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    broken["runs"][0]["columnKind"] = Value::from("bytes");
    assert_eq!(validator.iter_errors(&broken).count(), 2);

    let (_, json) = check_json(Path::new("fixtures/sample"));
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "yishi");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "SZ002"
        && r["name"] == "notice-published-too-late"
        && r["defaultConfiguration"]["level"] == "error"));
    let results = run["results"].as_array().unwrap();
    let diags = diagnostics(&json);
    assert_eq!(results.len(), diags.len());
    for (r, d) in results.iter().zip(diags) {
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(r["message"]["text"], d["message"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
        if let Some(line) = d["line"].as_u64() {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"].as_u64(), Some(line));
            assert_eq!(region["startColumn"], d["column"]);
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.contains("fixtures"), "{uri} is relative to the batch");
        }
        if let Some(meeting) = d["meeting"].as_str() {
            let place = &r["locations"][0]["logicalLocations"][0];
            assert_eq!(place["kind"], "meeting");
            assert!(
                place["fullyQualifiedName"]
                    .as_str()
                    .unwrap()
                    .ends_with(meeting)
            );
        }
    }
    let fqn = results
        .iter()
        .filter_map(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].as_str())
        .collect::<Vec<_>>();
    assert!(fqn.contains(&"莲花街道/彩田社区/LH-CT-2026-002"), "{fqn:?}");
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(
        artifacts.len(),
        json["summary"]["files"].as_u64().unwrap() as usize
    );
    assert_eq!(
        run["properties"]["summary"]["records"],
        json["summary"]["records"]
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_fingerprints_survive_a_moved_batch_and_reordered_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let moved = tmp.path().join("batch");
    copy_tree(Path::new("fixtures/sample"), &moved);
    let before = fingerprints(&check_sarif(Path::new("fixtures/sample")));
    assert_eq!(fingerprints(&check_sarif(&moved)), before);

    // Reverse the data rows of the street ledger: every finding moves to another line.
    let ledger = moved.join("莲花街道/街道协商台账.csv");
    let text = std::fs::read_to_string(&ledger).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    std::fs::write(&ledger, lines.join("\n") + "\n").unwrap();
    let reordered = check_sarif(&moved);
    assert_eq!(fingerprints(&reordered), before);
}

#[test]
fn sarif_snapshot_of_one_rule_fixture() {
    let mut sarif = check_sarif(Path::new("fixtures/rules/SZ004/fail-day-4"));
    // The absolute folder differs between machines.
    let base = &mut sarif["runs"][0]["originalUriBaseIds"]["BATCH"];
    assert!(base["uri"].as_str().unwrap().starts_with("file:///"));
    base["uri"] = Value::from("file:///<batch>/");
    let run = &mut sarif["runs"][0];
    // The rules' docs have their own tests; here only that each descriptor carries its doc.
    let rules = run["tool"]["driver"]["rules"].as_array_mut().unwrap();
    assert!(rules.len() > 10);
    for rule in rules {
        let doc = rule["fullDescription"]["text"].as_str().unwrap().to_owned();
        assert!(!doc.is_empty());
        assert_eq!(rule["help"]["text"], doc.as_str());
        let placeholder = Value::from(format!("<doc of {}>", rule["id"].as_str().unwrap()));
        rule["fullDescription"]["text"] = placeholder.clone();
        rule["help"]["text"] = placeholder.clone();
        rule["help"]["markdown"] = placeholder;
    }
    run["tool"]["driver"]["version"] = Value::from("<version>");
    run["tool"]["driver"]["semanticVersion"] = Value::from("<version>");
    insta::assert_json_snapshot!("sample_sarif_sz004", sarif);
}
