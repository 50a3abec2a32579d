//! Linux 2.6.15's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! Two upstream commits separate it from 2.6.14
//! (`git log v2.6.14..v2.6.15 -- mm/bootmem.c include/linux/bootmem.h`):
//!
//! - `b5810039a54e5babf428e9a1e89fc1940fabff11` "\[PATCH\] core remove PageReserved", Nick
//!   Piggin, 2005-10-29. In bootmem it adds one line: the whole-word path of
//!   `free_all_bootmem_core()` sets every tail page's count to 0 (bootmem.c:310). The
//!   same commit changes the page allocator that bootmem hands pages to (the
//!   `page_alloc` module): `memmap_init_zone()` now leaves every page with count 1
//!   instead of 0, `__free_pages()` lost its `!PageReserved(page)` gate, and PG_reserved
//!   joined the flags `free_pages_check()` reports; `689bcebfda16d7bace742740bfb3137fff30b529`
//!   "\[PATCH\] unpaged: PG_reserved bad_page" (Hugh Dickins, 2005-11-21) then made
//!   `free_pages_check()` return whether PG_reserved was set, and a block with a
//!   reserved page is reported and not freed. With the default `CONFIG_MMU=y` none of
//!   this shows: bootmem clears PG_reserved on every page it frees and the counts come
//!   out as in 2.6.14. With `CONFIG_MMU=n`, `set_page_refs()` gives every page of a
//!   whole-word block a count of 1, the new line puts the tails back to 0, and the
//!   `__put_page()` of `__free_pages_ok()` then takes each tail to -1: every tail of
//!   every whole free word is reported as a bad page (31 per block on 32-bit, 63 on
//!   64-bit) and the block is freed all the same (`nommu_tail_pages`; 2.6.14 reports
//!   none). `mmu_tail_pages` and `free_all_by_pfn` show the default configuration
//!   unchanged.
//! - `66d43e98ea6ff291cd4e524386bfb99105feb180` "\[PATCH\] fix in __alloc_bootmem_core()
//!   when there is no free page in first node's memory", Haren Myneni, 2005-12-12.
//!   After `find_next_zero_bit()` and `ALIGN()` the scan now stops when the index has
//!   reached `eidx` (bootmem.c:207-208), so the bit past the end of the node (or past a
//!   limit) is never tested and the past-the-end `BUG_ON(start >= eidx)` of
//!   2.6.12-2.6.14 (here line 231) can no longer fire. A one-page
//!   `__alloc_bootmem_node()` on a full node 0 falls back to node 1, where 2.6.14 BUGs
//!   at line 229 (`node_full_fallback`), and the limit case returns from below the limit
//!   or panics instead (`limit_past_end_bug`).
//!
//! The `_limit` API of 2.6.14 is unchanged.
//!
//! One Rust function stands for each C function, in the order of the C file, so that
//! this crate read beside another version crate reads like the upstream patch.

mod discontig;
mod page_alloc;
#[cfg(test)]
mod tests;

use bootmem_core::{
    bug_on, Bootmem, Commit, KResult, LoopGuard, Machine, Nid, NodeState, Page, Release, Stop,
    Ulong, MAX_NUMNODES,
};

