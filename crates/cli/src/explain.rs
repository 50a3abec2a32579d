//! `explain RELEASE FILE LINE`: what the release's code did inside the call on one line
//! of a scenario, step by step.

use crate::exit;
use crate::input;
use crate::output::{Output, Problem};
use bootmem_history::explain::{self, ExplainJson, NoCall, NoCallWhy};
use bootmem_history::{versions, Error};
use std::process::ExitCode;

/// Arguments of `explain`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The release, e.g. 2.4.22 or 2.6.12 (aliases such as 2.4 or 2.6.11.12 work too).
    #[arg(value_name = "RELEASE")]
    release: String,
    /// The scenario: a path, `-`, or the name of a bundled scenario.
    file: String,
    /// The line of the call to step through, as the trace numbers it.
    line: usize,
}

/// Prints the step-through. The exit status is that of `run` for the call: 0 when it
/// returned, 3 to 8 when it stopped the boot; 2 on a usage or input error, and for a
/// line with no call that runs.
pub fn main(args: Args, out: &Output) -> ExitCode {
    let release = match versions::find(&args.release) {
        Ok(r) => r,
        Err(e) => return out.fail(vec![Problem::plain(e)]),
    };
    out.note_alias(&args.release);
    let (sources, mut problems) = input::sources(std::slice::from_ref(&args.file), None);
    if sources.len() > 1 {
        problems.push(Problem::usage(format!(
            "{} names {} scenarios; explain steps through one",
            args.file,
            sources.len()
        )));
    }
    if !problems.is_empty() {
        return out.fail(problems);
    }
    // A line past the end of the text is refused before anything runs.
    if let Some(source) = sources.first() {
        let lines = source.text.lines().count();
        if args.line > lines {
            let error = Error::NoCall(NoCall {
                file: source.file.clone(),
                line: args.line,
                why: NoCallWhy::PastEnd { lines },
            });
            return out.fail(vec![source.problem(error)]);
        }
    }
    let mut found = input::each(&sources, &mut problems, |s| {
        explain::explain(release, s, args.line)
    });
    let Some(e) = found.pop() else {
        return out.fail(problems);
    };
    let printed = out.print(
        || explain::text_styled(&e, out.style),
        || ExplainJson::new(&e),
    );
    if let Err(code) = printed {
        return code;
    }
    let status = match e.call.stop() {
        Some(stop) => exit::of_stop(stop),
        None => exit::SUCCESS,
    };
    exit::code(status)
}
