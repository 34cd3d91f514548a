//! Character classes and domain word lists shared by the stages: which characters are
//! Chinese (and which are traditional, folded by [`to_simplified`]), how headings and task
//! items are numbered ([`numbering`]), what names an organisation, what names a column of a
//! task table, what is web-page chrome rather than notice text. `ingest`, `parse`, `segment`
//! and `align` all read them from here, so none of them reaches into another stage for a
//! word list.

use std::borrow::Cow;

/// Is `c` a CJK ideograph (not punctuation)?
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// [`char::is_alphanumeric`], answered without the Unicode tables for ASCII and the main
/// CJK block (all of whose characters are letters), which are nearly all of a notice.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphanumeric()
    }
}

/// Is `c` a CJK ideograph or CJK/full-width punctuation?
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2026}'
        | '\u{00B7}')
}

/// Folds traditional characters to simplified ones, character for character (so a text keeps
/// its length in characters); a text without traditional characters comes back borrowed.
/// Used to recognise words and to compare texts, never to show them.
///
/// OpenCC's tables come first (`lexicon/opencc.rs`: its phrases of unchanged length, such
/// as 答覆 → 答复, then its characters, such as 諮 → 咨 and 羣 → 群), then fast2s's for the
/// characters OpenCC leaves.
pub fn to_simplified(s: &str) -> Cow<'_, str> {
    let bits = traditional_bits();
    if !s.chars().any(|c| in_bits(bits, c)) {
        return Cow::Borrowed(s);
    }
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        if let Some((from, to)) = opencc_phrase(&cs[i..]) {
            out.push_str(to);
            i += from;
            continue;
        }
        let c = cs[i];
        out.push(
            opencc::CHARS
                .binary_search_by(|p| p.0.cmp(&c))
                .map_or(c, |k| opencc::CHARS[k].1),
        );
        i += 1;
    }
    Cow::Owned(fast2s::convert(&out))
}

/// The longest OpenCC phrase `cs` starts with: its length in characters and its
/// simplified form.
fn opencc_phrase(cs: &[char]) -> Option<(usize, &'static str)> {
    let first = *cs.first()?;
    let mut buf = [0u8; 4];
    let lead: &str = first.encode_utf8(&mut buf);
    let start = opencc::PHRASES.partition_point(|p| p.0 < lead);
    opencc::PHRASES[start..]
        .iter()
        .take_while(|p| p.0.starts_with(lead))
        .filter(|p| {
            let n = p.0.chars().count();
            n <= cs.len() && p.0.chars().zip(cs).all(|(a, &b)| a == b)
        })
        .map(|p| (p.0.chars().count(), p.1))
        .max_by_key(|&(n, _)| n)
}

mod opencc;

/// Is `c` a traditional character that [`to_simplified`] changes?
pub fn is_traditional(c: char) -> bool {
    in_bits(traditional_bits(), c)
}

const TRAD_FIRST: u32 = 0x3400;
const TRAD_LAST: u32 = 0x9FFF;

mod traditional;

pub mod concepts;
pub mod stock;
pub(crate) mod words;

/// One bit per ideograph of U+3400–U+9FFF (the range the conversion table covers): set for
/// the characters the tables change. Computed from fast2s's and OpenCC's tables by
/// [`compute_traditional_bits`] and committed (`lexicon/traditional.rs`), so that no
/// process spends its start converting 27,000 characters; a test checks the two agree.
fn traditional_bits() -> &'static [u64] {
    &traditional::BITS
}

