//! Linux 2.6.16's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The last release the project re-creates. Two upstream commits separate its bootmem
//! text from 2.6.15's:
//!
//! - `008857c1a49ccffc31a54c3ea7e182833bd61304` "\[PATCH\] Cleanup bootmem allocator and
//!   fix alloc_bootmem_low", Ravikiran G Thirumalai, 2006-01-06. The nine `_limit`
//!   functions and macros of 2.6.14 are gone (a scenario calling one stops as
//!   unavailable: `unavailable_limit`, `limit_node_removed`). `__alloc_bootmem` and
//!   `__alloc_bootmem_node` are real functions again, passing no limit. New:
//!   `__alloc_bootmem_low` tries every node with the limit `LOW32LIMIT` (0xffffffff,
//!   bootmem.c:415), then prints "low bootmem alloc of … bytes failed!" and panics "Out
//!   of low memory"; `__alloc_bootmem_low_node` tries only its node and may return
//!   NULL. `alloc_bootmem_low`, `alloc_bootmem_low_pages` and
//!   `alloc_bootmem_low_pages_node` now use them (bootmem.h:58-63, 76-77). Since the
//!   limit is shifted to a pfn (0xfffff with 4 KiB pages) and caps the scan's end, the
//!   last page below 4 GiB is never returned, memory above 4 GiB no longer answers a
//!   "low" request (`low_stays_below_4g`, `low_out_of_memory`), and a full node no
//!   longer falls back to the others for `alloc_bootmem_low_pages_node`
//!   (`low_node_no_fallback`). The limit reaches the `last_success` test already shifted
//!   to a pfn, so a `_low` allocation follows the hint only in the node's first MiB
//!   (`low_hint_units`). i386 NUMA under `CONFIG_HAVE_ARCH_BOOTMEM_NODE` keeps its own
//!   macros, which send the low ones to `__alloc_bootmem_node(NODE_DATA(0), ...)` as
//!   before: there nothing changes.
//! - `a226f6c899799fe2c4919daa0767ac579c88f7bd` "\[PATCH\] FRV: Clean up bootmem
//!   allocator's page freeing algorithm", David Howells, 2006-01-06.
//!   `free_all_bootmem_core` hands every block and page to the new
//!   `__free_pages_bootmem()` of `mm/page_alloc.c`, which clears `PG_reserved` and sets
//!   the count to zero on all `BITS_PER_LONG` pages of a block and passes it to the
//!   buddy lists without any check; single pages still go through
//!   `free_hot_cold_page()` and its check, which they now always pass. The
//!   `set_page_refs()` calls are gone, and with them 2.6.15's bad-page reports on every
//!   tail page of a block under `CONFIG_MMU=n` (`free_all_nommu_no_bad_pages`).
//!
//! Everything 2.6.13 to 2.6.15 added is here as well: `saved_max_pfn` with
//! `CONFIG_CRASH_DUMP`, `alloc_remap()` with `CONFIG_HAVE_ARCH_ALLOC_REMAP` and its use
//! by `alloc_node_mem_map()` (`alloc_remap`, `mem_map_remap`, `saved_max_pfn`), the
//! `limit` parameter of `__alloc_bootmem_core`, the `if (i >= eidx) break;` of 66d43e98
//! that keeps the scan from testing the bit past the bitmap (`scan_past_bitmap_zero`),
//! and a memmap that starts every page with a count of one (b5810039).
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
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, __alloc_bootmem_low, __alloc_bootmem_low_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_remap, remap_area, alloc_node_mem_map, saved_max_pfn
);
