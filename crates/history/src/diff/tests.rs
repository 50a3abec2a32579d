//! The diff of hand-made traces: partings, kinds, reasons, node states and hand-offs.

use super::end::first_hand_off;
use super::*;
use crate::run::{CallRecord, FinalState, NodeTrace, Value};
use bootmem_core::{Arch, CodePath, Config, Costs, FreedRun, Stop};

fn returned(line: usize, call: &str, result: Value) -> CallRecord {
    CallRecord {
        line,
        call: call.into(),
        outcome: Outcome::Returned(result),
        printk: Vec::new(),
        paths: Vec::new(),
        costs: Costs::default(),
        warnings: Vec::new(),
    }
}

fn stopped(line: usize, call: &str, stop: Stop, note: Option<String>) -> CallRecord {
    CallRecord {
        outcome: Outcome::Stopped { stop, note },
        ..returned(line, call, Value::Nothing)
    }
}

/// The record of the call at `line`.
fn at(t: &mut Trace, line: usize) -> &mut CallRecord {
    match t.calls.iter().position(|c| c.line == line) {
        Some(k) => &mut t.calls[k],
        None => panic!("no call at line {line}"),
    }
}

/// A path of the commit `commit` that does `what`; leaked, as marks are statics.
fn path(commit: &'static str, what: &'static str) -> &'static CodePath {
    Box::leak(Box::new(CodePath { commit, what }))
}

fn trace(version: &'static str) -> Trace {
    Trace {
        version,
        file: "t.boot".to_string(),
        arch: Arch::profile("x86_64").unwrap(),
        config: Config::default(),
        calls: vec![
            returned(3, "init_bootmem(0x40, 0x80)", Value::Number(16)),
            returned(4, "free_bootmem(0x0, 0x80000)", Value::Nothing),
        ],
        end: FinalState {
            nodes: vec![NodeTrace {
                nid: 0,
                node_boot_start: 0,
                node_low_pfn: 0x80,
                node_bootmem_map: Some(0x40000),
                reserved: Some(vec![(0x40, 0x41)]),
                last_pos: 0,
                last_offset: 0,
                last_success: Some(0),
            }],
            freed: Vec::new(),
            saved_max_pfn: None,
        },
    }
}

/// Why the first parting happens.
fn first_why(d: &Diff) -> Why {
    match &d.why {
        Explanation::Parting { first, .. } => first.clone(),
        other => panic!("no parting: {other:?}"),
    }
}

fn alloc(line: usize, result: Value) -> CallRecord {
    returned(line, "alloc_bootmem(0x1000)", result)
}

#[test]
fn equal_traces_are_identical() {
    let d = diff(&trace("2.6.14"), &trace("2.6.15"));
    assert!(d.identical());
    assert_eq!(d.calls.parting, None);
    assert_eq!(d.end.nodes_same, 1);
    assert_eq!(d.pair.newer, Some(Side::B));
    let ids: Vec<_> = d
        .pair
        .commits
        .iter()
        .map(|(r, c)| (*r, versions::short_id(c.id)))
        .collect();
    assert_eq!(ids, [("2.6.15", "b5810039"), ("2.6.15", "66d43e98")]);
}

#[test]
fn paths_alone_do_not_make_a_difference_but_are_reported() {
    let a = trace("2.6.12");
    let mut b = trace("2.6.13");
    at(&mut b, 4).paths.push(path(
        bootmem_commits::D41DEE36.id,
        "walks the bitmap by pfn",
    ));
    // A mark of a commit outside the range is no reason.
    at(&mut b, 4)
        .paths
        .push(path(bootmem_commits::M66D43E98.id, "stops the scan"));
    let d = diff(&a, &b);
    assert!(d.identical());
    let Explanation::Quiet(quiet) = &d.why else {
        panic!("{:?}", d.why)
    };
    assert_eq!(quiet.len(), 1);
    assert_eq!(quiet[0].mark, bootmem_commits::D41DEE36.id);
    assert_eq!(quiet[0].commit.map(|(r, _)| r), Some("2.6.13"));
}

