//! Saved web pages: a notice as a government site shows it, with the site around it.
//!
//! The page is decoded with the charset it declares (`<meta charset>`, often GB2312 or
//! GBK on older sites) or, without one, the detection plain text gets; html5ever parses it
//! as a browser would. The tree is then walked with an explicit stack (never recursively,
//! so any nesting depth is safe), and yields, in order:
//!
//! - leading paragraphs for the page's own metadata, where `parse::meta` finds them: the
//!   title (`<meta name="ArticleTitle">`, else `<title>` without the site's name, else
//!   the first `<h1>`), a document number from a `<meta>` tag and the publication date
//!   (`<meta name="PubDate">`, written `2021年6月15日`); the notice's own lines in the
//!   body (its number, its signature date) come later and win;
//! - a [`Block::Para`] per line of text: block elements (`<p>`, `<div>`, headings, cells
//!   of layout tables …) and `<br>` end lines; `&nbsp;` and full-width spaces become
//!   spaces that [`clean_text`] then drops between Chinese characters;
//! - a [`Block::Table`] for each **task table**: a table whose first rows name the
//!   columns (序号, 具体要求, 责任单位, 时限 …), or whose rows open with bare task numbers.
//!   Other tables (the site's layout, the info box with 索引号 and 发文字号) are read as
//!   text. In a task table `rowspan` and `colspan` are resolved the way
//!   [`super::docx`] resolves merged cells: the text stands in the first grid position
//!   and every other position the cell covers is an empty cell, so that a continuation
//!   row has an empty number cell and inherits its group's units, as in the text copy of
//!   the same table. Tables nested in a task table's cell are flattened into its text.
//!
//! Left out: `<head>` (but for the metadata above), scripts, styles, forms' controls,
//! `<nav>`, `<header>`, `<footer>`, `<aside>`, hidden elements, and elements whose class
//! or id names a navigation bar, menu, footer or share buttons (`nav`, `menu`, `footer`,
//! `share`: share buttons stand right after the notice's last line, and a prose notice's
//! last item would take them in).
//!
//! A page whose tags nest more than [`MAX_NESTING`] deep is refused before parsing:
//! the HTML tree builder spends time quadratic in the depth, and no notice nests so.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node};

use super::{Block, Document, Encoding, IngestError, Warning, clean_text};

/// The deepest tag nesting a page may have (estimated before parsing).
pub const MAX_NESTING: usize = 2048;

/// The most grid positions the task tables of one page may have (a guard against
/// `colspan`/`rowspan` blowing a small page up into a huge table).
pub const MAX_TABLE_CELLS: usize = 4_000_000;
/// `colspan` above this is damaged markup, not a table.
pub const MAX_COLSPAN: usize = 64;

const FORMAT: &str = "HTML";

/// Reads an HTML page already in memory; `source` names it in errors.
pub(crate) fn read_html(source: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let malformed = |reason: String| IngestError::Malformed {
        path: source.to_string(),
        format: FORMAT,
        reason,
    };
    let mut warnings = Vec::new();
    let (text, encoding) = decode_html(bytes, &mut warnings);
    if let Some(offset) = too_deep(&text, MAX_NESTING) {
        return Err(malformed(format!(
            "tags nest more than {MAX_NESTING} deep (near byte {offset}; unclosed tags?)"
        )));
    }
    let page = Html::parse_document(&text);
    drop(text);
    let mut walker = Walker::default();
    walker.walk(page.root_element());
    let mut blocks = page_metadata(&page, walker.h1.take());
    if walker.cells > MAX_TABLE_CELLS {
        return Err(malformed(format!(
            "its tables span more than {MAX_TABLE_CELLS} cells"
        )));
    }
    walker.flush();
    blocks.extend(walker.blocks);
    super::structured_document(source, blocks, encoding, warnings)
}

static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)"#)
        .expect("regex")
});

