//! Every upstream change that made bootmem behave differently, as one record each.
//!
//! A record holds the commit's id, title, author, date, the first release that carried
//! it, and the code paths it brought: the places a version crate marks with
//! `m.took(&paths::NAME)` so that a trace can say which commit's code ran. The diff's
//! attributions, the notes on calls a release lacks and `docs/versions.md` all come
//! from these records; nothing else states these facts.
//!
//! The ids are the commits of the `linux-history` tree (2.4.x and 2.5.x, 2.6.0 to
//! 2.6.12-rc1, where the 2.4 pre-patch steps are commits too) and of `linux-2.6` (the git
//! era); `git log -1 ID` in either tree gives back the title, author and date here.

use bootmem_core::{CallId, CodePath, Commit};

/// Writes each record once and derives the path constants and the list of records.
macro_rules! commits {
    ($(
        $(#[doc = $doc:literal])*
        $record:ident = $id:literal, $author:literal, $date:literal, $first:literal,
            $title:literal
            $(, calls(adds: $adds:expr $(, removes: $removes:expr)?))?
        { $( $(#[doc = $pdoc:literal])* $path:ident : $what:literal ),* $(,)? }
    )*) => {
        /// The code paths the records brought, one constant each.
        pub mod paths {
            use super::CodePath;
            $( $(
                $(#[doc = $pdoc])*
                pub static $path: CodePath = CodePath { commit: $id, what: $what };
            )* )*
        }

        $(
            $(#[doc = $doc])*
            pub static $record: Commit = Commit {
                id: $id,
                title: $title,
                author: $author,
                date: $date,
                first_release: $first,
                paths: &[$( &paths::$path ),*],
                adds: commits!(@calls $( $adds )?),
                removes: commits!(@calls $($( $removes )?)?),
            };
        )*

        /// Every record, oldest first.
        pub static COMMITS: &[&Commit] = &[$( &$record ),*];
    };
    (@calls) => { &[] };
    (@calls $calls:expr) => { $calls };
}

/// The `_limit` API of 281dd25c, which 008857c1 took away again.
const LIMIT_API: &[CallId] = &[
    CallId::__alloc_bootmem_limit,
    CallId::__alloc_bootmem_node_limit,
    CallId::alloc_bootmem_limit,
    CallId::alloc_bootmem_low_limit,
    CallId::alloc_bootmem_pages_limit,
    CallId::alloc_bootmem_low_pages_limit,
    CallId::alloc_bootmem_node_limit,
    CallId::alloc_bootmem_pages_node_limit,
    CallId::alloc_bootmem_low_pages_node_limit,
];

commits! {
    /// The 2.4.3.4 pre-patch: a failed scan returns NULL and `__alloc_bootmem` panics.
    V2_4_3_4 = "d39a11f309a4fdeeed232dd6c0f00604d11a4aea", "Linus Torvalds", "2002-02-04",
        "2.4.4", "v2.4.3.3 -> v2.4.3.4" {
        FAILED_SCAN_RETURNS_NULL:
            "returns NULL from a failed scan instead of falling into found: with start 0",
        OUT_OF_MEMORY_PANIC:
            "prints \"bootmem alloc of ... bytes failed!\" and panics \"Out of memory\" when no node has room",
    }
    /// The 2.4.4.6 pre-patch: sanity checks in `reserve_bootmem_core` and on `align`.
    V2_4_4_6 = "c9df1e203d7efe8c93d3cdc04093f44f040f8e83", "Linus Torvalds", "2002-02-04",
        "2.4.5", "v2.4.4.5 -> v2.4.4.6" {
        RESERVE_WRAP_BUG:
            "BUGs on a reserve whose index range wraps (sidx >= eidx), as one that starts below the node does",
        RESERVE_PAST_END_BUG: "BUGs on a reserve that starts at or past the node's end",
        ALIGN_POWER_OF_TWO_BUG: "BUGs on an alignment that is not a power of two",
    }
    /// The 2.4.9.12 pre-patch: `__alloc_bootmem_node` panics instead of BUG().
    V2_4_9_12 = "dfc52b82fee5bc6713ecce3f81767a8565c4f874", "Linus Torvalds", "2002-02-04",
        "2.4.10", "v2.4.9.11 -> v2.4.9.12" {
        NODE_OUT_OF_MEMORY_PANIC:
            "panics \"Out of memory\" when the node has no room, instead of BUG()",
    }
    /// 2.4.17: the alignment offset for unaligned node starts, and the restart that can
    /// loop for ever.
    V2_4_17 = "b0f84cd6fc655d8ebaa90b2c42642d320c69f2b7", "Linus Torvalds", "2020-06-22",
        "2.4.17", "v2.4.16 -> v2.4.17" {
        ALIGNMENT_OFFSET:
            "starts the scan at the offset that aligns the physical address on a node whose start is not aligned",
        RESTART_FROM_OFFSET: "restarts a failed scan from the alignment offset, not from 0",
    }
    /// 2.4.19: `#include <asm/io.h>` in `mm/bootmem.c`; no change in behaviour, every
    /// later line moves down by one.
    V2_4_19 = "740d98531e96905a0e62da19bcccea9d2eb2c0d6", "Linus Torvalds", "2020-06-22",
        "2.4.19", "v2.4.18 -> v2.4.19" {}
    /// `max_pfn` defined in `mm/bootmem.c`; nothing in bootmem uses it.
    E1E2CFC3 = "e1e2cfc3fb42dbe54dd94fe97ba17a62cd7a265b", "Linus Torvalds", "2002-02-04",
        "2.5.1", "v2.5.0.1 -> v2.5.0.2" {}
    /// The `linux-history` changeset that brought the 2.4.17 alignment offset (and its
    /// endless loop) into 2.5.
    V2_5_2 = "5fb612aa91a08c183200312d943de6691f806ce6", "Linus Torvalds", "2002-02-05",
        "2.5.2", "v2.5.1.11 -> v2.5.2" {
        ALIGNMENT_OFFSET_V2_5:
            "starts the scan at the offset that aligns the physical address on a node whose start is not aligned (2.4.17's change, in 2.5)",
        RESTART_FROM_OFFSET_V2_5:
            "restarts a failed scan from the alignment offset, not from 0, and so for ever when nothing fits",
    }
    /// `free_all_bootmem_core()` reads the bitmap a word at a time.
    M0C16B441 = "0c16b44158308c35242fdb4b105f162629e91c1a", "Andi Kleen", "2002-02-06",
        "2.5.4", "[PATCH] Bootmem speedup" {
        FREE_ALL_SKIPS_RESERVED_WORDS:
            "skips a bitmap word whose pages are all reserved in free_all_bootmem_core(); the same pages are handed over",
    }
    /// `#include <asm/io.h>`; no change in behaviour.
    E347FA36 = "e347fa36454c2b50a4bcb8edb5a80b5c09bc02b5", "Johan Adolfsson", "2002-06-02",
        "2.5.21", "[PATCH] Missing include in mm/bootmem.c" {}
    /// `pgdat_next` and `for_each_pgdat()`; the same walk of `pgdat_list`.
    F183C478 = "f183c478d32d866b7018a9980eb4b61975b8f1fb", "Andrew Morton", "2002-07-28",
        "2.5.30", "[PATCH] for_each_pgdat macro" {}
    /// `#include <linux/swapctl.h>` removed; no change in behaviour.
    A074F680 = "a074f68006d301fb0dbab9a460eba7cd0eb22c15", "Christoph Hellwig", "2002-07-29",
        "2.5.30", "VM: remove unused /proc/sys/vm/kswapd and swapctl.h" {}
    /// A debugging BUG_ON in `put_page_testzero()`.
    C99B0372 = "c99b0372f7604676a0f5f6835b43ec91c70ed253", "Andrew Morton", "2002-08-30",
        "2.5.33", "[PATCH] debug check in put_page_testzero()" {
        PUT_PAGE_TESTZERO_BUG: "BUGs in put_page_testzero() on a page whose count is already 0",
    }
    /// `reserve_bootmem()` and the `alloc_bootmem*` macros left to the architecture under
    /// `CONFIG_HAVE_ARCH_BOOTMEM_NODE` (i386 NUMA). Every later release keeps the guard
    /// (and i386 its node-0 definitions), so the marks stay through 2.6.16.
    M0D0BDC8E = "0d0bdc8e6f1cbfddd68f9912666251396ee47142", "Andrew Morton", "2002-09-03",
        "2.5.34", "[PATCH] discontigmem support for ia32 NUMA" {
        ARCH_BOOTMEM_NODE_ZERO:
            "sends reserve_bootmem() and every alloc_bootmem*() to node 0 through i386's mmzone.h under CONFIG_HAVE_ARCH_BOOTMEM_NODE and CONFIG_DISCONTIGMEM",
        ARCH_BOOTMEM_NODE_MISSING:
            "leaves reserve_bootmem() and the alloc_bootmem*() macros undefined under CONFIG_HAVE_ARCH_BOOTMEM_NODE where no i386 discontigmem defines them",
    }
    /// The mem_map allocation moved out of `free_area_init_core()`, without `MAP_ALIGN`.
    E07316F9 = "e07316f9c849b0fe92eb273e7ada4652053d32d1", "Andrew Morton", "2002-09-19",
        "2.5.37", "[PATCH] free_area_init cleanup" {
        MEM_MAP_UNALIGNED:
            "takes the node's mem_map from alloc_bootmem_node() as it is, without 2.4's MAP_ALIGN() rounding",
    }
    /// The contiguous-memory wrappers not built under `CONFIG_DISCONTIGMEM`, up to 2.6.9
    /// (86e060c6 builds them again).
    M4B4B90A7 = "4b4b90a7f898c69855751a7ac6554955f9eeef13", "Andrew Morton", "2002-10-07",
        "2.5.42", "[PATCH] discontigmem fixes and cleanups" {
        DISCONTIGMEM_NO_CONTIG_CALLS:
            "leaves init_bootmem(), reserve_bootmem(), free_bootmem() and free_all_bootmem() unbuilt under CONFIG_DISCONTIGMEM",
    }
    /// The hot/cold page allocator's `free_pages_check()`.
    HOT_COLD_BULK_FREE = "1d2652dd2c3e942e75dc3137b3cb1774b43ae377", "Andrew Morton",
        "2002-10-29", "2.5.45", "[PATCH] hot-n-cold pages: bulk page freeing" {
        FREE_PAGES_CHECK_COUNT:
            "has free_pages_check() report a page whose count is not 0 as a bad page",
    }
    /// The sub-page merge only for alignments below a page.
    M344391C7 = "344391c73a089abd3b073db3b2fafbc04f82ac2f", "Andrew Morton", "2002-12-14",
        "2.5.52", "[PATCH] bootmem allocator merging fix" {
        MERGE_ONLY_BELOW_PAGE:
            "does not merge a page-aligned request into the last partial page (align < PAGE_SIZE; 2.4: <=)",
    }
    /// `last_success` and the `find_next_zero_bit()` scan, from the IA64 tree.
    M79E626E1 = "79e626e1d10916241f200066e9216380afca86bb", "Andrew Morton", "2003-04-12",
        "2.5.68", "[PATCH] bootmem speedup from the IA64 tree" {
        FREE_MOVES_LAST_SUCCESS: "moves the last_success hint back to the freed address",
        SCAN_FROM_LAST_SUCCESS:
            "starts the scan at last_success, where the last allocation began, instead of at the goal",
        SCAN_ROUNDS_INDEX:
            "rounds the free page find_next_zero_bit() found up to an aligned page index",
        SCAN_TESTS_PAST_BITMAP:
            "tests the bit at eidx, past the end of the node's bitmap, when find_next_zero_bit() finds nothing",
    }
    /// The `void` functions `free_bootmem_node()` and `free_bootmem()` stop returning
    /// `free_bootmem_core()`'s value, on the same lines; no change in behaviour.
    D92CFBF0 = "d92cfbf0a196a0c4400812d153f9678727565b85", "Linus Torvalds", "2003-05-12",
        "2.5.70", "Add user pointer annotations to socket, file IO and signal handling." {}
    /// A warning before the BUG() of a zero-sized request.
    M906B9F69 = "906b9f69033195368515af5948213cc7243555bf", "Andrew Morton", "2003-06-07",
        "2.5.71", "[PATCH] add bootmem failure warning" {
        ZERO_SIZE_WARNING:
            "prints \"__alloc_bootmem_core(): zero-sized request\" before the BUG()",
    }
    /// The 2.4.17 endless loop ends: restart only from a hint above the offset.
    M1C630A8D = "1c630a8df793686088620aa88913e3cb9b635353", "Andrew Morton", "2003-07-04",
        "2.5.75", "[PATCH] bootmem.c cleanups" {
        NO_RESTART_FROM_OFFSET:
            "gives up instead of restarting from the offset it began at (preferred > offset)",
    }
    /// After a conflict the scan resumes past the aligned index of the blocking page.
    M2DD23D7C = "2dd23d7ca4e9f133c2eff84c7a11d0751cf1c052", "Andrew Morton", "2003-07-17",
        "2.6.0-test2", "[PATCH] fix bootmem allocator on machines with holes in" {
        SKIP_PAST_CONFLICT:
            "resumes a scan that met a reserved page one alignment step past it, skipping an aligned slot",
    }
    /// `pgdat_list` sorted by `node_start_pfn` (2.6.0-test3 to test9); reverted by f2b4a98e
    /// before 2.6.0, so no 2.6.0 text has it.
    M7821370F = "7821370ff7a8e90b13e56c2f187f5edcf78c48f7", "Andrew Morton", "2003-07-31",
        "2.6.0-test3", "[PATCH] fix alloc_bootmem_low_pages" {}
    /// The hand-off starts at the frame of `node_boot_start` instead of at the node's
    /// `node_mem_map`. With a flat mem_map the two are the same frame except where the
    /// start pfn wraps in `node_boot_start` (an i386 node at or above 4 GiB); that case
    /// is marked, in every release from 2.6.0, as the hand-off keeps starting there
    /// (through `pfn_to_page()` from d41dee36 on).
    M767AA962 = "767aa962dc654d9e26fdc0d7c1df1a33b5f3f4ac", "Andrew Morton", "2003-08-06",
        "2.6.0-test3", "[PATCH] fix free_all_bootmem_core for virtual memmap" {
        HAND_OFF_FROM_BOOT_START:
            "starts the hand-off at the frame of node_boot_start, which is not the node's first frame when the start pfn wraps in node_boot_start",
    }
    /// The revert of 7821370f: nodes go to the head of `pgdat_list` again.
    F2B4A98E = "f2b4a98eec37cc56a1f4281288181f170b2bab76", "Jesse Barnes", "2003-11-16",
        "2.6.0-test10", "[PATCH] Fix bootmem breakage on ARM" {}
    /// "reserved twice" only with `CONFIG_DEBUG_BOOTMEM`.
    M7EE4EF58 = "7ee4ef584a582a24ce17b5af8e631146a7356f43", "Andrew Morton", "2004-02-18",
        "2.6.4", "[PATCH] Disable bootmem warning" {
        QUIET_DOUBLE_RESERVE:
            "keeps quiet about a page reserved twice unless CONFIG_DEBUG_BOOTMEM=y",
    }
    /// `BUG_ON()` conversions and no `dump_stack()` before the zero-size BUG: lines move.
    BC39E03B = "bc39e03b1b8dbcc80f11400a51e1c452baf8f2bb", "Andrew Morton", "2004-05-14",
        "2.6.7", "[PATCH] bootmem.c cleanup" {}
    /// `__alloc_bootmem_node()` falls back to every node.
    E2DCFB35 = "e2dcfb355e776f2bd2bd64b3e04cd1dd8d668aa9", "Anton Blanchard", "2004-06-26",
        "2.6.8", "[PATCH] __alloc_bootmem_node should not panic when it fails" {
        NODE_FALLS_BACK:
            "falls back to every node through __alloc_bootmem() when the node has no room",
    }
    /// Whole free words handed over as one block.
    FE92EBF3 = "fe92ebf3b40d54ba2a2ceb4806b07c654319133b", "Josh Aas", "2004-08-23",
        "2.6.9", "[PATCH] improve speed of freeing bootmem" {
        WHOLE_WORD_HAND_OFF:
            "hands a whole free word of pages over as one block of order ffs(BITS_PER_LONG) - 1",
    }
    /// A node's mem_map is allocated only while it has none (`pfn_to_page()` guard).
    M01AF8988 = "01af8988b3a146015f5d188741c7d2a23f1d7e1a", "Dave Hansen", "2004-08-23",
        "2.6.9", "[PATCH] don't pass mem_map into init functions" {
        MEM_MAP_ONCE:
            "keeps the mem_map a node already has instead of allocating another one",
    }
    /// The wrappers reach node 0 through `NODE_DATA(0)` instead of `contig_page_data`
    /// (the same node in the model) and lose their `#ifndef CONFIG_DISCONTIGMEM`, which
    /// 4b4b90a7 had put around them: under the option they are built again. Marked in
    /// every later release where a wrapper runs under the option.
    M86E060C6 = "86e060c6e181bdda01dee8477eb2ee5258c5389a", "Andy Whitcroft", "2004-11-07",
        "2.6.10", "[PATCH] bootmem use NODE_DATA" {
        CONTIG_CALLS_UNDER_DISCONTIGMEM:
            "builds init_bootmem(), reserve_bootmem(), free_bootmem() and free_all_bootmem() on NODE_DATA(0) under CONFIG_DISCONTIGMEM too",
    }
    /// `set_page_refs()` in the hand-off.
    M2954850E = "2954850ea90ffb25c0acff03398af95fbde3d034", "David Howells", "2005-01-04",
        "2.6.11", "[PATCH] VM routine fixes" {}
    /// i386's NUMA remap allocator, and `alloc_remap()` in `bootmem.h`.
    M6F167EC7 = "6f167ec721108c9282d54424516a12c805e3c306", "Dave Hansen", "2005-06-23",
        "2.6.13", "[PATCH] sparsemem base: simple NUMA remap space allocator",
        calls(adds: &[CallId::alloc_remap, CallId::remap_area]) {
        REMAP_ALLOC: "answers alloc_remap() from the node's remap area",
        MEM_MAP_FROM_REMAP: "takes the node's mem_map from its remap area, not from bootmem",
    }
    /// A node that spans no pages gets no mem_map.
    ECCE8424 = "ecce8424a505cfccb497e37a1d26ba89edc53b3c", "Dave Hansen", "2005-03-13",
        "2.6.12", "[PATCH] no arch-specific mem_map init" {
        EMPTY_NODE_NO_MEM_MAP:
            "allocates no mem_map for a node that spans no pages, where 2.6.11 took one struct page",
    }
    /// The pfn walk of `free_all_bootmem_core()` for sparsemem.
    D41DEE36 = "d41dee369bff3b9dcb6328d4d822926c28cc2594", "Andy Whitcroft", "2005-06-23",
        "2.6.13", "[PATCH] sparsemem memory model" {}
    /// `saved_max_pfn` for kdump.
    M92AA63A5 = "92aa63a5a1bf2e7b0c79e6716d24b76dbbdcf951", "Vivek Goyal", "2005-06-25",
        "2.6.13", "[PATCH] kdump: Retrieve saved max pfn", calls(adds: &[CallId::saved_max_pfn]) {
        SETS_SAVED_MAX_PFN: "sets saved_max_pfn, the variable kdump reads",
    }
    /// `ALIGN()` replaces the hand-written rounding; no change in behaviour.
    M8C0E33C1 = "8c0e33c133021ee241e9d51255b9fb18eb34ef0e", "Nick Wilson", "2005-06-25",
        "2.6.13", "[PATCH] Use ALIGN to remove duplicate code" {}
    /// Nodes appended to `pgdat_list` (2.6.14-rc1 and -rc2 only).
    M5D3D0F77 = "5d3d0f7704ed0bc7eaca0501eeae3e5da1ea6c87", "Andi Kleen", "2005-09-12",
        "2.6.14", "[PATCH] x86-64: Reverse order of bootmem lists" {}
    /// The revert of 5d3d0f77 before 2.6.14.
    M6E3254C4 = "6e3254c4e2927c117044a02acf5f5b56e1373053", "Linus Torvalds", "2005-09-30",
        "2.6.14", "Revert \"x86-64: Reverse order of bootmem lists\"" {}
    /// The `_limit` API for swiotlb.
    M281DD25C = "281dd25cdc0d6903929b79183816d151ea626341", "Yasunori Goto", "2005-10-19",
        "2.6.14", "[PATCH] swiotlb: make sure initial DMA allocations really are in DMA memory",
        calls(adds: LIMIT_API) {
        LIMIT_NODE_ABOVE: "answers NULL for a node that starts at or above the limit",
        LIMIT_ENDS_SCAN: "ends the scan at the limit's pfn, short of the node's end",
        LIMIT_IGNORES_HINT:
            "ignores the last_success hint, comparing the limit's pfn with the hint's byte offset",
        LIMIT_MACROS_NOT_ARCH:
            "leaves the seven alloc_bootmem*_limit() macros undefined under CONFIG_HAVE_ARCH_BOOTMEM_NODE, even where i386's mmzone.h defines the plain ones on node 0",
    }
    /// PageReserved removed from the page allocator.
    B5810039 = "b5810039a54e5babf428e9a1e89fc1940fabff11", "Nick Piggin", "2005-10-29",
        "2.6.15", "[PATCH] core remove PageReserved" {
        TAIL_COUNTS_ZERO:
            "sets the count of every tail page of a whole-word block to 0 after set_page_refs()",
    }
    /// The scan stops at the end of the node.
    M66D43E98 = "66d43e98ea6ff291cd4e524386bfb99105feb180", "Haren Myneni", "2005-12-12",
        "2.6.15", "[PATCH] fix in __alloc_bootmem_core() when there is no free page in first node's memory" {
        SCAN_STOPS_AT_NODE_END:
            "stops the scan at the end of the node (`if (i >= eidx) break;`) instead of testing the bit past it",
    }
    /// `__alloc_bootmem_low` replaces the `_limit` API.
    M008857C1 = "008857c1a49ccffc31a54c3ea7e182833bd61304", "Ravikiran G Thirumalai",
        "2006-01-06", "2.6.16", "[PATCH] Cleanup bootmem allocator and fix alloc_bootmem_low",
        calls(
            adds: &[CallId::__alloc_bootmem_low, CallId::__alloc_bootmem_low_node],
            removes: LIMIT_API
        ) {
        LOW_SKIPS_HIGH_NODE: "skips a node that starts at or above 4 GiB for a _low allocation",
        LOW_ENDS_SCAN:
            "ends a _low allocation's scan at pfn LOW32LIMIT >> PAGE_SHIFT, short of the last page below 4 GiB",
        LOW_IGNORES_HINT:
            "ignores the last_success hint of a _low allocation once the hint's byte offset reaches the limit's pfn",
        LOW_OUT_OF_MEMORY_PANIC:
            "prints \"low bootmem alloc of ... bytes failed!\" and panics \"Out of low memory\" when no node has room below 4 GiB",
        LOW_NODE_NO_FALLBACK:
            "returns NULL when the node has no room below 4 GiB, with no fallback to other nodes",
    }
    /// `__free_pages_bootmem()` for the hand-off.
    A226F6C8 = "a226f6c899799fe2c4919daa0767ac579c88f7bd", "David Howells", "2006-01-06",
        "2.6.16", "[PATCH] FRV: Clean up bootmem allocator's page freeing algorithm" {
        FREE_PAGES_BOOTMEM:
            "hands a whole free word of pages to the buddy lists through __free_pages_bootmem(), with no page check",
    }
}

/// The record of the commit with that full id.
pub fn find(id: &str) -> Option<&'static Commit> {
    COMMITS.iter().copied().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_is_whole_and_named_once() {
        for c in COMMITS {
            assert_eq!(c.id.len(), 40, "{}", c.title);
            assert!(c.id.bytes().all(|b| b.is_ascii_hexdigit()), "{}", c.id);
            assert_eq!(COMMITS.iter().filter(|d| d.id == c.id).count(), 1);
            assert_eq!(c.date.len(), 10, "{}", c.id);
            for p in c.paths {
                assert_eq!(p.commit, c.id);
            }
        }
        assert_eq!(find(M66D43E98.id).map(|c| c.author), Some("Haren Myneni"));
        assert_eq!(paths::SCAN_STOPS_AT_NODE_END.commit, M66D43E98.id);
    }
}
