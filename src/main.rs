//! The `policydiff` binary: maps command-line arguments onto library calls
//! ([`policydiff::run`]), prints what they report on stderr, and picks the exit code.

mod cli;

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use cli::{Cli, Command};
use policydiff::run::{self, Note, Verdict};

/// Success.
const EXIT_OK: u8 = 0;
/// A check failed (eval --min-f1, compare --fail-under).
const EXIT_CHECK_FAILED: u8 = 1;
/// Bad input or usage.
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    remove_report_temp_on_signal();
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
    let notes = &mut |note: Note| match note {
        Note::Warning(w) => eprintln!("policydiff: warning: {w}"),
        Note::Skipped(e) => eprintln!("policydiff: warning: {e} (skipped)"),
        Note::Explain(e) => eprintln!("policydiff: explain: {e}"),
    };
    let outcome = match cli.command {
        Command::Parse(a) => run::parse(&a.options(), &a.output()?, notes)?,
        Command::Compare(a) => run::compare(&a.options(), &a.report.output()?, notes)?,
        Command::Eval(a) => run::eval(&a.options(), &a.output(), notes)?,
        Command::Chain(a) => run::chain(&a.options(), &a.report.output()?, notes)?,
        Command::Coverage(a) => run::coverage(&a.options(), &a.report.output()?, notes)?,
        Command::Serve(a) => return serve(&a),
    };
    if let Some((path, format)) = &outcome.written {
        eprintln!(
            "policydiff: wrote {} ({})",
            path.display(),
            format.describe()
        );
    }
    Ok(match outcome.verdict {
        Verdict::Ok => EXIT_OK,
        Verdict::CheckFailed(why) => {
            eprintln!("policydiff: {why}");
            EXIT_CHECK_FAILED
        }
    })
}

/// `serve`: prints the workspace's address (and opens it in a browser when one is at
/// hand), then serves until stopped.
fn serve(a: &cli::ServeArgs) -> Result<u8> {
    let ws = policydiff::serve::Workspace::open(&a.options())?;
    for p in ws.problems() {
        eprintln!("policydiff: warning: {p} (skipped)");
    }
    println!(
        "policydiff: workspace {} at {}",
        a.workspace.display(),
        ws.url()
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if !a.no_open {
        policydiff::serve::open_browser(ws.url());
    }
    ws.run();
    Ok(EXIT_OK)
}

/// On SIGINT or SIGTERM, removes the temporary file of a report being written, then
/// exits as the signal would have (130, 143).
fn remove_report_temp_on_signal() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                policydiff::report::remove_pending();
                std::process::exit(128 + sig);
            }
        });
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<run::Error>()
        .is_some_and(run::Error::is_broken_pipe)
}
