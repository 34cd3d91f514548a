//! Tables flattened to one cell per line without tabs, as copies of web pages leave them:
//! cells ended by ` |` (with lines of pipes between rows, or none), cells with `|` lines
//! between them (`|||` standing for empty cells), cells separated by blank lines, or a whole
//! table on one line with `|` between its cells.
//!
//! The evidence is a header of column words one per line (`工作任务` / `具体要求` /
//! `责任单位` …), or, without a header, a run of lines each ending in `|`. Rows are then
//! found from what the text itself marks: lines of pipes between rows where there are
//! such lines; else the task numbers that open rows (`1`, `2.…`), with heading cells
//! (`一、…`, `（一）…`) standing alone; else, for unnumbered rows, the header's width.

use super::fields::squeeze;
use super::table::Item;
use crate::lexicon::{Mark, is_header_word, numbering};

/// How the cells of a flattened table are delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Each cell a line ending in `|`; a line of pipes between rows.
    Ended,
    /// Cells with a `|` line after each; `|||` ends empty cells too.
    Between,
    /// Each cell a line, blank lines between.
    Blank,
    /// The whole table on one line, `|` between cells.
    OneLine,
}

/// A table found in the text, ready to be cut into rows.
#[derive(Debug, Clone)]
pub struct CellTable {
    /// Index of the table's first line.
    start: usize,
    /// 1-based line of the header (or of the first cell).
    pub header_line: usize,
    /// Number of header cells; 0 when the table has no header.
    pub header_cells: usize,
    /// Number of cell lines in the table (the layout's vote).
    pub cell_lines: usize,
    style: Style,
}

/// One cell of the stream, with the 1-based line it is on and whether a line of pipes
/// (a row break) stands before it.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    line: usize,
    after_break: bool,
}

fn is_pipe_only(l: &str) -> bool {
    let t = l.trim();
    !t.is_empty() && t.chars().all(|c| c == '|' || c.is_whitespace())
}

/// A line holding one cell: no tab, no `|` but at its end.
fn cell_line(l: &str) -> Option<&str> {
    let t = l.trim();
    if t.is_empty() || l.contains('\t') || is_pipe_only(t) {
        return None;
    }
    let body = t.trim_end_matches('|').trim_end();
    (!body.contains('|')).then_some(body)
}

/// Could this cell be part of a header (a column word, or a short word beside them)?
fn header_like(cell: &str) -> bool {
    let c = squeeze(cell);
    let n = c.chars().count();
    // A task number (`1`, `2.`) opens the first row: it is never a column name.
    n <= 12 && (is_header_word(&c) || (n <= 4 && numbering(&c).is_none() && !opens_row(&c)))
}

/// Finds a table flattened to one cell per line (or onto one line).
pub fn detect(lines: &[&str]) -> Option<CellTable> {
    header_table(lines)
        .or_else(|| one_line_table(lines))
        .or_else(|| ended_table(lines))
}

/// A header of at least three column words, one per line.
fn header_table(lines: &[&str]) -> Option<CellTable> {
    let cells: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| cell_line(l).map(|c| (i, c)))
        .collect();
    let mut k = 0;
    while k < cells.len() {
        if !is_header_word(&squeeze(cells[k].1)) {
            k += 1;
            continue;
        }
        // Short words just before the first column word belong to the header (`任务`).
        while k > 0 && header_like(cells[k - 1].1) && cells[k - 1].0 + 3 >= cells[k].0 {
            k -= 1;
        }
        // Column words one per line: only blank lines or pipes between them (a title and
        // an 附件 line with table rows between them are no header).
        let run = cells[k..]
            .iter()
            .enumerate()
            .take_while(|&(j, (line, c))| {
                header_like(c)
                    && (j == 0
                        || lines[cells[k + j - 1].0 + 1..*line]
                            .iter()
                            .all(|l| l.trim().is_empty() || is_pipe_only(l)))
            })
            .count();
        let words = cells[k..k + run]
            .iter()
            .filter(|(_, c)| is_header_word(&squeeze(c)))
            .count();
        if run >= 3 && words >= 2 {
            let start = cells[k].0;
            let region = &lines[start..];
            let text_lines: Vec<&&str> = region
                .iter()
                .filter(|l| !l.trim().is_empty() && !is_pipe_only(l))
                .collect();
            let ended = text_lines
                .iter()
                .filter(|l| l.trim_end().ends_with('|'))
                .count();
            let style = if 2 * ended >= text_lines.len() {
                Style::Ended
            } else if region.iter().any(|l| is_pipe_only(l)) {
                Style::Between
            } else {
                Style::Blank
            };
            return Some(CellTable {
                start,
                header_line: start + 1,
                header_cells: run,
                cell_lines: text_lines.len(),
                style,
            });
        }
        k += run.max(1);
    }
    None
}

