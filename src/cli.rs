//! The command line: clap types, and their translation into library settings; the
//! language of help and errors ([`ui_lang`]) and the help in Chinese ([`zh`]).

mod zh;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use policydiff::ingest::{IngestOptions, InputFormat};
use policydiff::model::Thresholds;
use policydiff::report::{self, Format, Lang, RenderOptions};
use policydiff::run;

/// Compare Chinese government policy notices across administrative levels.
///
/// Exit codes: 0 success; 1 a check failed (eval --min-f1, compare --fail-under);
/// 2 bad input or usage.
#[derive(Debug, Parser)]
#[command(name = "policydiff", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Print the full cause chain of an error.
    #[arg(long, global = true)]
    pub verbose: bool,
}

/// The language of help and error messages: the `--lang` given anywhere on the command
/// line (`--lang en`, `--lang=en`), else the locale: English when the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set names English (`en_US.UTF-8`), else Chinese, the
/// default of `--lang` (so `C`, `POSIX`, an unset locale and `zh_CN` all give Chinese).
pub fn ui_lang(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("en") => return Lang::En,
            Some("zh") => return Lang::Zh,
            _ => {}
        }
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(env)
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The command line's definition in `lang`: the doc comments in English, [`zh`]'s table in
/// Chinese.
pub fn command(lang: Lang) -> clap::Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Zh => zh::localise(Cli::command()),
    }
}

/// Parses `args` with help in `lang`. Help and version are printed and exit 0; a usage
/// error is one line in `lang` on stderr and exits 2 (`Err` holds that line).
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let matches = command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// A usage error as the one Chinese line `main` prints after [`error_lead`]; `None` for
/// help and version, and for English, which clap prints itself (its message, the usage
/// line and a tip).
pub fn usage_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::ErrorKind;
    let shown = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    (lang == Lang::Zh && !shown).then(|| zh::usage_error(e))
}

/// What `main` prints before a message: `policydiff: error: ` or `policydiff：错误：`.
pub fn error_lead(lang: Lang) -> &'static str {
    report::tr(lang, "policydiff：错误：", "policydiff: error: ")
}

/// `coverage --jobs` lowered to what the memory budget holds, as one line in `lang`.
pub fn jobs_lowered(asked: usize, jobs: usize, memory: u64, lang: Lang) -> String {
    let mib = memory >> 20;
    match lang {
        Lang::Zh => format!(
            "policydiff：提示：--jobs {asked} 降为 {jobs}：可用内存 {mib} MiB 只够同时读取 {jobs} 份最大开销的通知"
        ),
        Lang::En => format!(
            "policydiff: note: --jobs {asked} lowered to {jobs}: {mib} MiB of memory holds {jobs} notice(s) of the largest cost"
        ),
    }
}

/// An error as one line in `lang`: the library's typed errors worded by
/// [`report::errors`], the command line's own ([`OutputError`]) here; with `verbose`, the
/// causes after it.
pub fn error_line(err: &anyhow::Error, lang: Lang, verbose: bool) -> String {
    let first = if let Some(e) = err.downcast_ref::<run::Error>() {
        report::errors::error(e, lang)
    } else if let Some(e) = err.downcast_ref::<OutputError>() {
        e.words(lang)
    } else {
        err.to_string()
    };
    if !verbose {
        return first;
    }
    let causes: Vec<String> = err.chain().skip(1).map(|c| c.to_string()).collect();
    if causes.is_empty() {
        first
    } else {
        format!("{first}: {}", causes.join(": "))
    }
}

/// What `main` says of a written report: `policydiff: wrote FILE (HTML report)` /
/// `policydiff：已写入 FILE（HTML 报告）`.
pub fn wrote(path: &str, format: Format, lang: Lang) -> String {
    match lang {
        Lang::En => format!("policydiff: wrote {path} ({})", format.describe()),
        Lang::Zh => format!("policydiff：已写入 {path}（{}）", format_zh(format)),
    }
}

