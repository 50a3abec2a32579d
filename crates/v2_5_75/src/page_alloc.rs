//! The parts of 2.5.75's `mm/page_alloc.c` (and the `include/linux/mm.h` helpers) that
//! `free_all_bootmem_core()` hands pages to, and the `mem_map` allocation of
//! `free_area_init_node()`.
//!
//! Bootmem hands over order-0 pages only in this release, so only the hot-page path of
//! `__free_pages()` is reached.

use bootmem_commits::paths;
use bootmem_core::{KResult, Machine, Nid, Stop, Ulong};

use crate::Kernel;

/// The line of `__free_pages()` (page_alloc.c) whose `put_page_testzero()` would BUG on
/// a page whose count is already zero; the macro's `BUG_ON` reports the line that uses
/// it.
pub(crate) const PUT_PAGE_TESTZERO_LINE: u32 = 710;

/// `set_page_count(page, v)`.
pub(crate) fn set_page_count(m: &mut Machine, pfn: u64, v: i32) {
    m.page_mut(pfn).count = v;
}

/// `ClearPageReserved(page)`.
pub(crate) fn clear_page_reserved(m: &mut Machine, pfn: u64) {
    m.page_mut(pfn).reserved = false;
}

/// `put_page_testzero(page)` (include/linux/mm.h:219): BUGs on a page whose count is
/// already zero, else drops the count and says whether it reached zero. Bootmem sets
/// the count to 1 just before every `__free_page()`, so the BUG cannot fire from here,
/// and the line it would report (that of `__free_pages()`) never shows in a trace.
fn put_page_testzero(m: &mut Machine, pfn: u64) -> KResult<bool> {
    if m.page(pfn).count == 0 {
        m.took(&paths::PUT_PAGE_TESTZERO_BUG);
        return Err(Stop::bug_in("mm/page_alloc.c", PUT_PAGE_TESTZERO_LINE));
    }
    let mut page = m.page_mut(pfn);
    page.count -= 1;
    Ok(page.count == 0)
}

/// `free_pages_check(function, page)` (page_alloc.c:212): true where `bad_page()`
/// would report the page. Only the count can be wrong at boot: mapping, mapped and the
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

/// `free_hot_page(page)`, through `free_hot_cold_page()` (page_alloc.c:443).
fn free_hot_page(m: &mut Machine, pfn: u64) {
    let bad = free_pages_check(m, pfn);
    m.hand_off(pfn, 0, bad);
}

/// `__free_page(page)`: `__free_pages(page, 0)` (page_alloc.c:708), where a page still
/// marked reserved is silently kept.
pub(crate) fn __free_page(m: &mut Machine, pfn: u64) -> KResult<()> {
    if !m.page(pfn).reserved && put_page_testzero(m, pfn)? {
        free_hot_page(m, pfn);
    }
    Ok(())
}

impl Kernel {
    /// The `mem_map` allocation of `free_area_init_node()` (page_alloc.c:1357): one
    /// `struct page` more than the node spans, from `alloc_bootmem_node()`, taken as
    /// it comes. The test that guards it is on the `node_mem_map` argument, which
    /// `free_area_init()` and the architectures' bootmem paths pass as NULL, not on the
    /// node's current map: a second call allocates a second map, and an empty node still
    /// gets one.
    pub fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let pgdat = self.node_data(nid)?;
        let size = (pgdat.node_spanned_pages + 1) * m.sizeof_struct_page();
        m.took(&paths::MEM_MAP_UNALIGNED);
        let map = self.alloc_bootmem_node(m, nid, size)?;
        self.node_data(nid)?.node_mem_map = map;
        Ok(map)
    }
}
