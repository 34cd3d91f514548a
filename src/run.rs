//! One call per command of the `policydiff` binary: [`parse`], [`compare`], [`eval`],
//! [`chain`] and [`coverage`] each read their inputs, check them, align, and write the
//! report where [`Output`] says, so the binary only turns its flags into these options
//! (as hyperfine's `main.rs` does).
//!
//! Nothing here prints: what a user should read on stderr (a notice's encoding warnings,
//! inputs the wrong way round, skipped files) goes to the caller's `notes` callback as a
//! [`Note`], in the order it happens; the caller decides how to show it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::align::{AlignError, AlignOptions, OverrideError, Overrides};
use crate::coverage::InputsError;
use crate::eval::GoldError;
use crate::ingest::IngestOptions;
use crate::model::{Failure, Notice, Thresholds, Warning};
use crate::report::{self, Format, Lang, RenderOptions, ReportError, describe};
use crate::{LoadError, sanity};

/// Why a command could not run. Every message names the file it is about.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Align(#[from] AlignError),
    #[error(transparent)]
    Overrides(#[from] OverrideError),
    #[error(transparent)]
    Gold(#[from] GoldError),
    #[error(transparent)]
    Inputs(#[from] InputsError),
    #[error(transparent)]
    Report(#[from] ReportError),
    /// Writing to standard output failed (a closed pipe, among others).
    #[error(transparent)]
    Stdout(#[from] io::Error),
    #[error(transparent)]
    ThreadPool(#[from] rayon::ThreadPoolBuildError),
    /// The workspace's decision store could not be used.
    #[error(transparent)]
    Store(#[from] crate::serve::store::StoreError),
    #[error(transparent)]
    Lexicon(#[from] crate::lexicon::concepts::LexiconError),
    /// A warning or a skipped input that `strict` makes an error.
    #[error("{0} (--strict)")]
    Strict(Box<Refused>),
}

/// What `--strict` refused, as data: worded in English by `Display` and in either
/// language by [`crate::report::errors`].
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    Warning(Warning),
    Skipped(Failure),
}

impl Refused {
    /// What was refused, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Refused::Warning(w) => describe::warning(w, lang),
            Refused::Skipped(f) => report::errors::skipped(f, lang),
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl Error {
    fn strict(r: Refused) -> Error {
        Error::Strict(Box::new(r))
    }
}

impl Error {
    /// Standard output was closed before the report was written (`policydiff … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Something for the user to read beside the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A problem with an input that did not stop the run, worded in the report's
    /// language (a kind of warning found in many notices once: [`describe::warnings`]).
    Warning(String),
    /// An input of a coverage run that was left out, and why, worded in the report's
    /// language ([`report::errors::skipped`]).
    Skipped(String),
    /// What the parser tried and chose (`parse --explain`), one sentence.
    Explain(String),
    /// `coverage --jobs` asked for more notices at once than the memory budget holds
    /// at the worst cost of one (`memory`: the budget, in bytes).
    JobsLowered {
        asked: usize,
        jobs: usize,
        memory: u64,
    },
}

/// How a command ended when it did not fail.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The report file written, and its format (`None`: standard output).
    pub written: Option<(PathBuf, Format)>,
    pub verdict: Verdict,
}

/// Whether the run passed its checks.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Ok,
    /// A `--fail-under` or `--min-f1` check failed.
    CheckFailed(CheckFailed),
}

/// A check of the run that failed, with its figures; worded in English by `Display` and
/// in either language by [`crate::report::errors::check_failed`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CheckFailed {
    /// `compare --fail-under`: coverage below the minimum.
    #[error("coverage {coverage:.1}% is below --fail-under {min}")]
    Coverage { coverage: f64, min: f64 },
    /// `eval --min-f1`: link F1 below the minimum.
    #[error("link F1 {f1:.3} is below --min-f1 {min}")]
    LinkF1 { f1: f64, min: f64 },
}

/// Where and how to write a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The file to write (atomically); `None`: standard output.
    pub path: Option<PathBuf>,
    pub format: Format,
    pub render: RenderOptions,
}

impl Output {
    /// Writes what `render` produces; `inputs` are never overwritten.
    fn write(
        &self,
        inputs: &[PathBuf],
        render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Option<(PathBuf, Format)>, Error> {
        match &self.path {
            Some(path) => {
                report::write_atomic(path, inputs, render)?;
                Ok(Some((path.clone(), self.format)))
            }
            None => {
                let stdout = io::stdout();
                let mut lock = io::BufWriter::new(stdout.lock());
                render(&mut lock)?;
                lock.flush()?;
                Ok(None)
            }
        }
    }
}

impl Output {
    /// Refuses, before any work, a report path that is one of `inputs` or not a regular
    /// file (checked again when the report is written).
    fn check(&self, inputs: &[PathBuf]) -> Result<(), Error> {
        if let Some(path) = &self.path {
            report::check_target(path, inputs)?;
        }
        Ok(())
    }
}

/// The callback that receives [`Note`]s.
pub type Notes<'a> = &'a mut dyn FnMut(Note);

/// What every command that reads notices is told.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub ingest: IngestOptions,
    pub thresholds: Thresholds,
    /// Make level/year warnings and skipped inputs errors.
    pub strict: bool,
    /// A concept lexicon file extending the built-in one (`--lexicon`).
    pub lexicon: Option<PathBuf>,
}

impl Inputs {
    /// The concept lexicon the alignment uses: the built-in one, extended by `lexicon`.
    pub fn concepts(
        &self,
    ) -> Result<Option<std::sync::Arc<crate::lexicon::concepts::Concepts>>, Error> {
        Ok(match &self.lexicon {
            Some(p) => Some(std::sync::Arc::new(
                crate::lexicon::concepts::Concepts::extended(p)?,
            )),
            None => None,
        })
    }
}

/// What `parse` is asked.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub file: PathBuf,
    pub ingest: IngestOptions,
    /// Say which layout and numbering level were chosen and why ([`Note::Explain`]).
    pub explain: bool,
}

/// `parse`: one notice, as a table or JSON (`Output::format` `Json`, else a table).
pub fn parse(o: &ParseOptions, out: &Output, notes: Notes) -> Result<Outcome, Error> {
    out.check(std::slice::from_ref(&o.file))?;
    if o.explain {
        for line in crate::explain_notice(&o.file, &o.ingest) {
            notes(Note::Explain(line));
        }
    }
    let notice = load(&o.file, &o.ingest, out.render.lang, notes)?;
    let written = out.write(std::slice::from_ref(&o.file), |w| match out.format {
        Format::Json => report::notice::json(&notice, w),
        _ => report::notice::table(&notice, out.render.width, out.render.lang, w),
    })?;
    Ok(Outcome {
        written,
        verdict: Verdict::Ok,
    })
}

/// What `compare` is asked.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    pub upper: PathBuf,
    pub lower: PathBuf,
    pub inputs: Inputs,
    /// An auditor's confirmed and rejected links (TOML or TSV).
    pub overrides: Option<PathBuf>,
    /// A `serve` workspace whose stored decisions on this pair apply.
    pub workspace: Option<PathBuf>,
    /// Fail the check when coverage is below this percentage.
    pub fail_under: Option<f64>,
}

/// `compare`: aligns the lower notice to the upper one and writes the report.
pub fn compare(o: &CompareOptions, out: &Output, notes: Notes) -> Result<Outcome, Error> {
    let mut read = vec![o.upper.clone(), o.lower.clone()];
    read.extend(o.overrides.clone());
    out.check(&read)?;
    let upper = load(&o.upper, &o.inputs.ingest, out.render.lang, notes)?;
    let lower = load(&o.lower, &o.inputs.ingest, out.render.lang, notes)?;
    let mut overrides = o.overrides.as_deref().map(read_overrides).transpose()?;
    if let (Some(ov), Some(path)) = (&overrides, &o.overrides) {
        let name = path.display().to_string();
        let names = (
            report::describe::heading(&upper),
            report::describe::heading(&lower),
        );
        ov.check_pair(&name, (&upper, &lower), (&names.0, &names.1))?;
        let u: Vec<&str> = upper.tasks.iter().map(|t| t.id.as_str()).collect();
        let l: Vec<&str> = lower.tasks.iter().map(|t| t.id.as_str()).collect();
        ov.check_ids(&name, &u, &l)?;
    }
    if let Some(dir) = &o.workspace {
        let store = crate::serve::store::Store::open_existing(dir)?;
        overrides = Some(store.overrides(&upper, &lower)?);
    }
    crate::align::check_size(&upper, &lower)?;
    let mut checks = sanity::pair((&upper).into(), (&lower).into());
    checks.extend(sanity::same_input((&o.upper, &upper), (&o.lower, &lower)));
    warn_or_refuse(&checks, o.inputs.strict, out.render.lang, notes)?;
    let seg = crate::segment::Segmenter::shared();
    let opts = AlignOptions {
        thresholds: o.inputs.thresholds.clone(),
        concepts: o.inputs.concepts()?,
        overrides,
        details: true,
        ..Default::default()
    };
    let mut alignment = crate::align::align(upper, lower, seg, &opts);
    alignment.warnings.splice(0..0, checks);
    let written = out.write(&read, |w| {
        report::render(out.format, &alignment, &out.render, w)
    })?;
    let verdict = match o.fail_under {
        Some(min) if alignment.summary.coverage_pct < min => {
            Verdict::CheckFailed(CheckFailed::Coverage {
                coverage: alignment.summary.coverage_pct,
                min,
            })
        }
        _ => Verdict::Ok,
    };
    Ok(Outcome { written, verdict })
}

/// What `eval` is asked.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    pub gold: PathBuf,
    pub upper: PathBuf,
    pub lower: PathBuf,
    pub inputs: Inputs,
    /// Fail the check when link F1 is below this.
    pub min_f1: Option<f64>,
}