/// A note of the run as the line `main` prints on stderr, its lead in `lang`
/// (`policydiff: warning: …` / `policydiff：警告：…`); the note's own text is already
/// worded, in the report's language. Terminal codes in it are escaped.
pub fn note_line(note: &run::Note, lang: Lang) -> String {
    use policydiff::ingest::file::printable;
    match (note, lang) {
        (run::Note::Warning(w), Lang::En) => format!("policydiff: warning: {}", printable(w)),
        (run::Note::Warning(w), Lang::Zh) => format!("policydiff：警告：{}", printable(w)),
        (run::Note::Skipped(e), Lang::En) => {
            format!("policydiff: warning: {} (skipped)", printable(e))
        }
        (run::Note::Skipped(e), Lang::Zh) => {
            format!("policydiff：警告：{}（已跳过）", printable(e))
        }
        (run::Note::Explain(e), Lang::En) => format!("policydiff: explain: {}", printable(e)),
        (run::Note::Explain(e), Lang::Zh) => format!("policydiff：说明：{}", printable(e)),
        (
            run::Note::JobsLowered {
                asked,
                jobs,
                memory,
            },
            _,
        ) => jobs_lowered(*asked, *jobs, *memory, lang),
    }
}

/// A failed check (`--fail-under`, `--min-f1`) as the line `main` prints before exit 1.
pub fn check_failed(check: &run::CheckFailed, lang: Lang) -> String {
    match lang {
        Lang::En => format!("policydiff: {check}"),
        Lang::Zh => format!("policydiff：{}", report::errors::check_failed(check, lang)),
    }
}

/// `serve`'s first line, on stdout: where the workspace is served.
pub fn serving(workspace: &str, url: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("policydiff: workspace {workspace} at {url}"),
        Lang::Zh => format!("policydiff：工作区 {workspace} 已在 {url} 打开"),
    }
}

/// A format's name in Chinese, as [`Format::describe`] in English.
fn format_zh(format: Format) -> &'static str {
    match format {
        Format::Table => "表格",
        Format::Json => "JSON",
        Format::Markdown => "Markdown 报告",
        Format::Html => "HTML 报告",
        Format::Csv => "CSV 表格",
        Format::Xlsx => "Excel 工作簿",
        Format::Docx => "Word 文档",
    }
}

/// Why the output's format cannot be written: the command line's own errors, worded in
/// both languages ([`OutputError::words`]).
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// `-o report.pdf`: no format has that extension.
    #[error(
        "{path}: no output format has the extension .{ext}; use one of {} (or name the format with --format)",
        exts.join(", ")
    )]
    Extension {
        path: String,
        ext: String,
        exts: Vec<String>,
    },
    /// `parse -o n.md`: the command does not write that format.
    #[error("{path}: this command does not write a {}; use one of {}", format.describe(), exts.join(", "))]
    NotWritten {
        path: String,
        format: Format,
        exts: Vec<String>,
    },
    /// An .xlsx or .docx bound for a terminal.
    #[error(
        "{} {} is binary and standard output is a terminal: write it to a file with -o report.{}",
        if format.describe().starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" },
        format.describe(),
        format.extension()
    )]
    Binary { format: Format },
}

impl OutputError {
    /// The error in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (OutputError::Extension { path, ext, exts }, Lang::Zh) => format!(
                "{path}：没有扩展名为 .{ext} 的输出格式；请用 {} 之一（或用 --format 指定格式）",
                exts.join("、")
            ),
            (OutputError::NotWritten { path, format, exts }, Lang::Zh) => format!(
                "{path}：此命令不输出{}；请用 {} 之一",
                format_zh(*format),
                exts.join("、")
            ),
            (OutputError::Binary { format }, Lang::Zh) => format!(
                "{}是二进制文件，标准输出是终端：请用 -o report.{} 写入文件",
                format_zh(*format),
                format.extension()
            ),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one notice and show its metadata and task list.
    Parse(ParseArgs),
    /// Align a lower notice's tasks to an upper notice's: carried, reworded, dropped, added.
    Compare(CompareArgs),
    /// Score an alignment against a gold alignment file (link F1, coverage accuracy …).
    Eval(EvalArgs),
    /// Follow each task of a top notice down the levels: province → city → county.
    Chain(ChainArgs),
    /// One upper notice against many lower notices: who carried which requirement.
    Coverage(CoverageArgs),
    /// A workspace in the browser: upload notices, compare, review (decisions kept in the
    /// workspace), export every report.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The workspace folder (made when missing): the uploaded notices and the database of
    /// review decisions.
    #[arg(default_value = "policydiff-workspace", value_name = "WORKSPACE")]
    pub workspace: PathBuf,

    /// Listen on this address (e.g. 0.0.0.0:8080, for a shared machine) instead of
    /// 127.0.0.1 on a free port; needs --password or POLICYDIFF_PASSWORD.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::SocketAddr>,

    /// The password asked of browsers (HTTP Basic) with --listen; the environment
    /// variable POLICYDIFF_PASSWORD is read when this is not given.
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,

    /// Do not open the workspace in a browser; only print its address.
    #[arg(long)]
    pub no_open: bool,

    /// Language of the reports' labels.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

