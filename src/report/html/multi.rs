//! Chains and coverage runs as self-contained HTML pages.
//!
//! A chain becomes a *lineage view*: one row per top task, one column per level below,
//! each cell coloured by status (the colours of the compare report) and linking to the
//! tasks that carry it in a list of every level's tasks further down the page; a header
//! gives each level's notice metadata. A coverage run becomes a *heatmap*: upper tasks ×
//! localities, least covered requirements first, a coverage column and row, and buttons
//! (a few lines of inline JS) that sort the rows or the locality columns by coverage;
//! then coverage per locality and the notices that could not be read.
//!
//! Both pages come from templates beside this module (`chain.html`, `coverage.html`,
//! `head.html`), rendered by minijinja with HTML auto-escaping, so every notice text reaches
//! the page escaped. CSS and JS are inline; nothing is loaded from the network.

use std::io::{self, Write};

use minijinja::{Environment, value::Serde};
use serde::Serialize;

use super::compare::anchor;
use crate::model::{Chain, Coverage, Status, Via};
use crate::report::captions;
use crate::report::describe;
use crate::report::markdown::multi::{chain_cell, file_name, level_heading};
use crate::report::{Lang, RenderOptions, legend_label, report_label, short};

const CHAIN_TEMPLATE: &str = include_str!("chain.html");
const COVERAGE_TEMPLATE: &str = include_str!("coverage.html");
/// The page head and the CSS both pages share (status colours, tables, cards).
const HEAD_TEMPLATE: &str = include_str!("head.html");

