//! What a careful clerk checks on paper, measured on the laid-out pages of every document of the
//! sample batch, of the Jilin and Xinjiang scenario batches (under their own profiles) and of a
//! list of hard titles: titles break only between words and in balanced
//! lines; no page holds only the closing, the signatures or a 版记; each fact is printed once;
//! letters greet their reader properly; names stay whole; no paragraph ends in one character.

use std::sync::LazyLock;

use serde_json::{Value, json};
use yishi::batch::{self, Checked};
use yishi::compose::title;
use yishi::documents::{self, DocKind, Issuers, Privacy};
use yishi::render::{DocMeta, RenderOptions, TextLine, Typeset, Typesetter};
use yishi::settings::{Profile, Settings};

/// Only the shipped fonts, so the result does not depend on the machine.
static TS: LazyLock<Typesetter> = LazyLock::new(|| {
    Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    })
});

static SETTINGS: LazyLock<Settings> =
    LazyLock::new(|| Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));

static SAMPLE: LazyLock<Checked> =
    LazyLock::new(|| batch::run(&["fixtures/sample".into()], &SETTINGS));

/// The Jilin community and the Xinjiang village (with a Xinjiang community), each under its own
/// profile: the batches whose records call for the documents the sample does not print.
static PROFILED: LazyLock<Vec<(Settings, Checked)>> = LazyLock::new(|| {
    [
        ("fixtures/scenarios/jilin-six-steps", Profile::Jilin),
        ("fixtures/scenarios/xinjiang-four-two", Profile::Xinjiang),
    ]
    .into_iter()
    .map(|(dir, profile)| {
        let mut settings = SETTINGS.clone();
        settings.profiles = vec![profile];
        let checked = batch::run(&[dir.into()], &settings);
        (settings, checked)
    })
    .collect()
});

/// Every batch with the settings it is checked under.
fn batches() -> Vec<(&'static Settings, &'static Checked)> {
    let mut all = vec![(&*SETTINGS, &*SAMPLE)];
    all.extend(PROFILED.iter().map(|(s, c)| (s, c)));
    all
}

fn meta(ident: &str) -> DocMeta {
    DocMeta {
        ident: ident.to_string(),
        title: ident.to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 12),
    }
}

/// Every document the batches' meetings get that has its data, typeset: (meeting, kind, data,
/// pages).
static DOCUMENTS: LazyLock<Vec<(String, DocKind, Value, Typeset)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for (settings, checked) in batches() {
        for m in &checked.meetings {
            for kind in DocKind::ALL.into_iter().filter(|k| k.selects(m, settings)) {
                let Ok(data) =
                    documents::data(kind, m, settings, Privacy::default(), &Issuers::default())
                else {
                    continue;
                };
                let doc = TS
                    .typeset(kind.template(), &data, &meta(&m.code))
                    .unwrap_or_else(|e| panic!("{} {}: {e}", m.code, kind.zh()));
                out.push((m.code.clone(), kind, data, doc));
            }
        }
    }
    out
});

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The lines of a page without its page number.
fn body_lines(page: &[TextLine]) -> Vec<&TextLine> {
    page.iter()
        .filter(|l| !(l.text.starts_with('—') && l.text.ends_with('—')))
        .collect()
}

// ------------------------------------------------------------------ titles ----

/// Titles that break badly when lines are cut by width alone.
const HARD_TITLES: &[&str] = &[
    "关于彩田小区3栋加装电梯费用分摊的协商公告",
    "关于社区厨余垃圾分类投放点设置协商结果的公示",
    "关于景华社区公共空间微改造方案（第一批）的协商公告",
    "莲花街道居民公约（2026年修订）民主协商会会议记录",
    "关于梅岭社区长者食堂运营及长者助餐补贴标准的协商公告",
    "关于老旧小区雨污分流改造施工时间安排与交通疏导方案的协商公告",
    "关于电动自行车集中充电桩选址和夜间充电安全管理协商结果的公示",
    "关于辖区中小学周边上下学接送秩序与交通安全协商结果的公示",
    "关于彩田片区老旧小区改造（二期）实施方案听证的协商公告",
    "关于莲花山公园东门周边道路夜间临时停车泊位设置协商结果的公示",
    "关于社区食堂#1号窗口[试点]运营方案：$5元*餐补协商结果的公示",
    "关于2026年民生微实事项目（第一批）立项（再次协商）的协商公告",
];

