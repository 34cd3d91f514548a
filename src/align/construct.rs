//! Constructed pairs: lower notices made from one notice by edits whose right alignment is
//! known without a gold file (a notice against itself, a copy with tasks deleted, level
//! words swapped, tasks shuffled within sections, unrelated tasks added, and a "county"
//! copy that does all of these and merges and splits some tasks). They are the aligner's
//! metamorphic tests and, beside the gold pairs, its calibration set
//! (`cargo run --release --example calibrate`).
//!
//! Everything is deterministic: the same notice and seed give the same pairs.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Level, Notice, Task};

/// A constructed pair and what a right alignment of it is.
#[derive(Debug, Clone)]
pub struct Constructed {
    /// `kind:source`, for tables.
    pub name: String,
    pub kind: Kind,
    pub upper: Notice,
    pub lower: Notice,
    /// The right links, (upper id, lower id).
    pub links: BTreeSet<(String, String)>,
}

impl Constructed {
    /// Upper task ids that no right link covers.
    pub fn dropped(&self) -> BTreeSet<&str> {
        let covered: BTreeSet<&str> = self.links.iter().map(|(u, _)| u.as_str()).collect();
        self.upper
            .tasks
            .iter()
            .map(|t| t.id.as_str())
            .filter(|id| !covered.contains(id))
            .collect()
    }

    /// Lower task ids that no right link covers.
    pub fn added(&self) -> BTreeSet<&str> {
        let covered: BTreeSet<&str> = self.links.iter().map(|(_, l)| l.as_str()).collect();
        self.lower
            .tasks
            .iter()
            .map(|t| t.id.as_str())
            .filter(|id| !covered.contains(id))
            .collect()
    }
}

/// The edit a constructed lower notice is made by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The notice itself: every task carried.
    Identity,
    /// A sixth of the tasks deleted: exactly those dropped.
    Deleted,
    /// Level words swapped (省→市→县) and light rewordings: every task carried.
    Relevelled,
    /// Tasks shuffled within their sections: every task linked to itself.
    Shuffled,
    /// Unrelated tasks inserted: those added, no other link.
    Padded,
    /// A near-verbatim, relevelled copy without a third of the tasks: the deleted ones
    /// must stay dropped, not be rescued by merge links.
    Copied,
    /// All of the above at once, with neighbouring tasks merged and tasks split at a
    /// clause boundary: the county notice a city notice becomes.
    County,
    /// A fifth of the tasks deleted, every other one cut to one or two of its clauses
    /// and reworded, unrelated tasks added: a lower notice that keeps little of the
    /// upper one's wording, whose links score low.
    Trimmed,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Identity,
        Kind::Deleted,
        Kind::Relevelled,
        Kind::Shuffled,
        Kind::Padded,
        Kind::Copied,
        Kind::County,
        Kind::Trimmed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Identity => "identity",
            Kind::Deleted => "deleted",
            Kind::Relevelled => "relevelled",
            Kind::Shuffled => "shuffled",
            Kind::Padded => "padded",
            Kind::Copied => "copied",
            Kind::County => "county",
            Kind::Trimmed => "trimmed",
        }
    }
}

/// Requirements from other fields of government (safety, farming, schools …), written in
/// the genre's style: a lower notice's own additions that no upper task covers.
const UNRELATED: &[&str] = &[
    "严格落实森林防火责任制，加强护林员队伍管理，做好重点时段野外用火巡查",
    "开展安全生产隐患排查整治，督促企业落实主体责任，建立问题清单和整改台账",
    "落实最严格的耕地保护制度，坚决遏制耕地非农化，稳定粮食播种面积",
    "推进义务教育优质均衡发展，改善农村薄弱学校办学条件，落实教师交流轮岗",
    "做好汛期防汛抗旱工作，完善山洪地质灾害监测预警体系，组织开展应急演练",
    "加强农村人居环境整治，推进生活垃圾分类和厕所改造，建设美丽宜居乡村",
    "持续开展道路交通安全整治，严查酒驾醉驾超载超速等违法行为",
    "推动文化惠民工程，办好乡村文化大舞台，丰富群众精神文化生活",
    "加强畜禽养殖污染防治，推进秸秆综合利用，严禁露天焚烧秸秆",
    "健全城乡居民基本医疗保险制度，提高门诊慢特病保障水平",
    "推进老旧小区改造和城市排水管网建设，解决居民出行停车难题",
    "落实河长制湖长制，开展河道清四乱专项行动，保护饮用水水源地",
];

