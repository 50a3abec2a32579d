//! Linux 2.5.68's `mm/bootmem.c`: one Rust function for each C function, in the file's
//! order and under the kernel's names.

use bootmem_commits::paths;
use bootmem_core::{
    bit_runs, bug_on, ArchBootmemNode, CallId, KResult, LoopGuard, Machine, Nid, Stop, Ulong,
};

use crate::bootmem_h::{arch_bootmem_node, discontigmem};
use crate::mmzone::PgData;
use crate::page_alloc;
use crate::Kernel;

impl Kernel {
    /// `bootmem_bootmap_pages(pages)`: pages needed for a bitmap of `pages` bits.
    pub fn bootmem_bootmap_pages(&mut self, m: &mut Machine, pages: Ulong) -> KResult<Ulong> {
        let mut mapsize = (pages + 7) / 8;
        mapsize = (mapsize + !m.page_mask()) & m.page_mask();
        mapsize >>= m.page_shift();
        Ok(mapsize)
    }

    /// `init_bootmem_core(pgdat, mapstart, start, end)`: links the node at the head of
    /// `pgdat_list` and fills its bitmap with ones. The `last_*` fields, `last_success`
    /// among them, are left as they were, so a node initialised twice keeps its old
    /// hints (and points to itself).
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
        self.node_data(nid)?.pgdat_next = head;
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

    /// `reserve_bootmem_core(bdata, addr, size)`: partial pages count as reserved, and
    /// a page reserved twice is always reported.
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

        bug_on!(size.is_zero(), 85);
        // Lines 87-90 test `sidx < 0` and `eidx < 0`; both are unsigned, so neither
        // test can fire.
        if sidx >= eidx {
            m.took(&paths::RESERVE_WRAP_BUG);
            return Err(Stop::bug(92));
        }
        if (addr >> m.page_shift()) >= bdata.node_low_pfn {
            m.took(&paths::RESERVE_PAST_END_BUG);
            return Err(Stop::bug(94));
        }
        bug_on!(end > bdata.node_low_pfn, 96);

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

    /// `free_bootmem_core(bdata, addr, size)`: partial pages stay reserved. Freeing below
    /// `last_success` moves the hint back; the test compares a physical address with an
    /// offset from the node start, as the release does.
    pub(crate) fn free_bootmem_core(
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

        bug_on!(size.is_zero(), 114);
        bug_on!(end > bdata.node_low_pfn, 116);

        if addr < bdata.last_success {
            m.took(&paths::FREE_MOVES_LAST_SUCCESS);
            bdata.last_success = addr;
        }

        let start = (addr + page_size - 1) / page_size;
        let sidx = start - (bdata.node_boot_start / page_size);
        let map = bdata.node_bootmem_map;

        if m.test_and_clear_bits(map, sidx, eidx)?.is_some() {
            return Err(Stop::bug(129));
        }
        Ok(())
    }

    /// `__alloc_bootmem_core(bdata, size, align, goal)`: the scan, the sub-page merge and
    /// the reservation. Returns a kernel pointer, or NULL (zero) when nothing fits.
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

        bug_on!(size.is_zero(), 154);
        if !(align & (align - 1)).is_zero() {
            m.took(&paths::ALIGN_POWER_OF_TWO_BUG);
            return Err(Stop::bug(155));
        }

        let eidx = bdata.node_low_pfn - (bdata.node_boot_start >> page_shift);
        let mut offset = m.ul(0);
        if !align.is_zero() && !(bdata.node_boot_start & (align - 1)).is_zero() {
            offset = align - (bdata.node_boot_start & (align - 1));
        }
        offset >>= page_shift;
        if !offset.is_zero() {
            m.took(&paths::ALIGNMENT_OFFSET);
        }

        let mut preferred;
        if !goal.is_zero()
            && goal >= bdata.node_boot_start
            && (goal >> page_shift) < bdata.node_low_pfn
        {
            preferred = goal - bdata.node_boot_start;
            if bdata.last_success >= preferred {
                m.took(&paths::SCAN_FROM_LAST_SUCCESS);
                preferred = bdata.last_success;
            }
        } else {
            preferred = m.ul(0);
        }

