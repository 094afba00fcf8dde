//! The documents the three guidelines call for beyond the four every meeting gets: Jilin's
//! 协商方案 and 协商情况公告, Xinjiang's 决议公开 and 实施结果公开 for a village's major matter,
//! and the 落实情况公示 of every guideline. The profiles in force and the record choose them; each
//! prints the facts and the date the record gives and names the fields it lacks; the command
//! line and `yishi.toml` name them in Chinese or English; the manifest, the rebuild, masking and
//! the emitted sources treat them as they treat the others.
//!
//! The batches: `fixtures/scenarios/jilin-six-steps` (a Jilin street's two communities) and
//! `fixtures/scenarios/xinjiang-four-two` (a Xinjiang village and a community).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use yishi::batch::{self, Checked};
use yishi::documents::{self, DocKind, Issuers, MissingData, Privacy};
use yishi::fields::Field;
use yishi::model::Meeting;
use yishi::render::{DocMeta, RenderOptions, Typesetter};
use yishi::settings::{Profile, Settings};
use yishi::values::Value;

const JILIN: &str = "fixtures/scenarios/jilin-six-steps";
const XINJIANG: &str = "fixtures/scenarios/xinjiang-four-two";

/// Only the shipped fonts, so the result does not depend on the machine.
static TS: LazyLock<Typesetter> = LazyLock::new(|| {
    Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    })
});

fn settings(profiles: &[Profile]) -> Settings {
    let mut settings = Settings::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    settings.profiles = profiles.to_vec();
    settings
}

fn checked(dir: &str, profiles: &[Profile]) -> (Settings, Checked) {
    let settings = settings(profiles);
    let checked = batch::run(&[dir.into()], &settings);
    (settings, checked)
}

fn meeting<'a>(checked: &'a Checked, code: &str) -> &'a Meeting {
    checked
        .meetings
        .iter()
        .find(|m| m.code == code)
        .unwrap_or_else(|| panic!("{code}"))
}

/// The four every meeting gets.
const FOUR: [DocKind; 4] = [
    DocKind::Notice,
    DocKind::Invitation,
    DocKind::Minutes,
    DocKind::Publication,
];

/// For each meeting of `dir` checked under `profiles`, the documents it gets besides the four.
fn chosen(dir: &str, profiles: &[Profile]) -> BTreeMap<String, Vec<&'static str>> {
    let (settings, checked) = checked(dir, profiles);
    checked
        .meetings
        .iter()
        .map(|m| {
            let kinds = DocKind::ALL
                .into_iter()
                .filter(|k| !FOUR.contains(k) && k.selects(m, &settings))
                .map(DocKind::zh)
                .collect();
            (m.code.clone(), kinds)
        })
        .collect()
}

