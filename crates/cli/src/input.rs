//! Scenario arguments: a path, a directory (its `.boot` files, sorted), `-` for standard
//! input, or the name of a bundled scenario; and the bundled corpus itself, built into
//! the binary (see `build.rs`).

use crate::output::Problem;
use bootmem_history::parse::{parse, Scenario};
use bootmem_history::Error;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Every bundled scenario: its name (the file name without `.boot`) and its text.
pub fn bundled() -> &'static [(&'static str, &'static str)] {
    generated::BUNDLED
}

/// The scenario `run` and `bisect` take when given none: an i386 PC booted as
/// `setup_memory()` does it.
pub const DEFAULT: &str = "i386_pc";

/// How a bundled scenario is named in messages and traces.
fn bundled_file(name: &str) -> String {
    format!("{name}.boot (bundled)")
}

/// One scenario's text and the name messages give it.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name messages give it: the path as written, `stdin`, or `NAME.boot (bundled)`.
    pub file: String,
    /// The text.
    pub text: Arc<str>,
}

impl Source {
    /// Parses it; an error keeps the text, to show its lines.
    pub fn parse(&self) -> Result<Scenario, Problem> {
        parse(&self.file, &self.text).map_err(|error| self.problem(error))
    }

    /// An error about this scenario, with its text.
    pub fn problem(&self, error: Error) -> Problem {
        Problem::Library {
            error,
            text: Some(self.text.clone()),
        }
    }
}

/// Parses every source and turns each scenario into a `T` with `f`, in order; a source
/// that fails to parse, or that `f` refuses, adds its problem instead.
pub fn each<T>(
    sources: &[Source],
    problems: &mut Vec<Problem>,
    f: impl Fn(&Scenario) -> Result<T, Error>,
) -> Vec<T> {
    let mut done = Vec::new();
    for source in sources {
        match source
            .parse()
            .and_then(|s| f(&s).map_err(|e| source.problem(e)))
        {
            Ok(t) => done.push(t),
            Err(p) => problems.push(p),
        }
    }
    done
}

/// As [`each`], with each scenario's text given to `f` too (for its comments).
pub fn each_with_text<T>(
    sources: &[Source],
    problems: &mut Vec<Problem>,
    f: impl Fn(&Scenario, &str) -> Result<T, Error>,
) -> Vec<T> {
    let mut done = Vec::new();
    for source in sources {
        match source
            .parse()
            .and_then(|s| f(&s, &source.text).map_err(|e| source.problem(e)))
        {
            Ok(t) => done.push(t),
            Err(p) => problems.push(p),
        }
    }
    done
}

fn io(path: &Path, e: std::io::Error) -> Problem {
    Problem::plain(Error::Io {
        path: path.to_path_buf(),
        error: Arc::new(e),
    })
}

fn read(path: &Path) -> Result<Source, Problem> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    Ok(Source {
        file: path.display().to_string(),
        text: text.into(),
    })
}

/// The scenarios one argument names, in order.
pub fn expand(arg: &str) -> Result<Vec<Source>, Problem> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| io(Path::new("stdin"), e))?;
        return Ok(vec![Source {
            file: "stdin".to_string(),
            text: text.into(),
        }]);
    }
    let path = Path::new(arg);
    if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| io(path, e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "boot") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Problem::usage(format!(
                "the directory {arg} holds no .boot scenario"
            )));
        }
        return files.iter().map(|p| read(p)).collect();
    }
    if path.exists() {
        return read(path).map(|s| vec![s]);
    }
    let name = arg.strip_suffix(".boot").unwrap_or(arg);
    if let Some((name, text)) = bundled().iter().find(|(n, _)| *n == name) {
        return Ok(vec![Source {
            file: bundled_file(name),
            text: (*text).into(),
        }]);
    }
    Err(Problem::usage(format!(
        "no file or directory {arg}, and no bundled scenario of that name{} (the \
         `scenarios` command lists them)",
        suggestion(name)
            .map(|s| format!("; did you mean {s}?"))
            .unwrap_or_default()
    )))
}

/// The bundled scenario whose name is nearest `name`, if one is near.
fn suggestion(name: &str) -> Option<&'static str> {
    bundled()
        .iter()
        .map(|(n, _)| (bootmem_history::parse::distance(n, name), *n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 4))
        .min()
        .map(|(_, n)| n)
}

/// The scenarios the arguments name, in order (the default when there are none), and
/// the problems of those that could not be read.
pub fn sources(args: &[String], default: Option<&str>) -> (Vec<Source>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let defaults: Vec<String> = default.map(str::to_string).into_iter().collect();
    let args = if args.is_empty() { &defaults } else { args };
    for arg in args {
        match expand(arg) {
            Ok(list) => out.extend(list),
            Err(p) => problems.push(p),
        }
    }
    (out, problems)
}

/// The bundled corpus, parsed; problems for any that does not parse (none should).
pub fn corpus() -> (Vec<(Source, Scenario)>, Vec<Problem>) {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in bundled() {
        let source = Source {
            file: bundled_file(name),
            text: (*text).into(),
        };
        match source.parse() {
            Ok(s) => ok.push((source, s)),
            Err(p) => problems.push(p),
        }
    }
    (ok, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_corpus_is_bundled_and_parses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
        let on_disk = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "boot"))
            })
            .count();
        assert_eq!(bundled().len(), on_disk);
        let (parsed, problems) = corpus();
        assert!(problems.is_empty());
        assert_eq!(parsed.len(), on_disk);
        assert!(bundled().iter().any(|(n, _)| *n == DEFAULT));
    }

    #[test]
    fn an_argument_names_a_bundled_scenario_a_directory_or_a_file() {
        let one = expand("spec_example").unwrap();
        assert_eq!(one[0].file, "spec_example.boot (bundled)");
        assert_eq!(expand("spec_example.boot").unwrap()[0].file, one[0].file);
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
        let all = expand(dir.to_str().unwrap()).unwrap();
        assert_eq!(all.len(), bundled().len());
        assert!(all.windows(2).all(|w| w[0].file < w[1].file));
        let Err(Problem::Usage(m)) = expand("spec_exampel") else {
            panic!("a misspelt name is a usage error");
        };
        assert!(m.contains("did you mean spec_example?"), "{m}");
    }
}
