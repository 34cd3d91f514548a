//! One upper notice against many lower notices: a matrix of statuses (upper tasks ×
//! localities), coverage per locality, and per upper task how many localities carried,
//! reworded or dropped it — the requirements nobody carried first.
//!
//! The upper notice is tokenised once; lower notices are read and aligned in parallel
//! (rayon, results in input order); a notice that cannot be read becomes a [`Failure`]
//! and the run goes on, as do a file of a type policydiff does not read found in a
//! directory, and a copy of the upper notice (which would show as a locality at 100%).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::align::{AlignOptions, align_tokenized, score};
use crate::ingest::IngestOptions;
use crate::manifest::{Entry, Manifest};
use crate::model::{
    Alignment, Coverage, Failure, Locality, Notice, SkipReason, Status, TaskCoverage, Warning,
    file_stem,
};
use crate::segment::Segmenter;

/// Why the inputs of a coverage run could not be listed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputsError {
    #[error("{path}: cannot list directory: {source}")]
    Dir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Manifest(#[from] crate::manifest::ManifestError),
    #[error("coverage needs UPPER and LOWER notices, or --corpus DIR --upper STEM")]
    NoUpper,
    #[error("{path}: no lower notices to compare with")]
    NoLowers { path: String },
}

/// The upper notice and the lower notices of a coverage run: with `corpus` = (manifest
/// directory, upper stem), the notices below that one in the manifest (all one level
/// below with `all_below`) plus `inputs`; else `inputs` is UPPER then LOWERs. Directories
/// are expanded ([`expand_inputs`]).
pub fn resolve_inputs(
    corpus: Option<(&Path, &str)>,
    all_below: bool,
    inputs: &[PathBuf],
) -> Result<Inputs, InputsError> {
    let (upper, mut lowers, extra, mut manifests) = match corpus {
        Some((dir, stem)) => {
            let m = Manifest::read(dir)?;
            let upper = m.path(m.entry(stem)?);
            let below = m
                .below(stem, all_below)?
                .iter()
                .map(|e| m.path(e))
                .collect();
            (upper, below, inputs, vec![m])
        }
        None => match inputs.split_first() {
            Some((u, rest)) => (u.clone(), Vec::new(), rest, Vec::new()),
            None => return Err(InputsError::NoUpper),
        },
    };
    // A directory of notices with its own manifest: its entries name the notices too.
    for dir in inputs.iter().filter(|p| p.is_dir()) {
        if dir.join("corpus.toml").is_file() && !manifests.iter().any(|m| m.dir == *dir) {
            manifests.push(Manifest::read(dir)?);
        }
    }
    let (found, skipped) = expand_inputs(extra, &upper)?;
    lowers.extend(found);
    if lowers.is_empty() {
        return Err(InputsError::NoLowers {
            path: upper.display().to_string(),
        });
    }
    Ok(Inputs {
        upper,
        lowers,
        manifests,
        skipped,
    })
}

/// What a coverage run reads.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub upper: PathBuf,
    pub lowers: Vec<PathBuf>,
    /// The corpus manifests (`--corpus`, and those of directories given as inputs): they
    /// fill in what a notice's text does not say about itself (region, title, level, year).
    pub manifests: Vec<Manifest>,
    /// Files found in the directories given that are not notices policydiff reads.
    pub skipped: Vec<Failure>,
}

/// The extensions of the notices a directory given to `coverage` is searched for: text,
/// office documents, PDF and OFD, and page images (a scanned notice, read by OCR; without
/// the engine it is listed as skipped with what to install, as a PDF scan is).
pub const NOTICE_EXTENSIONS: [&str; 18] = [
    "txt", "docx", "html", "htm", "pdf", "ofd", "xlsx", "xlsm", "xls", "et", "ods", "doc", "wps",
    "png", "jpg", "jpeg", "tif", "tiff",
];

