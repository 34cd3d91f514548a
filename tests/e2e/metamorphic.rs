//! Metamorphic tests of the aligner (issue 14): lower notices made from every corpus
//! notice by edits whose right alignment is known (`policydiff::align::construct`), so
//! they need no gold file. Each kind states what must hold of its alignment.

use std::collections::BTreeSet;

use policydiff::align::construct::{Constructed, Kind, construct};
use policydiff::align::{AlignOptions, align};
use policydiff::model::{Alignment, Notice, Status};
use policydiff::segment::Segmenter;

use crate::util::{CORPUS, corpus};

const SEED: u64 = 14;

fn notices() -> Vec<Notice> {
    CORPUS
        .iter()
        .map(|s| policydiff::load_notice(&corpus(s), &Default::default()).expect("corpus notice"))
        .collect()
}

fn run(c: &Constructed) -> Alignment {
    let opts = AlignOptions {
        details: false,
        ..AlignOptions::default()
    };
    align(c.upper.clone(), c.lower.clone(), Segmenter::shared(), &opts)
}

fn links(a: &Alignment) -> BTreeSet<(String, String)> {
    a.links
        .iter()
        .map(|l| (l.upper.clone(), l.lower.clone()))
        .collect()
}

fn set(ids: &[String]) -> BTreeSet<&str> {
    ids.iter().map(String::as_str).collect()
}

/// Every corpus notice, one kind: the alignment and the construction.
fn each(kind: Kind, check: impl Fn(&Constructed, &Alignment)) {
    for n in notices() {
        let c = construct(&n, kind, SEED);
        let a = run(&c);
        check(&c, &a);
    }
}

#[test]
fn a_notice_against_itself_is_all_carried_and_sure() {
    each(Kind::Identity, |c, a| {
        assert_eq!(links(a), c.links, "{}", c.name);
        assert!(a.dropped.is_empty() && a.added.is_empty(), "{}", c.name);
        assert!(
            a.links.iter().all(|l| l.status == Status::Carried),
            "{}",
            c.name
        );
        assert_eq!(a.summary.review, 0, "{}: {:?}", c.name, a.decisions);
    });
}

#[test]
fn a_copy_with_tasks_deleted_drops_exactly_those() {
    each(Kind::Deleted, |c, a| {
        assert_eq!(set(&a.dropped), c.dropped(), "{}", c.name);
        assert_eq!(links(a), c.links, "{}: nothing else changes", c.name);
        assert!(a.added.is_empty(), "{}", c.name);
    });
}

#[test]
fn level_words_swapped_and_light_edits_keep_every_task_carried() {
    each(Kind::Relevelled, |c, a| {
        assert_eq!(links(a), c.links, "{}", c.name);
        let reworded: Vec<&str> = a
            .links
            .iter()
            .filter(|l| l.status != Status::Carried)
            .map(|l| l.upper.as_str())
            .collect();
        assert!(reworded.is_empty(), "{}: reworded {reworded:?}", c.name);
    });
}

#[test]
fn tasks_shuffled_within_sections_keep_their_links() {
    each(Kind::Shuffled, |c, a| {
        assert_eq!(links(a), c.links, "{}", c.name);
        assert!(a.dropped.is_empty() && a.added.is_empty(), "{}", c.name);
    });
}

#[test]
fn unrelated_tasks_are_added_and_make_no_link() {
    each(Kind::Padded, |c, a| {
        assert_eq!(set(&a.added), c.added(), "{}", c.name);
        assert_eq!(links(a), c.links, "{}", c.name);
    });
}

#[test]
fn a_near_verbatim_copy_does_not_rescue_its_dropped_tasks_by_merges() {
    each(Kind::Copied, |c, a| {
        assert_eq!(set(&a.dropped), c.dropped(), "{}", c.name);
        assert_eq!(links(a), c.links, "{}", c.name);
    });
}

#[test]
fn a_constructed_county_notice_reports_no_dropped_task_covered() {
    each(Kind::County, |c, a| {
        let dropped = c.dropped();
        let covered: Vec<&str> = a
            .links
            .iter()
            .map(|l| l.upper.as_str())
            .filter(|u| dropped.contains(u))
            .collect();
        assert!(covered.is_empty(), "{}: {covered:?}", c.name);
        let found = links(a);
        let missed: Vec<_> = c.links.difference(&found).collect();
        assert!(missed.is_empty(), "{}: missed {missed:?}", c.name);
    });
}

#[test]
fn every_upper_task_has_one_decision_and_the_summary_counts_the_review() {
    each(Kind::County, |c, a| {
        let ids: Vec<&str> = a.decisions.iter().map(|d| d.id.as_str()).collect();
        let tasks: Vec<&str> = c.upper.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, tasks, "{}", c.name);
        let cut = 0.5 + a.thresholds.review_band;
        for d in &a.decisions {
            assert_eq!(d.status, a.upper_status(&d.id), "{}", c.name);
            assert!((0.5..=1.0).contains(&d.confidence), "{}: {d:?}", c.name);
            // The review mark and the confidence tell the same story.
            assert_eq!(d.review, d.doubt.is_some(), "{}: {d:?}", c.name);
            if d.review {
                assert!(d.confidence <= cut, "{}: {d:?}", c.name);
            } else {
                assert!(d.confidence >= cut, "{}: {d:?}", c.name);
            }
        }
        let review = a.decisions.iter().filter(|d| d.review).count();
        assert_eq!(a.summary.review, review, "{}", c.name);
        assert!(
            review * 4 <= a.decisions.len(),
            "{}: {review} of {} in review",
            c.name,
            a.decisions.len()
        );
    });
}

#[test]
fn in_a_notice_that_keeps_little_wording_every_wrong_call_is_in_review() {
    each(Kind::Trimmed, |c, a| {
        let dropped = c.dropped();
        for d in &a.decisions {
            let covered = d.status != Status::Dropped;
            let right = covered != dropped.contains(d.id.as_str());
            assert!(right || d.review, "{}: {d:?}", c.name);
        }
        assert!(
            a.summary.review * 4 <= a.decisions.len(),
            "{}: {} in review",
            c.name,
            a.summary.review
        );
    });
}
