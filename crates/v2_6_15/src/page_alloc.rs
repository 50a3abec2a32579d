//! The parts of 2.6.15's `mm/page_alloc.c` (and the `include/linux/mm.h` helpers) that
//! `free_all_bootmem_core()` hands pages to, and `alloc_node_mem_map()`.
//!
//! Page counts are kept as the logical count that `page_count()` returns; 2.6 stores it
//! biased by one in `_count`, which changes nothing observable here.

use bootmem_commits::paths;
use bootmem_core::{KResult, Machine, Nid, Stop, Ulong};

use crate::Kernel;

/// `pfn_to_page(pfn)`: with the flat memmap simulated here a page is named by its pfn.
pub(crate) fn pfn_to_page(pfn: Ulong) -> u64 {
    pfn.get()
}

/// `set_page_count(page, v)`.
pub(crate) fn set_page_count(m: &mut Machine, pfn: u64, v: i32) {
    m.page_mut(pfn).count = v;
}

/// `__ClearPageReserved(page)`.
pub(crate) fn clear_page_reserved(m: &mut Machine, pfn: u64) {
    m.page_mut(pfn).reserved = false;
}

/// `set_page_refs(page, order)` (page_alloc.c:454): with an MMU only the head page
/// gets a reference; without one every page of the block does.
pub(crate) fn set_page_refs(m: &mut Machine, pfn: u64, order: u32) {
    if m.config().mmu {
        set_page_count(m, pfn, 1);
    } else {
        m.for_each_page(pfn, 1 << order, |m, page| set_page_count(m, page, 1));
    }
}

/// `put_page_testzero(page)` as `__free_pages()` expands it (page_alloc.c:1055): BUGs
/// on a page whose count is already zero, else drops the count and says whether the
/// stored `_count` went negative. The macro lives in `include/linux/mm.h:299-303`, but
/// `__LINE__` and `__FILE__` in a macro body name the line that expands it, so the BUG
/// reports `mm/page_alloc.c:1055`.
fn put_page_testzero(m: &mut Machine, pfn: u64) -> KResult<bool> {
    if m.page(pfn).count == 0 {
        m.took(&paths::PUT_PAGE_TESTZERO_BUG);
        return Err(Stop::bug_in("mm/page_alloc.c", 1055));
    }
    let mut page = m.page_mut(pfn);
    page.count -= 1;
    Ok(page.count < 1)
}

/// `free_pages_check(function, page)` (page_alloc.c:337-361). Returns whether
/// `bad_page()` reported the page, and whether PG_reserved was set, which keeps the
/// page back. Mapping, mapcount and the other flags are never set on a bootmem page.
/// `bad_page()` resets the count and leaves PG_reserved as it is (page_alloc.c:125-148).
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

/// `__free_pages_ok(page, order)` (page_alloc.c:396): the `CONFIG_MMU=n` tails lose the
/// reference `set_page_refs()` gave them, every page is checked, and a block with any
/// reserved page is reported and then kept, not freed.
fn __free_pages_ok(m: &mut Machine, pfn: u64, order: u32) {
    if !m.config().mmu && order > 0 {
        m.for_each_page(pfn + 1, (1 << order) - 1, |m, tail| {
            m.page_mut(tail).count -= 1
        });
    }
    let mut bad = false;
    let mut reserved = 0u64;
    m.for_each_page(pfn, 1 << order, |m, page| {
        let (b, r) = free_pages_check(m, page);
        bad |= b;
        reserved += u64::from(r);
    });
    if reserved != 0 {
        return;
    }
    m.hand_off(pfn, order, bad);
}

/// `free_hot_page(page)`, through `free_hot_cold_page()` (page_alloc.c:680), which
/// keeps a reserved page (page_alloc.c:690-691).
fn free_hot_page(m: &mut Machine, pfn: u64) {
    let (bad, reserved) = free_pages_check(m, pfn);
    if reserved {
        return;
    }
    m.hand_off(pfn, 0, bad);
}

/// `__free_pages(page, order)` (page_alloc.c:1053): no PG_reserved gate any more.
pub(crate) fn __free_pages(m: &mut Machine, pfn: u64, order: u32) -> KResult<()> {
    if put_page_testzero(m, pfn)? {
        if order == 0 {
            free_hot_page(m, pfn);
        } else {
            __free_pages_ok(m, pfn, order);
        }
    }
    Ok(())
}

/// `__free_page(page)`.
pub(crate) fn __free_page(m: &mut Machine, pfn: u64) -> KResult<()> {
    __free_pages(m, pfn, 0)
}

impl Kernel {
    /// `alloc_node_mem_map(pgdat)` (page_alloc.c:2026): a node's `mem_map`, sized one
    /// `struct page` more than the node spans, comes from `alloc_remap()` when that
    /// answers and from `alloc_bootmem_node()` otherwise. A node that already has a map
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
