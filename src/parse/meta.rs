//! The notice's metadata, read from its preamble: title, issuer, document number, date,
//! year, level and region. Each is optional; none is guessed from the file name.

use crate::lexicon::is_cjk_ideograph;
use crate::model::{Level, NoticeMeta};

// The patterns of this module are matched by hand: they were regular expressions, and
// compiling them (two over every Han character) was most of a `parse`'s start-up. A test
// checks each against the expression it replaces.

/// A Han character, as the expressions' `\p{Han}` took it (the ideographs and `〇`).
fn is_han(c: char) -> bool {
    is_cjk_ideograph(c) || c == '〇'
}

/// `n` ASCII digits opening `s`, at most `max` and at least `min` of them: (digits, rest).
fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (min..=n.min(max)).contains(&n).then(|| s.split_at(n))
}

/// A document number (`池政办秘〔2021〕43号`): the number as written and its year. Up to ten
/// Han characters, the year in brackets, the serial and `号`; or, when a copy lost the
/// brackets (`黑政办发201835号`), the issuing characters ending in 发 or 字 run straight
/// into the year and the serial.
pub(crate) fn doc_number(l: &str) -> Option<(&str, i32)> {
    let han_before = |at: usize| -> Option<usize> {
        let start = l[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .take(10)
            .last()?
            .0;
        Some(start)
    };
    for (b, c) in l.char_indices() {
        if !matches!(c, '〔' | '［' | '[' | '【' | '(' | '（') {
            continue;
        }
        let Some(start) = han_before(b) else {
            continue;
        };
        let rest = l[b + c.len_utf8()..].trim_start();
        let Some((year, rest)) = digits(rest, 4, 4) else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(close) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '〕' | '］' | ']' | '】' | ')' | '）'))
        else {
            continue;
        };
        let Some((_, rest)) = digits(rest[close.len_utf8()..].trim_start(), 1, 4) else {
            continue;
        };
        if let Some(after) = rest.trim_start().strip_prefix('号') {
            return Some((&l[start..l.len() - after.len()], year.parse().ok()?));
        }
    }
    // Without brackets.
    for (b, c) in l.char_indices() {
        if !matches!(c, '发' | '字' | '發') {
            continue;
        }
        let at = b + c.len_utf8();
        let Some((run, rest)) = digits(&l[at..], 5, 8) else {
            continue;
        };
        let Some(after) = rest.strip_prefix('号') else {
            continue;
        };
        let year: i32 = run[..4].parse().ok()?;
        if !(1949..=2100).contains(&year) {
            continue;
        }
        let start = han_before(at)?;
        return Some((&l[start..l.len() - after.len()], year));
    }
    None
}

/// A line holding only a date (`2021年6月1日`, whitespace removed): (year, month, day).
fn date_line(l: &str) -> Option<(i32, u32, u32)> {
    let (y, rest) = digits(l, 4, 4)?;
    let (m, rest) = digits(rest.strip_prefix('年')?, 1, 2)?;
    let (d, rest) = digits(rest.strip_prefix('月')?, 1, 2)?;
    (rest == "日").then(|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))?
}

/// The years (`20xx`) of `s` followed, after spaces, by one of `ends`, in order.
fn years_before<'a>(s: &'a str, ends: &'a [char]) -> impl Iterator<Item = i32> + 'a {
    s.match_indices("20").filter_map(move |(i, _)| {
        let y = s.get(i..i + 4)?;
        if !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s[i + 4..]
            .trim_start()
            .starts_with(ends)
            .then(|| y.parse().ok())?
    })
}

/// The first year written `20xx年` in `s`.
fn year_of(s: &str) -> Option<i32> {
    years_before(s, &['年']).next()
}

/// The place a name opens with (`池州市` of `池州市人民政府办公室`): the fewest Han
/// characters (one to twelve) followed by an administrative suffix.
fn region_of(name: &str) -> Option<&str> {
    const SUFFIXES: &[&str] = &[
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "自治州",
        "自治县",
        "特别行政区",
        "省",
        "市",
        "盟",
        "县",
        "区",
        "旗",
        "镇",
        "乡",
        "街道",
    ];
    let mut end = 0;
    for c in name.chars().take(12) {
        if !is_han(c) {
            return None;
        }
        end += c.len_utf8();
        if let Some(suf) = SUFFIXES.iter().find(|s| name[end..].starts_with(*s)) {
            return Some(&name[..end + suf.len()]);
        }
    }
    None
}

