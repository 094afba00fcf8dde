//! The closing summary: every file read or skipped (and why), every record accounted for, the
//! findings by rule, and what the exit code means.

use std::fmt::Write as _;

use crate::batch::{Checked, Overview};
use crate::diag::Severity;
use crate::load::FileKind;
use crate::rules;

pub fn render(checked: &Checked) -> String {
    render_overview(&checked.overview())
}

/// [`render`] of what a run's [`Overview`] says.
pub fn render_overview(checked: &Overview) -> String {
    let mut out = String::new();
    let a = &checked.accounting;
    let count = |k: FileKind| checked.read.iter().filter(|r| r.kind == k).count();
    let mut kinds: Vec<String> = [FileKind::Ledger, FileKind::Participants, FileKind::Minutes]
        .iter()
        .map(|k| format!("{} {}", k.zh(), count(*k)))
        .collect();
    if count(FileKind::Prose) > 0 {
        kinds.push(format!(
            "{} {}",
            FileKind::Prose.zh(),
            count(FileKind::Prose)
        ));
    }
    let kinds = kinds.join("、");
    let _ = writeln!(
        out,
        "文件 {} 个：读入 {} 个（{kinds}），跳过 {} 个",
        checked.files(),
        checked.read_files(),
        checked.skipped_files()
    );
    // A sheet nobody sees in the spreadsheet program is read like any other, and said so.
    for r in checked.read {
        if let (Some(sheet), Some(hidden)) = (&r.sheet, r.hidden) {
            let _ = writeln!(
                out,
                "  读入{} {} › {sheet}：在 Excel 或 WPS 中看不到，其中的{}照常检查",
                hidden.zh(),
                r.path,
                r.kind.zh()
            );
        }
    }
    for s in checked.skipped {
        match &s.sheet {
            Some(sheet) => {
                let hidden = s
                    .hidden
                    .map_or(String::new(), |h| format!("（{}）", h.zh()));
                let _ = writeln!(
                    out,
                    "  略过工作表 {} › {sheet}{hidden}：{}",
                    s.path, s.reason
                );
            }
            None => {
                let _ = writeln!(out, "  跳过 {}：{}", s.path, s.reason);
            }
        }
    }
    let _ = writeln!(
        out,
        "记录 {} 条（台账行 {}、参会人员 {}、会议记录 {}）：合并为 {} 次会议 {} 条，参会人员归入会议 {} 条，未读入 {} 条，编号重复 {} 条，编号无对应会议 {} 条{}",
        a.records,
        a.ledger_rows,
        a.participant_rows,
        a.minutes_files,
        checked.meetings,
        a.merged,
        a.participants_attached,
        a.rejected,
        a.duplicates,
        a.orphan_participants,
        passed_over(a.blank_rows, a.totals_rows)
    );
    if a.level_unknown > 0 {
        let _ = writeln!(
            out,
            "未检查完：{} 次会议的「层级」为空且无从推定或无法识别，按层级检查的规则没有运行（见 D002、D003）",
            a.level_unknown
        );
    }
    if a.internal_errors > 0 {
        let _ = writeln!(
            out,
            "内部错误：{} 次会议未检查完（见 E000 诊断），请报告给维护者",
            a.internal_errors
        );
    }
    let _ = writeln!(
        out,
        "发现：错误 {} 条，警告 {} 条，提示 {} 条",
        checked.count(Severity::Error),
        checked.count(Severity::Warning),
        checked.count(Severity::Info)
    );
    for (&(code, severity), n) in &checked.by_rule {
        let title = rules::lookup(code).map_or("", |r| r.meta.title);
        let _ = writeln!(out, "  {code} {title}（{}）× {n}", severity.zh());
    }
    out += &checked.config.human();
    if let Some(hidden) = checked.hidden {
        out += &crate::in_force::hidden_human(hidden);
    }
    out
}

/// Rows that are not records, said only when there are some.
fn passed_over(blank: usize, totals: usize) -> String {
    match (blank, totals) {
        (0, 0) => String::new(),
        (b, 0) => format!("；空行 {b} 行已略过"),
        (0, t) => format!("；合计行 {t} 行已略过"),
        (b, t) => format!("；空行 {b} 行、合计行 {t} 行已略过"),
    }
}

/// What the exit code of `check` will be, in words.
pub fn exit_line(checked: &Checked) -> String {
    exit_line_of(&checked.overview())
}

/// [`exit_line`] of what a run's [`Overview`] says.
pub fn exit_line_of(checked: &Overview) -> String {
    if checked.count(Severity::Error) > 0 {
        "退出码 1：发现错误，请按上面的建议整改".to_string()
    } else if checked.nothing_read {
        "退出码 1：没有读到任何记录，什么也没有检查（见 D010）".to_string()
    } else {
        "退出码 0：未发现错误".to_string()
    }
}

/// What `yishi build` exits with, and the line that says so: 2 when a document failed, else 0
/// (what checking found does not stop the documents; the report above says what it found).
pub fn build_exit_line(checked: &Overview, failed: usize) -> (u8, String) {
    let errors = checked.count(Severity::Error);
    if failed > 0 {
        (2, format!("退出码 2：{failed} 份文书排版失败（见上）"))
    } else if errors > 0 {
        (
            0,
            format!(
                "退出码 0：文书已排版；检查发现的 {errors} 条错误不影响排版，请按上面的建议整改"
            ),
        )
    } else if checked.nothing_read {
        (
            0,
            "退出码 0：没有读到任何记录，没有文书可排（见 D010）".to_string(),
        )
    } else {
        (0, "退出码 0：文书已排版，检查未发现错误".to_string())
    }
}
