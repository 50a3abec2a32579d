//! Unit tests of the 2.6.16 allocator against values worked out from the release text.

use super::*;
use bootmem_core::*;

fn boot_with(profile: &str, config: Config) -> (Machine, Kernel) {
    let arch = Arch::profile(profile).expect("built-in profile");
    let m = Machine::new(arch, config, RELEASE.memmap_init);
    let k = Kernel::new(&m);
    (m, k)
}

fn boot(profile: &str) -> (Machine, Kernel) {
    boot_with(profile, Config::default())
}

/// A node straddling 4 GiB, pfns 0xfff00 to 0x100100, with only the last page below
/// 4 GiB and everything above it free.
fn straddling_4g(m: &mut Machine, k: &mut Kernel) {
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(m, 0, u(0x10), u(0xfff00), u(0x100100))
        .unwrap();
    k.free_bootmem_node(m, 0, u(0xffff_f000), u(0x101000))
        .unwrap();
}

#[test]
fn low_allocations_never_use_the_last_page_below_4g() {
    let (mut m, mut k) = boot("x86_64");
    straddling_4g(&mut m, &mut k);
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    let r = k.__alloc_bootmem_low_node(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r.map(Ulong::get), Ok(0));
    // Without the limit the same node answers with that very page.
    let r = k.__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0xffff_f000));
}

#[test]
fn a_low_allocation_that_fits_nowhere_panics_out_of_low_memory() {
    let (mut m, mut k) = boot("x86_64");
    straddling_4g(&mut m, &mut k);
    let size = m.ul(0x1000);
    let r = k.alloc_bootmem_low_pages(&mut m, size);
    assert_eq!(r, Err(Stop::panic("Out of low memory")));
    assert_eq!(m.printk_log(), ["low bootmem alloc of 4096 bytes failed!"]);
}

#[test]
fn a_node_at_or_above_the_limit_is_skipped_whole() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 1, u(0x11), u(0x100000), u(0x100100))
        .unwrap();
    k.init_bootmem_node(&mut m, 0, u(0x10), u(0x0), u(0x100))
        .unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x1_0000_0000), u(0x100000))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x20000), u(0x1000))
        .unwrap();
    let r = k.alloc_bootmem_low_pages_node(&mut m, 1, u(0x1000));
    assert_eq!(r.map(Ulong::get), Ok(0));
    let r = k.alloc_bootmem_low(&mut m, u(0x100));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x20000));
}

#[test]
fn the_low_limit_compares_a_pfn_with_the_byte_offset_hint() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x1000), u(0x0), u(0x1000))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x0), u(0x1000000))
        .unwrap();
    let low = |k: &mut Kernel, m: &mut Machine, goal| {
        let (s, a, g) = (m.ul(0x1000), m.ul(0x1000), m.ul(goal));
        k.__alloc_bootmem_low(m, s, a, g).map(|p| m.pa(p).get())
    };
    assert_eq!(low(&mut k, &mut m, 0x200000), Ok(0x200000));
    // last_success is 0x200000 (bytes) and the limit 0xfffff (a pfn): the hint is not
    // taken, and the scan starts at the goal.
    assert_eq!(low(&mut k, &mut m, 0x100000), Ok(0x100000));
    // With no limit the hint (now 0x100000) wins over a lower goal.
    let r = k.__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0x80000));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x101000));
}

#[test]
fn the_scan_stops_at_the_node_end_and_the_node_falls_back() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 1, u(0x201), u(0x40), u(0x80))
        .unwrap();
    k.init_bootmem_node(&mut m, 0, u(0x200), u(0x0), u(0x40))
        .unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x40000), u(0x40000))
        .unwrap();
    let r = k.__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0x1000), u(0));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x40000));
}

#[test]
fn free_all_hands_whole_words_over_unchecked_even_without_an_mmu() {
    let config = Config {
        mmu: false,
        ..Config::default()
    };
    let (mut m, mut k) = boot_with("x86_64", config);
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    k.free_bootmem(&mut m, u(0x0), u(0x81000)).unwrap();
    assert_eq!(k.free_all_bootmem(&mut m).map(Ulong::get), Ok(0x82));
    let freed: Vec<_> = m.freed().iter().flat_map(|r| r.each()).collect();
    assert_eq!(
        freed,
        vec![
            (0, 6, false),
            (64, 6, false),
            (128, 0, false),
            (256, 0, false)
        ]
    );
    for pfn in [0, 1, 63, 127, 128] {
        assert_eq!(
            m.page(pfn),
            Page {
                reserved: false,
                count: 0
            },
            "pfn {pfn}"
        );
    }
    assert_eq!(
        m.page(129),
        Page {
            reserved: true,
            count: 1
        }
    );
}

#[test]
fn free_all_goes_page_by_page_on_a_node_not_aligned_to_a_word_of_pages() {
    let (mut m, mut k) = boot("i386");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x10), u(0x20), u(0x60))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x20000), u(0x21000))
        .unwrap();
    assert_eq!(k.free_all_bootmem_node(&mut m, 0).map(Ulong::get), Ok(0x22));
    let freed: Vec<_> = m.freed().iter().flat_map(|r| r.each()).collect();
    assert_eq!(freed.len(), 0x22);
    assert!(freed.iter().all(|&(_, order, bad)| order == 0 && !bad));
    assert_eq!(freed[0x20], (0x40, 0, false));
}

