//! Comparisons as JSON for tools: one diff, a bisection, a tour. They are built from the
//! pieces of [`crate::json`], so that a result, a stop, a node, a hand-off and a commit
//! read the same in a diff as in a trace.

use crate::compare::{summarize, Bisect, Cell, Comparison, Explained, Tour};
use crate::diff::{
    Bits, CallDiff, Diff, Explanation, HandOff, HandOffCount, Reach, Reason, Side, Source, Why,
};
use crate::json::{CostJson, Freed, NodeFields, Returned, StopJson};
use crate::run::Outcome;
use crate::versions;
use bootmem_core::Commit;
use serde::Serialize;

/// A call's outcome on one side: `{"result": …}`, `{"stop": {…}}` or
/// `{"not_reached": {"stopped_at": n}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeJson {
    /// The call returned.
    Result(Returned),
    /// The call stopped the boot.
    Stop(StopJson),
    /// The boot had stopped before the call.
    NotReached {
        /// The line at which it stopped.
        stopped_at: Option<usize>,
    },
}

fn outcome(o: &Reach) -> OutcomeJson {
    match o {
        Reach::Ran(Outcome::Returned(v)) => OutcomeJson::Result(Returned(*v)),
        Reach::Ran(Outcome::Stopped { stop, note }) => {
            OutcomeJson::Stop(StopJson::new(stop, note.as_ref(), None))
        }
        Reach::NotReached { stopped_at } => OutcomeJson::NotReached {
            stopped_at: *stopped_at,
        },
    }
}

/// Which release of the pair: `"a"` or `"b"`.
fn side_name(side: Side) -> &'static str {
    match side {
        Side::A => "a",
        Side::B => "b",
    }
}

/// One call on both sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallDiffJson {
    /// The scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// On the first release.
    pub a: OutcomeJson,
    /// On the second release.
    pub b: OutcomeJson,
}

fn call(c: &CallDiff) -> CallDiffJson {
    CallDiffJson {
        line: c.line,
        call: c.call.clone(),
        a: outcome(&c.a),
        b: outcome(&c.b),
    }
}

/// A commit with the release that first carried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommitJson {
    /// The registry release that first carried it.
    pub release: &'static str,
    /// The full id.
    pub id: &'static str,
    /// The id in short.
    pub short: &'static str,
    /// The title.
    pub title: &'static str,
    /// The author.
    pub author: &'static str,
    /// The date, as git gives it.
    pub date: &'static str,
}

/// A commit with the release that brought it.
pub fn commit(release: &'static str, c: &'static Commit) -> CommitJson {
    CommitJson {
        release,
        id: c.id,
        short: versions::short_id(c.id),
        title: c.title,
        author: c.author,
        date: c.date,
    }
}

/// Why two releases part: code of a commit that ran, or a call one of them lacks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonJson {
    /// The release whose code it is.
    pub release: &'static str,
    /// The scenario line where it ran.
    pub line: usize,
    /// The mark of the code path.
    pub mark: &'static str,
    /// What the code does.
    pub what: String,
    /// The commit that brought it, where the records know it.
    pub commit: Option<CommitJson>,
    /// The call one release lacks, when that is the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_call: Option<&'static str>,
}

fn reason(r: &Reason) -> ReasonJson {
    ReasonJson {
        release: r.release,
        line: r.line,
        mark: r.mark,
        what: r.what.clone(),
        commit: r.commit.map(|(rel, c)| commit(rel, c)),
        missing_call: match &r.source {
            Source::Missing { call } => Some(call.name()),
            Source::Path => None,
        },
    }
}

fn reasons(list: &[Reason]) -> Vec<ReasonJson> {
    list.iter().map(reason).collect()
}

