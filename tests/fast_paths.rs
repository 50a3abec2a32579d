//! The machine's fast paths against the literal loops: every release, run on random
//! boots both ways, must give the same trace, call by call, costs included.
//!
//! The fast paths do bootmem's bitmap loops a byte at a time and its page hand-off a
//! stretch of frames at a time (see `bootmem_core::Machine::each_page`); the literal
//! run does every bit and every frame one by one through the single-bit operations.
//! `PROPTEST_CASES=2000 cargo test --test fast_paths` runs it at full strength.

use bootmem_history::run;
use bootmem_history::versions;
use bootmem_tests::random::{runner, scenario};
use proptest::prelude::*;

#[test]
fn fast_paths_give_the_literal_trace_on_every_release() {
    let mut runner = runner(24);
    let result = runner.run(&scenario(14), |g| {
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
