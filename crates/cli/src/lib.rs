//! The `bootmem-history` command, as a library: the one clap definition, and the code
//! behind each subcommand. The installed binary (`src/main.rs`) and `cargo xtask` both
//! call [`main`]; they differ only in the name their usage shows.
//!
//! Everything the commands print comes from `bootmem-history`; this crate reads the
//! arguments and the scenario files, chooses colour, format and width, and sets the
//! exit status (see [`exit`]).

mod bisect;
mod catalog;
mod diagnostics;
mod diff;
pub mod exit;
mod explain;
mod input;
mod output;
mod run;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::process::ExitCode;

pub use output::{ColorWhen, Format, OutputArgs};

/// The command line.
#[derive(Parser, Debug)]
#[command(
    name = "bootmem-history",
    version,
    about = "Run Linux boot memory allocator scenarios on every release from 2.4.0 to 2.6.16",
    long_about = "Run Linux boot memory allocator (mm/bootmem.c) scenarios on the re-created \
                  releases 2.4.0 to 2.6.16, compare releases, and find where along the history \
                  a scenario's behaviour changes.",
    propagate_version = true
)]
pub struct Cli {
    /// The output options every command takes.
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Run scenarios on one release and print what its allocator did.
    ///
    /// Exit status: 0 when every boot completes; 3 to 8 when one stops (3 BUG, 4 panic,
    /// 5 oops, 6 hang, 7 a call the release lacks, 8 a simulator limit); 2 on a usage or
    /// input error.
    Run(run::Args),
    /// Compare releases: with no arguments, the tour of every bundled scenario on every
    /// pair of neighbouring releases; with two releases, every bundled scenario or the
    /// named files on those two.
    ///
    /// Exit status: 0 when the traces are identical, and after a tour, which is a
    /// report; 1 when two named releases differ; 2 on a usage or input error.
    Diff(diff::Args),
    /// Run scenarios on every release and list the steps at which each trace changes.
    Bisect(bisect::Args),
    /// Step through one call: each scan window and the bits it tested, what
    /// find_next_zero_bit() answered, each restart, the sub-page merge decision, and the
    /// hand-off's words and blocks, in the release's own terms.
    ///
    /// Exit status: 0 when the call returns; 3 to 8 when it stops the boot (as `run`);
    /// 2 on a usage or input error, or a line with no call that runs.
    Explain(explain::Args),
    /// List every covered release: the text it runs, the names that reach it, what
    /// changed and the commits.
    Releases,
    /// List the bundled scenarios, each with the first sentence of its header comment.
    Scenarios,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
}

/// The clap definition, as `--help`, the completions and the man page use it.
pub fn command() -> clap::Command {
    Cli::command().after_help(
        "FILE arguments take a path, a directory (its .boot files, sorted), `-` for \
         standard input, or the name of a bundled scenario (see `scenarios`). Releases \
         take any name or alias (see `releases`).",
    )
}

/// Runs the command on the process's arguments. `bin_name` is the name the usage
/// shows (`cargo xtask`); without it clap takes the name the binary was invoked by.
pub fn main(bin_name: Option<&str>) -> ExitCode {
    main_from(bin_name, std::env::args_os())
}

/// Runs the command on `args` (the first being the program's name).
pub fn main_from(bin_name: Option<&str>, args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    // Help wraps to the width the output would have; `--width` is not parsed yet.
    let mut command = command().term_width(output::width(None));
    if let Some(name) = bin_name {
        command = command.bin_name(name);
    }
    // Help and usage errors are printed before the options are parsed, so `--color`
    // is read from the raw arguments for them.
    for (k, arg) in args.iter().enumerate() {
        let value = match arg.to_str() {
            Some("--color") => args.get(k + 1).and_then(|v| v.to_str()),
            Some(a) => a.strip_prefix("--color="),
            None => None,
        };
        match value {
            Some("never") => command = command.color(clap::ColorChoice::Never),
            Some("always") => command = command.color(clap::ColorChoice::Always),
            _ => {}
        }
    }
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return output::usage_error(e, &args),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return output::usage_error(e.with_cmd(&command), &args),
    };
    let out = output::Output::new(&cli.output);
    match cli.command {
        Command::Run(a) => run::main(a, &out),
        Command::Diff(a) => diff::main(a, &out),
        Command::Bisect(a) => bisect::main(a, &out),
        Command::Explain(a) => explain::main(a, &out),
        Command::Releases => catalog::releases(&out),
        Command::Scenarios => catalog::scenarios(&out),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut command, "bootmem-history", &mut buf);
            out.raw(&buf)
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(command.name("bootmem-history")).render(&mut buf) {
                Ok(()) => out.raw(&buf),
                Err(e) => out.fail(vec![output::Problem::usage(e.to_string())]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn every_command_takes_the_output_options_anywhere() {
        for line in [
            "x --color never run 2.6.12",
            "x run 2.6.12 --color never --format json",
            "x diff --width 80 2.6.14 2.6.15 spec_example --color=always",
            "x releases --format json",
            "x scenarios --width 100",
        ] {
            let m = command().try_get_matches_from(line.split(' '));
            assert!(m.is_ok(), "{line}: {m:?}");
        }
        let e = command()
            .try_get_matches_from(["x", "run", "2.6.12", "--colr", "never"])
            .unwrap_err();
        assert!(e.to_string().contains("--color"), "{e}");
    }
}
