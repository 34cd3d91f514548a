//! Issue 22: matches an auditor can trust on pairs that share little wording. The
//! properties of its item 9 (deleting lower tasks turns exactly their partners 未落实 or
//! 待核实; a traditional or punctuation-swapped copy of the lower notice and a shuffled
//! upper notice give the same links), the traditional copies of every corpus notice, the
//! gold floors, and the warning for one notice given twice.

use std::collections::{BTreeMap, BTreeSet};

use policydiff::align::{AlignOptions, align};
use policydiff::model::{Alignment, Doubt, Notice, Origin, Status};
use policydiff::segment::Segmenter;
use proptest::prelude::*;
use serde_json::Value;

use crate::util::{CORPUS, bin, compare_json, corpus, data};

/// The four real gold pairs: (upper, lower).
const GOLD: [(&str, &str); 4] = [
    ("anhui-province-2022", "chizhou-city-2021"),
    ("chizhou-city-2021", "lezhi-county-2021"),
    ("chizhou-city-2018", "chizhou-city-2021"),
    ("chizhou-city-2021", "jiujiang-city-2021"),
];

fn load(path: &std::path::Path) -> Notice {
    policydiff::load_notice(path, &Default::default()).expect("a notice")
}

fn run(upper: &Notice, lower: &Notice) -> Alignment {
    let opts = AlignOptions {
        details: false,
        ..AlignOptions::default()
    };
    align(upper.clone(), lower.clone(), Segmenter::shared(), &opts)
}

fn links(a: &Alignment) -> BTreeSet<(String, String)> {
    a.links
        .iter()
        .map(|l| (l.upper.clone(), l.lower.clone()))
        .collect()
}

/// The links not made by position.
fn scored_links(a: &Alignment) -> BTreeSet<(String, String)> {
    a.links
        .iter()
        .filter(|l| l.origin != Origin::Order)
        .map(|l| (l.upper.clone(), l.lower.clone()))
        .collect()
}

/// Each upper task's covered/dropped call and whether it is in review.
fn calls(a: &Alignment) -> BTreeMap<String, (bool, bool)> {
    a.decisions
        .iter()
        .map(|d| (d.id.clone(), (d.status != Status::Dropped, d.review)))
        .collect()
}

#[test]
fn traditional_copies_of_every_corpus_notice_fold_back_and_align_whole() {
    for stem in CORPUS {
        let simple = load(&corpus(stem));
        let trad = load(&data(&format!("traditional/{stem}.txt")));
        assert_eq!(simple.tasks.len(), trad.tasks.len(), "{stem}");
        let (mut chars, mut differ) = (0usize, 0usize);
        for (s, t) in simple.tasks.iter().zip(&trad.tasks) {
            let folded = policydiff::lexicon::to_simplified(&t.text);
            assert_eq!(
                folded.chars().count(),
                s.text.chars().count(),
                "{stem} {}",
                s.id
            );
            chars += s.text.chars().count();
            differ += folded
                .chars()
                .zip(s.text.chars())
                .filter(|(a, b)| a != b)
                .count();
        }
        // Simplified → traditional → simplified is not a round trip for a few characters
        // OpenCC reads as standard in both (著, 於 …); they are rare.
        assert!(
            differ * 1000 <= chars,
            "{stem}: {differ} of {chars} characters do not fold back"
        );
        let a = run(&simple, &trad);
        for t in &simple.tasks {
            assert!(
                a.links.iter().any(|l| l.upper == t.id && l.lower == t.id),
                "{stem}: task {} not linked to its traditional copy",
                t.id
            );
        }
    }
}

#[test]
fn a_traditional_copy_of_the_lower_notice_gives_the_same_links() {
    for (u, l) in GOLD {
        let upper = load(&corpus(u));
        let plain = run(&upper, &load(&corpus(l)));
        let trad = run(&upper, &load(&data(&format!("traditional/{l}.txt"))));
        assert_eq!(links(&plain), links(&trad), "{u} → {l}");
        assert_eq!(calls(&plain), calls(&trad), "{u} → {l}");
    }
}