/// A whole table on one line: a header row and more than two rows' worth of cells.
fn one_line_table(lines: &[&str]) -> Option<CellTable> {
    lines.iter().enumerate().find_map(|(i, l)| {
        if l.len() < 300 || l.contains('\t') {
            return None;
        }
        let cells: Vec<&str> = l.split('|').map(str::trim).collect();
        let first = cells.iter().position(|c| is_header_word(&squeeze(c)))?;
        let run = cells[first..]
            .iter()
            .take_while(|c| header_like(c) && !c.is_empty())
            .count();
        (run >= 3 && cells.len() - first > 3 * run).then_some(CellTable {
            start: i,
            header_line: i + 1,
            header_cells: run,
            cell_lines: cells.len(),
            style: Style::OneLine,
        })
    })
}

/// Without a header: at least four lines in a row (blank lines aside), most ending in `|`.
fn ended_table(lines: &[&str]) -> Option<CellTable> {
    let first = lines
        .iter()
        .position(|l| cell_line(l).is_some() && l.trim_end().ends_with('|'))?;
    let region = &lines[first..];
    let text: Vec<&&str> = region.iter().filter(|l| !l.trim().is_empty()).collect();
    let ended = text
        .iter()
        .filter(|l| cell_line(l).is_some() && l.trim_end().ends_with('|'))
        .count();
    (ended >= 4 && 3 * ended >= 2 * text.len()).then_some(CellTable {
        start: first,
        header_line: first + 1,
        header_cells: 0,
        cell_lines: ended,
        style: Style::Ended,
    })
}

