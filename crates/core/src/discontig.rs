//! i386's NUMA architecture code that bootmem leans on: the decision of who defines
//! `reserve_bootmem()` and the `alloc_bootmem*()` macros under
//! `CONFIG_HAVE_ARCH_BOOTMEM_NODE` ([`ArchBootmemNode`]), and the remap space allocator
//! (`arch/i386/mm/discontig.c`, from 6f167ec7) that `bootmem.h` exposes as
//! `alloc_remap()` when `CONFIG_HAVE_ARCH_ALLOC_REMAP=y` ([`RemapSpace`]).
//!
//! Both are architecture code, not bootmem: every release that has them has the same
//! answer, so they live here once. A version crate asks [`ArchBootmemNode::of`] where
//! its `bootmem.h` guards the macros, keeps the macro bodies (its own text), and marks
//! the code path its commit records name; the crates that have `alloc_remap()` hold a
//! [`RemapSpace`].
//!
//! On i386 NUMA, `calculate_numa_remap_pages()` carves each node's `mem_map` (and its
//! `pg_data_t`) out of the top of the node before bootmem ever sees it, and
//! `setup_memory()` maps that memory into the kernel's virtual space: the node's remap
//! (KVA) area. `alloc_remap()` then hands it out with a bump pointer and never frees.
//!
//! A scenario declares the area with `remap_area(nid, addr, size)`. The simulator takes
//! `addr` to be the first byte `alloc_remap()` hands out, i.e. what `setup_memory()`
//! stores in `node_remap_alloc_vaddr[nid]` (discontig.c:330-331, the area's start plus the
//! page-rounded `pg_data_t`), and `addr + size` to be `node_remap_end_vaddr[nid]`
//! (discontig.c:328-329). Leaving the `pg_data_t` out of the declared area keeps the
//! statement to the two numbers `alloc_remap()` reads. The area is reached through
//! `phys_to_virt()`, so the zeroing `memset()` lands in simulated physical memory at
//! `addr`; the real KVA window maps the node's high memory at another virtual address,
//! which nothing here can observe. Bootmem is not told about the area, just as on i386,
//! where the node's bootmem range ends below it.

use crate::{KResult, Machine, Nid, Stop, Ulong, MAX_NUMNODES};

/// Who defines `reserve_bootmem()` and the seven `alloc_bootmem*()` macros on a machine.
///
/// From 2.5.34 to 2.6.16 `include/linux/bootmem.h` defines them only
/// `#ifndef CONFIG_HAVE_ARCH_BOOTMEM_NODE`, and `mm/bootmem.c` builds
/// `reserve_bootmem()` under the same test. With the option set, the architecture must
/// define them. Only i386 does, in `include/asm-i386/mmzone.h`: every one of them on
/// `NODE_DATA(0)`, the node argument of the `_node` macros ignored. Its header defines
/// them under `CONFIG_DISCONTIGMEM` up to 2.6.12, and from 2.6.13 under
/// `CONFIG_NEED_MULTIPLE_NODES`, which `mm/Kconfig` sets whenever `CONFIG_DISCONTIGMEM`
/// is set; the configuration here has no NUMA option apart from discontigmem, so the one
/// test serves every release. On any other machine, or without discontigmem, nothing
/// defines them, and a kernel that used one would not build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchBootmemNode {
    /// Without `CONFIG_HAVE_ARCH_BOOTMEM_NODE`: bootmem's own definitions, as in every
    /// defconfig.
    Generic,
    /// i386 with `CONFIG_DISCONTIGMEM`: the architecture's definitions, all on node 0.
    NodeZero,
    /// The option anywhere else: no definition at all.
    Missing,
}

impl ArchBootmemNode {
    /// The definitions the machine's architecture and configuration leave.
    pub fn of(m: &Machine) -> ArchBootmemNode {
        let config = m.config();
        if !config.have_arch_bootmem_node {
            ArchBootmemNode::Generic
        } else if config.discontigmem && m.arch().name == "i386" {
            ArchBootmemNode::NodeZero
        } else {
            ArchBootmemNode::Missing
        }
    }
}

