//! The three figures: a run, a diff and a bisection, laid out from the traces with the
//! strips, axes, timelines and legends of `svg.rs`.

use super::map::{self, Claim, ClaimKind, Column, Handed, Holder};
use super::svg::{self, escape, n, Place};
use super::{
    Figure, Notes, COLUMN_BUDGET, LEGEND_ENTRIES, STRIP_COLUMNS, TABLE_ROWS, TIMELINE_BOXES,
};
use crate::compare::Bisect;
use crate::diff::{bit_delta, Diff};
use crate::parse::Scenario;
use crate::run::{CallRecord, Outcome, Trace};
use bootmem_core::{Call, MAX_NODE_PAGES};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Left margin: room for the release names and the vertical axis.
const LEFT: f64 = 84.0;
/// The length of a horizontal strip.
const LENGTH: f64 = 1000.0;
/// The width of a run's or a diff's figure.
const WIDTH: f64 = LEFT + LENGTH + 24.0;

/// A node as a picture shows it.
struct NodeView {
    nid: usize,
    start: u64,
    end: u64,
    /// The set bits; `None` where the bitmap is gone and no earlier state could be had.
    reserved: Option<Vec<(u64, u64)>>,
    /// Whether `reserved` is the state just before the first `free_all_bootmem*`,
    /// because the run dropped the bitmap.
    before_hand_off: bool,
    /// The pfn of the bitmap.
    bitmap: Option<u64>,
    /// `last_pos`, an index from the node's first pfn.
    last_pos: u64,
    handed: Vec<(u64, u64, Handed)>,
}

/// What each statement of the scenario does to frames.
fn kinds(scenario: &Scenario) -> Vec<Option<ClaimKind>> {
    scenario
        .statements
        .iter()
        .map(|s| map::claim_kind(&s.call))
        .collect()
}

/// The nodes of a trace as the picture shows them. Where the run dropped a bitmap (the
/// hand-off drops them all), the scenario is run again on the same release up to the
/// first `free_all_bootmem*` call, and the bitmap is drawn as it stood then.
fn views(scenario: &Scenario, trace: &Trace) -> Vec<NodeView> {
    let shift = trace.arch.page_shift.min(63);
    let dropped = trace.end.nodes.iter().any(|n| n.reserved.is_none());
    let hand_off = trace.calls.iter().position(|c| {
        map::statement_of(scenario, c.line).is_some_and(|i| {
            matches!(
                scenario.statements[i].call,
                Call::free_all_bootmem {} | Call::free_all_bootmem_node { .. }
            )
        })
    });
    let before = match (dropped, hand_off) {
        (true, Some(k)) => crate::versions::find(trace.version)
            .ok()
            .and_then(|release| {
                let mut prefix = scenario.clone();
                prefix
                    .statements
                    .truncate(map::statement_of(scenario, trace.calls[k].line).unwrap_or(0));
                crate::run::run(release, &prefix).ok()
            }),
        _ => None,
    };
    trace
        .end
        .nodes
        .iter()
        .map(|node| {
            let start = node.start_pfn(shift);
            let end = node
                .node_low_pfn
                .max(start)
                .min(start.saturating_add(MAX_NODE_PAGES));
            let earlier = || {
                before
                    .as_ref()?
                    .end
                    .nodes
                    .iter()
                    .find(|m| m.nid == node.nid)?
                    .reserved
                    .clone()
            };
            let (reserved, before_hand_off) = match &node.reserved {
                Some(r) => (Some(r.clone()), false),
                None => match earlier() {
                    Some(r) => (Some(r), true),
                    None => (None, false),
                },
            };
            NodeView {
                nid: node.nid,
                start,
                end,
                reserved,
                before_hand_off,
                bitmap: node.node_bootmem_map.map(|pa| pa >> shift).or_else(|| {
                    let b = before
                        .as_ref()?
                        .end
                        .nodes
                        .iter()
                        .find(|m| m.nid == node.nid)?;
                    b.node_bootmem_map.map(|pa| pa >> shift)
                }),
                last_pos: node.last_pos,
                handed: map::handed(start, end, &trace.end.freed),
            }
        })
        .collect()
}

/// The holders of a node's frames as runs, and as `max` columns at most.
type Holders = (Vec<(u64, u64, Holder)>, Vec<Column<Holder>>);

fn node_columns(v: &NodeView, claims: &[Claim], max: usize) -> Option<Holders> {
    let reserved = v.reserved.as_ref()?;
    let runs = map::holders(v.start, v.end, reserved, claims);
    let cols = map::columns(v.start, v.end, &runs, Holder::Free, max);
    Some((runs, cols))
}

/// How many pins (runs of frames a call holds) the nodes of one figure show together,
/// at most; each node shows at least [`MIN_PINS`].
const PINS: usize = 600;
/// How many pins a node shows at least.
const MIN_PINS: usize = 16;

