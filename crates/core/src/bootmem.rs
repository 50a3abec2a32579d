//! The one trait every version crate implements: the calls of `include/linux/bootmem.h`.
//!
//! Every call has a default body that reports it as unavailable, so a version crate
//! implements exactly the calls its release has and the rest answer for themselves.
//! Pointers returned are kernel virtual addresses; zero is NULL.

use crate::{Arch, Config, KResult, Machine, Page, Stop, Ulong};

/// A node id, as `NODE_DATA(nid)` takes it.
pub type Nid = usize;

/// Node ids a scenario may use: 0 to `MAX_NUMNODES - 1`.
pub const MAX_NUMNODES: usize = 64;

/// The visible state of one node's `bootmem_data_t`, for traces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeState {
    /// The node id.
    pub nid: Nid,
    /// `bdata->node_boot_start`.
    pub node_boot_start: Ulong,
    /// `bdata->node_low_pfn`.
    pub node_low_pfn: Ulong,
    /// `bdata->node_bootmem_map`; zero once `free_all_bootmem` has dropped it.
    pub node_bootmem_map: Ulong,
    /// `bdata->last_pos`.
    pub last_pos: Ulong,
    /// `bdata->last_offset`.
    pub last_offset: Ulong,
    /// `bdata->last_success`, in releases that have it.
    pub last_success: Option<Ulong>,
}

/// An upstream commit, as the version crates cite them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Commit {
    /// Commit id (full hash), or a `linux-history` step for pre-git changes.
    pub id: &'static str,
    /// Title line.
    pub title: &'static str,
    /// Author.
    pub author: &'static str,
    /// Author date, `YYYY-MM-DD`.
    pub date: &'static str,
}

/// Everything the registry needs to know about one release.
#[derive(Debug)]
pub struct Release {
    /// The release this crate re-creates, e.g. `2.6.12`.
    pub name: &'static str,
    /// Other release names whose bootmem text is identical.
    pub aliases: &'static [&'static str],
    /// The upstream changes that separate this release from the previous crate.
    pub commits: &'static [Commit],
    /// The state this release's memmap set-up leaves every `struct page` in.
    pub memmap_init: Page,
    /// Creates the release's kernel state for a machine of this width.
    pub start: fn(&Machine) -> Box<dyn Bootmem>,
}

impl Release {
    /// A machine of profile `arch` under `config`, and this release's allocator on it.
    pub fn boot(&self, arch: Arch, config: Config) -> (Machine, Box<dyn Bootmem>) {
        let machine = Machine::new(arch, config, self.memmap_init);
        let kernel = (self.start)(&machine);
        (machine, kernel)
    }
}

fn missing<T>(name: &str) -> KResult<T> {
    Err(Stop::unavailable(name))
}