/// The characters of U+3400–U+9FFF that fast2s or OpenCC's character table changes, and
/// those an OpenCC phrase changes, as bits.
#[cfg(test)]
fn compute_traditional_bits() -> Vec<u64> {
    let all: String = (TRAD_FIRST..=TRAD_LAST)
        .filter_map(char::from_u32)
        .collect();
    let folded = fast2s::convert(&all);
    let mut bits = vec![0u64; ((TRAD_LAST - TRAD_FIRST) as usize + 64) / 64];
    let mut set = |c: char| {
        let u = c as u32;
        if (TRAD_FIRST..=TRAD_LAST).contains(&u) {
            let i = (u - TRAD_FIRST) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
    };
    for (a, b) in all.chars().zip(folded.chars()) {
        if a != b {
            set(a);
        }
    }
    for &(a, _) in &opencc::CHARS {
        set(a);
    }
    for (from, to) in &opencc::PHRASES {
        for (a, b) in from.chars().zip(to.chars()) {
            if a != b {
                set(a);
            }
        }
    }
    bits
}

fn in_bits(bits: &[u64], c: char) -> bool {
    let u = c as u32;
    if !(TRAD_FIRST..=TRAD_LAST).contains(&u) {
        return false;
    }
    let i = (u - TRAD_FIRST) as usize;
    bits[i / 64] >> (i % 64) & 1 == 1
}

/// Converts a Chinese numeral (一 … 九十九, 一百 …) or ASCII digits to a number.
pub fn chinese_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let (mut total, mut current) = (0u32, 0u32);
    let mut seen = false;
    for c in s.chars() {
        match c {
            '十' => {
                total += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' => {
                total += if current == 0 { 100 } else { current * 100 };
                current = 0;
            }
            c => current = digit(c)?,
        }
        seen = true;
    }
    seen.then_some(total + current)
}

/// Writes a number in Chinese numerals, as list numbering does: 1 → 一, 12 → 十二,
/// 23 → 二十三 (up to 99; beyond, ASCII digits).
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let unit = |k: u32| if k > 0 { D[k as usize] } else { "" };
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", unit(n % 10)),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], unit(n % 10)),
        _ => n.to_string(),
    }
}

/// The level of a heading marker at the start of `s`: `一、` is 0, `（一）`/`(一)` is 1.
/// (Written out by hand: it is asked of every cell, and compiling a pattern for it was a
/// share of every `parse`'s start-up.)
pub fn heading_level(s: &str) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十";
    // 1 to 3 numerals, then spaces, then `close`: what follows.
    let numerals_then = |t: &str, close: &[char]| -> bool {
        let n = t.chars().take_while(|&c| NUMERALS.contains(c)).count();
        if !(1..=3).contains(&n) {
            return false;
        }
        // The numerals are 3 bytes each.
        t[3 * n..].trim_start().starts_with(close)
    };
    let t = s.trim_start();
    if numerals_then(t, &['、']) {
        return Some(0);
    }
    let rest = t.strip_prefix(['（', '('])?;
    numerals_then(rest.trim_start(), &[')', '）']).then_some(1)
}

/// The numbering marks of Chinese notices, in the order they conventionally nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// `第一条`
    Article,
    /// `一、`
    Chinese,
    /// `（一）` or `(一)`
    ParenChinese,
    /// `1.` `1、` `1．` `1﹒` (and `⒈`)
    Arabic,
    /// `（1）` `(1)` (and `⑴`)
    ParenArabic,
    /// `①`
    Circled,
}

impl Mark {
    /// How the mark is written, for messages (`（一）`, `1.` …).
    pub fn example(self) -> &'static str {
        match self {
            Mark::Article => "第一条",
            Mark::Chinese => "一、",
            Mark::ParenChinese => "（一）",
            Mark::Arabic => "1.",
            Mark::ParenArabic => "（1）",
            Mark::Circled => "①",
        }
    }
}

/// A numbering mark at the start of a line: its kind, its number, and the byte offset where
/// the text after it begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub mark: Mark,
    pub number: u32,
    pub rest: usize,
}

fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇'
    )
}

