//! `cargo xtask run VERSION [FILE]`.

use crate::Format;
use bootmem_history::{json, parse, render, run, versions};
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
pub fn load(file: Option<&str>) -> Result<parse::Scenario, String> {
    let (name, text) = match file {
        Some(path) => (
            path.to_string(),
            std::fs::read_to_string(path).map_err(|e| format!("error: cannot read {path}: {e}"))?,
        ),
        None => (
            bootmem_history::DEFAULT_SCENARIO_NAME.to_string(),
            bootmem_history::DEFAULT_SCENARIO.to_string(),
        ),
    };
    parse::parse(&name, &text).map_err(|e| e.to_string())
}

pub fn main(args: Args) -> ExitCode {
    let release = match versions::find(&args.version) {
        Ok(r) => r,
        Err(e) => {
            eprint!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let scenario = match load(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let trace = match run::run(release, &scenario) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
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
