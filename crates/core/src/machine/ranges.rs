//! The bitmap loops of bootmem, done a byte at a time with the C's costs counted bit by
//! bit.
//!
//! Every version of `mm/bootmem.c` walks its bitmap one bit at a time: reserving and
//! allocating (`test_and_set_bit()` until one was already set), freeing
//! (`test_and_clear_bit()` until one was already clear), and scanning (`test_bit()`
//! until a bit blocks a window). Each method here is one such loop, stated in its doc
//! as the C it stands for. Where the bits lie in one mapped stretch of memory and their
//! numbers cannot wrap, it reads and writes whole bytes, skipping chunks that were never
//! written, and adds to [`Costs`] what the loop would have counted; anywhere else, and
//! always under [`Machine::use_reference_paths`], it runs the loop literally through the
//! single-bit operations, which check and fault bit by bit.

use super::Machine;
use crate::memory::{ChunkRef, CHUNK};
use crate::steps::{BitLoop, Step};
use crate::{Costs, KResult, Ulong};

/// Bits a range operation may visit for one step of the simulator's budget.
const BITS_PER_STEP: u64 = 512;

/// A stretch of bits whose bytes lie in one mapped, unwrapped range of physical memory.
#[derive(Clone, Copy)]
struct Span {
    /// Physical address of bit 0's byte.
    base: u64,
}

impl Machine {
    /// The span of bits `[from, to)` of the bitmap at `map`, when the fast path may take
    /// it: not in reference mode, a non-NULL map, bit numbers that address upwards from
    /// the map (below 2^31 where they are `int`), and bytes inside one mapped stretch
    /// that does not wrap at the machine's width.
    ///
    /// With it comes the end of the stretch the steps left in the budget cover: a range
    /// longer than that is taken only so far, and its count of steps then ends the run.
    fn span(&self, map: Ulong, from: u64, to: u64) -> Option<(Span, u64)> {
        if self.reference || map.is_zero() || from >= to {
            return None;
        }
        let left = self.limits.sim_steps.saturating_sub(self.steps);
        let mut to = to.min(from.saturating_add(left.saturating_mul(BITS_PER_STEP)));
        // Bit numbers from 2^31 on are negative `int`s: those go bit by bit.
        let limit = if self.nr_long {
            i64::MAX as u64
        } else {
            1 << 31
        };
        to = to.min(limit);
        if to <= from {
            return None;
        }
        let base = self.pa(map).get();
        let first = base.checked_add(from / 8)?;
        if first > self.mem.addr_mask() {
            return None;
        }
        let (lo, hi) = if first >= self.window.0 && first <= self.window.1 {
            self.window
        } else {
            *self
                .mapped
                .iter()
                .find(|&&(lo, hi)| first >= lo && first <= hi)?
        };
        // Only as far as the mapped stretch, and memory below the wrap, reach: the bits
        // past them go bit by bit, and fault or wrap where they do.
        let hi = hi.min(self.mem.addr_mask());
        if lo > first {
            return None;
        }
        let mapped_end = u128::from(hi - base) * 8 + 8;
        let to = u128::from(to).min(mapped_end) as u64;
        (to > from).then_some((Span { base }, to))
    }

    /// Runs one bit loop over `[from, to)`: a byte at a time where [`Machine::span`]
    /// allows, with `fast` (which returns the bit that ended the loop, if one did),
    /// and bit by bit with `slow` elsewhere (which returns whether the bit ends it).
    fn bit_loop(
        &mut self,
        map: Ulong,
        from: Ulong,
        to: Ulong,
        mut fast: impl FnMut(&mut Machine, Span, u64, u64) -> KResult<Option<u64>>,
        mut slow: impl FnMut(&mut Machine, Ulong) -> KResult<bool>,
    ) -> KResult<Option<Ulong>> {
        let mut i = from;
        while i < to {
            match self.span(map, i.get(), to.get()) {
                Some((span, end)) => {
                    let hit = fast(self, span, i.get(), end)?;
                    // The loop reached the bit it stopped at, or the end of the stretch.
                    self.note_reach(map, hit.map_or(end, |h| h.saturating_add(1)));
                    if let Some(hit) = hit {
                        return Ok(Some(self.ul(hit)));
                    }
                    i = self.ul(end);
                }
                None => {
                    if slow(self, i)? {
                        return Ok(Some(i));
                    }
                    i += 1;
                }
            }
        }
        Ok(None)
    }

