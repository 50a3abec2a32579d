//! The parts of Linux 2.6.9's `pg_data_t` that bootmem uses, `NODE_DATA()`, `pgdat_list`,
//! and the kernel state a trace shows.

use bootmem_core::{KResult, Machine, Nid, Stop, Ulong, MAX_NUMNODES};

use crate::bootmem_h::{contig_call_under_discontigmem, discontigmem, BootmemData};

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
    /// The text this kernel runs: the crate serves 2.6.9 and 2.6.10.
    pub(crate) text: Text,
}

/// The two texts the crate serves. Their code differs in one place: 2.6.10 (86e060c6
/// "bootmem use NODE_DATA") builds the contiguous wrappers under `CONFIG_DISCONTIGMEM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// 2.6.9: the wrappers stand inside `#ifndef CONFIG_DISCONTIGMEM` (bootmem.c:346-370).
    V2_6_9,
    /// 2.6.10: the wrappers use `NODE_DATA(0)` and stand outside any guard of the option.
    V2_6_10,
}

impl Kernel {
    /// The state at boot of the text `text`: all static variables zero.
    pub fn new(m: &Machine, text: Text) -> Kernel {
        let mut node_data = vec![None; MAX_NUMNODES];
        node_data[0] = Some(PgData::zeroed(m));
        Kernel {
            node_data,
            pgdat_list: None,
            max_low_pfn: m.ul(0),
            min_low_pfn: m.ul(0),
            text,
        }
    }

    /// Whether `init_bootmem()`, `reserve_bootmem()`, `free_bootmem()` and
    /// `free_all_bootmem()` are left out of this kernel: in 2.6.9 under
    /// `CONFIG_DISCONTIGMEM`; never in 2.6.10, which marks a wrapper run under the
    /// option as 86e060c6's code.
    pub(crate) fn contig_calls_unbuilt(&self, m: &mut Machine) -> bool {
        match self.text {
            Text::V2_6_9 => discontigmem(m),
            Text::V2_6_10 => {
                contig_call_under_discontigmem(m);
                false
            }
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
