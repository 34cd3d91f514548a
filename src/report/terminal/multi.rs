//! Chains and coverage runs in the terminal (their CSV is in [`crate::report::csv`], their
//! JSON is their serialisation).

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::words;
use crate::model::{Chain, Coverage, Status, Via};
use crate::report::view::{self, ChainCellView};
use crate::report::{Lang, captions, describe, label, short};

/// A chain cell in the terminal: `原文落实 (3, 4) 越级 待核实`.
fn cell_text(cell: &ChainCellView, lang: Lang) -> String {
    let mut s = label(cell.status, lang);
    if !cell.carriers.is_empty() {
        s.push_str(&format!(" ({})", cell.ids().join(", ")));
    }
    if cell.via == Via::Direct {
        s.push_str(captions::of(lang).direct_suffix);
    }
    if cell.review {
        s.push(' ');
        s.push_str(describe::review_label(lang));
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
        let line = words::level(i, &n.display_name(), n.tasks.len(), lang);
        writeln!(out, "{line}")?;
    }
    super::compare::warnings(&c.warnings, lang, out)?;
    let v = view::chain(c);
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let mut header = vec![
        captions::of(lang).id.to_string(),
        captions::of(lang).requirement.to_string(),
    ];
    // A level's column: its level and region (`市级 池州市`), short enough not to be cut.
    header.extend(v.levels.iter().map(|&(n, _)| {
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
    for r in &v.rows {
        let mut row = vec![r.id.to_string(), short(r.text, 36)];
        row.extend(r.cells.iter().map(|cell| cell_text(cell, lang)));
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    for (k, (_, s)) in v.levels.iter().enumerate() {
        let (open, sep, close) = match lang {
            Lang::En => (" (", ", ", ")"),
            Lang::Zh => ("（", "，", "）"),
        };
        writeln!(
            out,
            "{}{open}{} {}{sep}{} {}{sep}{} {}{sep}{} {}{close}",
            words::level_against(k, s.coverage_pct, lang),
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
    let (reached, total) = v.end_to_end;
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
    let line = words::coverage_upper(
        &c.upper.display_name(),
        c.upper.tasks.len(),
        c.localities.len(),
        lang,
    );
    writeln!(out, "{line}")?;
    super::compare::warnings(&c.all_warnings(), lang, out)?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            captions::of(lang).locality.to_string(),
            captions::of(lang).coverage_pct.to_string(),
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
            captions::of(lang).upper_word.to_string(),
            captions::of(lang).requirement.to_string(),
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
        writeln!(
            out,
            "{}",
            words::skipped(&f.source, &crate::report::errors::skipped(f, lang), lang)
        )?;
    }
    Ok(())
}
