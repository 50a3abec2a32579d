//! Linux 2.6.8's `include/linux/bootmem.h`: `bootmem_data_t`, and the macros and static
//! inlines a scenario can call.

use bootmem_commits::paths;
use bootmem_core::{ArchBootmemNode, CallId, KResult, Machine, Nid, Stop, Ulong};

use crate::Kernel;

/// `bootmem_data_t` of 2.6.8.
#[derive(Clone, Debug)]
pub struct BootmemData {
    pub(crate) node_boot_start: Ulong,
    pub(crate) node_low_pfn: Ulong,
    pub(crate) node_bootmem_map: Ulong,
    pub(crate) last_offset: Ulong,
    pub(crate) last_pos: Ulong,
    pub(crate) last_success: Ulong,
}

/// Which definitions `CONFIG_HAVE_ARCH_BOOTMEM_NODE` leaves on this machine: the
/// architecture's answer ([`ArchBootmemNode::of`]), with the code path of 0d0bdc8e6f
/// marked where the architecture's definitions, or their absence, take over.
pub(crate) fn arch_bootmem_node(m: &mut Machine) -> ArchBootmemNode {
    let who = ArchBootmemNode::of(m);
    match who {
        ArchBootmemNode::Generic => {}
        ArchBootmemNode::NodeZero => m.took(&paths::ARCH_BOOTMEM_NODE_ZERO),
        ArchBootmemNode::Missing => m.took(&paths::ARCH_BOOTMEM_NODE_MISSING),
    }
    who
}

/// Whether `CONFIG_DISCONTIGMEM` is set: from 2.5.42 (4b4b90a7f8) to 2.6.9 bootmem.c then
/// leaves out `init_bootmem()`, `reserve_bootmem()`, `free_bootmem()` and
/// `free_all_bootmem()`. bootmem.h still declares them, so a kernel that calls one fails
/// to link.
pub(crate) fn discontigmem(m: &mut Machine) -> bool {
    let on = m.config().discontigmem;
    if on {
        m.took(&paths::DISCONTIGMEM_NO_CONTIG_CALLS);
    }
    on
}

impl Kernel {
    /// One of the four node-less `alloc_bootmem*()` macros: through `__alloc_bootmem()`
    /// in bootmem.h, through `__alloc_bootmem_node(NODE_DATA(0), ...)` in i386's
    /// discontigmem header.
    fn alloc_macro(
        &mut self,
        m: &mut Machine,
        call: CallId,
        x: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        match arch_bootmem_node(m) {
            ArchBootmemNode::Generic => self.__alloc_bootmem(m, x, align, goal),
            ArchBootmemNode::NodeZero => self.__alloc_bootmem_node(m, 0, x, align, goal),
            ArchBootmemNode::Missing => Err(Stop::unavailable(call)),
        }
    }

    /// One of the three `alloc_bootmem*_node()` macros: on the node named in bootmem.h,
    /// on `NODE_DATA(0)` (the node argument ignored) in i386's discontigmem header.
    fn alloc_node_macro(
        &mut self,
        m: &mut Machine,
        call: CallId,
        nid: Nid,
        x: Ulong,
        align: Ulong,
        goal: Ulong,
    ) -> KResult<Ulong> {
        match arch_bootmem_node(m) {
            ArchBootmemNode::Generic => self.__alloc_bootmem_node(m, nid, x, align, goal),
            ArchBootmemNode::NodeZero => self.__alloc_bootmem_node(m, 0, x, align, goal),
            ArchBootmemNode::Missing => Err(Stop::unavailable(call)),
        }
    }

    /// `alloc_bootmem(x)`.
    pub fn alloc_bootmem(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.max_dma_address());
        self.alloc_macro(m, CallId::alloc_bootmem, x, align, goal)
    }

    /// `alloc_bootmem_low(x)`.
    pub fn alloc_bootmem_low(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.ul(0));
        self.alloc_macro(m, CallId::alloc_bootmem_low, x, align, goal)
    }

    /// `alloc_bootmem_pages(x)`.
    pub fn alloc_bootmem_pages(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.max_dma_address());
        self.alloc_macro(m, CallId::alloc_bootmem_pages, x, align, goal)
    }

    /// `alloc_bootmem_low_pages(x)`.
    pub fn alloc_bootmem_low_pages(&mut self, m: &mut Machine, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.ul(0));
        self.alloc_macro(m, CallId::alloc_bootmem_low_pages, x, align, goal)
    }

    /// `alloc_bootmem_node(pgdat, x)`.
    pub fn alloc_bootmem_node(&mut self, m: &mut Machine, nid: Nid, x: Ulong) -> KResult<Ulong> {
        let (align, goal) = (m.smp_cache_bytes(), m.max_dma_address());
        self.alloc_node_macro(m, CallId::alloc_bootmem_node, nid, x, align, goal)
    }

    /// `alloc_bootmem_pages_node(pgdat, x)`.
    pub fn alloc_bootmem_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.max_dma_address());
        self.alloc_node_macro(m, CallId::alloc_bootmem_pages_node, nid, x, align, goal)
    }

    /// `alloc_bootmem_low_pages_node(pgdat, x)`.
    pub fn alloc_bootmem_low_pages_node(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        x: Ulong,
    ) -> KResult<Ulong> {
        let (align, goal) = (m.page_size(), m.ul(0));
        self.alloc_node_macro(m, CallId::alloc_bootmem_low_pages_node, nid, x, align, goal)
    }
}
