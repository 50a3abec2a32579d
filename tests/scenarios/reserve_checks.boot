# The sanity checks of reserve_bootmem_core: a reserve reaching past the node's end.
# 2.4.22: BUG() at bootmem.c:97. 2.6.12: BUG_ON at bootmem.c:94. A reserve of zero bytes
# would BUG earlier (2.4.22 line 86, 2.6.12 line 91); a partial page counts as reserved.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
reserve_bootmem(0x10800, 0x100)              # inside page 0x10: the whole page
reserve_bootmem(0xff000, 0x1001)             # one byte into pfn 0x100, past the node

# expect 2.4.22: bug mm/bootmem.c:97 at line 7
# expect 2.6.0..2.6.4: bug mm/bootmem.c:92 at line 7
# expect 2.6.7: bug mm/bootmem.c:88 at line 7
# expect 2.6.8..2.6.10: bug mm/bootmem.c:93 at line 7
# expect 2.6.11: bug mm/bootmem.c:94 at line 7
# expect 2.6.12: bug mm/bootmem.c:94 at line 7
# expect 2.5.68..2.5.71: bug mm/bootmem.c:96 at line 7
# expect 2.5.75: bug mm/bootmem.c:92 at line 7
