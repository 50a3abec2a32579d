//! What the picture knows of a node's pages: which call claimed which frames (from
//! each call's arguments and result), the frames' holders from the bitmap and those
//! claims, and the holders aggregated into pixel columns.

use crate::parse::Scenario;
use crate::run::{Outcome, Trace, Value};
use bootmem_core::Call;

/// What a call does to the frames it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// An allocation: the frames from the returned address for the requested size.
    Alloc,
    /// A reservation by address (`reserve_bootmem*`).
    Reserve,
    /// A range freed by address (`free_bootmem*`).
    Free,
}

/// The frames one call claimed, as half-open pfns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The call's place among the calls that ran: a later claim covers an earlier.
    pub order: usize,
    /// The call's index among the scenario's statements, which names its colour the
    /// same on every release.
    pub statement: usize,
    /// What the call did.
    pub kind: ClaimKind,
    /// First pfn.
    pub start: u64,
    /// One past the last pfn.
    pub end: u64,
}

/// What the picture says a page frame holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holder {
    /// Its bit is clear.
    Free,
    /// Its bit is set and no call claims it: reserved since the node was set up (or set
    /// by a `memset`).
    Unclaimed,
    /// Its bit is set and the call at this statement index claimed it last.
    Call(usize),
}

/// What a hand-off strip says of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Handed {
    /// Not handed to the page allocator.
    No,
    /// Handed over.
    Yes,
    /// Handed over, and the page allocator would call it a bad page.
    Bad,
}

/// What a statement's call does to frames, whatever it returns.
pub fn claim_kind(call: &Call) -> Option<ClaimKind> {
    Some(match call {
        Call::reserve_bootmem { .. } | Call::reserve_bootmem_node { .. } => ClaimKind::Reserve,
        Call::free_bootmem { .. } | Call::free_bootmem_node { .. } => ClaimKind::Free,
        _ => {
            requested_size(call)?;
            ClaimKind::Alloc
        }
    })
}

/// The size an allocating call asked for; `None` for calls that allocate nothing and
/// for `alloc_node_mem_map`, whose size the release computes from the node.
fn requested_size(call: &Call) -> Option<u64> {
    Some(match *call {
        Call::__alloc_bootmem { size, .. }
        | Call::__alloc_bootmem_node { size, .. }
        | Call::alloc_bootmem { size }
        | Call::alloc_bootmem_low { size }
        | Call::alloc_bootmem_pages { size }
        | Call::alloc_bootmem_low_pages { size }
        | Call::alloc_bootmem_node { size, .. }
        | Call::alloc_bootmem_pages_node { size, .. }
        | Call::alloc_bootmem_low_pages_node { size, .. }
        | Call::__alloc_bootmem_limit { size, .. }
        | Call::__alloc_bootmem_node_limit { size, .. }
        | Call::alloc_bootmem_limit { size, .. }
        | Call::alloc_bootmem_low_limit { size, .. }
        | Call::alloc_bootmem_pages_limit { size, .. }
        | Call::alloc_bootmem_low_pages_limit { size, .. }
        | Call::alloc_bootmem_node_limit { size, .. }
        | Call::alloc_bootmem_pages_node_limit { size, .. }
        | Call::alloc_bootmem_low_pages_node_limit { size, .. }
        | Call::__alloc_bootmem_low { size, .. }
        | Call::__alloc_bootmem_low_node { size, .. }
        | Call::alloc_remap { size, .. } => size,
        Call::alloc_node_mem_map { .. } => 0,
        _ => return None,
    })
}

/// The scenario statement a trace's call record stands for, by its line.
pub fn statement_of(scenario: &Scenario, line: usize) -> Option<usize> {
    scenario
        .statements
        .binary_search_by_key(&line, |s| s.line)
        .ok()
}

/// Every claim of the calls that ran, in call order. An allocation covers the frames
/// from its address for the size it asked (`alloc_node_mem_map`: one `struct page`
/// per frame of the node, plus one, as 2.6 sizes it); a reservation rounds outwards
/// and a free inwards, as bootmem rounds them.
pub fn claims(scenario: &Scenario, trace: &Trace) -> Vec<Claim> {
    let shift = trace.arch.page_shift.min(63);
    let page = 1u64 << shift;
    let down = |a: u64| a >> shift;
    let up = |a: u64| (a >> shift).saturating_add(u64::from(a & (page - 1) != 0));
    let mut out = Vec::new();
    for (order, record) in trace.calls.iter().enumerate() {
        let Some(statement) = statement_of(scenario, record.line) else {
            continue;
        };
        let call = &scenario.statements[statement].call;
        let Some(kind) = claim_kind(call) else {
            continue;
        };
        let (start, end) = match (kind, *call, &record.outcome) {
            (ClaimKind::Alloc, _, Outcome::Returned(Value::Pointer(Some(pa)))) => {
                let size = match *call {
                    Call::alloc_node_mem_map { nid } => trace
                        .end
                        .nodes
                        .iter()
                        .find(|n| n.nid == nid)
                        .map(|n| {
                            let pages = n.node_low_pfn.saturating_sub(n.start_pfn(shift));
                            pages
                                .saturating_add(1)
                                .saturating_mul(trace.arch.sizeof_struct_page)
                        })
                        .unwrap_or(1),
                    _ => requested_size(call).unwrap_or(0),
                };
                (down(*pa), up(pa.saturating_add(size.max(1))))
            }
            (
                ClaimKind::Reserve,
                Call::reserve_bootmem { addr, size }
                | Call::reserve_bootmem_node { addr, size, .. },
                Outcome::Returned(_),
            ) => (down(addr), up(addr.saturating_add(size))),
            (
                ClaimKind::Free,
                Call::free_bootmem { addr, size } | Call::free_bootmem_node { addr, size, .. },
                Outcome::Returned(_),
            ) => (up(addr), down(addr.saturating_add(size))),
            _ => continue,
        };
        if start < end {
            out.push(Claim {
                order,
                statement,
                kind,
                start,
                end,
            });
        }
    }
    out
}

