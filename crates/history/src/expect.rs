//! Checked expectations: comment lines of a scenario that say what a range of releases
//! does, and the check of a trace against them.
//!
//! A line `# expect RANGES: OUTCOME` stays a comment for the scenario parser, so the
//! scenario runs unchanged; this module reads those lines and compares a [`Trace`] with
//! them. Ranges are inclusive and resolved through the registry's historical order, so
//! a release added later between two named releases is covered by the range too.

use crate::parse::{ParseError, ParseErrors};
use crate::run::{StopAt, Trace, Value};
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
        Err(ParseErrors(errors))
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
fn describe(s: &StopAt) -> String {
    let what = match &s.stop {
        Stop::Bug { file, line } => format!("bug {file}:{line}"),
        Stop::Panic { message } => format!("panic {message:?}"),
        Stop::Oops { .. } => "oops".into(),
        Stop::Hang { function } => format!("hang {function}"),
        Stop::Unavailable { call } => format!("unavailable {}", call.name()),
        Stop::Limit { .. } => "limit".into(),
    };
    format!("{what} at line {}", s.line)
}

/// Whether a stop is of the expected kind.
fn kind_matches(kind: &StopKind, stop: &Stop) -> bool {
    match (kind, stop) {
        (StopKind::Any, _) | (StopKind::Oops, Stop::Oops { .. }) => true,
        (StopKind::Limit, Stop::Limit { .. }) => true,
        (StopKind::Bug { file, line }, Stop::Bug { file: f, line: l }) => file == f && line == l,
        (StopKind::Panic(m), Stop::Panic { message }) => m == message,
        (StopKind::Hang(f), Stop::Hang { function }) => f == function,
        (StopKind::Unavailable(c), Stop::Unavailable { call }) => c == call.name(),
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
        let stopped = t.stop.as_ref().map_or("completes".to_string(), describe);
        match &self.outcome {
            Outcome::Completes => t.stop.is_some().then_some(stopped),
            Outcome::Stops { kind, at } => match &t.stop {
                Some(s) if kind_matches(kind, &s.stop) && at.is_none_or(|n| n == s.line) => None,
                _ => Some(stopped),
            },
            Outcome::Returns { line, value } => match t.steps.iter().find(|s| s.line == *line) {
                Some(s) if s.result == *value => None,
                Some(s) => Some(format!("line {line} = {}", s.result)),
                None if t.stop.is_some() => Some(stopped),
                None => Some(format!("no call returned on line {line}")),
            },
            Outcome::Printk { text, at } => {
                let printed = |p: &&crate::run::Printk| at.is_none_or(|n| n == p.line);
                let mut lines = t.printk.iter().filter(printed).map(|p| p.text.as_str());
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
mod tests {
    use super::*;
    use crate::{parse::parse as scenario, run::run, versions::RELEASES};

    const BOOT: &str = "\
arch x86_64
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
__alloc_bootmem(0x1000, 0x3000, 0)
";

    /// The mismatches of `expectations` (appended to `BOOT`) on the named release.
    fn check(expectations: &str, release: &str) -> Vec<String> {
        let text = format!("{BOOT}{expectations}");
        let sc = scenario("t.boot", &text).unwrap();
        let e = parse("t.boot", &text).unwrap();
        let r = versions::find(release).unwrap();
        e.check(&run(r, &sc).unwrap())
            .iter()
            .map(|m| m.to_string())
            .collect()
    }

    /// The one error message of a malformed expectation line, and its column.
    fn error(line: &str) -> (String, usize) {
        let e = parse("t.boot", line).unwrap_err();
        assert_eq!(e.0.len(), 1, "{e}");
        (e.0[0].message.clone(), e.0[0].column)
    }

    #[test]
    fn outcomes_and_ranges_parse_to_positions_in_the_registry() {
        let text = "# expect 2.6.12..2.6.14, 2.4: bug mm/bootmem.c:213 at line 15\n\
                    #expect ..2.4.22: panic \"Out \\\"of\\\" memory\"\n\
                    # expect 2.6.15..: line 18 = 0x201000\n\
                    # expect all: completes\n# expected prose is left alone\n";
        let e = parse("t.boot", text).unwrap();
        let last = RELEASES.len() - 1;
        let at = |name| versions::position(name).unwrap();
        assert_eq!(e.items.len(), 4);
        assert_eq!(
            e.items[0].ranges,
            [(at("2.6.12"), at("2.6.14")), (at("2.4.22"), at("2.4.22"))]
        );
        let bug = StopKind::Bug {
            file: "mm/bootmem.c".into(),
            line: 213,
        };
        assert_eq!(
            e.items[0].outcome,
            Outcome::Stops {
                kind: bug,
                at: Some(15)
            }
        );
        let panic = StopKind::Panic("Out \"of\" memory".into());
        assert_eq!(
            e.items[1].outcome,
            Outcome::Stops {
                kind: panic,
                at: None
            }
        );
        assert_eq!(
            (e.items[1].line, e.items[1].ranges.clone()),
            (2, vec![(0, at("2.4.22"))])
        );
        let value = Value::Pointer(Some(0x201000));
        assert_eq!(e.items[2].outcome, Outcome::Returns { line: 18, value });
        assert_eq!(e.items[2].ranges, [(at("2.6.15"), last)]);
        assert_eq!(
            (e.items[3].outcome.clone(), e.items[3].ranges.clone()),
            (Outcome::Completes, vec![(0, last)])
        );
        assert_eq!(e.items[0].text, "bug mm/bootmem.c:213 at line 15");
    }

    #[test]
    fn malformed_expectations_are_located() {
        let unknown = error("# expect 2.6.99: completes");
        assert!(
            unknown.0.starts_with("unknown release '2.6.99'"),
            "{unknown:?}"
        );
        assert_eq!(unknown.1, 10);
        assert_eq!(error("# expect 2.6.12..2.7: oops").1, 18);
        assert!(error("# expect 2.6.16..2.4.0: oops")
            .0
            .contains("ends before it starts"));
        assert_eq!(error("# expect all completes").1, 23);
        assert_eq!(error("# expect all: finishes"), ("expected an outcome (completes, bug, panic, oops, hang, unavailable, limit, stop, line, printk), found 'finishes'".into(), 15));
        assert_eq!(error("# expect all: bug 213").1, 19);
        assert_eq!(error("# expect all: panic Out").1, 21);
        assert_eq!(error("# expect all: panic \"Out").1, 25);
        assert_eq!(error("# expect all: line 18 = 0xzz").1, 25);
        assert_eq!(error("# expect all: line x = 1").1, 20);
        assert_eq!(error("# expect all: oops at 3").1, 20);
        assert_eq!(error("# expect all: stop").1, 19);
        assert_eq!(error("# expect all: unavailable alloc_bootmem_lim").1, 27);
        assert_eq!(
            error("# expect all: completes at line 3"),
            ("expected 'completes'".into(), 25)
        );
        assert_eq!(error("init_bootmem(1, 2)  # expect all: completes").1, 21);
        assert_eq!(error("# expect ,: oops").1, 10);
        // Text that is no expectation at all never fails, whatever it holds.
        for text in [
            "# expectations",
            "#",
            "no comment",
            "# é expect",
            "# expect\u{e9}",
        ] {
            assert_eq!(parse("t.boot", text).map(|e| e.items.len()), Ok(0));
        }
        // Multi-byte text after the keyword is reported, not sliced inside a character.
        assert_eq!(error("# expect é: oops").1, 10);
        assert_eq!(error("# expect all: panic \"é").1, 23);
    }

    #[test]
    fn every_cut_of_an_expectation_parses_or_is_located_inside_the_line() {
        let line = "# expect ..2.4, 2.6.13..2.6.16: panic \"Out \\\"é\" at line 12 = 0x1";
        for (cut, c) in line.char_indices().skip(1) {
            for text in [
                &line[..cut],
                &format!("{}{}", &line[..cut], &line[cut + c.len_utf8()..]),
            ] {
                if let Err(e) = parse("t.boot", text) {
                    let width = text.chars().count() + 1;
                    assert!(
                        e.0.iter().all(|e| e.line == 1 && e.column <= width),
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn traces_are_checked_per_release() {
        assert_eq!(
            check("# expect 2.4.0: line 4 = 0x0\n", "2.4.0"),
            Vec::<String>::new()
        );
        assert_eq!(
            check("# expect ..2.4.0: completes\n", "2.4.0"),
            Vec::<String>::new()
        );
        assert_eq!(
            check(
                "# expect 2.4.22: bug mm/bootmem.c:157 at line 4\n",
                "2.4.22"
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            check("# expect 2.6.12..2.6.14: stop at line 4\n", "2.6.13"),
            Vec::<String>::new()
        );
        // An expectation about other releases says nothing about this one.
        assert_eq!(
            check("# expect 2.6.16: completes\n", "2.4.22"),
            Vec::<String>::new()
        );
        assert_eq!(
            check("# expect all: completes\n", "2.6.12"),
            ["t.boot:5: on 2.6.12: expected completes, found bug mm/bootmem.c:159 at line 4"]
        );
        assert_eq!(
            check(
                "# expect 2.4.0: line 4 = NULL\n# expect 2.4.0: stop at line 4\n",
                "2.4.0"
            ),
            [
                "t.boot:5: on 2.4.0: expected line 4 = NULL, found line 4 = 0x0",
                "t.boot:6: on 2.4.0: expected stop at line 4, found completes",
            ]
        );
        assert_eq!(
            check("# expect all: line 4 = 0x0\n", "2.6.16"),
            ["t.boot:5: on 2.6.16: expected line 4 = 0x0, found bug mm/bootmem.c:167 at line 4"]
        );
        assert_eq!(
            check("# expect all: line 1 = 1\n", "2.4.0"),
            ["t.boot:5: on 2.4.0: expected line 1 = 1, found no call returned on line 1"]
        );
        assert_eq!(
            check("# expect all: printk \"Out of memory\"\n", "2.4.0"),
            ["t.boot:5: on 2.4.0: expected printk \"Out of memory\", found no printk line"]
        );
    }
}
