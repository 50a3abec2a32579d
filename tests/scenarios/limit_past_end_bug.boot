# The past-the-end BUG of 2.6.12-2.6.14, reached through a limit. With a limit the scan
# ends at eidx = (limit >> PAGE_SHIFT) - node start pfn (2.6.14 bootmem.c:172-176), a
# page inside the node. When nothing is free below it, the x86_64
# find_next_zero_bit() answers eidx itself (the end of the last word it read), and
# 2.6.14 tests that bit (:207): the page at the limit, free here, so a one-page request
# takes start = eidx and hits BUG_ON(start >= eidx) at bootmem.c:229. The node's bitmap
# is not full at all: 2 GiB of it lie free above the limit.
# This is 281dd25c's own use: alloc_bootmem_low_pages_limit(size, 4 GiB) for the
# swiotlb buffer, on a machine whose first-searched node is full below 4 GiB.
# 2.6.14: BUG at mm/bootmem.c:229 on the _limit call.
# 2.6.15: 66d43e98 stops the scan at eidx (bootmem.c:207-208): node 1 answers NULL,
#   node 0 (below the limit) gives 0x1000, and the plain call then finds 0x100000000
#   in node 1 (searched first, no limit).
# 2.6.13 and older, and 2.6.16: the _limit call is unavailable.
arch x86_64

init_bootmem_node(0, 0x1000, 0x0, 0x1000)            # node 0: 0-16 MiB
init_bootmem_node(1, 0x1001, 0x80000, 0x180000)      # node 1: 2-6 GiB, searched first
free_bootmem_node(0, 0x0, 0x1000000)
free_bootmem_node(1, 0x80000000, 0x100000000)
reserve_bootmem_node(1, 0x80000000, 0x80000000)      # node 1 is full below 4 GiB
reserve_bootmem_node(0, 0x0, 0x1000)
alloc_bootmem_low_pages_limit(0x1000, 0x100000000)
alloc_bootmem_low_pages(0x1000)

# expect 2.6.14: bug mm/bootmem.c:229 at line 23
# expect 2.6.15: line 23 = 0x1000
# expect 2.6.15: line 24 = 0x100000000
# expect ..2.6.13, 2.6.16..: unavailable alloc_bootmem_low_pages_limit at line 23
