//! The types every stage hands to the next: a [`Notice`] with its [`NoticeMeta`] and
//! [`Task`]s (produced by `parse`), and the [`Alignment`] of two notices (produced by
//! `align`, read by every renderer in `report`).
//!
//! Everything here is `Serialize`: the JSON output of `parse` and `compare` is just the
//! serialisation of these values, so the JSON and the other reports can never disagree.

use serde::{Deserialize, Serialize};

/// The name policydiff writes into its reports as their generator or author: the report
/// writers (`report::xlsx`, `report::docx`, the HTML head) put it there and
/// `ingest::own` looks for it, so it lives below both.
pub const GENERATOR: &str = "policydiff";

/// Administrative level of the body that issued a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    City,
    County,
    Township,
}

impl Level {
    /// The lowercase English name used in JSON and in the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
        }
    }

    /// The Chinese name an auditor uses (省级, 市级 …).
    pub fn zh(self) -> &'static str {
        match self {
            Level::National => "国家级",
            Level::Province => "省级",
            Level::City => "市级",
            Level::County => "县级",
            Level::Township => "乡镇级",
        }
    }

    /// Parses the English name (as written in `corpus.toml`).
    pub fn from_name(s: &str) -> Option<Level> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "national" => Level::National,
            "province" => Level::Province,
            "city" => Level::City,
            "county" => Level::County,
            "township" => Level::Township,
            _ => return None,
        })
    }
}

/// What the notice says about itself, read from its preamble. Every field may be missing:
/// a bare task table carries none of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NoticeMeta {
    pub title: Option<String>,
    pub issuer: Option<String>,
    /// Document number such as `池政办秘〔2021〕43号`.
    pub doc_number: Option<String>,
    /// Date of issue, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The year the work plan is for.
    pub year: Option<i32>,
    pub level: Option<Level>,
    /// Region named by the issuer, such as `池州市`.
    pub region: Option<String>,
}

/// How a deadline reads once normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineKind {
    /// A calendar date (`年底前`, `9月30日前`, `6 月底前`).
    Date,
    /// Ongoing work without an end: `持续推进`, `全年`, `长期`, `常态化`.
    Ongoing,
    /// No deadline given, or one that could not be read.
    Unspecified,
}

/// A task's deadline, as printed and normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The deadline as printed, whitespace removed; `None` when the notice gives none.
    pub raw: Option<String>,
    pub kind: DeadlineKind,
    /// ISO date for [`DeadlineKind::Date`] (needs the notice's year for `年底前`).
    pub date: Option<String>,
}

impl Deadline {
    pub fn unspecified() -> Self {
        Deadline {
            raw: None,
            kind: DeadlineKind::Unspecified,
            date: None,
        }
    }
}

/// One requirement of a notice's task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// The printed number (`12`; Chinese numerals converted), or `N-k` for the k-th
    /// unnumbered continuation row under numbered row `N`.
    pub id: String,
    /// Headings above the task, outermost first, whitespace removed.
    pub section: Vec<String>,
    /// The requirement text, without the unit and deadline cells.
    pub text: String,
    /// Responsible units that implement (负责落实), in printed order.
    pub units: Vec<String>,
    /// Lead units (牵头), in printed order.
    pub lead_units: Vec<String>,
    pub deadline: Deadline,
    /// 1-based line of the source text where the task starts.
    pub line: usize,
}

impl Task {
    /// Lead units first, then the implementing units.
    pub fn all_units(&self) -> impl Iterator<Item = &String> {
        self.lead_units.iter().chain(self.units.iter())
    }
}

/// The table or prose layout a notice's task list was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One table row per line, cells separated by tabs.
    TabRows,
    /// One cell per line (each starting with a tab), rows separated by blank lines.
    CellLines,
    /// One table row per line, cells separated by `|`; leading cells only on some rows.
    PipeRows,
    /// Numbered prose items （一）（二）… with units in a trailing parenthesis.
    Prose,
    /// A table read from a structured document (.docx or HTML).
    DocumentTable,
    /// A table flattened to one cell per line without tabs: cells ended by `|`, separated
    /// by `|` lines or by blank lines; rows found by the header's width or the task numbers.
    OneCellPerLine,
    /// A table whose cells are separated by spaces (header words on one line), its rows
    /// one a line or run together on one line; rows found by the task numbers' sequence.
    SpaceRows,
}