/// Draws, under a strip, one pin per run of frames a call holds, at least two pixels
/// wide, so that an allocation of one page shows on a terabyte node; its scenario line
/// is written under it where there is room. Returns the height used.
fn pins(
    out: &mut String,
    y: f64,
    v: &NodeView,
    runs: &[(u64, u64, Holder)],
    scenario: &Scenario,
    kinds: &[Option<ClaimKind>],
    budget: usize,
) -> f64 {
    let span = v.end.saturating_sub(v.start).max(1);
    let pos = |pfn: u64| LEFT + LENGTH * (pfn.saturating_sub(v.start) as f64 / span as f64);
    let held: Vec<(u64, u64, usize)> = runs
        .iter()
        .filter_map(|&(s, e, h)| match h {
            Holder::Call(i) => Some((s, e, i)),
            _ => None,
        })
        .collect();
    if held.is_empty() {
        return 0.0;
    }
    let mut next_label = 0.0;
    for &(s, e, i) in held.iter().take(budget) {
        let (a, b) = (pos(s), pos(e));
        let w = (b - a).max(2.0);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" class=\"{}\"><title>{}</title></rect>",
            n(a),
            n(y + 1.0),
            n(w),
            svg::holder_class(Holder::Call(i), kinds),
            escape(&format!("pfns {s:#x}–{e:#x}: {}", holder_words(Holder::Call(i), scenario, kinds)))
        );
        if a >= next_label {
            svg::text(
                out,
                a,
                y + 16.0,
                "sm",
                &format!("L{}", scenario.statements[i].line),
            );
            next_label = a + 30.0;
        }
    }
    if held.len() > budget {
        svg::text(
            out,
            LEFT + LENGTH + 3.0,
            y + 8.0,
            "sm",
            &format!("+{}", held.len() - budget),
        );
    }
    18.0
}

/// The first pfn of column `k` of `count` over `[start, end)`.
fn column_start(start: u64, end: u64, count: usize, k: usize) -> u64 {
    let span = u128::from(end.saturating_sub(start));
    let off = span * k as u128 / count.max(1) as u128;
    start.saturating_add(u64::try_from(off).unwrap_or(u64::MAX))
}

/// A byte count in words: `32 MiB`, `1 TiB`, `16 KiB`.
fn bytes_words(bytes: u128) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut k = 0;
    let mut v = bytes;
    while k + 1 < units.len() && v >= 1024 && v.is_multiple_of(1024) {
        v /= 1024;
        k += 1;
    }
    if k == 0 && bytes >= 1024 {
        // A size that is no whole number of KiB reads better rounded.
        let mut f = bytes as f64;
        let mut u = 0;
        while u + 1 < units.len() && f >= 1024.0 {
            f /= 1024.0;
            u += 1;
        }
        return format!("{f:.1} {}", units[u]);
    }
    format!("{v} {}", units[k])
}

/// What a call record shows as its result.
fn result_words(c: &CallRecord) -> String {
    match &c.outcome {
        Outcome::Returned(v) => v.to_string(),
        Outcome::Stopped { stop, .. } => stop.to_string(),
    }
}

/// The words for a holder in tooltips.
fn holder_words(h: Holder, scenario: &Scenario, kinds: &[Option<ClaimKind>]) -> String {
    match h {
        Holder::Free => "free".to_string(),
        Holder::Unclaimed => {
            "reserved, no call claims it (set since the node was set up)".to_string()
        }
        Holder::Call(i) => {
            let s = &scenario.statements[i];
            let verb = match kinds.get(i).copied().flatten() {
                Some(ClaimKind::Reserve) => "reserved by",
                _ => "allocated by",
            };
            format!("{verb} line {}: {}", s.line, svg::cut(&s.text, 48))
        }
    }
}

/// The class of a timeline box for one call.
fn call_class(scenario: &Scenario, kinds: &[Option<ClaimKind>], c: &CallRecord) -> String {
    if c.stop().is_some() {
        return "st".to_string();
    }
    let Some(i) = map::statement_of(scenario, c.line) else {
        return "un".to_string();
    };
    match (kinds[i], &c.outcome) {
        (Some(ClaimKind::Free), _) => "fr".to_string(),
        (Some(ClaimKind::Reserve), _) => svg::holder_class(Holder::Call(i), kinds),
        (Some(ClaimKind::Alloc), Outcome::Returned(crate::run::Value::Pointer(Some(_)))) => {
            svg::holder_class(Holder::Call(i), kinds)
        }
        _ => "ot".to_string(),
    }
}

