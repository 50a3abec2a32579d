//! The calls of two runs walked side by side, record by record: the first call at
//! which they part, the other calls that end differently, the calls only one side
//! reached, and the `printk` lines only one side printed.

use super::{CallDiff, CallsDiff, Kind, OneSided, Parting, PrintkDiff, Reach, Side};
use crate::run::{CallRecord, Outcome, Trace};
use bootmem_core::Stop;
use std::collections::{BTreeMap, BTreeSet};

/// Compares the calls of two runs; also gives the kinds of difference found in calls
/// both sides reached and in their logs. `new_code_at(line)` says whether the newer run
/// took, in the call at that line, a code path that a commit between the two releases
/// brought: two stops of the same kind are then a change of behaviour, not a stop that
/// only moved in the source.
pub(super) fn compare(
    a: &Trace,
    b: &Trace,
    new_code_at: impl Fn(usize) -> bool,
) -> (CallsDiff, Vec<Kind>) {
    let (ra, rb) = (by_line(a), by_line(b));
    let stop_a = a.stop().map(|(c, _)| c.line);
    let stop_b = b.stop().map(|(c, _)| c.line);
    let lines: BTreeSet<usize> = ra.keys().chain(rb.keys()).copied().collect();
    let reach = |c: Option<&&CallRecord>, stopped_at: Option<usize>| match c {
        Some(c) => Reach::Ran(c.outcome.clone()),
        None => Reach::NotReached { stopped_at },
    };
    let mut out = CallsDiff::default();
    let mut kinds = Vec::new();
    for line in lines {
        let (ca, cb) = (ra.get(&line), rb.get(&line));
        let (oa, ob) = (reach(ca, stop_a), reach(cb, stop_b));
        let logs = printk_diff(
            line,
            ca.map_or(&[][..], |c| &c.printk),
            cb.map_or(&[][..], |c| &c.printk),
        );
        let text = |c: Option<&&CallRecord>| -> Vec<String> {
            c.map_or_else(Vec::new, |c| {
                c.warnings.iter().map(|w| w.to_string()).collect()
            })
        };
        let warns = printk_diff(line, &text(ca), &text(cb));
        let call_kind = match classify(&oa, &ob) {
            Some(Kind::Moved) if new_code_at(line) => Some(Kind::Stop),
            kind => kind,
        };
        // A call that one side never reached differs only because of the stop before
        // it, which the parting already counts.
        if let Some(k) = call_kind.filter(|_| oa.ran() && ob.ran()) {
            kinds.push(k);
        }
        if logs.is_some() {
            kinds.push(Kind::Printk);
        }
        // Past a stop only one side ran the call; the warnings of calls both ran are
        // listed. They are a kind of difference of their own only where both sides
        // returned: a call that stops on one side parts as a stop, whatever it warned.
        let warns = warns.filter(|_| oa.ran() && ob.ran());
        let returned = |r: &Reach| matches!(r, Reach::Ran(Outcome::Returned(_)));
        let warn_kind = warns.is_some() && returned(&oa) && returned(&ob);
        if warn_kind {
            kinds.push(Kind::Warning);
        }
        let this = CallDiff {
            line,
            call: ca.or(cb).map(|c| c.call.to_string()).unwrap_or_default(),
            a: oa,
            b: ob,
        };
        if out.parting.is_none() && (call_kind.is_some() || logs.is_some() || warn_kind) {
            let quiet_kind = if logs.is_some() {
                Kind::Printk
            } else {
                Kind::Warning
            };
            out.parting = Some(Parting {
                kind: call_kind.unwrap_or(quiet_kind),
                call: this,
            });
        } else if this.a.ran() && this.b.ran() && !same_outcome(&this.a, &this.b) {
            out.others.push(this);
        }
        if let Some(l) = logs {
            out.printk.push(l);
        }
        if let Some(w) = warns {
            out.warnings.push(w);
        }
    }
    out.one_sided = one_sided(&ra, &rb, stop_a, stop_b);
    (out, kinds)
}

