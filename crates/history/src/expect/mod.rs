//! Checked expectations: comment lines of a scenario that say what a range of releases
//! does, and the check of a trace against them.
//!
//! A line `# expect RANGES: OUTCOME` stays a comment for the scenario parser, so the
//! scenario runs unchanged; this module reads those lines and compares a [`Trace`] with
//! them. Ranges are inclusive and resolved through the registry's historical order, so
//! a release added later between two named releases is covered by the range too.

use crate::parse::{ParseError, ParseErrors};
use crate::run::{CallRecord, Trace, Value};
use crate::versions;
use bootmem_core::{CallSpec, Stop};
use std::fmt;

/// The expectations of one scenario file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    /// The file, for messages.
    pub file: String,
    /// The expectation lines, in file order.
    pub items: Vec<Expectation>,
}

/// One `# expect` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    /// 1-based line of the expectation in the file.
    pub line: usize,
    /// The inclusive ranges of positions in [`versions::RELEASES`] it is about.
    pub ranges: Vec<(usize, usize)>,
    /// What those releases do.
    pub outcome: Outcome,
    /// The outcome as written, for messages.
    pub text: String,
}

/// What a release does with the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every call returns: the boot does not stop.
    Completes,
    /// The boot stops this way, at that scenario line when one is given.
    Stops {
        /// Which stop.
        kind: StopKind,
        /// The scenario line of the call that stopped.
        at: Option<usize>,
    },
    /// The call on that scenario line returned this value.
    Returns {
        /// The scenario line of the call.
        line: usize,
        /// What it returned.
        value: Value,
    },
    /// Some `printk` line (printed by the call on that line, when one is given)
    /// contains the text.
    Printk {
        /// Text some line contains.
        text: String,
        /// The scenario line of the call that printed it.
        at: Option<usize>,
    },
}

/// Which stop is expected; `Any` is written `stop`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopKind {
    /// Any stop.
    Any,
    /// `BUG()` at that file and line.
    Bug { file: String, line: u32 },
    /// `panic()` with exactly that message.
    Panic(String),
    /// A NULL dereference.
    Oops,
    /// An endless loop in that C function.
    Hang(String),
    /// A call the release lacks, by name.
    Unavailable(String),
    /// The simulator's own limit.
    Limit,
}

/// A release that did something other than an expectation says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The scenario file.
    pub file: String,
    /// The line of the expectation.
    pub line: usize,
    /// The release that ran.
    pub release: &'static str,
    /// The outcome as the expectation wrote it.
    pub expected: String,
    /// What happened, in the same syntax where it can be said so.
    pub found: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: on {}: expected {}, found {}",
            self.file, self.line, self.release, self.expected, self.found
        )
    }
}

/// A token of an outcome: a word, a quoted string or `=`, with its byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(String),
    Quoted(String),
    Equals,
}

/// A fault at a byte offset of the raw line.
type Fault = (usize, String);

/// Reads every `# expect` line of scenario text. Other lines are not looked at: the
/// scenario parser owns them.
pub fn parse(file: &str, text: &str) -> Result<Expectations, ParseErrors> {
    let mut out = Expectations {
        file: file.to_string(),
        items: Vec::new(),
    };
    let mut errors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let Some(hash) = raw.find('#') else { continue };
        let comment = &raw[hash + 1..];
        let body = comment.trim_start();
        let Some(rest) = body.strip_prefix("expect") else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ':')) {
            continue;
        }
        let start = raw.len() - rest.len();
        let result = if raw[..hash].trim().is_empty() {
            expectation(raw, start, index + 1)
        } else {
            Err((
                hash,
                "an expectation takes a comment line of its own".into(),
            ))
        };
        match result {
            Ok(e) => out.items.push(e),
            Err((at, message)) => errors.push(ParseError {
                file: file.to_string(),
                line: index + 1,
                column: raw[..at].chars().count() + 1,
                source_line: raw.to_string(),
                message,
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ParseErrors(errors, 0))
    }
}