impl ServeArgs {
    pub fn options(&self) -> policydiff::serve::ServeOptions {
        policydiff::serve::ServeOptions {
            workspace: self.workspace.clone(),
            listen: self.listen,
            password: self
                .password
                .clone()
                .or_else(|| std::env::var("POLICYDIFF_PASSWORD").ok())
                .filter(|p| !p.is_empty()),
            ingest: self.input.ingest_options(),
            thresholds: self.thresholds.thresholds(),
            lang: match self.lang {
                LangArg::Zh => Lang::Zh,
                LangArg::En => Lang::En,
            },
        }
    }
}

#[derive(Debug, Args)]
pub struct ChainArgs {
    /// The top notice, then one notice per level below it, in order.
    #[arg(required = true, num_args = 2.., value_name = "NOTICE")]
    pub notices: Vec<PathBuf>,

    /// Refuse (exit 2) notices out of order: one of a lower level, or newer, than the
    /// notice below it.
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// UPPER then LOWER notices (files or directories of them); with --corpus, only extra
    /// lower notices.
    #[arg(value_name = "NOTICE")]
    pub inputs: Vec<PathBuf>,

    /// A corpus directory with a corpus.toml manifest; use with --upper.
    #[arg(long, value_name = "DIR", requires = "upper")]
    pub corpus: Option<PathBuf>,

    /// With --corpus: the upper notice's file stem; its lower notices are those whose
    /// parent chain reaches it.
    #[arg(long, value_name = "STEM", requires = "corpus")]
    pub upper: Option<String>,

    /// With --corpus: take every notice one level below the upper notice's level.
    #[arg(long, requires = "corpus")]
    pub all_below: bool,

    /// Worker threads, 1 to 256 (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,

    /// Stop (exit 2) at the first input that would be skipped (unreadable, empty, not a
    /// notice, a copy of the upper notice) or a lower notice of a higher level than the
    /// upper one, or older; without it they are listed and the report is written.
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

/// The most worker threads `--jobs` may ask for.
pub const MAX_JOBS: usize = 256;

/// Why a flag's value was refused, worded in English here and in Chinese by
/// [`ValueError::zh`] (clap's usage errors carry it as their source).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueError {
    #[error("{0:?} is not a number")]
    NotANumber(String),
    #[error("must be a number from {lo} to {hi}, not {value}")]
    OutOfRange { lo: f64, hi: f64, value: String },
    #[error("must be a whole number of threads from 1 to {MAX_JOBS}, not {0}")]
    Jobs(String),
}

impl ValueError {
    /// The reason in Chinese.
    pub fn zh(&self) -> String {
        match self {
            ValueError::NotANumber(v) => format!("“{v}”不是数字"),
            ValueError::OutOfRange { lo, hi, value } => {
                format!("须为 {lo} 到 {hi} 之间的数，不能是 {value}")
            }
            ValueError::Jobs(v) => format!("须为 1 到 {MAX_JOBS} 之间的整数（线程数），不能是 {v}"),
        }
    }
}

/// A number from `lo` to `hi`, never NaN or infinite.
fn parse_between(s: &str, lo: f64, hi: f64) -> Result<f64, ValueError> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| ValueError::NotANumber(s.to_string()))?;
    if !v.is_finite() || v < lo || v > hi {
        return Err(ValueError::OutOfRange {
            lo,
            hi,
            value: s.to_string(),
        });
    }
    Ok(v)
}

/// A score or share: 0 to 1.
fn parse_share(s: &str) -> Result<f64, ValueError> {
    parse_between(s, 0.0, 1.0)
}

