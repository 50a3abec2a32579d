//! Deterministic detection of endless loops.
//!
//! A loop in the allocator is endless when it comes back to a state it has already
//! been in with nothing in memory changed since: the code is deterministic, so it would
//! go round the same way forever. The version crates name the state (a restart's
//! `preferred`, a node in `pgdat_list`) and the guard remembers what it has seen.

use crate::{KResult, Stop};
use std::collections::HashSet;

/// Remembers the states a loop has been in.
pub struct LoopGuard {
    function: &'static str,
    seen: HashSet<(u64, u64)>,
}

impl LoopGuard {
    /// A guard for a loop in the C function `function`.
    pub fn new(function: &'static str) -> LoopGuard {
        LoopGuard {
            function,
            seen: HashSet::new(),
        }
    }

    /// Records that the loop is in `state` while memory has seen `writes` writes; a
    /// state seen before with no write since means the loop never ends.
    pub fn enter(&mut self, state: u64, writes: u64) -> KResult<()> {
        if self.seen.insert((state, writes)) {
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
}
