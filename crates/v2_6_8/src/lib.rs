//! Linux 2.6.8's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in 2.6.8-rc1 to rc4, 2.6.8.1 and 2.6.9-rc1. What separates it from
//! 2.6.7:
//!
//! - `e2dcfb355e776f2bd2bd64b3e04cd1dd8d668aa9` "\[PATCH\] __alloc_bootmem_node should
//!   not panic when it fails", Anton Blanchard, 2004-06-26. When the node has no room,
//!   `__alloc_bootmem_node()` returns `__alloc_bootmem(size, align, goal)`
//!   (bootmem.c:379): every node of `pgdat_list` from the head, the same node again
//!   included, and only then "bootmem alloc of ... bytes failed!" and the panic.
//!   Scenarios: `node_fallback`, `mem_map_empty_node`.
//! - 4ddc0903 "dma_get_required_mask()" exports `max_pfn` and 17e14bef adds a
//!   declaration to `bootmem.h`: no behaviour, but five lines near the top move every
//!   BUG of bootmem.c by five (2.6.7's 207 is 212 here).
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