impl CellTable {
    /// The table's rows (and the lines above it, as paragraphs).
    pub fn items(&self, lines: &[&str]) -> Vec<Item> {
        let mut items: Vec<Item> = lines[..self.start]
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| Item::Para {
                text: l.trim().to_string(),
                line: i + 1,
            })
            .collect();
        let cells = self.cells(lines);
        // The header: its first cells.
        let mut body = cells.as_slice();
        if self.header_cells > 0 {
            let skip_empty = body.iter().take_while(|c| c.text.is_empty()).count();
            body = &body[skip_empty..];
            let n = self.header_cells.min(body.len());
            items.push(Item::Row {
                cells: body[..n].iter().map(|c| c.text.clone()).collect(),
                line: body.first().map_or(self.header_line, |c| c.line),
            });
            body = &body[n..];
        }
        let ncols = self.header_cells;
        let starts = body.iter().filter(|c| opens_row(&c.text)).count();
        if body.iter().any(|c| c.after_break) {
            for run in runs(body) {
                let filled = run.iter().filter(|c| !c.text.is_empty()).count();
                if (ncols > 0 && filled > ncols) || (ncols == 0 && starts_in(run) >= 2) {
                    split_at_starts(run, &mut items);
                } else {
                    push_row(run, &mut items);
                }
            }
        } else if starts >= 2 || ncols == 0 {
            split_at_starts(body, &mut items);
        } else {
            chunk_rows(body, ncols, &mut items);
        }
        items
    }

    fn cells(&self, lines: &[&str]) -> Vec<Cell> {
        let region = &lines[self.start..];
        let mut out = Vec::new();
        match self.style {
            Style::Ended => {
                let mut after_break = false;
                for (k, l) in region.iter().enumerate() {
                    if is_pipe_only(l) {
                        after_break = true;
                    } else if !l.trim().is_empty() {
                        let text = l.trim().trim_end_matches('|').trim().to_string();
                        out.push(Cell {
                            text,
                            line: self.start + k + 1,
                            after_break,
                        });
                        after_break = false;
                    }
                }
            }
            Style::Between => {
                let mut cur: Option<(String, usize)> = None;
                for (k, l) in region.iter().enumerate() {
                    let line = self.start + k + 1;
                    if is_pipe_only(l) {
                        for _ in l.chars().filter(|&c| c == '|') {
                            let (text, at) = cur.take().unwrap_or((String::new(), line));
                            out.push(Cell {
                                text,
                                line: at,
                                after_break: false,
                            });
                        }
                    } else if !l.trim().is_empty() {
                        // A cell's text wrapped over lines continues until the next `|`.
                        let t = l.trim().trim_end_matches('|').trim();
                        match cur.as_mut() {
                            Some((text, _)) => text.push_str(t),
                            None => cur = Some((t.to_string(), line)),
                        }
                    }
                }
                if let Some((text, line)) = cur {
                    out.push(Cell {
                        text,
                        line,
                        after_break: false,
                    });
                }
            }
            Style::Blank => {
                for (k, l) in region.iter().enumerate() {
                    if !l.trim().is_empty() && !is_pipe_only(l) {
                        out.push(Cell {
                            text: l.trim().to_string(),
                            line: self.start + k + 1,
                            after_break: false,
                        });
                    }
                }
            }
            Style::OneLine => {
                let l = region[0];
                let first = l
                    .split('|')
                    .position(|c| is_header_word(&squeeze(c)))
                    .unwrap_or(0);
                out.extend(l.split('|').skip(first).map(|c| Cell {
                    text: c.trim().to_string(),
                    line: self.start + 1,
                    after_break: false,
                }));
            }
        }
        out
    }
}

/// A cell that opens a table row: a task number alone (`12`, `3.`) or opening the text
/// (`1.依托…`, `2、…`).
fn opens_row(cell: &str) -> bool {
    let c = cell.trim();
    let bare = c.len() <= 4
        && c.trim_end_matches(['.', '、', '．', '﹒'])
            .chars()
            .all(|ch| ch.is_ascii_digit())
        && c.starts_with(|ch: char| ch.is_ascii_digit());
    bare || numbering(c).is_some_and(|n| n.mark == Mark::Arabic && c[n.rest..].chars().count() >= 2)
}

/// A cell that is a section heading standing alone (`一、…`, `（一）…`).
fn is_heading_cell(cell: &str) -> bool {
    numbering(cell).is_some_and(|n| matches!(n.mark, Mark::Chinese | Mark::ParenChinese))
        && cell.chars().count() <= 60
}

fn starts_in(cells: &[Cell]) -> usize {
    cells.iter().filter(|c| opens_row(&c.text)).count()
}

/// Cuts cells into rows at the cells that open rows; heading cells stand alone.
fn split_at_starts(cells: &[Cell], items: &mut Vec<Item>) {
    let mut row: Vec<&Cell> = Vec::new();
    let flush = |row: &mut Vec<&Cell>, items: &mut Vec<Item>| {
        if let Some(first) = row.first() {
            items.push(Item::Row {
                cells: row.iter().map(|c| c.text.clone()).collect(),
                line: first.line,
            });
        }
        row.clear();
    };
    for c in cells.iter().filter(|c| !c.text.is_empty()) {
        if is_heading_cell(&c.text) {
            flush(&mut row, items);
            items.push(Item::Para {
                text: c.text.clone(),
                line: c.line,
            });
        } else {
            if opens_row(&c.text) {
                flush(&mut row, items);
            }
            row.push(c);
        }
    }
    flush(&mut row, items);
}

