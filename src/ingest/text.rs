//! Plain-text inputs: encoding detection and the cleaning every text goes through.
//!
//! Cleaning keeps line breaks where they were (so warnings and tasks keep their line
//! numbers) and does only what makes two copies of the same notice read the same:
//! CRLF/CR line ends, control characters, full-width digits and letters, stray
//! formatting tags (`<p>`, `<br>`, `<span>` …; never `<script>`, which stays visible text),
//! exotic spaces, and the spaces that PDF and Word extraction put between CJK characters.

use super::{Document, Encoding, IngestError, Warning};
use crate::lexicon::is_cjk;
use crate::model::LineList;

/// Decodes and cleans a plain-text input.
pub(crate) fn read_text(source: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let mut warnings = Vec::new();
    if let Some(what) = binary_signature(bytes) {
        return Err(IngestError::Binary {
            path: source.to_string(),
            what,
        });
    }
    let (decoded, encoding) = decode(bytes, &mut warnings);
    let text = clean_text_with_warnings(&decoded, &mut warnings);
    if text.trim().is_empty() {
        return Err(IngestError::Blank {
            path: source.to_string(),
        });
    }
    Ok(Document {
        source: source.to_string(),
        text,
        blocks: None,
        encoding: Some(encoding),
        warnings,
        ocr: None,
    })
}

/// Text files have no NUL bytes; binary formats have many.
fn binary_signature(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    // UTF-16 text also has NULs; it starts with a BOM, handled in `decode`.
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]);
    if nuls > 0 && !utf16 {
        return Some(format!(
            "{nuls} NUL bytes in the first {} bytes",
            sample.len()
        ));
    }
    None
}

/// Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030, deciding by content.
///
/// A UTF-8 file with a few invalid sequences spliced in stays UTF-8: the bad bytes are
/// dropped and reported. A GB18030 file is recognised because almost none of its
/// multi-byte sequences are valid UTF-8.
pub(crate) fn decode(bytes: &[u8], warnings: &mut Vec<Warning>) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (decode_utf8_dropping(rest, warnings), Encoding::Utf8);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        if had_errors {
            warnings.push(Warning::InvalidBytes {
                encoding: "UTF-16".into(),
                lines: LineList::of(&[1]).unwrap_or_default(),
            });
        }
        return (text.into_owned(), Encoding::Utf8);
    }
    // Valid UTF-8, the usual case: one validating pass (the statistics below walk every
    // character and are needed only for text that is not).
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Encoding::Utf8);
    }
    let (valid_multibyte, invalid) = utf8_stats(bytes);
    if valid_multibyte >= 4 * invalid {
        return (decode_utf8_dropping(bytes, warnings), Encoding::Utf8);
    }
    let evidence = Evidence::of(bytes);
    if evidence.prefers_utf8() {
        let (invalid, rare_pct) = (evidence.utf8_bad, 100 - evidence.gb_score_pct());
        let text = decode_utf8_dropping_as(bytes, warnings, |lines| Warning::ReadAsUtf8 {
            invalid,
            rare_pct,
            lines,
        });
        return (text, Encoding::Utf8);
    }
    (decode_gb18030(bytes, warnings), Encoding::Gb18030)
}

/// Decodes GB18030, dropping invalid sequences and noting the lines they were on.
pub(crate) fn decode_gb18030(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        let mut lines = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            if line.contains('\u{FFFD}') {
                lines.push(i + 1);
            }
        }
        warn_lines(warnings, &lines, invalid_bytes("GB18030"));
        text.replace('\u{FFFD}', "")
    } else {
        text.into_owned()
    }
}

/// What the bytes of a text that is not valid UTF-8 say about its encoding: how much of
/// it each of UTF-8 and GB18030 reads as plausible text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Valid multi-byte UTF-8 characters, and invalid UTF-8 sequences.
    pub utf8_ok: usize,
    pub utf8_bad: usize,
    /// GB18030 characters among the common ones (the 3,755 hanzi of GB2312's first level,
    /// Chinese punctuation and full-width forms), other GB18030 characters, and invalid
    /// sequences.
    pub gb_common: usize,
    pub gb_other: usize,
    pub gb_bad: usize,
}

