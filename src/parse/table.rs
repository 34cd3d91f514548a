//! Task extraction from table rows, whatever the table came from (tab rows, one cell per
//! line, pipe rows, a .docx or HTML table).
//!
//! Cells are told apart by what they hold, not where they stand, because real tables
//! shift: the number shares a cell with the text (`6 围绕…`), heading cells appear on
//! some rows only, deadline cells go missing. In a row the task number is the first cell
//! holding only a number; heading cells (`一、…`, `（一）…`, or unmarked labels) stand
//! around it; the deadline is the last non-empty cell if it reads as one; the units cell
//! stands just before it; what remains is the requirement. An unnumbered row with its own
//! requirement continues the numbered row above it (`N-2`, `N-3` …) and inherits what its
//! own cells leave empty from that row; a numbered row with empty unit or deadline cells
//! (merged cells in the original) inherits them from the row above, within one table.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{
    clean_heading, looks_like_deadline, looks_like_units, parse_deadline, parse_units, squeeze,
};
use crate::lexicon::heading_level;
use crate::model::{Deadline, Task};

/// What the text of a table-shaped notice is made of, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A table row: its cells and the 1-based line it starts on.
    Row { cells: Vec<String>, line: usize },
    /// A line of text outside a table (perhaps a heading).
    Para { text: String, line: usize },
    /// The end of a table (a blank line between tables, a repeated header).
    Break,
}

static NUMBER_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[.、．]?$").expect("regex"));
static NUMBER_AND_REST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})(?:[.、．]|\s+)\s*(\S.*)$").expect("regex"));

/// A row that names the columns, not a task.
fn is_header(cells: &[String]) -> bool {
    let nonempty: Vec<String> = cells
        .iter()
        .map(|c| squeeze(c))
        .filter(|c| !c.is_empty())
        .collect();
    let hits = nonempty
        .iter()
        .filter(|c| crate::lexicon::is_header_word(c))
        .count();
    hits >= 2 && nonempty.iter().all(|c| c.chars().count() <= 12)
}

/// Does a cell hold requirement text (rather than a short label)?
fn is_content(cell: &str) -> bool {
    let s = cell.trim();
    !s.is_empty()
        && heading_level(s).is_none()
        && !looks_like_units(s)
        && !looks_like_deadline(s)
        && (s.contains(['。', '；', ';', '，', ',', '、', '：']) || s.chars().count() >= 16)
}

/// A row with its roles assigned.
struct Roles {
    number: Option<String>,
    /// Index of the cell holding the number.
    number_idx: Option<usize>,
    /// Heading cells and labels, each with its level when marked, in row order.
    headings: Vec<(Option<usize>, String)>,
    /// Requirement texts, each with the labels that stand right before it.
    contents: Vec<(Vec<String>, String)>,
    units: Option<String>,
    deadline: Option<String>,
}

