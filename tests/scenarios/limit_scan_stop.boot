# 281dd25c (2.6.14): below the limit, the node ends at pfn limit >> PAGE_SHIFT
# (2.6.14/2.6.15 bootmem.c:172-176), and the goal test uses that end too (:187-188).
# One x86_64 node of 4 MiB; everything below 2 MiB is reserved but pages 0x1fe and
# 0x1ff. All expected results are 2.6.14's and 2.6.15's; 2.6.13 and older, and 2.6.16
# (008857c1 removed the _limit calls), stop at the first _limit call as unavailable.
# - Without a limit a goal of 3 MiB is honoured: 0x300000.
# - With a 2 MiB limit the same goal is past end_pfn, so preferred is 0 and the scan
#   takes the first free page from the start, 0x1fe000.
# - Two pages under the 2 MiB limit: only 0x1ff is free below it; the candidate at
#   0x1ff needs page 0x200, and j >= eidx fails the block (:210-211). The node answers
#   NULL and, being the only node, __alloc_bootmem_limit() panics, although 2 MiB of
#   free memory lie just above the limit.
arch x86_64

init_bootmem_node(0, 0x400, 0x0, 0x400)
free_bootmem_node(0, 0x0, 0x400000)
reserve_bootmem_node(0, 0x0, 0x1fe000)
__alloc_bootmem(0x1000, 0x1000, 0x300000)             # 0x300000
__alloc_bootmem_limit(0x1000, 0x1000, 0x300000, 0x200000)   # 0x1fe000
__alloc_bootmem_limit(0x2000, 0x1000, 0, 0x200000)     # panic: Out of memory

# expect 2.6.14..2.6.15: line 18 = 0x300000
# expect 2.6.14..2.6.15: line 19 = 0x1fe000
# expect 2.6.14..2.6.15: panic "Out of memory" at line 20
# expect ..2.6.13, 2.6.16..: unavailable __alloc_bootmem_limit at line 19
