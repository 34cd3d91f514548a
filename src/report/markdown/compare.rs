//! The alignment as a Markdown report: a title naming both notices, what to check first
//! (warnings), the list of dropped upper tasks (未落实清单) with their nearest lower tasks,
//! a summary (counts per status, coverage overall and per upper section), then each upper
//! task section by
//! section with its lower task(s), score, word diff (deletions ~~struck~~, insertions
//! **bold**) and changes, then the added lower tasks.
//!
//! Every text taken from a notice goes through [`escape`], so table pipes, emphasis marks
//! and HTML-looking text in a notice show as written on any CommonMark/GFM viewer.

use std::io::{self, Write};

use crate::model::{Alignment, Link, Status, Warning};
use crate::report::captions;
use crate::report::describe::{self, Piece};
use crate::report::view::{self, CompareView, LinkRow, UpperRow};
use crate::report::{Lang, RenderOptions, legend_label, report_label, short};

/// Escapes notice text for inline Markdown (also inside table cells and emphasis):
/// ASCII punctuation with a meaning gets a backslash, line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!' | '{'
            | '}' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A diff with deletions struck through and insertions in bold. Marked pieces are set
/// apart by spaces so the emphasis delimiters always open and close, even next to CJK
/// punctuation.
pub fn diff(link: &Link) -> String {
    let mut out = String::new();
    for (piece, text) in describe::pieces(&link.diff) {
        let t = escape(text.trim());
        if t.is_empty() {
            continue;
        }
        match piece {
            Piece::Equal => out.push_str(&t),
            Piece::Delete => push_marked(&mut out, "~~", &t),
            Piece::Insert => push_marked(&mut out, "**", &t),
        }
    }
    out.trim().to_string()
}

fn push_marked(out: &mut String, mark: &str, text: &str) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.push_str(mark);
    out.push_str(text);
    out.push_str(mark);
    out.push(' ');
}

/// Writes the Markdown report.
pub fn render(a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let colon = captions::of(lang).colon;
    writeln!(
        out,
        "# {}{colon}{} → {}\n",
        captions::of(lang).implementation_comparison,
        escape(&describe::heading(&a.upper)),
        escape(&describe::heading(&a.lower)),
    )?;
    writeln!(
        out,
        "| | {} | {} |\n|---|---|---|",
        captions::of(lang).upper_notice_bilingual,
        captions::of(lang).lower_notice_bilingual
    )?;
    for (caption, u, l) in describe::meta_rows(a, lang) {
        writeln!(out, "| {caption} | {} | {} |", escape(&u), escape(&l))?;
    }
    writeln!(out)?;
    if let Some(ts) = &opts.timestamp {
        writeln!(
            out,
            "{}{colon}{}\n",
            captions::of(lang).generated,
            escape(ts)
        )?;
    }
    warnings(&a.warnings, lang, out)?;
    memo(&crate::report::view::compare_memo(a, lang), lang, out)?;
    dropped_list(a, lang, out)?;
    summary(a, lang, out)?;
    let v = view::compare(a, lang);
    details(&v, lang, out)?;
    added(&v, lang, out)
}

/// The warnings of a report as a quoted list under a heading; nothing when there are none.
pub fn warnings(warnings: &[Warning], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    writeln!(out, "> **⚠ {}**\n>", describe::warnings_heading(lang))?;
    for w in describe::warnings(warnings, lang) {
        writeln!(out, "> - {}", escape(&w))?;
    }
    writeln!(out)
}

/// The memo paragraph under its heading ([`crate::report::view`]).
pub fn memo(memo: &str, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## {}\n\n{}\n",
        crate::report::view::memo_heading(lang),
        escape(memo)
    )
}

/// 未落实清单: every dropped upper task on one line, with its nearest lower task, so an
/// auditor sees what is missing before reading task by task.
fn dropped_list(a: &Alignment, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let (open, close) = (captions::of(lang).open, captions::of(lang).close);
    writeln!(
        out,
        "## {}{open}{}{close}\n",
        captions::of(lang).dropped_upper_tasks,
        a.dropped.len()
    )?;
    if a.dropped.is_empty() {
        return writeln!(out, "{}\n", captions::of(lang).none);
    }
    for d in view::dropped(a) {
        writeln!(
            out,
            "- **{}** {}{open}{}{close}",
            escape(&d.id),
            escape(&short(&d.text, 60)),
            escape(&describe::nearest_words(
                d.nearest
                    .as_ref()
                    .map(|(id, score, _)| (id.as_str(), *score)),
                lang
            ))
        )?;
    }
    writeln!(out)
}