impl Layout {
    /// The name used in JSON and in `parse --explain` (`tab-rows`, `prose` …).
    pub fn name(self) -> &'static str {
        match self {
            Layout::TabRows => "tab-rows",
            Layout::CellLines => "cell-lines",
            Layout::PipeRows => "pipe-rows",
            Layout::Prose => "prose",
            Layout::DocumentTable => "document-table",
            Layout::OneCellPerLine => "one-cell-per-line",
            Layout::SpaceRows => "space-rows",
        }
    }
}

/// A parsed notice: where it came from, what it says about itself, and its tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// The path or name it was read from.
    pub source: String,
    pub meta: NoticeMeta,
    pub layout: Layout,
    pub tasks: Vec<Task>,
    /// What reading and parsing noticed that a reader should check (bytes dropped in
    /// decoding, text a PDF hides, a gap or repeat in the notice's own task numbering …),
    /// as data, in the order noticed: the reading's first, then the parser's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<NoticeWarning>,
    /// For a scanned notice: what OCR read (the text may hold misread characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrSummary>,
}

/// What OCR read of a scanned notice (issue 26).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrSummary {
    /// Pages read.
    pub pages: usize,
    /// Characters read.
    pub chars: usize,
    /// Characters the recognition model was less than 80% sure of.
    pub uncertain: usize,
    /// The mean of the characters' probabilities, rounded to 3 decimals.
    pub confidence: f64,
    /// The tasks holding characters the model was less than 80% sure of, in task order:
    /// they are 待核实 when compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<OcrTask>,
}

/// A task of a scanned notice holding uncertain characters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrTask {
    pub id: String,
    /// The lowest probability of its characters, 3 decimals.
    pub confidence: f64,
    /// The uncertain characters in their context, as read.
    pub uncertain: Vec<String>,
}

impl OcrSummary {
    /// Does task `id` hold uncertain characters?
    pub fn doubts(&self, id: &str) -> bool {
        self.tasks.iter().any(|t| t.id == id)
    }
}

impl Notice {
    /// What identifies the notice's content whatever file format it came in: the first
    /// 16 hex digits of a SHA-256 over its task ids and texts. Review decisions are kept
    /// per pair of these, so they follow the notice, not its file name.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for t in &self.tasks {
            h.update(t.id.as_bytes());
            h.update([0x1f]);
            h.update(t.text.as_bytes());
            h.update([0x1e]);
        }
        h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// A short human name: `issuer 〔doc number〕` or the source file name.
    pub fn display_name(&self) -> String {
        let base = self
            .meta
            .issuer
            .clone()
            .or_else(|| self.meta.region.clone())
            .unwrap_or_else(|| file_stem(&self.source));
        match (&self.meta.doc_number, self.meta.year) {
            (Some(n), _) => format!("{base} {n}"),
            (None, Some(y)) => format!("{base} {y}"),
            (None, None) => base,
        }
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }
}

/// The file name without directories and extension.
pub fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// The call made for one upper task or one lower task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Restated nearly verbatim (after level words are folded).
    Carried,
    /// The same requirement in clearly different words, or narrower/broader.
    Reworded,
    /// No lower task covers the upper task.
    Dropped,
    /// A lower task that covers no upper task.
    Added,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Carried,
        Status::Reworded,
        Status::Dropped,
        Status::Added,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Carried => "carried",
            Status::Reworded => "reworded",
            Status::Dropped => "dropped",
            Status::Added => "added",
        }
    }

    /// The label auditors use.
    pub fn zh(self) -> &'static str {
        match self {
            Status::Carried => "原文落实",
            Status::Reworded => "改写落实",
            Status::Dropped => "未落实",
            Status::Added => "新增",
        }
    }

    pub fn from_name(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s.trim())
    }
}

