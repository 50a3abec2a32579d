# alloc_node_mem_map(): one struct page more than the node spans, from
# alloc_bootmem_node() (cache aligned, goal MAX_DMA_ADDRESS). 2.4.22's
# free_area_init_core() also rounds the address up to a whole struct page from
# PAGE_OFFSET (MAP_ALIGN). Up to 2.6.8 a second call allocates a second map (the guard
# tests the mem_map argument, always NULL); from 2.6.9 (01af8988) the node keeps its map.
arch x86_64

init_bootmem_node(0, 0x1800, 0x0, 0x2000)    # 32 MiB
free_bootmem_node(0, 0x0, 0x1800000)
alloc_bootmem_node(0, 100)                   # leaves a partial page at 16 MiB
alloc_node_mem_map(0)
alloc_node_mem_map(0)
# expect all: completes
# expect 2.4.22..2.5.34: line 11 = 0x10000a0
# expect 2.5.37..2.5.52: line 11 = 0x1000080
# 2.5.68 to 2.5.75 take the map as alloc_bootmem_node() returns it (e07316f9, 2.5.37),
# but their free_area_init_node() still tests its node_mem_map argument, NULL, and
# allocates a second map.
# expect 2.4.22: line 11 = 0x10000a0
# expect 2.4.22: line 12 = 0x10700d8
# expect 2.5.68..2.5.75: line 11 = 0x1000080
# expect 2.5.68..2.5.75: line 12 = 0x10700c0
# expect 2.6.12: line 11 = 0x1000080
# expect 2.6.12: line 12 = 0x1000080
# expect 2.6.0..2.6.8: line 12 = 0x10700c0
# expect 2.6.9..: line 12 = 0x1000080
