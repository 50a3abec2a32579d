//! The registry entries of the texts this crate serves: 2.5.4 itself, 2.5.5 to 2.5.20
//! (the same text, built with 2.5's bit operations), 2.5.21 to 2.5.29 (every line after
//! 20 one further down) and 2.5.30 to 2.5.33 (back up again).

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for 2.5.4, the last release without the x86_64 port.
pub const RELEASE: Release = Release {
    name: "2.5.4",
    aliases: &[],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux24,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

/// 2.5.5 to 2.5.20: the same text; from 2.5.5 the arch bit operations are 2.5's.
pub const RELEASE_2_5_5: Release = Release {
    name: "2.5.5",
    aliases: &[
        "2.5.6", "2.5.7", "2.5.8", "2.5.9", "2.5.10", "2.5.11", "2.5.12", "2.5.13", "2.5.14",
        "2.5.15", "2.5.16", "2.5.17", "2.5.18", "2.5.19", "2.5.20",
    ],
    bitops: Bitops::Linux25,
    ..RELEASE
};

/// 2.5.21 to 2.5.29: `#include <asm/io.h>` (e347fa3645) moves every BUG one line down.
pub const RELEASE_2_5_21: Release = Release {
    name: "2.5.21",
    aliases: &[
        "2.5.22", "2.5.23", "2.5.24", "2.5.25", "2.5.26", "2.5.27", "2.5.28", "2.5.29",
    ],
    moved_lines: &[
        ("mm/bootmem.c", 85, 86),
        ("mm/bootmem.c", 92, 93),
        ("mm/bootmem.c", 94, 95),
        ("mm/bootmem.c", 96, 97),
        ("mm/bootmem.c", 114, 115),
        ("mm/bootmem.c", 116, 117),
        ("mm/bootmem.c", 126, 127),
        ("mm/bootmem.c", 153, 154),
        ("mm/bootmem.c", 156, 157),
        ("mm/bootmem.c", 201, 202),
        ("mm/bootmem.c", 212, 213),
        ("mm/bootmem.c", 239, 240),
        ("mm/bootmem.c", 252, 253),
    ],
    ..RELEASE_2_5_5
};

/// 2.5.30 to 2.5.33: `<linux/swapctl.h>` dropped (a074f68006) brings the BUGs back to
/// 2.5.4's lines; `for_each_pgdat()` (f183c478d3) walks `pgdat_list` as before.
pub const RELEASE_2_5_30: Release = Release {
    name: "2.5.30",
    aliases: &["2.5.31", "2.5.32", "2.5.33"],
    ..RELEASE_2_5_5
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
