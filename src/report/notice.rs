//! Renders a parsed notice: its metadata and task list, as a terminal table or JSON.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::model::{DeadlineKind, Notice};

/// JSON: the serialisation of [`Notice`], pretty-printed, with a final newline.
pub fn json(notice: &Notice, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, notice)?;
    out.write_all(b"\n")
}

/// A metadata block and one table row per task.
pub fn table(notice: &Notice, width: Option<u16>, out: &mut dyn Write) -> io::Result<()> {
    let m = &notice.meta;
    let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "{}", notice.source)?;
    writeln!(out, "  title:      {}", dash(&m.title))?;
    writeln!(out, "  issuer:     {}", dash(&m.issuer))?;
    writeln!(out, "  doc number: {}", dash(&m.doc_number))?;
    writeln!(out, "  date:       {}", dash(&m.date))?;
    writeln!(
        out,
        "  year:       {}",
        m.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())
    )?;
    writeln!(
        out,
        "  level:      {}",
        m.level
            .map(|l| format!("{} ({})", l.zh(), l.as_str()))
            .unwrap_or_else(|| "—".into())
    )?;
    writeln!(out, "  region:     {}", dash(&m.region))?;
    writeln!(out, "  tasks:      {}", notice.tasks.len())?;
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "id",
            "section",
            "requirement",
            "lead",
            "units",
            "deadline",
        ]);
    if let Some(w) = width {
        t.set_width(w);
    }
    for task in &notice.tasks {
        let deadline = match (&task.deadline.raw, task.deadline.kind, &task.deadline.date) {
            (_, DeadlineKind::Date, Some(d)) => d.clone(),
            (Some(raw), _, _) => raw.clone(),
            (None, _, _) => "—".into(),
        };
        t.add_row(vec![
            task.id.clone(),
            super::short(task.section.last().map(String::as_str).unwrap_or(""), 14),
            super::short(&task.text, 60),
            task.lead_units.join("、"),
            super::short(&task.units.join("、"), 30),
            deadline,
        ]);
    }
    writeln!(out, "{t}")
}
