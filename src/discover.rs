//! Finding the files of a batch: every file below the given paths, in a stable order, and every
//! entry that is not read, with the reason, so that nothing in the batch goes unmentioned.
//!
//! Symbolic links are followed (a linked ledger, a linked folder); a link back to a folder above
//! it is not walked twice, and a file reached twice (a link to a file already read, the same path
//! given twice) is read once. Hidden entries (`.git`, `.DS_Store`), the lock files and thumbnails
//! office software leaves beside workbooks, and special files (pipes, devices) are listed as
//! passed over with the reason; the workspace configuration (`yishi.toml`) is settings, read on
//! its own, not records. A `yishi.toml` or template that looks like settings but is not applied
//! (one in a community's subfolder) is listed as such, so that nobody takes it for applied.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::source::display_path;

/// The workspace configuration's file name: settings, read on their own (`crate::config`), never
/// records.
pub const CONFIG_FILE: &str = "yishi.toml";

/// An entry of the batch that is not read.
#[derive(Debug)]
pub struct Passed {
    pub path: PathBuf,
    pub reason: String,
    /// Something that should have been read could not be (a folder without permission, a link to
    /// nowhere): reported as an error, not only listed.
    pub unreadable: bool,
}

/// The files to read and the entries passed over.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub passed: Vec<Passed>,
    /// How many of `passed` were passed over while walking the folders; the rest are the other
    /// ways to files read once (links, a path given twice), listed after all the walking.
    pub walked: usize,
}

impl Discovered {
    fn pass(&mut self, path: &Path, reason: impl Into<String>, unreadable: bool) {
        self.passed.push(Passed {
            path: path.to_path_buf(),
            reason: reason.into(),
            unreadable,
        });
    }
}

/// Every file below `roots` (a root may itself be a file), sorted by name within each folder so
/// that runs are reproducible, and every entry passed over.
pub fn files(roots: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    // Every file reached, with its real place and whether it was reached through a link.
    let mut reached: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    let mut real_folders = HashMap::new();
    // The configuration a run over these roots reads unless told otherwise: found from the
    // first root, in its folder or above.
    let applied = roots
        .first()
        .and_then(|r| config_file(r))
        .and_then(|c| Some((std::fs::canonicalize(&c).ok()?, c)));
    for (i, root) in roots.iter().enumerate() {
        let first = i == 0;
        if std::fs::metadata(root).is_err() {
            let reason = match std::fs::symlink_metadata(root) {
                Ok(_) => "路径不存在：这是一个符号链接，它指向的文件或文件夹不存在".to_string(),
                Err(e) => format!("路径不存在（{}）", io_reason(&e)),
            };
            found.pass(root, reason, true);
            continue;
        }
        let mut walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    walk_error(&e, root, &mut found);
                    continue;
                }
            };
            let path = entry.path();
            if entry.depth() > 0 {
                if let Some(reason) = not_records_by_name(path, entry.file_type().is_dir()) {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    found.pass(path, reason, false);
                    continue;
                }
                if let Some(reason) = not_applied(path, entry.depth(), first, applied.as_ref()) {
                    found.pass(path, reason, false);
                    continue;
                }
                if entry.file_name() == CONFIG_FILE {
                    continue;
                }
            }
            if entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                found.pass(path, "不是普通文件（命名管道、设备或套接字），未读", false);
                continue;
            }
            let real = real_place(path, entry.path_is_symlink(), &mut real_folders);
            reached.push((entry.path().to_path_buf(), real, entry.path_is_symlink()));
        }
    }
    found.walked = found.passed.len();
    once_each(&reached, &mut found);
    found
}

/// Where a file really is, links resolved. A file that is no link itself is where its folder
/// really is, by its own name: each folder is resolved once (`folders`), not once a file, as a
/// batch has thousands of files in hundreds of folders.
fn real_place(path: &Path, linked: bool, folders: &mut HashMap<PathBuf, PathBuf>) -> PathBuf {
    let resolved = || std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return resolved();
    };
    if linked || folder.as_os_str().is_empty() {
        return resolved();
    }
    if let Some(real) = folders.get(folder) {
        return real.join(name);
    }
    match std::fs::canonicalize(folder) {
        Ok(real) => {
            let place = real.join(name);
            folders.insert(folder.to_path_buf(), real);
            place
        }
        Err(_) => resolved(),
    }
}

/// The `yishi.toml` that applies to a batch starting at `start`: in its folder (or the folder of
/// the file) or the nearest folder above it.
pub fn config_file(start: &Path) -> Option<PathBuf> {
    let folder = if start.is_file() {
        start.parent().unwrap_or(Path::new(""))
    } else {
        start
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let absolute = std::path::absolute(folder).ok()?;
    let found = absolute
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())?;
    if folder.is_absolute() {
        return Some(found);
    }
    // Shown relative to the working folder when it lies below it, as the batch path was given.
    let cwd = std::env::current_dir().ok()?;
    Some(
        found
            .strip_prefix(&cwd)
            .map_or_else(|_| found.clone(), Path::to_path_buf),
    )
}

