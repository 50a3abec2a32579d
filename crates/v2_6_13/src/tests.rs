//! Unit tests of the 2.6.13 allocator against values worked out from the release text.

use super::*;
use bootmem_core::*;

fn boot(profile: &str, config: Config) -> (Machine, Kernel) {
    let arch = Arch::profile(profile).expect("built-in profile");
    let m = Machine::new(arch, config, RELEASE.memmap_init);
    let k = Kernel::new(&m);
    (m, k)
}

fn remap_config() -> Config {
    Config {
        have_arch_alloc_remap: true,
        ..Config::default()
    }
}

#[test]
fn align_is_the_round_up_2_6_12_wrote_out() {
    let u64 = |v| Ulong::new(v, 64);
    let u32 = |v| Ulong::new(v, 32);
    assert_eq!(u64(9).align_up(u64(8)).get(), 16);
    assert_eq!(u64(16).align_up(u64(8)).get(), 16);
    assert_eq!(u64(0x5000).align_up(u64(0x4000)).get(), 0x8000);
    // ALIGN(x, 0) is (x - 1) & 0: a request with align 0 has its goal rounded to 0 at
    // bootmem.c:189, so its scan starts at the node start whatever the goal.
    assert_eq!(u64(0x1234).align_up(u64(0)).get(), 0);
    // Near the top of a 32-bit unsigned long the round-up wraps to 0, as C's does.
    assert_eq!(u32(0xffff_ffc1).align_up(u32(64)).get(), 0);
    assert_eq!(u32(0xffff_ffc0).align_up(u32(64)).get(), 0xffff_ffc0);
}

#[test]
fn alloc_remap_rounds_to_cache_lines_and_refuses_an_exact_fit() {
    let (mut m, mut k) = boot("i386", remap_config());
    let u = |v| Ulong::new(v, 32);
    assert_eq!(k.alloc_remap(&mut m, 0, u(0x20)).unwrap().get(), 0);
    k.remap
        .remap_area(&mut m, 0, u(0x100_0000), u(0x100))
        .unwrap();
    m.memset_phys(u(0x100_0000), 0xaa, u(0x100)).unwrap();

    let first = k.alloc_remap(&mut m, 0, u(100)).unwrap();
    assert_eq!(m.pa(first).get(), 0x100_0000);
    // 100 bytes took a whole 128 (four 32-byte lines) and were zeroed; the byte after
    // them is still what the scenario wrote.
    assert_eq!(m.read_phys_u8(0x100_0000 + 99), 0);
    assert_eq!(m.read_phys_u8(0x100_0000 + 127), 0);
    assert_eq!(m.read_phys_u8(0x100_0000 + 128), 0xaa);

    let second = k.alloc_remap(&mut m, 0, u(0x60)).unwrap();
    assert_eq!(m.pa(second).get(), 0x100_0080);
    // 0x20 bytes remain: a request for exactly that reaches the end and is refused,
    // and so is a 1-byte one, which rounds up to the same line.
    assert_eq!(k.alloc_remap(&mut m, 0, u(0x20)).unwrap().get(), 0);
    assert_eq!(k.alloc_remap(&mut m, 0, u(1)).unwrap().get(), 0);
    // Another node has no area.
    assert_eq!(k.alloc_remap(&mut m, 1, u(1)).unwrap().get(), 0);
}

#[test]
fn without_the_option_alloc_remap_is_the_null_stub_and_there_is_no_area() {
    let (mut m, mut k) = boot("i386", Config::default());
    let u = |v| Ulong::new(v, 32);
    assert_eq!(
        dispatch(
            &mut k,
            &mut m,
            &Call::remap_area {
                nid: 0,
                addr: 0x100_0000,
                size: 0x1000
            }
        ),
        Err(Stop::unavailable(CallId::remap_area))
    );
    assert_eq!(k.alloc_remap(&mut m, 0, u(0x20)).unwrap().get(), 0);
}

#[test]
fn saved_max_pfn_exists_only_with_crash_dump() {
    let (mut m, mut k) = boot("x86_64", Config::default());
    let u = |v| Ulong::new(v, 64);
    assert_eq!(
        dispatch(&mut k, &mut m, &Call::saved_max_pfn { value: 0x4_0000 }),
        Err(Stop::unavailable(CallId::saved_max_pfn))
    );
    assert_eq!(KernelState::read_saved_max_pfn(&k, &m), None);

    let config = Config {
        crash_dump: true,
        ..Config::default()
    };
    let (mut m, mut k) = boot("x86_64", config);
    assert_eq!(KernelState::read_saved_max_pfn(&k, &m), Some(u(0)));
    k.saved_max_pfn(&mut m, u(0x4_0000)).unwrap();
    assert_eq!(KernelState::read_saved_max_pfn(&k, &m), Some(u(0x4_0000)));
}