/// Where the two runs first part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartingJson {
    /// How they part (a kind of [`DiffJson::kinds`]).
    pub kind: &'static str,
    /// The scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// On the first release.
    pub a: OutcomeJson,
    /// On the second release.
    pub b: OutcomeJson,
    /// The code that ran in this call and explains it.
    pub why: Vec<ReasonJson>,
    /// Code that ran in an earlier call and explains it.
    pub earlier: Vec<ReasonJson>,
}

/// Log lines of one scenario line that only one side printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrintkDiffJson {
    /// The scenario line.
    pub line: usize,
    /// Printed by the first release only.
    pub a_only: Vec<String>,
    /// Printed by the second release only.
    pub b_only: Vec<String>,
}

impl PrintkDiffJson {
    /// The lines one side alone printed (or warned) at one scenario line.
    fn new(p: &crate::diff::PrintkDiff) -> PrintkDiffJson {
        PrintkDiffJson {
            line: p.line,
            a_only: p.a_only.clone(),
            b_only: p.b_only.clone(),
        }
    }
}

/// Pages whose bit differs between the two bitmaps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BitRunJson {
    /// First pfn.
    pub start: u64,
    /// The pfn after the last.
    pub end: u64,
    /// The side on which they are reserved.
    pub reserved_on: &'static str,
}

/// How the two bitmaps of a node compare: `same`, or the side that lacks the node
/// (`absent_on`) or has dropped its bitmap (`dropped_on`), or the pages that differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BitmapJson {
    /// Every bit agrees, or both bitmaps were dropped.
    pub same: bool,
    /// The side that has no such node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent_on: Option<&'static str>,
    /// The side that dropped its bitmap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped_on: Option<&'static str>,
    /// How many pages differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u64>,
    /// The runs of pages that differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runs: Option<Vec<BitRunJson>>,
}

/// A node whose final state differs: both sides' fields as a trace writes them, the
/// names of those that differ, and the bitmaps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeDiffJson {
    /// The node id.
    pub nid: usize,
    /// On the first release; `null` where it has no such node.
    pub a: Option<NodeFields>,
    /// On the second release.
    pub b: Option<NodeFields>,
    /// The fields that differ.
    pub differs: Vec<&'static str>,
    /// The bitmaps.
    pub bitmap: BitmapJson,
}

/// A value on both sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sides<T> {
    /// On the first release.
    pub a: T,
    /// On the second release.
    pub b: T,
}

/// The hand-off of one side, counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HandOffCountJson {
    /// Pages handed over.
    pub pages: u64,
    /// Blocks handed over.
    pub blocks: u64,
    /// Blocks reported bad.
    pub bad: u64,
    /// Per order.
    pub by_order: Vec<OrderCountJson>,
}

/// The blocks of one order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderCountJson {
    /// The order.
    pub order: u32,
    /// Blocks of it.
    pub blocks: u64,
    /// Of which reported bad.
    pub bad: u64,
}

fn count(c: &HandOffCount) -> HandOffCountJson {
    HandOffCountJson {
        pages: c.pages,
        blocks: c.blocks,
        bad: c.bad,
        by_order: c
            .by_order
            .iter()
            .map(|&(order, blocks, bad)| OrderCountJson { order, blocks, bad })
            .collect(),
    }
}

fn hand_off(h: Option<HandOff>) -> Option<Freed> {
    h.map(|h| Freed {
        pfn: h.pfn,
        order: h.order,
        count: 1,
        bad: h.bad,
    })
}

/// The first block handed over differently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FirstHandOffJson {
    /// Its index in the order handed over (counting blocks).
    pub index: u64,
    /// The first release's block there, if any.
    pub a: Option<Freed>,
    /// The second release's.
    pub b: Option<Freed>,
}

/// How the hand-offs differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FreedDiffJson {
    /// The first release's, counted.
    pub a: HandOffCountJson,
    /// The second release's.
    pub b: HandOffCountJson,
    /// The first block that differs.
    pub first: Option<FirstHandOffJson>,
}

