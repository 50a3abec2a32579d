//! `cargo xtask diff [A B [FILE…]]`: the tour, one pair over the corpus, or files.

use crate::{print, Color, Format};
use bootmem_history::compare::{self, corpus, Tour};
use bootmem_history::{diff_json, diff_text, versions};
use std::process::ExitCode;

/// Arguments of `diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The first release (with the second; without both, the tour of every pair of
    /// neighbouring releases).
    a: Option<String>,
    /// The second release.
    b: Option<String>,
    /// Scenario files; without any, every bundled scenario (tests/scenarios).
    files: Vec<String>,
    /// Output format. JSON gives one object for a tour or a pair, an array of
    /// comparisons for files.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// When to colour the text.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// Exit status: 0 when every comparison is identical (and always after a whole tour,
/// which is a report), 1 when two named releases differ, 2 on a usage or scenario error.
pub fn main(args: Args) -> ExitCode {
    let style = args.color.style();
    let (a, b) = match (&args.a, &args.b) {
        (None, _) => return tour_main(None, args.format, style),
        (Some(_), None) => {
            eprintln!("error: name two releases to compare, or none for the tour");
            return ExitCode::from(2);
        }
        (Some(a), Some(b)) => match (versions::find(a), versions::find(b)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                crate::report_error(&e);
                return ExitCode::from(2);
            }
        },
    };
    if args.files.is_empty() {
        return tour_main(Some((a, b)), args.format, style);
    }

    let files: Vec<Option<&str>> = args.files.iter().map(|f| Some(f.as_str())).collect();
    let (comparisons, failed) =
        crate::each_scenario(&files, |scenario| compare::compare(scenario, a, b));
    crate::report(
        args.format,
        &comparisons,
        failed,
        |c| diff_text::comparison(c, style),
        diff_json::comparisons,
        |done| {
            if done.iter().all(|c| c.diff.identical()) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        },
    )
}

fn tour_main(
    pair: Option<(&'static versions::Release, &'static versions::Release)>,
    format: Format,
    style: diff_text::Style,
) -> ExitCode {
    // The corpus is the workspace's own: the xtask is built from the source tree, and
    // names its files from the workspace root.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (scenarios, errors) = corpus(&root.join("tests").join("scenarios"), &root);
    for e in &errors {
        crate::report_error(e);
    }
    let pairs = match pair {
        Some(p) => vec![p],
        None => versions::consecutive_pairs(),
    };
    let tour: Tour = compare::tour(&scenarios, &pairs);
    let text = match format {
        Format::Text => diff_text::tour(&tour, style),
        Format::Json => format!("{:#}\n", diff_json::tour(&tour)),
    };
    if let Err(code) = print(&text) {
        return code;
    }
    let differ = tour.rows.iter().any(|r| {
        r.cells
            .iter()
            .any(|c| c.comparison().is_some_and(|c| !c.diff.identical()))
    });
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if pair.is_some() && differ {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
