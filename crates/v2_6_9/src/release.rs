//! The registry entries of Linux 2.6.9 and 2.6.10: their names, calls and memmap state,
//! the lines 2.6.10's text moves, and the text each kernel runs.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::mmzone::Text;
use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.9",
    aliases: &[],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux26,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

/// Linux 2.6.10: 86e060c6 "bootmem use NODE_DATA" makes the wrappers reach node 0
/// through `NODE_DATA(0)` instead of `contig_page_data`, the same node without
/// `CONFIG_DISCONTIGMEM`, and lifts their `#ifndef CONFIG_DISCONTIGMEM`, so its kernel
/// runs the 2.6.10 text (`start_2_6_10`). Every BUG of `mm/bootmem.c` stays on its
/// line; only the `put_page_testzero()` use in `__free_pages()` moves, from
/// page_alloc.c:788 to 791.
pub const RELEASE_2_6_10: Release = Release {
    name: "2.6.10",
    aliases: &[],
    moved_lines: &[("mm/page_alloc.c", 788, 791)],
    start: start_2_6_10,
    ..RELEASE
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m, Text::V2_6_9))
}

fn start_2_6_10(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m, Text::V2_6_10))
}
