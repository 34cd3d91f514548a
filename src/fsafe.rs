//! Files read and written without surprises: every path policydiff opens or replaces
//! goes through here (`ingest` reads notices and side files with it, `coverage` looks
//! into directories with it, `report` writes with it).
//!
//! **Reading**: regular files only, never more than a limit. A path is opened without
//! blocking (`O_NONBLOCK`: a named pipe opens at once instead of waiting for a writer)
//! and what was opened is then looked at (`fstat` on the open file, not `stat` on the
//! path, so a file swapped for a FIFO between a look and an open cannot hang the run):
//! a named pipe, a device such as `/dev/zero`, which never ends, a socket or a directory
//! is refused with what it is. The size limit is enforced while reading (at most
//! `limit + 1` bytes are read), not taken from what `stat` reports, which is 0 for
//! devices and may change as the file grows. A side file may start with a byte-order
//! mark.
//!
//! **Writing**: a report goes to a temporary file beside its target and is renamed into
//! place once complete ([`write_atomic`]); a target that is, or resolves to, anything
//! the run reads, or is not a regular file, is refused ([`check_target`]), before any
//! work and again before the rename.
//!
//! **Showing**: a path or a converter's log reaches the terminal through [`printable`],
//! which escapes control characters.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What a file system object is, in words, when it is not a regular file.
pub fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file: what it is instead.
    NotRegular(&'static str),
    /// More than the limit (bytes); `size` is what `stat` said, when it said more.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    Io(io::Error),
}

impl From<ReadError> for io::Error {
    /// For readers of small side files (manifests, overrides, gold files), whose errors
    /// carry an `io::Error`.
    fn from(e: ReadError) -> io::Error {
        match e {
            ReadError::NotRegular(kind) => io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{kind}, not a regular file"),
            ),
            ReadError::TooLarge { limit, .. } => io::Error::new(
                io::ErrorKind::InvalidData,
                format!("larger than {limit} bytes"),
            ),
            ReadError::Io(e) => e,
        }
    }
}

/// Opens a regular file for reading, never blocking: opened with `O_NONBLOCK`, then
/// refused unless what was opened (`fstat`) is a regular file.
pub fn open_regular(path: &Path) -> Result<(fs::File, fs::Metadata), ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        // A socket cannot be opened at all: say what it is.
        Err(e) => {
            return Err(
                match fs::metadata(path).ok().as_ref().and_then(special_kind) {
                    Some(kind) => ReadError::NotRegular(kind),
                    None => ReadError::Io(e),
                },
            );
        }
    };
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    Ok((file, meta))
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// The first `n` bytes of a regular file (a log of any length).
pub fn read_head(path: &Path, n: u64) -> Result<Vec<u8>, ReadError> {
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(n)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// Reads a small UTF-8 side file (manifest, overrides, gold) of at most `limit` bytes;
/// a byte-order mark before the text (as Windows editors save it) is dropped.
pub fn read_to_string(path: &Path, limit: u64) -> io::Result<String> {
    let mut bytes = read_regular(path, limit)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// A message as it may be printed on a terminal: control characters (C0 but the tab,
/// DEL, C1) and the bidirectional controls written as escapes (`\x1b`, `\n`,
/// `\u{202e}`), so that a file name or a converter's log can neither move the cursor,
/// recolour the terminal, forge a second line nor reorder the line.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0'..='\x1f' | '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            '\u{80}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Why a report could not be written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    #[error("{path}: cannot write report: {source}")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}: directory does not exist")]
    MissingDir { path: String },
    #[error("{path}: refusing to overwrite an input file ({input} is read by this run)")]
    WouldOverwriteInput { path: String, input: String },
    #[error(
        "{path}: refusing to write a report over something that is not a regular file ({what})"
    )]
    NotRegular { path: String, what: &'static str },
}

