//! Unit tests of the 2.5.75 allocator against values worked out from the release text:
//! 1c630a8d's end of the endless loop, and the lines it moves.

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
fn a_failed_scan_from_the_offset_returns_null() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x301), u(0x101), u(0x141))
        .unwrap();
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x2000), u(0x4000), u(0));
    assert_eq!(r.unwrap().get(), 0);
}

#[test]
fn a_scan_from_above_the_offset_goes_round_once_more_from_it() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0x101), u(0x141))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x10_1000), u(0x4_0000))
        .unwrap();
    k.reserve_bootmem_node(&mut m, 0, u(0x12_0000), u(0x2_1000))
        .unwrap();
    // Ones in the long past the 8-byte bitmap keep the first scan from "finding" the
    // page past the node (see scan_past_bitmap_zero).
    m.memset_phys(u(0x30_0008), 0xff, u(8)).unwrap();
    // The goal puts preferred at index 0x20 + 3; nothing is free from there up, so the
    // scan goes round from offset 3, rounds it to index 4, and finds 0x105000.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x4000), u(0x12_1000));
    assert_eq!(m.pa(r.unwrap()).get(), 0x10_5000);
}

#[test]
fn the_impossible_reserve_checks_are_gone_and_lines_move_up_by_four() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0x100), u(0x140))
        .unwrap();
    assert_eq!(
        k.reserve_bootmem_node(&mut m, 0, u(0x14_0000), u(0x1000)),
        Err(Stop::bug(90))
    );
    assert_eq!(
        k.reserve_bootmem_node(&mut m, 0, u(0x13_f000), u(0x2000)),
        Err(Stop::bug(92))
    );
    assert_eq!(
        k.free_bootmem_node(&mut m, 0, u(0x10_0000), u(0)),
        Err(Stop::bug(110))
    );
    k.free_bootmem_node(&mut m, 0, u(0x10_0000), u(0x1000))
        .unwrap();
    assert_eq!(
        k.free_bootmem_node(&mut m, 0, u(0x10_0000), u(0x1000)),
        Err(Stop::bug(125))
    );
}

#[test]
fn a_zero_sized_request_warns_then_bugs_at_line_153() {
    let (mut m, mut k) = boot();
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    assert_eq!(k.alloc_bootmem(&mut m, u(0)), Err(Stop::bug(153)));
    assert_eq!(
        m.printk_log(),
        ["__alloc_bootmem_core(): zero-sized request"]
    );
}

#[test]
fn the_bug_past_the_node_is_back_at_line_209() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x200), u(0), u(0x40))
        .unwrap();
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r, Err(Stop::bug(209)));
    assert_eq!(page_alloc::PUT_PAGE_TESTZERO_LINE, 710);
}

#[test]
fn the_hand_off_starts_at_the_node_first_frame_even_where_node_boot_start_wraps() {
    let arch = Arch::profile("i386").expect("built-in profile");
    let mut m = Machine::new(arch, Config::default(), RELEASE.memmap_init);
    m.set_bitops(RELEASE.bitops);
    let mut k = Kernel::new(&m);
    let u = |v| Ulong::new(v, 32);
    // Pfns 0x100020 to 0x10011f: node_boot_start wraps to 0x20000.
    k.init_bootmem_node(&mut m, 0, u(0x10_0030), u(0x10_0020), u(0x10_0120))
        .unwrap();
    assert_eq!(k.nodes(&m)[0].node_boot_start.get(), 0x2_0000);
    k.free_bootmem_node(&mut m, 0, u(0x2_0000), u(0x10_0000))
        .unwrap();
    k.reserve_bootmem_node(&mut m, 0, u(0x3_0000), u(0x1000))
        .unwrap();
    k.free_all_bootmem_node(&mut m, 0).unwrap();
    let first = m.freed()[0];
    assert_eq!((first.pfn, first.count), (0x10_0020, 16));
    assert_eq!(m.freed()[1].pfn, 0x10_0031);
}
