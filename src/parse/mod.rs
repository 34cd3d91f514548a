//! Clean text (or a structured document's tables) → a [`Notice`] with its [`Task`]s.
//!
//! The layout is detected from the text, never from the file name:
//! - [`Layout::TabRows`]: one table row per line, cells separated by tabs;
//! - [`Layout::CellLines`]: one cell per line (each opening with a tab), rows separated by
//!   blank lines;
//! - [`Layout::PipeRows`]: one row per line, cells separated by `|`;
//! - [`Layout::Prose`]: items numbered （一）（二）… under `一、` headings.
//!
//! The three table layouts are turned into rows of cells and go through one task
//! extractor ([`table::extract`]); so do the tables of .docx and HTML documents.

pub mod fields;
pub mod meta;
pub mod prose;
pub mod table;

use crate::ingest::{Block, Document};
use crate::model::{Layout, Notice, Task};
use table::Item;

/// Why a read document yields no notice.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    #[error(
        "{path}: no task list found (looked for a table with numbered requirement rows, or prose items numbered （一）（二）…)"
    )]
    NoTasks { path: String },
}

/// Parses a read document into a notice.
pub fn parse_document(doc: &Document) -> Result<Notice, ParseError> {
    let lines: Vec<&str> = doc.text.split('\n').collect();
    // A first pass for the year, which deadlines such as 年底前 need.
    let year_hint = meta::read_meta(&lines[..lines.len().min(60)], "", &[]).year;
    let (layout, mut tasks) = match &doc.blocks {
        Some(blocks) => extract_blocks(blocks, &lines, year_hint),
        None => extract_text(&lines, year_hint),
    };
    if tasks.is_empty() {
        return Err(ParseError::NoTasks {
            path: doc.source.clone(),
        });
    }
    make_ids_unique(&mut tasks);
    let first_line = tasks.iter().map(|t| t.line).min().unwrap_or(1);
    let preamble = &lines[..first_line.saturating_sub(1).min(lines.len())];
    let unit_names: Vec<&str> = tasks
        .iter()
        .flat_map(|t| t.all_units())
        .map(|s| s.as_str())
        .collect();
    let meta = meta::read_meta(preamble, &doc.text, &unit_names);
    if meta.year != year_hint {
        // Deadlines were read with the first-pass year; read them again with the final one.
        for t in &mut tasks {
            if let Some(raw) = t.deadline.raw.clone() {
                t.deadline = fields::parse_deadline(&raw, meta.year);
            }
        }
    }
    Ok(Notice {
        source: doc.source.clone(),
        meta,
        layout,
        tasks,
        warnings: Vec::new(),
    })
}

/// Counts of lines that look like each layout.
#[derive(Debug, Default)]
struct LayoutVotes {
    tab_rows: usize,
    cell_lines: usize,
    pipe_rows: usize,
    prose_items: usize,
}

fn vote(lines: &[&str]) -> LayoutVotes {
    let mut v = LayoutVotes::default();
    for l in lines {
        let tabs = l.matches('\t').count();
        if tabs >= 1 && l.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2 {
            v.tab_rows += 1;
        } else if tabs == 1 && l.trim_start_matches(' ').starts_with('\t') {
            v.cell_lines += 1;
        }
        if l.matches('|').count() >= 2 && l.split('|').filter(|c| !c.trim().is_empty()).count() >= 2
        {
            v.pipe_rows += 1;
        }
    }
    v.prose_items = prose::item_lines(lines);
    v
}

fn extract_text(lines: &[&str], year: Option<i32>) -> (Layout, Vec<Task>) {
    let v = vote(lines);
    // Each layout with its weight: a row of the cell-per-line layout spans ~6 lines.
    let mut order = [
        (v.pipe_rows * 3, Layout::PipeRows),
        (v.tab_rows * 3, Layout::TabRows),
        (v.cell_lines / 2, Layout::CellLines),
        (v.prose_items * 3, Layout::Prose),
    ];
    order.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    for (n, layout) in order {
        if n == 0 {
            break;
        }
        let tasks = match layout {
            Layout::PipeRows => table::extract(&split_rows(lines, '|'), year),
            Layout::TabRows => table::extract(&split_rows(lines, '\t'), year),
            Layout::CellLines => table::extract(&cell_line_rows(lines), year),
            Layout::Prose | Layout::DocumentTable => prose::extract(lines, 0, year),
        };
        if !tasks.is_empty() {
            return (layout, tasks);
        }
    }
    (Layout::TabRows, Vec::new())
}

fn extract_blocks(blocks: &[Block], lines: &[&str], year: Option<i32>) -> (Layout, Vec<Task>) {
    let mut items = Vec::new();
    // Structured documents carry no line numbers; number blocks and rows in order, which
    // matches the lines of the document's text (one paragraph or row per line).
    let mut line = 0usize;
    for b in blocks {
        match b {
            Block::Para(p) => {
                line += 1;
                items.push(Item::Para {
                    text: p.clone(),
                    line,
                });
            }
            Block::Table(rows) => {
                for r in rows {
                    line += 1;
                    items.push(Item::Row {
                        cells: r.clone(),
                        line,
                    });
                }
                items.push(Item::Break);
            }
        }
    }
    let tasks = table::extract(&items, year);
    if !tasks.is_empty() {
        return (Layout::DocumentTable, tasks);
    }
    (Layout::Prose, prose::extract(lines, 0, year))
}

