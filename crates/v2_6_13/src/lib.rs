//! Linux 2.6.13's boot memory allocator (`mm/bootmem.c`, `include/linux/bootmem.h`).
//!
//! The same text was in every 2.6.13.x stable release. Four upstream commits separate it
//! from 2.6.12 (`git log v2.6.12..v2.6.13 -- mm/bootmem.c include/linux/bootmem.h`):
//!
//! - `6f167ec721108c9282d54424516a12c805e3c306` "\[PATCH\] sparsemem base: simple NUMA
//!   remap space allocator", Dave Hansen, 2005-06-23. `bootmem.h` gains `alloc_remap()`:
//!   a stub that returns NULL unless `CONFIG_HAVE_ARCH_ALLOC_REMAP=y`, in which case
//!   i386's bump allocator over the node's remap (KVA) area answers
//!   (`arch/i386/mm/discontig.c`, here the `discontig` module).
//!   `alloc_node_mem_map()` in `mm/page_alloc.c` now asks `alloc_remap()` first and
//!   falls back to bootmem, so a node whose `mem_map` fits in its remap area costs no
//!   bootmem at all. Scenarios:
//!   `alloc_remap` (the allocator: cache-line rounding, the refused exact fit, a node
//!   without an area), `alloc_remap_stub` (the option off: the stub's NULL, and
//!   `remap_area` unavailable), `mem_map_remap` beside `mem_map_no_remap` (the bootmem
//!   that the remap area saves, against 2.6.12).
//! - `d41dee369bff3b9dcb6328d4d822926c28cc2594` "\[PATCH\] sparsemem memory model", Andy
//!   Whitcroft, 2005-06-23. `free_all_bootmem_core()` keeps a pfn and looks the page up
//!   with `pfn_to_page()` at every bitmap word instead of walking one `struct page`
//!   pointer across the node, so that a node's memmap no longer has to be contiguous.
//!   With the flat memmap simulated here the pages visited are the same ones in the same
//!   order: `free_all_by_pfn` gives the same hand-offs as on 2.6.12.
//! - `92aa63a5a1bf2e7b0c79e6716d24b76dbbdcf951` "\[PATCH\] kdump: Retrieve saved max pfn",
//!   Vivek Goyal, 2005-06-25. `unsigned long saved_max_pfn`, only under
//!   `CONFIG_CRASH_DUMP` (bootmem.c:36-42, bootmem.h:25-27); bootmem itself never reads
//!   it. Scenarios: `saved_max_pfn` (set, and shown in the final state) and
//!   `saved_max_pfn_off` (without the option the variable does not exist).
//! - `8c0e33c133021ee241e9d51255b9fb18eb34ef0e` "\[PATCH\] Use ALIGN to remove duplicate
//!   code", Nick Wilson, 2005-06-25. Three open-coded round-ups become `ALIGN()`
//!   (bootmem.c:68, 189, 230), which `include/linux/kernel.h:31` defines as the very
//!   same expression. No behaviour changes: the `equivalence` property test runs random
//!   scenarios on 2.6.12 and 2.6.13 and finds equal traces, and `align_rewrite` goes
//!   through all three sites.
//!
//! The BUG lines move by eight (the `saved_max_pfn` block) and `__alloc_bootmem_core`'s
//! past-the-end `BUG_ON(start >= eidx)` of 2.6.12:213 is now at line 221.
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
    name: "2.6.13",
    // kernel-sources.md records the bootmem text as identical across the 2.6.13.x stable
    // releases, of which 2.6.13.5 was the last.
    aliases: &["2.6.13.1", "2.6.13.2", "2.6.13.3", "2.6.13.4", "2.6.13.5"],
    commits: &[
        Commit {
            id: "6f167ec721108c9282d54424516a12c805e3c306",
            title: "[PATCH] sparsemem base: simple NUMA remap space allocator",
            author: "Dave Hansen",
            date: "2005-06-23",
        },
        Commit {
            id: "d41dee369bff3b9dcb6328d4d822926c28cc2594",
            title: "[PATCH] sparsemem memory model",
            author: "Andy Whitcroft",
            date: "2005-06-23",
        },
        Commit {
            id: "92aa63a5a1bf2e7b0c79e6716d24b76dbbdcf951",
            title: "[PATCH] kdump: Retrieve saved max pfn",
            author: "Vivek Goyal",
            date: "2005-06-25",
        },
        Commit {
            id: "8c0e33c133021ee241e9d51255b9fb18eb34ef0e",
            title: "[PATCH] Use ALIGN to remove duplicate code",
            author: "Nick Wilson",
            date: "2005-06-25",
        },
    ],
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}

