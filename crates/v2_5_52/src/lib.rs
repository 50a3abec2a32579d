//! Linux 2.5.52's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in 2.5.53 to 2.5.67. 344391c73a "\[PATCH\] bootmem allocator merging
//! fix" (Andrew Morton, 2002-12-14) merges a request into the last partial page only
//! for `align < PAGE_SIZE` (2.4: `<=`). For `align == PAGE_SIZE` the old merge rounded
//! the partial page's offset up to a whole page and so returned page `start`, with the
//! `last_pos` and `last_offset` the plain branch sets: the results are the same, and the
//! diff only names the commit where a page-aligned request follows a partial page.
//!
//! The hand-off goes through the hot/cold page allocator of 2.5.45 (1d2652dd2c):
//! `__free_pages()` sends an order-0 page to `free_hot_page()`, whose
//! `free_pages_check()` never finds fault with a bootmem page. The 2.5.33 BUG_ON in
//! `put_page_testzero()` (c99b0372f7) cannot fire either, as every page's count is set
//! to 1 just before it is freed; it is left out, as in the crates from 2.5.34.
//!
//! Everything else is 2.5.42's: `CONFIG_HAVE_ARCH_BOOTMEM_NODE` (`arch_bootmem_node`),
//! `CONFIG_DISCONTIGMEM` (`discontigmem`), the `mem_map` without `MAP_ALIGN()`.
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
