# The bundled default: a 128 MiB i386 PC booted the way setup_memory() in
# arch/i386/kernel/setup.c does it, then a few typical early allocations, then
# mem_init()'s free_all_bootmem().
#
# e820 map: 0x0-0x9fc00 usable (639 KiB), 0x9fc00-0x100000 reserved (EBDA, VGA,
# BIOS), 0x100000-0x8000000 usable. The kernel image and its initial page tables
# end at 0x4a3000, so the bitmap goes in the next page, pfn 0x4a3.
arch i386

init_bootmem(0x4a3, 0x8000)            # start_pfn, max_low_pfn: one bit per page of 128 MiB

# register_bootmem_low_pages(): each usable e820 range, shrunk to whole pages.
free_bootmem(0x0, 0x9f000)
free_bootmem(0x100000, 0x7f00000)

# The kernel and the bitmap, from HIGH_MEMORY to the end of the bitmap:
# PFN_PHYS(start_pfn) + bootmap_size + PAGE_SIZE-1 - HIGH_MEMORY.
reserve_bootmem(0x100000, 0x3a4fff)
reserve_bootmem(0x0, 0x1000)           # page 0: BIOS data
reserve_bootmem(0x1000, 0x1000)        # smp_alloc_memory(): the SMP trampoline

# paging_init(): page tables for low memory come from low pages.
alloc_bootmem_low_pages(0x1000)
alloc_bootmem_low_pages(0x1000)

# free_area_init(): the mem_map of the single node.
alloc_node_mem_map(0)

# pidhash_init(), vfs_caches_init_early() and friends: cache-aligned tables.
alloc_bootmem(0x2000)
alloc_bootmem(0x2000)
alloc_bootmem(0x20000)
alloc_bootmem(0x10000)

# Small allocations share a page: watch last_pos and last_offset.
alloc_bootmem(100)
alloc_bootmem(200)
alloc_bootmem(3000)

# mem_init(): everything still free goes to the page allocator.
free_all_bootmem()

# expect all: completes