/// Parses `RANGES: OUTCOME`, which starts at byte `start` of `raw`.
fn expectation(raw: &str, start: usize, line: usize) -> Result<Expectation, Fault> {
    let Some(colon) = raw[start..].find(':').map(|c| start + c) else {
        return Err((
            raw.len(),
            "expected 'RANGES: OUTCOME' after 'expect'".into(),
        ));
    };
    let mut ranges = Vec::new();
    let mut at = start;
    for item in raw[start..colon].split(',') {
        let lead = item.len() - item.trim_start().len();
        ranges.push(range(item.trim(), at + lead)?);
        at += item.len() + 1;
    }
    let outcome_at = colon + 1 + (raw[colon + 1..].len() - raw[colon + 1..].trim_start().len());
    Ok(Expectation {
        line,
        ranges,
        outcome: outcome(raw, outcome_at)?,
        text: raw[outcome_at..].trim_end().to_string(),
    })
}

/// `all`, `V`, `V..`, `..V` or `V..W`, as positions in the registry.
fn range(item: &str, at: usize) -> Result<(usize, usize), Fault> {
    let last = versions::RELEASES.len().saturating_sub(1);
    let release = |name: &str, offset: usize| {
        versions::find(name)
            .ok()
            .and_then(|r| versions::position(r.name))
            .ok_or_else(|| {
                let known = versions::names().join(", ");
                let message = format!("unknown release '{name}'; expected one of {known}");
                (at + offset, message)
            })
    };
    let (lo, hi) = match item.split_once("..") {
        _ if item == "all" => (0, last),
        _ if item.is_empty() => {
            let message = "expected a release range: all, V, V.., ..V or V..W";
            return Err((at, message.into()));
        }
        None => (release(item, 0)?, release(item, 0)?),
        Some((a, b)) => {
            let lo = if a.is_empty() { 0 } else { release(a, 0)? };
            let hi = if b.is_empty() {
                last
            } else {
                release(b, a.len() + 2)?
            };
            (lo, hi)
        }
    };
    if lo > hi {
        return Err((at, format!("the range '{item}' ends before it starts")));
    }
    Ok((lo, hi))
}

/// Splits an outcome into words, quoted strings (with `\"` and `\\`) and `=`.
fn tokens(raw: &str, start: usize) -> Result<Vec<(usize, Tok)>, Fault> {
    let mut out = Vec::new();
    let mut chars = raw[start..].char_indices().map(|(k, c)| (start + k, c));
    let mut word: Option<(usize, String)> = None;
    while let Some((k, c)) = chars.next() {
        if c.is_whitespace() || c == '"' || c == '=' {
            if let Some((w, text)) = word.take() {
                out.push((w, Tok::Word(text)));
            }
        }
        if c == '=' {
            out.push((k, Tok::Equals));
        } else if c == '"' {
            let mut text = String::new();
            loop {
                match chars.next() {
                    Some((_, '"')) => break,
                    Some((_, '\\')) => match chars.next() {
                        Some((_, e)) => text.push(e),
                        None => return Err((raw.len(), "unterminated string".into())),
                    },
                    Some((_, e)) => text.push(e),
                    None => return Err((raw.len(), "unterminated string; expected '\"'".into())),
                }
            }
            out.push((k, Tok::Quoted(text)));
        } else if !c.is_whitespace() {
            word.get_or_insert((k, String::new())).1.push(c);
        }
    }
    out.extend(word.map(|(w, text)| (w, Tok::Word(text))));
    Ok(out)
}

/// Each outcome and how it is written, for messages.
const USAGE: &[(&str, &str)] = &[
    ("completes", "completes"),
    ("bug", "bug FILE:LINE [at line N]"),
    ("panic", "panic \"MESSAGE\" [at line N]"),
    ("oops", "oops [at line N]"),
    ("hang", "hang FUNCTION [at line N]"),
    ("unavailable", "unavailable CALL [at line N]"),
    ("limit", "limit [at line N]"),
    ("stop", "stop at line N"),
    ("line", "line N = VALUE"),
    ("printk", "printk \"TEXT\" [at line N]"),
];

