//! The registry entry of Linux 2.4.22: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.4.22",
    aliases: &[
        "2.4",
        "2.4.20",
        "2.4.21",
        "2.4.23",
        "2.4.24",
        "2.4.25",
        "2.4.26",
        "2.4.27",
        "2.4.28",
        "2.4.29",
        "2.4.30",
        "2.4.31",
        "2.4.32",
        "2.4.33",
        "2.4.34",
        "2.4.35",
        "2.4.36",
        "2.4.37",
        "2.4.37.1",
        "2.4.37.2",
        "2.4.37.3",
        "2.4.37.4",
        "2.4.37.5",
        "2.4.37.6",
        "2.4.37.7",
        "2.4.37.8",
        "2.4.37.9",
        "2.4.37.10",
        "2.4.37.11",
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