/// Which side ran calls the other never reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OneSidedJson {
    /// `"a"` or `"b"`.
    pub side: &'static str,
    /// How many calls.
    pub calls: usize,
    /// Their first and last scenario lines.
    pub lines: [usize; 2],
}

/// One diff of two traces of one scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffJson {
    /// The scenario.
    pub file: String,
    /// The first release.
    pub a: &'static str,
    /// The second release.
    pub b: &'static str,
    /// Whether everything a trace shows is the same.
    pub identical: bool,
    /// How they differ: `stop`, `unavailable`, `result`, `moved`, `printk`,
    /// `hand-off`, `state`.
    pub kinds: Vec<&'static str>,
    /// The commits between the two, each with the release that first carried it.
    pub commits: Vec<CommitJson>,
    /// Where they first part.
    pub first: Option<PartingJson>,
    /// The other calls whose outcomes differ.
    pub calls: Vec<CallDiffJson>,
    /// Calls only one side reached.
    pub one_sided: Option<OneSidedJson>,
    /// Log lines that differ.
    pub printk: Vec<PrintkDiffJson>,
    /// Checker warnings that differ, per call, each written `message (kind)`.
    pub warnings: Vec<PrintkDiffJson>,
    /// Nodes whose final state differs.
    pub nodes: Vec<NodeDiffJson>,
    /// `saved_max_pfn` on both sides, where it differs.
    pub saved_max_pfn: Option<Sides<Option<u64>>>,
    /// How the hand-offs differ.
    pub freed: Option<FreedDiffJson>,
    /// Code that explains a difference only the end state shows.
    pub reasons: Vec<ReasonJson>,
    /// Code of the commits that ran later in the run.
    pub later: Vec<ReasonJson>,
    /// Code of the commits that ran to no effect.
    pub quiet: Vec<ReasonJson>,
    /// What each release's C did, in total and per call.
    pub cost: CostDiffJson,
}

/// `b / a` of two counts, written as a JSON number, or `null` when `a` is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    /// The first side's count.
    pub a: u64,
    /// The second side's count.
    pub b: u64,
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match crate::diff::costs::ratio(self.a, self.b) {
            Some(r) => s.serialize_f64(r),
            None => s.serialize_unit(),
        }
    }
}

/// One count on both sides, with the factor between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CountPair {
    /// The first release's count.
    pub a: u64,
    /// The second release's count.
    pub b: u64,
    /// `b / a`; `null` when `a` is zero.
    pub ratio: Ratio,
}

impl CountPair {
    /// `a` and `b` with their ratio.
    pub fn new(a: u64, b: u64) -> CountPair {
        CountPair {
            a,
            b,
            ratio: Ratio { a, b },
        }
    }
}

/// The cost of one call on both sides, where the two differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallCostJson {
    /// Scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// What it cost the first release.
    pub a: CostJson,
    /// What it cost the second release.
    pub b: CostJson,
    /// Its bitmap operations on both sides.
    pub bitmap_operations: CountPair,
}

/// The costs of a diff's two runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CostDiffJson {
    /// Whether the two runs cost the same, call by call.
    pub same: bool,
    /// The first release's whole run.
    pub a: CostJson,
    /// The second release's whole run.
    pub b: CostJson,
    /// The whole runs' bitmap operations (`test_bit`, `test_and_set_bit`,
    /// `test_and_clear_bit`, `find_next_zero_bit` and `words_read` together).
    pub bitmap_operations: CountPair,
    /// Every call both sides reached whose costs differ.
    pub calls: Vec<CallCostJson>,
}

fn cost_diff(c: &crate::diff::CostDiff) -> CostDiffJson {
    CostDiffJson {
        same: c.same(),
        a: CostJson::new(&c.a),
        b: CostJson::new(&c.b),
        bitmap_operations: CountPair::new(c.a.bitmap_ops(), c.b.bitmap_ops()),
        calls: c
            .calls
            .iter()
            .map(|k| CallCostJson {
                line: k.line,
                call: k.call.clone(),
                a: CostJson::new(&k.a),
                b: CostJson::new(&k.b),
                bitmap_operations: CountPair::new(k.a.bitmap_ops(), k.b.bitmap_ops()),
            })
            .collect(),
    }
}

