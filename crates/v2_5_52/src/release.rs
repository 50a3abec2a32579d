//! The registry entry of Linux 2.5.52: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.5.52",
    aliases: &[
        "2.5.53", "2.5.54", "2.5.55", "2.5.56", "2.5.57", "2.5.58", "2.5.59", "2.5.60", "2.5.61",
        "2.5.62", "2.5.63", "2.5.64", "2.5.65", "2.5.66", "2.5.67",
    ],
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
