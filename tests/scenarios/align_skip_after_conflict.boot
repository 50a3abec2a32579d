# Free pages {0, 4, 5}; two pages at 16 KiB alignment.
# 2.4.22: candidate 0 fails at page 1, the next candidate is 4, and pages 4-5 are
#   free: 0x4000.
# 2.6.0 on (2dd23d7c): after the conflict at page 1 the scan sets i = ALIGN(1, 4) = 4, then
#   the for loop adds incr again (2.6.0 bootmem.c:198, 183): candidate 8. Nothing fits on node 0,
#   so the allocation comes from node 1, which is searched after it.
arch x86_64

init_bootmem_node(1, 0x301, 0x100, 0x200)
init_bootmem_node(0, 0x300, 0x0, 0x40)       # node 0 is initialised last: searched first
free_bootmem_node(1, 0x100000, 0x100000)
free_bootmem_node(0, 0x0, 0x1000)
free_bootmem_node(0, 0x4000, 0x2000)
__alloc_bootmem(0x2000, 0x4000, 0)
# expect 2.4.22: line 14 = 0x4000
# expect 2.6.12..: line 14 = 0x100000
# 2.5.68 to 2.5.75 take 0x4000 as 2.4.22 does: their fail_block: label is an empty
# statement (bootmem.c 2.5.68:197-198), so the for loop's i += incr gives candidate 4,
# and find_next_zero_bit(4) is 4. 2dd23d7c (2.6.0-test2) brought the skip of 2.6.12.
# expect 2.5.68..2.5.75: line 14 = 0x4000
# expect 2.6.0..: line 14 = 0x100000
