//! The simulated machine: memory, the memmap, the logs, and the arch helpers bootmem uses.
//!
//! Pointers are kernel virtual addresses held in a [`Ulong`]; zero is NULL. Memory is
//! reached through `phys_to_virt()`/`__pa()` with the profile's `PAGE_OFFSET`, so an
//! address computation that wraps lands where it would on the real machine.
//!
//! The bit operations and `find_next_zero_bit()` are the arch's, as the release's
//! generation of arch code had them ([`Bitops`]): bit numbers are `int` (sign-extended
//! from their low 32 bits) except on 2.4's x86_64, and a bitmap access that lands outside
//! the kernel's direct mapping (see [`Machine::add_ram`]) oopses with the address.

use crate::limits::Limits;
use crate::memory::{ChunkRef, MemoryLimit, PhysMem, CHUNK};
use std::convert::Infallible;
use std::ops::{Deref, DerefMut};

use crate::page::{hand_off_blocks, log_hand_off, FreedRun, MemMap, Page};
use crate::profile::{Arch, BitSearch, Bitops, Config};
use crate::steps::{Step, StepLog};
use crate::{CodePath, Costs, KResult, Stop, Ulong};

mod ranges;

/// The most pages the nodes of one run may span together: 2^30 frames (4 TiB of 4 KiB
/// pages). Page state is kept as runs of frames in one state and memory as chunks, so
/// what a run holds grows with what its calls make different, not with this span.
pub const MAX_NODE_PAGES: u64 = 1 << 30;

/// How many bitmaps a call's reach is kept for; a call touches one node's bitmap, or
/// a few when it falls back from node to node.
pub const MAX_REACH_MAPS: usize = 64;

/// How far a call's bit operations reached into one bitmap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitReach {
    /// The bitmap pointer the operations were given (a kernel virtual address).
    pub map: u64,
    /// One past the highest bit number read or written.
    pub end: u64,
}

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
    costs: Costs,
    call_costs: Costs,
    /// How far into each bitmap the current call's bit operations reached.
    reach: Vec<BitReach>,
    steps: u64,
    /// The bounds of the run.
    limits: Limits,
    /// The bitmap-operation count past which the next operation stops the run: the
    /// budget, or zero once another bound has been passed (see [`Machine::exceed`]).
    op_limit: u64,
    /// Bytes of kernel log kept.
    printk_bytes: u64,
    /// A bound passed where the kernel code cannot be stopped at once (a `struct page`
    /// write, a log line, a hand-off): the reason, for the stop that follows.
    exceeded: Option<String>,
    /// What the page operation of [`Machine::each_page`] did to its first frame.
    recording: Option<Recording>,
    /// Run every range operation bit by bit through the single-bit primitives: the
    /// literal semantics the fast paths are tested against.
    reference: bool,
    bitops: Bitops,
    /// Bit numbers are `long` (2.4's x86_64 `btq`), not `int`.
    nr_long: bool,
    /// Which `find_next_zero_bit()` runs: the profile's family and the generation.
    search: Search,
    /// RAM the machine has, as merged half-open physical byte ranges (its e820 map).
    ram: Vec<(u64, u64)>,
    /// The physical ranges the direct mapping covers, merged, inclusive; derived from
    /// `ram` on x86_64, everything on the other profiles.
    mapped: Vec<(u64, u64)>,
    /// The mapped range the last access fell in, so that the check costs two
    /// comparisons on the hot paths.
    window: (u64, u64),
    /// The step log, when the run asked for one (see [`Machine::record_steps`]).
    steps_log: Option<Box<StepLog>>,
    /// The last bitmap word read: physical address, width in bytes, value.
    last_word: (u64, u32, u64),
}

/// What a page operation did to the frame it ran on, watched so that it can be
/// repeated for frames in the same state.
struct Recording {
    pfn: u64,
    /// The end of the frames it may touch.
    end: u64,
    /// It touched or handed over some other frame, or more than once.
    foreign: bool,
    /// Its hand-off of the block at its first frame: the order, and the verdict.
    hand_off: Option<(u32, bool)>,
}

/// A `struct page` being changed; the change is stored when the handle is dropped.
pub struct PageMut<'a> {
    machine: &'a mut Machine,
    pfn: u64,
    page: Page,
}

impl Deref for PageMut<'_> {
    type Target = Page;

    fn deref(&self) -> &Page {
        &self.page
    }
}

impl DerefMut for PageMut<'_> {
    fn deref_mut(&mut self) -> &mut Page {
        &mut self.page
    }
}

impl Drop for PageMut<'_> {
    fn drop(&mut self) {
        self.machine.set_page(self.pfn, self.page);
    }
}

