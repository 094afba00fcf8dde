//! The panic guards: a bug met while reading a file, checking a meeting, running a batch rule or
//! typesetting a document fails that one piece of work, reported where it happened with what
//! the program said, and the rest of the batch goes on. Every guard is [`quietly`] underneath.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use crate::diag::Diagnostic;
use crate::source::Loc;

thread_local! {
    /// Whether this thread is inside [`quietly`], and where its last panic happened.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static PANICKED_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f`, turning a panic into its message (with the place in the source it came from). The
/// panic is caught to be reported as a diagnostic, so it is not also printed: the process-wide
/// panic hook stays silent for this thread while `f` runs and behaves as before everywhere else.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let at = info
                    .location()
                    .map_or(String::new(), |l| format!("{}:{}", l.file(), l.line()));
                PANICKED_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| Panic {
        message: panic_text(payload.as_ref()),
        at: PANICKED_AT.with(|p| std::mem::take(&mut *p.borrow_mut())),
    })
}

/// A panic caught by [`quietly`].
#[derive(Clone, Debug)]
pub struct Panic {
    pub message: String,
    /// `file:line` of the code that panicked.
    pub at: String,
}

impl std::fmt::Display for Panic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}（{}）", self.message, self.at)
    }
}

/// The message a panic carried.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Runs a call into a reader of another crate (the workbook reader); a panic in it becomes an
/// error with its message, which the caller reports as the file's problem.
pub fn calm<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    quietly(f).map_err(|p| p.message)
}

/// Where findings of a piece of work go.
pub trait Findings {
    fn report(&mut self, d: Diagnostic);
}

/// Runs `f` on the batch being read; a panic inside it becomes an internal-error diagnostic at
/// `place` instead of ending the run, and `None` is returned. `what` names what was being read
/// ("这个文件").
pub fn guarded<B: Findings, T>(
    place: &Loc,
    what: &str,
    batch: &mut B,
    f: impl FnOnce(&mut B) -> T,
) -> Option<T> {
    match quietly(|| f(batch)) {
        Ok(value) => Some(value),
        Err(panic) => {
            batch.report(Diagnostic::internal(
                format!("内部错误：读取{what}时程序出错，已跳过，批次中其余部分照常检查"),
                panic.to_string(),
                Some(place),
            ));
            None
        }
    }
}

/// Runs the checks of one meeting or one batch rule; a panic becomes the internal-error finding
/// `failed` makes of it, in place of the findings.
pub fn checked<T>(
    check: impl FnOnce() -> T,
    failed: impl FnOnce(Panic) -> Diagnostic,
) -> Result<T, Box<Diagnostic>> {
    quietly(check).map_err(|panic| Box::new(failed(panic)))
}

/// Runs one document's typesetting; a panic (a bug, in yishi or in Typst) becomes the result
/// `failed` makes of it, so the rest of the batch is still printed.
pub fn isolated<T>(print: impl FnOnce() -> T, failed: impl FnOnce(Panic) -> T) -> T {
    quietly(print).unwrap_or_else(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_place() {
        let panic = quietly(|| panic!("boom")).unwrap_err();
        assert_eq!(panic.message, "boom");
        assert!(panic.at.starts_with("src/guard.rs:"), "{}", panic.at);
        assert_eq!(quietly(|| 7).unwrap(), 7);
        assert_eq!(
            calm(|| -> u8 { panic!("bad sheet") }),
            Err("bad sheet".into())
        );
    }
}
