//! Clean text (or a structured document's tables) → a [`Notice`] with its [`Task`]s.
//!
//! The layout is detected from the text, never from the file name:
//! - [`Layout::TabRows`]: one table row per line, cells separated by tabs;
//! - [`Layout::CellLines`]: one cell per line (each opening with a tab), rows separated by
//!   blank lines;
//! - [`Layout::PipeRows`]: one row per line, cells separated by `|` (with or without
//!   leading, trailing or doubled `|`);
//! - [`Layout::OneCellPerLine`]: one cell per line without tabs, cells ended by `|`,
//!   separated by `|` lines or by blank lines;
//! - [`Layout::Prose`]: numbered items in any scheme (see [`prose`]);
//! - [`Layout::SpaceRows`]: cells separated by spaces under a header of column words on
//!   one line, rows opened by the task numbers' sequence (see [`spaced`]).
//!
//! Evidence decides, in this order: a header row of column words laid out one per line
//! makes the text a one-cell-per-line table; a header of column words separated by spaces,
//! with numbered rows after it, a space-separated table; otherwise each layout gets a vote
//! (lines that look like its rows) and the layouts are tried from the best-voted down
//! until one yields tasks. Page chrome (`索引号:`, `发布机构:` …) is set aside first. The table layouts are
//! turned into rows of cells and go through one task extractor ([`table::extract`]); so do
//! the tables of .docx and HTML documents. [`parse_explained`] says what was tried and
//! chosen; [`numbering_warnings`] checks the notice's own task numbers for gaps and repeats.

pub mod cells;
pub mod fields;
pub mod meta;
pub mod prose;
pub mod spaced;
pub mod table;

use crate::ingest::{Block, Document};
use crate::lexicon::{Mark, is_page_chrome, numbering};
use crate::model::{Layout, Notice, NoticeWarning, Task};
use table::Item;

/// Why a read document yields no notice.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    #[error(
        "{path}: no task list found (looked for a table with numbered requirement rows, or numbered prose items such as （一） 1. ①; `policydiff parse --explain` shows what was tried)"
    )]
    NoTasks { path: String },
    #[error(
        "{path}: no task list found: the task table has its column headings ({header}) but its cells hold no requirement text (the page lost the table's content; save the original as .docx or text and try again)"
    )]
    EmptyTable { path: String, header: String },
}

/// Parses a read document into a notice.
pub fn parse_document(doc: &Document) -> Result<Notice, ParseError> {
    parse_explained(doc).0
}

/// [`parse_document`], with what the parser tried and chose, one sentence a line (for
/// `parse --explain`).
pub fn parse_explained(doc: &Document) -> (Result<Notice, ParseError>, Vec<String>) {
    let mut why = Vec::new();
    let lines: Vec<&str> = doc.text.split('\n').collect();
    // Page chrome above the notice is no part of it; blanked so that line numbers stay.
    let chrome: Vec<usize> = (0..lines.len())
        .filter(|&i| is_page_chrome(lines[i]))
        .collect();
    if !chrome.is_empty() {
        let shown: Vec<String> = chrome.iter().take(8).map(|i| (i + 1).to_string()).collect();
        why.push(format!(
            "page chrome set aside (索引号, 发布机构 …): line {}{}",
            shown.join(", "),
            if chrome.len() > 8 { ", …" } else { "" }
        ));
    }
    let body: Vec<&str> = if chrome.is_empty() {
        lines.clone()
    } else {
        let mut b = lines.clone();
        for &i in &chrome {
            b[i] = "";
        }
        b
    };
    // A first pass for the year, which deadlines such as 年底前 need.
    let year_hint = meta::read_meta(&lines[..lines.len().min(60)], "", &[]).year;
    let (layout, mut tasks, header) = match &doc.blocks {
        Some(blocks) => extract_blocks(blocks, &body, year_hint, &mut why),
        None => extract_text(&body, year_hint, &mut why),
    };
    if tasks.is_empty() {
        let path = doc.source.clone();
        let err = match header {
            Some(header) => {
                why.push("a table header was found, but no row holds requirement text".into());
                ParseError::EmptyTable {
                    path,
                    header: header.join(" | "),
                }
            }
            None => ParseError::NoTasks { path },
        };
        return (Err(err), why);
    }
    // What reading noticed, then the parser's own check of the numbering.
    let numbering = numbering_warnings(&tasks);
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
    why.push(format!("read {} tasks as {}", tasks.len(), layout.name()));
    // The warnings are not explained here: they reach the user as warnings, worded.
    let warnings = doc.warnings.iter().cloned().chain(numbering).collect();
    let ocr = doc.ocr.as_ref().map(|r| crate::model::OcrSummary {
        pages: r.pages,
        chars: r.chars,
        uncertain: r.uncertain,
        confidence: (r.confidence() * 1000.0).round() / 1000.0,
        tasks: ocr_tasks(&tasks, &r.uncertain_spans),
    });
    let notice = Notice {
        source: doc.source.clone(),
        meta,
        layout,
        tasks,
        warnings,
        ocr,
    };
    (Ok(notice), why)
}