/// `eval`: scores the alignment of two notices against a gold file (`Output::format`
/// `Json`, else a table).
pub fn eval(o: &EvalOptions, out: &Output, notes: Notes) -> Result<Outcome, Error> {
    let read = [o.gold.clone(), o.upper.clone(), o.lower.clone()];
    out.check(&read)?;
    let gold = crate::eval::Gold::read(&o.gold)?;
    let upper = load(&o.upper, &o.inputs.ingest, out.render.lang, notes)?;
    let lower = load(&o.lower, &o.inputs.ingest, out.render.lang, notes)?;
    crate::align::check_size(&upper, &lower)?;
    let seg = crate::segment::Segmenter::shared();
    let opts = AlignOptions {
        thresholds: o.inputs.thresholds.clone(),
        concepts: o.inputs.concepts()?,
        overrides: None,
        details: true,
        ..Default::default()
    };
    let alignment = crate::align::align(upper, lower, seg, &opts);
    let r = crate::eval::evaluate(&gold, &alignment);
    let written = out.write(&read, |w| match out.format {
        Format::Json => report::to_json(&r, w),
        _ => report::eval::table(&r, out.render.lang, w),
    })?;
    let verdict = match o.min_f1 {
        Some(min) if r.link_f1 < min => {
            Verdict::CheckFailed(CheckFailed::LinkF1 { f1: r.link_f1, min })
        }
        _ => Verdict::Ok,
    };
    Ok(Outcome { written, verdict })
}

