//! Fuzz target: arbitrary bytes as `.boot` text. The parser and every release's run must
//! return (never panic, never hang), and every parse error must name a line and column
//! inside the text.

#![no_main]

use bootmem_history::{parse, render, run, versions, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse::parse("fuzz.boot", &text) {
        Ok(scenario) => {
            for release in versions::RELEASES {
                if let Ok(trace) = run::run(release, &scenario) {
                    let _ = render::text(&trace);
                }
            }
        }
        Err(Error::Parse(errors)) => {
            let lines = text.lines().count().max(1);
            for e in &errors.0 {
                assert!(e.line >= 1 && e.line <= lines, "line {} of {}", e.line, lines);
                assert!(e.column >= 1, "column {}", e.column);
                assert!(e.column <= e.source_line.chars().count() + 1);
                assert!(!e.message.is_empty());
            }
        }
        Err(other) => panic!("parsing gave another error: {other}"),
    }
});
