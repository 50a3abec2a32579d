//! Runs a scenario on one release and records everything a trace shows.

use crate::check::{Checker, Warning};
use crate::error::{Error, TooLarge};
use crate::parse::{Scenario, Statement};
use bootmem_core::steps::StepLog;
use bootmem_core::{
    dispatch, Arch, Bootmem, Call, CodePath, Config, Costs, FreedRun, KResult, Limits, Machine,
    NodeState, Release, Ret, Stop, Ulong, CHUNK, MAX_NODE_PAGES, MAX_TRACE_RANGES,
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

/// How one call ended: it returned, or it stopped the boot.
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
}

/// One call of the scenario as the release ran it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRecord {
    /// Scenario line.
    pub line: usize,
    /// The call as written.
    pub call: std::sync::Arc<str>,
    /// What it returned, or how it stopped the boot.
    pub outcome: Outcome,
    /// The kernel log lines it printed, without their `KERN_*` level.
    pub printk: Vec<String>,
    /// The marked code paths it took, in order.
    pub paths: Vec<&'static CodePath>,
    /// What it cost the release's C, counted as the C counts.
    pub costs: Costs,
    /// What the checkers found in it (see [`crate::check`]).
    pub warnings: Vec<Warning>,
}

impl CallRecord {
    /// How the call stopped the boot, if it did.
    pub fn stop(&self) -> Option<&Stop> {
        match &self.outcome {
            Outcome::Stopped { stop, .. } => Some(stop),
            Outcome::Returned(_) => None,
        }
    }

    /// What the call returned, if it did.
    pub fn result(&self) -> Option<Value> {
        match self.outcome {
            Outcome::Returned(v) => Some(v),
            Outcome::Stopped { .. } => None,
        }
    }
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

/// What a run leaves behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinalState {
    /// Every node in `pgdat_list`, in list order.
    pub nodes: Vec<NodeTrace>,
    /// Every hand-off to the page allocator, in order, as runs.
    pub freed: Vec<FreedRun>,
    /// `saved_max_pfn`, where the release and configuration have it.
    pub saved_max_pfn: Option<u64>,
}

impl FinalState {
    /// Total pages handed to the page allocator.
    pub fn freed_pages(&self) -> u64 {
        self.freed.iter().map(FreedRun::pages).sum()
    }
}

/// Everything one run showed: one record per call reached, then the final state.
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
    /// Every call reached, in order; only the last can have stopped the boot.
    pub calls: Vec<CallRecord>,
    /// What the run left behind.
    pub end: FinalState,
}

impl Trace {
    /// The call that ended the run, if one did, with how it ended.
    pub fn stop(&self) -> Option<(&CallRecord, &Stop)> {
        let last = self.calls.last()?;
        Some((last, last.stop()?))
    }

    /// What the whole run cost the release's C: every call's costs added, the call
    /// that stopped the boot included.
    pub fn total_costs(&self) -> Costs {
        self.calls
            .iter()
            .fold(Costs::default(), |sum, c| sum.plus(&c.costs))
    }

    /// The calls that returned, in order.
    pub fn returned(&self) -> impl Iterator<Item = &CallRecord> {
        self.calls.iter().filter(|c| c.stop().is_none())
    }
}

/// Refuses a scenario whose nodes span more frames than the simulator holds, before
/// anything runs. The span is computed as the kernel computes it, so an end below the
/// start wraps to a huge node and is refused too, and the refusal says so.
pub fn check_limits(scenario: &Scenario) -> Result<(), Error> {
    let bits = scenario.arch.bits_per_long;
    let mut total: u128 = 0;
    for s in &scenario.statements {
        let Some((_, start, end)) = s.node_setup() else {
            continue;
        };
        let (start, end) = (Ulong::new(start, bits), Ulong::new(end, bits));
        let span = end - start;
        total += u128::from(span.get());
        if span.get() > MAX_NODE_PAGES || total > u128::from(MAX_NODE_PAGES) {
            return Err(Error::TooLarge(TooLarge {
                file: scenario.file.clone(),
                line: s.line,
                column: s.column,
                total,
                node: span.get(),
                page_shift: scenario.arch.page_shift,
                reversed: (end < start).then(|| (start.get(), end.get())),
            }));
        }
    }
    Ok(())
}

/// Slack on the memory a run may fill with data, past its bitmaps and `memset`
/// statements: room for the bits a wrapping bit number sets outside every bitmap.
const WRITTEN_SLACK: u64 = 16 << 20;

