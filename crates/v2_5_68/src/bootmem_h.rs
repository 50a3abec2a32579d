//! Linux 2.5.68's `include/linux/bootmem.h`: `bootmem_data_t`, and the macros and static
//! inlines a scenario can call.

use bootmem_core::{KResult, Machine, Nid, Ulong};

use crate::Kernel;

/// `bootmem_data_t` of 2.5.68.
#[derive(Clone, Debug)]
pub struct BootmemData {
    pub(crate) node_boot_start: Ulong,
    pub(crate) node_low_pfn: Ulong,
    pub(crate) node_bootmem_map: Ulong,
    pub(crate) last_offset: Ulong,
    pub(crate) last_pos: Ulong,
    pub(crate) last_success: Ulong,
}

impl Kernel {
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
}
