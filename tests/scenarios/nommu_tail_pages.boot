# b5810039 "core remove PageReserved" (2.6.15) with CONFIG_MMU=n. free_all_bootmem
# hands each whole free word over as one order-5 block (32-bit). set_page_refs()
# gives every page of the block a count of 1 without an MMU (2.6.15
# mm/page_alloc.c:454-469); then the line b5810039 added, set_page_count(page + j, 0)
# (bootmem.c:310), puts the 31 tails back to 0, and __free_pages_ok()'s
# #ifndef CONFIG_MMU __put_page() (page_alloc.c:404-408) takes them to -1:
# free_pages_check() reports each tail as a bad page. PG_reserved is clear, so the block
# is freed all the same.
# 2.6.15: the three order-5 blocks (pfns 0x20, 0x40, 0x60) are marked bad; the 31
#   single pages of the first word and the bitmap page are not.
# 2.6.12-2.6.14: the tails keep set_page_refs()'s 1, __put_page() takes them to 0, and
#   nothing is reported. 2.6.16 hands blocks over through __free_pages_bootmem(),
#   which checks nothing (a226f6c8).
# See mmu_tail_pages for the default configuration, where no release reports anything.
arch i386
config CONFIG_MMU=n

init_bootmem(0x80, 0x80)
free_bootmem(0x0, 0x80000)
reserve_bootmem(0x0, 0x1000)
free_all_bootmem()                               # = 31 + 3 * 32 + 1 = 128

# expect all: line 21 = 128
