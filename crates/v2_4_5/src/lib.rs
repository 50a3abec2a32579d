//! Linux 2.4.5's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same code, on the same lines, was in 2.4.5 to 2.4.9. (2.4.6's file differs in
//! one header comment line, which names the file `bootmem.c` instead of `initmem.c`;
//! every statement stays on its line.) It differs from 2.4.4 by one `linux-history`
//! step, c9df1e203d "v2.4.4.5 -> v2.4.4.6" (Linus Torvalds; the tree records the import
//! date, 2002-02-04), which added sanity checks:
//!
//! - `__alloc_bootmem_core()` BUGs on an `align` that is not a power of two (line 155),
//!   where 2.4.4 used it in its masks as it was (`align_not_power_of_two`,
//!   `bad_align`).
//! - `reserve_bootmem_core()` BUGs when `sidx >= eidx` (line 91), which a reserve that
//!   starts below the node's start hits because `sidx` wraps (2.4.4 reserved nothing:
//!   `reserve_below_node_start`), and when the reserve starts at or past the node's end
//!   (line 93). Its `sidx < 0` and `eidx < 0` tests (lines 86-89) compare unsigned
//!   values and can never fire.
//!
//! The checks move every later line down: the old end check is now line 95, the
//! `BUG()`s of `free_bootmem_core()` and the zero-size one move by eight, and those
//! after the new align check by eleven. Still as in 2.4.4: a failed scan returns
//! NULL, `__alloc_bootmem` panics "Out of memory", `__alloc_bootmem_node` BUGs
//! (line 347; step 2.4.9.12 made it panic), alignment is relative to the node's start
//! and the restart goes back to index 0 (step 2.4.17 changed both). `bootmem.h` and the
//! page allocator's hand-off (page_alloc.c:517) behave as in 2.4.0.
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