/// The registry entry for this release.
pub const RELEASE: Release = Release {
    name: "2.6.15",
    aliases: &[],
    commits: &[
        Commit {
            id: "b5810039a54e5babf428e9a1e89fc1940fabff11",
            title: "[PATCH] core remove PageReserved",
            author: "Nick Piggin",
            date: "2005-10-29",
        },
        Commit {
            id: "66d43e98ea6ff291cd4e524386bfb99105feb180",
            title: "[PATCH] fix in __alloc_bootmem_core() when there is no free page in \
                    first node's memory",
            author: "Haren Myneni",
            date: "2005-12-12",
        },
    ],
    // memmap_init_zone() sets every page's count to 1 since b5810039
    // (page_alloc.c:1716).
    memmap_init: Page {
        reserved: true,
        count: 1,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}

/// `bootmem_data_t` of 2.6.15 (unchanged since 2.6.12).
#[derive(Clone, Debug)]
pub struct BootmemData {
    node_boot_start: Ulong,
    node_low_pfn: Ulong,
    node_bootmem_map: Ulong,
    last_offset: Ulong,
    last_pos: Ulong,
    last_success: Ulong,
}

/// The parts of `pg_data_t` that bootmem and `alloc_node_mem_map()` use.
#[derive(Clone, Debug)]
pub struct PgData {
    bdata: BootmemData,
    pgdat_next: Option<Nid>,
    node_mem_map: Ulong,
    node_spanned_pages: Ulong,
}

impl PgData {
    fn zeroed(m: &Machine) -> PgData {
        let zero = m.ul(0);
        PgData {
            bdata: BootmemData {
                node_boot_start: zero,
                node_low_pfn: zero,
                node_bootmem_map: zero,
                last_offset: zero,
                last_pos: zero,
                last_success: zero,
            },
            pgdat_next: None,
            node_mem_map: zero,
            node_spanned_pages: zero,
        }
    }
}

/// The kernel's bootmem state: the nodes, `pgdat_list`, the pfn globals and the i386
/// remap areas.
///
/// Node 0 always exists (it is `contig_page_data`, or the boot node an architecture sets
/// up first); another node exists once `init_bootmem_node()` has been called for it, as
/// the architecture allocates its `pg_data_t` just before. `NODE_DATA()` of any other
/// node is NULL, and using it oopses.
pub struct Kernel {
    node_data: Vec<Option<PgData>>,
    pgdat_list: Option<Nid>,
    max_low_pfn: Ulong,
    min_low_pfn: Ulong,
    /// `saved_max_pfn`; it exists only with `CONFIG_CRASH_DUMP=y`, which every access
    /// checks, because the configuration belongs to the machine and not to this state.
    saved_max_pfn: Ulong,
    remap: discontig::RemapSpace,
}

impl Kernel {
    /// The state at boot: all static variables zero.
    pub fn new(m: &Machine) -> Kernel {
        let mut node_data = vec![None; MAX_NUMNODES];
        node_data[0] = Some(PgData::zeroed(m));
        Kernel {
            node_data,
            pgdat_list: None,
            max_low_pfn: m.ul(0),
            min_low_pfn: m.ul(0),
            saved_max_pfn: m.ul(0),
            remap: discontig::RemapSpace::new(m),
        }
    }

    /// `NODE_DATA(nid)`, or an oops where that is NULL.
    fn node_data(&mut self, nid: Nid) -> KResult<&mut PgData> {
        match self.node_data.get_mut(nid) {
            Some(Some(pgdat)) => Ok(pgdat),
            _ => Err(Stop::oops(format!("NODE_DATA({nid}) is NULL"))),
        }
    }

    /// `saved_max_pfn = value` (bootmem.c:41, new in 92aa63a5): a store to a variable
    /// that exists only with `CONFIG_CRASH_DUMP=y`.
    pub fn set_saved_max_pfn(&mut self, m: &mut Machine, value: Ulong) -> KResult<()> {
        if !m.config().crash_dump {
            return Err(Stop::unavailable("saved_max_pfn"));
        }
        self.saved_max_pfn = value;
        Ok(())
    }

    /// `bootmem_bootmap_pages(pages)`: pages needed for a bitmap of `pages` bits.
    pub fn bootmem_bootmap_pages(&mut self, m: &mut Machine, pages: Ulong) -> KResult<Ulong> {
        let mut mapsize = (pages + 7) / 8;
        mapsize = (mapsize + !m.page_mask()) & m.page_mask();
        mapsize >>= m.page_shift();
        Ok(mapsize)
    }

    /// `init_bootmem_core(pgdat, mapstart, start, end)`: links the node at the head of
    /// `pgdat_list` and fills its bitmap with ones. The `last_*` fields are left as they
    /// were, so a node initialised twice keeps its old hints (and points to itself).
    fn init_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        mapstart: Ulong,
        start: Ulong,
        end: Ulong,
    ) -> KResult<Ulong> {
        let mut mapsize = ((end - start) + 7) / 8;
        let head = self.pgdat_list;
        self.node_data(nid)?.pgdat_next = head;
        self.pgdat_list = Some(nid);

        mapsize = align(mapsize, m.ul(m.sizeof_long()));
        let map = m.phys_to_virt(mapstart << m.page_shift());
        let bdata = &mut self.node_data(nid)?.bdata;
        bdata.node_bootmem_map = map;
        bdata.node_boot_start = start << m.page_shift();
        bdata.node_low_pfn = end;

        m.memset(map, 0xff, mapsize)?;
        Ok(mapsize)
    }

    /// `reserve_bootmem_core(bdata, addr, size)`: partial pages count as reserved.
    fn reserve_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        addr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        let bdata = self.node_data(nid)?.bdata.clone();
        let page_size = m.page_size();
        let sidx = (addr - bdata.node_boot_start) / page_size;
        let eidx = (addr + size - bdata.node_boot_start + page_size - 1) / page_size;
        let end = (addr + size + page_size - 1) / page_size;

        bug_on!(size.is_zero(), 99);
        bug_on!(sidx >= eidx, 100);
        bug_on!((addr >> m.page_shift()) >= bdata.node_low_pfn, 101);
        bug_on!(end > bdata.node_low_pfn, 102);

        let mut i = sidx;
        while i < eidx {
            if m.test_and_set_bit(i, bdata.node_bootmem_map)? && m.config().debug_bootmem {
                m.printk(format!(
                    "hm, page {:08x} reserved twice.",
                    (i * page_size).get()
                ));
            }
            i += 1;
        }
        Ok(())
    }

    /// `free_bootmem_core(bdata, addr, size)`: partial pages stay reserved. Freeing below
    /// `last_success` moves the hint back; the test compares a physical address with an
    /// offset from the node start, as the release does.
    fn free_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        addr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        let page_size = m.page_size();
        let bdata = &mut self.node_data(nid)?.bdata;
        let eidx = (addr + size - bdata.node_boot_start) / page_size;
        let end = (addr + size) / page_size;

        bug_on!(size.is_zero(), 124);
        bug_on!(end > bdata.node_low_pfn, 125);

        if addr < bdata.last_success {
            bdata.last_success = addr;
        }

        let start = (addr + page_size - 1) / page_size;
        let sidx = start - (bdata.node_boot_start / page_size);
        let map = bdata.node_bootmem_map;

        let mut i = sidx;
        while i < eidx {
            if !m.test_and_clear_bit(i, map)? {
                return Err(Stop::bug(138));
            }
            i += 1;
        }
        Ok(())
    }

    /// `__alloc_bootmem_core(bdata, size, align, goal, limit)`: the scan, the sub-page
    /// merge and the reservation. Returns a kernel pointer, or NULL (zero) when nothing
    /// fits below `limit` (a physical address; 0 for none).
    ///
    /// When no zero bit follows `i`, the x86 `find_next_zero_bit()` answers `eidx` or
    /// more; since 66d43e98 the scan stops there instead of testing the bit past `eidx`,
    /// so the `BUG_ON(start >= eidx)` at line 231 is never reached.
    #[allow(clippy::too_many_arguments)]
    fn alloc_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
        mut limit: Ulong,
    ) -> KResult<Ulong> {
        let page_size = m.page_size();
        let page_shift = m.page_shift();
        let bdata = self.node_data(nid)?.bdata.clone();
        let map = bdata.node_bootmem_map;
        let mut end_pfn = bdata.node_low_pfn;

        if size.is_zero() {
            m.printk("__alloc_bootmem_core(): zero-sized request");
            return Err(Stop::bug(165));
        }
        bug_on!(!(align & (align - 1)).is_zero(), 167);

        // The first test compares the node start with the limit still in bytes...
        if !limit.is_zero() && bdata.node_boot_start >= limit {
            return Ok(m.ul(0));
        }

        // ...and from here on `limit` is a pfn, so that a limit below one page is no
        // limit at all.
        limit >>= page_shift;
        if !limit.is_zero() && end_pfn > limit {
            end_pfn = limit;
        }

        let eidx = end_pfn - (bdata.node_boot_start >> page_shift);
        let mut offset = m.ul(0);
        if !align.is_zero() && !(bdata.node_boot_start & (align - 1)).is_zero() {
            offset = align - (bdata.node_boot_start & (align - 1));
        }
        offset >>= page_shift;

        let mut preferred;
        if !goal.is_zero() && goal >= bdata.node_boot_start && (goal >> page_shift) < end_pfn {
            preferred = goal - bdata.node_boot_start;
            // `limit` is a pfn and `last_success` a byte offset from the node start:
            // the hint is followed only while its byte offset is below the limit's pfn
            // (bootmem.c:192). The units were never reconciled; 2.6.16's 008857c1
            // removed the limit API.
            if bdata.last_success >= preferred
                && (limit.is_zero() || (!limit.is_zero() && limit > bdata.last_success))
            {
                preferred = bdata.last_success;
            }
        } else {
            preferred = m.ul(0);
        }

        preferred = crate::align(preferred, align) >> page_shift;
        preferred += offset;
        let mut areasize = (size + page_size - 1) / page_size;
        let incr = if (align >> page_shift).is_zero() {
            m.ul(1)
        } else {
            align >> page_shift
        };

        let mut start = m.ul(0);
        let found = 'restart_scan: loop {
            let mut i = preferred;
            while i < eidx {
                i = m.find_next_zero_bit(map, eidx, i)?;
                i = crate::align(i, incr);
                if i >= eidx {
                    m.took(
                        "66d43e98",
                        "stops the scan at the end of the node (`if (i >= eidx) break;`) instead of testing the bit past it",
                    );
                    break;
                }
                if m.test_bit(i, map)? {
                    i += incr;
                    continue;
                }
                let mut j = i + 1;
                let mut failed = false;
                while j < i + areasize {
                    if j >= eidx || m.test_bit(j, map)? {
                        failed = true;
                        break;
                    }
                    j += 1;
                }
                if !failed {
                    start = i;
                    break 'restart_scan true;
                }
                // fail_block: resume at the aligned index of the conflict, and then the
                // for-loop's own `i += incr` steps once more past it.
                i = crate::align(j, incr);
                i += incr;
            }
            if preferred > offset {
                preferred = offset;
                continue 'restart_scan;
            }
            break false;
        };
        if !found {
            return Ok(m.ul(0));
        }

        let bdata = &mut self.node_data(nid)?.bdata;
        bdata.last_success = start << page_shift;
        bug_on!(start >= eidx, 231);

        let ret;
        if align < page_size && !bdata.last_offset.is_zero() && bdata.last_pos + 1 == start {
            let offset = crate::align(bdata.last_offset, align);
            bug_on!(offset > page_size, 241);
            let mut remaining_size = page_size - offset;
            if size < remaining_size {
                areasize = m.ul(0);
                bdata.last_offset = offset + size;
                ret = m.phys_to_virt(bdata.last_pos * page_size + offset + bdata.node_boot_start);
            } else {
                remaining_size = size - remaining_size;
                areasize = (remaining_size + page_size - 1) / page_size;
                ret = m.phys_to_virt(bdata.last_pos * page_size + offset + bdata.node_boot_start);
                bdata.last_pos = start + areasize - 1;
                bdata.last_offset = remaining_size;
            }
            bdata.last_offset &= !m.page_mask();
        } else {
            bdata.last_pos = start + areasize - 1;
            bdata.last_offset = size & !m.page_mask();
            ret = m.phys_to_virt(start * page_size + bdata.node_boot_start);
        }

        let mut i = start;
        while i < start + areasize {
            if m.test_and_set_bit(i, map)? {
                return Err(Stop::bug(269));
            }
            i += 1;
        }
        m.memset(ret, 0, size)?;
        Ok(ret)
    }

    /// `free_all_bootmem_core(pgdat)`: hands every free page, then the bitmap's own
    /// pages, to the page allocator, and drops the bitmap. A whole free word goes over as
    /// one block when the node start is aligned to `BITS_PER_LONG` pages or more (as
    /// `ffs()` of its low 32 bits sees it).
    ///
    /// Since d41dee36 the walk carries a pfn, advanced by `BITS_PER_LONG` after every
    /// word whatever the branch, and each word that frees anything looks its first page
    /// up with `pfn_to_page()` (bootmem.c:301, 318, 330).
    ///
    /// Since b5810039 the tails of a whole-word block get a count of 0 after
    /// `set_page_refs()` has run, which undoes its work on them when `CONFIG_MMU=n`.
    fn free_all_bootmem_core(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let bdata = self.node_data(nid)?.bdata.clone();
        let page_shift = m.page_shift();
        let bits = u64::from(m.bits_per_long());
        let mut total = m.ul(0);

        bug_on!(bdata.node_bootmem_map.is_zero(), 284);

        let mut count = m.ul(0);
        let mut pfn = bdata.node_boot_start >> page_shift;
        let idx = bdata.node_low_pfn - (bdata.node_boot_start >> page_shift);
        let map = bdata.node_bootmem_map;
        let gofast = bdata.node_boot_start.is_zero()
            || m.ffs(bdata.node_boot_start) - page_shift as i32 > m.ffs(m.ul(bits));
        let mut i = m.ul(0);
        while i < idx {
            let v = !m.map_word(map, i / bits)?;
            if gofast && v == u64::MAX {
                let page = page_alloc::pfn_to_page(pfn);
                count += bits;
                page_alloc::clear_page_reserved(m, page);
                let order = (m.ffs(m.ul(bits)) - 1) as u32;
                page_alloc::set_page_refs(m, page, order);
                m.took(
                    "b5810039",
                    "sets the count of every tail page of a whole-word block to 0 after set_page_refs()",
                );
                for j in 1..bits {
                    page_alloc::clear_page_reserved(m, page + j);
                    page_alloc::set_page_count(m, page + j, 0);
                }
                page_alloc::free_pages(m, page, order)?;
                i += bits;
            } else if !v.is_zero() {
                let mut page = page_alloc::pfn_to_page(pfn);
                let mut bit = m.ul(1);
                while !bit.is_zero() && i < idx {
                    if !(v & bit).is_zero() {
                        count += 1;
                        page_alloc::clear_page_reserved(m, page);
                        page_alloc::set_page_refs(m, page, 0);
                        page_alloc::free_page(m, page)?;
                    }
                    bit <<= 1;
                    page += 1;
                    i += 1;
                }
            } else {
                i += bits;
            }
            pfn += bits;
        }
        total += count;

        let mut page = m.virt_to_pfn(map);
        count = m.ul(0);
        let mut i = m.ul(0);
        let pages =
            ((bdata.node_low_pfn - (bdata.node_boot_start >> page_shift)) / 8 + m.page_size() - 1)
                / m.page_size();
        while i < pages {
            count += 1;
            page_alloc::clear_page_reserved(m, page);
            page_alloc::set_page_count(m, page, 1);
            page_alloc::free_page(m, page)?;
            i += 1;
            page += 1;
        }
        total += count;
        self.node_data(nid)?.bdata.node_bootmem_map = m.ul(0);
        Ok(total)
    }

    /// `init_bootmem_node(pgdat, freepfn, startpfn, endpfn)`.
    pub fn init_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        freepfn: Ulong,
        startpfn: Ulong,
        endpfn: Ulong,
    ) -> KResult<Ulong> {
        // The architecture allocates the node's pg_data_t and sets its span just
        // before it calls here.
        if self.node_data.get(nid).is_some_and(Option::is_none) {
            self.node_data[nid] = Some(PgData::zeroed(m));
        }
        self.node_data(nid)?.node_spanned_pages = endpfn - startpfn;
        self.init_bootmem_core(m, nid, freepfn, startpfn, endpfn)
    }

    /// `reserve_bootmem_node(pgdat, physaddr, size)`.
    pub fn reserve_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        physaddr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        self.reserve_bootmem_core(m, nid, physaddr, size)
    }

    /// `free_bootmem_node(pgdat, physaddr, size)`.
    pub fn free_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        physaddr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        self.free_bootmem_core(m, nid, physaddr, size)
    }

    /// `free_all_bootmem_node(pgdat)`.
    pub fn free_all_bootmem_node(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        self.free_all_bootmem_core(m, nid)
    }

    /// `init_bootmem(start, pages)`: node 0 from pfn 0, bitmap at pfn `start`.
    pub fn init_bootmem(&mut self, m: &mut Machine, start: Ulong, pages: Ulong) -> KResult<Ulong> {
        self.max_low_pfn = pages;
        self.min_low_pfn = start;
        self.node_data(0)?.node_spanned_pages = pages;
        self.init_bootmem_core(m, 0, start, m.ul(0), pages)
    }

    /// `reserve_bootmem(addr, size)`, on node 0.
    pub fn reserve_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        self.reserve_bootmem_core(m, 0, addr, size)
    }

    /// `free_bootmem(addr, size)`, on node 0.
    pub fn free_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        self.free_bootmem_core(m, 0, addr, size)
    }

    /// `free_all_bootmem()`, of node 0.
    pub fn free_all_bootmem(&mut self, m: &mut Machine) -> KResult<Ulong> {
        self.free_all_bootmem_core(m, 0)
    }

    /// `__alloc_bootmem_limit(size, align, goal, limit)`: every node in `pgdat_list`
    /// order, then "Out of memory". A node at or above the limit answers NULL, so a
    /// limit below every node panics.
    pub fn __alloc_bootmem_limit(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let mut guard = LoopGuard::new("__alloc_bootmem_limit");
        let mut pgdat = self.pgdat_list;
        while let Some(nid) = pgdat {
            guard.enter(nid as u64, m.writes())?;
            let ptr = self.alloc_bootmem_core(m, nid, size, align, goal, limit)?;
            if !ptr.is_zero() {
                return Ok(ptr);
            }
            pgdat = self.node_data(nid)?.pgdat_next;
        }
        m.printk(format!("bootmem alloc of {size} bytes failed!"));
        Err(Stop::panic("Out of memory"))
    }

    /// `__alloc_bootmem_node_limit(pgdat, size, align, goal, limit)`: that node first,
    /// then every node through `__alloc_bootmem_limit()`, under the same limit.
    pub fn __alloc_bootmem_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let ptr = self.alloc_bootmem_core(m, nid, size, align, goal, limit)?;
        if !ptr.is_zero() {
            return Ok(ptr);
        }
        self.__alloc_bootmem_limit(m, size, align, goal, limit)
    }

    // The macros and inlines of include/linux/bootmem.h.

    /// `alloc_bootmem(x)`.
    pub fn alloc_bootmem(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.max_dma_address());
        self.__alloc_bootmem(m, x, align, goal)
    }

    /// `alloc_bootmem_low(x)`.
    pub fn alloc_bootmem_low(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.ul(0));
        self.__alloc_bootmem(m, x, align, goal)
    }

    /// `alloc_bootmem_pages(x)`.
    pub fn alloc_bootmem_pages(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.max_dma_address());
        self.__alloc_bootmem(m, x, align, goal)
    }

    /// `alloc_bootmem_low_pages(x)`.
    pub fn alloc_bootmem_low_pages(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.ul(0));
        self.__alloc_bootmem(m, x, align, goal)
    }

    /// `alloc_bootmem_limit(x, limit)`.
    pub fn alloc_bootmem_limit(
        &mut self,
        m: &mut Machine,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.max_dma_address());
        self.__alloc_bootmem_limit(m, x, align, goal, limit)
    }

    /// `alloc_bootmem_low_limit(x, limit)`.
    pub fn alloc_bootmem_low_limit(
        &mut self,
        m: &mut Machine,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.ul(0));
        self.__alloc_bootmem_limit(m, x, align, goal, limit)
    }

    /// `alloc_bootmem_pages_limit(x, limit)`.
    pub fn alloc_bootmem_pages_limit(
        &mut self,
        m: &mut Machine,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.max_dma_address());
        self.__alloc_bootmem_limit(m, x, align, goal, limit)
    }

    /// `alloc_bootmem_low_pages_limit(x, limit)`: the one `_limit` call that 281dd25c
    /// itself used, for the swiotlb buffers below 4 GiB.
    pub fn alloc_bootmem_low_pages_limit(
        &mut self,
        m: &mut Machine,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.ul(0));
        self.__alloc_bootmem_limit(m, x, align, goal, limit)
    }

    /// `alloc_bootmem_node(pgdat, x)`.
    pub fn alloc_bootmem_node(&mut self, m: &mut Machine, nid: Nid, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.max_dma_address());
        self.__alloc_bootmem_node(m, nid, x, align, goal)
    }

    /// `alloc_bootmem_pages_node(pgdat, x)`.
    pub fn alloc_bootmem_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.max_dma_address());
        self.__alloc_bootmem_node(m, nid, x, align, goal)
    }

    /// `alloc_bootmem_low_pages_node(pgdat, x)`.
    pub fn alloc_bootmem_low_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.ul(0));
        self.__alloc_bootmem_node(m, nid, x, align, goal)
    }

    /// `alloc_bootmem_node_limit(pgdat, x, limit)`.
    pub fn alloc_bootmem_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.max_dma_address());
        self.__alloc_bootmem_node_limit(m, nid, x, align, goal, limit)
    }

    /// `alloc_bootmem_pages_node_limit(pgdat, x, limit)`.
    pub fn alloc_bootmem_pages_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.max_dma_address());
        self.__alloc_bootmem_node_limit(m, nid, x, align, goal, limit)
    }

    /// `alloc_bootmem_low_pages_node_limit(pgdat, x, limit)`.
    pub fn alloc_bootmem_low_pages_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.ul(0));
        self.__alloc_bootmem_node_limit(m, nid, x, align, goal, limit)
    }

    /// `alloc_remap(nid, size)` as `bootmem.h:92-99` declares it: i386's allocator with
    /// `CONFIG_HAVE_ARCH_ALLOC_REMAP=y`, otherwise the inline stub that returns NULL.
    pub fn alloc_remap(&mut self, m: &mut Machine, nid: Nid, size: Ulong) -> KResult<Ulong> {
        if m.config().have_arch_alloc_remap {
            self.remap.alloc_remap(m, nid, size)
        } else {
            Ok(m.ul(0))
        }
    }
    /// The static inline `__alloc_bootmem(size, align, goal)` of `bootmem.h:126-129`:
    /// `__alloc_bootmem_limit()` with limit 0.
    pub fn __alloc_bootmem(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        self.__alloc_bootmem_limit(m, size, align, goal, m.ul(0))
    }

    /// The static inline `__alloc_bootmem_node(pgdat, size, align, goal)` of
    /// `bootmem.h:131-135`: `__alloc_bootmem_node_limit()` with limit 0.
    pub fn __alloc_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        self.__alloc_bootmem_node_limit(m, nid, size, align, goal, m.ul(0))
    }
}