    /// The first bit in `[from, to)` whose value is `want`, reading bytes.
    fn find_bit(&self, span: Span, from: u64, to: u64, want: bool) -> Option<u64> {
        let flip = if want { 0 } else { 0xff };
        let mut bit = from;
        while bit < to {
            let addr = span.base + bit / 8;
            let number = addr / CHUNK;
            let chunk_end = chunk_end_bit(span, number, to);
            let chunk = self.mem.chunk(number);
            if let ChunkRef::Uniform(b) = chunk {
                if b ^ flip == 0 {
                    bit = chunk_end;
                    continue;
                }
            }
            while bit < chunk_end {
                let byte = chunk.byte(((span.base + bit / 8) % CHUNK) as usize) ^ flip;
                let shift = (bit % 8) as u32;
                let bits = u32::from(byte >> shift);
                let room = (8 - u64::from(shift)).min(chunk_end - bit);
                let bits = bits & ((1u32 << room) - 1);
                if bits != 0 {
                    return Some(bit + u64::from(bits.trailing_zeros()));
                }
                bit += room;
            }
        }
        None
    }

    /// Sets (or clears) bits `[from, to)`, creating memory as it goes; each bit counts
    /// as one write. A chunk the memory limit refuses stops the write there.
    fn write_bits(&mut self, span: Span, from: u64, to: u64, set: bool) -> KResult<()> {
        let byte = if set { 0xff } else { 0 };
        let mut bit = from;
        while bit < to {
            let addr = span.base + bit / 8;
            let number = addr / CHUNK;
            let chunk_end = chunk_end_bit(span, number, to);
            let writes = chunk_end - bit;
            if let ChunkRef::Uniform(b) = self.mem.chunk(number) {
                if b == byte {
                    self.mem.count_writes(writes);
                    bit = chunk_end;
                    continue;
                }
            }
            // Bits that cover the whole chunk make it uniform.
            let chunk_first = (u128::from(number) * u128::from(CHUNK))
                .checked_sub(u128::from(span.base))
                .map(|b| b * 8);
            if chunk_first.is_some_and(|first| {
                u128::from(bit) <= first && u128::from(chunk_end) == first + u128::from(CHUNK) * 8
            }) {
                self.mem
                    .chunk_set(number, byte, writes)
                    .map_err(Machine::limit)?;
                bit = chunk_end;
                continue;
            }
            let chunk = self.mem.chunk_mut(number, writes).map_err(Machine::limit)?;
            while bit < chunk_end {
                let index = ((span.base + bit / 8) % CHUNK) as usize;
                let shift = (bit % 8) as u32;
                let room = (8 - u64::from(shift)).min(chunk_end - bit);
                let mask = (((1u32 << room) - 1) << shift) as u8;
                if set {
                    chunk[index] |= mask;
                } else {
                    chunk[index] &= !mask;
                }
                bit += room;
            }
        }
        Ok(())
    }

    /// `for (i = from; i < to; i++) if (test_and_set_bit(i, map)) break;`: sets bits
    /// in order until one was set already, and returns that one (left set), or `None`
    /// when every bit was set by the loop.
    pub fn test_and_set_bits(
        &mut self,
        map: Ulong,
        from: Ulong,
        to: Ulong,
    ) -> KResult<Option<Ulong>> {
        let before = self.costs;
        let stop = self.test_and_change_bits(map, from, to, true)?;
        self.log_loop(BitLoop::TestAndSet, map, (from, to), stop, before);
        Ok(stop)
    }

