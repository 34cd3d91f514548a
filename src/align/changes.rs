//! What changed inside a link: clause coverage, a word-level diff, the deadline, the lead
//! units, the numbers the upper text binds, and obligations the lower text softened.

use std::sync::LazyLock;

use regex::Regex;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::score::bigrams;
use crate::model::{
    ClauseCoverage, DeadlineChange, DeadlineDiff, DeadlineKind, DiffOp, NumberChange, Softening,
    Task, UnitChange,
};
use crate::segment::{Segmenter, fold_levels};

/// A clause counts as covered when at least this share of its bigrams is in the lower text.
pub const CLAUSE_COVERED: f64 = 0.5;

/// The upper text cut into clauses at 。；; and each marked covered or missing below.
pub fn clause_coverage(upper: &str, lower: &str) -> Vec<ClauseCoverage> {
    let lower_bigrams = bigrams(&fold_levels(lower));
    upper
        .split(['。', '；', ';'])
        .map(str::trim)
        .filter(|c| c.chars().filter(|ch| ch.is_alphanumeric()).count() >= 4)
        .map(|clause| {
            let b = bigrams(&fold_levels(clause));
            let found = b
                .iter()
                .filter(|x| lower_bigrams.binary_search(x).is_ok())
                .count();
            let score = if b.is_empty() {
                0.0
            } else {
                found as f64 / b.len() as f64
            };
            ClauseCoverage {
                clause: clause.to_string(),
                covered: score >= CLAUSE_COVERED,
                score: round2(score),
            }
        })
        .collect()
}

/// Share of clauses covered (1 when the upper text has none).
pub fn coverage_share(clauses: &[ClauseCoverage]) -> f64 {
    if clauses.is_empty() {
        return 1.0;
    }
    round2(clauses.iter().filter(|c| c.covered).count() as f64 / clauses.len() as f64)
}

/// A word-level diff of the two texts on jieba words, adjacent words of one kind merged.
pub fn word_diff(upper: &str, lower: &str, seg: &Segmenter) -> Vec<DiffOp> {
    let a = seg.words(upper);
    let b = seg.words(lower);
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    let mut out: Vec<DiffOp> = Vec::new();
    let mut push = |op: DiffOp| {
        let merged = match (out.last_mut(), &op) {
            (Some(DiffOp::Equal(x)), DiffOp::Equal(y))
            | (Some(DiffOp::Delete(x)), DiffOp::Delete(y))
            | (Some(DiffOp::Insert(x)), DiffOp::Insert(y)) => {
                x.push_str(y);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(op);
        }
    };
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(DiffOp::Equal(a[old].concat())),
            DiffTag::Delete => push(DiffOp::Delete(a[old].concat())),
            DiffTag::Insert => push(DiffOp::Insert(b[new].concat())),
            DiffTag::Replace => {
                push(DiffOp::Delete(a[old].concat()));
                push(DiffOp::Insert(b[new].concat()));
            }
        }
    }
    out
}

/// How the deadline moved from the upper task to the lower one.
pub fn deadline_change(upper: &Task, lower: &Task) -> DeadlineDiff {
    let (du, dl) = (&upper.deadline, &lower.deadline);
    let change = match (du.kind, dl.kind) {
        (DeadlineKind::Unspecified, DeadlineKind::Unspecified) => DeadlineChange::None,
        (DeadlineKind::Unspecified, _) => DeadlineChange::Added,
        (_, DeadlineKind::Unspecified) => DeadlineChange::Removed,
        (DeadlineKind::Ongoing, DeadlineKind::Ongoing) => DeadlineChange::Same,
        (DeadlineKind::Date, DeadlineKind::Date) => match (&du.date, &dl.date) {
            (Some(a), Some(b)) => {
                // Month and day only: notices of different years set the same yearly deadline.
                let md = |d: &str| d.get(5..).unwrap_or(d).to_string();
                match md(a).cmp(&md(b)) {
                    std::cmp::Ordering::Equal => DeadlineChange::Same,
                    std::cmp::Ordering::Less => DeadlineChange::Later,
                    std::cmp::Ordering::Greater => DeadlineChange::Earlier,
                }
            }
            _ if du.raw == dl.raw => DeadlineChange::Same,
            _ => DeadlineChange::Changed,
        },
        _ => DeadlineChange::Changed,
    };
    DeadlineDiff {
        change,
        upper: du.raw.clone(),
        lower: dl.raw.clone(),
    }
}

