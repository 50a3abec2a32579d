//! Property tests for the changes that should change nothing: 2.6.13 against 2.6.12, and
//! 2.6.14's `_limit` calls with limit 0 against 2.6.13's plain calls, on random scenarios.
//!
//! - 8c0e33c1 "Use ALIGN to remove duplicate code" and d41dee36's pfn walk in
//!   `free_all_bootmem_core()` are the only changes between 2.6.12 and 2.6.13 that a
//!   scenario without the new calls can reach, and neither should change a trace.
//! - 281dd25c made `__alloc_bootmem()` and `__alloc_bootmem_node()` pass limit 0 to the
//!   new `_limit` functions, and with limit 0 every new test is inert, so each `_limit`
//!   call with limit 0 must do what the matching plain call did in 2.6.13.
//!
//! Traces are compared field by field, all but the release name and the marked code
//! paths (which name the commits whose code ran). The `BUG()` line numbers, which move
//! between releases, are translated through the table of corresponding sites below,
//! and the 2.6.14 comparison ignores the call texts, which differ by construction. A failure prints the scenario as `.boot` text, ready to be
//! saved in `tests/scenarios/` and run with `cargo xtask run`.
//!
//! The default run is 64 cases per property; `PROPTEST_CASES` raises it.

use bootmem_core::Stop;
use bootmem_history::parse::parse;
use bootmem_history::run::{run, Trace};
use bootmem_history::versions;
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::fmt;

const PAGE: u64 = 4096;

/// Where the node's bitmap goes: past every node (the usual place), or on the node's
/// own first page.
#[derive(Clone, Copy, Debug)]
enum MapAt {
    Outside,
    FirstPage,
}

/// One node of a random machine, before it is laid out.
#[derive(Clone, Debug)]
struct NodeChoice {
    /// Start pfn alignment: 0 = a multiple of 64 pages, 1 = one past it, 2 = 17 past it.
    skew: u8,
    /// Gap before the node, in units of 64 pages.
    gap: u8,
    pages: u64,
    map_at: MapAt,
}

/// A page-relative place inside a node, or (when `over`) possibly just past it.
#[derive(Clone, Copy, Debug)]
struct Spot {
    node: u8,
    page: u16,
    sub: u16,
    over: bool,
}

/// One statement, in terms of choices that the layout turns into numbers.
#[derive(Clone, Debug)]
enum Op {
    Free {
        on_node: bool,
        at: Spot,
        size: u64,
    },
    Reserve {
        on_node: bool,
        at: Spot,
        size: u64,
    },
    /// Frees what an earlier `Reserve` reserved (the `k`th of them, counting back),
    /// the usual way a boot gives memory back.
    FreeBack {
        k: u8,
    },
    Alloc {
        node: Option<u8>,
        size: u64,
        align: u64,
        goal: Goal,
    },
    Macro {
        which: u8,
        node: u8,
        size: u64,
    },
    MemMap {
        node: u8,
    },
    FreeAll {
        node: Option<u8>,
    },
    Memset {
        at: Spot,
        byte: u8,
        size: u64,
    },
    Reinit {
        node: u8,
    },
}

/// A goal, chosen relative to the nodes where that matters.
#[derive(Clone, Copy, Debug)]
enum Goal {
    Zero,
    Inside(Spot),
    NodeEnd(u8),
    MaxDma,
    FourGiB,
}

/// A random scenario: a machine, its nodes and the calls made on it.
#[derive(Clone)]
struct Scenario {
    i386: bool,
    mmu: bool,
    debug: bool,
    free_whole_nodes: bool,
    nodes: Vec<NodeChoice>,
    ops: Vec<Op>,
}

/// A laid-out node: id, start pfn, end pfn and bitmap pfn.
struct Node {
    nid: u64,
    start: u64,
    end: u64,
    map: u64,
}

