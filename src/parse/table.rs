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
//!
//! A header row, where there is one, adds what cells cannot say for themselves: which
//! column names the lead units (牵头单位 beside 责任单位), which columns are a report's
//! status (完成情况, not part of the task), and that two text columns of one row
//! (工作任务 `1.主动公开…` and 工作要求 `通过…`) are one requirement. Rows shorter than the
//! header are aligned to its right end (the missing cells are merged section cells).

use super::fields::{
    clean_heading, has_full_stop, looks_like_deadline, looks_like_units, parse_deadline,
    parse_units, squeeze,
};
use crate::lexicon::{ColumnKind, column_kind, heading_level};
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

// The three small patterns below were regular expressions; written out by hand they cost
// nothing at start-up (compiling them was a share of every `parse`).

/// A decimal digit as the notices write them: ASCII or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The digits that open `s`, when there are 1 to `max` of them: (digits, rest).
fn leading_digits(s: &str, max: usize) -> Option<(&str, &str)> {
    let mut n = 0;
    let mut end = 0;
    for c in s.chars().take_while(|&c| is_digit(c)) {
        n += 1;
        end += c.len_utf8();
    }
    (1..=max).contains(&n).then(|| s.split_at(end))
}

/// The dots that may follow a task number.
fn number_dot(c: char) -> bool {
    matches!(c, '.' | '、' | '．' | '﹒')
}

/// A cell holding only a task number (`12`, `3.`): the number.
fn number_cell(c: &str) -> Option<&str> {
    let (digits, rest) = leading_digits(c, 3)?;
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (None, _) => Some(digits),
        (Some(d), None) if number_dot(d) => Some(digits),
        _ => None,
    }
}

/// A cell opening with a task number and then its text (`6 围绕…`, `2.公开…`): (number,
/// text). The text is one line.
fn number_and_rest(c: &str) -> Option<(&str, &str)> {
    let (digits, rest) = leading_digits(c, 3)?;
    let first = rest.chars().next()?;
    let rest = if number_dot(first) {
        &rest[first.len_utf8()..]
    } else if first.is_whitespace() {
        rest
    } else {
        return None;
    };
    let text = rest.trim_start();
    (!text.is_empty() && !text.contains('\n')).then_some((digits, text))
}

/// A sub-item number opening a requirement cell whose task number stands in another cell
/// (`1.开展…`, `2 、按照…`): the byte offset of the text after it, which is not a digit.
fn sub_number(c: &str) -> Option<usize> {
    let (_, rest) = leading_digits(c, 2)?;
    let after_space = rest.trim_start();
    let d = after_space.chars().next().filter(|&d| number_dot(d))?;
    let after_dot = &after_space[d.len_utf8()..];
    let text = match after_dot.trim_start() {
        // Only spaces after the dot: the first of them is the text.
        "" => after_dot,
        t => t,
    };
    text.chars()
        .next()
        .filter(|&t| !is_digit(t))
        .map(|_| c.len() - text.len())
}

/// A row that names the columns, not a task.
pub(crate) fn is_header(cells: &[String]) -> bool {
    // Header cells are short: a row with a long cell (the requirement) is not a header,
    // whatever words it holds. (Checked first: it is cheap and settles most rows.)
    if cells.iter().any(|c| c.len() > 96) {
        return false;
    }
    let nonempty: Vec<String> = cells
        .iter()
        .map(|c| squeeze(c))
        .filter(|c| !c.is_empty())
        .collect();
    if !nonempty.iter().all(|c| c.chars().count() <= 12) {
        return false;
    }
    let hits = nonempty
        .iter()
        .filter(|c| crate::lexicon::is_header_word(c))
        .count();
    hits >= 2
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

/// A section cell whose marker was lost (`一、` read by OCR as `一` or not at all): a
/// short title, one sentence at most, standing before a cell that is only a task number
/// or a number and its text, with nothing but such titles between. Where the marker is
/// there, [`heading_level`] says so.
fn unmarked_section(cell: &str, rest: &[String]) -> bool {
    let t = cell.trim();
    let n = t.chars().count();
    if !(4..=40).contains(&n) || t.trim_end_matches(['。', '；']).contains(['。', '；']) {
        return false;
    }
    for c in rest.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if number_cell(c).is_some() || number_and_rest(c).is_some() {
            return true;
        }
        if heading_level(c).is_none() && c.chars().count() > 40 {
            return false;
        }
    }
    false
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
    /// The cell of a 牵头单位 column, when the header has one.
    lead: Option<String>,
    deadline: Option<String>,
}

