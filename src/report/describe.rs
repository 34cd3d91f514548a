//! Plain-text pieces the file reports (Markdown, HTML, CSV, Excel) share: how a notice is
//! named, which section a task belongs to, the upper tasks grouped by section, and what
//! changed inside a link (deadline, lead units, bound numbers, softened words, clauses) and
//! how it was made,
//! each worded in the report's language. Renderers escape these texts for their format.

use super::Lang;
use crate::model::{
    Alignment, DeadlineChange, DeadlineDiff, DiffOp, Doubt, Link, Notice, NoticeWarning,
    NumberChange, Origin, Softening, Task, UnitChange, Warning,
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
        (Warning::Notice { source, warning }, Lang::Zh) => {
            format!("{source}：{}", notice_warning(warning, lang))
        }
        (Warning::Notice { source, warning }, Lang::En) => {
            format!("{source}: {}", notice_warning(warning, lang))
        }
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

/// Warnings in the report's language, in order, one line each, except that a kind of
/// notice warning (invalid bytes, a numbering gap, a reading by OCR …) found in more than
/// [`GROUP_OVER`] notices is one line naming how many and which notices (a coverage run
/// over 120 notices does not open with 120 lines alike), where its first would be.
/// JSON keeps each, with its data.
pub fn warnings(w: &[Warning], lang: Lang) -> Vec<String> {
    // Per kind of notice warning: the notices it is found in, in order, and how often.
    let mut kinds: Vec<(String, Vec<&str>, usize)> = Vec::new();
    for x in w {
        if let Some(source) = notice_source(x) {
            let code = x.code();
            match kinds.iter_mut().find(|(c, _, _)| *c == code) {
                Some((_, sources, n)) => {
                    if !sources.contains(&source) {
                        sources.push(source);
                    }
                    *n += 1;
                }
                None => kinds.push((code, vec![source], 1)),
            }
        }
    }
    let mut out = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for x in w {
        let grouped = notice_source(x).and_then(|_| {
            let code = x.code();
            kinds
                .iter()
                .find(|(c, sources, _)| *c == code && sources.len() > GROUP_OVER)
        });
        match grouped {
            None => out.push(warning(x, lang)),
            Some((code, sources, n)) => {
                if !shown.contains(&code.as_str()) {
                    shown.push(code);
                    out.push(warning_group(code, sources, *n, lang));
                }
            }
        }
    }
    out
}

/// How many notices a kind of notice warning may be found in and still be shown one line
/// per warning (a compare has two notices, a chain a few).
pub const GROUP_OVER: usize = 5;

/// How many notices a grouped warning names.
const GROUP_NAMES: usize = 10;

/// The notice a warning is about, for a warning about one notice's reading.
fn notice_source(w: &Warning) -> Option<&str> {
    match w {
        Warning::Notice { source, .. } | Warning::ReadByOcr { source, .. } => Some(source),
        _ => None,
    }
}

/// One line for a kind of notice warning (`code`) found `n` times in `sources`.
fn warning_group(code: &str, sources: &[&str], n: usize, lang: Lang) -> String {
    let what = warning_kind(code, lang);
    let names = sources
        .iter()
        .take(GROUP_NAMES)
        .copied()
        .collect::<Vec<_>>()
        .join(captions::of(lang).list_sep);
    let more = sources.len() > GROUP_NAMES;
    match lang {
        Lang::Zh => format!(
            "{} 份通知{what}（共 {n} 处，各份通知的详情见 JSON 报告）：{names}{}",
            sources.len(),
            if more { " 等" } else { "" }
        ),
        Lang::En => format!(
            "{} notices {what} ({n} in all; the JSON report holds each): {names}{}",
            sources.len(),
            if more { ", …" } else { "" }
        ),
    }
}

/// What a kind of notice warning says of a notice, for [`warning_group`].
fn warning_kind(code: &str, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        "invalid_bytes" => ("读取时删去了无效字节", "had invalid bytes dropped"),
        "read_as_utf8" => (
            "不是有效的 UTF-8 文本，删去无效字节后按 UTF-8 读取",
            "were read as UTF-8 with invalid bytes dropped",
        ),
        "charset_mismatch" => (
            "声明的字符集与内容不符，按 UTF-8 读取",
            "declare a charset their bytes do not match and were read as UTF-8",
        ),
        "control_characters" => ("删去了控制字符", "had control characters removed"),
        "bidi_controls" => (
            "删去了双向文字控制符",
            "had bidirectional text controls removed",
        ),
        "pdf_hidden_text" => (
            "有不可见的文字，已略去",
            "draw text invisibly, which was left out",
        ),
        "pdf_damaged" => ("有损坏的页面", "have damaged pages"),
        "pdf_too_many_rules" => (
            "有表格线过多的页面，按无表格读取",
            "have pages with too many ruling lines, read without tables",
        ),
        "numbering_starts_late" | "heading_numbering_starts_late" => (
            "的任务编号不从 1 开始",
            "number their tasks from more than 1",
        ),
        "numbering_gap" => ("的任务编号有缺号", "skip task numbers"),
        "numbering_backwards" => (
            "的任务编号重复或倒退",
            "repeat task numbers or run them backwards",
        ),
        "read_by_ocr" => (
            "由扫描件识别（OCR），文字可能有误",
            "were read by OCR from scans and may hold misread characters",
        ),
        _ => ("有须核实之处", "have something to check"),
    };
    super::tr(lang, zh, en)
}

