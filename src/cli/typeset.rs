//! What every command that typesets shares: where the fonts come from, which templates the
//! workspace has of its own (Typst and text), and the dashboard written beside the documents.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::config::BuildConfig;
use crate::dashboard;
use crate::render::RenderOptions;
use crate::texts::Texts;

/// Where fonts come from; shared with `yishi fonts`.
#[derive(Debug, Args)]
pub struct FontArgs {
    /// 另加字体文件夹或字体文件（可多次）
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// 不使用本机安装的字体，只用随附的字体
    #[arg(long)]
    pub no_system_fonts: bool,
}

impl FontArgs {
    pub fn options(&self) -> RenderOptions {
        RenderOptions {
            system_fonts: !self.no_system_fonts,
            font_paths: self.font_path.clone(),
            pdf_standard: None,
        }
    }
}

/// The workspace's own templates: the given folder (on the command line, else in `yishi.toml`),
/// else a `templates/` folder in the first batch folder or beside it (in its parent), if there
/// is one.
pub fn workspace_templates(
    given: Option<&PathBuf>,
    config: &BuildConfig,
    paths: &[PathBuf],
) -> Option<PathBuf> {
    if let Some(dir) = given.or(config.templates.as_ref()) {
        return Some(dir.clone());
    }
    let first = paths.first()?;
    let folder = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    // `.` has no parent to ask; its absolute form has.
    let folder = std::path::absolute(&folder).unwrap_or(folder);
    [Some(folder.as_path()), folder.parent()]
        .into_iter()
        .flatten()
        .map(|d| d.join("templates"))
        .find(|d| d.is_dir())
}

/// The font options: the command line's, then `[build]`'s.
pub fn font_options(args: &FontArgs, config: &BuildConfig) -> RenderOptions {
    let mut options = args.options();
    options.system_fonts = !args.no_system_fonts && config.system_fonts.unwrap_or(true);
    options.font_paths.extend(config.font_paths.iter().cloned());
    options
}

/// The text templates, with the workspace's own (`<name>.tera` in its templates folder) named.
pub fn text_templates(dir: Option<&Path>) -> Texts {
    let texts = Texts::new(dir);
    for path in texts.overridden() {
        eprintln!("模板：使用 {}", path.display());
    }
    texts
}

/// Where the dashboard was written, to open.
pub fn dashboard_line(path: &Path) -> String {
    format!("工作一览：{}（用浏览器打开）", path.display())
}

/// Writes the dashboard, saying where; whether it was written.
pub fn write_dashboard(inputs: &dashboard::Inputs, texts: &Texts) -> bool {
    said_dashboard(dashboard::write(inputs, texts))
}

/// Says where the dashboard was written, or why it was not; whether it was written.
pub fn said_dashboard(written: Result<std::path::PathBuf, String>) -> bool {
    said_dashboard_to(&mut std::io::stderr(), written)
}

/// [`said_dashboard`], said to `err`.
pub fn said_dashboard_to(
    err: &mut dyn std::io::Write,
    written: Result<std::path::PathBuf, String>,
) -> bool {
    let (line, ok) = match written {
        Ok(path) => (dashboard_line(&path), true),
        Err(e) => (format!("错误：{e}"), false),
    };
    let _ = writeln!(err, "{line}");
    ok
}
