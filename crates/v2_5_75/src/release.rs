//! The registry entry of Linux 2.5.75: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.5.75",
    aliases: &[],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux25,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
