//! Shared prose of the comparison texts: the [`Style`] that paints them, wrapping and
//! indented blocks, the commit citer, and a call's outcome in a few words.

use crate::diff::{Reach, Reason, Side, Source};
use crate::run::{Outcome, Value};
use crate::versions::{self, commit_ref};
use bootmem_core::Commit;
use std::fmt::Write;

#[cfg(test)]
mod tests;

/// The width of the snapshots' text: the diff snapshots fit 94 columns. The command
/// passes the terminal's width (80 columns when it cannot tell) instead.
pub const SNAPSHOT_WIDTH: usize = 94;

/// How text is painted and how wide it may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Paint with ANSI escape sequences (the command strips them again where the
    /// terminal or `NO_COLOR` says so).
    pub color: bool,
    /// The columns paragraphs are wrapped to.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Style {
        Style::PLAIN
    }
}

impl Style {
    /// Plain text at the snapshots' width.
    pub const PLAIN: Style = Style {
        color: false,
        width: SNAPSHOT_WIDTH,
    };
    /// Colours at the snapshots' width.
    pub const COLOR: Style = Style {
        color: true,
        width: SNAPSHOT_WIDTH,
    };

    /// The same paint at another width.
    pub fn with_width(self, width: usize) -> Style {
        Style { width, ..self }
    }

    fn paint(self, style: anstyle::Style, s: &str) -> String {
        if self.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    pub(crate) fn head(self, s: &str) -> String {
        self.paint(anstyle::Style::new().bold(), s)
    }

    pub(crate) fn side(self, side: Side, s: &str) -> String {
        let color = match side {
            Side::A => anstyle::AnsiColor::Red,
            Side::B => anstyle::AnsiColor::Green,
        };
        self.paint(anstyle::Style::new().fg_color(Some(color.into())), s)
    }

    pub(crate) fn commit(self, s: &str) -> String {
        let yellow = Some(anstyle::AnsiColor::Yellow.into());
        self.paint(anstyle::Style::new().fg_color(yellow), s)
    }

    pub(crate) fn dim(self, s: &str) -> String {
        self.paint(anstyle::Style::new().dimmed(), s)
    }

    pub(crate) fn mark(self, s: &str) -> String {
        let magenta = Some(anstyle::AnsiColor::Magenta.into());
        self.paint(anstyle::Style::new().bold().fg_color(magenta), s)
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

/// The words of `text` joined by single spaces: the texts are built from sentences
/// whose line breaks in the source are not meant to show.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The wrapping every text shares: at spaces only, first fit, words never split, ANSI
/// escapes taking no width.
fn options<'a>(width: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(width.max(1))
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
}

/// Wraps `text` to `width` columns, every line after the first indented by `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    textwrap::fill(&words(text), options(width).subsequent_indent(&pad))
}

/// Wraps `text` into a block whose every line, the first included, is indented by
/// `indent` columns.
pub(crate) fn block(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let text = words(text);
    if text.is_empty() {
        return String::new();
    }
    textwrap::fill(
        &text,
        options(width).initial_indent(&pad).subsequent_indent(&pad),
    )
}

/// Fits text to `width` columns: every line wider than that is wrapped at spaces, its
/// continuation lines hanging four columns in from the line's own indent. Lines that
/// fit are left as they are, so tables keep their columns.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if textwrap::core::display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        let lead = body.len() - body.trim_start_matches(' ').len();
        let hang = " ".repeat(lead + 4);
        let pad = " ".repeat(lead);
        let opts = options(width).initial_indent(&pad).subsequent_indent(&hang);
        out.push_str(&textwrap::fill(body.trim_start_matches(' '), opts));
        out.push_str(newline);
    }
    out
}
