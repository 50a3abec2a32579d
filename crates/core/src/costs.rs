//! What a call cost the release's own C code, counted operation by operation.
//!
//! The machine does its work a word, a run or a stretch of bits at a time, but it adds
//! to these counters exactly what the C, one bit and one page at a time, would have
//! done. The counts are therefore a property of the release, not of the simulator: two
//! releases that answer the same request with different loops show different costs.

use std::ops::Sub;

/// Operations of the C code, as the release performs them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Costs {
    /// `test_bit()` calls.
    pub test_bit: u64,
    /// `test_and_set_bit()` calls: bits set, or found set already.
    pub test_and_set_bit: u64,
    /// `test_and_clear_bit()` calls: bits cleared, or found clear already.
    pub test_and_clear_bit: u64,
    /// `find_next_zero_bit()` calls.
    pub find_next_zero_bit: u64,
    /// Bitmap words read: by `find_next_zero_bit()` (in the width the arch's search
    /// reads) and by the hand-off's `map[i / BITS_PER_LONG]`.
    pub words_read: u64,
    /// Bytes written by `memset()` with a non-zero byte: in every release, the
    /// bitmap's `memset(map, 0xff, mapsize)` of `init_bootmem_core()`.
    pub bytes_filled: u64,
    /// Bytes written by `memset()` with zero: in every release, the allocation's
    /// `memset(ret, 0, size)` of `__alloc_bootmem_core()`.
    pub bytes_zeroed: u64,
    /// Page frames handed to the page allocator.
    pub pages_freed: u64,
}

impl Costs {
    /// Every bitmap operation and word read: the measure of the operation budget.
    pub fn bitmap_ops(&self) -> u64 {
        self.test_bit
            + self.test_and_set_bit
            + self.test_and_clear_bit
            + self.find_next_zero_bit
            + self.words_read
    }

    /// Both counts added, each stopping at `u64::MAX`: the cost of two calls together.
    pub fn plus(&self, other: &Costs) -> Costs {
        Costs {
            test_bit: self.test_bit.saturating_add(other.test_bit),
            test_and_set_bit: self.test_and_set_bit.saturating_add(other.test_and_set_bit),
            test_and_clear_bit: self
                .test_and_clear_bit
                .saturating_add(other.test_and_clear_bit),
            find_next_zero_bit: self
                .find_next_zero_bit
                .saturating_add(other.find_next_zero_bit),
            words_read: self.words_read.saturating_add(other.words_read),
            bytes_filled: self.bytes_filled.saturating_add(other.bytes_filled),
            bytes_zeroed: self.bytes_zeroed.saturating_add(other.bytes_zeroed),
            pages_freed: self.pages_freed.saturating_add(other.pages_freed),
        }
    }

    /// Whether nothing was counted.
    pub fn is_zero(&self) -> bool {
        *self == Costs::default()
    }

    /// The counters as (name, value) pairs, in a fixed order for output.
    pub fn fields(&self) -> [(&'static str, u64); 8] {
        [
            ("test_bit", self.test_bit),
            ("test_and_set_bit", self.test_and_set_bit),
            ("test_and_clear_bit", self.test_and_clear_bit),
            ("find_next_zero_bit", self.find_next_zero_bit),
            ("words_read", self.words_read),
            ("bytes_filled", self.bytes_filled),
            ("bytes_zeroed", self.bytes_zeroed),
            ("pages_freed", self.pages_freed),
        ]
    }
}

impl Sub for Costs {
    type Output = Costs;

    fn sub(self, earlier: Costs) -> Costs {
        Costs {
            test_bit: self.test_bit - earlier.test_bit,
            test_and_set_bit: self.test_and_set_bit - earlier.test_and_set_bit,
            test_and_clear_bit: self.test_and_clear_bit - earlier.test_and_clear_bit,
            find_next_zero_bit: self.find_next_zero_bit - earlier.find_next_zero_bit,
            words_read: self.words_read - earlier.words_read,
            bytes_filled: self.bytes_filled - earlier.bytes_filled,
            bytes_zeroed: self.bytes_zeroed - earlier.bytes_zeroed,
            pages_freed: self.pages_freed - earlier.pages_freed,
        }
    }
}