/// The title of every sample document that has one, and the hard ones.
fn all_titles() -> Vec<String> {
    let mut titles: Vec<String> = DOCUMENTS
        .iter()
        .filter_map(|(_, _, data, _)| data["title"].as_str().map(str::to_string))
        .filter(|t| t != "邀请函")
        .collect();
    titles.extend(HARD_TITLES.iter().map(|t| (*t).to_string()));
    titles.sort();
    titles.dedup();
    titles
}

/// The title's printed lines (2号, 22 pt) on the first page.
fn title_lines(doc: &Typeset) -> Vec<String> {
    doc.lines[0]
        .iter()
        .filter(|l| (l.size - 22.0).abs() < 0.01)
        .map(|l| squeezed(&l.text))
        .collect()
}

/// What is wrong with the line breaks of `title` printed as `lines`: a break inside a word, a
/// number parted from its measure word, lines of uneven length.
fn break_faults(title: &str, lines: &[String]) -> Vec<String> {
    let mut faults = Vec::new();
    if lines.concat() != squeezed(title) {
        return vec![format!("printed {lines:?}")];
    }
    let seams = title::word_seams(title);
    let mut at = 0;
    for pair in lines.windows(2) {
        at += pair[0].len();
        if !seams.contains(&at) {
            faults.push(format!("inside a word: {}|{}", pair[0], pair[1]));
        }
        let before = pair[0].chars().last().unwrap_or(' ');
        let after = pair[1].chars().next().unwrap_or(' ');
        if before.is_ascii_digit() || matches!(after, '）' | '，' | '、' | '。') {
            faults.push(format!(
                "a number or a mark parted: {}|{}",
                pair[0], pair[1]
            ));
        }
    }
    if lines.len() > 1 {
        let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        let (min, max) = (lengths.iter().min().unwrap(), lengths.iter().max().unwrap());
        if max - min > 6 {
            faults.push(format!("uneven: {lines:?}"));
        }
    }
    faults
}

fn title_only(title: &str, pieces: bool) -> Value {
    let mut data = json!({ "title": title });
    if pieces {
        data["title_pieces"] = json!(title::pieces(title));
    }
    data
}

#[test]
fn titles_break_between_words_in_balanced_lines() {
    let titles = all_titles();
    assert!(titles.len() >= 30, "{titles:?}");
    let mut faulty = Vec::new();
    let mut before = 0;
    let mut multi = 0;
    for t in &titles {
        let doc = TS
            .typeset("notice", &title_only(t, true), &meta("title"))
            .unwrap();
        let lines = title_lines(&doc);
        if lines.len() > 1 {
            multi += 1;
        }
        let found = break_faults(t, &lines);
        if !found.is_empty() {
            faulty.push((t.clone(), found));
        }
        // The same title without pieces is broken by width alone, as before.
        let old = TS
            .typeset("notice", &title_only(t, false), &meta("title"))
            .unwrap();
        if !break_faults(t, &title_lines(&old)).is_empty() {
            before += 1;
        }
    }
    eprintln!(
        "titles with a bad break: {before} of {} by width alone, {} with seams ({multi} titles take two lines or more)",
        titles.len(),
        faulty.len()
    );
    assert!(multi >= 10, "only {multi} titles of several lines");
    assert!(faulty.is_empty(), "{faulty:#?}");
}

#[test]
fn a_topic_that_starts_with_guanyu_gets_no_second_one() {
    let mut kinds = Vec::new();
    for (settings, checked) in batches() {
        for code in ["LH-CT-2026-006", "GL-DCY-2026-001", "GMD-DG-2026-009"] {
            let Some(m) = checked.meetings.iter().find(|m| m.code == code) else {
                continue;
            };
            let mut m = m.clone();
            let topic = m.fields.get_mut(&yishi::fields::Field::Topic).unwrap();
            topic.value =
                yishi::values::Value::Text(format!("关于{}", topic.value.display()).into());
            for kind in DocKind::ALL.into_iter().filter(|k| k.selects(&m, settings)) {
                // (The Jilin and Xinjiang ledgers have no 邀请发出日期 or 公示期.)
                let Ok(data) =
                    documents::data(kind, &m, settings, Privacy::default(), &Issuers::default())
                else {
                    continue;
                };
                let title = data["title"].as_str().unwrap();
                assert!(!title.contains("关于关于"), "{}: {title}", kind.zh());
                let doc = TS.typeset(kind.template(), &data, &meta("guanyu")).unwrap();
                assert!(!squeezed(&doc.text).contains("关于关于"), "{}", kind.zh());
                kinds.push(kind);
            }
        }
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds, DocKind::ALL, "every kind was tried");
}

