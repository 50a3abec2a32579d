//! The registry entry of Linux 2.5.71: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release. 2.5.72 to 2.5.74 have the same
/// `mm/bootmem.c`, and `__free_pages()` on the same line of `mm/page_alloc.c`.
pub const RELEASE: Release = Release {
    name: "2.5.71",
    aliases: &["2.5.72", "2.5.73", "2.5.74"],
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
