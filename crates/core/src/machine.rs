//! The simulated machine: memory, the memmap, the logs, and the arch helpers bootmem uses.
//!
//! Pointers are kernel virtual addresses held in a [`Ulong`]; zero is NULL. Memory is
//! reached through `phys_to_virt()`/`__pa()` with the profile's `PAGE_OFFSET`, so an
//! address computation that wraps lands where it would on the real machine.

use crate::memory::{MemoryLimit, PhysMem, MAX_WRITTEN_BYTES};
use crate::page::{log_hand_off, FreedRun, MemMap, Page};
use crate::profile::{Arch, BitSearch, Bitops, Config};
use crate::{CodePath, KResult, Stop, Ulong};

/// The most pages the nodes of one run may span together: 2^26 frames (256 GiB of
/// 4 KiB pages). Page state costs four bytes a frame once touched, so this bounds a
/// run to a few hundred MiB of memory however the scenario is written.
pub const MAX_NODE_PAGES: u64 = 1 << 26;

/// The most bit and word operations one run may perform before it is stopped: 2^28,
/// several times what a full boot of a 64 GiB machine needs (about 35 million), small
/// enough that a quadratic scan (2.4's candidate-by-candidate search for a block larger
/// than any free run of a gigabyte node) ends in a second or two.
pub const MAX_BIT_OPS: u64 = 1 << 28;

/// One machine, shared by every version.
pub struct Machine {
    arch: Arch,
    config: Config,
    mem: PhysMem,
    memmap: MemMap,
    printk: Vec<String>,
    paths: Vec<&'static CodePath>,
    call_start: usize,
    freed: Vec<FreedRun>,
    bit_ops: u64,
    bitops: Bitops,
}

impl Machine {
    /// A machine of profile `arch` running a kernel configured as `config`, whose
    /// memmap set-up leaves every frame as `initial_page`.
    pub fn new(arch: Arch, config: Config, initial_page: Page) -> Machine {
        Machine {
            mem: PhysMem::new(arch.bits_per_long),
            arch,
            config,
            memmap: MemMap::new(initial_page),
            printk: Vec::new(),
            paths: Vec::new(),
            call_start: 0,
            freed: Vec::new(),
            bit_ops: 0,
            bitops: Bitops::default(),
        }
    }

    /// Builds the machine's bit operations as the release's generation of the arch code
    /// has them.
    pub fn set_bitops(&mut self, bitops: Bitops) {
        self.bitops = bitops;
    }

    /// The generation of the arch's bit operations.
    pub fn bitops(&self) -> Bitops {
        self.bitops
    }

    /// The profile.
    pub fn arch(&self) -> &Arch {
        &self.arch
    }

    /// The kernel configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// An `unsigned long` of this machine's width.
    pub fn ul(&self, value: u64) -> Ulong {
        Ulong::new(value, self.arch.bits_per_long)
    }

    /// `BITS_PER_LONG`.
    pub fn bits_per_long(&self) -> u32 {
        self.arch.bits_per_long
    }

    /// `sizeof(long)`.
    pub fn sizeof_long(&self) -> u64 {
        u64::from(self.arch.bits_per_long / 8)
    }

    /// `PAGE_SHIFT`.
    pub fn page_shift(&self) -> u32 {
        self.arch.page_shift
    }

    /// `PAGE_SIZE`, an `unsigned long`.
    pub fn page_size(&self) -> Ulong {
        self.ul(self.arch.page_size())
    }

    /// `PAGE_MASK`.
    pub fn page_mask(&self) -> Ulong {
        !(self.page_size() - 1)
    }

    /// `SMP_CACHE_BYTES`.
    pub fn smp_cache_bytes(&self) -> Ulong {
        self.ul(self.arch.smp_cache_bytes)
    }

    /// `__pa(MAX_DMA_ADDRESS)`.
    pub fn max_dma_address(&self) -> Ulong {
        self.ul(self.arch.max_dma_address)
    }

    /// `sizeof(struct page)`.
    pub fn sizeof_struct_page(&self) -> Ulong {
        self.ul(self.arch.sizeof_struct_page)
    }

    /// `phys_to_virt(phys)`: may wrap to NULL on a 32-bit machine.
    pub fn phys_to_virt(&self, phys: Ulong) -> Ulong {
        phys + self.arch.page_offset
    }

