//! Linux 2.6.12's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in 2.6.11 and every 2.6.12.x stable release. It is the first
//! release in git; everything that separates it from 2.4.22 came through the 2.5 series:
//!
//! - `last_success` remembers where the last allocation started and the scan resumes
//!   there when the goal lies below it (`hint` scenario); `free_bootmem` moves it back.
//! - The scan jumps with `find_next_zero_bit()` and aligns the page *index* within the
//!   node; after a conflict it resumes one alignment step past the conflicting page, so
//!   it skips an aligned slot 2.4 would take (`align_skip`), and when nothing is free it
//!   can test the bit just past the bitmap and BUG at line 213 (`scan_past_bitmap`).
//! - A failed scan restarts only when `preferred > offset`, so the 2.4.22 endless loop
//!   is gone (`unaligned_node_hang`).
//! - `__alloc_bootmem_node` falls back to every node in `pgdat_list` instead of
//!   panicking (`node_fallback`).
//! - Sub-page merging needs `align < PAGE_SIZE` (2.4.22: `<=`).
//! - "reserved twice" is printed only with `CONFIG_DEBUG_BOOTMEM=y` (`double_reserve`).
//! - `free_all_bootmem_core` hands whole free words over as one block of order
//!   `ffs(BITS_PER_LONG) - 1` when the node start is aligned enough (`free_all_words`).
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
