//! Scores an [`Alignment`] against a gold alignment file (the format of
//! `tests/data/gold/ANNOTATION.md`), the same way `shared/bench/score.py` does: each gold
//! key is found by substring in the parsed task texts, then link precision, recall and F1,
//! covered/dropped accuracy per upper task, added accuracy per lower task, and label
//! accuracy on the links both agree on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::model::{Alignment, Status, Task};

/// One line of a gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldLine {
    /// `None` for `-`.
    pub upper_key: Option<String>,
    pub lower_key: Option<String>,
    pub label: Status,
}

/// A gold alignment.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub lines: Vec<GoldLine>,
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GoldError {
    #[error("{path}: cannot read gold file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line}: {problem}")]
    Invalid {
        path: String,
        line: usize,
        problem: GoldProblem,
    },
}

/// What is wrong with a line of a gold file; worded in English by `Display` and in
/// Chinese by `report::errors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GoldProblem {
    #[error("expected upper_key, lower_key and label separated by tabs")]
    Columns,
    #[error("label must be carried, reworded, dropped or added")]
    Label,
}

impl Gold {
    pub fn read(path: &Path) -> Result<Gold, GoldError> {
        let name = path.display().to_string();
        let text = crate::ingest::file::read_to_string(path, crate::ingest::DEFAULT_MAX_INPUT_SIZE)
            .map_err(|source| GoldError::Io {
                path: name.clone(),
                source,
            })?;
        Gold::parse(&name, &text)
    }

    pub fn parse(name: &str, text: &str) -> Result<Gold, GoldError> {
        let mut lines = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let invalid = |problem: GoldProblem| GoldError::Invalid {
                path: name.to_string(),
                line: n + 1,
                problem,
            };
            if cols.len() < 3 {
                return Err(invalid(GoldProblem::Columns));
            }
            if cols[2] == "label" {
                continue; // a header line
            }
            let label = Status::from_name(cols[2]).ok_or_else(|| invalid(GoldProblem::Label))?;
            let key = |s: &str| (s != "-").then(|| s.to_string());
            lines.push(GoldLine {
                upper_key: key(cols[0]),
                lower_key: key(cols[1]),
                label,
            });
        }
        Ok(Gold { lines })
    }
}

/// A gold key that matched no task or more than one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    pub side: &'static str,
    pub key: String,
    pub hits: usize,
}

/// The scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub tasks_found: [usize; 2],
    pub keys_unresolved: Vec<Unresolved>,
    pub link_precision: f64,
    pub link_recall: f64,
    pub link_f1: f64,
    pub upper_coverage_acc: f64,
    pub lower_added_acc: f64,
    pub label_acc: f64,
    pub gold_links: usize,
    pub pred_links: usize,
    pub true_links: usize,
    /// Upper tasks the truth has dropped that the alignment reports covered.
    pub dropped_reported_covered: usize,
    /// How the review band (待核实) splits the covered/dropped calls.
    pub review: ReviewScore,
}

/// The review band measured: how many scored upper tasks it holds, and how often the
/// covered/dropped call is right outside and inside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReviewScore {
    /// Scored upper tasks.
    pub upper: usize,
    /// Of them, those in review.
    pub in_review: usize,
    /// Calls outside review that are right.
    pub outside_right: usize,
    /// Calls in review that are right.
    pub inside_right: usize,
    /// outside_right / (upper − in_review); 0 when all are in review.
    pub outside_acc: f64,
}

/// What `score.py` does to texts and keys before matching (NFKC on full-width forms,
/// tags and whitespace removed).
fn normalise(s: &str) -> String {
    static TAG: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"<[^>]{0,40}>").expect("regex"));
    let folded: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    TAG.replace_all(&folded, "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn resolver(tasks: &[Task]) -> impl Fn(&str) -> (Option<String>, usize) + '_ {
    let normed: Vec<(String, String)> = tasks
        .iter()
        .map(|t| (t.id.clone(), normalise(&t.text)))
        .collect();
    move |key: &str| {
        let k = normalise(key);
        let hits: Vec<&String> = normed
            .iter()
            .filter(|(_, t)| t.contains(&k))
            .map(|(id, _)| id)
            .collect();
        if hits.len() == 1 {
            (Some(hits[0].clone()), 1)
        } else {
            (None, hits.len())
        }
    }
}

/// Scores an alignment against a gold file.
pub fn evaluate(gold: &Gold, a: &Alignment) -> EvalReport {
    let (truth, unresolved) = resolve(gold, a);
    let mut r = score(&truth, a);
    r.keys_unresolved = unresolved;
    r
}

