//! Gold-file scores (`policydiff eval`) as plain text lines, captioned in the report's
//! language.

use std::io::{self, Write};

use crate::eval::EvalReport;
use crate::report::Lang;

/// One figure per line, unresolved gold keys first.
pub fn table(r: &EvalReport, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    match lang {
        Lang::En => english(r, out),
        Lang::Zh => chinese(r, out),
    }
}

fn english(r: &EvalReport, out: &mut dyn Write) -> io::Result<()> {
    for u in &r.keys_unresolved {
        writeln!(
            out,
            "unresolved {} key {:?} ({} hits)",
            u.side, u.key, u.hits
        )?;
    }
    writeln!(
        out,
        "tasks found         {} upper, {} lower",
        r.tasks_found[0], r.tasks_found[1]
    )?;
    writeln!(
        out,
        "links               {} gold, {} predicted, {} true",
        r.gold_links, r.pred_links, r.true_links
    )?;
    writeln!(out, "link precision      {:.3}", r.link_precision)?;
    writeln!(out, "link recall         {:.3}", r.link_recall)?;
    writeln!(out, "link F1             {:.3}", r.link_f1)?;
    writeln!(out, "covered/dropped acc {:.3}", r.upper_coverage_acc)?;
    writeln!(out, "added acc           {:.3}", r.lower_added_acc)?;
    writeln!(out, "label acc           {:.3}", r.label_acc)?;
    writeln!(out, "dropped as covered  {}", r.dropped_reported_covered)?;
    writeln!(
        out,
        "in review (待核实)  {} of {} upper tasks; calls right outside review {:.3}",
        r.review.in_review, r.review.upper, r.review.outside_acc
    )
}

/// The same figures in Chinese. The measures keep their usual names (precision 精确率,
/// recall 召回率, F1).
fn chinese(r: &EvalReport, out: &mut dyn Write) -> io::Result<()> {
    for u in &r.keys_unresolved {
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
    }
    writeln!(
        out,
        "找到的任务        上级 {} 项，下级 {} 项",
        r.tasks_found[0], r.tasks_found[1]
    )?;
    writeln!(
        out,
        "对应关系          标注 {} 条，预测 {} 条，正确 {} 条",
        r.gold_links, r.pred_links, r.true_links
    )?;
    writeln!(out, "对应关系精确率    {:.3}", r.link_precision)?;
    writeln!(out, "对应关系召回率    {:.3}", r.link_recall)?;
    writeln!(out, "对应关系 F1       {:.3}", r.link_f1)?;
    writeln!(out, "落实/未落实准确率 {:.3}", r.upper_coverage_acc)?;
    writeln!(out, "新增准确率        {:.3}", r.lower_added_acc)?;
    writeln!(out, "状态准确率        {:.3}", r.label_acc)?;
    writeln!(out, "未落实误判为落实  {}", r.dropped_reported_covered)?;
    writeln!(
        out,
        "待核实            上级任务 {} 项中 {} 项；其余判定的准确率 {:.3}",
        r.review.upper, r.review.in_review, r.review.outside_acc
    )
}