impl Evidence {
    pub(crate) fn of(bytes: &[u8]) -> Evidence {
        let mut e = Evidence::default();
        for chunk in bytes.utf8_chunks() {
            e.utf8_ok += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            if !chunk.invalid().is_empty() {
                e.utf8_bad += 1;
            }
        }
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
            match b {
                0x00..=0x7F => i += 1,
                0x81..=0xFE => match next(1) {
                    0x30..=0x39
                        if (0x81..=0xFE).contains(&next(2)) && (0x30..=0x39).contains(&next(3)) =>
                    {
                        e.gb_other += 1;
                        i += 4;
                    }
                    t @ (0x40..=0x7E | 0x80..=0xFE) => {
                        let level1 = (0xB0..=0xD7).contains(&b) && t >= 0xA1;
                        let punctuation = matches!(b, 0xA1 | 0xA3) && t >= 0xA1;
                        if level1 || punctuation {
                            e.gb_common += 1;
                        } else {
                            e.gb_other += 1;
                        }
                        i += 2;
                    }
                    _ => {
                        e.gb_bad += 1;
                        i += 1;
                    }
                },
                _ => {
                    e.gb_bad += 1;
                    i += 1;
                }
            }
        }
        e
    }

    /// Per cent of what UTF-8 reads beyond ASCII that is valid.
    pub(crate) fn utf8_score_pct(&self) -> usize {
        (100 * self.utf8_ok)
            .checked_div(self.utf8_ok + self.utf8_bad)
            .unwrap_or(0)
    }

    /// Per cent of what GB18030 reads beyond ASCII that is common Chinese text. Chinese
    /// written in GBK scores above 80; UTF-8 read as GB18030 scores near 0 (its lead
    /// bytes fall on GB2312's rare second level and on user-defined areas).
    pub(crate) fn gb_score_pct(&self) -> usize {
        (100 * self.gb_common)
            .checked_div(self.gb_common + self.gb_other + self.gb_bad)
            .unwrap_or(0)
    }

    /// Is UTF-8 (dropping its invalid bytes) the more plausible reading?
    pub(crate) fn prefers_utf8(&self) -> bool {
        self.utf8_score_pct() >= self.gb_score_pct()
    }
}

/// Counts valid multi-byte UTF-8 characters and runs of invalid bytes.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut in_run = false;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.valid().is_empty() {
            in_run = false;
        }
        if !chunk.invalid().is_empty() && !in_run {
            invalid += 1;
            in_run = true;
        }
    }
    (valid, invalid)
}

/// Decodes UTF-8, dropping invalid sequences and noting the lines they were on.
fn decode_utf8_dropping(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    decode_utf8_dropping_as(bytes, warnings, invalid_bytes("UTF-8"))
}

/// The warning that byte sequences invalid in `encoding` were dropped on some lines.
pub(crate) fn invalid_bytes(encoding: &str) -> impl FnOnce(LineList) -> Warning {
    let encoding = encoding.to_string();
    move |lines| Warning::InvalidBytes { encoding, lines }
}

/// [`decode_utf8_dropping`], the warning made by `what` from the lines.
pub(crate) fn decode_utf8_dropping_as(
    bytes: &[u8],
    warnings: &mut Vec<Warning>,
    what: impl FnOnce(LineList) -> Warning,
) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut line = 1usize;
    let mut bad_lines = Vec::new();
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        out.push_str(valid);
        line += valid.bytes().filter(|&b| b == b'\n').count();
        if !chunk.invalid().is_empty() && bad_lines.last() != Some(&line) {
            bad_lines.push(line);
        }
    }
    warn_lines(warnings, &bad_lines, what);
    out
}

/// Adds the warning `what` makes of `lines`, when there are any.
pub(crate) fn warn_lines(
    warnings: &mut Vec<Warning>,
    lines: &[usize],
    what: impl FnOnce(LineList) -> Warning,
) {
    if let Some(lines) = LineList::of(lines) {
        warnings.push(what(lines));
    }
}

/// Cleans decoded text (see the module docs); line breaks stay where they were.
pub fn clean_text(text: &str) -> String {
    clean_text_with_warnings(text, &mut Vec::new())
}

