//! Evidence beside the word score (issue 22): the topics two tasks share (the concept
//! lexicon, [`crate::lexicon::concepts`]) and where a task's match lies among its
//! neighbours' confident links.
//!
//! Topic evidence never makes a link: a task whose only partner is topical is put in
//! review (待核实), since a wrong link is worse than a flagged one. Position evidence
//! makes one kind of link, the order rescue: an upper task left unlinked whose best lower
//! candidate is free, takes this task as its own best upper one, and lies between the
//! lower partners of the confident links around it.

use std::collections::{BTreeMap, BTreeSet};

use crate::lexicon::concepts::Concepts;
use crate::model::Task;

/// The concepts of each task and their weights in one comparison.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    /// Sorted concept ids of each upper task, then of each lower task.
    upper: Vec<Vec<usize>>,
    lower: Vec<Vec<usize>>,
    /// IDF of each concept over the tasks of both notices (0 for concepts in none).
    idf: BTreeMap<usize, f64>,
}

impl Topics {
    /// The concepts of both notices' tasks, weighted by how few tasks name them: a topic
    /// every task names says nothing about which task is which.
    pub fn new(upper: &[Task], lower: &[Task], lexicon: &Concepts) -> Topics {
        let of =
            |ts: &[Task]| -> Vec<Vec<usize>> { ts.iter().map(|t| lexicon.of(&t.text)).collect() };
        let (upper, lower) = (of(upper), of(lower));
        let mut df: BTreeMap<usize, usize> = BTreeMap::new();
        for c in upper.iter().chain(&lower).flatten() {
            *df.entry(*c).or_default() += 1;
        }
        let n = (upper.len() + lower.len()).max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(c, d)| (c, ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.0)))
            .collect();
        Topics { upper, lower, idf }
    }

    /// IDF-weighted cosine of the two tasks' concepts (0–1).
    pub fn similarity(&self, u: usize, l: usize) -> f64 {
        let w = |c: &usize| self.idf.get(c).copied().unwrap_or(0.0);
        let norm = |cs: &[usize]| cs.iter().map(|c| w(c).powi(2)).sum::<f64>().sqrt();
        let (a, b) = (&self.upper[u], &self.lower[l]);
        let (na, nb) = (norm(a), norm(b));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let shared: f64 = a
            .iter()
            .filter(|c| b.binary_search(c).is_ok())
            .map(|c| w(c).powi(2))
            .sum();
        (shared / (na * nb)).min(1.0)
    }

    /// The names of the concepts both tasks name, rarest first (ties by name).
    pub fn shared(&self, u: usize, l: usize, lexicon: &Concepts) -> Vec<String> {
        let b = &self.lower[l];
        let mut s: Vec<(f64, &str)> = self.upper[u]
            .iter()
            .filter(|c| b.binary_search(c).is_ok())
            .map(|c| (self.idf.get(c).copied().unwrap_or(0.0), lexicon.name(*c)))
            .collect();
        s.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
        s.into_iter().map(|(_, n)| n.to_string()).collect()
    }

    /// Whether both tasks name a concept of some weight: when they do and share none,
    /// the two name different topics.
    pub fn both_named(&self, u: usize, l: usize) -> bool {
        let named = |cs: &[usize]| cs.iter().any(|c| self.idf.get(c).is_some_and(|&w| w > 0.0));
        named(&self.upper[u]) && named(&self.lower[l])
    }

    /// Whether upper task `u` shares with lower task `l` a concept of some weight that
    /// none of the upper tasks `holders` shares with `l`: `u` brings a topic of its own
    /// to a lower task others hold (a merge's shape, not a rival's).
    pub fn own_topic(&self, u: usize, l: usize, holders: &[usize]) -> bool {
        let b = &self.lower[l];
        let weighty = |c: &usize| self.idf.get(c).is_some_and(|&w| w > 0.0);
        self.upper[u].iter().filter(|c| weighty(c)).any(|c| {
            b.binary_search(c).is_ok()
                && holders
                    .iter()
                    .all(|&h| self.upper[h].binary_search(c).is_err())
        })
    }

    /// How many upper tasks there are.
    pub fn uppers(&self) -> usize {
        self.upper.len()
    }

    /// How many lower tasks there are.
    pub fn lowers(&self) -> usize {
        self.lower.len()
    }
}

/// The heaviest chain of `links` (upper index, lower index, score) increasing in both
/// indices: the links whose order the two notices agree on, as (upper, lower) pairs.
pub fn anchors(links: &[(usize, usize, f64)]) -> Vec<(usize, usize)> {
    let mut ls: Vec<(usize, usize, f64)> = links.to_vec();
    ls.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let n = ls.len();
    let mut best = vec![0.0f64; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        best[i] = ls[i].2;
        for j in 0..i {
            if ls[j].0 < ls[i].0 && ls[j].1 < ls[i].1 && best[j] + ls[i].2 > best[i] {
                best[i] = best[j] + ls[i].2;
                prev[i] = j;
            }
        }
    }
    let Some(mut at) = (0..n).max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a))) else {
        return Vec::new();
    };
    let mut chain = vec![(ls[at].0, ls[at].1)];
    while prev[at] != usize::MAX {
        at = prev[at];
        chain.push((ls[at].0, ls[at].1));
    }
    chain.reverse();
    chain
}

/// Whether lower task `l` lies, within `slack` positions, between the lower partners of
/// the anchors just before and just after upper task `u` (`None`: no anchor on either
/// side).
pub fn between(anchors: &[(usize, usize)], u: usize, l: usize, slack: usize) -> Option<bool> {
    let before = anchors.iter().rev().find(|a| a.0 < u).map(|a| a.1);
    let after = anchors.iter().find(|a| a.0 > u).map(|a| a.1);
    if before.is_none() && after.is_none() {
        return None;
    }
    Some(before.is_none_or(|b| l + slack >= b) && after.is_none_or(|a| l <= a + slack))
}