/// One operation of a word-level diff between an upper and a lower text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "op", content = "text")]
pub enum DiffOp {
    Equal(String),
    Delete(String),
    Insert(String),
}

/// How a deadline moved between an upper task and its lower task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineChange {
    Same,
    Earlier,
    Later,
    /// The upper task has a deadline, the lower none.
    Removed,
    /// The lower task has a deadline, the upper none.
    Added,
    /// Both have deadlines that cannot be ordered (ongoing vs a date).
    Changed,
    /// Neither has a deadline.
    None,
}

impl DeadlineChange {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineChange::Same => "same",
            DeadlineChange::Earlier => "earlier",
            DeadlineChange::Later => "later",
            DeadlineChange::Removed => "removed",
            DeadlineChange::Added => "added",
            DeadlineChange::Changed => "changed",
            DeadlineChange::None => "none",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            DeadlineChange::Same => "时限相同",
            DeadlineChange::Earlier => "时限提前",
            DeadlineChange::Later => "时限推后",
            DeadlineChange::Removed => "时限取消",
            DeadlineChange::Added => "新增时限",
            DeadlineChange::Changed => "时限改变",
            DeadlineChange::None => "均无时限",
        }
    }
}

/// The upper and lower deadlines of a link and how they compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineDiff {
    pub change: DeadlineChange,
    pub upper: Option<String>,
    pub lower: Option<String>,
}

/// How the lead units of a link compare once level prefixes are folded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChange {
    /// `same`, `changed`, `none` (neither names a lead unit), `added` or `removed`.
    pub change: String,
    /// Upper lead units matched to a lower lead unit of the same office.
    pub kept: Vec<String>,
    /// Upper lead units with no counterpart below.
    pub removed: Vec<String>,
    /// Lower lead units with no counterpart above.
    pub added: Vec<String>,
}

/// A number the upper text binds (不低于4%, 30日, 2021年底前 …) and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberChange {
    /// The quantity as printed in the upper text.
    pub upper: String,
    /// The lower text's quantity of the same unit, if any; `None` means missing.
    pub lower: Option<String>,
}

/// One clause of the upper text and whether the lower text covers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseCoverage {
    pub clause: String,
    pub covered: bool,
    /// Share of the clause's content found in the lower text (0–1, two decimals).
    pub score: f64,
}

/// An obligation the upper text imposes that the lower text softened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Softening {
    /// The binding word above (要, 必须, 严格, 年底前完成 …).
    pub upper: String,
    /// The soft word below (鼓励, 探索, 有条件的, 逐步, 持续推进 …).
    pub lower: String,
}

/// Where a link came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Found by the similarity alignment.
    Computed,
    /// Confirmed or added by an `--overrides` file.
    Override,
    /// Linked by a distinctive phrase the two texts share verbatim ([`Link::phrase`]),
    /// where the similarity score alone would have left the upper task dropped.
    Phrase,
    /// Linked by position (issue 22): an upper task the scores left dropped, whose best
    /// lower candidate is free, prefers it back, shares a topic with it and lies between
    /// the lower partners of its neighbours' confident links.
    Order,
}

/// One (upper task, lower task) pair the alignment keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub upper: String,
    pub lower: String,
    /// `carried` or `reworded`.
    pub status: Status,
    /// Similarity, 0–1, three decimals.
    pub score: f64,
    /// The key terms the two texts share, most informative first.
    pub shared_terms: Vec<String>,
    /// Share of the upper clauses the lower text covers (0–1).
    pub clause_coverage: f64,
    pub clauses: Vec<ClauseCoverage>,
    pub diff: Vec<DiffOp>,
    pub deadline_change: DeadlineDiff,
    pub unit_change: UnitChange,
    pub number_changes: Vec<NumberChange>,
    pub softened: Vec<Softening>,
    pub origin: Origin,
    /// The phrase of [`Origin::Phrase`] links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// The topics of the 政务公开 concept lexicon both tasks name, rarest first: evidence
    /// beside the word score (issue 22).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concepts: Vec<String>,
}

/// A nearest candidate shown as evidence for a `dropped` or `added` call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub score: f64,
}