/// Draws the calls of `trace` as a row of boxes from `x` at `y`, `label` at its left;
/// the box of `mark_line` is outlined as the parting call. Returns the height used.
#[allow(clippy::too_many_arguments)]
fn timeline(
    out: &mut String,
    x: f64,
    y: f64,
    label: &str,
    scenario: &Scenario,
    kinds: &[Option<ClaimKind>],
    trace: &Trace,
    mark_line: Option<usize>,
) -> f64 {
    let calls = &trace.calls;
    svg::text(out, 4.0, y + 22.0, "", &svg::cut(label, 12));
    if calls.is_empty() {
        svg::text(out, x, y + 22.0, "", "no calls");
        return 40.0;
    }
    let per = calls.len().div_ceil(TIMELINE_BOXES);
    let boxes = calls.len().div_ceil(per);
    let w = (LENGTH / boxes as f64).min(28.0);
    let top = y + 12.0;
    let mut next_label = x;
    for b in 0..boxes {
        let group = &calls[b * per..((b + 1) * per).min(calls.len())];
        let first = &group[0];
        let shown = group.iter().find(|c| c.stop().is_some()).unwrap_or(first);
        let bx = x + w * b as f64;
        let tip = if group.len() == 1 {
            format!(
                "line {}: {} → {}",
                first.line,
                svg::cut(&first.call, 48),
                svg::cut(&result_words(first), 100)
            )
        } else {
            format!(
                "lines {}–{}: {} calls",
                first.line,
                group[group.len() - 1].line,
                group.len()
            )
        };
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" class=\"{}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{}</title></rect>",
            n(bx),
            n(top),
            n(w.max(0.5)),
            call_class(scenario, kinds, shown),
            escape(&tip)
        );
        if let Some(stop) = shown.stop() {
            let _ = writeln!(
                out,
                "<path d=\"M{} {} l-5 -8 h10 z\" fill=\"{}\"/>",
                n(bx + w / 2.0),
                n(top - 1.0),
                svg::STOP
            );
            svg::text(out, bx + w / 2.0 + 7.0, top - 2.0, "st", &stop_word(stop));
        }
        if mark_line.is_some_and(|l| group.iter().any(|c| c.line == l)) {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                n(bx - 2.0),
                n(top - 3.0),
                n(w.max(0.5) + 4.0),
                svg::PARTING
            );
        }
        if bx >= next_label {
            svg::text(out, bx, top + 25.0, "sm", &format!("L{}", first.line));
            next_label = bx + 36.0;
        }
    }
    44.0
}

/// A stop in one word or two, for markers.
fn stop_word(stop: &bootmem_core::Stop) -> String {
    match stop {
        bootmem_core::Stop::Bug { line, .. } => format!("BUG :{line}"),
        other => other.kind().to_string(),
    }
}