// ----------------------------------------------------------- page fitting ----

/// Lines that belong to a closing: the closing phrase, the issuer, the date, the signature
/// lines and the signing sheet's names.
fn is_closing(line: &str, data: &Value) -> bool {
    let line = squeezed(line);
    let issuer = data["issuer"].as_str().unwrap_or("\u{0}");
    let signed_on = data["issued_on"].as_str().unwrap_or("\u{0}");
    let names: Vec<&str> = data["attendees"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["name"].as_str())
        .collect();
    line == "特此公告。"
        || line == "特此公示。"
        || line == issuer
        || line == signed_on
        || line.starts_with("主持人（签字）")
        || line.starts_with("参会人员签名")
        || line.starts_with("抄送")
        || line.ends_with("印发")
        || (!line.is_empty()
            && line
                .split(|c: char| c.is_whitespace())
                .all(|w| names.contains(&w)))
        || names.iter().any(|n| line.replace(n, "").is_empty())
}

#[test]
fn no_page_holds_only_the_closing_signatures_or_banji() {
    let mut alone = Vec::new();
    let mut fitted = 0;
    for (code, kind, data, doc) in DOCUMENTS.iter() {
        for (i, page) in doc.lines.iter().enumerate() {
            let lines = body_lines(page);
            if lines.iter().all(|l| is_closing(&l.text, data)) {
                alone.push(format!("{code} {} page {}", kind.zh(), i + 1));
            }
        }
        assert!(!doc.closing_apart, "{code} {}", kind.zh());
        if doc.fit > 0 {
            fitted += 1;
        }
    }
    eprintln!(
        "{} documents, {fitted} fitted to keep the closing with the text",
        DOCUMENTS.len()
    );
    assert!(DOCUMENTS.len() >= 50, "{}", DOCUMENTS.len());
    for kind in DocKind::ALL {
        assert!(
            DOCUMENTS.iter().any(|(_, k, _, _)| *k == kind),
            "no {} measured",
            kind.zh()
        );
    }
    assert!(alone.is_empty(), "{alone:#?}");
}

/// Minutes whose facts and signing sheet fit on one page print on one: the sheet takes whole
/// grid lines (no empty line is left under it once the closing needs tightening), so the
/// signatures do not go over whole to a second page that leaves the first mostly empty; the
/// lines under the sheet stay on the grid.
#[test]
fn minutes_that_fit_on_one_page_keep_their_signing_sheet_there() {
    let line_pitch = 225.0 / 22.0 * 72.0 / 25.4;
    let first_baseline = 37.0 * 72.0 / 25.4 + 0.88 * 16.0;
    for code in ["LH-CT-2026-001", "LH-CT-2026-003"] {
        let (_, _, data, doc) = DOCUMENTS
            .iter()
            .find(|(c, k, _, _)| c == code && *k == DocKind::Minutes)
            .unwrap();
        assert_eq!(doc.pages, 1, "{code}: {:?}", doc.lines);
        let page = &doc.lines[0];
        let text: String = page.iter().map(|l| squeezed(&l.text)).collect();
        for name in data["attendees"].as_array().unwrap() {
            assert!(
                text.contains(name["name"].as_str().unwrap()),
                "{code}: {text}"
            );
        }
        for line in page.iter().filter(|l| {
            let t = squeezed(&l.text);
            t.starts_with("主持人（签字）") || t == data["issued_on"].as_str().unwrap()
        }) {
            let on = (line.baseline - first_baseline) / line_pitch;
            assert!(
                (on - on.round()).abs() < 0.01,
                "{code}: {line:?} off the grid"
            );
        }
    }
}

