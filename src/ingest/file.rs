//! Reading an input from disk: regular files only, never more than a limit.
//!
//! A path is opened without blocking (`O_NONBLOCK`: a named pipe opens at once instead
//! of waiting for a writer) and what was opened is then looked at (`fstat` on the open
//! file, not `stat` on the path, so a file swapped for a FIFO between a look and an
//! open cannot hang the run): a named pipe, a device such as `/dev/zero`, which never
//! ends, a socket or a directory is refused with what it is. The size limit is enforced
//! while reading (at most `limit + 1` bytes are read), not taken from what `stat`
//! reports, which is 0 for devices and may change as the file grows.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

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
}
