//! Two notices → an [`Alignment`]: which upper tasks the lower notice carried over,
//! reworded or dropped, and which lower tasks it added.
//!
//! 1. Every (upper, lower) pair is scored ([`score`]), in parallel.
//! 2. The bars are fitted to the pair: [`Thresholds::link`] and [`Thresholds::extra_link`]
//!    are floors, raised in proportion to how high the pair's scores run
//!    ([`PairThresholds`]), so that a near-verbatim copy needs proportionally stronger
//!    evidence.
//! 3. A one-to-one backbone: the assignment that maximises the total score (Hungarian
//!    algorithm), keeping pairs that score at least the link bar.
//! 4. Splits and merges: a pair outside the backbone that scores at least the
//!    split/merge bar links too when one task is the other's best match, unless the task
//!    it would join is already explained by its backbone partner
//!    ([`Thresholds::explained`]).
//! 5. An upper task still unlinked is linked to the one lower task with which it alone
//!    shares a verbatim phrase of at least [`Thresholds::phrase`] characters, found in
//!    no other task of either notice ([`score::shared_phrases`]): text copied down word
//!    for word links two tasks, however little else of them agrees.
//! 6. Each link is `carried` when the upper text stands nearly verbatim below (its
//!    character bigrams found there at least [`Thresholds::carried`]), else `reworded`; unlinked upper tasks are `dropped`, unlinked lower tasks
//!    `added`, each with its nearest candidates as evidence.
//! 7. Overrides from an auditor confirm or reject links by task id.
//! 8. Every upper task's status gets a confidence from its score's distance to the bar
//!    and the evidence beside it (mutual best match, margin over the next candidate, the
//!    order of its neighbours' links, a rival claim on its lower task), and is marked for
//!    review (待核实; [`Decision`]) when that confidence is low (`decide`).

pub mod changes;
pub mod construct;
pub mod overrides;
pub mod score;
pub mod topic;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use pathfinding::prelude::{Matrix, kuhn_munkres};

use crate::lexicon::concepts::Concepts;
use crate::model::{
    Alignment, Candidate, Decision, Doubt, Link, Notice, Origin, PairThresholds, SectionSummary,
    Status, Summary, Thresholds, Unmatched,
};
use crate::segment::Segmenter;
pub use overrides::{OverrideError, OverrideProblem, Overrides};
use score::{PairScore, TaskFeatures, Vocabulary};

impl Default for Thresholds {
    /// Calibrated on the two gold pairs (tests/data/gold); see `DEFAULT_*` below.
    fn default() -> Self {
        Thresholds {
            link: DEFAULT_LINK,
            extra_link: DEFAULT_EXTRA_LINK,
            carried: DEFAULT_CARRIED,
            phrase: DEFAULT_PHRASE,
            relative_link: DEFAULT_RELATIVE_LINK,
            relative_extra: DEFAULT_RELATIVE_EXTRA,
            review_band: DEFAULT_REVIEW_BAND,
            explained: DEFAULT_EXPLAINED,
        }
    }
}

// Calibration (bench/calibrate.py and `policydiff eval --link-threshold … --extra-link-threshold
// … --carried-threshold …` on both gold pairs, A = anhui-province-2022→chizhou-city-2021,
// B = chizhou-city-2021→lezhi-county-2021; link F1 / covered-dropped acc / added acc;
// phrase rule at its default, 10):
//
//   link  extra | A                   | B
//   0.11  0.16  | 0.806 0.864 0.889   | 0.835 0.867 0.865
//   0.12  0.14  | 0.814 0.909 0.911   | 0.825 0.867 0.865
//   0.12  0.16  | 0.847 0.909 0.911   | 0.846 0.889 0.885   ← chosen
//   0.12  0.18  | 0.807 0.886 0.889   | 0.831 0.867 0.885
//   0.13  0.16  | 0.847 0.909 0.911   | 0.842 0.867 0.885
//   0.14  0.16  | 0.828 0.886 0.889   | 0.827 0.844 0.865
//
// (With the phrase rule off the same setting wins: 0.828 0.886 0.911 | 0.816 0.844 0.885.)
// 0.12/0.16 is best on both pairs at once and its neighbours lose at most 0.04 F1, so
// the choice is not a spike that only one pair rewards. Carried-vs-reworded label
// accuracy by --carried-threshold (A / B): 0.30 → 0.75/0.90, 0.35 → 0.92/0.84,
// 0.40 → 0.96/0.81, 0.45 → 1.00/0.77; the two annotations draw the line differently,
// and 0.40 has the best mean (0.88).

/// Minimum score of a backbone (one-to-one) link.
pub const DEFAULT_LINK: f64 = 0.12;
/// Minimum score of an extra link that makes a split or a merge; the pair must also be
/// one task's best match.
pub const DEFAULT_EXTRA_LINK: f64 = 0.16;
/// Minimum share of the upper text's character bigrams found below for `carried`.
pub const DEFAULT_CARRIED: f64 = 0.4;

// The phrase rule (step 4 above), swept with `--phrase-length N` on both pairs after
// link 0.12 / extra 0.16 (link F1 / covered-dropped acc / added acc; 0 = rule off):
//
//   N      | A                   | B
//   0      | 0.828 0.886 0.911   | 0.816 0.844 0.885
//   7      | 0.781 0.886 0.911   | 0.805 0.867 0.885
//   8      | 0.781 0.886 0.911   | 0.835 0.911 0.865
//   9      | 0.833 0.886 0.933   | 0.846 0.889 0.885
//   10     | 0.847 0.909 0.911   | 0.846 0.889 0.885   ← chosen
//   11, 12 | 0.828 0.886 0.911   | 0.846 0.889 0.885
//   13–16  | 0.828 0.886 0.911   | 0.816 0.844 0.885
//
// At 10 it adds three links, all three in the gold files (phrases of 12, 12 and 10
// characters); 9 to 12 are a plateau on B, and below 9 stock phrases of the genre
// (政府信息公开工作, 政务公开标准化规范化) start to pass as distinctive. Letting the rule
// also add links to upper tasks the scores had linked (more splits and merges) cost
// 0.01–0.02 F1 on both pairs, so it only rescues upper tasks that would be dropped.
// Outside the gold pairs (the other 18 ordered pairs of the corpus, no gold to score) it
// adds 8 links, 0–2 a pair; read by hand, 5 are links a reader would draw (a health-
// education item merged into an epidemic one, annual-report duties, training) and 3 join
// tasks through the stock slogan 政务公开标准化规范化. Cutting out cited titles
// (《中华人民共和国政府信息公开条例》) and office names (政府信息公开工作主管部门) removed 5
// more that two notices made by citing one law or naming one office.

/// Length of the verbatim phrase that links an otherwise dropped upper task.
pub const DEFAULT_PHRASE: usize = 10;

// Issue 14: bars fitted to the pair, and a review band. Measured with
// `cargo run --release --example calibrate -- SETTING …` on the two gold pairs (A, B as
// above) and on the constructed pairs of `construct` (8 kinds × 2 seeds from every corpus
// notice): "tuned" = made from the three notices of the gold pairs (48 pairs, 2,256 upper
// tasks), used to choose; "held-out" = made from chizhou-city-2018 and jiujiang-city-2021
// (32 pairs, 864 upper tasks), looked at only once the setting was chosen. Columns: gold
// link F1 / covered-dropped acc; constructed covered-dropped acc and the number of upper
// tasks the construction dropped that the alignment reports covered.
//
//   relative_link relative_extra explained | A           B           | tuned       | held-out
//   0    0    0    (the absolute bars)     | 0.847 0.909 0.846 0.889 | 0.951 109   | 0.952  43
//   0    0.35 0                            | 0.847 0.909 0.846 0.889 | 0.994  12   | 0.999   1
//   0    0    0.9                          | 0.847 0.909 0.846 0.889 | 0.995  11   | 0.999   1
//   0.2  0.3  0.9                          | 0.847 0.909 0.846 0.889 | 0.997   6   | 1.000   0
//   0.2  0.35 0.9                          | 0.847 0.909 0.846 0.889 | 0.999   2   | 1.000   0  ← chosen
//   0.2  0.4  0.9                          | 0.847 0.909 0.831 0.867 | 0.999   2   | 1.000   0
//   0.2  0.5  0.9                          | 0.828 0.909 0.800 0.844 | 0.999   2   | 1.000   0
//   0.3  0.35 0.9                          | 0.847 0.909 0.827 0.844 | 1.000   1   | 1.000   0
//   0.1 / explained 0.8                    | as chosen               | 0.999   2   | 1.000   0
//   explained 0.95                         | as chosen               | 0.999   3   | 1.000   0
//
// The pair's scale (`scale`) is 0.34 on A, 0.46 on B, 0.99–1.00 on every constructed pair
// and 0.14–0.44 on the other 18 ordered corpus pairs; so the bars stay at the absolute
// floors on real pairs of notices that rewrote their upper one, and rise to 0.20 / 0.35 on
// a near-verbatim copy, where the noise merges scored 0.38–0.45 (similar tasks of the
// same notice). B's weakest right merge (0.171 at scale 0.46) caps relative_extra at 0.37,
// and B's weakest right backbone links cap relative_link below 0.3. `explained` says the
// same thing from the text rather than the scores: a lower task that is nothing but its
// partner's text merged nothing else, whatever it scores. The two left on the tuned set
// are in the `trimmed` kind (tasks cut to a clause), and both are in review.
//
// An order LINK rule (an unlinked upper task linked to its best candidate when that lies
// between the partners of its confidently linked neighbours) was measured and removed: at
// a floor of 0.04–0.06 it adds one link on A, wrong (F1 0.847 → 0.833), none on B, none
// on the constructed pairs; at 0.07 and above none anywhere; relaxed (a taken lower task
// allowed, or no mutual best match) two wrong links on A and two to constructed dropped
// tasks. Measured again with the evidence below in place: the same one wrong link on A.
// B's gold links 31 and 39 have best candidates outside their neighbours' interval.
// Position is used as evidence for the confidence instead (below).
//
// Review band (`review_band`), as first fitted: a status was 待核实 when its deciding score
// was within this share of the bar, when a higher or nearly as high (within the band)
// upper task shared its lower task, or when only the phrase rule linked it. Review size / accuracy
// of the calls outside review (the other 18 ordered corpus pairs have no gold: size only):
//
//   band  | A             | B             | tuned        | held-out     | other 18 pairs
//   –     | 2%  0.907     | 4%  0.884     | 0%   0.951   | 0%   0.952   | 1%   (before issue 14:
//         |               |               |              |              |  phrase links only)
//   0     | 5%  0.905     | 13% 0.897     | 0.5% 1.000   | 0.2% 1.000   | 6.5%
//   0.1   | 11% 0.923     | 24% 0.882     | 2.2% 1.000   | 1.7% 1.000   | 17%
//   0.15  | 16% 0.946     | 29% 0.906     | 3.5% 1.000   | 2.5% 1.000   | 25%
//   0.2   | 18% 0.944     | 31% 0.935     | 4.5% 1.000   | 4.1% 1.000   | 31%  ← chosen
//   0.25  | 25% 0.939     | 33% 0.933     | 5.7% 1.000   | 4.5% 1.000   | 37%
//   0.3   | 27% 0.938     | 42% 0.962     | 7.3% 1.000   | 6.1% 1.000   | 42%
//
// 0.2 is the narrowest band that brings both gold pairs to 0.93 outside review; the two
// gold pairs together have 25% of their upper tasks in review (22 of 89). The wrong calls
// left outside it are dropped tasks whose gold link scores 0.06–0.08 (half the bar) and
// two links at 0.20 that the gold reads otherwise: nothing in the scores tells them apart.
// Pairs of notices that share little (scale below 0.2) put a third of their tasks in
// review: most of their calls are near the bar, and the band says so.
//
// Fresh edits (`--seed 14 --seed 99 --seed 123`, none used above; 120 pairs): before issue
// 14, covered/dropped 0.935 on the held-out notices' pairs and 0.950 on the others, with 87
// and 166 dropped tasks reported covered; now 1.000 and 0.999, 0 and 3 (all three in
// review), 4.7% and 4.1% of upper tasks in review, every call outside review right.
//
// Evidence beside the score (issue 14, second part; `decide`, `Evidence`). The band
// treated every score near the bar alike and flagged legitimate merges as contested. Each
// piece of evidence below was given a reason first, then measured with `calibrate
// --evidence FILE` (every upper task's evidence, call and truth, one TSV line each) on
// the gold pairs, the constructed pairs of seeds 11 and 29 (tuned / held-out as above)
// and fresh seeds 14, 99, 123 (none used to choose), and the other 18 corpus pairs.
// Review share / accuracy outside review, (Nw) = wrong calls outside review:
//
//   rule (cumulative)            | A           | B           | tuned | held  | fresh tuned  | fresh held | other 18
//   band 0.2 alone (as above)    | 18.2% 0.944 | 31.1% 0.935 | 4.5%  | 4.1%  | 4.1%         | 4.7%       | 30.8%
//   + top claimant               | 18.2% 0.944 | 28.9% 0.938 | 4.2%  | 3.8%  | 4.0%         | 4.6%       | 29.4%
//   + mutual best, margin 0.5    | 15.9% 0.946 | 26.7% 0.939 | 4.2%  | 3.8%  | 4.0%         | 4.6%       | 28.8%
//   + merge explained (0.9)      | 15.9% 0.946 | 26.7% 0.939 | 3.9%  | 3.6%  | 3.8%         | 4.2%       | 28.7%
//   + phrase link in order       | 13.6% 0.947 | 24.4% 0.941 | 3.9%  | 3.6%  | 3.8%         | 4.2%       | 28.1%  ← chosen
//   chosen, margin 0.25          | 13.6% 0.947 | 24.4% 0.941 | 3.9%  | 3.6%  | 3.8%         | 4.2%       | 25.6%
//   chosen, margin 0             | 13.6% 0.947 | 22.2% 0.943 | 3.9%  | 3.6%  | 3.8% (1w)    | 4.2%       | 24.5%
//   chosen + in-order merge      | 13.6% 0.947 | 22.2% 0.943 | 3.8%  | 3.6%  | 3.7% (1w)    | 4.2%       | 27.4%
//   chosen + in-order drop ≤ 0.9 | 18.2% 0.944 | 26.7% 0.970 | 6.4%  | 5.6%  | 6.1%         | 6.4%       | 33.4%
//   chosen + drop, taken 2×      |  9.1% 0.950 | 15.6% 0.895 | 0.2%  | 0.0%  | 0.3%         | 0.1%       | 24.5%
//
// (Constructed pairs: every call outside review right, 1.000, except where marked.)
// - Top claimant: of two upper tasks linked to one lower task, the doubt lies with the
//   weaker claim; the stronger (its lower task's best upper task) is not contested. Every
//   call it released, on every set, is right.
// - Mutual best with a clear margin: a link near its bar whose two tasks are each other's
//   best match and whose next candidate scores at most half as much (margin 0.5), not out
//   of order: closeness to the bar then says the rewording is heavy, not that the task
//   went elsewhere. Released A 24, B 22, right. A smaller margin releases more on the
//   corpus, but at 0 it releases a wrong link on the fresh seeds (trimmed, margin 0.17)
//   and B's next candidate sits at 0.25: 0.5 is the stated half, not a fitted edge.
// - Merge explained: a contested link whose upper text stands nearly whole in the lower
//   task (the `explained` share, 0.9) is a merge, not a rivalry: the constructed county
//   merges (upper text 0.72–1.00 in the lower task); gold merges are reworded and keep
//   their review.
// - Phrase link in order: a phrase link whose lower task also lies between the partners
//   of its confidently linked neighbours (same section) has two independent pieces of
//   evidence; confidence 0.7, the edge of the band. Released A 21, B 38 (right) and 4 of
//   the other pairs' 8 phrase links, the ones read right by hand above (health education,
//   annual reports, training); the 3 made by the stock slogan 政务公开标准化规范化 lie out
//   of order or have no neighbour, and stay in review.
// - Tried and left out: an in-order merge clear of its bar is not contested (right for
//   B 2, but the fresh seed 14 has a constructed dropped task linked as a merge to its
//   neighbour's text, in order by construction: neighbouring tasks are alike, so order
//   alone does not vouch for a merge); a dropped task whose best candidate is in order
//   needs review up to confidence 0.9 (catches B 39, but costs 2 points of review on every
//   set and A gains nothing); a drop whose best candidate another task holds at twice the
//   score is sure (clears the constructed review, but 2 of B's wrong drops are such merges
//   by the gold: 0.895 outside). Neighbours from the whole notice rather than the section
//   put the slogan phrase links in order too.
//
// Leave one pair out: the rules have one new number, the margin. Chosen on A with the
// constructed pairs, anything in 0.17–0.54 does the same on A, the constructed pairs rule
// out less, and the stated half (0.5) gives B 24.4% / 0.941; chosen on B alone, 0.17–0.24
// would win (B 22.2% / 0.943, releasing B 24 at 0.247, right), and on A it makes no
// difference (13.6% / 0.947 at any margin up to 0.54): A does not contradict B's choice,
// but 0.5 is kept as the reasoned value rather than B's edge. Every other rule released only right calls on each
// gold pair alone and on the constructed pairs, so either gold pair alone keeps the same
// rules. Drops near the bar stay the bulk of the review (154 of 194 on the other pairs):
// on gold 4 of the 10 in review are wrong, and nothing measured here tells those apart.