/// Files as given, directories expanded to the notices in them ([`NOTICE_EXTENSIONS`];
/// sorted by name), leaving out `upper`; beside them, the other entries of those
/// directories, each with why it was skipped: files of other types, named pipes, devices
/// and sockets, dangling links and links that loop, unreadable files, directories named
/// like notices. Hidden files, `corpus.toml` and other sub-directories (which are not
/// searched) are passed over without a word.
pub fn expand_inputs(
    inputs: &[PathBuf],
    upper: &Path,
) -> Result<(Vec<PathBuf>, Vec<Failure>), InputsError> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut entries: Vec<Result<PathBuf, std::io::Error>> = std::fs::read_dir(p)
                .map_err(|source| InputsError::Dir {
                    path: p.display().to_string(),
                    source,
                })?
                .map(|e| e.map(|e| e.path()))
                .collect();
            entries.sort_by(|a, b| match (a, b) {
                (Ok(a), Ok(b)) => a.cmp(b),
                (a, b) => a.is_ok().cmp(&b.is_ok()),
            });
            for f in entries {
                let f = match f {
                    Ok(f) => f,
                    Err(e) => {
                        skipped.push(Failure {
                            source: p.display().to_string(),
                            reason: io_reason(&e),
                        });
                        continue;
                    }
                };
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
                if name.is_some_and(|n| n.starts_with('.') || n == "corpus.toml") {
                    continue;
                }
                let ext = f
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                let notice_like = ext.is_some_and(|e| NOTICE_EXTENSIONS.contains(&e.as_str()));
                let skip = |reason: SkipReason| Failure {
                    source: f.display().to_string(),
                    reason,
                };
                match unreadable(&f) {
                    // A sub-directory is not searched; one named like a notice is a mistake.
                    Some(Unreadable::Directory) if !notice_like => {}
                    Some(u) => skipped.push(skip(u.reason())),
                    // A report of an earlier run written into the directory: never a
                    // notice, ignored with a word.
                    None if notice_like => match crate::ingest::own::report_kind(&f) {
                        Some(kind) => skipped.push(skip(SkipReason::OwnReport {
                            format: kind.to_string(),
                        })),
                        None => out.push(f),
                    },
                    None => skipped.push(skip(SkipReason::NotANotice)),
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    out.retain(|p| !same(p, upper));
    Ok((out, skipped))
}

/// Why an entry of a directory given to `coverage` cannot be read as a notice.
enum Unreadable {
    Directory,
    /// A named pipe, a device, a socket.
    Special(&'static str),
    /// A symbolic link to nothing.
    Dangling,
    /// A symbolic link that cannot be followed (a loop, among others), or a file that
    /// cannot be opened.
    Error(std::io::Error),
}

impl Unreadable {
    fn reason(&self) -> SkipReason {
        match self {
            Unreadable::Directory => SkipReason::NotAFile {
                kind: "a directory".into(),
            },
            Unreadable::Special(kind) => SkipReason::NotAFile {
                kind: kind.to_string(),
            },
            Unreadable::Dangling => SkipReason::DanglingLink,
            Unreadable::Error(e) => io_reason(e),
        }
    }
}

/// An I/O error as a [`SkipReason`]: its kind, and the system's words.
fn io_reason(e: &std::io::Error) -> SkipReason {
    SkipReason::Unreadable {
        kind: format!("{:?}", e.kind()),
        detail: e.to_string(),
    }
}

/// Why a notice could not be read, as data.
pub fn load_reason(e: &crate::LoadError) -> SkipReason {
    use crate::LoadError as L;
    use crate::ingest::IngestError as I;
    use crate::parse::ParseError as P;
    match e {
        L::Ingest(I::Io { source, .. }) => io_reason(source),
        L::Ingest(I::IsDirectory { .. }) => SkipReason::NotAFile {
            kind: "a directory".into(),
        },
        L::Ingest(I::NotRegular { kind, .. }) => SkipReason::NotAFile {
            kind: kind.to_string(),
        },
        L::Ingest(I::Empty { .. }) => SkipReason::Empty,
        L::Ingest(I::Blank { .. }) => SkipReason::Blank,
        L::Ingest(I::TooLarge { size, limit, .. }) => SkipReason::TooLarge {
            size: Some(*size),
            limit: *limit,
        },
        L::Ingest(I::TooLargeRead { limit, .. }) => SkipReason::TooLarge {
            size: None,
            limit: *limit,
        },
        L::Ingest(I::Unsupported { what, .. }) => SkipReason::Unsupported { what: what.clone() },
        L::Ingest(I::NeedsLibreOffice { what, .. }) => {
            SkipReason::NeedsLibreOffice { what: what.clone() }
        }
        L::Ingest(I::Conversion { reason, .. }) => SkipReason::ConversionFailed {
            detail: reason.clone(),
        },
        L::Ingest(I::Binary { what, .. }) => SkipReason::Binary { what: what.clone() },
        L::Ingest(I::NoTextLayer { .. }) => SkipReason::NoTextLayer,
        L::Ingest(I::NeedsOcr { what, reason, .. }) => SkipReason::NeedsOcr {
            what: what.clone(),
            detail: reason.clone(),
        },
        L::Ingest(I::Malformed { format, reason, .. }) => SkipReason::Damaged {
            format: format.to_string(),
            detail: reason.clone(),
        },
        L::Parse(P::NoTasks { .. }) => SkipReason::NoTasks,
        L::Parse(P::EmptyTable { header, .. }) => SkipReason::EmptyTable {
            header: header.clone(),
        },
    }
}

/// A notice too large to align, as data.
fn size_reason(e: &crate::align::AlignError) -> SkipReason {
    use crate::align::AlignError as A;
    match e {
        A::TooLarge { pairs, .. } => SkipReason::TooManyPairs {
            pairs: *pairs,
            limit: crate::align::MAX_PAIRS,
        },
        A::TooLong { chars, .. } => SkipReason::TooMuchText {
            chars: *chars,
            limit: crate::align::MAX_TASK_CHARS,
        },
    }
}

/// Whether `path` can be read as a notice file; looked at without opening it, but for
/// regular files (a named pipe would block the open).
fn unreadable(path: &Path) -> Option<Unreadable> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            return Some(if is_link && e.kind() == std::io::ErrorKind::NotFound {
                Unreadable::Dangling
            } else {
                Unreadable::Error(e)
            });
        }
    };
    match crate::ingest::file::special_kind(&meta) {
        Some("a directory") => Some(Unreadable::Directory),
        Some(kind) => Some(Unreadable::Special(kind)),
        // Opened without blocking, and what was opened looked at again: a file swapped
        // for a named pipe after the look above cannot hang the run.
        None => match crate::ingest::file::open_regular(path) {
            Ok(_) => None,
            Err(crate::ingest::file::ReadError::NotRegular(kind)) => {
                Some(Unreadable::Special(kind))
            }
            Err(e) => Some(Unreadable::Error(e.into())),
        },
    }
}

