//! Renders a parsed notice: its metadata and task list, as a terminal table or JSON.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::model::{DeadlineKind, Notice};
use crate::report::Lang;

/// JSON: the serialisation of [`Notice`], pretty-printed, with a final newline.
pub fn json(notice: &Notice, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, notice)?;
    out.write_all(b"\n")
}

/// A metadata block and one table row per task, captioned in `lang`.
pub fn table(
    notice: &Notice,
    width: Option<u16>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let m = &notice.meta;
    let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    let fields = [
        (("标题", "title"), dash(&m.title)),
        (("发文机关", "issuer"), dash(&m.issuer)),
        (("文号", "doc number"), dash(&m.doc_number)),
        (("日期", "date"), dash(&m.date)),
        (
            ("年份", "year"),
            m.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()),
        ),
        (
            ("层级", "level"),
            m.level
                .map(|l| match lang {
                    Lang::Zh => l.zh().to_string(),
                    Lang::En => format!("{} ({})", l.zh(), l.as_str()),
                })
                .unwrap_or_else(|| "—".into()),
        ),
        (("地区", "region"), dash(&m.region)),
        (("任务数", "tasks"), notice.tasks.len().to_string()),
    ];
    writeln!(out, "{}", notice.source)?;
    for ((zh, en), value) in fields {
        match lang {
            // Four characters at most: the values line up at twelve columns.
            Lang::Zh => {
                let pad = " ".repeat(2 * (4 - zh.chars().count()));
                writeln!(out, "  {zh}：{pad}{value}")?
            }
            Lang::En => writeln!(out, "  {:<11} {value}", format!("{en}:"))?,
        }
    }
    let header = match lang {
        Lang::Zh => ["序号", "所属部分", "要求", "牵头单位", "责任单位", "时限"],
        Lang::En => ["id", "section", "requirement", "lead", "units", "deadline"],
    };
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
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