fn expect(pairs: &[(&str, &[&'static str])]) -> BTreeMap<String, Vec<&'static str>> {
    pairs
        .iter()
        .map(|(code, kinds)| ((*code).to_string(), kinds.to_vec()))
        .collect()
}

#[test]
fn the_profiles_and_the_record_choose_the_documents() {
    // Jilin: every community meeting gets its plan and its announcement; an adopted result
    // whose 落实情况 is recorded gets the 落实情况公示 (003 and 006 ended in dispute).
    const PLAN: &str = "协商方案";
    const ANNOUNCED: &str = "协商情况公告";
    const STATUS: &str = "落实情况公示";
    const RESOLVED: &str = "决议公开";
    const RESULTS: &str = "实施结果公开";
    assert_eq!(
        chosen(JILIN, &[Profile::Jilin]),
        expect(&[
            ("GL-DCY-2026-001", &[PLAN, ANNOUNCED, STATUS]),
            ("GL-DCY-2026-002", &[PLAN, ANNOUNCED, STATUS]),
            ("GL-DCY-2026-003", &[PLAN, ANNOUNCED]),
            ("GL-DCY-2026-004", &[PLAN, ANNOUNCED, STATUS]),
            ("GL-DCY-2026-005", &[PLAN, ANNOUNCED, STATUS]),
            ("GL-DCY-2026-006", &[PLAN, ANNOUNCED]),
            ("GL-GL-2026-004", &[PLAN, ANNOUNCED, STATUS]),
        ])
    );
    // The same records in a Shenzhen workspace: no Jilin plan or announcement.
    assert_eq!(
        chosen(JILIN, &[Profile::Shenzhen]),
        expect(&[
            ("GL-DCY-2026-001", &[STATUS]),
            ("GL-DCY-2026-002", &[STATUS]),
            ("GL-DCY-2026-003", &[]),
            ("GL-DCY-2026-004", &[STATUS]),
            ("GL-DCY-2026-005", &[STATUS]),
            ("GL-DCY-2026-006", &[]),
            ("GL-GL-2026-004", &[STATUS]),
        ])
    );
    // Xinjiang: the village's two major matters go through 四议两公开 (their results are made
    // public as 实施结果公开, not as a 落实情况公示); the village's ordinary matter with its
    // 落实情况 gets the 落实情况公示; a community's meetings and a matter with nothing recorded
    // get neither.
    assert_eq!(
        chosen(XINJIANG, &[Profile::Xinjiang]),
        expect(&[
            ("GMD-DG-2026-004", &[STATUS]),
            ("GMD-DG-2026-009", &[RESOLVED, RESULTS]),
            ("GMD-DG-2026-011", &[]),
            ("GMD-DG-2026-014", &[RESOLVED, RESULTS]),
            ("HMZ-XH-2026-006", &[]),
            ("HMZ-XH-2026-009", &[]),
            ("HMZ-XH-2026-011", &[]),
        ])
    );
    // Without the Xinjiang profile the major matters have no 四议两公开 notices: their
    // implementation is published as everywhere else.
    assert_eq!(
        chosen(XINJIANG, &[Profile::Shenzhen, Profile::Jilin])["GMD-DG-2026-009"],
        [PLAN, ANNOUNCED, STATUS]
    );

    let (settings, checked) = checked(XINJIANG, &[Profile::Xinjiang]);
    let major = meeting(&checked, "GMD-DG-2026-009");
    // Before the completion date, with no results recorded: the resolution only.
    let mut early = major.clone();
    early.fields.remove(&Field::Implementation);
    early.fields.remove(&Field::ImplementationPublishedOn);
    let mut before = settings.clone();
    before.today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    assert!(DocKind::Resolution.selects(&early, &before));
    assert!(!DocKind::ImplementationResults.selects(&early, &before));
    // Past it, the results are due: chosen, so that what they lack is reported.
    assert!(DocKind::ImplementationResults.selects(&early, &settings));
    // A rejected matter has no resolution to publish.
    let mut rejected = major.clone();
    rejected.fields.get_mut(&Field::Outcome).unwrap().value = Value::Text("未通过".into());
    assert!(!DocKind::Resolution.selects(&rejected, &settings));
    assert!(!DocKind::ImplementationStatus.selects(&rejected, &settings));
}

/// The printed text of document `kind` of meeting `code`, blanks removed, and its data.
fn printed(dir: &str, profile: Profile, code: &str, kind: DocKind) -> (String, serde_json::Value) {
    let (settings, checked) = checked(dir, &[profile]);
    let m = meeting(&checked, code);
    assert!(kind.selects(m, &settings), "{code} {}", kind.zh());
    let data = documents::data(kind, m, &settings, Privacy::default(), &Issuers::default())
        .unwrap_or_else(|e| panic!("{code} {}: {e:?}", kind.zh()));
    let meta = DocMeta {
        ident: format!("yishi/{code}/{}", kind.template()),
        title: data["title"].as_str().unwrap().to_string(),
        date: m.date(kind.date_field()),
    };
    let doc = TS.typeset(kind.template(), &data, &meta).unwrap();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let text = doc.text.chars().filter(|c| !c.is_whitespace()).collect();
    (text, data)
}

fn assert_shows(text: &str, expected: &[&str]) {
    for phrase in expected {
        assert!(text.contains(phrase), "{phrase} missing from {text}");
    }
}

#[test]
fn jilin_plan_states_time_place_content_participants_and_form() {
    let (text, _) = printed(JILIN, Profile::Jilin, "GL-DCY-2026-001", DocKind::Plan);
    assert!(
        text.starts_with("关于东朝阳小区冬季清雪责任划分的协商方案"),
        "{text}"
    );
    assert_shows(
        &text,
        &[
            "2026年2月13日，经研究，确定“东朝阳小区冬季清雪责任划分”为协商议题。",
            "一、协商内容就“东朝阳小区冬季清雪责任划分”开展协商",
            "春节前后降雪集中",
            "二、协商时间2026年3月4日（星期三）14:30—16:00。",
            "三、协商地点东朝阳社区党群服务中心一楼议事厅。",
            // Counted by category from the participants list, absentees included: it is made
            // before the meeting.
            "四、参与主体邀请两委成员4人、居民代表9人、物业2人，共15人参加协商。召集人：东朝阳社区居委会。",
            "五、协商方式以民情恳谈会形式开展协商，由王秀兰主持。",
            "（一）发布公告。2026年2月25日通过居务公开栏、社区微信群发布协商公告",
            "（四）组织协调。由东朝阳社区议事协商委员会（王秀兰（主任）、刘志刚、赵丽娟）负责组织协调。",
            "联系人：孙佳琪，联系电话：0431-85642166。",
        ],
    );
    // Dated by 方案制定日期; no resident is named.
    assert!(
        text.ends_with("东朝阳社区居民委员会2026年2月24日—2—")
            || text.ends_with("东朝阳社区居民委员会2026年2月24日—1—"),
        "{text}"
    );
    for name in ["于桂芝", "邢建军"] {
        assert!(!text.contains(name), "{name}");
    }
    // Without a participants list the plan states the number due.
    let (text, _) = printed(JILIN, Profile::Jilin, "GL-DCY-2026-002", DocKind::Plan);
    assert_shows(&text, &["四、参与主体参加协商的共15人。"]);
}

#[test]
fn jilin_announcement_reports_how_it_went_on_the_day_or_the_next() {
    let (text, _) = printed(
        JILIN,
        Profile::Jilin,
        "GL-DCY-2026-001",
        DocKind::Announcement,
    );
    assert_shows(
        &text,
        &[
            "关于东朝阳小区冬季清雪责任划分协商情况的公告",
            "2026年3月4日（星期三）14:30—16:00，东朝阳社区居民委员会在东朝阳社区党群服务中心一楼议事厅召开民情恳谈会，就“东朝阳小区冬季清雪责任划分”开展协商，会议由王秀兰主持。现将协商有关情况公告如下：",
            "一、参会情况参加会议的有两委成员4人、居民代表7人、物业2人，共13人（应到15人）。",
            "二、协商结果经表决，赞成11人，反对1人，弃权1人；赞成票达到实到人数半数以上（至少7票），协商结果为通过，形成协商意见。",
            "三、后续安排责任部门：东朝阳社区居委会、小区物业服务中心完成时限：2026年5月3日反馈时限：2026年6月2日",
            "四、意见反馈居民群众对协商情况有意见或建议的，可向东朝阳社区居民委员会反映，监督电话：0431-85642170（东朝阳社区居务监督委员会）。",
            "特此公告。东朝阳社区居民委员会2026年3月4日",
        ],
    );
    // A dispute is reported as one, without a result form or arrangements.
    let (text, _) = printed(
        JILIN,
        Profile::Jilin,
        "GL-DCY-2026-003",
        DocKind::Announcement,
    );
    assert_shows(
        &text,
        &[
            "一、参会情况应到15人，实到13人。",
            "二、协商结果经表决，赞成6人，反对5人，弃权2人；赞成票未达到实到人数半数（至少7票），与会人员意见存在分歧，未形成一致意见。",
            "特此公告。东朝阳社区居民委员会2026年4月15日",
        ],
    );
    assert!(!text.contains("形成协商意见"), "{text}");
    assert!(!text.contains("后续安排"), "{text}");
}

#[test]
fn xinjiang_resolution_states_the_four_deliberations_and_the_vote() {
    let (text, _) = printed(
        XINJIANG,
        Profile::Xinjiang,
        "GMD-DG-2026-009",
        DocKind::Resolution,
    );
    assert_shows(
        &text,
        &[
            "关于东工村集体果园承包经营方案的决议公告",
            "按照“四议两公开”工作法，“东工村集体果园承包经营方案”经2026年5月6日东工村党支部提议、2026年5月8日村“两委”会议商议、2026年5月12日党员大会审议，于2026年5月20日在东工村村委会会议室召开的村民代表会议上表决通过。现将决议公开如下：",
            "一、决议事项东工村集体果园承包经营方案。村集体果园约320亩",
            "二、表决情况应到41人，实到36人；赞成31人，反对3人，弃权2人；",
            "三、实施安排责任部门：东工村村民委员会完成时限：2026年9月15日公开形式：村务公开栏公示承包合同签订情况",
            "村民对本决议有意见或建议的，可向村务监督委员会反映，监督电话：0991-3361250（东工村村务监督委员会）。",
            "特此公告。东工村村民委员会2026年5月21日",
        ],
    );
    // Resolved at a later assembly (决议日期 given): dated by it, without this meeting's vote.
    let (settings, checked) = checked(XINJIANG, &[Profile::Xinjiang]);
    let mut m = meeting(&checked, "GMD-DG-2026-009").clone();
    m.fields.get_mut(&Field::Form).unwrap().value = Value::Text("村民议事会".into());
    let data = documents::data(
        DocKind::Resolution,
        &m,
        &settings,
        Privacy::default(),
        &Issuers::default(),
    );
    assert_eq!(
        data,
        Err(MissingData {
            document: "决议公开",
            fields: vec!["决议日期"]
        })
    );
    let cell = m.fields[&Field::HeldOn].clone();
    m.fields.insert(
        Field::ResolvedOn,
        yishi::model::Cell {
            value: Value::Date(NaiveDate::from_ymd_opt(2026, 5, 26).unwrap()),
            ..cell
        },
    );
    let data = documents::data(
        DocKind::Resolution,
        &m,
        &settings,
        Privacy::default(),
        &Issuers::default(),
    )
    .unwrap();
    assert_eq!(data["resolution"]["date"], "2026年5月26日");
    assert_eq!(data["resolution"]["votes"], serde_json::Value::Null);
    let doc = TS
        .typeset(
            "resolution",
            &data,
            &DocMeta {
                ident: "later".to_string(),
                title: "later".to_string(),
                date: None,
            },
        )
        .unwrap();
    let text: String = doc.text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_shows(
        &text,
        &["于2026年5月26日经村民会议或村民代表会议决议通过。"],
    );
    assert!(!text.contains("表决情况"), "{text}");
}

#[test]
fn xinjiang_results_state_what_was_done() {
    let (text, _) = printed(
        XINJIANG,
        Profile::Xinjiang,
        "GMD-DG-2026-009",
        DocKind::ImplementationResults,
    );
    assert_shows(
        &text,
        &[
            "关于东工村集体果园承包经营方案实施结果的公示",
            "2026年5月20日，东工村村民代表会议表决通过“东工村集体果园承包经营方案”，决议已于2026年5月21日公开。现将实施结果公示如下：",
            "一、实施情况集体果园已按决议公开竞标发包，承包期5年，承包费每亩每年420元；承包合同于8月28日签订，首年承包费13.44万元已全部存入村集体账户。",
            "二、实施安排责任部门：东工村村民委员会完成时限：2026年9月15日",
            "三、监督村民对实施结果有意见或建议的，可向村务监督委员会反映",
            "特此公示。东工村村民委员会2026年9月30日",
        ],
    );
}

#[test]
fn implementation_status_under_every_profile() {
    let (text, _) = printed(
        XINJIANG,
        Profile::Xinjiang,
        "GMD-DG-2026-004",
        DocKind::ImplementationStatus,
    );
    assert_shows(
        &text,
        &[
            "关于东工村三组灌溉渠清淤及用水轮灌顺序协商结果落实情况的公示",
            "2026年5月15日，东工村村民委员会召开村民议事会，就“东工村三组灌溉渠清淤及用水轮灌顺序”开展协商，协商结果为达成一致，形成协商意见。现将落实情况公示如下：",
            "一、落实安排责任部门：三组村民小组完成时限：2026年6月14日",
            "二、落实情况三组灌溉渠1.2公里已于5月下旬清淤完毕",
            "三、监督村民群众对落实情况有意见或建议的，可向东工村村民委员会反映，监督电话：0991-3361250（东工村村务监督委员会）。",
            "特此公示。东工村村民委员会2026年6月12日",
        ],
    );
    let (text, _) = printed(
        JILIN,
        Profile::Jilin,
        "GL-GL-2026-004",
        DocKind::ImplementationStatus,
    );
    assert_shows(
        &text,
        &[
            "二、落实情况12家餐饮商户中11家已安装油烟净化设备",
            "特此公示。桂林社区居民委员会2026年9月10日",
        ],
    );
}

/// What `kind` of meeting `code` of `dir` lacks once `remove` is taken from its record.
fn lacking(
    dir: &str,
    profile: Profile,
    code: &str,
    kind: DocKind,
    remove: &[Field],
) -> Vec<&'static str> {
    let (settings, checked) = checked(dir, &[profile]);
    let mut m = meeting(&checked, code).clone();
    for f in remove {
        m.fields.remove(f);
    }
    m.participants.clear();
    match documents::data(kind, &m, &settings, Privacy::default(), &Issuers::default()) {
        Err(missing) => {
            assert_eq!(missing.document, kind.zh());
            missing.fields
        }
        Ok(data) => panic!("printed without {remove:?}: {data}"),
    }
}

#[test]
fn a_document_names_the_fields_it_lacks_and_is_not_printed_blank() {
    assert_eq!(
        lacking(
            JILIN,
            Profile::Jilin,
            "GL-DCY-2026-001",
            DocKind::Plan,
            &[Field::StartsAt, Field::PlanOn, Field::Due]
        ),
        ["开始时间", "方案制定日期", "参会人员名单或应到人数"]
    );
    assert_eq!(
        lacking(
            JILIN,
            Profile::Jilin,
            "GL-DCY-2026-001",
            DocKind::Announcement,
            &[Field::StatusAnnouncedOn, Field::Outcome]
        ),
        ["协商结果", "情况公告日期"]
    );
    assert_eq!(
        lacking(
            XINJIANG,
            Profile::Xinjiang,
            "GMD-DG-2026-009",
            DocKind::Resolution,
            &[Field::MembersReviewedOn, Field::ResolutionPublishedOn]
        ),
        ["党员大会审议日期", "决议公开日期"]
    );
    assert_eq!(
        lacking(
            XINJIANG,
            Profile::Xinjiang,
            "GMD-DG-2026-009",
            DocKind::ImplementationResults,
            &[Field::Implementation, Field::ImplementationPublishedOn]
        ),
        ["落实情况", "实施结果公开日期"]
    );
    assert_eq!(
        lacking(
            XINJIANG,
            Profile::Xinjiang,
            "GMD-DG-2026-004",
            DocKind::ImplementationStatus,
            &[Field::ResponsibleDept, Field::FeedbackOn]
        ),
        ["责任部门", "反馈日期"]
    );
}

#[test]
fn public_notices_mask_personal_numbers_but_not_the_supervision_line() {
    let (settings, checked) = checked(XINJIANG, &[Profile::Xinjiang]);
    let mut m = meeting(&checked, "GMD-DG-2026-009").clone();
    m.fields.get_mut(&Field::Implementation).unwrap().value =
        Value::Text("承包人马某（13912345678）已签订合同。".into());
    let data = |privacy| {
        documents::data(
            DocKind::ImplementationResults,
            &m,
            &settings,
            privacy,
            &Issuers::default(),
        )
        .unwrap()
    };
    let masked = data(Privacy::default());
    assert_eq!(masked["done"], "承包人马某（139****5678）已签订合同。");
    assert_eq!(
        masked["supervision"],
        "0991-3361250（东工村村务监督委员会）"
    );
    let kept = data(Privacy { mask_public: false });
    assert_eq!(kept["done"], "承包人马某（13912345678）已签订合同。");
}

/// `yishi build` with the shipped fonts; its stderr.
/// `yishi build` of the meetings' documents only (the annual reports are another matter).
fn build_cli(batch: &Path, out: &Path, extra: &[&str]) -> String {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args([
            "build",
            "--today",
            "2026-11-22",
            "--no-system-fonts",
            "--no-reports",
            "-o",
        ])
        .arg(out)
        .args(extra)
        .arg(batch)
        .output()
        .unwrap();
    String::from_utf8_lossy(&run.stderr).into_owned()
}

fn pdfs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "pdf"))
        .collect();
    names.sort();
    names
}