/// A percentage: 0 to 100.
fn parse_percent(s: &str) -> Result<f64, ValueError> {
    parse_between(s, 0.0, 100.0)
}

/// A thread count: 1 to [`MAX_JOBS`].
fn parse_jobs(s: &str) -> Result<usize, ValueError> {
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n),
        _ => Err(ValueError::Jobs(s.to_string())),
    }
}

/// The alignment thresholds (defaults calibrated on the gold pairs).
#[derive(Debug, Args, Clone)]
pub struct ThresholdArgs {
    /// Minimum score of a one-to-one link.
    #[arg(long, value_name = "SCORE", default_value_t = policydiff::align::DEFAULT_LINK, value_parser = parse_share)]
    pub link_threshold: f64,

    /// Minimum score of an extra link that makes a split or a merge.
    #[arg(long, value_name = "SCORE", default_value_t = policydiff::align::DEFAULT_EXTRA_LINK, value_parser = parse_share)]
    pub extra_link_threshold: f64,

    /// Minimum share of the upper text found verbatim below for `carried`.
    #[arg(long, value_name = "SHARE", default_value_t = policydiff::align::DEFAULT_CARRIED, value_parser = parse_share)]
    pub carried_threshold: f64,

    /// Length of a verbatim phrase, shared by one upper and one lower task and no other,
    /// that links an upper task the scores leave dropped (0: off).
    #[arg(long, value_name = "CHARS", default_value_t = policydiff::align::DEFAULT_PHRASE)]
    pub phrase_length: usize,

    /// A concept lexicon file (NAME<TAB>PARENT<TAB>TERMS lines) adding topics and terms to
    /// the built-in 政务公开 lexicon.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

impl CompareArgs {
    pub fn options(&self) -> run::CompareOptions {
        run::CompareOptions {
            upper: self.upper.clone(),
            lower: self.lower.clone(),
            inputs: inputs(&self.input, &self.thresholds, self.strict),
            overrides: self.overrides.clone(),
            workspace: self.workspace.clone(),
            fail_under: self.fail_under,
        }
    }
}

impl EvalArgs {
    pub fn options(&self) -> run::EvalOptions {
        run::EvalOptions {
            gold: self.gold.clone(),
            upper: self.upper.clone(),
            lower: self.lower.clone(),
            inputs: inputs(&self.input, &self.thresholds, false),
            min_f1: self.min_f1,
        }
    }

    /// Standard output, as a table or JSON.
    pub fn output(&self) -> run::Output {
        run::Output {
            path: None,
            format: match self.format {
                NoticeFormatArg::Json => Format::Json,
                NoticeFormatArg::Table => Format::Table,
            },
            render: RenderOptions {
                lang: self.lang.into(),
                ..Default::default()
            },
        }
    }
}

impl ChainArgs {
    pub fn options(&self) -> run::ChainOptions {
        run::ChainOptions {
            notices: self.notices.clone(),
            inputs: inputs(&self.input, &self.thresholds, self.strict),
        }
    }
}

impl CoverageArgs {
    pub fn options(&self) -> run::CoverageOptions {
        run::CoverageOptions {
            paths: self.inputs.clone(),
            corpus: self.corpus.clone().zip(self.upper.clone()),
            all_below: self.all_below,
            jobs: self.jobs,
            progress: std::io::stderr().is_terminal(),
            inputs: inputs(&self.input, &self.thresholds, self.strict),
        }
    }
}

impl ParseArgs {
    pub fn options(&self) -> run::ParseOptions {
        run::ParseOptions {
            file: self.file.clone(),
            ingest: self.input.ingest_options(),
            explain: self.explain,
        }
    }

