//! The step log: an opt-in record of what the release's code did inside a call, for the
//! step-through (`explain`).
//!
//! The machine records one [`Step`] per bit loop it runs as a range operation, per
//! `test_bit()` and `find_next_zero_bit()` the release calls itself, per bitmap word the
//! hand-off reads, per block handed to the page allocator and per marked code path;
//! version crates add a note where the release decides something the bits do not show
//! (a restart of the scan, the sub-page merge). The log is off unless asked for, and
//! costs a test of an `Option` where it is off.
//!
//! Steps are recorded at the level of the C's loops, never of the simulator's fast
//! paths, so the log is the same whether a loop ran a chunk at a time or bit by bit.
//! It is summarised as it grows: a step that continues the one before it (the next
//! word of the same value, the next block of the same order) or that continues the
//! same step one round of a short repeating pattern back (the 2.4 scan's candidate
//! and window, the hand-off's word and block) is folded into it, and past
//! [`MAX_HEAD`] + [`MAX_TAIL`] entries the middle of the log is dropped and counted.

use crate::CodePath;
use std::collections::VecDeque;

/// Entries kept from the start of a call.
pub const MAX_HEAD: usize = 120;

/// Entries kept from the end of a call, after the head is full.
pub const MAX_TAIL: usize = 40;

/// The longest repeating pattern of steps that is folded together: the hand-off's
/// word, block and the free-time checks' paths need five.
const MAX_PERIOD: usize = 8;

/// Which loop of the C a [`Step::Loop`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitLoop {
    /// `test_and_set_bit()` on each bit until one was set already: a reservation or
    /// an allocation marking its pages.
    TestAndSet,
    /// `test_and_clear_bit()` on each bit until one was clear already: a free.
    TestAndClear,
    /// `test_bit()` on each bit until one is set.
    UntilSet,
    /// `test_bit()` on each bit until one is clear.
    UntilClear,
    /// `test_bit()` on every `incr`th bit until one is clear: 2.4's candidates.
    Candidates {
        /// The step between candidates, in bits.
        incr: u64,
    },
}

/// One step of the release's code inside a call. Bit numbers are indices into the
/// node's bitmap (page frames counted from `node_boot_start`); `map` is the bitmap's
/// physical address, which says whose bitmap it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A bit loop over `[from, to)`, stopped at `stop` (or run to its end), after
    /// `tests` operations; `repeats` loops of the same shape whose starts are `stride`
    /// apart, folded together (`from` and `stop` are the first loop's).
    Loop {
        /// The loop.
        kind: BitLoop,
        /// Physical address of the bitmap.
        map: u64,
        /// The first index.
        from: u64,
        /// The index the loop ends before.
        to: u64,
        /// The index that ended the loop early.
        stop: Option<u64>,
        /// Bit operations of all the loops folded.
        tests: u64,
        /// How many loops are folded.
        repeats: u64,
        /// The distance between their starts.
        stride: u64,
    },
    /// The scan window test: `test_bit()` on `[from, end)`, ended by the first set bit
    /// or by reaching `eidx`; `repeats` windows `stride` apart ended by the same
    /// `conflict`, folded together.
    Window {
        /// Physical address of the bitmap.
        map: u64,
        /// The first index tested (the candidate plus one).
        from: u64,
        /// The window's end (the candidate plus the pages asked for).
        end: u64,
        /// The end of the node's bitmap.
        eidx: u64,
        /// What ended the window early: a set bit, or `eidx`; `None` when it is free.
        conflict: Option<u64>,
        /// `test_bit()` calls of all the windows folded.
        tests: u64,
        /// How many windows are folded.
        repeats: u64,
        /// The distance between their starts.
        stride: u64,
        /// The distance between the bits that ended them: 0 when one bit ended them
        /// all (2.4's windows behind one reserved page), `stride` when each was ended
        /// the same distance past its start.
        conflict_stride: u64,
    },
    /// A `find_next_zero_bit(map, size, offset)` call and its answer.
    Search {
        /// Physical address of the bitmap.
        map: u64,
        /// `size`.
        size: u64,
        /// `offset`.
        offset: u64,
        /// What it answered.
        answer: u64,
        /// The words it read.
        words: u64,
        /// The last word it read: its physical address, width in bytes and value.
        last_word: Option<(u64, u32, u64)>,
        /// How many searches of the same shape are folded; `offset`, `answer` and
        /// `last_word` are the first's, `words` counts them all.
        repeats: u64,
        /// The distance between their offsets.
        stride: u64,
        /// The distance between their answers.
        answer_stride: u64,
    },
    /// A `test_bit(nr, map)` the release's code made itself, outside a loop.
    Test {
        /// Physical address of the bitmap.
        map: u64,
        /// The bit number.
        nr: u64,
        /// The physical address of the byte it read.
        byte: u64,
        /// That byte's value.
        value: u8,
        /// What it answered.
        set: bool,
        /// How many tests with the same answer are folded (`nr`, `byte` and `value`
        /// are the first's).
        repeats: u64,
        /// The distance between their bit numbers.
        stride: u64,
    },
    /// Bitmap words read as `map[index]` by the hand-off: `count` consecutive words of
    /// the same `value`.
    Words {
        /// Physical address of the bitmap.
        map: u64,
        /// The first word's index.
        index: u64,
        /// How many words.
        count: u64,
        /// Their value.
        value: u64,
    },
    /// `blocks` consecutive blocks of `1 << order` frames handed to the page allocator
    /// from frame `pfn`; `bad` where the allocator's free-time check
    /// (`free_pages_check()`) found the page in a bad state.
    HandOff {
        /// The first frame.
        pfn: u64,
        /// The order of each block.
        order: u32,
        /// How many blocks.
        blocks: u64,
        /// The check failed.
        bad: bool,
    },
    /// A marked code path ran.
    Path(&'static CodePath),
    /// The scan found nothing from `from` and starts again from `to`.
    Restart {
        /// The index the failed scan started from.
        from: u64,
        /// The index the new scan starts from.
        to: u64,
    },
    /// The sub-page merge decision at index `start`: whether the allocation is packed
    /// into the partial page `last_pos` left, given `last_pos` and `last_offset` as
    /// they stood.
    SubPageMerge {
        /// The index the scan found.
        start: u64,
        /// The alignment asked for.
        align: u64,
        /// `last_pos`: the index of the last page the previous allocation used.
        last_pos: u64,
        /// `last_offset`: how far into that page it reached.
        last_offset: u64,
        /// Whether the allocation is packed there.
        merged: bool,
    },
}

