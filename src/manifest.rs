//! The corpus manifest (`corpus.toml`): each notice's file, title, issuer, region, level,
//! year and parent, and discovery of the notices below a given one.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Level, NoticeMeta};

/// One notice of a corpus.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// File name, relative to the manifest's directory.
    pub file: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub region: Option<String>,
    pub level: String,
    pub year: Option<i32>,
    /// The stem of the upper notice this one is compared against, if in the corpus.
    pub parent: Option<String>,
    pub layout: Option<String>,
    pub note: Option<String>,
}

impl Entry {
    /// The file name without extension: how notices are named on the command line.
    pub fn stem(&self) -> String {
        crate::model::file_stem(&self.file)
    }

    pub fn level(&self) -> Option<Level> {
        Level::from_name(&self.level)
    }

    /// Fills what the notice's own text does not say (title, issuer, region, level,
    /// year) from this entry; what the text says is kept.
    pub fn fill(&self, meta: &mut NoticeMeta) {
        fn keep_or<T: Clone>(field: &mut Option<T>, from: &Option<T>) {
            if field.is_none() {
                field.clone_from(from);
            }
        }
        // Bidirectional controls are removed here as ingest removes them from notices.
        let clean = |s: &Option<String>| {
            s.as_ref().map(|s| {
                s.chars()
                    .filter(|&c| !crate::lexicon::is_bidi_control(c))
                    .collect()
            })
        };
        keep_or(&mut meta.title, &clean(&self.title));
        keep_or(&mut meta.issuer, &clean(&self.issuer));
        keep_or(&mut meta.region, &clean(&self.region));
        keep_or(&mut meta.year, &self.year);
        keep_or(&mut meta.level, &self.level());
    }
}

/// A corpus manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub dir: PathBuf,
    pub notices: Vec<Entry>,
}

/// Why a manifest could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    #[error("{path}: cannot read corpus manifest: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid corpus manifest: {problem}")]
    Invalid {
        path: String,
        problem: ManifestProblem,
    },
    #[error("{path}: no notice {stem:?} in the corpus manifest")]
    Unknown { path: String, stem: String },
}

/// What is wrong inside a manifest, worded in English by `Display` and in Chinese by
/// `report::errors`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestProblem {
    /// Not valid TOML, or not a manifest's fields: the TOML reader's words, at a line and
    /// column when it gives one.
    #[error("{}{detail}", .at.map(|(l, c)| format!("line {l}, column {c}: ")).unwrap_or_default())]
    Toml {
        at: Option<(usize, usize)>,
        detail: String,
    },
    /// A notice's level is none of those policydiff knows.
    #[error("{file}: unknown level {level:?}")]
    UnknownLevel { file: String, level: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    notice: Vec<Entry>,
}

/// The line and column (from 1) of a byte offset into `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Manifest {
    /// Reads `DIR/corpus.toml`.
    pub fn read(dir: &Path) -> Result<Manifest, ManifestError> {
        let path = dir.join("corpus.toml");
        let name = path.display().to_string();
        let text =
            crate::ingest::file::read_to_string(&path, crate::ingest::DEFAULT_MAX_INPUT_SIZE)
                .map_err(|source| ManifestError::Io {
                    path: name.clone(),
                    source,
                })?;
        let f: File = toml::from_str(&text).map_err(|e| ManifestError::Invalid {
            path: name.clone(),
            problem: ManifestProblem::Toml {
                at: e.span().map(|span| line_col(&text, span.start)),
                detail: e.message().to_string(),
            },
        })?;
        for e in &f.notice {
            if e.level().is_none() {
                return Err(ManifestError::Invalid {
                    path: name.clone(),
                    problem: ManifestProblem::UnknownLevel {
                        file: e.file.clone(),
                        level: e.level.clone(),
                    },
                });
            }
        }
        Ok(Manifest {
            dir: dir.to_path_buf(),
            notices: f.notice,
        })
    }

    pub fn entry(&self, stem: &str) -> Result<&Entry, ManifestError> {
        self.notices
            .iter()
            .find(|e| e.stem() == stem || e.file == stem)
            .ok_or_else(|| ManifestError::Unknown {
                path: self.dir.join("corpus.toml").display().to_string(),
                stem: stem.to_string(),
            })
    }

    pub fn path(&self, e: &Entry) -> PathBuf {
        self.dir.join(&e.file)
    }

    /// The notices whose parent chain reaches `upper` (children, grandchildren …), in
    /// manifest order; with `all_below`, every notice one level below `upper`'s level.
    pub fn below(&self, upper: &str, all_below: bool) -> Result<Vec<&Entry>, ManifestError> {
        let top = self.entry(upper)?;
        if all_below {
            let level = top.level();
            return Ok(self
                .notices
                .iter()
                .filter(|e| {
                    e.stem() != top.stem() && e.level() > level && one_level_below(level, e.level())
                })
                .collect());
        }
        let reaches = |e: &Entry| {
            let mut cur = e.parent.clone();
            let mut steps = 0;
            while let Some(p) = cur {
                if p == top.stem() {
                    return true;
                }
                steps += 1;
                if steps > self.notices.len() {
                    return false; // a cycle in the manifest
                }
                cur = self
                    .notices
                    .iter()
                    .find(|n| n.stem() == p)
                    .and_then(|n| n.parent.clone());
            }
            false
        };
        Ok(self.notices.iter().filter(|e| reaches(e)).collect())
    }
}

fn one_level_below(upper: Option<Level>, lower: Option<Level>) -> bool {
    let order = |l: Level| l as i32;
    match (upper, lower) {
        (Some(u), Some(l)) => order(l) == order(u) + 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Manifest {
        Manifest::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap()
    }

    #[test]
    fn bundled_manifest_lists_every_corpus_file() {
        let m = corpus();
        assert_eq!(m.notices.len(), 5);
        for e in &m.notices {
            assert!(m.path(e).is_file(), "{}", e.file);
        }
    }

    #[test]
    fn fill_keeps_what_the_text_says_and_adds_the_rest() {
        let m = corpus();
        let e = m.entry("chizhou-city-2018").unwrap();
        let mut meta = NoticeMeta {
            year: Some(2019),
            ..Default::default()
        };
        e.fill(&mut meta);
        assert_eq!(meta.year, Some(2019));
        assert_eq!(meta.region.as_deref(), Some("池州市"));
        assert_eq!(meta.level, Some(Level::City));
        let entry = Entry {
            region: Some("池\u{202E}州市\u{2066}".into()),
            ..m.notices[0].clone()
        };
        let mut meta = NoticeMeta::default();
        entry.fill(&mut meta);
        assert_eq!(
            meta.region.as_deref(),
            Some("池州市"),
            "bidi controls removed"
        );
    }

    #[test]
    fn below_follows_parent_chains_or_levels() {
        let m = corpus();
        let chain: Vec<String> = m
            .below("anhui-province-2022", false)
            .unwrap()
            .iter()
            .map(|e| e.stem())
            .collect();
        assert_eq!(chain, ["chizhou-city-2021", "lezhi-county-2021"]);
        let cities: Vec<String> = m
            .below("anhui-province-2022", true)
            .unwrap()
            .iter()
            .map(|e| e.stem())
            .collect();
        assert_eq!(
            cities,
            [
                "chizhou-city-2021",
                "chizhou-city-2018",
                "jiujiang-city-2021"
            ]
        );
        assert!(
            m.below("nowhere", false)
                .unwrap_err()
                .to_string()
                .contains("no notice")
        );
    }
}
