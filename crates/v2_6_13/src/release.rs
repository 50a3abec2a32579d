//! The registry entry of Linux 2.6.13: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.13",
    // kernel-sources.md records the bootmem text as identical across the 2.6.13.x stable
    // releases, of which 2.6.13.5 was the last.
    aliases: &["2.6.13.1", "2.6.13.2", "2.6.13.3", "2.6.13.4", "2.6.13.5"],
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