    /// `__pa(virt)`.
    pub fn pa(&self, virt: Ulong) -> Ulong {
        virt - self.arch.page_offset
    }

    /// `virt_to_page()` expressed as the frame number it yields.
    pub fn virt_to_pfn(&self, virt: Ulong) -> u64 {
        (self.pa(virt) >> self.arch.page_shift).get()
    }

    /// `ffs()` as the kernel's headers define it: it takes an `int`, so only the low 32
    /// bits of an `unsigned long` argument count, and it returns 0 for zero.
    pub fn ffs(&self, value: Ulong) -> i32 {
        let low = value.get() as u32;
        if low == 0 {
            0
        } else {
            low.trailing_zeros() as i32 + 1
        }
    }

    fn limit(reason: MemoryLimit) -> Stop {
        Stop::Limit {
            reason: format!(
                "a write of {} bytes would take the simulated memory past {} MiB",
                reason.bytes,
                MAX_WRITTEN_BYTES >> 20
            ),
        }
    }

    /// `memset(ptr, byte, len)` through a kernel pointer. A length that would carry the
    /// write past the top of the virtual address space faults before it completes, as
    /// it would on the machine: the addresses after the wrap are user space, unmapped
    /// during boot.
    pub fn memset(&mut self, ptr: Ulong, byte: u8, len: Ulong) -> KResult<()> {
        if ptr.is_zero() && !len.is_zero() {
            return Err(Stop::oops("memset() through a NULL pointer"));
        }
        let top = 1u128 << self.arch.bits_per_long;
        if u128::from(ptr.get()) + u128::from(len.get()) > top {
            return Err(Stop::oops(format!(
                "memset() of {:#x} bytes from {:#x} runs past the top of the address space",
                len.get(),
                ptr.get()
            )));
        }
        let phys = self.pa(ptr).get();
        self.mem.fill(phys, byte, len.get()).map_err(Machine::limit)
    }

    /// A scenario's `memset(addr, byte, size)`: other boot code writing physical memory.
    pub fn memset_phys(&mut self, phys: Ulong, byte: u8, len: Ulong) -> KResult<()> {
        self.mem
            .fill(phys.get(), byte, len.get())
            .map_err(Machine::limit)
    }

    /// Reads one byte of physical memory.
    pub fn read_phys_u8(&self, phys: u64) -> u8 {
        self.mem.read_u8(phys)
    }

    /// How many writes memory has seen; see [`crate::LoopGuard`].
    pub fn writes(&self) -> u64 {
        self.mem.writes()
    }

    fn count_op(&mut self, n: u64) -> KResult<()> {
        self.bit_ops += n;
        if self.bit_ops > MAX_BIT_OPS {
            return Err(Stop::Limit {
                reason: format!(
                    "the run performed more than {MAX_BIT_OPS} bitmap operations; \
                     a real boot of the largest machine simulated needs far fewer"
                ),
            });
        }
        Ok(())
    }

    fn map_base(&self, map: Ulong, what: &str) -> KResult<u64> {
        if map.is_zero() {
            return Err(Stop::oops(format!("{what} on a NULL bitmap")));
        }
        Ok(self.pa(map).get())
    }

    /// `map[index]`: the `index`th `unsigned long` of a bitmap.
    pub fn map_word(&mut self, map: Ulong, index: Ulong) -> KResult<Ulong> {
        self.count_op(1)?;
        let base = self.map_base(map, "read")?;
        let bytes = self.arch.bits_per_long / 8;
        let addr = base.wrapping_add(index.get().wrapping_mul(u64::from(bytes)));
        Ok(self.ul(self.mem.read_word(addr, bytes)))
    }

    fn bit_addr(&self, base: u64, nr: Ulong) -> (u64, u8) {
        (base.wrapping_add(nr.get() / 8), 1u8 << (nr.get() % 8))
    }

