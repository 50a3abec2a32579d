//! Comparisons as text: one diff, a bisection, and the tour's matrix with a paragraph
//! per pair. The text is plain unless the caller asks for colour through [`Style`]; the
//! caller decides (a terminal, `--color`), the library only paints.

use crate::compare::{summarize, Bisect, Cell, Comparison, Explained, Tour};
use crate::diff::{
    Bits, CallDiff, Diff, Explanation, Kind, NodeDiff, Reach, Reason, Side, Source, Why,
};
use crate::run::{NodeTrace, Outcome, Value};
use crate::versions;
use bootmem_core::{Commit, Stop};
use std::fmt::Write;

/// How many cells the compact bitmap map has at most.
const MAP_CELLS: u64 = 64;
/// How many runs, calls or log lines a section lists before it sums up the rest.
const MAX_LISTED: usize = 12;
/// Width that paragraphs are wrapped to.
const WIDTH: usize = 92;

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

    fn head(self, s: &str) -> String {
        self.paint("1", s)
    }

    fn side(self, side: Side, s: &str) -> String {
        match side {
            Side::A => self.paint("31", s),
            Side::B => self.paint("32", s),
        }
    }

    fn commit(self, s: &str) -> String {
        self.paint("33", s)
    }

    fn dim(self, s: &str) -> String {
        self.paint("2", s)
    }

    fn mark(self, s: &str) -> String {
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

use versions::commit_ref;

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
struct Citer {
    cited: std::cell::RefCell<Vec<&'static str>>,
}

impl Citer {
    /// One reason as a sentence: "2.6.15 stops the scan ... (66d43e98 "title", author,
    /// date)".
    fn reason(&self, r: &Reason) -> String {
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
fn wrap(text: &str, width: usize, indent: usize) -> String {
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
fn block(text: &str, width: usize, indent: usize) -> String {
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

fn kinds_text(d: &Diff) -> String {
    d.kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole diff of one comparison.
pub fn comparison(c: &Comparison, style: Style) -> String {
    let citer = Citer::default();
    let mut out = diff_cited(&c.diff, style, &citer);
    if !c.steps.is_empty() && !c.diff.identical() {
        let _ = writeln!(out, "\n{}", style.head("step by step:"));
        for d in &c.steps {
            out.push_str(&step_line(d, style, &citer));
        }
    }
    out
}

/// The whole diff of two traces.
pub fn diff(d: &Diff, style: Style) -> String {
    diff_cited(d, style, &Citer::default())
}

fn diff_cited(d: &Diff, style: Style, citer: &Citer) -> String {
    let mut out = String::new();
    let title = format!("{}: {} → {}", d.file, d.pair.a, d.pair.b);
    if d.identical() {
        let _ = writeln!(out, "{}: identical", style.head(&title));
        let quiet = match &d.why {
            Explanation::Quiet(r) => &r[..],
            _ => &[],
        };
        if !quiet.is_empty() {
            let ran: Vec<String> = quiet.iter().map(|r| citer.reason(r)).collect();
            let text = format!("(new code ran to the same effect: {})", ran.join("; "));
            let _ = writeln!(out, "  {}", style.dim(&wrap(&text, WIDTH, 3)));
        }
        return out;
    }
    let _ = writeln!(
        out,
        "{}: they differ ({})",
        style.head(&title),
        kinds_text(d)
    );

    if !d.pair.commits.is_empty() {
        let (older, newer) = match d.pair.newer {
            Some(Side::A) => (d.pair.b, d.pair.a),
            _ => (d.pair.a, d.pair.b),
        };
        let _ = writeln!(out, "\ncommits from {older} to {newer}:");
        for (release, c) in &d.pair.commits {
            let line = format!("{:<7} {}", release, commit_line(c));
            let _ = writeln!(out, "  {}", wrap(&style.commit(&line), WIDTH, 10));
        }
    }

    if let Some(p) = &d.calls.parting {
        let _ = writeln!(
            out,
            "\n{} line {}: {}",
            style.head("first parting,"),
            p.call.line,
            p.call.call
        );
        sides(&mut out, d, &p.call, style, 2);
        if neighbours(d) || d.pair.newer.is_none() {
            let why = why(d, &p.call, first_why(d), p.kind, citer);
            let _ = writeln!(out, "  {}", style.mark(&wrap(&why, WIDTH, 7)));
        } else {
            let _ = writeln!(
                out,
                "  {}",
                style.mark(&wrap(
                    "why: the releases are not neighbours; the steps below compare each \
                     release with the one before it, each step explained by its own commits.",
                    WIDTH,
                    7
                ))
            );
        }
    } else {
        let reasons = match &d.why {
            Explanation::EndState(r) => &r[..],
            _ => &[],
        };
        let text = if reasons.is_empty() {
            "no call parts; only what the runs leave behind differs, and no marked path of a \
             commit between the two ran"
                .to_string()
        } else {
            let list: Vec<String> = reasons
                .iter()
                .map(|r| format!("at line {}, {}", r.line, citer.reason(r)))
                .collect();
            format!(
                "no call parts; only what the runs leave behind differs. Code of the commits \
                 between them that ran: {}.",
                list.join("; ")
            )
        };
        let _ = writeln!(
            out,
            "\n{}",
            style.mark(&wrap(&format!("why: {text}"), WIDTH, 5))
        );
    }

    let later = match &d.why {
        Explanation::Parting { later, .. } => &later[..],
        _ => &[],
    };
    if !later.is_empty() && neighbours(d) {
        let list: Vec<String> = later
            .iter()
            .map(|r| format!("at line {}, {}", r.line, citer.reason(r)))
            .collect();
        let text = format!("later in the run: {}.", list.join("; "));
        let _ = writeln!(out, "  {}", style.mark(&wrap(&text, WIDTH, 7)));
    }

    if !d.calls.others.is_empty() {
        let _ = writeln!(out, "\n{}", style.head("other calls that differ:"));
        for c in d.calls.others.iter().take(MAX_LISTED) {
            let _ = writeln!(out, "  line {}: {}", c.line, c.call);
            sides(&mut out, d, c, style, 4);
        }
        if d.calls.others.len() > MAX_LISTED {
            let _ = writeln!(out, "  ... and {} more", d.calls.others.len() - MAX_LISTED);
        }
    }

    if let Some(o) = &d.calls.one_sided {
        let other = match o.side {
            Side::A => Side::B,
            Side::B => Side::A,
        };
        let (first, last) = o.lines;
        let lines = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}-{last}")
        };
        let _ = writeln!(
            out,
            "\n{lines} ({} {}) ran on {} only: {} had stopped the boot.",
            o.calls,
            if o.calls == 1 { "call" } else { "calls" },
            style.side(o.side, d.name(o.side)),
            style.side(other, d.name(other))
        );
    }

    if !d.calls.printk.is_empty() {
        let _ = writeln!(out, "\n{}", style.head("printk:"));
        let mut shown = 0;
        let total: usize = d
            .calls
            .printk
            .iter()
            .map(|p| p.a_only.len() + p.b_only.len())
            .sum();
        'lines: for p in &d.calls.printk {
            let mut first = true;
            for (side, texts, sign) in [(Side::A, &p.a_only, '-'), (Side::B, &p.b_only, '+')] {
                for t in texts {
                    if shown == MAX_LISTED {
                        break 'lines;
                    }
                    let at = if first {
                        format!("line {}", p.line)
                    } else {
                        String::new()
                    };
                    first = false;
                    let text = format!("{sign} {}: {t}", d.name(side));
                    let _ = writeln!(out, "  {at:<9} {}", style.side(side, &text));
                    shown += 1;
                }
            }
        }
        if total > shown {
            let _ = writeln!(out, "  ... and {} more lines", total - shown);
        }
    }

    if !d.end.nodes.is_empty() || d.end.saved_max_pfn.is_some() {
        let agree = match d.end.nodes_same {
            0 => String::new(),
            1 => " (1 other node agrees)".to_string(),
            n => format!(" ({n} other nodes agree)"),
        };
        let _ = writeln!(out, "\n{}{agree}", style.head("final state:"));
        for n in &d.end.nodes {
            node(&mut out, d, n, style);
        }
        if let Some((a, b)) = d.end.saved_max_pfn {
            let show =
                |v: Option<u64>| v.map_or_else(|| "(none)".to_string(), |v| format!("{v:#x}"));
            let _ = writeln!(
                out,
                "  saved_max_pfn  {}: {}, {}: {}",
                d.pair.a,
                style.side(Side::A, &show(a)),
                d.pair.b,
                style.side(Side::B, &show(b))
            );
        }
    }

    if let Some(f) = &d.end.freed {
        let _ = writeln!(out, "\n{}", style.head("hand-off to the page allocator:"));
        let width = d.pair.a.len().max(d.pair.b.len());
        for (side, c) in [(Side::A, &f.a), (Side::B, &f.b)] {
            let orders: Vec<String> = c
                .by_order
                .iter()
                .map(|(o, n, bad)| {
                    if *bad > 0 {
                        format!("order {o} x {n} ({bad} bad)")
                    } else {
                        format!("order {o} x {n}")
                    }
                })
                .collect();
            let text = if c.blocks == 0 {
                "nothing".to_string()
            } else {
                format!(
                    "{} pages in {} blocks: {}",
                    c.pages,
                    c.blocks,
                    orders.join(", ")
                )
            };
            let _ = writeln!(
                out,
                "  {}  {}",
                style.side(side, &format!("{:<width$}", d.name(side))),
                wrap(&text, WIDTH, width + 4)
            );
        }
        if let Some(first) = &f.first {
            let show = |h: Option<crate::diff::HandOff>| match h {
                Some(h) => format!(
                    "pfn {:#x} order {}{}",
                    h.pfn,
                    h.order,
                    if h.bad {
                        ", reported as a bad page"
                    } else {
                        ""
                    }
                ),
                None => "nothing more".to_string(),
            };
            let _ = writeln!(
                out,
                "  first difference, hand-off #{}: {} {}; {} {}",
                first.index + 1,
                d.pair.a,
                style.side(Side::A, &show(first.a)),
                d.pair.b,
                style.side(Side::B, &show(first.b))
            );
        }
    }
    out
}

fn sides(out: &mut String, d: &Diff, c: &CallDiff, style: Style, indent: usize) {
    let width = d.pair.a.len().max(d.pair.b.len());
    for (side, o) in [(Side::A, &c.a), (Side::B, &c.b)] {
        let _ = writeln!(
            out,
            "{:indent$}{}  {}",
            "",
            style.side(side, &format!("{:<width$}", d.name(side))),
            style.side(side, &outcome_text(o))
        );
    }
}

/// Why a call parts, as a paragraph that starts with "why:".
fn why(d: &Diff, c: &CallDiff, first: &Why, kind: Kind, citer: &Citer) -> String {
    let older = d.pair.older();
    if let Why::InCall(at_call) = first {
        let list: Vec<String> = at_call.iter().map(|r| citer.reason(r)).collect();
        let mut s = format!("why: in this call, {}.", list.join("; and "));
        let paths = at_call.iter().any(|r| r.source == Source::Path);
        let older_lacks_call = at_call
            .iter()
            .any(|r| matches!(r.source, Source::Missing { .. }) && Some(r.release) == older);
        if let (Some(older), true, false) = (older, paths, older_lacks_call) {
            let _ = write!(s, " {older} has no such code");
            let outcome = match d.pair.newer {
                Some(Side::A) => &c.b,
                _ => &c.a,
            };
            match outcome {
                Reach::Ran(Outcome::Stopped { stop, .. }) => {
                    let _ = write!(s, ", and {}.", stop_phrase(stop));
                }
                Reach::Ran(Outcome::Returned(v)) if *v != Value::Nothing => {
                    let _ = write!(s, ", and returns {v}.");
                }
                _ => s.push('.'),
            }
        }
        return s;
    }
    let mut s = String::from("why: no marked path of a commit between the two ran in this call");
    if kind == Kind::Moved {
        match (&c.a, &c.b) {
            (
                Reach::Ran(Outcome::Stopped {
                    stop: Stop::Bug { file, line: la },
                    ..
                }),
                Reach::Ran(Outcome::Stopped {
                    stop: Stop::Bug { line: lb, .. },
                    ..
                }),
            ) => {
                let _ = write!(
                    s,
                    "; both BUG() here, at line {la} of {}'s {file} and line {lb} of {}'s",
                    d.pair.a, d.pair.b
                );
            }
            (
                Reach::Ran(Outcome::Stopped {
                    stop: Stop::Hang { function: fa },
                    ..
                }),
                Reach::Ran(Outcome::Stopped {
                    stop: Stop::Hang { function: fb },
                    ..
                }),
            ) => {
                let _ = write!(
                    s,
                    "; both loop forever here, in {fa}() on {} and in {fb}() on {}",
                    d.pair.a, d.pair.b
                );
            }
            (
                Reach::Ran(Outcome::Stopped {
                    stop: Stop::Oops { reason: ra, .. },
                    ..
                }),
                Reach::Ran(Outcome::Stopped {
                    stop: Stop::Oops { reason: rb, .. },
                    ..
                }),
            ) => {
                let _ = write!(
                    s,
                    "; both oops here, on {} in \"{ra}\" and on {} in \"{rb}\"",
                    d.pair.a, d.pair.b
                );
            }
            _ => {}
        }
    }
    let earlier = first.reasons();
    if earlier.is_empty() {
        if older.is_none() {
            s.push('.');
        } else if kind == Kind::Moved {
            s.push_str(
                ", so the stop is most likely the same one, moved, renamed or reached \
                 through other code by edits around it.",
            );
        } else {
            s.push_str(", nor before it: the change lies in code the version crates do not mark.");
        }
    } else {
        let list: Vec<String> = earlier
            .iter()
            .map(|r| format!("at line {}, {}", r.line, citer.reason(r)))
            .collect();
        let _ = write!(s, ". Earlier in the run: {}.", list.join("; "));
    }
    s
}

/// Why the first parting happens; a diff without one has no reasons.
fn first_why(d: &Diff) -> &Why {
    const NONE: &Why = &Why::Earlier(Vec::new());
    match &d.why {
        Explanation::Parting { first, .. } => first,
        _ => NONE,
    }
}

/// A stop as the end of a sentence: "BUGs at mm/bootmem.c:229".
fn stop_phrase(stop: &Stop) -> String {
    match stop {
        Stop::Bug { file, line } => format!("BUGs at {file}:{line}"),
        Stop::Panic { message } => format!("panics \"{message}\""),
        Stop::Oops { reason, .. } => format!("oopses ({reason})"),
        Stop::Hang { function } => format!("never returns from {function}()"),
        Stop::Unavailable { call } => format!("has no {call}()"),
        Stop::Limit { reason } => format!("is not simulated ({reason})"),
    }
}

fn node(out: &mut String, d: &Diff, n: &NodeDiff, style: Style) {
    let any = n.a.as_ref().or(n.b.as_ref());
    let span = any.map(|t| (t.start_pfn(d.end.page_shift), t.node_low_pfn));
    match span {
        Some((s, e)) => {
            let _ = writeln!(out, "  node {}, pfns {s:#x}-{e:#x}:", n.nid);
        }
        None => {
            let _ = writeln!(out, "  node {}:", n.nid);
        }
    }
    let width = d.pair.a.len().max(d.pair.b.len()).max(12);
    let _ = writeln!(
        out,
        "    {:<16} {}  {}",
        "",
        style.side(Side::A, &format!("{:<width$}", d.pair.a)),
        style.side(Side::B, d.pair.b)
    );
    let show = |v: Option<u64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:#x}"));
    for f in &n.fields {
        if f.a.is_none() && f.b.is_none() {
            continue;
        }
        let b = if f.differs {
            format!("{:<width$}  {}", show(f.b), "<")
        } else {
            show(f.b)
        };
        let _ = writeln!(
            out,
            "    {:<16} {}  {}",
            f.name,
            style.side(Side::A, &format!("{:<width$}", show(f.a))),
            style.side(Side::B, &b)
        );
    }
    match &n.bits {
        Bits::Same => {
            let _ = writeln!(out, "    bitmap: the same on both");
        }
        Bits::Absent => {
            let (has, lacks) = if n.a.is_some() {
                (Side::A, Side::B)
            } else {
                (Side::B, Side::A)
            };
            let _ = writeln!(
                out,
                "    the node is in {}'s pgdat_list only; {} never set it up",
                d.name(has),
                d.name(lacks)
            );
        }
        Bits::Dropped { a } => {
            let (gone, kept) = if *a {
                (Side::A, Side::B)
            } else {
                (Side::B, Side::A)
            };
            let _ = writeln!(
                out,
                "    bitmap: dropped by free_all_bootmem on {}, still there on {}",
                d.name(gone),
                d.name(kept)
            );
        }
        Bits::Differ { runs, pages } => {
            let per = map_scale(d, n);
            let _ = writeln!(
                out,
                "    bitmap: {pages} {} ({per}: # reserved, : partly, . free)",
                if *pages == 1 {
                    "page differs"
                } else {
                    "pages differ"
                }
            );
            if let (Some(a), Some(b)) = (&n.a, &n.b) {
                map(out, d, a, b, runs, style);
            }
            for r in runs.iter().take(MAX_LISTED) {
                let (on, off) = if r.reserved_on_b {
                    (Side::B, Side::A)
                } else {
                    (Side::A, Side::B)
                };
                let _ = writeln!(
                    out,
                    "      {:#x}-{:#x}  reserved on {}, free on {}",
                    r.start,
                    r.end,
                    style.side(on, d.name(on)),
                    style.side(off, d.name(off))
                );
            }
            if runs.len() > MAX_LISTED {
                let _ = writeln!(out, "      ... and {} more runs", runs.len() - MAX_LISTED);
            }
        }
    }
}

/// Pages of `[lo, hi)` that `runs` reserve.
fn reserved_in(runs: &[(u64, u64)], lo: u64, hi: u64) -> u64 {
    runs.iter()
        .map(|&(s, e)| e.min(hi).saturating_sub(s.max(lo)))
        .sum()
}

/// The span of a node's map, in pages, and of one cell of it.
fn map_span(d: &Diff, a: &NodeTrace, b: &NodeTrace) -> Option<(u64, u64, u64)> {
    let start = a
        .start_pfn(d.end.page_shift)
        .min(b.start_pfn(d.end.page_shift));
    let end = a.node_low_pfn.max(b.node_low_pfn);
    if end <= start {
        return None;
    }
    let per = (end - start).div_ceil(MAP_CELLS).max(1);
    Some((start, end, per))
}

/// How many pages one mark of a node's map stands for, in words.
fn map_scale(d: &Diff, n: &NodeDiff) -> String {
    let per = match (&n.a, &n.b) {
        (Some(a), Some(b)) => map_span(d, a, b).map_or(1, |(_, _, per)| per),
        _ => 1,
    };
    if per == 1 {
        "one page a mark".to_string()
    } else {
        format!("{per} pages a mark")
    }
}

/// The node's span as a row of cells per side, `#` all reserved, `:` partly, `.` free,
/// and a row with `^` under every cell that holds a differing page.
fn map(
    out: &mut String,
    d: &Diff,
    a: &NodeTrace,
    b: &NodeTrace,
    runs: &[crate::diff::BitRun],
    style: Style,
) {
    let Some((start, end, per)) = map_span(d, a, b) else {
        return;
    };
    let cells = (end - start).div_ceil(per);
    let row = |t: &NodeTrace| -> String {
        let empty = Vec::new();
        let reserved = t.reserved.as_ref().unwrap_or(&empty);
        (0..cells)
            .map(|k| {
                let lo = start + k * per;
                let hi = (lo + per).min(end);
                let r = reserved_in(reserved, lo, hi);
                if r == 0 {
                    '.'
                } else if r == hi - lo {
                    '#'
                } else {
                    ':'
                }
            })
            .collect()
    };
    let marks: String = (0..cells)
        .map(|k| {
            let lo = start + k * per;
            let hi = (lo + per).min(end);
            if runs.iter().any(|r| r.start < hi && r.end > lo) {
                '^'
            } else {
                ' '
            }
        })
        .collect();
    let width = d.pair.a.len().max(d.pair.b.len());
    let _ = writeln!(
        out,
        "      {:<width$} |{}|",
        d.pair.a,
        style.side(Side::A, &row(a))
    );
    let _ = writeln!(
        out,
        "      {:<width$} |{}|",
        d.pair.b,
        style.side(Side::B, &row(b))
    );
    let _ = writeln!(out, "      {:<width$} |{}|", "", style.mark(&marks));
}

/// Where the releases of a diff stand: next to each other in history, or not.
fn neighbours(d: &Diff) -> bool {
    match (versions::position(d.pair.a), versions::position(d.pair.b)) {
        (Some(x), Some(y)) => x.abs_diff(y) == 1,
        _ => false,
    }
}

/// One step of history: identical, or where it parts and why.
fn step_line(d: &Diff, style: Style, citer: &Citer) -> String {
    let label = format!("{} → {}", d.pair.a, d.pair.b);
    if d.identical() {
        return format!("  {label:<18} {}\n", style.dim("identical"));
    }
    format!("  {label:<18} {}", change_text(d, style, citer))
}

/// How a step changes the trace: the first parting with each side's outcome and the
/// reasons, each on its own lines, indented under the step; it ends with a newline.
fn change_text(d: &Diff, style: Style, citer: &Citer) -> String {
    const INDENT: usize = 23;
    let pad = " ".repeat(INDENT);
    let mut s = String::new();
    let width = d.pair.a.len().max(d.pair.b.len());
    match &d.calls.parting {
        Some(p) => {
            let _ = writeln!(
                s,
                "line {} ({}): {}",
                p.call.line,
                p.kind.label(),
                p.call.call
            );
            for (side, o) in [(Side::A, &p.call.a), (Side::B, &p.call.b)] {
                let _ = writeln!(
                    s,
                    "{pad}{}",
                    style.side(
                        side,
                        &format!("{:<width$}  {}", d.name(side), outcome_text(o))
                    )
                );
            }
            let first = first_why(d);
            if p.kind == Kind::Moved && matches!(first, Why::Earlier(_)) {
                let text = "only where in each release's own source the boot stops differs";
                let _ = writeln!(s, "{}", style.dim(&block(text, WIDTH, INDENT)));
                return s;
            }
            let (reasons, prefix, in_call) = match first {
                Why::Earlier(r) => (r, "earlier: ", false),
                Why::InCall(r) => (r, "why: ", true),
            };
            for r in reasons {
                let at = if in_call {
                    String::new()
                } else {
                    format!("at line {}, ", r.line)
                };
                let text = format!("{prefix}{at}{}", citer.reason(r));
                let _ = writeln!(s, "{}", style.mark(&block(&text, WIDTH, INDENT)));
            }
        }
        None => {
            let _ = writeln!(
                s,
                "no call parts; the end state differs ({})",
                kinds_text(d)
            );
            for r in d.all_reasons() {
                let text = format!("at line {}, {}", r.line, citer.reason(r));
                let _ = writeln!(s, "{}", style.mark(&block(&text, WIDTH, INDENT)));
            }
        }
    }
    s
}

/// A scenario along the whole history: how the oldest release runs it, then every
/// step, changed or not.
pub fn bisect(b: &Bisect, style: Style) -> String {
    let mut out = String::new();
    let citer = Citer::default();
    let names = versions::names();
    let _ = writeln!(
        out,
        "{}",
        style.head(&format!(
            "{} along {} … {}:",
            b.file,
            names.first().copied().unwrap_or(""),
            names.last().copied().unwrap_or("")
        ))
    );
    if let Some(t) = b.traces.first() {
        let how = match t.stop() {
            Some((c, stop)) => format!("stops at line {}: {}: {stop}", c.line, c.call),
            None => format!("runs all {} calls", t.calls.len()),
        };
        let _ = writeln!(out, "  {:<18} {how}", t.version);
    }
    for d in &b.steps {
        if d.identical() {
            let _ = writeln!(
                out,
                "  {:<18} {}",
                d.pair.b,
                style.dim(&format!("same as {}", d.pair.a))
            );
        } else {
            let _ = write!(out, "  {:<18} {}", d.pair.b, change_text(d, style, &citer));
        }
    }
    let moved_only = |d: &&Diff| d.kinds == [Kind::Moved];
    let changed: Vec<&str> = b
        .changes()
        .filter(|d| !moved_only(d))
        .map(|d| d.pair.b)
        .collect();
    let moved: Vec<&str> = b.changes().filter(moved_only).map(|d| d.pair.b).collect();
    let mut summary = if changed.is_empty() {
        "The behaviour is the same on every release.".to_string()
    } else {
        format!(
            "The behaviour changes at {} of {} steps: {}.",
            changed.len(),
            b.steps.len(),
            changed.join(", ")
        )
    };
    if !moved.is_empty() {
        let _ = write!(
            summary,
            " Only where in the source the boot stops moves at {}.",
            moved.join(", ")
        );
    }
    let _ = writeln!(out, "{}", wrap(&summary, WIDTH, 0));
    out
}

/// The word a tour cell shows for a kind.
fn cell_word(k: Kind) -> &'static str {
    match k {
        Kind::Stop => "stop",
        Kind::Unavailable => "missing",
        Kind::Result => "result",
        Kind::Moved => "moved",
        Kind::Printk => "printk",
        Kind::HandOff => "hand-off",
        Kind::State => "state",
    }
}

/// A tour cell: `same`, the kind that sums the comparison up, and `+` when more kinds
/// differ too.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Refused(_) => "refused".to_string(),
        Cell::Compared(c) => match c.diff.primary() {
            None => "same".to_string(),
            Some(k) => {
                let more = c.diff.kinds.iter().any(|&x| x != k);
                format!("{}{}", cell_word(k), if more { "+" } else { "" })
            }
        },
    }
}

