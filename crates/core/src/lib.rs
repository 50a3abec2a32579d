//! The simulated machine that every bootmem version runs on; it knows no kernel version.
//!
//! - [`Ulong`]: `unsigned long` arithmetic that wraps at 32 or 64 bits as C does.
//! - [`Machine`]: sparse physical memory holding the bitmaps, the memmap of
//!   [`Page`]s, the `printk` log, the page-allocator hand-off log, and the arch
//!   helpers (`phys_to_virt`, bit operations, `find_next_zero_bit`, `ffs`).
//! - [`Stop`]: `BUG()`, `panic()`, oops and endless loops as values; [`LoopGuard`]
//!   finds the endless loops without running them.
//! - [`calls`]: the calls of the scenario language, defined once in one table, and the
//!   [`Bootmem`] trait derived from it that each version crate implements through
//!   [`implement_bootmem!`]; [`Release`], the descriptor each version crate exports.
//! - [`RemapSpace`] and [`ArchBootmemNode`]: i386's `alloc_remap()` allocator and the
//!   answer to who defines the node-less calls under `CONFIG_HAVE_ARCH_BOOTMEM_NODE`,
//!   architecture code that several releases share.
//! - [`steps`]: the step log, an opt-in record of what the release's code did inside
//!   a call, for the step-through.

mod arena;
mod bootmem;
pub mod calls;
mod costs;
mod discontig;
mod guard;
mod limits;
mod machine;
mod memory;
mod page;
mod profile;
pub mod steps;
mod stop;
mod ulong;

pub use bootmem::{CodePath, Commit, NodeState, Release};
pub use calls::{
    dispatch, walk_pgdat_list, Bootmem, Call, CallId, CallSpec, KernelState, Needs, Nid, Param,
    Ret, Returns, Target, CALLS, MAX_NUMNODES,
};
pub use costs::Costs;
pub use discontig::{ArchBootmemNode, RemapSpace};
pub use guard::LoopGuard;
pub use limits::{
    Limits, MAX_BIT_OPS, MAX_HAND_OFFS, MAX_PAGE_RUNS, MAX_PRINTK_BYTES, MAX_PRINTK_LINES,
    MAX_SIM_STEPS, MAX_TRACE_RANGES, MAX_WRITTEN_BYTES,
};
pub use machine::{BitReach, Machine, PageMut, MAX_NODE_PAGES, MAX_REACH_MAPS};
pub use memory::CHUNK;
pub use page::{bit_runs, log_hand_off, FreedRun, Page};
pub use profile::{Arch, BitSearch, Bitops, Config};
pub use stop::{Fault, KResult, Stop};
pub use ulong::Ulong;

/// The configuration of the crate's property tests: proptest's defaults, with a fixed
/// seed unless `PROPTEST_RNG_SEED` names one, so that the suite answers the same on
/// every machine (see `tests/random.rs` for how to explore with other seeds).
#[cfg(test)]
fn proptest_config() -> proptest::test_runner::Config {
    let mut config = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x0062_6f6f_746d_656d);
    }
    config
}
