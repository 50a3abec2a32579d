//! Linux 2.5.68's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! 2.5.69 has the same `mm/bootmem.c`, and 2.5.70's differs only in two `return`
//! statements of `void` functions, which keep their lines (d92cfbf0a1, Linus Torvalds,
//! 2003-05-12): both are aliases of this release.
//!
//! What 2.5.68 brings, in one commit, 79e626e1d1 "\[PATCH\] bootmem speedup from the IA64
//! tree" (Andrew Morton, 2003-04-12):
//!
//! - `bootmem_data_t` gains `last_success`, the offset from the node start where the
//!   last scan found its block. A request whose goal lies in the node starts its scan
//!   there when the hint is at or above the goal, and `free_bootmem_core()` moves it back
//!   to a freed address below it, comparing a physical address with an offset
//!   (`last_success_hint`, `free_hint_units`). The hint is written before the `start >= eidx` BUG_ON.
//! - The scan jumps with `find_next_zero_bit()` and rounds the page *index* within the
//!   node up to the alignment, so on a node whose start is not aligned the alignment
//!   offset of 2.4.17 is lost again (`align_physical_vs_index`). When nothing is free the
//!   bit tested lies past the node's bitmap, and a one-page request can "find" the page
//!   past the node and BUG at line 209 (`scan_past_bitmap_zero`).
//!
//! What it keeps from before, and 2.6 changes: a failed scan still restarts whenever
//! `preferred` is not zero, so a scan that fails from a non-zero alignment offset
//! restarts from that offset for ever (`unaligned_node_hang`, ended in 2.5.75); the
//! `fail_block:` label is an empty statement, so after a conflict the next candidate is
//! the failed one plus the alignment step (`align_skip_after_conflict`, changed in
//! 2.6.0-test2); a zero-sized request is a bare BUG_ON (`zero_size`, a warning from
//! 2.5.71); "reserved twice" is always printed; `__alloc_bootmem_node()` panics instead
//! of trying other nodes; `free_all_bootmem()` hands over order-0 pages only, reading
//! the bitmap a word at a time (2.5.4); the node's `mem_map` is allocated on every call
//! (`mem_map_sizes`); under `CONFIG_HAVE_ARCH_BOOTMEM_NODE` i386 NUMA's node-0 macros
//! (`arch_bootmem_node`, from 2.5.34), and under `CONFIG_DISCONTIGMEM` no contiguous
//! wrappers (`discontigmem_contig_calls`, from 2.5.42 to 2.6.9).
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