/// The holders of the frames `[start, end)`, as runs in pfn order that cover the whole
/// span: a frame whose bit is set (it lies in one of `reserved`, sorted and disjoint)
/// is held by the last call that claimed it, a frame whose bit is clear is free.
pub fn holders(
    start: u64,
    end: u64,
    reserved: &[(u64, u64)],
    claims: &[Claim],
) -> Vec<(u64, u64, Holder)> {
    let clip = |s: u64, e: u64| (s.max(start), e.min(end));
    let mut cuts = vec![start, end];
    for c in claims {
        let (s, e) = clip(c.start, c.end);
        if s < e {
            cuts.push(s);
            cuts.push(e);
        }
    }
    for &(s, e) in reserved {
        let (s, e) = clip(s, e);
        if s < e {
            cuts.push(s);
            cuts.push(e);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.start < end && c.end > start && c.start < c.end)
        .collect();
    by_start.sort_by_key(|c| c.start);
    // The claims covering the current frame, latest call last; a claim that has ended
    // is dropped when it comes to the top, since only the latest matters.
    let mut active: std::collections::BTreeMap<(usize, u64), (u64, ClaimKind, usize)> =
        std::collections::BTreeMap::new();
    let (mut next, mut run) = (0, 0);
    let mut out: Vec<(u64, u64, Holder)> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        while next < by_start.len() && by_start[next].start <= s {
            let c = by_start[next];
            active.insert((c.order, c.start), (c.end, c.kind, c.statement));
            next += 1;
        }
        while let Some((&key, &(claim_end, _, _))) = active.last_key_value() {
            if claim_end <= s {
                active.remove(&key);
            } else {
                break;
            }
        }
        while run < reserved.len() && reserved[run].1 <= s {
            run += 1;
        }
        let set = run < reserved.len() && reserved[run].0 <= s;
        let holder = if !set {
            Holder::Free
        } else {
            match active.last_key_value() {
                Some((_, &(_, ClaimKind::Free, _))) | None => Holder::Unclaimed,
                Some((_, &(_, _, statement))) => Holder::Call(statement),
            }
        };
        match out.last_mut() {
            Some(last) if last.1 == s && last.2 == holder => last.1 = e,
            _ => out.push((s, e, holder)),
        }
    }
    out
}

/// The hand-off within `[start, end)` as runs in pfn order (frames not handed over are
/// left out).
pub fn handed(start: u64, end: u64, freed: &[bootmem_core::FreedRun]) -> Vec<(u64, u64, Handed)> {
    let mut out: Vec<(u64, u64, Handed)> = freed
        .iter()
        .filter_map(|r| {
            let s = r.pfn.max(start);
            let e = r.pfn.saturating_add(r.pages()).min(end);
            (s < e).then_some((s, e, if r.bad { Handed::Bad } else { Handed::Yes }))
        })
        .collect();
    out.sort_unstable_by_key(|r| r.0);
    out
}

/// One pixel column of a strip: the frames it covers, summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column<T> {
    /// What holds the most of its frames.
    pub main: T,
    /// For a column of several holders, what holds the most of the rest; `None` for a
    /// column of one holder.
    pub second: Option<T>,
}

/// The frames `[start, end)` cut into at most `max` columns of equal numbers of frames
/// (one frame a column when there are fewer), each summarised from the runs `segments`
/// (sorted by start); frames no run covers are held by `gap`. The work is linear in
/// the runs and the columns.
pub fn columns<T: Copy + Ord>(
    start: u64,
    end: u64,
    segments: &[(u64, u64, T)],
    gap: T,
    max: usize,
) -> Vec<Column<T>> {
    let span = end.saturating_sub(start);
    let n = usize::try_from(span).unwrap_or(usize::MAX).min(max.max(1));
    if span == 0 {
        return Vec::new();
    }
    let bound = |k: usize| -> u64 {
        let off = u128::from(span) * k as u128 / n as u128;
        start + u64::try_from(off).unwrap_or(span)
    };
    let mut out = Vec::with_capacity(n);
    let mut first = 0;
    let mut counts: std::collections::BTreeMap<T, u64> = std::collections::BTreeMap::new();
    for k in 0..n {
        let (cs, ce) = (bound(k), bound(k + 1));
        counts.clear();
        while first < segments.len() && segments[first].1 <= cs {
            first += 1;
        }
        let mut covered = 0u64;
        let mut i = first;
        while i < segments.len() && segments[i].0 < ce {
            let (s, e, t) = segments[i];
            let (s, e) = (s.max(cs), e.min(ce));
            if s < e {
                *counts.entry(t).or_default() += e - s;
                covered = covered.saturating_add(e - s);
            }
            i += 1;
        }
        let rest = (ce - cs).saturating_sub(covered);
        if rest > 0 {
            *counts.entry(gap).or_default() += rest;
        }
        // The most frames wins; of equals, the first holder in order (free before
        // reserved before the calls) does, so the picture is deterministic.
        let mut ranked: Vec<(T, u64)> = counts.iter().map(|(&t, &c)| (t, c)).collect();
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let main = ranked.first().map_or(gap, |r| r.0);
        out.push(Column {
            main,
            second: ranked.get(1).map(|r| r.0),
        });
    }
    out
}
