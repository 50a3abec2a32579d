//! What `CONFIG_HAVE_ARCH_BOOTMEM_NODE` leaves of the node-less calls.

use bootmem_core::{Arch, Bootmem, Config, Machine, Stop, Ulong};

use crate::RELEASE;

fn boot(arch: &str, arch_node: bool, discontig: bool) -> (Machine, Box<dyn Bootmem>) {
    let config = Config {
        have_arch_bootmem_node: arch_node,
        discontigmem: discontig,
        ..Config::default()
    };
    RELEASE.boot(Arch::profile(arch).unwrap(), config)
}

/// Two nodes: node 0 from pfn 0 to 0x100, node 1 from 0x100 to 0x200, both free but
/// their bitmaps, node 1 at the head of `pgdat_list`.
fn two_nodes(m: &mut Machine, k: &mut dyn Bootmem) {
    let u = |v| Ulong::new(v, 32);
    k.init_bootmem_node(m, 0, u(0x300), u(0), u(0x100)).unwrap();
    k.init_bootmem_node(m, 1, u(0x301), u(0x100), u(0x200))
        .unwrap();
    k.free_bootmem_node(m, 0, u(0), u(0x100000)).unwrap();
    k.free_bootmem_node(m, 1, u(0x100000), u(0x100000)).unwrap();
}

#[test]
fn without_the_option_alloc_bootmem_walks_pgdat_list() {
    let (mut m, mut k) = boot("i386", false, true);
    two_nodes(&mut m, k.as_mut());
    let u = |v| Ulong::new(v, 32);
    // Node 1 is first in pgdat_list; the goal (16 MiB) lies in neither node.
    assert_eq!(k.alloc_bootmem(&mut m, u(0x1000)).unwrap(), u(0xc010_0000));
    assert_eq!(
        k.alloc_bootmem_node(&mut m, 1, u(0x1000)).unwrap(),
        u(0xc010_1000)
    );
}

#[test]
fn i386_discontigmem_sends_every_allocation_to_node_zero() {
    let (mut m, mut k) = boot("i386", true, true);
    two_nodes(&mut m, k.as_mut());
    let u = |v| Ulong::new(v, 32);
    assert_eq!(k.alloc_bootmem(&mut m, u(0x1000)).unwrap(), u(0xc000_0000));
    assert_eq!(
        k.alloc_bootmem_node(&mut m, 1, u(0x1000)).unwrap(),
        u(0xc000_1000)
    );
    k.reserve_bootmem(&mut m, u(0x2000), u(0x1000)).unwrap();
    assert_eq!(
        k.alloc_bootmem_pages(&mut m, u(0x1000)).unwrap(),
        u(0xc000_3000)
    );
}

#[test]
fn the_option_without_i386_discontigmem_leaves_the_calls_undefined() {
    for (arch, discontig) in [("i386", false), ("x86_64", true)] {
        let (mut m, mut k) = boot(arch, true, discontig);
        let bits = m.bits_per_long();
        let u = |v| Ulong::new(v, bits);
        let e = k.reserve_bootmem(&mut m, u(0), u(0x1000)).unwrap_err();
        assert!(matches!(e, Stop::Unavailable { .. }), "{e:?}");
        let e = k.alloc_bootmem_low(&mut m, u(0x1000)).unwrap_err();
        assert!(matches!(e, Stop::Unavailable { .. }), "{e:?}");
        // The node calls stay; init_bootmem goes with CONFIG_DISCONTIGMEM.
        let init = k.init_bootmem(&mut m, u(0x10), u(0x100));
        if discontig {
            assert!(matches!(init, Err(Stop::Unavailable { .. })), "{init:?}");
        } else {
            assert_eq!(init.unwrap(), u(32));
        }
    }
}

#[test]
fn discontigmem_leaves_the_contiguous_wrappers_unbuilt() {
    let (mut m, mut k) = boot("x86_64", false, true);
    let u = |v| Ulong::new(v, 64);
    let unavailable = |r: Result<(), Stop>| matches!(r, Err(Stop::Unavailable { .. }));
    assert!(unavailable(k.reserve_bootmem(&mut m, u(0), u(0x1000))));
    assert!(unavailable(k.free_bootmem(&mut m, u(0), u(0x1000))));
    assert!(unavailable(k.free_all_bootmem(&mut m).map(|_| ())));
    assert_eq!(
        k.init_bootmem_node(&mut m, 0, u(0x10), u(0), u(0x100))
            .unwrap(),
        u(32)
    );
}
