//! What a report shows, built once from a result and formatted by the renderers: the memo
//! paragraph an auditor pastes into a working paper, the 未落实 list with full text, units
//! and nearest lower task, the 待核实 list, and the chain's end-to-end figure. Texts here
//! are plain and unescaped, in the report's language; each renderer escapes them for its
//! format.
//!
//! A compare run's per-task join is here too, done once: [`compare`] gives each upper
//! task with its status, links (and their lower tasks), decision, review reason, nearest
//! candidates and rejected links ([`UpperRow`]), the upper sections in the order the
//! reports show them, and the added lower tasks. The terminal, Markdown and HTML renderers
//! and the spreadsheet rows of [`crate::report::rows`] (CSV, Excel, Word) format it. A
//! chain's join ([`chain`]) and a coverage run's ([`coverage`]) are here too, and every
//! renderer of them formats those.

use crate::model::{
    Alignment, Candidate, Chain, Coverage, Decision, Link, Notice, Review as Reviewed,
    ReviewVerdict, Status, Summary, Task, TaskCoverage, Via,
};
use crate::report::captions;
use crate::report::describe;
use crate::report::{Lang, label, short};

/// A compare run as every renderer reads it: the per-task join done once.
#[derive(Debug, Clone)]
pub struct CompareView<'a> {
    /// The result itself, for its notices, summary and warnings.
    pub alignment: &'a Alignment,
    /// Every upper task, in notice order.
    pub uppers: Vec<UpperRow<'a>>,
    /// The upper tasks grouped by outermost heading, as reports show them: each section's
    /// name (empty outside any section) and its tasks' indexes into [`Self::uppers`].
    pub sections: Vec<(&'a str, Vec<usize>)>,
    /// The added lower tasks, in lower-notice order.
    pub added: Vec<AddedRow<'a>>,
}

/// One upper task and everything a report shows beside it.
#[derive(Debug, Clone)]
pub struct UpperRow<'a> {
    pub task: &'a Task,
    /// The best status of its links; dropped when it has none.
    pub status: Status,
    /// Its links, in lower-task order, each with its lower task.
    pub links: Vec<LinkRow<'a>>,
    /// The aligner's decision on it (confidence, review, doubt).
    pub decision: Option<&'a Decision>,
    /// 待核实 and why ([`describe::review_reason`]); `None` when it needs no review.
    pub review_reason: Option<String>,
    /// The nearest lower tasks when it is dropped, nearest first.
    pub candidates: &'a [Candidate],
    /// The links of it a reviewer rejected.
    pub rejected: Vec<&'a Reviewed>,
}

/// One link of an upper task, with the lower task it reaches.
#[derive(Debug, Clone, Copy)]
pub struct LinkRow<'a> {
    pub link: &'a Link,
    /// `None` only when the lower notice has no task of the link's id.
    pub lower: Option<&'a Task>,
}

/// One added lower task, with the nearest upper tasks.
#[derive(Debug, Clone, Copy)]
pub struct AddedRow<'a> {
    pub task: &'a Task,
    pub candidates: &'a [Candidate],
}

impl UpperRow<'_> {
    /// The status is marked for review (待核实).
    pub fn review(&self) -> bool {
        self.decision.is_some_and(|d| d.review)
    }

    /// The confidence of its status.
    pub fn confidence(&self) -> Option<f64> {
        self.decision.map(|d| d.confidence)
    }

    /// The nearest lower task of a dropped task.
    pub fn nearest(&self) -> Option<&Candidate> {
        self.candidates.first()
    }
}

fn candidates_of<'a>(evidence: &'a [crate::model::Unmatched], id: &str) -> &'a [Candidate] {
    evidence
        .iter()
        .find(|u| u.id == id)
        .map_or(&[], |u| u.candidates.as_slice())
}

