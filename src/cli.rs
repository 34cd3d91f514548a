//! The command line: clap types, and their translation into library settings.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::{Args, Parser, Subcommand, ValueEnum};
use policydiff::ingest::{IngestOptions, InputFormat};
use policydiff::model::Thresholds;
use policydiff::report::{self, Format, Lang, RenderOptions};

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
}

#[derive(Debug, Args)]
pub struct ChainArgs {
    /// The top notice, then one notice per level below it, in order.
    #[arg(required = true, num_args = 2.., value_name = "NOTICE")]
    pub notices: Vec<PathBuf>,

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

    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Stop at the first notice that cannot be read, instead of skipping it.
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub input: InputArgs,
}

/// The alignment thresholds (defaults calibrated on the gold pairs).
#[derive(Debug, Args, Clone)]
pub struct ThresholdArgs {
    /// Minimum score of a one-to-one link.
    #[arg(long, value_name = "SCORE", default_value_t = policydiff::align::DEFAULT_LINK)]
    pub link_threshold: f64,

    /// Minimum score of an extra link that makes a split or a merge.
    #[arg(long, value_name = "SCORE", default_value_t = policydiff::align::DEFAULT_EXTRA_LINK)]
    pub extra_link_threshold: f64,

    /// Minimum share of the upper text found verbatim below for `carried`.
    #[arg(long, value_name = "SHARE", default_value_t = policydiff::align::DEFAULT_CARRIED)]
    pub carried_threshold: f64,

    /// Length of a verbatim phrase, shared by one upper and one lower task and no other,
    /// that links an upper task the scores leave dropped (0: off).
    #[arg(long, value_name = "CHARS", default_value_t = policydiff::align::DEFAULT_PHRASE)]
    pub phrase_length: usize,
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
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,

    /// Exit with code 1 when coverage (carried + reworded over upper tasks) is below PCT.
    #[arg(long, value_name = "PCT")]
    pub fail_under: Option<f64>,

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
    pub upper: PathBuf,
    pub lower: PathBuf,

    /// Exit with code 1 when link F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = NoticeFormatArg::Table)]
    pub format: NoticeFormatArg,

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
    /// The format asked for, else the one `--output`'s extension names, else a table.
    pub fn format(&self) -> Format {
        match self.format {
            Some(ReportFormatArg::Table) => Format::Table,
            Some(ReportFormatArg::Json) => Format::Json,
            Some(ReportFormatArg::Md) => Format::Markdown,
            Some(ReportFormatArg::Html) => Format::Html,
            Some(ReportFormatArg::Csv) => Format::Csv,
            Some(ReportFormatArg::Xlsx) => Format::Xlsx,
            None => output_format(self.output.as_deref()),
        }
    }

    pub fn render_options(&self) -> RenderOptions {
        RenderOptions {
            lang: match self.lang {
                LangArg::Zh => Lang::Zh,
                LangArg::En => Lang::En,
            },
            width: terminal_width(self.output.as_deref()),
            timestamp: self
                .timestamp
                .then(|| report::utc_timestamp(SystemTime::now())),
        }
    }
}

/// The format an output file's extension names, else a table.
pub fn output_format(output: Option<&Path>) -> Format {
    output
        .and_then(Format::from_extension)
        .unwrap_or(Format::Table)
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
    /// A self-contained HTML page (chain: lineage view; coverage: sortable heatmap).
    Html,
    /// A table of rows (UTF-8 with BOM, for Excel).
    Csv,
    /// An Excel workbook with a summary sheet.
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
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
            },
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    Text,
    Docx,
    Html,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The notice: plain text (UTF-8 or GB18030), .docx or an HTML page.
    pub file: PathBuf,

    /// Output format; by default inferred from --output's extension, else `table`.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<NoticeFormatArg>,

    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NoticeFormatArg {
    Table,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
