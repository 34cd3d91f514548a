//! Plain-text pieces the file reports (Markdown, HTML, CSV, Excel) share: how a notice is
//! named, which section a task belongs to, the upper tasks grouped by section, and what
//! changed inside a link (deadline, lead units, bound numbers, softened words, clauses) and
//! how it was made,
//! each worded in the report's language. Renderers escape these texts for their format.

use super::Lang;
use crate::model::{
    Alignment, DeadlineChange, DeadlineDiff, DiffOp, Doubt, Link, Notice, NumberChange, Origin,
    Softening, Task, UnitChange, Warning,
};
use crate::report::captions;

/// A placeholder for a missing value.
pub const NONE: &str = "—";

/// A notice's level as `省级 (province)`, or [`NONE`].
pub fn level(n: &Notice) -> String {
    n.meta
        .level
        .map(|l| format!("{} ({})", l.zh(), l.as_str()))
        .unwrap_or_else(|| NONE.to_string())
}

/// A notice named for a title: `issuer doc-number (date, level)`, leaving out what the
/// notice does not say.
pub fn heading(n: &Notice) -> String {
    let m = &n.meta;
    let mut name = m
        .issuer
        .clone()
        .or_else(|| m.region.clone())
        .unwrap_or_else(|| source_name(n));
    if let Some(d) = &m.doc_number {
        name.push(' ');
        name.push_str(d);
    }
    let extra: Vec<String> = [
        m.date.clone().or_else(|| m.year.map(|y| y.to_string())),
        m.level.map(|l| l.zh().to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if extra.is_empty() {
        name
    } else {
        format!("{name}（{}）", extra.join("，"))
    }
}

/// The file name a notice was read from, without directories (so reports do not depend
/// on where they were generated).
pub fn source_name(n: &Notice) -> String {
    std::path::Path::new(&n.source)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| n.source.clone())
}

/// The metadata rows of a notice header: (caption, upper value, lower value).
pub fn meta_rows(a: &Alignment, lang: Lang) -> Vec<(&'static str, String, String)> {
    let both = |f: &dyn Fn(&Notice) -> Option<String>| {
        (
            f(&a.upper).unwrap_or_else(|| NONE.into()),
            f(&a.lower).unwrap_or_else(|| NONE.into()),
        )
    };
    let rows: [(&'static str, (String, String)); 7] = [
        (captions::of(lang).title, both(&|n| n.meta.title.clone())),
        (captions::of(lang).issuer, both(&|n| n.meta.issuer.clone())),
        (
            captions::of(lang).document_number,
            both(&|n| n.meta.doc_number.clone()),
        ),
        (captions::of(lang).date, both(&|n| n.meta.date.clone())),
        (captions::of(lang).level, (level(&a.upper), level(&a.lower))),
        (
            captions::of(lang).tasks,
            both(&|n| Some(n.tasks.len().to_string())),
        ),
        (
            captions::of(lang).file,
            (source_name(&a.upper), source_name(&a.lower)),
        ),
    ];
    rows.into_iter().map(|(c, (u, l))| (c, u, l)).collect()
}

/// The outermost heading above a task, or empty for a task outside any section.
pub fn section_of(task: &Task) -> &str {
    task.section.first().map(String::as_str).unwrap_or("")
}

/// The innermost heading below the outermost one, if any (`（一）…`).
pub fn subsection_of(task: &Task) -> Option<&str> {
    if task.section.len() > 1 {
        task.section.last().map(String::as_str)
    } else {
        None
    }
}

/// A section name for display: the heading, or a caption for tasks outside any section.
pub fn section_name(section: &str, lang: Lang) -> String {
    if section.is_empty() {
        captions::of(lang).no_section.to_string()
    } else {
        section.to_string()
    }
}

/// The tasks of a notice grouped by outermost section, in notice order.
pub fn sections(n: &Notice) -> Vec<(&str, Vec<&Task>)> {
    let mut out: Vec<(&str, Vec<&Task>)> = Vec::new();
    for t in &n.tasks {
        let s = section_of(t);
        match out.iter_mut().find(|(name, _)| *name == s) {
            Some((_, tasks)) => tasks.push(t),
            None => out.push((s, vec![t])),
        }
    }
    out
}

/// A task's deadline as printed, or [`NONE`].
pub fn task_deadline(t: &Task) -> String {
    t.deadline.raw.clone().unwrap_or_else(|| NONE.into())
}

/// A task's lead units, then its other units, or [`NONE`].
pub fn task_units(t: &Task, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !t.lead_units.is_empty() {
        parts.push(format!(
            "{}{}",
            t.lead_units.join("、"),
            captions::of(lang).lead
        ));
    }
    if !t.units.is_empty() {
        parts.push(t.units.join("、"));
    }
    if parts.is_empty() {
        NONE.into()
    } else {
        parts.join("；")
    }
}

fn deadline_word(c: DeadlineChange, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => c.zh(),
        Lang::En => match c {
            DeadlineChange::Same => "same deadline",
            DeadlineChange::Earlier => "deadline earlier",
            DeadlineChange::Later => "deadline later",
            DeadlineChange::Removed => "deadline removed",
            DeadlineChange::Added => "deadline added",
            DeadlineChange::Changed => "deadline changed",
            DeadlineChange::None => "no deadline",
        },
    }
}

/// A short badge for a deadline that moved (`时限推后`), `None` when it did not.
pub fn deadline_badge(d: &DeadlineDiff, lang: Lang) -> Option<String> {
    match d.change {
        DeadlineChange::Same | DeadlineChange::None => None,
        c => Some(deadline_word(c, lang).to_string()),
    }
}

/// How the deadline moved: `时限推后：6月底前 → 年底前`; `None` when it did not.
pub fn deadline(d: &DeadlineDiff, lang: Lang) -> Option<String> {
    let word = deadline_badge(d, lang)?;
    Some(format!(
        "{word}{}{} → {}",
        captions::of(lang).colon,
        d.upper.as_deref().unwrap_or(NONE),
        d.lower.as_deref().unwrap_or(NONE)
    ))
}

/// A short badge for lead units that changed, `None` when they did not.
pub fn units_badge(u: &UnitChange, lang: Lang) -> Option<String> {
    Some(
        match u.change.as_str() {
            "same" | "none" => return None,
            "added" => captions::of(lang).lead_unit_added,
            "removed" => captions::of(lang).lead_unit_removed,
            _ => captions::of(lang).lead_units_changed,
        }
        .to_string(),
    )
}

/// How the lead units changed: `牵头单位改变：删去 A；新增 B`, `新增牵头单位：B`;
/// `None` when they did not.
pub fn units(u: &UnitChange, lang: Lang) -> Option<String> {
    let word = units_badge(u, lang)?;
    let sep = captions::of(lang).list_sep;
    let detail = match (u.removed.is_empty(), u.added.is_empty()) {
        (true, true) => return Some(word),
        (false, true) => u.removed.join(sep),
        (true, false) => u.added.join(sep),
        (false, false) => format!(
            "{}{}{}{}",
            captions::of(lang).removed,
            u.removed.join(sep),
            captions::of(lang).added,
            u.added.join(sep),
        ),
    };
    Some(format!("{word}{}{detail}", captions::of(lang).colon))
}

/// The bound numbers of the upper text that the lower text changed or left out.
pub fn changed_numbers(n: &[NumberChange]) -> Vec<&NumberChange> {
    n.iter()
        .filter(|c| c.lower.as_deref() != Some(c.upper.as_str()))
        .collect()
}

/// One number change: `不低于4% → 不低于3%` or `不低于4% → 缺失`.
pub fn number(c: &NumberChange, lang: Lang) -> String {
    format!(
        "{} → {}",
        c.upper,
        c.lower.as_deref().unwrap_or(captions::of(lang).missing)
    )
}

/// All changed numbers of a link in one line, `None` when none changed.
pub fn numbers(n: &[NumberChange], lang: Lang) -> Option<String> {
    let changed = changed_numbers(n);
    if changed.is_empty() {
        return None;
    }
    Some(
        changed
            .iter()
            .map(|c| number(c, lang))
            .collect::<Vec<_>>()
            .join(captions::of(lang).semicolon),
    )
}

/// One softened obligation: `必须 → 鼓励`.
pub fn softening(s: &Softening) -> String {
    format!("{} → {}", s.upper, s.lower)
}

/// All softened obligations of a link in one line, `None` when there are none.
pub fn softened(s: &[Softening], lang: Lang) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    Some(
        s.iter()
            .map(softening)
            .collect::<Vec<_>>()
            .join(captions::of(lang).semicolon),
    )
}

