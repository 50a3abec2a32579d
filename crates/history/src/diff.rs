//! Compares two traces of one scenario: the first call at which the releases part, what
//! else differs, and which upstream commit's code ran where they part.
//!
//! Only what a trace shows counts as a difference: results, stops, `printk` lines, the
//! final state of every node and `saved_max_pfn`, and the hand-off to the page
//! allocator. The marked code paths of a trace ([`crate::run::Path`]) are evidence, not
//! behaviour: they say why two traces part, and two traces that differ only in them are
//! identical (the new code ran and did what the old code did).
//!
//! A version crate marks the paths that its own release's commits introduced, so the
//! paths that explain a comparison are those of the *newer* release whose commit lies
//! between the two; [`crate::compare`] walks the releases in between when the two are
//! not neighbours.

use crate::run::{NodeTrace, Path, StopAt, Trace, Value};
use crate::versions;
use bootmem_core::CallId;
use bootmem_core::{Commit, FreedRun, Release, Stop};
use std::collections::BTreeMap;

/// One of the two traces being compared, in the order the user named them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The first release named.
    A,
    /// The second release named.
    B,
}

/// What one call of the scenario did on one side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The call returned this value.
    Returned(Value),
    /// The call ended the boot.
    Stopped {
        /// How.
        stop: Stop,
        /// For a call the release lacks, where in history it came or went.
        note: Option<String>,
    },
    /// An earlier call had already ended the boot, at this scenario line.
    NotReached {
        /// The line of the call that stopped the boot, if the trace has one.
        stopped_at: Option<usize>,
    },
}

/// The kinds of difference, most telling first: a comparison's kinds are kept in this
/// order, and the first is the one a one-word summary shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// One release stops the boot where the other goes on, or stops it another way.
    Stop,
    /// A call exists in one release only.
    Unavailable,
    /// A call returns another value.
    Result,
    /// Both stop the same way at the same call, only elsewhere in their code: a `BUG()`
    /// at another line, an endless loop in a function of another name, or a NULL
    /// dereference in other code.
    Moved,
    /// The kernel log differs.
    Printk,
    /// Different pages reach the page allocator.
    HandOff,
    /// The final bitmaps, `last_*` fields or `saved_max_pfn` differ.
    State,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 7] = [
        Kind::Stop,
        Kind::Unavailable,
        Kind::Result,
        Kind::Moved,
        Kind::Printk,
        Kind::HandOff,
        Kind::State,
    ];

    /// A short name, for tables and JSON.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Stop => "stop",
            Kind::Unavailable => "unavailable",
            Kind::Result => "result",
            Kind::Moved => "moved",
            Kind::Printk => "printk",
            Kind::HandOff => "hand-off",
            Kind::State => "state",
        }
    }

    /// What the kind means, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Kind::Stop => {
                "one release stops the boot where the other goes on, or stops it another way"
            }
            Kind::Unavailable => "a call exists in one release only",
            Kind::Result => "a call returns another value",
            Kind::Moved => {
                "both stop the same way at the same call, only elsewhere in their code: \
                 another BUG() line, a renamed looping function, another NULL dereference"
            }
            Kind::Printk => "the kernel log differs",
            Kind::HandOff => "different pages reach the page allocator",
            Kind::State => "the final bitmap, last_* fields or saved_max_pfn differ",
        }
    }
}

/// One call as both sides did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallDiff {
    /// Scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// What the first release did.
    pub a: Outcome,
    /// What the second release did.
    pub b: Outcome,
}

/// Where a reason comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A marked code path that ran.
    Path,
    /// A call that one release does not have, which a commit added or removed.
    Missing {
        /// The call.
        call: CallId,
    },
}

/// Code that one release ran, introduced by a commit between the two releases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The release whose run took the path, or, for a missing call, the release that
    /// lacks it.
    pub release: &'static str,
    /// Scenario line of the call that took it.
    pub line: usize,
    /// The commit as the mark names it.
    pub mark: &'static str,
    /// What the path does (a phrase that follows the release's name), or, for a
    /// missing call, where in history it came or went.
    pub what: String,
    /// Where the reason comes from.
    pub source: Source,
    /// The commit, from the registry, and the release it first appeared in.
    pub commit: Option<(&'static str, &'static Commit)>,
}

/// The first call at which the two runs part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parting {
    /// How they part there.
    pub kind: Kind,
    /// The call, with each side's outcome.
    pub call: CallDiff,
    /// Paths of commits between the releases that ran in this very call.
    pub at_call: Vec<Reason>,
    /// Such paths that ran in earlier calls: they may have set up the state that made
    /// this call part, and are listed when none ran in the call itself.
    pub earlier: Vec<Reason>,
}

/// Calls that only one side reached, because the other had stopped the boot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneSided {
    /// The side that went on.
    pub side: Side,
    /// How many calls it made that the other did not.
    pub calls: usize,
    /// First and last scenario line of those calls.
    pub lines: (usize, usize),
}

/// `printk` lines of one call that only one side printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintkDiff {
    /// Scenario line of the call.
    pub line: usize,
    /// Lines only the first release printed, in order.
    pub a_only: Vec<String>,
    /// Lines only the second release printed, in order.
    pub b_only: Vec<String>,
}

