//! Unit tests of the 2.5.71 allocator against values worked out from the release text:
//! 906b9f69's warning, and the lines it moves.

use super::*;
use bootmem_core::*;

fn boot() -> (Machine, Kernel) {
    let arch = Arch::profile("x86_64").expect("built-in profile");
    let mut m = Machine::new(arch, Config::default(), RELEASE.memmap_init);
    m.set_bitops(RELEASE.bitops);
    let k = Kernel::new(&m);
    (m, k)
}

fn u(v: u64) -> Ulong {
    Ulong::new(v, 64)
}

#[test]
fn a_zero_sized_request_warns_then_bugs_at_line_157() {
    let (mut m, mut k) = boot();
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x10_0000)).unwrap();
    assert_eq!(k.alloc_bootmem(&mut m, u(0)), Err(Stop::bug(157)));
    // The stack dump of line 156 has no counterpart on the machine: one line only.
    assert_eq!(
        m.printk_log(),
        ["__alloc_bootmem_core(): zero-sized request"]
    );
}

#[test]
fn an_align_that_is_not_a_power_of_two_bugs_at_line_159() {
    let (mut m, mut k) = boot();
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    let r = k.__alloc_bootmem(&mut m, u(0x1000), u(0x3000), u(0));
    assert_eq!(r, Err(Stop::bug(159)));
}

#[test]
fn the_bug_past_the_node_moves_to_line_213() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x200), u(0), u(0x40))
        .unwrap();
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r, Err(Stop::bug(213)));
    assert_eq!(k.nodes(&m)[0].last_success, Some(u(0x4_0000)));
}

#[test]
fn a_failed_scan_from_a_nonzero_offset_still_restarts_for_ever() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x301), u(0x101), u(0x141))
        .unwrap();
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x2000), u(0x4000), u(0));
    assert_eq!(
        r,
        Err(Stop::Hang {
            function: "__alloc_bootmem_core"
        })
    );
}

#[test]
fn the_aliases_share_the_text_and_its_lines() {
    assert_eq!(RELEASE.aliases, ["2.5.72", "2.5.73", "2.5.74"]);
    assert!(RELEASE.moved_lines.is_empty());
    assert_eq!(page_alloc::PUT_PAGE_TESTZERO_LINE, 700);
}
