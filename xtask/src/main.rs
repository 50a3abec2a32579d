//! `cargo xtask`: runs scenarios on re-created releases of the Linux boot memory allocator.

mod run;

use clap::{Parser, Subcommand, ValueEnum};
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
}

/// How a trace is printed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// The JSON trace of the scenario-language spec.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::main(args),
    }
}