/// One field of a node's final state on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name in `bootmem_data_t`.
    pub name: &'static str,
    /// Its value on the first release, if the node and field exist there.
    pub a: Option<u64>,
    /// Its value on the second release.
    pub b: Option<u64>,
    /// Whether the values differ. A field that one release does not have
    /// (`last_success` before 2.6) differs only when the node itself is missing.
    pub differs: bool,
}

/// A run of pages whose bitmap bit differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitRun {
    /// First pfn.
    pub start: u64,
    /// One past the last pfn.
    pub end: u64,
    /// Whether the pages are reserved on the second release (and free on the first).
    pub reserved_on_b: bool,
}

/// How two bitmaps of one node compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bits {
    /// Every bit agrees, or both bitmaps were dropped.
    Same,
    /// Some bits differ.
    Differ {
        /// The runs of differing pages, in pfn order.
        runs: Vec<BitRun>,
        /// How many pages differ.
        pages: u64,
    },
    /// One side has dropped its bitmap (`free_all_bootmem`) and the other has not.
    Dropped {
        /// Whether the first release dropped it.
        a: bool,
    },
    /// The node exists on one side only.
    Absent,
}

/// The final state of one node, on both sides, where it differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeDiff {
    /// Node id.
    pub nid: usize,
    /// The node on the first release.
    pub a: Option<NodeTrace>,
    /// The node on the second release.
    pub b: Option<NodeTrace>,
    /// `node_boot_start`, `node_low_pfn`, `node_bootmem_map` and the `last_*` fields,
    /// side by side.
    pub fields: Vec<Field>,
    /// The bitmaps.
    pub bits: Bits,
}

/// One hand-off to the page allocator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandOff {
    /// First pfn of the block.
    pub pfn: u64,
    /// Its order.
    pub order: u32,
    /// Whether the page allocator reports a bad page in it.
    pub bad: bool,
}

/// The hand-offs of one side, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HandOffCount {
    /// Pages handed over.
    pub pages: u64,
    /// Blocks handed over.
    pub blocks: u64,
    /// Blocks reported as bad.
    pub bad: u64,
    /// Per order: (order, blocks, bad blocks), ascending.
    pub by_order: Vec<(u32, u64, u64)>,
}

/// The first hand-off at which the two sides differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstHandOff {
    /// Its index in the order handed over, from 0.
    pub index: u64,
    /// The first release's hand-off there, if it made that many.
    pub a: Option<HandOff>,
    /// The second release's.
    pub b: Option<HandOff>,
}

/// How the hand-offs to the page allocator differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreedDiff {
    /// The first release's, counted.
    pub a: HandOffCount,
    /// The second release's, counted.
    pub b: HandOffCount,
    /// The first that differs.
    pub first: Option<FirstHandOff>,
}

/// Everything that differs between two traces of one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// The scenario file.
    pub file: String,
    /// The first release named.
    pub a: &'static str,
    /// The second release named.
    pub b: &'static str,
    /// `PAGE_SHIFT` of the machine, to turn node starts into pfns.
    pub page_shift: u32,
    /// Which side is the later release, if they differ in age.
    pub newer: Option<Side>,
    /// The commits that lie between the two releases, oldest release first, each with
    /// the release that brought it.
    pub commits: Vec<(&'static str, &'static Commit)>,
    /// The kinds of difference found, in [`Kind`] order; empty when identical.
    pub kinds: Vec<Kind>,
    /// The first call at which the runs part, if one does.
    pub parting: Option<Parting>,
    /// Every other call that both sides reached and that ended differently: another
    /// result, or a stop on one side only or of another kind.
    pub calls: Vec<CallDiff>,
    /// Calls that only one side reached.
    pub one_sided: Option<OneSided>,
    /// `printk` lines that differ, per call.
    pub printk: Vec<PrintkDiff>,
    /// Nodes whose final state differs.
    pub nodes: Vec<NodeDiff>,
    /// How many nodes agree in every field and bit.
    pub nodes_same: usize,
    /// `saved_max_pfn` on both sides, where it differs.
    pub saved_max_pfn: Option<(Option<u64>, Option<u64>)>,
    /// The hand-off to the page allocator, where it differs.
    pub freed: Option<FreedDiff>,
    /// When no call parts but the state or hand-off differs: the paths of commits
    /// between the releases that ran anywhere in the newer run.
    pub reasons: Vec<Reason>,
    /// After the first parting: paths of commits between the releases that the newer
    /// run took in later calls, which may explain the later differences.
    pub later: Vec<Reason>,
    /// When the traces are identical: paths of commits between the releases that ran
    /// all the same, doing what the older code did.
    pub quiet: Vec<Reason>,
}