/// The tasks holding an uncertain character of a scan: those whose text, units or
/// deadline (whitespace removed) hold the character's context as read.
fn ocr_tasks(tasks: &[crate::model::Task], spans: &[(String, f32)]) -> Vec<crate::model::OcrTask> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    tasks
        .iter()
        .filter_map(|t| {
            let all = squeeze(&format!(
                "{}{}{}{}",
                t.text,
                t.lead_units.concat(),
                t.units.concat(),
                t.deadline.raw.as_deref().unwrap_or("")
            ));
            let mut low = f32::MAX;
            let mut found = Vec::new();
            for (context, p) in spans {
                if all.contains(context.as_str()) {
                    low = low.min(*p);
                    found.push(context.clone());
                }
            }
            (!found.is_empty()).then(|| crate::model::OcrTask {
                id: t.id.clone(),
                confidence: (f64::from(low) * 1000.0).round() / 1000.0,
                uncertain: found,
            })
        })
        .collect()
}

/// Checks the notice's own task numbers as a checksum: numbers that skip (1, 2, 4) or
/// repeat mean a task was lost or read twice. Numbers may restart at 1 (numbering per
/// section or per table); continuation rows (`3-2`) are not numbered by the notice.
pub fn numbering_warnings(tasks: &[Task]) -> Vec<NoticeWarning> {
    let mut out = Vec::new();
    // (group, number, line) of the numbered task before.
    let mut prev: Option<(&str, u32, usize)> = None;
    for t in tasks {
        let (group, n) = t.id.rsplit_once('.').unwrap_or(("", t.id.as_str()));
        let Ok(n @ 1..10_000) = n.parse::<u32>() else {
            continue;
        };
        let line = t.line;
        let in_step = matches!(prev, Some((g, p, _)) if g == group && n == p + 1);
        if n == 1 || in_step {
            prev = Some((group, n, line));
            continue;
        }
        out.push(match prev {
            None => NoticeWarning::NumberingStartsLate { line, number: n },
            Some((g, _, _)) if g != group => {
                NoticeWarning::HeadingNumberingStartsLate { line, number: n }
            }
            Some((_, p, pl)) if n > p + 1 => NoticeWarning::NumberingGap {
                before: p,
                before_line: pl,
                number: n,
                line,
            },
            Some((_, p, pl)) => NoticeWarning::NumberingBackwards {
                before: p,
                before_line: pl,
                number: n,
                line,
            },
        });
        prev = Some((group, n, line));
    }
    out
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
    // Lines of the layouts that hold tabs or pipes; prose is counted apart.
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

/// What a layout extraction found: the layout, its tasks, and the table header it saw.
type Extracted = (Layout, Vec<Task>, Option<Vec<String>>);

fn extract_text(lines: &[&str], year: Option<i32>, why: &mut Vec<String>) -> Extracted {
    let v = vote(lines);
    let cells = cells::detect(lines);
    // A header of column words with spaces between them, and rows its numbering opens.
    let spaced = spaced::detect(lines);
    // Each layout with its weight: a row of the cell-per-line layout spans ~6 lines. A
    // header of column words one per line outweighs every vote.
    let one_cell = match &cells {
        Some(c) if c.header_cells > 0 => usize::MAX,
        Some(c) => c.cell_lines,
        None => 0,
    };
    let space_rows = match &spaced {
        Some(_) if one_cell != usize::MAX => usize::MAX - 1,
        _ => 0,
    };
    let mut order = [
        (space_rows, Layout::SpaceRows),
        (one_cell, Layout::OneCellPerLine),
        (v.pipe_rows * 3, Layout::PipeRows),
        (v.tab_rows * 3, Layout::TabRows),
        (v.cell_lines / 2, Layout::CellLines),
        (v.prose_items * 3, Layout::Prose),
    ];
    if let Some(t) = &spaced {
        why.push(format!(
            "rule space-rows: a header of column words separated by spaces ({}) at line {}, and {} rows opened by task numbers running 1, 2, 3 …",
            t.header.join(" "),
            t.start_line(),
            t.rows
        ));
    }
    why.push(format!(
        "layout evidence: {} one-cell-per-line cells{}, {} pipe rows, {} tab rows, {} tab-opened cell lines, {} numbered prose lines",
        cells.as_ref().map_or(0, |c| c.cell_lines),
        match &cells {
            Some(c) if c.header_cells > 0 => format!(
                " with a {}-column header at line {}",
                c.header_cells, c.header_line
            ),
            _ => String::new(),
        },
        v.pipe_rows,
        v.tab_rows,
        v.cell_lines,
        v.prose_items
    ));
    order.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let mut header = None;
    for (n, layout) in order {
        if n == 0 {
            break;
        }
        let items = match layout {
            Layout::PipeRows => Some(split_rows(lines, '|')),
            Layout::TabRows => Some(split_rows(lines, '\t')),
            Layout::CellLines => Some(cell_line_rows(lines)),
            Layout::OneCellPerLine => cells.as_ref().map(|c| c.items(lines)),
            Layout::SpaceRows => spaced.as_ref().map(|t| t.items(lines)),
            Layout::Prose | Layout::DocumentTable => None,
        };
        let tasks = match &items {
            Some(items) => {
                let h = table::header_of(items);
                if let Some(h) = &h {
                    why.push(format!("{}: table header {}", layout.name(), h.join(" | ")));
                }
                header = header.or(h);
                let (tasks, notes) = table::extract_explained(items, year);
                why.extend(explain_table_rules(&notes));
                tasks
            }
            None => {
                let (tasks, choice) = prose::extract_explained(lines, 0, year);
                why.push(explain_prose(&choice));
                tasks
            }
        };
        why.push(format!("tried {}: {} tasks", layout.name(), tasks.len()));
        if !tasks.is_empty() {
            if items.is_some() {
                why.push(explain_rows(&tasks));
            }
            return (layout, tasks, header);
        }
    }
    if order.iter().all(|(n, _)| *n == 0) {
        why.push("no layout has any evidence: no table rows, no numbered lines".into());
    }
    (Layout::TabRows, Vec::new(), header)
}

/// How prose numbering was read, in a sentence.
fn explain_prose(choice: &prose::Choice) -> String {
    if choice.marks.is_empty() {
        return "prose: no numbered items".into();
    }
    let marks: Vec<String> = choice
        .marks
        .iter()
        .map(|(m, n, parents)| {
            format!(
                "{} ×{n} ({parents} with deeper items under them)",
                m.example()
            )
        })
        .collect();
    let task = choice.task_mark.map_or("?", Mark::example);
    format!(
        "prose numbering, outermost first: {}; tasks are the {task} items (the level with the most items, of those whose items are not mostly headings over deeper items){}",
        marks.join(", "),
        if choice.restarts {
            "; their numbers restart under each heading"
        } else {
            ""
        }
    ) + if choice.paragraphs {
        "; those items are titles over unnumbered paragraphs, each with its own duty clause: the paragraphs are the tasks"
    } else {
        ""
    } + &explain_prose_rules(choice)
}

/// The rules of issue 25 that decided a prose reading, each as a clause of `--explain`.
fn explain_prose_rules(choice: &prose::Choice) -> String {
    let mut out = String::new();
    if choice.duty_level {
        out.push_str("; rule duty-level: each of these items carries exactly one duty clause and the deeper items under them do not all have one, so the deeper items are sub-points");
    }
    for (line, n, mark) in &choice.continued {
        out.push_str(&format!(
            "; rule numbering-continues: the item numbered {n} in another script or width at line {line} continues the {} sequence (task {n})",
            mark.example()
        ));
    }
    if let Some(line) = choice.signature {
        out.push_str(&format!(
            "; rule signature: the name and date at line {line} after the last task sign the notice (not its units or deadline)"
        ));
    }
    if !choice.framing.is_empty() {
        let lines: Vec<String> = choice.framing.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "; rule framing: framing items (指导思想, 工作目标 …) at line {} are not tasks",
            lines.join(", ")
        ));
    }
    out
}

