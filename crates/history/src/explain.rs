//! The step-through of one call: what the release's code did inside it, step by step.
//!
//! The scenario runs up to the call on the given line as `run` runs it; that call runs
//! with the machine's step log on (see [`bootmem_core::steps`]), and the explanation
//! holds the steps with the nodes as they stood before the call, so that a bitmap
//! index can be read as a page frame and a byte read past a bitmap can be measured
//! from its end. [`text`] renders it for people, in kernel terms; [`ExplainJson`] is
//! its JSON form.

use crate::error::Error;
use crate::json::{Address, Returned, StopJson};
use crate::parse::{Scenario, Statement};
use crate::prose::{fit, Style};
use crate::run::{CallRecord, NodeTrace, Outcome, Session};
use bootmem_core::steps::{BitLoop, Step};
use bootmem_core::{Arch, Costs, Release};
use serde::Serialize;
use std::fmt::{self, Write};

/// A line of a scenario that `explain` cannot step through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoCall {
    /// The scenario file.
    pub file: String,
    /// The line asked for.
    pub line: usize,
    /// Why there is nothing to step through.
    pub why: NoCallWhy,
}

/// Why a line has no call to step through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoCallWhy {
    /// The line holds no call (a comment, a blank, a header line); the nearest line
    /// that does, if any.
    NotACall {
        /// The nearest call line.
        nearest: Option<usize>,
    },
    /// The line lies past the end of the scenario's text, which has `lines` lines.
    PastEnd {
        /// The lines the text has.
        lines: usize,
    },
    /// The boot stopped at an earlier call, so the line never ran.
    NotReached {
        /// The line of the call that stopped the boot.
        stopped_at: usize,
        /// How it stopped.
        stop: String,
    },
}

impl NoCall {
    /// Why, in a sentence, without the location.
    pub fn reason(&self) -> String {
        match &self.why {
            NoCallWhy::NotACall { nearest: Some(n) } => format!(
                "line {} holds no call to step through; the nearest call is on line {n}",
                self.line
            ),
            NoCallWhy::NotACall { nearest: None } => format!(
                "line {} holds no call to step through, and the scenario has no calls",
                self.line
            ),
            NoCallWhy::PastEnd { lines } => format!(
                "line {} is past the end of the scenario, which has {lines} line{}",
                self.line,
                if *lines == 1 { "" } else { "s" }
            ),
            NoCallWhy::NotReached { stopped_at, stop } => format!(
                "line {} never runs: the boot stops at line {stopped_at} ({stop})",
                self.line
            ),
        }
    }
}

impl fmt::Display for NoCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:1: {}", self.file, self.line, self.reason())
    }
}

/// What the release did inside one call.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The release.
    pub version: &'static str,
    /// The scenario file.
    pub file: String,
    /// The machine.
    pub arch: Arch,
    /// The call, as the trace records it.
    pub call: CallRecord,
    /// The nodes as they stood before the call.
    pub nodes: Vec<NodeTrace>,
    /// The steps kept, with `None` where the log dropped some.
    pub steps: Vec<Option<Step>>,
    /// How many entries the log dropped.
    pub dropped: u64,
}

/// Runs `scenario` on `release` up to the call on `line`, and that call step by step.
pub fn explain(
    release: &'static Release,
    scenario: &Scenario,
    line: usize,
) -> Result<Explanation, Error> {
    let Some(target) = scenario.statements.iter().position(|s| s.line == line) else {
        let nearest = scenario
            .statements
            .iter()
            .map(|s| s.line)
            .min_by_key(|&l| (l.abs_diff(line), l));
        return Err(Error::NoCall(NoCall {
            file: scenario.file.clone(),
            line,
            why: NoCallWhy::NotACall { nearest },
        }));
    };
    let mut session = Session::new(release, scenario)?;
    for s in &scenario.statements[..target] {
        let record = session.call(s);
        if let Some(stop) = record.stop() {
            return Err(Error::NoCall(NoCall {
                file: scenario.file.clone(),
                line,
                why: NoCallWhy::NotReached {
                    stopped_at: s.line,
                    stop: stop.to_string(),
                },
            }));
        }
    }
    Ok(step_through(
        &mut session,
        release,
        scenario,
        &scenario.statements[target],
    ))
}

