//! Positioned glyphs and ruling lines → paragraphs and tables, in reading order.
//!
//! - **Lines**: glyphs on one baseline, ordered by x; a gap wider than a third of the
//!   font size is a space.
//! - **Tables**: ruling lines that touch make one table. The x-positions of its
//!   vertical rules are the column boundaries, the y-positions of its horizontal rules
//!   the row boundaries; two neighbouring grid cells are one (merged) cell where no rule
//!   separates them. Glyphs go to the cell their centre falls in; a cell's lines are
//!   joined (without a space between Chinese characters, with a newline where a line
//!   ended short of the cell's edge although the next word would have fitted). Each
//!   grid row is a row of [`Block::Table`]; a merged cell's text stands at its first
//!   position and the other positions it covers are empty, as the .docx and HTML
//!   readers resolve merged cells. Grouping the rules compares each with those
//!   overlapping it along one axis, the axis with fewer such pairs; the pairs of a
//!   document are budgeted ([`MAX_RULE_PAIRS`]), and a page past the budget is read
//!   without tables and counted.
//! - **Pages**: a table that ends a page and one with the same columns that opens the
//!   next are one table; the next page's repetition of the header row is left out, and
//!   a cell left open at the page's foot (no rule under it) goes on in the first row of
//!   the next page.
//! - **Running heads and feet**: the first and last lines of a page, in its top or
//!   bottom band, are dropped when they repeat on other pages (digits aside) or are a
//!   page number (`— 3 —`, `第3页`, `3/8`).
//! - **Paragraphs**: lines outside tables are joined into paragraphs; a new one starts
//!   at an indented or centred line, after a line that ended short although the next
//!   line's first word would have fitted, after a wider vertical gap, or at a change of
//!   font size. A paragraph runs on across a page break.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::content::{Glyph, PageContent, Rect};
use crate::ingest::Block;

/// Rules thinner than this (points) are ruling lines.
const RULE_MAX: f64 = 2.5;
/// Positions closer than this (points) are one boundary.
const SNAP: f64 = 2.0;
/// At most this many rules of a page are considered for tables.
const MAX_RULES: usize = 20_000;
/// A grid of more cells than this is no table of a notice.
const MAX_GRID_CELLS: usize = 20_000;
/// The most pairs of ruling lines compared, over a whole document, to group them into
/// tables (a page of a ruled task table compares a few hundred). A page whose pairs no
/// longer fit is read without tables, and counted.
pub(crate) const MAX_RULE_PAIRS: usize = 20_000_000;

/// A page as the layout sees it: y grows downwards from the page's top.
pub(crate) struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rect>,
}

impl Page {
    /// Converts interpreted content (PDF space, y upwards) to top-down coordinates.
    pub(crate) fn new(content: PageContent, media: [f64; 4]) -> Page {
        let top = media[3];
        let glyphs = content
            .glyphs
            .into_iter()
            .filter(|g| g.size.is_finite() && g.x0.is_finite() && g.y.is_finite())
            .map(|g| Glyph {
                y: top - g.y,
                x0: g.x0 - media[0],
                x1: g.x1 - media[0],
                ..g
            })
            .collect();
        let rules = content
            .rules
            .into_iter()
            .filter(|r| {
                r.x0.is_finite() && r.y0.is_finite() && r.x1.is_finite() && r.y1.is_finite()
            })
            .map(|r| Rect {
                x0: r.x0 - media[0],
                x1: r.x1 - media[0],
                y0: top - r.y1,
                y1: top - r.y0,
            })
            .collect();
        Page {
            width: (media[2] - media[0]).max(1.0),
            height: (media[3] - media[1]).max(1.0),
            glyphs,
            rules,
        }
    }
}

/// One line of text.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// Width of the line's first word (an ASCII run, or one character).
    first_word: f64,
}

/// A table of one page, or of several once joined.
#[derive(Debug, Clone)]
struct Table {
    xs: Vec<f64>,
    top: f64,
    /// Grid rows of slots.
    rows: Vec<Vec<Slot>>,
    /// For the last row: is each column's cell open at its foot (no rule under it)?
    open_foot: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Text(String),
    /// Covered by the merged cell whose text stands at (row, column).
    Covered(usize, usize),
}

enum Item {
    Line(Line),
    Table(Table),
}

/// The blocks of a document's pages.
pub(crate) fn blocks(pages: Vec<Page>) -> Vec<Block> {
    blocks_counted(pages).0
}

