//! Bad input never crashes the tool: arbitrary text, and scenarios broken one byte at a
//! time, either parse (and then run on every release to a result or a stop) or give
//! errors that each name a line and column inside the text.
//!
//! The default run is small; `PROPTEST_CASES=5000 cargo test --test bad_input` runs it at
//! full strength. The cargo fuzz target `fuzz/fuzz_targets/scenario_text.rs` explores
//! the same ground with coverage guidance (see docs/testing.md).

use bootmem_core::Stop;
use bootmem_history::parse::{parse, parse_bytes, ParseErrors};
use bootmem_history::run::{check_limits, run, run_with};
use bootmem_history::Error;
use bootmem_history::{render, versions};
use bootmem_tests::random::{runner, scenario};
use proptest::prelude::*;

/// Every error is located inside the text and says something.
fn errors_are_located(text: &str, errors: &ParseErrors) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.lines().collect();
    prop_assert!(!errors.0.is_empty());
    for e in &errors.0 {
        prop_assert!(
            e.line >= 1 && e.line <= lines.len().max(1),
            "line {}",
            e.line
        );
        prop_assert_eq!(
            e.source_line.as_str(),
            lines.get(e.line - 1).copied().unwrap_or("")
        );
        prop_assert!(e.column >= 1 && e.column <= e.source_line.chars().count() + 1);
        prop_assert!(!e.message.is_empty());
        let shown = e.to_string();
        let location = format!("{}:{}:{}", e.file, e.line, e.column);
        prop_assert!(shown.contains(&location), "{}", shown);
        prop_assert!(shown.contains('^'));
    }
    Ok(())
}

/// Parses `text`; where it parses, runs it on every release.
fn survives(text: &str) -> Result<(), TestCaseError> {
    match parse("input.boot", text) {
        Ok(sc) => {
            if check_limits(&sc).is_ok() {
                for release in versions::RELEASES {
                    let trace =
                        run(release, &sc).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let ran = trace.calls.len();
                    prop_assert!(ran <= sc.statements.len());
                    let _ = render::text(&trace);
                }
            }
            Ok(())
        }
        Err(Error::Parse(errors)) => errors_are_located(text, &errors),
        Err(other) => Err(TestCaseError::fail(format!("not a parse error: {other}"))),
    }
}

#[test]
fn arbitrary_text_parses_or_is_refused_with_a_location() {
    // Text drawn from the language's own alphabet finds more than uniform noise does.
    let alphabet = prop_oneof![
        4 => "[a-z_]{1,12}",
        3 => "(0x)?[0-9a-fA-F]{1,18}[KMG]?",
        3 => prop::sample::select(vec!["(", ")", ",", ";", "=", " ", "\n", "#", "\t", "-"]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "init_bootmem(", "alloc_bootmem(", "free_bootmem_node(", "arch ", "set ",
            "config CONFIG_MMU=", "saved_max_pfn = ", "memset(", "__alloc_bootmem_node(",
        ]).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    let text = prop::collection::vec(alphabet, 0..40).prop_map(|parts| parts.concat());
    if let Err(e) = runner(256).run(&text, |t| survives(&t)) {
        panic!("{e}");
    }
}

