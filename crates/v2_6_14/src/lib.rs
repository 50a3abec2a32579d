//! Linux 2.6.14's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! Three upstream commits touch the allocator between 2.6.13 and 2.6.14
//! (`git log v2.6.13..v2.6.14 -- mm/bootmem.c include/linux/bootmem.h`):
//!
//! - `5d3d0f7704ed0bc7eaca0501eeae3e5da1ea6c87` "\[PATCH\] x86-64: Reverse order of bootmem
//!   lists", Andi Kleen, 2005-09-12, made `init_bootmem_core()` append nodes to
//!   `pgdat_list` instead of prepending them (in 2.6.14-rc1 and -rc2 only).
//! - `6e3254c4e2927c117044a02acf5f5b56e1373053` "Revert \"x86-64: Reverse order of bootmem
//!   lists\"", Linus Torvalds, 2005-09-30, took it out again. Together they change
//!   nothing in the release: nodes are still prepended, and the node initialised last is
//!   still searched first (every multi-node scenario, e.g. `node_full_fallback`).
//! - `281dd25cdc0d6903929b79183816d151ea626341` "\[PATCH\] swiotlb: make sure initial DMA
//!   allocations really are in DMA memory", Yasunori Goto, 2005-10-19. The core
//!   allocator takes a `limit` (a physical address, 0 for none), `__alloc_bootmem` and
//!   `__alloc_bootmem_node` become `__alloc_bootmem_limit` and
//!   `__alloc_bootmem_node_limit` with static inlines in `bootmem.h:126-135` passing
//!   limit 0 under the old names, and seven `_limit` macros join the old ones
//!   (`bootmem.h:58-65, 83-88`). In `__alloc_bootmem_core()` (bootmem.c:169-193), exactly
//!   as the text has it:
//!   - a node that starts at or above the limit answers NULL at once, before anything
//!     else is looked at (`limit_node_above`);
//!   - the limit is then shifted to a pfn and the node's end is clamped to it, so the
//!     scan, and the goal test, stop there (`limit_scan_stop`);
//!   - a limit below one page shifts to 0 and means no limit at all, but only after the
//!     first test has already turned away every node that does not start at 0
//!     (`limit_below_one_page`);
//!   - `last_success` is used only when `limit > last_success`, which compares the
//!     shifted pfn with a byte offset, so a 4 GiB limit (pfn 0x100000 with 4 KiB
//!     pages) ignores a hint of 1 MiB or more that no limit would follow, and the same
//!     goal gives another address (`limit_last_success_units`);
//!   - the clamped `eidx` lies inside the node, so the bit the x86 `find_next_zero_bit()`
//!     answers past it is a real page of the node, often free: a one-page request "finds"
//!     it and BUGs at line 229, the same past-the-end BUG as 2.6.12-2.6.13 but reached
//!     through the limit on a node whose bitmap is not full at all (`limit_past_end_bug`).
//!
//!   The seven `_limit` macros stand inside bootmem.h's
//!   `#ifndef CONFIG_HAVE_ARCH_BOOTMEM_NODE`, beside the plain ones, and i386's
//!   `mmzone.h` defines none of them: with that option they do not exist on any
//!   machine, not even on i386 NUMA, which has the plain ones on node 0
//!   (`arch_bootmem_node`).
//!
//!   With limit 0 every new test is inert and the allocator is 2.6.13's: the
//!   `equivalence` property test runs random scenarios written with `_limit` calls and
//!   limit 0 here and with the plain calls on 2.6.13, and finds equal traces. On 2.6.13
//!   and older the `_limit` calls do not exist (`limit_unavailable`).
//!
//! The page-allocator side is unchanged apart from line numbers: a `CONFIG_MMU=n`
//! whole-word block still reaches the buddy lists with no bad page (`nommu_tail_pages`).
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
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, __alloc_bootmem_limit, __alloc_bootmem_node_limit, alloc_bootmem_limit, alloc_bootmem_low_limit, alloc_bootmem_pages_limit, alloc_bootmem_low_pages_limit, alloc_bootmem_node_limit, alloc_bootmem_pages_node_limit, alloc_bootmem_low_pages_node_limit, alloc_remap, remap_area, alloc_node_mem_map, saved_max_pfn
);