/// The blocks of a document's pages, and how many pages were read without tables
/// because comparing their ruling lines would pass [`MAX_RULE_PAIRS`].
pub(crate) fn blocks_counted(pages: Vec<Page>) -> (Vec<Block>, usize) {
    let mut per_page: Vec<Vec<Item>> = Vec::with_capacity(pages.len());
    let mut heights = Vec::with_capacity(pages.len());
    let mut pairs_left = MAX_RULE_PAIRS;
    let mut unruled = 0;
    for page in pages {
        heights.push(page.height);
        per_page.push(page_items(page, &mut pairs_left, &mut unruled));
    }
    drop_running_lines(&mut per_page, &heights);
    (join(per_page), unruled)
}

fn page_items(page: Page, pairs_left: &mut usize, unruled: &mut usize) -> Vec<Item> {
    let mut tables = find_tables(&page.rules, pairs_left).unwrap_or_else(|| {
        *unruled += 1;
        Vec::new()
    });
    // Glyphs into table cells, or free.
    let mut cell_glyphs: Vec<BTreeMap<(usize, usize), Vec<Glyph>>> =
        vec![BTreeMap::new(); tables.len()];
    let mut free = Vec::new();
    for g in page.glyphs {
        if g.text.is_empty() {
            continue;
        }
        let cx = (g.x0 + g.x1) / 2.0;
        // The top of the glyph decides: a line whose box starts inside a cell cut by the
        // page's foot belongs to it although its baseline falls below the cut.
        let cy = g.y - g.size * 0.7;
        let hit = tables.iter().enumerate().find_map(|(t, grid)| {
            let c = grid.xs.windows(2).position(|w| cx >= w[0] && cx < w[1])?;
            let r = grid.ys.windows(2).position(|w| cy >= w[0] && cy < w[1])?;
            Some((t, grid.anchor[r][c]))
        });
        match hit {
            Some((t, at)) => cell_glyphs[t].entry(at).or_default().push(g),
            None => free.push(g),
        }
    }
    let mut items: Vec<Item> = lines(free).into_iter().map(Item::Line).collect();
    for (t, grid) in tables.drain(..).enumerate() {
        let mut rows = Vec::with_capacity(grid.ys.len().saturating_sub(1));
        for (r, row) in grid.anchor.iter().enumerate() {
            let mut slots = Vec::with_capacity(row.len());
            for (c, &at) in row.iter().enumerate() {
                if at == (r, c) {
                    let right = grid.xs[grid.extent[r][c] + 1];
                    let text = cell_glyphs[t]
                        .remove(&at)
                        .map(|gs| cell_text(&lines(gs), right))
                        .unwrap_or_default();
                    slots.push(Slot::Text(text));
                } else {
                    slots.push(Slot::Covered(at.0, at.1));
                }
            }
            rows.push(slots);
        }
        items.push(Item::Table(Table {
            xs: grid.xs,
            top: grid.ys[0],
            rows,
            open_foot: grid.open_foot,
        }));
    }
    items.sort_by(|a, b| item_top(a).total_cmp(&item_top(b)));
    items
}

fn item_top(i: &Item) -> f64 {
    match i {
        Item::Line(l) => l.y - l.size,
        Item::Table(t) => t.top,
    }
}

/// A table's grid as found on a page.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// For each grid position, the (row, column) of its merged cell's first position.
    anchor: Vec<Vec<(usize, usize)>>,
    /// For each anchor position, the last column its cell covers.
    extent: Vec<Vec<usize>>,
    open_foot: Vec<bool>,
}

