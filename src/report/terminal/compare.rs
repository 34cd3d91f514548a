//! The alignment as a terminal table: a row per upper task (id, short text, status, lower
//! ids, score), then the added lower tasks, then a summary line. Links made by a shared
//! phrase or by an override are marked beside the lower id.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::model::{Alignment, Origin, Status, Warning};
use crate::report::{Lang, describe, label, short};

/// A report's warnings, one `warning:` line each, above the table.
pub fn warnings(warnings: &[Warning], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for w in describe::warnings(warnings, lang) {
        writeln!(out, "warning: {w}")?;
    }
    Ok(())
}

pub fn render(
    a: &Alignment,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "upper: {} ({} tasks)",
        a.upper.display_name(),
        a.upper.tasks.len()
    )?;
    writeln!(
        out,
        "lower: {} ({} tasks)",
        a.lower.display_name(),
        a.lower.tasks.len()
    )?;
    warnings(&a.warnings, lang, out)?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "upper",
            "requirement",
            "status",
            "lower",
            "score",
            "confidence",
        ]);
    if let Some(w) = width {
        t.set_width(w);
    }
    for task in &a.upper.tasks {
        let links: Vec<_> = a.links_of_upper(&task.id).collect();
        let status = a.upper_status(&task.id);
        let (lower, score) = if links.is_empty() {
            let best = a
                .dropped_evidence
                .iter()
                .find(|d| d.id == task.id)
                .and_then(|d| d.candidates.first());
            (
                best.map(|c| format!("(nearest {})", c.id))
                    .unwrap_or_default(),
                best.map(|c| format!("{:.2}", c.score)).unwrap_or_default(),
            )
        } else {
            (
                links
                    .iter()
                    .map(|l| match l.origin {
                        Origin::Computed => l.lower.clone(),
                        Origin::Phrase => format!("{} (phrase)", l.lower),
                        Origin::Override => format!("{} (override)", l.lower),
                        Origin::Order => format!("{} (order)", l.lower),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                links
                    .iter()
                    .map(|l| format!("{:.2}", l.score))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        t.add_row(vec![
            task.id.clone(),
            short(&task.text, 40),
            label(status, lang),
            lower,
            score,
            describe::decision(a, &task.id, lang).unwrap_or_default(),
        ]);
    }
    for id in &a.added {
        let text = a
            .lower
            .task(id)
            .map(|t| short(&t.text, 40))
            .unwrap_or_default();
        t.add_row(vec![
            String::new(),
            text,
            label(Status::Added, lang),
            id.clone(),
            String::new(),
            String::new(),
        ]);
    }
    writeln!(out, "{t}")?;
    if a.links.iter().any(|l| l.origin == Origin::Phrase) {
        writeln!(
            out,
            "(phrase): linked by a verbatim phrase that only these two tasks share (the phrase itself is in the json, md, html, csv and xlsx output)"
        )?;
    }
    if a.summary.review > 0 {
        writeln!(out, "{}", describe::review_note(lang))?;
    }
    let s = &a.summary;
    writeln!(
        out,
        "{} {} · {} {} · {} {} · {} {} · coverage {:.1}% · {} {}",
        label(Status::Carried, lang),
        s.carried,
        label(Status::Reworded, lang),
        s.reworded,
        label(Status::Dropped, lang),
        s.dropped,
        label(Status::Added, lang),
        s.added,
        s.coverage_pct,
        describe::review_label(lang),
        s.review
    )
}
