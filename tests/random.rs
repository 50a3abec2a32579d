//! Random boots for property tests: proptest strategies for machines and call sequences,
//! biased towards the values where bootmem's arithmetic has edges.
//!
//! A [`GenScenario`] prints as `.boot` text (its `Display`), so a failing case, once
//! proptest has shrunk it, can be pasted into `tests/scenarios/` as it is. Every number
//! is chosen relative to the machine's nodes (a page of node 2, the end of node 0, 4 GiB
//! on i386), so that shrinking keeps a case meaningful.

use bootmem_core::{CallId, Param, CALLS};
use bootmem_history::parse::{parse, Scenario};
use proptest::prelude::*;
use proptest::sample::select;
use std::fmt;

/// The most page frames the nodes of one generated machine span together. Large enough
/// for gigabyte nodes, small enough that a case runs in milliseconds.
pub const MAX_GENERATED_PAGES: u64 = 1 << 20;

/// Where a node's bitmap lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapAt {
    /// In the node's first page (then usually reserved, as real boot code does).
    FirstPage,
    /// In the node's last page.
    LastPage,
    /// In a page past every node.
    Outside,
}

/// One node of a generated machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenNode {
    /// Node id.
    pub nid: u8,
    /// First pfn.
    pub start: u64,
    /// Pages it spans.
    pub pages: u64,
    /// Where its bitmap is.
    pub map_at: MapAt,
    /// The pfn of its bitmap.
    pub map_pfn: u64,
}

/// A place relative to the machine, turned into a number when printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Page `page` (modulo the node's size) of node `node`, plus `offset` bytes.
    InNode { node: u8, page: u64, offset: u64 },
    /// The first byte past node `node`.
    NodeEnd { node: u8 },
    /// A fixed physical address (0, MAX_DMA_ADDRESS, 4 GiB, just below 4 GiB …).
    Fixed(u64),
}

/// A size, alignment or limit, as an edge case or a count of pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// Exactly this many bytes.
    Bytes(u64),
    /// This many pages.
    Pages(u64),
    /// The whole of node `node`.
    NodeSize { node: u8 },
}

/// One generated call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenCall {
    /// The call, one of the language's.
    pub id: CallId,
    /// Its node id argument, where it takes one (an index into the machine's nodes).
    pub node: u8,
    /// Its address-like arguments, in order.
    pub places: Vec<Place>,
    /// Its size-like arguments, in order.
    pub amounts: Vec<Amount>,
    /// A byte value for `memset`.
    pub byte: u8,
}

/// A generated boot: a machine, its nodes and the calls made on it. Its `Debug` form is
/// its `.boot` text, so that proptest's "minimal failing input" is a scenario file.
#[derive(Clone, PartialEq, Eq)]
pub struct GenScenario {
    /// `i386`, `x86_64` or `ia64`.
    pub arch: &'static str,
    /// `config` lines: (option, on).
    pub config: Vec<(&'static str, bool)>,
    /// The nodes, in the order they are initialised.
    pub nodes: Vec<GenNode>,
    /// Free the RAM of every node after initialising it, as boot code does.
    pub free_ram: bool,
    /// Reserve each bitmap that lies inside its node.
    pub reserve_maps: bool,
    /// The calls that follow.
    pub calls: Vec<GenCall>,
}

impl GenScenario {
    fn page_shift(&self) -> u32 {
        if self.arch == "ia64" {
            14
        } else {
            12
        }
    }

    fn node(&self, k: u8) -> &GenNode {
        &self.nodes[usize::from(k) % self.nodes.len()]
    }

    fn place(&self, p: Place) -> u64 {
        let shift = self.page_shift();
        match p {
            Place::InNode { node, page, offset } => {
                let n = self.node(node);
                ((n.start + page % n.pages.max(1)) << shift) + offset % (1 << shift)
            }
            Place::NodeEnd { node } => {
                let n = self.node(node);
                (n.start + n.pages) << shift
            }
            Place::Fixed(a) => a,
        }
    }

    fn amount(&self, a: Amount) -> u64 {
        let shift = self.page_shift();
        match a {
            Amount::Bytes(b) => b,
            Amount::Pages(p) => p << shift,
            Amount::NodeSize { node } => self.node(node).pages << shift,
        }
    }