/// Reads the numbering mark that opens `s` (after spaces), in any of the schemes of
/// [`Mark`], with ASCII or full-width brackets and with or without a space after the mark.
/// `1.5倍` and `2022.6` are not marks: a digit may not follow the dot.
pub fn numbering(s: &str) -> Option<Numbering> {
    let start = s.len() - s.trim_start().len();
    let t = &s[start..];
    let mut it = t.char_indices().peekable();
    let (_, first) = *it.peek()?;
    let skip_spaces = |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        while it.peek().is_some_and(|(_, c)| *c == ' ') {
            it.next();
        }
    };
    let take_while =
        |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>, f: fn(char) -> bool| -> String {
            let mut out = String::new();
            while let Some(&(_, c)) = it.peek() {
                if !f(c) {
                    break;
                }
                out.push(c);
                it.next();
            }
            out
        };
    let end_of = |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        it.peek().map(|(i, _)| start + i).unwrap_or(s.len())
    };
    let found = |mark, number: u32, rest| (number > 0).then_some(Numbering { mark, number, rest });
    match first {
        '\u{2460}'..='\u{2473}' => {
            it.next();
            return found(Mark::Circled, first as u32 - 0x2460 + 1, end_of(&mut it));
        }
        '\u{2474}'..='\u{2487}' => {
            it.next();
            return found(
                Mark::ParenArabic,
                first as u32 - 0x2474 + 1,
                end_of(&mut it),
            );
        }
        '\u{2488}'..='\u{249B}' => {
            it.next();
            return found(Mark::Arabic, first as u32 - 0x2488 + 1, end_of(&mut it));
        }
        '第' => {
            it.next();
            let n = take_while(&mut it, |c| is_chinese_digit(c) || c.is_ascii_digit());
            if it.peek().map(|(_, c)| *c) == Some('条') && n.chars().count() <= 5 {
                it.next();
                return found(Mark::Article, chinese_number(&n)?, end_of(&mut it));
            }
            return None;
        }
        '（' | '(' => {
            it.next();
            skip_spaces(&mut it);
            let n = take_while(&mut it, |c| is_chinese_digit(c) || c.is_ascii_digit());
            skip_spaces(&mut it);
            if !matches!(it.peek().map(|(_, c)| *c), Some(')' | '）')) || n.chars().count() > 4 {
                return None;
            }
            it.next();
            let mark = if n.chars().all(|c| c.is_ascii_digit()) {
                Mark::ParenArabic
            } else if n.chars().all(is_chinese_digit) {
                Mark::ParenChinese
            } else {
                return None;
            };
            return found(mark, chinese_number(&n)?, end_of(&mut it));
        }
        _ => {}
    }
    let (n, mark) = if first.is_ascii_digit() {
        (take_while(&mut it, |c| c.is_ascii_digit()), Mark::Arabic)
    } else if is_chinese_digit(first) {
        (take_while(&mut it, is_chinese_digit), Mark::Chinese)
    } else {
        return None;
    };
    if n.chars().count() > 3 {
        return None;
    }
    skip_spaces(&mut it);
    // `1* .`: a star (a footnote mark) between the number and its dot.
    if mark == Mark::Arabic && it.peek().is_some_and(|(_, c)| matches!(c, '*' | '＊')) {
        it.next();
        skip_spaces(&mut it);
    }
    let dot = it.peek().map(|(_, c)| *c)?;
    // `1)` / `1）` (a closing parenthesis only) is the level of `（1）`.
    let (ok, mark) = match mark {
        Mark::Arabic if matches!(dot, ')' | '）') => (true, Mark::ParenArabic),
        Mark::Arabic => (matches!(dot, '.' | '、' | '．' | '﹒'), mark),
        _ => (matches!(dot, '、' | '．' | '﹒' | '.'), mark),
    };
    if !ok {
        return None;
    }
    it.next();
    if it.peek().is_some_and(|(_, c)| c.is_ascii_digit()) {
        // `5.2020年8月底前…`: a year opening the item's text, not a decimal.
        let after = &s[end_of(&mut it)..];
        let year = after.len() > 4
            && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && after[4..].starts_with('年');
        if !year {
            return None;
        }
    }
    found(mark, chinese_number(&n)?, end_of(&mut it))
}

/// Titles of the framing parts of a plan (指导思想, 工作目标, 基本原则 …): an item whose
/// text is one of them (alone or run in, `（一）指导思想。…`) frames the tasks and is none.
pub const FRAMING_TITLES: &[&str] = &[
    "指导思想",
    "总体要求",
    "基本原则",
    "工作原则",
    "工作目标",
    "主要目标",
    "总体目标",
    "发展目标",
    "目标要求",
    "保障措施",
    "组织保障",
    "工作要求",
    "组织实施",
];

/// Is `body` (an item's text after its mark) a framing title, alone or run in?
pub fn is_framing_title(body: &str) -> bool {
    let b = to_simplified(body.trim());
    FRAMING_TITLES.iter().any(|t| {
        b.strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['。', '：', ':', ' ']))
    })
}

/// A line longer than this (in bytes) may be a whole notice flattened onto one line: the
/// cleaning keeps the spaces before numbering marks in it, and prose reading cuts it at them.
pub const FLATTENED_LINE: usize = 600;

