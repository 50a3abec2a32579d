//! The commits that explain a comparison: the marked code paths the newer run took,
//! and, for a call one release lacks, the commits that added or removed it.
//!
//! A version crate marks the paths its own release's commits brought, so only the
//! newer run's paths of commits between the two releases count.

use super::calls::classify;
use super::{CallDiff, CallsDiff, Explanation, Kind, Pair, Reach, Reason, Source, Why};
use crate::run::{Outcome, Trace};
use crate::versions;
use bootmem_core::{Release, Stop};

/// Explains a comparison from the newer run: why the first parting happens and what
/// ran later, or, when no call parts, what ran anywhere.
pub(super) fn explain(
    newer: &Trace,
    range: &[&'static Release],
    pair: &Pair,
    calls: &CallsDiff,
    identical: bool,
) -> Explanation {
    let Some(p) = &calls.parting else {
        let anywhere = marked(newer, range, |_| true);
        return if identical {
            Explanation::Quiet(anywhere)
        } else {
            Explanation::EndState(anywhere)
        };
    };
    let first = at_parting(newer, range, &p.call, (pair.a, pair.b));
    // After a parting at which one side stopped, everything later differs because of
    // that stop, and the paths the other side took later explain nothing.
    let later = if p.call.a.stopped() || p.call.b.stopped() {
        Vec::new()
    } else {
        let line = p.call.line;
        marked(newer, range, |l| l > line)
            .into_iter()
            .filter(|r| {
                !first
                    .reasons()
                    .iter()
                    .any(|q| q.mark == r.mark && q.what == r.what)
            })
            .collect()
    };
    Explanation::Parting { first, later }
}

/// The reasons for a parting at a call: the newer run's paths of commits in `range`
/// taken in that call, else those taken before it; and, for a call one release lacks,
/// the commits in `range` that its history names.
fn at_parting(
    newer: &Trace,
    range: &[&'static Release],
    call: &CallDiff,
    names: (&'static str, &'static str),
) -> Why {
    let line = call.line;
    let mut at_call = marked(newer, range, |l| l == line);
    for (release, o) in [(names.0, &call.a), (names.1, &call.b)] {
        if let Reach::Ran(Outcome::Stopped {
            stop:
                Stop::Unavailable {
                    call: name,
                    configured: false,
                },
            note: Some(note),
        }) = o
        {
            // The commits in range whose records list the call added or removed it.
            for (r, c) in versions::commits_in(range) {
                if c.touches(*name) {
                    at_call.push(Reason {
                        release,
                        line,
                        mark: c.id,
                        what: note.clone(),
                        source: Source::Missing { call: *name },
                        commit: Some((r.name, c)),
                    });
                }
            }
        }
    }
    if !at_call.is_empty() {
        return Why::InCall(at_call);
    }
    // A stop that only moved in the source owes nothing to earlier calls.
    if classify(&call.a, &call.b) == Some(Kind::Moved) {
        return Why::Earlier(Vec::new());
    }
    Why::Earlier(marked(newer, range, |l| l < line))
}

/// The paths of a trace taken in the calls whose line `keep` chooses, whose mark names
/// a commit in `range`; each (commit, path) once, at the first call that took it.
fn marked(t: &Trace, range: &[&'static Release], keep: impl Fn(usize) -> bool) -> Vec<Reason> {
    let mut out: Vec<Reason> = Vec::new();
    for c in t.calls.iter().filter(|c| keep(c.line)) {
        for p in &c.paths {
            let Some((r, commit)) = versions::resolve_mark(p.commit, range) else {
                continue;
            };
            if out.iter().any(|o| o.mark == p.commit && o.what == p.what) {
                continue;
            }
            out.push(Reason {
                release: t.version,
                line: c.line,
                mark: p.commit,
                what: p.what.to_string(),
                source: Source::Path,
                commit: Some((r.name, commit)),
            });
        }
    }
    out
}