    /// `for (i = from; i < to; i++) if (!test_and_clear_bit(i, map)) break;`: clears
    /// bits in order until one was clear already, and returns that one, or `None` when
    /// every bit was cleared by the loop.
    pub fn test_and_clear_bits(
        &mut self,
        map: Ulong,
        from: Ulong,
        to: Ulong,
    ) -> KResult<Option<Ulong>> {
        let before = self.costs;
        let stop = self.test_and_change_bits(map, from, to, false)?;
        self.log_loop(BitLoop::TestAndClear, map, (from, to), stop, before);
        Ok(stop)
    }

    /// Records a bit loop over `[range.0, range.1)` that stopped at `stop`, with the
    /// operations counted since `before`, in the step log if there is one.
    fn log_loop(
        &mut self,
        kind: BitLoop,
        map: Ulong,
        range: (Ulong, Ulong),
        stop: Option<Ulong>,
        before: Costs,
    ) {
        if !self.logging() {
            return;
        }
        let step = Step::Loop {
            kind,
            map: self.pa(map).get(),
            from: range.0.get(),
            to: range.1.get(),
            stop: stop.map(Ulong::get),
            tests: bit_tests(&self.costs) - bit_tests(&before),
            repeats: 1,
            stride: 0,
        };
        self.log(step);
    }

    /// The loop of [`Machine::test_and_set_bits`] (`set`) or of
    /// [`Machine::test_and_clear_bits`]: it stops at the first bit already as `set`
    /// would leave it, which is written back unchanged.
    fn test_and_change_bits(
        &mut self,
        map: Ulong,
        from: Ulong,
        to: Ulong,
        set: bool,
    ) -> KResult<Option<Ulong>> {
        let counter: fn(&mut Costs) -> &mut u64 = if set {
            |c| &mut c.test_and_set_bit
        } else {
            |c| &mut c.test_and_clear_bit
        };
        self.bit_loop(
            map,
            from,
            to,
            |m, span, a, b| {
                let hit = m.find_and_count(span, a, b, set, counter)?;
                m.write_bits(span, a, hit.unwrap_or(b), set)?;
                if hit.is_some() {
                    m.mem.count_writes(1);
                }
                Ok(hit)
            },
            |m, i| {
                if set {
                    m.test_and_set_bit(i, map)
                } else {
                    Ok(!m.test_and_clear_bit(i, map)?)
                }
            },
        )
    }

    /// The first bit of `[a, b)` whose value is `want`, with the bits the C's loop
    /// tested to find it (up to and including it) added to `counter` and to the steps.
    fn find_and_count(
        &mut self,
        span: Span,
        a: u64,
        b: u64,
        want: bool,
        counter: fn(&mut Costs) -> &mut u64,
    ) -> KResult<Option<u64>> {
        let hit = self.find_bit(span, a, b, want);
        let tested = hit.map_or(b, |h| h + 1) - a;
        *counter(&mut self.costs) += tested;
        self.steps += 1 + tested / BITS_PER_STEP;
        self.charge()?;
        Ok(hit)
    }

    /// `for (i = from; i < to; i++) if (test_bit(i, map)) break;`: the first set bit of
    /// `[from, to)`, or `None`.
    pub fn first_set_bit(&mut self, map: Ulong, from: Ulong, to: Ulong) -> KResult<Option<Ulong>> {
        let before = self.costs;
        let stop = self.first_bit(map, from, to, true)?;
        self.log_loop(BitLoop::UntilSet, map, (from, to), stop, before);
        Ok(stop)
    }

    /// `for (i = from; i < to; i++) if (!test_bit(i, map)) break;`: the first clear bit
    /// of `[from, to)`, or `None`.
    pub fn first_clear_bit(
        &mut self,
        map: Ulong,
        from: Ulong,
        to: Ulong,
    ) -> KResult<Option<Ulong>> {
        let before = self.costs;
        let stop = self.first_bit(map, from, to, false)?;
        self.log_loop(BitLoop::UntilClear, map, (from, to), stop, before);
        Ok(stop)
    }

