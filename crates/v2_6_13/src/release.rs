//! The registry entry of Linux 2.6.13: its name, aliases, commits and configuration.

use bootmem_core::{Bootmem, Commit, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.13",
    // kernel-sources.md records the bootmem text as identical across the 2.6.13.x stable
    // releases, of which 2.6.13.5 was the last.
    aliases: &["2.6.13.1", "2.6.13.2", "2.6.13.3", "2.6.13.4", "2.6.13.5"],
    commits: &[
        Commit {
            id: "6f167ec721108c9282d54424516a12c805e3c306",
            title: "[PATCH] sparsemem base: simple NUMA remap space allocator",
            author: "Dave Hansen",
            date: "2005-06-23",
        },
        Commit {
            id: "d41dee369bff3b9dcb6328d4d822926c28cc2594",
            title: "[PATCH] sparsemem memory model",
            author: "Andy Whitcroft",
            date: "2005-06-23",
        },
        Commit {
            id: "92aa63a5a1bf2e7b0c79e6716d24b76dbbdcf951",
            title: "[PATCH] kdump: Retrieve saved max pfn",
            author: "Vivek Goyal",
            date: "2005-06-25",
        },
        Commit {
            id: "8c0e33c133021ee241e9d51255b9fb18eb34ef0e",
            title: "[PATCH] Use ALIGN to remove duplicate code",
            author: "Nick Wilson",
            date: "2005-06-25",
        },
    ],
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