    /// The scenario as the parser sees it.
    pub fn scenario(&self) -> Scenario {
        match parse("generated.boot", &self.to_string()) {
            Ok(s) => s,
            Err(e) => panic!("the generator wrote a malformed scenario:\n{e}\n{self}"),
        }
    }
}

/// The `init_bootmem_node()` line of a node, as laid out.
fn init_line(f: &mut fmt::Formatter<'_>, n: &GenNode) -> fmt::Result {
    writeln!(
        f,
        "init_bootmem_node({}, {:#x}, {:#x}, {:#x})",
        n.nid,
        n.map_pfn,
        n.start,
        n.start + n.pages
    )
}

impl fmt::Debug for GenScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl fmt::Display for GenScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shift = self.page_shift();
        writeln!(f, "# Generated by tests/random.rs.")?;
        writeln!(f, "arch {}", self.arch)?;
        for (name, on) in &self.config {
            writeln!(f, "config {name}={}", if *on { 'y' } else { 'n' })?;
        }
        for n in &self.nodes {
            init_line(f, n)?;
            if self.free_ram {
                writeln!(
                    f,
                    "free_bootmem_node({}, {:#x}, {:#x})",
                    n.nid,
                    n.start << shift,
                    n.pages << shift
                )?;
            }
            if self.free_ram && self.reserve_maps && n.map_at != MapAt::Outside {
                let map_bytes = n.pages.div_ceil(8).max(1);
                writeln!(
                    f,
                    "reserve_bootmem_node({}, {:#x}, {:#x})",
                    n.nid,
                    n.map_pfn << shift,
                    map_bytes
                )?;
            }
        }
        for c in &self.calls {
            let spec = c.id.spec();
            let nid = self.node(c.node).nid;
            // A random init re-initialises one of the machine's nodes as it was laid out:
            // the interesting case (it relinks pgdat_list and refills the bitmap), where
            // random bounds would mostly describe a node too large to simulate.
            if c.id == CallId::init_bootmem_node {
                init_line(f, self.node(c.node))?;
                continue;
            }
            if c.id == CallId::init_bootmem {
                let n = self.node(c.node);
                writeln!(
                    f,
                    "init_bootmem({:#x}, {:#x})",
                    n.map_pfn,
                    n.start + n.pages
                )?;
                continue;
            }
            if c.id == CallId::saved_max_pfn {
                let v = c.amounts.first().map_or(0, |a| self.amount(*a) >> shift);
                writeln!(f, "saved_max_pfn = {v:#x}")?;
                continue;
            }
            let mut places = c.places.iter();
            let mut amounts = c.amounts.iter();
            let mut args = Vec::new();
            for (pname, kind) in spec.params {
                let text = match kind {
                    Param::Nid => nid.to_string(),
                    Param::Byte => format!("{:#x}", c.byte),
                    Param::Value => match *pname {
                        "addr" | "goal" | "limit" => {
                            let p = places.next().copied().unwrap_or(Place::Fixed(0));
                            format!("{:#x}", self.place(p))
                        }
                        "start_pfn" | "pages" | "freepfn" | "startpfn" | "endpfn" | "value" => {
                            let a = amounts.next().copied().unwrap_or(Amount::Pages(1));
                            format!("{:#x}", self.amount(a) >> shift)
                        }
                        _ => {
                            let a = amounts.next().copied().unwrap_or(Amount::Bytes(1));
                            format!("{:#x}", self.amount(a))
                        }
                    },
                };
                args.push(text);
            }
            writeln!(f, "{}({})", c.id, args.join(", "))?;
        }
        Ok(())
    }
}

/// Node sizes in pages: a few pages, the words' edges, ordinary sizes, gigabytes.
///
/// Gigabyte nodes are rare: 2.4's search is quadratic in the node's size for a request
/// no free run can hold, so one such call costs seconds, as it cost the real kernel.
fn node_pages() -> impl Strategy<Value = u64> {
    prop_oneof![
        30 => 1u64..40,
        30 => select(vec![31u64, 32, 33, 63, 64, 65, 127, 128, 129, 256]),
        20 => 100u64..5000,
        1 => select(vec![1u64 << 16, 1 << 18, (1 << 18) + 1]),
    ]
}

/// Start skews: aligned to a large power of two, or off it by a little.
fn skew() -> impl Strategy<Value = u64> {
    prop_oneof![3 => Just(0u64), 1 => Just(1u64), 1 => Just(17u64), 1 => 1u64..64]
}