    fn first_bit(
        &mut self,
        map: Ulong,
        from: Ulong,
        to: Ulong,
        want: bool,
    ) -> KResult<Option<Ulong>> {
        self.bit_loop(
            map,
            from,
            to,
            |m, span, a, b| m.find_and_count(span, a, b, want, |c| &mut c.test_bit),
            |m, i| Ok(m.bit(i, map)? == want),
        )
    }

    /// The window test of every release's scan:
    /// `for (j = from; j < end; j++) { if (j >= eidx) break; if (test_bit(j, map)) break; }`.
    /// Returns the `j` that ended the window early (the first index at or past `eidx`,
    /// or the first set bit), or `None` when the window `[from, end)` is free.
    pub fn window_conflict(
        &mut self,
        map: Ulong,
        from: Ulong,
        end: Ulong,
        eidx: Ulong,
    ) -> KResult<Option<Ulong>> {
        let before = self.costs;
        let conflict = self.window(map, from, end, eidx)?;
        if self.logging() {
            let step = Step::Window {
                map: self.pa(map).get(),
                from: from.get(),
                end: end.get(),
                eidx: eidx.get(),
                conflict: conflict.map(Ulong::get),
                tests: self.costs.test_bit - before.test_bit,
                repeats: 1,
                stride: 0,
                conflict_stride: 0,
            };
            self.log(step);
        }
        Ok(conflict)
    }

    fn window(
        &mut self,
        map: Ulong,
        from: Ulong,
        end: Ulong,
        eidx: Ulong,
    ) -> KResult<Option<Ulong>> {
        if from >= end {
            return Ok(None);
        }
        if from >= eidx {
            return Ok(Some(from));
        }
        let stop = if end < eidx { end } else { eidx };
        if let Some(j) = self.first_bit(map, from, stop, true)? {
            return Ok(Some(j));
        }
        Ok((end > eidx).then_some(eidx))
    }

    /// The hand-off's word loop, `for (i = 0; i < idx; i += BITS_PER_LONG) v =
    /// map[i / BITS_PER_LONG];`, past word `index`: how many of the words after it read
    /// the same as it does, among those the loop still reaches while `remaining` bits
    /// are left from word `index` on. Those reads are counted, as the C makes them; the
    /// first different word, or one the direct mapping does not cover, is left for the
    /// loop to read itself.
    pub fn same_words(&mut self, map: Ulong, index: Ulong, remaining: Ulong) -> KResult<u64> {
        let bits = u64::from(self.arch.bits_per_long);
        let reach = remaining.get().saturating_sub(1) / bits;
        if reach == 0 || self.reference || map.is_zero() {
            return Ok(0);
        }
        let bytes = bits / 8;
        let Some(first) = self.word_address(map, index.get(), bytes) else {
            return Ok(0);
        };
        let word = self.mem.read_word(first, bytes as u32);
        let Some(next) = first.checked_add(bytes) else {
            return Ok(0);
        };
        let same = self.equal_words(next, reach, bytes, word);
        if same > 0 {
            let end_word = index.get().saturating_add(1).saturating_add(same);
            self.note_reach(map, end_word.saturating_mul(bits));
        }
        self.count_words(same, bits)?;
        if same > 0 {
            // The words the loop will not read one by one continue the one it read.
            let step = Step::Words {
                map: self.pa(map).get(),
                index: index.get().saturating_add(1),
                count: same,
                value: word,
            };
            self.log(step);
        }
        Ok(same)
    }

