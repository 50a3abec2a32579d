//! Linux 2.4.22's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in every release from 2.4.20 to 2.4.37.11; it is the allocator
//! Gorman's book walks through. The crate also serves 2.4.17 to 2.4.19
//! ([`RELEASE_2_4_17`], [`RELEASE_2_4_19`]), whose code is the same with lines moved:
//!
//! - 2.4.17 (and 2.4.18): b0f84cd6fc "v2.4.16 -> v2.4.17" brought the alignment offset
//!   for node starts that are not aligned, and a restart from `preferred = offset`,
//!   which never ends when the node start is not a multiple of `align`, align is
//!   larger than a page, and nothing fits (`unaligned_node_hang`; 2.4.10 to 2.4.16
//!   restarted from 0 and gave up). 2.6 (`preferred > offset`) ends that loop. Every
//!   `BUG()` stands two lines higher than in 2.4.22.
//! - 2.4.19: 740d98531e "v2.4.18 -> v2.4.19" added `#include <asm/io.h>` only; every
//!   `BUG()` stands one line higher than in 2.4.22.
//! - 2.4.20 (f03d9c46eb) defined `max_pfn` in this file and made `__alloc_bootmem()`
//!   walk the nodes with `for_each_pgdat()`, in the same order as before: lines move,
//!   behaviour does not.
//!
//! The earlier steps have crates of their own: 2.4.3.4 (NULL from a failed scan,
//! "Out of memory") in 2.4.4, 2.4.4.6 (the sanity checks) in 2.4.5, 2.4.9.12
//! (`__alloc_bootmem_node` panics) in 2.4.10. 2.4.17 and 2.4.19 predate the x86_64
//! port (2.4.20); with `arch x86_64` they run on a hypothetical x86_64 build.
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
#[cfg(test)]
mod tests;

pub use mmzone::Kernel;
pub use release::{RELEASE, RELEASE_2_4_17, RELEASE_2_4_19};

bootmem_core::implement_bootmem!(
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_node_mem_map
);
