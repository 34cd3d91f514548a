//! Gold-file scores (`policydiff eval`) as plain text lines.

use std::io::{self, Write};

use crate::eval::EvalReport;

/// One figure per line, unresolved gold keys first.
pub fn table(r: &EvalReport, out: &mut dyn Write) -> io::Result<()> {
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
