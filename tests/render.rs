//! Integration tests of the typesetting (`yishi::render`) with the shipped
//! fonts only: what the minutes print, that record text stays text, that
//! output is deterministic, the PDF's page size and fonts, and the
//! GB/T 9704 grid (22 lines × 28 characters) measured on the laid-out lines.

use std::sync::LazyLock;

use lopdf::{Document, Object};
use serde_json::{Value, json};
use yishi::render::{
    DocMeta, PdfStandard, RenderError, RenderOptions, TextLine, Typeset, Typesetter,
};

/// One typesetter for all tests (they run on several threads at once).
static TS: LazyLock<Typesetter> = LazyLock::new(|| {
    Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    })
});

const MM: f64 = 72.0 / 25.4;

fn example(name: &str) -> Value {
    let path = format!("{}/tests/data/render/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn meta() -> DocMeta {
    DocMeta {
        ident: "minutes-LH-CT-2026-007".to_string(),
        title: "彩田小区3栋加装电梯费用分摊议事会会议记录".to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 12),
    }
}

fn typeset(data: &Value) -> Typeset {
    TS.typeset("minutes", data, &meta())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The printed text with all line breaks and spaces removed, so that
/// phrases can be found across wrapped lines.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn typesetter_is_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Typesetter>();
}

#[test]
fn shipped_fonts_fill_every_role() {
    let roles = TS.font_roles();
    let names: Vec<_> = roles.iter().map(|r| r.role).collect();
    assert_eq!(names, ["title", "body", "heading1", "heading2", "numbers"]);
    for role in roles {
        // Nothing official is installed in tests: every role is substituted
        // by a shipped family, which is the only one passed on.
        assert!(role.substituted, "{role:?}");
        // The shipped 仿宋 and 楷体 come first for their roles; Noto Serif fills in the
        // characters they lack.
        let expected: &[&str] = match role.role {
            "heading1" => &["Noto Sans CJK SC"],
            "body" | "numbers" => &["FandolFang R", "Noto Serif CJK SC"],
            "heading2" => &["Yishi WenKai", "Noto Serif CJK SC"],
            _ => &["Noto Serif CJK SC"],
        };
        assert_eq!(role.chosen, expected, "{role:?}");
    }
}

#[test]
fn example_prints_the_meeting() {
    let data = example("minutes-example.json");
    let out = typeset(&data);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.text.matches('\u{c}').count() + 1, out.pages);
    let text = squeezed(&out.text);
    assert!(
        text.starts_with("彩田小区3栋加装电梯费用分摊议事会会议记录"),
        "{text}"
    );
    for expected in [
        "会议时间：2026年10月12日",
        "会议地点：彩田社区党群服务中心议事厅",
        "协商形式：居民议事会",
        "协商议题：彩田小区3栋加装电梯费用分摊",
        "主持人：王某某",
        "记录人：李某某",
        "到会情况：应到15人，实到12人，达到应到人数的三分之二以上，符合召开条件；其中两委成员4人",
        "一、议题背景",
        "经三分之二以上业主同意",
        "张建国（居民代表）：建议按楼层系数分摊",
        "表决情况：赞成10人，反对1人，弃权1人；赞成票达到实到人数半数以上（至少6票）",
        "协商结果：通过",
        "结果形式：会议决议",
        "参会人员签名：王某某李某某陈某某赵某某张建国刘秀英黄志强周丽华吴海燕郑伟孙明马晓东",
        "主持人（签字）：＿＿＿＿",
        "记录人（签字）：＿＿＿＿",
        "彩田社区居民委员会2026年10月12日",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // The soft break between two CJK runs printed nothing.
    assert!(text.contains("老人19名。经"), "{text}");
    // The table's cells are printed row by row.
    assert!(out.text.contains("四层至七层 1.0 12700"), "{}", out.text);
    // Page numbers "— n —" in 4号, on the outer side.
    let footers: Vec<&TextLine> = out.lines.iter().filter_map(|p| p.last()).collect();
    for (i, footer) in footers.iter().enumerate() {
        assert_eq!(footer.text, format!("— {} —", i + 1));
        assert!((footer.size - 14.0).abs() < 0.01);
        let odd = i % 2 == 0;
        assert_eq!(footer.left > 297.0, odd, "{footer:?}");
    }
}

