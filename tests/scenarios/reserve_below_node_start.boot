# A reserve that starts one page below the node and ends two pages into it.
# 2.4.0, 2.4.4: sidx = (addr - node_boot_start) / PAGE_SIZE wraps to a huge value, eidx is 2,
#   and the only checks are size and end (bootmem.c:84-87): the loop does not run and
#   nothing is reserved. The allocation then gets the node's first page, 0x100000.
# 2.4.5 to 2.4.22: BUG() (sidx >= eidx, linux-history 2.4.4.6) at bootmem.c:91, 92, 93.
# 2.6.12: BUG_ON at bootmem.c:92; 2.6.16: BUG_ON at bootmem.c:100.
arch x86_64

init_bootmem_node(0, 0x300, 0x100, 0x200)    # pfns 0x100-0x1ff
free_bootmem_node(0, 0x100000, 0x100000)
reserve_bootmem_node(0, 0xff000, 0x3000)
alloc_bootmem_node(0, 0x1000)
# expect 2.4.0: line 12 = 0x100000
# expect 2.4.22: bug mm/bootmem.c:93 at line 11
# expect 2.6.12: bug mm/bootmem.c:92 at line 11
# expect 2.6.16: bug mm/bootmem.c:100 at line 11
# expect ..2.4.4: line 12 = 0x100000
# expect 2.4.5..2.4.17: bug mm/bootmem.c:91 at line 11
# expect 2.4.19: bug mm/bootmem.c:92 at line 11
# expect 2.5.68..2.5.71: bug mm/bootmem.c:92 at line 11
# expect 2.5.75: bug mm/bootmem.c:88 at line 11
# expect 2.6.0..2.6.4: bug mm/bootmem.c:88 at line 11
# expect 2.6.7: bug mm/bootmem.c:86 at line 11
# expect 2.6.8..2.6.10: bug mm/bootmem.c:91 at line 11
# expect 2.6.11: bug mm/bootmem.c:92 at line 11