/// The temporary file of the report being written, if any: a signal handler removes it
/// ([`remove_pending`]) so that a killed run leaves nothing behind.
static PENDING: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Removes the temporary file of a report being written, if there is one (for a
/// SIGINT/SIGTERM handler; see `main.rs`).
pub fn remove_pending() {
    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(p) = pending {
        let _ = std::fs::remove_file(p);
    }
}

fn set_pending(p: Option<PathBuf>) {
    *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = p;
}

/// What kind of non-regular file a file type is.
fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_fifo() {
            return "a pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Do two paths name the same file (same device and inode, or the same canonical path)?
fn same_file(a: &std::fs::Metadata, a_path: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(b) {
            return m.dev() == a.dev() && m.ino() == a.ino();
        }
    }
    #[cfg(not(unix))]
    let _ = a;
    matches!((a_path.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Checks that a report may be written to `path`: its directory exists, and `path` is
/// not, and does not resolve to, one of `inputs` (every file the run reads) or
/// something other than a regular file (a device, `/proc/self/fd/1`, a directory).
/// Returns the mode of the file it will replace, if there is one.
pub fn check_target(path: &Path, inputs: &[PathBuf]) -> Result<Option<u32>, ReportError> {
    let name = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(ReportError::MissingDir {
            path: dir.display().to_string(),
        });
    }
    // Follows symbolic links: what matters is what the link names.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(_) => {
            // A dangling link or nothing at all: refuse a link whose target is an input
            // by name, else there is nothing to replace.
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(ReportError::NotRegular {
                    path: name,
                    what: "a symbolic link to nothing",
                });
            }
            return Ok(None);
        }
    };
    if !meta.file_type().is_file() {
        return Err(ReportError::NotRegular {
            path: name,
            what: kind_of(meta.file_type()),
        });
    }
    if let Some(input) = inputs.iter().find(|i| same_file(&meta, path, i)) {
        return Err(ReportError::WouldOverwriteInput {
            path: name,
            input: input.display().to_string(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(Some(meta.permissions().mode() & 0o7777))
    }
    #[cfg(not(unix))]
    Ok(None)
}

/// How long to wait, holding the finished temporary file, before the rename: a hook for
/// the test that kills a run mid-write (`POLICYDIFF_TEST_HOLD_MS`); unset, no wait.
fn test_hold() {
    if let Some(ms) = std::env::var("POLICYDIFF_TEST_HOLD_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

/// Writes a report to `path` through a temporary file in the same directory, renamed
/// into place when `render` has succeeded. `inputs` (every file the run reads) and
/// anything but a regular file are refused as targets ([`check_target`]). A report that
/// replaces a file keeps that file's mode; a new one gets `0666` less the umask. The
/// temporary file is registered for [`remove_pending`] while it exists.
pub fn write_atomic(
    path: &Path,
    inputs: &[PathBuf],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ReportError> {
    let name = path.display().to_string();
    let old_mode = check_target(path, inputs)?;
    // Through a symbolic link, the file it names is replaced and the link kept (and the
    // temporary file goes beside that file: a link such as /proc/self/fd/1 stands in a
    // directory where no file can be made).
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = path.canonicalize().map_err(|source| ReportError::Write {
            path: name.clone(),
            source,
        })?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let err = |source| ReportError::Write {
        path: name.clone(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".policydiff-").suffix(".tmp");
    // Created with 0666: the system takes the umask off, as for any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
    set_pending(Some(tmp.path().to_path_buf()));
    let result = (|| {
        {
            let mut w = io::BufWriter::new(tmp.as_file_mut());
            render(&mut w).map_err(err)?;
            w.flush().map_err(err)?;
        }
        #[cfg(unix)]
        if let Some(mode) = old_mode {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(err)?;
        }
        #[cfg(not(unix))]
        let _ = old_mode;
        test_hold();
        // Checked again just before the rename: the target may have changed meanwhile.
        check_target(path, inputs)?;
        tmp.persist(path).map_err(|e| err(e.error))?;
        Ok(())
    })();
    set_pending(None);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(
            printable("a\x1b[31mb\0c\nd\u{202e}e\t政"),
            "a\\x1b[31mb\\x00c\\nd\\u{202e}e\t政"
        );
    }

    #[test]
    fn devices_and_directories_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadError::NotRegular("a directory"))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("a character device"))
        ));
    }

    #[test]
    fn the_limit_holds_while_reading() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "0123456789").unwrap();
        assert_eq!(read_regular(&f, 10).unwrap().len(), 10);
        assert!(matches!(
            read_regular(&f, 9),
            Err(ReadError::TooLarge {
                size: Some(10),
                limit: 9
            })
        ));
        let err = read_to_string(&f, 3).unwrap_err();
        assert_eq!(err.to_string(), "larger than 3 bytes");
    }

    #[test]
    fn a_byte_order_mark_is_dropped_from_side_files() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("o.toml");
        fs::write(&f, "\u{feff}# overrides\n").unwrap();
        assert_eq!(read_to_string(&f, 100).unwrap(), "# overrides\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p.txt");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return;
        }
        // No writer ever comes: a blocking open would hang this test.
        assert!(matches!(
            open_regular(&fifo),
            Err(ReadError::NotRegular("a named pipe (FIFO)"))
        ));
    }

    #[test]
    fn atomic_write_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.json");
        let res = write_atomic(&target, &[], |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("boom"))
        });
        assert!(res.is_err());
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn refuses_missing_directory_and_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope/r.json");
        let e = write_atomic(&missing, &[], |_| Ok(())).unwrap_err();
        assert!(e.to_string().ends_with("directory does not exist"));
        let input = dir.path().join("in.txt");
        std::fs::write(&input, "x").unwrap();
        let e = write_atomic(&input, std::slice::from_ref(&input), |_| Ok(())).unwrap_err();
        assert!(
            e.to_string()
                .contains("refusing to overwrite an input file"),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "x");
    }
}
