//! Task extraction from prose notices: numbered items in any scheme (`一、` `（一）` `1.`
//! `1、` `1﹒` `（1）` `①` `第一条` …), with the responsible units in parentheses or brackets
//! (`（市财政局牵头落实）`, `〔牵头单位：…；责任单位：…〕`), usually trailing.
//!
//! Which level of the numbering holds the tasks is read from the notice itself. Marks nest
//! as `第一条` › `一、` › `（一）` › `1.` › `（1）` › `①`. A level whose items mostly have items
//! of a deeper level under them is a level of headings; of the other levels (and the deepest
//! one), the level with the most items holds the tasks, the deeper one on a tie. In a
//! 工作要点 notice `（一）` items are the tasks under `一、` headings (also when some `一、`
//! sections, 总体要求 or 保障措施, are paragraphs without items); in a 分工 notice with `1.`
//! items under `（一）` headings, the `1.` items are; `1.` sub-points under a few `（一）`
//! tasks stay in their task's text.

use super::fields::{
    clean_heading, deadline_in_text, looks_like_deadline, looks_like_units, parse_deadline,
    parse_units, squeeze,
};
use crate::lexicon::{CLOSING_PUNCT, Mark, is_framing_title, numbering, to_simplified};
use crate::model::Task;

/// Lines that end a task list: copy-to lines, attachments, signatures.
fn is_terminator(line: &str) -> bool {
    let l = line.trim();
    l.starts_with("抄送")
        || l.starts_with("附件")
        || l.starts_with("（此件")
        || crate::lexicon::is_contact_field(l)
}

/// Counts the lines (or parts of a long line) that open a numbered prose item, for layout
/// detection; table lines, with tabs or pipes, are left to the table layouts.
pub fn item_lines(lines: &[&str]) -> usize {
    let prose: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.contains(['\t', '|']))
        .collect();
    segments(&prose, 0)
        .iter()
        .filter(|seg| numbering(seg.text).is_some_and(|n| seg.text[n.rest..].chars().count() >= 10))
        .count()
}

/// One line, or a part of a long line that holds several numbered items (a notice
/// flattened onto one line).
struct Segment<'a> {
    text: &'a str,
    line: usize,
}

/// A numbered item: its mark and number, the text after the mark, its segment index, and
/// whether it is a framing title (`（一）指导思想`) rather than a task or heading.
#[derive(Debug, Clone, Copy)]
struct Item<'a> {
    mark: Mark,
    number: u32,
    body: &'a str,
    seg: usize,
    framing: bool,
}

/// How the task level was chosen, for `parse --explain`.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// Each numbering scheme found, outermost first: (mark, items, items with deeper items
    /// under them).
    pub marks: Vec<(Mark, usize, usize)>,
    /// The scheme that holds the tasks.
    pub task_mark: Option<Mark>,
    /// Whether the task numbers restart under each heading.
    pub restarts: bool,
    /// Whether the tasks are unnumbered paragraphs under the numbered items, which are
    /// titles (each paragraph with a duty clause of its own).
    pub paragraphs: bool,
    /// Items numbered in another script or width that continue the sequence of the items
    /// around them (`（１２）` between `（十一）` and `（十三）`): (line, number, read as).
    pub continued: Vec<(usize, u32, Mark)>,
    /// Framing items set aside (`（一）指导思想`, `（二）工作目标`): their lines.
    pub framing: Vec<usize>,
    /// The level above the most numerous one holds the tasks, because each of its items
    /// carries exactly one duty clause while the deeper items are its sub-points.
    pub duty_level: bool,
    /// The line of the signature (a department or government name, then a date) that
    /// ended the list: neither units nor deadline of the last task.
    pub signature: Option<usize>,
}

fn segments<'a>(lines: &[&'a str], start: usize) -> Vec<Segment<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    for (i, raw) in lines.iter().enumerate().skip(start) {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line.len() > crate::lexicon::FLATTENED_LINE {
            // A mark after a space inside the line opens an item of its own, when the line
            // holds at least two of them (a single one may be a cross-reference).
            let cuts: Vec<usize> = line
                .char_indices()
                .filter(|&(j, c)| c == ' ' && j + 1 < line.len())
                .map(|(j, _)| j + 1)
                .filter(|&j| {
                    !line[j..].starts_with(' ')
                        && numbering(&line[j..]).is_some_and(|n| n.mark != Mark::Article)
                })
                .collect();
            if cuts.len() >= 2 {
                let mut from = 0;
                for c in cuts.into_iter().chain(std::iter::once(line.len())) {
                    let part = line[from..c].trim();
                    if !part.is_empty() {
                        out.push(Segment {
                            text: part,
                            line: i + 1,
                        });
                    }
                    from = c;
                }
                continue;
            }
        }
        out.push(Segment {
            text: line,
            line: i + 1,
        });
    }
    out
}

