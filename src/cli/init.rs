//! `yishi init [DIR]`: a new workspace — a commented `yishi.toml` with every key, and an empty
//! ledger and participants list with the headers the loader recognises, ready for Excel or WPS.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::config::FILE_NAME;
use crate::fields::{ALL, PERSON_FIELDS};
use crate::write;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 工作区文件夹（默认当前文件夹；不存在时创建）
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// The configuration a new workspace starts from: the defaults, each key explained.
pub const TEMPLATE: &str = r#"# yishi 工作区配置。yishi check/build 从批次文件夹逐级向上找到本文件后读取；
# 命令行的 --profile、--today、--year、--holidays 优先于这里。各项说明见 README「工作区配置」。
# 去掉行首的 # 即启用该项。

# 启用的规则集，可同时启用几个：shenzhen（深圳）、jilin（吉林）、xinjiang（新疆）
profiles = ["shenzhen"]

# 检查日，默认为本机今天；检查以往的批次时写明，结果才可重现
# today = 2026-11-22

# 检查的年度：按它的季度、半年检查会议次数，其他年份的会议另行报告（D007）
# year = 2026

# 本地节假日文件（路径相对于本文件所在文件夹），格式见 fixtures/calendar/local-holidays.toml
# holidays = "本地假期.toml"

[readings]
# “N日前”的读法：one_end（不晚于前第 N 日）| clear_days（间隔 N 个整日）| both_ends
before_mode = "one_end"
# “半数以上”的读法：at_least_half（含半数）| more_than_half（过半数）
majority = "at_least_half"
# “N日内”最后一日为休息日时顺延至下一个工作日（民法典第二百零三条）
rollover_forward = true

# 单条规则的设置，用编号或英文名。`yishi rules` 列出全部规则和各自的参数，
# `yishi explain SZ002` 说明一条规则。
# [rules.SZ002]
# severity = "warning"        # error | warning | info | off（不检查）
# notice_days_before = 5      # 规则声明的参数
# before_mode = "clear_days"  # 规则声明的读法，只对这条规则有效

# 豁免：经批准不按某条规则检查的单位、会议或文件。被豁免的问题仍列出，降为提示并注明批准文号；
# 过期或没有用上的豁免另行报告（D009）。
# [[waivers]]
# rule = "SZ110"
# scope = { unit = "莲花街道梅岭社区", period = "2026-Q1" }   # 或 { meeting = "编号" }、{ file = "路径" }
# reason = "社区2026年3月新成立，一季度未组建议事会"
# approval = "莲花街道办〔2026〕12号"
# expires = 2026-12-31

# 排版（yishi build）的设置，命令行选项优先；路径相对于本文件所在文件夹。
# [build]
# out = "output"                       # 输出文件夹
# documents = ["协商公告", "会议记录"]   # 只排这几种：协商方案、协商公告、邀请函、会议记录、协商情况公告、协商结果公示、
#                                      # 决议公开、实施结果公开、落实情况公示（也可写英文名 plan、notice……）
# templates = "templates"              # 自己的模板文件夹，其中同名的 .typ 文件取代内置模板
# font_paths = ["字体"]                 # 另加字体文件夹或字体文件
# system_fonts = true                  # 使用本机安装的字体
# mask = true                          # 公开文书遮盖身份证号和手机号
# pdf_standard = "a-2b"                # 按 PDF/A 输出，供归档：a-2b | a-3b
# emit_sources = false                 # 在每份 PDF 旁另写模板和数据
# jobs = 2                             # 同时排版的线程数，默认为 CPU 核数

# 发文单位全称，用于版头、正文和落款。键写台账中的街道、社区或村名（两个街道有同名社区时写
# “街道名社区名”）；不写的单位用“某某街道办事处”“某某社区居民委员会”“某某村民委员会”。
# [issuers]
# "莲花街道" = "深圳市福田区人民政府莲花街道办事处"
# "彩田社区" = "莲花街道彩田社区居民委员会"

# yishi audit 的自查评分表。自带的分值和扣分标准是 yishi 自己定的（目前没有官方的议事协商评分标准），
# 默认：信息公开 20 分、会议程序 25 分、成果公示与运用 20 分、制度执行（频次）15 分、资料归档 10 分、
# 数据完整性 10 分，每发现 1 项错误扣 2 分、警告扣 1 分，扣完为止。要改哪项就写哪项，项目写
# publicity、procedure、results、frequency、archive、data（或中文名，如 [audit.scoring."会议程序"]）。
# [audit.scoring.procedure]
# points = 25                          # 分值（0 为不计分）
# error = 2                            # 每发现 1 项错误扣的分
# warning = 0.5                        # 每发现 1 项警告扣的分，可有一位小数
# standard = "会议程序完整、合规"        # 评定标准
"#;

/// The files of a new workspace, by name.
pub fn files() -> Vec<(&'static str, Vec<u8>)> {
    // A byte-order mark, so that Excel and WPS open the UTF-8 file with its Chinese intact.
    let csv = |header: Vec<&str>| format!("\u{feff}{}\r\n", header.join(",")).into_bytes();
    vec![
        // CRLF on Windows, where the file is opened in Notepad.
        (
            FILE_NAME,
            crate::platform::with_line_ends(TEMPLATE)
                .as_bytes()
                .to_vec(),
        ),
        ("台账.csv", csv(ALL.iter().map(|f| f.zh()).collect())),
        (
            "参会人员.csv",
            csv(PERSON_FIELDS.iter().map(|(_, zh, _)| *zh).collect()),
        ),
    ]
}

pub fn run(args: &InitArgs) -> Result<ExitCode, String> {
    super::outdir::prepare(&args.dir, "工作区文件夹")?;
    let files = files();
    let taken: Vec<String> = files
        .iter()
        .map(|(name, _)| args.dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(format!(
            "{} 已存在，未写入任何文件。修改方法：换一个文件夹，或先移走这些文件",
            taken.join("、")
        ));
    }
    for (name, bytes) in &files {
        let path = args.dir.join(name);
        write::atomic(&path, bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
        println!("已写入 {}", shown(&path));
    }
    println!(
        "下一步：在 {} 中填写台账（每行一次会议）和参会人员名单，会议记录用 Markdown 写在同一文件夹；然后运行 yishi check {}",
        shown(&args.dir),
        shown(&args.dir)
    );
    Ok(ExitCode::SUCCESS)
}

fn shown(path: &Path) -> String {
    crate::source::display_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the file promises: removing the `#` before an example enables it.
    #[test]
    fn every_commented_example_is_valid_once_enabled() {
        let enabled: String = TEMPLATE
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with(['[', '"'])
                        || (rest.starts_with(|c: char| c.is_ascii_lowercase())
                            && rest.contains(" = ")) =>
                {
                    rest
                }
                _ => line,
            })
            .flat_map(|line| [line, "\n"])
            .collect();
        assert!(enabled.contains("\n[issuers]\n"), "{enabled}");
        let config = crate::config::Config::parse(Path::new("yishi.toml"), &enabled)
            .unwrap_or_else(|e| panic!("{e}\n{enabled}"));
        assert_eq!(config.build.pdf_standard, Some("a-2b"));
        assert_eq!(config.issuers.0.len(), 2);
        assert_eq!(config.waivers.len(), 1);
        assert!(config.rules.contains_key("SZ002"));
        assert_eq!(config.audit.scoring.len(), 1);
    }
}