/// Every call of `scenario` on `release`, step by step, up to the one that stops the
/// boot (`run --steps`).
pub fn explain_all(
    release: &'static Release,
    scenario: &Scenario,
) -> Result<Vec<Explanation>, Error> {
    let mut session = Session::new(release, scenario)?;
    let mut all = Vec::new();
    for s in &scenario.statements {
        let e = step_through(&mut session, release, scenario, s);
        let stopped = e.call.stop().is_some();
        all.push(e);
        if stopped {
            break;
        }
    }
    Ok(all)
}

/// Runs the call `s` with the step log on.
fn step_through(
    session: &mut Session,
    release: &'static Release,
    scenario: &Scenario,
    s: &Statement,
) -> Explanation {
    let nodes = session.nodes();
    session.record_steps();
    let call = session.call(s);
    let log = session.take_steps();
    Explanation {
        version: release.name,
        file: scenario.file.clone(),
        arch: scenario.arch.clone(),
        call,
        nodes,
        steps: log.entries().map(|s| s.cloned()).collect(),
        dropped: log.dropped(),
    }
}

/// What the text needs to know of the node a step works on.
struct Context<'a> {
    arch: &'a Arch,
    nodes: &'a [NodeTrace],
}

impl Context<'_> {
    /// The node whose bitmap lies at physical `map`.
    fn node(&self, map: u64) -> Option<&NodeTrace> {
        self.nodes.iter().find(|n| n.node_bootmem_map == Some(map))
    }

    /// Bits in a node's bitmap: its pages.
    fn bits(&self, n: &NodeTrace) -> u64 {
        n.node_low_pfn
            .wrapping_sub(n.node_boot_start >> self.arch.page_shift)
    }

    /// Bytes `init_bootmem_core()` filled: a bit a page, rounded up to a long.
    fn bytes(&self, n: &NodeTrace) -> u64 {
        let long = u64::from(self.arch.bits_per_long / 8);
        self.bits(n).div_ceil(8).div_ceil(long).saturating_mul(long)
    }

    /// How index `i` of bitmap `map` reads as a page frame, when the node is known.
    fn pfn(&self, map: u64, i: u64) -> String {
        match self.node(map) {
            Some(n) => format!(
                "pfn {:#x}",
                (n.node_boot_start >> self.arch.page_shift).wrapping_add(i)
            ),
            None => "pfn unknown".to_string(),
        }
    }

    /// Where physical `addr` lies past the end of bitmap `map`, if it does.
    fn past_end(&self, map: u64, addr: u64) -> Option<String> {
        let n = self.node(map)?;
        let end = map.checked_add(self.bytes(n))?;
        (addr >= end).then(|| match addr - end {
            0 => format!("the first byte after the bitmap's {} bytes", self.bytes(n)),
            k => format!(
                "{k} bytes after the end of the bitmap's {} bytes",
                self.bytes(n)
            ),
        })
    }
}