/// Decodes a page: with its declared charset if that is not UTF-8, else as text is.
fn decode_html(bytes: &[u8], warnings: &mut Vec<Warning>) -> (String, Option<Encoding>) {
    let head = &bytes[..bytes.len().min(4096)];
    let declared = META_CHARSET
        .captures(head)
        .and_then(|c| encoding_rs::Encoding::for_label(&c[1]));
    let has_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    // GB2312 and GBK are labels of encoding_rs' GBK. A declared UTF-16 means UTF-8 (as
    // browsers read it); a declared single-byte charset (windows-1252 …) is too often a
    // wrong default to trust over the content, so both get the text detection.
    // A page declared GBK that is valid UTF-8 throughout is UTF-8 with a copied template
    // (Chinese text in GBK is practically never valid UTF-8).
    let utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        Some(enc)
            if !has_bom
                && !utf8
                && enc.output_encoding() != encoding_rs::UTF_8
                && !enc.is_single_byte() =>
        {
            let gb = enc == encoding_rs::GBK || enc == encoding_rs::GB18030;
            // A declaration is a claim; the bytes are evidence. A page whose bytes are
            // UTF-8 but for a few bad ones (a template's `<meta>` copied onto a UTF-8
            // page) is read as UTF-8: declared GBK, when UTF-8 reads more of it as text
            // than GBK reads as common Chinese; declared anything else, when the valid
            // UTF-8 characters outnumber the invalid sequences four to one.
            let evidence = super::text::Evidence::of(bytes);
            let utf8_wins = if gb {
                evidence.prefers_utf8()
            } else {
                evidence.utf8_ok >= 4 * evidence.utf8_bad
            };
            if utf8_wins {
                let (declared, invalid) = (enc.name().to_string(), evidence.utf8_bad);
                let text = super::text::decode_utf8_dropping_as(bytes, warnings, |lines| {
                    Warning::CharsetMismatch {
                        declared,
                        invalid,
                        lines,
                    }
                });
                return (text, Some(Encoding::Utf8));
            }
            if gb {
                let text = super::text::decode_gb18030(bytes, warnings);
                return (text, Some(Encoding::Gb18030));
            }
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            let text = if had_errors {
                let lines: Vec<usize> = text
                    .split('\n')
                    .enumerate()
                    .filter(|(_, l)| l.contains('\u{FFFD}'))
                    .map(|(i, _)| i + 1)
                    .collect();
                super::text::warn_lines(warnings, &lines, super::text::invalid_bytes(enc.name()));
                text.replace('\u{FFFD}', "")
            } else {
                text.into_owned()
            };
            (text, None)
        }
        _ => {
            let (text, encoding) = super::text::decode(bytes, warnings);
            (text, Some(encoding))
        }
    }
}

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Elements that never nest: void elements, and those whose end tag is optional and
/// which the parser closes by itself (`<p>`, `<li>`, `<td>` …), which old pages leave open.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option",
    "optgroup", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body", "a",
    "basefont", "bgsound", "frame", "keygen", "image",
];

/// Estimates the tag nesting depth of a page without parsing it; the byte offset where
/// it first passes `limit`, if it does.
fn too_deep(html: &str, limit: usize) -> Option<usize> {
    let b = html.as_bytes();
    let lower = |i: usize| b.get(i).map(u8::to_ascii_lowercase);
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(rel) = memchr_lt(&b[i..]) {
        let at = i + rel;
        i = at + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = lower(i) == Some(b'/');
        let name_start = if closing { i + 1 } else { i };
        let mut j = name_start;
        while lower(j).is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b':') {
            j += 1;
        }
        if j == name_start || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let end = find(b, j, b">").unwrap_or(b.len());
        i = end;
        if closing {
            if !NOT_NESTING.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ignore_case(b, i, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        let self_closing = end > 0 && b.get(end - 1) == Some(&b'/');
        if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
            if depth > limit {
                return Some(at);
            }
        }
    }
    None
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ignore_case(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// The page's title, document number and date from `<head>`, as leading paragraphs.
/// `h1` is the first `<h1>` outside the site's chrome, the title of last resort.
fn page_metadata(page: &Html, h1: Option<String>) -> Vec<Block> {
    let mut title = None;
    let mut head_title = None;
    let mut number = None;
    let mut date = None;
    for node in page.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
            "meta" => {
                let name = el
                    .attr("name")
                    .or_else(|| el.attr("property"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let content = el.attr("content").map(one_line).unwrap_or_default();
                if content.is_empty() {
                    continue;
                }
                match name.as_str() {
                    "articletitle" | "og:title" | "title" if title.is_none() => {
                        title = Some(content)
                    }
                    "pubdate"
                    | "publishdate"
                    | "firstpublishedtime"
                    | "publish_date"
                    | "article:published_time"
                        if date.is_none() =>
                    {
                        date = chinese_date(&content)
                    }
                    "docnumber" | "fwzh" | "文号" | "发文字号" if number.is_none() => {
                        number = Some(content)
                    }
                    _ => {}
                }
            }
            "title" if head_title.is_none() => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                head_title = Some(strip_site_name(&one_line(&text)));
            }
            _ => {}
        }
    }
    [
        title.or(head_title.filter(|t| !t.is_empty())).or(h1),
        number,
        date,
    ]
    .into_iter()
    .flatten()
    .map(|s| clean_text(&s).trim().to_string())
    .filter(|s| !s.is_empty())
    .map(Block::Para)
    .collect()
}

/// Whitespace runs (line breaks too) as one space, trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page title is often `Notice title_Site name` or `Site - Notice`: keep the longest part.
fn strip_site_name(title: &str) -> String {
    title
        .split(['_', '|', '｜', '－'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split("——"))
        .flat_map(|p| p.split(" — "))
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .unwrap_or("")
        .to_string()
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})").expect("regex"));

/// `2021-06-15 10:00` → `2021年6月15日`, the way notices date themselves.
fn chinese_date(s: &str) -> Option<String> {
    let c = ISO_DATE.captures(s.trim())?;
    let y: u32 = c[1].parse().ok()?;
    let m: u32 = c[2].parse().ok()?;
    let d: u32 = c[3].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}年{m}月{d}日"))
}