#[test]
fn the_mem_map_comes_from_the_remap_area_before_bootmem() {
    let (mut m, mut k) = boot("i386", remap_config());
    let u = |v| Ulong::new(v, 32);
    k.init_bootmem(&mut m, u(0x100), u(0x1000)).unwrap();
    k.free_bootmem(&mut m, u(0x10_0000), u(0xf0_0000)).unwrap();
    // (0x1000 + 1) * 32 = 0x20020 bytes: the first area is one byte too small.
    k.remap
        .remap_area(&mut m, 0, u(0x100_0000), u(0x20020))
        .unwrap();
    let map = k.alloc_node_mem_map(&mut m, 0).unwrap();
    assert_eq!(m.pa(map).get(), 0x10_0000);

    let (mut m, mut k) = boot("i386", remap_config());
    k.init_bootmem(&mut m, u(0x100), u(0x1000)).unwrap();
    k.free_bootmem(&mut m, u(0x10_0000), u(0xf0_0000)).unwrap();
    k.remap
        .remap_area(&mut m, 0, u(0x100_0000), u(0x20021))
        .unwrap();
    let map = k.alloc_node_mem_map(&mut m, 0).unwrap();
    assert_eq!(m.pa(map).get(), 0x100_0000);
    // Bootmem gave nothing: the bitmap is as free_bootmem() left it.
    let node = k.nodes(&m).remove(0);
    assert_eq!(
        m.bitmap_runs(node.node_bootmem_map, 0x1000),
        vec![(0, 0x100)]
    );
    // A second call keeps the map the node already has.
    assert_eq!(k.alloc_node_mem_map(&mut m, 0).unwrap(), map);
}

#[test]
fn a_full_first_node_still_bugs_past_its_end_at_line_221() {
    let (mut m, mut k) = boot("x86_64", Config::default());
    let u = |v| Ulong::new(v, 64);
    k.init_bootmem_node(&mut m, 1, u(0x400), u(0x200), u(0x400))
        .unwrap();
    k.init_bootmem_node(&mut m, 0, u(0x401), u(0), u(0x200))
        .unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x20_0000), u(0x20_0000))
        .unwrap();
    assert_eq!(
        k.__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0x1000), u(0)),
        Err(Stop::bug(221))
    );
}

#[test]
fn free_all_walks_by_pfn_and_hands_over_what_2_6_12_did() {
    let (mut m, mut k) = boot("x86_64", Config::default());
    let u = |v| Ulong::new(v, 64);
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0), u(0xf0))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0xf_0000)).unwrap();
    k.reserve_bootmem_node(&mut m, 0, u(0x4_0000), u(0x4_0000))
        .unwrap();
    k.reserve_bootmem_node(&mut m, 0, u(0x8_5000), u(0x1000))
        .unwrap();
    // 64 (one order-6 block) + 63 + 48 single pages + the bitmap page.
    assert_eq!(k.free_all_bootmem_node(&mut m, 0).unwrap().get(), 176);
    let freed: Vec<(u64, u32, u64)> = m
        .freed()
        .iter()
        .map(|r| (r.pfn, r.order, r.count))
        .collect();
    assert_eq!(
        freed,
        vec![(0, 6, 1), (0x80, 0, 5), (0x86, 0, 0x6a), (0x100, 0, 1)]
    );
    assert!(m.freed().iter().all(|r| !r.bad));
}

#[test]
fn align_zero_loses_the_goal() {
    let (mut m, mut k) = boot("x86_64", Config::default());
    let u = |v| Ulong::new(v, 64);
    k.init_bootmem_node(&mut m, 0, u(0x100), u(0), u(0x100))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x10_0000)).unwrap();
    let with_align = k
        .__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0x1000), u(0x8_0000))
        .unwrap();
    assert_eq!(m.pa(with_align).get(), 0x8_0000);
    let without = k
        .__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0), u(0x8_0000))
        .unwrap();
    assert_eq!(m.pa(without).get(), 0);
}
