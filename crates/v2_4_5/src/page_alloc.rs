//! The parts of 2.4.5's `mm/page_alloc.c` (and the `include/linux/mm.h` helpers) that
//! `free_all_bootmem_core()` hands pages to, and the `mem_map` allocation of
//! `free_area_init_core()`.

use bootmem_core::{KResult, Machine, Nid, Ulong};

use crate::Kernel;

/// `set_page_count(page, v)` (include/linux/mm.h:154): the count is stored as it is.
pub(crate) fn set_page_count(m: &mut Machine, pfn: u64, v: i32) {
    m.page_mut(pfn).count = v;
}

/// `ClearPageReserved(page)` (include/linux/mm.h:249).
pub(crate) fn clear_page_reserved(m: &mut Machine, pfn: u64) {
    m.page_mut(pfn).reserved = false;
}

/// `put_page_testzero(page)` (include/linux/mm.h:152): a plain
/// `atomic_dec_and_test()`, with no check for a count that was already zero.
fn put_page_testzero(m: &mut Machine, pfn: u64) -> bool {
    let mut page = m.page_mut(pfn);
    page.count -= 1;
    page.count == 0
}

/// `__free_pages_ok(page, order)` (page_alloc.c:65). Its checks (lines 72-89: buffers,
/// mapping, `VALID_PAGE`, swap cache, locked, decr-after, active, inactive) are all
/// BUG()s on state a page handed over by bootmem never has, and it looks at neither the
/// count nor `PG_reserved`, so the page simply reaches the buddy lists.
fn __free_pages_ok(m: &mut Machine, pfn: u64, order: u32) {
    m.hand_off(pfn, order, false);
}

/// `__free_pages(page, order)` (page_alloc.c:517): a reserved page is silently kept, and
/// so is one whose count does not fall to zero.
fn __free_pages(m: &mut Machine, pfn: u64, order: u32) {
    if !m.page(pfn).reserved && put_page_testzero(m, pfn) {
        __free_pages_ok(m, pfn, order);
    }
}

/// `__free_page(page)` (include/linux/mm.h:379).
pub(crate) fn __free_page(m: &mut Machine, pfn: u64) {
    __free_pages(m, pfn, 0)
}

impl Kernel {
    /// The `mem_map` allocation in `free_area_init_core()` (page_alloc.c:759-764): one
    /// `struct page` more than the node's pages, from `alloc_bootmem_node()`, then
    /// rounded up to a whole `struct page` counted from `PAGE_OFFSET` (`MAP_ALIGN`,
    /// include/linux/mmzone.h:140), which is what the extra `struct page` leaves room
    /// for. The test that guards it is on the `lmem_map` argument, which
    /// `free_area_init()` always passes as 0 (page_alloc.c:865), not on the node's
    /// current map: a second call allocates a second map.
    pub fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let pgdat = self.node_data(nid)?;
        let map_size = (pgdat.node_size + 1) * m.sizeof_struct_page();
        let lmem_map = self.alloc_bootmem_node(m, nid, map_size)?;
        let page_offset = m.arch().page_offset;
        let lmem_map = m.ul(page_offset) + map_align(m, lmem_map - page_offset);
        self.node_data(nid)?.node_mem_map = lmem_map;
        Ok(lmem_map)
    }
}

/// `MAP_ALIGN(x)` (include/linux/mmzone.h:140): round up to a multiple of
/// `sizeof(mem_map_t)`.
fn map_align(m: &Machine, x: Ulong) -> Ulong {
    let size = m.sizeof_struct_page();
    if (x % size.get()).is_zero() {
        x
    } else {
        x + size - (x % size.get())
    }
}
