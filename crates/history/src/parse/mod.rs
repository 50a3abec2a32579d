//! The `.boot` scenario parser: header lines, then one call per line.
//!
//! It works line by line and reports every malformed line, each with its file, line and
//! column, the line itself with a caret under the fault, and what was expected there.

mod call;
mod lex;
mod line;
#[cfg(test)]
mod tests;

use bootmem_core::{Arch, Call, CallId, CallSpec, Config};
use lex::tokenize;
use line::parse_line;
use std::fmt;

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Where it came from, for messages.
    pub file: String,
    /// The machine profile, after `arch` and `set` lines.
    pub arch: Arch,
    /// The configuration, after `config` lines.
    pub config: Config,
    /// The calls, in order.
    pub statements: Vec<Statement>,
}

/// One call line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// 1-based line number in the file.
    pub line: usize,
    /// The call with its arguments.
    pub call: Call,
    /// The call as written, normalised to `name(a, b)` (or `saved_max_pfn = v`), with
    /// each number spelled as in the file.
    pub text: String,
}

impl Statement {
    /// The call's row of the table.
    pub fn spec(&self) -> &'static CallSpec {
        self.call.spec()
    }

    /// Which call it is.
    pub fn id(&self) -> CallId {
        self.call.id()
    }

    /// For a call that sets a node up (`init_bootmem`, `init_bootmem_node`): the pfn of
    /// its bitmap, its first pfn and its end pfn, as written (`init_bootmem` starts at
    /// pfn 0). Several checks read a scenario's nodes before it runs.
    pub fn node_setup(&self) -> Option<(u64, u64, u64)> {
        match self.call {
            Call::init_bootmem { start_pfn, pages } => Some((start_pfn, 0, pages)),
            Call::init_bootmem_node {
                freepfn,
                startpfn,
                endpfn,
                ..
            } => Some((freepfn, startpfn, endpfn)),
            _ => None,
        }
    }
}

/// One malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The whole line as written.
    pub source_line: String,
    /// What was wrong, and what was expected.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "error: {}", self.message)?;
        writeln!(f, "{pad} --> {}:{}:{}", self.file, self.line, self.column)?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {}", self.source_line)?;
        let before: String = self
            .source_line
            .chars()
            .take(self.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{pad} | {before}^")
    }
}

/// All the errors of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseErrors(pub Vec<ParseError>);

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseErrors {}

/// The most errors reported for one file; past this the rest are likely one mistake.
const MAX_ERRORS: usize = 20;

/// Parses scenario text. `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Scenario, crate::error::Error> {
    let mut scenario = Scenario {
        file: file.to_string(),
        arch: Arch::default(),
        config: Config::default(),
        statements: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut seen_arch = false;
    let mut seen_set = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let code = match raw.find('#') {
            Some(at) => &raw[..at],
            None => raw,
        };
        let result = tokenize(code).and_then(|tokens| {
            parse_line(
                &mut scenario,
                &tokens,
                code,
                &mut seen_arch,
                &mut seen_set,
                line,
            )
        });
        if let Err(f) = result {
            errors.push(ParseError {
                file: file.to_string(),
                line,
                column: f.column,
                source_line: raw.to_string(),
                message: f.message,
            });
            if errors.len() >= MAX_ERRORS {
                break;
            }
        }
    }
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(ParseErrors(errors).into())
    }
}