/// What `chain` is asked.
#[derive(Debug, Clone, Default)]
pub struct ChainOptions {
    /// The top notice, then one per level below, in order.
    pub notices: Vec<PathBuf>,
    pub inputs: Inputs,
}

/// `chain`: follows each task of the top notice down the levels.
pub fn chain(o: &ChainOptions, out: &Output, notes: Notes) -> Result<Outcome, Error> {
    out.check(&o.notices)?;
    let notices = o
        .notices
        .iter()
        .map(|p| load(p, &o.inputs.ingest, out.render.lang, notes))
        .collect::<Result<Vec<_>, _>>()?;
    for w in notices.windows(2) {
        crate::align::check_size(&w[0], &w[1])?;
    }
    let checks = sanity::chain(&notices);
    warn_or_refuse(&checks, o.inputs.strict, out.render.lang, notes)?;
    let seg = crate::segment::Segmenter::shared();
    let opts = AlignOptions {
        thresholds: o.inputs.thresholds.clone(),
        concepts: o.inputs.concepts()?,
        ..Default::default()
    };
    let mut c = crate::chain::chain(notices, seg, &opts);
    c.warnings.splice(0..0, checks);
    let written = out.write(&o.notices, |w| {
        report::render_chain(out.format, &c, &out.render, w)
    })?;
    Ok(Outcome {
        written,
        verdict: Verdict::Ok,
    })
}

