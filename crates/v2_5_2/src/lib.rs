//! Linux 2.5.2's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in 2.5.3. It is 2.5.1's with the 2.4.17 change merged into the 2.5
//! series by 5fb612aa91 "v2.5.1.11 -> v2.5.2" (Linus Torvalds, 2002-02-05), in
//! `__alloc_bootmem_core()` only:
//!
//! - the alignment offset: on a node whose start is not a multiple of `align`, the scan
//!   starts at the offset that aligns the *physical* address, and steps by `align` from
//!   there (`align_physical_vs_index`);
//! - a failed scan restarts from `preferred = offset` instead of from 0, so when the
//!   offset is not zero and nothing fits the restart scans the same pages for ever
//!   (`unaligned_node_hang`, `restart_from_zero`). 2.5.75 ends that loop.
//!
//! From here to 2.5.67 `__alloc_bootmem_core()` is 2.4.22's; the BUG lines are 2.4.18's
//! plus one (the `max_pfn` line).
//!
//! The x86_64 port first appears in 2.5.5, so a scenario with `arch x86_64` runs 2.5.2 as
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
