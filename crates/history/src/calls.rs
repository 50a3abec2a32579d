//! The calls of the scenario language: their parameters, what they return, and where in
//! history each was added or removed.

/// What a call gives back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// Nothing (`void`).
    Nothing,
    /// A count or size.
    Number,
    /// A pointer: an address or NULL.
    Pointer,
}

/// What one parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// A node id, 0 to 63.
    Nid,
    /// A byte value, 0 to 255.
    Byte,
    /// Any `unsigned long`.
    Value,
}

/// One call of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSpec {
    /// Its name, as the kernel spells it.
    pub name: &'static str,
    /// Parameter names and kinds, in order.
    pub params: &'static [(&'static str, Param)],
    /// What it returns.
    pub returns: Returns,
}

use Param::{Byte, Nid, Value};
use Returns::{Nothing, Number, Pointer};

macro_rules! calls {
    ($( $name:literal ( $( $p:literal : $k:ident ),* ) -> $r:ident ;)*) => {
        /// Every call of the language, in the order of the spec's table.
        pub const CALLS: &[CallSpec] = &[
            $( CallSpec { name: $name, params: &[$( ($p, $k) ),*], returns: $r }, )*
        ];
    };
}

calls! {
    "init_bootmem"("start_pfn": Value, "pages": Value) -> Number;
    "init_bootmem_node"("nid": Nid, "freepfn": Value, "startpfn": Value, "endpfn": Value) -> Number;
    "bootmem_bootmap_pages"("pages": Value) -> Number;
    "free_bootmem"("addr": Value, "size": Value) -> Nothing;
    "free_bootmem_node"("nid": Nid, "addr": Value, "size": Value) -> Nothing;
    "reserve_bootmem"("addr": Value, "size": Value) -> Nothing;
    "reserve_bootmem_node"("nid": Nid, "addr": Value, "size": Value) -> Nothing;
    "__alloc_bootmem"("size": Value, "align": Value, "goal": Value) -> Pointer;
    "__alloc_bootmem_node"("nid": Nid, "size": Value, "align": Value, "goal": Value) -> Pointer;
    "alloc_bootmem"("size": Value) -> Pointer;
    "alloc_bootmem_low"("size": Value) -> Pointer;
    "alloc_bootmem_pages"("size": Value) -> Pointer;
    "alloc_bootmem_low_pages"("size": Value) -> Pointer;
    "alloc_bootmem_node"("nid": Nid, "size": Value) -> Pointer;
    "alloc_bootmem_pages_node"("nid": Nid, "size": Value) -> Pointer;
    "alloc_bootmem_low_pages_node"("nid": Nid, "size": Value) -> Pointer;
    "__alloc_bootmem_limit"("size": Value, "align": Value, "goal": Value, "limit": Value) -> Pointer;
    "__alloc_bootmem_node_limit"("nid": Nid, "size": Value, "align": Value, "goal": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_limit"("size": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_low_limit"("size": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_pages_limit"("size": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_low_pages_limit"("size": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_node_limit"("nid": Nid, "size": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_pages_node_limit"("nid": Nid, "size": Value, "limit": Value) -> Pointer;
    "alloc_bootmem_low_pages_node_limit"("nid": Nid, "size": Value, "limit": Value) -> Pointer;
    "__alloc_bootmem_low"("size": Value, "align": Value, "goal": Value) -> Pointer;
    "__alloc_bootmem_low_node"("nid": Nid, "size": Value, "align": Value, "goal": Value) -> Pointer;
    "alloc_remap"("nid": Nid, "size": Value) -> Pointer;
    "remap_area"("nid": Nid, "addr": Value, "size": Value) -> Nothing;
    "alloc_node_mem_map"("nid": Nid) -> Pointer;
    "saved_max_pfn"("value": Value) -> Nothing;
    "free_all_bootmem"() -> Number;
    "free_all_bootmem_node"("nid": Nid) -> Number;
    "memset"("addr": Value, "byte": Byte, "size": Value) -> Nothing;
}

/// The call of that name.
pub fn find(name: &str) -> Option<&'static CallSpec> {
    CALLS.iter().find(|c| c.name == name)
}

/// Where a call that some releases lack came from or went to, for "unavailable"
/// reports: which release brought it, with which commit, and which took it away.
pub fn history(name: &str) -> Option<&'static str> {
    const LIMIT_ADDED: &str = "added in 2.6.14 by 281dd25c \"swiotlb: make sure initial DMA \
        allocations really are in DMA memory\"; removed in 2.6.16 by 008857c1 \"Cleanup \
        bootmem allocator and fix alloc_bootmem_low\"";
    Some(match name {
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
    fn every_call_of_the_spec_is_known_once() {
        assert_eq!(CALLS.len(), 34);
        for c in CALLS {
            assert_eq!(
                CALLS.iter().filter(|d| d.name == c.name).count(),
                1,
                "{}",
                c.name
            );
        }
        assert_eq!(
            find("__alloc_bootmem_node").map(|c| c.params.len()),
            Some(4)
        );
        assert_eq!(find("alloc_bootmem_foo"), None);
    }

    #[test]
    fn calls_some_releases_lack_have_a_history() {
        assert!(history("alloc_bootmem_limit").is_some_and(|h| h.contains("281dd25c")));
        assert!(history("__alloc_bootmem_low").is_some_and(|h| h.contains("008857c1")));
        assert_eq!(history("alloc_bootmem"), None);
    }
}