#[test]
fn the_first_parting_names_the_newer_release_s_path_at_that_call() {
    let mut a = trace("2.6.14");
    a.calls
        .push(stopped(5, "alloc_bootmem(0x1000)", Stop::bug(229), None));
    let mut b = trace("2.6.15");
    b.calls.push(alloc(5, Value::Pointer(Some(0x41000))));
    b.calls.push(alloc(6, Value::Pointer(Some(0x42000))));
    at(&mut b, 5).paths.push(path(
        bootmem_commits::M66D43E98.id,
        "stops the scan at the end of the node",
    ));
    b.end.nodes[0].reserved = Some(vec![(0x40, 0x43)]);
    let d = diff(&a, &b);
    assert_eq!(d.kinds, [Kind::Stop, Kind::State]);
    let p = d.calls.parting.as_ref().unwrap();
    assert_eq!(p.kind, Kind::Stop);
    assert_eq!(p.call.line, 5);
    assert_eq!(
        p.call.a,
        Reach::Ran(Outcome::Stopped {
            stop: Stop::bug(229),
            note: None
        })
    );
    assert_eq!(
        p.call.b,
        Reach::Ran(Outcome::Returned(Value::Pointer(Some(0x41000))))
    );
    let Why::InCall(at_call) = first_why(&d) else {
        panic!("{:?}", d.why)
    };
    assert_eq!(at_call.len(), 1);
    assert_eq!(at_call[0].release, "2.6.15");
    assert_eq!(
        at_call[0].commit.map(|(_, c)| c.author),
        Some("Haren Myneni")
    );
    assert_eq!(
        d.calls.one_sided,
        Some(OneSided {
            side: Side::B,
            calls: 1,
            lines: (6, 6)
        })
    );
    assert_eq!(d.end.nodes.len(), 1);
    assert_eq!(
        d.end.nodes[0].bits,
        Bits::Differ {
            runs: vec![BitRun {
                start: 0x41,
                end: 0x43,
                reserved_on_b: true
            }],
            pages: 2
        }
    );
}

#[test]
fn the_releases_may_be_named_newest_first() {
    let mut a = trace("2.6.15");
    a.calls.push(alloc(5, Value::Pointer(Some(0x41000))));
    at(&mut a, 5).paths.push(path(
        bootmem_commits::M66D43E98.id,
        "stops the scan at the end of the node",
    ));
    let mut b = trace("2.6.12");
    b.calls.push(alloc(5, Value::Pointer(None)));
    let d = diff(&a, &b);
    assert_eq!(d.pair.newer, Some(Side::A));
    assert_eq!(d.pair.commits.len(), 9);
    assert_eq!(d.calls.parting.as_ref().map(|p| p.kind), Some(Kind::Result));
    assert_eq!(first_why(&d).reasons()[0].release, "2.6.15");
}

#[test]
fn a_stop_that_only_moved_in_the_source_is_its_own_kind() {
    let mut a = trace("2.6.12");
    let mut b = trace("2.6.13");
    for (t, line) in [(&mut a, 213), (&mut b, 221)] {
        t.calls
            .push(stopped(5, "alloc_bootmem(0x1000)", Stop::bug(line), None));
    }
    let d = diff(&a, &b);
    assert_eq!(d.kinds, [Kind::Moved]);
    assert_eq!(first_why(&d), Why::Earlier(Vec::new()));
    assert_eq!(d.calls.one_sided, None);
    // An endless loop that 281dd25c moved into a renamed function is the same kind.
    for (t, function) in [
        (&mut a, "__alloc_bootmem"),
        (&mut b, "__alloc_bootmem_limit"),
    ] {
        if let Some(Outcome::Stopped { stop, .. }) = t.calls.last_mut().map(|c| &mut c.outcome) {
            *stop = Stop::Hang { function };
        }
    }
    assert_eq!(diff(&a, &b).kinds, [Kind::Moved]);
    // A BUG against a panic is not.
    if let Some(Outcome::Stopped { stop, .. }) = b.calls.last_mut().map(|c| &mut c.outcome) {
        *stop = Stop::panic("Out of memory");
    }
    assert_eq!(diff(&a, &b).kinds, [Kind::Stop]);
}