/// A gold file's keys resolved to the task ids of an alignment's notices; the keys that
/// match no task or several stand as ids of their own (`?u:key`), so they count wrong.
pub fn resolve(gold: &Gold, a: &Alignment) -> (Truth, Vec<Unresolved>) {
    let (fu, fl) = (resolver(&a.upper.tasks), resolver(&a.lower.tasks));
    let mut unresolved = Vec::new();
    let mut umap: BTreeMap<&str, String> = BTreeMap::new();
    let mut lmap: BTreeMap<&str, String> = BTreeMap::new();
    for g in &gold.lines {
        if let Some(k) = &g.upper_key
            && !umap.contains_key(k.as_str())
        {
            let (id, hits) = fu(k);
            if id.is_none() {
                unresolved.push(Unresolved {
                    side: "upper",
                    key: k.clone(),
                    hits,
                });
            }
            umap.insert(k, id.unwrap_or_else(|| format!("?u:{k}")));
        }
        if let Some(k) = &g.lower_key
            && !lmap.contains_key(k.as_str())
        {
            let (id, hits) = fl(k);
            if id.is_none() {
                unresolved.push(Unresolved {
                    side: "lower",
                    key: k.clone(),
                    hits,
                });
            }
            lmap.insert(k, id.unwrap_or_else(|| format!("?l:{k}")));
        }
    }
    let mut gold_links: BTreeMap<(String, String), Option<Status>> = BTreeMap::new();
    for g in &gold.lines {
        if let (Some(u), Some(l)) = (&g.upper_key, &g.lower_key)
            && matches!(g.label, Status::Carried | Status::Reworded)
        {
            gold_links.insert(
                (umap[u.as_str()].clone(), lmap[l.as_str()].clone()),
                Some(g.label),
            );
        }
    }
    let truth = Truth {
        links: gold_links,
        upper: umap.into_values().collect(),
        lower: lmap.into_values().collect(),
    };
    (truth, unresolved)
}

/// The right alignment by task ids: links with their label where known, and the tasks
/// that are scored (every task a gold file names, or every task of a constructed pair).
#[derive(Debug, Clone, Default)]
pub struct Truth {
    pub links: BTreeMap<(String, String), Option<Status>>,
    pub upper: BTreeSet<String>,
    pub lower: BTreeSet<String>,
}

impl Truth {
    /// The truth of a constructed pair: every task scored, labels unknown.
    pub fn of_constructed(c: &crate::align::construct::Constructed) -> Truth {
        Truth {
            links: c.links.iter().map(|k| (k.clone(), None)).collect(),
            upper: c.upper.tasks.iter().map(|t| t.id.clone()).collect(),
            lower: c.lower.tasks.iter().map(|t| t.id.clone()).collect(),
        }
    }
}

/// Scores an alignment against the right links by task ids.
pub fn score(truth: &Truth, a: &Alignment) -> EvalReport {
    let gold_links = &truth.links;
    let pred: BTreeMap<(String, String), Status> = a
        .links
        .iter()
        .map(|l| ((l.upper.clone(), l.lower.clone()), l.status))
        .collect();
    let both: Vec<&(String, String)> = gold_links
        .keys()
        .filter(|k| pred.contains_key(*k))
        .collect();
    let tp = both.len();
    let p = if pred.is_empty() {
        0.0
    } else {
        tp as f64 / pred.len() as f64
    };
    let r = if gold_links.is_empty() {
        0.0
    } else {
        tp as f64 / gold_links.len() as f64
    };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let gold_u: BTreeSet<&String> = gold_links.keys().map(|(u, _)| u).collect();
    let pred_u: BTreeSet<&String> = pred.keys().map(|(u, _)| u).collect();
    let right = |u: &String| gold_u.contains(u) == pred_u.contains(u);
    let cov_ok = truth.upper.iter().filter(|u| right(u)).count();
    let (inside, outside): (Vec<&String>, Vec<&String>) =
        truth.upper.iter().partition(|u| a.in_review(u));
    let outside_right = outside.iter().filter(|u| right(u)).count();
    let review = ReviewScore {
        upper: truth.upper.len(),
        in_review: inside.len(),
        outside_right,
        inside_right: inside.iter().filter(|u| right(u)).count(),
        outside_acc: if outside.is_empty() {
            0.0
        } else {
            round3(outside_right as f64 / outside.len() as f64)
        },
    };
    let dropped_covered = truth
        .upper
        .iter()
        .filter(|u| !gold_u.contains(*u) && pred_u.contains(*u))
        .count();
    let gold_l: BTreeSet<&String> = gold_links.keys().map(|(_, l)| l).collect();
    let pred_l: BTreeSet<&String> = pred.keys().map(|(_, l)| l).collect();
    let add_ok = truth
        .lower
        .iter()
        .filter(|l| gold_l.contains(*l) == pred_l.contains(*l))
        .count();
    let labelled: Vec<&&(String, String)> =
        both.iter().filter(|k| gold_links[**k].is_some()).collect();
    let lab_ok = labelled
        .iter()
        .filter(|k| gold_links[***k] == Some(pred[***k]))
        .count();
    let ratio = |n: usize, d: usize| {
        if d == 0 {
            0.0
        } else {
            round3(n as f64 / d as f64)
        }
    };
    EvalReport {
        tasks_found: [a.upper.tasks.len(), a.lower.tasks.len()],
        keys_unresolved: Vec::new(),
        link_precision: round3(p),
        link_recall: round3(r),
        link_f1: round3(f1),
        upper_coverage_acc: ratio(cov_ok, truth.upper.len()),
        lower_added_acc: ratio(add_ok, truth.lower.len()),
        label_acc: ratio(lab_ok, labelled.len()),
        gold_links: gold_links.len(),
        pred_links: pred.len(),
        true_links: tp,
        dropped_reported_covered: dropped_covered,
        review,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_parse_and_bad_labels_name_the_line() {
        let g = Gold::parse("g.tsv", "# c\nabc\t-\tdropped\tnote\n-\txyz\tadded\n").unwrap();
        assert_eq!(g.lines.len(), 2);
        assert_eq!(g.lines[0].lower_key, None);
        let e = Gold::parse("g.tsv", "a\tb\tmaybe\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "g.tsv: line 1: label must be carried, reworded, dropped or added"
        );
    }

    #[test]
    fn normalise_folds_full_width_and_strips_tags() {
        assert_eq!(normalise("<p>Ａ１ 公开</p>"), "A1公开");
    }
}
