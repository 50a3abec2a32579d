//! The parts of 2.6.4's `mm/page_alloc.c` (and the `include/linux/mm.h` helpers) that
//! `free_all_bootmem_core()` hands pages to, and `alloc_node_mem_map()`.
//!
//! Page counts are kept as the logical count that `page_count()` returns; 2.6 stores it
//! biased by one in `_count`, which changes nothing observable here.

use bootmem_commits::paths;
use bootmem_core::{KResult, Machine, Nid, Stop, Ulong};

use crate::Kernel;

/// `set_page_count(page, v)`.
pub(crate) fn set_page_count(m: &mut Machine, pfn: u64, v: i32) {
    m.page_mut(pfn).count = v;
}

/// `__ClearPageReserved(page)`.
pub(crate) fn clear_page_reserved(m: &mut Machine, pfn: u64) {
    m.page_mut(pfn).reserved = false;
}

/// `put_page_testzero(page)` (include/linux/mm.h:220): BUGs on a page whose count is
/// already zero, else drops the count and says whether it reached zero. It is a macro,
/// so its `BUG_ON` reports the line that uses it: `__free_pages()`, page_alloc.c:739.
fn put_page_testzero(m: &mut Machine, pfn: u64) -> KResult<bool> {
    if m.page(pfn).count == 0 {
        m.took(&paths::PUT_PAGE_TESTZERO_BUG);
        return Err(Stop::bug_in("mm/page_alloc.c", 739));
    }
    let mut page = m.page_mut(pfn);
    page.count -= 1;
    Ok(page.count == 0)
}

/// `free_pages_check(function, page)` (page_alloc.c:211): true where `bad_page()`
/// would report the page. Only the count can be wrong at boot: mapping, mapcount and the
/// checked flags are never set on a bootmem page. `bad_page()` then resets the count
/// and the page is freed all the same.
fn free_pages_check(m: &mut Machine, pfn: u64) -> bool {
    if m.page(pfn).count != 0 {
        m.took(&paths::FREE_PAGES_CHECK_COUNT);
        set_page_count(m, pfn, 0);
        return true;
    }
    false
}

/// `__free_pages_ok(page, order)` (page_alloc.c:266): every page of the block goes
/// through the page check (e86ff3c7, 2.6.1).
fn __free_pages_ok(m: &mut Machine, pfn: u64, order: u32) {
    let mut bad = false;
    m.for_each_page(pfn, 1 << order, |m, page| bad |= free_pages_check(m, page));
    m.hand_off(pfn, order, bad);
}

/// `free_hot_page(page)`, through `free_hot_cold_page()` (page_alloc.c:454).
fn free_hot_page(m: &mut Machine, pfn: u64) {
    let bad = free_pages_check(m, pfn);
    m.hand_off(pfn, 0, bad);
}

/// `__free_pages(page, order)` (page_alloc.c:737): a page still marked reserved is
/// silently kept.
pub(crate) fn __free_pages(m: &mut Machine, pfn: u64, order: u32) -> KResult<()> {
    if !m.page(pfn).reserved && put_page_testzero(m, pfn)? {
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
    /// `free_area_init_node()`'s mem_map step (page_alloc.c:1374-1385): the test is on
    /// the `node_mem_map` argument, which `free_area_init()` and the NUMA set-ups pass as
    /// NULL, so every call takes a new map from `alloc_bootmem_node()`, sized one
    /// `struct page` more than the node spans (one for an empty node).
    pub fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let pgdat = self.node_data(nid)?;
        m.took(&paths::MEM_MAP_UNALIGNED);
        let size = (pgdat.node_spanned_pages + 1) * m.sizeof_struct_page();
        let map = self.alloc_bootmem_node(m, nid, size)?;
        self.node_data(nid)?.node_mem_map = map;
        Ok(map)
    }
}