/// The tables the ruling lines of a page draw; `None` when grouping them would compare
/// more pairs than are left of the document's `pairs_left`.
fn find_tables(rules: &[Rect], pairs_left: &mut usize) -> Option<Vec<Grid>> {
    let rules: Vec<Rect> = rules
        .iter()
        .filter(|r| {
            let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
            (h <= RULE_MAX && w >= 2.0) || (w <= RULE_MAX && h >= 2.0)
        })
        .take(MAX_RULES)
        .copied()
        .collect();
    // Rules that touch are one group (union-find over a sweep along one axis). The
    // sweep compares each rule with those overlapping it along the axis: stacked
    // horizontal rules all overlap along x, side-by-side vertical ones along y, so the
    // pairs of each axis are counted first (a binary search per rule) and the axis with
    // fewer is swept, within the budget.
    let n = rules.len();
    let along_x = |r: &Rect| (r.x0, r.x1);
    let along_y = |r: &Rect| (r.y0, r.y1);
    let (order_x, pairs_x) = sweep_order(&rules, along_x);
    let (order_y, pairs_y) = sweep_order(&rules, along_y);
    let use_x = pairs_x <= pairs_y;
    let (order, pairs) = if use_x {
        (order_x, pairs_x)
    } else {
        (order_y, pairs_y)
    };
    let span: &dyn Fn(&Rect) -> (f64, f64) = if use_x { &along_x } else { &along_y };
    if pairs > *pairs_left {
        return None;
    }
    *pairs_left -= pairs;
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if span(&rules[j]).0 > span(&rules[i]).1 + SNAP {
                break;
            }
            let (a, b) = (&rules[i], &rules[j]);
            if a.x0 <= b.x1 + SNAP
                && b.x0 <= a.x1 + SNAP
                && a.y0 <= b.y1 + SNAP
                && b.y0 <= a.y1 + SNAP
            {
                let (ra, rb) = (find(&mut parent, i), find(&mut parent, j));
                if ra != rb {
                    parent[ra] = rb;
                }
            }
        }
    }
    // Groups keyed by their first rule, so their order does not depend on the axis.
    let mut first: BTreeMap<usize, usize> = BTreeMap::new();
    let mut groups: BTreeMap<usize, Vec<Rect>> = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        let key = *first.entry(root).or_insert(i);
        groups.entry(key).or_default().push(*rule);
    }
    Some(groups.into_values().filter_map(|g| grid(&g)).collect())
}

/// The rules' indices sorted by where they start along an axis (`span` gives a rule's
/// start and end), and how many pairs a sweep in that order compares: for each rule,
/// the rules after it that start before it ends (and [`SNAP`]).
fn sweep_order(rules: &[Rect], span: impl Fn(&Rect) -> (f64, f64)) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by(|&a, &b| span(&rules[a]).0.total_cmp(&span(&rules[b]).0));
    let starts: Vec<f64> = order.iter().map(|&i| span(&rules[i]).0).collect();
    let pairs = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let end = span(&rules[i]).1 + SNAP;
            starts
                .partition_point(|&s| s.total_cmp(&end).is_le())
                .saturating_sub(k + 1)
        })
        .fold(0usize, usize::saturating_add);
    (order, pairs)
}

fn snap(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, k)) if x - *m / *k as f64 <= SNAP => {
                *m += x;
                *k += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, k)| m / k as f64).collect()
}

fn grid(rules: &[Rect]) -> Option<Grid> {
    let (vs, hs): (Vec<&Rect>, Vec<&Rect>) = rules.iter().partition(|r| r.x1 - r.x0 <= RULE_MAX);
    let xs = snap(vs.iter().map(|r| (r.x0 + r.x1) / 2.0).collect());
    let mut ys = snap(hs.iter().map(|r| (r.y0 + r.y1) / 2.0).collect());
    if xs.len() < 2 || ys.is_empty() {
        return None;
    }
    // A table cut by the page's foot has vertical rules below its last horizontal one.
    let bottom = vs.iter().map(|r| r.y1).fold(f64::NEG_INFINITY, f64::max);
    let top = vs.iter().map(|r| r.y0).fold(f64::INFINITY, f64::min);
    if bottom > ys[ys.len() - 1] + SNAP * 2.0 {
        ys.push(bottom);
    }
    if top < ys[0] - SNAP * 2.0 {
        ys.insert(0, top);
    }
    if ys.len() < 2 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    if nr * nc > MAX_GRID_CELLS {
        return None;
    }
    // Rules by the boundary they stand on, so that a lookup scans one boundary's rules.
    let bucket = |lines: &[f64], at: f64| lines.iter().position(|&l| (l - at).abs() <= SNAP);
    let mut v_by: Vec<Vec<&Rect>> = vec![Vec::new(); xs.len()];
    for r in &vs {
        if let Some(k) = bucket(&xs, (r.x0 + r.x1) / 2.0) {
            v_by[k].push(r);
        }
    }
    let mut h_by: Vec<Vec<&Rect>> = vec![Vec::new(); ys.len()];
    for r in &hs {
        if let Some(k) = bucket(&ys, (r.y0 + r.y1) / 2.0) {
            h_by[k].push(r);
        }
    }
    // Is boundary `k` ruled at this point?
    let v_at = |k: usize, y: f64| v_by[k].iter().any(|r| r.y0 - SNAP <= y && y <= r.y1 + SNAP);
    let h_at = |k: usize, x: f64| h_by[k].iter().any(|r| r.x0 - SNAP <= x && x <= r.x1 + SNAP);
    // Union-find over grid positions.
    let idx = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    fn union(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            p[hi] = lo;
        }
    }
    for r in 0..nr {
        let my = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let mx = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < nc && !v_at(c + 1, my) {
                union(&mut parent, idx(r, c), idx(r, c + 1));
            }
            if r + 1 < nr && !h_at(r + 1, mx) {
                union(&mut parent, idx(r, c), idx(r + 1, c));
            }
        }
    }
    let mut anchor = vec![vec![(0, 0); nc]; nr];
    let mut extent = vec![vec![0; nc]; nr];
    for (r, row) in anchor.iter_mut().enumerate() {
        for (c, slot) in row.iter_mut().enumerate() {
            let root = find(&mut parent, idx(r, c));
            let at = (root / nc, root % nc);
            *slot = at;
            extent[at.0][at.1] = extent[at.0][at.1].max(c);
        }
    }
    let open_foot = (0..nc)
        .map(|c| !h_at(nr, (xs[c] + xs[c + 1]) / 2.0))
        .collect();
    Some(Grid {
        xs,
        ys,
        anchor,
        extent,
        open_foot,
    })
}

