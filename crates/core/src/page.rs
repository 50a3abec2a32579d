//! `struct page` for every page frame, and the log of pages handed to the page allocator.

use crate::arena::Arena;

/// The parts of `struct page` that the boot-time hand-off reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// `PG_reserved`.
    pub reserved: bool,
    /// `page->_count` (2.6) or `page->count` (2.4), as the kernel's `atomic_t` holds it.
    pub count: i32,
}

const PAGES_PER_BLOCK: u64 = crate::limits::PAGE_STATE_BLOCK;

/// The memmap: one [`Page`] per pfn, created lazily in the state the release's memmap
/// set-up leaves them, so untouched frames cost nothing.
pub struct MemMap {
    initial: Page,
    blocks: Arena<Box<[Page]>>,
}

impl MemMap {
    /// A memmap whose every frame starts as `initial`.
    pub fn new(initial: Page) -> MemMap {
        MemMap {
            initial,
            blocks: Arena::new(),
        }
    }

    /// The page of frame `pfn`.
    pub fn get(&self, pfn: u64) -> Page {
        match self.blocks.find(pfn / PAGES_PER_BLOCK) {
            Some(i) => self.blocks.get(i)[(pfn % PAGES_PER_BLOCK) as usize],
            None => self.initial,
        }
    }

    /// Whether the state of frame `pfn` is kept already, so that writing it costs
    /// nothing more.
    pub fn holds(&self, pfn: u64) -> bool {
        self.blocks.find(pfn / PAGES_PER_BLOCK).is_some()
    }

    /// How many frames' state is kept, in whole blocks.
    pub fn frames_kept(&self) -> u64 {
        self.blocks.len() as u64 * PAGES_PER_BLOCK
    }

    /// The page of frame `pfn`, for writing.
    pub fn get_mut(&mut self, pfn: u64) -> &mut Page {
        let block = pfn / PAGES_PER_BLOCK;
        let i = match self.blocks.find(block) {
            Some(i) => i,
            None => {
                let fresh = vec![self.initial; PAGES_PER_BLOCK as usize].into_boxed_slice();
                self.blocks.insert(block, fresh)
            }
        };
        &mut self.blocks.get_mut(i)[(pfn % PAGES_PER_BLOCK) as usize]
    }
}

/// A run of hand-offs to the page allocator: `count` blocks of `1 << order` pages, the
/// first at `pfn` and each following the last, all with the same `bad` verdict. The log
/// is kept as runs so that freeing a large machine page by page stays small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreedRun {
    /// First pfn handed over.
    pub pfn: u64,
    /// Order of each block.
    pub order: u32,
    /// Number of consecutive blocks.
    pub count: u64,
    /// Whether the release's page allocator would report these as bad pages.
    pub bad: bool,
}

impl FreedRun {
    /// How many page frames the run hands over.
    pub fn pages(&self) -> u64 {
        self.count << self.order
    }

    /// Every (pfn, order, bad) of the run, in the order handed over.
    pub fn each(&self) -> impl Iterator<Item = (u64, u32, bool)> + '_ {
        (0..self.count).map(move |k| (self.pfn + (k << self.order), self.order, self.bad))
    }
}

/// Appends one hand-off to a run-length log.
pub fn log_hand_off(log: &mut Vec<FreedRun>, pfn: u64, order: u32, bad: bool) {
    if let Some(last) = log.last_mut() {
        if last.order == order && last.bad == bad && last.pfn.wrapping_add(last.pages()) == pfn {
            last.count += 1;
            return;
        }
    }
    log.push(FreedRun {
        pfn,
        order,
        count: 1,
        bad,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_frames_have_the_initial_state() {
        let mut map = MemMap::new(Page {
            reserved: true,
            count: 1,
        });
        assert_eq!(
            map.get(5_000_000),
            Page {
                reserved: true,
                count: 1
            }
        );
        map.get_mut(7).count = 0;
        assert_eq!(map.get(7).count, 0);
        assert_eq!(map.get(8).count, 1);
    }

    #[test]
    fn consecutive_hand_offs_merge_into_runs() {
        let mut log = Vec::new();
        log_hand_off(&mut log, 10, 0, false);
        log_hand_off(&mut log, 11, 0, false);
        log_hand_off(&mut log, 64, 6, false);
        log_hand_off(&mut log, 128, 6, false);
        log_hand_off(&mut log, 192, 6, true);
        assert_eq!(log.len(), 3);
        assert_eq!(log[0].count, 2);
        assert_eq!(log[1].count, 2);
        let all: Vec<_> = log.iter().flat_map(|r| r.each()).collect();
        assert_eq!(all[3], (128, 6, false));
        assert_eq!(all[4], (192, 6, true));
    }
}
