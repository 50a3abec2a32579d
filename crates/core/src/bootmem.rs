//! What a version crate hands the registry: its [`Release`], and the [`NodeState`] a
//! trace shows of each node.
//!
//! Pointers are kernel virtual addresses; zero is NULL.

use crate::{Arch, Bitops, Bootmem, CallId, Config, Machine, Nid, Page, Ulong};

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

/// An upstream commit that changed what bootmem does: the shape of the records in the
/// `bootmem-commits` crate (this crate holds no records; it knows no release).
#[derive(Debug, PartialEq, Eq)]
pub struct Commit {
    /// The full commit id in the tree that holds it (`linux-history` before 2.6.12).
    pub id: &'static str,
    /// Title line.
    pub title: &'static str,
    /// Author, as git records it.
    pub author: &'static str,
    /// Author date, `YYYY-MM-DD`, as git records it.
    pub date: &'static str,
    /// The first release that carried it.
    pub first_release: &'static str,
    /// The code paths it brought, which version crates mark when they run.
    pub paths: &'static [&'static CodePath],
    /// The calls of the language it added.
    pub adds: &'static [CallId],
    /// The calls of the language it took away.
    pub removes: &'static [CallId],
}

/// A code path that one upstream commit brought: version crates mark it with
/// [`Machine::took`] where it runs, so that a trace can name the commit whose code made
/// a difference instead of listing every commit between two releases.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CodePath {
    /// The full id of the commit that brought it.
    pub commit: &'static str,
    /// What the path does, in a few words.
    pub what: &'static str,
}

/// Everything the registry needs to know about one release.
#[derive(Debug)]
pub struct Release {
    /// The release this crate re-creates, e.g. `2.6.12`.
    pub name: &'static str,
    /// Other release names whose bootmem text is identical.
    pub aliases: &'static [&'static str],
    /// For a text whose code is another's with lines moved: each BUG line of the
    /// crate's own text (by file) and where the same statement stands in this text.
    pub moved_lines: &'static [(&'static str, u32, u32)],
    /// The calls this release has.
    pub calls: &'static [CallId],
    /// The generation of the arch's bit operations this release was built with.
    pub bitops: Bitops,
    /// The state this release's memmap set-up leaves every `struct page` in.
    pub memmap_init: Page,
    /// Creates the release's kernel state for a machine of this width.
    pub start: fn(&Machine) -> Box<dyn Bootmem>,
}

impl Commit {
    /// Whether it added or took away `call`.
    pub fn touches(&self, call: CallId) -> bool {
        self.adds.contains(&call) || self.removes.contains(&call)
    }
}

impl Release {
    /// The line at which this release's text has the statement that the crate's code
    /// reports at `line` of `file`.
    pub fn line(&self, file: &str, line: u32) -> u32 {
        self.moved_lines
            .iter()
            .find(|(f, from, _)| *f == file && *from == line)
            .map_or(line, |(_, _, to)| *to)
    }

    /// A machine of profile `arch` under `config`, and this release's allocator on it.
    pub fn boot(&self, arch: Arch, config: Config) -> (Machine, Box<dyn Bootmem>) {
        let mut machine = Machine::new(arch, config, self.memmap_init);
        machine.set_bitops(self.bitops);
        let kernel = (self.start)(&machine);
        (machine, kernel)
    }
}