    /// Where and how to write the notice: a table or JSON, checked as [`output_format`].
    pub fn output(&self) -> Result<run::Output> {
        let asked = self.format.map(|f| match f {
            NoticeFormatArg::Json => Format::Json,
            NoticeFormatArg::Table => Format::Table,
        });
        let path = self.output.as_deref();
        let only = [Format::Table, Format::Json];
        Ok(run::Output {
            path: self.output.clone(),
            format: output_format(asked, path, false, Some(&only))?,
            render: RenderOptions {
                width: terminal_width(path),
                lang: self.lang.into(),
                ..Default::default()
            },
        })
    }
}

fn inputs(input: &InputArgs, thresholds: &ThresholdArgs, strict: bool) -> run::Inputs {
    run::Inputs {
        ingest: input.ingest_options(),
        thresholds: thresholds.thresholds(),
        strict,
        lexicon: thresholds.lexicon.clone(),
    }
}

impl ThresholdArgs {
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            link: self.link_threshold,
            extra_link: self.extra_link_threshold,
            carried: self.carried_threshold,
            phrase: self.phrase_length,
            ..Thresholds::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The upper (higher-level) notice.
    pub upper: PathBuf,
    /// The lower notice that should carry the upper one's requirements.
    pub lower: PathBuf,

    #[command(flatten)]
    pub report: ReportArgs,

    /// Links confirmed or rejected by an auditor (TOML, or TSV: upper, lower, confirm|reject).
    /// A file whose header names another pair of notices (content hashes) is refused.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,

    /// Apply the review decisions a `policydiff serve` workspace holds for this pair.
    #[arg(long, value_name = "DIR", conflicts_with = "overrides")]
    pub workspace: Option<PathBuf>,

    /// Exit with code 1 when coverage (carried + reworded over upper tasks) is below PCT
    /// (0 to 100).
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,

    /// Refuse (exit 2) an upper notice of a lower level than the lower one, or newer;
    /// without it that is a warning, on stderr and in the report.
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold alignment (TSV, see tests/data/gold/ANNOTATION.md).
    #[arg(long, value_name = "GOLD.tsv")]
    pub gold: PathBuf,
    /// The upper notice of the gold pair.
    pub upper: PathBuf,
    /// The lower notice of the gold pair.
    pub lower: PathBuf,

    /// Exit with code 1 when link F1 is below this (0 to 1).
    #[arg(long, value_name = "F1", value_parser = parse_share)]
    pub min_f1: Option<f64>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = NoticeFormatArg::Table)]
    pub format: NoticeFormatArg,

    /// Language of the table's labels and of the warnings.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

/// Where and how `compare`, `chain` and `coverage` write their report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format; by default inferred from --output's extension, else `table`.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormatArg>,

    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Language of the labels.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,

    /// Add a generation time line to Markdown and HTML reports (off by default, so the
    /// same inputs give byte-for-byte the same report).
    #[arg(long)]
    pub timestamp: bool,
}

impl ReportArgs {
    /// Where and how to write the report, checked: see [`output_format`].
    pub fn output(&self) -> Result<run::Output> {
        let asked = self.format.map(|f| match f {
            ReportFormatArg::Table => Format::Table,
            ReportFormatArg::Json => Format::Json,
            ReportFormatArg::Md => Format::Markdown,
            ReportFormatArg::Html => Format::Html,
            ReportFormatArg::Csv => Format::Csv,
            ReportFormatArg::Xlsx => Format::Xlsx,
            ReportFormatArg::Docx => Format::Docx,
        });
        let path = self.output.as_deref();
        let format = output_format(asked, path, std::io::stdout().is_terminal(), None)?;
        Ok(run::Output {
            path: self.output.clone(),
            format,
            render: self.render_options(),
        })
    }

    pub fn render_options(&self) -> RenderOptions {
        RenderOptions {
            lang: self.lang.into(),
            width: terminal_width(self.output.as_deref()),
            timestamp: self
                .timestamp
                .then(|| report::utc_timestamp(SystemTime::now())),
        }
    }
}

