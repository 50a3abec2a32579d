//! Unit tests of the picture's model and drawing helpers: claims layered over the
//! bitmap, columns of several holders, axis ticks and escaping.

use super::map::{claims, columns, holders, Claim, ClaimKind, Column, Holder};
use super::svg::{escape, ticks};

fn claim(order: usize, statement: usize, kind: ClaimKind, start: u64, end: u64) -> Claim {
    Claim {
        order,
        statement,
        kind,
        start,
        end,
    }
}

#[test]
fn a_set_bit_is_held_by_the_last_call_that_claimed_it() {
    let claims = [
        claim(0, 3, ClaimKind::Reserve, 0x10, 0x20),
        claim(1, 4, ClaimKind::Alloc, 0x18, 0x1c),
        claim(2, 5, ClaimKind::Free, 0x30, 0x40),
    ];
    // Bits 0x0-0x8 were never freed; 0x10-0x20 reserved; 0x30-0x38 set again by
    // something no call names.
    let reserved = [(0x0, 0x8), (0x10, 0x20), (0x30, 0x38)];
    assert_eq!(
        holders(0, 0x40, &reserved, &claims),
        vec![
            (0x0, 0x8, Holder::Unclaimed),
            (0x8, 0x10, Holder::Free),
            (0x10, 0x18, Holder::Call(3)),
            (0x18, 0x1c, Holder::Call(4)),
            (0x1c, 0x20, Holder::Call(3)),
            (0x20, 0x30, Holder::Free),
            (0x30, 0x38, Holder::Unclaimed),
            (0x38, 0x40, Holder::Free),
        ]
    );
}

#[test]
fn a_claimed_frame_whose_bit_is_clear_is_free() {
    let claims = [claim(0, 1, ClaimKind::Alloc, 0x0, 0x4)];
    assert_eq!(
        holders(0, 0x8, &[(0x2, 0x4)], &claims),
        vec![
            (0x0, 0x2, Holder::Free),
            (0x2, 0x4, Holder::Call(1)),
            (0x4, 0x8, Holder::Free)
        ]
    );
}

#[test]
fn a_column_of_several_holders_names_the_two_largest() {
    // 16 frames in 2 columns of 8: the first all free, the second one page of a call
    // among free frames.
    let runs = [
        (0, 12, Holder::Free),
        (12, 13, Holder::Call(7)),
        (13, 16, Holder::Free),
    ];
    assert_eq!(
        columns(0, 16, &runs, Holder::Free, 2),
        vec![
            Column {
                main: Holder::Free,
                second: None
            },
            Column {
                main: Holder::Free,
                second: Some(Holder::Call(7))
            },
        ]
    );
}

#[test]
fn a_small_node_gets_a_column_a_frame_and_a_terabyte_node_the_maximum() {
    let four = columns(0x100, 0x104, &[(0x100, 0x104, 0u8)], 0, 1000);
    assert_eq!(four.len(), 4);
    let terabyte = 1u64 << 28;
    let cols = columns(0, terabyte, &[(5, 6, 1u8)], 0, 1000);
    assert_eq!(cols.len(), 1000);
    assert_eq!(
        cols[0],
        Column {
            main: 0,
            second: Some(1)
        }
    );
    assert!(cols[1..].iter().all(|c| *c
        == Column {
            main: 0,
            second: None
        }));
}

#[test]
fn columns_of_an_empty_span_are_none() {
    assert!(columns(5, 5, &[], 0u8, 10).is_empty());
}

#[test]
fn ticks_fall_on_powers_of_two_and_include_both_ends() {
    assert_eq!(
        ticks(0, 0x2000, 1000.0, 110.0),
        vec![0, 0x400, 0x800, 0xc00, 0x1000, 0x1400, 0x1800, 0x1c00, 0x2000]
    );
    assert_eq!(
        ticks(0x100, 0x104, 1000.0, 110.0),
        vec![0x100, 0x101, 0x102, 0x103, 0x104]
    );
    let t = ticks(0, u64::MAX, 1000.0, 110.0);
    assert_eq!((t[0], t[t.len() - 1]), (0, u64::MAX));
    assert!(t.len() <= 12, "{t:x?}");
}

#[test]
fn escape_leaves_no_markup_and_no_character_xml_refuses() {
    assert_eq!(
        escape("<script>&\"'\u{1}\u{7}x"),
        "&lt;script&gt;&amp;&quot;&#39;\u{fffd}\u{fffd}x"
    );
}

#[test]
fn claims_follow_results_sizes_and_bootmem_rounding() {
    let text = "arch x86_64\n\
                init_bootmem(0x400, 0x2000)\n\
                free_bootmem(0x800, 0x2000000)\n\
                reserve_bootmem(0x100800, 0x1000)\n\
                alloc_bootmem(0x1800)\n\
                alloc_bootmem(0x2000000)\n";
    let scenario = crate::parse::parse("t.boot", text).unwrap();
    let release = crate::versions::find("2.6.12").unwrap();
    let trace = crate::run::run(release, &scenario).unwrap();
    let found = claims(&scenario, &trace);
    // The free rounds inwards (from pfn 1), the reserve outwards (pfns 0x100-0x102),
    // the allocation covers its size from its address; the failed one claims nothing.
    assert_eq!(found[0], claim(1, 1, ClaimKind::Free, 0x1, 0x2000));
    assert_eq!(found[1], claim(2, 2, ClaimKind::Reserve, 0x100, 0x102));
    let alloc = found[2];
    assert_eq!(
        (alloc.kind, alloc.statement, alloc.end - alloc.start),
        (ClaimKind::Alloc, 3, 2)
    );
    assert_eq!(found.len(), 3);
}

#[test]
fn notes_are_the_header_comment_and_each_line_s_trailing_comment() {
    let notes = super::Notes::of(
        "# What it probes,\n#   over two lines.\n\narch x86_64\n# not the header\n\
         init_bootmem(0x10, 0x40)   # the bitmap at 64 KiB\nfree_bootmem(0x0, 0x1000)\n",
    );
    assert_eq!(notes.header, ["What it probes,", "  over two lines."]);
    assert_eq!(
        notes.lines.into_iter().collect::<Vec<_>>(),
        [(6, "the bitmap at 64 KiB".to_string())]
    );
}
