//! Linux 2.4.0's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! This is the first release the project re-creates, so no upstream change separates
//! it from an earlier crate and [`RELEASE`] lists no commits. The same two files were
//! shipped, byte for byte, in 2.4.1, 2.4.2 and 2.4.3 (and every `linux-history` step up
//! to 2.4.3.3); step 2.4.3.4 changed `mm/bootmem.c`.
//!
//! The allocator is Ingo Molnar's from 2.3 with Kanoj Sarcar's node support. What a
//! reader of later releases may not expect, each with the release that changed it:
//!
//! - A failed scan has no `return NULL`. After the restart from `preferred = 0`
//!   (bootmem.c:175-178) control falls into `found:` with `start` still 0: it sets
//!   `last_pos`/`last_offset`, sets the bits of any free pages at the node's start, and
//!   BUGs at the first reserved one (line 219), or at line 181 on a node of no pages.
//!   So `__alloc_bootmem` never reaches a second node (`failed_scan_falls_through`), a
//!   request that fits nowhere BUGs instead of panicking (`no_fit_node_bug`,
//!   `empty_node_alloc`), and a request larger than a wholly free node "succeeds" at the
//!   node's start and runs past its end (`larger_than_node`). The `BUG()` calls that end
//!   `__alloc_bootmem` (line 319) and `__alloc_bootmem_node` (line 334) can therefore
//!   never be reached. Fixed in `linux-history` step 2.4.3.4 (return NULL, then printk
//!   and panic "Out of memory"); `__alloc_bootmem_node` panics from step 2.4.9.12.
//! - No alignment offset: addresses are aligned relative to the node's start, not
//!   physically, and the restart goes back to index 0 (`restart_from_zero`). Step
//!   2.4.17 added the offset and restarted from it.
//! - No sanity checks beyond a zero size and the node's end: an alignment that is not
//!   a power of two is used as it is (`align_not_power_of_two`), and a reserve that
//!   starts below the node's start wraps `sidx` past `eidx` and reserves nothing
//!   (`reserve_below_node_start`). Step 2.4.4.6 added both BUGs. (A reserve wholly
//!   below the node wraps both indexes and sets one stray bit far past the bitmap, in
//!   this release and every later one: `reserve_wholly_below_node`.)
//! - Sub-page merging needs `align <= PAGE_SIZE` (2.6 asks for `<`), and "reserved
//!   twice" is always printed.
//! - `free_all_bootmem_core()` starts the hand-off at `pgdat->node_mem_map`, the
//!   `struct page` of the node's first frame as the architecture set the node up
//!   (`PgData::first_frame`), not at the frame of `node_boot_start`. On i386 a node at
//!   or above 4 GiB wraps `startpfn << PAGE_SHIFT`, and the two part: this release hands
//!   over the node's own frames, 2.6.0 (767aa962, 2.6.0-test3) the frames 4 GiB lower
//!   (`free_all_i386_high_node`).
//!
//! The x86_64 port did not exist yet (it arrived in 2.4.20), so a scenario with
//! `arch x86_64` runs this text on a hypothetical x86_64 build of it.
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
