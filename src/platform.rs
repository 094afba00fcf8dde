//! What differs between Windows and Linux for a person at the desktop rather than at a terminal:
//! telling a double-click from a command typed in a terminal or run by a script, opening a folder
//! or page in the file manager or browser, colours in the console, and line ends for Notepad.
//!
//! Chinese text reaches the Windows console intact whatever its code page (936 on a Chinese
//! Windows): the standard library writes to a console with `WriteConsoleW`, as UTF-16, and only
//! sends UTF-8 bytes where the output is a file or a pipe.

use std::io::IsTerminal;
use std::path::Path;

/// How the process was started, as far as closing its window is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// From a file manager: a double-click on the program, or files dropped on its icon. The
    /// window was made for this process and closes the moment it ends.
    DoubleClick,
    /// From a terminal (the window stays) or a script (no one is reading).
    Command,
}

impl Start {
    /// How this process was started.
    pub fn detect() -> Start {
        if std::io::stdin().is_terminal() && os::owns_its_window() {
            Start::DoubleClick
        } else {
            Start::Command
        }
    }
}

/// Whether the parent process named `comm` (as `/proc/PID/comm` gives it) is a command shell: a
/// program started by a shell was typed in a terminal or run by a script; one started directly
/// by a terminal emulator was started from a file manager's "run in terminal".
pub fn is_shell(comm: &str) -> bool {
    const SHELLS: &[&str] = &[
        "sh", "bash", "dash", "zsh", "fish", "ksh", "mksh", "pdksh", "tcsh", "csh", "ash",
        "busybox", "nu", "elvish", "xonsh", "pwsh", "yash", "rc",
    ];
    let name = comm.trim().trim_start_matches('-');
    SHELLS.contains(&name)
}

/// Shows `path` (a folder, or a page such as `index.html`) in the desktop's file manager or
/// browser, where there is a desktop. Returns whether a program was started for it.
pub fn open(path: &Path) -> bool {
    let Some(mut command) = os::opener(path) else {
        return false;
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// Whether colour codes may be written to a terminal. Windows 10's console shows them once asked
/// to (`ENABLE_VIRTUAL_TERMINAL_PROCESSING`); where it refuses (older consoles), they would print
/// as `←[31m` garbage, so there is no colour.
pub fn colors() -> bool {
    anstyle_query::windows::enable_ansi_colors().unwrap_or(true)
}

/// Text for a person to open in Notepad or another editor: on Windows with CRLF line ends (the
/// Notepad of Windows 10 before 1809 shows a file with bare LF as one long line), elsewhere as
/// is; with a UTF-8 byte-order mark, so that no editor takes the Chinese for the local code page.
pub fn text_file(text: &str) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(with_line_ends(text).as_bytes());
    bytes
}

/// `text` with the platform's line ends: CRLF on Windows, LF elsewhere. Lines already ending in
/// CRLF are left alone.
pub fn with_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if cfg!(windows) {
        crlf(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `text` with every bare LF made CRLF.
pub fn crlf(text: &str) -> std::borrow::Cow<'_, str> {
    let bare = text
        .match_indices('\n')
        .any(|(i, _)| !text[..i].ends_with('\r'));
    if !bare {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    std::borrow::Cow::Owned(out)
}

/// Waits until the person presses Enter (or the input ends).
pub fn wait_for_enter(prompt: &str) {
    eprint!("{prompt}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[cfg(windows)]
mod os {
    use std::path::Path;
    use std::process::Command;

    /// Whether this process is the only one attached to its console. A console made for a
    /// double-clicked program holds that program alone; a program started in cmd, PowerShell or
    /// Windows Terminal shares the console with the shell that started it.
    pub fn owns_its_window() -> bool {
        let mut ids = [0_u32; 4];
        // SAFETY: the buffer and the count passed are the array and its length; the call writes
        // at most that many process ids into it and returns how many processes share the console
        // (0 when the process has none).
        #[allow(unsafe_code)]
        let count = unsafe {
            windows_sys::Win32::System::Console::GetConsoleProcessList(
                ids.as_mut_ptr(),
                ids.len() as u32,
            )
        };
        count == 1
    }

    /// Explorer shows a folder, or opens a file with the program registered for it.
    pub fn opener(path: &Path) -> Option<Command> {
        let mut command = Command::new("explorer.exe");
        command.arg(path);
        Some(command)
    }
}

#[cfg(target_os = "linux")]
mod os {
    use std::path::Path;
    use std::process::Command;

    /// Whether the parent process is something other than a shell (see [`super::is_shell`]).
    pub fn owns_its_window() -> bool {
        let parent = std::os::unix::process::parent_id();
        std::fs::read_to_string(format!("/proc/{parent}/comm"))
            .is_ok_and(|comm| !super::is_shell(&comm))
    }

    /// `xdg-open`, where there is a graphical session to open things in.
    pub fn opener(path: &Path) -> Option<Command> {
        let desktop = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
        if !desktop {
            return None;
        }
        let mut command = Command::new("xdg-open");
        command.arg(path);
        Some(command)
    }
}

#[cfg(not(any(windows, target_os = "linux")))]
mod os {
    use std::path::Path;
    use std::process::Command;

    pub fn owns_its_window() -> bool {
        false
    }

    pub fn opener(path: &Path) -> Option<Command> {
        let mut command = Command::new("open");
        command.arg(path);
        Some(command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shells_are_told_from_terminals_and_file_managers() {
        for shell in ["bash\n", "-bash", "sh", "zsh", "fish", "dash"] {
            assert!(is_shell(shell), "{shell}");
        }
        for other in [
            "deepin-terminal",
            "gnome-terminal-",
            "mate-terminal",
            "konsole",
            "xterm",
            "dde-file-manage",
            "nautilus",
            "systemd",
            "bashful",
        ] {
            assert!(!is_shell(other), "{other}");
        }
    }

    #[test]
    fn crlf_makes_every_line_end_crlf_once() {
        assert_eq!(crlf("一\n二\r\n三\n"), "一\r\n二\r\n三\r\n");
        assert_eq!(crlf("一\r\n二"), "一\r\n二");
        assert_eq!(crlf("无换行"), "无换行");
        assert_eq!(crlf("\n\n"), "\r\n\r\n");
    }

    #[test]
    fn text_files_start_with_a_byte_order_mark() {
        let bytes = text_file("检查结果\n");
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        if cfg!(windows) {
            assert_eq!(text, "检查结果\r\n");
        } else {
            assert_eq!(text, "检查结果\n");
        }
    }
}
