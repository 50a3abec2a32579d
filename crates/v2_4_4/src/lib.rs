//! Linux 2.4.4's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! Only 2.4.4 shipped this text: 2.4.5 changed `mm/bootmem.c` again. It differs from
//! 2.4.0 by one `linux-history` step, d39a11f309 "v2.4.3.3 -> v2.4.3.4" (Linus
//! Torvalds; the tree records the import date, 2002-02-04), which added three lines:
//!
//! - `return NULL;` after the restart of a failed scan (bootmem.c:179). 2.4.0 fell
//!   through into `found:` with `start` 0 and BUGged at the first reserved page. Now
//!   `__alloc_bootmem` goes on to the next node in `pgdat_list` order
//!   (`failed_scan_falls_through`), a request larger than a wholly free node gets NULL
//!   instead of running past the node's end, and an empty node answers NULL instead of
//!   BUG 181 (`empty_node_alloc`).
//! - When no node has room, `__alloc_bootmem` prints "bootmem alloc of … bytes
//!   failed!" (line 320) and panics "Out of memory" (line 321) instead of `BUG()`
//!   (`no_fit_node_bug`, `larger_than_node`).
//! - `__alloc_bootmem_node` still ends in `BUG()` (line 336), which a full node now
//!   reaches (`low_node_no_fallback`, `node_fallback`); step 2.4.9.12 made it panic.
//!
//! Everything else is 2.4.0's, and every `BUG()` below line 179 moves down by one: no
//! check that `align` is a power of two, no range checks in `reserve_bootmem_core()`
//! (both came with step 2.4.4.6, in 2.4.5), alignment relative to the node's start and
//! a restart from index 0 (step 2.4.17 changed both), sub-page merging with
//! `align <= PAGE_SIZE`, and "reserved twice" always printed. `include/linux/bootmem.h`
//! is 2.4.0's file, unchanged; the page allocator's hand-off (`__free_pages()`,
//! page_alloc.c:531) and the `mem_map` allocation behave as in 2.4.0.
//!
//! The x86_64 port did not exist yet (it arrived in 2.4.20), so a scenario with
//! `arch x86_64` runs this text on a hypothetical x86_64 build of it, as for 2.4.0.
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
pub use release::RELEASE;

bootmem_core::implement_bootmem!(
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_node_mem_map
);
