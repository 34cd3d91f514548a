//! A top notice followed down a chain of lower notices (province → city → county …):
//! for each top task, its fate at every level — carried or reworded through the level
//! above's tasks, reappearing although the level above dropped it (aligned directly
//! against the top notice), or dropped. A task the level above carried but this level
//! does not continue is dropped here, even if some task here resembles the top one.

use crate::align::{AlignOptions, Overrides, align};
use crate::model::{Alignment, Chain, ChainCell, ChainRow, Notice, Status, Via};
use crate::segment::Segmenter;

/// Follows every task of `notices[0]` down `notices[1..]`. Needs at least two notices.
pub fn chain(notices: Vec<Notice>, seg: &Segmenter, opts: &AlignOptions) -> Chain {
    chain_with(notices, seg, opts, &|_, _| None)
}

/// [`chain`], each pair aligned with the reviewers' decisions `decisions` gives for it
/// (`serve` reads them from its workspace).
pub fn chain_with(
    notices: Vec<Notice>,
    seg: &Segmenter,
    opts: &AlignOptions,
    decisions: &dyn Fn(&Notice, &Notice) -> Option<Overrides>,
) -> Chain {
    assert!(
        notices.len() >= 2,
        "a chain needs a top notice and at least one below"
    );
    let pair = |u: &Notice, l: &Notice| {
        let o = AlignOptions {
            overrides: decisions(u, l).or_else(|| opts.overrides.clone()),
            ..opts.clone()
        };
        align(u.clone(), l.clone(), seg, &o)
    };
    // Each level against its parent level, and (from the second level down) against the top.
    let steps: Vec<Alignment> = (1..notices.len())
        .map(|k| pair(&notices[k - 1], &notices[k]))
        .collect();
    let direct: Vec<Option<Alignment>> = (1..notices.len())
        .map(|k| (k >= 2).then(|| pair(&notices[0], &notices[k])))
        .collect();
    let top = &notices[0];
    let rows = top
        .tasks
        .iter()
        .map(|t| {
            let mut cells: Vec<ChainCell> = Vec::new();
            for (k, step) in steps.iter().enumerate() {
                // The tasks of the level above that carry this top task.
                let (from, above_status): (Vec<String>, Status) = if k == 0 {
                    (vec![t.id.clone()], Status::Carried)
                } else {
                    let above = &cells[k - 1];
                    (above.tasks.clone(), above.status)
                };
                let links: Vec<_> = step
                    .links
                    .iter()
                    .filter(|l| from.contains(&l.upper))
                    .collect();
                let doubtful = from.iter().any(|id| step.in_review(id));
                let cell = if !links.is_empty() {
                    let mut tasks: Vec<String> = links.iter().map(|l| l.lower.clone()).collect();
                    tasks.sort_by_key(|id| step.lower.tasks.iter().position(|x| &x.id == id));
                    tasks.dedup();
                    let link_status = links
                        .iter()
                        .map(|l| l.status)
                        .min()
                        .unwrap_or(Status::Reworded);
                    ChainCell {
                        status: above_status.max(link_status),
                        via: Via::Chain,
                        tasks,
                        review: doubtful,
                    }
                } else if let Some(Some(d)) = direct
                    .get(k)
                    .filter(|_| k > 0 && cells[k - 1].status == Status::Dropped)
                {
                    let dl: Vec<_> = d.links_of_upper(&t.id).collect();
                    if dl.is_empty() {
                        ChainCell {
                            review: d.in_review(&t.id),
                            ..dropped()
                        }
                    } else {
                        ChainCell {
                            status: dl
                                .iter()
                                .map(|l| l.status)
                                .min()
                                .unwrap_or(Status::Reworded),
                            via: Via::Direct,
                            tasks: dl.iter().map(|l| l.lower.clone()).collect(),
                            review: d.in_review(&t.id),
                        }
                    }
                } else {
                    ChainCell {
                        review: doubtful,
                        ..dropped()
                    }
                };
                cells.push(cell);
            }
            ChainRow {
                id: t.id.clone(),
                text: t.text.clone(),
                section: t.section.clone(),
                cells,
            }
        })
        .collect();
    // What reading each notice noticed: a reading by OCR (issue 26), bytes dropped, gaps
    // in its numbering … (issue 24), as `compare` carries them.
    let warnings = notices
        .iter()
        .flat_map(crate::model::Warning::of_notice)
        .collect();
    Chain {
        summaries: steps.iter().map(|s| s.summary.clone()).collect(),
        notices,
        rows,
        warnings,
    }
}

fn dropped() -> ChainCell {
    ChainCell {
        status: Status::Dropped,
        via: Via::None,
        tasks: Vec::new(),
        review: false,
    }
}