/// Draws one horizontal node strip with its markers, hand-off and axis; returns the
/// height used.
#[allow(clippy::too_many_arguments)]
fn node_strip(
    out: &mut String,
    y: f64,
    label: &str,
    v: &NodeView,
    claims: &[Claim],
    scenario: &Scenario,
    kinds: &[Option<ClaimKind>],
    max: usize,
    axis: bool,
    nodes: usize,
    highlight: Option<usize>,
) -> f64 {
    let span = v.end.saturating_sub(v.start).max(1);
    let pos = |pfn: u64| LEFT + LENGTH * (pfn.saturating_sub(v.start) as f64 / span as f64);
    // Markers above the strip: the bitmap and last_pos, an index from the first pfn.
    let mut h = 0.0;
    let markers: Vec<(u64, String, &str)> = v
        .bitmap
        .filter(|&p| p >= v.start && p < v.end)
        .map(|p| (p, format!("bitmap at pfn {p:#x}"), "bitmap"))
        .into_iter()
        .chain(
            v.start
                .checked_add(v.last_pos)
                .filter(|&p| v.last_pos != 0 && p < v.end)
                .map(|p| {
                    (
                        p,
                        format!("last_pos: index {:#x} = pfn {p:#x}", v.last_pos),
                        "last_pos",
                    )
                }),
        )
        .collect();
    if !markers.is_empty() {
        let mut free_x = 0.0;
        for (p, words, short) in &markers {
            let x = pos(*p);
            let _ = writeln!(
                out,
                "<path d=\"M{} {} l-4 -7 h8 z\" fill=\"#000\"><title>{}</title></path>",
                n(x),
                n(y + 11.0),
                escape(words)
            );
            // A label starts right of its marker, after the label before it, or ends
            // left of the marker near the strip's end.
            let (lx, anchor) = if x > LEFT + LENGTH - 60.0 {
                (x - 6.0, "end")
            } else {
                ((x + 6.0).max(free_x), "start")
            };
            free_x = lx + 6.0 * short.len() as f64 + 8.0;
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" class=\"sm\" text-anchor=\"{anchor}\">{short}</text>",
                n(lx),
                n(y + 8.0)
            );
        }
        h += 12.0;
    }
    svg::text(out, 4.0, y + h + 18.0, "", &svg::cut(label, 12));
    let place = Place {
        x: LEFT,
        y: y + h,
        length: LENGTH,
        thickness: 26.0,
        vertical: false,
    };
    let mut runs = Vec::new();
    match node_columns(v, claims, max) {
        Some((held, cols)) => {
            runs = held;
            let count = cols.len();
            svg::strip(
                out,
                place,
                &cols,
                |t| svg::holder_class(t, kinds),
                |k, j, t| {
                    Some(format!(
                        "pfns {:#x}–{:#x}: {}",
                        column_start(v.start, v.end, count, k),
                        column_start(v.start, v.end, count, j),
                        holder_words(t, scenario, kinds)
                    ))
                },
            );
            // The scenario line on every run of one call wide enough to hold it.
            let mut k = 0;
            while k < count {
                let mut j = k + 1;
                while j < count && cols[j] == cols[k] {
                    j += 1;
                }
                if let (Holder::Call(i), None) = (cols[k].main, cols[k].second) {
                    let (a, b) = (
                        LENGTH * k as f64 / count as f64,
                        LENGTH * j as f64 / count as f64,
                    );
                    let words = format!("L{}", scenario.statements[i].line);
                    if b - a >= 7.0 * words.len() as f64 + 4.0 {
                        let _ = writeln!(
                            out,
                            "<text x=\"{}\" y=\"{}\" class=\"lb\" text-anchor=\"middle\">{words}</text>",
                            n(LEFT + (a + b) / 2.0),
                            n(y + h + 17.0)
                        );
                    }
                }
                k = j;
            }
        }
        None => {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"26\" fill=\"#fafafa\" stroke=\"#bbb\"/>",
                n(LEFT),
                n(y + h),
                n(LENGTH)
            );
            svg::text(
                out,
                LEFT + 8.0,
                y + h + 17.0,
                "",
                "no bitmap to draw: the node's bitmap is gone",
            );
        }
    }
    // The frames the highlighted call claimed (a diff's parting call), outlined.
    if let Some(statement) = highlight {
        for c in claims
            .iter()
            .filter(|c| c.statement == statement && c.kind != ClaimKind::Free)
        {
            let (s, e) = (c.start.max(v.start), c.end.min(v.end));
            if s >= e {
                continue;
            }
            let (a, b) = (pos(s), pos(e));
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"28\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></rect>",
                n(a - 1.0),
                n(y + h - 1.0),
                n((b - a).max(1.0) + 2.0),
                svg::PARTING,
                escape(&format!("pfns {s:#x}–{e:#x}: claimed by the parting call"))
            );
        }
    }
    h += 26.0;
    if !v.handed.is_empty() {
        let cols = map::columns(v.start, v.end, &v.handed, Handed::No, max);
        let count = cols.len();
        let hand = Place {
            x: LEFT,
            y: y + h + 2.0,
            length: LENGTH,
            thickness: 6.0,
            vertical: false,
        };
        svg::strip(out, hand, &cols, svg::handed_class, |k, j, t| {
            let what = match t {
                Handed::No => return None,
                Handed::Yes => "handed to the page allocator",
                Handed::Bad => "handed over as bad pages",
            };
            Some(format!(
                "pfns {:#x}–{:#x}: {what}",
                column_start(v.start, v.end, count, k),
                column_start(v.start, v.end, count, j)
            ))
        });
        h += 8.0;
    }
    if axis {
        svg::axis(
            out,
            Place {
                y: y + h - 26.0,
                ..place
            },
            v.start,
            v.end,
        );
        h += 20.0;
    }
    h += pins(
        out,
        y + h,
        v,
        &runs,
        scenario,
        kinds,
        (PINS / nodes.max(1)).max(MIN_PINS),
    );
    h
}

/// The heading of a node: its id, span and size, and where its bitmap's picture
/// comes from.
fn node_heading(v: &NodeView, shift: u32) -> String {
    let bytes = u128::from(v.end - v.start) << shift.min(63);
    let mut words = format!(
        "node {} · pfns {:#x}–{:#x} · {} pages · {}",
        v.nid,
        v.start,
        v.end,
        v.end - v.start,
        bytes_words(bytes)
    );
    if v.before_hand_off {
        words.push_str(" · bitmap as it stood before the hand-off (free_all_bootmem drops it)");
    }
    words
}