fn copy_dir(from: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
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
fn command_line_and_yishi_toml_name_them_in_chinese_or_english() {
    let tmp = tempfile::tempdir().unwrap();
    // --document with one Chinese and one English name.
    let out = tmp.path().join("jilin");
    let stderr = build_cli(
        Path::new(JILIN),
        &out,
        &[
            "--profile",
            "jilin",
            "--document",
            "协商方案,announcement",
            "--emit-sources",
        ],
    );
    assert!(stderr.contains("文书：写入 14 份"), "{stderr}");
    let names = pdfs(&out);
    assert_eq!(names.len(), 14, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with("-协商方案.pdf") || n.ends_with("-协商情况公告.pdf")),
        "{names:?}"
    );
    // The emitted sources of a new kind: its template, the shared layout and the data.
    let sources = out.join("GL-DCY-2026-001-协商方案");
    for file in [
        "plan.typ",
        "gongwen.typ",
        "data.json",
        "meta.json",
        "fonts.json",
    ] {
        assert!(sources.join(file).is_file(), "{file}");
    }

    // [build] documents in yishi.toml, in both languages, for a Xinjiang workspace.
    let root = tmp.path().join("workspace");
    copy_dir(XINJIANG, &root.join("batch"));
    std::fs::write(
        root.join("yishi.toml"),
        "profiles = [\"xinjiang\"]\n\n[build]\nout = \"印发\"\ndocuments = [\"决议公开\", \"implementation-results\", \"落实情况公示\"]\n",
    )
    .unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args([
            "build",
            "--today",
            "2026-11-22",
            "--no-system-fonts",
            "--no-reports",
        ])
        .arg(root.join("batch"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let out = root.join("印发");
    assert_eq!(
        pdfs(&out),
        [
            "GMD-DG-2026-004-落实情况公示.pdf",
            "GMD-DG-2026-009-决议公开.pdf",
            "GMD-DG-2026-009-实施结果公开.pdf",
            "GMD-DG-2026-014-决议公开.pdf",
            "GMD-DG-2026-014-实施结果公开.pdf",
        ],
        "{stderr}"
    );
    // The manifest lists them; a rebuild keeps them.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("yishi-manifest.json")).unwrap()).unwrap();
    let documents: Vec<(&str, &str, &str)> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["meeting"].as_str().unwrap(),
                d["document"].as_str().unwrap(),
                d["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        documents,
        [
            ("GMD-DG-2026-009", "决议公开", "written"),
            ("GMD-DG-2026-009", "实施结果公开", "written"),
            ("GMD-DG-2026-014", "决议公开", "written"),
            ("GMD-DG-2026-014", "实施结果公开", "written"),
            ("GMD-DG-2026-004", "落实情况公示", "written"),
        ]
    );
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args([
            "build",
            "--today",
            "2026-11-22",
            "--no-system-fonts",
            "--no-reports",
        ])
        .arg(root.join("batch"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("文书：写入 0 份，沿用上次排好的 5 份"),
        "{stderr}"
    );

    // A name that is neither: the error lists the new kinds too.
    let bad = build_cli(
        Path::new(JILIN),
        &tmp.path().join("bad"),
        &["--document", "方案"],
    );
    assert!(bad.contains("协商方案") || bad.contains("plan"), "{bad}");
}

/// The new kinds keep the GB/T 9704 page as the others do: every body line (3号, 16 pt) on one
/// of the 22 baselines of the grid, inside the type area (28 mm from the left edge, 26 mm from the
/// right, within the half and the eight tenths of a millimetre `gbt9704.py` allows); the title
/// (2号, 22 pt) centred; the page number "— n —" on every page.
#[test]
fn the_new_kinds_keep_to_the_grid_and_the_type_area() {
    const MM: f64 = 72.0 / 25.4;
    let pitch = 225.0 / 22.0 * MM;
    let first = 37.0 * MM + 0.88 * 16.0;
    let (left, right) = (28.0 * MM, 595.28 - 26.0 * MM);
    let new = [
        DocKind::Plan,
        DocKind::Announcement,
        DocKind::Resolution,
        DocKind::ImplementationResults,
        DocKind::ImplementationStatus,
    ];
    let mut seen = Vec::new();
    let mut lines = 0;
    for (dir, profile) in [(JILIN, Profile::Jilin), (XINJIANG, Profile::Xinjiang)] {
        let (settings, checked) = checked(dir, &[profile]);
        for m in &checked.meetings {
            for kind in new.into_iter().filter(|k| k.selects(m, &settings)) {
                let Ok(data) =
                    documents::data(kind, m, &settings, Privacy::default(), &Issuers::default())
                else {
                    continue;
                };
                let doc = TS
                    .typeset(
                        kind.template(),
                        &data,
                        &DocMeta {
                            ident: m.code.clone(),
                            title: m.code.clone(),
                            date: None,
                        },
                    )
                    .unwrap();
                let what = format!("{} {}", m.code, kind.zh());
                for (p, page) in doc.lines.iter().enumerate() {
                    assert!(
                        page.iter()
                            .any(|l| l.text.replace(' ', "") == format!("—{}—", p + 1)),
                        "{what} page {}: no page number",
                        p + 1
                    );
                    for l in page.iter().filter(|l| (l.size - 16.0).abs() < 0.01) {
                        lines += 1;
                        let k = (l.baseline - first) / pitch;
                        assert!(
                            (k - k.round()).abs() < 0.01 && (0.0..22.0).contains(&k.round()),
                            "{what}: off the grid: {l:?}"
                        );
                        assert!(
                            l.left > left - 0.5 * MM && l.right < right + 0.8 * MM,
                            "{what}: outside the type area: {l:?}"
                        );
                    }
                    for l in page.iter().filter(|l| (l.size - 22.0).abs() < 0.01) {
                        let middle = f64::midpoint(l.left, l.right);
                        assert!(
                            (middle - f64::midpoint(left, right)).abs() < 0.5 * 22.0,
                            "{what}: title off centre: {l:?}"
                        );
                    }
                }
                seen.push(kind);
            }
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen, new, "every new kind measured");
    assert!(lines > 300, "{lines} lines measured");
}
