//! Readers for the small fields of a task: responsible units (lead units apart),
//! deadlines, Chinese numerals and section headings.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{ORG_SUFFIXES, to_simplified};
use crate::model::{Deadline, DeadlineKind};

/// A heading as shown: whitespace removed, `(一)` written `（一）`, no trailing `。`.
pub fn clean_heading(s: &str) -> String {
    let mut out: String = if has_whitespace(s) {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        s.to_string()
    };
    if let Some(rest) = out.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && rest[..close]
            .chars()
            .all(|c| "一二三四五六七八九十".contains(c))
    {
        out = format!("（{}）{}", &rest[..close], &rest[close + 1..]);
    }
    while out.ends_with(['。', '；', ';', '，', ',']) {
        out.pop();
    }
    out
}

/// Removes whitespace inside a cell (tables of Chinese text use none).
pub fn squeeze(s: &str) -> String {
    squeezed(s).into_owned()
}

/// [`squeeze`], borrowing the cell when it holds no whitespace inside (most cells: this is
/// asked of every cell, several times).
pub fn squeezed(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim();
    if !has_whitespace(t) {
        return std::borrow::Cow::Borrowed(t);
    }
    // Keep single spaces between Latin words, drop every other whitespace run. (In one
    // pass without collecting the chars: this is asked of every cell.)
    let mut out = String::with_capacity(t.len());
    let mut prev = ' ';
    let mut in_space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            in_space = true;
            continue;
        }
        if in_space && prev.is_ascii_alphanumeric() && c.is_ascii_alphanumeric() {
            out.push(' ');
        }
        in_space = false;
        out.push(c);
        prev = c;
    }
    std::borrow::Cow::Owned(out)
}

/// `s.contains(char::is_whitespace)`, by bytes: a whitespace character is an ASCII one or
/// opens with 0xC2 (U+0085, U+00A0), 0xE1 (U+1680), 0xE2 (U+2000–205F) or 0xE3 (U+3000),
/// so the hanzi of a cell (0xE4–0xE9) are passed over without being decoded.
fn has_whitespace(s: &str) -> bool {
    static LEAD: [u8; 256] = {
        // 1: whitespace itself; 2: may open a whitespace character.
        let mut t = [0u8; 256];
        let mut b = b'\t';
        while b <= b'\r' {
            t[b as usize] = 1;
            b += 1;
        }
        t[b' ' as usize] = 1;
        t[0xC2] = 2;
        t[0xE1] = 2;
        t[0xE2] = 2;
        t[0xE3] = 2;
        t
    };
    s.bytes()
        .enumerate()
        .any(|(i, b)| match LEAD[usize::from(b)] {
            0 => false,
            1 => true,
            _ => s[i..].chars().next().is_some_and(char::is_whitespace),
        })
}

// Digits are `[0-9０-９]` rather than `\d`: Unicode's digit class made these the costliest
// patterns to compile, and notices write no other digits. Each is compiled on first use,
// and asked only of text that holds the characters it needs (a deadline holds 月, 年, 季,
// 底 or 末; a deadline in running text ends in 前).
static DEADLINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:在|于)?(?:([0-9０-９]{4})年)?(?:([0-9０-９]{1,2})月(?:([0-9０-９]{1,2})日|底|末|份|[上中下]旬)?|(年底|年末|年内|上半年|下半年)|第?([一二三四])季度(?:末|底)?|(底|末))(?:前|以前|之前)?(?:完成)?$",
    )
    .expect("regex")
});

static DEADLINE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在|于)?(?:[0-9０-９]{4}年)?(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日|底|末|[上中下]旬)|年底|第[一二三四]季度(?:末|底)?)(?:前|以前|之前)")
        .expect("regex")
});

/// Could `s` match [`DEADLINE_DATE`]? Every match holds one of these characters.
fn may_be_dated(s: &str) -> bool {
    s.contains(['月', '年', '季', '底', '末'])
}

const ONGOING: &[&str] = &[
    "持续推进",
    "持续",
    "全年",
    "长期",
    "长期坚持",
    "长期推进",
    "常态化",
    "常态化推进",
    "持续开展",
    "持续实施",
    "年内持续推进",
    "每年",
    "定期",
    "按季度",
    "按月",
    "日常",
    "经常性",
];

