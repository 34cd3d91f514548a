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
//! TSV (`#` comments allowed):
//! `upper<TAB>lower<TAB>confirm|reject[<TAB>carried|reworded[<TAB>reviewer<TAB>time<TAB>note]]`.
//!
//! A file records the pair it was made for: `# upper-hash: …` and `# lower-hash: …`
//! comment lines in TSV (`upper_hash`, `lower_hash` keys in TOML), the notices'
//! [`Notice::content_hash`], beside their names (`# upper: …`, `# lower: …`).
//! [`Overrides::check_pair`] refuses a file made for another pair, naming both.
//!
//! Nothing here reads files: the command layer reads the text and hands it to
//! [`Overrides::parse`].

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Notice, Review, ReviewVerdict, Status};

/// A confirmed link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub upper: String,
    pub lower: String,
    /// The label the auditor gave, if any.
    pub status: Option<Status>,
}

/// Who made a decision, when, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct About {
    pub by: Option<String>,
    pub at: Option<String>,
    pub note: Option<String>,
}

/// The pair of notices an overrides file was made for, as its header says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairId {
    pub upper_hash: Option<String>,
    pub lower_hash: Option<String>,
    pub upper_name: Option<String>,
    pub lower_name: Option<String>,
}

/// Confirmed and rejected links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub confirm: Vec<Confirm>,
    /// (upper id, lower id)
    pub reject: Vec<(String, String)>,
    /// Who decided each (upper id, lower id) pair, when, with what note, where known.
    pub about: BTreeMap<(String, String), About>,
    /// The pair the file says it was made for.
    pub pair: PairId,
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
    #[error("{path}: invalid overrides: {problem}")]
    Invalid {
        path: String,
        problem: OverrideProblem,
    },
    /// The file's header names another pair of notices than the one compared: each side
    /// as `name (hash)`, the file's first, then this comparison's.
    #[error(
        "{path}: these overrides were made for another pair of notices: the file names upper {} and lower {}, this comparison is upper {} and lower {}",
        .file.0, .file.1, .actual.0, .actual.1
    )]
    OtherPair {
        path: String,
        file: (String, String),
        actual: (String, String),
    },
}

/// What is wrong inside an overrides file, with where; worded in English by `Display`
/// and in Chinese by `report::errors`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OverrideProblem {
    /// Not TOML, or not the TOML of an overrides file: the TOML reader's own words, at
    /// a line and column when it gives one.
    #[error("{}{detail}", .at.map(|(l, c)| format!("line {l}, column {c}: ")).unwrap_or_default())]
    Toml {
        at: Option<(usize, usize)>,
        detail: String,
    },
    /// A TSV line with fewer than three columns.
    #[error("line {line}: expected `upper<TAB>lower<TAB>confirm|reject`")]
    Columns { line: usize },
    /// A TSV line whose action is neither `confirm` nor `reject`.
    #[error("line {line}: action must be confirm or reject, not {found:?}")]
    Action { line: usize, found: String },
    /// A confirmation's status other than carried or reworded (`line` in a TSV file).
    #[error("{}status must be carried or reworded, not {found:?}", .line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Status { line: Option<usize>, found: String },
    /// One pair both confirmed and rejected.
    #[error("upper {upper} / lower {lower} is both confirmed and rejected")]
    Both { upper: String, lower: String },
    /// One pair confirmed twice with different labels (`None`: no label).
    #[error(
        "upper {upper} / lower {lower} is confirmed twice with different labels ({} and {})",
        .first.map_or("none", |s| s.as_str()),
        .second.map_or("none", |s| s.as_str())
    )]
    Twice {
        upper: String,
        lower: String,
        first: Option<Status>,
        second: Option<Status>,
    },
    /// An id that names no task of its notice (`upper`: of the upper notice).
    #[error("{} id {id:?} names no task of the {} notice", side(.upper), side(.upper))]
    UnknownId { upper: bool, id: String },
}

fn side(upper: &bool) -> &'static str {
    if *upper { "upper" } else { "lower" }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    upper_hash: Option<String>,
    lower_hash: Option<String>,
    upper_name: Option<String>,
    lower_name: Option<String>,
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
    by: Option<String>,
    at: Option<String>,
    note: Option<String>,
}

