//! Fuzz target: arbitrary bytes as `.boot` text. The parser and every release's run must
//! return (never panic, never hang), every parse error must name a line and column
//! inside the text, and the trace writer must write what serde writes.
//!
//! Each run gets the bounds the library derives from the scenario, tightened so that
//! one input costs well under a second on every release under AddressSanitizer: 2^16
//! bitmap operations of the C (the library's default is 2^33), 2^16 steps of the
//! simulator (default 2^26), 2^14 runs of page state and 16 MiB of written memory. A run past them ends with a `limit` stop, as a
//! run past the library's own bounds does, so the same code paths are explored.

#![no_main]

use bootmem_core::Limits;
use bootmem_history::{json, parse, render, run, versions, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse::parse_bytes("fuzz.boot", data) {
        Ok(scenario) => {
            let derived = run::limits(&scenario);
            let limits = Limits {
                bit_ops: 1 << 16,
                sim_steps: 1 << 16,
                page_runs: derived.page_runs.min(1 << 14),
                written_bytes: derived.written_bytes.min(16 << 20),
                ..derived
            };
            for (k, release) in versions::RELEASES.iter().enumerate() {
                if let Ok(trace) = run::run_with(release, &scenario, limits) {
                    let _ = render::text(&trace);
                    // The trace writer lays out what serde would, byte for byte; on the
                    // first and last release, also while the scenario runs.
                    let (mut direct, mut typed) = (Vec::new(), Vec::new());
                    json::write(&trace, &mut direct).expect("a vector takes any write");
                    json::write_value(&json::TraceJson::new(&trace), &mut typed)
                        .expect("a vector takes any write");
                    assert!(direct == typed, "trace writer on {}", release.name);
                    if k == 0 || k + 1 == versions::RELEASES.len() {
                        let mut session = run::Session::with_limits(release, &scenario, limits)
                            .expect("the run above started");
                        let mut streamed = Vec::new();
                        json::write_session(&mut session, &scenario, &mut streamed)
                            .expect("a vector takes any write");
                        assert!(streamed == typed, "streamed trace on {}", release.name);
                    }
                }
            }
        }
        Err(Error::Parse(errors)) => {
            let text = String::from_utf8_lossy(data);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let lines = text.lines().count().max(1);
            assert!(!errors.0.is_empty());
            assert!(errors.0.len() <= parse::MAX_ERRORS);
            for e in &errors.0 {
                assert!(
                    e.line >= 1 && e.line <= lines,
                    "line {} of {}",
                    e.line,
                    lines
                );
                assert!(e.column >= 1, "column {}", e.column);
                assert!(e.column <= e.source_line.chars().count() + 1);
                assert!(!e.message.is_empty());
                let shown = e.to_string();
                assert!(shown.contains(&format!("fuzz.boot:{}:{}", e.line, e.column)));
            }
        }
        Err(other) => panic!("parsing gave another error: {other}"),
    }
});
