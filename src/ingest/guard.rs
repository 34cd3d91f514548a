//! The boundary around the readers of other people's formats: a panic inside one
//! (calamine, lopdf, zip, quick-xml, or our own code over their output) becomes an
//! [`IngestError`] naming the file, never a crash of the process.
//!
//! Panics unwind in every profile of this crate (none sets `panic = "abort"`), so
//! [`std::panic::catch_unwind`] stops them here. While a reader runs under the guard,
//! the panic message is kept for the error instead of being printed: the process
//! prints one line per bad file, as for any other bad input. A panic outside a guard
//! is printed as usual (the previous hook runs). What cannot be caught — an allocation
//! that fails, which aborts — is kept from happening by the checks each reader makes
//! before the third-party code sees the file (declared counts, dimensions and repeat
//! products against the limits; see [`super::sheet`] and [`super::pdf`]).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::IngestError;

thread_local! {
    /// Whether this thread is inside [`guarded`] (its panics are reported as errors).
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic caught on this thread.
    static MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once per process) a panic hook that stays quiet inside a guard and keeps
/// the message, and otherwise does what the hook before it did.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let payload = info.payload();
                let text = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", short_file(l.file()), l.line()))
                    .unwrap_or_default();
                MESSAGE.with(|m| *m.borrow_mut() = Some(format!("{text}{place}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// The last two components of a source path (`src/utils.rs`), not the builder's home.
fn short_file(file: &str) -> String {
    let parts: Vec<&str> = file.rsplit(['/', '\\']).take(2).collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("/")
}

/// Runs `f`; a panic inside it is returned as its message (at most 300 characters,
/// with where it happened) instead of unwinding further or being printed.
pub(crate) fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let outer = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|_| {
        let message = MESSAGE
            .with(|m| m.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".to_string());
        message.chars().take(300).collect()
    })
}

/// Runs a reader of `format` over the file `source`; a panic inside it becomes
/// [`IngestError::Malformed`] naming the file and saying the reader failed on it.
pub(crate) fn guarded<T>(
    source: &str,
    format: &'static str,
    read: impl FnOnce() -> Result<T, IngestError>,
) -> Result<T, IngestError> {
    catch_panic(read).unwrap_or_else(|message| {
        Err(IngestError::Malformed {
            path: source.to_string(),
            format,
            reason: format!("the reader failed on damaged data ({message})"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_file() {
        let r: Result<(), IngestError> = guarded("x.xls", "spreadsheet workbook", || {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            let _ = v[i];
            Ok(())
        });
        let err = r.unwrap_err().to_string();
        assert!(
            err.starts_with(
                "x.xls: not a readable spreadsheet workbook file: the reader failed on damaged data (index out of bounds"
            ),
            "{err}"
        );
        assert!(err.contains("guard.rs:"), "{err}");
        // Outside the guard the flag is down again.
        assert!(!GUARDED.with(Cell::get));
    }

    #[test]
    fn errors_and_values_pass_through() {
        assert_eq!(guarded("a", "PDF", || Ok(7)).unwrap(), 7);
        let err = guarded::<()>("a", "PDF", || Err(IngestError::Empty { path: "a".into() }));
        assert_eq!(err.unwrap_err().to_string(), "a: file is empty");
    }
}
