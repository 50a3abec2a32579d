//! The `.boot` scenario parser: header lines, then one call per line.
//!
//! It works line by line and reports every malformed line, each with its file, line and
//! column, the line itself with a caret under the fault, and what was expected there.
//! It reads bytes ([`parse_bytes`]): text that is not UTF-8 is refused at the line and
//! column of its first bad byte, and a leading byte order mark is accepted. Its time
//! and memory are linear in the text; an echoed line is cut to a window around the
//! fault, with invisible characters escaped.

mod call;
mod lex;
mod line;
#[cfg(test)]
mod tests;

use bootmem_core::{Arch, Call, CallId, CallSpec, Config};
pub use call::distance;
use lex::{escape_char, tokenize};
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
    /// 1-based column of the call's name, in characters.
    pub column: usize,
    /// The call with its arguments.
    pub call: Call,
    /// The call as written, normalised to `name(a, b)` (or `saved_max_pfn = v`), with
    /// each number spelled as in the file.
    pub text: std::sync::Arc<str>,
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

/// How many characters of a long line an error shows on each side of the fault.
const WINDOW: usize = 60;

impl fmt::Display for ParseError {
    /// The message, the location, and the line with a caret under the fault. A line
    /// longer than the window shows only the characters around the fault, with `…`
    /// where it is cut; invisible and control characters show escaped (`\0`,
    /// `U+FEFF`), and the caret stays under the fault.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "error: {}", self.message)?;
        writeln!(f, "{pad} --> {}:{}:{}", self.file, self.line, self.column)?;
        writeln!(f, "{pad} |")?;
        let fault = self.column.saturating_sub(1);
        let first = fault.saturating_sub(WINDOW);
        let mut shown = String::new();
        let mut before = String::new();
        if first > 0 {
            shown.push('…');
            before.push(' ');
        }
        let mut chars = self.source_line.chars().enumerate().skip(first);
        for (k, c) in chars.by_ref() {
            if k > fault + WINDOW {
                shown.push('…');
                break;
            }
            let text = escape_char(c);
            if k < fault {
                if c == '\t' {
                    before.push('\t');
                } else {
                    before.extend(std::iter::repeat_n(' ', text.chars().count()));
                }
            }
            shown.push_str(&text);
        }
        writeln!(f, "{number} | {shown}")?;
        write!(f, "{pad} | {before}^")
    }
}

/// The errors of one file: the first [`MAX_ERRORS`] in full, and how many more
/// lines were malformed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseErrors(pub Vec<ParseError>, pub usize);

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        match self.1 {
            0 => Ok(()),
            1 => write!(f, "\n\n... and 1 more error, not shown"),
            n => write!(f, "\n\n... and {n} more errors, not shown"),
        }
    }
}

impl std::error::Error for ParseErrors {}

/// The most errors reported in full for one file; past this the rest are likely one
/// mistake, and are counted.
pub const MAX_ERRORS: usize = 20;

/// Parses scenario bytes. Text that is not UTF-8 is refused with the line and column
/// of the first bad byte; a UTF-8 byte order mark at the start is skipped.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Scenario, crate::error::Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(file, text),
        Err(e) => Err(ParseErrors(vec![not_utf8(file, bytes, e.valid_up_to())], 0).into()),
    }
}

/// The error for bytes that are not UTF-8, the first bad one at `bad`.
fn not_utf8(file: &str, bytes: &[u8], bad: usize) -> ParseError {
    let valid = String::from_utf8_lossy(&bytes[..bad]);
    let valid = valid.strip_prefix('\u{feff}').unwrap_or(&valid);
    let line_start = valid.rfind('\n').map_or(0, |k| k + 1);
    let line = valid.matches('\n').count() + 1;
    let column = valid[line_start..].chars().count() + 1;
    // The line as far as its end, the bad bytes shown as U+FFFD.
    let rest = &bytes[bad..];
    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let source_line = format!(
        "{}{}",
        &valid[line_start..],
        String::from_utf8_lossy(&rest[..end]).trim_end_matches('\r')
    );
    ParseError {
        file: file.to_string(),
        line,
        column,
        source_line,
        message: format!(
            "invalid UTF-8: byte {:#04x} does not belong to a character here; a scenario \
             is UTF-8 text",
            bytes[bad]
        ),
    }
}

/// The lines of `text` as [`str::lines`] splits them (at `\n` or `\r\n`; a `\r`
/// elsewhere stays in its line), found by a plain byte search: the standard
/// searcher's set-up was a tenth of parsing a short line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match rest.bytes().position(|b| b == b'\n') {
            Some(at) => {
                let line = &rest[..at];
                rest = &rest[at + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// What the parse of a file carries from line to line.
#[derive(Default)]
struct FileState {
    /// An `arch` line was read.
    seen_arch: bool,
    /// A `set` line was read.
    seen_set: bool,
    /// Room in which a call's text is put together, kept from call to call so that
    /// a statement's text costs one allocation, its own.
    text: String,
}

/// Parses scenario text. `file` names it in messages. A byte order mark at the start
/// is skipped; anywhere else it is an unexpected character.
pub fn parse(file: &str, text: &str) -> Result<Scenario, crate::error::Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut scenario = Scenario {
        file: file.to_string(),
        arch: Arch::default(),
        config: Config::default(),
        // A statement a line at most; a file of a great many empty lines reserves no
        // more than a large boot needs.
        statements: Vec::with_capacity(
            (text.bytes().filter(|&b| b == b'\n').count() + 1).min(1 << 14),
        ),
    };
    let mut errors = Vec::new();
    let mut more = 0;
    let mut tokens = Vec::with_capacity(16);
    let mut st = FileState::default();
    for (index, raw) in lines(text).enumerate() {
        let line = index + 1;
        let code = match raw.bytes().position(|b| b == b'#') {
            Some(at) => &raw[..at],
            None => raw,
        };
        let result = tokenize(code, &mut tokens)
            .and_then(|()| parse_line(&mut scenario, &tokens, code, &mut st, line));
        if let Err(f) = result {
            if errors.len() == MAX_ERRORS {
                more += 1;
                continue;
            }
            errors.push(ParseError {
                file: file.to_string(),
                line,
                column: f.column,
                source_line: raw.to_string(),
                message: f.message,
            });
        }
    }
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(ParseErrors(errors, more).into())
    }
}