/// The legend: the fixed colours, then one entry per call that claimed frames.
fn legend(
    out: &mut String,
    y: f64,
    scenario: &Scenario,
    kinds: &[Option<ClaimKind>],
    statements: &BTreeSet<usize>,
    result: impl Fn(usize) -> Option<String>,
) -> f64 {
    let fixed = [
        ("fr", "free (bit clear)"),
        ("un", "reserved, no call claims it"),
        ("ho", "handed to the page allocator"),
        ("hb", "handed over as bad pages"),
    ];
    let mut x = LEFT;
    for (class, words) in fixed {
        svg::swatch(out, x, y, class, words);
        x += 250.0;
    }
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" class=\"a0\"/><rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" class=\"mx\"/>",
        n(LEFT),
        n(y + 18.0),
        n(LEFT),
        n(y + 18.0)
    );
    svg::text(
        out,
        LEFT + 14.0,
        y + 27.0,
        "",
        "hatched: one pixel column holds several kinds of frame; its colour is the most frames', the lower band the next",
    );
    let mut h = 44.0;
    let shown: Vec<usize> = statements.iter().copied().take(LEGEND_ENTRIES).collect();
    for (k, &i) in shown.iter().enumerate() {
        let col = (k % 2) as f64;
        let row = (k / 2) as f64;
        let s = &scenario.statements[i];
        let mut words = format!("L{} {}", s.line, svg::cut(&s.text, 44));
        if let Some(r) = result(i) {
            let _ = write!(words, " → {}", svg::cut(&r, 20));
        }
        svg::swatch(
            out,
            LEFT + col * 500.0,
            y + h + row * 16.0,
            &svg::holder_class(Holder::Call(i), kinds),
            &words,
        );
    }
    h += 16.0 * shown.len().div_ceil(2) as f64;
    if statements.len() > shown.len() {
        svg::text(
            out,
            LEFT,
            y + h + 9.0,
            "",
            &format!(
                "… and {} more calls that claimed frames (colours repeat; the tooltips name them)",
                statements.len() - shown.len()
            ),
        );
        h += 16.0;
    }
    h + 4.0
}

/// The statements that claimed frames (reserved or allocated) in a trace.
fn claiming(claims: &[Claim]) -> BTreeSet<usize> {
    claims
        .iter()
        .filter(|c| c.kind != ClaimKind::Free)
        .map(|c| c.statement)
        .collect()
}

/// A one-line account of how a trace ended.
fn outcome_words(trace: &Trace) -> String {
    match trace.stop() {
        Some((call, stop)) => format!("stopped at line {}: {stop}", call.line),
        None => format!("completes: {} calls", trace.calls.len()),
    }
}

fn table_row(out: &mut String, class: &str, cells: &[String]) {
    let _ = write!(out, "<tr class=\"{class}\">");
    for c in cells {
        let _ = write!(out, "<td>{c}</td>");
    }
    out.push_str("</tr>\n");
}

fn swatch_html(class: &str) -> String {
    format!("<span class=\"sw {class}\"></span>")
}

/// The figure of one run.
pub fn run(scenario: &Scenario, trace: &Trace) -> Figure {
    run_noted(scenario, trace, &Notes::default())
}

/// The figure of one run, with the scenario's comments on the page.
pub fn run_noted(scenario: &Scenario, trace: &Trace, notes: &Notes) -> Figure {
    let kinds = kinds(scenario);
    let claims = map::claims(scenario, trace);
    let views = views(scenario, trace);
    let shift = trace.arch.page_shift;
    let max = (COLUMN_BUDGET / views.len().max(1)).clamp(16, STRIP_COLUMNS);
    let title = format!("{} on {}", trace.file, trace.version);
    let mut out = String::new();
    svg::text(&mut out, 4.0, 18.0, "t", &svg::cut(&title, 140));
    let outcome = outcome_words(trace);
    let class = if trace.stop().is_some() { "st" } else { "" };
    svg::text(
        &mut out,
        4.0,
        36.0,
        class,
        &format!("{} · {}", trace.arch.name, svg::cut(&outcome, 130)),
    );
    let mut y = 44.0;
    y += timeline(&mut out, LEFT, y, "calls", scenario, &kinds, trace, None);
    for v in &views {
        svg::text(&mut out, 4.0, y + 14.0, "", &node_heading(v, shift));
        y += 20.0;
        y += node_strip(
            &mut out,
            y,
            &format!("node {}", v.nid),
            v,
            &claims,
            scenario,
            &kinds,
            max,
            true,
            views.len(),
            None,
        );
        y += 10.0;
    }
    if views.is_empty() {
        svg::text(&mut out, 4.0, y + 14.0, "", "no node was set up");
        y += 24.0;
    }
    let results = |i: usize| {
        let line = scenario.statements[i].line;
        trace
            .calls
            .iter()
            .find(|c| c.line == line)
            .map(result_words)
    };
    y += legend(
        &mut out,
        y + 4.0,
        scenario,
        &kinds,
        &claiming(&claims),
        results,
    );
    let mut details = notes.header_html();
    details.push_str(
        "<table>\n<tr><th>line</th><th></th><th>call</th><th>result</th><th>printk</th><th>comment</th></tr>\n",
    );
    for c in trace.calls.iter().take(TABLE_ROWS) {
        let class = if c.stop().is_some() { "stop" } else { "" };
        table_row(
            &mut details,
            class,
            &[
                c.line.to_string(),
                swatch_html(&call_class(scenario, &kinds, c)),
                escape(&c.call),
                escape(&result_words(c)),
                escape(&c.printk.join(" / ")),
                notes.comment_html(c.line),
            ],
        );
    }
    details.push_str("</table>\n");
    if trace.calls.len() > TABLE_ROWS {
        let _ = writeln!(
            details,
            "<p>… and {} more calls (the text and JSON forms list them all).</p>",
            trace.calls.len() - TABLE_ROWS
        );
    }
    Figure {
        title,
        width: WIDTH,
        height: y + 8.0,
        body: out,
        details,
    }
}