/// The per-task join of a compare run, done once for every renderer.
pub fn compare(a: &Alignment, lang: Lang) -> CompareView<'_> {
    let uppers: Vec<UpperRow> = a
        .upper
        .tasks
        .iter()
        .map(|task| UpperRow {
            task,
            status: a.upper_status(&task.id),
            links: a
                .links_of_upper(&task.id)
                .map(|link| LinkRow {
                    link,
                    lower: a.lower.task(&link.lower),
                })
                .collect(),
            decision: a.decision(&task.id),
            review_reason: describe::review_reason(a, &task.id, lang),
            candidates: candidates_of(&a.dropped_evidence, &task.id),
            rejected: a
                .reviews
                .iter()
                .filter(|r| r.upper == task.id && r.verdict == ReviewVerdict::Reject)
                .collect(),
        })
        .collect();
    // Grouped as describe::sections groups them, by index into `uppers`.
    let mut sections: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, t) in a.upper.tasks.iter().enumerate() {
        let name = describe::section_of(t);
        match sections.iter_mut().find(|(n, _)| *n == name) {
            Some((_, rows)) => rows.push(i),
            None => sections.push((name, vec![i])),
        }
    }
    let added = a
        .added
        .iter()
        .filter_map(|id| {
            Some(AddedRow {
                task: a.lower.task(id)?,
                candidates: candidates_of(&a.added_evidence, id),
            })
        })
        .collect();
    CompareView {
        alignment: a,
        uppers,
        sections,
        added,
    }
}

/// A coverage run as every renderer reads it: the statuses of the localities joined to
/// the upper tasks once.
#[derive(Debug, Clone)]
pub struct CoverageView<'a> {
    pub coverage: &'a Coverage,
    /// One row per upper task, in notice order, a cell per locality in input order.
    pub matrix: Vec<MatrixRow<'a>>,
    /// The upper tasks in the auditors' order (fewest localities covering them first), each
    /// with its row of [`Self::matrix`].
    pub ranked: Vec<(&'a TaskCoverage, Option<usize>)>,
}

/// One upper task of a coverage run and what each locality did with it.
#[derive(Debug, Clone)]
pub struct MatrixRow<'a> {
    pub task: &'a Task,
    /// One per locality, in input order.
    pub cells: Vec<CoverageCell>,
}

/// What one locality did with one upper task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoverageCell {
    pub status: Status,
    /// The status is marked for review (待核实).
    pub review: bool,
}

impl MatrixRow<'_> {
    /// How many localities carried or reworded the task.
    pub fn covered(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.status != Status::Dropped)
            .count()
    }
}

impl<'a> CoverageView<'a> {
    /// The cells of a row of [`Self::ranked`]: the matrix row's, or every locality
    /// dropped when the task is not in the upper notice.
    pub fn cells(&self, row: Option<usize>) -> Vec<CoverageCell> {
        match row.and_then(|i| self.matrix.get(i)) {
            Some(r) => r.cells.clone(),
            None => vec![
                CoverageCell {
                    status: Status::Dropped,
                    review: false,
                };
                self.coverage.localities.len()
            ],
        }
    }

    /// The localities that dropped the task of matrix row `row`, with whether that call
    /// is in review, in input order.
    pub fn dropped_by(&self, row: Option<usize>) -> Vec<(&'a str, bool)> {
        let Some(r) = row.and_then(|i| self.matrix.get(i)) else {
            return Vec::new();
        };
        self.coverage
            .localities
            .iter()
            .zip(&r.cells)
            .filter(|(_, c)| c.status == Status::Dropped)
            .map(|(l, c)| (l.name.as_str(), c.review))
            .collect()
    }
}

/// The join of a coverage run, done once for every renderer.
pub fn coverage(c: &Coverage) -> CoverageView<'_> {
    let matrix: Vec<MatrixRow> = c
        .upper
        .tasks
        .iter()
        .enumerate()
        .map(|(i, task)| MatrixRow {
            task,
            cells: c
                .localities
                .iter()
                .map(|l| CoverageCell {
                    status: l.statuses.get(i).copied().unwrap_or(Status::Dropped),
                    review: l.review.get(i) == Some(&true),
                })
                .collect(),
        })
        .collect();
    let index: std::collections::HashMap<&str, usize> = c
        .upper
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .rev() // the first task of an id wins, as `position` found it
        .collect();
    let ranked = c
        .tasks
        .iter()
        .map(|t| (t, index.get(t.id.as_str()).copied()))
        .collect();
    CoverageView {
        coverage: c,
        matrix,
        ranked,
    }
}

