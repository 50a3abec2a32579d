//! Unit tests of the 2.6.9 crate against the 2.6.9 and 2.6.10 texts.

use super::*;
use bootmem_core::*;

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

/// An x86_64 machine with `CONFIG_DISCONTIGMEM=y` running `release`.
fn discontig_boot(release: &Release) -> (Machine, Box<dyn Bootmem>) {
    let config = Config {
        discontigmem: true,
        ..Config::default()
    };
    release.boot(Arch::profile("x86_64").unwrap(), config)
}

fn u(v: u64) -> Ulong {
    Ulong::new(v, 64)
}

#[test]
fn under_discontigmem_2_6_9_leaves_the_wrappers_out() {
    let (mut m, mut k) = discontig_boot(&RELEASE);
    let unavailable = |r: Result<(), Stop>| matches!(r, Err(Stop::Unavailable { .. }));
    assert!(unavailable(
        k.init_bootmem(&mut m, u(0x100), u(0x400)).map(|_| ())
    ));
    assert!(unavailable(k.free_bootmem(&mut m, u(0), u(0x1000))));
    assert!(unavailable(k.reserve_bootmem(&mut m, u(0), u(0x1000))));
    assert!(unavailable(k.free_all_bootmem(&mut m).map(|_| ())));
    assert!(m
        .paths_taken()
        .iter()
        .all(|p| p.commit == bootmem_commits::M4B4B90A7.id));
}

#[test]
fn under_discontigmem_2_6_10_builds_the_wrappers_on_node_zero() {
    let (mut m, mut k) = discontig_boot(&RELEASE_2_6_10);
    // Pfns 0 to 0x3ff, the 128-byte bitmap on pfn 0x100, the first MiB freed.
    assert_eq!(k.init_bootmem(&mut m, u(0x100), u(0x400)).unwrap(), u(128));
    k.free_bootmem(&mut m, u(0), u(0x10_0000)).unwrap();
    k.reserve_bootmem(&mut m, u(0x1000), u(0x1000)).unwrap();
    // 255 free pages, then the bitmap's one page.
    assert_eq!(k.free_all_bootmem(&mut m).unwrap(), u(256));
    assert!(m
        .paths_taken()
        .iter()
        .all(|p| p.commit == bootmem_commits::M86E060C6.id
            || p.commit == bootmem_commits::FE92EBF3.id));
    assert!(m
        .paths_taken()
        .iter()
        .any(|p| p.commit == bootmem_commits::M86E060C6.id));
}