    /// The whole-word loop of the arch's `find_next_zero_bit()` (x86's `repe scas`,
    /// ia64's `while (size & ~63UL)`), from word `index` of `bytes` bytes: how many of
    /// the next `reach` words, this one included, are all ones. Those reads are
    /// counted, as the C makes them; the first word with a zero bit, or one the direct
    /// mapping does not cover, is left for the loop to read itself.
    pub fn ones_words(&mut self, map: Ulong, index: u64, reach: u64, bytes: u64) -> KResult<u64> {
        if reach == 0 || self.reference || map.is_zero() {
            return Ok(0);
        }
        let Some(first) = self.word_address(map, index, bytes) else {
            return Ok(0);
        };
        let ones = u64::MAX >> (64 - bytes * 8);
        let count = self.equal_words(first, reach, bytes, ones);
        if count > 0 {
            let end_word = index.saturating_add(count);
            self.note_reach(map, end_word.saturating_mul(bytes * 8));
        }
        self.count_words(count, bytes * 8)?;
        if count > 0 {
            // The last word passed over is the last the search has read so far.
            let last = first.saturating_add((count - 1).saturating_mul(bytes));
            self.last_word = (last, bytes as u32, ones);
        }
        Ok(count)
    }

    /// The physical address of word `index` of `bytes` bytes of the bitmap at `map`,
    /// where the sum does not overflow.
    fn word_address(&self, map: Ulong, index: u64, bytes: u64) -> Option<u64> {
        let base = self.pa(map).get();
        index
            .checked_mul(bytes)
            .and_then(|offset| base.checked_add(offset))
    }

    /// Counts the words of `bytes` bytes read by a loop the fast path took for it: each
    /// is a read of the C, and the simulator's steps are charged by the bits covered.
    fn count_words(&mut self, words: u64, bits: u64) -> KResult<()> {
        self.costs.words_read += words;
        self.steps += 1 + words * bits / BITS_PER_STEP;
        self.charge()
    }

    /// How many of the `reach` words of `bytes` bytes from physical address `first` on
    /// read as `word`, stopping at the first that does not, at the end of the mapped
    /// stretch that holds `first` (or the top of memory), and where the steps left in
    /// the budget end. Nothing is counted here.
    fn equal_words(&self, first: u64, reach: u64, bytes: u64, word: u64) -> u64 {
        let bits = bytes * 8;
        let (lo, hi) = match self
            .mapped
            .iter()
            .find(|&&(lo, hi)| first >= lo && first <= hi)
        {
            Some(&w) => w,
            None => return 0,
        };
        // Memory wraps at the machine's width: stop at its top.
        let hi = hi.min(self.mem.addr_mask());
        if lo > first || first > hi {
            return 0;
        }
        // Words wholly inside the mapped stretch, and not past the top of memory. The
        // stretch may end at the top of a 64-bit space, where `hi + 1` is 2^64.
        let mapped_words: u64 = ((u128::from(hi - first) + 1) / u128::from(bytes))
            .try_into()
            .unwrap_or(u64::MAX);
        // No further than the steps left allow.
        let left = self.limits.sim_steps.saturating_sub(self.steps);
        let reach = reach
            .min(mapped_words)
            .min(left.saturating_mul(BITS_PER_STEP / bits));
        let wanted = word.to_le_bytes();
        let wanted = &wanted[..bytes as usize];
        let mut same = 0u64;
        while same < reach {
            let addr = first + same * bytes;
            let number = addr / CHUNK;
            // The words wholly inside this chunk (the last chunk of a 64-bit space ends
            // at 2^64); a word across its end is read on its own below.
            let chunk_end = (u128::from(number) + 1) * u128::from(CHUNK);
            let chunk_words: u64 = ((chunk_end - u128::from(addr)) / u128::from(bytes))
                .try_into()
                .unwrap_or(u64::MAX);
            let chunk_words = chunk_words.min(reach - same);
            if chunk_words > 0 {
                match self.mem.chunk(number) {
                    ChunkRef::Uniform(b) => {
                        if u64::from_le_bytes([b; 8]) >> (64 - bits) != word {
                            break;
                        }
                        same += chunk_words;
                    }
                    ChunkRef::Bytes(data) => {
                        let from = (addr % CHUNK) as usize;
                        let to = from + (chunk_words * bytes) as usize;
                        let equal = first_unequal(&data[from..to], bytes, word, wanted);
                        match equal {
                            Some(k) => return same + k as u64,
                            None => same += chunk_words,
                        }
                    }
                }
                continue;
            }
            if self.mem.read_word(addr, bytes as u32) != word {
                break;
            }
            same += 1;
        }
        same
    }

