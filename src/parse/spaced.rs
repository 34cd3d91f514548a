//! Tables whose cells are separated by spaces: a header of column words written on one line
//! with spaces between them (`序号 重点工作 牵头单位 责任单位 完成时限`), then the rows,
//! one a line or the whole table run together on one line, as a page copied without its
//! table borders leaves it.
//!
//! Spaces are all that separate the cells, so the rows are recovered from the table's own
//! numbering: a token that is a bare number (`1`, `2.`) opens a row only when it is the
//! number after the last row's (1 … N without gaps), so a figure inside a cell cuts
//! nothing. Heading tokens (`一、…`, `（一）…`) stand alone between rows; a mark written
//! apart from its title (`（一） 做好…`) is joined to it.

use super::fields::{looks_like_deadline, looks_like_units};
use super::table::Item;
use crate::lexicon::{Mark, numbering, spaced_header};

/// A space-separated table found in the text.
#[derive(Debug, Clone)]
pub struct SpacedTable {
    /// Index of the header's line.
    start: usize,
    /// The header's column words.
    pub header: Vec<String>,
    /// Index of the header's first word among its line's tokens.
    skip: usize,
    /// Rows the numbering opens (the layout's vote).
    pub rows: usize,
}

/// The whitespace-separated tokens of a line (ASCII spaces and the ideographic space).
fn tokens(l: &str) -> Vec<&str> {
    l.split([' ', '\u{3000}'])
        .filter(|t| !t.is_empty())
        .collect()
}

/// A bare task number (`12`, `3.`, `4、`).
fn bare_number(t: &str) -> Option<u32> {
    let d = t.trim_end_matches(['.', '、', '．', '﹒']);
    (!d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| d.parse().ok())
        .flatten()
}

/// A heading token: `一、…` or `（一）…`.
fn is_heading(t: &str) -> bool {
    numbering(t).is_some_and(|n| matches!(n.mark, Mark::Chinese | Mark::ParenChinese))
}

/// Finds the header line: at least three tokens in a row, each a column word, on a line
/// without tabs or pipes (those are other layouts'), with at least two numbered rows after.
pub fn detect(lines: &[&str]) -> Option<SpacedTable> {
    for (i, l) in lines.iter().enumerate() {
        let Some((first, run)) = spaced_header(l) else {
            continue;
        };
        let toks = tokens(l);
        let mut t = SpacedTable {
            start: i,
            header: toks[first..first + run]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            skip: first + run,
            rows: 0,
        };
        t.rows = t
            .items(lines)
            .iter()
            .filter(|it| matches!(it, Item::Row { .. }))
            .count()
            .saturating_sub(1);
        if t.rows >= 2 {
            return Some(t);
        }
    }
    None
}

impl SpacedTable {
    /// The 1-based line of the header.
    pub fn start_line(&self) -> usize {
        self.start + 1
    }

    /// The table's rows (its header first), with the lines above it as paragraphs.
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
        items.push(Item::Row {
            cells: self.header.clone(),
            line: self.start + 1,
        });
        // The tokens after the header, with their lines; a mark alone joins its title.
        let mut stream: Vec<(String, usize)> = Vec::new();
        for (k, l) in lines[self.start..].iter().enumerate() {
            let toks = tokens(l);
            let from = if k == 0 { self.skip } else { 0 };
            if k > 0 && (l.contains(['\t', '|']) || crate::lexicon::is_contact_field(l.trim())) {
                break;
            }
            for t in toks.into_iter().skip(from) {
                let joins = stream.last().is_some_and(|(p, _)| {
                    numbering(p).is_some_and(|n| p[n.rest..].trim().is_empty())
                        && bare_number(p).is_none()
                });
                if joins {
                    stream.last_mut().expect("checked").0.push_str(t);
                } else {
                    stream.push((t.to_string(), self.start + k + 1));
                }
            }
        }
        let width = self.header.len();
        let mut next = 1;
        let mut row: Vec<(String, usize)> = Vec::new();
        let flush = |row: &mut Vec<(String, usize)>, items: &mut Vec<Item>| {
            if let Some(&(_, line)) = row.first() {
                let cells = join_overflow(std::mem::take(row), width);
                items.push(Item::Row { cells, line });
            }
        };
        for (t, line) in stream {
            if let Some(n) = bare_number(&t)
                && (n == next || (n == 1 && row.is_empty()))
            {
                flush(&mut row, &mut items);
                next = n + 1;
                row.push((t, line));
            } else if is_heading(&t) && t.chars().count() <= 60 {
                flush(&mut row, &mut items);
                items.push(Item::Para { text: t, line });
            } else if row.is_empty() {
                items.push(Item::Para { text: t, line });
            } else {
                row.push((t, line));
            }
        }
        flush(&mut row, &mut items);
        items
    }
}

/// A row with more cells than the header has columns: a requirement holding spaces was
/// cut; its pieces (neighbouring cells that are neither units nor a deadline) are joined
/// again until the row fits.
fn join_overflow(row: Vec<(String, usize)>, width: usize) -> Vec<String> {
    let mut cells: Vec<String> = row.into_iter().map(|(t, _)| t).collect();
    let plain = |c: &str| !looks_like_units(c) && !looks_like_deadline(c);
    while cells.len() > width {
        let Some(k) =
            (1..cells.len().saturating_sub(1)).find(|&k| plain(&cells[k]) && plain(&cells[k + 1]))
        else {
            break;
        };
        let next = cells.remove(k + 1);
        cells[k].push_str(&next);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::table;

    fn tasks(text: &str) -> Vec<crate::model::Task> {
        let lines: Vec<&str> = text.split('\n').collect();
        let t = detect(&lines).expect("a space-separated table");
        table::extract(&t.items(&lines), Some(2023))
    }

    #[test]
    fn rows_one_a_line() {
        let t = tasks(
            "标题\n序号 重点工作 牵头单位 完成时限\n1 新增城镇就业3000人以上，开展职业技能培训。 县人社局 年底前\n2 完成农村公路建设60公里。 县交通运输局 2023年10月底前\n",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].text, "完成农村公路建设60公里。");
        assert_eq!(t[1].units, ["县交通运输局"]);
        assert_eq!(t[1].deadline.date.as_deref(), Some("2023-10-31"));
    }

    #[test]
    fn a_table_on_one_line_cut_by_its_numbering() {
        // `2` inside a cell is not the next number after 2: it cuts nothing.
        let t = tasks(
            "序号 工作任务 责任单位 完成时限 一、加强公开 1 做好规划公开工作，及时更新。 市发改委 年底前 （一） 做好财政公开 2 公开预决算，细化到项 2 级科目。 市财政局 6月底前 3 做好政策解读。 市政府办公室 持续推进",
        );
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        assert_eq!(t[1].section, ["一、加强公开", "（一）做好财政公开"]);
        assert_eq!(t[1].text, "公开预决算，细化到项2级科目。");
        assert_eq!(t[2].deadline.raw.as_deref(), Some("持续推进"));
    }
}