/// Common abbreviations of office names, long form first.
const OFFICE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("发展和改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("卫生健康委员会", "卫健委"),
    ("卫生健康委", "卫健委"),
    ("卫生健康局", "卫健委"),
    ("卫健局", "卫健委"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("经济和信息化", "经信"),
    ("市场监督管理局", "市监局"),
    ("市场监管局", "市监局"),
    ("数据资源管理局", "数据资源局"),
    ("自然资源和规划局", "自然资源局"),
    ("教育和体育局", "教育局"),
    ("教体局", "教育局"),
    ("政府公开办", "政务公开办"),
    ("政务公开办公室", "政务公开办"),
    ("政府办公室", "政府办"),
    ("政府办公厅", "政府办"),
];

/// The office a unit name stands for, without its level: 省财政厅, 市财政局 and 县财政局
/// all become `财政局`.
pub fn office_key(unit: &str) -> String {
    let mut s: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    // Drop a region or level prefix: everything up to the first 省/市/县/区 when what
    // follows still names an office.
    for level in ['省', '市', '县', '区'] {
        if let Some(pos) = s.find(level) {
            let rest = &s[pos + level.len_utf8()..];
            if rest.chars().count() >= 2 && pos <= 12 && !rest.starts_with('场') {
                s = rest.to_string();
                break;
            }
        }
    }
    for (long, short) in OFFICE_ABBREVIATIONS {
        if s.contains(long) {
            s = s.replace(long, short);
        }
    }
    if let Some(stem) = s.strip_suffix('厅') {
        s = format!("{stem}局");
    }
    s
}

/// How the lead units compare across levels.
pub fn unit_change(upper: &Task, lower: &Task) -> UnitChange {
    let lower_keys: Vec<String> = lower.lead_units.iter().map(|u| office_key(u)).collect();
    let upper_keys: Vec<String> = upper.lead_units.iter().map(|u| office_key(u)).collect();
    let same = |a: &str, b: &str| a == b || strsim::jaro_winkler(a, b) >= 0.9;
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for (u, k) in upper.lead_units.iter().zip(&upper_keys) {
        if lower_keys.iter().any(|lk| same(k, lk)) {
            kept.push(u.clone());
        } else {
            removed.push(u.clone());
        }
    }
    let added: Vec<String> = lower
        .lead_units
        .iter()
        .zip(&lower_keys)
        .filter(|(_, lk)| !upper_keys.iter().any(|k| same(k, lk)))
        .map(|(u, _)| u.clone())
        .collect();
    let change = match (upper.lead_units.is_empty(), lower.lead_units.is_empty()) {
        (true, true) => "none",
        (true, false) => "added",
        (false, true) => "removed",
        _ if removed.is_empty() && added.is_empty() => "same",
        _ => "changed",
    };
    UnitChange {
        change: change.to_string(),
        kept,
        removed,
        added,
    }
}

static BOUND_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:不低于|不少于|不超过|不高于|至少|达到|以上|以内)?(?:\d{4}年)?\d+(?:\.\d+)?\s*(?:%|个工作日|个月|日内|日|天|小时|分/篇|分/个|分/次|分|篇|个|项|次|万元|元|倍|月底前|年底前)",
    )
    .expect("regex")
});