/// `ALIGN(x, a)` of `include/linux/kernel.h:31`, `(((x)+(a)-1)&~((a)-1))`: the same
/// expression 2.6.12 wrote out by hand, which is why 8c0e33c1 changes nothing.
fn align(x: Ulong, a: Ulong) -> Ulong {
    (x + a - 1) & !(a - 1)
}

impl Bootmem for Kernel {
    fn bootmem_bootmap_pages(&mut self, m: &mut Machine, pages: Ulong) -> KResult<Ulong> {
        Kernel::bootmem_bootmap_pages(self, m, pages)
    }
    fn init_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        freepfn: Ulong,
        startpfn: Ulong,
        endpfn: Ulong,
    ) -> KResult<Ulong> {
        Kernel::init_bootmem_node(self, m, nid, freepfn, startpfn, endpfn)
    }
    fn reserve_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        a: Ulong,
        s: Ulong,
    ) -> KResult<()> {
        Kernel::reserve_bootmem_node(self, m, nid, a, s)
    }
    fn free_bootmem_node(&mut self, m: &mut Machine, nid: Nid, a: Ulong, s: Ulong) -> KResult<()> {
        Kernel::free_bootmem_node(self, m, nid, a, s)
    }
    fn free_all_bootmem_node(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        Kernel::free_all_bootmem_node(self, m, nid)
    }
    fn init_bootmem(&mut self, m: &mut Machine, start: Ulong, pages: Ulong) -> KResult<Ulong> {
        Kernel::init_bootmem(self, m, start, pages)
    }
    fn reserve_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        Kernel::reserve_bootmem(self, m, addr, size)
    }
    fn free_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        Kernel::free_bootmem(self, m, addr, size)
    }
    fn free_all_bootmem(&mut self, m: &mut Machine) -> KResult<Ulong> {
        Kernel::free_all_bootmem(self, m)
    }
    fn __alloc_bootmem(&mut self, m: &mut Machine, s: Ulong, a: Ulong, g: Ulong) -> KResult<Ulong> {
        Kernel::__alloc_bootmem(self, m, s, a, g)
    }
    fn __alloc_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        s: Ulong,
        a: Ulong,
        g: Ulong,
    ) -> KResult<Ulong> {
        Kernel::__alloc_bootmem_node(self, m, nid, s, a, g)
    }
    fn alloc_bootmem(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem(self, m, x)
    }
    fn alloc_bootmem_low(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_low(self, m, x)
    }
    fn alloc_bootmem_pages(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_pages(self, m, x)
    }
    fn alloc_bootmem_low_pages(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_low_pages(self, m, x)
    }
    fn alloc_bootmem_node(&mut self, m: &mut Machine, nid: Nid, x: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_node(self, m, nid, x)
    }
    fn alloc_bootmem_pages_node(&mut self, m: &mut Machine, nid: Nid, x: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_pages_node(self, m, nid, x)
    }
    fn alloc_bootmem_low_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
    ) -> KResult<Ulong> {
        Kernel::alloc_bootmem_low_pages_node(self, m, nid, x)
    }
    fn __alloc_bootmem_limit(
        &mut self,
        m: &mut Machine,
        s: Ulong,
        a: Ulong,
        g: Ulong,
        l: Ulong,
    ) -> KResult<Ulong> {
        Kernel::__alloc_bootmem_limit(self, m, s, a, g, l)
    }
    fn __alloc_bootmem_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        s: Ulong,
        a: Ulong,
        g: Ulong,
        l: Ulong,
    ) -> KResult<Ulong> {
        Kernel::__alloc_bootmem_node_limit(self, m, nid, s, a, g, l)
    }
    fn alloc_bootmem_limit(&mut self, m: &mut Machine, x: Ulong, l: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_limit(self, m, x, l)
    }
    fn alloc_bootmem_low_limit(&mut self, m: &mut Machine, x: Ulong, l: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_low_limit(self, m, x, l)
    }
    fn alloc_bootmem_pages_limit(&mut self, m: &mut Machine, x: Ulong, l: Ulong) -> KResult<Ulong> {
        Kernel::alloc_bootmem_pages_limit(self, m, x, l)
    }
    fn alloc_bootmem_low_pages_limit(
        &mut self,
        m: &mut Machine,
        x: Ulong,
        l: Ulong,
    ) -> KResult<Ulong> {
        Kernel::alloc_bootmem_low_pages_limit(self, m, x, l)
    }
    fn alloc_bootmem_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
        l: Ulong,
    ) -> KResult<Ulong> {
        Kernel::alloc_bootmem_node_limit(self, m, nid, x, l)
    }
    fn alloc_bootmem_pages_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
        l: Ulong,
    ) -> KResult<Ulong> {
        Kernel::alloc_bootmem_pages_node_limit(self, m, nid, x, l)
    }
    fn alloc_bootmem_low_pages_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
        l: Ulong,
    ) -> KResult<Ulong> {
        Kernel::alloc_bootmem_low_pages_node_limit(self, m, nid, x, l)
    }
    fn alloc_remap(&mut self, m: &mut Machine, nid: Nid, size: Ulong) -> KResult<Ulong> {
        Kernel::alloc_remap(self, m, nid, size)
    }
    fn remap_area(&mut self, m: &mut Machine, nid: Nid, addr: Ulong, size: Ulong) -> KResult<()> {
        self.remap.remap_area(m, nid, addr, size)
    }
    fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        Kernel::alloc_node_mem_map(self, m, nid)
    }
    fn set_saved_max_pfn(&mut self, m: &mut Machine, value: Ulong) -> KResult<()> {
        Kernel::set_saved_max_pfn(self, m, value)
    }
    fn saved_max_pfn(&self, m: &Machine) -> Option<Ulong> {
        m.config().crash_dump.then_some(self.saved_max_pfn)
    }
    fn nodes(&self, _m: &Machine) -> Vec<NodeState> {
        let mut out: Vec<NodeState> = Vec::new();
        let mut pgdat = self.pgdat_list;
        while let Some(nid) = pgdat {
            let Some(Some(node)) = self.node_data.get(nid) else {
                break;
            };
            if out.iter().any(|n| n.nid == nid) {
                break;
            }
            let b = &node.bdata;
            out.push(NodeState {
                nid,
                node_boot_start: b.node_boot_start,
                node_low_pfn: b.node_low_pfn,
                node_bootmem_map: b.node_bootmem_map,
                last_pos: b.last_pos,
                last_offset: b.last_offset,
                last_success: Some(b.last_success),
            });
            pgdat = node.pgdat_next;
        }
        out
    }
}