impl Diff {
    /// Whether the two traces show the same behaviour.
    pub fn identical(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The kind that sums the comparison up: how the first call parts, else the first
    /// kind found.
    pub fn primary(&self) -> Option<Kind> {
        self.parting
            .as_ref()
            .map(|p| p.kind)
            .or_else(|| self.kinds.first().copied())
    }

    /// The release name of a side.
    pub fn name(&self, side: Side) -> &'static str {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    /// The reasons that explain how the runs first differ: those of the first parting,
    /// or, when no call parts, the paths that ran anywhere in the newer run.
    pub fn all_reasons(&self) -> impl Iterator<Item = &Reason> {
        self.parting
            .iter()
            .flat_map(|p| p.at_call.iter().chain(p.earlier.iter()))
            .chain(self.reasons.iter())
    }
}

/// Compares two traces of the same scenario; `a` and `b` in the order to show them.
pub fn diff(a: &Trace, b: &Trace) -> Diff {
    let (newer, range) = order(a.version, b.version);
    let commits = versions::commits_in(range)
        .into_iter()
        .map(|(r, c)| (r.name, c))
        .collect();
    let newer_trace = match newer {
        Some(Side::A) => Some(a),
        Some(Side::B) => Some(b),
        None => None,
    };

    let mut kinds = Vec::new();
    let calls_a = calls(a);
    let calls_b = calls(b);
    let printk_a = printk_by_line(a);
    let printk_b = printk_by_line(b);

    let mut lines: Vec<usize> = calls_a
        .keys()
        .chain(calls_b.keys())
        .chain(printk_a.keys())
        .chain(printk_b.keys())
        .copied()
        .collect();
    lines.sort_unstable();
    lines.dedup();

    let mut parting = None;
    let mut other_calls = Vec::new();
    let mut printk = Vec::new();
    for &line in &lines {
        let (oa, ob) = (
            outcome(&calls_a, line, a.stop.as_ref()),
            outcome(&calls_b, line, b.stop.as_ref()),
        );
        let empty = Vec::new();
        let pa = printk_a.get(&line).unwrap_or(&empty);
        let pb = printk_b.get(&line).unwrap_or(&empty);
        let logs = printk_diff(line, pa, pb);
        let call_kind = classify(&oa, &ob);
        let call = calls_a
            .get(&line)
            .or_else(|| calls_b.get(&line))
            .map(|(c, _)| c.clone())
            .unwrap_or_default();
        // A call that one side never reached differs only because of the stop before
        // it, which the parting already counts.
        let reached = |o: &Outcome| !matches!(o, Outcome::NotReached { .. });
        if let Some(k) = call_kind.filter(|_| reached(&oa) && reached(&ob)) {
            kinds.push(k);
        }
        if logs.is_some() {
            kinds.push(Kind::Printk);
        }
        let this = CallDiff {
            line,
            call,
            a: oa,
            b: ob,
        };
        if parting.is_none() && (call_kind.is_some() || logs.is_some()) {
            let kind = call_kind.unwrap_or(Kind::Printk);
            let (at_call, earlier) = match newer_trace {
                Some(t) => explain(t, range, &this, (a.version, b.version)),
                None => (Vec::new(), Vec::new()),
            };
            parting = Some(Parting {
                kind,
                call: this,
                at_call,
                earlier,
            });
        } else if reached(&this.a) && reached(&this.b) && this.a != this.b {
            other_calls.push(this);
        }
        if let Some(l) = logs {
            printk.push(l);
        }
    }

    let one_sided = one_sided(&calls_a, &calls_b, a, b);

    let (nodes, nodes_same) = node_diffs(a, b);
    if !nodes.is_empty() {
        kinds.push(Kind::State);
    }
    // A release without `saved_max_pfn` (before 2.6.13, or without CONFIG_CRASH_DUMP)
    // has nothing to compare; a scenario that sets it stops there as unavailable.
    let saved_max_pfn = match (a.saved_max_pfn, b.saved_max_pfn) {
        (Some(x), Some(y)) if x != y => Some((Some(x), Some(y))),
        _ => None,
    };
    if saved_max_pfn.is_some() {
        kinds.push(Kind::State);
    }
    let freed = (a.freed != b.freed).then(|| FreedDiff {
        a: count_hand_offs(&a.freed),
        b: count_hand_offs(&b.freed),
        first: first_hand_off(&a.freed, &b.freed),
    });
    if freed.is_some() {
        kinds.push(Kind::HandOff);
    }
    kinds.sort_unstable();
    kinds.dedup();

    let anywhere = || {
        newer_trace
            .map(|t| marked(t, range, |_| true))
            .unwrap_or_default()
    };
    let reasons = if parting.is_none() && !kinds.is_empty() {
        anywhere()
    } else {
        Vec::new()
    };
    let quiet = if kinds.is_empty() {
        anywhere()
    } else {
        Vec::new()
    };
    // After a parting at which one side stopped, everything later differs because of
    // that stop, and the paths the other side took later explain nothing.
    let both_went_on = |p: &Parting| {
        !matches!(p.call.a, Outcome::Stopped { .. }) && !matches!(p.call.b, Outcome::Stopped { .. })
    };
    let later = match (&parting, newer_trace) {
        (Some(p), Some(t)) if both_went_on(p) => {
            let line = p.call.line;
            marked(t, range, |x| x.line > line)
                .into_iter()
                .filter(|r| {
                    !p.at_call
                        .iter()
                        .chain(&p.earlier)
                        .any(|q| q.mark == r.mark && q.what == r.what)
                })
                .collect()
        }
        _ => Vec::new(),
    };

    Diff {
        file: a.file.clone(),
        a: a.version,
        b: b.version,
        page_shift: a.arch.page_shift,
        newer,
        commits,
        kinds,
        parting,
        calls: other_calls,
        one_sided,
        printk,
        nodes,
        nodes_same,
        saved_max_pfn,
        freed,
        reasons,
        later,
        quiet,
    }
}

/// Which side is newer, and the releases whose commits lie between the two.
fn order(a: &str, b: &str) -> (Option<Side>, &'static [&'static Release]) {
    match (versions::position(a), versions::position(b)) {
        (Some(x), Some(y)) if x < y => (Some(Side::B), versions::between(a, b)),
        (Some(x), Some(y)) if x > y => (Some(Side::A), versions::between(b, a)),
        _ => (None, &[]),
    }
}

