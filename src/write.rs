//! Writing outputs atomically: a temporary file in the same folder, then a rename, so a reader
//! (or an interrupted run) never sees half a file.

use std::io::Write;
use std::path::Path;

pub fn atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_with(path, &mut |out| out.write_all(bytes))
}

/// [`atomic`] of what `write` writes, as it writes it: a page too large to be held at once.
pub fn atomic_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".yishi-")
        .suffix(".part")
        .tempfile_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    // Temporary files are private (0600); documents are for everyone who may read the folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files an interrupted run left in `dir` and its subfolders (a killed
/// process runs no destructor); returns how many. A missing folder has none.
pub fn sweep(dir: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(".yishi-") && name.ends_with(".part") {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The longest a name made by [`safe_name`] is, in bytes: with `-协商结果公示.pdf` after it, well
/// inside the 255 bytes file systems allow.
const MAX_NAME_BYTES: usize = 180;

/// A file name from record text: path separators and characters Windows forbids become `_`; a
/// name too long for a file system (a code pasted with a paragraph after it) is cut short.
pub fn safe_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut trimmed = cleaned.trim().trim_matches('.');
    if trimmed.len() > MAX_NAME_BYTES {
        let mut end = MAX_NAME_BYTES;
        while !trimmed.is_char_boundary(end) {
            end -= 1;
        }
        trimmed = trimmed[..end].trim_end().trim_end_matches('.');
    }
    if trimmed.is_empty() {
        "_".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_safe_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        atomic(&path, b"one").unwrap();
        atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
        assert_eq!(safe_name("LH/CT:2026*1"), "LH_CT_2026_1");
        assert_eq!(safe_name(".."), "_");
        let long = safe_name(&"议".repeat(300));
        assert_eq!(long, "议".repeat(60));
    }
}
