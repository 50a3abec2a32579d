//! Checks that every BUG line the crate can report has its place in each moved text.

use crate::release::{RELEASE, RELEASE_2_5_21, RELEASE_2_5_30, RELEASE_2_5_5};

/// Every line number the crate's `mm/bootmem.c` code reports a BUG at, read from the
/// source of `bootmem.rs`.
fn bug_lines() -> Vec<u32> {
    let src = include_str!("bootmem.rs");
    let mut out = Vec::new();
    for line in src.lines() {
        let line = line.trim();
        let number = match line.strip_prefix("bug_on!(") {
            Some(rest) => rest.rsplit(", ").next(),
            None => line
                .find("Stop::bug(")
                .map(|at| &line[at + "Stop::bug(".len()..]),
        };
        if let Some(n) = number {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse() {
                out.push(n);
            }
        }
    }
    out
}

#[test]
fn the_bug_lines_are_those_of_the_2_5_4_text() {
    assert_eq!(
        bug_lines(),
        [85, 92, 94, 96, 114, 116, 126, 153, 156, 201, 212, 239, 252]
    );
}

#[test]
fn every_bug_line_has_its_place_in_2_5_21() {
    for line in bug_lines() {
        assert_eq!(
            RELEASE_2_5_21.line("mm/bootmem.c", line),
            line + 1,
            "{line}"
        );
    }
}

#[test]
fn the_other_texts_keep_the_lines_and_differ_only_in_bit_operations() {
    for line in bug_lines() {
        assert_eq!(RELEASE_2_5_5.line("mm/bootmem.c", line), line);
        assert_eq!(RELEASE_2_5_30.line("mm/bootmem.c", line), line);
    }
    assert_eq!(RELEASE.bitops, bootmem_core::Bitops::Linux24);
    assert_eq!(RELEASE_2_5_5.bitops, bootmem_core::Bitops::Linux25);
    assert_eq!(RELEASE_2_5_30.bitops, bootmem_core::Bitops::Linux25);
}
