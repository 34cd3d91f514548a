//! The alignment as a terminal table: a row per upper task (id, short text, status, lower
//! ids, score), then the added lower tasks, then a summary line. Links made by a shared
//! phrase or by an override are marked beside the lower id.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::words;
use crate::model::{Alignment, Origin, Status, Warning};
use crate::report::{Lang, captions, describe, label, short};

/// A report's warnings, one `warning:` line each, above the table.
pub fn warnings(warnings: &[Warning], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for w in describe::warnings(warnings, lang) {
        writeln!(out, "{}", words::warning(&w, lang))?;
    }
    Ok(())
}

pub fn render(
    a: &Alignment,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (upper, lower) = (&a.upper, &a.lower);
    let line = words::notice(true, &upper.display_name(), upper.tasks.len(), lang);
    writeln!(out, "{line}")?;
    let line = words::notice(false, &lower.display_name(), lower.tasks.len(), lang);
    writeln!(out, "{line}")?;
    warnings(&a.warnings, lang, out)?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            captions::of(lang).upper_word,
            captions::of(lang).requirement,
            captions::of(lang).status,
            captions::of(lang).lower_word,
            captions::of(lang).score,
            captions::of(lang).confidence,
        ]);
    if let Some(w) = width {
        t.set_width(w);
    }
    let v = crate::report::view::compare(a, lang);
    for u in &v.uppers {
        let (lower, score) = if u.links.is_empty() {
            let best = u.nearest();
            (
                best.map(|c| words::nearest(&c.id, lang))
                    .unwrap_or_default(),
                best.map(|c| format!("{:.2}", c.score)).unwrap_or_default(),
            )
        } else {
            (
                u.links
                    .iter()
                    .map(|l| words::linked(&l.link.lower, l.link.origin, lang))
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
        writeln!(out, "{}", words::phrase_note(lang))?;
    }
    if a.summary.review > 0 {
        writeln!(out, "{}", describe::review_note(lang))?;
    }
    let s = &a.summary;
    writeln!(
        out,
        "{} {} · {} {} · {} {} · {} {} · {} · {} {}",
        label(Status::Carried, lang),
        s.carried,
        label(Status::Reworded, lang),
        s.reworded,
        label(Status::Dropped, lang),
        s.dropped,
        label(Status::Added, lang),
        s.added,
        words::coverage(s.coverage_pct, lang),
        describe::review_label(lang),
        s.review
    )
}