#[test]
fn typst_syntax_in_data_prints_literally() {
    let evil = "社区食堂#1号窗口[试点]运营方案：$5元*餐补 #panic() ] $ *";
    let mut data = example("minutes-example.json");
    data["title"] = json!(evil);
    data["topic"] = json!(evil);
    data["attendees"] = json!([{ "name": "#strong[王]", "role": "居民代表", "signed": true }]);
    data["body"] = json!([
        { "kind": "heading", "level": 2, "content": [{ "kind": "text", "text": "= 一、#emph[议题]" }] },
        { "kind": "paragraph", "content": [
            { "kind": "text", "text": evil },
            { "kind": "strong", "content": [{ "kind": "text", "text": "*粗* _斜_ `码` \\ <标签> @引用" }] },
            { "kind": "code", "text": "#eval(\"1\")" }
        ] }
    ]);
    let out = typeset(&data);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let text = squeezed(&out.text);
    let literal = squeezed(evil);
    assert!(text.starts_with(&literal), "{text}");
    assert!(text.contains(&format!("协商议题：{literal}")), "{text}");
    assert!(text.contains("参会人员签名：#strong[王]"), "{text}");
    assert!(text.contains("=一、#emph[议题]"), "{text}");
    assert!(
        text.contains(&format!("{literal}*粗*_斜_`码`\\<标签>@引用#eval(\"1\")")),
        "{text}"
    );
}

#[test]
fn missing_and_null_fields_are_left_out() {
    let data = json!({
        "title": "议事会会议记录",
        "venue": null,
        "host": "王某某",
        "quorum": null,
        "votes": null,
        "outcome": "通过\n附条件：先公示七日",
        "attendees": [{ "name": null }, { "name": "张三" }],
        "body": [{ "kind": "paragraph", "content": [
            { "kind": "text", "text": "第一行" }, { "kind": "break" }, { "kind": "text", "text": "第二行" },
            { "kind": "soft" }, { "kind": "text", "text": "接续" },
            { "kind": "break" }, { "kind": "text", "text": "WiFi" },
            { "kind": "soft" }, { "kind": "text", "text": "password" },
            { "kind": "soft" }, { "kind": "text", "text": "字段" },
            { "kind": "unknown" }
        ] }]
    });
    let out = typeset(&data);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    for absent in [
        "会议时间",
        "会议地点",
        "到会情况",
        "应到人数",
        "表决情况",
        "结果形式",
    ] {
        assert!(!out.text.contains(absent), "{absent} printed: {}", out.text);
    }
    let lines: Vec<&str> = out.text.lines().collect();
    assert!(lines.contains(&"主持人：王某某"), "{lines:?}");
    // Each attendee gets a place to sign.
    assert!(lines.contains(&"参会人员签名："), "{lines:?}");
    assert!(lines.contains(&"张三"), "{lines:?}");
    // Hard breaks and newlines in strings keep their line breaks; a soft
    // break between Chinese characters prints nothing.
    assert!(lines.contains(&"第一行"), "{lines:?}");
    assert!(lines.contains(&"第二行接续"), "{lines:?}");
    // Between Latin words it is a space; next to an ideograph, nothing.
    assert!(lines.contains(&"WiFi password字段"), "{lines:?}");
    assert!(lines.contains(&"协商结果：通过"), "{lines:?}");
    assert!(lines.contains(&"附条件：先公示七日"), "{lines:?}");

    // Even an empty object is a (nearly empty) document.
    let empty = typeset(&json!({}));
    assert_eq!(empty.pages, 1);
}

#[test]
fn same_input_gives_identical_bytes() {
    let data = example("minutes-example.json");
    let first = typeset(&data);
    let second = typeset(&data);
    assert!(first.pdf == second.pdf, "two runs differ");
    // And from other threads at the same time.
    let from_threads: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| typeset(&data).pdf)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for pdf in from_threads {
        assert!(pdf == first.pdf, "a run on another thread differs");
    }
    // The ident and the date are what changes the bytes.
    let mut other = meta();
    other.ident = "minutes-other".to_string();
    let third = TS.typeset("minutes", &data, &other).unwrap();
    assert!(third.pdf != first.pdf);
}