/// The kinds of a row's cells, from the header: rows shorter than the header are aligned to
/// its right end; longer rows get none.
fn row_kinds(columns: Option<&[ColumnKind]>, len: usize) -> Option<&[ColumnKind]> {
    let cols = columns?;
    (len <= cols.len()).then(|| &cols[cols.len() - len..])
}

fn assign_roles(
    cells: &[String],
    number_col: Option<usize>,
    kinds: Option<&[ColumnKind]>,
) -> Roles {
    let mut cells: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
    let kind_at = |i: usize| kinds.and_then(|k| k.get(i)).copied();
    // A report's status column is not part of the task.
    // Nor is the official in charge (分管领导, 责任领导).
    for (i, c) in cells.iter_mut().enumerate() {
        if matches!(kind_at(i), Some(ColumnKind::Status | ColumnKind::Leader)) {
            c.clear();
        }
    }
    let mut roles = Roles {
        number: None,
        number_idx: None,
        headings: Vec::new(),
        contents: Vec::new(),
        units: None,
        lead: None,
        deadline: None,
    };
    // The number: the first non-empty cell that is or starts with a task number.
    let mut rest_of_number: Option<String> = None;
    let mut num_idx = None;
    for (i, c) in cells.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        if let Some(n) = number_cell(c) {
            roles.number = Some(n.to_string());
            num_idx = Some(i);
        } else if let Some((n, rest)) = number_and_rest(c)
            && !rest.starts_with(|ch: char| "年月日号%个项次万元天分条家人篇".contains(ch))
        {
            roles.number = Some(n.to_string());
            rest_of_number = Some(rest.to_string());
            num_idx = Some(i);
        }
        if num_idx.is_some()
            || (heading_level(c).is_none() && !unmarked_section(c, &cells[i + 1..]))
        {
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
    // The column kind of each cell of `after`.
    let mut after_kinds: Vec<Option<ColumnKind>> = Vec::new();
    let shares_number = rest_of_number.is_some();
    if let Some(rest) = rest_of_number {
        after.push(rest);
        after_kinds.push(num_idx.and_then(kind_at));
    }
    let start = if num_idx.is_some() || (number_col == Some(split) && split < cells.len()) {
        split + 1
    } else {
        split
    };
    for (i, c) in cells.iter().enumerate().skip(start) {
        // A requirement opening with its sub-item number (`1.开展…2.按照…`) beside a task
        // number of its own: the sub-number is not part of the text.
        let c = match sub_number(c) {
            Some(at) if roles.number.is_some() && !looks_like_deadline(c) => c[at..].to_string(),
            _ => c.clone(),
        };
        after.push(c);
        after_kinds.push(kind_at(i));
    }
    // A lead-units column, named so by the header.
    if let Some(k) = after_kinds
        .iter()
        .position(|k| *k == Some(ColumnKind::Lead))
        && looks_like_units(&after[k])
        && (after_kinds.contains(&Some(ColumnKind::Units))
            || after_kinds.contains(&Some(ColumnKind::Leader)))
    {
        roles.lead = Some(std::mem::take(&mut after[k]));
    }

    // Deadline and units from the end, in either order (`… | 完成时限 | 责任单位`).
    let mut end = after.len();
    let skip_empty = |end: &mut usize, after: &[String]| {
        while *end > 0 && after[*end - 1].is_empty() {
            *end -= 1;
        }
    };
    skip_empty(&mut end, &after);
    let take_deadline = |end: &mut usize, roles: &mut Roles| {
        if *end > 0 && roles.deadline.is_none() && looks_like_deadline(&after[*end - 1]) {
            roles.deadline = Some(after[*end - 1].clone());
            *end -= 1;
            skip_empty(end, &after);
        }
    };
    take_deadline(&mut end, &mut roles);
    if end > 0
        && roles.units.is_none()
        && looks_like_units(&after[end - 1])
        && !is_only_content(&after[..end])
    {
        roles.units = Some(after[end - 1].clone());
        end -= 1;
        skip_empty(&mut end, &after);
        take_deadline(&mut end, &mut roles);
    }
    // Cells left under a 完成时限 or 责任单位 heading of the header hold the deadline and
    // the units wherever the columns stand (`序号 | 完成时限 | 具体措施 | 责任科室`).
    let missing = roles.deadline.is_none() || roles.units.is_none();
    for (k, kind) in after_kinds
        .iter()
        .enumerate()
        .take(if missing { end } else { 0 })
    {
        let c = &after[k];
        if c.is_empty() || c.len() > 160 || c.chars().count() > 40 || has_full_stop(c) {
            continue;
        }
        match kind {
            Some(ColumnKind::Deadline) if roles.deadline.is_none() && looks_like_deadline(c) => {
                roles.deadline = Some(std::mem::take(&mut after[k]));
            }
            Some(ColumnKind::Units) if roles.units.is_none() && looks_like_units(c) => {
                roles.units = Some(std::mem::take(&mut after[k]));
            }
            _ => {}
        }
    }
    // The rest: labels and requirement texts.
    let body = &after[..end];
    let mut labels: Vec<String> = Vec::new();
    let content_positions: Vec<usize> = (0..body.len()).filter(|&i| is_content(&body[i])).collect();
    let last_nonempty = body.iter().rposition(|c| !c.is_empty());
    let content_positions = if content_positions.is_empty() {
        // A short requirement with no punctuation: the last non-empty cell, if it is
        // Chinese text (not a telephone number or a code).
        last_nonempty
            .filter(|&i| {
                body[i]
                    .chars()
                    .filter(|&c| crate::lexicon::is_cjk_ideograph(c))
                    .nth(1)
                    .is_some()
            })
            .into_iter()
            .collect()
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
    // The header names two text columns and the task number opens the first: one
    // requirement written over two cells (工作任务 `1.主动公开…`, 工作要求 `通过…`).
    let text_cols = content_positions
        .iter()
        .all(|&i| after_kinds.get(i) == Some(&Some(ColumnKind::Text)));
    if shares_number
        && roles.contents.len() >= 2
        && content_positions.first() == Some(&0)
        && text_cols
    {
        let joined = roles
            .contents
            .iter()
            .map(|(_, t)| t.trim_end_matches(['；', ';']))
            .collect::<Vec<_>>()
            .join("；");
        roles.contents = vec![(Vec::new(), joined)];
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
    /// Column kinds named by the current table's header row.
    columns: Option<Vec<ColumnKind>>,
    /// The current table is a list of contacts.
    contacts: bool,
    /// A column of short texts that every numbered row of the current table fills: each
    /// row's own name for its task (重点工作 `压缩企业开办时间` beside its 攻坚目标), not a
    /// section heading (those are merged over rows, so some rows lack them).
    name_col: Option<usize>,
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
        self.name_col = None;
        self.contacts = false;
        self.columns = None;
        self.number_col = None;
        self.above_units = None;
        self.above_deadline = None;
    }
}

/// What decided a table reading beyond rows and columns, for `parse --explain`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Runs of key/value rows read as records (one task each): their record counts.
    pub key_value_records: Vec<usize>,
    /// Header words of the columns read as each row's own task name.
    pub name_columns: Vec<String>,
    /// Numbered rows whose units or deadline came from the row above (merged cells).
    pub inherited: usize,
}

/// Extracts the tasks from table items. `year` resolves deadlines such as `年底前`.
pub fn extract(items: &[Item], year: Option<i32>) -> Vec<Task> {
    extract_explained(items, year).0
}

/// [`extract`], with what decided the reading.
pub fn extract_explained(items: &[Item], year: Option<i32>) -> (Vec<Task>, Notes) {
    let mut notes = Notes::default();
    let records = key_value_records(items, &mut notes.key_value_records);
    let items = records.as_deref().unwrap_or(items);
    let mut st = State::default();
    let mut tasks = Vec::new();
    let numbered_anywhere = items.iter().any(|it| match it {
        Item::Row { cells, .. } => {
            !is_header(cells) && assign_roles(cells, None, None).number.is_some()
        }
        _ => false,
    });
    let mut skip_next = false;
    for (i, item) in items.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
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
                    st.columns = Some(header_kinds(cells));
                    st.name_col = name_column(cells, &items[i + 1..]);
                    if let Some(col) = st.name_col {
                        notes.name_columns.push(squeeze(&cells[col]));
                    }
                    continue;
                }
                // A list of contacts (单位 | 姓名 | 职务 | 联系电话), as attachments hold: none
                // of its rows is a task.
                if is_contact_header(cells) {
                    st.end_table();
                    st.contacts = true;
                    continue;
                }
                if st.contacts {
                    continue;
                }
                // A header whose cells wrap onto a second row (`工作` over `任务`).
                if let Some(Item::Row { cells: next, .. }) = items.get(i + 1)
                    && let Some(joined) = wrapped_header(cells, next)
                {
                    st.end_table();
                    st.columns = Some(header_kinds(&joined));
                    skip_next = true;
                    continue;
                }
                // A closing contact block (`联系人：…`, `联系电话：…`) is not a task.
                if cells
                    .iter()
                    .filter(|c| !c.trim().is_empty())
                    .all(|c| crate::lexicon::is_contact_field(c))
                {
                    continue;
                }
                if row_tasks(cells, *line, &mut st, numbered_anywhere, year, &mut tasks) {
                    notes.inherited += 1;
                }
            }
        }
    }
    (tasks, notes)
}