/// An upper task no lower task covers, with the nearest lower candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmatched {
    pub id: String,
    pub candidates: Vec<Candidate>,
}

/// Counts and coverage of one section of the upper notice (or the whole notice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionSummary {
    /// The outermost heading, or empty for tasks outside any section.
    pub section: String,
    pub upper_tasks: usize,
    pub carried: usize,
    pub reworded: usize,
    pub dropped: usize,
    /// (carried + reworded) / upper tasks, in percent, one decimal.
    pub coverage_pct: f64,
}

/// Counts per status and coverage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub upper_tasks: usize,
    pub lower_tasks: usize,
    pub links: usize,
    pub carried: usize,
    pub reworded: usize,
    pub dropped: usize,
    pub added: usize,
    /// (carried + reworded) / upper tasks, in percent, one decimal.
    pub coverage_pct: f64,
    pub sections: Vec<SectionSummary>,
    /// Upper tasks whose status needs review (待核实, [`Decision::review`]).
    #[serde(default)]
    pub review: usize,
}

/// The settings an alignment was made with, kept with the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A pair scoring at least this is linked.
    pub link: f64,
    /// A pair scoring at least this, with an assignment partner elsewhere, still links
    /// as a split or merge when it is the other task's best match.
    pub extra_link: f64,
    /// A linked pair at or above this score (and clause coverage) is `carried`.
    pub carried: f64,
    /// An upper task no score links is still linked to the one lower task with which it
    /// alone shares a verbatim run of at least this many characters (0: never).
    #[serde(default)]
    pub phrase: usize,
    /// The link bar relative to the pair: a backbone link needs at least this share of
    /// [`PairThresholds::scale`] (never less than `link`; 0: absolute `link` only).
    #[serde(default)]
    pub relative_link: f64,
    /// The same for split and merge links, against `extra_link`.
    #[serde(default)]
    pub relative_extra: f64,
    /// A status whose deciding score lies within this share of the bar it was decided
    /// against (above or below) needs review (0: only rescued links do).
    #[serde(default)]
    pub review_band: f64,
    /// A split or merge link is refused when the task it would join is already explained
    /// this fully by its backbone partner (IDF-weighted share of its text found there;
    /// 0: never refused).
    #[serde(default)]
    pub explained: f64,
}

/// The bars one pair was aligned with, after [`Thresholds`] were fitted to its scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PairThresholds {
    /// How high this pair's scores run: the mean of the best scores of the upper
    /// tasks' top half (a near-verbatim copy is close to 1).
    pub scale: f64,
    /// The backbone bar used.
    pub link: f64,
    /// The split/merge bar used.
    pub extra_link: f64,
}

/// How sure the aligner is of one upper task's status, and whether a person should
/// check it before it is trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The upper task id.
    pub id: String,
    /// carried, reworded or dropped (as [`Alignment::upper_status`]).
    pub status: Status,
    /// 0.5 (a coin toss, at the bar) to 1 (far from it), two decimals.
    pub confidence: f64,
    /// 待核实: the deciding score lies near the bar with nothing else to back it, another
    /// upper task claims its lower task at least as strongly, or only the phrase rule
    /// links it.
    pub review: bool,
    /// Why it needs review; `None` when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doubt: Option<Doubt>,
}

/// Why a status needs review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doubt {
    /// The deciding score lies within the review band of the bar.
    NearBar,
    /// Its lower task is linked to another upper task that scores at least as high, and
    /// does not hold this task's text nearly whole (which would make it a merge).
    Contested,
    /// Only the phrase rule links it, and its neighbours' links do not place its lower
    /// task in order.
    Rescued,
    /// No lower task shares its wording closely enough to link, but one names the same
    /// topics (the concept lexicon): a heavy rewording or a drop, which only a reader
    /// can tell.
    TopicOnly,
    /// A link not far from its bar whose two tasks each name topics of the concept
    /// lexicon, but not one in common.
    OffTopic,
    /// The task, or the lower task linked to it, was read by OCR with characters the
    /// model was unsure of (issue 26).
    Ocr,
}