/// A scenario line number.
fn number(at: usize, w: &str) -> Result<usize, Fault> {
    w.parse()
        .map_err(|_| (at, format!("expected a scenario line number, found '{w}'")))
}

/// A call result as the trace prints it.
fn value(at: usize, w: &str) -> Result<Value, Fault> {
    let parsed = match w.strip_prefix("0x") {
        _ if w == "NULL" => Some(Value::Pointer(None)),
        Some(hex) => u64::from_str_radix(hex, 16)
            .ok()
            .map(|a| Value::Pointer(Some(a))),
        None => w.parse().ok().map(Value::Number),
    };
    parsed.ok_or_else(|| {
        let what = "a 0x address, NULL or a decimal count";
        (
            at,
            format!("expected a value as the trace prints it ({what}), found '{w}'"),
        )
    })
}

/// Parses the outcome starting at byte `start` of `raw`.
fn outcome(raw: &str, start: usize) -> Result<Outcome, Fault> {
    use Tok::{Equals, Quoted, Word};
    let toks = tokens(raw, start)?;
    // Every outcome but `completes` and a call result may end with `at line N`.
    let (body, at) = match toks.as_slice() {
        [body @ .., (_, Word(a)), (_, Word(l)), (n, Word(w))] if a == "at" && l == "line" => {
            (body, Some(number(*n, w)?))
        }
        all => (all, None),
    };
    let stop = |kind| Ok(Outcome::Stops { kind, at });
    let word = |w: &String, s: &str| w == s;
    match body {
        [(_, Word(w))] if word(w, "completes") && at.is_none() => Ok(Outcome::Completes),
        [(_, Word(w)), (n, Word(line)), (_, Equals), (v, Word(text))]
            if word(w, "line") && at.is_none() =>
        {
            let line = number(*n, line)?;
            Ok(Outcome::Returns {
                line,
                value: value(*v, text)?,
            })
        }
        [(_, Word(w)), (_, Quoted(text))] if word(w, "printk") => Ok(Outcome::Printk {
            text: text.clone(),
            at,
        }),
        [(_, Word(w))] if word(w, "stop") && at.is_some() => stop(StopKind::Any),
        [(_, Word(w))] if word(w, "oops") => stop(StopKind::Oops),
        [(_, Word(w))] if word(w, "limit") => stop(StopKind::Limit),
        [(_, Word(w)), (_, Quoted(m))] if word(w, "panic") => stop(StopKind::Panic(m.clone())),
        [(_, Word(w)), (_, Word(f))] if word(w, "hang") => stop(StopKind::Hang(f.clone())),
        [(_, Word(w)), (c, Word(call))] if word(w, "unavailable") => match CallSpec::find(call) {
            Some(_) => stop(StopKind::Unavailable(call.clone())),
            None => Err((*c, format!("unknown call '{call}'"))),
        },
        [(_, Word(w)), (b, Word(site))] if word(w, "bug") => {
            match site
                .rsplit_once(':')
                .and_then(|(f, l)| Some((f, l.parse().ok()?)))
            {
                Some((file, line)) if !file.is_empty() => stop(StopKind::Bug {
                    file: file.to_string(),
                    line,
                }),
                _ => Err((*b, format!("expected FILE:LINE, found '{site}'"))),
            }
        }
        _ => {
            let head = match toks.first() {
                Some((_, Word(w))) => w.as_str(),
                _ => "",
            };
            let Some((_, usage)) = USAGE.iter().find(|(k, _)| *k == head) else {
                let kinds: Vec<&str> = USAGE.iter().map(|(k, _)| *k).collect();
                let at = toks.first().map_or(raw.len(), |t| t.0);
                let found = format!("found '{head}'");
                let found = if head.is_empty() {
                    "found none"
                } else {
                    &found
                };
                return Err((
                    at,
                    format!("expected an outcome ({}), {found}", kinds.join(", ")),
                ));
            };
            let at = toks.get(1).map_or(raw.len(), |t| t.0);
            Err((at, format!("expected '{usage}'")))
        }
    }
}

