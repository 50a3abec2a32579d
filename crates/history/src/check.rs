//! The checkers: what real boot code would have to worry about even where the release
//! goes on, found after each call and reported as warnings on the call's line.
//!
//! They watch the run without touching it: they read the call's arguments and result,
//! the nodes' fields and how far the call's bit operations reached (which the machine
//! notes as it works, a range at a time), and keep two accounts of byte ranges, so that
//! their work is per call and per range, never per bit or per page. `docs/json.md`
//! ("Warnings") says what each checks and why.

use crate::parse::{Scenario, Statement};
use crate::run::Value;
use bootmem_core::{Call, Machine, NodeState, Returns, Ulong, MAX_NODE_PAGES};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Bound::{Excluded, Unbounded};

/// What a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// An allocation overlaps an earlier one that no call has freed.
    Overlap,
    /// A call's bit operations read or wrote past the end of a node's bitmap.
    PastBitmap,
    /// A node's bitmap lies outside the RAM of every node the scenario declares.
    BitmapOutsideRam,
    /// An allocation lies on a node's bitmap.
    OnBitmap,
    /// A free of memory that was freed before and neither reserved nor allocated since.
    FreeUnreserved,
}

impl WarningKind {
    /// The name the JSON and the text use.
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::Overlap => "overlap",
            WarningKind::PastBitmap => "past_bitmap",
            WarningKind::BitmapOutsideRam => "bitmap_outside_ram",
            WarningKind::OnBitmap => "on_bitmap",
            WarningKind::FreeUnreserved => "free_unreserved",
        }
    }
}

/// One warning, on the call whose line caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// What it is about.
    pub kind: WarningKind,
    /// What happened, with the addresses, bits and lines involved.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.kind.label())
    }
}

/// Disjoint half-open byte ranges, each with the scenario line that made it, kept by
/// their ends. Keyed so, the commonest change of a boot, an allocation carved from the
/// front of a free range, is a change of the range's start in place: one search of the
/// map, where keys by start took a removal and an insertion.
#[derive(Clone, Debug, Default)]
struct Ranges {
    by_end: BTreeMap<u64, (u64, usize)>,
}

impl Ranges {
    /// The first stored range that overlaps `[start, end)`: the first that ends past
    /// `start`, if it begins before `end`.
    fn first_overlap(&self, start: u64, end: u64) -> Option<(u64, u64, usize)> {
        // Most queries are of a block above every stored range (a boot allocates
        // upwards): the last range, found without a search, answers them.
        match self.by_end.last_key_value() {
            Some((&last_end, _)) if start < end && start < last_end => {}
            _ => return None,
        }
        self.by_end
            .range((Excluded(start), Unbounded))
            .next()
            .filter(|(_, &(a, _))| a < end)
            .map(|(&b, &(a, line))| (a, b, line))
    }

    /// Takes `[start, end)` out of every stored range, range by range from the first
    /// that overlaps it. The commonest cut, a range that goes on past `end`, is made
    /// through the one search that found it.
    fn remove(&mut self, start: u64, end: u64) {
        if start >= end {
            return;
        }
        // The commonest cut of all, an allocation from the front of the highest free
        // range, is made on the last entry, reached without a search; a cut above
        // every range needs none either.
        if let Some(mut last) = self.by_end.last_entry() {
            let (a, line) = *last.get();
            let e = *last.key();
            if e <= start {
                return;
            }
            if a <= start && end < e {
                last.get_mut().0 = end;
                if a < start {
                    self.by_end.insert(start, (a, line));
                }
                return;
            }
        }
        loop {
            let Some((&b, kept)) = self
                .by_end
                .range_mut((Excluded(start), Unbounded))
                .next()
                .filter(|(_, &mut (a, _))| a < end)
            else {
                return;
            };
            let (a, line) = *kept;
            if b > end {
                // The range goes on past the cut: its key stays and its start moves up,
                // and a part before the cut, if any, is a range of its own.
                kept.0 = end;
                if a < start {
                    self.by_end.insert(start, (a, line));
                }
                return;
            }
            self.by_end.remove(&b);
            if a < start {
                self.by_end.insert(start, (a, line));
            }
        }
    }

    /// Stores `[start, end)` as made by `line`, in place of whatever covered it.
    fn insert(&mut self, start: u64, end: u64, line: usize) {
        self.remove(start, end);
        self.insert_disjoint(start, end, line);
    }

    /// Stores `[start, end)` as made by `line`, where the caller knows that no stored
    /// range overlaps it.
    fn insert_disjoint(&mut self, start: u64, end: u64, line: usize) {
        if start < end {
            self.by_end.insert(end, (start, line));
        }
    }
}

