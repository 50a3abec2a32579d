//! What two runs leave behind, compared: every node's fields and bitmap,
//! `saved_max_pfn`, and the hand-off to the page allocator, walked run by run.

use super::Kind;
use crate::run::{NodeTrace, Trace};
use bootmem_core::FreedRun;
use std::collections::BTreeMap;

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

/// The name of `bdata->last_pos`, which counts pages from the node's start (a bitmap
/// index), unlike the pfns printed beside it.
const LAST_POS: &str = "last_pos";

impl Field {
    /// The field as the text forms label it: `last_pos` says that it is an index, so
    /// that no reader takes it for a pfn.
    pub fn label(&self) -> String {
        if self.name == LAST_POS {
            format!("{} (index)", self.name)
        } else {
            self.name.to_string()
        }
    }
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

/// How what the two runs leave behind compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndDiff {
    /// `PAGE_SHIFT` of the machine, to turn node starts into pfns.
    pub page_shift: u32,
    /// Nodes whose final state differs.
    pub nodes: Vec<NodeDiff>,
    /// How many nodes agree in every field and bit.
    pub nodes_same: usize,
    /// `saved_max_pfn` on both sides, where it differs.
    pub saved_max_pfn: Option<(Option<u64>, Option<u64>)>,
    /// The hand-off to the page allocator, where it differs.
    pub freed: Option<FreedDiff>,
}

impl EndDiff {
    /// The kinds of difference it holds.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut kinds = Vec::new();
        if !self.nodes.is_empty() || self.saved_max_pfn.is_some() {
            kinds.push(Kind::State);
        }
        if self.freed.is_some() {
            kinds.push(Kind::HandOff);
        }
        kinds
    }
}

/// Compares the final states of two runs.
pub(super) fn compare(a: &Trace, b: &Trace) -> EndDiff {
    let (ea, eb) = (&a.end, &b.end);
    let (nodes, nodes_same) = node_diffs(&ea.nodes, &eb.nodes);
    // A release without `saved_max_pfn` (before 2.6.13, or without CONFIG_CRASH_DUMP)
    // has nothing to compare; a scenario that sets it stops there as unavailable.
    let saved_max_pfn = match (ea.saved_max_pfn, eb.saved_max_pfn) {
        (Some(x), Some(y)) if x != y => Some((Some(x), Some(y))),
        _ => None,
    };
    let freed = (ea.freed != eb.freed).then(|| FreedDiff {
        a: count_hand_offs(&ea.freed),
        b: count_hand_offs(&eb.freed),
        first: first_hand_off(&ea.freed, &eb.freed),
    });
    EndDiff {
        page_shift: a.arch.page_shift,
        nodes,
        nodes_same,
        saved_max_pfn,
        freed,
    }
}

fn node_diffs(a: &[NodeTrace], b: &[NodeTrace]) -> (Vec<NodeDiff>, usize) {
    let mut nids: Vec<usize> = a.iter().map(|n| n.nid).collect();
    for n in b {
        if !nids.contains(&n.nid) {
            nids.push(n.nid);
        }
    }
    let mut out = Vec::new();
    let mut same = 0;
    for nid in nids {
        let na = a.iter().find(|n| n.nid == nid);
        let nb = b.iter().find(|n| n.nid == nid);
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
            field(LAST_POS, |n| Some(n.last_pos)),
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
pub(super) fn first_hand_off(a: &[FreedRun], b: &[FreedRun]) -> Option<FirstHandOff> {
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
