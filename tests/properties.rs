//! Invariants on random boots, written once and checked on every release: what must hold
//! after every call, whatever the scenario, unless a release's own text says otherwise.
//!
//! Each property runs `tests/random.rs` scenarios through a [`Session`] one call at a
//! time and compares the state before and after the call. Where a release breaks an
//! invariant on purpose (a historical bug), the exception is written next to the check
//! with the release line that causes it, and a scenario in `tests/scenarios/` shows it.
//! A failure prints the shrunk scenario as `.boot` text.
//!
//! The default run is small; `PROPTEST_CASES=2000 cargo test --test properties` runs it at
//! full strength.

use bootmem_core::Release;
use bootmem_core::{Call, CallId, Returns};
use bootmem_history::parse::{Scenario, Statement};
use bootmem_history::run::{self, NodeTrace, Session, Value};
use bootmem_history::versions;
use bootmem_tests::random::{runner, scenario, scenario_numa, GenScenario};
use bootmem_tests::stress::{stress_boot, stress_strength};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};

/// The reserved pfns of one node that changed between two states, as half-open ranges.
fn changed(before: &[(u64, u64)], after: &[(u64, u64)]) -> Vec<(u64, u64)> {
    bootmem_history::diff::bit_delta(before, after)
        .into_iter()
        .map(|r| (r.start, r.end))
        .collect()
}

fn reserved(n: &NodeTrace, pfn: u64) -> bool {
    n.reserved
        .as_ref()
        .is_some_and(|r| r.iter().any(|&(a, b)| a <= pfn && pfn < b))
}

/// The bytes of memory a node's bitmap occupies (and the long past it), as a start and
/// an end that may lie past the top of the address space: a bitmap can wrap at 4 GiB on
/// i386.
fn map_bytes(n: &NodeTrace, shift: u32) -> Option<(u64, u64)> {
    let map = n.node_bootmem_map?;
    let bits = n.node_low_pfn.wrapping_sub(n.node_boot_start >> shift);
    Some((map, map.saturating_add(bits.div_ceil(8)).saturating_add(8)))
}

/// Whether two byte ranges meet in a physical address space of `bits` bits, where a range
/// running past the top continues from address 0.
fn overlaps_in(bits: u32, a: (u64, u64), b: (u64, u64)) -> bool {
    let space = 1u128 << bits;
    let pieces = |(s, e): (u64, u64)| -> Vec<(u128, u128)> {
        let (s, e) = (
            u128::from(s) % space,
            u128::from(s) % space + u128::from(e.saturating_sub(s)),
        );
        if e > space {
            vec![(s, space), (0, (e - space).min(space))]
        } else {
            vec![(s, e)]
        }
    };
    pieces(a)
        .iter()
        .any(|x| pieces(b).iter().any(|y| x.0 < y.1 && y.0 < x.1))
}

/// The size in bytes of the block an allocating call asked for.
fn requested(s: &Statement, nodes: &[NodeTrace], sizeof_page: u64, shift: u32) -> Option<u64> {
    let spec = s.spec();
    if let Call::alloc_node_mem_map { nid } = s.call {
        let n = nodes.iter().find(|n| n.nid == nid)?;
        let spanned = n.node_low_pfn.wrapping_sub(n.node_boot_start >> shift);
        return Some(spanned.wrapping_add(1).wrapping_mul(sizeof_page));
    }
    let at = spec.params.iter().position(|(p, _)| *p == "size")?;
    s.call.args().get(at).copied()
}

/// Whether the release has `alloc_remap()` (6f167ec7, 2.6.13 on), so that
/// `alloc_node_mem_map()` may take a node's map from the remap area.
fn has_alloc_remap(release: &Release) -> bool {
    let at = |name: &str| versions::RELEASES.iter().position(|r| r.name == name);
    at(release.name) >= at("2.6.13")
}

/// Whether the release rounds the node `mem_map` up with `MAP_ALIGN()` (every release
/// before 2.5.37, whose e07316f9 dropped it): the pointer `alloc_node_mem_map()`
/// answers then lies up to `sizeof(struct page) - 1` bytes past the block allocated.
fn has_map_align(release: &Release) -> bool {
    let at = |name: &str| versions::RELEASES.iter().position(|r| r.name == name);
    at(release.name) < at("2.5.37")
}