fn bitmap(n: &crate::diff::NodeDiff) -> BitmapJson {
    let mut j = BitmapJson {
        same: false,
        absent_on: None,
        dropped_on: None,
        pages: None,
        runs: None,
    };
    match &n.bits {
        Bits::Same => j.same = true,
        Bits::Absent => j.absent_on = Some(if n.a.is_some() { "b" } else { "a" }),
        Bits::Dropped { a } => j.dropped_on = Some(if *a { "a" } else { "b" }),
        Bits::Differ { runs, pages } => {
            j.pages = Some(*pages);
            j.runs = Some(
                runs.iter()
                    .map(|r| BitRunJson {
                        start: r.start,
                        end: r.end,
                        reserved_on: if r.reserved_on_b { "b" } else { "a" },
                    })
                    .collect(),
            );
        }
    }
    j
}

/// One diff in its JSON form.
pub fn diff(d: &Diff) -> DiffJson {
    let none: &[Reason] = &[];
    let (at_call, earlier, later, end_state, quiet) = match &d.why {
        Explanation::Parting { first, later } => match first {
            Why::InCall(r) => (&r[..], none, &later[..], none, none),
            Why::Earlier(r) => (none, &r[..], &later[..], none, none),
        },
        Explanation::EndState(r) => (none, none, none, &r[..], none),
        Explanation::Quiet(r) => (none, none, none, none, &r[..]),
    };
    DiffJson {
        file: d.file.clone(),
        a: d.pair.a,
        b: d.pair.b,
        identical: d.identical(),
        kinds: d.kinds.iter().map(|k| k.label()).collect(),
        commits: d.pair.commits.iter().map(|(r, c)| commit(r, c)).collect(),
        first: d.calls.parting.as_ref().map(|p| PartingJson {
            kind: p.kind.label(),
            line: p.call.line,
            call: p.call.call.clone(),
            a: outcome(&p.call.a),
            b: outcome(&p.call.b),
            why: reasons(at_call),
            earlier: reasons(earlier),
        }),
        calls: d.calls.others.iter().map(call).collect(),
        one_sided: d.calls.one_sided.as_ref().map(|o| OneSidedJson {
            side: side_name(o.side),
            calls: o.calls,
            lines: [o.lines.0, o.lines.1],
        }),
        printk: d.calls.printk.iter().map(PrintkDiffJson::new).collect(),
        warnings: d.calls.warnings.iter().map(PrintkDiffJson::new).collect(),
        nodes: d
            .end
            .nodes
            .iter()
            .map(|n| NodeDiffJson {
                nid: n.nid,
                a: n.a.as_ref().map(NodeFields::new),
                b: n.b.as_ref().map(NodeFields::new),
                differs: n
                    .fields
                    .iter()
                    .filter(|f| f.differs)
                    .map(|f| f.name)
                    .collect(),
                bitmap: bitmap(n),
            })
            .collect(),
        saved_max_pfn: d.end.saved_max_pfn.map(|(a, b)| Sides { a, b }),
        freed: d.end.freed.as_ref().map(|f| FreedDiffJson {
            a: count(&f.a),
            b: count(&f.b),
            first: f.first.map(|x| FirstHandOffJson {
                index: x.index,
                a: hand_off(x.a),
                b: hand_off(x.b),
            }),
        }),
        reasons: reasons(end_state),
        later: reasons(later),
        quiet: reasons(quiet),
        cost: cost_diff(&d.costs),
    }
}

/// A comparison of two releases: their diff, and the steps between them when they are
/// not neighbours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComparisonJson {
    /// The diff of the two.
    #[serde(flatten)]
    pub diff: DiffJson,
    /// Each step between them, oldest first; empty for neighbours.
    pub steps: Vec<DiffJson>,
}

