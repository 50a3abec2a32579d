//! Where each marked code path lies in a release's files: the file, the function (or
//! none, for a path that is a preprocessor choice), and an identifier that stands on
//! the path's line. The text is the user's; these are only names to look for in it,
//! never pieces of kernel text.

use super::c::{CText, Function};
use bootmem_commits::paths;
use bootmem_core::CodePath;

/// Which occurrence of the anchor identifier marks the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occurrence {
    /// The first in code that is not a plain declaration.
    First,
    /// The `n`th (from 0) of those.
    Nth(usize),
    /// The last.
    Last,
}

/// Where a path lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The files it may lie in, e.g. `mm/bootmem.c`, the first in which the place is
    /// found being taken.
    pub files: &'static [&'static str],
    /// The functions it may lie in, the first the release defines being taken; empty
    /// for a path that lies at file level (a `#ifdef`).
    pub functions: &'static [&'static str],
    /// An identifier on the path's line, and which occurrence of it.
    pub anchor: Option<(&'static str, Occurrence)>,
}

const BOOTMEM_C: &[&str] = &["mm/bootmem.c"];
const BOOTMEM_H: &[&str] = &["include/linux/bootmem.h"];
const PAGE_ALLOC_C: &[&str] = &["mm/page_alloc.c"];
/// 2.5 set up a node's `mem_map` in `mm/numa.c`, 2.6 in `mm/page_alloc.c`.
const MEM_MAP_C: &[&str] = &["mm/page_alloc.c", "mm/numa.c"];
const CORE: &[&str] = &["__alloc_bootmem_core"];
const FREE_ALL: &[&str] = &["free_all_bootmem_core"];
const RESERVE: &[&str] = &["reserve_bootmem_core"];
const ALLOC: &[&str] = &["__alloc_bootmem", "__alloc_bootmem_limit"];
const NODE: &[&str] = &["__alloc_bootmem_node", "__alloc_bootmem_node_limit"];
const MEM_MAP: &[&str] = &[
    "alloc_node_mem_map",
    "node_alloc_mem_map",
    "free_area_init_node",
];

use Occurrence::{First, Last, Nth};