/// A notice whose closing would fall on a page of its own is tightened or moved until it
/// does not: made to end near the bottom of page 1 by a background of the right length.
#[test]
fn a_closing_that_would_stand_alone_is_kept_with_the_text() {
    let (_, _, notice, _) = DOCUMENTS
        .iter()
        .find(|(code, kind, _, _)| code == "LH-CT-2026-006" && *kind == DocKind::Notice)
        .unwrap();
    let mut tried = 0;
    let mut needed_fit = 0;
    // One more line of background at a time, over a page and a half.
    for n in (0..=1000).step_by(28) {
        let mut data = notice.clone();
        data["background"] = json!("议".repeat(n));
        let doc = TS.typeset("notice", &data, &meta("fit")).unwrap();
        tried += 1;
        needed_fit = needed_fit.max(doc.fit);
        let last = body_lines(doc.lines.last().unwrap());
        assert!(
            !last.iter().all(|l| is_closing(&l.text, &data)),
            "{n}: {:?}",
            doc.lines.last()
        );
    }
    assert!(tried > 10);
    assert!(needed_fit >= 1, "no length needed fitting");
}

// --------------------------------------------------------- facts once ----

fn document(code: &str, kind: DocKind) -> &'static (String, DocKind, Value, Typeset) {
    DOCUMENTS
        .iter()
        .find(|(c, k, _, _)| c == code && *k == kind)
        .unwrap_or_else(|| panic!("{code} {}", kind.zh()))
}

#[test]
fn each_fact_is_printed_once() {
    // Minutes whose Markdown body states the time, place, host, attendance, attendees, vote
    // and result: the template adds none of them again.
    for code in ["LH-CT-2026-006", "LH-JD-2026-003", "LH-ML-2026-001"] {
        let (_, _, data, doc) = document(code, DocKind::Minutes);
        let text = squeezed(&doc.text);
        let venue = data["venue"].as_str().unwrap();
        for (fact, times) in [
            (venue, 1),
            ("会议时间", 1),
            ("会议地点", 1),
            ("主持人：", 1),
            ("应到", 1),
            ("表决情况", 1),
            ("协商结果", 1),
        ] {
            assert_eq!(
                text.matches(fact).count(),
                times,
                "{code}: {fact} in {text}"
            );
        }
        // Each person present appears in the attendee table once: signing is done there.
        assert!(!text.contains("参会人员："), "{code}");
    }
    // A notice says when and where once (no 会议安排 repeating the opening).
    for (code, kind) in [
        ("LH-CT-2026-006", DocKind::Notice),
        ("LH-JD-2026-003", DocKind::Notice),
        ("LH-CT-2026-006", DocKind::Invitation),
        ("LH-CT-2026-006", DocKind::Publication),
    ] {
        let (_, _, data, doc) = document(code, kind);
        let first_letter = doc.text.split('\u{c}').next().unwrap();
        let text = squeezed(first_letter);
        let venue = data["venue"].as_str().unwrap_or("\u{0}");
        let form = data["form"].as_str().unwrap();
        assert!(
            text.matches(venue).count() <= 1,
            "{code} {}: {text}",
            kind.zh()
        );
        assert_eq!(
            text.matches("召开").count(),
            1,
            "{code} {}: {text}",
            kind.zh()
        );
        assert!(
            text.matches(form).count() <= 2,
            "{code} {}: {text}",
            kind.zh()
        );
        for label in ["会议时间：", "会议地点：", "协商形式：", "协商议题："] {
            assert!(!text.contains(label), "{code} {}: {label}", kind.zh());
        }
    }
    let (_, _, _, doc) = document("LH-CT-2026-006", DocKind::Publication);
    let text = squeezed(&doc.text);
    assert!(text.contains("一、协商结果经表决"), "{text}");
    assert!(!text.contains("协商结果："), "{text}");
}

