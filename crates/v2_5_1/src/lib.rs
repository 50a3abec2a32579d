//! Linux 2.5.1's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The 2.5 series forked from 2.4.15, so its first texts carry the 2.4.10 allocator and
//! not the 2.4.17 alignment offset that 2.4.18 to 2.4.37 have. 2.5.1's `mm/bootmem.c`
//! is 2.5.0's (byte for byte 2.4.16's) plus one line, `unsigned long max_pfn;` (line
//! 28, e1e2cfc3fb "v2.5.0.1 -> v2.5.0.2", Linus Torvalds, 2002-02-04), which moves every
//! later line down by one; nothing in bootmem reads or writes `max_pfn`.
//!
//! Compared with 2.4.22, a reader will see:
//!
//! - no alignment offset: the goal's offset *within the node* is rounded up to `align`,
//!   so on a node whose start is not a multiple of `align` the blocks are aligned within
//!   the node, not physically (`align_physical_vs_index`);
//! - a failed scan from a goal restarts once from index 0 and then returns NULL, so the
//!   2.4.17 endless loop cannot happen (`unaligned_node_hang`: node 1's scan fails and
//!   `__alloc_bootmem` goes on to node 0, which has room; `restart_from_zero`: the
//!   restart finds the node's first, unaligned, page).
//!
//! Everything else is 2.4.22's: the bit-by-bit scan, the sub-page merge for
//! `align <= PAGE_SIZE`, NULL and "Out of memory" on failure, `__alloc_bootmem_node`
//! without fallback, order-0 hand-off in ascending order.
//!
//! The x86_64 port first appears in 2.5.5, so a scenario with `arch x86_64` runs 2.5.1 as
//! a hypothetical build of this text for that machine, as the 2.4 releases are run.
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
