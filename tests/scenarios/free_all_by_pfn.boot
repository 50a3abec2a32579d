# free_all_bootmem_core() walks the bitmap word by word. d41dee36 "sparsemem memory
# model" (2.6.13) made it keep a pfn, advanced by BITS_PER_LONG after every word
# (2.6.13 bootmem.c:319), and look the page up with pfn_to_page() in each word that
# frees something (2.6.13:291, 307), where 2.6.12 walked one struct page pointer
# (2.6.12:268, 293, 304). The pages handed over, and their order, must not change:
# every 2.6 release here gives the same trace. b5810039 (2.6.15) adds
# set_page_count(page + j, 0) for the tails of a whole-word block (2.6.15:310), which
# with the default CONFIG_MMU=y leaves them as 2.6.14 left them, so 2.6.15 agrees too.
#
# Node 0 (pfns 0x0-0xf0, fast path): word 0 is free (one order-6 block), word 1 is
# reserved (skipped), word 2 has one reserved page (63 single pages), and the last word
# covers only 48 pages (single pages up to the node end).
# Node 1 (pfns 0x1001-0x1081) starts at an odd pfn, so ffs() refuses the fast path
# (2.6.13:282-284) and every free page goes over singly.
# The bitmap pages go last, one per node.
arch x86_64

init_bootmem_node(1, 0x2000, 0x1001, 0x1081)     # = 16
init_bootmem_node(0, 0x100, 0x0, 0xf0)           # = 32
free_bootmem_node(0, 0x0, 0xf0000)
reserve_bootmem_node(0, 0x40000, 0x40000)
reserve_bootmem_node(0, 0x85000, 0x1000)
free_bootmem_node(1, 0x1001000, 0x80000)
reserve_bootmem_node(1, 0x1010000, 0x3000)
free_all_bootmem_node(0)                         # = 64 + 63 + 48 + 1 = 176
free_all_bootmem_node(1)                         # = 125 + 1 = 126

# expect 2.6.12..: line 25 = 176
# expect 2.6.12..: line 26 = 126