/// Does a cell hold a deadline and nothing else? (Traditional characters are folded.)
pub fn looks_like_deadline(cell: &str) -> bool {
    // At most 24 characters once whitespace is squeezed: a long cell is not a deadline.
    if cell
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(24)
        .is_some()
    {
        return false;
    }
    let folded = to_simplified(cell);
    let s = squeezed(&folded);
    let s = strip_deadline_label(&s);
    !s.is_empty()
        && s.chars().count() <= 24
        && ((may_be_dated(s) && DEADLINE_DATE.is_match(s))
            || ONGOING.contains(&without_year(s))
            || is_ongoing_phrase(without_year(s))
            || is_statutory_limit(s))
}

/// Labels that open a deadline (`完成时限：年底前`), longest first.
const DEADLINE_LABELS: &[&str] = &[
    "完成时限",
    "时限要求",
    "完成时间",
    "时间要求",
    "时间节点",
    "完成期限",
    "时限",
];

/// A deadline without its label and colon (`完成时限：6月底前` → `6月底前`); the text itself
/// when it has none. Works on folded text; the labels keep byte lengths when folded.
fn strip_deadline_label(s: &str) -> &str {
    // Every label opens with 完 or 时 (時 when traditional).
    if !s.starts_with(['完', '时', '時']) {
        return s;
    }
    let folded = to_simplified(s);
    DEADLINE_LABELS
        .iter()
        .find_map(|l| {
            let rest = folded.strip_prefix(l)?.trim_start();
            rest.starts_with([':', '：'])
                .then(|| s.len() - rest.len() + rest.chars().next().map_or(0, char::len_utf8))
        })
        .and_then(|at| s.get(at..))
        .map_or(s, str::trim_start)
}

/// `s` without a year opening it (`2023年全年` → `全年`).
fn without_year(s: &str) -> &str {
    match s.get(..4) {
        Some(y) if y.bytes().all(|b| b.is_ascii_digit()) => s[4..].strip_prefix('年').unwrap_or(s),
        _ => s,
    }
}

fn is_ongoing_phrase(s: &str) -> bool {
    let n = s.chars().count();
    n <= 8
        && (s.starts_with("持续")
            || s.starts_with("长期")
            || s.ends_with("常态化")
            || (s.starts_with('每') && n <= 4))
}

/// `按法定时限`, `按规定时限`, `法定时限内`: a deadline set by law, not by the notice.
fn is_statutory_limit(s: &str) -> bool {
    s.chars().count() <= 8
        && (s.ends_with("时限") || s.ends_with("时限内") || s.ends_with("期限内"))
}

/// Reads a deadline cell; `year` (the notice's) resolves `年底前` and `9月30日前`.
pub fn parse_deadline(cell: &str, year: Option<i32>) -> Deadline {
    let s = squeezed(cell);
    let s = strip_deadline_label(&s);
    if s.is_empty() {
        return Deadline::unspecified();
    }
    let folded = to_simplified(s);
    if let Some(c) = may_be_dated(&folded)
        .then(|| DEADLINE_DATE.captures(&folded))
        .flatten()
    {
        let y = c
            .get(1)
            .and_then(|m| m.as_str().parse::<i32>().ok())
            .or(year);
        let date = y.and_then(|y| {
            if c.get(6).is_some() {
                // `2022年底前`: the end of the year named.
                return c.get(1).map(|_| iso(y, 12, 31));
            }
            if let Some(word) = c.get(4) {
                let (m, d) = match word.as_str() {
                    "上半年" => (6, 30),
                    _ => (12, 31),
                };
                return Some(iso(y, m, d));
            }
            if let Some(q) = c.get(5) {
                let m = 3 * crate::lexicon::chinese_number(q.as_str())?;
                return Some(iso(y, m, last_day(y, m)));
            }
            let m: u32 = c.get(2)?.as_str().parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            let d = match c.get(3) {
                Some(d) => d.as_str().parse().ok().filter(|d| (1..=31).contains(d))?,
                None if folded.contains("上旬") => 10,
                None if folded.contains("中旬") => 20,
                None => last_day(y, m),
            };
            Some(iso(y, m, d))
        });
        return Deadline {
            raw: Some(s.to_string()),
            kind: DeadlineKind::Date,
            date,
        };
    }
    if ONGOING.contains(&without_year(&folded)) || is_ongoing_phrase(without_year(&folded)) {
        return Deadline {
            raw: Some(s.to_string()),
            kind: DeadlineKind::Ongoing,
            date: None,
        };
    }
    Deadline {
        raw: Some(s.to_string()),
        kind: DeadlineKind::Unspecified,
        date: None,
    }
}