/// Clause coverage as `2/3`, `None` when every clause is covered.
pub fn clauses(l: &Link) -> Option<String> {
    let covered = l.clauses.iter().filter(|c| c.covered).count();
    if covered == l.clauses.len() {
        None
    } else {
        Some(format!("{covered}/{}", l.clauses.len()))
    }
}

/// Which side of a diff a piece of text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Piece {
    /// In both texts.
    Equal,
    /// Only in the upper text.
    Delete,
    /// Only in the lower text.
    Insert,
}

/// A diff as (piece, text) pairs, empty texts left out.
pub fn pieces(diff: &[DiffOp]) -> Vec<(Piece, &str)> {
    diff.iter()
        .map(|op| match op {
            DiffOp::Equal(t) => (Piece::Equal, t.as_str()),
            DiffOp::Delete(t) => (Piece::Delete, t.as_str()),
            DiffOp::Insert(t) => (Piece::Insert, t.as_str()),
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// Score with three decimals, as in the JSON.
/// The mark of a status that needs review.
pub fn review_label(lang: Lang) -> &'static str {
    captions::of(lang).needs_review
}

/// What the review mark means, in one sentence an auditor reads.
pub fn review_note(lang: Lang) -> &'static str {
    captions::of(lang).needs_review_the_evidence_for
}

/// Why a status needs review, in a few words.
pub fn doubt(d: Doubt, lang: Lang) -> &'static str {
    match d {
        Doubt::NearBar => captions::of(lang).evidence_near_the_line,
        Doubt::Contested => captions::of(lang).its_lower_task_is_as,
        Doubt::Rescued => captions::of(lang).linked_only_by_a_shared,
        Doubt::TopicOnly => captions::of(lang).no_lower_task_shares_its,
        Doubt::OffTopic => captions::of(lang).the_two_tasks_are_about,
        Doubt::Ocr => captions::of(lang).read_by_ocr_with_unsure,
    }
}

