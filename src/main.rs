//! The `policydiff` binary: maps command-line arguments onto library calls
//! ([`policydiff::run`]), prints what they report on stderr, and picks the exit code.

mod cli;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Cli, Command};
use policydiff::ingest::file::printable;
use policydiff::report::Lang;
use policydiff::run::{self, Note, Verdict};

/// Unix builds allocate with mimalloc: musl's allocator serialises the threads of
/// `coverage`, which ran ~1.5x as long as with glibc's (issue 27), and glibc's costs
/// parsing a fifth of its instructions (issue 25). The `system-malloc` feature keeps the
/// platform's own, to measure the difference.
#[cfg(all(unix, not(feature = "system-malloc")))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Success.
const EXIT_OK: u8 = 0;
/// A check failed (eval --min-f1, compare --fail-under).
const EXIT_CHECK_FAILED: u8 = 1;
/// Bad input or usage.
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    remove_report_temp_on_signal();
    let args: Vec<_> = std::env::args_os().collect();
    let lang = cli::ui_lang(&args, |k| std::env::var(k).ok());
    let cli = match cli::parse(args, lang) {
        Ok(cli) => cli,
        Err(e) => match cli::usage_error(&e, lang) {
            Some(line) => {
                eprintln!("{}{}", cli::error_lead(lang), printable(&line));
                return ExitCode::from(EXIT_BAD_INPUT);
            }
            None => e.exit(),
        },
    };
    let verbose = cli.verbose;
    match run(cli, lang) {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(EXIT_OK),
        Err(err) => {
            // File names and converters' logs are escaped: one line, no terminal codes.
            let message = cli::error_line(&err, lang, verbose);
            eprintln!("{}{}", cli::error_lead(lang), printable(&message));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn run(cli: Cli, lang: Lang) -> Result<u8> {
    let notes = &mut |note: Note| eprintln!("{}", cli::note_line(&note, lang));
    let outcome = match cli.command {
        Command::Parse(a) => run::parse(&a.options(), &a.output()?, notes)?,
        Command::Compare(a) => run::compare(&a.options(), &a.report.output()?, notes)?,
        Command::Eval(a) => run::eval(&a.options(), &a.output(), notes)?,
        Command::Chain(a) => run::chain(&a.options(), &a.report.output()?, notes)?,
        Command::Coverage(a) => run::coverage(&a.options(), &a.report.output()?, notes)?,
        Command::Serve(a) => return serve(&a, lang),
    };
    if let Some((path, format)) = &outcome.written {
        let path = printable(&path.display().to_string());
        eprintln!("{}", cli::wrote(&path, *format, lang));
    }
    Ok(match outcome.verdict {
        Verdict::Ok => EXIT_OK,
        Verdict::CheckFailed(check) => {
            eprintln!("{}", cli::check_failed(&check, lang));
            EXIT_CHECK_FAILED
        }
    })
}

/// `serve`: prints the workspace's address (and opens it in a browser when one is at
/// hand), then serves until stopped.
fn serve(a: &cli::ServeArgs, lang: Lang) -> Result<u8> {
    let ws = policydiff::serve::Workspace::open(&a.options())?;
    for p in ws.problems() {
        eprintln!("{}", cli::note_line(&Note::Skipped(p.clone()), lang));
    }
    println!(
        "{}",
        cli::serving(
            &printable(&a.workspace.display().to_string()),
            ws.url(),
            lang
        )
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
#[cfg(unix)]
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

/// On Windows, the console's Ctrl-C and Ctrl-Break (and closing the console window, logging
/// off, shutting down) remove the temporary file of a report being written, then exit as
/// SIGINT or SIGTERM would on Unix (130 for Ctrl-C and Ctrl-Break, 143 otherwise).
#[cfg(windows)]
fn remove_report_temp_on_signal() {
    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, SetConsoleCtrlHandler,
    };
    /// Runs on a thread the system starts for the event.
    unsafe extern "system" fn handler(event: u32) -> windows_sys::core::BOOL {
        policydiff::report::remove_pending();
        let interrupted = event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT;
        std::process::exit(if interrupted { 130 } else { 143 });
    }
    // SAFETY: `handler` has the signature the system calls and lives as long as the
    // process; a failure to register only means the default handling (the run is ended
    // and its temporary file may stay), so the result is not checked.
    unsafe {
        SetConsoleCtrlHandler(Some(handler), 1);
    }
}

/// Elsewhere (neither Unix nor Windows) the default handling of signals stays.
#[cfg(not(any(unix, windows)))]
fn remove_report_temp_on_signal() {}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<run::Error>()
        .is_some_and(run::Error::is_broken_pipe)
}