#[test]
fn a_missing_call_is_explained_by_the_commit_its_history_names() {
    let mut a = trace("2.6.13");
    a.calls.push(stopped(
        5,
        "alloc_bootmem_limit(0x1000, 0x1000000)",
        Stop::unavailable(CallId::alloc_bootmem_limit),
        versions::call_history(CallId::alloc_bootmem_limit),
    ));
    let mut b = trace("2.6.14");
    b.calls.push(returned(
        5,
        "alloc_bootmem_limit(0x1000, 0x1000000)",
        Value::Pointer(Some(0x41000)),
    ));
    let d = diff(&a, &b);
    assert_eq!(
        d.calls.parting.as_ref().map(|p| p.kind),
        Some(Kind::Unavailable)
    );
    let Why::InCall(at_call) = first_why(&d) else {
        panic!("{:?}", d.why)
    };
    let ids: Vec<_> = at_call.iter().map(|r| versions::short_id(r.mark)).collect();
    // 008857c1, which removed the call again, lies outside 2.6.13..2.6.14.
    assert_eq!(ids, ["281dd25c"]);
    assert_eq!(
        at_call[0].source,
        Source::Missing {
            call: CallId::alloc_bootmem_limit
        }
    );
}

#[test]
fn earlier_paths_are_offered_when_none_ran_in_the_parting_call() {
    let mut a = trace("2.4.22");
    a.calls.push(alloc(5, Value::Pointer(Some(0x41000))));
    let mut b = trace("2.6.12");
    b.calls.push(alloc(5, Value::Pointer(Some(0x50000))));
    at(&mut b, 4).paths.push(path(
        bootmem_commits::M79E626E1.id,
        "moves the last_success hint back",
    ));
    let d = diff(&a, &b);
    let Why::Earlier(earlier) = first_why(&d) else {
        panic!("{:?}", d.why)
    };
    assert_eq!(earlier.len(), 1);
    assert_eq!(earlier[0].line, 4);
}

#[test]
fn printk_lines_are_compared_per_call_with_multiplicity() {
    let mut a = trace("2.4.22");
    let mut b = trace("2.6.12");
    let log = |texts: &[&str]| texts.iter().map(|t| t.to_string()).collect();
    at(&mut a, 4).printk = log(&["x", "y", "x"]);
    at(&mut b, 4).printk = log(&["x", "z"]);
    let d = diff(&a, &b);
    assert_eq!(d.kinds, [Kind::Printk]);
    assert_eq!(
        d.calls.printk,
        [PrintkDiff {
            line: 4,
            a_only: vec!["y".to_string(), "x".to_string()],
            b_only: vec!["z".to_string()],
        }]
    );
    assert_eq!(d.calls.parting.unwrap().kind, Kind::Printk);
}

#[test]
fn other_calls_with_other_results_are_listed_after_the_parting() {
    let mut a = trace("2.6.12");
    let mut b = trace("2.6.13");
    a.calls.push(alloc(5, Value::Pointer(Some(0x41000))));
    b.calls.push(alloc(5, Value::Pointer(Some(0x42000))));
    a.calls.push(alloc(6, Value::Pointer(Some(0x43000))));
    b.calls.push(alloc(6, Value::Pointer(Some(0x43000))));
    a.calls.push(alloc(7, Value::Pointer(None)));
    b.calls.push(alloc(7, Value::Pointer(Some(0x44000))));
    let d = diff(&a, &b);
    assert_eq!(d.calls.parting.unwrap().call.line, 5);
    assert_eq!(d.calls.others.len(), 1);
    assert_eq!(d.calls.others[0].line, 7);
}

