//! The parts of Linux 2.6.14's `pg_data_t` that bootmem uses, `NODE_DATA()`, `pgdat_list`,
//! and the kernel state a trace shows.

use bootmem_core::{KResult, Machine, Nid, RemapSpace, Stop, Ulong, MAX_NUMNODES};

use crate::bootmem_h::BootmemData;

/// The parts of `pg_data_t` that bootmem and `alloc_node_mem_map()` use.
#[derive(Clone, Debug)]
pub struct PgData {
    pub(crate) bdata: BootmemData,
    pub(crate) pgdat_next: Option<Nid>,
    pub(crate) node_mem_map: Ulong,
    pub(crate) node_spanned_pages: Ulong,
    /// `node_start_pfn`: the node's first frame, which the architecture sets with the
    /// node's span (`init_bootmem_node()`'s `startpfn`, 0 for `init_bootmem()`). Bootmem
    /// does not read it; the crate compares it with the frame of `node_boot_start`, where
    /// the hand-off starts, to mark 767aa962's code where the two differ.
    pub(crate) node_start_pfn: Ulong,
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
            node_spanned_pages: zero,
            node_start_pfn: zero,
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
    pub(crate) node_data: Vec<Option<PgData>>,
    pub(crate) pgdat_list: Option<Nid>,
    pub(crate) max_low_pfn: Ulong,
    pub(crate) min_low_pfn: Ulong,
    /// `saved_max_pfn`; it exists only with `CONFIG_CRASH_DUMP=y`, which every access
    /// checks, because the configuration belongs to the machine and not to this state.
    pub(crate) saved_max_pfn: Ulong,
    pub(crate) remap: RemapSpace,
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
            remap: RemapSpace::new(m),
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
    last_success: last_success,
    saved_max_pfn: saved_max_pfn
});