#[test]
fn scenarios_broken_one_byte_at_a_time_are_refused_with_a_location() {
    let broken = (
        scenario(8),
        any::<prop::sample::Index>(),
        any::<u8>(),
        0u8..3,
    )
        .prop_map(|(g, at, byte, how)| {
            let mut bytes = g.to_string().into_bytes();
            if !bytes.is_empty() {
                let k = at.index(bytes.len());
                match how {
                    0 => bytes[k] = byte,
                    1 => {
                        bytes.remove(k);
                    }
                    _ => bytes.insert(k, byte),
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        });
    if let Err(e) = runner(128).run(&broken, |t| survives(&t)) {
        panic!("{e}");
    }
}

#[test]
fn a_machine_too_large_is_refused_before_it_runs() {
    let text = "arch x86_64\ninit_bootmem_node(0, 0x10, 0x0, 0x40000000)\ninit_bootmem_node(1, 0x20, 0x40000000, 0x40000001)\n";
    let sc = parse("big.boot", text).unwrap_or_else(|e| panic!("{e}"));
    let Err(Error::TooLarge(refused)) = run(versions::RELEASES[0], &sc) else {
        panic!("more than 2^30 frames ran");
    };
    assert_eq!((refused.line, refused.total), (3, 1_073_741_825));
    assert!(
        refused.to_string().starts_with("big.boot:3:1: "),
        "{refused}"
    );

    // An end below the start wraps, as the kernel computes it, to a node of 2^64 - 1
    // pages: refused too, rather than a 2^61-byte memset.
    let sc = parse("wrap.boot", "init_bootmem_node(0, 0x10, 0x200, 0x100)\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        run(versions::RELEASES[0], &sc)
            .map(|_| ())
            .map_err(|e| match e {
                Error::TooLarge(t) => t.line,
                _ => 0,
            }),
        Err(1)
    );

    // The same wrap on i386 is 2^32 - 256 pages: also past the limit.
    let sc = parse(
        "wrap32.boot",
        "arch i386\ninit_bootmem_node(0, 0x10, 0x200, 0x100)\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(run(versions::RELEASES[0], &sc).is_err());
}

#[test]
fn huge_sizes_inside_the_limit_run_and_wrap_as_c_does() {
    // (size + PAGE_SIZE - 1) wraps for size = ~0UL - 100: areasize 0, a one-page "fit",
    // then a memset of ~0UL - 100 bytes that faults past the top of the address space.
    let text = "arch i386\ninit_bootmem(0xff, 0x100)\nfree_bootmem(0x0, 0x80000)\n__alloc_bootmem(0xffffff9b, 0x1000, 0)\n";
    let sc = parse("huge.boot", text).unwrap_or_else(|e| panic!("{e}"));
    for release in versions::RELEASES {
        let trace = run(release, &sc).unwrap_or_else(|e| panic!("{e}"));
        let (call, stop) = trace
            .stop()
            .unwrap_or_else(|| panic!("{} did not stop", release.name));
        assert_eq!(call.line, 4, "{}", release.name);
        assert_eq!(stop.kind(), "oops", "{}: {stop}", release.name);
    }
}

/// A file of `tests/hostile/`, the inputs that once exhausted memory or time or gave
/// unreadable errors; each is named as the tool names a file given on its command line.
fn hostile(name: &str) -> Result<bootmem_history::parse::Scenario, Error> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("hostile")
        .join(name);
    bootmem_history::error::load(&path)
}

fn hostile_scenario(name: &str) -> bootmem_history::parse::Scenario {
    hostile(name).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_errors(result: Result<bootmem_history::parse::Scenario, Error>) -> ParseErrors {
    match result {
        Err(Error::Parse(errors)) => errors,
        other => panic!("expected parse errors, got {other:?}"),
    }
}

fn limit_reason(stop: &Stop) -> &str {
    match stop {
        Stop::Limit { reason } => reason,
        other => panic!("expected a limit stop, got {other}"),
    }
}

#[test]
fn a_node_span_that_wraps_ends_within_the_bounds() {
    // The kernel shifts startpfn by PAGE_SHIFT, which wraps: free_all_bootmem() walks
    // about 2^64 (2^32 on i386) frames. The simulator keeps page state as runs and the
    // hand-off as runs, so the walk costs no memory; it ends as the release ends it (an
    // oops where the bitmap leaves the direct mapping, or the whole walk on i386), or
    // at the bound on the run's work, with the log of hand-offs within its bound.
    // A budget of 2^20 steps, as the fuzz target tightens its own, keeps the test fast
    // in a debug build; the default budget ends the same walks the same way, later.
    for (file, line) in [("wrap_span_x86_64.boot", 4), ("wrap_span_i386.boot", 4)] {
        let sc = hostile_scenario(file);
        let limits = bootmem_core::Limits {
            sim_steps: 1 << 20,
            ..bootmem_history::run::limits(&sc)
        };
        for release in versions::RELEASES {
            let trace = run_with(release, &sc, limits).unwrap_or_else(|e| panic!("{e}"));
            let at = format!("{file} on {}", release.name);
            assert_eq!(
                trace.calls[0].result(),
                Some(bootmem_history::run::Value::Number(512)),
                "{at}"
            );
            assert_eq!(trace.calls.len(), 2, "{at}");
            if let Some((call, stop)) = trace.stop() {
                assert_eq!(call.line, line, "{at}");
                assert!(matches!(stop.kind(), "oops" | "limit"), "{at}: {stop}");
            }
            assert!(
                trace.end.freed.len() as u64 <= bootmem_core::MAX_HAND_OFFS,
                "{at}"
            );
        }
    }
}

#[test]
fn a_log_flood_stops_at_the_log_bound() {
    // init_bootmem() leaves every page reserved, so the first reserve of the whole
    // node prints "reserved twice" for each of its 2^20 pages.
    let sc = hostile_scenario("log_flood.boot");
    for release in versions::RELEASES {
        let trace = run(release, &sc).unwrap_or_else(|e| panic!("{e}"));
        let (call, stop) = trace.stop().unwrap_or_else(|| panic!("{}", release.name));
        assert_eq!(call.line, 4, "{}", release.name);
        let reason = limit_reason(stop);
        assert!(
            reason.contains("kernel log would pass 32768 lines"),
            "{reason}"
        );
        let lines: usize = trace.calls.iter().map(|c| c.printk.len()).sum();
        assert_eq!(
            lines as u64,
            bootmem_core::MAX_PRINTK_LINES,
            "{}",
            release.name
        );
        assert!(trace.calls[1].printk[0].contains("reserved twice"));
    }
}

#[test]
fn a_bitmap_split_by_a_memset_pattern_stops_at_the_trace_bound() {
    let sc = hostile_scenario("fragmented_bitmap.boot");
    for release in versions::RELEASES {
        let trace = run(release, &sc).unwrap_or_else(|e| panic!("{e}"));
        let (call, stop) = trace.stop().unwrap_or_else(|| panic!("{}", release.name));
        assert_eq!(call.line, 3, "{}", release.name);
        assert!(limit_reason(stop).contains("more than 65536 reserved ranges"));
        let listed: usize = trace
            .end
            .nodes
            .iter()
            .map(|n| n.reserved.as_ref().map_or(0, Vec::len))
            .sum();
        assert_eq!(listed, bootmem_core::MAX_TRACE_RANGES, "{}", release.name);
    }
}

#[test]
fn a_quadratic_search_ends_within_the_operation_budget() {
    // 2.4 and early 2.5 try every candidate start for a block no free run holds; the
    // operation budget ends that. Releases whose scan gives up at once panic "Out of
    // memory". The test runs with a budget of 2^22, as the fuzz target does, so that it
    // stays fast in a debug build; the default budget of 2^26 ends the same way.
    let sc = hostile_scenario("quadratic_search.boot");
    let budget = bootmem_core::Limits {
        bit_ops: 1 << 22,
        ..bootmem_history::run::limits(&sc)
    };
    let mut limited = Vec::new();
    for release in versions::RELEASES {
        let trace = run_with(release, &sc, budget).unwrap_or_else(|e| panic!("{e}"));
        let (call, stop) = trace.stop().unwrap_or_else(|| panic!("{}", release.name));
        assert_eq!(call.line, 20, "{}", release.name);
        match stop {
            Stop::Limit { reason } => {
                assert!(reason.contains("more than 4194304 bitmap operations"));
                limited.push(release.name);
            }
            Stop::Panic { message } => assert_eq!(message, "Out of memory"),
            other => panic!("{}: {other}", release.name),
        }
    }
    assert!(limited.contains(&"2.4.0"), "{limited:?}");
}

#[test]
fn an_end_below_the_start_is_named() {
    let Err(Error::TooLarge(refused)) =
        hostile("reversed_span.boot").and_then(|sc| run(versions::RELEASES[0], &sc))
    else {
        panic!("a reversed span ran");
    };
    let shown = refused.to_string();
    assert!(shown.contains("reversed_span.boot:2:1: endpfn 0x100 is below startpfn 0x200; the kernel computes the span endpfn - startpfn as an unsigned long, which wraps to 18446744073709551360 page frames"), "{shown}");
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let errors = parse_errors(hostile("invalid_utf8.boot"));
    assert_eq!(errors.0.len(), 1);
    let e = &errors.0[0];
    assert_eq!((e.line, e.column), (2, 44));
    assert_eq!(
        e.message,
        "invalid UTF-8: byte 0xff does not belong to a character here; a scenario is UTF-8 text"
    );
    assert!(e.to_string().contains("invalid_utf8.boot:2:44"), "{e}");
    // The same bytes through the fuzz target's entry point, and in the middle of a call.
    let Err(Error::Parse(errors)) = parse_bytes("b.boot", b"init_bootmem(0x10, 0x1\xc3(0))\n")
    else {
        panic!("invalid UTF-8 parsed");
    };
    assert_eq!((errors.0[0].line, errors.0[0].column), (1, 23));
}

#[test]
fn a_byte_order_mark_at_the_start_is_accepted_and_elsewhere_named() {
    let sc = hostile_scenario("byte_order_mark.boot");
    assert_eq!(sc.arch.name, "i386");
    assert_eq!(sc.statements.len(), 1);
    let Err(Error::Parse(errors)) = parse("m.boot", "init_bootmem(0x10,\u{feff} 0x100)\n") else {
        panic!("a byte order mark inside a line parsed");
    };
    let e = &errors.0[0];
    assert_eq!(e.column, 19);
    assert!(
        e.message.contains("U+FEFF (byte order mark)"),
        "{}",
        e.message
    );
    assert!(
        e.to_string()
            .contains("1 | init_bootmem(0x10,U+FEFF 0x100)\n  |                   ^"),
        "{e}"
    );
}

#[test]
fn invisible_characters_are_named_and_shown_escaped() {
    let errors = parse_errors(hostile("nul.boot"));
    let e = &errors.0[0];
    assert_eq!((e.line, e.column), (2, 15));
    assert!(
        e.message
            .starts_with("unexpected character \\0 (U+0000, NUL)"),
        "{}",
        e.message
    );
    assert!(
        e.to_string()
            .ends_with("2 | alloc_bootmem(\\0)\n  |               ^"),
        "{e}"
    );

    let errors = parse_errors(hostile("zero_width_space.boot"));
    let e = &errors.0[0];
    assert_eq!((e.line, e.column), (2, 14));
    assert!(
        e.message.contains("U+200B (zero-width space)"),
        "{}",
        e.message
    );
    assert!(
        e.to_string()
            .ends_with("2 | alloc_bootmemU+200B(64)\n  |              ^"),
        "{e}"
    );
}

#[test]
fn errors_past_the_cap_are_counted() {
    let errors = parse_errors(hostile("many_errors.boot"));
    assert_eq!(errors.0.len(), bootmem_history::parse::MAX_ERRORS);
    assert_eq!(errors.1, 5);
    assert_eq!(errors.0[19].line, 20);
    assert!(errors
        .to_string()
        .ends_with("\n\n... and 5 more errors, not shown"));
}

#[test]
fn giant_lines_cost_linear_time_and_errors_stay_short() {
    // A megabyte-long unknown name: no "did you mean" search over it, a short quote.
    let name = "x".repeat(1 << 20);
    let e = &parse_errors(parse("g.boot", &format!("{name}(1)\n"))).0[0];
    assert_eq!(
        e.message,
        format!(
            "unknown call '{}… (1048576 characters)'; expected a bootmem call of the scenario language",
            "x".repeat(40)
        )
    );
    assert!(e.to_string().len() < 400, "{}", e.to_string().len());
    // A megabyte of arguments: refused at the 65th token, 14 + 31 * 2 characters in.
    let args = "1,".repeat(1 << 19);
    let e = &parse_errors(parse("g.boot", &format!("alloc_bootmem({args}1)\n"))).0[0];
    assert_eq!(e.column, 77);
    assert!(e.message.starts_with("more than 64 tokens on one line"));
    assert!(e.to_string().len() < 600);
    // A megabyte-long number, and an error far along a long line: the echo is a window.
    let digits = "9".repeat(1 << 20);
    let e = &parse_errors(parse("g.boot", &format!("alloc_bootmem({digits})\n"))).0[0];
    assert!(e
        .message
        .starts_with(&format!("number '{}…", "9".repeat(40))));
    let e = &parse_errors(parse(
        "g.boot",
        &format!("alloc_bootmem(1){}x\n", " ".repeat(5000)),
    ))
    .0[0];
    assert_eq!(e.column, 5017);
    let shown = e.to_string();
    assert!(
        shown.contains(&format!("| …{}x\n", " ".repeat(60))),
        "{shown}"
    );
    assert!(
        shown.ends_with(&format!("| {}^", " ".repeat(61))),
        "{shown}"
    );
}

#[test]
fn an_oops_says_what_was_dereferenced() {
    let stop_of = |text: &str, release: usize| {
        let sc = parse("o.boot", text).unwrap_or_else(|e| panic!("{e}"));
        let trace = run(versions::RELEASES[release], &sc).unwrap_or_else(|e| panic!("{e}"));
        trace.stop().map(|(_, s)| s.to_string()).unwrap_or_default()
    };
    // NULL: a node no init_bootmem has set up has no bitmap.
    assert_eq!(
        stop_of(
            "init_bootmem(0x10, 0x100)\nfree_all_bootmem()\nalloc_bootmem(0x100)\n",
            0
        ),
        "Oops: NULL pointer dereference (test_bit() on a NULL bitmap)"
    );
    // Past the top of the address space: a zeroing memset that wraps.
    assert_eq!(
        stop_of("arch i386\ninit_bootmem(0xff, 0x100)\nfree_bootmem(0x0, 0x80000)\n__alloc_bootmem(0xffffff9b, 0x1000, 0)\n", 0),
        "Oops: unable to handle kernel paging request past the top of the address space (memset() of 0xffffff9b bytes from 0xc0000000 runs past the top of the address space)"
    );
    // Past the simulated memory: an int bit number below a bitmap at 4 GiB reaches a
    // gigabyte that holds no RAM (the corpus's x86_64_reserve_high_node).
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/x86_64_reserve_high_node.boot"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let last = versions::RELEASES.len() - 1;
    assert_eq!(
        stop_of(&text, last),
        "Oops: unable to handle kernel paging request at 0xffff8100fffe0000 (test_and_set_bit() \
         of bit -1048576 of the bitmap at physical 0x100000000 reaches physical address \
         0xfffe0000, which the direct mapping does not cover)"
    );
}

/// The variable that makes `memory_child` run: set only by
/// `a_few_lines_hold_less_than_a_gibibyte`.
const MEMORY_CHILD: &str = "BOOTMEM_MEMORY_CHILD";

/// The hostile files run in a child process with a bounded address space; run directly,
/// without the variable its parent sets, it does nothing.
#[test]
fn memory_child() {
    if std::env::var_os(MEMORY_CHILD).is_none() {
        return;
    }
    // The largest machine, on a release that walks the bitmap bit by bit and on one that
    // reads it a word at a time: every frame handed over, in one run.
    let sc = hostile_scenario("largest_machine.boot");
    for name in ["2.4.0", "2.6.16"] {
        let release = versions::find(name).unwrap_or_else(|e| panic!("{e}"));
        let trace = run(release, &sc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(trace.stop(), None, "{name}");
        // Every frame of the node, then the 1024 pages of its 4 MiB bitmap.
        assert_eq!(trace.end.freed_pages(), (1 << 25) + 1024, "{name}");
    }
    // The floods and wraps on every release, all traces kept at once, two runs at a
    // time, as a tour or a bisection keeps them.
    let scenarios: Vec<_> = [
        "wrap_span_x86_64.boot",
        "wrap_span_i386.boot",
        "log_flood.boot",
        "fragmented_bitmap.boot",
    ]
    .into_iter()
    .map(hostile_scenario)
    .collect();
    // One release of each generation of the hand-off: every other runs one of them.
    let releases: Vec<_> = ["2.4.0", "2.4.22", "2.5.4", "2.5.68", "2.6.9", "2.6.16"]
        .into_iter()
        .map(|name| versions::find(name).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let runs = bootmem_history::compare::Runs::new(&scenarios, &releases);
    for k in 0..scenarios.len() {
        for release in &releases {
            let trace = runs.get(k, release.name).and_then(|r| r.as_ref().ok());
            assert!(
                trace.is_some_and(|t| !t.calls.is_empty()),
                "{k} {}",
                release.name
            );
        }
    }
}

/// A file of a few lines cannot make the tool hold more than 1 GiB: the hostile files,
/// the largest machine among them, run in a child process whose address space is
/// limited to 1 GiB (`ulimit -v`, the shell's setrlimit(RLIMIT_AS)); past it an
/// allocation would fail and abort the child.
#[test]
fn a_few_lines_hold_less_than_a_gibibyte() {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(&exe)
        .args(["--exact", "memory_child", "--test-threads=1", "--nocapture"])
        .env(MEMORY_CHILD, "1")
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        status.success(),
        "the hostile files failed under a 1 GiB address space: {status}"
    );
}
