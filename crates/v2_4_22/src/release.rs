//! The registry entries of Linux 2.4.22, and of 2.4.17 and 2.4.19, whose code is the
//! same with some lines moved: their names, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for 2.4.22 and the releases that share its text.
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

/// The registry entry for 2.4.17 and 2.4.18. Their `mm/bootmem.c` is 2.4.22's code
/// without `#include <asm/io.h>` (added in 2.4.19) and the `max_pfn` definition (added in
/// 2.4.20), and with `__alloc_bootmem()` walking `pgdat->node_next` by hand instead of
/// `for_each_pgdat()`, which visits the nodes in the same order. Every `BUG()` stands
/// two lines higher than in 2.4.22.
pub const RELEASE_2_4_17: Release = Release {
    name: "2.4.17",
    aliases: &["2.4.18"],
    moved_lines: &[
        ("mm/bootmem.c", 86, 84),
        ("mm/bootmem.c", 93, 91),
        ("mm/bootmem.c", 95, 93),
        ("mm/bootmem.c", 97, 95),
        ("mm/bootmem.c", 115, 113),
        ("mm/bootmem.c", 117, 115),
        ("mm/bootmem.c", 127, 125),
        ("mm/bootmem.c", 154, 152),
        ("mm/bootmem.c", 157, 155),
        ("mm/bootmem.c", 202, 200),
        ("mm/bootmem.c", 213, 211),
        ("mm/bootmem.c", 240, 238),
        ("mm/bootmem.c", 252, 250),
    ],
    ..RELEASE
};

/// The registry entry for 2.4.19: 2.4.17's text with `#include <asm/io.h>` (740d98531e),
/// so every `BUG()` stands one line higher than in 2.4.22.
pub const RELEASE_2_4_19: Release = Release {
    name: "2.4.19",
    aliases: &[],
    moved_lines: &[
        ("mm/bootmem.c", 86, 85),
        ("mm/bootmem.c", 93, 92),
        ("mm/bootmem.c", 95, 94),
        ("mm/bootmem.c", 97, 96),
        ("mm/bootmem.c", 115, 114),
        ("mm/bootmem.c", 117, 116),
        ("mm/bootmem.c", 127, 126),
        ("mm/bootmem.c", 154, 153),
        ("mm/bootmem.c", 157, 156),
        ("mm/bootmem.c", 202, 201),
        ("mm/bootmem.c", 213, 212),
        ("mm/bootmem.c", 240, 239),
        ("mm/bootmem.c", 252, 251),
    ],
    ..RELEASE
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