/// The tasks of one row; true when it is a numbered row whose units or deadline came from
/// the row above (its cells merged with that row's).
fn row_tasks(
    cells: &[String],
    line: usize,
    st: &mut State,
    numbered_anywhere: bool,
    year: Option<i32>,
    tasks: &mut Vec<Task>,
) -> bool {
    let kinds = row_kinds(st.columns.as_deref(), cells.len());
    let mut roles = assign_roles(cells, st.number_col, kinds);
    // The row's own name for its task opens the task's text.
    let width = st.columns.as_ref().map_or(0, Vec::len);
    if let Some(col) = st.name_col
        && cells.len() == width
        && roles.number.is_some()
        && roles.contents.len() <= 1
        && let Some(h) = roles
            .headings
            .iter()
            .position(|(_, t)| *t == cells[col].trim())
    {
        let (_, name) = roles.headings.remove(h);
        let name = name.trim_end_matches(['。', '：', ':']);
        match roles.contents.first_mut() {
            Some((_, text)) => *text = format!("{name}：{text}"),
            None => {
                // A target too short to read as a requirement (`100%`): the name and it.
                let values: Vec<String> = roles
                    .headings
                    .drain(h..)
                    .map(|(_, t)| t)
                    .filter(|t| !t.trim().is_empty())
                    .collect();
                let text = if values.is_empty() {
                    name.to_string()
                } else {
                    format!("{name}：{}", values.join("，"))
                };
                roles.contents.push((Vec::new(), text));
            }
        }
    }
    // Headings: marked ones by their marker, unmarked ones by their slot.
    for (slot, (level, text)) in roles.headings.iter().enumerate() {
        let level = level.unwrap_or(slot);
        if !text.trim().is_empty() {
            st.set_heading(level, text);
        }
    }
    if roles.contents.is_empty() {
        return false;
    }
    let numbered = roles.number.is_some();
    let inherited = numbered
        && ((roles.units.is_none() && st.above_units.is_some())
            || (roles.deadline.is_none() && st.above_deadline.is_some()));
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
        return false; // requirement text before any numbered row: not a task
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
        let (mut lead_units, mut units) =
            units_cell.as_deref().map(parse_units).unwrap_or_default();
        if let Some(lead) = roles.lead.as_deref() {
            // The 牵头单位 column's units lead; the 责任单位 column's implement.
            let (l, u) = parse_units(lead);
            let mut all = l;
            all.extend(u);
            all.extend(lead_units);
            lead_units = all;
            units.retain(|u| !lead_units.contains(u));
        }
        let deadline = deadline_cell
            .as_deref()
            .map(|d| parse_deadline(d, year))
            .unwrap_or_else(Deadline::unspecified);
        let text = squeeze(text);
        // A row printed again at a page break is not a new task.
        if tasks
            .last()
            .is_some_and(|t: &Task| t.id == id && t.text == text)
        {
            continue;
        }
        tasks.push(Task {
            id,
            section,
            text,
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
    inherited
}

/// The name column of the table whose rows follow `header` (see [`State::name_col`]): a
/// text column, left of a column of targets (攻坚目标, 预期目标, 目标值: what is to be
/// reached, which says little without the name of the work), that every numbered row of
/// full width fills with a short unmarked text; at least two such rows. (Beside a column
/// of measures, 工作措施 or 具体要求, a short label is the rows' section, as before.)
fn name_column(header: &[String], rest: &[Item]) -> Option<usize> {
    let width = header.len();
    let kinds = header_kinds(header);
    let target = |c: &String| crate::lexicon::to_simplified(&squeeze(c)).contains("目标");
    let rows: Vec<&Vec<String>> = rest
        .iter()
        .take_while(|it| !matches!(it, Item::Break))
        .filter_map(|it| match it {
            Item::Row { cells, .. } if !is_header(cells) => Some(cells),
            _ => None,
        })
        .take_while(|cells| !is_header(cells))
        .filter(|cells| {
            cells.len() == width && cells.iter().any(|c| number_cell(c.trim()).is_some())
        })
        .collect();
    if rows.len() < 2 {
        return None;
    }
    (0..width).find(|&col| {
        kinds[col] == ColumnKind::Text
            && (col + 1..width).any(|k| kinds[k] == ColumnKind::Text && target(&header[k]))
            && rows.iter().all(|cells| {
                let c = cells[col].trim();
                let n = c.chars().count();
                (4..=20).contains(&n)
                    && !c.contains('。')
                    && heading_level(c).is_none()
                    && number_and_rest(c).is_none()
                    && !looks_like_units(c)
                    && !looks_like_deadline(c)
            })
    })
}

/// Rows of key/value pairs (`| 重点工作 | 1.扎实推进… |`, `| 牵头单位 | 县农业农村局 |`), one
/// record per task, the first key repeating at each: turned into a header of the keys and
/// one row per record, so that they are read like any table. None when there are no such
/// runs; the number of records of each run is added to `counts`.
fn key_value_records(items: &[Item], counts: &mut Vec<usize>) -> Option<Vec<Item>> {
    let pair = |it: &Item| -> Option<(String, String, usize)> {
        let Item::Row { cells, line } = it else {
            return None;
        };
        let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        let [key, value] = filled.as_slice() else {
            return None;
        };
        let key = squeeze(key);
        (key.chars().count() <= 8 && crate::lexicon::is_header_word(&key))
            .then(|| (key, value.trim().to_string(), *line))
    };
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut changed = false;
    let mut i = 0;
    while i < items.len() {
        let run = items[i..].iter().map_while(pair).collect::<Vec<_>>();
        let first_key = run.first().map(|(k, _, _)| k.clone());
        let records = run
            .iter()
            .filter(|(k, _, _)| Some(k) == first_key.as_ref())
            .count();
        if run.len() < 4 || records < 2 {
            out.push(items[i].clone());
            i += 1;
            continue;
        }
        let mut keys: Vec<String> = Vec::new();
        for (k, _, _) in &run {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        out.push(Item::Row {
            cells: keys.clone(),
            line: run[0].2,
        });
        let mut row: Vec<String> = Vec::new();
        let mut line = run[0].2;
        for (k, v, l) in &run {
            if Some(k) == first_key.as_ref() && !row.is_empty() {
                out.push(Item::Row {
                    cells: std::mem::take(&mut row),
                    line,
                });
            }
            if row.is_empty() {
                row = vec![String::new(); keys.len()];
                line = *l;
            }
            let at = keys.iter().position(|x| x == k).expect("a key of the run");
            row[at] = v.clone();
        }
        out.push(Item::Row { cells: row, line });
        out.push(Item::Break);
        counts.push(records);
        changed = true;
        i += run.len();
    }
    changed.then_some(out)
}

/// The header of a list of contacts: at least two of 姓名, 职务, 联系电话 … among short
/// cells.
fn is_contact_header(cells: &[String]) -> bool {
    const WORDS: &[&str] = &[
        "姓名",
        "职务",
        "职务职称",
        "职称",
        "联系电话",
        "办公电话",
        "手机",
        "手机号码",
        "电话",
        "联系人",
        "电子邮箱",
        "邮箱",
        "传真",
    ];
    cells
        .iter()
        .all(|c| c.len() <= 48 && c.chars().count() <= 12)
        && cells
            .iter()
            .filter(|c| WORDS.contains(&crate::lexicon::to_simplified(&squeeze(c)).as_ref()))
            .count()
            >= 2
}

/// Two rows of short cells that, joined cell by cell, make a header row: a header wrapped
/// over two lines. The joined header, if so.
fn wrapped_header(a: &[String], b: &[String]) -> Option<Vec<String>> {
    let short = |c: &String| c.len() <= 64 && c.chars().filter(|c| !c.is_whitespace()).count() <= 6;
    if a.len() < 2 || a.len() != b.len() || !a.iter().chain(b).all(short) || is_header(b) {
        return None;
    }
    let joined: Vec<String> = a
        .iter()
        .zip(b)
        .map(|(x, y)| format!("{}{}", squeeze(x), squeeze(y)))
        .collect();
    is_header(&joined).then_some(joined)
}

/// Column kinds of a header row (an empty header cell continues the text column before it).
fn header_kinds(cells: &[String]) -> Vec<ColumnKind> {
    cells
        .iter()
        .map(|c| {
            let c = squeeze(c);
            if c.is_empty() {
                ColumnKind::Text
            } else {
                column_kind(&c)
            }
        })
        .collect()
}

/// The first header row among the items, as written, for `parse --explain`.
pub fn header_of(items: &[Item]) -> Option<Vec<String>> {
    items.iter().find_map(|it| match it {
        Item::Row { cells, .. } if is_header(cells) => {
            Some(cells.iter().map(|c| squeeze(c)).collect())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written matchers agree with the regular expressions they replace.
    #[test]
    fn number_matchers_agree_with_their_patterns() {
        let cell = regex::Regex::new(r"^(\d{1,3})[.、．﹒]?$").unwrap();
        let and_rest = regex::Regex::new(r"^(\d{1,3})(?:[.、．﹒]|\s+)\s*(\S.*)$").unwrap();
        let sub = regex::Regex::new(r"^\d{1,2}\s*[.、．﹒]\s*(\D)").unwrap();
        for c in [
            "1",
            "12",
            "123",
            "1234",
            "3.",
            "4、",
            "5．",
            "6﹒",
            "7..",
            "",
            "a",
            "1 围绕",
            "2.公开",
            "2 . 公开",
            "12　文本",
            "3、 ",
            "10 2022年",
            "1.5倍",
            "1.2.3",
            "99 x\ny",
            "1\u{3000}做好",
            "１２",
            "2 、按照",
            "3.4",
            "12 .开展",
            "123.做",
            "1234 做",
        ] {
            assert_eq!(
                number_cell(c),
                cell.captures(c).map(|m| m.get(1).unwrap().as_str()),
                "{c:?}"
            );
            assert_eq!(
                number_and_rest(c),
                and_rest
                    .captures(c)
                    .map(|m| (m.get(1).unwrap().as_str(), m.get(2).unwrap().as_str())),
                "{c:?}"
            );
            assert_eq!(
                sub_number(c),
                sub.captures(c).map(|m| m.get(1).unwrap().start()),
                "{c:?}"
            );
        }
    }

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
    fn deadline_before_units_and_a_row_one_cell_short() {
        let items = [
            row(&["工作任务", "完成时限", "责任单位"]),
            row(&[
                "1.做好规划信息公开工作,集中展示。",
                "三季度前",
                "市发改委、市自然资源局",
            ]),
            row(&["2.做好财政信息公开工作,定期公开。", "年底前"]),
        ];
        let t = extract(&items, Some(2022));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].units, ["市发改委", "市自然资源局"]);
        assert_eq!(t[0].deadline.date.as_deref(), Some("2022-09-30"));
        // The merged units cell is missing from the second row: it takes the row above's.
        assert_eq!(t[1].units, ["市发改委", "市自然资源局"]);
        assert_eq!(t[1].deadline.raw.as_deref(), Some("年底前"));
    }

    #[test]
    fn a_row_repeated_at_a_page_break_is_read_once() {
        let r = row(&[
            "3",
            "做好疫情防控信息公开工作,及时发布权威信息。",
            "市卫健委",
            "持续推进",
        ]);
        let items = [r.clone(), Item::Break, r];
        assert_eq!(extract(&items, None).len(), 1);
    }

    #[test]
    fn header_names_lead_and_status_columns() {
        let items = [
            row(&["序號", "工作任務", "牽頭單位", "責任單位", "完成情况"]),
            row(&[
                "1",
                "做好規劃信息公開工作,集中展示。",
                "市財政局",
                "各縣政府",
                "已完成",
            ]),
        ];
        let t = extract(&items, None);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lead_units, ["市財政局"]);
        assert_eq!(t[0].units, ["各縣政府"]);
        assert_eq!(t[0].deadline.raw, None);
    }

    #[test]
    fn header_rows_are_not_tasks() {
        let items = [row(&["工作任务", "", "具体要求", "责任单位", "时限要求"])];
        assert!(extract(&items, None).is_empty());
    }

    #[test]
    fn header_wrapped_over_two_rows_and_a_contact_row() {
        let items = [
            row(&["工作", "具体", "责任", "完成"]),
            row(&["任务", "要求", "单位", "时限"]),
            row(&[
                "（一）规划公开",
                "1.主动公开规划纲要，设立专题集中展示。",
                "市发展改革委",
                "6月底前",
            ]),
            row(&["联系人：王某某", "联系电话：0551-12345678"]),
            Item::Break,
            row(&["单位", "姓名", "职务", "联系电话"]),
            row(&["市财政局", "李某", "副局长", "12345678"]),
        ];
        let t = extract(&items, Some(2022));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].section, ["（一）规划公开"]);
        assert_eq!(t[0].deadline.date.as_deref(), Some("2022-06-30"));
    }

    #[test]
    fn header_columns_place_deadline_and_units_anywhere() {
        let items = [
            row(&["序号", "完成时限", "具体措施", "责任科室"]),
            row(&[
                "1",
                "2022年6月底前",
                "编制本部门政府信息公开指南。",
                "办公室",
            ]),
            row(&["序号", "重点任务", "责任单位", "完成时限"]),
            row(&[
                "2",
                "公开县级预决算及“三公”经费。",
                "县财政局",
                "按法定时限",
            ]),
        ];
        let t = extract(&items, Some(2022));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].units, ["办公室"]);
        assert_eq!(t[0].deadline.date.as_deref(), Some("2022-06-30"));
        assert!(t[0].section.is_empty(), "{:?}", t[0].section);
        assert_eq!(t[1].units, ["县财政局"]);
        assert_eq!(t[1].deadline.raw.as_deref(), Some("按法定时限"));
    }
}
