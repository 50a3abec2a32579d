//! `struct page` for every page frame, and the log of pages handed to the page allocator.

use std::collections::BTreeMap;

/// The parts of `struct page` that the boot-time hand-off reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// `PG_reserved`.
    pub reserved: bool,
    /// `page->_count` (2.6) or `page->count` (2.4), as the kernel's `atomic_t` holds it.
    pub count: i32,
}

/// The memmap: one [`Page`] per pfn, kept as runs of frames in the same state, so that
/// it costs what the scenario made different, not what the machine has. Frames outside
/// every run are in the state the release's memmap set-up leaves them.
pub struct MemMap {
    initial: Page,
    /// Runs by first pfn: (end, state), never empty, never overlapping, never in the
    /// initial state, and never two touching runs in the same state.
    runs: BTreeMap<u64, (u64, Page)>,
}

impl MemMap {
    /// A memmap whose every frame starts as `initial`.
    pub fn new(initial: Page) -> MemMap {
        MemMap {
            initial,
            runs: BTreeMap::new(),
        }
    }

    /// The page of frame `pfn`.
    pub fn get(&self, pfn: u64) -> Page {
        self.run_at(pfn).0
    }

    /// The state of frame `pfn`, and the end of the stretch of frames from `pfn` on
    /// that are certainly in the same state.
    pub fn run_at(&self, pfn: u64) -> (Page, u64) {
        if let Some((_, &(end, page))) = self.runs.range(..=pfn).next_back() {
            if end > pfn {
                return (page, end);
            }
        }
        let next = self
            .runs
            .range(pfn..)
            .next()
            .map_or(u64::MAX, |(&start, _)| start);
        (self.initial, next)
    }

    /// Sets frame `pfn` to `page`.
    pub fn set(&mut self, pfn: u64, page: Page) {
        self.set_range(pfn, pfn.saturating_add(1), page);
    }

    /// Sets frames `[start, end)` to `page`.
    pub fn set_range(&mut self, mut start: u64, mut end: u64, page: Page) {
        if start >= end {
            return;
        }
        // The hand-off walks frames upwards: growing the run just below by frames that
        // belong to no run is the common case, and needs no search past it.
        if page != self.initial {
            if let Some((_, run)) = self.runs.range_mut(..=start).next_back() {
                if run.0 == start && run.1 == page {
                    let next = self.runs.range(start..).next().map(|(&s, _)| s);
                    if next.is_none_or(|s| s >= end) {
                        if let Some((_, run)) = self.runs.range_mut(..=start).next_back() {
                            run.0 = end;
                        }
                        if let Some(&(e, p)) = self.runs.get(&end) {
                            if p == page {
                                self.runs.remove(&end);
                                if let Some((_, run)) = self.runs.range_mut(..=start).next_back() {
                                    run.0 = e;
                                }
                            }
                        }
                        return;
                    }
                }
            }
        }
        // Cut the runs that overlap [start, end) down to what lies outside it.
        if let Some((&s, &(e, p))) = self.runs.range(..start).next_back() {
            if e > start {
                self.runs.insert(s, (start, p));
                if e > end {
                    self.runs.insert(end, (e, p));
                }
            }
        }
        while let Some((&s, _)) = self.runs.range(start..end).next() {
            let (e, p) = self.runs.remove(&s).unwrap_or((s, page));
            if e > end {
                self.runs.insert(end, (e, p));
            }
        }
        if page == self.initial {
            return;
        }
        // Merge with touching runs in the same state.
        if let Some((&s, &(e, p))) = self.runs.range(..start).next_back() {
            if e == start && p == page {
                self.runs.remove(&s);
                start = s;
            }
        }
        if let Some(&(e, p)) = self.runs.get(&end) {
            if p == page {
                self.runs.remove(&end);
                end = e;
            }
        }
        self.runs.insert(start, (end, page));
    }