/// What one notice may cost to read, as a multiple of `--max-input-size` (a PDF's
/// decompressed streams alone may be 8 times it), and at most 1 GiB.
const NOTICE_MEMORY_FACTOR: u64 = 16;

/// How many notices `coverage` reads at once: `requested` (`--jobs`; `None`, one per
/// CPU), but no more than [`memory_budget`] holds notices of the worst cost,
/// `NOTICE_MEMORY_FACTOR` × `max_input_size` (at most 1 GiB) each; at least one.
pub fn jobs_within_memory(requested: Option<usize>, max_input_size: u64) -> usize {
    jobs_within(requested, max_input_size, memory_budget())
}

/// [`jobs_within_memory`] for a given budget (`None`: unknown, no bound).
pub fn jobs_within(requested: Option<usize>, max_input_size: u64, budget: Option<u64>) -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let wanted = requested.unwrap_or(cpus).max(1);
    let per_notice = max_input_size
        .saturating_mul(NOTICE_MEMORY_FACTOR)
        .clamp(64 << 20, 1 << 30);
    match budget {
        Some(bytes) => wanted.min(((bytes / per_notice) as usize).max(1)),
        None => wanted,
    }
}

/// The memory new work may take: the least of what the system has available
/// (`MemAvailable`), what is left of the process's address-space limit (`ulimit -v`)
/// and of its control group's memory limit (`memory.max`), each where the system says
/// (Linux); `None` when none does.
pub fn memory_budget() -> Option<u64> {
    [
        available_memory(),
        address_space_left(),
        cgroup_memory_left(),
    ]
    .into_iter()
    .flatten()
    .min()
}

/// The memory available to new work, from `/proc/meminfo` (Linux); `None` elsewhere.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    kib_field(&info, "MemAvailable:")
}

/// A `Name:   123 kB` field of a `/proc` file, in bytes.
fn kib_field(text: &str, name: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line[name.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kib.saturating_mul(1024))
}

/// The soft address-space limit (`ulimit -v`) less what the process has mapped
/// already; `None` when unlimited or unknown.
fn address_space_left() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max address space"))?;
    // "Max address space   SOFT   HARD   bytes"; "unlimited" does not parse.
    let soft: u64 = line["Max address space".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    Some(soft.saturating_sub(kib_field(&status, "VmSize:").unwrap_or(0)))
}

