//! Linux 2.6.13's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in every 2.6.13.x stable release. Four upstream commits separate it
//! from 2.6.12 (`git log v2.6.12..v2.6.13 -- mm/bootmem.c include/linux/bootmem.h`):
//!
//! - `6f167ec721108c9282d54424516a12c805e3c306` "\[PATCH\] sparsemem base: simple NUMA
//!   remap space allocator", Dave Hansen, 2005-06-23. `bootmem.h` gains `alloc_remap()`:
//!   a stub that returns NULL unless `CONFIG_HAVE_ARCH_ALLOC_REMAP=y`, in which case
//!   i386's bump allocator over the node's remap (KVA) area answers
//!   (`arch/i386/mm/discontig.c`, here the `discontig` module).
//!   `alloc_node_mem_map()` in `mm/page_alloc.c` now asks `alloc_remap()` first and
//!   falls back to bootmem, so a node whose `mem_map` fits in its remap area costs no
//!   bootmem at all. Scenarios:
//!   `alloc_remap` (the allocator: cache-line rounding, the refused exact fit, a node
//!   without an area), `alloc_remap_stub` (the option off: the stub's NULL, and
//!   `remap_area` unavailable), `mem_map_remap` beside `mem_map_no_remap` (the bootmem
//!   that the remap area saves, against 2.6.12).
//! - `d41dee369bff3b9dcb6328d4d822926c28cc2594` "\[PATCH\] sparsemem memory model", Andy
//!   Whitcroft, 2005-06-23. `free_all_bootmem_core()` keeps a pfn and looks the page up
//!   with `pfn_to_page()` at every bitmap word instead of walking one `struct page`
//!   pointer across the node, so that a node's memmap no longer has to be contiguous.
//!   With the flat memmap simulated here the pages visited are the same ones in the same
//!   order: `free_all_by_pfn` gives the same hand-offs as on 2.6.12.
//! - `92aa63a5a1bf2e7b0c79e6716d24b76dbbdcf951` "\[PATCH\] kdump: Retrieve saved max pfn",
//!   Vivek Goyal, 2005-06-25. `unsigned long saved_max_pfn`, only under
//!   `CONFIG_CRASH_DUMP` (bootmem.c:36-42, bootmem.h:25-27); bootmem itself never reads
//!   it. Scenarios: `saved_max_pfn` (set, and shown in the final state) and
//!   `saved_max_pfn_off` (without the option the variable does not exist).
//! - `8c0e33c133021ee241e9d51255b9fb18eb34ef0e` "\[PATCH\] Use ALIGN to remove duplicate
//!   code", Nick Wilson, 2005-06-25. Three open-coded round-ups become `ALIGN()`
//!   (bootmem.c:68, 189, 230), which `include/linux/kernel.h:31` defines as the very
//!   same expression. No behaviour changes: the `equivalence` property test runs random
//!   scenarios on 2.6.12 and 2.6.13 and finds equal traces, and `align_rewrite` goes
//!   through all three sites.
//!
//! The BUG lines move by eight (the `saved_max_pfn` block) and `__alloc_bootmem_core`'s
//! past-the-end `BUG_ON(start >= eidx)` of 2.6.12:213 is now at line 221.
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
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_remap, remap_area, alloc_node_mem_map, saved_max_pfn
);