fn place(nodes: u8) -> impl Strategy<Value = Place> {
    prop_oneof![
        6 => (0..nodes, any::<u64>(), prop_oneof![3 => Just(0u64), 1 => Just(1u64), 1 => 0u64..0x4000])
            .prop_map(|(node, page, offset)| Place::InNode { node, page, offset }),
        1 => (0..nodes).prop_map(|node| Place::NodeEnd { node }),
        1 => select(vec![
            0u64,
            0x100_0000,
            0xffff_f000,
            0xffff_ffff,
            0x1_0000_0000,
            0x1_0000_1000,
        ])
        .prop_map(Place::Fixed),
    ]
}

fn size(nodes: u8) -> impl Strategy<Value = Amount> {
    prop_oneof![
        4 => select(vec![1u64, 8, 64, 100, 1000, 4095, 4096, 4097, 8192, 12288, 16383, 16384])
            .prop_map(Amount::Bytes),
        2 => (1u64..70).prop_map(Amount::Pages),
        1 => (0..nodes).prop_map(|node| Amount::NodeSize { node }),
        1 => select(vec![0u64, 0xffff_ffff, 0xffff_ffff_ffff_f000, u64::MAX]).prop_map(Amount::Bytes),
    ]
}

fn align() -> impl Strategy<Value = Amount> {
    prop_oneof![
        6 => select(vec![0u64, 1, 8, 32, 64, 128, 4096, 8192, 16384, 0x40_0000]).prop_map(Amount::Bytes),
        1 => select(vec![3u64, 0x3000, 0x8000_0000]).prop_map(Amount::Bytes),
    ]
}

fn call(nodes: u8) -> impl Strategy<Value = GenCall> {
    let ids: Vec<CallId> = CALLS.iter().map(|c| c.id).collect();
    (
        select(ids),
        0..nodes,
        proptest::collection::vec(place(nodes), 2),
        size(nodes),
        align(),
        any::<u8>(),
    )
        .prop_map(|(id, node, places, size, align, byte)| {
            // The arguments follow the table: an explicit `align` comes with a goal,
            // and so does a `limit`.
            let has = |param: &str| id.spec().params.iter().any(|(p, _)| *p == param);
            let amounts = match id {
                CallId::init_bootmem
                | CallId::init_bootmem_node
                | CallId::bootmem_bootmap_pages
                | CallId::saved_max_pfn => {
                    vec![Amount::Pages(1), size]
                }
                _ if has("align") => vec![size, align],
                _ => vec![size],
            };
            let places = if has("limit") || has("align") {
                places
            } else {
                places.into_iter().take(1).collect()
            };
            GenCall {
                id,
                node,
                places,
                amounts,
                byte: if byte < 128 { 0 } else { 0xff },
            }
        })
}

/// A machine: 1 to 8 nodes laid out upwards from a base, with gaps; on i386 sometimes
/// right below 4 GiB.
fn machine() -> impl Strategy<Value = (&'static str, Vec<GenNode>)> {
    (
        select(vec!["x86_64", "x86_64", "i386", "ia64"]),
        proptest::collection::vec((node_pages(), skew(), 0u64..3, 0u8..3), 1..=8),
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 8),
    )
        .prop_map(|(arch, shapes, near_top, order)| {
            let mut nodes: Vec<GenNode> = Vec::new();
            let mut at = 0u64;
            let mut total = 0u64;
            for (k, (pages, skew, gap, map)) in shapes.into_iter().enumerate() {
                if total + pages > MAX_GENERATED_PAGES {
                    break;
                }
                total += pages;
                let start = (at + gap * 1024).next_multiple_of(1024) + skew;
                let map_at = match map {
                    0 => MapAt::FirstPage,
                    1 => MapAt::LastPage,
                    _ => MapAt::Outside,
                };
                nodes.push(GenNode {
                    nid: k as u8,
                    start,
                    pages,
                    map_at,
                    map_pfn: 0,
                });
                at = start + pages;
            }
            // i386 machines sometimes sit right below 4 GiB, where addresses wrap.
            if arch == "i386" && near_top && at < 0xf_0000 {
                let shift = 0x10_0000 - at - 8;
                for n in &mut nodes {
                    n.start += shift;
                }
                at += shift;
            }
            let mut outside = at + 1;
            for n in &mut nodes {
                let map_pages = (n.pages / 8).div_ceil(4096).max(1);
                n.map_pfn = match n.map_at {
                    MapAt::FirstPage => n.start,
                    MapAt::LastPage => n.start + n.pages.saturating_sub(map_pages),
                    MapAt::Outside => {
                        let pfn = outside;
                        outside += map_pages;
                        pfn
                    }
                };
            }
            // Initialise in a shuffled order: pgdat_list order depends on it.
            let len = nodes.len();
            for k in (1..len).rev() {
                nodes.swap(k, usize::from(order[k % order.len()]) % (k + 1));
            }
            (arch, nodes)
        })
}