/// Each file once: a file reached twice (by a link, or a path given twice) is read by its own
/// name where it was reached so, else where it was reached first; the other ways are listed.
fn once_each(reached: &[(PathBuf, PathBuf, bool)], found: &mut Discovered) {
    let mut keeper: HashMap<&Path, (&Path, bool)> = HashMap::new();
    for (path, real, linked) in reached {
        let kept = keeper.entry(real).or_insert((path, *linked));
        if kept.1 && !linked {
            *kept = (path, false);
        }
    }
    let mut listed = std::collections::HashSet::new();
    for (path, real, linked) in reached {
        let (kept, _) = keeper[real.as_path()];
        if kept == path {
            if listed.insert(path) {
                found.files.push(path.clone());
            }
            continue;
        }
        // The same path given twice says nothing new.
        if !listed.insert(path) {
            continue;
        }
        let how = if *linked {
            format!(
                "是指向 {} 的符号链接，那个文件已读入，只读一次",
                display_path(kept)
            )
        } else {
            format!("与 {} 是同一个文件，只读一次", display_path(kept))
        };
        found.pass(path, how, false);
    }
}

/// A walk error as an entry passed over: a link looping back to a folder above it is walked
/// once already; anything else could not be read.
fn walk_error(e: &walkdir::Error, root: &Path, found: &mut Discovered) {
    let path = e.path().unwrap_or(root);
    if let Some(ancestor) = e.loop_ancestor() {
        found.pass(
            path,
            format!(
                "符号链接指向它所在的上级文件夹 {}，其中的文件已经读过，不再重复读",
                display_path(ancestor)
            ),
            false,
        );
        return;
    }
    let reason = match e.io_error() {
        Some(io) if io.kind() == io::ErrorKind::NotFound => {
            let target = std::fs::read_link(path)
                .map(|t| format!("（{}）", display_path(&t)))
                .unwrap_or_default();
            format!("符号链接指向的文件或文件夹不存在{target}")
        }
        Some(io) if path_is_dir(path) => format!("无法读取文件夹：{}", io_reason(io)),
        Some(io) => format!("无法读取：{}", io_reason(io)),
        None => format!("无法读取：{e}"),
    };
    found.pass(path, reason, true);
}

fn path_is_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Why a file that looks like settings is not applied to this batch: a `yishi.toml` other than
/// the one found from the first batch folder (one in a community's subfolder, one in a second
/// batch folder), or a template inside a `templates/` folder other than the one beside the
/// first batch folder's records. `depth` is the file's below its batch folder.
/// `applied`: that file's real place and its name as shown.
fn not_applied(
    path: &Path,
    depth: usize,
    first: bool,
    applied: Option<&(PathBuf, PathBuf)>,
) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    if name == CONFIG_FILE {
        let real = std::fs::canonicalize(path).ok();
        if real.is_some() && real.as_ref() == applied.map(|(real, _)| real) {
            return None;
        }
        let instead = applied.map_or_else(
            || "批次文件夹的 yishi.toml".to_string(),
            |(_, shown)| display_path(shown),
        );
        return Some(format!(
            "未采用的配置文件：yishi 只读批次文件夹（第一个）或其上级文件夹中的 yishi.toml，这一份中的设置没有生效；要生效，把设置并入 {instead}，或用 --config 指定"
        ));
    }
    let in_templates = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "templates");
    if !in_templates || path.extension().is_none_or(|e| e != "typ") {
        return None;
    }
    Some(if first && depth == 2 {
        "排版模板，不是记录（yishi build、report、audit 用批次文件夹里的 templates/ 取代同名的内置模板）".to_string()
    } else {
        "未采用的排版模板：yishi 只用第一个批次文件夹里或旁边的 templates/（或 --templates、[build] templates 指定的文件夹），子文件夹中的模板没有生效".to_string()
    })
}

/// Why an entry is not a record, judged by its name alone: hidden entries, and what office
/// software and file managers leave beside the files.
pub fn not_records_by_name(path: &Path, is_dir: bool) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy();
    let lower = name.to_lowercase();
    if name.starts_with("~$") {
        return Some(
            "Excel 或 WPS 的锁定文件（工作簿打开时自动生成，关闭后消失），不是记录；如工作簿已关闭仍在，可以删除",
        );
    }
    if name.starts_with(".~lock.") && name.ends_with('#') {
        return Some("LibreOffice 的锁定文件（工作簿打开时自动生成），不是记录");
    }
    if name.starts_with(".~") {
        return Some("WPS 的临时文件（文档打开时自动生成），不是记录");
    }
    if matches!(lower.as_str(), "thumbs.db" | "ehthumbs.db" | "desktop.ini") {
        return Some("Windows 资源管理器的缩略图或文件夹设置文件，不是记录");
    }
    if lower == ".ds_store" || name.starts_with("._") {
        return Some("macOS 的文件夹设置文件，不是记录");
    }
    if name.starts_with('.') {
        return Some(if is_dir {
            "隐藏文件夹（名称以 . 开头），其中的文件未读"
        } else {
            "隐藏文件（名称以 . 开头），未读"
        });
    }
    None
}

/// An I/O error in words a clerk can act on.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        io::ErrorKind::NotFound => "不存在（可能已被移走或改名）".to_string(),
        io::ErrorKind::IsADirectory => "这是一个文件夹".to_string(),
        // ELOOP: a chain of links that never ends.
        _ if cfg!(target_os = "linux") && e.raw_os_error() == Some(40) => {
            "符号链接形成循环，指不到任何文件".to_string()
        }
        _ => format!("系统报告“{e}”"),
    }
}