/// The review mark with its reason (`待核实：依据接近判定界限`), or `None` when the upper
/// task's status needs no review.
pub fn review_reason(a: &Alignment, id: &str, lang: Lang) -> Option<String> {
    let d = a.decision(id).filter(|d| d.review)?;
    Some(match d.doubt {
        Some(x) => format!(
            "{}{}{}",
            review_label(lang),
            captions::of(lang).colon,
            doubt(x, lang)
        ),
        None => review_label(lang).to_string(),
    })
}

/// An upper task's confidence as `0.62`, with the review mark when it needs review:
/// `待核实 0.62`; `None` when the alignment holds no decision for it.
pub fn decision(a: &Alignment, id: &str, lang: Lang) -> Option<String> {
    a.decision(id).map(|d| decision_words(d, lang))
}

/// A decision as [`decision`] words it: `待核实 0.62`, or `0.62`.
pub fn decision_words(d: &crate::model::Decision, lang: Lang) -> String {
    if d.review {
        format!("{} {:.2}", review_label(lang), d.confidence)
    } else {
        format!("{:.2}", d.confidence)
    }
}

/// The ids of the upper tasks in review, in notice order, joined with `、` / `, `.
pub fn review_ids(a: &Alignment, lang: Lang) -> String {
    a.decisions
        .iter()
        .filter(|d| d.review)
        .map(|d| d.id.as_str())
        .collect::<Vec<_>>()
        .join(captions::of(lang).list_sep)
}