    /// `test_bit(nr, map)`.
    pub fn test_bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        self.count_op(1)?;
        let base = self.map_base(map, "test_bit()")?;
        let (addr, bit) = self.bit_addr(base, nr);
        Ok(self.mem.read_u8(addr) & bit != 0)
    }

    /// `test_and_set_bit(nr, map)`.
    pub fn test_and_set_bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        self.count_op(1)?;
        let base = self.map_base(map, "test_and_set_bit()")?;
        let (addr, bit) = self.bit_addr(base, nr);
        let old = self.mem.read_u8(addr);
        self.mem.write_u8(addr, old | bit).map_err(Machine::limit)?;
        Ok(old & bit != 0)
    }

    /// `test_and_clear_bit(nr, map)`.
    pub fn test_and_clear_bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        self.count_op(1)?;
        let base = self.map_base(map, "test_and_clear_bit()")?;
        let (addr, bit) = self.bit_addr(base, nr);
        let old = self.mem.read_u8(addr);
        self.mem
            .write_u8(addr, old & !bit)
            .map_err(Machine::limit)?;
        Ok(old & bit != 0)
    }

    /// `find_next_zero_bit(map, size, offset)` as the profile's architecture has it.
    pub fn find_next_zero_bit(&mut self, map: Ulong, size: Ulong, offset: Ulong) -> KResult<Ulong> {
        match self.arch.bit_search {
            BitSearch::X86 => self.find_next_zero_bit_x86(map, size, offset),
            BitSearch::Ia64 => self.find_next_zero_bit_ia64(map, size, offset),
        }
    }

    /// The i386 and x86_64 `find_next_zero_bit()`: finish the partial first word, then
    /// `find_first_zero_bit()` over whole words with `repe scas`. Nothing clamps the
    /// answer to `size`: when no zero bit is found it is the end of the last word read.
    ///
    /// When the partial first word is also the last one, the remaining size is negative
    /// and rounds to zero words. i386 then returns the next word boundary (the `je` sees
    /// the flags of its own `xorl`); x86_64 in 2.6.12 to 2.6.14 read stale flags there,
    /// which 06024f21 "x86-64: bitops fix for -Os" (2.6.15) fixed to return the same
    /// boundary. The machine follows the defined answer for every release.
    fn find_next_zero_bit_x86(&mut self, map: Ulong, size: Ulong, offset: Ulong) -> KResult<Ulong> {
        let w = u64::from(self.arch.bits_per_long);
        let mut p = offset / w;
        let mut set = self.ul(0);
        let bit = offset % w;
        if !bit.is_zero() {
            let word = self.map_word(map, p)? >> bit.get() as u32;
            let inverted = !word;
            let first = if inverted.is_zero() {
                w
            } else {
                u64::from(inverted.get().trailing_zeros())
            };
            if first < w - bit.get() {
                return Ok(offset + first);
            }
            set = self.ul(w) - bit;
            p += 1;
        }
        let remaining = size - p * w;
        let res = self.find_first_zero_bit_x86(map, p, remaining)?;
        Ok(offset + set + res)
    }

    fn find_first_zero_bit_x86(
        &mut self,
        map: Ulong,
        first_word: Ulong,
        size: Ulong,
    ) -> KResult<Ulong> {
        let w = u64::from(self.arch.bits_per_long);
        if size.is_zero() {
            return Ok(self.ul(0));
        }
        let words = (size + (w - 1)) >> w.trailing_zeros();
        let mut k = self.ul(0);
        while k < words {
            let word = self.map_word(map, first_word + k)?;
            if word != u64::MAX {
                return Ok(k * w + u64::from((!word).get().trailing_zeros()));
            }
            k += 1;
        }
        Ok(words * w)
    }

    /// The ia64 `__find_next_zero_bit()`: plain C that never answers past `size`.
    fn find_next_zero_bit_ia64(
        &mut self,
        map: Ulong,
        size: Ulong,
        offset: Ulong,
    ) -> KResult<Ulong> {
        if offset >= size {
            return Ok(size);
        }
        let mut p = offset >> 6;
        let mut result = offset & !63u64;
        let mut size = size - result;
        let offset = offset & 63;
        let ones = self.ul(u64::MAX);
        let mut tmp;
        'found_middle: {
            'found_first: {
                if !offset.is_zero() {
                    tmp = self.map_word(map, p)?;
                    p += 1;
                    tmp |= ones >> (64 - offset.get() as u32);
                    if size < 64 {
                        break 'found_first;
                    }
                    if !(!tmp).is_zero() {
                        break 'found_middle;
                    }
                    size -= 64;
                    result += 64;
                }
                while !(size & !63u64).is_zero() {
                    tmp = self.map_word(map, p)?;
                    p += 1;
                    if !(!tmp).is_zero() {
                        break 'found_middle;
                    }
                    result += 64;
                    size -= 64;
                }
                if size.is_zero() {
                    return Ok(result);
                }
                tmp = self.map_word(map, p)?;
            }
            tmp |= ones << size.get() as u32;
            if tmp == u64::MAX {
                return Ok(result + size);
            }
        }
        Ok(result + u64::from((!tmp).get().trailing_zeros()))
    }

    /// Appends a line to the kernel log (without its `KERN_*` level).
    pub fn printk(&mut self, text: impl Into<String>) {
        self.printk.push(text.into());
    }

    /// The kernel log so far.
    pub fn printk_log(&self) -> &[String] {
        &self.printk
    }

    /// Marks the start of a scenario call: paths are recorded once per call, however
    /// often a loop takes them.
    pub fn begin_call(&mut self) {
        self.call_start = self.paths.len();
    }

    /// Records that `path` has just run; once per call, however often it runs.
    pub fn took(&mut self, path: &'static CodePath) {
        if !self.paths[self.call_start..]
            .iter()
            .any(|p| std::ptr::eq(*p, path))
        {
            self.paths.push(path);
        }
    }

    /// Every marked path taken so far, in order.
    pub fn paths_taken(&self) -> &[&'static CodePath] {
        &self.paths
    }

    /// The `struct page` of frame `pfn`.
    pub fn page(&self, pfn: u64) -> Page {
        self.memmap.get(pfn)
    }

    /// The `struct page` of frame `pfn`, for writing.
    pub fn page_mut(&mut self, pfn: u64) -> &mut Page {
        self.memmap.get_mut(pfn)
    }

    /// Records that a block of `1 << order` frames at `pfn` reached the page allocator.
    pub fn hand_off(&mut self, pfn: u64, order: u32, bad: bool) {
        log_hand_off(&mut self.freed, pfn, order, bad);
    }

    /// Everything handed to the page allocator, in order, as runs.
    pub fn freed(&self) -> &[FreedRun] {
        &self.freed
    }

    /// The set bits among the first `bits` bits of the bitmap at `map`, as half-open
    /// ranges of bit numbers, merged. Reading does not count against the run's budget.
    pub fn bitmap_runs(&self, map: Ulong, bits: u64) -> Vec<(u64, u64)> {
        let mut runs: Vec<(u64, u64)> = Vec::new();
        if map.is_zero() {
            return runs;
        }
        let base = self.pa(map).get();
        let mut i = 0u64;
        while i < bits {
            let byte = self.mem.read_u8(base.wrapping_add(i / 8));
            if i.is_multiple_of(8) && (byte == 0 || byte == 0xff) && i + 8 <= bits {
                if byte == 0xff {
                    push_run(&mut runs, i, i + 8);
                }
                i += 8;
                continue;
            }
            if byte & (1 << (i % 8)) != 0 {
                push_run(&mut runs, i, i + 1);
            }
            i += 1;
        }
        runs
    }
}

