//! The parts of 2.5.42's `mm/page_alloc.c` that `free_all_bootmem_core()` hands pages
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

/// `__free_pages_ok(page, order)` (page_alloc.c:85). Its checks (buffers, mapping,
/// `VALID_PAGE`, locked, active) are all BUG()s, and none can fail for a page bootmem
/// hands over, so the page simply reaches the buddy lists.
fn __free_pages_ok(m: &mut Machine, pfn: u64, order: u32) {
    m.hand_off(pfn, order, false);
}

/// `__free_pages(page, order)` (page_alloc.c:468): a reserved page is silently kept.
fn __free_pages(m: &mut Machine, pfn: u64, order: u32) {
    if !m.page(pfn).reserved && put_page_testzero(m, pfn) {
        __free_pages_ok(m, pfn, order);
    }
}

/// `__free_page(page)`.
pub(crate) fn __free_page(m: &mut Machine, pfn: u64) {
    __free_pages(m, pfn, 0)
}

impl Kernel {
    /// The `mem_map` allocation of `free_area_init_node()` (page_alloc.c:1010-1013),
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