    /// How many runs the memmap holds; what it costs.
    pub fn runs(&self) -> usize {
        self.runs.len()
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

/// The stretches of set bits among the low `n` bits of `word`, as (first bit, length),
/// in ascending order: the free pages one bitmap word of the hand-off stands for. A
/// `word` of all ones stands for as many words of ones as `n` needs.
pub fn bit_runs(word: u64, n: u64) -> impl Iterator<Item = (u64, u64)> {
    let n = if word == u64::MAX { n } else { n.min(64) };
    let mut k = 0u64;
    std::iter::from_fn(move || {
        if k >= n {
            return None;
        }
        if word == u64::MAX {
            k = n;
            return Some((0, n));
        }
        k += u64::from((word >> k).trailing_zeros()).min(n - k);
        if k >= n {
            return None;
        }
        let ones = u64::from((word >> k).trailing_ones()).min(n - k);
        let run = (k, ones);
        k += ones;
        Some(run)
    })
}

/// Appends `count` consecutive hand-offs of blocks of order `order` from `pfn` to a
/// run-length log.
pub fn hand_off_blocks(log: &mut Vec<FreedRun>, pfn: u64, order: u32, count: u64, bad: bool) {
    if count == 0 {
        return;
    }
    log_hand_off(log, pfn, order, bad);
    if let Some(last) = log.last_mut() {
        last.count += count - 1;
    }
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
        map.set(
            7,
            Page {
                reserved: true,
                count: 0,
            },
        );
        assert_eq!(map.get(7).count, 0);
        assert_eq!(map.get(8).count, 1);
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config())]

        /// The runs answer as a plain array of pages would, and stay merged.
        #[test]
        fn the_memmap_equals_an_array_of_pages(
            writes in proptest::collection::vec((0u64..300, 0u64..40, 0i32..3, proptest::bool::ANY), 0..60),
        ) {
            let initial = Page { reserved: true, count: 0 };
            let mut map = MemMap::new(initial);
            let mut model = vec![initial; 400];
            for &(start, len, count, reserved) in &writes {
                let page = Page { reserved, count };
                map.set_range(start, start + len, page);
                for p in &mut model[start as usize..(start + len) as usize] {
                    *p = page;
                }
            }
            for (pfn, &page) in model.iter().enumerate() {
                let (got, end) = map.run_at(pfn as u64);
                proptest::prop_assert_eq!(got, page);
                let same = model[pfn..].iter().take_while(|&&p| p == page).count() as u64;
                if (pfn as u64) + same < 400 {
                    proptest::prop_assert_eq!(end, pfn as u64 + same, "pfn {}", pfn);
                }
            }
        }
    }

    #[test]
    fn bit_runs_are_the_stretches_of_ones_below_n() {
        let runs: Vec<_> = bit_runs(0b1110_0110_0001, 64).collect();
        assert_eq!(runs, vec![(0, 1), (5, 2), (9, 3)]);
        let runs: Vec<_> = bit_runs(0b1110_0110_0001, 10).collect();
        assert_eq!(runs, vec![(0, 1), (5, 2), (9, 1)]);
        assert_eq!(bit_runs(u64::MAX, 64).collect::<Vec<_>>(), vec![(0, 64)]);
        assert_eq!(bit_runs(u64::MAX, 200).collect::<Vec<_>>(), vec![(0, 200)]);
        assert_eq!(bit_runs(0, 64).count(), 0);
        assert_eq!(bit_runs(u64::MAX, 0).count(), 0);
    }

    #[test]
    fn the_memmap_keeps_runs_merged_and_split() {
        let initial = Page {
            reserved: true,
            count: 0,
        };
        let free = Page {
            reserved: false,
            count: 0,
        };
        let mut map = MemMap::new(initial);
        for pfn in 100..200 {
            map.set(pfn, free);
        }
        assert_eq!(map.runs(), 1);
        assert_eq!(map.run_at(150), (free, 200));
        assert_eq!(map.run_at(50), (initial, 100));
        map.set_range(120, 130, initial);
        assert_eq!(map.runs(), 2);
        assert_eq!(map.get(125), initial);
        assert_eq!(map.get(130), free);
        map.set_range(0, u64::MAX, free);
        assert_eq!(map.runs(), 1);
        map.set_range(0, u64::MAX, initial);
        assert_eq!(map.runs(), 0);
        assert_eq!(map.run_at(5), (initial, u64::MAX));
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