#[test]
fn the_bug_lines_are_the_releases_own() {
    let (mut m, mut k) = boot("x86_64");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem(&mut m, u(0x100), u(0x100)).unwrap();
    assert_eq!(k.reserve_bootmem(&mut m, u(0), u(0)), Err(Stop::bug(99)));
    assert_eq!(
        k.reserve_bootmem(&mut m, u(0xff000), u(0x1001)),
        Err(Stop::bug(102))
    );
    assert_eq!(k.free_bootmem(&mut m, u(0), u(0)), Err(Stop::bug(124)));
    k.free_bootmem(&mut m, u(0x4000), u(0x1000)).unwrap();
    assert_eq!(
        k.free_bootmem(&mut m, u(0x3000), u(0x2000)),
        Err(Stop::bug(138))
    );
    assert_eq!(
        k.__alloc_bootmem(&mut m, u(0x1000), u(0x3000), u(0)),
        Err(Stop::bug(167))
    );
    assert!(m.printk_log().is_empty());
    assert_eq!(k.alloc_bootmem(&mut m, u(0)), Err(Stop::bug(165)));
    assert_eq!(
        m.printk_log(),
        ["__alloc_bootmem_core(): zero-sized request"]
    );
    k.free_all_bootmem(&mut m).unwrap();
    assert_eq!(k.free_all_bootmem(&mut m), Err(Stop::bug(284)));
}

fn remap_config() -> Config {
    Config {
        have_arch_alloc_remap: true,
        crash_dump: true,
        ..Config::default()
    }
}

#[test]
fn alloc_remap_rounds_to_a_cache_line_and_refuses_an_exact_fit() {
    let (mut m, mut k) = boot_with("i386", remap_config());
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    assert_eq!(k.alloc_remap(&mut m, 1, u(0x10)).map(Ulong::get), Ok(0));
    Bootmem::remap_area(&mut k, &mut m, 1, u(0x3000000), u(0x1000)).unwrap();
    let r = k.alloc_remap(&mut m, 1, u(0x10));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x3000000));
    let r = k.alloc_remap(&mut m, 1, u(0x21));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x3000020));
    // 0x60 bytes are used; 0xfa0 more would end exactly at the area's end.
    assert_eq!(k.alloc_remap(&mut m, 1, u(0xfa0)).map(Ulong::get), Ok(0));
    let r = k.alloc_remap(&mut m, 1, u(0xf80));
    assert_eq!(r.map(|p| m.pa(p).get()), Ok(0x3000060));
}

#[test]
fn without_the_arch_remap_allocator_the_stub_answers_null() {
    let (mut m, mut k) = boot("i386");
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    assert_eq!(k.alloc_remap(&mut m, 0, u(0x100)).map(Ulong::get), Ok(0));
    assert_eq!(
        dispatch(
            &mut k,
            &mut m,
            &Call::remap_area {
                nid: 0,
                addr: 0x3000000,
                size: 0x100000
            }
        ),
        Err(Stop::unavailable(CallId::remap_area))
    );
    assert_eq!(
        dispatch(&mut k, &mut m, &Call::saved_max_pfn { value: 0x1000 }),
        Err(Stop::unavailable(CallId::saved_max_pfn))
    );
    assert_eq!(KernelState::read_saved_max_pfn(&k, &m), None);
}

#[test]
fn mem_map_comes_from_the_remap_area_when_it_has_room() {
    let (mut m, mut k) = boot_with("i386", remap_config());
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0x0), u(0x1000))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x0), u(0x100000)).unwrap();
    k.saved_max_pfn(&mut m, u(0x1000)).unwrap();
    assert_eq!(
        KernelState::read_saved_max_pfn(&k, &m).map(Ulong::get),
        Some(0x1000)
    );
    // (0x1000 + 1) * 32 bytes = 0x20020, rounded to 0x20020: it fits in 0x21000.
    Bootmem::remap_area(&mut k, &mut m, 0, u(0x2000000), u(0x21000)).unwrap();
    let map = k.alloc_node_mem_map(&mut m, 0).unwrap();
    assert_eq!(m.pa(map).get(), 0x2000000);
    // A second node's area is too small, so its map comes from bootmem.
    k.init_bootmem_node(&mut m, 1, u(0x101), u(0x1000), u(0x1100))
        .unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x1000000), u(0x100000))
        .unwrap();
    Bootmem::remap_area(&mut k, &mut m, 1, u(0x2100000), u(0x1000)).unwrap();
    let map = k.alloc_node_mem_map(&mut m, 1).unwrap();
    assert_eq!(m.pa(map).get(), 0x1000000);
}

#[test]
fn i386_numa_sends_the_low_macros_to_node_zero_without_the_low_limit() {
    let config = Config {
        have_arch_bootmem_node: true,
        discontigmem: true,
        ..Config::default()
    };
    let (mut m, mut k) = boot_with("i386", config);
    let u = |v| Ulong::new(v, 32);
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0), u(0x100))
        .unwrap();
    k.init_bootmem_node(&mut m, 1, u(0x301), u(0x100), u(0x200))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x10_0000)).unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x10_0000), u(0x10_0000))
        .unwrap();
    // i386's mmzone.h: __alloc_bootmem_node(NODE_DATA(0), ...), not
    // __alloc_bootmem_low_node() on the node named.
    let a = k
        .alloc_bootmem_low_pages_node(&mut m, 1, u(0x1000))
        .unwrap();
    assert_eq!(m.pa(a).get(), 0);
    let b = k.alloc_bootmem_low(&mut m, u(0x20)).unwrap();
    assert_eq!(m.pa(b).get(), 0x1000);
    assert!(m
        .paths_taken()
        .iter()
        .any(|p| p.commit == bootmem_commits::M0D0BDC8E.id));
}
