//! XJ006 村级重大事项未按“四议两公开” (four-two-procedure)
//!
//! ## 检查内容 What it checks
//! 「层级」为村、「重大事项」为是的事项，按“四议两公开”决策，依次记录：党组织提议（「党组织提议
//! 日期」）、两委会议商议（「两委商议日期」）、党员大会审议（「党员大会审议日期」）、村民会议或
//! 村民代表会议决议（「决议日期」；没填而本次会议就是村民会议、村民代表会议时取「会议日期」）、
//! 决议公开（「决议公开日期」）、实施结果公开（「实施结果公开日期」，「完成时限」未到时不要求）。
//! 缺步骤的、先后颠倒的，报错误。
//!
//! ## 为何重要 Why it matters
//! “四议两公开”是村级重大事项决策的法定程序，缺一步或颠倒顺序，决策的合法性就有问题。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》六（二）：“村(社区)协商结果依法需要经过民主决策的，
//! 应提交村(居)民会议、村(居)民代表会议、村(居)民小组会议讨论决定，属于村级重大事项的，应按照
//! “四议两公开”制度进行决策”。
//!
//! ## 示例 Example
//! 不合规：党员大会审议 2026-05-10，早于两委商议 2026-05-12。
//! 合规：提议 05-06、商议 05-08、审议 05-12、决议 05-20、决议公开 05-21、实施结果公开 09-30。

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

pub static META: RuleMeta = RuleMeta {
    code: "XJ006",
    name: "four-two-procedure",
    title: "村级重大事项未按“四议两公开”",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "六(二)",
        quote: "属于村级重大事项的，应按照“四议两公开”制度进行决策",
        modality: Modality::Must("应"),
        milder: None,
    },
    levels: Levels::VILLAGE,
    params: &[],
    readings: &[],
    source: include_str!("xj006.rs"),
};

const STEPS: [(&str, Field); 6] = [
    ("党组织提议", Field::PartyProposedOn),
    ("两委会议商议", Field::CommitteesDiscussedOn),
    ("党员大会审议", Field::MembersReviewedOn),
    ("村民会议或代表会议决议", Field::ResolvedOn),
    ("决议公开", Field::ResolutionPublishedOn),
    ("实施结果公开", Field::ImplementationPublishedOn),
];

pub fn check(cx: &mut Ctx) {
    if cx.need_yes_no(&META, Field::Major) != Some(true) {
        return;
    }
    let assembly = matches!(cx.m.text(Field::Form), Some("村民会议" | "村民代表会议"));
    let implementation_due = cx.m.date(Field::DueBy).is_none_or(|d| d < cx.today());
    let mut missing = Vec::new();
    let mut dated: Vec<(&str, Field, NaiveDate)> = Vec::new();
    for (step, field) in STEPS {
        let date = match field {
            Field::ResolvedOn if assembly => cx.m.date(field).or(cx.m.date(Field::HeldOn)),
            _ => cx.m.date(field),
        };
        match date {
            Some(d) => dated.push((step, field, d)),
            None if cx.m.invalid.contains_key(&field) => {}
            None if field == Field::ImplementationPublishedOn && !implementation_due => {}
            None => missing.push((step, field)),
        }
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|&(s, _)| s).collect();
        let d = Diagnostic::new(
            &META,
            format!("{}：没有记录“{}”", META.title, names.join("”“")),
        )
        .at(Some(cx.m.missing_loc(missing[0].1)))
        .field(missing[0].1.zh())
        .label(format!("缺少{}", names.join("、")))
        .fact("missing_steps", names.clone())
        .requirement("村级重大事项依次经党组织提议、两委会议商议、党员大会审议、村民会议或代表会议决议，决议公开、实施结果公开")
        .help(format!(
            "补填{}；确未履行的步骤，按“四议两公开”补正程序后再实施",
            crate::rules::quoted(&missing.iter().map(|&(_, f)| f).collect::<Vec<_>>())
        ));
        cx.emit(d);
    }
    for pair in dated.windows(2) {
        let ((a, _, da), (b, fb, db)) = (pair[0], pair[1]);
        if db >= da {
            continue;
        }
        let d = Diagnostic::new(
            &META,
            format!("{}：“{b}” {} 早于“{a}” {}", META.title, ymd(db), ymd(da)),
        )
        .at(cx.m.loc(fb).or(cx.m.loc(Field::HeldOn)))
        .field(fb.zh())
        .label(format!("早于{a}"))
        .fact("step", b)
        .fact("date", ymd(db))
        .fact("previous_step", a)
        .fact("previous_date", ymd(da))
        .requirement("“四议两公开”各步依次进行，后一步不早于前一步")
        .help("核对各步日期；确是顺序颠倒的，按程序补正");
        cx.emit(d);
    }
}
