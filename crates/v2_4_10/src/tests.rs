//! Unit tests of the 2.4.10 allocator against values worked out from the release text.

use super::*;
use bootmem_core::*;

fn boot(profile: &str) -> (Machine, Kernel) {
    let arch = Arch::profile(profile).expect("built-in profile");
    let m = Machine::new(arch, Config::default(), RELEASE.memmap_init);
    let k = Kernel::new(&m);
    (m, k)
}

/// The set bits of node `nid`'s bitmap, as absolute pfn ranges.
fn reserved(m: &Machine, k: &Kernel, nid: Nid) -> Vec<(u64, u64)> {
    let node = k.nodes(m).into_iter().find(|n| n.nid == nid).expect("node");
    let start = node.node_boot_start.get() >> m.page_shift();
    let bits = node.node_low_pfn.get() - start;
    m.bitmap_runs(node.node_bootmem_map, bits)
        .into_iter()
        .map(|(a, b)| (start + a, start + b))
        .collect()
}

fn last_pos_offset(m: &Machine, k: &Kernel, nid: Nid) -> (u64, u64) {
    let node = k.nodes(m).into_iter().find(|n| n.nid == nid).expect("node");
    (node.last_pos.get(), node.last_offset.get())
}

#[test]
fn a_failed_scan_returns_null_and_alloc_bootmem_panics() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0), u(0x40))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x0), u(0x2000)).unwrap();
    k.free_bootmem_node(&mut m, 0, u(0xa000), u(0x3000))
        .unwrap();
    // Four pages fit nowhere: pages 0-1 and 10-12 are the only free ones, and the
    // failed scan now leaves them, and the hints, alone.
    let r = k.__alloc_bootmem(&mut m, u(0x4000), u(0x1000), u(0));
    assert_eq!(r, Err(Stop::panic("Out of memory")));
    assert_eq!(m.printk_log(), ["bootmem alloc of 16384 bytes failed!"]);
    assert_eq!(reserved(&m, &k, 0), vec![(2, 10), (13, 0x40)]);
    assert_eq!(last_pos_offset(&m, &k, 0), (0, 0));
}

#[test]
fn alloc_bootmem_goes_on_to_the_second_node() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 1, u(0x101), u(0x40), u(0x80))
        .unwrap();
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0x0), u(0x40))
        .unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x40000), u(0x40000))
        .unwrap();
    let r = k.__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x40000));
    assert_eq!(reserved(&m, &k, 1), vec![(0x40, 0x41)]);
}

#[test]
fn a_node_of_no_pages_answers_null_and_alloc_bootmem_node_panics() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0x10), u(0x10))
        .unwrap();
    let r = k.__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r, Err(Stop::panic("Out of memory")));
    assert_eq!(m.printk_log(), ["bootmem alloc of 4096 bytes failed!"]);
}

#[test]
fn a_request_larger_than_a_free_node_fails_without_touching_it() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0), u(0x40))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x40000)).unwrap();
    let r = k.__alloc_bootmem_node(&mut m, 0, u(0x41000), u(0x1000), u(0));
    assert_eq!(r, Err(Stop::panic("Out of memory")));
    assert_eq!(m.printk_log(), ["bootmem alloc of 266240 bytes failed!"]);
    assert_eq!(reserved(&m, &k, 0), vec![]);
    assert_eq!(last_pos_offset(&m, &k, 0), (0, 0));
    // The long after the 8-byte bitmap is left as it was.
    assert_eq!(m.read_phys_u8(0x10_0008), 0);
}

#[test]
fn the_restart_goes_back_to_index_zero_and_aligns_from_the_node_start() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0x101), u(0x141))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x101000), u(0x40000))
        .unwrap();
    k.reserve_bootmem_node(&mut m, 0, u(0x120000), u(0x21000))
        .unwrap();
    let r = k.__alloc_bootmem(&mut m, u(0x1000), u(0x4000), u(0x121000));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x101000));
    let r = k.__alloc_bootmem(&mut m, u(0x1000), u(0x4000), u(0));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x105000));
}

#[test]
fn an_align_that_is_not_a_power_of_two_bugs_at_line_155() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x100000)).unwrap();
    let r = k.__alloc_bootmem(&mut m, u(0x1000), u(0x3000), u(0));
    assert_eq!(r, Err(Stop::bug(155)));
    assert_eq!(reserved(&m, &k, 0), vec![]);
}