/// The bounds of a run of `scenario`, derived from what it declares (see
/// `docs/fidelity.md`, "Limits"): memory for its bitmaps and the bytes its `memset`
/// statements write with a non-zero byte, plus 16 MiB; the rest at the ceilings of
/// [`Limits::default`]. Page state costs what the calls make different (runs of frames
/// in one state), so a run whose kernel arithmetic wraps (a node start shifted past the
/// top of the address space) and walks frames no node declares costs time, which the
/// simulator's step budget bounds, not memory.
pub fn limits(scenario: &Scenario) -> Limits {
    let bits = scenario.arch.bits_per_long;
    let round = |n: u64, to: u64| n.div_ceil(to).saturating_mul(to);
    let mut written = WRITTEN_SLACK;
    for s in &scenario.statements {
        if let Some((_, start, end)) = s.node_setup() {
            let span = (Ulong::new(end, bits) - Ulong::new(start, bits)).get();
            let map_bytes = span.div_ceil(8);
            // Each range may straddle one chunk more than its size.
            written = written
                .saturating_add(round(map_bytes, CHUNK))
                .saturating_add(2 * CHUNK);
        }
        if let Call::memset { byte, size, .. } = &s.call {
            if *byte != 0 {
                written = written
                    .saturating_add(round(*size, CHUNK))
                    .saturating_add(2 * CHUNK);
            }
        }
    }
    Limits {
        written_bytes: written,
        ..Limits::default()
    }
    .capped()
}

/// Tells the machine what RAM it has, as its e820 map would before bootmem runs: every
/// node's frames, `[startpfn, endpfn)` (`[0, pages)` for `init_bootmem`), and the frames
/// of each node's bitmap at `freepfn`, wherever the scenario puts it. The direct mapping
/// follows from it (see [`Machine::add_ram`]).
fn declare_ram(machine: &mut Machine, scenario: &Scenario) {
    let shift = scenario.arch.page_shift;
    let bits = scenario.arch.bits_per_long;
    let bytes = |pfn: u64| -> u64 { u64::try_from(u128::from(pfn) << shift).unwrap_or(u64::MAX) };
    for s in &scenario.statements {
        let Some((map, start, end)) = s.node_setup() else {
            continue;
        };
        let (start, end) = (Ulong::new(start, bits).get(), Ulong::new(end, bits).get());
        machine.add_ram(bytes(start), bytes(end));
        // The bitmap: one bit a frame of the span, rounded up to whole pages.
        let span = end.saturating_sub(start);
        let pages = span.div_ceil(8).div_ceil(1 << shift).max(1);
        let map = Ulong::new(map, bits).get();
        machine.add_ram(bytes(map), bytes(map.saturating_add(pages)));
    }
}

/// One release booting one machine, driven a call at a time. [`run`] drives it through
/// a whole scenario; property tests drive it step by step to look at the state between
/// calls.
pub struct Session {
    release: &'static Release,
    machine: Machine,
    kernel: Box<dyn Bootmem>,
    checker: Checker,
    /// The nodes as the checkers last read them, kept so that reading them after
    /// every call allocates nothing.
    nodes: Vec<NodeState>,
}

impl Session {
    /// A freshly booted machine of the scenario's profile and configuration. The
    /// scenario's size is checked first (see [`check_limits`]).
    pub fn new(release: &'static Release, scenario: &Scenario) -> Result<Session, Error> {
        Session::with_limits(release, scenario, limits(scenario))
    }

    /// As [`Session::new`], with the run's bounds given; the fuzz target and the
    /// stress suite pass tighter ones (a smaller operation budget) than
    /// [`limits`] derives.
    pub fn with_limits(
        release: &'static Release,
        scenario: &Scenario,
        limits: Limits,
    ) -> Result<Session, Error> {
        check_limits(scenario)?;
        let (mut machine, kernel) = release.boot(scenario.arch.clone(), scenario.config);
        machine.set_limits(limits);
        declare_ram(&mut machine, scenario);
        Ok(Session {
            release,
            machine,
            kernel,
            checker: Checker::new(scenario),
            nodes: Vec::new(),
        })
    }

    /// The machine, for reading memory, pages and logs.
    pub fn machine(&self) -> &Machine {
        &self.machine
    }