/// The hand-off type: both notices, the links, the unmatched tasks and the summary.
/// Every renderer reads only this value; JSON output is its serialisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub upper: Notice,
    pub lower: Notice,
    pub links: Vec<Link>,
    /// Upper task ids no lower task covers.
    pub dropped: Vec<String>,
    /// Lower task ids that cover no upper task.
    pub added: Vec<String>,
    /// Evidence for each dropped upper task: its nearest lower tasks.
    pub dropped_evidence: Vec<Unmatched>,
    /// Evidence for each added lower task: its nearest upper tasks.
    pub added_evidence: Vec<Unmatched>,
    pub thresholds: Thresholds,
    /// The bars fitted to this pair.
    #[serde(default)]
    pub pair_thresholds: PairThresholds,
    /// One per upper task, in upper-task order.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    pub summary: Summary,
    /// What an auditor should check before trusting the result (inputs of unexpected
    /// levels or years), as data ([`Warning`]); worded on stderr and in every report's
    /// header.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The reviewers' decisions the alignment was made with (`--overrides`,
    /// `--workspace`, `serve`), in (upper, lower) order: what the reports show as 人工确认
    /// and 已否定, and what the HTML page starts from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
}

/// What a reviewer decided about one (upper, lower) pair of tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewVerdict {
    /// The link holds (added when the aligner had not made it).
    Confirm,
    /// The link is wrong: it is removed and stays removed.
    Reject,
}

impl ReviewVerdict {
    /// `confirm` or `reject`, as in overrides files.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewVerdict::Confirm => "confirm",
            ReviewVerdict::Reject => "reject",
        }
    }
}

/// One reviewer's decision on one pair of tasks, with who made it and when when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The upper task id.
    pub upper: String,
    /// The lower task id.
    pub lower: String,
    pub verdict: ReviewVerdict,
    /// The label a confirmation gave (`carried` or `reworded`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The reviewer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, as UTC `YYYY-MM-DD HH:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Alignment {
    /// The status of an upper task: the best of its links, or dropped.
    pub fn upper_status(&self, id: &str) -> Status {
        self.links
            .iter()
            .filter(|l| l.upper == id)
            .map(|l| l.status)
            .min()
            .unwrap_or(Status::Dropped)
    }

    /// The decision on an upper task.
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }

    /// Whether an upper task's status needs review (待核实).
    pub fn in_review(&self, id: &str) -> bool {
        self.decision(id).is_some_and(|d| d.review)
    }

    /// Links of one upper task, in lower-task order.
    pub fn links_of_upper<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Link> + 'a {
        self.links.iter().filter(move |l| l.upper == id)
    }
}

/// How a top task arrived at one level of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Through the level above's task(s) that carry it.
    Chain,
    /// Aligned directly against the top notice although the level above dropped it.
    Direct,
    /// Not at this level.
    None,
}

/// The fate of one top task at one level below the top.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainCell {
    /// carried, reworded or dropped.
    pub status: Status,
    pub via: Via,
    /// The ids of the tasks at this level that carry it.
    pub tasks: Vec<String>,
    /// The alignment this cell was decided by marks the call for review (待核实): the
    /// level above's tasks it follows, or the top task itself when aligned directly.
    #[serde(default)]
    pub review: bool,
}

/// One top task and its fate at every level below.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainRow {
    pub id: String,
    pub text: String,
    pub section: Vec<String>,
    /// One cell per level below the top, in order.
    pub cells: Vec<ChainCell>,
}

/// A top notice followed down a chain of lower notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    /// The notices, top first.
    pub notices: Vec<Notice>,
    pub rows: Vec<ChainRow>,
    /// Per level below the top: the alignment summary against its parent level.
    pub summaries: Vec<Summary>,
    /// As [`Alignment::warnings`], for the whole chain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A warning about a run's inputs, kept as data until it is shown: the renderers word it
