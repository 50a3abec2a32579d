//! The registry entries of Linux 2.6.4 and 2.6.7: their names, aliases, calls and memmap
//! state, and where 2.6.7's text has each BUG line.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.4",
    aliases: &["2.6.5", "2.6.6"],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux25,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

/// Linux 2.6.7: bc39e03b "bootmem.c cleanup" turns the `if (x) BUG();` tests into
/// `BUG_ON(x)`, wraps the free test in `unlikely()` and drops the `dump_stack()` before
/// the zero-size BUG, which the trace does not show. The code runs as 2.6.4's; its BUG
/// lines move, and so does the `put_page_testzero()` use in `__free_pages()`.
pub const RELEASE_2_6_7: Release = Release {
    name: "2.6.7",
    aliases: &[],
    moved_lines: &[
        ("mm/bootmem.c", 88, 86),
        ("mm/bootmem.c", 90, 87),
        ("mm/bootmem.c", 92, 88),
        ("mm/bootmem.c", 113, 110),
        ("mm/bootmem.c", 115, 111),
        ("mm/bootmem.c", 128, 124),
        ("mm/bootmem.c", 156, 151),
        ("mm/bootmem.c", 158, 153),
        ("mm/bootmem.c", 212, 207),
        ("mm/bootmem.c", 222, 217),
        ("mm/bootmem.c", 250, 245),
        ("mm/bootmem.c", 263, 258),
        ("mm/page_alloc.c", 739, 821),
    ],
    ..RELEASE
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