/// Backbone bar as a share of the pair's [`PairThresholds::scale`] (see `fit`).
pub const DEFAULT_RELATIVE_LINK: f64 = 0.2;
/// Split/merge bar as a share of the pair's scale.
pub const DEFAULT_RELATIVE_EXTRA: f64 = 0.35;
/// Share of a task its backbone partner must explain for it to take no split or merge
/// link (0: off).
pub const DEFAULT_EXPLAINED: f64 = 0.9;
/// Relative distance from the bar within which a status needs review.
pub const DEFAULT_REVIEW_BAND: f64 = 0.2;

/// The most (upper task × lower task) pairs one comparison scores: 4 million pairs, such
/// as 2,000 tasks against 2,000, take about a quarter of a GiB. Real notices have tens of
/// tasks; beyond this the input is not a task list a person wrote.
pub const MAX_PAIRS: usize = 4_000_000;

/// The most characters of task text (both notices together) one comparison reads: a pair
/// of real notices holds about 15,000, and the work grows with every character (a
/// comparison of 3 million characters took 8 s and 1 GiB), so beyond this the input is
/// not a task list a person wrote either.
pub const MAX_TASK_CHARS: usize = 1_000_000;

/// Why two notices cannot be aligned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AlignError {
    #[error(
        "{upper} × {lower}: too many task pairs to compare ({pairs}; the limit is {MAX_PAIRS})"
    )]
    TooLarge {
        upper: String,
        lower: String,
        pairs: usize,
    },
    #[error(
        "{upper} × {lower}: too much task text to compare ({chars} characters; the limit is {MAX_TASK_CHARS})"
    )]
    TooLong {
        upper: String,
        lower: String,
        chars: usize,
    },
}

/// Refuses a comparison whose score matrix would exceed [`MAX_PAIRS`], or whose task texts
/// exceed [`MAX_TASK_CHARS`].
pub fn check_size(upper: &Notice, lower: &Notice) -> Result<(), AlignError> {
    let pairs = upper.tasks.len().saturating_mul(lower.tasks.len());
    if pairs > MAX_PAIRS {
        return Err(AlignError::TooLarge {
            upper: upper.source.clone(),
            lower: lower.source.clone(),
            pairs,
        });
    }
    let chars: usize = upper
        .tasks
        .iter()
        .chain(&lower.tasks)
        .map(|t| t.text.chars().count())
        .sum();
    if chars > MAX_TASK_CHARS {
        return Err(AlignError::TooLong {
            upper: upper.source.clone(),
            lower: lower.source.clone(),
            chars,
        });
    }
    Ok(())
}

/// Above this many pairs the one-to-one backbone is chosen greedily (best pair first)
/// instead of by the cubic Hungarian algorithm.
const HUNGARIAN_MAX_PAIRS: usize = 400_000;

/// How to align.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    pub thresholds: Thresholds,
    /// Links an auditor confirmed or rejected.
    pub overrides: Option<Overrides>,
    /// Work out what changed inside each link (diff, clauses, deadline, units, numbers,
    /// softening). Runs over many notices that need only the statuses turn it off.
    pub details: bool,
    /// The concept lexicon (`None`: the built-in one, [`Concepts::builtin`]).
    pub concepts: Option<Arc<Concepts>>,
    /// The evidence rules of issue 22, each of which can be turned off for calibration.
    pub levers: Levers,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            thresholds: Thresholds::default(),
            overrides: None,
            details: true,
            concepts: None,
            levers: Levers::default(),
        }
    }
}

/// The evidence rules beside the word score (issue 22), with the numbers they were
/// calibrated at (see the calibration above `DEFAULT_ORDER_FLOOR`). Not part of the
/// output: a setting a user chooses is a [`Thresholds`]; these are the aligner's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Levers {
    /// The order rescue's floor: an unlinked upper task takes its best lower candidate
    /// when that scores at least this, is free, prefers it, and lies in order (0: off).
    pub order_floor: f64,
    /// Links scoring at least this are the anchors the order is read from.
    pub anchor_floor: f64,
    /// A dropped task whose lower task of this much topic similarity (concepts) scores
    /// at least `topic_lexical` is put in review as a topic-only match (0: off).
    pub topic: f64,
    /// See `topic`.
    pub topic_lexical: f64,
    /// An order rescue link needs at least this topic similarity (0: none needed).
    pub order_topic: f64,
    /// A link whose two tasks share at least this topic similarity is corroborated: near
    /// its bar it needs no review, and a rival claim on its lower task makes it a merge,
    /// not a contest (0: off).
    pub corroborate: f64,
    /// A link whose two tasks name topics but share none is put in review.
    pub off_topic: bool,
    /// Shared phrases made only of stock phrases link nothing.
    pub stock_phrases: bool,
    /// A corroborated link whose lower task another upper task claims as strongly is a
    /// merge, not a contest, when more than half of that lower task is not this task's
    /// text; off, such a link is contested (in review), as before.
    pub topic_merge: bool,
    /// A link whose score lies within this share above its bar is not made sure by its
    /// margin over the next candidate (that candidate may be gone: a deleted partner).
    pub margin_guard: f64,
    /// `carried` needs this share of the upper task's clauses found below (0: off).
    pub carried_clauses: f64,
    /// The margin guard holds for topic corroboration too: a link within `margin_guard`
    /// above its bar is not made sure by a shared topic (after a deletion, an orphan's
    /// next candidate is a neighbouring task on the same topic).
    pub topic_guard: bool,
    /// An order rescue link whose place its anchors pin, on a corroborating topic, is
    /// sure (off: every order link is 待核实, since an orphan's neighbour looks the same).
    pub pinned_release: bool,
    /// A dropped task near its bar whose best candidate another linked upper task claims
    /// at least this many times as strongly is sure: that lower task is the other's
    /// (0: off).
    pub taken: f64,
    /// A dropped task whose best candidate no task holds is in review within this many
    /// review bands below its bar (0 or 1: the plain band).
    pub free_band: f64,
    /// A merge on a shared topic also needs the stronger claimant not to make up more
    /// than half of the lower task: a lower task that is mostly another task's text has
    /// no room for a merge.
    pub merge_room: bool,
    /// A dropped task whose best candidate other upper tasks hold, but which shares with
    /// it a topic of at least this similarity that none of its holders shares with it (a
    /// topic of its own there), is 待核实 (topic only), not a sure drop: it may be a
    /// merge (0: off).
    pub taken_topic: f64,
    /// An order rescue link is sure when it scores at least this share of its bar, leads
    /// its next lower candidate by at least `order_margin` ([`Evidence::margin`]) and
    /// shares topics of `corroborate` strength with its lower task (0: off, every order
    /// link is 待核实).
    pub order_sure: f64,
    /// See `order_sure`.
    pub order_margin: f64,
    /// An upper task left unlinked whose best lower task another upper task holds by a
    /// claim under `taken` times its own, at a score within the review band below its
    /// bar, merges into that lower task, 待核实 (contested).
    pub even_merge: bool,
}

impl Default for Levers {
    fn default() -> Self {
        Levers {
            order_floor: DEFAULT_ORDER_FLOOR,
            anchor_floor: DEFAULT_ANCHOR_FLOOR,
            topic: DEFAULT_TOPIC,
            topic_lexical: DEFAULT_TOPIC_LEXICAL,
            order_topic: DEFAULT_ORDER_TOPIC,
            corroborate: DEFAULT_CORROBORATE,
            off_topic: true,
            stock_phrases: false,
            topic_merge: true,
            margin_guard: DEFAULT_MARGIN_GUARD,
            carried_clauses: DEFAULT_CARRIED_CLAUSES,
            topic_guard: true,
            pinned_release: false,
            taken: DEFAULT_TAKEN,
            free_band: DEFAULT_FREE_BAND,
            merge_room: true,
            taken_topic: DEFAULT_TAKEN_TOPIC,
            order_sure: DEFAULT_ORDER_SURE,
            order_margin: DEFAULT_ORDER_MARGIN,
            even_merge: true,
        }
    }
}

impl Levers {
    /// Every issue-22 rule off: the aligner as it was before.
    pub fn off() -> Levers {
        Levers {
            order_floor: 0.0,
            anchor_floor: DEFAULT_ANCHOR_FLOOR,
            topic: 0.0,
            topic_lexical: 0.0,
            order_topic: 0.0,
            corroborate: 0.0,
            off_topic: false,
            stock_phrases: false,
            topic_merge: false,
            margin_guard: 0.0,
            carried_clauses: 0.0,
            topic_guard: false,
            pinned_release: true,
            taken: 0.0,
            free_band: 0.0,
            merge_room: false,
            taken_topic: 0.0,
            order_sure: 0.0,
            order_margin: 0.0,
            even_merge: false,
        }
    }
}

