//! Unit tests of the 2.4.22 crate's registry entries for the texts whose lines moved.

use super::*;

/// Every line this crate reports a `BUG()` at, read from its own source: the second
/// argument of each `bug_on!` and the argument of each `Stop::bug`.
fn reported_lines() -> Vec<u32> {
    let source = include_str!("bootmem.rs");
    let mut lines = Vec::new();
    for start in ["bug_on!(", "Stop::bug("] {
        for (at, _) in source.match_indices(start) {
            // The line number is the last argument: what follows the last comma or
            // opening parenthesis before the statement's end.
            let rest = &source[at..];
            let statement = &rest[..rest.find(';').unwrap_or(rest.len())];
            let args = statement.trim_end_matches(')');
            let number = args.rsplit([',', '(']).next().unwrap_or("");
            if let Ok(line) = number.trim().parse() {
                lines.push(line);
            }
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

#[test]
fn the_crate_reports_the_bug_lines_of_the_2_4_22_text() {
    assert_eq!(
        reported_lines(),
        [86, 93, 95, 97, 115, 117, 127, 154, 157, 202, 213, 240, 252]
    );
}

#[test]
fn every_bug_line_has_its_place_in_the_texts_whose_lines_moved() {
    for release in [&RELEASE_2_4_17, &RELEASE_2_4_19] {
        for line in reported_lines() {
            assert!(
                release
                    .moved_lines
                    .iter()
                    .any(|(file, from, _)| *file == "mm/bootmem.c" && *from == line),
                "{}: no entry for line {line}",
                release.name
            );
        }
        assert_eq!(release.moved_lines.len(), reported_lines().len());
    }
}

#[test]
fn the_moved_lines_are_those_of_each_text() {
    // 2.4.17 and 2.4.18 lack the include and `max_pfn`: two lines higher.
    assert_eq!(RELEASE_2_4_17.line("mm/bootmem.c", 86), 84);
    assert_eq!(RELEASE_2_4_17.line("mm/bootmem.c", 252), 250);
    // 2.4.19 has the include but not `max_pfn`: one line higher.
    assert_eq!(RELEASE_2_4_19.line("mm/bootmem.c", 202), 201);
    assert_eq!(RELEASE_2_4_19.line("mm/bootmem.c", 157), 156);
    assert_eq!(RELEASE.line("mm/bootmem.c", 157), 157);
    assert_eq!(RELEASE_2_4_17.aliases, ["2.4.18"]);
    assert!(RELEASE.aliases.contains(&"2.4"));
}
