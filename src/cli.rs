//! The command line: clap types only, turned into library settings by `main.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
