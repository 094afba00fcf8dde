//! The folder a verb writes into (`build --out`, `init DIR`): made sure of before anything is
//! typeset or written, and held by one build at a time.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

use crate::source::display_path;

/// The lock file in an output folder; it stays there, since removing a lock file races with the
/// next run taking it.
pub const LOCK: &str = ".yishi-lock";

/// Makes `dir` a folder that can be written into: created if missing; an existing file of that
/// name, or a file in its place further up, is an error that says so.
pub fn prepare(dir: &Path, what: &str) -> Result<(), String> {
    let shown = display_path(dir);
    if let Ok(meta) = std::fs::metadata(dir)
        && !meta.is_dir()
    {
        return Err(format!(
            "{what} {shown} 是一个文件，不是文件夹，什么也没有写\n  提示：换一个文件夹名，或先移走这个文件"
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        let blocked = dir
            .ancestors()
            .skip(1)
            .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
        match blocked {
            Some(file) => format!(
                "无法建立{what} {shown}：{} 是一个文件，不是文件夹",
                display_path(file)
            ),
            None => format!("无法建立{what} {shown}：{}", crate::discover::io_reason(&e)),
        }
    })
}

/// Holds the output folder for one build while it runs (released when dropped, or by the system
/// when the process ends however it ends).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the output folder for this build. Another build writing into it is waited for, after
/// `waiting` has said so: two builds at once would each write a manifest of its own documents,
/// and the later would drop the earlier's.
pub fn lock(dir: &Path, waiting: impl FnOnce()) -> Result<Lock, String> {
    let path = dir.join(LOCK);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            format!(
                "无法在输出文件夹 {} 中写入：{}",
                display_path(dir),
                crate::discover::io_reason(&e)
            )
        })?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting();
            file.lock().map_err(|e| failed(dir, &e))?;
        }
        Err(TryLockError::Error(e)) => return Err(failed(dir, &e)),
    }
    Ok(Lock { _file: file })
}

fn failed(dir: &Path, e: &io::Error) -> String {
    format!(
        "无法锁定输出文件夹 {}：{}",
        display_path(dir),
        crate::discover::io_reason(e)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("output");
        std::fs::write(&file, "x").unwrap();
        let e = prepare(&file, "输出文件夹").unwrap_err();
        assert!(e.contains("是一个文件，不是文件夹"), "{e}");
        let e = prepare(&file.join("sub"), "输出文件夹").unwrap_err();
        assert!(e.contains("output 是一个文件"), "{e}");
        prepare(&dir.path().join("new/deeper"), "输出文件夹").unwrap();
        assert!(dir.path().join("new/deeper").is_dir());
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path(), || panic!("nothing to wait for")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let waited = std::cell::Cell::new(false);
            let held = lock(&path, || waited.set(true)).unwrap();
            tx.send(waited.get()).unwrap();
            drop(held);
        });
        // The second is still waiting while the first is held.
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(300))
                .is_err()
        );
        drop(first);
        assert!(rx.recv().unwrap(), "the second did not say it waited");
        second.join().unwrap();
    }
}