/// A comparison in its JSON form.
pub fn comparison(c: &Comparison) -> ComparisonJson {
    ComparisonJson {
        diff: diff(&c.diff),
        steps: c.steps.iter().map(diff).collect(),
    }
}

/// Several comparisons.
pub fn comparisons(list: &[Comparison]) -> Vec<ComparisonJson> {
    list.iter().map(comparison).collect()
}

/// How the oldest release ran the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FirstRunJson {
    /// The oldest release.
    pub release: &'static str,
    /// The call that stopped its boot, if one did.
    pub stop: Option<StoppedAtJson>,
}

/// A call that stopped the boot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoppedAtJson {
    /// The scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// How it stopped.
    pub stop: StopJson,
}

/// A scenario along the whole history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BisectJson {
    /// The scenario.
    pub file: String,
    /// How the oldest release ran it.
    pub first: Option<FirstRunJson>,
    /// Every step of history, oldest first.
    pub steps: Vec<DiffJson>,
    /// The releases at which the trace changes.
    pub changed_at: Vec<&'static str>,
}

/// Several bisections.
pub fn bisects(list: &[Bisect]) -> Vec<BisectJson> {
    list.iter().map(bisect).collect()
}

/// A bisection in its JSON form.
pub fn bisect(b: &Bisect) -> BisectJson {
    BisectJson {
        file: b.file.clone(),
        first: b.traces.first().map(|t| FirstRunJson {
            release: t.version,
            stop: t.calls.last().and_then(|c| match &c.outcome {
                Outcome::Stopped { stop, note } => Some(StoppedAtJson {
                    line: c.line,
                    call: c.call.to_string(),
                    stop: StopJson::new(stop, note.as_ref(), Some(c.line)),
                }),
                Outcome::Returned(_) => None,
            }),
        }),
        steps: b.steps.iter().map(diff).collect(),
        changed_at: b.changes().map(|d| d.pair.b).collect(),
    }
}

/// Commits whose code ran, with the scenarios in which it did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplainedJson {
    /// The commit.
    pub commit: CommitJson,
    /// The scenarios.
    pub scenarios: Vec<String>,
}

fn explained(list: &[Explained]) -> Vec<ExplainedJson> {
    list.iter()
        .map(|e| ExplainedJson {
            commit: commit(e.release, e.commit),
            scenarios: e.scenarios.clone(),
        })
        .collect()
}

/// The summary of one pair of a tour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryJson {
    /// How many scenarios.
    pub total: usize,
    /// Those that behave the same.
    pub same: Vec<String>,
    /// Those that differ, by how they first part.
    pub by_kind: std::collections::BTreeMap<&'static str, Vec<String>>,
    /// The commits whose code ran where they part.
    pub explained: Vec<ExplainedJson>,
    /// Those that differ without a commit's code to show for it.
    pub unexplained: Vec<String>,
    /// The commits whose code ran to no effect.
    pub quiet: Vec<ExplainedJson>,
    /// Those refused as too large.
    pub refused: Vec<String>,
    /// The C's bitmap operations on the two releases.
    pub cost: PairCostJson,
}

/// The C's bitmap operations of a pair of a tour: every scenario that ran together,
/// and the call whose count changed by the largest factor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairCostJson {
    /// Every scenario that ran on both, added up.
    pub bitmap_operations: CountPair,
    /// The call whose bitmap operations changed by the largest factor, if any
    /// changed.
    pub largest: Option<LargestCostJson>,
}

/// The call whose cost changed most across a pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LargestCostJson {
    /// The scenario's short name.
    pub scenario: String,
    /// The scenario line of the call.
    pub line: usize,
    /// Its bitmap operations on both.
    pub bitmap_operations: CountPair,
}