/// Paints a tour cell by what it holds: alarm for a stop or a missing call, quiet for
/// a cell with nothing to see, the commit colour for any other change.
fn paint_cell(cell: &Cell, text: &str, style: Style) -> String {
    match cell {
        Cell::Refused(_) => style.dim(text),
        Cell::Compared(c) => match c.diff.primary() {
            None => style.dim(text),
            Some(Kind::Stop | Kind::Unavailable) => style.side(Side::A, text),
            Some(_) => style.commit(text),
        },
    }
}

/// The tour: a matrix of scenarios by pairs of releases, then a paragraph per pair.
pub fn tour(t: &Tour, style: Style) -> String {
    let mut out = String::new();
    let name_width = t
        .rows
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(8)
        .max(8);
    const CELL: usize = 10;
    let pairs = if t.pairs.len() == 1 {
        "one pair of releases".to_string()
    } else {
        format!(
            "{} pairs of releases, each a release beside the one before it",
            t.pairs.len()
        )
    };
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &format!(
                "{} scenarios on {pairs}. A cell is \"same\" when both behave identically, \
                 else the way they first part (\"+\": more differs after that):",
                t.rows.len()
            ),
            WIDTH,
            0
        )
    );
    for k in Kind::ALL {
        let _ = writeln!(out, "  {:<9} {}", cell_word(k), k.meaning());
    }
    out.push('\n');
    let mut head1 = format!("{:<name_width$}", "");
    let mut head2 = format!("{:<name_width$}", "scenario");
    for (a, b) in &t.pairs {
        let _ = write!(head1, "  {a:<CELL$}");
        let _ = write!(head2, "  {:<CELL$}", format!("→{b}"));
    }
    let _ = writeln!(out, "{}", style.head(head1.trim_end()));
    let _ = writeln!(out, "{}", style.head(head2.trim_end()));
    for row in &t.rows {
        let mut line = format!("{:<name_width$}", row.name);
        for cell in &row.cells {
            let text = format!("{:<CELL$}", cell_text(cell));
            let _ = write!(line, "  {}", paint_cell(cell, &text, style));
        }
        if t.pairs.len() == 1 {
            if let Some(Cell::Compared(c)) = row.cells.first() {
                if let Some(p) = &c.diff.calls.parting {
                    let _ = write!(
                        line,
                        "line {}: {} → {}",
                        p.call.line,
                        outcome_text(&p.call.a),
                        outcome_text(&p.call.b)
                    );
                }
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for k in 0..t.pairs.len() {
        out.push('\n');
        out.push_str(&pair_paragraph(t, k, style));
    }
    out
}

fn names(list: &[String]) -> String {
    list.join(", ")
}

fn explained_text(e: &Explained) -> String {
    format!("{} in {}", commit_ref(e.commit), names(&e.scenarios))
}

/// One paragraph on what pair `k` of a tour shows.
pub fn pair_paragraph(t: &Tour, k: usize, style: Style) -> String {
    let s = summarize(t, k);
    // Scenarios whose only difference is where in the source the boot stops are told
    // apart from those that behave differently.
    let moved_only: Vec<String> = t
        .rows
        .iter()
        .filter(|r| {
            r.cells
                .get(k)
                .and_then(Cell::comparison)
                .is_some_and(|c| c.diff.kinds == [Kind::Moved])
        })
        .map(|r| r.name.clone())
        .collect();
    let differ = s.total - s.same.len() - s.refused.len() - moved_only.len();
    let mut p = format!("{} → {}: ", s.a, s.b);
    let head = p.clone();
    if differ == 0 {
        let _ = write!(p, "no scenario behaves differently.");
    } else {
        let _ = write!(p, "{differ} of {} scenarios behave differently.", s.total);
        let groups: Vec<String> = s
            .by_kind
            .iter()
            .filter_map(|(k, list)| {
                let list: Vec<String> = list
                    .iter()
                    .filter(|n| !moved_only.contains(n))
                    .cloned()
                    .collect();
                (!list.is_empty())
                    .then(|| format!("{} ({}): {}", k.meaning(), list.len(), names(&list)))
            })
            .collect();
        let _ = write!(p, " By how they first part: {}.", groups.join("; "));
        if !s.explained.is_empty() {
            let list: Vec<String> = s.explained.iter().map(explained_text).collect();
            let _ = write!(
                p,
                " The commits whose code ran where they part: {}.",
                list.join("; ")
            );
        }
        if !s.unexplained.is_empty() {
            let _ = write!(p, " No marked path explains {}.", names(&s.unexplained));
        }
    }
    if !moved_only.is_empty() {
        let _ = write!(
            p,
            " In {} more the boot stops at the same call in the same way, only elsewhere in \
             the source (another BUG() line, a renamed looping function, another NULL \
             dereference): {}.",
            moved_only.len(),
            names(&moved_only)
        );
    }
    if !s.quiet.is_empty() {
        let list: Vec<String> = s.quiet.iter().map(explained_text).collect();
        let _ = write!(
            p,
            " New code ran without changing the outcome: {}.",
            list.join("; ")
        );
    }
    if !s.refused.is_empty() {
        let _ = write!(p, " Refused as too large: {}.", names(&s.refused));
    }
    let body = wrap(&p, WIDTH, 0);
    let rest = body.strip_prefix(head.trim_end()).unwrap_or(&body);
    format!("{}{}\n", style.head(head.trim_end()), rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{bisect as run_bisect, compare, tour as run_tour};
    use crate::parse::parse;

    const FULL_NODE: &str = "init_bootmem_node(1, 0x201, 0x40, 0x80)\n\
        init_bootmem_node(0, 0x200, 0x0, 0x40)\n\
        free_bootmem_node(1, 0x40000, 0x40000)\n\
        __alloc_bootmem_node(0, 0x1000, 0x1000, 0)\n";

    fn comparison_of(text: &str, a: &str, b: &str) -> Comparison {
        let s = parse("t.boot", text).unwrap();
        compare(&s, versions::find(a).unwrap(), versions::find(b).unwrap()).unwrap()
    }

    #[test]
    fn wrap_keeps_words_whole_and_indents_continuations() {
        assert_eq!(wrap("aa bb cc dd", 5, 2), "aa bb\n  cc\n  dd");
        assert_eq!(wrap("", 10, 0), "");
    }

    #[test]
    fn identical_traces_say_so_in_one_line() {
        let c = comparison_of("init_bootmem(0x10, 0x40)\n", "2.6.15", "2.6.16");
        assert_eq!(
            comparison(&c, Style::PLAIN),
            "t.boot: 2.6.15 → 2.6.16: identical\n"
        );
    }

    #[test]
    fn a_diff_shows_the_parting_the_state_and_the_commit() {
        let c = comparison_of(FULL_NODE, "2.6.14", "2.6.15");
        let text = comparison(&c, Style::PLAIN);
        assert!(
            text.starts_with("t.boot: 2.6.14 → 2.6.15: they differ (stop, state)"),
            "{text}"
        );
        assert!(text.contains("first parting, line 4: __alloc_bootmem_node(0, 0x1000, 0x1000, 0)"));
        assert!(
            text.contains("2.6.14  !! kernel BUG at mm/bootmem.c:229!"),
            "{text}"
        );
        assert!(text.contains("2.6.15  = 0x40000"));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "why: in this call, 2.6.15 stops the scan at the end of the node \
                 (`if (i >= eidx) break;`) instead of testing the bit past it (66d43e98 \
                 \"fix in __alloc_bootmem_core() when there is no free page in first node's \
                 memory\", Haren Myneni, 2005-12-12). 2.6.14 has no such code, and BUGs at \
                 mm/bootmem.c:229."
            ),
            "{text}"
        );
        assert!(text.contains("0x40-0x41  reserved on 2.6.15, free on 2.6.14"));
        assert!(text.contains("|^"), "{text}");
        assert!(!text.contains('\x1b'));
        let painted = comparison(&c, Style::COLOR);
        assert!(painted.contains("\x1b[31m"));
    }

    #[test]
    fn bisect_lists_every_step() {
        let s = parse("t.boot", FULL_NODE).unwrap();
        let text = bisect(&run_bisect(&s).unwrap(), Style::PLAIN);
        assert!(text.contains("2.6.16             same as 2.6.15"), "{text}");
        assert!(text.contains("2.6.15             line 4 (stop)"), "{text}");
        // 2.4.4 BUGs in __alloc_bootmem_node() where 2.4.0 BUGged in the scan: another
        // BUG, reached through 2.4.3.4's new code, so a change and not a move; 2.4.5's
        // BUG is 2.4.4's, moved. The x86_64 scan past the full node BUGs from 2.5.68 to
        // 2.6.14, and 2.6.15 stops it at the end of the node.
        let steps = versions::RELEASES.len() - 1;
        assert!(
            text.contains(&format!(
                "The behaviour changes at 4 of {steps} steps: 2.4.4, 2.4.10, 2.5.68, 2.6.15."
            )),
            "{text}"
        );
    }

    #[test]
    fn the_tour_has_a_row_per_scenario_and_a_paragraph_per_pair() {
        let scenarios = vec![parse("full.boot", FULL_NODE).unwrap()];
        let t = run_tour(&scenarios, &versions::consecutive_pairs());
        let text = tour(&t, Style::PLAIN);
        let row = text.lines().find(|l| l.starts_with("full ")).unwrap();
        assert!(row.contains("same"));
        assert!(row.contains("stop"));
        assert!(
            text.contains("2.6.15 → 2.6.16: no scenario behaves differently."),
            "{text}"
        );
        // 2.6.12 to 2.6.14 BUG at the same call, at lines that moved with the text.
        assert!(text.contains("2.6.13 → 2.6.14: no scenario behaves differently. In 1 more"));
        assert!(text.contains("2.6.14 → 2.6.15: 1 of 1 scenarios behave differently."));
    }
}