// Issue 22: evidence beside the word score, measured with `cargo run --release --example
// calibrate -- --gold SETTING …` on the four real gold pairs (A anhui-2022 → chizhou-2021,
// B chizhou-2021 → lezhi-2021, C chizhou-2018 → chizhou-2021, D chizhou-2021 →
// jiujiang-2021; C and D are new, from ../shared/gold). Columns: link F1 / covered-dropped
// accuracy / share of upper tasks in review / accuracy of the calls outside review.
//
//   setting                        | A                   | B                   | C                   | D
//   main before issue 22           | .847 .909 14% .947  | .846 .889 24% .941  | .545 .720 28% .889  | .767 .800 31% .839
//   all of it off (`off`)²         | .847 .909 14% .947  | .846 .889 24% .941  | .545 .720 28% .889  | .780 .822 31% .839
//   chosen (defaults below)        | .847 .909 18% .972  | .846 .889 24% .941  | .667 .840 32% .941  | .800 .844 29% .906
//   … order links sure in the band³ | .847 .909 18% .972  | .846 .889 24% .941  | .667 .840 20% .950  | .800 .844 29% .906
//   chosen, corroborate 0.45       | .847 .909 18% .972  | .846 .889 27% .970  | .667 .840 24% .947  | .800 .844 31% .903
//   chosen, stock phrases refused  | .847 .909 18% .972  | .831 .867 22% .914  | .667 .840 20% .950  | .814 .867 27% .909
//   … and corroborate 0.45         | .847 .909 18% .972  | .831 .867 24% .941  | .667 .840 24% .947  | .814 .867 29% .906
//   chosen, order rescue off       | .847 .909 18% .972  | .846 .889 24% .941  | .545 .720 32% .941  | .780 .822 29% .906
//   order topic 0       (earlier¹) | .847 .909 14% .947  | .821 .844 20% .889  | .684 .840 12% .909  | .800 .844 24% .882
//   topic partner off   (earlier¹) | .847 .909 11% .949  | .831 .867 18% .919  | .667 .840 12% .909  | .800 .844 22% .886
//   topic partner 0.3 / 0.5 (¹)    | .971 / .947 outside | .941 / .914         | 32% 1.00 / 20% .950 | 27% .909 both
//   corroborate off / 0.5   (¹)    | 16% .946 / 20% .971 | 29% .906 / 29% .938 | 24% .947 / 20% .950 | 31% .871 / 27% .909
//   off-topic review off    (¹)    | 18% .972            | 22% .943            | 20% .950            | 24% .882
//
// ¹ an earlier state: before punctuation was read alike and rescues needed a topic and a
//   score within the band to be sure; rows marked so compare with that state's own chosen
//   row, .847 .909 18% .972 | .831 .867 24% .941 | .667 .840 20% .950 | .800 .844 27% .909.
// ³ an order link within the review band below its bar sure without pinned anchors: it
//   relinks a deleted partner's upper task silently on D (the deletion property).
// ² with `.`, `,`, `、` read alike whichever way they are typed (`score::same_punctuation`),
//   which alone removes a wrong link on D.
//
// - Order rescue (`order_floor` 0.08, anchors ≥ 0.3, one position of slack): the rescue
//   ALIGNMENT_NOTES.md measured outside the crate, a lower task that is free, prefers this
//   upper task, and lies between its neighbours' confident links. C gains 0.12 F1 / 0.12
//   covered-dropped, D 0.02. It needs a shared topic (`order_topic`): without one it added
//   a wrong link on B (a 政府公报 task to a 网站 one) and on C (a pilot-scheme task to a
//   目录 one). It is sure only on a topic of `corroborate` strength and a place its
//   anchors pin (`topic::pinned`), else 待核实 (rescued): after a deletion it relinked
//   an orphan of C at 0.092 (bar 0.12) and one of D at 0.115 by position. C's own order
//   links (0.099–0.111, right) lie where anchors are sparse, so they are in review too:
//   C's review is 32%, not 20%, the price of never relinking an orphan silently. A phrase
//   link in order
//   is sure on the same terms (within the band below its bar): another orphan of C was
//   relinked at 0.066 by a phrase its deleted partner had shared.
//   Floor 0.06 does the same; 0.10 loses C's gains; anchors at 0.35 lose them, at 0.25
//   cost A and D a link each.
// - Topic partner (`topic` 0.4): a dropped task with a free lower task of that topic
//   similarity (shared concepts, IDF-weighted cosine) and a word score ≥ 0.03 is 待核实
//   (topic only), never linked. Over any lower task, taken or free, it flagged 26 drops of
//   which only 9 were wrong; over free ones at 0.4 it catches the wrong silent drops of A
//   and B at +2 / +1 tasks in review. 0.3 puts C at 32%.
// - Corroboration (`corroborate` 0.3): a link whose tasks share topics that strongly is
//   not contested by a rival claim (a merge: item 4) and, near its bar, is sure. At 0.45
//   it released A 13, B 2, 17, 22, 24, C 12, D 8, 25, 30, all right, and B 16 and D 2
//   (wrong, topic 0.40 and 0) kept their review; 0.3 also releases B 16 (wrong) and
//   C's and D's order links on a shared topic (right). Leave one pair out chooses 0.3
//   for A, C and D, 0.45 for B; 0.3 is kept.
// - Off topic: a link whose tasks both name topics but share none is 待核实 unless it is
//   far over its bar (D 28, wrong: 基层政务公开/信息管理 against another topic).
// - Stock phrases (`stock_phrases`, off): a phrase link made only of phrases found in ≥ 5
//   of 20 notices (src/lexicon/stock_phrases.txt, bench/lexicon/stock_phrases.py) is not
//   made. It removes a wrong link on D (D would reach .814 / .867) and a right one on B
//   (the annual-report phrase B's gold links by: B .846 .889 → .831 .867, under issue 3's
//   floor of .88 covered/dropped). Leave one pair out is split (on for B left out, off for
//   A, C and D left out), so it is off; `calibrate stock=1` turns it on.
// - Margin guard (`margin_guard` 0.1): the "next candidate at most half" release needs the
//   link 10% clear of its bar, since the next candidate may be a deleted task; no gold
//   call changes (guard 0 and 0.2 give the same figures), the deletion property does.
// - Labels (`carried_clauses` 0.2): 原文落实 also needs a fifth of the upper task's clauses
//   verbatim (runs of ≥ 4 characters covering 60% of the clause). Label accuracy A / B / C
//   / D: before .960 .818 .889 .870; 0.2 .960 .818 1.00 .875; 0.3 .960 .813 1.00 .833;
//   0.4 1.00 .719 1.00 .792; 0.5 .960 .688 1.00 .792.
//
// Leave one pair out over the settings of the first block (`calibrate off default co=0.45
// stock=1 stock=1,co=0.45 order=0` prints it last): chosen on the other three, A, B and C
// get stock phrases refused with corroborate 0.45 (A .847 .909 18% .972, B .831 .867 24%
// .941, C .667 .840 24% .947), D the defaults (.800 .844 29% .906). The defaults are D's
// choice and keep B at main's figures; refusing stock phrases takes a right link from B
// (under issue 3's floor of .88 covered/dropped, `gold_pairs_score_above_the_floors`).
// Short of the issue's floors: C's covered/dropped (0.84 of 0.85: one task) and review
// (32%, its order links), D's covered/dropped (0.844 of 0.85: one task), review (29%) and
// accuracy outside it (0.906). (The leave-one-out figures were measured with order links
// sure in the band, ³ above; C then had 20–24% in review.) Among D's wrong calls outside review
// are a dropped task whose gold partner another upper task holds at 9× its score (the
// merge shape, for which ALIGNMENT_NOTES.md found no safe rule) and a drop out of order.
// Constructed pairs (seeds 11, 29): held-out 0 dropped tasks reported covered, every call
// outside review right (as before); tuned 2 dropped tasks reported covered (as before,
// both in review), every call outside review right (a topic-merge release made one wrong
// call in the `trimmed` kind until `MERGE_EXPLAINS` bounded it). On the
// other ordered corpus pairs (no gold) review grows from 28% to 30%, 113 of its 187 tasks
// topic-only drops.

// Issue 22, second part: the review band against the deletion property. Measured with
// `cargo run --release --example calibrate -- --deletions 100 SETTING …`: `--deletions`
// deletes every linked lower task of each gold pair in turn, then 100 sets of two or
// three, and counts orphans relinked silently (an upper task that lost every partner,
// covered and not in review) and other sure calls changed (a call sure before and after
// the deletion whose covered/dropped status flipped; with this reading every setting
// below has none: the calls that flipped were 待核实 before). Columns per pair: share in review /
// accuracy outside review; then orphans + other changes summed over the four pairs;
// constructed pairs (seeds 11, 29) review share / accuracy outside; the other 18 corpus
// pairs' review share. F1 and covered/dropped do not move (no lever here makes a link).
//
//   setting                            | A          | B          | C          | D          | deletions | tuned / held-out      | other 18
//   before (the first part's chosen)   | 18.2% .972 | 24.4% .941 | 32.0% .941 | 28.9% .906 | 23 + 0    | 3.9% / 3.6%, 1.000    | 31.6%
//   chosen (defaults below)            | 15.9% .973 | 24.4% .941 | 36.0% .938 | 22.2% .914 | 0 + 0     | 0.3% / 0.0%, 1.000    | 29.3%
//   … taken off                        | 18.2% .972 | 26.7% .939 | 36.0% .938 | 28.9% .906 | 0 + 0     | 3.9% / 3.6%, 1.000    | 34.8%
//   … taken 1.0 / 2.0                  | 15.9% / 15.9% | 24.4% / 26.7% | 36% / 36% | 20.0% .889 / 24.4% .912 | 0 + 0 | 0.3% / 0.3%       | 28.8% / 32.0%
//   … topic guard off                  | 15.9% .973 | 22.2% .943 | 32.0% .941 | 22.2% .914 | 17 + 0    | as chosen             | 26.7%
//   … pinned order links sure          | as chosen                                           | 6 + 0     | as chosen             | 28.8%
//   … merge room off                   | as chosen                                           | 0 + 0     | tuned 0.2%, 1 wrong¹  | 29.1%
//   … free band 1.5                    | 18.2% .972 | 28.9% .938 | 36.0% .938 | 24.4% .941 | 0 + 0     | as chosen             | 31.1%
//
// ¹ the `trimmed` kind at seed 14 (tests/e2e/metamorphic.rs): a dropped task linked, sure.
//
// - Taken (`taken` 1.2): a dropped task near its bar whose best candidate another linked
//   upper task holds at least 1.2 times as strongly is sure: that lower task is the
//   other's (ALIGNMENT_NOTES.md: merges onto a taken lower task are wrong three times in
//   four). 1.2 is one review band above an equal claim (1.0 is the contested line, so the
//   rule reads "clear of a contest by the band"). It released A 16, B 26, D 12, 17, 43,
//   all right, and most of the constructed review (every call still right). At 1.0 it
//   also releases D 29 (wrong, rival 1.03); at 2.0 it loses B 26 and D 17. Leave one pair
//   out: A, B and C have no drop with a rival between 1.0 and 1.4, so chosen on them 1.0
//   and 1.2 tie; D alone separates them, and the band's value was kept, not D's edge.
//   A topic-only partner keeps its review (B's wrong drops of this shape are topic-only).
// - Topic guard (`topic_guard`): the margin guard (a link within 10% above its bar) now
//   holds for topic corroboration too. Without it the deletion property fails on A and D
//   (10 and 7 orphans relinked at 0.121–0.129, sure by a shared topic). It costs B 24 and C 12 (right) a review; B 22, within the
//   guard, stays sure because every signal agrees (mutual best, the next candidate at
//   most half, in order, a corroborating topic); merges on a shared topic (A 13, B 17)
//   are not the orphan shape and keep their release. Leave one pair out over the rows
//   above (`calibrate --gold` with them, chosen on the review floors, then F1 +
//   covered/dropped, then accuracy outside less share in review) picks the guard off for
//   A, C and D and the free band for B: those criteria do not score the deletion property,
//   which is what the guard is for, so it is kept against that choice.
// - Pinned order links (`pinned_release`, now off): an order link pinned by its anchors
//   on a corroborating topic was sure; on the gold pairs it released nothing and it
//   relinked a deleted partner's task on D (upper 27 at 0.115; 6 orphans). Every order link was then
//   待核实: on C that is 3 right links in review, the main reason C stayed over 25% (the
//   fourth part releases them on other evidence).
// - Merge room (`merge_room`): a topic merge needs the stronger claimant to make up at
//   most half of the lower task (`MERGE_EXPLAINS`); the gold merges' claimants make up
//   0.20–0.45 of theirs, the trimmed kind's 0.83. It fixes the metamorphic trimmed case
//   and changes no gold call.
// - Free band (`free_band`, off): a drop whose best candidate is free, in review within
//   1.5 bands. It flags D 26 (wrong) but also A 2, B 25, B 41 (right): not taken.
//
// What stays short, plainly: C has 9 of 25 in review (36%: three order links, four
// topic-only drops, one drop near its bar and C 12 at its bar; every one of them but the
// topic-only drops is right), and D is 0.914 right outside review (three wrong drops: D 6
// and D 24, whose gold partners another task holds at 6 and 9 times their score, and D 26,
// a free candidate out of order at 0.77 of the bar, which nothing here tells from the
// right drops A 2, B 25, B 41 of the same shape).