/// Every call a trace reached, by scenario line: the call text and its outcome.
fn calls(t: &Trace) -> BTreeMap<usize, (String, Outcome)> {
    let mut out: BTreeMap<usize, (String, Outcome)> = t
        .steps
        .iter()
        .map(|s| (s.line, (s.call.clone(), Outcome::Returned(s.result))))
        .collect();
    if let Some(s) = &t.stop {
        out.insert(s.line, (s.call.clone(), stopped(s)));
    }
    out
}

fn stopped(s: &StopAt) -> Outcome {
    Outcome::Stopped {
        stop: s.stop.clone(),
        note: s.note.clone(),
    }
}

fn outcome(
    calls: &BTreeMap<usize, (String, Outcome)>,
    line: usize,
    stop: Option<&StopAt>,
) -> Outcome {
    match calls.get(&line) {
        Some((_, o)) => o.clone(),
        None => Outcome::NotReached {
            stopped_at: stop.map(|s| s.line),
        },
    }
}

fn printk_by_line(t: &Trace) -> BTreeMap<usize, Vec<String>> {
    let mut out: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for p in &t.printk {
        out.entry(p.line).or_default().push(p.text.clone());
    }
    out
}

/// The lines of one call that only one side printed: each side's lines less those
/// the other printed too, counted with multiplicity, in the order printed.
fn printk_diff(line: usize, a: &[String], b: &[String]) -> Option<PrintkDiff> {
    if a == b {
        return None;
    }
    let only = |xs: &[String], ys: &[String]| {
        let mut left: Vec<Option<&String>> = ys.iter().map(Some).collect();
        xs.iter()
            .filter(
                |x| match left.iter_mut().find(|y| y.is_some_and(|y| y == *x)) {
                    Some(slot) => {
                        *slot = None;
                        false
                    }
                    None => true,
                },
            )
            .cloned()
            .collect::<Vec<String>>()
    };
    Some(PrintkDiff {
        line,
        a_only: only(a, b),
        b_only: only(b, a),
    })
}

/// How one call parts, if it does.
fn classify(a: &Outcome, b: &Outcome) -> Option<Kind> {
    if a == b {
        return None;
    }
    let unavailable = |o: &Outcome| {
        matches!(
            o,
            Outcome::Stopped {
                stop: Stop::Unavailable { .. },
                ..
            }
        )
    };
    Some(match (a, b) {
        _ if unavailable(a) || unavailable(b) => Kind::Unavailable,
        (Outcome::Returned(_), Outcome::Returned(_)) => Kind::Result,
        (
            Outcome::Stopped {
                stop: Stop::Bug { file: fa, .. },
                ..
            },
            Outcome::Stopped {
                stop: Stop::Bug { file: fb, .. },
                ..
            },
        ) if fa == fb => Kind::Moved,
        (
            Outcome::Stopped {
                stop: Stop::Hang { .. },
                ..
            },
            Outcome::Stopped {
                stop: Stop::Hang { .. },
                ..
            },
        ) => Kind::Moved,
        (
            Outcome::Stopped {
                stop: Stop::Oops { .. },
                ..
            },
            Outcome::Stopped {
                stop: Stop::Oops { .. },
                ..
            },
        ) => Kind::Moved,
        // Two traces that both stop before this line part earlier, at a stop.
        _ => Kind::Stop,
    })
}