fn push_run(runs: &mut Vec<(u64, u64)>, start: u64, end: u64) {
    if let Some(last) = runs.last_mut() {
        if last.1 == start {
            last.1 = end;
            return;
        }
    }
    runs.push((start, end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(profile: &str) -> Machine {
        Machine::new(
            Arch::profile(profile).unwrap(),
            Config::default(),
            Page {
                reserved: true,
                count: 0,
            },
        )
    }

    #[test]
    fn phys_to_virt_wraps_to_null_on_i386() {
        let m = machine("i386");
        assert_eq!(m.phys_to_virt(m.ul(0x4000_0000)).get(), 0);
        assert_eq!(m.phys_to_virt(m.ul(0x1000)).get(), 0xc000_1000);
        assert_eq!(m.pa(m.ul(0xc000_1000)).get(), 0x1000);
    }

    #[test]
    fn the_bitmap_lives_in_memory() {
        let mut m = machine("x86_64");
        let map = m.phys_to_virt(m.ul(0x10_0000));
        m.memset(map, 0xff, m.ul(8)).unwrap();
        assert!(m.test_bit(m.ul(63), map).unwrap());
        assert!(!m.test_bit(m.ul(64), map).unwrap());
        assert!(m.test_and_clear_bit(m.ul(3), map).unwrap());
        assert_eq!(m.read_phys_u8(0x10_0000), 0xf7);
        m.memset_phys(m.ul(0x10_0000), 0, m.ul(1)).unwrap();
        assert!(!m.test_bit(m.ul(7), map).unwrap());
        assert_eq!(m.bitmap_runs(map, 70), vec![(8, 64)]);
    }

    #[test]
    fn a_memset_past_the_top_of_the_address_space_oopses() {
        let mut m = machine("x86_64");
        let ptr = m.phys_to_virt(m.ul(0x300_0000));
        assert!(matches!(
            m.memset(ptr, 0, m.ul(u64::MAX)),
            Err(Stop::Oops { .. })
        ));
        assert_eq!(m.memset(ptr, 0, m.ul(0x1000)), Ok(()));
        let mut m = machine("i386");
        let ptr = m.phys_to_virt(m.ul(0x300_0000));
        assert!(matches!(
            m.memset(ptr, 0, m.ul(0x4000_0000)),
            Err(Stop::Oops { .. })
        ));
    }

    #[test]
    fn a_null_bitmap_oopses() {
        let mut m = machine("x86_64");
        let zero = m.ul(0);
        assert!(matches!(m.test_bit(zero, zero), Err(Stop::Oops { .. })));
    }

    #[test]
    fn x86_bit_search_answers_past_size_when_nothing_is_free() {
        let mut m = machine("x86_64");
        let map = m.phys_to_virt(m.ul(0x10_0000));
        // 100 bits of bitmap, rounded up to two longs of 0xff as init_bootmem_core does.
        m.memset(map, 0xff, m.ul(16)).unwrap();
        let r = m.find_next_zero_bit(map, m.ul(100), m.ul(0)).unwrap();
        assert_eq!(r.get(), 128);
        let r = m.find_next_zero_bit(map, m.ul(100), m.ul(70)).unwrap();
        assert_eq!(r.get(), 128);
        m.test_and_clear_bit(m.ul(90), map).unwrap();
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(3)).unwrap().get(),
            90
        );
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(0)).unwrap().get(),
            90
        );
    }

    #[test]
    fn ia64_bit_search_stops_at_size() {
        let mut m = machine("ia64");
        let map = m.phys_to_virt(m.ul(0x10_0000));
        m.memset(map, 0xff, m.ul(16)).unwrap();
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(0)).unwrap().get(),
            100
        );
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(70))
                .unwrap()
                .get(),
            100
        );
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(100))
                .unwrap()
                .get(),
            100
        );
        m.test_and_clear_bit(m.ul(90), map).unwrap();
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(3)).unwrap().get(),
            90
        );
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(100), m.ul(91))
                .unwrap()
                .get(),
            100
        );
    }

    #[test]
    fn i386_bit_search_uses_thirty_two_bit_words() {
        let mut m = machine("i386");
        let map = m.phys_to_virt(m.ul(0x10_0000));
        m.memset(map, 0xff, m.ul(8)).unwrap();
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(40), m.ul(5)).unwrap().get(),
            64
        );
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(64), m.ul(33)).unwrap().get(),
            64
        );
    }

    #[test]
    fn paths_are_recorded_once_per_call() {
        static PATH: CodePath = CodePath {
            commit: "66d43e98ea6ff291cd4e524386bfb99105feb180",
            what: "stop the scan at the end of the node",
        };
        let mut m = machine("x86_64");
        m.begin_call();
        m.took(&PATH);
        m.took(&PATH);
        m.begin_call();
        m.took(&PATH);
        assert_eq!(m.paths_taken().len(), 2);
    }

    #[test]
    fn ffs_sees_only_the_low_thirty_two_bits() {
        let m = machine("x86_64");
        assert_eq!(m.ffs(m.ul(0x1_0000_0000)), 0);
        assert_eq!(m.ffs(m.ul(0x40_0000)), 23);
        assert_eq!(m.ffs(m.ul(64)), 7);
    }

    #[test]
    fn the_operation_budget_ends_runaway_scans() {
        let mut m = machine("x86_64");
        m.bit_ops = MAX_BIT_OPS;
        let map = m.phys_to_virt(m.ul(0x1000));
        assert!(matches!(m.test_bit(m.ul(0), map), Err(Stop::Limit { .. })));
    }
}