// Issue 22, third part: a drop whose best candidate is taken, on a topic of its own there
// (`taken_topic`). `cargo run --release --example calibrate -- --deletions 100 ttopic=0
// default ttopic=0.4` (columns as above):
//
//   setting        | A          | B          | C          | D          | deletions | tuned / held-out   | other 18
//   ttopic=0       | 15.9% .973 | 24.4% .941 | 36.0% .938 | 22.2% .914 | 0 + 0     | 0.3% / 0.0%, 1.000 | 29.3%
//   0.5 (chosen)   | 15.9% .973 | 24.4% .941 | 36.0% .938 | 24.4% .941 | 0 + 0     | 0.3% / 0.0%, 1.000 | 30.6%
//   0.4            | 15.9% .973 | 24.4% .941 | 36.0% .938 | 26.7% .939 | 0 + 0     | 0.3% / 0.0%, 1.000 | 31.7%
//
// F1, covered/dropped and labels do not move (the rule makes no link). The shape: a
// dropped task whose best candidate other upper tasks hold, sure because it lies far under
// its bar or because the holder claims that lower task many times as strongly (`taken`),
// while it shares with that lower task a concept none of the holders names. A long lower
// task that answers several upper tasks one sentence each is a merge of that shape (D 6:
// 预决算 inside a 财政信息 task held by the debt and subsidy tasks at 6×). It flags D 6
// (wrong drop, similarity 0.57) at 0.5; at 0.4 also D 33 (a right drop, 0.45). Drops of
// this shape already in review (topic only or near the bar: A 1, A 33, C 9, C 16, D 29) stay
// there; the sure ones A 6, A 7, B 26 (right) lie at 0.10–0.34. Leave one pair out: A, B
// and C have no sure drop of this shape at or above 0.4, so chosen on them the lever is
// off for D (first listed on a tie): D's 0.941 is D's own choice, not a held-out figure.
// It is a review hint, not a merge link: ALIGNMENT_NOTES.md measured merges onto taken
// lower tasks as wrong three times in four on unseen pairs, and C 9 (a right drop) has the
// same shape at 0.57.

// Issue 22, fourth part: order links that are sure. Every order link was 待核实, because a
// deleted partner's neighbour is as free, in order and on topic as a real rescue; that kept
// C's three order links (right) in review and C at 9 of 25. Measured with
// `cargo run --release --example calibrate -- --gold --deletions 100 --why osure=0.01`
// (every order link sure, so that each orphan it relinks is printed with its evidence) and
// `--calls` (every call in review or wrong, with its evidence). Share of the bar / margin
// over the next lower candidate / topic similarity:
//
//   real rescues (gold)        C 5  .87 .40 .67   C 20 .93 .42 .57   C 23 .83 .44 .36
//                              D 34 .99 .37 .28
//   orphans relinked           C 15 → 31  .75–.78 .26–.34 .77–.82  (its partner 23 deleted)
//   (after deletions)          D 27 → 18  .95–.98 .18–.20 .71–.73  (19 deleted)
//                              D 23 → 25  1.00 .27 .50             (21, 26, 29 deleted)
//   a sure drop turned linked  A 7 → 19   .90–.93 .42–.45 .22      (11 deleted)
//
// The rule (`order_sure` 0.8, `order_margin` 0.35, topic ≥ `corroborate`): an order link
// within one review band below its bar (0.8 = 1 − `review_band`, the line the phrase rule's
// release uses too), leading its next candidate by 0.35 and on a corroborating topic is
// sure. It releases C 5, 20, 23 (right); D 34 keeps its review (topic 0.28). Each relink
// above fails at least one part (C 15 two: share and margin), so `--deletions 100` still
// relinks no orphan silently and changes no other sure call. The margin is read off these
// rows: it lies between the orphans' highest (0.34) and the rescues' lowest (0.37); the
// share and the topic are the existing band and corroboration. Figures (link F1 / covered-
// dropped / share in review / right outside review; F1 and covered/dropped do not move):
//
//   setting            | A              | B              | C              | D              | deletions
//   osure=0 (before)   | 15.9% .973     | 24.4% .941     | 36.0% .938     | 24.4% .941     | 0 + 0
//   chosen             | 15.9% .973     | 24.4% .941     | 24.0% .947     | 24.4% .941     | 0 + 0
//   osure=0.01 (all)   | 15.9% .973     | 24.4% .941     | 24.0% .947     | 22.2% .943     | 21 + 6
//
// Leave one pair out (`calibrate --gold --deletions 100` over the settings of the second
// and third parts, each with this rule on, and `osure=0`): the harness now ranks first the
// settings that change no call silently on the other three pairs (the deletion property is
// a requirement, not a preference), so `tguard=0` (10 orphans on A, 7 on D) and `pinned=1`
// (6 on D) are no longer chosen; every pair then gets the defaults: A .973 / 16%, B .941 /
// 24%, C .947 / 24%, D .941 / 24%. Two of these choices are ties, not preferences: A, B and
// D have no order link this rule releases, so C's release is C's own evidence; and A, B and
// C do not separate `ttopic` 0 from 0.5 (third part), so D's .941 still rests on a number
// only D chose (listed first, `ttopic=0` would give D .914).
//
// Also tried: a topic rescue (an unlinked upper task takes its free best candidate, which
// prefers it back, at ≥ 0.6–0.75 of the bar on a topic of 0.3–0.7, out of order or not,
// always 待核实): one wrong link on A (F1 .847 → .833, covered/dropped .909 → .886) and
// nothing on B, C or D. C 25's candidate shares too little topic; D 26's (the 12345 task)
// prefers D 28. Not kept.

// Issue 22, fifth part: merges on an even claim (`even_merge`). The one-to-one matching
// gives a lower task to one upper task; of two upper tasks that ask the same of it, the
// other was a sure drop even when the two claims differed by a few per cent (C 11: 0.140
// against its holder C 12's 0.130, both over the bar; D 29: 0.115 against D 34's 0.119).
// The rule: an upper task left unlinked whose best lower task is held, by claims under
// `taken` (1.2) times its own, at a score within one review band below its bar, and not
// mostly a holder's text (`MERGE_EXPLAINS` on the holder's `lower_in_upper`: the trimmed
// kind's clause copies), merges into it, always 待核实 (contested). 1.2 is the `taken` line
// read from the other side: at or over it the drop is sure (the lower task is the other's),
// under it the claims are even. `cargo run --release --example calibrate -- --gold
// --deletions 100 even=0 default` (link F1 / covered-dropped / in review / right outside):
//
//   setting      | A                   | B                   | C                   | D                   | deletions
//   even=0       | .847 .909 16% .973  | .846 .889 24% .941  | .667 .840 24% .947  | .800 .844 24% .941  | 0 + 0
//   chosen       | .847 .909 16% .973  | .846 .889 24% .941  | .703 .880 20% .950  | .820 .867 24% .941  | 0 + 0
//   … sure links | as chosen, but D's deletions relink 8 orphans silently (a neighbour's lower task)
//   … matching over scores at the bar only (sub-bar pairs weigh 0): C 11 takes lower 11 from
//     C 12 (no gain), D loses a link (.780 .822); not kept
//   … mutual best pairs over the bar always linked: C as chosen, nothing on D, and 9 orphans
//     of A relinked silently; not kept
//
// Label accuracy: D .875 → .880, the others as before. Constructed pairs (seeds 11, 29 and
// the fresh 14, 99, 123): unchanged (0 and 2, 0 and 3 dropped tasks reported covered, all
// in review); without the room condition a fresh trimmed pair had one more. Other 18 corpus
// pairs: 10 upper tasks become contested merges, 8 of which were in review as drops (30.0%
// → 30.3% in review). Leave one pair out (over the settings of the parts above and
// `even=0`): every pair gets the defaults; C's gain is chosen by D's figures and D's by C's,
// and A and B tie (the rule changes nothing there).

/// Share of its bar at which an order link can be sure (one review band below it).
pub const DEFAULT_ORDER_SURE: f64 = 0.8;
/// Lead over its next lower candidate an order link needs to be sure.
pub const DEFAULT_ORDER_MARGIN: f64 = 0.35;
/// Order rescue floor (issue 22).
pub const DEFAULT_ORDER_FLOOR: f64 = 0.08;
/// Anchor floor of the order rescue.
pub const DEFAULT_ANCHOR_FLOOR: f64 = 0.3;
/// Topic similarity of a topic-only partner.
pub const DEFAULT_TOPIC: f64 = 0.4;
/// Word score a topic-only partner needs beside its topic.
pub const DEFAULT_TOPIC_LEXICAL: f64 = 0.03;
/// Topic similarity an order rescue link needs.
pub const DEFAULT_ORDER_TOPIC: f64 = 0.01;
/// Topic similarity that corroborates a link.
pub const DEFAULT_CORROBORATE: f64 = 0.3;
/// Share above the bar within which the margin does not make a link sure.
pub const DEFAULT_MARGIN_GUARD: f64 = 0.1;
/// Share of clauses found below that `carried` needs.
pub const DEFAULT_CARRIED_CLAUSES: f64 = 0.2;
/// How many times as strongly another task must hold a dropped task's best candidate for
/// the drop to be sure.
pub const DEFAULT_TAKEN: f64 = 1.2;
/// Topic similarity with which a dropped task's taken best candidate, on a topic of its
/// own there, puts the drop in review.
pub const DEFAULT_TAKEN_TOPIC: f64 = 0.5;
/// Review bands below its bar within which a drop whose best candidate is free is 待核实
/// (measured and left off: see the calibration above).
pub const DEFAULT_FREE_BAND: f64 = 0.0;

/// Aligns a lower notice to an upper one.
pub fn align(upper: Notice, lower: Notice, seg: &Segmenter, opts: &AlignOptions) -> Alignment {
    let upper_tokens = score::tokenize(&upper.tasks, seg);
    align_tokenized(upper, &upper_tokens, lower, seg, opts)
}

/// Aligns a lower notice to an upper one whose tasks are already tokenised
/// ([`score::tokenize`]), so that one upper notice is tokenised once for many lowers.
pub fn align_tokenized(
    upper: Notice,
    upper_tokens: &[score::TaskTokens],
    lower: Notice,
    seg: &Segmenter,
    opts: &AlignOptions,
) -> Alignment {
    align_with_evidence(upper, upper_tokens, lower, seg, opts).0
}

