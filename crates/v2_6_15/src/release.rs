//! The registry entry of Linux 2.6.15: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.15",
    aliases: &[],
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