/// Checks every invariant on one generated boot, on one release.
fn invariants(release: &'static Release, sc: &Scenario) -> Result<(), TestCaseError> {
    let shift = sc.arch.page_shift;
    let page = 1u64 << shift;
    let bits = sc.arch.bits_per_long;
    let mask = if bits == 32 {
        u64::from(u32::MAX)
    } else {
        u64::MAX
    };
    let Ok(mut session) = Session::new(release, sc) else {
        return Ok(());
    };
    let overlaps = |a: (u64, u64), b: (u64, u64)| overlaps_in(bits, a, b);
    let mut remap_areas: Vec<(u64, u64, u64)> = Vec::new();
    let mut maps_given: Vec<u64> = Vec::new();
    let mut known: std::collections::BTreeMap<usize, NodeTrace> = std::collections::BTreeMap::new();
    for s in &sc.statements {
        let before = session.nodes();
        let freed_before: u64 = session
            .machine()
            .freed()
            .iter()
            .map(bootmem_core::FreedRun::pages)
            .sum();
        let outcome = session.step(s);
        let after = session.nodes();
        let freed_now: u64 = session
            .machine()
            .freed()
            .iter()
            .map(bootmem_core::FreedRun::pages)
            .sum();
        let result = match outcome {
            Ok(v) => v,
            // A stop ends the boot; the state it leaves is whatever the kernel had done.
            // That includes the simulator's own limit, reached by quadratic searches of
            // gigabyte nodes, which ends a run as surely as a BUG.
            Err(_) => return Ok(()),
        };
        let ctx = || format!("{} line {}: {}", release.name, s.line, s.text);
        let args = s.call.args();
        for n in &after {
            known.insert(n.nid, n.clone());
        }

        // Every call returns the kind of value its C prototype has.
        match (s.spec().returns, result) {
            (Returns::Nothing, Value::Nothing)
            | (Returns::Number, Value::Number(_))
            | (Returns::Pointer, Value::Pointer(_)) => {}
            (kind, v) => {
                return Err(TestCaseError::fail(format!(
                    "{}: {kind:?} call gave {v:?}",
                    ctx()
                )))
            }
        }

        // free_all_bootmem returns the number of pages it handed over.
        if matches!(
            s.id(),
            CallId::free_all_bootmem | CallId::free_all_bootmem_node
        ) {
            prop_assert_eq!(result, Value::Number(freed_now - freed_before), "{}", ctx());
        } else {
            prop_assert_eq!(
                freed_now,
                freed_before,
                "{}: only free_all hands pages over",
                ctx()
            );
        }

        // init returns the bitmap size: one bit per page, rounded up to a whole long.
        if matches!(s.id(), CallId::init_bootmem | CallId::init_bootmem_node) {
            let (start, end) = match args.as_slice() {
                [_, _, start, end] => (*start, *end),
                [_, pages] => (0, *pages),
                _ => (0, 0),
            };
            let long = u64::from(bits / 8);
            let mapsize = ((end.wrapping_sub(start) & mask).wrapping_add(7) & mask) / 8;
            let mapsize = mapsize.wrapping_add(long - 1) & !(long - 1) & mask;
            prop_assert_eq!(result, Value::Number(mapsize), "{}", ctx());
        }
        if s.id() == CallId::bootmem_bootmap_pages {
            let pages = args.first().copied().unwrap_or(0) & mask;
            let bytes = (pages.wrapping_add(7) & mask) / 8;
            let expected = (bytes.wrapping_add(page - 1) & mask & !(page - 1)) >> shift;
            prop_assert_eq!(result, Value::Number(expected), "{}", ctx());
        }

        // Writes to memory this call made, as byte ranges: an allocation is zeroed, and
        // a scenario memset writes where it says.
        let mut written: Vec<(u64, u64)> = Vec::new();
        let mut block: Option<(u64, u64)> = None;
        // Memory from alloc_remap() (2.6.13 on) is the architecture's, not bootmem's:
        // it lies wherever the remap area was declared and no bitmap covers it.
        // alloc_node_mem_map() tries alloc_remap() first (2.6.13 on), which answers only
        // inside a declared remap area.
        if s.id() == CallId::remap_area {
            if let [nid, a, n] = args.as_slice() {
                // The area's address and size are unsigned longs, as every argument
                // is: on i386 an area declared at 0x100000000 lies at 0.
                let (a, n) = (a & mask, n & mask);
                // The kernel keeps the area as virtual addresses, start + size in an
                // unsigned long: an end that wraps lies below the start, and the area
                // then holds nothing (alloc_remap() answers NULL).
                let start = u128::from(a.wrapping_add(sc.arch.page_offset) & mask);
                let wraps = start + u128::from(n) > u128::from(mask);
                let end = if wraps { a } else { a.saturating_add(n) };
                remap_areas.push((*nid, a, end));
            }
        }
        let nid_arg = args.first().copied();
        let in_remap_area = |p: u64| {
            remap_areas
                .iter()
                .any(|&(nid, a, b)| Some(nid) == nid_arg && a <= p && p < b)
        };
        // From 2.6.12 a node that has a mem_map keeps it: the call then allocates nothing.
        let kept_map = s.id() == CallId::alloc_node_mem_map
            && matches!(result, Value::Pointer(Some(p)) if maps_given.contains(&p));
        if let (true, Value::Pointer(Some(p))) = (s.id() == CallId::alloc_node_mem_map, result) {
            maps_given.push(p);
        }
        let from_remap = kept_map
            || s.id() == CallId::alloc_remap
            || (s.id() == CallId::alloc_node_mem_map
                && has_alloc_remap(release)
                && matches!(result, Value::Pointer(Some(p)) if in_remap_area(p)));
        if let Value::Pointer(Some(p)) = result {
            let seen: Vec<NodeTrace> = before.iter().chain(known.values()).cloned().collect();
            let size = requested(s, &seen, sc.arch.sizeof_struct_page, shift).unwrap_or(0);
            if !from_remap {
                block = Some((p, p.saturating_add(size)));
            }
            // 2.4 returns the map rounded up by MAP_ALIGN, so the block it zeroed may begin
            // up to one struct page before the pointer it answers.
            let slack = if s.id() == CallId::alloc_node_mem_map {
                sc.arch.sizeof_struct_page
            } else {
                0
            };
            written.push((p.saturating_sub(slack), p.saturating_add(size)));
        }
        if s.id() == CallId::memset {
            if let [a, _, n] = args.as_slice() {
                // A scenario memset wraps at the address width like any physical write.
                let (a, n) = (a & mask, n & mask);
                if u128::from(a) + u128::from(n) > u128::from(mask) + 1 {
                    written.push((0, u64::MAX));
                } else {
                    written.push((a, a + n));
                }
            }
        }
        if matches!(s.id(), CallId::init_bootmem | CallId::init_bootmem_node) {
            // init fills a whole bitmap; a bitmap placed over another node's bitmap
            // overwrites it.
            written.push((0, u64::MAX));
        }

        // The node a call names, where it names one.
        let target = s
            .spec()
            .params
            .iter()
            .position(|(p, _)| *p == "nid")
            .and_then(|k| args.get(k))
            .copied();

        // A returned block lies inside one node's pages, and is reserved afterwards.
        'block: {
            let Some((a, b)) = block.filter(|(a, b)| b > a) else {
                break 'block;
            };
            // A node can drop out of pgdat_list (initialised twice, it links to itself) and
            // still be allocated from by node id: look through every node initialised so far.
            // Nodes may overlap (init_bootmem() re-initialises node 0 from pfn 0), so the
            // node the call names comes first.
            let holds = |n: &&NodeTrace| {
                let start = n.node_boot_start;
                let end = n.node_low_pfn.saturating_mul(page);
                start <= a && b <= end
            };
            let named = target.and_then(|t| {
                after
                    .iter()
                    .chain(known.values())
                    .find(|n| n.nid as u64 == t)
            });
            let home = named
                .filter(holds)
                .or_else(|| after.iter().chain(known.values()).find(holds));
            // 2.4.0 has no failure return (bootmem.c:175-179 fall into `found` with
            // start 0): a request larger than the node "succeeds" at the node start and
            // runs past its end (`larger_than_node`). Every later release returns NULL.
            if release.name == "2.4.0" && home.is_none() {
                break 'block;
            }
            let Some(home) = home else {
                return Err(TestCaseError::fail(format!(
                    "{}: block {a:#x}-{b:#x} lies in no node",
                    ctx()
                )));
            };
            // The allocation zeroes its block; where the block covers the node's own
            // bitmap, the memset clears the bits the allocation has just set, in every
            // release (the bitmap lives in memory).
            if map_bytes(home, shift).is_some_and(|m| written.iter().any(|w| overlaps(m, *w))) {
                break 'block;
            }
            // A node outside pgdat_list is not in the trace, so its bitmap cannot be read.
            if !after
                .iter()
                .any(|n| n.nid == home.nid && n.reserved.is_some())
            {
                break 'block;
            }
            // Before 2.5.37, free_area_init_core() rounds the map it allocated up with
            // MAP_ALIGN (2.4.0 mm/page_alloc.c:794-799, `lmem_map = (struct page *)
            // (PAGE_OFFSET + MAP_ALIGN((unsigned long)lmem_map - PAGE_OFFSET))`), so
            // the map it answers runs up to sizeof(struct page) - 1 bytes (55 on x86_64)
            // past the pages it reserved: only the part of the map inside the
            // allocation is sure to be reserved (scenario `mem_map_align_past_end`).
            let b = if s.id() == CallId::alloc_node_mem_map && has_map_align(release) {
                b.saturating_sub(sc.arch.sizeof_struct_page.saturating_sub(1))
                    .max(a)
            } else {
                b
            };
            for pfn in (a >> shift)..b.div_ceil(page) {
                prop_assert!(reserved(home, pfn), "{}: pfn {pfn:#x} not reserved", ctx());
            }
        }

        // The last partial page never holds more than a page.
        for n in &after {
            prop_assert!(
                n.last_offset < page,
                "{}: last_offset {:#x}",
                ctx(),
                n.last_offset
            );
        }

        // The bitmap changes only where the call touched it.

        for n in &after {
            let Some(old) = before.iter().find(|o| o.nid == n.nid) else {
                continue;
            };
            let (Some(new_runs), Some(old_runs)) = (&n.reserved, &old.reserved) else {
                continue;
            };
            // A bitmap that did not change needs no excuse; checking that first keeps a
            // call on a machine of 64 nodes from comparing every pair of bitmaps.
            if old_runs == new_runs {
                continue;
            }
            if let Some(bytes) = map_bytes(old, shift) {
                if written.iter().any(|w| overlaps(*w, bytes)) {
                    continue;
                }
                // A call on one node writes bits in that node's bitmap; a bitmap that
                // shares bytes with it changes too.
                // (Nodes that dropped out of pgdat_list still write their bitmaps.)
                if before.iter().chain(known.values()).any(|o| {
                    o.nid != n.nid && map_bytes(o, shift).is_some_and(|ob| overlaps(ob, bytes))
                }) {
                    continue;
                }
            }
            let diff = changed(old_runs, new_runs);
            if diff.is_empty() {
                continue;
            }
            // An allocation may come from any node (2.6 falls back); free and reserve act
            // on the node they name, or node 0 for the calls without one.
            // A block belongs to the node it starts in: 2.4.0 can run past its node's end
            // (see above).
            let on_this_node = match block {
                Some((a, _)) => n.node_boot_start <= a && a < n.node_low_pfn.saturating_mul(page),
                None => target.unwrap_or(0) == n.nid as u64,
            };
            let range = match s.call {
                Call::free_bootmem { addr: a, size }
                | Call::reserve_bootmem { addr: a, size }
                | Call::free_bootmem_node { addr: a, size, .. }
                | Call::reserve_bootmem_node { addr: a, size, .. } => {
                    // Arguments are unsigned longs: truncated to the width, and a range
                    // that runs past the top of the address space wraps (see i386_wrap),
                    // so it may touch any page.
                    let (a, size) = (a & mask, size & mask);
                    if u128::from(a) + u128::from(size) > u128::from(mask) + 1 {
                        continue;
                    }
                    Some((a >> shift, (a + size).div_ceil(page)))
                }
                _ => block.map(|(a, b)| (a >> shift, b.div_ceil(page))),
            };
            let allowed = on_this_node
                && range.is_some_and(|(lo, hi)| diff.iter().all(|&(a, b)| lo <= a && b <= hi));
            prop_assert!(
                allowed,
                "{}: node {} bits changed at {:x?}, outside the call's range {:x?}",
                ctx(),
                n.nid,
                diff,
                range
            );
        }
    }
    Ok(())
}

