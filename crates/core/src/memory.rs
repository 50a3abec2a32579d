//! Sparse, byte-addressable physical memory that reads as zero until written.
//!
//! Memory is kept in 4 KiB chunks created on first write, so a machine costs what the
//! kernel writes (bitmaps, zeroed allocations), not what it has. A chunk that holds one
//! byte value throughout (a bitmap filled with ones, or cleared) is kept as that value
//! alone, so a terabyte node's bitmap costs a few bytes a chunk. A one-entry cache of
//! the last chunk used makes the bit-by-bit scans of the 2.4 allocator cheap.

use crate::arena::Arena;

/// Bytes per chunk of simulated memory.
pub const CHUNK: u64 = 4096;

use crate::limits::MAX_WRITTEN_BYTES;

/// Why a write was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryLimit {
    /// Bytes the refused write would have filled.
    pub bytes: u64,
    /// The bound it would have passed.
    pub max: u64,
}

/// One chunk of memory.
enum Chunk {
    /// Every byte holds this value.
    Uniform(u8),
    /// The bytes themselves.
    Bytes(Box<[u8; CHUNK as usize]>),
}

/// A chunk as read: absent chunks read as `Uniform(0)`.
#[derive(Clone, Copy)]
pub(crate) enum ChunkRef<'a> {
    /// Every byte holds this value.
    Uniform(u8),
    /// The bytes themselves.
    Bytes(&'a [u8; CHUNK as usize]),
}

impl ChunkRef<'_> {
    /// The byte at `offset` within the chunk.
    #[inline]
    pub(crate) fn byte(&self, offset: usize) -> u8 {
        match self {
            ChunkRef::Uniform(b) => *b,
            ChunkRef::Bytes(bytes) => bytes[offset],
        }
    }
}

/// Physical memory of one machine.
pub struct PhysMem {
    addr_mask: u64,
    chunks: Arena<Chunk>,
    writes: u64,
    /// The most bytes the chunks may stand for; see [`PhysMem::set_max_bytes`].
    max_bytes: u64,
}