    /// 2.4's candidate loop, `for (i = from; i < eidx; i += incr) if (!test_bit(i, map))
    /// break;`: the first candidate whose bit is clear, or the first index the steps
    /// reach at or past `eidx` (which may wrap, as `unsigned long` does).
    pub fn next_clear_candidate(
        &mut self,
        map: Ulong,
        from: Ulong,
        eidx: Ulong,
        incr: Ulong,
    ) -> KResult<Ulong> {
        let before = self.costs;
        let i = self.candidate(map, from, eidx, incr)?;
        let stop = (i < eidx).then_some(i);
        let kind = BitLoop::Candidates { incr: incr.get() };
        self.log_loop(kind, map, (from, eidx), stop, before);
        Ok(i)
    }

    fn candidate(&mut self, map: Ulong, from: Ulong, eidx: Ulong, incr: Ulong) -> KResult<Ulong> {
        if incr.get() == 1 && from < eidx {
            return Ok(self.first_bit(map, from, eidx, false)?.unwrap_or(eidx));
        }
        let mut i = from;
        while i < eidx {
            if !self.bit(i, map)? {
                return Ok(i);
            }
            i += incr;
        }
        Ok(i)
    }
}

/// The index of the first word of `bytes` bytes in `region` that does not read as
/// `word` (whose bytes are `wanted`). Longs and dwords are compared as integers: a
/// comparison of slices of a length known only at run time is a call of `memcmp` a
/// word, which made it most of a search's time.
fn first_unequal(region: &[u8], bytes: u64, word: u64, wanted: &[u8]) -> Option<usize> {
    match bytes {
        8 => region
            .chunks_exact(8)
            .position(|w| w.try_into().map(u64::from_le_bytes).ok() != Some(word)),
        4 => region.chunks_exact(4).position(|w| {
            w.try_into().map(|d| u64::from(u32::from_le_bytes(d))).ok() != Some(word)
        }),
        _ => region
            .chunks_exact(bytes as usize)
            .position(|w| w != wanted),
    }
}

/// The bit operations a loop counts.
fn bit_tests(c: &Costs) -> u64 {
    c.test_bit + c.test_and_set_bit + c.test_and_clear_bit
}

