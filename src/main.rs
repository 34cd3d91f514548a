//! The `policydiff` binary: maps command-line arguments onto library calls.

mod cli;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Result;
use clap::Parser;

use cli::{
    ChainArgs, Cli, Command, CompareArgs, CoverageArgs, EvalArgs, InputArgs, InputFormatArg,
    LangArg, MultiFormatArg, NoticeFormatArg, ReportFormatArg, ThresholdArgs,
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
        Command::Chain(args) => chain(args),
        Command::Coverage(args) => coverage(args),
    }
}

fn multi_format(format: Option<MultiFormatArg>, output: Option<&Path>) -> Format {
    match format {
        Some(MultiFormatArg::Table) => Format::Table,
        Some(MultiFormatArg::Json) => Format::Json,
        Some(MultiFormatArg::Md) => Format::Markdown,
        Some(MultiFormatArg::Html) => Format::Html,
        Some(MultiFormatArg::Csv) => Format::Csv,
        Some(MultiFormatArg::Xlsx) => Format::Xlsx,
        None => output
            .and_then(Format::from_extension)
            .unwrap_or(Format::Table),
    }
}

fn chain(args: ChainArgs) -> Result<u8> {
    let notices = args
        .notices
        .iter()
        .map(|p| load(p, &args.input))
        .collect::<Result<Vec<_>>>()?;
    for w in notices.windows(2) {
        policydiff::align::check_size(&w[0], &w[1])?;
    }
    let refs: Vec<&Notice> = notices.iter().collect();
    let seg = policydiff::segmenter_for(&refs);
    let opts = AlignOptions {
        thresholds: thresholds(&args.thresholds),
        ..Default::default()
    };
    let c = policydiff::chain::chain(notices, &seg, &opts);
    let format = multi_format(args.format, args.output.as_deref());
    let ropts = render_options(args.lang, args.output.as_deref());
    emit(args.output.as_deref(), &args.notices, |w| {
        report::render_chain(format, &c, &ropts, w)
    })?;
    Ok(EXIT_OK)
}

fn coverage(args: CoverageArgs) -> Result<u8> {
    let corpus = args.corpus.as_deref().zip(args.upper.as_deref());
    let (upper_path, lowers) =
        policydiff::coverage::resolve_inputs(corpus, args.all_below, &args.inputs)?;
    let upper = load(&upper_path, &args.input)?;
    let ingest = ingest_options(&args.input);
    if args.strict {
        for p in &lowers {
            policydiff::load_notice(p, &ingest)?;
        }
    }
    let opts = AlignOptions {
        thresholds: thresholds(&args.thresholds),
        details: false,
        ..Default::default()
    };
    let bar = progress_bar(lowers.len());
    let seg = policydiff::segment::Segmenter::shared();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let c = pool.install(|| {
        policydiff::coverage::coverage(upper, &lowers, &ingest, seg, &opts, &|| {
            if let Some(b) = &bar {
                b.inc(1);
            }
        })
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let format = multi_format(args.format, args.output.as_deref());
    let ropts = render_options(args.lang, args.output.as_deref());
    let mut inputs = lowers.clone();
    inputs.push(upper_path.clone());
    emit(args.output.as_deref(), &inputs, |w| {
        report::render_coverage(format, &c, &ropts, w)
    })?;
    for f in &c.failures {
        eprintln!("policydiff: error: {} (skipped)", f.error);
    }
    Ok(if c.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_BAD_INPUT
    })
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

/// Render options for `chain` and `coverage` (no `--timestamp`: their reports are always
/// reproducible).
fn render_options(l: LangArg, output: Option<&Path>) -> RenderOptions {
    RenderOptions {
        lang: lang(l),
        width: terminal_width(output),
        timestamp: None,
    }
}

fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    }
}

fn compare(args: CompareArgs) -> Result<u8> {
    let upper = load(&args.upper, &args.input)?;
    let lower = load(&args.lower, &args.input)?;
    let overrides = args.overrides.as_deref().map(Overrides::read).transpose()?;
    policydiff::align::check_size(&upper, &lower)?;
    let seg = policydiff::segmenter_for(&[&upper, &lower]);
    let opts = AlignOptions {
        thresholds: thresholds(&args.thresholds),
        overrides,
        details: true,
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
        lang: lang(args.lang),
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
    policydiff::align::check_size(&upper, &lower)?;
    let seg = policydiff::segmenter_for(&[&upper, &lower]);
    let opts = AlignOptions {
        thresholds: thresholds(&args.thresholds),
        overrides: None,
        details: true,
    };
    let alignment = policydiff::align::align(upper, lower, &seg, &opts);
    let r = policydiff::eval::evaluate(&gold, &alignment);
    emit(None, &[], |w| match args.format {
        NoticeFormatArg::Json => report::to_json(&r, w),
        NoticeFormatArg::Table => report::eval::table(&r, w),
    })?;
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

/// Reads and parses one notice, printing its warnings on stderr.
fn load(path: &Path, input: &InputArgs) -> Result<Notice> {
    let (notice, warnings) = policydiff::load_notice(path, &ingest_options(input))?;
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
