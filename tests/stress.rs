//! The stress generator: deterministic boots of thousands of calls on 64 nodes that
//! every release runs to the end, for the stress suite in `properties.rs`.
//!
//! The random boots of `random.rs` end early on most releases (a `BUG()`, a panic, a
//! call the release lacks), which is what the properties want to explore. A stress
//! boot must instead keep every release busy for thousands of calls, so it uses only
//! calls every release has, and it keeps a model of the pages it reserved so that it
//! frees only pages that are reserved (a free of a free page is a `BUG()` in every
//! release) and reserves only inside nodes.

use std::fmt::Write;

/// The machine profiles a stress boot may have.
const ARCHES: [&str; 3] = ["x86_64", "i386", "ia64"];

/// Node ids the scenario language allows: all 64 are used.
pub const STRESS_NODES: usize = 64;

/// A small deterministic generator (xorshift64*), so that a stress boot is the same on
/// every machine and every run, and a failure names the seed that made it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One node of a stress boot: its first pfn and its size in pages; its bitmap is its
/// first page.
struct Node {
    start: u64,
    pages: u64,
    /// Which of its pages the boot has reserved explicitly and not freed since.
    reserved: Vec<bool>,
}

/// The text of stress boot number `seed`: 64 nodes, `calls` calls after the set-up
/// (which frees every node but its bitmap page and gives each node its `mem_map`), and
/// a `free_all_bootmem_node()` of every node at the end.
pub fn stress_boot(seed: u64, calls: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let arch = ARCHES[(seed % 3) as usize];
    let shift: u32 = if arch == "ia64" { 14 } else { 12 };
    let page = 1u64 << shift;
    let mut text =
        format!("# Stress boot {seed}: {calls} calls on {STRESS_NODES} nodes.\narch {arch}\n");
    let mut nodes = Vec::new();
    let mut at = 0x100u64;
    for _ in 0..STRESS_NODES {
        // Sizes around the word edges and a few hundred pages; starts aligned to 64
        // pages, so that every release's alignment arithmetic stays in the node.
        let pages = [64u64, 65, 127, 128, 200, 256, 511, 1024][rng.below(8) as usize];
        nodes.push(Node {
            start: at,
            pages,
            reserved: vec![false; pages as usize],
        });
        at = (at + pages + 64).next_multiple_of(64);
    }
    // Nodes are initialised in a shuffled order: pgdat_list order depends on it.
    let mut order: Vec<usize> = (0..STRESS_NODES).collect();
    for k in (1..order.len()).rev() {
        order.swap(k, rng.below(k as u64 + 1) as usize);
    }
    for &nid in &order {
        let n = &nodes[nid];
        let _ = writeln!(
            text,
            "init_bootmem_node({nid}, {:#x}, {:#x}, {:#x})",
            n.start,
            n.start,
            n.start + n.pages
        );
    }
    for (nid, n) in nodes.iter().enumerate() {
        let _ = writeln!(
            text,
            "free_bootmem_node({nid}, {:#x}, {:#x})",
            (n.start + 1) * page,
            (n.pages - 1) * page
        );
    }
    for nid in 0..STRESS_NODES {
        let _ = writeln!(text, "alloc_node_mem_map({nid})");
    }
    for _ in 0..calls {
        let nid = rng.below(STRESS_NODES as u64) as usize;
        let n = &mut nodes[nid];
        match rng.below(10) {
            0..=2 => {
                let size = [1u64, 8, 64, 100, 1000, 4096, 4097, 8192][rng.below(8) as usize];
                let _ = writeln!(text, "alloc_bootmem_node({nid}, {size:#x})");
            }
            3 => {
                let size = [1u64, 64, 4096][rng.below(3) as usize];
                let align = [8u64, 64, 1024, 4096][rng.below(4) as usize];
                let _ = writeln!(
                    text,
                    "__alloc_bootmem_node({nid}, {size:#x}, {align:#x}, 0)"
                );
            }
            4 => {
                let _ = writeln!(text, "alloc_bootmem_pages_node({nid}, {page:#x})");
            }
            5..=6 => {
                // Reserve a few whole pages anywhere in the node but its bitmap page:
                // reserving a reserved page is allowed (2.4 prints "reserved twice").
                let first = 1 + rng.below(n.pages - 1);
                let count = 1 + rng.below(4.min(n.pages - first));
                for p in first..first + count {
                    n.reserved[p as usize] = true;
                }
                let _ = writeln!(
                    text,
                    "reserve_bootmem_node({nid}, {:#x}, {:#x})",
                    (n.start + first) * page,
                    count * page
                );
            }
            7..=8 => {
                // Free a run of pages this boot reserved explicitly: they are reserved
                // in every release, and no allocation can have taken them.
                let Some(first) = (0..n.pages)
                    .map(|k| (k + rng.below(n.pages)) % n.pages)
                    .find(|&p| n.reserved[p as usize])
                else {
                    let _ = writeln!(text, "bootmem_bootmap_pages({:#x})", n.pages);
                    continue;
                };
                let mut count = 1;
                while first + count < n.pages && n.reserved[(first + count) as usize] && count < 4 {
                    count += 1;
                }
                for p in first..first + count {
                    n.reserved[p as usize] = false;
                }
                let _ = writeln!(
                    text,
                    "free_bootmem_node({nid}, {:#x}, {:#x})",
                    (n.start + first) * page,
                    count * page
                );
            }
            _ => {
                // Other boot code writing zeroes somewhere below the first node.
                let _ = writeln!(text, "memset({:#x}, 0, {:#x})", rng.below(0x80) * 64, 64);
            }
        }
    }
    for nid in 0..STRESS_NODES {
        let _ = writeln!(text, "free_all_bootmem_node({nid})");
    }
    text
}

/// How many stress boots a run checks, and how many calls each makes:
/// `BOOTMEM_STRESS=BOOTS,CALLS` (default `1,1000`: one boot of a thousand calls, a few
/// seconds; `8,5000` is the full strength of `docs/testing.md`).
pub fn stress_strength() -> (u64, usize) {
    let setting = std::env::var("BOOTMEM_STRESS").unwrap_or_default();
    let mut parts = setting.split(',').map(|p| p.trim().parse::<u64>().ok());
    let boots = parts.next().flatten().unwrap_or(1);
    let calls = parts.next().flatten().map_or(1000, |c| c as usize);
    (boots, calls)
}