impl PhysMem {
    /// Memory whose addresses are `bits` wide (32 or 64): an address wraps at that width.
    pub fn new(bits: u32) -> PhysMem {
        PhysMem {
            addr_mask: if bits >= 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            },
            chunks: Arena::new(),
            writes: 0,
            max_bytes: MAX_WRITTEN_BYTES,
        }
    }

    /// Bounds the memory that may hold non-zero bytes to `bytes`, counted in whole
    /// chunks (a uniform chunk too, as the 4 KiB the kernel wrote); a write that would
    /// pass it is refused.
    pub fn set_max_bytes(&mut self, bytes: u64) {
        self.max_bytes = bytes;
    }

    /// How many writes have happened; equal counts mean memory has not changed.
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// Bytes of simulated memory in use; the tests measure what a write costs with it.
    #[cfg(test)]
    pub fn resident_bytes(&self) -> u64 {
        (0..self.chunks.len())
            .map(|i| match self.chunks.get(i) {
                Chunk::Uniform(_) => 1,
                Chunk::Bytes(_) => CHUNK,
            })
            .sum()
    }

    fn refused(&self, bytes: u64) -> MemoryLimit {
        MemoryLimit {
            bytes,
            max: self.max_bytes,
        }
    }

    fn find(&self, chunk: u64) -> Option<usize> {
        self.chunks.find(chunk)
    }

    /// Makes room for one more chunk under [`MAX_WRITTEN_BYTES`], which counts every
    /// chunk written, uniform or not, as the 4 KiB the kernel wrote.
    fn room(&self) -> Result<(), MemoryLimit> {
        if (self.chunks.len() as u64 + 1) * CHUNK > self.max_bytes {
            return Err(self.refused(CHUNK));
        }
        Ok(())
    }

    /// The bytes of chunk `number`, created zeroed or expanded from a uniform value.
    fn bytes_mut(&mut self, number: u64) -> Result<&mut [u8; CHUNK as usize], MemoryLimit> {
        let i = match self.find(number) {
            Some(i) => i,
            None => {
                self.room()?;
                self.chunks.insert(number, Chunk::Uniform(0))
            }
        };
        let chunk = self.chunks.get_mut(i);
        if let Chunk::Uniform(b) = *chunk {
            *chunk = Chunk::Bytes(Box::new([b; CHUNK as usize]));
        }
        match chunk {
            Chunk::Bytes(bytes) => Ok(bytes),
            Chunk::Uniform(_) => Err(MemoryLimit {
                bytes: CHUNK,
                max: 0,
            }),
        }
    }

    /// Sets every byte of chunk `number` to `byte`.
    fn set_uniform(&mut self, number: u64, byte: u8) -> Result<(), MemoryLimit> {
        match self.find(number) {
            Some(i) => *self.chunks.get_mut(i) = Chunk::Uniform(byte),
            None if byte == 0 => {}
            None => {
                self.room()?;
                self.chunks.insert(number, Chunk::Uniform(byte));
            }
        }
        Ok(())
    }

    /// One byte.
    pub fn read_u8(&self, addr: u64) -> u8 {
        let addr = addr & self.addr_mask;
        self.chunk(addr / CHUNK).byte((addr % CHUNK) as usize)
    }

    /// Writes one byte.
    pub fn write_u8(&mut self, addr: u64, value: u8) -> Result<(), MemoryLimit> {
        let addr = addr & self.addr_mask;
        self.writes += 1;
        if let ChunkRef::Uniform(b) = self.chunk(addr / CHUNK) {
            if b == value {
                return Ok(());
            }
        }
        self.bytes_mut(addr / CHUNK)?[(addr % CHUNK) as usize] = value;
        Ok(())
    }

    /// The address mask: addresses wrap at the machine's width.
    pub(crate) fn addr_mask(&self) -> u64 {
        self.addr_mask
    }

    /// Chunk `number`; an absent chunk reads as zeroes.
    #[inline]
    pub(crate) fn chunk(&self, number: u64) -> ChunkRef<'_> {
        match self.find(number).map(|i| self.chunks.get(i)) {
            None => ChunkRef::Uniform(0),
            Some(Chunk::Uniform(b)) => ChunkRef::Uniform(*b),
            Some(Chunk::Bytes(bytes)) => ChunkRef::Bytes(bytes),
        }
    }

    /// Chunk `number` for writing, created (zeroed) if it does not exist yet; `writes`
    /// is how many single writes the caller stands for, so that the write counter moves
    /// as it would had they been made one by one.
    pub(crate) fn chunk_mut(
        &mut self,
        number: u64,
        writes: u64,
    ) -> Result<&mut [u8; CHUNK as usize], MemoryLimit> {
        self.writes += writes;
        self.bytes_mut(number)
    }

    /// Sets all of chunk `number` to `byte`, standing for `writes` single writes.
    pub(crate) fn chunk_set(
        &mut self,
        number: u64,
        byte: u8,
        writes: u64,
    ) -> Result<(), MemoryLimit> {
        self.writes += writes;
        self.set_uniform(number, byte)
    }

    /// Counts `writes` single writes that changed nothing (a zero written where no chunk
    /// exists).
    pub(crate) fn count_writes(&mut self, writes: u64) {
        self.writes += writes;
    }

    /// A little-endian word of `bytes` bytes (4 or 8), as x86 and ia64 store them.
    pub fn read_word(&self, addr: u64, bytes: u32) -> u64 {
        let addr = addr & self.addr_mask;
        let offset = addr % CHUNK;
        if offset + u64::from(bytes) <= CHUNK {
            let chunk = self.chunk(addr / CHUNK);
            let mut value = 0u64;
            for k in (0..bytes as usize).rev() {
                value = (value << 8) | u64::from(chunk.byte(offset as usize + k));
            }
            return value;
        }
        let mut value = 0u64;
        for k in (0..u64::from(bytes)).rev() {
            value = (value << 8) | u64::from(self.read_u8(addr.wrapping_add(k)));
        }
        value
    }

    /// `memset(addr, byte, len)` on physical memory; the range wraps at the address
    /// width. Filling with zero is free however large; other bytes are refused past
    /// [`MAX_WRITTEN_BYTES`].
    pub fn fill(&mut self, addr: u64, byte: u8, len: u64) -> Result<(), MemoryLimit> {
        if len == 0 {
            return Ok(());
        }
        self.writes += 1;
        let addr = addr & self.addr_mask;
        let space = self.addr_mask as u128 + 1;
        let len128 = u128::from(len).min(space);
        let end = u128::from(addr) + len128;
        if end > space {
            // The range wraps past the top of the address space: fill it as two ranges.
            let first = (space - u128::from(addr)) as u64;
            self.fill_range(addr, byte, first)?;
            return self.fill_range(0, byte, (len128 - u128::from(first)) as u64);
        }
        self.fill_range(addr, byte, len128 as u64)
    }

    fn fill_range(&mut self, addr: u64, byte: u8, len: u64) -> Result<(), MemoryLimit> {
        if len == 0 {
            return Ok(());
        }
        let last = addr + (len - 1);
        if byte == 0 {
            if len / CHUNK > self.chunks.len() as u64 {
                // Zeroing more than there is: visit only the chunks that exist.
                let hits: Vec<u64> = self
                    .chunks
                    .slots()
                    .map(|(c, _)| c)
                    .filter(|&c| c >= addr / CHUNK && c <= last / CHUNK)
                    .collect();
                for c in hits {
                    self.fill_part(c, addr, last, 0)?;
                }
                return Ok(());
            }
        } else if len > self.max_bytes {
            return Err(self.refused(len));
        }
        let mut c = addr / CHUNK;
        loop {
            let max = self.max_bytes;
            self.fill_part(c, addr, last, byte)
                .map_err(|_| MemoryLimit { bytes: len, max })?;
            if c == last / CHUNK {
                return Ok(());
            }
            c += 1;
        }
    }

    /// Fills the part of chunk `c` that lies in `[addr, last]` with `byte`.
    fn fill_part(&mut self, c: u64, addr: u64, last: u64, byte: u8) -> Result<(), MemoryLimit> {
        let lo = (c * CHUNK).max(addr) - c * CHUNK;
        let hi = (c * CHUNK + (CHUNK - 1)).min(last) - c * CHUNK;
        if lo == 0 && hi == CHUNK - 1 {
            return self.set_uniform(c, byte);
        }
        if let ChunkRef::Uniform(b) = self.chunk(c) {
            if b == byte {
                return Ok(());
            }
        }
        self.bytes_mut(c)?[lo as usize..=hi as usize].fill(byte);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_reads_zero_until_written() {
        let mut m = PhysMem::new(64);
        assert_eq!(m.read_u8(0x1234_5678), 0);
        m.write_u8(0x1234_5678, 0xab).unwrap();
        assert_eq!(m.read_u8(0x1234_5678), 0xab);
        assert_eq!(m.resident_bytes(), CHUNK);
    }

    #[test]
    fn words_are_little_endian_and_may_straddle_chunks() {
        let mut m = PhysMem::new(64);
        for (k, b) in [0x44u8, 0x33, 0x22, 0x11].into_iter().enumerate() {
            m.write_u8(CHUNK - 2 + k as u64, b).unwrap();
        }
        assert_eq!(m.read_u8(CHUNK - 2), 0x44);
        assert_eq!(m.read_u8(CHUNK + 1), 0x11);
        assert_eq!(m.read_word(CHUNK - 2, 4), 0x1122_3344);
    }

    #[test]
    fn thirty_two_bit_addresses_wrap() {
        let mut m = PhysMem::new(32);
        m.write_u8(0x1_0000_0010, 7).unwrap();
        assert_eq!(m.read_u8(0x10), 7);
        m.fill(0xffff_fffe, 0xff, 4).unwrap();
        assert_eq!(m.read_u8(0xffff_ffff), 0xff);
        assert_eq!(m.read_u8(0x1), 0xff);
        assert_eq!(m.read_u8(0x2), 0);
    }

    #[test]
    fn huge_zero_fill_is_cheap_and_clears_what_was_written() {
        let mut m = PhysMem::new(64);
        m.fill(0x10_0000, 0xff, 3 * CHUNK).unwrap();
        m.fill(0x10_0000 + 10, 0, u64::MAX).unwrap();
        assert_eq!(m.read_u8(0x10_0000 + 9), 0xff);
        assert_eq!(m.read_u8(0x10_0000 + 10), 0);
        assert_eq!(m.read_u8(0x10_0000 + 3 * CHUNK - 1), 0);
    }

    #[test]
    fn huge_nonzero_fill_is_refused() {
        let mut m = PhysMem::new(64);
        assert_eq!(
            m.fill(0, 0xff, MAX_WRITTEN_BYTES + 1),
            Err(MemoryLimit {
                bytes: MAX_WRITTEN_BYTES + 1,
                max: MAX_WRITTEN_BYTES
            })
        );
    }

    #[test]
    fn write_counter_moves_on_every_write() {
        let mut m = PhysMem::new(64);
        let before = m.writes();
        m.fill(0, 0, 10).unwrap();
        assert!(m.writes() > before);
    }
}
