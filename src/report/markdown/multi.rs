//! Chains and coverage runs as Markdown. A chain: the notices level by level, a table with
//! one row per top task and one column per level below (status, the task ids that carry
//! it there, 越级/direct marked), then each level's summary against its parent. A coverage
//! run: coverage per locality, then the upper tasks least covered first with their counts
//! and the localities that dropped each, then the inputs skipped. Both open with their
//! warnings.
//!
//! Every text taken from a notice goes through [`escape`].

use std::io::{self, Write};

use super::compare::escape;
use crate::model::{Chain, Coverage, Status, Via};
use crate::report::captions;
use crate::report::describe;
use crate::report::view::ChainCellView;
use crate::report::{Lang, RenderOptions, report_label};

/// A chain cell as text: `原文落实 (3, 4)`, with ` 越级` / ` direct` when it skipped a level
/// and `?` after the status when the call needs review (待核实).
pub fn chain_cell(cell: &ChainCellView, lang: Lang) -> String {
    cell_words(cell, true, lang)
}

/// A chain cell's status alone, with its marks: `原文落实? 越级`.
pub fn chain_status(cell: &ChainCellView, lang: Lang) -> String {
    cell_words(cell, false, lang)
}

fn cell_words(cell: &ChainCellView, tasks: bool, lang: Lang) -> String {
    let mut s = report_label(cell.status, lang);
    if cell.review {
        s.push('?');
    }
    if tasks && !cell.carriers.is_empty() {
        s.push_str(&format!(" ({})", cell.ids().join(", ")));
    }
    if cell.via == Via::Direct {
        s.push_str(captions::of(lang).direct_suffix);
    }
    s
}

/// `(k) name`, the short column heading of level `k`.
pub fn level_heading(c: &Chain, k: usize) -> String {
    let n = &c.notices[k];
    match n.meta.level {
        Some(l) => format!("{}: {}", l.zh(), n.display_name()),
        None => format!("L{k}: {}", n.display_name()),
    }
}

fn timestamp(opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    if let Some(ts) = &opts.timestamp {
        writeln!(
            out,
            "{}{}{ts}\n",
            captions::of(opts.lang).generated,
            captions::of(opts.lang).colon
        )?;
    }
    Ok(())
}

/// Writes a chain as Markdown.
pub fn chain(c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let v = crate::report::view::chain(c);
    writeln!(
        out,
        "# {}{}{}\n",
        captions::of(lang).chain_title,
        captions::of(lang).colon,
        escape(&describe::heading(&c.notices[0]))
    )?;
    timestamp(opts, out)?;
    super::compare::warnings(&c.warnings, lang, out)?;
    super::compare::memo(&crate::report::view::chain_memo(c, lang), lang, out)?;
    writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---:|",
        captions::of(lang).level,
        captions::of(lang).notice,
        captions::of(lang).file,
        captions::of(lang).tasks,
    )?;
    for (k, n) in c.notices.iter().enumerate() {
        writeln!(
            out,
            "| L{k} {} | {} | {} | {} |",
            escape(&describe::level(n)),
            escape(&describe::heading(n)),
            escape(&describe::source_name(n)),
            n.tasks.len()
        )?;
    }
    writeln!(out, "\n## {}\n", captions::of(lang).each_top_task)?;
    let mut head = format!(
        "| {} | {} |",
        captions::of(lang).id,
        captions::of(lang).upper_requirement
    );
    let mut rule = "|---|---|".to_string();
    for k in 1..c.notices.len() {
        head.push_str(&format!(" {} |", escape(&level_heading(c, k))));
        rule.push_str("---|");
    }
    writeln!(out, "{head}\n{rule}")?;
    for r in &v.rows {
        let mut line = format!("| {} | {} |", escape(r.id), escape(r.text));
        for cell in &r.cells {
            line.push_str(&format!(" {} |", escape(&chain_cell(cell, lang))));
        }
        writeln!(out, "{line}")?;
    }
    if v.in_review() > 0 {
        writeln!(out, "\n`?` {}", describe::review_note(lang))?;
    }
    writeln!(out, "\n## {}\n", captions::of(lang).per_level_summary)?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|",
        captions::of(lang).level_against_the_level_above,
        captions::of(lang).coverage,
        report_label(Status::Carried, lang),
        report_label(Status::Reworded, lang),
        report_label(Status::Dropped, lang),
        report_label(Status::Added, lang),
        captions::of(lang).tasks,
    )?;
    for (k, (n, s)) in v.levels.iter().enumerate() {
        writeln!(
            out,
            "| L{} → L{} {} | {:.1}% | {} | {} | {} | {} | {} |",
            k,
            k + 1,
            escape(&n.display_name()),
            s.coverage_pct,
            s.carried,
            s.reworded,
            s.dropped,
            s.added,
            s.lower_tasks
        )?;
    }
    Ok(())
}