/// Glyphs → lines, top to bottom.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= 0.4 * g.size.max(line[0].size) => line.push(g),
            _ => groups.push(vec![g]),
        }
    }
    groups
        .into_iter()
        .map(|mut gs| {
            gs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let size = gs.iter().map(|g| g.size).fold(0.0, f64::max);
            let mut text = String::new();
            let mut prev_x1: Option<f64> = None;
            for g in &gs {
                if let Some(px) = prev_x1
                    && g.x0 - px > size / 3.0
                    && !text.ends_with(' ')
                    && !g.text.starts_with(' ')
                {
                    text.push(' ');
                }
                text.push_str(&g.text);
                prev_x1 = Some(g.x1);
            }
            let first_word = unbreakable_head(&gs);
            Line {
                text: text.trim().to_string(),
                x0: gs[0].x0,
                x1: gs.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max),
                y: gs[0].y,
                size,
                first_word,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// Width of what a line break cannot split off the head of a line: opening brackets
/// and quotes with the character after them, an ASCII word, and the closing
/// punctuation after it (a browser or word processor never starts a line with `，`).
fn unbreakable_head(gs: &[Glyph]) -> f64 {
    let is = |k: usize, f: fn(char) -> bool| {
        gs.get(k)
            .is_some_and(|g| !g.text.is_empty() && g.text.chars().all(f))
    };
    let mut k = 0;
    while k + 1 < gs.len() && is(k, |c| crate::lexicon::OPENING_PUNCT.contains(c)) {
        k += 1;
    }
    if is(k, |c| c.is_ascii_alphanumeric()) {
        while is(k + 1, |c| c.is_ascii_alphanumeric() || c == '.' || c == '%') {
            k += 1;
        }
    }
    while is(k + 1, |c| crate::lexicon::CLOSING_PUNCT.contains(c)) {
        k += 1;
    }
    gs[k].x1 - gs[0].x0
}

/// How two wrapped pieces of text join: a space between two ASCII words, else nothing.
fn push_joined(out: &mut String, next: &str) {
    let a = out.chars().last();
    let b = next.chars().next();
    if let (Some(a), Some(b)) = (a, b)
        && a.is_ascii_alphanumeric()
        && b.is_ascii_alphanumeric()
    {
        out.push(' ');
    }
    out.push_str(next);
}

/// Did `line` end short although `next`'s first word would have fitted before `right`?
fn ended_short(line: &Line, next: &Line, right: f64) -> bool {
    line.x1 + next.first_word + 0.25 * line.size < right
}

fn cell_text(lines: &[Line], right: f64) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            if ended_short(&lines[i - 1], l, right - 2.0) {
                out.push('\n');
                out.push_str(&l.text);
            } else {
                push_joined(&mut out, &l.text);
            }
        } else {
            out.push_str(&l.text);
        }
    }
    out
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[-—–－·一~_=\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－·一~_=\s]*$|^(?:page|Page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$",
    )
    .expect("valid regex")
});

