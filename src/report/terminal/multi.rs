//! Chains and coverage runs in the terminal (their CSV is in [`crate::report::csv`], their
//! JSON is their serialisation).

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::model::{Chain, Coverage, Status, Via};
use crate::report::{Lang, label, short};

fn cell_text(status: Status, via: Via, tasks: &[String], lang: Lang) -> String {
    let mut s = label(status, lang);
    if !tasks.is_empty() {
        s.push_str(&format!(" ({})", tasks.join(", ")));
    }
    if via == Via::Direct {
        s.push_str(match lang {
            Lang::Zh => " 越级",
            Lang::En => " direct",
        });
    }
    s
}

/// A row per top task, a column per level below.
pub fn chain_table(
    c: &Chain,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (i, n) in c.notices.iter().enumerate() {
        writeln!(
            out,
            "level {i}: {} ({} tasks)",
            n.display_name(),
            n.tasks.len()
        )?;
    }
    super::compare::warnings(&c.warnings, lang, out)?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let mut header = vec!["id".to_string(), "requirement".to_string()];
    // A level's column: its level and region (`市级 池州市`), short enough not to be cut.
    header.extend(c.notices[1..].iter().map(|n| {
        let level = n.meta.level.map(|l| match lang {
            Lang::Zh => l.zh(),
            Lang::En => l.as_str(),
        });
        let name = n.meta.region.clone().unwrap_or_else(|| n.display_name());
        match level {
            Some(l) => format!("{l} {}", short(&name, 12)),
            None => short(&name, 16),
        }
    }));
    t.set_header(header);
    if let Some(w) = width {
        t.set_width(w);
    }
    for r in &c.rows {
        let mut row = vec![r.id.clone(), short(&r.text, 36)];
        row.extend(r.cells.iter().map(|cell| {
            let mut text = cell_text(cell.status, cell.via, &cell.tasks, lang);
            if cell.review {
                text.push(' ');
                text.push_str(crate::report::describe::review_label(lang));
            }
            text
        }));
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    for (k, s) in c.summaries.iter().enumerate() {
        writeln!(
            out,
            "level {} vs level {}: coverage {:.1}% ({} {}, {} {}, {} {}, {} {})",
            k + 1,
            k,
            s.coverage_pct,
            label(Status::Carried, lang),
            s.carried,
            label(Status::Reworded, lang),
            s.reworded,
            label(Status::Dropped, lang),
            s.dropped,
            label(Status::Added, lang),
            s.added
        )?;
    }
    let (reached, total) = crate::report::view::chain_end_to_end(c);
    writeln!(
        out,
        "{}{reached} / {total}",
        match lang {
            Lang::Zh => "逐级落实到最下一级：",
            Lang::En => "top tasks reaching the lowest level: ",
        }
    )
}

/// Coverage per locality, then the upper tasks, least covered first.
pub fn coverage_table(
    c: &Coverage,
    lang: Lang,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "upper: {} ({} tasks), {} localities",
        c.upper.display_name(),
        c.upper.tasks.len(),
        c.localities.len()
    )?;
    super::compare::warnings(&c.warnings, lang, out)?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "locality".to_string(),
            "coverage %".to_string(),
            label(Status::Carried, lang),
            label(Status::Reworded, lang),
            label(Status::Dropped, lang),
            label(Status::Added, lang),
        ]);
    if let Some(w) = width {
        t.set_width(w);
    }
    for l in &c.localities {
        let s = &l.summary;
        t.add_row(vec![
            l.name.clone(),
            format!("{:.1}", s.coverage_pct),
            s.carried.to_string(),
            s.reworded.to_string(),
            s.dropped.to_string(),
            s.added.to_string(),
        ]);
    }
    writeln!(out, "{t}")?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "upper".to_string(),
            "requirement".to_string(),
            label(Status::Carried, lang),
            label(Status::Reworded, lang),
            label(Status::Dropped, lang),
        ]);
    if let Some(w) = width {
        t.set_width(w);
    }
    for task in &c.tasks {
        t.add_row(vec![
            task.id.clone(),
            short(&task.text, 40),
            task.carried.to_string(),
            task.reworded.to_string(),
            task.dropped.to_string(),
        ]);
    }
    writeln!(out, "{t}")?;
    for f in &c.failures {
        writeln!(out, "skipped {}: {}", f.source, f.error)?;
    }
    Ok(())
}
