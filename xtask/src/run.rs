//! `cargo xtask run VERSION [FILE]`.

use crate::Format;
use bootmem_history::{json, parse, render, run, versions, Error};
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `run`.
#[derive(clap::Args)]
pub struct Args {
    /// The release, e.g. 2.4.22, 2.6.12 (aliases such as 2.4 or 2.6.11 work too).
    version: String,
    /// A .boot scenario; without one, the bundled i386 PC boot runs.
    file: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Loads a scenario file, or the bundled default.
pub fn load(file: Option<&str>) -> Result<parse::Scenario, Error> {
    match file {
        Some(path) => bootmem_history::error::load(std::path::Path::new(path)),
        None => parse::parse(
            bootmem_history::DEFAULT_SCENARIO_NAME,
            bootmem_history::DEFAULT_SCENARIO,
        ),
    }
}

pub fn main(args: Args) -> ExitCode {
    let release = match versions::find(&args.version) {
        Ok(r) => r,
        Err(e) => {
            crate::report_error(&e);
            return ExitCode::from(2);
        }
    };
    let scenario = match load(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            crate::report_error(&e);
            return ExitCode::from(2);
        }
    };
    let trace = match run::run(release, &scenario) {
        Ok(t) => t,
        Err(e) => {
            crate::report_error(&e);
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Text => out.write_all(render::text(&trace).as_bytes()),
        Format::Json => json::write(&trace, &mut out),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
