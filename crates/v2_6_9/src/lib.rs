//! Linux 2.6.9's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`), and
//! 2.6.10's, whose text moves no BUG of bootmem (`RELEASE_2_6_10`).
//!
//! What separates 2.6.9 from 2.6.8:
//!
//! - `fe92ebf3b40d54ba2a2ceb4806b07c654319133b` "\[PATCH\] improve speed of freeing
//!   bootmem", Josh Aas, 2004-08-23 (2.6.9-rc2). When the node starts at 0 or at a
//!   physical address aligned to more than `BITS_PER_LONG` pages (as `ffs()` of its low
//!   32 bits sees it), `free_all_bootmem_core()` hands a bitmap word with every page
//!   free over as one block of order `ffs(BITS_PER_LONG) - 1` (bootmem.c:272-291),
//!   the head page's count set to 1 and the tails left at 0. Scenarios: `free_all_words`,
//!   `free_all_words_i386`, `free_all_unaligned_start`, `free_all_4g_start`.
//! - `01af8988b3a146015f5d188741c7d2a23f1d7e1a` "\[PATCH\] don't pass mem_map into init
//!   functions", Dave Hansen, 2004-08-23 (2.6.9-rc2), in `mm/page_alloc.c`:
//!   `free_area_init_node()` takes a mem_map only while `pfn_to_page(node_start_pfn)`
//!   finds none (page_alloc.c:1600-1601), so a second call keeps the node's map
//!   (`mem_map_sizes`); an empty node still gets one `struct page`.
//! - Built with the third generation of bit operations (`Bitops::Linux26`): x86_64's
//!   `find_next_zero_bit()` scans whole 64-bit words from 1a87fc37 "New x86-64 merge".
//!
//! BUG lines: `free_all_bootmem_core()`'s `BUG_ON(!bdata->node_bootmem_map)` moves from
//! 263 to 264; the others stay where 2.6.8 has them.
//!
//! 2.6.10 (86e060c6 "bootmem use NODE_DATA") reaches node 0 through `NODE_DATA(0)`, the
//! same node here, and drops the `CONFIG_DISCONTIGMEM` guard around the wrappers: under
//! that option `init_bootmem()`, `reserve_bootmem()`, `free_bootmem()` and
//! `free_all_bootmem()` exist again (`discontigmem_contig_calls`). Its kernel knows
//! which text it runs (`Text`, started by `RELEASE_2_6_10`). Its `page_alloc.c` moves
//! the `put_page_testzero()` line.
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

pub use mmzone::{Kernel, Text};
pub use release::{RELEASE, RELEASE_2_6_10};

bootmem_core::implement_bootmem!(
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_node_mem_map
);