/// [`align_tokenized`], and what each upper task's decision rested on, in upper-task
/// order (for calibration: `examples/calibrate.rs`).
pub fn align_with_evidence(
    upper: Notice,
    upper_tokens: &[score::TaskTokens],
    lower: Notice,
    seg: &Segmenter,
    opts: &AlignOptions,
) -> (Alignment, Vec<Evidence>) {
    let lower_tokens = score::tokenize(&lower.tasks, seg);
    let (uf, lf, vocab) = score::features_of(upper_tokens, &lower_tokens);
    let matrix = score::score_matrix(&uf, &lf, &vocab);
    let th = &opts.thresholds;
    let bars = fit(&matrix, th);
    let (mut pairs, backbone) = select_links(&matrix, &bars, th);
    let lv = &opts.levers;
    let phrases = rescue_by_phrase(
        &mut pairs,
        upper_tokens,
        &lower_tokens,
        th.phrase,
        lv.stock_phrases,
    );
    let lexicon: &Concepts = opts.concepts.as_deref().unwrap_or(Concepts::builtin());
    let topics = topic::Topics::new(&upper.tasks, &lower.tasks, lexicon);
    let plain: Vec<Vec<f64>> = matrix
        .iter()
        .map(|r| r.iter().map(|p| p.score).collect())
        .collect();
    let mut placed = topic::rescue_by_order(&plain, &pairs, lv.anchor_floor, lv.order_floor);
    placed.retain(|&(u, l), _| topics.similarity(u, l) >= lv.order_topic);
    let ordered: Pairs = placed.keys().copied().collect();
    let pinned: Pairs = placed.iter().filter(|e| *e.1).map(|e| *e.0).collect();
    pairs.extend(ordered.iter().copied());
    let merged: Pairs = if lv.even_merge && lv.taken > 0.0 {
        even_merges(
            &matrix,
            &pairs,
            bars.link * (1.0 - th.review_band),
            lv.taken,
        )
    } else {
        BTreeSet::new()
    };
    // A merge into a lower task that only position links holds rests on position too.
    let ordered: Pairs = ordered
        .iter()
        .copied()
        .chain(merged.iter().copied().filter(|&(_, l)| {
            pairs
                .iter()
                .filter(|p| p.1 == l)
                .all(|p| ordered.contains(p))
        }))
        .collect();
    pairs.extend(merged.iter().copied());
    let mut overridden = BTreeSet::new();
    let mut rejected = BTreeSet::new();
    if let Some(ov) = &opts.overrides {
        let index = |ids: &[crate::model::Task], id: &str| ids.iter().position(|t| t.id == id);
        for (u, l) in &ov.reject {
            if let (Some(ui), Some(li)) = (index(&upper.tasks, u), index(&lower.tasks, l)) {
                pairs.remove(&(ui, li));
                rejected.insert((ui, li));
            }
        }
        for c in &ov.confirm {
            if let (Some(ui), Some(li)) =
                (index(&upper.tasks, &c.upper), index(&lower.tasks, &c.lower))
            {
                pairs.insert((ui, li));
                overridden.insert((ui, li));
            }
        }
    }
    let origins: BTreeMap<(usize, usize), Origin> = pairs
        .iter()
        .map(|&p| {
            let o = if overridden.contains(&p) {
                Origin::Override
            } else if phrases.contains_key(&p) {
                Origin::Phrase
            } else if ordered.contains(&p) {
                Origin::Order
            } else {
                Origin::Computed
            };
            (p, o)
        })
        .collect();
    let links: Vec<Link> = pairs
        .iter()
        .map(|&(ui, li)| {
            let forced = opts.overrides.as_ref().and_then(|ov| {
                ov.confirm
                    .iter()
                    .find(|c| c.upper == upper.tasks[ui].id && c.lower == lower.tasks[li].id)
                    .and_then(|c| c.status)
            });
            let mut link = make_link(
                &upper,
                &lower,
                ui,
                li,
                &matrix[ui][li],
                (&uf[ui], &lf[li], &vocab),
                th,
                seg,
                origins[&(ui, li)],
                phrases.get(&(ui, li)).cloned(),
                forced,
                opts.details,
            );
            if forced.is_none()
                && link.status == Status::Carried
                && lv.carried_clauses > 0.0
                && verbatim_clauses(&upper.tasks[ui].text, &lower.tasks[li].text)
                    < lv.carried_clauses
            {
                link.status = Status::Reworded;
            }
            link.concepts = topics.shared(ui, li, lexicon);
            link
        })
        .collect();
    let linked_u: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let linked_l: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    let dropped_idx: Vec<usize> = (0..upper.tasks.len())
        .filter(|i| !linked_u.contains(i))
        .collect();
    let added_idx: Vec<usize> = (0..lower.tasks.len())
        .filter(|i| !linked_l.contains(i))
        .collect();
    // A pair a reviewer rejected is never offered again as a nearest candidate.
    let top = |scores: Vec<(usize, f64)>, ids: &Notice| -> Vec<Candidate> {
        let mut s = scores;
        s.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        s.into_iter()
            .take(3)
            .map(|(i, sc)| Candidate {
                id: ids.tasks[i].id.clone(),
                score: round3(sc),
            })
            .collect()
    };
    let dropped_evidence = dropped_idx
        .iter()
        .map(|&ui| Unmatched {
            id: upper.tasks[ui].id.clone(),
            candidates: top(
                matrix[ui]
                    .iter()
                    .map(|p| p.score)
                    .enumerate()
                    .filter(|&(li, _)| !rejected.contains(&(ui, li)))
                    .collect(),
                &lower,
            ),
        })
        .collect();
    let added_evidence = added_idx
        .iter()
        .map(|&li| Unmatched {
            id: lower.tasks[li].id.clone(),
            candidates: top(
                (0..upper.tasks.len())
                    .filter(|&ui| !rejected.contains(&(ui, li)))
                    .map(|ui| (ui, matrix[ui][li].score))
                    .collect(),
                &upper,
            ),
        })
        .collect();
    let dropped: Vec<String> = dropped_idx
        .iter()
        .map(|&i| upper.tasks[i].id.clone())
        .collect();
    let added: Vec<String> = added_idx
        .iter()
        .map(|&i| lower.tasks[i].id.clone())
        .collect();
    // The order rescue's links are weighed as rescues (`add_topic_evidence` marks them).
    let mut weighed = origins.clone();
    for o in weighed.values_mut() {
        if *o == Origin::Order {
            *o = Origin::Phrase;
        }
    }
    let mut evidence = evidence(&upper, &weighed, (&matrix, &rejected), &backbone, &bars, th);
    add_topic_evidence(
        &mut evidence,
        &pairs,
        (&ordered, &pinned),
        &rejected,
        &plain,
        &topics,
        lv,
    );
    let mut decisions = decide(&upper, &links, &evidence, th, lv);
    // A merge made on an even claim is for a reader to confirm: after a deletion, an
    // orphan's best remaining candidate is often its neighbour's lower task.
    for (ui, d) in decisions.iter_mut().enumerate() {
        let mine = |p: &&(usize, usize)| p.0 == ui && !overridden.contains(*p);
        if d.status != Status::Dropped
            && merged.iter().any(|p| mine(&p))
            && pairs.iter().filter(mine).all(|p| merged.contains(p))
        {
            d.review = true;
            d.doubt = Some(Doubt::Contested);
            d.confidence = d.confidence.min(0.5);
        }
    }
    // A task left dropped because a reviewer rejected its link was decided by that
    // reviewer: it is not flagged again (near-bar or otherwise).
    for (ui, d) in decisions.iter_mut().enumerate() {
        if d.status == Status::Dropped && rejected.range((ui, 0)..(ui + 1, 0)).next().is_some() {
            d.confidence = 1.0;
            d.review = false;
            d.doubt = None;
        }
    }
    // Issue 26: a status resting on characters OCR was unsure of (in the upper task or
    // in a lower task linked to it) is for a reader to confirm.
    let unsure = |n: &Notice, id: &str| n.ocr.as_ref().is_some_and(|o| o.doubts(id));
    for d in decisions.iter_mut() {
        if !d.review
            && (unsure(&upper, &d.id)
                || links
                    .iter()
                    .any(|l| l.upper == d.id && unsure(&lower, &l.lower)))
        {
            d.review = true;
            d.doubt = Some(Doubt::Ocr);
        }
    }
    let reviews = opts.overrides.as_ref().map_or_else(Vec::new, |ov| {
        let known = |n: &Notice, id: &str| n.tasks.iter().any(|t| t.id == id);
        ov.reviews()
            .into_iter()
            .filter(|r| known(&upper, &r.upper) && known(&lower, &r.lower))
            .collect()
    });
    let mut summary = summarise(&upper, &lower, &links, &dropped, &added);
    summary.review = decisions.iter().filter(|d| d.review).count();
    // Each notice's own warnings (gaps in its task numbering …), named by notice.
    let warnings = [&upper, &lower]
        .into_iter()
        .flat_map(crate::model::Warning::of_notice)
        .collect();
    let a = Alignment {
        upper,
        lower,
        links,
        dropped,
        added,
        dropped_evidence,
        added_evidence,
        thresholds: th.clone(),
        pair_thresholds: bars,
        decisions,
        summary,
        warnings,
        reviews,
    };
    (a, evidence)
}

/// Merges on an even claim: each upper task that `pairs` leaves unlinked whose best lower
/// task another upper task holds, when its own score there is at least `floor` and the
/// strongest holder's is under `taken` times it. Two upper tasks that claim one lower task
/// about equally are both answered by it; a holder's much stronger claim (`taken`) makes
/// the drop sure instead (`decide`).
fn even_merges(m: &[Vec<PairScore>], pairs: &Pairs, floor: f64, taken: f64) -> Pairs {
    let linked: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let mut out = BTreeSet::new();
    for (u, row) in m.iter().enumerate() {
        if linked.contains(&u) || row.is_empty() {
            continue;
        }
        let l = argmax(row.iter().map(|p| p.score));
        let own = row[l].score;
        let holders: Vec<&PairScore> = pairs
            .iter()
            .filter(|p| p.1 == l)
            .map(|p| &m[p.0][l])
            .collect();
        let held = holders.iter().map(|p| p.score).fold(0.0, f64::max);
        // A lower task that is mostly a holder's own text has no room for another task.
        let room = holders.iter().all(|p| p.lower_in_upper < MERGE_EXPLAINS);
        if own > 0.0 && own >= floor && held > 0.0 && held < taken * own && room {
            out.insert((u, l));
        }
    }
    out
}

/// Links each upper task that `pairs` leaves unlinked to the lower task with which it
/// alone shares a phrase of at least `len` characters; returns those links' phrases.
fn rescue_by_phrase(
    pairs: &mut BTreeSet<(usize, usize)>,
    upper: &[score::TaskTokens],
    lower: &[score::TaskTokens],
    len: usize,
    skip_stock: bool,
) -> BTreeMap<(usize, usize), String> {
    let linked: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let unlinked: Vec<usize> = (0..upper.len()).filter(|u| !linked.contains(u)).collect();
    let mut rescued = score::shared_phrases(upper, lower, &unlinked, len);
    if skip_stock {
        rescued.retain(|_, phrase| !crate::lexicon::stock::is_stock(phrase, len));
    }
    pairs.extend(rescued.keys().copied());
    rescued
}

/// How high a pair's scores run: the mean of the upper half of the upper tasks' best
/// scores. Half, because a lower notice may drop many tasks; the mean of a half, because
/// one percentile of forty values jumps.
fn scale(m: &[Vec<PairScore>]) -> f64 {
    let mut best: Vec<f64> = m
        .iter()
        .map(|row| row.iter().map(|p| p.score).fold(0.0, f64::max))
        .collect();
    best.sort_by(|a, b| b.total_cmp(a));
    let top = &best[..best.len().div_ceil(2)];
    if top.is_empty() {
        0.0
    } else {
        top.iter().sum::<f64>() / top.len() as f64
    }
}

/// The bars for one pair: the absolute floors, raised in proportion to how high the
/// pair's scores run, never lowered.
fn fit(m: &[Vec<PairScore>], th: &Thresholds) -> PairThresholds {
    let scale = scale(m);
    PairThresholds {
        scale: round3(scale),
        link: round3(th.link.max(th.relative_link * scale)),
        extra_link: round3(th.extra_link.max(th.relative_extra * scale)),
    }
}

/// (upper index, lower index) pairs, in order.
type Pairs = BTreeSet<(usize, usize)>;

/// The links kept, as (upper index, lower index), in order, and the one-to-one
/// backbone among them.
fn select_links(m: &[Vec<PairScore>], bars: &PairThresholds, th: &Thresholds) -> (Pairs, Pairs) {
    let nu = m.len();
    let nl = m.first().map_or(0, Vec::len);
    let mut pairs = BTreeSet::new();
    if nu == 0 || nl == 0 {
        return (pairs, BTreeSet::new());
    }
    for (u, l) in one_to_one(m) {
        if m[u][l].score >= bars.link {
            pairs.insert((u, l));
        }
    }
    let backbone = pairs.clone();
    // Splits and merges: a pair outside the backbone where one task is the other's best match.
    let best_lower: Vec<usize> = (0..nu)
        .map(|u| argmax((0..nl).map(|l| m[u][l].score)))
        .collect();
    let best_upper: Vec<usize> = (0..nl)
        .map(|l| argmax((0..nu).map(|u| m[u][l].score)))
        .collect();
    // A task its backbone partner already explains whole (a lower task made of nothing
    // but its partner's text, an upper task found whole in its partner) merges or splits
    // no further: in a near-verbatim copy every such candidate is noise.
    let upper_partner: BTreeMap<usize, usize> = backbone.iter().map(|&(u, l)| (l, u)).collect();
    let lower_partner: BTreeMap<usize, usize> = backbone.iter().copied().collect();
    let explained = |u: usize, l: usize| {
        th.explained > 0.0
            && (upper_partner
                .get(&l)
                .is_some_and(|&p| p != u && m[p][l].lower_in_upper >= th.explained)
                || lower_partner
                    .get(&u)
                    .is_some_and(|&p| p != l && m[u][p].upper_in_lower >= th.explained))
    };
    for u in 0..nu {
        for l in 0..nl {
            if m[u][l].score >= bars.extra_link
                && (best_lower[u] == l || best_upper[l] == u)
                && !explained(u, l)
            {
                pairs.insert((u, l));
            }
        }
    }
    (pairs, backbone)
}

/// Confidence of a decision made at `bar` on evidence `s`: 0.5 at the bar, rising with
/// the relative distance from it, 1 at half the bar's height away.
fn confidence(s: f64, bar: f64) -> f64 {
    if bar <= 0.0 {
        return 1.0;
    }
    (0.5 + (s - bar).abs() / bar).min(1.0)
}

/// What one upper task's decision rests on: the deciding pair's score against its bar,
/// and the evidence beside the score (`decide` weighs it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// Linked by the scores (backbone, split or merge).
    pub computed: bool,
    /// Linked only by the phrase rule.
    pub rescued: bool,
    /// Linked by an auditor's override.
    pub overridden: bool,
    /// The deciding score: the best-placed link's, or a dropped task's best candidate's
    /// (pairs an auditor rejected left out).
    pub score: f64,
    /// The bar that score was decided against.
    pub bar: f64,
    /// The deciding lower task has this task as its best upper one, and it is this
    /// task's best lower one.
    pub mutual: bool,
    /// How far the deciding score leads the best lower candidate outside the task's
    /// links, relative to it (0–1).
    pub margin: f64,
    /// Whether the deciding lower task lies between the lower partners of the nearest
    /// confident links before and after this task in its section (`None`: no such
    /// neighbour).
    pub in_order: Option<bool>,
    /// The strongest rival for this task's lower tasks (another upper task linked to one
    /// of them; a dropped task's: to its deciding candidate) relative to this task's own
    /// score there, the worst over its lower tasks (0: none).
    pub rival: f64,
    /// IDF-weighted share of this task's text found in the deciding lower task.
    pub covered: f64,
    /// IDF-weighted share of the deciding lower task's text found in this task.
    pub explains: f64,
    /// The most of this task's lower tasks' text another upper task linked to them
    /// explains (0: none).
    pub rival_explains: f64,
    /// Linked only by the order rescue ([`topic::rescue_by_order`]).
    pub ordered: bool,
    /// An order rescue link whose place the anchors around it pin ([`topic::pinned`]).
    pub pinned: bool,
    /// Topic similarity (shared concepts, [`topic::Topics::similarity`]): a link's with
    /// its deciding lower task; a dropped task's with its closest lower task by topic
    /// among those scoring at least [`Levers::topic_lexical`].
    pub topic: f64,
    /// The deciding pair's tasks both name topics (and, when `topic` is 0, different ones).
    pub topic_named: bool,
    /// A dropped task's topic similarity with its deciding candidate when other upper
    /// tasks hold that candidate and this task shares a concept with it that none of
    /// them shares (0 otherwise: free, or no topic of its own there).
    pub taken_topic: f64,
    /// How far this task leads the next upper task on its deciding lower task, relative
    /// to its own score there (0–1): the lower task's own view of who its partner is.
    pub col_margin: f64,
}

