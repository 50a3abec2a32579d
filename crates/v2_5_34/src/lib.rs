//! Linux 2.5.34's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in 2.5.35 and 2.5.36. 0d0bdc8e6f "\[PATCH\] discontigmem support for
//! ia32 NUMA" (Andrew Morton, 2002-09-03) lets an architecture that sets
//! `CONFIG_HAVE_ARCH_BOOTMEM_NODE` provide `reserve_bootmem()` and the seven
//! `alloc_bootmem*()` macros itself: bootmem.c no longer builds `reserve_bootmem()` and
//! bootmem.h no longer defines the macros. Only i386 sets the option (with NUMA, together
//! with `CONFIG_DISCONTIGMEM`), and its `include/asm-i386/mmzone.h` defines every one of
//! them on `NODE_DATA(0)`, ignoring the node a caller names. The crate does the same
//! under `config CONFIG_HAVE_ARCH_BOOTMEM_NODE=y` with `CONFIG_DISCONTIGMEM=y` on i386
//! (`arch_bootmem_node`); with the option anywhere else nothing defines them, and they
//! are unavailable. Which definitions a machine has is the architecture's answer and
//! lives in core (`bootmem_core::ArchBootmemNode`); the crate keeps bootmem.h's macro
//! bodies and marks 0d0bdc8e's code paths. Every later release keeps the guard, and
//! i386 its node-0 definitions, through 2.6.16. No defconfig of the three architectures
//! sets the option, and without it nothing changes from 2.5.33.
//!
//! `pg_data_t`'s link is `pgdat_next` since 2.5.30 (f183c478d3); the walk of
//! `pgdat_list` is the same.
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
