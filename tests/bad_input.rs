//! Bad input never crashes the tool: arbitrary text, and scenarios broken one byte at a
//! time, either parse (and then run on every release to a result or a stop) or give
//! errors that each name a line and column inside the text.
//!
//! The default run is small; `PROPTEST_CASES=5000 cargo test --test bad_input` runs it at
//! full strength. The cargo fuzz target `fuzz/fuzz_targets/scenario_text.rs` explores
//! the same ground with coverage guidance (see docs/testing.md).

use bootmem_history::parse::{parse, ParseErrors};
use bootmem_history::run::{check_limits, run};
use bootmem_history::Error;
use bootmem_history::{render, versions};
use bootmem_tests::random::{cases, scenario};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

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

fn runner(default: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default),
        failure_persistence: None,
        ..Config::default()
    })
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
    let text = "arch x86_64\ninit_bootmem_node(0, 0x10, 0x0, 0x4000000)\ninit_bootmem_node(1, 0x20, 0x4000000, 0x4000001)\n";
    let sc = parse("big.boot", text).unwrap_or_else(|e| panic!("{e}"));
    let Err(Error::TooLarge(refused)) = run(versions::RELEASES[0], &sc) else {
        panic!("more than 2^26 frames ran");
    };
    assert_eq!((refused.line, refused.total), (3, 67_108_865));
    assert!(refused.to_string().starts_with("big.boot:3: "), "{refused}");

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
