//! The workspace's own pages (the notice list with its upload form, a task's decision
//! history, the audit summary) and what `serve` adds to the report pages (a navigation
//! bar; heatmap cells that open their pair's report). Templates beside this file,
//! rendered by minijinja with HTML escaping on.

use minijinja::{Environment, value::Serde};
use serde::Serialize;
use serde_json::json;

use crate::model::{Alignment, Notice, Status};
use crate::report::{Lang, describe};

use super::store::HistoryRow;

const WORKSPACE: &str = include_str!("workspace.html");
const HISTORY: &str = include_str!("history.html");
const AUDIT: &str = include_str!("audit.html");

fn render(name: &str, template: &'static str, ctx: serde_json::Value) -> String {
    let mut env = Environment::new();
    // Names ending in .html: every interpolated value is escaped for HTML.
    let out = env
        .add_template(name, template)
        .and_then(|()| env.get_template(name))
        .and_then(|t| t.render(Serde(&ctx)));
    out.unwrap_or_else(|e| {
        format!(
            "<!DOCTYPE html><title>error</title><p>{}</p>",
            escape(&e.to_string())
        )
    })
}

/// Escapes text for HTML (element content and quoted attributes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One notice of the workspace as listed.
#[derive(Debug, Serialize)]
pub struct NoticeRow {
    pub file: String,
    pub original: String,
    pub heading: String,
    pub level: String,
    pub region: String,
    pub year: String,
    pub tasks: usize,
    pub hash: String,
}

impl NoticeRow {
    pub fn of(file: &str, original: &str, n: &Notice, hash: &str) -> NoticeRow {
        NoticeRow {
            file: file.to_string(),
            original: original.to_string(),
            heading: describe::heading(n),
            level: n.meta.level.map(|l| l.zh().to_string()).unwrap_or_default(),
            region: n.meta.region.clone().unwrap_or_default(),
            year: n.meta.year.map(|y| y.to_string()).unwrap_or_default(),
            tasks: n.tasks.len(),
            hash: hash.to_string(),
        }
    }
}

/// The workspace page: the upload form, the notices, and the views to open.
pub fn workspace(dir: &str, token: &str, notices: &[NoticeRow], problems: &[String]) -> String {
    render(
        "workspace.html",
        WORKSPACE,
        json!({ "dir": dir, "token": token, "notices": notices, "problems": problems }),
    )
}

/// A navigation bar for report pages.
pub fn nav(links: &[(String, String)]) -> String {
    let items: Vec<String> = links
        .iter()
        .map(|(href, text)| format!("<a href=\"{}\">{}</a>", escape(href), escape(text)))
        .collect();
    format!(
        "\n<nav class=\"serve-nav\" style=\"font:14px sans-serif;padding:6px 20px;background:#f6f8fa;border-bottom:1px solid #d0d7de;display:flex;gap:14px;flex-wrap:wrap\">{}</nav>",
        items.join("")
    )
}

/// A script that makes each heatmap cell of column `k` open `targets[k]` at its task.
pub fn cell_links(targets: &[String]) -> String {
    let list: Vec<String> = targets
        .iter()
        .map(|t| {
            serde_json::to_string(t)
                .unwrap_or_default()
                .replace('<', "\\u003c")
        })
        .collect();
    format!(
        "\n<script>document.addEventListener(\"DOMContentLoaded\", function () {{\n  var targets = [{}];\n  Array.prototype.forEach.call(document.querySelectorAll(\"td.hm[data-col]\"), function (td) {{\n    var href = targets[Number(td.getAttribute(\"data-col\"))];\n    var id = td.parentNode.querySelector(\"td.id\");\n    if (!href || !id) {{ return; }}\n    td.style.cursor = \"pointer\";\n    td.addEventListener(\"click\", function () {{ location.href = href + \"#u-\" + id.textContent.replace(/[^A-Za-z0-9_-]/g, \"_\"); }});\n  }});\n}});</script>",
        list.join(", ")
    )
}

/// A task's (or a pair's) decision history.
pub fn history(title: &str, rows: &[HistoryRow], back: &str, all: &str) -> String {
    render(
        "history.html",
        HISTORY,
        json!({ "title": title, "rows": rows, "back": back, "all": all }),
    )
}

/// One lower notice's line of the audit summary.
#[derive(Debug, Serialize)]
pub struct AuditRow {
    pub name: String,
    pub file: String,
    pub coverage: String,
    /// 未落实: the upper tasks dropped, each with its lead units (else its units).
    pub dropped: Vec<String>,
    pub decisions: usize,
    pub review: usize,
}

impl AuditRow {
    pub fn of(a: &Alignment, file: &str, decisions: usize, lang: Lang) -> AuditRow {
        let dropped = a
            .upper
            .tasks
            .iter()
            .filter(|t| a.upper_status(&t.id) == Status::Dropped)
            .map(|t| {
                let units: Vec<&str> = if t.lead_units.is_empty() {
                    t.units.iter().map(String::as_str).collect()
                } else {
                    t.lead_units.iter().map(String::as_str).collect()
                };
                let lead = if units.is_empty() {
                    "—".to_string()
                } else {
                    units.join("、")
                };
                format!("{} {}（{}）", t.id, crate::report::short(&t.text, 30), lead)
            })
            .collect();
        let _ = lang;
        AuditRow {
            name: describe::heading(&a.lower),
            file: file.to_string(),
            coverage: format!("{:.1}%", a.summary.coverage_pct),
            dropped,
            decisions,
            review: a.summary.review,
        }
    }
}

/// The audit summary page.
pub fn audit(title: &str, rows: &[AuditRow], back: &str, csv: &str) -> String {
    render(
        "audit.html",
        AUDIT,
        json!({ "title": title, "rows": rows, "back": back, "csv": csv }),
    )
}

/// The audit summary as CSV (the report's field writer: formula-like cells neutralised).
pub fn audit_csv(rows: &[AuditRow]) -> String {
    let mut out = crate::report::csv::csv_row(&[
        "下级通知 lower notice",
        "文件 file",
        "覆盖率 coverage",
        "未落实（牵头单位） dropped (lead units)",
        "人工判断 decisions",
        "待核实 to review",
    ]);
    for r in rows {
        out.push_str(&crate::report::csv::csv_row(&[
            r.name.clone(),
            r.file.clone(),
            r.coverage.clone(),
            r.dropped.join("\n"),
            r.decisions.to_string(),
            r.review.to_string(),
        ]));
    }
    out
}