#[test]
fn pdf_is_a4_with_embedded_fonts() {
    let out = typeset(&example("minutes-example.json"));
    let doc = Document::load_mem(&out.pdf).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), out.pages);
    assert!(out.pages >= 2);
    for id in pages.values() {
        let page = doc.get_dictionary(*id).unwrap();
        let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let numbers: Vec<f64> = media
            .iter()
            .map(|n| f64::from(n.as_float().unwrap()))
            .collect();
        let (width, height) = (numbers[2] - numbers[0], numbers[3] - numbers[1]);
        assert!((width - 595.28).abs() < 0.5, "width {width}");
        assert!((height - 841.89).abs() < 0.5, "height {height}");
    }
    let mut descriptors = 0;
    let mut names = Vec::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(&b"FontDescriptor"[..]) {
            descriptors += 1;
            if let Ok(name) = dict.get(b"FontName").and_then(Object::as_name) {
                names.push(String::from_utf8_lossy(name).into_owned());
            }
            let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|key| dict.has(key));
            assert!(embedded, "font not embedded: {dict:?}");
        }
    }
    // Title (bold Song), body (仿宋, with Noto Serif for what it lacks) and heading (Hei) faces.
    names.sort();
    assert_eq!(descriptors, names.len());
    for face in ["FandolFang", "NotoSansCJK", "NotoSerifCJK"] {
        assert!(
            names.iter().any(|n| n.contains(face)),
            "{face} not in {names:?}"
        );
    }
    assert!((3..=5).contains(&descriptors), "{names:?}");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap();
    assert_eq!(
        info.get(b"Creator").and_then(Object::as_str).unwrap(),
        b"yishi"
    );
}

#[test]
fn unknown_template_is_an_error_in_chinese() {
    let err = TS.typeset("nope", &json!({}), &meta()).unwrap_err();
    assert!(matches!(err, RenderError::UnknownTemplate { .. }));
    assert_eq!(
        err.to_string(),
        "没有名为「nope」的排版模板（可用：plan、notice、invitation、minutes、announcement、publication、resolution、implementation-results、implementation-status、report、audit）"
    );
}

#[test]
fn characters_without_glyph_are_reported() {
    let mut data = example("minutes-example.json");
    // U+20000 is outside the GBK subset that ships.
    data["venue"] = json!("议事厅\u{20000}");
    let out = typeset(&data);
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(out.warnings[0].contains('\u{20000}'), "{:?}", out.warnings);
}