/// `bootmem_data_t` of 2.6.13 (unchanged since 2.6.12).
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
        m.took("92aa63a5", "sets saved_max_pfn, the variable kdump reads");
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

    /// `__alloc_bootmem_core(bdata, size, align, goal)`: the scan, the sub-page merge and
    /// the reservation. Returns a kernel pointer, or NULL (zero) when nothing fits.
    ///
    /// When no zero bit follows `i`, the x86 `find_next_zero_bit()` answers `eidx` or
    /// more, and the bit tested there lies past the node's bitmap: if it happens to be
    /// clear a one-page request "finds" page `eidx` and BUGs at line 221. 2.6.15 fixed
    /// this (66d43e98).
    fn alloc_bootmem_core(
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

        if size.is_zero() {
            m.printk("__alloc_bootmem_core(): zero-sized request");
            return Err(Stop::bug(165));
        }
        bug_on!(!(align & (align - 1)).is_zero(), 167);

        let eidx = bdata.node_low_pfn - (bdata.node_boot_start >> page_shift);
        let mut offset = m.ul(0);
        if !align.is_zero() && !(bdata.node_boot_start & (align - 1)).is_zero() {
            offset = align - (bdata.node_boot_start & (align - 1));
        }
        offset >>= page_shift;

        let mut preferred;
        if !goal.is_zero()
            && goal >= bdata.node_boot_start
            && (goal >> page_shift) < bdata.node_low_pfn
        {
            preferred = goal - bdata.node_boot_start;
            if bdata.last_success >= preferred {
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
        bug_on!(start >= eidx, 221);

        let ret;
        if align < page_size && !bdata.last_offset.is_zero() && bdata.last_pos + 1 == start {
            let offset = crate::align(bdata.last_offset, align);
            bug_on!(offset > page_size, 231);
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
                return Err(Stop::bug(259));
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
    /// up with `pfn_to_page()` (bootmem.c:291, 307, 319).
    fn free_all_bootmem_core(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        let bdata = self.node_data(nid)?.bdata.clone();
        let page_shift = m.page_shift();
        let bits = u64::from(m.bits_per_long());
        let mut total = m.ul(0);

        bug_on!(bdata.node_bootmem_map.is_zero(), 274);

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
                for j in 1..bits {
                    page_alloc::clear_page_reserved(m, page + j);
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
            let ptr = self.alloc_bootmem_core(m, nid, size, align, goal)?;
            if !ptr.is_zero() {
                return Ok(ptr);
            }
            pgdat = self.node_data(nid)?.pgdat_next;
        }
        m.printk(format!("bootmem alloc of {size} bytes failed!"));
        Err(Stop::panic("Out of memory"))
    }

    /// `__alloc_bootmem_node(pgdat, size, align, goal)`: that node first, then every
    /// node through `__alloc_bootmem()`.
    pub fn __alloc_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        let ptr = self.alloc_bootmem_core(m, nid, size, align, goal)?;
        if !ptr.is_zero() {
            return Ok(ptr);
        }
        self.__alloc_bootmem(m, size, align, goal)
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

    /// `alloc_remap(nid, size)` as `bootmem.h:74-81` declares it: i386's allocator with
    /// `CONFIG_HAVE_ARCH_ALLOC_REMAP=y`, otherwise the inline stub that returns NULL.
    pub fn alloc_remap(&mut self, m: &mut Machine, nid: Nid, size: Ulong) -> KResult<Ulong> {
        if m.config().have_arch_alloc_remap {
            m.took(
                "6f167ec7",
                "answers alloc_remap() from the node's remap area",
            );
            self.remap.alloc_remap(m, nid, size)
        } else {
            Ok(m.ul(0))
        }
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
