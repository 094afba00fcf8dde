//! XJ003 协商信息未公布或未通知 (information-not-published)
//!
//! ## 检查内容 What it checks
//! 村（社区）层面：召集人在协商前通过村（居）务公开栏、线上平台等公布协商信息（「信息公开日期」
//! 「公开渠道」），并通过电话、短信、微信等方式通知协商主体（「邀请发出日期」「通知方式」）。
//! - 公开渠道中没有一项是公开的渠道（公开栏、线上平台、网站、公众号、群、广播等，参数 `public_channels`，
//!   按包含匹配），报错误；
//! - 公布或通知与会议同日的，无法确认在会前，给出警告；晚于会议的由 D004 报告；
//! - 缺少上述日期或渠道的报 D002。
//!
//! ## 为何重要 Why it matters
//! 公开让居民知道要协商什么；通知让协商主体能够到场并有所准备。
//!
//! ## 依据 Source
//! 新疆维吾尔自治区《自治区基层议事协商工作指引》五（三）：“召集人根据议题内容确定协商形式、时间和
//! 地点，通过村（居）务公开栏、线上平台等公布协商信息，并通过电话、短信、微信等有效方式通知协商
//! 主体”。
//!
//! ## 示例 Example
//! 不合规：公开渠道只有“电话”（不是公开的渠道）。
//! 合规：公开渠道“居务公开栏、社区公众号”，通知方式“电话、微信”，均在会前。

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::{Ctx, ymd};

params! {
    PUBLIC_CHANNELS: Words("public_channels", &[
            "公开栏",
            "平台",
            "网站",
            "公众号",
            "群",
            "小程序",
            "APP",
            "App",
            "广播",
            "喇叭",
        ], "算作公开公布的渠道（渠道名包含其中一项即可）");
}

pub static META: RuleMeta = RuleMeta {
    code: "XJ003",
    name: "information-not-published",
    title: "协商信息未公布或未通知",
    severity: Severity::Error,
    citation: Citation {
        guideline: Guideline::Xinjiang,
        clause: "五(三)",
        quote: "通过村（居）务公开栏、线上平台等公布协商信息，并通过电话、短信、微信等有效方式通知协商主体",
        modality: Modality::Prescribed("公布协商信息"),
        milder: None,
    },
    levels: Levels::LOCAL,
    params: PARAMS,
    readings: &[],
    source: include_str!("xj003.rs"),
};

pub fn check(cx: &mut Ctx) {
    cx.applies(&META);
    let held = cx.need_date(&META, Field::HeldOn);
    let notice = cx.need_date(&META, Field::NoticeOn);
    let invited = cx.need_date(&META, Field::InvitedOn);
    cx.need(&META, Field::InviteChannels);
    if cx.need(&META, Field::NoticeChannels) {
        let channels =
            cx.m.list(Field::NoticeChannels)
                .unwrap_or_default()
                .to_vec();
        let public = cx.settings.param(&META, PUBLIC_CHANNELS);
        if !channels
            .iter()
            .any(|c| public.iter().any(|p| c.contains(p.as_str())))
        {
            let d = Diagnostic::new(
                &META,
                format!(
                    "{}：协商信息只经“{}”发布，没有公开公布",
                    META.title,
                    channels.join("、")
                ),
            )
            .at(cx.m.loc(Field::NoticeChannels))
            .field(Field::NoticeChannels.zh())
            .label("不是公开的渠道")
            .fact("notice_channels", channels)
            .requirement("通过村（居）务公开栏、线上平台等公布协商信息")
            .help("在村（居）务公开栏或线上平台公布协商信息，并登记该渠道");
            cx.emit(d);
        }
    }
    let Some(held) = held else {
        return;
    };
    for (date, field, what) in [
        (notice, Field::NoticeOn, "公布协商信息"),
        (invited, Field::InvitedOn, "通知协商主体"),
    ] {
        if date != Some(held) {
            continue;
        }
        let d = Diagnostic::new(
            &META,
            format!("{}：{what}与会议同日（{}）", META.title, ymd(held)),
        )
        .severity(Severity::Warning)
        .at(cx.m.loc(field))
        .field(field.zh())
        .label("与会议同日")
        .fact(field.en(), ymd(held))
        .fact("held_on", ymd(held))
        .requirement(format!("在开展协商之前{what}"))
        .help(format!(
            "今后提前{what}；如实际更早，更正「{}」",
            field.zh()
        ));
        cx.emit(d);
    }
}
