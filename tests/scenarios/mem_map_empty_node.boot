# alloc_node_mem_map() twice for a node that spans no pages (start pfn == end pfn), at
# the head of pgdat_list; node 1 has room. The map would be one struct page (56 bytes
# on x86_64): node_spanned_pages + 1.
# 2.4.0: the failed scan falls into found: with start 0: BUG at bootmem.c:181.
# 2.4.22, and 2.6.0 to 2.6.7: free_area_init_node() asks alloc_bootmem_node() for it; the empty
#   node has none, and __alloc_bootmem_node() prints "bootmem alloc of 56 bytes
#   failed!" and panics (page_alloc.c:1384-1386 in 2.6.0).
# 2.6.8: the node falls back to every node (e2dcfb35): node 1 gives 0x40000; the
#   second call allocates again, the test being on the NULL argument: 0x40040.
# 2.6.9 to 2.6.11: the map now comes only while the node has none (01af8988,
#   page_alloc.c:1701 in 2.6.11): 0x40000, then the same map again.
# 2.6.12 on: a node that spans no pages gets no map at all (ecce8424,
#   page_alloc.c:1729-1730 in 2.6.12-rc1): NULL twice, and node 1 keeps every page.
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x10, 0x10)      # node 0: no pages at all
free_bootmem_node(1, 0x40000, 0x40000)
alloc_node_mem_map(0)
alloc_node_mem_map(0)

# expect 2.4.0: bug mm/bootmem.c:181 at line 19
# expect 2.4.22..2.6.7: printk "bootmem alloc of 56 bytes failed!" at line 19
# expect 2.4.22..2.6.7: panic "Out of memory" at line 19
# expect 2.6.8..: completes
# expect 2.6.8..2.6.11: line 19 = 0x40000
# expect 2.6.8: line 20 = 0x40040
# expect 2.6.9..2.6.11: line 20 = 0x40000
# expect 2.6.12..: line 19 = NULL
# expect 2.6.12..: line 20 = NULL
