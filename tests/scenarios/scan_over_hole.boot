# The speed-up of 79e626e1d1 ("bootmem speedup from the IA64 tree", 2.5.68): a 128 MiB
# x86_64 node whose first 120 MiB are reserved, a large hole in the memory map, then
# sixteen single-page allocations with no goal.
# Up to 2.5.52 every allocation scans from index 0, one test_bit() per reserved page,
#   and so does the next, over the pages the earlier ones took too: the work grows with
#   the hole times the allocations.
# From 2.5.68 find_next_zero_bit() reads the hole a word at a time, and later scans
#   start at last_success, where the last allocation began.
# Every release returns the same pages; only the cost differs (the trace's cost lines,
# and the diff's "cost in the C" of 2.5.52 → 2.5.68).
arch x86_64

init_bootmem_node(0, 0x8000, 0x0, 0x8000)    # 32768 pages, the bitmap at 128 MiB
free_bootmem(0x0, 0x8000000)
reserve_bootmem(0x0, 0x7800000)              # pfns 0x0-0x7800 reserved
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_pages(0x1000)

# expect all: completes
# expect all: line 16 = 0x7800000
# expect all: line 31 = 0x780f000