#[test]
fn the_signature_column_is_empty_and_everyone_present_can_sign() {
    for code in ["LH-CT-2026-006", "LH-JD-2026-003"] {
        let (_, _, data, doc) = document(code, DocKind::Minutes);
        // The body's attendee table (姓名 身份 两委 签名): each row prints its name, role and
        // 两委 flag, and nothing under 签名 (the Markdown has 是 there).
        let table: Vec<&str> = doc
            .text
            .lines()
            .filter(|l| {
                let cells: Vec<&str> = l.split(' ').collect();
                cells.len() >= 3 && matches!(cells[2], "是" | "否")
            })
            .collect();
        assert!(table.len() >= 10, "{code}: {table:?}");
        for row in &table {
            assert_eq!(row.split(' ').count(), 3, "{code}: {row}");
        }
        assert!(
            data["covered"]
                .as_array()
                .unwrap()
                .contains(&json!("signatures"))
        );
    }
    // Without a table in the body, the minutes print a signing sheet with every attendee.
    let (_, _, data, doc) = document("LH-CT-2026-002", DocKind::Minutes);
    let text = squeezed(&doc.text);
    assert!(text.contains("参会人员签名"), "{text}");
    // Each name once, but the host's and the recorder's, which their own lines also print.
    for a in data["attendees"].as_array().unwrap() {
        let name = a["name"].as_str().unwrap();
        let roles = [&data["host"], &data["recorder"]]
            .iter()
            .filter(|v| v.as_str() == Some(name))
            .count();
        assert_eq!(text.matches(name).count(), 1 + roles, "{name} in {text}");
    }
    assert!(!text.contains("参会人员："), "{text}");
}

#[test]
fn a_body_called_jiyao_is_printed_as_minutes() {
    let (_, _, data, doc) = document("LH-JD-2026-003", DocKind::Minutes);
    let title = data["title"].as_str().unwrap();
    assert!(title.ends_with("会议记录"), "{title}");
    assert!(!squeezed(&doc.text).contains("纪要"));
}

// -------------------------------------------------------------- letters ----

#[test]
fn invitations_greet_the_person_and_say_when_to_come_and_whom_to_call() {
    let (_, _, data, doc) = document("LH-CT-2026-006", DocKind::Invitation);
    let letters: Vec<&str> = doc.text.split('\u{c}').collect();
    let invitees = data["invitees"].as_array().unwrap();
    assert_eq!(letters.len(), invitees.len());
    let first = squeezed(letters[0]);
    assert!(first.starts_with("邀请函尊敬的陈喆同志："), "{first}");
    assert!(!first.contains("两委成员"), "{first}");
    for expected in [
        "兹定于2026年10月12日（星期一）19:30—21:40在彩田社区党群服务中心议事厅召开居民议事会",
        "诚邀您拨冗参加",
        "会议19:30开始，请提前10分钟到场签到。",
        "请于10月11日前告知能否参加",
        "请与何嘉欣联系（联系电话：0755-83451301）。",
        "彩田社区居民委员会2026年9月30日",
    ] {
        assert!(first.contains(expected), "{expected} missing in {first}");
    }
    // Letter format: no page number on a letter's first page.
    for page in &doc.lines {
        assert!(!page.iter().any(|l| l.text == "— 1 —"), "{page:?}");
    }
    // A general letter speaks to many.
    let mut general = data.clone();
    general["invitees"] = json!([]);
    let doc = TS
        .typeset("invitation", &general, &meta("general"))
        .unwrap();
    let text = squeezed(&doc.text);
    assert!(text.starts_with("邀请函各位居民代表："), "{text}");
    assert!(text.contains("诚邀各位拨冗参加"), "{text}");
    assert!(!text.contains('您'), "{text}");
}

#[test]
fn notices_say_the_weekday_clock_time_contact_and_count_participants() {
    let (_, _, data, doc) = document("LH-CT-2026-006", DocKind::Notice);
    let text = squeezed(&doc.text);
    for expected in [
        "定于2026年10月12日（星期一）19:30—21:40在彩田社区党群服务中心议事厅召开居民议事会",
        "本次会议邀请两委成员4人",
        "联系人：何嘉欣，联系电话：0755-83451301。",
    ] {
        assert!(text.contains(expected), "{expected} missing in {text}");
    }
    // No resident is named in a public notice.
    for p in ["王秀英", "杨堃", "吴淼"] {
        assert!(!text.contains(p), "{p} in {text}");
    }
    assert!(data["participants"].as_str().unwrap().ends_with("人"));
}