fn items<'a>(segs: &[Segment<'a>]) -> Vec<Item<'a>> {
    segs.iter()
        .enumerate()
        .filter_map(|(k, seg)| {
            let n = numbering(seg.text)?;
            let body = seg.text[n.rest..].trim_start();
            (body.chars().count() >= 2).then_some(Item {
                mark: n.mark,
                number: n.number,
                body,
                seg: k,
                framing: is_framing_title(body),
            })
        })
        .collect()
}

/// The mark an item written in another script or width stands in for: `（12）` for
/// `（十二）`, `12、` for `十二、`.
fn sibling_mark(m: Mark) -> Option<Mark> {
    match m {
        Mark::ParenArabic => Some(Mark::ParenChinese),
        Mark::Arabic => Some(Mark::Chinese),
        _ => None,
    }
}

/// The numbering checksum as arbiter between two readings of an item: one written in
/// another script or width (`（１２）`, `(12)` among `（十一）` … `（十三）`) continues the
/// sequence of the items around it when it is the next number of the item before it and
/// the item after it (of that mark) is the number after it, and no item of its own mark
/// stands between. Returns what was read that way, for `--explain`.
fn continue_sequences(items: &mut [Item<'_>], segs: &[Segment<'_>]) -> Vec<(usize, u32, Mark)> {
    let mut out = Vec::new();
    for i in 0..items.len() {
        let it = items[i];
        let Some(a) = sibling_mark(it.mark) else {
            continue;
        };
        if it.number < 2 {
            continue;
        }
        let Some(prev) = items[..i].iter().rposition(|p| p.mark == a) else {
            continue;
        };
        if items[prev].number + 1 != it.number
            || items[prev + 1..i].iter().any(|p| p.mark == it.mark)
        {
            continue;
        }
        // It continues its own mark's sequence as well (`1.` `2.` … `3.` after `二、`):
        // that reading stands.
        if items[..i]
            .iter()
            .rev()
            .find(|p| p.mark == it.mark)
            .is_some_and(|p| p.number + 1 == it.number)
        {
            continue;
        }
        let next_a = items[i + 1..].iter().find(|n| n.mark == a);
        let alone = items.iter().filter(|n| n.mark == it.mark).count() == 1;
        let continues = match next_a {
            Some(n) => n.number == it.number + 1,
            // At the end of the list: only an item alone in its mark.
            None => it.number >= 3 && alone,
        };
        if continues {
            items[i].mark = a;
            out.push((segs[it.seg].line, it.number, a));
        }
    }
    out
}

/// Does a line carry a duty clause: a parenthesis naming units, or a labelled unit line
/// (`牵头单位：…`)?
fn carries_duty(text: &str) -> bool {
    has_duty_clause(text)
        || super::fields::strip_unit_label(&to_simplified(&squeeze(text))).is_some()
}

/// Whether the level above `task_mark` holds the tasks rather than it: every item of that
/// level carries exactly one duty clause (in its line or the lines under it), while not
/// every `task_mark` item has one of its own (they are its sub-points, `（1）…；（2）…。`).
fn duty_level_above(segs: &[Segment<'_>], items: &[Item<'_>], task_mark: Mark) -> Option<Mark> {
    let parent = items
        .iter()
        .map(|it| it.mark)
        .filter(|&m| m < task_mark)
        .max()?;
    // The duty clauses from an item's line to the next item of `level` or above.
    let duties = |k: usize, level: Mark| -> usize {
        let it = &items[k];
        let end = items[k + 1..]
            .iter()
            .find(|n| n.mark <= level)
            .map_or(segs.len(), |n| n.seg);
        segs[it.seg..end]
            .iter()
            .filter(|seg| carries_duty(seg.text))
            .count()
    };
    let (mut parents, mut tasks, mut tasks_with) = (0, 0, 0);
    for (k, it) in items.iter().enumerate() {
        if it.mark == parent {
            if duties(k, parent) != 1 {
                return None;
            }
            parents += 1;
        } else if it.mark == task_mark {
            tasks += 1;
            // Its own span: to the next item of any level at or above it.
            tasks_with += usize::from(duties(k, task_mark) > 0);
        }
    }
    (parents >= 2 && tasks > parents && tasks_with < tasks).then_some(parent)
}

/// Chooses the level of numbering that holds the tasks (see the module docs).
fn choose(items: &[Item<'_>]) -> Choice {
    let mut marks: Vec<(Mark, usize, usize)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let parent = items.get(i + 1).is_some_and(|next| next.mark > it.mark);
        match marks.iter_mut().find(|(m, _, _)| *m == it.mark) {
            Some(e) => {
                e.1 += 1;
                e.2 += usize::from(parent);
            }
            None => marks.push((it.mark, 1, usize::from(parent))),
        }
    }
    marks.sort_by_key(|(m, _, _)| *m);
    // A level whose items mostly have deeper items under them is a level of headings; of
    // the others (and the deepest level), the one with the most items holds the tasks,
    // the deeper one on a tie.
    let deepest = marks.last().map(|(m, _, _)| *m);
    let task_mark = marks
        .iter()
        .filter(|&&(m, n, parents)| 2 * parents < n || Some(m) == deepest)
        .max_by_key(|&&(m, n, _)| (n, m))
        .map(|(m, _, _)| *m);
    let restarts = task_mark.is_some_and(|tm| restarts(items, tm));
    Choice {
        marks,
        task_mark,
        restarts,
        ..Choice::default()
    }
}

