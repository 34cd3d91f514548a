//! The workspace's decision store: one SQLite file (`policydiff.sqlite`) in the workspace
//! folder. Every confirm, reject, pick or label change is a row appended in its own
//! transaction, with the pair's identity (both notices' [`Notice::content_hash`]), the
//! reviewer, the time and an optional note; the decisions in force are each task pair's
//! latest row. A kill at any moment leaves either the whole row or none of it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::align::Overrides;
use crate::align::overrides::PairId;
use crate::model::{Notice, Review, ReviewVerdict, Status};

/// The database's file name inside a workspace.
pub const DB_FILE: &str = "policydiff.sqlite";

/// Why the store could not be used; names the database file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error(
        "{path}: not a policydiff workspace (no {DB_FILE} in it; `policydiff serve` makes one)"
    )]
    NotWorkspace { path: String },
    #[error("{path}: workspace database: {source}")]
    Sql {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: cannot create the workspace: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What a reviewer did to one pair of tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Confirm,
    Reject,
    /// Takes back an earlier confirm or reject.
    Clear,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Reject => "reject",
            Action::Clear => "clear",
        }
    }

    pub fn from_name(s: &str) -> Option<Action> {
        match s {
            "confirm" => Some(Action::Confirm),
            "reject" => Some(Action::Reject),
            "clear" => Some(Action::Clear),
            _ => None,
        }
    }
}

/// One decision to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDecision {
    pub upper_hash: String,
    pub lower_hash: String,
    pub upper: String,
    pub lower: String,
    pub action: Action,
    /// A confirmation's label (`carried` / `reworded`).
    pub status: Option<Status>,
    pub reviewer: String,
    pub note: Option<String>,
}

/// One row of a task's history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryRow {
    pub upper: String,
    pub lower: String,
    pub action: String,
    pub status: Option<String>,
    pub reviewer: String,
    pub at: String,
    pub note: Option<String>,
}

/// An open workspace database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS decision (
    id INTEGER PRIMARY KEY,
    upper_hash TEXT NOT NULL,
    lower_hash TEXT NOT NULL,
    upper_task TEXT NOT NULL,
    lower_task TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'clear')),
    status TEXT CHECK (status IS NULL OR status IN ('carried', 'reworded')),
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS decision_pair ON decision (upper_hash, lower_hash, upper_task);
CREATE TABLE IF NOT EXISTS notice (
    file TEXT PRIMARY KEY,
    original TEXT NOT NULL,
    added TEXT NOT NULL
);
";

