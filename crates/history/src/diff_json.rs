//! Comparisons as JSON for tools: one diff, a bisection, a tour. Addresses are `"0x…"`
//! strings and NULL is `"NULL"`, as in the JSON trace of the spec.

use crate::compare::{summarize, Bisect, Cell, Comparison, Explained, Tour};
use crate::diff::{
    Bits, CallDiff, Diff, Explanation, HandOff, HandOffCount, Reach, Reason, Side, Source, Why,
};
use crate::run::{Outcome, Value};
use crate::versions;
use bootmem_core::{Commit, Stop};
use serde_json::{json, Map, Value as Json};

fn hex(v: u64) -> Json {
    Json::String(format!("{v:#x}"))
}

fn value(v: &Value) -> Json {
    match v {
        Value::Nothing => Json::Null,
        Value::Number(n) => json!(n),
        Value::Pointer(Some(a)) => hex(*a),
        Value::Pointer(None) => json!("NULL"),
    }
}

fn stop(s: &Stop, note: Option<&String>) -> Json {
    let mut o = Map::new();
    o.insert("kind".into(), json!(s.kind()));
    match s {
        Stop::Bug { file, line } => {
            o.insert("file".into(), json!(file));
            o.insert("at".into(), json!(line));
        }
        Stop::Panic { message } => {
            o.insert("message".into(), json!(message));
        }
        Stop::Oops {
            reason, address, ..
        } => {
            o.insert("reason".into(), json!(reason));
            if let Some(address) = address {
                o.insert("address".into(), json!(format!("{address:#x}")));
            }
        }
        Stop::Hang { function } => {
            o.insert("function".into(), json!(function));
        }
        Stop::Unavailable { call } => {
            o.insert("call".into(), json!(call.name()));
            if let Some(n) = note {
                o.insert("note".into(), json!(n));
            }
        }
        Stop::Limit { reason } => {
            o.insert("message".into(), json!(reason));
        }
    }
    Json::Object(o)
}

/// An outcome: `{"result": …}`, `{"stop": {…}}` or `{"not_reached": {"stopped_at": n}}`.
fn outcome(o: &Reach) -> Json {
    match o {
        Reach::Ran(Outcome::Returned(v)) => json!({ "result": value(v) }),
        Reach::Ran(Outcome::Stopped { stop: s, note }) => json!({ "stop": stop(s, note.as_ref()) }),
        Reach::NotReached { stopped_at } => {
            json!({ "not_reached": { "stopped_at": stopped_at } })
        }
    }
}

fn call(c: &CallDiff) -> Json {
    json!({ "line": c.line, "call": c.call, "a": outcome(&c.a), "b": outcome(&c.b) })
}

/// A commit with the release that brought it.
pub fn commit(release: &str, c: &Commit) -> Json {
    json!({
        "release": release,
        "id": c.id,
        "short": versions::short_id(c.id),
        "title": c.title,
        "author": c.author,
        "date": c.date,
    })
}

fn reason(r: &Reason) -> Json {
    let mut o = json!({
        "release": r.release,
        "line": r.line,
        "mark": r.mark,
        "what": r.what,
        "commit": r.commit.map(|(rel, c)| commit(rel, c)),
    });
    if let (Source::Missing { call }, Some(map)) = (&r.source, o.as_object_mut()) {
        map.insert("missing_call".into(), json!(call.name()));
    }
    o
}

fn hand_off(h: Option<HandOff>) -> Json {
    match h {
        Some(h) => json!({ "pfn": h.pfn, "order": h.order, "bad": h.bad }),
        None => Json::Null,
    }
}

fn count(c: &HandOffCount) -> Json {
    let orders: Vec<Json> = c
        .by_order
        .iter()
        .map(|(o, n, bad)| json!({ "order": o, "blocks": n, "bad": bad }))
        .collect();
    json!({ "pages": c.pages, "blocks": c.blocks, "bad": c.bad, "by_order": orders })
}