    /// Performs one call. A `BUG()` is reported at the line of the release's own text,
    /// which differs from the crate's for a release that shares another's code with
    /// lines moved (see `Release::moved_lines`).
    pub fn step(&mut self, statement: &Statement) -> KResult<Value> {
        self.machine.begin_call();
        let m = &mut self.machine;
        let release = self.release;
        let ret = dispatch(self.kernel.as_mut(), m, &statement.call).map_err(|e| match e {
            Stop::Bug { file, line } => Stop::Bug {
                file,
                line: release.line(file, line),
            },
            // A call the release lists can only be missing because of the configuration.
            Stop::Unavailable { call, .. } => Stop::Unavailable {
                call,
                configured: release.calls.contains(&call),
            },
            other => other,
        });
        // A bound passed where the kernel code could not be stopped at once (a log
        // line, a struct page, a hand-off) ends the run here, whatever the call did
        // after it: the trace past that point would be incomplete.
        m.check_limits()?;
        let ret = ret?;
        // A memset of a byte pattern over a bitmap is the one statement that can split
        // it into more ranges than a trace lists; every other call sets or clears
        // contiguous ranges.
        if matches!(statement.call, Call::memset { byte, .. } if byte != 0 && byte != 0xff)
            && self.reserved_ranges(MAX_TRACE_RANGES) > MAX_TRACE_RANGES
        {
            return Err(Stop::Limit {
                reason: format!(
                    "the node bitmaps would hold more than {MAX_TRACE_RANGES} reserved \
                     ranges, the bound on the final state a trace lists"
                ),
            });
        }
        let m = &self.machine;
        Ok(match ret {
            Ret::Nothing => Value::Nothing,
            Ret::Number(n) => Value::Number(n.get()),
            Ret::Pointer(p) if p.is_zero() => Value::Pointer(None),
            Ret::Pointer(p) => Value::Pointer(Some(m.pa(p).get())),
        })
    }

    /// Performs one call and records it: what it returned or how it stopped, its log
    /// lines, its marked paths and its costs.
    pub fn call(&mut self, s: &Statement) -> CallRecord {
        let logged = self.machine.printk_log().len();
        let marked = self.machine.paths_taken().len();
        let outcome = match self.step(s) {
            Ok(result) => Outcome::Returned(result),
            Err(stop) => {
                let note = match &stop {
                    Stop::Unavailable {
                        call,
                        configured: false,
                    } => crate::versions::call_history(*call),
                    Stop::Unavailable {
                        call,
                        configured: true,
                    } => Some(crate::versions::configured_out(
                        *call,
                        self.machine.config(),
                    )),
                    _ => None,
                };
                Outcome::Stopped { stop, note }
            }
        };
        let result = match &outcome {
            Outcome::Returned(v) => Some(*v),
            Outcome::Stopped { .. } => None,
        };
        let warnings = self.check(s, result);
        let m = &self.machine;
        CallRecord {
            line: s.line,
            call: s.text.clone(),
            outcome,
            printk: m.printk_log()[logged..].to_vec(),
            paths: m.paths_taken()[marked..].to_vec(),
            costs: m.call_costs(),
            warnings,
        }
    }

    /// What the checkers find in the call of `statement` that [`Session::step`] has
    /// just performed: `result` is what it returned, `None` if it stopped the boot.
    /// They read the machine and the nodes and change nothing.
    pub fn check(&mut self, statement: &Statement, result: Option<Value>) -> Vec<Warning> {
        self.kernel.nodes_into(&self.machine, &mut self.nodes);
        self.checker
            .after_call(&self.machine, &self.nodes, statement, result)
    }

    /// Starts recording the steps of the release's code (see [`StepLog`]).
    pub fn record_steps(&mut self) {
        self.machine.record_steps();
    }

    /// The steps recorded since [`Session::record_steps`], which stops recording.
    pub fn take_steps(&mut self) -> StepLog {
        self.machine.take_steps().unwrap_or_default()
    }

    /// Makes every bitmap loop and page operation run literally (see [`run_literal`]).
    #[doc(hidden)]
    pub fn use_reference_paths(&mut self) {
        self.machine.use_reference_paths(true);
    }

    /// How many reserved ranges the nodes' bitmaps hold, counting no further than
    /// just past `max`.
    fn reserved_ranges(&self, max: usize) -> usize {
        let m = &self.machine;
        let mut total = 0;
        for n in self.kernel.nodes(m) {
            if total > max {
                break;
            }
            let bits = bitmap_bits(m, &n);
            total += m.bitmap_runs_at_most(n.node_bootmem_map, bits, max).len();
        }
        total
    }