/// The format to write: the one asked for, else the one `output`'s extension names, else
/// a table. Refused: an output extension no format owns (unless the format is named), one
/// the command does not write (`only`: the formats it does), and a binary format bound for
/// a terminal.
pub fn output_format(
    asked: Option<Format>,
    output: Option<&Path>,
    stdout_is_terminal: bool,
    only: Option<&[Format]>,
) -> Result<Format> {
    let format = match (asked, output) {
        (Some(f), _) => f,
        (None, None) => Format::Table,
        (None, Some(path)) => match (path.extension(), Format::from_extension(path)) {
            (_, Some(f)) => f,
            (None, None) => Format::Table,
            (Some(ext), None) => {
                let exts: Vec<String> = Format::EXTENSIONS
                    .iter()
                    .filter(|(_, f)| only.is_none_or(|o| o.contains(f)))
                    .map(|(e, _)| format!(".{e}"))
                    .collect();
                return Err(OutputError::Extension {
                    path: path.display().to_string(),
                    ext: ext.to_string_lossy().into_owned(),
                    exts,
                }
                .into());
            }
        },
    };
    if let Some(only) = only
        && !only.contains(&format)
    {
        let exts: Vec<String> = Format::EXTENSIONS
            .iter()
            .filter(|(_, f)| only.contains(f))
            .map(|(e, _)| format!(".{e}"))
            .collect();
        return Err(OutputError::NotWritten {
            path: output.map(|p| p.display().to_string()).unwrap_or_default(),
            format,
            exts,
        }
        .into());
    }
    if format.is_binary() && output.is_none() && stdout_is_terminal {
        return Err(OutputError::Binary { format }.into());
    }
    Ok(format)
}

/// The terminal's width when writing to one, so tables wrap to fit.
pub fn terminal_width(output: Option<&Path>) -> Option<u16> {
    use std::io::IsTerminal;
    if output.is_none() && std::io::stdout().is_terminal() {
        None // comfy-table measures the terminal itself
    } else {
        Some(160)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormatArg {
    /// A table for the terminal.
    Table,
    /// The result as JSON.
    Json,
    /// A Markdown report.
    Md,
    /// A self-contained HTML page.
    Html,
    /// A table of rows (UTF-8 with BOM, for Excel).
    Csv,
    /// An Excel workbook with a summary sheet.
    Xlsx,
    /// A Word document: memo, 未落实 and 待核实 lists, the per-task table.
    Docx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Chinese (原文落实 …).
    Zh,
    /// English (carried …).
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Options shared by every command that reads notices.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Largest input file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policydiff::ingest::DEFAULT_MAX_INPUT_SIZE)]
    pub max_input_size: u64,

    /// Read inputs as this format instead of detecting it from their content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
}

impl InputArgs {
    pub fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            max_input_size: self.max_input_size,
            format: match self.input_format {
                InputFormatArg::Auto => InputFormat::Auto,
                InputFormatArg::Text => InputFormat::Text,
                InputFormatArg::Docx => InputFormat::Docx,
                InputFormatArg::Html => InputFormat::Html,
                InputFormatArg::Xlsx => InputFormat::Xlsx,
                InputFormatArg::Pdf => InputFormat::Pdf,
                InputFormatArg::Ofd => InputFormat::Ofd,
                InputFormatArg::Image => InputFormat::Image,
            },
            progress: std::io::stderr().is_terminal(),
            ..IngestOptions::default()
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    /// Detect each input's format from its content.
    Auto,
    /// Plain text, UTF-8 or GB18030.
    Text,
    /// Word: .docx (and .doc/.wps, converted with LibreOffice when installed).
    Docx,
    /// A saved web page (GB2312/GBK or UTF-8).
    Html,
    /// A spreadsheet workbook of any kind: .xlsx, .xls, .ods, WPS .et.
    Xlsx,
    /// A PDF (a scan is read by OCR when the engine is installed).
    Pdf,
    /// An OFD document (GB/T 33190).
    Ofd,
    /// A page image (PNG, JPEG, TIFF), read by OCR.
    Image,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The notice: plain text (UTF-8 or GB18030), .docx, an HTML page or a PDF.
    pub file: PathBuf,

    /// Output format; by default inferred from --output's extension, else `table`.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<NoticeFormatArg>,

    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Say on standard error which layout and numbering level were chosen and why (and,
    /// when no task list is found, what was tried).
    #[arg(long)]
    pub explain: bool,

    /// Language of the table's labels and of the warnings.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NoticeFormatArg {
    /// A table for the terminal.
    Table,
    /// The result as JSON.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
        command(Lang::Zh).debug_assert();
    }