/// The reasons for a parting at `line`: the newer run's paths of commits in `range`
/// taken in that call, else those taken before it; and, for a call one release lacks,
/// the commits in `range` that its history names.
fn explain(
    newer: &Trace,
    range: &[&'static Release],
    call: &CallDiff,
    names: (&'static str, &'static str),
) -> (Vec<Reason>, Vec<Reason>) {
    let line = call.line;
    let mut at_call = marked(newer, range, |p| p.line == line);
    for (release, o) in [(names.0, &call.a), (names.1, &call.b)] {
        if let Outcome::Stopped {
            stop: Stop::Unavailable { call: name },
            note: Some(note),
        } = o
        {
            // The commits in range whose records list the call added or removed it.
            for (r, c) in versions::commits_in(range) {
                if c.calls.contains(name) {
                    at_call.push(Reason {
                        release,
                        line,
                        mark: c.id,
                        what: note.clone(),
                        source: Source::Missing { call: *name },
                        commit: Some((r.name, c)),
                    });
                }
            }
        }
    }
    // A stop that only moved in the source owes nothing to earlier calls.
    let moved = classify(&call.a, &call.b) == Some(Kind::Moved);
    let earlier = if at_call.is_empty() && !moved {
        marked(newer, range, |p| p.line < line)
    } else {
        Vec::new()
    };
    (at_call, earlier)
}

/// The paths of a trace, chosen by `keep`, whose mark names a commit in `range`; each
/// (commit, path) once, at the first call that took it.
fn marked(t: &Trace, range: &[&'static Release], keep: impl Fn(&Path) -> bool) -> Vec<Reason> {
    let mut out: Vec<Reason> = Vec::new();
    for p in t.paths.iter().filter(|p| keep(p)) {
        let Some((r, c)) = versions::resolve_mark(p.commit, range) else {
            continue;
        };
        if out.iter().any(|o| o.mark == p.commit && o.what == p.what) {
            continue;
        }
        out.push(Reason {
            release: t.version,
            line: p.line,
            mark: p.commit,
            what: p.what.to_string(),
            source: Source::Path,
            commit: Some((r.name, c)),
        });
    }
    out
}

fn one_sided(
    calls_a: &BTreeMap<usize, (String, Outcome)>,
    calls_b: &BTreeMap<usize, (String, Outcome)>,
    a: &Trace,
    b: &Trace,
) -> Option<OneSided> {
    let only = |mine: &BTreeMap<usize, (String, Outcome)>,
                theirs: &BTreeMap<usize, (String, Outcome)>,
                side: Side| {
        let lines: Vec<usize> = mine
            .keys()
            .filter(|l| !theirs.contains_key(l))
            .copied()
            .collect();
        Some(OneSided {
            side,
            calls: lines.len(),
            lines: (*lines.first()?, *lines.last()?),
        })
    };
    let stop_a = a.stop.as_ref().map(|s| s.line);
    let stop_b = b.stop.as_ref().map(|s| s.line);
    match (stop_a, stop_b) {
        (Some(x), Some(y)) if x < y => only(calls_b, calls_a, Side::B),
        (Some(x), Some(y)) if x > y => only(calls_a, calls_b, Side::A),
        (Some(_), None) => only(calls_b, calls_a, Side::B),
        (None, Some(_)) => only(calls_a, calls_b, Side::A),
        _ => None,
    }
}

fn node_diffs(a: &Trace, b: &Trace) -> (Vec<NodeDiff>, usize) {
    let mut nids: Vec<usize> = a.nodes.iter().map(|n| n.nid).collect();
    for n in &b.nodes {
        if !nids.contains(&n.nid) {
            nids.push(n.nid);
        }
    }
    let mut out = Vec::new();
    let mut same = 0;
    for nid in nids {
        let na = a.nodes.iter().find(|n| n.nid == nid);
        let nb = b.nodes.iter().find(|n| n.nid == nid);
        if same_node(na, nb) {
            same += 1;
            continue;
        }
        let field = |name: &'static str, get: fn(&NodeTrace) -> Option<u64>| {
            let (a, b) = (na.and_then(get), nb.and_then(get));
            // Only `last_success` can be missing from a node that exists: the release
            // does not have it.
            let lacking = name == "last_success" && na.is_some() && nb.is_some();
            Field {
                name,
                a,
                b,
                differs: a != b && !(lacking && (a.is_none() || b.is_none())),
            }
        };
        let fields = vec![
            field("node_boot_start", |n| Some(n.node_boot_start)),
            field("node_low_pfn", |n| Some(n.node_low_pfn)),
            field("node_bootmem_map", |n| n.node_bootmem_map),
            field("last_pos", |n| Some(n.last_pos)),
            field("last_offset", |n| Some(n.last_offset)),
            field("last_success", |n| n.last_success),
        ];
        let bits = match (na, nb) {
            (Some(x), Some(y)) => match (&x.reserved, &y.reserved) {
                (Some(rx), Some(ry)) => {
                    let runs = bit_delta(rx, ry);
                    if runs.is_empty() {
                        Bits::Same
                    } else {
                        let pages = runs.iter().map(|r| r.end - r.start).sum();
                        Bits::Differ { runs, pages }
                    }
                }
                (None, None) => Bits::Same,
                (None, Some(_)) => Bits::Dropped { a: true },
                (Some(_), None) => Bits::Dropped { a: false },
            },
            _ => Bits::Absent,
        };
        out.push(NodeDiff {
            nid,
            a: na.cloned(),
            b: nb.cloned(),
            fields,
            bits,
        });
    }
    (out, same)
}

/// Whether a node is the same on both sides, leaving aside `last_success` where one
/// release does not have the field.
fn same_node(a: Option<&NodeTrace>, b: Option<&NodeTrace>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let hint = match (x.last_success, y.last_success) {
                (Some(p), Some(q)) => p == q,
                _ => true,
            };
            hint && NodeTrace {
                last_success: None,
                ..x.clone()
            } == NodeTrace {
                last_success: None,
                ..y.clone()
            }
        }
        (None, None) => true,
        _ => false,
    }
}

/// The pages reserved on one side only, as runs, from two sorted lists of disjoint
/// reserved runs.
pub fn bit_delta(a: &[(u64, u64)], b: &[(u64, u64)]) -> Vec<BitRun> {
    let mut cuts: Vec<u64> = a
        .iter()
        .chain(b.iter())
        .flat_map(|&(s, e)| [s, e])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let inside = |runs: &[(u64, u64)], k: &mut usize, x: u64| {
        while *k < runs.len() && runs[*k].1 <= x {
            *k += 1;
        }
        *k < runs.len() && runs[*k].0 <= x
    };
    let (mut ka, mut kb) = (0, 0);
    let mut out: Vec<BitRun> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let in_a = inside(a, &mut ka, s);
        let in_b = inside(b, &mut kb, s);
        if in_a == in_b {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == s && last.reserved_on_b == in_b => last.end = e,
            _ => out.push(BitRun {
                start: s,
                end: e,
                reserved_on_b: in_b,
            }),
        }
    }
    out
}

