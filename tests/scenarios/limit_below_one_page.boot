# A limit below one page (1 to PAGE_SIZE - 1) is shifted to pfn 0 (2.6.14/2.6.15
# bootmem.c:172), and a zero limit clamps nothing and lets the last_success hint be
# followed (:173, :192): no limit at all. But the test that refuses a node starting at
# or above the limit runs first, on the byte value (:169-170), so such a limit turns
# away every node that does not start at physical 0.
# Node 0 spans 0-4 MiB (searched first), node 1 spans 4-8 MiB. 2.6.14 and 2.6.15:
# - node 0 with limit 0xfff: as with no limit, the goal 2 MiB is honoured, 0x200000;
#   the plain call then takes the next page, 0x201000.
# - node 1 with limit 0xfff: refused at once (4 MiB >= 0xfff); the fallback, still
#   under limit 0xfff, lands in node 0, whose start 0 passes the test; the goal 6 MiB
#   lies outside node 0, so the scan starts at 0 and the hint of 0x201000 is not
#   consulted: the first free page, 0x1000.
# - the same call without a limit: 0x600000, in node 1.
# 2.6.13 and older, and 2.6.16 (008857c1 removed the _limit calls), stop at the first
# _limit call as unavailable.
arch x86_64

init_bootmem_node(1, 0x800, 0x400, 0x800)
init_bootmem_node(0, 0x801, 0x0, 0x400)
free_bootmem_node(1, 0x400000, 0x400000)
free_bootmem_node(0, 0x0, 0x400000)
reserve_bootmem_node(0, 0x0, 0x1000)
__alloc_bootmem_node_limit(0, 0x1000, 0x1000, 0x200000, 0xfff)   # 0x200000
__alloc_bootmem_node(0, 0x1000, 0x1000, 0x200000)                # 0x201000
__alloc_bootmem_node_limit(1, 0x1000, 0x1000, 0x600000, 0xfff)   # 0x1000
__alloc_bootmem_node(1, 0x1000, 0x1000, 0x600000)                # 0x600000

# expect 2.6.14..2.6.15: line 23 = 0x200000
# expect 2.6.14..2.6.15: line 24 = 0x201000
# expect 2.6.14..2.6.15: line 25 = 0x1000
# expect 2.6.14..2.6.15: line 26 = 0x600000
# expect ..2.6.13, 2.6.16..: unavailable __alloc_bootmem_node_limit at line 23
