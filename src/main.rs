//! The `policydiff` binary: maps command-line arguments onto library calls.

mod cli;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use cli::{Cli, Command, InputArgs, InputFormatArg, NoticeFormatArg};
use policydiff::ingest::{IngestOptions, InputFormat};
use policydiff::report::{self, Format};

/// Success.
const EXIT_OK: u8 = 0;
/// Bad input or usage.
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbose = cli.verbose;
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(EXIT_OK);
            }
            if verbose {
                eprintln!("policydiff: error: {err:#}");
            } else {
                eprintln!("policydiff: error: {err}");
            }
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Parse(args) => {
            let opts = ingest_options(&args.input);
            let (notice, warnings) = policydiff::load_notice(&args.file, &opts)?;
            print_warnings(&notice.source, &warnings);
            let format = match (args.format, &args.output) {
                (Some(NoticeFormatArg::Json), _) => Format::Json,
                (Some(NoticeFormatArg::Table), _) => Format::Table,
                (None, Some(p)) => Format::from_extension(p).unwrap_or(Format::Table),
                (None, None) => Format::Table,
            };
            let width = terminal_width(args.output.as_deref());
            emit(
                args.output.as_deref(),
                std::slice::from_ref(&args.file),
                |w| match format {
                    Format::Json => report::notice::json(&notice, w),
                    Format::Table => report::notice::table(&notice, width, w),
                },
            )?;
            Ok(EXIT_OK)
        }
    }
}

fn ingest_options(input: &InputArgs) -> IngestOptions {
    IngestOptions {
        max_input_size: input.max_input_size,
        format: match input.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Docx => InputFormat::Docx,
            InputFormatArg::Html => InputFormat::Html,
        },
    }
}

fn print_warnings(source: &str, warnings: &[policydiff::Warning]) {
    for w in warnings {
        eprintln!("policydiff: warning: {source}: {w}");
    }
}

/// The terminal's width when writing to one, so tables wrap to fit.
fn terminal_width(output: Option<&Path>) -> Option<u16> {
    use std::io::IsTerminal;
    if output.is_none() && io::stdout().is_terminal() {
        None // comfy-table measures the terminal itself
    } else {
        Some(160)
    }
}

/// Writes to the output file atomically, or to standard output.
fn emit(
    output: Option<&Path>,
    inputs: &[PathBuf],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match output {
        Some(path) => report::write_atomic(path, inputs, render)?,
        None => {
            let stdout = io::stdout();
            let mut lock = io::BufWriter::new(stdout.lock());
            render(&mut lock)?;
            lock.flush()?;
        }
    }
    Ok(())
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