/// How a link came about when not by its score alone: a shared phrase or an override.
pub fn origin(l: &Link, lang: Lang) -> Option<String> {
    match l.origin {
        Origin::Computed => None,
        Origin::Override => Some(captions::of(lang).confirmed_by_override.to_string()),
        Origin::Order => Some(captions::of(lang).linked_by_position_and_topic.to_string()),
        Origin::Phrase => Some(format!(
            "{}{}{}",
            captions::of(lang).shared_phrase,
            l.phrase.as_deref().unwrap_or_default(),
            captions::of(lang).caption
        )),
    }
}

/// A rejected link as a reader sees it: `已否定 下级 9`.
pub fn rejected(r: &crate::model::Review, lang: Lang) -> String {
    format!(
        "{} {}{}",
        captions::of(lang).rejected,
        captions::of(lang).lower,
        r.lower
    )
}

/// Who made a decision and when, as known: `张三 · 2026-12-01T09:30:00Z · note`.
pub fn reviewed_by(r: &crate::model::Review, lang: Lang) -> String {
    let parts: Vec<&str> = [&r.by, &r.at, &r.note]
        .into_iter()
        .filter_map(|x| x.as_deref())
        .collect();
    if parts.is_empty() {
        captions::of(lang).rejected_by_a_reviewer.to_string()
    } else {
        parts.join(" · ")
    }
}

/// The file name an overrides file of this pair is downloaded as:
/// `overrides-UPPER-LOWER.tsv`, after the notices' file names.
pub fn overrides_file_name(a: &Alignment) -> String {
    format!(
        "overrides-{}-{}.tsv",
        download_stem(&a.upper.source),
        download_stem(&a.lower.source)
    )
}

/// A file name's stem as part of a download's name: letters, digits, `-` and `_` kept,
/// anything else `_`, at most 40 characters.
pub fn download_stem(name: &str) -> String {
    crate::model::file_stem(name)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

/// The heading over a report's warnings (inputs out of order, numbering gaps …).
pub fn warnings_heading(lang: Lang) -> &'static str {
    captions::of(lang).check_first
}

/// The nearest lower task of a dropped upper task as `下级 12（相似度 0.073）`.
pub fn nearest(a: &Alignment, id: &str, lang: Lang) -> String {
    let best = a
        .dropped_evidence
        .iter()
        .find(|u| u.id == id)
        .and_then(|u| u.candidates.first());
    nearest_words(best.map(|c| (c.id.as_str(), c.score)), lang)
}

/// A nearest lower task (id, score) as [`nearest`] words it.
pub fn nearest_words(best: Option<(&str, f64)>, lang: Lang) -> String {
    match best {
        Some((id, sc)) => match lang {
            Lang::Zh => format!("最接近：下级 {id}，相似度 {}", score(sc)),
            Lang::En => format!("nearest: lower {id}, score {}", score(sc)),
        },
        None => captions::of(lang).no_lower_task_comes_near.to_string(),
    }
}

pub fn score(s: f64) -> String {
    format!("{s:.3}")
}