/// A chain as every renderer reads it: the levels below the top with their summaries,
/// and each top task's row with what follows from it (its status at the lowest level,
/// whether any call is in review) and, level by level, the tasks that carry it. The
/// terminal, Markdown, HTML, CSV, Excel and Word renderers format it.
#[derive(Debug, Clone)]
pub struct ChainView<'a> {
    pub chain: &'a Chain,
    /// The levels below the top, in order, each notice with its summary against the level
    /// above.
    pub levels: Vec<(&'a Notice, &'a Summary)>,
    pub rows: Vec<ChainRowView<'a>>,
    /// The end-to-end figure ([`chain_end_to_end`]): top tasks that reach the lowest
    /// level, of all.
    pub end_to_end: (usize, usize),
}

/// One top task down the levels.
#[derive(Debug, Clone)]
pub struct ChainRowView<'a> {
    pub id: &'a str,
    /// The headings above it in the top notice, outermost first.
    pub section: &'a [String],
    /// Its full text.
    pub text: &'a str,
    /// One per level below the top, in order.
    pub cells: Vec<ChainCellView<'a>>,
    /// Its status at the lowest level (dropped when the chain has no level below).
    pub last: Status,
    /// Some level's call on it is marked for review (待核实).
    pub review: bool,
}

/// What one level did with a top task.
#[derive(Debug, Clone)]
pub struct ChainCellView<'a> {
    pub status: Status,
    /// Through the level above, or directly from the top (越级).
    pub via: Via,
    /// The call is marked for review (待核实).
    pub review: bool,
    /// The tasks carrying it at this level, each with its task in this level's notice.
    pub carriers: Vec<(&'a str, Option<&'a Task>)>,
}

impl ChainCellView<'_> {
    /// The ids of the tasks carrying it, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.carriers.iter().map(|&(id, _)| id).collect()
    }
}

impl ChainView<'_> {
    /// How many top tasks have a call in review (待核实) at some level.
    pub fn in_review(&self) -> usize {
        self.rows.iter().filter(|r| r.review).count()
    }
}

/// The join of a chain, done once for every renderer.
pub fn chain(c: &Chain) -> ChainView<'_> {
    let rows = c
        .rows
        .iter()
        .map(|row| ChainRowView {
            id: &row.id,
            section: &row.section,
            text: &row.text,
            last: row.cells.last().map_or(Status::Dropped, |x| x.status),
            review: row.cells.iter().any(|x| x.review),
            cells: row
                .cells
                .iter()
                .enumerate()
                .map(|(i, cell)| ChainCellView {
                    status: cell.status,
                    via: cell.via,
                    review: cell.review,
                    carriers: cell
                        .tasks
                        .iter()
                        .map(|id| (id.as_str(), c.notices.get(i + 1).and_then(|n| n.task(id))))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    ChainView {
        chain: c,
        levels: c.notices.iter().skip(1).zip(&c.summaries).collect(),
        rows,
        end_to_end: chain_end_to_end(c),
    }
}

/// How many dropped tasks the memo names.
const MEMO_NAMED: usize = 3;
/// How many characters of a task's text the memo quotes.
const MEMO_QUOTE: usize = 40;

/// The memo paragraph's heading: 摘要 (a summary to paste into a working paper).
pub fn memo_heading(lang: Lang) -> &'static str {
    captions::of(lang).memo
}

/// One dropped upper task, as the 未落实 list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub id: String,
    /// The outermost heading above the task (empty outside any section).
    pub section: String,
    /// The full requirement.
    pub text: String,
    /// 牵头单位 (lead units), or every responsible unit when none is marked lead;
    /// [`describe::NONE`] when the notice names none.
    pub units: String,
    pub deadline: String,
    /// The nearest lower task: id, score and text; `None` when no lower task comes near.
    pub nearest: Option<(String, f64, String)>,
    /// The status is marked for review (待核实).
    pub review: bool,
}

/// One upper task whose status needs review, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: String,
    pub text: String,
    pub status: Status,
    /// 待核实 and why ([`describe::review_reason`]).
    pub reason: String,
}

