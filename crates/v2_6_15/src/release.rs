//! The registry entry of Linux 2.6.15: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.15",
    // kernel-sources.md records no bootmem change in the 2.6.15.x stable releases,
    // whose texts no repository publishes; 2.6.15.7 was the last.
    aliases: &[
        "2.6.15.1", "2.6.15.2", "2.6.15.3", "2.6.15.4", "2.6.15.5", "2.6.15.6", "2.6.15.7",
    ],
    // memmap_init_zone() sets every page's count to 1 since b5810039
    // (page_alloc.c:1716).
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux26,
    memmap_init: Page {
        reserved: true,
        count: 1,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