/// The figure of a diff of two traces of `scenario`.
pub fn diff(scenario: &Scenario, a: &Trace, b: &Trace, d: &Diff) -> Figure {
    diff_noted(scenario, a, b, d, &Notes::default())
}

/// The figure of a diff, with the scenario's comments on the page.
pub fn diff_noted(scenario: &Scenario, a: &Trace, b: &Trace, d: &Diff, notes: &Notes) -> Figure {
    let kinds = kinds(scenario);
    let (ca, cb) = (map::claims(scenario, a), map::claims(scenario, b));
    let (va, vb) = (views(scenario, a), views(scenario, b));
    let shift = a.arch.page_shift;
    let mut nids: Vec<usize> = Vec::new();
    for v in va.iter().chain(vb.iter()) {
        if !nids.contains(&v.nid) {
            nids.push(v.nid);
        }
    }
    let max = (COLUMN_BUDGET / (2 * nids.len()).max(1)).clamp(16, STRIP_COLUMNS);
    let title = format!("{}: {} and {}", a.file, a.version, b.version);
    let parting = d.calls.parting.as_ref();
    let mut out = String::new();
    svg::text(&mut out, 4.0, 18.0, "t", &svg::cut(&title, 140));
    let summary = match (parting, d.identical()) {
        (_, true) => "the two traces are identical".to_string(),
        (Some(p), _) => format!(
            "they part at line {} ({}: {}): {}",
            p.call.line,
            p.kind.label(),
            p.kind.meaning(),
            p.call.call
        ),
        (None, _) => format!(
            "no call parts; {}",
            d.primary().map_or("the end state differs", |k| k.meaning())
        ),
    };
    svg::text(
        &mut out,
        4.0,
        36.0,
        if parting.is_some() { "pt" } else { "" },
        &svg::cut(&summary, 150),
    );
    let mark = parting.map(|p| p.call.line);
    let parting_statement = mark.and_then(|line| map::statement_of(scenario, line));
    let mut y = 44.0;
    y += timeline(&mut out, LEFT, y, a.version, scenario, &kinds, a, mark);
    y += timeline(&mut out, LEFT, y, b.version, scenario, &kinds, b, mark);
    for &nid in &nids {
        let (na, nb) = (
            va.iter().find(|v| v.nid == nid),
            vb.iter().find(|v| v.nid == nid),
        );
        // One axis for both: the union of the two spans.
        let start = na
            .iter()
            .chain(nb.iter())
            .map(|v| v.start)
            .min()
            .unwrap_or(0);
        let end = na
            .iter()
            .chain(nb.iter())
            .map(|v| v.end)
            .max()
            .unwrap_or(start);
        let widen = |v: &NodeView| NodeView {
            nid: v.nid,
            start,
            end,
            reserved: v.reserved.clone(),
            before_hand_off: v.before_hand_off,
            bitmap: v.bitmap,
            last_pos: v.last_pos.saturating_add(v.start - start),
            handed: v.handed.clone(),
        };
        let wa = na.map_or_else(|| absent(nid, start, end), widen);
        let wb = nb.map_or_else(|| absent(nid, start, end), widen);
        let mut heading = node_heading(&wa, shift);
        if na.is_none() || nb.is_none() {
            heading.push_str(" · on one release only");
        }
        svg::text(&mut out, 4.0, y + 14.0, "", &heading);
        y += 20.0;
        y += node_strip(
            &mut out,
            y,
            a.version,
            &wa,
            &ca,
            scenario,
            &kinds,
            max,
            false,
            2 * nids.len(),
            parting_statement,
        );
        // Between the two strips: the frames whose bits differ.
        if let (Some(ra), Some(rb)) = (&wa.reserved, &wb.reserved) {
            let delta: Vec<(u64, u64, u8)> = bit_delta(ra, rb)
                .into_iter()
                .map(|r| (r.start, r.end, 1u8))
                .collect();
            let cols = map::columns(start, end, &delta, 0u8, max);
            let count = cols.len();
            svg::strip(
                &mut out,
                Place {
                    x: LEFT,
                    y: y + 1.0,
                    length: LENGTH,
                    thickness: 6.0,
                    vertical: false,
                },
                &cols,
                |t| {
                    if t == 1 {
                        "st".to_string()
                    } else {
                        "hn".to_string()
                    }
                },
                |k, j, t| {
                    (t == 1).then(|| {
                        format!(
                            "pfns {:#x}–{:#x}: the bits differ",
                            column_start(start, end, count, k),
                            column_start(start, end, count, j)
                        )
                    })
                },
            );
            if !delta.is_empty() {
                svg::text(&mut out, LEFT + LENGTH + 3.0, y + 7.0, "st", "≠");
            }
        }
        y += 8.0;
        y += node_strip(
            &mut out,
            y,
            b.version,
            &wb,
            &cb,
            scenario,
            &kinds,
            max,
            true,
            2 * nids.len(),
            parting_statement,
        );
        y += 10.0;
    }
    let mut claimed = claiming(&ca);
    claimed.extend(claiming(&cb));
    y += legend(&mut out, y + 4.0, scenario, &kinds, &claimed, |_| None);
    let mut details = notes.header_html();
    let _ = write!(
        details,
        "<table>\n<tr><th>line</th><th>call</th><th>{}</th><th>{}</th><th>comment</th></tr>\n",
        escape(a.version),
        escape(b.version)
    );
    let lines: BTreeSet<usize> = a
        .calls
        .iter()
        .chain(b.calls.iter())
        .map(|c| c.line)
        .collect();
    for &line in lines.iter().take(TABLE_ROWS) {
        let (x, z) = (
            a.calls.iter().find(|c| c.line == line),
            b.calls.iter().find(|c| c.line == line),
        );
        let call = x.or(z).map(|c| &*c.call).unwrap_or("");
        let words =
            |c: Option<&CallRecord>| c.map_or_else(|| "(not reached)".to_string(), result_words);
        let class = if mark == Some(line) {
            "parting"
        } else if x.and_then(CallRecord::stop).is_some() || z.and_then(CallRecord::stop).is_some() {
            "stop"
        } else {
            ""
        };
        table_row(
            &mut details,
            class,
            &[
                line.to_string(),
                escape(call),
                escape(&words(x)),
                escape(&words(z)),
            ],
        );
    }
    details.push_str("</table>\n");
    if lines.len() > TABLE_ROWS {
        let _ = writeln!(
            details,
            "<p>… and {} more calls.</p>",
            lines.len() - TABLE_ROWS
        );
    }
    Figure {
        title,
        width: WIDTH,
        height: y + 8.0,
        body: out,
        details,
    }
}

