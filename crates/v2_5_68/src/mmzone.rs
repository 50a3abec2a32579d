//! The parts of Linux 2.5.68's `pg_data_t` that bootmem uses, `NODE_DATA()`, `pgdat_list`,
//! and the kernel state a trace shows.

use bootmem_core::{KResult, Machine, Nid, Stop, Ulong, MAX_NUMNODES};

use crate::bootmem_h::BootmemData;

/// The parts of `pg_data_t` that bootmem and the `mem_map` allocation of
/// `free_area_init_node()` use.
#[derive(Clone, Debug)]
pub struct PgData {
    pub(crate) bdata: BootmemData,
    pub(crate) pgdat_next: Option<Nid>,
    pub(crate) node_mem_map: Ulong,
    /// The pfn of the node's first frame, whose `struct page` `pgdat->node_mem_map`
    /// points at once the architecture has set the node up: `init_bootmem_node()`'s
    /// `startpfn`, or 0 for the `contig_page_data` of `init_bootmem()`, whose map is
    /// `mem_map` itself. `free_all_bootmem_core()` starts the hand-off there. Not to be
    /// confused with `node_mem_map`, the address `alloc_node_mem_map()` got for the
    /// map's memory.
    pub(crate) first_frame: u64,
    pub(crate) node_size: Ulong,
}

impl PgData {
    pub(crate) fn zeroed(m: &Machine) -> PgData {
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
            first_frame: 0,
            node_size: zero,
        }
    }
}

/// The kernel's bootmem state: the nodes, `pgdat_list` and the pfn globals.
///
/// Node 0 always exists (it is `contig_page_data`, or the boot node an architecture sets
/// up first); another node exists once `init_bootmem_node()` has been called for it, as
/// the architecture allocates its `pg_data_t` just before. `NODE_DATA()` of any other
/// node is NULL, and using it oopses.
pub struct Kernel {
    pub(crate) node_data: Vec<Option<PgData>>,
    pub(crate) pgdat_list: Option<Nid>,
    pub(crate) max_low_pfn: Ulong,
    pub(crate) min_low_pfn: Ulong,
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
        }
    }

    /// `NODE_DATA(nid)`, or an oops where that is NULL.
    pub(crate) fn node_data(&mut self, nid: Nid) -> KResult<&mut PgData> {
        match self.node_data.get_mut(nid) {
            Some(Some(pgdat)) => Ok(pgdat),
            _ => Err(Stop::oops(format!("NODE_DATA({nid}) is NULL"))),
        }
    }
}

bootmem_core::implement_kernel_state!(Kernel {
    next: pgdat_next,
    last_success: last_success
});