/// An index range `a`-`b`, or one index.
fn span(a: u64, b: u64) -> String {
    if a == b {
        format!("{a:#x}")
    } else {
        format!("{a:#x}-{b:#x}")
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The C operation a loop repeats.
fn operation(kind: BitLoop) -> &'static str {
    match kind {
        BitLoop::TestAndSet => "test_and_set_bit",
        BitLoop::TestAndClear => "test_and_clear_bit",
        BitLoop::UntilSet | BitLoop::UntilClear | BitLoop::Candidates { .. } => "test_bit",
    }
}

/// What one loop found, from its first index `from` to `to`.
fn loop_result(kind: BitLoop, from: u64, to: u64, stop: Option<u64>) -> String {
    let last = to.saturating_sub(1);
    let before = |j: u64| (j > from).then(|| span(from, j - 1));
    match (kind, stop) {
        (_, None) if from >= to => "nothing to test".to_string(),
        (BitLoop::TestAndSet, None) => "each was clear and is now set".to_string(),
        (BitLoop::TestAndSet, Some(j)) => match before(j) {
            Some(b) => format!("{b} were clear and are now set; {j:#x} was set already"),
            None => format!("{j:#x} was set already"),
        },
        (BitLoop::TestAndClear, None) => "each was set and is now clear".to_string(),
        (BitLoop::TestAndClear, Some(j)) => match before(j) {
            Some(b) => format!("{b} were set and are now clear; {j:#x} was clear already"),
            None => format!("{j:#x} was clear already"),
        },
        (BitLoop::UntilSet, None) => format!("all clear to {last:#x}"),
        (BitLoop::UntilSet, Some(j)) => match before(j) {
            Some(b) => format!("{b} clear, {j:#x} set"),
            None => format!("{j:#x} set"),
        },
        (BitLoop::UntilClear, None) => format!("all set to {last:#x}"),
        (BitLoop::UntilClear, Some(j)) => match before(j) {
            Some(b) => format!("{b} set, {j:#x} clear"),
            None => format!("{j:#x} clear"),
        },
        (BitLoop::Candidates { .. }, None) => format!("no clear bit below eidx {to:#x}"),
        (BitLoop::Candidates { .. }, Some(j)) if j == from => {
            format!("{j:#x} clear: the candidate")
        }
        (BitLoop::Candidates { .. }, Some(j)) => {
            format!("set from {from:#x}, {j:#x} clear: the candidate")
        }
    }
}

/// One step as a line of text.
fn step_line(c: &Context, step: &Step) -> String {
    match *step {
        Step::Loop {
            kind,
            map,
            from,
            to,
            stop,
            tests,
            repeats,
            stride,
        } => {
            let op = operation(kind);
            let every = match kind {
                BitLoop::Candidates { incr } if incr > 1 => format!(", every {incr:#x}"),
                _ => String::new(),
            };
            let end = stop.unwrap_or(to.saturating_sub(1)).max(from);
            if repeats == 1 && matches!(kind, BitLoop::Candidates { .. }) && stop == Some(from) {
                return format!("{op}({from:#x}) ({}): clear, a candidate", c.pfn(map, from));
            }
            if repeats == 1 && (from.checked_add(1) == Some(to) || stop == Some(from)) {
                let found = match (kind, stop) {
                    (BitLoop::TestAndSet, None) => "it was clear and is now set",
                    (BitLoop::TestAndSet, Some(_)) => "it was set already",
                    (BitLoop::TestAndClear, None) => "it was set and is now clear",
                    (BitLoop::TestAndClear, Some(_)) => "it was clear already",
                    (BitLoop::UntilSet, Some(_)) | (BitLoop::UntilClear, None) => "set",
                    (BitLoop::UntilSet, None)
                    | (BitLoop::UntilClear, Some(_))
                    | (BitLoop::Candidates { .. }, Some(_)) => "clear",
                    (BitLoop::Candidates { .. }, None) => "set",
                };
                return format!("{op}({from:#x}) ({}): {found}", c.pfn(map, from));
            }
            if repeats == 1 {
                return format!(
                    "{op} on bits {}{every} (from {}): {}; {}",
                    span(from, end),
                    c.pfn(map, from),
                    plural(tests, "test", "tests"),
                    loop_result(kind, from, to, stop)
                );
            }
            let last = from.saturating_add(stride.saturating_mul(repeats - 1));
            let relative = stop.map(|j| j.wrapping_sub(from));
            let each = match (kind, relative) {
                (BitLoop::Candidates { .. }, Some(0)) => {
                    "each found its first bit clear, a candidate".to_string()
                }
                (BitLoop::Candidates { .. }, Some(d)) => {
                    format!("each found a clear bit, a candidate, {d:#x} past its start")
                }
                (_, Some(d)) => format!("each stopped {d:#x} past its start"),
                (_, None) => "each ran to its end".to_string(),
            };
            format!(
                "{repeats} {op} loops{every}, starting at {} ({stride:#x} apart): {}; {each}",
                span(from, last),
                plural(tests, "test", "tests")
            )
        }
        Step::Window {
            map,
            from,
            end,
            eidx,
            conflict,
            tests,
            repeats,
            stride,
            conflict_stride,
        } => {
            let candidate = from.wrapping_sub(1);
            let pages = end.wrapping_sub(candidate);
            let verdict = match conflict {
                None => "free: the allocation fits here".to_string(),
                Some(j) if j >= eidx => {
                    format!("reaches eidx {eidx:#x}, the end of the node: it does not fit")
                }
                Some(j) => format!("blocked by bit {j:#x} ({}), which is set", c.pfn(map, j)),
            };
            if repeats == 1 {
                let tested = if from < end {
                    format!(
                        "test_bit on {}: {}",
                        span(from, end - 1),
                        plural(tests, "test", "tests")
                    )
                } else {
                    "no page past the candidate to test".to_string()
                };
                format!(
                    "scan window at {candidate:#x} ({}, {}): {tested}; {verdict}",
                    c.pfn(map, candidate),
                    plural(pages, "page", "pages"),
                )
            } else {
                let last = candidate.saturating_add(stride.saturating_mul(repeats - 1));
                let verdict = match conflict {
                    Some(j) if conflict_stride > 0 && j < eidx => format!(
                        "blocked by the set bit {:#x} past its candidate ({j:#x} to {:#x})",
                        j.wrapping_sub(candidate),
                        j.saturating_add(conflict_stride.saturating_mul(repeats - 1))
                    ),
                    _ => verdict,
                };
                format!(
                    "{repeats} scan windows at {} ({stride:#x} apart, {} each): {} in all; each {verdict}",
                    span(candidate, last),
                    plural(pages, "page", "pages"),
                    plural(tests, "test", "tests")
                )
            }
        }
        Step::Search {
            map,
            size,
            offset,
            answer,
            words,
            last_word,
            repeats,
            stride,
            answer_stride,
        } => {
            if repeats > 1 {
                let at = |first: u64, step: u64| {
                    span(
                        first,
                        first.saturating_add(step.saturating_mul(repeats - 1)),
                    )
                };
                let past = if answer >= size {
                    ", each past the bitmap's last bit"
                } else {
                    ""
                };
                return format!(
                    "{repeats} find_next_zero_bit(map, size {size:#x}, offset) calls, offsets {} ({stride:#x} apart): answers {} ({answer_stride:#x} apart){past}; {} read in all",
                    at(offset, stride),
                    at(answer, answer_stride),
                    plural(words, "word", "words")
                );
            }
            let mut line = format!(
                "find_next_zero_bit(map, size {size:#x}, offset {offset:#x}) = {answer:#x}, after reading {}",
                plural(words, "word", "words")
            );
            if answer >= size {
                let _ = write!(
                    line,
                    "; that is past the bitmap's last bit {:#x}: no zero bit found below it",
                    size.wrapping_sub(1)
                );
                if let Some((addr, bytes, value)) = last_word {
                    let _ = write!(
                        line,
                        "; the last word read, {bytes} bytes at physical {addr:#x}, held {value:#x}"
                    );
                    if let Some(past) = c.past_end(map, addr) {
                        let _ = write!(line, " ({past})");
                    }
                }
            } else {
                let _ = write!(line, " ({})", c.pfn(map, answer));
            }
            line
        }
        Step::Test {
            map,
            nr,
            byte,
            value,
            set,
            repeats,
            stride,
        } => {
            let found = if set { "set" } else { "clear" };
            if repeats > 1 {
                let last = nr.saturating_add(stride.saturating_mul(repeats - 1));
                return format!(
                    "{repeats} test_bit calls on bits {} ({stride:#x} apart): each {found}",
                    span(nr, last)
                );
            }
            let mut line = format!("test_bit({nr:#x}) = {found} ({})", c.pfn(map, nr));
            if let Some(n) = c.node(map) {
                if nr >= c.bits(n) {
                    let _ = write!(
                        line,
                        "; the index is past the bitmap's last bit {:#x}: it reads the byte at \
                         physical {byte:#x}, which holds {value:#04x}",
                        c.bits(n).wrapping_sub(1)
                    );
                    if let Some(past) = c.past_end(map, byte) {
                        let _ = write!(line, " ({past})");
                    }
                }
            }
            line
        }
        Step::Words {
            map,
            index,
            count,
            value,
        } => {
            let bits = u64::from(c.arch.bits_per_long);
            let reserved = u64::from(value.count_ones());
            let meaning = if value == 0 {
                format!("all {bits} pages free")
            } else if reserved == bits {
                "no page free".to_string()
            } else {
                format!("{} of {bits} pages free", bits - reserved)
            };
            let first = index.saturating_mul(bits);
            let last = index
                .saturating_add(count)
                .saturating_mul(bits)
                .saturating_sub(1);
            let words = if count == 1 {
                format!("map[{index:#x}]")
            } else {
                format!(
                    "map[{index:#x}] to map[{:#x}], {count} words",
                    index.saturating_add(count - 1)
                )
            };
            format!(
                "{words} (bits {}, from {}): {}{value:#x}, {meaning}",
                span(first, last),
                c.pfn(map, first),
                if count == 1 { "" } else { "each " }
            )
        }
        Step::HandOff {
            pfn,
            order,
            blocks,
            bad,
        } => {
            let frames = blocks.saturating_mul(1 << order.min(63));
            let check = if bad {
                "each failed free_pages_check() (bad page state; freed all the same)"
            } else {
                "each passed the page allocator's checks"
            };
            let end = pfn.saturating_add(frames);
            // The bitmap's own pages go last, and fold into the free pages below them.
            let own = c.nodes.iter().find_map(|n| {
                let first = n.node_bootmem_map? >> c.arch.page_shift;
                let pages = c.bytes(n).div_ceil(1 << c.arch.page_shift);
                (order == 0 && first >= pfn && first.saturating_add(pages) == end).then_some(first)
            });
            let line = |from: u64, to: u64, what: &str| {
                format!(
                    "to the page allocator{what}: {} of order {order} at pfns {}: {check}",
                    plural((to - from) >> order.min(63), "block", "blocks"),
                    span(from, to.saturating_sub(1))
                )
            };
            match own {
                Some(first) if first > pfn => format!(
                    "{}\n    {}",
                    line(pfn, first, ""),
                    line(first, end, ", the bitmap's own pages")
                ),
                Some(first) => line(first, end, ", the bitmap's own pages"),
                None => line(pfn, end, ""),
            }
        }
        Step::Path(p) => format!(
            "code path of {}: {}",
            p.commit.get(..10).unwrap_or(p.commit),
            p.what
        ),
        Step::Restart { from, to } => format!(
            "restart: nothing fitted from index {from:#x} to the end of the node, and the \
             scan did not start at its lowest index; it starts again from index {to:#x}"
        ),
        Step::SubPageMerge {
            start,
            align,
            last_pos,
            last_offset,
            merged,
        } => {
            let state = format!(
                "last_pos (an index) {last_pos:#x}, last_offset {last_offset:#x}, found index {start:#x}, align {align:#x}"
            );
            let page = 1u64 << c.arch.page_shift;
            if merged {
                let offset =
                    last_offset.wrapping_add(align.wrapping_sub(1)) & !align.wrapping_sub(1);
                return format!(
                    "sub-page merge: {state}: start is last_pos + 1 and the last page is \
                     partly used, so the allocation starts in page {last_pos:#x} at offset \
                     {offset:#x}"
                );
            }
            let why = if last_offset == 0 {
                "last_offset is 0: the last allocation ended on a page boundary".to_string()
            } else if last_pos.wrapping_add(1) != start {
                format!(
                    "start is not last_pos + 1 ({:#x}): the pages are not adjacent",
                    last_pos.wrapping_add(1)
                )
            } else if align >= page {
                format!(
                    "align {align:#x} is not below the page size {page:#x} this release merges for"
                )
            } else {
                "the release does not merge here".to_string()
            };
            format!("no sub-page merge: {state}: {why}; the allocation starts at page {start:#x}")
        }
    }
}

/// The function of the release's `mm/bootmem.c` a step runs in, as far as the step
/// says; `allocating` when the call's scan has begun (the allocation then marks its
/// pages with the same loop a reservation uses).
fn function_of(step: &Step, allocating: bool) -> Option<&'static str> {
    match step {
        Step::Window { .. }
        | Step::Search { .. }
        | Step::Test { .. }
        | Step::Restart { .. }
        | Step::SubPageMerge { .. }
        | Step::Loop {
            kind: BitLoop::Candidates { .. },
            ..
        } => Some("__alloc_bootmem_core"),
        Step::Loop {
            kind: BitLoop::TestAndSet,
            ..
        } if allocating => Some("__alloc_bootmem_core"),
        Step::Loop {
            kind: BitLoop::TestAndSet,
            ..
        } => Some("reserve_bootmem_core"),
        Step::Loop {
            kind: BitLoop::TestAndClear,
            ..
        } => Some("free_bootmem_core"),
        Step::Loop { .. } | Step::Words { .. } => Some("free_all_bootmem_core"),
        Step::HandOff { .. } | Step::Path(_) => None,
    }
}

