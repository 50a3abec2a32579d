//! Linux 2.4.10's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same file, byte for byte, was in 2.4.10 to 2.4.16, and in 2.5.0, which forked
//! from 2.4.15 (`git diff 2.4.16 v2.5.0 -- mm/bootmem.c` is empty; its `bootmem.h` and
//! `page_alloc.c` are 2.4.15's). It differs from 2.4.5 by one `linux-history` step,
//! dfc52b82fe "v2.4.9.11 -> v2.4.9.12" (Linus Torvalds; the tree records the import
//! date, 2002-02-04):
//!
//! - `__alloc_bootmem_node()` on a node without room prints "bootmem alloc of … bytes
//!   failed!" (line 347) and panics "Out of memory" (line 348) instead of `BUG()` at
//!   line 347 (`node_fallback`, `low_node_no_fallback`). It still tries no other node;
//!   2.6.8 (e2dcfb35) added the fallback.
//!
//! Every other line is 2.4.5's. This is 2.4.22's allocator without the 2.4.17 change:
//! no alignment offset, so on a node whose start is not a multiple of `align` the
//! addresses are aligned relative to the node's start (`align_physical_vs_index`), and a
//! failed scan restarts once from index 0 and then returns NULL, so it never loops
//! (`unaligned_node_hang`, `restart_from_zero`). `bootmem.h` is 2.4.0's file, unchanged;
//! the page allocator's `__free_pages_ok()` gained a `PF_FREE_PAGES` branch that no boot
//! takes, so the hand-off (page_alloc.c:442) behaves as before.
//!
//! The x86_64 port did not exist yet (it arrived in 2.4.20), so a scenario with
//! `arch x86_64` runs this text on a hypothetical x86_64 build of it, as for 2.4.0.
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