const TITLE_ENDS: &[&str] = &[
    "通知",
    "意见",
    "方案",
    "要点",
    "分工",
    "分解表",
    "安排",
    "清单",
    "任务表",
    "计划",
];
const ISSUER_ENDS: &[&str] = &[
    "人民政府办公厅",
    "人民政府办公室",
    "政务公开办公室",
    "政务公开领导小组办公室",
    "人民政府",
    "办公厅",
    "办公室",
    "政务公开办",
    "管理委员会",
    "管委会",
];

/// Reads the metadata from the preamble lines (those before the task list) and, for the
/// level, from the unit names of the tasks.
pub fn read_meta(preamble: &[&str], full_text: &str, unit_names: &[&str]) -> NoticeMeta {
    let lines: Vec<String> = preamble
        .iter()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .collect();
    let mut meta = NoticeMeta::default();

    meta.doc_number = lines
        .iter()
        .filter(|l| l.chars().count() <= 30)
        .find_map(|l| doc_number(l).map(|(m, _)| m.to_string()));

    meta.title = find_title(&lines);

    meta.issuer = meta
        .title
        .as_deref()
        .and_then(|t| t.split_once("关于").map(|(p, _)| p.to_string()))
        .filter(|p| {
            ISSUER_ENDS.iter().any(|e| p.ends_with(e)) || p.ends_with('局') || p.ends_with('厅')
        })
        .or_else(|| {
            lines
                .iter()
                .rev()
                .find(|l| {
                    l.chars().count() <= 24
                        && ISSUER_ENDS.iter().any(|e| l.ends_with(e))
                        && !l.contains('：')
                })
                .cloned()
        });

    let date = lines.iter().rev().find_map(|l| {
        let (y, m, d) = date_line(l)?;
        ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| (y, format!("{y:04}-{m:02}-{d:02}")))
    });
    meta.date = date.as_ref().map(|(_, s)| s.clone());

    let title_year = meta.title.as_deref().and_then(year_of);
    let doc_year = meta
        .doc_number
        .as_deref()
        .and_then(doc_number)
        .map(|(_, y)| y);
    // A bare task table says nothing about itself: fall back to the latest year it
    // mentions (its references and deadlines), which is the plan's year or before it.
    let mentioned_year = || years_before(full_text, &['年', '〕', ']', '］']).max();
    meta.year = title_year
        .or(doc_year)
        .or(date.map(|(y, _)| y))
        .or_else(mentioned_year);

    meta.region = meta
        .issuer
        .as_deref()
        .and_then(region_of)
        .map(str::to_string);
    meta.level = meta
        .region
        .as_deref()
        .and_then(level_of_region)
        .or_else(|| {
            meta.issuer
                .as_deref()
                .filter(|i| i.starts_with("国务院"))
                .map(|_| Level::National)
        })
        .or_else(|| meta.title.as_deref().and_then(level_of_scope_word))
        .or_else(|| level_of_units(unit_names));
    meta
}

fn find_title(lines: &[String]) -> Option<String> {
    // A `…关于印发…的通知` title, perhaps broken over a few lines.
    for (i, l) in lines.iter().enumerate() {
        if !l.contains("关于") || l.chars().count() > 80 || l.contains('：') {
            continue;
        }
        let mut title = l.clone();
        let mut j = i + 1;
        while !TITLE_ENDS.iter().any(|e| title.ends_with(e)) && j < lines.len() && j <= i + 4 {
            title.push_str(&lines[j]);
            j += 1;
        }
        if TITLE_ENDS.iter().any(|e| title.ends_with(e)) {
            return Some(title);
        }
    }
    // Else the heading of the task table itself (`2021年全县政务公开重点工作任务分解表`).
    lines
        .iter()
        .find(|l| {
            let n = l.chars().count();
            (6..=60).contains(&n)
                && year_of(l).is_some()
                && TITLE_ENDS.iter().any(|e| l.ends_with(e))
                && !l.starts_with("附件")
        })
        .cloned()
}

fn level_of_region(region: &str) -> Option<Level> {
    let last = region.chars().last()?;
    Some(match last {
        '省' => Level::Province,
        '区' if region.ends_with("自治区") || region.ends_with("特别行政区") => {
            Level::Province
        }
        '市' | '州' | '盟' => Level::City,
        '县' | '区' | '旗' => Level::County,
        '镇' | '乡' | '道' => Level::Township,
        _ => return None,
    })
}

