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
use crate::lexicon::{Mark, numbering, to_simplified};
use crate::model::Task;

/// Lines that end a task list: copy-to lines, attachments, signatures.
fn is_terminator(line: &str) -> bool {
    let l = line.trim();
    l.starts_with("抄送") || l.starts_with("附件") || l.starts_with("（此件")
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

/// A numbered item: its mark and number, the text after the mark, its segment index.
#[derive(Debug, Clone, Copy)]
struct Item<'a> {
    mark: Mark,
    number: u32,
    body: &'a str,
    seg: usize,
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
            })
        })
        .collect()
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
    // Numbers that go back to 1 under a new heading restart per section.
    let restarts = task_mark.is_some_and(|tm| {
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
    });
    Choice {
        marks,
        task_mark,
        restarts,
    }
}

/// Extracts the tasks of a prose notice from its lines, starting at `start`.
pub fn extract(lines: &[&str], start: usize, year: Option<i32>) -> Vec<Task> {
    extract_explained(lines, start, year).0
}

/// [`extract`], with how the task level was chosen.
pub fn extract_explained(lines: &[&str], start: usize, year: Option<i32>) -> (Vec<Task>, Choice) {
    let segs = segments(lines, start);
    let items = items(&segs);
    let choice = choose(&items);
    let Some(task_mark) = choice.task_mark else {
        return (Vec::new(), choice);
    };
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
            Some(it) if it.mark < task_mark => {
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
                // A line holding only a unit list or a deadline is the task's cell (a table
                // flattened to one cell per line without a header); else a deeper item or a
                // continuation of the item above (a wrapped paragraph, or the body under a
                // heading-like task line).
                if let Some(p) = current.as_mut() {
                    if seg.text.chars().count() <= 120
                        && (looks_like_deadline(seg.text) || looks_like_units(seg.text))
                    {
                        p.cells.push(seg.text.to_string());
                        continue;
                    }
                    if is_title(&p.text) {
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

/// A task line that reads as a title (short, no sentence punctuation), whose body follows
/// on the next line: the two are joined with a full stop.
fn is_title(text: &str) -> bool {
    let n = text.chars().count();
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
    let (body, mut unit_groups) = take_unit_parens(&text);
    let deadline_cell = cells.iter().find(|c| looks_like_deadline(c)).cloned();
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
                let folded = to_simplified(&inner);
                let labelled = super::fields::strip_unit_label(squeeze(&folded).as_str()).is_some();
                let names_duty = folded.contains("负责")
                    || folded.contains("牵头")
                    || folded.contains("落实")
                    || folded.contains("解读");
                if labelled
                    || (names_duty
                        && (looks_like_units(&inner)
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
}