/// Web-page chrome printed above a notice: catalogue fields (`索引号:`, `发布机构:`,
/// `文  号:` …), print and close buttons, breadcrumbs. Whitespace inside a key is ignored.
pub fn is_page_chrome(line: &str) -> bool {
    const KEYS: &[&str] = &[
        "索引号",
        "分类",
        "组配分类",
        "主题分类",
        "体裁分类",
        "发布机构",
        "发文机关",
        "成文日期",
        "发布日期",
        "发文日期",
        "发布时间",
        "名称",
        "标题",
        "文号",
        "发文字号",
        "主题词",
        "关键词",
        "字号",
        "浏览量",
        "浏览次数",
        "访问量",
        "点击数",
        "来源",
        "信息来源",
        "有效性",
        "时效性",
        "生成日期",
        "公开方式",
        "公开范围",
        "公开时限",
        "所属机构",
    ];
    const BUTTONS: &[&str] = &[
        "打印",
        "关闭",
        "收藏",
        "分享",
        "【打印】",
        "【关闭】",
        "[打印]",
        "[关闭]",
        "打印本页",
        "关闭窗口",
        "返回顶部",
    ];
    // Cheap tests first: a catalogue key and its colon open the line; buttons and
    // breadcrumbs are short.
    if line.len() > 600 {
        return false;
    }
    let mut head = line
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .take(8);
    let first = head.clone().next();
    let keyed = head.any(|c| c == ':' || c == '：');
    if !(keyed
        || line.len() <= 40
        || first.is_some_and(|c| matches!(c, '首' | '当' | '您' | '【' | '[')))
    {
        return false;
    }
    let squeezed: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .collect();
    let squeezed = to_simplified(&squeezed);
    if BUTTONS.iter().any(|b| squeezed == *b) {
        return true;
    }
    if (squeezed.starts_with("首页")
        || squeezed.starts_with("当前位置")
        || squeezed.starts_with("您的位置"))
        && squeezed
            .chars()
            .filter(|c| matches!(c, '>' | '＞' | '»' | '›'))
            .count()
            >= 1
    {
        return true;
    }
    KEYS.iter().any(|k| {
        squeezed
            .strip_prefix(k)
            .is_some_and(|rest| rest.starts_with([':', '：']))
    })
}

/// A contact field of a notice's closing block (`联系人：…`, `联系电话：…`, `电子邮箱：…`):
/// whitespace inside the key is ignored, traditional characters are folded.
pub fn is_contact_field(text: &str) -> bool {
    const KEYS: &[&str] = &[
        "联系人",
        "联系电话",
        "联系方式",
        "咨询电话",
        "办公电话",
        "电话",
        "手机",
        "传真",
        "电子邮箱",
        "电子邮件",
        "邮箱",
        "通讯地址",
        "地址",
        "邮编",
    ];
    // Cheap test first: a key and its colon open the field.
    let start: String = text.chars().take(12).collect();
    if !start.contains([':', '：']) {
        return false;
    }
    let head: String = start
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(6)
        .collect();
    let head = to_simplified(&head);
    KEYS.iter().any(|k| {
        head.strip_prefix(k)
            .is_some_and(|rest| rest.starts_with([':', '：']))
    })
}

/// Suffixes that name a kind of organisation; a unit fragment ends with one of them.
pub const ORG_SUFFIXES: &[&str] = &[
    "局",
    "厅",
    "委",
    "办",
    "办公室",
    "政府",
    "部门",
    "单位",
    "中心",
    "公司",
    "委员会",
    "管委会",
    "办事处",
    "处",
    "院",
    "馆",
    "站",
    "所",
    "会",
    "部",
    "署",
    "行",
    "队",
    "社",
    "室",
    "街道",
    "乡镇",
    "海关",
    "区",
    "县",
    "市",
    "省",
    "组",
    "团",
    "台",
    "科",
    "校",
    "集团",
    "机构",
    "人民政府",
    "法院",
    "检察院",
    "分局",
    "支队",
    "大队",
    "银行",
    "（单位）",
    "（办事处）",
    "(单位)",
    "主管部门",
    "机关",
    "镇",
    "乡",
    "街",
];