/// The rules that decided a table reading beyond rows and columns, a sentence each.
fn explain_table_rules(notes: &table::Notes) -> Vec<String> {
    let mut out = Vec::new();
    for n in &notes.key_value_records {
        out.push(format!(
            "rule key-value-records: rows of one key and one value (重点工作 | …, 牵头单位 | …) read as {n} records, one task each, the first key opening each"
        ));
    }
    for w in &notes.name_columns {
        out.push(format!(
            "rule name-column: every numbered row fills the {w} column with a short name beside a column of targets: the name opens each task's text"
        ));
    }
    if notes.inherited > 0 {
        out.push(format!(
            "rule merged-cells: {} numbered rows lack a units or deadline cell and take the row above's (cells merged over rows)",
            notes.inherited
        ));
    }
    out
}

/// How table rows became tasks, in a sentence.
fn explain_rows(tasks: &[Task]) -> String {
    let cont = tasks.iter().filter(|t| t.id.contains('-')).count();
    let numbered = tasks.len() - cont;
    format!(
        "tasks are table rows holding requirement text: {numbered} numbered{}",
        if cont > 0 {
            format!(", {cont} unnumbered rows continuing the numbered row above")
        } else {
            String::new()
        }
    )
}

fn extract_blocks(
    blocks: &[Block],
    lines: &[&str],
    year: Option<i32>,
    why: &mut Vec<String>,
) -> Extracted {
    let mut items = Vec::new();
    // Structured documents carry no line numbers; number blocks and rows in order, which
    // matches the lines of the document's text (one paragraph or row per line).
    let mut line = 0usize;
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        k += 1;
        match b {
            Block::Para(p) => {
                line += 1;
                let mut text = p.clone();
                // A heading written vertically, one or a few characters per paragraph
                // (a PDF's narrow cell read as lines), is joined, as in text.
                if crate::lexicon::heading_level(&text) == Some(0) {
                    while let Some(Block::Para(next)) = blocks.get(k) {
                        if next.trim().is_empty() || next.chars().count() > 8 {
                            break;
                        }
                        text.push_str(next.trim());
                        k += 1;
                        line += 1;
                    }
                }
                items.push(Item::Para { text, line });
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
    let header = table::header_of(&items);
    let (tasks, notes) = table::extract_explained(&items, year);
    why.extend(explain_table_rules(&notes));
    why.push(format!(
        "document tables: {} rows, {} tasks",
        items
            .iter()
            .filter(|i| matches!(i, Item::Row { .. }))
            .count(),
        tasks.len()
    ));
    if !tasks.is_empty() {
        why.push(explain_rows(&tasks));
        return (Layout::DocumentTable, tasks, header);
    }
    let (tasks, choice) = prose::extract_explained(lines, 0, year);
    why.push(explain_prose(&choice));
    (Layout::Prose, tasks, header)
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
        } else if matches!(items.last(), Some(Item::Row { .. }))
            && numbering(l)
                .is_some_and(|n| n.mark == Mark::Arabic && l[n.rest..].chars().count() >= 4)
        {
            // A row of one cell (its other cells cut off or empty) right after rows: a task
            // of its own, not a heading.
            items.push(Item::Row {
                cells: vec![l.trim().trim_matches('|').trim().to_string()],
                line,
            });
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
    fn pipe_rows_with_leading_trailing_and_doubled_pipes() {
        let text = "| 工作任务 | 具体要求 || 责任单位 | 时限要求 |\n| (一)做好规划公开 | 1.主动公开规划纲要,做好解读。 || 市发展改革委牵头,各县区政府负责落实 | 年底前 |\n|| 2.归集整理历史规划,集中公开。 || 市发展改革委 | 9月底前 |\n3.做好财政信息公开,定期更新。\n";
        let n = parse(text);
        assert_eq!(n.layout, Layout::PipeRows);
        let ids: Vec<&str> = n.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        assert_eq!(n.tasks[0].text, "主动公开规划纲要,做好解读。");
        assert_eq!(n.tasks[0].lead_units, ["市发展改革委"]);
        assert_eq!(n.tasks[1].deadline.raw.as_deref(), Some("9月底前"));
        assert_eq!(n.tasks[2].text, "做好财政信息公开,定期更新。");
        assert!(n.warnings.is_empty(), "{:?}", n.warnings);
    }

    #[test]
    fn page_chrome_is_set_aside_but_read_for_metadata() {
        let text = "索引号: | 11341700/2022-00054 | 组配分类: | 工作推进 |\n发布机构: | 宣城市文化和旅游局 |\n文  号: 宣政办〔2022〕3号\n一、加强公开\n（一）做好规划信息公开工作。（市发改委负责落实）\n（二）做好财政信息公开工作。（市财政局负责落实）\n";
        let (n, why) = parse_explained(
            &read_bytes("t.txt", text.as_bytes(), &IngestOptions::default()).unwrap(),
        );
        let n = n.unwrap();
        assert_eq!(n.layout, Layout::Prose);
        assert_eq!(n.tasks.len(), 2);
        assert_eq!(n.meta.doc_number.as_deref(), Some("宣政办〔2022〕3号"));
        assert!(why[0].starts_with("page chrome set aside"), "{why:?}");
    }

    #[test]
    fn numbering_checksum_names_gaps_and_repeats() {
        let task = |id: &str, line: usize| Task {
            id: id.into(),
            section: vec![],
            text: String::new(),
            units: vec![],
            lead_units: vec![],
            deadline: crate::model::Deadline::unspecified(),
            line,
        };
        let ok = [
            task("1", 1),
            task("2", 2),
            task("2-2", 3),
            task("1", 4),
            task("2", 5),
        ];
        assert!(numbering_warnings(&ok).is_empty());
        let restarts = [task("1.1", 1), task("1.2", 2), task("2.1", 3)];
        assert!(numbering_warnings(&restarts).is_empty());
        let gap = [
            task("1", 1),
            task("2", 2),
            task("4", 3),
            task("4", 4),
            task("8", 5),
        ];
        assert_eq!(
            numbering_warnings(&gap),
            [
                NoticeWarning::NumberingGap {
                    before: 2,
                    before_line: 2,
                    number: 4,
                    line: 3
                },
                NoticeWarning::NumberingBackwards {
                    before: 4,
                    before_line: 3,
                    number: 4,
                    line: 4
                },
                NoticeWarning::NumberingGap {
                    before: 4,
                    before_line: 4,
                    number: 8,
                    line: 5
                },
            ]
        );
        let late = [task("3", 7)];
        assert_eq!(
            numbering_warnings(&late),
            [NoticeWarning::NumberingStartsLate { line: 7, number: 3 }]
        );
        let section = [task("1.1", 1), task("2.2", 2)];
        assert_eq!(numbering_warnings(&section).len(), 1);
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
