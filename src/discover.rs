//! Finding the files of a batch: every file below the given paths, in a stable order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A path that could not be walked.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Every file below `roots` (a root may itself be a file), sorted by path within each root so
/// that runs are reproducible. Hidden files and folders (`.git`, `.DS_Store`) are passed over,
/// and so is the workspace configuration (`yishi.toml`), which is settings, not records.
pub fn files(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let walker = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(is_hidden(e.path()) || e.file_name() == crate::config::FILE_NAME)
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => found.push(e.into_path()),
                Ok(_) => {}
                Err(e) => errors.push(WalkError {
                    path: e.path().map_or_else(|| root.clone(), Path::to_path_buf),
                    message: e.to_string(),
                }),
            }
        }
    }
    (found, errors)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}