/// Every marked path with its place.
static PLACES: &[(&CodePath, Place)] = &[
    (
        &paths::FAILED_SCAN_RETURNS_NULL,
        at(BOOTMEM_C, CORE, "NULL", Last),
    ),
    (
        &paths::OUT_OF_MEMORY_PANIC,
        at(BOOTMEM_C, ALLOC, "panic", First),
    ),
    (
        &paths::RESERVE_WRAP_BUG,
        at(BOOTMEM_C, RESERVE, "node_low_pfn", First),
    ),
    (
        &paths::RESERVE_PAST_END_BUG,
        at(BOOTMEM_C, RESERVE, "node_low_pfn", First),
    ),
    (
        &paths::ALIGN_POWER_OF_TWO_BUG,
        at(BOOTMEM_C, CORE, "align", First),
    ),
    (
        &paths::NODE_OUT_OF_MEMORY_PANIC,
        at(BOOTMEM_C, NODE, "panic", First),
    ),
    (
        &paths::ALIGNMENT_OFFSET,
        at(BOOTMEM_C, CORE, "offset", First),
    ),
    (
        &paths::RESTART_FROM_OFFSET,
        at(BOOTMEM_C, CORE, "restart_scan", Last),
    ),
    (
        &paths::ALIGNMENT_OFFSET_V2_5,
        at(BOOTMEM_C, CORE, "offset", First),
    ),
    (
        &paths::RESTART_FROM_OFFSET_V2_5,
        at(BOOTMEM_C, CORE, "restart_scan", Last),
    ),
    (
        &paths::FREE_ALL_SKIPS_RESERVED_WORDS,
        at(BOOTMEM_C, FREE_ALL, "BITS_PER_LONG", First),
    ),
    (
        &paths::PUT_PAGE_TESTZERO_BUG,
        function(&["include/linux/mm.h"], &["put_page_testzero"]),
    ),
    (
        &paths::ARCH_BOOTMEM_NODE_ZERO,
        file_level(&["include/asm-i386/mmzone.h"], "reserve_bootmem"),
    ),
    (
        &paths::ARCH_BOOTMEM_NODE_MISSING,
        file_level(BOOTMEM_H, "CONFIG_HAVE_ARCH_BOOTMEM_NODE"),
    ),
    (
        &paths::MEM_MAP_UNALIGNED,
        at(MEM_MAP_C, MEM_MAP, "alloc_bootmem_node", First),
    ),
    (
        &paths::DISCONTIGMEM_NO_CONTIG_CALLS,
        file_level(BOOTMEM_C, "CONFIG_DISCONTIGMEM"),
    ),
    (
        &paths::FREE_PAGES_CHECK_COUNT,
        at(PAGE_ALLOC_C, &["free_pages_check"], "page_count", First),
    ),
    (
        &paths::MERGE_ONLY_BELOW_PAGE,
        at(BOOTMEM_C, CORE, "last_offset", First),
    ),
    (
        &paths::FREE_MOVES_LAST_SUCCESS,
        at(BOOTMEM_C, &["free_bootmem_core"], "last_success", First),
    ),
    (
        &paths::SCAN_FROM_LAST_SUCCESS,
        at(BOOTMEM_C, CORE, "last_success", First),
    ),
    (
        &paths::SCAN_ROUNDS_INDEX,
        at(BOOTMEM_C, CORE, "find_next_zero_bit", First),
    ),
    (
        &paths::SCAN_TESTS_PAST_BITMAP,
        at(BOOTMEM_C, CORE, "find_next_zero_bit", First),
    ),
    (
        &paths::ZERO_SIZE_WARNING,
        at(BOOTMEM_C, CORE, "printk", First),
    ),
    (
        &paths::NO_RESTART_FROM_OFFSET,
        at(BOOTMEM_C, CORE, "restart_scan", Last),
    ),
    (
        &paths::SKIP_PAST_CONFLICT,
        at(BOOTMEM_C, CORE, "fail_block", Last),
    ),
    (
        &paths::HAND_OFF_FROM_BOOT_START,
        at(BOOTMEM_C, FREE_ALL, "node_boot_start", First),
    ),
    (
        &paths::QUIET_DOUBLE_RESERVE,
        at(BOOTMEM_C, RESERVE, "CONFIG_DEBUG_BOOTMEM", First),
    ),
    (&paths::NODE_FALLS_BACK, at(BOOTMEM_C, NODE, "return", Last)),
    (
        &paths::WHOLE_WORD_HAND_OFF,
        at(BOOTMEM_C, FREE_ALL, "ffs", First),
    ),
    (
        &paths::MEM_MAP_ONCE,
        at(MEM_MAP_C, MEM_MAP, "node_mem_map", First),
    ),
    (
        &paths::CONTIG_CALLS_UNDER_DISCONTIGMEM,
        file_level(BOOTMEM_C, "NODE_DATA"),
    ),
    (
        &paths::REMAP_ALLOC,
        function(&["arch/i386/mm/discontig.c"], &["alloc_remap"]),
    ),
    (
        &paths::MEM_MAP_FROM_REMAP,
        at(MEM_MAP_C, MEM_MAP, "alloc_remap", First),
    ),
    (
        &paths::EMPTY_NODE_NO_MEM_MAP,
        at(MEM_MAP_C, MEM_MAP, "node_spanned_pages", First),
    ),
    (
        &paths::SETS_SAVED_MAX_PFN,
        file_level_last(BOOTMEM_C, "saved_max_pfn"),
    ),
    (
        &paths::LIMIT_NODE_ABOVE,
        at(BOOTMEM_C, CORE, "limit", First),
    ),
    (
        &paths::LIMIT_ENDS_SCAN,
        at(BOOTMEM_C, CORE, "end_pfn", Nth(1)),
    ),
    (
        &paths::LIMIT_IGNORES_HINT,
        at(BOOTMEM_C, CORE, "last_success", First),
    ),
    (
        &paths::LIMIT_MACROS_NOT_ARCH,
        file_level(BOOTMEM_H, "alloc_bootmem_limit"),
    ),
    (
        &paths::TAIL_COUNTS_ZERO,
        at(BOOTMEM_C, FREE_ALL, "set_page_count", First),
    ),
    (
        &paths::SCAN_STOPS_AT_NODE_END,
        at(BOOTMEM_C, CORE, "break", First),
    ),
    (
        &paths::LOW_SKIPS_HIGH_NODE,
        at(BOOTMEM_C, CORE, "limit", First),
    ),
    (
        &paths::LOW_ENDS_SCAN,
        at(BOOTMEM_C, CORE, "end_pfn", Nth(1)),
    ),
    (
        &paths::LOW_IGNORES_HINT,
        at(BOOTMEM_C, CORE, "last_success", First),
    ),
    (
        &paths::LOW_OUT_OF_MEMORY_PANIC,
        at(BOOTMEM_C, &["__alloc_bootmem_low"], "panic", First),
    ),
    (
        &paths::LOW_NODE_NO_FALLBACK,
        function(BOOTMEM_C, &["__alloc_bootmem_low_node"]),
    ),
    (
        &paths::FREE_PAGES_BOOTMEM,
        function(PAGE_ALLOC_C, &["__free_pages_bootmem"]),
    ),
];