/// Full-width punctuation as ASCII and back.
fn swap_punctuation(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '，' => ',',
            '。' => '.',
            '；' => ';',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '、' => ',',
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

#[test]
fn a_punctuation_swapped_lower_notice_gives_the_same_links() {
    for (u, l) in GOLD {
        let upper = load(&corpus(u));
        let lower = load(&corpus(l));
        let mut swapped = lower.clone();
        for t in &mut swapped.tasks {
            t.text = swap_punctuation(&t.text);
        }
        let (a, b) = (run(&upper, &lower), run(&upper, &swapped));
        assert_eq!(links(&a), links(&b), "{u} → {l}");
        assert_eq!(calls(&a), calls(&b), "{u} → {l}");
    }
}

/// The gold pairs' notices, loaded once.
fn pairs() -> &'static [(Notice, Notice, Alignment)] {
    static PAIRS: std::sync::OnceLock<Vec<(Notice, Notice, Alignment)>> =
        std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        GOLD.iter()
            .map(|(u, l)| {
                let (upper, lower) = (load(&corpus(u)), load(&corpus(l)));
                let a = run(&upper, &lower);
                (upper, lower, a)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Links made by position (`order`) depend on the order of the tasks by design; every
    /// other link stays.
    #[test]
    fn shuffling_upper_tasks_gives_the_same_links_but_those_made_by_position(pair in 0usize..4, seed in any::<u64>()) {
        let (upper, lower, a) = &pairs()[pair];
        let mut shuffled = upper.clone();
        // A Fisher–Yates shuffle driven by the seed (xorshift).
        let mut x = seed | 1;
        for i in (1..shuffled.tasks.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            shuffled.tasks.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let b = run(&shuffled, lower);
        prop_assert_eq!(scored_links(a), scored_links(&b));
    }

    #[test]
    fn deleting_lower_tasks_turns_their_partners_dropped_or_in_review(
        pair in 0usize..4,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
    ) {
        let (a, b, deleted) = delete(pair, &picks);
        let after = calls(&b);
        for d in &a.decisions {
            let partners: Vec<&String> = a.links_of_upper(&d.id).map(|l| &l.lower).collect();
            let orphaned = !partners.is_empty() && partners.iter().all(|p| deleted.contains(*p));
            let (covered, review) = after[&d.id];
            prop_assert!(
                !orphaned || !covered || review,
                "upper {} lost every partner ({:?}) yet is covered, not in review: {:?}",
                d.id,
                partners,
                b.links_of_upper(&d.id).map(|l| (&l.lower, l.score)).collect::<Vec<_>>()
            );
        }
    }

    /// The second half of the property: no other upper task changes a sure call without
    /// review. "Silently" is read precisely: a call that was sure before the deletion and
    /// is sure after it keeps its covered/dropped status. A call already 待核实 before it
    /// was never asserted, so it may settle either way (deleting lower tasks changes the
    /// IDF of every word and can free a lower task another upper task held: on the third
    /// gold pair a task in review as topic-only becomes linked, rightly by the gold).
    /// `cargo run --release --example calibrate -- --gold --deletions 100 --why` counts
    /// both halves over every single deletion and 100 sets of two or three.
    #[test]
    fn deleting_lower_tasks_changes_nothing_else_silently(
        pair in 0usize..4,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
    ) {
        let (a, b, deleted) = delete(pair, &picks);
        let (before, after) = (calls(&a), calls(&b));
        for d in &a.decisions {
            let partners: Vec<&String> = a.links_of_upper(&d.id).map(|l| &l.lower).collect();
            let orphaned = !partners.is_empty() && partners.iter().all(|p| deleted.contains(*p));
            let (covered, review) = after[&d.id];
            if !orphaned && !review && !before[&d.id].1 {
                prop_assert_eq!(
                    covered,
                    before[&d.id].0,
                    "upper {} changed its call silently after deleting {:?}",
                    &d.id,
                    &deleted
                );
            }
        }
    }
}

/// The alignment of gold pair `pair`, the alignment after deleting the linked lower
/// tasks `picks` chooses, and those tasks' ids.
fn delete(pair: usize, picks: &[prop::sample::Index]) -> (Alignment, Alignment, BTreeSet<String>) {
    let (upper, lower, a) = &pairs()[pair];
    let linked: Vec<&String> = a
        .links
        .iter()
        .map(|l| &l.lower)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let deleted: BTreeSet<String> = picks.iter().map(|i| i.get(&linked).to_string()).collect();
    let mut cut = lower.clone();
    cut.tasks.retain(|t| !deleted.contains(&t.id));
    (a.clone(), run(upper, &cut), deleted)
}

fn eval(u: &str, l: &str) -> Value {
    let out = bin()
        .args(["eval", "--format", "json", "--gold"])
        .arg(data(&format!("gold/{u}__{l}.tsv")))
        .arg(corpus(u))
        .arg(corpus(l))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The figures issue 22 reached on each gold pair: link F1 and covered/dropped accuracy at
/// least, the share of upper tasks in review at most, the accuracy outside review at least.
/// The issue asks for at most 25% in review and 93% right outside it on every pair; the
/// third pair reaches it (24%) since an order link near its bar, clearly its best candidate
/// and on a shared topic is sure (`Levers::order_sure`; before, 36%). The fourth reaches
/// 0.941 outside review since a drop whose taken candidate has a topic of its own there is
/// 待核实 (`Levers::taken_topic`). The third and fourth reach the issue's 0.85
/// covered/dropped since an upper task whose best lower task another one holds by an even
/// claim merges into it, 待核实 (`Levers::even_merge`; before, 0.84 on both).
const FLOORS: [(f64, f64, f64, f64); 4] = [
    (0.84, 0.90, 0.25, 0.93),
    (0.84, 0.88, 0.25, 0.93),
    (0.70, 0.88, 0.25, 0.93),
    (0.82, 0.86, 0.25, 0.93),
];

/// An upper task that only the even-claim merge links (`Levers::even_merge`) is 待核实 as
/// contested, on every gold pair, and the rule links at least one (C 11 and D 29 are
/// gold merges whose lower task another upper task holds by a claim about as strong).
#[test]
fn merges_on_an_even_claim_are_contested_and_in_review() {
    let mut merged = 0;
    for (upper, lower, on) in pairs() {
        let mut opts = AlignOptions {
            details: false,
            ..AlignOptions::default()
        };
        opts.levers.even_merge = false;
        let off = align(upper.clone(), lower.clone(), Segmenter::shared(), &opts);
        let linked = |a: &Alignment, id: &str| a.links.iter().any(|l| l.upper == id);
        for d in &on.decisions {
            if linked(on, &d.id) && !linked(&off, &d.id) {
                merged += 1;
                assert!(d.review, "{}: upper {} merged silently", upper.source, d.id);
                assert_eq!(
                    d.doubt,
                    Some(Doubt::Contested),
                    "{}: {}",
                    upper.source,
                    d.id
                );
            }
        }
        // Nothing else moves: every other upper task keeps its links.
        for d in &off.decisions {
            if linked(&off, &d.id) {
                let of = |a: &Alignment| {
                    a.links
                        .iter()
                        .filter(|l| l.upper == d.id)
                        .map(|l| l.lower.clone())
                        .collect::<BTreeSet<_>>()
                };
                assert_eq!(of(on), of(&off), "{}: upper {}", upper.source, d.id);
            }
        }
    }
    assert!(merged >= 2, "{merged} merges on the gold pairs");
}

#[test]
fn gold_pairs_hold_the_figures_issue_22_reached() {
    for ((u, l), (f1, cov, review, outside)) in GOLD.into_iter().zip(FLOORS) {
        let r = eval(u, l);
        assert_eq!(
            r["keys_unresolved"].as_array().unwrap().len(),
            0,
            "{u} → {l}"
        );
        let f = |k: &str| r[k].as_f64().unwrap();
        assert!(f("link_f1") >= f1, "{u} → {l}: link F1 {}", f("link_f1"));
        assert!(
            f("upper_coverage_acc") >= cov,
            "{u} → {l}: covered/dropped {}",
            f("upper_coverage_acc")
        );
        let n = r["review"]["upper"].as_f64().unwrap();
        let inr = r["review"]["in_review"].as_f64().unwrap();
        let right = r["review"]["outside_right"].as_f64().unwrap();
        assert!(inr <= review * n, "{u} → {l}: {inr} of {n} in review");
        assert!(
            right >= outside * (n - inr),
            "{u} → {l}: {right} of {} right outside review",
            n - inr
        );
    }
}

#[test]
fn one_notice_given_twice_is_warned_about_and_refused_with_strict() {
    let stem = "jiujiang-city-2021";
    let out = bin()
        .args(["compare", "-f", "json"])
        .arg(corpus(stem))
        .arg(corpus(stem))
        .output()
        .unwrap();
    assert!(out.status.success());
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Typed in JSON (issue 24): a code and its data, the same in every language.
    let codes = |a: &Value| -> Vec<String> {
        a["warnings"]
            .as_array()
            .map(|w| {
                w.iter()
                    .filter_map(|w| w["code"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(
        codes(&a).iter().any(|c| c == "same_file"),
        "the report says so: {}",
        a["warnings"]
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("同一个文件"), "{err}");
    // A copy under another name with the same tasks (here: its traditional copy).
    let out = bin()
        .args(["compare", "-f", "json", "--lang", "en"])
        .arg(corpus(stem))
        .arg(data(&format!("traditional/{stem}.txt")))
        .output()
        .unwrap();
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        codes(&a).iter().any(|c| c == "same_tasks"),
        "{}",
        a["warnings"]
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("given twice"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two different notices are not warned about.
    let out = bin()
        .args(["compare", "-f", "json"])
        .arg(corpus("chizhou-city-2021"))
        .arg(corpus(stem))
        .output()
        .unwrap();
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !codes(&a)
            .iter()
            .any(|c| c == "same_file" || c == "same_tasks"),
        "{}",
        a["warnings"]
    );
    let out = bin()
        .args(["compare", "--strict"])
        .arg(corpus(stem))
        .arg(corpus(stem))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("(--strict)"), "{err}");
}

#[test]
fn a_lexicon_file_extends_the_builtin_one_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "只有一列\n").unwrap();
    let out = bin()
        .args(["compare", "--lexicon"])
        .arg(&bad)
        .arg(corpus("chizhou-city-2021"))
        .arg(corpus("jiujiang-city-2021"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.lines().count() == 1 && err.contains(&format!("{}:1:", bad.display())),
        "{err}"
    );
    let good = dir.path().join("good.tsv");
    std::fs::write(&good, "营商专线\t便民热线\t营商环境专线\n").unwrap();
    let a = compare_json(
        &corpus("chizhou-city-2021"),
        &corpus("jiujiang-city-2021"),
        &["--lexicon", good.to_str().unwrap()],
    );
    // Links carry the concepts their tasks share.
    assert!(
        a["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["concepts"].as_array().is_some_and(|c| !c.is_empty())),
        "no link names a shared concept"
    );
}
