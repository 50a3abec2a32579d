//! `releases` and `scenarios`: what the command covers and what it bundles.

use crate::input;
use crate::output::Output;
use bootmem_history::catalog;
use serde::Serialize;
use std::fmt::Write;
use std::process::ExitCode;

/// Lists every covered release. Exit status 0.
pub fn releases(out: &Output) -> ExitCode {
    let list = catalog::releases();
    let text = || {
        let mut s = String::new();
        let mut series = String::new();
        // Every line of an entry hangs under its description, eleven columns in.
        let hang = " ".repeat(11);
        let entry = |first: String, body: &str| {
            let options = textwrap::Options::new(out.style.width)
                .initial_indent(&first)
                .subsequent_indent(&hang)
                .break_words(false);
            textwrap::fill(body, options)
        };
        for r in &list {
            if r.series != series {
                series.clone_from(&r.series);
                let _ = writeln!(s, "{}", out.style_head(&format!("{series}:")));
            }
            let name = format!("  {:<8} ", r.name);
            let _ = writeln!(s, "{}", entry(name, &r.changed.replace('`', "")));
            if !r.aliases.is_empty() {
                let also = format!("also: {}", r.aliases.join(", "));
                let _ = writeln!(s, "{}", entry(hang.clone(), &also));
            }
            let moved = if r.lines_moved {
                ", its BUG() lines moved"
            } else {
                ""
            };
            let text = format!("text: {}{moved}", r.krate);
            let _ = writeln!(s, "{}", entry(hang.clone(), &text));
            for c in &r.commits {
                let commit = format!("commit {} {}", c.short, c.title);
                let _ = writeln!(s, "{}", entry(hang.clone(), &commit));
            }
        }
        s
    };
    match out.print(text, || &list) {
        Ok(()) => crate::exit::code(crate::exit::SUCCESS),
        Err(code) => code,
    }
}

/// A bundled scenario as `scenarios` lists it.
#[derive(Serialize)]
struct ScenarioJson {
    /// The name that FILE arguments take.
    name: &'static str,
    /// The first line of its header comment.
    about: String,
    /// How many lines it has.
    lines: usize,
}

/// What a scenario is about: the first sentence of its header comment (which often
/// runs over the first comment line), without the `#`s.
fn about(text: &str) -> String {
    let paragraph: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with('#'))
        .map_while(|l| l.strip_prefix('#').map(str::trim))
        .take_while(|l| !l.is_empty())
        .collect();
    let joined = paragraph.join(" ");
    match joined.find(". ") {
        Some(end) => joined[..=end].to_string(),
        None => joined,
    }
}

/// Lists the bundled scenarios. Exit status 0.
pub fn scenarios(out: &Output) -> ExitCode {
    let list: Vec<ScenarioJson> = input::bundled()
        .iter()
        .map(|(name, text)| ScenarioJson {
            name,
            about: about(text),
            lines: text.lines().count(),
        })
        .collect();
    let text = || {
        let width = list.iter().map(|s| s.name.len()).max().unwrap_or(0);
        let mut s = String::new();
        for sc in &list {
            // The description hangs under itself when it wraps.
            let body = textwrap::fill(
                &sc.about,
                textwrap::Options::new(out.style.width.saturating_sub(width + 2).max(20))
                    .break_words(false),
            );
            let pad = " ".repeat(width + 2);
            let body = body.replace('\n', &format!("\n{pad}"));
            let _ = writeln!(
                s,
                "{}  {body}",
                out.style_head(&format!("{:<width$}", sc.name))
            );
        }
        s
    };
    match out.print(text, || &list) {
        Ok(()) => crate::exit::code(crate::exit::SUCCESS),
        Err(code) => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_is_described_by_its_first_comment_line() {
        assert_eq!(
            about("\n# Two nodes. More.\n# Again.\narch i386\n"),
            "Two nodes."
        );
        assert_eq!(
            about("# Two nodes,\n# one full.\n#\n# More.\n"),
            "Two nodes, one full."
        );
        assert_eq!(about("arch i386\n"), "");
        assert!(input::bundled().iter().all(|(_, t)| !about(t).is_empty()));
    }
}
