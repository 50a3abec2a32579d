//! The equivalences history promises, as properties over random boots: for each step
//! from 2.6.12 to 2.6.16, two neighbouring releases give the same trace except through
//! the changes the step is known for.
//!
//! How traces are compared: the release name and the marked code paths are dropped (they
//! name different commits by design); `BUG()` lines are mapped to the site they belong to,
//! because a change higher up a file moves every line below it; `__alloc_bootmem_limit`,
//! the name 2.6.14 and 2.6.15 gave the node walk, is read as `__alloc_bootmem`. A call
//! that one of the two releases lacks ends the comparison: the scenario is cut before it
//! and both are run again. A failure prints the shrunk scenario as `.boot` text.
//!
//! The default run is small; `PROPTEST_CASES=2000 cargo test --test changes` runs it at
//! full strength.

use bootmem_core::{Call, CallId, Release, Stop};
use bootmem_history::parse::Scenario;
use bootmem_history::run::{run, Outcome, Trace, Value};
use bootmem_history::versions;
use bootmem_tests::random::{runner, scenario, GenScenario};
use pretty_assertions::assert_eq;
use proptest::test_runner::TestCaseError;

/// The `mm/bootmem.c` lines of the thirteen BUG sites of 2.6, in file order, per release
/// (2.6.12, 2.6.13, 2.6.14, 2.6.15, 2.6.16), and the `__free_pages()` line whose
/// `put_page_testzero()` can BUG (2.6.16 no longer calls it from bootmem).
const BOOTMEM_SITES: [[u32; 13]; 5] = [
    [91, 92, 93, 94, 116, 117, 130, 157, 159, 213, 223, 251, 265],
    [
        99, 100, 101, 102, 124, 125, 138, 165, 167, 221, 231, 259, 274,
    ],
    [
        99, 100, 101, 102, 124, 125, 138, 165, 167, 229, 239, 267, 282,
    ],
    [
        99, 100, 101, 102, 124, 125, 138, 165, 167, 231, 241, 269, 284,
    ],
    [
        99, 100, 101, 102, 124, 125, 138, 165, 167, 231, 241, 269, 284,
    ],
];
const PAGE_ALLOC_SITES: [u32; 5] = [959, 1014, 1019, 1055, 1096];

/// The index of the past-the-end `BUG_ON(start >= eidx)` among the sites.
const PAST_THE_END: usize = 9;

fn release(name: &str) -> &'static Release {
    versions::find(name).unwrap_or_else(|e| panic!("{e}"))
}

/// The trace with everything that differs between releases by construction made equal.
fn normalised(mut t: Trace, from: usize, clear_bad: bool) -> Trace {
    t.version = "";
    for c in &mut t.calls {
        c.paths.clear();
        // What each call cost the C differs with the loops each release runs, and so
        // does how far into a bitmap the loops read; the other warnings follow from
        // what the calls did, which the comparison checks.
        c.costs = bootmem_core::Costs::default();
        c.warnings
            .retain(|w| w.kind != bootmem_history::check::WarningKind::PastBitmap);
    }
    if clear_bad {
        for r in &mut t.end.freed {
            r.bad = false;
        }
        // Runs that differed only in `bad` may now merge; log them again.
        let runs = std::mem::take(&mut t.end.freed);
        for (pfn, order, bad) in runs.iter().flat_map(|r| r.each()) {
            bootmem_core::log_hand_off(&mut t.end.freed, pfn, order, bad);
        }
    }
    if let Some(Outcome::Stopped { stop, .. }) = t.calls.last_mut().map(|c| &mut c.outcome) {
        *stop = match &*stop {
            Stop::Bug { file, line } => {
                let site = if *file == "mm/bootmem.c" {
                    BOOTMEM_SITES[from].iter().position(|l| l == line)
                } else {
                    (PAGE_ALLOC_SITES[from] == *line).then_some(100)
                };
                Stop::Bug {
                    file,
                    line: site.map_or(*line, |s| 10_000 + s as u32),
                }
            }
            Stop::Hang {
                function: "__alloc_bootmem_limit",
            } => Stop::Hang {
                function: "__alloc_bootmem",
            },
            other => other.clone(),
        };
    }
    t
}

/// The scenario cut before line `line`.
fn before_line(sc: &Scenario, line: usize) -> Scenario {
    let mut cut = sc.clone();
    cut.statements.retain(|s| s.line < line);
    cut
}