/// One diff as a JSON object.
pub fn diff(d: &Diff) -> Json {
    let kinds: Vec<&str> = d.kinds.iter().map(|k| k.label()).collect();
    let commits: Vec<Json> = d.pair.commits.iter().map(|(r, c)| commit(r, c)).collect();
    let reasons = |list: &[Reason]| list.iter().map(reason).collect::<Vec<_>>();
    let none: &[Reason] = &[];
    let (at_call, earlier, later, end_state, quiet) = match &d.why {
        Explanation::Parting { first, later } => match first {
            Why::InCall(r) => (&r[..], none, &later[..], none, none),
            Why::Earlier(r) => (none, &r[..], &later[..], none, none),
        },
        Explanation::EndState(r) => (none, none, none, &r[..], none),
        Explanation::Quiet(r) => (none, none, none, none, &r[..]),
    };
    let first = d.calls.parting.as_ref().map(|p| {
        json!({
            "kind": p.kind.label(),
            "line": p.call.line,
            "call": p.call.call,
            "a": outcome(&p.call.a),
            "b": outcome(&p.call.b),
            "why": reasons(at_call),
            "earlier": reasons(earlier),
        })
    });
    let printk: Vec<Json> = d
        .calls
        .printk
        .iter()
        .map(|p| json!({ "line": p.line, "a_only": p.a_only, "b_only": p.b_only }))
        .collect();
    let nodes: Vec<Json> = d
        .end
        .nodes
        .iter()
        .map(|n| {
            let mut fields = Map::new();
            for f in &n.fields {
                fields.insert(
                    f.name.into(),
                    json!({ "a": f.a, "b": f.b, "differs": f.differs }),
                );
            }
            let bits = match &n.bits {
                Bits::Same => json!({ "same": true }),
                Bits::Absent => json!({ "absent_on": if n.a.is_some() { "b" } else { "a" } }),
                Bits::Dropped { a } => json!({ "dropped_on": if *a { "a" } else { "b" } }),
                Bits::Differ { runs, pages } => json!({
                    "pages": pages,
                    "runs": runs
                        .iter()
                        .map(|r| json!({
                            "start": r.start,
                            "end": r.end,
                            "reserved_on": if r.reserved_on_b { "b" } else { "a" },
                        }))
                        .collect::<Vec<_>>(),
                }),
            };
            json!({ "nid": n.nid, "fields": fields, "bitmap": bits })
        })
        .collect();
    let one_sided = d.calls.one_sided.as_ref().map(|o| {
        json!({
            "side": if o.side == Side::A { "a" } else { "b" },
            "calls": o.calls,
            "lines": [o.lines.0, o.lines.1],
        })
    });
    let freed = d.end.freed.as_ref().map(|f| {
        json!({
            "a": count(&f.a),
            "b": count(&f.b),
            "first": f.first.map(|x| json!({
                "index": x.index,
                "a": hand_off(x.a),
                "b": hand_off(x.b),
            })),
        })
    });
    json!({
        "file": d.file,
        "a": d.pair.a,
        "b": d.pair.b,
        "identical": d.identical(),
        "kinds": kinds,
        "commits": commits,
        "first": first,
        "calls": d.calls.others.iter().map(call).collect::<Vec<_>>(),
        "one_sided": one_sided,
        "printk": printk,
        "nodes": nodes,
        "saved_max_pfn": d.end.saved_max_pfn.map(|(a, b)| json!({ "a": a, "b": b })),
        "freed": freed,
        "reasons": reasons(end_state),
        "later": reasons(later),
        "quiet": reasons(quiet),
    })
}

/// A comparison: its diff, with the steps between when the releases are not
/// neighbours.
pub fn comparison(c: &Comparison) -> Json {
    let mut o = diff(&c.diff);
    if let Some(map) = o.as_object_mut() {
        map.insert(
            "steps".into(),
            Json::Array(c.steps.iter().map(diff).collect()),
        );
    }
    o
}

