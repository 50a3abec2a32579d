//! Compares two traces of one scenario: the first call at which the releases part, what
//! else differs, and which upstream commit's code ran where they part.
//!
//! Only what a trace shows counts as a difference: results, stops, `printk` lines, the
//! final state of every node and `saved_max_pfn`, and the hand-off to the page
//! allocator. The marked code paths of a trace (the `paths` of each [`crate::run::CallRecord`]) are evidence, not
//! behaviour: they say why two traces part, and two traces that differ only in them are
//! identical (the new code ran and did what the old code did).
//!
//! A version crate marks the paths that its own release's commits introduced, so the
//! paths that explain a comparison are those of the *newer* release whose commit lies
//! between the two; [`crate::compare`] walks the releases in between when the two are
//! not neighbours.

mod calls;
pub mod costs;
mod end;
mod explain;
mod map_text;
#[cfg(test)]
mod tests;
pub(crate) mod text;

pub use costs::{CallCost, CostDiff};
pub use end::{
    bit_delta, BitRun, Bits, EndDiff, Field, FirstHandOff, FreedDiff, HandOff, HandOffCount,
    NodeDiff,
};

use crate::run::{Outcome, Trace};
use crate::versions;
use bootmem_core::{CallId, Commit, Release};

/// One of the two traces being compared, in the order the user named them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The first release named.
    A,
    /// The second release named.
    B,
}

/// How far one side got with a call of the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The call ran, and returned or stopped the boot.
    Ran(Outcome),
    /// An earlier call had already ended the boot.
    NotReached {
        /// The line of the call that stopped the boot, if the trace has one.
        stopped_at: Option<usize>,
    },
}

impl Reach {
    /// Whether the call ran on this side.
    pub fn ran(&self) -> bool {
        matches!(self, Reach::Ran(_))
    }

    /// Whether the call stopped the boot on this side.
    pub fn stopped(&self) -> bool {
        matches!(self, Reach::Ran(Outcome::Stopped { .. }))
    }
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
    /// The checkers warn about a call on one side only, or otherwise.
    Warning,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 8] = [
        Kind::Stop,
        Kind::Unavailable,
        Kind::Result,
        Kind::Moved,
        Kind::Printk,
        Kind::HandOff,
        Kind::State,
        Kind::Warning,
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
            Kind::Warning => "warning",
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
            Kind::Warning => "the checkers warn about a call on one release only, or otherwise",
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
    pub a: Reach,
    /// What the second release did.
    pub b: Reach,
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

/// The two releases compared, and the history between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The first release named.
    pub a: &'static str,
    /// The second release named.
    pub b: &'static str,
    /// Which side is the later release, if they differ in age.
    pub newer: Option<Side>,
    /// The commits that lie between the two releases, oldest release first, each with
    /// the release that brought it.
    pub commits: Vec<(&'static str, &'static Commit)>,
}

impl Pair {
    /// The release name of a side.
    pub fn name(&self, side: Side) -> &'static str {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    /// The older release, if the two differ in age.
    pub fn older(&self) -> Option<&'static str> {
        match self.newer {
            Some(Side::A) => Some(self.b),
            Some(Side::B) => Some(self.a),
            None => None,
        }
    }
}

/// How the calls of the two runs compare.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallsDiff {
    /// The first call at which the runs part, if one does.
    pub parting: Option<Parting>,
    /// Every other call that both sides reached and that ended differently: another
    /// result, or a stop on one side only or of another kind.
    pub others: Vec<CallDiff>,
    /// Calls that only one side reached.
    pub one_sided: Option<OneSided>,
    /// `printk` lines that differ, per call.
    pub printk: Vec<PrintkDiff>,
    /// Checker warnings that differ, per call (as `kind: message` lines).
    pub warnings: Vec<PrintkDiff>,
}

/// Why the first parting happens: code that ran in that very call, or, when none did,
/// code that ran in earlier calls and may have set up the state that made it part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Paths of commits between the releases that ran in the parting call (never
    /// empty), and the commits that added or removed a call one release lacks.
    InCall(Vec<Reason>),
    /// Such paths that ran in earlier calls; empty when none did, or when the stop
    /// only moved in the source.
    Earlier(Vec<Reason>),
}

