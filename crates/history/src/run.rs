//! Runs a scenario on one release and records everything a trace shows.

use crate::parse::{Scenario, Statement};
use bootmem_core::{
    dispatch, Arch, Bootmem, Call, Config, FreedRun, KResult, Machine, Release, Ret, Stop, Ulong,
    MAX_NODE_PAGES,
};
use std::fmt;

/// What a call returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A `void` call.
    Nothing,
    /// A count or size.
    Number(u64),
    /// A physical address (`__pa()` of the pointer), or `None` for NULL.
    Pointer(Option<u64>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nothing => f.write_str("-"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Pointer(Some(a)) => write!(f, "{a:#x}"),
            Value::Pointer(None) => f.write_str("NULL"),
        }
    }
}

/// A call that returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// Its result.
    pub result: Value,
}

/// A line of the kernel log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printk {
    /// Scenario line of the call that printed it.
    pub line: usize,
    /// The text, without its `KERN_*` level.
    pub text: String,
}

/// A marked code path that ran during a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// Scenario line of the call.
    pub line: usize,
    /// The full id of the commit that introduced the path.
    pub commit: &'static str,
    /// What the path does.
    pub what: &'static str,
}

/// The call that ended the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopAt {
    /// Scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// How it ended.
    pub stop: Stop,
    /// For an unavailable call, where in history it was added or removed.
    pub note: Option<String>,
}

/// The final state of one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeTrace {
    /// Node id.
    pub nid: usize,
    /// `node_boot_start`.
    pub node_boot_start: u64,
    /// `node_low_pfn`.
    pub node_low_pfn: u64,
    /// Physical address of the bitmap; `None` once dropped.
    pub node_bootmem_map: Option<u64>,
    /// Set bits of the bitmap as half-open absolute pfn ranges; `None` once dropped.
    pub reserved: Option<Vec<(u64, u64)>>,
    /// `last_pos`.
    pub last_pos: u64,
    /// `last_offset`.
    pub last_offset: u64,
    /// `last_success`, where the release has it.
    pub last_success: Option<u64>,
}

impl NodeTrace {
    /// First pfn of the node.
    pub fn start_pfn(&self, page_shift: u32) -> u64 {
        self.node_boot_start >> page_shift
    }
}

/// Everything one run showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The release that ran.
    pub version: &'static str,
    /// The scenario file.
    pub file: String,
    /// The machine.
    pub arch: Arch,
    /// The configuration.
    pub config: Config,
    /// Every call that returned, in order.
    pub steps: Vec<Step>,
    /// The kernel log.
    pub printk: Vec<Printk>,
    /// The marked code paths that ran, per call, in order.
    pub paths: Vec<Path>,
    /// The call that ended the run, if one did.
    pub stop: Option<StopAt>,
    /// Every node in `pgdat_list`, in list order.
    pub nodes: Vec<NodeTrace>,
    /// Every hand-off to the page allocator, in order, as runs.
    pub freed: Vec<FreedRun>,
    /// `saved_max_pfn`, where the release and configuration have it.
    pub saved_max_pfn: Option<u64>,
}

impl Trace {
    /// Total pages handed to the page allocator.
    pub fn freed_pages(&self) -> u64 {
        self.freed.iter().map(FreedRun::pages).sum()
    }
}

/// A scenario the simulator will not run, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The scenario file.
    pub file: String,
    /// The line that asks for too much.
    pub line: usize,
    /// What the limit is and why.
    pub message: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for Refusal {}

/// Refuses a scenario whose nodes span more frames than the simulator holds, before
/// anything runs. The span is computed as the kernel computes it, so an end below the
/// start wraps to a huge node and is refused too.
pub fn check_limits(scenario: &Scenario) -> Result<(), Refusal> {
    let bits = scenario.arch.bits_per_long;
    let mut total: u128 = 0;
    for s in &scenario.statements {
        let span = match s.call {
            Call::init_bootmem { pages, .. } => Ulong::new(pages, bits),
            Call::init_bootmem_node {
                startpfn, endpfn, ..
            } => Ulong::new(endpfn, bits) - Ulong::new(startpfn, bits),
            _ => continue,
        };
        total += u128::from(span.get());
        if span.get() > MAX_NODE_PAGES || total > u128::from(MAX_NODE_PAGES) {
            return Err(Refusal {
                file: scenario.file.clone(),
                line: s.line,
                message: format!(
                    "the nodes would span {} page frames in all (this node {}), more than the \
                     {} ({} GiB of {} KiB pages) the simulator holds: it keeps a bitmap and a \
                     struct page state for every frame",
                    total,
                    span.get(),
                    MAX_NODE_PAGES,
                    (MAX_NODE_PAGES << scenario.arch.page_shift) >> 30,
                    (1u64 << scenario.arch.page_shift) >> 10
                ),
            });
        }
    }
    Ok(())
}

