//! The text of a bisection and of the tour, on a node the scan runs past.

use super::*;
use crate::compare::{bisect as run_bisect, tour as run_tour};
use crate::diff::text::tests::FULL_NODE;
use crate::parse::parse;

#[test]
fn bisect_lists_every_step() {
    let s = parse("t.boot", FULL_NODE).unwrap();
    let text = bisect(&run_bisect(&s).unwrap(), Style::PLAIN);
    assert!(text.contains("2.6.16             same as 2.6.15"), "{text}");
    assert!(text.contains("2.6.15             line 4 (stop)"), "{text}");
    // 2.4.4 BUGs in __alloc_bootmem_node() where 2.4.0 BUGged in the scan: another
    // BUG, reached through 2.4.3.4's new code, so a change and not a move; 2.4.5's
    // BUG is 2.4.4's, moved. The x86_64 scan past the full node BUGs from 2.5.68 to
    // 2.6.14, and 2.6.15 stops it at the end of the node.
    let steps = versions::RELEASES.len() - 1;
    assert!(
        text.contains(&format!(
            "The behaviour changes at 4 of {steps} steps: 2.4.4, 2.4.10, 2.5.68, 2.6.15."
        )),
        "{text}"
    );
}

#[test]
fn the_tour_has_a_row_per_scenario_and_a_paragraph_per_pair() {
    let scenarios = vec![parse("full.boot", FULL_NODE).unwrap()];
    let t = run_tour(&scenarios, &versions::consecutive_pairs());
    let text = tour(&t, Style::PLAIN.with_width(80));
    let row = text.lines().find(|l| l.starts_with("full ")).unwrap();
    // The whole history is one letter per step: the same, and stops.
    assert!(row.contains('.') && row.contains('S'), "{row}");
    let matrix = text.split("\nsteps:").next().unwrap_or_default();
    assert!(matrix.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(text.contains("2.6.15→2.6.16"), "{text}");
    // A tour of a few pairs still names each cell in words.
    let few = run_tour(&scenarios, &versions::consecutive_pairs()[..2]);
    assert!(tour(&few, Style::PLAIN).contains("same"));
    assert!(
        text.contains("2.6.15 → 2.6.16: no scenario behaves differently."),
        "{text}"
    );
    // 2.6.12 to 2.6.14 BUG at the same call, at lines that moved with the text.
    assert!(text.contains("2.6.13 → 2.6.14: no scenario behaves differently. In 1 more"));
    assert!(text.contains("2.6.14 → 2.6.15: 1 of 1 scenarios behave differently."));
}