/// Elements left out with everything in them.
const CHROME: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "iframe", "object", "embed", "svg", "canvas", "select", "button", "input", "textarea", "audio",
    "video", "map", "title",
];

/// Elements that end a line of text where they open and where they close.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "form",
    "fieldset",
    "body",
];

/// Is this element site chrome (navigation, menus, footers, share buttons, hidden parts)?
fn is_chrome(el: &scraper::node::Element) -> bool {
    if CHROME.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    ["class", "id"].iter().any(|a| {
        el.attr(a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            ["nav", "footer", "menu", "share"]
                .iter()
                .any(|w| v.contains(w))
        })
    })
}

/// A step of the explicit-stack walk: open a node, or close an element opened before.
enum Step<N> {
    Open(N),
    Close(bool),
}

/// Walks the page body, collecting lines of text and task tables.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    line: String,
    /// Depth inside `<pre>`, where line breaks are kept.
    pre: usize,
    /// Grid positions of the task tables so far.
    cells: usize,
    /// The text of the first `<h1>` outside the chrome.
    h1: Option<String>,
}

impl Walker {
    fn walk(&mut self, root: ElementRef<'_>) {
        let mut stack = vec![Step::Open(*root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Close(is_pre) => {
                    if is_pre {
                        self.pre -= 1;
                    }
                    self.flush();
                    continue;
                }
                Step::Open(node) => node,
            };
            match node.value() {
                Node::Text(t) => push_text(&mut self.line, t, self.pre > 0),
                Node::Element(el) => {
                    if is_chrome(el) {
                        continue;
                    }
                    let name = el.name();
                    if name == "br" {
                        self.line.push('\n');
                        continue;
                    }
                    if name == "h1"
                        && self.h1.is_none()
                        && let Some(el) = ElementRef::wrap(node)
                    {
                        self.h1 = Some(element_text(el, 500).replace('\n', " "))
                            .filter(|t| !t.is_empty());
                    }
                    if name == "table"
                        && let Some(table) = ElementRef::wrap(node)
                        && is_task_table(table)
                    {
                        self.flush();
                        let rows = table_grid(table, &mut self.cells);
                        if !rows.is_empty() {
                            self.blocks.push(Block::Table(rows));
                        }
                        if self.cells > MAX_TABLE_CELLS {
                            return;
                        }
                        continue;
                    }
                    if BLOCK.contains(&name) {
                        self.flush();
                        if name == "li"
                            && let Some(li) = ElementRef::wrap(node)
                            && let Some(label) = ordered_item_label(li)
                        {
                            self.line.push_str(&label);
                        }
                        let is_pre = name == "pre";
                        if is_pre {
                            self.pre += 1;
                        }
                        stack.push(Step::Close(is_pre));
                    }
                    stack.extend(node.children().rev().map(Step::Open));
                }
                _ => {}
            }
        }
    }

