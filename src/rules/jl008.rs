//! JL008 协商六个步骤记录不全 (six-steps-incomplete)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面的协商（吉林的实施意见规定的是城乡社区协商的程序）。
//! 协商一般按六个步骤进行：广泛收集意见（「意见收集日期」）、研究确定议题（「议题确定日期」）、
//! 制定协商方案（「方案制定日期」）、发布协商公告（「信息公开日期」）、开展议事协商（「会议日期」）、
//! 通报协商情况（「情况公告日期」）。缺哪一步的日期就报哪一步；各步日期先后颠倒（后一步早于前一步）
//! 的也给出警告。会议日期晚于检查日的不检查“通报情况”一步。
//!
//! ## 为何重要 Why it matters
//! 六个步骤环环相扣：不收集意见，议题就不是群众关心的；不通报情况，协商就没有回音。
//!
//! ## 依据 Source
//! 吉林省《关于加强城乡社区协商的实施意见》三（五）：“开展协商一般按照下列步骤进行：广泛收集意见、
//! 研究确定议题、制定协商方案、发布协商公告、开展议事协商、通报协商情况”。
//!
//! ## 示例 Example
//! 不合规：台账没有意见收集日期和情况公告日期。
//! 合规：意见收集 06-01、议题确定 06-03、方案 06-04、公告 06-05、会议 06-12、情况公告 06-12。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "JL008",
    name: "six-steps-incomplete",
    title: "协商六个步骤记录不全",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Jilin,
        clause: "三(五)",
        quote: "开展协商一般按照下列步骤进行：广泛收集意见、研究确定议题、制定协商方案、发布协商公告、开展议事协商、通报协商情况",
        modality: Modality::InPrinciple("一般"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: &[],
    readings: &[],
    source: include_str!("jl008.rs"),
};

/// The six steps in order, with the field that dates each.
const STEPS: [(&str, Field); 6] = [
    ("收集意见", Field::OpinionsOn),
    ("确定议题", Field::TopicSetOn),
    ("制定方案", Field::PlanOn),
    ("发布公告", Field::NoticeOn),
    ("开展协商", Field::HeldOn),
    ("通报情况", Field::StatusAnnouncedOn),
];

pub fn check(cx: &mut Ctx) {
    let upcoming = cx.m.date(Field::HeldOn).is_some_and(|h| h > cx.today());
    let steps = if upcoming { &STEPS[..5] } else { &STEPS[..] };
    let fields: Vec<Field> = steps.iter().map(|&(_, f)| f).collect();
    let missing = cx.absent(&fields);
    if !missing.is_empty() {
        let names: Vec<&str> = steps
            .iter()
            .filter(|(_, f)| missing.contains(f))
            .map(|&(step, _)| step)
            .collect();
        let d = Diagnostic::new(
            &META,
            format!("{}：没有记录“{}”", META.title, names.join("”“")),
        )
        .at(Some(cx.m.missing_loc(missing[0])))
        .field(missing[0].zh())
        .label(format!("缺少{}", names.join("、")))
        .fact("missing_steps", names.clone())
        .fact(
            "missing_fields",
            missing.iter().map(|f| f.zh()).collect::<Vec<_>>(),
        )
        .requirement("按收集意见、确定议题、制定方案、发布公告、开展协商、通报情况六个步骤进行，并记录各步日期")
        .help(format!(
            "在台账补填{}",
            crate::rules::quoted(&missing)
        ));
        cx.emit(d);
    }
    // Consecutive known steps out of order.
    let dated: Vec<(&str, Field, chrono::NaiveDate)> = steps
        .iter()
        .filter_map(|&(step, f)| cx.m.date(f).map(|d| (step, f, d)))
        .collect();
    for pair in dated.windows(2) {
        let ((a, _, da), (b, fb, db)) = (pair[0], pair[1]);
        if db >= da {
            continue;
        }
        // An act after the meeting, or before it, against the meeting date is D004's.
        if fb == Field::HeldOn || pair[0].1 == Field::HeldOn {
            continue;
        }
        let d = Diagnostic::new(
            &META,
            format!("{}：“{b}” {} 早于“{a}” {}", META.title, ymd(db), ymd(da)),
        )
        .at(cx.m.loc(fb))
        .field(fb.zh())
        .label(format!("早于{a} {}", ymd(da)))
        .fact("step", b)
        .fact("date", ymd(db))
        .fact("previous_step", a)
        .fact("previous_date", ymd(da))
        .requirement("六个步骤依次进行：收集意见、确定议题、制定方案、发布公告、开展协商、通报情况")
        .help("核对两步的日期；确是顺序颠倒的，在备注中说明原因");
        cx.emit(d);
    }
}