/// The unit of a bound quantity (`%`, `日`, `分/篇`, `年底前` …), to find its counterpart.
fn quantity_unit(q: &str) -> String {
    let tail: String = q
        .chars()
        .rev()
        .take_while(|c| !c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.trim().to_string()
}

/// Numbers the upper text binds that the lower text leaves out or changes.
pub fn number_changes(upper: &str, lower: &str) -> Vec<NumberChange> {
    let norm = |s: &str| s.replace(' ', "");
    let lower_qs: Vec<String> = BOUND_NUMBER
        .find_iter(lower)
        .map(|m| norm(m.as_str()))
        .collect();
    let digits = |q: &str| {
        q.chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
    };
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for m in BOUND_NUMBER.find_iter(upper) {
        let q = norm(m.as_str());
        if seen.contains(&q) {
            continue;
        }
        seen.push(q.clone());
        if lower_qs
            .iter()
            .any(|l| digits(l) == digits(&q) && quantity_unit(l) == quantity_unit(&q))
        {
            continue;
        }
        let counterpart = lower_qs
            .iter()
            .find(|l| quantity_unit(l) == quantity_unit(&q))
            .cloned();
        out.push(NumberChange {
            upper: q,
            lower: counterpart,
        });
    }
    out
}

/// Binding words of an obligation.
const BINDING: &[&str] = &[
    "必须",
    "要",
    "严格",
    "确保",
    "一律",
    "务必",
    "全面",
    "年底前完成",
];
/// Words that turn an obligation into an option or a direction.
const SOFT: &[&str] = &[
    "鼓励",
    "探索",
    "有条件的",
    "有条件",
    "逐步",
    "持续推进",
    "适时",
    "可以",
    "可",
    "视情",
    "争取",
    "尽量",
    "力争",
    "原则上",
];

/// Obligations the upper text imposes that the lower text softened: a binding word above
/// that is gone below, while a soft word appears below that was not above.
pub fn softenings(upper: &str, lower: &str, seg: &Segmenter) -> Vec<Softening> {
    let uw = seg.words(upper);
    let lw = seg.words(lower);
    let has = |words: &[&str], w: &str| {
        if w.chars().count() > 2 {
            words.concat().contains(w)
        } else {
            words.contains(&w)
        }
    };
    let binding: Vec<&str> = BINDING
        .iter()
        .copied()
        .filter(|b| has(&uw, b) && !has(&lw, b))
        .collect();
    let soft: Vec<&str> = SOFT
        .iter()
        .copied()
        .filter(|s| has(&lw, s) && !has(&uw, s))
        .collect();
    match (binding.first(), soft.first()) {
        (Some(b), Some(s)) => vec![Softening {
            upper: b.to_string(),
            lower: s.to_string(),
        }],
        _ => Vec::new(),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deadline;

    fn task(text: &str, lead: &[&str], deadline: Deadline) -> Task {
        Task {
            id: "1".into(),
            section: vec![],
            text: text.into(),
            units: vec![],
            lead_units: lead.iter().map(|s| s.to_string()).collect(),
            deadline,
            line: 1,
        }
    }

    #[test]
    fn clause_coverage_shows_the_missing_duty() {
        let c = clause_coverage(
            "完善政府规章库建设；建立健全规章动态更新工作机制。推进规章历史文本收录工作。",
            "完善政府规章库建设，推进规章历史文本收录工作",
        );
        assert_eq!(c.len(), 3);
        assert!(c[0].covered && !c[1].covered && c[2].covered);
        assert_eq!(coverage_share(&c), 0.67);
    }

    #[test]
    fn offices_match_across_levels() {
        assert_eq!(office_key("省财政厅"), office_key("市财政局"));
        assert_eq!(office_key("县财政局"), office_key("市财政局"));
        assert_eq!(office_key("省发展改革委"), office_key("市发改委"));
        assert_eq!(office_key("省市场监管局"), office_key("市市场监管局"));
        let u = unit_change(
            &task("a", &["省财政厅", "省民政厅"], Deadline::unspecified()),
            &task("b", &["市财政局"], Deadline::unspecified()),
        );
        assert_eq!(u.change, "changed");
        assert_eq!(u.kept, ["省财政厅"]);
        assert_eq!(u.removed, ["省民政厅"]);
    }

    #[test]
    fn numbers_bound_above_are_checked_below() {
        let n = number_changes(
            "分值权重不低于4%，不少于30日，按5分/篇加分",
            "分值权重不低于3%，按5分/篇加分",
        );
        assert_eq!(n.len(), 2);
        assert_eq!(n[0].upper, "不低于4%");
        assert_eq!(n[0].lower.as_deref(), Some("不低于3%"));
        assert_eq!(n[1].upper, "不少于30日");
        assert_eq!(n[1].lower, None);
    }

    #[test]
    fn deadlines_compare_by_month_and_day() {
        let y = |raw: &str, date: &str| Deadline {
            raw: Some(raw.into()),
            kind: DeadlineKind::Date,
            date: Some(date.into()),
        };
        let c = deadline_change(
            &task("a", &[], y("年底前", "2022-12-31")),
            &task("b", &[], y("9月底前", "2021-09-30")),
        );
        assert_eq!(c.change, DeadlineChange::Earlier);
        let c = deadline_change(
            &task("a", &[], y("年底前", "2022-12-31")),
            &task("b", &[], Deadline::unspecified()),
        );
        assert_eq!(c.change, DeadlineChange::Removed);
    }

    #[test]
    fn softened_obligation_is_flagged() {
        let seg = Segmenter::shared();
        let s = softenings(
            "各县区必须完成政务公开专区建设",
            "鼓励有条件的县区开展政务公开专区建设",
            seg,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].upper, "必须");
        assert_eq!(s[0].lower, "鼓励");
        assert!(softenings("完成专区建设", "完成专区建设", seg).is_empty());
    }

    #[test]
    fn diff_marks_deletions_and_insertions() {
        let d = word_diff(
            "做好政府信息公开工作",
            "做好政务公开工作",
            Segmenter::shared(),
        );
        assert!(d.iter().any(|op| matches!(op, DiffOp::Delete(_))));
        assert!(d.iter().any(|op| matches!(op, DiffOp::Insert(_))));
        assert!(matches!(&d[0], DiffOp::Equal(s) if s == "做好"));
    }
}