/// The map a step works on, if it works on one.
fn map_of(step: &Step) -> Option<u64> {
    match *step {
        Step::Loop { map, .. }
        | Step::Window { map, .. }
        | Step::Search { map, .. }
        | Step::Test { map, .. }
        | Step::Words { map, .. } => Some(map),
        _ => None,
    }
}

fn costs_line(costs: &Costs) -> String {
    let counted: Vec<String> = costs
        .fields()
        .iter()
        .filter(|(_, v)| *v > 0)
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    if counted.is_empty() {
        "nothing counted".to_string()
    } else {
        counted.join(", ")
    }
}

/// The explanation as text, every line whole: the form the snapshots keep.
pub fn text(e: &Explanation) -> String {
    painted(e, Style::PLAIN)
}

/// The explanation as the command prints it, lines fitted to the style's width.
pub fn text_styled(e: &Explanation, style: Style) -> String {
    fit(&painted(e, style), style.width)
}

fn painted(e: &Explanation, style: Style) -> String {
    let c = Context {
        arch: &e.arch,
        nodes: &e.nodes,
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.head(&format!(
            "{} on {}, {} line {}: {}",
            e.version, e.arch.name, e.file, e.call.line, e.call.call
        ))
    );
    let ending = match &e.call.outcome {
        Outcome::Returned(v) => format!("returned {v}"),
        Outcome::Stopped { stop, .. } => format!("stopped the boot: {stop}"),
    };
    let _ = writeln!(out, "  {ending}");
    let _ = writeln!(out, "  cost: {}", costs_line(&e.call.costs));
    let mut current: Option<(u64, &str)> = None;
    let mut allocating = false;
    if e.steps.is_empty() {
        let _ = writeln!(out, "\n  no bitmap operation, hand-off or decision to show");
    }
    for step in &e.steps {
        let Some(step) = step else {
            let _ = writeln!(
                out,
                "    {}",
                style.dim(&format!(
                    "... {} more steps not shown (the cost line counts them all) ...",
                    e.dropped
                ))
            );
            continue;
        };
        let function = function_of(step, allocating);
        allocating |= function == Some("__alloc_bootmem_core");
        let function = function.or(current.map(|c| c.1));
        if let (Some(map), Some(function)) = (map_of(step), function) {
            if current != Some((map, function)) {
                current = Some((map, function));
                out.push('\n');
                let head = match c.node(map) {
                    Some(n) => format!(
                        "{function}, node {}: bitmap at physical {map:#x}, {} bits for pfns {} (bit i is pfn {:#x} + i)",
                        n.nid,
                        c.bits(n),
                        span(
                            n.node_boot_start >> c.arch.page_shift,
                            n.node_low_pfn.wrapping_sub(1)
                        ),
                        n.node_boot_start >> c.arch.page_shift
                    ),
                    None => format!("{function}: the bitmap at physical {map:#x}"),
                };
                let _ = writeln!(out, "  {}", style.head(&head));
            }
        }
        let _ = writeln!(out, "    {}", step_line(&c, step));
    }
    for text in &e.call.printk {
        let _ = writeln!(out, "  {}", style.dim(&format!("printk: {text}")));
    }
    out
}

