//! SZ201 到会人数未达开会所需人数 (quorum-not-reached)
//!
//! ## 检查内容 What it checks
//! 每次以会议形式开展的协商：实到人数达到这种会议开会所需的人数，整数运算，不用小数。
//! - 议事协商会议（议事会、民主协商会、座谈会等）：应到人数的三分之二以上（含本数），即
//!   实到人数 × 3 ≥ 应到人数 × 2：应到 15 人至少实到 10 人（参数 `quorum`）。
//! - 村民会议、居民会议：法律规定过半数（不含本数）：应到 40 人至少实到 21 人（参数
//!   `assembly_quorum`，默认 1/2，按“过半数”读，恰好一半不够）。村民会议以户的代表参加的，
//!   法律要求三分之二以上的户的代表，把「应到人数」填为户数、参数改为 2/3 即可。
//! - 村民代表会议：法律规定三分之二以上的组成人员参加，与流程示例相同（参数 `quorum`）。
//! - 不是会议的形式（公开征求意见、网上征求意见、个别走访、单独约谈）没有到会人数可言，不检查。
//!
//! 诊断写明所用的比例和它的出处。级别：三分之二只见于标注“（示例）”的会议流程图，议事协商会议
//! 人数不足默认报警告；村民会议、居民会议、村民代表会议的人数由法律规定（“必须…才能举行”
//! “方可召开”），不足时报错误。
//!
//! ## 为何重要 Why it matters
//! 未达法定人数召开的会议，所作决定没有代表性，检查时按无效会议处理。
//!
//! ## 依据 Source
//! 深圳市基层议事协商工作指引（试行）附：基层议事协商会议流程（示例）：“参会人数达到应到会人数的
//! 三分之二以上方可召开”。“以上”包括本数：民法典第一千二百五十九条。流程示例说的是议事协商会议；
//! 村民会议、居民会议按法律：《村民委员会组织法》第二十二条“召开村民会议，应当有本村十八周岁以上
//! 村民的过半数，或者本村三分之二以上的户的代表参加”；第二十六条“村民代表会议有三分之二以上的组成
//! 人员参加方可召开”；《城市居民委员会组织法》第九条“居民会议必须有全体十八周岁以上的居民、户的
//! 代表或者居民小组选举的代表的过半数出席，才能举行”。
//!
//! ## 示例 Example
//! 不合规：居民议事会应到 15 人，实到 9 人；居民会议应到 40 人，实到 20 人（恰好一半，未过半数）。
//! 合规：居民议事会应到 15 人，实到 10 人（恰好三分之二）；居民会议应到 40 人，实到 21 人；
//! 个别走访不检查到会人数。

use crate::days;
use crate::diag::Diagnostic;
use crate::fields::{self, Field};
use crate::meta::params::params;
use crate::meta::{Citation, Guideline, Levels, Modality, RuleMeta, Severity};
use crate::rules::Ctx;
use crate::settings::Settings;

params! {
    QUORUM: Share("quorum", (2, 3), "议事协商会议、村民代表会议开会所需实到人数占应到人数的比例（含本数）");
    ASSEMBLY_QUORUM: Share("assembly_quorum", (1, 2), "村民会议、居民会议开会所需实到人数占应到人数的比例（过半数，不含本数）");
}

pub static META: RuleMeta = RuleMeta {
    code: "SZ201",
    name: "quorum-not-reached",
    title: "到会人数未达开会所需人数",
    severity: Severity::Warning,
    citation: Citation {
        guideline: Guideline::Shenzhen,
        clause: "附·会议流程「开会」",
        quote: "参会人数达到应到会人数的三分之二以上方可召开",
        modality: Modality::Example("方可召开"),
        milder: None,
    },
    levels: Levels::Any,
    params: PARAMS,
    readings: &[],
    source: include_str!("sz201.rs"),
};

/// The quorum a form's sitting must reach, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quorum {
    pub share: (u32, u32),
    /// 过半数: more than the share; else the share or more (以上 includes the number).
    pub strict: bool,
    /// The text it rests on.
    pub basis: &'static str,
    /// Whether a law sets it ("必须…才能举行"): a shortfall is then an error, where the
    /// flowchart's example alone makes it a warning.
    pub statute: bool,
}

impl Quorum {
    /// The fewest present it needs of `due`.
    pub fn required(self, due: u32) -> u32 {
        if self.strict {
            let (num, den) = self.share;
            (u64::from(due) * u64::from(num) / u64::from(den.max(1))) as u32 + 1
        } else {
            days::at_least(due, self.share)
        }
    }