/// The first bit number past chunk `number`, or `to` if that comes first.
fn chunk_end_bit(span: Span, number: u64, to: u64) -> u64 {
    let end = (u128::from(number) + 1) * u128::from(CHUNK) - u128::from(span.base);
    end.saturating_mul(8).min(u128::from(to)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Arch, Bitops, Config, Costs, Page, Stop};
    use proptest::prelude::*;

    /// One range operation, with its bounds as offsets into the test bitmap.
    #[derive(Clone, Debug)]
    enum Op {
        Set(u64, u64),
        Clear(u64, u64),
        FirstSet(u64, u64),
        FirstClear(u64, u64),
        Window(u64, u64, u64),
        Candidate(u64, u64, u64),
        NextZero(u64, u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        // Bit numbers up to a little past two 4 KiB chunks of bitmap, so that ranges
        // cross chunk boundaries and reach memory never written.
        let bit = 0u64..70_000;
        prop_oneof![
            (bit.clone(), bit.clone()).prop_map(|(a, b)| Op::Set(a, b)),
            (bit.clone(), bit.clone()).prop_map(|(a, b)| Op::Clear(a, b)),
            (bit.clone(), bit.clone()).prop_map(|(a, b)| Op::FirstSet(a, b)),
            (bit.clone(), bit.clone()).prop_map(|(a, b)| Op::FirstClear(a, b)),
            (bit.clone(), bit.clone(), bit.clone()).prop_map(|(a, b, c)| Op::Window(a, b, c)),
            (bit.clone(), bit.clone(), 1u64..70).prop_map(|(a, b, c)| Op::Candidate(a, b, c)),
            (bit.clone(), bit).prop_map(|(size, offset)| Op::NextZero(size, offset)),
        ]
    }

    type Outcome = Result<Option<u64>, Stop>;

    fn apply(m: &mut Machine, map: Ulong, op: &Op) -> Outcome {
        let ul = |v: u64| m.ul(v);
        let r = match *op {
            Op::Set(a, b) => m.test_and_set_bits(map, ul(a), ul(b)),
            Op::Clear(a, b) => m.test_and_clear_bits(map, ul(a), ul(b)),
            Op::FirstSet(a, b) => m.first_set_bit(map, ul(a), ul(b)),
            Op::FirstClear(a, b) => m.first_clear_bit(map, ul(a), ul(b)),
            Op::Window(a, b, c) => m.window_conflict(map, ul(a), ul(b), ul(c)),
            Op::Candidate(a, b, c) => m.next_clear_candidate(map, ul(a), ul(b), ul(c)).map(Some),
            Op::NextZero(size, offset) => m.find_next_zero_bit(map, ul(size), ul(offset)).map(Some),
        };
        r.map(|o| o.map(Ulong::get))
    }

    fn machine(arch: &str, bitops: Bitops, reference: bool) -> Machine {
        let mut m = Machine::new(
            Arch::profile(arch).unwrap(),
            Config::default(),
            Page {
                reserved: true,
                count: 0,
            },
        );
        m.set_bitops(bitops);
        m.use_reference_paths(reference);
        m
    }

    proptest! {
        #![proptest_config(crate::proptest_config())]

        /// Every range operation gives the same answers, the same memory, the same
        /// costs and the same write count as the loop it stands for, bit by bit.
        #[test]
        fn range_operations_equal_the_bit_by_bit_loops(
            arch in prop_oneof![Just("i386"), Just("x86_64"), Just("ia64")],
            bitops in prop_oneof![Just(Bitops::Linux24), Just(Bitops::Linux25), Just(Bitops::Linux26)],
            fill in proptest::collection::vec((0u64..9000, 0u64..4000, prop_oneof![Just(0xffu8), Just(0), any::<u8>()]), 0..6),
            // Where the bitmap starts: page-aligned, odd, and just below a chunk end.
            start in prop_oneof![Just(0x10_0000u64), Just(0x10_0003), Just(0x10_0ffe)],
            ops in proptest::collection::vec(op(), 1..12),
        ) {
            let mut fast = machine(arch, bitops, false);
            let mut slow = machine(arch, bitops, true);
            for m in [&mut fast, &mut slow] {
                for &(at, len, byte) in &fill {
                    m.memset_phys(m.ul(start + at), byte, m.ul(len)).unwrap();
                }
            }
            let map = fast.phys_to_virt(fast.ul(start));
            fast.record_steps();
            slow.record_steps();
            for op in &ops {
                let a = apply(&mut fast, map, op);
                let b = apply(&mut slow, map, op);
                prop_assert_eq!(&a, &b, "{:?}", op);
                prop_assert_eq!(fast.costs(), slow.costs(), "{:?}", op);
                prop_assert_eq!(fast.writes(), slow.writes(), "{:?}", op);
            }
            // The step log records the loops, not how the machine ran them.
            let (a, b) = (fast.take_steps().unwrap(), slow.take_steps().unwrap());
            prop_assert_eq!(a.entries().collect::<Vec<_>>(), b.entries().collect::<Vec<_>>());
            prop_assert_eq!(a.dropped(), b.dropped());
            for addr in start..start + 9000 + 600 + 70_000 / 8 {
                prop_assert_eq!(fast.read_phys_u8(addr), slow.read_phys_u8(addr), "byte {:#x}", addr);
            }
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config())]

        /// `same_words` counts exactly the words after the first that read the same and
        /// that the loop reaches, and counts their reads.
        #[test]
        fn same_words_counts_the_identical_words_the_loop_reads(
            arch in prop_oneof![Just("i386"), Just("x86_64")],
            fill in proptest::collection::vec((0u64..20_000, 0u64..9000, prop_oneof![Just(0u8), Just(0xff), any::<u8>()]), 0..6),
            index in 0u64..1200,
            remaining in 0u64..200_000,
        ) {
            let mut m = machine(arch, Bitops::Linux26, false);
            let start = 0x10_0000u64;
            for &(at, len, byte) in &fill {
                m.memset_phys(m.ul(start + at), byte, m.ul(len)).unwrap();
            }
            let map = m.phys_to_virt(m.ul(start));
            let bytes = u64::from(m.bits_per_long() / 8);
            let bits = bytes * 8;
            let word = |m: &Machine, k: u64| {
                (0..bytes).rev().fold(0u64, |v, b| (v << 8) | u64::from(m.read_phys_u8(start + k * bytes + b)))
            };
            let reach = remaining.saturating_sub(1) / bits;
            let first = word(&m, index);
            let expected = (1..=reach).take_while(|&k| word(&m, index + k) == first).count() as u64;
            let before = m.costs().words_read;
            let got = m.same_words(map, m.ul(index), m.ul(remaining)).unwrap();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(m.costs().words_read - before, expected);
        }
    }

    #[test]
    fn a_set_loop_counts_every_bit_it_tests() {
        let mut m = machine("x86_64", Bitops::Linux26, false);
        let map = m.phys_to_virt(m.ul(0x10_0000));
        m.memset_phys(m.ul(0x10_0000 + 2), 0x01, m.ul(1)).unwrap();
        // Bits 0-15 clear, bit 16 set: the loop sets 16 bits and stops at the 17th.
        let hit = m.test_and_set_bits(map, m.ul(0), m.ul(100)).unwrap();
        assert_eq!(hit.map(Ulong::get), Some(16));
        assert_eq!(
            m.costs(),
            Costs {
                test_and_set_bit: 17,
                ..Costs::default()
            }
        );
        assert_eq!(m.read_phys_u8(0x10_0000), 0xff);
        assert_eq!(m.read_phys_u8(0x10_0001), 0xff);
        assert_eq!(m.read_phys_u8(0x10_0002), 0x01);
    }

    #[test]
    fn same_words_over_a_mapping_that_ends_at_the_top_of_64_bit_space() {
        // With no RAM declared every address is mapped, up to 2^64 - 1: the count of
        // words left in the stretch must not overflow (found by the random suites).
        let mut m = machine("ia64", Bitops::Linux26, false);
        let map = m.phys_to_virt(m.ul(0));
        m.memset_phys(m.ul(64), 0xff, m.ul(8)).unwrap();
        let same = m.same_words(map, m.ul(0), m.ul(1 << 20)).unwrap();
        assert_eq!(same, 7);
        assert_eq!(m.costs().words_read, 7);
    }

    #[test]
    fn bits_past_a_direct_map_hole_fault_at_the_first_unmapped_bit() {
        let mut fast = machine("x86_64", Bitops::Linux26, false);
        let mut slow = machine("x86_64", Bitops::Linux26, true);
        for m in [&mut fast, &mut slow] {
            m.add_ram(0, 0x4000_0000);
        }
        // A bitmap 16 bytes below the end of the first (and only mapped) gigabyte.
        let map = fast.phys_to_virt(fast.ul(0x4000_0000 - 16));
        let a = fast.test_and_set_bits(map, fast.ul(0), fast.ul(1000));
        let b = slow.test_and_set_bits(map, slow.ul(0), slow.ul(1000));
        assert_eq!(a, b);
        assert!(matches!(a, Err(Stop::Oops { .. })), "{a:?}");
        assert_eq!(fast.costs().test_and_set_bit, 129);
    }
}