fn evidence(
    upper: &Notice,
    origins: &BTreeMap<(usize, usize), Origin>,
    (m, rejected): (&[Vec<PairScore>], &Pairs),
    backbone: &BTreeSet<(usize, usize)>,
    bars: &PairThresholds,
    th: &Thresholds,
) -> Vec<Evidence> {
    let nl = m.first().map_or(0, Vec::len);
    // Confident anchors: backbone links clear of the bar by the review band.
    let anchor: BTreeMap<usize, usize> = backbone
        .iter()
        .filter(|&&(u, l)| m[u][l].score >= bars.link * (1.0 + th.review_band))
        .copied()
        .collect();
    let best_upper = |l: usize| argmax((0..m.len()).map(|v| m[v][l].score));
    (0..upper.tasks.len())
        .map(|u| {
            let mine: Vec<(usize, Origin)> = origins
                .range((u, 0)..(u + 1, 0))
                .map(|(&(_, l), &o)| (l, o))
                .collect();
            let bar_of = |l: usize| {
                if backbone.contains(&(u, l)) {
                    bars.link
                } else {
                    bars.extra_link
                }
            };
            let computed: Vec<usize> = mine
                .iter()
                .filter(|(_, o)| *o == Origin::Computed)
                .map(|&(l, _)| l)
                .collect();
            let open = |l: &usize| !rejected.contains(&(u, *l));
            let (l, bar) = if let Some(&l) = computed.iter().max_by(|&&a, &&b| {
                confidence(m[u][a].score, bar_of(a))
                    .total_cmp(&confidence(m[u][b].score, bar_of(b)))
                    .then(b.cmp(&a))
            }) {
                (l, bar_of(l))
            } else if let Some(&(l, _)) = mine.first() {
                (l, bars.link)
            } else {
                let l = (0..nl)
                    .filter(open)
                    .max_by(|&a, &b| m[u][a].score.total_cmp(&m[u][b].score).then(b.cmp(&a)))
                    .unwrap_or(0);
                let s = if nl == 0 { 0.0 } else { m[u][l].score };
                let s = if open(&l) { s } else { 0.0 };
                let bar = if s >= bars.link {
                    bars.extra_link
                } else {
                    bars.link
                };
                (l, bar)
            };
            let score = if nl == 0 { 0.0 } else { m[u][l].score };
            let linked: BTreeSet<usize> = mine.iter().map(|p| p.0).collect();
            let second = (0..nl)
                .filter(|k| *k != l && !linked.contains(k) && open(k))
                .map(|k| m[u][k].score)
                .fold(0.0, f64::max);
            let margin = if score > 0.0 {
                ((score - second) / score).max(0.0)
            } else {
                0.0
            };
            let mutual =
                nl > 0 && best_upper(l) == u && argmax((0..nl).map(|k| m[u][k].score)) == l;
            let col_second = (0..m.len())
                .filter(|&v| v != u && nl > 0)
                .map(|v| m[v][l].score)
                .fold(0.0, f64::max);
            let col_margin = if score > 0.0 {
                ((score - col_second) / score).max(0.0)
            } else {
                0.0
            };
            let section = &upper.tasks[u].section;
            let same = |v: &usize| upper.tasks[*v].section == *section;
            let before = anchor
                .range(..u)
                .rev()
                .find(|(v, _)| same(v))
                .map(|(_, &a)| a);
            let after = anchor
                .range(u + 1..)
                .find(|(v, _)| same(v))
                .map(|(_, &b)| b);
            let in_order = (before.is_some() || after.is_some())
                .then(|| before.is_none_or(|a| a <= l) && after.is_none_or(|b| l <= b));
            // A dropped task's claim is its deciding candidate.
            let claims = if mine.is_empty() {
                vec![(l, Origin::Computed)]
            } else {
                mine.clone()
            };
            let rival = claims
                .iter()
                .filter_map(|&(l, _)| {
                    let own = m[u][l].score;
                    origins
                        .keys()
                        .filter(|&&(v, k)| k == l && v != u)
                        .map(|&(v, _)| m[v][l].score)
                        .reduce(f64::max)
                        .filter(|_| own > 0.0)
                        .map(|r| r / own)
                })
                .fold(0.0, f64::max);
            let rival_explains = claims
                .iter()
                .flat_map(|&(l, _)| {
                    origins
                        .keys()
                        .filter(move |&&(v, k)| k == l && v != u)
                        .map(move |&(v, _)| m[v][l].lower_in_upper)
                })
                .fold(0.0, f64::max);
            Evidence {
                computed: !computed.is_empty(),
                rescued: computed.is_empty()
                    && !mine.is_empty()
                    && mine.iter().all(|(_, o)| *o != Origin::Override),
                overridden: mine.iter().any(|(_, o)| *o == Origin::Override),
                score,
                bar,
                mutual,
                margin,
                in_order,
                rival,
                covered: if nl == 0 { 0.0 } else { m[u][l].upper_in_lower },
                explains: if nl == 0 { 0.0 } else { m[u][l].lower_in_upper },
                rival_explains,
                ordered: false,
                pinned: false,
                topic: 0.0,
                topic_named: false,
                taken_topic: 0.0,
                col_margin,
            }
        })
        .collect()
}

/// Adds the order rescue and the topic evidence to each upper task's [`Evidence`]. An
/// upper task linked only by the order rescue is `ordered` (and not `computed`); its
/// deciding pair is that link.
fn add_topic_evidence(
    evidence: &mut [Evidence],
    pairs: &Pairs,
    (ordered, pinned): (&Pairs, &Pairs),
    rejected: &Pairs,
    m: &[Vec<f64>],
    topics: &topic::Topics,
    lv: &Levers,
) {
    let nl = topics.lowers();
    // A topic partner for a dropped task is a free lower task: one another upper task
    // holds is explained already.
    let taken: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    for (u, e) in evidence.iter_mut().enumerate() {
        let mine: Vec<usize> = pairs.range((u, 0)..(u + 1, 0)).map(|p| p.1).collect();
        if e.computed || e.overridden {
            let l = best_of(&mine, |l| m[u][l]);
            e.topic = topics.similarity(u, l);
            e.topic_named = topics.both_named(u, l);
            continue;
        }
        if let Some(&(_, l)) = ordered.range((u, 0)..(u + 1, 0)).next() {
            e.ordered = true;
            e.pinned = pinned.contains(&(u, l));
            e.rescued = false;
            e.score = m[u][l];
            e.topic = topics.similarity(u, l);
            continue;
        }
        if e.rescued {
            e.topic = topics.similarity(u, best_of(&mine, |l| m[u][l]));
            continue;
        }
        e.topic = (0..nl)
            .filter(|&l| {
                !rejected.contains(&(u, l)) && !taken.contains(&l) && m[u][l] >= lv.topic_lexical
            })
            .map(|l| topics.similarity(u, l))
            .fold(0.0, f64::max);
        // Its deciding candidate (the best open lower task), when others hold it.
        let best = (0..nl)
            .filter(|&l| !rejected.contains(&(u, l)))
            .max_by(|&a, &b| m[u][a].total_cmp(&m[u][b]).then(b.cmp(&a)));
        if let Some(l) = best.filter(|l| taken.contains(l) && m[u][*l] >= lv.topic_lexical) {
            let holders: Vec<usize> = pairs
                .iter()
                .filter(|p| p.1 == l && p.0 != u)
                .map(|p| p.0)
                .collect();
            if topics.own_topic(u, l, &holders) {
                e.taken_topic = topics.similarity(u, l);
            }
        }
    }
}

