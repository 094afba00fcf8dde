//! The manifest of an output folder, `yishi-manifest.json`: every document of the last build
//! with what became of it, so the folder can be checked for completeness without opening a PDF;
//! and, for each PDF, the key of what made it ([`Typesetter::key`](crate::render::Typesetter::key))
//! and the SHA-256 of its bytes. A later build into the same folder does not typeset a document
//! again when its key is the same and the file on disk is still the one written.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Outcome, Printed};

/// The manifest's file name in the output folder.
pub const FILE_NAME: &str = "yishi-manifest.json";

/// What a build printed, in meeting order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub version: String,
    pub documents: Vec<Entry>,
}

/// One document of one meeting, or one report of one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The meeting's code; empty for a unit's report.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meeting: String,
    /// The unit of a report over a period: 莲花街道彩田社区.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The year of an annual report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// A report printed as a draft: the unit's own parts are not all written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// The document's Chinese name (`协商公告` …).
    pub document: String,
    /// `written`, `unchanged` (kept from an earlier build), `missing` (data lacking) or `failed`.
    pub status: String,
    /// The PDF's file name in the output folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The PDF's size and modification time when this build left it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The fields a `missing` document lacks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Why a `failed` document failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Typst's warnings about the template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The SHA-256 of the `yishi.toml` the document was printed under; none without one. A
    /// document kept from an earlier build keeps the hash of the build that printed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_sha256: Option<String>,
}

/// A file's size and modification time (seconds and nanoseconds since 1970): a file found
/// with the stamp a build recorded is the one it wrote, so a rebuild need not read it again.
/// Whoever alters a PDF changes its time too, unless a tool sets it back on purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified: String,
}

impl Stamp {
    /// The file's stamp; none when it cannot be read or the file system keeps no time.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let since = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Stamp {
            size: meta.len(),
            modified: format!("{}.{:09}", since.as_secs(), since.subsec_nanos()),
        })
    }
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

impl Manifest {
    /// The manifest of `printed`.
    pub fn of(printed: &[Printed]) -> Manifest {
        Manifest::of_entries(printed.iter().map(Manifest::printed).collect())
    }

    /// The manifest listing `documents`.
    pub fn of_entries(documents: Vec<Entry>) -> Manifest {
        Manifest {
            tool: "yishi".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            documents,
        }
    }

    /// The entry of a document printed.
    pub fn printed(p: &Printed) -> Entry {
        Manifest::entry(p.meeting.clone(), p.kind.zh(), &p.outcome)
    }

    /// The entry of one document and what became of it.
    pub fn entry(meeting: String, document: &str, outcome: &Outcome) -> Entry {
        let mut entry = Entry {
            meeting,
            unit: None,
            year: None,
            draft: false,
            document: document.to_string(),
            status: String::new(),
            file: None,
            pages: None,
            key: None,
            sha256: None,
            stamp: None,
            missing: Vec::new(),
            error: None,
            warnings: Vec::new(),
            config_sha256: None,
        };
        match outcome {
            Outcome::Written {
                path,
                pages,
                warnings,
                key,
                sha256,
                stamp,
                reused,
            } => {
                entry.status = if *reused { "unchanged" } else { "written" }.to_string();
                entry.file = path.file_name().map(|n| n.to_string_lossy().into_owned());
                entry.pages = Some(*pages);
                entry.key = Some(key.clone());
                entry.sha256 = Some(sha256.clone());
                entry.stamp.clone_from(stamp);
                entry.warnings.clone_from(warnings);
            }
            Outcome::Missing(missing) => {
                entry.status = "missing".to_string();
                entry.missing = missing.fields.iter().map(ToString::to_string).collect();
            }
            Outcome::Failed(error) => {
                entry.status = "failed".to_string();
                entry.error = Some(error.clone());
            }
        }
        entry
    }

    /// Records with each document of this build the configuration it was printed under:
    /// `config` (the SHA-256 of `yishi.toml`) for what this build wrote or tried to, and for a
    /// document kept unchanged, the hash `earlier` recorded with it.
    pub fn stamp_config(&mut self, config: Option<&str>, earlier: Option<&Manifest>) {
        let before = earlier.map(Manifest::files).unwrap_or_default();
        for entry in &mut self.documents {
            entry.config_sha256 = if entry.status == "unchanged" {
                entry
                    .file
                    .as_deref()
                    .and_then(|f| before.get(f))
                    .and_then(|e| e.config_sha256.clone())
            } else {
                config.map(str::to_string)
            };
        }
    }

    /// The manifest in `dir`: `Ok(None)` when there is none, an error naming the file when it
    /// cannot be read.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("无法读取 {}：{e}", path.display())),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{} 不是 yishi 写的清单（{e}）", path.display()))
    }

    /// Writes the manifest into `dir`, atomically.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let mut json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        json.push(b'\n');
        crate::write::atomic(&dir.join(FILE_NAME), &json)
    }

    /// Keeps the entries of `earlier` for documents of kinds this build did not print (a build
    /// of only some documents, `--document`, or without the annual reports), so that the
    /// manifest still lists them. `printed` names the documents as the manifest does.
    pub fn carry_over(&mut self, earlier: &Manifest, printed: &[&str]) {
        let names = printed;
        self.documents.extend(
            earlier
                .documents
                .iter()
                .filter(|e| !names.contains(&e.document.as_str()))
                .cloned(),
        );
    }

    /// The PDFs `earlier` lists that this manifest does not and that are still in `dir`: left
    /// from meetings or documents no longer in the batch.
    pub fn stale(&self, earlier: &Manifest, dir: &Path) -> Vec<String> {
        let now = self.files();
        let mut stale: Vec<String> = earlier
            .files()
            .into_keys()
            .filter(|f| !now.contains_key(f) && dir.join(f).is_file())
            .map(str::to_string)
            .collect();
        stale.sort();
        stale
    }

    /// The PDFs it lists, by file name.
    pub fn files(&self) -> HashMap<&str, &Entry> {
        self.documents
            .iter()
            .filter_map(|e| e.file.as_deref().map(|f| (f, e)))
            .collect()
    }
}
