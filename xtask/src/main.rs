//! `cargo xtask`: runs scenarios on re-created releases of the Linux boot memory allocator.

mod bisect;
mod diff;
mod run;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Run Linux boot memory allocator scenarios on historical releases"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario on one release and print what its allocator did.
    Run(run::Args),
    /// Compare releases: with no arguments, the tour of every bundled scenario on every
    /// pair of neighbouring releases; with two releases, every bundled scenario or the
    /// named files on those two.
    ///
    /// Exit status: 0 when the traces are identical, and after a tour, which is a
    /// report; 1 when two named releases differ; 2 on a usage or scenario error.
    Diff(diff::Args),
    /// Run a scenario on every release and list the steps at which its trace changes.
    Bisect(bisect::Args),
}

/// How a trace is printed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// JSON, for tools.
    Json,
}

/// When to colour text output.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Color {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Color {
    /// The style the library paints with.
    pub fn style(self) -> bootmem_history::diff_text::Style {
        let color = match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        bootmem_history::diff_text::Style { color }
    }
}

/// Prints a library error on standard error: parse errors as their located
/// diagnostics, every other error after `error:`.
pub fn report_error(e: &bootmem_history::Error) {
    match e {
        bootmem_history::Error::Parse(diagnostics) => eprintln!("{diagnostics}"),
        other => eprintln!("error: {other}"),
    }
}

/// Loads each scenario file (`None` is the bundled default) and applies `work` to it.
/// Errors are printed as they come; the flag says whether any happened.
pub fn each_scenario<T>(
    files: &[Option<&str>],
    work: impl Fn(&bootmem_history::parse::Scenario) -> Result<T, bootmem_history::Error>,
) -> (Vec<T>, bool) {
    let mut done = Vec::new();
    let mut failed = false;
    for file in files {
        match run::load(*file) {
            Ok(scenario) => match work(&scenario) {
                Ok(t) => done.push(t),
                Err(e) => {
                    report_error(&e);
                    failed = true;
                }
            },
            Err(e) => {
                report_error(&e);
                failed = true;
            }
        }
    }
    (done, failed)
}

/// Prints one result per scenario, as text joined by blank lines or as one JSON value,
/// and gives the exit status `status` chooses (2 where a scenario failed).
pub fn report<T, J: std::fmt::Display>(
    format: Format,
    done: &[T],
    failed: bool,
    text: impl Fn(&T) -> String,
    json: impl Fn(&[T]) -> J,
    status: impl Fn(&[T]) -> ExitCode,
) -> ExitCode {
    let out = match format {
        Format::Text => done.iter().map(text).collect::<Vec<_>>().join("\n"),
        Format::Json => format!("{:#}\n", json(done)),
    };
    if let Err(code) = print(&out) {
        return code;
    }
    if failed {
        ExitCode::from(2)
    } else {
        status(done)
    }
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::from(2))
        }
    }
}

fn main() -> ExitCode {
    // The covered releases come from the registry, so `--help` lists them as they are.
    let command = Cli::command().after_help(bootmem_history::versions::coverage());
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cli.command {
        Command::Run(args) => run::main(args),
        Command::Diff(args) => diff::main(args),
        Command::Bisect(args) => bisect::main(args),
    }
}