/// The dropped upper tasks in notice order.
pub fn dropped(a: &Alignment) -> Vec<Dropped> {
    a.dropped
        .iter()
        .filter_map(|id| {
            let task = a.upper.task(id)?;
            let units = if task.lead_units.is_empty() {
                &task.units
            } else {
                &task.lead_units
            };
            let nearest = a
                .dropped_evidence
                .iter()
                .find(|u| &u.id == id)
                .and_then(|u| u.candidates.first())
                .map(|c| {
                    let text = a
                        .lower
                        .task(&c.id)
                        .map(|t| t.text.clone())
                        .unwrap_or_default();
                    (c.id.clone(), c.score, text)
                });
            Some(Dropped {
                id: id.clone(),
                section: describe::section_of(task).to_string(),
                text: task.text.clone(),
                units: if units.is_empty() {
                    describe::NONE.to_string()
                } else {
                    units.join("、")
                },
                deadline: describe::task_deadline(task),
                nearest,
                review: a.in_review(id),
            })
        })
        .collect()
}

/// The upper tasks in review, in notice order.
pub fn reviews(a: &Alignment, lang: Lang) -> Vec<Review> {
    a.upper
        .tasks
        .iter()
        .filter(|t| a.in_review(&t.id))
        .map(|t| Review {
            id: t.id.clone(),
            text: t.text.clone(),
            status: a.upper_status(&t.id),
            reason: describe::review_reason(a, &t.id, lang).unwrap_or_default(),
        })
        .collect()
}

/// The dropped tasks a memo names first: those the aligner is sure of before those in
/// review, then the ones no lower task comes near before near misses, then notice order.
fn most_important(dropped: &[Dropped]) -> Vec<&Dropped> {
    let mut order: Vec<(usize, &Dropped)> = dropped.iter().enumerate().collect();
    order.sort_by(|(i, x), (j, y)| {
        let near = |d: &Dropped| d.nearest.as_ref().map_or(0.0, |n| n.1);
        x.review
            .cmp(&y.review)
            .then(near(x).total_cmp(&near(y)))
            .then(i.cmp(j))
    });
    order.into_iter().take(MEMO_NAMED).map(|(_, d)| d).collect()
}

fn quote(d: &Dropped, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{}项“{}”", d.id, short(&d.text, MEMO_QUOTE)),
        Lang::En => format!("no. {} \"{}\"", d.id, short(&d.text, MEMO_QUOTE)),
    }
}

/// The memo paragraph of a compare run: coverage, how many dropped, how many to review,
/// the most important dropped tasks; ready to paste into an audit working paper.
pub fn compare_memo(a: &Alignment, lang: Lang) -> String {
    let s = &a.summary;
    let upper = describe::heading(&a.upper);
    let lower = describe::heading(&a.lower);
    let dropped = dropped(a);
    let named: Vec<String> = most_important(&dropped)
        .into_iter()
        .map(|d| quote(d, lang))
        .collect();
    match lang {
        Lang::Zh => {
            let mut m = format!(
                "经对照，{upper}共有{}项任务，{lower}落实{}项（原文落实{}项、改写落实{}项），覆盖率{:.1}%；未落实{}项",
                s.upper_tasks,
                s.carried + s.reworded,
                s.carried,
                s.reworded,
                s.coverage_pct,
                s.dropped
            );
            if !named.is_empty() {
                m.push_str(&format!("，主要有{}", named.join("、")));
                if s.dropped > named.len() {
                    m.push('等');
                }
            }
            m.push('。');
            if s.review > 0 {
                m.push_str(&format!("另有{}项判断待核实，需人工复核。", s.review));
            }
            if s.added > 0 {
                m.push_str(&format!("下级通知新增{}项任务。", s.added));
            }
            m
        }
        Lang::En => {
            let mut m = format!(
                "Of the {} tasks of {upper}, {lower} implements {} ({} carried word for word, {} reworded): coverage {:.1}%. {} {} dropped",
                s.upper_tasks,
                s.carried + s.reworded,
                s.carried,
                s.reworded,
                s.coverage_pct,
                s.dropped,
                if s.dropped == 1 { "is" } else { "are" }
            );
            if !named.is_empty() {
                m.push_str(&format!(
                    ", among them {}{}",
                    named.join(", "),
                    if s.dropped > named.len() {
                        " and others"
                    } else {
                        ""
                    }
                ));
            }
            m.push('.');
            if s.review > 0 {
                m.push_str(&format!(
                    " {} {} to be checked by hand.",
                    s.review,
                    if s.review == 1 {
                        "decision is"
                    } else {
                        "decisions are"
                    }
                ));
            }
            if s.added > 0 {
                m.push_str(&format!(" The lower notice adds {} tasks.", s.added));
            }
            m
        }
    }
}

