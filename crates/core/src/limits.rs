//! The bounds of one run: what the simulator may hold and do before it stops the run
//! with a `limit` stop, so that no scenario can exhaust the host's memory or time.
//!
//! The defaults are ceilings; a caller that knows what the scenario declares (its
//! nodes, their bitmaps, its `memset` statements) passes tighter bounds derived from
//! it, so that a run costs in proportion to the machine it describes, whatever the
//! kernel's wrapping arithmetic makes of it.

/// Page frames per block of page state: the memmap keeps `struct page` state for
/// whole blocks of this many frames.
pub const PAGE_STATE_BLOCK: u64 = 1024;

/// The bounds of one run. Past any of them the run ends with a [`crate::Stop::Limit`]
/// that names the bound and why it exists; everything the run did before is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bit and word operations on bitmaps: bounds the time of a run.
    pub bit_ops: u64,
    /// Bytes of simulated memory holding non-zero data, counted in 4 KiB chunks.
    pub written_bytes: u64,
    /// Page frames whose `struct page` state is kept, counted in whole blocks of
    /// [`PAGE_STATE_BLOCK`] frames.
    pub page_frames: u64,
    /// Lines of the kernel log.
    pub printk_lines: u64,
    /// Bytes of the kernel log.
    pub printk_bytes: u64,
    /// Entries (runs) of the log of pages handed to the page allocator.
    pub hand_offs: u64,
}

/// The most bit and word operations one run may perform: 2^26 (67 million), about
/// twice what a full boot of a 64 GiB machine needs (about 35 million), small enough
/// that any run ends in about two seconds of a release build, the slowest operation
/// (`test_and_set_bit()` on a new byte, about 30 million a second) included.
pub const MAX_BIT_OPS: u64 = 1 << 26;

/// The most memory a run may fill with non-zero bytes: 256 MiB, the bitmaps of 2^31
/// page frames, far more than any boot-time allocator wrote.
pub const MAX_WRITTEN_BYTES: u64 = 256 << 20;

/// The most lines of kernel log one run keeps: 32,768, room for a "reserved twice"
/// line for every page of 128 MiB; a real boot prints a handful.
pub const MAX_PRINTK_LINES: u64 = 1 << 15;

/// The most bytes of kernel log one run keeps: 2 MiB.
pub const MAX_PRINTK_BYTES: u64 = 2 << 20;

/// The most entries of the hand-off log one run keeps: 65,536 runs of blocks (2 MiB).
/// Consecutive blocks merge into one entry, so a real boot needs a few per node.
pub const MAX_HAND_OFFS: u64 = 1 << 16;

/// The most reserved ranges the final state of a trace lists, all nodes together:
/// 65,536 (1 MiB). Calls set and clear contiguous ranges, so only a `memset` of a byte
/// pattern over a bitmap splits it further; a real boot leaves a few ranges a node.
pub const MAX_TRACE_RANGES: usize = 1 << 16;

impl Default for Limits {
    /// The ceilings, for a machine built without a scenario. Page state is bounded by
    /// the simulator's node limit plus one block a node for each of 64 nodes.
    fn default() -> Limits {
        Limits {
            bit_ops: MAX_BIT_OPS,
            written_bytes: MAX_WRITTEN_BYTES,
            page_frames: crate::MAX_NODE_PAGES + 64 * PAGE_STATE_BLOCK,
            printk_lines: MAX_PRINTK_LINES,
            printk_bytes: MAX_PRINTK_BYTES,
            hand_offs: MAX_HAND_OFFS,
        }
    }
}

impl Limits {
    /// Each bound no larger than the default ceiling.
    pub fn capped(self) -> Limits {
        let c = Limits::default();
        Limits {
            bit_ops: self.bit_ops.min(c.bit_ops),
            written_bytes: self.written_bytes.min(c.written_bytes),
            page_frames: self.page_frames.min(c.page_frames),
            printk_lines: self.printk_lines.min(c.printk_lines),
            printk_bytes: self.printk_bytes.min(c.printk_bytes),
            hand_offs: self.hand_offs.min(c.hand_offs),
        }
    }
}