/// The records of a trace by scenario line.
fn by_line(t: &Trace) -> BTreeMap<usize, &CallRecord> {
    t.calls.iter().map(|c| (c.line, c)).collect()
}

/// How one call parts, if it does.
pub(super) fn classify(a: &Reach, b: &Reach) -> Option<Kind> {
    if same_outcome(a, b) {
        return None;
    }
    let stop = |r: &Reach| match r {
        Reach::Ran(Outcome::Stopped { stop, .. }) => Some(stop.clone()),
        _ => None,
    };
    let unavailable = |r: &Reach| matches!(stop(r), Some(Stop::Unavailable { .. }));
    Some(match (a, b) {
        _ if unavailable(a) || unavailable(b) => Kind::Unavailable,
        (Reach::Ran(Outcome::Returned(_)), Reach::Ran(Outcome::Returned(_))) => Kind::Result,
        _ => match (stop(a), stop(b)) {
            (Some(Stop::Bug { file: fa, .. }), Some(Stop::Bug { file: fb, .. })) if fa == fb => {
                Kind::Moved
            }
            (Some(Stop::Hang { .. }), Some(Stop::Hang { .. }))
            | (Some(Stop::Oops { .. }), Some(Stop::Oops { .. })) => Kind::Moved,
            // Two traces that both stop before this line part earlier, at a stop.
            _ => Kind::Stop,
        },
    })
}

/// Whether two calls end alike: a call missing from one release and left out of the
/// other's configuration ends the boot the same way, whatever each says of why (the
/// JSON of both is the same stop).
fn same_outcome(a: &Reach, b: &Reach) -> bool {
    let essence = |r: &Reach| match r {
        Reach::Ran(Outcome::Stopped {
            stop: Stop::Unavailable { call, .. },
            ..
        }) => Reach::Ran(Outcome::Stopped {
            stop: Stop::Unavailable {
                call: *call,
                configured: false,
            },
            note: None,
        }),
        other => other.clone(),
    };
    essence(a) == essence(b)
}

/// The lines of one call that only one side printed: each side's lines less those
/// the other printed too, counted with multiplicity, in the order printed.
fn printk_diff(line: usize, a: &[String], b: &[String]) -> Option<PrintkDiff> {
    if a == b {
        return None;
    }
    let only = |xs: &[String], ys: &[String]| {
        let mut left: Vec<Option<&String>> = ys.iter().map(Some).collect();
        xs.iter()
            .filter(
                |x| match left.iter_mut().find(|y| y.is_some_and(|y| y == *x)) {
                    Some(slot) => {
                        *slot = None;
                        false
                    }
                    None => true,
                },
            )
            .cloned()
            .collect::<Vec<String>>()
    };
    Some(PrintkDiff {
        line,
        a_only: only(a, b),
        b_only: only(b, a),
    })
}

/// The calls that only the side which stopped later reached.
fn one_sided(
    ra: &BTreeMap<usize, &CallRecord>,
    rb: &BTreeMap<usize, &CallRecord>,
    stop_a: Option<usize>,
    stop_b: Option<usize>,
) -> Option<OneSided> {
    let only =
        |mine: &BTreeMap<usize, &CallRecord>, theirs: &BTreeMap<usize, &CallRecord>, side: Side| {
            let lines: Vec<usize> = mine
                .keys()
                .filter(|l| !theirs.contains_key(l))
                .copied()
                .collect();
            Some(OneSided {
                side,
                calls: lines.len(),
                lines: (*lines.first()?, *lines.last()?),
            })
        };
    match (stop_a, stop_b) {
        (Some(x), Some(y)) if x < y => only(rb, ra, Side::B),
        (Some(x), Some(y)) if x > y => only(ra, rb, Side::A),
        (Some(_), None) => only(rb, ra, Side::B),
        (None, Some(_)) => only(ra, rb, Side::A),
        _ => None,
    }
}
