//! An auditor's corrections: links confirmed (optionally with their label) and links
//! rejected, by task id, from a small TOML or TSV file.
//!
//! TOML:
//! ```toml
//! [[confirm]]
//! upper = "14"
//! lower = "21"
//! status = "carried"   # optional
//!
//! [[reject]]
//! upper = "8"
//! lower = "9"
//! ```
//! TSV (`#` comments allowed): `upper<TAB>lower<TAB>confirm|reject[<TAB>carried|reworded]`.

use std::path::Path;

use serde::Deserialize;

use crate::model::Status;

/// A confirmed link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub upper: String,
    pub lower: String,
    /// The label the auditor gave, if any.
    pub status: Option<Status>,
}

/// Confirmed and rejected links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub confirm: Vec<Confirm>,
    /// (upper id, lower id)
    pub reject: Vec<(String, String)>,
}

/// Why an overrides file could not be used; names the file and the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OverrideError {
    #[error("{path}: cannot read overrides: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid overrides: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    confirm: Vec<TomlLink>,
    #[serde(default)]
    reject: Vec<TomlLink>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlLink {
    upper: String,
    lower: String,
    status: Option<String>,
}

impl Overrides {
    /// Reads a `.toml` file, or a TSV file (any other extension).
    pub fn read(path: &Path) -> Result<Overrides, OverrideError> {
        let name = path.display().to_string();
        let text = crate::ingest::file::read_to_string(path, crate::ingest::DEFAULT_MAX_INPUT_SIZE)
            .map_err(|source| OverrideError::Io {
                path: name.clone(),
                source,
            })?;
        let invalid = |message: String| OverrideError::Invalid {
            path: name.clone(),
            message,
        };
        let is_toml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if is_toml {
            let f: TomlFile = toml::from_str(&text).map_err(|e| {
                let at = e
                    .span()
                    .map(|span| {
                        let (line, col) = line_col(&text, span.start);
                        format!("line {line}, column {col}: ")
                    })
                    .unwrap_or_default();
                invalid(format!("{at}{}", e.message()))
            })?;
            let mut out = Overrides::default();
            for c in f.confirm {
                out.confirm.push(Confirm {
                    status: parse_status(c.status.as_deref()).map_err(&invalid)?,
                    upper: c.upper,
                    lower: c.lower,
                });
            }
            out.reject = f.reject.into_iter().map(|r| (r.upper, r.lower)).collect();
            out.check_consistent().map_err(invalid)?;
            return Ok(out);
        }
        let mut out = Overrides::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(invalid(format!(
                    "line {}: expected `upper<TAB>lower<TAB>confirm|reject`",
                    n + 1
                )));
            }
            let (u, l) = (cols[0].to_string(), cols[1].to_string());
            match cols[2] {
                "confirm" => out.confirm.push(Confirm {
                    upper: u,
                    lower: l,
                    status: parse_status(cols.get(3).copied())
                        .map_err(|m| invalid(format!("line {}: {m}", n + 1)))?,
                }),
                "reject" => out.reject.push((u, l)),
                other => {
                    return Err(invalid(format!(
                        "line {}: action must be confirm or reject, not {other:?}",
                        n + 1
                    )));
                }
            }
        }
        out.check_consistent().map_err(invalid)?;
        Ok(out)
    }

    /// Refuses a file that says two things of one pair: confirmed and rejected, or
    /// confirmed with two different labels.
    fn check_consistent(&self) -> Result<(), String> {
        // Sets and maps, not a scan per line: a file of 100,000 lines is checked at once.
        let rejected: std::collections::HashSet<(&str, &str)> = self
            .reject
            .iter()
            .map(|(u, l)| (u.as_str(), l.as_str()))
            .collect();
        let mut first: std::collections::HashMap<(&str, &str), Option<Status>> =
            std::collections::HashMap::new();
        for c in &self.confirm {
            let pair = (c.upper.as_str(), c.lower.as_str());
            if rejected.contains(&pair) {
                return Err(format!(
                    "upper {} / lower {} is both confirmed and rejected",
                    c.upper, c.lower
                ));
            }
            // Every earlier confirmation of the pair has the first one's label.
            let other = *first.entry(pair).or_insert(c.status);
            if other != c.status {
                return Err(format!(
                    "upper {} / lower {} is confirmed twice with different labels ({} and {})",
                    c.upper,
                    c.lower,
                    other.map_or("none", |s| s.as_str()),
                    c.status.map_or("none", |s| s.as_str()),
                ));
            }
        }
        Ok(())
    }

    /// Refuses ids that name no task of the notices (`upper_ids`, `lower_ids`): an
    /// override for a task that does not exist would be ignored without a word.
    pub fn check_ids(
        &self,
        path: &Path,
        upper_ids: &[&str],
        lower_ids: &[&str],
    ) -> Result<(), OverrideError> {
        let upper_ids: std::collections::HashSet<&str> = upper_ids.iter().copied().collect();
        let lower_ids: std::collections::HashSet<&str> = lower_ids.iter().copied().collect();
        let pairs = self
            .confirm
            .iter()
            .map(|c| (&c.upper, &c.lower))
            .chain(self.reject.iter().map(|(u, l)| (u, l)));
        for (u, l) in pairs {
            let (side, id) = if !upper_ids.contains(u.as_str()) {
                ("upper", u)
            } else if !lower_ids.contains(l.as_str()) {
                ("lower", l)
            } else {
                continue;
            };
            return Err(OverrideError::Invalid {
                path: path.display().to_string(),
                message: format!("{side} id {id:?} names no task of the {side} notice"),
            });
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn parse_status(s: Option<&str>) -> Result<Option<Status>, String> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => match Status::from_name(s) {
            Some(st @ (Status::Carried | Status::Reworded)) => Ok(Some(st)),
            _ => Err(format!("status must be carried or reworded, not {s:?}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_and_tsv() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("o.toml");
        std::fs::write(&t, "[[confirm]]\nupper = \"1\"\nlower = \"2\"\nstatus = \"carried\"\n[[reject]]\nupper = \"3\"\nlower = \"4\"\n").unwrap();
        let o = Overrides::read(&t).unwrap();
        assert_eq!(o.confirm[0].status, Some(Status::Carried));
        assert_eq!(o.reject, [("3".to_string(), "4".to_string())]);
        let s = dir.path().join("o.tsv");
        std::fs::write(&s, "# c\n1\t2\tconfirm\n3\t4\treject\n").unwrap();
        assert_eq!(Overrides::read(&s).unwrap().confirm.len(), 1);
        std::fs::write(&s, "1\t2\tmaybe\n").unwrap();
        let e = Overrides::read(&s).unwrap_err().to_string();
        assert!(e.contains("o.tsv") && e.contains("line 1"), "{e}");
    }
}
