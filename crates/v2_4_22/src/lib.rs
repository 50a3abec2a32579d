//! Linux 2.4.22's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in every release from 2.4.20 to 2.4.37.11; it is the allocator
//! Gorman's book walks through. What separates it from 2.4.0 came in four pre-git steps
//! of the `linux-history` tree:
//!
//! - 2.4.3.4: a failed scan returns NULL; `__alloc_bootmem` prints "bootmem alloc of
//!   … bytes failed!" and panics "Out of memory" instead of BUG().
//! - 2.4.4.6: BUG on an align that is not a power of two, and more sanity checks in
//!   `reserve_bootmem_core`.
//! - 2.4.9.12: `__alloc_bootmem_node` panics instead of BUG().
//! - 2.4.17: the alignment offset for node starts that are not aligned, and a restart
//!   from `preferred = offset`, which never ends when the node start is not a multiple
//!   of `align`, align is larger than a page, and nothing fits (`unaligned_node_hang`).
//!   2.6 (`preferred > offset`) ends that loop.
//!
//! Behaviour a reader of 2.6 may not expect: the scan tests every candidate bit by bit
//! and aligns the *physical* address; `__alloc_bootmem_node` never tries another node;
//! double reserves are always reported; `free_all_bootmem` hands over order-0 pages in
//! ascending order.
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