fn check_all_releases(default_cases: u32, boots: impl Strategy<Value = GenScenario>) {
    let mut runner = runner(default_cases);
    let result = runner.run(&boots, |g| {
        let sc = g.scenario();
        for release in versions::RELEASES {
            invariants(release, &sc)?;
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn invariants_hold_on_every_release() {
    check_all_releases(32, scenario(12));
}

/// The same with the NUMA architectures' options drawn too.
#[test]
fn invariants_hold_with_the_numa_options() {
    check_all_releases(16, scenario_numa(12));
}

#[test]
fn runs_end_in_a_result_or_a_stop_and_traces_agree_with_sessions() {
    let mut runner = runner(24);
    let result = runner.run(&scenario(10), |g| {
        let sc = g.scenario();
        for release in versions::RELEASES {
            let Ok(trace) = run::run(release, &sc) else {
                continue;
            };
            let ran = trace.calls.len();
            match trace.stop() {
                Some((call, _)) => {
                    prop_assert_eq!(sc.statements[ran - 1].line, call.line);
                }
                None => prop_assert_eq!(ran, sc.statements.len()),
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn changed_ranges_are_computed_exactly() {
    assert_eq!(changed(&[(0, 10)], &[(0, 10)]), vec![]);
    assert_eq!(changed(&[(0, 10)], &[(0, 4), (6, 10)]), vec![(4, 6)]);
    assert_eq!(changed(&[], &[(3, 5)]), vec![(3, 5)]);
    assert_eq!(changed(&[(0, 2), (8, 9)], &[(0, 9)]), vec![(2, 8)]);
}

#[test]
fn the_generator_covers_the_language_and_the_edges() {
    use bootmem_core::CALLS;
    use bootmem_tests::random::MapAt;
    use proptest::strategy::ValueTree;
    use std::collections::BTreeSet;

    let mut runner = TestRunner::deterministic();
    let strategy = scenario(12);
    let mut names = BTreeSet::new();
    let mut arches = BTreeSet::new();
    let mut node_counts = BTreeSet::new();
    let (mut unaligned, mut inside, mut outside, mut near_4g, mut big) = (0, 0, 0, 0, 0);
    let mut steps = 0usize;
    for _ in 0..400 {
        let g = match strategy.new_tree(&mut runner) {
            Ok(tree) => tree.current(),
            Err(e) => panic!("{e}"),
        };
        arches.insert(g.arch);
        node_counts.insert(g.nodes.len());
        for c in &g.calls {
            names.insert(c.id);
        }
        for n in &g.nodes {
            unaligned += usize::from(n.start % 64 != 0);
            inside += usize::from(n.map_at != MapAt::Outside);
            outside += usize::from(n.map_at == MapAt::Outside);
            near_4g += usize::from(g.arch == "i386" && n.start > 0xf_0000);
            big += usize::from(n.pages >= 1 << 16);
        }
        if let Ok(trace) = run::run(versions::RELEASES[0], &g.scenario()) {
            steps += trace.returned().count();
        }
    }
    let all: BTreeSet<CallId> = CALLS.iter().map(|c| c.id).collect();
    assert_eq!(names, all, "calls never generated");
    assert_eq!(arches.len(), 3);
    assert_eq!(node_counts, (1..=8).collect());
    assert!(
        unaligned > 100 && inside > 100 && outside > 100,
        "{unaligned} {inside} {outside}"
    );
    assert!(near_4g > 10, "i386 nodes below 4 GiB: {near_4g}");
    assert!(big > 5, "gigabyte nodes: {big}");
    assert!(steps > 2000, "calls that returned: {steps}");
}

/// The stress boots of `tests/stress.rs`: thousands of calls on 64 nodes, every
/// invariant checked after every call, on every release. Every release must run them to
/// the end, so that the invariants are checked on every call.
fn stress_every_release() {
    let (boots, calls) = stress_strength();
    for seed in 0..boots {
        let text = stress_boot(seed, calls);
        let sc = bootmem_history::parse::parse(&format!("stress-{seed}.boot"), &text)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(sc.statements.len() > calls);
        for release in versions::RELEASES {
            let trace = run::run(release, &sc).unwrap_or_else(|e| panic!("{e}"));
            if let Some((call, stop)) = trace.stop() {
                panic!(
                    "stress boot {seed} on {}: line {} ({}) stopped: {stop}",
                    release.name, call.line, call.call
                );
            }
            if let Err(e) = invariants(release, &sc) {
                panic!("stress boot {seed} on {}: {e}", release.name);
            }
        }
    }
}

/// The environment variable that makes `stress_suite_child` run: it is set only by
/// `the_stress_suite_runs_under_an_address_space_limit`.
const STRESS_CHILD: &str = "BOOTMEM_STRESS_CHILD";

/// The address space the stress suite runs in: 1 GiB.
const STRESS_ADDRESS_SPACE_KIB: u64 = 1 << 20;

/// The stress suite itself, in a child process with a bounded address space; when run
/// directly (without the variable its parent sets) it does nothing, so that the suite
/// runs once, under the limit.
#[test]
fn stress_suite_child() {
    if std::env::var_os(STRESS_CHILD).is_some() {
        stress_every_release();
    }
}

/// Runs the stress suite in a child process whose address space is limited to 1 GiB
/// (`ulimit -v`, the shell's setrlimit(RLIMIT_AS)): a run that tried to hold more would
/// fail to allocate and abort the child.
#[test]
fn the_stress_suite_runs_under_an_address_space_limit() {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {STRESS_ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(&exe)
        .args([
            "--exact",
            "stress_suite_child",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(STRESS_CHILD, "1")
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        status.success(),
        "the stress suite failed under a 1 GiB address space: {status}"
    );
}