/// The element of `ls` with the highest `key` (the first on ties; 0 when empty).
fn best_of(ls: &[usize], key: impl Fn(usize) -> f64) -> usize {
    ls.iter()
        .copied()
        .max_by(|&a, &b| key(a).total_cmp(&key(b)).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// Share of the upper text's clauses (cut at 。；;，) that stand in the lower text
/// verbatim: a clause stands when runs of at least [`VERBATIM_RUN`] characters found
/// below cover at least [`VERBATIM_CLAUSE`] of it. Scattered two-character fragments,
/// which a bigram share counts, do not make a clause stand.
pub fn verbatim_clauses(upper: &str, lower: &str) -> f64 {
    let norm = |t: &str| -> Vec<char> {
        crate::segment::fold_levels(&crate::lexicon::to_simplified(t))
            .chars()
            .filter(|&c| c != crate::segment::LEVEL_MARK && crate::lexicon::is_alphanumeric(c))
            .collect()
    };
    let below = norm(lower);
    let grams: BTreeSet<&[char]> = below.windows(VERBATIM_RUN).collect();
    let clauses: Vec<Vec<char>> = upper
        .split(['。', '；', ';', '，', ','])
        .map(norm)
        .filter(|c| c.len() >= VERBATIM_RUN)
        .collect();
    if clauses.is_empty() {
        return 1.0;
    }
    let standing = clauses
        .iter()
        .filter(|c| {
            let mut hit = vec![false; c.len()];
            for (i, w) in c.windows(VERBATIM_RUN).enumerate() {
                if grams.contains(w) {
                    hit[i..i + VERBATIM_RUN].iter_mut().for_each(|h| *h = true);
                }
            }
            hit.iter().filter(|&&h| h).count() as f64 >= VERBATIM_CLAUSE * c.len() as f64
        })
        .count();
    standing as f64 / clauses.len() as f64
}

/// The shortest run of characters that makes a clause verbatim ([`verbatim_clauses`]).
pub const VERBATIM_RUN: usize = 4;
/// Share of a clause such runs must cover.
pub const VERBATIM_CLAUSE: f64 = 0.6;

/// A contested link on a shared topic is a merge when at most this share of its lower
/// task's text is this task's: a lower task made mostly of one upper task's words that
/// another upper task claims as strongly is a rivalry (a constructed `trimmed` notice had
/// a dropped task linked so, sure), not a merge.
const MERGE_EXPLAINS: f64 = 0.5;

/// The relative lead over the next candidate at which a task's best match is its only
/// plausible one: the next scores at most half as much.
const CLEAR_MARGIN: f64 = 0.5;

/// One decision per upper task, from its [`Evidence`]. The confidence starts from how far
/// the deciding score lies from the bar it was decided against ([`confidence`]): a
/// link's bar is the backbone's or the split/merge one's; a dropped task's is the
/// backbone's, or the split/merge one's when its best candidate cleared the backbone's
/// but was taken (pairs an auditor rejected left out). Then, for links:
///
/// - a link whose lower task another linked upper task claims at least as strongly is
///   contested (the weaker claim is the doubtful one), unless this task's text stands
///   in the lower task nearly whole ([`Thresholds::explained`]): a merge, not a rivalry;
/// - a link near its bar that is a mutual best match, leading the next candidate by
///   [`CLEAR_MARGIN`] and not out of order, is corroborated: its confidence rises by the
///   band, since the score's closeness to the bar then says the rewording is heavy, not
///   that the task went elsewhere;
/// - a link only the phrase rule made needs review, unless its lower task also lies in
///   order between its neighbours' partners (two independent pieces of evidence:
///   confidence at the edge of the band); links an auditor confirmed do not;
/// - a link only the order rescue made needs review too, unless it lies within a band
///   below its bar, leads its next candidate by [`Levers::order_margin`] and shares a
///   corroborating topic with its lower task (confidence at the edge of the band).
fn decide(
    upper: &Notice,
    links: &[Link],
    evidence: &[Evidence],
    th: &Thresholds,
    lv: &Levers,
) -> Vec<Decision> {
    let cut = 0.5 + th.review_band;
    upper
        .tasks
        .iter()
        .zip(evidence)
        .map(|(t, e)| {
            let status = links
                .iter()
                .filter(|l| l.upper == t.id)
                .map(|l| l.status)
                .min()
                .unwrap_or(Status::Dropped);
            let near = |c: f64| (c < cut).then_some(Doubt::NearBar);
            let c = confidence(e.score, e.bar);
            let in_order = e.in_order == Some(true);
            let (confidence, doubt) = if e.overridden {
                (1.0, None)
            } else if e.computed {
                let merged = th.explained > 0.0 && e.covered >= th.explained;
                let corroborated = lv.corroborate > 0.0 && e.topic >= lv.corroborate;
                // A merge on a shared topic: the lower task holds much besides this task.
                let merge = lv.topic_merge
                    && corroborated
                    && e.explains < MERGE_EXPLAINS
                    && (!lv.merge_room || e.rival_explains < MERGE_EXPLAINS);
                let guarded = e.score >= e.bar * (1.0 + lv.margin_guard);
                if e.rival >= 1.0 && !merged && !merge {
                    (0.5, Some(Doubt::Contested))
                } else if lv.off_topic && e.topic_named && e.topic == 0.0 && c < 1.0 {
                    (c.min(0.5 + th.review_band / 2.0), Some(Doubt::OffTopic))
                } else if c < cut
                    && ((corroborated && (guarded || !lv.topic_guard || (merge && e.rival >= 1.0)))
                        || (e.mutual
                            && e.margin >= CLEAR_MARGIN
                            && e.in_order != Some(false)
                            && (guarded || (corroborated && e.in_order == Some(true)))))
                {
                    let c = (c + th.review_band).min(1.0);
                    (c, near(c))
                } else {
                    (c, near(c))
                }
            } else if e.ordered
                && e.pinned
                && lv.pinned_release
                && lv.corroborate > 0.0
                && e.topic >= lv.corroborate
            {
                (cut, None)
            } else if e.ordered
                && lv.order_sure > 0.0
                && e.score >= lv.order_sure * e.bar
                && e.margin >= lv.order_margin
                && lv.corroborate > 0.0
                && e.topic >= lv.corroborate
            {
                // Within a review band of its bar, clearly its best candidate, and on the
                // same topic: a rewording the scores just missed. A deleted partner's
                // neighbour, relinked by position, lacks one of the three (see the
                // calibration above `DEFAULT_ORDER_SURE`).
                (cut, None)
            } else if e.ordered {
                (0.5, Some(Doubt::Rescued))
            } else if e.rescued
                && in_order
                && (lv.margin_guard == 0.0 || e.score >= (1.0 - th.review_band) * e.bar)
            {
                (cut, None)
            } else if e.rescued {
                (0.5, Some(Doubt::Rescued))
            } else if lv.topic > 0.0 && e.topic >= lv.topic {
                (0.5, Some(Doubt::TopicOnly))
            } else if lv.taken_topic > 0.0 && e.taken_topic >= lv.taken_topic {
                // Its best candidate is another task's, but on a topic of its own there:
                // a merge or a drop, which only a reader can tell.
                (0.5, Some(Doubt::TopicOnly))
            } else if c < cut && lv.taken > 0.0 && e.rival >= lv.taken {
                // Its best candidate is another task's, held clearly more strongly.
                (cut, None)
            } else if e.rival == 0.0 && c < 0.5 + th.review_band * lv.free_band.max(1.0) {
                // Its best candidate is free: two unmatched tasks alike.
                (c.min(cut), Some(Doubt::NearBar))
            } else {
                (c, near(c))
            };
            Decision {
                id: t.id.clone(),
                status,
                confidence: (confidence * 100.0).round() / 100.0,
                review: doubt.is_some(),
                doubt,
            }
        })
        .collect()
}

fn argmax(scores: impl Iterator<Item = f64>) -> usize {
    let mut best = (0usize, f64::MIN);
    for (i, s) in scores.enumerate() {
        if s > best.1 {
            best = (i, s);
        }
    }
    best.0
}

/// The one-to-one assignment maximising the total score.
fn one_to_one(m: &[Vec<PairScore>]) -> Vec<(usize, usize)> {
    let nu = m.len();
    let nl = m[0].len();
    if nu * nl > HUNGARIAN_MAX_PAIRS {
        return greedy(m);
    }
    let weight = |u: usize, l: usize| (m[u][l].score * 1_000_000.0).round() as i64;
    if nu <= nl {
        let w = Matrix::from_fn(nu, nl, |(u, l)| weight(u, l));
        let (_, assign) = kuhn_munkres(&w);
        assign.into_iter().enumerate().collect()
    } else {
        let w = Matrix::from_fn(nl, nu, |(l, u)| weight(u, l));
        let (_, assign) = kuhn_munkres(&w);
        assign
            .into_iter()
            .enumerate()
            .map(|(l, u)| (u, l))
            .collect()
    }
}

/// Best pair first, each task used once.
fn greedy(m: &[Vec<PairScore>]) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize, f64)> = Vec::new();
    for (u, row) in m.iter().enumerate() {
        for (l, p) in row.iter().enumerate() {
            if p.score > 0.0 {
                all.push((u, l, p.score));
            }
        }
    }
    all.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let (mut used_u, mut used_l) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    for (u, l, _) in all {
        if !used_u.contains(&u) && !used_l.contains(&l) {
            used_u.insert(u);
            used_l.insert(l);
            out.push((u, l));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)] // one call site; the pieces of one link
fn make_link(
    upper: &Notice,
    lower: &Notice,
    ui: usize,
    li: usize,
    p: &PairScore,
    feats: (&TaskFeatures, &TaskFeatures, &Vocabulary),
    th: &Thresholds,
    seg: &Segmenter,
    origin: Origin,
    phrase: Option<String>,
    forced: Option<Status>,
    details: bool,
) -> Link {
    let (ut, lt) = (&upper.tasks[ui], &lower.tasks[li]);
    let computed = if p.upper_verbatim >= th.carried {
        Status::Carried
    } else {
        Status::Reworded
    };
    let mut link = Link {
        upper: ut.id.clone(),
        lower: lt.id.clone(),
        status: forced.unwrap_or(computed),
        score: round3(p.score),
        shared_terms: score::shared_terms(feats.0, feats.1, feats.2, 8),
        clause_coverage: 1.0,
        clauses: Vec::new(),
        diff: Vec::new(),
        deadline_change: changes::deadline_change(ut, lt),
        unit_change: changes::unit_change(ut, lt),
        number_changes: Vec::new(),
        softened: Vec::new(),
        origin,
        phrase,
        concepts: Vec::new(),
    };
    if details {
        link.clauses = changes::clause_coverage(&ut.text, &lt.text);
        link.clause_coverage = changes::coverage_share(&link.clauses);
        link.diff = changes::word_diff(&ut.text, &lt.text, seg);
        link.number_changes = changes::number_changes(&ut.text, &lt.text);
        link.softened = changes::softenings(&ut.text, &lt.text, seg);
    }
    link
}

fn summarise(
    upper: &Notice,
    lower: &Notice,
    links: &[Link],
    dropped: &[String],
    added: &[String],
) -> Summary {
    let status_of = |id: &str| {
        links
            .iter()
            .filter(|l| l.upper == id)
            .map(|l| l.status)
            .min()
            .unwrap_or(Status::Dropped)
    };
    let mut sections: Vec<SectionSummary> = Vec::new();
    let (mut carried, mut reworded) = (0, 0);
    for t in &upper.tasks {
        let name = t.section.first().cloned().unwrap_or_default();
        let idx = match sections.iter().position(|s| s.section == name) {
            Some(i) => i,
            None => {
                sections.push(SectionSummary {
                    section: name,
                    upper_tasks: 0,
                    carried: 0,
                    reworded: 0,
                    dropped: 0,
                    coverage_pct: 0.0,
                });
                sections.len() - 1
            }
        };
        let s = &mut sections[idx];
        s.upper_tasks += 1;
        match status_of(&t.id) {
            Status::Carried => {
                s.carried += 1;
                carried += 1;
            }
            Status::Reworded => {
                s.reworded += 1;
                reworded += 1;
            }
            _ => s.dropped += 1,
        }
    }
    for s in &mut sections {
        s.coverage_pct = pct(s.carried + s.reworded, s.upper_tasks);
    }
    Summary {
        upper_tasks: upper.tasks.len(),
        lower_tasks: lower.tasks.len(),
        links: links.len(),
        carried,
        reworded,
        dropped: dropped.len(),
        added: added.len(),
        coverage_pct: pct(carried + reworded, upper.tasks.len()),
        sections,
        review: 0,
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / d as f64).round() / 10.0
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deadline, Layout, NoticeMeta, Task};

    fn notice(texts: &[&str]) -> Notice {
        Notice {
            source: "test".into(),
            meta: NoticeMeta::default(),
            layout: Layout::Prose,
            tasks: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Task {
                    id: (i + 1).to_string(),
                    section: vec![],
                    text: (*t).into(),
                    units: vec![],
                    lead_units: vec![],
                    deadline: Deadline::unspecified(),
                    line: i + 1,
                })
                .collect(),
            warnings: vec![],
            ocr: None,
        }
    }

    // Upper 1 shares only `开展深入解读有效引导预期` (12 characters) with lower 2, far too
    // little of either text to score as a link.
    const UPPER: [&str; 2] = [
        "认真贯彻落实经济工作会议精神，围绕科技创新、乡村振兴、区域协调发展等方面出台的重要预期目标，开展深入解读，有效引导预期，营造良好氛围",
        "加强政务公开队伍建设，定期组织开展培训和研讨交流，不断提升业务能力",
    ];
    const LOWER: [&str; 2] = [
        "定期组织开展政务公开培训和研讨交流，不断提升业务能力",
        "凡是面向企业和群众主动公开的涉及面广、社会关注度高、专业性强的政策均要开展深入解读，有效引导预期",
    ];

    fn run(upper: &[&str], lower: &[&str], phrase: usize) -> Alignment {
        let opts = AlignOptions {
            thresholds: Thresholds {
                phrase,
                ..Thresholds::default()
            },
            ..AlignOptions::default()
        };
        align(notice(upper), notice(lower), Segmenter::shared(), &opts)
    }

    #[test]
    fn a_distinctive_shared_phrase_rescues_a_dropped_upper_task() {
        let off = run(&UPPER, &LOWER, 0);
        assert_eq!(off.dropped, ["1"], "{:?}", off.links);
        let on = run(&UPPER, &LOWER, DEFAULT_PHRASE);
        assert!(on.dropped.is_empty(), "{:?}", on.links);
        let link = on.links.iter().find(|l| l.upper == "1").unwrap();
        assert_eq!(link.lower, "2");
        assert_eq!(link.origin, Origin::Phrase);
        assert_eq!(link.phrase.as_deref(), Some("开展深入解读有效引导预期"));
        // The links the scores made are left as they were.
        let scored = on.links.iter().find(|l| l.upper == "2").unwrap();
        assert_eq!(
            (scored.lower.as_str(), scored.origin),
            ("1", Origin::Computed)
        );
        assert_eq!(scored.phrase, None);
    }

    #[test]
    fn a_phrase_held_by_a_third_task_is_not_distinctive() {
        let mut lower = LOWER.to_vec();
        lower.push("围绕重点工作开展深入解读，有效引导预期，回应社会关切");
        let a = run(&UPPER, &lower, DEFAULT_PHRASE);
        assert_eq!(a.dropped, ["1"], "{:?}", a.links);
    }

    #[test]
    fn a_phrase_shorter_than_the_length_does_not_link() {
        let a = run(&UPPER, &LOWER, 13);
        assert_eq!(a.dropped, ["1"], "{:?}", a.links);
    }

    #[test]
    fn a_phrase_link_needs_review_and_the_summary_counts_it() {
        let a = run(&UPPER, &LOWER, DEFAULT_PHRASE);
        let d = a.decision("1").unwrap();
        assert_eq!(
            (d.status, d.review, d.confidence),
            (Status::Reworded, true, 0.5)
        );
        assert_eq!(
            a.summary.review,
            a.decisions.iter().filter(|d| d.review).count()
        );
    }

    fn scores(rows: &[&[f64]]) -> Vec<Vec<PairScore>> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|&score| PairScore {
                        score,
                        ..PairScore::default()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_unlinked_task_merges_into_its_best_lower_task_only_on_an_even_claim() {
        // Upper 0 holds lower 0; upper 1's best lower task is lower 0 too.
        let pairs: Pairs = [(0, 0)].into_iter().collect();
        let floor = 0.12 * 0.8;
        // Held at 0.13 against its own 0.115: under 1.2 times, within the band: merges.
        let even = scores(&[&[0.13, 0.01], &[0.115, 0.02]]);
        assert_eq!(
            even_merges(&even, &pairs, floor, 1.2),
            [(1, 0)].into_iter().collect::<Pairs>()
        );
        // Held at 0.15: 1.3 times its claim, the lower task is the holder's.
        let strong = scores(&[&[0.15, 0.01], &[0.115, 0.02]]);
        assert!(even_merges(&strong, &pairs, floor, 1.2).is_empty());
        // Under the review band below the bar: too weak to merge.
        let weak = scores(&[&[0.09, 0.01], &[0.085, 0.02]]);
        assert!(even_merges(&weak, &pairs, floor, 1.2).is_empty());
        // A free best candidate is not a merge (the order rescue's business).
        let free = scores(&[&[0.13, 0.01], &[0.02, 0.115]]);
        assert!(even_merges(&free, &pairs, floor, 1.2).is_empty());
        // A lower task that is mostly its holder's own text has no room for another.
        let mut full = even.clone();
        full[0][0].lower_in_upper = 0.8;
        assert!(even_merges(&full, &pairs, floor, 1.2).is_empty());
    }

    #[test]
    fn the_bars_rise_with_the_pairs_scores_and_never_fall_below_the_floors() {
        let th = Thresholds::default();
        let low = fit(&scores(&[&[0.2, 0.05], &[0.1, 0.3]]), &th);
        assert_eq!((low.link, low.extra_link), (th.link, th.extra_link));
        let copy = fit(&scores(&[&[1.0, 0.3], &[0.2, 1.0]]), &th);
        assert_eq!(copy.scale, 1.0);
        assert_eq!(
            (copy.link, copy.extra_link),
            (DEFAULT_RELATIVE_LINK, DEFAULT_RELATIVE_EXTRA)
        );
        assert_eq!(fit(&[], &th).link, th.link);
    }

    #[test]
    fn a_lower_task_its_partner_explains_takes_no_merge() {
        // Lower 0 is upper 0 verbatim; upper 1 (dropped) is its best match at 0.4.
        let mut m = scores(&[&[1.0, 0.0], &[0.4, 0.0], &[0.0, 1.0]]);
        let th = Thresholds::default();
        let bars = PairThresholds {
            scale: 1.0,
            link: th.link,
            extra_link: th.extra_link,
        };
        m[0][0].lower_in_upper = 1.0;
        let (pairs, _) = select_links(&m, &bars, &th);
        assert!(!pairs.contains(&(1, 0)), "{pairs:?}");
        // A lower task with text of its own beside its partner's may have merged it.
        m[0][0].lower_in_upper = 0.6;
        let (pairs, _) = select_links(&m, &bars, &th);
        assert!(pairs.contains(&(1, 0)), "{pairs:?}");
    }

    #[test]
    fn confidence_is_a_half_at_the_bar_and_one_far_from_it() {
        assert_eq!(confidence(0.12, 0.12), 0.5);
        assert_eq!(confidence(0.3, 0.12), 1.0);
        assert_eq!(confidence(0.0, 0.12), 1.0);
        assert!((confidence(0.132, 0.12) - 0.6).abs() < 1e-9);
    }

    fn link_evidence(score: f64, bar: f64) -> Evidence {
        Evidence {
            computed: true,
            rescued: false,
            overridden: false,
            score,
            bar,
            mutual: false,
            margin: 0.0,
            in_order: None,
            rival: 0.0,
            covered: 0.0,
            explains: 0.0,
            rival_explains: 0.0,
            ordered: false,
            pinned: false,
            topic: 0.0,
            topic_named: false,
            taken_topic: 0.0,
            col_margin: 0.0,
        }
    }

    fn decided(e: Evidence) -> Decision {
        decided_with(e, &Levers::default())
    }

    fn decided_with(e: Evidence, lv: &Levers) -> Decision {
        let th = Thresholds::default();
        decide(&notice(&["x"]), &[], &[e], &th, lv).remove(0)
    }

    #[test]
    fn of_two_claims_on_one_lower_task_only_the_weaker_is_contested() {
        let strong = Evidence {
            rival: 0.95,
            ..link_evidence(0.5, 0.12)
        };
        assert_eq!(decided(strong).doubt, None);
        let weak = Evidence {
            rival: 1.05,
            ..link_evidence(0.5, 0.12)
        };
        assert_eq!(decided(weak).doubt, Some(Doubt::Contested));
        // Unless the lower task holds its text nearly whole: a merge.
        let merged = Evidence {
            covered: 0.95,
            ..weak
        };
        assert_eq!(decided(merged).doubt, None);
    }

    #[test]
    fn a_mutual_best_match_with_a_clear_margin_is_sure_near_the_bar() {
        // 15% over the bar: clear of the margin guard (issue 22).
        let near = link_evidence(0.138, 0.12);
        assert_eq!(decided(near).doubt, Some(Doubt::NearBar));
        let mutual = Evidence {
            mutual: true,
            margin: 0.6,
            ..near
        };
        let d = decided(mutual);
        assert_eq!((d.review, d.confidence), (false, 0.85));
        // Not when the next candidate scores more than half as much, nor out of order.
        for e in [
            Evidence {
                margin: 0.3,
                ..mutual
            },
            Evidence {
                in_order: Some(false),
                ..mutual
            },
        ] {
            assert_eq!(decided(e).doubt, Some(Doubt::NearBar), "{e:?}");
        }
    }

    #[test]
    fn a_phrase_link_in_order_with_its_neighbours_needs_no_review() {
        let rescued = Evidence {
            computed: false,
            rescued: true,
            ..link_evidence(0.08, 0.12)
        };
        assert_eq!(decided(rescued).doubt, Some(Doubt::Rescued));
        let out = Evidence {
            in_order: Some(false),
            ..rescued
        };
        assert_eq!(decided(out).doubt, Some(Doubt::Rescued));
        let d = decided(Evidence {
            in_order: Some(true),
            score: 0.1,
            ..rescued
        });
        assert_eq!((d.review, d.confidence), (false, 0.7));
        // Far under the bar a phrase in order is still to check (issue 22: a deleted
        // partner's upper task relinked by a phrase the partner shared).
        let far = decided(Evidence {
            in_order: Some(true),
            ..rescued
        });
        assert_eq!(far.doubt, Some(Doubt::Rescued));
    }

    #[test]
    fn a_dropped_task_with_a_free_topic_partner_is_in_review_as_topic_only() {
        let dropped = Evidence {
            computed: false,
            topic: 0.6,
            ..link_evidence(0.05, 0.12)
        };
        let d = decided(dropped);
        assert_eq!((d.review, d.doubt), (true, Some(Doubt::TopicOnly)));
        // Without a topic partner the same drop is sure.
        assert_eq!(
            decided(Evidence {
                topic: 0.1,
                ..dropped
            })
            .doubt,
            None
        );
    }

    #[test]
    fn a_link_between_different_topics_needs_review_unless_far_over_its_bar() {
        let off = Evidence {
            topic_named: true,
            topic: 0.0,
            ..link_evidence(0.16, 0.12)
        };
        assert_eq!(decided(off).doubt, Some(Doubt::OffTopic));
        assert_eq!(decided(Evidence { topic: 0.3, ..off }).doubt, None);
        assert_eq!(decided(Evidence { score: 0.5, ..off }).doubt, None);
    }

    #[test]
    fn a_shared_topic_makes_a_rival_claim_a_merge_and_a_near_link_sure() {
        let contested = Evidence {
            rival: 1.2,
            topic: 0.5,
            ..link_evidence(0.3, 0.16)
        };
        assert_eq!(decided(contested).doubt, None);
        assert_eq!(
            decided(Evidence {
                topic: 0.2,
                ..contested
            })
            .doubt,
            Some(Doubt::Contested)
        );
        // A lower task made mostly of this task's words is a rivalry, topic or not; so is
        // one made mostly of the stronger claimant's (a trimmed copy of it: no room).
        assert_eq!(
            decided(Evidence {
                explains: 0.8,
                ..contested
            })
            .doubt,
            Some(Doubt::Contested)
        );
        assert_eq!(
            decided(Evidence {
                rival_explains: 0.8,
                ..contested
            })
            .doubt,
            Some(Doubt::Contested)
        );
        let near = Evidence {
            topic: 0.5,
            ..link_evidence(0.135, 0.12)
        };
        assert_eq!(decided(near).doubt, None);
    }

    #[test]
    fn a_shared_topic_alone_does_not_make_a_link_at_its_bar_sure() {
        // 0.13 against 0.12, within the margin guard: after a deletion an orphan's next
        // candidate is a neighbouring task on the same topic.
        let at = Evidence {
            topic: 0.5,
            ..link_evidence(0.13, 0.12)
        };
        assert_eq!(decided(at).doubt, Some(Doubt::NearBar));
        // Every signal agreeing (mutual best, clear margin, in order, topic) makes it sure.
        let agreed = Evidence {
            mutual: true,
            margin: 0.6,
            in_order: Some(true),
            ..at
        };
        assert_eq!(decided(agreed).doubt, None);
        assert_eq!(
            decided(Evidence {
                in_order: None,
                ..agreed
            })
            .doubt,
            Some(Doubt::NearBar)
        );
        // Without the guard (`topic_guard` off) the topic alone did.
        let lv = Levers {
            topic_guard: false,
            ..Levers::default()
        };
        assert_eq!(decided_with(at, &lv).doubt, None);
    }

    #[test]
    fn a_drop_whose_best_candidate_another_task_holds_clearly_is_sure() {
        let dropped = Evidence {
            computed: false,
            rival: 2.0,
            ..link_evidence(0.11, 0.12)
        };
        let d = decided(dropped);
        assert_eq!((d.review, d.confidence), (false, 0.7));
        // Held about as strongly, or free: near the bar, to check.
        for rival in [1.1, 0.0] {
            assert_eq!(
                decided(Evidence { rival, ..dropped }).doubt,
                Some(Doubt::NearBar)
            );
        }
        // A topic partner still puts it in review.
        assert_eq!(
            decided(Evidence {
                topic: 0.6,
                ..dropped
            })
            .doubt,
            Some(Doubt::TopicOnly)
        );
    }

    #[test]
    fn a_link_just_over_its_bar_is_not_made_sure_by_a_margin_over_what_is_left() {
        // 0.121 against 0.12: its runner-up may be a deleted task.
        let just = Evidence {
            mutual: true,
            margin: 0.9,
            ..link_evidence(0.121, 0.12)
        };
        assert_eq!(decided(just).doubt, Some(Doubt::NearBar));
        let clear = Evidence {
            score: 0.135,
            ..just
        };
        assert_eq!(decided(clear).doubt, None);
    }

    #[test]
    fn a_drop_far_below_its_bar_whose_taken_candidate_has_a_topic_of_its_own_is_to_check() {
        // Far below the bar (sure by distance) and held 6× as strongly by another task.
        let drop = Evidence {
            computed: false,
            rival: 6.0,
            ..link_evidence(0.072, 0.12)
        };
        assert_eq!(decided(drop).doubt, None);
        let own = Evidence {
            taken_topic: 0.57,
            ..drop
        };
        assert_eq!(decided(own).doubt, Some(Doubt::TopicOnly));
        // Under the lever's similarity, or with the lever off, it stays a sure drop.
        let weak = Evidence {
            taken_topic: 0.45,
            ..drop
        };
        assert_eq!(decided(weak).doubt, None);
        let off = Levers {
            taken_topic: 0.0,
            ..Levers::default()
        };
        assert_eq!(decided_with(own, &off).doubt, None);
    }

    #[test]
    fn an_order_link_near_its_bar_clearly_best_and_on_topic_is_sure() {
        let ordered = Evidence {
            computed: false,
            ordered: true,
            margin: 0.4,
            topic: 0.5,
            ..link_evidence(0.105, 0.12)
        };
        let d = decided(ordered);
        assert_eq!((d.review, d.doubt, d.confidence), (false, None, 0.7));
        // A deleted partner's neighbour lacks one of the three: more than a band under the
        // bar, a next candidate close behind, or a weak topic.
        for e in [
            Evidence {
                score: 0.092,
                ..ordered
            },
            Evidence {
                margin: 0.27,
                ..ordered
            },
            Evidence {
                topic: 0.22,
                ..ordered
            },
        ] {
            assert_eq!(decided(e).doubt, Some(Doubt::Rescued));
        }
        let off = Levers {
            order_sure: 0.0,
            ..Levers::default()
        };
        assert_eq!(decided_with(ordered, &off).doubt, Some(Doubt::Rescued));
    }

    #[test]
    fn an_order_rescued_link_without_that_evidence_is_to_check() {
        let ordered = Evidence {
            computed: false,
            ordered: true,
            pinned: true,
            topic: 0.5,
            ..link_evidence(0.09, 0.12)
        };
        // Pinned by its anchors on a shared topic: still 待核实 (a deleted partner's
        // neighbour is pinned and on topic too) unless `pinned_release` is on.
        assert_eq!(decided(ordered).doubt, Some(Doubt::Rescued));
        let lv = Levers {
            pinned_release: true,
            ..Levers::default()
        };
        let d = decided_with(ordered, &lv);
        assert_eq!((d.review, d.confidence), (false, 0.7));
        // Position alone, its topic weak, is a rescue to check (a deleted partner's
        // upper task relinked by position is never silent).
        let weak = decided(Evidence {
            topic: 0.2,
            ..ordered
        });
        assert_eq!(weak.doubt, Some(Doubt::Rescued));
        // Nor is one whose anchors leave its place loose, however near its bar.
        let loose = Evidence {
            pinned: false,
            ..ordered
        };
        assert_eq!(decided(loose).doubt, Some(Doubt::Rescued));
        assert_eq!(
            decided(Evidence {
                score: 0.115,
                ..loose
            })
            .doubt,
            Some(Doubt::Rescued)
        );
    }

    #[test]
    fn scattered_fragments_do_not_make_a_clause_verbatim() {
        let upper = "基层政府建立完善政务信息管理制度和工作流程";
        let scattered =
            "推进基层政务公开事项目录、标准规范和工作流程嵌入部门业务系统，完善信息发布制度";
        assert!(verbatim_clauses(upper, scattered) < 0.2);
        let copied = "各县区政府建立完善政务信息管理制度和工作流程，年底前完成";
        assert_eq!(verbatim_clauses(upper, copied), 1.0);
    }
}
