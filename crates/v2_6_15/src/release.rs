//! The registry entry of Linux 2.6.15: its name, aliases, commits and configuration.

use bootmem_core::{Bootmem, Commit, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.15",
    aliases: &[],
    commits: &[
        Commit {
            id: "b5810039a54e5babf428e9a1e89fc1940fabff11",
            title: "[PATCH] core remove PageReserved",
            author: "Nick Piggin",
            date: "2005-10-29",
        },
        Commit {
            id: "66d43e98ea6ff291cd4e524386bfb99105feb180",
            title: "[PATCH] fix in __alloc_bootmem_core() when there is no free page in \
                    first node's memory",
            author: "Haren Myneni",
            date: "2005-12-12",
        },
    ],
    // memmap_init_zone() sets every page's count to 1 since b5810039
    // (page_alloc.c:1716).
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