/// The chain's end-to-end figure: how many top tasks are still there at the lowest level
/// (carried or reworded, through the chain or directly), of how many.
pub fn chain_end_to_end(c: &Chain) -> (usize, usize) {
    let reached = c
        .rows
        .iter()
        .filter(|r| {
            r.cells
                .last()
                .is_some_and(|cell| cell.via != Via::None && cell.status != Status::Dropped)
        })
        .count();
    (reached, c.rows.len())
}

fn level_name(n: &crate::model::Notice, lang: Lang) -> String {
    match (n.meta.level, lang) {
        (Some(l), Lang::Zh) => l.zh().to_string(),
        (Some(l), Lang::En) => l.as_str().to_string(),
        (None, _) => describe::heading(n),
    }
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The memo paragraph of a chain: the end-to-end figure, then coverage level by level.
pub fn chain_memo(c: &Chain, lang: Lang) -> String {
    let Some(top) = c.notices.first() else {
        return String::new();
    };
    let (reached, total) = chain_end_to_end(c);
    let lowest = c.notices.last().map(|n| level_name(n, lang));
    let per_level: Vec<String> = c.notices[1..]
        .iter()
        .zip(&c.summaries)
        .map(|(n, s)| match lang {
            Lang::Zh => format!("{}{:.1}%", level_name(n, lang), s.coverage_pct),
            Lang::En => format!("{} {:.1}%", level_name(n, lang), s.coverage_pct),
        })
        .collect();
    let dropped_at_end: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.cells.last().is_some_and(|x| x.status == Status::Dropped))
        .take(MEMO_NAMED)
        .map(|r| match lang {
            Lang::Zh => format!("第{}项“{}”", r.id, short(&r.text, MEMO_QUOTE)),
            Lang::En => format!("no. {} \"{}\"", r.id, short(&r.text, MEMO_QUOTE)),
        })
        .collect();
    let review = c
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|x| x.review))
        .count();
    match lang {
        Lang::Zh => {
            let mut m = format!(
                "{}共有{total}项任务，逐级落实到{}的有{reached}项（{:.1}%）。各级对上一级的覆盖率：{}。",
                describe::heading(top),
                lowest.unwrap_or_default(),
                pct(reached, total),
                per_level.join("，")
            );
            if !dropped_at_end.is_empty() {
                m.push_str(&format!(
                    "未到达最下一级的有{}{}。",
                    dropped_at_end.join("、"),
                    if total - reached > dropped_at_end.len() {
                        "等"
                    } else {
                        ""
                    }
                ));
            }
            if review > 0 {
                m.push_str(&format!("{review}项任务的判断待核实。"));
            }
            m
        }
        Lang::En => {
            let mut m = format!(
                "Of the {total} tasks of {}, {reached} ({:.1}%) reach the {} level. Coverage of each level against the one above: {}.",
                describe::heading(top),
                pct(reached, total),
                lowest.unwrap_or_default(),
                per_level.join(", ")
            );
            if !dropped_at_end.is_empty() {
                m.push_str(&format!(
                    " Not at the lowest level: {}{}.",
                    dropped_at_end.join(", "),
                    if total - reached > dropped_at_end.len() {
                        " and others"
                    } else {
                        ""
                    }
                ));
            }
            if review > 0 {
                m.push_str(&format!(
                    " {review} tasks have a decision to check by hand."
                ));
            }
            m
        }
    }
}