impl Scenario {
    /// Node ids are assigned so that node 0 is not always present, and the nodes are
    /// placed one after the other with their gaps; outside bitmaps follow the last node.
    fn layout(&self) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut next = 0u64;
        for (k, n) in self.nodes.iter().enumerate() {
            let base = next + u64::from(n.gap) * 64;
            let base = (base + 63) & !63;
            let start = base
                + match n.skew {
                    0 => 0,
                    1 => 1,
                    _ => 17,
                };
            let end = start + n.pages;
            nodes.push(Node {
                nid: if self.nodes.len() == 3 {
                    k as u64
                } else {
                    (k as u64 + u64::from(self.nodes[0].skew)) % 3
                },
                start,
                end,
                map: 0,
            });
            next = end;
        }
        let mut map_area = (next + 64) & !63;
        for (node, choice) in nodes.iter_mut().zip(&self.nodes) {
            node.map = match choice.map_at {
                MapAt::FirstPage => node.start,
                MapAt::Outside => {
                    let map = map_area;
                    map_area += 1;
                    map
                }
            };
        }
        nodes
    }

    fn spot(&self, nodes: &[Node], s: Spot) -> u64 {
        let n = &nodes[usize::from(s.node) % nodes.len()];
        let span = n.end - n.start + if s.over { 2 } else { 0 };
        let page = u64::from(s.page) % span.max(1);
        (n.start + page) * PAGE + u64::from(s.sub)
    }

    /// A range at `at` of at most `size` bytes, cut at the node's end unless the spot
    /// may overrun it. `on_node: false` means node 0, which the plain calls use.
    fn range(&self, nodes: &[Node], on_node: bool, at: Spot, size: u64) -> (u64, u64, u64) {
        let mut at = at;
        if !on_node {
            at.node = nodes.iter().position(|n| n.nid == 0).unwrap_or(0) as u8;
        }
        let n = &nodes[usize::from(at.node) % nodes.len()];
        let addr = self.spot(nodes, at);
        let size = if at.over {
            size
        } else {
            size.min((n.end * PAGE).saturating_sub(addr))
        };
        (n.nid, addr, size)
    }

    fn goal(&self, nodes: &[Node], g: Goal) -> u64 {
        match g {
            Goal::Zero => 0,
            Goal::Inside(s) => self.spot(nodes, s),
            Goal::NodeEnd(k) => nodes[usize::from(k) % nodes.len()].end * PAGE,
            Goal::MaxDma => 0x100_0000,
            Goal::FourGiB => 0x1_0000_0000,
        }
    }

    /// The `.boot` text; with `limit0` every allocation is written as its `_limit`
    /// counterpart with limit 0, line for line.
    fn text(&self, limit0: bool) -> String {
        let nodes = self.layout();
        let nid = |k: u8| nodes[usize::from(k) % nodes.len()].nid;
        let mut out = String::new();
        out.push_str(if self.i386 {
            "arch i386\n"
        } else {
            "arch x86_64\n"
        });
        if !self.mmu {
            out.push_str("config CONFIG_MMU=n\n");
        }
        if self.debug {
            out.push_str("config CONFIG_DEBUG_BOOTMEM=y\n");
        }
        for n in &nodes {
            out.push_str(&format!(
                "init_bootmem_node({}, {:#x}, {:#x}, {:#x})\n",
                n.nid, n.map, n.start, n.end
            ));
        }
        if self.free_whole_nodes {
            for n in &nodes {
                out.push_str(&format!(
                    "free_bootmem_node({}, {:#x}, {:#x})\n",
                    n.nid,
                    n.start * PAGE,
                    (n.end - n.start) * PAGE
                ));
            }
        }
        let lim = if limit0 { "_limit" } else { "" };
        let tail = if limit0 { ", 0" } else { "" };
        let mut reserved: Vec<(bool, u64, u64, u64)> = Vec::new();
        for op in &self.ops {
            let line = match *op {
                Op::Free { on_node, at, size } => {
                    let (n, addr, size) = self.range(&nodes, on_node, at, size);
                    free(on_node, n, addr, size)
                }
                Op::FreeBack { k } => match reserved.len() {
                    0 => "bootmem_bootmap_pages(0x1000)".to_string(),
                    len => {
                        let (on_node, n, addr, size) = reserved[len - 1 - usize::from(k) % len];
                        free(on_node, n, addr, size)
                    }
                },
                Op::Reserve { on_node, at, size } => {
                    let (n, addr, size) = self.range(&nodes, on_node, at, size);
                    reserved.push((on_node, n, addr, size));
                    if on_node {
                        format!("reserve_bootmem_node({n}, {addr:#x}, {size:#x})")
                    } else {
                        format!("reserve_bootmem({addr:#x}, {size:#x})")
                    }
                }
                Op::Alloc {
                    node,
                    size,
                    align,
                    goal,
                } => {
                    let goal = self.goal(&nodes, goal);
                    match node {
                        Some(k) => format!(
                            "__alloc_bootmem_node{lim}({}, {size:#x}, {align:#x}, {goal:#x}{tail})",
                            nid(k)
                        ),
                        None => {
                            format!("__alloc_bootmem{lim}({size:#x}, {align:#x}, {goal:#x}{tail})")
                        }
                    }
                }
                Op::Macro { which, node, size } => {
                    let names = [
                        "alloc_bootmem",
                        "alloc_bootmem_low",
                        "alloc_bootmem_pages",
                        "alloc_bootmem_low_pages",
                        "alloc_bootmem_node",
                        "alloc_bootmem_pages_node",
                        "alloc_bootmem_low_pages_node",
                    ];
                    let k = usize::from(which) % names.len();
                    if k < 4 {
                        format!("{}{lim}({size:#x}{tail})", names[k])
                    } else {
                        format!("{}{lim}({}, {size:#x}{tail})", names[k], nid(node))
                    }
                }
                Op::MemMap { node } => format!("alloc_node_mem_map({})", nid(node)),
                Op::FreeAll { node: Some(k) } => format!("free_all_bootmem_node({})", nid(k)),
                Op::FreeAll { node: None } => "free_all_bootmem()".to_string(),
                Op::Memset { at, byte, size } => {
                    format!("memset({:#x}, {byte:#x}, {size:#x})", self.spot(&nodes, at))
                }
                Op::Reinit { node } => {
                    let n = &nodes[usize::from(node) % nodes.len()];
                    format!(
                        "init_bootmem_node({}, {:#x}, {:#x}, {:#x})",
                        n.nid, n.map, n.start, n.end
                    )
                }
            };
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

fn free(on_node: bool, nid: u64, addr: u64, size: u64) -> String {
    if on_node {
        format!("free_bootmem_node({nid}, {addr:#x}, {size:#x})")
    } else {
        format!("free_bootmem({addr:#x}, {size:#x})")
    }
}

/// Failures show the scenario as it would be saved to a file.
impl fmt::Debug for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}", self.text(false))
    }
}