fn assign_roles(cells: &[String], number_col: Option<usize>) -> Roles {
    let cells: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
    let mut roles = Roles {
        number: None,
        number_idx: None,
        headings: Vec::new(),
        contents: Vec::new(),
        units: None,
        deadline: None,
    };
    // The number: the first non-empty cell that is or starts with a task number.
    let mut rest_of_number: Option<String> = None;
    let mut num_idx = None;
    for (i, c) in cells.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        if let Some(m) = NUMBER_CELL.captures(c) {
            roles.number = Some(m[1].to_string());
            num_idx = Some(i);
        } else if let Some(m) = NUMBER_AND_REST.captures(c)
            && !m[2].starts_with(|ch: char| "年月日号%个项次万元天分条家人篇".contains(ch))
        {
            roles.number = Some(m[1].to_string());
            rest_of_number = Some(m[2].to_string());
            num_idx = Some(i);
        }
        if num_idx.is_some() || heading_level(c).is_none() {
            break;
        }
    }
    // Cells before the number (or before the number column, on a continuation row) are
    // headings; cells after it are labels, the requirement, units and deadline.
    roles.number_idx = num_idx;
    let split = match (num_idx, number_col) {
        (Some(i), _) => i,
        (None, Some(col)) if col < cells.len() && cells[col].is_empty() => col,
        _ => 0,
    };
    for c in &cells[..split] {
        roles.headings.push((heading_level(c), c.clone()));
    }
    let mut after: Vec<String> = Vec::new();
    if let Some(rest) = rest_of_number {
        after.push(rest);
    }
    let start = if num_idx.is_some() || (number_col == Some(split) && split < cells.len()) {
        split + 1
    } else {
        split
    };
    after.extend(cells.iter().skip(start).cloned());

    // Deadline and units from the end.
    let mut end = after.len();
    while end > 0 && after[end - 1].is_empty() {
        end -= 1;
    }
    if end > 0 && looks_like_deadline(&after[end - 1]) {
        roles.deadline = Some(after[end - 1].clone());
        end -= 1;
        while end > 0 && after[end - 1].is_empty() {
            end -= 1;
        }
    }
    if end > 0 && looks_like_units(&after[end - 1]) && !is_only_content(&after[..end]) {
        roles.units = Some(after[end - 1].clone());
        end -= 1;
    }
    // The rest: labels and requirement texts.
    let body = &after[..end];
    let mut labels: Vec<String> = Vec::new();
    let content_positions: Vec<usize> = (0..body.len()).filter(|&i| is_content(&body[i])).collect();
    let last_nonempty = body.iter().rposition(|c| !c.is_empty());
    let content_positions = if content_positions.is_empty() {
        // A short requirement with no punctuation: the last non-empty cell.
        last_nonempty.into_iter().collect()
    } else {
        content_positions
    };
    for (i, c) in body.iter().enumerate() {
        if content_positions.contains(&i) {
            roles
                .contents
                .push((std::mem::take(&mut labels), c.clone()));
        } else if roles.contents.is_empty() {
            roles.headings.push((heading_level(c), c.clone()));
        } else {
            labels.push(c.clone());
        }
    }
    roles
}

/// The row is a single cell of requirement text that merely resembles a unit list.
fn is_only_content(cells: &[String]) -> bool {
    cells.iter().filter(|c| !c.is_empty()).count() <= 1
}

/// Per-table state while rows are read.
#[derive(Default)]
struct State {
    section: Vec<Option<String>>,
    /// Column of the task number in the current table, learnt from numbered rows.
    number_col: Option<usize>,
    /// The numbered row that continuation rows belong to, and how many it has.
    group: Option<(String, usize)>,
    group_units: Option<String>,
    group_deadline: Option<String>,
    /// Unit and deadline cells of the row above, for merged cells.
    above_units: Option<String>,
    above_deadline: Option<String>,
    /// Numbers assigned so far, to avoid duplicate ids in a table without numbers.
    sequence: usize,
}

impl State {
    fn set_heading(&mut self, level: usize, text: &str) {
        let h = clean_heading(text);
        if h.is_empty() {
            return;
        }
        if self.section.len() <= level {
            self.section.resize(level + 1, None);
        }
        self.section[level] = Some(h);
        self.section.truncate(level + 1);
    }

    fn section(&self) -> Vec<String> {
        self.section.iter().flatten().cloned().collect()
    }

    fn end_table(&mut self) {
        self.number_col = None;
        self.above_units = None;
        self.above_deadline = None;
    }
}

/// Extracts the tasks from table items. `year` resolves deadlines such as `年底前`.
pub fn extract(items: &[Item], year: Option<i32>) -> Vec<Task> {
    let mut st = State::default();
    let mut tasks = Vec::new();
    let numbered_anywhere = items.iter().any(|it| match it {
        Item::Row { cells, .. } => !is_header(cells) && assign_roles(cells, None).number.is_some(),
        _ => false,
    });
    for item in items {
        match item {
            Item::Break => st.end_table(),
            Item::Para { text, .. } => {
                if let Some(level) = heading_level(text)
                    && text.chars().count() <= 60
                    && !text.trim_end_matches('。').contains('。')
                {
                    st.set_heading(level, text);
                }
            }
            Item::Row { cells, line } => {
                if is_header(cells) {
                    st.end_table();
                    continue;
                }
                row_tasks(cells, *line, &mut st, numbered_anywhere, year, &mut tasks);
            }
        }
    }
    tasks
}