/// What reading or parsing a notice noticed, in the report's language, without the
/// notice's name.
pub fn notice_warning(w: &NoticeWarning, lang: Lang) -> String {
    use NoticeWarning as W;
    let zh = lang == Lang::Zh;
    match w {
        W::InvalidBytes { encoding, lines } if encoding == "UTF-16" => match lang {
            Lang::Zh => format!("已替换无效的 UTF-16 序列{}", line_list(lines, lang)),
            Lang::En => format!(
                "invalid UTF-16 sequences were replaced{}",
                line_list(lines, lang)
            ),
        },
        W::InvalidBytes { encoding, lines } => match lang {
            Lang::Zh => format!("已删去无效的 {encoding} 字节序列{}", line_list(lines, lang)),
            Lang::En => format!(
                "invalid {encoding} byte sequences were dropped{}",
                line_list(lines, lang)
            ),
        },
        W::ReadAsUtf8 {
            invalid,
            rare_pct,
            lines,
        } => match lang {
            Lang::Zh => format!(
                "不是有效的 UTF-8 文本：删去 {invalid} 处无效字节序列后仍按 UTF-8 读取，因为按 GB18030 读取时有 {rare_pct}% 为生僻字{}",
                line_list(lines, lang)
            ),
            Lang::En => format!(
                "{invalid} invalid UTF-8 byte sequences were dropped; read as UTF-8 all the same, as GB18030 would read {rare_pct}% of it as rare characters{}",
                line_list(lines, lang)
            ),
        },
        W::CharsetMismatch {
            declared,
            invalid,
            lines,
        } => match lang {
            Lang::Zh => format!(
                "网页声明的字符集为 {declared}，内容却是 UTF-8，按 UTF-8 读取；已删去 {invalid} 处无效的 UTF-8 字节序列{}",
                line_list(lines, lang)
            ),
            Lang::En => format!(
                "the page declares charset {declared} but reads as UTF-8; {invalid} invalid UTF-8 byte sequences were dropped{}",
                line_list(lines, lang)
            ),
        },
        W::ControlCharacters { lines } if zh => {
            format!("已删去控制字符{}", line_list(lines, lang))
        }
        W::ControlCharacters { lines } => {
            format!("control characters were removed{}", line_list(lines, lang))
        }
        W::BidiControls { lines } if zh => format!(
            "已删去可改变文字显示顺序的双向控制符{}",
            line_list(lines, lang)
        ),
        W::BidiControls { lines } => format!(
            "bidirectional text controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) were removed{}",
            line_list(lines, lang)
        ),
        W::PdfHiddenText { chars } if zh => {
            format!("PDF 中有 {chars} 个不可见的字符（渲染模式 3、被裁剪掉或白底白字），已略去")
        }
        W::PdfHiddenText { chars } => format!(
            "{chars} characters drawn invisibly (render mode 3, clipped away, or white on white) were left out"
        ),
        W::PdfDamaged { page, damage } => {
            use crate::model::PdfDamage as D;
            match (damage, lang) {
                (D::Content { detail }, Lang::Zh) => {
                    format!("PDF 第 {page} 页已损坏：页面内容无法解码（{detail}）")
                }
                (D::At { byte }, Lang::Zh) => format!(
                    "PDF 第 {page} 页已损坏：页面内容在第 {byte} 字节处无法读取，该行已跳过"
                ),
                (D::Form { detail }, Lang::Zh) => {
                    format!("PDF 第 {page} 页已损坏：页面上的一个表单无法解码（{detail}）")
                }
                (D::Content { detail }, Lang::En) => {
                    format!("damaged PDF, page {page}: its content cannot be decoded ({detail})")
                }
                (D::At { byte }, Lang::En) => format!(
                    "damaged PDF, page {page}: its content cannot be read at byte {byte}; the line there was skipped"
                ),
                (D::Form { detail }, Lang::En) => {
                    format!("damaged PDF, page {page}: a form on it cannot be decoded ({detail})")
                }
            }
        }
        W::PdfTooManyRules { pages, limit } if zh => format!(
            "PDF 有 {pages} 页的表格线多到无法比对（全文上限 {limit} 对），这些页按无表格读取"
        ),
        W::PdfTooManyRules { pages, limit } => format!(
            "{pages} pages draw more ruling lines than can be compared ({limit} pairs for the document); they were read without tables"
        ),
        W::NumberingStartsLate { line, number } if zh => format!(
            "找到的第一项任务（第 {line} 行）编号为 {number}，未见{}",
            missing_tasks(1, number.saturating_sub(1).max(1), lang)
        ),
        W::NumberingStartsLate { line, number } => format!(
            "the first task found (line {line}) is numbered {number}: {} not found",
            missing_tasks(1, number.saturating_sub(1).max(1), lang)
        ),
        W::HeadingNumberingStartsLate { line, number } if zh => format!(
            "新标题下的任务编号从 {number} 开始（第 {line} 行），未见{}",
            missing_tasks(1, number.saturating_sub(1).max(1), lang)
        ),
        W::HeadingNumberingStartsLate { line, number } => format!(
            "task numbering under a new heading starts at {number} (line {line}): {} not found",
            missing_tasks(1, number.saturating_sub(1).max(1), lang)
        ),
        W::NumberingGap {
            before,
            before_line,
            number,
            line,
        } if zh => format!(
            "任务编号从 {before}（第 {before_line} 行）跳到 {number}（第 {line} 行），未见{}",
            missing_tasks(before + 1, number.saturating_sub(1), lang)
        ),
        W::NumberingGap {
            before,
            before_line,
            number,
            line,
        } => format!(
            "task numbers skip from {before} (line {before_line}) to {number} (line {line}): {} not found",
            missing_tasks(before + 1, number.saturating_sub(1), lang)
        ),
        W::NumberingBackwards {
            before,
            before_line,
            number,
            line,
        } if zh => format!(
            "任务编号 {number}（第 {line} 行）排在 {before}（第 {before_line} 行）之后，编号重复或倒退"
        ),
        W::NumberingBackwards {
            before,
            before_line,
            number,
            line,
        } => format!(
            "task number {number} (line {line}) comes after {before} (line {before_line}): a number repeats or runs backwards"
        ),
    }
}