/// Configuration lines: mostly defaults, sometimes the options that change behaviour.
/// With `numa`, also the two options of the NUMA architectures
/// (`CONFIG_HAVE_ARCH_BOOTMEM_NODE`, `CONFIG_DISCONTIGMEM`), drawn after the others so
/// that the boots drawn without them stay the ones every seed drew before.
fn config(numa: bool) -> BoxedStrategy<Vec<(&'static str, bool)>> {
    let plain =
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(d, m, c, r)| {
            let mut out = Vec::new();
            if d {
                out.push(("CONFIG_DEBUG_BOOTMEM", true));
            }
            if m {
                out.push(("CONFIG_MMU", false));
            }
            if c {
                out.push(("CONFIG_CRASH_DUMP", true));
            }
            if r {
                out.push(("CONFIG_HAVE_ARCH_ALLOC_REMAP", true));
            }
            out
        });
    if !numa {
        return plain.boxed();
    }
    (plain, any::<bool>(), any::<bool>())
        .prop_map(|(mut out, node, discontig)| {
            if node {
                out.push(("CONFIG_HAVE_ARCH_BOOTMEM_NODE", true));
            }
            if discontig {
                out.push(("CONFIG_DISCONTIGMEM", true));
            }
            out
        })
        .boxed()
}

/// A whole generated boot with up to `max_calls` calls after the set-up.
pub fn scenario(max_calls: usize) -> impl Strategy<Value = GenScenario> {
    scenario_of(max_calls, false)
}

/// A whole generated boot as [`scenario`] draws it, with the NUMA architectures'
/// configuration options drawn too.
pub fn scenario_numa(max_calls: usize) -> impl Strategy<Value = GenScenario> {
    scenario_of(max_calls, true)
}

fn scenario_of(max_calls: usize, numa: bool) -> impl Strategy<Value = GenScenario> {
    (machine(), config(numa), any::<bool>(), any::<bool>())
        .prop_flat_map(move |((arch, nodes), config, free_ram, reserve_maps)| {
            let count = nodes.len() as u8;
            (
                Just(arch),
                Just(config),
                Just(nodes),
                Just(free_ram || reserve_maps),
                Just(reserve_maps),
                proptest::collection::vec(call(count), 0..=max_calls),
            )
        })
        .prop_map(
            |(arch, config, nodes, free_ram, reserve_maps, calls)| GenScenario {
                arch,
                config,
                nodes,
                free_ram,
                reserve_maps,
                calls,
            },
        )
}

/// The number of cases a property runs: `PROPTEST_CASES` when set (for a run at full
/// strength), else `default`, kept small so the default suite stays fast.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The seed the random suites start from when `PROPTEST_RNG_SEED` is not set.
///
/// A fixed seed makes the default suite give the same answer on every machine, so that
/// the run that gates a change is the run its author saw. Exploring is a separate act:
/// `PROPTEST_RNG_SEED=$RANDOM PROPTEST_CASES=2000 cargo test --test changes`, and a case
/// it finds goes into `tests/scenarios/` or a unit test once fixed.
pub const DEFAULT_SEED: u64 = 0x0062_6f6f_746d_656d;

/// A runner for one property: `cases(default)` cases, no persistence file, and the seed
/// from `PROPTEST_RNG_SEED`, else [`DEFAULT_SEED`].
pub fn runner(default: u32) -> proptest::test_runner::TestRunner {
    use proptest::test_runner::{Config, RngSeed, TestRunner};
    let mut config = Config {
        cases: cases(default),
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(DEFAULT_SEED);
    }
    TestRunner::new(config)
}