/// The checkers' accounts over one run.
#[derive(Clone, Debug, Default)]
pub struct Checker {
    /// The RAM of every node the scenario declares, as byte ranges.
    ram: Vec<(u64, u64)>,
    /// Allocations no call has freed since, by the line that allocated them.
    live: Ranges,
    /// Memory freed to bootmem and neither reserved nor allocated since, by the line
    /// that freed it.
    free: Ranges,
}

/// The byte range `[addr, addr + size)`, cut at the top of the 64-bit space.
fn bytes(addr: u64, size: u64) -> (u64, u64) {
    (addr, addr.saturating_add(size))
}

/// A pfn as a byte address, cut at the top of the 64-bit space.
fn pfn_bytes(pfn: u64, page_shift: u32) -> u64 {
    u64::try_from(u128::from(pfn) << page_shift).unwrap_or(u64::MAX)
}

/// The size of a node's bitmap in bytes, as `init_bootmem_core()` computes it: a bit a
/// page of its span, rounded up to whole `unsigned long`s. The span is taken no larger
/// than the largest machine, as the trace reads it.
fn map_bytes(m: &Machine, n: &NodeState) -> u64 {
    let pages = (n.node_low_pfn - (n.node_boot_start >> m.page_shift()))
        .get()
        .min(MAX_NODE_PAGES);
    let long = u64::from(m.arch().bits_per_long / 8);
    pages.div_ceil(8).div_ceil(long) * long
}

/// The argument of the call's `size` parameter, for a call whose table row has one.
fn size_arg(s: &Statement) -> Option<u64> {
    let k = s
        .spec()
        .params
        .iter()
        .position(|(name, _)| *name == "size")?;
    s.call.arg(k)
}

impl Checker {
    /// The checker of a run of `scenario`: the nodes' RAM is what its node set-ups
    /// declare, wherever in the file they are.
    pub fn new(scenario: &Scenario) -> Checker {
        let shift = scenario.arch.page_shift;
        let bits = scenario.arch.bits_per_long;
        let ram = scenario
            .statements
            .iter()
            .filter_map(|s| s.node_setup())
            .map(|(_, start, end)| {
                let (start, end) = (Ulong::new(start, bits).get(), Ulong::new(end, bits).get());
                (pfn_bytes(start, shift), pfn_bytes(end, shift))
            })
            .collect();
        Checker {
            ram,
            ..Checker::default()
        }
    }

    /// Checks one call after it ran: `result` is what it returned, or `None` when it
    /// stopped the boot (then only how far its bit operations reached is checked).
    /// `nodes` are the nodes after the call.
    pub fn after_call(
        &mut self,
        m: &Machine,
        nodes: &[NodeState],
        s: &Statement,
        result: Option<Value>,
    ) -> Vec<Warning> {
        let mut out = Vec::new();
        self.reach(m, nodes, &mut out);
        match (&s.call, result) {
            (_, None) => {
                if let Call::free_bootmem { addr, size }
                | Call::free_bootmem_node { addr, size, .. } = s.call
                {
                    self.check_free(s.line, addr, size, &mut out);
                }
            }
            (Call::free_bootmem { addr, size } | Call::free_bootmem_node { addr, size, .. }, _) => {
                self.check_free(s.line, *addr, *size, &mut out);
                let (a, b) = bytes(*addr, *size);
                self.free.insert(a, b, s.line);
                self.live.remove(a, b);
            }
            (
                Call::reserve_bootmem { addr, size }
                | Call::reserve_bootmem_node { addr, size, .. },
                _,
            ) => {
                let (a, b) = bytes(*addr, *size);
                self.free.remove(a, b);
            }
            (_, Some(Value::Number(mapsize))) if s.node_setup().is_some() => {
                self.check_bitmap_place(m, s, mapsize, &mut out);
                // init_bootmem_core() sets every bit of the node again: nothing in it
                // is free any more, as at the start.
                if let Some((_, start, end)) = s.node_setup() {
                    let bits = m.arch().bits_per_long;
                    let (start, end) = (Ulong::new(start, bits).get(), Ulong::new(end, bits).get());
                    let shift = m.page_shift();
                    self.free
                        .remove(pfn_bytes(start, shift), pfn_bytes(end, shift));
                }
            }
            (_, Some(Value::Pointer(Some(addr)))) if s.spec().returns == Returns::Pointer => {
                if let Some(size) = size_arg(s) {
                    self.check_allocation(m, nodes, s.line, addr, size, &mut out);
                }
            }
            _ => {}
        }
        out
    }