/// `任务 3` / `task 3`, or `任务 3–5` / `tasks 3–5`.
fn missing_tasks(from: u32, to: u32, lang: Lang) -> String {
    match (lang, from >= to) {
        (Lang::Zh, true) => format!("任务 {from}"),
        (Lang::Zh, false) => format!("任务 {from}–{to}"),
        (Lang::En, true) => format!("task {from}"),
        (Lang::En, false) => format!("tasks {from}–{to}"),
    }
}

/// The lines of a warning: `（第 2、5 行）` / ` (lines 2, 5)`, with `…` when there are
/// more than it keeps.
fn line_list(l: &crate::model::LineList, lang: Lang) -> String {
    let more = l.line_count > l.lines.len();
    let list = |sep: &str| {
        l.lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(sep)
    };
    match lang {
        Lang::Zh => format!("（第 {} {}行）", list("、"), if more { "等" } else { "" }),
        Lang::En => format!(
            " ({} {}{})",
            if l.line_count == 1 { "line" } else { "lines" },
            list(", "),
            if more { ", …" } else { "" }
        ),
    }
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
    use crate::model::{DeadlineChange, Level, LineList, PdfDamage};

    /// One of each notice warning (the match fails to compile when one is added and not
    /// listed here).
    fn every_notice_warning() -> Vec<NoticeWarning> {
        let lines = LineList {
            lines: (1..=10).collect(),
            line_count: 12,
        };
        let all = vec![
            NoticeWarning::InvalidBytes {
                encoding: "GB18030".into(),
                lines: lines.clone(),
            },
            NoticeWarning::InvalidBytes {
                encoding: "UTF-16".into(),
                lines: LineList::of(&[1]).unwrap(),
            },
            NoticeWarning::ReadAsUtf8 {
                invalid: 40,
                rare_pct: 92,
                lines: lines.clone(),
            },
            NoticeWarning::CharsetMismatch {
                declared: "GBK".into(),
                invalid: 1,
                lines: LineList::of(&[7]).unwrap(),
            },
            NoticeWarning::ControlCharacters {
                lines: lines.clone(),
            },
            NoticeWarning::BidiControls { lines },
            NoticeWarning::PdfHiddenText { chars: 33 },
            NoticeWarning::PdfDamaged {
                page: 1,
                damage: PdfDamage::At { byte: 120 },
            },
            NoticeWarning::PdfDamaged {
                page: 2,
                damage: PdfDamage::Content {
                    detail: "couldn't decompress stream".into(),
                },
            },
            NoticeWarning::PdfDamaged {
                page: 3,
                damage: PdfDamage::Form {
                    detail: "couldn't decompress stream".into(),
                },
            },
            NoticeWarning::PdfTooManyRules {
                pages: 11,
                limit: 20_000_000,
            },
            NoticeWarning::NumberingStartsLate { line: 7, number: 3 },
            NoticeWarning::HeadingNumberingStartsLate { line: 9, number: 2 },
            NoticeWarning::NumberingGap {
                before: 2,
                before_line: 2,
                number: 4,
                line: 3,
            },
            NoticeWarning::NumberingBackwards {
                before: 4,
                before_line: 3,
                number: 4,
                line: 4,
            },
        ];
        for w in &all {
            match w {
                NoticeWarning::InvalidBytes { .. }
                | NoticeWarning::ReadAsUtf8 { .. }
                | NoticeWarning::CharsetMismatch { .. }
                | NoticeWarning::ControlCharacters { .. }
                | NoticeWarning::BidiControls { .. }
                | NoticeWarning::PdfHiddenText { .. }
                | NoticeWarning::PdfDamaged { .. }
                | NoticeWarning::PdfTooManyRules { .. }
                | NoticeWarning::NumberingStartsLate { .. }
                | NoticeWarning::HeadingNumberingStartsLate { .. }
                | NoticeWarning::NumberingGap { .. }
                | NoticeWarning::NumberingBackwards { .. } => {}
            }
        }
        all
    }

    /// The ASCII words of a Chinese text once its data (file names, codes, library
    /// words) and the names of formats are taken out.
    fn ascii_words(text: &str, data: &[&str]) -> Vec<String> {
        let mut t = text.to_string();
        for d in data
            .iter()
            .chain(&["UTF-8", "UTF-16", "GB18030", "GBK", "PDF", "OCR"])
        {
            t = t.replace(d, "");
        }
        t.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    }

    #[test]
    fn every_warning_is_worded_in_both_languages() {
        let detail = "couldn't decompress stream";
        let mut all: Vec<Warning> = every_notice_warning()
            .into_iter()
            .map(|warning| Warning::Notice {
                source: "lower-notice.txt".into(),
                warning,
            })
            .collect();
        all.extend([
            Warning::LevelInverted {
                upper: "lezhi".into(),
                upper_level: Level::County,
                lower: "chizhou".into(),
                lower_level: Level::City,
            },
            Warning::LowerOlder {
                upper: "anhui".into(),
                upper_year: 2022,
                lower: "chizhou".into(),
                lower_year: 2021,
            },
            Warning::ReadByOcr {
                source: "scan.pdf".into(),
                pages: 2,
                chars: 900,
                uncertain: 12,
            },
            Warning::SameFile {
                upper: "anhui".into(),
            },
            Warning::SameTasks {
                upper: "anhui".into(),
                lower: "copy".into(),
                shared: 40,
            },
        ]);
        let data = [
            "lower-notice.txt",
            "lezhi",
            "chizhou",
            "anhui",
            "scan.pdf",
            "copy",
            detail,
        ];
        for w in &all {
            let zh = warning(w, Lang::Zh);
            let en = warning(w, Lang::En);
            assert!(ascii_words(&zh, &data).is_empty(), "{w:?}: {zh}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(ascii_words(&en, &data).len() > 2, "{w:?}: {en}");
            assert_ne!(zh, en);
        }
    }

    #[test]
    fn numbering_warnings_keep_their_words() {
        let w = every_notice_warning();
        let gap = &w[13];
        assert_eq!(
            notice_warning(gap, Lang::Zh),
            "任务编号从 2（第 2 行）跳到 4（第 3 行），未见任务 3"
        );
        assert_eq!(
            notice_warning(gap, Lang::En),
            "task numbers skip from 2 (line 2) to 4 (line 3): task 3 not found"
        );
        assert_eq!(
            notice_warning(&w[11], Lang::En),
            "the first task found (line 7) is numbered 3: tasks 1–2 not found"
        );
        assert_eq!(
            notice_warning(&w[4], Lang::Zh),
            "已删去控制字符（第 1、2、3、4、5、6、7、8、9、10 等行）"
        );
        assert_eq!(
            notice_warning(&w[1], Lang::En),
            "invalid UTF-16 sequences were replaced (line 1)"
        );
    }

    #[test]
    fn a_kind_found_in_many_notices_is_one_line() {
        let gap = |source: String| Warning::Notice {
            source,
            warning: NoticeWarning::NumberingGap {
                before: 2,
                before_line: 2,
                number: 4,
                line: 3,
            },
        };
        let swapped = Warning::SameFile {
            upper: "anhui".into(),
        };
        // A compare: each notice's warning on its own line.
        let two: Vec<Warning> = (0..2).map(|i| gap(format!("n{i}.txt"))).collect();
        assert_eq!(warnings(&two, Lang::Zh).len(), 2);
        // 120 notices: the run's own warning, then one line for the kind, where its
        // first was, naming the first ten notices and counting them all.
        let mut many = vec![swapped.clone()];
        many.extend((0..120).map(|i| gap(format!("n{i}.txt"))));
        many.push(Warning::Notice {
            source: "n0.txt".into(),
            warning: NoticeWarning::PdfHiddenText { chars: 3 },
        });
        let zh = warnings(&many, Lang::Zh);
        assert_eq!(zh.len(), 3, "{zh:?}");
        assert_eq!(zh[0], warning(&swapped, Lang::Zh));
        assert!(
            zh[1].starts_with("120 份通知的任务编号有缺号（共 120 处")
                && zh[1].contains("n0.txt、n1.txt")
                && zh[1].contains("n9.txt 等")
                && !zh[1].contains("n10.txt"),
            "{}",
            zh[1]
        );
        assert!(zh[2].starts_with("n0.txt：PDF 中有 3 个"), "{}", zh[2]);
        let en = warnings(&many, Lang::En);
        assert!(
            en[1].starts_with("120 notices skip task numbers (120 in all"),
            "{}",
            en[1]
        );
    }

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