    /// The nodes in `pgdat_list` order, with their bitmaps read from memory. The
    /// reserved ranges of all nodes together are listed up to [`MAX_TRACE_RANGES`];
    /// a run whose bitmaps hold more has ended with a `limit` stop saying so.
    pub fn nodes(&self) -> Vec<NodeTrace> {
        let m = &self.machine;
        let page_shift = m.page_shift();
        let mut room = MAX_TRACE_RANGES;
        self.kernel
            .nodes(m)
            .into_iter()
            .map(|n| {
                let start_pfn = (n.node_boot_start >> page_shift).get();
                let bits = bitmap_bits(m, &n);
                NodeTrace {
                    nid: n.nid,
                    node_boot_start: n.node_boot_start.get(),
                    node_low_pfn: n.node_low_pfn.get(),
                    node_bootmem_map: (!n.node_bootmem_map.is_zero())
                        .then(|| m.pa(n.node_bootmem_map).get()),
                    reserved: (!n.node_bootmem_map.is_zero()).then(|| {
                        let mut runs = m.bitmap_runs_at_most(n.node_bootmem_map, bits, room);
                        runs.truncate(room);
                        room -= runs.len();
                        runs.into_iter()
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

    /// The release that runs.
    pub fn release(&self) -> &'static Release {
        self.release
    }

    /// Performs the scenario's calls in turn and hands each record to `sink` as it is
    /// made, until a call stops the boot or `sink` answers `false`; then the state the
    /// run left. [`run`] keeps every record; the trace writer
    /// ([`crate::json::write_session`]) writes each and keeps none, so that a boot of
    /// thousands of calls never holds them all. The session stays the caller's, whose
    /// process may end without taking the machine apart.
    pub fn run_into(
        &mut self,
        scenario: &Scenario,
        mut sink: impl FnMut(CallRecord) -> bool,
    ) -> FinalState {
        for s in &scenario.statements {
            let record = self.call(s);
            let stopped = record.stop().is_some();
            if !sink(record) || stopped {
                break;
            }
        }
        FinalState {
            nodes: self.nodes(),
            freed: self.machine.freed().to_vec(),
            saved_max_pfn: self.saved_max_pfn(),
        }
    }
}

/// How many bits of a node's bitmap a trace reads: as far as the kernel's own span,
/// but no further than the largest machine, so that a span that wraps does not make
/// the trace read 2^64 bits; uniform memory is read a chunk at a time.
fn bitmap_bits(m: &Machine, n: &bootmem_core::NodeState) -> u64 {
    let page_shift = m.page_shift();
    (n.node_low_pfn - (n.node_boot_start >> page_shift))
        .get()
        .min(MAX_NODE_PAGES)
}

/// Runs `scenario` on `release`, within the bounds [`limits`] derives from it.
pub fn run(release: &'static Release, scenario: &Scenario) -> Result<Trace, Error> {
    run_with(release, scenario, limits(scenario))
}

/// Runs `scenario` on `release` within the bounds `limits`.
pub fn run_with(
    release: &'static Release,
    scenario: &Scenario,
    limits: Limits,
) -> Result<Trace, Error> {
    run_session(Session::with_limits(release, scenario, limits)?, scenario)
}

/// [`run`] with every bitmap loop and page operation done literally, a bit and a frame
/// at a time: the reference the fast paths are tested against. Slow on large machines.
#[doc(hidden)]
pub fn run_literal(release: &'static Release, scenario: &Scenario) -> Result<Trace, Error> {
    let mut session = Session::with_limits(release, scenario, limits(scenario))?;
    session.machine.use_reference_paths(true);
    run_session(session, scenario)
}

fn run_session(mut session: Session, scenario: &Scenario) -> Result<Trace, Error> {
    let release = session.release;
    // One record a statement at most: room for all of them at once, rather than a
    // growing list copied at every doubling.
    let mut calls = Vec::with_capacity(scenario.statements.len());
    let end = session.run_into(scenario, |record| {
        calls.push(record);
        true
    });
    Ok(Trace {
        version: release.name,
        file: scenario.file.clone(),
        arch: scenario.arch.clone(),
        config: scenario.config,
        calls,
        end,
    })
}