/// What is left of the control group's memory limit: cgroup v2 `memory.max` less
/// `memory.current`, or v1 `memory.limit_in_bytes` less `memory.usage_in_bytes`;
/// `None` when there is no limit or no control group says.
fn cgroup_memory_left() -> Option<u64> {
    let groups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let read = |dir: &Path, f: &str| -> Option<u64> {
        std::fs::read_to_string(dir.join(f))
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    for line in groups.lines() {
        // "0::/path" (v2), "4:memory:/path" (v1).
        let mut parts = line.splitn(3, ':');
        let (Some(_), Some(controllers), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let path = path.trim().trim_start_matches('/');
        let (dir, max, current) = match controllers {
            "" => (
                Path::new("/sys/fs/cgroup").join(path),
                "memory.max",
                "memory.current",
            ),
            c if c.split(',').any(|c| c == "memory") => (
                Path::new("/sys/fs/cgroup/memory").join(path),
                "memory.limit_in_bytes",
                "memory.usage_in_bytes",
            ),
            _ => continue,
        };
        // "max" (v2) does not parse: no limit.
        if let Some(max) = read(&dir, max) {
            return Some(max.saturating_sub(read(&dir, current).unwrap_or(0)));
        }
    }
    None
}

/// Aligns every notice of `lowers` to `upper`. `tick` is called once per notice done
/// (for a progress bar); it may be called from several threads.
pub fn coverage(
    mut upper: Notice,
    lowers: &[PathBuf],
    manifests: &[Manifest],
    ingest: &IngestOptions,
    seg: &Segmenter,
    opts: &AlignOptions,
    tick: &(dyn Fn() + Sync),
) -> Coverage {
    // Looked up once per notice, so a large corpus is not scanned once per notice.
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let known: BTreeMap<PathBuf, &Entry> = manifests
        .iter()
        .flat_map(|m| m.notices.iter().map(move |e| (canonical(&m.path(e)), e)))
        .collect();
    let from_manifest = |path: &Path, meta: &mut crate::model::NoticeMeta| {
        if let Some(e) = known.get(&canonical(path)) {
            e.fill(meta);
        }
    };
    from_manifest(Path::new(&upper.source), &mut upper.meta);
    let upper_tokens = score::tokenize(&upper.tasks, seg);
    let results: Vec<Result<Locality, Failure>> = lowers
        .par_iter()
        .map(|path| {
            let fail = |reason: SkipReason| Failure {
                source: path.display().to_string(),
                reason,
            };
            // One notice's panic (a reader's is caught at ingest; this catches the rest)
            // is that notice's failure: the run goes on and the report is written.
            let r = crate::ingest::guard::catch_panic(|| {
                crate::load_notice(path, ingest)
                    .map_err(|e| fail(load_reason(&e)))
                    .and_then(|mut lower| {
                        from_manifest(path, &mut lower.meta);
                        if same_tasks(&upper, &lower) {
                            return Err(fail(SkipReason::SameTasks {
                                upper: upper.source.clone(),
                            }));
                        }
                        crate::align::check_size(&upper, &lower)
                            .map_err(|e| fail(size_reason(&e)))?;
                        // The reading's warnings, then the parser's, kept with the locality
                        // (as `compare` shows them for its lower notice).
                        // Named by the file, as `compare` names it on stderr.
                        let warnings = Warning::ocr(&lower)
                            .into_iter()
                            .chain(lower.warnings.iter().map(|w| Warning::Notice {
                                source: lower.source.clone(),
                                warning: w.clone(),
                            }))
                            .collect();
                        let a = align_tokenized(upper.clone(), &upper_tokens, lower, seg, opts);
                        Ok(locality(a, warnings))
                    })
            })
            .unwrap_or_else(|message| Err(fail(SkipReason::Failed { detail: message })));
            tick();
            r
        })
        .collect();
    let mut localities = Vec::new();
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(l) => localities.push(l),
            Err(f) => failures.push(f),
        }
    }
    assemble(upper, localities, failures, opts)
}

/// One lower notice's column of a coverage report, from its alignment to the upper one
/// and the warnings of reading and parsing it.
pub fn locality(a: Alignment, warnings: Vec<Warning>) -> Locality {
    Locality {
        name: a
            .lower
            .meta
            .region
            .clone()
            .unwrap_or_else(|| file_stem(&a.lower.source)),
        source: a.lower.source.clone(),
        meta: a.lower.meta.clone(),
        statuses: a
            .upper
            .tasks
            .iter()
            .map(|t| a.upper_status(&t.id))
            .collect(),
        review: a.upper.tasks.iter().map(|t| a.in_review(&t.id)).collect(),
        summary: a.summary,
        warnings,
    }
}

