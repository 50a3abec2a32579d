//! Machine profiles (`i386`, `x86_64`, `ia64`) and the kernel configuration of a run.

use std::fmt;

/// Which architecture's bit-search routines the machine has.
///
/// `find_next_zero_bit()` is arch code, not bootmem code, and the two families answer
/// differently when no zero bit is found: the x86 string-instruction versions scan whole
/// words and may return an index past `size`; the ia64 C version stops at `size`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitSearch {
    /// `arch/i386/lib/bitops.c` and `arch/x86_64/lib/bitops.c`.
    X86,
    /// `arch/ia64/lib/bitop.c`.
    Ia64,
}

/// Which generation of the architecture's bit operations a release was built with.
///
/// The bit operations and `find_next_zero_bit()` are arch code that changed under
/// bootmem over the years; the release picks the generation, the scenario the arch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Bitops {
    /// 2.4.x and 2.5.0 to 2.5.4: bit numbers are `int` on i386 and ia64 and `long` on
    /// x86_64 (`btq`); no bootmem text of these calls `find_next_zero_bit()`.
    Linux24,
    /// 2.5.5 to 2.6.8: bit numbers are `int` everywhere; x86_64's
    /// `find_next_zero_bit()` tests its first partial word as 64 bits and scans the rest
    /// as 32-bit words.
    Linux25,
    /// 2.6.9 on: bit numbers are `int`; x86_64 scans 64-bit words.
    #[default]
    Linux26,
}

/// The numbers that describe one simulated machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arch {
    /// Profile name as written after `arch` in a scenario.
    pub name: String,
    /// Width of `unsigned long`: 32 or 64.
    pub bits_per_long: u32,
    /// `PAGE_SHIFT`, 12 to 16.
    pub page_shift: u32,
    /// `SMP_CACHE_BYTES`, the alignment `alloc_bootmem()` asks for.
    pub smp_cache_bytes: u64,
    /// `__pa(MAX_DMA_ADDRESS)`, the goal `alloc_bootmem()` passes.
    pub max_dma_address: u64,
    /// `sizeof(struct page)`, used to size a node's `mem_map`.
    pub sizeof_struct_page: u64,
    /// `PAGE_OFFSET`: where the kernel maps physical address 0, so that
    /// `phys_to_virt()` can wrap to NULL exactly as it does on the real machine.
    pub page_offset: u64,
    /// Which `find_next_zero_bit()` the machine has.
    pub bit_search: BitSearch,
}

impl Arch {
    /// Names of the built-in profiles.
    pub const NAMES: [&'static str; 3] = ["i386", "x86_64", "ia64"];

    /// The built-in profile of that name.
    pub fn profile(name: &str) -> Option<Arch> {
        let (bits, shift, cache, dma, page, offset, search) = match name {
            "i386" => (32, 12, 32, 0x100_0000, 32, 0xc000_0000, BitSearch::X86),
            "x86_64" => (
                64,
                12,
                64,
                0x100_0000,
                56,
                0xffff_8100_0000_0000,
                BitSearch::X86,
            ),
            "ia64" => (
                64,
                14,
                128,
                0x1_0000_0000,
                56,
                0xe000_0000_0000_0000,
                BitSearch::Ia64,
            ),
            _ => return None,
        };
        Some(Arch {
            name: name.to_string(),
            bits_per_long: bits,
            page_shift: shift,
            smp_cache_bytes: cache,
            max_dma_address: dma,
            sizeof_struct_page: page,
            page_offset: offset,
            bit_search: search,
        })
    }

    /// `PAGE_SIZE`.
    pub fn page_size(&self) -> u64 {
        1 << self.page_shift
    }
}

impl Default for Arch {
    fn default() -> Arch {
        Arch::profile("x86_64").unwrap_or_else(|| unreachable!("x86_64 is built in"))
    }
}

/// The `CONFIG_*` options that change bootmem behaviour in some release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// `CONFIG_DEBUG_BOOTMEM`: 2.6's "reserved twice" printk.
    pub debug_bootmem: bool,
    /// `CONFIG_MMU`: `set_page_refs()` semantics.
    pub mmu: bool,
    /// `CONFIG_CRASH_DUMP`: `saved_max_pfn` exists.
    pub crash_dump: bool,
    /// `CONFIG_HAVE_ARCH_ALLOC_REMAP`: `alloc_remap()` is real.
    pub have_arch_alloc_remap: bool,
    /// `CONFIG_HAVE_ARCH_BOOTMEM_NODE` (2.5.34 to 2.6.16, i386 NUMA): the architecture,
    /// not bootmem, provides `reserve_bootmem()` and the `alloc_bootmem*()` macros (see
    /// [`crate::ArchBootmemNode`]).
    pub have_arch_bootmem_node: bool,
    /// `CONFIG_DISCONTIGMEM` (read by bootmem from 2.5.34): the contiguous-memory
    /// wrappers are not built from 2.5.42 to 2.6.9, and i386 defines its node-0 macros.
    pub discontigmem: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            debug_bootmem: false,
            mmu: true,
            crash_dump: false,
            have_arch_alloc_remap: false,
            have_arch_bootmem_node: false,
            discontigmem: false,
        }
    }
}

impl Config {
    /// Names accepted after `config`, without the `=y`/`=n`.
    pub const NAMES: [&'static str; 6] = [
        "CONFIG_DEBUG_BOOTMEM",
        "CONFIG_MMU",
        "CONFIG_CRASH_DUMP",
        "CONFIG_HAVE_ARCH_ALLOC_REMAP",
        "CONFIG_HAVE_ARCH_BOOTMEM_NODE",
        "CONFIG_DISCONTIGMEM",
    ];

    /// Sets one option by name; false if the name is unknown.
    pub fn set(&mut self, name: &str, on: bool) -> bool {
        match name {
            "CONFIG_DEBUG_BOOTMEM" => self.debug_bootmem = on,
            "CONFIG_MMU" => self.mmu = on,
            "CONFIG_CRASH_DUMP" => self.crash_dump = on,
            "CONFIG_HAVE_ARCH_ALLOC_REMAP" => self.have_arch_alloc_remap = on,
            "CONFIG_HAVE_ARCH_BOOTMEM_NODE" => self.have_arch_bootmem_node = on,
            "CONFIG_DISCONTIGMEM" => self.discontigmem = on,
            _ => return false,
        }
        true
    }

    /// Every option with its value, in `NAMES` order.
    pub fn options(&self) -> [(&'static str, bool); 6] {
        [
            (Config::NAMES[0], self.debug_bootmem),
            (Config::NAMES[1], self.mmu),
            (Config::NAMES[2], self.crash_dump),
            (Config::NAMES[3], self.have_arch_alloc_remap),
            (Config::NAMES[4], self.have_arch_bootmem_node),
            (Config::NAMES[5], self.discontigmem),
        ]
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (name, on) in self.options() {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{}={}", name, if on { 'y' } else { 'n' })?;
        }
        Ok(())
    }
}
