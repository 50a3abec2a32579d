//! The registry entry of Linux 2.5.42: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.5.42",
    aliases: &[
        "2.5.43", "2.5.44", "2.5.45", "2.5.46", "2.5.47", "2.5.48", "2.5.49", "2.5.50", "2.5.51",
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
