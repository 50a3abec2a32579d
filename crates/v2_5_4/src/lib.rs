//! Linux 2.5.4's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`),
//! which also serves the texts of 2.5.5 to 2.5.33.
//!
//! 0c16b44158 "\[PATCH\] Bootmem speedup" (Andi Kleen, 2002-02-06) rewrote the first loop
//! of `free_all_bootmem_core()`: it reads the bitmap a whole `unsigned long` at a time and
//! skips a word whose pages are all reserved. It still hands over order-0 pages, in
//! ascending order, exactly the ones the bit-by-bit loop handed over, so no scenario
//! behaves differently from 2.5.2; the diff names the commit where a skipped word is
//! passed. 2.6.9 (fe92ebf3b4) is the release that hands whole free words over as one
//! block.
//!
//! The same code is in the later texts this crate serves, registered as their own
//! entries so that the commits between them have a release to land on:
//!
//! - 2.5.5 to 2.5.20: the same text; the x86_64 port arrives in 2.5.5, and the releases
//!   from 2.5.5 are built with 2.5's arch bit operations (`Bitops::Linux25`);
//! - 2.5.21 to 2.5.29: e347fa3645 "\[PATCH\] Missing include in mm/bootmem.c" (Johan
//!   Adolfsson, 2002-06-02) adds `#include <asm/io.h>`, so every BUG moves one line down;
//! - 2.5.30 to 2.5.33: a074f68006 "VM: remove unused /proc/sys/vm/kswapd and swapctl.h"
//!   (Christoph Hellwig, 2002-07-29) drops an include, bringing the lines back, and
//!   f183c478d3 "\[PATCH\] for_each_pgdat macro" (Andrew Morton, 2002-07-28) renames
//!   `node_next` to `pgdat_next` and walks `pgdat_list` with `for_each_pgdat()`, in the
//!   same order as before.
//!
//! 2.5.33's `put_page_testzero()` gained a BUG_ON for a page whose count is already 0
//! (c99b0372f7); bootmem sets every page's count to 1 just before it frees it, so the
//! check cannot fire from here and 2.5.33 stays with 2.5.30.
//!
//! One Rust function stands for each C function, in the order of the C file, so that
//! this crate read beside another version crate reads like the upstream patch.

mod bootmem;
mod bootmem_h;
mod mmzone;
mod page_alloc;
mod release;
#[cfg(test)]
mod tests;

pub use mmzone::Kernel;
pub use release::{RELEASE, RELEASE_2_5_21, RELEASE_2_5_30, RELEASE_2_5_5};

bootmem_core::implement_bootmem!(
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_node_mem_map
);