/// The `find_next_zero_bit()` a machine runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Search {
    /// i386, and x86_64 from 2.6.9: whole words of `BITS_PER_LONG` bits.
    X86,
    /// x86_64 of 2.5.9 to 2.6.8: a 64-bit first word, then 32-bit words.
    X86_64Dwords,
    /// ia64: plain C, never past `size`.
    Ia64,
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
            costs: Costs::default(),
            call_costs: Costs::default(),
            reach: Vec::new(),
            steps: 0,
            limits: Limits::default(),
            op_limit: Limits::default().bit_ops,
            printk_bytes: 0,
            exceeded: None,
            recording: None,
            reference: false,
            bitops: Bitops::default(),
            nr_long: false,
            search: Search::X86,
            ram: Vec::new(),
            mapped: vec![(0, u64::MAX)],
            window: (0, u64::MAX),
            steps_log: None,
            last_word: (0, 0, 0),
        }
        .with_bitops(Bitops::default())
    }

    /// Bounds the run (see [`Limits`]); a caller that knows the scenario passes bounds
    /// derived from what it declares.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
        self.mem.set_max_bytes(limits.written_bytes);
        if self.exceeded.is_none() {
            self.op_limit = limits.bit_ops;
        }
    }

    /// The bounds of the run.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Records that a bound was passed where the kernel code goes on (a `struct page`
    /// write, a log line, a hand-off): the next bitmap operation stops the run, and so
    /// does [`Machine::check_limits`] at the end of the call.
    fn exceed(&mut self, reason: String) {
        if self.exceeded.is_none() {
            self.exceeded = Some(reason);
        }
        self.op_limit = 0;
    }

    /// The `limit` stop for a bound passed during the call, if one was.
    pub fn check_limits(&self) -> KResult<()> {
        match &self.exceeded {
            Some(reason) => Err(Stop::Limit {
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    fn with_bitops(mut self, bitops: Bitops) -> Machine {
        self.set_bitops(bitops);
        self
    }

    /// Whether the profile runs the x86_64 arch code: the x86 family with 64-bit longs.
    fn is_x86_64(&self) -> bool {
        self.arch.bit_search == BitSearch::X86 && self.arch.bits_per_long == 64
    }

    /// Builds the machine's bit operations as the release's generation of the arch code
    /// has them.
    ///
    /// Bit numbers: `test_bit()`, `set_bit()`, `test_and_set_bit()` and
    /// `test_and_clear_bit()` take an `int` on i386 (`btl`, every release), on ia64
    /// (`(__u32 *)addr + (nr >> 5)`, every release) and on x86_64 from 2.5.5 (`btl`,
    /// `include/asm-x86_64/bitops.h`: 2.6.12 lines 28, 124, 163, 239); 2.4's x86_64
    /// takes a `long` (`btsq`/`btrq`/`btq`, 2.4.22 lines 36, 123, 162, 238).
    /// `find_next_zero_bit()`: see [`Machine::find_next_zero_bit`].
    pub fn set_bitops(&mut self, bitops: Bitops) {
        self.bitops = bitops;
        let x86_64 = self.is_x86_64();
        self.nr_long = x86_64 && bitops == Bitops::Linux24;
        self.search = match self.arch.bit_search {
            BitSearch::Ia64 => Search::Ia64,
            BitSearch::X86 if x86_64 && bitops == Bitops::Linux25 => Search::X86_64Dwords,
            BitSearch::X86 => Search::X86,
        };
    }

    /// Declares RAM at physical `[start, end)`: the machine's e820 map, which the arch
    /// knows before bootmem runs. Until some RAM is declared every address counts as
    /// mapped (a machine built without a scenario, as unit tests build it).
    ///
    /// The direct mapping this gives, checked on every bitmap access:
    /// - everywhere, nothing below physical address 0 is mapped (below `PAGE_OFFSET`
    ///   lies user space on i386 and on 2.4's x86_64, the guard hole on 2.6's x86_64, and
    ///   on ia64 region 6, whose identity addresses are not implemented);
    /// - x86_64 maps physical memory a gigabyte at a time: a gigabyte that holds no e820
    ///   entry is left unmapped, and the mapping ends at the top of RAM rounded up to
    ///   2 MiB (`phys_pud_init()`, 2.6.12 `arch/x86_64/mm/init.c` lines 213-252;
    ///   `phys_pgd_init()` with 1 GiB pgd entries in 2.4.22, lines 216-256). The first
    ///   gigabyte is always mapped: the kernel image and low memory live there;
    /// - i386 and ia64 add no other limit: i386 addresses wrap at 4 GiB as its memory
    ///   does, and ia64's region 7 maps every physical address.
    pub fn add_ram(&mut self, start: u64, end: u64) {
        if start >= end {
            return;
        }
        self.ram.push((start, end));
        self.ram.sort_unstable();
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(self.ram.len());
        for &(a, b) in &self.ram {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        self.ram = merged;
        if !self.is_x86_64() {
            return;
        }
        const GIB: u64 = 1 << 30;
        const PMD: u64 = 2 << 20;
        let top = self.ram.iter().map(|r| r.1).max().unwrap_or(0);
        let top = top.div_ceil(PMD).saturating_mul(PMD).max(GIB);
        // The gigabytes that hold RAM, below the top; the first always counts.
        let mut gigabytes: Vec<u64> = vec![0];
        for &(a, b) in &self.ram {
            for g in (a / GIB)..=((b - 1) / GIB) {
                if g.saturating_mul(GIB) >= top {
                    break;
                }
                if gigabytes.last() != Some(&g) {
                    gigabytes.push(g);
                }
            }
        }
        gigabytes.dedup();
        let mut mapped: Vec<(u64, u64)> = Vec::new();
        for g in gigabytes {
            let lo = g * GIB;
            let hi = lo.saturating_add(GIB).min(top) - 1;
            match mapped.last_mut() {
                Some(last) if last.1.checked_add(1) == Some(lo) => last.1 = hi,
                _ => mapped.push((lo, hi)),
            }
        }
        self.window = mapped[0];
        self.mapped = mapped;
    }

    /// Checks that the bitmap byte at `base + offset` (physical) is mapped and returns
    /// its physical address; `what` and `nr` say what was dereferenced.
    #[inline]
    fn mapped_at(&mut self, base: u64, offset: i64, what: &str, nr: i64) -> KResult<u64> {
        if let Some(addr) = base.checked_add_signed(offset) {
            if addr >= self.window.0 && addr <= self.window.1 {
                return Ok(addr);
            }
            if let Some(&w) = self
                .mapped
                .iter()
                .find(|&&(lo, hi)| addr >= lo && addr <= hi)
            {
                self.window = w;
                return Ok(addr);
            }
        }
        let phys = i128::from(base) + i128::from(offset);
        let virt = (phys + i128::from(self.arch.page_offset)) as u64;
        let virt = self.ul(virt).get();
        let place = if phys < 0 {
            format!("{:#x} bytes below physical address 0", -phys)
        } else {
            format!("physical address {phys:#x}, which the direct mapping does not cover")
        };
        Err(Stop::paging_request(
            virt,
            format!("{what} of bit {nr} of the bitmap at physical {base:#x} reaches {place}"),
        ))
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
                "a write of {} bytes would take the simulated memory holding data past \
                 {} KiB, the bound for this scenario (its bitmaps, its memset statements \
                 and 16 MiB more, at most {} MiB): the simulator keeps every byte written",
                reason.bytes,
                reason.max >> 10,
                crate::MAX_WRITTEN_BYTES >> 20
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
            return Err(Stop::past_top(format!(
                "memset() of {:#x} bytes from {:#x} runs past the top of the address space",
                len.get(),
                ptr.get()
            )));
        }
        let phys = self.pa(ptr).get();
        if byte == 0 {
            self.costs.bytes_zeroed += len.get();
        } else {
            self.costs.bytes_filled += len.get();
        }
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

    /// Checks the run's bounds after the counters moved: a bound passed earlier in the
    /// call, the budget of the C's bitmap operations, and the simulator's own steps.
    #[inline]
    fn charge(&mut self) -> KResult<()> {
        if self.costs.bitmap_ops() > self.op_limit {
            self.check_limits()?;
            return Err(Stop::Limit {
                reason: format!(
                    "the release's code performed more than {} bitmap operations, the \
                     bound on a run's time (about ten seconds of the C); a real boot of \
                     the largest machine simulated needs far fewer",
                    self.limits.bit_ops
                ),
            });
        }
        if self.steps > self.limits.sim_steps {
            return Err(Stop::Limit {
                reason: format!(
                    "the simulator took more than {} steps, the bound on a run's time \
                     where it cannot do the C's work a word or a run at a time",
                    self.limits.sim_steps
                ),
            });
        }
        Ok(())
    }

    /// Counts one bit-by-bit step of the simulator.
    #[inline]
    fn step(&mut self) -> KResult<()> {
        self.steps += 1;
        self.charge()
    }

    /// Makes every range operation run bit by bit through the single-bit primitives,
    /// the literal semantics; for the tests that prove the fast paths equal to it.
    #[doc(hidden)]
    pub fn use_reference_paths(&mut self, on: bool) {
        self.reference = on;
    }

    /// What the release's C has done so far in this run.
    pub fn costs(&self) -> Costs {
        self.costs
    }

    /// What the release's C has done since the current scenario call began.
    pub fn call_costs(&self) -> Costs {
        self.costs - self.call_costs
    }

    fn map_base(&self, map: Ulong, what: &str) -> KResult<u64> {
        if map.is_zero() {
            return Err(Stop::oops(format!("{what} on a NULL bitmap")));
        }
        Ok(self.pa(map).get())
    }

    /// `map[index]`: the `index`th `unsigned long` of a bitmap, read by the release's
    /// own code (the hand-off's word loop).
    pub fn map_word(&mut self, map: Ulong, index: Ulong) -> KResult<Ulong> {
        let word = self.word(map, index)?;
        if let Some(log) = self.steps_log.as_mut() {
            log.push(Step::Words {
                map: (map - self.arch.page_offset).get(),
                index: index.get(),
                count: 1,
                value: word.get(),
            });
        }
        Ok(word)
    }

    /// `map[index]`, as the arch's own code reads it.
    fn word(&mut self, map: Ulong, index: Ulong) -> KResult<Ulong> {
        let bytes = self.arch.bits_per_long / 8;
        let word = self.read_map(map, index.get(), bytes, "read")?;
        Ok(self.ul(word))
    }

    /// Reads the `index`th word of `bytes` bytes of a bitmap, counting one word read.
    #[inline]
    fn read_map(&mut self, map: Ulong, index: u64, bytes: u32, what: &str) -> KResult<u64> {
        self.costs.words_read += 1;
        let bits = u64::from(bytes) * 8;
        self.note_reach(map, index.saturating_add(1).saturating_mul(bits));
        self.step()?;
        let base = self.map_base(map, what)?;
        let offset = index.wrapping_mul(u64::from(bytes));
        // An offset past the signed range wraps the address space; the check sees it.
        let addr = self.mapped_at(base, offset as i64, what, index as i64)?;
        let word = self.mem.read_word(addr, bytes);
        self.last_word = (addr, bytes, word);
        Ok(word)
    }

    /// The byte and mask of bit `nr` of the bitmap at `map`: the bit number is an `int`
    /// (or a `long` on 2.4's x86_64) counted from `map`, so a negative one addresses
    /// bytes below the bitmap (`bt` with a register operand takes a signed offset).
    #[inline]
    fn bit_addr(&mut self, map: Ulong, nr: Ulong, what: &str) -> KResult<(u64, u8)> {
        let base = self.map_base(map, what)?;
        let nr = if self.nr_long {
            nr.get() as i64
        } else {
            i64::from(nr.get() as u32 as i32)
        };
        if nr >= 0 {
            self.note_reach(map, (nr as u64).saturating_add(1));
        }
        let addr = self.mapped_at(base, nr >> 3, what, nr)?;
        Ok((addr, 1u8 << (nr & 7)))
    }

    /// `test_bit(nr, map)`, called by the release's own code.
    pub fn test_bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        if self.steps_log.is_none() {
            return self.bit(nr, map);
        }
        let set = self.bit(nr, map)?;
        let (addr, _) = self.bit_addr(map, nr, "test_bit()")?;
        let value = self.mem.read_u8(addr);
        let step = Step::Test {
            map: self.pa(map).get(),
            nr: nr.get(),
            byte: addr,
            value,
            set,
            repeats: 1,
            stride: 0,
        };
        self.log(step);
        Ok(set)
    }

    /// `test_bit(nr, map)` inside one of the machine's loops.
    fn bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        self.costs.test_bit += 1;
        self.step()?;
        let (addr, bit) = self.bit_addr(map, nr, "test_bit()")?;
        Ok(self.mem.read_u8(addr) & bit != 0)
    }

    /// Starts the step log of the run (see [`StepLog`]); it records until
    /// [`Machine::take_steps`].
    pub fn record_steps(&mut self) {
        self.steps_log = Some(Box::default());
    }

    /// The step log so far, which stops recording.
    pub fn take_steps(&mut self) -> Option<StepLog> {
        self.steps_log.take().map(|mut log| {
            log.flush();
            *log
        })
    }

    /// Records `step` in the step log, if there is one.
    #[inline]
    fn log(&mut self, step: Step) {
        if let Some(log) = self.steps_log.as_mut() {
            log.push(step);
        }
    }

    /// Whether the step log is recording.
    #[inline]
    fn logging(&self) -> bool {
        self.steps_log.is_some()
    }

    /// Notes in the step log that the scan found nothing from index `from` and starts
    /// again from index `to`.
    pub fn note_restart(&mut self, from: Ulong, to: Ulong) {
        self.log(Step::Restart {
            from: from.get(),
            to: to.get(),
        });
    }

    /// Notes in the step log the sub-page merge decision at index `start` for an
    /// allocation aligned to `align`, with `last_pos` and `last_offset` as they stood.
    pub fn note_merge(
        &mut self,
        start: Ulong,
        align: Ulong,
        last_pos: Ulong,
        last_offset: Ulong,
        merged: bool,
    ) {
        self.log(Step::SubPageMerge {
            start: start.get(),
            align: align.get(),
            last_pos: last_pos.get(),
            last_offset: last_offset.get(),
            merged,
        });
    }

    /// `test_and_set_bit(nr, map)`.
    pub fn test_and_set_bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        self.costs.test_and_set_bit += 1;
        self.step()?;
        let (addr, bit) = self.bit_addr(map, nr, "test_and_set_bit()")?;
        let old = self.mem.read_u8(addr);
        self.mem.write_u8(addr, old | bit).map_err(Machine::limit)?;
        Ok(old & bit != 0)
    }

    /// `test_and_clear_bit(nr, map)`.
    pub fn test_and_clear_bit(&mut self, nr: Ulong, map: Ulong) -> KResult<bool> {
        self.costs.test_and_clear_bit += 1;
        self.step()?;
        let (addr, bit) = self.bit_addr(map, nr, "test_and_clear_bit()")?;
        let old = self.mem.read_u8(addr);
        self.mem
            .write_u8(addr, old & !bit)
            .map_err(Machine::limit)?;
        Ok(old & bit != 0)
    }

    /// `find_next_zero_bit(map, size, offset)` as the profile's architecture had it in
    /// the release's generation of arch code.
    ///
    /// - i386 (`int size, int offset`, every release) and x86_64 from 2.6.9 (`long`,
    ///   `arch/x86_64/lib/bitops.c` of 1a87fc37ad "New x86-64 merge"): whole words of
    ///   `BITS_PER_LONG` bits; see `find_next_zero_bit_x86`.
    /// - x86_64 of 2.5.9 to 2.6.8 (`int size, int offset`, `include/asm-x86_64/bitops.h`,
    ///   2.6.8 lines 265-318): a 64-bit first word, then 32-bit words with 32-bit
    ///   arithmetic; see `find_next_zero_bit_x86_64_dwords`.
    /// - ia64 (`unsigned long size, offset`): see `find_next_zero_bit_ia64`.
    ///
    /// Bootmem passes sizes and offsets below 2^26 (a node spans at most that many
    /// frames here), so the `int` parameters of i386 never truncate. No 2.4 text calls
    /// the function; a 2.4 machine answers as 2.6's.
    pub fn find_next_zero_bit(&mut self, map: Ulong, size: Ulong, offset: Ulong) -> KResult<Ulong> {
        self.costs.find_next_zero_bit += 1;
        let words = self.costs.words_read;
        let answer = match self.search {
            Search::X86 => self.find_next_zero_bit_x86(map, size, offset),
            Search::X86_64Dwords => self.find_next_zero_bit_x86_64_dwords(map, size, offset),
            Search::Ia64 => self.find_next_zero_bit_ia64(map, size, offset),
        }?;
        if self.logging() {
            let words = self.costs.words_read - words;
            let step = Step::Search {
                map: self.pa(map).get(),
                size: size.get(),
                offset: offset.get(),
                answer: answer.get(),
                words,
                last_word: (words > 0).then_some(self.last_word),
                repeats: 1,
                stride: 0,
                answer_stride: 0,
            };
            self.log(step);
        }
        Ok(answer)
    }

    /// The x86_64 `find_next_zero_bit()` of 2.5.9 to 2.6.8, all in its header.
    ///
    /// The first partial word is tested as 64 bits (`bsfq`, `cmoveq` 64 when it is all
    /// ones). The rest goes to `find_first_zero_bit(p, size - 64 * (p - addr))`, whose
    /// `size` parameter is an `unsigned` (32 bits) and which runs `repe scasl` over
    /// `(size + 31) >> 5` dwords, computed in 32 bits. So with nothing free the answer
    /// is the end of the last *dword* read: a full 96-bit bitmap answers 96, where 2.6.9
    /// answers 128.
    ///
    /// The corner where the partial first word is also the last: the remaining size is
    /// -1 to -63. From -1 to -31 the dword count wraps to 0, `repe scasl` does nothing
    /// and `je` sees the flags of the `xorl` before it (ZF set), so the search answers
    /// the next 64-bit boundary. From -32 to -63 the count is 0x7ffffff: the scan runs on
    /// through whatever lies past the bitmap (up to 512 MiB) until a dword is not all
    /// ones, each dword read counting against the run's budget. Every sum is C's: the
    /// answer is an `int`, sign-extended into bootmem's `unsigned long`.
    fn find_next_zero_bit_x86_64_dwords(
        &mut self,
        map: Ulong,
        size: Ulong,
        offset: Ulong,
    ) -> KResult<Ulong> {
        let size = i64::from(size.get() as u32 as i32);
        let offset = offset.get() as u32 as i32;
        let mut p = i64::from(offset >> 6);
        let bit = (offset & 63) as u32;
        let mut set = 0u64;
        let as_int = |m: &Machine, v: u64| m.ul(i64::from(v as u32 as i32) as u64);
        if bit != 0 {
            let word = self.read_map(map, p as u64, 8, "read")? >> bit;
            let first = if word == u64::MAX {
                64
            } else {
                u64::from((!word).trailing_zeros())
            };
            if first < u64::from(64 - bit) {
                return Ok(as_int(self, first.wrapping_add(offset as i64 as u64)));
            }
            set = u64::from(64 - bit);
            p += 1;
        }
        let remaining = (size - 64 * p) as u32;
        let res = self.find_first_zero_bit_dwords(map, (p as u64).wrapping_mul(2), remaining)?;
        let total = (offset as i64 as u64)
            .wrapping_add(set)
            .wrapping_add(i64::from(res) as u64);
        Ok(as_int(self, total))
    }

    /// The `repe scasl` search of 2.5.9 to 2.6.8's x86_64 `find_first_zero_bit()`, from
    /// dword `first` of the bitmap, over `(size + 31) >> 5` dwords; the result is an
    /// `int`.
    fn find_first_zero_bit_dwords(&mut self, map: Ulong, first: u64, size: u32) -> KResult<i32> {
        if size == 0 {
            return Ok(0);
        }
        let dwords = u64::from(size.wrapping_add(31) >> 5);
        let mut k = 0u64;
        while k < dwords {
            // Dwords of all ones are passed over together, their reads counted.
            k += self.ones_words(map, first.wrapping_add(k), dwords - k, 4)?;
            if k >= dwords {
                break;
            }
            let dword = self.read_map(map, first.wrapping_add(k), 4, "read")?;
            if dword != u64::from(u32::MAX) {
                let found = k * 32 + u64::from((!dword as u32).trailing_zeros());
                return Ok(found as u32 as i32);
            }
            k += 1;
        }
        Ok((dwords * 32) as u32 as i32)
    }

    /// The i386 and x86_64 `find_next_zero_bit()`: finish the partial first word, then
    /// `find_first_zero_bit()` over whole words with `repe scas`. Nothing clamps the
    /// answer to `size`: when no zero bit is found it is the end of the last word read.
    ///
    /// When the partial first word is also the last one, the remaining size is negative
    /// and rounds to zero words. i386 then returns the next word boundary (the `je` sees
    /// the flags of its own `xorl`); x86_64 in 2.6.9 to 2.6.14 read stale flags there,
    /// which 06024f21 "x86-64: bitops fix for -Os" (2.6.15) fixed to return the same
    /// boundary. The machine follows the defined answer for every release.
    fn find_next_zero_bit_x86(&mut self, map: Ulong, size: Ulong, offset: Ulong) -> KResult<Ulong> {
        let w = u64::from(self.arch.bits_per_long);
        let mut p = offset / w;
        let mut set = self.ul(0);
        let bit = offset % w;
        if !bit.is_zero() {
            let word = self.word(map, p)? >> bit.get() as u32;
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
            // Words of all ones are passed over together, their reads counted.
            k += self.ones_words(map, (first_word + k).get(), (words - k).get(), w / 8)?;
            if k >= words {
                break;
            }
            let word = self.word(map, first_word + k)?;
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
                    tmp = self.word(map, p)?;
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
                    // Words of all ones are passed over together, their reads counted.
                    let ones = self.ones_words(map, p.get(), (size >> 6).get(), 8)?;
                    p += ones;
                    result += ones * 64;
                    size -= ones * 64;
                    if (size & !63u64).is_zero() {
                        break;
                    }
                    tmp = self.word(map, p)?;
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
                tmp = self.word(map, p)?;
            }
            tmp |= ones << size.get() as u32;
            if tmp == u64::MAX {
                return Ok(result + size);
            }
        }
        Ok(result + u64::from((!tmp).get().trailing_zeros()))
    }

    /// Appends a line to the kernel log (without its `KERN_*` level).
    ///
    /// The log is bounded (see [`Limits`]): a line past the bound is not kept, and the
    /// run stops at its next bitmap operation or at the end of the call.
    pub fn printk(&mut self, text: impl Into<String>) {
        let text = text.into();
        let bytes = self.printk_bytes + text.len() as u64;
        if self.printk.len() as u64 >= self.limits.printk_lines || bytes > self.limits.printk_bytes
        {
            let (lines, max) = (self.limits.printk_lines, self.limits.printk_bytes);
            self.exceed(format!(
                "the kernel log would pass {lines} lines or {} KiB, the bound on the log \
                 a trace keeps; a real boot prints a handful of lines",
                max >> 10
            ));
            return;
        }
        self.printk_bytes = bytes;
        self.printk.push(text);
    }

    /// The kernel log so far.
    pub fn printk_log(&self) -> &[String] {
        &self.printk
    }

    /// Marks the start of a scenario call: paths are recorded once per call, however
    /// often a loop takes them.
    pub fn begin_call(&mut self) {
        self.call_start = self.paths.len();
        self.call_costs = self.costs;
        self.reach.clear();
    }

    /// How far into each bitmap the bit operations of the current call reached: for
    /// every bitmap pointer they were given, one past the highest bit they read or
    /// wrote (`test_bit()` and its kin, the words `find_next_zero_bit()` and the
    /// hand-off read, the range loops up to where they stopped). The checkers compare
    /// it with each node's bitmap size.
    pub fn call_reach(&self) -> &[BitReach] {
        &self.reach
    }

    /// Notes that a bit operation on the bitmap at `map` reached bit `end - 1`. Kept
    /// per call for at most [`MAX_REACH_MAPS`] bitmaps (one per node a call can
    /// touch), so it costs a short search per operation.
    #[inline]
    pub(crate) fn note_reach(&mut self, map: Ulong, end: u64) {
        let map = map.get();
        if let Some(r) = self.reach.iter_mut().find(|r| r.map == map) {
            r.end = r.end.max(end);
        } else if self.reach.len() < MAX_REACH_MAPS {
            self.reach.push(BitReach { map, end });
        }
    }

    /// Records that `path` has just run; once per call, however often it runs.
    ///
    /// The step log notes it where it first runs in the call: the fast paths run a
    /// page operation once for a stretch of frames, so how often a path runs is not
    /// the release's to tell.
    pub fn took(&mut self, path: &'static CodePath) {
        if !self.paths[self.call_start..]
            .iter()
            .any(|p| std::ptr::eq(*p, path))
        {
            self.paths.push(path);
            self.log(Step::Path(path));
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

    /// The `struct page` of frame `pfn`, for writing: the change is stored when the
    /// returned handle is dropped.
    pub fn page_mut(&mut self, pfn: u64) -> PageMut<'_> {
        let page = self.memmap.get(pfn);
        PageMut {
            machine: self,
            pfn,
            page,
        }
    }

    /// Sets the `struct page` of frame `pfn`.
    ///
    /// Page state is kept as runs, and the number of runs is bounded (see [`Limits`]):
    /// a write that would pass it goes nowhere, and the run stops at its next bitmap
    /// operation or at the end of the call.
    pub fn set_page(&mut self, pfn: u64, page: Page) {
        if let Some(rec) = &mut self.recording {
            rec.foreign |= pfn < rec.pfn || pfn >= rec.end;
        }
        if self.memmap.runs() as u64 + 2 > self.limits.page_runs && self.memmap.get(pfn) != page {
            let max = self.limits.page_runs;
            self.exceed(format!(
                "the kernel would write the struct page of frame {pfn:#x}, past the {max} \
                 runs of page state the simulator keeps (frames in one state are one run): \
                 a real boot leaves a few runs a node"
            ));
            return;
        }
        self.memmap.set(pfn, page);
    }

    /// Records that a block of `1 << order` frames at `pfn` reached the page allocator.
    pub fn hand_off(&mut self, pfn: u64, order: u32, bad: bool) {
        if let Some(rec) = &mut self.recording {
            rec.foreign |=
                pfn != rec.pfn || rec.hand_off.is_some() || (1u64 << order) != rec.end - rec.pfn;
            rec.hand_off = Some((order, bad));
        }
        if self.exceeded.is_some() {
            return;
        }
        self.costs.pages_freed += 1 << order;
        log_hand_off(&mut self.freed, pfn, order, bad);
        self.log(Step::HandOff {
            pfn,
            order,
            blocks: 1,
            bad,
        });
        self.check_hand_offs();
    }

    /// Ends the run (see [`Machine::exceed`]) once the hand-off log passes its bound.
    fn check_hand_offs(&mut self) {
        if self.freed.len() as u64 > self.limits.hand_offs {
            self.freed.pop();
            let max = self.limits.hand_offs;
            self.exceed(format!(
                "the hand-off to the page allocator would pass {max} entries (runs of \
                 consecutive blocks), the bound on the log a trace keeps"
            ));
        }
    }

    /// Runs `page_op`, the release's code for one page frame, on every frame of
    /// `[first, first + count)` in ascending order, as the C's loop over them does.
    ///
    /// The work is done once per stretch of frames in the same state: `page_op` runs
    /// on the stretch's first frame, and when all it did was change that frame's state
    /// and hand that one frame over, the same is done to the rest of the stretch at
    /// once; its costs count every frame. Anything else (a log line, another frame
    /// touched, a stop) and it runs frame by frame, as it always does under
    /// [`Machine::use_reference_paths`].
    pub fn each_page(
        &mut self,
        first: u64,
        count: u64,
        page_op: impl FnMut(&mut Machine, u64) -> KResult<()>,
    ) -> KResult<()> {
        self.each_block_with(first, 1, count, page_op, Machine::charge)
    }

    /// [`Machine::each_page`] for page code that cannot stop the run.
    pub fn for_each_page(
        &mut self,
        first: u64,
        count: u64,
        mut page_op: impl FnMut(&mut Machine, u64),
    ) {
        // Bounded by its caller, which checks the budget after it.
        let done = self.each_block_with(
            first,
            1,
            count,
            |m, pfn| {
                page_op(m, pfn);
                Ok::<(), Infallible>(())
            },
            |_| Ok(()),
        );
        match done {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }

    /// Runs `block_op`, the release's code for one block of `block` frames (a bitmap
    /// word handed over whole), on `blocks` consecutive blocks from frame `first`, in
    /// ascending order, as the C's loop over them does.
    ///
    /// As [`Machine::each_page`] does for frames: the work is done once per stretch
    /// of whole blocks in the same state, and where all `block_op` did was change its
    /// block's frames to one state and hand the block over once, at its first frame,
    /// the same is done to the rest of the stretch at once.
    pub fn each_block(
        &mut self,
        first: u64,
        block: u64,
        blocks: u64,
        block_op: impl FnMut(&mut Machine, u64) -> KResult<()>,
    ) -> KResult<()> {
        self.each_block_with(first, block, blocks, block_op, Machine::charge)
    }

    fn each_block_with<E>(
        &mut self,
        first: u64,
        block: u64,
        blocks: u64,
        mut block_op: impl FnMut(&mut Machine, u64) -> Result<(), E>,
        check: impl Fn(&mut Machine) -> Result<(), E>,
    ) -> Result<(), E> {
        let block = block.max(1);
        let end = first.saturating_add(blocks.saturating_mul(block));
        if self.recording.is_some() {
            // Inside another operation, which is watching what this one does.
            let mut pfn = first;
            while pfn < end {
                block_op(self, pfn)?;
                self.steps += 1;
                check(self)?;
                pfn = pfn.saturating_add(block);
            }
            return Ok(());
        }
        let mut pfn = first;
        while pfn < end {
            let (_, stretch_end) = self.memmap.run_at(pfn);
            let stretch_end = pfn + (stretch_end.min(end) - pfn) / block * block;
            let costs = self.costs;
            let lines = self.printk.len();
            self.recording = Some(Recording {
                pfn,
                end: pfn.saturating_add(block),
                foreign: false,
                hand_off: None,
            });
            let result = block_op(self, pfn);
            let rec = self.recording.take();
            result?;
            self.steps += 1;
            check(self)?;
            let next = pfn.saturating_add(block);
            let Some(rec) = rec else {
                pfn = next;
                continue;
            };
            let quiet = self.printk.len() == lines
                && Costs {
                    pages_freed: costs.pages_freed,
                    ..self.costs
                } == costs;
            let (after, after_end) = self.memmap.run_at(pfn);
            if self.reference || rec.foreign || !quiet || after_end < next || next >= stretch_end {
                pfn = next;
                continue;
            }
            let rest = (stretch_end - next) / block;
            self.memmap.set_range(next, stretch_end, after);
            if let Some((order, bad)) = rec.hand_off {
                if self.exceeded.is_none() {
                    self.costs.pages_freed += rest << order;
                    hand_off_blocks(&mut self.freed, next, order, rest, bad);
                    self.log(Step::HandOff {
                        pfn: next,
                        order,
                        blocks: rest,
                        bad,
                    });
                    self.check_hand_offs();
                }
            }
            pfn = stretch_end;
        }
        Ok(())
    }

    /// Everything handed to the page allocator, in order, as runs.
    pub fn freed(&self) -> &[FreedRun] {
        &self.freed
    }

    /// The set bits among the first `bits` bits of the bitmap at `map`, as half-open
    /// ranges of bit numbers, merged. Reading does not count against the run's budget.
    pub fn bitmap_runs(&self, map: Ulong, bits: u64) -> Vec<(u64, u64)> {
        self.bitmap_runs_at_most(map, bits, usize::MAX)
    }

    /// As [`Machine::bitmap_runs`], reading no further than the range that would make
    /// the list longer than `max`: the list then holds `max + 1` ranges, the last of
    /// which may be cut short.
    pub fn bitmap_runs_at_most(&self, map: Ulong, bits: u64, max: usize) -> Vec<(u64, u64)> {
        let mut runs: Vec<(u64, u64)> = Vec::new();
        if map.is_zero() {
            return runs;
        }
        let base = self.pa(map).get();
        // Bit `i` is always the first of a byte here: the loop takes whole bytes.
        let mut i = 0u64;
        while i < bits && runs.len() <= max {
            let addr = base.wrapping_add(i / 8) & self.mem.addr_mask();
            let offset = addr % CHUNK;
            // The bytes of this chunk the bitmap still covers. Chunks are aligned and
            // the width's wrap falls on a chunk boundary, so none of them wraps.
            let bytes = (CHUNK - offset).min((bits - i).div_ceil(8));
            let chunk = self.mem.chunk(addr / CHUNK);
            if let ChunkRef::Uniform(b @ (0 | 0xff)) = chunk {
                let end = i.saturating_add(bytes * 8).min(bits);
                if b == 0xff {
                    push_run(&mut runs, i, end);
                }
                i = end;
                continue;
            }
            for k in 0..bytes {
                if runs.len() > max {
                    break;
                }
                let byte = chunk.byte((offset + k) as usize);
                let end = i.saturating_add(8).min(bits);
                push_byte_runs(&mut runs, byte, i, end);
                i = end;
            }
        }
        // A byte can hold several runs: keep no more than the one past the cap.
        runs.truncate(max.saturating_add(1));
        runs
    }
}

/// Adds the runs of set bits of `byte`, whose bit 0 is bit `first` of the map, that lie
/// below `end`.
fn push_byte_runs(runs: &mut Vec<(u64, u64)>, byte: u8, first: u64, end: u64) {
    match byte {
        0 => {}
        0xff => push_run(runs, first, end),
        _ => {
            let mut i = first;
            while i < end {
                let shift = (i - first) as u32;
                let bit = (byte >> shift) & 1;
                // The bits from `shift` on that equal this one: the run ends at the
                // first that differs, or at the byte's end.
                let differ = (byte ^ if bit == 1 { 0xff } else { 0 }) >> shift;
                let len = if differ == 0 {
                    8 - u64::from(shift)
                } else {
                    u64::from(differ.trailing_zeros())
                };
                let stop = i.saturating_add(len).min(end);
                if bit == 1 {
                    push_run(runs, i, stop);
                }
                i = stop;
            }
        }
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

    fn machine_of(profile: &str, bitops: Bitops) -> Machine {
        let mut m = machine(profile);
        m.set_bitops(bitops);
        m
    }

    #[test]
    fn x86_64_of_2_5_scans_thirty_two_bit_words() {
        // The worked cases of 2.6.8's include/asm-x86_64/bitops.h (lines 265-318): a full
        // bitmap of `size` bits rounded up to two longs of 0xff, as init_bootmem_core
        // leaves it, then more 0xff bytes past it where a case says so.
        let cases: [(u64, u64, u64, u64, u64); 7] = [
            // (size, offset, bytes of 0xff, 2.5.9-2.6.8 answer, 2.6.9 answer)
            (96, 0, 16, 96, 128),
            (80, 0, 16, 96, 128),
            (100, 0, 16, 128, 128),
            (96, 70, 16, 128, 128),
            (96, 70, 40, 320, 128),
            (96, 70, 100, 800, 128),
            (120, 70, 24, 128, 128),
        ];
        for (size, offset, ff, old, new) in cases {
            for (bitops, want) in [(Bitops::Linux25, old), (Bitops::Linux26, new)] {
                let mut m = machine_of("x86_64", bitops);
                let map = m.phys_to_virt(m.ul(0x10_0000));
                m.memset(map, 0xff, m.ul(ff)).unwrap();
                let got = m.find_next_zero_bit(map, m.ul(size), m.ul(offset)).unwrap();
                assert_eq!(
                    got.get(),
                    want,
                    "{bitops:?} size {size} offset {offset} ff {ff}"
                );
            }
        }
    }

    #[test]
    fn the_dword_scan_counts_what_it_reads() {
        let mut m = machine_of("x86_64", Bitops::Linux25);
        let map = m.phys_to_virt(m.ul(0x10_0000));
        m.memset(map, 0xff, m.ul(40)).unwrap();
        let before = m.costs();
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(96), m.ul(70)).unwrap().get(),
            320
        );
        // The first 64-bit word, then dwords 4 to 10 of the bitmap.
        let cost = m.costs() - before;
        assert_eq!((cost.find_next_zero_bit, cost.words_read), (1, 1 + 7));
        // A zero bit found in the middle: bit 40 of the second dword.
        let mut m = machine_of("x86_64", Bitops::Linux25);
        let map = m.phys_to_virt(m.ul(0x10_0000));
        m.memset(map, 0xff, m.ul(16)).unwrap();
        m.test_and_clear_bit(m.ul(104), map).unwrap();
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(128), m.ul(0)).unwrap().get(),
            104
        );
        assert_eq!(
            m.find_next_zero_bit(map, m.ul(128), m.ul(65))
                .unwrap()
                .get(),
            104
        );
    }

    #[test]
    fn i386_and_ia64_search_the_same_in_every_generation() {
        for bitops in [Bitops::Linux24, Bitops::Linux25, Bitops::Linux26] {
            let mut m = machine_of("i386", bitops);
            let map = m.phys_to_virt(m.ul(0x10_0000));
            m.memset(map, 0xff, m.ul(12)).unwrap();
            assert_eq!(
                m.find_next_zero_bit(map, m.ul(80), m.ul(0)).unwrap().get(),
                96
            );
            let mut m = machine_of("ia64", bitops);
            let map = m.phys_to_virt(m.ul(0x10_0000));
            m.memset(map, 0xff, m.ul(16)).unwrap();
            assert_eq!(
                m.find_next_zero_bit(map, m.ul(80), m.ul(0)).unwrap().get(),
                80
            );
        }
    }

    #[test]
    fn int_bit_numbers_address_below_the_bitmap() {
        // x86_64 from 2.5.5: bit 2^52 - 2^20 is the int -2^20, the byte 128 KiB below
        // the bitmap. RAM covering it: the write lands there.
        let nr = (1u64 << 52) - (1 << 20);
        for bitops in [Bitops::Linux25, Bitops::Linux26] {
            let mut m = machine_of("x86_64", bitops);
            m.add_ram(0, 5 << 30);
            let map = m.phys_to_virt(m.ul(4 << 30));
            assert!(!m.test_and_set_bit(m.ul(nr), map).unwrap());
            assert_eq!(m.read_phys_u8((4 << 30) - (128 << 10)), 1);
            assert!(m.test_bit(m.ul(nr), map).unwrap());
            assert!(m.test_and_clear_bit(m.ul(nr), map).unwrap());
        }
        // 2.4's x86_64 takes a long: the byte lies 2^49 bytes past, beyond the top of RAM.
        let mut m = machine_of("x86_64", Bitops::Linux24);
        m.add_ram(0, 5 << 30);
        let map = m.phys_to_virt(m.ul(4 << 30));
        let at = 0xffff_8100_0000_0000u64.wrapping_add((4 << 30) + (nr >> 3));
        assert!(matches!(
            m.test_and_set_bit(m.ul(nr), map),
            Err(Stop::Oops { address: Some(a), .. }) if a == at
        ));
        // ia64, int in every release: 2^50 - 0x100 is -256, bit 0 of the byte 32 below.
        let mut m = machine_of("ia64", Bitops::Linux24);
        m.add_ram(0x40_0000, 0x80_0000);
        let map = m.phys_to_virt(m.ul(0x40_0000));
        m.test_and_set_bit(m.ul((1 << 50) - 0x100), map).unwrap();
        assert_eq!(m.read_phys_u8(0x40_0000 - 32), 1);
        // i386: a bit number of 2^31 or more is negative too (bootmem never makes one).
        let mut m = machine_of("i386", Bitops::Linux26);
        let map = m.phys_to_virt(m.ul(0x800_0000));
        m.test_and_set_bit(m.ul(0xffff_fff0), map).unwrap();
        assert_eq!(m.read_phys_u8(0x800_0000 - 2), 1);
        assert!(matches!(
            m.test_bit(m.ul(0x8000_0000), map),
            Err(Stop::Oops {
                address: Some(0xb800_0000),
                ..
            })
        ));
    }

    #[test]
    fn x86_64_maps_gigabytes_that_hold_ram() {
        let mut m = machine_of("x86_64", Bitops::Linux26);
        m.add_ram(0, 16 << 20);
        m.add_ram(4 << 30, (5 << 30) + 0x1000);
        let map = m.phys_to_virt(m.ul(4 << 30));
        // Gigabyte 3 holds no RAM: the int bit number lands there and oopses, naming
        // the virtual address, 128 KiB below the bitmap.
        let nr = m.ul((1 << 52) - (1 << 20));
        let err = m.test_and_set_bit(nr, map).unwrap_err();
        assert_eq!(
            err,
            Stop::paging_request(
                0xffff_8100_fffe_0000,
                "test_and_set_bit() of bit -1048576 of the bitmap at physical 0x100000000 \
                 reaches physical address 0xfffe0000, which the direct mapping does not cover"
            )
        );
        assert!(err
            .to_string()
            .starts_with("Oops: unable to handle kernel paging request at 0xffff8100fffe0000"));
        // The rest of gigabyte 0 is mapped; the top is rounded up to 2 MiB.
        let at = |m: &Machine, phys: u64| m.phys_to_virt(m.ul(phys));
        let edge = at(&m, 1 << 30);
        assert!(!m.test_bit(m.ul(0xffff_fff8), edge).unwrap());
        assert!(m.test_bit(m.ul(0), edge).is_err());
        let top = at(&m, (5 << 30) + (2 << 20));
        assert!(!m.test_bit(m.ul(0xffff_fff8), top).unwrap());
        assert!(m.test_bit(m.ul(0), top).is_err());
        // Below physical 0: the guard hole under PAGE_OFFSET.
        let low = at(&m, 0);
        let err = m.test_bit(m.ul(0xffff_fff8), low).unwrap_err();
        assert!(matches!(
            err,
            Stop::Oops {
                address: Some(0xffff_80ff_ffff_ffff),
                ..
            }
        ));
        // Reads of whole words are checked too.
        let high = m.phys_to_virt(m.ul((5 << 30) + (2 << 20) - 8));
        assert!(m.map_word(high, m.ul(0)).is_ok());
        assert!(m.map_word(high, m.ul(1)).is_err());
    }

    #[test]
    fn without_declared_ram_everything_is_mapped() {
        let mut m = machine_of("x86_64", Bitops::Linux26);
        let map = m.phys_to_virt(m.ul(40 << 30));
        assert!(!m.test_and_set_bit(m.ul(1 << 40), map).unwrap());
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
        m.costs.words_read = crate::MAX_BIT_OPS;
        let map = m.phys_to_virt(m.ul(0x1000));
        assert!(matches!(m.test_bit(m.ul(0), map), Err(Stop::Limit { .. })));
    }

    #[test]
    fn page_state_past_its_bound_stops_the_run_at_the_next_operation() {
        let mut m = machine("x86_64");
        m.set_limits(Limits {
            page_runs: 3,
            ..Limits::default()
        });
        m.page_mut(0).count = 5;
        m.page_mut(5000).count = 6;
        assert_eq!(m.check_limits(), Ok(()));
        // A third run is refused: the write goes nowhere and the run stops.
        m.page_mut(10_000).count = 7;
        assert_eq!(m.page(10_000).count, 0);
        assert_eq!(m.page(5000).count, 6);
        let Err(Stop::Limit { reason }) = m.check_limits() else {
            panic!("no limit");
        };
        assert!(reason.contains("struct page of frame 0x2710"), "{reason}");
        let map = m.phys_to_virt(m.ul(0x1000));
        assert_eq!(
            m.test_bit(m.ul(0), map),
            Err(Stop::Limit {
                reason: reason.clone()
            })
        );
    }

    #[test]
    fn the_log_and_the_hand_off_are_bounded() {
        let mut m = machine("x86_64");
        m.set_limits(Limits {
            printk_lines: 2,
            hand_offs: 1,
            ..Limits::default()
        });
        m.printk("one");
        m.printk("two");
        assert_eq!(m.check_limits(), Ok(()));
        m.hand_off(10, 0, false);
        m.hand_off(11, 0, false);
        assert_eq!(m.freed().len(), 1);
        m.hand_off(20, 0, false);
        assert_eq!(m.freed().len(), 1);
        assert!(
            matches!(m.check_limits(), Err(Stop::Limit { reason }) if reason.contains("hand-off"))
        );
        m.printk("three");
        assert_eq!(m.printk_log().len(), 2);
    }

    #[test]
    fn a_range_longer_than_the_step_budget_stops_where_the_budget_ends() {
        let mut m = machine("x86_64");
        m.set_limits(Limits {
            sim_steps: 1000,
            ..Limits::default()
        });
        let map = m.phys_to_virt(m.ul(0x10_0000));
        // Two million clear bits: more than 1000 steps cover, at 512 bits a step. The
        // loop is taken as far as the budget reaches, and the run stops there.
        let r = m.test_and_set_bits(map, m.ul(0), m.ul(2_000_000));
        assert!(matches!(r, Err(Stop::Limit { .. })), "{r:?}");
        assert_eq!(m.costs().test_and_set_bit, 1000 * 512);
    }

    #[test]
    fn every_search_passes_runs_of_ones_as_its_word_loop_does() {
        // A 1 MiB bitmap of ones with one clear bit near its end, and one with none:
        // each arch's search gives the same answer and counts the same reads whether
        // it passes the ones a chunk at a time or word by word.
        let cases = [
            ("i386", Bitops::Linux26),
            ("x86_64", Bitops::Linux24),
            ("x86_64", Bitops::Linux25),
            ("x86_64", Bitops::Linux26),
            ("ia64", Bitops::Linux26),
        ];
        for (arch, bitops) in cases {
            for clear in [Some(8 * 1_000_000 + 5u64), None] {
                let answers: Vec<_> = [false, true]
                    .into_iter()
                    .map(|reference| {
                        let mut m = machine(arch);
                        m.set_bitops(bitops);
                        m.use_reference_paths(reference);
                        m.memset_phys(m.ul(0x10_0000), 0xff, m.ul(1 << 20)).unwrap();
                        if let Some(bit) = clear {
                            let byte = 0x10_0000 + bit / 8;
                            let old = m.read_phys_u8(byte);
                            m.memset_phys(m.ul(byte), old & !(1 << (bit % 8)), m.ul(1))
                                .unwrap();
                        }
                        let map = m.phys_to_virt(m.ul(0x10_0000));
                        let size = m.ul(8 << 20);
                        let found = m.find_next_zero_bit(map, size, m.ul(3)).unwrap().get();
                        (found, m.costs())
                    })
                    .collect();
                assert_eq!(answers[0], answers[1], "{arch} {bitops:?} {clear:?}");
                if let Some(bit) = clear {
                    assert_eq!(answers[0].0, bit, "{arch} {bitops:?}");
                }
                assert!(answers[0].1.words_read > 100_000, "{arch} {bitops:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]

        /// The runs of set bits are those a bit-by-bit reading finds, and a capped
        /// listing starts as the whole one does and stops just past the cap.
        #[test]
        fn bitmap_runs_are_the_set_bits_read_one_by_one(
            fill in proptest::collection::vec((0u64..9000, 0u64..700, proptest::prop_oneof![
                proptest::strategy::Just(0u8), proptest::strategy::Just(0xff), proptest::num::u8::ANY,
            ]), 0..8),
            start in proptest::prop_oneof![
                proptest::strategy::Just(0x10_0000u64),
                proptest::strategy::Just(0x10_0003),
                proptest::strategy::Just(0x10_0ffe),
            ],
            bits in 0u64..80_000,
            max in 0usize..40,
        ) {
            let mut m = machine("x86_64");
            for &(at, len, byte) in &fill {
                m.memset_phys(m.ul(start + at), byte, m.ul(len)).unwrap();
            }
            let mut expected: Vec<(u64, u64)> = Vec::new();
            for i in 0..bits {
                if m.read_phys_u8(start + i / 8) & (1 << (i % 8)) != 0 {
                    push_run(&mut expected, i, i + 1);
                }
            }
            let map = m.phys_to_virt(m.ul(start));
            proptest::prop_assert_eq!(&m.bitmap_runs(map, bits), &expected);
            let capped = m.bitmap_runs_at_most(map, bits, max);
            if expected.len() <= max {
                proptest::prop_assert_eq!(&capped, &expected);
            } else {
                proptest::prop_assert_eq!(capped.len(), max + 1);
                proptest::prop_assert_eq!(&capped[..max], &expected[..max]);
                proptest::prop_assert_eq!(capped[max].0, expected[max].0);
            }
        }
    }
}