fn row_tasks(
    cells: &[String],
    line: usize,
    st: &mut State,
    numbered_anywhere: bool,
    year: Option<i32>,
    tasks: &mut Vec<Task>,
) {
    let roles = assign_roles(cells, st.number_col);
    // Headings: marked ones by their marker, unmarked ones by their slot.
    for (slot, (level, text)) in roles.headings.iter().enumerate() {
        let level = level.unwrap_or(slot);
        if !text.trim().is_empty() {
            st.set_heading(level, text);
        }
    }
    if roles.contents.is_empty() {
        return;
    }
    let numbered = roles.number.is_some();
    if let Some(n) = &roles.number {
        st.number_col = roles.number_idx;
        st.group = Some((n.clone(), 1));
        st.group_units = roles.units.clone().or_else(|| st.above_units.clone());
        st.group_deadline = roles.deadline.clone().or_else(|| st.above_deadline.clone());
    } else if !numbered_anywhere {
        // A table without numbers: number its rows in order.
        st.sequence += 1;
        st.group = Some((st.sequence.to_string(), 1));
        st.group_units = roles.units.clone();
        st.group_deadline = roles.deadline.clone();
    }
    let Some((group_id, _)) = st.group.clone() else {
        return; // requirement text before any numbered row: not a task
    };
    let base_section = st.section();
    for (k, (labels, text)) in roles.contents.iter().enumerate() {
        let is_first = k == 0 && (numbered || !numbered_anywhere);
        let id = if is_first {
            group_id.clone()
        } else {
            let group = st.group.as_mut().expect("group set above");
            group.1 += 1;
            format!("{}-{}", group.0, group.1)
        };
        let mut section = base_section.clone();
        if let Some(label) = labels.iter().rev().find(|l| !l.trim().is_empty()) {
            // A label beside a second requirement in one row names that requirement.
            if section.len() >= 2 {
                section.pop();
            }
            section.push(clean_heading(label));
        }
        // With two requirements in one row, the row's own cells belong to the last one.
        let last = k + 1 == roles.contents.len();
        let units_cell = roles
            .units
            .clone()
            .filter(|_| last)
            .or_else(|| st.group_units.clone());
        let deadline_cell = roles
            .deadline
            .clone()
            .filter(|_| last)
            .or_else(|| st.group_deadline.clone());
        let (lead_units, units) = units_cell.as_deref().map(parse_units).unwrap_or_default();
        let deadline = deadline_cell
            .as_deref()
            .map(|d| parse_deadline(d, year))
            .unwrap_or_else(Deadline::unspecified);
        tasks.push(Task {
            id,
            section,
            text: squeeze(text),
            units,
            lead_units,
            deadline,
            line,
        });
    }
    if numbered {
        st.above_units = st.group_units.clone();
        st.above_deadline = st.group_deadline.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Item {
        Item::Row {
            cells: cells.iter().map(|s| s.to_string()).collect(),
            line: 1,
        }
    }

    #[test]
    fn number_and_text_in_one_cell() {
        let items = [row(&[
            "一、加强",
            "(三)加强涉及减税降费的信息公开。",
            "6 围绕“双招双引”和优化营商环境，系统集成。",
            "省税务局负责落实",
            "年底前",
        ])];
        let t = extract(&items, Some(2022));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].id, "6");
        assert_eq!(
            t[0].section,
            ["一、加强", "（三）加强涉及减税降费的信息公开"]
        );
        assert_eq!(t[0].text, "围绕“双招双引”和优化营商环境，系统集成。");
        assert_eq!(t[0].units, ["省税务局"]);
        assert_eq!(t[0].deadline.date.as_deref(), Some("2022-12-31"));
    }

    #[test]
    fn continuation_rows_inherit_from_their_group() {
        let items = [
            row(&[
                "3",
                "",
                "优化营商环境",
                "主动公开全国统一的市场准入负面清单。",
                "县发改局",
                "全年",
            ]),
            row(&[
                "",
                "",
                "",
                "及时公开建设高标准市场体系行动方案的落实举措。",
                "",
                "",
            ]),
            row(&[
                "",
                "",
                "",
                "做好反垄断与反不正当竞争执法信息公开。",
                "县市场监管局",
                "9月底前",
            ]),
        ];
        let t = extract(&items, Some(2021));
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["3", "3-2", "3-3"]);
        assert_eq!(t[1].units, ["县发改局"]);
        assert_eq!(t[1].deadline.raw.as_deref(), Some("全年"));
        assert_eq!(t[2].units, ["县市场监管局"]);
        assert_eq!(t[2].section, ["优化营商环境"]);
    }

    #[test]
    fn header_rows_are_not_tasks() {
        let items = [row(&["工作任务", "", "具体要求", "责任单位", "时限要求"])];
        assert!(extract(&items, None).is_empty());
    }
}
