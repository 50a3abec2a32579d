//! Blocks created on first use and found by number: an index, and a one-entry cache of
//! the last block found, because the allocator touches the same block many times in a
//! row (a bitmap chunk during a scan, a run of page frames during the hand-off).

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hasher for block numbers; std's SipHash is needlessly slow here.
#[derive(Default)]
pub(crate) struct NumberHasher(u64);

impl Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Blocks of type `B`, each under a number.
pub(crate) struct Arena<B> {
    index: HashMap<u64, usize, BuildHasherDefault<NumberHasher>>,
    blocks: Vec<B>,
    last: Cell<Option<(u64, usize)>>,
}

impl<B> Arena<B> {
    pub(crate) fn new() -> Arena<B> {
        Arena {
            index: HashMap::default(),
            blocks: Vec::new(),
            last: Cell::new(None),
        }
    }

    /// How many blocks exist.
    pub(crate) fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The slot of block `number`, if it exists.
    pub(crate) fn find(&self, number: u64) -> Option<usize> {
        if let Some((n, i)) = self.last.get() {
            if n == number {
                return Some(i);
            }
        }
        let found = self.index.get(&number).copied();
        if let Some(i) = found {
            self.last.set(Some((number, i)));
        }
        found
    }

    /// Adds block `number` (which must not exist yet) and returns its slot.
    pub(crate) fn insert(&mut self, number: u64, block: B) -> usize {
        let i = self.blocks.len();
        self.blocks.push(block);
        self.index.insert(number, i);
        self.last.set(Some((number, i)));
        i
    }

    /// The block in slot `i`.
    pub(crate) fn get(&self, i: usize) -> &B {
        &self.blocks[i]
    }

    /// The block in slot `i`, for writing.
    pub(crate) fn get_mut(&mut self, i: usize) -> &mut B {
        &mut self.blocks[i]
    }

    /// Every (number, slot), in no particular order.
    pub(crate) fn slots(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        self.index.iter().map(|(&n, &i)| (n, i))
    }
}