/// in the report's language (`report::describe::warning`); JSON carries its `code` and
/// data, the same whatever `--lang` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Warning {
    /// The upper notice is of a lower administrative level than the notice below it
    /// (swapped arguments?). `upper` and `lower` are the notices' file stems.
    LevelInverted {
        upper: String,
        upper_level: Level,
        lower: String,
        lower_level: Level,
    },
    /// The lower notice is older than the upper one, so it cannot implement it.
    LowerOlder {
        upper: String,
        upper_year: i32,
        lower: String,
        lower_year: i32,
    },
    /// The notice was read from a scan by OCR: its text may hold misread characters.
    /// `source` is the notice's name; `uncertain` of its `chars` characters were read
    /// with less than 80% probability.
    ReadByOcr {
        source: String,
        pages: usize,
        chars: usize,
        uncertain: usize,
    },
    /// The upper and the lower notice are the same file (`upper` is its stem).
    SameFile { upper: String },
    /// Two files whose tasks say the same thing (all but at most one in twenty, spaces,
    /// punctuation and traditional characters aside): `shared` tasks are identical.
    SameTasks {
        upper: String,
        lower: String,
        shared: usize,
    },
    /// What reading or parsing one notice noticed (its encoding, gaps in its own
    /// numbering …): `source` names the notice. In JSON the notice warning's own `code`
    /// and data sit beside `source` (`{"code": "numbering_gap", "source": …, …}`).
    #[serde(untagged)]
    Notice {
        source: String,
        #[serde(flatten)]
        warning: NoticeWarning,
    },
}

impl Warning {
    /// [`Warning::ReadByOcr`] for a notice read from a scan.
    pub fn ocr(n: &Notice) -> Option<Warning> {
        n.ocr.as_ref().map(|o| Warning::ReadByOcr {
            source: n.display_name(),
            pages: o.pages,
            chars: o.chars,
            uncertain: o.uncertain,
        })
    }

    /// What reading and parsing one notice noticed, named by the notice: the OCR
    /// reading first, then [`Notice::warnings`].
    pub fn of_notice(n: &Notice) -> Vec<Warning> {
        let source = n.display_name();
        Warning::ocr(n)
            .into_iter()
            .chain(n.warnings.iter().map(|w| Warning::Notice {
                source: source.clone(),
                warning: w.clone(),
            }))
            .collect()
    }

    /// The code JSON carries for it (`level_inverted`, `numbering_gap` …).
    pub fn code(&self) -> String {
        let v = serde_json::to_value(self).unwrap_or_default();
        v.get("code")
            .and_then(|c| c.as_str())
            .unwrap_or_default()
            .to_string()
    }
}

/// What reading or parsing one notice noticed that a reader should check, kept as data
/// until it is shown (`report::describe` words it in the report's language). Lines are
/// the notice's own, from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoticeWarning {
    /// Byte sequences not valid in the text's `encoding` (`UTF-8`, `GB18030`, `UTF-16`,
    /// or the charset an HTML page declares) were dropped (UTF-16: replaced).
    InvalidBytes {
        encoding: String,
        #[serde(flatten)]
        lines: LineList,
    },
    /// Not valid UTF-8 throughout, read as UTF-8 all the same (its `invalid` sequences
    /// dropped) because GB18030 would read `rare_pct` per cent of it as rare characters.
    ReadAsUtf8 {
        invalid: usize,
        rare_pct: usize,
        #[serde(flatten)]
        lines: LineList,
    },
    /// An HTML page declares the charset `declared` but reads as UTF-8; its `invalid`
    /// UTF-8 sequences were dropped.
    CharsetMismatch {
        declared: String,
        invalid: usize,
        #[serde(flatten)]
        lines: LineList,
    },
    /// Control characters were removed.
    ControlCharacters {
        #[serde(flatten)]
        lines: LineList,
    },
    /// Bidirectional text controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C),
    /// which can make text read differently from what it holds, were removed.
    BidiControls {
        #[serde(flatten)]
        lines: LineList,
    },
    /// A PDF draws `chars` characters invisibly (render mode 3, clipped away, white on
    /// white): they were left out.
    PdfHiddenText { chars: usize },
    /// Page `page` (from 1) of a PDF is damaged: what could not be read was skipped.
    PdfDamaged { page: usize, damage: PdfDamage },
    /// `pages` pages of a PDF draw more ruling lines than can be compared (`limit` pairs
    /// for the document): they were read without tables.
    PdfTooManyRules { pages: usize, limit: usize },
    /// The first task found (on `line`) is numbered `number`, not 1: tasks 1 to
    /// `number - 1` were not found.
    NumberingStartsLate { line: usize, number: u32 },
    /// The numbering under a new heading starts at `number` (on `line`), not 1.
    HeadingNumberingStartsLate { line: usize, number: u32 },
    /// The task numbers skip from `before` (on `before_line`) to `number` (on `line`):
    /// tasks `before + 1` to `number - 1` were not found.
    NumberingGap {
        before: u32,
        before_line: usize,
        number: u32,
        line: usize,
    },
    /// Task number `number` (on `line`) comes after `before` (on `before_line`): a
    /// number repeats or runs backwards.
    NumberingBackwards {
        before: u32,
        before_line: usize,
        number: u32,
        line: usize,
    },
}

