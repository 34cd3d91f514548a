//! Reading an input from disk: regular files only, never more than a limit.
//!
//! A path is looked at (`stat`, following links) before it is opened, so that a named
//! pipe, which would block the open until a writer came, a device such as `/dev/zero`,
//! which never ends, a socket or a directory is refused with what it is. The size limit
//! is enforced while reading (at most `limit + 1` bytes are read), not taken from what
//! `stat` reports, which is 0 for devices and may change as the file grows.

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

/// Reads a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    // Replaced between the look and the open: look again at what was opened.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadError::NotRegular(kind));
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

/// Reads a small UTF-8 side file (manifest, overrides, gold) of at most `limit` bytes.
pub fn read_to_string(path: &Path, limit: u64) -> io::Result<String> {
    let bytes = read_regular(path, limit)?;
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
