//! Deterministic detection of endless loops.
//!
//! A loop in the allocator is endless when it comes back to a state it has already
//! been in with nothing in memory changed since: the code is deterministic, so it would
//! go round the same way forever. The version crates name the state (a restart's
//! `preferred`, a node in `pgdat_list`) and the guard remembers what it has seen.

use crate::{KResult, Stop};
use std::collections::HashSet;

/// How many states a guard keeps beside it before it needs a set: a scan restarts a
/// handful of times at most on a real boot, and every allocation makes a guard.
const INLINE_STATES: usize = 8;

/// Remembers the states a loop has been in.
pub struct LoopGuard {
    function: &'static str,
    few: [(u64, u64); INLINE_STATES],
    used: usize,
    many: HashSet<(u64, u64)>,
}

impl LoopGuard {
    /// A guard for a loop in the C function `function`.
    pub fn new(function: &'static str) -> LoopGuard {
        LoopGuard {
            function,
            few: [(0, 0); INLINE_STATES],
            used: 0,
            many: HashSet::new(),
        }
    }

    /// Records that the loop is in `state` while memory has seen `writes` writes; a
    /// state seen before with no write since means the loop never ends.
    pub fn enter(&mut self, state: u64, writes: u64) -> KResult<()> {
        let key = (state, writes);
        let new = if self.few[..self.used].contains(&key) {
            false
        } else if self.used < INLINE_STATES {
            self.few[self.used] = key;
            self.used += 1;
            true
        } else {
            self.many.insert(key)
        };
        if new {
            Ok(())
        } else {
            Err(Stop::Hang {
                function: self.function,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_state_is_a_hang() {
        let mut g = LoopGuard::new("__alloc_bootmem_core");
        assert_eq!(g.enter(3, 0), Ok(()));
        assert_eq!(g.enter(4, 0), Ok(()));
        assert_eq!(
            g.enter(3, 0),
            Err(Stop::Hang {
                function: "__alloc_bootmem_core"
            })
        );
    }

    #[test]
    fn a_state_revisited_after_a_write_is_not_a_hang() {
        let mut g = LoopGuard::new("__alloc_bootmem");
        assert_eq!(g.enter(0, 5), Ok(()));
        assert_eq!(g.enter(0, 6), Ok(()));
    }

    #[test]
    fn states_past_the_inline_ones_are_remembered_too() {
        let mut g = LoopGuard::new("__alloc_bootmem_core");
        for state in 0..20 {
            assert_eq!(g.enter(state, 0), Ok(()), "{state}");
        }
        for state in [2, 7, 8, 19] {
            assert!(g.enter(state, 0).is_err(), "{state}");
        }
        assert_eq!(g.enter(20, 0), Ok(()));
    }
}
