//! Linux 2.6.4's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`), and
//! 2.6.7's, whose text runs the same code with its BUG lines moved (`RELEASE_2_6_7`).
//!
//! The same text was in 2.6.4-rc1 on, 2.6.5 and 2.6.6. What separates it from 2.6.3:
//!
//! - `7ee4ef584a582a24ce17b5af8e631146a7356f43` "\[PATCH\] Disable bootmem warning",
//!   Andrew Morton, 2004-02-18. "hm, page %08lx reserved twice." is printed only with
//!   `CONFIG_DEBUG_BOOTMEM=y` (bootmem.c:95-97); otherwise `reserve_bootmem_core()`
//!   sets the page again without a word. Scenarios: `double_reserve` (silent here),
//!   `double_reserve_debug` (printed). BUG lines from `free_bootmem_core()` on move by
//!   three.
//!
//! 2.6.7 (bc39e03b "bootmem.c cleanup", Andrew Morton, 2004-05-14) turns the
//! `if (x) BUG();` tests into `BUG_ON(x)` and drops the `dump_stack()` before the
//! zero-size BUG. The trace shows no stack dump, so 2.6.7 differs only in where it
//! BUGs: `zero_size` BUGs at line 151 instead of 156, `reserve_checks` at 86-88.
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
pub use release::{RELEASE, RELEASE_2_6_7};

bootmem_core::implement_bootmem!(
    Kernel: bootmem_bootmap_pages, init_bootmem_node, reserve_bootmem_node, free_bootmem_node, free_all_bootmem_node, init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem, __alloc_bootmem, __alloc_bootmem_node, alloc_bootmem, alloc_bootmem_low, alloc_bootmem_pages, alloc_bootmem_low_pages, alloc_bootmem_node, alloc_bootmem_pages_node, alloc_bootmem_low_pages_node, alloc_node_mem_map
);
