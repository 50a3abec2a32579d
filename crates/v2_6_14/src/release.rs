//! The registry entry of Linux 2.6.14: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.14",
    // kernel-sources.md records no bootmem change in the 2.6.14.x stable releases,
    // whose texts no repository publishes; 2.6.14.7 was the last.
    aliases: &[
        "2.6.14.1", "2.6.14.2", "2.6.14.3", "2.6.14.4", "2.6.14.5", "2.6.14.6", "2.6.14.7",
    ],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux26,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