fn count_hand_offs(runs: &[FreedRun]) -> HandOffCount {
    let mut by_order: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    let mut c = HandOffCount::default();
    for r in runs {
        let pages = r.count.checked_shl(r.order).unwrap_or(u64::MAX);
        c.pages = c.pages.saturating_add(pages);
        c.blocks = c.blocks.saturating_add(r.count);
        let e = by_order.entry(r.order).or_default();
        e.0 = e.0.saturating_add(r.count);
        if r.bad {
            c.bad = c.bad.saturating_add(r.count);
            e.1 = e.1.saturating_add(r.count);
        }
    }
    c.by_order = by_order
        .into_iter()
        .map(|(o, (n, bad))| (o, n, bad))
        .collect();
    c
}

/// A position in a run-length hand-off log.
struct Cursor<'a> {
    runs: &'a [FreedRun],
    run: usize,
    k: u64,
}

impl Cursor<'_> {
    fn settle(&mut self) {
        while self.run < self.runs.len() && self.k >= self.runs[self.run].count {
            self.run += 1;
            self.k = 0;
        }
    }

    fn current(&mut self) -> Option<HandOff> {
        self.settle();
        let r = self.runs.get(self.run)?;
        Some(HandOff {
            pfn: r.pfn.wrapping_add(self.k.checked_shl(r.order).unwrap_or(0)),
            order: r.order,
            bad: r.bad,
        })
    }

    fn left_in_run(&self) -> u64 {
        self.runs
            .get(self.run)
            .map_or(0, |r| r.count.saturating_sub(self.k))
    }
}

