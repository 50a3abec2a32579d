//! Where in history the calls that some releases lack were added or removed.
//!
//! The calls themselves are defined once, in `bootmem_core::calls`.

use bootmem_core::CallId;

/// Where a call that some releases lack came from or went to, for "unavailable"
/// reports: which release brought it, with which commit, and which took it away.
pub fn history(call: CallId) -> Option<&'static str> {
    const LIMIT_ADDED: &str = "added in 2.6.14 by 281dd25c \"swiotlb: make sure initial DMA \
        allocations really are in DMA memory\"; removed in 2.6.16 by 008857c1 \"Cleanup \
        bootmem allocator and fix alloc_bootmem_low\"";
    Some(match call.name() {
        "__alloc_bootmem_limit"
        | "__alloc_bootmem_node_limit"
        | "alloc_bootmem_limit"
        | "alloc_bootmem_low_limit"
        | "alloc_bootmem_pages_limit"
        | "alloc_bootmem_low_pages_limit"
        | "alloc_bootmem_node_limit"
        | "alloc_bootmem_pages_node_limit"
        | "alloc_bootmem_low_pages_node_limit" => LIMIT_ADDED,
        "__alloc_bootmem_low" | "__alloc_bootmem_low_node" => {
            "added in 2.6.16 by 008857c1 \"Cleanup bootmem allocator and fix alloc_bootmem_low\""
        }
        "alloc_remap" => {
            "added in 2.6.13 by 6f167ec7 \"sparsemem base: simple NUMA remap space allocator\""
        }
        "remap_area" => {
            "alloc_remap()'s remap area exists from 2.6.13 (6f167ec7), and only with \
             CONFIG_HAVE_ARCH_ALLOC_REMAP=y"
        }
        "saved_max_pfn" => {
            "added in 2.6.13 by 92aa63a5 \"kdump: Retrieve saved max pfn\", and only with \
             CONFIG_CRASH_DUMP=y"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_some_releases_lack_have_a_history() {
        assert!(history(CallId::alloc_bootmem_limit).is_some_and(|h| h.contains("281dd25c")));
        assert!(history(CallId::__alloc_bootmem_low).is_some_and(|h| h.contains("008857c1")));
        assert_eq!(history(CallId::alloc_bootmem), None);
    }
}
