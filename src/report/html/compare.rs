//! The alignment as one self-contained HTML page: both notices' metadata, a summary with an
//! inline SVG chart of the statuses (overall and per upper section), and a side-by-side
//! view with one row per link, per dropped upper task and per added lower task —
//! deletions and insertions marked with `<del>`/`<ins>`, changes as badges, filter
//! buttons per status, a search box, an anchor for every task, print-friendly CSS.
//!
//! The page comes from the template `html/report.html` (embedded at build time) rendered
//! by minijinja with HTML auto-escaping on: this module builds a plain view model of
//! strings and numbers, and every notice text reaches the page escaped. CSS and JS are
//! inline; the page loads nothing from the network.

use std::collections::BTreeSet;
use std::io::{self, Write};

use minijinja::{Environment, value::Serde};
use serde::Serialize;

use crate::model::{Alignment, Candidate, Link, Origin, Review, Status, Task};
use crate::report::captions;
use crate::report::describe::{self, Piece};
use crate::report::{Lang, RenderOptions, legend_label, report_label};

/// The page template, kept beside this module.
const TEMPLATE: &str = include_str!("report.html");

/// Writes the HTML report.
pub fn render(a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let view = view(a, opts);
    let mut env = Environment::new();
    // The name ends in .html, so minijinja escapes every interpolated value for HTML.
    env.add_template("report.html", TEMPLATE)
        .map_err(io::Error::other)?;
    let tmpl = env.get_template("report.html").map_err(io::Error::other)?;
    let html = tmpl.render(Serde(&view)).map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// Everything the template shows, as strings and numbers.
#[derive(Debug, Serialize)]
struct View {
    html_lang: &'static str,
    title: String,
    upper_heading: String,
    lower_heading: String,
    meta: Vec<MetaRow>,
    timestamp: Option<String>,
    /// What to check before trusting the report ([`Alignment::warnings`]).
    warnings: Vec<String>,
    check_first: &'static str,
    /// The memo paragraph ([`crate::report::view::compare_memo`]) and its heading.
    memo: String,
    memo_heading: &'static str,
    /// Captions of the page, by key, in the report's language.
    t: Captions,
    statuses: Vec<StatusView>,
    coverage: String,
    chart: Vec<ChartRow>,
    sections: Vec<SectionView>,
    /// Upper tasks plus added lower tasks: what the "all" button and the counter count.
    task_count: usize,
    /// Upper tasks in review: what the review button counts.
    review_count: usize,
    /// The notices' content hashes: the pair the page's decisions belong to.
    upper_hash: String,
    lower_hash: String,
    /// The name of the overrides file the page downloads, after the pair.
    overrides_file: String,
    /// The decisions the alignment was made with, which the page starts from.
    preloaded: Vec<PreloadView>,
}

/// A decision the page was generated with.
#[derive(Debug, Serialize)]
struct PreloadView {
    upper: String,
    lower: String,
    verdict: &'static str,
    status: &'static str,
}

/// A rejected link shown on its upper task's row (已否定).
#[derive(Debug, Serialize)]
struct RejectedView {
    text: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct MetaRow {
    caption: &'static str,
    upper: String,
    lower: String,
}

#[derive(Debug, Serialize)]
struct StatusView {
    key: &'static str,
    label: String,
    legend: String,
    /// Tasks with this status (upper tasks; lower tasks for `added`), as in the summary.
    count: usize,
}

#[derive(Debug, Serialize)]
struct ChartRow {
    name: String,
    /// `#s-N` for a section, empty for the overall row.
    href: String,
    upper_tasks: usize,
    coverage: String,
    counts: Vec<usize>,
    bars: Vec<Bar>,
}

#[derive(Debug, Serialize)]
struct Bar {
    key: &'static str,
    label: String,
    count: usize,
    /// Position and width in a 0–100 box, two decimals.
    x: String,
    w: String,
}

#[derive(Debug, Serialize)]
struct SectionView {
    anchor: String,
    name: String,
    rows: Vec<RowView>,
}

#[derive(Debug, Serialize)]
struct RowView {
    anchor: String,
    /// The link's status (its label and colour).
    status: &'static str,
    /// The task this row belongs to (`u-ID`, or `l-ID` for an added lower task) and that
    /// task's status, which the filters and the counters go by: a split upper task has a
    /// row per link but is one task, of its best link's status, as in the summary.
    task: String,
    task_status: &'static str,
    label: String,
    subsection: Option<String>,
    upper: Option<SideView>,
    lower: Option<SideView>,
    score: Option<String>,
    badges: Vec<Badge>,
    clauses_missing: Vec<String>,
    /// For dropped and added tasks: the nearest tasks on the other side.
    nearest: Vec<CandidateView>,
    /// The upper task's status needs review (待核实).
    review: bool,
    /// 待核实 and why.
    review_reason: Option<String>,
    /// The upper task's confidence, two decimals; `None` on added rows.
    confidence: Option<String>,
    /// For dropped rows: every lower task to pick from, nearest first.
    pick: Vec<PickView>,
    /// Links of this upper task a reviewer rejected (on its first row).
    rejected: Vec<RejectedView>,
}

/// A lower task offered in a dropped row's picker.
#[derive(Debug, Serialize)]
struct PickView {
    id: String,
    /// The score and the opening of the text.
    text: String,
}

#[derive(Debug, Serialize)]
struct SideView {
    id: String,
    /// The element id of the task's anchor, on the first row that shows the task.
    anchor: Option<String>,
    href: String,
    pieces: Vec<PieceView>,
    deadline: String,
    units: String,
}

#[derive(Debug, Serialize)]
struct PieceView {
    kind: Piece,
    text: String,
}

#[derive(Debug, Serialize)]
struct Badge {
    kind: &'static str,
    text: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct CandidateView {
    id: String,
    href: String,
    score: String,
}

#[derive(Debug, Serialize)]
struct Captions {
    upper: &'static str,
    lower: &'static str,
    notices: &'static str,
    summary: &'static str,
    coverage: &'static str,
    coverage_note: &'static str,
    section: &'static str,
    upper_tasks: &'static str,
    overall: &'static str,
    aligned: &'static str,
    filter: &'static str,
    all: &'static str,
    search: &'static str,
    shown: &'static str,
    score: &'static str,
    deadline: &'static str,
    units: &'static str,
    nearest_lower: &'static str,
    nearest_upper: &'static str,
    no_lower: &'static str,
    no_upper: &'static str,
    clauses_missing: &'static str,
    legend: &'static str,
    legend_del: &'static str,
    legend_ins: &'static str,
    generated: &'static str,
    added_section: &'static str,
    permalink: &'static str,
    no_js: &'static str,
    chart: &'static str,
    colon: &'static str,
    review: &'static str,
    review_note: &'static str,
    confidence: &'static str,
    confirm: &'static str,
    reject: &'static str,
    pick: &'static str,
    download: &'static str,
    decisions: &'static str,
    download_note: &'static str,
    reviewer: &'static str,
    note: &'static str,
    label: &'static str,
    carried: String,
    reworded: String,
}

fn captions(lang: Lang) -> Captions {
    Captions {
        upper: captions::of(lang).upper,
        lower: captions::of(lang).lower_column,
        notices: captions::of(lang).the_two_notices,
        summary: captions::of(lang).summary,
        coverage: captions::of(lang).coverage_heading,
        coverage_note: captions::of(lang).carried_reworded_upper_tasks,
        section: captions::of(lang).upper_section_heading,
        upper_tasks: captions::of(lang).upper_tasks_heading,
        overall: captions::of(lang).all_sections,
        aligned: captions::of(lang).task_by_task,
        filter: captions::of(lang).filter_by_status,
        all: captions::of(lang).all_button,
        search: captions::of(lang).search_text_ids_units,
        shown: captions::of(lang).shown,
        score: captions::of(lang).score,
        deadline: captions::of(lang).deadline_heading,
        units: captions::of(lang).units,
        nearest_lower: captions::of(lang).nearest_lower_tasks,
        nearest_upper: captions::of(lang).nearest_upper_tasks,
        no_lower: captions::of(lang).no_lower_task_carries_this,
        no_upper: captions::of(lang).no_upper_task_asks_for,
        clauses_missing: captions::of(lang).clauses_not_covered,
        legend: captions::of(lang).legend,
        legend_del: captions::of(lang).upper_only,
        legend_ins: captions::of(lang).lower_only,
        generated: captions::of(lang).generated,
        added_section: captions::of(lang).added_lower_tasks,
        permalink: captions::of(lang).link_to_this_row,
        chart: captions::of(lang).statuses,
        colon: captions::of(lang).colon,
        no_js: captions::of(lang).filtering_and_search_need_javascript,
        review: describe::review_label(lang),
        review_note: describe::review_note(lang),
        confidence: captions::of(lang).confidence,
        confirm: captions::of(lang).confirm,
        reject: captions::of(lang).reject,
        pick: captions::of(lang).pick_the_lower_task_that,
        download: captions::of(lang).download_decisions_overrides_file,
        decisions: captions::of(lang).decisions,
        download_note: captions::of(lang).run_policydiff_compare_overrides_file,
        reviewer: captions::of(lang).reviewer,
        note: captions::of(lang).note,
        label: captions::of(lang).label,
        carried: report_label(Status::Carried, lang),
        reworded: report_label(Status::Reworded, lang),
    }
}

/// An element id made only of safe characters.
pub(crate) fn anchor(prefix: &str, id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{safe}")
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn chart_row(
    name: String,
    href: String,
    coverage: f64,
    counts: &[(Status, usize)],
    lang: Lang,
) -> ChartRow {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let mut x = 0.0;
    let mut bars = Vec::new();
    for &(st, n) in counts {
        let w = pct(n, total);
        if n > 0 {
            bars.push(Bar {
                key: st.as_str(),
                label: report_label(st, lang),
                count: n,
                x: format!("{x:.2}"),
                w: format!("{w:.2}"),
            });
        }
        x += w;
    }
    ChartRow {
        name,
        href,
        upper_tasks: counts
            .iter()
            .filter(|(s, _)| *s != Status::Added)
            .map(|(_, n)| n)
            .sum(),
        coverage: format!("{coverage:.1}%"),
        counts: counts.iter().map(|(_, n)| *n).collect(),
        bars,
    }
}

fn side(
    task: &Task,
    prefix: &str,
    seen: &mut BTreeSet<String>,
    pieces: Vec<PieceView>,
    lang: Lang,
) -> SideView {
    let a = anchor(prefix, &task.id);
    SideView {
        id: task.id.clone(),
        href: format!("#{a}"),
        anchor: seen.insert(a.clone()).then_some(a),
        pieces,
        deadline: describe::task_deadline(task),
        units: describe::task_units(task, lang),
    }
}

fn plain(text: &str) -> Vec<PieceView> {
    vec![PieceView {
        kind: Piece::Equal,
        text: text.to_string(),
    }]
}

/// The upper (equal + deleted) and lower (equal + inserted) pieces of a link's diff.
fn diff_sides(link: &Link) -> (Vec<PieceView>, Vec<PieceView>) {
    let (mut up, mut low) = (Vec::new(), Vec::new());
    for (kind, text) in describe::pieces(&link.diff) {
        let p = || PieceView {
            kind,
            text: text.to_string(),
        };
        match kind {
            Piece::Equal => {
                up.push(p());
                low.push(p());
            }
            Piece::Delete => up.push(p()),
            Piece::Insert => low.push(p()),
        }
    }
    (up, low)
}

fn badges(link: &Link, lang: Lang) -> Vec<Badge> {
    let mut out = Vec::new();
    if let Some(text) = describe::deadline_badge(&link.deadline_change, lang) {
        out.push(Badge {
            kind: "deadline",
            text,
            title: describe::deadline(&link.deadline_change, lang).unwrap_or_default(),
        });
    }
    if let Some(text) = describe::units_badge(&link.unit_change, lang) {
        out.push(Badge {
            kind: "units",
            text,
            title: describe::units(&link.unit_change, lang).unwrap_or_default(),
        });
    }
    for n in describe::changed_numbers(&link.number_changes) {
        out.push(Badge {
            kind: "number",
            text: format!("{}{}", captions::of(lang).number, describe::number(n, lang)),
            title: captions::of(lang).a_number_the_upper_text.to_string(),
        });
    }
    for s in &link.softened {
        out.push(Badge {
            kind: "softened",
            text: format!("{}{}", captions::of(lang).softened, describe::softening(s)),
            title: captions::of(lang).a_binding_word_above_became.to_string(),
        });
    }
    if let Some(c) = describe::clauses(link) {
        out.push(Badge {
            kind: "clauses",
            text: format!("{}{c}", captions::of(lang).clauses),
            title: captions::of(lang).upper_clauses_the_lower_text.to_string(),
        });
    }
    if let (Origin::Phrase, Some(text)) = (link.origin, describe::origin(link, lang)) {
        out.push(Badge {
            kind: "phrase",
            text,
            title: captions::of(lang).the_score_alone_would_leave.to_string(),
        });
    }
    if link.origin == Origin::Override {
        out.push(Badge {
            kind: "override",
            text: captions::of(lang).override_.to_string(),
            title: captions::of(lang).confirmed_or_added_by_an.to_string(),
        });
    }
    out
}

/// Nearest candidates as links to their rows (`prefix`: `l` for lower tasks, `u` for
/// upper ones).
fn candidates(c: &[Candidate], prefix: &str) -> Vec<CandidateView> {
    c.iter()
        .map(|c| CandidateView {
            id: c.id.clone(),
            href: format!("#{}", anchor(prefix, &c.id)),
            score: describe::score(c.score),
        })
        .collect()
}

/// Every lower task, for a dropped upper task's picker: its nearest candidates first (with
/// their scores), then the others in notice order.
fn pick(a: &Alignment, candidates: &[Candidate]) -> Vec<PickView> {
    let nearest: Vec<(String, f64)> = candidates.iter().map(|c| (c.id.clone(), c.score)).collect();
    let text = |lid: &str| {
        a.lower
            .task(lid)
            .map(|t| crate::report::short(&t.text, 24))
            .unwrap_or_default()
    };
    let mut out: Vec<PickView> = nearest
        .iter()
        .map(|(lid, sc)| PickView {
            id: lid.clone(),
            text: format!("({}) {}", describe::score(*sc), text(lid)),
        })
        .collect();
    for t in &a.lower.tasks {
        if !nearest.iter().any(|(lid, _)| *lid == t.id) {
            out.push(PickView {
                id: t.id.clone(),
                text: text(&t.id),
            });
        }
    }
    out
}

fn view(a: &Alignment, opts: &RenderOptions) -> View {
    let lang = opts.lang;
    let s = &a.summary;
    let statuses = [
        (Status::Carried, s.carried),
        (Status::Reworded, s.reworded),
        (Status::Dropped, s.dropped),
        (Status::Added, s.added),
    ];
    let mut chart = vec![chart_row(
        captions::of(lang).all_sections.to_string(),
        String::new(),
        s.coverage_pct,
        &statuses,
        lang,
    )];

    let mut seen = BTreeSet::new();
    let mut sections = Vec::new();
    let mut n = 0usize;
    let mut next_anchor = || {
        n += 1;
        format!("row-{n}")
    };
    let v = crate::report::view::compare(a, lang);
    for (i, (section, indexes)) in v.sections.iter().enumerate() {
        let sec_anchor = format!("s-{}", i + 1);
        if let Some(sum) = s.sections.iter().find(|x| x.section == *section) {
            chart.push(chart_row(
                describe::section_name(section, lang),
                format!("#{sec_anchor}"),
                sum.coverage_pct,
                &[
                    (Status::Carried, sum.carried),
                    (Status::Reworded, sum.reworded),
                    (Status::Dropped, sum.dropped),
                ],
                lang,
            ));
        }
        let mut rows = Vec::new();
        let mut sub: Option<&str> = None;
        for u in indexes.iter().map(|&i| &v.uppers[i]) {
            let task = u.task;
            let subsection = if describe::subsection_of(task) != sub {
                sub = describe::subsection_of(task);
                sub.map(String::from)
            } else {
                None
            };
            let confidence = u.confidence().map(|c| format!("{c:.2}"));
            if u.links.is_empty() {
                rows.push(RowView {
                    anchor: next_anchor(),
                    status: Status::Dropped.as_str(),
                    task: anchor("u", &task.id),
                    task_status: Status::Dropped.as_str(),
                    label: report_label(Status::Dropped, lang),
                    subsection,
                    upper: Some(side(task, "u", &mut seen, plain(&task.text), lang)),
                    lower: None,
                    score: None,
                    badges: Vec::new(),
                    clauses_missing: Vec::new(),
                    nearest: candidates(u.candidates, "l"),
                    review: u.review(),
                    review_reason: u.review_reason.clone(),
                    confidence,
                    pick: pick(a, u.candidates),
                    rejected: rejected(&u.rejected, lang),
                });
                continue;
            }
            let task_status = u.status.as_str();
            for (k, l) in u.links.iter().enumerate() {
                let link = l.link;
                let (up, low) = diff_sides(link);
                rows.push(RowView {
                    anchor: next_anchor(),
                    status: link.status.as_str(),
                    task: anchor("u", &task.id),
                    task_status,
                    label: report_label(link.status, lang),
                    subsection: if k == 0 { subsection.clone() } else { None },
                    upper: Some(side(task, "u", &mut seen, up, lang)),
                    lower: l.lower.map(|t| side(t, "l", &mut seen, low, lang)),
                    score: Some(describe::score(link.score)),
                    badges: badges(link, lang),
                    clauses_missing: link
                        .clauses
                        .iter()
                        .filter(|c| !c.covered)
                        .map(|c| c.clause.clone())
                        .collect(),
                    nearest: Vec::new(),
                    review: u.review(),
                    review_reason: u.review_reason.clone(),
                    confidence: confidence.clone(),
                    pick: Vec::new(),
                    rejected: if k == 0 {
                        rejected(&u.rejected, lang)
                    } else {
                        Vec::new()
                    },
                });
            }
        }
        sections.push(SectionView {
            anchor: sec_anchor,
            name: describe::section_name(section, lang),
            rows,
        });
    }
    let mut added_rows = Vec::new();
    for added in &v.added {
        let task = added.task;
        added_rows.push(RowView {
            anchor: next_anchor(),
            status: Status::Added.as_str(),
            task: anchor("l", &task.id),
            task_status: Status::Added.as_str(),
            label: report_label(Status::Added, lang),
            subsection: None,
            upper: None,
            lower: Some(side(task, "l", &mut seen, plain(&task.text), lang)),
            score: None,
            badges: Vec::new(),
            clauses_missing: Vec::new(),
            nearest: candidates(added.candidates, "u"),
            review: false,
            review_reason: None,
            confidence: None,
            pick: Vec::new(),
            rejected: Vec::new(),
        });
    }
    sections.push(SectionView {
        anchor: "s-added".into(),
        name: format!(
            "{} · {}",
            captions::of(lang).added_lower_tasks,
            legend_label(Status::Added)
        ),
        rows: added_rows,
    });
    let task_count = sections
        .iter()
        .flat_map(|s| &s.rows)
        .map(|r| &r.task)
        .collect::<BTreeSet<_>>()
        .len();
    let upper_heading = describe::heading(&a.upper);
    let lower_heading = describe::heading(&a.lower);
    View {
        html_lang: captions::of(lang).html_lang,
        title: format!(
            "{}{}{upper_heading} → {lower_heading}",
            captions::of(lang).implementation_comparison,
            captions::of(lang).colon
        ),
        upper_heading,
        lower_heading,
        meta: describe::meta_rows(a, lang)
            .into_iter()
            .map(|(caption, upper, lower)| MetaRow {
                caption,
                upper,
                lower,
            })
            .collect(),
        timestamp: opts.timestamp.clone(),
        warnings: describe::warnings(&a.warnings, lang),
        check_first: describe::warnings_heading(lang),
        memo: crate::report::view::compare_memo(a, lang),
        memo_heading: crate::report::view::memo_heading(lang),
        t: captions(lang),
        statuses: statuses
            .iter()
            .map(|&(st, count)| StatusView {
                key: st.as_str(),
                label: report_label(st, lang),
                legend: legend_label(st),
                count,
            })
            .collect(),
        coverage: format!("{:.1}%", s.coverage_pct),
        chart,
        review_count: s.review,
        sections,
        task_count,
        upper_hash: a.upper.content_hash(),
        lower_hash: a.lower.content_hash(),
        overrides_file: describe::overrides_file_name(a),
        preloaded: a
            .reviews
            .iter()
            .map(|r| PreloadView {
                upper: r.upper.clone(),
                lower: r.lower.clone(),
                verdict: r.verdict.as_str(),
                status: r.status.map_or("", |s| s.as_str()),
            })
            .collect(),
    }
}

/// The links of an upper task a reviewer rejected, as badges: 已否定 下级 9.
fn rejected(rejected: &[&Review], lang: Lang) -> Vec<RejectedView> {
    rejected
        .iter()
        .map(|r| RejectedView {
            text: describe::rejected(r, lang),
            title: describe::reviewed_by(r, lang),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_keep_only_safe_characters() {
        assert_eq!(anchor("u", "3-1"), "u-3-1");
        assert_eq!(anchor("l", "\"><x"), "l-___x");
    }

    #[test]
    fn template_parses() {
        let mut env = Environment::new();
        env.add_template("report.html", TEMPLATE).unwrap();
    }
}