/// The first hand-off at which two logs differ, walking whole runs at a time where
/// they agree, so that millions of single pages compare in a few steps.
fn first_hand_off(a: &[FreedRun], b: &[FreedRun]) -> Option<FirstHandOff> {
    let mut ca = Cursor {
        runs: a,
        run: 0,
        k: 0,
    };
    let mut cb = Cursor {
        runs: b,
        run: 0,
        k: 0,
    };
    let mut index = 0u64;
    loop {
        match (ca.current(), cb.current()) {
            (None, None) => return None,
            (x, y) if x != y => return Some(FirstHandOff { index, a: x, b: y }),
            _ => {
                // Equal heads of two runs of the same order and verdict stay equal for
                // as long as both runs last.
                let n = ca.left_in_run().min(cb.left_in_run()).max(1);
                ca.k += n;
                cb.k += n;
                index = index.saturating_add(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Printk, Step};
    use bootmem_core::{Arch, Config};

    fn trace(version: &'static str) -> Trace {
        Trace {
            version,
            file: "t.boot".to_string(),
            arch: Arch::profile("x86_64").unwrap(),
            config: Config::default(),
            steps: vec![
                Step {
                    line: 3,
                    call: "init_bootmem(0x40, 0x80)".to_string(),
                    result: Value::Number(16),
                },
                Step {
                    line: 4,
                    call: "free_bootmem(0x0, 0x80000)".to_string(),
                    result: Value::Nothing,
                },
            ],
            printk: Vec::new(),
            paths: Vec::new(),
            stop: None,
            nodes: vec![NodeTrace {
                nid: 0,
                node_boot_start: 0,
                node_low_pfn: 0x80,
                node_bootmem_map: Some(0x40000),
                reserved: Some(vec![(0x40, 0x41)]),
                last_pos: 0,
                last_offset: 0,
                last_success: Some(0),
            }],
            freed: Vec::new(),
            saved_max_pfn: None,
        }
    }

    fn alloc(line: usize, result: Value) -> Step {
        Step {
            line,
            call: "alloc_bootmem(0x1000)".to_string(),
            result,
        }
    }

    #[test]
    fn equal_traces_are_identical() {
        let d = diff(&trace("2.6.14"), &trace("2.6.15"));
        assert!(d.identical());
        assert_eq!(d.parting, None);
        assert_eq!(d.nodes_same, 1);
        assert_eq!(d.newer, Some(Side::B));
        let ids: Vec<_> = d
            .commits
            .iter()
            .map(|(r, c)| (*r, versions::short_id(c.id)))
            .collect();
        assert_eq!(ids, [("2.6.15", "b5810039"), ("2.6.15", "66d43e98")]);
    }

    #[test]
    fn paths_alone_do_not_make_a_difference_but_are_reported() {
        let a = trace("2.6.12");
        let mut b = trace("2.6.13");
        b.paths.push(Path {
            line: 4,
            commit: bootmem_commits::D41DEE36.id,
            what: "walks the bitmap by pfn",
        });
        // A mark of a commit outside the range is no reason.
        b.paths.push(Path {
            line: 4,
            commit: bootmem_commits::M66D43E98.id,
            what: "stops the scan",
        });
        let d = diff(&a, &b);
        assert!(d.identical());
        assert_eq!(d.quiet.len(), 1);
        assert_eq!(d.quiet[0].mark, bootmem_commits::D41DEE36.id);
        assert_eq!(d.quiet[0].commit.map(|(r, _)| r), Some("2.6.13"));
    }

    #[test]
    fn the_first_parting_names_the_newer_release_s_path_at_that_call() {
        let mut a = trace("2.6.14");
        a.stop = Some(StopAt {
            line: 5,
            call: "alloc_bootmem(0x1000)".to_string(),
            stop: Stop::bug(229),
            note: None,
        });
        let mut b = trace("2.6.15");
        b.steps.push(alloc(5, Value::Pointer(Some(0x41000))));
        b.steps.push(alloc(6, Value::Pointer(Some(0x42000))));
        b.paths.push(Path {
            line: 5,
            commit: bootmem_commits::M66D43E98.id,
            what: "stops the scan at the end of the node",
        });
        b.nodes[0].reserved = Some(vec![(0x40, 0x43)]);
        let d = diff(&a, &b);
        assert_eq!(d.kinds, [Kind::Stop, Kind::State]);
        let p = d.parting.as_ref().unwrap();
        assert_eq!(p.kind, Kind::Stop);
        assert_eq!(p.call.line, 5);
        assert_eq!(
            p.call.a,
            Outcome::Stopped {
                stop: Stop::bug(229),
                note: None
            }
        );
        assert_eq!(p.call.b, Outcome::Returned(Value::Pointer(Some(0x41000))));
        assert_eq!(p.at_call.len(), 1);
        assert_eq!(p.at_call[0].release, "2.6.15");
        assert_eq!(
            p.at_call[0].commit.map(|(_, c)| c.author),
            Some("Haren Myneni")
        );
        assert_eq!(
            d.one_sided,
            Some(OneSided {
                side: Side::B,
                calls: 1,
                lines: (6, 6)
            })
        );
        assert_eq!(d.nodes.len(), 1);
        assert_eq!(
            d.nodes[0].bits,
            Bits::Differ {
                runs: vec![BitRun {
                    start: 0x41,
                    end: 0x43,
                    reserved_on_b: true
                }],
                pages: 2
            }
        );
    }

    #[test]
    fn the_releases_may_be_named_newest_first() {
        let mut a = trace("2.6.15");
        a.steps.push(alloc(5, Value::Pointer(Some(0x41000))));
        a.paths.push(Path {
            line: 5,
            commit: bootmem_commits::M66D43E98.id,
            what: "stops the scan at the end of the node",
        });
        let mut b = trace("2.6.12");
        b.steps.push(alloc(5, Value::Pointer(None)));
        let d = diff(&a, &b);
        assert_eq!(d.newer, Some(Side::A));
        assert_eq!(d.commits.len(), 9);
        let p = d.parting.unwrap();
        assert_eq!(p.kind, Kind::Result);
        assert_eq!(p.at_call[0].release, "2.6.15");
    }

    #[test]
    fn a_stop_that_only_moved_in_the_source_is_its_own_kind() {
        let mut a = trace("2.6.12");
        let mut b = trace("2.6.13");
        for (t, line) in [(&mut a, 213), (&mut b, 221)] {
            t.stop = Some(StopAt {
                line: 5,
                call: "alloc_bootmem(0x1000)".to_string(),
                stop: Stop::bug(line),
                note: None,
            });
        }
        let d = diff(&a, &b);
        assert_eq!(d.kinds, [Kind::Moved]);
        assert!(d.parting.unwrap().at_call.is_empty());
        assert_eq!(d.one_sided, None);
        // An endless loop that 281dd25c moved into a renamed function is the same kind.
        for (t, function) in [
            (&mut a, "__alloc_bootmem"),
            (&mut b, "__alloc_bootmem_limit"),
        ] {
            if let Some(s) = t.stop.as_mut() {
                s.stop = Stop::Hang { function };
            }
        }
        assert_eq!(diff(&a, &b).kinds, [Kind::Moved]);
        // A BUG against a panic is not.
        if let Some(s) = b.stop.as_mut() {
            s.stop = Stop::panic("Out of memory");
        }
        assert_eq!(diff(&a, &b).kinds, [Kind::Stop]);
    }

    #[test]
    fn a_missing_call_is_explained_by_the_commit_its_history_names() {
        let mut a = trace("2.6.13");
        a.stop = Some(StopAt {
            line: 5,
            call: "alloc_bootmem_limit(0x1000, 0x1000000)".to_string(),
            stop: Stop::unavailable(CallId::alloc_bootmem_limit),
            note: versions::call_history(CallId::alloc_bootmem_limit),
        });
        let mut b = trace("2.6.14");
        b.steps.push(Step {
            line: 5,
            call: "alloc_bootmem_limit(0x1000, 0x1000000)".to_string(),
            result: Value::Pointer(Some(0x41000)),
        });
        let d = diff(&a, &b);
        let p = d.parting.unwrap();
        assert_eq!(p.kind, Kind::Unavailable);
        let ids: Vec<_> = p
            .at_call
            .iter()
            .map(|r| versions::short_id(r.mark))
            .collect();
        // 008857c1, which removed the call again, lies outside 2.6.13..2.6.14.
        assert_eq!(ids, ["281dd25c"]);
        assert_eq!(
            p.at_call[0].source,
            Source::Missing {
                call: CallId::alloc_bootmem_limit
            }
        );
    }

    #[test]
    fn earlier_paths_are_offered_when_none_ran_in_the_parting_call() {
        let mut a = trace("2.4.22");
        a.steps.push(alloc(5, Value::Pointer(Some(0x41000))));
        let mut b = trace("2.6.12");
        b.steps.push(alloc(5, Value::Pointer(Some(0x50000))));
        b.paths.push(Path {
            line: 4,
            commit: bootmem_commits::M79E626E1.id,
            what: "moves the last_success hint back",
        });
        let d = diff(&a, &b);
        let p = d.parting.unwrap();
        assert!(p.at_call.is_empty());
        assert_eq!(p.earlier.len(), 1);
        assert_eq!(p.earlier[0].line, 4);
    }

    #[test]
    fn printk_lines_are_compared_per_call_with_multiplicity() {
        let mut a = trace("2.4.22");
        let mut b = trace("2.6.12");
        let log = |text: &str| Printk {
            line: 4,
            text: text.to_string(),
        };
        a.printk = vec![log("x"), log("y"), log("x")];
        b.printk = vec![log("x"), log("z")];
        let d = diff(&a, &b);
        assert_eq!(d.kinds, [Kind::Printk]);
        assert_eq!(
            d.printk,
            [PrintkDiff {
                line: 4,
                a_only: vec!["y".to_string(), "x".to_string()],
                b_only: vec!["z".to_string()],
            }]
        );
        assert_eq!(d.parting.unwrap().kind, Kind::Printk);
    }

    #[test]
    fn other_calls_with_other_results_are_listed_after_the_parting() {
        let mut a = trace("2.6.12");
        let mut b = trace("2.6.13");
        a.steps.push(alloc(5, Value::Pointer(Some(0x41000))));
        b.steps.push(alloc(5, Value::Pointer(Some(0x42000))));
        a.steps.push(alloc(6, Value::Pointer(Some(0x43000))));
        b.steps.push(alloc(6, Value::Pointer(Some(0x43000))));
        a.steps.push(alloc(7, Value::Pointer(None)));
        b.steps.push(alloc(7, Value::Pointer(Some(0x44000))));
        let d = diff(&a, &b);
        assert_eq!(d.parting.unwrap().call.line, 5);
        assert_eq!(d.calls.len(), 1);
        assert_eq!(d.calls[0].line, 7);
    }

    #[test]
    fn bit_delta_finds_pages_reserved_on_one_side_only() {
        let a = [(0, 10), (20, 30)];
        let b = [(0, 5), (8, 25)];
        assert_eq!(
            bit_delta(&a, &b),
            [
                BitRun {
                    start: 5,
                    end: 8,
                    reserved_on_b: false
                },
                BitRun {
                    start: 10,
                    end: 20,
                    reserved_on_b: true
                },
                BitRun {
                    start: 25,
                    end: 30,
                    reserved_on_b: false
                },
            ]
        );
        assert!(bit_delta(&a, &a).is_empty());
        assert_eq!(
            bit_delta(&[], &[(3, 4)]),
            [BitRun {
                start: 3,
                end: 4,
                reserved_on_b: true
            }]
        );
    }

    #[test]
    fn dropped_bitmaps_and_fields_are_compared() {
        let a = trace("2.6.15");
        let mut b = trace("2.6.16");
        b.nodes[0].reserved = None;
        b.nodes[0].node_bootmem_map = None;
        b.nodes[0].last_pos = 7;
        let d = diff(&a, &b);
        assert_eq!(d.kinds, [Kind::State]);
        let n = &d.nodes[0];
        assert_eq!(n.bits, Bits::Dropped { a: false });
        let differing: Vec<_> = n
            .fields
            .iter()
            .filter(|f| f.differs)
            .map(|f| f.name)
            .collect();
        assert_eq!(differing, ["node_bootmem_map", "last_pos"]);
    }

    #[test]
    fn a_field_one_release_lacks_is_no_difference() {
        let mut a = trace("2.4.22");
        a.nodes[0].last_success = None;
        let mut b = trace("2.6.12");
        b.saved_max_pfn = Some(0);
        assert!(diff(&a, &b).identical());
        a.nodes[0].last_pos = 3;
        let d = diff(&a, &b);
        let f = &d.nodes[0].fields;
        assert!(f.iter().any(|f| f.name == "last_pos" && f.differs));
        assert!(f.iter().any(|f| f.name == "last_success" && !f.differs));
    }

    fn run(pfn: u64, order: u32, count: u64, bad: bool) -> FreedRun {
        FreedRun {
            pfn,
            order,
            count,
            bad,
        }
    }

    #[test]
    fn hand_offs_are_counted_by_order_and_the_first_difference_found_in_runs() {
        let mut a = trace("2.6.15");
        let mut b = trace("2.6.16");
        a.freed = vec![run(0, 0, 1_000_000, false), run(1_000_000, 6, 2, true)];
        b.freed = vec![
            run(0, 0, 999_000, false),
            run(999_000, 0, 1000, false),
            run(1_000_000, 6, 1, false),
            run(1_000_064, 6, 1, true),
        ];
        let d = diff(&a, &b);
        assert_eq!(d.kinds, [Kind::HandOff]);
        let f = d.freed.unwrap();
        assert_eq!(f.a.pages, 1_000_128);
        assert_eq!(f.a.by_order, [(0, 1_000_000, 0), (6, 2, 2)]);
        assert_eq!(f.b.bad, 1);
        assert_eq!(
            f.first,
            Some(FirstHandOff {
                index: 1_000_000,
                a: Some(HandOff {
                    pfn: 1_000_000,
                    order: 6,
                    bad: true
                }),
                b: Some(HandOff {
                    pfn: 1_000_000,
                    order: 6,
                    bad: false
                }),
            })
        );
        // A log that is a prefix of the other differs where it ends.
        let first = first_hand_off(&[run(0, 0, 3, false)], &[run(0, 0, 4, false)]);
        assert_eq!(first.map(|f| (f.index, f.a)), Some((3, None)));
    }
}
