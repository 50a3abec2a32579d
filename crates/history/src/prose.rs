//! Shared prose of the comparison texts: the [`Style`] that paints them, wrapping and
//! indented blocks, the commit citer, and a call's outcome in a few words.

use crate::diff::{Reach, Reason, Side, Source};
use crate::run::{Outcome, Value};
use crate::versions::{self, commit_ref};
use bootmem_core::Commit;
use std::fmt::Write;

#[cfg(test)]
mod tests;

/// Width that paragraphs are wrapped to.
pub(crate) const WIDTH: usize = 92;

/// Whether to paint the text with ANSI colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Paint with ANSI escape sequences.
    pub color: bool,
}

impl Style {
    /// Plain text.
    pub const PLAIN: Style = Style { color: false };
    /// ANSI colours.
    pub const COLOR: Style = Style { color: true };

    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub(crate) fn head(self, s: &str) -> String {
        self.paint("1", s)
    }

    pub(crate) fn side(self, side: Side, s: &str) -> String {
        match side {
            Side::A => self.paint("31", s),
            Side::B => self.paint("32", s),
        }
    }

    pub(crate) fn commit(self, s: &str) -> String {
        self.paint("33", s)
    }

    pub(crate) fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }

    pub(crate) fn mark(self, s: &str) -> String {
        self.paint("1;35", s)
    }
}

/// A commit as one line: short id, title, author and date.
pub fn commit_line(c: &Commit) -> String {
    let mut s = format!("{} {}", versions::short_id(c.id), c.title);
    if !c.author.is_empty() || !c.date.is_empty() {
        // Changes made before git name their authors in parentheses already.
        let author = c.author.trim_start_matches('(').trim_end_matches(')');
        let _ = write!(s, " ({author}, {})", c.date);
    }
    s
}

/// What a call did, in a few words: `= value`, `returns`, `!! stop`, or not reached.
pub fn outcome_text(o: &Reach) -> String {
    match o {
        Reach::Ran(Outcome::Returned(Value::Nothing)) => "returns".to_string(),
        Reach::Ran(Outcome::Returned(v)) => format!("= {v}"),
        Reach::Ran(Outcome::Stopped { stop, .. }) => format!("!! {stop}"),
        Reach::NotReached {
            stopped_at: Some(l),
        } => format!("not reached (the boot stopped at line {l})"),
        Reach::NotReached { stopped_at: None } => "not reached".to_string(),
    }
}

/// Cites commits in reasons: in full the first time, by short id after that.
#[derive(Default)]
pub(crate) struct Citer {
    cited: std::cell::RefCell<Vec<&'static str>>,
}

impl Citer {
    /// One reason as a sentence: "2.6.15 stops the scan ... (66d43e98 "title", author,
    /// date)".
    pub(crate) fn reason(&self, r: &Reason) -> String {
        match &r.source {
            Source::Path => format!("{} {} ({})", r.release, r.what, self.cite(r)),
            Source::Missing { call } => {
                // A variable is written without the parentheses of a function.
                let parens = if call.spec().assignment { "" } else { "()" };
                format!("{} has no {call}{parens}: {}", r.release, r.what)
            }
        }
    }

    fn cite(&self, r: &Reason) -> String {
        let Some((_, c)) = r.commit else {
            return r.mark.to_string();
        };
        let mut cited = self.cited.borrow_mut();
        if cited.contains(&c.id) {
            return versions::short_id(c.id).to_string();
        }
        cited.push(c.id);
        let author = c.author.trim_start_matches('(').trim_end_matches(')');
        if author.is_empty() {
            commit_ref(c)
        } else {
            format!("{}, {author}, {}", commit_ref(c), c.date)
        }
    }
}

/// Wraps `text` to `width` columns, every line after the first indented by `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if col > indent && col + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
        } else if !out.is_empty() {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

/// Wraps `text` into a block whose every line, the first included, is indented by
/// `indent` columns.
pub(crate) fn block(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut col = indent;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if out.is_empty() {
            out.push_str(&pad);
        } else if col + 1 + len > width {
            out.push('\n');
            out.push_str(&pad);
            col = indent;
        } else {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}