/// A warning in the report's language.
pub fn warning(w: &Warning, lang: Lang) -> String {
    match (w, lang) {
        (
            Warning::LevelInverted {
                upper,
                upper_level,
                lower,
                lower_level,
            },
            Lang::Zh,
        ) => format!(
            "上级通知 {upper} 为{}，层级低于下级通知 {lower}（{}）：两份通知是否颠倒了？",
            upper_level.zh(),
            lower_level.zh()
        ),
        (
            Warning::LevelInverted {
                upper,
                upper_level,
                lower,
                lower_level,
            },
            Lang::En,
        ) => format!(
            "the upper notice {upper} is {} ({}), a lower level than the lower notice {lower}, {} ({}): are the inputs swapped?",
            upper_level.zh(),
            upper_level.as_str(),
            lower_level.zh(),
            lower_level.as_str()
        ),
        (
            Warning::LowerOlder {
                upper,
                upper_year,
                lower,
                lower_year,
            },
            Lang::Zh,
        ) => format!(
            "下级通知 {lower}（{lower_year}年）早于上级通知 {upper}（{upper_year}年），不可能是对它的落实"
        ),
        (
            Warning::LowerOlder {
                upper,
                upper_year,
                lower,
                lower_year,
            },
            Lang::En,
        ) => format!(
            "the lower notice {lower} ({lower_year}) is older than the upper notice {upper} ({upper_year}), so it cannot implement it"
        ),
        (Warning::Notice { source, message }, _) => format!("{source}: {message}"),
        (
            Warning::ReadByOcr {
                source,
                pages,
                chars,
                uncertain,
            },
            Lang::Zh,
        ) => format!(
            "{source}：由扫描件识别（OCR，{pages} 页，{chars} 字，其中 {uncertain} 字把握不足），文字可能有误，请对照原件核实"
        ),
        (
            Warning::ReadByOcr {
                source,
                pages,
                chars,
                uncertain,
            },
            Lang::En,
        ) => format!(
            "{source}: read by OCR from a scan ({pages} pages, {chars} characters, {uncertain} of them uncertain): the text may hold misread characters; check it against the original"
        ),
        (Warning::SameFile { upper }, Lang::Zh) => {
            format!("上级通知与下级通知是同一个文件（{upper}）：比对结果没有意义")
        }
        (Warning::SameFile { upper }, Lang::En) => format!(
            "the upper and the lower notice are the same file ({upper}): the comparison means nothing"
        ),
        (
            Warning::SameTasks {
                upper,
                lower,
                shared,
            },
            Lang::Zh,
        ) => format!(
            "上级通知 {upper} 与下级通知 {lower} 的任务文本相同或几乎相同（{shared} 项相同）：是否给了同一份通知两次？"
        ),
        (
            Warning::SameTasks {
                upper,
                lower,
                shared,
            },
            Lang::En,
        ) => format!(
            "the upper notice {upper} and the lower notice {lower} have the same or nearly the same task texts ({shared} identical): was one notice given twice?"
        ),
    }
}

/// Warnings in the report's language, in order.
pub fn warnings(w: &[Warning], lang: Lang) -> Vec<String> {
    w.iter().map(|w| warning(w, lang)).collect()
}

/// Nearest candidates as `11 (0.073)、12 (0.056)`, or `None` when there are none.
pub fn candidates(a: &Alignment, id: &str, upper_side: bool, lang: Lang) -> Option<String> {
    let ev = if upper_side {
        &a.dropped_evidence
    } else {
        &a.added_evidence
    };
    candidate_list(&ev.iter().find(|u| u.id == id)?.candidates, lang)
}

/// Candidates as [`candidates`] words them, or `None` when there are none.
pub fn candidate_list(c: &[crate::model::Candidate], lang: Lang) -> Option<String> {
    if c.is_empty() {
        return None;
    }
    Some(
        c.iter()
            .map(|c| format!("{} ({})", c.id, score(c.score)))
            .collect::<Vec<_>>()
            .join(captions::of(lang).list_sep),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DeadlineChange;

    #[test]
    fn unchanged_things_have_no_description() {
        let d = DeadlineDiff {
            change: DeadlineChange::Same,
            upper: Some("年底前".into()),
            lower: Some("年底前".into()),
        };
        assert_eq!(deadline(&d, Lang::Zh), None);
        let d = DeadlineDiff {
            change: DeadlineChange::Later,
            upper: Some("6月底前".into()),
            lower: None,
        };
        assert_eq!(
            deadline(&d, Lang::Zh).as_deref(),
            Some("时限推后：6月底前 → —")
        );
        let n = [
            NumberChange {
                upper: "4%".into(),
                lower: Some("4%".into()),
            },
            NumberChange {
                upper: "30日".into(),
                lower: None,
            },
        ];
        assert_eq!(numbers(&n, Lang::En).as_deref(), Some("30日 → missing"));
    }
}
