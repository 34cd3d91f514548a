//! Gold-file scores (`policydiff eval`) as plain text lines, captioned in the report's
//! language.

use std::io::{self, Write};

use crate::eval::EvalReport;
use crate::report::Lang;

/// Display columns of a caption: CJK characters take two.
fn columns(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// One figure per line, unresolved gold keys first. The measures keep their usual names
/// in Chinese (precision 精确率, recall 召回率, F1).
pub fn table(r: &EvalReport, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    for u in &r.keys_unresolved {
        if zh {
            let side = match u.side {
                "upper" => "上级",
                "lower" => "下级",
                other => other,
            };
            writeln!(
                out,
                "未能对应的{side}标注键 {:?}（匹配到 {} 项）",
                u.key, u.hits
            )?;
        } else {
            writeln!(
                out,
                "unresolved {} key {:?} ({} hits)",
                u.side, u.key, u.hits
            )?;
        }
    }
    let [up, low] = r.tasks_found;
    let (gold, pred, hit) = (r.gold_links, r.pred_links, r.true_links);
    let (review, upper, outside) = (r.review.in_review, r.review.upper, r.review.outside_acc);
    // (English caption, Chinese caption, English value, Chinese value).
    let rows: [(&str, &str, String, String); 10] = [
        (
            "tasks found",
            "找到的任务",
            format!("{up} upper, {low} lower"),
            format!("上级 {up} 项，下级 {low} 项"),
        ),
        (
            "links",
            "对应关系",
            format!("{gold} gold, {pred} predicted, {hit} true"),
            format!("标注 {gold} 条，预测 {pred} 条，正确 {hit} 条"),
        ),
        (
            "link precision",
            "对应关系精确率",
            fig(r.link_precision),
            fig(r.link_precision),
        ),
        (
            "link recall",
            "对应关系召回率",
            fig(r.link_recall),
            fig(r.link_recall),
        ),
        ("link F1", "对应关系 F1", fig(r.link_f1), fig(r.link_f1)),
        (
            "covered/dropped acc",
            "落实/未落实准确率",
            fig(r.upper_coverage_acc),
            fig(r.upper_coverage_acc),
        ),
        (
            "added acc",
            "新增准确率",
            fig(r.lower_added_acc),
            fig(r.lower_added_acc),
        ),
        (
            "label acc",
            "状态准确率",
            fig(r.label_acc),
            fig(r.label_acc),
        ),
        (
            "dropped as covered",
            "未落实误判为落实",
            r.dropped_reported_covered.to_string(),
            r.dropped_reported_covered.to_string(),
        ),
        (
            "in review (待核实)",
            "待核实",
            format!("{review} of {upper} upper tasks; calls right outside review {outside:.3}"),
            format!("上级任务 {upper} 项中 {review} 项；其余判定的准确率 {outside:.3}"),
        ),
    ];
    // Captions padded to one column: 20 in English, 18 display columns in Chinese.
    for (en, cn, en_value, zh_value) in &rows {
        let (caption, value, width) = if zh {
            (cn, zh_value, 18usize)
        } else {
            (en, en_value, 20)
        };
        let pad = width.saturating_sub(columns(caption)).max(1);
        writeln!(out, "{caption}{}{value}", " ".repeat(pad))?;
    }
    Ok(())
}

/// A figure to three decimals.
fn fig(x: f64) -> String {
    format!("{x:.3}")
}