impl Why {
    /// The reasons, wherever they ran.
    pub fn reasons(&self) -> &[Reason] {
        match self {
            Why::InCall(r) | Why::Earlier(r) => r,
        }
    }
}

/// The commits whose code explains a comparison, by what the comparison found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Explanation {
    /// The traces are identical: paths of commits between the releases that ran all
    /// the same, doing what the older code did.
    Quiet(Vec<Reason>),
    /// A call parts.
    Parting {
        /// Why it parts.
        first: Why,
        /// Paths of commits between the releases that the newer run took in later
        /// calls, which may explain the later differences; empty when one side
        /// stopped at the parting.
        later: Vec<Reason>,
    },
    /// No call parts, but what the runs leave behind differs: the paths of commits
    /// between the releases that ran anywhere in the newer run.
    EndState(Vec<Reason>),
}

/// Everything that differs between two traces of one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// The scenario file.
    pub file: String,
    /// The two releases and the commits between them.
    pub pair: Pair,
    /// The kinds of difference found, in [`Kind`] order; empty when identical.
    pub kinds: Vec<Kind>,
    /// How the calls compare.
    pub calls: CallsDiff,
    /// How what the runs leave behind compares.
    pub end: EndDiff,
    /// The commits whose code explains it.
    pub why: Explanation,
    /// What each release's C did, in total and per call; never a kind of difference.
    pub costs: CostDiff,
}

impl Diff {
    /// Whether the two traces show the same behaviour.
    pub fn identical(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The kind that sums the comparison up: how the first call parts, else the first
    /// kind found.
    pub fn primary(&self) -> Option<Kind> {
        self.calls
            .parting
            .as_ref()
            .map(|p| p.kind)
            .or_else(|| self.kinds.first().copied())
    }

    /// The release name of a side.
    pub fn name(&self, side: Side) -> &'static str {
        self.pair.name(side)
    }

    /// The reasons that explain how the runs first differ: those of the first parting,
    /// or, when no call parts, the paths that ran anywhere in the newer run.
    pub fn all_reasons(&self) -> &[Reason] {
        match &self.why {
            Explanation::Parting { first, .. } => first.reasons(),
            Explanation::EndState(r) => r,
            Explanation::Quiet(_) => &[],
        }
    }
}

/// Compares two traces of the same scenario; `a` and `b` in the order to show them.
pub fn diff(a: &Trace, b: &Trace) -> Diff {
    let (newer, range) = order(a.version, b.version);
    let pair = Pair {
        a: a.version,
        b: b.version,
        newer,
        commits: versions::commits_in(range)
            .into_iter()
            .map(|(r, c)| (r.name, c))
            .collect(),
    };
    let newer_trace = match newer {
        Some(Side::A) => Some(a),
        Some(Side::B) => Some(b),
        None => None,
    };
    // The commits of the range are already in the pair: a path is new code when its
    // commit is one of them.
    let new_code_at = |line: usize| {
        newer_trace.is_some_and(|t| {
            t.calls.iter().filter(|c| c.line == line).any(|c| {
                c.paths
                    .iter()
                    .any(|p| pair.commits.iter().any(|(_, k)| k.id == p.commit))
            })
        })
    };
    let (calls, mut kinds) = calls::compare(a, b, new_code_at);
    let end = end::compare(a, b);
    kinds.extend(end.kinds());
    kinds.sort_unstable();
    kinds.dedup();
    let why = match newer_trace {
        Some(t) => explain::explain(t, range, &pair, &calls, kinds.is_empty()),
        None if calls.parting.is_some() => Explanation::Parting {
            first: Why::Earlier(Vec::new()),
            later: Vec::new(),
        },
        None if kinds.is_empty() => Explanation::Quiet(Vec::new()),
        None => Explanation::EndState(Vec::new()),
    };
    Diff {
        file: a.file.clone(),
        pair,
        kinds,
        calls,
        end,
        why,
        costs: costs::compare(a, b),
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
