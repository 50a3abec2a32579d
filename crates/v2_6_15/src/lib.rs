//! Linux 2.6.15's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! Two upstream commits separate it from 2.6.14
//! (`git log v2.6.14..v2.6.15 -- mm/bootmem.c include/linux/bootmem.h`):
//!
//! - `b5810039a54e5babf428e9a1e89fc1940fabff11` "\[PATCH\] core remove PageReserved", Nick
//!   Piggin, 2005-10-29. In bootmem it adds one line: the whole-word path of
//!   `free_all_bootmem_core()` sets every tail page's count to 0 (bootmem.c:310). The
//!   same commit changes the page allocator that bootmem hands pages to (the
//!   `page_alloc` module): `memmap_init_zone()` now leaves every page with count 1
//!   instead of 0, `__free_pages()` lost its `!PageReserved(page)` gate, and PG_reserved
//!   joined the flags `free_pages_check()` reports; `689bcebfda16d7bace742740bfb3137fff30b529`
//!   "\[PATCH\] unpaged: PG_reserved bad_page" (Hugh Dickins, 2005-11-21) then made
//!   `free_pages_check()` return whether PG_reserved was set, and a block with a
//!   reserved page is reported and not freed. With the default `CONFIG_MMU=y` none of
//!   this shows: bootmem clears PG_reserved on every page it frees and the counts come
//!   out as in 2.6.14. With `CONFIG_MMU=n`, `set_page_refs()` gives every page of a
//!   whole-word block a count of 1, the new line puts the tails back to 0, and the
//!   `__put_page()` of `__free_pages_ok()` then takes each tail to -1: every tail of
//!   every whole free word is reported as a bad page (31 per block on 32-bit, 63 on
//!   64-bit) and the block is freed all the same (`nommu_tail_pages`; 2.6.14 reports
//!   none). `mmu_tail_pages` and `free_all_by_pfn` show the default configuration
//!   unchanged.
//! - `66d43e98ea6ff291cd4e524386bfb99105feb180` "\[PATCH\] fix in __alloc_bootmem_core()
//!   when there is no free page in first node's memory", Haren Myneni, 2005-12-12.
//!   After `find_next_zero_bit()` and `ALIGN()` the scan now stops when the index has
//!   reached `eidx` (bootmem.c:207-208), so the bit past the end of the node (or past a
//!   limit) is never tested and the past-the-end `BUG_ON(start >= eidx)` of
//!   2.6.12-2.6.14 (here line 231) can no longer fire. A one-page
//!   `__alloc_bootmem_node()` on a full node 0 falls back to node 1, where 2.6.14 BUGs
//!   at line 229 (`node_full_fallback`), and the limit case returns from below the limit
//!   or panics instead (`limit_past_end_bug`).
//!
//! The `_limit` API of 2.6.14 is unchanged.
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
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, __alloc_bootmem_limit, __alloc_bootmem_node_limit, alloc_bootmem_limit, alloc_bootmem_low_limit, alloc_bootmem_pages_limit, alloc_bootmem_low_pages_limit, alloc_bootmem_node_limit, alloc_bootmem_pages_node_limit, alloc_bootmem_low_pages_node_limit, alloc_remap, remap_area, alloc_node_mem_map, saved_max_pfn
);
