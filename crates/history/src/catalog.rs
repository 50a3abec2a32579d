//! What the `releases` command lists: every registry entry with the crate whose text it
//! runs, the names that reach it, what changed in a line, and its commits from the
//! records. The one-line summaries are the README's table in data form.

use crate::diff_json::{commit, CommitJson};
use crate::versions::{commits_of, RELEASES};
use serde::Serialize;

/// Per registry entry, oldest first: the release, the version crate that holds its
/// code, and what changed, in a line.
pub static SUMMARIES: &[(&str, &str, &str)] = &[
    ("2.4.0", "bootmem-v2-4-0", "where the series began: a failed scan falls into `found:`, BUG instead of panic"),
    ("2.4.4", "bootmem-v2-4-4", "a failed scan returns NULL; `__alloc_bootmem` panics \"Out of memory\""),
    ("2.4.5", "bootmem-v2-4-5", "BUG on a non-power-of-two align and on bad reserve ranges"),
    ("2.4.10", "bootmem-v2-4-10", "`__alloc_bootmem_node` panics instead of BUG"),
    ("2.4.17", "bootmem-v2-4-22", "the alignment offset for unaligned nodes, and its endless loop"),
    ("2.4.19", "bootmem-v2-4-22", "2.4.17's code, `BUG()` lines moved"),
    ("2.4.22", "bootmem-v2-4-22", "2.4.17's code, lines moved (`max_pfn`, `for_each_pgdat`)"),
    ("2.5.1", "bootmem-v2-5-1", "2.4.10's allocator plus `max_pfn`"),
    ("2.5.2", "bootmem-v2-5-2", "2.4.17's alignment offset (and its endless loop) arrives"),
    ("2.5.4", "bootmem-v2-5-4", "`free_all_bootmem` reads the bitmap word by word (same pages)"),
    ("2.5.5", "bootmem-v2-5-4", "the x86_64 port; `int` bit numbers on every arch"),
    ("2.5.21", "bootmem-v2-5-4", "2.5.5's code, lines moved"),
    ("2.5.30", "bootmem-v2-5-4", "2.5.5's code, lines moved again"),
    ("2.5.34", "bootmem-v2-5-34", "`CONFIG_HAVE_ARCH_BOOTMEM_NODE`: i386 NUMA's node-0 macros"),
    ("2.5.37", "bootmem-v2-5-37", "the node `mem_map` without `MAP_ALIGN()`"),
    ("2.5.42", "bootmem-v2-5-42", "`CONFIG_DISCONTIGMEM`: no contiguous wrappers"),
    ("2.5.52", "bootmem-v2-5-52", "sub-page merge only for `align < PAGE_SIZE`"),
    ("2.5.68", "bootmem-v2-5-68", "`last_success` and the `find_next_zero_bit()` scan"),
    ("2.5.71", "bootmem-v2-5-71", "the zero-sized request warning"),
    ("2.5.75", "bootmem-v2-5-75", "restart only `if (preferred > offset)`: the endless loop ends"),
    ("2.6.0", "bootmem-v2-6-0", "the scan skips past the aligned index of a conflict"),
    ("2.6.4", "bootmem-v2-6-4", "\"reserved twice\" only with `CONFIG_DEBUG_BOOTMEM`"),
    ("2.6.7", "bootmem-v2-6-4", "2.6.4's code with `BUG_ON()` lines"),
    ("2.6.8", "bootmem-v2-6-8", "`__alloc_bootmem_node` falls back to every node"),
    ("2.6.9", "bootmem-v2-6-9", "whole free words handed over as one block; one `mem_map` per node; 64-bit x86_64 bit search"),
    ("2.6.10", "bootmem-v2-6-9", "2.6.9's code (`NODE_DATA(0)` wrappers)"),
    ("2.6.11", "bootmem-v2-6-11", "`set_page_refs()` in the hand-off"),
    ("2.6.12", "bootmem-v2-6-12", "no `mem_map` for an empty node"),
    ("2.6.13", "bootmem-v2-6-13", "`ALIGN`, `alloc_remap`, `saved_max_pfn`"),
    ("2.6.14", "bootmem-v2-6-14", "the `_limit` API for swiotlb"),
    ("2.6.15", "bootmem-v2-6-15", "the end-of-node break; PageReserved leaves the page allocator"),
    ("2.6.16", "bootmem-v2-6-16", "`__alloc_bootmem_low`, `_limit` gone, `__free_pages_bootmem`"),
];

/// One covered release, as `releases` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReleaseJson {
    /// The release whose text the entry re-creates.
    pub name: &'static str,
    /// `2.4`, `2.5` or `2.6`.
    pub series: String,
    /// The other names that reach it.
    pub aliases: &'static [&'static str],
    /// The version crate that holds its code.
    #[serde(rename = "crate")]
    pub krate: &'static str,
    /// Whether its text is another's with `BUG()` lines moved.
    pub lines_moved: bool,
    /// What changed since the entry before it, in a line.
    pub changed: &'static str,
    /// The commits that separate it from the entry before it.
    pub commits: Vec<CommitJson>,
}

/// Every covered release, oldest first.
pub fn releases() -> Vec<ReleaseJson> {
    RELEASES
        .iter()
        .map(|r| {
            let (krate, changed) = SUMMARIES
                .iter()
                .find(|(name, _, _)| *name == r.name)
                .map_or(("", ""), |(_, k, c)| (*k, *c));
            ReleaseJson {
                name: r.name,
                series: r.name.split('.').take(2).collect::<Vec<_>>().join("."),
                aliases: r.aliases,
                krate,
                lines_moved: !r.moved_lines.is_empty(),
                changed,
                commits: commits_of(r)
                    .into_iter()
                    .map(|c| commit(r.name, c))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registry_entry_has_its_summary_in_order() {
        let names: Vec<&str> = SUMMARIES.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, crate::versions::names());
        let list = releases();
        assert!(list
            .iter()
            .all(|r| !r.krate.is_empty() && !r.changed.is_empty()));
        let r = &list[crate::versions::position("2.6.15").unwrap()];
        assert_eq!(r.series, "2.6");
        let shorts: Vec<&str> = r.commits.iter().map(|c| c.short).collect();
        assert_eq!(shorts, ["b5810039", "66d43e98"]);
        assert!(list.iter().any(|r| r.lines_moved));
    }
}
