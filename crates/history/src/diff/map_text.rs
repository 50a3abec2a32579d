//! The final state of one node in a diff: its fields side by side and its bitmap, drawn
//! as a compact map with the differing pages marked and listed.

use super::text::MAX_LISTED;
use super::{Bits, Diff, NodeDiff, Side};
use crate::prose::Style;
use crate::run::NodeTrace;
use std::fmt::Write;

/// How many cells the compact bitmap map has at most.
const MAP_CELLS: u64 = 64;

pub(super) fn node(out: &mut String, d: &Diff, n: &NodeDiff, style: Style) {
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
            f.label(),
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
    let _ = writeln!(
        out,
        "      {:<width$} {}",
        "pfn",
        style.dim(&pfn_axis(start, end, per, cells))
    );
}

/// How many cells apart the labels of the pfn axis stand.
const AXIS_STEP: u64 = 16;

/// The pfn axis under a map of `cells` cells of `per` pages from `start`: the first pfn
/// of every `AXIS_STEP`th cell, written from that cell's column (the map's opening `|`
/// stands at column 0), and the node's end pfn from the closing `|`, each label kept
/// only where it does not run into the one before it.
fn pfn_axis(start: u64, end: u64, per: u64, cells: u64) -> String {
    let mut marks: Vec<(u64, String)> = (0..cells)
        .step_by(usize::try_from(AXIS_STEP).unwrap_or(usize::MAX))
        .map(|k| {
            (
                k + 1,
                format!("{:#x}", start.saturating_add(k.saturating_mul(per))),
            )
        })
        .collect();
    let closing = (cells + 1, format!("{end:#x}"));
    // The end is worth more than the tick before it: drop ticks it would run into.
    while marks
        .last()
        .is_some_and(|(at, text)| marks.len() > 1 && at + text.len() as u64 >= closing.0)
    {
        marks.pop();
    }
    marks.push(closing);
    let mut line = String::new();
    for (at, text) in marks {
        let at = usize::try_from(at).unwrap_or(usize::MAX);
        let column = line.chars().count();
        if column > 0 && at <= column {
            continue;
        }
        line.push_str(&" ".repeat(at.saturating_sub(column)));
        line.push_str(&text);
    }
    line
}
