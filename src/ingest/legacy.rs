//! Old binary Word documents (.doc, and WPS's .wps, which is the same OLE format): read
//! by converting them to .docx with LibreOffice, when it is installed.
//!
//! No Rust crate reads the binary Word format well, and LibreOffice does; it is an
//! optional tool, never a build or CI requirement. The conversion runs in a temporary
//! directory of its own (removed afterwards, whatever happens), with a LibreOffice
//! profile inside it (`-env:UserInstallation`) so that it neither clashes with a
//! LibreOffice the user has open nor writes to their profile, and under a time limit
//! ([`CONVERT_TIMEOUT`]). LibreOffice starts helper processes of its own (`soffice`
//! forks `soffice.bin`, which may start more), so it runs in a process group of its
//! own, and when it runs out of time the whole group is killed, not only the process
//! started here. What it leaves — its log and the converted .docx — is read under the
//! input size limit. Without LibreOffice the file is refused with what to do.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Document, IngestError, IngestOptions};

/// How long one conversion may take before it is stopped.
pub const CONVERT_TIMEOUT: Duration = Duration::from_secs(120);

/// [`CONVERT_TIMEOUT`], or the seconds in `POLICYDIFF_CONVERT_TIMEOUT` (for tests, which
/// stand a program that never finishes in for LibreOffice).
fn convert_timeout() -> Duration {
    std::env::var("POLICYDIFF_CONVERT_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(CONVERT_TIMEOUT, Duration::from_secs)
}

/// The LibreOffice program on `PATH` (`soffice`, else `libreoffice`), if any.
pub fn find_soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["soffice", "libreoffice"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Reads an old binary Word document already in memory by converting it with
/// LibreOffice; `source` names it in errors and `what` says what it is.
pub(crate) fn read_doc(
    source: &str,
    bytes: &[u8],
    what: &str,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    if !opts.convert_legacy {
        return Err(IngestError::Conversion {
            path: source.to_string(),
            reason: "conversion with LibreOffice is turned off here".to_string(),
        });
    }
    let Some(soffice) = find_soffice() else {
        return Err(IngestError::NeedsLibreOffice {
            path: source.to_string(),
            what: what.to_string(),
        });
    };
    let failed = |reason: String| IngestError::Conversion {
        path: source.to_string(),
        reason,
    };
    let tmp = tempfile::Builder::new()
        .prefix("policydiff-doc-")
        .tempdir()
        .map_err(|e| failed(format!("cannot make a temporary directory: {e}")))?;
    let input = tmp.path().join("input.doc");
    std::fs::write(&input, bytes).map_err(|e| failed(format!("cannot write a copy: {e}")))?;
    let out_dir = tmp.path().join("out");
    let profile = tmp.path().join("profile");
    let log_path = tmp.path().join("soffice.log");
    let log = std::fs::File::create(&log_path)
        .map_err(|e| failed(format!("cannot write a log file: {e}")))?;
    let mut command = Command::new(&soffice);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group (id = its pid), so that it can be killed as a group.
        command.process_group(0);
    }
    let mut child = command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| failed(format!("cannot start {}: {e}", soffice.display())))?;
    let start = Instant::now();
    let timeout = convert_timeout();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > timeout => {
                kill_group(&mut child);
                return Err(failed(format!(
                    "LibreOffice did not finish within {} s",
                    timeout.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(format!("waiting for LibreOffice: {e}"))),
        }
    };
    // Helpers it left behind (a conversion that finished but forked) go with the group.
    kill_group(&mut child);
    let converted = out_dir.join("input.docx");
    if !status.success() || !converted.is_file() {
        // Only the start of the log is read, however much was written.
        let err = super::file::read_head(&log_path, 2000).unwrap_or_default();
        let err = String::from_utf8_lossy(&err);
        // Words only: a log padded with NULs (a sparse file) shows its text, not them.
        let err = err
            .split(|c: char| c.is_whitespace() || c == '\0')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(failed(format!(
            "LibreOffice could not convert it to .docx ({status}){}",
            if err.is_empty() {
                String::new()
            } else {
                format!(": {err}")
            }
        )));
    }
    let docx = super::file::read_regular(&converted, opts.max_input_size).map_err(|e| {
        failed(format!(
            "cannot read the converted .docx: {}",
            std::io::Error::from(e)
        ))
    })?;
    super::docx::read_docx(source, &docx, opts.max_input_size)
}

/// Kills the process group a child leads (it and every helper it started), and reaps
/// the child. Harmless when the group is already gone.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: killpg only sends a signal; the group id is the child's own pid, as
        // `process_group(0)` made it, so no other process group is touched.
        unsafe {
            libc::killpg(pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
