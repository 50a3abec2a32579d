//! The registry entry of Linux 2.6.16: its name, aliases, commits and configuration.

use bootmem_core::{Bootmem, Commit, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.16",
    aliases: &[],
    commits: &[
        Commit {
            id: "008857c1a49ccffc31a54c3ea7e182833bd61304",
            title: "[PATCH] Cleanup bootmem allocator and fix alloc_bootmem_low",
            author: "Ravikiran G Thirumalai",
            date: "2006-01-06",
        },
        Commit {
            id: "a226f6c899799fe2c4919daa0767ac579c88f7bd",
            title: "[PATCH] FRV: Clean up bootmem allocator's page freeing algorithm",
            author: "David Howells",
            date: "2006-01-06",
        },
    ],
    calls: Kernel::CALLS,
    memmap_init: Page {
        reserved: true,
        count: 1,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
