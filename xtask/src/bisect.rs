//! `cargo xtask bisect [FILE…]`: where along the releases a scenario's trace changes.

use crate::{Color, Format};
use bootmem_history::{compare, diff_json, diff_text};
use std::process::ExitCode;

/// Arguments of `bisect`.
#[derive(clap::Args)]
pub struct Args {
    /// Scenario files; without any, the bundled i386 PC boot.
    files: Vec<String>,
    /// Output format. JSON gives an array, one bisection per file.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// When to colour the text.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// Exit status: 0 once every file is bisected, 2 on a scenario error.
pub fn main(args: Args) -> ExitCode {
    let style = args.color.style();
    let files: Vec<Option<&str>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|f| Some(f.as_str())).collect()
    };
    let (done, failed) = crate::each_scenario(&files, compare::bisect);
    crate::report(
        args.format,
        &done,
        failed,
        |b| diff_text::bisect(b, style),
        diff_json::bisects,
        |_| ExitCode::SUCCESS,
    )
}