/// Column names of task tables (序号, 具体要求, 责任单位 …). `ingest::html` finds a page's
/// task table by them; `parse` skips the header rows that hold them.
const HEADER_WORDS: &[&str] = &[
    "序号",
    "工作任务",
    "具体要求",
    "具体内容",
    "责任单位",
    "责任部门",
    "牵头单位",
    "配合单位",
    "时限",
    "时限要求",
    "完成时限",
    "完成时间",
    "时间要求",
    "任务名称",
    "主要任务",
    "重点任务",
    "工作内容",
    "任务内容",
    "工作要求",
    "任务分工",
    "备注",
    "具体措施",
    "工作措施",
    "细化分工",
    "落实单位",
    "责任科室",
    "配合部门",
    "牵头部门",
    "完成情况",
    "进展情况",
    "落实情况",
    "时间节点",
    // The column words of other annual task divisions (政府工作报告 分工, 营商环境,
    // 法治政府 and 数字政府 plans).
    "重点工作",
    "分管领导",
    "责任领导",
    "进度安排",
    "预期目标",
    "攻坚目标",
    "目标值",
];

/// Is this cell (whitespace removed) a column name of a task table? Traditional characters
/// are folded first.
pub fn is_header_word(cell: &str) -> bool {
    // A column name has at most 8 characters (see below): longer cells are not one.
    if cell.len() > 32 {
        return false;
    }
    let cell = to_simplified(cell);
    let cell = cell.as_ref();
    HEADER_WORDS
        .iter()
        .any(|w| cell == *w || (cell.chars().count() <= 8 && cell.contains(w)))
}

/// A header of a task table written on one line with spaces between its column words
/// (`序号 重点工作 牵头单位 责任单位 完成时限`): the index of its first word among the
/// line's space-separated tokens and the number of words (at least three), if the line
/// holds one. Lines with tabs or pipes are other layouts'.
pub fn spaced_header(line: &str) -> Option<(usize, usize)> {
    if line.contains(['\t', '|']) || !line.contains([' ', '\u{3000}']) {
        return None;
    }
    let toks: Vec<&str> = line
        .split([' ', '\u{3000}'])
        .filter(|t| !t.is_empty())
        .collect();
    let mut k = 0;
    while k < toks.len() {
        let run = toks[k..].iter().take_while(|t| is_header_word(t)).count();
        if run >= 3 {
            return Some((k, run));
        }
        k += run.max(1);
    }
    None
}

/// What a column of a task table holds, as its header names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// 序号
    Number,
    /// 工作任务, 具体要求, 任务内容 … (and any column the header does not name)
    Text,
    /// 牵头单位, 牵头部门
    Lead,
    /// 责任单位, 落实单位, 配合单位 …
    Units,
    /// 时限要求, 完成时限 …
    Deadline,
    /// 完成情况, 进展情况: filled in by whoever reports on the work, not part of the task
    Status,
    /// 分管领导, 责任领导: the official in charge, neither a unit nor part of the task
    Leader,
}

/// The kind of column a header cell (whitespace removed) names.
pub fn column_kind(header: &str) -> ColumnKind {
    let h = to_simplified(header);
    let h = h.as_ref();
    if h.contains("序号") {
        ColumnKind::Number
    } else if h.contains("领导") {
        ColumnKind::Leader
    } else if h.contains("牵头") {
        ColumnKind::Lead
    } else if ["单位", "部门", "科室"].iter().any(|w| h.ends_with(w)) {
        ColumnKind::Units
    } else if h.contains("时限") || h.contains("时间") || h.contains("进度安排") {
        ColumnKind::Deadline
    } else if h.ends_with("情况") || h == "进展" {
        ColumnKind::Status
    } else {
        ColumnKind::Text
    }
}

/// Unicode bidirectional controls (embeddings, overrides, isolates, marks): invisible, and
/// able to make a report show text in another order than it has (U+202A–202E,
/// U+2066–2069, U+200E, U+200F, U+061C). Ingest removes them from every notice.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Punctuation a line never ends with (it goes to the next line with what follows).
pub const OPENING_PUNCT: &str = "“‘（(《〈【〔［[「『〖";

