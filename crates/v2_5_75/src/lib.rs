//! Linux 2.5.75's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! It is 2.5.74's with one commit, 1c630a8df7 "\[PATCH\] bootmem.c cleanups" (Andrew
//! Morton, 2003-07-04):
//!
//! - A failed scan restarts only when `preferred > offset` (line 201): a scan that
//!   began at the goal or at `last_success` goes round once more from the alignment
//!   offset, and one that began at the offset returns NULL. The endless loop that
//!   2.4.17 brought (2.5.2 in this series) is gone: on a node whose start is off
//!   alignment and has no room, `__alloc_bootmem()` now moves on to the next node
//!   (`unaligned_node_hang`).
//! - The two tests of `reserve_bootmem_core()` that an unsigned index can never fail
//!   (`sidx < 0`, `eidx < 0`) are removed, which moves every later line of the file up
//!   by four: the zero-size BUG to line 153 (`zero_size`), the `start >= eidx` BUG_ON
//!   back to 209 (`scan_past_bitmap_zero`).
//!
//! `pg_data_t`'s `node_size` is now `node_spanned_pages`, with the same value here.
//! What 2.6.12 still adds: the resumption past a conflict (2dd23d7ca4, 2.6.0-test2,
//! `align_skip_after_conflict`), the hand-off from the frame of `node_boot_start`
//! instead of `pgdat->node_mem_map` (767aa962, 2.6.0-test3, `free_all_i386_high_node`),
//! the quiet double reserve, the node fall-back, the whole-word hand-off, no stack dump
//! for a zero-sized request, and the contiguous wrappers under `CONFIG_DISCONTIGMEM`
//! (86e060c6, 2.6.10). This release is the last to start the hand-off at the node's
//! first frame (`PgData::first_frame`), as 2.4.0 does.
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