/// The HTML elements whose stray tags (`<p>`, `</span>`, `<br/>`, `<td class=…>`) copied
/// text keeps; matched by hand in [`remove_stray_tags`] (the pattern it was cost a `parse`
/// of such a text half its instructions to compile).
const STRAY_TAG_NAMES: &[&str] = &[
    "p", "br", "span", "div", "font", "b", "strong", "i", "em", "u", "sup", "sub", "o:p",
    "section", "article", "center", "small", "big", "td", "tr", "th", "tbody", "thead", "table",
    "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// The length of a stray tag opening `s` (which starts with `<`): `<`, an optional `/`, a
/// name of [`STRAY_TAG_NAMES`] in any case, then either whitespace and at most 200
/// characters other than `<` `>`, or nothing; then spaces, an optional `/` and `>`.
pub(crate) fn stray_tag_len(s: &str) -> Option<usize> {
    let after_lt = &s[1..];
    let body = after_lt.strip_prefix('/').unwrap_or(after_lt);
    // The tail after a name: `(?:\s[^<>]{0,200})?\s*/?>`.
    let tail = |r: &str| -> Option<usize> {
        let closing = |t: &str| -> Option<usize> {
            let u = t.trim_start();
            let u = u.strip_prefix('/').unwrap_or(u);
            u.starts_with('>').then(|| t.len() - u.len() + 1)
        };
        if let Some(n) = closing(r) {
            return Some(n);
        }
        let first = r.chars().next().filter(|c| c.is_whitespace())?;
        let rest = &r[first.len_utf8()..];
        let end = rest.find(['<', '>'])?;
        if !rest[end..].starts_with('>') {
            return None;
        }
        // At most 200 characters of attributes; what runs past them must be spaces and a
        // `/` before the `>`.
        let attrs = &rest[..end];
        let cut = attrs
            .char_indices()
            .nth(200)
            .map_or(attrs.len(), |(i, _)| i);
        let over = &attrs[cut..];
        let over = over.strip_suffix('/').unwrap_or(over);
        over.chars()
            .all(char::is_whitespace)
            .then_some(first.len_utf8() + end + 1)
    };
    STRAY_TAG_NAMES.iter().find_map(|name| {
        let head = body.get(..name.len())?;
        if !head.eq_ignore_ascii_case(name) {
            return None;
        }
        let n = tail(&body[name.len()..])?;
        Some(s.len() - body.len() + name.len() + n)
    })
}

/// `s` without its stray HTML tags.
fn remove_stray_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    let mut at = 0;
    while let Some(k) = s[at..].find('<') {
        let i = at + k;
        match stray_tag_len(&s[i..]) {
            Some(n) => {
                out.push_str(&s[from..i]);
                from = i + n;
                at = i + n;
            }
            None => at = i + 1,
        }
    }
    out.push_str(&s[from..]);
    out
}

fn clean_text_with_warnings(text: &str, warnings: &mut Vec<Warning>) -> String {
    // Line ends first, so that line numbers below are final.
    let text: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let mut out = String::with_capacity(text.len());
    let mut bad_lines: Vec<usize> = Vec::new();
    let mut bidi_lines: Vec<usize> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut had_control = false;
        let mut had_bidi = false;
        // Runs of ordinary characters are copied whole; only the few characters the
        // match below changes or drops are looked at one by one.
        let mut copied = 0;
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let lead = bytes[at];
            if !MAY_NEED_CLEANING[usize::from(lead)] {
                at += 1;
                continue;
            }
            // `at` is a character boundary: the table marks only ASCII bytes and the lead
            // bytes of multi-byte characters.
            let Some(c) = line[at..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            if !needs_cleaning(c) {
                at += len;
                continue;
            }
            out.push_str(&line[copied..at]);
            at += len;
            copied = at;
            match c {
                '\t' => out.push('\t'),
                // Bidirectional controls could make a report show text reordered.
                c if crate::lexicon::is_bidi_control(c) => had_bidi = true,
                // Zero-width characters and stray BOMs carry nothing.
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
                c if c.is_control() => had_control = true,
                // Full-width digits and letters, ％ and ＋ fold to ASCII.
                '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                    out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
                }
                '％' => out.push('%'),
                '＋' => out.push('+'),
                '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
                    out.push(' ')
                }
                c => out.push(c),
            }
        }
        out.push_str(&line[copied..]);
        if had_control {
            bad_lines.push(i + 1);
        }
        if had_bidi {
            bidi_lines.push(i + 1);
        }
    }
    warn_lines(warnings, &bad_lines, |lines| Warning::ControlCharacters {
        lines,
    });
    warn_lines(warnings, &bidi_lines, |lines| Warning::BidiControls {
        lines,
    });
    let out = if out.contains('<') {
        remove_stray_tags(&out)
    } else {
        out
    };
    let out = if out.contains("&nbsp;") {
        out.replace("&nbsp;", " ")
    } else {
        out
    };
    remove_cjk_spaces(&out)
}

