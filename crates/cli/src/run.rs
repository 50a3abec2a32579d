//! `run VERSION [FILE…]`: one release's trace of each scenario.

use crate::exit;
use crate::input;
use crate::output::{Format, Output, Problem};
use bootmem_history::explain::{self, ExplainJson};
use bootmem_history::json::{self, TraceJson};
use bootmem_history::{diff_text, picture, render, run, source, versions};
use std::process::ExitCode;

/// Arguments of `run`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The release, e.g. 2.4.22 or 2.6.12 (aliases such as 2.4 or 2.6.11.12 work too).
    #[arg(value_name = "RELEASE")]
    release: String,
    /// Scenarios; without any, the bundled i386 PC boot (i386_pc).
    files: Vec<String>,
    /// Print every call step by step, as `explain` does for one, instead of the trace.
    #[arg(long)]
    steps: bool,
    #[command(flatten)]
    source: crate::source::SourceArgs,
}

/// Prints the traces: text one after the other, or JSON as one trace object (an array
/// of them when the arguments name several scenarios).
pub fn main(args: Args, out: &Output) -> ExitCode {
    let release = match versions::find(&args.release) {
        Ok(r) => r,
        Err(e) => return out.fail(vec![Problem::plain(e)]),
    };
    out.note_alias(&args.release);
    let tree = match args.source.open(out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let (sources, mut problems) = input::sources(&args.files, Some(input::DEFAULT));
    if args.steps {
        return steps(release, &sources, problems, out);
    }
    if out.format.picture().is_some() {
        let drawn = input::each_with_text(&sources, &mut problems, |s, text| {
            picture::draw_run(s, &picture::Notes::of(text), release)
        });
        let figures: Vec<_> = drawn.iter().map(|d| d.figure.clone()).collect();
        let traces: Vec<_> = drawn.into_iter().map(|d| d.of).collect();
        return finish(out.pictures(&figures), &traces, &problems, out);
    }
    let single = sources.len() == 1 && !args.files.iter().any(|f| is_dir(f));
    if single && problems.is_empty() && out.format == Format::Json {
        return stream(release, &sources[0], out);
    }
    let traces = input::each(&sources, &mut problems, |s| run::run(release, s));
    if !problems.is_empty() && out.format == Format::Json {
        return out.fail(problems);
    }
    let text = || {
        traces
            .iter()
            .map(|t| {
                let mut text = render::text_styled(t, out.style);
                if let Some(tree) = &tree {
                    text.push('\n');
                    let view = source::view::run_view(t, tree, out.style);
                    text.push_str(&diff_text::fit(&view, out.style.width));
                }
                text
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    // One scenario's JSON was streamed above; several make an array.
    let printed = out.print(text, || {
        traces.iter().map(TraceJson::new).collect::<Vec<_>>()
    });
    let code = finish(printed, &traces, &problems, out);
    // The process ends with this command: freeing a large boot's thousands of records
    // and ranges one by one was a few per cent of its run, for memory the exit returns
    // at once.
    std::mem::forget(traces);
    std::mem::forget(sources);
    code
}

/// The exit status once the output is written: 2 on a problem, else that of the
/// first trace that did not complete.
fn finish(
    printed: Result<(), ExitCode>,
    traces: &[bootmem_history::run::Trace],
    problems: &[Problem],
    out: &Output,
) -> ExitCode {
    if let Err(code) = printed {
        return code;
    }
    if !problems.is_empty() {
        out.warn(problems);
        return exit::code(exit::USAGE);
    }
    let status = traces
        .iter()
        .map(exit::of_trace)
        .find(|&s| s != exit::SUCCESS)
        .unwrap_or(exit::SUCCESS);
    exit::code(status)
}

/// `run --steps`: every call of every scenario step by step; in JSON, one array of
/// step-throughs per scenario. The exit status is `run`'s.
fn steps(
    release: &'static bootmem_core::Release,
    sources: &[input::Source],
    mut problems: Vec<Problem>,
    out: &Output,
) -> ExitCode {
    let runs = input::each(sources, &mut problems, |s| explain::explain_all(release, s));
    if !problems.is_empty() && out.format == Format::Json {
        return out.fail(problems);
    }
    let printed = out.print(
        || {
            runs.iter()
                .flatten()
                .map(|e| explain::text_styled(e, out.style))
                .collect::<Vec<_>>()
                .join("\n")
        },
        || {
            runs.iter()
                .map(|run| run.iter().map(ExplainJson::new).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        },
    );
    if let Err(code) = printed {
        return code;
    }
    if !problems.is_empty() {
        out.warn(&problems);
        return exit::code(exit::USAGE);
    }
    let status = runs
        .iter()
        .filter_map(|run| run.last()?.call.stop())
        .map(exit::of_stop)
        .next()
        .unwrap_or(exit::SUCCESS);
    exit::code(status)
}

/// `run --format json` of one scenario: its trace written as the run goes (see
/// [`json::write_session`]), with no record kept.
fn stream(
    release: &'static bootmem_core::Release,
    source: &input::Source,
    out: &Output,
) -> ExitCode {
    let scenario = match source.parse() {
        Ok(s) => s,
        Err(p) => return out.fail(vec![p]),
    };
    let mut session = match run::Session::new(release, &scenario) {
        Ok(s) => s,
        Err(e) => return out.fail(vec![source.problem(e)]),
    };
    let mut stop = None;
    let printed = out.print_with(String::new, |w| {
        stop = json::write_session(&mut session, &scenario, w)?;
        Ok(())
    });
    if let Err(code) = printed {
        return code;
    }
    // As in `main`: the process ends here, and the scenario and the machine are freed
    // with it.
    std::mem::forget(scenario);
    std::mem::forget(session);
    exit::code(stop.as_ref().map_or(exit::SUCCESS, exit::of_stop))
}

fn is_dir(arg: &str) -> bool {
    arg != "-" && std::path::Path::new(arg).is_dir()
}
