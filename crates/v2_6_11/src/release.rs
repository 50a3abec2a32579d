//! The registry entry of Linux 2.6.11: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.11",
    aliases: &[
        "2.6.11.1",
        "2.6.11.2",
        "2.6.11.3",
        "2.6.11.4",
        "2.6.11.5",
        "2.6.11.6",
        "2.6.11.7",
        "2.6.11.8",
        "2.6.11.9",
        "2.6.11.10",
        "2.6.11.11",
        "2.6.11.12",
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