/// The memo paragraph of a coverage run: mean coverage, the lowest locality, the tasks
/// no locality carried.
pub fn coverage_memo(c: &Coverage, lang: Lang) -> String {
    let n = c.localities.len();
    let mean = if n == 0 {
        0.0
    } else {
        c.localities
            .iter()
            .map(|l| l.summary.coverage_pct)
            .sum::<f64>()
            / n as f64
    };
    let lowest = c
        .localities
        .iter()
        .min_by(|x, y| x.summary.coverage_pct.total_cmp(&y.summary.coverage_pct));
    let nobody: Vec<&crate::model::TaskCoverage> = c
        .tasks
        .iter()
        .filter(|t| t.carried + t.reworded == 0)
        .collect();
    let named: Vec<String> = nobody
        .iter()
        .take(MEMO_NAMED)
        .map(|t| match lang {
            Lang::Zh => format!("第{}项“{}”", t.id, short(&t.text, MEMO_QUOTE)),
            Lang::En => format!("no. {} \"{}\"", t.id, short(&t.text, MEMO_QUOTE)),
        })
        .collect();
    let review: usize = c.localities.iter().map(|l| l.summary.review).sum();
    match lang {
        Lang::Zh => {
            let mut m = format!(
                "{}共有{}项任务，对照{n}个下级通知，平均覆盖率{mean:.1}%",
                describe::heading(&c.upper),
                c.upper.tasks.len()
            );
            if let Some(l) = lowest {
                m.push_str(&format!(
                    "，最低为{}（{:.1}%）",
                    l.name, l.summary.coverage_pct
                ));
            }
            m.push('。');
            if n > 0 {
                m.push_str(&format!("没有一个下级落实的任务{}项", nobody.len()));
                if !named.is_empty() {
                    m.push_str(&format!(
                        "，有{}{}",
                        named.join("、"),
                        if nobody.len() > named.len() {
                            "等"
                        } else {
                            ""
                        }
                    ));
                }
                m.push('。');
            }
            if review > 0 {
                m.push_str(&format!("共{review}处判断待核实。"));
            }
            if !c.failures.is_empty() {
                m.push_str(&format!("{}个输入未能读取，见报告。", c.failures.len()));
            }
            m
        }
        Lang::En => {
            let mut m = format!(
                "{} has {} tasks; against {n} lower notices the mean coverage is {mean:.1}%",
                describe::heading(&c.upper),
                c.upper.tasks.len()
            );
            if let Some(l) = lowest {
                m.push_str(&format!(
                    ", the lowest {} ({:.1}%)",
                    l.name, l.summary.coverage_pct
                ));
            }
            m.push('.');
            if n > 0 {
                m.push_str(&format!(
                    " {} tasks are carried by no locality",
                    nobody.len()
                ));
                if !named.is_empty() {
                    m.push_str(&format!(
                        ", among them {}{}",
                        named.join(", "),
                        if nobody.len() > named.len() {
                            " and others"
                        } else {
                            ""
                        }
                    ));
                }
                m.push('.');
            }
            if review > 0 {
                m.push_str(&format!(" {review} decisions are to be checked by hand."));
            }
            if !c.failures.is_empty() {
                m.push_str(&format!(
                    " {} inputs could not be read (listed in the report).",
                    c.failures.len()
                ));
            }
            m
        }
    }
}

/// A chain cell as words: the status, with the tasks that carry it and the 越级 and
/// 待核实 marks (`原文落实 3、4（越级） 待核实`).
pub fn chain_cell(cell: &ChainCellView, lang: Lang) -> String {
    let mut s = label(cell.status, lang);
    if !cell.carriers.is_empty() {
        s.push(' ');
        s.push_str(&cell.ids().join(captions::of(lang).list_sep));
    }
    if cell.via == Via::Direct {
        s.push_str(captions::of(lang).direct_in_brackets);
    }
    if cell.review {
        s.push(' ');
        s.push_str(describe::review_label(lang));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: &str, review: bool, near: Option<f64>) -> Dropped {
        Dropped {
            id: id.into(),
            section: String::new(),
            text: format!("任务{id}"),
            units: describe::NONE.into(),
            deadline: String::new(),
            nearest: near.map(|s| ("9".into(), s, String::new())),
            review,
        }
    }

    #[test]
    fn memo_names_sure_and_far_drops_first() {
        let list = [
            d("1", true, None),
            d("2", false, Some(0.2)),
            d("3", false, None),
            d("4", false, Some(0.1)),
        ];
        let ids: Vec<&str> = most_important(&list)
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["3", "4", "2"]);
    }
}