/// Light rewordings a lower notice makes without changing what a task requires.
const REWORDINGS: &[(&str, &str)] = &[
    ("加强", "强化"),
    ("做好", "抓好"),
    ("推进", "推动"),
    ("及时", "第一时间"),
    ("全面", "全方位"),
    ("进一步", "持续"),
    ("年底前", "11月底前"),
];

/// xorshift64*: small, fast, and the same on every machine (also used by
/// `examples/synth.rs`). Seed it with an odd number.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// True `pct` times in a hundred.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }
    /// `k` distinct indices below `n`, sorted.
    fn pick(&mut self, n: usize, k: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        while out.len() < k.min(n) {
            out.insert(self.below(n));
        }
        out
    }
}

/// Swaps the words of the notice's level for those of the level below.
fn relevel(text: &str, level: Option<Level>) -> String {
    let swaps: &[(&str, &str)] = match level {
        Some(Level::National) => &[("国务院", "省政府"), ("全国", "全省"), ("各地区", "各市")],
        Some(Level::Province) => &[
            ("各市、县（市、区）", "各县（市、区）"),
            ("全省", "全市"),
            ("省政府", "市政府"),
            ("省级", "市级"),
            ("省委", "市委"),
            ("各市", "各县区"),
        ],
        Some(Level::City) | None => &[
            ("各县（市、区）", "各乡镇"),
            ("各县区", "各乡镇"),
            ("全市", "全县"),
            ("市政府", "县政府"),
            ("市级", "县级"),
            ("市委", "县委"),
            ("市直", "县直"),
        ],
        Some(Level::County | Level::Township) => &[
            ("各乡镇", "各村（社区）"),
            ("全县", "全镇"),
            ("县政府", "镇政府"),
            ("县直", "镇直"),
        ],
    };
    let mut s = text.to_string();
    for (from, to) in swaps {
        s = s.replace(from, to);
    }
    s
}

fn reword(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for (from, to) in REWORDINGS {
        if rng.chance(40) {
            s = s.replacen(from, to, 1);
        }
    }
    s
}

/// The text's clauses, cut after `，` `；` `。`.
fn clauses(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in text.chars() {
        out.last_mut().expect("never empty").push(c);
        if matches!(c, '，' | '；' | '。') {
            out.push(String::new());
        }
    }
    out.retain(|c| !c.trim().is_empty());
    out
}

/// One task of a constructed lower notice: where it came from and its text.
struct Row {
    from: Vec<String>,
    section: Vec<String>,
    text: String,
}

fn rows_of(upper: &Notice) -> Vec<Row> {
    upper
        .tasks
        .iter()
        .map(|t| Row {
            from: vec![t.id.clone()],
            section: t.section.clone(),
            text: t.text.clone(),
        })
        .collect()
}

fn unrelated_row(i: usize) -> Row {
    Row {
        from: Vec::new(),
        section: Vec::new(),
        text: UNRELATED[i % UNRELATED.len()].to_string(),
    }
}

/// Shuffles rows within runs of the same outermost section.
fn shuffle_within_sections(rows: &mut [Row], rng: &mut Rng) {
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && rows[end].section.first() == rows[start].section.first() {
            end += 1;
        }
        let run = &mut rows[start..end];
        for i in (1..run.len()).rev() {
            run.swap(i, rng.below(i + 1));
        }
        start = end;
    }
}