/// The bytes a character [`needs_cleaning`] can open with: the ASCII controls but the tab,
/// and the UTF-8 lead bytes of U+0080–00BF (0xC2), U+0600–063F (0xD8), U+2000–2FFF
/// (0xE2), U+3000–3FFF (0xE3) and U+F000–FFFF (0xEF). The bytes of hanzi (0xE4–0xE9) are
/// passed over without decoding them.
static MAY_NEED_CLEANING: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != 0x09;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Whether [`clean_text_with_warnings`] changes or drops `c`: controls other than the tab,
/// the C1 block and the no-break space, U+061C, the general-punctuation spaces, zero-width
/// and bidirectional marks (U+2000–206F), the ideographic space, the BOM and the
/// full-width forms it folds. A superset would be harmless (such a character is matched
/// again and pushed as it is).
fn needs_cleaning(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
            | '\u{A}'..='\u{1F}'
            | '\u{7F}'..='\u{A0}'
            | '\u{061C}'
            | '\u{2000}'..='\u{206F}'
            | '\u{3000}'
            | '\u{FEFF}'
            | '\u{FF05}'
            | '\u{FF0B}'
            | '\u{FF10}'..='\u{FF19}'
            | '\u{FF21}'..='\u{FF3A}'
            | '\u{FF41}'..='\u{FF5A}')
}

/// Characters that follow a number as its unit (`2021 年`, `30 日`, `4 %`): a space
/// before them is glued even where the number opens a cell.
fn is_number_unit(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '号'
            | '%'
            | '个'
            | '项'
            | '次'
            | '万'
            | '元'
            | '天'
            | '分'
            | '条'
            | '家'
            | '人'
            | '篇'
    )
}

/// Removes runs of spaces that sit next to a CJK character, unless the other side is a
/// Latin letter (`PDF 文件` keeps its space, `一 进 步` and `2021 年` lose theirs). A number
/// that opens a cell or line keeps the space after it (`6 围绕…`: the task number), unless
/// the next character is a unit of that number. In a very long line (a notice flattened
/// onto one line) the space before a numbering mark (`… 一、总体要求 … (一)… 1、…`) stays:
/// it is what separates the items.
fn remove_cjk_spaces(text: &str) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // Under a header of column words separated by spaces, the spaces separate cells: they
    // stay until the next blank line (`parse` reads such a table by them).
    let mut spaced_table = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        spaced_table = (spaced_table && !line.trim().is_empty())
            || crate::lexicon::spaced_header(line).is_some();
        if spaced_table {
            out.push_str(line);
            continue;
        }
        remove_cjk_spaces_in_line(line, line.len() > crate::lexicon::FLATTENED_LINE, &mut out);
    }
    out
}

fn remove_cjk_spaces_in_line(text: &str, keep_before_marks: bool, out: &mut String) {
    // By byte offsets: the space and the characters looked at around a run of spaces
    // (digits, tab, `|`) are ASCII, and the text between runs is copied whole.
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b' ') {
        let start = i + k;
        i = start;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        out.push_str(&text[copied..start]);
        copied = i;
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        let glue = match (before, after) {
            (Some(a), Some(b)) => {
                let joinable =
                    |x: char| !x.is_ascii_alphabetic() && !matches!(x, '\t' | '\n' | '|');
                let cjk_pair = (is_cjk(a) && joinable(b)) || (is_cjk(b) && joinable(a));
                cjk_pair
                    && (is_number_unit(b) || !opens_with_number(bytes, start))
                    && !(keep_before_marks && opens_mark(&text[i..]))
            }
            _ => false,
        };
        if !glue {
            out.push_str(&text[start..i]);
        }
    }
    out.push_str(&text[copied..]);
}