/// Cuts unnumbered cells into rows of the header's width; a heading cell where a row would
/// start stands alone, with the empty cells padding its row.
fn chunk_rows(cells: &[Cell], ncols: usize, items: &mut Vec<Item>) {
    let mut row: Vec<Cell> = Vec::with_capacity(ncols);
    let mut after_heading = false;
    for c in cells {
        if row.is_empty() && is_heading_cell(&c.text) {
            items.push(Item::Para {
                text: c.text.clone(),
                line: c.line,
            });
            after_heading = true;
            continue;
        }
        if after_heading && c.text.is_empty() {
            continue;
        }
        after_heading = false;
        row.push(c.clone());
        if row.len() == ncols {
            push_row(&row, items);
            row.clear();
        }
    }
    push_row(&row, items);
}

/// One row from a run of cells; a run holding only a heading is a heading.
fn push_row(cells: &[Cell], items: &mut Vec<Item>) {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
    match filled.as_slice() {
        [] => {}
        [one] if is_heading_cell(&one.text) => items.push(Item::Para {
            text: one.text.clone(),
            line: one.line,
        }),
        _ => {
            let end = cells
                .iter()
                .rposition(|c| !c.text.is_empty())
                .map_or(0, |i| i + 1);
            items.push(Item::Row {
                cells: cells[..end].iter().map(|c| c.text.clone()).collect(),
                line: filled[0].line,
            });
        }
    }
}

