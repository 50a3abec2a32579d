# 281dd25c (2.6.14) follows the last_success hint only when
# `!limit || (limit && limit > bdata->last_success)` (2.6.14/2.6.15 bootmem.c:192),
# after `limit >>= PAGE_SHIFT` (:172): a pfn compared with a byte offset from the node
# start. With a 4 GiB limit (pfn 0x100000) a hint of 1 MiB or more is ignored, and the
# same goal gives another address than without a limit; a hint below 1 MiB is followed.
# One x86_64 node of 32 MiB from 0. 2.6.14 and 2.6.15:
# - goal 24 MiB: 0x1800000; last_success 0x1800000.
# - goal 16 MiB, no limit: the hint (0x1800000 >= preferred) wins: 0x1801000.
# - goal 16 MiB, 4 GiB limit: 0x100000 > 0x1801000 is false, the hint is ignored:
#   0x1000000.
# - goal 16 MiB, no limit: the hint is now 0x1000000 itself: 0x1001000.
# - freeing page 0x80000 moves the hint back to 0x80000 (bootmem.c:127-128); with the
#   4 GiB limit and goal 0x40000 the hint is followed now (0x100000 > 0x80000): 0x80000,
#   as 2.6.13's rules would give. With a 2 MiB limit (pfn 0x200) the new hint of
#   0x80000 is ignored again, and the goal gives 0x40000.
# 2.6.13 and older, and 2.6.16 (008857c1 removed the _limit calls), stop at the first
# _limit call as unavailable.
arch x86_64

init_bootmem_node(0, 0x2000, 0x0, 0x2000)
free_bootmem_node(0, 0x0, 0x2000000)
reserve_bootmem_node(0, 0x0, 0x1000)
__alloc_bootmem(0x1000, 0x1000, 0x1800000)                      # 0x1800000
__alloc_bootmem(0x1000, 0x1000, 0x1000000)                      # 0x1801000
__alloc_bootmem_limit(0x1000, 0x1000, 0x1000000, 0x100000000)   # 0x1000000
__alloc_bootmem(0x1000, 0x1000, 0x1000000)                      # 0x1001000
reserve_bootmem_node(0, 0x80000, 0x1000)
free_bootmem_node(0, 0x80000, 0x1000)
__alloc_bootmem_limit(0x1000, 0x1000, 0x40000, 0x100000000)     # 0x80000
__alloc_bootmem_limit(0x1000, 0x1000, 0x40000, 0x200000)        # 0x40000

# expect 2.6.14..2.6.15: line 23 = 0x1800000
# expect 2.6.14..2.6.15: line 24 = 0x1801000
# expect 2.6.14..2.6.15: line 25 = 0x1000000
# expect 2.6.14..2.6.15: line 26 = 0x1001000
# expect 2.6.14..2.6.15: line 29 = 0x80000
# expect 2.6.14..2.6.15: line 30 = 0x40000
# expect ..2.6.13, 2.6.16..: unavailable __alloc_bootmem_limit at line 25
