//! What a version crate hands the registry: its [`Release`], and the [`NodeState`] a
//! trace shows of each node.
//!
//! Pointers are kernel virtual addresses; zero is NULL.

use crate::{Arch, Bootmem, CallId, Config, Machine, Nid, Page, Ulong};

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
    /// The calls this release has.
    pub calls: &'static [CallId],
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