/// `node_remap_alloc_vaddr[]` and `node_remap_end_vaddr[]` (discontig.c:118-119).
#[derive(Clone, Debug)]
pub struct RemapSpace {
    alloc_vaddr: Vec<Ulong>,
    end_vaddr: Vec<Ulong>,
}

impl RemapSpace {
    /// Static arrays start zeroed: no node has an area, and `alloc_remap()` finds NULL.
    pub fn new(m: &Machine) -> RemapSpace {
        RemapSpace {
            alloc_vaddr: vec![m.ul(0); MAX_NUMNODES],
            end_vaddr: vec![m.ul(0); MAX_NUMNODES],
        }
    }

    /// Declares node `nid`'s remap area as `setup_memory()` (discontig.c:324-331) leaves
    /// it: allocation starts at `addr` and must stay below `addr + size`. The statement
    /// exists only where the architecture provides `alloc_remap()`, which the call table
    /// checks before it gets here.
    pub fn remap_area(
        &mut self,
        m: &mut Machine,
        nid: Nid,
        addr: Ulong,
        size: Ulong,
    ) -> KResult<()> {
        let start = m.phys_to_virt(addr);
        match (self.alloc_vaddr.get_mut(nid), self.end_vaddr.get_mut(nid)) {
            (Some(alloc), Some(end)) => {
                *alloc = start;
                *end = start + size;
                Ok(())
            }
            _ => Err(out_of_range(nid)),
        }
    }

    /// `alloc_remap(nid, size)` (discontig.c:191-204): rounds `size` up to
    /// `L1_CACHE_BYTES` (on i386 the same number as `SMP_CACHE_BYTES`, which is what the
    /// profile gives), refuses when there is no area or when the end of the allocation
    /// would reach the end of the area (`>=`, so an exact fit is refused too), and
    /// otherwise bumps the pointer and zeroes what it returns.
    pub fn alloc_remap(&mut self, m: &mut Machine, nid: Nid, size: Ulong) -> KResult<Ulong> {
        let (Some(&allocation), Some(&end)) = (self.alloc_vaddr.get(nid), self.end_vaddr.get(nid))
        else {
            return Err(out_of_range(nid));
        };
        let size = size.align_up(m.smp_cache_bytes());

        if allocation.is_zero() || allocation + size >= end {
            return Ok(m.ul(0));
        }

        if let Some(alloc) = self.alloc_vaddr.get_mut(nid) {
            *alloc += size;
        }
        m.memset(allocation, 0, size)?;
        Ok(allocation)
    }
}

/// A node id past `MAX_NUMNODES` indexes past the end of the kernel's arrays; the
/// parser never produces one, and a library caller that does gets an oops rather than
/// a guess at what lies there.
fn out_of_range(nid: Nid) -> Stop {
    Stop::unmapped(format!(
        "node_remap_alloc_vaddr[{nid}] lies past the end of the array"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Arch, Config, Page};

    fn machine(arch: &str, have_arch_bootmem_node: bool, discontigmem: bool) -> Machine {
        let config = Config {
            have_arch_bootmem_node,
            discontigmem,
            ..Config::default()
        };
        let arch = Arch::profile(arch).unwrap_or_else(|| unreachable!("built-in profile"));
        Machine::new(
            arch,
            config,
            Page {
                reserved: true,
                count: 0,
            },
        )
    }

    #[test]
    fn only_i386_discontigmem_defines_the_calls_under_the_option() {
        for arch in Arch::NAMES {
            for discontig in [false, true] {
                assert_eq!(
                    ArchBootmemNode::of(&machine(arch, false, discontig)),
                    ArchBootmemNode::Generic,
                    "{arch} without the option"
                );
                let expected = if arch == "i386" && discontig {
                    ArchBootmemNode::NodeZero
                } else {
                    ArchBootmemNode::Missing
                };
                assert_eq!(
                    ArchBootmemNode::of(&machine(arch, true, discontig)),
                    expected,
                    "{arch} with the option, discontigmem {discontig}"
                );
            }
        }
    }
}