/// Are two texts one text but for a few characters misread (by OCR)? Whitespace aside,
/// equal, or of two characters or more and at most one edit in four characters apart
/// (one in a header word of two to seven). A running head read from each page of a scan,
/// or a table's header row repeated on the next page, is read a little differently each
/// time.
pub(crate) fn nearly_equal(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (a, b) = (squeeze(a), squeeze(b));
    if a == b {
        return true;
    }
    let n = a.chars().count().max(b.chars().count());
    if a.is_empty() || b.is_empty() || n < 2 {
        return false;
    }
    strsim::levenshtein(&a, &b) <= (n / 4).max(1)
}

fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drops running heads and feet: per page up to two lines at the top (before any
/// table, in the top 15% of the page) and at the foot (after any table, in the bottom
/// 15%) that are a page number or repeat, digits aside, on another page at that place
/// ([`nearly_equal`]: a scan's running head is misread differently on each page).
fn drop_running_lines(pages: &mut [Vec<Item>], heights: &[f64]) {
    for _ in 0..2 {
        let head = |items: &Vec<Item>, h: f64| match items.first() {
            Some(Item::Line(l)) if l.y < h * 0.15 => Some(normalized(&l.text)),
            _ => None,
        };
        let foot = |items: &Vec<Item>, h: f64| match items.last() {
            Some(Item::Line(l)) if l.y > h * 0.85 => Some(normalized(&l.text)),
            _ => None,
        };
        let heads: Vec<Option<String>> = pages
            .iter()
            .zip(heights)
            .map(|(p, &h)| head(p, h))
            .collect();
        let feet: Vec<Option<String>> = pages
            .iter()
            .zip(heights)
            .map(|(p, &h)| foot(p, h))
            .collect();
        let repeats = |all: &[Option<String>], i: usize| {
            let Some(t) = &all[i] else { return false };
            all.iter()
                .enumerate()
                .any(|(j, o)| j != i && o.as_ref().is_some_and(|o| nearly_equal(o, t)))
        };
        let number = |items: &Vec<Item>, first: bool| {
            let l = if first { items.first() } else { items.last() };
            matches!(l, Some(Item::Line(l)) if PAGE_NUMBER.is_match(&l.text))
        };
        for i in 0..pages.len() {
            let drop_foot = feet[i].is_some() && (repeats(&feet, i) || number(&pages[i], false));
            let drop_head = heads[i].is_some() && (repeats(&heads, i) || number(&pages[i], true));
            if drop_foot {
                pages[i].pop();
            }
            if drop_head {
                pages[i].remove(0);
            }
        }
    }
}

/// Pages of items → blocks: tables joined across page breaks, lines into paragraphs.
fn join(pages: Vec<Vec<Item>>) -> Vec<Block> {
    // Margins of the body text: the commonest left edge and the right edge most lines
    // reach.
    let free: Vec<&Line> = pages
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let mut lefts: BTreeMap<i64, usize> = BTreeMap::new();
    for l in &free {
        *lefts.entry(l.x0.round() as i64).or_default() += 1;
    }
    let left = lefts
        .iter()
        .max_by_key(|(x, n)| (**n, -**x))
        .map_or(0.0, |(x, _)| *x as f64);
    let mut rights: Vec<f64> = free.iter().map(|l| l.x1).collect();
    rights.sort_by(f64::total_cmp);
    let right = rights
        .get(
            rights
                .len()
                .saturating_sub(1)
                .saturating_sub(rights.len() / 20),
        )
        .copied()
        .unwrap_or(0.0);

    let mut out: Vec<Block> = Vec::new();
    let mut para: Option<(String, Line)> = None;
    let mut table: Option<Table> = None;
    let flush_para = |para: &mut Option<(String, Line)>, out: &mut Vec<Block>| {
        if let Some((text, _)) = para.take() {
            out.push(Block::Para(text));
        }
    };
    let flush_table = |table: &mut Option<Table>, out: &mut Vec<Block>| {
        if let Some(t) = table.take() {
            out.push(Block::Table(resolve(t)));
        }
    };
    for page in pages {
        let mut first_on_page = true;
        for item in page {
            match item {
                Item::Table(t) => {
                    flush_para(&mut para, &mut out);
                    match table.take() {
                        Some(prev) if first_on_page && same_columns(&prev, &t) => {
                            table = Some(continue_table(prev, t));
                        }
                        prev => {
                            flush_table(&mut Some(prev).flatten(), &mut out);
                            table = Some(t);
                        }
                    }
                }
                Item::Line(l) => {
                    flush_table(&mut table, &mut out);
                    let new = match &para {
                        None => true,
                        Some((_, prev)) => {
                            let gap = l.y - prev.y;
                            l.x0 > left + 0.6 * l.size
                                || ended_short(prev, &l, right)
                                || (!first_on_page && gap > 2.2 * l.size.max(prev.size))
                                || (!first_on_page && gap < 0.0)
                                || (l.size - prev.size).abs() > 0.15 * prev.size
                        }
                    };
                    if new {
                        flush_para(&mut para, &mut out);
                        para = Some((l.text.clone(), l));
                    } else if let Some((text, last)) = &mut para {
                        push_joined(text, &l.text);
                        *last = l;
                    }
                }
            }
            first_on_page = false;
        }
    }
    flush_para(&mut para, &mut out);
    flush_table(&mut table, &mut out);
    out
}

fn same_columns(a: &Table, b: &Table) -> bool {
    a.xs.len() == b.xs.len()
        && a.xs
            .iter()
            .zip(&b.xs)
            .all(|(x, y)| (x - y).abs() <= SNAP * 2.0)
}

fn slot_text(s: &Slot) -> &str {
    match s {
        Slot::Text(t) => t,
        Slot::Covered(..) => "",
    }
}

/// Appends the next page's part of a table: its repeated header row left out, cells
/// left open at the foot of the page continued by the first row below.
fn continue_table(mut prev: Table, mut next: Table) -> Table {
    let offset = prev.rows.len();
    // The header row repeated, read alike cell by cell (a scan's repetition may differ by
    // a misread character).
    let header_repeated = match (prev.rows.first(), next.rows.first()) {
        (Some(h), Some(r)) => {
            h.len() == r.len()
                && h.iter().zip(r).all(|(a, b)| {
                    let (a, b) = (slot_text(a), slot_text(b));
                    a.trim().is_empty() == b.trim().is_empty() && nearly_equal(a, b)
                })
                && r.iter().any(|s| !slot_text(s).is_empty())
                && next.rows.len() > 1
        }
        _ => false,
    };
    let skip = usize::from(header_repeated);
    // Re-point covered slots at the joined table's rows.
    let mut rows: Vec<Vec<Slot>> = next
        .rows
        .drain(skip..)
        .map(|row| {
            row.into_iter()
                .map(|s| match s {
                    Slot::Covered(r, c) => Slot::Covered(r - skip + offset, c),
                    t => t,
                })
                .collect()
        })
        .collect();
    if let (Some(last), Some(first)) = (prev.rows.last().cloned(), rows.first().cloned()) {
        let mut moved: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
        for c in 0..first.len().min(last.len()) {
            if !prev.open_foot.get(c).copied().unwrap_or(false) {
                continue;
            }
            let at = match &last[c] {
                Slot::Covered(r, cc) => (*r, *cc),
                Slot::Text(_) => (offset - 1, c),
            };
            match &first[c] {
                Slot::Text(t) => {
                    if let Slot::Text(anchor) = &mut prev.rows[at.0][at.1]
                        && !t.is_empty()
                    {
                        push_joined(anchor, t);
                    }
                    moved.insert((offset, c), at);
                    rows[0][c] = Slot::Covered(at.0, at.1);
                }
                Slot::Covered(..) => {}
            }
        }
        // Slots further down that pointed at a moved cell point at its new anchor.
        for row in rows.iter_mut() {
            for s in row.iter_mut() {
                if let Slot::Covered(r, c) = s
                    && let Some(&(nr, nc)) = moved.get(&(*r, *c))
                {
                    *s = Slot::Covered(nr, nc);
                }
            }
        }
        // A first row left with no text of its own was the rest of the row above.
        if rows[0].iter().all(|s| matches!(s, Slot::Covered(..))) {
            rows.remove(0);
            for row in rows.iter_mut() {
                for s in row.iter_mut() {
                    if let Slot::Covered(r, _) = s
                        && *r > offset
                    {
                        *r -= 1;
                    }
                }
            }
        }
    }
    prev.rows.extend(rows);
    prev.open_foot = next.open_foot;
    prev
}

/// A table's rows of cell texts, covered positions empty; rows left with no text at
/// all (a row's empty rest after a page break) left out.
fn resolve(t: Table) -> Vec<Vec<String>> {
    t.rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|s| slot_text(&s).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|row| row.iter().any(|c| !c.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` horizontal rules stacked 3 points apart (overlapping along x), and, when
    /// `vertical`, as many vertical ones side by side (overlapping along y); none touch.
    fn stacked(n: usize, vertical: bool) -> Vec<Rect> {
        let mut rules: Vec<Rect> = (0..n)
            .map(|k| {
                let y = 3.0 * k as f64;
                Rect {
                    x0: 0.0,
                    x1: 500.0,
                    y0: y,
                    y1: y + 0.5,
                }
            })
            .collect();
        if vertical {
            rules.extend((0..n).map(|k| {
                let x = 1000.0 + 3.0 * k as f64;
                Rect {
                    x0: x,
                    x1: x + 0.5,
                    y0: -1000.0,
                    y1: -500.0,
                }
            }));
        }
        rules
    }

    #[test]
    fn overlapping_rules_are_swept_along_the_axis_with_fewer_pairs() {
        // Stacked horizontal rules: 12.5 million pairs along x, none along y.
        let mut left = MAX_RULE_PAIRS;
        let tables = find_tables(&stacked(5000, false), &mut left).unwrap();
        assert!(tables.is_empty());
        assert_eq!(left, MAX_RULE_PAIRS);
        assert_eq!(
            sweep_order(&stacked(5000, false), |r| (r.x0, r.x1)).1,
            5000 * 4999 / 2
        );
    }

    #[test]
    fn rules_overlapping_along_both_axes_are_charged_and_refused_past_the_budget() {
        // 12,497,500 pairs along either axis: the first page fits, the second does not.
        let rules = stacked(5000, true);
        let mut left = MAX_RULE_PAIRS;
        assert!(find_tables(&rules, &mut left).is_some());
        assert_eq!(left, MAX_RULE_PAIRS - 5000 * 4999 / 2);
        assert!(find_tables(&rules, &mut left).is_none());
        assert_eq!(
            left,
            MAX_RULE_PAIRS - 5000 * 4999 / 2,
            "a refused page costs nothing"
        );
    }

    #[test]
    fn the_budget_holds_the_longest_document_of_the_densest_corpus_page() {
        // Every page of the corpus PDFs (their tables ruled as Chromium prints them):
        // MAX_PAGES pages as dense as the densest still fit the pair budget.
        let mut densest = 0;
        for name in [
            "all-notices",
            "anhui-province-2022",
            "chizhou-city-2018",
            "chizhou-city-2021",
            "lezhi-county-2021",
        ] {
            let bytes = std::fs::read(format!("tests/data/pdf/{name}.pdf")).unwrap();
            let pages = super::super::positioned(name, &bytes, 64 << 20).unwrap();
            for p in &pages {
                let rules: Vec<Rect> = p
                    .rules
                    .iter()
                    .map(|r| Rect {
                        x0: r[0],
                        y0: r[1],
                        x1: r[2],
                        y1: r[3],
                    })
                    .collect();
                let mut left = MAX_RULE_PAIRS;
                assert!(find_tables(&rules, &mut left).is_some(), "{name}");
                densest = densest.max(MAX_RULE_PAIRS - left);
            }
        }
        eprintln!("densest corpus page: {densest} pairs");
        assert!(densest > 0, "the corpus has ruled tables");
        assert!(
            densest * super::super::MAX_PAGES <= MAX_RULE_PAIRS,
            "{densest} pairs a page"
        );
    }

    #[test]
    fn page_numbers() {
        for s in ["— 3 —", "-3-", "第3页", "3/8", "第 2 页 共 8 页", "12"] {
            assert!(PAGE_NUMBER.is_match(s), "{s}");
        }
        for s in ["3.做好公开", "2021年"] {
            assert!(!PAGE_NUMBER.is_match(s), "{s}");
        }
        // A scan's `— 3 —` read with other dashes.
        for s in ["一3一", "一 3 -", "~12~", "_4_"] {
            assert!(PAGE_NUMBER.is_match(s), "{s}");
        }
        for s in ["一、3项", "一3月"] {
            assert!(!PAGE_NUMBER.is_match(s), "{s}");
        }
    }

    #[test]
    fn texts_misread_by_a_character_or_so_are_nearly_equal() {
        assert!(nearly_equal("责任单位", "责任单住"));
        assert!(nearly_equal("序 号", "序号"));
        assert!(nearly_equal("序号", "序兮"));
        assert!(nearly_equal(
            "安徽省2022年政务公开重点工作任务分工",
            "安徽省2022年政务公开重点工作任各分エ"
        ));
        assert!(nearly_equal("", " "));
        assert!(!nearly_equal("1", "2"), "one character: only itself");
        assert!(!nearly_equal("责任单位", "时限要求"));
        assert!(
            !nearly_equal("责任单位", "任单"),
            "two edits in four characters"
        );
        assert!(!nearly_equal("序号", ""));
    }

    fn line_at(text: &str, y: f64) -> Item {
        Item::Line(Line {
            text: text.to_string(),
            x0: 90.0,
            x1: 500.0,
            y,
            size: 10.0,
            first_word: 10.0,
        })
    }

    #[test]
    fn running_heads_misread_on_each_page_are_dropped() {
        // Three pages of a scan: the running head read with a different error on each,
        // and the page number with other dashes; the body text stays.
        let heads = [
            "池州市2021年政务公开重点工作任务分工",
            "池州市2021年政务公开重点工作任各分工",
            "池洲市2021年政务公开重点工作任务分エ",
        ];
        let mut pages: Vec<Vec<Item>> = heads
            .iter()
            .enumerate()
            .map(|(n, h)| {
                vec![
                    line_at(h, 40.0),
                    line_at(&format!("正文第{n}页"), 300.0),
                    line_at(&format!("一 {} 一", n + 1), 800.0),
                ]
            })
            .collect();
        drop_running_lines(&mut pages, &[842.0; 3]);
        for (n, p) in pages.iter().enumerate() {
            let texts: Vec<&str> = p
                .iter()
                .map(|i| match i {
                    Item::Line(l) => l.text.as_str(),
                    Item::Table(_) => "",
                })
                .collect();
            assert_eq!(texts, [format!("正文第{n}页")], "page {n}");
        }
        // A first line that differs in more than a character in four is not a running head.
        let mut pages = vec![
            vec![
                line_at("关于做好政务公开工作的通知", 40.0),
                line_at("正文", 300.0),
            ],
            vec![
                line_at("关于做好信息化建设工作的意见", 40.0),
                line_at("正文", 300.0),
            ],
        ];
        drop_running_lines(&mut pages, &[842.0; 2]);
        assert!(pages.iter().all(|p| p.len() == 2));
    }

    #[test]
    fn wrapped_pieces_join_without_a_space_except_between_ascii_words() {
        let mut s = "主动公开".to_string();
        push_joined(&mut s, "规划");
        assert_eq!(s, "主动公开规划");
        let mut s = "PDF".to_string();
        push_joined(&mut s, "file");
        assert_eq!(s, "PDF file");
    }

    fn table(rows: Vec<Vec<Slot>>, open: Vec<bool>) -> Table {
        Table {
            xs: vec![0.0, 10.0, 20.0],
            top: 0.0,
            rows,
            open_foot: open,
        }
    }

    #[test]
    fn a_cell_open_at_the_foot_goes_on_below_the_repeated_header() {
        let t = |s: &str| Slot::Text(s.to_string());
        let head = vec![t("序号"), t("责任单位")];
        let prev = table(
            vec![head.clone(), vec![t("1"), t("县政府办、县")]],
            vec![false, true],
        );
        let next = table(
            vec![head, vec![t(""), t("财政局")], vec![t("2"), t("县教体局")]],
            vec![false, false],
        );
        let joined = resolve(continue_table(prev, next));
        assert_eq!(
            joined,
            vec![
                vec!["序号".to_string(), "责任单位".to_string()],
                vec!["1".to_string(), "县政府办、县财政局".to_string()],
                vec!["2".to_string(), "县教体局".to_string()],
            ]
        );
    }

    #[test]
    fn a_header_repeated_with_a_misread_character_is_left_out() {
        let t = |s: &str| Slot::Text(s.to_string());
        let prev = table(
            vec![
                vec![t("序号"), t("责任单位")],
                vec![t("1"), t("县政府办、县")],
            ],
            vec![false, true],
        );
        // The scan's repetition reads 责任单住; the cell open at the foot goes on below it.
        let next = table(
            vec![
                vec![t("序号"), t("责任单住")],
                vec![t(""), t("财政局")],
                vec![t("2"), t("县教体局")],
            ],
            vec![false, false],
        );
        let joined = resolve(continue_table(prev, next));
        assert_eq!(joined.len(), 3, "{joined:?}");
        assert_eq!(joined[1][1], "县政府办、县财政局");
        // A first row that is not the header (a task of the same shape) is kept.
        let prev = table(
            vec![vec![t("序号"), t("责任单位")], vec![t("1"), t("县财政局")]],
            vec![false, false],
        );
        let next = table(vec![vec![t("2"), t("县教体局")]], vec![false, false]);
        assert_eq!(resolve(continue_table(prev, next)).len(), 3);
    }
}
