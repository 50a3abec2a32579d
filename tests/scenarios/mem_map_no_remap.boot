# mem_map_remap without the remap area: the same 128 MiB i386 node, whose mem_map now
# has to come from bootmem, as it always did before 2.6.13 (2.6.12
# mm/page_alloc.c:1749-1769) and still does where alloc_remap() answers NULL.
# Every 2.6 release: alloc_node_mem_map(0) takes 0xf8020 bytes (0xf9 pages) at
# 0x1000000, __pa(MAX_DMA_ADDRESS); alloc_bootmem(0x2000) merges into the partial last
# page at 0x10f8020; free_all_bootmem() hands over 30464 pages, 249 fewer than the
# 30713 of mem_map_remap from 2.6.13 on. That difference is the bootmem the remap
# area saves.
arch i386

init_bootmem(0x4a3, 0x7c00)
free_bootmem(0x0, 0x9f000)
free_bootmem(0x100000, 0x7b00000)
reserve_bootmem(0x100000, 0x3a4000)
reserve_bootmem(0x0, 0x1000)
alloc_node_mem_map(0)                            # 0x1000000
alloc_bootmem(0x2000)                            # 0x10f8020
free_all_bootmem()

# expect 2.6.12..: line 16 = 0x1000000
# expect 2.6.12..: line 17 = 0x10f8020
# expect 2.6.12..: line 18 = 30464
