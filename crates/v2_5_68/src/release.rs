//! The registry entry of Linux 2.5.68: its name, aliases, calls and memmap state.

use bootmem_core::{Bitops, Bootmem, Machine, Page, Release};

use crate::Kernel;

/// The registry entry for this release. 2.5.69 has the same `mm/bootmem.c`, and
/// 2.5.70's differs only in two statements that keep their lines (d92cfbf0a1). Their
/// `mm/page_alloc.c` moves `__free_pages()`, but the BUG there cannot fire from bootmem
/// (see `page_alloc::put_page_testzero`), so every line a trace can show is the same.
pub const RELEASE: Release = Release {
    name: "2.5.68",
    aliases: &["2.5.69", "2.5.70"],
    moved_lines: &[],
    calls: Kernel::CALLS,
    bitops: Bitops::Linux25,
    memmap_init: Page {
        reserved: true,
        count: 0,
    },
    start,
};

fn start(m: &Machine) -> Box<dyn Bootmem> {
    Box::new(Kernel::new(m))
}
