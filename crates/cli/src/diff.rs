//! `diff [A B [FILE…]]`: the tour, one pair over the bundled corpus, or files.

use crate::exit;
use crate::input;
use crate::output::{Format, Output, Problem};
use bootmem_history::compare::{self, Tour};
use bootmem_history::{diff_json, diff_text, picture, run, source, versions};
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
    #[command(flatten)]
    source: crate::source::SourceArgs,
}

/// Exit status: 0 when every comparison is identical (and always after a whole tour,
/// which is a report), 1 when two named releases differ, 2 on a usage or input error.
pub fn main(args: Args, out: &Output) -> ExitCode {
    let tour_only = args.a.is_none() || args.files.is_empty();
    if tour_only && args.source.given() {
        // The tour is a report over every bundled scenario; the source view belongs to
        // one comparison at a time.
        crate::output::eprint(
            "note: --source is shown by `diff A B FILE…`; the tour does not show source\n",
        );
    }
    let (a, b) = match (&args.a, &args.b) {
        (None, _) => return tour(None, out),
        (Some(_), None) => {
            return out.fail(vec![Problem::usage(
                "name two releases to compare, or none for the tour",
            )])
        }
        (Some(a), Some(b)) => match (versions::find(a), versions::find(b)) {
            (Ok(found_a), Ok(found_b)) => {
                out.note_alias(a);
                out.note_alias(b);
                (found_a, found_b)
            }
            (Err(e), _) | (_, Err(e)) => return out.fail(vec![Problem::plain(e)]),
        },
    };
    if args.files.is_empty() {
        return tour(Some((a, b)), out);
    }
    let tree = match args.source.open(out) {
        Ok(t) => t,
        Err(code) => return code,
    };
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
    let done = input::each(&sources, &mut problems, |s| {
        let c = compare::compare(s, a, b)?;
        // The source view needs both traces, which a comparison does not keep.
        let traces = match &tree {
            Some(_) => Some((run::run(a, s)?, run::run(b, s)?)),
            None => None,
        };
        Ok((c, traces))
    });
    let (done, traces): (Vec<_>, Vec<_>) = done.into_iter().unzip();
    if !problems.is_empty() && out.format == Format::Json {
        return out.fail(problems);
    }
    let printed = out.print(
        || {
            let text: Vec<String> = done
                .iter()
                .zip(&traces)
                .map(|(c, traces)| {
                    let mut text = diff_text::comparison(c, out.style);
                    if let (Some(tree), Some((ta, tb))) = (&tree, traces) {
                        let view = source::view::diff_view(&c.diff, ta, tb, tree, out.style);
                        if !view.is_empty() {
                            text.push('\n');
                            text.push_str(&view);
                        }
                    }
                    text
                })
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
