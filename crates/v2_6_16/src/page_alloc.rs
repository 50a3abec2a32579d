//! The parts of 2.6.16's `mm/page_alloc.c` (and the `include/linux/mm.h` helpers) that
//! `free_all_bootmem_core()` hands pages to, and `alloc_node_mem_map()`.
//!
//! Page counts are kept as the logical count that `page_count()` returns; 2.6 stores it
//! biased by one in `_count`, which changes nothing observable here.

use bootmem_commits::paths;
use bootmem_core::{KResult, Machine, Nid, Ulong};

use crate::Kernel;

/// `pfn_to_page(pfn)`: with the flat memmap simulated here a page is named by its pfn.
pub(crate) fn pfn_to_page(pfn: Ulong) -> u64 {
    pfn.get()
}

/// `set_page_count(page, v)`.
fn set_page_count(m: &mut Machine, pfn: u64, v: i32) {
    m.page_mut(pfn).count = v;
}

/// `__ClearPageReserved(page)`.
fn clear_page_reserved(m: &mut Machine, pfn: u64) {
    m.page_mut(pfn).reserved = false;
}

/// `free_pages_check(page)` (page_alloc.c:353-377). Returns whether `bad_page()`
/// reported the page, and whether PG_reserved was set, which keeps the page back.
/// Mapping, mapcount and the other flags are never set on a bootmem page. `bad_page()`
/// resets the count and leaves PG_reserved as it is (page_alloc.c:138-161).
fn free_pages_check(m: &mut Machine, pfn: u64) -> (bool, bool) {
    let page = m.page(pfn);
    let bad = page.count != 0 || page.reserved;
    if page.count != 0 {
        m.took(&paths::FREE_PAGES_CHECK_COUNT);
    }
    if bad {
        set_page_count(m, pfn, 0);
    }
    (bad, page.reserved)
}

/// `free_hot_cold_page(page, cold)` (page_alloc.c:708), which checks the page and keeps
/// a reserved one (page_alloc.c:718-719).
fn free_hot_cold_page(m: &mut Machine, pfn: u64) {
    let (bad, reserved) = free_pages_check(m, pfn);
    if reserved {
        return;
    }
    m.hand_off(pfn, 0, bad);
}

/// `__free_pages_bootmem(page, order)` (page_alloc.c:446), added by a226f6c8. A single
/// page is made free (not reserved, count zero) and goes through `free_hot_cold_page()`
/// and its check, which it therefore always passes. A block has the same done to
/// `BITS_PER_LONG` pages (the loop bound is not `1 << order`, though bootmem only asks
/// for that order) and goes straight to `free_pages_bulk()` with no check at all, so
/// the configuration (`CONFIG_MMU`) makes no difference.
pub(crate) fn __free_pages_bootmem(m: &mut Machine, pfn: u64, order: u32) -> KResult<()> {
    if order == 0 {
        clear_page_reserved(m, pfn);
        set_page_count(m, pfn, 0);
        free_hot_cold_page(m, pfn);
    } else {
        m.took(&paths::FREE_PAGES_BOOTMEM);
        m.each_page(pfn, u64::from(m.bits_per_long()), |m, page| {
            clear_page_reserved(m, page);
            set_page_count(m, page, 0);
            Ok(())
        })?;
        m.hand_off(pfn, order, false);
    }
    Ok(())
}

impl Kernel {
    /// `alloc_node_mem_map(pgdat)` (page_alloc.c:2094): a node's `mem_map`, sized one
    /// `struct page` more than the node spans, comes from `alloc_remap()` when that has
    /// room and from `alloc_bootmem_node()` otherwise. A node that already has a map
    /// keeps it; an empty node gets none.
    pub fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let pgdat = self.node_data(nid)?;
        if pgdat.node_spanned_pages.is_zero() {
            m.took(&paths::EMPTY_NODE_NO_MEM_MAP);
            return Ok(pgdat.node_mem_map);
        }
        if !pgdat.node_mem_map.is_zero() {
            m.took(&paths::MEM_MAP_ONCE);
        }
        if pgdat.node_mem_map.is_zero() {
            let size = (pgdat.node_spanned_pages + 1) * m.sizeof_struct_page();
            let mut map = self.alloc_remap(m, nid, size)?;
            if map.is_zero() {
                m.took(&paths::MEM_MAP_UNALIGNED);
                map = self.alloc_bootmem_node(m, nid, size)?;
            } else {
                m.took(&paths::MEM_MAP_FROM_REMAP);
            }
            self.node_data(nid)?.node_mem_map = map;
        }
        Ok(self.node_data(nid)?.node_mem_map)
    }
}