    /// Ends the current line(s) of text.
    fn flush(&mut self) {
        if self.line.is_empty() {
            return;
        }
        let text = clean_text(&std::mem::take(&mut self.line));
        for l in text.split('\n') {
            let l = l.trim();
            if !l.is_empty() {
                self.blocks.push(Block::Para(l.to_string()));
            }
        }
    }
}

/// The number a browser shows before an item of an ordered list (`<ol>`, with its
/// `start`), as text: `3.`; Chinese numbering (`type` or `list-style` naming
/// `cjk-ideographic`) as `三、`. A copy of the same notice as text carries the number.
fn ordered_item_label(li: ElementRef<'_>) -> Option<String> {
    let parent = li.parent()?;
    let ol = parent.value().as_element().filter(|e| e.name() == "ol")?;
    let before = li
        .prev_siblings()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "li"))
        .count();
    let start: i64 = ol
        .attr("start")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1);
    let n = u32::try_from(start + before as i64)
        .ok()
        .filter(|n| *n > 0)?;
    let style = ol.attr("style").unwrap_or("").to_ascii_lowercase();
    if style.contains("none") {
        return None;
    }
    Some(
        if style.contains("cjk-ideographic") || style.contains("simp-chinese") {
            format!("{}、", crate::lexicon::chinese_numeral(n))
        } else {
            format!("{n}.")
        },
    )
}

/// Appends HTML text: whitespace runs (source line breaks too) count as one space,
/// except inside `<pre>`.
fn push_text(out: &mut String, text: &str, pre: bool) {
    if pre {
        out.push_str(text);
        return;
    }
    let mut space = out.ends_with([' ', '\n']);
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{000C}') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

/// The text of an element, lines ended by block elements and `<br>`, cells of nested
/// tables separated by spaces; at most `budget` nodes are visited.
fn element_text(el: ElementRef<'_>, mut budget: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![Step::Open(*el)];
    while let Some(step) = stack.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        let node = match step {
            Step::Close(_) => {
                out.push('\n');
                continue;
            }
            Step::Open(node) => node,
        };
        match node.value() {
            Node::Text(t) => push_text(&mut out, t, false),
            Node::Element(e) if !is_chrome(e) => match e.name() {
                "br" => out.push('\n'),
                "td" | "th" => {
                    out.push(' ');
                    stack.extend(node.children().rev().map(Step::Open));
                }
                name => {
                    if BLOCK.contains(&name) && node.id() != el.id() {
                        out.push('\n');
                        stack.push(Step::Close(false));
                    }
                    stack.extend(node.children().rev().map(Step::Open));
                }
            },
            _ => {}
        }
    }
    let text = clean_text(&out);
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rows of a table itself (not of tables nested in it), in order.
fn own_rows(table: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    table.child_elements().flat_map(|c| {
        let rows: Vec<ElementRef<'_>> = match c.value().name() {
            "tr" => vec![c],
            "thead" | "tbody" | "tfoot" => c
                .child_elements()
                .filter(|r| r.value().name() == "tr")
                .collect(),
            _ => Vec::new(),
        };
        rows
    })
}

fn row_cells(row: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    row.child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
}

static TASK_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}[.、．]?$").expect("regex"));

/// Does this table hold the task list? Only its own first rows and cells are looked at,
/// and at most 64 nodes of each cell (a header or number cell holds a few), so that
/// nested layout tables cost little.
fn is_task_table(table: ElementRef<'_>) -> bool {
    let mut numbered = 0;
    for (i, row) in own_rows(table).take(50).enumerate() {
        let cells: Vec<String> = row_cells(row)
            .take(30)
            .map(|c| element_text(c, 64).replace(char::is_whitespace, ""))
            .collect();
        if i < 3 {
            let hits = cells
                .iter()
                .filter(|c| crate::lexicon::is_header_word(c))
                .count();
            if hits >= 2 {
                return true;
            }
        }
        if cells.len() >= 3 && cells.iter().any(|c| TASK_NUMBER.is_match(c)) {
            numbered += 1;
            if numbered >= 2 {
                return true;
            }
        }
    }
    false
}

