# Freeing a page that is already free BUGs in free_bootmem_core (2.4.22 bootmem.c:127,
# 2.6.12 bootmem.c:130); the pages before it in the range are already cleared. A
# partial page at either end of a free is left reserved.
init_bootmem(0x100, 0x100)
free_bootmem(0x800, 0x2000)                  # pages 1 only: 0x800-0x1000 and 0x2000-0x2800 are partial
free_bootmem(0x4000, 0x1000)
free_bootmem(0x3000, 0x2000)                 # page 3 is cleared, then page 4 was free: BUG

# expect 2.4.22: bug mm/bootmem.c:127 at line 7
# expect 2.6.0: bug mm/bootmem.c:125 at line 7
# expect 2.6.4: bug mm/bootmem.c:128 at line 7
# expect 2.6.7: bug mm/bootmem.c:124 at line 7
# expect 2.6.8..2.6.10: bug mm/bootmem.c:129 at line 7
# expect 2.6.11: bug mm/bootmem.c:130 at line 7
# expect 2.6.12: bug mm/bootmem.c:130 at line 7
# expect 2.5.68..2.5.71: bug mm/bootmem.c:129 at line 7
# expect 2.5.75: bug mm/bootmem.c:125 at line 7