    /// How far the call's bit operations reached into each node's bitmap.
    fn reach(&self, m: &Machine, nodes: &[NodeState], out: &mut Vec<Warning>) {
        for r in m.call_reach() {
            let Some(n) = nodes
                .iter()
                .find(|n| !n.node_bootmem_map.is_zero() && n.node_bootmem_map.get() == r.map)
            else {
                continue;
            };
            let size = map_bytes(m, n);
            if r.end <= size.saturating_mul(8) {
                continue;
            }
            let bit = r.end - 1;
            let byte = bit / 8;
            let start = m.pa(n.node_bootmem_map).get();
            out.push(Warning {
                kind: WarningKind::PastBitmap,
                message: format!(
                    "the bit operations reached bit {bit:#x} of node {}'s bitmap, in the byte \
                     at {:#x}, {} {} past the end of its {size} bytes at {start:#x}: memory \
                     that is not the bitmap",
                    n.nid,
                    start.wrapping_add(byte),
                    byte - size + 1,
                    if byte - size + 1 == 1 {
                        "byte"
                    } else {
                        "bytes"
                    },
                ),
            });
        }
    }

    fn check_free(&self, line: usize, addr: u64, size: u64, out: &mut Vec<Warning>) {
        let (a, b) = bytes(addr, size);
        if let Some((x, y, freed_at)) = self.free.first_overlap(a, b) {
            let (x, y) = (x.max(a), y.min(b));
            let when = if freed_at == line {
                "this line freed it before".to_string()
            } else {
                format!("line {freed_at} freed it")
            };
            out.push(Warning {
                kind: WarningKind::FreeUnreserved,
                message: format!(
                    "frees {x:#x}-{y:#x} again: {when} and no call has reserved or \
                     allocated it since"
                ),
            });
        }
    }

    fn check_bitmap_place(&self, m: &Machine, s: &Statement, mapsize: u64, out: &mut Vec<Warning>) {
        let Some((map, _, _)) = s.node_setup() else {
            return;
        };
        let map = Ulong::new(map, m.arch().bits_per_long).get();
        let (a, b) = bytes(pfn_bytes(map, m.page_shift()), mapsize);
        if !self.ram.iter().any(|&(lo, hi)| lo <= a && b <= hi) {
            out.push(Warning {
                kind: WarningKind::BitmapOutsideRam,
                message: format!(
                    "the bitmap at {a:#x}-{b:#x} ({mapsize} bytes) is not inside the RAM \
                     of any node the scenario declares"
                ),
            });
        }
    }