    /// 三分之二以上, 过半数.
    pub fn words(self) -> String {
        match (self.strict, self.share) {
            (true, (1, 2)) => "过半数".to_string(),
            (true, share) => format!("超过{}", fraction_zh(share)),
            (false, share) => format!("{}以上", fraction_zh(share)),
        }
    }
}

/// The quorum a meeting of `form` must reach under the settings in force; `None` for a form that
/// is no sitting (a call for comments, a visit), where attendance means nothing.
pub fn quorum(settings: &Settings, form: Option<&str>) -> Option<Quorum> {
    let known = form.and_then(fields::form);
    if known.is_some_and(|f| !f.sitting) {
        return None;
    }
    Some(match form {
        Some("村民会议") => Quorum {
            share: settings.param(&META, ASSEMBLY_QUORUM),
            strict: true,
            basis: "村民委员会组织法第二十二条",
            statute: true,
        },
        Some("居民会议") => Quorum {
            share: settings.param(&META, ASSEMBLY_QUORUM),
            strict: true,
            basis: "城市居民委员会组织法第九条",
            statute: true,
        },
        Some("村民代表会议") => Quorum {
            share: settings.param(&META, QUORUM),
            strict: false,
            basis: "村民委员会组织法第二十六条",
            statute: true,
        },
        _ => Quorum {
            share: settings.param(&META, QUORUM),
            strict: false,
            basis: "基层议事协商会议流程（示例）「开会」",
            statute: false,
        },
    })
}

/// The attendance line the minutes print, under the quorum in force.
pub struct Attendance {
    /// The fewest present the quorum needs.
    pub required: u32,
    pub met: bool,
    /// 应到15人，实到10人，达到应到人数的三分之二以上，符合召开条件（至少10人）
    pub text: String,
}

/// What the documents say about attendance: whether `present` of `due` reached the quorum the
/// check uses for the meeting's form, in the words of its text; `None` for a form that is no
/// sitting.
pub fn attendance(
    settings: &Settings,
    form: Option<&str>,
    due: u32,
    present: u32,
) -> Option<Attendance> {
    let quorum = quorum(settings, form)?;
    let required = quorum.required(due);
    let met = present >= required;
    let words = quorum.words();
    let verdict = if met {
        format!("达到应到人数的{words}，符合召开条件")
    } else {
        format!("未达到应到人数的{words}")
    };
    Some(Attendance {
        required,
        met,
        text: format!("应到{due}人，实到{present}人，{verdict}（至少{required}人）"),
    })
}

pub fn check(cx: &mut Ctx) {
    let form = cx.m.text(Field::Form);
    let Some(quorum) = quorum(cx.settings, form) else {
        return;
    };
    let form = form.unwrap_or("会议").to_string();
    cx.applies(&META);
    let due = cx.need_count(&META, Field::Due);
    let present = cx.need_count(&META, Field::Present);
    let (Some(due), Some(present)) = (due, present) else {
        return;
    };
    let need = quorum.required(due);
    if present >= need {
        return;
    }
    let share = quorum.share;
    let d = Diagnostic::new(
        &META,
        format!(
            "{}：{form}应到 {due} 人，实到 {present} 人，未达{}",
            META.title,
            quorum.words()
        ),
    )
    .at(cx.m.loc(Field::Present))
    .field(Field::Present.zh())
    .label(format!("实到 {present} 人，至少应到 {need} 人"))
    .fact("due", due)
    .fact("present", present)
    .fact("required", need)
    .fact("quorum", format!("{}/{}", share.0, share.1))
    .fact("quorum_strict", quorum.strict)
    .fact("basis", quorum.basis)
    .requirement(if quorum.strict {
        format!(
            "{form}须有应到人数的{}出席（不含本数，{}）：应到 {due} 人时至少 {need} 人",
            quorum.words(),
            quorum.basis
        )
    } else {
        format!(
            "{form}实到人数达到应到人数的{}（含本数，{}；民法典第一千二百五十九条）：应到 {due} 人时至少 {need} 人",
            quorum.words(),
            quorum.basis
        )
    })
    .help("人数不足时应延期另行召开；如签到表漏记，核对签到表后更正「实到人数」");
    let d = if quorum.statute {
        d.severity(Severity::Error)
    } else {
        d
    };
    cx.emit(d);
}

/// A share as the guidelines write it: 三分之二, or 3/5 where no common name fits.
pub fn fraction_zh((num, den): (u32, u32)) -> String {
    const DIGITS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match (usize::try_from(num), usize::try_from(den)) {
        (Ok(n), Ok(d)) if n <= 10 && (1..=10).contains(&d) && num < den => {
            format!("{}分之{}", DIGITS[d], DIGITS[n])
        }
        _ => format!("{num}/{den}"),
    }
}