/// The JSON form of an explanation.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainJson {
    /// The release.
    pub version: &'static str,
    /// The scenario.
    pub file: String,
    /// The scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// What it returned, when it returned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Returned>,
    /// How it stopped the boot, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop: Option<StopJson>,
    /// What it cost the release's C, as a trace's `cost` objects write it.
    pub costs: crate::json::CostJson,
    /// The steps, in order; `{"kind": "dropped", "count": N}` where the log dropped some.
    pub steps: Vec<StepJson>,
}

/// One step as JSON: `kind` says which fields are there. Bit numbers are indices into
/// the node's bitmap; `map` is the bitmap's physical address.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepJson {
    /// A bit loop (`operation` the C's function; `until` what ends it).
    Loop {
        /// `test_bit`, `test_and_set_bit` or `test_and_clear_bit`.
        operation: &'static str,
        /// `set`, `clear`, `set_already`, `clear_already`.
        until: &'static str,
        /// The step between the bits tested, 1 but for 2.4's candidates.
        every: u64,
        /// The bitmap.
        map: Address,
        /// The first index.
        from: u64,
        /// The index the loop ends before.
        to: u64,
        /// The index that ended it early.
        stop: Option<u64>,
        /// Operations of all the loops folded.
        tests: u64,
        /// Loops folded.
        repeats: u64,
        /// Between their starts.
        stride: u64,
    },
    /// A scan window.
    Window {
        /// The bitmap.
        map: Address,
        /// The candidate index.
        candidate: u64,
        /// The window's end.
        end: u64,
        /// The end of the node's bitmap.
        eidx: u64,
        /// What ended it: a set bit or `eidx`; `null` when free.
        conflict: Option<u64>,
        /// `test_bit` calls of all the windows folded.
        tests: u64,
        /// Windows folded.
        repeats: u64,
        /// Between their candidates.
        stride: u64,
        /// Between their conflicts: 0 when one bit ended them all.
        conflict_stride: u64,
    },
    /// `find_next_zero_bit()`.
    Search {
        /// The bitmap.
        map: Address,
        /// `size`.
        size: u64,
        /// `offset`.
        offset: u64,
        /// Its answer.
        answer: u64,
        /// Words read.
        words: u64,
        /// The answer lies at or past `size`.
        past_bitmap: bool,
        /// The last word read: its physical address.
        #[serde(skip_serializing_if = "Option::is_none")]
        last_word_at: Option<Address>,
        /// Its value.
        #[serde(skip_serializing_if = "Option::is_none")]
        last_word: Option<Address>,
        /// Searches folded (offsets and answers are the first's).
        repeats: u64,
        /// Between their offsets.
        stride: u64,
        /// Between their answers.
        answer_stride: u64,
    },
    /// A `test_bit()` of the release's own.
    Test {
        /// The bitmap.
        map: Address,
        /// The bit.
        nr: u64,
        /// The byte read.
        byte_at: Address,
        /// Its value.
        byte: u8,
        /// The answer.
        set: bool,
        /// Tests folded (the bit and byte are the first's).
        repeats: u64,
        /// Between their bits.
        stride: u64,
    },
    /// Bitmap words the hand-off read.
    Words {
        /// The bitmap.
        map: Address,
        /// The first word's index.
        index: u64,
        /// How many.
        count: u64,
        /// Their value.
        value: Address,
    },
    /// Blocks handed to the page allocator.
    HandOff {
        /// The first frame.
        pfn: u64,
        /// The order.
        order: u32,
        /// How many blocks.
        blocks: u64,
        /// The free-time check failed.
        bad: bool,
    },
    /// A marked code path.
    Path {
        /// The commit that brought it.
        commit: &'static str,
        /// What it does.
        what: &'static str,
    },
    /// A restart of the scan.
    Restart {
        /// Where the failed scan started.
        from: u64,
        /// Where the new one starts.
        to: u64,
    },
    /// The sub-page merge decision.
    SubPageMerge {
        /// The index found.
        start: u64,
        /// The alignment.
        align: u64,
        /// `last_pos`, an index.
        last_pos: u64,
        /// `last_offset`.
        last_offset: u64,
        /// Whether it merged.
        merged: bool,
    },
    /// Steps the log dropped.
    Dropped {
        /// How many.
        count: u64,
    },
}