/// Numbers of `tm` items that go back to 1 under a new heading restart per section.
fn restarts(items: &[Item<'_>], tm: Mark) -> bool {
    let mut last = 0;
    let mut restarted = false;
    for it in items.iter().filter(|it| it.mark <= tm) {
        if it.mark == tm {
            if it.number == 1 && last >= 1 {
                restarted = true;
            }
            last = it.number;
        }
    }
    restarted
}

/// Extracts the tasks of a prose notice from its lines, starting at `start`.
pub fn extract(lines: &[&str], start: usize, year: Option<i32>) -> Vec<Task> {
    extract_explained(lines, start, year).0
}

/// [`extract`], with how the task level was chosen.
pub fn extract_explained(lines: &[&str], start: usize, year: Option<i32>) -> (Vec<Task>, Choice) {
    let segs = segments(lines, start);
    let mut items = items(&segs);
    let continued = continue_sequences(&mut items, &segs);
    // A cover letter's own points (`一、提高思想认识。…`) stand above its signature date;
    // when more items follow the date, the task list starts after it.
    if let Some(date_seg) = segs.iter().position(|seg| is_date_line(seg.text)) {
        let before = items.iter().filter(|it| it.seg < date_seg).count();
        if before > 0 && items.len() - before >= 2 * before.max(1) {
            items.drain(..before);
        }
    }
    // Framing items (`（一）指导思想`) are neither tasks nor headings of tasks.
    let framing: Vec<usize> = items
        .iter()
        .filter(|it| it.framing)
        .map(|it| segs[it.seg].line)
        .collect();
    let numbered: Vec<Item<'_>> = items.iter().filter(|it| !it.framing).copied().collect();
    let mut choice = choose(&numbered);
    choice.continued = continued;
    choice.framing = framing;
    let Some(mut task_mark) = choice.task_mark else {
        return (Vec::new(), choice);
    };
    if let Some(parent) = duty_level_above(&segs, &numbered, task_mark) {
        task_mark = parent;
        choice.task_mark = Some(parent);
        choice.duty_level = true;
        choice.restarts = restarts(&numbered, parent);
    }
    choice.paragraphs = paragraph_tasks(&segs, &numbered, task_mark);
    let mut sequence = 0u32;
    let mut item_at = items.iter().peekable();
    let mut tasks = Vec::new();
    // Headings above the current position: (mark, number, cleaned text).
    let mut headings: Vec<(Mark, u32, String)> = Vec::new();
    let mut current: Option<Pending> = None;
    let flush = |cur: &mut Option<Pending>, tasks: &mut Vec<Task>| {
        if let Some(p) = cur.take() {
            tasks.push(make_task(p, year));
        }
    };
    for (k, seg) in segs.iter().enumerate() {
        let item = match item_at.peek() {
            Some(it) if it.seg == k => item_at.next().copied(),
            _ => None,
        };
        match item {
            Some(it) if it.framing => {
                flush(&mut current, &mut tasks);
                headings.retain(|(m, _, _)| *m < it.mark);
            }
            Some(it) if it.mark < task_mark || (choice.paragraphs && it.mark == task_mark) => {
                flush(&mut current, &mut tasks);
                headings.retain(|(m, _, _)| *m < it.mark);
                headings.push((it.mark, it.number, heading_text(seg.text)));
            }
            Some(it) if it.mark == task_mark => {
                flush(&mut current, &mut tasks);
                let id = match headings.last() {
                    Some((_, parent, _)) if choice.restarts => format!("{parent}.{}", it.number),
                    _ => it.number.to_string(),
                };
                let section = headings.iter().map(|(_, _, h)| h.clone()).collect();
                current = Some(Pending {
                    id,
                    text: it.body.to_string(),
                    line: seg.line,
                    section,
                    cells: Vec::new(),
                });
            }
            _ => {
                if is_terminator(seg.text) && (current.is_some() || !tasks.is_empty()) {
                    flush(&mut current, &mut tasks);
                    break;
                }
                // The notice's signature (issuer, then date) after its last task ends the
                // list; the issuer line read into the task is taken out again.
                if let Some(p) = current.as_mut()
                    && is_date_line(seg.text)
                    && k > 0
                    && (is_issuer_line(segs[k - 1].text) || is_signing_unit(segs[k - 1].text))
                    && !item_at.clone().any(|it| it.mark == task_mark)
                {
                    let issuer = segs[k - 1].text;
                    choice.signature = Some(segs[k - 1].line);
                    if p.cells.last().is_some_and(|c| c == issuer) {
                        p.cells.pop();
                    } else if let Some(cut) = p.text.strip_suffix(issuer).map(str::len) {
                        p.text.truncate(cut);
                        if p.text.ends_with('。') && is_title(p.text.trim_end_matches('。')) {
                            p.text.pop();
                        }
                    }
                    flush(&mut current, &mut tasks);
                    break;
                }
                // Unnumbered paragraphs as tasks: each one with its own duty clause.
                if choice.paragraphs && !headings.is_empty() && has_duty_clause(seg.text) {
                    flush(&mut current, &mut tasks);
                    sequence += 1;
                    current = Some(Pending {
                        id: sequence.to_string(),
                        text: seg.text.to_string(),
                        line: seg.line,
                        section: headings.iter().map(|(_, _, h)| h.clone()).collect(),
                        cells: Vec::new(),
                    });
                    continue;
                }
                // A line holding only a unit list or a deadline is the task's cell (a table
                // flattened to one cell per line without a header); else a deeper item or a
                // continuation of the item above (a wrapped paragraph, or the body under a
                // heading-like task line).
                if let Some(p) = current.as_mut() {
                    // `分管领导：副市长`: the official in charge, neither text nor unit.
                    if super::fields::is_leader_line(seg.text) {
                        continue;
                    }
                    if seg.text.chars().count() <= 120
                        && (looks_like_deadline(seg.text) || looks_like_units(seg.text))
                    {
                        p.cells.push(seg.text.to_string());
                        continue;
                    }
                    // A title line whose body follows gets a full stop; a line wrapped
                    // mid-sentence (the next one opens with `，` or `。`) does not.
                    if is_title(&p.text) && !seg.text.starts_with(|c| CLOSING_PUNCT.contains(c)) {
                        p.text.push('。');
                    }
                    p.text.push_str(seg.text);
                }
            }
        }
    }
    flush(&mut current, &mut tasks);
    (tasks, choice)
}

/// A line holding only a date (`2022年5月10日`): a cover letter's signature date.
fn is_date_line(text: &str) -> bool {
    let text = text.trim();
    if text.len() > 40 || !text.ends_with('日') {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(rest) = t.strip_suffix('日') else {
        return false;
    };
    let parts: Vec<&str> = rest.split(['年', '月']).collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

/// A signature line: the name of a government or its office (`某某区人民政府办公室`).
fn is_issuer_line(text: &str) -> bool {
    const ENDS: &[&str] = &[
        "人民政府",
        "人民政府办公室",
        "人民政府办公厅",
        "政务公开办公室",
        "领导小组办公室",
        "管理委员会",
    ];
    let t = text.trim();
    t.chars().count() <= 30
        && !t.contains(['。', '，', ',', '、'])
        && ENDS.iter().any(|e| to_simplified(t).ends_with(e))
}

/// A signature's department line (`县审计局`): one organisation's name alone, without a
/// duty word, as a department signs its own notice.
fn is_signing_unit(text: &str) -> bool {
    let t = to_simplified(text.trim());
    t.chars().count() <= 20
        && !t.contains(['。', '，', ',', '、', '；', ';', '：', ':', '（', '('])
        && !["负责", "牵头", "落实", "配合"]
            .iter()
            .any(|w| t.contains(w))
        && looks_like_units(&t)
}

/// Does a paragraph carry a duty clause of its own (`（责任单位：…）`, `【牵头单位：…】`,
/// `（…负责）`)?
fn has_duty_clause(text: &str) -> bool {
    text.ends_with(['）', ')', '】', '〕', ']']) && !take_unit_parens(text).1.is_empty()
}

/// Are the tasks the unnumbered paragraphs under the items of `task_mark`? So when every
/// such item is a title (short, no sentence) with at least one paragraph under it that
/// carries its own duty clause, and some item has two.
fn paragraph_tasks(segs: &[Segment<'_>], items: &[Item<'_>], task_mark: Mark) -> bool {
    let own: Vec<&Item<'_>> = items.iter().filter(|it| it.mark == task_mark).collect();
    if own.is_empty() || items.iter().any(|it| it.mark > task_mark) {
        return false;
    }
    let mut most = 0;
    for (n, it) in own.iter().enumerate() {
        if !is_title(it.body.trim_end_matches('。')) || has_duty_clause(it.body) {
            return false;
        }
        let end = own.get(n + 1).map_or(segs.len(), |next| next.seg);
        let under = segs[it.seg + 1..end]
            .iter()
            .take_while(|seg| !is_terminator(seg.text) && numbering(seg.text).is_none())
            .filter(|seg| has_duty_clause(seg.text))
            .count();
        if under == 0 {
            return false;
        }
        most = most.max(under);
    }
    most >= 2
}

/// A task line that reads as a title (short, no sentence punctuation), whose body follows
/// on the next line: the two are joined with a full stop.
fn is_title(text: &str) -> bool {
    // At most 41 characters counted: this is asked of a task's text after each line added
    // to it, and counting the whole of a long text each time made 50,000 lines take seconds.
    let n = text.chars().take(41).count();
    (4..=40).contains(&n)
        && !text.contains(['。', '，', ',', '；', ';', '：', ':', '！', '？'])
        && !text.ends_with(['）', ')', '〕'])
}

/// A heading as shown in a task's section: cleaned, and cut at its first sentence when a
/// long line runs on into body text.
fn heading_text(line: &str) -> String {
    let line = if line.chars().count() > 40 {
        let cut = line
            .char_indices()
            .skip(4)
            .find(|&(_, c)| c == '。' || c == ' ')
            .map_or(line.len(), |(i, _)| i);
        &line[..cut]
    } else {
        line
    };
    clean_heading(line)
}

/// A task being read: its id, text so far, line, section, and unit or deadline lines.
struct Pending {
    id: String,
    text: String,
    line: usize,
    section: Vec<String>,
    cells: Vec<String>,
}

fn make_task(p: Pending, year: Option<i32>) -> Task {
    let Pending {
        id,
        text,
        line,
        section,
        cells,
    } = p;
    let (body, groups) = take_unit_parens(&text);
    let mut deadline_cell = cells.iter().find(|c| looks_like_deadline(c)).cloned();
    // Deadline clauses inside a unit parenthesis (`…负责，长期坚持`, `完成时限：6月底前`).
    let mut unit_groups = Vec::with_capacity(groups.len());
    for g in groups {
        let clauses = super::fields::split_top(&g, &['，', ',', '；', ';']);
        let (dl, rest): (Vec<String>, Vec<String>) =
            clauses.into_iter().partition(|c| looks_like_deadline(c));
        if deadline_cell.is_none() {
            deadline_cell = dl.into_iter().next();
        }
        unit_groups.push(rest.join("；"));
    }
    unit_groups.extend(cells.into_iter().filter(|c| !looks_like_deadline(c)));
    let (mut lead, mut units) = (Vec::new(), Vec::new());
    for g in &unit_groups {
        let (l, u) = parse_units(g);
        for x in l {
            if !lead.contains(&x) {
                lead.push(x);
            }
        }
        for x in u {
            if !units.contains(&x) {
                units.push(x);
            }
        }
    }
    let text = squeeze(&body);
    // A deadline line of its own, a deadline in the text, or else one in the parenthesis
    // with the units (`完成时限：…`).
    let mut deadline = match &deadline_cell {
        Some(d) => parse_deadline(d, year),
        None => deadline_in_text(&text, year),
    };
    if deadline.raw.is_none() {
        deadline = deadline_in_text(&to_simplified(&unit_groups.join("；")), year);
    }
    Task {
        id,
        section,
        text,
        units,
        lead_units: lead,
        deadline,
        line,
    }
}

/// A parenthesis's text without its deadline clauses (`…负责，长期坚持` → `…负责`).
fn without_deadline_clauses(s: &str) -> String {
    if !s.contains(['，', ',', '；', ';']) {
        return s.to_string();
    }
    super::fields::split_top(s, &['，', ',', '；', ';'])
        .into_iter()
        .filter(|c| !looks_like_deadline(c))
        .collect::<Vec<_>>()
        .join("，")
}

/// Removes the parenthesised unit lists (`（…负责落实）`, `(责任单位：…)`, `〔牵头单位：…〕`)
/// from an item's text and returns them.
fn take_unit_parens(text: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut body = String::with_capacity(text.len());
    let mut groups = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let closer = match chars[i] {
            '（' | '(' => Some(['（', '(', '）', ')']),
            '〔' | '【' | '［' | '[' => Some(['〔', '【', '〕', '】']),
            _ => None,
        };
        if let Some([o1, o2, c1, c2]) = closer {
            // Find the balanced close.
            let square = o1 == '〔';
            let mut depth = 0i32;
            let mut j = i;
            let mut close = None;
            while j < chars.len() {
                let c = chars[j];
                let opens = c == o1 || c == o2 || (square && matches!(c, '［' | '['));
                let closes = c == c1 || c == c2 || (square && matches!(c, '］' | ']'));
                if opens {
                    depth += 1;
                } else if closes {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                j += 1;
            }
            if let Some(j) = close {
                let inner: String = chars[i + 1..j].iter().collect();
                // A deadline beside the units (`市政府办公室负责，长期坚持`) is set apart.
                let folded_all = to_simplified(&inner);
                let folded = without_deadline_clauses(&folded_all);
                let labelled = super::fields::strip_unit_label(squeeze(&folded).as_str()).is_some();
                let names_duty = folded.contains("负责")
                    || folded.contains("牵头")
                    || folded.contains("落实")
                    || folded.contains("解读");
                if labelled
                    || (names_duty
                        && (looks_like_units(&folded)
                            || folded.ends_with("落实")
                            || folded.ends_with("负责")))
                {
                    groups.push(inner);
                    i = j + 1;
                    continue;
                }
            }
        }
        body.push(chars[i]);
        i += 1;
    }
    (body, groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_with_trailing_units() {
        let lines = [
            "一、加强政策解读回应",
            "（一）做好发布解读工作。（各县〔市、区〕人民政府，市发改委、市自然资源局等部门按职责分别负责落实）",
            "（十二）以构建高标准市场体系为目标，做好公开。（市市监局牵头落实）",
            "二、助力优化营商环境",
            "（二十二）建设市级政务公开专区。（市政府办公室牵头落实）各地加大建设力度。（各县〔市、区〕人民政府负责落实）",
        ];
        let t = extract(&lines, 0, Some(2021));
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].id, "1");
        assert_eq!(t[0].section, ["一、加强政策解读回应"]);
        assert_eq!(t[0].text, "做好发布解读工作。");
        assert_eq!(
            t[0].units,
            ["各县〔市、区〕人民政府", "市发改委", "市自然资源局"]
        );
        assert_eq!(t[1].id, "12");
        assert_eq!(t[1].lead_units, ["市市监局"]);
        assert_eq!(t[2].id, "22");
        assert_eq!(t[2].text, "建设市级政务公开专区。各地加大建设力度。");
        assert_eq!(t[2].lead_units, ["市政府办公室"]);
        assert_eq!(t[2].units, ["各县〔市、区〕人民政府"]);
    }

    fn texts(t: &[Task]) -> Vec<(&str, &str)> {
        t.iter()
            .map(|t| {
                (
                    t.id.as_str(),
                    &t.text[..t
                        .text
                        .char_indices()
                        .nth(4)
                        .map_or(t.text.len(), |(i, _)| i)],
                )
            })
            .collect()
    }

    /// Issue 25: `(12)` or `（１２）` inside a `（十一）…（十三）` list is task 12; `3.` after
    /// `1.` `2.` and an `二、` heading stays an item of its own list.
    #[test]
    fn a_number_in_another_script_continues_its_sequence() {
        for twelve in ["(12)", "（１２）", "（12）"] {
            let text = crate::ingest::clean_text(&format!(
                "（十）做好第十项公开工作。\n（十一）做好第十一项公开工作。\n{twelve}做好第十二项公开工作。\n（十三）做好第十三项公开工作。"
            ));
            let lines: Vec<&str> = text.lines().collect();
            let (t, choice) = extract_explained(&lines, 0, None);
            let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(ids, ["10", "11", "12", "13"], "{twelve}");
            assert_eq!(choice.continued, [(3, 12, Mark::ParenChinese)]);
        }
        let lines = [
            "一、加强公开",
            "1.做好规划信息公开工作。",
            "2.做好财政信息公开工作。",
            "二、加强解读",
            "3.做好政策解读工作。",
        ];
        let (t, choice) = extract_explained(&lines, 0, None);
        assert_eq!(t.len(), 3);
        assert!(choice.continued.is_empty());
    }

    #[test]
    fn a_line_wrapped_mid_sentence_gains_no_stop() {
        let lines = [
            "一、夯实基础",
            "1.加快电子政务外网向乡镇延伸",
            "，实现村（社区）全覆盖。",
            "2.建设数据共享交换平台",
            "按需开展数据共享。",
        ];
        let t = extract(&lines, 0, None);
        assert_eq!(
            t[0].text,
            "加快电子政务外网向乡镇延伸，实现村（社区）全覆盖。"
        );
        assert_eq!(t[1].text, "建设数据共享交换平台。按需开展数据共享。");
    }

    #[test]
    fn arabic_items_under_paren_headings_are_the_tasks() {
        let lines = [
            "一、以公开助力经济发展",
            "(一)加强涉及市场主体的信息公开。",
            "1.做好涉及市场主体政策文件的公开,增强透明度。",
            "2.做好受疫情影响行业帮扶政策公开专题。",
            "(二)加强减税降费政策公开。",
            "3.系统集成、智能推送减税降费政策。",
        ];
        let (t, choice) = extract_explained(&lines, 0, Some(2022));
        assert_eq!(choice.task_mark, Some(Mark::Arabic));
        assert_eq!(
            texts(&t),
            [("1", "做好涉及"), ("2", "做好受疫"), ("3", "系统集成")]
        );
        assert_eq!(
            t[2].section,
            ["一、以公开助力经济发展", "（二）加强减税降费政策公开"]
        );
    }

    #[test]
    fn every_arabic_mark_style_is_read() {
        for mark in ["1.", "1、", "1﹒", "1．", "1. "] {
            let two = mark.replace('1', "2");
            let text =
                format!("一、总体\n{mark}做好规划信息公开工作。\n{two}做好财政信息公开工作。");
            let lines: Vec<&str> = text.lines().collect();
            let t = extract(&lines, 0, None);
            assert_eq!(texts(&t), [("1", "做好规划"), ("2", "做好财政")], "{mark}");
        }
    }

    #[test]
    fn paren_arabic_circled_and_article_items() {
        for (a, b) in [
            ("（1）", "（2）"),
            ("(1)", "(2)"),
            ("①", "②"),
            ("第一条", "第二条"),
            ("（１２）", "（１３）"),
        ] {
            let text = crate::ingest::clean_text(&format!(
                "{a}做好规划信息公开工作。\n{b}做好财政信息公开工作。"
            ));
            let lines: Vec<&str> = text.lines().collect();
            let t = extract(&lines, 0, None);
            assert_eq!(t.len(), 2, "{a}");
            assert_eq!(t[1].text, "做好财政信息公开工作。", "{a}");
        }
    }

    #[test]
    fn numbering_restarting_per_section_gets_section_ids() {
        let lines = [
            "（一）第一部分",
            "1.做好规划信息公开工作。",
            "2.做好财政信息公开工作。",
            "（二）第二部分",
            "1.做好疫情信息公开工作。",
        ];
        let (t, choice) = extract_explained(&lines, 0, None);
        assert!(choice.restarts);
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1.1", "1.2", "2.1"]);
    }

    #[test]
    fn paragraph_sections_beside_the_task_sections_are_not_tasks() {
        let lines = [
            "一、总体要求",
            "2022年要坚持以人民为中心,做好政务公开工作。",
            "二、主要任务",
            "（一）做好规划信息公开工作。",
            "（二）做好财政信息公开工作。",
            "（三）做好疫情信息公开工作。",
            "三、保障措施",
            "各地要加强组织领导,确保落实到位。",
        ];
        let (t, choice) = extract_explained(&lines, 0, None);
        assert_eq!(choice.task_mark, Some(Mark::ParenChinese));
        assert_eq!(t.len(), 3);
        assert_eq!(t[2].text, "做好疫情信息公开工作。");
    }

    #[test]
    fn sub_points_stay_in_their_task() {
        let lines = [
            "（一）做好规划信息公开工作。",
            "1.公开规划纲要。",
            "（二）做好财政信息公开工作。",
            "（三）做好疫情信息公开工作。",
            "（四）做好监管信息公开工作。",
        ];
        let (t, choice) = extract_explained(&lines, 0, None);
        assert_eq!(choice.task_mark, Some(Mark::ParenChinese));
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].text, "做好规划信息公开工作。1.公开规划纲要。");
    }

    #[test]
    fn heading_line_with_its_body_on_the_next_line() {
        let lines = [
            "一、围绕深化改革推进公开",
            "(一)进一步推进权力清单公开",
            "对权力清单进行动态调整,公布权力清单。",
        ];
        let t = extract(&lines, 0, None);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].text,
            "进一步推进权力清单公开。对权力清单进行动态调整,公布权力清单。"
        );
    }

    #[test]
    fn a_notice_on_one_line_is_cut_at_its_marks() {
        let body = "说明文字".repeat(60);
        let line = format!(
            "2022年要点 一、总体要求 {body} 二、目标任务 (一)强化重点领域信息公开 1、数字经济发展领域。做好公开。(责任单位:区政府办公室、区发改委) 2、优化营商"
        );
        let t = extract(&[line.as_str()], 0, None);
        assert_eq!(texts(&t), [("1", "数字经济"), ("2", "优化营商")]);
        assert_eq!(t[0].units, ["区政府办公室", "区发改委"]);
        assert_eq!(t[0].section, ["二、目标任务", "（一）强化重点领域信息公开"]);
    }

    #[test]
    fn traditional_units_and_a_labelled_deadline() {
        let lines = [
            "（一）做好規劃信息公開。（市財政局牽頭,各縣政府負責落實）",
            "（二）做好財政信息公開。（牵头单位：市财政局；完成时限：2022年6月底前）",
        ];
        let t = extract(&lines, 0, Some(2022));
        assert_eq!(t[0].text, "做好規劃信息公開。");
        assert_eq!(t[0].lead_units, ["市財政局"]);
        assert_eq!(t[0].units, ["各縣政府"]);
        assert_eq!(t[1].lead_units, ["市财政局"]);
        assert!(t[1].units.is_empty(), "{:?}", t[1].units);
        assert_eq!(t[1].deadline.date.as_deref(), Some("2022-06-30"));
    }

    #[test]
    fn unit_and_deadline_lines_under_an_item_are_its_cells() {
        let lines = [
            "1.依托政府信息公开平台,完善规章库建设。",
            "",
            "市政府办公室、市司法局",
            "",
            "2022年底前",
            "",
            "2.建成本部门行政规范性文件库。",
            "市司法局牵头,市直其他单位按职能分工落实",
            "持续推进",
        ];
        let t = extract(&lines, 0, Some(2022));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text, "依托政府信息公开平台,完善规章库建设。");
        assert_eq!(t[0].units, ["市政府办公室", "市司法局"]);
        assert_eq!(t[0].deadline.date.as_deref(), Some("2022-12-31"));
        assert_eq!(t[1].lead_units, ["市司法局"]);
        assert_eq!(t[1].deadline.raw.as_deref(), Some("持续推进"));
    }

    #[test]
    fn duty_clauses_in_ascii_and_tortoise_shell_brackets() {
        let lines = [
            "1.做好规划信息公开工作,集中展示规划体系。(各县区政府、市直各部门按职责分工负责)",
            "2.做好财政信息公开工作,2021年10月底前完成。〔市财政局牵头,各县区政府负责落实〕",
        ];
        let t = extract(&lines, 0, Some(2021));
        assert_eq!(t[0].text, "做好规划信息公开工作,集中展示规划体系。");
        assert_eq!(t[0].units, ["各县区政府", "市直各部门"]);
        assert_eq!(t[1].lead_units, ["市财政局"]);
        assert_eq!(t[1].units, ["各县区政府"]);
        assert_eq!(t[1].deadline.date.as_deref(), Some("2021-10-31"));
    }

    #[test]
    fn labelled_units_in_tortoise_shell_brackets() {
        let lines = [
            "(一)做好各类规划信息公开。〔牵头单位:市政府办公室,责任单位:市政府各部门,各县(市、区)政府〕",
        ];
        let t = extract(&lines, 0, None);
        assert_eq!(t[0].text, "做好各类规划信息公开。");
        assert_eq!(t[0].lead_units, ["市政府办公室"]);
        assert_eq!(t[0].units, ["市政府各部门", "各县(市、区)政府"]);
    }

    #[test]
    fn unnumbered_paragraphs_with_duty_clauses_under_titles_are_tasks() {
        let lines = [
            "一、推进重点领域信息公开",
            "全面公开财政预决算信息，细化到项级科目。（责任单位：县财政局）",
            "持续做好重大建设项目信息公开。（责任单位：县发展改革局）",
            "二、加强监督考核",
            "将政务公开纳入年度绩效考核。【牵头单位：县政府办公室】",
        ];
        let (t, choice) = extract_explained(&lines, 0, None);
        assert!(choice.paragraphs);
        assert_eq!(
            texts(&t),
            [("1", "全面公开"), ("2", "持续做好"), ("3", "将政务公")]
        );
        assert_eq!(t[2].section, ["二、加强监督考核"]);
        assert_eq!(t[2].lead_units, ["县政府办公室"]);
        // Without duty clauses the body under a title stays one task (a heading line with
        // its body on the next line).
        let lines = ["一、加强公开", "对权力清单进行动态调整。", "公布权力清单。"];
        let (t, choice) = extract_explained(&lines, 0, None);
        assert!(!choice.paragraphs);
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn a_cover_letters_points_above_its_date_are_not_headings() {
        let lines = [
            "一、提高思想认识。各地要加强组织领导。",
            "二、抓好任务落实。各单位要细化措施。",
            "2022年5月10日",
            "1.做好稳经济政策公开。（市发展改革委牵头落实）",
            "2.做好减税降费政策公开。（市税务局牵头落实）",
            "3.做好就业政策公开。（市人社局牵头落实）",
            "4.做好政务服务事项公开。（市政务服务局牵头落实）",
        ];
        let t = extract(&lines, 0, None);
        assert_eq!(t.len(), 4);
        assert!(t.iter().all(|t| t.section.is_empty()), "{:?}", t[0].section);
        assert!(is_date_line("2022年5月10日"));
        assert!(!is_date_line("2022年5月底前"));
    }

    #[test]
    fn deadline_clauses_and_label_lines_beside_the_units() {
        let lines = [
            "（一）优化政府网站集约化平台。（市政府办公室负责，长期坚持）",
            "（二）做好财政信息公开。",
            "责任单位：市财政局",
            "完成时限：2022年第三季度",
            "（三）做好社会救助信息公开。（市民政局负责）",
            "某某市人民政府办公室",
            "2022年4月8日",
        ];
        let t = extract(&lines, 0, Some(2022));
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].units, ["市政府办公室"]);
        assert_eq!(t[0].deadline.raw.as_deref(), Some("长期坚持"));
        assert_eq!(t[1].text, "做好财政信息公开。");
        assert_eq!(t[1].units, ["市财政局"]);
        assert_eq!(t[1].deadline.date.as_deref(), Some("2022-09-30"));
        assert_eq!(t[2].text, "做好社会救助信息公开。");
        assert_eq!(t[2].units, ["市民政局"]);
        assert_eq!(t[2].deadline.raw, None);
        let lines = [
            "（一）做好社会救助信息公开。（市民政局负责）",
            "联系人：张某某",
        ];
        assert_eq!(extract(&lines, 0, None)[0].text, "做好社会救助信息公开。");
    }
}