fn insert_unrelated(rows: &mut Vec<Row>, k: usize, rng: &mut Rng) {
    for i in 0..k {
        let at = rng.below(rows.len() + 1);
        rows.insert(at, unrelated_row(i));
    }
}

/// The lower notice of `rows`, numbered 1, 2, 3 …, and the right links.
fn assemble(kind: Kind, upper: &Notice, rows: Vec<Row>) -> Constructed {
    let mut links = BTreeSet::new();
    let level = upper.meta.level;
    let below = match level {
        Some(Level::National) => Some(Level::Province),
        Some(Level::Province) => Some(Level::City),
        Some(Level::City) => Some(Level::County),
        Some(Level::County | Level::Township) => Some(Level::Township),
        None => None,
    };
    let by_id: BTreeMap<&str, &Task> = upper.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let tasks: Vec<Task> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let id = (i + 1).to_string();
            for f in &r.from {
                links.insert((f.clone(), id.clone()));
            }
            let base = r.from.first().and_then(|f| by_id.get(f.as_str()));
            Task {
                id,
                section: r.section,
                text: r.text,
                units: base.map(|t| t.units.clone()).unwrap_or_default(),
                lead_units: base.map(|t| t.lead_units.clone()).unwrap_or_default(),
                deadline: base
                    .map(|t| t.deadline.clone())
                    .unwrap_or_else(crate::model::Deadline::unspecified),
                line: i + 1,
            }
        })
        .collect();
    let mut meta = upper.meta.clone();
    meta.level = below.or(meta.level);
    let lower = Notice {
        source: format!("{}~{}", upper.source, kind.as_str()),
        meta,
        layout: upper.layout,
        tasks,
        warnings: Vec::new(),
        ocr: None,
    };
    Constructed {
        name: format!(
            "{}:{}",
            kind.as_str(),
            crate::model::file_stem(&upper.source)
        ),
        kind,
        upper: upper.clone(),
        lower,
        links,
    }
}