/// Runs both releases; where either stops on a call it lacks, cuts the scenario there
/// and runs both again.
fn both(a: &'static Release, b: &'static Release, sc: &Scenario) -> Option<(Trace, Trace)> {
    let (ta, tb) = (run(a, sc).ok()?, run(b, sc).ok()?);
    let unavailable = |t: &Trace| {
        t.stop()
            .filter(|(_, s)| matches!(s, Stop::Unavailable { .. }))
            .map(|(c, _)| c.line)
    };
    match (unavailable(&ta), unavailable(&tb)) {
        (None, None) => Some((ta, tb)),
        (x, y) => {
            let line = x.into_iter().chain(y).min()?;
            let cut = before_line(sc, line);
            Some((run(a, &cut).ok()?, run(b, &cut).ok()?))
        }
    }
}

fn check(
    cases_by_default: u32,
    test: impl Fn(&GenScenario, &Scenario) -> Result<(), TestCaseError>,
) {
    let mut runner = runner(cases_by_default);
    if let Err(e) = runner.run(&scenario(12), |g| test(&g, &g.scenario())) {
        panic!("{e}");
    }
}

fn same(a: Trace, b: Trace, from_a: usize, from_b: usize, clear_bad: bool, g: &GenScenario) {
    assert_eq!(
        normalised(a, from_a, clear_bad),
        normalised(b, from_b, clear_bad),
        "scenario:\n{g}"
    );
}

/// 2.6.12 → 2.6.13: 8c0e33c1 (ALIGN) and d41dee36 (the pfn walk of free_all) change no
/// trace; the new calls (alloc_remap, remap_area, saved_max_pfn) are cut off, and the
/// variable 92aa63a5 added (`saved_max_pfn`, shown with `CONFIG_CRASH_DUMP=y`) is the
/// only new state.
#[test]
fn align_rewrite_and_pfn_walk_change_nothing() {
    let (a, b) = (release("2.6.12"), release("2.6.13"));
    check(64, |g, sc| {
        if let Some((ta, mut tb)) = both(a, b, sc) {
            assert_eq!(tb.end.saved_max_pfn, sc.config.crash_dump.then_some(0));
            tb.end.saved_max_pfn = None;
            same(ta, tb, 0, 1, false, g);
        }
        Ok(())
    });
}

/// 2.6.13 → 2.6.14: 281dd25c routes the plain calls through the `_limit` functions with
/// limit 0, which changes nothing.
#[test]
fn the_plain_calls_do_not_see_the_limit_api() {
    let (a, b) = (release("2.6.13"), release("2.6.14"));
    check(64, |g, sc| {
        if let Some((ta, tb)) = both(a, b, sc) {
            same(ta, tb, 1, 2, false, g);
        }
        Ok(())
    });
}

/// The `_limit` twin of a plain allocation call, with limit 0.
fn limit_twin(id: CallId) -> Option<CallId> {
    Some(match id {
        CallId::__alloc_bootmem => CallId::__alloc_bootmem_limit,
        CallId::__alloc_bootmem_node => CallId::__alloc_bootmem_node_limit,
        CallId::alloc_bootmem => CallId::alloc_bootmem_limit,
        CallId::alloc_bootmem_low => CallId::alloc_bootmem_low_limit,
        CallId::alloc_bootmem_pages => CallId::alloc_bootmem_pages_limit,
        CallId::alloc_bootmem_low_pages => CallId::alloc_bootmem_low_pages_limit,
        CallId::alloc_bootmem_node => CallId::alloc_bootmem_node_limit,
        CallId::alloc_bootmem_pages_node => CallId::alloc_bootmem_pages_node_limit,
        CallId::alloc_bootmem_low_pages_node => CallId::alloc_bootmem_low_pages_node_limit,
        _ => return None,
    })
}

/// 2.6.14's `_limit` calls with limit 0 do what 2.6.13's plain calls did.
#[test]
fn limit_zero_is_no_limit() {
    let (a, b) = (release("2.6.13"), release("2.6.14"));
    check(64, |g, sc| {
        // Cut at the first call 2.6.13 lacks (the generator also writes `_limit` calls
        // with real limits, and 2.6.13-only calls such as alloc_remap stay in).
        let stopped = run(a, sc)
            .ok()
            .and_then(|t| t.stop().map(|(c, s)| (c.line, s.clone())));
        let sc = match stopped {
            Some((line, Stop::Unavailable { .. })) => before_line(sc, line),
            _ => sc.clone(),
        };
        let sc = &sc;
        let mut twin = sc.clone();
        for s in &mut twin.statements {
            if let Some(id) = limit_twin(s.id()) {
                let mut args = s.call.args();
                args.push(0);
                if let Some(call) = Call::new(id, &args) {
                    s.call = call;
                }
            }
        }
        let (Ok(ta), Ok(tb)) = (run(a, sc), run(b, &twin)) else {
            return Ok(());
        };
        let mut ta = normalised(ta, 1, false);
        let mut tb = normalised(tb, 2, false);
        // The call texts differ by construction; the lines and results must not.
        for c in ta.calls.iter_mut().chain(tb.calls.iter_mut()) {
            c.call = "".into();
        }
        assert_eq!(ta, tb, "scenario:\n{g}");
        Ok(())
    });
}

