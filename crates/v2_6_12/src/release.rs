//! The registry entry of Linux 2.6.12: its name, aliases, commits and configuration.

use bootmem_core::{Bootmem, Commit, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.12",
    aliases: &[
        "2.6.11", "2.6.12.1", "2.6.12.2", "2.6.12.3", "2.6.12.4", "2.6.12.5", "2.6.12.6",
    ],
    commits: &[Commit {
        id: "2.5-series",
        title: "last_success hint, find_next_zero_bit scan, __alloc_bootmem_node falls back \
                to all nodes, word-at-a-time free_all_bootmem_core",
        author: "(several, before git)",
        date: "2002-2004",
    }],
    calls: Kernel::CALLS,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