fn size() -> impl Strategy<Value = u64> {
    prop_oneof![
        20 => prop::sample::select(vec![
            1,
            8,
            64,
            100,
            1000,
            PAGE - 1,
            PAGE,
            PAGE + 1,
            2 * PAGE,
            5 * PAGE,
            64 * PAGE,
        ]),
        6 => 1..20 * PAGE,
        1 => Just(0u64),
    ]
}

fn align() -> impl Strategy<Value = u64> {
    prop_oneof![
        40 => prop::sample::select(vec![0, 1, 8, 16, 32, 64, 128, PAGE, 2 * PAGE, 4 * PAGE, 16 * PAGE]),
        1 => Just(3u64),
    ]
}

fn spot() -> impl Strategy<Value = Spot> {
    (
        any::<u8>(),
        prop_oneof![
            2 => Just(0u16),
            1 => Just(1u16),
            3 => any::<u16>(),
        ],
        prop_oneof![4 => Just(0u16), 1 => prop::sample::select(vec![1u16, 100, 4095])],
        prop::bool::weighted(0.05),
    )
        .prop_map(|(node, page, sub, over)| Spot {
            node,
            page,
            sub,
            over,
        })
}

fn range_size() -> impl Strategy<Value = u64> {
    prop_oneof![
        24 => (1u64..40).prop_map(|p| p * PAGE),
        6 => prop::sample::select(vec![1, PAGE - 1, PAGE + 1, 64 * PAGE]),
        1 => Just(0u64),
    ]
}