/// One release booting one machine, driven a call at a time. [`run`] drives it through
/// a whole scenario; property tests drive it step by step to look at the state between
/// calls.
pub struct Session {
    machine: Machine,
    kernel: Box<dyn Bootmem>,
}

impl Session {
    /// A freshly booted machine of the scenario's profile and configuration. The
    /// scenario's size is checked first (see [`check_limits`]).
    pub fn new(release: &Release, scenario: &Scenario) -> Result<Session, Refusal> {
        check_limits(scenario)?;
        let (machine, kernel) = release.boot(scenario.arch.clone(), scenario.config);
        Ok(Session { machine, kernel })
    }

    /// The machine, for reading memory, pages and logs.
    pub fn machine(&self) -> &Machine {
        &self.machine
    }

    /// Performs one call.
    pub fn step(&mut self, statement: &Statement) -> KResult<Value> {
        self.machine.begin_call();
        let m = &mut self.machine;
        Ok(match dispatch(self.kernel.as_mut(), m, &statement.call)? {
            Ret::Nothing => Value::Nothing,
            Ret::Number(n) => Value::Number(n.get()),
            Ret::Pointer(p) if p.is_zero() => Value::Pointer(None),
            Ret::Pointer(p) => Value::Pointer(Some(m.pa(p).get())),
        })
    }

    /// The nodes in `pgdat_list` order, with their bitmaps read from memory.
    pub fn nodes(&self) -> Vec<NodeTrace> {
        let m = &self.machine;
        let page_shift = m.page_shift();
        self.kernel
            .nodes(m)
            .into_iter()
            .map(|n| {
                let start_pfn = (n.node_boot_start >> page_shift).get();
                let bits = (n.node_low_pfn - (n.node_boot_start >> page_shift))
                    .get()
                    .min(MAX_NODE_PAGES);
                NodeTrace {
                    nid: n.nid,
                    node_boot_start: n.node_boot_start.get(),
                    node_low_pfn: n.node_low_pfn.get(),
                    node_bootmem_map: (!n.node_bootmem_map.is_zero())
                        .then(|| m.pa(n.node_bootmem_map).get()),
                    reserved: (!n.node_bootmem_map.is_zero()).then(|| {
                        m.bitmap_runs(n.node_bootmem_map, bits)
                            .into_iter()
                            .map(|(a, b)| (start_pfn + a, start_pfn + b))
                            .collect()
                    }),
                    last_pos: n.last_pos.get(),
                    last_offset: n.last_offset.get(),
                    last_success: n.last_success.map(Ulong::get),
                }
            })
            .collect()
    }

    /// `saved_max_pfn`, where the release and configuration have it.
    pub fn saved_max_pfn(&self) -> Option<u64> {
        self.kernel
            .read_saved_max_pfn(&self.machine)
            .map(Ulong::get)
    }
}

/// Runs `scenario` on `release`.
pub fn run(release: &'static Release, scenario: &Scenario) -> Result<Trace, Refusal> {
    let mut session = Session::new(release, scenario)?;
    let mut steps = Vec::new();
    let mut printk = Vec::new();
    let mut paths = Vec::new();
    let mut stop = None;
    for s in &scenario.statements {
        let logged = session.machine.printk_log().len();
        let marked = session.machine.paths_taken().len();
        let outcome = session.step(s);
        let m = &session.machine;
        for p in &m.paths_taken()[marked..] {
            paths.push(Path {
                line: s.line,
                commit: p.commit,
                what: p.what,
            });
        }
        for text in &m.printk_log()[logged..] {
            printk.push(Printk {
                line: s.line,
                text: text.clone(),
            });
        }
        match outcome {
            Ok(result) => steps.push(Step {
                line: s.line,
                call: s.text.clone(),
                result,
            }),
            Err(e) => {
                // A release that shares a crate with another text reports each BUG at
                // the line its own text has the statement on.
                let e = match e {
                    Stop::Bug { file, line } => Stop::Bug {
                        file,
                        line: release.line(file, line),
                    },
                    other => other,
                };
                let note = match &e {
                    Stop::Unavailable { call } => crate::versions::call_history(*call),
                    _ => None,
                };
                stop = Some(StopAt {
                    line: s.line,
                    call: s.text.clone(),
                    stop: e,
                    note,
                });
                break;
            }
        }
    }
    Ok(Trace {
        version: release.name,
        file: scenario.file.clone(),
        arch: scenario.arch.clone(),
        config: scenario.config,
        steps,
        printk,
        paths,
        stop,
        nodes: session.nodes(),
        freed: session.machine.freed().to_vec(),
        saved_max_pfn: session.saved_max_pfn(),
    })
}
