//! The text of one comparison: identical, and with a parting, its reason and the map.

use super::*;
use crate::compare::{compare, Comparison};
use crate::parse::parse;

pub(crate) const FULL_NODE: &str = "init_bootmem_node(1, 0x201, 0x40, 0x80)\n\
    init_bootmem_node(0, 0x200, 0x0, 0x40)\n\
    free_bootmem_node(1, 0x40000, 0x40000)\n\
    __alloc_bootmem_node(0, 0x1000, 0x1000, 0)\n";

fn comparison_of(text: &str, a: &str, b: &str) -> Comparison {
    let s = parse("t.boot", text).unwrap();
    compare(&s, versions::find(a).unwrap(), versions::find(b).unwrap()).unwrap()
}

#[test]
fn identical_traces_say_so_in_one_line() {
    let c = comparison_of("init_bootmem(0x10, 0x40)\n", "2.6.15", "2.6.16");
    assert_eq!(
        comparison(&c, Style::PLAIN),
        "t.boot: 2.6.15 → 2.6.16: identical\n"
    );
}

#[test]
fn a_diff_shows_the_parting_the_state_and_the_commit() {
    let c = comparison_of(FULL_NODE, "2.6.14", "2.6.15");
    let text = comparison(&c, Style::PLAIN);
    assert!(
        text.starts_with("t.boot: 2.6.14 → 2.6.15: they differ (stop, state)"),
        "{text}"
    );
    assert!(text.contains("first parting, line 4: __alloc_bootmem_node(0, 0x1000, 0x1000, 0)"));
    assert!(
        text.contains("2.6.14  !! kernel BUG at mm/bootmem.c:229!"),
        "{text}"
    );
    assert!(text.contains("2.6.15  = 0x40000"));
    // The BUG's call read past node 0's bitmap on 2.6.14 only; the stop already parts
    // there, so the warning is listed without being a kind of its own.
    assert!(text.contains("checker warnings:\n  - 2.6.14, line 4: the bit operations reached bit 0x40 of node 0's bitmap"), "{text}");
    // And what each release's C did for it.
    assert!(
        text.contains("cost in the C:        2.6.14  2.6.15\n"),
        "{text}"
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "why: in this call, 2.6.15 stops the scan at the end of the node \
             (`if (i >= eidx) break;`) instead of testing the bit past it (66d43e98 \
             \"fix in __alloc_bootmem_core() when there is no free page in first node's \
             memory\", Haren Myneni, 2005-12-12). 2.6.14 has no such code, and BUGs at \
             mm/bootmem.c:229."
        ),
        "{text}"
    );
    assert!(text.contains("0x40-0x41  reserved on 2.6.15, free on 2.6.14"));
    assert!(text.contains("|^"), "{text}");
    assert!(!text.contains('\x1b'));
    let painted = comparison(&c, Style::COLOR);
    assert!(painted.contains("\x1b[31m"));
}