    fn check_allocation(
        &mut self,
        m: &Machine,
        nodes: &[NodeState],
        line: usize,
        addr: u64,
        size: u64,
        out: &mut Vec<Warning>,
    ) {
        let (a, b) = bytes(addr, size);
        let overlap = self.live.first_overlap(a, b);
        if let Some((x, y, by)) = overlap {
            out.push(Warning {
                kind: WarningKind::Overlap,
                message: format!(
                    "the block {a:#x}-{b:#x} overlaps {:#x}-{:#x} of the block line {by} \
                     allocated, which no call has freed",
                    x.max(a),
                    y.min(b)
                ),
            });
        }
        for n in nodes.iter().filter(|n| !n.node_bootmem_map.is_zero()) {
            let start = m.pa(n.node_bootmem_map).get();
            let (x, y) = bytes(start, map_bytes(m, n));
            if x < b && a < y {
                out.push(Warning {
                    kind: WarningKind::OnBitmap,
                    message: format!(
                        "the block {a:#x}-{b:#x} lies on node {}'s bitmap ({x:#x}-{y:#x}), \
                         which zeroing it marks free",
                        n.nid
                    ),
                });
            }
        }
        if overlap.is_some() {
            self.live.insert(a, b, line);
        } else {
            self.live.insert_disjoint(a, b, line);
        }
        self.free.remove(a, b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse::parse, run::run, versions};

    /// The kinds each call warned about, by line.
    fn warned(release: &str, text: &str) -> Vec<(usize, WarningKind)> {
        let s = parse("t.boot", text).unwrap();
        let t = run(versions::find(release).unwrap(), &s).unwrap();
        t.calls
            .iter()
            .flat_map(|c| c.warnings.iter().map(move |w| (c.line, w.kind)))
            .collect()
    }

    #[test]
    fn each_checker_fires_on_the_line_that_caused_it_and_nowhere_else() {
        let text = "arch x86_64\n\
            init_bootmem_node(1, 0x140, 0x100, 0x200)\n\
            init_bootmem_node(0, 0x180, 0x0, 0x100)\n\
            free_bootmem_node(0, 0x0, 0x100000)\n\
            free_bootmem_node(1, 0x100000, 0x100000)\n\
            reserve_bootmem_node(1, 0x140000, 0x1000)\n\
            __alloc_bootmem_node(0, 100, 0x10, 0)\n\
            __alloc_bootmem_node(0, 100, 0, 0)\n\
            __alloc_bootmem_node(1, 0x1000, 0x1000, 0x180000)\n\
            free_bootmem_node(1, 0x1c0000, 0x800)\n\
            init_bootmem_node(2, 0x400, 0x200, 0x240)\n\
            init_bootmem_node(0, 0x180, 0x0, 0x100)\n\
            free_bootmem_node(0, 0x0, 0x100000)\n";
        for release in ["2.4.0", "2.5.68", "2.6.16"] {
            assert_eq!(
                warned(release, text),
                [
                    (8, WarningKind::Overlap),
                    (9, WarningKind::OnBitmap),
                    (10, WarningKind::FreeUnreserved),
                    (11, WarningKind::BitmapOutsideRam),
                ],
                "{release}"
            );
        }
    }

    #[test]
    fn a_scan_past_the_bitmap_warns_where_the_release_reads_past_it() {
        // Node 0 full and searched first: 2.6.12 to 2.6.14 test the bit past its
        // 64 bits, 2.6.15 stops at the node's end.
        let text = "init_bootmem_node(1, 0x201, 0x40, 0x80)\n\
            init_bootmem_node(0, 0x200, 0x0, 0x40)\n\
            free_bootmem_node(1, 0x40000, 0x40000)\n\
            memset(0x200008, 0xff, 8)\n\
            __alloc_bootmem_node(0, 0x1000, 0x1000, 0)\n";
        let past = |release| {
            warned(release, text)
                .into_iter()
                .filter(|w| w.1 == WarningKind::PastBitmap)
                .collect::<Vec<_>>()
        };
        assert_eq!(past("2.6.12"), [(5, WarningKind::PastBitmap)]);
        assert_eq!(past("2.6.15"), []);
    }

    /// Random insertions and removals over 64 bytes, against a byte-by-byte account:
    /// every byte has the line of the last insertion that covered it, or none once a
    /// removal took it, and the first overlap is the first such byte.
    #[test]
    fn ranges_agree_with_a_byte_by_byte_account() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        for _ in 0..200 {
            let mut r = Ranges::default();
            let mut bytes: [Option<usize>; 64] = [None; 64];
            for line in 1..40 {
                let start = next(64);
                let end = start + next(65 - start);
                if next(2) == 0 {
                    r.insert(start, end, line);
                    for b in start..end {
                        bytes[b as usize] = Some(line);
                    }
                } else {
                    r.remove(start, end);
                    for b in start..end {
                        bytes[b as usize] = None;
                    }
                }
                let (qs, qe) = (next(64), next(65));
                let want = (qs..qe).find_map(|b| bytes[b as usize].map(|l| (b, l)));
                let got = r.first_overlap(qs, qe).map(|(a, _, l)| (a.max(qs), l));
                assert_eq!(got, want, "query {qs:#x}-{qe:#x} after line {line}");
                let mut covered = 0;
                let mut last_end = 0;
                for (&b, &(a, l)) in &r.by_end {
                    assert!(a < b && last_end <= a, "disjoint and not empty");
                    last_end = b;
                    for x in a..b {
                        assert_eq!(bytes[x as usize], Some(l));
                        covered += 1;
                    }
                }
                assert_eq!(covered, bytes.iter().filter(|b| b.is_some()).count());
            }
        }
    }

    #[test]
    fn ranges_stay_disjoint_and_split_where_cut() {
        let mut r = Ranges::default();
        r.insert(0x1000, 0x3000, 1);
        r.insert(0x2000, 0x4000, 2);
        assert_eq!(r.first_overlap(0x1800, 0x1900), Some((0x1000, 0x2000, 1)));
        assert_eq!(r.first_overlap(0x3800, 0x5000), Some((0x2000, 0x4000, 2)));
        r.remove(0x1800, 0x2800);
        assert_eq!(r.first_overlap(0x1800, 0x2800), None);
        assert_eq!(r.first_overlap(0x0, 0x1900), Some((0x1000, 0x1800, 1)));
        assert_eq!(r.first_overlap(0x2800, 0x2801), Some((0x2800, 0x4000, 2)));
        assert_eq!(r.first_overlap(0x4000, 0x5000), None);
        assert_eq!(r.first_overlap(5, 5), None);
    }
}
