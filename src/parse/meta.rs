//! The notice's metadata, read from its preamble: title, issuer, document number, date,
//! year, level and region. Each is optional; none is guessed from the file name.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Level, NoticeMeta};

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}]{1,10}[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*\d{1,4}\s*号")
        .expect("regex")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$").expect("regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d{2})\s*年").expect("regex"));
static ANY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20\d{2})\s*[年〕\]］]").expect("regex"));
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([\p{Han}]{1,12}?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|特别行政区|省|市|盟|县|区|旗|镇|乡|街道))")
        .expect("regex")
});

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
        .find_map(|l| DOC_NUMBER.find(l).map(|m| m.as_str().to_string()));

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
        let c = DATE_LINE.captures(l)?;
        let y: i32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| (y, format!("{y:04}-{m:02}-{d:02}")))
    });
    meta.date = date.as_ref().map(|(_, s)| s.clone());

    let title_year = meta
        .title
        .as_deref()
        .and_then(|t| YEAR.captures(t))
        .and_then(|c| c[1].parse().ok());
    let doc_year = meta
        .doc_number
        .as_deref()
        .and_then(|d| DOC_NUMBER.captures(d))
        .and_then(|c| c[1].parse().ok());
    // A bare task table says nothing about itself: fall back to the latest year it
    // mentions (its references and deadlines), which is the plan's year or before it.
    let mentioned_year = || {
        ANY_YEAR
            .captures_iter(full_text)
            .filter_map(|c| c[1].parse::<i32>().ok())
            .max()
    };
    meta.year = title_year
        .or(doc_year)
        .or(date.map(|(y, _)| y))
        .or_else(mentioned_year);

    meta.region = meta
        .issuer
        .as_deref()
        .and_then(|i| REGION.captures(i))
        .map(|c| c[1].to_string());
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
                && YEAR.is_match(l)
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

    #[test]
    fn bare_table_falls_back_to_units_and_years() {
        let m = read_meta(&[], "（国办发〔2018〕22号）", &["市财政局", "市政府办公室"]);
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.year, Some(2018));
        assert_eq!(m.title, None);
    }
}
