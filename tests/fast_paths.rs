//! The machine's fast paths against the literal loops: every release, run on random
//! boots both ways, must give the same trace, call by call, costs included.
//!
//! The fast paths do bootmem's bitmap loops a byte at a time and its page hand-off a
//! stretch of frames at a time (see `bootmem_core::Machine::each_page`); the literal
//! run does every bit and every frame one by one through the single-bit operations.
//! `PROPTEST_CASES=400 cargo test --test fast_paths` runs it at full strength, more than
//! ten times the defaults (24 and 12 cases), in about 15 s; at 2,000 cases the literal
//! runs of the largest random boots take longer than 25 minutes.

use bootmem_core::steps::Step;
use bootmem_history::parse::Scenario;
use bootmem_history::run::{self, Session};
use bootmem_history::versions;
use bootmem_tests::random::{runner, scenario, scenario_numa};
use proptest::prelude::*;

#[test]
fn fast_paths_give_the_literal_trace_on_every_release() {
    fast_equals_literal(runner(24), scenario(14));
}

/// The same with `CONFIG_HAVE_ARCH_BOOTMEM_NODE` and `CONFIG_DISCONTIGMEM` drawn too:
/// the calls they take away or route through node 0 run both ways alike.
#[test]
fn fast_paths_give_the_literal_trace_with_the_numa_options() {
    fast_equals_literal(runner(12), scenario_numa(14));
}

fn fast_equals_literal(
    mut runner: proptest::test_runner::TestRunner,
    boots: impl Strategy<Value = bootmem_tests::random::GenScenario>,
) {
    let result = runner.run(&boots, |g| {
        let sc = g.scenario();
        for release in versions::RELEASES {
            let fast = run::run(release, &sc);
            let literal = run::run_literal(release, &sc);
            match (fast, literal) {
                (Ok(fast), Ok(literal)) => {
                    prop_assert_eq!(&fast, &literal, "{} on\n{}", release.name, g);
                }
                (fast, literal) => prop_assert_eq!(fast.is_ok(), literal.is_ok()),
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Every call's step log (see `bootmem_core::steps`), as `explain` records it, the
/// fast or the literal way; `None` for a scenario too large to run.
fn step_logs(
    release: &'static bootmem_core::Release,
    sc: &Scenario,
    literal: bool,
) -> Option<Vec<(Vec<Option<Step>>, u64)>> {
    let mut session = Session::new(release, sc).ok()?;
    if literal {
        session.use_reference_paths();
    }
    let mut logs = Vec::new();
    for s in &sc.statements {
        session.record_steps();
        let record = session.call(s);
        let log = session.take_steps();
        logs.push((log.entries().map(|e| e.cloned()).collect(), log.dropped()));
        if record.stop().is_some() {
            break;
        }
    }
    Some(logs)
}

#[test]
fn the_step_log_is_the_same_on_the_fast_and_the_literal_paths() {
    let mut runner = runner(12);
    let result = runner.run(&scenario(14), |g| {
        let sc = g.scenario();
        for release in versions::RELEASES {
            let fast = step_logs(release, &sc, false);
            let literal = step_logs(release, &sc, true);
            prop_assert_eq!(&fast, &literal, "{} on\n{}", release.name, g);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