impl StepJson {
    fn new(step: &Step) -> StepJson {
        match *step {
            Step::Loop {
                kind,
                map,
                from,
                to,
                stop,
                tests,
                repeats,
                stride,
            } => StepJson::Loop {
                operation: operation(kind),
                until: match kind {
                    BitLoop::TestAndSet => "set_already",
                    BitLoop::TestAndClear => "clear_already",
                    BitLoop::UntilSet => "set",
                    BitLoop::UntilClear | BitLoop::Candidates { .. } => "clear",
                },
                every: match kind {
                    BitLoop::Candidates { incr } => incr,
                    _ => 1,
                },
                map: Address(map),
                from,
                to,
                stop,
                tests,
                repeats,
                stride,
            },
            Step::Window {
                map,
                from,
                end,
                eidx,
                conflict,
                tests,
                repeats,
                stride,
                conflict_stride,
            } => StepJson::Window {
                map: Address(map),
                candidate: from.wrapping_sub(1),
                end,
                eidx,
                conflict,
                tests,
                repeats,
                stride,
                conflict_stride,
            },
            Step::Search {
                map,
                size,
                offset,
                answer,
                words,
                last_word,
                repeats,
                stride,
                answer_stride,
            } => StepJson::Search {
                repeats,
                stride,
                answer_stride,
                map: Address(map),
                size,
                offset,
                answer,
                words,
                past_bitmap: answer >= size,
                last_word_at: last_word.map(|w| Address(w.0)),
                last_word: last_word.map(|w| Address(w.2)),
            },
            Step::Test {
                map,
                nr,
                byte,
                value,
                set,
                repeats,
                stride,
            } => StepJson::Test {
                repeats,
                stride,
                map: Address(map),
                nr,
                byte_at: Address(byte),
                byte: value,
                set,
            },
            Step::Words {
                map,
                index,
                count,
                value,
            } => StepJson::Words {
                map: Address(map),
                index,
                count,
                value: Address(value),
            },
            Step::HandOff {
                pfn,
                order,
                blocks,
                bad,
            } => StepJson::HandOff {
                pfn,
                order,
                blocks,
                bad,
            },
            Step::Path(p) => StepJson::Path {
                commit: p.commit,
                what: p.what,
            },
            Step::Restart { from, to } => StepJson::Restart { from, to },
            Step::SubPageMerge {
                start,
                align,
                last_pos,
                last_offset,
                merged,
            } => StepJson::SubPageMerge {
                start,
                align,
                last_pos,
                last_offset,
                merged,
            },
        }
    }
}

impl ExplainJson {
    /// The JSON form of `e`.
    pub fn new(e: &Explanation) -> ExplainJson {
        let (result, stop) = match &e.call.outcome {
            Outcome::Returned(v) => (Some(Returned(*v)), None),
            Outcome::Stopped { stop, note } => {
                (None, Some(StopJson::new(stop, note.as_ref(), None)))
            }
        };
        ExplainJson {
            version: e.version,
            file: e.file.clone(),
            line: e.call.line,
            call: e.call.call.to_string(),
            result,
            stop,
            costs: crate::json::CostJson(e.call.costs),
            steps: e
                .steps
                .iter()
                .map(|s| match s {
                    Some(step) => StepJson::new(step),
                    None => StepJson::Dropped { count: e.dropped },
                })
                .collect(),
        }
    }
}
