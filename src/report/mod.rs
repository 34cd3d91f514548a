//! A notice or an alignment → bytes in one of the output formats.
//!
//! Each format has its own renderer writing into a `dyn Write`; renderers never print.
//! [`write_atomic`] puts a report in place only once it is complete, so a failed run
//! never leaves a half-written file.

pub mod multi;
pub mod notice;
pub mod terminal;

use crate::model::{Alignment, Status};

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for the terminal.
    Table,
    Json,
}

impl Format {
    /// The format a file name's extension asks for.
    pub fn from_extension(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

/// The language of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese labels (原文落实 …), the way auditors speak.
    #[default]
    Zh,
    /// English labels (carried …).
    En,
}

/// A status label in the chosen language.
pub fn label(status: Status, lang: Lang) -> String {
    match lang {
        Lang::Zh => status.zh().to_string(),
        Lang::En => status.as_str().to_string(),
    }
}

/// JSON: the serialisation of [`Alignment`], pretty-printed, with a final newline.
pub fn json(a: &Alignment, out: &mut dyn Write) -> io::Result<()> {
    to_json(a, out)
}

/// Any serialisable result (chain, coverage …) as pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
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
    #[error("{path}: refusing to overwrite an input file")]
    WouldOverwriteInput { path: String },
}

/// Writes a report to `path` through a temporary file in the same directory, renamed
/// into place when `render` has succeeded. `inputs` are refused as targets.
pub fn write_atomic(
    path: &Path,
    inputs: &[PathBuf],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ReportError> {
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
    if let Ok(target) = path.canonicalize()
        && inputs
            .iter()
            .filter_map(|i| i.canonicalize().ok())
            .any(|i| i == target)
    {
        return Err(ReportError::WouldOverwriteInput { path: name });
    }
    let err = |source| ReportError::Write {
        path: name.clone(),
        source,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".policydiff-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        render(&mut w).map_err(err)?;
        w.flush().map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// One CSV record (RFC 4180 quoting), with CRLF.
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
    out
}

/// Shortens a text to `max` characters with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                .ends_with("refusing to overwrite an input file")
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "x");
    }
}
