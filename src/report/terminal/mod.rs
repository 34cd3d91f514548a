//! Terminal tables (comfy-table), wrapped to [`RenderOptions::width`]: a compare
//! alignment ([`compare`]), a chain and a coverage matrix ([`multi`]).

pub mod compare;
pub mod multi;

use std::io::{self, Write};

use crate::model::{Alignment, Chain, Coverage, Origin};
use crate::report::{Lang, RenderOptions, Renderer};

/// The terminal table renderer.
pub struct Terminal;

impl Renderer for Terminal {
    fn compare(&self, a: &Alignment, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        compare::render(a, opts.lang, opts.width, out)
    }
    fn chain(&self, c: &Chain, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::chain_table(c, opts.lang, opts.width, out)
    }
    fn coverage(&self, c: &Coverage, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        multi::coverage_table(c, opts.lang, opts.width, out)
    }
}

/// The terminal's own sentences with numbers, in the report's language (its column
/// headers are [`crate::report::captions`]).
pub(crate) mod words {
    use super::{Lang, Origin};

    /// `upper: NAME (5 tasks)` / `上级：NAME（5 项任务）`.
    pub fn notice(upper: bool, name: &str, tasks: usize, lang: Lang) -> String {
        match (lang, upper) {
            (Lang::En, true) => format!("upper: {name} ({tasks} tasks)"),
            (Lang::En, false) => format!("lower: {name} ({tasks} tasks)"),
            (Lang::Zh, true) => format!("上级：{name}（{tasks} 项任务）"),
            (Lang::Zh, false) => format!("下级：{name}（{tasks} 项任务）"),
        }
    }

    /// A chain's level: `level 1: NAME (4 tasks)` / `第 1 级：NAME（4 项任务）`.
    pub fn level(k: usize, name: &str, tasks: usize, lang: Lang) -> String {
        match lang {
            Lang::En => format!("level {k}: {name} ({tasks} tasks)"),
            Lang::Zh => format!("第 {k} 级：{name}（{tasks} 项任务）"),
        }
    }

    /// A level against the one above: `level 1 vs level 0: coverage 60.0%`.
    pub fn level_against(k: usize, coverage: f64, lang: Lang) -> String {
        match lang {
            Lang::En => format!("level {} vs level {}: coverage {coverage:.1}%", k + 1, k),
            Lang::Zh => format!("第 {} 级对第 {} 级：覆盖率 {coverage:.1}%", k + 1, k),
        }
    }

    /// The upper notice of a coverage run: `upper: NAME (5 tasks), 2 localities`.
    pub fn coverage_upper(name: &str, tasks: usize, localities: usize, lang: Lang) -> String {
        match lang {
            Lang::En => format!("upper: {name} ({tasks} tasks), {localities} localities"),
            Lang::Zh => format!("上级：{name}（{tasks} 项任务），{localities} 个地区"),
        }
    }

    /// `coverage 60.0%` / `覆盖率 60.0%`.
    pub fn coverage(pct: f64, lang: Lang) -> String {
        match lang {
            Lang::En => format!("coverage {pct:.1}%"),
            Lang::Zh => format!("覆盖率 {pct:.1}%"),
        }
    }

    /// A dropped task's nearest lower task: `(nearest 2)` / `（最接近 2）`.
    pub fn nearest(id: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!("(nearest {id})"),
            Lang::Zh => format!("（最接近 {id}）"),
        }
    }

    /// A lower id with how its link came about, when not by score: `3 (phrase)`.
    pub fn linked(id: &str, origin: Origin, lang: Lang) -> String {
        let how = match (origin, lang) {
            (Origin::Computed, _) => return id.to_string(),
            (Origin::Phrase, Lang::En) => " (phrase)",
            (Origin::Override, Lang::En) => " (override)",
            (Origin::Order, Lang::En) => " (order)",
            (Origin::Phrase, Lang::Zh) => "（短语）",
            (Origin::Override, Lang::Zh) => "（复核）",
            (Origin::Order, Lang::Zh) => "（顺序）",
        };
        format!("{id}{how}")
    }

    /// The note under a table with phrase links.
    pub fn phrase_note(lang: Lang) -> &'static str {
        match lang {
            Lang::En => {
                "(phrase): linked by a verbatim phrase that only these two tasks share (the phrase itself is in the json, md, html, csv and xlsx output)"
            }
            Lang::Zh => {
                "（短语）：两项任务共有一个别处没有的原文短语而对应（短语本身见 json、md、html、csv 和 xlsx 输出）"
            }
        }
    }

    /// A report warning above a table: `warning: …` / `警告：…`.
    pub fn warning(w: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!("warning: {w}"),
            Lang::Zh => format!("警告：{w}"),
        }
    }

    /// An input a coverage run left out: `skipped FILE: why` / `跳过 FILE：why`.
    pub fn skipped(source: &str, error: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!("skipped {source}: {error}"),
            Lang::Zh => format!("跳过 {source}：{error}"),
        }
    }
}