/// The constructed pair of one kind made from `upper` with `seed`.
pub fn construct(upper: &Notice, kind: Kind, seed: u64) -> Constructed {
    let mut rng = Rng((seed ^ (kind as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1);
    let n = upper.tasks.len();
    let level = upper.meta.level;
    let mut rows = rows_of(upper);
    match kind {
        Kind::Identity => {}
        Kind::Deleted => {
            let gone = rng.pick(n, (n / 6).max(1));
            rows = keep(rows, &gone);
        }
        Kind::Relevelled => {
            for r in &mut rows {
                r.text = reword(&relevel(&r.text, level), &mut rng);
            }
        }
        Kind::Shuffled => shuffle_within_sections(&mut rows, &mut rng),
        Kind::Padded => insert_unrelated(&mut rows, (n / 5).max(2), &mut rng),
        Kind::Copied => {
            let gone = rng.pick(n, n / 3);
            rows = keep(rows, &gone);
            for r in &mut rows {
                r.text = relevel(&r.text, level);
            }
        }
        Kind::County => {
            let gone = rng.pick(n, n / 5);
            rows = keep(rows, &gone);
            for r in &mut rows {
                r.text = reword(&relevel(&r.text, level), &mut rng);
                // Sometimes a clause is left out.
                let cs = clauses(&r.text);
                if cs.len() > 2 && rng.chance(25) {
                    let drop = rng.below(cs.len());
                    r.text = cs
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != drop)
                        .map(|(_, c)| c.as_str())
                        .collect();
                }
            }
            merge_and_split(&mut rows, &mut rng);
            // Neighbours swapped, as lower notices reorder a little.
            for _ in 0..rows.len() / 8 {
                let i = rng.below(rows.len().saturating_sub(1));
                if i + 1 < rows.len() && rows[i].section == rows[i + 1].section {
                    rows.swap(i, i + 1);
                }
            }
            insert_unrelated(&mut rows, (n / 8).max(1), &mut rng);
        }
        Kind::Trimmed => {
            let gone = rng.pick(n, n / 5);
            rows = keep(rows, &gone);
            for r in &mut rows {
                let cs = clauses(&relevel(&r.text, level));
                if cs.len() > 1 {
                    let take = 1 + rng.below(2).min(cs.len() - 2);
                    let at = rng.below(cs.len() - take + 1);
                    r.text = cs[at..at + take].concat();
                } else {
                    r.text = cs.concat();
                }
                r.text = reword(&r.text, &mut rng);
            }
            insert_unrelated(&mut rows, (n / 8).max(1), &mut rng);
        }
    }
    assemble(kind, upper, rows)
}

fn keep(rows: Vec<Row>, gone: &BTreeSet<usize>) -> Vec<Row> {
    rows.into_iter()
        .enumerate()
        .filter(|(i, _)| !gone.contains(i))
        .map(|(_, r)| r)
        .collect()
}

/// Merges a few neighbouring pairs of the same section into one task, and splits a few
/// long tasks at a clause boundary in the middle into two.
fn merge_and_split(rows: &mut Vec<Row>, rng: &mut Rng) {
    let merges = rows.len() / 12;
    for _ in 0..merges {
        let i = rng.below(rows.len().saturating_sub(1));
        if i + 1 < rows.len() && rows[i].section == rows[i + 1].section && rows[i].from.len() == 1 {
            let next = rows.remove(i + 1);
            let r = &mut rows[i];
            r.from.extend(next.from);
            let joined = format!("{}；{}", r.text.trim_end_matches('。'), next.text);
            r.text = joined;
        }
    }
    let splits = rows.len() / 12;
    for _ in 0..splits {
        let i = rng.below(rows.len());
        let cs = clauses(&rows[i].text);
        if rows[i].from.len() != 1 || cs.len() < 4 {
            continue;
        }
        let half = cs.len() / 2;
        let second: String = cs[half..].concat();
        rows[i].text = cs[..half].concat();
        let row = Row {
            from: rows[i].from.clone(),
            section: rows[i].section.clone(),
            text: second,
        };
        rows.insert(i + 1, row);
    }
}

/// Every kind made from `upper` with `seed`.
pub fn all(upper: &Notice, seed: u64) -> Vec<Constructed> {
    Kind::ALL
        .into_iter()
        .map(|k| construct(upper, k, seed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deadline, Layout, NoticeMeta};

    fn notice(n: usize) -> Notice {
        Notice {
            source: "n.txt".into(),
            meta: NoticeMeta::default(),
            layout: Layout::Prose,
            tasks: (0..n)
                .map(|i| Task {
                    id: (i + 1).to_string(),
                    section: vec![format!("s{}", i / 4)],
                    text: format!("第{i}项，全市做好工作，加强落实，推进公开，接受监督"),
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

    #[test]
    fn the_truth_of_each_kind_is_what_its_edit_says() {
        let n = notice(24);
        let c = construct(&n, Kind::Deleted, 7);
        assert_eq!(c.dropped().len(), 4);
        assert_eq!(c.lower.tasks.len(), 20);
        assert!(c.added().is_empty());
        let c = construct(&n, Kind::Padded, 7);
        assert!(c.dropped().is_empty());
        assert_eq!(c.added().len(), 4);
        let c = construct(&n, Kind::Shuffled, 7);
        assert_eq!(c.links.len(), 24);
        for (u, l) in &c.links {
            let (ut, lt) = (n.task(u).unwrap(), c.lower.task(l).unwrap());
            assert_eq!((&ut.text, &ut.section), (&lt.text, &lt.section));
        }
        let c = construct(&n, Kind::Relevelled, 7);
        assert!(c.lower.tasks.iter().all(|t| t.text.contains("全县")));
    }

    #[test]
    fn the_same_seed_gives_the_same_pair() {
        let n = notice(30);
        let (a, b) = (
            construct(&n, Kind::County, 3),
            construct(&n, Kind::County, 3),
        );
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.links, b.links);
        assert_ne!(construct(&n, Kind::County, 4).lower, a.lower);
    }
}
