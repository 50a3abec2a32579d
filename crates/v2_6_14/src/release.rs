//! The registry entry of Linux 2.6.14: its name, aliases, commits and configuration.

use bootmem_core::{Bootmem, Commit, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.14",
    aliases: &[],
    commits: &[
        Commit {
            id: "5d3d0f7704ed0bc7eaca0501eeae3e5da1ea6c87",
            title: "[PATCH] x86-64: Reverse order of bootmem lists",
            author: "Andi Kleen",
            date: "2005-09-12",
        },
        Commit {
            id: "6e3254c4e2927c117044a02acf5f5b56e1373053",
            title: "Revert \"x86-64: Reverse order of bootmem lists\"",
            author: "Linus Torvalds",
            date: "2005-09-30",
        },
        Commit {
            id: "281dd25cdc0d6903929b79183816d151ea626341",
            title: "[PATCH] swiotlb: make sure initial DMA allocations really are in DMA memory",
            author: "Yasunori Goto",
            date: "2005-10-19",
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
