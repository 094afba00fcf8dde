//! `yishi fonts`: the font role table — for each role of GB/T 9704 (title, body, headings,
//! numbers) the families wanted, the one used, and whether it is a substitute.

use std::process::ExitCode;

use clap::Args;

use crate::cli::ConfigArgs;
use crate::cli::typeset::{FontArgs, font_options};
use crate::config::BuildConfig;
use crate::render::Typesetter;

#[derive(Debug, Args)]
pub struct FontsArgs {
    #[command(flatten)]
    pub fonts: FontArgs,
    /// `[build]` of the `yishi.toml` found from the current folder may add fonts.
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The Chinese name of a role.
fn role_zh(role: &str) -> &'static str {
    match role {
        "title" => "标题",
        "body" => "正文",
        "heading1" => "一级标题",
        "heading2" => "二级标题",
        "numbers" => "数字",
        _ => "其他",
    }
}

pub fn run(args: &FontsArgs) -> Result<ExitCode, String> {
    let build = args
        .config
        .load(std::path::Path::new("."))?
        .map_or_else(BuildConfig::default, |c| c.build);
    let typesetter = Typesetter::new(&font_options(&args.fonts, &build));
    println!("角色\t想用（依次）\t实际使用\t替代");
    let mut substituted = 0;
    for role in typesetter.font_roles() {
        if role.substituted {
            substituted += 1;
        }
        println!(
            "{}（{}）\t{}\t{}\t{}",
            role_zh(role.role),
            role.role,
            role.wanted.join(", "),
            role.chosen.first().map_or("（无）", String::as_str),
            if role.substituted { "是" } else { "否" }
        );
    }
    if substituted > 0 {
        println!(
            "\n{substituted} 个角色未找到规范字体，用替代字体排版。安装方正小标宋、仿宋_GB2312、黑体、楷体_GB2312，或用 --font-path 指向含它们的文件夹。"
        );
    }
    Ok(ExitCode::SUCCESS)
}