fn goal() -> impl Strategy<Value = Goal> {
    prop_oneof![
        3 => Just(Goal::Zero),
        3 => spot().prop_map(Goal::Inside),
        1 => any::<u8>().prop_map(Goal::NodeEnd),
        2 => Just(Goal::MaxDma),
        1 => Just(Goal::FourGiB),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (any::<bool>(), spot(), range_size())
            .prop_map(|(on_node, at, size)| Op::Free { on_node, at, size }),
        2 => any::<u8>().prop_map(|k| Op::FreeBack { k }),
        3 => (any::<bool>(), spot(), range_size())
            .prop_map(|(on_node, at, size)| Op::Reserve { on_node, at, size }),
        10 => (prop::option::of(any::<u8>()), size(), align(), goal())
            .prop_map(|(node, size, align, goal)| Op::Alloc { node, size, align, goal }),
        6 => (any::<u8>(), any::<u8>(), size())
            .prop_map(|(which, node, size)| Op::Macro { which, node, size }),
        1 => any::<u8>().prop_map(|node| Op::MemMap { node }),
        1 => prop::option::of(any::<u8>()).prop_map(|node| Op::FreeAll { node }),
        1 => (spot(), any::<u8>(), 1u64..200)
            .prop_map(|(at, byte, size)| Op::Memset { at, byte, size }),
        1 => any::<u8>().prop_map(|node| Op::Reinit { node }),
    ]
}

fn node() -> impl Strategy<Value = NodeChoice> {
    (
        0u8..3,
        0u8..4,
        prop_oneof![
            3 => prop::sample::select(vec![1u64, 31, 32, 33, 63, 64, 65, 100, 128, 200, 256, 512]),
            1 => 1u64..1500,
        ],
        prop_oneof![4 => Just(MapAt::Outside), 1 => Just(MapAt::FirstPage)],
    )
        .prop_map(|(skew, gap, pages, map_at)| NodeChoice {
            skew,
            gap,
            pages,
            map_at,
        })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        any::<bool>(),
        // CONFIG_MMU=n in one boot in five, CONFIG_DEBUG_BOOTMEM=y in one in five.
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.8),
        prop::collection::vec(node(), 1..=3),
        prop::collection::vec(op(), 0..30),
    )
        .prop_map(|(i386, mmu, debug, free_whole_nodes, nodes, mut ops)| {
            // Most boots end with the hand-off, so give it a fair chance to run.
            if free_whole_nodes && !ops.is_empty() && ops.len() % 2 == 0 {
                ops.push(Op::FreeAll { node: Some(0) });
            }
            Scenario {
                i386,
                mmu,
                debug,
                free_whole_nodes,
                nodes,
                ops,
            }
        })
}

/// Corresponding `BUG()` sites: the file, and the line in 2.6.12, 2.6.13 and 2.6.14.
/// `put_page_testzero()` is a macro of `include/linux/mm.h`, but its `BUG_ON()` reports
/// the line of `__free_pages()` that expands it.
const BUG_SITES: &[(&str, [u32; 3])] = &[
    ("mm/bootmem.c", [91, 99, 99]),
    ("mm/bootmem.c", [92, 100, 100]),
    ("mm/bootmem.c", [93, 101, 101]),
    ("mm/bootmem.c", [94, 102, 102]),
    ("mm/bootmem.c", [116, 124, 124]),
    ("mm/bootmem.c", [117, 125, 125]),
    ("mm/bootmem.c", [130, 138, 138]),
    ("mm/bootmem.c", [157, 165, 165]),
    ("mm/bootmem.c", [159, 167, 167]),
    ("mm/bootmem.c", [213, 221, 229]),
    ("mm/bootmem.c", [223, 231, 239]),
    ("mm/bootmem.c", [251, 259, 267]),
    ("mm/bootmem.c", [265, 274, 282]),
    ("mm/page_alloc.c", [959, 1014, 1019]),
];

/// The stop `s` of release index `from` (0 = 2.6.12, 1 = 2.6.13) as the release `to`
/// would report it: BUG lines moved, and the pgdat walk renamed in 2.6.14.
fn translate(s: &Stop, from: usize, to: usize) -> Stop {
    match s {
        Stop::Bug { file, line } => BUG_SITES
            .iter()
            .find(|(f, lines)| f == file && lines[from] == *line)
            .map(|(f, lines)| Stop::Bug {
                file: f,
                line: lines[to],
            })
            .unwrap_or_else(|| s.clone()),
        Stop::Hang {
            function: "__alloc_bootmem",
        } if to == 2 => Stop::Hang {
            function: "__alloc_bootmem_limit",
        },
        _ => s.clone(),
    }
}