/// Rows of a table written one row per line with `sep` between cells; a heading written
/// vertically (one or a few characters per line, as PDF extraction leaves it) is joined.
fn split_rows(lines: &[&str], sep: char) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let line = i + 1;
        i += 1;
        if l.contains(sep) && l.split(sep).filter(|c| !c.trim().is_empty()).count() >= 2 {
            let mut cells: Vec<String> = l.split(sep).map(|c| c.trim().to_string()).collect();
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            items.push(Item::Row { cells, line });
        } else if l.trim().is_empty() {
            items.push(Item::Break);
        } else {
            let mut text = l.trim().to_string();
            if crate::lexicon::heading_level(&text) == Some(0) {
                while i < lines.len() {
                    let next = lines[i].trim();
                    if next.is_empty() || next.contains(sep) || next.chars().count() > 8 {
                        break;
                    }
                    text.push_str(next);
                    i += 1;
                }
            }
            items.push(Item::Para { text, line });
        }
    }
    items
}

/// Rows of a table flattened to one cell per line: each cell opens with a tab, a cell's
/// wrapped text continues on lines without one, and rows are separated by empty lines.
fn cell_line_rows(lines: &[&str]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].is_empty() {
            i += 1;
        }
        let group = &lines[start..i];
        match group
            .iter()
            .position(|l| l.trim_start_matches(' ').starts_with('\t'))
        {
            None => {
                for (k, l) in group.iter().enumerate() {
                    if !l.trim().is_empty() {
                        items.push(Item::Para {
                            text: l.trim().to_string(),
                            line: start + k + 1,
                        });
                    }
                }
            }
            Some(first_cell) => {
                for (k, l) in group[..first_cell].iter().enumerate() {
                    if !l.trim().is_empty() {
                        items.push(Item::Para {
                            text: l.trim().to_string(),
                            line: start + k + 1,
                        });
                    }
                }
                let joined = group[first_cell..].join("\n");
                let cells: Vec<String> = joined
                    .split('\t')
                    .skip(1)
                    .map(|c| c.split('\n').map(str::trim).collect::<String>())
                    .collect();
                items.push(Item::Row {
                    cells,
                    line: start + first_cell + 1,
                });
            }
        }
    }
    items
}

/// A task number printed twice (numbering restarted in a later table) gets a suffix.
fn make_ids_unique(tasks: &mut [Task]) {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for t in tasks.iter_mut() {
        let n = seen.entry(t.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            t.id = format!("{}_{}", t.id, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, read_bytes};

    fn parse(text: &str) -> Notice {
        let doc = read_bytes("t.txt", text.as_bytes(), &IngestOptions::default()).unwrap();
        parse_document(&doc).unwrap()
    }

    #[test]
    fn vertical_heading_lines_are_joined() {
        let text = "工作任务\t具体要求\t责任单位\t时限要求\n(一)加强\t1 做好信息公开工作，提升质量\t市政府各部门负责落实\t年底前\n\n二、一\n进\n步\n\n工作任务\t具体要求\t责任单位\t时限要求\n(一)做好\t2 建立政策文件库，实现全面归集\t市司法局牵头\t9 月底前\n";
        let n = parse(text);
        assert_eq!(n.layout, Layout::TabRows);
        assert_eq!(n.tasks.len(), 2);
        assert_eq!(n.tasks[1].section, ["二、一进步", "（一）做好"]);
        assert_eq!(n.tasks[1].lead_units, ["市司法局"]);
    }

    #[test]
    fn pipe_rows_with_missing_leading_cells() {
        let text = "一、着力加强 | (一)围绕建设 | 1 | 把公开透明作为基本要求,坚持以公开为常态。 | 市政府各部门负责落实 | 全年 |\n2 | 结合政府机构改革,做好公开工作。 | 市编办牵头,市政府各部门负责落实 | 全年 |\n";
        let n = parse(text);
        assert_eq!(n.layout, Layout::PipeRows);
        assert_eq!(n.tasks.len(), 2);
        assert_eq!(n.tasks[1].section, ["一、着力加强", "（一）围绕建设"]);
        assert_eq!(n.tasks[1].lead_units, ["市编办"]);
    }

    #[test]
    fn text_without_tasks_is_an_error() {
        let doc = read_bytes(
            "n.txt",
            "只是一段文字。".as_bytes(),
            &IngestOptions::default(),
        )
        .unwrap();
        let err = parse_document(&doc).unwrap_err();
        assert!(err.to_string().starts_with("n.txt: no task list found"));
    }

    #[test]
    fn duplicate_numbers_get_suffixes() {
        let mut t = vec![
            Task {
                id: "1".into(),
                section: vec![],
                text: String::new(),
                units: vec![],
                lead_units: vec![],
                deadline: crate::model::Deadline::unspecified(),
                line: 1,
            };
            2
        ];
        make_ids_unique(&mut t);
        assert_eq!(t[1].id, "1_2");
    }
}