/// The steps of one call, summarised as they are recorded.
#[derive(Clone, Debug, Default)]
pub struct StepLog {
    head: Vec<Step>,
    tail: VecDeque<Step>,
    /// Entries dropped between the head and the tail.
    dropped: u64,
    /// Steps that continue, in order, the entries of the last round of a repeating
    /// pattern (`round`, their indices), held until the round is whole.
    pending: Vec<Step>,
    round: Vec<usize>,
}

impl Step {
    /// Folds `next` into this step where it continues it; says whether it did.
    fn absorb(&mut self, next: &Step) -> bool {
        match (self, next) {
            (
                Step::Loop {
                    kind,
                    map,
                    from,
                    to,
                    stop,
                    tests,
                    repeats,
                    stride,
                },
                Step::Loop {
                    kind: k,
                    map: m,
                    from: f,
                    to: t,
                    stop: s,
                    tests: n,
                    repeats: 1,
                    ..
                },
            ) if kind == k && map == m && to == t => {
                let relative = |start: u64, at: &Option<u64>| at.map(|a| a.wrapping_sub(start));
                if relative(*from, stop) != relative(*f, s) {
                    return false;
                }
                let mut s = *stride;
                if !advances(*from, *repeats, &mut s, *f) {
                    return false;
                }
                *stride = s;
                *tests += n;
                *repeats += 1;
                true
            }
            (
                Step::Window {
                    map,
                    from,
                    end,
                    eidx,
                    conflict: Some(conflict),
                    tests,
                    repeats,
                    stride,
                    conflict_stride,
                },
                Step::Window {
                    map: m,
                    from: f,
                    end: e,
                    eidx: x,
                    conflict: Some(c),
                    tests: n,
                    repeats: 1,
                    ..
                },
            ) if map == m
                && eidx == x
                && e.wrapping_sub(*f) == end.wrapping_sub(*from)
                && (*conflict >= *eidx) == (*c >= *x) =>
            {
                let (mut s, mut cs) = (*stride, *conflict_stride);
                if !advances(*from, *repeats, &mut s, *f)
                    || !progresses(*conflict, *repeats, &mut cs, *c)
                    || (cs != 0 && cs != s)
                {
                    return false;
                }
                (*stride, *conflict_stride) = (s, cs);
                *tests += n;
                *repeats += 1;
                true
            }
            (
                Step::Search {
                    map,
                    size,
                    offset,
                    answer,
                    words,
                    repeats,
                    stride,
                    answer_stride,
                    ..
                },
                Step::Search {
                    map: m,
                    size: z,
                    offset: o,
                    answer: a,
                    words: w,
                    repeats: 1,
                    ..
                },
            ) if map == m && size == z && (*answer >= *size) == (*a >= *z) => {
                let (mut s, mut r) = (*stride, *answer_stride);
                if !advances(*offset, *repeats, &mut s, *o)
                    || !progresses(*answer, *repeats, &mut r, *a)
                {
                    return false;
                }
                (*stride, *answer_stride) = (s, r);
                *words += w;
                *repeats += 1;
                true
            }
            (
                Step::Test {
                    map,
                    nr,
                    set,
                    repeats,
                    stride,
                    ..
                },
                Step::Test {
                    map: m,
                    nr: n,
                    set: t,
                    repeats: 1,
                    ..
                },
            ) if map == m && set == t => {
                let mut s = *stride;
                if !advances(*nr, *repeats, &mut s, *n) {
                    return false;
                }
                *stride = s;
                *repeats += 1;
                true
            }
            (
                Step::Words {
                    map,
                    index,
                    count,
                    value,
                },
                Step::Words {
                    map: m,
                    index: i,
                    count: c,
                    value: v,
                },
            ) if map == m && value == v && index.checked_add(*count) == Some(*i) => {
                *count += c;
                true
            }
            (
                Step::HandOff {
                    pfn,
                    order,
                    blocks,
                    bad,
                },
                Step::HandOff {
                    pfn: p,
                    order: o,
                    blocks: b,
                    bad: d,
                },
            ) if order == o
                && bad == d
                && blocks
                    .checked_shl(*order)
                    .and_then(|frames| pfn.checked_add(frames))
                    == Some(*p) =>
            {
                *blocks += b;
                true
            }
            (Step::Path(a), Step::Path(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

/// As [`progresses`], for the index a folded step starts at: it must move on.
fn advances(first: u64, repeats: u64, stride: &mut u64, next: u64) -> bool {
    next > first && progresses(first, repeats, stride, next)
}

/// Whether `next` continues the progression `first`, `first + stride`, … of which
/// `repeats` terms are folded; the second term fixes `stride` (zero when the terms are
/// one value).
fn progresses(first: u64, repeats: u64, stride: &mut u64, next: u64) -> bool {
    if repeats == 1 {
        return match next.checked_sub(first) {
            Some(step) => {
                *stride = step;
                true
            }
            None => false,
        };
    }
    stride
        .checked_mul(repeats)
        .and_then(|d| first.checked_add(d))
        == Some(next)
}

impl StepLog {
    /// An empty log.
    pub fn new() -> StepLog {
        StepLog::default()
    }

    fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    fn get_mut(&mut self, at: usize) -> Option<&mut Step> {
        if at < self.head.len() {
            self.head.get_mut(at)
        } else {
            self.tail.get_mut(at - self.head.len())
        }
    }

    fn get(&self, at: usize) -> Option<&Step> {
        if at < self.head.len() {
            self.head.get(at)
        } else {
            self.tail.get(at - self.head.len())
        }
    }

    /// The indices of the last `n` entries that are not marked paths, in order.
    ///
    /// Rounds are found among these: a path is noted where it first runs in the call,
    /// which is inside the first round of a loop, so that it stands between that round
    /// and the next.
    fn recent(&self, n: usize) -> Vec<usize> {
        let mut found: Vec<usize> = (0..self.len())
            .rev()
            .filter(|&at| !matches!(self.get(at), Some(Step::Path(_))))
            .take(n)
            .collect();
        found.reverse();
        found
    }

    /// Records `step`, folding it into what came before where it continues it: into
    /// the entry just before, or, once a whole round of a repeating pattern has
    /// arrived, each step into the one a round back.
    pub fn push(&mut self, step: Step) {
        if matches!(step, Step::Path(_)) {
            self.flush();
            self.append(step);
            return;
        }
        if let Some(&at) = self.round.get(self.pending.len()) {
            if self.get(at).is_some_and(|prev| prev.clone().absorb(&step)) {
                self.pending.push(step);
                if self.pending.len() == self.round.len() {
                    let round = std::mem::take(&mut self.round);
                    for (at, s) in round.into_iter().zip(std::mem::take(&mut self.pending)) {
                        if let Some(prev) = self.get_mut(at) {
                            prev.absorb(&s);
                        }
                    }
                }
                return;
            }
            self.flush();
        }
        let recent = self.recent(MAX_PERIOD);
        if let Some(&last) = recent.last() {
            if self.get_mut(last).is_some_and(|prev| prev.absorb(&step)) {
                return;
            }
        }
        for period in 2..=recent.len() {
            let round = &recent[recent.len() - period..];
            if self
                .get(round[0])
                .is_some_and(|prev| prev.clone().absorb(&step))
            {
                self.round = round.to_vec();
                self.pending.push(step);
                return;
            }
        }
        self.append(step);
    }

    /// Records the steps of a round that did not complete, as they came.
    pub fn flush(&mut self) {
        self.round.clear();
        for step in std::mem::take(&mut self.pending) {
            let folded = self
                .recent(1)
                .first()
                .and_then(|&at| self.get_mut(at))
                .is_some_and(|last| last.absorb(&step));
            if !folded {
                self.append(step);
            }
        }
    }

    fn append(&mut self, step: Step) {
        if self.head.len() < MAX_HEAD {
            self.head.push(step);
            return;
        }
        self.tail.push_back(step);
        if self.tail.len() > MAX_TAIL {
            self.tail.pop_front();
            self.dropped += 1;
        }
    }

    /// The steps kept from the start of the call.
    pub fn head(&self) -> &[Step] {
        &self.head
    }

    /// How many entries were dropped between the head and the tail.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The steps kept from the end of the call.
    pub fn tail(&self) -> impl Iterator<Item = &Step> {
        self.tail.iter()
    }

    /// Every step kept, with `None` where entries were dropped; call
    /// [`StepLog::flush`] first for a log still recording.
    pub fn entries(&self) -> impl Iterator<Item = Option<&Step>> {
        let gap = (self.dropped > 0).then_some(None);
        self.head
            .iter()
            .map(Some)
            .chain(gap)
            .chain(self.tail.iter().map(Some))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(index: u64, value: u64) -> Step {
        Step::Words {
            map: 0x1000,
            index,
            count: 1,
            value,
        }
    }

    fn block(pfn: u64) -> Step {
        Step::HandOff {
            pfn,
            order: 6,
            blocks: 1,
            bad: false,
        }
    }

    #[test]
    fn a_repeating_word_and_block_fold_into_one_of_each() {
        let mut log = StepLog::new();
        for k in 0..100 {
            log.push(words(k, 0));
            log.push(block(k * 64));
        }
        log.push(words(100, 5));
        log.flush();
        assert_eq!(
            log.head(),
            &[
                Step::Words {
                    map: 0x1000,
                    index: 0,
                    count: 100,
                    value: 0
                },
                Step::HandOff {
                    pfn: 0,
                    order: 6,
                    blocks: 100,
                    bad: false
                },
                words(100, 5),
            ]
        );
    }

    #[test]
    fn the_2_4_scan_folds_candidates_blocked_by_one_bit() {
        let mut log = StepLog::new();
        for i in 0x100..0x200u64 {
            log.push(Step::Loop {
                kind: BitLoop::Candidates { incr: 1 },
                map: 0x1000,
                from: i,
                to: 0x400,
                stop: Some(i),
                tests: 1,
                repeats: 1,
                stride: 0,
            });
            log.push(Step::Window {
                map: 0x1000,
                from: i + 1,
                end: i + 0x300,
                eidx: 0x400,
                conflict: Some(0x200),
                tests: 0x200 - i,
                repeats: 1,
                stride: 0,
                conflict_stride: 0,
            });
        }
        log.flush();
        assert_eq!(log.head().len(), 2);
        assert!(matches!(
            log.head()[1],
            Step::Window {
                repeats: 0x100,
                stride: 1,
                tests: 0x8080,
                ..
            }
        ));
    }

    #[test]
    fn a_round_that_does_not_complete_keeps_its_order() {
        let candidate = |i: u64| Step::Loop {
            kind: BitLoop::Candidates { incr: 4 },
            map: 0x1000,
            from: i,
            to: 0x40,
            stop: Some(i),
            tests: 1,
            repeats: 1,
            stride: 0,
        };
        let window = |i: u64, conflict: Option<u64>| Step::Window {
            map: 0x1000,
            from: i + 1,
            end: i + 2,
            eidx: 0x40,
            conflict,
            tests: 1,
            repeats: 1,
            stride: 0,
            conflict_stride: 0,
        };
        let steps = [
            candidate(0),
            window(0, Some(1)),
            candidate(4),
            window(4, None),
        ];
        let mut log = StepLog::new();
        for s in steps.iter().cloned() {
            log.push(s);
        }
        log.flush();
        assert_eq!(log.head(), &steps);
    }

    #[test]
    fn a_long_log_keeps_its_head_and_tail() {
        let mut log = StepLog::new();
        for k in 0..1000u64 {
            log.push(Step::Restart { from: k, to: 0 });
        }
        assert_eq!(log.head().len(), MAX_HEAD);
        assert_eq!(log.tail().count(), MAX_TAIL);
        assert_eq!(log.dropped(), 1000 - (MAX_HEAD + MAX_TAIL) as u64);
        assert_eq!(log.tail().last(), Some(&Step::Restart { from: 999, to: 0 }));
        assert_eq!(log.entries().filter(Option::is_none).count(), 1);
    }
}
