# A four-page request that node 0 (searched first) cannot satisfy, while node 1 can.
# 2.4.0: a failed scan has no return NULL (bootmem.c:175-179): with preferred already
#   0 it falls into found: with start 0, sets last_pos 3 and last_offset 0, sets the
#   bits of free pages 0 and 1, and BUGs at page 2 (bootmem.c:219). Node 1 is never
#   tried; pages 0-1 of node 0 stay reserved.
# 2.4.4 to 2.4.22 (linux-history 2.4.3.4 on): node 0 returns NULL and
#   __alloc_bootmem tries node 1: 0x40000.
# 2.6.12 to 2.6.16: the same, 0x40000 from node 1.
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x0, 0x40)       # initialised last: heads pgdat_list
free_bootmem_node(1, 0x40000, 0x40000)       # node 1: all 64 pages free
free_bootmem_node(0, 0x0, 0x2000)            # node 0: pages 0-1 free
free_bootmem_node(0, 0xa000, 0x3000)         # and pages 10-12; no run of four
__alloc_bootmem(0x4000, 0x1000, 0)

# expect 2.4.0: bug mm/bootmem.c:219 at line 16
# expect 2.4.4..: line 16 = 0x40000
