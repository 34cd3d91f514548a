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
    let v = crate::report::view::compare(a, lang);
    for u in &v.uppers {
        let (lower, score) = if u.links.is_empty() {
            let best = u.nearest();
            (
                best.map(|c| format!("(nearest {})", c.id))
                    .unwrap_or_default(),
                best.map(|c| format!("{:.2}", c.score)).unwrap_or_default(),
            )
        } else {
            (
                u.links
                    .iter()
                    .map(|l| match l.link.origin {
                        Origin::Computed => l.link.lower.clone(),
                        Origin::Phrase => format!("{} (phrase)", l.link.lower),
                        Origin::Override => format!("{} (override)", l.link.lower),
                        Origin::Order => format!("{} (order)", l.link.lower),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                u.links
                    .iter()
                    .map(|l| format!("{:.2}", l.link.score))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        t.add_row(vec![
            u.task.id.clone(),
            short(&u.task.text, 40),
            label(u.status, lang),
            lower,
            score,
            u.decision
                .map(|d| describe::decision_words(d, lang))
                .unwrap_or_default(),
        ]);
    }
    for added in &v.added {
        t.add_row(vec![
            String::new(),
            short(&added.task.text, 40),
            label(Status::Added, lang),
            added.task.id.clone(),
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
