# An allocation when the node at the head of pgdat_list spans no pages
# (start pfn == end pfn, so eidx is 0); node 1 has room.
# 2.4.0: the scan tests nothing, control falls into found: with start 0, and
#   "if (start >= eidx) BUG()" fires: BUG at bootmem.c:181.
# 2.4.4 to 2.6.16 (linux-history 2.4.3.4 on): node 0 returns NULL and __alloc_bootmem goes on to
#   node 1: the goal (MAX_DMA_ADDRESS, 16 MiB) is outside it, so the scan starts at
#   its first page: 0x40000.
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x10, 0x10)      # node 0: no pages at all
free_bootmem_node(1, 0x40000, 0x40000)
alloc_bootmem(0x100)

# expect 2.4.0: bug mm/bootmem.c:181 at line 13
# expect 2.4.4..: line 13 = 0x40000