/// A task table as rows of cells with `rowspan` and `colspan` resolved: the text in the
/// first position a cell covers, empty cells in the others. `cells` counts positions.
fn table_grid(table: ElementRef<'_>, cells: &mut usize) -> Vec<Vec<String>> {
    let rows: Vec<ElementRef<'_>> = own_rows(table).collect();
    let mut out = Vec::with_capacity(rows.len());
    // Per column: how many more rows a cell from a row above still covers.
    let mut covered: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let rows_left = rows.len() - r;
        let mut line: Vec<String> = Vec::new();
        let mut col = 0;
        for cell in row_cells(*row) {
            // Positions covered by a cell of a row above are empty here.
            while covered.get(col).is_some_and(|&n| n > 0) {
                covered[col] -= 1;
                line.push(String::new());
                col += 1;
            }
            let span = |name: &str| {
                cell.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
            };
            let colspan = span("colspan").unwrap_or(1).clamp(1, MAX_COLSPAN);
            let rowspan = match span("rowspan") {
                Some(0) => rows_left,
                Some(n) => n.clamp(1, rows_left),
                None => 1,
            };
            line.push(element_text(cell, usize::MAX));
            line.extend(std::iter::repeat_n(String::new(), colspan - 1));
            if covered.len() < col + colspan {
                covered.resize(col + colspan, 0);
            }
            for c in &mut covered[col..col + colspan] {
                *c = (*c).max(rowspan - 1);
            }
            col += colspan;
        }
        // Columns after the row's last cell still covered from above.
        if let Some(last) = covered.iter().rposition(|&n| n > 0)
            && last >= col
        {
            while col <= last {
                if covered[col] > 0 {
                    covered[col] -= 1;
                }
                line.push(String::new());
                col += 1;
            }
        }
        *cells += line.len();
        if *cells > MAX_TABLE_CELLS {
            break;
        }
        if line.iter().any(|c| !c.is_empty()) {
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        read_html("p.html", html.as_bytes())
            .unwrap()
            .blocks
            .unwrap()
    }

    fn para(s: &str) -> Block {
        Block::Para(s.to_string())
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ordered_list_items_carry_their_numbers() {
        let b = blocks(
            "<body><ol><li>做好规划公开</li><li>做好财政公开</li></ol><ol start=\"3\"><li>做好监管公开</li></ol><ol style=\"list-style-type:cjk-ideographic\"><li>总体要求</li></ol><ul><li>要点</li></ul></body>",
        );
        assert_eq!(
            b,
            [
                para("1.做好规划公开"),
                para("2.做好财政公开"),
                para("3.做好监管公开"),
                para("一、总体要求"),
                para("要点")
            ]
        );
    }

    #[test]
    fn chrome_is_left_out_and_lines_are_kept() {
        let html = r#"<!DOCTYPE html><html><head><title>关于印发要点的通知_某市人民政府</title>
            <meta name="PubDate" content="2021-06-15 10:00"><style>p{}</style></head>
            <body><nav>首页 政务公开</nav><div class="top-menu">菜单</div>
            <div id="content"><p>第一行&nbsp;文字<br>第二&#12288;行</p><script>var a=1;</script>
            <p>　　第三行</p></div><div class="footer">版权所有</div><footer>网站地图</footer></body></html>"#;
        assert_eq!(
            blocks(html),
            [
                para("关于印发要点的通知"),
                para("2021年6月15日"),
                para("第一行文字"),
                para("第二行"),
                para("第三行"),
            ]
        );
    }

    #[test]
    fn task_table_found_inside_a_layout_table_with_spans_resolved() {
        let html = r#"<html><body><table class="layout"><tr><td>
            <table><tr><td>索引号</td><td>001</td></tr></table>
            <table border="1">
              <tr><th>序号</th><th colspan="2">具体内容</th><th>责任单位</th></tr>
              <tr><td rowspan="2">1</td><td rowspan="2">财政信息</td><td>公开预算。</td><td rowspan="2">县财政局</td></tr>
              <tr><td>公开决算。</td></tr>
              <tr><td>2</td><td>规划</td><td>公开规划<table><tr><td>附</td><td>表</td></tr></table></td><td>县发改局</td></tr>
            </table></td></tr></table></body></html>"#;
        assert_eq!(
            blocks(html),
            [
                para("索引号"),
                para("001"),
                Block::Table(vec![
                    row(&["序号", "具体内容", "", "责任单位"]),
                    row(&["1", "财政信息", "公开预算。", "县财政局"]),
                    row(&["", "", "公开决算。", ""]),
                    row(&["2", "规划", "公开规划\n附表", "县发改局"]),
                ]),
            ]
        );
    }

    #[test]
    fn declared_gbk_is_decoded() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>政务公开重点工作</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let doc = read_html("g.html", &bytes).unwrap();
        assert_eq!(doc.blocks.unwrap(), [para("政务公开重点工作")]);
        assert_eq!(doc.encoding, Some(Encoding::Gb18030));
    }

    #[test]
    fn a_wrong_charset_declaration_does_not_garble_utf8() {
        let page = "<html><head><meta charset=\"gbk\"></head><body><p>政务公开</p></body></html>";
        let doc = read_html("u.html", page.as_bytes()).unwrap();
        assert_eq!(doc.blocks.unwrap(), [para("政务公开")]);
        assert_eq!(doc.encoding, Some(Encoding::Utf8));
    }

    #[test]
    fn a_utf8_page_declared_gb2312_with_a_bad_byte_is_read_as_utf8() {
        // Issue 17: one invalid byte made the whole page GB18030 mojibake.
        let doc = read_html("m.html", &crate::harness::hostile::html_mislabelled()).unwrap();
        assert_eq!(doc.encoding, Some(Encoding::Utf8));
        assert!(doc.text.contains("1.做好政府信息公开工作"), "{}", doc.text);
        assert_eq!(doc.warnings.len(), 1);
        assert!(
            matches!(&doc.warnings[0], Warning::CharsetMismatch { declared, lines, .. }
                if declared == "GBK" && lines.lines == [7]),
            "{:?}",
            doc.warnings[0]
        );
        // A GBK page with a bad byte is still GBK.
        let page = "<html><head><meta charset=\"gb2312\"></head><body><p>政务公开重点工作</p><p>做好政府信息公开</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let mut bytes = bytes.into_owned();
        bytes.insert(bytes.len() - 20, 0xFF);
        let doc = read_html("g.html", &bytes).unwrap();
        assert_eq!(doc.encoding, Some(Encoding::Gb18030));
        assert!(doc.text.contains("政务公开重点工作"), "{}", doc.text);
    }

    #[test]
    fn title_of_last_resort_is_the_first_h1_outside_the_chrome() {
        let page = "<html><body><header><h1>某某市人民政府</h1></header><div><h1>关于做好政务公开工作的通知</h1><p>正文</p></div></body></html>";
        assert_eq!(
            blocks(page),
            [
                para("关于做好政务公开工作的通知"),
                para("关于做好政务公开工作的通知"),
                para("正文"),
            ]
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let page = format!("<html><body>{}x", "<div>".repeat(100_000));
        let err = read_html("deep.html", page.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("nest more than"), "{err}");
        // Unclosed paragraphs and cells do not nest.
        let page = format!("<html><body>{}", "<p>做好<td>x<li>y".repeat(10_000));
        assert_eq!(too_deep(&page, MAX_NESTING), None);
        // Nor do tags inside scripts and comments.
        let page = format!(
            "<script>{}</script><!--{}-->",
            "<div>".repeat(5000),
            "<div>".repeat(5000)
        );
        assert_eq!(too_deep(&page, MAX_NESTING), None);
    }

    #[test]
    fn nesting_below_the_limit_is_walked_without_recursion() {
        let page = format!(
            "<html><body>{}<p>深处的文字</p>",
            "<div><span>".repeat(MAX_NESTING / 2 - 4)
        );
        assert_eq!(blocks(&page), [para("深处的文字")]);
    }

    #[test]
    fn site_names_are_stripped_from_titles() {
        assert_eq!(
            strip_site_name("关于印发2021年工作要点的通知_乐至县人民政府"),
            "关于印发2021年工作要点的通知"
        );
        assert_eq!(
            strip_site_name("乐至县人民政府 - 关于印发2021年工作要点的通知"),
            "关于印发2021年工作要点的通知"
        );
        assert_eq!(
            chinese_date("2021-06-15 10:00:00").as_deref(),
            Some("2021年6月15日")
        );
    }
}
