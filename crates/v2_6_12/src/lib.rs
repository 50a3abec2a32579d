//! Linux 2.6.12's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in every 2.6.12.x stable release, and its `mm/bootmem.c` is
//! 2.6.11's line for line. It is the first release in git. What separates it from
//! 2.6.11 lies in `mm/page_alloc.c`:
//!
//! - `ecce8424a505cfccb497e37a1d26ba89edc53b3c` "\[PATCH\] no arch-specific mem_map
//!   init", Dave Hansen, 2005-03-13 (2.6.12-rc1). `alloc_node_mem_map()` returns at once
//!   for a node that spans no pages, so an empty node gets no mem_map, where 2.6.11 took
//!   one `struct page` from bootmem (`mem_map_empty_node`).
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