/// Several comparisons, as an array.
pub fn comparisons(list: &[Comparison]) -> Json {
    Json::Array(list.iter().map(comparison).collect())
}

/// Several bisections, as an array.
pub fn bisects(list: &[Bisect]) -> Json {
    Json::Array(list.iter().map(bisect).collect())
}

/// A bisection: every step of history.
pub fn bisect(b: &Bisect) -> Json {
    let first = b.traces.first().map(|t| {
        json!({
            "release": t.version,
            "stop": t.calls.last().and_then(|c| match &c.outcome {
                Outcome::Stopped { stop: s, note } => Some(json!({
                    "line": c.line,
                    "call": c.call,
                    "stop": stop(s, note.as_ref()),
                })),
                Outcome::Returned(_) => None,
            }),
        })
    });
    json!({
        "file": b.file,
        "first": first,
        "steps": b.steps.iter().map(diff).collect::<Vec<_>>(),
        "changed_at": b.changes().map(|d| d.pair.b).collect::<Vec<_>>(),
    })
}

fn explained(list: &[Explained]) -> Json {
    Json::Array(
        list.iter()
            .map(|e| json!({ "commit": commit(e.release, e.commit), "scenarios": e.scenarios }))
            .collect(),
    )
}

/// A tour: per pair, each scenario's comparison and the pair's summary.
pub fn tour(t: &Tour) -> Json {
    let pairs: Vec<Json> = (0..t.pairs.len())
        .map(|k| {
            let (a, b) = t.pairs[k];
            let s = summarize(t, k);
            let scenarios: Vec<Json> = t
                .rows
                .iter()
                .filter_map(|r| {
                    let cell = r.cells.get(k)?;
                    Some(match cell {
                        Cell::Compared(c) => {
                            let mut o = comparison(c);
                            if let Some(map) = o.as_object_mut() {
                                map.insert("scenario".into(), json!(r.name));
                            }
                            o
                        }
                        Cell::Refused(e) => json!({
                            "scenario": r.name,
                            "file": r.file,
                            "refused": e.to_string(),
                        }),
                    })
                })
                .collect();
            let by_kind: Map<String, Json> = s
                .by_kind
                .iter()
                .map(|(k, names)| (k.label().to_string(), json!(names)))
                .collect();
            json!({
                "a": a,
                "b": b,
                "summary": {
                    "total": s.total,
                    "same": s.same,
                    "by_kind": by_kind,
                    "explained": explained(&s.explained),
                    "unexplained": s.unexplained,
                    "quiet": explained(&s.quiet),
                    "refused": s.refused,
                },
                "scenarios": scenarios,
            })
        })
        .collect();
    json!({ "pairs": pairs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::parse::parse;

    #[test]
    fn a_diff_in_json_has_the_parting_and_the_commits() {
        let s = parse(
            "t.boot",
            "init_bootmem_node(1, 0x201, 0x40, 0x80)\n\
             init_bootmem_node(0, 0x200, 0x0, 0x40)\n\
             free_bootmem_node(1, 0x40000, 0x40000)\n\
             __alloc_bootmem_node(0, 0x1000, 0x1000, 0)\n",
        )
        .unwrap();
        let c = compare(
            &s,
            versions::find("2.6.14").unwrap(),
            versions::find("2.6.15").unwrap(),
        )
        .unwrap();
        let j = comparison(&c);
        assert_eq!(j["identical"], json!(false));
        assert_eq!(j["kinds"], json!(["stop", "state"]));
        assert_eq!(j["first"]["line"], json!(4));
        assert_eq!(j["first"]["a"]["stop"]["at"], json!(229));
        assert_eq!(j["first"]["b"]["result"], json!("0x40000"));
        assert_eq!(j["commits"][1]["short"], json!("66d43e98"));
        assert_eq!(
            j["nodes"][1]["bitmap"]["runs"][0]["reserved_on"],
            json!("b")
        );
        assert_eq!(j["steps"], json!([]));
    }
}
