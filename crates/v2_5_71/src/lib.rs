//! Linux 2.5.71's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same `mm/bootmem.c` was in 2.5.72, 2.5.73 and 2.5.74. It is 2.5.70's with one
//! change, 906b9f6903 "\[PATCH\] add bootmem failure warning" (Andrew Morton, 2003-06-07):
//! a zero-sized request prints `__alloc_bootmem_core(): zero-sized request` and calls
//! `dump_stack()` before its `BUG()`, now at line 157 (`zero_size`). The machine has no
//! kernel stack to print, so the trace shows the printk and the BUG and nothing for the
//! stack dump. Every line of `__alloc_bootmem_core()` after it moves down four, the
//! `start >= eidx` BUG_ON to 213 (`scan_past_bitmap_zero`).
//!
//! Everything else is 2.5.68's: the `last_success` hint, the `find_next_zero_bit()`
//! scan that aligns the index within the node, the empty `fail_block:`, and the restart
//! `if (preferred)` that never ends on a node whose start is off alignment
//! (`unaligned_node_hang`).
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
