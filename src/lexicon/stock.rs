//! Stock phrases of the genre: runs of characters that many notices share whatever they
//! require (政府信息公开工作年度报告, 落实情况纳入…年度报告予以公开). Two tasks sharing one
//! verbatim say nothing about each other, so the aligner's phrase rule does not count them.
//!
//! The list (`stock_phrases.txt`) is generated from the frequency of each run across the
//! corpus and the wild fragments by `bench/lexicon/stock_phrases.py`, and embedded at
//! build time.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The window the list was made with: a run of this many characters found in many
/// notices is stock.
pub const RUN: usize = 8;

static WINDOWS: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    include_str!("stock_phrases.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .flat_map(|l| {
            let cs: Vec<char> = l.trim().chars().collect();
            cs.windows(RUN).map(<[char]>::to_vec).collect::<Vec<_>>()
        })
        .collect()
});

/// Whether a shared phrase is stock: once every stretch of it that a stock phrase covers
/// is set aside, no run of `len` characters of its own is left.
pub fn is_stock(phrase: &str, len: usize) -> bool {
    let cs: Vec<char> = phrase.chars().collect();
    let mut covered = vec![false; cs.len()];
    for (i, w) in cs.windows(RUN).enumerate() {
        if WINDOWS.contains(w) {
            covered[i..i + RUN].iter_mut().for_each(|c| *c = true);
        }
    }
    let longest_own = covered.split(|&c| c).map(<[bool]>::len).max().unwrap_or(0);
    longest_own < len.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_annual_report_phrase_is_stock_and_a_task_of_its_own_is_not() {
        assert!(is_stock("政府信息公开工作年度报告", 10));
        assert!(is_stock("落实情况纳入政府信息公开工作年度报告予以公开", 10));
        assert!(!is_stock("开展深入解读有效引导预期", 10));
        // A stock phrase inside a longer run of the task's own words leaves it counting.
        assert!(!is_stock(
            "政府信息公开工作年度报告全面梳理惠企政策兑现流程",
            10
        ));
    }
}
