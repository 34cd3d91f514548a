//! Task extraction from prose notices: items numbered （一）（二）… under `一、` headings,
//! with the responsible units in parentheses (`（市财政局牵头落实）`), usually trailing.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{clean_heading, deadline_in_text, looks_like_units, parse_units, squeeze};
use crate::lexicon::{chinese_number, heading_level};
use crate::model::Task;

static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[（(]\s*([一二三四五六七八九十百零〇]{1,5})\s*[)）]\s*(.*)$").expect("regex")
});

/// Lines that end a task list: copy-to lines, attachments, signatures.
fn is_terminator(line: &str) -> bool {
    let l = line.trim();
    l.starts_with("抄送") || l.starts_with("附件") || l.starts_with("（此件")
}

/// Counts the lines that open a prose item, for layout detection.
pub fn item_lines(lines: &[&str]) -> usize {
    lines
        .iter()
        .filter(|l| ITEM.captures(l).is_some_and(|c| c[2].chars().count() >= 10))
        .count()
}

/// Extracts the tasks of a prose notice from its lines, starting at `start`.
pub fn extract(lines: &[&str], start: usize, year: Option<i32>) -> Vec<Task> {
    let mut tasks = Vec::new();
    let mut section: Option<String> = None;
    let mut current: Option<(String, String, usize, Option<String>)> = None; // id, text, line, section
    let flush = |cur: &mut Option<(String, String, usize, Option<String>)>,
                 tasks: &mut Vec<Task>| {
        if let Some((id, text, line, sec)) = cur.take() {
            tasks.push(make_task(id, &text, line, sec, year));
        }
    };
    for (i, raw) in lines.iter().enumerate().skip(start) {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(c) = ITEM.captures(line)
            && c[2].chars().count() >= 4
        {
            flush(&mut current, &mut tasks);
            let id = chinese_number(&c[1])
                .map(|n| n.to_string())
                .unwrap_or_else(|| c[1].to_string());
            current = Some((id, c[2].to_string(), i + 1, section.clone()));
            continue;
        }
        if heading_level(line) == Some(0) && line.chars().count() <= 60 {
            flush(&mut current, &mut tasks);
            section = Some(clean_heading(line));
            continue;
        }
        if is_terminator(line) && (current.is_some() || !tasks.is_empty()) {
            flush(&mut current, &mut tasks);
            break;
        }
        // A continuation of the item above (a wrapped paragraph).
        if let Some((_, text, _, _)) = current.as_mut() {
            text.push_str(line);
        }
    }
    flush(&mut current, &mut tasks);
    tasks
}

fn make_task(
    id: String,
    text: &str,
    line: usize,
    section: Option<String>,
    year: Option<i32>,
) -> Task {
    let (body, unit_groups) = take_unit_parens(text);
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
    let deadline = deadline_in_text(&text, year);
    Task {
        id,
        section: section.into_iter().collect(),
        text,
        units,
        lead_units: lead,
        deadline,
        line,
    }
}

/// Removes the parenthesised unit lists from an item's text and returns them.
fn take_unit_parens(text: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut body = String::with_capacity(text.len());
    let mut groups = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '（' || chars[i] == '(' {
            // Find the balanced close.
            let mut depth = 0i32;
            let mut j = i;
            let mut close = None;
            while j < chars.len() {
                match chars[j] {
                    '（' | '(' => depth += 1,
                    '）' | ')' => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if let Some(j) = close {
                let inner: String = chars[i + 1..j].iter().collect();
                let names_duty = inner.contains("负责")
                    || inner.contains("牵头")
                    || inner.contains("落实")
                    || inner.contains("解读");
                if names_duty
                    && (looks_like_units(&inner)
                        || inner.ends_with("落实")
                        || inner.ends_with("负责"))
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
}