/// The lines a warning is about: the first ten, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineList {
    pub lines: Vec<usize>,
    pub line_count: usize,
}

impl LineList {
    /// How many lines a [`LineList`] keeps.
    pub const KEPT: usize = 10;

    /// The first [`LineList::KEPT`] of `lines`, and their number; `None` when there are none.
    pub fn of(lines: &[usize]) -> Option<LineList> {
        (!lines.is_empty()).then(|| LineList {
            lines: lines.iter().take(Self::KEPT).copied().collect(),
            line_count: lines.len(),
        })
    }

    /// The first line.
    pub fn first(&self) -> usize {
        self.lines.first().copied().unwrap_or(0)
    }
}

/// What is damaged on a PDF page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PdfDamage {
    /// Its content stream cannot be decoded; `detail` is the PDF library's own words.
    Content { detail: String },
    /// Its content cannot be read at byte `byte` (of the page's content); the line
    /// there was skipped.
    At { byte: usize },
    /// A form (a reused drawing) on it cannot be decoded; `detail` is the PDF library's
    /// own words.
    Form { detail: String },
}

/// One lower notice's result in a coverage run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locality {
    /// A short name (region, or file stem).
    pub name: String,
    pub source: String,
    pub meta: NoticeMeta,
    pub summary: Summary,
    /// The status of each upper task, in upper-task order.
    pub statuses: Vec<Status>,
    /// Whether each upper task's status needs review (待核实), in upper-task order.
    #[serde(default)]
    pub review: Vec<bool>,
    /// What reading and parsing this notice noticed: [`Warning::ReadByOcr`] and
    /// [`Warning::Notice`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Coverage {
    /// The run's warnings, then what reading each lower notice noticed, in input order:
    /// what a coverage report shows (`report::describe::warnings` groups the kinds found
    /// in many notices).
    pub fn all_warnings(&self) -> Vec<Warning> {
        self.warnings
            .iter()
            .chain(self.localities.iter().flat_map(|l| &l.warnings))
            .cloned()
            .collect()
    }
}

/// How many localities did what with one upper task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskCoverage {
    pub id: String,
    pub text: String,
    pub section: Vec<String>,
    pub carried: usize,
    pub reworded: usize,
    pub dropped: usize,
}

