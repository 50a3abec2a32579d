//! Unit tests of the 2.5.68 allocator against values worked out from the release text:
//! 79e626e1's hint and scan, the restart that never ends, the empty `fail_block:`, and
//! the aliases.

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

fn last_success(m: &Machine, k: &Kernel) -> u64 {
    let nodes = k.nodes(m);
    nodes[0]
        .last_success
        .expect("2.5.68 has last_success")
        .get()
}

#[test]
fn the_scan_resumes_at_last_success_and_a_free_below_moves_it_back() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x400), u(0), u(0x400))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x40_0000)).unwrap();
    let a = k.__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0x8_0000));
    assert_eq!(m.pa(a.unwrap()).get(), 0x8_0000);
    assert_eq!(last_success(&m, &k), 0x8_0000);
    // Goal 0x40000 lies below the hint 0x80000: the scan starts at the hint
    // (bootmem.c:172-173).
    let b = k.__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0x4_0000));
    assert_eq!(m.pa(b.unwrap()).get(), 0x8_1000);
    assert_eq!(last_success(&m, &k), 0x8_1000);
    // Freeing 0x80000 lowers the hint to that physical address (bootmem.c:118-119).
    k.free_bootmem(&mut m, u(0x8_0000), u(0x1000)).unwrap();
    assert_eq!(last_success(&m, &k), 0x8_0000);
    let c = k.__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0x4_0000));
    assert_eq!(m.pa(c.unwrap()).get(), 0x8_0000);
}

#[test]
fn after_a_conflict_the_next_candidate_is_one_alignment_step_on() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0), u(0x40))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x1000)).unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x4000), u(0x2000))
        .unwrap();
    // Candidate 0 fails at page 1; fail_block is empty, so the for-loop's i += 4 gives
    // candidate 4, and pages 4-5 are free.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x2000), u(0x4000), u(0));
    assert_eq!(m.pa(r.unwrap()).get(), 0x4000);
}

#[test]
fn the_index_within_the_node_is_aligned_not_the_address() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0x101), u(0x141))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x10_1000), u(0x4_0000))
        .unwrap();
    // Offset 3 puts preferred at index 3; find_next_zero_bit() gives 3 and line 186
    // rounds it to index 4: 0x105000.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x4000), u(0));
    assert_eq!(m.pa(r.unwrap()).get(), 0x10_5000);
}

#[test]
fn a_failed_scan_from_a_nonzero_offset_restarts_for_ever() {
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
fn a_failed_scan_from_offset_zero_returns_null() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0x100), u(0x140))
        .unwrap();
    // The node start is 16 KiB aligned, so offset and preferred are 0. Nothing is free:
    // find_next_zero_bit() answers 64, bit 64 past the 8-byte bitmap reads 0, and the
    // two-page block there fails at j = 65 >= eidx.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x2000), u(0x4000), u(0));
    assert_eq!(r.unwrap().get(), 0);
}

#[test]
fn last_success_is_written_before_the_bug_on_start_past_the_node() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x200), u(0), u(0x40))
        .unwrap();
    // Nothing is free; find_next_zero_bit() answers 64 and bit 64, past the 8-byte
    // bitmap, reads 0 from zeroed memory.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r, Err(Stop::bug(209)));
    assert_eq!(last_success(&m, &k), 0x4_0000);
}

#[test]
fn a_zero_sized_request_is_a_bare_bug_on() {
    let (mut m, mut k) = boot();
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x10_0000)).unwrap();
    assert_eq!(k.alloc_bootmem(&mut m, u(0)), Err(Stop::bug(154)));
    assert!(m.printk_log().is_empty());
}

#[test]
fn the_mem_map_is_allocated_again_on_every_call() {
    let (mut m, mut k) = boot();
    k.init_bootmem_node(&mut m, 0, u(0x1800), u(0), u(0x2000))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x180_0000)).unwrap();
    let first = k.alloc_node_mem_map(&mut m, 0).unwrap();
    let second = k.alloc_node_mem_map(&mut m, 0).unwrap();
    assert_ne!(first, second);
    // (0x2000 + 1) struct pages from alloc_bootmem_node(): goal MAX_DMA_ADDRESS, and
    // the second map follows the first one's last page.
    let bytes = (0x2000 + 1) * m.sizeof_struct_page().get();
    assert_eq!(m.pa(first).get(), m.max_dma_address().get());
    assert!(m.pa(second).get() >= m.pa(first).get() + bytes);
}

#[test]
fn the_releases_with_the_same_lines_are_aliases() {
    assert_eq!(RELEASE.aliases, ["2.5.69", "2.5.70"]);
    assert!(RELEASE.moved_lines.is_empty());
}

#[test]
fn a_bitmap_page_also_freed_as_a_free_page_is_handed_over_twice_without_a_bug() {
    let (mut m, mut k) = boot();
    k.init_bootmem(&mut m, u(0x10), u(0x40)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x4_0000)).unwrap();
    // 64 free pages, the bitmap's page 0x10 among them, then the bitmap's page again:
    // its count is set to 1 before each __free_page(), so put_page_testzero() at
    // page_alloc.c:687 never sees 0.
    assert_eq!(k.free_all_bootmem(&mut m).unwrap().get(), 65);
    let run = |pfn, count| FreedRun {
        pfn,
        order: 0,
        count,
        bad: false,
    };
    assert_eq!(m.freed(), [run(0, 0x40), run(0x10, 1)]);
}

#[test]
fn a_second_free_all_bugs_on_the_dropped_bitmap() {
    let (mut m, mut k) = boot();
    k.init_bootmem(&mut m, u(0x40), u(0x40)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x4_0000)).unwrap();
    k.free_all_bootmem(&mut m).unwrap();
    // The first call drops the bitmap; the second BUGs at line 260.
    assert_eq!(k.free_all_bootmem(&mut m), Err(Stop::bug(260)));
}