fn summary(a: &Alignment, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let s = &a.summary;
    writeln!(out, "## {}\n", captions::of(lang).summary)?;
    writeln!(
        out,
        "| {} | {} |\n|---|---:|",
        captions::of(lang).status,
        captions::of(lang).tasks
    )?;
    for (st, n) in [
        (Status::Carried, s.carried),
        (Status::Reworded, s.reworded),
        (Status::Dropped, s.dropped),
        (Status::Added, s.added),
    ] {
        writeln!(out, "| {} | {n} |", legend_label(st))?;
    }
    writeln!(
        out,
        "\n**{} {:.1}%**{}\n",
        captions::of(lang).coverage_heading,
        s.coverage_pct,
        match lang {
            Lang::Zh => format!(
                "（原文落实 {} + 改写落实 {}，共 {} 项上级任务；下级通知共 {} 项任务，{} 条对应关系）",
                s.carried, s.reworded, s.upper_tasks, s.lower_tasks, s.links
            ),
            Lang::En => format!(
                " (carried {} + reworded {} of {} upper tasks; the lower notice has {} tasks, {} links)",
                s.carried, s.reworded, s.upper_tasks, s.lower_tasks, s.links
            ),
        }
    )?;
    if s.review > 0 {
        writeln!(
            out,
            "**{} {}**{}{}  \n{}\n",
            describe::review_label(lang),
            s.review,
            captions::of(lang).upper_tasks_after_colon,
            escape(&describe::review_ids(a, lang)),
            escape(describe::review_note(lang))
        )?;
    }
    writeln!(out, "### {}\n", captions::of(lang).coverage_per_section)?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|",
        captions::of(lang).upper_section,
        captions::of(lang).upper_tasks,
        report_label(Status::Carried, lang),
        report_label(Status::Reworded, lang),
        report_label(Status::Dropped, lang),
        captions::of(lang).coverage,
    )?;
    for sec in &s.sections {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.1}% |",
            escape(&describe::section_name(&sec.section, lang)),
            sec.upper_tasks,
            sec.carried,
            sec.reworded,
            sec.dropped,
            sec.coverage_pct
        )?;
    }
    writeln!(out)
}

fn details(v: &CompareView, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}\n", captions::of(lang).task_by_task)?;
    writeln!(out, "{}\n", captions::of(lang).legend_struck_text_is_in)?;
    for (section, rows) in &v.sections {
        writeln!(
            out,
            "### {}\n",
            escape(&describe::section_name(section, lang))
        )?;
        let mut sub: Option<&str> = None;
        for u in rows.iter().map(|&i| &v.uppers[i]) {
            if describe::subsection_of(u.task) != sub {
                sub = describe::subsection_of(u.task);
                if let Some(h) = sub {
                    writeln!(out, "*{}*\n", escape(h))?;
                }
            }
            upper_task(u, lang, out)?;
        }
    }
    Ok(())
}

fn upper_task(u: &UpperRow, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let colon = captions::of(lang).colon;
    let task = u.task;
    let review = match (&u.review_reason, u.decision) {
        (Some(why), Some(d)) => format!(
            " · **{}**（{} {:.2}）",
            escape(why),
            captions::of(lang).confidence,
            d.confidence
        ),
        _ => String::new(),
    };
    writeln!(
        out,
        "#### {} {} · {}{review}\n",
        captions::of(lang).upper,
        escape(&task.id),
        report_label(u.status, lang)
    )?;
    writeln!(
        out,
        "**{}**{colon}{}  \n{}{colon}{} · {}{colon}{}\n",
        captions::of(lang).upper_task_text,
        escape(&task.text),
        captions::of(lang).deadline_heading,
        escape(&describe::task_deadline(task)),
        captions::of(lang).units,
        escape(&describe::task_units(task, lang)),
    )?;
    if u.links.is_empty() {
        let nearest =
            describe::candidate_list(u.candidates, lang).unwrap_or_else(|| describe::NONE.into());
        writeln!(
            out,
            "- {}{colon}{}\n",
            captions::of(lang).nearest_lower_tasks_score,
            escape(&nearest)
        )?;
        return Ok(());
    }
    for l in &u.links {
        lower_link(l, lang, out)?;
    }
    writeln!(out)
}