const fn at(
    file: &'static [&'static str],
    functions: &'static [&'static str],
    anchor: &'static str,
    which: Occurrence,
) -> Place {
    Place {
        files: file,
        functions,
        anchor: Some((anchor, which)),
    }
}

const fn function(file: &'static [&'static str], functions: &'static [&'static str]) -> Place {
    Place {
        files: file,
        functions,
        anchor: None,
    }
}

const fn file_level(file: &'static [&'static str], anchor: &'static str) -> Place {
    Place {
        files: file,
        functions: &[],
        anchor: Some((anchor, First)),
    }
}

const fn file_level_last(file: &'static [&'static str], anchor: &'static str) -> Place {
    Place {
        files: file,
        functions: &[],
        anchor: Some((anchor, Last)),
    }
}

/// Where `path` lies, if the table knows.
pub fn place(path: &CodePath) -> Option<Place> {
    PLACES
        .iter()
        .find(|(p, _)| std::ptr::eq(*p, path) || **p == *path)
        .map(|(_, place)| *place)
}

/// Every path the table places (for the test that no record's path is left out).
pub fn placed() -> impl Iterator<Item = &'static CodePath> {
    PLACES.iter().map(|(p, _)| *p)
}

/// The line of a release's text where `place` lies, with the function it lies in: the
/// anchor's line when the text has it there, else the function's first line.
pub fn locate<'t>(text: &'t CText, place: &Place) -> Option<(usize, Option<&'t Function>)> {
    let f = place.functions.iter().find_map(|name| text.function(name));
    if !place.functions.is_empty() && f.is_none() {
        return None;
    }
    let Some((ident, which)) = place.anchor else {
        return f.map(|f| (f.name_line, Some(f)));
    };
    let all = text.anchor_lines(f, ident);
    let code: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&n| !is_declaration(text.line(n).unwrap_or("")))
        .collect();
    // Where the identifier is only declared (a variable defined at file level), the
    // declaration is the place.
    let lines = if code.is_empty() { all } else { code };
    let line = match which {
        First => lines.first(),
        Nth(k) => lines.get(k).or(lines.last()),
        Last => lines.last(),
    };
    match (line, f) {
        (Some(&n), f) => Some((n, f)),
        (None, Some(f)) => Some((f.name_line, Some(f))),
        (None, None) => None,
    }
}

/// Whether a line only declares variables (`unsigned long i, start;`): an anchor
/// standing there is not the path's code. A declaration with an initialiser is code.
fn is_declaration(line: &str) -> bool {
    const TYPES: &[&str] = &[
        "unsigned", "long", "int", "void", "struct", "char", "static", "const", "signed",
    ];
    let first = line
        .trim_start()
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    (TYPES.contains(&first) || first.ends_with("_t")) && !line.contains('=')
}