/// A node one side does not have, over the span the other gives it.
fn absent(nid: usize, start: u64, end: u64) -> NodeView {
    NodeView {
        nid,
        start,
        end,
        reserved: None,
        before_hand_off: false,
        bitmap: None,
        last_pos: 0,
        handed: Vec::new(),
    }
}

/// The figure of a bisection: one column per run of releases with identical traces.
pub fn bisect(scenario: &Scenario, b: &Bisect) -> Figure {
    bisect_noted(scenario, b, &Notes::default())
}

/// The figure of a bisection, with the scenario's header comment on the page.
pub fn bisect_noted(scenario: &Scenario, b: &Bisect, notes: &Notes) -> Figure {
    let kinds = kinds(scenario);
    let title = format!("{} on every release", b.file);
    let mut out = String::new();
    svg::text(&mut out, 4.0, 18.0, "t", &svg::cut(&title, 140));
    // Runs of releases whose traces are identical: [first, last] indices.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for k in 0..b.traces.len() {
        let same = k > 0 && b.steps.get(k - 1).is_some_and(Diff::identical);
        match groups.last_mut() {
            Some(g) if same => g.1 = k,
            _ => groups.push((k, k)),
        }
    }
    let shown: Vec<(usize, Vec<NodeView>, Vec<Claim>)> = groups
        .iter()
        .map(|&(first, _)| {
            let t = &b.traces[first];
            (first, views(scenario, t), map::claims(scenario, t))
        })
        .collect();
    let mut nids: Vec<(usize, u64, u64)> = Vec::new();
    for (_, vs, _) in &shown {
        for v in vs {
            match nids.iter_mut().find(|x| x.0 == v.nid) {
                Some(x) => {
                    x.1 = x.1.min(v.start);
                    x.2 = x.2.max(v.end);
                }
                None => nids.push((v.nid, v.start, v.end)),
            }
        }
    }
    let strips = (groups.len() * nids.len()).max(1);
    let node_length = (640.0 / nids.len().max(1) as f64).clamp(80.0, 260.0);
    let max = (COLUMN_BUDGET / strips).clamp(8, node_length as usize);
    let column = 70.0;
    let x0 = LEFT + 10.0;
    let shift = b.traces.first().map_or(12, |t| t.arch.page_shift);
    svg::text(
        &mut out,
        4.0,
        36.0,
        "",
        &format!(
            "{} releases in {} runs of identical traces; each column starts where the trace changes",
            b.traces.len(),
            groups.len()
        ),
    );
    let head = 48.0;
    for (g, &(first, last)) in groups.iter().enumerate() {
        let x = x0 + column * g as f64;
        let t = &b.traces[first];
        svg::text(&mut out, x, head + 10.0, "", &svg::cut(t.version, 10));
        if last > first {
            svg::text(
                &mut out,
                x,
                head + 22.0,
                "sm",
                &svg::cut(&format!("… {}", b.traces[last].version), 12),
            );
        }
        let (class, words, at) = match t.stop() {
            Some((c, s)) => ("st", stop_word(s), format!("at line {}", c.line)),
            None => ("", "completes".to_string(), String::new()),
        };
        svg::text(&mut out, x, head + 34.0, class, &svg::cut(&words, 10));
        svg::text(&mut out, x, head + 45.0, "sm", &at);
        if let Some(step) = first.checked_sub(1).and_then(|k| b.steps.get(k)) {
            let kind = step.primary().map_or("changed", |k| k.label());
            svg::text(
                &mut out,
                x,
                head + 57.0,
                "pt",
                &svg::cut(&format!("← {kind}"), 10),
            );
            if let Some((_, commit)) = step.all_reasons().iter().find_map(|r| r.commit) {
                svg::text(&mut out, x, head + 68.0, "sm", &svg::cut(commit.id, 12));
            }
        }
    }
    let mut y = head + 76.0;
    for &(nid, start, end) in &nids {
        svg::text(
            &mut out,
            4.0,
            y + 12.0,
            "",
            &node_heading(&absent(nid, start, end), shift),
        );
        y += 18.0;
        svg::axis(
            &mut out,
            Place {
                x: x0 - 4.0,
                y,
                length: node_length,
                thickness: 0.0,
                vertical: true,
            },
            start,
            end,
        );
        for (g, (first, vs, claims)) in shown.iter().enumerate() {
            let x = x0 + column * g as f64;
            let place = Place {
                x,
                y,
                length: node_length,
                thickness: 28.0,
                vertical: true,
            };
            let Some(v) = vs.iter().find(|v| v.nid == nid) else {
                svg::text(&mut out, x, y + 12.0, "sm", "absent");
                continue;
            };
            let reserved = v.reserved.as_ref();
            match reserved {
                Some(r) => {
                    let runs = map::holders(start, end, r, claims);
                    let cols = map::columns(start, end, &runs, Holder::Free, max);
                    let count = cols.len();
                    let version = b.traces[*first].version;
                    svg::strip(
                        &mut out,
                        place,
                        &cols,
                        |t| svg::holder_class(t, &kinds),
                        |k, j, t| {
                            Some(format!(
                                "{version}: pfns {:#x}–{:#x}: {}",
                                column_start(start, end, count, k),
                                column_start(start, end, count, j),
                                holder_words(t, scenario, &kinds)
                            ))
                        },
                    );
                }
                None => {
                    svg::text(&mut out, x, y + 12.0, "sm", "no bitmap");
                }
            }
            if !v.handed.is_empty() {
                let cols = map::columns(start, end, &v.handed, Handed::No, max);
                svg::strip(
                    &mut out,
                    Place {
                        x: x + 30.0,
                        thickness: 5.0,
                        ..place
                    },
                    &cols,
                    svg::handed_class,
                    |_, _, _| None,
                );
            }
        }
        y += node_length + 14.0;
    }
    let mut claimed = BTreeSet::new();
    for (_, _, c) in &shown {
        claimed.extend(claiming(c));
    }
    y += legend(&mut out, y + 4.0, scenario, &kinds, &claimed, |_| None);
    let width = (x0 + column * groups.len() as f64 + 20.0).max(WIDTH);
    let mut details = notes.header_html();
    details.push_str("<table>\n<tr><th>releases</th><th>outcome</th><th>change from the column before</th><th>commits</th></tr>\n");
    for (g, &(first, last)) in groups.iter().enumerate() {
        let t = &b.traces[first];
        let names = if last > first {
            format!("{} … {}", t.version, b.traces[last].version)
        } else {
            t.version.to_string()
        };
        let (change, commits) = match first.checked_sub(1).and_then(|k| b.steps.get(k)) {
            Some(step) if g > 0 => {
                let mut ids: Vec<String> = Vec::new();
                for r in step.all_reasons() {
                    if let Some((_, c)) = r.commit {
                        let id = format!("{} {}", svg::cut(c.id, 12), c.title);
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
                (
                    step.primary().map_or("", |k| k.meaning()).to_string(),
                    ids.join("; "),
                )
            }
            _ => (String::new(), String::new()),
        };
        let class = if t.stop().is_some() { "stop" } else { "" };
        table_row(
            &mut details,
            class,
            &[
                escape(&names),
                escape(&outcome_words(t)),
                escape(&change),
                escape(&commits),
            ],
        );
    }
    details.push_str("</table>\n");
    Figure {
        title,
        width,
        height: y + 8.0,
        body: out,
        details,
    }
}
