//! Typesetting a checked batch's documents into the output folder: a bounded set of OS threads
//! over the meetings (Typst already uses rayon inside each document, so documents are not put
//! on rayon too), each document written atomically.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::batch::Checked;
use crate::documents::{self, MissingData};
use crate::fields::Field;
use crate::model::Meeting;
use crate::render::{DocMeta, Typesetter};
use crate::settings::Settings;
use crate::write;

/// What became of one document.
#[derive(Debug)]
pub enum Outcome {
    Written {
        path: PathBuf,
        pages: usize,
    },
    /// Not printed: the data lacks fields the document needs.
    Missing(MissingData),
    Failed(String),
}

#[derive(Debug)]
pub struct Printed {
    pub meeting: String,
    pub document: &'static str,
    pub outcome: Outcome,
}

/// The output files of the meetings' minutes, in meeting order. Two codes that differ only in
/// characters a file name cannot hold (LH/1, LH:1) get a numbered second name instead of one
/// overwriting the other.
pub fn minutes_paths(out_dir: &Path, meetings: &[Meeting]) -> Vec<PathBuf> {
    let mut taken = std::collections::HashSet::new();
    meetings
        .iter()
        .map(|m| {
            let base = write::safe_name(&m.code);
            let mut name = format!("{base}-会议记录.pdf");
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}-会议记录.pdf");
            }
            out_dir.join(name)
        })
        .collect()
}

/// Typesets the minutes of every meeting with `jobs` threads; results in meeting order.
pub fn minutes(
    checked: &Checked,
    settings: &Settings,
    typesetter: &Typesetter,
    out_dir: &Path,
    jobs: usize,
) -> Vec<Printed> {
    let paths = minutes_paths(out_dir, &checked.meetings);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Printed)>> =
        Mutex::new(Vec::with_capacity(checked.meetings.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(m) = checked.meetings.get(i) else {
                        break;
                    };
                    let printed = one(m, settings, typesetter, &paths[i]);
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((i, printed));
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, p)| p).collect()
}

fn one(m: &Meeting, settings: &Settings, typesetter: &Typesetter, path: &Path) -> Printed {
    let outcome = match documents::minutes(m, settings.majority) {
        Err(missing) => Outcome::Missing(missing),
        Ok(data) => {
            let meta = DocMeta {
                ident: format!("yishi/{}/minutes", m.code),
                title: data["title"].as_str().unwrap_or_default().to_string(),
                date: m.date(Field::HeldOn),
            };
            match typesetter.typeset("minutes", &data, &meta) {
                Err(e) => Outcome::Failed(e.to_string()),
                Ok(doc) => match write::atomic(path, &doc.pdf) {
                    Ok(()) => Outcome::Written {
                        path: path.to_path_buf(),
                        pages: doc.pages,
                    },
                    Err(e) => Outcome::Failed(format!("无法写入 {}：{e}", path.display())),
                },
            }
        }
    };
    Printed {
        meeting: m.code.clone(),
        document: "会议记录",
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_that_clean_to_one_name_get_two_files() {
        let meeting = |code: &str| Meeting {
            code: code.to_string(),
            records: Vec::new(),
            fields: std::collections::BTreeMap::new(),
            invalid: std::collections::BTreeMap::new(),
            empty: std::collections::BTreeMap::new(),
            participants: Vec::new(),
            minutes: None,
        };
        let paths = minutes_paths(
            Path::new("out"),
            &[meeting("LH/1"), meeting("LH:1"), meeting("LH-2")],
        );
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "LH_1-会议记录.pdf",
                "LH_1-2-会议记录.pdf",
                "LH-2-会议记录.pdf"
            ]
        );
    }
}