#[test]
fn bit_delta_finds_pages_reserved_on_one_side_only() {
    let a = [(0, 10), (20, 30)];
    let b = [(0, 5), (8, 25)];
    assert_eq!(
        bit_delta(&a, &b),
        [
            BitRun {
                start: 5,
                end: 8,
                reserved_on_b: false
            },
            BitRun {
                start: 10,
                end: 20,
                reserved_on_b: true
            },
            BitRun {
                start: 25,
                end: 30,
                reserved_on_b: false
            },
        ]
    );
    assert!(bit_delta(&a, &a).is_empty());
    assert_eq!(
        bit_delta(&[], &[(3, 4)]),
        [BitRun {
            start: 3,
            end: 4,
            reserved_on_b: true
        }]
    );
}

#[test]
fn dropped_bitmaps_and_fields_are_compared() {
    let a = trace("2.6.15");
    let mut b = trace("2.6.16");
    b.end.nodes[0].reserved = None;
    b.end.nodes[0].node_bootmem_map = None;
    b.end.nodes[0].last_pos = 7;
    let d = diff(&a, &b);
    assert_eq!(d.kinds, [Kind::State]);
    let n = &d.end.nodes[0];
    assert_eq!(n.bits, Bits::Dropped { a: false });
    let differing: Vec<_> = n
        .fields
        .iter()
        .filter(|f| f.differs)
        .map(|f| f.name)
        .collect();
    assert_eq!(differing, ["node_bootmem_map", "last_pos"]);
}

#[test]
fn a_field_one_release_lacks_is_no_difference() {
    let mut a = trace("2.4.22");
    a.end.nodes[0].last_success = None;
    let mut b = trace("2.6.12");
    b.end.saved_max_pfn = Some(0);
    assert!(diff(&a, &b).identical());
    a.end.nodes[0].last_pos = 3;
    let d = diff(&a, &b);
    let f = &d.end.nodes[0].fields;
    assert!(f.iter().any(|f| f.name == "last_pos" && f.differs));
    assert!(f.iter().any(|f| f.name == "last_success" && !f.differs));
}

fn run(pfn: u64, order: u32, count: u64, bad: bool) -> FreedRun {
    FreedRun {
        pfn,
        order,
        count,
        bad,
    }
}

#[test]
fn hand_offs_are_counted_by_order_and_the_first_difference_found_in_runs() {
    let mut a = trace("2.6.15");
    let mut b = trace("2.6.16");
    a.end.freed = vec![run(0, 0, 1_000_000, false), run(1_000_000, 6, 2, true)];
    b.end.freed = vec![
        run(0, 0, 999_000, false),
        run(999_000, 0, 1000, false),
        run(1_000_000, 6, 1, false),
        run(1_000_064, 6, 1, true),
    ];
    let d = diff(&a, &b);
    assert_eq!(d.kinds, [Kind::HandOff]);
    let f = d.end.freed.unwrap();
    assert_eq!(f.a.pages, 1_000_128);
    assert_eq!(f.a.by_order, [(0, 1_000_000, 0), (6, 2, 2)]);
    assert_eq!(f.b.bad, 1);
    assert_eq!(
        f.first,
        Some(FirstHandOff {
            index: 1_000_000,
            a: Some(HandOff {
                pfn: 1_000_000,
                order: 6,
                bad: true
            }),
            b: Some(HandOff {
                pfn: 1_000_000,
                order: 6,
                bad: false
            }),
        })
    );
    // A log that is a prefix of the other differs where it ends.
    let first = first_hand_off(&[run(0, 0, 3, false)], &[run(0, 0, 4, false)]);
    assert_eq!(first.map(|f| (f.index, f.a)), Some((3, None)));
}