/// Checks the GB/T 9704 grid on the pages in `pages` (0-based), which must
/// hold body text only: 22 lines a page on the grid's baselines, full lines
/// of 28 characters from the left margin (28 mm) to the right one (26 mm),
/// first lines indented by two characters. Returns the number of full lines.
fn check_grid(out: &Typeset, pages: std::ops::Range<usize>) -> usize {
    let line_pitch = 225.0 * MM / 22.0;
    let char_pitch = 156.0 * MM / 28.0;
    let left = 28.0 * MM;
    let right = 595.28 - 26.0 * MM;
    let first_baseline = 37.0 * MM + 0.88 * 16.0;
    let mut full_lines = 0;
    for (number, page) in out
        .lines
        .iter()
        .enumerate()
        .take(pages.end)
        .skip(pages.start)
    {
        let body: Vec<&TextLine> = page
            .iter()
            .filter(|l| (l.size - 16.0).abs() < 0.01)
            .collect();
        assert_eq!(body.len(), 22, "page {}: {body:#?}", number + 1);
        for (i, line) in body.iter().enumerate() {
            let expected = first_baseline + line_pitch * f64::from(i as u32);
            assert!(
                (line.baseline - expected).abs() < 0.05,
                "page {} line {}: baseline {} instead of {expected}",
                number + 1,
                i + 1,
                line.baseline
            );
            // A line that starts at the left edge and reaches the right edge
            // is a full line. Ideographs alone fill it with exactly 28; a
            // punctuation mark keeps its full cell, so never more. A line
            // may be spaced out to 27 where the mark at its end and the word
            // before it go over together.
            let is_full = (line.left - left).abs() < 0.05 && (line.right - right).abs() < 0.05;
            if is_full {
                full_lines += 1;
                let count = line.text.chars().count();
                if line.text.chars().all(is_ideograph) {
                    assert_eq!(count, 28, "{line:?}");
                } else if !line.text.chars().any(|c| c.is_ascii()) {
                    assert!((27..=28).contains(&count), "{line:?}");
                }
                assert_eq!(line.narrow_marks, 0, "{line:?}");
            }
            // First lines of paragraphs are indented by two character cells.
            if line.left > left + 1.0 {
                assert!(
                    (line.left - (left + 2.0 * char_pitch)).abs() < 0.05,
                    "{line:?}"
                );
            }
        }
    }
    full_lines
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// GB/T 9704: 22 lines of 28 characters in the 156 × 225 mm type area.
#[test]
fn long_example_fills_the_grid() {
    let out = typeset(&example("minutes-long.json"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let left = 28.0 * MM;
    let right = 595.28 - 26.0 * MM;

    // Pages 2 to n-2 hold body text only (page 1 has the title and the
    // facts, the last pages the votes and signatures).
    assert!(out.pages >= 5, "{} pages", out.pages);
    let full_lines = check_grid(&out, 1..out.pages - 2);
    assert!(full_lines > 20, "only {full_lines} full lines");
    // At least one full line of ideographs only was measured.
    let pure = out
        .lines
        .iter()
        .flatten()
        .filter(|l| (l.left - left).abs() < 0.05 && (l.right - right).abs() < 0.05)
        .filter(|l| l.text.chars().all(is_ideograph))
        .count();
    assert!(pure >= 1, "no line of ideographs only");
}

/// Record text with Typst and template syntax in it.
const EVIL: &str = "#set page(width: 1cm) $x$ <label> @ref *bold* _emph_ [link](x) #panic() ] \\";

/// The data of a street notice, an invitation and a result publication, with
/// `text` in every string a record can fill.
fn public_documents(text: &str) -> [(&'static str, Value); 3] {
    [
        (
            "notice",
            json!({
                "title": format!("关于{text}的协商公告"), "issuer": "莲花街道办事处",
                "red_header": "莲花街道办事处", "topic": text, "background": text,
                "form": "民主协商会", "date": "2026年3月12日",
                "when": "2026年3月12日（星期四）15:00—17:00", "venue": text, "host": text,
                "participants": format!("{text}2人、两委成员1人，共3人"),
                "observers": { "seats": 3, "booking": text, "opens_on": "2026年3月1日" },
                "contact": { "person": text, "phone": "0755-83451234" },
                "issued_on": "2026年3月5日",
            }),
        ),
        (
            "invitation",
            json!({
                "title": "邀请函", "issuer": "彩田社区居民委员会", "salutation": "各位居民代表",
                "invitees": [{ "name": text, "salutation": format!("尊敬的{text}同志") },
                    { "name": "李四", "salutation": "尊敬的李四同志" }],
                "topic": text, "background": text, "form": "居民议事会",
                "date": "2026年3月12日", "when": "2026年3月12日（星期四）15:00",
                "starts_at": "15:00", "venue": text, "reply_by": "3月11日",
                "contact": { "person": text, "phone": "0755-83451234" },
                "issued_on": "2026年3月5日",
            }),
        ),
        (
            "publication",
            json!({
                "title": format!("关于{text}协商结果的公示"), "issuer": "莲花街道办事处",
                "red_header": "莲花街道办事处", "topic": text, "form": "民主协商会",
                "date": "2026年3月12日", "outcome": "通过", "votes": "赞成9人，反对1人，弃权1人",
                "result_form": "会议决议",
                "implementation": { "leader": text, "department": text, "due_by": "2026年6月30日",
                    "requirements": text, "feedback_by": "2026年7月15日" },
                "supervision": text,
                "period": { "from": "2026年3月13日", "to": "2026年3月19日", "days": 7 },
                "issued_on": "2026年3月13日",
            }),
        ),
    ]
}

fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let doc = Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let media = doc.get_dictionary(*id).unwrap().get(b"MediaBox").unwrap();
            let n: Vec<f64> = media
                .as_array()
                .unwrap()
                .iter()
                .map(|n| f64::from(n.as_float().unwrap()))
                .collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

#[test]
fn record_syntax_prints_literally_in_every_document() {
    let literal = squeezed(EVIL);
    for (template, data) in public_documents(EVIL) {
        let out = TS
            .typeset(template, &data, &meta())
            .unwrap_or_else(|e| panic!("{template}: {e}"));
        assert!(out.warnings.is_empty(), "{template}: {:?}", out.warnings);
        let text = squeezed(&out.text);
        // Every field printed the text as it is: none of it became markup.
        assert!(text.matches(&literal).count() >= 3, "{template}: {text}");
        for (width, height) in page_sizes(&out.pdf) {
            assert!(
                (width - 595.28).abs() < 0.5 && (height - 841.89).abs() < 0.5,
                "{template}"
            );
        }
    }
}

#[test]
fn notice_and_publication_have_the_red_header_and_their_sections() {
    let [(_, notice), (_, invitation), (_, publication)] = public_documents("社区议题");
    let out = TS.typeset("notice", &notice, &meta()).unwrap();
    let first = &out.lines[0][0];
    assert_eq!(first.text, "莲花街道办事处");
    // Large: 50 pt, or less when the name would be wider than the type area.
    assert!((first.size - 50.0).abs() < 0.01, "{first:?}");
    // The top edge of its ink 35 mm below the top of the type area (GB/T 9704
    // 7.2.4): the ideographs of the shipped title face rise 0.85 em above the
    // baseline (measured on the rendered page: 72.0 mm), well above the Latin
    // cap height.
    let top = first.baseline - 0.85 * first.size;
    assert!((top - 72.0 * MM).abs() < 0.3 * MM, "{first:?}");
    let text = squeezed(&out.text);
    for expected in [
        "莲花街道办事处关于社区议题的协商公告莲花街道办事处定于2026年3月12日（星期四）15:00—17:00在社区议题召开民主协商会，就“社区议题”开展协商，会议由社区议题主持。",
        "一、议题背景社区议题二、参会人员本次会议邀请社区议题2人、两委成员1人，共3人参加。",
        "三、旁听预约本次会议设旁听席位3个",
        "预约方式：社区议题开放预约：2026年3月1日",
        "四、联系方式联系人：社区议题，联系电话：0755-83451234。",
        "特此公告。莲花街道办事处2026年3月5日",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    assert!(!text.contains("会议安排"), "{text}");
    // A community's notice has no red header.
    let mut community = notice.clone();
    community["red_header"] = Value::Null;
    community["observers"] = json!({ "seats": 0 });
    let out = TS.typeset("notice", &community, &meta()).unwrap();
    let text = squeezed(&out.text);
    assert!(text.starts_with("关于社区议题的协商公告"), "{text}");
    assert!(text.contains("本次会议不设旁听席位。"), "{text}");

    let out = TS.typeset("publication", &publication, &meta()).unwrap();
    let text = squeezed(&out.text);
    for expected in [
        "一、协商结果经表决，赞成9人，反对1人，弃权1人，协商结果为通过，形成会议决议。",
        "二、落实安排责任领导：社区议题责任部门：社区议题完成时限：2026年6月30日",
        "三、公示期与监督公示期为2026年3月13日至2026年3月19日（7日）。",
        "监督电话：社区议题",
        "特此公示。莲花街道办事处2026年3月13日",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    // A posted notice carries no 版记; every page is numbered.
    assert!(!text.contains("印发"), "{text}");
    for (i, page) in out.lines.iter().enumerate() {
        assert_eq!(page.last().unwrap().text, format!("— {} —", i + 1));
    }

    // One letter an invitee, each numbered on its own and, in the letter format, without a
    // number on its first page; a general one without invitees speaks to many.
    let out = TS.typeset("invitation", &invitation, &meta()).unwrap();
    assert_eq!(out.pages, 2);
    for page in &out.lines {
        assert!(!page.last().unwrap().text.starts_with('—'), "{page:?}");
    }
    let text = squeezed(&out.text);
    assert!(text.contains("尊敬的李四同志："), "{text}");
    assert!(text.contains("诚邀您拨冗参加"), "{text}");
    let mut general = invitation.clone();
    general["invitees"] = json!([]);
    let out = TS.typeset("invitation", &general, &meta()).unwrap();
    assert_eq!(out.pages, 1);
    let text = squeezed(&out.text);
    assert!(
        text.starts_with("邀请函各位居民代表：兹定于2026年3月12日（星期四）15:00"),
        "{text}"
    );
    assert!(text.contains("诚邀各位拨冗参加"), "{text}");
}

/// A notice whose background runs over several pages keeps to the same grid
/// as the minutes: 22 lines of 28 characters.
#[test]
fn long_notice_fills_the_grid() {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
            Value::Object(o) => o.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut strings = Vec::new();
    collect(&example("minutes-long.json")["body"], &mut strings);
    let long: String = strings
        .iter()
        .filter(|s| s.chars().count() > 20)
        .map(String::as_str)
        .collect();
    let [(_, mut notice), ..] = public_documents("社区议题");
    notice["background"] = json!(long);
    let out = TS.typeset("notice", &notice, &meta()).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    // Page 1 has the header and title, the last two the sections after the
    // background and the signature kept with its closing phrase.
    assert!(out.pages >= 4, "{} pages", out.pages);
    let full = check_grid(&out, 1..out.pages - 2);
    assert!(full > 15, "only {full} full lines");
}

#[test]
fn pdf_a_2b_is_declared_and_deterministic() {
    let ts = Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: Some(PdfStandard::A2b),
    });
    let [(template, data), ..] = public_documents("社区议题");
    let first = ts.typeset(template, &data, &meta()).unwrap();
    let second = ts.typeset(template, &data, &meta()).unwrap();
    assert!(first.pdf == second.pdf);
    let pdf = String::from_utf8_lossy(&first.pdf);
    assert!(pdf.contains("pdfaid:part"), "no PDF/A identification");
    assert!(
        pdf.contains("pdfaid:conformance") && pdf.contains(">B<")
            || pdf.contains("pdfaid:conformance=\"B\"")
    );
    // The plain PDF is not declared PDF/A.
    let plain = TS.typeset(template, &data, &meta()).unwrap();
    assert!(!String::from_utf8_lossy(&plain.pdf).contains("pdfaid:part"));
}

#[test]
fn workspace_templates_replace_builtin_ones_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notice.typ"),
        "#import \"gongwen.typ\": *\n#show: gongwen\n工作区公告：#plain(get(\"topic\"))\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("unrelated.typ"), "#panic()").unwrap();
    let mut ts = Typesetter::new(&RenderOptions::default());
    let used = ts.override_templates(dir.path()).unwrap();
    assert_eq!(used, [dir.path().join("notice.typ")]);
    let [(_, notice), ..] = public_documents(EVIL);
    let out = ts.typeset("notice", &notice, &meta()).unwrap();
    assert_eq!(
        squeezed(&out.text),
        format!("工作区公告：{}—1—", squeezed(EVIL))
    );
    // The other templates are still the built-in ones.
    let minutes = ts
        .typeset("minutes", &example("minutes-example.json"), &meta())
        .unwrap();
    assert!(squeezed(&minutes.text).starts_with("彩田小区3栋加装电梯费用分摊议事会会议记录"));
}

#[test]
fn uncovered_characters_are_found_before_typesetting() {
    assert_eq!(
        TS.uncovered("张\u{20000}三 议事\u{200d}厅 abc"),
        ['\u{20000}']
    );
    assert!(TS.uncovered("彩田社区（居民代表）：“通过”。").is_empty());
}