fn level_of_scope_word(title: &str) -> Option<Level> {
    for (word, level) in [
        ("全省", Level::Province),
        ("全市", Level::City),
        ("全县", Level::County),
        ("全区", Level::County),
        ("全国", Level::National),
    ] {
        if title.contains(word) {
            return Some(level);
        }
    }
    None
}

/// The level most unit names are prefixed with (省…, 市…, 县…).
fn level_of_units(units: &[&str]) -> Option<Level> {
    let mut counts = [0usize; 3];
    for u in units {
        match u.chars().next() {
            Some('省') => counts[0] += 1,
            Some('市') => counts[1] += 1,
            Some('县') => counts[2] += 1,
            _ => {}
        }
    }
    let (i, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, usize::MAX - i))?;
    (n > 0).then_some([Level::Province, Level::City, Level::County][i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_cover_letter() {
        let pre = [
            "池州市人民政府办公室",
            "池政办秘〔2021〕43号",
            "池州市人民政府办公室关于印发池州市2021年 政务公开重点工作任务分工的通知",
            "2021年6月1日",
        ];
        let m = read_meta(&pre, "", &[]);
        assert_eq!(m.doc_number.as_deref(), Some("池政办秘〔2021〕43号"));
        assert_eq!(m.issuer.as_deref(), Some("池州市人民政府办公室"));
        assert_eq!(m.region.as_deref(), Some("池州市"));
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.year, Some(2021));
        assert_eq!(m.date.as_deref(), Some("2021-06-01"));
        assert_eq!(
            m.title.as_deref(),
            Some("池州市人民政府办公室关于印发池州市2021年政务公开重点工作任务分工的通知")
        );
    }

    /// The hand-written matchers agree with the expressions they replace (and a document
    /// number that lost its brackets is read too).
    #[test]
    fn matchers_agree_with_their_former_patterns() {
        use regex::Regex;
        let doc =
            Regex::new(r"[\p{Han}]{1,10}[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*\d{1,4}\s*号")
                .unwrap();
        let year = Regex::new(r"(20\d{2})\s*年").unwrap();
        let any_year = Regex::new(r"(20\d{2})\s*[年〕\]］]").unwrap();
        let region = Regex::new(r"^([\p{Han}]{1,12}?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|特别行政区|省|市|盟|县|区|旗|镇|乡|街道))").unwrap();
        let date = Regex::new(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$").unwrap();
        for s in [
            "池政办秘〔2021〕43号",
            "（国办发〔2018〕22号）",
            "据国办发(2018)22号文",
            "一二三四五六七八九十十一政发〔2020〕1号",
            "苏政办发[ 2022 ]35 号",
            "2021年6月1日",
            "2021年13月1日",
            "2021年6月1日前",
            "池州市人民政府办公室",
            "新疆维吾尔自治区人民政府",
            "某某某某某某某某某某某某某某市",
            "12020年工作要点 2023 年〕",
            "20221年",
            "abc市",
            "街道办",
            "",
        ] {
            assert_eq!(
                doc_number(s),
                doc.captures(s)
                    .map(|c| (c.get(0).unwrap().as_str(), c[1].parse().unwrap())),
                "{s}"
            );
            assert_eq!(
                year_of(s),
                year.captures(s).and_then(|c| c[1].parse().ok()),
                "{s}"
            );
            let all: Vec<i32> = any_year
                .captures_iter(s)
                .filter_map(|c| c[1].parse().ok())
                .collect();
            assert_eq!(
                years_before(s, &['年', '〕', ']', '］']).collect::<Vec<_>>(),
                all,
                "{s}"
            );
            assert_eq!(
                region_of(s),
                region.captures(s).map(|c| c.get(1).unwrap().as_str()),
                "{s}"
            );
            assert_eq!(
                date_line(s),
                date.captures(s).map(|c| (
                    c[1].parse().unwrap(),
                    c[2].parse().unwrap(),
                    c[3].parse().unwrap()
                )),
                "{s}"
            );
        }
        assert_eq!(
            doc_number("东政办发201812号"),
            Some(("东政办发201812号", 2018))
        );
    }

    #[test]
    fn bare_table_falls_back_to_units_and_years() {
        let m = read_meta(&[], "（国办发〔2018〕22号）", &["市财政局", "市政府办公室"]);
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.year, Some(2018));
        assert_eq!(m.title, None);
    }
}