/// Writes a coverage run as Markdown.
pub fn coverage(c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(
        out,
        "# {}{}{}\n",
        captions::of(lang).coverage_title,
        captions::of(lang).colon,
        escape(&describe::heading(&c.upper))
    )?;
    timestamp(opts, out)?;
    super::compare::warnings(&c.all_warnings(), lang, out)?;
    super::compare::memo(&crate::report::view::coverage_memo(c, lang), lang, out)?;
    writeln!(
        out,
        "{}{}{}，{} {}\n",
        captions::of(lang).upper_tasks_heading,
        captions::of(lang).colon,
        c.upper.tasks.len(),
        c.localities.len(),
        captions::of(lang).lower_notices_counted,
    )?;
    writeln!(out, "## {}\n", captions::of(lang).coverage_per_locality)?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|---:|",
        captions::of(lang).locality,
        captions::of(lang).file,
        captions::of(lang).coverage,
        report_label(Status::Carried, lang),
        report_label(Status::Reworded, lang),
        report_label(Status::Dropped, lang),
        report_label(Status::Added, lang),
    )?;
    for l in &c.localities {
        let s = &l.summary;
        writeln!(
            out,
            "| {} | {} | {:.1}% | {} | {} | {} | {} |",
            escape(&l.name),
            escape(&file_name(&l.source)),
            s.coverage_pct,
            s.carried,
            s.reworded,
            s.dropped,
            s.added
        )?;
    }
    writeln!(
        out,
        "\n## {}\n",
        captions::of(lang).upper_tasks_least_covered_first
    )?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|---|",
        captions::of(lang).id,
        captions::of(lang).upper_requirement,
        report_label(Status::Carried, lang),
        report_label(Status::Reworded, lang),
        report_label(Status::Dropped, lang),
        captions::of(lang).covered,
        captions::of(lang).dropped_by,
    )?;
    let n = c.localities.len();
    let v = crate::report::view::coverage(c);
    for &(t, row) in &v.ranked {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {}/{n} | {} |",
            escape(&t.id),
            escape(&t.text),
            t.carried,
            t.reworded,
            t.dropped,
            t.carried + t.reworded,
            escape(&dropped_by(&v, row, lang)),
        )?;
    }
    if c.localities.iter().any(|l| l.review.contains(&true)) {
        writeln!(out, "\n`?` {}", describe::review_note(lang))?;
    }
    if !c.failures.is_empty() {
        writeln!(out, "\n## {}\n", captions::of(lang).inputs_skipped)?;
        for f in &c.failures {
            writeln!(
                out,
                "- {}{}{}",
                escape(&file_name(&f.source)),
                captions::of(lang).colon,
                escape(&crate::report::errors::skipped(f, lang))
            )?;
        }
    }
    Ok(())
}

/// The localities that dropped an upper task, by name (`池州市 2021、九江市?`; `?`: the
/// call needs review, 待核实), or `—`.
fn dropped_by(v: &crate::report::view::CoverageView, row: Option<usize>, lang: Lang) -> String {
    let names: Vec<String> = v
        .dropped_by(row)
        .into_iter()
        .map(|(name, review)| {
            if review {
                format!("{name}?")
            } else {
                name.to_string()
            }
        })
        .collect();
    if names.is_empty() {
        describe::NONE.into()
    } else {
        names.join(captions::of(lang).list_sep)
    }
}

/// The file name without directories, so reports do not depend on where they were made.
pub fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}
