//! Linux 2.4.5's `mm/bootmem.c`: one Rust function for each C function, in the file's
//! order and under the kernel's names.

use bootmem_commits::paths;
use bootmem_core::{bug_on, KResult, LoopGuard, Machine, Nid, Stop, Ulong};

use crate::mmzone::PgData;
use crate::page_alloc;
use crate::Kernel;

impl Kernel {
    /// `bootmem_bootmap_pages(pages)` (bootmem.c:30): pages needed for a bitmap of
    /// `pages` bits.
    pub fn bootmem_bootmap_pages(&mut self, m: &mut Machine, pages: Ulong) -> KResult<Ulong> {
        let mut mapsize = (pages + 7) / 8;
        mapsize = (mapsize + !m.page_mask()) & m.page_mask();
        mapsize >>= m.page_shift();
        Ok(mapsize)
    }

    /// `init_bootmem_core(pgdat, mapstart, start, end)` (bootmem.c:44): links the node at
    /// the head of `pgdat_list` and fills its bitmap with ones. The `last_*` fields are
    /// left as they were, so a node initialised twice keeps its old hints (and points to
    /// itself).
    pub(crate) fn init_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        mapstart: Ulong,
        start: Ulong,
        end: Ulong,
    ) -> KResult<Ulong> {
        let mut mapsize = ((end - start) + 7) / 8;
        let head = self.pgdat_list;
        self.node_data(nid)?.node_next = head;
        self.pgdat_list = Some(nid);

        mapsize = (mapsize + (m.sizeof_long() - 1)) & !m.ul(m.sizeof_long() - 1);
        let map = m.phys_to_virt(mapstart << m.page_shift());
        let bdata = &mut self.node_data(nid)?.bdata;
        bdata.node_bootmem_map = map;
        bdata.node_boot_start = start << m.page_shift();
        bdata.node_low_pfn = end;

        m.memset(map, 0xff, mapsize)?;
        Ok(mapsize)
    }

    /// `reserve_bootmem_core(bdata, addr, size)` (bootmem.c:72): partial pages count as
    /// reserved, and a page reserved twice is always reported.
    ///
    /// Step 2.4.4.6 added the checks of lines 86-93. A reserve that starts below the
    /// node's start wraps `sidx` past `eidx` and now BUGs (line 91) where 2.4.4 reserved
    /// nothing; one that starts at or past the node's end BUGs at line 93 before the old
    /// end check, which moved to line 95.
    pub(crate) fn reserve_bootmem_core(
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

        bug_on!(size.is_zero(), 84);
        // Lines 86-89 test `sidx < 0` and `eidx < 0`; both are unsigned, so neither
        // test can fire.
        if sidx >= eidx {
            m.took(&paths::RESERVE_WRAP_BUG);
            return Err(Stop::bug(91));
        }
        if (addr >> m.page_shift()) >= bdata.node_low_pfn {
            m.took(&paths::RESERVE_PAST_END_BUG);
            return Err(Stop::bug(93));
        }
        bug_on!(end > bdata.node_low_pfn, 95);

        let mut next = sidx;
        while let Some(i) = m.test_and_set_bits(bdata.node_bootmem_map, next, eidx)? {
            m.printk(format!(
                "hm, page {:08x} reserved twice.",
                (i * page_size).get()
            ));
            next = i + 1;
        }
        Ok(())
    }

    /// `free_bootmem_core(bdata, addr, size)` (bootmem.c:101): partial pages stay
    /// reserved; freeing a page that is already free is a BUG.
    pub(crate) fn free_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        addr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        let page_size = m.page_size();
        let bdata = self.node_data(nid)?.bdata.clone();
        let eidx = (addr + size - bdata.node_boot_start) / page_size;
        let end = (addr + size) / page_size;

        if size.is_zero() {
            return Err(Stop::bug(113));
        }
        if end > bdata.node_low_pfn {
            return Err(Stop::bug(115));
        }

        let start = (addr + page_size - 1) / page_size;
        let sidx = start - (bdata.node_boot_start / page_size);

        if m.test_and_clear_bits(bdata.node_bootmem_map, sidx, eidx)?
            .is_some()
        {
            return Err(Stop::bug(125));
        }
        Ok(())
    }

    /// `__alloc_bootmem_core(bdata, size, align, goal)` (bootmem.c:142): the scan, the
    /// sub-page merge and the reservation.
    ///
    /// A scan that finds nothing restarts once from index 0 when it began above it
    /// (lines 186-189), and then returns NULL (line 190), so the caller
    /// can try another node. The alignment is still applied to the offset from the
    /// node's start, whatever the node's start is; an `align` that is not a power of two
    /// BUGs (line 155, from step 2.4.4.6).
    pub(crate) fn __alloc_bootmem_core(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        let page_size = m.page_size();
        let page_shift = m.page_shift();
        let bdata = self.node_data(nid)?.bdata.clone();
        let map = bdata.node_bootmem_map;
        let eidx = bdata.node_low_pfn - (bdata.node_boot_start >> page_shift);

        if size.is_zero() {
            return Err(Stop::bug(152));
        }
        if !(align & (align - 1)).is_zero() {
            m.took(&paths::ALIGN_POWER_OF_TWO_BUG);
            return Err(Stop::bug(155));
        }

        let mut preferred = if !goal.is_zero()
            && goal >= bdata.node_boot_start
            && (goal >> page_shift) < bdata.node_low_pfn
        {
            goal - bdata.node_boot_start
        } else {
            m.ul(0)
        };

        preferred = ((preferred + align - 1) & !(align - 1)) >> page_shift;
        let mut areasize = (size + page_size - 1) / page_size;
        let incr = if (align >> page_shift).is_zero() {
            m.ul(1)
        } else {
            align >> page_shift
        };

        // The restart happens at most once, since it sets `preferred` to 0 and only a
        // non-zero one restarts.
        let start = 'restart_scan: loop {
            let mut i = preferred;
            'candidates: while i < eidx {
                i = m.next_clear_candidate(map, i, eidx, incr)?;
                if i >= eidx {
                    break;
                }
                if m.window_conflict(map, i + 1, i + areasize, eidx)?.is_some() {
                    // fail_block
                    i += incr;
                    continue 'candidates;
                }
                break 'restart_scan i;
            }
            if !preferred.is_zero() {
                m.note_restart(preferred, m.ul(0));
                preferred = m.ul(0);
                continue 'restart_scan;
            }
            m.took(&paths::FAILED_SCAN_RETURNS_NULL);
            return Ok(m.ul(0));
        };

        // found: `start` is always below `eidx` now, so this BUG can no longer fire.
        if start >= eidx {
            return Err(Stop::bug(193));
        }

        let bdata = &mut self.node_data(nid)?.bdata;
        let ret;
        let merge =
            align <= page_size && !bdata.last_offset.is_zero() && bdata.last_pos + 1 == start;
        m.note_merge(start, align, bdata.last_pos, bdata.last_offset, merge);
        if merge {
            let offset = (bdata.last_offset + align - 1) & !(align - 1);
            if offset > page_size {
                return Err(Stop::bug(204));
            }
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

        if m.test_and_set_bits(map, start, start + areasize)?.is_some() {
            return Err(Stop::bug(231));
        }
        m.memset(ret, 0, size)?;
        Ok(ret)
    }

    /// `free_all_bootmem_core(pgdat)` (bootmem.c:236): hands every free page, one at a
    /// time in ascending order, then the bitmap's own pages, to the page allocator, and
    /// drops the bitmap.
    pub(crate) fn free_all_bootmem_core(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let bdata = self.node_data(nid)?.bdata.clone();
        let page_shift = m.page_shift();
        let mut total = m.ul(0);

        if bdata.node_bootmem_map.is_zero() {
            return Err(Stop::bug(243));
        }

        let mut count = m.ul(0);
        // `pgdat->node_mem_map`: the node's first frame as the architecture set the node
        // up, which is not the frame of `node_boot_start` where `startpfn << PAGE_SHIFT`
        // wraps (an i386 node at or above 4 GiB).
        let mut page = self.node_data(nid)?.first_frame;
        let idx = bdata.node_low_pfn - (bdata.node_boot_start >> page_shift);
        let map = bdata.node_bootmem_map;
        let mut i = m.ul(0);
        while i < idx {
            // Every bit is tested once: a stretch of free pages starts at a clear bit and
            // ends at the next set one, or at `idx`.
            let Some(free) = m.first_clear_bit(map, i, idx)? else {
                break;
            };
            let blocker = m.first_set_bit(map, free + 1, idx)?;
            let stop = blocker.unwrap_or(idx);
            let n = (stop - free).get();
            page = page.wrapping_add((free - i).get());
            count += n;
            m.each_page(page, n, |m, page| {
                page_alloc::clear_page_reserved(m, page);
                page_alloc::set_page_count(m, page, 1);
                page_alloc::__free_page(m, page);
                Ok(())
            })?;
            page = page.wrapping_add(n);
            i = stop;
            if blocker.is_some() {
                i += 1;
                page = page.wrapping_add(1);
            }
        }
        total += count;

        let page = m.virt_to_pfn(map);
        count = m.ul(0);
        let pages =
            ((bdata.node_low_pfn - (bdata.node_boot_start >> page_shift)) / 8 + m.page_size() - 1)
                / m.page_size();
        count += pages;
        m.each_page(page, pages.get(), |m, page| {
            page_alloc::clear_page_reserved(m, page);
            page_alloc::set_page_count(m, page, 1);
            page_alloc::__free_page(m, page);
            Ok(())
        })?;
        total += count;
        self.node_data(nid)?.bdata.node_bootmem_map = m.ul(0);
        Ok(total)
    }

    /// `init_bootmem_node(pgdat, freepfn, startpfn, endpfn)` (bootmem.c:275).
    pub fn init_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        freepfn: Ulong,
        startpfn: Ulong,
        endpfn: Ulong,
    ) -> KResult<Ulong> {
        // The architecture allocates the node's pg_data_t just before it calls here,
        // and later passes the same span to free_area_init_core() as the node's size.
        if self.node_data.get(nid).is_some_and(Option::is_none) {
            self.node_data[nid] = Some(PgData::zeroed(m));
        }
        self.node_data(nid)?.node_size = endpfn - startpfn;
        self.node_data(nid)?.first_frame = startpfn.get();
        self.init_bootmem_core(m, nid, freepfn, startpfn, endpfn)
    }

    /// `reserve_bootmem_node(pgdat, physaddr, size)` (bootmem.c:280).
    pub fn reserve_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        physaddr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        self.reserve_bootmem_core(m, nid, physaddr, size)
    }

    /// `free_bootmem_node(pgdat, physaddr, size)` (bootmem.c:285).
    pub fn free_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        physaddr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        self.free_bootmem_core(m, nid, physaddr, size)
    }

    /// `free_all_bootmem_node(pgdat)` (bootmem.c:290).
    pub fn free_all_bootmem_node(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        self.free_all_bootmem_core(m, nid)
    }

    /// `init_bootmem(start, pages)` (bootmem.c:295): `contig_page_data` from pfn 0,
    /// bitmap at `start`.
    pub fn init_bootmem(&mut self, m: &mut Machine, start: Ulong, pages: Ulong) -> KResult<Ulong> {
        self.max_low_pfn = pages;
        self.min_low_pfn = start;
        self.node_data(0)?.node_size = pages;
        self.node_data(0)?.first_frame = 0;
        self.init_bootmem_core(m, 0, start, m.ul(0), pages)
    }

    /// `reserve_bootmem(addr, size)` (bootmem.c:302), on `contig_page_data`.
    pub fn reserve_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        self.reserve_bootmem_core(m, 0, addr, size)
    }

    /// `free_bootmem(addr, size)` (bootmem.c:307), on `contig_page_data`.
    pub fn free_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        self.free_bootmem_core(m, 0, addr, size)
    }

    /// `free_all_bootmem()` (bootmem.c:312), of `contig_page_data`.
    pub fn free_all_bootmem(&mut self, m: &mut Machine) -> KResult<Ulong> {
        self.free_all_bootmem_core(m, 0)
    }

    /// `__alloc_bootmem(size, align, goal)` (bootmem.c:317): every node in `pgdat_list`
    /// order; when none has room, "bootmem alloc of … bytes failed!" (line 331) and
    /// panic "Out of memory" (line 332).
    pub fn __alloc_bootmem(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        let mut guard = LoopGuard::new("__alloc_bootmem");
        let mut pgdat = self.pgdat_list;
        while let Some(nid) = pgdat {
            guard.enter(nid as u64, m.writes())?;
            let ptr = self.__alloc_bootmem_core(m, nid, size, align, goal)?;
            if !ptr.is_zero() {
                return Ok(ptr);
            }
            pgdat = self.node_data(nid)?.node_next;
        }
        m.took(&paths::OUT_OF_MEMORY_PANIC);
        m.printk(format!("bootmem alloc of {size} bytes failed!"));
        Err(Stop::panic("Out of memory"))
    }

    /// `__alloc_bootmem_node(pgdat, size, align, goal)` (bootmem.c:336): that node only,
    /// then `BUG()` at line 347; step 2.4.9.12 made it a panic.
    pub fn __alloc_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        let ptr = self.__alloc_bootmem_core(m, nid, size, align, goal)?;
        if !ptr.is_zero() {
            return Ok(ptr);
        }
        Err(Stop::bug(347))
    }
}