/// The trace of `from` made to read as `to` would report the same events.
fn as_release(mut t: Trace, from: usize, to: usize, name: &'static str) -> Trace {
    t.version = name;
    if let Some(stop) = t.stop.as_mut() {
        stop.stop = translate(&stop.stop, from, to);
    }
    without_paths(t)
}

/// The marked code paths name the commits whose code ran, so they differ between
/// releases by construction; they annotate the trace and are not kernel state.
fn without_paths(mut t: Trace) -> Trace {
    t.paths.clear();
    t
}

fn trace(version: &str, file: &str, text: &str) -> Result<Trace, TestCaseError> {
    let release = versions::find(version).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let scenario =
        parse(file, text).map_err(|e| TestCaseError::fail(format!("{e}\n---\n{text}")))?;
    // The marked code paths say which commit's code ran, which is exactly what differs
    // between the releases compared here; the properties are about behaviour.
    let mut t = run(release, &scenario).map_err(|e| TestCaseError::fail(e.to_string()))?;
    t.paths.clear();
    Ok(t)
}

proptest! {
    #![proptest_config(Config::with_cases(64))]

    /// 2.6.12 and 2.6.13 give the same trace on every scenario both can run.
    #[test]
    fn align_rewrite_and_pfn_walk_change_nothing(s in scenario()) {
        let text = s.text(false);
        let old = trace("2.6.12", "random.boot", &text)?;
        let new = without_paths(trace("2.6.13", "random.boot", &text)?);
        let old = as_release(old, 0, 1, "2.6.13");
        prop_assert!(old == new, "2.6.12 and 2.6.13 differ on:\n{}\n2.6.12 (as 2.6.13): {:#?}\n2.6.13: {:#?}", text, old, new);
    }

    /// 2.6.14's `_limit` calls with limit 0 do what 2.6.13's plain calls do.
    #[test]
    fn limit_zero_is_no_limit(s in scenario()) {
        let plain = s.text(false);
        let limited = s.text(true);
        let old = trace("2.6.13", "random.boot", &plain)?;
        let mut new = without_paths(trace("2.6.14", "random.boot", &limited)?);
        let mut old = as_release(old, 1, 2, "2.6.14");
        // The call texts differ by construction; everything else must not.
        for (a, b) in old.steps.iter_mut().zip(new.steps.iter_mut()) {
            a.call.clear();
            b.call.clear();
        }
        if let (Some(a), Some(b)) = (old.stop.as_mut(), new.stop.as_mut()) {
            a.call.clear();
            b.call.clear();
        }
        prop_assert!(old == new, "2.6.13 (plain calls) and 2.6.14 (limit 0) differ on:\n{}\n2.6.13 (as 2.6.14): {:#?}\n2.6.14: {:#?}", plain, old, new);
    }
}

/// The generator reaches the paths the properties are about: the table is exercised,
/// the hand-off runs, and the past-the-end BUG (the one site whose line moves between
/// all three releases) is among the stops.
#[test]
fn the_generator_reaches_the_interesting_paths() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut freed, mut bugs, mut merges) = (0, 0, 0);
    for _ in 0..300 {
        let Ok(tree) = scenario().new_tree(&mut runner) else {
            continue;
        };
        let text = tree.current().text(false);
        let Ok(t) = trace("2.6.13", "random.boot", &text) else {
            continue;
        };
        if !t.freed.is_empty() {
            freed += 1;
        }
        if matches!(
            t.stop.as_ref().map(|s| &s.stop),
            Some(Stop::Bug { line: 221, .. })
        ) {
            bugs += 1;
        }
        if t.nodes.iter().any(|n| n.last_offset != 0) {
            merges += 1;
        }
    }
    assert!(
        freed >= 20,
        "only {freed} of 300 scenarios handed pages over"
    );
    assert!(
        bugs >= 10,
        "only {bugs} of 300 scenarios hit the past-the-end BUG"
    );
    assert!(
        merges >= 40,
        "only {merges} of 300 scenarios left a partial page"
    );
}
