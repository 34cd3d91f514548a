//! Character classes and domain word lists shared by the stages: which characters are
//! Chinese, how headings are numbered, what names an organisation, what names a column of a
//! task table. `ingest`, `parse`, `segment` and `align` all read them from here, so none of
//! them reaches into another stage for a word list.

use std::sync::LazyLock;

use regex::Regex;

/// Is `c` a CJK ideograph (not punctuation)?
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
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

/// The level of a heading marker at the start of `s`: `一、` is 0, `（一）`/`(一)` is 1.
pub fn heading_level(s: &str) -> Option<usize> {
    static L0: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*[一二三四五六七八九十]{1,3}\s*、").expect("regex"));
    static L1: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]").expect("regex")
    });
    if L0.is_match(s) {
        Some(0)
    } else if L1.is_match(s) {
        Some(1)
    } else {
        None
    }
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
];

/// Is this cell (whitespace removed) a column name of a task table?
pub fn is_header_word(cell: &str) -> bool {
    HEADER_WORDS
        .iter()
        .any(|w| cell == *w || (cell.chars().count() <= 8 && cell.contains(w)))
}

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
    }

    #[test]
    fn headings() {
        assert_eq!(heading_level("一、加强"), Some(0));
        assert_eq!(heading_level("(二)做好"), Some(1));
        assert_eq!(heading_level("（十二）做好"), Some(1));
        assert_eq!(heading_level("加强"), None);
    }

    #[test]
    fn header_words() {
        assert!(is_header_word("责任单位"));
        assert!(is_header_word("牵头单位"));
        assert!(!is_header_word("市发展改革委"));
    }
}