/// One scenario of a pair of a tour: its comparison, or why it was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TourCellJson {
    /// It ran on both.
    Compared {
        /// The scenario's short name.
        scenario: String,
        /// Its comparison.
        #[serde(flatten)]
        comparison: Box<ComparisonJson>,
    },
    /// The simulator refused it.
    Refused {
        /// The scenario's short name.
        scenario: String,
        /// Its file.
        file: String,
        /// Why.
        refused: String,
    },
}

/// One pair of a tour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TourPairJson {
    /// The older release.
    pub a: &'static str,
    /// The newer.
    pub b: &'static str,
    /// What the pair's scenarios show.
    pub summary: SummaryJson,
    /// Each scenario.
    pub scenarios: Vec<TourCellJson>,
}

/// A tour: every scenario on every pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TourJson {
    /// The pairs, oldest first.
    pub pairs: Vec<TourPairJson>,
}

/// A tour in its JSON form.
pub fn tour(t: &Tour) -> TourJson {
    let pairs = (0..t.pairs.len())
        .map(|k| {
            let (a, b) = t.pairs[k];
            let s = summarize(t, k);
            let scenarios = t
                .rows
                .iter()
                .filter_map(|r| {
                    Some(match r.cells.get(k)? {
                        Cell::Compared(c) => TourCellJson::Compared {
                            scenario: r.name.clone(),
                            comparison: Box::new(comparison(c)),
                        },
                        Cell::Refused(e) => TourCellJson::Refused {
                            scenario: r.name.clone(),
                            file: r.file.clone(),
                            refused: e.to_string(),
                        },
                    })
                })
                .collect();
            TourPairJson {
                a,
                b,
                summary: SummaryJson {
                    total: s.total,
                    same: s.same,
                    by_kind: s
                        .by_kind
                        .iter()
                        .map(|(k, names)| (k.label(), names.clone()))
                        .collect(),
                    explained: explained(&s.explained),
                    unexplained: s.unexplained,
                    quiet: explained(&s.quiet),
                    refused: s.refused,
                    cost: PairCostJson {
                        bitmap_operations: CountPair::new(s.cost.a, s.cost.b),
                        largest: s.cost.largest.map(|c| LargestCostJson {
                            scenario: c.scenario,
                            line: c.line,
                            bitmap_operations: CountPair::new(c.a, c.b),
                        }),
                    },
                },
                scenarios,
            }
        })
        .collect();
    TourJson { pairs }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::parse::parse;
    use serde_json::json;

    #[test]
    fn a_diff_in_json_has_the_parting_and_the_commits() {
        let s = parse(
            "t.boot",
            "init_bootmem_node(1, 0x201, 0x40, 0x80)\n\
             init_bootmem_node(0, 0x200, 0x0, 0x40)\n\
             free_bootmem_node(1, 0x40000, 0x40000)\n\
             __alloc_bootmem_node(0, 0x1000, 0x1000, 0)\n",
        )
        .unwrap();
        let c = compare(
            &s,
            versions::find("2.6.14").unwrap(),
            versions::find("2.6.15").unwrap(),
        )
        .unwrap();
        let j = serde_json::to_value(comparison(&c)).unwrap();
        assert_eq!(j["identical"], json!(false));
        assert_eq!(j["kinds"], json!(["stop", "state"]));
        assert_eq!(j["first"]["line"], json!(4));
        assert_eq!(j["first"]["a"]["stop"]["at"], json!(229));
        assert_eq!(j["first"]["b"]["result"], json!("0x40000"));
        assert_eq!(j["commits"][1]["short"], json!("66d43e98"));
        assert_eq!(
            j["nodes"][1]["bitmap"]["runs"][0]["reserved_on"],
            json!("b")
        );
        // A node reads as a trace writes it: addresses as strings, pfns as numbers.
        assert_eq!(j["nodes"][1]["a"]["node_boot_start"], json!("0x40000"));
        assert_eq!(j["nodes"][1]["a"]["node_low_pfn"], json!(0x80));
        assert_eq!(j["steps"], json!([]));
    }
}
