//! Unit tests of the 2.6.14 allocator against values worked out from the release text,
//! above all the `limit` of 281dd25c.

use super::*;
use bootmem_core::*;

fn boot() -> (Machine, Kernel) {
    let arch = Arch::profile("x86_64").expect("built-in profile");
    let m = Machine::new(arch, Config::default(), RELEASE.memmap_init);
    let k = Kernel::new(&m);
    (m, k)
}

fn u(v: u64) -> Ulong {
    Ulong::new(v, 64)
}

/// One node `nid` over pfns `start..end`, bitmap at `map`, all free.
fn free_node(m: &mut Machine, k: &mut Kernel, nid: Nid, map: u64, start: u64, end: u64) {
    k.init_bootmem_node(m, nid, u(map), u(start), u(end))
        .unwrap();
    k.free_bootmem_node(m, nid, u(start << 12), u((end - start) << 12))
        .unwrap();
}

#[test]
fn a_node_at_or_above_the_limit_answers_null_at_once() {
    let (mut m, mut k) = boot();
    free_node(&mut m, &mut k, 0, 0x500, 0x100, 0x500);
    let before = m.writes();
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0), u(0x10_0000));
    assert_eq!(r.unwrap().get(), 0);
    // Nothing was scanned or written, and the hint is untouched.
    assert_eq!(m.writes(), before);
    assert_eq!(k.nodes(&m)[0].last_success.map(Ulong::get), Some(0));
    // One byte more and the node is below the limit, but the limit's pfn is the node's
    // first pfn, so eidx is 0 and the scan has nothing to look at.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0), u(0x10_0001));
    assert_eq!(r.unwrap().get(), 0);
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0), u(0x10_1000));
    assert_eq!(m.pa(r.unwrap()).get(), 0x10_0000);
}

#[test]
fn a_limit_below_one_page_is_no_limit_only_for_a_node_at_zero() {
    let (mut m, mut k) = boot();
    free_node(&mut m, &mut k, 1, 0x800, 0x400, 0x800);
    free_node(&mut m, &mut k, 0, 0x801, 0, 0x400);
    let r = k
        .__alloc_bootmem_node_limit(&mut m, 0, u(0x1000), u(0x1000), u(0x20_0000), u(0xfff))
        .unwrap();
    assert_eq!(m.pa(r).get(), 0x20_0000);
    let r = k.__alloc_bootmem_core(&mut m, 1, u(0x1000), u(0x1000), u(0x60_0000), u(0xfff));
    assert_eq!(r.unwrap().get(), 0);
    let r = k.__alloc_bootmem_core(&mut m, 1, u(0x1000), u(0x1000), u(0x60_0000), u(0));
    assert_eq!(m.pa(r.unwrap()).get(), 0x60_0000);
}

#[test]
fn the_hint_test_compares_a_pfn_with_a_byte_offset() {
    let (mut m, mut k) = boot();
    free_node(&mut m, &mut k, 0, 0x2000, 0, 0x2000);
    k.__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0x180_0000))
        .unwrap();
    // Without a limit the hint 0x1801000 is followed; with 4 GiB (pfn 0x100000, less
    // than 0x1801000) it is not, and the goal itself is taken.
    let (mut m2, mut k2) = boot();
    free_node(&mut m2, &mut k2, 0, 0x2000, 0, 0x2000);
    k2.__alloc_bootmem(&mut m2, u(0x1000), u(0x1000), u(0x180_0000))
        .unwrap();
    let plain = k
        .__alloc_bootmem(&mut m, u(0x1000), u(0x1000), u(0x100_0000))
        .unwrap();
    let limited = k2
        .__alloc_bootmem_limit(&mut m2, u(0x1000), u(0x1000), u(0x100_0000), u(1 << 32))
        .unwrap();
    assert_eq!(m.pa(plain).get(), 0x180_1000);
    assert_eq!(m2.pa(limited).get(), 0x100_0000);
}

#[test]
fn the_past_the_end_bug_is_reached_through_a_limit_at_line_229() {
    let (mut m, mut k) = boot();
    free_node(&mut m, &mut k, 0, 0x400, 0, 0x400);
    k.reserve_bootmem_node(&mut m, 0, u(0), u(0x20_0000))
        .unwrap();
    // Two pages: the candidate at the limit fails its second page, and NULL comes back.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x2000), u(0x1000), u(0), u(0x20_0000));
    assert_eq!(r.unwrap().get(), 0);
    // One page: the free page at the limit is taken as start = eidx.
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0), u(0x20_0000));
    assert_eq!(r, Err(Stop::bug(229)));
}

#[test]
fn the_plain_calls_are_the_limit_calls_with_limit_zero() {
    let (mut m, mut k) = boot();
    free_node(&mut m, &mut k, 0, 0x400, 0, 0x400);
    let a = k.alloc_bootmem(&mut m, u(100)).unwrap();
    let b = k.alloc_bootmem_limit(&mut m, u(100), u(0)).unwrap();
    // The goal, 16 MiB, lies past the node; both merge into page 0 at 64-byte lines.
    assert_eq!((m.pa(a).get(), m.pa(b).get()), (0, 0x80));
    // Both requests share page 0, which now ends at 0x80 + 100.
    let last = k.nodes(&m)[0].clone();
    assert_eq!((last.last_pos.get(), last.last_offset.get()), (0, 0xe4));
}

#[test]
fn i386_numa_has_the_plain_macros_on_node_zero_but_no_limit_macros() {
    let config = Config {
        have_arch_bootmem_node: true,
        discontigmem: true,
        ..Config::default()
    };
    let arch = Arch::profile("i386").expect("built-in profile");
    let mut m = Machine::new(arch, config, RELEASE.memmap_init);
    let mut k = Kernel::new(&m);
    let u = |v| Ulong::new(v, 32);
    k.init_bootmem_node(&mut m, 0, u(0x300), u(0), u(0x100))
        .unwrap();
    k.init_bootmem_node(&mut m, 1, u(0x301), u(0x100), u(0x200))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0), u(0x10_0000)).unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x10_0000), u(0x10_0000))
        .unwrap();
    // Node 1 heads pgdat_list, but i386's macro asks node 0.
    let a = k.alloc_bootmem_node(&mut m, 1, u(0x1000)).unwrap();
    assert_eq!(m.pa(a).get(), 0);
    for r in [
        k.alloc_bootmem_limit(&mut m, u(0x1000), u(0x100_0000)),
        k.alloc_bootmem_low_pages_limit(&mut m, u(0x1000), u(0x100_0000)),
        k.alloc_bootmem_node_limit(&mut m, 1, u(0x1000), u(0x100_0000)),
    ] {
        assert!(matches!(r, Err(Stop::Unavailable { .. })), "{r:?}");
    }
    // The functions themselves stay.
    let b = k
        .__alloc_bootmem_limit(&mut m, u(0x1000), u(0x1000), u(0), u(0x100_0000))
        .unwrap();
    assert_eq!(m.pa(b).get(), 0x10_0000);
}