impl Store {
    /// Opens the workspace's database, making the folder and the database when missing.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        Store::connect(&dir.join(DB_FILE))
    }

    /// Opens the database of an existing workspace (`compare --workspace`).
    pub fn open_existing(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(StoreError::NotWorkspace {
                path: dir.display().to_string(),
            });
        }
        Store::connect(&path)
    }

    fn connect(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        let sql = |source| StoreError::Sql {
            path: name.clone(),
            source,
        };
        let conn = Connection::open(path).map_err(sql)?;
        // Every commit reaches the disk before it returns; a kill loses at most the
        // decision being written, never an earlier one, never the file.
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sql)?;
        conn.execute_batch(SCHEMA).map_err(sql)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Records one decision in its own transaction; returns its row id.
    pub fn record(&mut self, d: &NewDecision, at: &str) -> Result<i64, StoreError> {
        let path = self.path.display().to_string();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute(
            "INSERT INTO decision (upper_hash, lower_hash, upper_task, lower_task, action, status, reviewer, at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.upper_hash,
                d.lower_hash,
                d.upper,
                d.lower,
                d.action.as_str(),
                d.status.map(Status::as_str),
                d.reviewer,
                at,
                d.note
            ],
        )
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// The decisions in force on a pair: each task pair's latest confirm or reject.
    pub fn reviews(&self, upper_hash: &str, lower_hash: &str) -> Result<Vec<Review>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT upper_task, lower_task, action, status, reviewer, at, note FROM decision d
                 WHERE upper_hash = ?1 AND lower_hash = ?2 AND id = (
                     SELECT max(id) FROM decision e WHERE e.upper_hash = d.upper_hash
                     AND e.lower_hash = d.lower_hash AND e.upper_task = d.upper_task
                     AND e.lower_task = d.lower_task)
                 ORDER BY upper_task, lower_task",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![upper_hash, lower_hash], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (upper, lower, action, status, by, at, note) = row.map_err(|e| self.err(e))?;
            let verdict = match action.as_str() {
                "confirm" => ReviewVerdict::Confirm,
                "reject" => ReviewVerdict::Reject,
                _ => continue,
            };
            out.push(Review {
                upper,
                lower,
                verdict,
                status: status.as_deref().and_then(Status::from_name),
                by: Some(by),
                at: Some(at),
                note,
            });
        }
        Ok(out)
    }

    /// The decisions in force on the pair of `upper` and `lower`, as overrides that name
    /// the pair.
    pub fn overrides(&self, upper: &Notice, lower: &Notice) -> Result<Overrides, StoreError> {
        let (uh, lh) = (upper.content_hash(), lower.content_hash());
        let reviews = self.reviews(&uh, &lh)?;
        // Decisions on tasks a notice no longer has are not applied.
        let reviews: Vec<Review> = reviews
            .into_iter()
            .filter(|r| upper.task(&r.upper).is_some() && lower.task(&r.lower).is_some())
            .collect();
        Ok(Overrides::from_reviews(
            &reviews,
            PairId {
                upper_hash: Some(uh),
                lower_hash: Some(lh),
                upper_name: Some(crate::report::describe::heading(upper)),
                lower_name: Some(crate::report::describe::heading(lower)),
            },
        ))
    }

    /// Every decision ever recorded on one upper task of a pair, oldest first.
    pub fn history(
        &self,
        upper_hash: &str,
        lower_hash: &str,
        upper_task: &str,
    ) -> Result<Vec<HistoryRow>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT upper_task, lower_task, action, status, reviewer, at, note FROM decision
                 WHERE upper_hash = ?1 AND lower_hash = ?2 AND upper_task = ?3 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![upper_hash, lower_hash, upper_task], |r| {
                Ok(HistoryRow {
                    upper: r.get(0)?,
                    lower: r.get(1)?,
                    action: r.get(2)?,
                    status: r.get(3)?,
                    reviewer: r.get(4)?,
                    at: r.get(5)?,
                    note: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// How many decisions were ever recorded on a pair.
    pub fn count(&self, upper_hash: &str, lower_hash: &str) -> Result<usize, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM decision WHERE upper_hash = ?1 AND lower_hash = ?2",
                params![upper_hash, lower_hash],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// Remembers an uploaded notice's stored file name and the name it was uploaded as.
    pub fn add_notice(&mut self, file: &str, original: &str, at: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO notice (file, original, added) VALUES (?1, ?2, ?3)",
                params![file, original, at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// The name a stored notice was uploaded as.
    pub fn original_name(&self, file: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT original FROM notice WHERE file = ?1",
                params![file],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `ok` when the file is sound.
    pub fn integrity(&self) -> Result<String, StoreError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(upper: &str, lower: &str, action: Action) -> NewDecision {
        NewDecision {
            upper_hash: "u".into(),
            lower_hash: "l".into(),
            upper: upper.into(),
            lower: lower.into(),
            action,
            status: None,
            reviewer: "张三".into(),
            note: None,
        }
    }

    #[test]
    fn the_latest_decision_on_a_pair_of_tasks_is_in_force() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        s.record(&decision("1", "2", Action::Confirm), "t1")
            .unwrap();
        s.record(&decision("1", "2", Action::Reject), "t2").unwrap();
        s.record(&decision("3", "4", Action::Confirm), "t3")
            .unwrap();
        s.record(&decision("3", "4", Action::Clear), "t4").unwrap();
        drop(s);
        let s = Store::open_existing(dir.path()).unwrap();
        let r = s.reviews("u", "l").unwrap();
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(
            (r[0].verdict, r[0].at.as_deref()),
            (ReviewVerdict::Reject, Some("t2"))
        );
        assert_eq!(s.history("u", "l", "1").unwrap().len(), 2);
        assert!(s.reviews("u", "other").unwrap().is_empty());
        assert_eq!(s.integrity().unwrap(), "ok");
    }

    #[test]
    fn a_folder_without_a_database_is_not_a_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let e = Store::open_existing(dir.path()).err().unwrap().to_string();
        assert!(e.contains("not a policydiff workspace"), "{e}");
    }
}