        preferred = ((preferred + align - 1) & !(align - 1)) >> page_shift;
        preferred += offset;
        let mut areasize = (size + page_size - 1) / page_size;
        let incr = if (align >> page_shift).is_zero() {
            m.ul(1)
        } else {
            align >> page_shift
        };

        // A scan changes nothing, so scanning again from a `preferred` already scanned
        // is the endless loop of lines 201-204: a failed scan from a non-zero offset
        // sets `preferred` to that same offset and goes round again.
        let mut restarts = LoopGuard::new("__alloc_bootmem_core");
        let start = 'restart_scan: loop {
            restarts.enter(preferred.get(), m.writes())?;
            let mut i = preferred;
            'candidates: while i < eidx {
                i = m.find_next_zero_bit(map, eidx, i)?;
                // Line 186 rounds with `& -incr`, the same value as ALIGN().
                let aligned = i.align_up(incr);
                if aligned != i {
                    m.took(&paths::SCAN_ROUNDS_INDEX);
                }
                i = aligned;
                if i >= eidx {
                    m.took(&paths::SCAN_TESTS_PAST_BITMAP);
                }
                if m.test_bit(i, map)? {
                    i += incr;
                    continue;
                }
                if m.window_conflict(map, i + 1, i + areasize, eidx)?.is_some() {
                    // fail_block is an empty statement: the for-loop steps `incr`
                    // on from the candidate that failed, and find_next_zero_bit()
                    // goes on from there.
                    i += incr;
                    continue 'candidates;
                }
                break 'restart_scan i;
            }
            if !preferred.is_zero() {
                if !offset.is_zero() {
                    m.took(&paths::RESTART_FROM_OFFSET);
                }
                m.note_restart(preferred, offset);
                preferred = offset;
                continue 'restart_scan;
            }
            m.took(&paths::FAILED_SCAN_RETURNS_NULL);
            return Ok(m.ul(0));
        };

        // The hint is written before the check, so a one-page request that "found" the
        // page past the node leaves it there when it BUGs.
        let bdata = &mut self.node_data(nid)?.bdata;
        bdata.last_success = start << page_shift;
        bug_on!(start >= eidx, 209);

        let ret;
        if align == page_size && !bdata.last_offset.is_zero() && bdata.last_pos + 1 == start {
            m.took(&paths::MERGE_ONLY_BELOW_PAGE);
        }
        let merge =
            align < page_size && !bdata.last_offset.is_zero() && bdata.last_pos + 1 == start;
        m.note_merge(start, align, bdata.last_pos, bdata.last_offset, merge);
        if merge {
            let offset = (bdata.last_offset + align - 1) & !(align - 1);
            bug_on!(offset > page_size, 219);
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
            return Err(Stop::bug(247));
        }
        m.memset(ret, 0, size)?;
        Ok(ret)
    }

    /// `free_all_bootmem_core(pgdat)`: hands every free page, one at a time in
    /// ascending order, then the bitmap's own pages, to the page allocator, and drops the
    /// bitmap. The bitmap is read a word at a time and a word with no free page is
    /// skipped whole; the pages handed over are the same as a bit-by-bit walk's.
    pub(crate) fn free_all_bootmem_core(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let bdata = self.node_data(nid)?.bdata.clone();
        let page_shift = m.page_shift();
        let bits = u64::from(m.bits_per_long());
        let mut total = m.ul(0);

        bug_on!(bdata.node_bootmem_map.is_zero(), 260);

        let mut count = m.ul(0);
        // `pgdat->node_mem_map`: the node's first frame as the architecture set the node
        // up, which is not the frame of `node_boot_start` where `startpfn << PAGE_SHIFT`
        // wraps (an i386 node at or above 4 GiB).
        let mut page = self.node_data(nid)?.first_frame;
        let idx = bdata.node_low_pfn - (bdata.node_boot_start >> page_shift);
        let map = bdata.node_bootmem_map;
        let mut i = m.ul(0);
        while i < idx {
            let v = !m.map_word(map, i / bits)?;
            // A word with every page free, or none: the words after it that read the
            // same go with it, as the C takes them one by one (their reads counted).
            let all_free = (!v).is_zero();
            let words = if v.is_zero() || all_free {
                1 + m.same_words(map, i / bits, idx - i)?
            } else {
                1
            };
            if !v.is_zero() {
                // The free pages below `idx`, a stretch of set bits at a time.
                let n = (idx - i).get().min(bits * words);
                let word = if all_free { u64::MAX } else { v.get() };
                for (first, len) in bit_runs(word, n) {
                    count += len;
                    m.each_page(page.wrapping_add(first), len, |m, page| {
                        page_alloc::clear_page_reserved(m, page);
                        page_alloc::set_page_count(m, page, 1);
                        page_alloc::__free_page(m, page)?;
                        Ok(())
                    })?;
                }
                page = page.wrapping_add(n);
                i += n;
            } else {
                i += bits * words;
                page = page.wrapping_add(bits * words);
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
            page_alloc::__free_page(m, page)?;
            Ok(())
        })?;
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
        // The architecture allocates the node's pg_data_t and sets its size just
        // before it calls here.
        if self.node_data.get(nid).is_some_and(Option::is_none) {
            self.node_data[nid] = Some(PgData::zeroed(m));
        }
        self.node_data(nid)?.node_size = endpfn - startpfn;
        self.node_data(nid)?.first_frame = startpfn.get();
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

    /// `init_bootmem(start, pages)`: `contig_page_data` from pfn 0, bitmap at `start`;
    /// not built under `CONFIG_DISCONTIGMEM`.
    pub fn init_bootmem(&mut self, m: &mut Machine, start: Ulong, pages: Ulong) -> KResult<Ulong> {
        if discontigmem(m) {
            return Err(Stop::unavailable(CallId::init_bootmem));
        }
        self.max_low_pfn = pages;
        self.min_low_pfn = start;
        self.node_data(0)?.node_size = pages;
        self.node_data(0)?.first_frame = 0;
        self.init_bootmem_core(m, 0, start, m.ul(0), pages)
    }

    /// `reserve_bootmem(addr, size)`, on `contig_page_data`;
    /// built only without `CONFIG_DISCONTIGMEM` and `CONFIG_HAVE_ARCH_BOOTMEM_NODE`. Under
    /// the second i386's discontigmem `mmzone.h` makes the name a macro for
    /// `reserve_bootmem_node(NODE_DATA(0), ...)`.
    pub fn reserve_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        match arch_bootmem_node(m) {
            ArchBootmemNode::NodeZero => self.reserve_bootmem_node(m, 0, addr, size),
            ArchBootmemNode::Missing => Err(Stop::unavailable(CallId::reserve_bootmem)),
            ArchBootmemNode::Generic if discontigmem(m) => {
                Err(Stop::unavailable(CallId::reserve_bootmem))
            }
            ArchBootmemNode::Generic => self.reserve_bootmem_core(m, 0, addr, size),
        }
    }

    /// `free_bootmem(addr, size)`, on `contig_page_data`;
    /// not built under `CONFIG_DISCONTIGMEM`.
    pub fn free_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        if discontigmem(m) {
            return Err(Stop::unavailable(CallId::free_bootmem));
        }
        self.free_bootmem_core(m, 0, addr, size)
    }

    /// `free_all_bootmem()`, of `contig_page_data`;
    /// not built under `CONFIG_DISCONTIGMEM`.
    pub fn free_all_bootmem(&mut self, m: &mut Machine) -> KResult<Ulong> {
        if discontigmem(m) {
            return Err(Stop::unavailable(CallId::free_all_bootmem));
        }
        self.free_all_bootmem_core(m, 0)
    }

    /// `__alloc_bootmem(size, align, goal)`: every node in `pgdat_list` order, then
    /// "Out of memory".
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
            pgdat = self.node_data(nid)?.pgdat_next;
        }
        m.took(&paths::OUT_OF_MEMORY_PANIC);
        m.printk(format!("bootmem alloc of {size} bytes failed!"));
        Err(Stop::panic("Out of memory"))
    }

    /// `__alloc_bootmem_node(pgdat, size, align, goal)`: that node only, then "Out of
    /// memory".
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
        m.took(&paths::NODE_OUT_OF_MEMORY_PANIC);
        m.printk(format!("bootmem alloc of {size} bytes failed!"));
        Err(Stop::panic("Out of memory"))
    }
}