/// The runs of cells between row breaks (a line of pipes before a cell starts a run).
fn runs(cells: &[Cell]) -> Vec<&[Cell]> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in cells.iter().enumerate() {
        if i > from && c.after_break {
            out.push(&cells[from..i]);
            from = i;
        }
    }
    if from < cells.len() {
        out.push(&cells[from..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::table;

    fn tasks(text: &str) -> Vec<crate::model::Task> {
        let lines: Vec<&str> = text.split('\n').collect();
        let t = detect(&lines).expect("a one-cell-per-line table");
        table::extract(&t.items(&lines), Some(2022))
    }

    #[test]
    fn cells_separated_by_blank_lines() {
        let text = "工作任务\n\n具体措施\n\n责任单位\n\n完成时限\n\n(一)推进规章集中公开\n\n1.完善规章库建设,及时做好动态更新。\n\n市政府办公室、市司法局\n\n2022年底前\n\n2.建成本部门行政规范性文件库,集中公开。\n\n市司法局牵头,市直其他单位按职能分工落实\n\n2022年底前";
        let t = tasks(text);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text, "完善规章库建设,及时做好动态更新。");
        assert_eq!(t[0].units, ["市政府办公室", "市司法局"]);
        assert_eq!(t[1].lead_units, ["市司法局"]);
        assert_eq!(t[1].section, ["（一）推进规章集中公开"]);
        assert_eq!(t[1].deadline.date.as_deref(), Some("2022-12-31"));
    }

    #[test]
    fn cells_ending_in_a_pipe_without_a_header() {
        let text = "一、加强用权公开 |\n(一)加强权力配置信息公开 |\n1 |\n全面梳理本单位依法行使的行政权力,更新完善权责清单 |\n市直各单位,各县、区人民政府 |\n2 |\n集中公开所辖政府部门的权责清单、机构职能信息 |\n市政府办公室,各县、区人民政府 |";
        let t = tasks(text);
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
        assert_eq!(t[1].units, ["市政府办公室", "各县、区人民政府"]);
        assert_eq!(
            t[0].section,
            ["一、加强用权公开", "（一）加强权力配置信息公开"]
        );
    }

    #[test]
    fn pipe_lines_between_cells_and_unnumbered_rows() {
        let text = "任务\n|\n责任单位\n|\n时限\n|\n切实做好稳经济大盘政策举措公开工作,强化政策解读。\n|\n市政府各部门,各县(市、区)政府\n|\n持续推进\n|\n建立市场主体反映问题的办理和反馈机制,推动优化投资环境。\n|\n市发改委、市住建局\n|\n年底前\n|";
        let t = tasks(text);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].id, "2");
        assert_eq!(t[1].units, ["市发改委", "市住建局"]);
        assert_eq!(t[1].deadline.raw.as_deref(), Some("年底前"));
    }

    #[test]
    fn requirement_over_two_text_columns_and_a_lead_column() {
        let text = "工作任务\n|\n工作要求\n|\n牵头单位\n|\n责任单位\n|\n一、深化政务公开\n|\n|||\n1.主动公开规划纲要、专项规划等\n|\n通过本级政府门户网站设立专题集中展示\n|\n市发展改革委\n|\n市直有关单位,各县(市、区)人民政府\n|\n2.归集整理历史规划\n|\n通过政府信息公开专栏集中发布\n|\n市发展改革委\n|\n市直有关单位\n|";
        let t = tasks(text);
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0].text,
            "主动公开规划纲要、专项规划等；通过本级政府门户网站设立专题集中展示"
        );
        assert_eq!(t[0].lead_units, ["市发展改革委"]);
        assert_eq!(t[0].units, ["市直有关单位", "各县(市、区)人民政府"]);
    }

    #[test]
    fn pipe_lines_between_rows_and_a_status_column() {
        let text = "工作任务 |\n具 体 要 求 |\n责任单位 |\n完成情况 |\n备注 |\n||\n一、年底前专项工作 |\n|\n|||||\n1.规范性文件集中公开 |\n1.开展规范性文件清理,形成目录。2.发布文件标准电子文本。 |\n市政府各部门,各县市区政府 |\n推进中 |\n11月底前完成 |\n||\n2.基层政务公开提升 |\n1. 按照基层公开标准指引,全面公开各领域信息。 |";
        let t = tasks(text);
        assert_eq!(t.len(), 2);
        assert!(t[0].text.starts_with("开展规范性文件清理"), "{}", t[0].text);
        assert_eq!(t[0].units, ["市政府各部门", "各县市区政府"]);
        assert_eq!(t[0].deadline.raw.as_deref(), Some("11月底前完成"));
        assert!(t[1].text.starts_with("按照基层"), "{}", t[1].text);
    }

    #[test]
    fn unnumbered_rows_between_heading_cells() {
        let text = "工作任务\n\n责任单位\n\n完成时限\n\n一、加强规划公开\n\n做好规划信息公开工作，集中展示规划体系。\n\n市发改委\n\n年底前\n\n做好历史规划归集整理工作，集中公开。\n\n市自然资源局\n\n持续推进\n\n二、加强财政公开\n\n做好财政信息公开工作，定期公开预决算。\n\n市财政局\n\n6月底前";
        let t = tasks(text);
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].units, ["市自然资源局"]);
        assert_eq!(t[1].section, ["一、加强规划公开"]);
        assert_eq!(t[2].section, ["二、加强财政公开"]);
        assert_eq!(t[2].deadline.raw.as_deref(), Some("6月底前"));
    }

    #[test]
    fn a_whole_table_on_one_line() {
        let row =
            |n: u32| format!("{n}.做好第{n}项信息公开工作,及时更新。 | 市政府办公室 | 年底前 | ");
        let text = format!(
            "工作任务 | 具体要求 | 责任单位 | 时限要求 | (一)做好公开 | {}{}{}",
            row(1),
            row(2),
            row(3)
        );
        let t = tasks(&text);
        assert_eq!(t.len(), 3);
        assert_eq!(t[2].text, "做好第3项信息公开工作,及时更新。");
        assert_eq!(t[2].units, ["市政府办公室"]);
    }

    #[test]
    fn header_cells_with_empty_table_cells_yield_no_tasks() {
        let text =
            "工作任务 |\n工作要求 |\n牵头单位 |\n责任单位 |\n一、深化政务公开 |\n|||\n|\n|||\n|\n|";
        assert!(tasks(text).is_empty());
    }
}