fn lower_link(l: &LinkRow, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let colon = captions::of(lang).colon;
    let link = l.link;
    writeln!(
        out,
        "- **{} {}** · {} · {} {}{}",
        captions::of(lang).lower_column,
        escape(&link.lower),
        report_label(link.status, lang),
        captions::of(lang).score,
        describe::score(link.score),
        describe::origin(link, lang)
            .map(|o| format!(" · {}", escape(&o)))
            .unwrap_or_default()
    )?;
    if let Some(t) = l.lower {
        writeln!(
            out,
            "  - {}{colon}{}",
            captions::of(lang).lower_task,
            escape(&t.text)
        )?;
    }
    writeln!(out, "  - {}{colon}{}", captions::of(lang).diff, diff(link))?;
    let mut items: Vec<String> = Vec::new();
    items.extend(describe::deadline(&link.deadline_change, lang));
    items.extend(describe::units(&link.unit_change, lang));
    if let Some(n) = describe::numbers(&link.number_changes, lang) {
        items.push(format!("{}{colon}{n}", captions::of(lang).numbers));
    }
    if let Some(s) = describe::softened(&link.softened, lang) {
        items.push(format!("{}{colon}{s}", captions::of(lang).softened_heading));
    }
    if let Some(c) = describe::clauses(link) {
        let missing: Vec<String> = link
            .clauses
            .iter()
            .filter(|c| !c.covered)
            .map(|c| format!("“{}”", c.clause))
            .collect();
        items.push(format!(
            "{}{colon}{c}{}{}",
            captions::of(lang).clauses_covered,
            captions::of(lang).not_covered,
            missing.join(captions::of(lang).list_sep)
        ));
    }
    for item in items {
        writeln!(out, "  - {}", escape(&item))?;
    }
    Ok(())
}

fn added(v: &CompareView, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let colon = captions::of(lang).colon;
    writeln!(
        out,
        "## {} · {}\n",
        captions::of(lang).added_lower_tasks,
        legend_label(Status::Added)
    )?;
    if v.added.is_empty() {
        writeln!(out, "{}", captions::of(lang).none)?;
        return Ok(());
    }
    for added in &v.added {
        let task = added.task;
        writeln!(
            out,
            "#### {} {} · {}\n",
            captions::of(lang).lower_column,
            escape(&task.id),
            report_label(Status::Added, lang)
        )?;
        writeln!(
            out,
            "**{}**{colon}{}  \n{}{colon}{} · {}{colon}{} · {}{colon}{}\n",
            captions::of(lang).lower_task,
            escape(&task.text),
            captions::of(lang).section,
            escape(&describe::section_name(describe::section_of(task), lang)),
            captions::of(lang).deadline_heading,
            escape(&describe::task_deadline(task)),
            captions::of(lang).units,
            escape(&describe::task_units(task, lang)),
        )?;
        let nearest = describe::candidate_list(added.candidates, lang)
            .unwrap_or_else(|| describe::NONE.into());
        writeln!(
            out,
            "- {}{colon}{}\n",
            captions::of(lang).nearest_upper_tasks_score,
            escape(&nearest)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DiffOp;

    #[test]
    fn escapes_markup_in_notice_text() {
        assert_eq!(
            escape("a|b *c* ~d~ <script> {{7*7}}"),
            r"a\|b \*c\* \~d\~ \<script\> \{\{7\*7\}\}"
        );
        assert_eq!(escape("第一行\n第二行"), "第一行 第二行");
    }

    #[test]
    fn diff_marks_are_set_apart() {
        let link_diff = vec![
            DiffOp::Equal("公开".into()),
            DiffOp::Delete("，年底前".into()),
            DiffOp::Insert("及时".into()),
            DiffOp::Equal("发布".into()),
        ];
        let mut out = String::new();
        for (p, t) in describe::pieces(&link_diff) {
            match p {
                Piece::Equal => out.push_str(t),
                Piece::Delete => push_marked(&mut out, "~~", t),
                Piece::Insert => push_marked(&mut out, "**", t),
            }
        }
        assert_eq!(out, "公开 ~~，年底前~~ **及时** 发布");
    }
}