/// Punctuation a line never starts with (it stays with what precedes it).
pub const CLOSING_PUNCT: &str = "，。、；：？！”’）)》〉】〕］]」』〗…,.;:?!%·";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十九"), Some(29));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("一百零三"), Some(103));
        assert_eq!(chinese_number("7"), Some(7));
        assert_eq!(chinese_number("甲"), None);
        for n in [1, 9, 10, 11, 20, 23, 99] {
            assert_eq!(chinese_number(&chinese_numeral(n)), Some(n));
        }
        assert_eq!(chinese_numeral(12), "十二");
    }

    #[test]
    fn headings() {
        assert_eq!(heading_level("一、加强"), Some(0));
        assert_eq!(heading_level("(二)做好"), Some(1));
        assert_eq!(heading_level("（十二）做好"), Some(1));
        assert_eq!(heading_level("加强"), None);
    }

    #[test]
    fn numbering_schemes() {
        let n = |s: &'static str| numbering(s).map(move |n| (n.mark, n.number, &s[n.rest..]));
        assert_eq!(n("（一）做好"), Some((Mark::ParenChinese, 1, "做好")));
        assert_eq!(n("(十二) 做好"), Some((Mark::ParenChinese, 12, " 做好")));
        assert_eq!(n("一、加强"), Some((Mark::Chinese, 1, "加强")));
        assert_eq!(n("1.做好"), Some((Mark::Arabic, 1, "做好")));
        assert_eq!(n("2. 做好"), Some((Mark::Arabic, 2, " 做好")));
        assert_eq!(n("3、做好"), Some((Mark::Arabic, 3, "做好")));
        assert_eq!(n("4﹒做好"), Some((Mark::Arabic, 4, "做好")));
        assert_eq!(n("5．做好"), Some((Mark::Arabic, 5, "做好")));
        assert_eq!(n("(1)做好"), Some((Mark::ParenArabic, 1, "做好")));
        assert_eq!(n("（12）做好"), Some((Mark::ParenArabic, 12, "做好")));
        assert_eq!(n("3)做好"), Some((Mark::ParenArabic, 3, "做好")));
        assert_eq!(n("4）做好"), Some((Mark::ParenArabic, 4, "做好")));
        assert_eq!(n("③做好"), Some((Mark::Circled, 3, "做好")));
        assert_eq!(n("第十一条 做好"), Some((Mark::Article, 11, " 做好")));
        assert_eq!(n("  ⒉做好"), Some((Mark::Arabic, 2, "做好")));
        assert_eq!(n("1.5倍"), None);
        assert_eq!(n("2022.6"), None);
        assert_eq!(n("2022年"), None);
        assert_eq!(n("（市财政局牵头）"), None);
        assert_eq!(n("一是做好"), None);
        assert_eq!(n("第一时间"), None);
    }

    #[test]
    fn traditional_folded_for_matching_only() {
        assert_eq!(to_simplified("責任單位"), "责任单位");
        assert!(matches!(to_simplified("责任单位"), Cow::Borrowed(_)));
        assert!(is_traditional('單'));
        assert!(!is_traditional('单'));
        assert!(is_header_word("完成時限"));
    }

    #[test]
    fn page_chrome() {
        assert!(is_page_chrome("索 引 号: 11441300007187648G/2022-00195"));
        assert!(is_page_chrome(
            "发布机构: | 宣城市文化和旅游局 | 主题分类: | 商贸 |"
        ));
        assert!(is_page_chrome("字号:"));
        assert!(is_page_chrome("首页 > 政务公开 > 通知公告"));
        assert!(is_page_chrome("【打印】"));
        assert!(!is_page_chrome("名称为准的单位要做好公开"));
        assert!(!is_page_chrome("一、加强政策解读"));
    }

    #[test]
    fn contact_fields() {
        assert!(is_contact_field("联系人：张某某，联系电话：0755-12345678"));
        assert!(is_contact_field("联系电话: 0551-12345678"));
        assert!(is_contact_field("聯 系 人:王某"));
        assert!(!is_contact_field("联系群众，做好公开。"));
        assert!(!is_contact_field("1.联系人：王某"));
    }

    #[test]
    fn heading_level_agrees_with_its_former_patterns() {
        use regex::Regex;
        let l0 = Regex::new(r"^\s*[一二三四五六七八九十]{1,3}\s*、").unwrap();
        let l1 = Regex::new(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]").unwrap();
        for s in [
            "一、总体要求",
            " 十二 、x",
            "一二三四、",
            "（一）",
            "( 十 ) 做好",
            "(一",
            "一",
            "、",
            "（一二三）",
            "（一二三四）",
            "\u{3000}三、",
            "1、",
            "（1）",
            "",
            "十、",
            "(十一)",
        ] {
            let want = if l0.is_match(s) {
                Some(0)
            } else if l1.is_match(s) {
                Some(1)
            } else {
                None
            };
            assert_eq!(heading_level(s), want, "{s:?}");
        }
    }

    #[test]
    fn framing_titles_and_star_and_dated_marks() {
        assert!(is_framing_title("指导思想"));
        assert!(is_framing_title("工作目标。到2023年底，…"));
        assert!(!is_framing_title("强化保障措施，落实责任。"));
        let n = numbering("1* .开展清理").unwrap();
        assert_eq!((n.mark, n.number), (Mark::Arabic, 1));
        assert_eq!(&"1* .开展清理"[n.rest..], "开展清理");
        let n = numbering("5.2020年8月底前完成").unwrap();
        assert_eq!((n.mark, n.number), (Mark::Arabic, 5));
        assert!(numbering("1.5倍").is_none());
        assert!(numbering("2022.6").is_none());
        assert!(numbering("5.2020").is_none());
    }

    #[test]
    fn column_kinds() {
        assert_eq!(column_kind("牵头单位"), ColumnKind::Lead);
        assert_eq!(column_kind("責任單位"), ColumnKind::Units);
        assert_eq!(column_kind("完成时限"), ColumnKind::Deadline);
        assert_eq!(column_kind("完成情况"), ColumnKind::Status);
        assert_eq!(column_kind("具体要求"), ColumnKind::Text);
        assert_eq!(column_kind("序号"), ColumnKind::Number);
        assert_eq!(column_kind("分管领导"), ColumnKind::Leader);
        assert_eq!(column_kind("进度安排"), ColumnKind::Deadline);
    }

    #[test]
    fn header_words() {
        assert!(is_header_word("责任单位"));
        assert!(is_header_word("牵头单位"));
        assert!(!is_header_word("市发展改革委"));
    }

    #[test]
    fn the_fast_alphanumeric_test_agrees_with_std_on_every_char() {
        let differ: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_alphanumeric(c) != c.is_alphanumeric())
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
    }

    /// Regenerate with `POLICYDIFF_REGENERATE=1 cargo test --lib traditional_bits`.
    #[test]
    fn committed_traditional_bits_match_fast2s() {
        let bits = compute_traditional_bits();
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon/traditional.rs");
        if std::env::var_os("POLICYDIFF_REGENERATE").is_some() {
            let mut out = String::from(
                "//! Generated by `POLICYDIFF_REGENERATE=1 cargo test --lib traditional_bits` from\n\
                 //! fast2s's and OpenCC's tables: one bit per character of U+3400–U+9FFF that they\n\
                 //! change.\n\n\
                 #[rustfmt::skip]\npub(super) static BITS: [u64; ",
            );
            out.push_str(&format!("{}] = [\n", bits.len()));
            for chunk in bits.chunks(4) {
                let line: Vec<String> = chunk.iter().map(|b| format!("0x{b:016x},")).collect();
                out.push_str(&format!("    {}\n", line.join(" ")));
            }
            out.push_str("];\n");
            std::fs::write(&path, out).expect("writable source tree");
            eprintln!(
                "regenerated {}; run the test again to check it",
                path.display()
            );
            return;
        }
        assert!(
            bits == traditional::BITS,
            "{} is stale: regenerate it with POLICYDIFF_REGENERATE=1 cargo test --lib traditional_bits",
            path.display()
        );
        assert!(is_traditional('國') && !is_traditional('国'));
    }

    #[test]
    fn opencc_folds_what_fast2s_missed_and_keeps_the_length() {
        for (trad, simp) in [
            ("加強政策諮詢服務", "加强政策咨询服务"),
            ("羣眾", "群众"),
            ("依申請公開答覆", "依申请公开答复"),
            ("國務院辦公廳", "国务院办公厅"),
        ] {
            let got = to_simplified(trad);
            assert_eq!(got, simp);
            assert_eq!(got.chars().count(), trad.chars().count());
        }
        assert!(matches!(to_simplified("政务公开"), Cow::Borrowed(_)));
    }
}