/// 2.6.14 → 2.6.15 differs only through its two changes:
/// - 66d43e98: where 2.6.14 BUGs past the end of a node (`BUG_ON(start >= eidx)`, line
///   229), 2.6.15 ends the scan instead; before that call the traces are the same;
/// - b5810039: with `CONFIG_MMU=n`, 2.6.15 reports bad tail pages in every whole-word
///   block (and only there), 2.6.14 none; with an MMU neither reports any.
#[test]
fn the_2_6_15_changes_are_66d43e98_and_b5810039() {
    let (a, b) = (release("2.6.14"), release("2.6.15"));
    check(96, |g, sc| {
        let Some((ta, tb)) = both(a, b, sc) else {
            return Ok(());
        };
        assert!(
            ta.end.freed.iter().all(|r| !r.bad),
            "2.6.14 reported a bad page:\n{g}"
        );
        for r in &tb.end.freed {
            let expected = !sc.config.mmu && r.order > 0;
            assert_eq!(r.bad, expected, "2.6.15 bad flag of {r:?}:\n{g}");
        }
        let past_the_end = ta.stop().filter(|(_, s)| {
            **s == Stop::Bug {
                file: "mm/bootmem.c",
                line: BOOTMEM_SITES[2][PAST_THE_END],
            }
        });
        match past_the_end {
            Some(stop) => {
                // 2.6.15 gets past that call without the BUG.
                assert_ne!(
                    tb.stop().map(|(c, s)| (c.line, s.clone())),
                    Some((
                        stop.0.line,
                        Stop::Bug {
                            file: "mm/bootmem.c",
                            line: BOOTMEM_SITES[3][PAST_THE_END]
                        }
                    )),
                    "scenario:\n{g}"
                );
                let cut = before_line(sc, stop.0.line);
                if let (Ok(ta), Ok(tb)) = (run(a, &cut), run(b, &cut)) {
                    same(ta, tb, 2, 3, true, g);
                }
            }
            None => same(ta, tb, 2, 3, true, g),
        }
        Ok(())
    });
}

/// 2.6.15 → 2.6.16 differs only through its two changes:
/// - 008857c1: the `_limit` calls are gone (cut off as unavailable), and the low
///   allocations (`alloc_bootmem_low*`) now go through `__alloc_bootmem_low*`; the
///   comparison ends at the first low allocation;
/// - a226f6c8: pages go over through `__free_pages_bootmem()`, which reports no bad page
///   in any configuration; 2.6.15's bad tail pages (without an MMU) are all it loses.
#[test]
fn the_2_6_16_changes_are_008857c1_and_a226f6c8() {
    let (a, b) = (release("2.6.15"), release("2.6.16"));
    check(96, |g, sc| {
        let first_low = sc
            .statements
            .iter()
            .find(|s| {
                matches!(
                    s.id(),
                    CallId::alloc_bootmem_low
                        | CallId::alloc_bootmem_low_pages
                        | CallId::alloc_bootmem_low_pages_node
                )
            })
            .map(|s| s.line);
        let sc = match first_low {
            Some(line) => before_line(sc, line),
            None => sc.clone(),
        };
        let Some((ta, tb)) = both(a, b, &sc) else {
            return Ok(());
        };
        assert!(
            tb.end.freed.iter().all(|r| !r.bad),
            "2.6.16 reported a bad page:\n{g}"
        );
        same(ta, tb, 3, 4, true, g);
        Ok(())
    });
}

#[test]
fn the_comparison_sees_a_real_difference() {
    // The spec's example BUGs past the end of full node 0 on 2.6.14 and falls back to node
    // 1 on 2.6.15; the normalised traces must still differ.
    let text = "init_bootmem_node(1, 0x200, 0x200, 0x400)\ninit_bootmem_node(0, 0x1f0, 0x0, 0x200)\n\
                free_bootmem_node(1, 0x200000, 0x200000)\nreserve_bootmem_node(1, 0x200000, 0x1000)\n\
                __alloc_bootmem_node(0, 4096, 4096, 0)\n";
    let sc = bootmem_history::parse::parse("example.boot", text).unwrap_or_else(|e| panic!("{e}"));
    let ta = run(release("2.6.14"), &sc).unwrap_or_else(|e| panic!("{e}"));
    let tb = run(release("2.6.15"), &sc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ta.stop().map(|(_, s)| s.clone()),
        Some(Stop::Bug {
            file: "mm/bootmem.c",
            line: 229
        })
    );
    assert_eq!(tb.stop(), None);
    assert_eq!(
        tb.calls.last().and_then(|c| c.result()),
        Some(Value::Pointer(Some(0x201000)))
    );
    assert_ne!(normalised(ta, 2, true), normalised(tb, 3, true));
}