    /// Every argument of every command, and every value of a value list, says what it is
    /// for, in both languages; the Chinese help has no English left but clap's `help`
    /// command.
    #[test]
    fn every_argument_has_a_description_in_both_languages() {
        fn check(cmd: &clap::Command, lang: Lang, path: &str) {
            let path = format!("{path} {}", cmd.get_name());
            if cmd.get_name() != "help" {
                let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
                assert!(!about.is_empty(), "{lang:?} {path}: no description");
            }
            for arg in cmd.get_arguments() {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(!help.trim().is_empty(), "{lang:?} {path} {}", arg.get_id());
                if lang == Lang::Zh {
                    assert!(
                        help.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                        "{path} {}: {help}",
                        arg.get_id()
                    );
                } else {
                    for v in arg.get_possible_values() {
                        assert!(
                            v.get_help().is_some(),
                            "{path} {}: {}",
                            arg.get_id(),
                            v.get_name()
                        );
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                check(sub, lang, &path);
            }
        }
        for lang in [Lang::Zh, Lang::En] {
            let mut cmd = command(lang);
            cmd.build();
            check(&cmd, lang, "");
        }
    }

    #[test]
    fn help_and_errors_follow_lang_then_the_locale() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        let none = |_: &str| None;
        let en = |k: &str| (k == "LANG").then(|| "en_US.UTF-8".to_string());
        let zh_all = |k: &str| match k {
            "LC_ALL" => Some("zh_CN.UTF-8".to_string()),
            "LANG" => Some("en_US.UTF-8".to_string()),
            _ => None,
        };
        let p = ["policydiff", "compare"];
        assert_eq!(ui_lang(&args(&p), none), Lang::Zh, "the default");
        assert_eq!(ui_lang(&args(&p), en), Lang::En);
        assert_eq!(ui_lang(&args(&p), zh_all), Lang::Zh, "LC_ALL first");
        assert_eq!(
            ui_lang(&args(&["policydiff", "compare", "--lang", "en"]), none),
            Lang::En
        );
        assert_eq!(
            ui_lang(&args(&["policydiff", "--lang=zh", "compare"]), en),
            Lang::Zh
        );
        // A file named --lang after `--` is no flag.
        assert_eq!(
            ui_lang(&args(&["policydiff", "--", "--lang", "en"]), none),
            Lang::Zh
        );
        let c = |_: &str| Some("C.UTF-8".to_string());
        assert_eq!(ui_lang(&args(&p), c), Lang::Zh);
    }

    #[test]
    fn output_errors_are_worded_in_both_languages() {
        let err = output_format(None, Some(Path::new("r.pdf")), false, None).unwrap_err();
        let e = err.downcast_ref::<OutputError>().unwrap();
        assert!(
            e.words(Lang::Zh)
                .starts_with("r.pdf：没有扩展名为 .pdf 的输出格式")
        );
        assert!(e.words(Lang::En).starts_with("r.pdf: no output format"));
    }

    #[test]
    fn output_extensions_no_format_owns_are_refused() {
        let pdf = Path::new("report.pdf");
        let err = output_format(None, Some(pdf), false, None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("report.pdf: no output format has the extension .pdf"));
        assert!(msg.contains(".md") && msg.contains(".xlsx"), "{msg}");
        // Naming the format is the user's explicit choice.
        assert_eq!(
            output_format(Some(Format::Html), Some(pdf), false, None).unwrap(),
            Format::Html
        );
        // No extension at all: a table, as before.
        assert_eq!(
            output_format(None, Some(Path::new("report")), false, None).unwrap(),
            Format::Table
        );
        assert_eq!(
            output_format(None, Some(Path::new("R.XLSX")), false, None).unwrap(),
            Format::Xlsx
        );
    }

    #[test]
    fn a_binary_format_is_refused_for_a_terminal_only() {
        let err = output_format(Some(Format::Xlsx), None, true, None).unwrap_err();
        assert!(err.to_string().contains("-o report.xlsx"), "{err}");
        assert!(output_format(Some(Format::Xlsx), None, false, None).is_ok());
        assert!(output_format(Some(Format::Html), None, true, None).is_ok());
    }

    #[test]
    fn parse_writes_only_tables_and_json() {
        let only = [Format::Table, Format::Json];
        let err = output_format(None, Some(Path::new("n.md")), false, Some(&only)).unwrap_err();
        assert!(err.to_string().contains(".json"), "{err}");
        assert!(!err.to_string().contains(".md,"), "{err}");
    }
}