/// A stop written in the expectation syntax, so that a mismatch can be copied.
fn describe((c, stop): (&CallRecord, &Stop)) -> String {
    let what = match stop {
        Stop::Bug { file, line } => format!("bug {file}:{line}"),
        Stop::Panic { message } => format!("panic {message:?}"),
        Stop::Oops { .. } => "oops".into(),
        Stop::Hang { function } => format!("hang {function}"),
        Stop::Unavailable { call, .. } => format!("unavailable {}", call.name()),
        Stop::Limit { .. } => "limit".into(),
    };
    format!("{what} at line {}", c.line)
}

/// Whether a stop is of the expected kind.
fn kind_matches(kind: &StopKind, stop: &Stop) -> bool {
    match (kind, stop) {
        (StopKind::Any, _) | (StopKind::Oops, Stop::Oops { .. }) => true,
        (StopKind::Limit, Stop::Limit { .. }) => true,
        (StopKind::Bug { file, line }, Stop::Bug { file: f, line: l }) => file == f && line == l,
        (StopKind::Panic(m), Stop::Panic { message }) => m == message,
        (StopKind::Hang(f), Stop::Hang { function }) => f == function,
        (StopKind::Unavailable(c), Stop::Unavailable { call, .. }) => c == call.name(),
        _ => false,
    }
}

impl Expectation {
    /// Whether the expectation is about the release at this position of the registry.
    pub fn covers(&self, position: usize) -> bool {
        self.ranges
            .iter()
            .any(|&(lo, hi)| lo <= position && position <= hi)
    }

    /// `None` when the trace does what the expectation says; otherwise what it did.
    pub fn violation(&self, t: &Trace) -> Option<String> {
        let stopped = t.stop().map_or("completes".to_string(), describe);
        match &self.outcome {
            Outcome::Completes => t.stop().is_some().then_some(stopped),
            Outcome::Stops { kind, at } => match t.stop() {
                Some((c, s)) if kind_matches(kind, s) && at.is_none_or(|n| n == c.line) => None,
                _ => Some(stopped),
            },
            Outcome::Returns { line, value } => match t.returned().find(|s| s.line == *line) {
                Some(s) if s.result() == Some(*value) => None,
                Some(s) => Some(format!("line {line} = {}", s.result().unwrap_or(*value))),
                None if t.stop().is_some() => Some(stopped),
                None => Some(format!("no call returned on line {line}")),
            },
            Outcome::Printk { text, at } => {
                let mut lines = t
                    .calls
                    .iter()
                    .filter(|c| at.is_none_or(|n| n == c.line))
                    .flat_map(|c| c.printk.iter().map(String::as_str));
                if lines.clone().any(|p| p.contains(text.as_str())) {
                    return None;
                }
                let shown: Vec<String> = lines.by_ref().take(4).map(|p| format!("{p:?}")).collect();
                Some(match shown.is_empty() {
                    true => "no printk line".to_string(),
                    false => format!("only printk {}", shown.join(", ")),
                })
            }
        }
    }
}

impl Expectations {
    /// Every expectation about the trace's release that the trace breaks. A trace of a
    /// release outside the registry is about none of them.
    pub fn check(&self, trace: &Trace) -> Vec<Mismatch> {
        let Some(position) = versions::position(trace.version) else {
            return Vec::new();
        };
        let mismatch = |e: &Expectation| {
            e.violation(trace).map(|found| Mismatch {
                file: self.file.clone(),
                line: e.line,
                release: trace.version,
                expected: e.text.clone(),
                found,
            })
        };
        self.items
            .iter()
            .filter(|e| e.covers(position))
            .filter_map(mismatch)
            .collect()
    }
}

#[cfg(test)]
mod tests;
