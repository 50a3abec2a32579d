//! `bisect [FILE…]`: where along the releases each scenario's trace changes.

use crate::exit;
use crate::input;
use crate::output::{Format, Output};
use bootmem_history::{compare, diff_json, diff_text, picture};
use std::process::ExitCode;

/// Arguments of `bisect`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenarios; without any, the bundled i386 PC boot (i386_pc).
    files: Vec<String>,
}

/// Prints one bisection per scenario (JSON: an array). Exit status 0, or 2 on an
/// input error.
pub fn main(args: Args, out: &Output) -> ExitCode {
    let (sources, mut problems) = input::sources(&args.files, Some(input::DEFAULT));
    if out.format.picture().is_some() {
        let drawn = input::each_with_text(&sources, &mut problems, |s, text| {
            picture::draw_bisect(s, &picture::Notes::of(text)).map(|d| d.figure)
        });
        if let Err(code) = out.pictures(&drawn) {
            return code;
        }
        return if problems.is_empty() {
            exit::code(exit::SUCCESS)
        } else {
            out.warn(&problems);
            exit::code(exit::USAGE)
        };
    }
    let done = input::each(&sources, &mut problems, compare::bisect);
    if !problems.is_empty() && out.format == Format::Json {
        return out.fail(problems);
    }
    let printed = out.print(
        || {
            let text: Vec<String> = done
                .iter()
                .map(|b| diff_text::bisect(b, out.style))
                .collect();
            diff_text::fit(&text.join("\n"), out.style.width)
        },
        || diff_json::bisects(&done),
    );
    if let Err(code) = printed {
        return code;
    }
    if problems.is_empty() {
        exit::code(exit::SUCCESS)
    } else {
        out.warn(&problems);
        exit::code(exit::USAGE)
    }
}
