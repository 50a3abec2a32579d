# A node's mem_map from its remap area: since 6f167ec7 (2.6.13) alloc_node_mem_map()
# tries alloc_remap() before alloc_bootmem_node() (2.6.13 mm/page_alloc.c:1945-1971).
# A 128 MiB i386 NUMA node whose top 4 MiB (one large page) calculate_numa_remap_pages()
# has carved off for its pg_data_t and mem_map, so bootmem covers pfns 0-0x7c00 only;
# the allocator starts one page in, past the pg_data_t.
# 2.6.13 on: the mem_map of (0x7c00 + 1) * 32 = 0xf8020 bytes comes from the remap
#   area at 0x7c01000 (line 23); the next alloc_bootmem() gets 0x1000000 (line 24) and
#   free_all_bootmem() hands 30713 pages to the page allocator.
# mem_map_no_remap is this scenario without the remap area: there, as in 2.6.12 always,
# the mem_map takes 0xf9 (249) pages of bootmem at 0x1000000, alloc_bootmem() merges
# into its last page at 0x10f8020, and free_all_bootmem() hands over 30464 pages, 249
# fewer.
# Releases before 2.6.13 have no remap area: this run stops at line 22 as unavailable.
arch i386
config CONFIG_HAVE_ARCH_ALLOC_REMAP=y

init_bootmem(0x4a3, 0x7c00)                      # = 0xf80 bytes of bitmap
free_bootmem(0x0, 0x9f000)
free_bootmem(0x100000, 0x7b00000)
reserve_bootmem(0x100000, 0x3a4000)              # kernel image and the bitmap page
reserve_bootmem(0x0, 0x1000)
remap_area(0, 0x7c01000, 0x3ff000)
alloc_node_mem_map(0)                            # 0x7c01000
alloc_bootmem(0x2000)                            # 0x1000000
free_all_bootmem()

# expect 2.6.13..: line 23 = 0x7c01000
# expect 2.6.13..: line 24 = 0x1000000
# expect 2.6.13..: line 25 = 30713
# expect ..2.6.12: unavailable remap_area at line 22