/// A coverage report from localities already aligned (`serve` aligns each pair with its
/// reviewers' decisions), in the order given.
pub fn assemble(
    upper: Notice,
    mut localities: Vec<Locality>,
    failures: Vec<Failure>,
    opts: &AlignOptions,
) -> Coverage {
    disambiguate(&mut localities);
    let mut tasks: Vec<TaskCoverage> = upper
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let count = |s: Status| localities.iter().filter(|l| l.statuses[i] == s).count();
            TaskCoverage {
                id: t.id.clone(),
                text: t.text.clone(),
                section: t.section.clone(),
                carried: count(Status::Carried),
                reworded: count(Status::Reworded),
                dropped: count(Status::Dropped),
            }
        })
        .collect();
    // Nobody carried it first; the sort is stable, so ties keep the notice's order.
    tasks.sort_by_key(|t| (t.carried + t.reworded, t.carried));
    // An upper notice read by OCR says so (issue 26); lower ones say it per locality.
    let warnings = Warning::ocr(&upper).into_iter().collect();
    Coverage {
        upper,
        localities,
        tasks,
        failures,
        thresholds: opts.thresholds.clone(),
        warnings,
    }
}

/// A lower notice that is a copy of the upper one: the same task texts, in order.
fn same_tasks(upper: &Notice, lower: &Notice) -> bool {
    !upper.tasks.is_empty()
        && upper.tasks.len() == lower.tasks.len()
        && upper
            .tasks
            .iter()
            .zip(&lower.tasks)
            .all(|(u, l)| u.text == l.text)
}

/// Gives localities that share a name (two years of one city) their year, or failing
/// that their file's path, so that every row and column of a report says which notice it is.
fn disambiguate(localities: &mut [Locality]) {
    rename_shared(localities, |l| {
        l.meta.year.map(|y| format!("{} {y}", l.name))
    });
    rename_shared(localities, |l| Some(format!("{} ({})", l.name, l.source)));
}

/// Renames, with `rename`, every locality whose name another one shares.
fn rename_shared(localities: &mut [Locality], rename: impl Fn(&Locality) -> Option<String>) {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for l in localities.iter() {
        *count.entry(&l.name).or_default() += 1;
    }
    let renamed: Vec<Option<String>> = localities
        .iter()
        .map(|l| {
            if count[l.name.as_str()] > 1 {
                rename(l)
            } else {
                None
            }
        })
        .collect();
    for (l, name) in localities.iter_mut().zip(renamed) {
        if let Some(name) = name {
            l.name = name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoticeMeta;

    fn locality(name: &str, source: &str, year: Option<i32>) -> Locality {
        Locality {
            name: name.into(),
            source: source.into(),
            meta: NoticeMeta {
                year,
                ..Default::default()
            },
            summary: Default::default(),
            statuses: Vec::new(),
            review: Vec::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn jobs_are_as_many_as_the_budget_holds_notices_of_the_worst_cost() {
        const GIB: u64 = 1 << 30;
        // The default input limit (64 MiB): 1 GiB a notice.
        assert_eq!(jobs_within(Some(4), 64 << 20, Some(GIB)), 1);
        assert_eq!(jobs_within(Some(4), 64 << 20, Some(3 * GIB)), 3);
        assert_eq!(
            jobs_within(Some(4), 64 << 20, Some(GIB / 2)),
            1,
            "at least one"
        );
        // 1 MB inputs: 64 MiB a notice (the least counted).
        assert_eq!(jobs_within(Some(4), 1_000_000, Some(GIB)), 4);
        assert_eq!(jobs_within(Some(4), 64 << 20, None), 4, "no budget known");
    }

    #[test]
    fn the_memory_budget_is_no_more_than_what_the_system_has_available() {
        if let (Some(budget), Some(available)) = (memory_budget(), available_memory()) {
            assert!(budget <= available, "{budget} > {available}");
        }
        assert_eq!(kib_field("VmSize:\t  2048 kB\n", "VmSize:"), Some(2 << 20));
    }

    #[test]
    fn jobs_stay_within_memory() {
        assert_eq!(jobs_within_memory(Some(1), u64::MAX), 1);
        // A notice of the largest cost takes 1 GiB: never more jobs than GiBs available.
        let got = jobs_within_memory(Some(256), u64::MAX);
        if let Some(bytes) = available_memory() {
            assert!(got as u64 <= (bytes >> 30).max(1), "{got}");
        }
        assert!(got >= 1);
    }

    #[test]
    fn shared_names_get_the_year_then_the_file() {
        let mut ls = [
            locality("池州市", "a/chizhou-2021.txt", Some(2021)),
            locality("池州市", "a/chizhou-2018.txt", Some(2018)),
            locality("九江市", "a/jiujiang.txt", Some(2021)),
            locality("乐至县", "a/lezhi.txt", Some(2021)),
            locality("乐至县", "b/lezhi.txt", Some(2021)),
        ];
        disambiguate(&mut ls);
        let names: Vec<&str> = ls.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "池州市 2021",
                "池州市 2018",
                "九江市",
                "乐至县 2021 (a/lezhi.txt)",
                "乐至县 2021 (b/lezhi.txt)",
            ]
        );
    }
}