/// Whether the anchors around upper task `u` pin its place below: there is one on each
/// side, and the lower tasks between them are at most one more than the upper tasks
/// between them. A wide gap (many lower tasks, or a deleted partner's neighbours) leaves
/// the position loose.
pub fn pinned(anchors: &[(usize, usize)], u: usize) -> bool {
    let before = anchors.iter().rev().find(|a| a.0 < u);
    let after = anchors.iter().find(|a| a.0 > u);
    match (before, after) {
        (Some(b), Some(a)) => a.1.saturating_sub(b.1 + 1) <= a.0.saturating_sub(b.0 + 1) + 1,
        _ => false,
    }
}

/// The order rescue: each upper task `pairs` leaves unlinked whose best lower task is
/// free, scores at least `floor`, has this task as its own best upper task, and lies
/// between the anchors around it (one position of slack). Returns the links made, each
/// with whether its place is [`pinned`].
pub fn rescue_by_order(
    scores: &[Vec<f64>],
    pairs: &BTreeSet<(usize, usize)>,
    anchor_floor: f64,
    floor: f64,
) -> BTreeMap<(usize, usize), bool> {
    let mut made = BTreeMap::new();
    if floor <= 0.0 || scores.is_empty() || scores[0].is_empty() {
        return made;
    }
    let nl = scores[0].len();
    let linked_u: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let linked_l: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    let strong: Vec<(usize, usize, f64)> = pairs
        .iter()
        .filter(|&&(u, l)| scores[u][l] >= anchor_floor)
        .map(|&(u, l)| (u, l, scores[u][l]))
        .collect();
    let chain = anchors(&strong);
    for (u, row) in scores.iter().enumerate() {
        if linked_u.contains(&u) {
            continue;
        }
        let l = super::argmax(row.iter().copied());
        let s = row[l];
        let best_upper = super::argmax(scores.iter().map(|r| r[l]));
        if s >= floor
            && l < nl
            && !linked_l.contains(&l)
            && best_upper == u
            && between(&chain, u, l, 1) == Some(true)
        {
            made.insert((u, l), pinned(&chain, u));
        }
    }
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_increasing_chain_skips_a_crossing_link() {
        let links = [(0, 0, 0.9), (1, 5, 0.4), (2, 2, 0.8), (3, 3, 0.7)];
        assert_eq!(anchors(&links), [(0, 0), (2, 2), (3, 3)]);
        assert!(anchors(&[]).is_empty());
    }

    #[test]
    fn a_place_is_pinned_only_between_close_anchors() {
        assert!(pinned(&[(0, 2), (2, 4)], 1));
        assert!(pinned(&[(0, 2), (2, 5)], 1));
        assert!(!pinned(&[(0, 2), (2, 9)], 1));
        assert!(!pinned(&[(0, 2)], 1));
    }

    #[test]
    fn a_topic_of_its_own_is_one_no_holder_of_the_lower_task_names() {
        let t = Topics {
            upper: vec![vec![1, 2], vec![2], vec![1, 3]],
            lower: vec![vec![1, 2, 3]],
            idf: [(1, 1.0), (2, 1.0), (3, 0.0)].into(),
        };
        // Upper 0 brings concept 1 to lower 0, which upper 1 (holding it) does not name.
        assert!(t.own_topic(0, 0, &[1]));
        // Upper 1's only concept is upper 0's too.
        assert!(!t.own_topic(1, 0, &[0]));
        // Upper 2 shares 1 with holder 0, and 3 weighs nothing.
        assert!(!t.own_topic(2, 0, &[0]));
        // No holder: any weighty shared concept is its own.
        assert!(t.own_topic(2, 0, &[]));
    }

    #[test]
    fn between_allows_one_position_of_slack() {
        let chain = [(0, 2), (4, 6)];
        assert_eq!(between(&chain, 2, 4, 1), Some(true));
        assert_eq!(between(&chain, 2, 7, 1), Some(true));
        assert_eq!(between(&chain, 2, 8, 1), Some(false));
        assert_eq!(between(&chain, 2, 0, 1), Some(false));
        assert_eq!(between(&[], 2, 0, 1), None);
    }

    #[test]
    fn the_order_rescue_links_only_a_free_mutual_best_in_order() {
        // Upper 1 is unlinked; its best lower task 1 is free, in order, and prefers it.
        let m = vec![
            vec![0.9, 0.0, 0.0],
            vec![0.0, 0.09, 0.0],
            vec![0.0, 0.0, 0.8],
        ];
        let pairs: BTreeSet<(usize, usize)> = [(0, 0), (2, 2)].into();
        assert_eq!(
            rescue_by_order(&m, &pairs, 0.3, 0.08),
            [((1, 1), true)].into()
        );
        // Below the floor, or off: nothing.
        assert!(rescue_by_order(&m, &pairs, 0.3, 0.1).is_empty());
        assert!(rescue_by_order(&m, &pairs, 0.3, 0.0).is_empty());
        // Out of order: the best candidate lies beyond the next anchor.
        let m2 = vec![
            vec![0.9, 0.0, 0.0, 0.0],
            vec![0.0, 0.0, 0.0, 0.09],
            vec![0.0, 0.8, 0.0, 0.0],
        ];
        let pairs2: BTreeSet<(usize, usize)> = [(0, 0), (2, 1)].into();
        assert!(rescue_by_order(&m2, &pairs2, 0.3, 0.08).is_empty());
    }
}
