//! Linux 2.6.0's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same `mm/bootmem.c` (blob ec2862a924) was in 2.6.0-test10, test11 and 2.6.1 to
//! 2.6.3. Their `mm/page_alloc.c` texts differ only where bootmem cannot reach: the
//! `put_page_testzero()` line of `__free_pages()` (730 here; 732 in 2.6.1 and 2.6.2, 731
//! in 2.6.3) BUGs only on a page of count 0, and the hand-off sets the count to 1
//! before every free; and 2.6.1's e86ff3c7 checks every page of a block of a higher
//! order, which the page-at-a-time hand-off never frees.
//!
//! Everything that separates it from 2.4.22 came through the 2.5 series and the 2.6.0
//! test releases:
//!
//! - `last_success` remembers where the last allocation started and the scan resumes
//!   there when the goal lies below it (`last_success_hint`); `free_bootmem` moves it
//!   back (79e626e1, 2.5.68).
//! - The scan jumps with `find_next_zero_bit()` and aligns the page *index* within the
//!   node (79e626e1); when nothing is free it can test the bit just past the bitmap and
//!   BUG at line 209 (`scan_past_bitmap_zero`).
//! - A failed scan restarts only when `preferred > offset`, so the 2.4.22 endless loop
//!   is gone (1c630a8d, 2.5.75: `unaligned_node_hang`).
//! - Sub-page merging needs `align < PAGE_SIZE` (344391c7, 2.5.52; 2.4.22: `<=`).
//! - A zero-sized request prints "__alloc_bootmem_core(): zero-sized request" and a
//!   stack dump before the BUG (906b9f69, 2.5.71).
//! - The node mem_map comes from `alloc_bootmem_node()` as it is, without 2.4's
//!   `MAP_ALIGN()` (e07316f9, 2.5.37), on every call (`mem_map_sizes`).
//! - `2dd23d7ca4e9f133c2eff84c7a11d0751cf1c052` "\[PATCH\] fix bootmem allocator on
//!   machines with holes in", Andrew Morton, 2003-07-17 (2.6.0-test2): after a conflict
//!   at page `j` the scan goes on from `ALIGN(j, incr)` (bootmem.c:198) and the for
//!   loop adds `incr` once more, so a free aligned slot right after the conflict is
//!   skipped (`align_skip_after_conflict`).
//! - `767aa962dc654d9e26fdc0d7c1df1a33b5f3f4ac` "\[PATCH\] fix free_all_bootmem_core for
//!   virtual memmap", Andrew Morton, 2003-08-06 (2.6.0-test3): the hand-off starts at
//!   `virt_to_page(phys_to_virt(node_boot_start))` (bootmem.c:264) instead of
//!   `pgdat->node_mem_map`, the node's first frame. With the flat memmap they are one
//!   frame but on i386 for a node at or above 4 GiB, where `startpfn << PAGE_SHIFT`
//!   wraps: 2.6.0 hands over the frames 4 GiB lower than the node's, and every later
//!   release with it (`free_all_i386_high_node`). The crate keeps the node's
//!   `node_start_pfn` only to mark that case.
//! - 7821370f (test3) sorted `pgdat_list` by start pfn and f2b4a98e (test10) reverted
//!   it: nodes go to the head of the list, as in 2.4.
//!
//! Still as in 2.4.22: "hm, page %08lx reserved twice." is printed on every double
//! reserve (`double_reserve`); `__alloc_bootmem_node()` panics when its node has no room
//! (`node_fallback`); the hand-off frees one page at a time (`free_all_words`).
//!
//! One Rust function stands for each C function, in the order of the C file, so that
//! this crate read beside another version crate reads like the upstream patch.

mod bootmem;
mod bootmem_h;
mod mmzone;
mod page_alloc;
mod release;

pub use mmzone::Kernel;
pub use release::RELEASE;

bootmem_core::implement_bootmem!(
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_node_mem_map
);