/// A line naming the official in charge (`分管领导：副市长`, `责任领导:…`): a key/value line
/// of a task division, neither task text nor a unit.
pub fn is_leader_line(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(10)
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(colon) = head.find([':', '：']) else {
        return false;
    };
    let key = to_simplified(&head[..colon]);
    (2..=6).contains(&key.chars().count()) && (key.ends_with("领导") || key == "责任人")
}

/// Finds a deadline phrase inside a requirement text (prose notices have no deadline cell).
pub fn deadline_in_text(text: &str, year: Option<i32>) -> Deadline {
    if !text.contains('前') {
        return Deadline::unspecified();
    }
    match DEADLINE_IN_TEXT.find(text) {
        Some(m) => parse_deadline(m.as_str(), year),
        None => Deadline::unspecified(),
    }
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn last_day(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Endings of an implementing clause, longest first.
const DUTY_SUFFIXES: &[&str] = &[
    "按职能分工负责落实",
    "按职能分工落实",
    "按职责分工负责",
    "按职责分工负责落实",
    "按职责分别负责落实",
    "按职责负责落实",
    "按职责谁起草谁解读",
    "按职责分工落实",
    "分别负责落实",
    "共同负责落实",
    "负责组织实施",
    "负责落实",
    "配合落实",
    "具体落实",
    "组织实施",
    "分别负责",
    "负责",
    "落实",
    "配合",
];

/// Does a cell list responsible units (and nothing else)? Traditional characters are
/// folded; a unit's bracketed tail (`人民政府(管委会)`, `市有关单位(见附件1)`) and a label
/// (`责任单位:`) do not hide its name.
pub fn looks_like_units(cell: &str) -> bool {
    // Squeezing keeps every `。`: a sentence is refused before it is copied (this is asked
    // of every requirement cell).
    if has_full_stop(cell) {
        return false;
    }
    let s = squeezed(cell);
    if s.is_empty() || s.chars().count() > 400 {
        return false;
    }
    let folded = to_simplified(&s);
    let s: &str = &folded;
    if lead_mark(s).is_some() || s.ends_with("负责落实") || s.ends_with("牵头落实") {
        return true;
    }
    let s = strip_unit_label(s).unwrap_or(s);
    let frags = split_top_slices(s, &['、', '，', ',', '；', ';']);
    !frags.is_empty()
        && frags.iter().all(|f| {
            let f = strip_duty(strip_unit_label(f).unwrap_or(f));
            let f = strip_bracket_tail(f);
            ORG_SUFFIXES.iter().any(|suf| f.ends_with(suf)) || f.ends_with('等')
        })
}

/// Does `s` hold a `。`? Searched as its three bytes: `str::contains('。')` looks for its last
/// byte, 0x82, which half the hanzi of a requirement also hold.
pub fn has_full_stop(s: &str) -> bool {
    static STOP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("。".as_bytes()));
    STOP.find(s.as_bytes()).is_some()
}

/// Labels that open a list of units in a parenthesis (`牵头单位：…；责任单位：…`), with
/// whether they name the lead.
const UNIT_LABELS: &[(&str, bool)] = &[
    ("牵头单位", true),
    ("牵头部门", true),
    ("责任单位", false),
    ("责任部门", false),
    ("配合单位", false),
    ("配合部门", false),
    ("落实单位", false),
    ("牵头科室", true),
    ("牵头处室", true),
    ("责任科室", false),
    ("责任处室", false),
    ("承办单位", false),
    ("协办单位", false),
    ("配合科室", false),
    ("参与单位", false),
];

/// The text after a unit label and its colon, if `s` opens with one.
pub fn strip_unit_label(s: &str) -> Option<&str> {
    unit_label(s).map(|(rest, _)| rest)
}

/// `(text after the label, whether it names the lead)` for a labelled unit list.
fn unit_label(s: &str) -> Option<(&str, bool)> {
    UNIT_LABELS.iter().find_map(|(label, lead)| {
        let rest = s.strip_prefix(label)?;
        let rest = rest.trim_start();
        let rest = rest.strip_prefix([':', '：'])?;
        Some((rest.trim_start(), *lead))
    })
}

/// A unit name without its trailing bracketed parts: `各县(区)人民政府(管委会)` →
/// `各县(区)人民政府`, `各镇(街)` → `各镇`.
fn strip_bracket_tail(f: &str) -> &str {
    let mut f = f;
    while let Some(stripped) = f.strip_suffix([')', '）', '〕', '】']) {
        let open = stripped.rfind(['(', '（', '〔', '【']);
        match open {
            Some(i) if i > 0 => f = &f[..i],
            _ => return f,
        }
    }
    f
}

/// `牵头` as a lead marker: at a clause end or before 落实/负责, not in `牵头部门`.
/// Where a lead mark stands: `牵头` (or `牵头落实`, `牵头负责`, `牵头实施`) ending a clause,
/// before `，` `,` `；` `;` or the end. (By hand: a pattern cost start-up.)
fn lead_mark(s: &str) -> Option<usize> {
    s.match_indices("牵头").find_map(|(i, m)| {
        let rest = &s[i + m.len()..];
        let ends = |r: &str| r.is_empty() || r.starts_with(['，', ',', '；', ';']);
        let after_word = ["落实", "负责", "实施"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .is_some_and(ends);
        (ends(rest) || after_word).then_some(i)
    })
}

/// Splits a unit cell into (lead units, implementing units).
pub fn parse_units(cell: &str) -> (Vec<String>, Vec<String>) {
    let s = squeezed(cell);
    let (mut lead, mut implementing) = (Vec::new(), Vec::new());
    // Labelled lists (`牵头单位：A，B；责任单位：C`): each label holds until the next one.
    let clauses = split_top_slices(&s, &['，', ',', '；', ';']);
    if clauses
        .first()
        .is_some_and(|c| unit_label(&to_simplified(c)).is_some())
    {
        let mut is_lead = false;
        let mut is_time = false;
        for clause in clauses {
            let folded = to_simplified(clause);
            // `完成时限：…` beside the units is a deadline, read from the text elsewhere.
            if ["完成时限", "时限要求", "完成时间", "时限"]
                .iter()
                .any(|l| folded.starts_with(l) && folded[l.len()..].starts_with([':', '：']))
            {
                is_time = true;
                continue;
            }
            let body = match unit_label(&folded) {
                Some((_, l)) => {
                    is_lead = l;
                    is_time = false;
                    // Folding keeps byte lengths (3-byte characters both ways), so the
                    // label's length in the folded clause is its length in the clause.
                    let skip = folded.len() - unit_label(&folded).map_or(0, |(r, _)| r.len());
                    clause.get(skip..).unwrap_or(clause)
                }
                None if is_time => continue,
                None => clause,
            };
            if is_lead {
                lead.extend(split_units(body));
            } else {
                implementing.extend(split_units(body));
            }
        }
        return (dedup(lead), dedup(implementing));
    }
    // `市发展改革委（牵头）、市财政局`: a unit marked as the lead in brackets.
    let lead_in_brackets = s
        .match_indices([')', '）'])
        .any(|(i, _)| s[..i].ends_with("牵头") || s[..i].ends_with("牽頭"));
    if lead_in_brackets {
        for clause in &clauses {
            for unit in split_units(clause) {
                let folded = same_len_folded(&unit);
                let marked = ["（牵头）", "(牵头)"]
                    .iter()
                    .find_map(|m| folded.strip_suffix(m).map(str::len));
                match marked {
                    Some(len) if len > 0 => lead.push(unit[..len].to_string()),
                    _ => implementing.push(unit),
                }
            }
        }
        return (dedup(lead), dedup(implementing));
    }
    for clause in clauses {
        // A clause may carry its lead part and its implementing part without a comma:
        // `市财政局牵头市政府各部门负责落实` is rare, `市财政局牵头落实` common.
        // Duty words are found in the folded clause; folding keeps byte offsets, so the
        // unit names are cut from the clause as written.
        let folded = same_len_folded(clause);
        if let Some(pos) = lead_position(&folded)
            && clause.is_char_boundary(pos)
        {
            let (before, _) = clause.split_at(pos);
            let rest_len = folded[pos..]
                .trim_start_matches("牵头")
                .trim_start_matches("落实")
                .trim_start_matches("负责")
                .trim_start_matches("实施")
                .len();
            let rest = &clause[clause.len() - rest_len..];
            lead.extend(split_units(before));
            if !rest.is_empty() {
                implementing.extend(split_units(rest));
            }
        } else {
            implementing.extend(split_units(clause));
        }
    }
    (dedup(lead), dedup(implementing))
}

fn lead_position(clause: &str) -> Option<usize> {
    lead_mark(clause)
}

/// `s` with traditional characters folded, when folding keeps its byte length (it does for
/// the characters of the table, all three bytes long); else `s` itself.
fn same_len_folded(s: &str) -> std::borrow::Cow<'_, str> {
    match to_simplified(s) {
        std::borrow::Cow::Owned(f) if f.len() != s.len() => std::borrow::Cow::Borrowed(s),
        f => f,
    }
}

fn strip_duty(f: &str) -> &str {
    let folded = same_len_folded(f);
    let mut end = f.len();
    loop {
        let before = end;
        let g = &folded[..end];
        for suf in DUTY_SUFFIXES {
            if let Some(rest) = g.strip_suffix(suf)
                && !rest.is_empty()
            {
                end = rest.len();
                break;
            }
        }
        for word in ["分别", "共同", "按职责", "具体"] {
            if let Some(rest) = folded[..end].strip_suffix(word)
                && !rest.is_empty()
            {
                end = rest.len();
            }
        }
        if end == before {
            return &f[..end];
        }
    }
}

/// Splits a list of units at 、 (outside brackets), dropping duty words; a fragment with
/// no organisation suffix (`各市` in `各市、县（市、区）政府`) is joined to the next one.
fn split_units(clause: &str) -> Vec<String> {
    let clause = strip_duty(clause);
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for frag in split_top_slices(clause, &['、']) {
        let joined;
        let frag = match pending.take() {
            Some(p) => {
                joined = format!("{p}、{frag}");
                joined.as_str()
            }
            None => frag,
        };
        // `各市` / `各县` alone are the head of a list such as `各市、县（市、区）政府`.
        let bare_prefix = frag.starts_with('各') && frag.chars().count() <= 3;
        if bare_prefix {
            pending = Some(frag.to_string());
            continue;
        }
        out.extend(split_etc(frag));
    }
    if let Some(p) = pending {
        out.push(p);
    }
    out.retain(|u| !u.is_empty());
    out
}

/// `市文化和旅游局等市政府有关部门` → the named unit and the group it stands for;
/// a bare `等部门` / `等有关单位` adds nothing and is dropped.
fn split_etc(frag: &str) -> Vec<String> {
    if let Some(pos) = frag.find('等') {
        let (named, rest) = frag.split_at(pos);
        let rest = &rest['等'.len_utf8()..];
        let generic = rest.is_empty()
            || rest.contains("有关")
            || rest.contains("相关")
            || rest.contains('各')
            || rest.ends_with("部门")
            || rest.ends_with("单位");
        if !named.is_empty() && generic {
            let mut v = vec![named.to_string()];
            if rest.chars().count() > 4 {
                v.push(rest.to_string());
            }
            return v;
        }
    }
    vec![frag.to_string()]
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for u in v {
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}

/// Splits at any of `seps` (punctuation, never a hanzi) outside brackets
/// （）()〔〕［］[]【】《》.
pub fn split_top(s: &str, seps: &[char]) -> Vec<String> {
    split_top_slices(s, seps)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// [`split_top`], the pieces as slices of `s` (trimmed, none empty).
pub fn split_top_slices<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    // Brackets and separators all stand outside U+4000–U+9FFF, whose characters are the
    // three bytes opened by 0xE4–0xE9: those (the hanzi of a cell) are passed over by their
    // first byte, without being decoded.
    debug_assert!(!seps.iter().any(|&c| ('\u{4000}'..='\u{9FFF}').contains(&c)));
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    let mut push = |piece: &'a str| {
        let t = piece.trim();
        if !t.is_empty() {
            out.push(t);
        }
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0xE4..=0xE9).contains(&b) {
            i += 3;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        match c {
            '（' | '(' | '〔' | '［' | '[' | '【' | '《' => depth += 1,
            '）' | ')' | '〕' | '］' | ']' | '】' | '》' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            push(&s[from..i]);
            from = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    push(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_mark_agrees_with_its_former_pattern() {
        let re = Regex::new(r"牵头(?:落实|负责|实施)?(?:[，,；;]|$)").unwrap();
        for s in [
            "市财政局牵头",
            "市财政局牵头，各县负责",
            "牵头落实；",
            "牵头单位：市财政局",
            "市发改委牵头负责,市财政局配合",
            "牵头实施x牵头",
            "牵头落实x",
            "",
        ] {
            assert_eq!(lead_mark(s), re.find(s).map(|m| m.start()), "{s}");
        }
    }

    #[test]
    fn whitespace_by_bytes_is_whitespace_by_chars() {
        for c in (0u32..0x1_0000).filter_map(char::from_u32) {
            let s = format!("市{c}局");
            assert_eq!(has_whitespace(&s), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn squeeze_and_split_top() {
        assert_eq!(squeeze("  市 财 政 局  "), "市财政局");
        assert_eq!(squeeze("PDF  文件 and   Word 2 0"), "PDF文件and Word 2 0");
        assert_eq!(squeeze("a\u{3000}\tb"), "a b");
        assert_eq!(
            split_top(
                "市财政局、各县（市、区）政府， 市税务局；",
                &['、', '，', '；']
            ),
            ["市财政局", "各县（市、区）政府", "市税务局"]
        );
        assert!(split_top(" ，、", &['、', '，']).is_empty());
    }

    #[test]
    fn leader_lines() {
        assert!(is_leader_line("分管领导：副市长"));
        assert!(is_leader_line("责任领导: 王某"));
        assert!(!is_leader_line("牵头单位：市财政局"));
        assert!(!is_leader_line("加强领导，落实责任。"));
    }

    #[test]
    fn deadlines_normalise() {
        let d = parse_deadline("年底前", Some(2021));
        assert_eq!(
            (d.kind, d.date.as_deref()),
            (DeadlineKind::Date, Some("2021-12-31"))
        );
        assert_eq!(
            parse_deadline("9 月底前", Some(2021)).date.as_deref(),
            Some("2021-09-30")
        );
        assert_eq!(
            parse_deadline("9月30日前", Some(2021)).date.as_deref(),
            Some("2021-09-30")
        );
        assert_eq!(
            parse_deadline("6 月底前", Some(2022)).date.as_deref(),
            Some("2022-06-30")
        );
        assert_eq!(
            parse_deadline("2月底前", Some(2024)).date.as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(parse_deadline("持续推进", None).kind, DeadlineKind::Ongoing);
        assert_eq!(parse_deadline("全年", None).kind, DeadlineKind::Ongoing);
        assert_eq!(parse_deadline("", None).kind, DeadlineKind::Unspecified);
        assert_eq!(
            parse_deadline("2022年底前", None).date.as_deref(),
            Some("2022-12-31")
        );
        assert_eq!(
            parse_deadline("三季度前", Some(2022)).date.as_deref(),
            Some("2022-09-30")
        );
        assert_eq!(
            parse_deadline("完成時限年底前", Some(2022)).kind,
            DeadlineKind::Unspecified
        );
        assert_eq!(
            parse_deadline("長期堅持", Some(2022)).kind,
            DeadlineKind::Ongoing
        );
        assert_eq!(
            parse_deadline("2022年10月中旬前", None).date.as_deref(),
            Some("2022-10-20")
        );
        assert_eq!(
            parse_deadline("12月上旬", Some(2022)).date.as_deref(),
            Some("2022-12-10")
        );
        let d = parse_deadline("完成时限：2022年第三季度", None);
        assert_eq!(
            (d.raw.as_deref(), d.date.as_deref()),
            (Some("2022年第三季度"), Some("2022-09-30"))
        );
        assert!(looks_like_deadline("完成时限:持续推进"));
        assert_eq!(parse_deadline("每季度", None).kind, DeadlineKind::Ongoing);
        assert!(looks_like_deadline("按法定时限"));
        assert!(!looks_like_deadline("年度报告"));
        let d = deadline_in_text("2022年第三季度前完成专栏建设", Some(2022));
        assert_eq!(d.date.as_deref(), Some("2022-09-30"));
        let d = deadline_in_text("在2021年10月底前完成省、市两级建设", None);
        assert_eq!(d.date.as_deref(), Some("2021-10-31"));
    }

    #[test]
    fn units_split_lead_apart() {
        let (lead, units) =
            parse_units("省发展改革委、省住房城乡建设厅牵头，省政府各有关部门，各市政府负责落实");
        assert_eq!(lead, ["省发展改革委", "省住房城乡建设厅"]);
        assert_eq!(units, ["省政府各有关部门", "各市政府"]);
        let (lead, units) = parse_units("省政府各有关部门，各市、县（市、区）政府负责落实");
        assert!(lead.is_empty());
        assert_eq!(units, ["省政府各有关部门", "各市、县（市、区）政府"]);
        let (lead, units) = parse_units("市卫健委、市商务局、市市监局等分别牵头落实");
        assert_eq!(lead, ["市卫健委", "市商务局", "市市监局"]);
        assert!(units.is_empty());
        let (lead, units) = parse_units(
            "四川乐至经济开发区管委会、县政府办，有关县级规划编制牵头部门（单位），各乡镇（街道）人民政府（办事处）",
        );
        assert!(lead.is_empty());
        assert_eq!(
            units,
            [
                "四川乐至经济开发区管委会",
                "县政府办",
                "有关县级规划编制牵头部门（单位）",
                "各乡镇（街道）人民政府（办事处）"
            ]
        );
        let (lead, units) = parse_units("牵头单位：市政府办公室；责任单位：市政府各部门，各县政府");
        assert_eq!(lead, ["市政府办公室"]);
        assert_eq!(units, ["市政府各部门", "各县政府"]);
        let (lead, units) = parse_units("市財政局牽頭,各縣政府負責落實");
        assert_eq!(lead, ["市財政局"]);
        assert_eq!(units, ["各縣政府"]);
        let (lead, units) = parse_units("牽頭單位:區發改局,責任單位:各街道辦事處");
        assert_eq!(lead, ["區發改局"]);
        assert_eq!(units, ["各街道辦事處"]);
        let (lead, units) = parse_units("市自然资源和规划局（牵头）、市发展改革委");
        assert_eq!(lead, ["市自然资源和规划局"]);
        assert_eq!(units, ["市发展改革委"]);
        let (lead, units) = parse_units("市發展改革委(牽頭),市市場監管局");
        assert_eq!(lead, ["市發展改革委"]);
        assert_eq!(units, ["市市場監管局"]);
        let (_, units) = parse_units("市文化和旅游局等市政府有关部门，各县区政府负责落实");
        assert_eq!(units, ["市文化和旅游局", "市政府有关部门", "各县区政府"]);
    }

    #[test]
    fn unit_and_deadline_cells_recognised() {
        assert!(looks_like_units("县政府办"));
        assert!(looks_like_units("市政务公开办,贵池区,市政府有关部门"));
        assert!(!looks_like_units(
            "推进部门所属单位预算、决算及相关报表公开"
        ));
        assert!(!looks_like_units("持续做好政府公报工作。"));
        assert!(looks_like_units("各縣、區人民政府"));
        assert!(looks_like_units(
            "市政府办公室、市有关单位(见附件1,下同),各县(市、区)人民政府(管委会)负责"
        ));
        assert!(looks_like_units("市有关单位;各镇(街)"));
        assert!(looks_like_units("责任单位:区政府办公室、区发改委"));
        assert!(looks_like_units("责任科室：法规科"));
        assert!(looks_like_deadline("9 月底前"));
        assert!(looks_like_deadline("持续推进"));
        assert!(!looks_like_deadline(
            "做好反垄断与反不正当竞争执法信息公开。"
        ));
    }

    #[test]
    fn headings() {
        assert_eq!(clean_heading("(一) 做好各 类规划。"), "（一）做好各类规划");
    }
}