/// An input that could not be read in a run over many notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub source: String,
    /// Why, as data (`report::errors::skipped` words it): in JSON its `code` and data
    /// beside `source`.
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// Why an input of a run over many notices was left out. In JSON, a `code` and its data;
/// `detail` fields hold the words of the system or of a library that reported the
/// problem, as they said them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipReason {
    /// The file cannot be read: `kind` is the system's kind of error (`NotFound`,
    /// `PermissionDenied` …), `detail` its words.
    Unreadable { kind: String, detail: String },
    /// Not a regular file: `kind` says what it is (`a directory`, `a named pipe (FIFO)` …).
    NotAFile { kind: String },
    /// The file is empty.
    Empty,
    /// The file holds only whitespace.
    Blank,
    /// The file is larger than `limit` bytes (`size` when known).
    TooLarge { size: Option<u64>, limit: u64 },
    /// A kind of file policydiff does not read (`what` names it).
    Unsupported { what: String },
    /// Binary data, not a text notice (`what` was found).
    Binary { what: String },
    /// A kind of file read by converting it with LibreOffice, which is not installed.
    NeedsLibreOffice { what: String },
    /// An old Word document whose conversion failed.
    ConversionFailed { detail: String },
    /// A scan, and the OCR engine is not installed.
    NeedsOcr { what: String, detail: String },
    /// A PDF with neither a text layer nor page images.
    NoTextLayer,
    /// Damaged or not a readable file of its `format`.
    Damaged { format: String, detail: String },
    /// No task list was found.
    NoTasks,
    /// A task table's header was found, but no row holds requirement text.
    EmptyTable { header: String },
    /// The same tasks as the upper notice (`upper`), so not a lower notice.
    SameTasks { upper: String },
    /// Too many task pairs to compare (`pairs`, the limit `limit`).
    TooManyPairs { pairs: usize, limit: usize },
    /// Too much task text to compare (`chars` characters, the limit `limit`).
    TooMuchText { chars: usize, limit: usize },
    /// Reading or aligning it failed unexpectedly; `detail` is what failed.
    Failed { detail: String },
    /// A symbolic link to a file that does not exist.
    DanglingLink,
    /// A file in a directory given whose type policydiff does not read (by its extension).
    NotANotice,
    /// A report policydiff wrote (`format`: `Excel`, `Word` or `HTML`), not a notice.
    OwnReport { format: String },
}

/// One upper notice against many lower notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub upper: Notice,
    /// In input order.
    pub localities: Vec<Locality>,
    /// Per upper task, in the order auditors want: the fewest localities covering it first.
    pub tasks: Vec<TaskCoverage>,
    pub failures: Vec<Failure>,
    pub thresholds: Thresholds,
    /// As [`Alignment::warnings`], for the whole run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_warning_is_flat_in_json_and_reads_back() {
        let w = Warning::Notice {
            source: "gap.txt".into(),
            warning: NoticeWarning::InvalidBytes {
                encoding: "GB18030".into(),
                lines: LineList {
                    lines: vec![3, 9],
                    line_count: 2,
                },
            },
        };
        let json = serde_json::to_value(&w).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid_bytes",
                "source": "gap.txt",
                "encoding": "GB18030",
                "lines": [3, 9],
                "line_count": 2
            })
        );
        assert_eq!(w.code(), "invalid_bytes");
        assert_eq!(serde_json::from_value::<Warning>(json).unwrap(), w);
        // The run's own warnings keep their codes.
        let same = Warning::SameFile { upper: "a".into() };
        let json = serde_json::to_value(&same).unwrap();
        assert_eq!(json["code"], "same_file");
        assert_eq!(serde_json::from_value::<Warning>(json).unwrap(), same);
        let damaged = Warning::Notice {
            source: "d.pdf".into(),
            warning: NoticeWarning::PdfDamaged {
                page: 1,
                damage: PdfDamage::At { byte: 120 },
            },
        };
        let json = serde_json::to_value(&damaged).unwrap();
        assert_eq!(json["damage"]["kind"], "at", "{json}");
        assert_eq!(serde_json::from_value::<Warning>(json).unwrap(), damaged);
    }

    #[test]
    fn a_skip_reason_is_a_code_and_its_data() {
        let f = Failure {
            source: "x.rtf".into(),
            reason: SkipReason::Unsupported {
                what: "an RTF document".into(),
            },
        };
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["code"], "unsupported");
        assert_eq!(json["what"], "an RTF document");
        assert_eq!(serde_json::from_value::<Failure>(json).unwrap(), f);
        let empty = Failure {
            source: "e.txt".into(),
            reason: SkipReason::Empty,
        };
        let json = serde_json::to_value(&empty).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"source": "e.txt", "code": "empty"})
        );
        assert_eq!(serde_json::from_value::<Failure>(json).unwrap(), empty);
    }
}