/// What `coverage` is asked.
#[derive(Debug, Clone, Default)]
pub struct CoverageOptions {
    /// UPPER then LOWER notices (files or directories); with `corpus`, extra lower notices.
    pub paths: Vec<PathBuf>,
    /// A corpus directory with a manifest, and the upper notice's file stem in it.
    pub corpus: Option<(PathBuf, String)>,
    /// With `corpus`: every notice one level below the upper one's.
    pub all_below: bool,
    /// Worker threads (`None`: all cores).
    pub jobs: Option<usize>,
    /// Show a progress bar on stderr (when it is a terminal and the run is long).
    pub progress: bool,
    pub inputs: Inputs,
}

/// `coverage`: one upper notice against many lower notices.
pub fn coverage(o: &CoverageOptions, out: &Output, notes: Notes) -> Result<Outcome, Error> {
    let corpus = o.corpus.as_ref().map(|(d, s)| (d.as_path(), s.as_str()));
    let resolved = crate::coverage::resolve_inputs(corpus, o.all_below, &o.paths)?;
    let (upper_path, lowers) = (&resolved.upper, &resolved.lowers);
    // Everything the run reads: the notices, the manifests, and every file of the
    // directories given (skipped ones too), none of which a report may replace.
    let mut read: Vec<PathBuf> = lowers.clone();
    read.push(upper_path.to_path_buf());
    read.extend(resolved.manifests.iter().map(|m| m.dir.join("corpus.toml")));
    read.extend(resolved.skipped.iter().map(|f| PathBuf::from(&f.source)));
    for p in o.paths.iter().filter(|p| p.is_dir()) {
        if let Ok(entries) = std::fs::read_dir(p) {
            read.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    // A report of an earlier run is not read (it is ignored, with a word): it may be
    // replaced.
    read.retain(|p| crate::ingest::own::report_kind(p).is_none());
    out.check(&read)?;
    let upper = load(upper_path, &o.inputs.ingest, out.render.lang, notes)?;
    let ingest = &o.inputs.ingest;
    // Under --strict an unreadable lower notice is refused once the run has read each
    // notice (once), below.
    if o.inputs.strict
        && let Some(f) = resolved.skipped.first()
    {
        return Err(Error::strict(Refused::Skipped(f.clone())));
    }
    let opts = AlignOptions {
        thresholds: o.inputs.thresholds.clone(),
        concepts: o.inputs.concepts()?,
        details: false,
        ..Default::default()
    };
    let bar = o.progress.then(|| progress_bar(lowers.len())).flatten();
    let seg = crate::segment::Segmenter::shared();
    // Parallelism within a memory budget: `--jobs 4` over heavy PDFs must not need four
    // times the memory the machine has.
    let budget = crate::coverage::memory_budget();
    let jobs = crate::coverage::jobs_within(o.jobs, ingest.max_input_size, budget);
    if let (Some(asked), Some(memory)) = (o.jobs, budget)
        && jobs < asked
    {
        notes(Note::JobsLowered {
            asked,
            jobs,
            memory,
        });
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let mut c = pool.install(|| {
        let manifests = &resolved.manifests;
        crate::coverage::coverage(upper, lowers, manifests, ingest, seg, &opts, &|| {
            if let Some(b) = &bar {
                b.inc(1);
            }
        })
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    c.failures.splice(0..0, resolved.skipped.iter().cloned());
    if o.inputs.strict
        && let Some(f) = c.failures.first()
    {
        return Err(Error::strict(Refused::Skipped(f.clone())));
    }
    // The level and year checks, with what the manifests say: each locality against the
    // upper notice. Under --strict they are refused; the run's other warnings are not.
    let checks: Vec<Warning> = c
        .localities
        .iter()
        .flat_map(|l| {
            let lower = sanity::Side {
                source: &l.source,
                meta: &l.meta,
            };
            sanity::pair((&c.upper).into(), lower)
        })
        .collect();
    warn_or_refuse(&checks, o.inputs.strict, out.render.lang, notes)?;
    // What reading each lower notice noticed, as `compare` says it for its lower notice;
    // a kind found in many notices is one line (`describe::warnings`).
    let noticed: Vec<Warning> = c
        .localities
        .iter()
        .flat_map(|l| l.warnings.iter().cloned())
        .chain(c.warnings.iter().cloned())
        .collect();
    for line in describe::warnings(&noticed, out.render.lang) {
        notes(Note::Warning(line));
    }
    c.warnings.splice(0..0, checks);
    let written = out.write(&read, |w| {
        report::render_coverage(out.format, &c, &out.render, w)
    })?;
    // Skipped inputs are listed in the report and as notes; `--strict` refused them above.
    for f in &c.failures {
        notes(Note::Skipped(report::errors::skipped(f, out.render.lang)));
    }
    Ok(Outcome {
        written,
        verdict: Verdict::Ok,
    })
}

/// Reads an overrides file (TOML by its `.toml` extension, else TSV) for
/// [`Overrides::parse`], with the limit every input has.
fn read_overrides(path: &Path) -> Result<Overrides, Error> {
    let name = path.display().to_string();
    let text = crate::fsafe::read_to_string(path, crate::ingest::DEFAULT_MAX_INPUT_SIZE).map_err(
        |source| OverrideError::Io {
            path: name.clone(),
            source,
        },
    )?;
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    Ok(Overrides::parse(&name, &text, toml)?)
}

/// Passes the warnings on as notes worded in `lang`, or, with `strict`, refuses the
/// first.
fn warn_or_refuse(
    warnings: &[Warning],
    strict: bool,
    lang: Lang,
    notes: Notes,
) -> Result<(), Error> {
    if strict && let Some(w) = warnings.first() {
        return Err(Error::strict(Refused::Warning(w.clone())));
    }
    for line in describe::warnings(warnings, lang) {
        notes(Note::Warning(line));
    }
    Ok(())
}

/// Reads and parses one notice, passing its warnings on as notes worded in `lang`, each
/// naming the file.
fn load(path: &Path, ingest: &IngestOptions, lang: Lang, notes: Notes) -> Result<Notice, Error> {
    let notice = crate::load_notice(path, ingest)?;
    // The reading's warnings, then the parser's (gaps in the notice's own numbering).
    let warnings: Vec<Warning> = notice
        .warnings
        .iter()
        .map(|w| Warning::Notice {
            source: notice.source.clone(),
            warning: w.clone(),
        })
        .collect();
    for line in describe::warnings(&warnings, lang) {
        notes(Note::Warning(line));
    }
    Ok(notice)
}

/// A progress bar on stderr when it is a terminal and the run is long enough to watch.
fn progress_bar(n: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (io::stderr().is_terminal() && n > 4).then(|| {
        let b = indicatif::ProgressBar::new(n as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} notices {eta}")
        {
            b.set_style(style);
        }
        b
    })
}
