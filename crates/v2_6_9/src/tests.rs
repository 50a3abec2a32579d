//! Unit tests of the 2.6.9 crate against the 2.6.9 and 2.6.10 texts.

use super::*;

/// Every BUG line the crate's code can report, by file, as the crate's source writes it.
fn reported_lines() -> Vec<(&'static str, u32)> {
    let mut out = Vec::new();
    for (file, src) in [
        ("mm/bootmem.c", include_str!("bootmem.rs")),
        ("mm/page_alloc.c", include_str!("page_alloc.rs")),
    ] {
        for (start, _) in src.match_indices("bug_on!(") {
            let call = &src[start..start + src[start..].find(");").unwrap_or(0)];
            let n = call.rsplit(", ").next().unwrap_or("");
            out.push((file, n.trim().parse().unwrap_or(0)));
        }
        for (start, _) in src.match_indices("Stop::bug(") {
            let rest = &src[start + "Stop::bug(".len()..];
            let n = &rest[..rest.find(')').unwrap_or(0)];
            out.push((file, n.parse().unwrap_or(0)));
        }
        for (start, _) in src.match_indices("Stop::bug_in(\"mm/page_alloc.c\", ") {
            let rest = &src[start + "Stop::bug_in(\"mm/page_alloc.c\", ".len()..];
            let n = &rest[..rest.find(')').unwrap_or(0)];
            out.push(("mm/page_alloc.c", n.parse().unwrap_or(0)));
        }
    }
    out
}

#[test]
fn every_bug_line_stands_where_2_6_10_has_it() {
    // (file, 2.6.9 line, 2.6.10 line), read from the two texts.
    let table: &[(&str, u32, u32)] = &[
        ("mm/bootmem.c", 90, 90),
        ("mm/bootmem.c", 91, 91),
        ("mm/bootmem.c", 92, 92),
        ("mm/bootmem.c", 93, 93),
        ("mm/bootmem.c", 115, 115),
        ("mm/bootmem.c", 116, 116),
        ("mm/bootmem.c", 129, 129),
        ("mm/bootmem.c", 156, 156),
        ("mm/bootmem.c", 158, 158),
        ("mm/bootmem.c", 212, 212),
        ("mm/bootmem.c", 222, 222),
        ("mm/bootmem.c", 250, 250),
        ("mm/bootmem.c", 264, 264),
        ("mm/page_alloc.c", 788, 791),
    ];
    let reported = reported_lines();
    assert_eq!(reported.len(), table.len());
    for (file, line) in reported {
        let row = table.iter().find(|(f, l, _)| *f == file && *l == line);
        let (_, _, to) = row.unwrap_or_else(|| panic!("{file}:{line} has no row"));
        assert_eq!(RELEASE_2_6_10.line(file, line), *to, "{file}:{line}");
        assert_eq!(RELEASE.line(file, line), line);
    }
}