/// The boot memory allocator of one release.
#[allow(unused_variables)]
pub trait Bootmem {
    /// `bootmem_bootmap_pages(pages)`.
    fn bootmem_bootmap_pages(&mut self, m: &mut Machine, pages: Ulong) -> KResult<Ulong> {
        missing("bootmem_bootmap_pages")
    }
    /// `init_bootmem_node(NODE_DATA(nid), freepfn, startpfn, endpfn)`.
    fn init_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        freepfn: Ulong,
        startpfn: Ulong,
        endpfn: Ulong,
    ) -> KResult<Ulong> {
        missing("init_bootmem_node")
    }
    /// `reserve_bootmem_node(NODE_DATA(nid), physaddr, size)`.
    fn reserve_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        physaddr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        missing("reserve_bootmem_node")
    }
    /// `free_bootmem_node(NODE_DATA(nid), physaddr, size)`.
    fn free_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        physaddr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        missing("free_bootmem_node")
    }
    /// `free_all_bootmem_node(NODE_DATA(nid))`.
    fn free_all_bootmem_node(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        missing("free_all_bootmem_node")
    }
    /// `init_bootmem(start, pages)`.
    fn init_bootmem(&mut self, m: &mut Machine, start: Ulong, pages: Ulong) -> KResult<Ulong> {
        missing("init_bootmem")
    }
    /// `reserve_bootmem(addr, size)`.
    fn reserve_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        missing("reserve_bootmem")
    }
    /// `free_bootmem(addr, size)`.
    fn free_bootmem(&mut self, m: &mut Machine, addr: Ulong, size: Ulong) -> KResult<()> {
        missing("free_bootmem")
    }
    /// `free_all_bootmem()`.
    fn free_all_bootmem(&mut self, m: &mut Machine) -> KResult<Ulong> {
        missing("free_all_bootmem")
    }
    /// `__alloc_bootmem(size, align, goal)`.
    fn __alloc_bootmem(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        missing("__alloc_bootmem")
    }
    /// `__alloc_bootmem_node(NODE_DATA(nid), size, align, goal)`.
    fn __alloc_bootmem_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        missing("__alloc_bootmem_node")
    }
    /// `__alloc_bootmem_limit(size, align, goal, limit)` (2.6.14, 2.6.15).
    fn __alloc_bootmem_limit(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("__alloc_bootmem_limit")
    }
    /// `__alloc_bootmem_node_limit(NODE_DATA(nid), size, align, goal, limit)`.
    fn __alloc_bootmem_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("__alloc_bootmem_node_limit")
    }
    /// `__alloc_bootmem_low(size, align, goal)` (2.6.16).
    fn __alloc_bootmem_low(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        missing("__alloc_bootmem_low")
    }
    /// `__alloc_bootmem_low_node(NODE_DATA(nid), size, align, goal)` (2.6.16).
    fn __alloc_bootmem_low_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        missing("__alloc_bootmem_low_node")
    }
    /// The `alloc_bootmem(x)` macro.
    fn alloc_bootmem(&mut self, m: &mut Machine, size: Ulong) -> KResult<Ulong> {
        missing("alloc_bootmem")
    }
    /// The `alloc_bootmem_low(x)` macro.
    fn alloc_bootmem_low(&mut self, m: &mut Machine, size: Ulong) -> KResult<Ulong> {
        missing("alloc_bootmem_low")
    }
    /// The `alloc_bootmem_pages(x)` macro.
    fn alloc_bootmem_pages(&mut self, m: &mut Machine, size: Ulong) -> KResult<Ulong> {
        missing("alloc_bootmem_pages")
    }
    /// The `alloc_bootmem_low_pages(x)` macro.
    fn alloc_bootmem_low_pages(&mut self, m: &mut Machine, size: Ulong) -> KResult<Ulong> {
        missing("alloc_bootmem_low_pages")
    }
    /// The `alloc_bootmem_node(pgdat, x)` macro.
    fn alloc_bootmem_node(&mut self, m: &mut Machine, nid: Nid, size: Ulong) -> KResult<Ulong> {
        missing("alloc_bootmem_node")
    }
    /// The `alloc_bootmem_pages_node(pgdat, x)` macro.
    fn alloc_bootmem_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_pages_node")
    }
    /// The `alloc_bootmem_low_pages_node(pgdat, x)` macro.
    fn alloc_bootmem_low_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_low_pages_node")
    }
    /// The `alloc_bootmem_limit(x, limit)` macro.
    fn alloc_bootmem_limit(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_limit")
    }
    /// The `alloc_bootmem_low_limit(x, limit)` macro.
    fn alloc_bootmem_low_limit(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_low_limit")
    }
    /// The `alloc_bootmem_pages_limit(x, limit)` macro.
    fn alloc_bootmem_pages_limit(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_pages_limit")
    }
    /// The `alloc_bootmem_low_pages_limit(x, limit)` macro.
    fn alloc_bootmem_low_pages_limit(
        &mut self,
        m: &mut Machine,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_low_pages_limit")
    }
    /// The `alloc_bootmem_node_limit(pgdat, x, limit)` macro.
    fn alloc_bootmem_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_node_limit")
    }
    /// The `alloc_bootmem_pages_node_limit(pgdat, x, limit)` macro.
    fn alloc_bootmem_pages_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_pages_node_limit")
    }
    /// The `alloc_bootmem_low_pages_node_limit(pgdat, x, limit)` macro.
    fn alloc_bootmem_low_pages_node_limit(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        size: Ulong,
        limit: Ulong,
    ) -> KResult<Ulong> {
        missing("alloc_bootmem_low_pages_node_limit")
    }
    /// `alloc_remap(nid, size)` (2.6.13 on).
    fn alloc_remap(&mut self, m: &mut Machine, nid: Nid, size: Ulong) -> KResult<Ulong> {
        missing("alloc_remap")
    }
    /// Declares node `nid`'s remap (KVA) area, as i386 NUMA set-up does (2.6.13 on,
    /// with `CONFIG_HAVE_ARCH_ALLOC_REMAP=y`).
    fn remap_area(&mut self, m: &mut Machine, nid: Nid, addr: Ulong, size: Ulong) -> KResult<()> {
        missing("remap_area")
    }
    /// `alloc_node_mem_map(NODE_DATA(nid))` of `mm/page_alloc.c`; returns the map.
    fn alloc_node_mem_map(&mut self, m: &mut Machine, nid: Nid) -> KResult<Ulong> {
        missing("alloc_node_mem_map")
    }
    /// `saved_max_pfn = value` (2.6.13 on, with `CONFIG_CRASH_DUMP=y`).
    fn set_saved_max_pfn(&mut self, m: &mut Machine, value: Ulong) -> KResult<()> {
        missing("saved_max_pfn")
    }
    /// `saved_max_pfn`, where the release and configuration have it.
    fn saved_max_pfn(&self, m: &Machine) -> Option<Ulong> {
        None
    }
    /// Every node in `pgdat_list`, in list order; a cycle is cut where it closes.
    fn nodes(&self, m: &Machine) -> Vec<NodeState>;
}
