//! Linux 2.5.37's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`),
//! with the node `mem_map` allocation of its `mm/numa.c`.
//!
//! The same texts were in 2.5.38 to 2.5.41. `mm/bootmem.c` and `bootmem.h` are 2.5.34's;
//! what changed is outside bootmem: e07316f9c8 "\[PATCH\] free_area_init cleanup" (Andrew
//! Morton, 2002-09-19) moved the allocation of a node's `mem_map` from
//! `free_area_init_core()` to `free_area_init_node()`. The size is still one
//! `struct page` more than the node spans, but the pointer `alloc_bootmem_node()` returns
//! is kept as it is: 2.4's `MAP_ALIGN()`, which rounded it up to a multiple of
//! `sizeof(struct page)` from `PAGE_OFFSET`, is gone (`mem_map_sizes`). The allocation
//! still happens on every call, and an empty node still gets one `struct page`
//! (2.6.9 and 2.6.12 change those).
//!
//! The `CONFIG_HAVE_ARCH_BOOTMEM_NODE` handling of 2.5.34 stays: see `arch_bootmem_node`.
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
