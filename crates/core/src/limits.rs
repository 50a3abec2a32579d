//! The bounds of one run: what the simulator may hold and do before it stops the run
//! with a `limit` stop, so that no scenario can exhaust the host's memory or time.
//!
//! The defaults are ceilings; a caller that knows what the scenario declares (its
//! nodes, their bitmaps, its `memset` statements) passes tighter bounds derived from
//! it, so that a run costs in proportion to the machine it describes, whatever the
//! kernel's wrapping arithmetic makes of it.

/// The bounds of one run. Past any of them the run ends with a [`crate::Stop::Limit`]
/// that names the bound and why it exists; everything the run did before is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bitmap operations of the release's C (see `Costs::bitmap_ops`): bounds the
    /// work the run stands for.
    pub bit_ops: u64,
    /// Steps of the simulator itself (a single-bit operation, a stretch of a range
    /// operation, a page operation): bounds the time of a run.
    pub sim_steps: u64,
    /// Bytes of simulated memory holding non-zero data, counted in 4 KiB chunks.
    pub written_bytes: u64,
    /// Runs of `struct page` state kept (frames in one state are one run).
    pub page_runs: u64,
    /// Lines of the kernel log.
    pub printk_lines: u64,
    /// Bytes of the kernel log.
    pub printk_bytes: u64,
    /// Entries (runs) of the log of pages handed to the page allocator.
    pub hand_offs: u64,
}

/// The most bitmap operations of the release's C one run may stand for: 2^33, about ten
/// seconds of the C. 2.4.22's quadratic scan on a 64 GiB four-node boot performs some
/// 318 million and completes; the simulator does most of them a byte or a chunk at a
/// time, so the time of a run is bounded by [`MAX_SIM_STEPS`].
pub const MAX_BIT_OPS: u64 = 1 << 33;

/// The most steps the simulator may take in one run: 2^26, about two seconds of a
/// release build where every step is a single-bit operation (about 30 million a
/// second), the slowest kind. A range operation takes one step for each 512 bits it
/// visits, a page operation one for each stretch of frames; a 4 TiB boot on 2.4 takes
/// about 2^22.
pub const MAX_SIM_STEPS: u64 = 1 << 26;

/// The most runs of `struct page` state one run keeps: 2^21 (about 100 MiB). Calls
/// change stretches of frames at a time, so a real boot leaves a few runs a node.
pub const MAX_PAGE_RUNS: u64 = 1 << 21;

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
    /// The ceilings, for a machine built without a scenario.
    fn default() -> Limits {
        Limits {
            bit_ops: MAX_BIT_OPS,
            sim_steps: MAX_SIM_STEPS,
            written_bytes: MAX_WRITTEN_BYTES,
            page_runs: MAX_PAGE_RUNS,
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
            sim_steps: self.sim_steps.min(c.sim_steps),
            written_bytes: self.written_bytes.min(c.written_bytes),
            page_runs: self.page_runs.min(c.page_runs),
            printk_lines: self.printk_lines.min(c.printk_lines),
            printk_bytes: self.printk_bytes.min(c.printk_bytes),
            hand_offs: self.hand_offs.min(c.hand_offs),
        }
    }
}
