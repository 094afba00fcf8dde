//! `[build]` and `[issuers]` of `yishi.toml`: how `yishi build` prints a workspace's documents,
//! and the full names its units issue them under.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use super::{Config, Val, Walk};
use crate::documents::{DocKind, Issuers};

pub(super) const BUILD_KEYS: [&str; 9] = [
    "out",
    "jobs",
    "documents",
    "templates",
    "font_paths",
    "system_fonts",
    "mask",
    "pdf_standard",
    "emit_sources",
];

/// The PDF standards `pdf_standard` may name, as `--pdf-standard` spells them.
pub const PDF_STANDARDS: [&str; 2] = ["a-2b", "a-3b"];

/// What `[build]` sets, `None` (or empty) where it is silent. Paths are resolved against the
/// folder of `yishi.toml`. The command line overrides each of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildConfig {
    pub out: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub documents: Option<Vec<DocKind>>,
    pub templates: Option<PathBuf>,
    /// Added before the system's and the shipped fonts, after `--font-path`.
    pub font_paths: Vec<PathBuf>,
    pub system_fonts: Option<bool>,
    /// Mask ID-card and mobile numbers in public documents.
    pub mask: Option<bool>,
    /// One of [`PDF_STANDARDS`].
    pub pdf_standard: Option<&'static str>,
    pub emit_sources: Option<bool>,
}

impl Walk<'_> {
    pub(super) fn build(&mut self, table: &DeTable<'_>, config: &mut Config, path: &Path) {
        let base = path.parent().unwrap_or(Path::new(""));
        let build = &mut config.build;
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "out" => build.out = self.string("out", value).map(|s| base.join(s)),
                "jobs" => build.jobs = self.jobs(value),
                "documents" => build.documents = self.documents(value),
                "templates" => {
                    build.templates = self.string("templates", value).map(|s| base.join(s));
                }
                "font_paths" => {
                    build.font_paths = self
                        .strings("font_paths", value)
                        .into_iter()
                        .map(|s| base.join(s))
                        .collect();
                }
                "system_fonts" => build.system_fonts = self.boolean("system_fonts", value),
                "mask" => build.mask = self.boolean("mask", value),
                "pdf_standard" => {
                    let choices = PDF_STANDARDS.map(|s| (s, s));
                    build.pdf_standard = self.choice("pdf_standard", value, &choices);
                }
                "emit_sources" => build.emit_sources = self.boolean("emit_sources", value),
                _ => self.unknown(key, &BUILD_KEYS, "[build] 中"),
            }
        }
    }

    /// `[issuers]`: unit name = full name, both non-empty strings.
    pub(super) fn issuers(&mut self, table: &DeTable<'_>) -> Issuers {
        let mut names = BTreeMap::new();
        for (key, value) in table {
            let unit = key.get_ref().trim();
            if unit.is_empty() {
                self.fail(
                    key.span(),
                    "",
                    "[issuers] 中有一项没有写单位名".to_string(),
                    "写成 \"台账中的街道、社区或村名\" = \"发文单位全称\"".to_string(),
                );
                continue;
            }
            if let Some(name) = self.string(unit, value) {
                names.insert(unit.to_string(), name.trim().to_string());
            }
        }
        Issuers(names)
    }

    fn jobs(&mut self, value: &Val<'_>) -> Option<usize> {
        match super::integer(value.get_ref()).and_then(|n| usize::try_from(n).ok()) {
            Some(n) if n >= 1 => Some(n),
            _ => {
                self.wrong_kind("jobs", value, "不小于 1 的整数");
                None
            }
        }
    }

    /// A list of strings; one string alone is a list of one.
    fn strings(&mut self, key: &str, value: &Val<'_>) -> Vec<String> {
        let items = self
            .list(key, value, "字符串的列表，如 [\"字体\"]")
            .unwrap_or_default();
        items
            .into_iter()
            .filter_map(|item| self.string(key, item).map(str::to_string))
            .collect()
    }

    /// Documents named as on the command line (`notice`) or in Chinese (`协商公告`).
    fn documents(&mut self, value: &Val<'_>) -> Option<Vec<DocKind>> {
        let items = self.list(
            "documents",
            value,
            "文书名称的列表，如 [\"notice\", \"minutes\"]",
        )?;
        if items.is_empty() {
            self.fail(
                value.span(),
                "documents",
                "没有指定要排版的文书".to_string(),
                "写出要排的文书，如 [\"notice\", \"minutes\"]，或删去这一行排全部文书".to_string(),
            );
            return None;
        }
        let choices: Vec<(&str, DocKind)> = DocKind::names()
            .filter_map(|name| DocKind::parse(name).map(|k| (name, k)))
            .collect();
        let mut kinds: Vec<DocKind> = items
            .into_iter()
            .filter_map(|item| self.choice("documents", item, &choices))
            .collect();
        kinds.sort();
        kinds.dedup();
        (!kinds.is_empty()).then_some(kinds)
    }
}