#[test]
fn publications_state_their_period_and_carry_no_banji() {
    let (_, _, _, doc) = document("LH-CT-2026-006", DocKind::Publication);
    let text = squeezed(&doc.text);
    assert!(
        text.contains("公示期为2026年10月14日至2026年10月20日（7日）"),
        "{text}"
    );
    assert!(!text.contains("印发"), "{text}");
    assert!(!text.contains("抄送"), "{text}");
}

// ------------------------------------------------------- lines and marks ----

fn paragraph(text: &str) -> Value {
    json!({ "kind": "paragraph", "content": [{ "kind": "text", "text": text }] })
}

#[test]
fn names_stay_whole_and_no_last_line_holds_one_character() {
    // 26 characters, then a name that would straddle the line end.
    let body = json!([
        { "kind": "paragraph", "content": [
            { "kind": "text", "text": "经讨论，与会人员一致同意由社区工作站牵头落实，并请" },
            { "kind": "name", "text": "欧阳振华" },
            { "kind": "text", "text": "代表跟进。" },
        ] },
        paragraph(&format!("{}方案。", "议".repeat(27))),
    ]);
    let data = json!({ "title": "测试", "body": body });
    let doc = TS.typeset("minutes", &data, &meta("names")).unwrap();
    let lines: Vec<String> = doc.lines[0].iter().map(|l| squeezed(&l.text)).collect();
    assert!(lines.iter().any(|l| l.contains("欧阳振华")), "{lines:?}");
    for l in &lines {
        assert!(
            l.chars().count() != 2 || !l.ends_with('。'),
            "a runt: {lines:?}"
        );
    }
}

/// Characters that take a full cell of the grid: ideographs, full-width forms, and the CJK
/// quotation marks, dashes and ellipsis.
fn takes_a_cell(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
        || "“”‘’—…".contains(c)
}

#[test]
fn punctuation_keeps_its_cell_on_the_grid() {
    const MM: f64 = 72.0 / 25.4;
    let (left, right) = (28.0 * MM, (210.0 - 26.0) * MM);
    let (mut narrow, mut crowded, mut outside, mut misplaced) = (0, 0, 0, 0);
    let mut faults = Vec::new();
    let mut lines = 0;
    for (code, kind, _, doc) in DOCUMENTS.iter() {
        for (p, page) in doc.lines.iter().enumerate() {
            for line in body_lines(page) {
                lines += 1;
                let text = squeezed(&line.text);
                let at = format!("{code} {} p{}: {text}", kind.zh(), p + 1);
                // No mark set narrower than its cell or moved out of it (Chinese line
                // composition's squeezing at line ends, between marks and to fit a line).
                if line.narrow_marks > 0 {
                    narrow += line.narrow_marks;
                    faults.push(format!("{} narrow mark(s): {at}", line.narrow_marks));
                }
                // GB/T 9704: 28 characters a line in the body (3号, 16 pt), never a 29th.
                let cells = text.chars().filter(|&c| takes_a_cell(c)).count();
                if (line.size - 16.0).abs() < 0.01 && cells > 28 {
                    crowded += 1;
                    faults.push(format!("{cells} characters: {at}"));
                }
                // No line runs into a margin: an unbreakable run too long for the space left
                // goes over whole. (A mark hung into the margin is a narrow mark above: Typst
                // hangs one by narrowing its advance. A quarter cell is allowed for the
                // advance read past the ink and for a dash's small overhang.)
                let slack = line.size / 4.0;
                if line.left < left - slack || line.right > right + slack {
                    outside += 1;
                    faults.push(format!(
                        "from {:.1} to {:.1} mm: {at}",
                        line.left / MM,
                        line.right / MM
                    ));
                }
                // Line-start and line-end rules: no closing mark starts a line, no opening
                // mark ends one.
                if text.starts_with(|c| "，。、：；？！）》”".contains(c))
                    || text.ends_with(|c| "（《“".contains(c))
                {
                    misplaced += 1;
                    faults.push(format!("a mark on the wrong side of a break: {at}"));
                }
            }
        }
    }
    assert!(
        lines > 3000,
        "{lines} lines: the documents were not typeset"
    );
    assert!(
        faults.is_empty(),
        "{narrow} narrow marks, {crowded} lines over 28 characters, {outside} lines in a margin, \
         {misplaced} marks on the wrong side of a break, in {lines} lines:\n{}",
        faults.join("\n")
    );
}
