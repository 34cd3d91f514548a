//! The alignment as spreadsheet rows, shared by the CSV table, the Excel workbook and the
//! Word report, formatted from the view model ([`crate::report::view::compare`]): one
//! row per upper task (its links joined: lower ids, lower texts, changes, deadlines, units,
//! clauses not covered), then one row per added lower task.

use crate::model::{Alignment, Status};
use crate::report::captions;
use crate::report::describe;
use crate::report::view::{self, CompareView, LinkRow};
use crate::report::{Lang, report_label};

/// One spreadsheet row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The upper task's id; empty for an added lower task.
    pub upper_id: String,
    /// The outermost heading (of the upper task, or of the added lower task).
    pub section: String,
    pub upper_text: String,
    /// The linked lower task texts, one per line (`15：…` when there are several).
    pub lower_text: String,
    pub status: Status,
    /// The best link score; `None` for dropped and added tasks.
    pub score: Option<f64>,
    /// Linked lower ids (or the added task's id), comma-separated.
    pub lower_ids: String,
    pub deadline_change: String,
    pub unit_change: String,
    pub number_changes: String,
    /// How links not made by their score alone were made (shared phrase, override).
    pub basis: String,
    pub upper_deadline: String,
    /// Per link, as `lower_text`.
    pub lower_deadline: String,
    pub upper_units: String,
    /// Per link, as `lower_text`.
    pub lower_units: String,
    /// The upper clauses the lower text does not cover, one per line (per link).
    pub uncovered: String,
    /// The confidence of the upper task's status; `None` for added tasks.
    pub confidence: Option<f64>,
    /// 待核实 and why, when the status needs review; empty otherwise.
    pub review: String,
}

/// How many columns a row has.
pub const COLUMNS: usize = 18;

/// The column headers, in the report's language.
pub fn headers(lang: Lang) -> [&'static str; COLUMNS] {
    match lang {
        Lang::Zh => [
            "上级序号",
            "所属部分",
            "上级任务",
            "下级任务",
            "状态",
            "相似度",
            "下级序号",
            "时限变化",
            "牵头单位变化",
            "数量变化",
            "匹配依据",
            "上级时限",
            "下级时限",
            "上级责任单位",
            "下级责任单位",
            "未覆盖的分句",
            "待核实",
            "置信度",
        ],
        Lang::En => [
            "upper id",
            "section",
            "upper text",
            "lower text",
            "status",
            "score",
            "lower ids",
            "deadline change",
            "unit change",
            "number changes",
            "link basis",
            "upper deadline",
            "lower deadline",
            "upper units",
            "lower units",
            "clauses not covered",
            "needs review",
            "confidence",
        ],
    }
}

/// The rows: every upper task in notice order, then the added lower tasks.
pub fn rows(a: &Alignment, lang: Lang) -> Vec<Row> {
    rows_of(&view::compare(a, lang), lang)
}

/// [`rows`] of a compare run's view model.
pub fn rows_of(v: &CompareView, lang: Lang) -> Vec<Row> {
    let mut out = Vec::with_capacity(v.uppers.len() + v.added.len());
    for u in &v.uppers {
        let task = u.task;
        let several = u.links.len() > 1;
        // One line per link, prefixed with the lower id when there are several.
        let per_link = |f: &dyn Fn(&LinkRow) -> Option<String>| -> String {
            u.links
                .iter()
                .filter_map(|l| {
                    f(l).map(|v| {
                        if several {
                            format!("{}{}{v}", l.link.lower, captions::of(lang).colon)
                        } else {
                            v
                        }
                    })
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        out.push(Row {
            upper_id: task.id.clone(),
            section: describe::section_of(task).to_string(),
            upper_text: task.text.clone(),
            lower_text: per_link(&|l| l.lower.map(|t| t.text.clone())),
            status: u.status,
            score: u.links.iter().map(|l| l.link.score).reduce(f64::max),
            lower_ids: u
                .links
                .iter()
                .map(|l| l.link.lower.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            deadline_change: per_link(&|l| describe::deadline(&l.link.deadline_change, lang)),
            unit_change: per_link(&|l| describe::units(&l.link.unit_change, lang)),
            number_changes: per_link(&|l| describe::numbers(&l.link.number_changes, lang)),
            basis: {
                // Links a reviewer rejected follow the links kept: 已否定 下级 9（张三 · …）.
                let rejected = u.rejected.iter().map(|r| {
                    format!(
                        "{}{}{}{}",
                        describe::rejected(r, lang),
                        captions::of(lang).open,
                        describe::reviewed_by(r, lang),
                        captions::of(lang).close
                    )
                });
                let kept = per_link(&|l| describe::origin(l.link, lang));
                std::iter::once(kept)
                    .filter(|k| !k.is_empty())
                    .chain(rejected)
                    .collect::<Vec<_>>()
                    .join("\n")
            },
            upper_deadline: describe::task_deadline(task),
            lower_deadline: per_link(&|l| l.lower.map(describe::task_deadline)),
            upper_units: describe::task_units(task, lang),
            lower_units: per_link(&|l| l.lower.map(|t| describe::task_units(t, lang))),
            uncovered: per_link(&|l| {
                let missing: Vec<&str> = l
                    .link
                    .clauses
                    .iter()
                    .filter(|c| !c.covered)
                    .map(|c| c.clause.as_str())
                    .collect();
                (!missing.is_empty()).then(|| missing.join(captions::of(lang).semicolon))
            }),
            confidence: u.confidence(),
            review: u.review_reason.clone().unwrap_or_default(),
        });
    }
    for added in &v.added {
        let task = added.task;
        out.push(Row {
            upper_id: String::new(),
            section: describe::section_of(task).to_string(),
            upper_text: String::new(),
            lower_text: task.text.clone(),
            status: Status::Added,
            score: None,
            lower_ids: task.id.clone(),
            deadline_change: String::new(),
            unit_change: String::new(),
            number_changes: String::new(),
            basis: String::new(),
            upper_deadline: String::new(),
            lower_deadline: describe::task_deadline(task),
            upper_units: String::new(),
            lower_units: describe::task_units(task, lang),
            uncovered: String::new(),
            confidence: None,
            review: String::new(),
        });
    }
    out
}

impl Row {
    pub(crate) fn cells(&self, lang: Lang) -> [String; COLUMNS] {
        [
            self.upper_id.clone(),
            self.section.clone(),
            self.upper_text.clone(),
            self.lower_text.clone(),
            report_label(self.status, lang),
            self.score.map(describe::score).unwrap_or_default(),
            self.lower_ids.clone(),
            self.deadline_change.clone(),
            self.unit_change.clone(),
            self.number_changes.clone(),
            self.basis.clone(),
            self.upper_deadline.clone(),
            self.lower_deadline.clone(),
            self.upper_units.clone(),
            self.lower_units.clone(),
            self.uncovered.clone(),
            self.review.clone(),
            self.confidence
                .map(|c| format!("{c:.2}"))
                .unwrap_or_default(),
        ]
    }
}