impl Overrides {
    /// Parses an overrides file's text: TOML when `toml`, else TSV. `name` (the file's
    /// path) names it in errors.
    pub fn parse(name: &str, text: &str, toml: bool) -> Result<Overrides, OverrideError> {
        let invalid = |problem: OverrideProblem| OverrideError::Invalid {
            path: name.to_string(),
            problem,
        };
        let mut out = Overrides::default();
        if toml {
            let f: TomlFile = toml::from_str(text).map_err(|e| {
                invalid(OverrideProblem::Toml {
                    at: e.span().map(|span| line_col(text, span.start)),
                    detail: e.message().to_string(),
                })
            })?;
            out.pair = PairId {
                upper_hash: f.upper_hash,
                lower_hash: f.lower_hash,
                upper_name: f.upper_name,
                lower_name: f.lower_name,
            };
            for c in f.confirm {
                out.note_about(&c);
                out.confirm.push(Confirm {
                    status: parse_status(c.status.as_deref(), None).map_err(&invalid)?,
                    upper: c.upper,
                    lower: c.lower,
                });
            }
            for r in f.reject {
                out.note_about(&r);
                out.reject.push((r.upper, r.lower));
            }
            out.check_consistent().map_err(invalid)?;
            return Ok(out);
        }
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if let Some(comment) = line.strip_prefix('#') {
                let header = |key: &str| {
                    comment
                        .trim_start()
                        .strip_prefix(key)
                        .map(|v| v.trim().to_string())
                        .filter(|v| !v.is_empty())
                };
                let p = &mut out.pair;
                p.upper_hash = p.upper_hash.take().or_else(|| header("upper-hash:"));
                p.lower_hash = p.lower_hash.take().or_else(|| header("lower-hash:"));
                p.upper_name = p.upper_name.take().or_else(|| header("upper:"));
                p.lower_name = p.lower_name.take().or_else(|| header("lower:"));
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(invalid(OverrideProblem::Columns { line: n + 1 }));
            }
            let (u, l) = (cols[0].to_string(), cols[1].to_string());
            let opt = |i: usize| cols.get(i).map(|s| s.to_string()).filter(|s| !s.is_empty());
            let about = About {
                by: opt(4),
                at: opt(5),
                note: opt(6),
            };
            if about != About::default() {
                out.about.insert((u.clone(), l.clone()), about);
            }
            match cols[2] {
                "confirm" => out.confirm.push(Confirm {
                    upper: u,
                    lower: l,
                    status: parse_status(cols.get(3).copied(), Some(n + 1)).map_err(&invalid)?,
                }),
                "reject" => out.reject.push((u, l)),
                other => {
                    return Err(invalid(OverrideProblem::Action {
                        line: n + 1,
                        found: other.to_string(),
                    }));
                }
            }
        }
        out.check_consistent().map_err(invalid)?;
        Ok(out)
    }

    fn note_about(&mut self, l: &TomlLink) {
        let about = About {
            by: l.by.clone(),
            at: l.at.clone(),
            note: l.note.clone(),
        };
        if about != About::default() {
            self.about.insert((l.upper.clone(), l.lower.clone()), about);
        }
    }

    /// Refuses a file made for another pair of notices: its content hashes (or, in a
    /// file without them, its notice names) differ from `upper`'s and `lower`'s.
    /// `names` are the notices' headings as the HTML report writes them into the file.
    pub fn check_pair(
        &self,
        path: &str,
        (upper, lower): (&Notice, &Notice),
        names: (&str, &str),
    ) -> Result<(), OverrideError> {
        let p = &self.pair;
        let (uh, lh) = (upper.content_hash(), lower.content_hash());
        let by_hash = match (&p.upper_hash, &p.lower_hash) {
            (None, None) => None,
            (u, l) => Some(u.as_deref() != Some(uh.as_str()) || l.as_deref() != Some(lh.as_str())),
        };
        let by_name = match (&p.upper_name, &p.lower_name) {
            (Some(u), Some(l)) => Some(u != names.0 || l != names.1),
            _ => None,
        };
        if by_hash.or(by_name) != Some(true) {
            return Ok(());
        }
        let side = |name: &Option<String>, hash: &Option<String>| match (name, hash) {
            (Some(n), Some(h)) => format!("{n} ({h})"),
            (Some(n), None) => n.clone(),
            (None, Some(h)) => h.clone(),
            (None, None) => "?".to_string(),
        };
        Err(OverrideError::OtherPair {
            path: path.to_string(),
            file: (
                side(&p.upper_name, &p.upper_hash),
                side(&p.lower_name, &p.lower_hash),
            ),
            actual: (format!("{} ({uh})", names.0), format!("{} ({lh})", names.1)),
        })
    }

    /// The decisions as [`Review`]s, in (upper, lower) order.
    pub fn reviews(&self) -> Vec<Review> {
        let about = |u: &str, l: &str| {
            self.about
                .get(&(u.to_string(), l.to_string()))
                .cloned()
                .unwrap_or_default()
        };
        let mut out: Vec<Review> = self
            .confirm
            .iter()
            .map(|c| {
                (
                    c.upper.as_str(),
                    c.lower.as_str(),
                    ReviewVerdict::Confirm,
                    c.status,
                )
            })
            .chain(
                self.reject
                    .iter()
                    .map(|(u, l)| (u.as_str(), l.as_str(), ReviewVerdict::Reject, None)),
            )
            .map(|(u, l, verdict, status)| {
                let a = about(u, l);
                Review {
                    upper: u.to_string(),
                    lower: l.to_string(),
                    verdict,
                    status,
                    by: a.by,
                    at: a.at,
                    note: a.note,
                }
            })
            .collect();
        out.sort_by(|a, b| (&a.upper, &a.lower).cmp(&(&b.upper, &b.lower)));
        out.dedup_by(|a, b| a.upper == b.upper && a.lower == b.lower);
        out
    }

    /// Decisions from [`Review`]s (the workspace's store), for the pair `names` / `hashes`.
    pub fn from_reviews(reviews: &[Review], pair: PairId) -> Overrides {
        let mut out = Overrides {
            pair,
            ..Default::default()
        };
        for r in reviews {
            let key = (r.upper.clone(), r.lower.clone());
            let about = About {
                by: r.by.clone(),
                at: r.at.clone(),
                note: r.note.clone(),
            };
            if about != About::default() {
                out.about.insert(key.clone(), about);
            }
            match r.verdict {
                ReviewVerdict::Confirm => out.confirm.push(Confirm {
                    upper: key.0,
                    lower: key.1,
                    status: r.status,
                }),
                ReviewVerdict::Reject => out.reject.push(key),
            }
        }
        out
    }

    /// The decisions as a TSV overrides file that [`Overrides::parse`] reads back,
    /// headed by the pair it was made for.
    pub fn to_tsv(&self) -> String {
        let one = |s: &str| s.replace(['\t', '\r', '\n'], " ");
        let mut out = String::from("# policydiff overrides\n");
        let p = &self.pair;
        for (key, v) in [
            ("upper", &p.upper_name),
            ("lower", &p.lower_name),
            ("upper-hash", &p.upper_hash),
            ("lower-hash", &p.lower_hash),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("# {key}: {}\n", one(v)));
            }
        }
        out.push_str(
            "# upper<TAB>lower<TAB>confirm|reject<TAB>label<TAB>reviewer<TAB>time<TAB>note\n",
        );
        for r in self.reviews() {
            let o = |s: &Option<String>| one(s.as_deref().unwrap_or_default());
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                one(&r.upper),
                one(&r.lower),
                r.verdict.as_str(),
                r.status.map_or("", |s| s.as_str()),
                o(&r.by),
                o(&r.at),
                o(&r.note)
            ));
        }
        out
    }

    /// Refuses a file that says two things of one pair: confirmed and rejected, or
    /// confirmed with two different labels.
    fn check_consistent(&self) -> Result<(), OverrideProblem> {
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
                return Err(OverrideProblem::Both {
                    upper: c.upper.clone(),
                    lower: c.lower.clone(),
                });
            }
            // Every earlier confirmation of the pair has the first one's label.
            let other = *first.entry(pair).or_insert(c.status);
            if other != c.status {
                return Err(OverrideProblem::Twice {
                    upper: c.upper.clone(),
                    lower: c.lower.clone(),
                    first: other,
                    second: c.status,
                });
            }
        }
        Ok(())
    }

    /// Refuses ids that name no task of the notices (`upper_ids`, `lower_ids`): an
    /// override for a task that does not exist would be ignored without a word.
    pub fn check_ids(
        &self,
        path: &str,
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
            let (upper, id) = if !upper_ids.contains(u.as_str()) {
                (true, u)
            } else if !lower_ids.contains(l.as_str()) {
                (false, l)
            } else {
                continue;
            };
            return Err(OverrideError::Invalid {
                path: path.to_string(),
                problem: OverrideProblem::UnknownId {
                    upper,
                    id: id.clone(),
                },
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

fn parse_status(s: Option<&str>, line: Option<usize>) -> Result<Option<Status>, OverrideProblem> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => match Status::from_name(s) {
            Some(st @ (Status::Carried | Status::Reworded)) => Ok(Some(st)),
            _ => Err(OverrideProblem::Status {
                line,
                found: s.to_string(),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(text: &str) -> Result<Overrides, OverrideError> {
        Overrides::parse("o.tsv", text, false)
    }

    #[test]
    fn reads_toml_and_tsv() {
        let t = "[[confirm]]\nupper = \"1\"\nlower = \"2\"\nstatus = \"carried\"\n[[reject]]\nupper = \"3\"\nlower = \"4\"\nby = \"王审\"\n";
        let o = Overrides::parse("o.toml", t, true).unwrap();
        assert_eq!(o.confirm[0].status, Some(Status::Carried));
        assert_eq!(o.reject, [("3".to_string(), "4".to_string())]);
        assert_eq!(o.reviews()[1].by.as_deref(), Some("王审"));
        assert_eq!(
            tsv("# c\n1\t2\tconfirm\n3\t4\treject\n")
                .unwrap()
                .confirm
                .len(),
            1
        );
        let e = tsv("1\t2\tmaybe\n").unwrap_err().to_string();
        assert!(e.contains("o.tsv") && e.contains("line 1"), "{e}");
    }

    #[test]
    fn tsv_round_trips_with_its_pair_and_reviewers() {
        let mut o =
            tsv("1\t2\tconfirm\treworded\t李四\t2026-12-01 09:30\t见附件\n3\t4\treject\n").unwrap();
        o.pair = PairId {
            upper_hash: Some("aa".into()),
            lower_hash: Some("bb".into()),
            upper_name: Some("省".into()),
            lower_name: Some("市".into()),
        };
        let back = tsv(&o.to_tsv()).unwrap();
        assert_eq!(back, o);
        assert_eq!(
            back.about[&("1".into(), "2".into())].note.as_deref(),
            Some("见附件")
        );
    }

    fn notice(text: &str) -> Notice {
        Notice {
            source: "n.txt".into(),
            meta: Default::default(),
            layout: crate::model::Layout::Prose,
            tasks: vec![crate::model::Task {
                id: "1".into(),
                section: vec![],
                text: text.into(),
                units: vec![],
                lead_units: vec![],
                deadline: crate::model::Deadline::unspecified(),
                line: 1,
            }],
            warnings: vec![],
            ocr: None,
        }
    }

    #[test]
    fn a_file_for_another_pair_is_refused_naming_both() {
        let (u, l, other) = (notice("上级任务"), notice("下级任务"), notice("别的任务"));
        let mut o = tsv("1\t1\treject\n").unwrap();
        o.pair.upper_hash = Some(u.content_hash());
        o.pair.lower_hash = Some(l.content_hash());
        o.pair.upper_name = Some("省".into());
        o.pair.lower_name = Some("市".into());
        assert!(o.check_pair("o.tsv", (&u, &l), ("省", "市")).is_ok());
        let e = o
            .check_pair("o.tsv", (&u, &other), ("省", "县"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("o.tsv") && e.contains("another pair"), "{e}");
        assert!(e.contains("市") && e.contains("县"), "{e}");
        assert!(e.contains(&other.content_hash()), "{e}");
        // A file without hashes (from an older report) is checked by the names it gives.
        let mut old = tsv("# upper: 省\n# lower: 市\n1\t1\treject\n").unwrap();
        assert!(old.check_pair("o.tsv", (&u, &other), ("省", "市")).is_ok());
        assert!(old.check_pair("o.tsv", (&u, &other), ("省", "县")).is_err());
        old.pair = PairId::default();
        assert!(old.check_pair("o.tsv", (&u, &other), ("省", "县")).is_ok());
    }
}
