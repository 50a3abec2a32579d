//! Linux 2.5.42's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in 2.5.43 to 2.5.51. 4b4b90a7f8 "\[PATCH\] discontigmem fixes and
//! cleanups" (Andrew Morton, 2002-10-07) builds the four wrappers on `contig_page_data`
//! (`init_bootmem()`, `reserve_bootmem()`, `free_bootmem()`, `free_all_bootmem()`) only
//! without `CONFIG_DISCONTIGMEM`; bootmem.h still declares them, so under the option a
//! scenario that calls one finds it unavailable, as the kernel would fail to link, up to
//! 2.6.9 (86e060c6 builds them again in 2.6.10).
//! `reserve_bootmem()` under i386's `CONFIG_HAVE_ARCH_BOOTMEM_NODE` is still the macro
//! on `NODE_DATA(0)` (`arch_bootmem_node`, from 2.5.34). No i386 or ia64 defconfig sets
//! the option; x86_64's does from 2.5.70. Without it nothing changes from 2.5.41.
//!
//! The node `mem_map` allocation moved into `free_area_init_node()` of
//! `mm/page_alloc.c`, unchanged (e07316f9c8, 2.5.37). The hot/cold page allocator of
//! 2.5.45 (1d2652dd2c) checks each freed page with `free_pages_check()`; bootmem's
//! order-0 pages always pass it (count 1 down to 0, no other flag), so 2.5.45 to 2.5.51
//! stay with 2.5.42.
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