#[test]
fn a_reserve_from_below_the_node_start_bugs_at_line_91() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0x100), u(0x200))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x100000), u(0x100000))
        .unwrap();
    assert_eq!(
        k.reserve_bootmem_node(&mut m, 0, u(0xff000), u(0x3000)),
        Err(Stop::bug(91))
    );
    assert_eq!(reserved(&m, &k, 0), vec![]);
}

#[test]
fn the_bug_lines_are_the_releases_own() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    assert_eq!(k.reserve_bootmem(&mut m, u(0), u(0)), Err(Stop::bug(84)));
    assert_eq!(
        k.reserve_bootmem(&mut m, u(0x100000), u(0x1000)),
        Err(Stop::bug(93))
    );
    assert_eq!(
        k.reserve_bootmem(&mut m, u(0xff000), u(0x1001)),
        Err(Stop::bug(95))
    );
    assert_eq!(k.free_bootmem(&mut m, u(0), u(0)), Err(Stop::bug(113)));
    assert_eq!(
        k.free_bootmem(&mut m, u(0), u(0x101000)),
        Err(Stop::bug(115))
    );
    k.free_bootmem(&mut m, u(0x4000), u(0x1000)).unwrap();
    assert_eq!(
        k.free_bootmem(&mut m, u(0x3000), u(0x2000)),
        Err(Stop::bug(125))
    );
    assert_eq!(k.alloc_bootmem(&mut m, u(0)), Err(Stop::bug(152)));
    assert!(m.printk_log().is_empty());
    k.free_all_bootmem(&mut m).unwrap();
    assert_eq!(k.free_all_bootmem(&mut m), Err(Stop::bug(243)));
}

#[test]
fn a_double_reserve_is_always_reported() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x100000)).unwrap();
    k.reserve_bootmem(&mut m, u(0x4000), u(0x2000)).unwrap();
    k.reserve_bootmem(&mut m, u(0x5000), u(0x2000)).unwrap();
    assert_eq!(m.printk_log(), ["hm, page 00005000 reserved twice."]);
}

#[test]
fn small_allocations_share_a_page_up_to_an_align_of_a_whole_page() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    k.free_bootmem(&mut m, u(0), u(0x100000)).unwrap();
    let a = k.__alloc_bootmem(&mut m, u(100), u(0x1000), u(0)).unwrap();
    // 2.4 merges with align <= PAGE_SIZE: the merge rounds the offset up to 0x1000,
    // which passes the `offset > PAGE_SIZE` BUG and leaves no room in the shared page,
    // so the request lands at the start of the next one.
    let b = k.__alloc_bootmem(&mut m, u(100), u(0x1000), u(0)).unwrap();
    assert_eq!(m.pa(a).get(), 0);
    assert_eq!(m.pa(b).get(), 0x1000);
    assert_eq!(last_pos_offset(&m, &k, 0), (1, 100));
}

#[test]
fn mem_map_is_rounded_to_a_whole_struct_page_from_page_offset() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x1800), u(0), u(0x2000))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x1800000)).unwrap();
    k.alloc_bootmem_node(&mut m, 0, u(100)).unwrap();
    // alloc_bootmem_node() merges into the page at 16 MiB at offset 128; 0x1000080 is
    // 24 bytes past a multiple of 56, so MAP_ALIGN adds 32.
    let map = k.alloc_node_mem_map(&mut m, 0).unwrap();
    assert_eq!(m.pa(map).get(), 0x10000a0);
    // A second call allocates again: 0x2001 * 56 bytes from 0x1000080 end at
    // 0x10700b8, the next cache-aligned piece of that page is at 0x10700c0, and
    // MAP_ALIGN moves it on by 24 bytes to the next multiple of 56.
    let again = k.alloc_node_mem_map(&mut m, 0).unwrap();
    assert_eq!(m.pa(again).get(), 0x10700d8);
}

#[test]
fn free_all_hands_over_single_pages_then_the_bitmap() {
    let (mut m, mut k) = boot("i386");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x40), u(0x40)).unwrap();
    k.free_bootmem(&mut m, u(0x1000), u(0x3000)).unwrap();
    assert_eq!(k.free_all_bootmem(&mut m).map(Ulong::get), Ok(4));
    let freed: Vec<_> = m.freed().iter().flat_map(|r| r.each()).collect();
    assert_eq!(
        freed,
        vec![
            (1, 0, false),
            (2, 0, false),
            (3, 0, false),
            (0x40, 0, false)
        ]
    );
    assert_eq!(
        m.page(1),
        Page {
            reserved: false,
            count: 0
        }
    );
}