fn render_template(
    name: &'static str,
    source: &'static str,
    view: &impl Serialize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut env = Environment::new();
    // Names end in .html, so minijinja escapes every interpolated value for HTML.
    env.add_template(name, source).map_err(io::Error::other)?;
    env.add_template("head.html", HEAD_TEMPLATE)
        .map_err(io::Error::other)?;
    let html = env
        .get_template(name)
        .map_err(io::Error::other)?
        .render(Serde(view))
        .map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

#[derive(Debug, Serialize)]
struct StatusKey {
    key: &'static str,
    legend: String,
}

fn statuses(list: &[Status]) -> Vec<StatusKey> {
    list.iter()
        .map(|&s| StatusKey {
            key: s.as_str(),
            legend: legend_label(s),
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct MetaRow {
    caption: &'static str,
    value: String,
}

/// The metadata rows shown for a notice.
fn meta(n: &crate::model::Notice, lang: Lang) -> Vec<MetaRow> {
    let none = || describe::NONE.to_string();
    let m = &n.meta;
    vec![
        MetaRow {
            caption: captions::of(lang).title,
            value: m.title.clone().unwrap_or_else(none),
        },
        MetaRow {
            caption: captions::of(lang).issuer,
            value: m.issuer.clone().unwrap_or_else(none),
        },
        MetaRow {
            caption: captions::of(lang).document_number,
            value: m.doc_number.clone().unwrap_or_else(none),
        },
        MetaRow {
            caption: captions::of(lang).date,
            value: m.date.clone().unwrap_or_else(none),
        },
        MetaRow {
            caption: captions::of(lang).level,
            value: describe::level(n),
        },
        MetaRow {
            caption: captions::of(lang).tasks,
            value: n.tasks.len().to_string(),
        },
        MetaRow {
            caption: captions::of(lang).file,
            value: describe::source_name(n),
        },
    ]
}

// ---- chain ----

#[derive(Debug, Serialize)]
struct ChainView {
    html_lang: &'static str,
    title: String,
    timestamp: Option<String>,
    warnings: Vec<String>,
    check_first: &'static str,
    /// The memo paragraph ([`crate::report::view::chain_memo`]) and its heading.
    memo: String,
    memo_heading: &'static str,
    /// The end-to-end figure: top tasks still there at the lowest level, of all, and its
    /// caption.
    end_to_end: String,
    end_to_end_caption: &'static str,
    /// The filter buttons over the lineage table: all, each status at the lowest level,
    /// in review.
    filters: Vec<FilterButton>,
    filter_caption: &'static str,
    search_caption: &'static str,
    shown_caption: &'static str,
    t: ChainCaptions,
    statuses: Vec<StatusKey>,
    /// The legend of the `?` a cell in review (待核实) carries.
    review_legend: String,
    /// Every level, top first, with its metadata and tasks.
    levels: Vec<LevelView>,
    rows: Vec<LineageRow>,
    summaries: Vec<LevelSummary>,
}

#[derive(Debug, Serialize)]
struct FilterButton {
    key: &'static str,
    label: String,
    count: usize,
    /// A status button shows the status colour.
    swatch: bool,
}

#[derive(Debug, Serialize)]
struct ChainCaptions {
    levels: &'static str,
    lineage: &'static str,
    lineage_note: &'static str,
    id: &'static str,
    requirement: &'static str,
    per_level: &'static str,
    against: &'static str,
    coverage: &'static str,
    carried: String,
    reworded: String,
    dropped: String,
    added: String,
    tasks_of: &'static str,
    direct: &'static str,
    direct_title: &'static str,
    generated: &'static str,
    colon: &'static str,
    none: &'static str,
}

#[derive(Debug, Serialize)]
struct LevelView {
    anchor: String,
    /// `L1 市级 (city)`.
    name: String,
    heading: String,
    /// Column heading in the lineage table.
    column: String,
    meta: Vec<MetaRow>,
    tasks: Vec<TaskView>,
}

#[derive(Debug, Serialize)]
struct TaskView {
    anchor: String,
    id: String,
    section: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct LineageRow {
    /// The status at the lowest level (what the filter buttons go by).
    final_status: &'static str,
    /// Some level's call needs review (待核实).
    review: bool,
    id: String,
    href: String,
    text: String,
    full: String,
    cells: Vec<LineageCell>,
}

#[derive(Debug, Serialize)]
struct LineageCell {
    status: &'static str,
    label: String,
    direct: bool,
    /// Plain-text description for the tooltip.
    title: String,
    links: Vec<TaskLink>,
}

#[derive(Debug, Serialize)]
struct TaskLink {
    id: String,
    href: String,
    /// The linked task's text, for the tooltip.
    text: String,
}

#[derive(Debug, Serialize)]
struct LevelSummary {
    name: String,
    coverage: String,
    carried: usize,
    reworded: usize,
    dropped: usize,
    added: usize,
}

fn task_anchor(level: usize, id: &str) -> String {
    anchor(&format!("L{level}-t"), id)
}

/// Writes a chain as an HTML lineage view.
pub fn chain(c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let levels: Vec<LevelView> = c
        .notices
        .iter()
        .enumerate()
        .map(|(k, n)| LevelView {
            anchor: format!("L{k}"),
            name: format!("L{k} {}", describe::level(n)),
            heading: describe::heading(n),
            column: level_heading(c, k),
            meta: meta(n, lang),
            tasks: n
                .tasks
                .iter()
                .map(|t| TaskView {
                    anchor: task_anchor(k, &t.id),
                    id: t.id.clone(),
                    section: t.section.join(" / "),
                    text: t.text.clone(),
                })
                .collect(),
        })
        .collect();
    let v = crate::report::view::chain(c);
    let rows = v
        .rows
        .iter()
        .map(|r| LineageRow {
            final_status: r.last.as_str(),
            review: r.review,
            id: r.id.to_string(),
            href: format!("#{}", task_anchor(0, r.id)),
            text: short(r.text, 48),
            full: r.text.to_string(),
            cells: r
                .cells
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let k = i + 1;
                    LineageCell {
                        status: cell.status.as_str(),
                        label: format!(
                            "{}{}",
                            report_label(cell.status, lang),
                            if cell.review { "?" } else { "" }
                        ),
                        direct: cell.via == Via::Direct,
                        title: chain_cell(cell, lang),
                        links: cell
                            .carriers
                            .iter()
                            .map(|&(id, task)| TaskLink {
                                id: id.to_string(),
                                href: format!("#{}", task_anchor(k, id)),
                                text: task.map(|t| short(&t.text, 120)).unwrap_or_default(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let summaries = v
        .levels
        .iter()
        .enumerate()
        .map(|(k, (n, s))| LevelSummary {
            name: format!("L{} → L{} {}", k, k + 1, n.display_name()),
            coverage: format!("{:.1}%", s.coverage_pct),
            carried: s.carried,
            reworded: s.reworded,
            dropped: s.dropped,
            added: s.added,
        })
        .collect();
    let view = ChainView {
        html_lang: captions::of(lang).html_lang,
        title: format!(
            "{}{}{}",
            captions::of(lang).chain_title,
            captions::of(lang).colon,
            describe::heading(&c.notices[0])
        ),
        timestamp: opts.timestamp.clone(),
        warnings: describe::warnings(&c.warnings, lang),
        check_first: describe::warnings_heading(lang),
        memo: crate::report::view::chain_memo(c, lang),
        memo_heading: crate::report::view::memo_heading(lang),
        end_to_end: {
            let (reached, total) = v.end_to_end;
            format!("{reached} / {total}")
        },
        end_to_end_caption: captions::of(lang).top_tasks_that_reach_the,
        filters: chain_filters(&v, lang),
        filter_caption: captions::of(lang).filter_by_the_lowest_level,
        search_caption: captions::of(lang).search_task_text,
        shown_caption: captions::of(lang).shown,
        t: ChainCaptions {
            levels: captions::of(lang).the_notices_level_by_level,
            lineage: captions::of(lang).each_top_task_down_the,
            lineage_note: captions::of(lang).click_an_id_to_read,
            id: captions::of(lang).id,
            requirement: captions::of(lang).top_task,
            per_level: captions::of(lang).per_level_against_the_level,
            against: captions::of(lang).level,
            coverage: captions::of(lang).coverage,
            carried: report_label(Status::Carried, lang),
            reworded: report_label(Status::Reworded, lang),
            dropped: report_label(Status::Dropped, lang),
            added: report_label(Status::Added, lang),
            tasks_of: captions::of(lang).the_tasks_of_every_level,
            direct: captions::of(lang).direct,
            direct_title: captions::of(lang).the_level_above_dropped_it,
            generated: captions::of(lang).generated,
            colon: captions::of(lang).colon,
            none: describe::NONE,
        },
        statuses: statuses(&[Status::Carried, Status::Reworded, Status::Dropped]),
        review_legend: format!("? {}", describe::review_label(lang)),
        levels,
        rows,
        summaries,
    };
    render_template("chain.html", CHAIN_TEMPLATE, &view, out)
}

/// The chain's filter buttons: all rows, each status at the lowest level, in review.
fn chain_filters(v: &crate::report::view::ChainView, lang: Lang) -> Vec<FilterButton> {
    let mut out = vec![FilterButton {
        key: "all",
        label: captions::of(lang).all.to_string(),
        count: v.rows.len(),
        swatch: false,
    }];
    for st in [Status::Carried, Status::Reworded, Status::Dropped] {
        out.push(FilterButton {
            key: st.as_str(),
            label: report_label(st, lang),
            count: v
                .rows
                .iter()
                .filter(|r| !r.cells.is_empty() && r.last == st)
                .count(),
            swatch: true,
        });
    }
    out.push(FilterButton {
        key: "review",
        label: describe::review_label(lang).to_string(),
        count: v.in_review(),
        swatch: false,
    });
    out
}

// ---- coverage ----

#[derive(Debug, Serialize)]
struct CoverageView {
    html_lang: &'static str,
    title: String,
    timestamp: Option<String>,
    warnings: Vec<String>,
    check_first: &'static str,
    /// The memo paragraph ([`crate::report::view::coverage_memo`]) and its heading.
    memo: String,
    memo_heading: &'static str,
    t: CoverageCaptions,
    statuses: Vec<StatusKey>,
    /// The legend of the `?` a cell in review (待核实) carries.
    review_legend: String,
    meta: Vec<MetaRow>,
    localities: Vec<LocalityView>,
    rows: Vec<HeatRow>,
    /// Upper tasks no locality carried or reworded.
    nobody: usize,
    failures: Vec<FailureView>,
}

#[derive(Debug, Serialize)]
struct CoverageCaptions {
    upper: &'static str,
    heatmap: &'static str,
    heatmap_note: &'static str,
    id: &'static str,
    requirement: &'static str,
    covered: &'static str,
    coverage: &'static str,
    sort_rows: &'static str,
    sort_cols: &'static str,
    per_locality: &'static str,
    locality: &'static str,
    file: &'static str,
    carried: String,
    reworded: String,
    dropped: String,
    added: String,
    nobody: &'static str,
    failures: &'static str,
    generated: &'static str,
    colon: &'static str,
    localities: &'static str,
    pairs: &'static str,
    pairs_note: &'static str,
    pair_report: &'static str,
    dropped_tasks: &'static str,
    review_tasks: &'static str,
    none: &'static str,
    back: &'static str,
}

/// The upper tasks of `l` that `keep` (status, in review) picks, in notice order, with
/// their anchors in the locality's section.
fn locality_tasks(
    cv: &crate::report::view::CoverageView,
    (col, list): (usize, char),
    lang: Lang,
    keep: impl Fn(Status, bool) -> bool,
) -> Vec<TaskLine> {
    cv.matrix
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let cell = r.cells.get(col)?;
            keep(cell.status, cell.review).then(|| TaskLine {
                anchor: locality_anchor(col, Some((list, i))),
                id: r.task.id.clone(),
                text: r.task.text.clone(),
                status: report_label(cell.status, lang),
            })
        })
        .collect()
}

/// A file name as one word of a shell command: quoted when it holds anything but
/// letters, digits and `._-/`.
fn shell_word(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}

/// A level as the locality sections name it: `市级` / `city`.
fn report_level(level: crate::model::Level, lang: Lang) -> String {
    match lang {
        Lang::Zh => level.zh().to_string(),
        Lang::En => level.as_str().to_string(),
    }
}

#[derive(Debug, Serialize)]
struct LocalityView {
    col: usize,
    name: String,
    file: String,
    /// The level and date of the lower notice, as the section names them.
    meta: String,
    /// The upper tasks this locality dropped: (anchor, id, text).
    dropped_tasks: Vec<TaskLine>,
    /// The upper tasks whose status for this locality needs review.
    review_tasks: Vec<TaskLine>,
    /// The command that writes this pair's own report.
    command: String,
    /// One decimal, for display and for sorting.
    coverage: String,
    carried: usize,
    reworded: usize,
    dropped: usize,
    added: usize,
}

/// One upper task in a locality's section, with the anchor its heatmap cell links to.
#[derive(Debug, Serialize)]
struct TaskLine {
    anchor: String,
    id: String,
    text: String,
    /// The status, worded (for the 待核实 list).
    status: String,
}

/// The anchor of a locality's section (`loc-3`), and of one upper task in its 未落实 list
/// (`loc-3-d12`, `list` `d`) or its 待核实 list (`loc-3-r12`, `list` `r`).
fn locality_anchor(col: usize, task: Option<(char, usize)>) -> String {
    match task {
        Some((list, i)) => format!("loc-{col}-{list}{i}"),
        None => format!("loc-{col}"),
    }
}

#[derive(Debug, Serialize)]
struct HeatRow {
    /// Position in the default order (least covered first), to restore it.
    order: usize,
    id: String,
    section: String,
    text: String,
    full: String,
    cells: Vec<HeatCell>,
    covered: usize,
    /// Share of localities carrying it, one decimal.
    coverage: String,
    nobody: bool,
}

#[derive(Debug, Serialize)]
struct HeatCell {
    col: usize,
    status: &'static str,
    /// Where the cell links: the task in the locality's section when it is listed there
    /// (dropped, or in review), else the section.
    href: String,
    /// One character: 原/改/未 or C/R/D, and `?` when the status needs review.
    mark: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct FailureView {
    file: String,
    error: String,
}

fn mark(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Carried, Lang::Zh) => "原",
        (Status::Reworded, Lang::Zh) => "改",
        (Status::Dropped, Lang::Zh) => "未",
        (Status::Added, Lang::Zh) => "新",
        (Status::Carried, Lang::En) => "C",
        (Status::Reworded, Lang::En) => "R",
        (Status::Dropped, Lang::En) => "D",
        (Status::Added, Lang::En) => "A",
    }
}

/// Writes a coverage run as an HTML heatmap.
pub fn coverage(c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let cv = crate::report::view::coverage(c);
    let n = c.localities.len();
    let localities: Vec<LocalityView> = c
        .localities
        .iter()
        .enumerate()
        .map(|(i, l)| LocalityView {
            col: i,
            name: l.name.clone(),
            file: file_name(&l.source),
            meta: [
                l.meta.level.map(|v| report_level(v, lang)),
                l.meta
                    .date
                    .clone()
                    .or_else(|| l.meta.year.map(|y| y.to_string())),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(captions::of(lang).comma),
            dropped_tasks: locality_tasks(&cv, (i, 'd'), lang, |s, _| s == Status::Dropped),
            review_tasks: locality_tasks(&cv, (i, 'r'), lang, |_, review| review),
            command: format!(
                "policydiff compare {} {} -o {}-{}.html",
                shell_word(&file_name(&c.upper.source)),
                shell_word(&file_name(&l.source)),
                describe::download_stem(&file_name(&l.source)),
                captions::of(lang).compare
            ),
            coverage: format!("{:.1}", l.summary.coverage_pct),
            carried: l.summary.carried,
            reworded: l.summary.reworded,
            dropped: l.summary.dropped,
            added: l.summary.added,
        })
        .collect();
    let rows: Vec<HeatRow> = cv
        .ranked
        .iter()
        .enumerate()
        .map(|(order, &(t, i))| {
            let covered = t.carried + t.reworded;
            HeatRow {
                order,
                id: t.id.clone(),
                section: t.section.join(" / "),
                text: short(&t.text, 40),
                full: t.text.clone(),
                cells: c
                    .localities
                    .iter()
                    .zip(cv.cells(i))
                    .enumerate()
                    .map(|(col, (l, cell))| {
                        let (s, review) = (cell.status, cell.review);
                        let (q, why) = if review {
                            ("?", format!(" · {}", describe::review_label(lang)))
                        } else {
                            ("", String::new())
                        };
                        let listed = match (s, review) {
                            (Status::Dropped, _) => i.map(|i| ('d', i)),
                            (_, true) => i.map(|i| ('r', i)),
                            _ => None,
                        };
                        HeatCell {
                            col,
                            status: s.as_str(),
                            href: locality_anchor(col, listed),
                            mark: format!("{}{q}", mark(s, lang)),
                            title: format!("{} · {}{}{why}", l.name, t.id, report_label(s, lang)),
                        }
                    })
                    .collect(),
                covered,
                coverage: format!(
                    "{:.1}",
                    if n == 0 {
                        0.0
                    } else {
                        covered as f64 * 100.0 / n as f64
                    }
                ),
                nobody: covered == 0,
            }
        })
        .collect();
    let view = CoverageView {
        html_lang: captions::of(lang).html_lang,
        title: format!(
            "{}{}{}",
            captions::of(lang).coverage_title,
            captions::of(lang).colon,
            describe::heading(&c.upper)
        ),
        timestamp: opts.timestamp.clone(),
        warnings: describe::warnings(&c.all_warnings(), lang),
        check_first: describe::warnings_heading(lang),
        memo: crate::report::view::coverage_memo(c, lang),
        memo_heading: crate::report::view::memo_heading(lang),
        t: CoverageCaptions {
            upper: captions::of(lang).upper_notice_heading,
            heatmap: captions::of(lang).heatmap,
            heatmap_note: captions::of(lang).rows_upper_tasks_least_covered,
            id: captions::of(lang).id,
            requirement: captions::of(lang).upper_requirement,
            covered: captions::of(lang).covered,
            coverage: captions::of(lang).coverage_pct,
            sort_rows: captions::of(lang).sort_tasks_by_coverage,
            sort_cols: captions::of(lang).sort_localities_by_coverage,
            per_locality: captions::of(lang).coverage_per_locality,
            locality: captions::of(lang).locality,
            file: captions::of(lang).file,
            carried: report_label(Status::Carried, lang),
            reworded: report_label(Status::Reworded, lang),
            dropped: report_label(Status::Dropped, lang),
            added: report_label(Status::Added, lang),
            nobody: captions::of(lang).tasks_no_locality_carried,
            failures: captions::of(lang).inputs_skipped,
            generated: captions::of(lang).generated,
            colon: captions::of(lang).colon,
            localities: captions::of(lang).lower_notices,
            pairs: captions::of(lang).each_locality,
            pairs_note: captions::of(lang).click_a_heatmap_cell_or,
            pair_report: captions::of(lang).this_pair_s_report,
            dropped_tasks: captions::of(lang).upper_tasks_dropped,
            review_tasks: captions::of(lang).upper_tasks_to_check,
            none: captions::of(lang).none,
            back: captions::of(lang).back_to_the_heatmap,
        },
        statuses: statuses(&[Status::Carried, Status::Reworded, Status::Dropped])
            .into_iter()
            .zip([Status::Carried, Status::Reworded, Status::Dropped])
            .map(|(mut k, s)| {
                k.legend = format!("{} {}", mark(s, lang), k.legend);
                k
            })
            .collect(),
        review_legend: format!("? {}", describe::review_label(lang)),
        meta: meta(&c.upper, lang),
        nobody: rows.iter().filter(|r| r.nobody).count(),
        localities,
        rows,
        failures: c
            .failures
            .iter()
            .map(|f| FailureView {
                file: file_name(&f.source),
                error: crate::report::errors::skipped(f, lang),
            })
            .collect(),
    };
    render_template("coverage.html", COVERAGE_TEMPLATE, &view, out)
}
