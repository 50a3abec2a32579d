//! The text of one diff: the first parting and why, the other calls that differ, the
//! `printk` lines, the final state and the hand-off; with a comparison, its steps.

use super::costs::ratio_text;
use super::map_text::node;
use super::{CallDiff, Diff, Explanation, Kind, Reach, Side, Source, Why};
use crate::compare::Comparison;
use crate::prose::{block, commit_line, outcome_text, wrap, Citer, Style};
use crate::run::{Outcome, Value};
use crate::versions;
use bootmem_core::Stop;
use std::fmt::Write;

#[cfg(test)]
pub(crate) mod tests;

/// How many runs, calls or log lines a section lists before it sums up the rest.
pub(super) const MAX_LISTED: usize = 12;

fn kinds_text(d: &Diff) -> String {
    d.kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The width the diff's paragraphs are wrapped to: two columns short of the style's,
/// which most of them spend on the indent they are printed after.
fn text_width(style: Style) -> usize {
    style.width.saturating_sub(2)
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
            let _ = writeln!(out, "  {}", style.dim(&wrap(&text, text_width(style), 3)));
        }
        costs(&mut out, d, style);
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
            let _ = writeln!(
                out,
                "  {}",
                wrap(&style.commit(&line), text_width(style), 10)
            );
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
            let _ = writeln!(out, "  {}", style.mark(&wrap(&why, text_width(style), 7)));
        } else {
            let _ = writeln!(
                out,
                "  {}",
                style.mark(&wrap(
                    "why: the releases are not neighbours; the steps below compare each \
                     release with the one before it, each step explained by its own commits.",
                    text_width(style),
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
            style.mark(&wrap(&format!("why: {text}"), text_width(style), 5))
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
        let _ = writeln!(out, "  {}", style.mark(&wrap(&text, text_width(style), 7)));
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

    if !d.calls.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", style.head("checker warnings:"));
        let mut shown = 0;
        let total: usize = d
            .calls
            .warnings
            .iter()
            .map(|p| p.a_only.len() + p.b_only.len())
            .sum();
        'warnings: for p in &d.calls.warnings {
            for (side, texts, sign) in [(Side::A, &p.a_only, '-'), (Side::B, &p.b_only, '+')] {
                for t in texts {
                    if shown == MAX_LISTED {
                        break 'warnings;
                    }
                    let text = format!("{sign} {}, line {}: {t}", d.name(side), p.line);
                    let _ = writeln!(
                        out,
                        "  {}",
                        style.side(side, &wrap(&text, text_width(style), 4))
                    );
                    shown += 1;
                }
            }
        }
        if total > shown {
            let _ = writeln!(out, "  ... and {} more warnings", total - shown);
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
                wrap(&text, text_width(style), width + 4)
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
    costs(&mut out, d, style);
    out
}

/// What each release's C did, when the two differ: the counts of the whole runs side
/// by side with the factor between them, then the calls whose costs differ.
fn costs(out: &mut String, d: &Diff, style: Style) {
    let c = &d.costs;
    if c.same() {
        return;
    }
    let (na, nb) = (d.pair.a, d.pair.b);
    let fa = c.a.fields();
    let fb = c.b.fields();
    let mut rows: Vec<(&str, u64, u64)> = fa
        .iter()
        .zip(&fb)
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, x), (_, y))| (*name, *x, *y))
        .collect();
    rows.push(("bitmap operations", c.a.bitmap_ops(), c.b.bitmap_ops()));
    let number = |n: u64| n.to_string().len();
    let wa = rows
        .iter()
        .map(|r| number(r.1))
        .max()
        .unwrap_or(0)
        .max(na.len());
    let wb = rows
        .iter()
        .map(|r| number(r.2))
        .max()
        .unwrap_or(0)
        .max(nb.len());
    let _ = writeln!(
        out,
        "\n{}",
        style.head(&format!("{:<22}{na:>wa$}  {nb:>wb$}", "cost in the C:"))
    );
    for (name, x, y) in rows {
        let _ = writeln!(
            out,
            "  {name:<20}{}  {}  {}",
            style.side(Side::A, &format!("{x:>wa$}")),
            style.side(Side::B, &format!("{y:>wb$}")),
            ratio_text(x, y)
        );
    }
    if c.calls.is_empty() {
        return;
    }
    let _ = writeln!(out, "  the calls whose cost differs, {na} → {nb}:");
    for call in c.calls.iter().take(MAX_LISTED) {
        let (x, y) = (call.a.bitmap_ops(), call.b.bitmap_ops());
        let mut parts = Vec::new();
        if x != y {
            parts.push(format!(
                "bitmap operations {x} → {y} ({})",
                ratio_text(x, y)
            ));
        }
        // The counts outside the bitmap operations (bytes, pages), where they differ.
        for ((name, x), (_, y)) in call.a.fields().iter().zip(&call.b.fields()).skip(5) {
            if x != y {
                parts.push(format!("{name} {x} → {y}"));
            }
        }
        if x == y {
            // Equal totals of different operations: say which.
            for ((name, x), (_, y)) in call.a.fields().iter().zip(&call.b.fields()).take(5) {
                if x != y {
                    parts.push(format!("{name} {x} → {y}"));
                }
            }
        }
        let text = format!("line {}: {}: {}", call.line, call.call, parts.join(", "));
        let _ = writeln!(
            out,
            "    {}",
            wrap(&text, text_width(style).saturating_sub(2), 6)
        );
    }
    if c.calls.len() > MAX_LISTED {
        let _ = writeln!(out, "    ... and {} more calls", c.calls.len() - MAX_LISTED);
    }
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
        Stop::Unavailable {
            call,
            configured: false,
        } => format!("has no {call}()"),
        Stop::Unavailable {
            call,
            configured: true,
        } => format!("leaves {call}() out of this configuration"),
        Stop::Limit { reason } => format!("is not simulated ({reason})"),
    }
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
pub(crate) fn change_text(d: &Diff, style: Style, citer: &Citer) -> String {
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
                let _ = writeln!(s, "{}", style.dim(&block(text, text_width(style), INDENT)));
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
                let _ = writeln!(
                    s,
                    "{}",
                    style.mark(&block(&text, text_width(style), INDENT))
                );
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
                let _ = writeln!(
                    s,
                    "{}",
                    style.mark(&block(&text, text_width(style), INDENT))
                );
            }
        }
    }
    s
}
