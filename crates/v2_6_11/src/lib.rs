//! Linux 2.6.11's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The release has no tag in the `linux-history` tree: it is commit `1274fcd685` "Linux
//! 2.6.11". Its `mm/bootmem.c` (blob 260e703850) and `include/linux/bootmem.h` are the
//! same blobs in 2.6.11-rc1 to rc5, 2.6.11.1 to 2.6.11.5 and 2.6.12-rc1, and `git diff
//! 1274fcd685 v2.6.11.5 -- mm/page_alloc.c include/linux/mm.h` is empty. The stable
//! releases 2.6.11.6 to 2.6.11.12 are not in the tree; they answer here on the ground
//! that the 2.6.11.y series took only small fixes and none of the five checked ones
//! touched these files, not from their text.
//!
//! One commit separates the bootmem text from 2.6.10's:
//!
//! - `2954850ea90ffb25c0acff03398af95fbde3d034` "\[PATCH\] VM routine fixes", David
//!   Howells, 2005-01-04. `free_all_bootmem_core()` gives the pages it hands over their
//!   reference through `set_page_refs()` (bootmem.c:283-284, 299), and without an MMU
//!   `__free_pages_ok()` drops the tails' references again (page_alloc.c:339-343). With
//!   an MMU that is the old `set_page_count(page, 1)`; without one every page of a
//!   whole-word block gets a reference and loses it before the page check, so the
//!   checks see what 2.6.10's saw: `nommu_tail_pages` and
//!   `free_all_nommu_no_bad_pages` run the same as on 2.6.10. BUG lines move by one
//!   (`#include "internal.h"`).
//!
//! What separates 2.6.11 from 2.6.12 lies outside bootmem: `free_area_init_node()`
//! takes a mem_map for a node that spans no pages too, one `struct page`
//! (page_alloc.c:1682-1702), where 2.6.12 skips the node (ecce8424):
//! `mem_map_empty_node`.
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
