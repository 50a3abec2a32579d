//! `diff [A B [FILE…]]`: the tour, one pair over the bundled corpus, or files.

use crate::exit;
use crate::input;
use crate::output::{Format, Output, Problem};
use bootmem_history::compare::{self, Tour};
use bootmem_history::{diff_json, diff_text, picture, versions};
use std::process::ExitCode;

/// Arguments of `diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The first release (with the second; without both, the tour of every pair of
    /// neighbouring releases).
    a: Option<String>,
    /// The second release.
    b: Option<String>,
    /// Scenarios; without any, every bundled scenario.
    files: Vec<String>,
}

/// Exit status: 0 when every comparison is identical (and always after a whole tour,
/// which is a report), 1 when two named releases differ, 2 on a usage or input error.
pub fn main(args: Args, out: &Output) -> ExitCode {
    let (a, b) = match (&args.a, &args.b) {
        (None, _) => return tour(None, out),
        (Some(_), None) => {
            return out.fail(vec![Problem::usage(
                "name two releases to compare, or none for the tour",
            )])
        }
        (Some(a), Some(b)) => match (versions::find(a), versions::find(b)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return out.fail(vec![Problem::plain(e)]),
        },
    };
    if args.files.is_empty() {
        return tour(Some((a, b)), out);
    }
    let (sources, mut problems) = input::sources(&args.files, None);
    if out.format.picture().is_some() {
        let drawn = input::each_with_text(&sources, &mut problems, |s, text| {
            picture::draw_diff(s, &picture::Notes::of(text), a, b)
        });
        let figures: Vec<_> = drawn.iter().map(|d| d.figure.clone()).collect();
        if let Err(code) = out.pictures(&figures) {
            return code;
        }
        return if !problems.is_empty() {
            out.warn(&problems);
            exit::code(exit::USAGE)
        } else if drawn.iter().all(|d| d.of.identical()) {
            exit::code(exit::SUCCESS)
        } else {
            exit::code(exit::DIFFER)
        };
    }
    let done = input::each(&sources, &mut problems, |s| compare::compare(s, a, b));
    if !problems.is_empty() && out.format == Format::Json {
        return out.fail(problems);
    }
    let printed = out.print(
        || {
            let text: Vec<String> = done
                .iter()
                .map(|c| diff_text::comparison(c, out.style))
                .collect();
            diff_text::fit(&text.join("\n"), out.style.width)
        },
        || diff_json::comparisons(&done),
    );
    if let Err(code) = printed {
        return code;
    }
    if !problems.is_empty() {
        out.warn(&problems);
        exit::code(exit::USAGE)
    } else if done.iter().all(|c| c.diff.identical()) {
        exit::code(exit::SUCCESS)
    } else {
        exit::code(exit::DIFFER)
    }
}

fn tour(
    pair: Option<(&'static versions::Release, &'static versions::Release)>,
    out: &Output,
) -> ExitCode {
    // The tour has no picture; refuse before running the whole corpus.
    if out.format.picture().is_some() {
        return out.fail(vec![Problem::usage(
            "the tour has no picture: draw one scenario with `diff A B FILE… --format html`, \
             or use --format text or json",
        )]);
    }
    let (corpus, problems) = input::corpus();
    if !problems.is_empty() && out.format == Format::Json {
        return out.fail(problems);
    }
    let scenarios: Vec<_> = corpus.into_iter().map(|(_, s)| s).collect();
    let pairs = match pair {
        Some(p) => vec![p],
        None => versions::consecutive_pairs(),
    };
    let tour: Tour = compare::tour(&scenarios, &pairs);
    let printed = out.print(
        || diff_text::fit(&diff_text::tour(&tour, out.style), out.style.width),
        || diff_json::tour(&tour),
    );
    if let Err(code) = printed {
        return code;
    }
    let differ = tour.rows.iter().any(|r| {
        r.cells
            .iter()
            .any(|c| c.comparison().is_some_and(|c| !c.diff.identical()))
    });
    if !problems.is_empty() {
        out.warn(&problems);
        exit::code(exit::USAGE)
    } else if pair.is_some() && differ {
        exit::code(exit::DIFFER)
    } else {
        exit::code(exit::SUCCESS)
    }
}
