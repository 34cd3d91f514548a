//! The `policydiff` binary: maps command-line arguments onto library calls.

mod cli;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Result;
use clap::Parser;

use cli::{
    Cli, Command, CompareArgs, EvalArgs, InputArgs, InputFormatArg, LangArg, NoticeFormatArg,
    ReportFormatArg, ThresholdArgs,
};
use policydiff::align::{AlignOptions, Overrides};
use policydiff::ingest::{IngestOptions, InputFormat};
use policydiff::model::{Notice, Thresholds};
use policydiff::report::{self, Format, Lang, RenderOptions};

/// Success.
const EXIT_OK: u8 = 0;
/// A check failed (eval --min-f1, compare --fail-under).
const EXIT_CHECK_FAILED: u8 = 1;
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
            let notice = load(&args.file, &args.input)?;
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
                    _ => report::notice::table(&notice, width, w),
                },
            )?;
            Ok(EXIT_OK)
        }
        Command::Compare(args) => compare(args),
        Command::Eval(args) => eval(args),
    }
}

fn compare(args: CompareArgs) -> Result<u8> {
    let upper = load(&args.upper, &args.input)?;
    let lower = load(&args.lower, &args.input)?;
    let overrides = args.overrides.as_deref().map(Overrides::read).transpose()?;
    let seg = policydiff::segmenter_for(&[&upper, &lower]);
    let opts = AlignOptions {
        thresholds: thresholds(&args.thresholds),
        overrides,
    };
    let alignment = policydiff::align::align(upper, lower, &seg, &opts);
    let format = match (args.format, &args.output) {
        (Some(f), _) => match f {
            ReportFormatArg::Table => Format::Table,
            ReportFormatArg::Json => Format::Json,
            ReportFormatArg::Md => Format::Markdown,
            ReportFormatArg::Html => Format::Html,
            ReportFormatArg::Csv => Format::Csv,
            ReportFormatArg::Xlsx => Format::Xlsx,
        },
        (None, Some(p)) => Format::from_extension(p).unwrap_or(Format::Table),
        (None, None) => Format::Table,
    };
    let opts = RenderOptions {
        lang: match args.lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        },
        width: terminal_width(args.output.as_deref()),
        timestamp: args
            .timestamp
            .then(|| report::utc_timestamp(SystemTime::now())),
    };
    emit(
        args.output.as_deref(),
        &[args.upper.clone(), args.lower.clone()],
        |w| report::render(format, &alignment, &opts, w),
    )?;
    if let Some(min) = args.fail_under
        && alignment.summary.coverage_pct < min
    {
        eprintln!(
            "policydiff: coverage {:.1}% is below --fail-under {min}",
            alignment.summary.coverage_pct
        );
        return Ok(EXIT_CHECK_FAILED);
    }
    Ok(EXIT_OK)
}

fn eval(args: EvalArgs) -> Result<u8> {
    let gold = policydiff::eval::Gold::read(&args.gold)?;
    let upper = load(&args.upper, &args.input)?;
    let lower = load(&args.lower, &args.input)?;
    let seg = policydiff::segmenter_for(&[&upper, &lower]);
    let opts = AlignOptions {
        thresholds: thresholds(&args.thresholds),
        overrides: None,
    };
    let alignment = policydiff::align::align(upper, lower, &seg, &opts);
    let r = policydiff::eval::evaluate(&gold, &alignment);
    let mut out = io::stdout().lock();
    match args.format {
        NoticeFormatArg::Json => {
            serde_json::to_writer_pretty(&mut out, &r)?;
            writeln!(out)?;
        }
        NoticeFormatArg::Table => {
            for u in &r.keys_unresolved {
                writeln!(
                    out,
                    "unresolved {} key {:?} ({} hits)",
                    u.side, u.key, u.hits
                )?;
            }
            writeln!(
                out,
                "tasks found         {} upper, {} lower",
                r.tasks_found[0], r.tasks_found[1]
            )?;
            writeln!(
                out,
                "links               {} gold, {} predicted, {} true",
                r.gold_links, r.pred_links, r.true_links
            )?;
            writeln!(out, "link precision      {:.3}", r.link_precision)?;
            writeln!(out, "link recall         {:.3}", r.link_recall)?;
            writeln!(out, "link F1             {:.3}", r.link_f1)?;
            writeln!(out, "covered/dropped acc {:.3}", r.upper_coverage_acc)?;
            writeln!(out, "added acc           {:.3}", r.lower_added_acc)?;
            writeln!(out, "label acc           {:.3}", r.label_acc)?;
        }
    }
    out.flush()?;
    if let Some(min) = args.min_f1
        && r.link_f1 < min
    {
        eprintln!(
            "policydiff: link F1 {:.3} is below --min-f1 {min}",
            r.link_f1
        );
        return Ok(EXIT_CHECK_FAILED);
    }
    Ok(EXIT_OK)
}

fn thresholds(t: &ThresholdArgs) -> Thresholds {
    Thresholds {
        link: t.link_threshold,
        extra_link: t.extra_link_threshold,
        carried: t.carried_threshold,
    }
}

/// Reads and parses one notice, printing its warnings on stderr.
fn load(path: &Path, input: &InputArgs) -> Result<Notice> {
    let opts = IngestOptions {
        max_input_size: input.max_input_size,
        format: match input.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Docx => InputFormat::Docx,
            InputFormatArg::Html => InputFormat::Html,
        },
    };
    let (notice, warnings) = policydiff::load_notice(path, &opts)?;
    for w in &warnings {
        eprintln!("policydiff: warning: {}: {w}", notice.source);
    }
    Ok(notice)
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
