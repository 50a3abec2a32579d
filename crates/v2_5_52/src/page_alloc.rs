//! The parts of 2.5.52's `mm/page_alloc.c` that `free_all_bootmem_core()` hands pages
//! to, and the `mem_map` allocation of `free_area_init_node()`.

use bootmem_commits::paths;
use bootmem_core::{KResult, Machine, Nid, Ulong};

use crate::Kernel;

/// `set_page_count(page, v)`.
pub(crate) fn set_page_count(m: &mut Machine, pfn: u64, v: i32) {
    m.page_mut(pfn).count = v;
}

/// `ClearPageReserved(page)`.
pub(crate) fn clear_page_reserved(m: &mut Machine, pfn: u64) {
    m.page_mut(pfn).reserved = false;
}

/// `put_page_testzero(page)`: `atomic_dec_and_test()`. Since 2.5.33 (c99b0372f7) the
/// macro first BUGs on a count that is already 0; bootmem sets every page's count to 1
/// just before it frees it, so that check cannot fire from here and is left out.
fn put_page_testzero(m: &mut Machine, pfn: u64) -> bool {
    let mut page = m.page_mut(pfn);
    page.count -= 1;
    page.count == 0
}

/// `free_pages_check(function, page)` (page_alloc.c:150): reports a page still in use
/// through `bad_page()`. Only the count could be wrong at boot, and it never is: every
/// page bootmem frees had its count set to 1 just before, and is checked at 0.
fn free_pages_check(m: &mut Machine, pfn: u64) -> bool {
    if m.page(pfn).count != 0 {
        m.took(&paths::FREE_PAGES_CHECK_COUNT);
        set_page_count(m, pfn, 0);
        return true;
    }
    false
}

/// `__free_pages_ok(page, order)` (page_alloc.c:204), for blocks; bootmem frees none.
fn __free_pages_ok(m: &mut Machine, pfn: u64, order: u32) {
    let mut bad = false;
    m.for_each_page(pfn, 1 << order, |m, page| bad |= free_pages_check(m, page));
    m.hand_off(pfn, order, bad);
}

/// `free_hot_page(page)` through `free_hot_cold_page()` (page_alloc.c:377, 359).
fn free_hot_page(m: &mut Machine, pfn: u64) {
    let bad = free_pages_check(m, pfn);
    m.hand_off(pfn, 0, bad);
}

/// `__free_pages(page, order)` (page_alloc.c:594): a reserved page is silently kept; an
/// order-0 page goes to the hot list.
fn __free_pages(m: &mut Machine, pfn: u64, order: u32) {
    if !m.page(pfn).reserved && put_page_testzero(m, pfn) {
        if order == 0 {
            free_hot_page(m, pfn);
        } else {
            __free_pages_ok(m, pfn, order);
        }
    }
}

/// `__free_page(page)`.
pub(crate) fn __free_page(m: &mut Machine, pfn: u64) {
    __free_pages(m, pfn, 0)
}

impl Kernel {
    /// The `mem_map` allocation of `free_area_init_node()` (page_alloc.c:1236-1239),
    /// where e07316f9c8 moved it (in mm/numa.c until 2.5.41):
    /// one `struct page` more than the node spans, from `alloc_bootmem_node()`, and kept
    /// as it comes, without 2.4's `MAP_ALIGN()` rounding. The test that guards it is on
    /// the caller's `node_mem_map` argument, always NULL here, so a second call allocates a
    /// second map and an empty node still gets one `struct page`.
    pub fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let pgdat = self.node_data(nid)?;
        let size = (pgdat.node_size + 1) * m.sizeof_struct_page();
        m.took(&paths::MEM_MAP_UNALIGNED);
        let pmap = self.alloc_bootmem_node(m, nid, size)?;
        self.node_data(nid)?.node_mem_map = pmap;
        Ok(pmap)
    }
}
