//! The `policydiff` binary: maps command-line arguments onto library calls.

mod cli;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use cli::{
    ChainArgs, Cli, Command, CompareArgs, CoverageArgs, EvalArgs, InputArgs, NoticeFormatArg,
};
use policydiff::align::{AlignOptions, Overrides};
use policydiff::model::Notice;
use policydiff::report::{self, Format};

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
            if args.explain {
                for line in policydiff::explain_notice(&args.file, &args.input.ingest_options()) {
                    eprintln!("policydiff: explain: {line}");
                }
            }
            let notice = load(&args.file, &args.input)?;
            let format = match args.format {
                Some(NoticeFormatArg::Json) => Format::Json,
                Some(NoticeFormatArg::Table) => Format::Table,
                None => cli::output_format(args.output.as_deref()),
            };
            let width = cli::terminal_width(args.output.as_deref());
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
        thresholds: args.thresholds.thresholds(),
        ..Default::default()
    };
    let c = policydiff::chain::chain(notices, &seg, &opts);
    let (format, ropts) = (args.report.format(), args.report.render_options());
    emit(args.report.output.as_deref(), &args.notices, |w| {
        report::render_chain(format, &c, &ropts, w)
    })?;
    Ok(EXIT_OK)
}

fn coverage(args: CoverageArgs) -> Result<u8> {
    let corpus = args.corpus.as_deref().zip(args.upper.as_deref());
    let resolved = policydiff::coverage::resolve_inputs(corpus, args.all_below, &args.inputs)?;
    let (upper_path, lowers) = (&resolved.upper, &resolved.lowers);
    let upper = load(upper_path, &args.input)?;
    let ingest = args.input.ingest_options();
    if args.strict {
        for p in lowers {
            policydiff::load_notice(p, &ingest)?;
        }
    }
    let opts = AlignOptions {
        thresholds: args.thresholds.thresholds(),
        details: false,
        ..Default::default()
    };
    let bar = progress_bar(lowers.len());
    let seg = policydiff::segment::Segmenter::shared();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let c = pool.install(|| {
        let manifests = &resolved.manifests;
        policydiff::coverage::coverage(upper, lowers, manifests, &ingest, seg, &opts, &|| {
            if let Some(b) = &bar {
                b.inc(1);
            }
        })
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let (format, ropts) = (args.report.format(), args.report.render_options());
    let mut inputs = lowers.clone();
    inputs.push(upper_path.to_path_buf());
    emit(args.report.output.as_deref(), &inputs, |w| {
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

fn compare(args: CompareArgs) -> Result<u8> {
    let upper = load(&args.upper, &args.input)?;
    let lower = load(&args.lower, &args.input)?;
    let overrides = args.overrides.as_deref().map(Overrides::read).transpose()?;
    policydiff::align::check_size(&upper, &lower)?;
    let seg = policydiff::segmenter_for(&[&upper, &lower]);
    let opts = AlignOptions {
        thresholds: args.thresholds.thresholds(),
        overrides,
        details: true,
    };
    let alignment = policydiff::align::align(upper, lower, &seg, &opts);
    let (format, opts) = (args.report.format(), args.report.render_options());
    emit(
        args.report.output.as_deref(),
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
        thresholds: args.thresholds.thresholds(),
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

/// Reads and parses one notice, printing its warnings on stderr.
fn load(path: &Path, input: &InputArgs) -> Result<Notice> {
    let (notice, warnings) = policydiff::load_notice(path, &input.ingest_options())?;
    for w in warnings
        .iter()
        .map(ToString::to_string)
        .chain(notice.warnings.clone())
    {
        eprintln!("policydiff: warning: {}: {w}", notice.source);
    }
    Ok(notice)
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
