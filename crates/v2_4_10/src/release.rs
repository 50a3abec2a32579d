//! The registry entry of Linux 2.4.10: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.4.10",
    aliases: &[
        "2.4.11", "2.4.12", "2.4.13", "2.4.14", "2.4.15", "2.4.16", "2.5.0",
    ],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux24,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
