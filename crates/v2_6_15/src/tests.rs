//! Unit tests of the 2.6.15 allocator against values worked out from the release text:
//! 66d43e98's end-of-node test and b5810039's page counts.

use super::*;
use bootmem_core::*;

fn boot(profile: &str, config: Config) -> (Machine, Kernel) {
    let arch = Arch::profile(profile).expect("built-in profile");
    let m = Machine::new(arch, config, RELEASE.memmap_init);
    let k = Kernel::new(&m);
    (m, k)
}

fn nommu() -> Config {
    Config {
        mmu: false,
        ..Config::default()
    }
}

#[test]
fn memmap_leaves_every_page_reserved_with_count_one() {
    assert_eq!(
        RELEASE.memmap_init,
        Page {
            reserved: true,
            count: 1
        }
    );
}

#[test]
fn a_full_node_answers_null_and_the_next_node_is_tried() {
    let (mut m, mut k) = boot("x86_64", Config::default());
    let u = |v| Ulong::new(v, 64);
    k.init_bootmem_node(&mut m, 1, u(0x400), u(0x200), u(0x400))
        .unwrap();
    k.init_bootmem_node(&mut m, 0, u(0x401), u(0), u(0x200))
        .unwrap();
    k.free_bootmem_node(&mut m, 1, u(0x20_0000), u(0x20_0000))
        .unwrap();
    let core = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0), u(0));
    assert_eq!(core.unwrap().get(), 0);
    let r = k
        .__alloc_bootmem_node(&mut m, 0, u(0x1000), u(0x1000), u(0))
        .unwrap();
    assert_eq!(m.pa(r).get(), 0x20_0000);
}

#[test]
fn a_limit_ends_the_scan_without_the_past_the_end_bug() {
    let (mut m, mut k) = boot("x86_64", Config::default());
    let u = |v| Ulong::new(v, 64);
    k.init_bootmem_node(&mut m, 0, u(0x400), u(0), u(0x400))
        .unwrap();
    k.free_bootmem_node(&mut m, 0, u(0x20_0000), u(0x20_0000))
        .unwrap();
    let r = k.__alloc_bootmem_core(&mut m, 0, u(0x1000), u(0x1000), u(0), u(0x20_0000));
    assert_eq!(r.unwrap().get(), 0);
}

/// Frees one whole word of pages on a node at 0 and returns what was handed over.
fn free_one_word(profile: &str, config: Config) -> Vec<FreedRun> {
    let (mut m, mut k) = boot(profile, config);
    let bits = m.bits_per_long();
    let u = |v| Ulong::new(v, bits);
    let words = u64::from(bits);
    k.init_bootmem(&mut m, u(words), u(words)).unwrap();
    k.free_bootmem(&mut m, u(0), u(words << 12)).unwrap();
    k.free_all_bootmem(&mut m).unwrap();
    m.freed().to_vec()
}

#[test]
fn without_an_mmu_every_whole_word_block_has_bad_tails() {
    let block = |bad| FreedRun {
        pfn: 0,
        order: 5,
        count: 1,
        bad,
    };
    let bitmap = FreedRun {
        pfn: 32,
        order: 0,
        count: 1,
        bad: false,
    };
    assert_eq!(free_one_word("i386", nommu()), vec![block(true), bitmap]);
    assert_eq!(
        free_one_word("i386", Config::default()),
        vec![block(false), bitmap]
    );
    let sixty_four = free_one_word("x86_64", nommu());
    assert_eq!((sixty_four[0].order, sixty_four[0].bad), (6, true));
}

#[test]
fn a_reserved_page_keeps_its_whole_block_from_the_buddy_lists() {
    let (mut m, _k) = boot("i386", Config::default());
    for pfn in 0..32 {
        page_alloc::clear_page_reserved(&mut m, pfn);
        page_alloc::set_page_count(&mut m, pfn, 0);
    }
    page_alloc::set_page_refs(&mut m, 0, 5);
    // Page 7 is still reserved: free_pages_check() reports it, resets its count, and
    // __free_pages_ok() keeps the block (page_alloc.c:410-413).
    m.page_mut(7).reserved = true;
    page_alloc::__free_pages(&mut m, 0, 5).unwrap();
    assert!(m.freed().is_empty());
    assert_eq!(
        m.page(7),
        Page {
            reserved: true,
            count: 0
        }
    );
    // No PG_reserved gate any more: a reserved page reaches free_pages_check(), which
    // reports it and keeps it.
    let (mut m, _k) = boot("i386", Config::default());
    page_alloc::__free_page(&mut m, 40).unwrap();
    assert!(m.freed().is_empty());
    assert_eq!(
        m.page(40),
        Page {
            reserved: true,
            count: 0
        }
    );
}

#[test]
fn freeing_a_page_whose_count_is_zero_bugs_in_page_alloc() {
    let (mut m, _k) = boot("x86_64", Config::default());
    page_alloc::clear_page_reserved(&mut m, 9);
    page_alloc::set_page_count(&mut m, 9, 0);
    assert_eq!(
        page_alloc::__free_page(&mut m, 9),
        Err(Stop::bug_in("mm/page_alloc.c", 1055))
    );
}