/// Does `text` open with a numbering mark (`一、`, `(一)`, `1、` …) within its first eight
/// characters?
fn opens_mark(text: &str) -> bool {
    let end = text.char_indices().nth(8).map_or(text.len(), |(k, _)| k);
    crate::lexicon::numbering(&text[..end]).is_some()
}

/// Is the text just before byte `pos` a run of digits that opens a line or cell?
fn opens_with_number(bytes: &[u8], pos: usize) -> bool {
    let mut j = pos;
    while j > 0 && bytes[j - 1].is_ascii_digit() {
        j -= 1;
    }
    j < pos && (j == 0 || matches!(bytes[j - 1], b'\t' | b'\n' | b'|' | b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written stray-tag matcher removes what the expression it replaces removed.
    #[test]
    fn stray_tags_as_the_former_pattern_found_them() {
        let re = regex::Regex::new(
            r"(?i)</?(?:p|br|span|div|font|b|strong|i|em|u|sup|sub|o:p|section|article|center|small|big|td|tr|th|tbody|thead|table|li|ul|ol|h[1-6])(?:\s[^<>]{0,200})?\s*/?>",
        )
        .unwrap();
        let long = format!("<p {}>x", "a".repeat(199));
        let longer = format!("<p {}>x", "a".repeat(201));
        let spaced = format!("<p {}   />x", "a".repeat(200));
        for s in [
            "<p>各级政府</p>",
            "<P CLASS=\"x\">文本</P>",
            "a<br/>b<br />c<br>d",
            "<bx>不是</bx>",
            "<b>粗</b><strong>重</strong>",
            "1 < 2 > 0",
            "<o:p></o:p><h3>标题</h3><h7>x</h7>",
            "<td\tstyle='a'>c</td>",
            "<span <b>>",
            "<p\n>x",
            "<div / >y",
            "<table",
            long.as_str(),
            longer.as_str(),
            spaced.as_str(),
            "<",
            "<<p>>",
        ] {
            assert_eq!(remove_stray_tags(s), re.replace_all(s, ""), "{s:?}");
        }
    }

    #[test]
    fn cjk_spaces_removed_latin_kept() {
        assert_eq!(clean_text("一 进 步 化"), "一进步化");
        assert_eq!(clean_text("落实 2021 年以来"), "落实2021年以来");
        assert_eq!(
            clean_text("hello world 和 PDF 文件"),
            "hello world 和 PDF 文件"
        );
        assert_eq!(clean_text("不低于 4% 的要求"), "不低于4%的要求");
        assert_eq!(clean_text("(一) 做好各 类规划"), "(一)做好各类规划");
    }

    #[test]
    fn a_flattened_notice_keeps_the_space_before_its_marks() {
        let long = "说明".repeat(200);
        let line = format!("{long}。 一、总体要求 (一)强化 1、数字 经济");
        let cleaned = clean_text(&line);
        assert!(
            cleaned.ends_with("。 一、总体要求 (一)强化 1、数字经济"),
            "{cleaned}"
        );
        assert_eq!(clean_text("要点。 一、总体要求"), "要点。一、总体要求");
    }

    #[test]
    fn number_opening_a_cell_keeps_its_space() {
        assert_eq!(clean_text("\t6 围绕“双招双引”"), "\t6 围绕“双招双引”");
        assert_eq!(clean_text("\t9 月底前"), "\t9月底前");
    }

    #[test]
    fn line_ends_and_full_width_folded() {
        assert_eq!(clean_text("ａ１\r\nb\rc"), "a1\nb\nc");
        assert_eq!(clean_text("不低于４％"), "不低于4%");
    }

    #[test]
    fn stray_tags_removed_but_script_kept() {
        assert_eq!(clean_text("<p>做好</p><br/>公开"), "做好公开");
        assert_eq!(
            clean_text("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn control_characters_removed_with_a_warning() {
        let mut w = Vec::new();
        let out = clean_text_with_warnings("第一行\n做\u{7}好\u{1}", &mut w);
        assert_eq!(out, "第一行\n做好");
        assert_eq!(
            w,
            [Warning::ControlCharacters {
                lines: LineList {
                    lines: vec![2],
                    line_count: 1
                }
            }]
        );
    }

    #[test]
    fn gb18030_detected_without_being_told() {
        let (bytes, _, _) =
            encoding_rs::GB18030.encode("政务公开重点工作任务分工，各县区政府负责落实。");
        let mut w = Vec::new();
        let (text, enc) = decode(&bytes, &mut w);
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(text, "政务公开重点工作任务分工，各县区政府负责落实。");
        assert!(w.is_empty());
    }

    #[test]
    fn utf8_with_spliced_invalid_bytes_stays_utf8() {
        let mut bytes = "第一行政务公开\n第二行".as_bytes().to_vec();
        bytes.splice(3..3, [0xFF, 0xFE, 0x80]);
        let mut w = Vec::new();
        let (text, enc) = decode(&bytes, &mut w);
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(text, "第一行政务公开\n第二行");
        assert_eq!(
            w,
            [Warning::InvalidBytes {
                encoding: "UTF-8".into(),
                lines: LineList {
                    lines: vec![1],
                    line_count: 1
                }
            }]
        );
    }

    #[test]
    fn utf8_with_many_invalid_bytes_is_not_read_as_gb18030() {
        // Issue 17: an invalid byte after every third character used to tip the text into
        // GB18030, and a dozen tasks of mojibake came out.
        let bytes = crate::harness::hostile::utf8_many_invalid();
        let mut w = Vec::new();
        let (text, enc) = decode(&bytes, &mut w);
        assert_eq!(enc, Encoding::Utf8);
        assert!(text.contains("做好政府信息公开工作"), "{text}");
        assert_eq!(w.len(), 1);
        assert!(
            matches!(&w[0], Warning::ReadAsUtf8 { lines, .. }
                if lines.lines.starts_with(&[1, 2, 3])),
            "{w:?}"
        );
        let e = Evidence::of(&bytes);
        assert!(e.gb_score_pct() < 20 && e.utf8_score_pct() > 60, "{e:?}");
    }

    #[test]
    fn gb18030_with_some_bad_bytes_stays_gb18030() {
        let (mut bytes, _, _) = encoding_rs::GB18030
            .encode("政务公开重点工作任务分工，各县区政府负责落实。\n1.做好政府信息公开工作。\n");
        let mut bytes = bytes.to_mut().clone();
        bytes.insert(4, 0xFF);
        bytes.push(0x80);
        let mut w = Vec::new();
        let (text, enc) = decode(&bytes, &mut w);
        assert_eq!(enc, Encoding::Gb18030);
        assert!(text.starts_with("政务公开重点工作任务分工"), "{text}");
        assert!(
            matches!(&w[0], Warning::InvalidBytes { encoding, .. } if encoding == "GB18030"),
            "{w:?}"
        );
    }

    #[test]
    fn bom_is_stripped() {
        let mut w = Vec::new();
        let (text, _) = decode(b"\xEF\xBB\xBFabc", &mut w);
        assert_eq!(text, "abc");
    }

    /// The fast path copies every character `needs_cleaning` passes over unchanged, so
    /// each of those must come out of the cleaning as it went in (every BMP character but
    /// the line ends, the space and `<`, which later steps treat by context).
    #[test]
    fn characters_passed_over_are_those_cleaning_keeps() {
        for c in (0u32..0x1_0000).filter_map(char::from_u32) {
            if needs_cleaning(c) || matches!(c, '\n' | '\r' | ' ' | '<' | '\t') {
                continue;
            }
            let text = format!("甲{c}乙");
            let mut w = Vec::new();
            assert_eq!(
                clean_text_with_warnings(&text, &mut w),
                text,
                "U+{:04X}",
                c as u32
            );
            assert!(w.is_empty(), "U+{:04X}", c as u32);
        }
        // And the characters it does look at are cleaned as before.
        let mut w = Vec::new();
        assert_eq!(
            clean_text_with_warnings("Ａ１\u{3000}％＋\u{200B}\u{202E}x\u{7}（）", &mut w),
            "A1 %+x（）"
        );
        assert_eq!(w.len(), 2);
    }
}
